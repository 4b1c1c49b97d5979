#pragma once
// Measuring a scenario in a child process, so that its peak memory (getrusage's ru_maxrss in
// the child) is its own and not the high-water mark of every scenario before it.

#include <functional>

#include "figures.hpp"

namespace reliasim::bench {

// Forks, runs `work` in the child and returns its figures with peak_rss_kib set. A failure
// in the child (an exception or a crash) comes back as `error`. Call before any thread
// starts in this process (the parent never runs the engine).
[[nodiscard]] ScenarioFigures run_isolated(const std::function<ScenarioFigures()>& work);

}  // namespace reliasim::bench
