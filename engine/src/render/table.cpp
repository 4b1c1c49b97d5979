#include <cmath>
#include <cstdio>
#include <string>

#include "reliasim/render/render.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

std::string format(const char* pattern, double value) {
  if (!std::isfinite(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string minutes(double seconds) {
  return format("%.1f", seconds / 60.0);
}

std::string percent(const Interval& i) {
  return format("%.4f", 100.0 * i.estimate) + "% [" + format("%.4f", 100.0 * i.lower) + ", " +
         format("%.4f", 100.0 * i.upper) + "]";
}

std::string with_interval(const Interval& i, double scale, const char* pattern) {
  return format(pattern, i.estimate * scale) + " [" + format(pattern, i.lower * scale) + ", " +
         format(pattern, i.upper * scale) + "]";
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string duration_row(const char* name, const DurationSummary& d) {
  return "  " + pad(name, 5) + pad(std::to_string(d.count), 9) + pad(minutes(d.mean.estimate), 10) +
         pad(minutes(d.p50.estimate), 10) + pad(minutes(d.p90.estimate), 10) +
         minutes(d.p99.estimate) + "\n";
}

// An SLA's expected credit per year and its annual tail (VaR/CVaR at 95 % and 99 %).
std::string sla_money(const SlaSummary& l) {
  return pad(with_interval(l.credit_per_year, 1.0, "%.0f") + " " +
                 text_parts::currency_label(l.currency),
             30) +
         format("%.0f", l.var95.var) + "/" + format("%.0f", l.var95.cvar) + ", " +
         format("%.0f", l.var99.var) + "/" + format("%.0f", l.var99.cvar);
}

}  // namespace

std::string render_table(const Summary& s, const RunRecord& record) {
  const int level = static_cast<int>(std::lround(100 * s.confidence));
  std::string out =
      "Availability, downtime and degraded time (" + std::to_string(level) + "% intervals)\n";
  out += "  " + pad("scope", 28) + pad("availability", 34) + pad("down min/y", 26) +
         pad("degraded min/y", 26) + pad("error min/y", 26) + "outages/y\n";
  for (const auto& scope : s.scopes)
    out += "  " + pad(scope.scope.name + (scope.scope.journey ? " (journey)" : ""), 28) +
           pad(percent(scope.availability), 34) +
           pad(with_interval(scope.downtime_per_year, 1.0 / 60.0, "%.1f"), 26) +
           pad(with_interval(scope.degraded_per_year, 1.0 / 60.0, "%.1f"), 26) +
           pad(with_interval(scope.error_time_per_year, 1.0 / 60.0, "%.1f"), 26) +
           with_interval(scope.outages_per_year, 1.0, "%.2f") + "\n";
  out +=
      "  degraded: some requests fail, not down; error: every minute weighted by the share of "
      "requests failing in it (what SLO error budgets spend)\n";
  out += "\nUser-facing incidents, minutes\n  " + pad("scope", 22) +
         "stage count    mean      p50       p90       p99\n";
  for (const auto& scope : s.scopes) {
    out += "  " + pad(scope.scope.name, 22) + duration_row("TTD", scope.outage_ttd).substr(2);
    out += "  " + pad("", 22) + duration_row("down", scope.outage_duration).substr(2);
  }
  out +=
      "\nIncident times, minutes (all incidents)\n  stage count    mean      p50       p90       "
      "p99\n";
  out += duration_row("TTD", s.times.ttd) + duration_row("TTA", s.times.tta) +
         duration_row("TTM", s.times.ttm) + duration_row("TTR", s.times.ttr);
  out += "\nFailure modes by the error time they cause";
  if (!s.scopes.empty()) out += " (" + s.scopes.front().scope.name + ")";
  out += "\n  " + pad("failure mode", 40) + pad("incidents/y", 14) + pad("error min/y", 14) +
         pad("share", 9) + pad("down min/y", 14) + "share\n";
  for (const auto& m : s.failure_modes) {
    const std::string name =
        (m.info.service.empty() ? "common-cause" : m.info.service) + "/" + m.info.name;
    out += "  " + pad(name, 40) + pad(format("%.3f", m.incidents_per_year.estimate), 14) +
           pad(minutes(m.error_time_per_year.estimate), 14) +
           pad(format("%.1f", 100.0 * m.error_share) + "%", 9) +
           pad(minutes(m.downtime_per_year.estimate), 14) +
           format("%.1f", 100.0 * m.downtime_share) + "%\n";
  }
  if (!s.slas.empty()) {
    out += "\nSLAs\n  " + pad("sla", 28) + pad("P(breach) per window", 30) +
           pad("credit per year", 30) + "annual credit VaR/CVaR 95%, 99%\n";
    for (const auto& l : s.slas)
      out += "  " + pad(l.name, 28) + pad(with_interval(l.breach_probability, 1.0, "%.4f"), 30) +
             (l.credit_schedule ? sla_money(l) : text_parts::no_credit_schedule) + "\n";
    out += "\n  " + pad("", 28) +
           "credit per year with one minute more / less downtime in "
           "every window\n";
    for (const auto& l : s.slas)
      out += "  " + pad(l.name, 28) +
             (l.credit_schedule ? with_interval(l.credit_change_plus_minute, 1.0, "%+.0f") + " / " +
                                      with_interval(l.credit_change_minus_minute, 1.0, "%+.0f") +
                                      " " + text_parts::currency_label(l.currency)
                                : text_parts::no_credit_schedule) +
             "\n";
  }
  if (!s.slos.empty()) {
    out += "\nSLO error budgets (budget = (1 - target) x window)\n  " + pad("slo (scope)", 40) +
           pad("target", 10) + pad("budget/window", 15) + pad("budget spent", 30) +
           "P(budget exhausted) per window\n";
    for (const auto& o : s.slos)
      out += "  " + pad(o.name + " (" + o.scope + ")", 40) +
             pad(format("%.6g", 100.0 * o.target) + "%", 10) +
             pad(minutes(o.budget_per_window) + " min", 15) +
             pad(with_interval(o.budget_spent, 100.0, "%.1f") + "%", 30) +
             with_interval(o.exhausted_probability, 1.0, "%.4f") + "\n";
  }
  if (s.analytic) {
    out += "\nAnalytic cross-check (long-run availability), " + analytic::method_note(*s.analytic) +
           (s.analytic->exact() ? "\n" : ", assumes that\n");
    for (const auto& note : s.analytic->assumptions) out += "    - " + note + "\n";
    out +=
        "  " + pad("scope", 28) + pad("simulated", 34) + pad("analytic", 14) + "inside interval\n";
    for (std::size_t i = 0; i < s.scopes.size() && i < s.analytic->scopes.size(); ++i) {
      const double a = s.analytic->scopes[i].availability;
      out += "  " + pad(s.scopes[i].scope.name, 28) + pad(percent(s.scopes[i].availability), 34) +
             pad(format("%.4f", 100.0 * a) + "%", 14) +
             (s.scopes[i].availability.contains(a) ? "yes" : "no") + "\n";
    }
  }
  out +=
      "\nrun: " + text_parts::record_line(record) + "; " + std::to_string(s.events) + " events\n";
  out += text_parts::command_line(record);
  return out;
}

}  // namespace reliasim
