#pragma once
// A bands file: the FMEA score band tables (reliasim::FmeaBands) as a small YAML map, so that
// a team can score failure modes on its own scales (`reliasim fmea --bands FILE`). Any table
// left out keeps its default. docs/fmea.md describes the format with an example.

#include <filesystem>
#include <string>
#include <string_view>

#include "reliasim/analysis/fmea.hpp"
#include "reliasim/record/input_file.hpp"
#include "reliasim/scenario/diagnostics.hpp"

namespace reliasim::scenario {

// Larger files are refused before parsing: a bands file is a few hundred bytes.
inline constexpr std::uintmax_t max_bands_bytes = 1u << 20;

// Reads the tables a bands file sets over the defaults. Throws ScenarioError with every
// problem found, each with its file, line and column, the offending value and what is valid:
// nine finite edges per table in strictly increasing order (`inf`, never reached, may only
// end a table), probabilities in [0, 1], durations with a unit or in plain seconds.
// `read`, when given, receives the file with the SHA-256 of its bytes, for the run record.
[[nodiscard]] FmeaBands load_fmea_bands_file(const std::filesystem::path& path,
                                             InputFile* read = nullptr);
// `display_name` names the text in messages.
[[nodiscard]] FmeaBands load_fmea_bands_text(std::string_view text,
                                             const std::string& display_name);

// The bands as a commented bands file that load_fmea_bands_text reads back to the same
// values, bit for bit: a starting point to edit.
[[nodiscard]] std::string fmea_bands_yaml(const FmeaBands& bands);

}  // namespace reliasim::scenario
