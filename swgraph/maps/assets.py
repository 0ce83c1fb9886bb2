"""The page's inline assets: vis-network (from pyvis's bundle), ``assets/`` files, the font.

Everything the page runs or shows is inlined, so these are plain strings:
:func:`vis_js` (vis-network's standalone script, made safe to inline),
:func:`asset` (``map.css``, ``map.js``, ``template.html`` shipped beside this
module) and :func:`font_css` (a subset CJK font, see :mod:`swgraph.maps.fonts`).
"""

from __future__ import annotations

import functools
import importlib.util
from importlib import resources
from pathlib import Path

from swgraph.core.errors import EnvironmentMissing
from swgraph.maps import fonts
from swgraph.maps.escape import inline_script, neutralise_urls

#: the vis-network build shipped inside pyvis
VIS_VERSION = "vis-9.1.2"


@functools.cache
def vis_js() -> str:
    """vis-network's standalone bundle from the installed pyvis package, made safe to inline."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise EnvironmentMissing("pyvis is not installed; it ships the vis-network script maps need")
    path = Path(next(iter(spec.submodule_search_locations))) / "lib" / VIS_VERSION / "vis-network.min.js"
    try:
        js = path.read_text("utf-8")
    except OSError as exc:
        raise EnvironmentMissing(f"vis-network bundle missing from pyvis ({path}): {exc}") from exc
    return inline_script(neutralise_urls(js))


@functools.cache
def asset(name: str) -> str:
    """The text of ``swgraph/maps/assets/<name>``."""
    return resources.files("swgraph.maps").joinpath("assets", name).read_text("utf-8")


def app_js() -> str:
    """The page script, safe to inline: ``assets/cartogram.js`` (a plugin registering itself in
    ``window.swgraphPlugins``) then ``assets/map.js``, in one script (one CSP hash)."""
    return inline_script(asset("cartogram.js") + "\n" + asset("map.js"))


def font_css(*texts: str) -> str | None:
    """``@font-face`` of a CJK font cut to the characters of ``texts`` and of the page's own
    assets, or None when this machine has no such font."""
    return fonts.subset_font_css(*texts, asset("template.html"), asset("cartogram.js"), asset("map.js"))
