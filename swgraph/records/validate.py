"""Cross-record validation of a dataset.

Each check is a function ``check_x(ds, ctx) -> Iterator[Problem]``; :func:`validate`
runs them all and returns every problem, so a user sees all mistakes at once.
Model-level problems (YAML syntax, unknown or missing fields, bad dates) are
found while reading, in :mod:`swgraph.records.dataset`.

The checks are linear in the records: each walks a record's fields once
through a per-model plan (no generic attribute walks), looks ids up in one
dict and memoises region and date lookups; a record that fails a quick test
is checked again by the exact per-record code, so the problems (and their
order and wording) are those the straightforward checks give.
"""

from __future__ import annotations

import datetime as _dt
import gc
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from pydantic import BaseModel

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.core.errors import InputError, Problem
from swgraph.core.kinds import KIND_TABLE
from swgraph.core.names import CONTROL_CHARACTERS
from swgraph.core.registry import KINDS, iter_references, iter_targets

if TYPE_CHECKING:  # validate works on any Dataset; reading one (records.dataset) calls validate
    from swgraph.records.dataset import Dataset

#: the division level an organisation's region must have, from the kind table
REGION_LEVEL = {k.name: k.region_level for k in KIND_TABLE if k.region_level}

_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text with all whitespace removed (the sources are reflowed from print).

    >>> squeeze("中国社\\n会工作 联合会")
    '中国社会工作联合会'
    """
    return _WS.sub("", text)


# ---------------------------------------------------------------- the quick tests


_SCALARS = frozenset({type(None), bool, int, float})


def _strings(obj: BaseModel, out: list[str]) -> None:
    """Every text of a record and of its nested parts (what :func:`_text_fields` yields), appended to ``out``."""
    for v in obj.__dict__.values():
        t = type(v)
        if t is str:
            out.append(v)
        elif t in _SCALARS:
            continue
        elif t is list:
            for x in v:
                if type(x) is str:
                    out.append(x)
                elif type(x) not in _SCALARS and isinstance(x, BaseModel):
                    _strings(x, out)
        elif isinstance(v, BaseModel):
            _strings(v, out)


def _earliest(when: m.When) -> str:
    v = when.value
    return v if len(v) == 10 else (v + "-01-01")[:10]


def _has_future(obj: BaseModel, today: str, top: bool = True) -> bool:
    """True when a date of the record (or of a nested part that is not planned) is after ``today``."""
    for v in obj.__dict__.values():
        if type(v) is m.When:
            if _earliest(v) > today:
                return True
        elif top and type(v) is list:
            for item in v:
                if isinstance(item, BaseModel) and getattr(item, "status", None) != "planned" \
                        and _has_future(item, today, False):
                    return True
    return False


@dataclass
class Context:
    sources_dir: Path | None = None
    source_texts: dict[str, str] = field(default_factory=dict)
    today: str = field(default_factory=lambda: _dt.date.today().isoformat())


def _problem(ds: Dataset, record, field_path: str | None, message: str) -> Problem:
    fname, line = ds.locate(record, field_path)
    return Problem(fname, line, getattr(record, "id", None), field_path, message)


def check_duplicate_ids(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    seen: dict[str, m.Record] = {}
    for rec in ds.all_records():
        first = seen.setdefault(rec.id, rec)
        if first is not rec:
            fname, line = ds.origin(first)
            yield _problem(ds, rec, "id", f"duplicate id; first defined at {fname}:{line}")
    for sid in ds.sources:
        if sid in seen:
            yield _problem(ds, ds.sources[sid], "id", "a source id is also used by a record")


def check_references(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    by_id = ds.by_id
    for rec in ds.all_records():
        synthetic = rec.synthetic
        for target_id, mark in iter_targets(rec):  # the quick test; a record that fails it is checked in full below
            target = by_id.get(target_id)
            if target is None or target is rec or (target.synthetic and not synthetic) or (
                    "any" not in mark.targets and target.kind_group not in mark.targets):
                break
        else:
            continue
        for ref in iter_references(rec):
            target = by_id.get(ref.target)
            if target is None:
                yield _problem(ds, rec, ref.path, f"refers to {ref.target!r}, which is not defined")
                continue
            if "any" not in ref.ref.targets and target.kind_group not in ref.ref.targets:
                want = " or ".join(ref.ref.targets)
                yield _problem(ds, rec, ref.path, f"{ref.target!r} is a {target.kind_group}, expected a {want}")
            elif target is rec:
                yield _problem(ds, rec, ref.path, "a record cannot refer to itself")
            elif target.synthetic and not rec.synthetic:
                yield _problem(ds, rec, ref.path, f"documented record refers to synthetic record {ref.target!r}")


def _region_fields(rec: m.Record) -> Iterator[tuple[str, str]]:
    if isinstance(rec, (m.Organisation, m.Statistic)) and rec.region:
        yield "region", rec.region
    if isinstance(rec, m.Event) and rec.place:
        yield "place", rec.place
    if isinstance(rec, m.Programme):
        for i, act in enumerate(rec.activities):
            if act.place:
                yield f"activities[{i}].place", act.place


_NO_REGIONS = (m.Person, m.Post, m.Agreement, m.Tie)  # records without region fields (see _region_fields)


def check_regions(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    known: dict[str, bool] = {}
    fine: set[tuple[str, str, str]] = set()  # (kind, region, country) of organisations found fine
    for rec in ds.all_records():
        if type(rec) is m.Organisation:
            if rec.region is None or (rec.kind, rec.region, rec.country) in fine:
                continue
        elif type(rec) in _NO_REGIONS or all(known[code] if code in known else known.setdefault(code, regions.is_known(code))
                                             for _p, code in _region_fields(rec)):
            continue
        found = False
        for path, code in _region_fields(rec):
            if not regions.is_known(code):
                found = True
                yield _problem(ds, rec, path, f"unknown region code {code} (GB/T 2260 six digits, 100000 = national)")
        if isinstance(rec, m.Organisation) and rec.region and regions.is_known(rec.region):
            want = REGION_LEVEL.get(rec.kind)
            have = regions.level(rec.region)
            if want and have != want:
                found = True
                yield _problem(ds, rec, "region", f"a {KINDS[rec.kind].en} needs a {want}-level region, "
                               f"but {rec.region} ({regions.name(rec.region)}) is {have}-level")
            if rec.country != "CN":
                found = True
                yield _problem(ds, rec, "region", f"region codes are Chinese divisions, but country is {rec.country}")
        if type(rec) is m.Organisation and not found:
            fine.add((rec.kind, rec.region, rec.country))


def check_tiers(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    for org in ds.organisations:
        if not org.parent:
            continue
        parent = ds.get(org.parent)
        if not isinstance(parent, m.Organisation):
            continue  # reported by check_references
        t, pt = org.tier, parent.tier
        if t is not None and pt is not None and pt >= t:
            yield _problem(ds, org, "parent", f"parent {parent.id} ({KINDS[parent.kind].en}) is not above a {KINDS[org.kind].en}")
        if org.region and parent.region and org.region != parent.region and regions.is_known(org.region) \
                and regions.is_known(parent.region):
            if not regions.contains(parent.region, org.region):
                yield _problem(ds, org, "region", f"region {org.region} ({regions.name(org.region)}) is not inside the "
                               f"parent's region {parent.region} ({regions.name(parent.region)})")


def _text_fields(obj, prefix: str = "") -> Iterator[tuple[str, str]]:
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if isinstance(value, str):
            yield prefix + name, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{prefix}{name}[{i}]", item
                elif hasattr(type(item), "model_fields"):
                    yield from _text_fields(item, f"{prefix}{name}[{i}].")
        elif hasattr(type(value), "model_fields"):
            yield from _text_fields(value, f"{prefix}{name}.")


def check_control_characters(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """No text holds NUL, ESC or other control characters (they corrupt XML and terminals)."""
    texts: list[str] = []
    records = [*ds.all_records(), *ds.sources.values()]
    for rec in records:
        _strings(rec, texts)
    if not CONTROL_CHARACTERS.search("\n".join(texts)):  # one search over every text: none anywhere
        return
    for rec in records:
        for path, text in _text_fields(rec):
            bad = CONTROL_CHARACTERS.search(text)
            if bad:
                yield _problem(ds, rec, path, f"holds the control character U+{ord(bad.group()):04X} "
                               f"at position {bad.start()}; remove it")


def check_cycles(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """No organisation is its own ancestor through ``parent`` or ``part_of`` (the cycle is named)."""
    by_id = ds.by_id
    for field_name in ("parent", "part_of"):
        reported: set[str] = set()
        for org in ds.organisations:
            chain, node = [], org
            while isinstance(node, m.Organisation) and getattr(node, field_name) and node.id not in chain:
                chain.append(node.id)
                node = by_id.get(getattr(node, field_name))
            if isinstance(node, m.Organisation) and node.id in chain and node.id == org.id and org.id not in reported:
                reported.update(chain)
                cycle = " -> ".join([*chain, org.id])
                yield _problem(ds, org, field_name, f"{field_name} chain is a cycle: {cycle}")


def _parties(rec: m.Record) -> Iterator[tuple[str, list[str]]]:
    if isinstance(rec, (m.Tie, m.Agreement)):
        yield "parties", list(rec.parties)
    if isinstance(rec, m.Event) and rec.host:
        for i, visitor in enumerate(rec.visitors):
            if visitor == rec.host:
                yield f"visitors[{i}]", [rec.host, visitor]


def check_self_ties(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """A tie, agreement or visit joins different organisations."""
    for rec in ds.all_records():
        for path, ids in _parties(rec):
            seen: set[str] = set()
            for i, oid in enumerate(ids):
                if oid in seen:
                    where = path if path.startswith("visitors") else f"{path}[{i}]"
                    what = "visits its own host" if path.startswith("visitors") else "lists the same organisation twice"
                    yield _problem(ds, rec, where, f"{what} ({oid}): a tie needs two different organisations")
                seen.add(oid)


def _dated_fields(rec: m.Record) -> Iterator[tuple[str, m.When]]:
    for name in type(rec).model_fields:
        value = getattr(rec, name)
        if isinstance(value, m.When):
            yield name, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                for sub in type(item).model_fields if hasattr(type(item), "model_fields") else ():
                    v = getattr(item, sub)
                    if isinstance(v, m.When) and getattr(item, "status", None) != "planned":
                        yield f"{name}[{i}].{sub}", v


def check_future_dates(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    """No date after today; planned programme activities excepted.

    Today, not the dataset's ``data_date``: a generated set joins blocks of
    different dates, and its data date is the profile's, not the latest record's.
    """
    today = ctx.today
    for rec in ds.all_records():
        if not _has_future(rec, today):
            continue
        for path, when in _dated_fields(rec):
            if when.earliest > ctx.today:
                yield _problem(ds, rec, path, f"{path} {when} is after today ({ctx.today}); "
                               "mark a planned activity as status: planned")


def _order(ds, rec, first: tuple[str, m.When | None], second: tuple[str, m.When | None]) -> Iterator[Problem]:
    (fa, a), (fb, b) = first, second
    if a is not None and b is not None and a.earliest > b.latest:
        yield _problem(ds, rec, fb, f"{fb} {b} is before {fa} {a}")


def check_dates(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    by_id = ds.by_id
    founded: dict[str, str] = {o.id: _earliest(o.founded) for o in ds.organisations if o.founded is not None}
    latest: dict[str, str] = {}  # a date's text -> its last day
    for rec in ds.all_records():
        d = rec.__dict__
        t = type(rec)
        if t is m.Organisation and rec.founded is not None and rec.dissolved is not None:
            yield from _order(ds, rec, ("founded", rec.founded), ("dissolved", rec.dissolved))
        if t is m.Post and rec.start is not None and rec.end is not None:
            yield from _order(ds, rec, ("start", rec.start), ("end", rec.end))
        for i, name in enumerate(d.get("names", ())):
            if name.valid_from is not None and name.valid_until is not None:
                yield from _order(ds, rec, (f"names[{i}].valid_from", name.valid_from),
                                  (f"names[{i}].valid_until", name.valid_until))
        if t is m.Organisation or t is m.Statistic:
            continue
        when = rec.date_value()
        if when is None:
            continue
        dates = [f for f in map(founded.get, (target for target, _mark in iter_targets(rec))) if f is not None]
        if not dates:
            continue
        last = latest.get(when.value)
        if last is None:
            last = latest[when.value] = when.latest
        if max(dates) <= last:  # quick test: no organisation referred to is founded later
            continue
        for ref in iter_references(rec):
            target = by_id.get(ref.target)
            if isinstance(target, m.Organisation) and target.founded and target.founded.earliest > when.latest:
                yield _problem(ds, rec, ref.path, f"dated {when}, before {target.id} was founded ({target.founded})")


def _citations(rec) -> Iterator[tuple[str, m.Citation]]:
    for i, cit in enumerate(getattr(rec, "sources", []) or []):
        yield f"sources[{i}]", cit


def check_sources(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    for rec in ds.all_records():
        cites = list(_citations(rec))
        if rec.synthetic and not rec.generator:
            yield _problem(ds, rec, "generator", "a synthetic record must name its generator")
        if not rec.synthetic and rec.generator:
            yield _problem(ds, rec, "synthetic", "has a generator but is not flagged synthetic")
        if not rec.synthetic and not cites:
            yield _problem(ds, rec, "sources", "a documented record must cite at least one source")
        for path, cit in cites:
            source = ds.sources.get(cit.source)
            if source is None:
                yield _problem(ds, rec, f"{path}.source", f"unknown source id {cit.source!r}")
                continue
            if cit.about and cit.about not in type(rec).model_fields:
                yield _problem(ds, rec, f"{path}.about", f"{cit.about!r} is not a field of {type(rec).__name__}")
            text = ctx.source_texts.get(cit.source)
            if text is not None and squeeze(cit.quote) not in text:
                yield _problem(ds, rec, f"{path}.quote", f"quote {cit.quote!r} not found in source {cit.source}")
    if ctx.sources_dir is not None:
        for sid, src in ds.sources.items():
            if src.file and source_path(ctx.sources_dir, src.file) is None:
                yield _problem(ds, src, "file", f"source file {src.file} is outside the sources folder {ctx.sources_dir}")
            elif src.file and sid not in ctx.source_texts:
                yield _problem(ds, src, "file", f"source file {src.file} not found in {ctx.sources_dir}")


def check_statistics(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    for st in ds.statistics:
        if st.subject is None and st.region is None and st.population_zh is None:
            yield _problem(ds, st, "subject", "a statistic needs a subject, a region or a population")
        for name in ("value", "out_of"):
            v = getattr(st, name)
            if v is not None and not math.isfinite(v):
                yield _problem(ds, st, name, f"{name} must be a finite number, got {v}")
        if st.unit == "percent" and not 0 <= st.value <= 100:
            yield _problem(ds, st, "value", f"a percentage must lie between 0 and 100, got {st.value}")
        if st.out_of is not None and st.value > st.out_of:
            yield _problem(ds, st, "out_of", f"value {st.value} is larger than out_of {st.out_of}")


CHECKS: tuple[Callable[[Dataset, Context], Iterator[Problem]], ...] = (
    check_duplicate_ids,
    check_control_characters,
    check_references,
    check_regions,
    check_tiers,
    check_cycles,
    check_self_ties,
    check_dates,
    check_future_dates,
    check_sources,
    check_statistics,
)


def source_path(sources_dir: str | Path, file: str) -> Path | None:
    """``file`` inside ``sources_dir``, or ``None`` when it resolves outside it (``../``, absolute, links).

    >>> source_path("/srv/sources", "a.txt").name, source_path("/srv/sources", "../../etc/passwd")
    ('a.txt', None)
    """
    folder = Path(sources_dir).resolve()
    path = (folder / file).resolve()
    return path if path.is_relative_to(folder) and path != folder else None


def read_source_texts(ds: Dataset, sources_dir: str | Path) -> dict[str, str]:
    """Source texts (whitespace removed) by source id, for the quote check; nothing outside the folder is read."""
    folder = Path(sources_dir)
    if not folder.is_dir():
        raise InputError(f"{folder}: sources folder not found")
    texts = {}
    for sid, src in ds.sources.items():
        path = source_path(folder, src.file) if src.file else None
        if path is not None and path.is_file():
            try:
                texts[sid] = squeeze(path.read_text(encoding="utf-8"))
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: source file is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return texts


def validate(ds: Dataset, *, sources_dir: str | Path | None = None) -> list[Problem]:
    """Every cross-record problem of ``ds`` (empty when valid)."""
    ctx = Context(Path(sources_dir) if sources_dir else None)
    if sources_dir is not None:
        ctx.source_texts = read_source_texts(ds, sources_dir)
    problems: list[Problem] = []
    collecting = gc.isenabled()
    gc.disable()  # the checks make short-lived lists and tuples, no cycles: collecting would re-walk every record
    try:
        for check in CHECKS:
            problems.extend(check(ds, ctx))
    finally:
        if collecting:
            gc.enable()
    return problems
