// Fuzz target: the summary state of a partial result (SummaryBuilder::load, what `reliasim
// merge` reads once a file's checksum matches: hostile files can match). What it accepts must
// save back to the same bytes and finish; what it refuses, it refuses with
// std::invalid_argument.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "fuzz_support.hpp"
#include "reliasim/analysis/summary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const reliasim::SummaryBuilder loaded = reliasim::SummaryBuilder::load(bytes);
    if (loaded.save() != bytes) reliasim::fuzz::defect("a loaded state saves differently");
    static_cast<void>(loaded.finish());
  } catch (const std::invalid_argument&) {
    // The expected answer to bad bytes (finish: fewer than two trials).
  } catch (const std::exception& other) {
    std::fprintf(stderr, "unexpected exception: %s\n", other.what());
    reliasim::fuzz::defect("an exception other than std::invalid_argument escaped");
  }
  return 0;
}
