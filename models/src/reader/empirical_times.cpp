#include "empirical_times.hpp"

#include <algorithm>

#include "../incidents/export_table.hpp"
#include "../incidents/timestamps.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario::reader {
namespace {

std::optional<std::size_t> column_named(const Value& key, const incidents::ExportTable& table,
                                        const std::filesystem::path& path) {
  const auto name = key.text();
  if (!name) return std::nullopt;
  const auto found = std::find(table.header.begin(), table.header.end(), *name);
  if (found != table.header.end()) return static_cast<std::size_t>(found - table.header.begin());
  key.error("no column " + quote(*name) + " in the header of '" + path.string() + "' (" +
            std::to_string(table.header.size()) + " columns); name a column of times");
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<double>> csv_time_spans(const Fields& f, const std::string& bytes,
                                                  const std::filesystem::path& path,
                                                  std::size_t max_samples) {
  const Value& owner = f.owner();
  for (const char* key : {"column", "unit"})
    if (f.has(key)) {
      f.get(key)->error(std::string("`") + key +
                        "` reads a column of durations; with `from` and `to` the durations are "
                        "the times between two columns: give one or the other");
      return std::nullopt;
    }
  incidents::ExportTable table;
  try {
    table = incidents::read_csv_export(bytes, path.string());
  } catch (const ScenarioError& error) {
    const auto& d = error.diagnostics().front();
    owner.error("CSV file '" + path.string() + "', line " + std::to_string(d.line) + ": " +
                d.message);
    return std::nullopt;
  }
  const auto from = f.required("from");
  const auto to = f.required("to");
  if (!from || !to) return std::nullopt;
  const auto from_column = column_named(*from, table, path);
  const auto to_column = column_named(*to, table, path);
  if (!from_column || !to_column) return std::nullopt;
  std::vector<double> spans;
  for (std::size_t row = 0; row < table.rows.size() && spans.size() < max_samples; ++row) {
    const auto& start_cell = table.rows[row][*from_column];
    const auto& end_cell = table.rows[row][*to_column];
    if (start_cell.text.empty() || end_cell.text.empty()) continue;  // not ended: no duration
    const std::string where = "line " + std::to_string(table.row_lines[row]) + " of the CSV file: ";
    double times[2] = {0, 0};
    const incidents::Cell* cells[2] = {&start_cell, &end_cell};
    for (int i = 0; i < 2; ++i) {
      const auto parsed = incidents::parse_time(cells[i]->text, {});
      if (const auto* problem = std::get_if<std::string>(&parsed)) {
        owner.error(where + quote(cells[i]->text) + " " + *problem);
        return std::nullopt;
      }
      times[i] = std::get<double>(parsed);
    }
    if (times[1] < times[0]) {
      owner.error(where + quote(end_cell.text) + " (" + quote(table.header[*to_column]) +
                  ") is before " + quote(start_cell.text) + " (" +
                  quote(table.header[*from_column]) + "): `to` ends what `from` starts");
      return std::nullopt;
    }
    spans.push_back(times[1] - times[0]);
  }
  return spans;
}

}  // namespace reliasim::scenario::reader
