"""``swgraph report --province 440000 --pdf``: the province's brief as written files, and an A4 PDF whose pages are not blank."""

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from swgraph.application import report as report_mod
from swgraph.cli.main import cli
from swgraph.core.errors import EnvironmentMissing

from ..browser import chromium_available, distinct_colours
from ..helpers import skip_or_fail


@pytest.fixture(scope="module")
def gd_pdf(tmp_path_factory):
    if chromium_available() is not None:
        skip_or_fail(chromium_available())
    if shutil.which("pdftoppm") is None:
        skip_or_fail("pdftoppm not found (apt install poppler-utils)")
    out = tmp_path_factory.mktemp("gd")
    res = CliRunner().invoke(cli, ["report", "--province", "440000", "--pdf", "--compare", "2015-06-10", "--out", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_province_markdown_has_national_figures_only_in_national_context(gd_pdf):
    md = (gd_pdf / "report.md").read_text(encoding="utf-8")
    national, rest = re.search(r"## 国家背景 National context\n(.*?)(?=\n## )", md, flags=re.S).group(1), md
    rest = md.replace(national, "")
    assert "1,200,000" in national and "108" in national
    assert "1,200,000" not in rest and not re.search(r"(?<![\d.,])108(?![\d,])", rest)
    assert "7 个没有" in rest and "7 without" in rest  # Guangdong's 7-prefecture gap, named


def test_compare_date_says_what_changed_since(gd_pdf):
    md = (gd_pdf / "report.md").read_text(encoding="utf-8")
    change = re.search(r"## 变化 Change since 2015-06-10\n(.*?)(?=\n## )", md, flags=re.S).group(1)
    assert "京粤社工战略合作协议" in change  # signed 2015-06-11, the day after


def test_compare_with_a_bad_date_is_exit_2_and_writes_nothing(tmp_path):
    res = CliRunner().invoke(cli, ["report", "--compare", "2015-13-40", "--out", str(tmp_path / "r")])
    assert res.exit_code == 2 and "--compare" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "r").exists()


def test_pdf_is_a4_and_no_page_is_blank(gd_pdf, tmp_path):
    pdf = gd_pdf / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(w), round(h)) == (595, 842)  # A4
    assert pages >= 3
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == pages
    for img in images:
        assert distinct_colours(img.read_bytes()) > 8, f"{img.name} looks blank"


def test_pdf_without_chromium_is_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.delenv("SWGRAPH_CHROMIUM", raising=False)
    monkeypatch.setattr(report_mod.shutil, "which", lambda name: None)
    with pytest.raises(EnvironmentMissing, match="--pdf needs Chromium"):
        report_mod.html_to_pdf("<p>x</p>")
    res = CliRunner().invoke(cli, ["report", "--pdf", "--out", str(tmp_path / "r")])
    assert res.exit_code != 0 and "--pdf needs Chromium" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "r").exists()  # nothing half-written
