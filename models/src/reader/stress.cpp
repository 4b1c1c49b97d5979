// The `stress:` section: named tests, each a list of scripted incidents (docs/stress.md). Names
// and times are resolved against the compiled model once the scenario is valid (stress.hpp).
#include <string>

#include "sections.hpp"

namespace reliasim::scenario::reader {
namespace {

// Far more than a test of a bad day needs; each injected incident is an event per trial.
constexpr std::size_t max_injections = 1000;

// "service/mode" or a common cause: names joined by at most one '/'.
std::optional<Name> read_failure(const Value& value) {
  const auto text = value.text();
  if (!text) return std::nullopt;
  const std::string_view whole(*text);
  const auto slash = whole.find('/');
  if (!valid_name(whole.substr(0, slash)) ||
      (slash != std::string_view::npos && !valid_name(whole.substr(slash + 1)))) {
    value.expected("a failure mode as 'service/mode', or a common cause's name");
    return std::nullopt;
  }
  return Name{*text, value.place()};
}

std::optional<Injection> read_injection(const Value& value) {
  auto f = value.fields({"failure", "at", "duration", "target"});
  if (!f) return std::nullopt;
  const auto failure = f->required("failure");
  const auto at = f->required("at");
  const auto duration = f->required("duration");
  const auto target = f->get("target");
  // Each part is read (and reported) whatever the others hold.
  const auto failure_name = failure ? read_failure(*failure) : std::nullopt;
  const auto at_text = at ? at->text() : std::nullopt;
  const auto seconds = duration ? duration->positive_duration() : std::nullopt;
  const auto target_name = target ? target->name() : std::nullopt;
  if (!failure_name || !at_text || !seconds || (target && !target_name)) return std::nullopt;
  Injection injection;
  injection.place = value.place();
  injection.failure = *failure_name;
  injection.at = {*at_text, at->place()};
  injection.duration = {*seconds, duration->place()};
  if (target_name) injection.target = Name{*target_name, target->place()};
  return injection;
}

}  // namespace

std::optional<StressTest> read_stress_test(const Name& name, const Value& value) {
  auto f = value.fields({"description", "inject"});
  if (!f) return std::nullopt;
  StressTest test;
  test.name = name;
  if (auto v = f->get("description")) test.description = v->text().value_or("");
  const auto inject = f->required("inject");
  if (!inject) return std::nullopt;
  const auto items = inject->items();
  if (inject->is_list() && items.empty()) inject->expected("at least one incident to inject");
  if (items.size() > max_injections) {
    inject->expected("at most " + std::to_string(max_injections) + " incidents");
    return std::nullopt;
  }
  for (const auto& item : items)
    if (auto injection = read_injection(item)) test.inject.push_back(std::move(*injection));
  return test;
}

}  // namespace reliasim::scenario::reader
