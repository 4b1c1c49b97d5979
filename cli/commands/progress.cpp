#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace reliasim::cli {
namespace {

bool quiet_flag = false;

double seconds_now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// 1234567 -> "1,234,567": counts people read at a glance.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

// 75 -> "1:15", 3725 -> "1:02:05".
std::string clock_time(double seconds) {
  const auto total = static_cast<long long>(std::ceil(std::max(seconds, 0.0)));
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                  total % 60);
  else
    std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
  return text;
}

}  // namespace

void set_quiet(bool quiet) {
  quiet_flag = quiet;
}
bool quiet() {
  return quiet_flag;
}

std::string progress_line(std::string_view phase, std::uint64_t done, std::uint64_t total,
                          double elapsed) {
  constexpr int width = 20;
  done = std::min(done, total);
  const double share = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const auto filled = static_cast<std::size_t>(width * share);
  std::string line = std::string(phase) + "  [" + std::string(filled, '#') +
                     std::string(width - filled, ' ') + "]";
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(100 * share));
  line += std::string(" ") + percent + "  " + grouped(done) + "/" + grouped(total) + " trials";
  if (done == 0 || elapsed <= 0) return line;
  const double rate = static_cast<double>(done) / elapsed;
  line += "  " + grouped(static_cast<std::uint64_t>(rate)) + "/s  ETA " +
          clock_time(static_cast<double>(total - done) / rate);
  return line;
}

Progress::Progress(std::uint64_t total, std::string phase)
    : total_(total),
      phase_(std::move(phase)),
      terminal_(isatty(STDERR_FILENO) != 0 && !quiet()),
      started_(seconds_now()) {}

Progress::~Progress() {
  if (shown_) std::cerr << "\r\033[K" << std::flush;
}

void Progress::update(std::uint64_t done) {
  // Only runs that last over a second get a line.
  const double elapsed = seconds_now() - started_;
  if (!terminal_ || total_ == 0 || elapsed < 1.0) return;
  shown_ = true;
  std::cerr << "\r\033[K" << progress_line(phase_, done, total_, elapsed) << std::flush;
}

}  // namespace reliasim::cli
