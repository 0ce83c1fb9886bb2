"""Small graphs following docs/graph-contract.md, built in code for the map tests."""

from __future__ import annotations

import random

import networkx as nx

from swgraph.core import kinds, regions

FED = "org:cfsw"
FED_ZH = "中国社会工作联合会"
#: the first kind of each tier in the kind table
KINDS_BY_TIER = {}
for _spec in kinds.tiered():
    KINDS_BY_TIER.setdefault(_spec.tier, _spec.name)
TIER_NAMES = {tier: names[0] for tier, names in kinds.TIERS.items()}
OTHER_KINDS = ["government_body", "university", "research_centre", "foundation"]
EDGE_TYPES = ["agreement", "visit", "meeting", "programme", "cooperation"]

HOSTILE = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    "javascript:window.__pwned=1",
    "</script><script>window.__pwned=1</script>",
    "\"'><svg onload=window.__pwned=1>",
    "<a href=\"javascript:window.__pwned=1\">href</a>",
    "{{ 7*7 }} {% raw %} ${window.__pwned=1} <!--SWG:DATA-->",
    "\u2028\u2029</SCRIPT ><iframe srcdoc=\"<script>parent.__pwned=1</script>\">",
    "<style>body{display:none}</style>https://evil.example/x.js",
]


def org(G, key, *, tier, name_zh, name_en="", region="", synthetic=False, kind=None, **extra):
    prov = regions.province_of(region) if region and region != "100000" else None
    G.add_node(
        key,
        kind=kind or (KINDS_BY_TIER[tier] if tier is not None else "government_body"),
        group="organisation",
        tier=tier,
        tier_name=TIER_NAMES.get(tier, "other"),
        name_zh=name_zh,
        name_en=name_en,
        pinyin=extra.pop("pinyin", ""),
        aliases=extra.pop("aliases", []),
        region=region,
        province=prov or "",
        province_name=regions.name(prov) if prov else "",
        synthetic=synthetic,
        sources=extra.pop("sources", [f"seed-{key}: test record"]),
        **extra,
    )


def tie(G, u, v, rel="cooperation", weight=1.0, synthetic=False):
    G.add_edge(u, v, type=rel, types=[rel], weight=weight, distance=1.0 / weight,
               records=[f"rec:{u}-{v}"], first_date="2021-05", synthetic=synthetic)


def small_graph() -> nx.Graph:
    """A dozen organisations with every tier, a synthetic node and each relation type."""
    G = nx.Graph()
    org(G, FED, tier=0, name_zh=FED_ZH, name_en="China Federation of Social Work",
        region="100000", pinyin="zhong guo she hui gong zuo lian he hui", aliases=["中社联"])
    org(G, "org:gd", tier=1, name_zh="广东省社会工作联合会", name_en="Guangdong Social Work Federation",
        region="440000", pinyin="guang dong sheng she hui gong zuo lian he hui")
    org(G, "org:bj", tier=1, name_zh="北京市社会工作联合会", name_en="Beijing Social Work Federation",
        region="110000", pinyin="bei jing shi she hui gong zuo lian he hui")
    org(G, "org:gz", tier=2, name_zh="广州市社会工作协会", name_en="Guangzhou Social Work Association",
        region="440100", pinyin="guang zhou shi she hui gong zuo xie hui", aliases=["穗社协"])
    org(G, "org:sz", tier=2, name_zh="深圳市社会工作者协会", name_en="Shenzhen Association of Social Workers",
        region="440300", pinyin="shen zhen shi she hui gong zuo zhe xie hui")
    org(G, "org:th", tier=3, name_zh="天河区社会工作协会", region="440106", pinyin="tian he qu she hui gong zuo xie hui")
    org(G, "org:ag1", tier=4, name_zh="阳光社工服务中心", name_en="Sunshine Social Work Service Centre",
        region="440106", synthetic=True, pinyin="yang guang she gong fu wu zhong xin")
    org(G, "org:ag2", tier=4, name_zh="朝阳社工事务所", region="110105", pinyin="chao yang she gong shi wu suo")
    org(G, "org:mca", tier=None, kind="government_body", name_zh="民政部", name_en="Ministry of Civil Affairs",
        region="100000", pinyin="min zheng bu")
    org(G, "org:pku", tier=None, kind="university", name_zh="北京大学", name_en="Peking University",
        region="110108", pinyin="bei jing da xue")
    org(G, "org:xx", tier=None, kind="foundation", name_zh="某基金会", region="", pinyin="mou ji jin hui")
    tie(G, FED, "org:gd", "agreement", 3.0)
    tie(G, FED, "org:bj", "agreement", 2.0)
    tie(G, "org:gd", "org:gz", "programme", 1.0)
    tie(G, "org:gd", "org:sz", "visit", 2.0)
    tie(G, "org:gz", "org:th", "meeting", 1.0)
    tie(G, "org:th", "org:ag1", "cooperation", 1.0, synthetic=True)
    tie(G, "org:bj", "org:ag2", "cooperation", 1.0)
    tie(G, FED, "org:mca", "meeting", 4.0)
    tie(G, "org:bj", "org:pku", "programme", 1.0)
    tie(G, "org:xx", "org:sz", "visit", 1.0)
    return G


def random_graph(n: int, *, seed: int = 0, avg_degree: float = 3.0) -> nx.Graph:
    """``n`` organisations spread over provinces and prefectures, ~avg_degree*n/2 typed ties."""
    rng = random.Random(seed)
    G = nx.Graph()
    org(G, FED, tier=0, name_zh=FED_ZH, name_en="China Federation of Social Work", region="100000",
        pinyin="zhong guo she hui gong zuo lian he hui")
    provs = regions.provinces()
    places = []
    for p in provs:
        prefs = regions.prefectures(p) or [p]
        places.extend(prefs)
    keys = [FED]
    for i in range(1, n):
        tier = rng.choices([1, 2, 3, 4, None], weights=[1, 6, 20, 60, 13])[0]
        place = rng.choice(places)
        if tier == 1:
            place = regions.province_of(place) or place
        kind = None if tier is not None else rng.choice(OTHER_KINDS)
        name = f"{regions.name(place)}{'社会工作协会' if tier in (1, 2, 3) else '社工服务中心'}{i}"
        key = f"org:{i:05d}"
        org(G, key, tier=tier, kind=kind, name_zh=name, name_en=f"Organisation {i}", region=place,
            synthetic=rng.random() < 0.1, pinyin=f"org {i}")
        keys.append(key)
    m = int(n * avg_degree / 2)
    for _ in range(m):
        u, v = rng.sample(keys, 2)
        if not G.has_edge(u, v):
            tie(G, u, v, rng.choice(EDGE_TYPES), float(rng.randint(1, 5)), synthetic=rng.random() < 0.1)
    return G


def hostile_graph() -> nx.Graph:
    """small_graph plus organisations whose every text field is an injection attempt."""
    G = small_graph()
    for i, payload in enumerate(HOSTILE):
        key = f"evil:{i}:{payload}"
        org(G, key, tier=4, name_zh=payload, name_en=payload, region="440106", pinyin=payload,
            aliases=[payload, "href"], sources=[f"{payload}: quote with href {payload}"])
        tie(G, key, "org:gz" if i % 2 else FED, "cooperation", 1.0)
        G.edges[key, "org:gz" if i % 2 else FED]["first_date"] = payload
    return G
