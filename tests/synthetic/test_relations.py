"""Agreements, events, ties and programmes of a generated set."""

from __future__ import annotations

import collections

from swgraph.core import regions
from swgraph.synthetic.places import mainland_provinces, neighbour_provinces


def test_relations_are_dated_inside_the_window_and_after_foundings(national):
    _, ds, _ = national
    for rec in [*ds.agreements, *ds.events, *ds.ties]:
        if rec.synthetic:
            assert "2010-01-01" <= rec.date_value().earliest and rec.date_value().latest <= "2015-06-30", rec.id
    assert all(o.founded.latest <= "2015-06-30" for o in ds.organisations if o.synthetic)


def test_agreements_are_mostly_local(national):
    _, ds, _ = national
    near = neighbour_provinces(mainland_provinces(), 4)
    same = neighbouring = far = 0
    for a in ds.agreements:
        if not a.synthetic:
            continue
        p, q = (regions.province_of(ds.get(x).region) for x in a.parties)
        if p == q:
            same += 1
        elif q in near[p] or p in near[q]:
            neighbouring += 1
        else:
            far += 1
    total = same + neighbouring + far
    assert total > 200
    assert same > 0.4 * total and neighbouring > 0.15 * total and 0 < far < 0.2 * total
    # higher tiers sign more agreements per association
    per = collections.Counter(ds.get(x).kind for a in ds.agreements for x in a.parties)
    n = collections.Counter(o.kind for o in ds.organisations)
    assert per["provincial_association"] / n["provincial_association"] > per["county_association"] / n["county_association"]
