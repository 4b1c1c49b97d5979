#pragma once
// Importance sampling for the rare outages of one scope (docs/rare-events.md): the failure
// clocks of the sources that can impair the scope run faster by a factor that depends on how
// many of their incidents are open (from occurrence to repair): biases[j] while j are open,
// the last one for j >= bias_levels - 1. Each trial's weight is its likelihood ratio. Every
// factor 1: plain Monte Carlo, every weight 1.
#include <algorithm>
#include <array>
#include <cstddef>

namespace reliasim {

inline constexpr std::size_t bias_levels = 4;  // nothing open, 1, 2, 3 or more

struct Biasing {
  std::size_t scope = 0;  // journeys first, then the services SLAs or SLOs name
  std::array<double, bias_levels> biases{1.0, 1.0, 1.0, 1.0};
  [[nodiscard]] bool active() const {
    for (const double b : biases)
      if (b != 1.0) return true;
    return false;
  }
  friend bool operator==(const Biasing&, const Biasing&) = default;
};

// The level of `open` incidents: an index into Biasing::biases.
[[nodiscard]] inline std::size_t bias_level(int open) {
  return open <= 0 ? 0 : std::min<std::size_t>(static_cast<std::size_t>(open), bias_levels - 1);
}

// What one biased trial did, for choosing the biases (cross-entropy, docs/rare-events.md): per
// level, the failures of the biased sources, their unbiased cumulative hazard and how often the
// level was entered (from either side); the most incidents open at once.
struct BiasTrace {
  std::array<double, bias_levels> failures{};
  std::array<double, bias_levels> hazard{};
  std::array<double, bias_levels> entries{};
  int most_open = 0;
};

}  // namespace reliasim
