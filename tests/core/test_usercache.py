import os

import pytest

from swgraph.core import usercache


def test_areas_live_under_the_cache_folder_and_records_directly_in_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "c"))
    assert usercache.folder("records") == tmp_path / "c"
    assert usercache.folder("fonts") == tmp_path / "c" / "fonts"
    monkeypatch.delenv("SWGRAPH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert usercache.folder("pinyin") == tmp_path / "xdg" / "swgraph" / "pinyin"
    for off in ("off", "", "0", "none"):
        monkeypatch.setenv("SWGRAPH_CACHE_DIR", off)
        assert usercache.folder("fonts") is None


def test_an_entry_is_written_private_and_read_back(tmp_path):
    path = tmp_path / "area" / "ab" / "entry"
    assert usercache.write(path, b"one ", b"two")
    assert path.read_bytes() == b"one two"
    assert path.stat().st_mode & 0o077 == 0 and path.parent.stat().st_mode & 0o077 == 0
    assert usercache.read(path) == b"one two"
    assert [p.name for p in path.parent.iterdir()] == ["entry"]  # no temporary file left behind


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership checks are POSIX")
def test_an_entry_others_may_write_is_not_read(tmp_path):
    path = tmp_path / "area" / "entry"
    usercache.write(path, b"x")
    path.chmod(0o666)
    assert usercache.read(path) is None
    path.chmod(0o600)
    path.parent.chmod(0o777)
    assert usercache.read(path) is None


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert usercache.write(blocker / "sub" / "entry", b"x") is False
    assert usercache.read(blocker / "sub" / "entry") is None
