"""Map styles are derived from the kind table, not written out a second time."""

from __future__ import annotations

from swgraph.core import kinds
from swgraph.maps import layout, style


def test_tiers_follow_the_kind_table():
    names = [name for name, _zh, _en in kinds.TIERS.values()]
    assert list(style.TIER_COLOURS) == [*names, kinds.OTHER_TIER[0]]
    assert list(style.TIER_LABELS) == list(style.TIER_COLOURS)
    for spec in kinds.tiered():
        zh, en = kinds.TIERS[spec.tier][1:]
        assert style.TIER_LABELS[spec.tier_name] == f"{en} {zh}"
    # the top kind of each tier gives the tier its colour
    top = {}
    for spec in kinds.tiered():
        top.setdefault(spec.tier_name, spec.color)
    assert {t: style.TIER_COLOURS[t] for t in top} == top
    assert [layout.TIER_ROWS[t] for t in sorted(kinds.TIERS)] == list(range(len(kinds.TIERS)))


def test_kinds_have_colours_sizes_and_bilingual_labels():
    assert set(style.KIND_COLOURS) == set(style.KIND_SIZES) == set(kinds.KINDS)
    for name, spec in kinds.KINDS.items():
        assert style.KIND_COLOURS[name] == spec.color
        assert style.KIND_SIZES[name] == spec.size
        assert style.kind_label(name) == spec.bilingual
    assert style.kind_label("no_such_kind") == "no such kind"


def test_every_relation_type_label_is_bilingual():
    for rel, st in style.EDGE_STYLES.items():
        en, _, zh = st["label"].rpartition(" ")
        assert en and zh and all(ord(c) > 0x2E80 for c in zh), rel
        assert style.edge_label(rel) == st["label"]
    assert style.edge_label("cites") == "cites"
