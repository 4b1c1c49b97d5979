#pragma once
// The command line as typed, for the run record: what reproduces an output exactly.

#include <string>

namespace reliasim::cli {

void set_invocation(int argc, char** argv);
[[nodiscard]] const std::string& invocation();

}  // namespace reliasim::cli
