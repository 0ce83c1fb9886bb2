"""Benchmark: swgraph's Neo4j load against a per-row and a best-practice load, on one warm server, in one run.

The network is ``swgraph generate --profile national-2015 --seed 1`` (``--scale``
to change its size), read through the normal validated path. On one server,
after a warm-up load (the JVM's JIT is cold after ``swgraph neo4j start``), it
times, each into a dataset id of its own that is deleted afterwards:

* ``per_row``: one transaction per row (same Cypher as swgraph's changed-row
  path), for ``--naive-seconds`` (half nodes, half relationships);
* ``baseline``: the usual best practice, ``UNWIND $rows MERGE (n {uid}) SET n += r.props``
  per label set and ``MERGE (a)-[r:T {uid}]->(b) SET r += r.props`` per type, 10k-row batches;
* ``first_load``: ``swgraph load`` into an empty dataset (``swgraph.neo4j.loader.load``);
* ``reload``: ``swgraph load`` of the same, unchanged data (seconds; should write nothing).

``neo4j-admin database import`` is not used (``admin_import_rows_per_s`` is null): see
``swgraph/neo4j/bulk.py``. Wall and client CPU (``time.process_time``) are printed for every
stage; on a shared machine wall time is inflated by other processes.

Usage (a server from NEO4J_* variables or the dev server; it loads and deletes its own dataset ids only)::

    .venv/bin/python benchmarks/neo4j_load.py --naive-seconds 20
    .venv/bin/python benchmarks/neo4j_load.py --format json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from swgraph.core.registry import BASE_LABEL  # noqa: E402
from swgraph.neo4j import loader, schema  # noqa: E402
from swgraph.neo4j.connection import Settings, connect  # noqa: E402
from swgraph.records.dataset import Dataset, load_dataset  # noqa: E402
from swgraph.synthetic import write_generated  # noqa: E402

GOALS = {"first_load_vs_today": 3.0, "first_load_vs_baseline": 2.0, "first_load_rows_per_s": 10_000.0,
         "reload_s": 2.0, "first_load_vs_per_row": 30.0}
TODAY_ROWS_PER_S = 3_200.0  # issue 15: swgraph load at national-2015 before this change


def build_network(scale: float, seed: int) -> Dataset:
    """``swgraph generate --profile national-2015 --scale S --seed N``, read back through the validated path."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "network"
        write_generated(out, "national-2015", scale=scale, seed=seed)
        return load_dataset([out])


def with_id(ds: Dataset, dsid: str) -> Dataset:
    return Dataset(info=ds.info.model_copy(update={"id": dsid}), records=ds.records, sources=ds.sources,
                   origins=ds.origins)


def _one_per_row(driver, batches, budget_s):
    """Send every row in its own transaction until ``budget_s`` runs out: (rows sent, seconds spent)."""
    done, t0 = 0, time.perf_counter()
    for q, batch in batches:
        for row in batch:
            if time.perf_counter() - t0 > budget_s:
                return done, time.perf_counter() - t0
            driver.execute_query(q, rows=[row])
            done += 1
    return done, time.perf_counter() - t0

def per_row(driver, ds: Dataset, seconds: float) -> dict:
    """One transaction per row, same Cypher, for *seconds* (half nodes, half relationships)."""
    rows = loader.build_rows(ds)
    done_nodes = done_rels = 0
    spent_nodes = spent_rels = 0.0
    try:
        node_batches = [(loader.node_query(labels), node_rows) for labels, node_rows in rows.nodes.items()]
        rel_batches = [(loader.relationship_query(rel), rel_rows)
                       for rel, rel_rows in sorted(rows.relationships.items(), key=lambda kv: -len(kv[1]))]
        done_nodes, spent_nodes = _one_per_row(driver, node_batches, seconds / 2)
        # Relationships need their endpoints: put the nodes in first (batched, not timed).
        loader.delete_dataset(driver, ds.info.id)
        for q, node_rows in node_batches:
            for i in range(0, len(node_rows), 1000):
                driver.execute_query(q, rows=node_rows[i:i + 1000])
        done_rels, spent_rels = _one_per_row(driver, rel_batches, seconds / 2)
    finally:
        loader.delete_dataset(driver, ds.info.id)
    total_rows, total_s = done_nodes + done_rels, spent_nodes + spent_rels
    return {"rows": total_rows, "seconds": round(total_s, 3), "rows_per_second": round(total_rows / total_s, 1),
            "node_rows_per_second": round(done_nodes / spent_nodes, 1) if spent_nodes else None,
            "relationship_rows_per_second": round(done_rels / spent_rels, 1) if spent_rels else None}


def timed(fn) -> tuple[object, float, float]:
    """Run *fn*: (its result, wall seconds, client CPU seconds)."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def baseline_load(driver, ds: Dataset, batch_size: int = 10_000) -> int:
    """The best-practice load: MERGE + ``SET += props`` per label set / type, *batch_size* rows a batch."""
    rows = loader.build_rows(ds)
    for labels, node_rows in rows.nodes.items():
        extra = [lb for lb in labels if lb != BASE_LABEL]
        q = (f"UNWIND $rows AS r MERGE (n:{BASE_LABEL} {{uid: r.uid}}) SET n += r.props"
             + (f" SET n{schema.label_expr(extra)}" if extra else ""))
        for i in range(0, len(node_rows), batch_size):
            driver.execute_query(q, rows=node_rows[i:i + batch_size])
    for rel, rel_rows in rows.relationships.items():
        q = (f"UNWIND $rows AS r MATCH (a:{BASE_LABEL} {{uid: r.start}}) MATCH (b:{BASE_LABEL} {{uid: r.end}}) "
             f"MERGE (a)-[x:{schema.rel_type(rel)} {{uid: r.uid}}]->(b) SET x += r.props")
        for i in range(0, len(rel_rows), batch_size):
            driver.execute_query(q, rows=rel_rows[i:i + batch_size])
    return rows.node_count + rows.relationship_count


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="generator scale (1 = national-2015)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=loader.DEFAULT_BATCH_SIZE, help="swgraph load's batch size")
    ap.add_argument("--naive-seconds", type=float, default=20.0, help="how long to run the per-row load")
    ap.add_argument("--format", choices=["text", "json"], default="text")
    args = ap.parse_args(argv)

    ds, build_s, _ = timed(lambda: build_network(args.scale, args.seed))
    rows = loader.build_rows(ds)
    n_rows = rows.node_count + rows.relationship_count
    settings = Settings.resolve()
    res: dict = {"dataset": ds.info.id, "rows": n_rows, "nodes": rows.node_count,
                 "relationships": rows.relationship_count, "neo4j": settings.describe(),
                 "note": "machine shared with other processes: wall times inflated; client CPU given too"}
    with connect(settings) as driver:
        schema.apply(driver, settings.database)
        # Warm-up: one whole load and delete, so the JIT has compiled the load path before anything is timed.
        _, warm_s, _ = timed(lambda: loader.load(driver, with_id(ds, "bench-warmup"), batch_size=args.batch_size))
        loader.delete_dataset(driver, "bench-warmup")
        res["warmup_s"] = round(warm_s, 2)
        try:
            pr, w, c = timed(lambda: per_row(driver, with_id(ds, "bench-per-row"), args.naive_seconds))
            res["per_row"] = {**pr, "cpu_s": round(c, 2)}
            n, w, c = timed(lambda: baseline_load(driver, with_id(ds, "bench-baseline")))
            res["baseline"] = {"rows": n, "wall_s": round(w, 2), "cpu_s": round(c, 2)}
            rep, w, c = timed(lambda: loader.load(driver, with_id(ds, "bench-swgraph"), batch_size=args.batch_size))
            res["first_load"] = {"rows": rep.nodes + rep.relationships, "wall_s": round(w, 2), "cpu_s": round(c, 2),
                                 "writes": rep.writes}
            rep, w, c = timed(lambda: loader.load(driver, with_id(ds, "bench-swgraph"), batch_size=args.batch_size))
            res["reload"] = {"wall_s": round(w, 2), "cpu_s": round(c, 2), "writes": rep.writes, "skipped": rep.skipped}
        finally:
            for dsid in ("bench-per-row", "bench-baseline", "bench-swgraph"):
                loader.delete_dataset(driver, dsid)
    res["per_row_rows_per_s"] = res["per_row"]["rows_per_second"]
    res["baseline_rows_per_s"] = round(n_rows / res["baseline"]["wall_s"], 1)
    res["first_load_rows_per_s"] = round(n_rows / res["first_load"]["wall_s"], 1)
    res["reload_s"] = res["reload"]["wall_s"]
    res["admin_import_rows_per_s"] = None
    fl = res["first_load_rows_per_s"]
    res["goals"] = {
        "first_load_vs_today": {"goal": GOALS["first_load_vs_today"], "measured": round(fl / TODAY_ROWS_PER_S, 2)},
        "first_load_vs_baseline": {"goal": GOALS["first_load_vs_baseline"],
                                   "measured": round(fl / res["baseline_rows_per_s"], 2)},
        "first_load_rows_per_s": {"goal": GOALS["first_load_rows_per_s"], "measured": fl},
        "reload_s": {"goal": GOALS["reload_s"], "measured": res["reload_s"], "at_most": True},
        "first_load_vs_per_row": {"goal": GOALS["first_load_vs_per_row"],
                                  "measured": round(fl / res["per_row_rows_per_s"], 1)},
    }
    for g in res["goals"].values():
        m = g["measured"]
        g["met"] = m <= g["goal"] if g.get("at_most") else m >= g["goal"]

    if args.format == "json":
        print(json.dumps(res, indent=2))
        return 0
    print(f"Network {res['dataset']}: {res['nodes']:,} nodes + {res['relationships']:,} relationships = {n_rows:,} rows "
          f"(built in {build_s:.1f} s); Neo4j {res['neo4j']}; warm-up load {res['warmup_s']} s")
    print(f"  {res['note']}")
    pr = res["per_row"]
    print(f"  one transaction per row: {res['per_row_rows_per_s']:>9,.0f} rows/s  ({pr['rows']:,} rows in "
          f"{pr['seconds']} s wall, {pr['cpu_s']} s CPU)")
    b = res["baseline"]
    print(f"  best-practice baseline:  {res['baseline_rows_per_s']:>9,.0f} rows/s  ({b['wall_s']} s wall, {b['cpu_s']} s CPU)")
    f = res["first_load"]
    print(f"  swgraph first load:      {fl:>9,.0f} rows/s  ({f['wall_s']} s wall, {f['cpu_s']} s CPU)")
    r = res["reload"]
    print(f"  swgraph unchanged re-load: {r['wall_s']} s wall, {r['cpu_s']} s CPU, {r['writes']} writes, "
          f"{r['skipped']:,} rows skipped")
    print("  neo4j-admin import:      not used (see swgraph/neo4j/bulk.py)")
    for name, g in res["goals"].items():
        op = "<=" if g.get("at_most") else ">="
        print(f"  goal {name}: {g['measured']} ({op} {g['goal']}) {'met' if g['met'] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
