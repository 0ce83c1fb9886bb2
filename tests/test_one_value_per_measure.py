"""One measure, one value: every output that shows a measure shows the value analyze computed.

Run on the documented seeds and on ``generate --profile national-2015 --seed 1``.
The reference is the ``analysis.json`` of ``analyze --out``; each other output
is read back the way a user would read it (CSV with the csv module, GraphML
with networkx, the terminal table as text, Neo4j through Cypher) and compared
measure by measure from the metric registry. Outputs that need a second
analysis are made from this one through the functions the CLI calls, so the
national network is analysed once.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner
from rich.console import Console

from swgraph.analysis import metrics
from swgraph.application.tables import print_tables
from swgraph.cli.main import cli
from swgraph.export import export_graph, with_metrics
from swgraph.graph import project
from swgraph.records.dataset import load_dataset
from swgraph.synthetic import write_generated

NODE_MEASURES = [m.name for m in metrics.node_metrics()]


def run(*args, env=None) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module", params=["seeds", "national-2015 seed 1"])
def network(request, tmp_path_factory):
    """(paths for the CLI, output folder, analyze's JSON) for one network."""
    root = tmp_path_factory.mktemp("measures")
    if request.param == "seeds":
        paths = []
    else:
        write_generated(root / "national", "national-2015", seed=1)
        paths = [root / "national"]
    run("analyze", *paths, "--out", root / "out")
    result = json.loads((root / "out" / "analysis.json").read_text(encoding="utf-8"))
    return paths, root, result


def same(a, b, *, digits: int | None = None) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return (a is None or (isinstance(a, float) and math.isnan(a))) and (
            b is None or b == "" or (isinstance(b, float) and math.isnan(b)))
    if digits is not None:
        return f"{float(a):.{digits}f}" == f"{float(b):.{digits}f}"
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-15)


def test_every_organisation_has_every_measure(network):
    _, _, result = network
    assert result["nodes"] and set(result["metrics"]) >= set(NODE_MEASURES)
    assert all(set(NODE_MEASURES) <= set(node) for node in result["nodes"].values())


def test_csv_holds_the_same_value_of_every_measure(network):
    _, root, result = network
    rows = list(csv.DictReader(io.StringIO((root / "out" / "nodes.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(result["nodes"])
    for row in rows:
        node = result["nodes"][row["id"]]
        for name in NODE_MEASURES:
            assert same(node[name], float(row[name]) if row[name] else None), (row["id"], name)
        assert str(node["community"]) == row["community"]


def test_graphml_export_with_metrics_holds_the_same_values(network, tmp_path):
    paths, _, result = network
    # what `export --format graphml --graph collaboration --with-metrics` writes, from this analysis
    export_graph(with_metrics(project(load_dataset(paths or None), "collaboration"), result),
                 tmp_path / "c.graphml", "graphml")
    G = nx.read_graphml(tmp_path / "c.graphml")
    for v, node in result["nodes"].items():
        for name in [*NODE_MEASURES, "community"]:
            assert same(node[name], G.nodes[v].get(f"m_{name}")), (v, name)


def test_terminal_table_shows_the_same_values_at_three_decimals(network):
    _, _, result = network
    buf = io.StringIO()
    print_tables(result, top=10, console=Console(file=buf, width=400))  # what `analyze` prints
    out = buf.getvalue()
    table = out.split("Top 10 by betweenness", 1)[1].split("\n\n", 1)[0]
    headers = [h.strip().split()[-1] for h in re.search(r"┃(.*)┃", table).group(1).split("┃")]
    measures = [h for h in headers if h in NODE_MEASURES]
    assert {"degree", "betweenness", "closeness", "eigenvector", "pagerank"} <= set(measures)
    ranked = sorted(result["nodes"].items(), key=lambda kv: (-(kv[1]["betweenness"] or 0), -(kv[1]["degree"] or 0),
                                                             -(kv[1]["pagerank"] or 0), kv[0]))
    lines = [ln for ln in table.splitlines() if re.match(r"│ \d+ ", ln)]
    assert len(lines) == min(10, len(ranked))
    for line, (v, node) in zip(lines, ranked):
        cells = dict(zip(headers, (c.strip() for c in line.strip("│").split("│"))))
        assert node["name_zh"] in cells[headers[1]], (v, cells)
        for name in measures:
            shown = cells[name]
            expected = "–" if node[name] is None else (str(node[name]) if name == "degree" else f"{node[name]:.3f}")
            assert shown == expected, (v, name, shown, node[name])


@pytest.mark.neo4j
def test_neo4j_metrics_and_hub_query_hold_the_same_values(network, neo4j_env, neo4j_driver):
    """``--write-metrics`` (on the seeds: it analyses the graph read back) and the hub query's partners."""
    from swgraph.neo4j import loader

    paths, _, result = network
    dsid = result["dataset"]["id"]
    try:
        run("load", *paths, "--replace")
        if not paths:
            run("analyze", "--from", "neo4j", "--dataset", dsid, "--write-metrics")
            records = neo4j_driver.execute_query(
                "MATCH (o:Organisation {dataset: $dataset}) RETURN o.id AS id, properties(o) AS props",
                dataset=dsid).records
            assert len(records) == len(result["nodes"])
            for rec in records:
                node = result["nodes"][rec["id"]]
                for name in NODE_MEASURES:
                    assert same(node[name], rec["props"].get(f"metric_{name}")), (rec["id"], name)
        limit = min(50, len(result["nodes"]))
        hubs = json.loads(run("query", "hub-organisations", "-p", f"dataset={dsid}", "-p", f"limit={limit}",
                              "--format", "json"))
        rows = hubs["rows"] if isinstance(hubs, dict) else hubs
        tied = sum(1 for node in result["nodes"].values() if node["degree"])
        assert len(rows) == min(limit, tied)
        for row in rows:
            assert row["partners"] == result["nodes"][row["id"]]["degree"], row["id"]
    finally:
        loader.delete_dataset(neo4j_driver, dsid)


def test_the_brief_shows_the_analysis_values(tmp_path):
    """report.json (the figures the brief prints) against the analysis, on the seeds (the national brief is benchmarked)."""
    result = json.loads(run("analyze", "--format", "json"))
    run("report", "--out", tmp_path / "r")
    figures = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))["figures"]
    fed = result["hubs"]["federation"]
    hub = figures["hub"]
    assert hub["node"] == fed["node"] and hub["degree"] == result["nodes"][fed["node"]]["degree"]
    assert same(hub["betweenness"], result["nodes"][fed["node"]]["betweenness"])
    graph = result["graph"]
    structure = figures["structure"]
    assert (structure["nodes"], structure["edges"], structure["components"]) == (
        graph["nodes"], graph["edges"], graph["components"])
    assert same(structure["density"], graph["density"])
    assert figures["communities"]["count"] == result["communities"]["count"]


def test_map_tooltips_show_the_analysis_values(network):
    from swgraph.maps.pack import unpack
    from swgraph.maps.page import read_data
    from swgraph.maps.visdata import _fmt

    _, root, result = network
    nodes, _ = unpack(read_data((root / "out" / "map.html").read_text(encoding="utf-8")))
    checked = 0
    for node in nodes:
        d = node["d"]
        if d.get("key") not in result["nodes"]:
            continue
        rows = dict(d["rows"])
        assert "degree 度" not in rows  # one degree only: the analysis'
        for name in NODE_MEASURES:
            if name in rows:
                assert rows[name] == _fmt(result["nodes"][d["key"]][name]), (d["key"], name, rows[name])
                checked += 1
    assert checked >= 4 * len(result["nodes"]) * 9 // 10


def test_map_communities_are_the_analysis_communities(tmp_path):
    from swgraph.maps.page import read_data

    result = json.loads(run("analyze", "--format", "json"))
    run("map", "--color-by", "community", "-o", tmp_path / "m.html")
    legend = read_data((tmp_path / "m.html").read_text(encoding="utf-8"))["legend"]["colours"]
    sizes = sorted(int(re.search(r"\((\d+)\)", label).group(1)) for label, _ in legend)
    expected = sorted(Counter(node["community"] for node in result["nodes"].values()).values())
    assert len(legend) == result["communities"]["count"] == 9 and sizes == expected
