"""The neo4j-admin bundle imports with Neo4j's own import tool into exactly the graph swgraph loads."""

import csv
import re
import shlex
import subprocess

import pytest

from swgraph.core.errors import InputError
from swgraph.graph import full_graph
from swgraph.neo4j.bulk import write_bundle
from swgraph.records.dataset import load_dataset
from tests.hostile import write_hostile_dataset


def test_bundle_files_and_refusal_to_overwrite(tmp_path):
    files = write_bundle(load_dataset(), tmp_path / "b")
    assert files[-1] == "import.sh" and sum(f.startswith("relationships-") for f in files) >= 10
    with open(tmp_path / "b" / "relationships-PARTY_TO.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "index:long" in header
    with pytest.raises(InputError, match="not empty"):
        write_bundle(load_dataset(), tmp_path / "b")


@pytest.mark.neo4j
@pytest.mark.parametrize("data", ["seeds", "hostile names"])
def test_neo4j_admin_import_gives_the_full_graph(neo4j_runtime, tmp_path, data):
    from swgraph.neo4j import server

    java = server.find_java()
    lib = server.ensure_jars(java)
    ds = load_dataset() if data == "seeds" else load_dataset([write_hostile_dataset(tmp_path / "hostile")[0]])
    write_bundle(ds, tmp_path / "bundle")
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("", encoding="utf-8")
    script = (tmp_path / "bundle" / "import.sh").read_text(encoding="utf-8")
    args = shlex.split(re.search(r"neo4j-admin (database import full .*)$", script, flags=re.M).group(1))
    proc = subprocess.run([str(java.home / "bin" / "java"), "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", *args],
                          cwd=tmp_path / "bundle", env={"NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf"),
                                                        "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    G = full_graph(ds)
    assert re.search(rf"\b{G.number_of_nodes()} nodes\b", proc.stdout)
    assert re.search(rf"\b{G.number_of_edges()} relationships\b", proc.stdout)
