#include "output.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace reliasim::cli {
namespace {

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void write_output(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text << std::flush;
    return;
  }
  // Written beside the target and renamed over it: readers never see half a file.
  const std::filesystem::path target(path);
  std::filesystem::path temporary = target;
  temporary += ".part";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw std::runtime_error("cannot write " + path);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw std::runtime_error("cannot write " + path + ": " + ec.message());
  }
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
