// Bands files (fmea_bands.hpp): read with the scenario reader's value checks, so that every
// problem is reported at its line and column with what would be valid; written with the
// shortest text that reads back to the same bits.
#include "reliasim/scenario/fmea_bands.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>
#include <cmath>
#include <sstream>
#include <utility>
#include <variant>
#include <vector>

#include "reader/text_checks.hpp"
#include "reader/value.hpp"
#include "reader/yaml_documents.hpp"
#include "reliasim/record/bounded_read.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario {
namespace {

using reader::Value;

// How one table's edges are written, and what is valid for them.
enum class EdgeUnit : std::uint8_t { per_year, probability, budget_share, duration };

struct Table {
  const char* key;
  ScoreBands FmeaBands::*member;
  EdgeUnit unit;
  const char* comment;  // above the table in a written file
};

const std::array<Table, 5> tables{{
    {"occurrence", &FmeaBands::occurrence, EdgeUnit::per_year,
     "Occurrence: incidents of the mode per year, all its sources together."},
    {"detection_probability", &FmeaBands::detection_probability, EdgeUnit::probability,
     "Detection is the worse of two scores. The share of incidents an alert, canary or probe\n"
     "# detects; larger is better, so below the first edge scores 10 and from the last 1."},
    {"detection_delay", &FmeaBands::detection_delay, EdgeUnit::duration,
     "The median time to detect: durations (30s, 10m, 4h, 1d) or plain seconds."},
    {"severity_impact", &FmeaBands::severity_impact, EdgeUnit::probability,
     "Severity is the worse of two scores. The end effect: the largest share of a scope's\n"
     "# requests that fail while one occurrence lasts on its own."},
    {"severity_budget", &FmeaBands::severity_budget, EdgeUnit::budget_share,
     "The largest share of a scope's error budget per window one occurrence spends (1: all)."},
}};

std::string valid_edge(EdgeUnit unit) {
  const char* valid = "";
  switch (unit) {
    case EdgeUnit::per_year: valid = "incidents per year, a number >= 0 such as 0.3"; break;
    case EdgeUnit::probability:
      valid = "a probability from 0 to 1 or a percentage such as 99.9%";
      break;
    case EdgeUnit::budget_share:
      valid = "a share of an error budget, a number >= 0 such as 0.2 where 1 is all of it";
      break;
    case EdgeUnit::duration: valid = "a duration such as 90s, 10m or 4h, or plain seconds"; break;
  }
  return std::string(valid) + ", or inf for never reached";
}

[[noreturn]] void fail(const std::string& file, const YAML::Mark& mark, std::string message) {
  const bool placed = !mark.is_null();
  throw ScenarioError({Diagnostic{file, placed ? mark.line + 1 : 0, placed ? mark.column + 1 : 0,
                                  std::move(message)}});
}

std::string too_large(std::uintmax_t bytes) {
  return "the bands file is " + std::to_string(bytes) + " bytes; reliasim reads up to " +
         std::to_string(max_bands_bytes) + ", and a bands file is a few hundred";
}

// `inf`, or YAML's `.inf`: an edge that is never reached, which caps the score.
bool never(std::string_view text) {
  return text == "inf" || text == ".inf" || text == ".Inf" || text == ".INF";
}

Parsed<double> parse_non_negative(std::string_view text) {
  Parsed<double> parsed = parse_number(text);
  if (const double* value = std::get_if<double>(&parsed); value && *value < 0)
    return UnitError{quote(text) + " is negative"};
  return parsed;
}

// Plain seconds, or a duration with its unit; both up to the 1000y limit of durations.
Parsed<double> parse_seconds(std::string_view text) {
  const Parsed<double> plain = parse_number(text);
  const double* seconds = std::get_if<double>(&plain);
  if (!seconds) return parse_duration(text);
  if (*seconds < 0 || *seconds > max_duration)
    return UnitError{"duration " + quote(text) + " is outside 0 to 1000y"};
  return *seconds;
}

Parsed<double> parse_edge(std::string_view text, EdgeUnit unit) {
  if (never(text)) return never_reached;
  switch (unit) {
    case EdgeUnit::probability: return parse_probability(text);
    case EdgeUnit::duration: return parse_seconds(text);
    default: return parse_non_negative(text);
  }
}

// A scalar read with `parse`; what is wrong is reported with what would be valid.
template <typename Parse>
std::optional<double> scalar_value(const Value& value, Parse parse, const std::string& valid) {
  if (!value.is_scalar()) {
    value.expected(valid);
    return std::nullopt;
  }
  const Parsed<double> parsed = parse(value.node().Scalar());
  if (const auto* error = std::get_if<UnitError>(&parsed)) {
    value.error(error->message + " (valid: " + valid + ")");
    return std::nullopt;
  }
  return std::get<double>(parsed);
}

// The shortest text that reads back to the same double.
std::string shortest(double value) {
  std::array<char, 32> text{};
  const auto end = std::to_chars(text.data(), text.data() + text.size(), value).ptr;
  return {text.data(), end};
}

std::string edge_text(double edge) {
  return std::isinf(edge) ? std::string("inf") : shortest(edge);
}

// Edges rise strictly, so that every score has a range; only `inf` may repeat, at the end.
bool follows(double before, double edge) {
  return edge > before || (std::isinf(before) && std::isinf(edge));
}

std::optional<std::array<double, 9>> read_edges(const Value& list, const Table& table) {
  std::array<double, 9> edges{};
  const std::size_t size = list.is_list() ? list.node().size() : 0;
  if (size != edges.size()) {
    list.error(
        "must be a list of nine edges, the values at which scores 2 to 10 start, in "
        "increasing order; got " +
        (list.is_list() ? "a list of " + std::to_string(size) : list.describe()));
    return std::nullopt;
  }
  const std::vector<Value> items = list.items();
  const std::string valid = valid_edge(table.unit);
  bool complete = true;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const auto edge = scalar_value(
        items[i], [&](std::string_view text) { return parse_edge(text, table.unit); }, valid);
    complete = complete && edge.has_value();
    if (!complete) continue;
    edges[i] = *edge;
    if (i == 0 || follows(edges[i - 1], edges[i])) continue;
    items[i].error(items[i].describe() + " is not above the edge before it, " +
                   edge_text(edges[i - 1]) +
                   "; the nine edges increase strictly (only inf may repeat, at the end)");
    complete = false;
  }
  if (!complete) return std::nullopt;
  return edges;
}

void read_target(const Value& value, double& target) {
  const auto read = value.probability();
  if (read && (*read <= 0.0 || *read >= 1.0))
    value.expected("a target above 0 and below 1, such as 0.999 or 99.9%");
  else if (read)
    target = *read;
}

void read_window(const Value& value, double& window) {
  const auto read = scalar_value(value, parse_seconds, "a duration such as 30d, or plain seconds");
  if (read && *read <= 0.0)
    value.expected("a duration greater than zero, such as 30d");
  else if (read)
    window = *read;
}

void read_entry(const std::string& key, const Value& value, FmeaBands& bands) {
  for (const Table& table : tables)
    if (key == table.key)
      if (const auto edges = read_edges(value, table)) (bands.*table.member).edges = *edges;
  if (key == "default_target") read_target(value, bands.default_target);
  if (key == "default_window") read_window(value, bands.default_window);
}

std::string duration_text(double seconds) {
  constexpr std::array<std::pair<const char*, double>, 3> units{
      {{"d", seconds_per_day}, {"h", 3600.0}, {"m", 60.0}}};
  for (const auto& [symbol, size] : units)
    if (seconds >= size && std::fmod(seconds, size) == 0.0)
      return shortest(seconds / size) + symbol;
  return edge_text(seconds);
}

std::string edges_text(const ScoreBands& bands, EdgeUnit unit) {
  std::string text;
  for (const double edge : bands.edges)
    text +=
        (text.empty() ? "[" : ", ") +
        (unit == EdgeUnit::duration && std::isfinite(edge) ? duration_text(edge) : edge_text(edge));
  return text + "]";
}

}  // namespace

FmeaBands load_fmea_bands_text(std::string_view text, const std::string& display_name) {
  if (text.size() > max_bands_bytes)
    fail(display_name, YAML::Mark::null_mark(), too_large(text.size()));
  if (auto problem = reader::check_text(text))
    throw ScenarioError(
        {Diagnostic{display_name, problem->line, problem->column, std::move(problem->message)}});
  const YAML::Node root = reader::load_single_document(text, display_name, "a bands file");
  if (root.IsNull())
    throw ScenarioError({Diagnostic{display_name, 1, 1,
                                    "the bands file is empty; it sets tables such as "
                                    "'occurrence: [...]' (reliasim fmea --print-bands writes "
                                    "the defaults to start from)"}});
  DiagnosticSink sink(display_name);
  reader::Context context{sink, {}, {}};
  FmeaBands bands;
  try {
    const auto fields =
        Value(root, "", context)
            .fields({"occurrence", "detection_probability", "detection_delay", "severity_impact",
                     "severity_budget", "default_target", "default_window"});
    if (fields)
      for (const auto& [key, value] : fields->entries()) read_entry(key, value, bands);
  } catch (const TooManyErrors&) {
    // The sink has recorded the final note.
  }
  if (!sink.empty()) throw ScenarioError(sink.take());
  return bands;
}

FmeaBands load_fmea_bands_file(const std::filesystem::path& path, InputFile* read) {
  const std::string name = path.string();
  auto text = read_bounded_file(path, max_bands_bytes);
  if (const auto* refusal = std::get_if<FileRefusal>(&text)) {
    if (refusal->reason == FileRefusal::Reason::too_large)
      fail(name, YAML::Mark::null_mark(), too_large(refusal->size));
    fail(name, YAML::Mark::null_mark(), "cannot read the bands file: " + refusal->detail);
  }
  const std::string& bytes = std::get<std::string>(text);
  if (read) *read = input_file("bands", name, bytes);
  return load_fmea_bands_text(bytes, name);
}

std::string fmea_bands_yaml(const FmeaBands& bands) {
  std::string out =
      "# FMEA score bands for `reliasim fmea FILE --bands THIS_FILE` (docs/fmea.md).\n"
      "# Each table holds the nine values at which scores 2 to 10 start, in increasing order;\n"
      "# a value on an edge takes the higher score, and inf is never reached. Leave out a\n"
      "# table to keep its default.\n";
  for (const Table& table : tables)
    out += "\n# " + std::string(table.comment) + "\n" + table.key + ": " +
           edges_text(bands.*table.member, table.unit) + "\n";
  out +=
      "\n# The error budget of a scope that no SLO or SLA names: (1 - default_target) of\n"
      "# default_window.\ndefault_target: " +
      edge_text(bands.default_target) + "\ndefault_window: " + duration_text(bands.default_window) +
      "\n";
  return out;
}

}  // namespace reliasim::scenario
