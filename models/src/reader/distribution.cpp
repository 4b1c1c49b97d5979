// Distributions as written: {kind: {parameters}} or a bare duration meaning fixed.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <variant>

#include "empirical_times.hpp"
#include "reliasim/record/bounded_read.hpp"
#include "reliasim/scenario/units.hpp"
#include "value.hpp"

namespace reliasim::scenario::reader {
namespace {

constexpr double z95 = 1.6448536269514722;  // standard normal 95th percentile
constexpr std::size_t max_samples = 1'000'000;
constexpr std::uintmax_t max_csv_bytes = 16u << 20;        // one CSV file
constexpr std::uintmax_t max_csv_bytes_total = 64u << 20;  // all reads of a scenario together
constexpr std::size_t max_samples_kept = 10'000'000;       // all empirical distributions

using Spec = DistributionSpec;
using Kind = DistributionKind;

std::string keys_of(const Fields& f) {
  std::string text;
  for (const auto& [key, value] : f.entries()) text += (text.empty() ? "" : ", ") + key;
  return text;
}

std::optional<Spec> exponential(const Value& v) {
  auto f = v.fields({"mean", "rate"});
  if (!f) return std::nullopt;
  const auto which = f->one_of({"mean", "rate"});
  if (!which) return std::nullopt;
  if (*which == "mean") {
    const auto mean = f->get("mean")->positive_duration();
    return mean ? std::optional(Spec::exponential_mean(*mean)) : std::nullopt;
  }
  const auto rate = f->get("rate")->rate();
  return rate ? std::optional(Spec::exponential_mean(1.0 / *rate)) : std::nullopt;
}

std::optional<Spec> shape_scale(const Value& v, Kind kind) {
  const bool gamma = kind == Kind::gamma;
  auto f = gamma ? v.fields({"shape", "scale", "mean"}) : v.fields({"shape", "scale"});
  if (!f) return std::nullopt;
  const auto shape_value = f->required("shape");
  const auto shape = shape_value ? shape_value->positive_number() : std::nullopt;
  const auto which = gamma ? f->one_of({"scale", "mean"}) : std::optional<std::string>("scale");
  if (!which) return std::nullopt;
  const auto second = f->required(*which);
  const auto seconds = second ? second->positive_duration() : std::nullopt;
  if (!shape || !seconds) return std::nullopt;
  if (*shape < 0.05 || *shape > 1e4) {
    shape_value->expected("a shape from 0.05 to 10000");
    return std::nullopt;
  }
  const double scale = *which == "mean" ? *seconds / *shape : *seconds;
  return Spec{kind, *shape, scale, 0, {}};
}

std::optional<Spec> lognormal(const Value& v) {
  auto f = v.fields({"median", "p95", "sigma", "mean", "stddev"});
  if (!f) return std::nullopt;
  if (f->has("mean") || f->has("stddev")) {
    const auto mean = f->required("mean");
    const auto sd = f->required("stddev");
    const auto m = mean ? mean->positive_duration() : std::nullopt;
    const auto s = sd ? sd->positive_duration() : std::nullopt;
    if (!m || !s) return std::nullopt;
    const double sigma2 = std::log1p((*s / *m) * (*s / *m));
    return Spec{Kind::lognormal, std::log(*m) - 0.5 * sigma2, std::sqrt(sigma2), 0, {}};
  }
  const auto median_value = f->required("median");
  const auto median = median_value ? median_value->positive_duration() : std::nullopt;
  const auto which = f->one_of({"p95", "sigma"});
  if (!median || !which) return std::nullopt;
  const Value spread = *f->get(*which);
  double sigma = 0;
  if (*which == "sigma") {
    const auto s = spread.positive_number();
    if (!s) return std::nullopt;
    sigma = *s;
  } else {
    const auto p95 = spread.positive_duration();
    if (!p95) return std::nullopt;
    if (*p95 <= *median) {
      spread.expected("a p95 longer than the median (" + format_duration(*median) + ")");
      return std::nullopt;
    }
    sigma = std::log(*p95 / *median) / z95;
  }
  if (sigma > 10) {
    spread.expected("a spread with sigma at most 10");
    return std::nullopt;
  }
  return Spec{Kind::lognormal, std::log(*median), sigma, 0, {}};
}

std::optional<Spec> normal(const Value& v) {
  auto f = v.fields({"mean", "stddev"});
  if (!f) return std::nullopt;
  const auto mean = f->required("mean");
  const auto sd = f->required("stddev");
  const auto m = mean ? mean->duration() : std::nullopt;
  const auto s = sd ? sd->positive_duration() : std::nullopt;
  if (!m || !s) return std::nullopt;
  return Spec{Kind::truncated_normal, *m, *s, 0, {}};
}

// Uniform (min, max) and triangular (min, mode, max): ordered durations.
std::optional<Spec> ordered(const Value& v, Kind kind) {
  const bool triangular = kind == Kind::triangular;
  auto f = triangular ? v.fields({"min", "mode", "max"}) : v.fields({"min", "max"});
  if (!f) return std::nullopt;
  std::vector<double> points;
  bool complete = true;  // every bound is read, so that each bad one is reported
  for (const auto& key : triangular ? std::vector<std::string>{"min", "mode", "max"}
                                    : std::vector<std::string>{"min", "max"}) {
    const auto value = f->required(key);
    const auto seconds = value ? value->duration() : std::nullopt;
    complete = complete && seconds;
    points.push_back(seconds.value_or(0.0));
  }
  if (!complete) return std::nullopt;
  if (!std::is_sorted(points.begin(), points.end()) || points.front() == points.back()) {
    std::string got = "min " + format_duration(points[0]);
    if (triangular) got += ", mode " + format_duration(points[1]);
    got += ", max " + format_duration(points.back());
    v.error("bounds out of order (" + got + "); write " +
            (triangular ? "min <= mode <= max with min < max" : "min < max"));
    return std::nullopt;
  }
  return Spec{kind, points[0], points[1], triangular ? points[2] : 0.0, {}};
}

std::optional<double> csv_cell(const Value& v, const std::string& cell, double unit, int row) {
  auto parsed = unit > 0 ? parse_number(cell) : parse_duration(cell);
  if (auto* error = std::get_if<UnitError>(&parsed)) {
    v.error("row " + std::to_string(row) + " of the CSV file: " + error->message);
    return std::nullopt;
  }
  const double seconds = std::get<double>(parsed) * (unit > 0 ? unit : 1.0);
  if (seconds < 0) {
    v.error("row " + std::to_string(row) + " of the CSV file: durations must be >= 0");
    return std::nullopt;
  }
  return seconds;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  std::string cell;
  while (std::getline(stream, cell, ',')) {
    cell.erase(std::remove(cell.begin(), cell.end(), '"'), cell.end());
    cell.erase(std::remove(cell.begin(), cell.end(), '\r'), cell.end());
    cells.push_back(cell);
  }
  return cells;
}

// The bytes of a CSV file the scenario names, recorded with their SHA-256 as one of the
// scenario's inputs (once, however many distributions read it).
std::optional<std::string> read_csv_file(const Value& csv, const std::filesystem::path& path) {
  std::size_t& total = csv.context().csv_bytes_read;
  const std::size_t left = max_csv_bytes_total - std::min(total, max_csv_bytes_total);
  auto read = read_bounded_file(path, std::min(max_csv_bytes, left));
  if (const auto* refusal = std::get_if<FileRefusal>(&read)) {
    if (refusal->reason != FileRefusal::Reason::too_large)
      csv.error("cannot read CSV file '" + path.string() + "' (" + refusal->detail +
                "); give a path relative to the scenario file");
    else if (refusal->size > max_csv_bytes)
      csv.error("CSV file '" + path.string() + "' is larger than 16 MiB; give at most " +
                "1,000,000 samples");
    else
      csv.error("reading CSV file '" + path.string() +
                "' would take the scenario's CSV files past 64 MiB read in all; name fewer or "
                "smaller files");
    return std::nullopt;
  }
  std::string& bytes = std::get<std::string>(read);
  total += bytes.size();
  auto& inputs = csv.context().inputs;
  const bool seen = std::any_of(inputs.begin(), inputs.end(),
                                [&](const InputFile& file) { return file.path == path.string(); });
  if (!seen) inputs.push_back(input_file("csv", path.string(), bytes));
  return std::move(bytes);
}

// The file a scenario names, looked up in its folder: refused when absolute or when it leads out
// of the folder (through .. or a symbolic link), unless the scenario is trusted (FileAccess).
std::optional<std::filesystem::path> allowed_path(const Value& csv, const std::string& text) {
  namespace fs = std::filesystem;
  const Context& context = csv.context();
  const fs::path path = context.base_dir / fs::path(text);
  if (context.access.anywhere) return path;
  const std::string trust = " (or run with RELIASIM_TRUST_PATHS=1 to read any file)";
  if (fs::path(text).is_absolute()) {
    csv.error("'" + text + "' is an absolute path; a scenario reads files under its own folder: " +
              "give a path relative to it" + trust);
    return std::nullopt;
  }
  std::error_code ec;
  const fs::path root =
      fs::weakly_canonical(context.base_dir.empty() ? fs::current_path(ec) : context.base_dir, ec);
  const fs::path resolved = ec ? fs::path() : fs::weakly_canonical(path, ec);
  const auto [stop, unused] =
      std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  if (ec || stop != root.end() || resolved == root) {
    csv.error("'" + text + "' leads outside the scenario's folder " + root.string() +
              "; a scenario reads files under its own folder" + trust);
    return std::nullopt;
  }
  return path;
}

std::optional<std::vector<double>> read_csv_samples(const Value& v, const Fields& f,
                                                    const std::filesystem::path& path) {
  const auto bytes = read_csv_file(*f.get("csv"), path);
  if (!bytes) return std::nullopt;
  if (f.has("from") || f.has("to")) return csv_time_spans(f, *bytes, path, max_samples);
  double unit = 0;
  if (const auto unit_value = f.get("unit")) {
    const auto seconds = unit_value->positive_duration();
    if (!seconds) return std::nullopt;
    unit = *seconds;
  }
  std::size_t column = 0;
  std::optional<std::string> column_name;
  if (const auto column_value = f.get("column")) {
    const auto text = column_value->text();
    if (!text) return std::nullopt;
    if (std::all_of(text->begin(), text->end(), ::isdigit) && !text->empty()) {
      const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), column);
      if (error != std::errc()) {
        column_value->error("column " + quote(*text) +
                            " is too large for a column number; give a column's number from 0, "
                            "or its name in the header");
        return std::nullopt;
      }
    } else {
      column_name = *text;
    }
  }
  std::istringstream in(*bytes);
  std::string line;
  std::vector<double> samples;
  for (int row = 1; std::getline(in, line) && samples.size() < max_samples; ++row) {
    const auto cells = split_csv_line(line);
    if (row == 1 && column_name) {
      const auto found = std::find(cells.begin(), cells.end(), *column_name);
      if (found == cells.end()) {
        // Only what the user wrote is quoted: the file's own text stays out of messages.
        f.get("column")->error("no column " + quote(*column_name) + " in the header of '" +
                               path.string() + "' (" + std::to_string(cells.size()) +
                               " columns); name one of them, or give its number from 0");
        return std::nullopt;
      }
      column = static_cast<std::size_t>(found - cells.begin());
      continue;
    }
    if (row == 1 && f.get("column") && column >= cells.size()) {
      f.get("column")->error("column " + std::to_string(column) + " is not in '" + path.string() +
                             "', whose first row has " + std::to_string(cells.size()) +
                             " columns, numbered from 0");
      return std::nullopt;
    }
    if (cells.size() <= column || cells[column].empty()) continue;
    const bool header = row == 1 && !std::isdigit(static_cast<unsigned char>(cells[column][0]));
    if (header) continue;
    const auto seconds = csv_cell(v, cells[column], unit, row);
    if (!seconds) return std::nullopt;
    samples.push_back(*seconds);
  }
  return samples;
}

// The samples a `csv:` distribution names, read once per file, column and unit however many
// aliases repeat it.
std::optional<std::vector<double>> csv_samples(const Value& v, const Fields& f) {
  const auto path_text = f.get("csv")->text();
  if (!path_text) return std::nullopt;
  const auto path = allowed_path(*f.get("csv"), *path_text);
  if (!path) return std::nullopt;
  std::string key = path->string();
  for (const char* part : {"column", "unit", "from", "to"})
    if (const auto value = f.get(part))
      key += "\n" + std::string(part) + "=" + value->text().value_or("");
  auto& cache = v.context().csv_samples;
  if (const auto found = cache.find(key); found != cache.end()) return found->second;
  auto samples = read_csv_samples(v, f, *path);
  if (samples) cache.emplace(std::move(key), *samples);
  return samples;
}

std::optional<Spec> empirical(const Value& v) {
  auto f = v.fields({"samples", "csv", "column", "unit", "from", "to"});
  if (!f) return std::nullopt;
  const auto which = f->one_of({"samples", "csv"});
  if (!which) return std::nullopt;
  std::vector<double> samples;
  for (const char* key : {"column", "unit", "from", "to"})
    if (*which == "samples" && f->has(key)) {
      f->get(key)->error(std::string("`") + key +
                         "` is for a CSV file (`csv:`); `samples` are durations with their units");
      return std::nullopt;
    }
  if (*which == "samples") {
    const auto items = f->get("samples")->items();
    for (const auto& item : items) {
      const auto seconds = item.duration();
      if (!seconds) return std::nullopt;
      samples.push_back(*seconds);
    }
  } else {
    auto read = csv_samples(v, *f);
    if (!read) return std::nullopt;
    samples = std::move(*read);
  }
  if (samples.empty()) {
    v.error(*which == "samples" ? "no samples; list at least one duration, such as [5m, 12m, 1h]"
                                : "no samples in the CSV file; give at least one duration per row");
    return std::nullopt;
  }
  // Each distribution keeps its own copy: bounded in all, however often aliases repeat one.
  std::size_t& kept = v.context().samples_kept;
  kept += samples.size();
  if (kept > max_samples_kept) {
    v.error(
        "empirical distributions keep more than 10,000,000 samples in all (each use of a "
        "CSV file, through an alias too, keeps its own); use fewer samples or fewer uses");
    return std::nullopt;
  }
  std::sort(samples.begin(), samples.end());
  return Spec{Kind::empirical, 0, 0, 0, std::move(samples)};
}

}  // namespace

std::optional<DistributionSpec> Value::distribution() const {
  if (is_scalar()) {
    const auto seconds = duration();
    return seconds ? std::optional(Spec::fixed_value(*seconds)) : std::nullopt;
  }
  auto f = fields({"exponential", "weibull", "lognormal", "gamma", "normal", "uniform",
                   "triangular", "fixed", "empirical"});
  if (!f) return std::nullopt;
  if (f->size() != 1) {
    if (f->size() == 0 && f->had_unknown()) return std::nullopt;  // reported with a suggestion
    error(
        "takes exactly one distribution kind, such as {lognormal: {median: 5m, p95: 20m}}, or "
        "a duration; got " +
        (f->size() == 0 ? std::string("none") : keys_of(*f)));
    return std::nullopt;
  }
  const auto& [kind, value] = f->entries().front();
  if (kind == "exponential") return exponential(value);
  if (kind == "weibull") return shape_scale(value, Kind::weibull);
  if (kind == "gamma") return shape_scale(value, Kind::gamma);
  if (kind == "lognormal") return lognormal(value);
  if (kind == "normal") return normal(value);
  if (kind == "uniform") return ordered(value, Kind::uniform);
  if (kind == "triangular") return ordered(value, Kind::triangular);
  if (kind == "empirical") return empirical(value);
  const auto seconds = value.duration();
  return seconds ? std::optional(Spec::fixed_value(*seconds)) : std::nullopt;
}

}  // namespace reliasim::scenario::reader
