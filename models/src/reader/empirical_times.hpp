#pragma once
// Durations of an empirical distribution from two time columns of a CSV file (`empirical: {csv:
// FILE, from: started, to: resolved}`): each row's `to` minus its `from`, the times read as
// `reliasim fit` reads them (docs/fit.md, Times). Internal to models/.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "value.hpp"

namespace reliasim::scenario::reader {

// The durations of the rows that have both times, or nothing (reported at `f`'s keys).
[[nodiscard]] std::optional<std::vector<double>> csv_time_spans(const Fields& f,
                                                                const std::string& bytes,
                                                                const std::filesystem::path& path,
                                                                std::size_t max_samples);

}  // namespace reliasim::scenario::reader
