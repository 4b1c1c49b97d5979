#pragma once
// Where a run was made: results are the same bits on every machine, but a record that names
// the platform and build lets a reader check that claim, or find where it broke.

#include <string>

namespace reliasim {

struct Platform {
  std::string os;          // kernel name and release, e.g. "Linux 6.1.0-18-amd64"
  std::string arch;        // machine, e.g. "x86_64"
  std::string compiler;    // compiler and version the engine was built with, e.g. "GCC 12.2.0"
  std::string build_type;  // CMake build type, e.g. "Release"
};

// This process's platform (uname) and the engine's build (compile-time macros).
[[nodiscard]] Platform this_platform();

}  // namespace reliasim
