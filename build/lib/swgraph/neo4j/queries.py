"""The Cypher query library (``cypher/queries/*.cypher``) and running one query safely.

Each file holds one parameterised query, headed by comment lines::

    // Title on the first line
    // Description lines...
    // @param dataset string  dataset id (default: the only dataset loaded)
    // @param limit int = 10  how many rows

``@param NAME TYPE [= DEFAULT]  help``: TYPE is ``string``, ``int``,
``float``, ``bool`` or ``list`` (comma-separated strings); DEFAULT ``null``
means "not given". A ``dataset`` parameter without a value defaults to the
only dataset loaded.

:func:`run_query` asks the server (``EXPLAIN``) what kind of query it is and
runs anything but a pure read (query type ``r``) only when ``write=True``; a
read runs in a READ transaction, so the server refuses writes a second time.

>>> q = parse_query("// T\\n// D\\n// @param limit int = 3  rows\\nMATCH (n) RETURN n LIMIT $limit", "t")
>>> q.title, q.description, q.params[0].name, q.params[0].default
('T', 'D', 'limit', 3)
>>> q.convert({"limit": "5"})
{'limit': 5}
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swgraph.core.bundled import bundled
from swgraph.core.errors import InputError, Neo4jError

QUERIES_DIR = bundled("cypher", "queries")
TYPES = ("string", "int", "float", "bool", "list")
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
    """Every query in the library, by name (file stem), sorted."""
    directory = directory or QUERIES_DIR
    return {p.stem: parse_query(p.read_text(encoding="utf-8"), p.stem, p)
            for p in sorted(directory.glob("*.cypher"))}


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


# ----------------------------------------------------------------------------- running


@dataclass
class Result:
    keys: list[str]
    rows: list[dict[str, Any]]
    query_type: str


def plain(value: Any) -> Any:
    """A driver value as plain JSON-ready data (nodes and relationships as property maps)."""
    from neo4j import graph as ng

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

    Raises
    ------
    InputError
        A required parameter is missing, or the query writes and *write* is false.
    Neo4jError
        The server refused the query.
    """
    from neo4j import exceptions as nx

    params = query.parameters(params)
    missing = sorted(p.name for p in query.params if p.required and p.name not in params)
    missing += sorted(n for n in query.used_parameters() if n not in params and n not in missing)
    if missing:
        raise InputError(f"query {query.name} needs parameter(s) {', '.join(missing)} (--param NAME=VALUE)")
    try:
        with driver.session(database=database, default_access_mode="READ", **_QUIET) as session:
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
        w.writerow([_cell(row[k]) for k in result.keys])
    return buf.getvalue()


def to_table(result: Result, title: str | None = None, *, max_items: int = 6):
    """A ``rich.table.Table`` of the result (lists longer than *max_items* are cut; JSON and CSV are complete)."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for k in result.keys:
        table.add_column(k, overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell(_short(row[k], max_items)) for k in result.keys))
    return table
