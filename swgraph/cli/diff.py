"""``swgraph diff``: what changed between two dates or two datasets."""

from __future__ import annotations

import json
import re

import click

from swgraph.application.diff import diff, diff_sections
from swgraph.application.report import md_text
from swgraph.application.tables import print_sections
from swgraph.cli.common import console, handle_errors
from swgraph.core.errors import InputError
from swgraph.records.dataset import load_dataset

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _side(spec: str | None, data_paths):
    """A date means the data as of that date; anything else is a dataset path; None the whole data."""
    if spec is None:
        return load_dataset(data_paths or None)
    if _DATE.match(spec):
        return load_dataset(data_paths or None).as_of(spec)
    return load_dataset([spec])


@click.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--data", "data_paths", multiple=True, type=click.Path(exists=True), metavar="PATH",
              help="The dataset dates refer to (default: the bundled seeds). Repeatable.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="Rows per list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@handle_errors
def diff_cmd(old, new, data_paths, top, fmt):
    """What changed from OLD to NEW: organisations, ties, coverage, rank movers, new agreements.

    OLD and NEW are each a date (YYYY[-MM[-DD]]: the data as it stood then)
    or a dataset folder or file. NEW defaults to the whole data.

    \b
    Example:
      swgraph diff 2015-06-10                 # the bundled seeds: 2015-06-10 -> now
      swgraph diff national-seed1/ national-seed2/ --format json
    """
    if old == new:
        raise InputError("OLD and NEW are the same; give two dates or two datasets")
    result = diff(_side(old, data_paths), _side(new, data_paths), top=top)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        for title, headers, rows in diff_sections(result, top=top):
            click.echo(f"## {md_text(title)}\n")
            click.echo("| " + " | ".join(md_text(h) for h in headers) + " |")
            click.echo("|" + "---|" * len(headers))
            for row in rows:
                click.echo("| " + " | ".join(md_text(c) for c in row) + " |")
            click.echo("")
    else:
        print_sections(diff_sections(result, top=top), console=console())
