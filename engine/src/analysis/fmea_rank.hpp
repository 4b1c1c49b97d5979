#pragma once
// The order of the FMEA worksheet's rows (private to the engine).

#include "reliasim/analysis/fmea.hpp"

namespace reliasim {

// Whether `a` ranks before `b`: larger by rank_by, then by error-budget burn, downtime and
// credit (currency by currency).
[[nodiscard]] bool riskier(const FmeaRow& a, const FmeaRow& b, FmeaRanking rank_by);

}  // namespace reliasim
