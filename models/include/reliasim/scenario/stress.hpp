#pragma once
// Resolving a stress test's scripted incidents (docs/stress.md) against a compiled model: the
// failure they name, the target they hit and the time they start. The loader uses it for the
// scenario's `stress:` section, the CLI for `--inject`.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "reliasim/model/compiled_model.hpp"

namespace reliasim::scenario {

// An injected incident as written.
struct InjectionText {
  std::string failure;  // "service/mode" or a common cause
  std::string target;   // a replica ("replica-2") or a zone; empty: any of those it may hit
  std::string at;       // a date-time; a day or a month: a random time within it
  double duration = 0.0;
};

// What is wrong, and with which part.
struct InjectionProblem {
  enum class Part { failure, target, at } part = Part::failure;
  std::string message;  // what follows the part and its value: "is not a time; write ..."
};

// The problem as a sentence: "at '2027-13' is not a time; ...", the target called `target_key`.
[[nodiscard]] std::string problem_text(const InjectionProblem& problem, const InjectionText& text,
                                       const std::string& target_key);

// The incident in the model's terms, drawing from the stream `stream_key`.
[[nodiscard]] std::variant<InjectionSpec, InjectionProblem> resolve_injection(
    const CompiledModel& model, const InjectionText& text, std::uint64_t stream_key);

// Stream keys for a test's incidents: the same incident (failure, target, time) draws the same
// numbers in every test that has it; a repeated one draws its own.
class InjectionKeys {
 public:
  [[nodiscard]] std::uint64_t next(const InjectionText& text);

 private:
  std::vector<std::string> seen_;
};

// The CLI's form, "FAILURE at TIME for DURATION [on TARGET]" (TIME without spaces), resolved
// with its stream from `keys` (those of the test it joins); or what is wrong.
[[nodiscard]] std::variant<InjectionSpec, std::string> parse_injection(const CompiledModel& model,
                                                                       std::string_view text,
                                                                       InjectionKeys& keys);

// What a request for stress tests got wrong: an unknown test name, an incident that does not
// parse or resolve, or nothing to run.
struct StressRequestError {
  enum class Part { test, inject, none } part = Part::none;
  std::string message;  // "'x' is not a stress test of the scenario; its tests: a, b"
};

// The tests a run asks for: those `names` names (every test of the model when none is named and
// nothing is injected), then the `inject` incidents (the CLI's form) as one more test called
// `injected_name` (a name no scenario test can have: "(--inject)").
[[nodiscard]] std::variant<std::vector<StressTestSpec>, StressRequestError> choose_stress_tests(
    const CompiledModel& model, const std::vector<std::string>& names,
    const std::vector<std::string>& inject, const std::string& injected_name);

}  // namespace reliasim::scenario
