"""``swgraph load``, ``swgraph query`` and ``swgraph neo4j guide``: the network in Neo4j.

Cheap to import: the ``neo4j`` driver is imported only when a command connects.
"""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from swgraph.cli.common import console, handle_errors
from swgraph.core.bundled import bundled
from swgraph.neo4j import loader, lock, queries
from swgraph.neo4j.connection import Settings, connect
from swgraph.neo4j.guide import make_server
from swgraph.neo4j.reader import resolve_dataset_id
from swgraph.records.dataset import load_dataset

CONNECTION_HELP = {
    "uri": "Bolt URI [default: NEO4J_URI, else the local dev server].",
    "user": "User name [default: NEO4J_USERNAME, else neo4j]. The password comes from NEO4J_PASSWORD or the dev server.",
    "database": "Database [default: NEO4J_DATABASE, else the server's default].",
}


def _settings(uri, user, database):

    return Settings.resolve(uri=uri, username=user, database=database)


def _connection_options(func):
    func = click.option("--database", default=None, help=CONNECTION_HELP["database"])(func)
    func = click.option("--user", default=None, help=CONNECTION_HELP["user"])(func)
    func = click.option("--uri", default=None, help=CONNECTION_HELP["uri"])(func)
    return func


# ----------------------------------------------------------------------------- load


@click.command("load")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@_connection_options
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Rows per UNWIND batch (one transaction each).")
@click.option("--replace", is_flag=True,
              help="First delete what swgraph loaded earlier for this dataset (never other data).")
@click.option("--sources", "sources_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Also check citation quotes against the source texts in this folder before loading.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--break-lock", is_flag=True,
              help="First clear this dataset's load lock, left by a load that died on another machine "
                   "(only when no load of it runs).")
@handle_errors
def load_cmd(paths, uri, user, database, batch_size, replace, sources_dir, fmt, quiet, break_lock):
    """Load the network into Neo4j: idempotent, batched, only swgraph's own nodes touched.

    PATHS are seed files or folders (default: the bundled seeds). The dataset
    is validated first; nothing is written if it has problems. Every record
    and source becomes a node labelled by its kind (and :SwgraphNode,
    :Organisation / :Person / :Record), every reference a typed relationship,
    every citation a CITES relationship with its quote.

    Loading the same data again changes nothing; after an interrupted load,
    running it again gives the same graph as an uninterrupted load. Records
    removed from the files are removed from Neo4j too (only for this dataset).

    One load per dataset at a time: a second load of the same dataset is
    refused (naming the running one) until the first ends. The lock of a load
    that died on this machine is taken over by the next load; one left from
    another machine is cleared with --break-lock.

    \b
    Example:
      swgraph neo4j start && swgraph load
      swgraph load seeds/ --batch-size 5000 --replace
      NEO4J_URI=bolt://db:7687 NEO4J_PASSWORD=... swgraph load out/synthetic/ --format json
    """

    ds = load_dataset(paths or None, sources_dir=sources_dir)
    settings = _settings(uri, user, database)
    show_bar = not quiet and fmt == "text" and sys.stderr.isatty()
    with connect(settings) as driver:
        if break_lock:
            cleared = lock.break_lock(driver, ds.info.id, database=settings.database)
            click.echo(f"Cleared the load lock of {ds.info.id!r}, held by {lock.describe(cleared)}." if cleared
                       else f"No load lock on {ds.info.id!r} to clear.", err=True)
        if show_bar:

            with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("rows"), TimeElapsedColumn(), console=Console(stderr=True),
                          transient=True) as bar:
                task = bar.add_task(f"Loading {ds.info.id}", total=None)

                def progress(phase, done, total):
                    bar.update(task, completed=done, total=total, description=f"Loading {ds.info.id}: {phase}")

                report = loader.load(driver, ds, database=settings.database, batch_size=batch_size,
                                     replace=replace, progress=progress)
        else:
            report = loader.load(driver, ds, database=settings.database, batch_size=batch_size, replace=replace)
    if fmt == "json":
        click.echo(json.dumps({**report.as_dict(), "neo4j": settings.describe()}, indent=2))
        return
    click.echo(f"Loaded dataset {report.dataset} into {settings.describe()}: {report.nodes} nodes, "
               f"{report.relationships} relationships in {report.batches} batches, "
               f"{report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s).")
    if report.skipped:
        click.echo(f"  {report.skipped:,} rows were already loaded unchanged (same load_hash) and were not sent.")
    if report.replaced_nodes:
        click.echo(f"  --replace removed {report.replaced_nodes} nodes loaded earlier.")
    if report.deleted_nodes or report.deleted_relationships:
        click.echo(f"  Removed {report.deleted_nodes} nodes and {report.deleted_relationships} relationships "
                   "no longer in the files.")
    click.echo("  Explore: swgraph query --list, or Neo4j Browser with the guide: swgraph neo4j start (open its URL)")


# ----------------------------------------------------------------------------- query


def _parse_params(items) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


@click.command("query")
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable); typed as the query declares.")
@click.option("--dataset", default=None, help="Dataset id for $dataset [default: the only dataset loaded].")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow a query that writes (otherwise only reads run).")
@click.option("--list", "list_", is_flag=True, help="List the query library and exit.")
@_connection_options
@handle_errors
def query_cmd(name, params, dataset, fmt, write, list_, uri, user, database):
    """Run a query from the Cypher library (cypher/queries/) or a .cypher file.

    NAME is a library query (see --list) or the path of a .cypher file. Only
    read-only queries run unless --write is given: the server's EXPLAIN says
    what the query does, and reads run in a READ transaction.

    Parameters that name an organisation, person or record (such as from, to,
    org, subject) take what swgraph show takes: an id, a Chinese or English
    name, an alias, a former name or pinyin, looked up in the loaded graph. A
    name that fits several lists them; one that fits none is an error.

    \b
    Example:
      swgraph query --list
      swgraph query hub-organisations --param limit=5
      swgraph query agreements --format json
      swgraph query shortest-path -p from=hk-swd -p to=gd-swa
      swgraph query shortest-path -p from=哥伦比亚大学 -p to=广东省社工师联合会
      swgraph query my-query.cypher --format csv > out.csv
    """
    if list_ or not name:
        lib = queries.library()
        if fmt == "json":
            click.echo(queries.catalogue_json(lib))
            return
        for q in lib.values():
            ps = " ".join(f"{p.name}=" + ("…" if p.required else str(p.default)) for p in q.params
                          if p.name != "dataset")
            click.echo(f"{q.name:32} {q.title}" + (f"  [{ps}]" if ps else ""))
        if not name and not list_:
            click.echo("\nRun one: swgraph query NAME [--param k=v ...]", err=True)
        return


    query = queries.get_query(name)
    given = query.convert(_parse_params(params))
    if dataset:
        given["dataset"] = dataset
    settings = _settings(uri, user, database)
    with connect(settings) as driver:
        if "dataset" in query.used_parameters() and given.get("dataset") is None:
            given["dataset"] = resolve_dataset_id(driver, None, settings.database)
        result = queries.run_query(driver, query, given, database=settings.database, write=write)
    if fmt == "json":
        click.echo(queries.to_json(result))
    elif fmt == "csv":
        click.echo(queries.to_csv(result), nl=False)
    else:
        out = console()
        out.print(queries.to_table(result, title=query.title))
        out.print(f"{len(result.rows)} row(s)", style="dim")


# ----------------------------------------------------------------------------- guide


GUIDE_DIR = bundled("cypher")


@click.command("guide")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@handle_errors
def guide_cmd(port, host):
    """Serve the Neo4j Browser guide and style (cypher/) with CORS, until Ctrl-C.

    Then, in Neo4j Browser (swgraph neo4j status shows its URL), run the
    printed :play command (or :guide with the same URL, for the sidebar);
    its last slide opens the whole query library (/guide/library.html). The Browser fetches guides only from hosts in
    browser.remote_content_hostname_allowlist, which includes localhost by
    default, so use localhost (not 127.0.0.1) in the URL.

    \b
    Example:
      swgraph neo4j guide --port 8001
      # in Neo4j Browser:
      :play http://localhost:8001/guide/swgraph.html
    """
    server = make_server(GUIDE_DIR, host, port)
    real_port = server.server_address[1]
    click.echo(f"Serving {GUIDE_DIR} on http://{host}:{real_port}/ (CORS open). In Neo4j Browser run:")
    click.echo(f"  :play http://localhost:{real_port}/guide/swgraph.html     (or :guide ... for the sidebar)")
    click.echo(f"  :style http://localhost:{real_port}/style.grass")
    click.echo("Stop with Ctrl-C.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
