"""Reading a loaded dataset back from Neo4j into the same record set.

:func:`read_dataset` inverts :mod:`swgraph.neo4j.loader`: nodes become
records again (same model, same field values, same order within each
collection, same origins), relationships become reference fields (ordered by
their ``index``), ``CITES`` relationships become ``sources``, and the
``:SwgraphDataset`` node gives back the ``dataset:`` block. So
``swgraph analyze --from neo4j`` sees exactly what the files say.

All reads run in one read transaction, so the record set is consistent even
while someone else writes.
"""

from __future__ import annotations

import json
from collections import defaultdict

from pydantic import ValidationError

from swgraph.core import model as m
from swgraph.core.errors import InputError, Neo4jError
from swgraph.core.registry import (
    _REF_FIELDS,  # noqa: PLC2701
    BASE_LABEL,
    COLLECTIONS,
)
from swgraph.neo4j.connection import Settings, connect
from swgraph.neo4j.schema import DATASET_LABEL
from swgraph.records.dataset import Dataset, DatasetInfo

_NODES = (f"MATCH (n:{BASE_LABEL} {{dataset: $dataset}}) "
          f"RETURN properties(n) AS p ORDER BY n.collection, n.order")
_RELS = (f"MATCH (a:{BASE_LABEL} {{dataset: $dataset}})-[r]->(b:{BASE_LABEL}) WHERE r.dataset = $dataset "
         f"RETURN type(r) AS type, properties(r) AS p, a.id AS start, b.id AS end")
_INFO = f"MATCH (d:{DATASET_LABEL} {{id: $dataset}}) RETURN properties(d) AS p"
_DATASETS = f"MATCH (d:{DATASET_LABEL}) RETURN d.id AS id, d.status AS status ORDER BY id"


def list_datasets(driver, database: str | None = None) -> list[dict]:
    """Datasets loaded in the database: ``[{"id", "status"}, ...]``."""
    res = driver.execute_query(_DATASETS, database_=database)
    return [dict(r) for r in res.records]


def resolve_dataset_id(driver, dataset_id: str | None, database: str | None = None) -> str:
    """*dataset_id*, or the only dataset loaded; :class:`InputError` if none or several."""
    if dataset_id:
        return dataset_id
    found = list_datasets(driver, database)
    if len(found) == 1:
        return found[0]["id"]
    if not found:
        raise InputError("no swgraph dataset is loaded in this database; run `swgraph load` first")
    raise InputError("several datasets are loaded (" + ", ".join(d["id"] for d in found) + "); choose one with --dataset")


def _fields(props: dict, model) -> dict:
    """Model fields (other than references and sources) from a node's properties."""
    data: dict = {}
    refs = {rf.name for rf in _REF_FIELDS.get(model, [])}
    for name in model.model_fields:
        if name in refs or name == "sources":
            continue
        if name == "names" and "names_json" in props:
            data[name] = json.loads(props["names_json"])
        elif f"{name}_json" in props:
            data[name] = json.loads(props[f"{name}_json"])
        elif name == "kind" and model is not m.Organisation:  # the record's own type travels as subtype
            data[name] = props["subtype"]
        elif name in props:
            value = props[name]
            if f"{name}_inferred" in props or f"{name}_note" in props:
                value = {"value": value, "inferred": bool(props.get(f"{name}_inferred", False)),
                         "note": props.get(f"{name}_note")}
            data[name] = value
    return data


def _read(tx, dataset_id: str):
    info = tx.run(_INFO, dataset=dataset_id).single()
    nodes = [r["p"] for r in tx.run(_NODES, dataset=dataset_id)]
    rels = [(r["type"], r["p"], r["start"], r["end"]) for r in tx.run(_RELS, dataset=dataset_id)]
    return (info["p"] if info else None), nodes, rels


def dataset_from_graph(info_props: dict | None, nodes: list[dict], rels: list[tuple]) -> Dataset:
    """Rebuild a :class:`Dataset` from node property maps and ``(type, props, start_id, end_id)`` relationships."""
    ds = Dataset()
    if info_props is not None:
        ds.info = DatasetInfo.model_validate(json.loads(info_props["info_json"]))
    refs: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    cites: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for rtype, p, start, end in rels:
        owner = p["owner"]
        if rtype == "CITES":
            cites[owner].append((p["index"], {"source": end, "quote": p["quote"],
                                              "about": p.get("about")}))
            continue
        if "." in p["path"]:
            continue  # a nested reference (participants[i].organisation): the <field>_json property holds it
        target = end if start == owner else start
        refs[owner][p["field"]].append((p["index"], target))

    ordered = sorted(nodes, key=lambda p: (p["collection"] != "sources", p["collection"], p["order"]))
    for props in ordered:
        coll = props["collection"]
        model = m.Source if coll == "sources" else COLLECTIONS.get(coll)
        if model is None:
            raise Neo4jError(f"node {props.get('uid')!r} has an unknown collection {coll!r}")
        data = _fields(props, model)
        if model is not m.Source:
            for rf in _REF_FIELDS[model]:
                found = sorted(refs[props["id"]].get(rf.name, []))
                if rf.many:
                    data[rf.name] = [t for _, t in found]
                elif found:
                    data[rf.name] = found[0][1]
            data["sources"] = [c for _, c in sorted(cites.get(props["id"], []), key=lambda x: x[0])]
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            raise Neo4jError(f"node {props.get('uid')!r} does not make a valid {model.__name__}: "
                             f"{exc.errors()[0]['msg']} ({exc.error_count()} problem(s))") from None
        if coll == "sources":
            ds.sources[record.id] = record
        else:
            ds.records[coll].append(record)
        if "origin_file" in props or "origin_line" in props:
            ds.origins[id(record)] = (props.get("origin_file", "?"), props.get("origin_line"))
    return ds


def read_dataset_with_driver(driver, dataset_id: str | None = None, *, database: str | None = None,
                             allow_partial: bool = False) -> Dataset:
    """Read dataset *dataset_id* (default: the only one loaded) through an open driver."""
    from neo4j import exceptions as nx  # noqa: PLC0415 - the driver costs ~1.3 s to import (-X importtime); only commands that connect pay it

    try:
        dataset_id = resolve_dataset_id(driver, dataset_id, database)
        with driver.session(database=database, default_access_mode="READ") as session:
            info, nodes, rels = session.execute_read(_read, dataset_id)
    except nx.Neo4jError as exc:
        raise Neo4jError(f"Neo4j refused to read dataset {dataset_id!r}: {getattr(exc, 'message', None) or exc}") from None
    except (nx.DriverError, OSError) as exc:
        raise Neo4jError(f"lost the connection to Neo4j while reading: {' '.join(str(exc).split())[:200]}") from None
    if info is None and not nodes:
        raise InputError(f"dataset {dataset_id!r} is not loaded in this database; run `swgraph load` first")
    if info is None or info.get("status") != "complete":
        if not allow_partial:
            raise Neo4jError(f"dataset {dataset_id!r} was not completely loaded (interrupted load?); "
                             "re-run `swgraph load`")
    return dataset_from_graph(info, nodes, rels)


def read_dataset(settings=None, dataset_id: str | None = None, *, allow_partial: bool = False) -> Dataset:
    """Read a loaded dataset back from Neo4j as the same record set the files give.

    Parameters
    ----------
    settings : swgraph.neo4j.connection.Settings, optional
        Where to read (default :meth:`Settings.resolve`).
    dataset_id : str, optional
        Which dataset; default the only one loaded.
    allow_partial : bool
        Read even if the last load of the dataset did not complete.
    """
    settings = settings or Settings.resolve()
    with connect(settings) as driver:
        return read_dataset_with_driver(driver, dataset_id, database=settings.database, allow_partial=allow_partial)


read_dataset_from_neo4j = read_dataset
