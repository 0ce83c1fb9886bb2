"""Writing rosters: the empty bilingual template, and a dataset exported as a filled roster."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from swgraph.core import model as m
from swgraph.core.encode import MAX_CELL_CHARS, excel_length
from swgraph.core.errors import InputError, Problem
from swgraph.core.io import atomic_folder, write_bytes
from swgraph.records.dataset import Dataset
from swgraph.roster.cells import (
    format_items,
    format_names,
    format_when,
    protect,
)
from swgraph.roster.convert import NameIndex
from swgraph.roster.spec import DATE_HELP, RECORD_SHEETS, SHEETS, SheetSpec


def _readme_rows() -> list[list[str]]:
    rows = [["表 sheet", "列 column", "必填 required", "说明 description", "允许值 allowed values"]]
    for spec in SHEETS.values():
        rows.append([spec.title, "", "", spec.help, ""])
        for col in spec.columns:
            allowed = "; ".join(f"{c.value} {c.zh}" for c in col.choices)
            rows.append(["", col.header, "是 yes" if col.required else "", col.help, allowed])
    rows.append([])
    rows += [["通则 general", "", "", line, ""] for line in (
        "第1行为表头；表头可只写中文或英文部分。Row 1 holds the headers; the Chinese part, the English part "
        "or both are accepted (sheet names likewise).",
        "引用其他记录时填编号或名称（中文名、英文名或别名）。References take an id or a name (Chinese, English "
        "or alias) of a row in 组织 organisations / 人员 people.",
        "多个值用 ; 或 ； 或换行分隔（不要用顿号、）。Lists: separate items with ; or ； or line breaks (not 、).",
        "日期：2015、2015-06、2015-06-11，也可写 2015/6/11、2015年6月11日；末尾加 ? 表示推定，括号内可加说明。"
        "Dates: " + DATE_HELP + ".",
        "别名：名称 [简称|曾用名|英文名, 自 日期, 至 日期]。Aliases: name [short|former|english, from DATE, "
        "until DATE]; e.g. 中国社会工作协会 [former, until 2014-12?]",
        "未填来源的行以本名册为来源（roster-文件名）；有文献依据时请在 来源 sources 表登记并填写来源编号和引文。"
        "Rows without 来源 source cite the roster itself (source roster-<file name>); give a source id from "
        "来源 sources and a quote for documented facts.",
        "只要有一处错误就不会导入任何内容；错误信息注明表、行、列。Nothing is imported unless every row is "
        "correct; errors name the sheet, row and column.",
    )]
    return rows


def _fill(ws, spec: SheetSpec, rows: list[dict[str, str]]) -> None:
    ws.append([c.header for c in spec.columns])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font, cell.fill = bold, fill
        cell.comment = Comment(("必填 required. " if col.required else "") + col.help, "swgraph")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, min(40, len(col.header) * 2))
        if col.kind in ("date", "region") or col.key == "id":
            ws.column_dimensions[letter].number_format = "@"  # keep 2015-06 and 440000 as typed
        if col.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(c.value for c in col.choices) + '"',
                                allow_blank=True, errorStyle="warning",
                                error=f"Usually one of the listed values ({col.header}); Chinese labels also work.")
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}1048576")
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        ws.append([values.get(c.key, "") for c in spec.columns])  # already checked and protected
        for i, c in enumerate(spec.columns, start=1):
            cell = ws.cell(row=ws.max_row, column=i)
            if c.kind in ("date", "region") or c.key == "id":
                cell.number_format = "@"
            if "\n" in str(cell.value or ""):
                cell.alignment = wrap
    ws.freeze_panes = "A2"


def roster_rows(ds: Dataset) -> dict[str, list[dict[str, str]]]:
    """The template-layout rows of a dataset's organisations, people, posts, agreements, visits and sources.

    References are written as Chinese names where a name picks out one
    record, else as ids; a record's first citation goes in its row, the
    others in the ``citations`` sheet. Programmes, ties and statistics have
    no sheet and are left out.
    """
    index = NameIndex()
    for rec in [*ds.organisations, *ds.people]:
        index.add(rec.kind_group, rec.id, rec.all_names())
    names = {r.id: r.name_zh for r in [*ds.organisations, *ds.people]}

    def ref(rid: str, group: str) -> str:
        name = names.get(rid)
        if name and rid not in index.ids["organisation" if group == "person" else "person"]:
            try:
                if index.resolve(group, name) == rid:
                    return name
            except ValueError:
                pass
        return rid

    out: dict[str, list[dict[str, str]]] = {k: [] for k in SHEETS}
    for key in RECORD_SHEETS:
        spec = SHEETS[key]
        for rec in ds.records[spec.collection]:
            row: dict[str, str] = {"id": rec.id}
            for col in spec.columns:
                value = getattr(rec, col.model_field, None) if col.model_field in type(rec).model_fields else None
                if value is None or value == [] or col.key in ("id", "source", "quote", "about", "generator"):
                    continue
                if col.kind == "date":
                    row[col.key] = format_when(value)
                elif col.kind == "names":
                    row[col.key] = format_names(value)
                elif col.kind == "items":
                    row[col.key] = format_items(value)
                elif col.kind == "ref":
                    row[col.key] = ref(value, col.target)
                elif col.kind == "refs":
                    row[col.key] = "; ".join(ref(v, col.target) for v in value)
                elif col.kind == "text" and value == col.default:
                    continue  # e.g. country CN
                else:
                    row[col.key] = str(value)
            if rec.synthetic:
                row["generator"] = rec.generator or "unknown"
            for i, cit in enumerate(rec.sources):
                target = row if i == 0 else {"sheet": key, "record": rec.id}
                target.update({"source": cit.source, "quote": cit.quote, **({"about": cit.about} if cit.about else {})})
                if i:
                    out["citations"].append(target)
            out[key].append(row)
    for src in ds.sources.values():
        row = {k: (format_when(v) if isinstance(v, m.When) else str(v))
               for k, v in src.model_dump().items() if v is not None}
        row.update({"date": format_when(src.date)} if src.date else {})
        out["sources"].append(row)
    return out


def write_roster(path: str | Path, rows: dict[str, list[dict[str, str]]] | None = None, *, force: bool = False) -> Path:
    """Write a roster: an ``.xlsx`` workbook, or a folder of CSV files for any other name.

    ``rows`` maps sheet keys to rows (see :func:`roster_rows`); without it
    the roster is the empty template. The workbook gets a ``说明 README``
    sheet, header comments, text-formatted date and region columns and
    drop-down lists for enumerations. Cells that a spreadsheet would run as
    formulas are protected (see :func:`~swgraph.roster.cells.protect`).
    Written whole or not at all.

    Raises
    ------
    InputError
        When ``path`` exists and ``force`` is not set, or a cell is longer
        than a spreadsheet cell may be or holds a control character (nothing
        is written).
    """
    path = Path(path)
    if path.exists() and not force:
        raise InputError(f"{path}: already exists (use --force to replace it)")
    rows = safe_rows(path, rows or {})
    if path.suffix.lower() == ".xlsx":
        write_bytes(path, _workbook_bytes(rows))
        return path
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: exists and is not a folder (name an .xlsx file or a folder for CSV files)")
    with atomic_folder(path) as tmp:
        for spec in SHEETS.values():
            with open(tmp / f"{spec.key}.csv", "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow([c.header for c in spec.columns])
                for values in rows.get(spec.key, []):
                    w.writerow([values.get(c.key, "") for c in spec.columns])
        with open(tmp / "README.csv", "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(_readme_rows())
    return path


def safe_rows(path: Path, rows: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """``rows`` with every cell :func:`~swgraph.roster.cells.protect`\\ ed; refuses cells no spreadsheet holds."""
    out: dict[str, list[dict[str, str]]] = {}
    for key, sheet_rows in rows.items():
        spec = SHEETS[key]
        out[key] = []
        for rownum, values in enumerate(sheet_rows, start=2):
            for col_key, text in values.items():
                where = (f"{path}:{spec.title}", rownum, values.get("id") or values.get("record"),
                         spec.column(col_key).header if spec.has(col_key) else col_key)
                if excel_length(text) > MAX_CELL_CHARS:
                    raise InputError(str(Problem(*where, f"{excel_length(text):,} characters; a spreadsheet cell "
                                                 f"holds at most {MAX_CELL_CHARS:,}, so the roster would lose text")))
                if ILLEGAL_CHARACTERS_RE.search(text):
                    raise InputError(str(Problem(*where, "holds a control character, which a spreadsheet cell "
                                                 "cannot hold")))
            out[key].append({k: protect(v) for k, v in values.items()})
    return out


def _workbook_bytes(rows: dict[str, list[dict[str, str]]]) -> bytes:
    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = "说明 README"
    for r in _readme_rows():
        readme.append(r)
    for cell in readme[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (18, 26, 12, 90, 60)):
        readme.column_dimensions[letter].width = width
    for row in readme.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for spec in SHEETS.values():
        _fill(wb.create_sheet(spec.title), spec, rows.get(spec.key, []))
    wb.active = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_template(path: str | Path, *, force: bool = False) -> Path:
    """Write the empty bilingual roster template (``.xlsx``, or a CSV folder for other names)."""
    return write_roster(path, None, force=force)


def export_roster(ds: Dataset, path: str | Path, *, force: bool = False) -> Path:
    """Write ``ds``'s organisations, people, posts, agreements, visits and sources as a filled roster.

    Importing the result gives the same records for those collections.
    """
    return write_roster(path, roster_rows(ds), force=force)
