"""Relations: agreements, events (visits, meetings, forums, trainings), ties and programmes.

Associations sign agreements with and visit partners mostly in their own
province, then in the neighbouring ones (:attr:`~swgraph.synthetic.profiles.Profile.partner_mix`);
provincial associations hold meetings with the associations of their
province; associations train the service agencies under them; agencies tie up
mostly within their city; provincial and municipal associations run
programmes with agencies of their area. Every relation is dated after all
its parties were founded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from swgraph.core import regions
from swgraph.synthetic import names as nm
from swgraph.synthetic.draws import Pool, day_text, month_text, poisson
from swgraph.synthetic.places import mainland_provinces, neighbour_provinces, place_name
from swgraph.synthetic.state import BuildState
from swgraph.synthetic.tiers import ASSOCIATION_TIERS, COUNTY, MUNICIPAL, PROVINCIAL

#: weight of an association of a tier as a partner (agreements, visits)
PARTNER_WEIGHT = {PROVINCIAL: 6.0, MUNICIPAL: 3.0, COUNTY: 1.0}
#: the tiers that host trainings and run programmes
PROGRAMME_TIERS = (PROVINCIAL, MUNICIPAL)

# ---------------------------------------------------------------- partners among associations


@dataclass(frozen=True)
class Partners:
    """Every association (sorted), and weighted pools of partners: same province, neighbouring ones, anywhere."""

    assocs: list[str]
    same: dict[str, Pool]
    near: dict[str, Pool]
    anywhere: Pool


def partner_pools(b: BuildState) -> Partners:
    """The partner pools of the associations placed so far."""
    assocs = sorted(oid for tier in ASSOCIATION_TIERS for oid in b.assoc_at[tier].values())
    by_prov: dict[str, list[str]] = {}
    for a in assocs:
        by_prov.setdefault(b.orgs[a].province, []).append(a)
    provs = sorted(by_prov)
    near = neighbour_provinces(mainland_provinces(), b.p.neighbours)

    def pool(ids):
        ids = sorted(ids)
        return Pool(ids, [PARTNER_WEIGHT[b.orgs[i].tier] for i in ids])

    return Partners(
        assocs,
        {p: pool(by_prov[p]) for p in provs},
        {p: pool([a for q in near.get(p, []) for a in by_prov.get(q, [])]) for p in provs},
        pool(assocs),
    )


def pick_partner(b: BuildState, rng: random.Random, a: str, pools: Partners) -> str | None:
    """A partner for association ``a`` other than itself (``None`` after six misses)."""
    prov = b.orgs[a].province
    mix = b.p.partner_mix
    for _ in range(6):
        r = rng.random() * sum(mix)
        pool = pools.same[prov] if r < mix[0] else pools.near[prov] if r < mix[0] + mix[1] else pools.anywhere
        if pool:
            partner = pool.pick(rng)
            if partner != a:
                return partner
    return None


# ---------------------------------------------------------------- agreements


def agreements(b: BuildState) -> None:
    """Add agreements between associations: at most one per pair, none duplicating a documented one."""
    rng = b.rng("agreements")
    pools = partner_pools(b)
    out = b.out["agreements"]
    seen = {frozenset(a.parties) for a in b.ds.agreements}
    for a in pools.assocs:
        for _ in range(poisson(rng, b.p.agreements[b.orgs[a].tier])):
            other = pick_partner(b, rng, a, pools)
            if other is None or frozenset((a, other)) in seen:
                continue
            lo, hi = b.window(a, other)
            if lo > hi:
                continue
            seen.add(frozenset((a, other)))
            ta, tb = b.orgs[a].tier, b.orgs[other].tier
            kind = ("strategic_cooperation" if ta == tb == PROVINCIAL and rng.random() < 0.7
                    else "memorandum" if rng.random() < 0.2 else "cooperation")
            title = f"{place_name(b.orgs[a].region)}与{place_name(b.orgs[other].region)}社会工作合作协议"
            scope = [{"name_zh": s} for s in sorted(rng.sample(nm.SCOPE_ITEMS, rng.randint(1, 4)))]
            out.append(b.mark({
                "id": f"syn-agr-{len(out) + 1:06d}", "kind": kind, "title_zh": title, "parties": [a, other],
                "signed": day_text(rng, rng.randint(lo, hi)), "scope": scope}))


# ---------------------------------------------------------------- events


def _add_event(b: BuildState, rec: dict) -> None:
    out = b.out["events"]
    out.append(b.mark({"id": f"syn-ev-{len(out) + 1:06d}", **rec}))


def events(b: BuildState) -> None:
    """Add visits, visits to the national federation, meetings and forums, and trainings (one stream, in that order)."""
    rng = b.rng("events")
    pools = partner_pools(b)
    _visits(b, rng, pools)
    _federation_visits(b, rng)
    _meetings(b, rng, pools.assocs)
    _trainings(b, rng)


def _visits(b: BuildState, rng: random.Random, pools: Partners) -> None:
    """Visits among associations: mostly nearby, more at higher tiers."""
    for a in pools.assocs:
        for _ in range(poisson(rng, b.p.visits[b.orgs[a].tier])):
            host = pick_partner(b, rng, a, pools)
            if host is None:
                continue
            visitors = [a]
            same = pools.same[b.orgs[a].province]
            if rng.random() < 0.2:
                other = same.pick(rng)
                if other not in (a, host):
                    visitors.append(other)
            lo, hi = b.window(host, *visitors)
            if lo > hi:
                continue
            rec = {"kind": "visit", "title_zh": f"{b.orgs[a].name}到访{b.orgs[host].name}", "host": host,
                   "visitors": visitors}
            people = [b.president[v] for v in visitors if v in b.president]
            if people:
                rec["people"] = people
            rec.update(date=day_text(rng, rng.randint(lo, hi)), place=b.orgs[host].region,
                       purpose_zh=rng.choice(nm.VISIT_PURPOSES))
            _add_event(b, rec)


def _federation_visits(b: BuildState, rng: random.Random) -> None:
    """Synthetic provincial associations visiting the national federation once it exists."""
    if not b.national:
        return
    fed = b.orgs[b.national]
    for a in sorted(v for v in b.assoc_at[PROVINCIAL].values() if not b.orgs[v].documented):
        if rng.random() < 0.35:
            lo, hi = b.window(b.national, a)
            if lo <= hi:
                _add_event(b, {"kind": "visit", "title_zh": f"{b.orgs[a].name}到访{fed.name}",
                               "host": b.national, "visitors": [a], "people": [b.president[a]],
                               "date": day_text(rng, rng.randint(lo, hi)), "place": fed.region,
                               "purpose_zh": "汇报交流行业组织建设"})


def _meetings(b: BuildState, rng: random.Random, assocs: list[str]) -> None:
    """Meetings and forums of provincial associations with the associations of their province."""
    by_prov: dict[str, list[str]] = {}
    for a in assocs:
        by_prov.setdefault(b.orgs[a].province, []).append(a)
    for host in sorted(b.assoc_at[PROVINCIAL].values()):
        prov = b.orgs[host].province
        for _ in range(poisson(rng, 2.0)):
            lo, hi = b.window(host)
            if lo > hi:
                continue
            month = rng.randint(lo, hi)
            local = [a for a in by_prov.get(prov, []) if a != host
                     and (b.orgs[a].founded is None or b.orgs[a].founded < month)]
            if len(local) < 2:
                continue
            kind = rng.choice(("forum", "meeting", "meeting"))
            parts = sorted(rng.sample(local, min(len(local), rng.randint(2, 8))))
            _add_event(b, {"kind": kind,
                           "title_zh": f"{place_name(b.orgs[host].region)}{rng.choice(nm.MEETING_TITLES[kind])}",
                           "host": host, "participants": parts, "date": day_text(rng, month),
                           "place": b.orgs[host].region})


def _trainings(b: BuildState, rng: random.Random) -> None:
    """Trainings for service agencies, hosted by their provincial or municipal association (scale with the agencies)."""
    under: dict[str, list[str]] = {}
    for aid in b.agencies:
        under.setdefault(b.agency_parent[aid], []).append(aid)
    hosts = sorted(h for h in under if b.orgs[h].tier in PROGRAMME_TIERS)
    if not hosts:
        return
    hp = Pool(hosts, [len(under[h]) for h in hosts])
    for _ in range(round(len(b.agencies) / 25)):
        host = hp.pick(rng)
        lo, hi = b.window(host)
        if lo > hi:
            continue
        month = rng.randint(lo, hi)
        local = [a for a in under[host] if b.orgs[a].founded < month]
        if not local:
            continue
        parts = sorted(rng.sample(local, min(len(local), rng.randint(4, 12))))
        _add_event(b, {"kind": "training",
                       "title_zh": f"{place_name(b.orgs[host].region)}{rng.choice(nm.MEETING_TITLES['training'])}",
                       "host": host, "participants": parts, "date": day_text(rng, month),
                       "place": b.orgs[host].region})


# ---------------------------------------------------------------- ties among service agencies

TIE_KINDS = ("cooperation",) * 6 + ("learning_exchange",) * 3 + ("co_building",)  # drawn uniformly: 6:3:1


def ties(b: BuildState) -> None:
    """Add ties between service agencies: 75 % in the same city, 20 % the same province, 5 % anywhere."""
    rng = b.rng("ties")
    if len(b.agencies) < 2:
        return
    by_group: dict[str, list[str]] = {}
    by_prov: dict[str, list[str]] = {}
    for a in b.agencies:
        o = b.orgs[a]
        by_group.setdefault(o.prefecture or o.province, []).append(a)
        by_prov.setdefault(o.province, []).append(a)
    out = b.out["ties"]
    seen: set[frozenset] = set()
    for _ in range(round(b.p.agency_ties * len(b.agencies))):
        a = rng.choice(b.agencies)
        o = b.orgs[a]
        for _try in range(3):
            r = rng.random()
            pool = (by_group[o.prefecture or o.province] if r < 0.75 else by_prov[o.province] if r < 0.95
                    else b.agencies)
            other = rng.choice(pool)
            if other != a and frozenset((a, other)) not in seen:
                break
        else:
            continue
        lo, hi = b.window(a, other)
        if lo > hi:
            continue
        seen.add(frozenset((a, other)))
        kind = rng.choice(TIE_KINDS)
        out.append(b.mark({
            "id": f"syn-tie-{len(out) + 1:06d}", "kind": kind, "parties": sorted((a, other)),
            "date": month_text(rng.randint(lo, hi)), "description_zh": rng.choice(nm.TIE_DESCRIPTIONS[kind])}))


# ---------------------------------------------------------------- programmes


def programmes(b: BuildState) -> None:
    """Add programmes of synthetic provincial and municipal associations, then one of the national federation."""
    rng = b.rng("programmes")
    out = b.out["programmes"]
    under: dict[str, list[str]] = {}  # association -> agencies anywhere in its area
    for aid in b.agencies:
        o = b.orgs[aid]
        for key in (b.assoc_at[PROVINCIAL].get(o.province), b.assoc_at[MUNICIPAL].get(o.prefecture or "")):
            if key:
                under.setdefault(key, []).append(aid)
    owners = sorted(v for t in PROGRAMME_TIERS for v in b.assoc_at[t].values() if not b.orgs[v].documented)
    for owner in owners:
        o = b.orgs[owner]
        if rng.random() >= (0.7 if o.tier == PROVINCIAL else 0.2):
            continue
        lo, hi = b.window(owner)
        hi -= 2
        if lo > hi:
            continue
        launched = rng.randint(lo, hi)
        parts = []
        local = [a for a in under.get(owner, []) if b.orgs[a].founded < launched]
        k = min(len(local), max(3, round(0.08 * len(local))))
        for a in sorted(rng.sample(local, k)):
            role = rng.choices(("partner", "base", "trainee"), (7, 2, 1))[0]
            parts.append({"organisation": a, "role": role, "since": month_text(rng.randint(launched, b.last))})
        if o.tier == PROVINCIAL:
            cities = [v for c, v in sorted(b.assoc_at[MUNICIPAL].items()) if regions.province_of(c) == o.province
                      and (b.orgs[v].founded is None or b.orgs[v].founded < launched)]
            for c in sorted(rng.sample(cities, min(len(cities), rng.randint(1, 4)))):
                parts.append({"organisation": c, "role": "co_builder", "since": month_text(launched)})
        if not parts:
            continue
        acts = [{"kind": "training", "name_zh": "专题培训", "place": o.region,
                 "date": month_text(rng.randint(launched, b.last)), "count": rng.randint(20, 200),
                 "unit_zh": "人次"}]
        if rng.random() < 0.5:
            acts.append({"kind": "base", "name_zh": "实践基地", "count": rng.randint(2, 10), "unit_zh": "个"})
        out.append(b.mark({
            "id": f"syn-prog-{len(out) + 1:04d}", "kind": "programme",
            "name_zh": place_name(o.region) + rng.choice(nm.PROGRAMME_NAMES), "owner": owner,
            "launched": month_text(launched), "participants": parts, "activities": acts}))
    if b.national:  # one national programme of the federation with the provincial associations
        lo, hi = b.window(b.national)
        if lo <= hi:
            launched = rng.randint(lo, hi)
            provs = sorted(v for v in b.assoc_at[PROVINCIAL].values()
                           if b.orgs[v].founded is None or b.orgs[v].founded < launched)
            if provs:
                out.append(b.mark({
                    "id": f"syn-prog-{len(out) + 1:04d}", "kind": "initiative",
                    "name_zh": "全国社会工作行业组织能力建设行动", "owner": b.national,
                    "launched": month_text(launched),
                    "participants": [{"organisation": v, "role": "participant", "since": month_text(launched)}
                                     for v in provs]}))
