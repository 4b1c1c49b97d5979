#include <array>

#include "json_parts.hpp"
#include "reliasim/render/render.hpp"

namespace reliasim {
namespace {

using json_parts::interval;
using json_parts::json;
using json_parts::number;
using json_parts::record_json;

json durations(const DurationSummary& d) {
  return {{"count", d.count},
          {"mean", interval(d.mean, "s")},
          {"p50", interval(d.p50, "s")},
          {"p90", interval(d.p90, "s")},
          {"p99", interval(d.p99, "s")}};
}

// The incidents a run kept (--keep-incidents): T0..T4 in seconds from the start of the trial,
// null for a stage never reached.
json incident_records(const Summary& s) {
  if (!s.incident_records) return nullptr;
  std::vector<std::string> modes(s.failure_modes.size());
  for (const FailureModeSummary& m : s.failure_modes)
    modes.at(static_cast<std::size_t>(m.index)) =
        (m.info.service.empty() ? "common-cause" : m.info.service) + "/" + m.info.name;
  static constexpr std::array<const char*, 5> detected_by{"alert", "canary", "probe", "customer",
                                                          "none"};
  json records = json::array();
  for (const IncidentRecord& i : *s.incident_records)
    records.push_back({{"trial", i.trial},
                       {"failure_mode", modes.at(static_cast<std::size_t>(i.failure_mode))},
                       {"start", number(i.start)},
                       {"detected", number(i.detected)},
                       {"engaged", number(i.engaged)},
                       {"mitigated", number(i.mitigated)},
                       {"repaired", number(i.repaired)},
                       {"detected_by", detected_by.at(static_cast<std::size_t>(i.detected_by))},
                       {"user_facing", i.user_facing}});
  return records;
}

json times(const IncidentTimes& t) {
  return {{"ttd", durations(t.ttd)},
          {"tta", durations(t.tta)},
          {"ttm", durations(t.ttm)},
          {"ttr", durations(t.ttr)}};
}

// An SLA without a credit schedule has null for every money figure, never a 0 that reads
// as contractual.
json sla_json(const SlaSummary& l) {
  const std::string money = l.currency.empty() ? "money" : l.currency;
  const auto paid = [&l](json value) { return l.credit_schedule ? value : json(nullptr); };
  json tiers = json::array();
  for (const auto& tier : l.tier_probability)
    tiers.push_back(interval(tier, "probability per window"));
  return {{"name", l.name},
          {"customer", l.customer},
          {"currency", paid(l.currency)},
          {"credit_schedule", l.credit_schedule},
          {"breach_probability", interval(l.breach_probability, "probability per window")},
          {"breaches_per_year", interval(l.breaches_per_year, "1/y")},
          {"credit_per_year", paid(interval(l.credit_per_year, (money + "/y").c_str()))},
          {"credit_per_window", paid(interval(l.credit_per_window, money.c_str()))},
          {"tier_probability", tiers},
          {"annual_credit_tail", paid({{"var95", number(l.var95.var)},
                                       {"cvar95", number(l.var95.cvar)},
                                       {"var99", number(l.var99.var)},
                                       {"cvar99", number(l.var99.cvar)},
                                       {"var999", number(l.var999.var)},
                                       {"cvar999", number(l.var999.cvar)},
                                       {"unit", money + "/y"}})},
          {"breach_windows", l.breach_windows},
          {"time_to_first_breach", durations(l.time_to_first_breach)},
          {"breach_in_horizon_probability",
           interval(l.breach_in_horizon_probability, "probability per trial")},
          {"credit_change_per_minute",
           paid({{"plus", interval(l.credit_change_plus_minute, (money + "/y").c_str())},
                 {"minus", interval(l.credit_change_minus_minute, (money + "/y").c_str())}})}};
}

// P(an outage longer than X within the horizon), for each X of outage_thresholds.
json longer_outages(const ScopeSummary& scope) {
  json rows = json::array();
  for (std::size_t k = 0; k < scope.longer_outage_probability.size(); ++k)
    rows.push_back(
        {{"longer_than_seconds", outage_thresholds[k]},
         {"probability", interval(scope.longer_outage_probability[k], "probability per trial")}});
  return rows;
}

// R(t) at its times: P(no outage in [0, t]), and F(t) = 1 - R(t).
json reliability(const ScopeSummary& scope) {
  json rows = json::array();
  for (const ReliabilityPoint& point : scope.reliability) {
    const Interval& r = point.probability;
    const Interval f{1.0 - r.estimate, 1.0 - r.upper, 1.0 - r.lower, r.confidence};
    rows.push_back({{"time_seconds", point.time},
                    {"probability", interval(r, "probability per trial")},
                    {"unreliability", interval(f, "probability per trial")}});
  }
  return rows;
}

// A(t) at the same times: P(up at t).
json point_availability(const ScopeSummary& scope) {
  json rows = json::array();
  for (const ReliabilityPoint& point : scope.point_availability)
    rows.push_back({{"time_seconds", point.time},
                    {"probability", interval(point.probability, "probability per trial")}});
  return rows;
}

json b_lives(const ScopeSummary& scope) {
  json rows = json::array();
  for (std::size_t k = 0; k < scope.b_lives.size(); ++k)
    rows.push_back({{"fraction", b_life_fractions[k]}, {"time", interval(scope.b_lives[k], "s")}});
  return rows;
}

json portfolio_json(const PortfolioSummary& p) {
  const std::string money = p.currency.empty() ? "money" : p.currency;
  return {{"currency", p.currency},
          {"contracts", p.contracts},
          {"credit_per_year", interval(p.credit_per_year, (money + "/y").c_str())},
          {"annual_credit_tail",
           {{"var95", number(p.var95.var)},
            {"cvar95", number(p.var95.cvar)},
            {"var99", number(p.var99.var)},
            {"cvar99", number(p.var99.cvar)},
            {"var999", number(p.var999.var)},
            {"cvar999", number(p.var999.cvar)},
            {"unit", money + "/y"}}},
          {"sum_of_contract_var99", number(p.sum_of_var99)}};
}

}  // namespace

std::string render_json(const Summary& s, const RunRecord& record) {
  json scopes = json::array();
  for (const auto& scope : s.scopes) {
    json windows = json::array(), served = json::array();
    for (const auto& w : scope.window_availability) windows.push_back(interval(w, "fraction"));
    for (const auto& w : scope.window_served) served.push_back(interval(w, "fraction"));
    scopes.push_back({{"name", scope.scope.name},
                      {"kind", scope.scope.journey ? "journey" : "service"},
                      {"description", scope.description},
                      {"availability", interval(scope.availability, "fraction")},
                      {"downtime_per_year", interval(scope.downtime_per_year, "s/y")},
                      {"degraded_per_year", interval(scope.degraded_per_year, "s/y")},
                      {"error_time_per_year", interval(scope.error_time_per_year, "s/y")},
                      {"outages_per_year", interval(scope.outages_per_year, "1/y")},
                      {"longest_outage", interval(scope.longest_outage, "s")},
                      {"user_facing_ttd", durations(scope.outage_ttd)},
                      {"user_facing_duration", durations(scope.outage_duration)},
                      {"window_availability", windows},
                      {"window_served", served},
                      {"outages_per_window", interval(scope.outages_per_window, "1/window")},
                      {"window_outages", scope.window_outages},
                      {"outage_in_horizon_probability",
                       interval(scope.outage_in_horizon_probability, "probability per trial")},
                      {"longer_outage_probability", longer_outages(scope)},
                      {"time_to_first_outage", durations(scope.time_to_first_outage)},
                      {"reliability", reliability(scope)},
                      {"point_availability", point_availability(scope)},
                      {"outages_in_horizon", interval(scope.outages_in_horizon, "1/trial")},
                      {"mttf", interval(scope.mttf, "s")},
                      {"restricted_mttf", interval(scope.restricted_mttf, "s")},
                      {"b_lives", b_lives(scope)}});
  }
  json services = json::array();
  for (const auto& v : s.services)
    services.push_back({{"name", v.name},
                        {"description", v.description},
                        {"availability", interval(v.availability, "fraction")},
                        {"downtime_per_year", interval(v.downtime_per_year, "s/y")},
                        {"degraded_per_year", interval(v.degraded_per_year, "s/y")}});
  json modes = json::array();
  for (const auto& m : s.failure_modes)
    modes.push_back({{"name", m.info.name},
                     {"service", m.info.service},
                     {"cause", m.info.cause},
                     {"effect", m.info.effect},
                     {"common_cause", m.info.common_cause},
                     {"incidents_per_year", interval(m.incidents_per_year, "1/y")},
                     {"downtime_per_year", interval(m.downtime_per_year, "s/y")},
                     {"downtime_share", number(m.downtime_share)},
                     {"error_time_per_year", interval(m.error_time_per_year, "s/y")},
                     {"error_share", number(m.error_share)},
                     {"failures_in_horizon", interval(m.failures_in_horizon, "1/trial")},
                     {"repairs_in_horizon", interval(m.repairs_in_horizon, "1/trial")},
                     {"times", times(m.times)}});
  json slas = json::array();
  for (const auto& l : s.slas) slas.push_back(sla_json(l));
  json portfolios = json::array();
  for (const auto& p : s.portfolios) portfolios.push_back(portfolio_json(p));
  json slos = json::array();
  for (const auto& o : s.slos)
    slos.push_back(
        {{"name", o.name},
         {"scope", o.scope},
         {"target", o.target},
         {"budget_per_window", {{"value", number(o.budget_per_window)}, {"unit", "s"}}},
         {"budget_spent", interval(o.budget_spent, "fraction of the budget per window")},
         {"exhausted_probability", interval(o.exhausted_probability, "probability per window")},
         {"exhausted_per_year", interval(o.exhausted_per_year, "1/y")}});
  json analytic = nullptr;
  if (s.analytic) {
    json estimates = json::array();
    for (const auto& e : s.analytic->scopes)
      estimates.push_back({{"name", e.name},
                           {"availability", number(e.availability)},
                           {"downtime_per_year", number(e.downtime_per_year)}});
    const auto& a = *s.analytic;
    json transient = json::array();
    for (const auto& e : a.transient.scopes) {
      json lives = json::array();
      for (std::size_t k = 0; k < e.b_lives.size(); ++k)
        lives.push_back({{"fraction", b_life_fractions[k]}, {"time", number(e.b_lives[k])}});
      transient.push_back({{"name", e.name},
                           {"availability", e.availability},
                           {"reliability", e.reliability},
                           {"outages_in_horizon", number(e.outages_in_horizon)},
                           {"mttf", number(e.mttf)},
                           {"b_lives", lives}});
    }
    analytic = {
        {"exact", a.exact()},
        {"method", analytic::to_string(a.method)},
        {"markov_states", a.markov_states > 0 ? json(a.markov_states) : json(nullptr)},
        {"markov_fallback", a.markov_fallback.empty() ? json(nullptr) : json(a.markov_fallback)},
        {"assumptions", a.assumptions},
        {"scopes", estimates},
        {"transient",
         {{"states", a.transient.solved() ? json(a.transient.states) : json(nullptr)},
          {"not_solved", a.transient.solved() ? json(nullptr) : json(a.transient.not_solved)},
          {"scopes", transient}}}};
  }
  json rare_event = nullptr;
  if (s.rare_event) {
    const RareEventSummary& e = *s.rare_event;
    rare_event = {{"method", "importance sampling"},
                  {"scope", e.scope},
                  {"biases", e.biases},
                  {"chosen_by", e.chosen_by},
                  {"trials_with_outage", e.trials_with_outage},
                  {"outage_probability", interval(e.outage_probability, "probability per trial")},
                  {"relative_error", number(e.relative_error)},
                  {"effective_sample_size", number(e.effective_sample_size)},
                  {"largest_weight_share", number(e.largest_weight_share)},
                  {"pareto_k", number(e.pareto_k)},
                  {"plain_trials_needed", number(e.plain_trials_needed)},
                  {"reliable", e.warnings.empty()},
                  {"warnings", e.warnings}};
  }
  const json document = {{"run", record_json(record)},
                         {"scenario", {{"name", s.scenario}, {"description", s.description}}},
                         {"confidence", s.confidence},
                         {"horizon_seconds", s.horizon},
                         {"windows",
                          {{"kind", s.windows.kind},
                           {"start", s.windows.start},
                           {"names", s.windows.names},
                           {"boundaries_seconds", s.windows.boundaries}}},
                         {"events", s.events},
                         {"incidents", s.incidents},
                         {"scopes", scopes},
                         {"services", services},
                         {"incident_times", times(s.times)},
                         {"failure_modes", modes},
                         {"slas", slas},
                         {"portfolios", portfolios},
                         {"slos", slos},
                         {"analytic", analytic},
                         {"rare_event", rare_event},
                         {"incident_records", incident_records(s)}};
  return json_parts::text(document);
}

}  // namespace reliasim
