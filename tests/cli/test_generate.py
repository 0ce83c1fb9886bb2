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
