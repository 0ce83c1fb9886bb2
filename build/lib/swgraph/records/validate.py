"""Cross-record validation of a dataset.

Each check is a function ``check_x(ds, ctx) -> Iterator[Problem]``; :func:`validate`
runs them all and returns every problem, so a user sees all mistakes at once.
Model-level problems (YAML syntax, unknown or missing fields, bad dates) are
found while reading, in :mod:`swgraph.records.dataset`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.records.dataset import Dataset
from swgraph.core.errors import InputError, Problem
from swgraph.core.registry import KINDS, iter_references

# Expected division level of each association tier's region.
TIER_REGION_LEVEL = {
    "national_federation": {"national"},
    "provincial_association": {"province"},
    "municipal_association": {"prefecture"},
    "county_association": {"county"},
}

_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text with all whitespace removed (the sources are reflowed from print).

    >>> squeeze("中国社\\n会工作 联合会")
    '中国社会工作联合会'
    """
    return _WS.sub("", text)


@dataclass
class Context:
    sources_dir: Path | None = None
    source_texts: dict[str, str] = field(default_factory=dict)


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


def check_regions(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    for rec in ds.all_records():
        for path, code in _region_fields(rec):
            if not regions.is_known(code):
                yield _problem(ds, rec, path, f"unknown region code {code} (GB/T 2260 six digits, 100000 = national)")
        if isinstance(rec, m.Organisation) and rec.region and regions.is_known(rec.region):
            want = TIER_REGION_LEVEL.get(rec.kind)
            have = regions.level(rec.region)
            if want and have not in want:
                yield _problem(ds, rec, "region", f"a {KINDS[rec.kind].en} needs a {'/'.join(sorted(want))}-level region, "
                               f"but {rec.region} ({regions.name(rec.region)}) is {have}-level")
            if rec.country != "CN":
                yield _problem(ds, rec, "region", f"region codes are Chinese divisions, but country is {rec.country}")


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
        if org.region and parent.region and regions.is_known(org.region) and regions.is_known(parent.region):
            if not regions.contains(parent.region, org.region):
                yield _problem(ds, org, "region", f"region {org.region} ({regions.name(org.region)}) is not inside the "
                               f"parent's region {parent.region} ({regions.name(parent.region)})")


def _order(ds, rec, first: tuple[str, m.When | None], second: tuple[str, m.When | None]) -> Iterator[Problem]:
    (fa, a), (fb, b) = first, second
    if a is not None and b is not None and a.earliest > b.latest:
        yield _problem(ds, rec, fb, f"{fb} {b} is before {fa} {a}")


def check_dates(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    by_id = ds.by_id
    for rec in ds.all_records():
        if isinstance(rec, m.Organisation):
            yield from _order(ds, rec, ("founded", rec.founded), ("dissolved", rec.dissolved))
        if isinstance(rec, m.Post):
            yield from _order(ds, rec, ("start", rec.start), ("end", rec.end))
        for i, name in enumerate(getattr(rec, "names", [])):
            yield from _order(ds, rec, (f"names[{i}].valid_from", name.valid_from), (f"names[{i}].valid_until", name.valid_until))
        when = rec.date_value()
        if when is None or isinstance(rec, (m.Organisation, m.Statistic)):
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
            if src.file and sid not in ctx.source_texts:
                yield _problem(ds, src, "file", f"source file {src.file} not found in {ctx.sources_dir}")


def check_statistics(ds: Dataset, ctx: Context) -> Iterator[Problem]:
    for st in ds.statistics:
        if st.subject is None and st.region is None and st.population_zh is None:
            yield _problem(ds, st, "subject", "a statistic needs a subject, a region or a population")
        if st.unit == "percent" and not 0 <= st.value <= 100:
            yield _problem(ds, st, "value", f"a percentage must lie between 0 and 100, got {st.value}")
        if st.out_of is not None and st.value > st.out_of:
            yield _problem(ds, st, "out_of", f"value {st.value} is larger than out_of {st.out_of}")


CHECKS: tuple[Callable[[Dataset, Context], Iterator[Problem]], ...] = (
    check_duplicate_ids,
    check_references,
    check_regions,
    check_tiers,
    check_dates,
    check_sources,
    check_statistics,
)


def read_source_texts(ds: Dataset, sources_dir: str | Path) -> dict[str, str]:
    """Source texts (whitespace removed) by source id, for the quote check."""
    folder = Path(sources_dir)
    if not folder.is_dir():
        raise InputError(f"{folder}: sources folder not found")
    texts = {}
    for sid, src in ds.sources.items():
        if src.file and (folder / src.file).is_file():
            texts[sid] = squeeze((folder / src.file).read_text(encoding="utf-8"))
    return texts


def validate(ds: Dataset, *, sources_dir: str | Path | None = None) -> list[Problem]:
    """Every cross-record problem of ``ds`` (empty when valid)."""
    ctx = Context(Path(sources_dir) if sources_dir else None)
    if sources_dir is not None:
        ctx.source_texts = read_source_texts(ds, sources_dir)
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(ds, ctx))
    return problems
