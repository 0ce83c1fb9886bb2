"""Helpers shared by the Neo4j tests."""

import uuid

import pytest

from swgraph.neo4j import loader
from swgraph.records.dataset import Dataset


def as_dataset(ds: Dataset, dataset_id: str) -> Dataset:
    """The same records under another dataset id (so tests sharing one server do not collide)."""
    return Dataset(info=ds.info.model_copy(update={"id": dataset_id}), records={c: list(r) for c, r in ds.records.items()},
                   sources=dict(ds.sources), origins=ds.origins)


def dataset_id_fixture(prefix: str):
    """A fixture giving a fresh dataset id per test; its nodes are deleted afterwards."""

    @pytest.fixture
    def dataset_id(neo4j_driver):
        dsid = f"{prefix}-{uuid.uuid4().hex[:10]}"
        yield dsid
        loader.delete_dataset(neo4j_driver, dsid)

    return dataset_id
