"""Generated sets shared by the synthetic tests: written once per session, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from swgraph.records.dataset import read_dataset
from swgraph.records.validate import validate
from swgraph.synthetic import write_generated

SMALL = 0.05  # about 3,000 records: enough structure, fast


def load(path):
    """A written set read back, with its reading and validation problems."""
    ds, problems = read_dataset([path])
    return ds, problems + validate(ds)


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def national(tmp_path_factory):
    """The full-size set, seed 1: written once, loaded once."""
    out = tmp_path_factory.mktemp("gen") / "national"
    write_generated(out, "national-2015", seed=1)
    ds, problems = load(out)
    return out, ds, problems


@pytest.fixture(scope="session")
def small(tmp_path_factory):
    """A small set (seed 3, scale :data:`SMALL`), written once."""
    out = tmp_path_factory.mktemp("gen") / "small"
    write_generated(out, seed=3, scale=SMALL)
    return out
