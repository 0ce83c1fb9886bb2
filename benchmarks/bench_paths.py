"""The fused shortest-path pass against igraph, rustworkx and networkit called directly (and NetworkX's values).

    .venv/bin/python benchmarks/bench_paths.py                  # national-2015 and ~20k
    .venv/bin/python benchmarks/bench_paths.py --sizes national-2015,20000 --networkx

For each size: CPU seconds (``time.process_time``, all threads) and wall of
swgraph's fused pass (betweenness + closeness + harmonic from one search per
node, :func:`swgraph.analysis.paths.path_pass`) and of each peer library's
three metrics called separately (conversion from NetworkX counted once per
library), then ratios: fused / the sum of the fastest peer per metric, and
fused / the fastest peer's betweenness alone. ``--networkx`` adds max |Δ| of
the fused values against NetworkX (affordable at national-2015). Peers that
are not installed are skipped (``pip install rustworkx networkit``: the
``bench`` extra). The kernel is compiled (or loaded from its cache) before
timing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx  # noqa: E402
from _common import PROFILE, SEED, contract_graph, dataset_in_memory, parse_sizes  # noqa: E402


def graph(size: str):
    if size == "seeds":
        return contract_graph(None)
    if size == "national-2015":
        from swgraph.graph import collaboration_graph
        from swgraph.synthetic import generate
        from swgraph.synthetic.build import load_documented

        documented = load_documented()
        return collaboration_graph(dataset_in_memory(generate(PROFILE, scale=1.0, seed=SEED, documented=documented), documented))
    return contract_graph(int(size))


def timed(fn):
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - c0, time.perf_counter() - w0


def run_fused(G):
    from swgraph.analysis import paths

    paths._MEMO.clear()
    p, cpu, wall = timed(lambda: paths.path_pass(G))
    return {"betweenness": p.betweenness, "closeness": p.closeness, "harmonic": p.harmonic}, cpu, wall


def run_igraph(G):
    from swgraph.analysis._igraph import to_igraph

    out, t = {}, {}
    (g, nodes), cpu, wall = timed(lambda: to_igraph(G))
    t["convert"] = (cpu, wall)
    n = len(nodes)
    raw, *t["betweenness"] = timed(lambda: g.betweenness(directed=False))
    out["betweenness"] = {v: 2 * b / ((n - 1) * (n - 2)) for v, b in zip(nodes, raw)}
    raw, *t["closeness"] = timed(lambda: g.closeness(normalized=True))
    out["closeness"] = dict(zip(nodes, raw))  # not wf-rescaled: the time is what matters here
    raw, *t["harmonic"] = timed(lambda: g.harmonic_centrality(normalized=False))
    out["harmonic"] = dict(zip(nodes, raw))
    return out, t


def run_rustworkx(G):
    import rustworkx as rx

    t = {}
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}

    def convert():
        g = rx.PyGraph()
        g.add_nodes_from(range(len(nodes)))
        g.add_edges_from_no_data([(index[u], index[v]) for u, v in G.edges()])
        return g

    g, *t["convert"] = timed(convert)
    _, *t["betweenness"] = timed(lambda: rx.graph_betweenness_centrality(g, normalized=True, endpoints=False))
    _, *t["closeness"] = timed(lambda: rx.graph_closeness_centrality(g, wf_improved=True))
    return {}, t


def run_networkit(G):
    import networkit as nk

    t = {}
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}

    def convert():
        g = nk.Graph(len(nodes), weighted=False, directed=False)
        for u, v in G.edges():
            g.addEdge(index[u], index[v])
        return g

    g, *t["convert"] = timed(convert)
    c = nk.centrality
    _, *t["betweenness"] = timed(lambda: c.Betweenness(g, normalized=True).run().scores())
    _, *t["closeness"] = timed(lambda: c.Closeness(g, True, c.ClosenessVariant.GENERALIZED).run().scores())
    _, *t["harmonic"] = timed(lambda: c.HarmonicCloseness(g, normalized=False).run().scores())
    return {}, t


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="national-2015,20000", help="seeds, national-2015 or numbers of nodes, comma-separated")
    ap.add_argument("--networkx", action="store_true", help="also max |Δ| against NetworkX (slow above national-2015)")
    args = ap.parse_args(argv)
    from swgraph.analysis import paths

    paths.path_pass(nx.path_graph(3))  # compile or load the cached kernel: not timed
    for size in parse_sizes(args.sizes):
        G = graph(size)
        print(f"\n== {size}: {len(G)} nodes, {G.number_of_edges()} ties")
        fused, fcpu, fwall = run_fused(G)
        print(f"fused (all three)          cpu {fcpu:8.2f} s  wall {fwall:8.2f} s")
        fastest: dict = {}
        for name, runner in (("igraph", run_igraph), ("rustworkx", run_rustworkx), ("networkit", run_networkit)):
            try:
                _, t = runner(G)
            except ImportError:
                print(f"{name:10s} not installed (pip install rustworkx networkit)")
                continue
            total = [sum(x[i] for x in t.values()) for i in (0, 1)]
            parts = "  ".join(f"{k} {c:.2f}/{w:.2f}" for k, (c, w) in t.items())
            print(f"{name:10s} separately      cpu {total[0]:8.2f} s  wall {total[1]:8.2f} s   (cpu/wall: {parts})")
            for k, (c, w) in t.items():
                if k != "convert" and (k not in fastest or c < fastest[k][1]):
                    fastest[k] = (name, c, w)
        if fastest:
            best_sum = sum(c for _, c, _ in fastest.values())
            print("fastest peer per metric (cpu): " + ", ".join(f"{k} {n} {c:.2f} s" for k, (n, c, _) in fastest.items()))
            print(f"ratio fused / fastest peers' sum of the three (cpu): {fcpu / best_sum:.2f}x")
            if "betweenness" in fastest:
                print(f"ratio fused (all three) / fastest peer's betweenness alone (cpu): {fcpu / fastest['betweenness'][1]:.2f}x")
        if args.networkx:
            ref = {"betweenness": nx.betweenness_centrality(G), "closeness": nx.closeness_centrality(G),
                   "harmonic": nx.harmonic_centrality(G)}
            for k, vals in ref.items():
                print(f"max |Δ| vs NetworkX {k}: {max((abs(fused[k][v] - vals[v]) for v in G), default=0.0):.2e}")


if __name__ == "__main__":
    main()
