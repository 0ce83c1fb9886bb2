"""Entry point of the ``swgraph`` command.

Subcommands live in their own modules and are imported only when used, so
``swgraph --help`` stays fast (``neo4j`` alone takes ~0.5 s to import).
"""

from __future__ import annotations

import importlib

import click

from swgraph import __version__

# command name -> "module:attribute" (a click.Command), imported lazily.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("swgraph.cli.data", "validate_cmd", "Check seed files: schema, references, regions, dates, sources."),
    "show": ("swgraph.cli.data", "show_cmd", "Find an entity by id, Chinese or English name, alias or pinyin."),
    "export": ("swgraph.cli.data", "export_cmd", "Write the network as GraphML, GEXF or JSON."),
    "analyze": ("swgraph.cli.analyze", "analyze_cmd", "Centrality, brokerage, collaboration, coverage and recommendations."),
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
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None  # command not built yet
            raise
        return getattr(module, attr, None)

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx) if self.get_command(ctx, name)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="swgraph")
def cli():
    """swgraph: China's social-work organisational network as a graph.

    \b
    Example:
      swgraph validate --sources ../shared/sources
      swgraph analyze --out out/
    """
