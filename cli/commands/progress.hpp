#pragma once
// Progress on stderr while trials run, when stderr is a terminal and --quiet is not given:
//   tornado  [########            ]  41%  2,050/5,000 trials  1,320/s  ETA 0:02

#include <cstdint>
#include <string>
#include <string_view>

namespace reliasim::cli {

// --quiet: no progress and no warnings; errors are still printed.
void set_quiet(bool quiet);
[[nodiscard]] bool quiet();

// The line for `done` of `total` trials after `elapsed` seconds in `phase` (what is running:
// "run", "tornado", "sensitivity", "design A"...): bar, percentage, count, rate and the time
// left at that rate.
[[nodiscard]] std::string progress_line(std::string_view phase, std::uint64_t done,
                                        std::uint64_t total, double elapsed);

class Progress {
 public:
  Progress(std::uint64_t total, std::string phase);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(std::uint64_t done);

 private:
  std::uint64_t total_;
  std::string phase_;
  bool shown_ = false;
  bool terminal_;
  double started_;
};

}  // namespace reliasim::cli
