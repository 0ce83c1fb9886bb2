import json

import networkx as nx
import pytest

from swgraph import graph as g
from swgraph.core.errors import InputError
from swgraph.export import export_graph
from swgraph.records.dataset import load_dataset


@pytest.fixture(scope="module")
def full():
    return g.full_graph(load_dataset())


def test_graphml_reads_back_with_nodes_edge_types_and_chinese_names(full, tmp_path):
    path = tmp_path / "net.graphml"
    export_graph(full, path, "graphml")
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(full.nodes)
    assert back.number_of_edges() == full.number_of_edges()
    assert {d["type"] for *_, d in back.edges(data=True)} == {d["type"] for *_, d in full.edges(data=True)}
    assert back.nodes["gd-swa"]["name_zh"] == "广东省社会工作师联合会"
    assert back.nodes["gd-swa"]["aliases"] == "广东省社工师联合会"
    assert back.nodes["gd-swa"]["tier"] == 1 and back.nodes["mca"]["tier"] == -1
    assert back.nodes["cfsw"]["synthetic"] is False


def test_gexf_reads_back(full, tmp_path):
    path = tmp_path / "net.gexf"
    export_graph(g.collaboration_graph(load_dataset()), path, "gexf")
    back = nx.read_gexf(path)
    assert back.nodes["bj-swa"]["name_zh"] == "北京市社会工作者协会"
    assert back.edges["bj-swa", "gd-swa"]["weight"] == 3.0


def test_json_keeps_lists(full, tmp_path):
    path = tmp_path / "net.json"
    export_graph(full, path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    node = next(n for n in data["nodes"] if n["id"] == "cfsw")
    assert "中国社会工作协会" in node["aliases"]
    assert len(data["edges"]) == full.number_of_edges()


def test_failed_export_leaves_nothing(tmp_path):
    bad = nx.Graph()
    bad.add_node("x", obj=object())  # GraphML cannot hold it -> stringified, so use a bad format instead
    with pytest.raises(InputError):
        export_graph(bad, tmp_path / "x.out", "pdf")
    with pytest.raises(InputError, match="folder does not exist"):
        export_graph(bad, tmp_path / "missing" / "x.graphml", "graphml")
    assert list(tmp_path.iterdir()) == []


def test_metrics_and_synthetic_flag_read_back_with_networkx_and_igraph(tmp_path):
    import igraph

    from swgraph.application.suite import analyze
    from swgraph.export import with_metrics

    ds = load_dataset()
    G = with_metrics(g.collaboration_graph(ds), analyze(ds))
    for fmt in ("graphml", "gexf"):
        path = tmp_path / f"c.{fmt}"
        export_graph(G, path, fmt)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        node = back.nodes["cfsw"]
        assert node["tier_name"] == "national" and node["synthetic"] is False
        assert node["m_degree"] == 6 and abs(node["m_betweenness"] - 14 / 78) < 1e-9
        assert back.nodes["gd-swa"]["province"] == "440000"
    ig = igraph.Graph.Read_GraphML(str(tmp_path / "c.graphml"))
    v = ig.vs.find(id="cfsw")
    assert v["name_zh"] == "中国社会工作联合会" and v["m_degree"] == 6 and v["tier"] == 0
    assert ig.vcount() == G.number_of_nodes() and ig.ecount() == G.number_of_edges()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_characters_xml_cannot_hold_are_replaced_and_counted(tmp_path, fmt):
    G = nx.Graph(title="标题\x07")
    G.add_node("a\x00", name_zh="民政部\x1b[31m\ufffe")
    G.add_edge("a\x00", "b", note="\x01ok")
    path = tmp_path / f"x.{fmt}"
    assert export_graph(G, path, fmt) == 6  # the id counts once as a node and once as an edge end
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.nodes["a\ufffd"]["name_zh"] == "民政部\ufffd[31m\ufffd"
    assert back.edges["a\ufffd", "b"]["note"] == "\ufffdok"
