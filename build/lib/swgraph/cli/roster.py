"""``swgraph template`` and ``swgraph import``: spreadsheet rosters in and out."""

from __future__ import annotations

import json
import sys

import click

from swgraph.cli.common import errors_as_click


@click.command("template")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--data", "paths", multiple=True, type=click.Path(path_type=str),
              help="Seed files or folders to fill the roster with (organisations, people, posts, agreements, "
                   "visits, sources). Repeatable. Without it the roster is empty.")
@click.option("--seeds", is_flag=True, help="Fill the roster with the bundled seeds (same as --data seeds/).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def template_cmd(file, paths, seeds, force):
    """Write a bilingual roster template (or export data as a filled roster).

    FILE ending in .xlsx is a workbook with sheets 组织 organisations, 人员
    people, 职务 posts, 协议 agreements, 访问 visits, 来源 sources, 引用
    citations and a 说明 README sheet explaining every column; any other
    name is a folder of CSV files (UTF-8 with BOM) of the same sheets.
    Headers are Chinese and English; drop-down lists offer the kinds.

    With --data or --seeds the roster holds those records, so that
    `swgraph import` gives them back unchanged (programmes, ties and
    statistics have no sheet and are left out).

    \b
    Example:
      swgraph template roster.xlsx
      swgraph template --seeds seeds-roster.xlsx
      swgraph template roster-csv/
    """
    from swgraph.roster import export_roster, write_template

    with errors_as_click():
        if paths or seeds:
            from swgraph.records.dataset import default_seeds_dir, load_dataset

            ds = load_dataset(list(paths) + ([str(default_seeds_dir())] if seeds else []))
            out = export_roster(ds, file, force=force)
            n = sum(len(ds.records[c]) for c in ("organisations", "people", "posts", "agreements", "events"))
            click.echo(f"wrote {out}: roster with {n} records and {len(ds.sources)} sources")
        else:
            out = write_template(file, force=force)
            click.echo(f"wrote {out}: empty roster template (see its 说明 README sheet)")


@click.command("import")
@click.argument("roster", type=click.Path(exists=True, path_type=str))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=str),
              help="Folder to write the seed YAML into (created; nothing is written when there are errors).")
@click.option("--base", "base", multiple=True, type=click.Path(exists=True, path_type=str),
              help="Seed files or folders the roster may refer to by id or name (e.g. seeds/). Repeatable. "
                   "Validated together with the roster; not copied.")
@click.option("--sources", "sources_dir", type=click.Path(file_okay=False, path_type=str),
              help="Folder of source texts; citation quotes are checked against them.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_cmd(roster, out_dir, base, sources_dir, force, fmt):
    """Turn a filled roster (.xlsx or a folder of CSV files) into seed YAML.

    Writes OUTPUT/<roster name>.yaml, which `swgraph validate OUTPUT`
    accepts (with --base: `swgraph validate BASE OUTPUT`). Every mistake is
    listed with its sheet, row and column, and nothing is written; the
    converted records must also pass the full validation. Exit 0 on
    success, 2 on errors.

    \b
    Example:
      swgraph import roster.xlsx -o data/roster
      swgraph import roster-csv/ -o data/roster --base seeds/
      swgraph validate seeds/ data/roster
    """
    from swgraph.core.errors import ValidationFailed
    from swgraph.roster import import_roster

    problems = []
    with errors_as_click():
        try:
            out_file, result = import_roster(roster, out_dir, base=base or None, sources_dir=sources_dir, force=force)
        except ValidationFailed as exc:
            problems = exc.problems
    if problems:
        if fmt == "json":
            click.echo(json.dumps({"ok": False, "output": None, "errors": [p.as_dict() for p in problems]},
                                  ensure_ascii=False, indent=2))
        else:
            for p in problems:
                click.echo(str(p), err=True)
            click.echo(f"invalid roster: {len(problems)} problem(s); nothing written", err=True)
        sys.exit(2)
    counts = result.counts()
    if fmt == "json":
        click.echo(json.dumps({"ok": True, "output": str(out_file), "counts": counts, "errors": []},
                              ensure_ascii=False, indent=2))
    else:
        summary = ", ".join(f"{n} {c}" for c, n in counts.items())
        click.echo(f"wrote {out_file}: {summary}")
