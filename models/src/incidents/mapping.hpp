#pragma once
// Which column of an export holds which field (docs/fit.md, Mappings): a mapping file, read
// with the scenario reader's checks (unknown keys with "did you mean", places of errors).
// Internal to models/.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reliasim/fit/incident_history.hpp"
#include "reliasim/scenario/diagnostics.hpp"

namespace reliasim::incidents {

// The fields a mapping can name: the five lifecycle times, the grouping fields, and what
// `reliasim replay` measures: the scope hit, how badly, and who was responsible.
inline constexpr const char* time_fields[] = {"started", "detected", "acknowledged", "mitigated",
                                              "resolved"};
inline constexpr const char* group_fields[] = {"service", "failure_mode", "severity",
                                               "journey", "degrade",      "attributable_to"};

struct FieldSource {
  std::string column;               // header name (CSV) or record path (JSON)
  std::optional<fit::Stamp> after;  // a duration after this time, rather than a time
  double unit = 1.0;                // seconds per unit of that duration
  std::string named_in;             // where: "--column", or the mapping and its line
};

struct Mapping {
  std::string file;    // the mapping file, or how the mapping was given
  std::string format;  // "csv", "json" or empty (from the export's extension)
  std::string records;
  std::string time_format;
  std::optional<double> utc_offset;
  std::map<std::string, FieldSource> fields;
};

// Throws scenario::ScenarioError placed in `file`.
[[nodiscard]] Mapping parse_mapping(const std::string& text, const std::string& file);

[[nodiscard]] std::optional<fit::Stamp> stamp_named(const std::string& field);

}  // namespace reliasim::incidents
