// The command line as a newcomer meets it: "did you mean", standard input, --quiet, progress
// with its rate and ETA, and --require-convergence's exit code.
#include <catch2/catch.hpp>
#include <string>

#include "cli_runner.hpp"
#include "progress.hpp"

namespace reliasim::testing {
namespace {

using Catch::Matchers::Contains;

TEST_CASE("a mistyped command or option gets the closest one", "[cli][usage]") {
  const CliResult command = run_cli("rnu " + scenario("web-shop.yaml"));
  CHECK(command.exit_code == 2);
  CHECK_THAT(command.output, Contains("unknown command 'rnu'; did you mean 'run'? The commands: "
                                      "validate, run, fmea, compare, sensitivity"));
  const CliResult option = run_cli("run " + scenario("web-shop.yaml") + " --trails 20");
  CHECK(option.exit_code == 2);
  CHECK_THAT(option.output,
             Contains("unknown option '--trails' for 'run'; did you mean '--trials'?"));
  const CliResult far = run_cli("fmea " + scenario("web-shop.yaml") + " --zzzzzzzz");
  CHECK(far.exit_code == 2);
  CHECK_THAT(far.output, Contains("unknown option '--zzzzzzzz' for 'fmea'\n"));
}

TEST_CASE("the file argument - reads the scenario from standard input", "[cli][usage]") {
  const std::string web_shop = scenario("web-shop.yaml");
  const CliResult valid = run_cli("validate - < " + web_shop);
  CHECK(valid.exit_code == 0);
  CHECK_THAT(valid.output, Contains("<stdin>: OK: web-shop checkout, 3 zones"));
  // The same results as from the file: the summaries agree, only the record names the input.
  auto from_file = cli_json("run " + web_shop + " -n 20");
  auto from_stdin = cli_json("run - -n 20 < " + web_shop);
  CHECK(from_stdin["run"]["inputs"][0]["file"] == "<stdin>");
  CHECK(from_stdin["run"]["inputs"][0]["sha256"] == from_file["run"]["inputs"][0]["sha256"]);
  from_file.erase("run");
  from_stdin.erase("run");
  CHECK(from_stdin == from_file);
  const auto bad = temp_path("stdin.yaml");
  std::ofstream(bad) << "scenario: x\nhorizon: soon\n";
  const CliResult invalid = run_cli("validate - < " + bad.string());
  std::filesystem::remove(bad);
  CHECK(invalid.exit_code == 1);
  CHECK_THAT(invalid.output, Contains("<stdin>:2:10: error: horizon: 'soon' is not a duration"));
}

TEST_CASE("quiet: --quiet silences warnings, not errors", "[cli][usage]") {
  const auto folder = temp_path("quiet");
  std::filesystem::create_directories(folder);
  const std::string in_folder = "cd " + folder.string() + " && rm -f json && ";
  const std::string run =
      std::string(RELIASIM_CLI_PATH) + " run " + scenario("web-shop.yaml") + " -n 20 -o json";
  const auto shown = run_cli("--version && " + in_folder + run);  // a shell line: cd first
  CHECK_THAT(shown.output, Contains("warning: writing to a file named 'json'"));
  const auto quiet = run_cli("--version && " + in_folder + run + " --quiet");
  CHECK_THAT(quiet.output, !Contains("warning"));
  const auto error = run_cli("--quiet validate " + folder.string() + "/missing.yaml");
  CHECK(error.exit_code == 1);
  CHECK_THAT(error.output, Contains("missing.yaml"));
  std::filesystem::remove_all(folder);
}

TEST_CASE("the progress line shows share, count, rate and time left", "[cli][usage]") {
  // 2,050 of 5,000 in 2 s: 41 %, 1,025 trials a second, 2,950 left take 2.9 s, shown as 0:03.
  CHECK(cli::progress_line("tornado", 2050, 5000, 2.0) ==
        "tornado  [########            ]  41%  2,050/5,000 trials  1,025/s  ETA 0:03");
  CHECK(cli::progress_line("run", 0, 1000000, 0.5) ==
        "run  [                    ]   0%  0/1,000,000 trials");
  // An hour and more left: h:mm:ss.
  CHECK(cli::progress_line("FMEA", 1, 7201, 1.0) ==
        "FMEA  [                    ]   0%  1/7,201 trials  1/s  ETA 2:00:00");
}

TEST_CASE("progress is drawn on a terminal, and not with --quiet", "[cli][usage]") {
  // `script` gives the command a terminal; the run lasts over the one second before a line.
  const std::string command = std::string(RELIASIM_CLI_PATH) + " run " + scenario("web-shop.yaml") +
                              " -n 40000 -j 1 -o " + temp_path("progress.txt").string();
  const auto shown = run_cli("--version && script -qec '" + command + "' /dev/null");
  CHECK_THAT(shown.output, Contains("run  [") && Contains(" trials  ") && Contains("/s  ETA "));
  const auto quiet = run_cli("--version && script -qec '" + command + " -q' /dev/null");
  CHECK_THAT(quiet.output, !Contains("ETA"));
  std::filesystem::remove(temp_path("progress.txt"));
}

TEST_CASE("require-convergence: exit 3 when --precision is not reached", "[cli][usage]") {
  const std::string run = "run " + scenario("web-shop.yaml") + " --format json --max-trials 300 ";
  const CliResult capped = run_cli(run + "--precision 0.001 --require-convergence");
  CHECK(capped.exit_code == 3);
  CHECK_THAT(capped.output, Contains("--precision 0.001 not reached within 300 trials"));
  CHECK_THAT(capped.output, Contains("\"converged\": false"));  // the results are written
  CHECK(run_cli(run + "--precision 0.001").exit_code == 0);     // not asked for: 0
  CHECK(run_cli(run + "--precision 0.5 --require-convergence").exit_code == 0);
  CHECK(run_cli("run " + scenario("web-shop.yaml") + " --require-convergence").exit_code == 2);
}

}  // namespace
}  // namespace reliasim::testing
