"""Generation profiles: which published figures a synthetic network must match.

A profile names the documented statistics its tier counts come from (so the
figures are read from the seeds, never typed twice) and the rates that shape
the generated relations. Only ``national-2015`` exists so far.

>>> p = get_profile("national-2015")
>>> p.as_of, p.first_date, p.last_date
('2015-06', '2010-01', '2015-06')
>>> get_profile("nope")
Traceback (most recent call last):
...
swgraph.core.errors.InputError: unknown profile 'nope'; known: national-2015
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from swgraph.core.errors import InputError

if TYPE_CHECKING:  # kept out of the import path of ``swgraph --help``
    from swgraph.core import model as m


@dataclass(frozen=True)
class Profile:
    """What to generate and how the relations are shaped.

    Attributes
    ----------
    name
        Profile id, used in record ids of the data set and in the generator string.
    title_zh, title_en
        Title of the generated data set.
    as_of
        The month the tier counts describe; every synthetic organisation is
        founded before its end, so ``--as-of`` this month keeps all of them.
    first_date, last_date
        Months (``YYYY-MM``) between which agreements, visits, meetings and
        ties are dated.
    stat_tiers
        Organisation kind -> id of the documented statistic holding its national count.
    stat_province_quotas
        Ids of documented statistics counting prefectures *with* an industry
        organisation in one province (``region`` = the province).
    agreements, visits
        Expected agreements started / visits paid per association, by tier (1-3).
    partner_mix
        Probabilities that a partner is in the same province, a neighbouring
        province, or anywhere (they need not sum to one; they are weights).
    neighbours
        How many nearest provinces (by the seat of government) count as neighbours.
    agency_ties
        Cooperation ties per service agency.
    agency_anchor
        Weight of an association of tier 1/2/3 when placing a service agency in its area.
    """

    name: str
    title_zh: str
    title_en: str
    as_of: str
    first_date: str
    last_date: str
    stat_tiers: dict[str, str] = field(default_factory=dict)
    stat_province_quotas: tuple[str, ...] = ()
    agreements: dict[int, float] = field(default_factory=dict)
    visits: dict[int, float] = field(default_factory=dict)
    partner_mix: tuple[float, float, float] = (0.6, 0.3, 0.1)
    neighbours: int = 4
    agency_ties: float = 0.6
    agency_anchor: dict[int, float] = field(default_factory=dict)


NATIONAL_2015 = Profile(
    name="national-2015",
    title_zh="中国社会工作行业组织网络（合成，2015年全国规模）",
    title_en="China's social-work organisational network (SYNTHETIC, national scale as of 2015)",
    as_of="2015-06",
    first_date="2010-01",
    last_date="2015-06",
    stat_tiers={
        "provincial_association": "stat-2015-cn-provincial-orgs",
        "municipal_association": "stat-2015-cn-prefecture-orgs",
        "county_association": "stat-2015-cn-county-orgs",
        "service_agency": "stat-2015-cn-private-agencies",
    },
    stat_province_quotas=("stat-2015-gd-prefectures-with-org",),
    agreements={1: 4.0, 2: 1.5, 3: 0.6},
    visits={1: 4.0, 2: 1.5, 3: 0.5},
    partner_mix=(0.6, 0.3, 0.1),
    neighbours=4,
    agency_ties=0.6,
    agency_anchor={1: 12.0, 2: 6.0, 3: 2.0},
)

PROFILES: dict[str, Profile] = {p.name: p for p in (NATIONAL_2015,)}


def get_profile(name: str | Profile) -> Profile:
    """The profile called ``name`` (a :class:`Profile` is returned as is); :class:`InputError` if unknown."""
    if isinstance(name, Profile):
        return name
    try:
        return PROFILES[name]
    except KeyError:
        raise InputError(f"unknown profile {name!r}; known: {', '.join(sorted(PROFILES))}") from None


def count_of(stat: "m.Statistic") -> int:
    """The whole count a statistic states: ``more than 3500`` is 3501, ``about 97`` is 97.

    >>> from swgraph.core import model as m
    >>> s = m.Statistic(id="s", region="100000", measure="x", measure_zh="x", value=3500,
    ...                 qualifier="more_than", unit="organisations", as_of="2015")
    >>> count_of(s)
    3501
    """
    value = int(round(stat.value))
    return value + 1 if stat.qualifier == "more_than" else value - 1 if stat.qualifier == "less_than" else value
