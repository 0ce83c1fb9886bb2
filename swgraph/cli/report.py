"""``swgraph report``: the network health brief as HTML and Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from swgraph.application.report import build_report
from swgraph.cli.common import errors_as_click
from swgraph.core.io import write_files
from swgraph.records.dataset import load_dataset


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("report"),
              show_default=True, help="Folder for report.html, report.md, plots and map.html.")
@click.option("--province", default=None, metavar="CODE", help="Only this province (GB/T 2260, e.g. 440000).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 100))
def report_cmd(paths, out_dir, province, top):
    """Write a network health brief: key figures, hubs, gaps, coverage, recommendations, plots, map.

    The HTML page is self-contained and opens offline; every documented
    fact has a footnote with its source and quote.

    \b
    Example:
      swgraph report --out report/
      swgraph report national/ --province 440000 --out gd-report/
    """
    with errors_as_click():
        ds = load_dataset(paths or None)
        rep = build_report(ds, province=province, top=top)
        write_files(out_dir, {"report.html": rep.html, "report.md": rep.markdown, **rep.files})
    click.echo(f"wrote report.html, report.md and {len(rep.files)} more file(s) to {out_dir}")
