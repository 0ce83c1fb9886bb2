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
            out["drawn_nodes"] = page.js("return window.swgraphMap && window.swgraphMap.nodeCount")
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
