// Golden regression checksums: every bundled scenario, run at a fixed seed and trial count,
// must give the same bits as the stored tests/golden/checksums.txt, array by array. Any change
// to results is then a conscious, reviewed update of that file (tests/README.md says how).
#include <cstdlib>
#include <map>

#include "load_helpers.hpp"
#include "reliasim/record/sha256.hpp"
#include "reliasim/simulate/simulate.hpp"

namespace reliasim {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t golden_seed = 20261207;
constexpr std::uint64_t golden_trials = 1000;
const fs::path golden_file = fs::path(RELIASIM_SOURCE_DIR) / "tests" / "golden" / "checksums.txt";

// "scenario array" -> SHA-256, in file order.
using Checksums = std::map<std::string, std::string>;

std::string hash_bytes(const void* data, std::size_t size) {
  return sha256_hex(std::string_view(static_cast<const char*>(data), size));
}

// Appends the values' bytes as they are in memory, field by field so that padding never
// enters: the checksums hold for one platform's floating point and byte order (the CI's,
// Debian 12 on x86-64).
template <typename... T>
void append(std::string& bytes, const T&... values) {
  (bytes.append(reinterpret_cast<const char*>(&values), sizeof values), ...);
}

std::string incidents_checksum(const std::vector<IncidentRecord>& incidents) {
  std::string bytes;
  for (const IncidentRecord& i : incidents)
    append(bytes, i.trial, i.source, i.failure_mode, i.start, i.detected, i.engaged, i.mitigated,
           i.repaired, i.detected_by, i.user_facing);
  return sha256_hex(bytes);
}

std::string outages_checksum(const std::vector<OutageRecord>& outages) {
  std::string bytes;
  for (const OutageRecord& o : outages)
    append(bytes, o.trial, o.scope, o.start, o.end, o.detected, o.censored);
  return sha256_hex(bytes);
}

void add_checksums(const fs::path& file, Checksums& sums) {
  RunConfig config;
  config.seed = golden_seed;
  config.trials = golden_trials;
  config.threads = 2;
  config.sla_attribution = true;  // so that sla_attributed_down is simulated too
  const RunResults results =
      simulate(scenario::compile(scenario::load_scenario_file(file)), config);
  const std::string name = file.filename().string() + " ";
  for (std::size_t a = 0; a < RunResults::simulated_arrays.size(); ++a) {
    const TrialArray& array = results.*RunResults::simulated_arrays[a];
    sums[name + RunResults::simulated_array_names[a]] =
        hash_bytes(array.data(), array.size() * sizeof(double));
  }
  sums[name + "incidents"] = incidents_checksum(results.incidents);
  sums[name + "outages"] = outages_checksum(results.outages);
}

Checksums bundled_checksums() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(RELIASIM_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  Checksums sums;
  for (const fs::path& file : files) add_checksums(file, sums);
  return sums;
}

Checksums read_checksums(const fs::path& path) {
  std::istringstream in(test::read_file(path));
  Checksums sums;
  std::string scenario, array, digest;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream(line) >> scenario >> array >> digest;
    sums[scenario + " " + array] = digest;
  }
  return sums;
}

void write_checksums(const fs::path& path, const Checksums& sums) {
  std::ofstream out(path, std::ios::binary);
  out << "# SHA-256 of every simulated per-trial array, and of the incident and outage lists, of\n"
         "# each bundled scenario at seed "
      << golden_seed << " and " << golden_trials
      << " trials (tests/cpp/models/test_golden_checksums.cpp).\n"
         "# Regenerate after a reviewed change to results: cmake --build build --target "
         "update_golden\n";
  for (const auto& [what, digest] : sums) out << what << ' ' << digest << '\n';
}

// One line per difference: which scenario and array changed, appeared or went.
std::string differences(const Checksums& stored, const Checksums& now) {
  std::string text;
  for (const auto& [what, digest] : now) {
    const auto found = stored.find(what);
    if (found == stored.end())
      text += "  " + what + ": new, not in the stored file\n";
    else if (found->second != digest)
      text += "  " + what + ": changed (stored " + found->second + ", now " + digest + ")\n";
  }
  for (const auto& [what, digest] : stored)
    if (!now.count(what)) text += "  " + what + ": stored, no longer simulated\n";
  return text;
}

}  // namespace

TEST_CASE("bundled scenarios give the stored golden checksums", "[golden]") {
  const Checksums now = bundled_checksums();
  if (std::getenv("RELIASIM_UPDATE_GOLDEN")) {
    write_checksums(golden_file, now);
    WARN("wrote " << golden_file.string());
    return;
  }
  REQUIRE(fs::exists(golden_file));
  const std::string changed = differences(read_checksums(golden_file), now);
  if (!changed.empty())
    FAIL("results differ from " << golden_file.string() << ":\n"
                                << changed
                                << "If the change is intended, regenerate the file with\n"
                                   "  cmake --build build --target update_golden\n"
                                   "and review its diff with the change.");
}

}  // namespace reliasim
