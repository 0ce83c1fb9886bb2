"""The notebooks run top to bottom with a real kernel, are stored without outputs, and show what they promise.

Each notebook is executed once (nbclient, kernel ``python3``) and its outputs are checked from outside:
notebook 01 shows the map inline and states its findings from the numbers, notebook 02 shows its charts as
images, notebook 03 shows Cypher results as DataFrames holding the rows the seeds imply. The expected rows
were worked out by hand from ``swgraph/data/seeds`` (see the comments), not copied from a run.
"""

from __future__ import annotations

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "notebooks"
SEEDS = ROOT / "swgraph" / "data" / "seeds"
NOTEBOOKS = sorted(HERE.glob("*.ipynb"))


def _generator():
    spec = importlib.util.spec_from_file_location("make_notebooks", HERE / "make_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _path(prefix: str) -> Path:
    found = [p for p in NOTEBOOKS if p.name.startswith(prefix)]
    assert len(found) == 1, f"expected one notebook {prefix}_*.ipynb, found {[p.name for p in found]}"
    return found[0]


def execute(path: Path, tmp_path: Path):
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        nbformat.write(nb, tmp_path / path.name)  # the executed copy, to look at when a test fails
    return nb


def cell(nb, cell_id: str):
    found = [c for c in nb.cells if c.get("id") == cell_id]
    assert len(found) == 1, f"no cell with id {cell_id!r}"
    return found[0]


def errors(nb) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


def stderr(nb) -> str:
    return "".join(o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream" and o.name == "stderr")


def data(c, mime: str) -> list[str]:
    """Every ``mime`` output of cell ``c`` (display data and execute results)."""
    return [o["data"][mime] for o in c.get("outputs", []) if mime in o.get("data", {})]


class _Tables(HTMLParser):
    """The ``<table>`` elements of an HTML text as lists of rows of cell texts (header rows included)."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, text):
        if self._cell is not None:
            self._cell.append(text)


def frame_rows(html: str) -> list[dict]:
    """The rows of the one DataFrame in ``html`` (pandas' ``to_html``: header row first, index in column '')."""
    parser = _Tables()
    parser.feed(html)
    assert len(parser.tables) == 1, f"expected one table, found {len(parser.tables)}"
    header, *rows = parser.tables[0]
    return [dict(zip(header, row)) for row in rows]


def seeds(collection: str) -> list[dict]:
    """One collection read straight from the seed YAML (independent of swgraph's loader)."""
    out = []
    for f in sorted(SEEDS.glob("*.yaml")):
        out += (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get(collection) or []
    return out


# ----------------------------------------------------------------------------- stored form


def test_three_notebooks_stored_without_outputs():
    assert [p.name[:2] for p in NOTEBOOKS] == ["01", "02", "03"]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code"), \
            f"{path.name}: outputs must be stripped in git"


def test_notebooks_are_what_the_generator_writes():
    gen = _generator()
    assert sorted(f"{name}.ipynb" for name in gen.NOTEBOOKS) == [p.name for p in NOTEBOOKS]
    for name, cells in gen.NOTEBOOKS.items():
        stored = nbformat.read(HERE / f"{name}.ipynb", as_version=4)
        fresh = gen.notebook(cells)
        assert [(c.cell_type, c.id, c.source) for c in stored.cells] == [(c.cell_type, c.id, c.source) for c in fresh.cells], \
            f"{name}.ipynb differs from make_notebooks.py: run python notebooks/make_notebooks.py"


def test_no_assertions_in_the_notebooks():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert not re.search(r"^\s*assert\b", code, re.M), f"{path.name} asserts; the tests check outputs from outside"


# ----------------------------------------------------------------------------- 01: the documented network


def test_tour_shows_the_map_inline_and_its_findings_in_words(tmp_path):
    nb = execute(_path("01"), tmp_path)
    assert errors(nb) == []

    maps = data(cell(nb, "map"), "text/html")
    assert len(maps) == 1
    page = maps[0]
    assert page.startswith("<iframe") and "srcdoc=" in page
    assert "vis.Network" in page  # the map's own script, embedded: nothing to fetch
    for org in seeds("organisations"):
        if org["id"] in ("cfsw", "gd-swa", "bj-swa", "columbia"):
            assert org["name_zh"] in page

    text = "\n".join(data(cell(nb, "findings"), "text/markdown"))
    organisations = seeds("organisations")
    assert f"**{len(organisations)} organisations**" in text
    # the one documented agreement (relations.yaml): 京粤社工战略合作协议, signed 2015-06-11
    (agreement,) = seeds("agreements")
    assert f"Agreement {agreement['title_zh']} (signed {agreement['signed']})" in text
    # Guangdong: associations in 14 of 21 prefectures, 7 without (statistics.yaml, from the 2015 report)
    assert "14 of 21 prefectures (7 without)" in text


# ----------------------------------------------------------------------------- 02: national scale


def test_national_notebook_is_flagged_synthetic_and_shows_charts_inline(tmp_path):
    nb = execute(_path("02"), tmp_path)
    assert errors(nb) == []
    first = nb.cells[0]
    assert first.cell_type == "markdown" and "Synthetic data" in first.source and "generated" in first.source

    summary = "\n".join(m for c in nb.cells for m in data(c, "text/markdown"))
    assert re.search(r"\*\*[\d,]+ are synthetic\*\*", summary)

    charts = cell(nb, "charts")
    pngs = data(charts, "image/png")
    assert len(pngs) == 3, f"expected the three charts as images, got {[list(o.get('data', {})) for o in charts.outputs]}"
    assert all(len(p) > 1000 for p in pngs)
    assert "missing from font" not in stderr(nb) and "Glyph" not in stderr(nb)

    diff = cell(nb, "diff")
    assert re.search(r"From [\d,]+ to [\d,]+ organisations", "\n".join(data(diff, "text/markdown")))
    assert data(diff, "text/html"), "the diff's tables"


# ----------------------------------------------------------------------------- 03: Cypher in Neo4j


@pytest.mark.neo4j
def test_cypher_notebook_against_the_real_neo4j(neo4j_env, neo4j_driver, tmp_path):
    from swgraph.neo4j import loader
    from swgraph.records.dataset import load_dataset

    try:
        nb = execute(_path("03"), tmp_path)  # the kernel inherits the NEO4J_* variables
    finally:
        loader.delete_dataset(neo4j_driver, load_dataset().info.id)
    assert errors(nb) == []
    names = {o["id"]: o["name_zh"] for o in seeds("organisations")}

    # relations.yaml: the federation (cfsw) hosts two visits with visitors: 2015-06-10 (gd-swa, bj-swa)
    # and 2019-11-13 (hk-swd, year inferred); its 2015-05-19 council meeting has no visitors.
    (html,) = data(cell(nb, "visits"), "text/html")
    rows = frame_rows(html)
    assert [(r["date"][:10], r["visitor_id"], r["visitor"], r["host_id"]) for r in rows] == [
        ("2015-06-10", "bj-swa", names["bj-swa"], "cfsw"),
        ("2015-06-10", "gd-swa", names["gd-swa"], "cfsw"),
        ("2019-11-13", "hk-swd", names["hk-swd"], "cfsw"),
    ]
    assert [r["year_inferred"] for r in rows] == ["False", "False", "True"]

    # Named by names, not ids: Columbia is tied only to the federation (tie-cfsw-columbia), and the
    # federation reaches Guangdong through a record (e.g. the 2015-06-10 visit): 4 hops.
    # The only record linking cfsw and gd-swa directly is that visit (posts would take two more hops).
    path = cell(nb, "path")
    assert "4 hops" in "".join(o.get("text", "") for o in path.outputs)
    (html,) = data(path, "text/html")
    assert [r["id"] for r in frame_rows(html)] == ["columbia", "tie-cfsw-columbia", "cfsw", "ev-2015-06-10-jingyue-visit-cfsw", "gd-swa"]

    (html,) = data(cell(nb, "profile"), "text/html")
    assert "cfsw" in html and names["cfsw"] in html  # asked by its former name 中国社会工作协会

    view = cell(nb, "graph-view")
    tables = [h for h in data(view, "text/html") if "<table" in h and "<iframe" not in h]
    maps = [h for h in data(view, "text/html") if h.startswith("<iframe")]
    assert len(tables) == 1 and len(maps) == 1
    pairs = frame_rows(tables[0])
    # bj-swa and gd-swa share the agreement, two visits and the signing: the strongest pair
    assert (pairs[0]["a"], pairs[0]["b"]) == ("bj-swa", "gd-swa")
    for pair in pairs:
        assert (pair["organisation"], pair["partner"]) == (names[pair["a"]], names[pair["b"]])
        assert names[pair["a"]] in maps[0] and names[pair["b"]] in maps[0]

    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream")
    assert "the analysis of the Neo4j copy equals the analysis of the files" in printed
