#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "reliasim/render/fmea.hpp"
#include "text_parts.hpp"

namespace reliasim::svg {
namespace {

// Space around the plot for tick labels, axis titles, the legend and marker labels.
constexpr double margin_left = 84, margin_right = 28, margin_top = 40, margin_bottom = 50;
constexpr double label_margin = 250;  // left of horizontal bars: the row labels, at least
constexpr double value_margin = 130;  // right of horizontal bars: their values
constexpr double char_width = 7.2;    // of 12 px text, generously: labels never run short
constexpr double key_row = 18;        // a line of a chart's key, under its x axis
constexpr std::size_t max_dots = 60;  // more points than this: the line alone

// A pixel coordinate with one decimal. Callers leave non-finite values out; this is the last
// guard, so that no coordinate can ever read NaN or inf.
std::string px(double v) {
  if (!std::isfinite(v)) v = 0.0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", std::clamp(v, -1e5, 1e5));
  return buffer;
}

std::string attr(const std::string& name, double v) {
  return " " + name + "=\"" + px(v) + "\"";
}

struct Range {
  double min = 0.0, max = 1.0;
};

// The finite values' range (positive ones only on a log axis); [0, 1] when there are none.
Range range_of(const std::vector<const std::vector<double>*>& lists, bool log) {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  Range r{infinity, -infinity};
  for (const auto* list : lists)
    for (const double v : *list)
      if (std::isfinite(v) && (!log || v > 0))
        r.min = std::min(r.min, v), r.max = std::max(r.max, v);
  if (r.min > r.max) return log ? Range{1.0, 10.0} : Range{0.0, 1.0};
  return r;
}

// Maps data to pixels; values beyond the range stay just outside the plot.
struct Scale {
  Range data;
  double from = 0.0, to = 1.0;
  bool log = false;
  double operator()(double v) const {
    const auto t = [this](double x) { return log ? std::log10(std::max(x, 1e-300)) : x; };
    const double span = t(data.max) - t(data.min);
    const double at = span > 0 ? (t(v) - t(data.min)) / span : 0.5;
    return from + std::clamp(at, -0.02, 1.02) * (to - from);
  }
  [[nodiscard]] bool contains(double v) const {
    const double slack = 1e-9 * std::max(std::abs(data.max), std::abs(data.min));
    return std::isfinite(v) && v >= data.min - slack && v <= data.max + slack && (!log || v > 0);
  }
};

double nice_step(double raw) {
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0})
    if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10.0 * power;
}

std::string tick_label(double value, double step, const std::string& suffix) {
  const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 9);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text + suffix;
}

std::vector<Tick> log_ticks(Range r) {
  std::vector<Tick> ticks;
  for (double e = std::floor(std::log10(r.min)); e <= std::ceil(std::log10(r.max)); ++e) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", std::pow(10.0, e));
    ticks.push_back({std::pow(10.0, e), buffer});
  }
  return ticks;
}

// The axis's final range and ticks: automatic ticks extend the range to round values; given
// ticks keep the data's range and only those inside it are drawn.
struct ResolvedAxis {
  Range range;
  std::vector<Tick> ticks;
};

ResolvedAxis resolve(const Axis& axis, Range data, int count) {
  if (std::isfinite(axis.min) && std::isfinite(axis.max) && axis.min < axis.max &&
      (!axis.log || axis.min > 0))
    data = {axis.min, axis.max};
  if (axis.log) {
    if (data.max <= data.min * 1.0001) data = {data.min / 2, data.max * 2};
    if (!axis.ticks.empty()) return {data, axis.ticks};
    std::vector<Tick> ticks = log_ticks(data);
    return {{std::min(data.min, ticks.front().value), std::max(data.max, ticks.back().value)},
            ticks};
  }
  if (!axis.ticks.empty()) {
    if (data.max <= data.min) data = {data.min - 0.5, data.max + 0.5};
    return {data, axis.ticks};
  }
  std::vector<Tick> ticks = round_ticks(data.min, data.max, count, axis.suffix);
  return {{ticks.front().value, ticks.back().value}, ticks};
}

struct Plot {
  double left, top, right, bottom;
  Scale x, y;
};

Plot make_plot(const Frame& f, double left, Range x, Range y, bool x_log, bool y_log,
               double right = margin_right, double bottom = margin_bottom) {
  Plot p{left, margin_top, f.width - right, f.height - bottom, {}, {}};
  p.x = {x, p.left, p.right, x_log};
  p.y = {y, p.bottom, p.top, y_log};
  return p;
}

std::string open_svg(const Frame& f) {
  const std::string title = html_escape(f.title);
  return "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(f.width) + " " +
         std::to_string(f.height) + "\" width=\"" + std::to_string(f.width) + "\" height=\"" +
         std::to_string(f.height) + "\" role=\"img\" aria-label=\"" + title + "\">\n<title>" +
         title + "</title>\n";
}

std::string text(double x, double y, const std::string& content, const std::string& extra = "") {
  return "<text" + attr("x", x) + attr("y", y) + extra + ">" + html_escape(content) + "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2, const std::string& cls) {
  return "<line class=\"" + cls + "\"" + attr("x1", x1) + attr("y1", y1) + attr("x2", x2) +
         attr("y2", y2) + "/>\n";
}

std::string rect(double x, double y, double w, double h, const std::string& cls,
                 const std::string& hover = "") {
  std::string out = "<rect class=\"" + cls + "\"" + attr("x", x) + attr("y", y) +
                    attr("width", std::max(w, 1.0)) + attr("height", std::max(h, 1.0));
  if (hover.empty()) return out + "/>\n";
  return out + "><title>" + html_escape(hover) + "</title></rect>\n";
}

std::string x_axis(const Plot& p, const std::vector<Tick>& ticks, const std::string& title,
                   bool grid) {
  std::string out = line(p.left, p.bottom, p.right, p.bottom, "axis");
  for (const Tick& t : ticks) {
    if (!p.x.contains(t.value)) continue;
    const double x = p.x(t.value);
    if (grid) out += line(x, p.top, x, p.bottom, "grid");
    out += line(x, p.bottom, x, p.bottom + 5, "axis");
    out += text(x, p.bottom + 18, t.label, " text-anchor=\"middle\"");
  }
  return out + text((p.left + p.right) / 2, p.bottom + 40, title,
                    " text-anchor=\"middle\" class=\"axis-title\"");
}

std::string y_axis(const Plot& p, const std::vector<Tick>& ticks, const std::string& title) {
  std::string out = line(p.left, p.top, p.left, p.bottom, "axis");
  for (const Tick& t : ticks) {
    if (!p.y.contains(t.value)) continue;
    const double y = p.y(t.value);
    out += line(p.left, y, p.right, y, "grid");
    out += line(p.left - 5, y, p.left, y, "axis");
    out += text(p.left - 8, y + 4, t.label, " text-anchor=\"end\"");
  }
  const double middle = (p.top + p.bottom) / 2;
  return out + text(16, middle, title,
                    " text-anchor=\"middle\" class=\"axis-title\" transform=\"rotate(-90 16 " +
                        px(middle) + ")\"");
}

struct LegendItem {
  std::string style;
  std::string label;
  bool swatch = true;  // a filled square; otherwise a short line
};

std::string legend(const Plot& p, const std::vector<LegendItem>& items) {
  std::string out;
  double x = p.left;
  for (const auto& item : items) {
    if (item.label.empty()) continue;
    out += item.swatch ? rect(x, 10, 12, 12, item.style) : line(x, 16, x + 18, 16, item.style);
    out += text(x + 22, 20, item.label);
    x += 34 + 6.5 * static_cast<double>(item.label.size());
  }
  return out;
}

// Vertical markers with their labels stacked from the top, so that close ones stay legible.
std::string vertical_markers(const Plot& p, const std::vector<Marker>& markers) {
  std::string out;
  double row = 0;
  for (const Marker& m : markers) {
    if (!p.x.contains(m.value)) continue;
    const double x = p.x(m.value);
    // To the right of its line, unless that would run past the plot.
    const bool left = x > p.right - 6.0 * static_cast<double>(m.label.size());
    out += line(x, p.top, x, p.bottom, m.style);
    out += text(left ? x - 4 : x + 4, p.top + 12 + 14 * row++, m.label,
                left ? " text-anchor=\"end\" class=\"marker-label\"" : " class=\"marker-label\"");
  }
  return out;
}

// Each line across the plot, named in a key under the x axis (a sample of the line, then its
// label), so that no label covers data.
std::string horizontal_markers(const Plot& p, const std::vector<Marker>& markers) {
  std::string out;
  double key = p.bottom + margin_bottom + 4;
  for (const Marker& m : markers) {
    if (p.y.contains(m.value)) {
      const double y = p.y(m.value);
      out += line(p.left, y, p.right, y, m.style);
    }
    out += line(p.left, key - 4, p.left + 24, key - 4, m.style);
    out += text(p.left + 30, key, m.label, " class=\"key-label\"");
    key += key_row;
  }
  return out;
}

std::string points_attr(const std::vector<std::pair<double, double>>& points) {
  std::string out;
  for (const auto& [x, y] : points) out += (out.empty() ? "" : " ") + px(x) + "," + px(y);
  return out;
}

bool finite_at(const std::vector<double>& values, std::size_t i) {
  return i < values.size() && std::isfinite(values[i]);
}

std::string classes(const char* mark, const LineSeries& s) {
  return s.style.empty() ? std::string(mark) : mark + (" " + s.style);
}

// The band as one polygon per run of points whose bounds are all finite; a run of one point is
// an error bar.
std::string band(const Plot& p, const std::vector<double>& xs, const LineSeries& s) {
  std::string out;
  std::size_t i = 0;
  const auto ok = [&](std::size_t k) {
    return finite_at(xs, k) && finite_at(s.lower, k) && finite_at(s.upper, k);
  };
  while (i < xs.size()) {
    if (!ok(i)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < xs.size() && ok(end)) ++end;
    std::vector<std::pair<double, double>> polygon;
    for (std::size_t k = i; k < end; ++k) polygon.emplace_back(p.x(xs[k]), p.y(s.upper[k]));
    for (std::size_t k = end; k-- > i;) polygon.emplace_back(p.x(xs[k]), p.y(s.lower[k]));
    out += end - i > 1 ? "<polygon class=\"" + classes("band", s) + "\" points=\"" +
                             points_attr(polygon) + "\"/>\n"
                       : line(polygon[0].first, polygon[0].second, polygon[1].first,
                              polygon[1].second, "whisker");
    i = end;
  }
  return out;
}

std::string estimate_line(const Plot& p, const std::vector<double>& xs, const LineSeries& s) {
  std::string out, dots;
  std::vector<std::pair<double, double>> run;
  const auto flush = [&] {
    if (run.size() > 1)
      out +=
          "<polyline class=\"" + classes("line", s) + "\" points=\"" + points_attr(run) + "\"/>\n";
    run.clear();
  };
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (!finite_at(xs, i) || !finite_at(s.estimate, i)) {
      flush();
      continue;
    }
    run.emplace_back(p.x(xs[i]), p.y(s.estimate[i]));
    if (xs.size() > max_dots) continue;
    dots += "<circle class=\"" + classes("point", s) + "\"" + attr("cx", run.back().first) +
            attr("cy", run.back().second) + " r=\"3.5\">";
    if (i < s.point_labels.size()) dots += "<title>" + html_escape(s.point_labels[i]) + "</title>";
    dots += "</circle>\n";
  }
  flush();
  return out + dots;
}

// The left margin that holds the longest row label whole.
double label_room(const std::vector<std::string>& labels) {
  std::size_t widest = 0;
  for (const auto& label : labels) widest = std::max(widest, text_parts::display_width(label));
  return std::max(label_margin, 16 + char_width * static_cast<double>(widest));
}

// Horizontal bar rows share their layout: labels on the left, `row` pixels per row; the chart
// is wider by what the labels need beyond the usual margin, so the bars keep their room.
Frame rows_frame(Frame f, std::size_t rows, double row, double labels) {
  f.height = static_cast<int>(margin_top + margin_bottom + row * static_cast<double>(rows));
  f.width += static_cast<int>(std::ceil(labels - label_margin));
  return f;
}

std::string row_label(const Plot& p, double y, const std::string& label) {
  return "<text" + attr("x", p.left - 8) + attr("y", y) + " text-anchor=\"end\">" +
         html_escape(label) + "</text>\n";
}

std::string whisker(const Plot& p, double y, double lower, double upper) {
  if (!std::isfinite(lower) || !std::isfinite(upper)) return {};
  const double a = p.x(lower), b = p.x(upper);
  return line(a, y, b, y, "whisker") + line(a, y - 3, a, y + 3, "whisker") +
         line(b, y - 3, b, y + 3, "whisker");
}

}  // namespace

const char* style() {
  return R"(
svg.chart { display: block; max-width: 100%; height: auto; background: #fff; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #333; }
svg.chart text.axis-title { font-weight: 600; }
svg.chart text.marker-label { font-size: 11px; fill: #333; paint-order: stroke;
                              stroke: #fff; stroke-width: 3px; }
svg.chart text.key-label { font-size: 11px; fill: #333; }
svg.chart .axis { stroke: #777; stroke-width: 1; }
svg.chart .grid { stroke: #e8e8e8; stroke-width: 1; }
svg.chart .bar { fill: #4e79a7; }
svg.chart .band { fill: #4e79a7; fill-opacity: 0.25; stroke: none; }
svg.chart .line, svg.chart .step { fill: none; stroke: #4e79a7; stroke-width: 2.5; }
svg.chart .point { fill: #4e79a7; }
svg.chart .band.second { fill: #b07aa1; }
svg.chart .line.second { stroke: #b07aa1; }
svg.chart .point.second { fill: #b07aa1; }
svg.chart .target { stroke: #d62728; stroke-width: 2; stroke-dasharray: 7 4; }
svg.chart .objective { stroke: #f28e2b; stroke-width: 2; stroke-dasharray: 3 3; }
svg.chart .marker { stroke: #555; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .zero { stroke: #333; stroke-width: 1.5; }
svg.chart .whisker { stroke: #222; stroke-width: 1.2; }
svg.chart .low { fill: #59a14f; }
svg.chart .high { fill: #e15759; }
)";
}

std::vector<Tick> round_ticks(double min, double max, int count, const std::string& suffix) {
  if (!std::isfinite(min) || !std::isfinite(max) || min > max) min = 0.0, max = 1.0;
  if (max - min <= 1e-12 * std::max(std::abs(min), std::abs(max))) {
    const double half = min == 0.0 ? 0.5 : 0.1 * std::abs(min);
    min -= half, max += half;
  }
  const double step = nice_step((max - min) / std::max(count, 1));
  const double first = std::floor(min / step + 1e-9), last = std::ceil(max / step - 1e-9);
  std::vector<Tick> ticks;
  for (double k = first; k <= last; ++k) {
    const double value = std::abs(k) < 0.5 ? 0.0 : k * step;
    ticks.push_back({value, tick_label(value, step, suffix)});
  }
  return ticks;
}

Histogram bin_values(const std::vector<double>& values, int bins, bool log) {
  return bin_values(values, std::vector<double>(values.size(), 1.0), bins, log);
}

Histogram bin_values(const std::vector<double>& values, const std::vector<double>& counts, int bins,
                     bool log) {
  Histogram h;
  const Range r = range_of({&values}, log);
  bins = std::max(bins, 1);
  h.x.log = log && r.max > r.min * 1.0001;
  double lo = r.min, hi = r.max;
  if (h.x.log) {
    const double ratio = std::pow(hi / lo, 1.0 / bins);
    for (int i = 0; i <= bins; ++i) h.edges.push_back(lo * std::pow(ratio, i));
  } else {
    if (lo >= 0 && lo <= 0.25 * hi) lo = 0.0;  // a count from zero reads more naturally
    if (hi <= lo && lo == 0.0) {
      hi = 1.0;
    } else if (hi <= lo) {
      lo -= 0.1 * std::abs(lo);
      hi += 0.1 * std::abs(hi);
    }
    for (int i = 0; i <= bins; ++i) h.edges.push_back(lo + (hi - lo) * i / bins);
  }
  h.edges.back() = std::max(h.edges.back(), r.max);
  h.counts.assign(static_cast<std::size_t>(bins), 0.0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) continue;
    const double at = h.x.log ? std::log(std::max(v, lo) / lo) / std::log(hi / lo)
                              : (v - lo) / (h.edges.back() - lo);
    const auto bin = static_cast<std::size_t>(std::clamp(at * bins, 0.0, bins - 1.0));
    h.counts[bin] += counts[i];
  }
  return h;
}

std::string line_chart(const LineChart& c) {
  std::vector<double> levels;
  for (const Marker& m : c.levels) levels.push_back(m.value);
  std::vector<const std::vector<double>*> ys{&levels};
  for (const LineSeries& s : c.series) ys.insert(ys.end(), {&s.estimate, &s.lower, &s.upper});
  const ResolvedAxis x = resolve(c.x, range_of({&c.xs}, c.x.log), 8);
  const ResolvedAxis y = resolve(c.y, range_of(ys, c.y.log), 6);
  Frame frame = c.frame;  // taller by the key of the levels
  const double key = key_row * static_cast<double>(c.levels.size());
  frame.height += static_cast<int>(key);
  const Plot p = make_plot(frame, margin_left, x.range, y.range, c.x.log, c.y.log, margin_right,
                           margin_bottom + key);
  std::string out =
      open_svg(frame) + y_axis(p, y.ticks, c.y.title) + x_axis(p, x.ticks, c.x.title, false);
  for (const LineSeries& s : c.series) out += band(p, c.xs, s);
  out += horizontal_markers(p, c.levels);
  // The levels are named in the key, so the legend names the bands and the lines only.
  std::vector<LegendItem> items;
  for (const LineSeries& s : c.series) {
    out += estimate_line(p, c.xs, s);
    items.push_back({classes("band", s), s.band_label, true});
    items.push_back({classes("line", s), s.line_label, false});
  }
  return out + legend(p, items) + "</svg>\n";
}

std::string histogram(const Histogram& c) {
  double total = 0.0;
  for (const double n : c.counts) total += n;
  std::vector<double> shares;
  for (const double n : c.counts) shares.push_back(total > 0 ? 100.0 * n / total : 0.0);
  std::vector<double> zero{0.0};
  const ResolvedAxis x = resolve(c.x, range_of({&c.edges}, c.x.log), 7);
  const ResolvedAxis y = resolve(c.y, range_of({&shares, &zero}, false), 5);
  const Plot p = make_plot(c.frame, margin_left, x.range, y.range, c.x.log, false);
  std::string out = open_svg(c.frame) + y_axis(p, y.ticks, c.y.title);
  for (std::size_t i = 0; i < shares.size() && i + 1 < c.edges.size(); ++i) {
    if (shares[i] <= 0.0) continue;
    const double left = p.x(c.edges[i]), right = p.x(c.edges[i + 1]), top = p.y(shares[i]);
    out += rect(left + 0.5, top, right - left - 1.0, p.bottom - top, "bar",
                tick_label(shares[i], 0.1, " %"));
  }
  return out + x_axis(p, x.ticks, c.x.title, false) + vertical_markers(p, c.markers) + "</svg>\n";
}

std::string step_chart(const StepChart& c) {
  std::vector<double> zero{0.0};
  const ResolvedAxis x = resolve(c.x, range_of({&c.xs}, c.x.log), 7);
  const ResolvedAxis y = resolve(c.y, range_of({&c.ys, &zero}, c.y.log), 5);
  const Plot p = make_plot(c.frame, margin_left, x.range, y.range, c.x.log, c.y.log);
  // On a log axis a zero drops to the floor of the plot: the curve's end.
  const auto y_of = [&](double v) { return c.y.log && v <= y.range.min ? p.bottom : p.y(v); };
  std::vector<std::pair<double, double>> points;
  for (std::size_t i = 0; i < c.xs.size() && i < c.ys.size(); ++i) {
    if (!std::isfinite(c.xs[i]) || !std::isfinite(c.ys[i])) continue;
    if (!points.empty()) points.emplace_back(p.x(c.xs[i]), points.back().second);
    points.emplace_back(p.x(c.xs[i]), y_of(c.ys[i]));
  }
  if (!points.empty()) points.emplace_back(p.right, points.back().second);
  std::string out = open_svg(c.frame) + y_axis(p, y.ticks, c.y.title) +
                    x_axis(p, x.ticks, c.x.title, false) + vertical_markers(p, c.markers);
  if (points.size() > 1)
    out += "<polyline class=\"step\" points=\"" + points_attr(points) + "\"/>\n";
  return out + "</svg>\n";
}

std::string bar_rows(const BarRows& c) {
  constexpr double row = 24;
  const double labels = label_room(c.labels);
  const Frame frame = rows_frame(c.frame, c.labels.size(), row, labels);
  std::vector<double> zero{0.0};
  const ResolvedAxis x = resolve(c.x, range_of({&c.values, &zero}, false), 6);
  const Plot p = make_plot(frame, labels, x.range, {0, 1}, false, false, value_margin);
  std::string out = open_svg(frame) + x_axis(p, x.ticks, c.x.title, true);
  for (std::size_t i = 0; i < c.labels.size(); ++i) {
    const double y = p.top + row * static_cast<double>(i);
    out += row_label(p, y + row / 2 + 4, c.labels[i]);
    if (i >= c.values.size() || !std::isfinite(c.values[i]) || c.values[i] <= 0) continue;
    const double end = p.x(c.values[i]);
    out += rect(p.left, y + 4, end - p.left, row - 8, "bar", c.labels[i]);
    if (i < c.value_labels.size()) out += text(end + 4, y + row / 2 + 4, c.value_labels[i]);
  }
  return out + line(p.left, p.top, p.left, p.bottom, "axis") + "</svg>\n";
}

std::string tornado(const Tornado& c) {
  constexpr double row = 36;
  std::vector<std::string> names;
  for (const TornadoRow& r : c.rows) names.push_back(r.label);
  const double labels = label_room(names);
  const Frame frame = rows_frame(c.frame, c.rows.size(), row, labels);
  std::vector<double> values{0.0};
  for (const TornadoRow& r : c.rows)
    values.insert(values.end(),
                  {r.low, r.low_lower, r.low_upper, r.high, r.high_lower, r.high_upper});
  const ResolvedAxis x = resolve(c.x, range_of({&values}, false), 6);
  const Plot p = make_plot(frame, labels, x.range, {0, 1}, false, false);
  std::string out = open_svg(frame) + x_axis(p, x.ticks, c.x.title, true);
  const double zero = p.x(0.0);
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const TornadoRow& r = c.rows[i];
    const double y = p.top + row * static_cast<double>(i);
    out += row_label(p, y + row / 2 + 4, r.label);
    const auto bar = [&](double v, double lower, double upper, double top, const char* cls,
                         const std::string& hover) {
      if (!std::isfinite(v)) return;
      const double end = p.x(v);
      out += rect(std::min(zero, end), top, std::abs(end - zero), 12, cls, hover);
      out += whisker(p, top + 6, lower, upper);
    };
    bar(r.low, r.low_lower, r.low_upper, y + 5, "low", c.low_label);
    bar(r.high, r.high_lower, r.high_upper, y + 19, "high", c.high_label);
  }
  out += line(zero, p.top, zero, p.bottom, "zero");
  return out + legend(p, {{"low", c.low_label, true}, {"high", c.high_label, true}}) + "</svg>\n";
}

}  // namespace reliasim::svg
