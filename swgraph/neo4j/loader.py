"""Loading a dataset into Neo4j: idempotent, batched, parameterised, registry-checked.

The graph in Neo4j has the shape of :func:`swgraph.graph.full_graph`: every
record and source is a node, every reference a typed relationship, every
citation a ``CITES`` relationship carrying its quote. On top of that:

* every node has the labels of :func:`swgraph.core.registry.labels_of` (always
  ``:SwgraphNode``; sources are ``:SwgraphNode:Source``) and the properties
  ``uid`` (``"<dataset>:<id>"``, sources ``"<dataset>:source:<id>"``), ``id``,
  ``dataset``, ``collection``, ``kind``, ``order`` (position in its
  collection), ``origin_file``/``origin_line`` (where it was read), and its
  fields flattened to Neo4j values (see :func:`record_properties`);
* every relationship has ``uid`` (owner uid, field path, type and target),
  ``dataset``, ``owner`` (id of the record that states it), ``field``,
  ``path`` and ``index`` (list position, so order survives a round trip),
  plus nested attributes such as a participation's ``role`` and ``since``;
* one ``:SwgraphDataset {id}`` node holds the dataset's ``dataset:`` block,
  the node and relationship counts and ``status`` (``loading`` until a load
  completes). It is not a ``:SwgraphNode``, so ``:SwgraphNode`` counts equal
  the full graph's.

A load is: schema (``IF NOT EXISTS``), then the dataset's load lock
(:mod:`swgraph.neo4j.lock`: a second load of the same dataset is refused
while this one runs), then nodes in ``UNWIND $rows`` batches grouped by label
set, then relationships grouped by type, then a sweep deleting this
dataset's nodes and relationships that are no longer in the record set, then
the dataset node marked ``complete`` (only while the lock is still this
load's), then the lock released. :func:`checksum` hashes every label and
property of a dataset's graph, so two loads can be compared exactly.

Every row carries ``load_hash``, a hash of its labels (or type and ends) and properties
(:func:`row_hash`, independent of the dataset id). Before writing, the load reads the ``(uid, load_hash)``
pairs the dataset already has and sends only rows that are new (``MERGE`` … ``ON CREATE SET``, no label
removal, no Eager) or changed (``MERGE`` then ``SET x = row.props`` with stale kind labels removed);
an unchanged re-load writes no record row at all. Loading the same data twice changes
nothing, and re-running an interrupted load ends in the same graph as an
uninterrupted one. Values only ever travel as parameters; labels and types
are formatted into Cypher only after :func:`swgraph.neo4j.schema.check_identifier`
found them in the registry allow-list.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.core.errors import InputError, Neo4jError
from swgraph.core.names import pinyin
from swgraph.core.registry import (
    _REF_FIELDS,  # noqa: PLC2701 - the registry's own view of reference fields
    BASE_LABEL,
    COLLECTIONS,
    KINDS,
    SOURCE_LABEL,
    iter_references,
    kind_of,
    labels_of,
    subtype_of,
)
from swgraph.neo4j import lock, schema
from swgraph.records.dataset import Dataset

DEFAULT_BATCH_SIZE = 1000
LOADER_VERSION = 1

#: Properties the loader adds to record nodes (never model fields; a test checks).
DERIVED_NODE_PROPERTIES = (
    "uid", "dataset", "collection", "order", "origin_file", "origin_line", "name", "name_text", "name_pinyin",
    "aliases", "names_json", "tier", "province", "when", "activity_places", "activity_place_names", "load_hash",
)
#: The property holding a node's or relationship's content hash (see :func:`row_hash`).
HASH_PROPERTY = "load_hash"
#: Properties every relationship gets (besides nested attributes such as role, since).

Progress = Callable[[str, int, int], None]  # (phase, rows done, rows total)


# ----------------------------------------------------------------------------- identifiers


def node_uid(dataset_id: str, record_id: str) -> str:
    """The ``uid`` of a record's node."""
    return f"{dataset_id}:{record_id}"


def source_uid(dataset_id: str, source_id: str) -> str:
    """The ``uid`` of a source's node (sources and records never share one)."""
    return f"{dataset_id}:source:{source_id}"


# ----------------------------------------------------------------------------- properties


def _when_props(name: str, when: m.When, out: dict) -> None:
    out[name] = when.value
    if when.inferred:
        out[f"{name}_inferred"] = True
    if when.note is not None:
        out[f"{name}_note"] = when.note


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_HAN = re.compile(r"[\u3400-\u9fff]")


#: the name fields a record may have, its aliases and its pinyin
_NAME_FIELDS = ("name_zh", "name_en", "title_zh", "title_en", "role_zh", "role_en", "measure_zh", "delegation_zh",
                "names", "pinyin")


def _name_props(record, out: dict) -> None:
    """``name`` (caption), ``name_pinyin`` and ``name_text`` (every name, alias and pinyin: full-text)."""
    name = record.display_name()
    out["name"] = name
    texts = [name]
    fields = m.fields_of(type(record), _NAME_FIELDS)
    for attr in fields:
        if attr in ("names", "pinyin"):
            continue
        v = getattr(record, attr)
        if v and v not in texts:
            texts.append(v)
    for other in (record.names if "names" in fields else None) or []:
        if other.name not in texts:
            texts.append(other.name)
    py = (record.pinyin if "pinyin" in fields else None) or (pinyin(name) if _HAN.search(name) else "")
    if py:
        out["name_pinyin"] = py
        texts.append(py)
    out["name_text"] = " | ".join(texts)


def _field_props(obj: BaseModel, skip: set[str], out: dict) -> None:
    """Flatten the fields of *obj* (except *skip*) into Neo4j-legal properties."""
    for name in type(obj).model_fields:
        if name in skip:
            continue
        value = getattr(obj, name)
        if value is None:
            continue
        if isinstance(value, m.When):
            _when_props(name, value, out)
        elif isinstance(value, (bool, int, float, str)):
            out[name] = value
        elif isinstance(value, list):
            if not value:
                continue
            if all(isinstance(v, BaseModel) for v in value):
                out[f"{name}_json"] = _json([v.model_dump(mode="json") for v in value])
                if all(isinstance(v, m.WorkItem) for v in value):
                    out[f"{name}_names"] = [v.name_zh for v in value]
            elif all(isinstance(v, (str, int, float, bool)) for v in value):
                out[name] = list(value)
            else:  # pragma: no cover - the model has no such field yet
                raise TypeError(f"cannot store field {type(obj).__name__}.{name} in Neo4j")
        else:  # pragma: no cover - the model has no such field yet
            raise TypeError(f"cannot store field {type(obj).__name__}.{name} ({type(value).__name__}) in Neo4j")


def record_properties(record: m.Record, dataset_id: str, order: int, origin: tuple[str, int | None]) -> dict:
    """Every property of a record's node.

    Scalars are stored as they are; a date as ``<field>`` (ISO text,
    ``YYYY``/``YYYY-MM``/``YYYY-MM-DD``) plus ``<field>_inferred`` and
    ``<field>_note`` when set; ``names`` as ``aliases`` (list) and
    ``names_json``; lists of nested models as ``<field>_json`` (authoritative)
    plus, for work items, ``<field>_names``. Reference fields and ``sources``
    become relationships. ``when`` is the date a time-sliced analysis uses.

    >>> from swgraph.core.model import Agreement
    >>> a = Agreement(id="a1", title_zh="协议", parties=["x", "y"], signed="2015-06-11")
    >>> p = record_properties(a, "demo", 0, ("f.yaml", 3))
    >>> p["uid"], p["signed"], p["when"], p["kind"], "parties" in p
    ('demo:a1', '2015-06-11', '2015-06-11', 'agreement', False)
    """
    refs = {rf.name for rf in _REF_FIELDS[type(record)]}
    out: dict[str, Any] = {"uid": node_uid(dataset_id, record.id), "dataset": dataset_id,
                           "collection": record.collection, "order": order}
    _field_props(record, refs | {"sources", "names", "kind"}, out)
    out["kind"] = kind_of(record)  # the registry kind, as everywhere; the record's own type is its subtype
    if subtype_of(record):
        out["subtype"] = subtype_of(record)
    optional = m.fields_of(type(record), ("names", "region", "place"))
    if "names" in optional and record.names:
        out["aliases"] = [n.name for n in record.names]
        out["names_json"] = _json([n.model_dump(mode="json") for n in record.names])
    _name_props(record, out)
    spec = KINDS[kind_of(record)]
    if spec.tier is not None:
        out["tier"] = spec.tier
    region = (record.region if "region" in optional else None) or (record.place if "place" in optional else None)
    if region:
        province = regions.province_of(region)
        if province:
            out["province"] = province
    when = record.date_value()
    if when is not None:
        out["when"] = when.value
    if isinstance(record, m.Programme) and record.activities:
        places = [a.place for a in record.activities if a.place]
        names = [a.place_zh for a in record.activities if a.place_zh]
        if places:
            out["activity_places"] = places
        if names:
            out["activity_place_names"] = names
    _origin_props(origin, out)
    return out


def _origin_props(origin: tuple[str, int | None], out: dict) -> None:
    """Where the record was read (file and line), when known."""
    fname, line = origin
    if fname and fname != "?":
        out["origin_file"] = fname
    if line is not None:
        out["origin_line"] = line


def source_properties(source: m.Source, dataset_id: str, order: int, origin: tuple[str, int | None]) -> dict:
    """Every property of a source's node (``collection`` is ``sources``, ``kind`` is ``source``)."""
    out: dict[str, Any] = {"uid": source_uid(dataset_id, source.id), "dataset": dataset_id,
                           "collection": "sources", "kind": "source", "order": order}
    _field_props(source, set(), out)
    out["name"] = source.title_zh
    out["name_text"] = " | ".join(t for t in (source.title_zh, source.title_en) if t)
    _origin_props(origin, out)
    return out


_PATH_HEAD = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


# ----------------------------------------------------------------------------- rows


@dataclass
class Rows:
    """What a dataset becomes in Neo4j: node rows by label set, relationship rows by type."""

    dataset_id: str
    nodes: dict[tuple[str, ...], list[dict]] = field(default_factory=lambda: defaultdict(list))
    relationships: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))

    @property
    def node_count(self) -> int:
        return sum(map(len, self.nodes.values()))

    @property
    def relationship_count(self) -> int:
        return sum(map(len, self.relationships.values()))

    def node_uids(self) -> set[str]:
        return {row["uid"] for rows in self.nodes.values() for row in rows}

    def relationship_uids(self) -> set[str]:
        return {row["uid"] for rows in self.relationships.values() for row in rows}


def _nested_attributes(record: m.Record, path: str) -> dict:
    """Edge properties of a nested reference (``participants[0].organisation``): the item's other fields.

    Dates keep their form (``since`` = ``"2019-04"`` plus ``since_inferred``), rather than the
    registry's text rendering of them.
    """
    head, dot, _ = path.partition(".")
    if not dot:
        return {}
    mt = _PATH_HEAD.match(head)
    item = getattr(record, mt.group(1))[int(mt.group(2))]
    out: dict[str, Any] = {}
    _field_props(item, {rf.name for rf in _REF_FIELDS[type(item)]}, out)
    return out


def row_hash(kind: str, head, props: dict, dataset_id: str) -> str:
    """A content hash of one row: *kind* (``node``/``relationship``), *head* (labels, or type and ends) and *props*.

    ``uid`` and ``dataset`` are left out and the dataset prefix is taken off the ends, so the same records
    hash the same under any dataset id; ``load_hash`` itself is never part of it.

    >>> a = row_hash("node", ["SwgraphNode"], {"uid": "x:a", "dataset": "x", "id": "a"}, "x")
    >>> a == row_hash("node", ["SwgraphNode"], {"uid": "y:a", "dataset": "y", "id": "a"}, "y")
    True
    >>> a == row_hash("node", ["SwgraphNode"], {"uid": "x:a", "dataset": "x", "id": "b"}, "x")
    False
    """
    prefix = f"{dataset_id}:"
    if kind == "relationship":
        head = [h[len(prefix):] if isinstance(h, str) and h.startswith(prefix) else h for h in head]
    body = {k: _canonical(v) for k, v in props.items() if k not in ("uid", "dataset", HASH_PROPERTY)}
    text = json.dumps([kind, list(head), body], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def build_rows(ds: Dataset) -> Rows:
    """Turn a dataset into parameter rows (``{"uid", "props"}`` and ``{"uid", "start", "end", "props"}``).

    Every row's ``props`` ends with its ``load_hash`` (:func:`row_hash`).
    """
    dsid = ds.info.id
    rows = Rows(dsid)
    for order, src in enumerate(ds.sources.values()):
        props = source_properties(src, dsid, order, ds.origin(src))
        props[HASH_PROPERTY] = row_hash("node", (BASE_LABEL, SOURCE_LABEL), props, dsid)
        rows.nodes[(BASE_LABEL, SOURCE_LABEL)].append({"uid": props["uid"], "props": props})
    for coll in COLLECTIONS:
        for order, rec in enumerate(ds.records.get(coll, [])):
            props = record_properties(rec, dsid, order, ds.origin(rec))
            labels = tuple(labels_of(rec))
            props[HASH_PROPERTY] = row_hash("node", labels, props, dsid)
            rows.nodes[labels].append({"uid": props["uid"], "props": props})
    for rec in ds.all_records():
        owner = node_uid(dsid, rec.id)
        for ref in iter_references(rec):
            head = _PATH_HEAD.match(ref.path)
            fld, idx = head.group(1), int(head.group(2) or 0)
            rel = ref.ref.rel
            target = node_uid(dsid, ref.target)
            start, end = (owner, target) if ref.ref.outgoing else (target, owner)
            uid = f"{owner}/{ref.path}:{rel}->{ref.target}"
            props = {"uid": uid, "dataset": dsid, "owner": rec.id, "field": fld, "path": ref.path, "index": idx,
                     **_nested_attributes(rec, ref.path)}
            props[HASH_PROPERTY] = row_hash("relationship", (rel, start, end), props, dsid)
            rows.relationships[rel].append({"uid": uid, "start": start, "end": end, "props": props})
        for i, cit in enumerate(rec.sources):
            uid = f"{owner}/sources[{i}]:CITES->{cit.source}"
            props = {"uid": uid, "dataset": dsid, "owner": rec.id, "field": "sources", "path": f"sources[{i}]",
                     "index": i, "quote": cit.quote}
            if cit.about is not None:
                props["about"] = cit.about
            end = source_uid(dsid, cit.source)
            props[HASH_PROPERTY] = row_hash("relationship", ("CITES", owner, end), props, dsid)
            rows.relationships["CITES"].append({"uid": uid, "start": owner, "end": end, "props": props})
    return rows


# ----------------------------------------------------------------------------- Cypher


def node_query(labels: Iterable[str]) -> str:
    """The batch upsert for nodes with exactly *labels* (stale kind labels are removed)."""
    labels = tuple(labels)
    schema.label_expr(labels)  # every label checked before any is formatted
    if BASE_LABEL not in labels:
        raise ValueError(f"every swgraph node carries :{BASE_LABEL}")
    extra = [lb for lb in labels if lb != BASE_LABEL]
    stale = [lb for lb in schema.KIND_LABELS if lb not in labels]
    q = f"UNWIND $rows AS row\nMERGE (n:{BASE_LABEL} {{uid: row.uid}})\nSET n = row.props"
    if extra:
        q += f"\nSET n{schema.label_expr(extra)}"
    if stale:
        q += f"\nREMOVE n{schema.label_expr(stale)}"
    return q


def new_node_query(labels: Iterable[str]) -> str:
    """The batch insert for nodes with exactly *labels* that the dataset does not hold yet.

    ``MERGE`` on ``uid`` (so a re-run after an interrupted batch still converges), properties and labels
    only ``ON CREATE``: no label removal and no Eager operator.
    """
    labels = tuple(labels)
    schema.label_expr(labels)
    if BASE_LABEL not in labels:
        raise ValueError(f"every swgraph node carries :{BASE_LABEL}")
    extra = [lb for lb in labels if lb != BASE_LABEL]
    q = f"UNWIND $rows AS row\nMERGE (n:{BASE_LABEL} {{uid: row.uid}})\nON CREATE SET n = row.props"
    if extra:
        q += f", n{schema.label_expr(extra)}"
    return q


def relationship_query(rel: str, *, new: bool = False) -> str:
    """The batch upsert for relationships of type *rel* (checked against the registry); ``new=True``: the
    insert for relationships the dataset does not hold yet (properties only ``ON CREATE``)."""
    t = schema.rel_type(rel)
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{BASE_LABEL} {{uid: row.start}})\n"
            f"MATCH (b:{BASE_LABEL} {{uid: row.end}})\n"
            f"MERGE (a)-[r:{t} {{uid: row.uid}}]->(b)\n"
            f"{'ON CREATE SET' if new else 'SET'} r = row.props\n"
            f"RETURN count(r) AS written")


DATASET_NODE_QUERY = f"MERGE (d:{schema.DATASET_LABEL} {{id: $id}}) SET d = $props"
# Marks the dataset complete only while this load still holds the dataset's lock (same transaction).
COMPLETE_QUERY = (f"MATCH (l:{lock.LOCK_LABEL} {{dataset: $id, token: $token}}) "
                  f"MERGE (d:{schema.DATASET_LABEL} {{id: $id}}) SET d = $props RETURN count(*) AS n")
EXISTING_NODES_QUERY = (f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}}) "
                        f"RETURN n.uid AS uid, n.{HASH_PROPERTY} AS hash")
EXISTING_RELS_QUERY = (f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}})-[r]->() WHERE r.dataset = $dataset "
                       f"RETURN r.uid AS uid, elementId(r) AS eid, r.{HASH_PROPERTY} AS hash")
DELETE_NODES_QUERY = f"UNWIND $uids AS u MATCH (n:{BASE_LABEL} {{uid: u}}) DETACH DELETE n"
DELETE_RELS_QUERY = "UNWIND $eids AS e MATCH ()-[r]->() WHERE elementId(r) = e DELETE r"
DELETE_DATASET_BATCH = (f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}}) WITH n LIMIT $limit "
                        f"DETACH DELETE n RETURN count(*) AS deleted")
COUNT_NODES_QUERY = f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}}) RETURN count(n) AS n"
COUNT_RELS_QUERY = (f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}})-[r]->() WHERE r.dataset = $dataset "
                    f"RETURN count(r) AS n")


# ----------------------------------------------------------------------------- loading


@dataclass
class LoadReport:
    """What a load did and how fast."""

    dataset: str
    nodes: int = 0
    relationships: int = 0
    batches: int = 0
    deleted_nodes: int = 0
    deleted_relationships: int = 0
    replaced_nodes: int = 0
    #: Rows not sent because the dataset already held them with the same ``load_hash``.
    skipped: int = 0
    #: Updates the server reported for the row batches and the sweep (nodes/relationships created or
    #: deleted, properties set, labels added or removed); 0 for an unchanged re-load.
    writes: int = 0
    seconds: float = 0.0
    rows_per_second: float = 0.0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


_MISSING = object()


def _split(rows: list[dict], have: Callable[[dict], Any]) -> tuple[list[dict], list[dict]]:
    """Rows the dataset does not hold (new) and rows it holds with another hash (changed); the rest is skipped."""
    new, changed = [], []
    for row in rows:
        h = have(row)
        if h is _MISSING:
            new.append(row)
        elif h != row["props"][HASH_PROPERTY]:
            changed.append(row)
    return new, changed


def _writes(res) -> int:
    """The number of updates a query's result summary reports."""
    c = res.summary.counters
    return (c.nodes_created + c.nodes_deleted + c.relationships_created + c.relationships_deleted
            + c.properties_set + c.labels_added + c.labels_removed)


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _run(driver, query: str, database: str | None, **params):
    from neo4j import exceptions as nx  # noqa: PLC0415 - the driver costs ~1.3 s to import (-X importtime); only commands that connect pay it

    try:
        return driver.execute_query(query, parameters_=params, database_=database)
    except nx.Neo4jError as exc:
        raise Neo4jError(f"Neo4j refused a load query: {getattr(exc, 'message', None) or exc}") from None
    except (nx.DriverError, OSError) as exc:
        raise Neo4jError(f"lost the connection to Neo4j during the load ({type(exc).__name__}: "
                         f"{' '.join(str(exc).split())[:200]}); re-run the load: it converges") from None


def delete_dataset(driver, dataset_id: str, *, database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Delete every node (and its relationships) swgraph loaded for *dataset_id*, in batches; return how many.

    Only ``:SwgraphNode`` nodes whose ``dataset`` is *dataset_id* and that
    dataset's ``:SwgraphDataset`` node are touched.
    """
    total = 0
    while True:
        res = _run(driver, DELETE_DATASET_BATCH, database, dataset=dataset_id, limit=batch_size)
        n = res.records[0]["deleted"]
        total += n
        if n == 0:
            break
    _run(driver, f"MATCH (d:{schema.DATASET_LABEL} {{id: $id}}) DELETE d", database, id=dataset_id)
    return total


def count_loaded(driver, dataset_id: str, *, database: str | None = None) -> tuple[int, int]:
    """Nodes and relationships swgraph holds for *dataset_id*."""
    nodes = _run(driver, COUNT_NODES_QUERY, database, dataset=dataset_id).records[0]["n"]
    rels = _run(driver, COUNT_RELS_QUERY, database, dataset=dataset_id).records[0]["n"]
    return nodes, rels


def snapshot(driver, dataset_id: str, *, database: str | None = None) -> dict:
    """Everything Neo4j holds for *dataset_id*, as comparable plain data (for tests and checks).

    ``{"nodes": {uid: (labels, props)}, "relationships": {uid: (type, start uid, end uid, props)},
    "dataset": props of the :SwgraphDataset node or None}``.
    """
    nodes = _run(driver, f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}}) RETURN n.uid AS uid, labels(n) AS labels, "
                         "properties(n) AS props", database, dataset=dataset_id).records
    rels = _run(driver, f"MATCH (a:{BASE_LABEL} {{dataset: $dataset}})-[r]->(b) WHERE r.dataset = $dataset "
                        "RETURN r.uid AS uid, type(r) AS type, a.uid AS start, b.uid AS end, properties(r) AS props",
                database, dataset=dataset_id).records
    info = _run(driver, f"MATCH (d:{schema.DATASET_LABEL} {{id: $dataset}}) RETURN properties(d) AS props",
                database, dataset=dataset_id).records
    return {
        "nodes": {r["uid"]: (tuple(sorted(r["labels"])), r["props"]) for r in nodes},
        "relationships": {r["uid"]: (r["type"], r["start"], r["end"], r["props"]) for r in rels},
        "dataset": info[0]["props"] if info else None,
    }


def _canonical(value):
    """A JSON-ready, order-stable form of a Neo4j property value (temporal and spatial values as text)."""
    if type(value) is str:  # most values: answered first
        return value
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, float):
        return repr(value)  # keeps 1.0 apart from 1 and survives -0.0, nan, inf
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return f"{type(value).__name__}:{value}"


def checksum(driver, dataset_id: str, *, database: str | None = None) -> str:
    """A SHA-256 over every label and property of *dataset_id*'s nodes and relationships (and its dataset node).

    Order-independent: each node (its labels and properties) and each relationship (its type, the uids of
    its ends and its properties) is hashed on its own, and the sorted digests are hashed together, so two
    graphs have the same checksum exactly when they hold the same nodes and relationships with the same
    labels and properties, however and in whatever order they were written. The ``:SwgraphDataset`` node
    counts too (its ``status`` is ``complete`` only after a whole load). Computed client-side from two
    streaming queries; cost is linear in the dataset's size.

    """
    def digest(kind: str, *parts) -> str:
        text = json.dumps([kind, *parts], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def props(p: dict) -> dict:
        return {k: _canonical(v) for k, v in p.items()}

    digests = []
    for r in _run(driver, f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}}) RETURN labels(n) AS labels, "
                          "properties(n) AS props", database, dataset=dataset_id).records:
        digests.append(digest("node", sorted(r["labels"]), props(r["props"])))
    for r in _run(driver, f"MATCH (a:{BASE_LABEL} {{dataset: $dataset}})-[r]->(b) WHERE r.dataset = $dataset "
                          "RETURN type(r) AS type, a.uid AS start, b.uid AS end, properties(r) AS props",
                  database, dataset=dataset_id).records:
        digests.append(digest("relationship", r["type"], r["start"], r["end"], props(r["props"])))
    for r in _run(driver, f"MATCH (d:{schema.DATASET_LABEL} {{id: $dataset}}) RETURN labels(d) AS labels, "
                          "properties(d) AS props", database, dataset=dataset_id).records:
        digests.append(digest("dataset", sorted(r["labels"]), props(r["props"])))
    return hashlib.sha256("\n".join(sorted(digests)).encode("ascii")).hexdigest()


def load(driver, ds: Dataset, *, database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
         replace: bool = False, progress: Progress | None = None, apply_schema: bool = True) -> LoadReport:
    """Load *ds* into Neo4j through *driver*; return a :class:`LoadReport`.

    Parameters
    ----------
    driver : neo4j.Driver
        From :func:`swgraph.neo4j.connection.connect`.
    ds : Dataset
        A validated dataset (:func:`swgraph.records.dataset.load_dataset`).
    database : str, optional
        Target database (default: the server's).
    batch_size : int
        Rows per ``UNWIND`` batch; each batch is one transaction.
    replace : bool
        First delete everything loaded earlier for this dataset (and nothing else).
    progress : callable, optional
        Called as ``progress(phase, done, total)`` after each batch.

    Raises
    ------
    Neo4jError
        The server refused a query or went away (re-running converges); or another load holds this
        dataset (see :mod:`swgraph.neo4j.lock`: one load per dataset at a time, stale locks of dead
        loads on this host are taken over, others are cleared with ``swgraph load --break-lock``).
    """
    if batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    started = time.perf_counter()
    dsid = ds.info.id
    report = LoadReport(dsid)
    rows = build_rows(ds)
    total = rows.node_count + rows.relationship_count

    if apply_schema:  # the full-text index is not needed by the load: created (and awaited) after it
        schema.apply(driver, database, fulltext=False)
    token = lock.acquire(driver, dsid, database=database,
                         version=f"{rows.node_count} nodes, {rows.relationship_count} relationships")
    try:
        _load_locked(driver, ds, rows, report, token, database=database, batch_size=batch_size,
                     replace=replace, progress=progress)
    finally:
        lock.release(driver, dsid, token, database=database)
    if apply_schema:
        schema.apply_fulltext(driver, database)
    if progress:
        progress("done", total, total)
    report.seconds = time.perf_counter() - started
    report.rows_per_second = total / report.seconds if report.seconds else 0.0
    return report


def _load_locked(driver, ds: Dataset, rows: Rows, report: LoadReport, token: str, *, database: str | None,
                 batch_size: int, replace: bool, progress: Progress | None) -> None:
    """The body of :func:`load`, run while it holds the dataset's load lock (*token*)."""
    dsid = ds.info.id
    total = rows.node_count + rows.relationship_count
    done = 0
    if replace:
        report.replaced_nodes = delete_dataset(driver, dsid, database=database, batch_size=batch_size)
    info_props = _dataset_props(ds, rows, status="loading")
    _run(driver, DATASET_NODE_QUERY, database, id=dsid, props=info_props)
    if progress:
        progress("nodes", 0, total)

    # What the dataset holds now (read once, under the lock): rows whose hash matches are not sent again.
    have_nodes = {r["uid"]: r["hash"] for r in _run(driver, EXISTING_NODES_QUERY, database, dataset=dsid).records}
    have_rels = {r["uid"]: (r["eid"], r["hash"])
                 for r in _run(driver, EXISTING_RELS_QUERY, database, dataset=dsid).records}

    def send(query: str, batch: list, phase: str, check_rel: str | None = None) -> None:
        nonlocal done
        res = _run(driver, query, database, rows=batch)
        if check_rel is not None:
            written = res.records[0]["written"]
            if written != len(batch):
                raise Neo4jError(f"{len(batch) - written} {check_rel} relationship(s) of dataset {dsid!r} found no "
                                 "endpoint node; is the dataset validated?")
        report.writes += _writes(res)
        report.batches += 1
        done += len(batch)
        if progress:
            progress(phase, done, total)

    def write(part_rows: list, held: Callable[[dict], Any], queries: tuple[str, str], phase: str,
              check_rel: str | None = None) -> None:
        """Send the rows the dataset does not hold (first query) or holds with another hash (second); skip the rest."""
        nonlocal done
        new, changed = _split(part_rows, held)
        skipped = len(part_rows) - len(new) - len(changed)
        report.skipped += skipped
        done += skipped
        if progress and skipped:
            progress(phase, done, total)
        for query, part in zip(queries, (new, changed)):
            for batch in _chunks(part, batch_size):
                send(query, batch, phase, check_rel)

    for labels, node_rows in rows.nodes.items():
        write(node_rows, lambda row: have_nodes.get(row["uid"], _MISSING),
              (new_node_query(labels), node_query(labels)), "nodes")
    for rel, rel_rows in sorted(rows.relationships.items()):
        write(rel_rows, lambda row: have_rels.get(row["uid"], (None, _MISSING))[1],
              (relationship_query(rel, new=True), relationship_query(rel)), "relationships", check_rel=rel)

    # Sweep, in bounded batches: what this dataset held before but the record set no longer has.
    wanted_rels = rows.relationship_uids()
    stale_rels = [eid for uid, (eid, _) in have_rels.items() if uid not in wanted_rels]
    for batch in _chunks(stale_rels, batch_size):
        report.writes += _writes(_run(driver, DELETE_RELS_QUERY, database, eids=batch))
    wanted_nodes = rows.node_uids()
    stale_nodes = [uid for uid in have_nodes if uid not in wanted_nodes]
    for batch in _chunks(stale_nodes, batch_size):
        report.writes += _writes(_run(driver, DELETE_NODES_QUERY, database, uids=batch))
    report.deleted_relationships, report.deleted_nodes = len(stale_rels), len(stale_nodes)

    nodes, rels = count_loaded(driver, dsid, database=database)
    if (nodes, rels) != (rows.node_count, rows.relationship_count):
        raise Neo4jError(f"after loading, Neo4j holds {nodes} nodes and {rels} relationships for dataset {dsid!r}, "
                         f"expected {rows.node_count} and {rows.relationship_count}")
    res = _run(driver, COMPLETE_QUERY, database, id=dsid, token=token, props=_dataset_props(ds, rows, status="complete"))
    if not res.records or not res.records[0]["n"]:
        raise Neo4jError(f"the load lock of dataset {dsid!r} was broken while this load ran, so the dataset is "
                         "not marked complete; run the load again")
    report.nodes, report.relationships = nodes, rels


METRIC_PREFIX = "metric_"
_METRIC_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def write_metrics(driver, dataset_id: str, metrics: dict[str, dict[str, Any]], *, database: str | None = None,
                  batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Write computed metrics onto the dataset's nodes as ``metric_<name>`` properties; return nodes updated.

    *metrics* maps a record id to ``{name: number}`` (e.g. ``{"cfsw": {"betweenness": 0.18}}``).
    Earlier ``metric_*`` properties of the dataset's nodes are removed first, so the graph holds exactly
    one analysis. Property names travel as map keys in parameters, never as Cypher text. The next
    ``swgraph load`` resets nodes to the files, dropping the metrics (the reader ignores them anyway).
    """
    rows = []
    for rid, values in metrics.items():
        props = {}
        for name, value in values.items():
            if not _METRIC_NAME.match(name):
                raise InputError(f"metric name {name!r}: use lower-case letters, digits and _")
            if value is not None and not isinstance(value, (int, float, str, bool)):
                raise InputError(f"metric {name} of {rid}: {type(value).__name__} is not a number or text")
            props[METRIC_PREFIX + name] = value
        rows.append({"uid": node_uid(dataset_id, rid), "props": props})
    old = _run(driver, f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}}) "
                       f"WITH n, [k IN keys(n) WHERE k STARTS WITH $prefix] AS old WHERE size(old) > 0 "
                       f"RETURN n.uid AS uid, old", database, dataset=dataset_id, prefix=METRIC_PREFIX).records
    by_uid = {row["uid"]: row for row in rows}
    for rec in old:  # setting a property to null removes it
        row = by_uid.setdefault(rec["uid"], {"uid": rec["uid"], "props": {}})
        row["props"] = {**{k: None for k in rec["old"]}, **row["props"]}
    rows = list(by_uid.values())
    updated = 0
    # The node no longer equals its files, so its load_hash goes: the next load rewrites it (dropping metrics).
    query = (f"UNWIND $rows AS row MATCH (n:{BASE_LABEL} {{uid: row.uid}}) SET n += row.props, "
             f"n.{HASH_PROPERTY} = null RETURN count(n) AS n")
    for batch in _chunks(rows, batch_size):
        updated += _run(driver, query, database, rows=batch).records[0]["n"]
    return updated


def _dataset_props(ds: Dataset, rows: Rows, *, status: str) -> dict:
    info = ds.info
    props: dict[str, Any] = {"id": info.id, "status": status, "loader_version": LOADER_VERSION,
                             "info_json": _json(info.model_dump(mode="json")),
                             "node_count": rows.node_count, "relationship_count": rows.relationship_count,
                             "synthetic": info.synthetic,
                             "synthetic_records": sum(1 for r in ds.all_records() if r.synthetic)}
    for name in ("title_zh", "title_en", "generator", "note"):
        v = getattr(info, name)
        if v is not None:
            props[name] = v
    if info.data_date is not None:
        _when_props("data_date", info.data_date, props)
    return props
