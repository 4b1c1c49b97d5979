#include "invocation.hpp"

#include <filesystem>

namespace reliasim::cli {
namespace {

std::string& stored() {
  static std::string text;
  return text;
}

// Single quotes keep spaces and shell characters as they were.
std::string quoted(const std::string& word) {
  if (!word.empty() &&
      word.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:%") ==
          std::string::npos)
    return word;
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

void set_invocation(int argc, char** argv) {
  std::string text = "reliasim";
  for (int i = 1; i < argc; ++i) text += " " + quoted(argv[i]);
  stored() = text;
}

const std::string& invocation() {
  return stored();
}

}  // namespace reliasim::cli
