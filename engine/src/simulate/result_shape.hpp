#pragma once
// The shape of a run's results, in one place: the names and windows a run records, and the
// width of one trial's row of each per-trial array. The allocation and the memory estimate
// both read it, so the estimate counts exactly what is allocated.

#include <array>
#include <cstddef>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/memory_estimate.hpp"
#include "reliasim/simulate/results.hpp"
#include "reliasim/simulate/run_config.hpp"
#include "topology.hpp"

namespace reliasim::sim {

// Results with every field set but the per-trial arrays, which are left empty.
[[nodiscard]] RunResults result_shape(const CompiledModel& model, const Topology& topology,
                                      const RunConfig& config);

// [array, in RunResults::simulated_arrays order]: doubles in one trial's row.
using RowWidths = std::array<std::size_t, RunResults::simulated_arrays.size()>;
[[nodiscard]] RowWidths row_widths(const RunResults& shape, bool sla_attribution);

// How occurrences are counted: as expected (each incident's own length, from a numerical
// integral per source, delays the next), or bounded above cheaply by horizon / MTTF, which is
// enough to tell that a run is far from the memory limit.
enum class Occurrences { expected, upper_bound };

// estimate_run_memory (memory_estimate.hpp) on the topology simulate() has already built.
[[nodiscard]] MemoryEstimate estimate_run_memory(const CompiledModel& model,
                                                 const Topology& topology, const RunConfig& config,
                                                 Occurrences occurrences = Occurrences::expected);

}  // namespace reliasim::sim
