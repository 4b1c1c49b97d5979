#pragma once
// A file a run read (the scenario, an empirical CSV, the FMEA bands), named by the SHA-256 of
// its bytes: the run record lists every one, since editing any of them changes the results.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reliasim/record/sha256.hpp"

namespace reliasim {

struct InputFile {
  std::string role;    // "scenario", "csv" (empirical samples) or "bands" (fmea --bands)
  std::string path;    // as given, or as resolved from the scenario's folder
  std::string sha256;  // 64 hex digits, as `sha256sum` prints them
};

// What the files are, whatever their paths: each one's role and SHA-256, in order. The same
// for the same files read elsewhere (a scenario shipped by value to another machine).
[[nodiscard]] inline std::string input_hashes(const std::vector<InputFile>& inputs) {
  std::string hashes;
  for (const InputFile& input : inputs) hashes += input.role + ":" + input.sha256 + " ";
  return hashes;
}

[[nodiscard]] inline InputFile input_file(std::string role, std::string path,
                                          std::string_view bytes) {
  return {std::move(role), std::move(path), sha256_hex(bytes)};
}

}  // namespace reliasim
