// Small files that ask for huge work are refused at validation, naming what asks for most:
// fan-out through replicas and `like`, failure rates, maintenance frequency. Work that is
// legitimately large (long `like` chains) compiles in time linear in what it yields.
#include "load_helpers.hpp"
#include "reliasim/scenario/compile.hpp"

namespace reliasim::scenario {
namespace {

TEST_CASE("replicas multiply a failure rate into the per-trial budget", "[load][budget]") {
  // Each replica's source fails 999,999 times a year, under the per-source limit; 10,000 of
  // them would be 10^10 occurrences a trial.
  const std::string text =
      "scenario: fan-out\nservices:\n  api:\n    replicas: 10000\n    failure_modes:\n"
      "      - {name: flap, scope: replica, occurs: {rate: 999999/y}, repair: {self_heal: 1s}}\n";
  CHECK_ONLY_ERROR(text, test::at(text, "api"),
                   "expected to fail about 9,999,990,000 times per horizon, all sources "
                   "together; service 'api' alone about 9,999,990,000");
  // Ten replicas of the same are within it.
  std::string fewer = text;
  fewer.replace(fewer.find("10000"), 5, "10");
  CHECK(test::load_ok(fewer).services.front().replicas.count.value == 10);
}

// A chain of `count` services, each `like` the one before; with `own_modes`, each names a
// failure mode of its own, so service i has i + 1 modes.
std::string like_chain(int count, bool own_modes) {
  std::string text = "scenario: chain\nservices:\n";
  for (int i = 0; i < count; ++i) {
    text += "  s" + std::to_string(i) + ":\n";
    if (i > 0) text += "    like: s" + std::to_string(i - 1) + "\n";
    if (i == 0 || own_modes)
      text += "    failure_modes: [{name: m" + std::to_string(i) + ", occurs: {rate: 1/y}}]\n";
  }
  return text;
}

TEST_CASE("a long like chain compiles in time linear in the sources it yields", "[load][budget]") {
  // 10,000 services each copying one mode: 10,000 sources (this took minutes when each service
  // walked its chain with a search at every step).
  const CompiledModel model = test::compile_ok(like_chain(10'000, false));
  REQUIRE(model.sources.size() == 10'000);
  CHECK(model.failure_modes.back().name == "m0");
  CHECK(model.failure_modes.back().service == "s9999");
}

TEST_CASE("a like chain that multiplies sources is refused with its largest service",
          "[load][budget]") {
  // Service i copies i modes and adds one: 2,000 x 2,001 / 2 = 2,001,000 sources.
  const std::string text = like_chain(2'000, true);
  CHECK_ONLY_ERROR(text, test::at(text, "s1999:"),
                   "expands to 2,001,000 failure sources (one per replica for replica-scope "
                   "modes, copies through 'like'); service 's1999' alone has 2,000");
}

TEST_CASE("a name copied through like is counted once, the nearest winning", "[load][budget]") {
  // b overrides a's `flap` with a rare one and c copies b: c has b's `flap` only.
  const std::string text =
      "scenario: shadow\nservices:\n"
      "  a: {replicas: 100, failure_modes: [{name: flap, scope: replica, occurs: {rate: "
      "999999/y}}]}\n"
      "  b: {like: a, failure_modes: [{name: flap, occurs: {rate: 1/y}}]}\n"
      "  c: {like: b, replicas: 100}\n";
  // a alone is 99,999,900 a year: refused; b and c add one each. Were c counted with a's flap
  // too, it would add another 99,999,900.
  CHECK_ONLY_ERROR(text, test::at(text, "a:"),
                   "expected to fail about 99,999,902 times per horizon, all sources together");
  const CompiledModel model = test::compile_ok(
      "scenario: shadow\nservices:\n"
      "  a: {replicas: 2, failure_modes: [{name: flap, scope: replica, occurs: {rate: 4/y}}]}\n"
      "  b: {like: a, failure_modes: [{name: flap, occurs: {rate: 1/y}}]}\n"
      "  c: {like: b, replicas: 3}\n");
  // a: 2 replica sources; b: its own service-scope flap; c: b's flap, one source.
  CHECK(model.sources.size() == 4);
}

TEST_CASE("maintenance more often than a million times a horizon is refused", "[load][budget]") {
  const std::string text =
      "scenario: m\nservices: {api: }\n"
      "maintenance: [{services: [api], every: 1s, duration: 0.5s, offset: 0, "
      "excluded_from_sla: true}]\n";
  CHECK_ONLY_ERROR(text, test::at(text, "{services"), "windows per horizon; at most 1,000,000");
}

}  // namespace
}  // namespace reliasim::scenario
