"""``swgraph analyze``: centrality, brokerage, collaboration, coverage and recommendations."""

from __future__ import annotations

import json
from pathlib import Path

import click

from swgraph.cli.common import SwgraphClickError, console, errors_as_click

GRAPH_CHOICES = ["collaboration", "agreement", "visit", "meeting", "programme", "cooperation", "interlock"]


def load_for_analysis(paths, source: str, *, uri=None, user=None, database=None, dataset_id=None):
    """The dataset to analyse, from seed files or from Neo4j."""
    if source == "neo4j":
        from swgraph.neo4j.connection import Settings
        from swgraph.neo4j.reader import read_dataset as read_from_neo4j

        settings = Settings.resolve(uri=uri, username=user, database=database)
        return read_from_neo4j(settings, dataset_id)
    from swgraph.records.dataset import load_dataset

    return load_dataset(paths or None)


def write_outputs(out_dir: Path, files: dict[str, str | bytes]) -> None:
    """Write every file of the report, each atomically, only after all were built."""
    from swgraph.export import atomic_write

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        with atomic_write(out_dir / name, "wb" if isinstance(content, bytes) else "w") as fh:
            fh.write(content)


@click.command("analyze")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--from", "source", type=click.Choice(["files", "neo4j"]), default="files", show_default=True,
              help="Analyse seed files, or the dataset loaded in Neo4j.")
@click.option("--dataset", "dataset_id", default=None, help="With --from neo4j: which loaded dataset (default: the only one).")
@click.option("--uri", default=None, help="With --from neo4j: Bolt URI (default NEO4J_URI or the local dev server).")
@click.option("--user", default=None, help="With --from neo4j: user name (default NEO4J_USERNAME or neo4j).")
@click.option("--database", default=None, help="With --from neo4j: database (default NEO4J_DATABASE or the server default).")
@click.option("--graph", "graph_name", type=click.Choice(GRAPH_CHOICES), default="collaboration", show_default=True,
              help="Which ties: all collaboration ties, or one type only.")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Analyse the network as it stood on DATE (YYYY[-MM[-DD]]).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="Rows per table.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write analysis.json, report.md, nodes.csv and map.html into this folder.")
@click.option("--write-metrics", is_flag=True,
              help="With --from neo4j: store the metrics on the nodes (metric_degree, …) for Browser users.")
def analyze_cmd(paths, source, dataset_id, uri, user, database, graph_name, as_of, top, fmt, out_dir, write_metrics):
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
    """
    from swgraph.application.suite import analyze
    from swgraph.application.tables import print_tables, to_csv, to_markdown
    from swgraph.core.model import When

    with errors_as_click():
        if as_of:
            try:
                When.parse(as_of)
            except ValueError:
                raise SwgraphClickError(f"--as-of {as_of!r}: expected YYYY, YYYY-MM or YYYY-MM-DD", 2) from None
        if write_metrics and source != "neo4j":
            raise SwgraphClickError("--write-metrics needs --from neo4j", 2)
        ds = load_for_analysis(paths, source, uri=uri, user=user, database=database, dataset_id=dataset_id)
        tie_types = None if graph_name == "collaboration" else [graph_name]
        result = analyze(ds, top=top, as_of=as_of, source=source, tie_types=tie_types)
        if write_metrics:
            _write_metrics(result, uri=uri, user=user, database=database)
        if out_dir is not None:
            files = {
                "analysis.json": json.dumps(result, ensure_ascii=False, indent=1),
                "report.md": to_markdown(result, top=top),
                "nodes.csv": to_csv(result),
            }
            map_html = _map_html(ds, result, as_of)
            if map_html is not None:
                files["map.html"] = map_html
            write_outputs(out_dir, files)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        click.echo(to_csv(result), nl=False)
    elif fmt == "markdown":
        click.echo(to_markdown(result, top=top))
    else:
        print_tables(result, top=top, console=console())
    if out_dir is not None:
        click.echo(f"wrote {', '.join(sorted(files))} to {out_dir}", err=True)


def _write_metrics(result, *, uri, user, database) -> None:
    """Store each organisation's metrics on its node, so the Browser shows the CLI's numbers."""
    from swgraph.application.suite import NODE_METRICS
    from swgraph.neo4j.connection import Settings, connect
    from swgraph.neo4j.loader import write_metrics

    settings = Settings.resolve(uri=uri, username=user, database=database)
    metrics = {v: {m: d[m] for m in (*NODE_METRICS, "community")} for v, d in result["nodes"].items()}
    with connect(settings) as driver:
        n = write_metrics(driver, result["dataset"]["id"], metrics, database=settings.database)
    click.echo(f"wrote metric_* properties on {n} nodes of {result['dataset']['id']}", err=True)


def _map_html(ds, result, as_of):
    """The network map for the report, coloured by tier and sized by betweenness (None until maps exist)."""
    try:
        from swgraph.application.maps import seeds_map_html
    except ImportError:
        return None
    return seeds_map_html(ds, result, as_of=as_of)
