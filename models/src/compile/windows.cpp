#include <algorithm>

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

WindowSpec lay_out_windows(WindowKind kind, double length, double horizon, int start_year,
                           int start_month) {
  WindowSpec spec{kind, length, {0.0}, 0.0};
  std::vector<double>& boundaries = spec.boundaries;
  if (kind == WindowKind::calendar_month) {
    int year = start_year;
    int month = start_month;
    // A horizon that ends inside a month keeps that month as a shorter, final window.
    while (boundaries.back() < horizon) {
      spec.final_length = days_in_month(year, month) * seconds_per_day;
      boundaries.push_back(std::min(horizon, boundaries.back() + spec.final_length));
      if (++month > 12) month = 1, ++year;
    }
    return spec;
  }
  // A rolling window is laid out the same way, as consecutive windows of its length. The
  // horizon's remainder, when it is not a whole number of windows, is a shorter final window,
  // so that per-window results cover the whole horizon (docs/simulation.md).
  if (kind == WindowKind::fixed || kind == WindowKind::rolling) {
    spec.final_length = length;
    while (boundaries.back() < horizon) {
      const double next = boundaries.back() + length;
      boundaries.push_back(next >= horizon * (1 - 1e-12) ? horizon : next);
    }
  }
  return spec;
}

std::vector<double> window_boundaries(WindowKind kind, double length, double horizon,
                                      int start_year, int start_month) {
  return lay_out_windows(kind, length, horizon, start_year, start_month).boundaries;
}

}  // namespace reliasim::scenario
