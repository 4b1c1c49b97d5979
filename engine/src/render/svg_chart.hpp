#pragma once
// Chart primitives of the HTML report (private to the engine): inline SVG with axes whose ticks
// fall on round numbers, a line with its interval band, a histogram, a step line, horizontal
// bars and a tornado. Every coordinate written is finite: values that are not are left out and
// empty or zero-width ranges are widened, so no chart holds NaN or infinity whatever its data.
// Text passed in is plain; the charts escape it.

#include <cmath>
#include <string>
#include <vector>

namespace reliasim::svg {

struct Tick {
  double value = 0.0;
  std::string label;
};

// About `count` ticks at 1, 2 or 5 times a power of ten, from the largest such value at or
// below `min` to the smallest at or above `max`, labelled with as many decimals as the step
// needs and `suffix` (e.g. " %"). A range without width gets ticks around its value.
[[nodiscard]] std::vector<Tick> round_ticks(double min, double max, int count,
                                            const std::string& suffix = "");

// The CSS classes the charts use, for the page's <style>.
[[nodiscard]] const char* style();

struct Axis {
  std::string title;            // with its unit: "downtime per year (minutes)"
  bool log = false;             // log10; values <= 0 are left out
  std::vector<Tick> ticks;      // empty: round_ticks over the data's range
  std::string suffix;           // of the automatic tick labels
  double min = NAN, max = NAN;  // the range when both are finite; otherwise the data's
};

// A vertical line across the plot at a data value, labelled at its top (the mean, a target,
// a quantile, VaR). Markers outside the axis range are not drawn.
struct Marker {
  double value = 0.0;
  std::string label;
  std::string style = "marker";  // CSS class: marker, target, objective
};

struct Frame {
  std::string title;  // the chart's accessible name
  int width = 720;
  int height = 300;
};

// One line of a LineChart: an estimate with its interval per x position. Points with a NaN
// estimate break the line, a NaN bound leaves the band out there.
struct LineSeries {
  std::vector<double> estimate, lower, upper;
  std::vector<std::string> point_labels;  // hover text per point; may be empty
  std::string line_label;                 // legend text of the line
  std::string band_label;                 // legend text of the band; empty: not in the legend
  std::string style;                      // CSS class added to its marks: "" (blue) or "second"
};

// Lines with their interval bands over shared x positions (e.g. availability per month), the
// bands under every line. Horizontal markers are given in y values.
struct LineChart {
  Frame frame;
  Axis x, y;
  std::vector<double> xs;
  std::vector<LineSeries> series;
  std::vector<Marker> levels;  // horizontal reference lines (targets)
};

// Counts of values per bin, drawn as bars: edges has one more entry than counts.
struct Histogram {
  Frame frame;
  Axis x, y;  // y shows the share of all values in each bin, in percent
  std::vector<double> edges;
  std::vector<double> counts;
  std::vector<Marker> markers;
};

// Values into `bins` equal bins over their range (log-spaced on a log axis, where values below
// the smallest positive one are counted in the first bin). Non-finite values are left out.
[[nodiscard]] Histogram bin_values(const std::vector<double>& values, int bins, bool log);
// The same with each value counted `counts[i]` times (a binned sample's bins).
[[nodiscard]] Histogram bin_values(const std::vector<double>& values,
                                   const std::vector<double>& counts, int bins, bool log);

// A step line through (x[i], y[i]) that holds each y until the next x: an exceedance curve.
struct StepChart {
  Frame frame;
  Axis x, y;
  std::vector<double> xs, ys;
  std::vector<Marker> markers;
};

// One labelled horizontal bar per row from zero (a ranking), with its value written at its end.
struct BarRows {
  Frame frame;
  Axis x;
  std::vector<std::string> labels;
  std::vector<double> values;
  std::vector<std::string> value_labels;
};

// Per row two bars from zero, one for the parameter set low and one for it set high, each with
// its interval as a whisker: a tornado, rows in the order given (largest swing first).
struct TornadoRow {
  std::string label;
  double low = 0.0, low_lower = 0.0, low_upper = 0.0;
  double high = 0.0, high_lower = 0.0, high_upper = 0.0;
};
struct Tornado {
  Frame frame;
  Axis x;
  std::string low_label, high_label;  // legend: "parameter x 0.5", "parameter x 2"
  std::vector<TornadoRow> rows;
};

[[nodiscard]] std::string line_chart(const LineChart& chart);
[[nodiscard]] std::string histogram(const Histogram& chart);
[[nodiscard]] std::string step_chart(const StepChart& chart);
[[nodiscard]] std::string bar_rows(const BarRows& chart);
[[nodiscard]] std::string tornado(const Tornado& chart);

}  // namespace reliasim::svg
