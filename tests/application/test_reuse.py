"""One projection and one analysis per command: ``analyze --out``, ``report`` and ``map`` build the
collaboration graph once and compute each metric once (issue 15: the outputs reuse the analysis)."""

import dataclasses
from collections import Counter

import pytest
from click.testing import CliRunner

import swgraph.graph as graph_mod
from swgraph.analysis import brokerage, centrality, metrics, resilience
from swgraph.application import report, suite
from swgraph.application.maps import TOOLTIP_METRICS
from swgraph.cli.main import cli


@pytest.fixture
def counts(monkeypatch):
    """Counting wrappers around the collaboration-graph builder and every registered metric."""
    seen = Counter()

    def counting(key, fn):
        def wrapper(*args, **kwargs):
            seen[key] += 1
            return fn(*args, **kwargs)
        return wrapper

    build = counting("collaboration_graph", graph_mod.collaboration_graph)
    monkeypatch.setattr(graph_mod, "collaboration_graph", build)
    monkeypatch.setitem(graph_mod.PROJECTIONS, "collaboration", build)
    for mod in (suite, report):  # the modules that import the builder by name
        monkeypatch.setattr(mod, "collaboration_graph", build)
    table = [dataclasses.replace(m, compute=counting(f"metric:{m.name}", m.compute)) for m in metrics.METRIC_TABLE]
    monkeypatch.setattr(metrics, "METRIC_TABLE", table)
    monkeypatch.setattr(metrics, "METRICS", {m.name: m for m in table})
    # betweenness by any route (the registry, the hub check, the resilience check's broker)
    for mod in (centrality, brokerage, resilience):
        monkeypatch.setattr(mod, "betweenness", counting("betweenness", mod.betweenness))
    return seen


def _run(args):
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    return res


def _metric_counts(seen):
    return {k.removeprefix("metric:"): v for k, v in seen.items() if k.startswith("metric:")}


def test_analyze_out_builds_once_and_computes_each_metric_once(counts, tmp_path):
    _run(["analyze", "--format", "json", "--out", str(tmp_path)])
    assert {p.name for p in tmp_path.iterdir()} == {"analysis.json", "report.md", "nodes.csv", "map.html"}
    assert counts["collaboration_graph"] == 1
    assert _metric_counts(counts) == {m.name: 1 for m in metrics.node_metrics()}
    assert counts["betweenness"] == 1


def test_analyze_out_as_of_reuses_the_dated_graph(counts, tmp_path):
    _run(["analyze", "--as-of", "2015-06-10", "--format", "json", "--out", str(tmp_path)])
    assert counts["collaboration_graph"] == 1
    assert _metric_counts(counts) == {m.name: 1 for m in metrics.node_metrics()}


def test_analyze_out_with_one_tie_type_maps_the_whole_graph(counts, tmp_path):
    # the analysis measures agreements only; the bundle's map draws every tie, so it builds that graph itself
    _run(["analyze", "--ties", "agreement", "--format", "json", "--out", str(tmp_path)])
    assert counts["collaboration_graph"] == 2
    assert _metric_counts(counts) == {m.name: 1 for m in metrics.node_metrics()}


def test_report_builds_once_and_computes_each_metric_once(counts, tmp_path):
    _run(["report", "--out", str(tmp_path)])
    assert (tmp_path / "map.html").exists() and (tmp_path / "report.json").exists()
    assert counts["collaboration_graph"] == 1
    assert _metric_counts(counts) == {m.name: 1 for m in metrics.node_metrics()}
    assert counts["betweenness"] == 1


def test_report_for_a_province_builds_the_national_and_the_province_graph_once_each(counts, tmp_path):
    _run(["report", "--province", "440000", "--out", str(tmp_path)])
    assert counts["collaboration_graph"] == 2  # the national graph picks the partners; the province's is analysed
    assert _metric_counts(counts) == {m.name: 1 for m in metrics.node_metrics()}


def test_map_builds_once_and_computes_only_what_it_shows(counts, tmp_path):
    _run(["map", "-o", str(tmp_path / "map.html"), "--size-by", "closeness"])
    assert counts["collaboration_graph"] == 1
    assert _metric_counts(counts) == {name: 1 for name in (*TOOLTIP_METRICS, "closeness")}
    assert counts["betweenness"] == 1
