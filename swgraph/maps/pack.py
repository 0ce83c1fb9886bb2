"""The map's data in columns: what the page embeds, compactly, and how to read it back.

A national network is tens of thousands of nodes; one JSON object per node
(``{"id": 7, "label": ..., "color": {...}, "d": {...}}``) repeats every key
and every colour each time. :func:`pack` writes the same content as parallel
arrays (``zh[i]``, ``x[i]``, ``kind[i]`` ...), with repeated values (kinds,
tiers, provinces, colours, relation types, sources, records) stored once in
tables and referred to by index. The page script builds vis-network's node
objects from the columns only for what it draws. :func:`unpack` rebuilds the
node and edge dicts of :func:`~swgraph.maps.visdata.build_network` (tests
and notebooks read maps back with it).

>>> cols = {"zh": ["甲", "乙"], "kind": [0, 0]}
>>> _Table().add("x"), _rows(cols, 1)
(0, {'zh': '乙', 'kind': 0})
"""

from __future__ import annotations

from collections.abc import Mapping

from swgraph.core.names import normalise, romanised_keys
from swgraph.maps import style
from swgraph.maps.escape import text
from swgraph.maps.ties import MAX_LISTED


class _Table:
    """Values stored once, referred to by index."""

    def __init__(self):
        self.values: list = []
        self._index: dict = {}

    def add(self, value) -> int:
        key = repr(value)
        if key not in self._index:
            self._index[key] = len(self.values)
            self.values.append(value)
        return self._index[key]


def _rows(cols: Mapping[str, list], i: int) -> dict:
    return {k: v[i] for k, v in cols.items()}


def _initials(py: str) -> str:
    return "".join(w[0] for w in py.split() if w)


def page_keys(d: Mapping) -> set[str]:
    """The search keys the page derives itself from a node's names (see ``map.js`` ``keysOf``)."""
    names = [d["key"], d["zh"], d["en"], *d["al"]]
    keys = {normalise(n) for n in names if n}
    if d["py"]:
        keys.add(normalise(d["py"]))
        keys.add(_initials(d["py"]))
    keys.discard("")
    return keys


def extra_keys(d: Mapping) -> list[str]:
    """Search keys of :func:`swgraph.core.names.search_keys` the page cannot derive (pinyin of aliases...)."""
    romanised = set().union(*(romanised_keys(n) for n in (d["key"], d["zh"], d["en"], *d["al"])))
    return sorted(romanised - page_keys(d)) if romanised else []  # each name itself is a page key already


def _row_columns(rows: list[list]) -> dict:
    """Tooltip rows ``[[label, value], ...]`` per node as ``{"labels": [...], "values": [[per node] per label]}``."""
    labels = _Table()
    for rs in rows:
        for label, _value in rs:
            labels.add(label)
    values = [[""] * len(rows) for _ in labels.values]
    for i, rs in enumerate(rows):
        for label, value in rs:
            values[labels.add(label)][i] = value
    return {"labels": labels.values, "values": values}


def pack(net, *, groups: list | None = None, records: Mapping[str, Mapping] | None = None,
         dates: Mapping[str, str] | None = None) -> dict:
    """The columns of ``net`` (a :func:`~swgraph.maps.visdata.build_network` result).

    ``groups`` (overview) are ``[code, name, x, y, radius, colour, member count]`` rows,
    ``dates`` node dates ``{key: date}``, ``records`` the record notes behind ties.
    """
    T = {k: _Table() for k in ("kind", "tier", "prov", "col", "shape", "etype", "src")}
    group_index = {g[0]: i for i, g in enumerate(groups or [])}
    N = {k: [] for k in ("key", "zh", "en", "py", "al", "kind", "tier", "prov", "col", "shape", "size",
                         "x", "y", "syn", "src", "srcMore", "rows", "sk", "date", "grp")}
    for n in net.nodes:
        d = n["d"]
        N["key"].append(d["key"])
        N["zh"].append(d["zh"])
        N["en"].append(d["en"])
        N["py"].append(d["py"])
        N["al"].append(d["al"] or 0)
        N["kind"].append(T["kind"].add([d["kind"], d["kl"]]))
        N["tier"].append(T["tier"].add(d["tier"]))
        N["prov"].append(T["prov"].add([d["provCode"], d["prov"]]))
        N["col"].append(T["col"].add(d["c"]))
        N["shape"].append(T["shape"].add(n["shape"]))
        N["size"].append(n["size"])
        N["x"].append(n["x"])
        N["y"].append(n["y"])
        N["syn"].append(1 if d["syn"] else 0)
        N["src"].append([T["src"].add(s) for s in d["src"]] or 0)
        N["srcMore"].append(d["srcMore"])
        N["rows"].append(d["rows"])
        N["sk"].append(extra_keys(d) or 0)
        N["date"].append(text((dates or {}).get(d["key"])))
        N["grp"].append(group_index.get(d.get("grp"), -1))
    N["rows"] = _row_columns(N["rows"])
    R = _Table()
    E = {k: [] for k in ("a", "b", "t", "tt", "w", "wd", "syn", "n", "date", "rec", "arr", "tc")}
    for e in net.edges:
        d = e["d"]
        E["a"].append(e["from"])
        E["b"].append(e["to"])
        E["t"].append(T["etype"].add(d["type"]))
        E["tt"].append(0 if d["types"] == [d["type"]] else [T["etype"].add(t) for t in d["types"]])
        E["w"].append(d["w"])
        E["wd"].append(e["width"])
        E["syn"].append(1 if d["syn"] else 0)
        E["n"].append(d["n"])
        E["date"].append(d["date"])
        E["arr"].append(1 if e.get("arrows") else 0)
        E["tc"].append(d["tc"] or 0)
        if records is not None:
            rows = []
            for rid in d.get("ids") or []:
                note = records.get(rid) or {}
                rows.append(R.add([rid, text(note.get("title")) or rid, text(note.get("date")),
                                   [T["src"].add(text(s)) for s in note.get("sources") or []]]))
            E["rec"].append(rows or 0)
        else:
            E["rec"].append(0)
    etypes = [[t, style.edge_label(t), style.edge_style(t)["color"], style.edge_style(t)["dashes"] or 0]
              for t in T["etype"].values]
    return {
        "N": N, "E": E, "R": R.values,
        "T": {"kind": T["kind"].values, "tier": T["tier"].values, "prov": T["prov"].values,
              "col": T["col"].values, "shape": T["shape"].values, "etype": etypes, "src": T["src"].values},
        "groups": groups or [],
    }


def _record_fields(rec: list, sources: list) -> dict:
    listed = list(dict.fromkeys(sources[s] for x in rec for s in x[3]))
    return {"recs": [[x[1], x[2]] for x in rec][:MAX_LISTED], "recsMore": max(0, len(rec) - MAX_LISTED),
            "ids": [x[0] for x in rec], "src": listed[:MAX_LISTED], "srcMore": max(0, len(listed) - MAX_LISTED)}


def unpack(data: Mapping) -> tuple[list[dict], list[dict]]:
    """Node and edge dicts (``id``, ``label``-free display data ``d``, ``x``, ``y``, ``size``, ``shape``) from :func:`pack`."""
    N, E, T = data["N"], data["E"], data["T"]
    nodes = []
    rows = N["rows"]
    for i in range(len(N["key"])):
        r = _rows({k: v for k, v in N.items() if k != "rows"}, i)
        r["rows"] = [[lab, vals[i]] for lab, vals in zip(rows["labels"], rows["values"]) if vals[i] != ""]
        kind, kl = T["kind"][r["kind"]]
        code, prov = T["prov"][r["prov"]]
        nodes.append({
            "id": i, "x": r["x"], "y": r["y"], "size": r["size"], "shape": T["shape"][r["shape"]],
            **({"shapeProperties": {"borderDashes": [5, 4]}} if r["syn"] else {}),
            "d": {"key": r["key"], "zh": r["zh"], "en": r["en"], "py": r["py"], "al": r["al"] or [],
                  "kind": kind, "kl": kl, "tier": T["tier"][r["tier"]], "prov": prov, "provCode": code,
                  "syn": bool(r["syn"]), "src": [T["src"][s] for s in r["src"] or []], "srcMore": r["srcMore"],
                  "rows": r["rows"] or [], "c": T["col"][r["col"]], "date": r["date"], "sk": r["sk"] or [],
                  "grp": r["grp"]},
        })
    edges = []
    for j in range(len(E["a"])):
        r = _rows(E, j)
        t = T["etype"][r["t"]]
        rec = [data["R"][k] for k in r["rec"] or []]
        edges.append({
            "id": j, "from": r["a"], "to": r["b"], "width": r["wd"], "dashes": t[3] or False,
            **({"arrows": "to"} if r["arr"] else {}),
            "d": {"type": t[0], "types": [T["etype"][k][0] for k in r["tt"]] if r["tt"] else [t[0]],
                  "w": r["w"], "syn": bool(r["syn"]), "n": r["n"], "date": r["date"], "tc": r["tc"] or [],
                  **(_record_fields(rec, T["src"]) if rec else {})},
        })
    return nodes, edges


__all__ = ["extra_keys", "pack", "page_keys", "unpack"]
