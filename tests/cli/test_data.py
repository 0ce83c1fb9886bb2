import json

import networkx as nx
import pytest
from click.testing import CliRunner

from swgraph.cli.main import COMMANDS, cli


def test_version_and_every_command_help_has_an_example(run):
    assert run("--version").output.startswith("swgraph, version ")
    for name in COMMANDS:
        cmd = cli.get_command(None, name)  # every listed command exists: a broken module fails here
        assert "Example" in (cmd.help or ""), name


@pytest.mark.parametrize("a, b", [("广东省社会工作师联合会", "广东省社工师联合会"), ("北京社会工作者协会", "北京市社会工作者协会"),
                                  ("中国社会工作联合会", "中国社会工作协会")])
def test_show_gives_the_same_id_for_both_names(run, a, b):
    ids = [json.loads(run("show", n, "--format", "json").output)["id"] for n in (a, b)]
    assert ids[0] == ids[1]


def test_show_text_and_no_match(run):
    res = run("show", "Liu Jing")
    assert res.exit_code == 0 and "刘京" in res.output and "post-liu-jing-cfsw" in res.output
    miss = CliRunner().invoke(cli, ["show", "无此组织"])
    assert miss.exit_code == 1 and "nothing matches" in miss.output


def test_export_graphml_via_cli(run, tmp_path):
    out = tmp_path / "net.graphml"
    res = run("export", "--format", "graphml", "-o", str(out))
    assert res.exit_code == 0
    assert nx.read_graphml(out).nodes["cfsw"]["name_en"] == "China Federation of Social Workers"
