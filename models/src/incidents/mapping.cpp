#include "mapping.hpp"

#include "../reader/text_checks.hpp"
#include "../reader/value.hpp"
#include "../reader/yaml_documents.hpp"
#include "timestamps.hpp"

namespace reliasim::incidents {
namespace {

using scenario::reader::Context;
using scenario::reader::Value;

std::optional<FieldSource> field_source(const Value& value, const std::string& file) {
  FieldSource source;
  source.named_in = file + ", line " + std::to_string(value.place().line);
  if (value.is_scalar()) {
    auto column = value.text();
    if (!column) return std::nullopt;
    source.column = *column;
    return source;
  }
  const auto f = value.fields({"column", "after", "unit"});
  if (!f) {
    value.expected("a column's name, or {column: NAME, after: FIELD, unit: DURATION}");
    return std::nullopt;
  }
  const auto column = f->required("column");
  const auto column_text = column ? column->text() : std::nullopt;
  if (!column_text) return std::nullopt;
  source.column = *column_text;
  if (const auto after = f->get("after")) {
    const auto name = after->text();
    source.after = name ? stamp_named(*name) : std::nullopt;
    if (!source.after) {
      after->expected("one of started, detected, acknowledged, mitigated, resolved");
      return std::nullopt;
    }
  }
  if (const auto unit = f->get("unit")) {
    if (!source.after) {
      unit->error("a unit is for a duration column: give `after` too, the time it counts from");
      return std::nullopt;
    }
    const auto seconds = unit->positive_duration();
    if (!seconds) return std::nullopt;
    source.unit = *seconds;
  }
  return source;
}

}  // namespace

std::optional<fit::Stamp> stamp_named(const std::string& field) {
  for (std::size_t i = 0; i < fit::stamp_count; ++i)
    if (field == time_fields[i]) return static_cast<fit::Stamp>(i);
  return std::nullopt;
}

Mapping parse_mapping(const std::string& text, const std::string& file) {
  if (text.size() > (1u << 20))
    throw scenario::ScenarioError(
        {{file, 0, 0, "a mapping file is a few lines; this one is over 1 MiB"}});
  if (auto problem = scenario::reader::check_text(text))
    throw scenario::ScenarioError({{file, problem->line, problem->column, problem->message}});
  const YAML::Node root = scenario::reader::load_single_document(text, file, "a mapping file");
  scenario::DiagnosticSink sink(file);
  Context context{sink, {}, {}};
  Mapping mapping;
  mapping.file = file;
  try {
    const Value top(root, "", context);
    const auto f = top.fields({"format", "records", "time_format", "utc_offset", "columns"});
    if (!f) {
      top.expected("a map with columns: {started: COLUMN, ...}");
    } else {
      if (const auto format = f->get("format")) {
        const auto text_value = format->text();
        if (text_value && *text_value != "csv" && *text_value != "json")
          format->expected("csv or json");
        else if (text_value)
          mapping.format = *text_value;
      }
      if (const auto records = f->get("records")) mapping.records = records->text().value_or("");
      if (const auto pattern = f->get("time_format"))
        mapping.time_format = pattern->text().value_or("");
      if (const auto offset = f->get("utc_offset")) {
        const auto text_value = offset->text();
        mapping.utc_offset = text_value ? parse_utc_offset(*text_value) : std::nullopt;
        if (!mapping.utc_offset) offset->expected("a UTC offset such as +01:00, -0500 or Z");
      }
      if (const auto columns = f->required("columns")) {
        const auto entries = columns->fields({"started", "detected", "acknowledged", "mitigated",
                                              "resolved", "service", "failure_mode", "severity",
                                              "journey", "degrade", "attributable_to"});
        if (!entries) {
          columns->expected("a map from fields to the export's columns");
          throw scenario::TooManyErrors{};
        }
        for (const auto& [field, value] : entries->entries()) {
          auto source = field_source(value, file);
          if (!source) continue;
          if (source->after && !stamp_named(field))
            value.error("only the times can be durations after another time; " + field +
                        " is a grouping field: name its column");
          else if (source->after && *source->after == *stamp_named(field))
            value.error("a time cannot count from itself");
          else
            mapping.fields[field] = *source;
        }
      }
    }
  } catch (const scenario::TooManyErrors&) {
  }
  if (!sink.empty()) throw scenario::ScenarioError(sink.take());
  return mapping;
}

}  // namespace reliasim::incidents
