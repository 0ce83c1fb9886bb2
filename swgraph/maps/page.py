"""Filling the hardened page template (``assets/template.html``) once.

The template has ``<!--SWG:NAME-->`` markers; :func:`page_html` replaces them
all in one pass (a replacement is never scanned again, so data cannot inject a
marker). Every piece of user text is encoded by :mod:`swgraph.maps.escape`; the
Content-Security-Policy allows only the two inline scripts, by SHA-256 hash.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re

from swgraph.core.errors import InputError
from swgraph.core.model import When
from swgraph.maps import assets, fonts, pack, style
from swgraph.maps.escape import html_text, script_json, text, texts
from swgraph.maps.visdata import facets, main_component

_MARKER = re.compile(r"<!--SWG:([A-Z]+)-->")


#: above this many bytes of JSON the page embeds its data gzip-compressed (base64), decoded by the
#: browser's own DecompressionStream; smaller maps stay plain JSON, readable in the file
COMPRESS_ABOVE = 256 * 1024


def embed(data: dict) -> str:
    """The data block: JSON, or ``{"z": base64(gzip(JSON))}`` for big maps (byte-identical for equal data)."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    if len(raw) <= COMPRESS_ABOVE:
        return script_json(data)
    packed = gzip.compress(raw, compresslevel=6, mtime=0)
    return script_json({"z": base64.b64encode(packed).decode("ascii")})


def read_data(page: str) -> dict:
    """The data a page embeds (plain or compressed), as :func:`page_html` wrote it."""
    (blob,) = re.findall(r'<script type="application/json" id="swgraph-data">(.*?)</script>', page, re.S)
    data = json.loads(blob)
    if set(data) == {"z"}:
        data = json.loads(gzip.decompress(base64.b64decode(data["z"])).decode("utf-8"))
    return data


def csp(*scripts: str) -> str:
    """A Content-Security-Policy that runs exactly ``scripts`` and loads nothing from outside."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _date_text(value) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, checked (the page compares dates as text)."""
    out = text(value)
    try:
        When.parse(out)
    except ValueError:
        raise InputError(f"new_since {out!r}: expected YYYY, YYYY-MM or YYYY-MM-DD") from None
    return out


def _people(people, net) -> dict:
    """People as columns; ``o`` lists [node index, role] of their posts on the map."""
    index = {n["d"]["key"]: n["id"] for n in net.nodes}
    P = {k: [] for k in ("key", "zh", "en", "py", "al", "o", "sk")}
    for p in people or []:
        posts = [[index[text(o)], text(role)] for o, role in p.get("posts", []) if text(o) in index]
        if not posts:
            continue
        d = {"key": text(p.get("key")), "zh": text(p.get("zh")), "en": text(p.get("en")),
             "py": text(p.get("py")), "al": texts(p.get("al"))}
        for k in ("key", "zh", "en", "py"):
            P[k].append(d[k])
        P["al"].append(d["al"] or 0)
        P["o"].append(posts)
        P["sk"].append(pack.extra_keys(d) or 0)
    return P


def page_html(net, legend: dict, *, title: str, data_date: str, note: str, focus_id: int | None,
              groups: list | None = None, records=None, dates=None, people=None,
              new_since: str | None = None) -> str:
    """Fill the hardened template with the network's data (all text escaped).

    ``new_since`` (``YYYY[-MM[-DD]]``): the page opens highlighting what is new after that date
    (data field ``newSince``, absent when not given, so other pages stay byte-identical).
    """
    data = {
        **pack.pack(net, groups=groups, records=records, dates=dates),
        "P": _people(people, net),
        "options": net.options,
        "legend": legend,
        "facets": facets(net),
        "focus": focus_id,
        "fit": main_component(net),
        "title": text(title),
    }
    if new_since:
        data["newSince"] = _date_text(new_since)
    vis = assets.vis_js()
    app = assets.app_js()
    date = f"data: {data_date}" if data_date else "data date not given"
    # a subset of a CJK font found on this machine, cut to the characters the page shows
    font_css = assets.font_css(json.dumps(data, ensure_ascii=False, separators=(",", ":")), text(title), text(note), date)
    stack = style.FONT_STACK
    if font_css is not None:
        stack = f'"{fonts.FAMILY}", {stack}'
        options = dict(net.options)
        options["nodes"] = {**options["nodes"], "font": {**options["nodes"]["font"], "face": stack}}
        data["options"] = options
    data["font"] = fonts.FAMILY if font_css is not None else None
    parts = {
        "CSP": html_text(csp(vis, app)),
        "FONT": "embedded" if font_css is not None else "system",
        "TITLE": html_text(title),
        "DATE": html_text(date),
        "NOTE": html_text(note),
        "CSS": (font_css or "") + assets.asset("map.css").replace("/*FONT_STACK*/", stack),
        "DATA": embed(data),
        "VIS": vis,
        "APP": app,
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], assets.asset("template.html"))
