#pragma once
// Loading a scenario: read (structure pass), then validate (meaning pass). Either returns a
// valid Scenario or throws ScenarioError with every problem found, each with its place.
// Hostile input (binary data, huge files, alias bombs, deep nesting) gives an error too.

#include <filesystem>
#include <string>
#include <string_view>

#include "reliasim/scenario/diagnostics.hpp"
#include "reliasim/scenario/scenario.hpp"

namespace reliasim::scenario {

// Larger files are refused before parsing: a real scenario is a few kilobytes.
inline constexpr std::uintmax_t max_scenario_bytes = 16u << 20;

[[nodiscard]] Scenario load_scenario_file(const std::filesystem::path& path);

// `display_name` names the text in messages; files it mentions are looked up in `base_dir`.
[[nodiscard]] Scenario load_scenario_text(std::string_view text, const std::string& display_name,
                                          const std::filesystem::path& base_dir = {});

}  // namespace reliasim::scenario
