#pragma once
// Random streams keyed by what the numbers are for (docs/simulation.md, Random numbers): the n-th
// number a failure source draws for an event in a trial depends only on (seed, trial, source,
// event, n), never on what other sources, trials or threads drew. That is what makes results
// independent of the thread count and gives two designs sharing a named source common random
// numbers.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include "reliasim/random/philox.hpp"

namespace reliasim {

// FNV-1a 64 (Fowler, Noll, Vo): simple, byte-order independent and fixed forever.
constexpr std::uint64_t fnv1a64(std::string_view text) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325;  // offset basis
  for (const char ch : text) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 0x100000001b3;  // FNV prime
  }
  return hash;
}

// The SplitMix64 output function (Steele, Lea, Flood 2014): a bijective avalanche mixer.
constexpr std::uint64_t splitmix64_mix(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

// The id of a named failure source. It must never change between versions or machines: it
// decides which numbers the source draws. The mixer spreads FNV's weak low bits over the word.
constexpr std::uint64_t stable_hash(std::string_view name) noexcept {
  return splitmix64_mix(fnv1a64(name));
}

// A UniformRandomBitGenerator for Boost.Random distributions. Philox key = {seed, source_id};
// counter = {block, event_index, trial, 0}, with the block (word 0) stepping fastest as in
// NumPy's Philox. Lives on the stack: a few words of state, no allocation.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream() noexcept : RandomStream(0, 0, 0, 0) {}
  RandomStream(std::uint64_t seed, std::uint64_t trial, std::uint64_t source_id,
               std::uint64_t event_index) noexcept
      : key_{seed, source_id}, counter_{0, event_index, trial, 0} {}

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  result_type operator()() noexcept {
    if (next_ == block_.size()) refill();
    return block_[next_++];
  }

  // Skips n numbers in O(1), as if n calls had been made.
  void discard(std::uint64_t n) noexcept {
    const std::uint64_t position = drawn() + n;
    counter_[0] = position / 4;
    next_ = block_.size();  // force a refill of the block that holds `position`
    skip_in_block_ = static_cast<std::size_t>(position % 4);
  }

  // How many numbers this stream has produced so far (including discarded ones).
  [[nodiscard]] std::uint64_t drawn() const noexcept {
    return next_ == block_.size() ? 4 * counter_[0] + skip_in_block_
                                  : 4 * (counter_[0] - 1) + next_;
  }

 private:
  void refill() noexcept {
    block_ = philox4x64_10(counter_, key_);
    ++counter_[0];
    next_ = skip_in_block_;
    skip_in_block_ = 0;
  }

  PhiloxKey key_;
  PhiloxCounter counter_;  // the counter of the next block to compute
  PhiloxCounter block_{};
  std::size_t next_ = 4;  // index into block_; 4 means "empty"
  std::size_t skip_in_block_ = 0;
};

// Maps 64 random bits to a double in (0, 1) using the top 53 bits: k * 2^-53 for k >= 1, and
// 2^-54 in place of 0, so that log(u) and 1/u are always finite. Never returns 1.
constexpr double uniform01_from_bits(std::uint64_t bits) noexcept {
  constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;
  const std::uint64_t k = bits >> 11;
  return k == 0 ? 0.5 * kTwoToMinus53 : static_cast<double>(k) * kTwoToMinus53;
}

// One draw from the stream as a double in (0, 1).
inline double uniform01(RandomStream& rng) noexcept {
  return uniform01_from_bits(rng());
}

}  // namespace reliasim
