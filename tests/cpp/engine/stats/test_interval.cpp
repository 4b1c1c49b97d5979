#include <catch2/catch.hpp>

#include "reliasim/stats/interval.hpp"

TEST_CASE("Interval reports its half-width and relative half-width", "[stats]") {
  const reliasim::Interval interval{10.0, 8.0, 13.0, 0.95};
  CHECK(interval.half_width() == 2.5);
  CHECK(interval.relative_half_width() == 0.25);
  CHECK(interval.contains(8.0));
  CHECK(interval.contains(13.0));
  CHECK_FALSE(interval.contains(13.5));
}
