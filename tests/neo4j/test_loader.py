"""Schema and loader: counts equal the full graph, idempotent, --replace and sweep, interrupted loads converge.

Tests that need Neo4j use the session's server (``neo4j_driver``) and a dataset id of their own,
deleting only that dataset, so they never disturb other tests sharing the server.
"""

from __future__ import annotations

import collections
import os
import signal
import socket
import subprocess
import threading
import uuid

import pytest
from click.testing import CliRunner

from swgraph.core import model as m
from swgraph.core import registry
from swgraph.core.errors import Neo4jError
from swgraph.graph import full_graph
from swgraph.neo4j import loader, lock, schema
from swgraph.neo4j.reader import read_dataset_with_driver
from swgraph.records.dataset import Dataset, default_seeds_dir, load_dataset

from .common import as_dataset, dataset_id_fixture

# ----------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def seeds() -> Dataset:
    return load_dataset()


dataset_id = dataset_id_fixture("test")


def normalised(snap: dict, dsid: str) -> dict:
    """A snapshot with the dataset id taken out, to compare loads made under different ids."""
    def fix(v):
        if isinstance(v, str):
            return v.replace(dsid, "<ds>")
        if isinstance(v, (tuple, list)):
            return type(v)(fix(x) for x in v)
        if isinstance(v, dict):
            return {fix(k): fix(x) for k, x in v.items()}
        return v
    return fix(snap)


# ----------------------------------------------------------------------------- schema (no server)


def test_schema_file_is_generated_from_the_registry():
    path = schema.SCHEMA_FILE
    assert path.read_text(encoding="utf-8") == schema.schema_cypher(), (
        "cypher/schema.cypher is stale: .venv/bin/python -m swgraph.neo4j.schema > cypher/schema.cypher")


def test_schema_covers_every_relationship_type_and_is_idempotent():
    stmts = schema.statements()
    assert all("IF NOT EXISTS" in s for s in stmts)
    for rel in registry.RELATIONSHIP_TYPES:
        assert any(f"[r:{rel}]" in s and "r.uid IS UNIQUE" in s for s in stmts), rel
    assert any(f"(n:{registry.BASE_LABEL}) REQUIRE n.uid IS UNIQUE" in s for s in stmts)


def test_fulltext_index_covers_names_aliases_and_pinyin():
    ft = [s for s in schema.statements() if "FULLTEXT" in s]
    assert len(ft) == 1 and "'cjk'" in ft[0]
    for prop in schema.FULLTEXT_PROPERTIES:
        assert f"n.{prop}" in ft[0]
    # name_zh and name_en are model fields; name_text and name_pinyin are what the loader derives
    assert {"name_zh", "name_en"} <= set(m.Organisation.model_fields) and {"name_zh", "name_en"} <= set(m.Person.model_fields)
    assert {"name_text", "name_pinyin"} <= set(loader.DERIVED_NODE_PROPERTIES)
    org = load_dataset().get("cfsw")
    props = loader.record_properties(org, "d", 0, ("?", None))
    for text in ("中国社会工作联合会", "China Federation of Social Workers", "中国社会工作协会", "社会工作联合会",
                 "zhong guo she hui gong zuo lian he hui"):
        assert text in props["name_text"]
    assert props["aliases"] == ["中国社会工作协会", "社会工作联合会"]


def test_every_registry_label_is_allowed_and_nothing_else():
    kind_labels = {spec.label for spec in registry.KINDS.values()}
    assert kind_labels <= schema.ALLOWED_LABELS
    assert schema.ALLOWED_LABELS == kind_labels | set(registry.GROUP_LABELS.values()) | {
        registry.BASE_LABEL, registry.SOURCE_LABEL, schema.DATASET_LABEL}
    assert schema.ALLOWED_REL_TYPES == set(registry.RELATIONSHIP_TYPES)


@pytest.mark.parametrize("bad", ["Organisation`) DETACH DELETE n //", "Nope", "", "organisation", "PART_OF "])
def test_identifiers_outside_the_allow_list_are_refused(bad):
    with pytest.raises(ValueError):
        schema.check_identifier(bad)
    with pytest.raises(ValueError):
        loader.node_query([registry.BASE_LABEL, bad])
    with pytest.raises(ValueError):
        loader.relationship_query(bad)


def test_derived_properties_never_shadow_model_fields():
    models = [*registry.COLLECTIONS.values(), m.Source]
    for model in models:
        fields = set(model.model_fields)
        assert not fields & set(loader.DERIVED_NODE_PROPERTIES), model
        for name in fields:
            assert f"{name}_inferred" not in fields and f"{name}_note" not in fields and f"{name}_json" not in fields


def test_values_travel_only_as_parameters(seeds):
    """No record value appears in any Cypher text the loader sends."""
    rows = loader.build_rows(seeds)
    texts = [loader.node_query(lbs) for lbs in rows.nodes] + [loader.relationship_query(t) for t in rows.relationships]
    for text in texts:
        for needle in ("cfsw", "中国", "2015", "'"):
            assert needle not in text


def test_rows_match_the_full_graph(seeds):
    rows = loader.build_rows(seeds)
    G = full_graph(seeds)
    assert (rows.node_count, rows.relationship_count) == (G.number_of_nodes(), G.number_of_edges())
    by_type = collections.Counter(d["type"] for _, _, d in G.edges(data=True))
    assert {t: len(r) for t, r in rows.relationships.items()} == dict(by_type)
    assert len(rows.node_uids()) == rows.node_count and len(rows.relationship_uids()) == rows.relationship_count


# ----------------------------------------------------------------------------- loading


@pytest.mark.neo4j
def test_counts_labels_and_types_equal_the_record_set(neo4j_driver, seeds, dataset_id):
    ds = as_dataset(seeds, dataset_id)
    report = loader.load(neo4j_driver, ds, batch_size=50)
    G = full_graph(ds)
    assert (report.nodes, report.relationships) == (G.number_of_nodes(), G.number_of_edges())
    assert loader.count_loaded(neo4j_driver, dataset_id) == (G.number_of_nodes(), G.number_of_edges())

    snap = loader.snapshot(neo4j_driver, dataset_id)
    by_type = collections.Counter(t for t, *_ in snap["relationships"].values())
    assert by_type == collections.Counter(d["type"] for _, _, d in G.edges(data=True))
    labels, cfsw = snap["nodes"][f"{dataset_id}:cfsw"]
    assert labels == ("NationalFederation", "Organisation", "SwgraphNode")
    assert cfsw["founded"] == "2014-12" and cfsw["founded_inferred"] is True and cfsw["tier"] == 0
    assert snap["nodes"][f"{dataset_id}:source:cfsw-2015-jingyue"][0] == ("Source", "SwgraphNode")
    assert snap["nodes"][f"{dataset_id}:agr-2015-jingyue"][0] == ("Agreement", "Record", "SwgraphNode")
    # every edge of the full graph is there, with its direction
    edges = {(snap["nodes"][s][1]["id"], snap["nodes"][e][1]["id"], t) for t, s, e, _ in snap["relationships"].values()}
    assert edges == {(u, v, d["type"]) for u, v, d in G.edges(data=True)}
    # provenance: citations keep their quote and the field they support
    cites = [p for t, _, _, p in snap["relationships"].values() if t == "CITES" and p["owner"] == "agr-2015-jingyue"]
    assert sorted(p["index"] for p in cites) == [0, 1, 2, 3, 4, 5]
    assert {p.get("about") for p in cites} == {"title_zh", "signed", "scope", "first_year_items", "purpose_zh", "note"}
    assert snap["dataset"]["status"] == "complete"


@pytest.mark.neo4j
def test_second_load_changes_nothing(neo4j_driver, seeds, dataset_id):
    ds = as_dataset(seeds, dataset_id)
    loader.load(neo4j_driver, ds)
    first = loader.snapshot(neo4j_driver, dataset_id)
    report = loader.load(neo4j_driver, ds, batch_size=7)
    assert report.deleted_nodes == report.deleted_relationships == 0
    assert loader.snapshot(neo4j_driver, dataset_id) == first


@pytest.mark.neo4j
def test_replace_touches_only_this_dataset(neo4j_driver, seeds, dataset_id):
    other = f"{dataset_id}-other"
    marker = uuid.uuid4().hex
    try:
        loader.load(neo4j_driver, as_dataset(seeds, other))
        neo4j_driver.execute_query(
            "CREATE (:Unrelated {marker: $m, dataset: $ds, uid: $uid, id: 'cfsw'})-[:KNOWS {dataset: $ds}]->"
            "(:Unrelated {marker: $m})", m=marker, ds=dataset_id, uid=f"{dataset_id}:cfsw")
        ds = as_dataset(seeds, dataset_id)
        loader.load(neo4j_driver, ds)
        other_before = loader.snapshot(neo4j_driver, other)
        report = loader.load(neo4j_driver, ds, replace=True)
        G = full_graph(ds)
        assert report.replaced_nodes == G.number_of_nodes()
        assert loader.count_loaded(neo4j_driver, dataset_id) == (G.number_of_nodes(), G.number_of_edges())
        assert loader.snapshot(neo4j_driver, other) == other_before
        res = neo4j_driver.execute_query("MATCH (n:Unrelated {marker: $m}) OPTIONAL MATCH (n)-[r:KNOWS]->() "
                                         "RETURN count(DISTINCT n) AS n, count(r) AS r", m=marker)
        assert (res.records[0]["n"], res.records[0]["r"]) == (2, 1)
    finally:
        loader.delete_dataset(neo4j_driver, other)
        neo4j_driver.execute_query("MATCH (n:Unrelated {marker: $m}) DETACH DELETE n", m=marker)


@pytest.mark.neo4j
def test_edited_files_are_mirrored_exactly(neo4j_driver, seeds, dataset_id):
    """Removed records go, changed kinds change labels, reordered references reorder: like a fresh load."""
    loader.load(neo4j_driver, as_dataset(seeds, dataset_id))
    edited = as_dataset(seeds, dataset_id)
    edited.records["statistics"] = edited.records["statistics"][1:]
    orgs = edited.records["organisations"]
    i = next(i for i, o in enumerate(orgs) if o.id == "hk-swd")
    orgs[i] = orgs[i].model_copy(update={"kind": "other_organisation", "names": []})
    agr = edited.records["agreements"][0]
    edited.records["agreements"][0] = agr.model_copy(update={"parties": list(reversed(agr.parties))})
    report = loader.load(neo4j_driver, edited)
    assert report.deleted_nodes == 1 and report.deleted_relationships > 0
    after = loader.snapshot(neo4j_driver, dataset_id)

    fresh = f"{dataset_id}-fresh"
    try:
        loader.load(neo4j_driver, as_dataset(edited, fresh))
        assert normalised(after, dataset_id) == normalised(loader.snapshot(neo4j_driver, fresh), fresh)
    finally:
        loader.delete_dataset(neo4j_driver, fresh)
    labels, props = after["nodes"][f"{dataset_id}:hk-swd"]
    assert labels == ("Organisation", "OtherOrganisation", "SwgraphNode") and "aliases" not in props


class Interrupt(Exception):
    pass


@pytest.mark.neo4j
@pytest.mark.parametrize("stop_after", [1, 9, 30])
def test_interrupted_load_then_rerun_equals_uninterrupted(neo4j_driver, seeds, dataset_id, stop_after):
    reference_id = f"{dataset_id}-ref"
    try:
        loader.load(neo4j_driver, as_dataset(seeds, reference_id), batch_size=10)
        reference = normalised(loader.snapshot(neo4j_driver, reference_id), reference_id)
    finally:
        loader.delete_dataset(neo4j_driver, reference_id)

    batches = 0

    def progress(phase, done, total):
        nonlocal batches
        if phase in ("nodes", "relationships") and done:
            batches += 1
            if batches >= stop_after:
                raise Interrupt

    ds = as_dataset(seeds, dataset_id)
    with pytest.raises(Interrupt):
        loader.load(neo4j_driver, ds, batch_size=10, progress=progress)
    partial = loader.snapshot(neo4j_driver, dataset_id)
    assert partial["dataset"]["status"] == "loading"
    assert len(partial["nodes"]) + len(partial["relationships"]) < len(reference["nodes"]) + len(reference["relationships"])
    with pytest.raises(Neo4jError, match="not completely loaded"):
        read_dataset_with_driver(neo4j_driver, dataset_id)

    loader.load(neo4j_driver, ds, batch_size=10)
    assert normalised(loader.snapshot(neo4j_driver, dataset_id), dataset_id) == reference


@pytest.mark.neo4j
def test_interrupted_load_of_edited_data_converges(neo4j_driver, seeds, dataset_id):
    """Old data loaded, new data's load interrupted half-way, re-run: equals a clean load of the new data."""
    loader.load(neo4j_driver, as_dataset(seeds, dataset_id))
    edited = as_dataset(seeds, dataset_id)
    edited.records["events"] = [e for e in edited.records["events"] if e.id != "ev-2015-04-bj-swa-study-visit"]

    def progress(phase, done, total):
        if phase == "relationships" and done > total // 2:
            raise Interrupt

    with pytest.raises(Interrupt):
        loader.load(neo4j_driver, edited, batch_size=5, progress=progress)
    loader.load(neo4j_driver, edited)
    fresh = f"{dataset_id}-fresh"
    try:
        loader.load(neo4j_driver, as_dataset(edited, fresh))
        assert normalised(loader.snapshot(neo4j_driver, dataset_id), dataset_id) == normalised(
            loader.snapshot(neo4j_driver, fresh), fresh)
    finally:
        loader.delete_dataset(neo4j_driver, fresh)


@pytest.mark.neo4j
def test_killed_server_mid_load_then_rerun_converges(neo4j_runtime, neo4j_driver, seeds, tmp_path):
    """A real crash: SIGKILL our own Neo4j part-way through a load, restart it, load again.

    The re-run converges to the identical graph: the checksum of every label and property of the dataset's
    nodes and relationships equals that of a clean load of the same data (same dataset id, on the session
    server), and the killed load's lock is taken over and released.
    """
    from swgraph.neo4j import server
    from swgraph.neo4j.connection import Settings, connect

    dsid = f"test-kill-{uuid.uuid4().hex[:6]}"  # the same id on both servers, so checksums compare as they are
    try:
        loader.load(neo4j_driver, as_dataset(seeds, dsid))
        reference = loader.checksum(neo4j_driver, dsid)
        reference_snapshot = loader.snapshot(neo4j_driver, dsid)
    finally:
        loader.delete_dataset(neo4j_driver, dsid)

    home = tmp_path / "neo4j-kill"
    info = server.start(home=home)
    try:
        settings = Settings(uri=info.bolt_uri, username=info.username, password=info.read_password())
        ds = as_dataset(seeds, dsid)
        killed = False

        def kill_mid_load(phase, done, total):
            nonlocal killed
            if phase == "relationships" and not killed:
                killed = True
                os.kill(info.pid, signal.SIGKILL)

        with connect(settings) as driver, pytest.raises(Neo4jError):
            loader.load(driver, ds, batch_size=3, progress=kill_mid_load)
        assert killed

        info = server.start(home=home)  # recovers the store from its transaction log
        settings = Settings(uri=info.bolt_uri, username=info.username, password=info.read_password())
        with connect(settings) as driver:
            partial = loader.snapshot(driver, dsid)
            assert partial["dataset"]["status"] == "loading"
            assert loader.checksum(driver, dsid) != reference
            left = lock.holder(driver, dsid)
            assert left is not None and left["pid"] == os.getpid()  # the dead load's lock survived the crash
            loader.load(driver, ds, batch_size=3)  # takes the stale lock over
            assert loader.checksum(driver, dsid) == reference
            assert loader.snapshot(driver, dsid) == reference_snapshot
            assert lock.holder(driver, dsid) is None
    finally:
        server.stop(home)


# ----------------------------------------------------------------------------- concurrent loads and the lock


def two_versions(seeds: Dataset, dsid: str) -> tuple[Dataset, Dataset]:
    """Two small, different versions of one dataset: A has the agreements, B the ties and a renamed federation."""
    def version(keep: str, rename: bool) -> Dataset:
        ds = as_dataset(seeds, dsid)
        for collection in ds.records:
            if collection not in ("organisations", keep):
                ds.records[collection] = []
        if rename:
            orgs = ds.records["organisations"]
            i = next(i for i, o in enumerate(orgs) if o.id == "cfsw")
            orgs[i] = orgs[i].model_copy(update={"name_en": "China Federation of Social Workers (version B)"})
        return ds

    return version("agreements", False), version("ties", True)


def clean_checksum(driver, ds: Dataset) -> str:
    """The checksum of *ds* loaded alone into an empty dataset (deleted again afterwards)."""
    loader.delete_dataset(driver, ds.info.id)
    try:
        loader.load(driver, ds)
        return loader.checksum(driver, ds.info.id)
    finally:
        loader.delete_dataset(driver, ds.info.id)


@pytest.mark.neo4j
def test_checksum_sees_every_label_and_property_and_not_the_order(neo4j_driver, seeds, dataset_id):
    a, b = two_versions(seeds, dataset_id)
    loader.load(neo4j_driver, a)
    first = loader.checksum(neo4j_driver, dataset_id)
    assert len(first) == 64 and loader.checksum(neo4j_driver, dataset_id) == first
    loader.load(neo4j_driver, a, batch_size=1)  # written again in other transactions: the same checksum
    assert loader.checksum(neo4j_driver, dataset_id) == first
    uid = loader.node_uid(dataset_id, "bnu")
    for change, undo in [
        ("SET n.name_en = 'changed'", "SET n.name_en = $old.name_en"),
        ("SET n:Extra", "REMOVE n:Extra"),
        ("SET n.extra = 1", "REMOVE n.extra"),
    ]:
        old = neo4j_driver.execute_query("MATCH (n {uid: $u}) RETURN properties(n) AS p", u=uid).records[0]["p"]
        neo4j_driver.execute_query(f"MATCH (n {{uid: $u}}) {change}", u=uid)
        assert loader.checksum(neo4j_driver, dataset_id) != first, change
        neo4j_driver.execute_query(f"MATCH (n {{uid: $u}}) {undo}", u=uid, old=old)
        assert loader.checksum(neo4j_driver, dataset_id) == first, undo
    neo4j_driver.execute_query("MATCH (:SwgraphNode {dataset: $d})-[r:PART_OF]->() WITH r LIMIT 1 SET r.extra = 1",
                               d=dataset_id)
    assert loader.checksum(neo4j_driver, dataset_id) != first
    loader.load(neo4j_driver, b)
    assert loader.checksum(neo4j_driver, dataset_id) != first


@pytest.mark.neo4j
def test_second_load_of_a_dataset_is_refused_while_the_first_runs(neo4j_driver, seeds, dataset_id):
    """Load B of a dataset starts while load A holds it: B is refused, naming A; the graph is exactly A."""
    a, b = two_versions(seeds, dataset_id)
    reference_a = clean_checksum(neo4j_driver, a)
    holding, refused, outcome = threading.Event(), threading.Event(), {}

    def pause_once(phase, done, total):
        if not holding.is_set():
            holding.set()  # A holds the lock now
            refused.wait(120)

    def load_a():
        try:
            outcome["a"] = loader.load(neo4j_driver, a, batch_size=2, progress=pause_once)
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome["a"] = exc

    thread = threading.Thread(target=load_a)
    thread.start()
    try:
        assert holding.wait(120)
        with pytest.raises(Neo4jError) as err:
            loader.load(neo4j_driver, b, batch_size=2)
    finally:
        refused.set()
        thread.join(300)
    message = str(err.value)
    assert message.startswith(f"dataset {dataset_id!r} is being loaded by a load of {dataset_id!r}")
    assert f"host {socket.gethostname()}, pid {os.getpid()}" in message and "--break-lock" in message
    assert "\n" not in message
    assert isinstance(outcome["a"], loader.LoadReport), outcome["a"]
    assert loader.checksum(neo4j_driver, dataset_id) == reference_a
    assert loader.snapshot(neo4j_driver, dataset_id)["dataset"]["status"] == "complete"
    assert lock.holder(neo4j_driver, dataset_id) is None


@pytest.mark.neo4j
def test_two_loads_racing_leave_exactly_one_version(neo4j_driver, seeds, dataset_id):
    """Two loads of different versions started together: each one either completes or is refused by the lock,
    and the graph marked complete is exactly one of the versions (checksum of a clean load), never a mix."""
    a, b = two_versions(seeds, dataset_id)
    expected = {"a": clean_checksum(neo4j_driver, a), "b": clean_checksum(neo4j_driver, b)}
    assert expected["a"] != expected["b"]
    start, outcome = threading.Barrier(2), {}

    def run(name, ds):
        start.wait(60)
        try:
            outcome[name] = loader.load(neo4j_driver, ds, batch_size=2)
        except Neo4jError as exc:
            outcome[name] = exc

    threads = [threading.Thread(target=run, args=(n, ds)) for n, ds in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    done = [n for n, r in outcome.items() if isinstance(r, loader.LoadReport)]
    refused = [n for n, r in outcome.items() if isinstance(r, Neo4jError)]
    assert sorted(done + refused) == ["a", "b"] and done
    for n in refused:
        assert "is being loaded by" in str(outcome[n]), outcome[n]
    final = loader.checksum(neo4j_driver, dataset_id)
    assert final in expected.values()
    if refused:
        assert final == expected[done[0]]
    assert loader.snapshot(neo4j_driver, dataset_id)["dataset"]["status"] == "complete"
    assert lock.holder(neo4j_driver, dataset_id) is None


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


@pytest.mark.neo4j
def test_stale_lock_of_a_dead_local_load_is_taken_over(neo4j_driver, seeds, dataset_id):
    a, _ = two_versions(seeds, dataset_id)
    lock.ensure_constraint(neo4j_driver)
    neo4j_driver.execute_query(f"CREATE (l:{lock.LOCK_LABEL}) SET l = $p", p={
        "dataset": dataset_id, "token": "dead", "host": socket.gethostname(), "pid": _dead_pid(),
        "started_at": "2026-01-01T00:00:00Z"})
    loader.load(neo4j_driver, a)
    assert lock.holder(neo4j_driver, dataset_id) is None
    assert loader.snapshot(neo4j_driver, dataset_id)["dataset"]["status"] == "complete"


@pytest.mark.neo4j
def test_lock_from_another_host_is_refused_until_broken(neo4j_driver, seeds, dataset_id):
    a, _ = two_versions(seeds, dataset_id)
    lock.ensure_constraint(neo4j_driver)
    neo4j_driver.execute_query(f"CREATE (l:{lock.LOCK_LABEL}) SET l = $p", p={
        "dataset": dataset_id, "token": "far", "host": "elsewhere.example", "pid": 4242,
        "started_at": "2026-01-01T00:00:00Z", "version": "9 nodes, 4 relationships"})
    try:
        with pytest.raises(Neo4jError) as err:
            loader.load(neo4j_driver, a)
        message = str(err.value)
        assert ("a load of %r (version 9 nodes, 4 relationships) from host elsewhere.example, pid 4242, "
                "started 2026-01-01T00:00:00Z" % dataset_id) in message
        assert "swgraph load --break-lock" in message and "\n" not in message
        assert loader.snapshot(neo4j_driver, dataset_id)["nodes"] == {}  # refused before writing anything
        cleared = lock.break_lock(neo4j_driver, dataset_id)
        assert cleared["host"] == "elsewhere.example"
        loader.load(neo4j_driver, a)
        assert lock.holder(neo4j_driver, dataset_id) is None
    finally:
        lock.break_lock(neo4j_driver, dataset_id)


# ----------------------------------------------------------------------------- CLI


@pytest.mark.neo4j
def test_load_command(neo4j_env, neo4j_driver, seeds, tmp_path):
    neo4j_settings = neo4j_env
    import json

    from swgraph.cli.load import load_cmd

    seed_copy = tmp_path / "seeds"
    seed_copy.mkdir()
    dsid = f"test-cli-{uuid.uuid4().hex[:8]}"
    for f in sorted(default_seeds_dir().glob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        if f.name == "dataset.yaml":
            text = text.replace("id: cfsw-documented", f"id: {dsid}")
        (seed_copy / f.name).write_text(text, encoding="utf-8")
    try:
        res = CliRunner().invoke(load_cmd, [str(seed_copy), "--batch-size", "25", "--format", "json"])
        assert res.exit_code == 0, res.output
        report = json.loads(res.output)
        G = full_graph(seeds)
        assert (report["dataset"], report["nodes"], report["relationships"]) == (
            dsid, G.number_of_nodes(), G.number_of_edges())
        assert neo4j_settings.password not in res.output
        res = CliRunner().invoke(load_cmd, [str(seed_copy), "--replace"])
        assert res.exit_code == 0, res.output
        assert f"Loaded dataset {dsid}" in res.output and "--replace removed" in res.output
    finally:
        loader.delete_dataset(neo4j_driver, dsid)


def test_load_command_refuses_invalid_data(tmp_path, monkeypatch):
    from swgraph.cli.load import load_cmd

    (tmp_path / "bad.yaml").write_text("organisations:\n  - {id: x, kind: nope, name_zh: 甲}\n", encoding="utf-8")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "irrelevant-pw")
    res = CliRunner().invoke(load_cmd, [str(tmp_path)])
    assert res.exit_code == 2 and "bad.yaml:2" in res.output and "kind" in res.output


# ----------------------------------------------------------------------------- content hashes: unchanged rows are skipped


def test_row_hashes_follow_content_not_dataset_id(seeds):
    a, b = loader.build_rows(as_dataset(seeds, "ds-a")), loader.build_rows(as_dataset(seeds, "ds-b"))
    ha = [r["props"][loader.HASH_PROPERTY] for rs in a.nodes.values() for r in rs]
    hb = [r["props"][loader.HASH_PROPERTY] for rs in b.nodes.values() for r in rs]
    assert ha == hb and len(set(ha)) == len(ha)
    edited = as_dataset(seeds, "ds-a")
    org = edited.records["organisations"][0]
    edited.records["organisations"][0] = org.model_copy(update={"name_en": "Changed"})
    hc = [r["props"][loader.HASH_PROPERTY] for rs in loader.build_rows(edited).nodes.values() for r in rs]
    assert sum(x != y for x, y in zip(ha, hc, strict=True)) == 1


def test_new_rows_use_on_create_without_label_removal():
    q = loader.new_node_query(("SwgraphNode", "Organisation", "NationalFederation"))
    assert "ON CREATE SET n = row.props, n:Organisation:NationalFederation" in q and "REMOVE" not in q
    assert "ON CREATE SET r = row.props" in loader.relationship_query("CITES", new=True)


@pytest.mark.neo4j
def test_new_path_writes_what_the_old_semantics_wrote(neo4j_driver, seeds, dataset_id):
    """A first load (ON CREATE path) equals the old upsert (SET = props, labels removed) row for row."""
    ds = as_dataset(seeds, dataset_id)
    loader.load(neo4j_driver, ds)
    new = loader.snapshot(neo4j_driver, dataset_id)
    old_id = f"{dataset_id}-old"
    try:
        old_ds = as_dataset(seeds, old_id)
        rows = loader.build_rows(old_ds)
        schema.apply(neo4j_driver)
        neo4j_driver.execute_query(loader.DATASET_NODE_QUERY, id=old_id,
                                   props=loader._dataset_props(old_ds, rows, status="complete"))
        for labels, node_rows in rows.nodes.items():
            neo4j_driver.execute_query(loader.node_query(labels), rows=node_rows)
        for rel, rel_rows in rows.relationships.items():
            neo4j_driver.execute_query(loader.relationship_query(rel), rows=rel_rows)
        old = loader.snapshot(neo4j_driver, old_id)
    finally:
        loader.delete_dataset(neo4j_driver, old_id)
    assert normalised(new, dataset_id) == normalised(old, old_id)


@pytest.mark.neo4j
def test_unchanged_reload_writes_nothing(neo4j_driver, seeds, dataset_id):
    ds = as_dataset(seeds, dataset_id)
    first = loader.load(neo4j_driver, ds)
    assert first.writes > 0 and first.skipped == 0
    before = loader.snapshot(neo4j_driver, dataset_id)
    again = loader.load(neo4j_driver, ds, batch_size=7)
    assert again.writes == 0 and again.batches == 0
    assert again.skipped == first.nodes + first.relationships
    after = loader.snapshot(neo4j_driver, dataset_id)
    assert after == before
    rows = loader.build_rows(ds)
    stored = {uid: p[loader.HASH_PROPERTY] for uid, (_, p) in after["nodes"].items()}
    assert stored == {r["uid"]: r["props"][loader.HASH_PROPERTY] for rs in rows.nodes.values() for r in rs}
    stored = {uid: p[loader.HASH_PROPERTY] for uid, (*_, p) in after["relationships"].items()}
    assert stored == {r["uid"]: r["props"][loader.HASH_PROPERTY] for rs in rows.relationships.values() for r in rs}


@pytest.mark.neo4j
def test_changed_record_is_updated_and_removed_ones_deleted_in_batches(neo4j_driver, seeds, dataset_id):
    loader.load(neo4j_driver, as_dataset(seeds, dataset_id))
    old = loader.build_rows(as_dataset(seeds, dataset_id))
    old_hashes = {r["uid"]: r["props"][loader.HASH_PROPERTY]
                  for group in (*old.nodes.values(), *old.relationships.values()) for r in group}
    edited = as_dataset(seeds, dataset_id)
    orgs = edited.records["organisations"]
    orgs[0] = orgs[0].model_copy(update={"name_en": "A changed name"})
    removed = edited.records["statistics"][:3]
    edited.records["statistics"] = edited.records["statistics"][3:]
    stale_rels = sum(1 for r in removed for _ in registry.iter_references(r)) + sum(len(r.sources) for r in removed)
    batches = []
    real_run = loader._run

    def spy(driver, query, database, **params):
        if query in (loader.DELETE_NODES_QUERY, loader.DELETE_RELS_QUERY):
            batches.append((query, len(params.get("uids") or params.get("eids"))))
        return real_run(driver, query, database, **params)

    loader._run = spy
    try:
        report = loader.load(neo4j_driver, edited, batch_size=2)
    finally:
        loader._run = real_run
    assert report.deleted_nodes == 3 and report.deleted_relationships == stale_rels
    node_batches = [n for q, n in batches if q == loader.DELETE_NODES_QUERY]
    assert node_batches == [2, 1] and all(n <= 2 for _, n in batches)
    snap = loader.snapshot(neo4j_driver, dataset_id)
    assert snap["nodes"][f"{dataset_id}:{orgs[0].id}"][1]["name_en"] == "A changed name"
    assert not any(f"{dataset_id}:{r.id}" in snap["nodes"] for r in removed)
    # only rows whose content changed were sent (the renamed organisation; statistics whose order moved)
    new = loader.build_rows(edited)
    same = sum(old_hashes.get(r["uid"]) == r["props"][loader.HASH_PROPERTY]
               for group in (*new.nodes.values(), *new.relationships.values()) for r in group)
    assert report.skipped == same and 0 < report.nodes + report.relationships - same < 60


@pytest.mark.neo4j
def test_metrics_are_dropped_by_the_next_load(neo4j_driver, seeds, dataset_id):
    ds = as_dataset(seeds, dataset_id)
    loader.load(neo4j_driver, ds)
    before = loader.snapshot(neo4j_driver, dataset_id)
    assert loader.write_metrics(neo4j_driver, dataset_id, {"cfsw": {"degree": 3}}) == 1
    loader.load(neo4j_driver, ds)
    assert loader.snapshot(neo4j_driver, dataset_id) == before
