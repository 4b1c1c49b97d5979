// reliasim/scenario/load.hpp, the meaning pass: references resolve, names are unique, no
// cycles, k <= n, value domains and orderings; and every error of a file is reported.
#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

using Catch::Matchers::Contains;
using test::at;
using test::Where;

TEST_CASE("undefined references name the referrer and suggest or list names", "[load][meaning]") {
  const std::string yaml = R"(scenario: refs
zones: [eu-1a, eu-1b]
defaults: {crew: oncal}
crews: {oncall: {size: 2}}
services:
  api:
    replicas: {count: 2, zones: [eu-1a, eu-1x]}
    depends_on: [dbb, {service: cache, soft: true, degrade: 0.3}]
    like: ap
    crew: nobody
    failure_modes:
      - {name: f, occurs: {rate: 1/y}, mitigate: {manual: 1h, by: opscrew}}
  db:
  group: {any_of: [db, db-standby], failover: {success: 0.9}, standby: {mode: hot}}
common_causes:
  - {name: zone, hits: {zone: eu-2}, occurs: {rate: 1/y}}
  - {name: push, hits: {services: [api, edge]}, occurs: {rate: 1/y},
     repair: {manual: 1h, by: oncal}}
maintenance:
  - {services: [dbx], every: 1mo, duration: 1h, offset: 0, excluded_from_sla: true}
journeys:
  checkout: [api, paymnts]
slos:
  - {journey: checkot, target: 99.9%}
  - {service: zzz, target: 99.9%}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 15);
  CHECK_ERROR(errors, at(yaml, "oncal"),
              "defaults names unknown crew 'oncal'; did you mean 'oncall'?");
  CHECK_ERROR(errors, at(yaml, "eu-1x"),
              "service 'api' names unknown zone 'eu-1x'; did you mean 'eu-1a'?");
  CHECK_ERROR(errors, at(yaml, "dbb"),
              "service 'api' names unknown service 'dbb'; did you mean 'db'?");
  CHECK_ERROR(errors, at(yaml, "cache"),
              "service 'api' names unknown service 'cache'; defined: api, db, group");
  CHECK_ERROR(errors, at(yaml, "ap\n"),
              "service 'api' (like) names unknown service 'ap'; did you mean 'api'?");
  CHECK_ERROR(errors, at(yaml, "nobody"),
              "service 'api' names unknown crew 'nobody'; defined: oncall");
  CHECK_ERROR(errors, at(yaml, "opscrew"), "failure mode 'f' names unknown crew 'opscrew'");
  CHECK_ERROR(
      errors, at(yaml, "db-standby"),
      "service 'group' (any_of) names unknown service 'db-standby'; defined: api, db, group");
  CHECK_ERROR(errors, at(yaml, "eu-2"), "common cause 'zone' names unknown zone 'eu-2'");
  CHECK_ERROR(errors, at(yaml, "edge"), "common cause 'push' names unknown service 'edge'");
  CHECK_ERROR(errors, at(yaml, "oncal}", 2),
              "common cause 'push' names unknown crew 'oncal'; did you mean 'oncall'?");
  CHECK_ERROR(errors, at(yaml, "dbx"),
              "maintenance names unknown service 'dbx'; did you mean 'db'?");
  CHECK_ERROR(errors, at(yaml, "paymnts"), "journey 'checkout' names unknown service 'paymnts'");
  CHECK_ERROR(errors, at(yaml, "checkot"),
              "SLO at line 24 names unknown journey 'checkot'; did you mean 'checkout'?");
  CHECK_ERROR(errors, at(yaml, "zzz"), "SLO at line 25 names unknown service 'zzz'");
}

TEST_CASE("names defined twice point back to the first definition", "[load][meaning]") {
  const std::string yaml = R"(scenario: dups
zones: [a, b, a]
crews: {ops: {size: 1}, ops: {size: 2}}
services:
  api:
    failure_modes:
      - {name: crash, occurs: {rate: 1/y}}
      - {name: crash, occurs: {rate: 2/y}}
  api: {}
journeys: {j: [api], j: [api]}
common_causes:
  - {name: cc, hits: {services: [api]}, occurs: {rate: 1/y}}
  - {name: cc, hits: {services: [api]}, occurs: {rate: 1/y}}
slos:
  - {name: s, service: api, target: 99%}
  - {name: s, service: api, target: 99%}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 7);
  const std::string fix = "; give each a different name";
  CHECK_ERROR(errors, Where(2, 15), "zone 'a' is defined twice (first at line 2, column 9)" + fix);
  CHECK_ERROR(errors, at(yaml, "ops", 2),
              "crew 'ops' is defined twice (first at line 3, column 9)" + fix);
  CHECK_ERROR(
      errors, at(yaml, "crash", 2),
      "failure mode 'crash' of service 'api' is defined twice (first at line 7, column 16)" + fix);
  CHECK_ERROR(errors, Where(9, 3),
              "service 'api' is defined twice (first at line 5, column 3)" + fix);
  CHECK_ERROR(errors, at(yaml, "j:", 2),
              "journey 'j' is defined twice (first at line 10, column 12)");
  CHECK_ERROR(errors, at(yaml, "cc,", 2), "common cause 'cc' is defined twice (first at line 12");
  CHECK_ERROR(errors, at(yaml, "s, service", 2), "SLO 's' is defined twice (first at line 15");
}

TEST_CASE("dependency cycles are printed as their path", "[load][meaning]") {
  const std::string yaml = R"(scenario: cycle
services:
  web: {depends_on: [api]}
  api: {depends_on: [db]}
  db: {depends_on: [{service: web, soft: true, degrade: 0.1}]}
)";
  CHECK_ONLY_ERROR(yaml, Where(3, 3),
                   "dependency cycle: web -> api -> db -> web; a service cannot need itself, "
                   "directly or not");

  const std::string group = R"(scenario: group-cycle
services:
  db: {any_of: [db-a, db-b], failover: {success: 1}, standby: {mode: hot}}
  db-a: {depends_on: [db]}
  db-b:
)";
  CHECK_ONLY_ERROR(group, Where(3, 3), "dependency cycle: db -> db-a -> db");

  const std::string self = "scenario: self\nservices:\n  api: {depends_on: [api]}\n";
  CHECK_ONLY_ERROR(self, at(self, "api]"),
                   "service 'api' depends on itself; a service depends on other services");
}

TEST_CASE("like chains must not loop", "[load][meaning]") {
  const std::string yaml = R"(scenario: like
services:
  a: {like: b}
  b: {like: a}
  c: {like: c}
  d: {like: a}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 2);
  CHECK_ERROR(errors, at(yaml, "b}"),
              "'like' cycle: a -> b -> a; a service copies failure modes from one that does not "
              "copy back");
  CHECK_ERROR(errors, at(yaml, "c}"), "'like' cycle: c -> c");
}

TEST_CASE("min_healthy cannot exceed the replica count (k > n)", "[load][meaning]") {
  const std::string yaml =
      "scenario: kn\nservices:\n  api: {replicas: {count: 2, min_healthy: 3}}\n";
  CHECK_ONLY_ERROR(
      yaml, at(yaml, "3}"),
      "service 'api': min_healthy 3 is more than its 2 replicas (k > n); valid: 1 to 2");
}

TEST_CASE("probabilities and fractions outside [0, 1] are refused", "[load][meaning]") {
  const std::string yaml = R"(scenario: p
services:
  api:
    depends_on: [{service: db, soft: true, degrade: 1.5}]
    deploys: 10/w
    failure_modes:
      - {name: a, occurs: {per_deploy: 150%}}
      - {name: b, occurs: {rate: 1/y}, detect: {canary: {probability: -0.1, delay: 1m}}}
      - {name: c, occurs: {rate: 1/y}, impact: {degrade: 2}}
  db:
  group:
    any_of: [api, db]
    failover: {success: 101%}
    standby: {mode: warm, dormant_failure_factor: 3}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 6);
  const std::string range =
      "is outside [0, 1]; write a number from 0 to 1 or a percentage up to 100%";
  CHECK_ERROR(errors, at(yaml, "1.5"),
              "services.api.depends_on[0].degrade: probability '1.5' " + range);
  CHECK_ERROR(errors, at(yaml, "150%"),
              "failure_modes[0].occurs.per_deploy: probability '150%' " + range);
  CHECK_ERROR(errors, at(yaml, "-0.1"), "detect.canary.probability: probability '-0.1' " + range);
  CHECK_ERROR(errors, at(yaml, "2}}"), "failure_modes[2].impact.degrade: probability '2' " + range);
  CHECK_ERROR(errors, at(yaml, "101%"),
              "services.group.failover.success: probability '101%' " + range);
  CHECK_ERROR(errors, at(yaml, "3}"),
              "services.group.standby.dormant_failure_factor: probability '3' " + range);
}

TEST_CASE("non-positive and non-finite rates and durations are refused", "[load][meaning]") {
  const std::string yaml = R"(scenario: r
horizon: -1y
windows: 0d-rolling
services:
  api:
    failure_modes:
      - {name: a, occurs: {rate: 0/y}}
      - {name: b, occurs: {rate: .inf/y}}
      - {name: c, occurs: {mtbf: 0s}}
      - {name: d, occurs: {exponential: {mean: .nan}}}
      - {name: e, occurs: {fixed: 0}}
      - {name: f, occurs: {rate: 1/s}}
maintenance:
  - {services: [api], every: 0s, duration: 1h, offset: 0, excluded_from_sla: true}
  - {services: [api], every: 1h, duration: 2h, offset: 0, excluded_from_sla: true}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 10);
  CHECK_ERROR(errors, Where(2, 10), "horizon: duration '-1y' is negative");
  CHECK_ERROR(errors, Where(3, 10), "windows: must be calendar-month, a fixed length such as 30d");
  CHECK_ERROR(errors, at(yaml, "0/y"), "occurs.rate: rate '0/y' is not greater than zero");
  CHECK_ERROR(errors, at(yaml, ".inf/y"), "occurs.rate: '.inf/y' is not a rate");
  CHECK_ERROR(errors, at(yaml, "0s}"),
              "occurs.mtbf: must be a duration greater than zero; got '0s'");
  CHECK_ERROR(errors, at(yaml, ".nan"), "occurs.exponential.mean: '.nan' is not a duration");
  CHECK_ERROR(errors, at(yaml, "{fixed: 0}"),
              "failure mode 'e' has a mean time to failure of zero; give it a longer one, such as "
              "{mtbf: 90d}");
  CHECK_ERROR(errors, at(yaml, "{rate: 1/s}"),
              "failure mode 'f' would fail about 3.15e+07 times per horizon (mean time to failure "
              "1s); at most 1,000,000 are simulated: check the unit (4/y, not 4/s)");
  CHECK_ERROR(errors, at(yaml, "0s,"),
              "maintenance[0].every: must be a duration greater than zero");
  CHECK_ERROR(errors, at(yaml, "{services: [api], every: 1h"),
              "maintenance lasts 2h but repeats every 1h; it must be shorter than its period");
}

TEST_CASE("journeys name at least one service", "[load][meaning]") {
  const std::string yaml =
      "scenario: j\nservices: {api: }\njourneys:\n  empty: []\n  also: {services: []}\n";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 2);
  CHECK_ERROR(errors, Where(4, 3),
              "journey 'empty' names no service; list the services it passes through");
  CHECK_ERROR(errors, Where(5, 3), "journey 'also' names no service");
}

TEST_CASE("third parties and failover groups follow their rules", "[load][meaning]") {
  const std::string yaml = R"(scenario: kinds
zones: [a]
services:
  vendor: {external: true, replicas: 3}
  lonely: {failover: {success: 0.9}, standby: {mode: hot}}
  db:
    any_of: [vendor, lonely]
    replicas: 2
    failure_modes: [{name: f, occurs: {rate: 1/y}}]
  half: {any_of: [db]}
  none: {any_of: [], failover: {success: 1}, standby: {mode: cold}}
  api:
    depends_on: [{service: db, soft: true}]
    failure_modes: [{name: deploy, occurs: {per_deploy: 5%}}]
common_causes:
  - {name: zone, hits: {zone: any}, occurs: {rate: 1/y}}
)";
  const auto errors = test::errors_of(yaml);
  CHECK_ERROR_COUNT(errors, 13);
  CHECK_ERROR(errors, at(yaml, "3}"),
              "services.vendor.replicas: an external service has no replicas (it is a third "
              "party you cannot look inside); remove 'replicas'");
  CHECK_ERROR(errors, at(yaml, "{success"),
              "services.lonely.failover: 'failover' applies to failover groups only; add "
              "'any_of: [member, ...]' or remove it");
  CHECK_ERROR(errors, at(yaml, "{mode: hot}"),
              "services.lonely.standby: 'standby' applies to failover groups only");
  CHECK_ERROR(errors, Where(8, 15),
              "services.db.replicas: a failover group (any_of) has no replicas of its own; give "
              "them to its members");
  CHECK_ERROR(errors, Where(9, 20),
              "services.db.failure_modes: a failover group (any_of) has no failure modes of its "
              "own; give them to its members");
  CHECK_ERROR(errors, Where(7, 5), "services.db: a failover group (any_of) needs 'failover'");
  CHECK_ERROR(errors, Where(7, 5), "services.db: a failover group (any_of) needs 'standby'");
  CHECK_ERROR(errors, at(yaml, "db]"),
              "service 'half': a failover group (any_of) needs at least two members");
  CHECK_ERROR(
      errors, at(yaml, "[]"),
      "services.none.any_of: a failover group (any_of) needs at least two members; got none");
  CHECK_ERROR(errors, at(yaml, "{service: db, soft: true}"),
              "services.api.depends_on[0]: a soft dependency needs 'degrade': the fraction of "
              "requests that fail while it is down, such as 0.3");
  CHECK_ERROR(errors, at(yaml, "{per_deploy"),
              "failure mode 'deploy' fails per deploy but no deploy rate is given; add 'deploys: "
              "10/w' to the failure mode or its service");
  CHECK_ERROR(errors, Where(10, 9), "services.half: a failover group (any_of) needs 'failover'");
  CHECK_ERROR(errors, Where(10, 9), "services.half: a failover group (any_of) needs 'standby'");
}

TEST_CASE("a common cause on any zone needs zones", "[load][meaning]") {
  const std::string yaml = R"(scenario: zones
services: {api: }
common_causes:
  - {name: zone-outage, hits: {zone: any}, occurs: {rate: 1/y}}
)";
  CHECK_ONLY_ERROR(yaml, at(yaml, "{zone: any}"),
                   "common cause 'zone-outage' hits any zone, but the scenario defines no 'zones'");
}

TEST_CASE("every error of a file is reported, sorted by line", "[load][meaning]") {
  const std::string yaml = R"(scenario: many
zones: [a]
services:
  web: {depends_on: [api], replicas: {count: 1, min_healthy: 2}}
  api: {depends_on: [web, ghost], crew: nobody}
  db: {replicas: {count: 2, zones: [b]}}
journeys:
  empty: []
slos:
  - {service: db, target: 0%}
)";
  const auto errors = test::errors_of(yaml);
  const std::vector<std::string> expected{
      "dependency cycle: web -> api -> web",
      "service 'web': min_healthy 2 is more than its 1 replica (k > n); valid: 1 to 1",
      "service 'api' names unknown service 'ghost'",
      "service 'api' names unknown crew 'nobody'; no crew is defined",
      "service 'db' names unknown zone 'b'; defined: a",  // no "did you mean 'a'" for 'b'
      "journey 'empty' names no service",
      "SLO at line 10: target 0% is not above 0%; write a target such as 99.9%",
  };
  INFO(test::listing(errors));
  REQUIRE(errors.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK_THAT(errors[i].message, Contains(expected[i]));
    if (i > 0)
      CHECK(std::tie(errors[i - 1].line, errors[i - 1].column) <
            std::tie(errors[i].line, errors[i].column));
  }
  CHECK(errors.front().line == 4);
  CHECK(errors.back().line == 10);
}

}  // namespace
}  // namespace reliasim::scenario
