// A design comparison as JSON (docs/results.md): every figure with A, B and B - A.
#include "compare_parts.hpp"
#include "reliasim/render/compare.hpp"

namespace reliasim {
namespace {

using json_parts::interval;
using json_parts::json;

json figure(const PairedDifference& p, const char* unit) {
  return {{"a", interval(p.a, unit)},
          {"b", interval(p.b, unit)},
          {"difference", interval(p.difference, unit)},
          {"distinguishable", p.distinguishable}};
}

json scope_json(const ScopeComparison& s) {
  return {{"name", s.name},
          {"availability", figure(s.availability, "fraction")},
          {"downtime_per_year", figure(s.downtime_per_year, "s")},
          {"degraded_per_year", figure(s.degraded_per_year, "s")},
          {"outages_per_year", figure(s.outages_per_year, "1/y")},
          {"longest_outage", figure(s.longest_outage, "s")},
          {"outage_duration", figure(s.outage_duration, "s")},
          {"outage_ttd", figure(s.outage_ttd, "s")}};
}

json sla_json(const SlaComparison& s) {
  return {
      {"name", s.name},
      {"currency", s.currency},
      {"breach_probability", figure(s.breach_probability, "probability per window")},
      {"breaches_per_year", figure(s.breaches_per_year, "1/y")},
      {"credit_schedule", s.credit_schedule},
      {"credit_per_year",
       s.credit_schedule ? figure(s.credit_per_year, (s.currency + "/y").c_str()) : json(nullptr)}};
}

json cost_json(const CostComparison& c) {
  return {{"currency", c.currency},
          {"monthly_cost_a", json_parts::number(c.monthly_cost_a)},
          {"monthly_cost_b", json_parts::number(c.monthly_cost_b)},
          {"extra_cost_per_year", json_parts::number(c.extra_cost_per_year)},
          {"credit_schedule", c.credit_schedule},
          {"credits_saved_per_year",
           c.credit_schedule ? interval(c.credits_saved_per_year, (c.currency + "/y").c_str())
                             : json(nullptr)},
          {"net_saving_per_year", interval(c.net_saving_per_year, (c.currency + "/y").c_str())}};
}

}  // namespace

json compare_parts::comparison_json(const Comparison& c) {
  json doc = {{"design_a", c.name_a},     {"design_b", c.name_b},       {"trials", c.trials},
              {"seed", c.seed},           {"confidence", c.confidence}, {"verdict", c.verdict},
              {"scopes", json::array()},  {"slas", json::array()},      {"costs", json::array()},
              {"only_in_a", c.only_in_a}, {"only_in_b", c.only_in_b}};
  for (const auto& s : c.scopes) doc["scopes"].push_back(scope_json(s));
  for (const auto& s : c.slas) doc["slas"].push_back(sla_json(s));
  for (const auto& cost : c.costs) doc["costs"].push_back(cost_json(cost));
  return doc;
}

std::string render_compare_json(const Comparison& c, const RunRecord& a, const RunRecord& b) {
  json doc = {{"run_a", json_parts::record_json(a)}, {"run_b", json_parts::record_json(b)}};
  doc.update(compare_parts::comparison_json(c));
  return json_parts::text(doc);
}

}  // namespace reliasim
