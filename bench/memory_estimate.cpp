#include "memory_estimate.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/simulate/memory_estimate.hpp"

namespace reliasim::bench {

void print_memory_estimates(const std::string& file, const std::vector<std::uint64_t>& trials,
                            int threads, bool sla_attribution) {
  const CompiledModel model = scenario::compile(scenario::load_scenario_file(file));
  for (const std::uint64_t n : trials) {
    RunConfig config;  // as `reliasim run`
    config.trials = n;
    config.threads = threads;
    config.sla_attribution = sla_attribution;
    const MemoryEstimate estimate = estimate_run_memory(model, config);
    nlohmann::ordered_json parts;
    for (const MemoryPart& part : estimate.parts) parts[part.name] = part.bytes;
    std::cout << nlohmann::ordered_json{{"trials", n},
                                        {"bytes", estimate.total()},
                                        {"incidents_per_trial", estimate.incidents_per_trial},
                                        {"outages_per_trial", estimate.outages_per_trial},
                                        {"parts", parts}}
                     .dump()
              << '\n';
  }
}

}  // namespace reliasim::bench
