"""A cache of validated records, one entry per seed file's content.

Reading YAML and validating it costs tens of microseconds per record; an
unchanged file need not pay it twice. After a file reads without a single
problem, its validated records are stored as JSON (Pydantic's own
``dump_json``) under a key made of

* the SHA-256 of the file's bytes (any edit, however small, is a new key), and
* a *schema key*: swgraph's version, Pydantic's version, the kind table (with
  kinds registered at run time) and the bytes of the modules that define what
  a valid record is (the model, kinds, registry and this reader), so data
  validated by other code is never reused.

The next read of the same bytes validates the stored JSON with
``TypeAdapter(list[Model]).validate_json`` instead of parsing YAML. The
validators run again (records are rebuilt exactly as a YAML read builds them),
only the YAML parsing and Python object construction are skipped.

Where: ``$SWGRAPH_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/swgraph/records``,
else ``~/.cache/swgraph/records`` — the user's cache, never beside the data or
inside an installed package. ``SWGRAPH_CACHE_DIR=off`` (or ``0``, ``none``,
an empty value) turns the cache off. The folder may be deleted at any time.

Safety: a missing, unreadable, truncated, corrupt or foreign entry is ignored
and the file is read normally (a debug note is logged to
``swgraph.records.cache``); a cache folder that cannot be written is skipped
silently. Entries are written to a temporary file and renamed into place, so
concurrent readers see a whole entry or none. Files that had problems are
never cached: their errors are reported from the YAML, with lines, each time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
from pydantic import TypeAdapter

from swgraph.core.kinds import KINDS

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the layout of an entry changes
_OFF = {"", "0", "off", "none", "no", "false"}
#: modules whose code decides what a valid record is
_SCHEMA_MODULES = ("core/model.py", "core/kinds.py", "core/registry.py", "core/regions.py",
                   "records/dataset.py", "records/cache.py")


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is turned off."""
    env = os.environ.get("SWGRAPH_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "swgraph" / "records"


@functools.lru_cache(maxsize=1)
def schema_key() -> str:
    """A short hash of everything besides a file's bytes that decides its validated records."""
    try:
        version = metadata.version("swgraph")
    except metadata.PackageNotFoundError:
        version = "?"
    h = hashlib.sha256()
    h.update(f"{FORMAT}|{version}|{pydantic.VERSION}|{pydantic_core.__version__}".encode())
    h.update(repr(sorted(KINDS.items())).encode())  # kinds registered at run time change the model too
    root = Path(__file__).resolve().parent.parent
    for rel in _SCHEMA_MODULES:
        with contextlib.suppress(OSError):
            h.update(rel.encode() + b"\0" + (root / rel).read_bytes())
    return h.hexdigest()[:20]


def content_key(data: bytes) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=None)
def _adapter(model: type) -> TypeAdapter:
    return TypeAdapter(list[model])


def _entry_path(folder: Path, digest: str) -> Path:
    return folder / schema_key() / digest[:2] / f"{digest}.json"


def load(digest: str, models: dict[str, type], info_model: type) -> tuple[Any, list[tuple[str, list, list[int]]]] | None:
    """The cached contents of a file with this digest: ``(info or None, [(collection, records, lines)])``.

    ``models`` maps collection names to record models (``sources`` included).
    Returns ``None`` when there is no usable entry (the caller reads the file).
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = _entry_path(folder, digest)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        head_end = blob.index(b"\n")
        head = json.loads(blob[:head_end])
        if head.get("format") != FORMAT or head.get("schema") != schema_key() or head.get("digest") != digest:
            raise ValueError("entry from another version")
        pos = head_end + 1
        info = None
        if head["info"] is not None:
            n = head["info"]
            info = info_model.model_validate_json(blob[pos:pos + n])
            pos += n
        out = []
        for coll, n, lines in head["collections"]:
            records = _adapter(models[coll]).validate_json(blob[pos:pos + n])
            pos += n
            if len(records) != len(lines):
                raise ValueError("record count does not match")
            out.append((coll, records, lines))
        if pos != len(blob):
            raise ValueError("entry has trailing or missing bytes")
        return info, out
    except Exception as exc:  # noqa: BLE001 - any damage means: read the file instead
        log.debug("ignoring cache entry %s: %s", path, exc)
        return None


def store(digest: str, info: Any, collections: list[tuple[str, type, list, list[int]]]) -> None:
    """Store a file's validated contents (``collections``: ``(name, model, records, lines)``); never raises."""
    folder = cache_dir()
    if folder is None:
        return
    path = _entry_path(folder, digest)
    try:
        parts = []
        info_bytes = None
        if info is not None:
            info_bytes = info.model_dump_json(exclude_unset=True).encode()
            parts.append(info_bytes)
        heads = []
        for coll, model, records, lines in collections:
            data = _adapter(model).dump_json(records, exclude_unset=True)
            parts.append(data)
            heads.append([coll, len(data), lines])
        head = {"format": FORMAT, "schema": schema_key(), "digest": digest,
                "info": None if info_bytes is None else len(info_bytes), "collections": heads}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(json.dumps(head, separators=(",", ":")).encode() + b"\n")
                for part in parts:
                    fh.write(part)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is no error
        log.debug("not caching %s: %s", path, exc)
