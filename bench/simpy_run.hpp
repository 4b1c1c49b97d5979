#pragma once
// The SimPy reference (simpy_reference.py) for one scenario, timed one run at a time in a
// Python subprocess, so that reliasim_bench can time it in turns with the engine: both then
// see the same machine.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "figures.hpp"

namespace reliasim::bench {

// Owns the temporary files a SimPy run needs (the exported model and the figures the script
// writes) and removes them with itself.
class SimpyReference {
 public:
  // Exports `scenario`'s compiled model for `python` (an interpreter with SimPy installed).
  // Throws on a bad scenario.
  SimpyReference(std::string python, const std::filesystem::path& scenario);
  ~SimpyReference();
  SimpyReference(const SimpyReference&) = delete;
  SimpyReference& operator=(const SimpyReference&) = delete;

  // Times `trials` trials, or when `trials` is 0 as many as take about `seconds`, keeping the
  // engine's books (`all`) or availability alone (`availability`: simpy_reference.py --books).
  // Returns nothing when SimPy is not installed; throws std::runtime_error when the run fails.
  [[nodiscard]] std::optional<Throughput> time(double seconds, std::uint64_t trials,
                                               const std::string& books) const;

 private:
  std::string python_;
  std::filesystem::path model_;
  std::filesystem::path figures_;
};

}  // namespace reliasim::bench
