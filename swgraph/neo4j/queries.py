"""The Cypher query library (``cypher/queries/*.cypher``) and running one query safely.

Each file holds one parameterised query, headed by comment lines::

    // Title on the first line
    // Description lines...
    // @param dataset string  dataset id (default: the only dataset loaded)
    // @param limit int = 10  how many rows

``@param NAME TYPE [= DEFAULT]  help``: TYPE is ``string``, ``int``,
``float``, ``bool`` or ``list`` (comma-separated strings), or an entity
reference: ``organisation``, ``person`` or ``entity`` (any record). DEFAULT
``null`` means "not given". A ``dataset`` parameter without a value defaults
to the only dataset loaded.

An entity reference takes what ``swgraph show`` takes: an id, a Chinese or
English name, an alias, a former name or pinyin. :func:`run_query` resolves it
to the id against the loaded graph (the truth for a query); a name that fits
several entities is an :class:`InputError` listing them, one that fits none an
:class:`InputError` naming the parameter.

:func:`run_query` asks the server (``EXPLAIN``) what kind of query it is and
runs anything but a pure read (query type ``r``) only when ``write=True``; a
read runs in a READ transaction, so the server refuses writes a second time.

>>> q = parse_query("// T\\n// D\\n// @param limit int = 3  rows\\nMATCH (n) RETURN n LIMIT $limit", "t")
>>> q.title, q.description, q.params[0].name, q.params[0].default
('T', 'D', 'limit', 3)
>>> q.convert({"limit": "5"})
{'limit': 5}
>>> parse_query("// T\\n// @param org organisation  who\\nRETURN $org", "t").params[0].entity_label
'Organisation'
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from swgraph.core.bundled import BundledFileMissing, bundled
from swgraph.core.encode import spreadsheet_text, terminal_text
from swgraph.core.errors import InputError, Neo4jError
from swgraph.core.names import normalise, search_keys

QUERIES_DIR = bundled("cypher", "queries")
# Entity-reference types: the label their value is looked up under, and what the error messages call it.
ENTITY_TYPES = {"organisation": ("Organisation", "organisation"), "person": ("Person", "person"),
                "entity": ("SwgraphNode", "record")}
TYPES = ("string", "int", "float", "bool", "list", *ENTITY_TYPES)
# How many candidates an ambiguous name lists.
MAX_CANDIDATES = 10
_PARAM = re.compile(r"^@param\s+([A-Za-z_][A-Za-z0-9_]*)\s+(\w+)(?:\s*=\s*(\S+))?(?:\s+(.*))?$")
_NO_DEFAULT = object()
# Library queries name labels and properties a small dataset may lack; the server's warnings about that are noise.
_QUIET = {"notifications_min_severity": "OFF"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = _NO_DEFAULT
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is _NO_DEFAULT

    @property
    def entity_label(self) -> str | None:
        """The node label an entity reference is looked up under; ``None`` for plain parameters."""
        spec = ENTITY_TYPES.get(self.type)
        return spec[0] if spec else None

    def describe(self) -> dict[str, Any]:
        """This parameter as JSON-ready data (``default`` only when it has one)."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "help": self.help}
        if not self.required:
            out["default"] = self.default
        if self.entity_label:
            out["accepts"] = "id or name"
        return out

    def convert(self, text: str) -> Any:
        """Turn command-line text into this parameter's type."""
        try:
            if self.type == "int":
                return int(text)
            if self.type == "float":
                return float(text)
            if self.type == "bool":
                low = text.strip().lower()
                if low in ("true", "yes", "1"):
                    return True
                if low in ("false", "no", "0"):
                    return False
                raise ValueError(text)
            if self.type == "list":
                return [t.strip() for t in text.split(",") if t.strip()]
        except ValueError:
            raise InputError(f"parameter {self.name} must be {self.type}, got {text!r}") from None
        return text


@dataclass(frozen=True)
class Query:
    """One library query: name (file stem), title, description, parameters and Cypher text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None
    extra: dict = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """This query as JSON-ready data: name, title, description and parameters."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [p.describe() for p in self.params]}

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def convert(self, given: dict[str, str]) -> dict[str, Any]:
        """Parameters for the driver: given text converted by declared type; undeclared ones kept as text
        (JSON literals such as numbers or lists are decoded)."""
        out: dict[str, Any] = {}
        for name, text in given.items():
            p = self.param(name)
            if p is not None:
                out[name] = p.convert(text)
            else:
                try:
                    out[name] = json.loads(text)
                except ValueError:
                    out[name] = text
        return out

    def parameters(self, given: dict[str, Any]) -> dict[str, Any]:
        """Declared defaults overlaid with *given* (already converted)."""
        out = {p.name: p.default for p in self.params if not p.required}
        out.update(given)
        return out

    def used_parameters(self) -> set[str]:
        body = re.sub(r"//[^\n]*", "", self.text)
        body = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", body)
        return set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))


def _default(type_: str, text: str | None) -> Any:
    if text is None:
        return _NO_DEFAULT
    if text == "null":
        return None
    return Param("default", type_).convert(text)


def parse_query(text: str, name: str, path: Path | None = None) -> Query:
    """Parse a query file's text (header comments, then one Cypher statement)."""
    lines = text.splitlines()
    header: list[str] = []
    for line in lines:
        s = line.strip()
        if s.startswith("//"):
            header.append(s[2:].strip())
        elif s:
            break
    title = header[0] if header else name
    desc, params = [], []
    for h in header[1:]:
        if h.startswith("@param"):
            mt = _PARAM.match(h)
            if not mt or mt.group(2) not in TYPES:
                raise InputError(f"{path or name}: bad parameter line {h!r} (expected "
                                 f"'@param NAME {'|'.join(TYPES)} [= DEFAULT]  help')")
            pname, ptype, pdefault, phelp = mt.groups()
            params.append(Param(pname, ptype, _default(ptype, pdefault), (phelp or "").strip()))
        elif h:
            desc.append(h)
    body = text.strip().rstrip(";").strip()
    if not re.sub(r"//[^\n]*", "", body).strip():
        raise InputError(f"{path or name}: no Cypher statement")
    return Query(name, title, " ".join(desc), tuple(params), body, path)


def library(directory: Path | None = None) -> dict[str, Query]:
    """Every query in the library, by name (file stem), sorted.

    Raises
    ------
    BundledFileMissing
        The bundled library holds no queries (a broken install).
    InputError
        *directory* holds no ``.cypher`` files.
    """
    folder = Path(directory) if directory else QUERIES_DIR
    lib = {p.stem: parse_query(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.cypher"))}
    if not lib:
        if directory:
            raise InputError(f"{folder}: no .cypher queries in this folder")
        raise BundledFileMissing(f"{folder}: the bundled query library is empty; reinstall swgraph")
    return lib


def catalogue(lib: dict[str, Query] | None = None) -> list[dict[str, Any]]:
    """The library as JSON-ready data, one entry per query (``swgraph query --list --format json``)."""
    return [q.describe() for q in (lib or library()).values()]


def catalogue_json(lib: dict[str, Query] | None = None) -> str:
    """:func:`catalogue` as indented JSON text."""
    return json.dumps(catalogue(lib), ensure_ascii=False, indent=2)


def get_query(name_or_file: str, directory: Path | None = None) -> Query:
    """A library query by name, or any ``.cypher`` file by path."""
    path = Path(name_or_file)
    if path.suffix == ".cypher" or path.is_file():
        if not path.is_file():
            raise InputError(f"{path}: no such query file")
        return parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    lib = library(directory)
    if name_or_file not in lib:
        raise InputError(f"unknown query {name_or_file!r}; known: {', '.join(lib)}")
    return lib[name_or_file]


# ----------------------------------------------------------------------------- entity references


def match_names(text: str, candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidates whose id or a name matches *text*, as :func:`swgraph.records.search.find` matches:
    exact matches (any name or its pinyin) if there are any, else partial ones.

    Each candidate is ``{"id": ..., "name": ..., "names": [...]}``.

    >>> cands = [{"id": "gd-swa", "name": "广东省社会工作师联合会", "names": ["广东省社工师联合会"]},
    ...          {"id": "bj-swa", "name": "北京市社会工作者协会", "names": []}]
    >>> [c["id"] for c in match_names("guang dong sheng she gong shi lian he hui", cands)]
    ['gd-swa']
    >>> [c["id"] for c in match_names("社会工作", cands)]
    ['gd-swa', 'bj-swa']
    """
    key = normalise(text)
    if not key:
        return []
    exact, partial = [], []
    for cand in candidates:
        keys = search_keys([cand["id"], cand.get("name") or "", *(cand.get("names") or [])])
        if key in keys:
            exact.append(cand)
        elif any(key in k for k in keys):
            partial.append(cand)
    return exact or partial


def _entity_cypher(label: str) -> tuple[str, str]:
    """The id lookup and the candidate list for *label* (a name from :data:`ENTITY_TYPES`, never user text)."""
    where = "($dataset IS NULL OR n.dataset = $dataset) AND NOT n:Source AND NOT n:Statistic"
    by_id = f"MATCH (n:{label} {{id: $value}}) WHERE {where} RETURN n.id AS id LIMIT 1"
    names = (f"MATCH (n:{label}) WHERE {where} "
             "RETURN n.id AS id, n.name AS name, "
             "[x IN [n.name_zh, n.name_en, n.title_zh, n.title_en, n.name_pinyin] WHERE x IS NOT NULL]"
             " + coalesce(n.aliases, []) AS names ORDER BY id")
    return by_id, names


def resolve_entity(session, param: Param, value: str, dataset: str | None) -> str:
    """The id of the entity *value* names (an id or any name) under *param*'s label.

    Raises
    ------
    InputError
        No entity of that kind matches, or several do (the message lists them).
    """
    label, what = ENTITY_TYPES[param.type]
    by_id, names = _entity_cypher(label)
    hit = session.run(by_id, {"value": value, "dataset": dataset}).single()
    if hit is not None:
        return hit["id"]
    candidates = [dict(r) for r in session.run(names, {"dataset": dataset})]
    found = match_names(value, candidates)
    where = f" in dataset {dataset}" if dataset else ""
    if not found:
        raise InputError(f"parameter {param.name}: no {what} matches {value!r}{where} "
                         "(give an id, a Chinese or English name, an alias or pinyin)")
    if len(found) > 1:
        listed = "; ".join(f"{c['id']} ({c['name']})" for c in found[:MAX_CANDIDATES])
        more = f"; … +{len(found) - MAX_CANDIDATES} more" if len(found) > MAX_CANDIDATES else ""
        raise InputError(f"parameter {param.name}: {value!r} matches {len(found)} {what}s{where}: {listed}{more}; "
                         f"give one of these ids, e.g. -p {param.name}={found[0]['id']}")
    return found[0]["id"]


def resolve_entities(session, query: Query, params: dict[str, Any]) -> dict[str, Any]:
    """*params* with every entity reference of *query* turned into the id it names (``None`` left as is)."""
    out = dict(params)
    for p in query.params:
        value = out.get(p.name)
        if p.entity_label and isinstance(value, str):
            out[p.name] = resolve_entity(session, p, value, out.get("dataset"))
    return out


# ----------------------------------------------------------------------------- running


@dataclass
class Result:
    keys: list[str]
    rows: list[dict[str, Any]]
    query_type: str


def plain(value: Any) -> Any:
    """A driver value as plain JSON-ready data (nodes and relationships as property maps)."""
    from neo4j import graph as ng  # noqa: PLC0415 - the driver costs ~1.3 s to import (-X importtime); only commands that connect pay it

    if isinstance(value, ng.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, ng.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def explain_type(session, text: str, params: dict) -> str:
    """The query type the server plans for *text*: ``r``, ``w``, ``rw`` or ``s``."""
    summary = session.run("EXPLAIN " + text, params).consume()
    return summary.query_type or "r"


def run_query(driver, query: Query, params: dict[str, Any], *, database: str | None = None,
              write: bool = False) -> Result:
    """Run *query*; refuse anything but a read unless *write*.

    Entity references (organisation, person or entity parameters) given by name are first resolved to
    their ids in the loaded graph (:func:`resolve_entities`).

    Raises
    ------
    InputError
        A required parameter is missing, an entity reference fits no entity or several, or the query
        writes and *write* is false.
    Neo4jError
        The server refused the query.
    """
    from neo4j import exceptions as nx  # noqa: PLC0415 - the driver costs ~1.3 s to import (-X importtime); only commands that connect pay it

    params = query.parameters(params)
    missing = sorted(p.name for p in query.params if p.required and p.name not in params)
    missing += sorted(n for n in query.used_parameters() if n not in params and n not in missing)
    if missing:
        raise InputError(f"query {query.name} needs parameter(s) {', '.join(missing)} (--param NAME=VALUE)")
    try:
        with driver.session(database=database, default_access_mode="READ", **_QUIET) as session:
            params = resolve_entities(session, query, params)
            qtype = explain_type(session, query.text, params)
        if qtype != "r" and not write:
            what = {"w": "writes", "rw": "reads and writes", "s": "changes the schema"}.get(qtype, qtype)
            raise InputError(f"query {query.name} {what} (query type {qtype!r}); pass --write to run it")

        def work(tx):
            res = tx.run(query.text, params)
            keys = list(res.keys())
            return keys, [{k: plain(rec[k]) for k in keys} for rec in res]

        mode = "READ" if qtype == "r" else "WRITE"
        with driver.session(database=database, default_access_mode=mode, **_QUIET) as session:
            keys, rows = session.execute_read(work) if mode == "READ" else session.execute_write(work)
    except nx.Neo4jError as exc:
        raise Neo4jError(f"query {query.name} failed: {' '.join(str(getattr(exc, 'message', None) or exc).split())}") from None
    except (nx.DriverError, OSError) as exc:
        raise Neo4jError(f"lost the connection to Neo4j running {query.name}: {' '.join(str(exc).split())[:200]}") from None
    return Result(keys, rows, qtype)


# ----------------------------------------------------------------------------- output


def _short(value: Any, max_items: int) -> Any:
    """Long lists cut to *max_items* with a count of the rest (for tables only)."""
    if isinstance(value, list) and len(value) > max_items:
        return [_short(v, max_items) for v in value[:max_items]] + [f"… +{len(value) - max_items} more"]
    if isinstance(value, list):
        return [_short(v, max_items) for v in value]
    if isinstance(value, dict):
        return {k: _short(v, max_items) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def to_json(result: Result) -> str:
    return json.dumps(result.rows, ensure_ascii=False, indent=2)


def to_csv(result: Result) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(result.keys)
    for row in result.rows:
        # text that would start a formula is protected; numbers stay numbers (lists and maps are JSON text)
        w.writerow([_cell(row[k]) if isinstance(row[k], (int, float)) else spreadsheet_text(_cell(row[k]))
                    for k in result.keys])
    return buf.getvalue()


def to_table(result: Result, title: str | None = None, *, max_items: int = 6):
    """A ``rich.table.Table`` of the result (lists longer than *max_items* are cut; JSON and CSV are complete)."""
    table = Table(title=Text(terminal_text(title)) if title else None, show_lines=False)
    for k in result.keys:
        table.add_column(Text(terminal_text(k)), overflow="fold")
    for row in result.rows:  # plain text: a name holding [bold] or ESC sequences is printed as it is, never run
        table.add_row(*(Text(terminal_text(_cell(_short(row[k], max_items)))) for k in result.keys))
    return table
