// The mappings reliasim ships for common incident exports (docs/fit.md, Bundled mappings). Each
// is an ordinary mapping file; `reliasim fit --show-mapping NAME` prints it to start your own.
#include <array>
#include <utility>

#include "reliasim/incidents/read_history.hpp"

namespace reliasim::incidents {
namespace {

constexpr std::array<std::pair<const char*, const char*>, 6> mappings{{
    {"pagerduty", R"(# PagerDuty incidents CSV (the raw incidents report: created_on, resolved_on,
# seconds_to_first_ack). PagerDuty opens an incident when an alert fires, so created_on is T1
# (detected) and the export holds no start of impact.
format: csv
columns:
  detected: created_on
  acknowledged: {column: seconds_to_first_ack, after: detected, unit: 1s}
  resolved: resolved_on
  service: service_name
  severity: urgency
)"},
    {"pagerduty-analytics",
     R"(# PagerDuty Analytics raw incidents (POST /analytics/raw/incidents, JSON).
# Its times have no UTC offset: they are in the request's time_zone (give --utc-offset).
format: json
records: data
columns:
  detected: created_at
  acknowledged: {column: seconds_to_first_ack, after: detected, unit: 1s}
  resolved: resolved_at
  service: service_name
  severity: urgency
)"},
    {"opsgenie",
     R"(# Opsgenie alerts (GET /v2/alerts, JSON). report.ackTime and report.closeTime are
# milliseconds after createdAt; check one against an alert's log before relying on them.
format: json
records: data
columns:
  detected: createdAt
  acknowledged: {column: report.ackTime, after: detected, unit: 1ms}
  resolved: {column: report.closeTime, after: detected, unit: 1ms}
  service: entity
  severity: priority
)"},
    {"incident.io",
     R"(# incident.io incidents (GET /v2/incidents, JSON). Lifecycle times are named by
# each organisation; these are incident.io's defaults: copy this mapping to rename them.
format: json
records: incidents
columns:
  started: incident_timestamp_values[incident_timestamp.name=Impact started at].value.value
  detected: incident_timestamp_values[incident_timestamp.name=Reported at].value.value
  acknowledged: incident_timestamp_values[incident_timestamp.name=Accepted at].value.value
  mitigated: incident_timestamp_values[incident_timestamp.name=Fixed at].value.value
  resolved: incident_timestamp_values[incident_timestamp.name=Resolved at].value.value
  service: custom_field_entries[custom_field.name=Affected services].values.0.value_catalog_entry.name
  severity: severity.name
)"},
    {"jira", R"(# Jira (Service Management) issues CSV. Jira writes times in the exporting user's
# zone without an offset (give --utc-offset) and in the format below unless an admin changed it.
format: csv
time_format: "%d/%b/%y %I:%M %p"
columns:
  detected: Created
  resolved: Resolved
  service: Custom field (Affected services)
  severity: Priority
)"},
    {"statuspage",
     R"(# Atlassian Statuspage incident history (GET /api/v2/incidents.json). monitoring_at
# is when a fix was in place and the page watched it: the end of impact.
format: json
records: incidents
columns:
  started: started_at
  detected: created_at
  mitigated: monitoring_at
  resolved: resolved_at
  service: components.0.name
  severity: impact
)"},
}};

}  // namespace

std::vector<std::string> bundled_mappings() {
  std::vector<std::string> names;
  for (const auto& [name, text] : mappings) names.emplace_back(name);
  return names;
}

std::optional<std::string> bundled_mapping(std::string_view name) {
  for (const auto& [mapping_name, text] : mappings)
    if (name == mapping_name) return std::string(text);
  return std::nullopt;
}

}  // namespace reliasim::incidents
