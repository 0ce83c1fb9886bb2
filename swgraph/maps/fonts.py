"""A subset CJK font for the map page, cut from a font installed on this machine.

The page must be self-contained (every script, style *and font* inline), so at
render time :func:`subset_font_css` looks for a CJK sans font (``fc-match``,
then the usual font directories), keeps only the glyphs of the characters the
page shows (plus printable ASCII) with :mod:`fontTools.subset`, and returns an
``@font-face`` rule for the family :data:`FAMILY` with the font as a ``data:``
URL. No font found (or fontTools missing) → ``None``: the page falls back to
the viewer's system fonts (:data:`swgraph.maps.style.FONT_STACK`).

The output is deterministic: same font file + same characters → same bytes
(``head.modified`` is kept from the source font, never set to "now").

Cutting a CJK font takes about a second; the cut is kept in the ``fonts`` area of the
user's cache (:mod:`swgraph.core.usercache`) under a key made of the font file (path,
size, modification time, face), fontTools' version and the characters, so the next page
with the same characters reuses it (an entry whose checksum does not match is ignored).
Which face of a font file covers Chinese is remembered the same way.

Set ``SWGRAPH_MAP_FONT`` to a font file (``path`` or ``path#face-index``) to
choose the font, or to ``system`` to embed none.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import itertools
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import fontTools
from fontTools.ttLib import TTFont, TTLibError
from fontTools.ttLib.ttCollection import TTCollection

from swgraph.core import usercache

#: CSS family name of the embedded font (first in the page's font stack)
FAMILY = "swgraph-cjk"
_QUERY = "Noto Sans CJK SC:lang=zh-cn"
_PROBE = "中国社会工作"  # a usable font must map all of these
_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".local/share/fonts"),
         str(Path.home() / ".fonts"), "/Library/Fonts", "/System/Library/Fonts")
_GLOBS = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
          "SourceHanSans-Regular.ttc", "SourceHanSansSC-Regular.otf", "NotoSansCJK*.ttc",
          "NotoSansCJK*.otf", "SourceHanSans*.otf", "wqy-microhei.ttc", "wqy-zenhei.ttc")
_DROP = ["VORG", "vhea", "vmtx", "BASE", "JSTF"]  # horizontal text only


def _fc_match() -> list[tuple[str, int | None]]:
    exe = shutil.which("fc-match")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, "-f", "%{file}|%{index}", _QUERY], capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return []
    path, _, index = out.partition("|")
    return [(path, int(index) if index.isdigit() else None)] if path else []


def _scan() -> Iterator[tuple[str, int | None]]:
    for pattern in _GLOBS:
        for d in _DIRS:
            if os.path.isdir(d):
                yield from ((str(p), None) for p in sorted(Path(d).rglob(pattern)))


def _usable_cached(path: str, index: int | None):
    """:func:`_usable`, remembered in the user's cache per font file (path, size, modification time) and face."""
    entry = _entry(path, index, f"usable {_PROBE}")
    if entry is not None:
        blob = usercache.read(entry)
        if blob is not None:
            try:
                face = json.loads(blob)
                if face is None or isinstance(face, int) and not isinstance(face, bool):
                    return None if face is None else (path, None if face < 0 else face)
            except ValueError:
                pass  # a damaged entry: probe the font again
    hit = _usable(path, index)
    if entry is not None:
        usercache.write(entry, json.dumps(None if hit is None else (-1 if hit[1] is None else hit[1])).encode())
    return hit


def _usable(path: str, index: int | None):
    """(face bytes' path, face index) if ``path`` holds a face covering :data:`_PROBE`."""
    try:
        if path.lower().endswith((".ttc", ".otc")):
            with TTCollection(path, lazy=True) as collection:
                n = len(collection.fonts)
            faces = [index] if index is not None else list(range(n))
        else:
            faces = [None]
        best = None
        for i in faces:
            with TTFont(path, fontNumber=-1 if i is None else i, lazy=True) as font:
                cmap = font.getBestCmap() or {}
                family = font["name"].getDebugName(1) or ""
            if all(ord(c) in cmap for c in _PROBE):
                if best is None or "SC" in family.split():
                    best = (path, i)
                if "SC" in family.split():
                    break
        return best
    except (OSError, ValueError, KeyError, IndexError, AssertionError, TTLibError):  # not usable
        return None


@functools.cache
def find_font() -> tuple[str, int] | None:
    """(font file path, face index) of a CJK font on this machine, or None. Cached per process."""
    env = os.environ.get("SWGRAPH_MAP_FONT", "").strip()
    if env.lower() in ("system", "none", "0", "off"):
        return None
    if env:
        path, _, idx = env.partition("#")
        candidates = [(path, int(idx) if idx.isdigit() else None)]
    else:
        candidates = itertools.chain(_fc_match(), _scan())  # the scan only when fc-match finds nothing usable
    seen = set()
    for path, index in candidates:
        if (path, index) in seen or not os.path.isfile(path):
            continue
        seen.add((path, index))
        hit = _usable_cached(path, index)
        if hit:
            return hit[0], (-1 if hit[1] is None else hit[1])
    return None


_ENTRY = b"swgraph-font-subset 1 "  # an entry: this, the SHA-256 of the font bytes, a newline, the font


@functools.lru_cache(maxsize=32)
def subset_font(chars: str) -> bytes | None:
    """The CJK font cut down to ``chars`` (OpenType/TrueType bytes), or None when this machine has none."""
    found = find_font()
    if found is None:
        return None
    path, index = found
    entry = _entry(path, index, f"cut {chars}")
    blob = usercache.read(entry) if entry else None
    if blob:
        head, _, data = blob.partition(b"\n")
        if head == _ENTRY + hashlib.sha256(data).hexdigest().encode():
            return data
    data = _cut(path, index, chars)
    if entry:
        usercache.write(entry, _ENTRY + hashlib.sha256(data).hexdigest().encode() + b"\n", data)
    return data


def _entry(path: str, index: int | None, what: str) -> Path | None:
    """Where ``what`` of this font file (path, size, modification time) and face is cached (None: cache off)."""
    folder = usercache.folder("fonts")
    try:
        st = os.stat(path)
    except OSError:
        return None
    if folder is None:
        return None
    key = hashlib.sha256(f"{fontTools.version}|{_DROP}|{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}|"
                         f"{index}\0{what}".encode()).hexdigest()
    return folder / key[:2] / key


def _cut(path: str, index: int, chars: str) -> bytes:
    from fontTools import subset  # noqa: PLC0415 - 0.07 s to import (measured, -X importtime); a cached cut needs none

    font = TTFont(io.BytesIO(Path(path).read_bytes()), fontNumber=index, lazy=True, recalcTimestamp=False,
                  recalcBBoxes=True)
    opts = subset.Options()
    opts.recalc_timestamp = False
    opts.drop_tables = list(opts.drop_tables) + _DROP
    opts.flavor = None
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def page_chars(*texts: str) -> str:
    """The sorted, distinct characters of ``texts`` plus printable ASCII (no controls/surrogates)."""
    chars = {chr(i) for i in range(0x20, 0x7F)}
    for t in texts:
        chars.update(t)
    return "".join(sorted(c for c in chars if ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF
                          and c not in "\x7f"))


def subset_font_css(*texts: str) -> str | None:
    """An ``@font-face`` rule embedding the subset font for ``texts``, or None (no font here)."""
    blob = subset_font(page_chars(*texts))
    if blob is None:
        return None
    kind = "otf" if blob[:4] == b"OTTO" else "ttf"
    fmt = "opentype" if kind == "otf" else "truetype"
    b64 = base64.b64encode(blob).decode("ascii")
    return (f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; '
            f'font-display: block; src: url(data:font/{kind};base64,{b64}) format("{fmt}"); }}\n')

