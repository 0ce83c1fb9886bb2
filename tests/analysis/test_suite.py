"""The whole analysis on the documented seeds, checked against values worked out by hand from the seeds."""

import json
from pathlib import Path

import jsonschema
import networkx as nx
import pytest

from swgraph.application.suite import analyze
from swgraph.application.tables import to_csv, to_markdown
from swgraph.records.dataset import load_dataset

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    return analyze(load_dataset())


def test_output_validates_against_the_documented_schema(result):
    jsonschema.validate(json.loads(json.dumps(result)), SCHEMA)


def test_graph_level_measures(result):
    g = result["graph"]
    # 14 organisations; ties: cfsw with gd, bj, hk-swd (visits), mca (interlock), ouc school, columbia; bj–gd
    assert (g["nodes"], g["edges"]) == (14, 7)
    assert g["density"] == pytest.approx(7 / (14 * 13 / 2))
    assert g["components"] == 8 and g["largest_component"] == 7
    assert g["ties_by_type"] == {"visit": 4, "cooperation": 2, "agreement": 1, "interlock": 1, "meeting": 1}


def test_federation_is_the_hub_by_hand_computed_values(result):
    cfsw = result["nodes"]["cfsw"]
    assert cfsw["degree"] == 6
    # In the 7-node component cfsw lies on every shortest path except bj–gd (direct):
    # C(7,2) - 6 pairs involving cfsw... unnormalised betweenness = 15 - 1 = 14 pairs through it,
    # normalised over the whole 14-node graph: 14 / C(13,2) = 14/78.
    assert cfsw["betweenness"] == pytest.approx(14 / 78)
    hub = result["hubs"]["federation"]
    assert hub["node"] == "cfsw" and hub["is_hub"] and hub["verdict"] == "supported"
    assert hub["path_share"] == pytest.approx(14 / 15)
    assert result["hubs"]["articulation_points"] == ["cfsw"]
    assert len(result["hubs"]["bridges"]) == 4  # cfsw's four single partners


def test_metrics_equal_networkx_on_the_same_projection(result):
    from swgraph.graph import collaboration_graph

    G = collaboration_graph(load_dataset())
    bt = nx.betweenness_centrality(G)
    pr = nx.pagerank(G, weight="weight", tol=1e-12)
    for v in G:
        assert result["nodes"][v]["betweenness"] == pytest.approx(bt[v], abs=1e-9)
        assert result["nodes"][v]["pagerank"] == pytest.approx(pr[v], abs=1e-9)


def test_collaboration_findings(result):
    coll = result["collaboration"]
    (follow,) = coll["agreement_follow_up"]
    # no visit or programme between Beijing and Guangdong after 2015-06-11 in the reports: stated as evidence, with its window
    assert (follow["id"], follow["status"]) == ("agr-2015-jingyue", "none recorded")
    assert "up to 2019-11-13" in follow["en"] and follow["title_zh"] == "京粤社工战略合作协议"
    assert coll["visit_reciprocity"]["reciprocity"] == 0.0  # no visit is returned
    cov = {c["province"]: c for c in result["coverage"]["documented"]}
    assert cov["440000"]["documented_covered"] == 14 and cov["440000"]["found_total"] == 21


def test_resilience_and_recommendations(result):
    res = result["resilience"]
    assert res["removed"] == "cfsw" and res["chosen_by"] == "betweenness"
    assert (res["components_before"], res["components_after"]) == (8, 12)
    recs = result["recommendations"]["cross_region"]
    assert recs and all(r["reason_zh"] and r["reason_en"] for r in recs)
    assert all(r["same_province"] is False for r in recs)


def test_as_of_and_tie_types():
    early = analyze(load_dataset(), as_of="2015-05-31")
    assert early["dataset"]["as_of"] == "2015-05-31"
    assert early["nodes"]["cfsw"]["degree"] == 3  # ministry interlock and the two undated ties only
    visits = analyze(load_dataset(), tie_types=["visit"])
    assert visits["graph"]["ties_by_type"] == {"visit": 4}


def test_renderers(result):
    md = to_markdown(result)
    assert "中国社会工作联合会" in md and "## Metric definitions" in md
    lines = to_csv(result).splitlines()
    assert lines[0].startswith("id,name_zh,name_en") and lines[1].startswith("cfsw,")
    assert len(lines) == 15
