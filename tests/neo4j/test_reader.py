"""Round trip: what is read back from Neo4j is the record set that was loaded (same models, fields, order)."""

from __future__ import annotations

import uuid

import networkx as nx
import pytest

from swgraph.core import model as m
from swgraph.core.errors import InputError
from swgraph.graph import PROJECTIONS
from swgraph.neo4j import loader, reader
from swgraph.records.dataset import Dataset, DatasetInfo, load_dataset

from .common import as_dataset, dataset_id_fixture

pytestmark = pytest.mark.neo4j


def rich_dataset(dataset_id: str) -> Dataset:
    """Every kind of field the model has: nested participants, activities, dated aliases, inferred dates, floats."""
    cite = [{"source": "s1", "quote": "某某来源引文", "about": "name_zh"}, {"source": "s2", "quote": "第二条引文"}]
    info = DatasetInfo(id=dataset_id, title_zh="测试", title_en="Test", synthetic=False,
                       data_date={"value": "2020-01", "inferred": True, "note": "n"}, note="round trip")
    ds = Dataset(info=info)
    ds.sources = {
        "s1": m.Source(id="s1", title_zh="来源一", date={"value": "2019-11", "inferred": True, "note": "year"}),
        "s2": m.Source(id="s2", title_zh="来源二", title_en="Source two", file="s2.txt", publisher_zh="出版者"),
    }
    r = ds.records
    r["organisations"] += [
        m.Organisation(id="fed", kind="national_federation", name_zh="全国联合会", name_en="Federation",
                       names=[{"name": "旧名", "type": "former", "valid_until": {"value": "2014-12", "inferred": True}},
                              {"name": "Fed", "type": "english", "valid_from": "2015"}],
                       region="100000", founded={"value": "2014", "note": "renamed"}, sources=cite),
        m.Organisation(id="p1", kind="provincial_association", name_zh="甲省协会", region="440000", parent="fed",
                       pinyin="jia sheng xie hui", founded="2010-05-01", sources=cite[:1]),
        m.Organisation(id="p2", kind="provincial_association", name_zh="乙省协会", region="110000", parent="fed"),
        m.Organisation(id="c1", kind="municipal_association", name_zh="丙市协会", region="440100", parent="p1",
                       synthetic=True, generator="test 1"),
        m.Organisation(id="u1", kind="university", name_zh="大学", country="US", dissolved="2021"),
        m.Organisation(id="u1-s", kind="school", name_zh="学院", part_of="u1", description_zh="描述"),
    ]
    r["people"] += [m.Person(id="a", name_zh="甲", name_en="A", names=[{"name": "阿甲", "type": "alias"}]),
                    m.Person(id="b", name_zh="乙")]
    r["posts"] += [
        m.Post(id="post-a-fed", person="a", organisation="fed", role="president", role_zh="会长",
               start={"value": "2015-05-19"}, end="2020", sources=cite[1:]),
        m.Post(id="post-a-p1", person="a", organisation="p1", role="other", role_zh="顾问",
               observed={"value": "2016", "inferred": True}),
    ]
    r["agreements"] += [m.Agreement(id="agr", kind="memorandum", title_zh="协议", parties=["p2", "p1", "c1"],
                                    signed="2015-06-11", scope=[{"name_zh": "交流", "name_en": "exchange"}],
                                    first_year_items=[{"name_zh": "论坛", "year": 2015}], sources=cite)]
    r["events"] += [
        m.Event(id="ev1", kind="visit", title_zh="访问", host="fed", visitors=["p2", "p1"], participants=["u1"],
                people=["b", "a"], date={"value": "2019-11-13", "inferred": True, "note": "year inferred"},
                place="110000", delegation_zh="研习班", purpose_en="talks"),
        m.Event(id="ev2", kind="meeting", title_zh="会议", participants=["c1", "p1"], date="2016-03"),
    ]
    r["programmes"] += [m.Programme(
        id="prog", name_zh="计划", owner="fed", launched={"value": "2017-12", "inferred": True},
        dimensions=[{"name_zh": "治理"}, {"name_zh": "服务"}],
        participants=[{"organisation": "p1", "role": "base", "since": "2018"},
                      {"organisation": "c1", "role": "trainee"},
                      {"organisation": "u1", "since": {"value": "2019-04", "inferred": True}}],
        activities=[{"kind": "training", "name_zh": "培训", "place": "510100", "place_zh": "成都市", "count": 100,
                     "unit_zh": "名", "date": "2018"},
                    {"kind": "pilot", "name_zh": "试点", "status": "planned"}])]
    r["ties"] += [m.Tie(id="tie", kind="co_building", parties=["fed", "u1"], object="u1-s", directed=True,
                        description_en="builds")]
    r["statistics"] += [
        m.Statistic(id="st1", subject="p1", measure="council_members", measure_zh="理事", value=28, unit="people",
                    as_of={"value": "2015-06", "inferred": True}, reported_by="fed", qualifier="more_than"),
        m.Statistic(id="st2", region="440000", measure="share", measure_zh="比例", value=12.5, unit="percent",
                    out_of=100.0, as_of="2019", population_zh="社工", publication_zh="报告"),
    ]
    return ds


def assert_same_records(a: Dataset, b: Dataset) -> None:
    assert a.info == b.info
    assert list(a.sources.items()) == list(b.sources.items())
    for coll in a.records:
        left = [(type(x), x.model_dump()) for x in a.records[coll]]
        right = [(type(x), x.model_dump()) for x in b.records[coll]]
        assert left == right, coll
        assert a.records[coll] == b.records[coll]


dataset_id = dataset_id_fixture("test-rt")


def test_seeds_round_trip(neo4j_driver, dataset_id):
    ds = as_dataset(load_dataset(), dataset_id)
    loader.load(neo4j_driver, ds)
    back = reader.read_dataset_with_driver(neo4j_driver, dataset_id)
    assert_same_records(ds, back)
    assert [ds.origin(r) for r in ds.all_records()] == [back.origin(r) for r in back.all_records()]
    assert back.counts() == ds.counts()


def test_every_field_kind_round_trips(neo4j_driver, dataset_id):
    ds = rich_dataset(dataset_id)
    loader.load(neo4j_driver, ds, batch_size=4)
    back = reader.read_dataset_with_driver(neo4j_driver, dataset_id)
    assert_same_records(ds, back)
    # nested participation edges carry their attributes for queries
    rows = neo4j_driver.execute_query(
        "MATCH (o)-[r:PARTICIPATES_IN {dataset: $ds}]->(p:Programme) RETURN o.id AS o, r.role AS role, r.since AS since "
        "ORDER BY r.index", ds=dataset_id).records
    assert [(x["o"], x["role"], x["since"]) for x in rows] == [("p1", "base", "2018"), ("c1", "trainee", None),
                                                                ("u1", "participant", "2019-04")]


@pytest.mark.parametrize("name", sorted(PROJECTIONS))
def test_projections_from_neo4j_equal_projections_from_files(neo4j_driver, dataset_id, name):
    ds = as_dataset(load_dataset(), dataset_id)
    loader.load(neo4j_driver, ds)
    back = reader.read_dataset_with_driver(neo4j_driver, dataset_id)
    G1, G2 = PROJECTIONS[name](ds), PROJECTIONS[name](back)
    assert list(G1.nodes(data=True)) == list(G2.nodes(data=True))
    assert nx.utils.edges_equal(G1.edges(data=True), G2.edges(data=True))
    assert list(G1.edges) == list(G2.edges)  # same insertion order: same tie-breaking in analyses


def test_analysis_from_neo4j_equals_analysis_from_files(neo4j_driver, dataset_id):
    from swgraph.application import suite
    ds = as_dataset(load_dataset(), dataset_id)
    loader.load(neo4j_driver, ds)
    back = reader.read_dataset_with_driver(neo4j_driver, dataset_id)
    assert suite.analyze(back) == suite.analyze(ds)


def test_read_dataset_with_settings_and_default_dataset(neo4j_settings, neo4j_driver, dataset_id):
    ds = as_dataset(load_dataset(), dataset_id)
    loader.load(neo4j_driver, ds)
    back = reader.read_dataset(neo4j_settings, dataset_id)
    assert_same_records(ds, back)
    assert reader.read_dataset_from_neo4j is reader.read_dataset
    ids = [d["id"] for d in reader.list_datasets(neo4j_driver)]
    assert dataset_id in ids
    if len(ids) > 1:
        with pytest.raises(InputError, match="several datasets"):
            reader.resolve_dataset_id(neo4j_driver, None)


def test_unknown_dataset_is_an_input_error(neo4j_driver):
    with pytest.raises(InputError, match="not loaded"):
        reader.read_dataset_with_driver(neo4j_driver, f"missing-{uuid.uuid4().hex[:6]}")


def test_metrics_written_back_are_queryable_and_ignored_by_the_reader(neo4j_driver, dataset_id):
    ds = as_dataset(load_dataset(), dataset_id)
    loader.load(neo4j_driver, ds)
    n = loader.write_metrics(neo4j_driver, dataset_id, {"cfsw": {"betweenness": 0.18, "degree": 6},
                                                        "gd-swa": {"degree": 2}})
    assert n == 2
    rows = neo4j_driver.execute_query("MATCH (o:Organisation {dataset: $ds}) WHERE o.metric_degree IS NOT NULL "
                                      "RETURN o.id AS id, o.metric_degree AS d ORDER BY d DESC", ds=dataset_id).records
    assert [(r["id"], r["d"]) for r in rows] == [("cfsw", 6), ("gd-swa", 2)]
    assert_same_records(ds, reader.read_dataset_with_driver(neo4j_driver, dataset_id))
    loader.write_metrics(neo4j_driver, dataset_id, {"bj-swa": {"degree": 2}})  # a new analysis replaces the old
    snap = loader.snapshot(neo4j_driver, dataset_id)
    with_metrics = {p["id"]: {k: v for k, v in p.items() if k.startswith("metric_")}
                    for _, p in snap["nodes"].values() if any(k.startswith("metric_") for k in p)}
    assert with_metrics == {"bj-swa": {"metric_degree": 2}}
    with pytest.raises(InputError):
        loader.write_metrics(neo4j_driver, dataset_id, {"cfsw": {"Bad Name`": 1}})
    loader.load(neo4j_driver, ds)  # a load mirrors the files again
    assert not any(k.startswith("metric_") for _, p in loader.snapshot(neo4j_driver, dataset_id)["nodes"].values()
                   for k in p)
