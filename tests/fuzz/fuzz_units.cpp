// Fuzz target: the unit parsers (durations, rates, probabilities, numbers) and the message
// helpers that quote user text. A parsed value is finite and in its documented range; a
// quotation is one line.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "fuzz_support.hpp"
#include "reliasim/scenario/units.hpp"

namespace {

using reliasim::fuzz::defect;
namespace scenario = reliasim::scenario;

void check_duration(std::string_view text) {
  const auto parsed = scenario::parse_duration(text);
  if (const double* seconds = std::get_if<double>(&parsed)) {
    if (!std::isfinite(*seconds) || *seconds < 0 || *seconds > scenario::max_duration)
      defect("a duration outside [0, max_duration]");
    static_cast<void>(scenario::format_duration(*seconds));
  } else if (std::get<scenario::UnitError>(parsed).message.empty()) {
    defect("a duration error without a message");
  }
}

void check_rate(std::string_view text) {
  const auto parsed = scenario::parse_rate(text);
  if (const double* rate = std::get_if<double>(&parsed);
      rate && (!std::isfinite(*rate) || *rate < 0))
    defect("a rate that is negative or not finite");
}

void check_probability(std::string_view text) {
  const auto parsed = scenario::parse_probability(text);
  if (const double* p = std::get_if<double>(&parsed); p && !(*p >= 0 && *p <= 1))
    defect("a probability outside [0, 1]");
}

void check_number(std::string_view text) {
  const auto parsed = scenario::parse_number(text);
  if (const double* x = std::get_if<double>(&parsed)) {
    if (!std::isfinite(*x)) defect("a number that is not finite");
    static_cast<void>(scenario::format_number(*x));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_duration(text);
  check_rate(text);
  check_probability(text);
  check_number(text);
  if (scenario::quote(text).find('\n') != std::string_view::npos)
    defect("a quotation spanning lines");
  return 0;
}
