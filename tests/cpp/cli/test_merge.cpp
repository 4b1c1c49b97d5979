// `reliasim run --format partial` and `reliasim merge`: trial ranges run apart merge into the
// result of one run over their union, bit for bit; anything else is refused, naming the file.
#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

using namespace reliasim::testing;
using nlohmann::json;

namespace {

// Writes trials [first, first + trials) of `file` as a partial result; returns its path.
std::string partial(const std::string& file, const std::string& name, int first, int trials,
                    const std::string& more = "") {
  const std::string path = temp_path(name).string();
  const CliResult r =
      run_cli("-q run " + scenario(file) + " --first-trial " + std::to_string(first) + " -n " +
              std::to_string(trials) + " --format partial -o " + path + " " + more);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  return path;
}

// `reliasim merge FILES` fails with exit code 1, saying `message`.
void merge_refused(const std::string& files, const std::string& message) {
  const CliResult r = run_cli("merge " + files);
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains(message));
}

json without_run(json document) {
  document.erase("run");
  return document;
}

}  // namespace

TEST_CASE("merged partial results equal one streaming run, bit for bit, in any order",
          "[cli][merge]") {
  for (const std::string file : {"web-shop.yaml", "sla-portfolio.yaml"}) {
    INFO(file);
    const json whole = cli_json("-q run " + scenario(file) + " -n 3000 --streaming");
    // Ranges that cut across the streaming run's batches of 1000, given out of order.
    const std::string a = partial(file, "merge-a-" + file, 0, 700);
    const std::string b = partial(file, "merge-b-" + file, 700, 1600);
    const std::string c = partial(file, "merge-c-" + file, 2300, 700);
    const json merged = cli_json("merge " + c + " " + a + " " + b);
    CHECK(without_run(merged) == without_run(whole));
    CHECK(merged["run"]["trials"] == 3000);
    CHECK(merged["run"]["seed"] == whole["run"]["seed"]);
    CHECK(merged["run"]["scenario_hash"] == whole["run"]["scenario_hash"]);
    CHECK(merged["run"]["merged_ranges"] == json::parse(R"([{"first_trial": 0, "trials": 3000}])"));
    // Means do not depend on how quantiles are kept: the in-memory run's are the same bits.
    const json in_memory = cli_json("-q run " + scenario(file) + " -n 3000");
    CHECK(merged["scopes"][0]["availability"] == in_memory["scopes"][0]["availability"]);
    CHECK(merged["slas"][0]["credit_per_year"] == in_memory["slas"][0]["credit_per_year"]);
    REQUIRE(in_memory["slas"][0].contains("annual_credit_tail"));
    CHECK(merged["slas"][0]["annual_credit_tail"] == in_memory["slas"][0]["annual_credit_tail"]);
    CHECK(merged["portfolios"] == in_memory["portfolios"]);
  }
}

TEST_CASE("merging ranges with a gap gives the result of the trials it has, and says which",
          "[cli][merge]") {
  const std::string a = partial("web-shop.yaml", "gap-a", 0, 500);
  const std::string b = partial("web-shop.yaml", "gap-b", 1500, 500);
  json merged = cli_json("merge " + a + " " + b);
  CHECK(merged["run"]["trials"] == 1000);
  CHECK(
      merged["run"]["merged_ranges"] ==
      json::parse(R"([{"first_trial": 0, "trials": 500}, {"first_trial": 1500, "trials": 500}])"));
  const CliResult table = run_cli("merge " + a + " " + b);
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.output, Catch::Contains("merged from ranges 0-499 1500-1999"));
  // -o writes the same document to the file.
  const std::string out = temp_path("gap-merged.json").string();
  REQUIRE(run_cli("merge " + a + " " + b + " --format json -o " + out).exit_code == 0);
  nlohmann::json written = json::parse(read_file(out));
  written["run"].erase("command"), merged["run"].erase("command");
  CHECK(written == merged);
}

TEST_CASE("parts that do not belong together are refused, naming the file", "[cli][merge]") {
  const std::string a = partial("web-shop.yaml", "refuse-a", 0, 600);
  SECTION("overlapping ranges") {
    const std::string b = partial("web-shop.yaml", "refuse-b", 500, 300);
    merge_refused(a + " " + b, b + ": trials 500 to 599 are in more than one part");
  }
  SECTION("another seed") {
    const std::string b = partial("web-shop.yaml", "refuse-seed", 600, 300, "--seed 7");
    merge_refused(a + " " + b, b + ": its seed is 7, the first's 1");
  }
  SECTION("another scenario") {
    const std::string b = partial("design-b.yaml", "refuse-scenario", 600, 300);
    merge_refused(a + " " + b, b + ": it is of a different scenario");
  }
  SECTION("a file that is not a partial result") {
    merge_refused(a + " " + scenario("web-shop.yaml"),
                  "web-shop.yaml: not a reliasim partial result");
  }
  SECTION("a truncated file") {
    const std::string bytes = read_file(a);
    const std::string cut = temp_path("refuse-cut").string();
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    merge_refused(cut, cut + ": it is damaged or truncated");
  }
  SECTION("a format version this engine does not read") {
    std::string bytes = read_file(a);
    bytes.replace(0, bytes.find('\n'), "reliasim partial result v9");
    const std::string other = temp_path("refuse-version").string();
    std::ofstream(other, std::ios::binary) << bytes;
    merge_refused(other, other + ": format version 9; this reliasim");
  }
}

TEST_CASE("a partial result needs a fixed trial count, plain sampling and a file", "[cli][merge]") {
  const std::string file = scenario("web-shop.yaml");
  const std::string out = temp_path("partial-usage").string();
  std::filesystem::remove(out);
  CliResult r = run_cli("-q run " + file + " -n 100 --format partial");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("give -o FILE"));
  r = run_cli("-q run " + file + " --precision 0.1 --format partial -o " + out);
  CHECK(r.exit_code == 2);
  r = run_cli("-q run " + file + " -n 100 --rare-event is --format partial -o " + out);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("--format partial"));
  CHECK_FALSE(std::filesystem::exists(out));
}
