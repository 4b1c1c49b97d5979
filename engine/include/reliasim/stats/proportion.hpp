#pragma once
// A proportion (e.g. the probability that a mission fails) with the Wilson score interval:
// unlike the Wald interval it keeps its coverage near 0 and 1 and never leaves [0, 1], which
// matters for rare failures (Wilson 1927; Brown, Cai and DasGupta, Statistical Science 2001).

#include <cstdint>

#include "reliasim/stats/interval.hpp"

namespace reliasim {

// estimate = successes / trials. With no trials the estimate is NaN and the interval [0, 1].
// Throws std::invalid_argument if successes > trials or the confidence is outside (0, 1).
[[nodiscard]] Interval wilson_interval(std::uint64_t successes, std::uint64_t trials,
                                       double confidence = 0.95);

}  // namespace reliasim
