"""Recommendations: scores equal the published indices (as in NetworkX), filters, reasons, order."""

import math

import networkx as nx
import pytest

from swgraph.analysis import recommend as S


def orgs():
    G = nx.Graph()
    data = {
        "gz": ("广州市社会工作协会", "Guangzhou SWA", 2, "municipal", "440000"),
        "sz": ("深圳市社会工作者协会", "Shenzhen SWA", 2, "municipal", "440000"),
        "fs": ("佛山市社会工作协会", "", 2, "municipal", "440000"),
        "cs": ("长沙市社会工作联合会", "Changsha SWF", 2, "municipal", "430000"),
        "gd": ("广东省社会工作师联合会", "Guangdong SWF", 1, "provincial", "440000"),
        "u": ("中山大学", "Sun Yat-sen University", None, "other", "440000"),
    }
    for v, (zh, en, t, tn, p) in data.items():
        G.add_node(v, name_zh=zh, name_en=en, pinyin="", tier=t, tier_name=tn, province=p)
    G.add_edges_from([("gz", "gd"), ("sz", "gd"), ("fs", "gd"), ("gz", "u"), ("sz", "u"), ("cs", "u")])
    return G


@pytest.mark.parametrize("method,ref", [
    ("resource_allocation", nx.resource_allocation_index),
    ("adamic_adar", nx.adamic_adar_index),
    ("common_neighbours", lambda G: ((u, v, len(list(nx.common_neighbors(G, u, v)))) for u, v in nx.non_edges(G))),
])
def test_scores_equal_networkx(method, ref):
    G = nx.karate_club_graph()
    got = {(s.u, s.v): s.score for s in S.suggest_partnerships(G, method=method, top=None)}
    expected = {tuple(sorted((u, v))): p for u, v, p in ref(G) if p > 0}
    assert set(got) == set(expected)
    for k, p in expected.items():
        assert got[k] == pytest.approx(p, abs=1e-12)


def test_hand_scores_and_reason():
    G = orgs()
    cn = S.suggest_partnerships(G, method="common_neighbours", top=None)
    # score 2: gd-u (share gz, sz) and gz-sz (share gd, u); equal scores ordered by id
    assert [(s.u, s.v, s.score) for s in cn[:2]] == [("gd", "u", 2.0), ("gz", "sz", 2.0)]
    top = cn[1]
    ra = [s for s in S.suggest_partnerships(G) if (s.u, s.v) == ("gz", "sz")][0]
    assert ra.score == pytest.approx(1 / 3 + 1 / 3)
    aa = [s for s in S.suggest_partnerships(G, method="adamic_adar") if (s.u, s.v) == ("gz", "sz")][0]
    assert aa.score == pytest.approx(2 / math.log(3))
    assert top.common == ["gd", "u"]
    assert top.reason_zh == "共同合作伙伴 2 个：广东省社会工作师联合会、中山大学；同属广东省；同为市级层级"
    assert top.reason_en == "2 shared partners: Guangdong SWF, Sun Yat-sen University; both in Guangdong; same tier (municipal)"


def test_filters_and_no_existing_ties():
    G = orgs()
    cross = S.suggest_partnerships(G, region="cross", top=None)
    assert {(s.u, s.v) for s in cross} == {("cs", "gz"), ("cs", "sz")}
    assert all(s.same_province is False for s in cross)
    assert "跨省合作：湖南省—广东省" in cross[0].reason_zh and "Hunan–Guangdong" in cross[0].reason_en
    same_tier = S.suggest_partnerships(G, tier="same", top=None)
    assert all(G.nodes[s.u]["tier"] == G.nodes[s.v]["tier"] for s in same_tier)
    assert ("fs", "gz") in {(s.u, s.v) for s in same_tier}
    everything = S.suggest_partnerships(G, top=None)
    assert not any(G.has_edge(s.u, s.v) for s in everything)
    assert all(len(s.common) >= 2 for s in S.suggest_partnerships(G, min_common=2, top=None))
    with pytest.raises(ValueError):
        S.suggest_partnerships(G, method="magic")


def test_deterministic_tie_break_by_id():
    # a 4-cycle: both diagonals have the same score; order by ids
    G = nx.cycle_graph(["d", "a", "c", "b"])  # edges d-a, a-c, c-b, b-d: diagonals a-b, c-d
    out = S.suggest_partnerships(G)
    assert [(s.u, s.v) for s in out] == [("a", "b"), ("c", "d")]
    assert S.suggest_partnerships(nx.Graph()) == []
    assert S.suggest_partnerships(nx.complete_graph(4)) == []


@pytest.mark.parametrize("method, reference", [
    ("resource_allocation", nx.resource_allocation_index),
    ("adamic_adar", nx.adamic_adar_index),
])
def test_link_scores_equal_networkx_on_chosen_and_on_all_untied_pairs(method, reference):
    G = nx.gnm_random_graph(30, 70, seed=4)
    G.add_node(30)  # an isolate: zero for every pair with it
    pairs = [(0, 1), (2, 2), (3, 30)] + list(G.edges())[:10]  # untied, (u, u), isolate, tied pairs
    got = {(u, v): s for u, v, s in S.link_scores(G, pairs, method=method)}
    want = {(u, v): s for u, v, s in reference(G, pairs)}
    assert got.keys() == want.keys() and all(got[p] == pytest.approx(want[p], abs=1e-12) for p in want)
    every = S.link_scores(G, method=method)
    assert {frozenset((u, v)) for u, v, _ in every} == {frozenset(e) for e in nx.non_edges(G)}
    want_all = {frozenset((u, v)): s for u, v, s in reference(G)}
    assert all(s == pytest.approx(want_all[frozenset((u, v))], abs=1e-12) for u, v, s in every)


def test_link_scores_are_the_scores_suggest_partnerships_ranks():
    G = orgs()
    for method in S.METHODS:
        scores = {frozenset((u, v)): s for u, v, s in S.link_scores(G, method=method)}
        for s in S.suggest_partnerships(G, method=method, top=None):
            assert s.score == scores[frozenset((s.u, s.v))]


# ------------------------------------------------- the vectorised candidates equal the old two-hop loop

from tests.analysis import loop_reference as R  # noqa: E402


@pytest.mark.parametrize("method", S.METHODS)
@pytest.mark.parametrize("kw", [{}, {"tier": "same"}, {"region": "cross"}, {"region": "same"}, {"min_common": 2},
                                {"top": None}, {"top": 3}, {"top": 0}])
def test_suggestions_equal_the_reference_loop(method, kw):
    for G in [*R.random_graphs(), *R.random_graphs(directed=True, seeds=range(2))]:
        got = [s.as_dict() for s in S.suggest_partnerships(G, method=method, **kw)]
        assert got == [s.as_dict() for s in R.suggest_partnerships(G, method=method, **kw)]


def test_suggestions_with_many_tied_scores_keep_the_id_order():
    G = nx.complete_bipartite_graph(6, 3)  # every pair on a side shares 3 partners: many equal scores
    G.remove_edge(0, 6)
    got = [(s.u, s.v, s.score) for s in S.suggest_partnerships(G, top=5)]
    assert got == [(s.u, s.v, s.score) for s in R.suggest_partnerships(G, top=5)]
    assert len(got) == 5


def test_suggestions_tiny_graphs():
    assert S.suggest_partnerships(nx.Graph()) == []
    assert S.suggest_partnerships(nx.empty_graph(1)) == []
    assert S.suggest_partnerships(nx.path_graph(2)) == []
    assert [(s.u, s.v) for s in S.suggest_partnerships(nx.path_graph(3))] == [(0, 2)]
