"""The user's cache folder: where swgraph keeps what it can always recompute.

Four areas, each a plain folder that may be deleted at any time:

* ``records``: validated records per seed file, and sets of files that passed every
  check (:mod:`swgraph.records.cache`);
* ``fonts``: the subset CJK font of a map page (:mod:`swgraph.maps.fonts`);
* ``pinyin``: pinyin already read for names (:mod:`swgraph.core.names`);
* ``measures``: the measures of large graphs (:mod:`swgraph.analysis.metrics`) and their
  shortest-path searches (:mod:`swgraph.analysis.paths`).

Where: ``$XDG_CACHE_HOME/swgraph/AREA`` (else ``~/.cache/swgraph/AREA``). Setting
``SWGRAPH_CACHE_DIR`` moves the cache: record entries go directly into that folder
(as they always have), the other areas into its subfolders of the same names.
``SWGRAPH_CACHE_DIR=off`` (or ``0``, ``none``, an empty value) turns every area off.

Entries are private: folders are made ``0o700``, files ``0o600``, written to a
temporary file and renamed into place (a reader sees a whole entry or none), and
read back only when they and their folder belong to the current user and nobody
else may write them. Nothing here raises: a cache that cannot be read or written
is no error, only slower.

>>> folder("fonts").name
'fonts'
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import tempfile
from importlib import metadata, resources
from pathlib import Path

log = logging.getLogger(__name__)

ENV = "SWGRAPH_CACHE_DIR"
_OFF = {"", "0", "off", "none", "no", "false"}


def folder(area: str) -> Path | None:
    """The folder of one cache ``area`` (``records``, ``fonts``, ``pinyin``, ``measures``), or ``None`` when off."""
    env = os.environ.get(ENV)
    if env is not None:
        if env.strip().lower() in _OFF:
            return None
        base = Path(env).expanduser()
        return base if area == "records" else base / area
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "swgraph" / area


@functools.cache
def code_key(modules: tuple[str, ...], libraries: tuple[str, ...] = ()) -> str:
    """A hash of swgraph's own files ``modules`` (paths inside the package, ``*`` globs allowed) and the
    installed versions of ``libraries``: what an entry computed by that code is keyed by.

    The files are read through :mod:`importlib.resources`, so an installed wheel keys the same way.

    >>> len(code_key(("core/usercache.py",), ("numpy",)))
    64
    """
    h = hashlib.sha256()
    for lib in libraries:
        try:
            h.update(f"{lib} {metadata.version(lib)}|".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - declared dependencies
            h.update(f"{lib} -|".encode())
    root = resources.files("swgraph")
    for pattern in modules:
        folder, _, name = pattern.rpartition("/")
        base = root.joinpath(folder) if folder else root
        files = sorted((f for f in base.iterdir() if Path(f.name).match(name)), key=lambda f: f.name) \
            if "*" in name else [base.joinpath(name)]
        for f in files:
            with contextlib.suppress(OSError):
                h.update(f"{folder}/{f.name}".encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def private(path: Path) -> bool:
    """``path`` and its folder belong to this user and nobody else may write them."""
    if not hasattr(os, "getuid"):
        return True
    for p in (path, path.parent):
        st = p.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return False
    return True


def read(path: Path, *, logger: logging.Logger = log) -> bytes | None:
    """The bytes of a private entry, or ``None`` (missing, unreadable, or others may write it: noted on ``logger``)."""
    try:
        if not private(path):
            logger.debug("ignoring cache entry %s: it or its folder is writable by others", path)
            return None
        return path.read_bytes()
    except OSError:
        return None


def write(path: Path, *chunks: bytes, logger: logging.Logger = log) -> bool:
    """Write ``chunks`` to the entry ``path`` privately and atomically; False (never an error) when it cannot."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=path.parent)  # mode 0o600
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is no error
        logger.debug("not caching %s: %s", path, exc)
        return False
    return True
