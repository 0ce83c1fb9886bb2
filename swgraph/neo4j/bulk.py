"""A ``neo4j-admin database import`` CSV bundle, for loads too large for Bolt batches.

The bundle holds exactly what :func:`swgraph.neo4j.loader.load` writes (the
same rows, properties and uids), so both routes give the same graph: one CSV
of nodes per label set, one CSV of relationships per type, and ``import.sh``
with the command line. Typed headers (``:long``, ``:double``, ``:boolean``,
``:string[]``) keep property types. Every field is quoted, and arrays (and
label lists) are joined with U+001F (unit separator), a control character no
validated text can hold, so an alias with ``;``, ``,``, quotes or a line
break imports as it is. Rows carry ``load_hash`` too, so a later ``swgraph load`` of the same data
skips them.

``swgraph load`` does not switch to ``neo4j-admin database import`` on its own, even into an empty
dev database (measured ≈3× faster at 20k organisations): the import needs the server stopped and
replaces the *whole* database, so other datasets on the server, the ``:SwgraphDataset`` status and
the load lock could not keep their guarantees (``--replace`` touches one dataset only; a second load
is refused while one runs; a killed load converges on re-run). It stays an explicit, offline route.

>>> from swgraph.records.dataset import load_dataset
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "bundle"
>>> files = write_bundle(load_dataset(), out)
>>> "import.sh" in files and any(f.startswith("nodes-") for f in files)
True
"""

from __future__ import annotations

import os
import shlex
import shutil
import tempfile
from pathlib import Path

from swgraph.core.errors import InputError
from swgraph.neo4j.loader import build_rows
from swgraph.records.dataset import Dataset

#: joins array items and labels; a control character, refused in every text by validation
ARRAY_DELIMITER = "\x1f"
#: how neo4j-admin's ``--array-delimiter`` names it
ARRAY_DELIMITER_OPTION = "U+001F"


def _type(values) -> str:
    kinds = set()
    for v in values:
        if v is None:
            continue
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("long")
        elif isinstance(v, float):
            kinds.add("double")
        elif isinstance(v, list):
            kinds.add("string[]")
        else:
            kinds.add("string")
    if kinds == {"long", "double"}:
        return "double"
    if len(kinds) > 1:
        return "string"
    return kinds.pop() if kinds else "string"


def _cell(value, typ: str) -> str | None:
    if value is None:
        return None  # written unquoted and empty: no property (a quoted "" would be an empty string)
    if typ == "string[]":
        items = [str(x) for x in value]
        if any(ARRAY_DELIMITER in x for x in items):
            raise InputError(f"a list value holds the control character U+001F, which the bundle uses "
                             f"between array items: {items!r}")
        return ARRAY_DELIMITER.join(items)
    if typ == "boolean":
        return "true" if value else "false"
    return str(value)


def _write_csv(path: Path, rows: list[dict], fixed: list[tuple[str, str]]) -> None:
    """``fixed``: leading (header, key) columns such as ``uid:ID``; then every property with its type."""
    keys = sorted({k for row in rows for k in row["props"]} - {k for _, k in fixed if k})
    types = {k: _type(row["props"].get(k) for row in rows) for k in keys}
    header = [h for h, _ in fixed] + [k if types[k] == "string" else f"{k}:{types[k]}" for k in keys]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(_csv_line(header))
        for row in rows:
            lead = [row["props"].get(k, row.get(k)) if k else row["label"] for h, k in fixed]
            fh.write(_csv_line([*lead, *(_cell(row["props"].get(k), types[k]) for k in keys)]))


def _csv_line(fields) -> str:
    """One CSV line, every field quoted (``"`` doubled inside) but a missing one, which stays empty: no property.

    >>> print(_csv_line(['a;b', 'x"y', None, 5]), end='')
    "a;b","x""y",,"5"
    """
    return ",".join("" if v is None else '"' + str(v).replace('"', '""') + '"' for v in fields) + "\n"


def write_bundle(ds: Dataset, out_dir: str | Path, *, database: str = "neo4j") -> list[str]:
    """Write the bundle into ``out_dir`` (created; must not exist or be empty). Returns the file names.

    Written into a temporary folder and renamed into place, so a failure leaves nothing behind.
    """
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: folder exists and is not empty")
    rows = build_rows(ds)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent if out.parent.exists() else None))
    try:
        files: list[str] = []
        node_args, rel_args = [], []
        for i, (labels, node_rows) in enumerate(sorted(rows.nodes.items())):
            name = f"nodes-{i:02d}-{'-'.join(labels[1:]) or labels[0]}.csv"
            tagged = [{**r, "label": ARRAY_DELIMITER.join(labels)} for r in node_rows]
            _write_csv(tmp / name, tagged, [("uid:ID", "uid"), (":LABEL", None)])
            files.append(name)
            node_args.append(f"--nodes={name}")
        for rel, rel_rows in sorted(rows.relationships.items()):
            name = f"relationships-{rel}.csv"
            tagged = [{**r, "label": rel} for r in rel_rows]
            _write_csv(tmp / name, tagged, [(":START_ID", "start"), (":END_ID", "end"), (":TYPE", None)])
            files.append(name)
            rel_args.append(f"--relationships={name}")
        script = ["#!/bin/sh", "# Offline bulk import into an EMPTY, STOPPED database (neo4j-admin 5.x).",
                  "# Run in this folder; then start Neo4j and apply cypher/schema.cypher for constraints and indexes.",
                  "set -e", 'cd "$(dirname "$0")"',
                  # the database name goes first: --nodes/--relationships take several files each
                  " ".join(["neo4j-admin database import full", shlex.quote(database),
                            f"--array-delimiter={ARRAY_DELIMITER_OPTION}", "--multiline-fields=true", *node_args, *rel_args])]
        (tmp / "import.sh").write_text("\n".join(script) + "\n", encoding="utf-8")
        os.chmod(tmp / "import.sh", 0o755)
        files.append("import.sh")
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
        os.chmod(out, 0o755)
        return files
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
