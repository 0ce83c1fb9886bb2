"""Converting roster rows into records: ids, names, references, citations; then validation.

Conversion runs in passes: the sources sheet; ids (explicit ones reserved
first, the rest made from the pinyin of names) and the names rows may refer
to; every row to a record mapping; the citations sheet and the roster's own
citation; and finally the models. Every mistake becomes a
:class:`~swgraph.core.errors.Problem` at its sheet, row and column, and the
records that did convert are validated with the base data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import BaseModel, ValidationError

from swgraph.core import model as m
from swgraph.core.errors import InputError, Problem, ValidationFailed
from swgraph.core.io import atomic_folder, write_text
from swgraph.core.names import normalise
from swgraph.core.registry import COLLECTIONS
from swgraph.records.dataset import Dataset, error_message, field_path, read_dataset
from swgraph.records.validate import validate
from swgraph.roster.cells import (
    parse_choice,
    parse_items,
    parse_names,
    parse_region,
    parse_when,
    slug,
    split_items,
    unescape_item,
)
from swgraph.roster.read import RawSheet, read_sheets
from swgraph.roster.spec import RECORD_SHEETS, SHEETS, SheetSpec, match_sheet


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


class NameIndex:
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


class _Converter:
    def __init__(self, name: str, sheets: list[RawSheet], base: Dataset | None, problems: list[Problem]):
        self.name = name
        self.sheets = {s.spec.key: s for s in sheets}
        self.base = base
        # names of the base records by id (not base.get: the base dataset gains the roster's records later,
        # and its id index must not be built before that)
        self.base_names: dict[str, str] = {}
        self.problems = problems
        self.index = NameIndex()
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
                self.base_names[rec.id] = getattr(rec, "name_zh", "")
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
                    value = parse_choice(col, text)
                elif col.kind == "ref":
                    value = self.index.resolve(col.target, text)
                elif col.kind == "refs":
                    value = [self.index.resolve(col.target, unescape_item(t)) for t in split_items(text)]
                else:
                    value = text
            except ValueError as exc:
                self.problem(sheet, row, col.key, str(exc), data.get("id") or values.get("id"))
                ok = False
                continue
            data[col.model_field] = value
        if spec.key == "posts":
            if "role" not in data and data.get("role_zh"):
                data["role"] = {c.zh: c.value for c in spec.column("role").choices}.get(data["role_zh"], "other")
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
        return self.base_names.get(rid or "", "")

    # -- pass 3: the citations sheet, then the roster's own citation
    def read_citations(self) -> None:
        sheet = self.sheets.get("citations")
        for row, values in sheet.rows if sheet else []:
            target = match_sheet(values.get("sheet", ""))
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
    # the base data (read for this call only) gains the roster's records, so base problems keep their lines
    ds = base_ds if base_ds is not None else Dataset()
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
    if out_dir.exists():
        write_text(out_file, text)
    else:
        with atomic_folder(out_dir) as tmp:
            write_text(tmp / out_file.name, text)
    return out_file, result
