"""``swgraph diff``: what changed between two dates or two datasets."""

from __future__ import annotations

import functools
import json

import click

from swgraph.application.diff import diff, diff_sections
from swgraph.application.tables import markdown_sections, print_sections
from swgraph.cli.common import console, date_or_dataset, handle_errors
from swgraph.core.errors import InputError
from swgraph.records.dataset import load_dataset


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
    base = functools.cache(lambda: load_dataset(data_paths or None))  # read once, whichever sides need it
    result = diff(date_or_dataset("OLD", old, base), date_or_dataset("NEW", new, base), top=top)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo("\n".join(markdown_sections(diff_sections(result, top=top))))
    else:
        print_sections(diff_sections(result, top=top), console=console())
