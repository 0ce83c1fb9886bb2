"""Collaboration patterns: tie types, block densities, mixing, regions, reciprocity, dormancy.

All functions read the contract's collaboration graph (undirected
``nx.Graph`` over organisations, edge ``type``/``types``/``weight``) unless
stated otherwise; :func:`visit_reciprocity` reads the directed visit graph;
:func:`agreement_follow_up` reads plain record dicts/tuples.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("a", "b", types=["agreement", "visit"]); G.add_edge("b", "c", type="visit")
>>> ties_by_type(G)
{'visit': 2, 'agreement': 1}
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field

import networkx as nx

from swgraph.analysis._util import node_key, require_positive

__all__ = [
    "ties_by_type",
    "BlockMatrix",
    "block_density",
    "Mixing",
    "mixing",
    "RegionTies",
    "region_ties",
    "Reciprocity",
    "visit_reciprocity",
    "no_horizontal_ties",
    "agreement_follow_up",
]


def _key(x):
    return (x is None, node_key(x))


def _edge_types(d):
    types = d.get("types")
    if types:
        return list(dict.fromkeys(types))
    t = d.get("type")
    return [t] if t else []


def ties_by_type(G) -> dict:
    """Number of ties carrying each type, most frequent first (ties by name).

    A merged edge whose ``types`` lists several types counts once for each;
    edges without ``types`` use ``type``; edges with neither are not counted.
    Projection: collaboration graph (any graph works). Weights: ignored (use
    the edge ``weight`` for record counts).
    """
    c = Counter()
    for _, _, d in G.edges(data=True):
        c.update(_edge_types(d))
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class BlockMatrix:
    """Group-by-group matrices; row/column ``i`` is ``groups[i]``."""

    attr: str
    groups: list
    sizes: list  # nodes per group
    ties: list  # ties[i][j]: edges between groups i and j (within-group on the diagonal)
    possible: list  # possible ties: n_i(n_i-1)/2 within (n_i(n_i-1) directed), n_i*n_j across
    density: list  # ties/possible, None where nothing is possible

    def as_dict(self) -> dict:
        return asdict(self)


def _groups(G, attr):
    vals = {v: G.nodes[v].get(attr) for v in G}
    groups = sorted(set(vals.values()), key=_key)
    return vals, groups


def block_density(G, *, attr="tier_name", weight=None) -> BlockMatrix:
    """Density within and across groups (default: tiers), the blockmodel image.

    ``density[i][j]`` = ties between groups i and j / possible ties. With
    ``weight``, ``ties`` sums that attribute instead of counting edges.
    Directed graphs: ``ties[i][j]`` counts i -> j, within-group possible
    ties are ordered pairs. Nodes lacking ``attr`` form the group None.

    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2)])
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b"}, "tier_name")
    >>> block_density(G).density
    [[1.0, 0.5], [0.5, None]]
    """
    require_positive(G, weight, "weight")
    vals, groups = _groups(G, attr)
    idx = {g: i for i, g in enumerate(groups)}
    k = len(groups)
    sizes = [0] * k
    for v in G:
        sizes[idx[vals[v]]] += 1
    ties = [[0] * k for _ in range(k)]
    for u, v, w in G.edges(data=weight, default=1):
        if weight is None:
            w = 1
        i, j = idx[vals[u]], idx[vals[v]]
        ties[i][j] += w
        if i != j and not G.is_directed():
            ties[j][i] += w
    possible = [[0] * k for _ in range(k)]
    for i in range(k):
        for j in range(k):
            if i == j:
                n = sizes[i]
                possible[i][j] = n * (n - 1) if G.is_directed() else n * (n - 1) // 2
            else:
                possible[i][j] = sizes[i] * sizes[j]
    density = [[ties[i][j] / possible[i][j] if possible[i][j] else None for j in range(k)] for i in range(k)]
    return BlockMatrix(attr, groups, sizes, ties, possible, density)


@dataclass
class Mixing:
    attr: str
    groups: list
    ties: list  # symmetric edge counts between groups (undirected), i -> j (directed)
    within: int  # ties inside a group
    across: int  # ties between groups
    assortativity: float | None  # Newman's r (networkx attribute_assortativity_coefficient); None if undefined

    def as_dict(self) -> dict:
        return asdict(self)


def mixing(G, *, attr="tier_name") -> Mixing:
    """Mixing matrix by a node attribute and Newman's (2003) assortativity r.

    ``r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i)`` where ``e`` is
    the fraction-of-edge-ends matrix; equals
    ``networkx.attribute_assortativity_coefficient``. ``r`` is None when
    undefined (no edges, or every edge end in a single group). Projection:
    collaboration graph (``attr="tier_name"`` or ``"province"``). Weights:
    ignored.

    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (2, 3), (0, 2)])
    >>> nx.set_node_attributes(G, {0: "x", 1: "x", 2: "y", 3: "y"}, "tier_name")
    >>> m = mixing(G)
    >>> m.within, m.across, round(m.assortativity, 6)
    (2, 1, 0.333333)
    """
    b = block_density(G, attr=attr)
    k = len(b.groups)
    within = sum(b.ties[i][i] for i in range(k))
    across = sum(b.ties[i][j] for i in range(k) for j in range(k) if i != j)
    if not G.is_directed():
        across //= 2
    r = None
    if G.number_of_edges():
        # e[i][j]: fraction of edge ends, counting undirected edges both ways
        if G.is_directed():
            e = [[b.ties[i][j] for j in range(k)] for i in range(k)]
        else:
            e = [[b.ties[i][j] * (2 if i == j else 1) for j in range(k)] for i in range(k)]
        tot = sum(map(sum, e))
        e = [[x / tot for x in row] for row in e]
        a = [sum(row) for row in e]
        bb = [sum(e[i][j] for i in range(k)) for j in range(k)]
        s = sum(a[i] * bb[i] for i in range(k))
        trace = sum(e[i][i] for i in range(k))
        if not math.isclose(1 - s, 0.0, abs_tol=1e-15):
            r = (trace - s) / (1 - s)
    return Mixing(attr, b.groups, b.ties, within, across, r)


@dataclass
class RegionTies:
    same: int  # both ends in the same province
    cross: int  # ends in different provinces
    unknown: int  # at least one end whose region is not known
    cross_share: float | None  # cross / (same + cross)
    pairs: dict = field(default_factory=dict)  # "440000-430000" (sorted) -> count, cross-province only
    national: int = 0  # at least one end of national scope (region 100000): neither same nor cross

    def as_dict(self) -> dict:
        return asdict(self)


def region_ties(G, *, attr="province", scope_attr="region") -> RegionTies:
    """Same-province vs cross-province ties.

    A tie with an end of national scope (``scope_attr`` = ``100000``, e.g.
    the national federation) counts as ``national``; one with an end whose
    province is not known counts as ``unknown``; both are left out of the
    share. Projection: collaboration graph. Weights: ignored.

    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 4), (4, 5)])
    >>> nx.set_node_attributes(G, {1: "440000", 2: "440000", 3: "430000", 4: "", 5: ""}, "province")
    >>> G.nodes[4]["region"] = "100000"
    >>> r = region_ties(G)
    >>> r.same, r.cross, r.national, r.unknown, r.cross_share
    (1, 1, 2, 0, 0.5)
    """
    same = cross = unknown = national = 0
    pairs = Counter()
    for u, v in G.edges():
        pu, pv = G.nodes[u].get(attr) or "", G.nodes[v].get(attr) or ""
        if "100000" in (G.nodes[u].get(scope_attr), G.nodes[v].get(scope_attr)):
            national += 1
        elif not pu or not pv:
            unknown += 1
        elif pu == pv:
            same += 1
        else:
            cross += 1
            a, b = sorted((pu, pv))
            pairs[f"{a}-{b}"] += 1
    share = cross / (same + cross) if same + cross else None
    return RegionTies(same, cross, unknown, share, dict(sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))), national)


@dataclass
class Reciprocity:
    ties: int  # directed ties (self-visits ignored)
    reciprocated_ties: int  # ties whose reverse also exists
    mutual_pairs: int
    asymmetric_pairs: int
    reciprocity: float | None  # reciprocated_ties / ties (networkx overall_reciprocity)
    unreciprocated: list = field(default_factory=list)  # (visitor, host) with no return visit, sorted

    def as_dict(self) -> dict:
        return asdict(self)


def visit_reciprocity(D) -> Reciprocity:
    """Reciprocity of the directed visit graph (visitor -> host).

    ``reciprocity`` is the share of ties whose reverse tie exists (Wasserman
    & Faust's edge reciprocity, ``networkx.overall_reciprocity``); None for a
    graph without ties. Self-loops are ignored. Weights: ignored.

    >>> import networkx as nx
    >>> r = visit_reciprocity(nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c")]))
    >>> r.reciprocity, r.mutual_pairs, r.unreciprocated
    (0.6666666666666666, 1, [('a', 'c')])
    """
    if not D.is_directed():
        raise nx.NetworkXNotImplemented("visit_reciprocity needs a directed graph (visitor -> host)")
    edges = {(u, v) for u, v in D.edges() if u != v}
    rec = [(u, v) for u, v in edges if (v, u) in edges]
    unrec = sorted(((u, v) for u, v in edges if (v, u) not in edges), key=lambda e: (node_key(e[0]), node_key(e[1])))
    n = len(edges)
    return Reciprocity(
        ties=n,
        reciprocated_ties=len(rec),
        mutual_pairs=len(rec) // 2,
        asymmetric_pairs=len(unrec),
        reciprocity=len(rec) / n if n else None,
        unreciprocated=unrec,
    )


def no_horizontal_ties(G, *, attr="tier") -> list:
    """Organisations with no tie to an organisation of the same tier, sorted by id.

    Only nodes whose ``attr`` is not None are considered (organisations
    outside the tier system are skipped), and only where the graph holds
    another node of the same tier to tie to (the one national federation
    has no peers, so it is never listed); isolated organisations are
    included. Projection: collaboration graph (directed graphs: ties either
    way). Weights: ignored.

    >>> import networkx as nx
    >>> G = nx.Graph([("p1", "p2"), ("p1", "m1")]); G.add_node("m2")
    >>> nx.set_node_attributes(G, {"p1": 1, "p2": 1, "m1": 2, "m2": 2}, "tier")
    >>> no_horizontal_ties(G)
    ['m1', 'm2']
    """
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    per_tier = Counter(t for _, t in H.nodes(data=attr) if t is not None)
    out = []
    for v, t in H.nodes(data=attr):
        if t is None or per_tier[t] < 2:
            continue
        if not any(H.nodes[u].get(attr) == t for u in H[v] if u != v):
            out.append(v)
    return sorted(out, key=_key)


# --------------------------------------------------------------------------- dormant agreements


def _record(r, kind):
    if isinstance(r, dict):
        rid, parties, date = r.get("id"), r.get("parties", ()), r.get("date") or ""
    else:
        rid, parties, date = r[0], r[1], r[2] if len(r) > 2 else ""
    return rid, list(dict.fromkeys(parties)), str(date or "")


def _compare_dates(a: str, b: str):
    """-1/0/1 comparing ``a`` with ``b`` at the coarser precision; None if either is empty."""
    if not a or not b:
        return None
    p = min(len(a), len(b))
    a, b = a[:p], b[:p]
    return (a > b) - (a < b)


#: evidence statuses of an agreement (a statement about the records, never about the world)
FOLLOW_UP_STATUSES = ("activity recorded", "same period only", "none recorded")


def agreement_follow_up(agreements, activities, *, data_last_date: str | None = None) -> list[dict]:
    """The evidence of follow-up for every agreement: dated activity between its parties after signing.

    ``agreements`` and ``activities`` are dicts ``{"id", "parties", "date"}``
    or tuples ``(id, parties, date)``, dates ISO text of any precision. The
    rule, per agreement:
    ``"activity recorded"`` when an activity involving at least two of its
    parties is dated strictly later (compared at the coarser precision);
    ``"same period only"`` when such activities exist only in the signing
    period (they cannot be ordered); otherwise ``"none recorded"`` — up to
    ``data_last_date``, the last date of the data, which the sentence names.
    An undated agreement counts any activity of its parties.

    Returns dicts ``{"id", "date", "parties", "status", "later": [ids],
    "same_period": [ids], "zh", "en"}`` sorted by date then id.

    >>> rows = agreement_follow_up([("ag1", ["a", "b"], "2018-03"), ("ag2", ["a", "c"], "2020")],
    ...                            [("v1", ["a", "b"], "2019-06-01")], data_last_date="2020-05")
    >>> [(r["id"], r["status"]) for r in rows]
    [('ag1', 'activity recorded'), ('ag2', 'none recorded')]
    >>> print(rows[1]["en"])
    no activity between its parties recorded after signing, up to 2020-05 (the data's last date)
    """
    acts = [_record(a, "activity") for a in activities]
    by_party: dict = {}
    for i, (_, act_parties, _) in enumerate(acts):
        for p in set(act_parties):
            by_party.setdefault(p, []).append(i)
    upto = data_last_date or "the data's last date"
    out = []
    for ag in agreements:
        aid, parties, date = _record(ag, "agreement")
        pset = set(parties)
        later, same = [], []
        for act_id, act_parties, act_date in (acts[i] for i in sorted({i for p in pset for i in by_party.get(p, ())})):
            if len(pset.intersection(act_parties)) < 2:
                continue
            cmp = _compare_dates(act_date, date) if date else 1
            if cmp is None:
                continue
            (later if cmp > 0 else same if cmp == 0 else []).append(act_id)
        if later:
            status = "activity recorded"
            zh, en = f"签署后有 {len(later)} 次双方活动记录", f"{len(later)} activity record(s) between its parties after signing"
        elif same:
            status = "same period only"
            zh = f"仅有与签署同期的 {len(same)} 次活动记录（无法判断先后）"
            en = f"only {len(same)} activity record(s) in the signing period (order unknown)"
        else:
            status = "none recorded"
            zh = f"截至 {upto}（数据最后日期）无签署后的双方活动记录"
            en = f"no activity between its parties recorded after signing, up to {upto}" + (
                " (the data's last date)" if data_last_date else "")
        out.append({"id": aid, "date": date, "parties": parties, "status": status,
                    "later": sorted(later, key=str), "same_period": sorted(same, key=str), "zh": zh, "en": en})
    return sorted(out, key=lambda d: (d["date"], str(d["id"])))
