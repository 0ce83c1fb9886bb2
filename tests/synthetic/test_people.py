"""People and posts of the generated organisations."""

from __future__ import annotations

import collections


def test_people_posts_and_programmes(national):
    _, ds, _ = national
    posts_at = collections.defaultdict(set)
    for p in ds.posts:
        posts_at[p.organisation].add(p.role_zh)
    for o in ds.organisations:
        if o.synthetic and o.kind.endswith("association"):
            assert {"会长", "秘书长"} <= posts_at[o.id], o.id
        if o.synthetic and o.kind == "service_agency":
            assert "主任" in posts_at[o.id]
    assert all(2 <= len(p.name_zh) <= 3 for p in ds.people if p.synthetic)
    # interlocks: some people hold posts in more than one organisation
    per_person = collections.Counter(p.person for p in ds.posts)
    assert sum(1 for n in per_person.values() if n > 1) > 50
    documented = [p for p in ds.programmes if not p.synthetic]
    assert all(not ds.get(part.organisation).synthetic for p in documented for part in p.participants)
    assert sum(len(p.participants) for p in ds.programmes if p.synthetic) > 100
