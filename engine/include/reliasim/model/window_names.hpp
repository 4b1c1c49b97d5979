#pragma once
// What people call a model's windows (`windows:`): calendar months by name and year ("Jan 2027",
// counted from `start:`), fixed windows by number ("window 3"), for every output.

#include <string>

#include "reliasim/model/compiled_model.hpp"

namespace reliasim {

// The name of window `w` (from 0) of model.windows.
[[nodiscard]] std::string window_name(const CompiledModel& model, std::size_t w);

// "Jan", "Feb", ... for window `w` of calendar months; empty for other kinds.
[[nodiscard]] std::string window_month(const CompiledModel& model, std::size_t w);

// The first month as "2027-01" (ISO 8601), for JSON and pandas.
[[nodiscard]] std::string start_month_text(const CompiledModel& model);

// "calendar-month", "fixed" or "rolling", as the scenario format writes the kinds.
[[nodiscard]] const char* window_kind_text(WindowKind kind);

}  // namespace reliasim
