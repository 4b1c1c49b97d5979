"""Checks the HTML report of `reliasim run --format html` in a real browser.

Usage: check_report_in_browser.py RELIASIM_BINARY SOURCE_DIR CHROMIUM

Writes the web shop's report, then loads it in headless Chromium three ways:
  - as written, with --dump-dom: the browser logs no console message at all (the page has no
    scripts, so any message is an error), and the parsed DOM holds the expected charts, each
    with drawn marks and nothing that loads from outside;
  - with a measuring script appended, in a 1,400 px window: every chart is laid out at a
    readable size, its bars, lines and bands have a non-empty bounding box, its labels are
    whole (no ellipsis), inside it and clear of one another, the key of its reference lines
    lies under the data, months have names and the SLA exceedance a log axis; nothing is wider
    than the window (the FMEA table included), and the glossary explains S, O, D, RPN, AP, the
    importance measures and VaR / CVaR;
  - as a screenshot: the PNG (decoded with the standard library) is not blank and shows the
    charts' colour over a good number of pixels.
A canary page with a console error is loaded first, so that a change in Chromium's log format
cannot make the console check pass by seeing nothing. Only the standard library is used.
"""
import html
import html.parser
import json
import os
import pathlib
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib

TIMEOUT = 120  # seconds per browser run; a first start in a cold container is slow
EXPECTED_CHARTS = {  # per section of the web shop's report: two journeys, one SLA
    "availability": 2,
    "downtime": 1,
    "reliability": 2,  # R(t) and A(t) per journey
    "incident-times": 2,
    "sla-exposure": 1,
    "fmea": 1,
    "sensitivity": 1,  # the tornado
}
CHART_BLUE = (0x4E, 0x79, 0xA7)  # the bars' and lines' fill (svg_chart.cpp)

MEASURE = """<script>
const charts = [];
for (const svg of document.querySelectorAll("svg")) {
  const box = svg.getBoundingClientRect();
  let marks = 0;
  for (const mark of svg.querySelectorAll("rect, polyline, polygon, circle")) {
    const b = mark.getBBox();
    if (b.width > 0 && (b.height > 0 || mark.tagName === "polyline")) marks++;
  }
  const section = svg.closest("section");
  // Every label whole, inside its chart, clear of every other label; a key under the data.
  const texts = [...svg.querySelectorAll("text")].map(t => ({text: t.textContent,
    key: t.classList.contains("key-label"), box: t.getBoundingClientRect()}));
  const problems = [];
  for (const t of texts) {
    if (t.text.includes("\u2026")) problems.push("shortened label: " + t.text);
    if (t.box.left < box.left - 1 || t.box.right > box.right + 1 || t.box.top < box.top - 1 ||
        t.box.bottom > box.bottom + 1) problems.push("label outside the chart: " + t.text);
  }
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].box, b = texts[j].box;
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1)
        problems.push("labels overlap: " + texts[i].text + " / " + texts[j].text);
    }
  let data = -Infinity;
  for (const mark of svg.querySelectorAll("polyline, polygon, circle"))
    data = Math.max(data, mark.getBoundingClientRect().bottom);
  for (const t of texts)
    if (t.key && t.box.top < data) problems.push("key label over the data: " + t.text);
  const ticks = texts.map(t => t.text);
  charts.push({section: section ? section.id : "", width: box.width, height: box.height, marks,
               problems, ticks});
}
const page = {width: document.documentElement.scrollWidth, view: window.innerWidth,
              glossary: [...document.querySelectorAll("#glossary dt")].map(d => d.textContent)};
const fmea = document.querySelector("#fmea table");
page.fmea_right = fmea ? fmea.getBoundingClientRect().right : 0;
page.column_right = document.querySelector("main").getBoundingClientRect().right;
charts.push({page});
const out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify(charts);
document.body.appendChild(out);
</script>
"""


class Failure(Exception):
    pass


def run_chromium(chromium, profile, *arguments):
    """Runs headless Chromium; returns (stdout, stderr). Kills its whole process group on a
    timeout so that no renderer outlives the test."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--no-default-browser-check", "--disable-extensions",
               "--hide-scrollbars", f"--user-data-dir={profile}", "--enable-logging=stderr",
               "--v=0", *arguments]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, errors="replace", start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise Failure(f"chromium did not finish within {TIMEOUT} s: {' '.join(command)}")
    if process.returncode != 0:
        raise Failure(f"chromium exited with {process.returncode}:\n{stderr[-2000:]}")
    return stdout, stderr


def console_messages(stderr):
    # Chromium logs page console output as "...:INFO:CONSOLE:12] "text", source: ..." (older
    # versions "CONSOLE(12)"); uncaught exceptions come the same way, as "Uncaught ...".
    return [line for line in stderr.splitlines()
            if re.search(r":CONSOLE[:(]", line) or "Uncaught" in line]


class Charts(html.parser.HTMLParser):
    """The <svg> elements of a page by section, the drawn marks in each, and any attribute
    that would load something."""

    def __init__(self):
        super().__init__()
        self.section = None
        self.charts = []  # [section, marks]
        self.external = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href") or "url(" in (value or ""):
                self.external.append(f"<{tag} {name}={value!r}>")
        if tag == "section":
            self.section = values.get("id")
        elif tag == "svg":
            self.charts.append([self.section, 0])
        elif self.charts and drawn(tag, values):
            self.charts[-1][1] += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def drawn(tag, values):
    if tag == "rect":
        return number(values.get("width")) > 0 and number(values.get("height")) > 0
    if tag in ("polyline", "polygon"):
        return len(set(values.get("points", "").split())) >= 2
    if tag == "circle":
        return number(values.get("r")) > 0
    return False


def check_canary(chromium, work):
    canary = work / "canary.html"
    canary.write_text("<!DOCTYPE html><title>canary</title>"
                      "<script>console.error('reliasim-canary')</script>")
    _, stderr = run_chromium(chromium, work / "profile-canary", "--dump-dom", canary.as_uri())
    if not any("reliasim-canary" in line for line in console_messages(stderr)):
        raise Failure("a console error on a canary page went unnoticed: has Chromium's log "
                      "format changed?\n" + stderr[-2000:])


def check_dom(chromium, work, report):
    dom, stderr = run_chromium(chromium, work / "profile-dom", "--dump-dom", report.as_uri())
    messages = console_messages(stderr)
    if messages:
        raise Failure("the report logged to the console:\n" + "\n".join(messages))
    if "</html>" not in dom:
        raise Failure("chromium returned no DOM")
    parser = Charts()
    parser.feed(dom)
    if parser.external:
        raise Failure("the report loads from outside: " + ", ".join(parser.external))
    counts = {}
    for section, marks in parser.charts:
        counts[section] = counts.get(section, 0) + 1
        if marks == 0:
            raise Failure(f"a chart in section {section!r} draws nothing")
    if counts != EXPECTED_CHARTS:
        raise Failure(f"charts per section {counts}, expected {EXPECTED_CHARTS}")
    return len(parser.charts)


def check_layout(chromium, work, report):
    probe = work / "measured.html"
    probe.write_text(report.read_text().replace("</body>", MEASURE + "</body>"))
    dom, _ = run_chromium(chromium, work / "profile-layout", "--window-size=1400,1000",
                          "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    if not found:
        raise Failure("the measuring script left no result")
    charts = json.loads(html.unescape(found.group(1)))
    page = charts.pop()["page"]
    check_page(page)
    if len(charts) != sum(EXPECTED_CHARTS.values()):
        raise Failure(f"{len(charts)} charts laid out, expected {sum(EXPECTED_CHARTS.values())}")
    for chart in charts:
        if chart["width"] < 300 or chart["height"] < 100 or chart["marks"] == 0:
            raise Failure(f"a chart did not render: {chart}")
        if chart["problems"]:
            raise Failure(f"a chart in {chart['section']!r}: " + "; ".join(chart["problems"][:5]))
    check_axes(charts)


GLOSSARY = {"S (severity)", "O (occurrence)", "D (detection)", "RPN", "AP", "Birnbaum",
            "Fussell-Vesely", "RAW", "RRW", "VaR 95 %", "CVaR 95 %"}


def check_page(page):
    """At 1,400 px nothing runs off the page and the FMEA table stays in the page's column; the
    glossary explains every score and measure the page uses."""
    if page["width"] > page["view"] or page["fmea_right"] > page["column_right"] + 1:
        raise Failure(f"the page or its FMEA table is wider than the {page['view']} px window "
                      f"allows: {page}")
    missing = GLOSSARY - set(page["glossary"])
    if missing:
        raise Failure(f"the glossary lacks {sorted(missing)}")


def check_axes(charts):
    """Months by name on the monthly charts (the web shop starts in January 2027), and the SLA
    exceedance on a log scale: ticks a factor of ten apart."""
    for chart in charts:
        if chart["section"] == "availability" and not {"Jan 2027", "Feb", "Dec"} <= set(chart["ticks"]):
            raise Failure(f"a monthly chart without month names: {chart['ticks']}")
        if chart["section"] == "sla-exposure" and not {"100 %", "10 %", "1 %"} <= set(chart["ticks"]):
            raise Failure(f"the SLA exceedance is not on a log scale: {chart['ticks']}")


def png_rows(data):
    """The rows of an 8-bit RGB or RGBA, non-interlaced PNG as bytes, and the channels."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failure("the screenshot is not a PNG")
    position, compressed, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed.append(body)
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise Failure(f"unexpected PNG layout {header}")
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(b"".join(compressed))
    previous, rows = bytearray(stride), []
    for y in range(height):
        start = y * (stride + 1)
        rows.append(unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous,
                             channels))
        previous = rows[-1]
    return rows, channels


def unfilter(kind, line, previous, bpp):
    if kind == 1:  # Sub
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif kind == 2:  # Up
        line = bytearray((a + b) & 255 for a, b in zip(line, previous))
    elif kind == 3:  # Average
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (left + previous[i]) // 2) & 255
    elif kind == 4:  # Paeth
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return line


def check_screenshot(chromium, work, report):
    shot = work / "report.png"
    run_chromium(chromium, work / "profile-shot", "--window-size=1280,6000",
                 "--force-device-scale-factor=0.5", f"--screenshot={shot}", report.as_uri())
    rows, channels = png_rows(shot.read_bytes())
    colours, painted, blue, total = set(), 0, 0, 0
    for row in rows:
        for i in range(0, len(row), channels):
            pixel = tuple(row[i:i + 3])
            colours.add(pixel)
            total += 1
            painted += pixel != (255, 255, 255)
            blue += all(abs(p - q) <= 12 for p, q in zip(pixel, CHART_BLUE))
    if len(colours) < 32 or painted < total // 50:
        raise Failure(f"the screenshot looks blank: {len(colours)} colours, "
                      f"{painted} of {total} pixels painted")
    if blue < 2000:
        raise Failure(f"the charts' colour covers only {blue} pixels of the screenshot")
    return len(colours), blue


def main() -> int:
    binary, source, chromium = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
    work = pathlib.Path(tempfile.mkdtemp(prefix="reliasim-browser-"))
    try:
        report = work / "report.html"
        subprocess.run([binary, "run", "scenarios/web-shop.yaml", "--trials", "300", "--format",
                        "html", "-o", str(report)], cwd=source, check=True, timeout=TIMEOUT)
        check_canary(chromium, work)
        charts = check_dom(chromium, work, report)
        check_layout(chromium, work, report)
        colours, blue = check_screenshot(chromium, work, report)
        print(f"{charts} charts render without console messages; screenshot: {colours} colours, "
              f"{blue} chart pixels")
        return 0
    except Failure as failure:
        print(f"FAILED: {failure}")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
