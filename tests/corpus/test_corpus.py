"""The bad-input corpus: every case is a command on broken or hostile input.

Each file in ``cases/`` is one YAML document::

    command: [validate, data, --sources, sources]   # swgraph arguments, run in a fresh folder
    exit: 2                                          # the expected exit code
    message: 'data/a.yaml:\\d+: record t1: field parties\\[1\\]: .*two different'   # regex searched in the output
    files:                                           # the folder's files before the command
      data/a.yaml: |
        ...

Around every command the folder is snapshotted: a failing command must leave
every file byte for byte as it was and create nothing; no output may hold a
traceback.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from swgraph.cli.main import cli

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))

#: a minimal valid base every case may extend: one source and two organisations
BASE = {
    "data/sources.yaml": "sources:\n  - {id: s1, title_zh: 测试来源, file: s1.txt}\n",
    "sources/s1.txt": "测试测试 甲组织 乙组织\n",
}


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_input_is_refused_cleanly(case_file, tmp_path, monkeypatch):
    case = yaml.safe_load(case_file.read_text("utf-8"))
    files = {**({} if case.get("no_base") else BASE), **case.get("files", {})}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    result = CliRunner().invoke(cli, case["command"], catch_exceptions=True)
    output = result.output
    assert result.exit_code == case["exit"], (output, result.exception)
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert re.search(case["message"], output), output
    if case["exit"] != 0:
        assert _snapshot(tmp_path) == before, "a failed command changed or created files"


def test_the_corpus_is_not_empty():
    assert len(CASES) >= 10
