"""The network health brief: key figures, hubs and brokers, gaps, coverage, recommendations, plots and the map.

:func:`build_report` returns the brief as Markdown (with SVG plot files beside
it) and as one self-contained HTML page (plots inline as SVG with text drawn
as paths, so Chinese shows on any machine; the map embedded). Every documented
fact carries a footnote naming its source and locator quote.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.records.dataset import Dataset
from swgraph.core.errors import InputError

KEY_MEASURES = (
    "provincial_industry_organisations", "prefecture_industry_organisations", "county_industry_organisations",
    "private_service_agencies", "social_work_professionals", "executive_council_units",
    "prefectures_with_industry_org", "female_share", "mean_age", "certified_share",
)
_QUALIFIER = {"exact": "", "more_than": "more than ", "about": "about ", "at_least": "at least ", "less_than": "less than "}
_QUALIFIER_ZH = {"exact": "", "more_than": "多", "about": "约", "at_least": "至少", "less_than": "不足"}


@dataclass
class Report:
    markdown: str
    html: str
    files: dict[str, bytes | str] = field(default_factory=dict)  # extra files for the Markdown version


class _Notes:
    """Numbered footnotes, one per distinct citation."""

    def __init__(self):
        self.items: list[str] = []

    def cite(self, record: m.Record) -> list[int]:
        nums = []
        for c in record.sources:
            text = f"{c.source}: “{c.quote}”"
            if text not in self.items:
                self.items.append(text)
            nums.append(self.items.index(text) + 1)
        if record.synthetic:
            text = f"synthetic: {record.generator}"
            if text not in self.items:
                self.items.append(text)
            nums.append(self.items.index(text) + 1)
        return nums


def restrict_to_province(ds: Dataset, province: str) -> Dataset:
    """The part of ``ds`` about one province: its organisations, their direct partners, and records among them."""
    from swgraph.graph import collaboration_graph
    from swgraph.core.registry import iter_references

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


def _figure_line(st: m.Statistic) -> tuple[str, str]:
    value = f"{st.value:,.0f}" if float(st.value).is_integer() else f"{st.value:,}"
    unit = {"percent": "%", "years": " years", "yuan": " yuan"}.get(st.unit, "")
    zh_unit = {"percent": "%", "years": "", "yuan": "元"}.get(st.unit, "")
    of = f" of {st.out_of:,.0f}" if st.out_of else ""
    en = f"{_QUALIFIER[st.qualifier]}{value}{unit}{of}"
    zh = f"{value}{_QUALIFIER_ZH[st.qualifier]}{zh_unit}" + (f"（共 {st.out_of:,.0f}）" if st.out_of else "")
    return zh, en


def _plots(result: dict, top: int) -> dict[str, str]:
    """SVG plots (text drawn as paths): top brokers, ties by type, coverage."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "font.sans-serif": ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", "DejaVu Sans"],
        "axes.unicode_minus": False, "svg.fonttype": "path", "svg.hashsalt": "swgraph",
    })
    from swgraph.application.suite import node_rows

    out = {}
    rows = [r for r in node_rows(result)[:top] if (r["betweenness"] or 0) > 0 or (r["degree"] or 0) > 0]
    if rows:
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(rows) + 1.2))
        ax.barh([r["name_zh"] for r in rows][::-1], [r["betweenness"] or 0 for r in rows][::-1], color="#c0392b")
        ax.set_xlabel("中介中心度 betweenness")
        ax.set_title("主要中介组织 Top brokers")
        fig.tight_layout()
        out["brokers.svg"] = _svg(fig)
    ties = result["graph"]["ties_by_type"]
    if ties:
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.bar(list(ties), list(ties.values()), color="#2980b9")
        ax.set_title("合作关系类型 Ties by type")
        fig.tight_layout()
        out["ties.svg"] = _svg(fig)
    cov = [c for c in result["coverage"]["provinces"] if c["covered"]]
    if cov:
        cov = sorted(cov, key=lambda c: -(c["share"] or 0))[:top]
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(cov) + 1.2))
        ax.barh([c["name"] for c in cov][::-1], [c["share"] or 0 for c in cov][::-1], color="#27ae60")
        ax.set_xlim(0, 1)
        ax.set_title("地级市覆盖率 Prefectures with an association")
        fig.tight_layout()
        out["coverage.svg"] = _svg(fig)
    plt.close("all")
    return out


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "swgraph"})
    text = buf.getvalue()
    return text[text.index("<svg"):]


def build_report(ds: Dataset, *, province: str | None = None, top: int = 10, with_map: bool = True) -> Report:
    """The health brief of ``ds`` (optionally one province) as Markdown and self-contained HTML."""
    from swgraph.application.suite import analyze
    from swgraph.application.tables import sections

    scope = restrict_to_province(ds, province) if province else ds
    result = analyze(scope, top=top)
    notes = _Notes()
    md: list[str] = []
    body: list[str] = []
    title = (ds.info.title_zh or ds.info.id) + (f" · {regions.name(province)}" if province else "")
    subtitle = "网络健康简报 Network health brief"
    md += [f"# {title}", "", f"*{subtitle}*; data date {ds.info.data_date or '–'}", ""]
    body += [f"<h1>{html.escape(title)}</h1>", f"<p class=sub>{html.escape(subtitle)}; data date {html.escape(str(ds.info.data_date or '–'))}</p>"]

    # Key figures from the documented statistics, each with its footnote.
    stats = [s for s in scope.statistics if s.measure in KEY_MEASURES]
    stats.sort(key=lambda s: (KEY_MEASURES.index(s.measure), s.as_of.value))
    if stats:
        md += ["## 关键数字 Key figures", "", "| 指标 | value | as of | source |", "|---|---|---|---|"]
        body.append("<h2>关键数字 Key figures</h2><table><tr><th>指标</th><th>value</th><th>as of</th><th>source</th></tr>")
        for st in stats:
            zh, en = _figure_line(st)
            refs = notes.cite(st)
            mark = "".join(f"[^{n}]" for n in refs)
            shown = zh if en == zh else f"{zh} ({en})"
            md.append(f"| {st.measure_zh} | {shown} | {st.as_of} | {mark} |")
            body.append(f"<tr><td>{html.escape(st.measure_zh)}</td><td>{html.escape(shown)}</td>"
                        f"<td>{html.escape(str(st.as_of))}</td><td>{''.join(f'<sup>[{n}]</sup>' for n in refs)}</td></tr>")
        md.append("")
        body.append("</table>")

    fed = result["hubs"]["federation"]
    if fed:
        fed_rec = scope.get(fed["node"])
        refs = notes.cite(fed_rec) if fed_rec else []
        md += ["## 枢纽 Hub", "", fed["zh"], "", fed["en"] + "".join(f"[^{n}]" for n in refs), ""]
        body += ["<h2>枢纽 Hub</h2>", f"<p>{html.escape(fed['zh'])}</p>",
                 f"<p>{html.escape(fed['en'])}{''.join(f'<sup>[{n}]</sup>' for n in refs)}</p>"]

    for sec_title, headers, rows in sections(result, top=top):
        if sec_title.startswith(("Overview", "Is the federation")):
            continue
        md += [f"## {sec_title}", ""]
        body.append(f"<h2>{html.escape(sec_title)}</h2>")
        if not rows:
            md += ["(none)", ""]
            body.append("<p>(none)</p>")
            continue
        md.append("| " + " | ".join(headers) + " |")
        md.append("|" + "---|" * len(headers))
        md += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
        md.append("")
        body.append("<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headers) + "</tr>")
        body += ["<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows]
        body.append("</table>")

    # Documented ties behind the collaboration findings.
    cited = [r for coll in ("agreements", "events", "ties") for r in scope.records[coll]]
    if cited:
        md += ["## 文献记录 Documented relations", ""]
        body.append("<h2>文献记录 Documented relations</h2><ul>")
        for rec in cited:
            label = getattr(rec, "title_zh", None) or rec.id
            when = rec.date_value()
            refs = notes.cite(rec)
            md.append(f"- {label} ({when or 'undated'})" + "".join(f"[^{n}]" for n in refs))
            body.append(f"<li>{html.escape(label)} ({html.escape(str(when or 'undated'))})"
                        f"{''.join(f'<sup>[{n}]</sup>' for n in refs)}</li>")
        md.append("")
        body.append("</ul>")

    plots = _plots(result, top)
    if plots:
        md += ["## 图表 Plots", ""] + [f"![{name}]({name})" for name in plots] + [""]
        body.append("<h2>图表 Plots</h2>" + "".join(f"<figure>{svg}</figure>" for svg in plots.values()))

    files: dict[str, bytes | str] = dict(plots)
    if with_map:
        from swgraph.application.maps import seeds_map_html

        page = seeds_map_html(scope, result)
        files["map.html"] = page
        md += ["## 网络图 Map", "", "[Open the interactive map (map.html)](map.html)", ""]
        body.append("<h2>网络图 Map</h2>" f'<iframe sandbox="allow-scripts" title="map" srcdoc="{html.escape(page, quote=True)}"></iframe>')

    md += ["## 来源 Sources", ""] + [f"[^{i}]: {text}" for i, text in enumerate(notes.items, 1)] + [""]
    body.append("<h2>来源 Sources</h2><ol>" + "".join(f"<li>{html.escape(t)}</li>" for t in notes.items) + "</ol>")
    for sid, src in scope.sources.items():
        md.append(f"- `{sid}`: {src.title_zh}" + (f" ({src.date})" if src.date else ""))
    md.append("")
    page = _HTML.replace("{{title}}", html.escape(title)).replace("{{body}}", "\n".join(body))
    return Report(markdown="\n".join(md), html=page, files=files)


_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}sup{color:#c0392b}figure{margin:1em 0}figure svg{max-width:100%;height:auto}
iframe{width:100%;height:640px;border:1px solid #ddd}
</style></head><body>
{{body}}
</body></html>
"""
