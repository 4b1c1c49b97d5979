#include "replay_parts.hpp"

#include <cstdio>

#include "fit_parts.hpp"
#include "reliasim/render/text_safety.hpp"
#include "text_parts.hpp"

namespace reliasim::replay_parts {

std::string at(const ReplayReport& r, double seconds) {
  return fit_parts::utc_time(r.period_start + seconds);
}

std::string source_line(const ReplayReport& r) {
  return r.history_file + " (sha256:" + r.history_sha256 + "), " + std::to_string(r.incidents) +
         " incidents from " + at(r, 0.0) + " to " + at(r, r.replay.period) + ", against " +
         r.scenario_file;
}

std::string money(double amount, const std::string& currency) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", amount);
  return std::string(text) + " " + text_parts::currency_label(currency);
}

std::string scope_name(const CompiledModel& model, const ScopeRef& scope) {
  const auto i = static_cast<std::size_t>(scope.index);
  return scope.journey ? "journey " + model.journeys[i].name : "service " + model.services[i].name;
}

std::string odds_text(double probability, std::uint64_t trials) {
  return text_parts::number("%.1f", 100.0 * probability) + " % of " + std::to_string(trials) +
         " simulated years";
}

}  // namespace reliasim::replay_parts
