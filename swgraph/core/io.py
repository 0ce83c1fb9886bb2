"""Writing a file or a folder whole or not at all.

Every command that writes output goes through these two helpers, so a failure
part-way leaves the previous file or folder exactly as it was (byte for byte)
and no half-written file behind:

* :func:`atomic_write` — a file: written to a temporary file in the same
  folder, flushed and fsynced, then renamed over the target.
* :func:`atomic_folder` — a folder of outputs: written into a temporary
  sibling folder, fsynced, then swapped in place of the target.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_write(d / "a.txt") as fh:
...     _ = fh.write("你好")
>>> (d / "a.txt").read_text("utf-8")
'你好'
>>> with atomic_folder(d / "out") as tmp:
...     _ = (tmp / "b.txt").write_text("b", "utf-8")
>>> sorted(p.name for p in (d / "out").iterdir())
['b.txt']
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Iterator

from swgraph.core.errors import InputError


def _check_parent(path: Path) -> None:
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise InputError(f"{path}: cannot write here, {parent} is a file, not a folder")


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sibling_temp_folder(path: Path) -> Path:
    """A new empty folder beside ``path`` (same file system, so renames are atomic); ``path`` must be a folder or absent."""
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: is a file; give a folder")
    _check_parent(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", *, encoding: str = "utf-8",
                 file_mode: int = 0o644) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    ``mode`` is ``"w"`` (text, UTF-8) or ``"wb"``. Parent folders are created.
    ``file_mode`` is the finished file's mode (``0o600`` for secrets: the
    temporary file is private from the start). Raises
    :class:`~swgraph.core.errors.InputError` when ``path`` is a folder or
    cannot be written; on any error the temporary file is removed.
    """
    if mode not in ("w", "wb"):
        raise ValueError("mode must be 'w' or 'wb'")
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    _check_parent(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": encoding, "newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` whole or not at all; returns the path."""
    with atomic_write(path) as fh:
        fh.write(text)
    return Path(path)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all; returns the path."""
    with atomic_write(path, "wb") as fh:
        fh.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it takes the place of ``path``.

    An existing ``path`` is moved aside, the new folder renamed in, and the old
    one deleted; if the swap fails the old folder is put back. On any error in
    the ``with`` block nothing at ``path`` changes. ``path`` must be a folder
    or absent (a file there is an :class:`~swgraph.core.errors.InputError`).
    """
    path = Path(path)
    tmp = _sibling_temp_folder(path)
    try:
        yield tmp
        for sub, _dirs, files in os.walk(tmp):
            for name in files:
                with open(os.path.join(sub, name), "rb") as fh:
                    os.fsync(fh.fileno())
        os.chmod(tmp, 0o755)
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.rmdir(old)
            os.rename(path, old)
            try:
                os.rename(tmp, path)
            except BaseException:
                os.rename(old, path)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_dir(path.parent)


def write_files(folder: str | os.PathLike, files: dict[str, str | bytes]) -> list[Path]:
    """Write several files into ``folder`` as a whole: all of them, or none.

    Every file is first written and fsynced in a temporary sibling folder;
    only when all are complete are they renamed into ``folder`` (created if
    absent), each file it replaces kept aside until the last rename. Other
    files already in ``folder`` are left alone; a failure at any step puts
    back every file as it was (byte for byte) and removes what was new.
    """
    folder = Path(folder)
    tmp = _sibling_temp_folder(folder)
    new, old = tmp / "new", tmp / "old"
    try:
        for name, content in files.items():
            with atomic_write(new / name, "wb" if isinstance(content, bytes) else "w") as fh:
                fh.write(content)
        for name in files:
            for target in (folder / name, *(folder / name).parents):
                if target == folder:
                    break
                if target == folder / name and target.is_dir():
                    raise InputError(f"{target}: is a folder, so the file {name} cannot be written there; "
                                     "nothing was changed")
                if target != folder / name and target.exists() and not target.is_dir():
                    raise InputError(f"{folder / name}: cannot write, {target} is a file, not a folder; "
                                     "nothing was changed")
        created_folder = not folder.exists()
        folder.mkdir(exist_ok=True)
        written: list[Path] = []
        kept: list[tuple[Path, Path]] = []
        try:
            for name in files:
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists() or target.is_symlink():
                    (old / name).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(target, old / name)
                    kept.append((old / name, target))
                os.replace(new / name, target)
                written.append(target)
        except BaseException:
            for target in written:
                with contextlib.suppress(OSError):
                    target.unlink()
            for backup, target in kept:
                os.replace(backup, target)
            if created_folder:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        _fsync_dir(folder)
        return written
    except OSError as exc:
        raise InputError(f"{folder}: cannot write ({exc.strerror or exc}); nothing was changed") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
