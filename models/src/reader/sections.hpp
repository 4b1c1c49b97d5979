#pragma once
// Readers for each section of the format; each reports what it cannot read and returns what
// it could, so that one pass finds every structural error.

#include "value.hpp"

namespace reliasim::scenario::reader {

// A deploy rate: a rate such as 10/w, or {per_week: N} or {per_day: N}.
[[nodiscard]] std::optional<double> read_deploy_rate(const Value& value);
[[nodiscard]] std::optional<Occurrence> read_occurrence(const Value& value);
[[nodiscard]] std::optional<Impact> read_impact(const Value& value);
// Reads detect, engage, mitigate, repair and runbook from a map that may hold other keys too.
void read_lifecycle(const Fields& fields, Lifecycle& lifecycle);
[[nodiscard]] std::optional<Attribution> read_attribution(const Value& value);
[[nodiscard]] std::optional<FailureMode> read_failure_mode(const Value& value);
[[nodiscard]] std::optional<CommonCause> read_common_cause(const Value& value);

[[nodiscard]] std::optional<Service> read_service(const Name& name, const Value& value);
[[nodiscard]] std::optional<Crew> read_crew(const Name& name, const Value& value);
[[nodiscard]] std::optional<Maintenance> read_maintenance(const Value& value);
[[nodiscard]] std::optional<Journey> read_journey(const Name& name, const Value& value);

[[nodiscard]] std::optional<Window> read_window(const Value& value);
[[nodiscard]] std::optional<Slo> read_slo(const Value& value);
[[nodiscard]] std::optional<Sla> read_sla(const Value& value);
[[nodiscard]] std::optional<StressTest> read_stress_test(const Name& name, const Value& value);

// The whole document; `scenario.file` is already set.
void read_scenario(const Value& root, Scenario& scenario);

}  // namespace reliasim::scenario::reader
