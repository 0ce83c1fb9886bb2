"""Writes the notebooks in this folder from their cell sources (outputs stripped).

Run ``python notebooks/make_notebooks.py`` after editing a notebook's cells here,
so the .ipynb files and this script never disagree (a test checks that they agree).

A cell is ``(kind, source)`` or ``(kind, source, id)``: the tests find the cells
whose outputs they check by these ids, so keep them when you rewrite a cell.
"""

from pathlib import Path

import nbformat as nbf

HERE = Path(__file__).resolve().parent
KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
          "language_info": {"name": "python"}}


def notebook(cells):
    nb = nbf.v4.new_notebook(metadata=KERNEL)
    for i, (kind, src, *cell_id) in enumerate(cells):
        src = src.strip("\n")
        cell = nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src)
        cell["id"] = cell_id[0] if cell_id else f"cell-{i}"
        nb.cells.append(cell)
    return nb


# ----------------------------------------------------------------------------- 01: the documented network

EXPLORE = [
    ("md", """
# A tour of the documented network 文献网络导览

swgraph's bundled seeds hold what two published reports state about China's social-work organisations: the
federation at the top (中国社会工作联合会), provincial associations, universities and government bodies, and the
agreements, visits, posts and programmes that tie them together. Every record carries the quote that locates it in
its source.

This notebook walks through that network: what is in it, what the analysis finds (in words, computed below from the
numbers), the interactive map, and where each finding comes from. It is *documented* data only: nothing here is
generated. For a national-scale network, see notebook 02."""),
    ("code", """
import pandas as pd
from IPython.display import Markdown, display

import swgraph

ds = swgraph.load()
result = swgraph.analyze(ds)
counts = ds.counts()
pd.DataFrame(
    [(coll, counts[coll]) for coll in ("organisations", "people", "posts", "agreements", "events", "programmes", "ties", "statistics", "sources")],
    columns=["records 记录", "count 数量"],
).set_index("records 记录")"""),
    ("md", """
## What the analysis finds 主要发现

Each sentence below is built from the analysis result (`swgraph.analyze`, the same as `swgraph analyze`), so it
changes when the data changes."""),
    ("code", """
g, nodes = result["graph"], result["nodes"]
name = {v: d["name_zh"] for v, d in nodes.items()}
top = swgraph.node_table(result)  # best first by betweenness
findings = [
    f"The documented network holds **{g['nodes']} organisations** joined by **{g['edges']} collaboration ties** "
    f"(density {g['density']:.2f}), in {g['components']} connected parts; the largest part holds {g['largest_component']} "
    f"organisations, and {len(g['isolates'])} have no documented tie at all."
]
broker = top.index[0]
if top.loc[broker, "betweenness"] > 0:
    findings.append(
        f"**{name[broker]}** ({top.loc[broker, 'name_en']}) is the main broker: betweenness "
        f"{top.loc[broker, 'betweenness']:.2f}, with {top.loc[broker, 'degree']:.0f} partners."
    )
hub = result["hubs"]["federation"]
if hub:
    findings.append(f"Hub test: {hub['en']} ({hub['zh']})")
cut = result["hubs"]["articulation_points"]
if cut:
    findings.append(
        f"{len(cut)} organisation(s) are single points of failure (removing one splits the network): "
        + ", ".join(name[v] for v in cut) + "."
    )
impact = result["resilience"]
if impact:
    findings.append(
        f"Without {impact['removed_name_zh']} (the top broker) the network falls from {impact['components_before']} to "
        f"{impact['components_after']} parts, and the largest remaining part holds only "
        f"{impact['largest_share_after']:.0%} of the other organisations."
    )
ties = g["ties_by_type"]  # a tie carrying several kinds of record counts once for each
if ties:
    kind, n = max(ties.items(), key=lambda kv: (kv[1], kv[0]))
    findings.append(f"The commonest kind of tie is **{kind}**: {n} of the {g['edges']} ties include one.")
follow = result["collaboration"]["agreement_follow_up"]
for row in follow:
    findings.append(f"Agreement {row['title_zh']} (signed {row['date'] or 'undated'}): {row['en']}.")
for row in result["coverage"]["documented"]:
    findings.append(
        f"{row['name']}: the sources report associations in {row['documented_covered']} of "
        f"{row['documented_total']} prefectures ({row['documented_without']} without); the data hold "
        f"{row['found_covered']} of them."
    )
display(Markdown("\\n".join(f"- {s}" for s in findings)))""", "findings"),
    ("md", """
## The map 网络图

The collaboration network, coloured by administrative tier and sized by betweenness. Hover a node for its names,
metrics and sources; hover a tie for the records behind it. The whole page is embedded in the notebook (nothing is
fetched from the network); `swgraph map` writes the same page to a file."""),
    ("code", """
swgraph.show_map(ds, color_by="tier", size_by="betweenness", height=560)""", "map"),
    ("md", """
## Who matters, by which measure 各组织的中心性

Degree counts partners; betweenness, how often an organisation lies on the shortest path between two others (a
broker); eigenvector and PageRank, how well connected its partners are."""),
    ("code", """
top[["name_zh", "name_en", "tier_name", "degree", "betweenness", "eigenvector", "pagerank"]].head(10).round(3)"""),
    ("md", "## The ties, one row per pair of organisations 合作关系"),
    ("code", """
G = swgraph.collaboration_graph(ds)
pd.DataFrame(
    [{"organisation 组织": G.nodes[u]["name_zh"], "partner 伙伴": G.nodes[v]["name_zh"], "types 类型": ", ".join(d["types"]),
      "records 记录": len(d["records"]), "first date 最早日期": d["first_date"] or "–"}
     for u, v, d in sorted(G.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))]
)"""),
    ("md", """
## Finding an organisation 查找组织

Any name works: Chinese, English, an alias, a former name or pinyin. The federation was called 中国社会工作协会
until its renaming at the end of 2014:"""),
    ("code", """
from swgraph.records.search import find

pd.DataFrame(
    [{"asked 查询": q, "id": r.id, "name 名称": r.display_name()} for q in ("中国社会工作协会", "guang dong sheng", "Columbia")
     for r in find(ds, q)]
)"""),
    ("md", "## The documented figures, each with its source quote 文献中的统计数字"),
    ("code", """
swgraph.statistics_table(ds)[["measure_zh", "value", "unit", "as_of", "source", "quote"]].head(12)"""),
    ("md", """
## Suggested partnerships 建议的合作

Pairs without a tie that the network structure suggests, with the reason in both languages:"""),
    ("code", """
suggested = swgraph.recommendations_table(result, "any").head(8)
pd.DataFrame({"organisation 组织": suggested["u"].map(name), "partner 伙伴": suggested["v"].map(name),
              "score 得分": suggested["score"].round(3), "reason 理由": suggested["reason_zh"], "reason": suggested["reason_en"]})"""),
]

# ----------------------------------------------------------------------------- 02: a national-scale network

NATIONAL = [
    ("md", """
# National scale: centrality, collaboration and change 全国规模：中心性、合作与变化

> **Synthetic data 合成数据.** The documented seeds name only a handful of organisations. This notebook analyses a
> **generated** national network (`swgraph generate --profile national-2015 --seed 1 --scale 0.1`): its association
> totals match the 2015 report (24 provincial, 97 prefecture-level and 168 county-level), with a tenth of the report's
> 3,500+ service agencies (scale 0.1, so it runs in under a minute; scale 1 is about 21,000 records), but every
> generated organisation, person, agreement and visit is invented. Generated records have `synthetic: true` and ids starting
> `syn-`. Use it to see what the analysis shows at national scale, never as facts about a real organisation."""),
    ("code", """
%matplotlib inline
# (figures shown as images in the notebook; swgraph itself never picks a matplotlib backend)
import pandas as pd
from IPython.display import Markdown, display

import swgraph
from swgraph.application import charts

ds = swgraph.generate_network("national-2015", seed=1, scale=0.1)
counts = ds.counts()
display(Markdown(
    f"Dataset `{ds.info.id}`: {sum(len(r) for r in ds.records.values()):,} records, of which "
    f"**{counts['synthetic']:,} are synthetic** ({counts['synthetic'] / sum(len(r) for r in ds.records.values()):.0%}); "
    f"{len(ds.organisations):,} organisations."
))
pd.DataFrame(
    [(k.removeprefix("organisations."), v) for k, v in counts.items() if k.startswith("organisations.")],
    columns=["kind 类型", "organisations 组织"],
).set_index("kind 类型")"""),
    ("code", """
result = swgraph.analyze(ds)
g = result["graph"]
nodes = swgraph.node_table(result)
documented = nodes[~nodes["synthetic"]]
findings = [
    f"The generated network has {g['nodes']:,} organisations and {g['edges']:,} collaboration ties "
    f"(density {g['density']:.4f}); the largest connected part holds {g['largest_component']:,} "
    f"({g['largest_component'] / g['nodes']:.0%}), and {len(g['isolates']):,} organisations have no tie.",
    f"The main broker is {nodes.iloc[0]['name_zh']} (betweenness {nodes.iloc[0]['betweenness']:.3f}, "
    f"{nodes.iloc[0]['degree']:.0f} partners).",
    f"Of the {len(documented)} documented organisations, the best placed is {documented.iloc[0]['name_zh']}, "
    f"at rank {nodes.index.get_loc(documented.index[0]) + 1:,} by betweenness.",
    f"Louvain finds {result['communities']['count']} communities (modularity {result['communities']['modularity']:.2f}).",
]
hub = result["hubs"]["federation"]
if hub:
    findings.append(f"Hub test: {hub['en']}")
display(Markdown("\\n".join(f"- {s}" for s in findings)))"""),
    ("md", "## The organisations that hold the network together 核心组织"),
    ("code", """
from swgraph.core import regions

top = nodes.head(12).assign(province_name=lambda t: t["province"].map(regions.name))
top[["name_zh", "tier_name", "province_name", "synthetic", "degree", "betweenness", "pagerank"]].round(4)"""),
    ("md", """
## Charts 图表

The charts are matplotlib `Figure` objects from `swgraph.application.charts`, drawn with the CJK font the maps embed
(passed by file path, so Chinese labels never turn into empty boxes). The notebook shows each one inline while the
font is open."""),
    ("code", """
brokers = nodes.head(10)
tiers = nodes.groupby("tier_name")["betweenness"].sum().sort_values(ascending=False)
tiers = tiers[tiers > 0]  # a bar of zero says nothing
cov = swgraph.coverage_table(result)
cov = cov[cov["total"] > 0].sort_values("share", ascending=False).head(12)
texts = [*brokers["name_zh"], *tiers.index, *cov["name"], "主要中介组织 Top brokers", "中介中心度 betweenness",
         "各层级的中介作用 Brokerage by tier", "中介中心度之和 summed betweenness", "地级市覆盖率 Prefectures with an association"]
with charts.chart_font(*texts) as font:
    display(charts.bar_chart(brokers["name_zh"], brokers["betweenness"], title="主要中介组织 Top brokers",
                             xlabel="中介中心度 betweenness", color="#c0392b", font=font))
    display(charts.bar_chart(tiers.index, tiers.values, title="各层级的中介作用 Brokerage by tier",
                             xlabel="中介中心度之和 summed betweenness", color="#8e44ad", font=font))
    display(charts.bar_chart(cov["name"], cov["share"], title="地级市覆盖率 Prefectures with an association",
                             color="#27ae60", xlim=(0, 1), font=font))""", "charts"),
    ("md", "## Collaboration across tiers and provinces 跨层级与跨地区的合作"),
    ("code", """
pd.Series(g["ties_by_type"], name="ties 合作关系").sort_values(ascending=False).to_frame()"""),
    ("code", """
swgraph.coverage_table(result)[["name", "total", "covered", "uncovered", "share"]].sort_values("share", ascending=False).head(12)"""),
    ("md", """
## What changed 变化

The same network as it stood at the end of 2014, compared with the whole data (`swgraph.diff`, as `swgraph diff`
prints it): organisations and ties added, coverage that changed, who moved up, and whether each new agreement was
followed by activity between its parties."""),
    ("code", """
before = ds.as_of("2014-12-31")
d = swgraph.diff(before, ds)
display(Markdown(
    f"From {d['old']['organisations']:,} to {d['new']['organisations']:,} organisations and from "
    f"{d['old']['ties']:,} to {d['new']['ties']:,} ties; {len(d['agreements_added']):,} agreements were signed after 2014, "
    f"{sum(a['evidence']['status'] == 'activity recorded' for a in d['agreements_added']):,} of them followed by recorded activity."
))
tables = swgraph.diff_tables(d)
for title, table in tables.items():
    display(Markdown(f"**{title}**"), table)""", "diff"),
]

# ----------------------------------------------------------------------------- 03: Cypher in Neo4j

CYPHER = [
    ("md", """
# Ad-hoc Cypher in Neo4j 在 Neo4j 中查询

Loads the documented network into Neo4j and asks it questions, first with the library's named queries
(`swgraph query --list`), then with Cypher of your own. Results come back as pandas DataFrames.

Which Neo4j: the variables `NEO4J_URI`, `NEO4J_USERNAME` and `NEO4J_PASSWORD` if set (any Neo4j 5: Docker, Desktop,
Aura), else the local development server that `swgraph neo4j start` runs. The next cell starts that server when
neither is there (the first start downloads Neo4j, a few minutes; later ones take seconds). The same queries run in
the Neo4j Browser: `swgraph neo4j start` prints the link to its guided tour."""),
    ("code", """
import os

import pandas as pd
from IPython.display import display

import swgraph
from swgraph.neo4j import server

if not os.environ.get("NEO4J_URI") and server.status() is None:
    server.start(progress=print)  # the same server as `swgraph neo4j start`; `swgraph neo4j stop` stops it
settings = swgraph.neo4j_settings()
print("Neo4j:", settings.describe())"""),
    ("code", """
ds = swgraph.load()
report = swgraph.load_into_neo4j(ds, settings, replace=True)
pd.DataFrame({"loaded 已载入": {"nodes": report.nodes, "relationships": report.relationships}})"""),
    ("md", "## Named queries 库中的查询\n\nHub organisations: who is tied to the most other organisations (the same count as `swgraph analyze`'s degree)."),
    ("code", """
swgraph.cypher("hub-organisations", {"limit": 5}, settings=settings, dataset=ds.info.id)""", "hubs"),
    ("md", """
Parameters that take an organisation accept any of its names, as `swgraph show` does. Who could introduce
哥伦比亚大学 (Columbia University) to the Guangdong federation (here by its short name 广东省社工师联合会)?"""),
    ("code", """
(path,) = swgraph.cypher("shortest-path", {"from": "哥伦比亚大学", "to": "广东省社工师联合会"}, settings=settings,
                         dataset=ds.info.id).to_dict("records")
print(f"{path['hops']} hops:")
pd.DataFrame({"id": path["ids"], "name 名称": path["names"], "next link 下一步": [*path["relationship_types"], ""]})""", "path"),
    ("md", "The federation's profile, asked by its former name:"),
    ("code", """
profile = swgraph.cypher("organisation-profile", {"org": "中国社会工作协会"}, settings=settings, dataset=ds.info.id)
profile.T""", "profile"),
    ("md", "Agreements, who signed them and when:"),
    ("code", """
swgraph.cypher("agreements", settings=settings, dataset=ds.info.id)"""),
    ("md", """
## Cypher of your own 自定义查询

Values go in as parameters, never into the text. A `// @param NAME organisation` line in the header makes a
parameter take names too. The visits the federation hosted, in time order (`date_inferred` marks a year the source
does not state):"""),
    ("code", '''
visits = swgraph.cypher(
    """
    // Visits hosted by one organisation
    // @param host organisation  the host (id or any name)
    MATCH (visitor:Organisation)-[:VISITED]->(e:Event)-[:HOSTED_BY]->(host:Organisation {id: $host, dataset: $dataset})
    RETURN e.date AS date, coalesce(e.date_inferred, false) AS year_inferred, visitor.id AS visitor_id, visitor.name_zh AS visitor,
           host.id AS host_id, e.title_zh AS title
    ORDER BY date, visitor_id
    """,
    {"host": "中国社会工作联合会"},
    settings=settings,
    dataset=ds.info.id,
)
visits''', "visits"),
    ("md", """
## A graph view of a query result 查询结果的图

The strongest collaboration pairs, drawn as a network: one tie per row of the query result (names, kinds and sources
of the organisations come from the dataset). Hover a tie for the records behind it."""),
    ("code", """
pairs = swgraph.cypher("collaboration-pairs", {"limit": 20}, settings=settings, dataset=ds.info.id)
names = {o.id: o.display_name() for o in ds.organisations}
display(pairs.assign(organisation=pairs["a"].map(names), partner=pairs["b"].map(names))[
    ["a", "organisation", "b", "partner", "strength", "record_types", "first_date"]])
swgraph.result_map(pairs, ds, source="a", target="b", title="合作关系 Collaboration pairs (Neo4j)", height=460)""", "graph-view"),
    ("md", """
Reading the network back from Neo4j gives the same record set, so an analysis of what is in the database is an analysis
of the files:"""),
    ("code", """
back = swgraph.read_from_neo4j(settings, ds.info.id)
same = swgraph.analyze(back) == swgraph.analyze(ds)
print("the analysis of the Neo4j copy", "equals" if same else "DIFFERS FROM", "the analysis of the files")"""),
]

NOTEBOOKS = {"01_explore_documented_network": EXPLORE, "02_national_scale_analysis": NATIONAL, "03_cypher_in_neo4j": CYPHER}

if __name__ == "__main__":
    for name, cells in NOTEBOOKS.items():
        nbf.write(notebook(cells), HERE / f"{name}.ipynb")
        print("wrote", name)
