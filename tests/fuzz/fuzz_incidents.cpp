// Fuzz target: incident exports read by `reliasim fit` (docs/fit.md). The first byte picks how
// the export is read (canonical CSV, a bundled CSV or JSON mapping), the rest is the file; what
// reads is then fitted, so the numeric code sees whatever durations the bytes give.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "reliasim/fit/calibration.hpp"
#include "reliasim/incidents/read_history.hpp"

namespace {

struct Reading {
  const char* name;
  const char* mapping;
};
constexpr std::array<Reading, 5> readings{{{"export.csv", ""},
                                           {"export.csv", "pagerduty"},
                                           {"export.csv", "jira"},
                                           {"export.json", "statuspage"},
                                           {"export.json", "incident.io"}}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Reading& reading = readings[data[0] % readings.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  reliasim::incidents::ReadSettings settings;
  settings.mapping = reading.mapping;
  reliasim::fuzz::expect_clear_errors(text, [&] {
    const auto history =
        reliasim::incidents::read_incident_history_text(text, reading.name, settings);
    reliasim::fit::FitSettings fit;
    fit.resamples = 3;
    static_cast<void>(reliasim::fit::calibrate(history, fit));
  });
  return 0;
}
