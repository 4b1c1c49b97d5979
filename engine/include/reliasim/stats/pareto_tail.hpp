#pragma once
// How heavy the upper tail of importance weights is: the shape k of a generalized Pareto
// distribution fitted to the largest ones, as Pareto smoothed importance sampling diagnoses a
// weighted estimate (Vehtari, Simpson, Gelman, Yao and Gabry, JMLR 2024). With k > 0.5 the
// weights' variance is infinite, and above 0.7 the estimate is not reliable whatever its
// interval says. The fit is Zhang and Stephens' (Technometrics 2009), with Vehtari et al.'s
// weakly informative prior towards 0.5.
#include <vector>

namespace reliasim {

// The shape over the largest min(n / 5, 3 sqrt(n)) of the positive `values`; NaN for fewer than
// 20 positive values or a tail of equal values.
[[nodiscard]] double pareto_tail_shape(std::vector<double> values);

}  // namespace reliasim
