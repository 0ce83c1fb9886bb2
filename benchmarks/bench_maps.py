"""Stage 3: offline maps — build time, HTML size, first draw in headless Chromium; plain pyvis alongside.

For an N-node network (the real collaboration graph of a generated data set,
trimmed to exactly N organisations):

* ``swgraph``: ``swgraph.maps.render_map(G)`` with its defaults (precomputed
  force layout, physics off). Above ``DEFAULT_MAX_NODES`` (5,000) it draws an
  overview by province **by design** — the 50,000-node row is that overview.
  First draw = ``window.swgraphMap.firstDrawMs`` (``performance.now()`` at the
  network's first ``afterDrawing``, i.e. ms since navigation start).
* ``pyvis``: ``pyvis.network.Network(cdn_resources="in_line")`` +
  ``from_nx(G)`` + ``generate_html()``, default physics. ``from_nx`` calls
  ``add_edge``, which scans every existing edge (quadratic), so it is run
  only up to a node cap and estimated above it from a power-law fit of the
  measured sizes (labelled *estimated*). First draw: listeners are added to
  the page right after ``new vis.Network(...)`` and record ``performance.now()``
  at the first ``afterDrawing`` (or the second animation frame after
  construction, whichever is seen first; vis stabilises synchronously in the constructor) and at
  ``stabilized``; either not reached within the cap is
  reported ``> cap``.

Pages are opened through ``tests/browser.py``'s ``Browser`` (network blocked).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _common import ROOT, Timer, contract_graph, maxrss_mb

# Installed right after ``new vis.Network(...)``. vis 9 (as pyvis ships it) runs the stabilisation
# iterations synchronously inside the constructor, so its first ``afterDrawing`` comes in a later
# animation frame; listeners added here catch it and ``stabilized``. As a fallback (if the first draw
# happened before the listener) the second animation frame after construction counts as first draw.
PYVIS_HOOK = """
                  window.__pv = {constructed: performance.now(), first: null, frame: null, stabilized: null};
                  network.once("afterDrawing", function () { if (window.__pv.first === null) window.__pv.first = performance.now(); });
                  network.on("stabilized", function () { if (window.__pv.stabilized === null) window.__pv.stabilized = performance.now(); });
                  requestAnimationFrame(function () { requestAnimationFrame(function () { window.__pv.frame = performance.now(); }); });
"""
ANCHOR = "network = new vis.Network(container, data, options);"


def task_build(n: int, kind: str, html_path: str) -> dict:
    G = contract_graph(n, exact=True)
    base = maxrss_mb()
    out = {"n": G.number_of_nodes(), "m": G.number_of_edges(), "kind": kind}
    if kind == "swgraph":
        from swgraph.maps.render import DEFAULT_MAX_NODES, render_map

        with Timer() as t:
            html = render_map(G)
        out["overview"] = G.number_of_nodes() > DEFAULT_MAX_NODES
        out["max_nodes"] = DEFAULT_MAX_NODES
    else:
        from pyvis.network import Network

        with Timer() as t:
            net = Network(cdn_resources="in_line")
            net.from_nx(G)
            html = net.generate_html()
        if ANCHOR not in html:
            raise RuntimeError("pyvis template changed: cannot hook first-draw listeners")
        html = html.replace(ANCHOR, ANCHOR + PYVIS_HOOK, 1)  # timestamps only; the page is otherwise untouched
    Path(html_path).write_text(html, encoding="utf-8")
    out.update(build_s=t.s, html_bytes=len(html.encode("utf-8")), rss_base_mb=round(base, 1), html_path=html_path)
    return out


def task_draw(html_path: str, kind: str, cap: float) -> dict:
    sys.path.insert(0, str(ROOT))  # tests/ is a package: import it as such (tests/neo4j must not shadow the driver)
    from tests.browser import Browser, chromium_available

    reason = chromium_available()
    if reason:
        return {"status": "n/a", "note": f"headless Chromium unavailable: {reason}"}
    b = Browser()
    try:
        b.driver.set_page_load_timeout(cap + 30)
        b.driver.set_script_timeout(cap + 30)
        t0 = time.perf_counter()
        try:
            page = b.open(html_path)
        except Exception as exc:  # noqa: BLE001 - a page that does not load within the cap
            return {"status": "ok", "first_draw_ms": None, "note": f"page did not load within {cap + 30:.0f} s: {type(exc).__name__}"}
        out: dict = {}
        if kind == "swgraph":
            got = _poll(page, "return window.swgraphMap && window.swgraphMap.firstDrawMs", cap, t0)
            out["first_draw_ms"] = got
            out["errors"] = page.js("return (window.swgraphMap && window.swgraphMap.errors) || []")
            out["drawn_nodes"] = page.js("return window.swgraphMap && window.swgraphMap.drawnCount")
        else:
            out["first_draw_ms"] = _poll(page, "return window.__pv && (window.__pv.first || window.__pv.frame)", cap, t0)
            pv = page.js("return window.__pv") or {}
            out["constructed_ms"], out["after_drawing_ms"], out["frame_ms"] = pv.get("constructed"), pv.get("first"), pv.get("frame")
            out["stabilized_ms"] = _poll(page, "return window.__pv && window.__pv.stabilized", cap, t0)
        out["cap_s"] = cap
        out["console_errors"] = page.console_errors()[:5]
        return out
    finally:
        b.close()


def _poll(page, script: str, cap: float, t0: float):
    """The script's value once truthy, or None if it is not within ``cap`` seconds of ``t0``."""
    while time.perf_counter() - t0 < cap:
        try:
            v = page.js(script)
        except Exception:  # noqa: BLE001 - page busy; try again
            v = None
        if v:
            return float(v)
        time.sleep(0.05)
    return None


TASKS = {"build": task_build, "draw": task_draw}


# ------------------------------------------------------------------ one file for the whole network (issue 13)

def _national(n_orgs: int | None):
    """The generated national data set (documented + synthetic) in memory: scale 1, or about ``n_orgs`` organisations."""
    from _common import PROFILE, SEED, dataset_in_memory, scale_for_nodes

    from swgraph.synthetic import generate
    from swgraph.synthetic.build import load_documented

    documented = load_documented()
    scale = 1.0 if n_orgs is None else scale_for_nodes(n_orgs, len(documented.organisations))[0]
    return dataset_in_memory(generate(PROFILE, scale=scale, seed=SEED, documented=documented), documented)


def whole_network_pages(workdir: Path) -> list[dict]:
    """File size, build time and in-page timings of whole-network maps, printed as a table.

    * national-2015 (scale 1) as ``swgraph map`` writes it (metrics, records, people, dates);
    * about 50,000 organisations in one file (records, people, dates; sized by kind: betweenness
      on 50k nodes is an analysis job, not a map's).

    In headless Chromium (network blocked): first draw, opening the biggest province, one search.
    """
    from swgraph.application.maps import dataset_map, map_dates, map_people
    from swgraph.graph import project
    from swgraph.maps import record_notes, render_map

    sys.path.insert(0, str(ROOT))
    from tests.browser import Browser, chromium_available

    rows = []
    for label, n_orgs in (("national-2015", None), ("50k organisations", 50_000)):
        ds = _national(n_orgs)
        with Timer() as t:
            if n_orgs is None:
                html = dataset_map(ds)
            else:
                G = project(ds, "collaboration")
                html = render_map(G, size_by=None, records=record_notes(ds), people=map_people(ds), dates=map_dates(ds),
                                  title=label)
        path = workdir / f"whole-{label.split()[0]}.html"
        path.write_text(html, encoding="utf-8")
        row = {"map": label, "organisations": len(ds.organisations), "build_s": t.s,
               "html_mb": len(html.encode("utf-8")) / 1e6}
        if chromium_available() is None:
            with Browser() as b:
                page = b.open(path)
                page.wait_for("return !!(window.swgraphMap && window.swgraphMap.ready)", timeout=300)
                row["first_draw_ms"] = page.js("return swgraphMap.firstDrawMs")
                row["drawn"] = page.js("return swgraphMap.drawnCount")
                if page.js("return swgraphMap.overview"):
                    code = max(page.js("return swgraphMap.groups()"), key=lambda g: g[2])[0]
                    row["open_province_ms"] = page.js(
                        "var t = performance.now(); swgraphMap.openGroup(arguments[0]); return performance.now() - t", code)
                    page.js("swgraphMap.closeGroup(arguments[0])", code)
                page.js("swgraphMap.search('warm up')")
                row["search_ms"] = page.js("swgraphMap.search('中国社会工作联合会'); return swgraphMap.lastSearchMs")
                row["errors"] = page.js("return swgraphMap.errors")
        rows.append(row)
    print("map                organisations  HTML      build    first draw  drawn  open province  search")
    for r in rows:
        print(f"{r['map']:<18} {r['organisations']:>13,}  {r['html_mb']:>5.2f} MB  {r['build_s']:>6.1f} s  "
              f"{r.get('first_draw_ms', float('nan')):>7.0f} ms  {r.get('drawn', 0):>5}  "
              f"{r.get('open_province_ms', float('nan')):>10.0f} ms  {r.get('search_ms', float('nan')):>4.0f} ms")
    print("goals: national-2015 <= 2 MB; 50k organisations <= 15 MB; first draw <= 1 s; province <= 0.3 s; search <= 100 ms")
    return rows


#: issue 13's goals
FOCUS_GOAL_S = 2.0
SIZE_GOALS_MB = {"national-2015": 2.0, "50k organisations": 15.0}


def _cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def focus_build(ds=None, *, focus: str = "gd-swa", depth: int = 2) -> dict:
    """``swgraph map --focus gd-swa --depth 2`` on national-2015 without the CLI's start-up and reading:
    wall and CPU seconds of ``dataset_map`` and of its parts (metrics on the whole graph, the ego
    page's render, of which the subset font)."""
    from swgraph.application.maps import TOOLTIP_METRICS, compute_metrics, dataset_map
    from swgraph.graph import project
    from swgraph.maps import assets, fonts

    ds = ds if ds is not None else _national(None)
    fonts.subset_font.cache_clear()
    w0, c0 = time.perf_counter(), _cpu()
    html = dataset_map(ds, focus=focus, depth=depth)
    wall, cpu = time.perf_counter() - w0, _cpu() - c0
    G = project(ds, "collaboration")
    w0, c0 = time.perf_counter(), _cpu()
    compute_metrics(G, list(dict.fromkeys([*TOOLTIP_METRICS, "betweenness"])))
    metrics_wall, metrics_cpu = time.perf_counter() - w0, _cpu() - c0
    fonts.subset_font.cache_clear()
    w0, c0 = time.perf_counter(), _cpu()
    font = assets.font_css(html)
    font_wall, font_cpu = time.perf_counter() - w0, _cpu() - c0
    return {"map": f"--focus {focus} --depth {depth}", "build_s": wall, "build_cpu_s": cpu,
            "metrics_s": metrics_wall, "metrics_cpu_s": metrics_cpu, "font_s": font_wall if font else 0.0,
            "font_cpu_s": font_cpu if font else 0.0, "html_mb": len(html.encode("utf-8")) / 1e6,
            "goal_s": FOCUS_GOAL_S, "ratio": wall / FOCUS_GOAL_S}


def print_goals(rows: list[dict], focus: dict) -> None:
    """File sizes and the focus build against issue 13's goals, as ratios (< 1 meets the goal)."""
    print("goal                                   measured      goal     ratio")
    for r in rows:
        goal = SIZE_GOALS_MB.get(r["map"])
        if goal:
            print(f"{r['map'] + ' map file':<38} {r['html_mb']:>6.2f} MB  {goal:>5.1f} MB  {r['html_mb'] / goal:>6.2f}")
    print(f"{'national-2015 ' + focus['map'] + ' build':<38} {focus['build_s']:>6.2f} s   {focus['goal_s']:>5.1f} s   "
          f"{focus['ratio']:>6.2f}   (CPU {focus['build_cpu_s']:.2f} s; of it metrics on the whole graph "
          f"{focus['metrics_s']:.2f} s wall / {focus['metrics_cpu_s']:.2f} s CPU, subset font {focus['font_s']:.2f} s / "
          f"{focus['font_cpu_s']:.2f} s CPU)")


if __name__ == "__main__":  # python benchmarks/bench_maps.py [WORKDIR] [--focus-only]: whole-network table, focus build, goals
    import tempfile

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    focus_row = focus_build()
    table = [] if "--focus-only" in sys.argv else whole_network_pages(
        Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="swgraph-maps-")))
    print_goals(table, focus_row)
