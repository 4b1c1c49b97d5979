#pragma once
// Exit codes, documented in README.md: scripts and CI jobs branch on them.

namespace reliasim::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_invalid = 1;  // a scenario has errors, or a run failed
inline constexpr int exit_usage = 2;    // bad command line
// --require-convergence: --precision was not reached within --max-trials (results written).
inline constexpr int exit_not_converged = 3;
inline constexpr int exit_interrupted = 130;

}  // namespace reliasim::cli
