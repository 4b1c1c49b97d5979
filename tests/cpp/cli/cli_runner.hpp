#pragma once
// Runs the reliasim executable and captures its exit code and output.

#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace reliasim::testing {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline CliResult run_cli(const std::string& arguments) {
  const std::string command = std::string(RELIASIM_CLI_PATH) + " " + arguments + " 2>&1";
  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe)) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The JSON document a command prints with `--format json`; fails the test when it fails.
inline nlohmann::json cli_json(const std::string& arguments) {
  const CliResult result = run_cli(arguments + " --format json");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return nlohmann::json::parse(result.output);
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A path in the temporary directory for a test's output file.
inline std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("reliasim-cli-" + name);
}

inline std::string scenario(const std::string& name) {
  return std::string(RELIASIM_SOURCE_DIR) + "/scenarios/" + name;
}

}  // namespace reliasim::testing
