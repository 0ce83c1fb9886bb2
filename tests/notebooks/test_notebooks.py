"""Every notebook runs top to bottom with a real kernel, and is stored without outputs."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
NEEDS_NEO4J = {"03_cypher_in_neo4j.ipynb"}


def test_notebooks_exist():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name not in NEEDS_NEO4J], ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "outputs must be stripped in git"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    html = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text/html" in o.get("data", {})]
    assert html, "expected rich output (tables or the inline map)"


@pytest.mark.neo4j
def test_cypher_notebook_against_the_real_neo4j(neo4j_env, neo4j_driver, tmp_path):
    from swgraph.neo4j import loader
    from swgraph.records.dataset import load_dataset

    path = next(p for p in NOTEBOOKS if p.name in NEEDS_NEO4J)  # the kernel inherits the NEO4J_* variables
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        loader.delete_dataset(neo4j_driver, load_dataset().info.id)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    text = "".join(o.get("data", {}).get("text/plain", "") for c in nb.cells for o in c.get("outputs", []))
    assert "京粤社工战略合作协议" in text and "same numbers from Neo4j and from the files" in text
