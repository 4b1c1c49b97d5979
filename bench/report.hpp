#pragma once
// The benchmark report: a table on stdout with each target and PASS/MISS, and optional JSON.

#include <filesystem>
#include <string>
#include <vector>

#include "figures.hpp"

namespace reliasim::bench {

// The targets the figures are held to.
inline constexpr double max_engine_over_bare = 2.0;    // engine time per trial over the loop's
inline constexpr double min_engine_over_simpy = 50.0;  // engine trials/s over SimPy's, 1 thread
inline constexpr double min_speedup = 1.8;             // 1 -> 2 threads, on an idle machine

// Other processes' CPU during a scenario's timed runs above this many cores: the machine was
// not idle, and the speed-up is "not measured" rather than judged.
inline constexpr double busy_machine = 0.3;

struct Report {
  std::vector<ScenarioFigures> scenarios;
  double seconds = 0.0;
  std::uint64_t seed = 0;
  bool smoke = false;
  bool keep_incidents = true;
  int repeats = 1;  // timed runs per measurement, the fastest kept
};

void print_table(const Report& report);
void write_json(const Report& report, const std::filesystem::path& file);

// Smoke checks: every scenario measured without error, every figure positive and finite.
// Returns the problems found (none when sane).
[[nodiscard]] std::vector<std::string> sanity_problems(const Report& report);

}  // namespace reliasim::bench
