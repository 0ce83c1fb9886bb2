"""Cell syntax: dates, aliases, lists (more cases are the doctests of swgraph.roster.cells)."""

from __future__ import annotations

from swgraph.roster import SHEETS, parse_names, parse_when


def test_cell_syntax():
    assert parse_when("2015/6/11") == "2015-06-11"
    assert parse_when("2014-12? (renamed (年底); month inferred)") == {
        "value": "2014-12", "inferred": True, "note": "renamed (年底); month inferred"}
    assert parse_names("甲 [曾用名, 至 2014]；乙") == [
        {"name": "甲", "type": "former", "valid_until": "2014"}, {"name": "乙", "type": "alias"}]
    assert SHEETS["visits"].collection == "events"
