"""NetworkX projections of a dataset.

* :func:`full_graph` — every record and source as a node, every reference as
  a typed edge (the same shape Neo4j holds).
* :func:`collaboration_graph` — organisations only; agreements, visits and
  meetings, joint programmes, other ties and interlocking posts become
  weighted undirected edges.
* :func:`visit_graph` — visits as directed edges, visitor → host.
* :func:`hierarchy_graph` — membership (``parent``) and ``part_of`` edges, child → parent.
* :func:`person_org_graph` — people and organisations, joined by posts.

Node and edge attributes follow ``docs/graph-contract.md``. To see the
network as it stood on a date, project ``ds.as_of(date)``.

>>> from swgraph.records.dataset import load_dataset
>>> G = collaboration_graph(load_dataset())
>>> G.edges["bj-swa", "gd-swa"]["types"]
['agreement', 'meeting', 'visit']
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable

import networkx as nx

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.core.errors import InputError
from swgraph.core.kinds import KIND_TABLE
from swgraph.core.names import pinyin
from swgraph.core.registry import KINDS, iter_references, kind_of, subtype_of
from swgraph.records.dataset import Dataset

COLLABORATION_TYPES = ("agreement", "visit", "meeting", "programme", "cooperation", "interlock")


def citations(record) -> list[str]:
    return [f"{c.source}: {c.quote}" for c in getattr(record, "sources", [])]


def node_attributes(record: m.Record) -> dict:
    """The contract attributes of a record's node (organisations and people fully; other records by title)."""
    kind = kind_of(record)
    spec = KINDS[kind]
    names = record.all_names() if hasattr(record, "all_names") else []
    name_zh = record.display_name()
    name_en = record.display_name_en()
    region = getattr(record, "region", None) or getattr(record, "place", None) or ""
    province = regions.province_of(region) if region else None
    date = record.date_value()
    return {
        "kind": kind,
        "subtype": subtype_of(record) or "",
        "group": spec.group,
        "tier": spec.tier,
        "tier_name": spec.tier_name,
        "name_zh": name_zh,
        "name_en": name_en,
        "pinyin": getattr(record, "pinyin", None) or pinyin(name_zh),
        "aliases": [n for n in names if n not in (name_zh, name_en)],
        "region": region,
        "province": province or "",
        "province_name": regions.name(province) if province else "",
        "date": date.value if date else "",
        "synthetic": record.synthetic,
        "sources": citations(record),
    }


def full_graph(ds: Dataset) -> nx.MultiDiGraph:
    """Every record and source as a node; every reference and citation as a typed edge (key = type)."""
    G = nx.MultiDiGraph(name=ds.info.id)
    for src in ds.sources.values():
        G.add_node(src.id, kind="source", group="source", tier=None, tier_name="other", name_zh=src.title_zh,
                   name_en=src.title_en or "", pinyin="", aliases=[], region="", province="", province_name="",
                   date=src.date.value if src.date else "", synthetic=False, sources=[])
    for rec in ds.all_records():
        G.add_node(rec.id, **node_attributes(rec))
    for rec in ds.all_records():
        for ref in iter_references(rec):
            u, v = (rec.id, ref.target) if ref.ref.outgoing else (ref.target, rec.id)
            G.add_edge(u, v, key=ref.ref.rel, type=ref.ref.rel, field=ref.path, **ref.attributes)
        for cit in rec.sources:
            G.add_edge(rec.id, cit.source, key=f"CITES:{cit.quote}", type="CITES", quote=cit.quote,
                       about=cit.about or "")
    return G


def _org_nodes(ds: Dataset, G: nx.Graph) -> None:
    for org in ds.organisations:
        G.add_node(org.id, **node_attributes(org))


def _add_tie(G: nx.Graph, u: str, v: str, type_: str, record: m.Record) -> None:
    if u == v:
        return
    when = record.date_value()
    date = when.earliest if when else ""
    if G.has_edge(u, v):
        d = G.edges[u, v]
        d["weight"] += 1.0
        d["distance"] = 1.0 / d["weight"]
        if type_ not in d["types"]:
            d["types"] = sorted([*d["types"], type_])
        d["records"].append(record.id)
        if date and (not d["first_date"] or date < d["first_date"]):
            d["first_date"] = date
        d["synthetic"] = d["synthetic"] and record.synthetic
    else:
        G.add_edge(u, v, type=type_, types=[type_], weight=1.0, distance=1.0, records=[record.id],
                   first_date=date, synthetic=record.synthetic)


def collaboration_pairs(ds: Dataset) -> Iterable[tuple[str, str, str, m.Record]]:
    """Organisation pairs tied by a record: ``(u, v, type, record)``; visits are ordered visitor, host."""
    for agr in ds.agreements:
        for u, v in combinations(agr.parties, 2):
            yield u, v, "agreement", agr
    for ev in ds.events:
        if ev.kind == "visit" and ev.host:
            for visitor in ev.visitors:
                yield visitor, ev.host, "visit", ev
            for u, v in combinations(ev.participants, 2):
                yield u, v, "meeting", ev
        else:
            members = list(dict.fromkeys([*([ev.host] if ev.host else []), *ev.visitors, *ev.participants]))
            for u, v in combinations(members, 2):
                yield u, v, "meeting", ev
    for prog in ds.programmes:
        for part in prog.participants:
            yield prog.owner, part.organisation, "programme", prog
    for tie in ds.ties:
        for u, v in combinations(tie.parties, 2):
            yield u, v, "cooperation", tie
    posts_by_person: dict[str, list[m.Post]] = {}
    for post in ds.posts:
        posts_by_person.setdefault(post.person, []).append(post)
    for posts in posts_by_person.values():
        for a, b in combinations(posts, 2):
            if a.organisation != b.organisation:
                yield a.organisation, b.organisation, "interlock", b


def collaboration_graph(ds: Dataset, *, types: Iterable[str] | None = None) -> nx.Graph:
    """Organisations tied by collaboration records, undirected and weighted.

    ``weight`` counts the records behind a tie (strength); ``distance`` is its
    inverse (for shortest-path metrics). ``types`` limits the tie types (see
    :data:`COLLABORATION_TYPES`). Every organisation is a node, tied or not.
    """
    wanted = set(types) if types is not None else set(COLLABORATION_TYPES)
    G = nx.Graph(name=f"{ds.info.id}:collaboration")
    _org_nodes(ds, G)
    for u, v, type_, rec in collaboration_pairs(ds):
        if type_ in wanted:
            _add_tie(G, u, v, type_, rec)
    return G


def visit_graph(ds: Dataset) -> nx.DiGraph:
    """Visits as directed, weighted edges from visitor to host."""
    G = nx.DiGraph(name=f"{ds.info.id}:visits")
    _org_nodes(ds, G)
    for u, v, type_, rec in collaboration_pairs(ds):
        if type_ == "visit":
            _add_tie(G, u, v, type_, rec)
    return G


def hierarchy_edges(ds: Dataset) -> Iterable[tuple[str, str, dict]]:
    """Membership and part-of ties, child → parent, as ``(child, parent, attributes)``."""
    for org in ds.organisations:
        for field, type_ in (("parent", "member_of"), ("part_of", "part_of")):
            target = getattr(org, field)
            if target:
                yield org.id, target, dict(type=type_, types=[type_], weight=1.0, distance=1.0, records=[org.id],
                                           first_date=org.founded.earliest if org.founded else "",
                                           synthetic=org.synthetic)


def hierarchy_graph(ds: Dataset) -> nx.DiGraph:
    """Membership and part-of edges, child → parent (``type`` is ``member_of`` or ``part_of``)."""
    G = nx.DiGraph(name=f"{ds.info.id}:hierarchy")
    _org_nodes(ds, G)
    G.add_edges_from(hierarchy_edges(ds))
    return G


def person_org_graph(ds: Dataset) -> nx.Graph:
    """People and organisations joined by posts (edge attributes: role, role_zh, records)."""
    G = nx.Graph(name=f"{ds.info.id}:posts")
    _org_nodes(ds, G)
    for person in ds.people:
        G.add_node(person.id, **node_attributes(person))
    for post in ds.posts:
        _add_tie(G, post.person, post.organisation, "post", post)
        G.edges[post.person, post.organisation].setdefault("roles", []).append(post.role_zh)
    return G


PROJECTIONS = {
    "full": full_graph,
    "collaboration": collaboration_graph,
    "visits": visit_graph,
    "hierarchy": hierarchy_graph,
    "posts": person_org_graph,
}


def relations_of(G: nx.MultiDiGraph, node: str) -> list[dict]:
    """The typed relations of ``node`` in the full graph (citations left out), as ``swgraph show`` lists them.

    >>> from swgraph.records.dataset import load_dataset
    >>> rels = relations_of(full_graph(load_dataset()), "gd-swa")
    >>> {"type": "PARTY_TO", "direction": "out", "id": "agr-2015-jingyue"}.items() <= rels[0].items()
    True
    """
    out = []
    for u, v, d in [*G.out_edges(node, data=True), *G.in_edges(node, data=True)]:
        if d["type"] == "CITES":
            continue
        other = v if u == node else u
        out.append({"type": d["type"], "direction": "out" if u == node else "in", "id": other,
                    "name_zh": G.nodes[other].get("name_zh", ""), "kind": G.nodes[other].get("kind", "")})
    return out


def project(ds: Dataset, name: str) -> nx.Graph:
    """The projection called ``name`` (one of :data:`PROJECTIONS`)."""
    try:
        return PROJECTIONS[name](ds)
    except KeyError:
        raise InputError(f"unknown graph {name!r}; choose one of {', '.join(PROJECTIONS)}") from None


# ---------------------------------------------------------------- the graph contract (docs/graph-contract.md)

#: node attributes every projection carries: (name, type, meaning); kinds and tiers come from the kind table
NODE_ATTRIBUTES = (
    ("kind", "str", "registry kind (one of the kinds below)"),
    ("subtype", "str", "a record's own type within its kind (an agreement's `strategic_cooperation`, an event's `visit`) or ''"),
    ("group", "str", "`organisation`, `person` or `record`"),
    ("tier", "int or None", "the kind's tier on the administrative chain; None for other kinds"),
    ("tier_name", "str", "the tier's name, or `other`"),
    ("name_zh", "str", "what a reader sees: the record's display name (always present)"),
    ("name_en", "str", "English name or ''"),
    ("pinyin", "str", "pinyin of the Chinese name, read word by word (tone-less, space-separated)"),
    ("aliases", "list[str]", "other names, former names"),
    ("region", "str", "GB/T 2260 six-digit code or '' (`100000` = national scope)"),
    ("province", "str", "six-digit code of the province-level division or ''"),
    ("province_name", "str", "its Chinese name or ''"),
    ("synthetic", "bool", "True for generated (synthetic) records"),
    ("sources", "list[str]", 'citations as `"source-id: quote"`'),
)

#: edge attributes of the collaboration, hierarchy and person-organisation projections
EDGE_ATTRIBUTES = (
    ("type", "str", "collaboration: one of the tie types below; hierarchy: `member_of`, `part_of`; person-org: `post`"),
    ("types", "list[str]", "collaboration graph merges parallel ties: every type present"),
    ("weight", "float", "tie strength (number of records behind the tie; higher = stronger)"),
    ("distance", "float", "1 / weight, for path-based metrics"),
    ("records", "list[str]", "ids of the records behind the edge"),
    ("first_date", "str", "earliest record date (ISO, at the record's own precision) or ''"),
    ("synthetic", "bool", "all records behind the edge are synthetic"),
)


def contract_markdown() -> str:
    """``docs/graph-contract.md``, generated from the kind table and the declarations above.

    Regenerate with ``python -m swgraph.graph > docs/graph-contract.md``; a test keeps the file equal.
    """
    def table(rows):
        return ["| attribute | type | meaning |", "| --- | --- | --- |", *(f"| `{a}` | {ty} | {m} |" for a, ty, m in rows)]

    lines = ["# Graph contract (what every NetworkX projection carries)", "",
             "Generated by `python -m swgraph.graph` from `swgraph/core/kinds.py` and `swgraph/graph.py`; do not edit.",
             "Analysis, maps and exports read only these attributes.", "", "## Kinds", "",
             "| kind | group | tier | 中文 | English |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| `{k.name}` | {k.group} | {'' if k.tier is None else f'{k.tier} {k.tier_name}'} | {k.zh} | {k.en} |"
              for k in KIND_TABLE]
    lines += ["", "## Projections", "", "| name | graph |", "| --- | --- |"]
    lines += [f"| `{name}` | {(fn.__doc__ or '').strip().splitlines()[0]} |" for name, fn in PROJECTIONS.items()]
    lines += ["", f"Collaboration tie types: {', '.join(f'`{t}`' for t in COLLABORATION_TYPES)}.", "",
              "## Node attributes", "", *table(NODE_ATTRIBUTES), "", "## Edge attributes", "", *table(EDGE_ATTRIBUTES), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(contract_markdown(), end="")
