import re

import pytest
from click.testing import CliRunner

from swgraph.application.report import build_report, restrict_to_province
from swgraph.cli.main import cli
from swgraph.core.errors import InputError
from swgraph.records.dataset import load_dataset

from ..browser import chromium_fixture, distinct_colours

browser = chromium_fixture("browser", scope="module")


@pytest.fixture(scope="module")
def report():
    return build_report(load_dataset())


def test_every_key_figure_has_a_footnote_with_its_quote(report):
    md = report.markdown
    footnotes = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", md, flags=re.M))
    title = load_dataset().sources["cfsw-2015-jingyue"].title_zh  # footnotes name the source by its title, not its id
    assert f"{title}: “全国已有24个省级”" in footnotes.values()
    rows = [line for line in md.split("## 关键数字 Key figures")[1].split("##")[0].splitlines() if line.startswith("| ") and "[^" in line]
    assert len(rows) >= 10
    for row in rows:
        for num in re.findall(r"\[\^(\d+)\]", row):
            assert num in footnotes


def test_html_is_self_contained_and_escaped(report):
    assert not re.search(r"""(src|href)=["']https?://""", report.html)
    assert "<h1>中国社会工作行业组织网络（文献整理）</h1>" in report.html
    assert set(report.files) >= {"map.html", "ties.svg", "visits.svg", "report.json"}
    assert "brokers.svg" not in report.files  # one broker only: a sentence, not a chart of one bar
    assert "Only China Federation of Social Workers brokers between others" in report.html
    assert "<svg" in report.html  # plots inline


def test_province_scope():
    ds = load_dataset()
    gd = restrict_to_province(ds, "440000")
    ids = {o.id for o in gd.organisations}
    assert {"gd-swa", "bj-swa", "cfsw", "gd-swa-training-centre"} <= ids  # Guangdong's bodies and their partners
    assert "hk-swd" not in ids and "bnu" not in ids
    assert {s.id for s in gd.statistics} >= {"stat-2015-gd-prefectures-with-org"}
    with pytest.raises(InputError, match="not a province-level"):
        restrict_to_province(ds, "440100")


def test_report_command_writes_all_files(tmp_path):
    res = CliRunner().invoke(cli, ["report", "--out", str(tmp_path), "--province", "440000"])
    assert res.exit_code == 0, res.output
    assert {"report.html", "report.md", "map.html"} <= {p.name for p in tmp_path.iterdir()}
    bad = CliRunner().invoke(cli, ["report", "--out", str(tmp_path / "x"), "--province", "999999"])
    assert bad.exit_code == 2 and not (tmp_path / "x").exists()


@pytest.mark.browser
def test_report_opens_offline_with_chinese_rendered(browser, tmp_path, report):
    page = browser.open_offline(report.html, tmp_path, "report.html")
    assert "关键数字" in page.js("return document.body.innerText")
    # the CJK heading is drawn with a CJK font: it is as wide as 20 full-width glyphs, not 20 boxes of a fallback
    width = page.js("const h = document.querySelector('h1'); const r = document.createRange(); r.selectNodeContents(h); return r.getBoundingClientRect().width")
    assert width > 200
    assert distinct_colours(page.screenshot(), step=5) > 10
