// The report's distribution sections: availability per window, downtime per simulated year,
// incident times and the SLA credit tail.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "reliasim/model/window_names.hpp"
#include "reliasim/stats/quantile.hpp"
#include "report_sections.hpp"
#include "report_text.hpp"

namespace reliasim::report {
namespace {

namespace text = report_text;

std::vector<double> scaled(std::vector<double> values, double factor) {
  for (double& v : values) v *= factor;
  return values;
}

std::vector<double> finite_only(const std::vector<double>& values) {
  std::vector<double> kept;
  std::copy_if(values.begin(), values.end(), std::back_inserter(kept),
               [](double v) { return std::isfinite(v); });
  return kept;
}

int bins_for(std::size_t values) {
  return std::clamp(static_cast<int>(std::lround(std::sqrt(static_cast<double>(values)))), 5, 40);
}

bool same_scope(const ScopeRef& ref, const ScopeInfo& scope) {
  return ref.journey == scope.journey && ref.index == scope.index;
}

// --- availability per window ---------------------------------------------------------------

std::string window_noun(const CompiledModel& model) {
  return model.windows.kind == WindowKind::calendar_month ? "month" : "window";
}

// An x tick: the month's name (with its year in January and at the first), or the number.
std::string tick_name(const CompiledModel& model, std::size_t w) {
  const std::string month = window_month(model, w);
  if (month.empty()) return std::to_string(w + 1);
  return w == 0 || month == "Jan" ? window_name(model, w) : month;
}

// Each target is drawn against the series its contract measures: an SLA that counts bad
// minutes against availability (down time), an SLO (and an SLA on error rates) against the
// share of requests served, since every failing request spends it.
std::vector<svg::Marker> targets(const CompiledModel& model, const ScopeInfo& scope) {
  std::vector<svg::Marker> levels;
  for (const SlaSpec& sla : model.slas)
    if (same_scope(sla.scope, scope))
      levels.push_back(
          {100 * sla.target,
           "SLA " + sla.name + ": " + text::target(sla.target) +
               (sla.rule == MeasureRule::bad_minutes ? " (availability)" : " (requests served)"),
           "target"});
  for (const SloSpec& slo : model.slos)
    if (same_scope(slo.scope, scope))
      levels.push_back({100 * slo.target,
                        "SLO " + slo.name + ": " + text::target(slo.target) + " (requests served)",
                        "objective"});
  return levels;
}

std::string target_phrases(const std::vector<svg::Marker>& levels) {
  std::string out;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const std::string kind = levels[i].style == "target" ? "SLA" : "SLO";
    out += (i == 0                   ? ""
            : i + 1 == levels.size() ? " and "
                                     : ", ") +
           ("the " + kind) + " target of " + text::target(levels[i].value / 100);
  }
  return out;
}

double served_share(const ScopeSummary& scope) {
  return 1.0 - scope.error_time_per_year.estimate / seconds_per_year;
}

// Digits that show both shares' shortfalls (availability is at least the share served).
int share_decimals(const ScopeSummary& scope) {
  return std::max(text::availability_decimals(scope.availability.estimate),
                  text::availability_decimals(served_share(scope)));
}

std::string availability_caption(const ReportInputs& in, const ScopeSummary& scope,
                                 const std::vector<svg::Marker>& levels) {
  const std::string noun = window_noun(in.model);
  const auto& windows = scope.window_availability;
  const auto worst = std::min_element(windows.begin(), windows.end(), [](auto& a, auto& b) {
    return std::isfinite(a.estimate) && (!std::isfinite(b.estimate) || a.estimate < b.estimate);
  });
  const int decimals = share_decimals(scope);
  const auto share = [decimals](double v) { return text::availability(v, decimals); };
  std::string caption = "On average " + scope_phrase(scope.scope) + " was available " +
                        share(scope.availability.estimate) + " of the time and served " +
                        share(served_share(scope)) + " of requests";
  if (worst != windows.end()) {
    const auto w = static_cast<std::size_t>(worst - windows.begin());
    caption += "; its worst " + noun + " (" + window_name(in.model, w) + ") averaged " +
               share(worst->estimate) + " available";
    if (w < scope.window_served.size())
      caption += " and " + share(scope.window_served[w].estimate) + " served";
  }
  if (!levels.empty()) caption += ", against " + target_phrases(levels);
  return caption + ". Availability counts down time only; requests served also counts degraded " +
         "time by the share of requests failing (steady traffic assumed), which is what an SLO " +
         "spends, so SLO lines read against it. The shaded bands are the 95 % intervals of each " +
         noun + "'s mean.";
}

// One series of the chart: a share per window in percent, with its interval and hover text.
svg::LineSeries window_series(const CompiledModel& model, const std::vector<Interval>& windows,
                              const std::string& what, int decimals) {
  svg::LineSeries s;
  for (std::size_t w = 0; w < windows.size(); ++w) {
    const Interval& a = windows[w];
    s.estimate.push_back(100 * a.estimate);
    s.lower.push_back(100 * a.lower);
    s.upper.push_back(std::min(100.0, 100 * a.upper));  // a t-interval can pass 100 %
    s.point_labels.push_back(
        window_name(model, w) + ": " + text::availability(a.estimate, decimals) + " " + what +
        " (95 % interval " +
        text::bounds(a, [&](double v) { return text::availability(v, decimals); }) + ")");
  }
  return s;
}

std::string availability_chart(const ReportInputs& in, const ScopeSummary& scope) {
  const auto& windows = scope.window_availability;
  const std::string noun = window_noun(in.model);
  svg::LineChart c;
  c.frame.title = "Availability and requests served per " + noun + ": " + scope.scope.name;
  c.x.title = in.model.windows.kind == WindowKind::calendar_month
                  ? "month (the horizon starts in " + window_name(in.model, 0) + ")"
                  : noun + " of the simulated horizon";
  c.x.min = 0.5, c.x.max = static_cast<double>(windows.size()) + 0.5;
  c.y.title = "available / served (%)";
  c.y.suffix = " %";
  c.levels = targets(in.model, scope.scope);
  const int decimals = share_decimals(scope);
  c.series.push_back(window_series(in.model, windows, "available", decimals));
  c.series.back().line_label = "availability (not down)";
  c.series.back().band_label = "95 % intervals";
  if (scope.window_served.size() == windows.size()) {
    c.series.push_back(
        window_series(in.model, scope.window_served, "of requests served", decimals));
    c.series.back().line_label = "requests served (what SLOs count)";
    c.series.back().style = "second";
  }
  for (std::size_t w = 0; w < windows.size(); ++w) {
    c.xs.push_back(static_cast<double>(w + 1));
    if (windows.size() <= 24) c.x.ticks.push_back({c.xs.back(), tick_name(in.model, w)});
  }
  return figure(c.frame.title, svg::line_chart(c), availability_caption(in, scope, c.levels));
}

// --- downtime per simulated year -------------------------------------------------------------

std::string downtime_chart(const ReportInputs& in) {
  const ScopeSummary& scope = in.summary.scopes.front();
  const std::vector<double> years = finite_only(in.samples.downtime_per_year);
  if (years.empty()) return paragraph("No trial was simulated, so there is nothing to show.");
  const SortedSample sorted(years);
  const double p95 = sorted.quantile(0.95), mean = scope.downtime_per_year.estimate;
  const text::DurationUnit unit = text::duration_unit(std::max(p95, sorted.values().back() / 2));
  svg::Histogram c =
      svg::bin_values(scaled(years, 1.0 / unit.seconds), bins_for(years.size()), false);
  c.frame.title = "Downtime per simulated year: " + scope.scope.name;
  c.x.title = "downtime in a year (" + unit.name + ")";
  c.y.title = "share of simulated years (%)";
  c.y.suffix = " %";
  c.markers = {{mean / unit.seconds, "mean " + text::duration(mean)},
               {p95 / unit.seconds, "95 % of years: below " + text::duration(p95)}};
  const std::string caption =
      "In 95 % of simulated years " + scope_phrase(scope.scope) + " was down less than " +
      text::duration(p95) + "; on average it was down " + text::duration(mean) +
      " a year (95 % interval " + text::bounds(scope.downtime_per_year, text::duration) + ").";
  return figure(c.frame.title, svg::histogram(c), caption);
}

// --- incident times --------------------------------------------------------------------------

struct Stage {
  const char* title;  // "Time to detect"
  const char* axis;   // "time to detect"
  const ReportSamples::Times& times;
};

// Heavy tails (a long repair is a hundred times a short one) read better on a log axis.
svg::Histogram duration_histogram(const Stage& stage, text::DurationUnit& unit) {
  const std::vector<double>& seconds = stage.times.seconds;
  const auto [low, high] = std::minmax_element(seconds.begin(), seconds.end());
  const double smallest = std::max(*low, 1.0);
  if (*high / smallest > 30) {
    unit = {"seconds", 1.0};
    svg::Histogram h = svg::bin_values(seconds, stage.times.counts, 30, true);
    h.x.ticks = text::duration_ticks(h.edges.front(), h.edges.back());
    if (h.x.ticks.size() < 2) h.x.ticks.clear();
    h.x.title = std::string(stage.axis) + " (log scale)";
    return h;
  }
  unit = text::duration_unit(*high);
  svg::Histogram h =
      svg::bin_values(scaled(seconds, 1.0 / unit.seconds), stage.times.counts, 30, false);
  h.x.title = std::string(stage.axis) + " (" + unit.name + ")";
  return h;
}

std::string stage_chart(const Stage& stage, const DurationSummary& d, const std::string& caption) {
  if (stage.times.seconds.empty())
    return paragraph(std::string(stage.title) + ": no incident reached this stage.");
  text::DurationUnit unit;
  svg::Histogram c = duration_histogram(stage, unit);
  c.frame.title = std::string(stage.title) + " of every incident";
  c.y.title = "share of incidents (%)";
  c.y.suffix = " %";
  c.markers = {{d.p50.estimate / unit.seconds, "half within " + text::duration(d.p50.estimate)},
               {d.p90.estimate / unit.seconds, "9 in 10 within " + text::duration(d.p90.estimate)}};
  return figure(c.frame.title, svg::histogram(c), caption);
}

// --- SLA credit tail -------------------------------------------------------------------------

// P(credit > x) at 0 and at each distinct positive credit, in percent.
void exceedance(std::vector<double> credits, std::vector<double>& xs, std::vector<double>& ys) {
  std::sort(credits.begin(), credits.end());
  const double n = static_cast<double>(credits.size());
  const auto above = [&](double x) {
    return 100.0 *
           static_cast<double>(credits.end() -
                               std::upper_bound(credits.begin(), credits.end(), x)) /
           n;
  };
  xs = {0.0};
  ys = {credits.front() > 0 ? 100.0 : above(0.0)};
  for (std::size_t i = 0; i < credits.size(); ++i)
    if (credits[i] > 0 && (i == 0 || credits[i] != credits[i - 1]))
      xs.push_back(credits[i]), ys.push_back(above(credits[i]));
}

// Ticks of a log axis of percentages from 100 % down to the smallest share a run can show.
std::vector<svg::Tick> share_ticks(double smallest) {
  const double lowest = std::pow(10.0, std::floor(std::log10(100.0 * smallest)));
  std::vector<svg::Tick> ticks;
  for (double share = 100.0; share >= lowest * 0.999; share /= 10.0) {
    char label[24];
    std::snprintf(label, sizeof label, "%g %%", share);
    ticks.push_back({share, label});
  }
  return ticks;
}

std::string sla_caption(const SlaSummary& s, double paying_share, const SlaSpec& spec) {
  const std::string window = spec.window.kind == WindowKind::calendar_month ? "month" : "window";
  return "Under " + s.name + " a " + window + " missed its " + text::target(spec.target) +
         " target with probability " + text::percent(s.breach_probability.estimate) + "; " +
         text::percent(paying_share / 100.0, 0) + " of simulated years paid a credit, " +
         text::money(s.credit_per_year.estimate, s.currency) +
         " a year on average. At most 1 year in 20 paid more than " +
         text::money(s.var95.var, s.currency) + ", and at most 1 in 100 more than " +
         text::money(s.var99.var, s.currency) + ".";
}

std::string sla_chart(const ReportInputs& in, std::size_t index) {
  const SlaSummary& s = in.summary.slas[index];
  if (!s.credit_schedule)
    return paragraph(s.name + " has no credit schedule (no credits and fee): it reports breaches " +
                     "only, with probability " + text::percent(s.breach_probability.estimate) +
                     " per window.");
  const std::vector<double> credits = finite_only(in.samples.credit_per_year[index]);
  const bool paid = std::any_of(credits.begin(), credits.end(), [](double c) { return c > 0; });
  if (!paid)
    return paragraph("No simulated year paid a credit under " + s.name + " (breach probability " +
                     text::percent(s.breach_probability.estimate) + " per window).");
  const double thousands = *std::max_element(credits.begin(), credits.end()) >= 10000 ? 1000 : 1;
  const std::string currency = s.currency.empty() ? std::string("money") : s.currency;
  svg::StepChart c;
  exceedance(scaled(credits, 1.0 / thousands), c.xs, c.ys);
  c.frame.title = "Annual credit exposure: " + s.name;
  c.x.title =
      "credit paid in a year (" + (thousands > 1 ? "thousand " : std::string()) + currency + ")";
  // Log scale, so that the 1-in-100 tail is as legible as the common years.
  c.y.title = "years paying more (log)";
  c.y.log = true;
  c.y.ticks = share_ticks(1.0 / static_cast<double>(credits.size()));
  c.y.min = c.y.ticks.back().value, c.y.max = 100.0;
  c.markers = {{s.var95.var / thousands, "VaR 95 %: " + text::money(s.var95.var, s.currency)},
               {s.var99.var / thousands, "VaR 99 %: " + text::money(s.var99.var, s.currency)}};
  return figure(c.frame.title, svg::step_chart(c),
                sla_caption(s, c.ys.front(), in.model.slas[index]));
}

}  // namespace

std::string availability_section(const ReportInputs& in) {
  std::string out = "<section id=\"availability\">\n<h2>Availability and requests served per " +
                    window_noun(in.model) + "</h2>\n";
  bool any = false;
  for (const ScopeSummary& scope : in.summary.scopes) {
    if (!scope.scope.journey || scope.window_availability.empty()) continue;
    out += availability_chart(in, scope);
    any = true;
  }
  if (!any) out += paragraph("The scenario defines no journey to measure.");
  return out + "</section>\n";
}

std::string downtime_section(const ReportInputs& in) {
  std::string out = "<section id=\"downtime\">\n<h2>Downtime per year</h2>\n";
  if (in.summary.scopes.empty())
    return out + paragraph("The scenario defines no journey to measure.") + "</section>\n";
  return out + downtime_chart(in) + "</section>\n";
}

std::string incident_times_section(const ReportInputs& in) {
  std::string out = "<section id=\"incident-times\">\n<h2>Incident times</h2>\n";
  if (in.samples.incidents == 0)
    return out +
           paragraph(
               "No incident occurred in any simulated year, so there are no incident "
               "times to show.") +
           "</section>\n";
  const IncidentTimes& t = in.summary.times;
  const std::uint64_t silent = in.samples.undetected;
  std::string ttd = "Half of all incidents were detected within " +
                    text::duration(t.ttd.p50.estimate) + " and 9 in 10 within " +
                    text::duration(t.ttd.p90.estimate);
  ttd += silent == 0
             ? std::string(".")
             : "; " + std::to_string(silent) + " of the " + std::to_string(in.samples.incidents) +
                   " incidents ended before anyone noticed them.";
  const std::string ttr = "Half of all incidents were fully repaired within " +
                          text::duration(t.ttr.p50.estimate) + ", but 1 in 100 took longer than " +
                          text::duration(t.ttr.p99.estimate) + ".";
  out += stage_chart({"Time to detect", "time to detect", in.samples.ttd}, t.ttd, ttd);
  out += stage_chart({"Time to repair", "time to repair", in.samples.ttr}, t.ttr, ttr);
  return out + "</section>\n";
}

std::string sla_section(const ReportInputs& in) {
  std::string out = "<section id=\"sla-exposure\">\n<h2>SLA exposure</h2>\n";
  if (in.summary.slas.empty())
    return out + paragraph("The scenario defines no SLA, so no credit is at risk.") +
           "</section>\n";
  out += paragraph(
      "Each curve shows how often a simulated year paid more than a given credit: read across "
      "from 5 % to find the credit that only 1 year in 20 exceeds (VaR 95 %).");
  for (std::size_t i = 0; i < in.summary.slas.size(); ++i) out += sla_chart(in, i);
  return out + "</section>\n";
}

}  // namespace reliasim::report
