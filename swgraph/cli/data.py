"""``swgraph show`` and ``export``: the data commands that build graphs (``validate`` reads records only: :mod:`swgraph.cli.validate`)."""

from __future__ import annotations

import click

from swgraph.application.suite import analyze
from swgraph.cli.common import FORMAT_TEXT_JSON, PATHS, SwgraphClickError, dump_json, errors_as_click
from swgraph.core import regions
from swgraph.export import export_graph
from swgraph.export import with_metrics as attach_metrics
from swgraph.graph import PROJECTIONS, full_graph, project, relations_of
from swgraph.neo4j.bulk import write_bundle
from swgraph.records.dataset import load_dataset
from swgraph.records.search import find


def _load(paths):
    return load_dataset(paths or None)


@click.command("show")
@click.argument("name_or_id")
@click.option("--data", "paths", multiple=True, type=click.Path(path_type=str),
              help="Seed files or folders (default: the bundled seeds). Repeatable.")
@FORMAT_TEXT_JSON
def show_cmd(name_or_id, paths, fmt):
    """Find an entity by id, Chinese or English name, alias, former name or pinyin.

    \b
    Example:
      swgraph show 广东省社工师联合会
      swgraph show "zhong guo she hui gong zuo xie hui" --format json
    """
    with errors_as_click():
        ds = _load(paths)
    found = find(ds, name_or_id)
    if not found:
        raise SwgraphClickError(f"nothing matches {name_or_id!r} (searched ids, names, aliases, former names, pinyin)")
    rec = found[0]
    G = full_graph(ds)
    relations = relations_of(G, rec.id)
    if fmt == "json":
        dump_json({"id": rec.id, "kind": G.nodes[rec.id]["kind"], "record": rec.model_dump(mode="json", exclude_none=True),
                   "relations": relations, "other_matches": [r.id for r in found[1:]]})
        return
    node = G.nodes[rec.id]
    click.echo(f"{node['name_zh']}  {node['name_en']}".rstrip())
    click.echo(f"  id: {rec.id}    kind: {node['kind']}    pinyin: {node['pinyin']}")
    if node["aliases"]:
        click.echo(f"  also: {'; '.join(node['aliases'])}")
    if node["region"]:
        click.echo(f"  region: {node['region']} {regions.name(node['region'])}")
    if rec.synthetic:
        click.echo(f"  SYNTHETIC ({rec.generator})")
    for r in relations:
        arrow = "->" if r["direction"] == "out" else "<-"
        click.echo(f"  {arrow} {r['type']:<16} {r['id']}  {r['name_zh']}")
    for c in node["sources"]:
        click.echo(f"  source: {c}")
    if len(found) > 1:
        click.echo(f"  (also matches: {', '.join(r.id for r in found[1:6])}{' …' if len(found) > 6 else ''})")


@click.command("export")
@PATHS
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "neo4j-admin"]), required=True,
              help="neo4j-admin writes a folder of CSVs and import.sh for `neo4j-admin database import`.")
@click.option("--graph", "graph_name", type=click.Choice(list(PROJECTIONS)),
              default="full", show_default=True, help="Which projection to export.")
@click.option("-o", "--output", type=click.Path(path_type=str), required=True,
              help="File to write (written whole or not at all); a new folder for neo4j-admin.")
@click.option("--with-metrics", is_flag=True, help="Attach analysis metrics (m_degree, m_betweenness, …) to organisations.")
def export_cmd(paths, fmt, graph_name, output, with_metrics):
    """Write the network as GraphML, GEXF, JSON (node-link) or a neo4j-admin CSV bundle.

    \b
    Example:
      swgraph export --format graphml -o network.graphml
      swgraph export --format gexf --graph collaboration --with-metrics -o collab.gexf
      swgraph export national/ --format neo4j-admin -o bulk/
    """
    with errors_as_click():
        ds = _load(paths)
        if fmt == "neo4j-admin":
            files = write_bundle(ds, output)
            click.echo(f"wrote {len(files)} files to {output}; run {output}/import.sh on a stopped, empty database")
            return
        G = project(ds, graph_name)
        if with_metrics:
            G = attach_metrics(G, analyze(ds))
        replaced = export_graph(G, output, fmt)
    click.echo(f"wrote {output}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges ({graph_name}, {fmt})")
    if replaced:
        click.echo(f"note: {replaced} character(s) XML cannot hold were replaced by U+FFFD", err=True)
