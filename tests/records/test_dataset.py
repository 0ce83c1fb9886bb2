import pytest

from swgraph.core.errors import InputError, ValidationFailed
from swgraph.records.dataset import load_dataset, read_dataset
from swgraph.records.validate import validate

from ..helpers import MINI_SOURCES, sources_dir, write_yaml


def test_bundled_seeds_hold_the_documented_network():
    ds = load_dataset(sources_dir=sources_dir())
    counts = ds.counts()
    assert counts["organisations"] >= 14
    assert counts["people"] >= 5
    assert counts["agreements"] == 1
    assert counts["events"] >= 4
    assert counts["statistics"] >= 30
    assert counts["synthetic"] == 0
    assert ds.get("agr-2015-jingyue").parties == ["bj-swa", "gd-swa"]
    assert str(ds.get("agr-2015-jingyue").signed) == "2015-06-11"


def test_every_documented_record_cites_a_quote_found_in_its_source():
    ds, problems = read_dataset()
    assert problems == []
    assert validate(ds, sources_dir=sources_dir()) == []
    assert all(rec.sources for rec in ds.all_records())


def test_the_2019_visit_year_is_marked_inferred():
    ds = load_dataset()
    visit = ds.get("ev-2019-11-13-hkswd-visit-cfsw")
    assert visit.date.inferred and visit.date.precision == "day"


def _problems(tmp_path, text):
    write_yaml(tmp_path, "s.yaml", MINI_SOURCES)
    write_yaml(tmp_path, "a.yaml", text)
    with pytest.raises(ValidationFailed) as info:
        load_dataset([tmp_path])
    return info.value.problems


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    probs = _problems(tmp_path, "organisations:\n  - id: [unclosed\n    kind: x\n")
    assert len(probs) == 1
    assert probs[0].file.endswith("a.yaml") and probs[0].line in (2, 3)
    assert "YAML syntax" in probs[0].message


def test_every_error_of_a_file_is_reported_with_line_record_and_field(tmp_path):
    probs = _problems(tmp_path, """
        organisations:
          - id: gz
            kind: municipal_association
            name_zh: 广州市社会工作协会
            region: "440100"
            colour: red
            sources: [{source: s1, quote: 测试测试}]
          - id: gz
            kind: county_association
            name_zh: 某县协会
            region: "999999"
            parent: nowhere
            sources: [{source: s1, quote: 测试测试}]
        """)
    found = {(p.line, p.record, p.field, p.message.split(";")[0]) for p in probs}
    assert (6, "gz", "colour", "unknown field") in found
    assert (8, "gz", "id", "duplicate id") in found
    assert any(p.line == 11 and p.field == "region" and "unknown region code 999999" in p.message for p in probs)
    assert any(p.line == 12 and p.field == "parent" and "'nowhere'" in p.message for p in probs)
    assert all(p.file.endswith("a.yaml") for p in probs)


def test_tier_and_region_must_agree_with_the_parent(tmp_path):
    probs = _problems(tmp_path, """
        organisations:
          - {id: gd, kind: provincial_association, name_zh: 广东协会, region: "440000", sources: [{source: s1, quote: 测试测试}]}
          - {id: bj, kind: provincial_association, name_zh: 北京协会, region: "110000", sources: [{source: s1, quote: 测试测试}]}
          - {id: sz, kind: municipal_association, name_zh: 深圳协会, region: "440300", parent: bj, sources: [{source: s1, quote: 测试测试}]}
          - {id: up, kind: provincial_association, name_zh: 倒挂, region: "440000", parent: sz, sources: [{source: s1, quote: 测试测试}]}
          - {id: lvl, kind: county_association, name_zh: 层级错, region: "440300", sources: [{source: s1, quote: 测试测试}]}
        """)
    msgs = {(p.record, p.field): p.message for p in probs}
    assert "not inside the parent's region 110000" in msgs[("sz", "region")]
    assert "is not above" in msgs[("up", "parent")]
    assert "county-level region" in msgs[("lvl", "region")]


def test_dates_out_of_order_and_before_founding(tmp_path):
    probs = _problems(tmp_path, """
        organisations:
          - {id: a, kind: provincial_association, name_zh: 甲, region: "440000", founded: 2010, sources: [{source: s1, quote: 测试测试}]}
          - {id: b, kind: provincial_association, name_zh: 乙, region: "110000", founded: 2012, dissolved: 2011, sources: [{source: s1, quote: 测试测试}]}
        people:
          - {id: p, name_zh: 张三, sources: [{source: s1, quote: 测试测试}]}
        posts:
          - {id: po, person: p, organisation: a, role: president, role_zh: 会长, start: 2015-06, end: 2014, sources: [{source: s1, quote: 测试测试}]}
        agreements:
          - {id: ag, title_zh: 协议, parties: [a, b], signed: 2009-05-01, sources: [{source: s1, quote: 测试测试}]}
        """)
    msgs = {(p.record, p.field): p.message for p in probs}
    assert "before founded" in msgs[("b", "dissolved")]
    assert "before start" in msgs[("po", "end")]
    assert "before a was founded" in msgs[("ag", "parties[0]")]


def test_source_ids_quotes_and_synthetic_flags(tmp_path):
    write_yaml(tmp_path, "s.yaml", "sources:\n  - {id: s1, title_zh: 测试, file: s1.txt}\n")
    write_yaml(tmp_path, "s1.txt", "广东省社工师\n联合会会长李敏兰")
    write_yaml(tmp_path, "a.yaml", """
        people:
          - {id: p1, name_zh: 李敏兰, sources: [{source: s1, quote: 联合会会长李敏兰}]}
          - {id: p2, name_zh: 甲, sources: [{source: s1, quote: 不存在的引文}]}
          - {id: p3, name_zh: 乙, sources: [{source: s9, quote: 不存在的引文}]}
          - {id: p4, name_zh: 丙}
          - {id: p5, name_zh: 丁, synthetic: true}
          - {id: p6, name_zh: 戊, synthetic: true, generator: test}
        """)
    ds, problems = read_dataset([tmp_path / "s.yaml", tmp_path / "a.yaml"])
    assert problems == []
    msgs = {(p.record, p.field): p.message for p in validate(ds, sources_dir=tmp_path)}
    assert ("p1", "sources[0].quote") not in msgs  # found once whitespace is removed
    assert "not found in source s1" in msgs[("p2", "sources[0].quote")]
    assert "unknown source id 's9'" in msgs[("p3", "sources[0].source")]
    assert "must cite" in msgs[("p4", "sources")]
    assert "must name its generator" in msgs[("p5", "generator")]
    assert not any(rec == "p6" for rec, _ in msgs)


def test_documented_records_may_not_lean_on_synthetic_ones(tmp_path):
    probs = _problems(tmp_path, """
        organisations:
          - {id: syn, kind: provincial_association, name_zh: 合成, region: "440000", synthetic: true, generator: test}
          - {id: doc, kind: municipal_association, name_zh: 文献, region: "440100", parent: syn, sources: [{source: s1, quote: 测试测试}]}
        """)
    assert [(p.record, p.field) for p in probs] == [("doc", "parent")]
    assert "synthetic" in probs[0].message


def test_unknown_collection_non_utf8_and_missing_path(tmp_path):
    write_yaml(tmp_path, "a.yaml", "organisation:\n  - {id: x}\n")
    (tmp_path / "b.yaml").write_bytes("people: [{id: p, name_zh: 张}]".encode("gb18030"))
    ds, problems = read_dataset([tmp_path])
    assert any("unknown collection" in p.message and p.line == 1 for p in problems)
    assert any("not UTF-8" in p.message and p.file.endswith("b.yaml") for p in problems)
    with pytest.raises(InputError, match="no such file"):
        read_dataset([tmp_path / "missing.yaml"])


def test_as_of_slices_the_network_by_date():
    ds = load_dataset()
    before = ds.as_of("2015-06-10")
    ids = {r.id for r in before.all_records()}
    assert "ev-2015-06-10-jingyue-visit-cfsw" in ids
    assert "agr-2015-jingyue" not in ids and "ev-2019-11-13-hkswd-visit-cfsw" not in ids
    assert "prog-meihao-shequ" not in ids  # launched 2017
    early = ds.as_of("2012")
    assert early.get("cfsw") is None and early.get("gd-swa") is not None  # the federation dates from end 2014


# ---------------------------------------------------------------- the lean read stands in for the line-tracking one

LEAN_SAME = [
    "organisations:\n  - {id: a, n: 12, h: 0x1f, o: 017, oo: 0o17, u: 1_000, neg: -3, plus: +4, z: 0, f: 1.5, e: 6.0e+3}\n",
    "people:\n  - {b1: true, b2: False, b3: yes, b4: Off, n1: null, n2: ~, n3: , d: 2015-06-11, t: 2015-06-11 10:00:00}\n",
    "people:\n  - {s1: '2015', s2: \"x\\ty\", s3: 'it''s', s4: 2015-06, s5: 12abc, s6: 1e5, s7: .inf, s8: -.5}\n",
    "people:\n  - id: p\n    note: |\n      two\n      lines\n    more: >\n      folded\n      text\n",
    "ties:\n  - {id: t, parties: [a, [b, c], {k: v}], x: !!str 12}\n",
    "# only a comment\nstatistics: []\npeople:\n- {id: a}\n-   {id: b}\n\n  # c\n- id: c\n",
]
LEAN_FALLS_BACK = [
    "people:\n  - {id: a, id: b}\n",                      # duplicate key (reported with its line)
    "people:\n  - &x {id: a}\n  - *x\n",                # anchor and alias
    "base: &b {k: 1}\npeople:\n  - {<<: *b, id: a}\n",   # merge key
    "people:\n  - !custom {id: a}\n",                  # unknown tag (a YAML error)
    "people: []\npeople: []\n",                         # duplicate collection
    "- a\n- b\n",                                       # not a mapping
    "a: 1\n---\nb: 2\n",                                # two documents
    "",                                                 # empty
    "people:\n  - {[a]: 1}\n",                          # unhashable key
]


@pytest.mark.parametrize("text", LEAN_SAME)
def test_the_lean_parse_builds_what_the_line_tracking_parse_builds(text):
    from swgraph.records.dataset import _lean_parse, _parse_text

    data, item_lines = _lean_parse(text.encode())
    full, duplicates = _parse_text(text.encode())
    assert duplicates == []
    assert data == full
    assert _types(data) == _types(full)  # 1 and 1.0 and True compare equal: the types must agree too
    assert item_lines == {k: v.item_lines for k, v in full.items() if isinstance(v, list)}


def _types(x):
    if isinstance(x, dict):
        return {k: _types(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_types(v) for v in x]
    return type(x).__name__


def test_the_lean_parse_hand_checked():
    from swgraph.records.dataset import _lean_parse

    data, lines = _lean_parse(LEAN_SAME[0].encode())
    assert data["organisations"][0] == {"id": "a", "n": 12, "h": 31, "o": 15, "oo": "0o17", "u": 1000, "neg": -3, "plus": 4, "z": 0,
                                        "f": 1.5, "e": 6000.0}
    data, _ = _lean_parse(LEAN_SAME[1].encode())
    assert data["people"][0] == {"b1": True, "b2": False, "b3": True, "b4": False, "n1": None, "n2": None, "n3": None,
                                 "d": "2015-06-11", "t": "2015-06-11 10:00:00"}
    data, lines = _lean_parse(LEAN_SAME[5].encode())
    assert data == {"statistics": [], "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}
    assert lines == {"statistics": [], "people": [4, 5, 8]}


@pytest.mark.parametrize("text", LEAN_FALLS_BACK)
def test_the_lean_parse_gives_way_where_it_could_differ(text):
    import yaml

    from swgraph.records.dataset import _Lean, _lean_parse

    with pytest.raises((_Lean, yaml.YAMLError)):
        _lean_parse(text.encode())


def test_problems_are_the_line_tracking_readers_with_or_without_the_lean_read(tmp_path, monkeypatch):
    from swgraph.records.dataset import Dataset, _read_file, iter_yaml_files

    monkeypatch.setenv("SWGRAPH_CACHE_DIR", "off")
    write_yaml(tmp_path, "s.yaml", MINI_SOURCES)
    write_yaml(tmp_path, "a.yaml", "people:\n  - {id: p, name_zh: 张, name_zh: 李}\n  - {id: q, name_zh: 王, colour: 1}\n")
    write_yaml(tmp_path, "b.yaml", "people:\n  - &x {id: r, name_zh: 赵}\n  - {id: s, name_zh: [x]}\n")
    write_yaml(tmp_path, "c.yaml", "sources:\n  - {id: s1, title_zh: 重复}\n")
    lean = read_dataset([tmp_path])
    old, problems = Dataset(), []
    for path in iter_yaml_files([tmp_path]):
        _read_file(path, old, problems, lean=False)
    assert lean[1] == problems
    assert [(p.file[-6:], p.line, p.record, p.field) for p in problems] == [
        ("a.yaml", 2, None, "name_zh"), ("a.yaml", 3, "q", "colour"), ("b.yaml", 3, "s", "name_zh"),
        ("s.yaml", 2, "s1", "id")]
    assert [r.id for r in lean[0].all_records()] == [r.id for r in old.all_records()] == ["p", "q", "r"]
