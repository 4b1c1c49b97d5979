// A scenario reads only files under its own folder (symbolic links resolved), unless trusted;
// messages never quote a file's content beyond the offending cell; files named through many
// aliases are read once and keep a bounded number of samples.
#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

// Exactly one diagnostic, whose message contains `fragment`.
#define CHECK_ONLY_ERROR_IN(diagnostics, fragment)      \
  do {                                                  \
    const auto errors_ = (diagnostics);                 \
    INFO(::reliasim::test::listing(errors_));           \
    REQUIRE(errors_.size() == 1);                       \
    CHECK_THAT(errors_[0].message, Contains(fragment)); \
  } while (false)

// A scenario whose repair time is drawn from `csv` (as written in the file).
std::string repairs_from(const std::string& csv, const std::string& extra = "") {
  return "scenario: s\nservices:\n  api:\n    failure_modes:\n"
         "      - {name: a, occurs: {rate: 1/y}, repair: {manual: {empirical: {csv: " +
         csv + extra + "}}}}\n";
}

// A folder with a team's scenario folder in it and a secret file beside that folder.
struct Tree {
  test::TempDir dir;
  fs::path team = dir.path() / "team";
  Tree() {
    fs::create_directories(team / "data");
    dir.write("secret.csv", "root:x:0:0:secret\n5m\n");
    dir.write("team/data/ttr.csv", "ttr\n5m\n1h\n");
  }
  [[nodiscard]] std::vector<Diagnostic> errors(const std::string& text) const {
    return test::errors_of(text, team);
  }
};

TEST_CASE("a file under the scenario's folder is read", "[load][files]") {
  const Tree tree;
  const Scenario s = test::load_ok(repairs_from("data/ttr.csv"), tree.team);
  REQUIRE(s.services[0].failure_modes[0].lifecycle.repair.has_value());
  CHECK(s.services[0].failure_modes[0].lifecycle.repair->duration.samples ==
        std::vector<double>{300, 3600});
}

TEST_CASE("absolute paths, .. and links out of the folder are refused", "[load][files]") {
  const Tree tree;
  const std::string absolute = repairs_from((tree.dir.path() / "secret.csv").string());
  CHECK_ONLY_ERROR_IN(tree.errors(absolute), "is an absolute path");
  const std::string up = repairs_from("../secret.csv");
  CHECK_ONLY_ERROR_IN(tree.errors(up), "leads outside the scenario's folder");
  fs::create_symlink(tree.dir.path() / "secret.csv", tree.team / "data" / "innocent.csv");
  CHECK_ONLY_ERROR_IN(tree.errors(repairs_from("data/innocent.csv")),
                      "leads outside the scenario's folder");
  // A path that leaves and comes back is fine.
  CHECK(test::load_ok(repairs_from("../team/data/ttr.csv"), tree.team).services.size() == 1);
}

TEST_CASE("trusted loading reads anywhere", "[load][files]") {
  const Tree tree;
  const Scenario s =
      load_scenario_text(repairs_from("../secret.csv"), "s.yaml", tree.team, {.anywhere = true});
  CHECK(s.services[0].failure_modes[0].lifecycle.repair->duration.samples ==
        std::vector<double>{300});
  CHECK_NOTHROW(load_scenario_text(repairs_from((tree.dir.path() / "secret.csv").string()),
                                   "s.yaml", tree.team, {.anywhere = true}));
}

TEST_CASE("messages quote no content of a file beyond the offending cell", "[load][files]") {
  const Tree tree;
  tree.dir.write("team/data/private.csv", "confidential,other\n5m,1h\nsecret,hidden\n");
  // A column that is not there: the header's names stay out of the message.
  const auto missing = tree.errors(repairs_from("data/private.csv", ", column: nope"));
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].message,
             Contains("'nope'") && !Contains("confidential") && !Contains("other"));
  // A cell that is not a duration: that cell alone, not its row.
  const auto bad_cell = tree.errors(repairs_from("data/private.csv"));
  REQUIRE(bad_cell.size() == 1);
  CHECK_THAT(bad_cell[0].message, Contains("'secret'") && !Contains("hidden"));
}

TEST_CASE("a CSV file named through many aliases is read once and bounded", "[load][files]") {
  const Tree tree;
  std::string many = "ttr\n";
  for (int i = 0; i < 200'000; ++i) many += std::to_string(i % 50 + 1) + "m\n";
  tree.dir.write("team/data/many.csv", many);
  // 60 uses of one distribution of 200,000 samples: 12 million kept, over the 10 million cap.
  std::string text =
      "scenario: s\ndefaults: {repair: {manual: &r {empirical: {csv: data/many.csv}}}}\n"
      "services:\n";
  for (int i = 0; i < 60; ++i)
    text += "  s" + std::to_string(i) + ": {failure_modes: [{name: a, occurs: {rate: 1/y}, " +
            "repair: {manual: *r}}]}\n";
  const auto errors = tree.errors(text);
  REQUIRE_FALSE(errors.empty());
  CHECK_THAT(errors[0].message, Contains("more than 10,000,000 samples in all"));
  // 40 uses stay within it, and the file is one input however often it is used.
  text.resize(text.find("  s40:"));
  const Scenario s = test::load_ok(text, tree.team);
  CHECK(s.services.size() == 40);
}

}  // namespace
}  // namespace reliasim::scenario
