#pragma once
// Walking a stretch of time window by window (private to the engine): the simulator's
// accounting and the measurement rules share it.

#include <algorithm>
#include <cstddef>
#include <vector>

namespace reliasim {

inline double overlap(double a, double b, double lo, double hi) {
  return std::max(0.0, std::min(b, hi) - std::max(a, lo));
}

// Calls add(w, seconds) for each window w of `bounds` that [from, to) overlaps. `cursor` is a
// window that starts at or before `from`; it is left at the window holding `from`, so that
// stretches walked in time order cost no search.
template <typename Bounds, typename Add>
void for_each_window(const Bounds& bounds, std::size_t& cursor, double from, double to, Add add) {
  while (cursor + 2 < bounds.size() && bounds[cursor + 1] <= from) ++cursor;
  for (std::size_t w = cursor; w + 1 < bounds.size() && bounds[w] < to; ++w)
    add(w, overlap(from, to, bounds[w], bounds[w + 1]));
}

// The same for a stretch with no known window: a binary search finds the first.
template <typename Bounds, typename Add>
void for_each_window(const Bounds& bounds, double from, double to, Add add) {
  const auto after = std::upper_bound(bounds.begin(), bounds.end(), from) - bounds.begin();
  auto cursor = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, after - 1));
  for_each_window(bounds, cursor, from, to, add);
}

}  // namespace reliasim
