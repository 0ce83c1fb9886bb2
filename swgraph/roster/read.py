"""Reading a roster: an ``.xlsx`` workbook or a folder of CSV files, defensively.

A roster may come from anyone, so a workbook is checked before openpyxl
parses it: it must be a zip archive of at most :data:`MAX_PARTS` parts and
:data:`MAX_UNCOMPRESSED` bytes unpacked (a "zip bomb" is refused before it is
inflated), and no XML part may declare a DTD or entities (XML external
entities, "billion laughs"), which a workbook never needs. openpyxl itself
parses through defusedxml. A sheet's declared ``<dimension>`` is not trusted
(rows beyond it are read; ``A1:XFD1048576`` costs nothing); a sheet may hold
at most :data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns, and a cell at
most :data:`~swgraph.core.encode.MAX_CELL_CHARS` characters. Each refusal is
an :class:`~swgraph.core.errors.InputError` naming the file (and sheet, row
and column where there is one).
"""

from __future__ import annotations

import csv
import io
import xml.parsers.expat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import openpyxl
from openpyxl.utils import get_column_letter

from swgraph.core.encode import MAX_CELL_CHARS, excel_length
from swgraph.core.errors import InputError, Problem
from swgraph.roster.cells import cell_text
from swgraph.roster.spec import SHEETS, SheetSpec, is_readme, match_column, match_sheet

#: the most rows a sheet (or CSV file) may have, header included
MAX_ROWS = 100_000
#: the most columns a row may reach
MAX_COLUMNS = 1_000
#: the most bytes a workbook may unpack to (all its parts), and a CSV folder may hold
MAX_UNCOMPRESSED = 64 * 1024 * 1024
#: the most parts (files) a workbook may have
MAX_PARTS = 1_000


@dataclass
class RawSheet:
    """One sheet as read: its spec, its label for problems, column map and data rows."""

    spec: SheetSpec
    label: str  # "roster.xlsx:organisations"
    columns: dict[str, str] = field(default_factory=dict)  # column key -> header as written
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number, key -> text)


def refused(file: str, message: str, line: int | None = None, column: str | None = None) -> InputError:
    """An InputError worded like a :class:`~swgraph.core.errors.Problem` (``file:line: field …: message``)."""
    return InputError(str(Problem(file, line, None, column, message)))


# ---------------------------------------------------------------- xlsx: the archive and its XML


def _refuse_dtd(*_args):
    raise _Declared()


class _Declared(Exception):
    """An XML part declared a DTD, an entity or an external reference."""


def _looks_like_xml(head: bytes) -> bool:
    return head.replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith(b"<")


def check_workbook(path: Path) -> None:
    """Refuse a workbook that is no zip, too big unpacked, or whose XML declares a DTD or entities."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise refused(str(path), f"not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from None
    with zf:
        parts = zf.infolist()
        if len(parts) > MAX_PARTS:
            raise refused(str(path), f"the workbook has {len(parts):,} parts; a roster has at most {MAX_PARTS:,}")
        size = sum(p.file_size for p in parts)
        if size > MAX_UNCOMPRESSED:
            raise refused(str(path), f"the workbook unpacks to {size:,} bytes; a roster may unpack to at most "
                          f"{MAX_UNCOMPRESSED:,} (is it a zip bomb?)")
        for part in parts:
            if not part.is_dir():
                _check_xml(path, zf, part)


def _check_xml(path: Path, zf: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Parse one part with expat, refusing any DTD; parts that are not XML are skipped."""
    try:
        with zf.open(part) as fh:
            head = fh.read(1024)
            if not _looks_like_xml(head):
                return
            parser = xml.parsers.expat.ParserCreate()
            parser.StartDoctypeDeclHandler = _refuse_dtd
            parser.EntityDeclHandler = _refuse_dtd
            parser.UnparsedEntityDeclHandler = _refuse_dtd
            parser.ExternalEntityRefHandler = _refuse_dtd
            chunk = head
            while chunk:
                parser.Parse(chunk, False)
                chunk = fh.read(1 << 16)
            parser.Parse(b"", True)
    except _Declared:
        raise refused(str(path), f"part {part.filename} declares a DTD or XML entities, which a workbook never has; "
                      "refused (it could read other files or expand without end)") from None
    except xml.parsers.expat.ExpatError as exc:
        raise refused(str(path), f"not a readable .xlsx workbook (part {part.filename}: {exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise refused(str(path), f"not a readable .xlsx workbook (part {part.filename}: {exc})") from None


def _checked(label: str, rows: Iterable[Iterable[Any]]) -> Iterator[tuple[int, list[Any]]]:
    """The non-empty rows with their numbers, trailing empty cells removed.

    Refuses a sheet with more than :data:`MAX_ROWS` rows or :data:`MAX_COLUMNS`
    columns of values, or a cell longer than a spreadsheet cell may be.
    """
    header: list[str] = []
    for rownum, raw in enumerate(rows, start=1):
        if not raw:
            continue  # a row missing from the sheet, or empty
        row = list(raw)
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
        if not row:
            continue
        if len(row) > MAX_COLUMNS:
            raise refused(label, f"a value in column {get_column_letter(len(row))} ({len(row):,}); a roster "
                          f"sheet has at most {MAX_COLUMNS:,} columns", rownum)
        if rownum > MAX_ROWS:
            raise refused(label, f"a roster sheet has at most {MAX_ROWS:,} rows", rownum)
        for i, v in enumerate(row):
            if isinstance(v, str) and len(v) > MAX_CELL_CHARS // 2 and excel_length(v) > MAX_CELL_CHARS:
                col = header[i] if i < len(header) and header[i] else f"column {get_column_letter(i + 1)}"
                raise refused(label, f"the cell has {excel_length(v):,} characters; a cell holds at most "
                              f"{MAX_CELL_CHARS:,}", rownum, col)
        if rownum == 1:
            header = [cell_text(v) for v in row]
        yield rownum, row


def _read_xlsx(path: Path, problems: list[Problem]) -> list[RawSheet]:
    check_workbook(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise refused(str(path), f"not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from None
    tables = []
    try:
        for ws in wb.worksheets:
            label = f"{path.name}:{ws.title}"
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # the declared <dimension> may be wrong (or huge): read what is there
            rows = ws.iter_rows(values_only=True)
            try:
                tables.append((ws.title, list(_checked(label, rows))))
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001 - a malformed sheet
                raise refused(label, f"not a readable sheet ({exc.__class__.__name__}: {exc})") from None
            finally:
                rows.close()  # closes the sheet's part when reading stopped early
    finally:
        wb.close()
    return _sheets_from_tables(path.name, tables, problems)


# ---------------------------------------------------------------- CSV folders


def _read_csv_dir(path: Path, problems: list[Problem]) -> list[RawSheet]:
    files = [f for f in sorted(path.iterdir()) if f.suffix.lower() == ".csv" and f.is_file()]
    size = sum(f.stat().st_size for f in files)
    if size > MAX_UNCOMPRESSED:
        raise refused(str(path), f"the CSV files hold {size:,} bytes; a roster holds at most {MAX_UNCOMPRESSED:,}")
    tables = []
    for f in files:
        try:
            text = f.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(Problem(str(f), None, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
            continue
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            tables.append((f.stem, list(_checked(str(f), reader))))
        except csv.Error as exc:
            raise refused(str(f), f"not a readable CSV file ({exc})", reader.line_num) from None
    if not tables and not problems:
        raise InputError(f"{path}: no .csv files (expected organisations.csv, people.csv, posts.csv, …)")
    return _sheets_from_tables(path.name, tables, problems, csv_dir=path)


# ---------------------------------------------------------------- tables to sheets


def _parse_table(spec: SheetSpec, label: str, table: list[tuple[int, list[Any]]], problems: list[Problem]) -> RawSheet:
    sheet = RawSheet(spec, label)
    header = [cell_text(v) for v in (table[0][1] if table and table[0][0] == 1 else [])]
    index: dict[int, str] = {}
    for i, h in enumerate(header):
        if not h:
            continue
        col = match_column(spec, h)
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
    for rownum, raw in table:
        if rownum == 1:
            continue
        values = {index[i]: cell_text(v) for i, v in enumerate(raw) if i in index}
        stray = [i for i, v in enumerate(raw)
                 if i not in index and cell_text(v) and (i >= len(header) or not header[i])]
        if stray:
            problems.append(Problem(label, rownum, None, None, f"a value in column {stray[0] + 1}, which has no header"))
        if any(values.values()):
            sheet.rows.append((rownum, values))
    return sheet


def _sheets_from_tables(name: str, tables, problems: list[Problem], csv_dir: Path | None = None) -> list[RawSheet]:
    sheets: dict[str, RawSheet] = {}
    for title, table in tables:
        label = str(csv_dir / f"{title}.csv") if csv_dir else f"{name}:{title}"
        if is_readme(title):
            continue
        spec = match_sheet(title)
        if spec is None and not any(cell_text(v) for _, row in table for v in row):
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
    """The recognised sheets of an ``.xlsx`` roster or a folder of CSV files, and layout problems.

    Raises
    ------
    InputError
        When the file is missing, of the wrong type, unreadable or hostile
        (see the module's description).
    """
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
