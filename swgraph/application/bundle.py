"""The ``analyze --out`` bundle: the analysis as JSON, Markdown, CSV and a map, written as a whole.

>>> from swgraph.records.dataset import load_dataset
>>> from swgraph.application.suite import run_analysis
>>> ds = load_dataset()
>>> a = run_analysis(ds)
>>> sorted(analysis_files(ds, a.result, analysis=a))
['analysis.json', 'map.html', 'nodes.csv', 'report.md']
"""

from __future__ import annotations

from swgraph.application.maps import seeds_map_html
from swgraph.application.suite import Analysis
from swgraph.application.tables import to_csv, to_markdown
from swgraph.core.encode import json_text
from swgraph.records.dataset import Dataset


def analysis_files(ds: Dataset, result: dict, *, top: int = 10, as_of: str | None = None,
                   analysis: Analysis | None = None) -> dict[str, str]:
    """File name -> content of the bundle, built from one analysis (the map reuses its metrics).

    ``analysis``: the :class:`~swgraph.application.suite.Analysis` behind ``result``; the map then
    also reuses its dataset and graph instead of building the collaboration graph again.
    """
    return {
        "analysis.json": json_text(result),
        "report.md": to_markdown(result, top=top),
        "nodes.csv": to_csv(result),
        "map.html": seeds_map_html(ds, result, as_of=as_of, analysis=analysis),
    }
