#pragma once
// Writing an output: to stdout, or to a file that appears whole or not at all.

#include <string>
#include <vector>

namespace reliasim::cli {

// Checks --output before any work (output_file.hpp says what is refused): prints why it cannot
// be written and returns false. Warns when the path is a format's name (`-o json`).
[[nodiscard]] bool output_usable(const std::string& path, const std::vector<std::string>& inputs);

// Writes to standard output (no path, or -), or to the file, whole or not at all. Throws
// OutputError naming the file and the reason when it cannot be written.
void write_output(const std::string& text, const std::string& path,
                  const std::vector<std::string>& inputs = {});

}  // namespace reliasim::cli
