"""Importing rosters (xlsx and CSV): records, names, citations, errors by sheet/row/column, round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from swgraph.cli.roster import import_cmd, template_cmd
from swgraph.cli.validate import validate_cmd
from swgraph.core.errors import InputError, ValidationFailed
from swgraph.records.dataset import load_dataset
from swgraph.roster import (
    convert_roster,
    export_roster,
    import_roster,
    write_template,
)

ROSTER_COLLECTIONS = ("organisations", "people", "posts", "agreements", "events")

ORG_HEADER = ["名称 name_zh", "类型 kind", "行政区划代码 region", "上级组织 parent", "成立日期 founded", "别名 aliases"]
GOOD = {
    "组织 organisations": [
        ORG_HEADER,
        ["广东省社会工作师联合会", "provincial_association", "440000", "", "2010", "广东省社工师联合会 [short]"],
        ["广州市社会工作协会", "地市级行业组织", "440100", "广东省社工师联合会", "2008-05", ""],
        ["天河区社会工作协会", "county_association", "天河区", "广州市社会工作协会", "2015年6月", ""],
    ],
    "人员 people": [["姓名 name_zh", "英文姓名 name_en"], ["李敏兰", "Li Minlan"]],
    "职务 posts": [["人员 person", "组织 organisation", "职务 role_zh", "在任日期 observed"],
                 ["李敏兰", "广东省社会工作师联合会", "会长", "2015-06-10"]],
    "协议 agreements": [["协议名称 title_zh", "签约方 parties", "签订日期 signed"],
                      ["穗粤合作协议", "广州市社会工作协会；广东省社会工作师联合会", "2016"]],
    "访问 visits": [["标题 title_zh", "接待方 host", "来访方 visitors", "出席人员 people", "日期 date"],
                  ["天河区社协到访省联合会", "广东省社会工作师联合会", "天河区社会工作协会", "李敏兰", "2016-03-02? (year inferred)"]],
}


def make_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def with_org_rows(*rows, header=ORG_HEADER) -> dict:
    return {"组织 organisations": [header, *rows]}


def failing(tmp_path: Path, sheets: dict) -> list:
    """Import a roster that must fail; check nothing was written and return its problems."""
    roster = make_xlsx(tmp_path / "roster.xlsx", sheets)
    out = tmp_path / "out"
    with pytest.raises(ValidationFailed) as exc:
        import_roster(roster, out)
    assert not out.exists()
    return exc.value.problems


# ---------------------------------------------------------------- template


def test_empty_template_imports_to_an_error(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    with pytest.raises(InputError, match="no records"):
        import_roster(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- round trip


def _dumps(records):
    return [r.model_dump() for r in records]


def test_round_trip_of_the_seeds_through_xlsx(tmp_path):
    seeds = load_dataset()
    path = export_roster(seeds, tmp_path / "seeds.xlsx")
    result = convert_roster(path)
    assert result.problems == []
    for coll in ROSTER_COLLECTIONS:
        assert _dumps(result.records[coll]) == _dumps(seeds.records[coll]), coll
    assert [s.model_dump() for s in result.sources] == [s.model_dump() for s in seeds.sources.values()]
    # references are written as names, not ids, where a name is unambiguous
    wb = openpyxl.load_workbook(path)
    parts = {row[0]: row for row in wb["职务 posts"].iter_rows(min_row=2, values_only=True)}
    assert parts["post-li-minlan-gd-swa"][1:3] == ("李敏兰", "广东省社会工作师联合会")


def test_round_trip_through_csv_with_the_cli_and_validate(tmp_path):
    runner = CliRunner()
    res = runner.invoke(template_cmd, ["--seeds", str(tmp_path / "roster")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(import_cmd, [str(tmp_path / "roster"), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "roster.yaml").is_file()
    res = runner.invoke(validate_cmd, [str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    seeds, back = load_dataset(), load_dataset([tmp_path / "out"])
    for coll in ROSTER_COLLECTIONS:
        assert _dumps(back.records[coll]) == _dumps(seeds.records[coll]), coll


# ---------------------------------------------------------------- a correct roster


def test_correct_roster_imports_resolves_names_and_validates(tmp_path):
    roster = make_xlsx(tmp_path / "gd.xlsx", GOOD)
    out_file, result = import_roster(roster, tmp_path / "out")
    assert out_file == tmp_path / "out" / "gd.yaml"
    ds = load_dataset([tmp_path / "out"])
    orgs = {o.name_zh: o for o in ds.organisations}
    gd, gz, th = orgs["广东省社会工作师联合会"], orgs["广州市社会工作协会"], orgs["天河区社会工作协会"]
    assert gd.id == "guang-dong-sheng-she-hui-gong-zuo-shi-lian-he-hui"
    assert gz.parent == gd.id and th.parent == gz.id  # parent given by alias and by name
    assert gz.kind == "municipal_association"  # from the Chinese kind label
    assert th.region == "440106" and str(th.founded) == "2015-06"
    assert [(n.name, n.type) for n in gd.names] == [("广东省社工师联合会", "short")]
    (post,) = ds.posts
    assert (post.id, post.person, post.role) == ("post-li-min-lan-" + gd.id, "li-min-lan", "president")
    (agr,) = ds.agreements
    assert agr.parties == [gz.id, gd.id] and agr.id.startswith("agr-2016-")
    (ev,) = ds.events
    assert ev.kind == "visit" and ev.visitors == [th.id] and ev.people == ["li-min-lan"]
    assert ev.date.inferred and ev.date.note == "year inferred"
    # no source given: every record cites the roster itself, with its name as the quote
    assert set(ds.sources) == {"roster-gd"}
    assert gd.sources[0].source == "roster-gd" and gd.sources[0].quote == gd.name_zh
    assert post.sources[0].quote == "广东省社会工作师联合会会长李敏兰"


def test_roster_citing_a_sources_sheet_and_the_citations_sheet(tmp_path):
    sheets = {
        "组织 organisations": [["名称", "类型", "来源 source", "引文 quote", "所证字段 about"],
                             ["北京社会工作者协会", "provincial_association", "rep-2015", "北京社会工作者协会副会长", ""]],
        "来源 sources": [["编号 id", "标题 title_zh", "日期 date"], ["rep-2015", "京粤报告", "2015-06?"]],
        "引用 citations": [["表 sheet", "记录 record", "来源 source", "引文 quote", "所证字段 about"],
                         ["组织", "北京社会工作者协会", "rep-2015", "北京社会工作者协会和广东", "name_zh"]],
    }
    _, result = import_roster(make_xlsx(tmp_path / "r.xlsx", sheets), tmp_path / "out")
    (org,) = result.records["organisations"]
    assert [(c.source, c.quote, c.about) for c in org.sources] == [
        ("rep-2015", "北京社会工作者协会副会长", None), ("rep-2015", "北京社会工作者协会和广东", "name_zh")]
    assert [s.id for s in result.sources] == ["rep-2015"]


def test_csv_folder_with_and_without_bom(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "organisations.csv").write_bytes(
        "\ufeff名称 name_zh,类型 kind,行政区划代码 region\n广东省社会工作师联合会,provincial_association,440000\n".encode())
    (folder / "people.csv").write_text("name_zh,name_en\n李敏兰,Li Minlan\n", encoding="utf-8")
    (folder / "README.csv").write_text("anything,at all\n", encoding="utf-8")
    out_file, result = import_roster(folder, tmp_path / "out")
    assert out_file.name == "csv.yaml"
    assert result.counts() == {"organisations": 1, "people": 1, "sources": 1}
    load_dataset([tmp_path / "out"])


def test_base_data_lets_a_roster_refer_to_the_seeds(tmp_path):
    sheets = with_org_rows(["佛山市社会工作协会", "municipal_association", "440600", "广东省社工师联合会", "", ""])
    sheets["职务 posts"] = [["人员", "组织", "职务"], ["李敏兰", "佛山市社会工作协会", "顾问"]]
    roster = make_xlsx(tmp_path / "fs.xlsx", sheets)
    _, result = import_roster(roster, tmp_path / "out", base=[Path(__file__).parent.parent.parent / "seeds"])
    (org,) = result.records["organisations"]
    assert org.parent == "gd-swa"
    (post,) = result.records["posts"]
    assert (post.person, post.role) == ("li-minlan", "other")
    load_dataset([Path(__file__).parent.parent.parent / "seeds", tmp_path / "out"])
    # without the base, the same names are unknown
    with pytest.raises(ValidationFailed):
        import_roster(roster, tmp_path / "out2")


# ---------------------------------------------------------------- mistakes


def _where(problems):
    return {(p.file.rsplit(":", 1)[-1], p.line, p.field) for p in problems}


def test_missing_required_column(tmp_path):
    problems = failing(tmp_path, {"组织 organisations": [["名称 name_zh", "上级组织 parent"], ["某协会", ""]]})
    assert ("组织 organisations", 1, "类型 kind") in _where(problems)
    assert any("required column is missing" in p.message for p in problems)
    assert problems[0].file == "roster.xlsx:组织 organisations"


def test_unknown_parent(tmp_path):
    problems = failing(tmp_path, with_org_rows(
        ["广东省社会工作师联合会", "provincial_association", "440000", "", "", ""],
        ["广州市社会工作协会", "municipal_association", "440100", "不存在的联合会", "", ""]))
    assert _where(problems) == {("组织 organisations", 3, "上级组织 parent")}
    assert "unknown organisation '不存在的联合会'" in problems[0].message


def test_duplicate_name(tmp_path):
    problems = failing(tmp_path, with_org_rows(
        ["广州市社会工作协会", "municipal_association", "440100", "", "", ""],
        ["广州市社会工作协会", "municipal_association", "440100", "", "", ""]))
    assert ("组织 organisations", 3, "名称 name_zh") in _where(problems)
    assert "duplicate name" in problems[0].message and "row 2" in problems[0].message


def test_bad_date(tmp_path):
    problems = failing(tmp_path, with_org_rows(
        ["广东省社会工作师联合会", "provincial_association", "440000", "", "2010-13-01", ""]))
    assert _where(problems) == {("组织 organisations", 2, "成立日期 founded")}
    assert "not a real date" in problems[0].message


@pytest.mark.parametrize("region, message", [("999999", "unknown region code"), ("4401", "pattern"),
                                             ("440100", "needs a province-level region")])
def test_bad_region(tmp_path, region, message):
    problems = failing(tmp_path, with_org_rows(
        ["广东省社会工作师联合会", "provincial_association", region, "", "", ""]))
    assert _where(problems) == {("组织 organisations", 2, "行政区划代码 region")}
    assert message in problems[0].message


def test_errors_in_several_sheets_are_all_listed_in_order(tmp_path):
    sheets = dict(GOOD)
    sheets["职务 posts"] = [["人员 person", "组织 organisation", "职务 role_zh"], ["王五", "广东省社会工作师联合会", "秘书长"]]
    sheets["访问 visits"] = [["标题 title_zh", "接待方 host", "日期 date"], ["到访", "广州市社会工作协会", "明年"]]
    sheets["Sheet9"] = [["x"]]
    problems = failing(tmp_path, sheets)
    assert _where(problems) >= {("职务 posts", 2, "人员 person"), ("访问 visits", 2, "日期 date")}
    assert any("unknown sheet 'Sheet9'" in p.message for p in problems)
    files = [p.file for p in problems]
    assert files.index("roster.xlsx:职务 posts") < files.index("roster.xlsx:访问 visits")


def test_unknown_column_and_bad_kind(tmp_path):
    problems = failing(tmp_path, with_org_rows(["某协会", "协会", "", "", "", "", "x"],
                                               header=[*ORG_HEADER, "电话 phone"]))
    assert ("组织 organisations", 1, "电话 phone") in _where(problems)
    assert ("组织 organisations", 2, "类型 kind") in _where(problems)


def test_cli_import_reports_problems_and_exits_2(tmp_path):
    roster = make_xlsx(tmp_path / "roster.xlsx", with_org_rows(
        ["广东省社会工作师联合会", "provincial_association", "440000", "无此会", "2010", ""]))
    runner = CliRunner()
    res = runner.invoke(import_cmd, [str(roster), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "roster.xlsx:组织 organisations:2: record guang-dong-sheng-she-hui-gong-zuo-shi-lian-he-hui: " \
           "field 上级组织 parent: unknown organisation '无此会'" in res.output
    assert "nothing written" in res.output
    assert not (tmp_path / "out").exists()
    res = runner.invoke(import_cmd, [str(roster), "-o", str(tmp_path / "out"), "--format", "json"])
    data = json.loads(res.stdout)
    assert res.exit_code == 2 and data["ok"] is False
    assert data["errors"][0]["line"] == 2 and data["errors"][0]["field"] == "上级组织 parent"


def test_cli_import_success_and_force(tmp_path):
    roster = make_xlsx(tmp_path / "gd.xlsx", GOOD)
    runner = CliRunner()
    res = runner.invoke(import_cmd, [str(roster), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "3 organisations" in res.output
    res = runner.invoke(import_cmd, [str(roster), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2 and "already exists" in res.output
    res = runner.invoke(import_cmd, [str(roster), "-o", str(tmp_path / "out"), "--force"])
    assert res.exit_code == 0, res.output


def test_excel_typed_cells_dates_numbers_and_empty_extra_sheets(tmp_path):
    sheets = with_org_rows(["广东省社会工作师联合会", "provincial_association", 440000, "", dt.datetime(2010, 3, 1), ""])
    sheets["Sheet1"] = []
    _, result = import_roster(make_xlsx(tmp_path / "roster.xlsx", sheets), tmp_path / "out")
    (org,) = result.records["organisations"]
    assert (org.region, str(org.founded)) == ("440000", "2010-03-01")
    assert org.sources[0].source == "roster"
