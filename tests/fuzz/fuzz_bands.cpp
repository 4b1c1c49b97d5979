// Fuzz target: the FMEA bands file (`reliasim fmea --bands FILE`). What it accepts must be
// written back by fmea_bands_yaml as a file that reads back to the same tables, bit for bit.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "fuzz_support.hpp"
#include "reliasim/scenario/fmea_bands.hpp"

namespace {

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

bool same_bands(const reliasim::ScoreBands& a, const reliasim::ScoreBands& b) {
  if (a.falling != b.falling) return false;
  for (std::size_t i = 0; i < a.edges.size(); ++i)
    if (!same_bits(a.edges[i], b.edges[i])) return false;
  return true;
}

bool same_tables(const reliasim::FmeaBands& a, const reliasim::FmeaBands& b) {
  return same_bands(a.occurrence, b.occurrence) &&
         same_bands(a.detection_probability, b.detection_probability) &&
         same_bands(a.detection_delay, b.detection_delay) &&
         same_bands(a.severity_impact, b.severity_impact) &&
         same_bands(a.severity_budget, b.severity_budget) &&
         same_bits(a.default_target, b.default_target) &&
         same_bits(a.default_window, b.default_window);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  reliasim::fuzz::expect_clear_errors(text, [&] {
    const auto bands = reliasim::scenario::load_fmea_bands_text(text, "bands.yaml");
    const auto written = reliasim::scenario::fmea_bands_yaml(bands);
    const auto read_back = reliasim::scenario::load_fmea_bands_text(written, "written.yaml");
    if (!same_tables(bands, read_back))
      reliasim::fuzz::defect("fmea_bands_yaml wrote tables that read back differently");
  });
  return 0;
}
