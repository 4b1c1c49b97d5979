#include "reliasim/render/run_record.hpp"

#include <cstdio>

#include "reliasim/random/stream.hpp"

namespace reliasim {

std::string scenario_hash(std::string_view bytes) {
  char digits[17];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(fnv1a64(bytes)));
  return std::string("fnv1a64:") + digits;
}

}  // namespace reliasim
