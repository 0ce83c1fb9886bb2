import json
import os
import subprocess
import sys
import textwrap

import pytest

from swgraph.application import charts
from swgraph.maps import fonts

from ..helpers import skip_or_fail


@pytest.fixture
def cjk_font():
    if fonts.find_font() is None:
        skip_or_fail("no CJK font on this machine (apt install fonts-noto-cjk)")


def test_chinese_labels_and_data_dollars_render_without_missing_glyphs(cjk_font, recwarn):
    names = ["中国社会工作联合会", "民政部 $x^$", "广东省社会工作师联合会"]
    with charts.chart_font(*names, "主要中介组织") as font:
        svg = charts.to_svg(charts.bar_chart(names, [3, 2, 1], title="主要中介组织", font=font))
    assert svg.startswith("<svg") and svg.count("<path") > 20
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


def test_a_font_cache_built_before_the_font_does_not_matter(cjk_font, tmp_path):
    """Build matplotlib's cache, drop every CJK font from it (as if installed later), then draw."""
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    (cache,) = tmp_path.glob("fontlist-*.json")
    data = json.loads(cache.read_text())
    data["ttflist"] = [f for f in data["ttflist"] if "CJK" not in f["name"] and "CJK" not in f["fname"]]
    cache.write_text(json.dumps(data))
    script = textwrap.dedent("""
        import warnings
        warnings.simplefilter("error")
        from swgraph.application import charts
        with charts.chart_font("中国社会工作联合会", "标题") as font:
            svg = charts.to_svg(charts.bar_chart(["中国社会工作联合会"], [1], title="标题", font=font))
        print(len(svg))
    """)
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    cached = json.loads(cache.read_text())
    assert not any("CJK" in f["name"] for f in cached["ttflist"]), "the test must run on a cache without the font"


def test_no_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "subset_font", lambda chars: None)
    with pytest.raises(Exception, match="CJK font"):
        with charts.chart_font("中文"):
            pass


def test_long_labels_are_ellipsised_and_dollars_escaped():
    assert charts.plain("a" * 100).endswith("…") and len(charts.plain("a" * 100)) == charts.MAX_LABEL
    assert charts.plain("$1$") == r"\$1\$"
