"""Entry point of the ``swgraph`` command.

Subcommands live in their own modules and are imported only when used, so
``swgraph --help`` stays fast (``neo4j`` alone takes ~0.5 s to import).
"""

from __future__ import annotations

import importlib
import os

import click

from swgraph import __version__
from swgraph.cli.common import SwgraphClickError, describe
from swgraph.core.errors import SwgraphError
from swgraph.core.names import save_pinyin

#: exit code of an unexpected error (a bug), as sysexits' EX_SOFTWARE
INTERNAL_ERROR = 70

# command name -> "module:attribute" (a click.Command), imported lazily.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("swgraph.cli.validate", "validate_cmd", "Check seed files: schema, references, regions, dates, sources."),
    "show": ("swgraph.cli.data", "show_cmd", "Find an entity by id, Chinese or English name, alias or pinyin."),
    "export": ("swgraph.cli.data", "export_cmd", "Write the network as GraphML, GEXF or JSON."),
    "analyze": ("swgraph.cli.analyze", "analyze_cmd", "Centrality, brokerage, collaboration, coverage and recommendations."),
    "diff": ("swgraph.cli.diff", "diff_cmd", "What changed between two dates or two datasets."),
    "map": ("swgraph.cli.map", "map_cmd", "Write an interactive, self-contained HTML network map."),
    "neo4j": ("swgraph.cli.neo4j", "neo4j_group", "Start, stop or inspect the local development Neo4j."),
    "load": ("swgraph.cli.load", "load_cmd", "Load the network into Neo4j (idempotent, batched)."),
    "query": ("swgraph.cli.load", "query_cmd", "Run a query from the Cypher library against Neo4j."),
    "generate": ("swgraph.cli.generate", "generate_cmd", "Generate a synthetic national network (flagged synthetic)."),
    "report": ("swgraph.cli.report", "report_cmd", "Write a network health brief (HTML and Markdown)."),
    "template": ("swgraph.cli.roster", "template_cmd", "Write a bilingual roster template (or export data as a roster)."),
    "import": ("swgraph.cli.roster", "import_cmd", "Turn a filled roster (.xlsx or CSV folder) into seed YAML."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        module_name, attr, _ = spec
        return getattr(importlib.import_module(module_name), attr)  # a broken command module fails loudly

    def invoke(self, ctx):
        """Run the command; anything unexpected becomes a short message and exit 70, never a traceback.

        Whatever the outcome, the pinyin read meanwhile is kept for the next command (:func:`save_pinyin`).

        ``SWGRAPH_DEBUG=1`` lets the traceback through, for reporting a bug.
        """
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except SwgraphError as exc:
            raise SwgraphClickError(describe(exc), exc.exit_code) from None
        except OSError as exc:
            if os.environ.get("SWGRAPH_DEBUG"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            raise SwgraphClickError(f"{where}{exc.strerror or exc}", 1) from None
        except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into a message
            if os.environ.get("SWGRAPH_DEBUG"):
                raise
            raise SwgraphClickError(
                f"internal error ({type(exc).__name__}: {exc}). This is a bug in swgraph {__version__}: please report "
                "it with the command you ran; SWGRAPH_DEBUG=1 shows the traceback.", INTERNAL_ERROR) from None
        finally:
            save_pinyin()  # the next command reads the names romanised by this one from the user's cache

    def format_commands(self, ctx, formatter):
        # from the table, without importing every command module (that is what keeps --help fast)
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="swgraph")
def cli():
    """swgraph: China's social-work organisational network as a graph.

    \b
    Example:
      swgraph validate --sources ../shared/sources
      swgraph analyze --out out/
    """
