"""What ``map``, ``report`` and ``analyze --out`` cost on top of ``analyze`` (issue 15, goal: ≤ 20 % more).

Each command runs as the CLI runs it (``swgraph.cli.main.cli``), in its own Python
subprocess, on data sets written by ``swgraph generate --profile national-2015 --seed 1``:

* ``analyze``        ``swgraph analyze DIR --format json`` (output to /dev/null)
* ``analyze --out``  the same, also writing analysis.json, report.md, nodes.csv and map.html
* ``report``         ``swgraph report DIR --out TMP``
* ``map``            ``swgraph map DIR -o TMP/map.html``

For each it prints CPU seconds (``time.process_time`` of the subprocess: the
figure that matters on a shared machine) and wall seconds, the ratio to
``analyze`` against the goal (1.20), and how many times the command built the
collaboration graph and computed each registered metric (counting wrappers,
installed before the command runs; they add no measurable time).

Imports are done before timing (each subprocess imports swgraph first), so the
figures are the command's own work: reading the files, analysing, rendering.

.. code-block:: sh

    .venv/bin/python benchmarks/bench_commands.py                       # seeds and national-2015
    .venv/bin/python benchmarks/bench_commands.py --scales 1,5          # national-2015 and ~20k organisations
    .venv/bin/python benchmarks/bench_commands.py --src /path/to/other/checkout   # the same on another tree
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOAL = 1.20
COMMANDS = {
    "analyze": ["analyze", "{data}", "--format", "json"],
    "analyze --out": ["analyze", "{data}", "--format", "json", "--out", "{tmp}/bundle"],
    "report": ["report", "{data}", "--out", "{tmp}/report"],
    "map": ["map", "{data}", "-o", "{tmp}/map.html"],
}


def install_counters(counts: Counter) -> None:
    """Count collaboration-graph builds and metric computations, wherever they are called from."""
    import swgraph.graph as graph_mod
    from swgraph.analysis import brokerage, centrality, metrics, resilience

    def counting(name, fn):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    build = counting("collaboration_graph", graph_mod.collaboration_graph)
    graph_mod.collaboration_graph = build
    graph_mod.PROJECTIONS["collaboration"] = build
    for mod in list(sys.modules.values()):  # every module that imported the builder by name
        if getattr(mod, "collaboration_graph", None) is not None and mod is not graph_mod \
                and getattr(mod, "__name__", "").startswith("swgraph"):
            mod.collaboration_graph = build
    for mod, names in ((centrality, ("betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "sampled_distances")),
                       (brokerage, ("constraint", "effective_size")),
                       (resilience, ("betweenness", "remove_node_impact"))):
        for name in names:
            if hasattr(mod, name):
                setattr(mod, name, counting(f"{mod.__name__.rsplit('.', 1)[1]}.{name}", getattr(mod, name)))
    metrics.compute_all = counting("metrics.compute_all", metrics.compute_all)
    metrics.compute = counting("metrics.compute", metrics.compute)


def child(argv: list[str]) -> None:
    """Run one command in this process; print its figures as JSON on the last line of stderr."""
    import swgraph.application.api  # noqa: F401  (import everything before timing)
    import swgraph.application.report  # noqa: F401
    from swgraph.cli.main import cli

    counts: Counter = Counter()
    install_counters(counts)
    real_stdout = sys.stdout
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    c0, w0 = time.process_time(), time.perf_counter()
    try:
        cli.main(argv, standalone_mode=False)
    finally:
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        sys.stdout.close()
        sys.stdout = real_stdout
    print(json.dumps({"cpu": cpu, "wall": wall, "counts": dict(counts)}), file=sys.stderr)


def run(command: str, data: Path, src: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="swgraph-bench-") as tmp:
        argv = [a.format(data=data, tmp=tmp) for a in COMMANDS[command]]
        env = {**os.environ, "PYTHONPATH": str(src), "SWGRAPH_BENCH_CHILD": "1"}
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *argv],
                              capture_output=True, text=True, env=env, check=False)
        if proc.returncode:
            raise SystemExit(f"{command} failed:\n{proc.stderr[-3000:]}")
        return json.loads(proc.stderr.strip().splitlines()[-1])


def dataset(scale: float, workdir: Path) -> tuple[str, Path]:
    if scale == 0:
        return "seeds", ROOT / "seeds"
    out = workdir / f"national-2015-x{scale:g}"
    if not out.exists():
        subprocess.run([sys.executable, "-c", "from swgraph.cli.main import cli; cli()", "generate", "--profile", "national-2015",
                        "--seed", "1", "--scale", f"{scale:g}", "-o", str(out)], check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    return ("national-2015" if scale == 1 else f"national-2015 ×{scale:g}"), out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="0,1", help="generator scales; 0 = the bundled seeds (default 0,1; 5 ≈ 20k organisations)")
    ap.add_argument("--commands", default=",".join(COMMANDS), help="subset of: " + ", ".join(COMMANDS))
    ap.add_argument("--src", type=Path, default=ROOT, help="the swgraph checkout to measure (default: this one)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "swgraph-bench-commands")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    print(f"source {args.src}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          f"(CPU seconds are the figure to read on a shared machine); goal: each command's CPU ≤ {GOAL:.2f} × analyze's",
          flush=True)
    allres = {}
    for scale in (float(s) for s in args.scales.split(",")):
        label, data = dataset(scale, args.workdir)
        print(f"\n## {label} ({data})")
        print(f"{'command':<15} {'CPU s':>8} {'wall s':>8} {'CPU/analyze':>12} {'goal':>6}  builds  metric computations",
              flush=True)
        res = {}
        for c in sorted(commands, key=lambda c: c != "analyze"):  # analyze first: the others are read against it
            r = res[c] = run(c, data, args.src)
            base = res.get("analyze")
            ratio = r["cpu"] / base["cpu"] if base and base["cpu"] else float("nan")
            verdict = "" if c == "analyze" else ("ok" if ratio <= GOAL else "over")
            counts = dict(r["counts"])
            builds = counts.pop("collaboration_graph", 0)
            extra = ", ".join(f"{k}×{v}" for k, v in sorted(counts.items()))
            print(f"{c:<15} {r['cpu']:8.2f} {r['wall']:8.2f} {ratio:12.2f} {verdict:>6}  {builds:>6}  {extra}", flush=True)
        allres[label] = res
    if args.json:
        args.json.write_text(json.dumps(allres, indent=1))


if __name__ == "__main__":
    main()
