"""How many organisations of each tier a generated set holds, read from the documented statistics.

A :class:`~swgraph.synthetic.profiles.Profile` names the documented
statistics that count each tier nationally (and the prefectures with an
association in a province); :func:`targets` turns them into the counts the
whole set (documented + synthetic) must reach at a given scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.core.errors import InputError
from swgraph.synthetic.places import county_divisions, mainland_provinces
from swgraph.synthetic.profiles import Profile, count_of
from swgraph.synthetic.tiers import AGENCY, COUNTY, GENERATED_KINDS, MUNICIPAL, PROVINCIAL, TIER_KINDS


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
    missing = set(GENERATED_KINDS) - set(base)
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
        provincial=base[TIER_KINDS[PROVINCIAL]],
        municipal=min(n_pref, round(base[TIER_KINDS[MUNICIPAL]] * grow)),
        county=min(n_county, round(base[TIER_KINDS[COUNTY]] * grow)),
        agencies=max(1, round(base[TIER_KINDS[AGENCY]] * scale)),
        province_quotas={p: min(len(regions.prefectures(p)), round(q * grow)) for p, q in sorted(quotas.items())},
    )
