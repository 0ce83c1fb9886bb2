"""The Neo4j schema of swgraph, generated from the model registry.

Every statement is idempotent (``IF NOT EXISTS``). :func:`statements` derives
them from :mod:`swgraph.core.registry` (labels, relationship types) so a new kind
or reference field gets its index without editing Cypher by hand; the checked
in ``cypher/schema.cypher`` is this output (a test keeps the two equal;
regenerate with ``python -m swgraph.neo4j.schema > cypher/schema.cypher``).

What the loader relies on:

* ``:SwgraphNode(uid)`` unique: every node swgraph loads (records and
  sources) is found by its ``uid`` = ``"<dataset>:<id>"``
  (``"<dataset>:source:<id>"`` for sources);
* ``:SwgraphDataset(id)`` unique: one metadata node per loaded dataset;
* ``:SwgraphLoadLock(dataset)`` unique: at most one load of a dataset at a time
  (:mod:`swgraph.neo4j.lock`);
* every relationship type has a unique ``uid`` (owner, field path, target),
  so ``MERGE`` finds an existing relationship without scanning a hub's edges;
* ``:SwgraphNode(dataset)`` indexed, for ``--replace`` and the sweep.

The full-text index ``swgraph_names`` covers names in Chinese and English,
aliases and pinyin (the ``name_text`` property, plus ``name_zh``, ``name_en``
and ``name_pinyin`` for field-specific searches) with Lucene's CJK analyzer,
which indexes Chinese as overlapping character pairs:

>>> any("FULLTEXT INDEX swgraph_names" in s for s in statements())
True
>>> check_identifier("PARTY_TO")
'PARTY_TO'
>>> check_identifier("X`) DETACH DELETE n //")
Traceback (most recent call last):
...
ValueError: not an allowed Neo4j label or relationship type: 'X`) DETACH DELETE n //'
"""

from __future__ import annotations

import re

from swgraph.core import registry
from swgraph.core.bundled import bundled

DATASET_LABEL = "SwgraphDataset"
LOCK_LABEL = "SwgraphLoadLock"  # one per dataset while a load runs (swgraph.neo4j.lock)
LOCK_CONSTRAINT = (f"CREATE CONSTRAINT swgraph_load_lock_dataset IF NOT EXISTS "
                   f"FOR (l:{LOCK_LABEL}) REQUIRE l.dataset IS UNIQUE")
FULLTEXT_INDEX = "swgraph_names"
FULLTEXT_PROPERTIES = ("name_text", "name_zh", "name_en", "name_pinyin")
FULLTEXT_ANALYZER = "cjk"

#: Every label swgraph may write: base, source, dataset, group and kind labels.
ALLOWED_LABELS: frozenset[str] = frozenset(
    {registry.BASE_LABEL, registry.SOURCE_LABEL, DATASET_LABEL, *registry.GROUP_LABELS.values(),
     *(spec.label for spec in registry.KINDS.values())}
)
#: Every relationship type swgraph may write (the registry's, which includes CITES).
ALLOWED_REL_TYPES: frozenset[str] = frozenset(registry.RELATIONSHIP_TYPES)
#: Labels that say what a node is (group and kind labels); a node loses those it no longer has.
KIND_LABELS: tuple[str, ...] = tuple(sorted(ALLOWED_LABELS - {registry.BASE_LABEL, DATASET_LABEL}))

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
SCHEMA_FILE = bundled("cypher", "schema.cypher")


def check_identifier(name: str, allowed: frozenset[str] | None = None) -> str:
    """Return *name* if it is a registry label or relationship type (safe to format into Cypher), else raise."""
    allowed = allowed if allowed is not None else (ALLOWED_LABELS | ALLOWED_REL_TYPES)
    if not isinstance(name, str) or not _IDENT.match(name) or name not in allowed:
        raise ValueError(f"not an allowed Neo4j label or relationship type: {name!r}")
    return name


def label_expr(labels) -> str:
    """``:A:B`` for allowed labels (each checked against the allow-list)."""
    return "".join(f":{check_identifier(lb, ALLOWED_LABELS)}" for lb in labels)


def rel_type(name: str) -> str:
    """A relationship type checked against the registry allow-list."""
    return check_identifier(name, ALLOWED_REL_TYPES)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def statements() -> list[str]:
    """The schema as Cypher statements, in the order they are run."""
    base, src = registry.BASE_LABEL, registry.SOURCE_LABEL
    out = [
        f"CREATE CONSTRAINT swgraph_node_uid IF NOT EXISTS FOR (n:{base}) REQUIRE n.uid IS UNIQUE",
        f"CREATE CONSTRAINT swgraph_dataset_id IF NOT EXISTS FOR (d:{DATASET_LABEL}) REQUIRE d.id IS UNIQUE",
        LOCK_CONSTRAINT,
        f"CREATE INDEX swgraph_node_dataset IF NOT EXISTS FOR (n:{base}) ON (n.dataset)",
        f"CREATE INDEX swgraph_node_id IF NOT EXISTS FOR (n:{base}) ON (n.id)",
    ]
    for label in sorted({*registry.GROUP_LABELS.values(), src}):
        out.append(f"CREATE INDEX swgraph_{_snake(label)}_id IF NOT EXISTS FOR (n:{check_identifier(label)}) ON (n.id)")
    org = registry.GROUP_LABELS["organisation"]
    out.append(f"CREATE INDEX swgraph_organisation_province IF NOT EXISTS FOR (n:{org}) ON (n.province)")
    out.append(f"CREATE INDEX swgraph_organisation_kind IF NOT EXISTS FOR (n:{org}) ON (n.kind)")
    out.append(f"CREATE INDEX swgraph_record_when IF NOT EXISTS FOR (n:{registry.GROUP_LABELS['record']}) ON (n.when)")
    for rel in registry.RELATIONSHIP_TYPES:
        out.append(f"CREATE CONSTRAINT swgraph_rel_{rel.lower()}_uid IF NOT EXISTS "
                   f"FOR ()-[r:{rel_type(rel)}]-() REQUIRE r.uid IS UNIQUE")
    props = ", ".join(f"n.{p}" for p in FULLTEXT_PROPERTIES)
    out.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{base}) ON EACH [{props}] "
        f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{FULLTEXT_ANALYZER}'}}}}"
    )
    return out


def schema_cypher() -> str:
    """The text of ``cypher/schema.cypher`` (statements separated by ``;``)."""
    head = [
        "// swgraph Neo4j schema: generated from swgraph.core.registry by swgraph.neo4j.schema; do not edit.",
        "// Regenerate: .venv/bin/python -m swgraph.neo4j.schema > cypher/schema.cypher",
        "// Every statement is idempotent; `swgraph load` runs them before loading.",
        "",
    ]
    return "\n".join(head + [s + ";" for s in statements()]) + "\n"


def apply(driver, database: str | None = None, *, timeout: float = 300, fulltext: bool = True) -> None:
    """Create constraints and indexes that do not exist yet, then wait until they are online.

    With ``fulltext=False`` the full-text index is left out (a load creates it afterwards with
    :func:`apply_fulltext`, so it is populated once rather than maintained row by row).
    """
    have = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database).records}
    have |= {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name", database_=database).records}
    for stmt in statements():  # nothing is created when the schema is there already (a re-load)
        if (fulltext or not _is_fulltext(stmt)) and _NAME.match(stmt).group(1) not in have:
            driver.execute_query(stmt, database_=database)
    driver.execute_query("CALL db.awaitIndexes($t)", t=int(timeout), database_=database)


_NAME = re.compile(r"^CREATE (?:CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS")


def _is_fulltext(stmt: str) -> bool:
    return stmt.startswith("CREATE FULLTEXT INDEX")


def apply_fulltext(driver, database: str | None = None, *, timeout: float = 300) -> None:
    """Create the full-text index if it does not exist, then wait until it is online."""
    driver.execute_query(next(s for s in statements() if _is_fulltext(s)), database_=database)
    driver.execute_query("CALL db.awaitIndex($name, $t)", name=FULLTEXT_INDEX, t=int(timeout), database_=database)


if __name__ == "__main__":  # pragma: no cover
    print(schema_cypher(), end="")
