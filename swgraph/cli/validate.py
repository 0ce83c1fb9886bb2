"""``swgraph validate``: reads and checks records only (no graph libraries imported, so it starts fast)."""

from __future__ import annotations

import sys

import click

from swgraph.cli.common import FORMAT_TEXT_JSON, PATHS, dump_json, errors_as_click
from swgraph.records.dataset import check_dataset


@click.command("validate")
@PATHS
@click.option("--sources", "sources_dir", type=click.Path(file_okay=False, path_type=str),
              help="Folder of source texts; citation quotes are checked against them.")
@FORMAT_TEXT_JSON
def validate_cmd(paths, sources_dir, fmt):
    """Check seed files: schema, ids, references, regions, tiers, dates, sources.

    PATHS are YAML files or folders (default: the bundled seeds). Every
    problem is listed with file, line, record and field. Exit 0 when valid,
    2 when not.

    \b
    Example:
      swgraph validate --sources ../shared/sources
      swgraph validate my-roster/ --format json
    """
    with errors_as_click():
        ds, problems = check_dataset(paths or None, sources_dir=sources_dir)
    counts = ds.counts()
    if fmt == "json":
        dump_json({"ok": not problems, "counts": counts, "errors": [p.as_dict() for p in problems]})
    else:
        for p in problems:
            click.echo(str(p), err=True)
        summary = ", ".join(f"{n} {c}" for c, n in counts.items() if "." not in c and n)
        if problems:
            click.echo(f"invalid: {len(problems)} problem(s); read {summary}", err=True)
        else:
            checked = " (quotes checked against the sources)" if sources_dir else ""
            click.echo(f"ok: {summary}{checked}")
    if problems:
        sys.exit(2)
