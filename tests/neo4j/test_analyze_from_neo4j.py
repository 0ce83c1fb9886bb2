"""`swgraph load` then `swgraph analyze --from neo4j` gives exactly the numbers the files give."""

import json

import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli
from swgraph.dataset import load_dataset
from swgraph.neo4j import loader

from .common import as_dataset, dataset_id_fixture

dataset_id = dataset_id_fixture("cli-analyze")


@pytest.mark.neo4j
def test_analyze_from_neo4j_equals_analyze_from_files(neo4j_settings, neo4j_driver, dataset_id):
    loader.load(neo4j_driver, as_dataset(load_dataset(), dataset_id), database=neo4j_settings.database)
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USERNAME": neo4j_settings.username,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database or ""}
    runner = CliRunner(env=env)
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
def test_wrong_password_is_one_line_error(neo4j_settings):
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USERNAME": neo4j_settings.username, "NEO4J_PASSWORD": "not-the-password"}
    res = CliRunner(env=env).invoke(cli, ["analyze", "--from", "neo4j"])
    assert res.exit_code != 0 and "Traceback" not in res.output
    assert "not-the-password" not in res.output
    assert len(res.output.strip().splitlines()) == 1
