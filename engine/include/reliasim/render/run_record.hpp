#pragma once
// What every output carries so that a number quoted later can be reproduced exactly.

#include <cstdint>
#include <string>
#include <string_view>

namespace reliasim {

struct RunRecord {
  std::string engine_version = RELIASIM_VERSION;
  std::string scenario_file;
  std::string scenario_hash;  // of the file's bytes
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
};

// "fnv1a64:" and 16 hex digits of a scenario's bytes: the run record's scenario_hash.
[[nodiscard]] std::string scenario_hash(std::string_view bytes);

}  // namespace reliasim
