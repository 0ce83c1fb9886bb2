"""``swgraph neo4j ...``: the local development Neo4j (and, later, ``load`` and ``query``).

This module must stay cheap to import: the ``neo4j`` driver is only imported
by the commands that connect.
"""

from __future__ import annotations

import json

import click

from swgraph.cli.common import handle_errors
from swgraph.cli.load import guide_cmd
from swgraph.neo4j import server

FORMATS = click.Choice(["text", "json"])


def _progress(message: str) -> None:
    click.echo(message, err=True)


def _emit(info, fmt: str, *, headline: str) -> None:
    """Print a ServerInfo as text or JSON; never the password itself."""
    if fmt == "json":
        data = {
            "running": True,
            "bolt_uri": info.bolt_uri,
            "browser_url": info.browser_url,
            "guide_url": info.guide_url,
            "http_url": info.http_url,
            "username": info.username,
            "password_file": str(info.password_file),
            "pid": info.pid,
            "home": str(info.home),
        }
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(headline)
    click.echo(f"  Bolt:      {info.bolt_uri}")
    click.echo(f"  Open:      {info.browser_url}   (log in as {info.username}; the swgraph guide opens)")
    click.echo(f"  Username:  {info.username}")
    click.echo(f"  Password:  first line of {info.password_file}")
    click.echo(f"  Home:      {info.home}")


@click.group("neo4j")
def neo4j_group():
    """Start, stop or inspect the local development Neo4j (no Docker).

    Neo4j Community 5.26 runs from jars fetched once from Maven Central; it
    needs a Java 17 or 21 JDK (and Maven for the first download). It listens
    on 127.0.0.1 only, with user neo4j and a password kept in a 0600 file.
    Data and logs live in ~/.local/share/swgraph/neo4j ($SWGRAPH_NEO4J_HOME).

    To use another Neo4j (Docker neo4j:5.26, Desktop, Aura) instead, set
    NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD.

    \b
    Example:
      swgraph neo4j start
      swgraph neo4j status --format json
      swgraph neo4j stop
    """


@neo4j_group.command("start")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format.")
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, readable=True),
    help="Use the password on this file's first line (at least 8 characters) instead of a generated one.",
)
@click.option("--bolt-port", type=click.IntRange(1, 65535), help="Bolt port on 127.0.0.1 [default: a free port].")
@click.option("--http-port", type=click.IntRange(1, 65535), help="HTTP/Browser port on 127.0.0.1 [default: a free port].")
@click.option("--timeout", type=click.FloatRange(1), default=180, show_default=True, help="Seconds to wait for startup.")
@click.option("--dataset", default="cfsw-documented", show_default=True,
              help="Dataset id the Browser guide's first slide sets as $dataset.")
@handle_errors
def start_cmd(fmt, password_file, bolt_port, http_port, timeout, dataset):
    """Start the development Neo4j in the background (or show it if it already runs).

    The first start downloads ~160 MB of jars into ~/.cache/swgraph
    ($SWGRAPH_CACHE). The password is never printed: it is in the password
    file shown. Prints the Bolt URI and one URL: Neo4j Browser, which plays
    the swgraph guide (served by the same server) once you have logged in.

    \b
    Example:
      swgraph neo4j start
      swgraph neo4j start --bolt-port 7687 --http-port 7474 --password-file ~/.neo4j-pass
      swgraph neo4j start --format json | jq -r .bolt_uri
    """
    password = server.read_password_file(password_file) if password_file else None
    already = server.status()
    info = server.start(bolt_port=bolt_port, http_port=http_port, password=password, timeout=timeout,
                        progress=_progress if fmt == "text" else None, dataset=dataset)
    headline = (f"Neo4j {server.NEO4J_VERSION} is already running (pid {info.pid})." if already
                else f"Neo4j {server.NEO4J_VERSION} is running (pid {info.pid}).")
    _emit(info, fmt, headline=headline)


@neo4j_group.command("stop")
@click.option("--timeout", type=click.FloatRange(1), default=60, show_default=True,
              help="Seconds to wait for a clean shutdown before killing it.")
@handle_errors
def stop_cmd(timeout):
    """Stop the development Neo4j cleanly (its data is kept).

    \b
    Example:
      swgraph neo4j stop
    """
    info = server.stop(timeout=timeout)
    if info is None:
        click.echo(f"Neo4j is not running (home {server.default_home()}).")
    else:
        click.echo(f"Stopped Neo4j (pid {info.pid}); data kept in {info.home}.")


@neo4j_group.command("status")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format.")
@handle_errors
def status_cmd(fmt):
    """Show whether the development Neo4j runs, and where; exit code 1 if it does not.

    \b
    Example:
      swgraph neo4j status
      swgraph neo4j status --format json
    """
    info = server.status()
    if info is None:
        if fmt == "json":
            click.echo(json.dumps({"running": False, "home": str(server.default_home())}, indent=2))
        else:
            click.echo(f"Neo4j is not running (home {server.default_home()}). Start it: swgraph neo4j start")
        click.get_current_context().exit(1)
    _emit(info, fmt, headline=f"Neo4j {server.NEO4J_VERSION} is running (pid {info.pid}).")


def _add_guide() -> None:

    neo4j_group.add_command(guide_cmd)


_add_guide()
