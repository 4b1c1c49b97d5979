// A sensitivity analysis as JSON (docs/results.md): the baseline and every parameter's
// effects, largest swing first.
#include "json_parts.hpp"
#include "reliasim/render/sensitivity.hpp"

namespace reliasim {
namespace {

using json_parts::interval;
using json_parts::json;

const char* unit(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::rate: return "1/y";
    case ParameterKind::duration: return "s";
    case ParameterKind::probability: return "probability";
  }
  return "";
}

json effect_json(const ParameterEffect& e, const std::string& money) {
  return {{"owner", e.parameter.owner},
          {"quantity", e.parameter.quantity},
          {"kind", std::string(to_string(e.parameter.kind))},
          {"unit", unit(e.parameter.kind)},
          {"baseline", json_parts::number(e.parameter.baseline)},
          {"low_value", json_parts::number(e.low_value)},
          {"high_value", json_parts::number(e.high_value)},
          {"downtime_low", interval(e.downtime_low, "s/y")},
          {"downtime_high", interval(e.downtime_high, "s/y")},
          {"credit_low", interval(e.credit_low, money.c_str())},
          {"credit_high", interval(e.credit_high, money.c_str())}};
}

}  // namespace

std::string render_sensitivity_json(const Sensitivity& s, const RunRecord& record) {
  const std::string money = (s.currency.empty() ? "money" : s.currency) + "/y";
  json doc = {{"run", json_parts::record_json(record)},
              {"scope", s.scope},
              {"currency", s.currency},
              {"low_factor", s.low_factor},
              {"high_factor", s.high_factor},
              {"baseline_downtime", interval(s.baseline_downtime, "s/y")},
              {"baseline_credit", interval(s.baseline_credit, money.c_str())},
              {"best_improvement", best_improvement(s)},
              {"effects", json::array()}};
  for (const ParameterEffect& e : s.effects) doc["effects"].push_back(effect_json(e, money));
  return json_parts::text(doc);
}

}  // namespace reliasim
