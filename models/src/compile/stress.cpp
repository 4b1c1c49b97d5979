// Stress tests' scripted incidents: the failure they name, the targets they may hit and the
// stretch of time they start in, in the model's indices and seconds.
#include "reliasim/scenario/stress.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "../incidents/timestamps.hpp"
#include "compiler.hpp"
#include "reliasim/random/stream.hpp"
#include "reliasim/scenario/suggest.hpp"
#include "reliasim/scenario/units.hpp"

namespace reliasim::scenario {
namespace {

using Problem = InjectionProblem;
using Part = InjectionProblem::Part;

std::string failure_label(const FailureModeInfo& mode) {
  return mode.common_cause ? mode.name : mode.service + "/" + mode.name;
}

std::variant<Index, Problem> find_failure(const CompiledModel& model, const std::string& failure) {
  std::vector<std::string> labels;
  for (std::size_t m = 0; m < model.failure_modes.size(); ++m) {
    labels.push_back(failure_label(model.failure_modes[m]));
    if (labels.back() == failure) return static_cast<Index>(m);
  }
  std::string message = "names no failure mode or common cause of the scenario; ";
  const bool is_service = std::any_of(model.services.begin(), model.services.end(),
                                      [&](const ServiceSpec& s) { return s.name == failure; });
  if (const auto hint = did_you_mean(failure, labels))
    message += "did you mean '" + *hint + "'?";
  else if (is_service)
    message += "a service's failure mode is named 'service/mode', e.g. '" + failure + "/...'";
  else if (labels.empty())
    message += "it has none";
  else
    for (std::size_t i = 0; i < labels.size() && i < 8; ++i)
      message += (i ? ", " : "valid: ") + labels[i] + (i == 7 && labels.size() > 8 ? ", ..." : "");
  return Problem{Part::failure, message};
}

// Every (source, alternative) the failure's incidents may hit, and how a `target` names each.
struct Choices {
  std::vector<InjectionTarget> targets;
  std::vector<std::string> names;  // empty when the failure hits one fixed set of targets
};

Choices choices_of(const CompiledModel& model, Index mode) {
  Choices out;
  std::vector<Index> sources;
  for (std::size_t s = 0; s < model.sources.size(); ++s)
    if (model.sources[s].failure_mode == mode) sources.push_back(static_cast<Index>(s));
  for (std::size_t k = 0; k < sources.size(); ++k) {
    const FailureSourceSpec& source = model.sources[static_cast<std::size_t>(sources[k])];
    const auto alternatives = static_cast<Index>(source.alternatives.size());
    for (Index a = 0; a < alternatives; ++a) {
      out.targets.push_back({sources[k], a});
      // A `zone: any` cause has one alternative per zone, in the zones' order; a replica-scope
      // mode one source per replica.
      if (alternatives > 1) out.names.push_back(model.zones[static_cast<std::size_t>(a)]);
      if (sources.size() > 1) out.names.push_back("replica-" + std::to_string(k + 1));
    }
  }
  return out;
}

std::variant<std::vector<InjectionTarget>, Problem> pick_targets(const CompiledModel& model,
                                                                 Index mode,
                                                                 const std::string& target) {
  Choices choices = choices_of(model, mode);
  if (target.empty()) return choices.targets;
  const std::string failure = failure_label(model.failure_modes[static_cast<std::size_t>(mode)]);
  if (choices.names.size() != choices.targets.size())
    return Problem{Part::target, "does not apply: '" + failure +
                                     "' always hits the same targets (a target picks a "
                                     "replica of a replica-scope mode, or a zone of a "
                                     "`zone: any` cause)"};
  for (std::size_t i = 0; i < choices.names.size(); ++i)
    if (choices.names[i] == target) return std::vector<InjectionTarget>{choices.targets[i]};
  std::string valid;
  for (const auto& name : choices.names) valid += (valid.empty() ? "" : ", ") + name;
  const auto hint = did_you_mean(target, choices.names);
  return Problem{Part::target, "is not one of the targets '" + failure + "' may hit; " +
                                   (hint ? "did you mean '" + *hint + "'? " : "") +
                                   "valid: " + valid};
}

bool shaped(const std::string& text, const char* pattern) {
  if (text.size() != std::char_traits<char>::length(pattern)) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (pattern[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(text[i]))
                          : text[i] != pattern[i])
      return false;
  return true;
}

// [earliest, latest] in epoch seconds: a month or a day spans itself, a date-time is fixed.
std::variant<std::pair<double, double>, Problem> read_time(const std::string& text) {
  const incidents::TimeFormat utc;
  const bool month = shaped(text, "dddd-dd");
  const bool day = shaped(text, "dddd-dd-dd");
  const bool date_time = text.size() > 10 && shaped(text.substr(0, 10), "dddd-dd-dd") &&
                         (text[10] == 'T' || text[10] == ' ');
  const auto parsed = incidents::parse_time(month ? text + "-01" : text, utc);
  if (!(month || day || date_time) || !std::holds_alternative<double>(parsed))
    return Problem{Part::at,
                   "is not a time; write a date-time such as 2027-02-10T08:00Z "
                   "(UTC unless an offset is given), a day such as 2027-02-10 or a "
                   "month such as 2027-02 (a random time within either)"};
  const double t = std::get<double>(parsed);
  if (month) return std::pair{t, incidents::month_start(t, 1, 0.0)};
  if (day) return std::pair{t, t + seconds_per_day};
  return std::pair{t, t};
}

std::string horizon_text(const CompiledModel& model) {
  char start[16];
  std::snprintf(start, sizeof start, "%04d-%02d", model.start_year, model.start_month);
  return std::string("the horizon is ") + start + " plus " + format_duration(model.horizon);
}

}  // namespace

std::string problem_text(const InjectionProblem& problem, const InjectionText& text,
                         const std::string& target_key) {
  switch (problem.part) {
    case Part::failure: return "failure " + quote(text.failure) + " " + problem.message;
    case Part::target: return target_key + " " + quote(text.target) + " " + problem.message;
    case Part::at: return "at " + quote(text.at) + " " + problem.message;
  }
  return problem.message;
}

std::variant<InjectionSpec, InjectionProblem> resolve_injection(const CompiledModel& model,
                                                                const InjectionText& text,
                                                                std::uint64_t stream_key) {
  const auto mode = find_failure(model, text.failure);
  if (const auto* problem = std::get_if<Problem>(&mode)) return *problem;
  auto targets = pick_targets(model, std::get<Index>(mode), text.target);
  if (const auto* problem = std::get_if<Problem>(&targets)) return *problem;
  if (std::get<std::vector<InjectionTarget>>(targets).empty())
    return Problem{Part::failure, "hits nothing in this scenario (no replica in any zone)"};
  const auto time = read_time(text.at);
  if (const auto* problem = std::get_if<Problem>(&time)) return *problem;
  char first_month[16];
  std::snprintf(first_month, sizeof first_month, "%04d-%02d-01", model.start_year,
                model.start_month);
  const double start = std::get<double>(incidents::parse_time(first_month, {}));
  const auto [from, to] = std::get<std::pair<double, double>>(time);
  if (from < start || to - start > model.horizon || from - start >= model.horizon)
    return Problem{Part::at, "is not within the horizon; " + horizon_text(model)};
  InjectionSpec spec;
  spec.label = text.failure + (text.target.empty() ? "" : " on " + text.target) + " at " + text.at +
               " for " + format_duration(text.duration);
  spec.targets = std::move(std::get<std::vector<InjectionTarget>>(targets));
  spec.earliest = from - start;
  spec.latest = to - start;
  spec.duration = text.duration;
  spec.stream_key = stream_key;
  return spec;
}

std::variant<InjectionSpec, std::string> parse_injection(const CompiledModel& model,
                                                         std::string_view text,
                                                         InjectionKeys& keys) {
  const std::string form =
      "; write FAILURE at TIME for DURATION [on TARGET], e.g. 'zone-outage at 2027-02 for 6h'";
  std::istringstream words{std::string(text)};
  InjectionText injection;
  std::string duration;
  words >> injection.failure;
  for (std::string keyword, value; words >> keyword;) {
    std::string* into = keyword == "at"    ? &injection.at
                        : keyword == "for" ? &duration
                        : keyword == "on"  ? &injection.target
                                           : nullptr;
    if (!into) return "unexpected " + quote(keyword) + form;
    if (!(words >> value)) return quote(keyword) + " needs a value" + form;
    if (!into->empty()) return quote(keyword) + " is given twice" + form;
    *into = value;
  }
  if (injection.failure.empty() || injection.at.empty() || duration.empty())
    return "a failure, a time and a duration are needed" + form;
  const auto seconds = parse_duration(duration);
  if (const auto* error = std::get_if<UnitError>(&seconds)) return "for: " + error->message;
  injection.duration = std::get<double>(seconds);
  if (!(injection.duration > 0.0)) return "for: the duration must be more than 0" + form;
  auto resolved = resolve_injection(model, injection, keys.next(injection));
  if (auto* problem = std::get_if<InjectionProblem>(&resolved)) {
    return problem_text(*problem, injection, "on") + form;
  }
  return std::get<InjectionSpec>(std::move(resolved));
}

std::variant<std::vector<StressTestSpec>, StressRequestError> choose_stress_tests(
    const CompiledModel& model, const std::vector<std::string>& names,
    const std::vector<std::string>& inject, const std::string& injected_name) {
  using Refused = StressRequestError::Part;
  std::vector<std::string> known;
  for (const auto& test : model.stress_tests) known.push_back(test.name);
  std::vector<StressTestSpec> tests;
  for (const std::string& name : names) {
    const auto found = std::find(known.begin(), known.end(), name);
    if (found != known.end()) {
      tests.push_back(model.stress_tests[static_cast<std::size_t>(found - known.begin())]);
      continue;
    }
    const auto hint = did_you_mean(name, known);
    std::string valid;
    for (const auto& n : known) valid += (valid.empty() ? "" : ", ") + n;
    return StressRequestError{
        Refused::test, quote(name) + " is not a stress test of the scenario; " +
                           (hint ? "did you mean '" + *hint + "'? " : std::string()) +
                           (known.empty() ? std::string("it has none") : "its tests: " + valid)};
  }
  if (names.empty() && inject.empty()) tests = model.stress_tests;
  if (!inject.empty()) {
    StressTestSpec injected{injected_name, "the incidents given with the request", {}};
    InjectionKeys keys;
    for (const std::string& text : inject) {
      auto parsed = parse_injection(model, text, keys);
      if (const auto* problem = std::get_if<std::string>(&parsed))
        return StressRequestError{Refused::inject, quote(text) + ": " + *problem};
      injected.injections.push_back(std::get<InjectionSpec>(std::move(parsed)));
    }
    tests.push_back(std::move(injected));
  }
  if (tests.empty())
    return StressRequestError{Refused::none,
                              "has no stress tests; add a `stress:` section (docs/stress.md) or "
                              "give incidents to inject as 'FAILURE at TIME for DURATION'"};
  return tests;
}

std::uint64_t InjectionKeys::next(const InjectionText& text) {
  std::string key = "inject/" + text.failure + "/" + text.target + "/" + text.at;
  const auto repeats = std::count(seen_.begin(), seen_.end(), key);
  seen_.push_back(key);
  return stable_hash(key + "#" + std::to_string(repeats));
}

}  // namespace reliasim::scenario

namespace reliasim::scenario::compiler {

std::vector<StressTestSpec> resolve_stress_tests(const Scenario& scenario,
                                                 const CompiledModel& model,
                                                 const ReportAt& report) {
  std::vector<StressTestSpec> tests;
  for (const StressTest& test : scenario.stress_tests) {
    StressTestSpec spec{test.name.value, test.description, {}};
    InjectionKeys keys;
    for (const Injection& injection : test.inject) {
      const InjectionText text{injection.failure.value,
                               injection.target ? injection.target->value : "", injection.at.value,
                               injection.duration.value};
      auto resolved = resolve_injection(model, text, keys.next(text));
      if (auto* spec_of = std::get_if<InjectionSpec>(&resolved)) {
        spec.injections.push_back(std::move(*spec_of));
        continue;
      }
      const auto& problem = std::get<InjectionProblem>(resolved);
      const Place place = problem.part == InjectionProblem::Part::failure ? injection.failure.place
                          : problem.part == InjectionProblem::Part::at    ? injection.at.place
                                                                          : injection.target->place;
      report(place,
             "stress test '" + test.name.value + "': " + problem_text(problem, text, "target"));
    }
    tests.push_back(std::move(spec));
  }
  return tests;
}

}  // namespace reliasim::scenario::compiler
