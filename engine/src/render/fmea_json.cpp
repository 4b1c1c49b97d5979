// The FMEA worksheet as JSON (docs/fmea.md). Intervals as in docs/results.md; an infinite
// importance worth is the string "inf", never a number.
#include <cmath>

#include "json_parts.hpp"
#include "reliasim/render/fmea.hpp"

namespace reliasim {
namespace {

using json_parts::interval;
using json_parts::json;
using json_parts::number;

json worth(double value) {
  return std::isinf(value) && value > 0 ? json("inf") : number(value);
}

json amounts(const std::vector<CurrencyAmount>& list) {
  json out = json::array();
  for (const auto& a : list) {
    const std::string unit = (a.currency.empty() ? std::string("money") : a.currency) + "/y";
    out.push_back({{"currency", a.currency}, {"amount", interval(a.amount, unit.c_str())}});
  }
  return out;
}

json bands(const ScoreBands& b, const char* unit) {
  json edges = json::array();
  for (const double e : b.edges) edges.push_back(worth(e));
  return {{"unit", unit}, {"falling", b.falling}, {"edges", edges}};
}

// One entry per SLA (bad seconds per year) or SLO (share of its budget per year).
json per_contract(const std::vector<std::string>& names, const std::vector<Interval>& values,
                  const char* key, const char* value_key, const char* unit) {
  json out = json::array();
  for (std::size_t i = 0; i < names.size(); ++i)
    out.push_back({{key, names[i]}, {value_key, interval(values[i], unit)}});
  return out;
}

json scope_json(const FmeaScope& s) {
  return {{"name", s.name},
          {"journey", s.journey},
          {"error_budget_per_year", number(s.error_budget_per_year)},
          {"downtime_per_year", interval(s.downtime_per_year, "s/y")},
          {"degraded_per_year", interval(s.degraded_per_year, "s/y")},
          {"budget_burn", interval(s.budget_burn, "fraction")}};
}

json row_json(const FmeaWorksheet& sheet, const FmeaRow& r, std::size_t rank) {
  return {{"rank", rank},
          {"name", r.info.name},
          {"service", r.info.service},
          {"cause", r.info.cause},
          {"effect", r.info.effect},
          {"common_cause", r.info.common_cause},
          {"scope", r.scope},
          {"runbook", r.runbook},
          {"incidents_per_year", interval(r.incidents_per_year, "1/y")},
          {"downtime_per_year", interval(r.downtime_per_year, "s/y")},
          {"downtime_share", number(r.downtime_share)},
          {"degraded_per_year", interval(r.degraded_per_year, "s/y")},
          {"budget_burn", interval(r.budget_burn, "fraction")},
          {"credit_per_year", amounts(r.credit_per_year)},
          {"sla_bad_time", per_contract(sheet.slas, r.sla_bad_time, "sla", "bad_per_year", "s/y")},
          {"slo_burn", per_contract(sheet.slos, r.slo_burn, "slo", "burn", "fraction")},
          {"detection_probability", number(r.detection_probability)},
          {"ttd_p50", interval(r.ttd_median, "s")},
          {"ttr_p50", interval(r.ttr_median, "s")},
          {"impact_fraction", number(r.impact_fraction)},
          {"budget_per_incident", number(r.budget_per_incident)},
          {"severity", r.severity},
          {"occurrence", r.occurrence},
          {"detection", r.detection},
          {"rpn", r.rpn},
          {"action_priority", std::string(1, priority_letter(r.priority))},
          {"importance",
           {{"birnbaum", number(r.importance.birnbaum)},
            {"fussell_vesely", number(r.importance.fussell_vesely)},
            {"risk_achievement_worth", worth(r.importance.achievement_worth)},
            {"risk_reduction_worth", worth(r.importance.reduction_worth)}}}};
}

}  // namespace

std::string render_fmea_json(const FmeaWorksheet& sheet, const RunRecord& record) {
  json rows = json::array();
  for (std::size_t i = 0; i < sheet.rows.size(); ++i)
    rows.push_back(row_json(sheet, sheet.rows[i], i + 1));
  json scopes = json::array();
  for (const FmeaScope& s : sheet.scopes) scopes.push_back(scope_json(s));
  const FmeaBands& b = sheet.bands;
  const json document = {
      {"run", json_parts::record_json(record)},
      {"confidence", sheet.confidence},
      {"events", sheet.events},
      {"scope", sheet.scope},
      {"rank_by", ranking_name(sheet.rank_by)},
      {"scopes", scopes},
      {"scope_downtime_per_year", interval(sheet.scope_downtime_per_year, "s/y")},
      {"credit_per_year", amounts(sheet.credit_per_year)},
      {"unattributed_credit_per_year", amounts(sheet.unattributed_credit)},
      {"importance_assumptions", sheet.importance_assumptions},
      {"bands",
       {{"occurrence", bands(b.occurrence, "1/y")},
        {"detection_probability", bands(b.detection_probability, "fraction")},
        {"detection_delay", bands(b.detection_delay, "s")},
        {"severity_impact", bands(b.severity_impact, "fraction")},
        {"severity_budget", bands(b.severity_budget, "fraction of an error budget")},
        {"default_target", b.default_target},
        {"default_window", b.default_window}}},
      {"failure_modes", rows}};
  return json_parts::text(document);
}

}  // namespace reliasim
