"""A cache of validated records, one entry per seed file's content.

Reading YAML (or JSON Lines) and validating it costs microseconds to tens of
microseconds per record; an unchanged file need not pay it twice. After a file reads without a single
problem, its validated records (the very Pydantic objects) are pickled under
a key made of

* the SHA-256 of the file's bytes (any edit, however small, is a new key;
  a ``.jsonl`` file's key also names its format), and
* a *schema key*: swgraph's version, Pydantic's version, the kind table (with
  kinds registered at run time) and the bytes of the modules that define what
  a valid record is (the model, kinds, registry and this reader), so data
  validated by other code is never reused.

The next read of the same bytes unpickles them instead of parsing YAML and
validating: about 12 µs a record, against about 20 µs for Pydantic's
``validate_json`` of the same records dumped as JSON (which reruns the date
validators) and 60-80 µs for the lean YAML read. Unpickling restores each
record exactly as validated (every field, which fields were set).

Where: the ``records`` area of the user's cache (:mod:`swgraph.core.usercache`):
``$SWGRAPH_CACHE_DIR`` if set, else ``~/.cache/swgraph/records`` — never beside the data
or inside an installed package; ``SWGRAPH_CACHE_DIR=off`` turns the cache off. The
folder may be deleted at any time.

Safety: since unpickling can run code, an entry is used only when it and its
folder belong to the current user and are writable by nobody else (folders
are made ``0o700``, entries ``0o600``), and only after its header names this
format, schema and digest; the objects found must be the expected models.
A missing, unreadable, truncated, corrupt or foreign entry is ignored
and the file is read normally (a debug note is logged to
``swgraph.records.cache``); a cache folder that cannot be written is skipped
silently. Entries are written to a temporary file and renamed into place, so
concurrent readers see a whole entry or none. Files that had problems are
never cached: their errors are reported from the YAML, with lines, each time.

A set of files that passed every cross-record check (:func:`swgraph.records.validate.validate`,
without a sources folder) is remembered too (:func:`mark_clean`): a marker named by
the schema key (which covers the checks' own code) and the files' digests in their
order, holding the day of the check. The same files, in the same order, are then
not checked again (:func:`known_clean`) on that day or later: the only check that
depends on the day ("no date after today") cannot fail later than it passed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import pickle
from datetime import date
from pathlib import Path
from typing import Any

from swgraph.core import usercache
from swgraph.core.kinds import KINDS

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the layout of an entry changes
#: modules whose code decides what a valid record is
_SCHEMA_MODULES = ("core/model.py", "core/kinds.py", "core/registry.py", "core/regions.py",
                   "core/data/region_coords.csv", "core/data/province_tiles.csv",
                   "records/dataset.py", "records/cache.py", "records/validate.py")


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is turned off."""
    return usercache.folder("records")


@functools.lru_cache(maxsize=1)
def schema_key() -> str:
    """A short hash of everything besides a file's bytes that decides its validated records."""
    h = hashlib.sha256(f"{FORMAT}|".encode())
    h.update(usercache.code_key(_SCHEMA_MODULES, ("swgraph", "pydantic", "pydantic-core")).encode())
    h.update(repr(sorted(KINDS.items())).encode())  # kinds registered at run time change the model too
    return h.hexdigest()[:20]


def content_key(data: bytes, form: str = "") -> str:
    """The SHA-256 of a file's bytes; ``form`` (``"jsonl"``) keeps a JSON Lines file apart from YAML of the same bytes."""
    h = hashlib.sha256(form.encode() + b"\0") if form else hashlib.sha256()
    h.update(data)
    return h.hexdigest()


def _entry_path(folder: Path, digest: str) -> Path:
    return folder / schema_key() / digest[:2] / f"{digest}.pickle"


def load(digest: str, models: dict[str, type], info_model: type) -> tuple[Any, list[tuple[str, list, list[int]]]] | None:
    """The cached contents of a file with this digest: ``(info or None, [(collection, records, lines)])``.

    ``models`` maps collection names to record models (``sources`` included).
    Returns ``None`` when there is no usable entry (the caller reads the file).
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = _entry_path(folder, digest)
    blob = usercache.read(path, logger=log)
    if blob is None:
        return None
    try:
        head_end = blob.index(b"\n")
        head = json.loads(blob[:head_end])
        if head != {**_header(digest), "size": len(blob) - head_end - 1}:
            raise ValueError("entry from another version, or cut short or lengthened")
        info, collections = pickle.loads(memoryview(blob)[head_end + 1:])
        if info is not None and type(info) is not info_model:
            raise ValueError("not a dataset block")
        for coll, records, lines in collections:
            model = models[coll]
            if len(records) != len(lines) or not all(type(r) is model for r in records):
                raise ValueError("records do not match")
        return info, collections
    except Exception as exc:  # noqa: BLE001 - any damage means: read the file instead
        log.debug("ignoring cache entry %s: %s", path, exc)
        return None


def _header(digest: str) -> dict:
    return {"format": FORMAT, "schema": schema_key(), "digest": digest}


def store(digest: str, info: Any, collections: list[tuple[str, list, list[int]]]) -> None:
    """Store a file's validated contents (``collections``: ``(name, records, lines)``); never raises."""
    folder = cache_dir()
    if folder is None:
        return
    path = _entry_path(folder, digest)
    try:
        data = pickle.dumps((info, collections), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is no error
        log.debug("not caching %s: %s", path, exc)
        return
    head = {**_header(digest), "size": len(data)}
    usercache.write(path, json.dumps(head, separators=(",", ":")).encode() + b"\n", data, logger=log)


def _clean_path(folder: Path, digests: list[str]) -> Path:
    key = hashlib.sha256("\0".join(digests).encode()).hexdigest()
    return folder / schema_key() / "clean" / f"{key}.day"


def known_clean(digests: list[str]) -> bool:
    """These files, in this order, passed every cross-record check before, on or before today."""
    folder = cache_dir()
    if folder is None or not digests:
        return False
    blob = usercache.read(_clean_path(folder, digests), logger=log)
    try:
        return blob is not None and date.fromisoformat(blob.decode("ascii")) <= date.today()
    except ValueError:
        return False


def mark_clean(digests: list[str]) -> None:
    """Remember that these files, in this order, passed every cross-record check today (never raises)."""
    folder = cache_dir()
    if folder is not None and digests:
        usercache.write(_clean_path(folder, digests), date.today().isoformat().encode("ascii"), logger=log)
