"""The analysis loops before and after vectorising: CPU and wall seconds per function, with the ratio.

The "old" column runs the plain-Python references kept in ``tests/analysis/loop_reference.py`` (the code as
it was); "new" runs :mod:`swgraph.analysis`. Both run in this process on the same graph, and every result
is checked equal (suggestions, roles, bridges exactly; effective size within 1e-12; stability as a whole).
CPU time is the figure to read on a shared machine; wall is printed beside it.

    .venv/bin/python benchmarks/bench_loops.py                 # national-2015 and ~20k (scale 5), seed 1
    .venv/bin/python benchmarks/bench_loops.py --data DIR ...  # already generated folders
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from swgraph.analysis import brokerage, communities, recommend  # noqa: E402
from swgraph.analysis._igraph import ig  # noqa: E402
from swgraph.graph import collaboration_graph, visit_graph  # noqa: E402
from swgraph.records.dataset import load_dataset  # noqa: E402
from tests.analysis import loop_reference as ref  # noqa: E402


def timed(fn):
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - c0, time.perf_counter() - w0


def _close(a, b):
    return list(a) == list(b) and all((math.isnan(x) and math.isnan(y)) or abs(x - y) <= 1e-12 * max(1.0, abs(x))
                                      for x, y in zip(a.values(), b.values()))


def cases(G, V):
    eng = communities.default_engine(G)
    runs = 5 if len(G) > 2_000 else 10
    sug = [dict(tier="same", top=10), dict(region="cross", top=10), dict(top=10)]
    return [
        ("suggestions (3 calls)", lambda m: [[s.as_dict() for s in m.suggest_partnerships(G, **kw)] for kw in sug],
         recommend, ref, None),
        ("effective size", lambda m: m.effective_size(G, weight="weight"), brokerage, ref, _close),
        ("brokerage roles (2 calls)", lambda m: [m.brokerage_roles(G, group=g) for g in ("tier_name", "province")],
         brokerage, ref, None),
        ("bridges", lambda m: m.bridges(G), brokerage, ref, None),
        ("articulation points", lambda m: m.articulation_points(G), brokerage, ref, None),
        (f"stability ({runs} runs, {eng})", lambda m: m.stability(G, runs=runs, engine=eng).as_dict(),
         communities, ref, None),
        ("visit roles (2 calls)", lambda m: [m.brokerage_roles(V, group=g) for g in ("tier_name", "province")],
         brokerage, ref, None),
    ]


def bench(label, folder):
    ds = load_dataset([str(folder)])
    (G, V), c, w = timed(lambda: (collaboration_graph(ds), visit_graph(ds)))
    print(f"\n{label}: {G.number_of_nodes():,} organisations, {G.number_of_edges():,} ties "
          f"(projections built in {c:.2f} s CPU, {w:.2f} s wall)")
    print(f"  {'function':32} {'old CPU':>8} {'new CPU':>8} {'ratio':>7}   {'old wall':>8} {'new wall':>8}  equal")
    tot_old = tot_new = 0.0
    for name, call, new_mod, old_mod, same in cases(G, V):
        b, nc, nw = timed(lambda: call(new_mod))
        a, oc, ow = timed(lambda: call(old_mod))
        equal = same(a, b) if same else a == b
        tot_old += oc
        tot_new += nc
        print(f"  {name:32} {oc:8.3f} {nc:8.3f} {oc / nc if nc else math.inf:6.1f}x   {ow:8.3f} {nw:8.3f}  {equal}")
    print(f"  {'total':32} {tot_old:8.3f} {tot_new:8.3f} {tot_old / tot_new:6.1f}x")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", nargs="*", type=Path, help="generated folders (default: generate scale 1 and 5, seed 1)")
    args = ap.parse_args(argv)
    print("CPU = time.process_time (this process); wall = perf_counter. The machine may be shared: read CPU.")
    ig()  # import igraph once (0.5-0.9 s) before timing, as the analysis does
    if args.data:
        for folder in args.data:
            bench(str(folder), folder)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for label, scale in (("national-2015 (scale 1)", 1), ("~20k (scale 5)", 5)):
            out = Path(tmp) / f"scale{scale}"
            subprocess.run([sys.executable, "-c", "from swgraph.cli.main import cli; cli()", "generate", "--profile", "national-2015",
                            "--scale", str(scale), "--seed", "1", "--out", str(out)], check=True, capture_output=True)
            bench(label, out)


if __name__ == "__main__":
    main()
