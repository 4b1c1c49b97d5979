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

// Which files a scenario may read (empirical CSV files). By default only files under its own
// folder, symbolic links resolved: a scenario shared between teams cannot read /etc/shadow or
// ../../secrets. Trusted use (RELIASIM_TRUST_PATHS=1 for the command) lets it read anywhere.
struct FileAccess {
  bool anywhere = false;
};

[[nodiscard]] Scenario load_scenario_file(const std::filesystem::path& path,
                                          FileAccess access = {});

// `display_name` names the text in messages; files it mentions are looked up in `base_dir`
// (the current folder when empty) and, by default, must lie under it.
[[nodiscard]] Scenario load_scenario_text(std::string_view text, const std::string& display_name,
                                          const std::filesystem::path& base_dir = {},
                                          FileAccess access = {});

}  // namespace reliasim::scenario
