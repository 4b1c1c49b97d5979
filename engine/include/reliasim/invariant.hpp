#pragma once
// RELIASIM_ASSERT(condition): an invariant of the engine (event kinds, time order, durations
// and weights that cannot be negative). Checked in Debug and sanitizer builds, where CMake
// defines RELIASIM_CHECK_INVARIANTS, and compiled out of release builds, whose hot loop must
// not pay for it. A broken one is a bug in the engine, never bad input (models/ turns that
// into a diagnostic): it names the condition and where, and aborts.

#ifdef RELIASIM_CHECK_INVARIANTS
#include <cstdio>
#include <cstdlib>

namespace reliasim {
[[noreturn]] inline void invariant_broken(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "reliasim: invariant broken at %s:%d: %s\n", file, line, condition);
  std::abort();
}
}  // namespace reliasim

#define RELIASIM_ASSERT(condition)                                                  \
  do {                                                                              \
    if (!(condition)) ::reliasim::invariant_broken(#condition, __FILE__, __LINE__); \
  } while (false)
#else
#define RELIASIM_ASSERT(condition) static_cast<void>(sizeof(condition))
#endif
