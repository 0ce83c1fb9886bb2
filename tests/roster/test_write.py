"""Writing rosters: the bilingual template; safely: no live formulas, the cell-size limit, nothing written on a refusal."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from swgraph.cli.roster import import_cmd, template_cmd
from swgraph.core.encode import MAX_CELL_CHARS
from swgraph.records.dataset import load_dataset
from swgraph.roster import convert_roster, export_roster, import_roster, write_template

# ---------------------------------------------------------------- template


def test_template_has_bilingual_headers_readme_and_lists(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "说明 README"
    assert {"组织 organisations", "人员 people", "职务 posts", "协议 agreements", "访问 visits"} <= set(wb.sheetnames)
    orgs = wb["组织 organisations"]
    header = [c.value for c in orgs[1]]
    assert header[:4] == ["编号 id", "名称 name_zh", "英文名称 name_en", "类型 kind"]
    assert "上级组织 parent" in header and "成立日期 founded" in header and "别名 aliases" in header
    assert orgs.max_row == 1  # headers only
    lists = [dv.formula1 for dv in orgs.data_validations.dataValidation]
    assert any("provincial_association" in f for f in lists)
    assert orgs["D1"].comment is not None
    readme = [row for row in wb["说明 README"].iter_rows(values_only=True)]
    assert any(r[1] == "类型 kind" and "county_association" in (r[4] or "") for r in readme)


def test_template_cli_writes_xlsx_and_csv_and_refuses_to_overwrite(tmp_path):
    runner = CliRunner()
    res = runner.invoke(template_cmd, [str(tmp_path / "r.xlsx")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "r.xlsx").is_file()
    res = runner.invoke(template_cmd, [str(tmp_path / "r.xlsx")])
    assert res.exit_code == 2 and "already exists" in res.output
    res = runner.invoke(template_cmd, [str(tmp_path / "csv")])
    assert res.exit_code == 0, res.output
    text = (tmp_path / "csv" / "organisations.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("编号 id,名称 name_zh,")
    assert "Example:" in template_cmd.help and "Example:" in import_cmd.help


# ---------------------------------------------------------------- hostile values

HOSTILE = {
    "name_en": "=HYPERLINK(\"http://example.com\",\"x\")",
    "description_zh": "+86 20 8888 8888",
    "note": "-2+3",
    "pinyin": "@SUM(A1)",
}


def seeds_with(tmp_path: Path, **fields) -> Path:
    """A one-organisation seed folder (imported from a CSV roster), with ``fields`` set on the organisation."""
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "organisations.csv").write_text(
        "名称 name_zh,类型 kind,行政区划代码 region\n广东省社会工作师联合会,provincial_association,440000\n",
        encoding="utf-8")
    out_file, _ = import_roster(folder, tmp_path / "seeds")
    data = yaml.safe_load(out_file.read_text(encoding="utf-8"))
    data["organisations"][0].update(fields)
    out_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path / "seeds"


@pytest.mark.parametrize("suffix", [".xlsx", ""])
def test_formula_like_cells_are_never_live_and_come_back_unchanged(tmp_path, suffix):
    seeds = seeds_with(tmp_path, **HOSTILE, names=[{"name": "'=already quoted"}])
    ds = load_dataset([seeds])
    path = export_roster(ds, tmp_path / f"out{suffix}")
    if suffix:
        ws = openpyxl.load_workbook(path)["组织 organisations"]
        header = [c.value for c in ws[1]]
        row = {h.split()[-1]: c for h, c in zip(header, ws[2])}
        for key in HOSTILE:
            assert row[key].data_type == "s" and row[key].value == "'" + HOSTILE[key]
        assert row["aliases"].value == "''=already quoted"
    else:
        text = (path / "organisations.csv").read_text(encoding="utf-8-sig")
        assert "'=HYPERLINK" in text and ",=" not in text
    back = convert_roster(path)
    assert back.problems == []
    (org,) = back.records["organisations"]
    assert org.model_dump() == ds.organisations[0].model_dump()


@pytest.mark.parametrize("name", ["too-long.xlsx", "too-long"])
def test_a_value_longer_than_a_cell_is_refused_and_nothing_written(tmp_path, name):
    seeds = seeds_with(tmp_path, description_zh="长" * (MAX_CELL_CHARS + 1))
    res = CliRunner().invoke(template_cmd, ["--data", str(seeds), str(tmp_path / name)])
    assert res.exit_code == 2, res.output
    assert f"{name}:组织 organisations:2: record guang-dong-sheng-she-hui-gong-zuo-shi-lian-he-hui: " \
           "field 简介 description_zh:" in res.output
    assert f"at most {MAX_CELL_CHARS:,}" in res.output
    assert not (tmp_path / name).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "seeds"]  # no temporary file left either


def test_a_value_at_the_limit_is_written_whole(tmp_path):
    seeds = seeds_with(tmp_path, description_zh="长" * MAX_CELL_CHARS)
    ds = load_dataset([seeds])
    back = convert_roster(export_roster(ds, tmp_path / "ok.xlsx"))
    assert back.records["organisations"][0].description_zh == "长" * MAX_CELL_CHARS


def test_a_control_character_is_refused(tmp_path):
    seeds = seeds_with(tmp_path, note="bell \x07")
    res = CliRunner().invoke(template_cmd, ["--data", str(seeds), str(tmp_path / "c.xlsx")])
    assert res.exit_code == 2 and "field note: holds the control character U+0007" in res.output
    assert not (tmp_path / "c.xlsx").exists()
