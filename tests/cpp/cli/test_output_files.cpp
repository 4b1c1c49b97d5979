// --output is safe to point anywhere: it writes through symbolic links, never over a device, a
// directory or an input, keeps an existing file's mode, and says why when it cannot write.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

namespace reliasim::testing {
namespace {

namespace fs = std::filesystem;

// A folder of its own per test, with a small scenario in it; removed at the end.
struct Workspace {
  fs::path dir;
  fs::path scenario;
  explicit Workspace(const std::string& name) : dir(temp_path("output-" + name)) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    scenario = dir / "shop.yaml";
    std::ofstream(scenario) << "scenario: shop\nservices:\n  api:\n    failure_modes:\n"
                               "      - {name: crash, occurs: {rate: 4/y}, repair: {manual: 1h}}\n"
                               "journeys: {shop: [api]}\n";
  }
  ~Workspace() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  [[nodiscard]] CliResult run_to(const fs::path& output) const {
    return run_cli("run " + scenario.string() + " --trials 4 --format json -o " + output.string());
  }
};

mode_t mode_of(const fs::path& path) {
  struct stat status {};
  REQUIRE(lstat(path.c_str(), &status) == 0);
  return status.st_mode;
}

TEST_CASE("a new output file is written whole", "[cli][output]") {
  const Workspace work("new");
  const CliResult result = work.run_to(work.dir / "out.json");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(read_file(work.dir / "out.json"), Catch::StartsWith("{"));
  // Nothing is left beside it.
  CHECK(std::distance(fs::directory_iterator(work.dir), fs::directory_iterator()) == 2);
}

TEST_CASE("an output is never a device, a directory or a FIFO", "[cli][output]") {
  const Workspace work("devices");
  const mode_t null_mode = mode_of("/dev/null");
  const CliResult device = work.run_to("/dev/null");
  CHECK(device.exit_code == 2);
  CHECK_THAT(device.output, Catch::Contains("/dev/null: a character device"));
  CHECK(S_ISCHR(mode_of("/dev/null")));
  CHECK(mode_of("/dev/null") == null_mode);
  const CliResult folder = work.run_to(work.dir);
  CHECK(folder.exit_code == 2);
  CHECK_THAT(folder.output, Catch::Contains("a directory"));
  REQUIRE(mkfifo((work.dir / "pipe").c_str(), 0600) == 0);
  const CliResult fifo = work.run_to(work.dir / "pipe");
  CHECK(fifo.exit_code == 2);
  CHECK_THAT(fifo.output, Catch::Contains("a FIFO"));
  CHECK(S_ISFIFO(mode_of(work.dir / "pipe")));
}

TEST_CASE("the output '-' is standard output", "[cli][output]") {
  const Workspace work("stdout");
  const CliResult result = work.run_to("-");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::StartsWith("{"));
}

TEST_CASE("an output goes through a symbolic link and leaves the link", "[cli][output]") {
  const Workspace work("link");
  std::ofstream(work.dir / "real.json") << "old";
  fs::create_symlink(work.dir / "real.json", work.dir / "link.json");
  REQUIRE(work.run_to(work.dir / "link.json").exit_code == 0);
  CHECK(fs::is_symlink(work.dir / "link.json"));
  CHECK_THAT(read_file(work.dir / "real.json"), Catch::StartsWith("{"));
  // A link to nothing is refused rather than followed into wherever it points.
  fs::create_symlink(work.dir / "missing" / "x.json", work.dir / "dangling.json");
  const CliResult dangling = work.run_to(work.dir / "dangling.json");
  CHECK(dangling.exit_code == 2);
  CHECK_THAT(dangling.output, Catch::Contains("does not exist"));
}

TEST_CASE("a link planted at a temporary name is never followed", "[cli][output]") {
  const Workspace work("planted");
  std::ofstream(work.dir / "victim") << "keep";
  for (const char* name : {"out.json.part", ".out.json.XXXXXX", "out.json.tmp"})
    fs::create_symlink(work.dir / "victim", work.dir / name);
  REQUIRE(work.run_to(work.dir / "out.json").exit_code == 0);
  CHECK(read_file(work.dir / "victim") == "keep");
  CHECK_THAT(read_file(work.dir / "out.json"), Catch::StartsWith("{"));
}

TEST_CASE("an output never replaces an input", "[cli][output]") {
  const Workspace work("input");
  const std::string before = read_file(work.scenario);
  const CliResult same = work.run_to(work.scenario);
  CHECK(same.exit_code == 2);
  CHECK_THAT(same.output, Catch::Contains("is the input"));
  // Also through another name for the same file.
  fs::create_symlink(work.scenario, work.dir / "alias.yaml");
  CHECK(work.run_to(work.dir / "alias.yaml").exit_code == 2);
  CHECK(read_file(work.scenario) == before);
}

TEST_CASE("an output keeps an existing file's mode", "[cli][output]") {
  const Workspace work("mode");
  const fs::path out = work.dir / "private.json";
  std::ofstream(out) << "old";
  REQUIRE(chmod(out.c_str(), 0600) == 0);
  REQUIRE(work.run_to(out).exit_code == 0);
  CHECK((mode_of(out) & 07777) == 0600);
  CHECK_THAT(read_file(out), Catch::StartsWith("{"));
}

TEST_CASE("output failures name the path and the system's reason", "[cli][output]") {
  const Workspace work("reasons");
  const CliResult missing = work.run_to(work.dir / "no-such-folder" / "out.json");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("no-such-folder/out.json"));
  CHECK_THAT(missing.output, Catch::Contains("No such file or directory"));
  const CliResult under_file = work.run_to(work.scenario / "out.json");
  CHECK(under_file.exit_code == 2);
  CHECK_THAT(under_file.output, Catch::Contains("Not a directory"));
  CHECK_THAT(under_file.output, Catch::Contains("Not a directory"));
  CHECK_THAT(missing.output, !Catch::Contains("Success"));
}

TEST_CASE("an output named like a format warns", "[cli][output]") {
  const Workspace work("format-name");
  const CliResult result = run_cli("run " + work.scenario.string() + " --trials 4 -o json");
  CHECK_THAT(result.output, Catch::Contains("use --format json"));
  std::error_code ignored;
  fs::remove("json", ignored);
}

TEST_CASE("negative numbers for unsigned options are usage errors", "[cli][options]") {
  const Workspace work("negative");
  for (const char* option : {"--first-trial -1", "--seed -1"}) {
    INFO(option);
    const CliResult result =
        run_cli("run " + work.scenario.string() + " --trials 4 " + std::string(option));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("must be a whole number"));
  }
}

}  // namespace
}  // namespace reliasim::testing
