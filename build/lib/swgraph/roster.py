"""Spreadsheet rosters: a bilingual template, import into seed YAML, export of a dataset.

Planners keep their rosters in spreadsheets. A roster is an ``.xlsx``
workbook, or a folder of ``.csv`` files (UTF-8, with or without BOM), with
one sheet per kind of record:

========================  =========================================
sheet                     records
========================  =========================================
``组织 organisations``      :class:`~swgraph.core.model.Organisation`
``人员 people``             :class:`~swgraph.core.model.Person`
``职务 posts``              :class:`~swgraph.core.model.Post`
``协议 agreements``         :class:`~swgraph.core.model.Agreement`
``访问 visits``             :class:`~swgraph.core.model.Event` (visits, meetings, signings …)
``来源 sources``            :class:`~swgraph.core.model.Source` (optional)
``引用 citations``          further citations of any row (optional)
``说明 README``             explanations; ignored on import
========================  =========================================

Sheet names and column headers are bilingual (``上级组织 parent``); either
part alone is accepted. The first row holds the headers, every later
non-empty row one record. A missing sheet is an empty one.

Cell conventions
----------------
* **References** (``parent``, ``person``, ``parties`` …) are ids or names:
  a Chinese or English name or an alias of a record in the roster (or in
  the ``base`` data). Lists are separated by ``;``, ``；`` or line breaks.
* **Dates** are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also ``2015/6/11``,
  ``2015年6月11日``); a trailing ``?`` marks an inferred date and a note may
  follow in parentheses: ``2019-11-13? (year inferred)``.
* **Aliases**: ``name [type, from DATE, until DATE]``, type one of alias,
  short, former, english (别名, 简称, 曾用名, 英文名).
* **Work items** (``scope``, ``first_year_items``): ``中文 | English | year``.
* **Ids** are optional: without one, a stable id is made from the pinyin of
  the name (``刘京`` → ``liu-jing``; posts ``post-<person>-<organisation>``).

Citations
---------
Every documented record needs a source. A row may cite a source of the
``sources`` sheet (or of the base data) in its ``来源 source`` / ``引文 quote``
/ ``所证字段 about`` columns, and add more in the ``citations`` sheet. A row
that cites nothing (and is not synthetic, i.e. has no ``generator``) cites
the roster itself: a source ``roster-<file stem>`` is added and the quote is
the row's name, so the provenance "typed into this roster" is kept honest
rather than invented.

Every mistake is reported as a :class:`~swgraph.core.errors.Problem` whose file is
``FILE:sheet``, whose line is the spreadsheet row and whose field is the
column header; nothing is written unless the whole roster converts and the
result validates.

>>> col = SHEETS["organisations"].column("parent")
>>> col.header
'上级组织 parent'
>>> parse_when("2019-11-13? (year inferred)")
{'value': '2019-11-13', 'inferred': True, 'note': 'year inferred'}
>>> split_items("甲; 乙 [former, until 2014-12? (a; b)]；丙")
['甲', '乙 [former, until 2014-12? (a; b)]', '丙']
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import BaseModel, ValidationError

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.records.dataset import Dataset, error_message, field_path, read_dataset
from swgraph.core.errors import EnvironmentMissing, InputError, Problem, ValidationFailed
from swgraph.core.names import normalise, pinyin
from swgraph.core.registry import KINDS, ORGANISATION_KINDS

# ---------------------------------------------------------------- the layout


@dataclass(frozen=True)
class Column:
    """One roster column: its key (the English header part), Chinese label and how its cells read."""

    key: str
    zh: str
    help: str
    required: bool = False
    kind: str = "text"  # text | date | region | names | ref | refs | items | choice | int
    choices: tuple[tuple[str, str], ...] = ()  # (value, Chinese label)
    target: str | None = None  # for ref/refs: "organisation" or "person"
    field: str | None = None  # the model field, when it differs from key
    aliases: tuple[str, ...] = ()

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


DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; a trailing ? marks an inferred date; a note may follow in (…)"
REFS_HELP = "ids or names, separated by ; or line breaks"

ORG_KIND_CHOICES = tuple((k, KINDS[k].zh) for k in ORGANISATION_KINDS)
ROLE_CHOICES = (
    ("president", "会长"),
    ("vice_president", "副会长"),
    ("secretary_general", "秘书长"),
    ("vice_president_and_secretary_general", "副会长兼秘书长"),
    ("executive_deputy_secretary_general", "常务副秘书长"),
    ("council_member", "理事"),
    ("vice_minister", "副部长"),
    ("director", "主任"),
    ("staff", "工作人员"),
    ("other", "其他"),
)
AGREEMENT_KIND_CHOICES = (("strategic_cooperation", "战略合作"), ("cooperation", "合作"),
                          ("memorandum", "备忘录"), ("other", "其他"))
EVENT_KIND_CHOICES = (("visit", "访问"), ("meeting", "会议"), ("symposium", "座谈会"), ("signing", "签约"),
                      ("forum", "论坛"), ("training", "培训"))
NAME_TYPES = {"alias": "alias", "别名": "alias", "short": "short", "简称": "short", "former": "former",
              "曾用名": "former", "english": "english", "英文名": "english"}


def _record_columns(name_key: str) -> tuple[Column, ...]:
    """Columns every record sheet ends with: note, citation, generator."""
    return (
        Column("note", "备注", "free note"),
        Column("source", "来源", "id of a source (sources sheet or base data); empty: the roster itself"),
        Column("quote", "引文", f"short locator quote from the source (2–80 characters); empty: the {name_key}"),
        Column("about", "所证字段", "the field the quote supports (optional, e.g. founded)"),
        Column("generator", "生成器", "only for synthetic records: the generator that made it (marks the row synthetic)"),
    )


ID_COLUMN = Column("id", "编号", "optional stable id (a-z, 0-9, - _ .); made from the pinyin of the name when empty")

SHEETS: dict[str, SheetSpec] = {
    s.key: s
    for s in (
        SheetSpec("organisations", "组织", "organisations", (
            ID_COLUMN,
            Column("name_zh", "名称", "Chinese name (unique in the roster)", required=True, aliases=("name",)),
            Column("name_en", "英文名称", "English name"),
            Column("kind", "类型", "kind of organisation", required=True, kind="choice", choices=ORG_KIND_CHOICES),
            Column("region", "行政区划代码", "GB/T 2260 six-digit code (100000 = national) or a unique division name",
                   kind="region"),
            Column("country", "国家", "ISO country code when not CN, e.g. US"),
            Column("parent", "上级组织", "the association it is a member of (id or name)", kind="ref",
                   target="organisation"),
            Column("part_of", "所属组织", "the organisation it is a unit of (id or name)", kind="ref",
                   target="organisation"),
            Column("founded", "成立日期", DATE_HELP, kind="date"),
            Column("dissolved", "撤销日期", DATE_HELP, kind="date"),
            Column("aliases", "别名", "other names separated by ; — each may end in [short|former|english, from DATE, "
                   "until DATE]", kind="names", field="names"),
            Column("pinyin", "拼音", "pinyin of the name (optional)"),
            Column("description_zh", "简介", "short description"),
            *_record_columns("name"),
        ), "one organisation per row: federation, associations, agencies, government bodies, universities …",
            ("organisation", "orgs")),
        SheetSpec("people", "人员", "people", (
            ID_COLUMN,
            Column("name_zh", "姓名", "Chinese name", required=True, aliases=("name",)),
            Column("name_en", "英文姓名", "English name"),
            Column("aliases", "别名", "other names separated by ;", kind="names", field="names"),
            Column("pinyin", "拼音", "pinyin of the name (optional)"),
            *_record_columns("name"),
        ), "one person per row", ("person", "persons")),
        SheetSpec("posts", "职务", "posts", (
            ID_COLUMN,
            Column("person", "人员", "the person (id or name)", required=True, kind="ref", target="person"),
            Column("organisation", "组织", "the organisation (id or name)", required=True, kind="ref",
                   target="organisation"),
            Column("role", "职务类别", "role category (filled from 职务 role_zh when empty)", kind="choice",
                   choices=ROLE_CHOICES),
            Column("role_zh", "职务", "the title as written, e.g. 副会长兼秘书长", required=True),
            Column("role_en", "英文职务", "English title"),
            Column("start", "任职开始", DATE_HELP, kind="date"),
            Column("end", "任职结束", DATE_HELP, kind="date"),
            Column("observed", "在任日期", "a date on which the post is known to be held; " + DATE_HELP, kind="date"),
            *_record_columns("organisation, title and person"),
        ), "one post (a person's role in an organisation) per row", ("post",)),
        SheetSpec("agreements", "协议", "agreements", (
            ID_COLUMN,
            Column("title_zh", "协议名称", "title of the agreement", required=True, aliases=("title",)),
            Column("title_en", "英文名称", "English title"),
            Column("kind", "类型", "kind of agreement (default cooperation)", kind="choice",
                   choices=AGREEMENT_KIND_CHOICES),
            Column("parties", "签约方", "two or more organisations: " + REFS_HELP, required=True, kind="refs",
                   target="organisation"),
            Column("signed", "签订日期", DATE_HELP, kind="date"),
            Column("purpose_zh", "目的", "purpose"),
            Column("scope", "合作内容", "areas of cooperation, one per line or ;  —  中文 | English | year",
                   kind="items"),
            Column("first_year_items", "首年工作", "first-year work items — 中文 | English | year", kind="items"),
            *_record_columns("title"),
        ), "one cooperation agreement per row", ("agreement",)),
        SheetSpec("visits", "访问", "events", (
            ID_COLUMN,
            Column("kind", "类型", "kind of event (default visit)", kind="choice", choices=EVENT_KIND_CHOICES),
            Column("title_zh", "标题", "title of the visit or meeting", required=True, aliases=("title",)),
            Column("title_en", "英文标题", "English title"),
            Column("host", "接待方", "host organisation (id or name)", kind="ref", target="organisation"),
            Column("visitors", "来访方", "visiting organisations: " + REFS_HELP, kind="refs", target="organisation"),
            Column("participants", "参与方", "other participating organisations: " + REFS_HELP, kind="refs",
                   target="organisation"),
            Column("people", "出席人员", "people who attended: " + REFS_HELP, kind="refs", target="person"),
            Column("delegation_zh", "代表团", "the visiting group's own name, e.g. 专题研习班"),
            Column("date", "日期", DATE_HELP, required=True, kind="date"),
            Column("place", "地点", "GB/T 2260 code or unique division name of the place", kind="region"),
            Column("purpose_zh", "目的", "purpose"),
            Column("purpose_en", "英文目的", "purpose in English"),
            *_record_columns("title"),
        ), "one visit, meeting, symposium, signing, forum or training per row", ("visit", "events", "event")),
        SheetSpec("sources", "来源", None, (
            Column("id", "编号", "source id that rows cite in 来源 source", required=True),
            Column("title_zh", "标题", "title of the document", required=True, aliases=("title",)),
            Column("title_en", "英文标题", "English title"),
            Column("file", "文件", "file name of the text in the sources folder (for quote checks)"),
            Column("date", "日期", DATE_HELP, kind="date"),
            Column("publisher_zh", "发布者", "publisher"),
            Column("note", "备注", "free note"),
        ), "documents the rows cite (optional)", ("source",)),
        SheetSpec("citations", "引用", None, (
            Column("sheet", "表", "the sheet of the cited row, e.g. organisations", required=True),
            Column("record", "记录", "the row's id or name", required=True),
            Column("source", "来源", "source id", required=True),
            Column("quote", "引文", "short locator quote (2–80 characters)", required=True),
            Column("about", "所证字段", "the field the quote supports (optional)"),
        ), "further citations of rows in other sheets, in order (optional)", ("citation",)),
    )
}
README_NAMES = ("readme", "说明")
RECORD_SHEETS = ("organisations", "people", "posts", "agreements", "visits")


# ---------------------------------------------------------------- cell syntax

_OPEN, _CLOSE = "([{（【《", ")]}）】》"
_DATE_FORMS = (
    re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$"),
    re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$"),
)
_WHEN = re.compile(r"^(?P<date>[^?？(（\s]+)\s*(?P<inferred>[?？])?\s*(?:[(（](?P<note>.*)[)）])?$", re.S)


def split_items(text: str, seps: str = ";；\n") -> list[str]:
    """Split a cell at separators outside brackets; empty items are dropped.

    >>> split_items("a|b (c|d)|e", "|")
    ['a', 'b (c|d)', 'e']
    """
    items, depth, cur = [], 0, ""
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    return [i.strip() for i in items if i.strip()]


def normalise_date(text: str) -> str:
    """ISO form of a date written ``2015/6/11``, ``2015.6`` or ``2015年6月11日`` (other text unchanged).

    >>> normalise_date("2015年6月"), normalise_date("2015/6/1"), normalise_date("June")
    ('2015-06', '2015-06-01', 'June')
    """
    for form in _DATE_FORMS:
        mt = form.match(text.strip())
        if mt:
            y, mo, d = mt.groups()
            return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if d else "")
    return text.strip()


def parse_when(text: str) -> str | dict:
    """A date cell as the YAML form :class:`~swgraph.core.model.When` reads (checked by the model).

    >>> parse_when("2015-04 (今年4月 in a 2015 report)")
    {'value': '2015-04', 'note': '今年4月 in a 2015 report'}
    >>> parse_when("2015")
    '2015'
    """
    mt = _WHEN.match(text.strip())
    if not mt:
        return text.strip()
    value = normalise_date(mt["date"])
    if not mt["inferred"] and mt["note"] is None:
        return value
    out: dict[str, Any] = {"value": value}
    if mt["inferred"]:
        out["inferred"] = True
    if mt["note"] is not None:
        out["note"] = mt["note"].strip()
    return out


def format_when(when: m.When | None) -> str:
    """The cell text of a date (inverse of :func:`parse_when`)."""
    if when is None:
        return ""
    return when.value + ("?" if when.inferred else "") + (f" ({when.note})" if when.note is not None else "")


_SPEC = re.compile(r"^(?P<name>.*?)\s*[\[【](?P<spec>[^\[\]【】]*(?:\(.*\)|（.*）)?[^\[\]【】]*)[\]】]$", re.S)


def parse_names(text: str) -> list[dict]:
    """An aliases cell as ``names`` entries; raises ValueError on an unknown qualifier.

    >>> parse_names("社工联; 中国社会工作协会 [former, until 2014-12?]")
    [{'name': '社工联', 'type': 'alias'}, {'name': '中国社会工作协会', 'type': 'former', 'valid_until': {'value': '2014-12', 'inferred': True}}]
    """
    out = []
    for item in split_items(text):
        entry: dict[str, Any] = {"name": item, "type": "alias"}
        mt = _SPEC.match(item)
        if mt:
            entry["name"] = mt["name"].strip()
            for part in split_items(mt["spec"], ",，;；"):
                word, _, rest = part.partition(" ")
                if part in NAME_TYPES:
                    entry["type"] = NAME_TYPES[part]
                elif word in ("from", "自", "始") and rest.strip():
                    entry["valid_from"] = parse_when(rest)
                elif word in ("until", "至", "止") and rest.strip():
                    entry["valid_until"] = parse_when(rest)
                else:
                    raise ValueError(f"{part!r} in {item!r}: expected a type (alias, short, former, english), "
                                     "'from DATE' or 'until DATE'")
        out.append(entry)
    return out


def format_names(names: list[m.OtherName]) -> str:
    """The cell text of an aliases list (inverse of :func:`parse_names`)."""
    cells = []
    for n in names:
        spec = [] if n.type == "alias" else [n.type]
        if n.valid_from is not None:
            spec.append(f"from {format_when(n.valid_from)}")
        if n.valid_until is not None:
            spec.append(f"until {format_when(n.valid_until)}")
        cells.append(n.name + (f" [{', '.join(spec)}]" if spec else ""))
    return "; ".join(cells)


def parse_items(text: str) -> list[dict]:
    """A work-items cell (``中文 | English | year`` per item) as ``WorkItem`` mappings.

    >>> parse_items("交流 | exchange | 2015\\n培训")
    [{'name_zh': '交流', 'name_en': 'exchange', 'year': '2015'}, {'name_zh': '培训'}]
    """
    out = []
    for item in split_items(text):
        parts = split_items(item, "|") if "|" in item else [item]
        entry: dict[str, Any] = {"name_zh": parts[0]}
        for p in parts[1:]:
            if re.fullmatch(r"\d{4}", p) and "year" not in entry:
                entry["year"] = p
            elif "name_en" not in entry:
                entry["name_en"] = p
            else:
                raise ValueError(f"{item!r}: expected 中文 | English | year")
        out.append(entry)
    return out


def format_items(items: list[m.WorkItem]) -> str:
    """The cell text of work items (inverse of :func:`parse_items`), one per line."""
    lines = []
    for it in items:
        parts = [it.name_zh]
        if it.name_en is not None:
            parts.append(it.name_en)
        if it.year is not None:
            parts.append(str(it.year))
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: numbers without ``.0``, dates as ISO, line breaks as ``\\n``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def slug(text: str, limit: int = 60) -> str:
    """An id fragment from the pinyin of ``text`` (``广东省`` → ``guang-dong-sheng``), cut at a word boundary."""
    s = re.sub(r"[^a-z0-9]+", "-", pinyin(text).lower()).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0] if "-" in s[:limit] else s[:limit]
    return s


# ---------------------------------------------------------------- reading sheets


@dataclass
class RawSheet:
    """One sheet as read: its spec, its label for problems, column map and data rows."""

    spec: SheetSpec
    label: str  # "roster.xlsx:organisations"
    columns: dict[str, str] = field(default_factory=dict)  # column key -> header as written
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number, key -> text)


def _match_spec(name: str) -> SheetSpec | None:
    tokens = {t.casefold() for t in name.replace("_", " ").split()} | {name.strip().casefold()}
    for spec in SHEETS.values():
        names = {spec.key, spec.zh, spec.title, *spec.aliases}
        if tokens & {n.casefold() for n in names}:
            return spec
    return None


def _match_column(spec: SheetSpec, header: str) -> Column | None:
    tokens = {t.casefold() for t in header.split()} | {header.strip().casefold()}
    for col in spec.columns:
        if tokens & {n.casefold() for n in (col.key, col.zh, col.header, *col.aliases)}:
            return col
    return None


def _is_readme(name: str) -> bool:
    return any(t.casefold() in README_NAMES for t in name.split()) or name.strip().casefold() in README_NAMES


def _parse_table(spec: SheetSpec, label: str, table: list[list[Any]], problems: list[Problem]) -> RawSheet:
    sheet = RawSheet(spec, label)
    header = [cell_text(v) for v in (table[0] if table else [])]
    index: dict[int, str] = {}
    for i, h in enumerate(header):
        if not h:
            continue
        col = _match_column(spec, h)
        if col is None:
            known = ", ".join(c.header for c in spec.columns)
            problems.append(Problem(label, 1, None, h, f"unknown column; expected one of: {known}"))
        elif col.key in sheet.columns:
            problems.append(Problem(label, 1, None, h, f"column appears twice (also {sheet.columns[col.key]!r})"))
        else:
            sheet.columns[col.key] = h
            index[i] = col.key
    for col in spec.columns:
        if col.required and col.key not in sheet.columns:
            problems.append(Problem(label, 1, None, col.header, "required column is missing"))
    for rownum, raw in enumerate(table[1:], start=2):
        values = {index[i]: cell_text(v) for i, v in enumerate(raw) if i in index}
        stray = [i for i, v in enumerate(raw)
                 if i not in index and cell_text(v) and (i >= len(header) or not header[i])]
        if stray:
            problems.append(Problem(label, rownum, None, None, f"a value in column {stray[0] + 1}, which has no header"))
        if any(values.values()):
            sheet.rows.append((rownum, values))
    return sheet


def _read_xlsx(path: Path, problems: list[Problem]) -> list[RawSheet]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise EnvironmentMissing("reading .xlsx rosters needs openpyxl (pip install openpyxl)") from None
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from None
    try:
        tables = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()
    return _sheets_from_tables(path.name, tables, problems)


def _read_csv_dir(path: Path, problems: list[Problem]) -> list[RawSheet]:
    tables = []
    for f in sorted(path.iterdir()):
        if f.suffix.lower() != ".csv" or not f.is_file():
            continue
        try:
            text = f.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(Problem(str(f), None, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
            continue
        tables.append((f.stem, [row for row in csv.reader(io.StringIO(text, newline=""))]))
    if not tables and not problems:
        raise InputError(f"{path}: no .csv files (expected organisations.csv, people.csv, posts.csv, …)")
    return _sheets_from_tables(path.name, tables, problems, csv_dir=path)


def _sheets_from_tables(name: str, tables, problems: list[Problem], csv_dir: Path | None = None) -> list[RawSheet]:
    sheets: dict[str, RawSheet] = {}
    for title, table in tables:
        label = str(csv_dir / f"{title}.csv") if csv_dir else f"{name}:{title}"
        if _is_readme(title):
            continue
        spec = _match_spec(title)
        if spec is None and not any(cell_text(v) for row in table for v in row):
            continue  # an empty extra sheet (Excel's "Sheet1"): nothing to import
        if spec is None:
            known = ", ".join(s.title for s in SHEETS.values())
            problems.append(Problem(label, None, None, None, f"unknown sheet {title!r}; expected one of: {known} "
                                    "(or 说明 README, which is ignored)"))
            continue
        if spec.key in sheets:
            problems.append(Problem(label, None, None, None, f"sheet {spec.title} given twice "
                                    f"(also {sheets[spec.key].label})"))
            continue
        sheets[spec.key] = _parse_table(spec, label, table, problems)
    return [sheets[k] for k in SHEETS if k in sheets]


def read_sheets(path: str | Path) -> tuple[list[RawSheet], list[Problem]]:
    """The recognised sheets of an ``.xlsx`` roster or a folder of CSV files, and layout problems."""
    path = Path(path)
    problems: list[Problem] = []
    if path.is_dir():
        return _read_csv_dir(path, problems), problems
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    if path.suffix.lower() == ".csv":
        raise InputError(f"{path}: give the folder of CSV files (organisations.csv, people.csv, …), not one file")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(f"{path}: a roster is an .xlsx workbook or a folder of .csv files")
    return _read_xlsx(path, problems), problems


# ---------------------------------------------------------------- converting rows to records


@dataclass
class _Row:
    """A roster row on its way to a record: where it is, its record data, where each citation came from."""

    sheet: RawSheet
    row: int
    data: dict[str, Any]
    cites: list[tuple[str, int]] = field(default_factory=list)  # (label, row) of each citation
    cite_sheets: list[SheetSpec] = field(default_factory=list)
    explicit_id: bool = False
    failed: bool = False

    def header(self, key: str) -> str:
        return self.sheet.columns.get(key) or (self.sheet.spec.column(key).header if self.sheet.spec.has(key) else key)


@dataclass
class RosterResult:
    """The outcome of converting a roster: records by collection, sources, and every problem."""

    records: dict[str, list[m.Record]]
    sources: list[m.Source]
    problems: list[Problem]
    dataset: Dataset | None = None  # the converted records with the base data, as validated

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {c: len(rs) for c, rs in self.records.items() if rs} | ({"sources": len(self.sources)}
                                                                          if self.sources else {})

    def seed_data(self) -> dict[str, list[dict]]:
        """The converted records as a seed file's mapping (``sources:`` first, then the collections)."""
        out: dict[str, list[dict]] = {}
        if self.sources:
            out["sources"] = [_dump(s) for s in self.sources]
        for coll, recs in self.records.items():
            if recs:
                out[coll] = [_dump(r) for r in recs]
        return out


_LAST = ("note", "synthetic", "generator", "sources")


def _dump(rec: BaseModel) -> dict:
    """A record as seed YAML data: defaults left out, id first and citations last (like the seeds)."""
    data = rec.model_dump(mode="json", exclude_defaults=True)
    return {k: data[k] for k in sorted(data, key=lambda k: (k != "id", k in _LAST, _LAST.index(k) if k in _LAST else 0))}


class _Index:
    """Ids and names of the organisations and people a roster may refer to."""

    def __init__(self):
        self.ids: dict[str, set[str]] = {"organisation": set(), "person": set()}
        self.names: dict[str, dict[str, list[str]]] = {"organisation": {}, "person": {}}

    def add(self, group: str, rid: str, names: Iterable[str]) -> None:
        self.ids[group].add(rid)
        for n in {normalise(x) for x in names if x}:
            if n:
                lst = self.names[group].setdefault(n, [])
                if rid not in lst:
                    lst.append(rid)

    def resolve(self, group: str, value: str) -> str:
        if value in self.ids[group]:
            return value
        found = self.names[group].get(normalise(value), [])
        if len(found) == 1:
            return found[0]
        what = "organisation" if group == "organisation" else "person"
        if found:
            raise ValueError(f"{value!r} names more than one {what} ({', '.join(found)}); give the id instead")
        hint = ""
        if any(sep in value for sep in "、,，"):
            hint = " (separate several names with ; or line breaks)"
        where = "the organisations sheet" if group == "organisation" else "the people sheet"
        raise ValueError(f"unknown {what} {value!r}: not an id or name in {where} or the base data{hint}")


def _choice(col: Column, text: str) -> str:
    labels = {}
    for value, zh in col.choices:
        labels[value.casefold()] = value
        labels[zh] = value
        if col.key == "kind" and value in KINDS:
            labels[KINDS[value].en.casefold()] = value
    got = labels.get(text.strip().casefold()) or labels.get(text.strip())
    if got is None:
        allowed = ", ".join(f"{v} ({zh})" for v, zh in col.choices)
        raise ValueError(f"{text!r} is not allowed; choose one of: {allowed}")
    return got


@dataclass
class _RegionNames:
    by_name: dict[str, list[str]]

    @classmethod
    def build(cls) -> "_RegionNames":
        by_name: dict[str, list[str]] = {}
        for code, div in regions._index().items():
            by_name.setdefault(div.name, []).append(code)
        return cls(by_name)


_REGION_NAMES: _RegionNames | None = None


def parse_region(text: str) -> str:
    """A region cell: a six-digit code, or a division name that is unique (``广东省`` → ``440000``)."""
    global _REGION_NAMES
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return text
    if _REGION_NAMES is None:
        _REGION_NAMES = _RegionNames.build()
    codes = _REGION_NAMES.by_name.get(text, [])
    if len(codes) == 1:
        return codes[0]
    if codes:
        raise ValueError(f"{text!r} names several divisions ({', '.join(sorted(codes))}); give the six-digit code")
    raise ValueError(f"{text!r} is not a GB/T 2260 six-digit code or a known division name")


class _Converter:
    def __init__(self, name: str, sheets: list[RawSheet], base: Dataset | None, problems: list[Problem]):
        self.name = name
        self.sheets = {s.spec.key: s for s in sheets}
        self.base = base
        self.problems = problems
        self.index = _Index()
        self.taken: set[str] = set()
        self.rows: dict[str, list[_Row]] = {k: [] for k in RECORD_SHEETS}
        self.sources: list[m.Source] = []
        self.source_ids: set[str] = set()
        stem = Path(name).stem if Path(name).suffix else name
        stem_id = slug(stem) or "file"
        self.roster_source_id = stem_id if stem_id.startswith("roster") else f"roster-{stem_id}"
        self.roster_source_used = False

    def problem(self, sheet: RawSheet, row: int | None, key: str | None, message: str, record: str | None = None):
        header = None
        if key is not None:
            header = sheet.columns.get(key) or (sheet.spec.column(key).header if sheet.spec.has(key) else key)
        self.problems.append(Problem(sheet.label, row, record, header, message))

    # -- pass 1: sources, ids and names
    def read_sources(self) -> None:
        if self.base is not None:
            self.source_ids |= set(self.base.sources)
        sheet = self.sheets.get("sources")
        if sheet is None:
            return
        for row, values in sheet.rows:
            data = {k: (parse_when(v) if sheet.spec.column(k).kind == "date" else v)
                    for k, v in values.items() if v}
            try:
                src = m.Source.model_validate(data)
            except ValidationError as exc:
                for err in exc.errors():
                    self.problem(sheet, row, str(err["loc"][0]) if err["loc"] else None, error_message(err), data.get("id"))
                continue
            if src.id in self.source_ids:
                self.problem(sheet, row, "id", f"source id {src.id!r} is already defined", src.id)
                continue
            self.source_ids.add(src.id)
            self.sources.append(src)

    def claim_ids(self) -> None:
        """Reserve explicit ids (and the base data's), then name every organisation and person."""
        if self.base is not None:
            for rec in self.base.all_records():
                self.taken.add(rec.id)
                if isinstance(rec, (m.Organisation, m.Person)):
                    self.index.add(rec.kind_group, rec.id, rec.all_names())
        self.taken |= self.source_ids
        first_row: dict[str, tuple[RawSheet, int]] = {}
        for key in RECORD_SHEETS:
            sheet = self.sheets.get(key)
            for row, values in sheet.rows if sheet else []:
                rid = values.get("id", "")
                if not rid:
                    continue
                if rid in first_row:
                    other, orow = first_row[rid]
                    self.problem(sheet, row, "id", f"duplicate id; first used in {other.label} row {orow}", rid)
                elif rid in self.taken:
                    self.problem(sheet, row, "id", "id is already used in the base data or by a source", rid)
                first_row.setdefault(rid, (sheet, row))
                self.taken.add(rid)
        for key, group in (("organisations", "organisation"), ("people", "person")):
            sheet = self.sheets.get(key)
            if sheet is None:
                continue
            seen: dict[str, tuple[int, bool]] = {}
            base_names = dict(self.index.names[group])
            for row, values in sheet.rows:
                name = values.get("name_zh", "")
                explicit = bool(values.get("id"))
                rid = values.get("id") or self.new_id(slug(name) or slug(values.get("name_en", "")) or f"{key}-{row}")
                r = _Row(sheet, row, {"id": rid}, explicit_id=explicit)
                self.rows[key].append(r)
                if not name:
                    continue
                n = normalise(name)
                if n in seen and not (explicit and seen[n][1]):
                    self.problem(sheet, row, "name_zh", f"duplicate name {name!r}; also in row {seen[n][0]} "
                                 "(give both rows an id if they really are different)", rid)
                elif n in base_names and rid not in base_names[n] and not explicit:
                    self.problem(sheet, row, "name_zh", f"{name!r} is already in the base data as "
                                 f"{', '.join(base_names[n])}; refer to it instead of adding it again", rid)
                seen.setdefault(n, (row, explicit))
                aliases = []
                if values.get("aliases"):
                    try:
                        aliases = [e["name"] for e in parse_names(values["aliases"])]
                    except ValueError:
                        pass  # reported when the row is converted
                self.index.add(group, rid, [name, values.get("name_en", ""), *aliases])

    def new_id(self, base: str) -> str:
        base = base[:190].strip("-") or "record"
        rid, n = base, 1
        while rid in self.taken:
            n += 1
            rid = f"{base}-{n}"
        self.taken.add(rid)
        return rid

    # -- pass 2: every row to a record mapping
    def convert_rows(self) -> None:
        for key in RECORD_SHEETS:
            sheet = self.sheets.get(key)
            if sheet is None:
                continue
            prepared = self.rows[key]
            for i, (row, values) in enumerate(sheet.rows):
                if key in ("organisations", "people"):
                    r = prepared[i]  # made, with its id, by claim_ids
                else:
                    r = _Row(sheet, row, {}, explicit_id=bool(values.get("id")))
                    prepared.append(r)
                self.convert_row(r, values)

    def convert_row(self, r: _Row, values: dict[str, str]) -> None:
        spec, sheet, row = r.sheet.spec, r.sheet, r.row
        data = r.data
        ok = True
        for col in spec.columns:
            text = values.get(col.key, "")
            if col.key in ("id", "source", "quote", "about", "generator") or not text:
                continue
            try:
                if col.kind == "date":
                    value: Any = parse_when(text)
                elif col.kind == "region":
                    value = parse_region(text)
                elif col.kind == "names":
                    value = parse_names(text)
                elif col.kind == "items":
                    value = parse_items(text)
                elif col.kind == "choice":
                    value = _choice(col, text)
                elif col.kind == "ref":
                    value = self.index.resolve(col.target, text)
                elif col.kind == "refs":
                    value = [self.index.resolve(col.target, t) for t in split_items(text)]
                else:
                    value = text
            except ValueError as exc:
                self.problem(sheet, row, col.key, str(exc), data.get("id") or values.get("id"))
                ok = False
                continue
            data[col.model_field] = value
        if spec.key == "posts":
            if "role" not in data and data.get("role_zh"):
                data["role"] = dict((zh, v) for v, zh in ROLE_CHOICES).get(data["role_zh"], "other")
        if spec.key == "visits" and "kind" not in data:
            data["kind"] = "visit"
        if "id" not in data:
            if values.get("id"):
                data["id"] = values["id"]
            elif ok:
                data["id"] = self.new_id(self.make_id(spec.key, data, row))
        if values.get("generator"):
            data["synthetic"] = True
            data["generator"] = values["generator"]
        data["sources"] = []
        quote, source, about = values.get("quote", ""), values.get("source", ""), values.get("about", "")
        if source or quote or about:
            if not source:
                self.problem(sheet, row, "source", "a quote needs a source (a source id)", data.get("id"))
            else:
                if source not in self.source_ids:
                    self.problem(sheet, row, "source", f"unknown source {source!r}: not in the sources sheet "
                                 "or the base data", data.get("id"))
                cit = {"source": source, "quote": quote or self.row_quote(spec.key, data)}
                if about:
                    cit["about"] = about
                data["sources"].append(cit)
                r.cites.append((sheet.label, row))
                r.cite_sheets.append(sheet.spec)
        r.data, r.failed = data, not ok

    def make_id(self, key: str, data: dict, row: int) -> str:
        if key == "posts":
            return f"post-{data.get('person', 'person')}-{data.get('organisation', 'organisation')}"
        title = slug(data.get("title_zh", "") or data.get("title_en", ""), 40) or f"row-{row}"
        if key == "agreements":
            signed = data.get("signed")
            year = (signed["value"] if isinstance(signed, dict) else signed or "")[:4]
            return f"agr-{year}-{title}" if re.fullmatch(r"\d{4}", year) else f"agr-{title}"
        date = data.get("date")
        date = date["value"] if isinstance(date, dict) else date or ""
        return f"ev-{date}-{title}" if re.fullmatch(r"\d{4}(-\d\d){0,2}", date) else f"ev-{title}"

    def row_quote(self, key: str, data: dict) -> str:
        if key == "posts":
            org = self.name_of(data.get("organisation"), "organisation")
            person = self.name_of(data.get("person"), "person")
            q = f"{org}{data.get('role_zh', '')}{person}"
        else:
            q = data.get("name_zh") or data.get("title_zh") or data.get("name_en") or data.get("title_en") or ""
        q = q[:80]
        return q if len(q) >= 2 else f"{q} row"

    def name_of(self, rid: str | None, group: str) -> str:
        for r in self.rows["organisations" if group == "organisation" else "people"]:
            if r.data.get("id") == rid:
                return r.data.get("name_zh", "")
        if self.base is not None and rid and (rec := self.base.get(rid)) is not None:
            return getattr(rec, "name_zh", "")
        return ""

    # -- pass 3: the citations sheet, then the roster's own citation
    def read_citations(self) -> None:
        sheet = self.sheets.get("citations")
        for row, values in sheet.rows if sheet else []:
            target = _match_spec(values.get("sheet", ""))
            if target is None or target.key not in RECORD_SHEETS:
                self.problem(sheet, row, "sheet", f"{values.get('sheet', '')!r} is not a record sheet; expected one of "
                             + ", ".join(SHEETS[k].title for k in RECORD_SHEETS))
                continue
            rec = values.get("record", "")
            matches = [r for r in self.rows[target.key] if not r.failed and rec in (r.data.get("id"), r.data.get("name_zh"),
                                                                              r.data.get("title_zh"))]
            if len(matches) != 1:
                self.problem(sheet, row, "record", f"{rec!r} {'names several rows' if matches else 'is not an id or name'}"
                             f" in {target.title}")
                continue
            source = values.get("source", "")
            if source not in self.source_ids:
                self.problem(sheet, row, "source", f"unknown source {source!r}: not in the sources sheet or the base data")
                continue
            cit = {"source": source, "quote": values.get("quote", "")}
            if values.get("about"):
                cit["about"] = values["about"]
            matches[0].data["sources"].append(cit)
            matches[0].cites.append((sheet.label, row))
            matches[0].cite_sheets.append(sheet.spec)

    def cite_roster(self) -> None:
        for key in RECORD_SHEETS:
            for r in self.rows[key]:
                if not r.failed and not r.data["sources"] and not r.data.get("synthetic"):
                    r.data["sources"].append({"source": self.roster_source_id, "quote": self.row_quote(key, r.data)})
                    r.cites.append((r.sheet.label, r.row))
                    r.cite_sheets.append(r.sheet.spec)
                    self.roster_source_used = True
        if self.roster_source_used and self.roster_source_id not in self.source_ids:
            self.sources.append(m.Source(
                id=self.roster_source_id, title_zh=f"名册 {self.name}", title_en=f"Roster {self.name}",
                note="Records typed into this roster without a documentary source; each cites its row's name."))

    # -- pass 4: models
    def build(self) -> tuple[dict[str, list[m.Record]], dict[int, _Row]]:
        from swgraph.core.registry import COLLECTIONS

        records: dict[str, list[m.Record]] = {SHEETS[k].collection: [] for k in RECORD_SHEETS}
        where: dict[int, _Row] = {}
        for key in RECORD_SHEETS:
            coll = SHEETS[key].collection
            for r in self.rows[key]:
                if r.failed:
                    continue
                try:
                    rec = COLLECTIONS[coll].model_validate(r.data)
                except ValidationError as exc:
                    for err in exc.errors():
                        self.problems.append(_map_field(r, field_path(err["loc"]), error_message(err), r.data.get("id")))
                    r.failed = True
                    continue
                records[coll].append(rec)
                where[id(rec)] = r
        return records, where


def _map_field(r: _Row, path: str | None, message: str, record: str | None) -> Problem:
    """A problem about a record field, placed at its sheet, row and column."""
    path = path or ""
    mt = re.match(r"^sources\[(\d+)\](?:\.(\w+))?", path)
    if mt and int(mt[1]) < len(r.cites):
        label, row = r.cites[int(mt[1])]
        spec = r.cite_sheets[int(mt[1])]
        key = mt[2] or "source"
        return Problem(label, row, record, spec.column(key).header if spec.has(key) else key, message)
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    spec = r.sheet.spec
    for col in spec.columns:
        if col.model_field == head:
            return Problem(r.sheet.label, r.row, record, r.header(col.key), message)
    if head == "synthetic":
        return Problem(r.sheet.label, r.row, record, r.header("generator"), message)
    return Problem(r.sheet.label, r.row, record, path or None, message)


def convert_roster(path: str | Path, *, base: Iterable[str | Path] | None = None,
                   sources_dir: str | Path | None = None) -> RosterResult:
    """Read a roster and convert it into records; every problem is in ``result.problems``.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook or a folder of CSV files.
    base
        Seed files or folders the roster may refer to by id or name (e.g. the
        bundled seeds); they are validated together with the roster but not
        part of the result.
    sources_dir
        Folder of source texts: citation quotes are checked against them.

    Returns
    -------
    RosterResult
        Records by collection and sources; when ``problems`` is empty they
        passed the full :func:`swgraph.records.validate.validate`.
    """
    from swgraph.records.validate import validate

    path = Path(path)
    sheets, problems = read_sheets(path)
    base_ds = None
    if base:
        base_ds, base_problems = read_dataset(list(base))
        problems += base_problems
    conv = _Converter(path.name, sheets, base_ds, problems)
    conv.read_sources()
    conv.claim_ids()
    conv.convert_rows()
    conv.read_citations()
    conv.cite_roster()
    records, where = conv.build()
    result = RosterResult(records, conv.sources, problems)
    # Validate what did convert even when some rows did not, so every mistake shows at once;
    # references to the rows that failed are not reported again.
    failed = {r.data.get("id") for rows in conv.rows.values() for r in rows if r.failed and r.data.get("id")}
    ds = Dataset()
    if base_ds is not None:
        ds.info = base_ds.info
        ds.sources.update(base_ds.sources)
        ds.origins.update(base_ds.origins)
        ds._raw.update(base_ds._raw)
        for coll, recs in base_ds.records.items():
            ds.records[coll].extend(recs)
    for src in conv.sources:
        ds.sources[src.id] = src
        ds.origins[id(src)] = (sheets_label(sheets, "sources", path.name), None)
    for coll, recs in records.items():
        for rec in recs:
            ds.records[coll].append(rec)
            r = where[id(rec)]
            ds.origins[id(rec)] = (r.sheet.label, r.row)
    result.dataset = ds
    by_place = {(r.sheet.label, r.row): r for r in where.values()}
    for p in validate(ds, sources_dir=sources_dir):
        if any(f"refers to {x!r}, which is not defined" in p.message for x in failed):
            continue
        r = by_place.get((p.file, p.line))
        problems.append(_map_field(r, p.field, p.message, p.record) if r else p)
    result.problems = _sorted(problems, sheets)
    return result


def sheets_label(sheets: list[RawSheet], key: str, name: str) -> str:
    for s in sheets:
        if s.spec.key == key:
            return s.label
    return f"{name}:{key}"


def _sorted(problems: list[Problem], sheets: list[RawSheet]) -> list[Problem]:
    order = {s.label: i for i, s in enumerate(sheets)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.file, p.line or 0))


# ---------------------------------------------------------------- writing seeds

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def seed_yaml(result: RosterResult, roster_name: str) -> str:
    """The YAML text of a converted roster (a seed file ``swgraph validate`` reads)."""
    head = (f"# Imported from the roster {roster_name} by `swgraph import`.\n"
            "# Edit the roster and import it again rather than editing this file.\n")
    return head + yaml.dump(result.seed_data(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)


def import_roster(path: str | Path, out_dir: str | Path, *, base: Iterable[str | Path] | None = None,
                  sources_dir: str | Path | None = None, force: bool = False) -> tuple[Path, RosterResult]:
    """Convert a roster and write ``OUT_DIR/<stem>.yaml``; on any problem write nothing.

    Raises
    ------
    ValidationFailed
        With every problem (sheet, row, column), when the roster does not
        convert or the result does not validate. Nothing is written.
    InputError
        When ``out_dir`` is a file, or already holds the output and ``force``
        is not set.
    """
    path, out_dir = Path(path), Path(out_dir)
    out_file = out_dir / f"{(path.stem if path.is_file() else path.name) or 'roster'}.yaml"
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    if out_file.exists() and not force:
        raise InputError(f"{out_file}: already exists (use --force to replace it)")
    result = convert_roster(path, base=base, sources_dir=sources_dir)
    if result.problems:
        raise ValidationFailed(result.problems)
    if not any(result.records.values()):
        raise InputError(f"{path}: the roster has no records (fill in at least one row of 组织 organisations, "
                         "人员 people, 职务 posts, 协议 agreements or 访问 visits)")
    text = seed_yaml(result, path.name)
    created = not out_dir.exists()
    if created:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
        try:
            (tmp / out_file.name).write_text(text, encoding="utf-8")
            os.replace(tmp, out_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    else:
        from swgraph.export import atomic_write

        with atomic_write(out_file) as fh:
            fh.write(text)
    return out_file, result


# ---------------------------------------------------------------- template and export


def _readme_rows() -> list[list[str]]:
    rows = [["表 sheet", "列 column", "必填 required", "说明 description", "允许值 allowed values"]]
    for spec in SHEETS.values():
        rows.append([spec.title, "", "", spec.help, ""])
        for col in spec.columns:
            allowed = "; ".join(f"{v} {zh}" for v, zh in col.choices)
            rows.append(["", col.header, "是 yes" if col.required else "", col.help, allowed])
    rows.append([])
    rows += [["通则 general", "", "", line, ""] for line in (
        "第1行为表头；表头可只写中文或英文部分。Row 1 holds the headers; the Chinese part, the English part "
        "or both are accepted (sheet names likewise).",
        "引用其他记录时填编号或名称（中文名、英文名或别名）。References take an id or a name (Chinese, English "
        "or alias) of a row in 组织 organisations / 人员 people.",
        "多个值用 ; 或 ； 或换行分隔（不要用顿号、）。Lists: separate items with ; or ； or line breaks (not 、).",
        "日期：2015、2015-06、2015-06-11，也可写 2015/6/11、2015年6月11日；末尾加 ? 表示推定，括号内可加说明。"
        "Dates: " + DATE_HELP + ".",
        "别名：名称 [简称|曾用名|英文名, 自 日期, 至 日期]。Aliases: name [short|former|english, from DATE, "
        "until DATE]; e.g. 中国社会工作协会 [former, until 2014-12?]",
        "未填来源的行以本名册为来源（roster-文件名）；有文献依据时请在 来源 sources 表登记并填写来源编号和引文。"
        "Rows without 来源 source cite the roster itself (source roster-<file name>); give a source id from "
        "来源 sources and a quote for documented facts.",
        "只要有一处错误就不会导入任何内容；错误信息注明表、行、列。Nothing is imported unless every row is "
        "correct; errors name the sheet, row and column.",
    )]
    return rows


def _fill(ws, spec: SheetSpec, rows: list[dict[str, str]]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append([c.header for c in spec.columns])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = bold, fill
        cell.comment = Comment(("必填 required. " if col.required else "") + col.help, "swgraph")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, min(40, len(col.header) * 2))
        if col.kind in ("date", "region") or col.key == "id":
            ws.column_dimensions[letter].number_format = "@"  # keep 2015-06 and 440000 as typed
        if col.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(v for v, _ in col.choices) + '"',
                                allow_blank=True, errorStyle="warning",
                                error=f"Usually one of the listed values ({col.header}); Chinese labels also work.")
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}1048576")
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        ws.append([values.get(c.key, "") for c in spec.columns])
        for i, c in enumerate(spec.columns, start=1):
            cell = ws.cell(row=ws.max_row, column=i)
            if c.kind in ("date", "region") or c.key == "id":
                cell.number_format = "@"
            if "\n" in str(cell.value or ""):
                cell.alignment = wrap
    ws.freeze_panes = "A2"


def roster_rows(ds: Dataset) -> dict[str, list[dict[str, str]]]:
    """The template-layout rows of a dataset's organisations, people, posts, agreements, visits and sources.

    References are written as Chinese names where a name picks out one
    record, else as ids; a record's first citation goes in its row, the
    others in the ``citations`` sheet. Programmes, ties and statistics have
    no sheet and are left out.
    """
    index = _Index()
    for rec in [*ds.organisations, *ds.people]:
        index.add(rec.kind_group, rec.id, rec.all_names())
    names = {r.id: r.name_zh for r in [*ds.organisations, *ds.people]}

    def ref(rid: str, group: str) -> str:
        name = names.get(rid)
        if name and rid not in index.ids["organisation" if group == "person" else "person"]:
            try:
                if index.resolve(group, name) == rid:
                    return name
            except ValueError:
                pass
        return rid

    out: dict[str, list[dict[str, str]]] = {k: [] for k in SHEETS}
    for key in RECORD_SHEETS:
        spec = SHEETS[key]
        for rec in ds.records[spec.collection]:
            row: dict[str, str] = {"id": rec.id}
            for col in spec.columns:
                value = getattr(rec, col.model_field, None) if col.model_field in type(rec).model_fields else None
                if value is None or value == [] or col.key in ("id", "source", "quote", "about", "generator"):
                    continue
                if col.kind == "date":
                    row[col.key] = format_when(value)
                elif col.kind == "names":
                    row[col.key] = format_names(value)
                elif col.kind == "items":
                    row[col.key] = format_items(value)
                elif col.kind == "ref":
                    row[col.key] = ref(value, col.target)
                elif col.kind == "refs":
                    row[col.key] = "; ".join(ref(v, col.target) for v in value)
                elif col.key == "country" and value == "CN":
                    continue
                else:
                    row[col.key] = str(value)
            if rec.synthetic:
                row["generator"] = rec.generator or "unknown"
            for i, cit in enumerate(rec.sources):
                target = row if i == 0 else {"sheet": key, "record": rec.id}
                target.update({"source": cit.source, "quote": cit.quote, **({"about": cit.about} if cit.about else {})})
                if i:
                    out["citations"].append(target)
            out[key].append(row)
    for src in ds.sources.values():
        row = {k: (format_when(v) if isinstance(v, m.When) else str(v))
               for k, v in src.model_dump().items() if v is not None}
        row.update({"date": format_when(src.date)} if src.date else {})
        out["sources"].append(row)
    return out


def write_roster(path: str | Path, rows: dict[str, list[dict[str, str]]] | None = None, *, force: bool = False) -> Path:
    """Write a roster: an ``.xlsx`` workbook, or a folder of CSV files for any other name.

    ``rows`` maps sheet keys to rows (see :func:`roster_rows`); without it
    the roster is the empty template. The workbook gets a ``说明 README``
    sheet, header comments, text-formatted date and region columns and
    drop-down lists for enumerations. Written whole or not at all.
    """
    path = Path(path)
    rows = rows or {}
    if path.exists() and not force:
        raise InputError(f"{path}: already exists (use --force to replace it)")
    if path.suffix.lower() == ".xlsx":
        try:
            import openpyxl
        except ImportError:  # pragma: no cover
            raise EnvironmentMissing("writing .xlsx rosters needs openpyxl (pip install openpyxl)") from None
        from openpyxl.styles import Alignment, Font

        from swgraph.export import atomic_write

        wb = openpyxl.Workbook()
        readme = wb.active
        readme.title = "说明 README"
        for r in _readme_rows():
            readme.append(r)
        for cell in readme[1]:
            cell.font = Font(bold=True)
        for letter, width in zip("ABCDE", (18, 26, 12, 90, 60)):
            readme.column_dimensions[letter].width = width
        for row in readme.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for spec in SHEETS.values():
            _fill(wb.create_sheet(spec.title), spec, rows.get(spec.key, []))
        wb.active = 1
        buf = io.BytesIO()
        wb.save(buf)
        with atomic_write(path, "wb") as fh:
            fh.write(buf.getvalue())
        return path
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: exists and is not a folder (name an .xlsx file or a folder for CSV files)")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        for spec in SHEETS.values():
            with open(tmp / f"{spec.key}.csv", "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow([c.header for c in spec.columns])
                for values in rows.get(spec.key, []):
                    w.writerow([values.get(c.key, "") for c in spec.columns])
        with open(tmp / "README.csv", "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(_readme_rows())
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def write_template(path: str | Path, *, force: bool = False) -> Path:
    """Write the empty bilingual roster template (``.xlsx``, or a CSV folder for other names)."""
    return write_roster(path, None, force=force)


def export_roster(ds: Dataset, path: str | Path, *, force: bool = False) -> Path:
    """Write ``ds``'s organisations, people, posts, agreements, visits and sources as a filled roster.

    Importing the result gives the same records for those collections.
    """
    return write_roster(path, roster_rows(ds), force=force)
