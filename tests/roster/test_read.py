"""Hostile and broken rosters: XML entities, false sheet sizes, zip bombs, oversized rows and cells."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from swgraph.cli.roster import import_cmd
from swgraph.core.encode import MAX_CELL_CHARS
from swgraph.core.errors import InputError
from swgraph.roster import convert_roster, read_sheets
from swgraph.roster.read import MAX_COLUMNS, MAX_ROWS, MAX_UNCOMPRESSED

SHEET = "xl/worksheets/sheet1.xml"
ORG_ROWS = [["名称 name_zh", "类型 kind", "行政区划代码 region"],
            ["广东省社会工作师联合会", "provincial_association", "440000"],
            ["广州市社会工作协会", "municipal_association", "440100"],
            ["深圳市社会工作者协会", "municipal_association", "440300"]]


def workbook(path: Path, rows=ORG_ROWS, *, replace: dict[str, bytes] | None = None,
             add: dict[str, bytes] | None = None) -> Path:
    """An organisations roster written by openpyxl, with parts replaced or added through zipfile."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "组织 organisations"
    for row in rows:
        ws.append(row)
    plain = path.with_suffix(".plain.xlsx")
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if replace and info.filename in replace:
                data = replace[info.filename]
            out.writestr(info.filename, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)
    plain.unlink()
    return path


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(SHEET).decode("utf-8")


def refused(tmp_path: Path, roster: Path, *parts: str) -> str:
    """Import through the CLI: exit 2, every part in the message, nothing written."""
    out = tmp_path / "out"
    res = CliRunner().invoke(import_cmd, [str(roster), "-o", str(out)])
    assert res.exit_code == 2, res.output
    for part in parts:
        assert part in res.output, res.output
    assert not out.exists()
    return res.output


def test_an_openpyxl_workbook_rebuilt_with_zipfile_imports(tmp_path):
    result = convert_roster(workbook(tmp_path / "ok.xlsx"))
    assert result.problems == [] and len(result.records["organisations"]) == 3


def test_xml_external_entity_is_refused(tmp_path):
    plain = workbook(tmp_path / "plain.xlsx")
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    xml = sheet_xml(plain).replace("<worksheet", f'<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file://{secret}">]>'
                                   "<worksheet", 1).replace("广州市社会工作协会", "&e;")
    roster = workbook(tmp_path / "xxe.xlsx", replace={SHEET: xml.encode()})
    out = refused(tmp_path, roster, "xxe.xlsx", SHEET, "DTD or XML entities")
    assert "top secret" not in out


def test_billion_laughs_is_refused(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    strings = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "lol">{lol}]>'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&l9;</t></si></sst>')
    roster = workbook(tmp_path / "lol.xlsx", add={"xl/sharedStrings.xml": strings.encode()})
    with pytest.raises(InputError, match=r"lol\.xlsx.*DTD or XML entities"):
        read_sheets(roster)


def test_billion_laughs_in_a_new_part_is_refused(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><a>&b;</a>'
    roster = workbook(tmp_path / "bomb.xlsx", add={"docProps/custom.xml": bomb.encode("utf-16")})
    refused(tmp_path, roster, "bomb.xlsx", "docProps/custom.xml", "DTD or XML entities")


@pytest.mark.parametrize("dimension", ["A1:R2", "A1:XFD1048576", "A1"])
def test_the_declared_dimension_is_not_trusted(tmp_path, dimension):
    plain = workbook(tmp_path / "plain.xlsx")
    xml, n = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', sheet_xml(plain))
    assert n == 1
    roster = workbook(tmp_path / "dim.xlsx", replace={SHEET: xml.encode()})
    result = convert_roster(roster)
    assert result.problems == []
    assert [o.name_zh for o in result.records["organisations"]] == [r[0] for r in ORG_ROWS[1:]]


def _with_row(plain: Path, row_xml: str) -> bytes:
    return sheet_xml(plain).replace("</sheetData>", row_xml + "</sheetData>").encode()


def test_too_many_rows(tmp_path):
    plain = workbook(tmp_path / "plain.xlsx")
    row = MAX_ROWS + 1
    xml = _with_row(plain, f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>某协会</t></is></c></row>')
    roster = workbook(tmp_path / "rows.xlsx", replace={SHEET: xml})
    refused(tmp_path, roster, f"rows.xlsx:组织 organisations:{row}:", f"at most {MAX_ROWS:,} rows")


def test_empty_rows_far_below_do_not_count(tmp_path):
    plain = workbook(tmp_path / "plain.xlsx")
    xml = _with_row(plain, '<row r="1048576"><c r="A1048576" s="0"/></row>')
    result = convert_roster(workbook(tmp_path / "far.xlsx", replace={SHEET: xml}))
    assert result.problems == [] and len(result.records["organisations"]) == 3


def test_a_value_far_to_the_right(tmp_path):
    plain = workbook(tmp_path / "plain.xlsx")
    xml = _with_row(plain, '<row r="5"><c r="XFD5" t="inlineStr"><is><t>x</t></is></c></row>')
    roster = workbook(tmp_path / "wide.xlsx", replace={SHEET: xml})
    refused(tmp_path, roster, "wide.xlsx:组织 organisations:5:", "column XFD", f"at most {MAX_COLUMNS:,} columns")


def test_an_oversized_cell(tmp_path):
    plain = workbook(tmp_path / "plain.xlsx")  # openpyxl itself cuts a longer cell at the limit: write the XML
    xml = sheet_xml(plain).replace("广州市社会工作协会", "甲" * (MAX_CELL_CHARS + 1)).encode()
    roster = workbook(tmp_path / "big.xlsx", replace={SHEET: xml})
    refused(tmp_path, roster, "big.xlsx:组织 organisations:3: field 名称 name_zh:", f"at most {MAX_CELL_CHARS:,}")


def test_an_oversized_csv_cell(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "organisations.csv").write_text(
        "名称 name_zh,类型 kind\n" + "甲" * 200_000 + ",provincial_association\n", encoding="utf-8")
    refused(tmp_path, folder, "organisations.csv:2:", "not a readable CSV file")
    (folder / "organisations.csv").write_text(
        "名称 name_zh,类型 kind\n" + "甲" * 40_000 + ",provincial_association\n", encoding="utf-8")
    refused(tmp_path, folder, "organisations.csv:2: field 名称 name_zh:", f"at most {MAX_CELL_CHARS:,}")


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    roster = workbook(tmp_path / "zip.xlsx", add={"xl/media/padding.bin": b"\0" * (MAX_UNCOMPRESSED + 1)})
    assert roster.stat().st_size < MAX_UNCOMPRESSED // 100
    refused(tmp_path, roster, "zip.xlsx", "unpacks to", "zip bomb")


def test_not_a_zip_and_broken_xml(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    refused(tmp_path, bad, "bad.xlsx", "not a readable .xlsx workbook")
    broken = workbook(tmp_path / "broken.xlsx", replace={SHEET: b"<worksheet><sheetData>"})
    refused(tmp_path, broken, "broken.xlsx", "not a readable .xlsx workbook", SHEET)
