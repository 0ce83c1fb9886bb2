"""Focus and province maps: what they embed and how they find their focus."""

import pytest

from swgraph.application import maps
from swgraph.graph import project
from swgraph.maps.aggregate import ego
from swgraph.maps.ties import _note, record_notes
from swgraph.records.dataset import load_dataset


@pytest.fixture(scope="module")
def seeds():
    return load_dataset()


def test_an_id_always_means_its_record(seeds, monkeypatch):
    def no_search(*a, **k):
        raise AssertionError("an exact id needs no name search")

    monkeypatch.setattr(maps, "find", no_search)
    assert maps.resolve_focus(seeds, "gd-swa") == "gd-swa"
    monkeypatch.undo()
    assert maps.resolve_focus(seeds, "广东省社工师联合会") == "gd-swa"  # names still found by search


def test_a_focus_map_lists_only_people_posted_at_drawn_organisations(seeds):
    drawn = set(ego(project(seeds, "collaboration"), "gd-swa", depth=0))
    everyone = maps.map_people(seeds)
    some = maps.map_people(seeds, drawn)
    assert 0 < len(some) < len(everyone)
    assert all(p["posts"] and all(org in drawn for org, _role in p["posts"]) for p in some)
    assert {p["key"] for p in some} == {p["key"] for p in everyone if any(o in drawn for o, _ in p["posts"])}


def test_record_notes_describe_every_record_on_demand(seeds):
    notes = record_notes(seeds)
    assert len(notes) == sum(1 for _ in seeds.all_records()) == len(list(notes))
    assert dict(notes.items()) == {r.id: _note(r) for r in seeds.all_records()}
    assert notes.get("no-such-record") is None and "no-such-record" not in notes
