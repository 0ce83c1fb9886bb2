"""Shared test helpers (not fixtures): paths and small dataset builders."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def skip_or_fail(reason: str):
    """Skip on a user's machine; fail when ``CI`` is set (CI must never skip a test)."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(f"{reason} (CI is not set, so this skips)")


def sources_dir() -> Path:
    """The source texts: ``$SWGRAPH_SOURCES`` or ``../shared/sources`` beside the checkout.

    Missing on a user's machine: skip; missing in CI (``CI`` set): fail.
    """
    path = Path(os.environ.get("SWGRAPH_SOURCES", REPO.parent / "shared" / "sources"))
    if not path.is_dir():
        skip_or_fail(f"source texts not found at {path}; set SWGRAPH_SOURCES to check quotes")
    return path


def write_yaml(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


MINI_SOURCES = """
sources:
  - {id: s1, title_zh: 测试来源}
"""
