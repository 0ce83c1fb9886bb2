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
