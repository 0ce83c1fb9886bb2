"""The kind table is the one place a kind is declared.

The decisive test registers an extra kind, 乡镇（街道）社工站 (township/street
social-work stations, below county level), through the table alone and runs
validation, the graphs, the Neo4j schema, a map and a roster on data that uses
it. Nothing else in swgraph is edited for it.
"""

import json
import subprocess
import sys
import textwrap

from swgraph.core import kinds
from swgraph.core import model as m
from swgraph.core.registry import KINDS, ORGANISATION_KINDS, RECORD_KIND_OF

SCRIPT = textwrap.dedent('''
    import json, sys, tempfile, pathlib
    from swgraph.core import kinds
    kinds.register(kinds.KindSpec(
        "township_station", "organisation", "TownshipStation", "乡镇（街道）社工站",
        "township/street social-work station", "#00838f", tier=4, region_level="county", size=9))

    from click.testing import CliRunner
    import openpyxl
    from swgraph.cli.main import cli
    from swgraph.core.registry import labels_of
    from swgraph.graph import full_graph
    from swgraph.maps import render_map
    from swgraph.neo4j import schema
    from swgraph.records.dataset import load_dataset

    folder = pathlib.Path(sys.argv[1])
    (folder / "station.yaml").write_text("""
    sources:
      - {id: s1, title_zh: 测试来源}
    organisations:
      - {id: th-county, kind: county_association, name_zh: 天河区社会工作协会, region: "440106", sources: [{source: s1, quote: 测试}]}
      - {id: th-station, kind: township_station, name_zh: 石牌街社工站, region: "440106", parent: th-county, sources: [{source: s1, quote: 测试}]}
      - {id: th-bad, kind: township_station, name_zh: 错误社工站, region: "440000", sources: [{source: s1, quote: 测试}]}
    """, encoding="utf-8")
    runner = CliRunner()
    bad = runner.invoke(cli, ["validate", str(folder)])
    (folder / "station.yaml").write_text((folder / "station.yaml").read_text("utf-8").split("  - {id: th-bad")[0], encoding="utf-8")
    good = runner.invoke(cli, ["validate", str(folder)])
    ds = load_dataset([folder])
    G = full_graph(ds)
    station = ds.get("th-station")
    html = render_map(G)
    template = folder / "roster.xlsx"
    roster = runner.invoke(cli, ["template", str(template)])
    cells = [str(c.value) for ws in openpyxl.load_workbook(template) for row in ws.iter_rows() for c in row if c.value]
    print(json.dumps({
        "bad_exit": bad.exit_code, "bad_output": bad.output,
        "good_exit": good.exit_code,
        "node": {k: G.nodes["th-station"][k] for k in ("kind", "tier", "tier_name", "group")},
        "labels": labels_of(station),
        "label_allowed": "TownshipStation" in schema.ALLOWED_LABELS,
        "map_has_label": "乡镇（街道）社工站" in html,
        "roster_exit": roster.exit_code,
        "roster_has_kind": any("township_station" in c or "乡镇（街道）社工站" in c for c in cells),
    }, ensure_ascii=False))
''')


def test_an_extra_kind_needs_only_the_kind_table(tmp_path):
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["bad_exit"] == 2 and "record th-bad: field region" in out["bad_output"]
    assert "county-level region" in out["bad_output"]
    assert out["good_exit"] == 0
    assert out["node"] == {"kind": "township_station", "tier": 4, "tier_name": "agency", "group": "organisation"}
    assert out["labels"][-1] == "TownshipStation" and out["label_allowed"]
    assert out["map_has_label"]
    assert out["roster_exit"] == 0 and out["roster_has_kind"]


def test_everything_about_kinds_is_derived_from_the_table():
    assert list(m.Organisation.model_fields["kind"].annotation.__args__) == kinds.organisation_kinds() == ORGANISATION_KINDS
    assert set(KINDS) == {k.name for k in kinds.KIND_TABLE}
    assert RECORD_KIND_OF == {k.collection: k.name for k in kinds.KIND_TABLE if k.collection}


def test_record_kinds_have_distinct_colours():
    colours = [k.color.lower() for k in kinds.KIND_TABLE]
    assert len(colours) == len(set(colours))


def test_registering_after_the_model_is_imported_is_refused():
    import pytest

    with pytest.raises(RuntimeError, match="before importing"):
        kinds.register(kinds.KindSpec("x", "organisation", "X", "甲", "x", "#000000"))
