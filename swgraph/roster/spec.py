"""The roster layout: sheets and columns, derived from the model and the kind table.

Each record sheet's columns are the fields of its model
(:mod:`swgraph.core.model`): a column's type (date, region, names, work items,
reference, choice) follows the field's annotation, its choices are the
field's ``Literal`` values (organisation kinds with their labels from
:mod:`swgraph.core.kinds`), and it is required when the field is, unless the
roster fills it itself (ids, a post's role, an event's kind). Only the
Chinese header text and the help text live here, in :data:`FIELD_LABELS`.

A record's citations (``sources``) become the ``source`` / ``quote`` /
``about`` columns and the ``citations`` sheet; ``synthetic`` is implied by
``generator``; ``names`` is the ``aliases`` column.

>>> [c.key for c in SHEETS["people"].columns]
['id', 'name_zh', 'name_en', 'pinyin', 'aliases', 'note', 'source', 'quote', 'about', 'generator']
>>> col = SHEETS["organisations"].column("kind")
>>> col.kind, col.choices[1].value, col.choices[1].zh, col.choices[1].en
('choice', 'provincial_association', '省级行业组织', 'provincial association')
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from swgraph.core import kinds
from swgraph.core import model as m
from swgraph.core.registry import COLLECTIONS, ref_fields

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; a trailing ? marks an inferred date; a note may follow in (…)"
REFS_HELP = "ids or names, separated by ; or line breaks"

#: field -> (Chinese header, help); "sheet.field" entries override a field's label on one sheet.
#: Only text lives here: which columns exist, their types and choices come from the model.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("编号", "optional stable id (a-z, 0-9, - _ .); made from the pinyin of the name when empty"),
    "name_zh": ("名称", "Chinese name (unique in the roster)"),
    "name_en": ("英文名称", "English name"),
    "title_zh": ("标题", "title"),
    "title_en": ("英文标题", "English title"),
    "kind": ("类型", "kind"),
    "region": ("行政区划代码", "GB/T 2260 six-digit code (100000 = national) or a unique division name"),
    "country": ("国家", "ISO country code when not CN, e.g. US"),
    "parent": ("上级组织", "the association it is a member of (id or name)"),
    "part_of": ("所属组织", "the organisation it is a unit of (id or name)"),
    "founded": ("成立日期", DATE_HELP),
    "dissolved": ("撤销日期", DATE_HELP),
    "names": ("别名", "other names separated by ; — each may end in [short|former|english, from DATE, until DATE]"),
    "pinyin": ("拼音", "pinyin of the name (optional)"),
    "description_zh": ("简介", "short description"),
    "note": ("备注", "free note"),
    "generator": ("生成器", "only for synthetic records: the generator that made it (marks the row synthetic)"),
    "person": ("人员", "the person (id or name)"),
    "organisation": ("组织", "the organisation (id or name)"),
    "role": ("职务类别", "role category (filled from 职务 role_zh when empty)"),
    "role_zh": ("职务", "the title as written, e.g. 副会长兼秘书长"),
    "role_en": ("英文职务", "English title"),
    "start": ("任职开始", DATE_HELP),
    "end": ("任职结束", DATE_HELP),
    "observed": ("在任日期", "a date on which the post is known to be held; " + DATE_HELP),
    "parties": ("签约方", "two or more organisations: " + REFS_HELP),
    "signed": ("签订日期", DATE_HELP),
    "purpose_zh": ("目的", "purpose"),
    "purpose_en": ("英文目的", "purpose in English"),
    "scope": ("合作内容", "areas of cooperation, one per line or ;  —  中文 | English | year"),
    "first_year_items": ("首年工作", "first-year work items — 中文 | English | year"),
    "host": ("接待方", "host organisation (id or name)"),
    "visitors": ("来访方", "visiting organisations: " + REFS_HELP),
    "participants": ("参与方", "other participating organisations: " + REFS_HELP),
    "people": ("出席人员", "people who attended: " + REFS_HELP),
    "delegation_zh": ("代表团", "the visiting group's own name, e.g. 专题研习班"),
    "date": ("日期", DATE_HELP),
    "place": ("地点", "GB/T 2260 code or unique division name of the place"),
    "file": ("文件", "file name of the text in the sources folder (for quote checks)"),
    "publisher_zh": ("发布者", "publisher"),
    # the citation columns, and the citations sheet's own locators
    "source": ("来源", "source id"),
    "quote": ("引文", "short locator quote (2–80 characters)"),
    "about": ("所证字段", "the field the quote supports (optional)"),
    "sheet": ("表", "the sheet of the cited row, e.g. organisations"),
    "record": ("记录", "the row's id or name"),
    # one sheet's wording
    "organisations.kind": ("类型", "kind of organisation"),
    "people.name_zh": ("姓名", "Chinese name"),
    "people.name_en": ("英文姓名", "English name"),
    "people.names": ("别名", "other names separated by ;"),
    "agreements.title_zh": ("协议名称", "title of the agreement"),
    "agreements.title_en": ("英文名称", "English title"),
    "agreements.kind": ("类型", "kind of agreement (default cooperation)"),
    "visits.title_zh": ("标题", "title of the visit or meeting"),
    "visits.kind": ("类型", "kind of event (default visit)"),
    "sources.id": ("编号", "source id that rows cite in 来源 source"),
    "sources.title_zh": ("标题", "title of the document"),
}

#: Chinese labels of the enumerations' values (organisation kinds take theirs from the kind table)
VALUE_LABELS: dict[str, str] = {
    "president": "会长", "vice_president": "副会长", "secretary_general": "秘书长",
    "vice_president_and_secretary_general": "副会长兼秘书长", "executive_deputy_secretary_general": "常务副秘书长",
    "council_member": "理事", "vice_minister": "副部长", "director": "主任", "staff": "工作人员", "other": "其他",
    "strategic_cooperation": "战略合作", "cooperation": "合作", "memorandum": "备忘录",
    "visit": "访问", "meeting": "会议", "symposium": "座谈会", "signing": "签约", "forum": "论坛", "training": "培训",
}

NAME_TYPES = {"alias": "alias", "别名": "alias", "short": "short", "简称": "short", "former": "former",
              "曾用名": "former", "english": "english", "英文名": "english"}

#: the columns a model field becomes under another name
COLUMN_KEYS = {"names": "aliases"}
#: the fields shown first, after the id: what the row is
NAME_FIELDS = ("name_zh", "name_en", "title_zh", "title_en")
#: required model fields the roster fills itself when the cell is empty
FILLED_BY_ROSTER = {"posts.role": "from role_zh", "visits.kind": "visit"}
#: record fields with no column of their own (citations and the synthetic flag)
CITATION_COLUMNS = ("source", "quote", "about")

# ---------------------------------------------------------------- columns


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice column, with its Chinese and English labels."""

    value: str
    zh: str
    en: str


@dataclass(frozen=True)
class Column:
    """One roster column: its key (the English header part), Chinese label and how its cells read."""

    key: str
    zh: str
    help: str
    required: bool = False
    kind: str = "text"  # text | date | region | names | ref | refs | items | choice
    choices: tuple[Choice, ...] = ()
    target: str | None = None  # for ref/refs: "organisation" or "person"
    field: str | None = None  # the model field, when it differs from key
    aliases: tuple[str, ...] = ()
    default: object = None  # the model's default (text cells equal to it are left empty on export)

    @property
    def header(self) -> str:
        return f"{self.zh} {self.key}"

    @property
    def model_field(self) -> str:
        return self.field or self.key


@dataclass(frozen=True)
class SheetSpec:
    """One roster sheet: its names and columns, and the collection its rows become."""

    key: str
    zh: str
    collection: str | None
    columns: tuple[Column, ...]
    help: str
    aliases: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.zh} {self.key}"

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)


def label(sheet: str, field: str) -> tuple[str, str]:
    """The Chinese header and help of a field on a sheet (the field name itself when it has none)."""
    return FIELD_LABELS.get(f"{sheet}.{field}") or FIELD_LABELS.get(field) or (field, field)


def _kind_of(hint) -> str:
    """The cell type of a field from its annotation (``Optional`` removed)."""
    hint = _without_none(hint)
    if hint is m.When:
        return "date"
    if hint == m.RegionCode:
        return "region"
    if typing.get_origin(hint) is list and typing.get_args(hint) == (m.OtherName,):
        return "names"
    if typing.get_origin(hint) is list and typing.get_args(hint) == (m.WorkItem,):
        return "items"
    if typing.get_origin(typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint) is Literal:
        return "choice"
    return "text"


def _without_none(hint):
    """``X`` of ``X | None``; other hints unchanged."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _choices(hint) -> tuple[Choice, ...]:
    hint = _without_none(hint)
    if typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    values = typing.get_args(hint)
    if set(values) <= set(kinds.organisation_kinds()):
        return tuple(Choice(v, kinds.KINDS[v].zh, kinds.KINDS[v].en) for v in values)
    return tuple(Choice(v, VALUE_LABELS.get(v, v), v.replace("_", " ")) for v in values)


def model_columns(sheet: str, model: type[BaseModel], *, record: bool = True) -> tuple[Column, ...]:
    """The columns of a sheet whose rows are ``model`` records: its fields, names first, citations last."""
    hints = typing.get_type_hints(model, include_extras=True)
    refs = {rf.name: rf for rf in ref_fields(model)}
    fields = [f for f in model.model_fields if f not in ("sources", "synthetic")]
    first = [f for f in ("id", *NAME_FIELDS) if f in fields]
    last = [f for f in ("note", "generator") if f in fields]
    middle = [f for f in fields if f not in first and f not in last]
    out = [_field_column(sheet, model, f, hints[f], refs.get(f), record) for f in first + middle]
    if "note" in last:
        out.append(_field_column(sheet, model, "note", hints["note"], None, record))
    if record:
        out += [Column(k, label(sheet, k)[0], _citation_help(sheet, k)) for k in CITATION_COLUMNS]
    if "generator" in last:
        out.append(_field_column(sheet, model, "generator", hints["generator"], None, record))
    return tuple(out)


def _citation_help(sheet: str, key: str) -> str:
    what = {"people": "name", "organisations": "name", "posts": "organisation, title and person"}.get(sheet, "title")
    return {"source": "id of a source (sources sheet or base data); empty: the roster itself",
            "quote": f"short locator quote from the source (2–80 characters); empty: the {what}",
            "about": "the field the quote supports (optional, e.g. founded)"}[key]


def _field_column(sheet: str, model: type[BaseModel], name: str, hint, ref, record: bool) -> Column:
    info = model.model_fields[name]
    zh, help_ = label(sheet, name)
    required = info.is_required() and not (record and name == "id") and f"{sheet}.{name}" not in FILLED_BY_ROSTER
    kind = _kind_of(hint)
    target = None
    if ref is not None:
        kind, target = ("refs" if ref.many else "ref"), ref.ref.targets[0]
    key = COLUMN_KEYS.get(name, name)
    aliases = ("name",) if name == "name_zh" else ("title",) if name == "title_zh" else ()
    return Column(key, zh, help_, required=required, kind=kind, choices=_choices(hint) if kind == "choice" else (),
                  target=target, field=name if key != name else None, aliases=aliases,
                  default=None if info.is_required() else info.get_default(call_default_factory=True))


# ---------------------------------------------------------------- sheets

_RECORD_SHEET_TABLE = (
    # key, zh, collection, help, other names
    ("organisations", "组织", "organisations",
     "one organisation per row: federation, associations, agencies, government bodies, universities …",
     ("organisation", "orgs")),
    ("people", "人员", "people", "one person per row", ("person", "persons")),
    ("posts", "职务", "posts", "one post (a person's role in an organisation) per row", ("post",)),
    ("agreements", "协议", "agreements", "one cooperation agreement per row", ("agreement",)),
    ("visits", "访问", "events", "one visit, meeting, symposium, signing, forum or training per row",
     ("visit", "events", "event")),
)


def _citations_columns() -> tuple[Column, ...]:
    cols = [Column(k, label("citations", k)[0], label("citations", k)[1], required=True) for k in ("sheet", "record")]
    return (*cols, *model_columns("citations", m.Citation, record=False))


def _build_sheets() -> dict[str, SheetSpec]:
    sheets = [SheetSpec(key, zh, coll, model_columns(key, COLLECTIONS[coll]), help_, aliases)
              for key, zh, coll, help_, aliases in _RECORD_SHEET_TABLE]
    sheets.append(SheetSpec("sources", "来源", None, model_columns("sources", m.Source, record=False),
                            "documents the rows cite (optional)", ("source",)))
    sheets.append(SheetSpec("citations", "引用", None, _citations_columns(),
                            "further citations of rows in other sheets, in order (optional)", ("citation",)))
    return {s.key: s for s in sheets}


SHEETS: dict[str, SheetSpec] = _build_sheets()
README_NAMES = ("readme", "说明")
RECORD_SHEETS = tuple(key for key, *_ in _RECORD_SHEET_TABLE)


def match_sheet(name: str) -> SheetSpec | None:
    """The sheet a sheet name (or file stem) means: its key, Chinese name, both, or another name."""
    tokens = {t.casefold() for t in name.replace("_", " ").split()} | {name.strip().casefold()}
    for spec in SHEETS.values():
        names = {spec.key, spec.zh, spec.title, *spec.aliases}
        if tokens & {n.casefold() for n in names}:
            return spec
    return None


def match_column(spec: SheetSpec, header: str) -> Column | None:
    """The column a header means: its key, Chinese label, both, or another name."""
    tokens = {t.casefold() for t in header.split()} | {header.strip().casefold()}
    for col in spec.columns:
        if tokens & {n.casefold() for n in (col.key, col.zh, col.header, *col.aliases)}:
            return col
    return None


def is_readme(name: str) -> bool:
    return any(t.casefold() in README_NAMES for t in name.split()) or name.strip().casefold() in README_NAMES
