#pragma once
// Text shared by the renderers of `reliasim replay` (private to the engine).

#include <string>

#include "reliasim/render/replay.hpp"

namespace reliasim::replay_parts {

// "2025-03-01 00:00 UTC": a time of the replay (seconds from its start).
[[nodiscard]] std::string at(const ReplayReport& r, double seconds);
// The history and scenario files with their hashes, the period and the incident count.
[[nodiscard]] std::string source_line(const ReplayReport& r);
// "1,234.50 EUR" (or "money" without a currency), as every renderer shows money.
[[nodiscard]] std::string money(double amount, const std::string& currency);
// The SLA's scope: "journey checkout" or "service db".
[[nodiscard]] std::string scope_name(const CompiledModel& model, const ScopeRef& scope);
// "a simulated year costs at least as much in 12.3 % of 2,000 trials".
[[nodiscard]] std::string odds_text(double probability, std::uint64_t trials);

}  // namespace reliasim::replay_parts
