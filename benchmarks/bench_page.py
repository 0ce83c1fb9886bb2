"""The map page's own speed in headless Chromium: a 50,000-organisation map in one file.

Goals (issue 13): first draw of the overview <= 1 s, opening a province <= 0.3 s, a search result
<= 100 ms. Each figure is the median of ``--runs`` (3) fresh page loads, printed against its goal:

* *first draw*: ``window.swgraphMap.firstDrawMs`` — ``performance.now()`` (ms since navigation
  start: reading the file, parsing the scripts, inflating the data, building the page) at the first
  ``afterDrawing`` after the embedded font has loaded.
* *open province*: ``swgraphMap.openGroup(biggest province)`` until the next ``afterDrawing``
  (the drawn frame, not only the script), then closed again.
* *search*: ``swgraphMap.search('中国社会工作联合会')`` (and one person, 宫蒲光): finding, listing the
  results, opening the node's province and centring it, until the next ``afterDrawing``. One warm-up
  search first (the keys are normalised once, on the first search or when idle after the first draw).

Chromium's own main-thread time (CDP ``Performance.getMetrics`` ``TaskDuration``) is printed beside
each wall-clock figure: on a shared machine wall time is inflated, task time less so. For the first
draw it runs until the page was polled ready, so it also holds some idle work after the draw.

    .venv/bin/python benchmarks/bench_page.py                 # builds the 50k map (about 2 minutes), measures
    .venv/bin/python benchmarks/bench_page.py --html map.html # measures an existing page
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, Timer

GOALS = {"first_draw": 1000.0, "open_province": 300.0, "search": 100.0}

# resolves with [wall ms, ...] after the next drawn frame following the action
_AFTER_DRAW = """
var A = arguments, done = A[A.length - 1], net = swgraphMap.network, t = performance.now();
(function () { %s })();
var sync = performance.now() - t;
net.once("afterDrawing", function () { done([performance.now() - t, sync]); });
net.redraw();
"""


def build_50k(path: Path) -> dict:
    """Write the 50k-organisation map (records, people, dates; sized by kind) as bench_maps.py does."""
    from bench_maps import _national

    from swgraph.application.maps import map_dates, map_people
    from swgraph.graph import project
    from swgraph.maps import record_notes, render_map

    ds = _national(50_000)
    with Timer() as t:
        G = project(ds, "collaboration")
        html = render_map(G, size_by=None, records=record_notes(ds), people=map_people(ds), dates=map_dates(ds),
                          title="50k organisations")
    path.write_text(html, encoding="utf-8")
    return {"organisations": len(ds.organisations), "build_s": t.s, "html_mb": len(html.encode("utf-8")) / 1e6}


def _task_ms(page) -> dict:
    m = {x["name"]: x["value"] for x in page.driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
    return {"task": m.get("TaskDuration", 0.0) * 1000, "script": m.get("ScriptDuration", 0.0) * 1000}


def measure_once(browser, path: Path) -> dict:
    browser.driver.execute_cdp_cmd("Performance.enable", {})
    page = browser.open(path)
    page.wait_for("return !!(window.swgraphMap && window.swgraphMap.ready)", timeout=300)
    out = {"first_draw": page.js("return swgraphMap.firstDrawMs"), "errors": page.js("return swgraphMap.errors")}
    out["first_draw_task"] = _task_ms(page)["task"]
    out["timings"] = page.js("return swgraphMap.timings || null")
    out["drawn"] = page.js("return swgraphMap.drawnCount")
    out["nodes"] = page.js("return swgraphMap.nodeCount")
    time.sleep(0.5)  # let idle work (search keys) run, as a user would take this long to start typing
    if page.js("return swgraphMap.overview"):
        code = max(page.js("return swgraphMap.groups()"), key=lambda g: g[2])[0]
        before = _task_ms(page)
        out["open_province"], out["open_province_sync"] = page.driver.execute_async_script(
            _AFTER_DRAW % "swgraphMap.openGroup(A[0]);", code)
        out["open_province_task"] = _task_ms(page)["task"] - before["task"]
        out["opened_drawn"] = page.js("return swgraphMap.drawnCount")
        page.js("swgraphMap.closeGroup(arguments[0])", code)
    page.js("swgraphMap.search('warm up'); swgraphMap.unselect()")
    for name, query in (("search", "中国社会工作联合会"), ("search_person", "宫蒲光")):
        page.js("swgraphMap.unselect(); document.getElementById('swg-crumbs').querySelector('button').click()")
        before = _task_ms(page)
        out[name], out[name + "_sync"] = page.driver.execute_async_script(_AFTER_DRAW % ("swgraphMap.search(%r);" % query))
        out[name + "_task"] = _task_ms(page)["task"] - before["task"]
        out[name + "_found"] = page.js("return swgraphMap.selected")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--html", type=Path, default=None, help="measure this page instead of building the 50k map")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.browser import Browser, chromium_available

    reason = chromium_available()
    if reason:
        print(f"headless Chromium unavailable: {reason}")
        return 1
    info = {}
    path = args.html
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="swgraph-page-")) / "whole-50k.html"
        info = build_50k(path)
        print(f"built {info['organisations']:,} organisations in {info['build_s']:.1f} s, {info['html_mb']:.2f} MB: {path}")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    runs = []
    with Browser() as b:
        for _ in range(args.runs):
            runs.append(measure_once(b, path))
    errors = [e for r in runs for e in r["errors"]]
    r0 = runs[0]
    print(f"{r0['nodes']:,} organisations embedded, {r0['drawn']} drawn at first, "
          f"{r0.get('opened_drawn', '-')} with the biggest province open; found "
          f"{r0['search_found']} and {r0['search_person_found']}")
    print(f"{'':<16}{'median wall':>12}{'runs (ms)':>26}{'main-thread task':>18}{'goal':>9}{'vs goal':>9}")
    for key, label in (("first_draw", "first draw"), ("open_province", "open province"),
                       ("search", "search"), ("search_person", "search person")):
        vals = [r[key] for r in runs if r.get(key) is not None]
        if not vals:
            continue
        med = statistics.median(vals)
        task = statistics.median(r[key + "_task"] for r in runs)
        goal = GOALS.get(key, GOALS["search"])
        print(f"{label:<16}{med:>9.0f} ms{', '.join(f'{v:.0f}' for v in vals):>26}{task:>15.0f} ms"
              f"{goal:>6.0f} ms{med / goal:>8.2f}x")
    stages = sorted((r0.get("timings") or {}).items(), key=lambda kv: kv[1])
    print("first load, ms since navigation start: " + ", ".join(f"{k} {v:.0f}" for k, v in stages))
    if errors:
        print("page errors:", errors[:5])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
