"""The NetworkX-suite plugin is real (a broken swgraph function fails NetworkX's tests) and scoped (all restored)."""

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms.centrality.tests import test_harmonic_centrality as nx_harmonic_tests

from .adapters import STATE, Adapted, _both_engines
from .conftest import Patch, not_applicable

ROOT = Path(__file__).resolve().parents[3]


def test_patch_points_every_reference_to_swgraph_and_restores_it():
    originals = (nx.betweenness_centrality, nx.community.louvain_communities, nx_harmonic_tests.harmonic_centrality,
                 nx.algorithms.centrality.closeness_centrality)
    patch = Patch()
    patch.apply()
    try:
        assert isinstance(nx.betweenness_centrality, Adapted)
        assert isinstance(nx.community.louvain_communities, Adapted)
        assert isinstance(nx_harmonic_tests.harmonic_centrality, Adapted)  # bound by "from ... import" in the test
        assert isinstance(nx.algorithms.centrality.closeness_centrality, Adapted)
        STATE.calls = set()
        # swgraph's networkx engine calls the original NetworkX function from inside the adapter (no recursion)
        assert nx.betweenness_centrality(nx.path_graph(3), normalized=False) == {0: 0.0, 1: 1.0, 2: 0.0}
        assert STATE.calls == {"betweenness_centrality"}
    finally:
        patch.restore()
    assert (nx.betweenness_centrality, nx.community.louvain_communities, nx_harmonic_tests.harmonic_centrality,
            nx.algorithms.centrality.closeness_centrality) == originals
    assert not any(isinstance(v, Adapted) for m in list(sys.modules.values()) if m.__name__.startswith("networkx")
                   for v in vars(m).values())


def test_a_broken_swgraph_function_fails_networkx_tests(tmp_path):
    # constraint 1% too high: NetworkX's structural-holes tests must catch it through the adapter
    (tmp_path / "break_constraint.py").write_text(
        "import swgraph.analysis.brokerage as b\n"
        "_orig = b.constraint\n"
        "def constraint(G, *, weight=None):\n"
        "    return {v: c * 1.01 for v, c in _orig(G, weight=weight).items()}\n"
        "b.constraint = constraint\n")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "break_constraint", "-p", "no:cacheprovider", "-q", "--tb=no",
         "tests/analysis/networkx_suite/suite.py::algorithms/tests/test_structuralholes.py"],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)}, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "FAILED" in run.stdout and "test_constraint_undirected" in run.stdout
    summary = next(line for line in run.stdout.splitlines() if line.startswith("structural holes:"))
    assert " 0 failed" not in summary


def test_not_applicable_patterns_are_matched_on_the_test_id():
    class Item:
        nodeid = ("tests/analysis/networkx_suite/suite.py::algorithms/centrality/tests/test_betweenness_centrality.py"
                  "::TestBetweennessCentrality::test_scale_with_k_on_star_graph[True-True-False-1-expected3]")

    assert "endpoints" in not_applicable(Item)
    Item.nodeid = Item.nodeid.replace("[True-True-", "[True-False-")
    assert not_applicable(Item) is None


def test_adapters_fail_when_swgraph_engines_disagree():

    class Scores(dict):
        engine = "igraph"

    def measure(G, *, engine):
        out = Scores({0: 1.0 if engine != "networkx" else 1.0 + 1e-6})
        out.engine = "igraph" if engine == "auto" else engine
        return out

    with pytest.raises(AssertionError, match="engines igraph and networkx differ"):
        _both_engines(measure, nx.Graph())
    assert _both_engines(measure, nx.Graph(), cross_check=False) == {0: 1.0}
