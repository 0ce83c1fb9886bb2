"""scripts/compare-outputs (diffing two builds) and benchmarks/goals.py (goal verdicts): their pure parts."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    loader = importlib.machinery.SourceFileLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def co():
    return _load("compare_outputs", ROOT / "scripts" / "compare-outputs")


@pytest.fixture(scope="module")
def goals():
    return _load("bench_goals", ROOT / "benchmarks" / "goals.py")


def test_json_diff_paths_names_each_difference(co):
    a = {"x": 1, "nodes": [{"id": "a", "v": 1.0}, {"id": "b"}], "gone": True}
    b = {"x": 1, "nodes": [{"id": "a", "v": 2.0}, {"id": "b"}, {"id": "c"}], "new": 0}
    assert co.json_diff_paths(a, b) == ["$.nodes[0].v", "$.nodes[2]", "$.gone", "$.new"]
    assert co.json_diff_paths(a, json.loads(json.dumps(a))) == []


def test_json_diff_paths_type_matters(co):
    assert co.json_diff_paths({"n": 1}, {"n": 1.0}) == ["$.n"]
    assert co.json_diff_paths({"n": True}, {"n": 1}) == ["$.n"]


def test_allowed_by_key_name_or_glob(co):
    assert co.allowed("$.meta.generated_at", ["generated_at"])
    assert co.allowed("$.nodes[3].generated_at", ["generated_at"])
    assert co.allowed("$.meta.version", ["meta.*"])
    assert not co.allowed("$.nodes[3].degree", ["generated_at", "meta.*"])
    assert not co.allowed("$.meta.generated_at", [])


def test_compare_file_verdicts(co, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text('{"t": "2026-01-01", "v": 1}')
    b.write_text('{"t": "2026-01-02", "v": 1}')
    assert co.compare_file(a, a, [])[0] == "identical"
    verdict, detail = co.compare_file(a, b, [])
    assert (verdict, detail) == ("differs", "$.t")
    assert co.compare_file(a, b, ["t"])[0] == "allowed"
    b.write_text('{"v": 1, "t": "2026-01-01"}')  # same value, other bytes: still a difference
    assert co.compare_file(a, b, [])[0] == "differs"
    x, y = tmp_path / "x.md", tmp_path / "y.md"
    x.write_text("same\nold line\n")
    y.write_text("same\nnew line\n")
    verdict, detail = co.compare_file(x, y, ["t"])
    assert verdict == "differs" and detail.startswith("line 2:")


def test_compare_trees_reports_one_sided_files(co, tmp_path):
    left, right = tmp_path / "l", tmp_path / "r"
    for d in (left, right):
        (d / "sub").mkdir(parents=True)
        (d / "sub" / "same.txt").write_text("x")
    (left / "only-left.csv").write_text("1")
    (right / "only-right.csv").write_text("1")
    rows = {r[0]: (r[1], r[2]) for r in co.compare_trees(left, right, [])}
    assert rows == {"only-left.csv": ("differs", "only at the revision"),
                    "only-right.csv": ("differs", "only in the working tree"),
                    "sub/same.txt": ("identical", "")}


def test_neo4j_figures_read_new_keys_and_never_invent_missing_ones(goals):
    new = {"first_load_rows_per_s": 12_000.0, "per_row_rows_per_s": 300.0, "reload_s": 1.5, "rows": 47_579}
    fig = goals.neo4j_figures(new)
    assert fig["first_load_rows_per_s"] == 12_000.0 and fig["reload_s"] == 1.5
    assert fig["baseline_rows_per_s"] is None and fig["admin_import_rows_per_s"] is None
    old = {"nodes": 10, "relationships": 5, "batched": [{"rows_per_second": 3_200.0, "reload_seconds": 9.0}],
           "naive": {"rows_per_second": 320.0}}
    fig = goals.neo4j_figures(old)
    assert (fig["first_load_rows_per_s"], fig["reload_s"], fig["per_row_rows_per_s"], fig["rows"]) == (3_200.0, 9.0,
                                                                                                      320.0, 15)
    assert fig["baseline_rows_per_s"] is None


def _results(analyze_cpu: float, map_cpu: float | None) -> dict:
    stage = {"validate_first": {"cpu_s": 1.0, "wall_s": 1.0}, "validate_cached": {"cpu_s": 0.5, "wall_s": 0.6},
             "analyze": {"cpu_s": analyze_cpu, "wall_s": analyze_cpu}, "report": {"cpu_s": 1.0, "wall_s": 1.0},
             "pipeline": {"cpu_s": 9.0, "wall_s": 10.0}, "records": 100_000}
    if map_cpu is not None:
        stage["map"] = {"cpu_s": map_cpu, "wall_s": map_cpu, "html_bytes": 1_500_000}
    return {"settings": {"roles": {"national": "national-2015", "20k": "20000", "100k": "100000"},
                         "metric_size": "20000", "map_size": None},
            "startup": {"current": {"cpu_s": 0.25}},
            "sizes": {s: {"current": stage} for s in ("national-2015", "20000", "100000")},
            "per_metric": {"status": "skipped", "note": "--no-peers"},
            "neo4j": {"current": {"status": "not measured", "note": "no server"}}}


def test_goal_rows_verdicts(goals):
    rows = {(r["goal"], r["where"]): r for r in goals.goal_rows(_results(analyze_cpu=10.0, map_cpu=3.0))}
    first = rows[("read+validate, first read (µs/record, net of start-up)", "20k")]
    assert first["value"] == pytest.approx(7.5)  # (1.0 - 0.25) s / 100,000 records
    assert first["verdict"] == "met"
    assert rows[("analyze, CPU (exact)", "20k")]["verdict"] == "met"
    share = rows[("map CPU ÷ analyze CPU", "20k")]
    assert share["value"] == pytest.approx(0.3) and share["verdict"] == "not met"
    assert rows[("whole pipeline from files (analyze --out, first read), wall", "100k")]["value"] == 10.0
    assert rows[("national-2015 map.html size", "national-2015")]["value"] == pytest.approx(1.5)


def test_goal_rows_missing_figures_are_not_measured(goals):
    rows = goals.goal_rows(_results(analyze_cpu=10.0, map_cpu=None))
    by_goal = {(r["goal"], r["where"]): r for r in rows}
    assert by_goal[("map CPU ÷ analyze CPU", "20k")]["verdict"] == "not measured"
    neo = [r for r in rows if r["goal"].startswith("Neo4j")]
    assert neo and all(r["value"] is None and r["verdict"] == "not measured" for r in neo)
    assert by_goal[("each metric within 1.2× the fastest peer", "20k")]["verdict"] == "not measured"
