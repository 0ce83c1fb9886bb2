"""The kind table: every kind of node swgraph knows, declared once.

Each row gives a kind's group, Neo4j label, Chinese and English labels, tier
(for the administrative chain of associations and agencies), colour and map
size, the administrative level its region must have, and (for record kinds)
the YAML collection it lives in. The model's ``OrgKind``, the registry, the
roster sheets, the map styles and layouts, the Neo4j schema and Browser style,
the validation rules, the generator's tiers and ``docs/graph-contract.md`` are
all derived from this table.

Adding a kind means adding a row here (and seed data that uses it). A program
that needs an extra kind without editing this file calls :func:`register`
before anything else of swgraph is imported.

>>> KINDS["provincial_association"].tier, KINDS["provincial_association"].tier_name
(1, 'provincial')
>>> [k.name for k in tiered()][:2]
['national_federation', 'provincial_association']
>>> KINDS["post"].collection
'posts'
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

#: tier -> (name, zh, en): the administrative chain, top down
TIERS: dict[int, tuple[str, str, str]] = {
    0: ("national", "全国", "national"),
    1: ("provincial", "省级", "provincial"),
    2: ("municipal", "地市级", "municipal"),
    3: ("county", "县级", "county"),
    4: ("agency", "服务机构", "service agency"),
}
OTHER_TIER = ("other", "其他", "other")

#: the region levels a kind may require (see :func:`swgraph.core.regions.level`)
REGION_LEVELS = ("national", "province", "prefecture", "county")

GROUPS = ("organisation", "person", "record")


@dataclass(frozen=True)
class KindSpec:
    """One row of the kind table."""

    name: str
    group: str  # organisation | person | record
    label: str  # Neo4j label
    zh: str
    en: str
    color: str
    tier: int | None = None
    region_level: str | None = None  # the level an organisation's region must have
    size: float = 14.0  # map node size before metrics scale it
    collection: str | None = None  # records and people: the YAML collection

    def __post_init__(self):
        if self.group not in GROUPS:
            raise ValueError(f"kind {self.name}: group must be one of {GROUPS}")
        if self.tier is not None and self.tier not in TIERS:
            raise ValueError(f"kind {self.name}: tier {self.tier} is not in TIERS")
        if self.region_level is not None and self.region_level not in REGION_LEVELS:
            raise ValueError(f"kind {self.name}: region level must be one of {REGION_LEVELS}")

    @property
    def tier_name(self) -> str:
        return TIERS.get(self.tier, OTHER_TIER)[0]

    @property
    def bilingual(self) -> str:
        """``en 中文``, as legends and filters show it."""
        return f"{self.en} {self.zh}"


KIND_TABLE: list[KindSpec] = [
    # organisations: the administrative chain
    KindSpec("national_federation", "organisation", "NationalFederation", "全国性联合会", "national federation",
             "#c0392b", tier=0, region_level="national", size=34),
    KindSpec("provincial_association", "organisation", "ProvincialAssociation", "省级行业组织",
             "provincial association", "#e67e22", tier=1, region_level="province", size=26),
    KindSpec("municipal_association", "organisation", "MunicipalAssociation", "地市级行业组织",
             "municipal association", "#b7950b", tier=2, region_level="prefecture", size=20),
    KindSpec("county_association", "organisation", "CountyAssociation", "县级行业组织", "county association",
             "#27ae60", tier=3, region_level="county", size=16),
    KindSpec("service_agency", "organisation", "ServiceAgency", "社会工作服务机构", "service agency",
             "#2980b9", tier=4, size=12),
    # organisations around the chain
    KindSpec("government_body", "organisation", "GovernmentBody", "政府部门", "government body", "#8e44ad", size=18),
    KindSpec("university", "organisation", "University", "高校", "university", "#16a085", size=16),
    KindSpec("school", "organisation", "School", "学院", "school", "#1abc9c", size=14),
    KindSpec("research_centre", "organisation", "ResearchCentre", "研究/认证中心", "research centre", "#d35400", size=14),
    KindSpec("foundation", "organisation", "Foundation", "基金会", "foundation", "#c2185b", size=14),
    KindSpec("other_organisation", "organisation", "OtherOrganisation", "其他组织", "other organisation", "#7f8c8d",
             size=14),
    # people and records (relationships that are records first)
    KindSpec("person", "person", "Person", "人员", "person", "#34495e", size=12, collection="people"),
    KindSpec("agreement", "record", "Agreement", "合作协议", "agreement", "#ff8a80", size=12, collection="agreements"),
    KindSpec("event", "record", "Event", "访问/会议", "visit or meeting", "#1565c0", size=10, collection="events"),
    KindSpec("programme", "record", "Programme", "项目/计划", "programme", "#2e7d32", size=12, collection="programmes"),
    KindSpec("post", "record", "Post", "职务", "post", "#311b92", size=8, collection="posts"),
    KindSpec("tie", "record", "Tie", "其他合作关系", "other tie", "#cddc39", size=8, collection="ties"),
    KindSpec("statistic", "record", "Statistic", "统计数字", "statistic", "#795548", size=8, collection="statistics"),
]

KINDS: dict[str, KindSpec] = {k.name: k for k in KIND_TABLE}


def organisation_kinds() -> list[str]:
    """Names of the organisation kinds, in table order."""
    return [k.name for k in KIND_TABLE if k.group == "organisation"]


def tiered() -> list[KindSpec]:
    """Organisation kinds on the administrative chain, top tier first."""
    return sorted((k for k in KIND_TABLE if k.tier is not None), key=lambda k: k.tier)


def kind_of_collection(collection: str) -> str | None:
    """The kind of every record in a collection whose records have no ``kind`` of their own."""
    return next((k.name for k in KIND_TABLE if k.collection == collection), None)


def register(spec: KindSpec) -> None:
    """Add a kind to the table. Call it before importing the rest of swgraph.

    Everything is derived from the table when a module is first imported, so a
    kind registered later would be missing from some of them; that is refused.
    """
    if "swgraph.core.model" in sys.modules:
        raise RuntimeError("register kinds before importing swgraph.core.model (the model derives OrgKind from the table)")
    if spec.name in KINDS:
        raise ValueError(f"kind {spec.name!r} already exists")
    KIND_TABLE.append(spec)
    KINDS[spec.name] = spec
