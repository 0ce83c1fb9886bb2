"""JSON Lines data: the same records as the YAML form, problems named by file:line:record:field, cached alike."""

import json
import logging

import pytest

from swgraph.core.errors import ValidationFailed
from swgraph.records.dataset import Dataset, _read_file, iter_yaml_files, load_dataset, read_dataset
from swgraph.records.validate import validate
from swgraph.synthetic import write_generated

from ..helpers import MINI_SOURCES, write_yaml


def _records(ds):
    """Every record (type, fields, which fields were set), the sources and the dataset block: origins left out."""
    return (ds.info, [(type(r), r, r.model_fields_set) for r in ds.all_records()],
            [(k, v, v.model_fields_set) for k, v in ds.sources.items()])


def _line_by_line(folder):
    ds, problems = Dataset(), []
    for path in iter_yaml_files([folder]):
        _read_file(path, ds, problems, lean=False)
    return ds, problems


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("forms")
    write_generated(root / "yaml", seed=3, scale=0.05)
    write_generated(root / "jsonl", seed=3, scale=0.05, fmt="jsonl")
    return root / "yaml", root / "jsonl"


@pytest.mark.parametrize("cache", ["off", "on"])
def test_jsonl_reads_as_the_same_dataset_as_yaml(generated, cache, tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", "off" if cache == "off" else str(tmp_path / "cache"))
    as_yaml, as_jsonl = generated
    assert sorted(p.name for p in (as_jsonl / "synthetic").iterdir()) == [
        "dataset.jsonl", "organisations.jsonl", "people.jsonl", "programmes.jsonl", "relations.jsonl"]
    a, pa = read_dataset([as_yaml])
    for _ in range(2):  # first read, then (cache on) from the cache
        b, pb = read_dataset([as_jsonl])
        assert pa == pb == []
        assert _records(a) == _records(b)
        assert len(b.records["organisations"]) > 400 and len(list(b.all_records())) > 2000
    assert b.info.synthetic and b.info.id == "national-2015-s3-x0.05"
    assert all(r.synthetic and r.generator for r in b.all_records() if r.id.startswith("syn-"))
    assert validate(b) == validate(a) == []
    # the JSONL records know their file and line: one record a line, the dataset block on line 1
    org = next(r for r in b.organisations if r.id.startswith("syn-"))
    fname, line = b.origin(org)
    assert fname.endswith("organisations.jsonl")
    assert json.loads((as_jsonl / "synthetic" / "organisations.jsonl").read_text("utf-8").splitlines()[line - 1]) == {
        "organisations": org.model_dump(mode="json", exclude_unset=True)}
    assert b.locate(org, "name_zh") == (fname, line)
    assert b.locate(org, "region") == (fname, line)


def test_the_lean_and_the_line_by_line_jsonl_reads_agree(generated, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", "off")
    _yaml, as_jsonl = generated
    lean, problems = read_dataset([as_jsonl])
    slow, slow_problems = _line_by_line(as_jsonl)
    assert problems == slow_problems == []
    assert _records(lean) == _records(slow)
    assert [lean.origin(r) for r in lean.all_records()] == [slow.origin(r) for r in slow.all_records()]


def _jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


SRC = [{"source": "s1", "quote": "测试测试"}]


def _problems(tmp_path, text, monkeypatch, cache="off"):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", cache)
    write_yaml(tmp_path, "s.yaml", MINI_SOURCES)
    (tmp_path / "a.jsonl").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_dataset([tmp_path])
    return info.value.problems


def test_every_error_of_a_jsonl_file_is_reported_with_line_record_and_field(tmp_path, monkeypatch):
    """The YAML case of tests/records/test_dataset.py, as JSON Lines: same records, fields and messages."""
    probs = _problems(tmp_path, _jsonl(
        {"organisations": {"id": "gz", "kind": "municipal_association", "name_zh": "广州市社会工作协会",
                           "region": "440100", "colour": "red", "sources": SRC}},
        "",
        {"organisations": {"id": "gz", "kind": "county_association", "name_zh": "某县协会", "region": "999999",
                           "parent": "nowhere", "sources": SRC}},
    ), monkeypatch)
    found = {(p.line, p.record, p.field, p.message.split(";")[0]) for p in probs}
    assert (1, "gz", "colour", "unknown field") in found
    assert (3, "gz", "id", "duplicate id") in found  # the blank line 2 still counts
    assert any(p.line == 3 and p.field == "region" and "unknown region code 999999" in p.message for p in probs)
    assert any(p.line == 3 and p.field == "parent" and "'nowhere'" in p.message for p in probs)
    assert all(p.file.endswith("a.jsonl") for p in probs)
    first = next(p for p in probs if p.field == "id")
    assert first.message == f"duplicate id; first defined at {tmp_path / 'a.jsonl'}:1"


@pytest.mark.parametrize("line, want", [
    ('{"people": {"id": "p", "name_zh": "张"', (None, None, "JSON syntax error: Expecting ',' delimiter (column 38)")),
    ('[{"id": "p"}]', (None, None, 'a JSON Lines line is one object holding one record under its collection')),
    ('{"people": {"id": "p", "name_zh": "张"}, "posts": {}}', (None, None, "a JSON Lines line is one object")),
    ('{"organisation": {"id": "x"}}', (None, "organisation", "unknown collection; expected one of dataset, sources")),
    ('{"people": "p"}', ("people[1]", None, "a record must be a mapping (key: value lines), got str")),
    ('{"people": {"name_zh": "张"}}', ("people[1]", "id", "required field is missing")),
    ('{"people": {"id": "P Q", "name_zh": "张"}}', ("P Q", "id", "an id uses only a-z, 0-9")),
    ('{"events": {"id": "e", "kind": "visit", "title_zh": "访", "date": "2015-13"}}',
     ("e", "date", "'2015-13' is not a real date")),
    ('{"dataset": {"id": "d", "colour": 1}}', ("dataset", "colour", "unknown field")),
])
def test_jsonl_problems_name_file_line_record_and_field(tmp_path, monkeypatch, line, want):
    text = _jsonl({"people": {"id": "ok", "name_zh": "好", "sources": SRC}}, line)
    probs = [p for p in _problems(tmp_path, text, monkeypatch) if p.file.endswith("a.jsonl")]
    assert len(probs) == 1, probs
    p = probs[0]
    assert (p.line, p.record, p.field) == (2, *want[:2])
    assert p.message.startswith(want[2]), p.message


def test_jsonl_that_is_not_utf8(tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", "off")
    (tmp_path / "a.jsonl").write_bytes('{"people": {"id": "p", "name_zh": "张"}}\n'.encode("gb18030"))
    _ds, problems = read_dataset([tmp_path])
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [(None, "not UTF-8 text")]


def test_jsonl_cross_record_problems_and_unknown_fields_go_on(tmp_path, monkeypatch):
    probs = _problems(tmp_path, _jsonl(
        {"organisations": {"id": "a", "kind": "provincial_association", "name_zh": "甲", "region": "440000",
                           "founded": "2010", "sources": SRC}},
        {"agreements": {"id": "ag", "title_zh": "协议", "parties": ["a", "a"], "signed": "2009-05-01", "sources": SRC,
                        "colour": 1}},
    ), monkeypatch)
    assert sorted((p.line, p.record, p.field) for p in probs) == [(2, "ag", "colour"), (2, "ag", "parties")]
    assert next(p for p in probs if p.field == "parties").message == "a party is listed twice"


@pytest.mark.parametrize("cache", ["off", "on"])
def test_jsonl_problems_are_the_same_with_or_without_the_cache(tmp_path, monkeypatch, cache):
    text = _jsonl({"people": {"id": "p", "name_zh": "张", "sources": [{"source": "s9", "quote": "测试测试"}]}})
    folder = "on-cache" if cache == "on" else "off"
    reports = [[(p.line, p.record, p.field, p.message) for p in _problems(
        tmp_path, text, monkeypatch, str(tmp_path / folder) if cache == "on" else "off")] for _ in range(2)]
    assert reports[0] == reports[1] == [(1, "p", "sources[0].source", "unknown source id 's9'")]


def _entries(folder):
    return sorted(folder.rglob("*.pickle")) if folder.exists() else []


def test_a_jsonl_file_is_cached_and_read_again_when_it_changes(tmp_path, monkeypatch, caplog):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(cache))
    data = tmp_path / "data"
    data.mkdir()
    write_yaml(data, "s.yaml", MINI_SOURCES)
    (data / "a.jsonl").write_text(_jsonl({"people": {"id": "p", "name_zh": "张", "sources": SRC}}), "utf-8")
    assert load_dataset([data]).get("p").name_zh == "张"
    assert len(_entries(cache)) == 2
    entry = next(e for e in _entries(cache) if "张".encode() in e.read_bytes())
    head, _, body = entry.read_bytes().partition(b"\n")
    entry.write_bytes(head + b"\n" + body.replace("张".encode(), "李".encode()))  # control: the entry is what is read
    assert load_dataset([data]).get("p").name_zh == "李"
    (data / "a.jsonl").write_text(_jsonl({"people": {"id": "p", "name_zh": "王", "sources": SRC}}), "utf-8")
    assert load_dataset([data]).get("p").name_zh == "王"  # changed bytes: a new key, read again
    assert len(_entries(cache)) == 3
    for e in _entries(cache):
        e.write_bytes(e.read_bytes()[:40])  # damaged: ignored, the file is read
    with caplog.at_level(logging.DEBUG, logger="swgraph.records.cache"):
        assert load_dataset([data]).get("p").name_zh == "王"
    assert "ignoring cache entry" in caplog.text
    (data / "a.jsonl").write_text(_jsonl({"people": {"id": "p", "name_zh": "王", "colour": 1}}), "utf-8")
    _ds, problems = read_dataset([data])
    assert [(p.line, p.field) for p in problems] == [(1, "colour")]  # a file with problems is never taken from the cache


def test_the_same_bytes_as_yaml_and_as_jsonl_have_different_keys():
    from swgraph.records.cache import content_key

    data = b'{"people": {"id": "p", "name_zh": "x"}}\n'
    assert content_key(data) != content_key(data, "jsonl")
    assert content_key(data) == content_key(data, "")
