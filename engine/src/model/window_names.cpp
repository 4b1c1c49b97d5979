#include "reliasim/model/window_names.hpp"

#include <array>
#include <cstdio>

namespace reliasim {
namespace {

constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Months since the start, as a year and a month index from 0.
std::pair<int, int> month_of(const CompiledModel& model, std::size_t w) {
  const long long index = (model.start_month - 1) + static_cast<long long>(w);
  return {model.start_year + static_cast<int>(index / 12), static_cast<int>(index % 12)};
}

}  // namespace

std::string window_month(const CompiledModel& model, std::size_t w) {
  if (model.windows.kind != WindowKind::calendar_month) return {};
  return months[static_cast<std::size_t>(month_of(model, w).second)];
}

std::string window_name(const CompiledModel& model, std::size_t w) {
  if (model.windows.kind != WindowKind::calendar_month) return "window " + std::to_string(w + 1);
  return window_month(model, w) + " " + std::to_string(month_of(model, w).first);
}

std::string start_month_text(const CompiledModel& model) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", model.start_year, model.start_month);
  return text;
}

const char* window_kind_text(WindowKind kind) {
  switch (kind) {
    case WindowKind::calendar_month: return "calendar-month";
    case WindowKind::fixed: return "fixed";
    case WindowKind::rolling: return "rolling";
  }
  return "fixed";
}

}  // namespace reliasim
