"""The administrative chain the generator fills, read from the kind table.

Tiers are numbers from :data:`swgraph.core.kinds.TIERS` (0 national … 4
service agency); the generator refers to them by the region level an
association covers, so nothing here names a kind by hand.

>>> TIER_KINDS[PROVINCIAL], TIER_KINDS[AGENCY]
('provincial_association', 'service_agency')
>>> ASSOCIATION_TIERS
(1, 2, 3)
>>> GENERATED_KINDS[0], len(GENERATED_KINDS)
('provincial_association', 4)
"""

from __future__ import annotations

from swgraph.core import kinds

#: tier -> organisation kind, top tier first
TIER_KINDS: dict[int, str] = {k.tier: k.name for k in kinds.tiered()}
KIND_TIERS: dict[str, int] = {kind: tier for tier, kind in TIER_KINDS.items()}

_TIER_OF_LEVEL = {k.region_level: k.tier for k in kinds.tiered() if k.region_level}
NATIONAL = _TIER_OF_LEVEL["national"]
PROVINCIAL = _TIER_OF_LEVEL["province"]
MUNICIPAL = _TIER_OF_LEVEL["prefecture"]
COUNTY = _TIER_OF_LEVEL["county"]
#: the bottom of the chain: organisations that cover no division of their own
AGENCY = kinds.tiered()[-1].tier

#: the associations between the national federation and the service agencies, top down
ASSOCIATION_TIERS: tuple[int, ...] = (PROVINCIAL, MUNICIPAL, COUNTY)

#: the kinds the generator adds (everything on the chain below the national federation), top down
GENERATED_KINDS: tuple[str, ...] = tuple(kind for tier, kind in TIER_KINDS.items() if tier != NATIONAL)
