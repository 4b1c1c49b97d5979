#include "simulation.hpp"

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "invocation.hpp"
#include "reliasim/scenario/compile.hpp"
#include "reliasim/scenario/load.hpp"

namespace reliasim::cli {
namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) {
  interrupted = true;
}

}  // namespace

std::optional<CompiledModel> load_model(const std::string& file) {
  scenario::Scenario scenario;
  try {
    scenario = scenario::load_scenario_file(file);
  } catch (const scenario::ScenarioError& error) {
    for (const auto& diagnostic : error.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
    return std::nullopt;
  }
  return scenario::compile(scenario);
}

std::string file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return scenario_hash(bytes.str());
}

RunRecord run_record(const std::string& file, std::uint64_t seed, std::uint64_t first_trial) {
  RunRecord record;
  record.scenario_file = file;
  record.scenario_hash = file_hash(file);
  record.seed = seed;
  record.first_trial = first_trial;
  record.command = invocation();
  return record;
}

const std::atomic<bool>* watch_interrupt() {
  std::signal(SIGINT, on_interrupt);
  return &interrupted;
}

}  // namespace reliasim::cli
