import networkx as nx
import pytest

from swgraph import graph as g
from swgraph.core.registry import RELATIONSHIP_TYPES, iter_references
from swgraph.records.dataset import load_dataset

CONTRACT = {"kind", "group", "tier", "tier_name", "name_zh", "name_en", "pinyin", "aliases", "region", "province",
            "province_name", "synthetic", "sources"}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_full_graph_has_every_record_reference_and_citation(ds):
    G = g.full_graph(ds)
    records = list(ds.all_records())
    assert G.number_of_nodes() == len(records) + len(ds.sources)
    refs = sum(1 for r in records for _ in iter_references(r))
    cites = sum(len(r.sources) for r in records)
    assert G.number_of_edges() == refs + cites
    assert {d["type"] for *_, d in G.edges(data=True)} <= set(RELATIONSHIP_TYPES)
    # records first, edges second: the agreement is a node its parties point to
    assert set(G.predecessors("agr-2015-jingyue")) == {"bj-swa", "gd-swa"}
    assert G.edges["bj-swa", "agr-2015-jingyue", "PARTY_TO"]["field"] == "parties[0]"


def test_collaboration_graph_weights_and_types(ds):
    G = g.collaboration_graph(ds)
    assert set(G.nodes) == {o.id for o in ds.organisations}
    bg = G.edges["bj-swa", "gd-swa"]
    # the agreement, the signing meeting and the April study visit
    assert bg["weight"] == 3.0 and bg["distance"] == pytest.approx(1 / 3)
    assert bg["types"] == ["agreement", "meeting", "visit"]
    assert sorted(bg["records"]) == ["agr-2015-jingyue", "ev-2015-04-bj-swa-study-visit", "ev-2015-06-11-jingyue-signing"]
    assert bg["first_date"] == "2015-04-01"
    # Gong Puguang's two posts tie the ministry to the federation
    assert G.edges["cfsw", "mca"]["types"] == ["interlock"]
    assert set(G["cfsw"]) == {"gd-swa", "bj-swa", "hk-swd", "mca", "ouc", "columbia"}
    for n, d in G.nodes(data=True):
        assert CONTRACT <= set(d), n


def test_collaboration_types_filter_and_visit_direction(ds):
    agreements_only = g.collaboration_graph(ds, types=["agreement"])
    assert list(agreements_only.edges) == [("gd-swa", "bj-swa")] or list(agreements_only.edges) == [("bj-swa", "gd-swa")]
    V = g.visit_graph(ds)
    assert V.has_edge("hk-swd", "cfsw") and not V.has_edge("cfsw", "hk-swd")
    assert V.has_edge("bj-swa", "gd-swa") and V.edges["bj-swa", "gd-swa"]["weight"] == 1.0


def test_hierarchy_and_posts(ds):
    H = g.hierarchy_graph(ds)
    assert nx.is_directed_acyclic_graph(H)
    assert H.edges["bnu-sgsw-centre", "bnu-ssdpp"]["type"] == "part_of"
    P = g.person_org_graph(ds)
    assert set(P["gong-puguang"]) == {"cfsw", "mca"}
    assert P.nodes["liu-jing"]["kind"] == "person"


def test_as_of_projection(ds):
    G = g.collaboration_graph(ds.as_of("2015-05-31"))
    # the interlock through Gong Puguang (elected 2015-05-19) and the two undated ties; no visits yet
    assert set(G["cfsw"]) == {"mca", "ouc", "columbia"}
    assert G.edges["bj-swa", "gd-swa"]["weight"] == 1.0  # the April visit only


def test_project_by_name(ds):
    assert g.project(ds, "collaboration").number_of_nodes() == len(ds.organisations)
    from swgraph.core.errors import InputError

    with pytest.raises(InputError, match="unknown graph"):
        g.project(ds, "nope")


def test_the_graph_contract_doc_is_generated_from_the_declarations():
    from pathlib import Path

    doc = Path(__file__).resolve().parent.parent / "docs" / "graph-contract.md"
    assert doc.read_text(encoding="utf-8") == g.contract_markdown(), "run: python -m swgraph.graph > docs/graph-contract.md"


def test_every_contract_node_attribute_is_on_the_nodes():
    from swgraph.records.dataset import load_dataset

    G = g.collaboration_graph(load_dataset())
    names = {a for a, _, _ in g.NODE_ATTRIBUTES}
    assert all(names <= set(d) for _, d in G.nodes(data=True))
    edge_names = {a for a, _, _ in g.EDGE_ATTRIBUTES}
    assert all(edge_names <= set(d) for *_, d in G.edges(data=True))
