"""Writing a generated set: the documented seeds unchanged, the synthetic files stable, the folder whole or not at all."""

from __future__ import annotations

import filecmp

import pytest
import yaml

from swgraph.core.errors import InputError
from swgraph.records.dataset import default_seeds_dir, iter_yaml_files
from swgraph.synthetic import write as write_mod
from swgraph.synthetic import write_generated

from .conftest import SMALL, files


def test_flags_are_written_literally(small):
    text = (small / "synthetic" / "organisations.yaml").read_text("utf-8")
    assert text.startswith("# SYNTHETIC DATA")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    assert all(r["synthetic"] is True and "seed=3 scale=0.05" in r["generator"] for r in data["organisations"])


def test_documented_files_are_copied_unchanged(national):
    out, ds, _ = national
    seeds = default_seeds_dir()
    names = [str(p.relative_to(seeds)) for p in iter_yaml_files([seeds])]
    assert sorted(str(p.relative_to(out / "documented")) for p in (out / "documented").rglob("*.yaml")) == sorted(names)
    for name in names:
        assert filecmp.cmp(seeds / name, out / "documented" / name, shallow=False), name
    assert all(not r.synthetic for r in ds.all_records() if ds.origin(r)[0].startswith(str(out / "documented")))


def test_same_seed_same_bytes_other_seed_differs(small, tmp_path):
    write_generated(tmp_path / "again", seed=3, scale=SMALL)
    write_generated(tmp_path / "other", seed=4, scale=SMALL)
    first, again, other = files(small), files(tmp_path / "again"), files(tmp_path / "other")
    assert first == again
    assert first.keys() == other.keys()
    assert first["synthetic/organisations.yaml"] != other["synthetic/organisations.yaml"]
    assert first["documented/organisations.yaml"] == other["documented/organisations.yaml"]


def test_refuses_non_empty_folder_and_writes_atomically(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="not empty"):
        write_generated(out, scale=SMALL)
    with pytest.raises(InputError, match="inside the seeds"):
        write_generated(default_seeds_dir() / "generated", scale=SMALL)
    assert not (default_seeds_dir() / "generated").exists()

    def boom(data, generator):
        if "relations" in str(list(data)) or "agreements" in data:
            raise RuntimeError("disk full")
        return real(data, generator)

    real = write_mod.dump_yaml
    monkeypatch.setattr(write_mod, "dump_yaml", boom)
    with pytest.raises(RuntimeError):
        write_generated(out, scale=SMALL, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp folder left
    assert [p.name for p in out.iterdir()] == ["keep.txt"]  # old content untouched
    monkeypatch.setattr(write_mod, "dump_yaml", real)
    write_generated(out, scale=SMALL, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["documented", "synthetic"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _boom_on_relations(real):
    def boom(data, generator):
        if "agreements" in data:
            raise RuntimeError("disk full")
        return real(data, generator)
    return boom


def _boom_on_second_copy(real):
    calls = []

    def boom(src, dest, **kw):
        calls.append(src)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(src, dest, **kw)
    return boom


@pytest.mark.parametrize("target, wrap", [("dump_yaml", _boom_on_relations), ("shutil.copyfile", _boom_on_second_copy)],
                         ids=["synthetic-file", "documented-copy"])
def test_failed_generate_leaves_the_previous_set_byte_for_byte(tmp_path, monkeypatch, target, wrap):
    out = tmp_path / "net"
    write_generated(out, seed=8, scale=0.02)
    before = files(out)
    modes = {p: p.stat().st_mode for p in out.rglob("*")}
    owner = write_mod if target == "dump_yaml" else write_mod.shutil
    name = target.rsplit(".", 1)[-1]
    monkeypatch.setattr(owner, name, wrap(getattr(owner, name)))
    with pytest.raises((RuntimeError, OSError), match="disk full"):
        write_generated(out, seed=9, scale=0.02, force=True)  # another seed: every synthetic file would differ
    assert files(out) == before
    assert {p: p.stat().st_mode for p in out.rglob("*")} == modes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net"]  # no temporary folder left behind
    monkeypatch.undo()
    write_generated(out, seed=9, scale=0.02, force=True)
    after = files(out)
    assert after.keys() == before.keys() and after != before
