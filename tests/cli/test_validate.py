"""``swgraph validate``: errors by file, line, record and field; a start that imports no graph library."""

import json
import subprocess
import sys

from click.testing import CliRunner

from swgraph.cli.main import cli

from ..helpers import sources_dir, write_yaml


def test_validate_json_ok_with_sources(run):
    res = run("validate", "--sources", str(sources_dir()), "--format", "json")
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["ok"] is True and data["errors"] == []
    assert data["counts"]["organisations"] >= 14 and data["counts"]["statistics"] >= 30


def test_validate_broken_file_exits_2_naming_file_line_field(run, tmp_path):
    write_yaml(tmp_path, "bad.yaml", """
        sources:
          - {id: s1, title_zh: 测试}
        organisations:
          - id: a
            kind: provincial_association
            name_zh: 甲
            region: "123456"
            sources: [{source: s1, quote: 测试测试}]
        """)
    res = run("validate", str(tmp_path), "--format", "json")
    assert res.exit_code == 2
    err = json.loads(res.output)["errors"][0]
    assert err["file"].endswith("bad.yaml") and err["line"] == 7 and err["record"] == "a" and err["field"] == "region"
    text = run("validate", str(tmp_path))
    assert text.exit_code == 2 and "bad.yaml:7: record a: field region: unknown region code" in text.output
    assert "Traceback" not in text.output


def test_validate_missing_path_is_a_clear_error(run, tmp_path):
    res = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope")])
    assert res.exit_code == 2 and "no such file or folder" in res.output and res.exception.__class__ is SystemExit


def test_validate_imports_no_graph_or_numeric_library():
    # validate reads records only; networkx, numpy and scipy would add ~0.6 s to every run
    code = ("import sys; from swgraph.cli.main import cli; cli.get_command(None, 'validate'); "
            "print(sorted(m for m in ('networkx', 'numpy', 'scipy', 'igraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
