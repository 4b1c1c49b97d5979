#include "json_parts.hpp"
#include "reliasim/render/replay.hpp"
#include "replay_parts.hpp"

namespace reliasim {

using json_parts::json;
using json_parts::number;

namespace {

json credits_json(const Replay& replay) {
  json list = json::array();
  for (std::size_t c = 0; c < replay.currencies.size(); ++c)
    list.push_back(
        {{"currency", replay.currencies[c]}, {"credit", number(replay.credit_by_currency[c])}});
  return list;
}

}  // namespace

std::string render_replay_json(const ReplayReport& r) {
  const CompiledModel& m = r.model;
  json slas = json::array();
  for (std::size_t l = 0; l < m.slas.size(); ++l) {
    const SlaSpec& sla = m.slas[l];
    json windows = json::array();
    for (const auto& w : r.replay.slas[l].windows)
      windows.push_back({{"start", replay_parts::at(r, w.start)},
                         {"end", replay_parts::at(r, w.end)},
                         {"uptime", number(w.uptime)},
                         {"counted_seconds", number(w.counted)},
                         {"bad_seconds", number(w.counted * (1.0 - w.uptime))},
                         {"breached", w.breached},
                         {"credit", sla.has_credits() ? number(w.credit) : json(nullptr)}});
    json entry = {{"name", sla.name},
                  {"customer", sla.customer},
                  {"scope", replay_parts::scope_name(m, sla.scope)},
                  {"target", sla.target},
                  {"currency", sla.currency},
                  {"has_credits", sla.has_credits()},
                  {"breaches", r.replay.slas[l].breaches},
                  {"credit", sla.has_credits() ? number(r.replay.slas[l].credit) : json(nullptr)},
                  {"windows", std::move(windows)}};
    if (r.odds) entry["simulated_breaches_at_least"] = number(r.odds->breaches_at_least[l]);
    slas.push_back(std::move(entry));
  }
  json slos = json::array();
  for (std::size_t l = 0; l < m.slos.size(); ++l) {
    json windows = json::array();
    const auto& slo = r.replay.slos[l];
    for (std::size_t w = 0; w < slo.used.size(); ++w)
      windows.push_back(
          {{"start", replay_parts::at(r, slo.bounds[w])}, {"budget_spent", number(slo.used[w])}});
    slos.push_back({{"name", m.slos[l].name},
                    {"scope", replay_parts::scope_name(m, m.slos[l].scope)},
                    {"target", m.slos[l].target},
                    {"exhausted_windows", slo.exhausted},
                    {"windows", std::move(windows)}});
  }
  json document = {{"engine_version", RELIASIM_VERSION},
                   {"history", {{"file", r.history_file}, {"sha256", r.history_sha256}}},
                   {"scenario", r.scenario_file},
                   {"period",
                    {{"start", replay_parts::at(r, 0.0)},
                     {"end", replay_parts::at(r, r.replay.period)},
                     {"days", number(r.replay.period / 86400.0)}}},
                   {"incidents", r.incidents},
                   {"credits", credits_json(r.replay)},
                   {"slas", std::move(slas)},
                   {"slos", std::move(slos)}};
  if (r.odds) {
    json currencies = json::array();
    for (std::size_t c = 0; c < r.odds->currencies.size(); ++c)
      currencies.push_back({{"currency", r.odds->currencies[c]},
                            {"history_credit_per_year", number(r.odds->history_credit_per_year[c])},
                            {"simulated_at_least", number(r.odds->credit_at_least[c])}});
    document["simulation"] = {
        {"trials", r.odds->trials}, {"seed", r.seed}, {"credits", std::move(currencies)}};
  }
  return json_parts::text(document);
}

}  // namespace reliasim
