"""Benchmark: batched ``swgraph load`` against a naive one-transaction-per-row load, in the same run.

The network is a synthetic national one (``swgraph generate --profile
national-2015 --scale X``; if the generator is not available, a network of
about the same shape is built in code). Both loaders write the same rows with
the same parameterised Cypher into the same server; the naive one sends one
row per transaction (``execute_query`` per row), the batched one ``UNWIND``s
``--batch-size`` rows per transaction.

The naive load is far too slow to finish on a large network, so it runs for
``--naive-seconds`` (half on nodes into an empty dataset, half on
relationships between nodes already there) and its rate is rows written /
seconds. The batched rate counts the whole ``swgraph load`` (schema check,
nodes, relationships, sweep, count check).

Usage (a server from NEO4J_* variables or the dev server; never the data of
others: it loads and deletes its own dataset ids only)::

    .venv/bin/python benchmarks/neo4j_load.py --scale 1 --naive-seconds 30
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

from swgraph.neo4j import loader  # noqa: E402
from swgraph.records.dataset import Dataset, load_dataset  # noqa: E402


def build_network(scale: float, seed: int = 0) -> Dataset:
    """A large synthetic network: the generator's, read back through the normal validated path."""
    try:
        from swgraph.synthetic import write_generated
    except ImportError:  # pragma: no cover - generator not there yet
        return build_network_in_code(int(3500 * scale))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "network"
        write_generated(out, "national-2015", scale=scale, seed=seed)
        return load_dataset([out])


def build_network_in_code(agencies: int) -> Dataset:
    """Fallback: provincial and municipal associations, agencies, people, posts, agreements and visits."""
    from swgraph.core import model as m

    ds = Dataset()
    ds.info = ds.info.model_copy(update={"id": f"bench-code-{agencies}", "synthetic": True})
    orgs, people, posts, agrs, evs = (ds.records[c] for c in ("organisations", "people", "posts", "agreements", "events"))
    orgs.append(m.Organisation(id="fed", kind="national_federation", name_zh="联合会", synthetic=True))
    for p in range(31):
        orgs.append(m.Organisation(id=f"p{p}", kind="provincial_association", name_zh=f"省协会{p}", parent="fed",
                                   synthetic=True))
    for i in range(agencies):
        orgs.append(m.Organisation(id=f"a{i}", kind="service_agency", name_zh=f"社工机构{i}", parent=f"p{i % 31}",
                                   founded=f"{2005 + i % 10}", synthetic=True))
        people.append(m.Person(id=f"h{i}", name_zh=f"人员{i}", synthetic=True))
        posts.append(m.Post(id=f"post{i}", person=f"h{i}", organisation=f"a{i}", role="director", role_zh="主任",
                            synthetic=True))
        if i % 5 == 0:
            agrs.append(m.Agreement(id=f"agr{i}", title_zh=f"协议{i}", parties=[f"a{i}", f"p{i % 31}"], signed="2015",
                                    synthetic=True))
        if i % 4 == 0:
            evs.append(m.Event(id=f"ev{i}", kind="visit", title_zh=f"访问{i}", host=f"p{(i + 1) % 31}",
                               visitors=[f"a{i}"], date="2015-06", synthetic=True))
    return ds


def with_id(ds: Dataset, dsid: str) -> Dataset:
    return Dataset(info=ds.info.model_copy(update={"id": dsid}), records=ds.records, sources=ds.sources,
                   origins=ds.origins)


def batched(driver, ds: Dataset, batch_size: int) -> dict:
    marks: dict[str, float] = {}

    def progress(phase, done, total):
        marks.setdefault(phase, time.perf_counter())

    t0 = time.perf_counter()
    report = loader.load(driver, ds, batch_size=batch_size, progress=progress)
    rows = report.nodes + report.relationships
    node_s = marks.get("relationships", marks["done"]) - marks["nodes"]
    rel_s = marks["done"] - marks.get("relationships", marks["done"])
    return {"batch_size": batch_size, "rows": rows, "seconds": round(time.perf_counter() - t0, 3),
            "rows_per_second": round(report.rows_per_second, 1),
            "node_rows_per_second": round(report.nodes / node_s, 1) if node_s else None,
            "relationship_rows_per_second": round(report.relationships / rel_s, 1) if rel_s else None}



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

def naive(driver, ds: Dataset, seconds: float) -> dict:
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="generator scale (1 = ~21k nodes, ~26k relationships)")
    ap.add_argument("--batch-size", type=int, action="append", help="batch size(s) to time (default 1000)")
    ap.add_argument("--naive-seconds", type=float, default=30.0, help="how long to run the naive loader")
    ap.add_argument("--format", choices=["text", "json"], default="text")
    args = ap.parse_args(argv)

    from swgraph.neo4j.connection import Settings, connect

    t = time.perf_counter()
    ds = build_network(args.scale)
    build_s = time.perf_counter() - t
    settings = Settings.resolve()
    rows = loader.build_rows(ds)
    result = {"dataset": ds.info.id, "nodes": rows.node_count, "relationships": rows.relationship_count,
              "build_seconds": round(build_s, 2), "neo4j": settings.describe(), "batched": []}
    with connect(settings) as driver:
        from swgraph.neo4j import schema

        schema.apply(driver, settings.database)
        for bs in args.batch_size or [1000]:
            dsid = f"bench-batched-{bs}"
            try:
                result["batched"].append(batched(driver, with_id(ds, dsid), bs))
                t = time.perf_counter()
                again = loader.load(driver, with_id(ds, dsid), batch_size=bs)
                result["batched"][-1]["reload_seconds"] = round(time.perf_counter() - t, 3)
                result["batched"][-1]["reload_rows_per_second"] = round(again.rows_per_second, 1)
            finally:
                loader.delete_dataset(driver, dsid)
        result["naive"] = naive(driver, with_id(ds, "bench-naive"), args.naive_seconds)
    best = max(b["rows_per_second"] for b in result["batched"])
    result["speedup"] = round(best / result["naive"]["rows_per_second"], 1)

    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    print(f"Network {result['dataset']}: {result['nodes']:,} nodes + {result['relationships']:,} relationships "
          f"= {result['nodes'] + result['relationships']:,} rows (built in {build_s:.1f} s); Neo4j {result['neo4j']}")
    for b in result["batched"]:
        print(f"  batched (UNWIND, {b['batch_size']} rows/tx): {b['rows']:,} rows in {b['seconds']:.1f} s = "
              f"{b['rows_per_second']:,.0f} rows/s (nodes {b['node_rows_per_second']:,.0f}/s, relationships "
              f"{b['relationship_rows_per_second']:,.0f}/s); idempotent re-load {b['reload_seconds']:.1f} s")
    n = result["naive"]
    print(f"  naive (1 row/tx):           {n['rows']:,} rows in {n['seconds']:.1f} s = {n['rows_per_second']:,.0f} rows/s "
          f"(nodes {n['node_rows_per_second']:,.0f}/s, relationships {n['relationship_rows_per_second']:,.0f}/s)")
    print(f"  speed-up: {result['speedup']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
