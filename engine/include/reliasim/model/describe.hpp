#pragma once
// A one-line description of a compiled model, for `reliasim validate` and report headers.

#include <string>

#include "reliasim/model/compiled_model.hpp"

namespace reliasim {

// "12 services (1 external), 20 replicas in 3 zones, 9 failure modes (31 sources), ..."
[[nodiscard]] std::string describe(const CompiledModel& model);

}  // namespace reliasim
