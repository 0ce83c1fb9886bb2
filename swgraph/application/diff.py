"""What changed between two dates or two datasets.

:func:`diff` compares two record sets (e.g. the data as of 2015-06-10 and the
whole data, or two generated networks) and returns plain data:

* organisations and records added and removed, by collection;
* collaboration ties added and removed (pairs of organisations);
* coverage per province (prefectures with an association), before and after;
* rank movers on degree and betweenness among organisations in both sets;
* new agreements, each with its evidence status (the suite's rule,
  :func:`swgraph.analysis.collaboration.agreement_follow_up`).

>>> from swgraph.records.dataset import load_dataset
>>> ds = load_dataset()
>>> d = diff(ds.as_of("2015-06-10"), ds)
>>> [a["id"] for a in d["agreements_added"]]
['agr-2015-jingyue']
"""

from __future__ import annotations

from swgraph.analysis import centrality, collaboration, metrics
from swgraph.analysis.coverage import prefecture_coverage
from swgraph.application.suite import activity_records, last_date
from swgraph.core import model as m
from swgraph.graph import collaboration_graph
from swgraph.records.dataset import Dataset

#: the measures whose rank movers are reported
RANKED = ("degree", "betweenness")


def _label(rec) -> str:
    return rec.display_name()


def _when(rec) -> str | None:
    when = rec.date_value()
    return when.value if when else None


def _records(ds: Dataset) -> dict[str, m.Record]:
    return {r.id: r for r in ds.all_records() if not isinstance(r, m.Statistic)}


def _entry(rec) -> dict:
    return {"id": rec.id, "collection": rec.collection, "name": _label(rec), "date": _when(rec)}


def _ranks(G) -> dict[str, dict]:
    """Competition ranks on the measures of :data:`RANKED`, computed as the metric registry computes them."""
    scores = metrics.compute(G, RANKED)
    return {name: {v: centrality.rank(s, v) for v in G} for name, s in scores.items()}


def diff(old: Dataset, new: Dataset, *, top: int = 10) -> dict:
    """Changes from ``old`` to ``new`` (plain data; every list sorted, at most ``top`` rank movers per measure)."""
    a, b = _records(old), _records(new)
    added = [b[i] for i in sorted(set(b) - set(a))]
    removed = [a[i] for i in sorted(set(a) - set(b))]
    ga, gb = collaboration_graph(old), collaboration_graph(new)
    ea = {tuple(sorted(e)) for e in ga.edges()}
    eb = {tuple(sorted(e)) for e in gb.edges()}
    names = {**{v: d.get("name_zh", v) for v, d in ga.nodes(data=True)}, **{v: d.get("name_zh", v) for v, d in gb.nodes(data=True)}}

    def ties(pairs):
        return [{"pair": list(p), "names": [names.get(p[0], p[0]), names.get(p[1], p[1])]} for p in sorted(pairs)]

    ca, cb = prefecture_coverage(ga), prefecture_coverage(gb)
    coverage = [
        {"province": p, "name": cb[p].name, "covered_before": len(ca[p].covered), "covered_after": len(cb[p].covered),
         "total": cb[p].total}
        for p in sorted(cb) if len(ca[p].covered) != len(cb[p].covered)
    ]
    ra, rb = _ranks(ga), _ranks(gb)
    both = sorted(set(ga) & set(gb))
    movers = {}
    for measure in RANKED:
        moves = [{"id": v, "name": names.get(v, v), "rank_before": ra[measure][v], "rank_after": rb[measure][v],
                  "change": ra[measure][v] - rb[measure][v]} for v in both if ra[measure][v] != rb[measure][v]]
        moves.sort(key=lambda r: (-abs(r["change"]), r["id"]))
        movers[measure] = moves[:top]
    new_agreements = [r for r in added if isinstance(r, m.Agreement)]
    last = last_date(new)
    follow_up = {row["id"]: {**row, "data_last_date": last} for row in collaboration.agreement_follow_up(
        [{"id": r.id, "parties": list(r.parties), "date": r.signed.value if r.signed else ""} for r in new_agreements],
        activity_records(new), data_last_date=last)}
    by_collection: dict[str, dict[str, int]] = {}
    for rec in added:
        by_collection.setdefault(rec.collection, {"added": 0, "removed": 0})["added"] += 1
    for rec in removed:
        by_collection.setdefault(rec.collection, {"added": 0, "removed": 0})["removed"] += 1
    return {
        "old": {"id": old.info.id, "records": len(a), "organisations": len(old.organisations), "ties": len(ea)},
        "new": {"id": new.info.id, "records": len(b), "organisations": len(new.organisations), "ties": len(eb)},
        "counts": dict(sorted(by_collection.items())),
        "added": [_entry(r) for r in added],
        "removed": [_entry(r) for r in removed],
        "ties_added": ties(eb - ea),
        "ties_removed": ties(ea - eb),
        "coverage": coverage,
        "rank_movers": movers,
        "agreements_added": [{**_entry(r), "evidence": follow_up[r.id]} for r in new_agreements],
    }


def diff_sections(d: dict, *, top: int = 10) -> list[tuple[str, list[str], list[list[str]]]]:
    """The diff as titled tables ``(title, headers, rows)`` for the terminal and Markdown."""
    out = [("Changes 变化", ["", "before 之前", "after 之后"], [
        ["organisations 组织", str(d["old"]["organisations"]), str(d["new"]["organisations"])],
        ["ties 合作关系", str(d["old"]["ties"]), str(d["new"]["ties"])],
        ["records 记录", str(d["old"]["records"]), str(d["new"]["records"])],
    ])]
    out.append(("Records added and removed 新增与删除记录", ["collection", "added 新增", "removed 删除"],
                [[c, str(v["added"]), str(v["removed"])] for c, v in d["counts"].items()]))
    out.append(("Added 新增", ["id", "name 名称", "date 日期"],
                [[r["id"], r["name"], r["date"] or "–"] for r in d["added"][:top]]))
    out.append(("Removed 删除", ["id", "name 名称", "date 日期"],
                [[r["id"], r["name"], r["date"] or "–"] for r in d["removed"][:top]]))
    out.append(("Ties added 新增合作关系", ["organisations 组织"], [[" — ".join(t["names"])] for t in d["ties_added"][:top]]))
    out.append(("Ties removed 消失的合作关系", ["organisations 组织"], [[" — ".join(t["names"])] for t in d["ties_removed"][:top]]))
    out.append(("Coverage change 覆盖变化", ["province 省份", "before 之前", "after 之后"],
                [[c["name"], f"{c['covered_before']} / {c['total']}", f"{c['covered_after']} / {c['total']}"]
                 for c in d["coverage"][:top]]))
    for measure, moves in d["rank_movers"].items():
        out.append((f"Rank movers: {measure} 排名变化", ["name 名称", "before 之前", "after 之后"],
                    [[r["name"], str(r["rank_before"]), str(r["rank_after"])] for r in moves[:top]]))
    out.append(("New agreements 新协议", ["agreement 协议", "signed 签署", "follow-up 后续"],
                [[a["name"], a["date"] or "–", f"{a['evidence']['zh']} / {a['evidence']['en']}"] for a in d["agreements_added"][:top]]))
    return out
