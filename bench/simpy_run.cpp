#include "simpy_run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace reliasim::bench {
namespace {

constexpr int not_installed = 77;  // simpy_reference.py's exit status without SimPy

// A word for /bin/sh, in single quotes.
std::string quoted(const std::string& word) {
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::optional<Throughput> run_simpy(const SimpyRun& run, double seconds, std::uint64_t trials) {
  const std::filesystem::path figures =
      run.model_json.string() + ".simpy." + std::to_string(getpid()) + ".json";
  const std::string script = std::string(RELIASIM_SOURCE_DIR) + "/bench/simpy_reference.py";
  const std::string amount =
      trials > 0 ? "--trials " + std::to_string(trials) : "--seconds " + std::to_string(seconds);
  const std::string command = quoted(run.python) + ' ' + quoted(script) + " --repeats 1 " + amount +
                              " --json " + quoted(figures.string()) + ' ' +
                              quoted("run=" + run.model_json.string()) + " >/dev/null";
  const int status = std::system(command.c_str());
  if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == not_installed)
    return std::nullopt;
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the SimPy reference failed: " + command);
  std::ifstream in(figures);
  const auto data = nlohmann::json::parse(in, nullptr, false);
  std::filesystem::remove(figures);
  if (data.is_discarded() || !data.contains("results") || data["results"].empty())
    throw std::runtime_error("the SimPy reference wrote no figures: " + command);
  const auto& r = data["results"][0];
  return Throughput{r.at("trials").get<std::uint64_t>(), r.at("events").get<std::uint64_t>(),
                    r.at("seconds").get<double>()};
}

}  // namespace reliasim::bench
