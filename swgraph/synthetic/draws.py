"""Months and random draws shared by every record family of the generator.

Months are whole numbers (``year * 12 + month - 1``) so windows and orders are
plain arithmetic; draws take an explicit ``random.Random`` stream, so the same
stream gives the same records.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from typing import Iterable

# ---------------------------------------------------------------- months


def month_index(value: str) -> int:
    """``YYYY-MM`` (or ``YYYY``, ``YYYY-MM-DD``) as a month number.

    >>> month_index("2015-06") - month_index("2014-12")
    6
    """
    return int(value[:4]) * 12 + (int(value[5:7]) - 1 if len(value) >= 7 else 0)


def month_text(index: int) -> str:
    """A month number as ``YYYY-MM``.

    >>> month_text(month_index("2010-01"))
    '2010-01'
    """
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def day_text(rng: random.Random, month: int) -> str:
    """A day (1-28) of ``month`` as ``YYYY-MM-DD``."""
    return f"{month_text(month)}-{rng.randint(1, 28):02d}"


# ---------------------------------------------------------------- draws


def late(rng: random.Random, lo: int, hi: int) -> int:
    """A month in [lo, hi], more likely late (the sector grew fast up to 2015)."""
    if hi <= lo:
        return lo
    return min(hi, lo + int((hi - lo + 1) * math.sqrt(rng.random())))


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson-distributed count with mean ``lam`` (Knuth's method; 0 for ``lam <= 0``)."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """``k`` items without replacement, chance by weight (exponential keys; order of ``items`` matters)."""
    if k <= 0:
        return []
    keys = sorted((-math.log(1.0 - rng.random()) / w, i) for i, w in enumerate(weights) if w > 0)
    return [items[i] for _, i in keys[:k]]


class Pool:
    """Weighted choice among ids, with cumulative weights precomputed."""

    __slots__ = ("ids", "cum")

    def __init__(self, ids: list[str], weights: Iterable[float]):
        self.ids = ids
        self.cum = list(itertools.accumulate(weights))

    def __bool__(self):
        return bool(self.ids)

    def pick(self, rng: random.Random) -> str:
        """One id, chance by weight."""
        return self.ids[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]
