"""User text encoded for where it goes: one function per destination, used by every output.

===========  =========================  ===========================================
destination  function                   what it does
===========  =========================  ===========================================
terminal     :func:`terminal_text`      control characters (ESC sequences, NUL) removed
Markdown     :func:`markdown_text`      HTML and Markdown syntax escaped, one line
CSV / XLSX   :func:`spreadsheet_text`   a leading ``= + - @``, tab or CR cannot start a formula
XML          :func:`xml_text`           characters XML 1.0 cannot hold replaced by U+FFFD
===========  =========================  ===========================================

HTML is encoded by the page builders themselves (``html.escape`` and
:mod:`swgraph.maps.escape` for script data); Cypher values travel only as
parameters.

>>> terminal_text("\\x1b]0;pwned\\x07[bold]民政部[/]")
']0;pwned[bold]民政部[/]'
>>> print(markdown_text("<img src=x onerror=alert(1)> | *a*"))
\\<img src=x onerror=alert(1)\\> \\| \\*a\\*
>>> spreadsheet_text("=1+1"), spreadsheet_text("'=1+1"), spreadsheet_text("it's")
("'=1+1", "''=1+1", "it's")
>>> [unspreadsheet_text(spreadsheet_text(t)) for t in ("-5", "'-5", "''x", "it's", "@a")]
['-5', "'-5", "''x", "it's", '@a']
>>> xml_text("a\\x00b\\ufffe")
('a\\ufffdb\\ufffd', 2)
"""

from __future__ import annotations

import re

from swgraph.core.names import CONTROL_CHARACTERS

# ---------------------------------------------------------------- terminal


def terminal_text(value) -> str:
    """``value`` as text for a terminal: control characters removed; shown verbatim (callers never read it as markup)."""
    return CONTROL_CHARACTERS.sub("", str(value))


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#!])")


def markdown_text(value) -> str:
    """Plain text for Markdown: HTML and Markdown syntax escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


# ---------------------------------------------------------------- spreadsheets (CSV, XLSX)

#: Excel's limit on the characters of one cell (counted in UTF-16 code units, as Excel does)
MAX_CELL_CHARS = 32_767
#: a cell starting with one of these is a formula (or DDE) in Excel, LibreOffice and Google Sheets
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_length(text: str) -> int:
    """The length of ``text`` as Excel counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def unspreadsheet_text(text: str) -> str:
    """The text :func:`spreadsheet_text` was given (its one added ``'`` taken off)."""
    if text[:1] == "'" and text[1:2] and text[1] in (*FORMULA_STARTS, "'"):
        return text[1:]
    return text


def spreadsheet_text(text: str) -> str:
    """A cell value no spreadsheet runs as a formula: ``'`` before ``= + - @``, tab or CR.

    A value that already starts with ``'`` and one of those (or a second
    ``'``) gets one more ``'``, so :func:`unspreadsheet_text` always gives the
    value back. Only text is protected: numbers in a CSV stay numbers.
    """
    if text.startswith(FORMULA_STARTS) or unspreadsheet_text(text) != text:
        return "'" + text
    return text


def spreadsheet_value(value):
    """:func:`spreadsheet_text` for text; any other value (numbers, booleans, None) unchanged."""
    return spreadsheet_text(value) if isinstance(value, str) else value


# ---------------------------------------------------------------- XML

#: characters XML 1.0 cannot hold: C0 controls but tab, LF, CR; lone surrogates; U+FFFE, U+FFFF
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_REPLACEMENT = "\ufffd"


def xml_text(text: str) -> tuple[str, int]:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD, and how many were replaced."""
    return XML_FORBIDDEN.subn(XML_REPLACEMENT, text)
