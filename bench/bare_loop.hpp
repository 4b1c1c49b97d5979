#pragma once
// The floor for the engine's per-event cost: the model's failure sources with their own
// distributions, random streams and incident step times, on the engine's own event queue, and
// no model logic at all (no impairment, propagation, crews, failover or time accounting).

#include <cstdint>

#include "reliasim/model/compiled_model.hpp"

namespace reliasim::bench {

// Simulates trials [0, trials) of `model` with `seed`; returns the events processed.
[[nodiscard]] std::uint64_t run_bare_loop(const CompiledModel& model, std::uint64_t seed,
                                          std::uint64_t trials);

// The same trials split into `threads` equal ranges, each on a thread of its own with its own
// loop: independent work that shares nothing, so its speed-up over one thread is what the
// machine itself gives a second thread.
[[nodiscard]] std::uint64_t run_bare_loop_on_threads(const CompiledModel& model, std::uint64_t seed,
                                                     std::uint64_t trials, int threads);

}  // namespace reliasim::bench
