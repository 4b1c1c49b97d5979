#pragma once
// An incident history as read from an export (docs/fit.md, Incident exports): plain data, its
// times in seconds since the Unix epoch. The reader (models/) has checked every value.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace reliasim::fit {

inline constexpr double not_recorded = std::numeric_limits<double>::quiet_NaN();

// The lifecycle's timestamps (T0..T4 of docs/scenario-format.md, section 9).
enum class Stamp { started, detected, acknowledged, mitigated, resolved };
inline constexpr std::size_t stamp_count = 5;

struct IncidentRecord {
  std::size_t row = 0;  // the export's row, for messages
  std::string group;    // the grouping column's value; empty when the history is not grouped
  double times[stamp_count] = {not_recorded, not_recorded, not_recorded, not_recorded,
                               not_recorded};
  // What `reliasim replay` measures (docs/replay.md): the scope the incident hit, as the
  // export names it (empty where it has no such column), the share of requests failing
  // while it lasted, and who was responsible (internal, third_party, customer, maintenance).
  std::string service;
  std::string journey;
  double degrade = 1.0;
  std::string attributable_to = "internal";
  int scope_column = 0;  // the field that names the journey (or else the service), for messages
  [[nodiscard]] double at(Stamp stamp) const { return times[static_cast<std::size_t>(stamp)]; }
  [[nodiscard]] bool open() const { return at(Stamp::resolved) != at(Stamp::resolved); }
};

struct IncidentHistory {
  std::string source;  // the export's file name
  std::string sha256;  // of its bytes
  std::vector<IncidentRecord> incidents;
  bool has_column[stamp_count] = {};  // which timestamps the export has at all
  std::string group_by;               // the grouping column; empty for one group
  double period_start = 0.0;          // the observation period, epoch seconds
  double period_end = 0.0;
  double resolution = 1.0;  // seconds: a stage recorded as 0 took at most this long
  double utc_offset = 0.0;  // seconds east of UTC of the times written without one
};

}  // namespace reliasim::fit
