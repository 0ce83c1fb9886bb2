"""The generator sits above core and records only, and imports at the top of its modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import swgraph.synthetic

MODULES = sorted(Path(swgraph.synthetic.__file__).parent.glob("*.py"))
ALLOWED = ("swgraph.core", "swgraph.records", "swgraph.synthetic")


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield node, [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            yield node, [node.module or ""]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_imports_only_core_records_and_itself(path):
    tree = ast.parse(path.read_text("utf-8"))
    for _, names in _imports(tree):
        for name in names:
            if name == "swgraph" or name.startswith("swgraph."):
                assert name.startswith(ALLOWED), f"{path.name} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_function_level_imports(path):
    tree = ast.parse(path.read_text("utf-8"))
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            nested = [n for n, _ in _imports(func)]
            assert not nested, f"{path.name}:{nested[0].lineno}: import inside {func.name}()"
