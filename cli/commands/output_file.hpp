#pragma once
// Output files that are safe to name anywhere, even as root: written whole or not at all,
// through a symbolic link rather than over it, never over a device, a directory or an input,
// with the mode an existing file had.

#include <stdexcept>
#include <string>
#include <vector>

namespace reliasim::cli {

// Why an output cannot be written; the message names the path and the reason.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Checks before any work that `path` can take an output: a regular file or none yet (a
// symbolic link counts as the file it points to), in an existing folder, and none of `inputs`.
// Throws OutputError.
void check_output_path(const std::string& path, const std::vector<std::string>& inputs);

// Writes `text` to `path` (checked again) through a uniquely named file created exclusively
// beside it and renamed over it. Throws OutputError with the operating system's reason.
void write_output_file(const std::string& text, const std::string& path,
                       const std::vector<std::string>& inputs);

}  // namespace reliasim::cli
