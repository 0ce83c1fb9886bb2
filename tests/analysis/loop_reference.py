"""The analysis loops as they were before vectorising, kept as plain-Python references for the tests and benchmarks.

Each function is the old code unchanged apart from imports; the vectorised versions in :mod:`swgraph.analysis`
must give the same results (see tests/analysis/test_*.py and benchmarks/bench_loops.py).
"""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx

from swgraph.analysis import communities as C
from swgraph.analysis._util import node_key, province_names, refuse_multigraph, require_positive
from swgraph.analysis.brokerage import ROLES
from swgraph.analysis.recommend import _TIER_ZH, Suggestion, _check_method, _list, _name, _score


def suggest_partnerships(G, *, method="resource_allocation", tier="any", region="any", min_common=1, top=20):
    _check_method(method)
    refuse_multigraph(G, "link prediction")
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    nbrs = {v: set(H[v]) - {v} for v in H}
    deg = {v: len(s) for v, s in nbrs.items()}
    order = {v: i for i, v in enumerate(sorted(H, key=node_key))}
    out = []
    for u in H:
        seen = set()
        for w in nbrs[u]:
            for v in nbrs[w]:
                if v == u or v in seen or order[v] < order[u] or v in nbrs[u]:
                    continue
                seen.add(v)
        for v in seen:
            du, dv = H.nodes[u], H.nodes[v]
            same_tier = du.get("tier") is not None and du.get("tier") == dv.get("tier")
            pu, pv = du.get("province") or "", dv.get("province") or ""
            same_prov = (pu == pv) if pu and pv else None
            if tier == "same" and not same_tier:
                continue
            if region == "same" and same_prov is not True:
                continue
            if region == "cross" and same_prov is not False:
                continue
            common = sorted(nbrs[u] & nbrs[v], key=node_key)
            if len(common) < min_common:
                continue
            score = _score(method, common, deg)
            out.append((u, v, score, common, same_tier, same_prov, pu, pv))
    out.sort(key=lambda t: (-round(t[2], 12), order[t[0]], order[t[1]]))
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


def _mutual_weight(G, u, v, weight):
    a = G[u][v].get(weight, 1) if weight is not None and v in G[u] else (1 if v in G[u] else 0)
    if G.is_directed():
        b = G[v][u].get(weight, 1) if weight is not None and u in G[v] else (1 if u in G[v] else 0)
        return a + b
    return a


def _neighbors(G, v):
    if G.is_directed():
        return set(G.pred[v]) | set(G.succ[v])
    return set(G[v])


def _p(G, weight, cache):
    def p(i, j):
        key = i
        if key not in cache:
            nbrs = _neighbors(G, i) - {i}
            mw = {k: _mutual_weight(G, i, k, weight) for k in nbrs}
            total = sum(mw.values())
            cache[key] = {k: (w / total if total else 0.0) for k, w in mw.items()}
        return cache[key].get(j, 0.0)

    return p


def effective_size(G, *, weight=None):
    require_positive(G, weight, "weight")
    refuse_multigraph(G, "effective size")
    out = {}
    if not G.is_directed() and weight is None:
        for v in G:
            nbrs = set(G[v]) - {v}
            if not nbrs:
                out[v] = math.nan
                continue
            E = G.subgraph(nbrs)
            t = E.number_of_edges() - nx.number_of_selfloops(E)
            n = len(nbrs)
            out[v] = n - 2 * t / n
        return out
    cache: dict = {}
    p = _p(G, weight, cache)
    maxw: dict = {}

    def m(j, q):
        if j not in maxw:
            maxw[j] = max((_mutual_weight(G, j, k, weight) for k in _neighbors(G, j) - {j}), default=0)
        mw = _mutual_weight(G, j, q, weight) if q in _neighbors(G, j) else 0
        return mw / maxw[j] if maxw[j] else 0.0

    for i in G:
        nbrs = _neighbors(G, i) - {i}
        if not nbrs:
            out[i] = math.nan
            continue
        out[i] = sum(1 - sum(p(i, q) * m(j, q) for q in nbrs - {j}) for j in nbrs)
    return out


def articulation_points(G):
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    return sorted(nx.articulation_points(H), key=node_key)


def bridges(G):
    H = G.to_undirected(as_view=False) if G.is_directed() else G
    if H.is_multigraph():
        H = nx.MultiGraph(H)
    out = []
    for u, v in nx.bridges(H):
        a, b = sorted([u, v], key=node_key)
        out.append((a, b))
    return sorted(out, key=lambda e: (node_key(e[0]), node_key(e[1])))


def brokerage_roles(G, *, group="tier_name"):
    D = G if G.is_directed() else G.to_directed(as_view=True)
    grp = {v: d.get(group) for v, d in D.nodes(data=True)}
    out = {v: dict.fromkeys(ROLES, 0) for v in D}
    for b in D:
        gb = grp[b]
        succ_b = [c for c in D.succ[b] if c != b]
        roles = out[b]
        for a in D.pred[b]:
            if a == b:
                continue
            ga = grp[a]
            succ_a = D.succ[a]
            for c in succ_b:
                if c == a or c in succ_a:
                    continue
                gc = grp[c]
                if ga == gb == gc:
                    roles["coordinator"] += 1
                elif ga == gc:
                    roles["consultant"] += 1
                elif gb == gc:
                    roles["gatekeeper"] += 1
                elif ga == gb:
                    roles["representative"] += 1
                else:
                    roles["liaison"] += 1
    for roles in out.values():
        roles["total"] = sum(roles[r] for r in ROLES)
    return out


def stability_parts(G, parts, *, weight="weight", resolution=1.0):
    """Modularity of each partition and ARI/NMI of every pair, the way the old stability loop computed them."""
    mods = [float(nx.community.modularity(G, p, weight=weight, resolution=resolution)) if G.number_of_edges() else 0.0
            for p in parts]
    aris = [C.adjusted_rand_index(p, q) for p, q in itertools.combinations(parts, 2)]
    nmis = [C.normalized_mutual_information(p, q) for p, q in itertools.combinations(parts, 2)]
    return mods, aris, nmis


def random_graphs(*, directed=False, seeds=range(6)):
    """Small random graphs with tiers and provinces: sparse and dense, disconnected (with isolates and
    self-loops), string and integer ids, unweighted, whole-number and fractional weights."""

    out = []
    for s in seeds:
        rnd = random.Random(s)
        n = rnd.choice([12, 25, 40])
        p = rnd.choice([0.08, 0.15, 0.3])
        G = nx.gnp_random_graph(n, p, seed=s, directed=directed)
        H = nx.gnp_random_graph(8, 0.4, seed=100 + s, directed=directed)
        G = nx.disjoint_union(G, H)  # disconnected
        G.add_nodes_from([n + 8, n + 9])  # isolates
        G.add_edge(0, 0)  # a self-loop
        if s % 2:
            G = nx.relabel_nodes(G, {v: f"org-{v:03d}" if v % 3 else v for v in G})
        for v in G:
            G.nodes[v]["tier"] = rnd.choice([1, 2, 3, None])
            G.nodes[v]["tier_name"] = {1: "provincial", 2: "municipal", 3: "county", None: "other"}[G.nodes[v]["tier"]]
            G.nodes[v]["province"] = rnd.choice(["440000", "430000", "110000", "", None])
            G.nodes[v]["name_zh"] = f"组织{v}"
        for u, v, d in G.edges(data=True):
            if s % 3 == 1:
                d["weight"] = float(rnd.randint(1, 4))
            elif s % 3 == 2:
                d["weight"] = rnd.uniform(0.1, 3.0)
        out.append(G)
    return out


def stability(G, *, runs=10, seed=0, weight="weight", resolution=1.0, engine="networkx"):
    """The old :func:`swgraph.analysis.communities.stability`: a conversion, a modularity and two comparisons per run."""
    seeds = [seed + i for i in range(runs)]
    parts = [C.louvain(G, weight=weight, resolution=resolution, seed=s, engine=engine) for s in seeds]
    mods = [float(nx.community.modularity(G, p, weight=weight, resolution=resolution)) if G.number_of_edges() else 0.0
            for p in parts]
    aris, nmis = [], []
    for p, q in itertools.combinations(parts, 2):
        aris.append(C.adjusted_rand_index(p, q))
        nmis.append(C.normalized_mutual_information(p, q))
    best = max(range(runs), key=lambda i: (mods[i], -i))
    distinct = len({tuple(tuple(map(str, c)) for c in p) for p in parts})
    return C.Stability(
        runs=runs, engine=engine, seeds=seeds, n_communities=[len(p) for p in parts], modularity=mods,
        distinct_partitions=distinct, mean_ari=sum(aris) / len(aris) if aris else 1.0, min_ari=min(aris) if aris else 1.0,
        mean_nmi=sum(nmis) / len(nmis) if nmis else 1.0, min_nmi=min(nmis) if nmis else 1.0,
        best_seed=seeds[best], best=parts[best])
