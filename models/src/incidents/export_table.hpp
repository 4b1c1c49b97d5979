#pragma once
// The rows of an incident export as text cells with their places (docs/fit.md, Incident
// exports): a CSV file (RFC 4180, read by libcsv: quoted commas and line breaks, doubled
// quotes) or a JSON list of records (read as YAML, of which JSON is a part, so every value
// keeps its line and column). Internal to models/.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/scenario/diagnostics.hpp"

namespace reliasim::incidents {

// Exports larger than this are refused before they are read: a year of incidents is a few MB.
inline constexpr std::size_t max_export_bytes = 64u << 20;
inline constexpr std::size_t max_json_export_bytes = 16u << 20;
inline constexpr std::size_t max_export_rows = 1'000'000;

struct Cell {
  std::string text;
  int line = 0;
  int column = 0;  // 1-based: the field's number in a CSV row, the character in JSON
};

struct ExportTable {
  std::vector<std::string> header;      // column names (CSV) or record paths (JSON)
  std::vector<std::vector<Cell>> rows;  // each as wide as the header; absent cells empty
  std::vector<int> row_lines;           // where each row starts
};

// Throws scenario::ScenarioError naming `file` and the place of the problem.
[[nodiscard]] ExportTable read_csv_export(std::string_view text, const std::string& file);

// The records at `records` (a dotted path; empty: the document is the list, or the first list
// found under a key), each reduced to the cells at `paths`. A path is dotted keys, where a
// key may select from a list: `components.0.name`, or
// `incident_timestamp_values[incident_timestamp.name=Resolved at].value.value`.
[[nodiscard]] ExportTable read_json_export(std::string_view text, const std::string& file,
                                           const std::string& records,
                                           const std::vector<std::string>& paths);

}  // namespace reliasim::incidents
