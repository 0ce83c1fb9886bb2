"""swgraph benchmarks: one command, a printed table per stage and a JSON file with every figure.

    .venv/bin/python benchmarks/run.py --quick                 # a few minutes, small sizes
    .venv/bin/python benchmarks/run.py --json results.json     # full: seeds, national-2015, 20k, 100k nodes
    .venv/bin/python benchmarks/run.py --sizes seeds,2000 --stages pipeline,analysis --metrics betweenness,closeness

Stages: pipeline (generate, read, validate, build graph), analysis (each metric: swgraph vs
NetworkX vs igraph/rustworkx/networkit), maps (swgraph map vs plain pyvis, first draw in
headless Chromium), neo4j (benchmarks/neo4j_load.py, if present). Every measurement runs in
its own subprocess: peak RSS per stage is that process's own, and slow baselines are capped.
See benchmarks/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import _common as C  # noqa: E402

STAGES = ("pipeline", "analysis", "maps", "neo4j")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="small sizes (seeds, 500, 2000 nodes; maps 500 and 2000), budget 20 s, draw cap 15 s")
    ap.add_argument("--sizes", help="comma list: seeds, national-2015, or node counts (20000 or 20k)")
    ap.add_argument("--map-sizes", help="comma list of node counts for the map stage (default 500,5000,50000)")
    ap.add_argument("--stages", default=",".join(STAGES), help=f"comma list of {', '.join(STAGES)}")
    ap.add_argument("--metrics", help="comma list (default all): degree, betweenness, closeness, harmonic, "
                                      "eigenvector, pagerank, louvain, constraint")
    ap.add_argument("--engines", help="comma list of comparison libraries (default: every installed one of "
                                      "igraph, rustworkx, networkit); swgraph and networkx always run")
    ap.add_argument("--budget", type=float, help="seconds a plain-NetworkX / plain-pyvis baseline may take before "
                                                  "it is estimated or capped (default 120; --quick 20)")
    ap.add_argument("--lib-budget", type=float, help="cap for swgraph and library runs (default 1800; --quick 120)")
    ap.add_argument("--draw-cap", type=float, help="seconds to wait for a first draw / pyvis stabilisation "
                                                    "(default 30; --quick 15)")
    ap.add_argument("--pyvis-max-nodes", type=int, default=5000,
                    help="largest map size plain pyvis is built for; above it the build time is estimated")
    ap.add_argument("--json", dest="json_path", help="write every figure here (default WORKDIR/results.json)")
    ap.add_argument("--workdir", help="generated data, graphs and maps (default: a new folder under /tmp)")
    args = ap.parse_args(argv)

    sizes = C.parse_sizes(args.sizes) if args.sizes else (C.QUICK_SIZES if args.quick else C.FULL_SIZES)
    map_sizes = ([int(x) for x in C.parse_sizes(args.map_sizes) if x.isdigit()] if args.map_sizes
                 else (C.QUICK_MAP_SIZES if args.quick else C.FULL_MAP_SIZES))
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    bad = set(stages) - set(STAGES)
    if bad:
        ap.error(f"unknown stage(s) {', '.join(sorted(bad))}; choose from {', '.join(STAGES)}")
    import bench_analysis as BA

    metrics = [m.strip() for m in args.metrics.split(",")] if args.metrics else list(BA.METRICS)
    if set(metrics) - set(BA.METRICS):
        ap.error(f"unknown metric(s); choose from {', '.join(BA.METRICS)}")
    libs = [e.strip() for e in args.engines.split(",")] if args.engines else ["igraph", "rustworkx", "networkit"]
    libs = [e for e in libs if _installed(e)]
    budget = args.budget or (20.0 if args.quick else 120.0)
    lib_budget = args.lib_budget or (120.0 if args.quick else 1800.0)
    draw_cap = args.draw_cap or (15.0 if args.quick else 30.0)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="swgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    json_path = Path(args.json_path) if args.json_path else work / "results.json"

    results: dict = {
        "machine": C.machine_info(),
        "settings": {"sizes": sizes, "map_sizes": map_sizes, "stages": stages, "metrics": metrics, "libraries": libs,
                     "budget_s": budget, "lib_budget_s": lib_budget, "draw_cap_s": draw_cap,
                     "pyvis_max_nodes": args.pyvis_max_nodes, "quick": args.quick, "profile": C.PROFILE,
                     "seed": C.SEED, "workdir": str(work)},
        "pipeline": [], "analysis": [], "maps": [], "neo4j": None,
    }
    m = results["machine"]
    print(f"swgraph benchmarks — {m['date']} — {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB, Python {m['python']}")
    print("libraries: " + ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v))
    print(f"load average at start: {m['load_average_at_start']} (a busy machine inflates every figure)")
    print(f"sizes {sizes}; stages {stages}; baseline budget {budget:g} s; workdir {work}\n")
    t_all = time.perf_counter()

    def save():
        results["total_s"] = time.perf_counter() - t_all
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))

    graphs: dict[str, Path] = {}
    if "pipeline" in stages or "analysis" in stages:
        for size in sizes:
            row = run_pipeline(size, work, lib_budget)
            results["pipeline"].append(row)
            if row.get("graph_path"):
                graphs[size] = Path(row["graph_path"])
            save()
        print_pipeline(results["pipeline"])

    if "analysis" in stages:
        for size in sizes:
            if size not in graphs:
                print(f"analysis {size}: no graph (pipeline failed)")
                continue
            rows = run_analysis(size, graphs[size], metrics, libs, budget, lib_budget, work)
            results["analysis"].extend(rows)
            save()
            print_analysis(size, rows)

    if "maps" in stages:
        results["maps"] = run_maps(map_sizes, work, budget, lib_budget, draw_cap, args.pyvis_max_nodes)
        save()
        print_maps(results["maps"])

    if "neo4j" in stages:
        results["neo4j"] = run_neo4j(work, args.quick, lib_budget)
        save()
        print_neo4j(results["neo4j"])

    print_memory(results)
    save()
    print(f"\ntotal {C.fmt_s(results['total_s'])}; JSON: {json_path}")
    return 0


def _installed(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None


# ------------------------------------------------------------------ stage 1


def run_pipeline(size: str, work: Path, cap: float) -> dict:
    label = C.size_label(size)
    data_dir = work / f"data-{label}"
    row: dict = {"size": size, "label": label}
    print(f"[pipeline {label}] generate …", flush=True)
    gen = C.run_task("bench_pipeline", "generate", {"size": size, "out_dir": str(data_dir)}, timeout=cap, workdir=work)
    row["generate"] = gen
    if gen.get("status") != "ok":
        print(f"  generate failed: {gen.get('error') or gen.get('status')}")
        return row
    print(f"[pipeline {label}] read + validate + graph …", flush=True)
    graph_path = work / f"graph-{label}.pkl"
    load = C.run_task("bench_pipeline", "load", {"size": size, "data_dir": str(data_dir) if gen.get("generated") else None,
                                                 "graph_path": str(graph_path)}, timeout=cap, workdir=work)
    row["load"] = load
    if load.get("status") == "ok":
        row["graph_path"] = str(graph_path)
        r = load["records"]
        row["us_per_record"] = {k: load[f"{k}_s"] / r * 1e6 for k in ("read", "validate", "graph")}
        row["records_per_s"] = {"read": r / load["read_s"], "validate": r / load["validate_s"],
                                "read_and_validate": r / (load["read_s"] + load["validate_s"])}
    else:
        print(f"  load failed: {load.get('error') or load.get('status')}")
    return row


def print_pipeline(rows: list[dict]) -> None:
    out = []
    for row in rows:
        g, ld = row.get("generate", {}), row.get("load", {})
        if ld.get("status") != "ok":
            out.append([row["label"], "-", "-", "-", "failed", "", "", "", "", ""])
            continue
        us = row["us_per_record"]
        out.append([
            row["label"], f"{ld['records']:,}", f"{ld['nodes']:,}", f"{ld['edges']:,}",
            C.fmt_s(g.get("generate_s")) if g.get("generated") else "(bundled)",
            f"{C.fmt_s(ld['read_s'])} ({us['read']:.0f} µs/rec)",
            f"{C.fmt_s(ld['validate_s'])} ({us['validate']:.0f} µs/rec)",
            f"{row['records_per_s']['read_and_validate']:,.0f}",
            f"{C.fmt_s(ld['graph_s'])} ({us['graph']:.1f} µs/rec)",
            C.fmt_mb(ld.get("rss_peak_mb")),
        ])
    print(C.table(["size", "records", "nodes", "edges", "generate", "read+model check", "cross-record validate",
                   "records/s (read+validate)", "collaboration_graph", "peak RSS"], out,
                  "\n== Stage 1: generate → validate → graph (µs per record should stay flat if scaling is linear)"))


# ------------------------------------------------------------------ stage 2


def run_analysis(size, graph_path, metrics, libs, budget, lib_budget, work) -> list[dict]:
    import bench_analysis as BA

    label = C.size_label(size)
    rows = []
    for metric in metrics:
        row: dict = {"size": size, "label": label, "metric": metric, "runs": {}}
        for engine in ["swgraph", "networkx", *libs]:
            if engine in BA.LIBRARY_METRICS and metric not in BA.LIBRARY_METRICS[engine]:
                row["runs"][engine] = {"status": "n/a", "note": f"{engine} has no {metric} (or no comparable one)"}
                continue
            if engine == "networkx":
                timeout = budget * 3 + 120 if metric in BA.SOURCE_DECOMPOSABLE else budget
            else:
                timeout = lib_budget
            print(f"[analysis {label}] {metric} / {engine} …", flush=True)
            vpath = work / f"values-{label}-{metric}-{engine}.npz"
            res = C.run_task("bench_analysis", "metric", {"graph_path": str(graph_path), "metric": metric,
                             "engine": engine, "budget": budget, "values_path": str(vpath)}, timeout=timeout, workdir=work)
            row["runs"][engine] = res
        _compare_row(row)
        rows.append(row)
    return rows


def _compare_row(row: dict) -> None:
    import bench_analysis as BA

    runs = row["runs"]
    nx_run = runs.get("networkx", {})
    ref_engine = "networkx" if nx_run.get("values_path") else None
    if ref_engine is None:  # NetworkX only estimated (no comparable values): compare with igraph, say so
        ref_engine = "igraph" if runs.get("igraph", {}).get("values_path") else None
    row["reference"] = ref_engine
    for engine, res in runs.items():
        if engine == ref_engine or not res.get("values_path") or ref_engine is None:
            continue
        res["vs_reference"] = BA.compare(runs[ref_engine]["values_path"], res["values_path"], row["metric"])
    done = {e: r for e, r in runs.items() if e not in ("swgraph", "networkx") and r.get("status") == "ok" and r.get("seconds")}
    row["fastest_library"] = min(done, key=lambda e: done[e]["seconds"]) if done else None


def _time_cell(res: dict) -> tuple[str, float | None, bool, bool]:
    """(text, seconds, is_lower_bound, is_estimate)."""
    st = res.get("status")
    if st == "timeout":
        return f"> {res['timeout_s']:.0f} s (capped)", res["timeout_s"], True, False
    if st == "n/a":
        return "n/a", None, False, False
    if st != "ok":
        return "error", None, False, False
    s = res["seconds"]
    if res.get("estimated"):
        return f"≈{C.fmt_s(s)} (estimated, k={res['sample_k']})", s, False, True
    tag = " (approx., k=%d)" % res["sample_size"] if res.get("approximate") else ""
    return C.fmt_s(s) + tag, s, False, False


def print_analysis(size: str, rows: list[dict]) -> None:
    out = []
    for row in rows:
        runs = row["runs"]
        sw = runs.get("swgraph", {})
        sw_txt, sw_s, _, _ = _time_cell(sw)
        if sw.get("engine_used"):
            sw_txt += f" [{sw['engine_used']}]"
        nx_txt, nx_s, nx_lb, nx_est = _time_cell(runs.get("networkx", {}))
        ratio = C.fmt_ratio(nx_s, sw_s, base_lower_bound=nx_lb)
        if nx_est and ratio != "-":
            ratio += " (vs est.)"
        fast = row.get("fastest_library")
        if fast:
            f_txt, f_s, _, _ = _time_cell(runs[fast])
            fast_txt = f"{fast} {f_txt}"
            vs_fast = C.fmt_ratio(f_s, sw_s)
        else:
            fast_txt, vs_fast = "-", "-"
        others = "; ".join(f"{e} {_time_cell(r)[0]}" for e, r in runs.items()
                           if e not in ("swgraph", "networkx", fast) and r.get("status") != "n/a")
        out.append([row["metric"], sw_txt, nx_txt, ratio, fast_txt, vs_fast.replace("faster", "faster").replace("slower", "slower"),
                    _diff_cell(row), others or "-", C.fmt_mb(sw.get("rss_peak_mb"))])
    n = next((r["runs"]["swgraph"].get("n") for r in rows if r["runs"].get("swgraph", {}).get("n")), None)
    m = next((r["runs"]["swgraph"].get("m") for r in rows if r["runs"].get("swgraph", {}).get("m")), None)
    title = f"\n== Stage 2: analysis, {C.size_label(size)} ({n:,} nodes, {m:,} edges)" if n else f"\n== Stage 2: analysis, {size}"
    print(C.table(["metric", "swgraph [engine]", "plain NetworkX", "swgraph vs NetworkX", "fastest library",
                   "swgraph vs fastest", "max |Δ| vs NetworkX", "other libraries", "swgraph peak RSS"], out, title))


def _diff_cell(row: dict) -> str:
    """Largest |difference| from the reference over the engines within 1e-9, then each engine that is not."""
    ref = row.get("reference")
    if ref is None:
        return "no reference values"
    pre = "" if ref == "networkx" else f"vs {ref} (NetworkX estimated): "
    cmps = {e: r["vs_reference"] for e, r in row["runs"].items() if r.get("vs_reference")}
    if not cmps:
        return pre + "-"
    if row["metric"] == "louvain":
        q = {e: row["runs"][e].get("modularity") for e in [ref, *cmps]}
        return pre + "Q " + ", ".join(f"{e} {v:.4f}" for e, v in q.items() if v is not None) + \
            "; ARI " + ", ".join(f"{e} {c['ari']:.2f}" for e, c in cmps.items())
    same = {e: c for e, c in cmps.items() if c["max_abs_diff"] <= 1e-9 and not c["nan_mismatch"]}
    parts = []
    if same:
        worst = max(c["max_abs_diff"] for c in same.values())
        sub = min(c["compared"] for c in same.values())
        subset = any(c.get("subset") for c in same.values())
        parts.append(f"{worst:.1e} ({len(same)} engine{'s' if len(same) > 1 else ''}"
                     + (f", on {sub:,} sampled nodes" if subset else "") + ")")
    for e, c in cmps.items():
        if e not in same:
            parts.append(f"{e} {c['max_abs_diff']:.1e} ≠" + (f" ({c['nan_mismatch']} NaN mismatches)" if c["nan_mismatch"] else ""))
    return pre + "; ".join(parts)


# ------------------------------------------------------------------ stage 3


def run_maps(sizes, work, budget, lib_budget, cap, pyvis_max) -> list[dict]:
    rows = []
    for n in sizes:
        row: dict = {"n": n}
        for kind in ("swgraph", "pyvis"):
            html = work / f"map-{kind}-{n}.html"
            if kind == "pyvis" and n > pyvis_max:
                row[kind] = {"status": "skipped", "note": f"above --pyvis-max-nodes={pyvis_max} (quadratic add_edge)"}
                continue
            print(f"[maps {n}] {kind} build …", flush=True)
            b = C.run_task("bench_maps", "build", {"n": n, "kind": kind, "html_path": str(html)},
                           timeout=budget if kind == "pyvis" else lib_budget, workdir=work)
            row[kind] = {"build": b}
            if b.get("status") == "ok":
                print(f"[maps {n}] {kind} first draw …", flush=True)
                d = C.run_task("bench_maps", "draw", {"html_path": str(html), "kind": kind, "cap": cap},
                               timeout=cap * 2 + 120, workdir=work)
                row[kind]["draw"] = d
        rows.append(row)
    # pyvis build above the cap: power-law fit of the measured sizes (labelled estimated)
    pts = [(r["n"], r["pyvis"]["build"]["build_s"]) for r in rows
           if r.get("pyvis", {}).get("build", {}).get("status") == "ok" and r["pyvis"]["build"].get("build_s")]
    if len(pts) >= 2:
        (n1, t1), (n2, t2) = pts[-2], pts[-1]
        if n2 != n1 and t1 > 0 and t2 > 0:
            exp = math.log(t2 / t1) / math.log(n2 / n1)
            for r in rows:
                if r.get("pyvis", {}).get("status") == "skipped":
                    r["pyvis"]["estimated_build_s"] = t2 * (r["n"] / n2) ** exp
                    r["pyvis"]["fit"] = {"from": [n1, n2], "exponent": exp}
    return rows


def print_maps(rows: list[dict]) -> None:
    out = []
    for r in rows:
        sw, pv = r.get("swgraph", {}), r.get("pyvis", {})
        sb, sd = sw.get("build", {}), sw.get("draw", {})
        pb, pd = pv.get("build", {}), pv.get("draw", {})
        cap = sd.get("cap_s") or pd.get("cap_s")
        sw_build = C.fmt_s(sb.get("build_s")) if sb.get("status") == "ok" else sb.get("status", "-")
        if sb.get("overview"):
            sw_build += " (overview by design)"
        sw_draw = _ms(sd, "first_draw_ms", cap)
        if pv.get("status") == "skipped":
            est = pv.get("estimated_build_s")
            pv_build = f"> cap; ≈{C.fmt_s(est)} (estimated, n^{pv['fit']['exponent']:.1f} fit)" if est else "> cap (not run)"
            pv_size = pv_draw = pv_settle = "not run"
            pv_build_s, lb = est, False
        else:
            if pb.get("status") == "timeout":
                pv_build, pv_build_s, lb = f"> {pb['timeout_s']:.0f} s", pb["timeout_s"], True
            else:
                pv_build, pv_build_s, lb = C.fmt_s(pb.get("build_s")), pb.get("build_s"), False
            pv_size = f"{pb['html_bytes'] / 1e6:.1f} MB" if pb.get("html_bytes") else "-"
            pv_draw = _ms(pd, "first_draw_ms", cap)
            pv_settle = _ms(pd, "stabilized_ms", cap)
        ratio_b = C.fmt_ratio(pv_build_s, sb.get("build_s"), base_lower_bound=lb)
        if pv.get("status") == "skipped" and ratio_b != "-":
            ratio_b += " (vs est.)"
        sdm, pdm = sd.get("first_draw_ms"), pd.get("first_draw_ms")
        if sdm and pdm:
            ratio_d = C.fmt_ratio(pdm, sdm)
        elif sdm and pd and pdm is None and pd.get("status") == "ok":
            ratio_d = C.fmt_ratio(cap * 1000, sdm, base_lower_bound=True)
        else:
            ratio_d = "-"
        drawn = sd.get("drawn_nodes")
        out.append([f"{r['n']:,}" + (f" (drawn: {drawn:,})" if drawn and drawn != r["n"] else ""), sw_build,
                    f"{sb['html_bytes'] / 1e6:.1f} MB" if sb.get("html_bytes") else "-", sw_draw,
                    pv_build, pv_size, pv_draw, pv_settle, ratio_b, ratio_d])
    print(C.table(["nodes", "swgraph build", "HTML", "first draw", "pyvis build", "HTML", "first draw",
                   "stabilized", "build: swgraph vs pyvis", "first draw: swgraph vs pyvis"], out,
                  "\n== Stage 3: maps (first draw = ms after navigation start in headless Chromium; "
                  "above 5,000 nodes swgraph draws an overview by province by design)"))


def _ms(d: dict, key: str, cap) -> str:
    if not d:
        return "-"
    if d.get("status") not in (None, "ok"):
        return d.get("status") + (f" ({d.get('note')})" if d.get("note") else "")
    v = d.get(key)
    if v is None:
        return f"> {cap:.0f} s" if cap else "-"
    return C.fmt_s(v / 1000)


# ------------------------------------------------------------------ stage 4


def run_neo4j(work: Path, quick: bool, cap: float) -> dict:
    """Run the Neo4j load benchmark (benchmarks/neo4j_load.py, its own CLI) and take its JSON."""
    import subprocess

    script = HERE / "neo4j_load.py"
    if not script.is_file():
        return {"status": "skipped", "note": "benchmarks/neo4j_load.py not present"}
    cmd = [sys.executable, str(script), "--format", "json"]
    cmd += ["--scale", "0.1", "--naive-seconds", "10"] if quick else []
    print(f"[neo4j] {' '.join(cmd[1:])} …", flush=True)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=cap, cwd=str(HERE.parent))
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "timeout_s": cap, "command": cmd[1:]}
    if proc.returncode != 0:  # e.g. no Neo4j reachable: report, do not fail the run
        tail = "\n".join(proc.stderr.strip().splitlines()[-3:])
        return {"status": "skipped", "note": f"neo4j_load.py exited {proc.returncode}: {tail}", "command": cmd[1:]}
    try:
        return {"status": "ok", "command": cmd[1:], "result": json.loads(proc.stdout)}
    except ValueError:
        return {"status": "error", "note": "neo4j_load.py printed no JSON", "stdout": proc.stdout[-2000:]}


def print_neo4j(res: dict) -> None:
    print("\n== Stage 4: Neo4j load (rows/s, batched vs one transaction per row)")
    if res.get("status") not in ("ok", None) or res.get("result") is None:
        print(f"  {res.get('status')}: {res.get('note') or res.get('error') or ''}")
        return
    r = res["result"]
    try:
        print(f"  {r['dataset']}: {r['nodes']:,} nodes + {r['relationships']:,} relationships; Neo4j {r['neo4j']}")
        for b in r["batched"]:
            print(f"  batched (UNWIND, {b['batch_size']} rows/tx): {b['rows_per_second']:,.0f} rows/s "
                  f"({b['rows']:,} rows in {b['seconds']:.1f} s)")
        n = r["naive"]
        print(f"  one transaction per row:  {n['rows_per_second']:,.0f} rows/s ({n['rows']:,} rows in {n['seconds']:.1f} s)")
        print(f"  batched vs one-per-row: ×{r['speedup']} faster")
    except (KeyError, TypeError):
        print(json.dumps(r, indent=1, ensure_ascii=False, default=str)[:4000])


# ------------------------------------------------------------------ stage 5


def print_memory(results: dict) -> None:
    out = []
    for row in results["pipeline"]:
        g, ld = row.get("generate", {}), row.get("load", {})
        if g.get("generated") and g.get("status") == "ok":
            out.append([row["label"], "generate", C.fmt_mb(g.get("rss_base_mb")), C.fmt_mb(g.get("rss_peak_mb")),
                        C.fmt_mb(g["rss_peak_mb"] - g["rss_base_mb"])])
        if ld.get("status") == "ok":
            ra = ld["rss_after_mb"]
            prev = ra["start"]
            for phase in ("read", "validate", "graph"):
                out.append([row["label"], phase, C.fmt_mb(prev), C.fmt_mb(ra[phase]), C.fmt_mb(ra[phase] - prev)])
                prev = ra[phase]
    for row in results["analysis"]:
        sw = row["runs"].get("swgraph", {})
        nxr = row["runs"].get("networkx", {})
        if sw.get("status") == "ok":
            extra = ""
            if nxr.get("status") == "ok" and nxr.get("rss_peak_mb"):
                extra = f" (NetworkX: +{nxr['rss_peak_mb'] - nxr['rss_base_mb']:,.0f} MiB" + \
                        (", sampled run)" if nxr.get("estimated") else ")")
            out.append([row["label"], f"analysis: {row['metric']}", C.fmt_mb(sw["rss_base_mb"]),
                        C.fmt_mb(sw["rss_peak_mb"]), C.fmt_mb(sw["rss_peak_mb"] - sw["rss_base_mb"]) + extra])
    for row in results["maps"]:
        for kind in ("swgraph", "pyvis"):
            b = row.get(kind, {}).get("build", {})
            if b.get("status") == "ok":
                out.append([f"map {row['n']:,}", f"{kind} build", C.fmt_mb(b["rss_base_mb"]), C.fmt_mb(b["rss_peak_mb"]),
                            C.fmt_mb(b["rss_peak_mb"] - b["rss_base_mb"])])
    if out:
        print(C.table(["size", "stage", "RSS before (inputs loaded)", "peak RSS", "added by the stage"], out,
                      "\n== Stage 5: memory (peak RSS of each stage's own subprocess; read/validate/graph share one "
                      "process, so their peaks are cumulative)"))


if __name__ == "__main__":
    sys.exit(main())
