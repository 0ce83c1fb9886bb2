import io
import json
import os
import re
import subprocess
import sys
import textwrap
import warnings

import pytest

from swgraph.application import charts
from swgraph.application.report import build_report
from swgraph.application.suite import analyze
from swgraph.maps import fonts
from swgraph.records.dataset import load_dataset

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
        import json, re
        print(json.dumps(sorted({m.group(1) for m in re.finditer(r'<path id="([A-Za-z][\\w.-]*)-[0-9a-f]+"', svg)})))
    """)
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    used = json.loads(run.stdout)  # the fonts whose glyph outlines the chart holds
    assert used and all("CJK" in f for f in used), used
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


def test_data_dollars_are_drawn_literally_not_as_mathtext(cjk_font):
    import matplotlib

    label = "民政部 $x^$ 与 $\\alpha$"
    with charts.chart_font(label, "标题 $y$") as font:
        fig = charts.bar_chart([label], [1], title="标题 $y$", font=font)
        buf = io.StringIO()
        with matplotlib.rc_context({"svg.fonttype": "none"}):  # text kept as text, so what is drawn can be read
            fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    assert "民政部 $x^$ 与 $\\alpha$" in svg and "标题 $y$" in svg  # literally, dollars and backslash included
    assert "α" not in svg


def test_informative_refuses_all_zero_and_missing_values():
    assert not charts.informative([0, 0, 0]) and not charts.informative([]) and not charts.informative([float("nan"), None])
    assert charts.informative([0, 0.001])


def test_a_brief_with_no_broker_says_so_instead_of_a_chart_of_zero_bars(cjk_font):
    ds = load_dataset().as_of("2010")  # 13 organisations, no tie yet: every betweenness is 0
    rep = build_report(ds, with_map=False)
    assert all((d["betweenness"] or 0) == 0 for d in analyze(ds)["nodes"].values())
    assert not {"brokers.svg", "ties.svg"} & set(rep.files)
    assert "No organisation brokers between others" in rep.html
    assert not re.search(r'<figure id="fig-(brokers|ties)"', rep.html)


def test_huge_names_give_small_charts_and_stay_whole_in_tables(cjk_font):
    ds = load_dataset()
    huge = "中国社会工作联合会 $x^$ " + "社" * 100_000
    ds.get("cfsw").name_zh = huge  # the top broker: its name is on the brokers chart
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rep = build_report(ds, with_map=False)
    svgs = {n: v for n, v in rep.files.items() if n.endswith(".svg")}
    assert svgs and all(len(v) < 200_000 for v in svgs.values()), {n: len(v) for n, v in svgs.items()}
    with charts.chart_font(huge, "民政部", "标题") as font:  # the huge name on a chart: ellipsised, so the chart stays small
        svg = charts.to_svg(charts.bar_chart([huge, "民政部"], [2, 1], title="标题", font=font))
    assert len(svg) < 200_000
    assert f"<td title=\"cfsw\">{huge} China Federation of Social Workers</td>" in rep.html  # whole in the tables
