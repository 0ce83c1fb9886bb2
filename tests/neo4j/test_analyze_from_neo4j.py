"""`swgraph load` then `swgraph analyze --from neo4j` gives exactly the numbers the files give."""

import json

import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli
from swgraph.neo4j import loader
from swgraph.records.dataset import load_dataset

from .common import as_dataset, dataset_id_fixture

dataset_id = dataset_id_fixture("cli-analyze")


@pytest.mark.neo4j
def test_analyze_from_neo4j_equals_analyze_from_files(neo4j_env, neo4j_driver, dataset_id):
    loader.load(neo4j_driver, as_dataset(load_dataset(), dataset_id), database=neo4j_env.database)
    runner = CliRunner()
    from_neo4j = runner.invoke(cli, ["analyze", "--from", "neo4j", "--dataset", dataset_id, "--format", "json"])
    assert from_neo4j.exit_code == 0, from_neo4j.output
    from_files = runner.invoke(cli, ["analyze", "--format", "json"])
    a, b = json.loads(from_neo4j.stdout), json.loads(from_files.stdout)
    assert (a["dataset"]["source"], b["dataset"]["source"]) == ("neo4j", "files")
    assert a["dataset"]["id"] == dataset_id
    for part in (a, b):
        part["dataset"].pop("source")
        part["dataset"].pop("id")
    assert a == b


@pytest.mark.neo4j
def test_wrong_password_is_one_line_error(neo4j_env, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    res = CliRunner().invoke(cli, ["analyze", "--from", "neo4j"])
    assert res.exit_code != 0 and "Traceback" not in res.output
    assert "not-the-password" not in res.output
    assert len(res.output.strip().splitlines()) == 1


@pytest.mark.neo4j
def test_write_metrics_puts_the_cli_numbers_on_the_nodes(neo4j_env, neo4j_driver, dataset_id):
    loader.load(neo4j_driver, as_dataset(load_dataset(), dataset_id), database=neo4j_env.database)
    res = CliRunner().invoke(cli, ["analyze", "--from", "neo4j", "--dataset", dataset_id, "--format", "json",
                                          "--write-metrics"])
    assert res.exit_code == 0, res.output
    betweenness = json.loads(res.stdout)["nodes"]["cfsw"]["betweenness"]
    rec = neo4j_driver.execute_query("MATCH (n:SwgraphNode {uid: $uid}) RETURN n.metric_betweenness AS b, n.metric_degree AS d",
                                     uid=f"{dataset_id}:cfsw").records[0]
    assert rec["b"] == betweenness and rec["d"] == 6
    assert CliRunner().invoke(cli, ["analyze", "--write-metrics"]).exit_code == 2
