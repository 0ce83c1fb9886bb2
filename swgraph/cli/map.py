"""``swgraph map``: an interactive, self-contained HTML map of the network."""

from __future__ import annotations

from pathlib import Path

import click

from swgraph.application.maps import MAP_METRICS, dataset_map
from swgraph.cli.common import check_date, errors_as_click
from swgraph.core.io import write_text
from swgraph.graph import PROJECTIONS
from swgraph.records.dataset import load_dataset


@click.command("map")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("map.html"),
              show_default=True, help="HTML file to write (written whole or not at all).")
@click.option("--graph", "graph_name", type=click.Choice([p for p in PROJECTIONS if p != "full"]),
              default="collaboration", show_default=True)
@click.option("--color-by", type=click.Choice(["tier", "province", "community", "kind"]), default="tier", show_default=True)
@click.option("--size-by", default="betweenness", show_default=True, type=click.Choice(MAP_METRICS),
              help="The measure that sizes nodes (from the metric registry).")
@click.option("--focus", default=None, metavar="NAME_OR_ID", help="Draw only this organisation's neighbourhood.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 10), help="Hops around --focus.")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="The network as it stood on DATE.")
@click.option("--new-since", "new_since", default=None, metavar="DATE",
              help="Open the page highlighting organisations and ties first recorded after DATE (YYYY[-MM[-DD]]).")
@click.option("--layout", type=click.Choice(["force", "tier", "geo"]), default="force", show_default=True)
@click.option("--max-nodes", type=click.IntRange(10), default=None,
              help="Above this many nodes the page opens on an overview by province that opens in place (default 5000).")
@click.option("--province", default=None, metavar="CODE_OR_NAME",
              help="Map only one province's organisations (440000, 广东省, guangdong).")
def map_cmd(paths, output, graph_name, color_by, size_by, focus, depth, as_of, new_since, layout, max_nodes, province):
    """Write an interactive network map: one offline HTML file, no CDN.

    Search organisations and people by Chinese or English name, alias, former
    name, pinyin or initials; filter by kind, tier, province and tie type; click
    to highlight neighbours, widen to 2 or 3 steps, show only those; slide or
    play through time; highlight what is new since a date; export PNG or SVG. Above --max-nodes the page opens on
    an overview by province: click a province to open it in place.

    \b
    Example:
      swgraph map -o map.html --color-by tier --size-by betweenness
      swgraph map --focus 中国社会工作联合会 --depth 2 --layout tier -o cfsw.html
      swgraph map national/ --province 广东省 -o guangdong.html
      swgraph map --new-since 2015-06-01 -o new.html
    """
    check_date("--as-of", as_of)
    check_date("--new-since", new_since)
    with errors_as_click():
        ds = load_dataset(paths or None)
        html = dataset_map(ds, graph=graph_name, color_by=color_by, size_by=size_by, focus=focus, depth=depth,
                           as_of=as_of, layout=layout, max_nodes=max_nodes, province=province, new_since=new_since)
        write_text(output, html)
    click.echo(f"wrote {output} ({len(html.encode('utf-8')) // 1024} KiB)")
