"""Stage 2: each analysis metric with swgraph's default engine vs plain NetworkX vs the fast libraries.

One subprocess per (size, metric, engine) — see ``_common.run_task`` — loads
the saved collaboration graph (untimed), records its peak RSS, then times one
call. Values are written to an ``.npz`` next to the results so the runner can
compare every engine with NetworkX (max abs difference).

Engines
-------
``swgraph``
    What ``swgraph analyze`` runs (``engine="auto"``; Louvain on igraph above
    2,000 nodes; betweenness sampled with ``k = BETWEENNESS_SAMPLE`` sources
    above ``EXACT_BETWEENNESS_LIMIT`` nodes — labelled approximate).
``networkx``
    Plain NetworkX, defaults except tolerances (eigenvector ``tol=1e-13``,
    PageRank ``tol=1e-13``, so the values can be compared at 1e-9). For the
    source-decomposable metrics (betweenness, closeness, harmonic,
    constraint) a pilot on a few sampled nodes predicts the full time; when
    that exceeds the budget the full run is *not* done and the time is
    **estimated** from a larger sampled run (``time(k) * n / k``), labelled so.
    Other metrics are killed at the budget and reported as ``> budget``.
``igraph``, ``rustworkx``, ``networkit``
    The library called directly on the same graph; the time includes the
    conversion from the NetworkX graph (also reported alone as ``convert_s``),
    results rescaled to NetworkX conventions where the scales differ.

Run on its own it times swgraph against the peers, median of ``--repeat`` interleaved runs,
optionally with another checkout's swgraph (``--base``) and a check that its values are identical::

    .venv/bin/python benchmarks/bench_analysis.py --graph /tmp/b/graph-20k.pkl --metrics pagerank,constraint \
        --base /tmp/base-checkout
"""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import numpy as np
from _common import Timer, load_graph, maxrss_mb

METRICS = ("degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "louvain", "constraint")
ENGINES = ("swgraph", "networkx", "igraph", "rustworkx", "networkit")
# metrics each library offers (the runner skips the rest, saying so)
LIBRARY_METRICS = {
    "igraph": set(METRICS),
    "rustworkx": {"betweenness", "closeness", "eigenvector", "pagerank"},
    # PageRank left out: networkit's dangling-node handling differs from NetworkX's (max |diff| ~1e-3 on
    # the seeds-based graphs), so its time would not be for the same result.
    "networkit": {"betweenness", "closeness", "harmonic", "eigenvector", "louvain"},
}
SOURCE_DECOMPOSABLE = {"betweenness", "closeness", "harmonic", "constraint"}


def sampling_rule() -> tuple[int, int]:
    """(exact betweenness up to this many nodes, sample size above it) — swgraph analyze's own constants."""
    from swgraph.analysis.metrics import BETWEENNESS_SAMPLE, EXACT_BETWEENNESS_LIMIT

    return EXACT_BETWEENNESS_LIMIT, BETWEENNESS_SAMPLE


def betweenness_k(n: int) -> int | None:
    limit, sample = sampling_rule()
    return min(sample, n) if n > limit else None


# ------------------------------------------------------------------ swgraph


def run_swgraph(G, metric: str) -> tuple[dict | list, dict]:
    from swgraph.analysis import brokerage, centrality, communities

    n = len(G)
    if metric == "degree":
        sc = centrality.degree(G)
    elif metric == "betweenness":
        sc = centrality.betweenness(G, k=betweenness_k(n), seed=0, engine="auto")
    elif metric == "closeness":
        sc = centrality.closeness(G, engine="auto")
    elif metric == "harmonic":
        sc = centrality.harmonic(G, engine="auto")
    elif metric == "eigenvector":
        sc = centrality.eigenvector(G, weight="weight", engine="auto")
    elif metric == "pagerank":
        sc = centrality.pagerank(G, weight="weight", engine="auto")
    elif metric == "louvain":
        eng = "igraph" if n > 2_000 else "networkx"  # as swgraph.application.suite.analyze
        return communities.louvain(G, weight="weight", seed=0, engine=eng), {"engine_used": eng}
    elif metric == "constraint":
        return brokerage.constraint(G, weight="weight"), {"engine_used": "networkx"}
    else:
        raise ValueError(metric)
    return sc, {"engine_used": sc.engine, "approximate": sc.approximate, "sample_size": sc.sample_size}


# ------------------------------------------------------------------ plain NetworkX


def _nx_full(G, metric: str, k_betw: int | None):
    import networkx as nx

    if metric == "degree":
        return dict(G.degree())
    if metric == "betweenness":
        return nx.betweenness_centrality(G, k=k_betw, seed=0)
    if metric == "closeness":
        return nx.closeness_centrality(G)
    if metric == "harmonic":
        return nx.harmonic_centrality(G)
    if metric == "eigenvector":
        return nx.eigenvector_centrality(G, weight="weight", max_iter=100_000, tol=1e-13)
    if metric == "pagerank":
        return nx.pagerank(G, weight="weight", max_iter=10_000, tol=1e-13)
    if metric == "louvain":
        return nx.community.louvain_communities(G, weight="weight", seed=0)
    if metric == "constraint":
        return nx.constraint(G, weight="weight")
    raise ValueError(metric)


def _nx_sample(G, metric: str, sample: list, k: int):
    """The same NetworkX function restricted to ``k`` sources / nodes (cost ~ k / units of the full run)."""
    import networkx as nx

    if metric == "betweenness":
        return nx.betweenness_centrality(G, k=k, seed=0), False  # values: a different (smaller) sample
    if metric == "closeness":
        return {v: nx.closeness_centrality(G, u=v) for v in sample}, True  # exact values of these nodes
    if metric == "harmonic":
        return nx.harmonic_centrality(G, nbunch=sample), True
    if metric == "constraint":
        return nx.constraint(G, nodes=sample, weight="weight"), True
    raise ValueError(metric)


def run_networkx(G, metric: str, budget: float) -> tuple[dict | list | None, dict]:
    n = len(G)
    k_betw = betweenness_k(n)
    if metric not in SOURCE_DECOMPOSABLE:
        return _nx_full(G, metric, k_betw), {}
    units = k_betw if (metric == "betweenness" and k_betw) else n  # sources (or nodes) the full run visits
    pilot_k = min(units, 10)
    nodes = list(G)
    t0 = time.perf_counter()
    _nx_sample(G, metric, random.Random(0).sample(nodes, pilot_k), pilot_k)
    t_pilot = time.perf_counter() - t0
    predicted = t_pilot * units / pilot_k
    if predicted <= budget or pilot_k == units:
        return _nx_full(G, metric, k_betw), {"pilot_k": pilot_k, "predicted_s": predicted}
    # Too slow to run in full: a bigger sample (about min(20 s, budget/4)) gives the estimate.
    target = min(20.0, budget / 4)
    k = int(min(units - 1, max(pilot_k, pilot_k * target / max(t_pilot, 1e-6))))
    sample = random.Random(0).sample(nodes, k)
    t0 = time.perf_counter()
    values, exact_subset = _nx_sample(G, metric, sample, k)
    t_k = time.perf_counter() - t0
    return (values if exact_subset else None), {
        "estimated": True, "estimate_s": t_k * units / k, "sample_k": k, "sample_s": t_k, "units": units,
        "pilot_k": pilot_k, "predicted_s": predicted, "values_subset": exact_subset,
    }


# ------------------------------------------------------------------ igraph / rustworkx / networkit


def _triples(G):
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    return nodes, [(index[u], index[v], float(w)) for u, v, w in G.edges(data="weight", default=1.0)]


def run_igraph(G, metric: str):
    import igraph as ig

    from swgraph.analysis.centrality import _rescale

    n = len(G)
    with Timer() as tc:
        nodes, tri = _triples(G)
        g = ig.Graph(n=n, edges=[(i, j) for i, j, _ in tri], directed=False)
        g.es["w"] = [w for _, _, w in tri]
    extra = {"convert_s": tc.s}
    if metric == "degree":
        vals = g.degree()
    elif metric == "betweenness":
        k = betweenness_k(n)
        if k is None:
            raw = g.betweenness(directed=False)
            sample = None
        else:
            sample = random.Random(0).sample(nodes, k)  # the sources NetworkX and swgraph draw for seed 0
            index = {v: i for i, v in enumerate(nodes)}
            raw = g.betweenness(directed=False, sources=[index[s] for s in sample])
            extra.update(approximate=True, sample_size=k)
        vals = _rescale({v: 2.0 * b for v, b in zip(nodes, raw)}, n, normalized=True, directed=False, sampled=sample)
        vals = [vals[v] for v in nodes]
    elif metric == "closeness":
        raw = g.closeness(normalized=True)
        memb = g.connected_components().membership
        sizes = np.bincount(memb)
        vals = [0.0 if (c != c or sizes[m] <= 1) else c * (sizes[m] - 1) / (n - 1) for c, m in zip(raw, memb)]
    elif metric == "harmonic":
        vals = g.harmonic_centrality(normalized=False)
    elif metric == "eigenvector":
        v = np.abs(np.asarray(g.eigenvector_centrality(weights="w"), dtype=float))
        vals = v / np.linalg.norm(v)
    elif metric == "pagerank":
        vals = g.pagerank(weights="w", damping=0.85, directed=False)
    elif metric == "louvain":
        ig.set_random_number_generator(random.Random(0))
        cl = g.community_multilevel(weights="w")
        ig.set_random_number_generator(random)
        return [[nodes[i] for i in c] for c in cl], extra
    elif metric == "constraint":
        vals = g.constraint(weights="w")
    else:
        raise ValueError(metric)
    return dict(zip(nodes, (float(x) for x in vals))), extra


def run_rustworkx(G, metric: str):
    import rustworkx as rx

    n = len(G)
    if metric == "betweenness" and betweenness_k(n):
        raise NotApplicable("rustworkx has no sampled betweenness with given sources")
    with Timer() as tc:
        nodes, tri = _triples(G)
        if metric == "pagerank":  # rustworkx PageRank takes a directed graph: each tie both ways
            g = rx.PyDiGraph()
            g.add_nodes_from(range(n))
            g.add_edges_from([(i, j, w) for i, j, w in tri] + [(j, i, w) for i, j, w in tri])
        else:
            g = rx.PyGraph()
            g.add_nodes_from(range(n))
            g.add_edges_from(tri)
    extra = {"convert_s": tc.s, "threads": "rayon (all cores)"}
    if metric == "betweenness":
        res = rx.graph_betweenness_centrality(g, normalized=True, endpoints=False)
    elif metric == "closeness":
        res = rx.graph_closeness_centrality(g, wf_improved=True)
    elif metric == "eigenvector":
        res = rx.graph_eigenvector_centrality(g, weight_fn=float, max_iter=100_000, tol=1e-13)
    elif metric == "pagerank":
        res = rx.pagerank(g, alpha=0.85, weight_fn=float, tol=1e-13, max_iter=10_000)
    else:
        raise NotApplicable(f"rustworkx has no {metric}")
    return {nodes[i]: float(res[i]) for i in range(n)}, extra


def run_networkit(G, metric: str):
    import networkit as nk

    n = len(G)
    if metric == "betweenness" and betweenness_k(n):
        raise NotApplicable("networkit has no sampled betweenness with given sources")
    weighted = metric in ("eigenvector", "pagerank", "louvain")
    with Timer() as tc:
        nodes, tri = _triples(G)
        g = nk.Graph(n, weighted=weighted, directed=False)
        for i, j, w in tri:
            g.addEdge(i, j, w) if weighted else g.addEdge(i, j)
    extra = {"convert_s": tc.s, "threads": nk.getMaxNumberOfThreads()}
    c = nk.centrality
    if metric == "betweenness":
        vals = c.Betweenness(g, normalized=True).run().scores()
    elif metric == "closeness":
        raw = c.Closeness(g, True, c.ClosenessVariant.GENERALIZED).run().scores()
        vals = raw
    elif metric == "harmonic":
        vals = c.HarmonicCloseness(g, normalized=False).run().scores()
    elif metric == "eigenvector":
        v = np.abs(np.asarray(c.EigenvectorCentrality(g, tol=1e-13).run().scores()))
        vals = v / np.linalg.norm(v)
    elif metric == "pagerank":
        try:  # isolated / dangling nodes spread their score uniformly, as NetworkX does
            pr = c.PageRank(g, damp=0.85, tol=1e-13, normalized=False, distributeSinks=c.SinkHandling.DistributeSinks)
        except TypeError:
            pr = c.PageRank(g, damp=0.85, tol=1e-13)
        vals = pr.run().scores()
    elif metric == "louvain":
        nk.setSeed(0, False)
        part = nk.community.PLM(g, refine=False, gamma=1.0).run().getPartition()
        groups: dict = {}
        for i in range(n):
            groups.setdefault(part.subsetOf(i), []).append(nodes[i])
        return list(groups.values()), extra
    else:
        raise NotApplicable(f"networkit has no {metric}")
    return dict(zip(nodes, (float(x) for x in vals))), extra


def _preload(engine: str) -> None:
    """Import everything the timed call needs, so no import time is counted."""
    import networkx  # noqa: F401

    import swgraph.analysis.brokerage  # noqa: F401
    import swgraph.analysis.centrality  # noqa: F401
    import swgraph.analysis.communities  # noqa: F401

    if engine in ("swgraph", "igraph"):
        import igraph  # noqa: F401
    if engine == "rustworkx":
        import rustworkx  # noqa: F401
    if engine == "networkit":
        import networkit  # noqa: F401


class NotApplicable(Exception):
    pass


# ------------------------------------------------------------------ task


def task_metric(graph_path: str, metric: str, engine: str, budget: float, values_path: str) -> dict:
    G = load_graph(graph_path)
    nodes = list(G)
    _preload(engine)
    try:  # warm-up on a tiny graph: first-call costs (NetworkX backend dispatch, lazy imports) are not timed
        _run(G.subgraph(nodes[:30]).copy(), metric, engine, budget=1e9)
    except Exception:  # noqa: BLE001 - e.g. no edges among those nodes; the real call reports real errors
        pass
    base = maxrss_mb()
    out: dict = {"metric": metric, "engine": engine, "n": len(G), "m": G.number_of_edges()}
    t0 = time.perf_counter()
    try:
        values, extra = _run(G, metric, engine, budget)
    except NotApplicable as exc:
        return {**out, "status": "n/a", "note": str(exc)}
    elapsed = time.perf_counter() - t0
    out.update(extra)
    out["seconds"] = out.pop("estimate_s") if out.get("estimated") else elapsed
    out["measured_wall_s"] = elapsed
    out["rss_base_mb"] = round(base, 1)
    if values is None:
        return out
    index = {v: i for i, v in enumerate(nodes)}
    if metric == "louvain":
        import networkx as nx

        comms = [list(c) for c in values]
        memb = np.empty(len(nodes), dtype=np.int64)
        for ci, c in enumerate(comms):
            for v in c:
                memb[index[v]] = ci
        out["communities"] = len(comms)
        out["modularity"] = float(nx.community.modularity(G, comms, weight="weight")) if G.number_of_edges() else 0.0
        np.savez(values_path, idx=np.arange(len(nodes)), vals=memb)
    else:
        idx = np.fromiter((index[v] for v in values), dtype=np.int64, count=len(values))
        vals = np.fromiter((float(x) if x is not None else math.nan for x in values.values()), dtype=float,
                           count=len(values))
        np.savez(values_path, idx=idx, vals=vals)
    out["values_path"] = values_path
    return out


def _run(G, metric: str, engine: str, budget: float):
    if engine == "swgraph":
        return run_swgraph(G, metric)
    if engine == "networkx":
        return run_networkx(G, metric, budget)
    if engine == "igraph":
        return run_igraph(G, metric)
    if engine == "rustworkx":
        return run_rustworkx(G, metric)
    if engine == "networkit":
        return run_networkit(G, metric)
    raise ValueError(engine)


def compare(ref_path: str | Path, other_path: str | Path, metric: str) -> dict:
    """Max abs difference of ``other`` against ``ref`` on the nodes both computed (NaN must match NaN)."""
    a = np.load(ref_path)
    b = np.load(other_path)
    ra = dict(zip(a["idx"].tolist(), a["vals"].tolist()))
    common = [(ra[i], v) for i, v in zip(b["idx"].tolist(), b["vals"].tolist()) if i in ra]
    if not common:
        return {"compared": 0}
    x = np.array([c[0] for c in common], dtype=float)
    y = np.array([c[1] for c in common], dtype=float)
    if metric == "louvain":
        from swgraph.analysis.communities import adjusted_rand_index

        return {"compared": len(common), "ari": adjusted_rand_index(dict(enumerate(x.astype(int))),
                                                                    dict(enumerate(y.astype(int))))}
    nan_x, nan_y = np.isnan(x), np.isnan(y)
    ok = ~(nan_x | nan_y)
    diff = float(np.max(np.abs(x[ok] - y[ok]))) if ok.any() else 0.0
    return {"compared": len(common), "max_abs_diff": diff, "nan_mismatch": int(np.sum(nan_x != nan_y)),
            "subset": len(common) < len(a["idx"]) or len(common) < len(b["idx"])}


TASKS = {"metric": task_metric}


# ------------------------------------------------------------------ one command: swgraph vs the peers, median of N


def _common_of(tree: Path):
    """``benchmarks/_common.py`` of another checkout (its tasks then import that checkout's swgraph)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_common_{abs(hash(str(tree)))}", tree / "benchmarks" / "_common.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    """Each metric: swgraph (this checkout, and ``--base`` if given) and every peer library, interleaved, median of N."""
    import argparse
    import os
    import statistics
    import tempfile

    import _common as C

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--graph", required=True, type=Path, help="a saved collaboration graph (bench_pipeline's load task "
                    "writes one: benchmarks/run.py --stages pipeline --sizes 20k --workdir DIR gives DIR/graph-20k.pkl)")
    ap.add_argument("--metrics", default=",".join(m for m in METRICS if m != "degree"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--base", type=Path, help="another checkout (e.g. `git archive REV | tar -x -C DIR`): its swgraph "
                    "is timed too, and its values compared with this checkout's for equality")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "swgraph-bench-analysis")
    args = ap.parse_args(argv)
    sides = [("swgraph", C)] + ([("base", _common_of(args.base.resolve()))] if args.base else [])
    print(f"per-metric timings on {args.graph} (call wall time incl. conversion, median of {args.repeat}, "
          f"interleaved); load average at start {tuple(round(x, 2) for x in os.getloadavg())}")
    for metric in [m.strip() for m in args.metrics.split(",") if m.strip()]:
        runs = [(lab, mod, "swgraph") for lab, mod in sides]
        runs += [(e, C, e) for e in ("igraph", "rustworkx", "networkit") if metric in LIBRARY_METRICS[e]]
        secs: dict = {lab: [] for lab, _, _ in runs}
        notes = []
        for _ in range(args.repeat):
            for lab, mod, engine in runs:
                r = mod.run_task("bench_analysis", "metric", {"graph_path": str(args.graph), "metric": metric,
                                 "engine": engine, "budget": 1800.0,
                                 "values_path": str(args.workdir / f"values-{metric}-{lab}.npz")},
                                 timeout=3600, workdir=args.workdir)
                if r.get("status") == "ok":
                    secs[lab].append(r["seconds"])
                elif r.get("status") != "n/a" or not notes:
                    notes.append(f"{lab}: {r.get('status')} {r.get('note') or r.get('error') or ''}".strip())
        med = {lab: statistics.median(v) for lab, v in secs.items() if v}
        peers = {e: s for e, s in med.items() if e not in ("swgraph", "base")}
        fastest = min(peers, key=peers.get) if peers else None
        cells = []
        for lab in ("swgraph", "base"):
            if lab in med:
                ratio = f" = {med[lab] / peers[fastest]:.2f}× {fastest}" if fastest else ""
                cells.append(f"{lab} {C.fmt_s(med[lab])}{ratio}")
        cells += [f"{e} {C.fmt_s(s)}" for e, s in peers.items()]
        if args.base and {"swgraph", "base"} <= set(med):
            a = np.load(args.workdir / f"values-{metric}-swgraph.npz")
            b = np.load(args.workdir / f"values-{metric}-base.npz")
            same = np.array_equal(a["idx"], b["idx"]) and np.array_equal(a["vals"], b["vals"], equal_nan=True)
            cells.append("values identical to base" if same else "VALUES DIFFER FROM BASE")
        print(f"  {metric:12s} " + "; ".join(cells) + (f"  ({'; '.join(notes)})" if notes else ""), flush=True)
    print(f"load average at end {tuple(round(x, 2) for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    import sys

    sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
    raise SystemExit(main())
