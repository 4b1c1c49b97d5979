#pragma once
// Writing an output: to stdout, or to a file that appears whole or not at all.

#include <string>

namespace reliasim::cli {

// Throws std::runtime_error naming the file when it cannot be written.
void write_output(const std::string& text, const std::string& path);

// Shows "trials done / total" on stderr when it is a terminal; silent otherwise.
class Progress {
 public:
  explicit Progress(std::uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(std::uint64_t done);

 private:
  std::uint64_t total_;
  bool shown_ = false;
  bool terminal_;
  double started_;
};

}  // namespace reliasim::cli
