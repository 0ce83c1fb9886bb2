"""Coverage against GB/T 2260 counts (Guangdong: 21 prefecture-level cities)."""

import networkx as nx
import pytest

from swgraph.analysis import coverage as V


def graph():
    G = nx.Graph()
    G.add_node("gz", kind="municipal_association", region="440100")  # Guangzhou
    G.add_node("tianhe", kind="municipal_association", region="440106")  # district of Guangzhou
    G.add_node("sz", kind="municipal_association", region="440300")  # Shenzhen
    G.add_node("sz-agency", kind="service_agency", region="440300")
    G.add_node("zhuzhou", kind="municipal_association", region="430200")
    G.add_node("bad", kind="municipal_association", region="999999")
    G.add_node("prov", kind="provincial_association", region="440000")
    return G


def test_guangdong_counts():
    cov = V.prefecture_coverage(graph())
    gd = cov["440000"]
    assert gd.name == "广东省" and gd.total == 21
    assert gd.covered == ["440100", "440300"] and len(gd.uncovered) == 19
    assert gd.share == pytest.approx(2 / 21)
    assert gd.organisations["440100"] == ["gz", "tianhe"]
    assert cov["430000"].covered == ["430200"]
    assert cov["110000"].total == 0 and cov["110000"].share is None  # municipality: no prefecture level
    assert set(cov) >= {"440000", "430000", "110000"}


def test_kinds_and_selection():
    cov = V.prefecture_coverage(graph(), kind=["service_agency"], provinces=["440000"])
    assert list(cov) == ["440000"] and cov["440000"].covered == ["440300"]
    assert V.prefecture_coverage(nx.Graph(), provinces=["440000"])["440000"].covered == []


def test_compare_documented_guangdong():
    cov = V.prefecture_coverage(graph(), provinces=["440000", "430000"])
    rows = V.compare_documented(cov, {
        "440000": {"covered": 14, "total": 21, "source": "doc-1"},
        "430000": (5, 13),
        "450000": (3, 99),  # not in the coverage passed in: computed on the fly as 0 found
    })
    gd = rows[1]
    assert (gd["province"], gd["documented_covered"], gd["found_covered"], gd["missing_from_data"]) == ("440000", 14, 2, 12)
    assert gd["documented_without"] == 7
    assert gd["total_mismatch"] is False and gd["source"] == "doc-1"
    hn = rows[0]
    assert hn["province"] == "430000" and hn["missing_from_data"] == 4 and hn["found_total"] == 14 and hn["total_mismatch"] is True
    gx = rows[2]
    assert gx["found_covered"] == 0 and gx["total_mismatch"] is True
