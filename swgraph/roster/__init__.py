"""Spreadsheet rosters: a bilingual template, import into seed YAML, export of a dataset.

Planners keep their rosters in spreadsheets. A roster is an ``.xlsx``
workbook, or a folder of ``.csv`` files (UTF-8, with or without BOM), with
one sheet per kind of record:

========================  =========================================
sheet                     records
========================  =========================================
``组织 organisations``      :class:`~swgraph.core.model.Organisation`
``人员 people``             :class:`~swgraph.core.model.Person`
``职务 posts``              :class:`~swgraph.core.model.Post`
``协议 agreements``         :class:`~swgraph.core.model.Agreement`
``访问 visits``             :class:`~swgraph.core.model.Event` (visits, meetings, signings …)
``来源 sources``            :class:`~swgraph.core.model.Source` (optional)
``引用 citations``          further citations of any row (optional)
``说明 README``             explanations; ignored on import
========================  =========================================

Sheet names and column headers are bilingual (``上级组织 parent``); either
part alone is accepted. The first row holds the headers, every later
non-empty row one record. A missing sheet is an empty one.

Cell conventions
----------------
* **References** (``parent``, ``person``, ``parties`` …) are ids or names:
  a Chinese or English name or an alias of a record in the roster (or in
  the ``base`` data). Lists are separated by ``;``, ``；`` or line breaks.
* **Dates** are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also ``2015/6/11``,
  ``2015年6月11日``); a trailing ``?`` marks an inferred date and a note may
  follow in parentheses: ``2019-11-13? (year inferred)``.
* **Aliases**: ``name [type, from DATE, until DATE]``, type one of alias,
  short, former, english (别名, 简称, 曾用名, 英文名).
* **Work items** (``scope``, ``first_year_items``): ``中文 | English | year``.
* **Ids** are optional: without one, a stable id is made from the pinyin of
  the name (``刘京`` → ``liu-jing``; posts ``post-<person>-<organisation>``).

Citations
---------
Every documented record needs a source. A row may cite a source of the
``sources`` sheet (or of the base data) in its ``来源 source`` / ``引文 quote``
/ ``所证字段 about`` columns, and add more in the ``citations`` sheet. A row
that cites nothing (and is not synthetic, i.e. has no ``generator``) cites
the roster itself: a source ``roster-<file stem>`` is added and the quote is
the row's name, so the provenance "typed into this roster" is kept honest
rather than invented.

Every mistake is reported as a :class:`~swgraph.core.errors.Problem` whose file is
``FILE:sheet``, whose line is the spreadsheet row and whose field is the
column header; nothing is written unless the whole roster converts and the
result validates. A hostile workbook (XML entities, a zip bomb, a false
sheet size, oversized cells) is refused with an
:class:`~swgraph.core.errors.InputError` (see :mod:`swgraph.roster.read`);
exported cells never run as formulas (see :func:`protect`).

The package's modules: :mod:`~swgraph.roster.spec` (the sheets and columns,
derived from the model), :mod:`~swgraph.roster.cells` (cell syntax),
:mod:`~swgraph.roster.read` (workbooks and CSV folders),
:mod:`~swgraph.roster.convert` (rows to records, ids, validation) and
:mod:`~swgraph.roster.write` (template and export).

>>> col = SHEETS["organisations"].column("parent")
>>> col.header
'上级组织 parent'
>>> parse_when("2019-11-13? (year inferred)")
{'value': '2019-11-13', 'inferred': True, 'note': 'year inferred'}
>>> split_items("甲; 乙 [former, until 2014-12? (a; b)]；丙")
['甲', '乙 [former, until 2014-12? (a; b)]', '丙']
"""

from __future__ import annotations

from swgraph.roster.cells import (
    cell_text,
    format_items,
    format_names,
    format_when,
    normalise_date,
    parse_items,
    parse_names,
    parse_region,
    parse_when,
    protect,
    slug,
    split_items,
)
from swgraph.roster.convert import RosterResult, convert_roster, import_roster, seed_yaml
from swgraph.roster.read import RawSheet, read_sheets
from swgraph.roster.spec import RECORD_SHEETS, SHEETS, Column, SheetSpec
from swgraph.roster.write import export_roster, roster_rows, write_roster, write_template

__all__ = [
    "SHEETS", "RECORD_SHEETS", "Column", "SheetSpec", "RawSheet", "RosterResult",
    "cell_text", "format_items", "format_names", "format_when", "normalise_date", "parse_items", "parse_names",
    "parse_region", "parse_when", "protect", "slug", "split_items",
    "read_sheets", "convert_roster", "import_roster", "seed_yaml",
    "roster_rows", "write_roster", "write_template", "export_roster",
]
