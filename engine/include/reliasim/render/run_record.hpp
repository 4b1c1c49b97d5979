#pragma once
// What every output carries so that a number quoted later can be reproduced exactly.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/record/input_file.hpp"
#include "reliasim/record/platform.hpp"

namespace reliasim {

struct RunRecord {
  std::string engine_version = RELIASIM_VERSION;
  std::string scenario_file;
  std::string scenario_hash;  // "sha256:" and the hex digest of the file's bytes
  // Every file the run read, the scenario first, then its CSV files, then the bands file:
  // editing any of them changes the results.
  std::vector<InputFile> inputs;
  Platform platform = this_platform();
  std::uint64_t seed = 0;
  std::uint64_t first_trial = 0;
  std::uint64_t trials = 0;
  bool precision_run = false;
  bool converged = true;
  double relative_half_width = 0.0;
  std::string command;
  // The file whose FMEA score bands replaced the defaults (`fmea --bands`), and its hash as
  // for the scenario; empty with the default bands.
  std::string bands_file;
  std::string bands_hash;
  // A result merged from partial results (`reliasim merge`): their trial ranges as
  // {first, count}, joined where adjacent, in trial order; empty for a single run.
  std::vector<std::array<std::uint64_t, 2>> merged_ranges;
};

// A record of a run of a scenario whose input files are `inputs` (the scenario first).
[[nodiscard]] RunRecord record_of_inputs(const std::vector<InputFile>& inputs);

// Adds the FMEA bands file that replaced the default bands to the record.
void record_bands(RunRecord& record, InputFile bands);

}  // namespace reliasim
