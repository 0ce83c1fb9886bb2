"""The roster layout follows the model and the kind table: no field, kind or value is left out or invented."""

from __future__ import annotations

import typing

from swgraph.core import kinds
from swgraph.core import model as m
from swgraph.core.registry import COLLECTIONS
from swgraph.roster.spec import CITATION_COLUMNS, FIELD_LABELS, RECORD_SHEETS, SHEETS, VALUE_LABELS


def _literal_values(model, name):
    hint = typing.get_type_hints(model)[name]
    while typing.get_origin(hint) is not typing.Literal:
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return typing.get_args(hint)


def test_record_sheets_have_exactly_the_model_fields():
    for key in RECORD_SHEETS:
        spec = SHEETS[key]
        model = COLLECTIONS[spec.collection]
        fields = {c.model_field for c in spec.columns} - set(CITATION_COLUMNS)
        assert fields == set(model.model_fields) - {"sources", "synthetic"}, key
    assert {c.key for c in SHEETS["sources"].columns} == set(m.Source.model_fields)
    assert [c.key for c in SHEETS["citations"].columns] == ["sheet", "record", *m.Citation.model_fields]


def test_every_column_has_a_chinese_label():
    for spec in SHEETS.values():
        for col in spec.columns:
            assert col.model_field in FIELD_LABELS or f"{spec.key}.{col.model_field}" in FIELD_LABELS, col
            assert col.zh != col.key and col.header == f"{col.zh} {col.key}"


def test_choices_are_the_models_values_with_labels_from_the_kind_table():
    kind = SHEETS["organisations"].column("kind")
    assert [c.value for c in kind.choices] == kinds.organisation_kinds()
    assert all((c.zh, c.en) == (kinds.KINDS[c.value].zh, kinds.KINDS[c.value].en) for c in kind.choices)
    for sheet, name in (("posts", "role"), ("agreements", "kind"), ("visits", "kind")):
        col = SHEETS[sheet].column(name)
        values = _literal_values(COLLECTIONS[SHEETS[sheet].collection], name)
        assert tuple(c.value for c in col.choices) == values
        assert all(c.value in VALUE_LABELS and c.zh == VALUE_LABELS[c.value] for c in col.choices)


def test_required_columns_follow_the_model_except_what_the_roster_fills():
    required = {k: {c.key for c in SHEETS[k].columns if c.required} for k in SHEETS}
    assert required == {
        "organisations": {"name_zh", "kind"}, "people": {"name_zh"},
        "posts": {"person", "organisation", "role_zh"}, "agreements": {"title_zh", "parties"},
        "visits": {"title_zh", "date"}, "sources": {"id", "title_zh"},
        "citations": {"sheet", "record", "source", "quote"},
    }
