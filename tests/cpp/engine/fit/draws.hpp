#pragma once
// Samples of known distributions for the fitting tests, from the engine's own streams.
#include <cstdint>
#include <vector>

#include "reliasim/random/sample.hpp"
#include "reliasim/random/stream.hpp"

namespace reliasim::test {

// `n` draws of `d`; `stream` tells apart the samples of one seed.
inline std::vector<double> draws(const DistributionSpec& d, int n, std::uint64_t seed,
                                 std::uint64_t stream = 0) {
  RandomStream rng(seed, stream, 0, 0);
  std::vector<double> values(static_cast<std::size_t>(n));
  for (auto& v : values) v = sample(d, rng);
  return values;
}

}  // namespace reliasim::test
