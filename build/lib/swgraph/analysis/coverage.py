"""Coverage: which prefecture-level divisions have a (municipal) association.

Uses :mod:`swgraph.core.regions` (GB/T 2260). An organisation covers the
prefecture containing its ``region`` code (a county-level code counts for
its prefecture). Municipalities and SARs have no prefecture level, so their
``total`` is 0 and their ``share`` None.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("gz", kind="municipal_association", region="440100")
>>> G.add_node("th", kind="municipal_association", region="440106")  # a Guangzhou district
>>> c = prefecture_coverage(G, provinces=["440000"])["440000"]
>>> c.total, c.covered, round(c.share, 4)
(21, ['440100'], 0.0476)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from swgraph.core import regions

__all__ = ["ProvinceCoverage", "prefecture_coverage", "compare_documented"]


@dataclass
class ProvinceCoverage:
    province: str
    name: str
    total: int  # prefecture-level divisions
    covered: list  # codes with at least one matching organisation
    uncovered: list
    share: float | None  # len(covered) / total; None when total is 0
    organisations: dict = field(default_factory=dict)  # prefecture code -> sorted org ids

    def as_dict(self) -> dict:
        return asdict(self)


def prefecture_coverage(G, *, kind="municipal_association", provinces=None) -> dict:
    """Per province, prefecture-level divisions with and without an association.

    Parameters
    ----------
    G : graph following the contract (node ``kind`` and ``region``).
    kind : str or collection of str
        Organisation kind(s) that count (default ``municipal_association``).
    provinces : iterable of str, optional
        Province codes to report; default all of :func:`regions.provinces`
        (every province appears, including those with no organisation).

    Returns ``{province_code: ProvinceCoverage}`` in code order. Nodes whose
    region is empty, unknown or above prefecture level are ignored (they
    cannot be placed in a prefecture). Projection: any; edges are not used.
    """
    kinds = {kind} if isinstance(kind, str) else set(kind)
    found: dict[str, list] = {}
    for v, d in G.nodes(data=True):
        if d.get("kind") not in kinds:
            continue
        code = d.get("region") or ""
        pref = regions.prefecture_of(code) if regions.is_known(code) else None
        if pref:
            found.setdefault(pref, []).append(v)
    codes = list(provinces) if provinces is not None else regions.provinces()
    out = {}
    for p in sorted(codes):
        prefs = regions.prefectures(p)
        covered = [c for c in prefs if c in found]
        uncovered = [c for c in prefs if c not in found]
        out[p] = ProvinceCoverage(
            province=p,
            name=regions.name(p),
            total=len(prefs),
            covered=covered,
            uncovered=uncovered,
            share=len(covered) / len(prefs) if prefs else None,
            organisations={c: sorted(found[c], key=str) for c in covered},
        )
    return out


def compare_documented(coverage: dict, documented: dict) -> list[dict]:
    """Set found coverage beside documented statistics.

    Parameters
    ----------
    coverage : output of :func:`prefecture_coverage`.
    documented : ``{province_code: {"covered": int, "total": int (optional),
        "source": str (optional)}}`` or ``{province_code: (covered, total)}``.

    Returns one row per documented province: ``province``, ``name``,
    ``documented_covered``, ``documented_total``, ``found_covered``,
    ``found_total``, ``gap`` (documented - found; positive = the data misses
    associations the statistic reports), ``total_mismatch`` (the documented
    number of prefectures differs from GB/T 2260), ``source``.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("gz", kind="municipal_association", region="440100")
    >>> cov = prefecture_coverage(G, provinces=["440000"])
    >>> row = compare_documented(cov, {"440000": {"covered": 14, "total": 21, "source": "demo"}})[0]
    >>> row["found_covered"], row["documented_covered"], row["gap"], row["total_mismatch"]
    (1, 14, 13, False)
    """
    rows = []
    for p in sorted(documented):
        doc = documented[p]
        if isinstance(doc, dict):
            dc, dt, src = doc.get("covered"), doc.get("total"), doc.get("source", "")
        else:
            dc, dt = doc[0], (doc[1] if len(doc) > 1 else None)
            src = doc[2] if len(doc) > 2 else ""
        cov = coverage.get(p)
        if cov is None:
            cov = prefecture_coverage(_EMPTY, provinces=[p])[p]
        rows.append({
            "province": p,
            "name": cov.name,
            "documented_covered": dc,
            "documented_total": dt,
            "found_covered": len(cov.covered),
            "found_total": cov.total,
            "gap": None if dc is None else dc - len(cov.covered),
            "total_mismatch": dt is not None and dt != cov.total,
            "source": src,
        })
    return rows


class _Empty:
    def nodes(self, data=False):
        return []


_EMPTY = _Empty()
