"""``swgraph report``: the network health brief as HTML, Markdown, JSON and (``--pdf``) PDF."""

from __future__ import annotations

from pathlib import Path

import click

from swgraph.application.report import build_report, find_chromium, html_to_pdf
from swgraph.cli.common import date_or_dataset, errors_as_click
from swgraph.core.io import write_files
from swgraph.records.dataset import load_dataset


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("report"),
              show_default=True, help="Folder for report.html, report.md, report.json, charts and map.html.")
@click.option("--province", default=None, metavar="CODE", help="Only this province (GB/T 2260, e.g. 440000).")
@click.option("--compare", default=None, metavar="DATE|PATH",
              help="Say what changed since DATE (the same data as it stood then) or since another dataset at PATH.")
@click.option("--pdf", "pdf", is_flag=True, help="Also print report.pdf (A4) with headless Chromium.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 100))
def report_cmd(paths, out_dir, province, compare, pdf, top):
    """Write a network health brief: summary, data and limits, coverage, structure, hubs, brokerage,
    communities, tie quality, governance mode, change, suggested partnerships, glossary.

    Chinese first, English beside. The HTML page is self-contained and opens
    offline; every documented fact has a footnote with its source and quote;
    report.json holds every figure the brief prints.

    \b
    Example:
      swgraph report --out report/
      swgraph report --compare 2015-06-10 --pdf --out report/
      swgraph report national/ --province 440000 --out gd-report/
    """
    with errors_as_click():
        if pdf:
            find_chromium()  # say so before the work, not after
        ds = load_dataset(paths or None)
        old = date_or_dataset("--compare", compare, lambda: ds) if compare else None
        rep = build_report(ds, province=province, top=top, compare=old, compare_label=compare or "")
        files = {"report.html": rep.html, "report.md": rep.markdown, **rep.files}
        if pdf:
            files["report.pdf"] = html_to_pdf(rep.html)
        write_files(out_dir, files)
    click.echo(f"wrote report.html, report.md and {len(files) - 2} more file(s) to {out_dir}")
