"""The administrative chain: tier counts, divisions and parents of the generated organisations."""

from __future__ import annotations

import collections

from swgraph.core import regions
from swgraph.synthetic import generator_string
from swgraph.synthetic.places import mainland_provinces


def test_national_set_validates_clean(national):
    _, ds, problems = national
    assert problems == []
    assert ds.info.id == "national-2015-s1"
    assert ds.info.synthetic and ds.info.generator == generator_string("national-2015", 1, 1.0)


def test_tier_counts_match_the_2015_report(national):
    _, ds, _ = national
    kinds = collections.Counter(o.kind for o in ds.organisations)
    assert kinds["national_federation"] == 1
    assert kinds["provincial_association"] == 24
    assert kinds["municipal_association"] == 97
    assert kinds["county_association"] == 168
    assert kinds["service_agency"] >= 3500  # "3500多家"
    gd = {o.region for o in ds.organisations if o.kind == "municipal_association" and regions.province_of(o.region) == "440000"}
    assert len(gd) == 14 and len(regions.prefectures("440000")) == 21
    # the documented associations count towards the totals
    assert {"bj-swa", "gd-swa"} <= {o.id for o in ds.organisations if o.kind == "provincial_association"}
    # every organisation exists at the report's date
    then = collections.Counter(o.kind for o in ds.as_of("2015-06").organisations)
    assert then == kinds


def test_associations_sit_in_real_divisions_one_per_division(national):
    _, ds, _ = national
    want = {"provincial_association": "province", "municipal_association": "prefecture", "county_association": "county"}
    seen = set()
    for o in ds.organisations:
        if o.kind in want:
            assert regions.level(o.region) == want[o.kind], o.id
            assert (o.kind, o.region) not in seen
            seen.add((o.kind, o.region))
    assert all(regions.province_of(o.region) in mainland_provinces() for o in ds.organisations
               if o.synthetic and o.region)


def test_parents_follow_the_tiers(national):
    _, ds, _ = national
    at = {(o.kind, o.region): o.id for o in ds.organisations}
    for o in ds.organisations:
        if not o.synthetic:
            continue
        parent = ds.get(o.parent) if o.parent else None
        if o.kind == "provincial_association":
            assert parent.kind == "national_federation"
        elif o.kind == "municipal_association":
            assert o.parent == at.get(("provincial_association", regions.province_of(o.region)))
        elif o.kind == "county_association":
            pref = regions.prefecture_of(o.region)
            expect = at.get(("municipal_association", pref)) or at.get(("provincial_association", regions.province_of(o.region)))
            assert o.parent == expect
        elif o.kind == "service_agency":
            assert parent is not None and parent.tier in (1, 2, 3)
            assert regions.contains(parent.region, o.region)
