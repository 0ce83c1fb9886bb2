"""Every speed goal of issues 15 and 13, measured end to end through the CLI, in one table.

    .venv/bin/python benchmarks/goals.py --quick                    # minutes: every stage at national-2015 only
    .venv/bin/python benchmarks/goals.py --base 8fd7485 --json goals.json   # full: national-2015, ~20k, ~100k, 50k map
    .venv/bin/python benchmarks/goals.py --mid 5k --large 10k --repeat 1 --no-peers

What is measured (each command is ``swgraph …`` in its own subprocess, run from the source
tree on PYTHONPATH with this interpreter's libraries; CPU = user + system seconds of that
process and its children from ``getrusage(RUSAGE_CHILDREN)``, wall = elapsed seconds; with
``--repeat N`` each figure is the median of N runs, for commands whose first run took under
``--cheap`` CPU seconds):

* ``validate (first read)``: ``swgraph validate DIR`` with ``SWGRAPH_CACHE_DIR`` an empty temp
  folder (each repeat a new one). µs/record = (CPU − CLI start-up CPU) ÷ records, where start-up
  is ``swgraph --version`` and records are every record plus every source (validate's counts).
* ``validate (unchanged)``: the same command again with the cache the first read wrote.
* ``analyze``: ``swgraph analyze DIR --format json`` (stdout to a file), cache warm but for its
  ``measures`` area (emptied before each run: every run runs its shortest-path searches).
* ``pipeline``: ``swgraph analyze DIR --out OUT`` (analysis.json, report.md, nodes.csv, map.html),
  cache empty: the whole chain from the YAML files, first read. Judged on wall.
* ``map`` / ``report``: ``swgraph map DIR -o map.html`` / ``swgraph report DIR --out R``, cache warm,
  after ``analyze`` (so its shortest-path searches are in the cache, as for a user who runs
  ``analyze`` and then ``map``); the goal is each one's CPU ≤ 20 % of ``analyze``'s.
* ``focus``: ``swgraph map DIR --focus gd-swa --depth 2`` on national-2015, cache warm: once
  (``focus_first``: the page's characters are new, so its font is cut) and again (the goal's figure).
* ``map 50k``: ``swgraph map`` of a ~50,000-organisation network: the file's size (full run only).
* per metric at the mid size: ``bench_analysis.py``'s own subprocess tasks (swgraph's function with
  ``engine="auto"`` vs igraph / rustworkx / networkit called directly, conversion included; wall
  seconds of the call, inputs loaded untimed).
* Neo4j: ``benchmarks/neo4j_load.py --format json`` (needs a reachable server; ``--start-neo4j``
  starts the dev server and stops it afterwards). Keys read: ``first_load_rows_per_s``,
  ``baseline_rows_per_s``, ``per_row_rows_per_s``, ``reload_s``, ``admin_import_rows_per_s``, ``rows``;
  a figure the script does not give is printed "not measured".

With ``--base REV`` the same commands also run on revision REV (``git archive`` into a temp
folder, same interpreter and libraries, same input files) and the table gains a "× before"
column (before ÷ now for times, now ÷ before for rates). Data come from the current tree's
``swgraph generate --profile national-2015 --seed 1 --scale S`` (S found for the node count with
``_common.scale_for_nodes``), generated once per ``--workdir``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import _common as C  # noqa: E402

ROOT = C.ROOT
FOCUS_ID = "gd-swa"
LOAD_WARN = 1.5


# ------------------------------------------------------------------ data


def parse_size(text: str) -> str:
    return C.parse_sizes(text)[0]


def generate(size: str, work: Path, cap: float, fmt: str = "yaml") -> Path:
    """Generated data for ``size`` (national-2015 or a node count) in ``fmt`` (yaml or jsonl), made once per
    workdir with the current CLI."""
    out = work / f"data-{C.size_label(size)}" if fmt == "yaml" else work / f"data-{C.size_label(size)}-{fmt}"
    if (out / ".goals-complete").exists():
        return out
    if size == "national-2015":
        scale = 1.0
    else:
        from swgraph.synthetic.build import load_documented

        scale, _ = C.scale_for_nodes(int(size), len(load_documented().organisations))
    print(f"[data] generate {C.size_label(size)} (scale {scale:g}) …", flush=True)
    res = C.run_cli(ROOT, ["generate", "--profile", C.PROFILE, "--seed", str(C.SEED), "--scale", repr(scale),
                           "--format", fmt, "-o", out, "--force"], timeout=cap)
    if res["status"] != "ok":
        raise SystemExit(f"generate {size} failed: {res['stderr_tail']}")
    (out / ".goals-complete").write_text(json.dumps({"scale": scale}))
    return out


# ------------------------------------------------------------------ one measured command


class Runner:
    """Runs the CLI of one tree (current or base) with its own cache folders under ``work``."""

    def __init__(self, name: str, tree: Path, work: Path, cap: float, repeat: int, cheap: float):
        self.name, self.tree, self.work, self.cap, self.repeat, self.cheap = name, tree, work, cap, repeat, cheap
        self.n_cache = 0

    def new_cache(self) -> Path:
        self.n_cache += 1
        d = self.work / f"cache-{self.name}-{self.n_cache}"
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        d.chmod(0o700)
        return d

    def measure(self, label: str, args: list, *, cache: Path | None = None, fresh_cache: bool = False,
                stdout_path: Path | None = None, repeat: int | None = None, cold: tuple = ()) -> dict:
        """Median CPU and wall of ``swgraph ARGS`` over the repeats (one run if the first is not cheap).

        ``cold``: areas of the cache (e.g. ``"measures"``) emptied before every run, so each run computes them.
        """
        runs = []
        want = repeat or self.repeat
        while len(runs) < want:
            c = self.new_cache() if fresh_cache else cache
            for area in cold if c else ():
                shutil.rmtree(c / area, ignore_errors=True)
            env = {"SWGRAPH_CACHE_DIR": str(c)} if c else {}
            print(f"  [{self.name}] {label} (run {len(runs) + 1}) …", flush=True)
            r = C.run_cli(self.tree, args, env=env, cwd=self.work, timeout=self.cap, stdout_path=stdout_path)
            runs.append(r)
            if fresh_cache:  # a first-read cache is not reused: free the space (large at 100k)
                shutil.rmtree(c, ignore_errors=True)
            if r["status"] != "ok":
                print(f"    {r['status']}: {r['stderr_tail']}")
                break
            if r["cpu_s"] > self.cheap:
                break
        ok = [r for r in runs if r["status"] == "ok"]
        out = {"label": label, "command": runs[0]["command"], "runs": [{k: r[k] for k in ("status", "cpu_s", "wall_s")}
                                                                         for r in runs]}
        if not ok:
            out.update(status=runs[-1]["status"], error=runs[-1]["stderr_tail"])
            return out
        out.update(status="ok", cpu_s=statistics.median(r["cpu_s"] for r in ok),
                   wall_s=statistics.median(r["wall_s"] for r in ok), n=len(ok))
        return out


def stages_for(runner: Runner, size: str, data: Path, *, focus: bool, jsonl: Path | None = None) -> dict:
    """Every CLI stage of one size on one tree (``jsonl``: the same network as JSON Lines, first read only)."""
    lab = C.size_label(size)
    out_dir = runner.work / f"out-{runner.name}-{lab}"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    res: dict = {}
    counts_path = out_dir / "validate.json"
    res["validate_first"] = runner.measure(f"{lab} validate, first read", ["validate", data, "--format", "json"],
                                           fresh_cache=True, stdout_path=counts_path)
    try:
        counts = json.loads(counts_path.read_text())["counts"]
        res["records"] = sum(v for k, v in counts.items() if "." not in k and k != "synthetic")
        res["organisations"] = counts.get("organisations")
    except (OSError, ValueError, KeyError):
        res["records"] = None
    if jsonl is not None:
        res["validate_first_jsonl"] = runner.measure(f"{lab} validate, first read, JSON Lines", ["validate", jsonl],
                                                     fresh_cache=True)
    warm = runner.new_cache()
    C.run_cli(runner.tree, ["validate", data], env={"SWGRAPH_CACHE_DIR": str(warm)}, cwd=runner.work,
              timeout=runner.cap)  # fills the warm cache (untimed)
    res["validate_cached"] = runner.measure(f"{lab} validate, unchanged", ["validate", data], cache=warm)
    res["analyze"] = runner.measure(f"{lab} analyze --format json", ["analyze", data, "--format", "json"], cache=warm,
                                    stdout_path=out_dir / "analysis-stdout.json", cold=("measures",))
    res["map"] = runner.measure(f"{lab} map", ["map", data, "-o", out_dir / "map.html"], cache=warm)
    if (out_dir / "map.html").exists():
        res["map"]["html_bytes"] = (out_dir / "map.html").stat().st_size
    res["report"] = runner.measure(f"{lab} report", ["report", data, "--out", out_dir / "report"], cache=warm)
    res["pipeline"] = runner.measure(f"{lab} analyze --out (first read)", ["analyze", data, "--out", out_dir / "all"],
                                     fresh_cache=True)
    if focus:
        focus_args = ["map", data, "--focus", FOCUS_ID, "--depth", "2", "-o", out_dir / "focus.html"]
        res["focus_first"] = runner.measure(f"{lab} map --focus {FOCUS_ID} --depth 2 (first: its font cut)", focus_args,
                                            cache=warm, repeat=1)
        res["focus"] = runner.measure(f"{lab} map --focus {FOCUS_ID} --depth 2 (again)", focus_args, cache=warm)
    return res


def startup(runner: Runner) -> dict:
    return runner.measure("CLI start-up (swgraph --version)", ["--version"], repeat=max(runner.repeat, 3))


def map_only(runner: Runner, size: str, data: Path) -> dict:
    lab = C.size_label(size)
    html = runner.work / f"out-{runner.name}-{lab}-map.html"
    r = runner.measure(f"{lab} map", ["map", data, "-o", html], fresh_cache=True, repeat=1)
    if html.exists():
        r["html_bytes"] = html.stat().st_size
    return r


# ------------------------------------------------------------------ per metric (bench_analysis.py)


def per_metric(data: Path, size: str, work: Path, cap: float) -> dict:
    import bench_analysis as BA

    lab = C.size_label(size)
    graph_path = work / f"graph-{lab}.pkl"
    print(f"[per metric {lab}] collaboration graph …", flush=True)
    ld = C.run_task("bench_pipeline", "load", {"size": size, "data_dir": str(data), "graph_path": str(graph_path)},
                    timeout=cap, workdir=work)
    if ld.get("status") != "ok":
        return {"status": "error", "error": ld.get("error") or ld.get("status")}
    libs = [e for e in ("igraph", "rustworkx", "networkit") if _installed(e)]
    rows = {}
    for metric in BA.METRICS:
        row = {}
        for engine in ["swgraph", *libs]:
            if engine in BA.LIBRARY_METRICS and metric not in BA.LIBRARY_METRICS[engine]:
                continue
            print(f"[per metric {lab}] {metric} / {engine} …", flush=True)
            r = C.run_task("bench_analysis", "metric", {"graph_path": str(graph_path), "metric": metric, "engine": engine,
                           "budget": cap, "values_path": str(work / f"values-{lab}-{metric}-{engine}.npz")},
                           timeout=cap, workdir=work)
            row[engine] = {k: r.get(k) for k in ("status", "seconds", "engine_used", "approximate", "sample_size",
                                                 "convert_s", "note", "error")}
        peers = {e: v["seconds"] for e, v in row.items() if e != "swgraph" and v.get("status") == "ok" and v.get("seconds")}
        fastest = min(peers, key=peers.get) if peers else None
        rows[metric] = {"runs": row, "fastest_peer": fastest}
    return {"status": "ok", "nodes": ld.get("nodes"), "edges": ld.get("edges"), "libraries": libs, "metrics": rows}


def _installed(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None


# ------------------------------------------------------------------ Neo4j


NEO4J_KEYS = ("first_load_rows_per_s", "baseline_rows_per_s", "per_row_rows_per_s", "reload_s",
              "admin_import_rows_per_s", "rows")


def neo4j(tree: Path, scale: float, naive_seconds: float, cap: float) -> dict:
    script = tree / "benchmarks" / "neo4j_load.py"
    if not script.is_file():
        return {"status": "not measured", "note": f"{script} not present"}
    cmd = [sys.executable, str(script), "--format", "json", "--scale", repr(scale), "--naive-seconds", repr(naive_seconds)]
    print(f"[neo4j] {' '.join(cmd[1:])} (tree {tree}) …", flush=True)
    env = dict(os.environ, PYTHONPATH=str(tree))
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=cap, cwd=str(tree), env=env)
    except subprocess.TimeoutExpired:
        return {"status": "not measured", "note": f"timeout after {cap:.0f} s"}
    if proc.returncode != 0:
        tail = " | ".join(proc.stderr.strip().splitlines()[-2:])
        return {"status": "not measured", "note": f"neo4j_load.py exited {proc.returncode}: {tail}"}
    try:
        raw = json.loads(proc.stdout)
    except ValueError:
        return {"status": "not measured", "note": "neo4j_load.py printed no JSON"}
    return {"status": "ok", "scale": scale, "figures": neo4j_figures(raw), "raw": raw}


def neo4j_figures(raw: dict) -> dict:
    """The figures the goals need, from the new keys; the older output's equivalents where they are the same thing."""
    fig = {k: raw.get(k) for k in NEO4J_KEYS}
    batched = raw.get("batched") or []
    if fig["first_load_rows_per_s"] is None and batched:  # older script: the first batched `swgraph load`
        fig["first_load_rows_per_s"] = batched[0].get("rows_per_second")
    if fig["reload_s"] is None and batched:
        fig["reload_s"] = batched[0].get("reload_seconds")
    if fig["per_row_rows_per_s"] is None and isinstance(raw.get("naive"), dict):
        fig["per_row_rows_per_s"] = raw["naive"].get("rows_per_second")
    if fig["rows"] is None and raw.get("nodes") is not None:
        fig["rows"] = raw["nodes"] + raw.get("relationships", 0)
    return fig


def _status_json() -> dict:
    proc = subprocess.run([sys.executable, "-c", C.CLI_SHIM, "neo4j", "status", "--format", "json"], capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=False)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        return {}


# ------------------------------------------------------------------ goals


def _get(d: dict | None, *keys):
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def goal_rows(R: dict) -> list[dict]:
    """Every goal: text, measured value, target, direction, and the base figure if any."""
    rows: list[dict] = []
    sizes = R["sizes"]
    roles = R["settings"]["roles"]
    su = {t: _get(R, "startup", t, "cpu_s") or 0.0 for t in ("current", "base")}

    def add(goal, where, value, target, *, better="lower", unit="s", base=None, cpu=None, wall=None, note=""):
        rows.append({"goal": goal, "where": where, "value": value, "target": target, "better": better, "unit": unit,
                     "base": base, "cpu_s": cpu, "wall_s": wall, "note": note})

    def stage(tree, size, name, key="cpu_s"):
        return _get(sizes, size, tree, name, key)

    def stand_in(role):
        size = roles[role]
        return "" if C.size_label(size) == role else f"stand-in for {role}"

    def where(size):
        return C.size_label(size)

    # read + validate, first read: µs/record net of start-up
    read_sizes = list(dict.fromkeys([roles["national"], roles["20k"], roles["100k"]]))
    for size in read_sizes:
        recs = _get(sizes, size, "current", "records")

        def us(tree, size=size, recs=recs):
            c = stage(tree, size, "validate_first")
            return None if c is None or not recs else (c - su[tree]) / recs * 1e6
        add("read+validate, first read (µs/record, net of start-up)", where(size), us("current"), 30.0, unit="µs",
            base=us("base"), cpu=stage("current", size, "validate_first"),
            wall=stage("current", size, "validate_first", "wall_s"),
            note=f"YAML, {recs:,} records" if recs else "YAML")
        c = stage("current", size, "validate_first_jsonl")
        if c is not None and recs:
            add("read+validate, first read (µs/record, net of start-up)", where(size), (c - su["current"]) / recs * 1e6,
                30.0, unit="µs", cpu=c, wall=stage("current", size, "validate_first_jsonl", "wall_s"),
                note="JSON Lines (swgraph generate --format jsonl), same network")
    s20 = roles["20k"]
    add("unchanged re-read (validate, cache warm)", where(s20), stage("current", s20, "validate_cached"), 2.0,
        base=stage("base", s20, "validate_cached"), cpu=stage("current", s20, "validate_cached"),
        wall=stage("current", s20, "validate_cached", "wall_s"), note=stand_in("20k"))
    add("analyze, CPU (exact)", where(s20), stage("current", s20, "analyze"), 35.0, base=stage("base", s20, "analyze"),
        cpu=stage("current", s20, "analyze"), wall=stage("current", s20, "analyze", "wall_s"), note=stand_in("20k"))
    s100 = roles["100k"]
    add("whole pipeline from files (analyze --out, first read), wall", where(s100),
        stage("current", s100, "pipeline", "wall_s"), 60.0, base=stage("base", s100, "pipeline", "wall_s"),
        cpu=stage("current", s100, "pipeline"), wall=stage("current", s100, "pipeline", "wall_s"), note=stand_in("100k"))
    for size in sizes:
        for cmd in ("map", "report"):
            def share(tree, size=size, cmd=cmd):
                a, m = stage(tree, size, "analyze"), stage(tree, size, cmd)
                return None if not a or m is None else m / a
            add(f"{cmd} CPU ÷ analyze CPU", where(size), share("current"), 0.20, unit="×", base=share("base"),
                cpu=stage("current", size, cmd), wall=stage("current", size, cmd, "wall_s"),
                note="base column: before's share" if share("base") is not None else "")
    pm = R.get("per_metric") or {}
    if pm.get("status") == "ok":
        for metric, row in pm["metrics"].items():
            sw = row["runs"].get("swgraph", {})
            fast = row.get("fastest_peer")
            f_s = row["runs"][fast]["seconds"] if fast else None
            ratio = sw["seconds"] / f_s if fast and sw.get("seconds") else None
            tag = f"vs {fast} {C.fmt_s(f_s)}" if fast else "no peer offers it"
            if sw.get("approximate"):
                tag += f"; swgraph sampled k={sw.get('sample_size')}"
            if sw.get("status") != "ok":
                tag = f"swgraph {sw.get('status')}: " + (sw.get("error") or sw.get("note") or "").strip().splitlines()[-1:][0][:120] \
                    if (sw.get("error") or sw.get("note")) else f"swgraph {sw.get('status')}"
            else:
                tag = f"swgraph {C.fmt_s(sw.get('seconds'))} [{sw.get('engine_used')}] {tag}"
            add(f"{metric}: swgraph ÷ fastest peer (wall of the call)", where(R["settings"]["metric_size"]), ratio, 1.2,
                unit="×", wall=sw.get("seconds"), note=_join(tag, stand_in("20k")))
    else:
        add("each metric within 1.2× the fastest peer", where(roles["20k"]), None, 1.2, unit="×",
            note=pm.get("note") or pm.get("error") or "not run")
    # Neo4j
    n4 = R.get("neo4j") or {}
    cur = _get(n4, "current", "figures") or {}
    bas = _get(n4, "base", "figures") or {}
    n4note = (_get(n4, "current", "note") or "").split(" | ")[-1][:140]
    scale = _get(n4, "current", "scale")
    at = "national-2015" if scale == 1.0 else (f"scale {scale:g}" if scale else "-")
    fl = cur.get("first_load_rows_per_s")
    add("Neo4j first load ÷ today's (base revision, same run)", at,
        fl / bas["first_load_rows_per_s"] if fl and bas.get("first_load_rows_per_s") else None, 3.0, better="higher",
        unit="×", note=(f"now {fl:,.0f}, before {bas['first_load_rows_per_s']:,.0f} rows/s" if fl and bas.get(
            "first_load_rows_per_s") else (n4note or "needs --base and a reachable Neo4j")))
    bl = cur.get("baseline_rows_per_s")
    add("Neo4j first load ÷ best-practice baseline", at, fl / bl if fl and bl else None, 2.0, better="higher", unit="×",
        note=f"baseline {bl:,.0f} rows/s" if bl else (n4note or "baseline_rows_per_s not given"))
    add("Neo4j first load (rows/s, quiet machine, national-2015)", at, fl, 10_000, better="higher", unit="rows/s",
        base=bas.get("first_load_rows_per_s"), note=n4note)
    add("Neo4j unchanged re-load", at, cur.get("reload_s"), 2.0, base=bas.get("reload_s"), note=n4note)
    pr = cur.get("per_row_rows_per_s")
    add("Neo4j first load ÷ one transaction per row", at, fl / pr if fl and pr else None, 30.0, better="higher", unit="×",
        note=f"per row {pr:,.0f} rows/s" if pr else n4note)
    ai = cur.get("admin_import_rows_per_s")
    add("Neo4j first load ÷ neo4j-admin import (server ceiling; information)", at, fl / ai if fl and ai else None, None,
        better="higher", unit="×", note=f"admin import {ai:,.0f} rows/s" if ai else (n4note or "not given"))
    # maps (issue 13)
    nat = roles["national"]
    mb = stage("current", nat, "map", "html_bytes")
    add("national-2015 map.html size", where(nat), mb / 1e6 if mb else None, 2.0, unit="MB",
        base=(stage("base", nat, "map", "html_bytes") or 0) / 1e6 or None)
    m50 = _get(R, "map50k", "current")
    add("50k-organisation map.html size", C.size_label(R["settings"]["map_size"]) if R["settings"]["map_size"] else "-",
        (m50 or {}).get("html_bytes", 0) / 1e6 or None, 15.0, unit="MB",
        base=((_get(R, "map50k", "base") or {}).get("html_bytes") or 0) / 1e6 or None,
        cpu=(m50 or {}).get("cpu_s"), wall=(m50 or {}).get("wall_s"), note="" if m50 else "not run (--quick or --no-map50k)")
    first = stage("current", nat, "focus_first")
    add(f"map --focus {FOCUS_ID} --depth 2, CPU", where(nat), stage("current", nat, "focus"), 2.0,
        base=stage("base", nat, "focus"), cpu=stage("current", nat, "focus"), wall=stage("current", nat, "focus", "wall_s"),
        note=f"made before; the first time {first:.2f} s (cutting its font)" if first else "")
    for r in rows:
        v, t = r["value"], r["target"]
        if v is None:
            r["verdict"] = "not measured"
        elif t is None:
            r["verdict"] = "-"
        else:
            met = v <= t if r["better"] == "lower" else v >= t
            r["verdict"] = ("met" if met else "not met") + ("*" if "stand-in" in r["note"] else "")
        r["ratio"] = (v / t) if v is not None and t else None
        b = r["base"]
        if v is not None and b:
            r["x_before"] = (b / v) if r["better"] == "lower" else (v / b)
        else:
            r["x_before"] = None
    return rows


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _fmt_val(v, unit):
    if v is None:
        return "not measured"
    if unit == "s":
        return C.fmt_s(v)
    if unit == "µs":
        return f"{v:,.1f} µs"
    if unit == "×":
        return f"{v:.2f}×"
    if unit == "MB":
        return f"{v:.2f} MB"
    if unit == "rows/s":
        return f"{v:,.0f} rows/s"
    return f"{v:g} {unit}"


def print_goals(rows: list[dict], with_base: bool) -> None:
    out = []
    for r in rows:
        sign = "≤" if r["better"] == "lower" else "≥"
        goal = "-" if r["target"] is None else f"{sign} {_fmt_val(r['target'], r['unit'])}"
        line = [r["goal"], r["where"], goal, _fmt_val(r["value"], r["unit"]),
                "-" if r["ratio"] is None else f"{r['ratio']:.2f}", r["verdict"]]
        if with_base:
            line.append("-" if r["x_before"] is None else f"×{r['x_before']:.2f}")
        line += ["-" if r["cpu_s"] is None else C.fmt_s(r["cpu_s"]), "-" if r["wall_s"] is None else C.fmt_s(r["wall_s"]),
                 r["note"]]
        out.append(line)
    heads = ["goal", "at", "target", "measured", "ratio (measured ÷ target)", "verdict"]
    heads += ["× before"] if with_base else []
    heads += ["CPU", "wall", "note"]
    print(C.table(heads, out, "\n== Goals (issue 15 performance goals; issue 13 map size / focus)"))
    print("ratio: ≤ 1 meets a '≤' goal, ≥ 1 a '≥' goal.  * measured at a stand-in size (--quick or --mid/--large), "
          "indicative only.")
    if with_base:
        print("× before: base ÷ now for times and sizes (> 1 = faster/smaller now), now ÷ base for rates.")


def print_stages(R: dict) -> None:
    out = []
    for size, per_tree in R["sizes"].items():
        for tree, st in per_tree.items():
            for name, v in st.items():
                if not isinstance(v, dict) or "label" not in v:
                    continue
                txt = "ok" if v.get("status") == "ok" else v.get("status")
                out.append([C.size_label(size), tree, v["label"], C.fmt_s(v.get("cpu_s")), C.fmt_s(v.get("wall_s")),
                            str(v.get("n", len(v.get("runs", [])))), txt])
    print(C.table(["size", "tree", "command", "CPU (median)", "wall (median)", "runs", "status"], out,
                  "\n== Every command measured"))


# ------------------------------------------------------------------ main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="every stage at national-2015 only (stand-in for 20k and 100k), one run each, no 50k map, "
                         "Neo4j at --scale 0.1")
    ap.add_argument("--base", metavar="REV", help="also run every stage on this git revision (× before column)")
    ap.add_argument("--mid", help="size for the 20k goals (default 20k; --quick national-2015)")
    ap.add_argument("--large", help="size for the 100k goals (default 100k; --quick national-2015)")
    ap.add_argument("--map-size", help="size for the 50k map goal (default 50k; --quick none)")
    ap.add_argument("--no-map50k", action="store_true", help="skip the 50k map")
    ap.add_argument("--no-peers", action="store_true", help="skip the per-metric comparison with peer libraries")
    ap.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j goals")
    ap.add_argument("--start-neo4j", action="store_true",
                    help="start the dev Neo4j if it is not running (and stop it afterwards)")
    ap.add_argument("--neo4j-scale", type=float, help="generator scale for neo4j_load.py (default 1 = national-2015; "
                                                       "--quick 0.1)")
    ap.add_argument("--repeat", type=int, help="runs per cheap command, median reported (default 3; --quick 1)")
    ap.add_argument("--cheap", type=float, default=60.0, help="a command is repeated only if its first run took "
                                                               "under this many CPU seconds (default 60)")
    ap.add_argument("--cap", type=float, help="seconds any one command may take (default 1800; --quick 600)")
    ap.add_argument("--workdir", help="generated data, caches and outputs (default: a new folder under /tmp)")
    ap.add_argument("--json", dest="json_path", help="write every figure here (default WORKDIR/goals.json)")
    args = ap.parse_args(argv)

    quick = args.quick
    roles = {"national": "national-2015",
             "20k": parse_size(args.mid) if args.mid else ("national-2015" if quick else "20000"),
             "100k": parse_size(args.large) if args.large else ("national-2015" if quick else "100000")}
    map_size = None if (args.no_map50k or (quick and not args.map_size)) else parse_size(args.map_size or "50000")
    repeat = args.repeat or (1 if quick else 3)
    cap = args.cap or (600.0 if quick else 1800.0)
    n4_scale = args.neo4j_scale or (0.1 if quick else 1.0)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="swgraph-goals-"))
    work.mkdir(parents=True, exist_ok=True)
    json_path = Path(args.json_path) if args.json_path else work / "goals.json"

    machine = C.machine_info()
    R: dict = {"machine": machine, "settings": {"quick": quick, "roles": roles, "metric_size": roles["20k"],
                                                "map_size": map_size, "repeat": repeat, "cheap_s": args.cheap,
                                                "cap_s": cap, "base": args.base, "neo4j_scale": n4_scale,
                                                "workdir": str(work), "focus": FOCUS_ID},
               "sizes": {}, "startup": {}}
    load = machine["load_average_at_start"]
    print(f"swgraph goals — {machine['date']} — {machine['cpu']}, {machine['cores']} cores, Python {machine['python']}, "
          f"commit {machine['swgraph_commit']}")
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if load[0] > LOAD_WARN or load[1] > LOAD_WARN:
        print(f"WARNING: load average above {LOAD_WARN}: the machine is busy; wall figures are inflated "
              "(compare CPU), and CPU figures too somewhat (shared caches, frequency).")
    print(f"sizes: national {roles['national']}, 20k goals at {roles['20k']}, 100k goals at {roles['100k']}; "
          f"map size goal at {map_size or '-'}; repeat {repeat} (commands under {args.cheap:g} s CPU); workdir {work}\n")
    t_all = time.perf_counter()

    def save():
        R["total_s"] = time.perf_counter() - t_all
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(R, indent=1, ensure_ascii=False, default=str))

    trees = {"current": ROOT}
    if args.base:
        commit = C.resolve_rev(args.base)
        R["settings"]["base_commit"] = commit
        trees["base"] = C.extract_tree(commit, work / f"base-{commit[:10]}")
        print(f"base: {args.base} = {commit[:10]} in {trees['base']}")
    for tree in trees.values():
        C.compile_tree(tree)
    runners = {name: Runner(name, tree, work, cap, repeat, args.cheap) for name, tree in trees.items()}

    sizes = list(dict.fromkeys([roles["national"], roles["20k"], roles["100k"]]))
    data = {size: generate(size, work, cap) for size in sizes}
    data_jsonl = {size: generate(size, work, cap, "jsonl") for size in sizes}
    for name, runner in runners.items():
        R["startup"][name] = startup(runner)
    for size in sizes:
        R["sizes"][size] = {}
        for name, runner in runners.items():
            print(f"[{C.size_label(size)} / {name}]", flush=True)
            R["sizes"][size][name] = stages_for(runner, size, data[size], focus=(size == roles["national"]),
                                                jsonl=data_jsonl[size] if name == "current" else None)
            save()
    if map_size:
        d = generate(map_size, work, cap)
        R["map50k"] = {name: map_only(runner, map_size, d) for name, runner in runners.items()}
        save()
    if not args.no_peers:
        R["per_metric"] = per_metric(data[roles["20k"]], roles["20k"], work, cap)
        save()
    else:
        R["per_metric"] = {"status": "skipped", "note": "--no-peers"}
    if not args.no_neo4j:
        started = False
        if args.start_neo4j and not _status_json().get("running"):
            print("[neo4j] swgraph neo4j start …", flush=True)
            st = C.run_cli(ROOT, ["neo4j", "start"], timeout=600)
            started = st["status"] == "ok"
            if not started:
                print(f"  could not start: {st['stderr_tail']}")
        try:
            R["neo4j"] = {name: neo4j(tree, n4_scale, 10.0 if quick else 30.0, cap) for name, tree in trees.items()}
        finally:
            if started:
                C.run_cli(ROOT, ["neo4j", "stop"], timeout=300)
    else:
        R["neo4j"] = {"current": {"status": "not measured", "note": "--no-neo4j"}}
    save()

    print_stages(R)
    R["goals"] = goal_rows(R)
    print_goals(R["goals"], with_base="base" in trees)
    if quick:
        print("--quick: every size-specific goal was measured at national-2015 (marked *); run without --quick on a "
              "quiet machine for the real figures.")
    save()
    print(f"\ntotal {C.fmt_s(R['total_s'])}; JSON: {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
