"""Suggested new partnerships by link prediction, with readable reasons (中文 / English).

Candidates are pairs of organisations that are *not* tied yet but share at
least ``min_common`` partners. Scores (Liben-Nowell & Kleinberg 2007; Zhou,
Lü & Zhang 2009), with ``Γ(x)`` the partners of x:

* ``common_neighbours``: ``|Γ(u) ∩ Γ(v)|``
* ``adamic_adar``: ``sum 1/log|Γ(w)|`` over shared partners w
* ``resource_allocation``: ``sum 1/|Γ(w)|`` over shared partners w

(equal to ``networkx.common_neighbors`` / ``adamic_adar_index`` /
``resource_allocation_index``). Ordering is deterministic: score
(rounded to 12 decimals) descending, then the pair's ids.

>>> import networkx as nx
>>> G = nx.Graph([("a", "hub"), ("b", "hub"), ("a", "x"), ("b", "x")])
>>> s = suggest_partnerships(G, method="common_neighbours")[0]
>>> (s.u, s.v, s.score), s.reason_en
(('a', 'b', 2.0), '2 shared partners: hub, x')
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from swgraph.analysis._util import node_key, province_names, refuse_multigraph

__all__ = ["METHODS", "Suggestion", "link_scores", "suggest_partnerships"]

METHODS = ("resource_allocation", "adamic_adar", "common_neighbours")
_TIER_ZH = {"national": "全国", "provincial": "省级", "municipal": "市级", "county": "县级", "agency": "服务机构"}


@dataclass
class Suggestion:
    u: object
    v: object
    score: float
    method: str
    common: list = field(default_factory=list)  # shared partners, sorted by id
    same_tier: bool = False
    same_province: bool | None = None  # None when a province is unknown
    reason_zh: str = ""
    reason_en: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _name(G, v, lang):
    d = G.nodes[v]
    if lang == "zh":
        return d.get("name_zh") or str(v)
    return d.get("name_en") or d.get("pinyin") or d.get("name_zh") or str(v)


def _list(names, lang, limit=3):
    shown = names[:limit]
    if lang == "zh":
        text = "、".join(shown)
        return text + ("等" if len(names) > limit else "")
    text = ", ".join(shown)
    return text + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _score(method, common, deg) -> float:
    if method == "common_neighbours":
        return float(len(common))
    if method == "adamic_adar":
        return float(sum(1 / math.log(deg[w]) for w in common))
    return float(sum(1 / deg[w] for w in common))


def _check_method(method):
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")


def link_scores(G, pairs=None, *, method="resource_allocation") -> list[tuple]:
    """The link-prediction score of each pair, as ``(u, v, score)`` triples.

    The scoring rule of :func:`suggest_partnerships` for pairs chosen by the
    caller (tied or not, with or without shared partners; ``(u, u)`` scores
    u's partners). ``pairs=None`` scores every untied pair of distinct
    nodes, ordered by node id. A node's partners never include itself, so a
    self-loop neither counts as a shared partner nor adds to a degree.

    Projection: collaboration graph (directed graphs are read as
    undirected; multigraphs are refused -- collapse parallel ties first).
    Weights: ignored.

    >>> import networkx as nx
    >>> link_scores(nx.path_graph(3), [(0, 2), (0, 1)])  # 0 and 2 share partner 1, of degree 2
    [(0, 2, 0.5), (0, 1, 0.0)]
    """
    _check_method(method)
    refuse_multigraph(G, "link prediction")
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    if pairs is None:
        nodes = sorted(H, key=node_key)
        pairs = [(u, v) for i, u in enumerate(nodes) for v in nodes[i + 1:] if v not in H[u]]
    else:
        pairs = list(pairs)
        for pair in pairs:
            for x in pair:
                if x not in H:
                    raise nx.NodeNotFound(f"node {x!r} is not in the graph")
    deg = {}
    out = []
    for u, v in pairs:
        common = (set(H[u]) & set(H[v])) - {u, v}
        for w in common:
            if w not in deg:
                deg[w] = len(set(H[w]) - {w})
        out.append((u, v, _score(method, common, deg)))
    return out


#: slack when picking the candidates whose exact score is worked out (sparse sums differ from the exact ones in the last bits)
_SLACK = 1e-9


def _codes(values) -> np.ndarray:
    """Integer codes of hashable values (equal values, equal codes); None and '' get -1."""
    table: dict = {}
    return np.array([-1 if x is None or x == "" else table.setdefault(x, len(table)) for x in values], dtype=np.int64)


def _untied_two_hop(A, B):
    """``(i, j, value)`` of the product A·B above the diagonal, tied pairs left out, in row-major order."""
    M = (A @ B).tocsr()
    M = sp.triu(M - M.multiply(A), k=1, format="csr")
    M.eliminate_zeros()
    M.sort_indices()
    rows = np.repeat(np.arange(M.shape[0], dtype=np.int64), np.diff(M.indptr))
    return rows, M.indices.astype(np.int64), M.data


def _candidates(H, method, tier, region, min_common, top) -> list[tuple]:
    """The untied pairs sharing a partner that pass the filters, best first, as the loop over two-hop paths gave them.

    Pairs and shared-partner counts come from the sparse product A·A (self-loops dropped); the score of every
    pair that can reach the first ``top`` is then summed exactly as before (shared partners in id order), so
    scores, order and ties are unchanged.
    """
    nodes = sorted(H, key=node_key)
    n = len(nodes)
    if n < 3:
        return []
    index = {v: i for i, v in enumerate(nodes)}
    uv = np.array([(index[u], index[v]) for u, v in H.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    A = sp.csr_array((np.ones(len(uv)), (uv[:, 0], uv[:, 1])), shape=(n, n))
    A = ((A + A.T) > 0).astype(np.float64).tocsr()
    deg = np.asarray(A.sum(axis=1)).ravel()
    i, j, count = _untied_two_hop(A, A)
    keep = count >= max(min_common, 1)
    if tier == "same" or region != "any":
        attrs = [H.nodes[v] for v in nodes]
        if tier == "same":
            t = _codes([d.get("tier") for d in attrs])
            keep &= (t[i] >= 0) & (t[i] == t[j])
        if region != "any":
            p = _codes([d.get("province") or "" for d in attrs])
            known = (p[i] >= 0) & (p[j] >= 0)
            keep &= known & ((p[i] == p[j]) if region == "same" else (p[i] != p[j]))
    if top is not None and int(keep.sum()) > top:
        if method == "common_neighbours":
            approx = count
        else:
            w = 1 / np.log(np.maximum(deg, 2)) if method == "adamic_adar" else 1 / np.maximum(deg, 1)
            si, sj, approx = _untied_two_hop(A, sp.diags_array(w) @ A)
            if not (np.array_equal(si, i) and np.array_equal(sj, j)):  # pragma: no cover - same sparsity by construction
                raise AssertionError("two-hop pairs differ between products")
        approx = approx[keep]
        i, j = i[keep], j[keep]
        bar = np.partition(approx, len(approx) - top)[len(approx) - top] if top > 0 else np.inf
        pick = approx >= bar - _SLACK * max(1.0, abs(bar))
        i, j = i[pick], j[pick]
    else:
        i, j = i[keep], j[keep]
    nbr_idx = [A.indices[A.indptr[k]:A.indptr[k + 1]] for k in range(n)]
    degree = {v: int(deg[k]) for k, v in enumerate(nodes)}
    out = []
    for a, b in zip(i.tolist(), j.tolist()):
        u, v = nodes[a], nodes[b]
        common = [nodes[k] for k in np.intersect1d(nbr_idx[a], nbr_idx[b], assume_unique=True).tolist()]
        du, dv = H.nodes[u], H.nodes[v]
        same_tier = du.get("tier") is not None and du.get("tier") == dv.get("tier")
        pu, pv = du.get("province") or "", dv.get("province") or ""
        same_prov = (pu == pv) if pu and pv else None
        out.append((u, v, _score(method, common, degree), common, same_tier, same_prov, pu, pv))
    order = {v: k for k, v in enumerate(nodes)}
    out.sort(key=lambda t: (-round(t[2], 12), order[t[0]], order[t[1]]))
    return out


def suggest_partnerships(G, *, method="resource_allocation", tier="any", region="any",
                         min_common=1, top=20) -> list[Suggestion]:
    """Rank untied pairs by a link-prediction score.

    Parameters
    ----------
    G : collaboration graph (directed graphs are read as undirected).
    method : one of :data:`METHODS`.
    tier : ``"any"`` or ``"same"`` (both ends of the same ``tier``; nodes
        with tier None never match).
    region : ``"any"``, ``"same"`` (same non-empty ``province``) or
        ``"cross"`` (both provinces known and different).
    min_common : minimum number of shared partners.
    top : how many suggestions to return (None for all).

    Each :class:`Suggestion` carries a reason such as
    ``"共同合作伙伴 3 个：甲、乙、丙；同属广东省"`` /
    ``"3 shared partners: A, B, C; both in Guangdong"``.
    Weights: ignored (scores use tie counts, as the published indices do).
    """
    _check_method(method)
    if tier not in ("any", "same") or region not in ("any", "same", "cross"):
        raise ValueError("tier must be 'any'/'same'; region 'any'/'same'/'cross'")
    refuse_multigraph(G, "link prediction")
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    out = _candidates(H, method, tier, region, min_common, top)
    if top is not None:
        out = out[:top]
    result = []
    for u, v, score, common, same_tier, same_prov, pu, pv in out:
        zh = [f"共同合作伙伴 {len(common)} 个：{_list([_name(H, w, 'zh') for w in common], 'zh')}"]
        en = [f"{len(common)} shared partner{'s' if len(common) != 1 else ''}: "
              f"{_list([_name(H, w, 'en') for w in common], 'en')}"]
        if same_prov:
            pzh, pen = province_names(pu)
            zh.append(f"同属{pzh}")
            en.append(f"both in {pen}")
        elif same_prov is False:
            (azh, aen), (bzh, ben) = province_names(pu), province_names(pv)
            zh.append(f"跨省合作：{azh}—{bzh}")
            en.append(f"cross-province: {aen}–{ben}")
        if same_tier:
            tn = H.nodes[u].get("tier_name") or ""
            zh.append(f"同为{_TIER_ZH.get(tn, tn)}层级")
            en.append(f"same tier ({tn})" if tn else "same tier")
        result.append(Suggestion(u, v, score, method, common, same_tier, same_prov, "；".join(zh), "; ".join(en)))
    return result
