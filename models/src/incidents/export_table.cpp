#include "export_table.hpp"

#include <csv.h>
#include <yaml-cpp/yaml.h>

#include <memory>

#include "../reader/text_checks.hpp"
#include "../reader/yaml_documents.hpp"

namespace reliasim::incidents {
namespace {

using scenario::Diagnostic;
using scenario::ScenarioError;

[[noreturn]] void fail(const std::string& file, int line, int column, std::string message) {
  throw ScenarioError({Diagnostic{file, line, column, std::move(message)}});
}

// libcsv calls back once per field and once per row.
struct CsvState {
  ExportTable table;
  std::vector<Cell> row;
  int line = 1;      // of the text being fed
  int row_line = 1;  // where the current row started
  bool header_done = false;
  bool too_many = false;
};

void end_field(void* data, std::size_t size, void* state_pointer) {
  auto& state = *static_cast<CsvState*>(state_pointer);
  if (state.row.empty()) state.row_line = state.line;
  state.row.push_back({data ? std::string(static_cast<const char*>(data), size) : std::string(),
                       state.row_line, static_cast<int>(state.row.size()) + 1});
}

void end_row(int, void* state_pointer) {
  auto& state = *static_cast<CsvState*>(state_pointer);
  if (!state.header_done) {
    for (auto& cell : state.row) state.table.header.push_back(std::move(cell.text));
    state.header_done = true;
  } else if (state.table.rows.size() == max_export_rows) {
    state.too_many = true;
  } else {
    state.row.resize(std::max(state.row.size(), state.table.header.size()),
                     Cell{{}, state.row_line, 0});
    state.table.row_lines.push_back(state.row_line);
    state.table.rows.push_back(std::move(state.row));
  }
  state.row.clear();
}

// One step of a record path: a key, a list index, or key[field=value] (the first item of the
// list at key whose field is value).
YAML::Node step(const YAML::Node& node, const std::string& part);

YAML::Node follow(const YAML::Node& from, const std::string& path) {
  YAML::Node node = from;
  std::size_t start = 0;
  while (node && start <= path.size()) {
    // Dots inside [...] belong to the selector.
    std::size_t end = start;
    int depth = 0;
    for (; end < path.size() && (depth > 0 || path[end] != '.'); ++end)
      depth += path[end] == '[' ? 1 : path[end] == ']' ? -1 : 0;
    const YAML::Node next = step(node, path.substr(start, end - start));
    if (!next) return YAML::Node();  // a key the record does not have
    node.reset(next);                // rebinds; = would overwrite the record
    start = end + 1;
  }
  return node;
}

YAML::Node step(const YAML::Node& node, const std::string& part) {
  const auto bracket = part.find('[');
  if (bracket == std::string::npos) {
    if (node.IsMap()) return node[part];
    if (node.IsSequence() && !part.empty() && part.size() < 8 &&
        part.find_first_not_of("0123456789") == std::string::npos) {
      const auto index = std::stoul(part);
      return index < node.size() ? node[index] : YAML::Node();
    }
    return YAML::Node();
  }
  const YAML::Node list = node.IsMap() ? node[part.substr(0, bracket)] : YAML::Node();
  const auto equals = part.find('=', bracket);
  if (!list || !list.IsSequence() || equals == std::string::npos || part.back() != ']')
    return YAML::Node();
  const std::string field = part.substr(bracket + 1, equals - bracket - 1);
  const std::string wanted = part.substr(equals + 1, part.size() - equals - 2);
  for (const auto& item : list) {
    const YAML::Node value = follow(item, field);
    if (value && value.IsScalar() && value.Scalar() == wanted) return item;
  }
  return YAML::Node();
}

}  // namespace

ExportTable read_csv_export(std::string_view text, const std::string& file) {
  if (text.size() > max_export_bytes)
    fail(file, 0, 0,
         "the export is " + std::to_string(text.size()) + " bytes; reliasim reads exports up to " +
             std::to_string(max_export_bytes >> 20) + " MiB: split it by period");
  if (text.find('\0') != std::string_view::npos)
    fail(file, 0, 0, "the file holds binary data (a NUL byte); give a CSV text file");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    fail(file, 0, 0, "cannot start the CSV reader");
  const std::unique_ptr<csv_parser, void (*)(csv_parser*)> owner(&parser, csv_free);
  CsvState state;
  // Fed a line at a time so that each row knows the line it starts on.
  std::size_t start = 0;
  while (start < text.size() && !state.too_many) {
    const auto newline = text.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    if (csv_parse(&parser, text.data() + start, end - start, end_field, end_row, &state) !=
        end - start)
      fail(file, state.line, 0,
           std::string("not valid CSV: ") + csv_strerror(csv_error(&parser)) +
               " (a quote inside a field must be doubled, and a quoted field closed)");
    start = end;
    ++state.line;
  }
  if (!state.too_many && csv_fini(&parser, end_field, end_row, &state) != 0)
    fail(file, state.row_line, 0, "not valid CSV: a quoted field is never closed");
  if (state.too_many)
    fail(file, state.line, 0,
         "the export has more than " + std::to_string(max_export_rows) +
             " rows; reliasim reads at most that many incidents: split it by period");
  if (state.table.header.empty())
    fail(file, 1, 1, "the export is empty; its first row names the columns");
  return std::move(state.table);
}

ExportTable read_json_export(std::string_view text, const std::string& file,
                             const std::string& records, const std::vector<std::string>& paths) {
  if (text.size() > max_json_export_bytes)
    fail(file, 0, 0,
         "the export is " + std::to_string(text.size()) +
             " bytes; reliasim reads JSON exports up to " +
             std::to_string(max_json_export_bytes >> 20) + " MiB: split it, or export CSV");
  if (auto problem = scenario::reader::check_text(text))
    fail(file, problem->line, problem->column, std::move(problem->message));
  const YAML::Node root = scenario::reader::load_single_document(text, file, "a JSON export");
  YAML::Node list = records.empty() ? root : follow(root, records);
  if (records.empty() && root.IsMap())
    for (const auto& entry : root)
      if (entry.second.IsSequence()) {
        list.reset(entry.second);
        break;
      }
  if (!list || !list.IsSequence())
    fail(file, 1, 1,
         records.empty() ? "found no list of incidents: the export is a list of records, or a "
                           "map with one; name its key with the mapping's `records`"
                         : "no list of incidents at '" + records + "'");
  if (list.size() > max_export_rows)
    fail(file, 1, 1, "the export has more than " + std::to_string(max_export_rows) + " records");
  ExportTable table;
  table.header = paths;
  for (const auto& record : list) {
    const YAML::Mark mark = record.Mark();
    std::vector<Cell> row;
    for (const auto& path : paths) {
      const YAML::Node value = follow(record, path);
      Cell cell{{}, mark.line + 1, mark.column + 1};
      if (value && value.IsScalar()) {
        cell.text = value.Scalar();
        cell.line = value.Mark().line + 1;
        cell.column = value.Mark().column + 1;
      }
      row.push_back(std::move(cell));
    }
    table.row_lines.push_back(mark.line + 1);
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace reliasim::incidents
