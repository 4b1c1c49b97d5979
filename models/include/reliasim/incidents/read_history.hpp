#pragma once
// Reading an incident export into an IncidentHistory (docs/fit.md, Incident exports): which
// column holds which time (canonical names, a bundled mapping, a mapping file, or columns
// named on the command line), the times read and checked, the incidents grouped. Every problem
// names the file, the line and the field, and what would be valid.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/fit/incident_history.hpp"
#include "reliasim/scenario/diagnostics.hpp"

namespace reliasim::incidents {

struct ReadSettings {
  std::string mapping;               // a bundled mapping's name or a mapping file; empty: canonical
  std::vector<std::string> columns;  // "field=column" pairs, over the mapping
  std::vector<std::string> group_by;  // fields or columns; empty: by service where there is one
  bool one_group = false;             // no grouping at all
  std::string utc_offset;             // for times without one; empty: the mapping's, else UTC
  std::string since;                  // the observation period; empty: the first time read
  std::string until;                  // empty: the last time read
  double resolution = 1.0;            // seconds: stages recorded as shorter ended within it
  bool whole_months = false;      // without since and until: the months the times fall in, whole
  bool keep_overlapping = false;  // keep incidents that began before the period but reach it
};

// Throws scenario::ScenarioError with every problem found (at most 100).
[[nodiscard]] fit::IncidentHistory read_incident_history(const std::filesystem::path& file,
                                                         const ReadSettings& settings);
// The same from text; `display_name` names it in messages and its extension picks CSV or JSON.
[[nodiscard]] fit::IncidentHistory read_incident_history_text(std::string_view text,
                                                              const std::string& display_name,
                                                              const ReadSettings& settings);

// The bundled mappings: their names and each one's text (a mapping file).
[[nodiscard]] std::vector<std::string> bundled_mappings();
[[nodiscard]] std::optional<std::string> bundled_mapping(std::string_view name);

}  // namespace reliasim::incidents
