#pragma once
// Renderers of `reliasim replay` (docs/replay.md): a terminal table, CSV (one row per SLA
// window), JSON and an HTML page with the history's timeline.

#include <string>

#include "reliasim/analysis/replay.hpp"

namespace reliasim {

struct ReplayReport {
  const CompiledModel& model;  // its windows laid over the history's period
  const Replay& replay;
  const ReplayOdds* odds = nullptr;  // with a simulation beside the history
  std::string history_file;
  std::string history_sha256;
  std::string scenario_file;
  double period_start = 0.0;  // epoch seconds, UTC
  std::size_t incidents = 0;
  std::uint64_t seed = 0;
};

[[nodiscard]] std::string render_replay_table(const ReplayReport& report);
[[nodiscard]] std::string render_replay_csv(const ReplayReport& report);
[[nodiscard]] std::string render_replay_json(const ReplayReport& report);
[[nodiscard]] std::string render_replay_html(const ReplayReport& report);
// By name: table, csv, json or html; throws std::invalid_argument for another.
[[nodiscard]] std::string render_replay(const ReplayReport& report, const std::string& format);

}  // namespace reliasim
