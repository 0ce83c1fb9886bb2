import re

import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli

from ..browser import distinct_colours


def test_map_command_writes_one_self_contained_file(tmp_path):
    out = tmp_path / "map.html"
    res = CliRunner().invoke(cli, ["map", "-o", str(out), "--color-by", "tier", "--size-by", "betweenness"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "中国社会工作联合会" in html and "广东省社会工作师联合会" in html
    assert not re.search(r"https?://", html)
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["'](?!data:)""", html)


def test_map_focus_and_bad_arguments(tmp_path):
    out = tmp_path / "focus.html"
    res = CliRunner().invoke(cli, ["map", "--focus", "广东省社工师联合会", "-o", str(out), "--layout", "tier"])
    assert res.exit_code == 0, res.output
    assert "gd-swa" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["map", "--focus", "无此组织", "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 2 and "nothing matches" in bad.output
    bad = CliRunner().invoke(cli, ["map", "--size-by", "charisma", "-o", str(tmp_path / "y.html")])
    assert bad.exit_code == 2 and "charisma" in bad.output and "betweenness" in bad.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["focus.html"]  # nothing half-written


@pytest.mark.browser
def test_main_job_map_opens_offline_and_finds_chinese_names(browser, tmp_path):
    res = CliRunner().invoke(cli, ["analyze", "--out", str(tmp_path)])
    assert res.exit_code == 0
    page = browser.open(tmp_path / "map.html")
    page.wait_for("return window.swgraphMap && window.swgraphMap.ready")
    assert page.console_errors() == []
    assert page.external_requests() == []
    assert page.js("return swgraphMap.search(arguments[0])", "广东省社会工作师联合会") == "gd-swa"
    assert page.js("return swgraphMap.search(arguments[0])", "北京市社会工作者协会") == "bj-swa"  # alias
    assert distinct_colours(page.screenshot(), step=7) > 20


def test_map_province_writes_one_province(tmp_path):
    out = tmp_path / "gd.html"
    res = CliRunner().invoke(cli, ["map", "--province", "广东省", "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    from swgraph.graph import project
    from swgraph.maps.page import read_data
    from swgraph.records.dataset import load_dataset

    keys = set(read_data(html)["N"]["key"])
    G = project(load_dataset(), "hierarchy")
    in_gd = {n for n, d in G.nodes(data=True) if d.get("province") == "440000"}
    assert "gd-swa" in keys and keys <= in_gd  # only Guangdong's organisations
    assert "广东省" in re.findall(r"<title>(.*?)</title>", html)[0]
    bad = CliRunner().invoke(cli, ["map", "--province", "亚特兰蒂斯", "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 2 and "no province matches" in bad.output
    assert not (tmp_path / "x.html").exists()
