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
  const double fee = sla.window.kind == WindowKind::calendar_month
                         ? sla.monthly_fee
                         : sla.monthly_fee * (end - start) / average_month;
  const double owed = std::min(credit_fraction(sla, uptime), sla.cap) * fee;
  return owed > 0.0 && owed >= sla.min_payout ? owed : 0.0;
}

}  // namespace reliasim
