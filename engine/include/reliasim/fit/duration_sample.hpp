#pragma once
// Durations read from an incident history, as a likelihood sees them (docs/fit.md, Censoring):
// a stage that ended was observed; one still running when the history was exported lasted at
// least as long as it had run (right-censored); one recorded as taking no time ended within the
// timestamps' resolution (left-censored), which no continuous distribution can give exactly.

#include <cstddef>
#include <vector>

namespace reliasim::fit {

struct DurationSample {
  std::vector<double> observed;        // seconds, > 0
  std::vector<double> right_censored;  // seconds: at least this long
  std::vector<double> left_censored;   // seconds: at most this long (the resolution)
  double resolution = 0.0;             // seconds: durations this short are recorded as 0 (0: exact)

  [[nodiscard]] std::size_t size() const noexcept {
    return observed.size() + right_censored.size() + left_censored.size();
  }
  // Stages that ended, however precisely their end was recorded.
  [[nodiscard]] std::size_t ended() const noexcept {
    return observed.size() + left_censored.size();
  }
};

}  // namespace reliasim::fit
