"""The cross-record checks' quick passes miss nothing: every planted problem in a generated set is reported."""

import yaml

from swgraph.records.dataset import read_dataset
from swgraph.records.validate import validate
from swgraph.synthetic import write_generated
from swgraph.synthetic.write import dump_yaml


def _plant(folder):
    """Plant one problem of each kind in every 10th record of each collection; return what must be reported."""
    want = set()
    k = 0
    for path in sorted((folder / "synthetic").glob("*.yaml")):
        if path.name == "dataset.yaml":
            continue
        data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        for coll, recs in data.items():
            for i, r in enumerate(recs):
                if i % 10:
                    continue
                k += 1
                rid, case = r["id"], k % 8
                if coll == "organisations" and case == 0:
                    r["region"] = "999999"
                    want.add((rid, "region", "unknown region code 999999"))
                elif coll == "organisations" and case == 1 and r.get("parent"):
                    r["parent"] = "nowhere"
                    want.add((rid, "parent", "refers to 'nowhere'"))
                elif coll == "organisations" and case == 2:
                    r["founded"] = "2099-01"
                    want.add((rid, "founded", "founded 2099-01 is after today"))
                elif coll == "organisations" and case == 3 and r["kind"] in ("municipal_association", "county_association"):
                    r["region"] = "440000"
                    want.add((rid, "region", "-level region, but 440000"))
                elif coll == "organisations" and case == 4:
                    r["country"] = "HK"
                    want.add((rid, "region", "but country is HK"))
                elif "name_zh" in r and case == 5:
                    r["name_zh"] = "坏\x1b字"
                    want.add((rid, "name_zh", "holds the control character U+001B"))
                elif coll == "ties" and case == 6:
                    r["parties"] = [r["parties"][0], *r["parties"]]
                    want.add((rid, "parties[1]", "lists the same organisation twice"))
                elif coll in ("ties", "events", "agreements") and case in (6, 7):
                    r["date" if coll != "agreements" else "signed"] = "1990"
                    want.add((rid, None, "dated 1990, before"))
                elif coll == "people" and case == 7:
                    r["id"] = recs[0]["id"]
                    want.add((recs[0]["id"], "id", "duplicate id"))
                elif coll == "posts" and case == 0:
                    r["person"] = "syn-nobody"
                    want.add((rid, "person", "refers to 'syn-nobody'"))
        path.write_text(dump_yaml(data, "test"), encoding="utf-8")
    return want


def test_every_planted_problem_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", "off")
    folder = tmp_path / "gen"
    write_generated(folder, seed=4, scale=0.05)
    want = _plant(folder)
    assert len(want) > 60
    ds, problems = read_dataset([folder])
    assert problems == []
    got = [(p.record, p.field, p.message) for p in validate(ds)]
    for rid, fld, text in want:
        assert any(r == rid and (fld is None or f == fld) and text in msg for r, f, msg in got), (rid, fld, text)
    clean = tmp_path / "clean"
    write_generated(clean, seed=4, scale=0.05)
    assert validate(read_dataset([clean])[0]) == []  # control: the set as generated has none of them
