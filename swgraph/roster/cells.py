"""Cell syntax: dates, lists, aliases, work items, regions, choices, and spreadsheet-safe text.

>>> parse_when("2019-11-13? (year inferred)")
{'value': '2019-11-13', 'inferred': True, 'note': 'year inferred'}
>>> split_items("甲; 乙 [former, until 2014-12? (a; b)]；丙")
['甲', '乙 [former, until 2014-12? (a; b)]', '丙']
>>> protect("=1+1"), cell_text("'=1+1")
("'=1+1", '=1+1')
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.core.encode import spreadsheet_text, unspreadsheet_text
from swgraph.core.names import pinyin
from swgraph.roster.spec import NAME_TYPES, Column

_OPEN, _CLOSE = "([{（【《", ")]}）】》"
_DATE_FORMS = (
    re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$"),
    re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$"),
)
_WHEN = re.compile(r"^(?P<date>[^?？(（\s]+)\s*(?P<inferred>[?？])?\s*(?:[(（](?P<note>.*)[)）])?$", re.S)


#: characters :func:`escape_item` escapes: the escape itself, item separators and brackets
_ESCAPED = re.compile(r"([\\;；|\n" + re.escape(_OPEN + _CLOSE) + r"])")
_ESCAPE = re.compile(r"\\(.)", re.S)


def escape_item(text: str) -> str:
    r"""A name as one item of a list cell: ``\`` before separators and brackets, so it is read back whole.

    >>> escape_item("别名;甲 [x]"), unescape_item(escape_item("别名;甲 [x]"))
    ('别名\\;甲 \\[x\\]', '别名;甲 [x]')
    """
    return _ESCAPED.sub(r"\\\1", text)


def unescape_item(text: str) -> str:
    """The text :func:`escape_item` was given (a ``\\`` keeps the next character as it is)."""
    return _ESCAPE.sub(r"\1", text)


def split_items(text: str, seps: str = ";；\n") -> list[str]:
    r"""Split a cell at separators outside brackets; empty items are dropped.

    A character after ``\`` is never a separator or bracket; items keep
    their escapes (:func:`unescape_item` takes them off).

    >>> split_items("a|b (c|d)|e", "|"), split_items(r"a\;b;c")
    (['a', 'b (c|d)', 'e'], ['a\\;b', 'c'])
    """
    items, depth, cur, escaped = [], 0, "", False
    for ch in text:
        if escaped:
            cur += ch
            escaped = False
            continue
        if ch == "\\":
            cur += ch
            escaped = True
            continue
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    return [i.strip() for i in items if i.strip()]


def normalise_date(text: str) -> str:
    """ISO form of a date written ``2015/6/11``, ``2015.6`` or ``2015年6月11日`` (other text unchanged).

    >>> normalise_date("2015年6月"), normalise_date("2015/6/1"), normalise_date("June")
    ('2015-06', '2015-06-01', 'June')
    """
    for form in _DATE_FORMS:
        mt = form.match(text.strip())
        if mt:
            y, mo, d = mt.groups()
            return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if d else "")
    return text.strip()


def parse_when(text: str) -> str | dict:
    """A date cell as the YAML form :class:`~swgraph.core.model.When` reads (checked by the model).

    >>> parse_when("2015-04 (今年4月 in a 2015 report)")
    {'value': '2015-04', 'note': '今年4月 in a 2015 report'}
    >>> parse_when("2015")
    '2015'
    """
    mt = _WHEN.match(text.strip())
    if not mt:
        return text.strip()
    value = normalise_date(mt["date"])
    if not mt["inferred"] and mt["note"] is None:
        return value
    out: dict[str, Any] = {"value": value}
    if mt["inferred"]:
        out["inferred"] = True
    if mt["note"] is not None:
        out["note"] = mt["note"].strip()
    return out


def format_when(when: m.When | None) -> str:
    """The cell text of a date (inverse of :func:`parse_when`)."""
    if when is None:
        return ""
    return when.value + ("?" if when.inferred else "") + (f" ({when.note})" if when.note is not None else "")


_SPEC = re.compile(r"^(?P<name>.*?)\s*(?<!\\)[\[【](?P<spec>[^\[\]【】]*(?:\(.*\)|（.*）)?[^\[\]【】]*)(?<!\\)[\]】]$", re.S)


def parse_names(text: str) -> list[dict]:
    """An aliases cell as ``names`` entries; raises ValueError on an unknown qualifier.

    >>> parse_names("社工联; 中国社会工作协会 [former, until 2014-12?]")
    [{'name': '社工联', 'type': 'alias'}, {'name': '中国社会工作协会', 'type': 'former', 'valid_until': {'value': '2014-12', 'inferred': True}}]
    """
    out = []
    for item in split_items(text):
        entry: dict[str, Any] = {"name": unescape_item(item), "type": "alias"}
        mt = _SPEC.match(item)
        if mt:
            entry["name"] = unescape_item(mt["name"].strip())
            for part in split_items(mt["spec"], ",，;；"):
                word, _, rest = part.partition(" ")
                if part in NAME_TYPES:
                    entry["type"] = NAME_TYPES[part]
                elif word in ("from", "自", "始") and rest.strip():
                    entry["valid_from"] = parse_when(rest)
                elif word in ("until", "至", "止") and rest.strip():
                    entry["valid_until"] = parse_when(rest)
                else:
                    raise ValueError(f"{part!r} in {item!r}: expected a type (alias, short, former, english), "
                                     "'from DATE' or 'until DATE'")
        out.append(entry)
    return out


def format_names(names: list[m.OtherName]) -> str:
    """The cell text of an aliases list (inverse of :func:`parse_names`)."""
    cells = []
    for n in names:
        spec = [] if n.type == "alias" else [n.type]
        if n.valid_from is not None:
            spec.append(f"from {format_when(n.valid_from)}")
        if n.valid_until is not None:
            spec.append(f"until {format_when(n.valid_until)}")
        cells.append(escape_item(n.name) + (f" [{', '.join(spec)}]" if spec else ""))
    return "; ".join(cells)


def parse_items(text: str) -> list[dict]:
    """A work-items cell (``中文 | English | year`` per item) as ``WorkItem`` mappings.

    >>> parse_items("交流 | exchange | 2015\\n培训")
    [{'name_zh': '交流', 'name_en': 'exchange', 'year': '2015'}, {'name_zh': '培训'}]
    """
    out = []
    for item in split_items(text):
        parts = [unescape_item(p) for p in split_items(item, "|")]
        entry: dict[str, Any] = {"name_zh": parts[0]}
        for p in parts[1:]:
            if re.fullmatch(r"\d{4}", p) and "year" not in entry:
                entry["year"] = p
            elif "name_en" not in entry:
                entry["name_en"] = p
            else:
                raise ValueError(f"{item!r}: expected 中文 | English | year")
        out.append(entry)
    return out


def format_items(items: list[m.WorkItem]) -> str:
    """The cell text of work items (inverse of :func:`parse_items`), one per line."""
    lines = []
    for it in items:
        parts = [escape_item(it.name_zh)]
        if it.name_en is not None:
            parts.append(escape_item(it.name_en))
        if it.year is not None:
            parts.append(str(it.year))
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def slug(text: str, limit: int = 60) -> str:
    """An id fragment from the pinyin of ``text`` (``广东省`` → ``guang-dong-sheng``), cut at a word boundary."""
    s = re.sub(r"[^a-z0-9]+", "-", pinyin(text).lower()).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0] if "-" in s[:limit] else s[:limit]
    return s


def parse_region(text: str) -> str:
    """A region cell: a six-digit code, or a division name that is unique (``广东省`` → ``440000``).

    >>> parse_region("广东省"), parse_region("440100")
    ('440000', '440100')
    """
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return text
    codes = regions.codes_named(text)
    if len(codes) == 1:
        return codes[0]
    if codes:
        raise ValueError(f"{text!r} names several divisions ({', '.join(sorted(codes))}); give the six-digit code")
    raise ValueError(f"{text!r} is not a GB/T 2260 six-digit code or a known division name")


def parse_choice(col: Column, text: str) -> str:
    """A choice cell: the value, its Chinese label or its English label (any case)."""
    labels: dict[str, str] = {}
    for c in col.choices:
        labels[c.value.casefold()] = c.value
        labels[c.zh] = c.value
        labels[c.en.casefold()] = c.value
    got = labels.get(text.strip().casefold()) or labels.get(text.strip())
    if got is None:
        allowed = ", ".join(f"{c.value} ({c.zh})" for c in col.choices)
        raise ValueError(f"{text!r} is not allowed; choose one of: {allowed}")
    return got


# ---------------------------------------------------------------- spreadsheet-safe text

#: what the roster writes into a cell: no spreadsheet runs it as a formula (one place: swgraph.core.encode)
protect = spreadsheet_text


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: numbers without ``.0``, dates as ISO, line breaks as ``\\n``.

    A leading ``'`` that :func:`protect` added is removed.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return unspreadsheet_text(str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()
