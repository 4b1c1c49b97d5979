#pragma once
// The objects the module hands to Python: a compiled model and the results of a run, both
// shared so that NumPy views of the results keep them alive.

#include <memory>
#include <string>

#include "reliasim/analysis/compare.hpp"
#include "reliasim/analysis/sensitivity.hpp"
#include "reliasim/analysis/stress.hpp"
#include "reliasim/analysis/summary.hpp"
#include "reliasim/model/compiled_model.hpp"
#include "reliasim/render/run_record.hpp"
#include "reliasim/simulate/results.hpp"

namespace reliasim::python {

struct Model {
  std::shared_ptr<const CompiledModel> compiled;
  std::string file;
  [[nodiscard]] RunRecord record(std::uint64_t seed, std::uint64_t first_trial,
                                 const std::string& command) const;
};

struct Results {
  std::shared_ptr<const CompiledModel> model;
  std::shared_ptr<const RunResults> results;
  RunRecord record;
  std::string rare_event_chosen_by;  // how an importance-sampling run's biases were chosen
};

// The analyses, kept with their run records to render in any format.
struct ComparisonRun {
  Comparison comparison;
  RunRecord record_a;
  RunRecord record_b;
};

// A run summarised batch by batch (streaming): its per-trial results are gone.
struct SummaryRun {
  Summary summary;
  RunRecord record;
};

struct SensitivityRun {
  Sensitivity sensitivity;
  RunRecord record;
};

struct StressRun {
  StressReport report;
  RunRecord record;
};

}  // namespace reliasim::python
