"""The network health brief a federation director can act on (``swgraph report``).

:func:`build_report` returns the brief as one self-contained HTML page, as
Markdown (with the SVG charts beside it) and as JSON (``report.json``: every
figure the brief prints, every rule behind a verdict, and the summary
sentences with the figures they are built from). Chinese first, English
beside. Sections, in order:

1. 摘要 Summary: three to five findings, each one sentence built from a
   verdict rule of the analysis suite, each linking to its section and rule.
2. 数据说明 Data and limits; 关键数字 Key figures (documented statistics).
3. 覆盖 Coverage by administrative division (documented vs in the data).
4. 结构 Structure; 5. 枢纽 Hubs and cut vertices (before → after);
6. 经纪 Brokerage by tier and province; 7. 社群 Communities and the ties
   between them; 8. 关系质量 Tie quality; 9. 治理模式 Governance mode
   (Provan & Kenis 2008); 10. 变化 Change since ``compare``;
11. 建议合作 Suggested partnerships; 12. 术语 Glossary.

Names, never raw ids, in everything a reader sees (ids only in the JSON and
as tooltips). With ``province`` the brief holds only figures about that
province; national figures appear only in the section 国家背景 National
context. Every documented fact carries a footnote naming its source and quote.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from swgraph.analysis import metrics as metric_registry
from swgraph.analysis._util import province_names
from swgraph.analysis.resilience import path_stats
from swgraph.application import charts
from swgraph.application.diff import diff as diff_datasets
from swgraph.application.maps import seeds_map_html
from swgraph.application.suite import Analysis, last_date, node_rows, run_analysis
from swgraph.core import model as m
from swgraph.core import regions
from swgraph.core.encode import json_text, markdown_text
from swgraph.core.errors import EnvironmentMissing, InputError
from swgraph.core.kinds import KINDS, OTHER_TIER, TIERS
from swgraph.core.registry import iter_references
from swgraph.graph import collaboration_graph
from swgraph.maps import fonts
from swgraph.maps.style import EDGE_STYLES
from swgraph.records.dataset import Dataset

SCHEMA_ID = "swgraph.report/1"
KEY_MEASURES = (
    "provincial_industry_organisations", "prefecture_industry_organisations", "county_industry_organisations",
    "private_service_agencies", "social_work_professionals", "executive_council_units",
    "prefectures_with_industry_org", "female_share", "mean_age", "certified_share",
)
_QUALIFIER = {"exact": "", "more_than": "more than ", "about": "about ", "at_least": "at least ", "less_than": "less than "}
_QUALIFIER_ZH = {"exact": "", "more_than": "多", "about": "约", "at_least": "至少", "less_than": "不足"}
_COLLECTION_ZH = {"organisations": "组织", "people": "人员", "posts": "职务", "agreements": "协议", "events": "活动",
                  "programmes": "项目", "ties": "其他合作", "statistics": "统计数字"}
_TIER = {name: (zh, en) for name, zh, en in [*TIERS.values(), OTHER_TIER]}
#: above this many nodes the typical path length is estimated from this many sources
PATH_SAMPLE_LIMIT, PATH_SAMPLE = 3_000, 300

_SLOT = re.compile(r"\{\{(\w+)\}\}")


def fill_template(template: str, **values: str) -> str:
    """Fill every ``{{name}}`` slot of ``template`` once; text inside the values is never expanded again.

    >>> fill_template("<h1>{{title}}</h1>{{body}}", title="{{body}}", body="x")
    '<h1>{{body}}</h1>x'
    """
    return _SLOT.sub(lambda mo: values[mo.group(1)], template)


# ------------------------------------------------------------------ the document model


@dataclass
class Cell:
    """A table cell: the text a reader sees and, optionally, a tooltip (e.g. the record's id)."""

    text: str
    tip: str = ""


@dataclass
class Para:
    zh: str
    en: str = ""
    id: str = ""  # HTML anchor
    links: list = field(default_factory=list)  # [(href, label)]
    cls: str = ""
    refs: list = field(default_factory=list)  # footnote numbers


@dataclass
class Table:
    headers: list
    rows: list  # of lists of str | Cell
    caption: str = ""


@dataclass
class Chart:
    name: str  # file name beside the Markdown, e.g. brokers.svg
    id: str  # HTML anchor
    svg: str
    caption: str


@dataclass
class Section:
    id: str
    zh: str
    en: str
    blocks: list = field(default_factory=list)


@dataclass
class Report:
    markdown: str
    html: str
    files: dict[str, bytes | str] = field(default_factory=dict)  # extra files for the Markdown version
    data: dict = field(default_factory=dict)  # the figures of the brief (also files["report.json"])


class _Notes:
    """Numbered footnotes, one per distinct citation."""

    def __init__(self, sources: dict | None = None):
        self.items: list[str] = []
        self.sources = sources or {}

    def cite(self, record: m.Record) -> list[int]:
        nums = []
        for c in record.sources:
            src = self.sources.get(c.source)
            title = (src.title_zh or c.source) if src else c.source  # the source's title, never its id
            text = f"{title}: “{c.quote}”"
            if text not in self.items:
                self.items.append(text)
            nums.append(self.items.index(text) + 1)
        if record.synthetic:
            text = f"synthetic: {record.generator}"
            if text not in self.items:
                self.items.append(text)
            nums.append(self.items.index(text) + 1)
        return nums


# ------------------------------------------------------------------ scope


def _inside(province: str, code: str | None) -> bool:
    return bool(code) and regions.is_known(code) and regions.contains(province, code)


def restrict_to_province(ds: Dataset, province: str) -> Dataset:
    """The part of ``ds`` about one province: its organisations, their direct partners, and records among them."""

    if regions.level(province) != "province":
        raise InputError(f"--province {province}: not a province-level GB/T 2260 code (e.g. 440000)")
    inside = {o.id for o in ds.organisations if o.region and regions.contains(province, o.region)}
    # units without a region of their own (centres, schools) belong where their parent body is
    changed = True
    while changed:
        before = len(inside)
        inside |= {o.id for o in ds.organisations if not o.region and (o.part_of in inside or o.parent in inside)}
        changed = len(inside) != before
    G = collaboration_graph(ds)
    keep = set(inside)
    for v in inside:
        keep.update(G[v])
    out = Dataset(info=ds.info, sources=ds.sources, origins=ds.origins)
    out.records["organisations"] = [o for o in ds.organisations if o.id in keep]
    org_ids = {o.id for o in ds.organisations}
    for coll, recs in ds.records.items():
        if coll == "organisations":
            continue
        for rec in recs:
            orgs = [r.target for r in iter_references(rec) if r.target in org_ids]
            if isinstance(rec, m.Statistic) and rec.region and regions.contains(province, rec.region):
                out.records[coll].append(rec)
            elif orgs and all(t in keep for t in orgs):
                out.records[coll].append(rec)
    people = {p.person for p in out.records["posts"]}
    out.records["people"] = [p for p in ds.people if p.id in people]
    return out


def is_about_province(st: m.Statistic, province: str, ds: Dataset) -> bool:
    """Whether a statistic is about ``province``: its region, or its subject organisation's region, lies inside."""
    if st.region:
        return _inside(province, st.region)
    subject = ds.get(st.subject) if getattr(st, "subject", None) else None
    if isinstance(subject, m.Organisation):
        return _inside(province, subject.region)
    return False


# ------------------------------------------------------------------ small formatters


def _int(v) -> str:
    return f"{v:,}" if isinstance(v, int) else str(v)


def _pct(v) -> str:
    """A share as a percentage; one decimal near 0 and 100 so that 99.7% never reads as 100%.

    >>> _pct(0.5), _pct(0.9966), _pct(1.0), _pct(0.004), _pct(None)
    ('50%', '99.7%', '100%', '0.4%', '–')
    """
    if v is None:
        return "–"
    p = v * 100
    return f"{p:.1f}%" if (0 < p < 1 or 99 < p < 100) else f"{p:.0f}%"


def _num(v, digits=3) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _figure_line(st: m.Statistic) -> tuple[str, str]:
    value = f"{st.value:,.0f}" if float(st.value).is_integer() else f"{st.value:,}"
    unit = {"percent": "%", "years": " years", "yuan": " yuan"}.get(st.unit, "")
    zh_unit = {"percent": "%", "years": "", "yuan": "元"}.get(st.unit, "")
    of = f" of {st.out_of:,.0f}" if st.out_of else ""
    en = f"{_QUALIFIER[st.qualifier]}{value}{unit}{of}"
    zh = f"{value}{_QUALIFIER_ZH[st.qualifier]}{zh_unit}" + (f"（共 {st.out_of:,.0f}）" if st.out_of else "")
    return zh, en


def _tie_label(kind: str) -> str:
    """A tie type as the brief shows it, Chinese first (the maps' edge labels, "en 中文", turned round)."""
    label = EDGE_STYLES.get(kind, {}).get("label") or {"interlock": "interlocking post 兼职"}.get(kind, kind)
    en, _, zh = label.rpartition(" ")
    return f"{zh} {en}" if en else label


class _Names:
    """What a reader sees for an organisation id: its Chinese name (English beside), the id only as a tooltip."""

    def __init__(self, result: dict, ds: Dataset):
        self.nodes = result["nodes"]
        self.ds = ds

    def zh(self, v) -> str:
        d = self.nodes.get(v)
        if d:
            return d["name_zh"] or d["name_en"] or str(v)
        rec = self.ds.get(v)
        return rec.display_name() if rec else str(v)

    def en(self, v) -> str:
        d = self.nodes.get(v)
        if d:
            return d["name_en"] or ""
        rec = self.ds.get(v)
        return rec.display_name_en() if rec else ""

    def both(self, v) -> str:
        en = self.en(v)
        return f"{self.zh(v)} {en}".strip() if en and en != self.zh(v) else self.zh(v)

    def cell(self, v) -> Cell:
        return Cell(self.both(v), str(v))


# ------------------------------------------------------------------ the figures


def _centralisation(G) -> float | None:
    """Freeman's degree centralisation: sum of (max degree - degree) over the star's value, 0..1."""
    n = len(G)
    if n < 3:
        return None
    deg = [d for _, d in G.degree()]
    top = max(deg)
    return sum(top - d for d in deg) / ((n - 1) * (n - 2))


def _typical_path(G) -> tuple[float | None, bool]:
    """Mean shortest-path length (hops) within the largest component; estimated from a sample above a limit.

    The figure is the one ``networkx.average_shortest_path_length`` gives, from
    breadth-first searches in C (igraph's all pairs up to :data:`PATH_SAMPLE_LIMIT`
    nodes; above it ``scipy.sparse.csgraph`` from the sampled sources, hop counts
    summed exactly as integers).

    >>> _typical_path(nx.path_graph(4)), _typical_path(nx.empty_graph(3))
    ((1.6666666666666667, False), (None, False))
    """
    if G.number_of_edges() == 0:
        return None, False
    lcc = max(nx.connected_components(G), key=len)
    if len(lcc) < 2:
        return None, False
    n = len(lcc)
    if n <= PATH_SAMPLE_LIMIT:
        pairs, total = path_stats(G, lcc)
        return total / pairs, False
    order = sorted(lcc, key=str)
    sources = range(0, n, max(1, n // PATH_SAMPLE))[:PATH_SAMPLE]
    index = {v: i for i, v in enumerate(order)}
    rows, cols = [], []
    for u, v in G.subgraph(lcc).edges():
        if u != v:
            rows.append(index[u])
            cols.append(index[v])
    adj = sparse.coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n)).tocsr()
    total = 0
    for start in range(0, len(sources), _PATH_CHUNK):
        chunk = list(sources[start:start + _PATH_CHUNK])
        hops = csgraph.shortest_path(adj, method="D", directed=False, unweighted=True, indices=chunk)
        total += int(hops.sum(dtype=np.float64))  # whole numbers well below 2**53: summed exactly
    return total / (len(sources) * (n - 1)), True


#: sources per block of breadth-first searches (a block holds ``_PATH_CHUNK`` × nodes distances)
_PATH_CHUNK = 256


def _cut_vertex_impacts(G, cut: list, scores: dict, top: int) -> list[dict]:
    """For the ``top`` cut vertices by betweenness: components and largest-component share before → after removal."""
    n = len(G)
    comps = [len(c) for c in nx.connected_components(G)]
    before_c, before_share = len(comps), (max(comps) / n if n else 0.0)
    out = []
    for v in sorted(cut, key=lambda x: (-(scores.get(x) or 0), str(x)))[:top]:
        R = G.subgraph([x for x in G if x != v])
        rc = [len(c) for c in nx.connected_components(R)]
        out.append({"node": v, "components_before": before_c, "components_after": len(rc),
                    "largest_share_before": round(before_share, 4),
                    "largest_share_after": round(max(rc) / (n - 1), 4) if rc else 0.0,
                    "cut_off": (n - 1) - max(rc) if rc else 0})
    return out


#: Provan & Kenis (2008): the three modes and the structural criteria the brief reads
GOVERNANCE_RULE = {
    "zh": ("依据 Provan 与 Kenis（2008）：共享治理适合成员少（≤ 8）、关系密（密度 ≥ 0.5）、无中心（度中心势 < 0.5）的网络；"
           "领导型组织治理指一个成员居于中心（度中心势 ≥ 0.5，或枢纽判断成立），由它协调其他成员；"
           "网络行政组织（NAO）治理指居于中心的是为协调网络而设的机构（此处：全国性联合会这类会员组织，而非服务提供者）。"
           "三者都不符合时，称为“松散网络，无明显治理中心”。数据无法反映信任程度与目标共识这两条标准。"),
    "en": ("After Provan & Kenis (2008): shared governance fits few members (≤ 8), dense ties (density ≥ 0.5) and no "
           "centre (degree centralisation < 0.5); lead-organisation governance means one member sits at the centre "
           "(degree centralisation ≥ 0.5, or the hub verdict holds) and coordinates the others; a network administrative "
           "organisation (NAO) means the centre is a body set up to coordinate the network (here: a national federation "
           "of members, not a service provider). When none fits: 'loosely coupled, no clear governing centre'. Trust "
           "and goal consensus, the other criteria, are not in the data."),
}


def governance_mode(n: int, density: float, centralisation: float | None, hub_supported: bool, centre_kind: str | None) -> str:
    """The mode the network's structure resembles, by :data:`GOVERNANCE_RULE`.

    >>> governance_mode(5, 0.8, 0.1, False, "agency"), governance_mode(40, 0.05, 0.7, True, "national_federation")
    ('shared', 'network administrative organisation')
    """
    if n <= 8 and density >= 0.5 and (centralisation or 0) < 0.5:
        return "shared"
    if (centralisation or 0) >= 0.5 or hub_supported:
        return "network administrative organisation" if centre_kind == "national_federation" else "lead organisation"
    return "loosely coupled"


_MODE_TEXT = {
    "shared": ("近似共享治理", "resembles shared governance"),
    "lead organisation": ("近似领导型组织治理", "resembles lead-organisation governance"),
    "network administrative organisation": ("近似网络行政组织（NAO）治理", "resembles a network administrative organisation (NAO)"),
    "loosely coupled": ("松散，无明显治理中心", "is loosely coupled, with no clear governing centre"),
}

#: measures the brief uses beyond the metric registry's per-organisation measures (declared here once)
GLOSSARY_EXTRA = [
    ("density", "密度", "density", "已有关系占所有可能关系的比例", "share of all possible ties that exist"),
    ("components", "连通部分", "components", "彼此之间没有任何路径相连的组织群", "groups of organisations with no path between them"),
    ("centralisation", "度中心势", "degree centralisation (Freeman)",
     "网络多大程度上围绕一个组织（0 = 人人相同，1 = 星形）", "how much the network centres on one organisation (0 = all equal, 1 = a star)"),
    ("path_length", "平均路径长度", "typical path length", "最大连通部分中两个组织之间平均隔几步", "mean number of steps between two organisations in the largest component"),
    ("cut_vertex", "关键节点（割点）", "cut vertex", "移除后网络会分裂的组织", "an organisation whose removal splits the network"),
    ("bridge", "桥", "bridge", "移除后网络会分裂的关系", "a tie whose removal splits the network"),
    ("gould_fernandez", "经纪角色（Gould–Fernandez）", "brokerage roles (Gould–Fernandez)",
     "按所在层级或省份，看一个组织在两个其他组织之间起什么作用：协调者（三方同组）、守门人（为本组引入外组）、代表（代表本组对外）、顾问（为另一组居间）、联络者（三方各属不同组）",
     "who an organisation links, by tier or province: coordinator (all in its group), gatekeeper (brings an outsider to its group), "
     "representative (speaks for its group outward), consultant (links two members of another group), liaison (links two other groups)"),
    ("modularity", "模块度", "modularity", "社群内部关系比随机情况下多出的程度", "how much more ties fall inside communities than by chance"),
    ("ari", "稳定性（调整兰德指数）", "stability (adjusted Rand index, ARI)",
     "换随机种子重算社群时结果的一致程度（1 = 完全相同）", "how alike the communities are when recomputed with other random seeds (1 = identical)"),
    ("reciprocity", "互访率", "visit reciprocity", "有回访的访问关系所占比例", "share of visit ties that were returned"),
    ("follow_up", "后续证据", "follow-up evidence",
     "协议签署后双方是否有记录在案的活动（仅说明记录，不说明实际）", "whether activity between an agreement's parties is recorded after signing (a statement about the records, not the world)"),
    ("resource_allocation", "资源分配指数", "resource allocation index",
     "两个尚未合作的组织共同伙伴的 1/伙伴数 之和：共同伙伴越多、越专一，分数越高", "sum of 1/partners over the shared partners of two organisations not yet tied"),
]


# ------------------------------------------------------------------ building the brief


def build_report(ds: Dataset, *, province: str | None = None, top: int = 10, with_map: bool = True,
                 compare: Dataset | None = None, compare_label: str = "") -> Report:
    """The health brief of ``ds`` (optionally one province) as HTML, Markdown and JSON.

    ``compare``: an earlier state (``ds.as_of(date)``) or another dataset; the
    section 变化 Change says what changed from it (:func:`swgraph.application.diff.diff`).
    """
    scope = restrict_to_province(ds, province) if province else ds
    analysis = run_analysis(scope, top=top)
    b = _Builder(ds, analysis, province=province, top=top)
    b.build(compare=restrict_to_province(compare, province) if (compare is not None and province) else compare,
            compare_label=compare_label)
    files: dict[str, bytes | str] = {c.name: c.svg for c in b.charts}
    md, page = b.render(with_map=with_map, files=files)
    files["report.json"] = json_text(b.data, sort_keys=True) + "\n"
    return Report(markdown=md, html=page, files=files, data=b.data)


class _Builder:
    def __init__(self, ds, analysis: Analysis, *, province, top):
        self.ds, self.analysis, self.province, self.top = ds, analysis, province, top
        self.scope, self.result = analysis.dataset, analysis.result
        self.names = _Names(self.result, self.scope)
        self.notes = _Notes(self.scope.sources)
        self.G = analysis.graph  # the graph the analysis measured: read, never changed
        self.sections: list[Section] = []
        self.charts: list[Chart] = []
        self.chart_notes: dict[str, str] = {}
        self.figures: dict[str, dict] = {}
        self.rules: dict[str, dict] = {}
        self.summary: list[dict] = []
        title = (ds.info.title_zh or ds.info.id) + (f" · {regions.name(province)}" if province else "")
        self.title = title

    # -- helpers
    def rule(self, rid: str, zh: str, en: str) -> Para:
        self.rules[rid] = {"zh": zh, "en": en}
        return Para(f"规则：{zh}", f"Rule: {en}", id=f"rule-{rid}", cls="rule")

    def finding(self, fid, zh, en, section, rule, figures, chart=None):
        self.summary.append({"id": fid, "zh": zh, "en": en, "section": section, "rule": rule,
                             "chart": chart, "figures": figures})

    # -- the sections
    def build(self, *, compare, compare_label):
        self._charts()
        steps = [self._data, self._key_figures, *([self._national_context] if self.province else []), self._coverage]
        for fn in (*steps, self._structure, self._hubs, self._brokerage,
                   self._communities, self._ties, self._governance):
            fn()
        self._change(compare, compare_label)
        self._partnerships()
        self._glossary()
        self._summary()
        res = self.result
        self.data = {
            "schema": SCHEMA_ID, "title": self.title, "province": self.province,
            "dataset": res["dataset"], "summary": self.summary, "rules": self.rules, "figures": self.figures,
            "charts": [{"name": c.name, "id": c.id, "caption": c.caption} for c in self.charts],
            "charts_left_out": self.chart_notes,
        }

    def _summary(self):
        order = ["hub", "resilience", "coverage", "follow_up", "governance", "structure"]
        picked = sorted(self.summary, key=lambda f: order.index(f["id"]) if f["id"] in order else 99)[:5]
        self.summary = picked
        items = []
        for i, f in enumerate(picked, 1):
            links = [(f"#{f['section']}", "→ 详见 see section")]
            if f["chart"]:
                links.append((f"#{f['chart']}", "图 chart"))
            links.append((f"#rule-{f['rule']}", "规则 rule"))
            items.append(Para(f["zh"], f["en"], id=f"finding-{i}", links=links, cls="finding"))
        intro = Para("以下每条结论都由后文给出的数字和规则得出。", "Each finding follows from the figures and rule given further on.")
        self.sections.insert(0, Section("summary", "摘要", "Summary", [intro, *items]))

    def _charts(self):
        """The charts that carry information; a sentence instead of each one that would not."""
        res = self.result
        rows = node_rows(res)
        brokers = [r for r in rows[: self.top] if (r["betweenness"] or 0) > 0]
        ties = res["graph"]["ties_by_type"]
        cov = sorted((c for c in res["coverage"]["provinces"] if c["covered"]), key=lambda c: (-(c["share"] or 0), c["province"]))
        if self.province:
            cov = [c for c in cov if c["province"] == self.province]
        cov = cov[: self.top]
        visits = Counter(str(e.date.value)[:4] for e in self.scope.events if e.kind == "visit" and e.date)
        specs = []
        if len(brokers) == 1:  # one bar says no more than a sentence
            r = brokers[0]
            self.chart_notes["brokers"] = (f"只有{r['name_zh']}在其他组织之间起中介作用（中介中心度 {_num(r['betweenness'])}），不作图。"
                                           f" Only {r['name_en'] or r['name_zh']} brokers between others (betweenness {_num(r['betweenness'])}); no chart.")
            brokers = []
        elif brokers:
            specs.append(("brokers.svg", "fig-brokers", [r["name_zh"] or r["id"] for r in brokers], [r["betweenness"] for r in brokers],
                          dict(title="主要中介组织 Top brokers", xlabel="中介中心度 betweenness", color="#c0392b")))
        elif "brokers" not in self.chart_notes:
            self.chart_notes["brokers"] = ("没有组织在其他组织之间起中介作用（所有中介中心度均为 0）。"
                                           " No organisation brokers between others (all betweenness is 0).")
        if ties and sum(ties.values()) > 0:
            specs.append(("ties.svg", "fig-ties", [_tie_label(t) for t in ties], list(ties.values()),
                          dict(title="合作关系类型 Ties by type", color="#2980b9", counts=True)))
        if cov:
            specs.append(("coverage.svg", "fig-coverage", [c["name"] for c in cov], [c["share"] or 0 for c in cov],
                          dict(title="地级市覆盖率 Prefectures with an association (in data)", color="#27ae60", xlim=(0, 1))))
        else:
            self.chart_notes["coverage"] = "数据中没有地市级协会。 The data hold no municipal association."
        if len(visits) >= 2:
            years = sorted(visits)
            specs.append(("visits.svg", "fig-visits", years, [visits[y] for y in years],
                          dict(title="每年访问次数 Visits per year", color="#8e44ad", counts=True)))
        elif visits:
            (y, c), = visits.items()
            self.chart_notes["visits"] = f"所有 {c} 次访问都在 {y} 年，无需作图。 All {c} visit(s) fall in {y}; no chart needed."
        for spec in [s for s in specs if not charts.informative(s[3])]:  # never a chart of zero bars
            specs.remove(spec)
            self.chart_notes[spec[1].removeprefix("fig-")] = f"{spec[4]['title']}：全部为 0，不作图。 All zero; no chart."
        if not specs:
            return
        texts = [str(x) for *_, labels, _, opts in specs for x in [*labels, opts["title"], opts.get("xlabel", "")]]
        try:
            with charts.chart_font(*texts) as font:
                for name, cid, labels, values, opts in specs:
                    svg = charts.to_svg(charts.bar_chart(labels, values, font=font, **opts))
                    self.charts.append(Chart(name, cid, svg, opts["title"]))
        except EnvironmentMissing as exc:
            self.chart_notes["all"] = f"图表未生成 Charts left out: {exc}"

    def chart_blocks(self, cid: str, note_key: str) -> list:
        out = [c for c in self.charts if c.id == cid]
        if note_key in self.chart_notes:
            out.append(Para(self.chart_notes[note_key]))
        return out

    def _data(self):
        sc, res = self.scope, self.result
        recs = list(sc.all_records())
        synthetic = sum(1 for r in recs if r.synthetic)
        whens = [w for r in recs if (w := r.date_value()) is not None]
        first = min(whens, key=lambda w: (w.earliest, w.latest)).value if whens else None  # at its own precision
        last = last_date(sc)
        isolates = res["graph"]["isolates"]
        fig = {"records": len(recs), "synthetic_records": synthetic, "synthetic_share": synthetic / len(recs) if recs else 0.0,
               "sources": len(sc.sources), "first_date": first, "last_date": last,
               "organisations": len(sc.organisations), "organisations_without_ties": len(isolates)}
        self.figures["data"] = fig
        rows = []
        completeness = {}
        for coll, items in sc.records.items():
            if not items:
                continue
            dated = sum(1 for r in items if r.date_value() is not None)
            cited = sum(1 for r in items if r.sources)
            syn = sum(1 for r in items if r.synthetic)
            has_dates = any(r.date_value() is not None for r in items) or coll in ("agreements", "events")
            completeness[coll] = {"records": len(items), "dated": dated if has_dates else None, "with_source": cited, "synthetic": syn}
            rows.append([f"{_COLLECTION_ZH.get(coll, '')} {coll}".strip(), _int(len(items)), f"{dated:,} ({_pct(dated / len(items))})" if has_dates else "不适用 n/a",
                         f"{cited:,} ({_pct(cited / len(items))})", _int(syn)])
        fig["completeness"] = completeness
        blocks = [
            Para(f"本简报依据 {fig['records']:,} 条记录（其中合成记录 {synthetic:,} 条，占 {_pct(fig['synthetic_share'])}），"
                 f"来自 {fig['sources']} 份文献；记录日期从 {first or '–'} 到 {last or '–'}。"
                 f"共 {fig['organisations']:,} 个组织，其中 {len(isolates):,} 个在数据中没有任何合作关系。",
                 f"This brief rests on {fig['records']:,} records ({synthetic:,} synthetic, {_pct(fig['synthetic_share'])}) "
                 f"from {fig['sources']} documented source(s), dated {first or '–'} to {last or '–'}. "
                 f"It holds {fig['organisations']:,} organisations, {len(isolates):,} of them with no tie in the data."),
            Para("数据不能说明：没有被记录的合作（没有记录 ≠ 没有合作）；关系的信任程度与实际成效；文献之外的组织。"
                 "“无后续记录”只说明记录中没有，不说明现实中没有。",
                 "What the data cannot show: collaboration nobody recorded (no record is not no tie); the trust in or the "
                 "results of a tie; organisations outside the sources. 'None recorded' speaks of the records, not the world."),
            Table(["记录类型 kind", "条数 records", "有日期 dated", "有文献出处 with a source", "合成 synthetic"], rows,
                  caption="各类记录的完整程度 How complete each kind of record is"),
        ]
        if isolates:
            shown = isolates[: self.top]
            blocks.append(Para("没有合作关系的组织：" + "、".join(self.names.zh(v) for v in shown) + ("等" if len(isolates) > len(shown) else ""),
                               "Organisations with no tie: " + ", ".join(self.names.both(v) for v in shown)
                               + (f" and {len(isolates) - len(shown)} more" if len(isolates) > len(shown) else "")))
        self.sections.append(Section("data", "数据说明", "Data and limits", blocks))

    def _stat_rows(self, stats, *, inline_sources: bool = False):
        """Rows of documented statistics; sources as footnotes, or written out in the row (``inline_sources``,
        so national context keeps its figures, quotes included, inside its own section)."""
        rows = []
        for st in stats:
            zh, en = _figure_line(st)
            shown = zh if en == zh else f"{zh} ({en})"
            if inline_sources:
                notes = _Notes(self.scope.sources)
                notes.cite(st)
                src = Cell("；".join(notes.items))
            else:
                src = Cell("".join(f"[{n}]" for n in self.notes.cite(st)))
            rows.append([Cell(st.measure_zh, st.id), shown, str(st.as_of), src])
        return rows

    def _key_stats(self, national: bool):
        stats = [s for s in self.ds.statistics if s.measure in KEY_MEASURES or (self.province and not national)]
        if self.province:
            stats = [s for s in stats if is_about_province(s, self.province, self.ds) != national]
            if national:
                stats = [s for s in stats if s.measure in KEY_MEASURES]
        stats.sort(key=lambda s: (KEY_MEASURES.index(s.measure) if s.measure in KEY_MEASURES else 99, str(s.as_of.value), s.id))
        return stats

    def _key_figures(self):
        stats = self._key_stats(national=False)
        self.figures["key_figures"] = [{"id": s.id, "measure": s.measure, "value": s.value, "out_of": s.out_of,
                                        "as_of": str(s.as_of)} for s in stats]
        where = f"{regions.name(self.province)}的" if self.province else ""
        blocks = [Table(["指标 measure", "数值 value", "时间 as of", "出处 source"], self._stat_rows(stats))] if stats else [
            Para(f"文献中没有{where}统计数字。", "The sources give no figure about this scope.")]
        self.sections.append(Section("figures", "关键数字", "Key figures", blocks))

    def _national_context(self):
        stats = self._key_stats(national=True)
        self.figures["national_context"] = [{"id": s.id, "measure": s.measure, "value": s.value, "as_of": str(s.as_of)} for s in stats]
        blocks = [Para("以下为全国数字，仅作背景，不是本省的数字。", "National figures, for context only; they are not this province's.")]
        if stats:
            blocks.append(Table(["指标 measure", "数值 value", "时间 as of", "出处 source"], self._stat_rows(stats, inline_sources=True)))
        self.sections.append(Section("national", "国家背景", "National context", blocks))

    def _coverage(self):
        res = self.result
        documented = {c["province"]: c for c in res["coverage"]["documented"]}
        provinces = {c["province"]: c for c in res["coverage"]["provinces"]}
        codes = [self.province] if self.province else sorted(
            {*documented, *(p for p, c in provinces.items() if c["covered"])},
            key=lambda p: (p not in documented, -len(provinces.get(p, {}).get("covered", [])), p))
        rows, figs = [], {}
        blocks = []
        for p in codes:
            c = provinces.get(p) or {"covered": [], "total": len(regions.prefectures(p)), "uncovered": regions.prefectures(p)}
            d = documented.get(p)
            zh_name, en_name = province_names(p)
            fig = {"province": p, "name": zh_name, "total": c["total"], "in_data": len(c["covered"]),
                   "documented_covered": d["documented_covered"] if d else None,
                   "documented_without": d["documented_without"] if d else None,
                   "missing_from_data": d["missing_from_data"] if d else None}
            figs[p] = fig
            rows.append([Cell(f"{zh_name} {en_name}", p), str(c["total"]),
                         f"{d['documented_covered']} / {d['documented_total']}" if d else "–",
                         str(d["documented_without"]) if d and d["documented_without"] is not None else "–",
                         f"{len(c['covered'])} / {c['total']}",
                         str(d["missing_from_data"]) if d and d["missing_from_data"] is not None else "–"])
            if d and d["documented_without"] is not None:
                blocks.append(Para(
                    f"{zh_name}：文献记载 {d['documented_total']} 个地级市中 {d['documented_covered']} 个已成立社会工作行业组织，"
                    f"{d['documented_without']} 个没有；数据中只有 {len(c['covered'])} 个地级市的协会，"
                    f"另有 {d['missing_from_data']} 个文献提到的协会未录入数据。",
                    f"{en_name}: the source documents {d['documented_covered']} of {d['documented_total']} prefectures with an "
                    f"industry organisation, {d['documented_without']} without; the data hold associations in "
                    f"{len(c['covered'])}, so {d['missing_from_data']} documented association(s) are not in the data yet."))
        self.figures["coverage"] = figs
        gap = next((f for f in figs.values() if f["documented_without"] is not None), None)
        if gap:
            zh_name, en_name = province_names(gap["province"])
            self.finding("coverage",
                         f"{zh_name} {gap['total']} 个地级市中有 {gap['documented_without']} 个尚无社会工作行业组织"
                         f"（文献记载 {gap['documented_covered']} 个已有）。",
                         f"{en_name}: {gap['documented_without']} of {gap['total']} prefectures have no social-work industry "
                         f"organisation ({gap['documented_covered']} documented with one).",
                         "coverage", "coverage", {k: gap[k] for k in ("total", "documented_without", "documented_covered")},
                         chart="fig-coverage" if any(c.id == "fig-coverage" for c in self.charts) else None)
        blocks.insert(0, self.rule("coverage", "一个地级市算作“有协会”，当且仅当数据中有地区代码在该市内的市级协会；文献数字“有 X 个”对应“缺 总数−X 个”；"
                                   "“未录入”= 文献数 − 数据数。",
                                   "a prefecture counts as covered when the data hold a municipal association whose region lies in it; "
                                   "a documented 'X with one' means 'total − X without'; 'not in the data' = documented − in data."))
        rows = rows[: self.top] if not self.province else rows
        blocks.append(Table(["省份 province", "地级市 prefectures", "文献：已有 documented with one", "文献：没有 documented without",
                             "数据中 in data", "未录入 not in data"], rows,
                            caption=("仅列出文献有记载或数据中有协会的省份 Provinces with a documented figure or an association in the data")
                            if not self.province else ""))
        if self.province and self.province in provinces:
            c = provinces[self.province]
            rows = [[Cell(regions.name(pref), pref), "有 yes" if pref in c["covered"] else "无 no",
                     "、".join(self.names.zh(v) for v in c["organisations"].get(pref, [])) or "–"]
                    for pref in regions.prefectures(self.province)]
            blocks.append(Table(["地级市 prefecture", "数据中有协会 association in data", "组织 organisations"], rows))
        blocks += self.chart_blocks("fig-coverage", "coverage")
        self.sections.append(Section("coverage", "覆盖", "Coverage by division", blocks))

    def _structure(self):
        g = self.result["graph"]
        cent = _centralisation(self.G)
        path, approx = _typical_path(self.G)
        fig = {"nodes": g["nodes"], "edges": g["edges"], "density": g["density"], "components": g["components"],
               "largest_component": g["largest_component"], "centralisation": cent, "typical_path": path,
               "typical_path_estimated": approx}
        self.figures["structure"] = fig
        n = g["nodes"]
        rows = [
            ["规模 size", f"{n:,} 个组织 organisations, {g['edges']:,} 条关系 ties", "网络有多大 How big the network is"],
            ["密度 density", _num(g["density"]), f"可能的关系中有 {_pct(g['density'])} 已存在 {_pct(g['density'])} of possible ties exist"],
            ["连通部分 components", f"{g['components']:,}（最大 largest {g['largest_component']:,}）",
             f"{_pct(g['largest_component'] / n if n else 0)} 的组织彼此可达 of organisations can reach each other"],
            ["度中心势 centralisation", _num(cent), "越接近 1 越像以一个组织为中心的星形 Closer to 1: a star around one organisation"],
            ["平均路径长度 typical path length", _num(path, 2) + (" (估计 estimated)" if approx else ""),
             "最大连通部分中两个组织平均隔几步 Steps between two organisations in the largest component"],
        ]
        blocks = [Table(["指标 measure", "数值 value", "含义 what it means"], rows)]
        blocks += self.chart_blocks("fig-ties", "ties")
        self.sections.append(Section("structure", "结构", "Structure", blocks))
        self.finding("structure", f"网络有 {n:,} 个组织、{g['edges']:,} 条关系，分成 {g['components']:,} 个互不相连的部分。",
                     f"The network has {n:,} organisations and {g['edges']:,} ties in {g['components']:,} unconnected parts.",
                     "structure", "hub", {"nodes": n, "edges": g["edges"], "components": g["components"]})

    def _hubs(self):
        res = self.result
        fed = res["hubs"]["federation"]
        blocks = []
        if fed:
            self.figures["hub"] = {k: fed[k] for k in ("node", "n_nodes", "degree", "degree_rank", "degree_rank_worst",
                                                       "betweenness", "betweenness_rank", "betweenness_rank_worst",
                                                       "path_share", "verdict", "is_articulation_point", "components_if_removed")}
            fed_rec = self.scope.get(fed["node"])
            refs = self.notes.cite(fed_rec) if fed_rec else []
            blocks += [Para(fed["zh"], fed["en"], refs=refs),
                       self.rule("hub", "中介中心度大于 0，且合作伙伴数排名与中介中心度排名（并列按最差名次计）都在前 5%；没有组织处在其他组织之间时为“数据不足”。",
                                 fed["criteria"])]
            name_zh, name_en = self.names.zh(fed["node"]), self.names.en(fed["node"]) or self.names.zh(fed["node"])
            chart = "fig-brokers" if any(c.id == "fig-brokers" for c in self.charts) else None
            if fed["verdict"] == "not enough data":
                self.finding("hub", f"数据不足以判断{name_zh}是否为枢纽：{fed['n_nodes']:,} 个组织中没有一个处在其他两个组织之间的最短路径上。",
                             f"Not enough data to judge whether {name_en} is a hub: none of the {fed['n_nodes']:,} organisations "
                             "lies on a shortest path between two others.", "hubs", "hub", {"n_nodes": fed["n_nodes"]})
            else:
                zh_v, en_v = {"supported": ("数据支持", "The data bear out"),
                              "not supported": ("数据不支持", "The data do not bear out")}[fed["verdict"]]
                self.finding("hub",
                             f"{zh_v}{name_zh}是枢纽：其他组织之间 {_pct(fed['path_share'])} 的最短路径经过它"
                             f"（共 {fed['n_nodes']:,} 个组织）。",
                             f"{en_v} that {name_en} is a hub: {_pct(fed['path_share'])} of shortest paths "
                             f"between other organisations run through it ({fed['n_nodes']:,} organisations).",
                             "hubs", "hub", {"path_share": fed["path_share"], "n_nodes": fed["n_nodes"]}, chart=chart)
        else:
            self.rule("hub", "没有全国性联合会时不作枢纽判断。", "no hub verdict without a national federation in scope.")
        top = node_rows(res, order_by="degree")[: self.top]
        blocks.append(Table(["#", "组织 organisation", "合作伙伴数 partners", "中介中心度 betweenness"],
                            [[str(i), self.names.cell(r["id"]), str(r["degree"]), _num(r["betweenness"])] for i, r in enumerate(top, 1)],
                            caption="合作伙伴最多的组织 Organisations with the most partners"))
        scores = {v: d["betweenness"] for v, d in res["nodes"].items()}
        impacts = _cut_vertex_impacts(self.G, res["hubs"]["articulation_points"], scores, self.top)
        self.figures["cut_vertices"] = {"count": len(res["hubs"]["articulation_points"]), "impacts": impacts}
        if impacts:
            blocks.append(Para(f"关键节点（割点）共 {len(res['hubs']['articulation_points']):,} 个：移除其中任何一个，网络都会分裂。",
                               f"{len(res['hubs']['articulation_points']):,} cut vertices: removing any one of them splits the network."))
            blocks.append(Table(["组织 organisation", "连通部分 之前 → 之后 components before → after",
                                 "最大部分占比 largest share before → after", "与最大部分失联的组织 cut off from the largest part"],
                                [[self.names.cell(i["node"]), f"{i['components_before']:,} → {i['components_after']:,}",
                                  f"{_pct(i['largest_share_before'])} → {_pct(i['largest_share_after'])}", _int(i["cut_off"])]
                                 for i in impacts]))
        else:
            blocks.append(Para("没有关键节点：移除任何一个组织都不会让网络分裂。", "No cut vertex: removing any one organisation splits nothing."))
        imp = res["resilience"]
        if imp:
            self.figures["resilience"] = {k: imp.get(k) for k in ("removed", "components_before", "components_after",
                                                                   "largest_share_before", "largest_share_after",
                                                                   "connected_pairs_before", "connected_pairs_after", "pairs_disconnected")}
            name_zh, name_en = self.names.zh(imp["removed"]), self.names.en(imp["removed"]) or self.names.zh(imp["removed"])
            pairs = imp.get("pairs_disconnected")
            blocks.append(self.rule("resilience", "移除中介中心度最高的组织，比较移除前后的连通部分数、最大部分占比和可达组织对数。",
                                    "remove the organisation with the highest betweenness; compare components, largest-component share "
                                    "and connected pairs before and after."))
            no_broker = not any((d["betweenness"] or 0) > 0 for d in res["nodes"].values())
            if no_broker:  # nobody lies between two others: removing one disconnects no pair; no finding to make
                blocks.append(Para("没有组织处在其他两个组织之间，移除任何一个组织都不会使其他组织失去联系。",
                                   "No organisation lies between two others: removing any one disconnects no other pair."))
            elif pairs is not None:
                self.finding("resilience",
                             f"移除中介最多的{name_zh}，连通部分由 {imp['components_before']:,} 个变为 {imp['components_after']:,} 个，"
                             f"{pairs:,} 对组织失去联系。",
                             f"Removing the top broker, {name_en}, takes the network from {imp['components_before']:,} to "
                             f"{imp['components_after']:,} parts and disconnects {pairs:,} pairs of organisations.",
                             "hubs", "resilience", {"components_before": imp["components_before"],
                                                    "components_after": imp["components_after"], "pairs_disconnected": pairs})
            blocks.append(Table(["", "之前 before", "之后 after"], [
                ["移除 removed", "", self.names.cell(imp["removed"])],
                ["连通部分 components", _int(imp["components_before"]), _int(imp["components_after"])],
                ["最大部分占比 largest share", _pct(imp.get("largest_share_before")), _pct(imp.get("largest_share_after"))],
                ["可达组织对 connected pairs", _int(imp.get("connected_pairs_before", "–")), _int(imp.get("connected_pairs_after", "–"))],
            ]))
        blocks += self.chart_blocks("fig-brokers", "brokers")
        self.sections.append(Section("hubs", "枢纽与关键节点", "Hubs and single points of failure", blocks))

    def _brokerage(self):
        res = self.result
        blocks = [Para("经纪角色看一个组织连接的是谁：联络者把两个不同层级（或省份）的组织连起来；守门人把外部组织引入本层级；"
                       "代表替本层级对外联系；协调者在本层级内部居间；顾问为另一个层级的两个组织居间。",
                       "A broker's role depends on whom it links: a liaison joins two organisations of two other tiers (or provinces); "
                       "a gatekeeper brings an outsider to its own tier; a representative connects its tier outward; a coordinator "
                       "links two of its own tier; a consultant links two members of another tier.")]
        figs = {}
        for key, zh, en in (("brokerage_by_tier", "按层级", "by tier"), ("brokerage_by_province", "按省份", "by province")):
            ranked = sorted(((v, d[key]) for v, d in res["nodes"].items() if d[key].get("total")),
                            key=lambda kv: (-kv[1]["total"], kv[0]))[: self.top]
            figs[key] = {v: r for v, r in ranked}
            if not ranked:
                blocks.append(Para(f"{zh}：没有组织在其他组织之间起中介作用。", f"{en.capitalize()}: no organisation brokers between others."))
                continue
            roles = ("coordinator", "gatekeeper", "representative", "consultant", "liaison", "total")
            blocks.append(Table(["组织 organisation", "层级 tier", "协调者 coordinator", "守门人 gatekeeper", "代表 representative",
                                 "顾问 consultant", "联络者 liaison", "合计 total"],
                                [[self.names.cell(v), " ".join(_TIER.get(res["nodes"][v]["tier_name"], (res["nodes"][v]["tier_name"], ""))),
                                  *(str(r.get(k, 0)) for k in roles)] for v, r in ranked],
                                caption=f"经纪角色{zh} Brokerage roles {en} (Gould–Fernandez)"))
        self.figures["brokerage"] = figs
        self.sections.append(Section("brokerage", "经纪角色", "Brokerage by tier and province", blocks))

    def _communities(self):
        res = self.result
        c = res["communities"]
        of = {v: d["community"] for v, d in res["nodes"].items()}
        between = Counter()
        for u, v in self.G.edges():
            a, b = of.get(u), of.get(v)
            if a is not None and b is not None and a != b:
                between[tuple(sorted((a, b)))] += 1
        deg = {v: d["degree"] or 0 for v, d in res["nodes"].items()}
        members = [sorted(ms, key=lambda v: (-deg.get(v, 0), str(v))) for ms in c["members"]]
        label = {i: self.names.zh(ms[0]) for i, ms in enumerate(members) if ms}
        self.figures["communities"] = {"count": c["count"], "modularity": c["modularity"],
                                       "mean_ari": c["stability"].get("mean_ari"),
                                       "between": [{"a": a, "b": b, "ties": n} for (a, b), n in sorted(between.items())]}
        multi = [(i, ms) for i, ms in enumerate(members) if len(ms) > 1]
        blocks = [Para(f"Louvain 方法把网络分成 {c['count']:,} 个社群，其中 {len(multi):,} 个有两个以上组织（模块度 {_num(c['modularity'])}，"
                       f"稳定性 ARI {_num(c['stability'].get('mean_ari'))}）。每个社群以其合作伙伴最多的组织命名。",
                       f"The Louvain method finds {c['count']:,} communities, {len(multi):,} of them with two or more organisations "
                       f"(modularity {_num(c['modularity'])}, stability ARI {_num(c['stability'].get('mean_ari'))}). "
                       "Each is named after its member with the most partners."),
                  Table(["社群 community", "组织数 members", "主要成员 main members"],
                        [[label[i], str(len(ms)), "、".join(self.names.zh(v) for v in ms[:3]) + ("等" if len(ms) > 3 else "")]
                         for i, ms in multi[: self.top]])]
        singles = len(members) - len(multi)
        if singles:
            blocks.append(Para(f"另有 {singles:,} 个组织单独成群（没有合作关系）。", f"{singles:,} more organisations stand alone (no ties)."))
        if between:
            blocks.append(Table(["社群 community", "社群 community", "关系数 ties"],
                                [[label[a], label[b], str(n)] for (a, b), n in sorted(between.items(), key=lambda kv: (-kv[1], kv[0]))[: self.top]],
                                caption="社群之间的关系 Ties between communities"))
        else:
            blocks.append(Para("社群之间没有关系。", "No ties run between communities."))
        self.sections.append(Section("communities", "社群", "Communities and the ties between them", blocks))

    def _ties(self):
        res = self.result
        coll = res["collaboration"]
        follow = coll["agreement_follow_up"]
        last = last_date(self.scope)
        last_year = int(str(last)[:4]) if last else None
        by_age = Counter()
        for a in follow:
            age = (last_year - int(a["date"][:4])) if (last_year and a["date"]) else None
            bucket = "undated 无日期" if age is None else ("< 2 年 years" if age < 2 else "2–4 年 years" if age < 5 else "≥ 5 年 years")
            by_age[(bucket, a["status"])] += 1
        status = Counter(a["status"] for a in follow)
        rec = coll["visit_reciprocity"]
        visits = Counter(str(e.date.value)[:4] for e in self.scope.events if e.kind == "visit" and e.date)
        self.figures["tie_quality"] = {"agreements": len(follow), "by_status": dict(status), "last_date": last,
                                       "by_age": [{"age": k[0], "status": k[1], "count": n} for k, n in sorted(by_age.items())],
                                       "visits_by_year": dict(sorted(visits.items())), "reciprocity": rec.get("reciprocity"),
                                       "visit_ties": rec.get("ties")}
        blocks = [self.rule("follow_up", f"签署后（按较粗的日期精度比较）有至少两方参与的访问、会议、项目或合作记录，即“有后续记录”；"
                                         f"只有同期记录为“仅同期”；否则“截至 {last or '数据最后日期'} 无记录”。",
                            f"an agreement has 'activity recorded' when a visit, meeting, programme or tie involving at least two "
                            f"of its parties is dated after signing (at the coarser precision); 'same period only' when only "
                            f"same-period records exist; otherwise 'none recorded' up to {last or 'the last date of the data'}.")]
        if follow:
            later = status.get("activity recorded", 0)
            none = status.get("none recorded", 0)
            if len(follow) == 1:  # one agreement: say which, not "0 of 1"
                a = follow[0]
                said = {"activity recorded": (f"签署后有 {len(a['later'])} 次双方活动记录", f"shows {len(a['later'])} activity record(s) between its parties after signing"),
                        "same period only": ("只有与签署同期的活动记录", "shows activity only in its signing period"),
                        "none recorded": (f"截至 {last} 无签署后的双方活动记录", f"shows no activity between its parties after signing, up to {last}")}[a["status"]]
                self.finding("follow_up", f"唯一一份协议《{a['title_zh']}》{said[0]}。", f"The one agreement, 《{a['title_zh']}》, {said[1]}.",
                             "ties", "follow_up", {"agreements": 1, "activity_records": len(a["later"]), "last_date": last})
            else:
                self.finding("follow_up",
                             f"{len(follow):,} 份协议中，{later:,} 份签署后有双方活动记录，{none:,} 份截至 {last} 无后续记录。",
                             f"Of {len(follow):,} agreements, {later:,} show activity between the parties after signing and "
                             f"{none:,} show none recorded up to {last}.",
                             "ties", "follow_up", {"agreements": len(follow), "activity_recorded": later, "none_recorded": none,
                                                   "last_date": last})
            zh_status = {"activity recorded": "有后续记录", "same period only": "仅同期", "none recorded": "无记录"}
            blocks.append(Table(["签署至今 age", "后续证据 follow-up evidence", "协议数 agreements"],
                                [[k[0], f"{zh_status.get(k[1], k[1])} {k[1]}", str(n)] for k, n in sorted(by_age.items())],
                                caption=f"协议按签署年数与后续证据 Agreements by age (to {last}) and evidence of follow-up"))
            blocks.append(Table(["协议 agreement", "签署 signed", "后续 follow-up"],
                                [[Cell(a["title_zh"], a["id"]), a["date"] or "–", f"{a['zh']} / {a['en']}"] for a in follow[: self.top]]))
        else:
            blocks.append(Para("数据中没有协议。", "The data hold no agreement."))
        if rec.get("ties"):
            blocks.append(Para(f"访问关系 {rec['ties']:,} 条，其中有回访的占 {_pct(rec['reciprocity'])}。",
                               f"{rec['ties']:,} visit ties, {_pct(rec['reciprocity'])} of them returned."))
        else:
            blocks.append(Para("数据中没有访问记录，无法计算互访率。", "No visits in the data: reciprocity cannot be computed."))
        blocks += self.chart_blocks("fig-visits", "visits")
        # the documented relations behind the findings, by name
        cited = [r for coll_ in ("agreements", "events", "ties") for r in self.scope.records[coll_]]
        if cited:
            items = []
            for r in cited[: max(self.top, 20)]:
                refs = self.notes.cite(r)
                when = r.date_value()
                items.append([Cell(r.display_name(), r.id), str(when) if when else "日期不详 undated", Cell("".join(f"[{n}]" for n in refs))])
            blocks.append(Table(["文献记录 documented relation", "日期 date", "出处 source"], items,
                                caption=f"文献记录（{len(cited):,} 条，列出前 {len(items)} 条） Documented relations"))
        self.sections.append(Section("ties", "关系质量", "Tie quality", blocks))

    def _governance(self):
        res = self.result
        g = res["graph"]
        fig = self.figures["structure"]
        fed = res["hubs"]["federation"]
        hub = bool(fed and fed["verdict"] == "supported")
        # the centre: the hub when the hub verdict holds, else the organisation with the most partners
        centre = res["nodes"][fed["node"]] | {"id": fed["node"]} if hub else node_rows(res, order_by="degree")[0]
        kind = centre["kind"]
        mode = governance_mode(g["nodes"], g["density"], fig["centralisation"], hub, kind)
        zh, en = _MODE_TEXT[mode]
        self.figures["governance"] = {"mode": mode, "nodes": g["nodes"], "density": g["density"],
                                      "centralisation": fig["centralisation"], "centre": centre["id"], "centre_kind": kind,
                                      "hub_verdict": fed["verdict"] if fed else None}
        cz, ce = self.names.zh(centre["id"]), self.names.en(centre["id"]) or self.names.zh(centre["id"])
        cent = _num(fig["centralisation"], 3)
        self.finding("governance",
                     f"网络结构{zh}：{g['nodes']:,} 个组织、密度 {_num(g['density'])}、度中心势 {cent}，"
                     + (f"中心是枢纽{cz}。" if hub else f"合作伙伴最多的是{cz}。"),
                     f"The structure {en}: {g['nodes']:,} organisations, density {_num(g['density'])}, "
                     f"degree centralisation {cent}; " + (f"the centre is the hub, {ce}." if hub else f"{ce} has the most partners."),
                     "governance", "governance", {"nodes": g["nodes"], "density": g["density"], "centralisation": fig["centralisation"]})
        rows = [["组织数 members", f"{g['nodes']:,}", "≤ 8 → 可共享 shared possible"],
                ["密度 density", _num(g["density"]), "≥ 0.5 → 共享 shared"],
                ["度中心势 centralisation", cent, "≥ 0.5 → 有中心 centred (lead / NAO)"],
                ["枢纽判断 hub verdict", fed["verdict"] if fed else "–", "supported → 有中心 centred"],
                ["中心组织（枢纽，或合作伙伴最多者） centre (the hub, else most partners)", Cell(f"{cz}（{KINDS[kind].zh} {KINDS[kind].en}）" if kind in KINDS else cz, centre["id"]), "全国联合会 → NAO; 其他 → 领导型 lead"]]
        self.rules["governance"] = GOVERNANCE_RULE
        blocks = [Para(f"结论：网络结构{zh}。", f"Verdict: the structure {en}."),
                  Table(["标准 criterion", "数值 figure", "阈值 threshold"], rows),
                  Para(GOVERNANCE_RULE["zh"], GOVERNANCE_RULE["en"], id="rule-governance", cls="rule")]
        self.sections.append(Section("governance", "治理模式", "Governance mode", blocks))

    def _change(self, compare, label):
        if compare is None:
            self.sections.append(Section("change", "变化", "Change since", [
                Para("未指定比较对象：用 --compare 日期 或 --compare 数据路径 查看变化。",
                     "No comparison given: use --compare DATE or --compare PATH to see what changed.")]))
            return
        d = diff_datasets(compare, self.scope, top=self.top)
        self.figures["change"] = {"since": label, "old": d["old"], "new": d["new"], "counts": d["counts"],
                                  "ties_added": len(d["ties_added"]), "ties_removed": len(d["ties_removed"]),
                                  "agreements_added": [a["id"] for a in d["agreements_added"]]}
        blocks = [Para(f"与 {label} 相比：组织 {d['old']['organisations']:,} → {d['new']['organisations']:,}，"
                       f"合作关系 {d['old']['ties']:,} → {d['new']['ties']:,}（新增 {len(d['ties_added']):,}，消失 {len(d['ties_removed']):,}）。",
                       f"Since {label}: organisations {d['old']['organisations']:,} → {d['new']['organisations']:,}, ties "
                       f"{d['old']['ties']:,} → {d['new']['ties']:,} ({len(d['ties_added']):,} added, {len(d['ties_removed']):,} removed).")]
        if d["added"]:
            blocks.append(Table(["新增记录 added", "类型 kind", "日期 date"],
                                [[Cell(r["name"], r["id"]), r["collection"], r["date"] or "–"] for r in d["added"][: self.top]]))
        if d["ties_added"]:
            blocks.append(Table(["新增合作关系 ties added"], [[Cell(" — ".join(t["names"]), " — ".join(t["pair"]))] for t in d["ties_added"][: self.top]]))
        if d["coverage"]:
            blocks.append(Table(["省份 province", "之前 before", "之后 after"],
                                [[c["name"], f"{c['covered_before']} / {c['total']}", f"{c['covered_after']} / {c['total']}"] for c in d["coverage"][: self.top]]))
        for measure, moves in d["rank_movers"].items():
            if moves:
                blocks.append(Table([f"排名变化 rank movers: {metric_registry.METRICS[measure].label}", "之前 before", "之后 after"],
                                    [[Cell(r["name"], r["id"]), str(r["rank_before"]), str(r["rank_after"])] for r in moves[: self.top]]))
        if d["agreements_added"]:
            blocks.append(Table(["新协议 new agreement", "签署 signed", "后续 follow-up"],
                                [[Cell(a["name"], a["id"]), a["date"] or "–", f"{a['evidence']['zh']} / {a['evidence']['en']}"]
                                 for a in d["agreements_added"][: self.top]]))
        self.sections.append(Section("change", "变化", f"Change since {label}", blocks))

    def _partnerships(self):
        res = self.result
        rows, figs = [], []
        for label, key in (("同层级 same tier", "same_tier"), ("跨省 cross-province", "cross_region")):
            for s in res["recommendations"][key][: max(1, self.top // 2)]:
                figs.append({"kind": key, "u": s["u"], "v": s["v"], "score": s["score"]})
                rows.append([label, Cell(f"{self.names.zh(s['u'])} ↔ {self.names.zh(s['v'])}", f"{s['u']} ↔ {s['v']}"),
                             _num(s["score"]), s["reason_zh"], s["reason_en"]])
        self.figures["partnerships"] = figs
        blocks = [self.rule("partnership", "尚未合作、但至少有一个共同合作伙伴的两个组织，按资源分配指数排序；分别列出同层级和跨省的组合。",
                            "pairs not yet tied that share at least one partner, ranked by the resource allocation index; "
                            "same-tier and cross-province pairs listed apart.")]
        blocks.append(Table(["类别 kind", "组织 pair", "分数 score", "理由", "reason"], rows) if rows else
                      Para("没有可建议的合作：没有两个组织有共同伙伴而尚未合作。", "No suggestion: no untied pair shares a partner."))
        self.sections.append(Section("partnerships", "建议合作", "Suggested partnerships", blocks))

    def _glossary(self):
        rows = [[f"{mt.zh}", mt.en, mt.meaning_zh, mt.meaning_en] for mt in metric_registry.node_metrics()]
        rows += [[zh, en, mzh, men] for _, zh, en, mzh, men in GLOSSARY_EXTRA]
        self.figures["glossary"] = [mt.name for mt in metric_registry.node_metrics()] + [k for k, *_ in GLOSSARY_EXTRA]
        self.sections.append(Section("glossary", "术语", "Glossary", [Table(["术语", "term", "含义", "meaning"], rows)]))

    # -- rendering
    def render(self, *, with_map: bool, files: dict) -> tuple[str, str]:
        if with_map:
            page = seeds_map_html(self.scope, self.result, analysis=self.analysis)
            files["map.html"] = page
            self.sections.append(Section("map", "网络图", "Map", [Para("交互式网络图（需要打开 map.html）。", "The interactive map (map.html).")]))
            self._map = page
        else:
            self._map = None
        self.sections.append(Section("sources", "来源", "Sources", []))
        subtitle = f"网络健康简报 Network health brief · 数据日期 data date {self.ds.info.data_date or '–'}"
        md = [f"# {markdown_text(self.title)}", "", f"*{markdown_text(subtitle)}*", ""]
        body = [f"<header><h1>{html.escape(self.title)}</h1><p class=sub>{html.escape(subtitle)}</p></header>",
                "<nav><ol>" + "".join(f'<li><a href="#{s.id}">{html.escape(s.zh)} {html.escape(s.en)}</a></li>'
                                      for s in self.sections if s.id not in ("sources",)) + "</ol></nav>"]
        for s in self.sections:
            if s.id == "sources":
                self._sources(md, body)
                continue
            cls = ' class="national"' if s.id == "national" else ""
            md += [f"## {markdown_text(s.zh)} {markdown_text(s.en)}", ""]
            body.append(f'<section id="{s.id}"{cls}><h2>{html.escape(s.zh)} <span class=en>{html.escape(s.en)}</span></h2>')
            opened = False
            for blk in s.blocks:
                finding = isinstance(blk, Para) and blk.cls == "finding"
                if finding != opened:
                    body.append("<ol class=findings>" if finding else "</ol>")
                    opened = finding
                _render_block(blk, md, body, in_list=finding)
            if opened:
                body.append("</ol>")
            if s.id == "map" and self._map is not None:
                md += ["[Open the interactive map (map.html)](map.html)", ""]
                body.append(f'<iframe class=map sandbox="allow-scripts" title="map" srcdoc="{html.escape(self._map, quote=True)}"></iframe>')
            body.append("</section>")
        text = "\n".join(body)
        page = fill_template(_HTML, title=html.escape(self.title), body=text, font=_page_font_css(self.title, text),
                             family=fonts.FAMILY)
        return "\n".join(md), page

    def _sources(self, md, body):
        md += ["## 来源 Sources", ""] + [f"[^{i}]: {markdown_text(t)}" for i, t in enumerate(self.notes.items, 1)] + [""]
        for sid, src in self.scope.sources.items():
            md.append(f"- {markdown_text(src.title_zh)}" + (f" ({src.date})" if src.date else ""))
        md.append("")
        body.append('<section id="sources"><h2>来源 <span class=en>Sources</span></h2><ol class=notes>'
                    + "".join(f"<li id=\"note-{i}\">{html.escape(t)}</li>" for i, t in enumerate(self.notes.items, 1)) + "</ol><ul>"
                    + "".join(f"<li title=\"{html.escape(sid)}\">{html.escape(src.title_zh)}"
                              + (f" ({html.escape(str(src.date))})" if src.date else "") + "</li>" for sid, src in self.scope.sources.items())
                    + "</ul></section>")


#: where Chromium is looked for: $SWGRAPH_CHROMIUM (as the tests use it), then these names on PATH
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str:
    """The headless browser that prints the PDF; :class:`EnvironmentMissing` with what to install if none."""
    env = os.environ.get("SWGRAPH_CHROMIUM")
    if env:
        if os.path.isfile(env) and os.access(env, os.X_OK):
            return env
        raise EnvironmentMissing(f"SWGRAPH_CHROMIUM={env} is not an executable file")
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise EnvironmentMissing("--pdf needs Chromium or Google Chrome (e.g. apt install chromium, or set "
                             "SWGRAPH_CHROMIUM=/path/to/chrome); none was found on PATH")


def html_to_pdf(page: str, *, timeout: float = 120) -> bytes:
    """Print an HTML page to an A4 PDF with headless Chromium (network off; the page's @page rules apply)."""
    browser = find_chromium()
    with tempfile.TemporaryDirectory(prefix="swgraph-pdf-") as tmp:
        src, out = os.path.join(tmp, "report.html"), os.path.join(tmp, "report.pdf")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(page)
        cmd = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
               "--disable-extensions", "--disable-background-networking", f"--user-data-dir={os.path.join(tmp, 'profile')}",
               "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
               f"--print-to-pdf={out}", "file://" + src]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise EnvironmentMissing(f"{browser} did not print the PDF within {timeout:.0f} s") from exc
        if not os.path.exists(out) or os.path.getsize(out) == 0:
            raise EnvironmentMissing(f"{browser} could not print the PDF (exit {run.returncode}): {run.stderr.strip()[-300:]}")
        with open(out, "rb") as fh:
            return fh.read()


def _page_font_css(*parts: str) -> str:
    """The ``@font-face`` rule embedding a subset CJK font with every character the page shows (empty if none here).

    Embedded, so the page draws its Chinese with a font that has the glyphs on any machine, offline.
    """
    shown = [html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(svg|iframe)\b.*?</\1>", " ", p, flags=re.S))) for p in parts]
    return fonts.subset_font_css(*shown, *_HTML_CHROME) or ""


#: text the template itself shows (print-only notes)
_HTML_CHROME = ("交互式网络图见 map.html The interactive map is in map.html",)


_FOOT = re.compile(r"\[(\d+)\]")


def _md_cell(c) -> str:
    text = c.text if isinstance(c, Cell) else str(c)
    if re.fullmatch(r"(\[\d+\])+", text):
        return "".join(f"[^{n}]" for n in _FOOT.findall(text))
    return markdown_text(text)


def _html_cell(c, tag="td") -> str:
    text, tip = (c.text, c.tip) if isinstance(c, Cell) else (str(c), "")
    if re.fullmatch(r"(\[\d+\])+", text):
        inner = "".join(f'<sup><a href="#note-{n}">[{n}]</a></sup>' for n in _FOOT.findall(text))
    else:
        inner = html.escape(text)
    title = f' title="{html.escape(tip, quote=True)}"' if tip else ""
    return f"<{tag}{title}>{inner}</{tag}>"


def _render_block(blk, md: list, body: list, *, in_list: bool = False) -> None:
    if isinstance(blk, Para):
        links_md = " ".join(f"[{markdown_text(label)}]({href})" for href, label in blk.links)
        notes_md = "".join(f"[^{n}]" for n in blk.refs)
        md += [markdown_text(blk.zh) + (notes_md if not blk.en else "") + (f" {links_md}" if links_md and not blk.en else ""), ""]
        if blk.en:
            md += [f"*{markdown_text(blk.en)}*{notes_md}" + (f" {links_md}" if links_md else ""), ""]
        ident = f' id="{blk.id}"' if blk.id else ""
        cls = f' class="{blk.cls}"' if blk.cls else ""
        links = "".join(f' <a class=ref href="{html.escape(h, quote=True)}">{html.escape(label)}</a>' for h, label in blk.links)
        links = "".join(f'<sup><a href="#note-{n}">[{n}]</a></sup>' for n in blk.refs) + links
        inner = f'<span class=zh>{html.escape(blk.zh)}</span>' + (f' <span class=en>{html.escape(blk.en)}</span>' if blk.en else "") + links
        tag = "li" if in_list and blk.cls == "finding" else "p"
        body.append(f"<{tag}{ident}{cls}>{inner}</{tag}>")
    elif isinstance(blk, Table):
        if blk.caption:
            md += [f"**{markdown_text(blk.caption)}**", ""]
        md.append("| " + " | ".join(markdown_text(h) for h in blk.headers) + " |")
        md.append("|" + "---|" * len(blk.headers))
        md += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in blk.rows]
        md.append("")
        cap = f"<caption>{html.escape(blk.caption)}</caption>" if blk.caption else ""
        body.append(f"<table>{cap}<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in blk.headers) + "</tr></thead><tbody>")
        body += ["<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in blk.rows]
        body.append("</tbody></table>")
    elif isinstance(blk, Chart):
        md += [f"![{markdown_text(blk.caption)}]({blk.name})", ""]
        body.append(f'<figure id="{blk.id}">{blk.svg}<figcaption>{html.escape(blk.caption)}</figcaption></figure>')


_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
{{font}}
body{font-family:"{{family}}","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
h2 .en{color:#666;font-weight:normal;font-size:.8em}
p .en,li .en{display:block;color:#555;font-size:.92em}
nav ol{columns:2;font-size:14px;margin:.5em 0 0;padding-left:1.4em}
.findings li{margin:.5em 0}.findings .zh{font-weight:600}
a.ref{font-size:12px;color:#2471a3;white-space:nowrap}
.rule{background:#f8f8f4;border-left:3px solid #c9b458;padding:.3em .6em;font-size:14px}
.national{background:#f6f8fb;padding:0 .8em .5em;border:1px dashed #9ab}
table{border-collapse:collapse;width:100%;font-size:14px;margin:.6em 0}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}caption{text-align:left;font-weight:600;padding:.2em 0}
th{background:#f4f4f4}sup a{color:#c0392b;text-decoration:none}figure{margin:1em 0}figure svg{max-width:100%;height:auto}
figcaption{font-size:13px;color:#666}
iframe{width:100%;height:640px;border:1px solid #ddd}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{max-width:none;margin:0;font-size:11pt}
  nav{display:none}
  table,tr,figure,.rule,li{break-inside:avoid}
  thead{display:table-header-group}
  h2{break-after:avoid}
  iframe.map{display:none}
  #map::after{content:"交互式网络图见 map.html The interactive map is in map.html";color:#666}
}
</style></head><body>
{{body}}
</body></html>
"""
