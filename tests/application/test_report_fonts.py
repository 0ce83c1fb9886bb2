"""The brief's text and charts cannot lose their glyphs: embedded font in the page, CJK glyph outlines in the charts."""

import re
import warnings

import pytest

from swgraph.application.report import build_report
from swgraph.maps import fonts
from swgraph.records.dataset import load_dataset

from ..browser import chromium_fixture
from ..helpers import skip_or_fail

browser = chromium_fixture("browser", scope="module")
TEXT_NODES = "h1, h2, th, td, p, li, caption, figcaption, span"
_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


@pytest.fixture(scope="module")
def brief():
    if fonts.find_font() is None:
        skip_or_fail("no CJK font on this machine (apt install fonts-noto-cjk)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph while plotting is an error, not a warning
        return build_report(load_dataset(), with_map=False)


def glyph_fonts(svg: str) -> set[str]:
    """The fonts whose glyph outlines an SVG chart (text drawn as paths) holds, from matplotlib's glyph ids."""
    return {m.group(1) for m in re.finditer(r'<path id="([A-Za-z][\w.-]*)-[0-9a-f]+"', svg)}


def test_every_chart_draws_its_text_with_the_cjk_font(brief):
    svgs = re.findall(r"<svg\b.*?</svg>", brief.html, flags=re.S)
    assert len(svgs) >= 2 and len(svgs) == len([n for n in brief.files if n.endswith(".svg")])
    for svg in svgs:
        assert "<text" not in svg  # no text left for a viewer to draw in a fallback font
        used = glyph_fonts(svg)
        assert used and all("CJK" in f for f in used), used  # never DejaVuSans (the empty-box fallback)


def test_page_embeds_a_font_with_every_character_it_shows(brief):
    assert re.search(r'@font-face \{ font-family: "%s".*?src: url\(data:font/' % fonts.FAMILY, brief.html)
    assert f'font-family:"{fonts.FAMILY}"' in brief.html


@pytest.mark.browser
def test_no_text_falls_back_to_a_font_without_the_glyph(browser, tmp_path, brief):
    page = browser.open_offline(brief.html, tmp_path, "report.html",
                                ready="return document.readyState === 'complete' && document.fonts.status === 'loaded'")
    cdp = page.driver.execute_cdp_cmd
    cdp("DOM.enable", {})
    cdp("CSS.enable", {})
    root = cdp("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp("DOM.querySelectorAll", {"nodeId": root, "selector": TEXT_NODES})["nodeIds"]
    checked = 0
    for node in nodes:
        used = cdp("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        if not used:
            continue
        outer = cdp("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
        fallback = [f["familyName"] for f in used if not f["isCustomFont"]]
        assert not fallback, f"{outer[:120]!r} drawn partly in {fallback}"
        checked += bool(_CJK.search(outer))
    assert checked > 30  # many Chinese text nodes, every one in the embedded font
