"""Encoding user text for its place in the map page: ONE module does all of it.

* :func:`text` / :func:`texts` — any attribute as clean text (no lone surrogates, no NULs);
* :func:`html_text` — HTML element content or a quoted attribute (``/`` too, so no URL forms);
* :func:`attribute` — a whole document inside a quoted attribute (``<iframe srcdoc>``);
* :func:`script_json` — JSON inside ``<script type="application/json">``;
* :func:`inline_script` — script text (ours or vis-network's) inside an inline ``<script>``.

>>> html_text('<a href="x">https://e.org</a>')
'&lt;a href=&quot;x&quot;&gt;https:&#47;&#47;e.org&lt;&#47;a&gt;'
>>> script_json({"n": "</script><b>&", "u": "https://x"})
'{"n":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026","u":"https:\\\\/\\\\/x"}'
"""

from __future__ import annotations

import html
import json
import re


def text(value) -> str:
    """Any attribute as clean text (no lone surrogates, no NULs); None is ``""``."""
    if value is None:
        return ""
    s = value if isinstance(value, str) else str(value)
    if not s.isascii():  # ASCII has no surrogates (checked in constant time)
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: replaced
            s = s.encode("utf-8", "replace").decode("utf-8")
    return s.replace("\x00", "") if "\x00" in s else s


def texts(value) -> list[str]:
    """A string, a list of strings or None as a list of clean texts."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [text(value)]
    try:
        return [text(v) for v in value]
    except TypeError:
        return [text(value)]


def html_text(value) -> str:
    """Escape text for HTML element content or a quoted attribute (``/`` too, so no URL forms)."""
    return html.escape(text(value), quote=True).replace("/", "&#47;")


def attribute(document: str) -> str:
    """A whole HTML document as the value of a double-quoted attribute (``srcdoc``)."""
    return html.escape(document, quote=True)


def script_json(obj) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``< > & /``, no U+2028/2029."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        s.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("/", "\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def neutralise_urls(js: str) -> str:
    """Make ``scheme://`` spell ``scheme:\\/\\/`` (same value in JS strings, inert in comments)."""
    return re.sub(r"\b(https?|wss?|ftp):(//)", r"\1:\\/\\/", js)


def inline_script(js: str) -> str:
    """Script text that cannot end or confuse an inline ``<script>`` element."""
    low = js.lower()
    if "</script" in low or "<!--" in low or "<script" in low:
        js = re.sub(r"<(/?script|!--)", r"\\x3c\1", js, flags=re.IGNORECASE)
    return js
