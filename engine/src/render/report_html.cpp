// The run report as one self-contained HTML page: inline style and SVG, no scripts, no
// external resources; every string from the scenario or the command line is escaped.
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "reliasim/render/fmea.hpp"
#include "reliasim/render/report.hpp"
#include "report_sections.hpp"
#include "report_text.hpp"
#include "svg_chart.hpp"
#include "text_parts.hpp"

namespace reliasim {
namespace {

namespace text = report_text;

constexpr const char* page_style = R"(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 84em; padding: 0 1em;
       color: #222; line-height: 1.45; }
p { max-width: 52em; }
h1 { margin-bottom: 0.2em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0 1.5em; max-width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f0f0f0; text-align: left; }
td.number, td.name { white-space: nowrap; }
td.number { text-align: right; }
td.ap-H { background: #f8c4c4; font-weight: bold; }
td.ap-M { background: #fbe3b0; }
td.ap-L { background: #d8efd8; }
figure { margin: 1em 0 2em; }
figure h3 { font-size: 1em; margin: 0 0 0.3em; }
figcaption { max-width: 46em; color: #333; margin-top: 0.4em; }
dl.record { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1em;
            font-size: 0.9em; color: #444; background: #f7f7f7; padding: 0.8em 1em; }
dl.record dt { font-weight: 600; }
dl.record dd { margin: 0; overflow-wrap: anywhere; }
p.headline { font-size: 1.15em; }
.warning { color: #b00020; font-weight: 600; }
dl.glossary { display: grid; grid-template-columns: max-content auto; gap: 0.3em 1.2em;
              max-width: 60em; }
dl.glossary dt { font-weight: 600; }
dl.glossary dd { margin: 0; }
)";

std::string record_item(const std::string& name, const std::string& value,
                        const std::string& cls = "") {
  return "<dt>" + name + "</dt><dd" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" +
         html_escape(value) + "</dd>\n";
}

std::string convergence(const RunRecord& r) {
  if (!r.precision_run) return "fixed number of trials (no precision target)";
  const std::string width = text::percent(r.relative_half_width);
  return r.converged ? "converged: relative 95 % half-width " + width
                     : "NOT converged: trial cap reached at relative 95 % half-width " + width;
}

// The files the scenario read besides itself (its CSV files), each with its hash.
std::string other_inputs(const RunRecord& r) {
  std::string items;
  for (std::size_t i = 1; i < r.inputs.size(); ++i)
    items += record_item(r.inputs[i].role == "csv" ? "CSV file" : "Bands file",
                         r.inputs[i].path + " (hash sha256:" + r.inputs[i].sha256 + ")");
  return items;
}

std::string run_record(const ReportInputs& in) {
  const RunRecord& r = in.record;
  std::string trials = std::to_string(r.trials);
  if (r.first_trial != 0) trials += " (from trial " + std::to_string(r.first_trial) + ")";
  return "<dl class=\"record\" id=\"run-record\">\n" +
         record_item("Engine", "reliasim " + r.engine_version) +
         record_item("Platform", text_parts::platform(r.platform)) +
         record_item("Scenario file", r.scenario_file) +
         record_item("Scenario hash", r.scenario_hash) + other_inputs(r) +
         record_item("Seed", std::to_string(r.seed)) + record_item("Trials", trials) +
         record_item("Convergence", convergence(r),
                     r.precision_run && !r.converged ? "warning" : "") +
         record_item("Simulated time per trial", text::duration(in.summary.horizon)) +
         record_item("Events simulated", std::to_string(in.summary.events)) +
         record_item("Intervals", text::percent(in.summary.confidence, 0) + " confidence") +
         record_item("Command", r.command) + "</dl>\n";
}

std::string availability_text(const Interval& a) {
  const int decimals = text::availability_decimals(a.estimate);
  return text::availability(a.estimate, decimals) + " (" +
         text::bounds(a, [decimals](double v) { return text::availability(v, decimals); }) + ")";
}

std::string duration_text(const Interval& d) {
  return text::duration(d.estimate) + " (" + text::bounds(d, text::duration) + ")";
}

std::string headline(const Summary& s) {
  if (s.scopes.empty()) return report::paragraph("The scenario defines no journey to measure.");
  const ScopeSummary& first = s.scopes.front();
  std::string out = report::scope_phrase(first.scope);
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  out += " was available " +
         text::availability(first.availability.estimate,
                            text::availability_decimals(first.availability.estimate)) +
         " of the time: down about " + text::duration(first.downtime_per_year.estimate) +
         " a year, in about " + text::count(first.outages_per_year.estimate) +
         " outages a year. Beyond that it was degraded (failing some requests) about " +
         text::duration(first.degraded_per_year.estimate) +
         " a year; weighting every minute by the share of requests failing, that is " +
         text::duration(first.error_time_per_year.estimate) +
         " of error time a year: what SLO error budgets spend.";
  for (const SlaSummary& sla : s.slas)
    out += " Under " + sla.name + " a window misses its target with probability " +
           text::percent(sla.breach_probability.estimate) +
           (sla.credit_schedule
                ? ", and credits cost " + text::money(sla.credit_per_year.estimate, sla.currency) +
                      " a year on average."
                : "; it has no credit schedule.");
  return "<p class=\"headline\">" + html_escape(out) + "</p>\n";
}

std::string td(const std::string& content, bool number = true) {
  return (number ? "<td class=\"number\">" : "<td>") + html_escape(content) + "</td>";
}

// With --analytic, the analytic long-run availability beside the simulated one.
std::string analytic_cell(const Summary& s, std::size_t scope) {
  if (!s.analytic) return {};
  if (scope >= s.analytic->scopes.size()) return td(text::not_available);
  const double a = s.analytic->scopes[scope].availability;
  return td(
      text::availability(a, text::availability_decimals(s.scopes[scope].availability.estimate)));
}

std::string analytic_note(const Summary& s) {
  if (!s.analytic) return {};
  const std::string how = analytic::method_note(*s.analytic);
  if (s.analytic->exact()) return report::paragraph("The analytic availability is " + how + ".");
  std::string out = report::paragraph("The analytic availability is " + how + ", and assumes:");
  out += "<ul>\n";
  for (const std::string& note : s.analytic->assumptions)
    out += "<li>" + html_escape(note) + "</li>\n";
  return out + "</ul>\n";
}

std::string scope_table(const Summary& s) {
  std::string out =
      "<table>\n<thead><tr><th>Journey or service</th><th>Availability (95 % interval)</th>";
  if (s.analytic) out += "<th>Analytic availability (long run)</th>";
  out +=
      "<th>Downtime per year</th><th>Degraded per year (some requests failing)</th><th>Error "
      "time per year (what SLOs spend)</th><th>Outages per year</th><th>Longest outage in a "
      "year (mean)</th><th>Chance of an outage within " +
      html_escape(text::duration(s.horizon)) +
      " / of one over an hour</th><th>First outage (median, when one came)</th></tr></thead>\n"
      "<tbody>\n";
  for (std::size_t i = 0; i < s.scopes.size(); ++i) {
    const ScopeSummary& scope = s.scopes[i];
    out += "<tr>" +
           td(scope.scope.name + (scope.scope.journey ? " (journey)" : " (service)"), false) +
           td(availability_text(scope.availability)) + analytic_cell(s, i) +
           td(duration_text(scope.downtime_per_year)) + td(duration_text(scope.degraded_per_year)) +
           td(duration_text(scope.error_time_per_year)) +
           td(text::count(scope.outages_per_year.estimate)) +
           td(text::duration(scope.longest_outage.estimate)) +
           td(text::percent(scope.outage_in_horizon_probability.estimate) + " / " +
              text::percent(scope.longer_outage_probability[over_an_hour].estimate)) +
           td(text::duration(scope.time_to_first_outage.p50.estimate)) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n" + analytic_note(s);
}

std::string signed_money(double amount, const std::string& currency) {
  return (amount > 0 ? "+" : "") + text::money(amount, currency);
}

// The cells of an expected annual credit with its interval and its tail, VaR and CVaR at 95 %
// and 99 %.
std::string credit_cells(const Interval& per_year, const TailRisk& var95, const TailRisk& var99,
                         const std::string& currency) {
  const auto money = [&currency](double v) { return text::money(v, currency); };
  return td(money(per_year.estimate) + " (" + text::bounds(per_year, money) + ")") +
         td(money(var95.var)) + td(money(var95.cvar)) + td(money(var99.var)) +
         td(money(var99.cvar));
}

std::string sla_table(const Summary& s) {
  if (s.slas.empty()) return {};
  std::string out =
      "<table>\n<thead><tr><th>SLA</th><th>P(breach) per window</th><th>Expected credit per "
      "year (95 % interval)</th><th>VaR 95 %</th><th>CVaR 95 %</th><th>VaR 99 %</th>"
      "<th>CVaR 99 %</th><th>Credit per year with one minute more / less downtime a "
      "window</th></tr></thead>\n<tbody>\n";
  for (const SlaSummary& sla : s.slas) {
    const std::string name = sla.customer.empty() ? sla.name : sla.name + " (" + sla.customer + ")";
    out += "<tr>" + td(name, false) + td(text::percent(sla.breach_probability.estimate));
    if (!sla.credit_schedule) {
      out += "<td colspan=\"6\">" + std::string(text_parts::no_credit_schedule) + "</td></tr>\n";
      continue;
    }
    out += credit_cells(sla.credit_per_year, sla.var95, sla.var99, sla.currency) +
           td(signed_money(sla.credit_change_plus_minute.estimate, sla.currency) + " / " +
              signed_money(sla.credit_change_minus_minute.estimate, sla.currency)) +
           "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// Every contract in one currency together: they share incidents, so the total's tail is read
// trial by trial, not added up from the contracts' tails.
std::string portfolio_table(const Summary& s) {
  if (s.portfolios.empty()) return {};
  std::string out =
      "<table id=\"sla-portfolio\">\n<caption>SLA portfolio per currency: every contract "
      "together, trial by trial (they share incidents)</caption>\n<thead><tr><th>Currency</th>"
      "<th>Contracts</th><th>Expected credit per year (95 % interval)</th><th>VaR 95 %</th>"
      "<th>CVaR 95 %</th><th>VaR 99 %</th><th>CVaR 99 %</th><th>The contracts' own VaR 99 % "
      "added</th></tr></thead>\n<tbody>\n";
  for (const PortfolioSummary& p : s.portfolios) {
    std::string names;
    for (const auto& name : p.contracts) names += (names.empty() ? "" : ", ") + name;
    out += "<tr>" + td(text_parts::currency_label(p.currency), false) + td(names, false) +
           credit_cells(p.credit_per_year, p.var95, p.var99, p.currency) +
           td(text::money(p.sum_of_var99, p.currency)) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string slo_table(const Summary& s) {
  if (s.slos.empty()) return {};
  std::string out =
      "<table>\n<thead><tr><th>SLO</th><th>Target</th><th>Error budget per window</th>"
      "<th>Budget spent per window (95 % interval)</th><th>P(budget exhausted) per "
      "window</th></tr></thead>\n<tbody>\n";
  for (const SloSummary& slo : s.slos)
    out += "<tr>" + td(slo.name + " (" + slo.scope + ")", false) +
           td(text::percent(slo.target, 2)) + td(text::duration(slo.budget_per_window)) +
           td(text::percent(slo.budget_spent.estimate) + " (" +
              text::bounds(slo.budget_spent, [](double v) { return text::percent(v); }) + ")") +
           td(text::percent(slo.exhausted_probability.estimate)) + "</tr>\n";
  return out + "</tbody>\n</table>\n";
}

// One baseline per page: the run's downtime of the tornado's scope (the tornado reruns the
// baseline on fewer trials only to pair its changes with it).
double tornado_baseline(const ReportInputs& in) {
  for (const ScopeSummary& scope : in.summary.scopes)
    if (scope.scope.name == in.sensitivity->scope) return scope.downtime_per_year.estimate;
  return in.sensitivity->baseline_downtime.estimate;
}

std::string summary_section(const Summary& s) {
  return "<section id=\"summary\">\n<h2>At a glance</h2>\n" + headline(s) + scope_table(s) +
         sla_table(s) + portfolio_table(s) + slo_table(s) + "</section>\n";
}

}  // namespace

namespace report {

std::string figure(const std::string& title, const std::string& svg, const std::string& caption) {
  return "<figure>\n<h3>" + html_escape(title) + "</h3>\n" + svg + "<figcaption>" +
         html_escape(caption) + "</figcaption>\n</figure>\n";
}

std::string paragraph(const std::string& content) {
  return "<p>" + html_escape(content) + "</p>\n";
}

std::string scope_phrase(const ScopeInfo& scope) {
  return "the " + scope.name + (scope.journey ? " journey" : " service");
}

}  // namespace report

std::string render_report_html(const ReportInputs& in) {
  if (in.summary.rare_event)
    throw std::invalid_argument(
        "the HTML report's charts are not weighted for importance sampling yet: use the table "
        "or JSON of a rare_event run (docs/rare-events.md)");
  const std::string name = in.model.name.empty() ? in.record.scenario_file : in.model.name;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>Reliability report: " + html_escape(name) + "</title>\n";
  out += "<style>" + std::string(page_style) + svg::style() + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>Reliability report</h1>\n<p>" + html_escape(name) + ": " +
         std::to_string(in.summary.trials) + " simulated runs of " +
         html_escape(text::duration(in.summary.horizon)) +
         " of production each; every estimate carries its 95 % interval.</p>\n";
  if (!in.model.description.empty()) out += "<p>" + html_escape(in.model.description) + "</p>\n";
  out += run_record(in) + "</header>\n<main>\n";
  out += summary_section(in.summary) + report::availability_section(in) +
         report::downtime_section(in) + report::reliability_section(in) +
         report::incident_times_section(in) + report::sla_section(in) + report::fmea_section(in);
  if (in.sensitivity) out += report::tornado_section(*in.sensitivity, tornado_baseline(in));
  return out + report::glossary_section() + "</main>\n</body>\n</html>\n";
}

}  // namespace reliasim
