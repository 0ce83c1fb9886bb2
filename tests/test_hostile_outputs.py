"""Hostile names through every output: shown as text, given back verbatim where the format can hold them.

The names (tests/hostile.py) are the map tests' script and markup payloads
plus spreadsheet formulas, rich markup, matplotlib mathtext and CSV/array
syntax. Each output is read back with the tool a user would read it with.
"""

from __future__ import annotations

import csv
import io
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli
from swgraph.core.encode import FORMULA_STARTS, markdown_text, unspreadsheet_text
from swgraph.neo4j.bulk import ARRAY_DELIMITER
from swgraph.records.dataset import load_dataset
from tests.hostile import HOSTILE_NAMES, write_hostile_dataset


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data, names = write_hostile_dataset(root)
    return root, data, names


def run(*args, cwd=None, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_hostile_dataset_is_valid_and_holds_every_name(hostile):
    root, data, names = hostile
    run("validate", data, "--sources", root / "sources")
    assert sorted(names.values()) == sorted(HOSTILE_NAMES)
    assert {o.name_zh for o in load_dataset([data]).organisations} >= set(HOSTILE_NAMES)


def _unmarkdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_markdown_outputs_escape_and_keep_every_name(hostile, tmp_path):
    _, data, names = hostile
    run("analyze", data, "--out", tmp_path / "a", "--top", 30)
    run("report", data, "--out", tmp_path / "r", "--top", 30)
    for md_file in (tmp_path / "a" / "report.md", tmp_path / "r" / "report.md"):
        md = md_file.read_text(encoding="utf-8")
        # no raw tag from a name: every < of a name is escaped
        assert not re.search(r"(?<!\\)<(img|script|svg|a |iframe|style)", md), md_file
        assert "49" not in md.replace(md_file.name, "")  # {{ 7*7 }} is never evaluated
        shown = [n for n in names.values() if markdown_text(n) in md]
        assert len(shown) >= len(names) * 2 // 3, (md_file, set(names.values()) - set(shown))
        for name in shown:
            assert _unmarkdown(markdown_text(name)) == " ".join(name.split())


def test_csv_cells_never_start_a_formula_and_read_back_verbatim(hostile, tmp_path):
    _, data, names = hostile
    outputs = [run("analyze", data, "--format", "csv")]
    run("analyze", data, "--out", tmp_path / "a")
    outputs.append((tmp_path / "a" / "nodes.csv").read_text(encoding="utf-8"))
    for text in outputs:
        rows = list(csv.DictReader(io.StringIO(text)))
        for row in rows:
            for key, cell in row.items():
                assert not cell.startswith(FORMULA_STARTS) or _is_number(cell), (key, cell)
        back = {r["id"]: unspreadsheet_text(r["name_zh"]) for r in rows}
        assert {k: back[k] for k in names} == names


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_xlsx_roster_round_trip_is_verbatim_and_formula_free(hostile, tmp_path):
    import openpyxl

    _, data, names = hostile
    book = tmp_path / "roster.xlsx"
    run("template", "--data", data, book)
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    run("import", book, "-o", tmp_path / "back")
    back = load_dataset([tmp_path / "back"])
    by_name = {o.name_zh: o for o in back.organisations}
    assert set(names.values()) <= set(by_name)
    assert all(any(n.name.startswith("别名;甲,乙") for n in by_name[v].names) for v in names.values())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_read_back_verbatim(hostile, tmp_path, fmt):
    _, data, names = hostile
    path = tmp_path / f"g.{fmt}"
    run("export", data, "--format", fmt, "-o", path)
    G = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert {k: G.nodes[k]["name_zh"] for k in names} == names
    assert G.nodes["h00"]["aliases"].startswith("别名;甲,乙")


def test_neo4j_admin_bundle_reads_back_verbatim(hostile, tmp_path):
    _, data, names = hostile
    run("export", data, "--format", "neo4j-admin", "-o", tmp_path / "b")
    found = {}
    for path in (tmp_path / "b").glob("nodes-*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        header = [h.split(":")[0] for h in rows[0]]
        for row in rows[1:]:
            rec = dict(zip(header, row))
            if rec.get("id") in names:
                found[rec["id"]] = rec
    assert {k: found[k]["name_zh"] for k in names} == names
    aliases_col = next(k for k in found["h00"] if k in ("aliases", "names", "name_all") or "alias" in k)
    assert any(item.startswith("别名;甲,乙") for item in found["h00"][aliases_col].split(ARRAY_DELIMITER))


def test_terminal_tables_print_names_verbatim_never_as_markup(hostile):
    _, data, names = hostile
    out = run("analyze", data, "--top", 30, env={"COLUMNS": "1000"})
    for name in names.values():
        assert name in out, name
    assert "\x1b" not in out


@pytest.mark.neo4j
def test_neo4j_gives_every_name_back(hostile, neo4j_driver):
    from swgraph.neo4j import loader
    from swgraph.neo4j.reader import read_dataset_with_driver
    from tests.neo4j.common import as_dataset

    _, data, names = hostile
    ds = as_dataset(load_dataset([data]), "hostile-names")
    try:
        loader.load(neo4j_driver, ds)
        back = read_dataset_with_driver(neo4j_driver, "hostile-names")
    finally:
        loader.delete_dataset(neo4j_driver, "hostile-names")
    got = {o.id: o for o in back.organisations}
    assert {k: got[k].name_zh for k in names} == names
    assert [n.name for n in got["h00"].names] == [n.name for n in ds.by_id["h00"].names]


def test_titles_that_look_like_template_slots_are_never_expanded(hostile, tmp_path):
    import html

    from tests.hostile import TITLE_EN, TITLE_ZH

    _, data, _ = hostile
    run("report", data, "--out", tmp_path / "r")
    run("map", data, "-o", tmp_path / "m.html")
    report = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    for text in (report, page):
        assert text.count("<body") == 1 and text.count("</html>") == 1  # the body was not pasted into the title
        assert html.escape(TITLE_ZH) in text or TITLE_ZH in text
    assert "<b>{{body}}</b>" not in report and "<b>{{body}}</b>" not in page  # TITLE_EN shown as text only
    assert "{{ title }} &lt;b&gt;{{body}}&lt;&#47;b&gt;" in page and TITLE_EN.startswith("{{ title }} <b>")


def test_query_results_are_plain_text_in_tables_and_formula_free_in_csv():
    from rich.console import Console

    from swgraph.neo4j.queries import Result, to_csv, to_table

    rows = [{"name": name, "n": -1} for name in HOSTILE_NAMES] + [{"name": "甲\x1b]0;pwned\x07组织", "n": 2}]
    result = Result(["name", "n"], rows, "r")
    buf = io.StringIO()
    Console(file=buf, width=2000).print(to_table(result, title="[red]标题[/]"))
    out = buf.getvalue()
    assert "\x1b" not in out and "[red]标题[/]" in out and "甲]0;pwned组织" in out
    assert all(name in out for name in HOSTILE_NAMES if "\n" not in name and "\u2028" not in name)
    back = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert [unspreadsheet_text(r["name"]) for r in back][:-1] == HOSTILE_NAMES
    assert all(not r["name"].startswith(FORMULA_STARTS) for r in back) and back[0]["n"] == "-1"
