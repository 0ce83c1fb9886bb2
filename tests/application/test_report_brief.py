"""The brief's structure: summary sentences traceable to report.json, names not ids, sections, province scope."""

import html as htmllib
import json
import re

import networkx as nx
import pytest

from swgraph.analysis import metrics
from swgraph.application.report import build_report
from swgraph.core import regions
from swgraph.graph import collaboration_graph
from swgraph.records.dataset import load_dataset

SECTIONS = ["summary", "data", "figures", "coverage", "structure", "hubs", "brokerage", "communities", "ties",
            "governance", "change", "partnerships", "glossary"]


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def brief(ds):
    return build_report(ds, compare=ds.as_of("2015-06-10"), compare_label="2015-06-10", with_map=False)


@pytest.fixture(scope="module")
def gd(ds):
    return build_report(ds, province="440000", with_map=False)


def visible_text(page: str, *, drop_section: str | None = None) -> str:
    """What a reader sees: no style, script, SVG or attributes (tooltips); optionally without one section."""
    if drop_section:
        page = re.sub(rf'<section id="{drop_section}".*?</section>', "", page, flags=re.S)
    page = re.sub(r"<(style|script|svg|iframe)\b.*?</\1>", " ", page, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page))


def numbers(sentence: str) -> tuple[list[str], list[str]]:
    """(dates, other numbers) written in a sentence."""
    dates = re.findall(r"\d{4}-\d{2}(?:-\d{2})?", sentence)
    rest = re.sub(r"\d{4}-\d{2}(?:-\d{2})?", " ", sentence)
    return dates, re.findall(r"\d[\d,]*(?:\.\d+)?%?", rest)


def matches(token: str, figures: dict) -> bool:
    values = [v for v in figures.values() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if token.endswith("%"):
        digits = len(token[:-1].split(".")[1]) if "." in token else 0
        return any(round(v * 100, digits) == float(token[:-1]) for v in values)
    x = float(token.replace(",", ""))
    digits = len(token.split(".")[1]) if "." in token else 0
    return any(round(v, digits) == x for v in values)


def test_every_section_is_there_in_order(brief):
    ids = re.findall(r'<section id="(\w+)"', brief.html)
    assert [s for s in ids if s in SECTIONS] == SECTIONS
    assert brief.markdown.index("## 摘要 Summary") < brief.markdown.index("## 数据说明 Data and limits") < \
        brief.markdown.index("## 术语 Glossary")


@pytest.mark.parametrize("which", ["brief", "gd"])
def test_summary_numbers_are_the_json_figures(which, request):
    rep = request.getfixturevalue(which)
    data = json.loads(rep.files["report.json"])
    assert data == rep.data
    summary = data["summary"]
    assert 3 <= len(summary) <= 5
    checked = 0
    for f in summary:
        for sentence in (f["zh"], f["en"]):
            dates, nums = numbers(sentence)
            assert nums or dates, sentence
            for d in dates:
                assert d in [str(v) for v in f["figures"].values()], (d, sentence)
            for tok in nums:
                assert matches(tok, f["figures"]), (tok, sentence, f["figures"])
                checked += 1
    assert checked >= 10


def test_summary_figures_match_an_independent_computation(ds, brief):
    G = collaboration_graph(ds)
    by_id = {f["id"]: f["figures"] for f in brief.data["summary"]}
    # hub: share of shortest paths between other connected pairs through the federation
    bt = nx.betweenness_centrality(G, normalized=False)
    others = G.subgraph([v for v in G if v != "cfsw"])
    pairs = sum(len(c) * (len(c) - 1) // 2 for c in nx.connected_components(G)) - (len(nx.node_connected_component(G, "cfsw")) - 1)
    assert by_id["hub"]["path_share"] == pytest.approx(bt["cfsw"] / pairs)
    assert by_id["hub"]["n_nodes"] == G.number_of_nodes() == len(ds.organisations)
    # resilience: components before and after removing the top broker
    assert by_id["resilience"]["components_before"] == nx.number_connected_components(G)
    assert by_id["resilience"]["components_after"] == nx.number_connected_components(others)
    # coverage: Guangdong's 21 prefectures (GB/T 2260), 14 documented with an organisation, so 7 without
    (st,) = [s for s in ds.statistics if s.measure == "prefectures_with_industry_org" and s.region == "440000"]
    assert by_id["coverage"] == {"total": len(regions.prefectures("440000")), "documented_covered": st.value,
                                 "documented_without": len(regions.prefectures("440000")) - st.value}
    assert by_id["coverage"]["documented_without"] == 7
    # follow-up: every agreement counted once
    fu = by_id["follow_up"]
    assert fu["agreements"] == len(ds.agreements) == 1
    (sig,) = [e for e in ds.events if e.kind == "signing"]
    later = [e for e in ds.events if e.kind != "signing" and e.date.earliest > sig.date.latest
             and len({e.host, *e.visitors, *e.participants} & set(ds.agreements[0].parties)) >= 2]
    assert fu["activity_records"] == len(later) == 0 and fu["last_date"] == "2019-11-13"
    # governance: density as networkx computes it
    assert by_id["governance"]["density"] == pytest.approx(nx.density(G))


def test_province_brief_without_brokers_says_not_enough_data(gd):
    by_id = {f["id"]: f for f in gd.data["summary"]}
    assert "不足以判断" in by_id["hub"]["zh"] and "Not enough data" in by_id["hub"]["en"]
    assert "resilience" not in by_id  # no broker: no "3 → 3 parts" finding


def test_each_finding_links_to_its_section_chart_and_rule(brief):
    anchors = set(re.findall(r'\bid="([^"]+)"', brief.html))
    items = re.findall(r'<li id="finding-\d+" class="finding">(.*?)</li>', brief.html, flags=re.S)
    assert len(items) == len(brief.data["summary"])
    for f, item in zip(brief.data["summary"], items):
        hrefs = re.findall(r'href="#([^"]+)"', item)
        assert f["section"] in hrefs and f"rule-{f['rule']}" in hrefs
        assert all(h in anchors for h in hrefs), hrefs
        assert f["rule"] in brief.data["rules"]
        if f["chart"]:
            assert f["chart"] in hrefs and f"<figure id=\"{f['chart']}\">" in brief.html


def test_names_never_ids_in_what_a_reader_sees(ds, brief, gd):
    ids = {r.id for r in ds.all_records() if not r.id.startswith("stat-")} | set(ds.sources)
    for page in (brief.html, gd.html):
        text = visible_text(page)
        shown = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}
        assert not shown
        assert 'title="cfsw"' in page  # the id is there as a tooltip
    md = brief.markdown
    assert not {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", md.replace("\\", ""))}


def test_glossary_names_every_registered_measure_in_both_languages(brief):
    glossary = brief.html.split('<section id="glossary"')[1].split("</section>")[0]
    for mt in metrics.node_metrics():
        assert htmllib.escape(mt.zh) in glossary and htmllib.escape(mt.en) in glossary
        assert htmllib.escape(mt.meaning_en) in glossary
    for term in ("Gould–Fernandez", "ARI", "modularity", "density"):
        assert term in glossary


def test_change_since_a_date_lists_the_new_agreement(brief, ds):
    change = brief.html.split('<section id="change"')[1].split("</section>")[0]
    assert brief.data["figures"]["change"]["agreements_added"] == ["agr-2015-jingyue"]
    assert htmllib.escape(ds.get("agr-2015-jingyue").title_zh) in change
    assert "2019-11-13" in change  # the 2019 visit


def test_coverage_names_guangdongs_gap(brief, gd):
    for rep in (brief, gd):
        coverage = visible_text(rep.html.split('<section id="coverage"')[1].split("</section>")[0])
        assert "21 个地级市中 14 个已成立" in coverage and "7 个没有" in coverage
        assert "14 of 21 prefectures" in coverage and "7 without" in coverage


def test_province_brief_keeps_national_figures_in_national_context(ds, gd):
    national = [s for s in ds.statistics if s.id in ("stat-2019-cn-professionals", "stat-2015-cfsw-executive-council-units")]
    assert {s.value for s in national} == {1_200_000, 108}
    outside = visible_text(gd.html, drop_section="national")
    inside = visible_text(gd.html.split('<section id="national"')[1].split("</section>")[0])
    for st in national:
        shown = f"{st.value:,.0f}"
        assert not re.search(rf"(?<![\d.,]){re.escape(shown)}(?![\d,])", outside), shown
        assert shown in inside
    assert "国家背景" in inside and "National context" in inside
    md_outside = re.sub(r"## 国家背景 National context.*?(?=\n## )", "", gd.markdown, flags=re.S)
    assert "1,200,000" not in md_outside and not re.search(r"(?<![\d.,])108(?![\d,])", md_outside)
    # the province's own figures stay in its key figures
    figures = visible_text(gd.html.split('<section id="figures"')[1].split("</section>")[0])
    assert "已成立社会工作行业组织的地级市数" in figures
    assert all(row["province"] == "440000" for row in gd.data["figures"]["coverage"].values())
