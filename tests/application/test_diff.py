import json

import pytest
from click.testing import CliRunner

from swgraph.application.diff import diff
from swgraph.cli.main import cli
from swgraph.graph import collaboration_graph
from swgraph.records.dataset import load_dataset
from swgraph.synthetic import write_generated


def test_diff_since_the_day_before_the_agreement_lists_it_and_the_2019_visit():
    res = CliRunner().invoke(cli, ["diff", "2015-06-10", "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert [a["id"] for a in d["agreements_added"]] == ["agr-2015-jingyue"]
    assert "ev-2019-11-13-hkswd-visit-cfsw" in {r["id"] for r in d["added"]}
    evidence = d["agreements_added"][0]["evidence"]
    assert evidence["status"] in ("activity recorded", "none recorded")
    assert evidence["data_last_date"] == "2019-11-13"
    assert d["removed"] == []


def test_diff_table_and_markdown_name_the_agreement():
    for fmt in ("table", "markdown"):
        res = CliRunner().invoke(cli, ["diff", "2015-06-10", "--format", fmt])
        assert res.exit_code == 0 and "京粤社工战略合作协议" in res.output


@pytest.fixture(scope="module")
def two_generated(tmp_path_factory):
    out = []
    for seed in (1, 2):
        folder = tmp_path_factory.mktemp(f"gen{seed}")
        write_generated(folder / "net", "national-2015", seed=seed, scale=0.05)
        out.append(load_dataset([folder / "net"]))
    return out


def test_diff_of_two_generated_networks_matches_an_independent_count(two_generated):
    a, b = two_generated
    d = diff(a, b)
    ids_a = {r.id for r in a.all_records() if r.collection != "statistics"}
    ids_b = {r.id for r in b.all_records() if r.collection != "statistics"}
    assert len(d["added"]) == len(ids_b - ids_a) and len(d["removed"]) == len(ids_a - ids_b)
    ea = {frozenset(e) for e in collaboration_graph(a).edges()}
    eb = {frozenset(e) for e in collaboration_graph(b).edges()}
    assert len(d["ties_added"]) == len(eb - ea) and len(d["ties_removed"]) == len(ea - eb)
    assert d["old"]["organisations"] == len(a.organisations) and d["new"]["organisations"] == len(b.organisations)
    assert sum(c["added"] for c in d["counts"].values()) == len(d["added"])
