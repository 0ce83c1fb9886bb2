"""Loading seed files into one canonical, validated record set.

A dataset is one or more YAML files (or folders of them). Each file is a
mapping whose keys are collection names (``organisations``, ``people``,
``posts``, ``agreements``, ``events``, ``programmes``, ``ties``,
``statistics``), plus optionally ``sources`` and ``dataset``. Every problem
found is reported with its file, line, record and field, all at once.

>>> ds = load_dataset()          # the bundled seeds
>>> ds.get("cfsw").name_zh
'中国社会工作联合会'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from swgraph.core import model as m
from swgraph.core.bundled import bundled
from swgraph.core.errors import InputError, Problem, ValidationFailed
from swgraph.core.registry import COLLECTIONS

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
        self._info_file: str | None = None

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
        if raw is not None and field_path:
            loc: list = []
            for part in field_path.replace("]", "").replace("[", ".").split("."):
                if part:
                    loc.append(int(part) if part.isdigit() else part)
            line = _line_of(raw, tuple(loc)) or line
        return fname, line

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
        from swgraph.core.registry import iter_references

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


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text: the model parses them with their precision and reports bad ones per field.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


def _parse_yaml(path: Path) -> tuple[Any, list[tuple[Any, int]]]:
    text = path.read_bytes().decode("utf-8")  # UTF-8 everywhere; a decode error is reported by the caller
    loader = _Loader(text)
    loader._swgraph_duplicates = []
    try:
        return loader.get_single_data(), loader._swgraph_duplicates
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


def iter_yaml_files(paths: Iterable[str | Path]) -> list[Path]:
    """YAML files named, or found (sorted, recursively) in folders named."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix in {".yaml", ".yml"} and q.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return files


def read_dataset(paths: Iterable[str | Path] | None = None) -> tuple[Dataset, list[Problem]]:
    """Parse and model-check files; return the dataset and every problem found (cross-record checks are in :mod:`swgraph.records.validate`)."""
    paths = list(paths) if paths else [default_seeds_dir()]
    files = iter_yaml_files(paths)
    if not files:
        raise InputError(f"no YAML files in {', '.join(map(str, paths))}")
    ds = Dataset()
    problems: list[Problem] = []
    for path in files:
        _read_file(path, ds, problems)
    return ds, problems


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in file and line order."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def _read_file(path: Path, ds: Dataset, problems: list[Problem]) -> None:
    fname = str(path)
    try:
        data, duplicates = _parse_yaml(path)
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
        model = m.Source if coll == "sources" else COLLECTIONS.get(coll)
        if model is None:
            known = ", ".join(["dataset", "sources", *COLLECTIONS])
            problems.append(Problem(fname, line, None, str(coll), f"unknown collection; expected one of {known}"))
            continue
        if not isinstance(items, list):
            problems.append(Problem(fname, line, None, coll, "must be a list of records"))
            continue
        for i, item in enumerate(items):
            _read_record(fname, coll, model, i, item, ds, problems)


def _read_info(fname, items, ds, problems):
    try:
        info = DatasetInfo.model_validate(items)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(fname, _line_of(items, err["loc"]), "dataset", field_path(err["loc"]), error_message(err)))
        return
    # Several files may each describe the data set (a generated set holds the documented seeds too):
    # the first block read wins, except that a synthetic block always wins over a documented one,
    # so data that contains synthetic records is never labelled as purely documented.
    if ds._info_file is None or (info.synthetic and not ds.info.synthetic):
        ds.info = info
        ds._info_file = fname


def _read_record(fname, coll, model, i, item, ds: Dataset, problems: list[Problem]) -> None:
    line = getattr(item, "line", None)
    if not isinstance(item, dict):
        problems.append(Problem(fname, line, f"{coll}[{i}]", None, "a record must be a mapping"))
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


def load_dataset(paths: Iterable[str | Path] | None = None, *, sources_dir: str | Path | None = None) -> Dataset:
    """Read and fully validate a dataset; raise :class:`ValidationFailed` listing every problem.

    ``paths`` default to the bundled seeds. With ``sources_dir``, citation
    quotes are also checked against the source texts.
    """
    from swgraph.records.validate import validate

    ds, problems = read_dataset(paths)
    problems += validate(ds, sources_dir=sources_dir)
    if problems:
        raise ValidationFailed(sort_problems(problems))
    return ds
