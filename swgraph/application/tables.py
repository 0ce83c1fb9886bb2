"""Readable tables of an analysis result: the same sections as text (rich), Markdown and CSV.

Each section is built once as ``(title, headers, rows)`` by :func:`sections`;
the renderers only lay them out.
"""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from swgraph.application.suite import NODE_METRICS, node_rows
from swgraph.core.encode import markdown_text, spreadsheet_value, terminal_text


def _num(v, digits=3):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _name(result, v):
    d = result["nodes"].get(v)
    if d is None:
        return str(v)
    return f"{d['name_zh']} {d['name_en']}".strip()


def _first(items: list, top: int, name) -> str:
    """The first ``top`` items named, and how many more there are (the JSON lists them all)."""
    shown = "; ".join(name(x) for x in items[:top]) or "–"
    more = len(items) - top
    return f"{shown}; … 另 {more:,} 个 and {more:,} more ({len(items):,} in all)" if more > 0 else shown


def sections(result: dict, *, top: int = 10) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's tables: ``[(title, headers, rows)]``, all cells text."""
    out = []
    g = result["graph"]
    ds = result["dataset"]
    overview = [
        ["dataset", f"{ds['id']}" + (f" (as of {ds['as_of']})" if ds["as_of"] else "") + f", from {ds['source']}"],
        ["organisations / ties", f"{g['nodes']} / {g['edges']}"],
        ["density", _num(g["density"])],
        ["components (largest)", f"{g['components']} ({g['largest_component']})"],
        ["isolated organisations", str(len(g["isolates"]))],
        ["ties by type", ", ".join(f"{k} {v}" for k, v in g["ties_by_type"].items()) or "–"],
        ["synthetic records", str(ds["synthetic_records"])],
    ]
    out.append(("Overview 概况", ["measure", "value"], overview))

    rows = []
    for i, r in enumerate(node_rows(result)[:top], 1):
        name = r["name_zh"] + (f" {r['name_en']}" if r["name_en"] else "") + (" [synthetic]" if r["synthetic"] else "")
        rows.append([str(i), name, r["tier_name"], _num(r["degree"]), _num(r["betweenness"]),
                     _num(r["closeness"]), _num(r["eigenvector"]), _num(r["pagerank"]), _num(r["constraint"])])
    out.append((f"Top {top} by betweenness 中介中心度前 {top}",
                ["#", "名称 name", "tier", "degree", "betweenness", "closeness", "eigenvector", "pagerank", "constraint"],
                rows))

    fed = result["hubs"]["federation"]
    if fed:
        out.append(("Is the federation a hub? 联合会是否为枢纽", ["", "finding"],
                    [["中文", fed["zh"]], ["English", fed["en"]], ["criteria", fed["criteria"]]]))
    hubs = result["hubs"]
    out.append(("Cut points and bridges 关键节点与桥", ["kind", "organisations"], [
        ["articulation points", _first(hubs["articulation_points"], top, lambda v: _name(result, v))],
        ["bridges", _first(hubs["bridges"], top, lambda ab: f"{_name(result, ab[0])} — {_name(result, ab[1])}")],
    ]))

    brokers = sorted(result["nodes"].items(), key=lambda kv: (-(kv[1]["brokerage_by_tier"].get("total") or 0), kv[0]))
    rows = []
    for v, d in brokers[:top]:
        roles = d["brokerage_by_tier"]
        if not roles.get("total"):
            continue
        rows.append([_name(result, v)] + [str(roles.get(k, 0)) for k in
                                          ("coordinator", "gatekeeper", "representative", "consultant", "liaison", "total")])
    out.append(("Brokerage roles by tier (Gould–Fernandez) 经纪角色", ["organisation", "coordinator", "gatekeeper",
                                                                  "representative", "consultant", "liaison", "total"], rows))

    coll = result["collaboration"]
    rt = coll["region_ties"]
    rec = coll["visit_reciprocity"]
    rows = [
        ["same-province / cross-province / with a national body / unknown ties", " / ".join(str(rt.get(k, 0)) for k in ("same", "cross", "national", "unknown"))],
        ["visit reciprocity", _num(rec.get("reciprocity"))],
        ["no horizontal ties (same tier)", str(len(coll["no_horizontal_ties"]))],
        ["communities (modularity)", f"{result['communities']['count']} ({_num(result['communities']['modularity'])})"],
        ["community stability (mean ARI)", _num(result["communities"]["stability"].get("mean_ari"))],
    ]
    out.append(("Collaboration 合作", ["measure", "value"], rows))

    follow = coll["agreement_follow_up"]
    out.append((f"Agreements and recorded follow-up 协议及后续记录 ({len(follow)})", ["agreement 协议", "signed 签署", "follow-up 后续"],
                [[a["title_zh"], a["date"] or "–", f"{a['zh']} / {a['en']}"]
                 for a in follow[:top]]))

    rows = []
    for c in result["coverage"]["documented"]:
        rows.append([f"{c['name']} {c['province']}", f"{c['documented_covered']} / {c['documented_total']}",
                     f"{c['found_covered']} / {c['found_total']}", _num(c["documented_without"]),
                     _num(c["missing_from_data"]), c["source"]])
    covered = [p for p in result["coverage"]["provinces"] if p["covered"]]
    for p in covered[:top]:
        if not any(r[0].endswith(p["province"]) for r in rows):
            rows.append([f"{p['name']} {p['province']}", "–", f"{len(p['covered'])} / {p['total']}", "–", ""])
    out.append(("Coverage: prefectures with an association 地级市覆盖", ["province", "documented 文献", "in data 数据", "documented without 文献称无", "missing from data 数据缺", "source"], rows))

    res = result["resilience"]
    if res:
        out.append(("Resilience: remove the top broker 去除最大中介", ["measure", "value"], [
            ["removed", f"{res['removed_name_zh']} ({res['removed']})"],
            ["components before → after", f"{res['components_before']} → {res['components_after']}"],
            ["largest component share before → after",
             f"{_num(res.get('largest_share_before'))} → {_num(res.get('largest_share_after'))}"],
            ["connected pairs before → after",
             f"{res.get('connected_pairs_before', '–')} → {res.get('connected_pairs_after', '–')}"],
            ["pairs disconnected", str(res.get("pairs_disconnected", "–"))],
        ]))

    rows = []
    for label, key in (("same tier", "same_tier"), ("cross-region", "cross_region")):
        for s in result["recommendations"][key][: max(1, top // 2)]:
            rows.append([label, f"{_name(result, s['u'])} ↔ {_name(result, s['v'])}", _num(s["score"]), s["reason_zh"], s["reason_en"]])
    out.append(("Suggested partnerships 建议合作", ["kind", "pair", "score", "理由", "reason"], rows))
    return out


def to_markdown(result: dict, *, top: int = 10) -> str:
    """The analysis as a Markdown report."""
    ds = result["dataset"]
    title = ds["title_zh"] or ds["id"]
    lines = [f"# {markdown_text(title)}", ""]
    if ds["title_en"]:
        lines += [f"*{markdown_text(ds['title_en'])}*", ""]
    lines += [f"Data date: {ds['data_date'] or '–'}" + (f"; as of {ds['as_of']}" if ds["as_of"] else ""), ""]
    lines += markdown_sections(sections(result, top=top))
    lines += ["## Metric definitions", ""]
    for metric, d in result["metrics"].items():
        lines.append(f"- **{metric}**: " + "; ".join(f"{k}: {v}" for k, v in d.items()))
    lines.append("")
    return "\n".join(lines)


def markdown_sections(sections_: list) -> list[str]:
    """Titled tables ``(title, headers, rows)`` as Markdown lines; every cell escaped."""
    lines: list[str] = []
    for title, headers, rows in sections_:
        lines += [f"## {markdown_text(title)}", ""]
        if not rows:
            lines += ["(none)", ""]
            continue
        lines.append("| " + " | ".join(markdown_text(h) for h in headers) + " |")
        lines.append("|" + "---|" * len(headers))
        lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows]
        lines.append("")
    return lines


def to_csv(result: dict) -> str:
    """Per-node metrics as CSV (one row per organisation)."""
    buf = io.StringIO()
    fields = ["id", "name_zh", "name_en", "kind", "tier_name", "province", "synthetic", *NODE_METRICS, "community"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in node_rows(result):
        writer.writerow({k: spreadsheet_value(v) for k, v in row.items()})
    return buf.getvalue()


def print_tables(result: dict, *, top: int = 10, console=None) -> None:
    """Print the sections as rich tables (cells as plain text: names are never read as markup)."""
    print_sections(sections(result, top=top), console=console)


def print_sections(sections_: list, *, console=None) -> None:
    """Print titled tables ``(title, headers, rows)``; every cell is plain text, never rich markup."""
    console = console or Console()
    for title, headers, rows in sections_:
        table = Table(title=Text(terminal_text(title)), title_justify="left", show_lines=False)
        for h in headers:
            table.add_column(Text(terminal_text(h)), overflow="ellipsis")  # wrap at word boundaries, never mid-word
        for row in rows or [["(none)"] + [""] * (len(headers) - 1)]:
            table.add_row(*(Text(terminal_text(c)) for c in row))
        console.print(table)


