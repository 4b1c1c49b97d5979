// Where the FMEA worksheet measures (one scope, or all of them) and the order of its rows.
#include <numeric>
#include <stdexcept>

#include "../simulate/topology.hpp"
#include "fmea_rank.hpp"
#include "reliasim/analysis/fmea.hpp"

namespace reliasim {
namespace {

struct RankingName {
  FmeaRanking ranking;
  const char* name;
};
constexpr RankingName ranking_names[] = {{FmeaRanking::budget, "budget"},
                                         {FmeaRanking::downtime, "downtime"},
                                         {FmeaRanking::bad_minutes, "bad-minutes"},
                                         {FmeaRanking::credit, "credit"}};

// -1, 0 or 1 as a is less, as large or larger than b.
int order(double a, double b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

double bad_time(const FmeaRow& row) {
  double sum = 0.0;
  for (const Interval& bad : row.sla_bad_time) sum += bad.estimate;
  return sum;
}

int compare_on(const FmeaRow& a, const FmeaRow& b, FmeaRanking key) {
  switch (key) {
    case FmeaRanking::budget: return order(a.budget_burn.estimate, b.budget_burn.estimate);
    case FmeaRanking::downtime:
      return order(a.downtime_per_year.estimate, b.downtime_per_year.estimate);
    case FmeaRanking::bad_minutes: return order(bad_time(a), bad_time(b));
    case FmeaRanking::credit:
      for (std::size_t c = 0; c < a.credit_per_year.size(); ++c)
        if (const int o =
                order(a.credit_per_year[c].amount.estimate, b.credit_per_year[c].amount.estimate))
          return o;
      return 0;
  }
  return 0;
}

}  // namespace

const char* ranking_name(FmeaRanking ranking) {
  for (const RankingName& r : ranking_names)
    if (r.ranking == ranking) return r.name;
  return ranking_names[0].name;
}

FmeaRanking parse_ranking(const std::string& name) {
  std::string valid;
  for (const RankingName& r : ranking_names) {
    if (name == r.name) return r.ranking;
    valid += (valid.empty() ? "" : ", ") + std::string(r.name);
  }
  throw std::invalid_argument("no ranking named '" + name + "'; valid: " + valid);
}

std::vector<Index> fmea_scopes(const CompiledModel& model, const std::string& scope) {
  const std::vector<ScopeInfo> scopes = sim::build_topology(model).scopes;
  std::vector<Index> all(scopes.size());
  std::iota(all.begin(), all.end(), 0);
  if (scope == all_scopes) return all;
  if (scope.empty()) return scopes.empty() ? all : std::vector<Index>{0};
  std::string valid = all_scopes;
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    if (scopes[s].name == scope) return {static_cast<Index>(s)};
    valid += ", " + scopes[s].name;
  }
  throw std::invalid_argument("no journey, or service an SLA or SLO names, is called '" + scope +
                              "'; valid: " + valid);
}

bool riskier(const FmeaRow& a, const FmeaRow& b, FmeaRanking rank_by) {
  if (const int o = compare_on(a, b, rank_by)) return o > 0;
  for (const FmeaRanking key : {FmeaRanking::budget, FmeaRanking::downtime, FmeaRanking::credit})
    if (const int o = compare_on(a, b, key)) return o > 0;
  return false;
}

}  // namespace reliasim
