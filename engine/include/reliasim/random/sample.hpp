#pragma once
// Drawing one value from a DistributionSpec. Boost.Random's distributions stay inside the .cpp:
// they are the part that must not differ between standard libraries (docs/simulation.md, Random
// numbers).

#include "reliasim/random/distribution.hpp"
#include "reliasim/random/stream.hpp"

namespace reliasim {

// One draw from `spec`, consuming a kind-dependent count of numbers from `rng`. Hot path: does
// not allocate or throw. Assumes a validated spec (positive scales, min <= mode <= max); a
// degenerate range (min == max, or a zero standard deviation) returns the point value.
[[nodiscard]] double sample(const DistributionSpec& spec, RandomStream& rng) noexcept;

// A normal(mean, sd) draw conditioned on being positive: rejection from the normal when the
// acceptance rate is at least one half, else Robert's exponential-proposal method (Statistics
// and Computing 5, 1995), whose acceptance rate grows towards 1 as the mean moves below zero.
[[nodiscard]] double sample_positive_normal(double mean, double sd, RandomStream& rng) noexcept;

}  // namespace reliasim
