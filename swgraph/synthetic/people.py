"""People and posts: who runs the synthetic agencies and associations.

Every service agency gets a director (sometimes a board chair and a
supervisor); every synthetic association a president (now and then a change
of president), a secretary-general and vice-presidents. Vice-presidents are
partly drawn from the tier below, so posts interlock the chain: municipal
presidents sit on provincial councils, agency directors on city and county ones.
"""

from __future__ import annotations

import random

from swgraph.synthetic import names as nm
from swgraph.synthetic.draws import late, month_text
from swgraph.synthetic.state import BuildState
from swgraph.synthetic.tiers import ASSOCIATION_TIERS, COUNTY, MUNICIPAL, PROVINCIAL

#: how many vice-presidents an association of a tier has (inclusive range)
VICE_PRESIDENTS = {PROVINCIAL: (3, 6), MUNICIPAL: (1, 3), COUNTY: (0, 2)}


def _person(b: BuildState, rng: random.Random) -> str:
    b.n_person += 1
    pid = f"syn-person-{b.n_person:06d}"
    b.out["people"].append(b.mark({"id": pid, "name_zh": nm.person_name(rng)}))
    return pid


def _post(b: BuildState, person: str, org: str, role: str, role_zh: str, start: int, end: int | None = None) -> None:
    b.n_post += 1
    rec = {"id": f"syn-post-{b.n_post:06d}", "person": person, "organisation": org, "role": role,
           "role_zh": role_zh, "start": month_text(start)}
    if end is not None:
        rec["end"] = month_text(end)
    b.out["posts"].append(b.mark(rec))


def staff(b: BuildState) -> None:
    """Add the people and posts of the synthetic agencies, then of the synthetic associations bottom up."""
    rng = b.rng("people")
    directors_in: dict[str, list[str]] = {}  # prefecture (or province) -> agency directors
    for aid in b.agencies:
        org = b.orgs[aid]
        director = _person(b, rng)
        _post(b, director, aid, "director", "主任", org.founded)
        b.president[aid] = director
        directors_in.setdefault(org.prefecture or org.province, []).append(director)
        if rng.random() < 0.5:
            _post(b, _person(b, rng), aid, "president", "理事长", org.founded)
        if rng.random() < 0.3:
            _post(b, _person(b, rng), aid, "staff", "督导", late(rng, org.founded, b.last))
    presidents_in: dict[str, list[str]] = {}  # province -> municipal association presidents
    for tier in reversed(ASSOCIATION_TIERS):
        for oid in sorted(v for v in b.assoc_at[tier].values() if not b.orgs[v].documented):
            org = b.orgs[oid]
            founded = org.founded
            president = _person(b, rng)
            if founded <= b.last - 36 and rng.random() < 0.25:  # a change of president
                change = rng.randint(founded + 24, b.last - 6)
                _post(b, president, oid, "president", "会长", founded, change)
                president = _person(b, rng)
                _post(b, president, oid, "president", "会长", change)
            else:
                _post(b, president, oid, "president", "会长", founded)
            b.president[oid] = president
            if tier == MUNICIPAL:
                presidents_in.setdefault(org.province, []).append(president)
            _post(b, _person(b, rng), oid, "secretary_general", "秘书长", founded)
            for _ in range(rng.randint(*VICE_PRESIDENTS[tier])):
                # interlocks: city presidents sit on provincial councils, agency heads on city and county ones
                local = presidents_in.get(org.province, []) if tier == PROVINCIAL else directors_in.get(
                    org.prefecture or org.province, [])
                who = rng.choice(local) if local and rng.random() < 0.4 else _person(b, rng)
                _post(b, who, oid, "vice_president", "副会长", late(rng, founded, b.last))
