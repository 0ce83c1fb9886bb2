"""The registry: kinds, collections and references, derived from :mod:`swgraph.core.model`.

Everything that needs to know "which kinds exist", "which fields are
references" or "which Neo4j labels and relationship types are allowed" asks
this module; the answers are computed from the model declarations.

>>> KINDS["provincial_association"].tier, KINDS["provincial_association"].label
(1, 'ProvincialAssociation')
>>> sorted(COLLECTIONS)[:3]
['agreements', 'events', 'organisations']
>>> "PARTY_TO" in RELATIONSHIP_TYPES and "CITES" in RELATIONSHIP_TYPES
True
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Iterator

from pydantic import BaseModel

from swgraph.core import kinds
from swgraph.core import model as m
from swgraph.core.kinds import KindSpec

TIER_NAMES = {tier: names[0] for tier, names in kinds.TIERS.items()}
KINDS: dict[str, KindSpec] = kinds.KINDS
ORGANISATION_KINDS = kinds.organisation_kinds()

# collection name (the key in YAML files) -> model
COLLECTIONS: dict[str, type[m.Record]] = {model.collection: model for model in m.RECORD_MODELS}

# Kind of each collection whose records have no kind of their own in the table
RECORD_KIND_OF = {k.collection: k.name for k in kinds.KIND_TABLE if k.collection}

# Shared Neo4j labels per group; every swgraph node also carries :SwgraphNode
GROUP_LABELS = {"organisation": "Organisation", "person": "Person", "record": "Record"}
BASE_LABEL = "SwgraphNode"
SOURCE_LABEL = "Source"


def kind_of(record: m.Record) -> str:
    """The registry kind of a record (an organisation's ``kind``, else its collection's kind)."""
    if isinstance(record, m.Organisation):
        return record.kind
    return RECORD_KIND_OF[record.collection]


def subtype_of(record: m.Record) -> str | None:
    """A record's own type within its kind (an agreement's ``strategic_cooperation``, an event's ``visit``), or None.

    ``kind`` always means the registry kind (:func:`kind_of`) in every output;
    the record's ``kind`` field travels as ``subtype``.

    >>> subtype_of(m.Agreement(id="a", title_zh="协议", parties=["x", "y"], kind="memorandum"))
    'memorandum'
    """
    if isinstance(record, m.Organisation) or "kind" not in type(record).model_fields:
        return None
    return record.kind


def labels_of(record: m.Record) -> list[str]:
    """Neo4j labels of a record's node: base label, group label, kind label."""
    spec = KINDS[kind_of(record)]
    labels = [BASE_LABEL, GROUP_LABELS[spec.group]]
    if spec.label not in labels:
        labels.append(spec.label)
    return labels


# ---------------------------------------------------------------- references


@dataclass(frozen=True)
class RefField:
    """A reference field of a model, found through its :class:`~swgraph.core.model.Ref` mark."""

    model: type[BaseModel]
    name: str
    ref: m.Ref
    many: bool


def _ref_mark(annotation) -> m.Ref | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, m.Ref):
            return meta
    return None


def ref_fields(model: type[BaseModel]) -> list[RefField]:
    """Reference fields declared directly on ``model``."""
    out = []
    hints = typing.get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        mark = _ref_mark(hints.get(name))
        if mark is not None:
            base = typing.get_args(hints[name])[0]
            many = typing.get_origin(base) is list
            out.append(RefField(model, name, mark, many))
    return out


def _nested_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """List-of-model fields of ``model`` that themselves carry references."""
    out = {}
    for name, info in model.model_fields.items():
        ann = info.annotation
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann)
            if isinstance(inner, type) and issubclass(inner, BaseModel) and ref_fields(inner):
                out[name] = inner
    return out


@dataclass(frozen=True)
class Reference:
    """One reference from a record: the field path, the id it names, and the relation."""

    path: str  # e.g. "parties[1]" or "participants[0].organisation"
    target: str
    ref: m.Ref
    attributes: dict  # extra edge properties (e.g. a participation's role)


def iter_references(record: BaseModel) -> Iterator[Reference]:
    """Every reference a record makes, in field order.

    >>> a = m.Agreement(id="a", title_zh="协议", parties=["x", "y"])
    >>> [(r.path, r.target, r.ref.rel) for r in iter_references(a)]
    [('parties[0]', 'x', 'PARTY_TO'), ('parties[1]', 'y', 'PARTY_TO')]
    """
    yield from _iter_refs(record, "", {})


def iter_targets(record: BaseModel) -> Iterator[tuple[str, m.Ref]]:
    """The ids a record refers to, with their marks, in :func:`iter_references` order -- without
    building paths or edge attributes (for checks that only need the targets).

    >>> a = m.Agreement(id="a", title_zh="协议", parties=["x", "y"])
    >>> [(t, ref.rel) for t, ref in iter_targets(a)]
    [('x', 'PARTY_TO'), ('y', 'PARTY_TO')]
    """
    model = type(record)
    values = record.__dict__
    for rf in _REF_FIELDS[model]:
        value = values[rf.name]
        if value is None:
            continue
        if rf.many:
            for v in value:
                yield v, rf.ref
        else:
            yield value, rf.ref
    for name in _NESTED[model]:
        for item in values[name]:
            yield from iter_targets(item)


def _iter_refs(obj: BaseModel, prefix: str, attrs: dict) -> Iterator[Reference]:
    model = type(obj)
    for rf in _REF_FIELDS[model]:
        value = getattr(obj, rf.name)
        if value is None:
            continue
        if rf.many:
            for i, v in enumerate(value):
                yield Reference(f"{prefix}{rf.name}[{i}]", v, rf.ref, attrs)
        else:
            yield Reference(f"{prefix}{rf.name}", value, rf.ref, attrs)
    for name in _NESTED[model]:
        for i, item in enumerate(getattr(obj, name)):
            refs = {r.name for r in _REF_FIELDS[type(item)]}
            extra = {k: _attribute(getattr(item, k)) for k in type(item).model_fields if k not in refs}
            yield from _iter_refs(item, f"{prefix}{name}[{i}].", {**attrs, **{k: v for k, v in extra.items() if v is not None}})


def _attribute(value):
    """An edge attribute value: dates as their ISO text, other scalars as they are."""
    if isinstance(value, m.When):
        return value.value
    return value


def _all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    stack: list[type[BaseModel]] = list(m.RECORD_MODELS)
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.append(model)
        stack.extend(_nested_models(model).values())
    return seen


_REF_FIELDS: dict[type[BaseModel], list[RefField]] = {mod: ref_fields(mod) for mod in _all_models()}
_NESTED: dict[type[BaseModel], dict[str, type[BaseModel]]] = {mod: _nested_models(mod) for mod in _all_models()}

RELATIONSHIP_TYPES: tuple[str, ...] = tuple(
    sorted({rf.ref.rel for fields in _REF_FIELDS.values() for rf in fields} | {"CITES"})
)
