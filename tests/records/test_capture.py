"""docs/capture.md and the seeds cannot drift apart.

docs/capture.md lists, per source report, every figure and every other fact
with a locator quote and the record that holds it (or "left out: reason").
These tests read its tables and check them against the bundled seeds, the
source texts and the counts the README states.
"""

import re
from pathlib import Path

import pytest

from swgraph.records.dataset import load_dataset
from swgraph.records.validate import read_source_texts, squeeze

from ..helpers import sources_dir

REPO = Path(__file__).resolve().parents[2]
CAPTURE = REPO / "docs" / "capture.md"
README = REPO / "README.md"

_REPORT = re.compile(r"^## Report `([a-z0-9-]+)`")
_TABLE = re.compile(r"^### (Figures|Other facts)$")
_ID = re.compile(r"`([a-z0-9][a-z0-9_.\-]*)`")


def capture_rows():
    """(source id, table, number, fact, quote, last cell) for every row of docs/capture.md's tables."""
    rows, source, table = [], None, None
    for line in CAPTURE.read_text(encoding="utf-8").splitlines():
        if m := _REPORT.match(line):
            source, table = m.group(1), None
        elif m := _TABLE.match(line):
            table = m.group(1)
        elif source and table and line.startswith("| ") and not line.startswith(("| #", "| ---")):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            assert len(cells) == 4, f"capture.md row has {len(cells)} cells, not 4: {line}"
            rows.append((source, table, *cells))
    return rows


def left_out(cell: str) -> bool:
    return cell.startswith("left out:")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def rows():
    found = capture_rows()
    assert found, "no tables found in docs/capture.md"
    return found


def test_both_reports_have_both_tables(ds, rows):
    assert {(src, table) for src, table, *_ in rows} == {(s, t) for s in ds.sources for t in ("Figures", "Other facts")}


def test_every_row_names_a_record_or_says_why_it_is_left_out(rows):
    for src, table, num, _fact, _quote, cell in rows:
        assert left_out(cell) or _ID.search(cell), f"{src} {table} #{num}: no record id and no 'left out:' reason"
        if left_out(cell):
            assert len(cell) > len("left out: ") + 5, f"{src} {table} #{num}: a left-out row needs its reason"


def test_rows_are_numbered_in_order(rows):
    for (src, table) in {(s, t) for s, t, *_ in rows}:
        numbers = [int(n) for s, t, n, *_ in rows if (s, t) == (src, table)]
        assert numbers == list(range(1, len(numbers) + 1)), f"{src} {table}: rows numbered {numbers}"


def test_every_id_named_in_capture_exists_in_the_seeds(ds, rows):
    known = set(ds.by_id) | set(ds.sources)
    named = {(src, table, num, rid) for src, table, num, *_, cell in rows for rid in _ID.findall(cell)}
    missing = sorted((src, table, num, rid) for src, table, num, rid in named if rid not in known)
    assert missing == []


def test_every_statistic_in_the_seeds_is_a_captured_figure_and_nothing_else_is(ds, rows):
    figures = [(src, cell) for src, table, *_, cell in rows if table == "Figures" and not left_out(cell)]
    captured = [rid for _, cell in figures for rid in _ID.findall(cell)]
    stat_ids = {st.id for st in ds.statistics}
    assert sorted(captured) == sorted(stat_ids), "each statistic once, as a figure row of its own"
    for src, cell in figures:
        for rid in _ID.findall(cell):
            assert src in {c.source for c in ds.get(rid).sources}, f"{rid} is listed under {src} but does not cite it"


def test_every_quote_is_in_its_report(ds, rows):
    texts = read_source_texts(ds, sources_dir())
    missing = [(src, table, num, quote) for src, table, num, _fact, quote, _ in rows
               if squeeze(quote) not in texts[src]]
    assert missing == []


def test_a_statistics_figure_row_quotes_a_citation_of_that_statistic(ds, rows):
    for src, table, num, _fact, quote, cell in rows:
        if table == "Figures" and not left_out(cell):
            (rid,) = _ID.findall(cell)
            quotes = [squeeze(c.quote) for c in ds.get(rid).sources]
            assert any(squeeze(quote) in q or q in squeeze(quote) for q in quotes), f"{src} #{num}: {quote}"


def _counts(rows):
    figures = [cell for _, table, *_, cell in rows if table == "Figures"]
    facts = [cell for _, table, *_, cell in rows if table == "Other facts"]
    return {"figures": len(figures), "statistics": sum(not left_out(c) for c in figures),
            "figures left out": sum(left_out(c) for c in figures),
            "other facts": len(facts), "captured": sum(not left_out(c) for c in facts),
            "left out": sum(left_out(c) for c in facts)}


def _stated(text: str) -> dict[str, int]:
    m = re.search(r"\*\*(\d+) figures\*\*, \*\*(\d+) statistics\*\*, (\d+) figures left out as statistics;\s+"
                  r"\*\*(\d+) other facts\*\*, \*\*(\d+) captured\*\*, (\d+) left out", text)
    assert m, "the capture counts sentence is missing"
    counts = dict(zip(["figures", "statistics", "figures left out", "other facts", "captured", "left out"],
                      map(int, m.groups())))
    total = re.search(r"In all, (\d+) facts in the\s+reports, (\d+) of them captured", text)
    assert total, "the capture totals sentence is missing"
    assert (int(total.group(1)), int(total.group(2))) == (
        counts["figures"] + counts["other facts"], counts["statistics"] + counts["captured"])
    return counts


def test_the_counts_stated_in_capture_and_readme_are_the_tables_counts(ds, rows):
    counts = _counts(rows)
    assert counts["statistics"] == len(ds.statistics)
    assert _stated(CAPTURE.read_text(encoding="utf-8")) == counts
    readme = README.read_text(encoding="utf-8")
    assert "docs/capture.md" in readme
    assert _stated(readme) == counts
