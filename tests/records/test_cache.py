import json
import logging

import pytest

from swgraph.records import cache
from swgraph.records.dataset import Dataset, _read_file, iter_yaml_files, load_dataset, read_dataset

from ..helpers import MINI_SOURCES, write_yaml

ORGS = """
    dataset: {id: t, title_en: test, data_date: 2015-06}
    organisations:
      - {id: a, kind: provincial_association, name_zh: 甲省协会, region: "440000", founded: 2008, sources: [{source: s1, quote: 测试测试}]}
      - id: b
        kind: municipal_association
        name_zh: 乙市协会
        region: 440100
        parent: a
        founded: {value: 2010-05, inferred: true, note: 推断}
        sources:
          - {source: s1, quote: 测试测试, about: founded}
    statistics:
      - {id: st1, subject: a, measure: agencies, measure_zh: 机构数, value: 12, unit: organisations, as_of: 2015,
         sources: [{source: s1, quote: 测试测试}]}
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    write_yaml(folder, "s.yaml", MINI_SOURCES)
    write_yaml(folder, "a.yaml", ORGS)
    return folder


def _line_tracking_read(folder):
    """The reader every file went through before the lean read and the cache (still used for files with problems)."""
    ds, problems = Dataset(), []
    for path in iter_yaml_files([folder]):
        _read_file(path, ds, problems, lean=False)
    return ds, problems


def _snapshot(ds):
    """Everything a reader hands on: each record (type and every field), where it came from, the dataset block."""
    return (ds.info, ds._info_file,
            [(type(r), r, r.model_fields_set, ds.origin(r)) for r in ds.all_records()],
            [(k, v, ds.origin(v)) for k, v in ds.sources.items()])


def _entries(folder):
    return sorted(folder.rglob("*.pickle")) if folder.exists() else []


def test_a_cached_read_gives_what_the_line_tracking_reader_gives(cache_dir, data):
    expected, problems = _line_tracking_read(data)
    assert problems == []
    first, problems = read_dataset([data])
    assert problems == [] and _snapshot(first) == _snapshot(expected)
    assert len(_entries(cache_dir)) == 2  # one per file
    again, problems = read_dataset([data])
    assert problems == [] and _snapshot(again) == _snapshot(expected)
    b = again.get("b")
    assert str(b.founded) == "2010-05" and b.founded.inferred and b.region == "440100"
    assert again.origin(b) == (str(data / "a.yaml"), 4)  # the line of "- id: b", counted by hand
    assert again.get("st1").value == 12.0 and isinstance(again.get("st1").value, float)


def test_records_read_lean_or_cached_still_locate_their_fields(cache_dir, data):
    for _ in range(2):  # first read (lean), then from the cache
        ds = load_dataset([data])
        assert ds.locate(ds.get("b"), "parent") == (str(data / "a.yaml"), 8)
        assert ds.locate(ds.get("b"), "sources[0].quote") == (str(data / "a.yaml"), 11)
        assert ds.locate(ds.get("a")) == (str(data / "a.yaml"), 3)


def test_a_changed_file_is_read_again(cache_dir, data):
    read_dataset([data])
    text = (data / "a.yaml").read_text("utf-8").replace("乙市协会", "丙市协会")
    (data / "a.yaml").write_text(text, "utf-8")
    ds, problems = read_dataset([data])
    assert problems == [] and ds.get("b").name_zh == "丙市协会"
    assert len(_entries(cache_dir)) == 3


def test_cross_record_problems_are_reported_alike_from_the_cache(cache_dir, data):
    text = (data / "a.yaml").read_text("utf-8").replace("parent: a", "parent: nowhere")
    (data / "a.yaml").write_text(text, "utf-8")
    reports = []
    for _ in range(2):
        with pytest.raises(Exception) as info:
            load_dataset([data])
        reports.append([(p.file, p.line, p.record, p.field, p.message) for p in info.value.problems])
    assert reports[0] == reports[1]
    assert [(line, rec, fld) for _f, line, rec, fld, _m in reports[0]] == [(8, "b", "parent")]


def test_files_with_problems_are_never_cached(cache_dir, data):
    write_yaml(data, "bad.yaml", "people:\n  - {id: p, name_zh: 张, colour: red}\n")
    for _ in range(2):
        ds, problems = read_dataset([data])
        assert [(p.file.endswith("bad.yaml"), p.line, p.field, p.message) for p in problems] == [
            (True, 2, "colour", "unknown field")]
    assert len(_entries(cache_dir)) == 2


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],                      # truncated
    lambda b: b"not json at all\n" + b,               # garbage header
    lambda b: b.replace(b"\xe4\xb9\x99", b"\xff\xff\xff"),  # bytes changed inside a record (not UTF-8)
    lambda b: b + b"[]",                              # trailing bytes
    lambda b: b"",                                    # empty
])
def test_a_damaged_entry_is_ignored(cache_dir, data, damage, caplog):
    expected = _snapshot(_line_tracking_read(data)[0])
    read_dataset([data])
    for entry in _entries(cache_dir):
        entry.write_bytes(damage(entry.read_bytes()))
    with caplog.at_level(logging.DEBUG, logger="swgraph.records.cache"):
        ds, problems = read_dataset([data])
    assert problems == [] and _snapshot(ds) == expected
    assert "ignoring cache entry" in caplog.text


def test_an_entry_from_another_version_is_ignored(cache_dir, data):
    read_dataset([data])
    entry = next(e for e in _entries(cache_dir) if b"organisations" in e.read_bytes())
    head, _, body = entry.read_bytes().partition(b"\n")
    # control: an entry of this version is what the second read uses (same length, so the layout holds)
    entry.write_bytes(head + b"\n" + body.replace("乙市协会".encode(), "戊市协会".encode()))
    assert read_dataset([data])[0].get("b").name_zh == "戊市协会"
    meta = json.loads(head)
    # same layout, other schema, and a record that would differ: it must not be used
    meta["schema"] = "0" * 20
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + body.replace("乙市协会".encode(), "丁市协会".encode()))
    ds, _ = read_dataset([data])
    assert ds.get("b").name_zh == "乙市协会"


def test_an_unwritable_or_disabled_cache_changes_nothing(tmp_path, data, monkeypatch):
    expected = _snapshot(_line_tracking_read(data)[0])
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: cannot be made
    ds, problems = read_dataset([data])
    assert problems == [] and _snapshot(ds) == expected
    for off in ("off", ""):
        monkeypatch.setenv("SWGRAPH_CACHE_DIR", off)
        assert cache.cache_dir() is None
        ds, problems = read_dataset([data])
        assert problems == [] and _snapshot(ds) == expected


def test_cache_dir_defaults_to_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("SWGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "swgraph" / "records"


def test_the_schema_key_covers_run_time_kinds(monkeypatch):
    from swgraph.core import kinds

    before = cache.schema_key()
    cache.schema_key.cache_clear()
    monkeypatch.setitem(kinds.KINDS, "zz_extra", next(iter(kinds.KINDS.values())))
    try:
        assert cache.schema_key() != before
    finally:
        cache.schema_key.cache_clear()


def test_an_entry_others_may_write_is_not_unpickled(cache_dir, data, caplog):
    read_dataset([data])
    entries = _entries(cache_dir)
    assert entries and all(e.stat().st_mode & 0o077 == 0 for e in entries)  # written private (0o600)
    assert all(e.parent.stat().st_mode & 0o077 == 0 for e in entries)
    entry = next(e for e in entries if b"organisations" in e.read_bytes())
    head, _, body = entry.read_bytes().partition(b"\n")
    entry.write_bytes(head + b"\n" + body.replace("乙市协会".encode(), "戊市协会".encode()))
    entry.chmod(0o666)
    with caplog.at_level(logging.DEBUG, logger="swgraph.records.cache"):
        ds, _ = read_dataset([data])
    assert ds.get("b").name_zh == "乙市协会"  # read from the YAML, not from the entry
    assert "writable by others" in caplog.text


@pytest.mark.parametrize("which", ["seeds", "generated"])
def test_every_reader_gives_the_same_dataset(which, tmp_path, monkeypatch):
    """Bundled seeds and a generated set: line-tracking, lean, first cached and cached reads agree in every record,
    origin and the dataset block, so every output built from them is the same."""
    from swgraph.records.dataset import default_seeds_dir
    from swgraph.synthetic import write_generated

    folder = default_seeds_dir()
    if which == "generated":
        folder = tmp_path / "gen"
        write_generated(folder, seed=3, scale=0.05)
    expected = _snapshot(_line_tracking_read(folder)[0])
    assert len(expected[2]) > (1000 if which == "generated" else 50)
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", "off")
    assert _snapshot(read_dataset([folder])[0]) == expected
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    assert _snapshot(read_dataset([folder])[0]) == expected  # lean, then stored
    assert _entries(tmp_path / "cache")
    assert _snapshot(read_dataset([folder])[0]) == expected  # from the cache


# ----------------------------------------------------------------------------- sets that passed every check

def test_files_that_passed_every_check_are_not_checked_again(cache_dir, data, monkeypatch):
    from swgraph.records import dataset as dataset_module

    calls = []
    real = dataset_module.validate
    monkeypatch.setattr(dataset_module, "validate", lambda ds, **kw: calls.append(1) or real(ds, **kw))
    first = load_dataset([data])
    assert calls == [1] and list(cache_dir.rglob("*.day"))
    again = load_dataset([data])
    assert calls == [1]  # the marker spared the cross-record checks
    assert _snapshot(again) == _snapshot(first)
    # any edit is a new set of files: checked again, and a problem is still found
    (data / "a.yaml").write_text(ORGS.replace("parent: a", "parent: nobody"), encoding="utf-8")
    with pytest.raises(Exception, match="nobody"):
        load_dataset([data])
    assert calls == [1, 1]


def test_a_marker_from_a_later_day_or_others_is_not_trusted(cache_dir, data, monkeypatch):
    from swgraph.records import dataset as dataset_module

    load_dataset([data])
    (marker,) = cache_dir.rglob("*.day")
    calls = []
    real = dataset_module.validate
    monkeypatch.setattr(dataset_module, "validate", lambda ds, **kw: calls.append(1) or real(ds, **kw))
    marker.write_text("2999-01-01")  # the clock went back: "no date after today" might fail now
    load_dataset([data])
    assert calls == [1]
    marker.write_text("2000-01-01")
    marker.chmod(0o666)
    load_dataset([data])
    assert calls == [1, 1]
    marker.chmod(0o600)
    load_dataset([data])
    assert calls == [1, 1]


def test_a_set_read_with_the_cache_off_is_always_checked(tmp_path, data, monkeypatch):
    from swgraph.records import dataset as dataset_module

    monkeypatch.setenv("SWGRAPH_CACHE_DIR", "off")
    calls = []
    real = dataset_module.validate
    monkeypatch.setattr(dataset_module, "validate", lambda ds, **kw: calls.append(1) or real(ds, **kw))
    load_dataset([data])
    load_dataset([data])
    assert calls == [1, 1]
