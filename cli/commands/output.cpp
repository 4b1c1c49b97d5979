#include "output.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "output_file.hpp"

namespace reliasim::cli {
namespace {

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

bool output_usable(const std::string& path, const std::vector<std::string>& inputs) {
  if (path.empty() || path == "-") return true;
  for (const char* format : {"table", "json", "html", "csv", "markdown"})
    if (path == format && !std::filesystem::exists(path))
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

Progress::Progress(std::uint64_t total)
    : total_(total), terminal_(isatty(STDERR_FILENO) != 0), started_(seconds_now()) {}

Progress::~Progress() {
  if (shown_) std::cerr << "\r\033[K" << std::flush;
}

void Progress::update(std::uint64_t done) {
  // Only runs that last over a second get a bar.
  if (!terminal_ || total_ == 0 || seconds_now() - started_ < 1.0) return;
  shown_ = true;
  const int width = 30;
  const auto filled = static_cast<int>(width * done / total_);
  std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << done << "/"
            << total_ << " trials" << std::flush;
}

}  // namespace reliasim::cli
