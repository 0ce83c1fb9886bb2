"""Build a synthetic national network around the documented seeds.

The generator reads the documented data set, takes its tier counts from the
statistics a :class:`~swgraph.synthetic.profiles.Profile` names, and adds
synthetic associations, service agencies, people, posts, agreements, events,
ties and programmes until documented + synthetic match those counts.

Everything is drawn from ``random.Random`` streams seeded by
``(profile, seed, phase)`` and iterated in sorted order, so the same
profile, seed and scale give the same records; places come from
:mod:`swgraph.core.regions`, "neighbouring provinces" from the map coordinates of
the provincial seats (:mod:`swgraph.core.geo`).
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.core.errors import InputError
from swgraph.synthetic import names as nm
from swgraph.synthetic.profiles import Profile, count_of, get_profile

TIER_KINDS = {0: "national_federation", 1: "provincial_association", 2: "municipal_association",
              3: "county_association", 4: "service_agency"}
KIND_TIERS = {kind: tier for tier, kind in TIER_KINDS.items()}
ASSOCIATION_TIERS = (1, 2, 3)

# ---------------------------------------------------------------- months


def month_index(value: str) -> int:
    """``YYYY-MM`` (or ``YYYY``, ``YYYY-MM-DD``) as a month number.

    >>> month_index("2015-06") - month_index("2014-12")
    6
    """
    return int(value[:4]) * 12 + (int(value[5:7]) - 1 if len(value) >= 7 else 0)


def month_text(index: int) -> str:
    """A month number as ``YYYY-MM``.

    >>> month_text(month_index("2010-01"))
    '2010-01'
    """
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _day_text(rng: random.Random, month: int) -> str:
    return f"{month_text(month)}-{rng.randint(1, 28):02d}"


def _late(rng: random.Random, lo: int, hi: int) -> int:
    """A month in [lo, hi], more likely late (the sector grew fast up to 2015)."""
    if hi <= lo:
        return lo
    return min(hi, lo + int((hi - lo + 1) * math.sqrt(rng.random())))


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """``k`` items without replacement, chance by weight (exponential keys; order of ``items`` matters)."""
    if k <= 0:
        return []
    keys = sorted((-math.log(1.0 - rng.random()) / w, i) for i, w in enumerate(weights) if w > 0)
    return [items[i] for _, i in keys[:k]]


class _Pool:
    """Weighted choice among ids, with cumulative weights precomputed."""

    __slots__ = ("ids", "cum")

    def __init__(self, ids: list[str], weights: Iterable[float]):
        self.ids = ids
        self.cum = list(itertools.accumulate(weights))

    def __bool__(self):
        return bool(self.ids)

    def pick(self, rng: random.Random) -> str:
        return self.ids[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


# ---------------------------------------------------------------- places


def mainland_provinces() -> list[str]:
    """Province-level divisions that have prefectures or counties in the division list (the 31 of the mainland)."""
    return [p for p in regions.provinces() if regions.prefectures(p) or regions.counties(p)]


def county_divisions(code: str) -> list[str]:
    """Every county-level division in a province or prefecture (sorted)."""
    out = list(regions.counties(code))
    for pref in regions.prefectures(code):
        out.extend(regions.counties(pref))
    return sorted(out)


def place_name(code: str) -> str:
    """A division's name as written in an organisation's name: districts carry their city.

    >>> place_name("440103"), place_name("440000")
    ('广州市荔湾区', '广东省')
    """
    div = regions.get(code)
    if div is None:
        return code
    if div.type == "市辖区" and div.parent:
        return regions.name(div.parent) + div.name
    return div.name


def neighbour_provinces(provinces: list[str], k: int) -> dict[str, list[str]]:
    """The ``k`` provinces whose seats are nearest each province's seat."""
    from swgraph.core.geo import coords

    pos = {p: coords(p) for p in provinces}
    out = {}
    for p in provinces:
        if pos[p] is None:
            out[p] = []
            continue
        lon, lat = pos[p]
        k_lon = math.cos(math.radians(lat))

        def dist(q):
            qlon, qlat = pos[q]
            return math.hypot((qlon - lon) * k_lon, qlat - lat)

        others = sorted((q for q in provinces if q != p and pos[q] is not None), key=lambda q: (dist(q), q))
        out[p] = others[:k]
    return out


# ---------------------------------------------------------------- the generated set


@dataclass
class SyntheticSet:
    """A generated data set: its ``dataset:`` block and records (plain mappings in seed format) by collection."""

    profile: str
    seed: int
    scale: float
    generator: str
    info: dict[str, Any]
    records: dict[str, list[dict]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Records per collection, organisations also per kind (``organisations.<kind>``)."""
        out = {c: len(rs) for c, rs in self.records.items()}
        for org in self.records.get("organisations", []):
            key = f"organisations.{org['kind']}"
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))

    def files(self) -> dict[str, dict[str, Any]]:
        """File name -> the mapping written to it (the synthetic half of the output folder)."""
        r = self.records
        return {
            "dataset.yaml": {"dataset": self.info},
            "organisations.yaml": {"organisations": r["organisations"]},
            "people.yaml": {"people": r["people"], "posts": r["posts"]},
            "relations.yaml": {"agreements": r["agreements"], "events": r["events"], "ties": r["ties"]},
            "programmes.yaml": {"programmes": r["programmes"]},
        }

    def __len__(self) -> int:
        return sum(len(v) for v in self.records.values())


def generator_string(profile: str, seed: int, scale: float) -> str:
    """The ``generator`` value every record of a generated set carries.

    >>> generator_string("national-2015", 1, 1.0)
    'swgraph.generate national-2015 seed=1 scale=1'
    """
    return f"swgraph.generate {profile} seed={seed} scale={scale:g}"


def dataset_id(profile: str, seed: int, scale: float) -> str:
    """The ``dataset:`` id of a generated set.

    >>> dataset_id("national-2015", 1, 1.0), dataset_id("national-2015", 1, 5)
    ('national-2015-s1', 'national-2015-s1-x5')
    """
    return f"{profile}-s{seed}" + ("" if scale == 1 else f"-x{scale:g}")


@dataclass(slots=True)
class _Org:
    id: str
    tier: int
    region: str | None
    province: str | None
    prefecture: str | None
    founded: int | None  # last month the founding date may mean (None: undated)
    documented: bool
    name: str


@dataclass(frozen=True)
class Targets:
    """How many organisations of each tier the whole set (documented + synthetic) holds."""

    provincial: int
    municipal: int
    county: int
    agencies: int
    province_quotas: dict[str, int]


def targets(profile: Profile, statistics: Iterable[m.Statistic], scale: float = 1.0) -> Targets:
    """Tier counts for ``profile`` at ``scale``, read from the documented statistics.

    At ``scale <= 1`` the association counts are exactly the published ones
    and only the agencies shrink; above 1 the municipal and county counts
    (and province quotas) grow with ``scale`` too, capped by the divisions
    that exist. The provincial count never changes.
    """
    stats = {s.id: s for s in statistics}

    def stat(sid: str) -> m.Statistic:
        if sid not in stats:
            raise InputError(f"profile {profile.name}: documented statistic {sid!r} not found in the seeds")
        return stats[sid]

    base = {kind: count_of(stat(sid)) for kind, sid in profile.stat_tiers.items()}
    missing = {"provincial_association", "municipal_association", "county_association", "service_agency"} - set(base)
    if missing:
        raise InputError(f"profile {profile.name}: no statistic for {', '.join(sorted(missing))}")
    quotas = {}
    for sid in profile.stat_province_quotas:
        s = stat(sid)
        if not s.region or regions.level(s.region) != "province":
            raise InputError(f"statistic {sid}: a province quota needs a province-level region")
        quotas[s.region] = count_of(s)
    grow = max(1.0, scale)
    n_pref = sum(len(regions.prefectures(p)) for p in mainland_provinces())
    n_county = sum(len(county_divisions(p)) for p in mainland_provinces())
    return Targets(
        provincial=base["provincial_association"],
        municipal=min(n_pref, round(base["municipal_association"] * grow)),
        county=min(n_county, round(base["county_association"] * grow)),
        agencies=max(1, round(base["service_agency"] * scale)),
        province_quotas={p: min(len(regions.prefectures(p)), round(q * grow)) for p, q in sorted(quotas.items())},
    )


# ---------------------------------------------------------------- the builder


class _Builder:
    def __init__(self, profile: Profile, ds, seed: int, scale: float):
        self.p = profile
        self.ds = ds
        self.seed = seed
        self.scale = scale
        self.gen = generator_string(profile.name, seed, scale)
        self.first = month_index(profile.first_date)
        self.last = month_index(profile.last_date)
        self.as_of = month_index(profile.as_of)
        self.orgs: dict[str, _Org] = {}
        self.out: dict[str, list[dict]] = {c: [] for c in
                                            ("organisations", "people", "posts", "agreements", "events", "ties", "programmes")}
        self.assoc_at: dict[int, dict[str, str]] = {1: {}, 2: {}, 3: {}}  # tier -> region -> association id
        self.president: dict[str, str] = {}  # organisation id -> person id (the current president / director)
        self.agencies: list[str] = []
        self._agency_parent: dict[str, str] = {}
        self._n_person = 0
        self._n_post = 0

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"{self.p.name}/{self.seed}/{self.scale!r}/{phase}")

    def _mark(self, rec: dict) -> dict:
        rec["synthetic"] = True
        rec["generator"] = self.gen
        return rec

    # -- documented starting point
    def read_documented(self) -> None:
        for org in self.ds.organisations:
            tier = org.tier
            region = org.region
            self.orgs[org.id] = _Org(
                org.id, tier if tier is not None else -1, region,
                regions.province_of(region) if region else None,
                regions.prefecture_of(region) if region else None,
                month_index(org.founded.latest) if org.founded else None, True, org.name_zh)
            if tier in ASSOCIATION_TIERS and region:
                self.assoc_at[tier].setdefault(region, org.id)
        self.national = next((o.id for o in self.ds.organisations if o.kind == "national_federation"), None)

    # -- associations
    def place_associations(self, t: Targets) -> None:
        rng = self.rng("associations")
        mainland = mainland_provinces()
        doc_prov, doc_muni, doc_county = (self.assoc_at[1], self.assoc_at[2], self.assoc_at[3])

        need = t.provincial - len(doc_prov)
        cands = [p for p in mainland if p not in doc_prov]
        if need < 0 or need > len(cands):
            raise InputError(f"cannot place {t.provincial} provincial associations "
                             f"({len(doc_prov)} documented, {len(mainland)} provinces)")
        provs = sorted(rng.sample(cands, need))
        for code in provs:
            self._association(rng, 1, code)

        munis: list[str] = []
        for prov, quota in t.province_quotas.items():
            have = sum(1 for r in doc_muni if regions.province_of(r) == prov)
            free = [p for p in regions.prefectures(prov) if p not in doc_muni]
            k = quota - have
            if k < 0 or k > len(free):
                raise InputError(f"cannot place {quota} municipal associations in {regions.name(prov)}")
            munis += _weighted_sample(rng, free, [1.0] * len(free), k)
        rest = t.municipal - len(doc_muni) - len(munis)
        free = [pref for prov in mainland if prov not in t.province_quotas
                for pref in regions.prefectures(prov) if pref not in doc_muni]
        if rest < 0 or rest > len(free):
            raise InputError(f"cannot place {t.municipal} municipal associations")
        weights = [3.0 if regions.province_of(p) in self.assoc_at[1] else 1.0 for p in free]
        munis += _weighted_sample(rng, free, weights, rest)
        for code in sorted(munis):
            self._association(rng, 2, code)

        free = [c for prov in mainland for c in county_divisions(prov) if c not in doc_county]
        need = t.county - len(doc_county)
        if need < 0 or need > len(free):
            raise InputError(f"cannot place {t.county} county associations")
        weights = []
        for c in free:
            pref, prov = regions.prefecture_of(c), regions.province_of(c)
            if pref and pref in self.assoc_at[2]:
                w = 4.0
            elif not pref and prov in self.assoc_at[1]:
                w = 4.0
            elif prov in self.assoc_at[1]:
                w = 1.5
            else:
                w = 0.5
            if regions.get(c).type == "市辖区":
                w *= 2
            weights.append(w)
        for code in sorted(_weighted_sample(rng, free, weights, need)):
            self._association(rng, 3, code)

    def _parent_of(self, tier: int, region: str) -> str | None:
        """The association one tier (or two) up whose area holds ``region``; the federation for provinces."""
        if tier == 1:
            return self.national
        prov = regions.province_of(region)
        if tier >= 3:
            pref = regions.prefecture_of(region)
            if pref and pref in self.assoc_at[2]:
                return self.assoc_at[2][pref]
        if tier >= 2 and prov in self.assoc_at[1]:
            return self.assoc_at[1][prov]
        return None

    def _association(self, rng: random.Random, tier: int, code: str) -> None:
        oid = f"syn-{('prov', 'muni', 'county')[tier - 1]}-{code}"
        parent = self._parent_of(tier, code)
        lo = {1: month_index("2006-01"), 2: month_index("2008-01"), 3: month_index("2009-01")}[tier]
        hi = self.as_of - (3 - tier) - 1
        if tier > 1 and parent is not None and self.orgs[parent].founded is not None:
            lo = max(lo, self.orgs[parent].founded + 1)
        founded = _late(rng, min(lo, hi), hi) if tier > 1 else rng.randint(lo, month_index("2014-06"))
        name = place_name(code) + rng.choice(nm.ASSOCIATION_FORMS[tier])
        rec = {"id": oid, "kind": TIER_KINDS[tier], "name_zh": name, "region": code}
        if parent:
            rec["parent"] = parent
        rec["founded"] = month_text(founded)
        self.out["organisations"].append(self._mark(rec))
        self.orgs[oid] = _Org(oid, tier, code, regions.province_of(code), regions.prefecture_of(code), founded, False, name)
        self.assoc_at[tier][code] = oid

    # -- service agencies
    def place_agencies(self, t: Targets) -> None:
        rng = self.rng("agencies")
        anchors = sorted(oid for tier in ASSOCIATION_TIERS for oid in self.assoc_at[tier].values())
        if not anchors:
            raise InputError("no association to attach service agencies to")
        pool = _Pool(anchors, [self.p.agency_anchor[self.orgs[a].tier] for a in anchors])
        counties: dict[str, list[str]] = {}
        used: set[str] = set()
        start = month_index("2006-01")
        for i in range(1, t.agencies + 1):
            anchor = self.orgs[pool.pick(rng)]
            if anchor.tier == 3:
                region = anchor.region
            else:
                if anchor.region not in counties:
                    counties[anchor.region] = county_divisions(anchor.region)
                region = rng.choice(counties[anchor.region]) if counties[anchor.region] else anchor.region
            parent = (self.assoc_at[3].get(region) or self.assoc_at[2].get(regions.prefecture_of(region) or "")
                      or self.assoc_at[1].get(regions.province_of(region) or ""))
            prefix = place_name(region)
            for _ in range(5):
                name = prefix + rng.choice(nm.AGENCY_WORDS) + rng.choice(nm.AGENCY_FORMS)
                if name not in used:
                    break
            used.add(name)
            founded = _late(rng, start, self.as_of - 1)
            oid = f"syn-agency-{i:06d}"
            self.out["organisations"].append(self._mark({
                "id": oid, "kind": "service_agency", "name_zh": name, "region": region, "parent": parent,
                "founded": month_text(founded)}))
            self.orgs[oid] = _Org(oid, 4, region, regions.province_of(region), regions.prefecture_of(region),
                                  founded, False, name)
            self.agencies.append(oid)

    # -- people and posts
    def _person(self, rng: random.Random) -> str:
        self._n_person += 1
        pid = f"syn-person-{self._n_person:06d}"
        self.out["people"].append(self._mark({"id": pid, "name_zh": nm.person_name(rng)}))
        return pid

    def _post(self, person: str, org: str, role: str, role_zh: str, start: int, end: int | None = None) -> None:
        self._n_post += 1
        rec = {"id": f"syn-post-{self._n_post:06d}", "person": person, "organisation": org, "role": role,
               "role_zh": role_zh, "start": month_text(start)}
        if end is not None:
            rec["end"] = month_text(end)
        self.out["posts"].append(self._mark(rec))

    def staff(self) -> None:
        rng = self.rng("people")
        directors_in: dict[str, list[str]] = {}  # prefecture (or province) -> agency directors
        for aid in self.agencies:
            org = self.orgs[aid]
            director = self._person(rng)
            self._post(director, aid, "director", "主任", org.founded)
            self.president[aid] = director
            directors_in.setdefault(org.prefecture or org.province, []).append(director)
            if rng.random() < 0.5:
                self._post(self._person(rng), aid, "president", "理事长", org.founded)
            if rng.random() < 0.3:
                self._post(self._person(rng), aid, "staff", "督导", _late(rng, org.founded, self.last))
        presidents_in: dict[str, list[str]] = {}  # province -> municipal association presidents
        vice = {1: (3, 6), 2: (1, 3), 3: (0, 2)}
        for tier in (3, 2, 1):
            for oid in sorted(v for v in self.assoc_at[tier].values() if not self.orgs[v].documented):
                org = self.orgs[oid]
                founded = org.founded
                president = self._person(rng)
                if founded <= self.last - 36 and rng.random() < 0.25:  # a change of president
                    change = rng.randint(founded + 24, self.last - 6)
                    self._post(president, oid, "president", "会长", founded, change)
                    president = self._person(rng)
                    self._post(president, oid, "president", "会长", change)
                else:
                    self._post(president, oid, "president", "会长", founded)
                self.president[oid] = president
                if tier == 2:
                    presidents_in.setdefault(org.province, []).append(president)
                self._post(self._person(rng), oid, "secretary_general", "秘书长", founded)
                for _ in range(rng.randint(*vice[tier])):
                    # interlocks: city presidents sit on provincial councils, agency heads on city and county ones
                    local = presidents_in.get(org.province, []) if tier == 1 else directors_in.get(
                        org.prefecture or org.province, [])
                    who = rng.choice(local) if local and rng.random() < 0.4 else self._person(rng)
                    self._post(who, oid, "vice_president", "副会长", _late(rng, founded, self.last))

    # -- relations among associations
    def _window(self, *orgs: str, lo: int | None = None) -> tuple[int, int]:
        start = self.first if lo is None else lo
        for o in orgs:
            f = self.orgs[o].founded
            if f is not None:
                start = max(start, f + 1)
        return start, self.last

    def _partner_pools(self):
        assocs = sorted(oid for tier in ASSOCIATION_TIERS for oid in self.assoc_at[tier].values())
        weight = {1: 6.0, 2: 3.0, 3: 1.0}
        by_prov: dict[str, list[str]] = {}
        for a in assocs:
            by_prov.setdefault(self.orgs[a].province, []).append(a)
        provs = sorted(by_prov)
        near = neighbour_provinces(mainland_provinces(), self.p.neighbours)

        def pool(ids):
            ids = sorted(ids)
            return _Pool(ids, [weight[self.orgs[i].tier] for i in ids])

        same = {p: pool(by_prov[p]) for p in provs}
        nbr = {p: pool([a for q in near.get(p, []) for a in by_prov.get(q, [])]) for p in provs}
        return assocs, same, nbr, pool(assocs)

    def _pick_partner(self, rng, a: str, pools) -> str | None:
        _, same, nbr, anywhere = pools
        prov = self.orgs[a].province
        mix = self.p.partner_mix
        for _ in range(6):
            r = rng.random() * sum(mix)
            pool = same[prov] if r < mix[0] else nbr[prov] if r < mix[0] + mix[1] else anywhere
            if pool:
                b = pool.pick(rng)
                if b != a:
                    return b
        return None

    def agreements(self) -> None:
        rng = self.rng("agreements")
        pools = self._partner_pools()
        seen = {frozenset(a.parties) for a in self.ds.agreements}
        n = 0
        for a in pools[0]:
            for _ in range(_poisson(rng, self.p.agreements[self.orgs[a].tier])):
                b = self._pick_partner(rng, a, pools)
                if b is None or frozenset((a, b)) in seen:
                    continue
                lo, hi = self._window(a, b)
                if lo > hi:
                    continue
                seen.add(frozenset((a, b)))
                n += 1
                ta, tb = self.orgs[a].tier, self.orgs[b].tier
                kind = ("strategic_cooperation" if ta == tb == 1 and rng.random() < 0.7
                        else "memorandum" if rng.random() < 0.2 else "cooperation")
                title = f"{place_name(self.orgs[a].region)}与{place_name(self.orgs[b].region)}社会工作合作协议"
                scope = [{"name_zh": s} for s in sorted(rng.sample(nm.SCOPE_ITEMS, rng.randint(1, 4)))]
                self.out["agreements"].append(self._mark({
                    "id": f"syn-agr-{n:06d}", "kind": kind, "title_zh": title, "parties": [a, b],
                    "signed": _day_text(rng, rng.randint(lo, hi)), "scope": scope}))

    def events(self) -> None:
        rng = self.rng("events")
        pools = self._partner_pools()
        assocs = pools[0]
        n = 0

        def add(rec):
            nonlocal n
            n += 1
            self.out["events"].append(self._mark({"id": f"syn-ev-{n:06d}", **rec}))

        # visits: mostly nearby, more at higher tiers
        for a in assocs:
            for _ in range(_poisson(rng, self.p.visits[self.orgs[a].tier])):
                host = self._pick_partner(rng, a, pools)
                if host is None:
                    continue
                visitors = [a]
                same = pools[1][self.orgs[a].province]
                if rng.random() < 0.2:
                    other = same.pick(rng)
                    if other not in (a, host):
                        visitors.append(other)
                lo, hi = self._window(host, *visitors)
                if lo > hi:
                    continue
                rec = {"kind": "visit", "title_zh": f"{self.orgs[a].name}到访{self.orgs[host].name}", "host": host,
                       "visitors": visitors}
                people = [self.president[v] for v in visitors if v in self.president]
                if people:
                    rec["people"] = people
                rec.update(date=_day_text(rng, rng.randint(lo, hi)), place=self.orgs[host].region,
                           purpose_zh=rng.choice(nm.VISIT_PURPOSES))
                add(rec)
        # visits to the national federation once it exists
        if self.national:
            for a in sorted(v for v in self.assoc_at[1].values() if not self.orgs[v].documented):
                if rng.random() < 0.35:
                    lo, hi = self._window(self.national, a)
                    if lo <= hi:
                        add({"kind": "visit", "title_zh": f"{self.orgs[a].name}到访{self.orgs[self.national].name}",
                             "host": self.national, "visitors": [a], "people": [self.president[a]],
                             "date": _day_text(rng, rng.randint(lo, hi)), "place": self.orgs[self.national].region,
                             "purpose_zh": "汇报交流行业组织建设"})
        # meetings and forums of provincial associations with the associations of their province
        by_prov: dict[str, list[str]] = {}
        for a in assocs:
            by_prov.setdefault(self.orgs[a].province, []).append(a)
        for host in sorted(self.assoc_at[1].values()):
            prov = self.orgs[host].province
            for _ in range(_poisson(rng, 2.0)):
                lo, hi = self._window(host)
                if lo > hi:
                    continue
                month = rng.randint(lo, hi)
                local = [a for a in by_prov.get(prov, []) if a != host
                         and (self.orgs[a].founded is None or self.orgs[a].founded < month)]
                if len(local) < 2:
                    continue
                kind = rng.choice(("forum", "meeting", "meeting"))
                parts = sorted(rng.sample(local, min(len(local), rng.randint(2, 8))))
                add({"kind": kind, "title_zh": f"{place_name(self.orgs[host].region)}{rng.choice(nm.MEETING_TITLES[kind])}",
                     "host": host, "participants": parts, "date": _day_text(rng, month),
                     "place": self.orgs[host].region})
        # trainings for service agencies, hosted by associations (scale with the agencies)
        under: dict[str, list[str]] = {}
        for aid in self.agencies:
            under.setdefault(self._agency_parent[aid], []).append(aid)
        hosts = sorted(h for h in under if self.orgs[h].tier in (1, 2))
        if hosts:
            hp = _Pool(hosts, [len(under[h]) for h in hosts])
            for _ in range(round(len(self.agencies) / 25)):
                host = hp.pick(rng)
                lo, hi = self._window(host)
                if lo > hi:
                    continue
                month = rng.randint(lo, hi)
                local = [a for a in under[host] if self.orgs[a].founded < month]
                if not local:
                    continue
                parts = sorted(rng.sample(local, min(len(local), rng.randint(4, 12))))
                add({"kind": "training",
                     "title_zh": f"{place_name(self.orgs[host].region)}{rng.choice(nm.MEETING_TITLES['training'])}",
                     "host": host, "participants": parts, "date": _day_text(rng, month),
                     "place": self.orgs[host].region})

    # -- ties among service agencies
    def ties(self) -> None:
        rng = self.rng("ties")
        if len(self.agencies) < 2:
            return
        by_group: dict[str, list[str]] = {}
        by_prov: dict[str, list[str]] = {}
        for a in self.agencies:
            o = self.orgs[a]
            by_group.setdefault(o.prefecture or o.province, []).append(a)
            by_prov.setdefault(o.province, []).append(a)
        kinds = ("cooperation",) * 6 + ("learning_exchange",) * 3 + ("co_building",)
        seen: set[frozenset] = set()
        n = 0
        for _ in range(round(self.p.agency_ties * len(self.agencies))):
            a = rng.choice(self.agencies)
            o = self.orgs[a]
            for _try in range(3):
                r = rng.random()
                pool = (by_group[o.prefecture or o.province] if r < 0.75 else by_prov[o.province] if r < 0.95
                        else self.agencies)
                b = rng.choice(pool)
                if b != a and frozenset((a, b)) not in seen:
                    break
            else:
                continue
            lo, hi = self._window(a, b)
            if lo > hi:
                continue
            seen.add(frozenset((a, b)))
            n += 1
            kind = rng.choice(kinds)
            self.out["ties"].append(self._mark({
                "id": f"syn-tie-{n:06d}", "kind": kind, "parties": sorted((a, b)),
                "date": month_text(rng.randint(lo, hi)), "description_zh": rng.choice(nm.TIE_DESCRIPTIONS[kind])}))

    # -- programmes
    def programmes(self) -> None:
        rng = self.rng("programmes")
        under: dict[str, list[str]] = {}  # association -> agencies anywhere in its area
        for aid in self.agencies:
            o = self.orgs[aid]
            for key in (self.assoc_at[1].get(o.province), self.assoc_at[2].get(o.prefecture or "")):
                if key:
                    under.setdefault(key, []).append(aid)
        n = 0
        owners = sorted(v for t in (1, 2) for v in self.assoc_at[t].values() if not self.orgs[v].documented)
        for owner in owners:
            o = self.orgs[owner]
            if rng.random() >= (0.7 if o.tier == 1 else 0.2):
                continue
            lo, hi = self._window(owner)
            hi -= 2
            if lo > hi:
                continue
            launched = rng.randint(lo, hi)
            parts = []
            local = [a for a in under.get(owner, []) if self.orgs[a].founded < launched]
            k = min(len(local), max(3, round(0.08 * len(local))))
            for a in sorted(rng.sample(local, k)):
                role = rng.choices(("partner", "base", "trainee"), (7, 2, 1))[0]
                parts.append({"organisation": a, "role": role, "since": month_text(rng.randint(launched, self.last))})
            if o.tier == 1:
                cities = [v for c, v in sorted(self.assoc_at[2].items()) if regions.province_of(c) == o.province
                          and (self.orgs[v].founded is None or self.orgs[v].founded < launched)]
                for c in sorted(rng.sample(cities, min(len(cities), rng.randint(1, 4)))):
                    parts.append({"organisation": c, "role": "co_builder", "since": month_text(launched)})
            if not parts:
                continue
            n += 1
            acts = [{"kind": "training", "name_zh": "专题培训", "place": o.region,
                     "date": month_text(rng.randint(launched, self.last)), "count": rng.randint(20, 200),
                     "unit_zh": "人次"}]
            if rng.random() < 0.5:
                acts.append({"kind": "base", "name_zh": "实践基地", "count": rng.randint(2, 10), "unit_zh": "个"})
            self.out["programmes"].append(self._mark({
                "id": f"syn-prog-{n:04d}", "kind": "programme",
                "name_zh": place_name(o.region) + rng.choice(nm.PROGRAMME_NAMES), "owner": owner,
                "launched": month_text(launched), "participants": parts, "activities": acts}))
        if self.national:  # one national programme of the federation with the provincial associations
            lo, hi = self._window(self.national)
            if lo <= hi:
                launched = rng.randint(lo, hi)
                provs = sorted(v for v in self.assoc_at[1].values()
                               if self.orgs[v].founded is None or self.orgs[v].founded < launched)
                if provs:
                    n += 1
                    self.out["programmes"].append(self._mark({
                        "id": f"syn-prog-{n:04d}", "kind": "initiative", "name_zh": "全国社会工作行业组织能力建设行动",
                        "owner": self.national, "launched": month_text(launched),
                        "participants": [{"organisation": v, "role": "participant", "since": month_text(launched)}
                                         for v in provs]}))

    def build(self, t: Targets) -> dict[str, list[dict]]:
        self.read_documented()
        self.place_associations(t)
        self.place_agencies(t)
        self._agency_parent = {r["id"]: r["parent"] for r in self.out["organisations"] if r["kind"] == "service_agency"}
        self.staff()
        self.agreements()
        self.events()
        self.ties()
        self.programmes()
        return self.out


# ---------------------------------------------------------------- public API


def load_documented(seeds_dir: str | Path | None = None):
    """The documented data set the synthetic part is built around (fully validated)."""
    from swgraph.records.dataset import default_seeds_dir, load_dataset

    return load_dataset([Path(seeds_dir) if seeds_dir else default_seeds_dir()])


def generate(profile: str | Profile = "national-2015", *, scale: float = 1.0, seed: int = 0,
             seeds_dir: str | Path | None = None, documented=None) -> SyntheticSet:
    """Generate the synthetic part of a national network around the documented seeds.

    Parameters
    ----------
    profile
        Profile name (see :data:`swgraph.synthetic.profiles.PROFILES`) or a :class:`Profile`.
    scale
        Multiplies the service agencies and what hangs on them (people, posts,
        ties, trainings, programme participants). Up to 1 the association
        counts are the published ones; above 1 municipal and county
        associations grow too (capped by the divisions that exist).
    seed
        Seed of the random streams; the same profile, seed and scale give the same records.
    seeds_dir
        Folder of documented seeds (default: the bundled ones).
    documented
        An already loaded documented :class:`~swgraph.records.dataset.Dataset` (saves reading ``seeds_dir``).

    Returns
    -------
    SyntheticSet
        The ``dataset:`` block and the synthetic records, every one flagged
        ``synthetic: true`` with a ``generator``.

    Raises
    ------
    InputError
        Unknown profile, a bad scale or seed, or seeds lacking the profile's statistics.
    """
    prof = get_profile(profile)
    if not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
        raise InputError(f"scale must be a positive number, got {scale!r}")
    if not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be a whole number >= 0, got {seed!r}")
    scale = float(scale)
    ds = documented if documented is not None else load_documented(seeds_dir)
    t = targets(prof, ds.statistics, scale)
    builder = _Builder(prof, ds, seed, scale)
    records = builder.build(t)
    gen = builder.gen
    info = {
        "id": dataset_id(prof.name, seed, scale),
        "title_zh": prof.title_zh,
        "title_en": prof.title_en,
        "data_date": prof.as_of,
        "synthetic": True,
        "generator": gen,
        "note": (f"SYNTHETIC: the documented seeds (documented/, unchanged) plus generated records (synthetic/, "
                 f"every one flagged synthetic). Tier counts as of {prof.as_of}: {t.provincial} provincial, "
                 f"{t.municipal} municipal, {t.county} county associations, {t.agencies} service agencies"
                 + "".join(f"; {q} prefectures with an association in {regions.name(p)}"
                           for p, q in t.province_quotas.items()) + "."),
    }
    return SyntheticSet(prof.name, seed, scale, gen, info, records)
