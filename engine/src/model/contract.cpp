#include "reliasim/model/contract.hpp"

#include <algorithm>

namespace reliasim {

double credit_fraction(const SlaSpec& sla, double uptime) {
  double fraction = 0.0;
  for (const CreditTierSpec& tier : sla.credits)
    if (uptime < tier.below) fraction = std::max(fraction, tier.credit);
  return fraction;
}

double credit_owed(const SlaSpec& sla, double uptime, double start, double end) {
  constexpr double average_month = 365.0 / 12.0 * 86400.0;
  // A calendar month's fee is the monthly fee; a month the horizon cuts short pays pro rata,
  // as do windows of other lengths against the average month.
  const bool cut_short = !sla.window.boundaries.empty() && end == sla.window.boundaries.back() &&
                         end - start < sla.window.final_length;
  const double fee = sla.window.kind != WindowKind::calendar_month
                         ? sla.monthly_fee * (end - start) / average_month
                     : cut_short ? sla.monthly_fee * (end - start) / sla.window.final_length
                                 : sla.monthly_fee;
  const double owed = std::min(credit_fraction(sla, uptime), sla.cap) * fee;
  return owed > 0.0 && owed >= sla.min_payout ? owed : 0.0;
}

}  // namespace reliasim
