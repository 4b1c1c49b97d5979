// The report's risk sections: the failure modes ranked by their share of error time with the
// FMEA worksheet's scores, and the sensitivity tornado.
#include <algorithm>
#include <cmath>

#include "fmea_text.hpp"
#include "reliasim/render/fmea.hpp"
#include "reliasim/render/sensitivity.hpp"
#include "report_sections.hpp"
#include "report_text.hpp"

namespace reliasim::report {
namespace {

namespace text = report_text;

constexpr std::size_t chart_rows = 15;  // a ranking longer than this is read in the table

// A failure mode as the ranking shows it: its share of the first journey's error time (down
// time in full, degraded time by the share of requests failing: what its error budget loses).
struct RankedMode {
  std::string name;
  double share = 0.0;
  double error_time = 0.0;  // seconds per year
};

std::vector<RankedMode> ranked_modes(const ReportInputs& in) {
  std::vector<RankedMode> modes;
  for (const FailureModeSummary& m : in.summary.failure_modes)
    modes.push_back({fmea_text::mode_name(m.info), m.error_share, m.error_time_per_year.estimate});
  return modes;
}

std::string ranking_caption(const std::vector<RankedMode>& modes, const std::string& scope) {
  double top = 0.0;
  for (std::size_t i = 0; i < modes.size() && i < 3; ++i) top += modes[i].share;
  std::string caption = modes.front().name + " causes " + text::percent(modes.front().share) +
                        " of " + scope + "'s error time";
  if (modes.size() >= 3) caption += "; the top three failure modes together " + text::percent(top);
  return caption + " (down time in full, degraded time by the share of requests failing: " +
         "what its error budget loses). Fixing the longest bars first wins back the most.";
}

std::string ranking_chart(const std::vector<RankedMode>& modes, const std::string& scope) {
  svg::BarRows c;
  c.frame.title = "Share of error time by failure mode";
  c.x.title = "share of " + scope + "'s error time (%)";
  c.x.suffix = " %";
  for (std::size_t i = 0; i < modes.size() && i < chart_rows; ++i) {
    c.labels.push_back(modes[i].name);
    c.values.push_back(100 * modes[i].share);
    c.value_labels.push_back(text::percent(modes[i].share) + " (" +
                             text::duration(modes[i].error_time) + "/y)");
  }
  return figure(c.frame.title, svg::bar_rows(c), ranking_caption(modes, scope));
}

std::string cell(const std::string& content, const std::string& cls = "") {
  return (cls.empty() ? std::string("<td>") : "<td class=\"" + cls + "\">") + html_escape(content) +
         "</td>";
}

std::string worksheet_row(std::size_t rank, const FmeaRow& row) {
  std::string out = "<tr>" + cell(std::to_string(rank), "number") +
                    cell(fmea_text::mode_name(row.info), "name") + cell(row.scope, "name") +
                    cell(row.runbook ? "yes" : "no") +
                    cell(fmea_text::number("%.1f", 100.0 * row.budget_burn.estimate), "number") +
                    cell(fmea_text::bounded(row.downtime_per_year, 1.0 / 60, "%.1f"), "number") +
                    cell(fmea_text::number("%.1f", row.degraded_per_year.estimate / 60), "number");
  for (const CurrencyAmount& credit : row.credit_per_year)
    out += cell(text::money(credit.amount.estimate, credit.currency), "number");
  out += cell(text::count(row.incidents_per_year.estimate), "number");
  for (const int score : {row.severity, row.occurrence, row.detection, row.rpn})
    out += cell(std::to_string(score), "number");
  const std::string ap(1, priority_letter(row.priority));
  return out + cell(ap, "ap-" + ap) + "</tr>\n";
}

std::string worksheet_table(const FmeaWorksheet& sheet) {
  std::string out =
      "<table>\n<thead><tr><th>#</th><th>Failure mode</th><th>Scope</th><th>Runbook</th>"
      "<th>Error budget burn per year (%)</th><th>Downtime min/y [95 % interval]</th>"
      "<th>Degraded min/y</th>";
  for (const std::string& currency : sheet.currencies)
    out += "<th>Credit per year (" + html_escape(fmea_text::currency_label(currency)) + ")</th>";
  out +=
      "<th>Incidents per year</th><th>S</th><th>O</th><th>D</th><th>RPN</th><th>AP</th></tr>"
      "</thead>\n<tbody>\n";
  std::size_t rank = 0;
  for (const FmeaRow& row : sheet.rows) out += worksheet_row(++rank, row);
  return out + "</tbody>\n</table>\n";
}

// --- tornado ---------------------------------------------------------------------------------

std::string signed_duration(double seconds) {
  return (seconds > 0 ? "+" : "") + text::duration(seconds);
}

std::string tornado_caption(const Sensitivity& s, double baseline) {
  const ParameterEffect& top = s.effects.front();
  return "Of all the parameters varied, " + top.parameter.label() + " moves the downtime of " +
         s.scope + " most: " + signed_duration(top.downtime_low.estimate) +
         " a year when set low and " + signed_duration(top.downtime_high.estimate) +
         " when set high, from the baseline of " + text::duration(baseline) +
         " a year this page reports. Whiskers are 95 % intervals.";
}

std::string factor(double f) {
  return fmea_text::number("%g", f);
}

}  // namespace

std::string fmea_section(const ReportInputs& in) {
  std::string out = "<section id=\"fmea\">\n<h2>Which failure modes carry the risk</h2>\n";
  const std::vector<RankedMode> modes = ranked_modes(in);
  const std::string scope = in.summary.scopes.empty()
                                ? std::string("the first journey")
                                : scope_phrase(in.summary.scopes.front().scope);
  const bool any =
      std::any_of(modes.begin(), modes.end(), [](const RankedMode& m) { return m.share > 0; });
  out += any ? ranking_chart(modes, scope)
             : paragraph("No failure mode caused error time in " + scope + ".");
  if (in.fmea && !in.fmea->rows.empty()) {
    out += paragraph(
        "The FMEA worksheet over every journey and contract scope, one row per failure mode and "
        "scope it affects, ranked by the share of the scope's error budget it spends a year "
        "(down and degraded time alike): S, O and D are the 1-10 Severity, Occurrence and "
        "Detection scores, RPN = S × O × D, and AP the AIAG-VDA action priority (H high, M "
        "medium, L low). The glossary at the end explains each measure; the reliasim fmea command "
        "gives every "
        "column.");
    out += worksheet_table(*in.fmea);
  }
  return out + "</section>\n";
}

std::string tornado_section(const Sensitivity& s, double baseline) {
  std::string out = "<section id=\"sensitivity\">\n<h2>What moves the downtime most</h2>\n";
  if (s.effects.empty())
    return out + paragraph("The scenario has no parameter to vary.") + "</section>\n";
  double largest = 0.0;
  for (const ParameterEffect& e : s.effects)
    largest =
        std::max({largest, std::abs(e.downtime_low.estimate), std::abs(e.downtime_high.estimate)});
  const text::DurationUnit unit = text::duration_unit(largest);
  svg::Tornado c;
  c.frame.title = "Sensitivity of downtime to each parameter";
  c.x.title = "change in " + s.scope + " downtime per year (" + unit.name + ")";
  c.low_label = "parameter × " + factor(s.low_factor);
  c.high_label = "parameter × " + factor(s.high_factor);
  for (std::size_t i = 0; i < s.effects.size() && i < chart_rows; ++i) {
    const ParameterEffect& e = s.effects[i];
    const double u = unit.seconds;
    c.rows.push_back({e.parameter.label(), e.downtime_low.estimate / u, e.downtime_low.lower / u,
                      e.downtime_low.upper / u, e.downtime_high.estimate / u,
                      e.downtime_high.lower / u, e.downtime_high.upper / u});
  }
  out += paragraph("Each parameter was set to × " + factor(s.low_factor) + " and × " +
                   factor(s.high_factor) + " in turn and rerun on " + std::to_string(s.trials) +
                   " trials with the same random numbers as the baseline; each change is the "
                   "paired difference on those trials. " +
                   best_improvement(s));
  return out + figure(c.frame.title, svg::tornado(c), tornado_caption(s, baseline)) +
         "</section>\n";
}

}  // namespace reliasim::report
