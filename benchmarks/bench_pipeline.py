"""Stage 1: generate, read + model-check, cross-record validate, build the collaboration graph.

Two subprocesses per size (see ``_common.run_task``):

* ``generate`` — ``swgraph.synthetic.write_generated`` (what ``swgraph generate
  --profile national-2015 --scale X --seed 1 -o DIR`` runs): generate the
  records and write the YAML files. The scale for a node count is found first
  (in memory, not timed).
* ``load`` — ``read_dataset`` (YAML parse + Pydantic model check, the first
  half of ``swgraph validate``), ``validate`` (cross-record checks, the second
  half) and ``collaboration_graph``; then saves the graph's topology for the
  analysis stage. Peak RSS is reported after each phase (cumulative: the
  peak so far in that process).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from _common import PROFILE, SEED, Timer, maxrss_mb, save_graph, scale_for_nodes


def task_generate(size: str, out_dir: str) -> dict:
    from swgraph.synthetic import write_generated
    from swgraph.synthetic.build import load_documented

    out = Path(out_dir)
    if size == "seeds":
        return {"generated": False}
    if size == "national-2015":
        scale = 1.0
    else:
        scale, _ = scale_for_nodes(int(size), len(load_documented().organisations))
    if out.exists():
        shutil.rmtree(out)
    base = maxrss_mb()
    with Timer() as t:
        res = write_generated(out, PROFILE, scale=scale, seed=SEED)
    size_bytes = sum(p.stat().st_size for p in out.rglob("*.yaml"))
    return {"generated": True, "scale": scale, "seed": SEED, "profile": PROFILE, "generate_s": t.s,
            "synthetic_records": res.records, "yaml_bytes": size_bytes, "rss_base_mb": round(base, 1)}


def task_load(size: str, data_dir: str | None, graph_path: str) -> dict:
    from swgraph.graph import collaboration_graph
    from swgraph.records.dataset import default_seeds_dir, read_dataset
    from swgraph.records.validate import validate

    paths = [data_dir] if data_dir else [str(default_seeds_dir())]
    rss = {"start": round(maxrss_mb(), 1)}
    with Timer() as t_read:
        ds, problems = read_dataset(paths)
    rss["read"] = round(maxrss_mb(), 1)
    with Timer() as t_val:
        problems += validate(ds)
    rss["validate"] = round(maxrss_mb(), 1)
    with Timer() as t_graph:
        G = collaboration_graph(ds)
    rss["graph"] = round(maxrss_mb(), 1)
    records = sum(len(r) for r in ds.records.values())
    save_graph(G, Path(graph_path))
    return {"records": records, "sources": len(ds.sources), "problems": len(problems),
            "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "read_s": t_read.s, "validate_s": t_val.s, "graph_s": t_graph.s, "rss_after_mb": rss}


TASKS = {"generate": task_generate, "load": task_load}
