"""Charts for the brief: matplotlib ``Figure`` objects drawn with the maps' CJK font.

The font is the one the maps embed (:func:`swgraph.maps.fonts.subset_font`):
a subset holding just the characters of the chart, written to a temporary
file and given to every text element by file path. No font-name lookup, so a
font cache built before the CJK font was installed cannot turn Chinese into
empty boxes. No backend is forced (``Figure`` objects need none), so notebooks
show the same figures inline. Data text is drawn as plain text, never as
mathtext (``$x^$`` stays ``$x^$``).

>>> print(plain("a $x^$ b"))
a \\$x^\\$ b
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import tempfile
from typing import Iterator, Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator

from swgraph.core.errors import EnvironmentMissing
from swgraph.maps import fonts

#: the longest label a chart draws (longer names are ellipsised; the tables hold them whole)
MAX_LABEL = 40


def plain(text: str) -> str:
    """``text`` for a matplotlib text element: one line, ``$`` escaped (no mathtext), long text ellipsised."""
    text = " ".join(str(text).split())  # line and paragraph separators too: no font draws them
    if len(text) > MAX_LABEL:
        text = text[: MAX_LABEL - 1] + "…"
    return text.replace("$", r"\$")


def informative(values: Sequence[float]) -> bool:
    """Whether bars of ``values`` would show anything: at least one finite value other than 0.

    >>> informative([0, 0.0]), informative([0, 2])
    (False, True)
    """
    return any(v is not None and math.isfinite(v) and v != 0 for v in values)


@contextlib.contextmanager
def chart_font(*texts: str) -> Iterator[FontProperties]:
    """Font properties of a subset CJK font covering ``texts``, by file path.

    Raises :class:`~swgraph.core.errors.EnvironmentMissing` when this machine
    has no CJK font (install ``fonts-noto-cjk``).
    """
    # the subset holds what is drawn: the texts as :func:`plain` shortens them, and the ellipsis it adds
    blob = fonts.subset_font(fonts.page_chars(*(plain(t) for t in texts), "…"))
    if blob is None:
        raise EnvironmentMissing("charts need a CJK font (e.g. apt install fonts-noto-cjk); none was found")
    suffix = ".otf" if blob[:4] == b"OTTO" else ".ttf"
    fd, path = tempfile.mkstemp(prefix="swgraph-chart-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        yield FontProperties(fname=path)
    finally:
        os.unlink(path)


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, xlabel: str = "",
              color: str = "#2980b9", xlim: tuple[float, float] | None = None,
              font: FontProperties | None = None, counts: bool = False) -> Figure:
    """A horizontal bar chart, first label on top, every text in ``font``; ``counts``: whole-number ticks only."""
    labels = [plain(x) for x in labels]
    fig = Figure(figsize=(7, 0.45 * len(labels) + 1.2))
    ax = fig.add_subplot()
    ax.barh(labels[::-1], list(values)[::-1], color=color)
    if xlim:
        ax.set_xlim(*xlim)
    if counts:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(plain(title), fontproperties=font)
    ax.set_xlabel(plain(xlabel), fontproperties=font)
    for tick in [*ax.get_yticklabels(), *ax.get_xticklabels()]:
        tick.set_fontproperties(font)
    fig.tight_layout()
    return fig


def to_svg(fig: Figure) -> str:
    """The figure as an ``<svg>`` element, text drawn as paths, deterministic (no date, fixed ids)."""
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "swgraph", "axes.unicode_minus": False}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "swgraph"})
    text = buf.getvalue()
    return text[text.index("<svg"):]

