#include "reliasim/incidents/read_history.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <sstream>
#include <variant>

#include "export_table.hpp"
#include "mapping.hpp"
#include "reliasim/record/bounded_read.hpp"
#include "reliasim/record/sha256.hpp"
#include "reliasim/scenario/units.hpp"
#include "timestamps.hpp"

namespace reliasim::incidents {
namespace {

using fit::IncidentHistory;
using fit::IncidentRecord;
using fit::Stamp;
using scenario::Diagnostic;
using scenario::DiagnosticSink;
using scenario::ScenarioError;

constexpr double infinity = std::numeric_limits<double>::infinity();
// The longest observation period, and so the longest duration, an export may span.
constexpr double max_period = 100.0 * 365.0 * 86400.0;

[[noreturn]] void fail(const std::string& file, int line, int column, std::string message) {
  throw ScenarioError({Diagnostic{file, line, column, std::move(message)}});
}

// "Created At", "created_at" and "created-at" name the same column.
std::string normalized(std::string_view name) {
  std::string text;
  for (const char c : name)
    text += std::isalnum(static_cast<unsigned char>(c))
                ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                : '_';
  return text;
}

std::string read_file(const std::filesystem::path& path, std::size_t limit, const char* what) {
  auto read = read_bounded_file(path, limit);
  if (auto* bytes = std::get_if<std::string>(&read)) return std::move(*bytes);
  const FileRefusal& refusal = std::get<FileRefusal>(read);
  if (refusal.reason == FileRefusal::Reason::too_large)
    fail(path.string(), 0, 0,
         std::string(what) + " is " + std::to_string(refusal.size) +
             " bytes; reliasim reads up to " + std::to_string(limit >> 20) +
             " MiB: split it by period");
  fail(path.string(), 0, 0, std::string("cannot read ") + what + " (" + refusal.detail + ")");
}

Mapping mapping_of(const ReadSettings& settings) {
  if (settings.mapping.empty()) return Mapping{"the canonical column names", "", "", "", {}, {}};
  if (const auto text = bundled_mapping(settings.mapping))
    return parse_mapping(*text, "the bundled mapping " + settings.mapping);
  const std::filesystem::path path(settings.mapping);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::string names;
    for (const auto& name : bundled_mappings()) names += (names.empty() ? "" : ", ") + name;
    fail(settings.mapping, 0, 0,
         "no such mapping file, and no bundled mapping of that name; bundled: " + names);
  }
  return parse_mapping(read_file(path, 1u << 20, "the mapping file"), settings.mapping);
}

// Columns named on the command line ("resolved=Closed At") replace the mapping's.
void apply_overrides(Mapping& mapping, const std::vector<std::string>& columns) {
  for (const auto& pair : columns) {
    const auto equals = pair.find('=');
    const std::string field = pair.substr(0, equals);
    const bool known =
        stamp_named(field) || std::find(std::begin(group_fields), std::end(group_fields), field) !=
                                  std::end(group_fields);
    if (equals == std::string::npos || equals + 1 == pair.size() || !known)
      fail("--column", 0, 0,
           scenario::quote(pair) +
               " is not FIELD=COLUMN with FIELD one of started, detected, acknowledged, "
               "mitigated, resolved, service, failure_mode, severity, journey, degrade, "
               "attributable_to");
    mapping.fields[field] = FieldSource{pair.substr(equals + 1), std::nullopt, 1.0, "--column"};
  }
}

// Where each field's column is in the table, by exact name and then by normalized name.
struct Columns {
  std::map<std::string, std::size_t> index;  // field -> column
  std::vector<std::size_t> group;            // the grouping columns
  std::vector<std::string> group_names;
};

std::string header_list(const ExportTable& table) {
  std::string list;
  for (std::size_t i = 0; i < table.header.size() && i < 30; ++i)
    list += (i ? ", " : "") + scenario::quote(table.header[i]);
  if (table.header.size() > 30) list += ", ...";
  return list;
}

std::optional<std::size_t> find_column(const ExportTable& table, const std::string& name) {
  for (std::size_t i = 0; i < table.header.size(); ++i)
    if (table.header[i] == name) return i;
  for (std::size_t i = 0; i < table.header.size(); ++i)
    if (normalized(table.header[i]) == normalized(name)) return i;
  return std::nullopt;
}

Columns locate(const ExportTable& table, const Mapping& mapping, const ReadSettings& settings,
               const std::string& file) {
  Columns columns;
  // Placed at the export's header, which lacks the column; the message says where the
  // mapping names it.
  DiagnosticSink sink(file);
  for (const auto& [field, source] : mapping.fields) {
    if (const auto at = find_column(table, source.column)) {
      columns.index[field] = *at;
    } else {
      sink.error(1, 1,
                 field + ": no column " + scenario::quote(source.column) + ", which " +
                     source.named_in + " names; the export's columns are " + header_list(table));
    }
  }
  if (!sink.empty()) throw ScenarioError(sink.take());
  // The canonical names need no mapping; a column without a single value is not there.
  auto canonical = [&](const char* field) {
    if (mapping.fields.count(field)) return;
    const auto at = find_column(table, field);
    if (at && std::any_of(table.rows.begin(), table.rows.end(),
                          [&](const auto& row) { return !row[*at].text.empty(); }))
      columns.index[field] = *at;
  };
  for (const char* field : time_fields) canonical(field);
  for (const char* field : group_fields) canonical(field);
  std::vector<std::string> group_by = settings.group_by;
  if (group_by.empty() && !settings.one_group && columns.index.count("service"))
    group_by = {"service"};
  if (settings.one_group) group_by.clear();
  for (const auto& name : group_by) {
    const auto field = columns.index.find(name);
    const auto column =
        field != columns.index.end() ? std::optional(field->second) : find_column(table, name);
    if (!column)
      fail("--group-by", 0, 0,
           "no field or column " + scenario::quote(name) + " in " + file +
               " to group by; its columns are " + header_list(table));
    columns.group.push_back(*column);
    columns.group_names.push_back(name);
  }
  if (!columns.index.count("started") && !columns.index.count("detected"))
    fail(file, 1, 1,
         "no column says when incidents started or were detected: name one `started` or "
         "`detected`, give a mapping (--mapping), or name it with --column started=COLUMN; its "
         "columns are " +
             header_list(table));
  return columns;
}

std::vector<std::string> paths_of(const Mapping& mapping, const ReadSettings& settings) {
  std::vector<std::string> paths;
  for (const auto& [field, source] : mapping.fields) paths.push_back(source.column);
  for (const auto& name : settings.group_by)
    if (!mapping.fields.count(name)) paths.push_back(name);
  for (const char* field : time_fields)
    if (!mapping.fields.count(field)) paths.emplace_back(field);
  for (const char* field : group_fields)
    if (!mapping.fields.count(field)) paths.emplace_back(field);
  return paths;
}

std::optional<double> duration_cell(const std::string& text) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value >= 0.0) ||
      value == infinity)
    return std::nullopt;
  return value;
}

class RowReader {
 public:
  RowReader(const Mapping& mapping, const Columns& columns, const TimeFormat& format,
            DiagnosticSink& sink, const ExportTable& table)
      : mapping_(mapping), columns_(columns), format_(format), sink_(sink), table_(table) {}

  std::optional<IncidentRecord> read(std::size_t row) {
    IncidentRecord incident;
    incident.row = static_cast<std::size_t>(table_.row_lines[row]);
    bool ok = true;
    // Times first, then durations after them (which may follow one another).
    for (int pass = 0; pass < 3; ++pass)
      for (std::size_t s = 0; s < fit::stamp_count; ++s) ok &= read_stamp(row, s, pass, incident);
    for (std::size_t g = 0; g < columns_.group.size(); ++g)
      incident.group += (g ? "/" : "") + table_.rows[row][columns_.group[g]].text;
    if (const Cell* cell = cell_of(row, "service"))
      incident.service = cell->text, incident.scope_column = cell->column;
    if (const Cell* cell = cell_of(row, "journey"); cell && !cell->text.empty())
      incident.journey = cell->text, incident.scope_column = cell->column;
    ok &= read_impact(row, incident);
    if (!ok) return std::nullopt;
    if (!check_order(row, incident)) return std::nullopt;
    return incident;
  }

 private:
  bool read_stamp(std::size_t row, std::size_t s, int pass, IncidentRecord& incident) {
    const std::string field = time_fields[s];
    const auto at = columns_.index.find(field);
    if (at == columns_.index.end()) return true;
    const auto source = mapping_.fields.find(field);
    const bool is_duration = source != mapping_.fields.end() && source->second.after;
    if ((pass == 0) == is_duration) return true;  // times in pass 0, durations after
    const Cell& cell = table_.rows[row][at->second];
    if (cell.text.empty() || incident.times[s] == incident.times[s]) return true;
    if (!is_duration) {
      const auto parsed = parse_time(cell.text, format_);
      if (const auto* problem = std::get_if<std::string>(&parsed)) {
        const bool iso = format_.pattern.empty();
        error(cell, field,
              *problem + (iso ? "; for another layout give the mapping a time_format" : ""));
        return false;
      }
      incident.times[s] = std::get<double>(parsed);
      return true;
    }
    const double base = incident.at(*source->second.after);
    if (!(base == base)) return true;  // counts from a time not known (yet)
    const auto value = duration_cell(cell.text);
    if (!value) {
      error(cell, field,
            "is not a duration: give a number >= 0 (in units of " +
                scenario::format_duration(source->second.unit) + ")");
      return false;
    }
    if (*value * source->second.unit > max_period) {
      error(cell, field, "is longer than 100 years: check the column's unit");
      return false;
    }
    incident.times[s] = base + *value * source->second.unit;
    return true;
  }

  // Every time comes at or after the start (T0, or T1 without a start), and resolution last.
  bool check_order(std::size_t row, const IncidentRecord& incident) {
    const bool has_start = incident.at(Stamp::started) == incident.at(Stamp::started);
    const Stamp first = has_start ? Stamp::started : Stamp::detected;
    const double start = incident.at(first);
    if (!(start == start)) {
      sink_.error(table_.row_lines[row], 0,
                  "no start time: the started or detected field of this incident is empty");
      return false;
    }
    const double resolved = incident.at(Stamp::resolved);
    for (std::size_t s = 0; s < fit::stamp_count; ++s) {
      const double t = incident.times[s];
      if (s == static_cast<std::size_t>(first)) continue;
      const bool early = t < start;
      if (!early && !(t > resolved)) continue;
      const Stamp other = early ? first : Stamp::resolved;
      const auto& cell = table_.rows[row][columns_.index.at(time_fields[s])];
      error(cell, time_fields[s],
            std::string("comes ") + (early ? "before " : "after ") +
                time_fields[static_cast<std::size_t>(other)] + " (by " +
                scenario::format_duration(std::abs(t - incident.at(other))) +
                "): every time of an incident lies between its start and its resolution");
      return false;
    }
    return true;
  }

  const Cell* cell_of(std::size_t row, const char* field) const {
    const auto at = columns_.index.find(field);
    return at == columns_.index.end() ? nullptr : &table_.rows[row][at->second];
  }

  // How badly and whose: `degrade` a share of requests (0.4 or 40%; empty: down), and
  // `attributable_to` one of the scenario format's causes or maintenance.
  bool read_impact(std::size_t row, IncidentRecord& incident) {
    if (const Cell* cell = cell_of(row, "degrade"); cell && !cell->text.empty()) {
      std::string text = cell->text;
      const bool percent = text.back() == '%';
      if (percent) text.pop_back();
      double value = 0.0;
      const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (percent) value /= 100.0;
      if (problem != std::errc() || end != text.data() + text.size() || !(value > 0.0) ||
          value > 1.0) {
        error(*cell, "degrade",
              "is not a share of requests failing: give a number in (0, 1] or a percentage "
              "such as 40%");
        return false;
      }
      incident.degrade = value;
    }
    if (const Cell* cell = cell_of(row, "attributable_to"); cell && !cell->text.empty()) {
      static constexpr const char* causes[] = {"internal", "third_party", "customer",
                                               "maintenance"};
      if (std::find(std::begin(causes), std::end(causes), cell->text) == std::end(causes)) {
        error(*cell, "attributable_to",
              "is not a cause: give internal, third_party, customer or maintenance");
        return false;
      }
      incident.attributable_to = cell->text;
    }
    return true;
  }

  void error(const Cell& cell, const std::string& field, const std::string& message) {
    const auto column = columns_.index.at(field);
    sink_.error(cell.line, cell.column,
                field + " (column " + scenario::quote(table_.header[column]) +
                    "): " + scenario::quote(cell.text) + " " + message);
  }

  const Mapping& mapping_;
  const Columns& columns_;
  const TimeFormat& format_;
  DiagnosticSink& sink_;
  const ExportTable& table_;
};

double period_bound(const std::string& text, const TimeFormat& format, const char* option) {
  const auto parsed = parse_time(text, format);
  if (const auto* problem = std::get_if<std::string>(&parsed))
    fail(option, 0, 0, scenario::quote(text) + " " + *problem);
  return std::get<double>(parsed);
}

void set_period(IncidentHistory& history, const ReadSettings& settings, const TimeFormat& format,
                const std::string& file) {
  double first = infinity, last = -infinity;
  for (const auto& incident : history.incidents)
    for (const double t : incident.times)
      if (t == t) first = std::min(first, t), last = std::max(last, t);
  if (settings.whole_months)
    first = month_start(first, 0, format.utc_offset),
    last = month_start(last, 1, format.utc_offset);
  const bool from_option = !settings.since.empty();
  history.period_start =
      from_option ? period_bound(settings.since, {"", format.utc_offset}, "--since") : first;
  history.period_end = settings.until.empty()
                           ? last
                           : period_bound(settings.until, {"", format.utc_offset}, "--until");
  if (history.period_end - history.period_start > max_period)
    fail(file, 0, 0, "the observation period is longer than 100 years; give --since and --until");
  if (!(history.period_end > history.period_start))
    fail(file, 0, 0,
         "the observation period is empty (it runs from the first time to the last one read); "
         "give --since and --until");
  std::erase_if(history.incidents, [&](const IncidentRecord& incident) {
    const double start = incident.at(Stamp::started) == incident.at(Stamp::started)
                             ? incident.at(Stamp::started)
                             : incident.at(Stamp::detected);
    if (!settings.keep_overlapping)
      return start < history.period_start || start > history.period_end;
    // Still impairing at the period's start: the part inside it counts (replay).
    const double end = incident.open() ? infinity : incident.at(Stamp::resolved);
    return start > history.period_end || end <= history.period_start;
  });
}

// Two rows of one group and scope with the same start and the same resolution are one
// incident exported twice (an export appended to another, an incident listed under two
// teams); one outage on several services is one row for each, and stays.
void check_duplicates(const IncidentHistory& history, DiagnosticSink& sink) {
  std::map<std::tuple<std::string, double, double>, std::size_t> seen;
  for (const auto& incident : history.incidents) {
    const double resolved = incident.open() ? -1.0 : incident.at(Stamp::resolved);
    const auto key = std::tuple(incident.group + "\n" + incident.service + "\n" + incident.journey,
                                incident.at(Stamp::started) == incident.at(Stamp::started)
                                    ? incident.at(Stamp::started)
                                    : incident.at(Stamp::detected),
                                resolved);
    const auto [found, inserted] = seen.emplace(key, incident.row);
    if (!inserted)
      sink.error(static_cast<int>(incident.row), 0,
                 "repeats the incident on line " + std::to_string(found->second) +
                     " (same group, scope, start and resolution): remove one of them");
  }
}

}  // namespace

IncidentHistory read_incident_history_text(std::string_view text, const std::string& display_name,
                                           const ReadSettings& settings) {
  if (!(settings.resolution > 0.0) || settings.resolution > 86400.0)
    fail("--resolution", 0, 0, "the resolution is a duration from 1ms to 1d");
  Mapping mapping = mapping_of(settings);
  apply_overrides(mapping, settings.columns);
  const std::string extension = std::filesystem::path(display_name).extension().string();
  const bool json =
      mapping.format.empty() ? normalized(extension) == "_json" : mapping.format == "json";
  const ExportTable table =
      json ? read_json_export(text, display_name, mapping.records, paths_of(mapping, settings))
           : read_csv_export(text, display_name);
  const Columns columns = locate(table, mapping, settings, display_name);

  TimeFormat format{mapping.time_format, mapping.utc_offset.value_or(0.0)};
  if (!settings.utc_offset.empty()) {
    const auto offset = parse_utc_offset(settings.utc_offset);
    if (!offset)
      fail(
          "--utc-offset", 0, 0,
          scenario::quote(settings.utc_offset) + " is not a UTC offset such as +01:00, -0500 or Z");
    format.utc_offset = *offset;
  }
  IncidentHistory history;
  history.source = display_name;
  history.sha256 = sha256_hex(text);
  history.resolution = settings.resolution;
  history.utc_offset = format.utc_offset;
  for (std::size_t g = 0; g < columns.group_names.size(); ++g)
    history.group_by += (g ? "/" : "") + columns.group_names[g];
  for (std::size_t s = 0; s < fit::stamp_count; ++s)
    history.has_column[s] = columns.index.count(time_fields[s]) > 0;

  DiagnosticSink sink(display_name);
  try {
    RowReader reader(mapping, columns, format, sink, table);
    for (std::size_t row = 0; row < table.rows.size(); ++row)
      if (auto incident = reader.read(row)) history.incidents.push_back(std::move(*incident));
    check_duplicates(history, sink);
  } catch (const scenario::TooManyErrors&) {
  }
  if (!sink.empty()) throw ScenarioError(sink.take());
  if (history.incidents.empty())
    fail(display_name, 0, 0, "the export holds no incidents (only its header)");
  set_period(history, settings, format, display_name);
  return history;
}

IncidentHistory read_incident_history(const std::filesystem::path& file,
                                      const ReadSettings& settings) {
  return read_incident_history_text(read_file(file, max_export_bytes, "the export"), file.string(),
                                    settings);
}

}  // namespace reliasim::incidents
