#include <catch2/catch.hpp>
#include <cstdint>

#include "reliasim/random/philox.hpp"

using reliasim::PhiloxCounter;
using reliasim::PhiloxKey;

namespace {

struct KnownAnswer {
  PhiloxCounter counter;
  PhiloxKey key;
  PhiloxCounter expected;
};

// The published philox4x64 known answers from the Random123 distribution's tests/kat_vectors
// file, as quoted verbatim in DEShawResearch/Random123-Boost libs/random/test/test_philox.cpp
// (line format: counter[4] key[2] expected[4]). The third uses the hex digits of pi.
constexpr KnownAnswer kRounds10[] = {
    {{0, 0, 0, 0},
     {0, 0},
     {0x16554d9eca36314c, 0xdb20fe9d672d0fdc, 0xd7e772cee186176b, 0x7e68b68aec7ba23b}},
    {{~0ULL, ~0ULL, ~0ULL, ~0ULL},
     {~0ULL, ~0ULL},
     {0x87b092c3013fe90b, 0x438c3c67be8d0224, 0x9cc7d7c69cd777b6, 0xa09caebf594f0ba0}},
    {{0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0, 0x082efa98ec4e6c89},
     {0x452821e638d01377, 0xbe5466cf34e90c6c},
     {0xa528f45403e61d95, 0x38c72dbd566e9788, 0xa5a1610e72fd18b5, 0x57bd43b5e52b7fe6}},
};

constexpr KnownAnswer kRounds7[] = {
    {{0, 0, 0, 0},
     {0, 0},
     {0x5dc8ee6268ec62cd, 0x139bc570b6c125a0, 0x84d6deb4fb65f49e, 0xaff7583376d378c2}},
    {{~0ULL, ~0ULL, ~0ULL, ~0ULL},
     {~0ULL, ~0ULL},
     {0x071dd84367903154, 0x48e2bbdc722b37d1, 0x6afa9890bb89f76c, 0x9194c8d8ada56ac7}},
    {{0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0, 0x082efa98ec4e6c89},
     {0x452821e638d01377, 0xbe5466cf34e90c6c},
     {0x513a366704edf755, 0xf05d9924c07044d3, 0xbef2cb9cbea74c6c, 0x8db948de4caa1f8a}},
};

// The generator is constexpr, so a wrong implementation fails to compile as well as to test.
static_assert(reliasim::philox4x64_10(kRounds10[2].counter, kRounds10[2].key) ==
              kRounds10[2].expected);

}  // namespace

TEST_CASE("philox4x64-10 reproduces the published Random123 known answers", "[random]") {
  for (const KnownAnswer& kat : kRounds10) {
    CHECK(reliasim::philox4x64_10(kat.counter, kat.key) == kat.expected);
  }
}

TEST_CASE("philox4x64 with 7 rounds reproduces the published known answers", "[random]") {
  // A second round count checks the key schedule, not just the final answer.
  for (const KnownAnswer& kat : kRounds7) {
    CHECK(reliasim::philox4x64<7>(kat.counter, kat.key) == kat.expected);
  }
}

TEST_CASE("the portable 64x64->128 multiply agrees with the fast one", "[random]") {
  using reliasim::philox_detail::mulhilo;
  using reliasim::philox_detail::mulhilo_portable;
  const std::uint64_t values[] = {0,
                                  1,
                                  0xFFFFFFFF,
                                  0x100000000,
                                  ~0ULL,
                                  reliasim::philox_detail::kM0,
                                  reliasim::philox_detail::kM1,
                                  0x243f6a8885a308d3};
  for (const std::uint64_t a : values) {
    for (const std::uint64_t b : values) {
      CHECK(mulhilo_portable(a, b).hi == mulhilo(a, b).hi);
      CHECK(mulhilo_portable(a, b).lo == mulhilo(a, b).lo);
    }
  }
  // 2^64 - 1 squared is 2^128 - 2^65 + 1.
  CHECK(mulhilo_portable(~0ULL, ~0ULL).hi == 0xFFFFFFFFFFFFFFFE);
  CHECK(mulhilo_portable(~0ULL, ~0ULL).lo == 1);
}
