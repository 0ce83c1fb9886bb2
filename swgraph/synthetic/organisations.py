"""The administrative chain: documented organisations read in, associations and service agencies placed.

Provincial associations go to provinces without a documented one; municipal
associations fill each province quota first, then prefectures elsewhere
(more likely where a provincial association exists); county associations
favour areas whose city or province has one. Service agencies are placed in
the area of an association, chance by its tier
(:attr:`~swgraph.synthetic.profiles.Profile.agency_anchor`), and hang on the
nearest association above their county.
"""

from __future__ import annotations

import random

from swgraph.core import regions
from swgraph.core.errors import InputError
from swgraph.synthetic import names as nm
from swgraph.synthetic.draws import Pool, late, month_index, month_text, weighted_sample
from swgraph.synthetic.places import county_divisions, mainland_provinces, place_name
from swgraph.synthetic.state import BuildState, Org
from swgraph.synthetic.statistics import Targets
from swgraph.synthetic.tiers import AGENCY, ASSOCIATION_TIERS, COUNTY, MUNICIPAL, NATIONAL, PROVINCIAL, TIER_KINDS

#: id prefix of a synthetic association, by tier
ID_PREFIX = {PROVINCIAL: "prov", MUNICIPAL: "muni", COUNTY: "county"}
#: the earliest month an association of a tier may be founded
EARLIEST_FOUNDING = {PROVINCIAL: month_index("2006-01"), MUNICIPAL: month_index("2008-01"), COUNTY: month_index("2009-01")}
#: the latest month a provincial association may be founded
LATEST_PROVINCIAL_FOUNDING = month_index("2014-06")
#: the earliest month a service agency may be founded
EARLIEST_AGENCY = month_index("2006-01")


def read_documented(b: BuildState) -> None:
    """Take the documented organisations as the starting point: the chain already in the seeds."""
    for org in b.ds.organisations:
        tier = org.tier
        region = org.region
        b.orgs[org.id] = Org(
            org.id, tier if tier is not None else -1, region,
            regions.province_of(region) if region else None,
            regions.prefecture_of(region) if region else None,
            month_index(org.founded.latest) if org.founded else None, True, org.name_zh)
        if tier in ASSOCIATION_TIERS and region:
            b.assoc_at[tier].setdefault(region, org.id)
    b.national = next((o.id for o in b.ds.organisations if o.kind == TIER_KINDS[NATIONAL]), None)


def place_associations(b: BuildState, t: Targets) -> None:
    """Add provincial, municipal and county associations until the tiers hold ``t``'s counts."""
    rng = b.rng("associations")
    mainland = mainland_provinces()
    doc_prov, doc_muni, doc_county = (b.assoc_at[PROVINCIAL], b.assoc_at[MUNICIPAL], b.assoc_at[COUNTY])

    need = t.provincial - len(doc_prov)
    cands = [p for p in mainland if p not in doc_prov]
    if need < 0 or need > len(cands):
        raise InputError(f"cannot place {t.provincial} provincial associations "
                         f"({len(doc_prov)} documented, {len(mainland)} provinces)")
    provs = sorted(rng.sample(cands, need))
    for code in provs:
        _association(b, rng, PROVINCIAL, code)

    munis: list[str] = []
    for prov, quota in t.province_quotas.items():
        have = sum(1 for r in doc_muni if regions.province_of(r) == prov)
        free = [p for p in regions.prefectures(prov) if p not in doc_muni]
        k = quota - have
        if k < 0 or k > len(free):
            raise InputError(f"cannot place {quota} municipal associations in {regions.name(prov)}")
        munis += weighted_sample(rng, free, [1.0] * len(free), k)
    rest = t.municipal - len(doc_muni) - len(munis)
    free = [pref for prov in mainland if prov not in t.province_quotas
            for pref in regions.prefectures(prov) if pref not in doc_muni]
    if rest < 0 or rest > len(free):
        raise InputError(f"cannot place {t.municipal} municipal associations")
    weights = [3.0 if regions.province_of(p) in b.assoc_at[PROVINCIAL] else 1.0 for p in free]
    munis += weighted_sample(rng, free, weights, rest)
    for code in sorted(munis):
        _association(b, rng, MUNICIPAL, code)

    free = [c for prov in mainland for c in county_divisions(prov) if c not in doc_county]
    need = t.county - len(doc_county)
    if need < 0 or need > len(free):
        raise InputError(f"cannot place {t.county} county associations")
    weights = [_county_weight(b, c) for c in free]
    for code in sorted(weighted_sample(rng, free, weights, need)):
        _association(b, rng, COUNTY, code)


def _county_weight(b: BuildState, code: str) -> float:
    """How likely a county gets an association: more where its city (or province) has one, doubled for districts."""
    pref, prov = regions.prefecture_of(code), regions.province_of(code)
    if pref and pref in b.assoc_at[MUNICIPAL]:
        w = 4.0
    elif not pref and prov in b.assoc_at[PROVINCIAL]:
        w = 4.0
    elif prov in b.assoc_at[PROVINCIAL]:
        w = 1.5
    else:
        w = 0.5
    if regions.get(code).type == "市辖区":
        w *= 2
    return w


def _parent_of(b: BuildState, tier: int, region: str) -> str | None:
    """The association one tier (or two) up whose area holds ``region``; the federation for provinces."""
    if tier == PROVINCIAL:
        return b.national
    prov = regions.province_of(region)
    if tier >= COUNTY:
        pref = regions.prefecture_of(region)
        if pref and pref in b.assoc_at[MUNICIPAL]:
            return b.assoc_at[MUNICIPAL][pref]
    if tier >= MUNICIPAL and prov in b.assoc_at[PROVINCIAL]:
        return b.assoc_at[PROVINCIAL][prov]
    return None


def _association(b: BuildState, rng: random.Random, tier: int, code: str) -> None:
    """One association of ``tier`` in division ``code``, founded after its parent."""
    oid = f"syn-{ID_PREFIX[tier]}-{code}"
    parent = _parent_of(b, tier, code)
    lo = EARLIEST_FOUNDING[tier]
    hi = b.as_of - (COUNTY - tier) - 1
    if tier > PROVINCIAL and parent is not None and b.orgs[parent].founded is not None:
        lo = max(lo, b.orgs[parent].founded + 1)
    founded = late(rng, min(lo, hi), hi) if tier > PROVINCIAL else rng.randint(lo, LATEST_PROVINCIAL_FOUNDING)
    name = place_name(code) + rng.choice(nm.ASSOCIATION_FORMS[tier])
    rec = {"id": oid, "kind": TIER_KINDS[tier], "name_zh": name, "region": code}
    if parent:
        rec["parent"] = parent
    rec["founded"] = month_text(founded)
    b.out["organisations"].append(b.mark(rec))
    b.orgs[oid] = Org(oid, tier, code, regions.province_of(code), regions.prefecture_of(code), founded, False, name)
    b.assoc_at[tier][code] = oid


def place_agencies(b: BuildState, t: Targets) -> None:
    """Add ``t.agencies`` service agencies, each in a county of an association's area and under its association."""
    rng = b.rng("agencies")
    anchors = sorted(oid for tier in ASSOCIATION_TIERS for oid in b.assoc_at[tier].values())
    if not anchors:
        raise InputError("no association to attach service agencies to")
    pool = Pool(anchors, [b.p.agency_anchor[b.orgs[a].tier] for a in anchors])
    counties: dict[str, list[str]] = {}
    used: set[str] = set()
    for i in range(1, t.agencies + 1):
        anchor = b.orgs[pool.pick(rng)]
        if anchor.tier == COUNTY:
            region = anchor.region
        else:
            if anchor.region not in counties:
                counties[anchor.region] = county_divisions(anchor.region)
            region = rng.choice(counties[anchor.region]) if counties[anchor.region] else anchor.region
        parent = (b.assoc_at[COUNTY].get(region) or b.assoc_at[MUNICIPAL].get(regions.prefecture_of(region) or "")
                  or b.assoc_at[PROVINCIAL].get(regions.province_of(region) or ""))
        prefix = place_name(region)
        for _ in range(5):
            name = prefix + rng.choice(nm.AGENCY_WORDS) + rng.choice(nm.AGENCY_FORMS)
            if name not in used:
                break
        used.add(name)
        founded = late(rng, EARLIEST_AGENCY, b.as_of - 1)
        oid = f"syn-agency-{i:06d}"
        b.out["organisations"].append(b.mark({
            "id": oid, "kind": TIER_KINDS[AGENCY], "name_zh": name, "region": region, "parent": parent,
            "founded": month_text(founded)}))
        b.orgs[oid] = Org(oid, AGENCY, region, regions.province_of(region), regions.prefecture_of(region),
                          founded, False, name)
        b.agencies.append(oid)
        b.agency_parent[oid] = parent
