#pragma once
// What the simulating commands (`run`, `fmea`) share: loading a scenario with its
// diagnostics, the run record, and stopping on Ctrl-C.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "reliasim/model/compiled_model.hpp"
#include "reliasim/render/run_record.hpp"

namespace reliasim::cli {

// Loads and compiles a scenario file; prints every diagnostic to stderr and returns nothing
// when it is invalid.
[[nodiscard]] std::optional<CompiledModel> load_model(const std::string& file);

// "fnv1a64:" and 16 hex digits of the file's bytes.
[[nodiscard]] std::string file_hash(const std::string& path);

// The record of a run of `file`: engine version, file and hash, seed, first trial and the
// command line as typed (trials and precision are filled in when the run is done).
[[nodiscard]] RunRecord run_record(const std::string& file, std::uint64_t seed,
                                   std::uint64_t first_trial);

// Installs the Ctrl-C handler and returns the flag it sets, for RunConfig::cancel: the run
// then throws RunCancelled, and the command exits with exit_interrupted, writing nothing.
[[nodiscard]] const std::atomic<bool>* watch_interrupt();

}  // namespace reliasim::cli
