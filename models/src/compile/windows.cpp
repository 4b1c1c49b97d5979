#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario {
namespace {

int days_in_month(int year, int month) {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

std::vector<double> window_boundaries(WindowKind kind, double length, double horizon,
                                      int start_year, int start_month) {
  std::vector<double> boundaries{0.0};
  if (kind == WindowKind::calendar_month) {
    int year = start_year;
    int month = start_month;
    // A horizon that ends inside a month keeps that month as a shorter, final window.
    while (boundaries.back() < horizon) {
      boundaries.push_back(
          std::min(horizon, boundaries.back() + days_in_month(year, month) * seconds_per_day));
      if (++month > 12) month = 1, ++year;
    }
    return boundaries;
  }
  // Only complete windows: every window of a contract has the same length. A rolling window
  // is laid out the same way here, as consecutive windows of its length.
  if (kind == WindowKind::fixed || kind == WindowKind::rolling) {
    while (boundaries.back() + length <= horizon * (1 + 1e-12))
      boundaries.push_back(boundaries.back() + length);
  }
  return boundaries;
}

}  // namespace reliasim::scenario
