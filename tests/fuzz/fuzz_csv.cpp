// Fuzz target: CSV files of incident durations (`empirical: {csv: ...}`). The input is the
// file's bytes; its first byte picks how the scenario names the column and unit, so that
// named, numbered and unit-less columns, and spans between two columns of times, are all
// explored.
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "reliasim/scenario/load.hpp"

namespace {

// A private folder for the CSV file, made once per fuzzing process.
const std::filesystem::path& work_folder() {
  static const std::filesystem::path folder = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "reliasim-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) reliasim::fuzz::defect("cannot make a temporary folder");
    return std::filesystem::path(pattern);
  }();
  return folder;
}

std::string scenario_reading(std::string_view column) {
  return "scenario: fuzz\nhorizon: 1y\nservices:\n  api:\n    failure_modes:\n"
         "      - name: crash\n        occurs: {rate: 2/y}\n"
         "        detect: {alert: {delay: 1m}}\n"
         "        repair: {manual: {empirical: {csv: incidents.csv" +
         std::string(column) + "}}}\n";
}

void write_csv(std::string_view bytes) {
  std::ofstream csv(work_folder() / "incidents.csv", std::ios::binary | std::ios::trunc);
  csv.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

constexpr std::array<std::string_view, 5> columns = {"", ", column: minutes, unit: 1m",
                                                     ", column: 2, unit: 1h", ", column: ttr",
                                                     ", from: start, to: end"};

}  // namespace

// Every scenario the target writes reads a well-formed file, so that fuzzing reaches the CSV
// reader rather than stopping at the scenario.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  write_csv("ttr,minutes,hours,start,end\n5m,12,0.5,2026-01-01T00:00:00Z,1767229200\n");
  for (const auto column : columns) {
    try {
      static_cast<void>(reliasim::scenario::load_scenario_text(scenario_reading(column),
                                                               "fuzz.yaml", work_folder()));
    } catch (const std::exception& error) {
      std::fprintf(stderr, "%s\n", error.what());
      reliasim::fuzz::defect("the target's own scenario does not load");
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string scenario = scenario_reading(columns[data[0] % columns.size()]);
  write_csv(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  reliasim::fuzz::expect_clear_errors(scenario, [&] {
    static_cast<void>(reliasim::scenario::load_scenario_text(scenario, "fuzz.yaml", work_folder()));
  });
  return 0;
}
