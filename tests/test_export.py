import json

import networkx as nx
import pytest

from swgraph import graph as g
from swgraph.dataset import load_dataset
from swgraph.errors import InputError
from swgraph.export import export_graph


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
    assert back.nodes["bj-swa"]["name_zh"] == "北京社会工作者协会"
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
