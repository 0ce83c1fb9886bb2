"""``swgraph analyze``: centrality, brokerage, collaboration, coverage and recommendations."""

from __future__ import annotations

from pathlib import Path

import click

from swgraph.application.bundle import analysis_files
from swgraph.application.diff import diff, diff_sections
from swgraph.application.suite import NODE_METRICS, run_analysis
from swgraph.application.tables import markdown_sections, print_sections, print_tables, to_csv, to_markdown
from swgraph.cli.common import SwgraphClickError, check_date, console, date_or_dataset, errors_as_click
from swgraph.core.encode import json_text
from swgraph.core.io import write_files
from swgraph.graph import COLLABORATION_TYPES
from swgraph.neo4j.connection import Settings, connect
from swgraph.neo4j.loader import write_metrics
from swgraph.neo4j.reader import read_dataset as read_from_neo4j
from swgraph.records.dataset import load_dataset


def load_for_analysis(paths, source: str, *, uri=None, user=None, database=None, dataset_id=None):
    """The dataset to analyse, from seed files or from Neo4j."""
    if source == "neo4j":
        settings = Settings.resolve(uri=uri, username=user, database=database)
        return read_from_neo4j(settings, dataset_id)
    return load_dataset(paths or None)


@click.command("analyze")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--from", "source", type=click.Choice(["files", "neo4j"]), default="files", show_default=True,
              help="Analyse seed files, or the dataset loaded in Neo4j.")
@click.option("--dataset", "dataset_id", default=None, help="With --from neo4j: which loaded dataset (default: the only one).")
@click.option("--uri", default=None, help="With --from neo4j: Bolt URI (default NEO4J_URI or the local dev server).")
@click.option("--user", default=None, help="With --from neo4j: user name (default NEO4J_USERNAME or neo4j).")
@click.option("--database", default=None, help="With --from neo4j: database (default NEO4J_DATABASE or the server default).")
@click.option("--ties", "tie_type", type=click.Choice(COLLABORATION_TYPES), default=None,
              help="Only ties of this type in the collaboration graph (default: all).")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Analyse the network as it stood on DATE (YYYY[-MM[-DD]]).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="Rows per table.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write analysis.json, report.md, nodes.csv and map.html into this folder.")
@click.option("--compare", default=None, metavar="DATE|PATH",
              help="Also say what changed since DATE (the same data then) or since the dataset at PATH (swgraph diff).")
@click.option("--write-metrics", is_flag=True,
              help="With --from neo4j: store the metrics on the nodes (metric_degree, …) for Browser users.")
def analyze_cmd(paths, source, dataset_id, uri, user, database, tie_type, as_of, top, fmt, out_dir, compare,
                write_metrics):
    """Centrality, brokerage, collaboration, communities, coverage and recommendations.

    With no arguments it analyses the bundled seeds and prints readable
    tables (Chinese names with English). JSON carries every node's metrics
    keyed by id (see docs/analysis.schema.json).

    \b
    Example:
      swgraph analyze
      swgraph analyze --as-of 2015-06-10 --format json
      swgraph analyze national/ --top 20 --out out/
      swgraph analyze --from neo4j --write-metrics
      swgraph analyze --compare 2015-06-10        # and what changed since then
    """
    check_date("--as-of", as_of)
    if compare and fmt == "csv":
        raise SwgraphClickError("--compare needs --format table, json or markdown (CSV holds one row per node)", 2)
    if write_metrics and source != "neo4j":
        raise SwgraphClickError("--write-metrics needs --from neo4j", 2)
    with errors_as_click():
        ds = load_for_analysis(paths, source, uri=uri, user=user, database=database, dataset_id=dataset_id)
        analysis = run_analysis(ds, top=top, as_of=as_of, source=source, tie_types=[tie_type] if tie_type else None)
        result = analysis.result
        if write_metrics:
            _write_metrics(result, uri=uri, user=user, database=database)
        change = diff(date_or_dataset("--compare", compare, lambda: ds), analysis.dataset,
                      top=top) if compare else None
        if out_dir is not None:
            files = analysis_files(ds, result, top=top, as_of=as_of, analysis=analysis)
            if change is not None:
                files["diff.json"] = json_text(change)
            write_files(out_dir, files)
    if change is not None:
        result = {**result, "compare": {"since": compare, **change}}
    if fmt == "json":
        click.echo(json_text(result))
    elif fmt == "csv":
        click.echo(to_csv(result), nl=False)
    elif fmt == "markdown":
        click.echo(to_markdown(result, top=top))
        if change is not None:
            click.echo("\n".join(markdown_sections(diff_sections(change, top=top))))
    else:
        print_tables(result, top=top, console=console())
        if change is not None:
            print_sections(diff_sections(change, top=top), console=console())
    if out_dir is not None:
        click.echo(f"wrote {', '.join(sorted(files))} to {out_dir}", err=True)


def _write_metrics(result, *, uri, user, database) -> None:
    """Store each organisation's metrics on its node, so the Browser shows the CLI's numbers."""
    settings = Settings.resolve(uri=uri, username=user, database=database)
    metrics = {v: {m: d[m] for m in (*NODE_METRICS, "community")} for v, d in result["nodes"].items()}
    with connect(settings) as driver:
        n = write_metrics(driver, result["dataset"]["id"], metrics, database=settings.database)
    click.echo(f"wrote metric_* properties on {n} nodes of {result['dataset']['id']}", err=True)
