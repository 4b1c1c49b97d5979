#pragma once
// `reliasim_bench --estimate-memory SCENARIO N...`: the engine's memory estimate of runs of N
// trials, one JSON line each, for bench/memory_check.py to set against measured peaks.

#include <cstdint>
#include <string>
#include <vector>

namespace reliasim::bench {

void print_memory_estimates(const std::string& file, const std::vector<std::uint64_t>& trials,
                            int threads, bool sla_attribution);

}  // namespace reliasim::bench
