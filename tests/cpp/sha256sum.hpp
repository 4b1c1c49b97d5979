#pragma once
// The SHA-256 of a file as coreutils' `sha256sum` computes it: an independent route to the
// hashes the run record names its input files by.

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace reliasim::test {

// The 64 hex digits `sha256sum FILE` prints; empty when the command fails.
inline std::string sha256sum(const std::filesystem::path& file) {
  const std::string command = "sha256sum '" + file.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {};
  std::array<char, 256> line{};
  std::string digest;
  if (fgets(line.data(), line.size(), pipe)) digest = std::string(line.data()).substr(0, 64);
  return pclose(pipe) == 0 ? digest : std::string();
}

}  // namespace reliasim::test
