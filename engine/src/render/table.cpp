#include <cmath>
#include <cstdio>
#include <string>

#include "reliasim/render/render.hpp"
#include "report_text.hpp"
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

using text_parts::aligned;
using Lines = std::vector<std::vector<std::string>>;

std::vector<std::string> duration_row(const char* name, const DurationSummary& d) {
  return {name,
          std::to_string(d.count),
          minutes(d.mean.estimate),
          minutes(d.p50.estimate),
          minutes(d.p90.estimate),
          minutes(d.p99.estimate)};
}

// "VaR/CVaR 95 %, VaR/CVaR 99 %" of an annual credit.
std::string tail_text(const TailRisk& var95, const TailRisk& var99) {
  return format("%.0f", var95.var) + "/" + format("%.0f", var95.cvar) + ", " +
         format("%.0f", var99.var) + "/" + format("%.0f", var99.cvar);
}

// An SLA's expected credit per year and its annual tail (VaR/CVaR at 95 % and 99 %).
std::vector<std::string> sla_money(const SlaSummary& l) {
  if (!l.credit_schedule) return {text_parts::no_credit_schedule, ""};
  return {
      with_interval(l.credit_per_year, 1.0, "%.0f") + " " + text_parts::currency_label(l.currency),
      tail_text(l.var95, l.var99)};
}

std::string scopes_table(const Summary& s) {
  Lines lines{
      {"scope", "availability", "down min/y", "degraded min/y", "error min/y", "outages/y"}};
  for (const auto& scope : s.scopes)
    lines.push_back({scope.scope.name + (scope.scope.journey ? " (journey)" : ""),
                     percent(scope.availability),
                     with_interval(scope.downtime_per_year, 1.0 / 60.0, "%.1f"),
                     with_interval(scope.degraded_per_year, 1.0 / 60.0, "%.1f"),
                     with_interval(scope.error_time_per_year, 1.0 / 60.0, "%.1f"),
                     with_interval(scope.outages_per_year, 1.0, "%.2f")});
  return aligned(lines) +
         "  degraded: some requests fail, not down; error: every minute weighted by the share of "
         "requests failing in it (what SLO error budgets spend)\n";
}

// P(at least one outage, and one longer than each threshold, within one trial's horizon).
std::string horizon_outages_table(const Summary& s) {
  Lines lines{{"scope", "P(outage)"}};
  for (const double x : outage_thresholds)
    lines.front().push_back("P(outage > " + text_parts::short_duration(x) + ")");
  lines.front().push_back("first outage, median");
  for (const auto& scope : s.scopes) {
    lines.push_back(
        {scope.scope.name, with_interval(scope.outage_in_horizon_probability, 1.0, "%.4f")});
    for (const Interval& p : scope.longer_outage_probability)
      lines.back().push_back(format("%.4f", p.estimate));
    lines.back().push_back(report_text::duration(scope.time_to_first_outage.p50.estimate));
  }
  return "\nOutages within one trial's horizon (" + text_parts::short_duration(s.horizon) +
         "), share of trials\n" + aligned(lines);
}

// A duration that may lie beyond the horizon (+infinity): "beyond the horizon".
std::string life_text(double seconds) {
  return seconds == INFINITY ? "> horizon" : report_text::duration(seconds);
}

std::string life_interval(const Interval& i) {
  return life_text(i.estimate) + " [" + life_text(i.lower) + ", " + life_text(i.upper) + "]";
}

// MTTF with its interval, or "> restricted mean" when the horizon censors some trials.
std::string mttf_text(const ScopeSummary& scope) {
  if (std::isfinite(scope.mttf.estimate)) return life_interval(scope.mttf);
  return "> " + report_text::duration(scope.restricted_mttf.estimate);
}

// The classic reliability measures of each scope: outages expected within the horizon, the
// mean time to the first, B lives, and R and A at the end of the horizon.
std::string reliability_table(const Summary& s) {
  Lines lines{{"scope", "outages in horizon", "MTTF", "B10", "B1", "R(end)", "A(end)"}};
  for (const auto& scope : s.scopes)
    lines.push_back({scope.scope.name, with_interval(scope.outages_in_horizon, 1.0, "%.3g"),
                     mttf_text(scope), life_interval(scope.b_lives[1]),
                     life_text(scope.b_lives[0].estimate),
                     with_interval(scope.reliability.back().probability, 1.0, "%.4f"),
                     with_interval(scope.point_availability.back().probability, 1.0, "%.4f")});
  return "\nReliability over the horizon: MTTF = mean time to the first outage (\"> x\": some "
         "trials had none, x is the mean up to the horizon); B10, B1: when 10 % and 1 % of "
         "trials had one; R = P(no outage yet), A = P(up) at the end\n" +
         aligned(lines);
}

std::string incident_tables(const Summary& s) {
  Lines outages{{"scope", "stage", "count", "mean", "p50", "p90", "p99"}};
  for (const auto& scope : s.scopes) {
    auto ttd = duration_row("TTD", scope.outage_ttd);
    auto down = duration_row("down", scope.outage_duration);
    ttd.insert(ttd.begin(), scope.scope.name);
    down.insert(down.begin(), "");
    outages.push_back(std::move(ttd));
    outages.push_back(std::move(down));
  }
  const Lines all{{"stage", "count", "mean", "p50", "p90", "p99"},
                  duration_row("TTD", s.times.ttd),
                  duration_row("TTA", s.times.tta),
                  duration_row("TTM", s.times.ttm),
                  duration_row("TTR", s.times.ttr)};
  return "\nUser-facing incidents, minutes\n" + aligned(outages) +
         "\nIncident times, minutes (all incidents)\n" + aligned(all);
}

std::string failure_modes_table(const Summary& s) {
  std::string out = "\nFailure modes by the error time they cause";
  if (!s.scopes.empty()) out += " (" + s.scopes.front().scope.name + ")";
  Lines lines{{"failure mode", "incidents/y", "error min/y", "share", "down min/y", "share"}};
  for (const auto& m : s.failure_modes)
    lines.push_back(
        {(m.info.service.empty() ? "common-cause" : m.info.service) + "/" + m.info.name,
         format("%.3f", m.incidents_per_year.estimate), minutes(m.error_time_per_year.estimate),
         format("%.1f", 100.0 * m.error_share) + "%", minutes(m.downtime_per_year.estimate),
         format("%.1f", 100.0 * m.downtime_share) + "%"});
  return out + "\n" + aligned(lines);
}

std::string credit_change(const SlaSummary& l) {
  if (!l.credit_schedule) return text_parts::no_credit_schedule;
  return with_interval(l.credit_change_plus_minute, 1.0, "%+.0f") + " / " +
         with_interval(l.credit_change_minus_minute, 1.0, "%+.0f") + " " +
         text_parts::currency_label(l.currency);
}

std::string slas_table(const Summary& s) {
  if (s.slas.empty()) return "";
  Lines exposure{
      {"sla", "P(breach) per window", "credit per year", "annual credit VaR/CVaR 95%, 99%"}};
  Lines change{{"sla", "credit per year with one minute more / less downtime in every window"}};
  for (const auto& l : s.slas) {
    auto row = sla_money(l);
    row.insert(row.begin(), {l.name, with_interval(l.breach_probability, 1.0, "%.4f")});
    exposure.push_back(std::move(row));
    change.push_back({l.name, credit_change(l)});
  }
  return "\nSLAs\n" + aligned(exposure) + "\n" + aligned(change);
}

std::string portfolios_table(const Summary& s) {
  if (s.portfolios.empty()) return "";
  Lines lines{{"currency", "contracts", "credit per year", "annual credit VaR/CVaR 95%, 99%",
               "contracts' own VaR 99% added"}};
  for (const auto& p : s.portfolios)
    lines.push_back({text_parts::currency_label(p.currency), std::to_string(p.contracts.size()),
                     with_interval(p.credit_per_year, 1.0, "%.0f"), tail_text(p.var95, p.var99),
                     format("%.0f", p.sum_of_var99)});
  return "\nSLA portfolio per currency (every contract together, trial by trial: they share "
         "incidents)\n" +
         aligned(lines);
}

std::string slos_table(const Summary& s) {
  if (s.slos.empty()) return "";
  Lines lines{
      {"slo (scope)", "target", "budget/window", "budget spent", "P(budget exhausted) per window"}};
  for (const auto& o : s.slos)
    lines.push_back({o.name + " (" + o.scope + ")", format("%.6g", 100.0 * o.target) + "%",
                     minutes(o.budget_per_window) + " min",
                     with_interval(o.budget_spent, 100.0, "%.1f") + "%",
                     with_interval(o.exhausted_probability, 1.0, "%.4f")});
  return "\nSLO error budgets (budget = (1 - target) x window)\n" + aligned(lines);
}

// One row of the transient cross-check: the simulated interval, the exact value, and whether
// the one holds the other.
std::vector<std::string> transient_row(const std::string& scope, const char* measure,
                                       const Interval& simulated, double exact, const char* pattern,
                                       double scale = 1.0) {
  return {scope, measure, with_interval(simulated, scale, pattern), format(pattern, exact * scale),
          simulated.contains(exact) ? "yes" : "no"};
}

// With --analytic, the measures over the horizon against the exact transient solution.
std::string transient_table(const Summary& s) {
  const analytic::TransientEstimate& t = s.analytic->transient;
  if (!t.solved())
    return "\nAnalytic cross-check over the horizon: not available, " + t.not_solved + "\n";
  Lines lines{{"scope", "measure", "simulated", "exact", "inside interval"}};
  for (std::size_t i = 0; i < s.scopes.size() && i < t.scopes.size(); ++i) {
    const ScopeSummary& sim = s.scopes[i];
    const analytic::TransientScope& exact = t.scopes[i];
    const std::string& name = sim.scope.name;
    lines.push_back(transient_row(name, "P(outage)", sim.outage_in_horizon_probability,
                                  1.0 - exact.reliability.back(), "%.4f"));
    lines.push_back(transient_row("", "A(end)", sim.point_availability.back().probability,
                                  exact.availability.back(), "%.4f"));
    lines.push_back(
        transient_row("", "outages", sim.outages_in_horizon, exact.outages_in_horizon, "%.3f"));
    if (std::isfinite(sim.mttf.estimate))
      lines.push_back(transient_row("", "MTTF (h)", sim.mttf, exact.mttf, "%.1f", 1.0 / 3600));
    else if (std::isfinite(exact.mttf))  // censored: the simulation gives a lower bound
      lines.push_back({"", "MTTF (h)", "> " + format("%.1f", sim.restricted_mttf.estimate / 3600),
                       format("%.1f", exact.mttf / 3600),
                       sim.restricted_mttf.lower <= exact.mttf ? "yes (a bound)" : "no"});
    if (std::isfinite(exact.b_lives[1]))
      lines.push_back(
          transient_row("", "B10 (h)", sim.b_lives[1], exact.b_lives[1], "%.1f", 1.0 / 3600));
  }
  return "\nAnalytic cross-check over the horizon (exact: transient solution of the Markov chain "
         "of " +
         std::to_string(t.states) + " states)\n" + aligned(lines);
}

std::string analytic_table(const Summary& s) {
  if (!s.analytic) return "";
  std::string out = "\nAnalytic cross-check (long-run availability), " +
                    analytic::method_note(*s.analytic) +
                    (s.analytic->exact() ? "\n" : ", assumes that\n");
  for (const auto& note : s.analytic->assumptions) out += "    - " + note + "\n";
  Lines lines{{"scope", "simulated", "analytic", "inside interval"}};
  for (std::size_t i = 0; i < s.scopes.size() && i < s.analytic->scopes.size(); ++i) {
    const double a = s.analytic->scopes[i].availability;
    lines.push_back({s.scopes[i].scope.name, percent(s.scopes[i].availability),
                     format("%.4f", 100.0 * a) + "%",
                     s.scopes[i].availability.contains(a) ? "yes" : "no"});
  }
  return out + aligned(lines) + transient_table(s);
}

std::string scientific(const Interval& i) {
  return format("%.3g", i.estimate) + " [" + format("%.3g", i.lower) + ", " +
         format("%.3g", i.upper) + "]";
}

// An importance-sampling run: its biases, the rare probabilities it was made for, the tails at
// 99 % and 99.9 %, and whether the weights can be trusted (docs/rare-events.md).
std::string rare_event_table(const Summary& s) {
  if (!s.rare_event) return "";
  const RareEventSummary& e = *s.rare_event;
  std::string out = "\nRare events: importance sampling for " + e.scope +
                    " (docs/rare-events.md)\n  failure clocks x" + format("%.4g", e.biases[0]) +
                    " / x" + format("%.4g", e.biases[1]) + " / x" + format("%.4g", e.biases[2]) +
                    " / x" + format("%.4g", e.biases[3]) +
                    " with 0 / 1 / 2 / 3+ incidents open; chosen by " + e.chosen_by + "\n";
  out += "  P(outage within the horizon): " + scientific(e.outage_probability) +
         ", relative error " + format("%.1f", 100 * e.relative_error) + " %, " +
         std::to_string(e.trials_with_outage) + " trials had one\n";
  out += "  effective sample size " + format("%.0f", e.effective_sample_size) +
         ", largest weight share " + format("%.3f", e.largest_weight_share) + ", Pareto k " +
         format("%.2f", e.pareto_k) + "; plain Monte Carlo would need " +
         format("%.3g", e.plain_trials_needed) + " trials for this precision\n";
  Lines lines{
      {"SLA", "P(breach)/window", "P(breach in horizon)", "VaR/CVaR 99 %", "VaR/CVaR 99.9 %"}};
  for (const auto& l : s.slas)
    lines.push_back(
        {l.name, scientific(l.breach_probability), scientific(l.breach_in_horizon_probability),
         l.credit_schedule ? format("%.0f", l.var99.var) + "/" + format("%.0f", l.var99.cvar) : "-",
         l.credit_schedule ? format("%.0f", l.var999.var) + "/" + format("%.0f", l.var999.cvar)
                           : "-"});
  if (!s.slas.empty()) out += aligned(lines);
  for (const auto& warning : e.warnings) out += "  WARNING: " + warning + "\n";
  if (!e.warnings.empty()) out += "  These estimates are not reliable.\n";
  return out;
}

}  // namespace

std::string render_table(const Summary& s, const RunRecord& record) {
  const int level = static_cast<int>(std::lround(100 * s.confidence));
  std::string out =
      "Availability, downtime and degraded time (" + std::to_string(level) + "% intervals)\n";
  out += scopes_table(s) + horizon_outages_table(s) + reliability_table(s) + incident_tables(s) +
         failure_modes_table(s) + slas_table(s) + portfolios_table(s) + slos_table(s) +
         analytic_table(s) + rare_event_table(s);
  out +=
      "\nrun: " + text_parts::record_line(record) + "; " + std::to_string(s.events) + " events\n";
  out += text_parts::command_line(record);
  return out;
}

}  // namespace reliasim
