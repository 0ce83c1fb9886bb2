"""``swgraph.synthetic.generate``: marking, determinism, scale and argument errors."""

from __future__ import annotations

import collections

import pytest

from swgraph.core import model as m
from swgraph.core.errors import InputError
from swgraph.core.registry import COLLECTIONS
from swgraph.records.dataset import default_seeds_dir, iter_yaml_files
from swgraph.synthetic import generate, generator_string
from swgraph.synthetic.tiers import GENERATED_KINDS

from .conftest import SMALL, load


def test_every_generated_record_is_flagged(national):
    out, ds, _ = national
    gen = generator_string("national-2015", 1, 1.0)
    synthetic_dir = str(out / "synthetic")
    n = 0
    for rec in ds.all_records():
        if ds.origin(rec)[0].startswith(synthetic_dir):
            assert rec.synthetic is True and rec.generator == gen, rec.id
            assert rec.id.startswith("syn-") and not rec.sources
            n += 1
        else:
            assert not rec.synthetic and not rec.id.startswith("syn-")
    assert n > 15000


def test_small_scale_keeps_the_association_counts(small):
    ds, problems = load(small)
    assert problems == []
    kinds = collections.Counter(o.kind for o in ds.organisations)
    assert (kinds["provincial_association"], kinds["municipal_association"], kinds["county_association"]) == (24, 97, 168)
    assert kinds["service_agency"] == round(3501 * SMALL)
    assert ds.info.id == "national-2015-s3-x0.05"


def test_larger_scale_grows_the_network():
    one, two = generate(seed=2, scale=1).counts(), generate(seed=2, scale=2).counts()
    assert two["organisations.service_agency"] == 2 * 3501
    assert two["organisations.municipal_association"] > one["organisations.municipal_association"]
    assert two["organisations.provincial_association"] == one["organisations.provincial_association"] == 22
    assert 1.8 < sum(v for k, v in two.items() if "." not in k) / sum(v for k, v in one.items() if "." not in k) < 2.3


def test_bad_arguments_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="unknown profile"):
        generate("national-1999")
    with pytest.raises(InputError, match="scale"):
        generate(scale=0)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for p in iter_yaml_files([default_seeds_dir()]):
        if p.name != "statistics.yaml":
            (seeds / p.name).write_bytes(p.read_bytes())
    with pytest.raises(InputError, match="stat-2015-cn"):
        generate(seeds_dir=seeds)


def test_generated_records_are_valid_models():
    s = generate(seed=7, scale=0.02)
    for coll, recs in s.records.items():
        for rec in recs:
            assert isinstance(COLLECTIONS[coll].model_validate(rec), m.Record)


def test_generated_kinds_are_the_tiers_below_the_federation():
    s = generate(seed=7, scale=0.02)
    assert {r["kind"] for r in s.records["organisations"]} == set(GENERATED_KINDS)
    assert "national_federation" not in GENERATED_KINDS
