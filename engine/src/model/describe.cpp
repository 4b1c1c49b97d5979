#include "reliasim/model/describe.hpp"

#include <algorithm>

namespace reliasim {
namespace {

std::string count(std::size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

}  // namespace

std::string describe(const CompiledModel& model) {
  const auto external = std::count_if(model.services.begin(), model.services.end(),
                                      [](const ServiceSpec& s) { return s.external; });
  std::string text = count(model.services.size(), "service", "services");
  if (external > 0) text += " (" + std::to_string(external) + " external)";
  text += ", " + count(model.replicas.size(), "replica", "replicas");
  if (!model.zones.empty()) text += " in " + count(model.zones.size(), "zone", "zones");
  text += ", " + count(model.failure_modes.size(), "failure mode", "failure modes") + " (" +
          count(model.sources.size(), "source", "sources") + ")";
  text += ", " + count(model.crews.size(), "crew", "crews");
  text += ", " + count(model.journeys.size(), "journey", "journeys");
  text += ", " + count(model.slos.size(), "SLO", "SLOs");
  text += ", " + count(model.slas.size(), "SLA", "SLAs");
  return text;
}

}  // namespace reliasim
