#pragma once
// Choosing the importance sampling of a run (docs/rare-events.md): the biases that make the
// outages of one scope frequent without letting the weights degenerate, found by the
// multilevel cross-entropy method on pilot runs (Rubinstein and Kroese 2004; for failure
// biasing, de Boer, Nicola and Rubinstein 2000). Deterministic: the pilots' seed derives from
// the run's, and their trials never overlap the run's random streams.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/simulate/run_config.hpp"

namespace reliasim {

enum class RareEventMode : std::uint8_t {
  off,        // plain Monte Carlo
  automatic,  // importance sampling where the pilots show it pays, else plain
  importance  // importance sampling, whatever the pilots show
};

struct RareEventRequest {
  RareEventMode mode = RareEventMode::off;
  std::size_t scope = 0;              // journeys first, then the services SLAs or SLOs name
  std::optional<Biasing> given;       // biases given by the user: no pilots
  std::uint64_t pilot_trials = 2000;  // per cross-entropy stage
};

// One cross-entropy stage: the pilot's biases and what it saw.
struct CrossEntropyStage {
  std::array<double, bias_levels> biases{};
  double level = 0.0;         // incidents open at once reached by the elite (inf: an outage)
  double outage_share = 0.0;  // of the pilot's trials with an outage of the scope
};

struct RareEventPlan {
  Biasing biasing;  // inactive: plain Monte Carlo
  std::string chosen_by;
  std::vector<CrossEntropyStage> stages;
};

// Biases as a user gives them: one per level of open incidents, missing ones repeating the last.
[[nodiscard]] Biasing biasing_of(const std::vector<double>& biases);

// The scope's index by name (empty: the first). Throws std::invalid_argument naming the valid
// ones.
[[nodiscard]] std::size_t rare_event_scope(const CompiledModel& model, const std::string& name);

// `config` is the run's (seed, threads, cancellation). Throws RunCancelled when cancelled.
[[nodiscard]] RareEventPlan plan_rare_event(const CompiledModel& model,
                                            const RareEventRequest& request,
                                            const RunConfig& config);

}  // namespace reliasim
