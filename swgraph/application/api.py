"""The Python API for notebooks and scripts.

Everything here is also reachable as ``swgraph.<name>`` (imported lazily, so
``import swgraph`` stays fast).

>>> import swgraph
>>> ds = swgraph.load()
>>> G = swgraph.collaboration_graph(ds)
>>> G.nodes["cfsw"]["name_en"]
'China Federation of Social Workers'
>>> rows = swgraph.node_table(swgraph.analyze(ds))
>>> rows[0]["id"] if isinstance(rows, list) else rows.index[0]
'cfsw'
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from swgraph.application.diff import diff, diff_sections
from swgraph.application.maps import dataset_map
from swgraph.application.suite import analyze as _analyze
from swgraph.application.suite import node_rows
from swgraph.core.errors import InputError
from swgraph.graph import (
    collaboration_graph,
    full_graph,
    hierarchy_graph,
    person_org_graph,
    project,
    visit_graph,
)
from swgraph.maps.render import MapFigure
from swgraph.maps.ties import record_notes
from swgraph.neo4j import queries
from swgraph.neo4j.connection import Settings, connect
from swgraph.neo4j.loader import load as _load
from swgraph.neo4j.reader import read_dataset, resolve_dataset_id
from swgraph.records.dataset import Dataset, load_dataset
from swgraph.synthetic.write import write_generated


def load(paths: Any = None, *, sources_dir: str | Path | None = None, as_of: str | None = None) -> Dataset:
    """Load and validate a dataset (default: the bundled seeds); optionally as it stood on ``as_of``."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    ds = load_dataset(paths, sources_dir=sources_dir)
    return ds.as_of(as_of) if as_of else ds


def generate_network(profile: str = "national-2015", *, seed: int = 0, scale: float = 1.0) -> Dataset:
    """A generated national network around the bundled seeds (as ``swgraph generate`` writes it), loaded.

    Every generated record has ``synthetic: true`` and an id starting ``syn-``; the
    documented seeds are included unchanged. The files go to a temporary folder that
    is removed once they are read.

    >>> ds = generate_network(seed=1, scale=0.02)
    >>> ds.info.id, ds.counts()["organisations.provincial_association"] > 20
    ('national-2015-s1-x0.02', True)
    """
    with tempfile.TemporaryDirectory(prefix="swgraph-generated-") as tmp:
        out = Path(tmp) / "network"
        write_generated(out, profile, seed=seed, scale=scale)
        return load_dataset([out])


def analyze(ds: Dataset, **kwargs) -> dict:
    """The full analysis (see :func:`swgraph.application.suite.analyze`)."""
    return _analyze(ds, **kwargs)


def _frame(rows: list[dict], index: str | None = None):
    """A pandas DataFrame when pandas is installed, else the rows themselves."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional (the notebooks extra)
    except ImportError:
        return rows
    df = pd.DataFrame(rows)
    return df.set_index(index) if index and not df.empty else df


def node_table(result: dict, *, order_by: str = "betweenness"):
    """Per-organisation metrics, best first (DataFrame indexed by id, or a list of dicts)."""
    return _frame(node_rows(result, order_by=order_by), index="id")


def recommendations_table(result: dict, kind: str = "any"):
    """Suggested partnerships with their Chinese and English reasons."""
    return _frame(result["recommendations"][kind])


def coverage_table(result: dict):
    """Prefecture-level coverage per province."""
    rows = [{k: v for k, v in p.items() if k != "organisations"} | {"covered": len(p["covered"]), "uncovered": len(p["uncovered"])}
            for p in result["coverage"]["provinces"]]
    return _frame(rows, index="province")


def statistics_table(ds: Dataset):
    """Every documented figure with its source quote."""
    rows = []
    for st in ds.statistics:
        cite = st.sources[0] if st.sources else None
        rows.append({"id": st.id, "measure_zh": st.measure_zh, "value": st.value, "unit": st.unit,
                     "qualifier": st.qualifier, "as_of": str(st.as_of), "subject": st.subject or st.region,
                     "source": cite.source if cite else st.generator, "quote": cite.quote if cite else ""})
    return _frame(rows, index="id")


def diff_tables(d: dict, *, top: int = 10) -> dict:
    """The sections of a :func:`diff` as ``{title: table}`` (DataFrames, or lists of dicts); empty sections left out."""
    return {title: _frame([dict(zip(headers, row)) for row in rows]) for title, headers, rows in diff_sections(d, top=top) if rows}


def show_map(ds: Dataset, *, height: int = 640, **kwargs):
    """An inline map for notebooks (``_repr_html_`` embeds the whole page; no file needed)."""
    return MapFigure(dataset_map(ds, **kwargs), height=height)


def result_map(rows, ds: Dataset, *, source: str = "a", target: str = "b", height: int = 480,
               title: str = "query result", **kwargs) -> MapFigure:
    """An inline map of the ties a query returned: one edge per row, between the ids in columns ``source`` and ``target``.

    Nodes are described (name, kind, tier, province, sources) by ``ds``'s collaboration graph, and an
    edge it also holds keeps its records and dates; an id ``ds`` does not know is drawn under its id.
    ``rows`` is a DataFrame or a list of dicts, e.g. from :func:`cypher`; other keyword arguments go to
    :func:`swgraph.maps.render_map`.

    >>> fig = result_map([{"a": "bj-swa", "b": "gd-swa"}], load())
    >>> "北京市社会工作者协会" in fig.html and "广东省社会工作师联合会" in fig.html
    True
    """
    if hasattr(rows, "to_dict"):
        rows = rows.to_dict("records")
    rows = list(rows)
    missing = [c for c in (source, target) if rows and c not in rows[0]]
    if missing:
        raise InputError(f"result_map: the rows have no column {missing[0]!r}; columns: {', '.join(map(str, rows[0]))}")
    G = collaboration_graph(ds)
    H = nx.Graph()
    for row in rows:
        u, v = row[source], row[target]
        for x in (u, v):
            H.add_node(x, **(G.nodes[x] if x in G else {"name_zh": str(x)}))
        if u != v:
            H.add_edge(u, v, **(G.edges[u, v] if G.has_edge(u, v) else {"type": "other", "weight": 1.0}))
    return MapFigure.from_graph(H, height=height, title=title, records=record_notes(ds), **kwargs)


# ----------------------------------------------------------------------------- Neo4j


def neo4j_settings(uri: str | None = None, username: str | None = None, password: str | None = None,
                   database: str | None = None):
    """Where Neo4j is: arguments, else ``NEO4J_*`` variables, else the running ``swgraph neo4j start`` server."""
    return Settings.resolve(uri=uri, username=username, password=password, database=database)


def load_into_neo4j(ds: Dataset, settings=None, *, replace: bool = False, batch_size: int = 1000):
    """Load ``ds`` into Neo4j (idempotent; ``replace`` first removes only this dataset's nodes)."""
    settings = settings or neo4j_settings()
    with connect(settings) as driver:
        return _load(driver, ds, database=settings.database, replace=replace, batch_size=batch_size)


def cypher(text_or_name: str, params: dict | None = None, *, settings=None, dataset: str | None = None,
           write: bool = False):
    """Run Cypher read-only (``write=True`` to allow writes): a library query name, a ``.cypher`` file or text.

    ``$dataset`` defaults to ``dataset`` or the only dataset loaded. Returns a DataFrame (or rows).
    """
    settings = settings or neo4j_settings()
    if text_or_name in queries.library() or text_or_name.endswith(".cypher"):
        query = queries.get_query(text_or_name)
    else:
        query = queries.parse_query(text_or_name, "ad-hoc")
    given = dict(params or {})
    with connect(settings) as driver:
        if "dataset" in query.used_parameters() and "dataset" not in given:
            given["dataset"] = resolve_dataset_id(driver, dataset, settings.database)
        result = queries.run_query(driver, query, given, database=settings.database, write=write)
    return _frame(result.rows)


def read_from_neo4j(settings=None, dataset: str | None = None) -> Dataset:
    """Read a loaded dataset back from Neo4j as the same record set the files give."""
    return read_dataset(settings or neo4j_settings(), dataset)


__all__ = [
    "neo4j_settings", "load_into_neo4j", "cypher", "read_from_neo4j",
    "Dataset", "load", "generate_network", "analyze", "node_table", "recommendations_table", "coverage_table",
    "statistics_table", "diff", "diff_tables", "show_map", "result_map", "collaboration_graph", "full_graph", "hierarchy_graph", "person_org_graph", "visit_graph", "project",
]
