#include "value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario::reader {
namespace {

std::string list_of(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

template <typename T>
std::optional<double> unit_value(const Value& value, const std::optional<std::string>& text,
                                 T parse) {
  if (!text) return std::nullopt;
  auto parsed = parse(*text);
  if (auto* error = std::get_if<UnitError>(&parsed)) {
    value.error(error->message);
    return std::nullopt;
  }
  return std::get<double>(parsed);
}

}  // namespace

bool valid_name(std::string_view text) {
  return !text.empty() && text.size() <= 200 && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

Value::Value(YAML::Node node, std::string path, Context& context)
    : node_(std::move(node)), path_(std::move(path)), context_(context) {
  if (context_.values_read == max_values) {
    const std::string limit = max_values_text;
    error("the scenario holds more than " + limit + " values here, counting every use of a " +
          "YAML alias (*name) in full; reliasim reads at most " + limit + " (a scenario holds " +
          "a few thousand): repeat fewer or smaller parts through aliases");
    throw TooManyErrors{};
  }
  ++context_.values_read;
}

Place Value::place() const {
  if (place_) return *place_;
  const YAML::Mark mark = node_.Mark();
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

std::string Value::describe() const {
  if (node_.IsMap()) return "a map";
  if (node_.IsSequence()) return "a list";
  if (!node_.IsScalar()) return "nothing";
  return quote(node_.Scalar());
}

void Value::error(const std::string& message) const {
  const Place where = place();
  context_.sink.error(where.line, where.column,
                      (path_.empty() ? "top level" : path_) + ": " + message);
}

void Value::expected(std::string_view what) const {
  error("must be " + std::string(what) + "; got " + describe());
}

Value Value::child(const YAML::Node& node, const std::string& suffix) const {
  // No leading dot at the top level: "services.api", not ".services.api".
  const bool top = path_.empty() && !suffix.empty() && suffix.front() == '.';
  return Value(node, top ? suffix.substr(1) : path_ + suffix, context_);
}

Value Value::entry_value(const YAML::Node& node, const Value& key,
                         const std::string& suffix) const {
  Value value = child(node, suffix);
  if (node.IsNull()) value.place_ = key.place();
  return value;
}

std::optional<std::string> Value::scalar(std::string_view what) const {
  if (node_.IsScalar()) return node_.Scalar();
  expected(what);
  return std::nullopt;
}

std::optional<std::string> Value::text() const {
  return scalar("text");
}

std::optional<std::string> Value::name() const {
  auto text = scalar("a name");
  if (text && !valid_name(*text)) {
    expected("a name of letters, digits, '_', '-' and '.' (at most 200 characters)");
    return std::nullopt;
  }
  return text;
}

std::optional<bool> Value::boolean() const {
  const auto text = scalar("true or false");
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  expected("true or false");
  return std::nullopt;
}

std::optional<double> Value::number() const {
  return unit_value(*this, scalar("a number"), parse_number);
}

std::optional<double> Value::positive_number() const {
  const auto value = number();
  if (value && *value <= 0) {
    expected("a number greater than zero");
    return std::nullopt;
  }
  return value;
}

std::optional<int> Value::integer(int min, int max) const {
  const std::string valid =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  const auto text = scalar(valid);
  if (!text) return std::nullopt;
  const auto parsed = parse_number(*text);
  const double* value = std::get_if<double>(&parsed);
  if (!value || *value != std::floor(*value) || *value < min || *value > max) {
    expected(valid);
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<double> Value::duration() const {
  return unit_value(*this, scalar("a duration such as 30s, 5m or 2h"), parse_duration);
}

std::optional<double> Value::positive_duration() const {
  const auto value = duration();
  if (value && *value <= 0) {
    expected("a duration greater than zero");
    return std::nullopt;
  }
  return value;
}

std::optional<double> Value::rate() const {
  return unit_value(*this, scalar("a rate such as 4/y"), parse_rate);
}

std::optional<double> Value::probability() const {
  return unit_value(*this, scalar("a probability such as 0.97 or 97%"), parse_probability);
}

std::optional<double> Value::positive_share() const {
  const auto share = probability();
  if (share && *share <= 0.0) {
    expected("a share above 0 and up to 1, such as 0.5 or 50%");
    return std::nullopt;
  }
  return share;
}

std::optional<Fields> Value::fields(std::initializer_list<std::string_view> allowed) const {
  std::vector<std::string> keys(allowed.begin(), allowed.end());
  if (!node_.IsMap()) {
    expected("a map with keys " + list_of(keys));
    return std::nullopt;
  }
  std::vector<std::pair<std::string, Value>> entries;
  std::vector<std::string> unknown;  // for each unknown key, the key it probably meant, or ""
  for (const auto& entry : node_) {
    Value key = child(entry.first, "");
    const auto key_text = key.scalar("a key");
    if (!key_text) continue;
    Value value = entry_value(entry.second, key, "." + *key_text);
    if (std::find(keys.begin(), keys.end(), *key_text) == keys.end()) {
      const auto hint = did_you_mean(*key_text, keys);
      key.error("unknown key " + quote(*key_text) +
                (hint ? "; did you mean '" + *hint + "'?" : "; valid keys: " + list_of(keys)));
      unknown.push_back(hint.value_or(""));
      continue;
    }
    const bool repeated = std::any_of(entries.begin(), entries.end(),
                                      [&](const auto& e) { return e.first == *key_text; });
    if (repeated) {
      key.error("key '" + *key_text + "' is given twice");
      continue;
    }
    entries.emplace_back(*key_text, std::move(value));
  }
  return Fields(*this, std::move(entries), std::move(unknown));
}

std::vector<Value> Value::items() const {
  std::vector<Value> result;
  if (!node_.IsSequence()) {
    expected("a list");
    return result;
  }
  for (std::size_t i = 0; i < node_.size(); ++i)
    result.push_back(child(node_[i], "[" + std::to_string(i) + "]"));
  return result;
}

std::vector<std::pair<Name, Value>> Value::named_entries() const {
  std::vector<std::pair<Name, Value>> result;
  if (!node_.IsMap()) {
    expected("a map from names to definitions");
    return result;
  }
  for (const auto& entry : node_) {
    Value key = child(entry.first, "");
    const auto name_text = key.name();
    if (!name_text) continue;
    result.emplace_back(Name{*name_text, key.place()},
                        entry_value(entry.second, key, "." + *name_text));
  }
  return result;
}

std::vector<Name> Value::names() const {
  std::vector<Name> result;
  for (const auto& item : items())
    if (auto text = item.name()) result.push_back({*text, item.place()});
  return result;
}

std::optional<Value> Fields::get(std::string_view key) const {
  for (const auto& [name, value] : entries_)
    if (name == key) return value;
  return std::nullopt;
}

std::optional<Value> Fields::required(std::string_view key) const {
  auto value = get(key);
  // A misspelt key has had its "did you mean" already; saying it is missing adds nothing.
  if (!value && !suggested(key)) owner_.error("missing required key '" + std::string(key) + "'");
  return value;
}

bool Fields::suggested(std::string_view key) const {
  return std::find(unknown_.begin(), unknown_.end(), key) != unknown_.end();
}

std::optional<std::string> Fields::one_of(std::initializer_list<std::string_view> keys) const {
  std::vector<std::string> present;
  for (auto key : keys)
    if (has(key)) present.emplace_back(key);
  if (present.size() == 1) return present.front();
  std::vector<std::string> all(keys.begin(), keys.end());
  if (present.empty() &&
      std::any_of(all.begin(), all.end(), [&](const auto& k) { return suggested(k); }))
    return std::nullopt;  // the misspelt key has been reported
  owner_.error(present.empty() ? "needs one of: " + list_of(all)
                               : "takes only one of " + list_of(all) + "; got " + list_of(present));
  return std::nullopt;
}

}  // namespace reliasim::scenario::reader
