"""One load per dataset at a time: a lock node in Neo4j, taken in its own transaction and released at the end.

Two ``swgraph load`` runs of different versions of one dataset must not
interleave their batches (the result would be a mix of both, and one of them
would mark it ``complete``). So :func:`swgraph.neo4j.loader.load` first
creates ``(:SwgraphLoadLock {dataset, token, host, pid, started_at, ...})``;
a unique constraint on ``dataset`` makes the ``CREATE`` of a second lock for
the same dataset fail, whoever comes second. The holder's random ``token``
is checked when the dataset is marked ``complete`` (in the same transaction)
and when the lock is deleted, so a load whose lock was broken never marks
anything complete and never deletes another load's lock.

A load that dies (killed, server crashed, connection lost) leaves its lock.
It is *stale* and taken over without asking when swgraph can tell its
holder is gone: same host, and the holder's process no longer runs, or it is
this very process and no load of it holds that token any more. A lock held
from another machine is never taken over automatically: if that load is
known to be dead, clear it with ``swgraph load --break-lock`` (or, in Cypher,
``MATCH (l:SwgraphLoadLock {dataset: 'ID'}) DELETE l``).

>>> describe({"dataset": "d", "host": "h", "pid": 7, "started_at": "2026-01-01T00:00:00Z", "version": "v2"})
"a load of 'd' (version v2) from host h, pid 7, started 2026-01-01T00:00:00Z"
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import uuid
from contextlib import contextmanager
from typing import Iterator

from swgraph.core.errors import Neo4jError
from swgraph.neo4j.schema import LOCK_CONSTRAINT as CONSTRAINT
from swgraph.neo4j.schema import LOCK_LABEL
from swgraph.neo4j.server.process import pid_alive

_CREATE = f"CREATE (l:{LOCK_LABEL}) SET l = $props"
_READ = f"MATCH (l:{LOCK_LABEL} {{dataset: $dataset}}) RETURN properties(l) AS props"
_RELEASE = f"MATCH (l:{LOCK_LABEL} {{dataset: $dataset, token: $token}}) DELETE l RETURN count(*) AS n"
_TAKE_OVER = f"MATCH (l:{LOCK_LABEL} {{dataset: $dataset, token: $old}}) SET l = $props RETURN count(*) AS n"
_BREAK = f"MATCH (l:{LOCK_LABEL} {{dataset: $dataset}}) DELETE l RETURN count(*) AS n"

# Tokens of the locks loads in this process hold right now (a lock of this pid whose token is not here is stale).
_HELD: set[str] = set()
_HELD_LOCK = threading.Lock()


def describe(props: dict) -> str:
    """One phrase naming the load that holds a lock (dataset, version, host, pid, start time)."""
    version = f" (version {props['version']})" if props.get("version") else ""
    return (f"a load of {props.get('dataset')!r}{version} from host {props.get('host', '?')}, "
            f"pid {props.get('pid', '?')}, started {props.get('started_at', '?')}")


def how_to_clear(dataset_id: str) -> str:
    return (f"if that load is no longer running, clear its lock with `swgraph load --break-lock` "
            f"(Cypher: MATCH (l:{LOCK_LABEL} {{dataset: '{dataset_id}'}}) DELETE l)")


def is_stale(props: dict) -> bool:
    """Whether the load that took this lock is certainly gone (only decidable for locks taken on this host)."""
    if props.get("host") != socket.gethostname():
        return False
    try:
        pid = int(props.get("pid"))
    except (TypeError, ValueError):
        return False
    if pid == os.getpid():
        with _HELD_LOCK:
            return props.get("token") not in _HELD
    return not pid_alive(pid)


def _run(driver, query: str, database: str | None, **params):
    from neo4j import exceptions as nx  # noqa: PLC0415 - the driver is imported only by code that connects

    try:
        return driver.execute_query(query, parameters_=params, database_=database)
    except nx.ConstraintError:
        raise
    except nx.Neo4jError as exc:
        raise Neo4jError(f"Neo4j refused the load lock query: {getattr(exc, 'message', None) or exc}") from None
    except (nx.DriverError, OSError) as exc:
        raise Neo4jError(f"lost the connection to Neo4j while taking the load lock ({type(exc).__name__}: "
                         f"{' '.join(str(exc).split())[:200]})") from None


def ensure_constraint(driver, database: str | None = None) -> None:
    """Create the lock's unique constraint if it is missing (two loads creating it at once is harmless)."""
    from neo4j import exceptions as nx  # noqa: PLC0415

    for attempt in range(3):
        try:
            driver.execute_query(CONSTRAINT, database_=database)
            return
        except nx.Neo4jError as exc:  # a concurrent CREATE CONSTRAINT of the same rule
            if attempt == 2:
                raise Neo4jError(f"Neo4j refused the load lock constraint: "
                                 f"{getattr(exc, 'message', None) or exc}") from None


def acquire(driver, dataset_id: str, *, database: str | None = None, version: str | None = None) -> str:
    """Take the load lock of *dataset_id* in its own transaction; return its token.

    Raises
    ------
    Neo4jError
        Another load holds the lock; the message names it and how to clear a stale lock.
    """
    from neo4j import exceptions as nx  # noqa: PLC0415

    ensure_constraint(driver, database)
    token = uuid.uuid4().hex
    props = {"dataset": dataset_id, "token": token, "host": socket.gethostname(), "pid": os.getpid(),
             "started_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if version:
        props["version"] = version
    with _HELD_LOCK:
        _HELD.add(token)
    try:
        for _ in range(3):
            try:
                _run(driver, _CREATE, database, props=props)
                return token
            except nx.ConstraintError:
                rows = _run(driver, _READ, database, dataset=dataset_id).records
                if not rows:
                    continue  # released meanwhile: try again
                holder = dict(rows[0]["props"])
                if not is_stale(holder):
                    raise Neo4jError(
                        f"dataset {dataset_id!r} is being loaded by {describe(holder)}; wait for it to finish "
                        f"and run this load again; {how_to_clear(dataset_id)}") from None
                taken = _run(driver, _TAKE_OVER, database, dataset=dataset_id, old=holder.get("token"),
                             props=props).records[0]["n"]
                if taken:
                    return token
        raise Neo4jError(f"could not take the load lock of dataset {dataset_id!r}; run the load again")
    except BaseException:
        with _HELD_LOCK:
            _HELD.discard(token)
        raise


def release(driver, dataset_id: str, token: str, *, database: str | None = None) -> bool:
    """Delete the lock if this token still holds it; return whether it did. Never raises for a lost connection."""
    with _HELD_LOCK:
        _HELD.discard(token)
    try:
        return bool(_run(driver, _RELEASE, database, dataset=dataset_id, token=token).records[0]["n"])
    except Neo4jError:
        return False  # the server is gone: the lock is stale now and the next load on this host takes it over


def break_lock(driver, dataset_id: str, *, database: str | None = None) -> dict | None:
    """Delete the load lock of *dataset_id* whoever holds it; return what it said, or ``None`` if there was none."""
    rows = _run(driver, _READ, database, dataset=dataset_id).records
    _run(driver, _BREAK, database, dataset=dataset_id)
    return dict(rows[0]["props"]) if rows else None


def holder(driver, dataset_id: str, *, database: str | None = None) -> dict | None:
    """The properties of the lock on *dataset_id*, or ``None`` when no load holds it."""
    rows = _run(driver, _READ, database, dataset=dataset_id).records
    return dict(rows[0]["props"]) if rows else None


@contextmanager
def held(driver, dataset_id: str, *, database: str | None = None, version: str | None = None) -> Iterator[str]:
    """``with held(driver, id) as token:`` hold the load lock of *dataset_id* for the block."""
    token = acquire(driver, dataset_id, database=database, version=version)
    try:
        yield token
    finally:
        release(driver, dataset_id, token, database=database)
