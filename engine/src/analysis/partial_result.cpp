#include "reliasim/analysis/partial_result.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "reliasim/record/sha256.hpp"

namespace reliasim {
namespace {

using nlohmann::json;

constexpr std::string_view magic = "reliasim partial result v";
constexpr std::size_t max_header_bytes = 1 << 20;
constexpr int max_header_depth = 8;
constexpr std::size_t checksum_digits = 64;

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw PartialResultError(name + ": " + what);
}

void put_length(std::string& out, std::uint64_t n) {
  for (int i = 0; i < 8; ++i, n >>= 8) out.push_back(static_cast<char>(n & 0xFF));
}

std::uint64_t take_length(std::string_view& in, const std::string& name) {
  if (in.size() < 8) fail(name, "it ends early (truncated?)");
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(in[i]);
  in.remove_prefix(8);
  return n;
}

json ranges_json(const std::vector<TrialRange>& ranges) {
  json out = json::array();
  for (const TrialRange& r : ranges) out.push_back({{"first_trial", r.first}, {"trials", r.count}});
  return out;
}

json header_of(const SummaryBuilder& summary, const RunRecord& record) {
  json inputs = json::array();
  for (const InputFile& f : record.inputs)
    inputs.push_back({{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}});
  std::uint64_t trials = 0;
  for (const TrialRange& r : summary.ranges()) trials += r.count;
  return {{"format", "reliasim partial result"},
          {"format_version", partial_format_version},
          {"engine_version", record.engine_version},
          {"scenario_file", record.scenario_file},
          {"scenario_hash", record.scenario_hash},
          {"inputs", inputs},
          {"seed", summary.seed()},
          {"trials", trials},
          {"ranges", ranges_json(summary.ranges())},
          {"quantiles", "binned, within 1 % relative"},
          {"command", record.command}};
}

// Nesting deeper than a header has is refused before parsing (no recursion to exhaust).
bool too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_header_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

RunRecord record_of_header(const json& h, const std::string& name) {
  RunRecord r;
  try {
    if (h.at("format").get<std::string>() != "reliasim partial result")
      fail(name, "its header does not describe a partial result");
    r.engine_version = h.at("engine_version").get<std::string>();
    r.scenario_file = h.at("scenario_file").get<std::string>();
    r.scenario_hash = h.at("scenario_hash").get<std::string>();
    for (const json& f : h.at("inputs"))
      r.inputs.push_back({f.at("role").get<std::string>(), f.at("path").get<std::string>(),
                          f.at("sha256").get<std::string>()});
    r.seed = h.at("seed").get<std::uint64_t>();
    r.trials = h.at("trials").get<std::uint64_t>();
    r.command = h.at("command").get<std::string>();
    for (const json& range : h.at("ranges"))
      r.merged_ranges.push_back(
          {range.at("first_trial").get<std::uint64_t>(), range.at("trials").get<std::uint64_t>()});
  } catch (const json::exception& error) {
    fail(name, std::string("its header is malformed: ") + error.what());
  }
  return r;
}

// The header must say what the state holds: a file whose parts disagree is refused.
void check_header(const RunRecord& r, const SummaryBuilder& summary, const std::string& name) {
  std::vector<std::array<std::uint64_t, 2>> ranges;
  std::uint64_t trials = 0;
  for (const TrialRange& range : summary.ranges())
    ranges.push_back({range.first, range.count}), trials += range.count;
  if (r.seed != summary.seed() || r.merged_ranges != ranges || r.trials != trials)
    fail(name, "its header's seed or trials disagree with the results it holds");
  if (r.inputs.empty() || r.inputs.front().sha256.empty() ||
      r.scenario_hash != "sha256:" + r.inputs.front().sha256)
    fail(name, "its header does not name the scenario's hash");
}

std::string same_run_conflict(const RunRecord& a, const RunRecord& b) {
  if (a.engine_version != b.engine_version)
    return "it was made by reliasim " + b.engine_version + ", the first by " + a.engine_version;
  if (!same_inputs(a, b))
    return "it is of a different scenario (or different input files) than the first (" +
           b.scenario_hash + " against " + a.scenario_hash + ")";
  if (a.seed != b.seed)
    return "its seed is " + std::to_string(b.seed) + ", the first's " + std::to_string(a.seed);
  return {};
}

}  // namespace

bool same_inputs(const RunRecord& a, const RunRecord& b) {
  return a.scenario_hash == b.scenario_hash &&
         std::ranges::equal(a.inputs, b.inputs, [](const InputFile& x, const InputFile& y) {
           return x.role == y.role && x.sha256 == y.sha256;
         });
}

std::string write_partial(const SummaryBuilder& summary, const RunRecord& record) {
  std::string out(magic);
  out += std::to_string(partial_format_version) + "\n";
  const std::string header = header_of(summary, record).dump(2) + "\n";
  put_length(out, header.size());
  out += header;
  const std::string state = summary.save();
  put_length(out, state.size());
  out += state;
  out += sha256_hex(out);
  return out;
}

PartialResult read_partial(std::string_view bytes, const std::string& name) {
  if (bytes.size() > max_partial_bytes)
    fail(name, "it is larger than a partial result can be (" + std::to_string(max_partial_bytes) +
                   " bytes)");
  if (!bytes.starts_with(magic))
    fail(name, "not a reliasim partial result (it does not start with \"" + std::string(magic) +
                   "\"); make one with reliasim run --format partial");
  const std::size_t line_end = bytes.find('\n');
  const std::string_view version = bytes.substr(magic.size(), line_end - magic.size());
  if (line_end == std::string_view::npos || version != std::to_string(partial_format_version))
    fail(name, "format version " + std::string(version.substr(0, 12)) + "; this reliasim (" +
                   RELIASIM_VERSION + ") reads version " + std::to_string(partial_format_version));
  if (bytes.size() < line_end + 1 + checksum_digits) fail(name, "it ends early (truncated?)");
  const std::string_view body = bytes.substr(0, bytes.size() - checksum_digits);
  if (sha256_hex(body) != bytes.substr(body.size()))
    fail(name, "it is damaged or truncated: its SHA-256 does not match its contents");
  std::string_view rest = body.substr(line_end + 1);
  const std::uint64_t header_size = take_length(rest, name);
  if (header_size > max_header_bytes || header_size > rest.size())
    fail(name, "its header length (" + std::to_string(header_size) + ") is impossible");
  const std::string_view header_text = rest.substr(0, header_size);
  rest.remove_prefix(header_size);
  if (too_deep(header_text)) fail(name, "its header nests too deeply");
  const json header = json::parse(header_text, nullptr, false);
  if (header.is_discarded() || !header.is_object()) fail(name, "its header is not a JSON object");
  const std::uint64_t state_size = take_length(rest, name);
  if (state_size != rest.size()) fail(name, "its results' length does not match the file");
  RunRecord record = record_of_header(header, name);
  std::optional<SummaryBuilder> summary;
  try {
    summary.emplace(SummaryBuilder::load(rest));
  } catch (const std::invalid_argument& error) {
    fail(name, error.what());
  }
  if (record.engine_version != RELIASIM_VERSION)
    fail(name, "made by reliasim " + record.engine_version + "; this reliasim (" +
                   RELIASIM_VERSION + ") merges only its own: merge with that version");
  PartialResult part{std::move(record), std::move(*summary)};
  check_header(part.record, part.summary, name);
  return part;
}

PartialResult merge_partials(std::vector<PartialResult> parts,
                             const std::vector<std::string>& names) {
  if (parts.empty() || parts.size() != names.size())
    throw std::invalid_argument("merge_partials needs one name per part, and a part");
  for (std::size_t i = 1; i < parts.size(); ++i)
    if (const std::string why = same_run_conflict(parts[0].record, parts[i].record); !why.empty())
      fail(names[i], why);
  PartialResult merged{parts[0].record, std::move(parts[0].summary)};
  for (std::size_t i = 1; i < parts.size(); ++i) {
    try {
      merged.summary.merge(parts[i].summary);
    } catch (const std::invalid_argument& error) {
      fail(names[i], error.what());
    }
  }
  merged.record.merged_ranges.clear();
  merged.record.trials = 0;
  for (const TrialRange& r : merged.summary.ranges()) {
    merged.record.merged_ranges.push_back({r.first, r.count});
    merged.record.trials += r.count;
  }
  merged.record.first_trial = merged.summary.ranges().front().first;
  merged.record.platform = this_platform();
  return merged;
}

}  // namespace reliasim
