#pragma once
// The vocabulary shared by the scenario format and the engine.

#include <cstdint>

namespace reliasim {

enum class Attribution : std::uint8_t { internal, third_party, customer };
enum class StandbyMode : std::uint8_t { hot, warm, cold };
enum class MitigationKind : std::uint8_t { rollback, failover, restart, manual, wait };
enum class DetectionChannel : std::uint8_t { alert, canary, probe };
enum class WindowKind : std::uint8_t { calendar_month, fixed, rolling };
enum class MeasureRule : std::uint8_t { bad_minutes, interval_error_rate, weighted_outage };

}  // namespace reliasim
