#include "simpy_run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "export_model.hpp"

namespace reliasim::bench {
namespace {

constexpr int not_installed = 77;  // simpy_reference.py's exit status without SimPy

// A word for /bin/sh, in single quotes.
std::string quoted(const std::string& word) {
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::filesystem::path temporary(const std::string& what) {
  return std::filesystem::temp_directory_path() /
         ("reliasim_bench_" + std::to_string(getpid()) + "_" + what + ".json");
}

}  // namespace

SimpyReference::SimpyReference(std::string python, const std::filesystem::path& scenario)
    : python_(std::move(python)), model_(temporary("model")), figures_(temporary("simpy")) {
  export_model(scenario, model_);
}

SimpyReference::~SimpyReference() {
  std::error_code ignored;
  std::filesystem::remove(model_, ignored);
  std::filesystem::remove(figures_, ignored);
}

std::optional<Throughput> SimpyReference::time(double seconds, std::uint64_t trials,
                                               const std::string& books) const {
  const std::string script = std::string(RELIASIM_SOURCE_DIR) + "/bench/simpy_reference.py";
  const std::string amount =
      trials > 0 ? "--trials " + std::to_string(trials) : "--seconds " + std::to_string(seconds);
  const std::string command = quoted(python_) + ' ' + quoted(script) + " --repeats 1 --books " +
                              quoted(books) + ' ' + amount + " --json " +
                              quoted(figures_.string()) + ' ' + quoted("run=" + model_.string()) +
                              " >/dev/null";
  const int status = std::system(command.c_str());
  if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == not_installed)
    return std::nullopt;
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the SimPy reference failed: " + command);
  std::ifstream in(figures_);
  const auto data = nlohmann::json::parse(in, nullptr, false);
  if (data.is_discarded() || !data.contains("results") || data["results"].empty())
    throw std::runtime_error("the SimPy reference wrote no figures: " + command);
  const auto& r = data["results"][0];
  return Throughput{r.at("trials").get<std::uint64_t>(), r.at("events").get<std::uint64_t>(),
                    r.at("seconds").get<double>()};
}

}  // namespace reliasim::bench
