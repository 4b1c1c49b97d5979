// The report's reliability section: for each journey, R(t) (no outage yet) and A(t) (up at
// that moment) over the horizon with their intervals, and the MTTF and B10 life in words.
#include <algorithm>
#include <cmath>

#include "reliasim/analysis/summary.hpp"
#include "report_sections.hpp"
#include "report_text.hpp"

namespace reliasim::report {
namespace {

namespace text = report_text;

svg::LineSeries probability_series(const std::vector<ReliabilityPoint>& points,
                                   const std::string& what) {
  svg::LineSeries s;
  for (const ReliabilityPoint& p : points) {
    s.estimate.push_back(100 * p.probability.estimate);
    s.lower.push_back(100 * p.probability.lower);
    s.upper.push_back(100 * p.probability.upper);
    s.point_labels.push_back(
        text::duration(p.time) + ": " + what + " " + text::percent(p.probability.estimate, 2) +
        " (95 % interval " +
        text::bounds(p.probability, [](double v) { return text::percent(v, 2); }) + ")");
  }
  return s;
}

std::string life_phrase(double seconds) {
  return std::isfinite(seconds) ? text::duration(seconds) : "beyond the horizon";
}

std::string caption(const ScopeSummary& scope, double horizon) {
  std::string out = "R(t) is the chance that " + scope_phrase(scope.scope) +
                    " has had no outage by time t (1 - R is the unreliability F); A(t) the "
                    "chance that it is up at that moment. ";
  out += std::isfinite(scope.mttf.estimate)
             ? "Every simulated horizon had an outage; the mean time to the first (MTTF) is " +
                   text::duration(scope.mttf.estimate) + ". "
             : "Some simulated horizons had no outage, so the mean time to the first is more "
               "than " +
                   text::duration(scope.restricted_mttf.estimate) + ". ";
  out += "10 % of them had their first outage by " + life_phrase(scope.b_lives[1].estimate) +
         " (B10), and " + text::count(scope.outages_in_horizon.estimate) +
         " outages are expected within " + text::duration(horizon) +
         ". The shaded bands are 95 % intervals.";
  return out;
}

// With --analytic, the exact values beside the simulated ones, when the chain was solved.
std::string exact_phrase(const Summary& summary, std::size_t index) {
  if (!summary.analytic) return {};
  const analytic::TransientEstimate& t = summary.analytic->transient;
  if (!t.solved() || index >= t.scopes.size())
    return summary.analytic->transient.not_solved.empty()
               ? std::string{}
               : " No exact values over the horizon: " + t.not_solved + ".";
  const analytic::TransientScope& exact = t.scopes[index];
  return " Exact values from the Markov chain: R at the end " +
         text::percent(exact.reliability.back(), 2) + ", A at the end " +
         text::percent(exact.availability.back(), 2) + ", MTTF " +
         (std::isfinite(exact.mttf) ? text::duration(exact.mttf) : "infinite") + ", B10 " +
         life_phrase(exact.b_lives[1]) + ".";
}

std::string reliability_chart(const Summary& summary, std::size_t index) {
  const ScopeSummary& scope = summary.scopes[index];
  const double horizon = summary.horizon;
  const text::DurationUnit unit = text::duration_unit(horizon);
  svg::LineChart c;
  c.frame.title = "Reliability and point availability: " + scope.scope.name;
  c.x.title = "time from the start (" + unit.name + ")";
  c.x.min = 0.0, c.x.max = horizon / unit.seconds;
  c.y.title = "probability (%)";
  c.y.suffix = " %";
  c.series.push_back(probability_series(scope.reliability, "no outage yet"));
  c.series.back().line_label = "R(t): no outage yet";
  c.series.back().band_label = "95 % intervals";
  c.series.push_back(probability_series(scope.point_availability, "up"));
  c.series.back().line_label = "A(t): up at t";
  c.series.back().style = "second";
  for (const ReliabilityPoint& p : scope.reliability) c.xs.push_back(p.time / unit.seconds);
  return figure(c.frame.title, svg::line_chart(c),
                caption(scope, horizon) + exact_phrase(summary, index));
}

}  // namespace

std::string reliability_section(const ReportInputs& in) {
  std::string out = "<section id=\"reliability\">\n<h2>Reliability over the horizon</h2>\n";
  for (std::size_t i = 0; i < in.summary.scopes.size(); ++i)
    if (in.summary.scopes[i].scope.journey && !in.summary.scopes[i].reliability.empty())
      out += reliability_chart(in.summary, i);
  return out + "</section>\n";
}

}  // namespace reliasim::report
