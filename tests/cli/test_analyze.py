import json

from click.testing import CliRunner

from swgraph.cli.main import cli


def test_analyze_tables_by_default():
    res = CliRunner().invoke(cli, ["analyze", "--top", "3"])
    assert res.exit_code == 0, res.output
    assert "中国社会工作联合会 China Federation of Social Workers" in res.output
    assert "Is the federation a hub?" in res.output


def test_analyze_json_and_out_dir(tmp_path):
    res = CliRunner().invoke(cli, ["analyze", "--format", "json", "--out", str(tmp_path)])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["nodes"]["gd-swa"]["name_zh"] == "广东省社会工作师联合会"
    assert {"analysis.json", "report.md", "nodes.csv"} <= {p.name for p in tmp_path.iterdir()}
    assert json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8")) == data


def test_analyze_bad_input_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(cli, ["analyze", "--as-of", "last year"])
    assert res.exit_code == 2 and "--as-of" in res.output and "Traceback" not in res.output
    (tmp_path / "bad.yaml").write_text("people: [{id: p}]\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and "name_zh" in res.output
    assert not (tmp_path / "out").exists()


def test_analyze_compare_reports_what_changed_since_a_date(tmp_path):
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text("utf-8"))
    res = CliRunner().invoke(cli, ["analyze", "--compare", "2015-06-10", "--format", "json", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    jsonschema.validate(data, schema)
    change = data["compare"]
    assert change["since"] == "2015-06-10"
    assert [a["id"] for a in change["agreements_added"]] == ["agr-2015-jingyue"]
    added = {r["id"] for r in change["added"]}
    assert {"ev-2015-06-11-jingyue-signing", "ev-2019-11-13-hkswd-visit-cfsw"} <= added
    assert json.loads((tmp_path / "diff.json").read_text(encoding="utf-8"))["agreements_added"] == change["agreements_added"]
    table = CliRunner().invoke(cli, ["analyze", "--compare", "2015-06-10", "--top", "3"], env={"COLUMNS": "300"})
    assert table.exit_code == 0 and "New agreements 新协议" in table.output and "京粤社工战略合作协议" in table.output
    for bad, message in ((["--compare", "June"], None), (["--compare", "2015-13"], "--compare '2015-13'"),
                         (["--compare", "2015", "--format", "csv"], "--compare needs --format")):
        res = CliRunner().invoke(cli, ["analyze", *bad])
        assert res.exit_code == 2 and "Traceback" not in res.output, res.output
        if message:
            assert message in res.output
