// reliasim_bench: engine throughput on small, medium and large scenarios, against a bare
// event loop (the floor) and a SimPy reference. bench/run_benchmarks.sh runs everything;
// bench/README.md explains each figure.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "export_model.hpp"
#include "isolate.hpp"
#include "measure.hpp"
#include "memory_estimate.hpp"
#include "report.hpp"

namespace {

namespace fs = std::filesystem;
using namespace reliasim::bench;

struct Options {
  std::string small = std::string(RELIASIM_SOURCE_DIR) + "/scenarios/web-shop.yaml";
  std::string medium;
  std::string large;
  double seconds = 1.5;
  std::uint64_t seed = 1;
  std::string simpy;
  std::string json;
  bool smoke = false;
  bool no_incidents = false;
  int repeats = 3;
  std::vector<std::string> export_files;
  std::string memory_file;
  std::vector<std::uint64_t> memory_trials;
  int memory_threads = 2;
  bool memory_sla_attribution = false;
};

int run(const Options& options) {
  Report report;
  report.seconds = options.smoke ? 0.01 : options.seconds;
  report.seed = options.seed;
  report.smoke = options.smoke;
  report.keep_incidents = !options.no_incidents;
  report.repeats = options.smoke ? 1 : options.repeats;
  for (const auto& [label, file] :
       {std::pair{"small", options.small}, std::pair{"medium", options.medium},
        std::pair{"large", options.large}}) {
    if (file.empty()) continue;
    std::cerr << "reliasim_bench: measuring " << label << " (" << file << ")\n";
    // The SimPy target covers small and medium; one SimPy trial of large takes seconds.
    const bool with_simpy = std::string(label) != "large";
    const MeasureOptions measure{report.seconds, options.seed, report.keep_incidents,
                                 report.repeats, with_simpy ? options.simpy : ""};
    report.scenarios.push_back(run_isolated([&, label = std::string(label), path = fs::path(file)] {
      return measure_scenario(label, path, measure);
    }));
  }
  print_table(report);
  if (!options.json.empty()) write_json(report, options.json);
  const auto problems = sanity_problems(report);
  for (const auto& problem : problems) std::cerr << "reliasim_bench: " << problem << '\n';
  return problems.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"reliasim_bench: engine throughput against a bare event loop and SimPy"};
  app.add_option("--small", options.small, "Small scenario (default: scenarios/web-shop.yaml)");
  app.add_option("--medium", options.medium,
                 "Medium scenario (bench/generate_scenario.py --services 200)");
  app.add_option("--large", options.large,
                 "Large scenario (bench/generate_scenario.py --services 5000)");
  app.add_option("--seconds", options.seconds, "Target duration of each timed run (default 1.5)")
      ->check(CLI::Range(0.001, 600.0));
  app.add_option("--repeats", options.repeats,
                 "Timed runs of each measurement, taken in turns; the fastest counts (default 3)")
      ->check(CLI::Range(1, 100));
  app.add_option("--seed", options.seed, "Random seed (default 1)");
  app.add_option("--simpy", options.simpy,
                 "Also time the SimPy reference on small and medium, in turns with the engine, "
                 "with this Python (SimPy installed)")
      ->type_name("PYTHON");
  app.add_option("--json", options.json, "Also write every figure to this JSON file");
  app.add_flag("--smoke", options.smoke, "Tiny runs: checks that every measurement works");
  app.add_flag(
      "--no-incidents", options.no_incidents,
      "Run the engine with keep_incidents off (the default keeps them, as `reliasim run`)");
  app.add_option("--export", options.export_files,
                 "Write SCENARIO's compiled model as JSON for simpy_reference.py, and exit")
      ->expected(2)
      ->type_name("SCENARIO JSON");
  auto* estimate = app.add_option("--estimate-memory", options.memory_file,
                                  "Print the engine's memory estimate of runs of SCENARIO (one "
                                  "JSON line per --memory-trials), and exit")
                       ->type_name("SCENARIO");
  app.add_option("--memory-trials", options.memory_trials, "Trial counts for --estimate-memory")
      ->needs(estimate);
  app.add_option("--memory-threads", options.memory_threads,
                 "Threads of the estimated runs (default 2)")
      ->needs(estimate);
  app.add_flag("--memory-sla-attribution", options.memory_sla_attribution,
               "Estimate runs that split SLA bad time by failure mode, as `reliasim run --format "
               "html` does")
      ->needs(estimate);
  CLI11_PARSE(app, argc, argv);
  try {
    if (!options.export_files.empty()) {
      export_model(options.export_files[0], options.export_files[1]);
      return 0;
    }
    if (!options.memory_file.empty()) {
      print_memory_estimates(options.memory_file, options.memory_trials, options.memory_threads,
                             options.memory_sla_attribution);
      return 0;
    }
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "reliasim_bench: error: " << e.what() << '\n';
    return 2;
  }
}
