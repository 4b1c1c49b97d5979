#pragma once
// A file a run read (the scenario, an empirical CSV, the FMEA bands), named by the SHA-256 of
// its bytes: the run record lists every one, since editing any of them changes the results.

#include <string>
#include <string_view>
#include <utility>

#include "reliasim/record/sha256.hpp"

namespace reliasim {

struct InputFile {
  std::string role;    // "scenario", "csv" (empirical samples) or "bands" (fmea --bands)
  std::string path;    // as given, or as resolved from the scenario's folder
  std::string sha256;  // 64 hex digits, as `sha256sum` prints them
};

[[nodiscard]] inline InputFile input_file(std::string role, std::string path,
                                          std::string_view bytes) {
  return {std::move(role), std::move(path), sha256_hex(bytes)};
}

}  // namespace reliasim
