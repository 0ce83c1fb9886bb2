"""Loading seed files into one canonical, validated record set.

A dataset is one or more YAML files (or folders of them). Each file is a
mapping whose keys are collection names (``organisations``, ``people``,
``posts``, ``agreements``, ``events``, ``programmes``, ``ties``,
``statistics``), plus optionally ``sources`` and ``dataset``. Every problem
found is reported with its file, line, record and field, all at once.

Machine-written data (``swgraph generate --format jsonl``) may come as JSON
Lines instead: a ``.jsonl`` file holds one JSON object per line, the record
under its collection's name (``{"people": {"id": "p1", ...}}``; the data
set's block as ``{"dataset": {...}}``), and is read with Pydantic's
``validate_json``, line by line. Problems in it are reported with the same
file, line, record and field as in YAML (every field of a record is on the
record's line). See ``docs/data-formats.md``.

Reading is lean: a file is parsed from PyYAML's C events into plain data and
validated, with no line bookkeeping below the records; only a file with a
problem is read again by the line-tracking loader, so problems are reported
exactly as before. A file read without problems is kept in the cache of
validated records (:mod:`swgraph.records.cache`, under the user's cache folder,
``SWGRAPH_CACHE_DIR=off`` to turn it off) and taken from there while its bytes
are unchanged. Field lines of records read lean are found on demand
(:meth:`Dataset.locate` parses the file again).

>>> ds = load_dataset()          # the bundled seeds
>>> ds.get("cfsw").name_zh
'中国社会工作联合会'
"""

from __future__ import annotations

import gc
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from swgraph.core import model as m
from swgraph.core.bundled import bundled
from swgraph.core.errors import InputError, Problem, ValidationFailed
from swgraph.core.registry import COLLECTIONS, iter_references
from swgraph.records import cache as _cache
from swgraph.records.validate import validate

SEEDS_DIR = bundled("seeds")


def default_seeds_dir() -> Path:
    """The bundled seeds: ``$SWGRAPH_SEEDS`` or the ``seeds/`` folder of the checkout."""
    return Path(os.environ.get("SWGRAPH_SEEDS", SEEDS_DIR))


class DatasetInfo(BaseModel):
    """The ``dataset:`` block: what the data set is and how current."""

    model_config = ConfigDict(extra="forbid")

    id: str = "seeds"
    title_zh: str | None = None
    title_en: str | None = None
    data_date: m.When | None = None
    synthetic: bool = False
    generator: str | None = None
    note: str | None = None


@dataclass
class Dataset:
    """The canonical record set: every record by collection, plus sources and where each came from."""

    info: DatasetInfo = field(default_factory=DatasetInfo)
    records: dict[str, list[m.Record]] = field(default_factory=lambda: {c: [] for c in COLLECTIONS})
    sources: dict[str, m.Source] = field(default_factory=dict)
    origins: dict[int, tuple[str, int | None]] = field(default_factory=dict)  # id(record) -> (file, line)

    def __post_init__(self):
        self._by_id: dict[str, m.Record] | None = None
        self._raw: dict[int, Any] = {}  # id(record) -> the parsed YAML mapping (for field line numbers)
        # (file, collection, records) read without line numbers (lean read or cache): a record's mapping
        # is parsed again, with lines, only when a problem in it must be located
        self._lean: list[tuple[Path, str, list]] = []
        self._raw_at: dict[int, tuple[Path, str, int]] | None = None  # id(record) -> (file, collection, index)
        self._reparsed: dict[Path, Any] = {}
        self._info_file: str | None = None
        # the content key of each file read, in order (None once a file was read without one: cache off)
        self._digests: list[str] | None = []

    # -- access
    @property
    def by_id(self) -> dict[str, m.Record]:
        if self._by_id is None:
            self._by_id = {r.id: r for r in self.all_records()}
        return self._by_id

    def get(self, record_id: str) -> m.Record | None:
        return self.by_id.get(record_id)

    def all_records(self) -> Iterator[m.Record]:
        for coll in COLLECTIONS:
            yield from self.records.get(coll, [])

    @property
    def organisations(self) -> list[m.Organisation]:
        return self.records["organisations"]  # type: ignore[return-value]

    @property
    def people(self) -> list[m.Person]:
        return self.records["people"]  # type: ignore[return-value]

    def __getattr__(self, name: str):
        # ds.posts, ds.agreements, ds.events, ds.programmes, ds.ties, ds.statistics
        if name in COLLECTIONS:
            return self.records[name]
        raise AttributeError(name)

    def counts(self) -> dict[str, int]:
        """Records per collection, organisations also per kind (``organisations.<kind>``)."""
        out = {c: len(rs) for c, rs in self.records.items()}
        for org in self.organisations:
            key = f"organisations.{org.kind}"
            out[key] = out.get(key, 0) + 1
        out["synthetic"] = sum(1 for r in self.all_records() if r.synthetic)
        out["sources"] = len(self.sources)
        return dict(sorted(out.items()))

    def origin(self, record: m.Record | m.Source) -> tuple[str, int | None]:
        """The file and line a record was read from (``("?", None)`` if built in code)."""
        return self.origins.get(id(record), ("?", None))

    def locate(self, record: m.Record | m.Source, field_path: str | None = None) -> tuple[str, int | None]:
        """File and line of a record, or of one of its fields (``parties[1]``, ``sources[0].quote``)."""
        fname, line = self.origin(record)
        raw = self._raw.get(id(record))
        if raw is None and field_path and self._lean:
            if self._raw_at is None:
                self._raw_at = {id(r): (path, coll, i) for path, coll, recs in self._lean for i, r in enumerate(recs)}
            if id(record) in self._raw_at:
                raw = self._raw_with_lines(*self._raw_at[id(record)])
        if raw is not None and field_path:
            loc: list = []
            for part in field_path.replace("]", "").replace("[", ".").split("."):
                if part:
                    loc.append(int(part) if part.isdigit() else part)
            line = _line_of(raw, tuple(loc)) or line
        return fname, line

    def _raw_with_lines(self, path: Path, coll: str, index: int) -> Any:
        """The YAML mapping of a record read lean, parsed again with line numbers (once per file)."""
        if path.suffix == ".jsonl":
            return None  # one record a line: every field is on the record's own line
        if path not in self._reparsed:
            try:
                self._reparsed[path] = _parse_yaml(path)[0]
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                self._reparsed[path] = None
        data = self._reparsed[path]
        try:
            return data[coll][index]
        except (TypeError, KeyError, IndexError):
            return None

    def as_of(self, date: str | m.When) -> "Dataset":
        """The network as it stood on ``date``: records dated later are left out.

        A record without a date is kept (it is taken to have existed all along);
        a record dated with year or month precision counts from its first day,
        so ``--as-of 2015-06-10`` keeps something dated ``2015-06``. Records
        referring to a left-out organisation are left out too.
        """
        cutoff = m.When.parse(date).latest
        kept = Dataset(info=self.info, sources=self.sources, origins=self.origins)
        dropped: set[str] = set()
        for org in self.organisations:
            d = org.date_value()
            gone = org.dissolved is not None and org.dissolved.latest < cutoff
            if (d is not None and d.earliest > cutoff) or gone:
                dropped.add(org.id)
            else:
                kept.records["organisations"].append(org)
        for coll, recs in self.records.items():
            if coll == "organisations":
                continue
            for rec in recs:
                d = rec.date_value()
                if d is not None and d.earliest > cutoff:
                    continue
                if isinstance(rec, m.Post) and rec.end is not None and rec.end.latest < cutoff:
                    continue
                if any(ref.target in dropped for ref in iter_references(rec)):
                    continue
                kept.records[coll].append(rec)
        return kept


# ---------------------------------------------------------------- YAML with line numbers


class _LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    __slots__ = ("line", "key_lines")


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    out = _LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in out:
            loader._swgraph_duplicates.append((key, key_node.start_mark.line + 1))
        out[key] = loader.construct_object(value_node, deep=deep)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


class _LineList(list):
    """A sequence that remembers the line of each item (1-based)."""

    __slots__ = ("item_lines",)


def _construct_sequence(loader, node, deep=False):
    out = _LineList(loader.construct_object(child, deep=deep) for child in node.value)
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay text: the model parses them with their precision and reports bad ones per field.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


def _parse_yaml(path: Path) -> tuple[Any, list[tuple[Any, int]]]:
    return _parse_text(path.read_bytes())


def _parse_text(data: bytes) -> tuple[Any, list[tuple[Any, int]]]:
    text = data.decode("utf-8")  # UTF-8 everywhere; a decode error is reported by the caller
    loader = _Loader(text)
    loader._swgraph_duplicates = []
    try:
        return loader.get_single_data(), loader._swgraph_duplicates
    finally:
        loader.dispose()


# ---------------------------------------------------------------- the lean parse (no line numbers)


class _Lean(Exception):
    """The lean parse cannot stand in for the line-tracking one (duplicate or merge keys, rare tags): use that."""


class _LeanLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    pass


_STR = "tag:yaml.org,2002:str"
_MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
_SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")
_RESOLVERS = _LeanLoader.yaml_implicit_resolvers
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_MapStart, _MapEnd = yaml.MappingStartEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _lean_plain(loader, ev) -> Any:
    """A plain scalar as the safe loader resolves and constructs it (dates stay text)."""
    value = ev.value
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", ()):
        if regexp.match(value):
            break
    else:
        return value
    if tag == "tag:yaml.org,2002:int":
        return int(value) if value.isdigit() and (value[0] != "0" or len(value) == 1) else loader.construct_yaml_int(
            yaml.ScalarNode(tag, value))
    if tag == "tag:yaml.org,2002:bool":
        return _BOOLS[value.lower()]
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:timestamp":
        return value
    if tag == "tag:yaml.org,2002:float":
        return loader.construct_yaml_float(yaml.ScalarNode(tag, value))
    raise _Lean(tag)  # merge keys, the '=' value key: the line-tracking loader deals with (or reports) them


def _lean_value(loader, get, ev) -> Any:
    """The plain data starting at event ``ev`` (its end event consumed too)."""
    cls = type(ev)
    if cls is _Scalar:
        if ev.anchor is not None:
            raise _Lean("anchor")
        tag = ev.tag
        if tag is None or tag == "!":
            return _lean_plain(loader, ev) if ev.implicit[0] else ev.value
        if tag == _STR:
            return ev.value
        raise _Lean(tag)
    if cls is _MapStart:
        if ev.anchor is not None or ev.tag not in _MAP_TAGS:
            raise _Lean("anchor or tag")
        out: dict = {}
        n = 0
        ev = get()
        while type(ev) is not _MapEnd:
            key = _lean_value(loader, get, ev)
            out[key] = _lean_value(loader, get, get())
            n += 1
            ev = get()
        if len(out) != n:
            raise _Lean("duplicate key")  # reported, with its line, by the line-tracking loader
        return out
    if cls is _SeqStart:
        if ev.anchor is not None or ev.tag not in _SEQ_TAGS:
            raise _Lean("anchor or tag")
        items = []
        ev = get()
        while type(ev) is not _SeqEnd:
            items.append(_lean_value(loader, get, ev))
            ev = get()
        return items
    raise _Lean(cls.__name__)  # aliases


def _lean_parse(data: bytes) -> tuple[dict, dict[Any, list[int]]]:
    """A file's top-level mapping as plain data, and the line of each item of each top-level list.

    Built straight from the C parser's events (no node graph, no line bookkeeping
    below the records). Raises :class:`_Lean` (or a YAML or decode error) whenever
    the line-tracking loader must do the work: duplicate or merge keys, anchors,
    explicit tags, several documents, a file that is not a mapping.
    """
    loader = _LeanLoader(data.decode("utf-8"))
    get = loader.get_event
    try:
        if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
            raise _Lean("no document")
        ev = get()
        if type(ev) is not _MapStart or ev.anchor is not None or ev.tag not in _MAP_TAGS:
            raise _Lean("not a mapping")
        out: dict[Any, Any] = {}
        item_lines: dict[Any, list[int]] = {}
        ev = get()
        while type(ev) is not _MapEnd:
            key = _lean_value(loader, get, ev)
            if key in out:
                raise _Lean("duplicate key")
            ev = get()
            if type(ev) is _SeqStart and ev.anchor is None and ev.tag in _SEQ_TAGS:
                items, lines = [], []
                ev = get()
                while type(ev) is not _SeqEnd:
                    lines.append(ev.start_mark.line + 1)
                    items.append(_lean_value(loader, get, ev))
                    ev = get()
                out[key], item_lines[key] = items, lines
            else:
                out[key] = _lean_value(loader, get, ev)
            ev = get()
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise _Lean("more than one document")
        return out, item_lines
    except (TypeError, RecursionError) as exc:  # an unhashable key; nesting too deep
        raise _Lean(str(exc)) from None
    finally:
        loader.dispose()


def _line_of(data: Any, loc: tuple) -> int | None:
    """The line of the deepest key along a Pydantic error location."""
    line = getattr(data, "line", None)
    node = data
    for part in loc:
        if isinstance(node, _LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            line = getattr(node, "line", line)
        else:
            break
    return line


def field_path(loc: tuple) -> str:
    """A Pydantic error location as a field path (``parties[1]``, ``sources[0].quote``)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "json-or-python")):
            out += ("." if out else "") + str(part)
    return out.removesuffix(".value")  # a date's own field: report the date field


def error_message(err: dict) -> str:
    """A Pydantic error in words a user understands."""
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "string_pattern_mismatch" and err["loc"] and err["loc"][-1] == "id":
        return "an id uses only a-z, 0-9 and - _ . (starting with a letter or digit)"
    return err["msg"].removeprefix("Value error, ")


# ---------------------------------------------------------------- loading


#: file name endings of data files found in folders (``.jsonl``: JSON Lines, one record a line)
DATA_SUFFIXES = frozenset({".yaml", ".yml", ".jsonl"})


def iter_yaml_files(paths: Iterable[str | Path]) -> list[Path]:
    """Data files (YAML or JSON Lines) named, or found (sorted, recursively) in folders named."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix in DATA_SUFFIXES and q.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return files


def read_dataset(paths: Iterable[str | Path] | None = None) -> tuple[Dataset, list[Problem]]:
    """Parse and model-check files; return the dataset and every problem found (cross-record checks are in :mod:`swgraph.records.validate`).

    A file is read lean first (PyYAML's C parser, plain data, no line
    bookkeeping) or taken from the cache of validated records
    (:mod:`swgraph.records.cache`) when its bytes were read before; only a
    file with a problem is read again with line numbers, so every problem is
    reported exactly as the line-tracking reader reports it.
    """
    paths = list(paths) if paths else [default_seeds_dir()]
    files = iter_yaml_files(paths)
    if not files:
        raise InputError(f"no YAML (or JSON Lines) files in {', '.join(map(str, paths))}")
    ds = Dataset()
    problems: list[Problem] = []
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none of them garbage: collecting meanwhile costs a third
    try:
        for path in files:
            _read_file(path, ds, problems)
    finally:
        if collecting:
            gc.enable()
    return ds, problems


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file and line order."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


_MODELS: dict[str, type[BaseModel]] = {"sources": m.Source, **COLLECTIONS}


def _unknown_collection(fname: str, line: int | None, coll: Any) -> Problem:
    known = ", ".join(["dataset", *_MODELS])
    return Problem(fname, line, None, str(coll), f"unknown collection; expected one of {known}")


def _read_file(path: Path, ds: Dataset, problems: list[Problem], *, lean: bool = True) -> None:
    """Read one file into ``ds``: from the cache, else lean, else (on any problem) with line numbers."""
    data = path.read_bytes()
    jsonl = path.suffix == ".jsonl"
    if lean:
        digest = _cache.content_key(data, "jsonl" if jsonl else "") if _cache.cache_dir() is not None else None
        if digest is None or ds._digests is None:
            ds._digests = None
        else:
            ds._digests.append(digest)
        got = _cache.load(digest, _MODELS, DatasetInfo) if digest else None
        if got is None:
            got = _read_jsonl_lean(data) if jsonl else _read_lean(data)
            if got is not None and digest:
                _cache.store(digest, *got)
        if got is not None:
            _add_read(path, got[0], got[1], ds, problems)
            return
    if jsonl:
        _read_jsonl_with_lines(path, data, ds, problems)
    else:
        _read_with_lines(path, data, ds, problems)


def _read_lean(data: bytes) -> tuple[DatasetInfo | None, list[tuple[str, list, list[int]]]] | None:
    """A file's dataset block and validated records with their lines, or ``None`` if anything is amiss."""
    try:
        parsed, item_lines = _lean_parse(data)
    except (_Lean, UnicodeDecodeError, yaml.YAMLError):
        return None
    info = None
    out = []
    try:
        for coll, items in parsed.items():
            if coll == "dataset":
                info = DatasetInfo.model_validate(items)
                continue
            model = _MODELS.get(coll)
            if model is None or not isinstance(items, list) or not all(isinstance(it, dict) for it in items):
                return None
            validate_item = model.__pydantic_validator__.validate_python
            out.append((coll, [validate_item(it) for it in items], item_lines[coll]))
    except ValidationError:
        return None
    return info, out


def _add_read(path: Path, info, collections, ds: Dataset, problems: list[Problem]) -> None:
    fname = str(path)
    if info is not None:
        _set_info(fname, info, ds)
    for coll, records, lines in collections:
        ds._lean.append((path, coll, records))
        ds.origins.update(zip(map(id, records), [(fname, line) for line in lines]))
        if coll != "sources":
            ds.records[coll].extend(records)
            continue
        for record, line in zip(records, lines):
            if record.id in ds.sources:
                problems.append(Problem(fname, line, record.id, "id", "duplicate source id"))
            ds.sources[record.id] = record


def _read_with_lines(path: Path, raw: bytes, ds: Dataset, problems: list[Problem]) -> None:
    fname = str(path)
    try:
        data, duplicates = _parse_text(raw)
    except UnicodeDecodeError as exc:
        problems.append(Problem(fname, None, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.append(Problem(fname, line, None, None, f"YAML syntax error: {exc.problem or exc.context}"))
        return
    except yaml.YAMLError as exc:
        problems.append(Problem(fname, None, None, None, f"YAML error: {exc}"))
        return
    for key, line in duplicates:
        problems.append(Problem(fname, line, None, str(key), "key appears twice in the same mapping"))
    if data is None:
        return
    if not isinstance(data, dict):
        problems.append(Problem(fname, 1, None, None, "a seed file must be a mapping of collections (organisations:, people:, …)"))
        return
    for coll, items in data.items():
        line = data.key_lines.get(coll) if isinstance(data, _LineDict) else None
        if coll == "dataset":
            _read_info(fname, items, ds, problems)
            continue
        model = _MODELS.get(coll)
        if model is None:
            problems.append(_unknown_collection(fname, line, coll))
            continue
        if not isinstance(items, list):
            problems.append(Problem(fname, line, None, coll, "must be a list of records"))
            continue
        lines = getattr(items, "item_lines", None) or [line] * len(items)
        for i, item in enumerate(items):
            _read_record(fname, coll, model, i, item, lines[i], ds, problems)


def _read_info(fname, items, ds, problems):
    try:
        info = DatasetInfo.model_validate(items)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(fname, _line_of(items, err["loc"]), "dataset", field_path(err["loc"]), error_message(err)))
        return
    _set_info(fname, info, ds)


def _set_info(fname: str, info: DatasetInfo, ds: Dataset) -> None:
    # Several files may each describe the data set (a generated set holds the documented seeds too):
    # the first block read wins, except that a synthetic block always wins over a documented one,
    # so data that contains synthetic records is never labelled as purely documented.
    if ds._info_file is None or (info.synthetic and not ds.info.synthetic):
        ds.info = info
        ds._info_file = fname


def _read_record(fname, coll, model, i, item, line, ds: Dataset, problems: list[Problem]) -> None:
    if not isinstance(item, dict):
        got = type(item).__name__ if item is not None else "nothing"
        problems.append(Problem(fname, line, f"{coll}[{i}]", None, f"a record must be a mapping (key: value lines), got {got}"))
        return
    rid = item.get("id") if isinstance(item.get("id"), str) else f"{coll}[{i}]"
    try:
        record = model.model_validate(item)
    except ValidationError as exc:
        errors = exc.errors()
        for err in errors:
            problems.append(Problem(fname, _line_of(item, err["loc"]), rid, field_path(err["loc"]), error_message(err)))
        # Unknown fields alone do not stop the cross-record checks: drop them and go on.
        if not all(e["type"] == "extra_forbidden" and len(e["loc"]) == 1 for e in errors):
            return
        cleaned = _LineDict({k: v for k, v in item.items() if k in model.model_fields})
        cleaned.line, cleaned.key_lines = item.line, item.key_lines
        item = cleaned
        record = model.model_validate(item)
    if coll == "sources":
        if record.id in ds.sources:
            problems.append(Problem(fname, line, record.id, "id", "duplicate source id"))
        ds.sources[record.id] = record
    else:
        ds.records[coll].append(record)
    ds.origins[id(record)] = (fname, line)
    ds._raw[id(record)] = item


# ---------------------------------------------------------------- JSON Lines


#: one line of a JSON Lines file: a record under its collection's name (exactly one), derived from ``_MODELS``
_Line = create_model("_Line", __config__=ConfigDict(extra="forbid"), dataset=(DatasetInfo | None, None),
                     **{coll: (model | None, None) for coll, model in _MODELS.items()})
_LINE = _Line.__pydantic_validator__
_ONE_RECORD = 'a JSON Lines line is one object holding one record under its collection: {"people": {"id": …}}'


def _read_jsonl_lean(data: bytes) -> tuple[DatasetInfo | None, list[tuple[str, list, list[int]]]] | None:
    """A JSON Lines file's dataset block and validated records with their lines, or ``None`` if anything is amiss.

    Each line is parsed and validated at once by Pydantic (``validate_json``);
    blank lines are skipped. Any problem (bad JSON, a field, a line holding
    more or less than one record) hands the file to :func:`_read_jsonl_with_lines`.
    """
    info = None
    by_coll: dict[str, tuple[list, list[int]]] = {}
    try:
        for lineno, raw in enumerate(data.split(b"\n"), 1):
            if not raw.strip():
                continue
            line = _LINE.validate_json(raw)
            fields = line.__pydantic_fields_set__
            if len(fields) != 1:
                return None
            (coll,) = fields
            value = getattr(line, coll)
            if value is None:
                return None
            if coll == "dataset":
                if info is not None:
                    return None  # two blocks: the line-tracking reader says which one is used
                info = value
                continue
            got = by_coll.get(coll)
            if got is None:
                got = by_coll[coll] = ([], [])
            got[0].append(value)
            got[1].append(lineno)
    except ValidationError:
        return None
    return info, [(coll, recs, lines) for coll, (recs, lines) in by_coll.items()]


def _line_record(value: Any, lineno: int) -> Any:
    """A record's mapping from a JSON line, marked with the line for every field (for :func:`_line_of`)."""
    if not isinstance(value, dict):
        return value
    out = _LineDict(value)
    out.line = lineno
    out.key_lines = dict.fromkeys(value, lineno)
    return out


def _read_jsonl_with_lines(path: Path, raw: bytes, ds: Dataset, problems: list[Problem]) -> None:
    """Read a JSON Lines file line by line, reporting every problem with its line, record and field."""
    fname = str(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(fname, None, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return
    index: dict[str, int] = {}
    seen_info = False
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(fname, lineno, None, None, f"JSON syntax error: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(obj, dict) or len(obj) != 1:
            problems.append(Problem(fname, lineno, None, None, _ONE_RECORD))
            continue
        ((coll, item),) = obj.items()
        if coll == "dataset":
            if seen_info:
                problems.append(Problem(fname, lineno, "dataset", None, "a file holds one dataset block"))
                continue
            seen_info = True
            _read_info(fname, _line_record(item, lineno), ds, problems)
            continue
        model = _MODELS.get(coll)
        if model is None:
            problems.append(_unknown_collection(fname, lineno, coll))
            continue
        i = index[coll] = index.get(coll, -1) + 1
        _read_record(fname, coll, model, i, _line_record(item, lineno), lineno, ds, problems)


def check_dataset(paths: Iterable[str | Path] | None = None, *,
                  sources_dir: str | Path | None = None) -> tuple[Dataset, list[Problem]]:
    """Read and fully validate a dataset; return it with every problem found, in file and line order.

    Files that passed every cross-record check before (the same bytes, in the same
    order, :func:`swgraph.records.cache.known_clean`) are not checked again, unless
    ``sources_dir`` asks for the quotes to be checked against the source texts.
    """
    ds, problems = read_dataset(paths)
    if not problems and sources_dir is None and ds._digests and _cache.known_clean(ds._digests):
        return ds, []
    problems = sort_problems(problems + validate(ds, sources_dir=sources_dir))
    if not problems and ds._digests:
        _cache.mark_clean(ds._digests)
    return ds, problems


def load_dataset(paths: Iterable[str | Path] | None = None, *, sources_dir: str | Path | None = None) -> Dataset:
    """Read and fully validate a dataset; raise :class:`ValidationFailed` listing every problem.

    ``paths`` default to the bundled seeds. With ``sources_dir``, citation
    quotes are also checked against the source texts.
    """
    ds, problems = check_dataset(paths, sources_dir=sources_dir)
    if problems:
        raise ValidationFailed(problems)
    return ds
