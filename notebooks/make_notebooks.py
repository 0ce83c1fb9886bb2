"""Writes the notebooks in this folder from their cell sources (outputs stripped).

Run ``python notebooks/make_notebooks.py`` after editing a notebook's cells here,
so the .ipynb files and this script never disagree.
"""

from pathlib import Path

import nbformat as nbf

HERE = Path(__file__).resolve().parent
KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
          "language_info": {"name": "python"}}


def notebook(cells):
    nb = nbf.v4.new_notebook(metadata=KERNEL)
    for kind, src in cells:
        src = src.strip("\n")
        nb.cells.append(nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nb


EXPLORE = [
    ("md", """
# Exploring the documented network 探索文献网络

The bundled seeds hold every organisation, person, post, agreement, visit, programme and figure stated in the two source
reports. This notebook uses only swgraph's public API."""),
    ("code", """
import swgraph

ds = swgraph.load()
ds.counts()"""),
    ("md", "Find an organisation by any of its names — Chinese, English, alias, former name or pinyin:"),
    ("code", """
from swgraph.records.search import find

[(r.id, r.name_zh) for r in find(ds, "广东省社工师联合会")], [(r.id, r.name_zh) for r in find(ds, "中国社会工作协会")]"""),
    ("code", """
G = swgraph.collaboration_graph(ds)
print(G.number_of_nodes(), "organisations,", G.number_of_edges(), "ties")
for u, v, d in sorted(G.edges(data=True)):
    print(f"{G.nodes[u]['name_zh']} — {G.nodes[v]['name_zh']}: {', '.join(d['types'])} (weight {d['weight']:.0f})")"""),
    ("md", "Every documented figure, with the quote that locates it in its source:"),
    ("code", """
stats = swgraph.statistics_table(ds)
stats.head(10)"""),
    ("md", "The interactive map, inline (the whole page is embedded; nothing is fetched from the network):"),
    ("code", """
swgraph.show_map(ds, color_by="tier", size_by="betweenness", height=520)"""),
    ("md", "The network as it stood before the Beijing–Guangdong agreement was signed:"),
    ("code", """
before = ds.as_of("2015-06-10")
sorted(r.id for r in before.events)"""),
]

ANALYSIS = [
    ("md", """
# Centrality and collaboration 中心性与合作分析

Runs the same analysis as `swgraph analyze` and turns it into tables and plots."""),
    ("code", """
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "DejaVu Sans"]
plt.rcParams["axes.unicode_minus"] = False

import swgraph

ds = swgraph.load()
result = swgraph.analyze(ds)
nodes = swgraph.node_table(result)
nodes[["name_zh", "name_en", "tier_name", "degree", "betweenness", "eigenvector", "pagerank"]].head(8)"""),
    ("code", """
top = nodes.head(8)
fig, ax = plt.subplots(figsize=(8, 4))
ax.barh(top["name_zh"][::-1], top["betweenness"][::-1], color="#c0392b")
ax.set_xlabel("betweenness 中介中心度")
ax.set_title("谁把网络连在一起 Who holds the network together")
fig.tight_layout()"""),
    ("md", "Does the data bear out the federation's self-description as a hub organisation (枢纽型组织)?"),
    ("code", """
hub = result["hubs"]["federation"]
print(hub["zh"])
print(hub["en"])
assert hub["node"] == "cfsw" """),
    ("code", """
import pandas as pd

pd.Series(result["graph"]["ties_by_type"], name="ties").to_frame()"""),
    ("code", """
swgraph.recommendations_table(result, "cross_region")[["u", "v", "score", "reason_zh", "reason_en"]]"""),
    ("code", """
cov = swgraph.coverage_table(result)
cov[cov["covered"] > 0] if (cov["covered"] > 0).any() else result["coverage"]["documented"]"""),
]

CYPHER = [
    ("md", """
# Ad-hoc Cypher in Neo4j 在 Neo4j 中查询

Loads the documented network into Neo4j and asks it questions. Neo4j is found through `NEO4J_URI`, `NEO4J_USERNAME`
and `NEO4J_PASSWORD`, or the local server started with `swgraph neo4j start`. The same queries run in the Neo4j Browser
(`swgraph neo4j guide` serves a guided tour)."""),
    ("code", """
import swgraph

settings = swgraph.neo4j_settings()
ds = swgraph.load()
report = swgraph.load_into_neo4j(ds, settings)
report.nodes, report.relationships"""),
    ("md", "Library queries (`cypher/queries/`) by name — who signed what with whom, and when:"),
    ("code", """
swgraph.cypher("agreements", settings=settings, dataset=ds.info.id)"""),
    ("code", """
swgraph.cypher("hub-organisations", {"limit": 5}, settings=settings, dataset=ds.info.id)"""),
    ("md", "Ad-hoc Cypher, values as parameters: the visits the federation hosted, in time order."),
    ("code", '''
swgraph.cypher(
    """
    MATCH (visitor:Organisation)-[:VISITED]->(e:Event)-[:HOSTED_BY]->(host:Organisation {id: $host, dataset: $dataset})
    RETURN e.date AS date, e.date_inferred AS year_inferred, visitor.name_zh AS visitor, e.title_zh AS title
    ORDER BY date
    """,
    {"host": "cfsw"},
    settings=settings,
    dataset=ds.info.id,
)'''),
    ("md", "Reading the network back gives the same record set, so the analysis from Neo4j equals the analysis from the files:"),
    ("code", """
back = swgraph.read_from_neo4j(settings, ds.info.id)
assert swgraph.analyze(back) == swgraph.analyze(ds)
"same numbers from Neo4j and from the files" """),
]

if __name__ == "__main__":
    for name, cells in [("01_explore_documented_network", EXPLORE), ("02_centrality_and_collaboration", ANALYSIS),
                        ("03_cypher_in_neo4j", CYPHER)]:
        nbf.write(notebook(cells), HERE / f"{name}.ipynb")
        print("wrote", name)
