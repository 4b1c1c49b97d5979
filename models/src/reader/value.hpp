#pragma once
// Reading one YAML node against the format: type checks, units, allowed keys with "did you
// mean", each problem reported at the node's line and column with its path in the document.
// Internal to models/: keeps yaml-cpp out of the public headers.

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reliasim/random/distribution.hpp"
#include "reliasim/scenario/diagnostics.hpp"
#include "reliasim/scenario/load.hpp"
#include "reliasim/scenario/scenario.hpp"
#include "reliasim/scenario/suggest.hpp"

namespace reliasim::scenario::reader {

// Values read from one document, counting each use of a YAML alias in full, are bounded:
// aliases can make a small file stand for billions of values ("billion laughs").
inline constexpr std::size_t max_values = 2'000'000;
inline constexpr const char* max_values_text = "2,000,000";

// Shared by every node of one document.
// A name as the format allows it: 1 to 200 of [A-Za-z0-9_.-].
[[nodiscard]] bool valid_name(std::string_view text);

struct Context {
  DiagnosticSink& sink;
  std::filesystem::path base_dir;  // for files the scenario names (empirical CSV)
  std::vector<InputFile> inputs;   // the files read so far, each once
  std::size_t values_read = 0;
  FileAccess access{};
  // Samples of each CSV file, column and unit already read: a file named through many aliases
  // is read once, and all of them together keep at most a bounded number of samples.
  std::map<std::string, std::vector<double>> csv_samples{};
  std::size_t csv_bytes_read = 0;
  std::size_t samples_kept = 0;
};

class Fields;

class Value {
 public:
  Value(YAML::Node node, std::string path, Context& context);

  [[nodiscard]] Place place() const;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const YAML::Node& node() const { return node_; }
  [[nodiscard]] bool is_map() const { return node_.IsMap(); }
  [[nodiscard]] bool is_list() const { return node_.IsSequence(); }
  [[nodiscard]] bool is_scalar() const { return node_.IsScalar(); }
  [[nodiscard]] std::string describe() const;  // the value as a message shows it
  [[nodiscard]] Context& context() const { return context_; }

  void error(const std::string& message) const;
  void expected(std::string_view what) const;  // "<path> must be <what>; got <value>"

  [[nodiscard]] std::optional<std::string> text() const;
  [[nodiscard]] std::optional<std::string> name() const;  // [A-Za-z0-9_.-]+
  [[nodiscard]] std::optional<bool> boolean() const;
  [[nodiscard]] std::optional<double> number() const;
  [[nodiscard]] std::optional<double> positive_number() const;
  [[nodiscard]] std::optional<int> integer(int min, int max) const;
  [[nodiscard]] std::optional<double> duration() const;           // >= 0
  [[nodiscard]] std::optional<double> positive_duration() const;  // > 0
  [[nodiscard]] std::optional<double> rate() const;               // events per second
  [[nodiscard]] std::optional<double> probability() const;        // [0, 1] or a percentage
  [[nodiscard]] std::optional<double> positive_share() const;     // (0, 1] or a percentage
  [[nodiscard]] std::optional<DistributionSpec> distribution() const;

  // A map whose keys must be among `allowed`; reports unknown ones. Empty when not a map.
  [[nodiscard]] std::optional<Fields> fields(std::initializer_list<std::string_view> allowed) const;
  // The items of a list (a single scalar is not a list: it is reported).
  [[nodiscard]] std::vector<Value> items() const;
  // The entries of a map whose keys are names (services, crews, journeys).
  [[nodiscard]] std::vector<std::pair<Name, Value>> named_entries() const;
  // A list of names.
  [[nodiscard]] std::vector<Name> names() const;

  [[nodiscard]] Value child(const YAML::Node& node, const std::string& suffix) const;
  // The value of a map entry: an empty value (`key:` alone) is placed at its key, since
  // yaml-cpp places it at whatever token follows, often on a later line.
  [[nodiscard]] Value entry_value(const YAML::Node& node, const Value& key,
                                  const std::string& suffix) const;

 private:
  [[nodiscard]] std::optional<std::string> scalar(std::string_view what) const;

  YAML::Node node_;
  std::string path_;
  Context& context_;
  std::optional<Place> place_;  // overrides the node's own mark
};

// The keys of one map, checked against what the format allows there.
class Fields {
 public:
  Fields(const Value& owner, std::vector<std::pair<std::string, Value>> entries,
         std::vector<std::string> unknown = {})
      : owner_(owner), entries_(std::move(entries)), unknown_(std::move(unknown)) {}

  [[nodiscard]] std::optional<Value> get(std::string_view key) const;
  [[nodiscard]] std::optional<Value> required(std::string_view key) const;  // reports if missing
  [[nodiscard]] bool has(std::string_view key) const { return get(key).has_value(); }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] const std::vector<std::pair<std::string, Value>>& entries() const {
    return entries_;
  }
  [[nodiscard]] const Value& owner() const { return owner_; }
  // Whether the map had keys it does not allow (each already reported).
  [[nodiscard]] bool had_unknown() const { return !unknown_.empty(); }
  // Whether an unknown key was reported as a likely misspelling of `key`.
  [[nodiscard]] bool suggested(std::string_view key) const;

  // Exactly one of `keys` must be present; returns which, or reports.
  [[nodiscard]] std::optional<std::string> one_of(
      std::initializer_list<std::string_view> keys) const;

 private:
  Value owner_;
  std::vector<std::pair<std::string, Value>> entries_;
  std::vector<std::string> unknown_;
};

}  // namespace reliasim::scenario::reader
