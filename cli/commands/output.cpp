#include "output.hpp"

#include <cstdint>
#include <filesystem>
#include <iostream>

#include "output_file.hpp"
#include "progress.hpp"

namespace reliasim::cli {

bool output_usable(const std::string& path, const std::vector<std::string>& inputs) {
  if (path.empty() || path == "-") return true;
  for (const char* format : {"table", "json", "html", "csv", "markdown"})
    if (path == format && !std::filesystem::exists(path) && !quiet())
      std::cerr << "reliasim: warning: writing to a file named '" << path
                << "'; for that format, use --format " << path << '\n';
  try {
    check_output_path(path, inputs);
    return true;
  } catch (const OutputError& error) {
    std::cerr << "reliasim: --output: " << error.what() << '\n';
    return false;
  }
}

void write_output(const std::string& text, const std::string& path,
                  const std::vector<std::string>& inputs) {
  if (path.empty() || path == "-") {
    std::cout << text << std::flush;
    return;
  }
  write_output_file(text, path, inputs);
}

}  // namespace reliasim::cli
