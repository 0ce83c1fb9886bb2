"""Writing whole or not at all: a file, a folder, several files into a folder."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli
from swgraph.core.errors import InputError
from swgraph.core.io import atomic_folder, atomic_write, write_files


def snapshot(root):
    return {str(p.relative_to(root)): (p.is_dir(), p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(root.rglob("*"))}


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    (tmp_path / "a.txt").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(tmp_path / "a.txt") as fh:
        fh.write("new, half")
        raise RuntimeError("disk full")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old"


def test_atomic_folder_keeps_the_old_folder_when_writing_fails(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("old", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(RuntimeError), atomic_folder(tmp_path / "out") as tmp:
        (tmp / "new.txt").write_text("new", encoding="utf-8")
        raise RuntimeError("failed later")
    assert snapshot(tmp_path) == before


def test_write_files_is_all_or_nothing_when_a_later_file_is_in_the_way(tmp_path):
    out = tmp_path / "out"
    (out / "c.html").mkdir(parents=True)  # the last file cannot replace a folder
    (out / "a.md").write_text("old a", encoding="utf-8")
    (out / "other.txt").write_text("kept", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(InputError, match=r"out/c\.html: is a folder.*nothing was changed"):
        write_files(out, {"a.md": "new a", "b.csv": "new b", "c.html": "new c"})
    assert snapshot(tmp_path) == before


def test_write_files_puts_back_every_file_when_a_rename_fails(tmp_path, monkeypatch):
    import os

    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.md", "b.csv"):
        (out / name).write_text(f"old {name}", encoding="utf-8")
    before = snapshot(tmp_path)
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if dst == out / "b.csv" and "new" in str(src):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(InputError, match="No space left on device"):
        write_files(out, {"a.md": "new a", "b.csv": "new b"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert len(calls) >= 3  # a.md kept aside and replaced before b.csv failed
    assert snapshot(tmp_path) == before


def test_write_files_into_a_new_folder_leaves_nothing_on_failure(tmp_path):
    with pytest.raises(InputError):
        write_files(tmp_path / "new", {"a.md": "a", "sub/x": "x", "sub": "a file where a folder must be"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["analyze", "--out", "out"], ["report", "--out", "out"]])
def test_output_folders_are_kept_byte_for_byte_when_a_later_file_cannot_be_written(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out" / "map.html").mkdir(parents=True)
    (tmp_path / "out" / "report.md").write_text("old report", encoding="utf-8")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 2, result.output
    assert "map.html: is a folder" in result.output and "Traceback" not in result.output
    assert snapshot(tmp_path) == before
