// `reliasim validate FILE...` run as a process: exit codes 0 (all valid), 1 (any invalid) and
// 2 (usage), "OK" on stdout for a valid file, file:line:col errors on stderr for a bad one.
#include <sys/wait.h>

#include <cstdlib>

#include "load_helpers.hpp"

namespace reliasim::scenario {
namespace {

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the CLI with `arguments` (already quoted), capturing stdout and stderr in files.
Run run_cli(const test::TempDir& dir, const std::string& arguments) {
  const fs::path out = dir.path() / "stdout.txt";
  const fs::path err = dir.path() / "stderr.txt";
  const std::string command = "'" + std::string(RELIASIM_CLI_PATH) + "' " + arguments + " >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  return {WEXITSTATUS(status), test::read_file(out), test::read_file(err)};
}

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

const char* const valid = "scenario: ok\nservices:\n  api:\n    replicas: 2\n";
const char* const invalid = "scenario: bad\nservices:\n  api:\n    replicas: two\n";

TEST_CASE("validate accepts a valid file and prints OK with a summary", "[cli]") {
  const test::TempDir dir;
  const auto file = dir.write("ok.yaml", valid);
  const auto run = run_cli(dir, "validate " + quoted(file));
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains(file.string() + ": OK: ok: 1 service"));
  CHECK(run.err.empty());
}

TEST_CASE("validate reports an invalid file at file:line:col on stderr", "[cli]") {
  const test::TempDir dir;
  const auto file = dir.write("bad.yaml", invalid);
  const auto run = run_cli(dir, "validate " + quoted(file));
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err == file.string() +
                       ":4:15: error: services.api.replicas: must be a whole number from 1 to "
                       "10000; got 'two'\n");
}

TEST_CASE("validate checks every file and reports each", "[cli]") {
  const test::TempDir dir;
  const auto good = dir.write("good.yaml", valid);
  const auto bad = dir.write("bad.yaml", invalid);
  const auto run = run_cli(dir, "validate " + quoted(bad) + " " + quoted(good));
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, Contains(good.string() + ": OK"));
  CHECK_THAT(run.err, Contains(bad.string() + ":4:15: error:"));
  // The bundled scenarios are all valid together.
  std::string all;
  for (const auto& entry : fs::directory_iterator(fs::path(RELIASIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml") all += " " + quoted(entry.path());
  const auto bundled = run_cli(dir, "validate" + all);
  CHECK(bundled.exit_code == 0);
  CHECK(bundled.err.empty());
}

TEST_CASE("validate explains hostile files and exits 1", "[cli]") {
  const test::TempDir dir;
  const auto deep = dir.write("deep.yaml", "scenario: x\nservices: " + std::string(10'000, '['));
  const auto binary = dir.write("binary.yaml", std::string("scenario: x\n\0\0", 14));
  const auto run = run_cli(dir, "validate " + quoted(deep) + " " + quoted(binary) + " " +
                                    quoted(dir.path()) + " " + quoted(dir.path() / "missing.yaml"));
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Contains(deep.string() + ":2:110: error: lists and maps nest more than 100"));
  CHECK_THAT(run.err, Contains(binary.string() + ":2:1: error: this is not a text file"));
  CHECK_THAT(run.err, Contains(dir.path().string() + ": error: this is a directory"));
  CHECK_THAT(run.err, Contains("missing.yaml: error: cannot read the file"));
}

TEST_CASE("validate without files or with an unknown option is a usage error", "[cli]") {
  const test::TempDir dir;
  CHECK(run_cli(dir, "validate").exit_code == 2);
  CHECK(run_cli(dir, "validate --frobnicate x.yaml").exit_code == 2);
  CHECK(run_cli(dir, "").exit_code == 2);
  const auto unknown = run_cli(dir, "frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK_FALSE(unknown.err.empty());
}

TEST_CASE("RELIASIM_TRUST_PATHS=1 lets a scenario read a file outside its folder", "[cli]") {
  const test::TempDir dir;
  fs::create_directories(dir.path() / "team");
  dir.write("shared.csv", "ttr\n5m\n1h\n");
  const auto file = dir.write("team/uses-shared.yaml",
                              "scenario: s\nservices:\n  api:\n    failure_modes:\n"
                              "      - {name: a, occurs: {rate: 1/y}, repair: {manual: {empirical: "
                              "{csv: ../shared.csv}}}}\n");
  const Run refused = run_cli(dir, "validate " + quoted(file));
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Contains("leads outside the scenario's folder"));
  setenv("RELIASIM_TRUST_PATHS", "1", 1);
  const Run trusted = run_cli(dir, "validate " + quoted(file));
  unsetenv("RELIASIM_TRUST_PATHS");
  CHECK(trusted.exit_code == 0);
  CHECK_THAT(trusted.out, Contains("OK"));
}

}  // namespace
}  // namespace reliasim::scenario
