#pragma once
// The compiled model as JSON for the SimPy reference (simpy_reference.py), so that both
// simulate the very same sources, distributions, replicas, dependencies and crews: times in
// seconds, names resolved to indices, defaults already applied.

#include <filesystem>

namespace reliasim::bench {

// Loads and compiles `scenario_file` and writes the model to `json_file`. Throws on failure.
void export_model(const std::filesystem::path& scenario_file,
                  const std::filesystem::path& json_file);

}  // namespace reliasim::bench
