"""``swgraph generate`` on the command line."""

from __future__ import annotations

from click.testing import CliRunner

from swgraph.cli.main import cli

SMALL = 0.05


def test_cli_generate_then_validate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "net"
    res = runner.invoke(cli, ["generate", "--profile", "national-2015", "--seed", "5", "--scale", str(SMALL), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "synthetic records" in res.output and "168 county association" in res.output
    res = runner.invoke(cli, ["validate", str(out)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["generate", "--seed", "5", "--scale", str(SMALL), "-o", str(out)])
    assert res.exit_code == 2 and "not empty" in res.output
    res = runner.invoke(cli, ["generate", "--seed", "6", "--scale", str(SMALL), "-o", str(out), "--force"])
    assert res.exit_code == 0, res.output
    assert "seed=6" in (out / "synthetic" / "dataset.yaml").read_text("utf-8")


def test_cli_help_and_bad_scale(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["generate", "--help"])
    assert res.exit_code == 0 and "Example:" in res.output
    res = runner.invoke(cli, ["generate", "--scale", "-1", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2 and "scale" in res.output
    assert not (tmp_path / "x").exists()
    res = runner.invoke(cli, ["--help"])
    assert "generate" in res.output


def test_cli_generate_jsonl_then_validate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "net"
    res = runner.invoke(cli, ["generate", "--seed", "5", "--scale", str(SMALL), "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.suffix for p in (out / "synthetic").iterdir()) == [".jsonl"] * 5
    assert sorted(p.suffix for p in (out / "documented").rglob("*.*")) == sorted(
        p.suffix for p in (out / "documented").rglob("*.yaml"))  # the seeds stay YAML
    first = (out / "synthetic" / "dataset.jsonl").read_text("utf-8")
    assert first.startswith('{"dataset":{') and '"synthetic":true' in first and "seed=5" in first
    res = runner.invoke(cli, ["validate", str(out)])
    assert res.exit_code == 0, res.output
    yaml_out = tmp_path / "yaml"
    runner.invoke(cli, ["generate", "--seed", "5", "--scale", str(SMALL), "-o", str(yaml_out)])
    assert res.output == runner.invoke(cli, ["validate", str(yaml_out)]).output  # the same counts
    res = runner.invoke(cli, ["generate", "--format", "xml", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2 and "xml" in res.output and not (tmp_path / "x").exists()
    bad = out / "synthetic" / "people.jsonl"
    bad.write_text(bad.read_text("utf-8").replace('"name_zh":', '"nome_zh":', 1), "utf-8")
    res = runner.invoke(cli, ["validate", str(out)])
    assert res.exit_code == 2
    assert f"{bad}:1:" in res.output and "nome_zh" in res.output, res.output
