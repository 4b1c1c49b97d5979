#include "reliasim/stats/critical_values.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <limits>
#include <stdexcept>
#include <string>

namespace reliasim {

void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("confidence level must be strictly between 0 and 1, got " +
                                std::to_string(confidence));
  }
}

double normal_critical_value(double confidence) {
  check_confidence(confidence);
  const boost::math::normal_distribution<double> normal;
  return boost::math::quantile(boost::math::complement(normal, 0.5 * (1.0 - confidence)));
}

double student_t_critical_value(double confidence, double dof) {
  check_confidence(confidence);
  if (!(dof > 0.0)) {
    throw std::invalid_argument("Student's t needs positive degrees of freedom, got " +
                                std::to_string(dof));
  }
  const boost::math::students_t_distribution<double> t(dof);
  // With a fraction of one degree of freedom (weights that leave barely more than one value)
  // the quantile is beyond any double: the interval is unbounded.
  try {
    return boost::math::quantile(boost::math::complement(t, 0.5 * (1.0 - confidence)));
  } catch (const std::overflow_error&) {
    return std::numeric_limits<double>::infinity();
  }
}

}  // namespace reliasim
