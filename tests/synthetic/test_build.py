"""``swgraph generate``: a synthetic national network consistent with the 2015 figures."""

from __future__ import annotations

import collections
import filecmp
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from swgraph.core import model as m
from swgraph.core import regions
from swgraph.cli.main import cli
from swgraph.records.dataset import default_seeds_dir, iter_yaml_files, read_dataset
from swgraph.core.errors import InputError
from swgraph.synthetic import generate, generator_string, write_generated
from swgraph.synthetic import write as write_mod
from swgraph.synthetic.build import mainland_provinces, neighbour_provinces
from swgraph.records.validate import validate

SMALL = 0.05  # about 3,000 records: enough structure, fast


def _load(path):
    ds, problems = read_dataset([path])
    return ds, problems + validate(ds)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """The full-size set, seed 1: written once, loaded once."""
    out = tmp_path_factory.mktemp("gen") / "national"
    write_generated(out, "national-2015", seed=1)
    ds, problems = _load(out)
    return out, ds, problems


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen") / "small"
    write_generated(out, seed=3, scale=SMALL)
    return out


# ---------------------------------------------------------------- the 2015 figures


def test_national_set_validates_clean(national):
    _, ds, problems = national
    assert problems == []
    assert ds.info.id == "national-2015-s1"
    assert ds.info.synthetic and ds.info.generator == generator_string("national-2015", 1, 1.0)


def test_tier_counts_match_the_2015_report(national):
    _, ds, _ = national
    kinds = collections.Counter(o.kind for o in ds.organisations)
    assert kinds["national_federation"] == 1
    assert kinds["provincial_association"] == 24
    assert kinds["municipal_association"] == 97
    assert kinds["county_association"] == 168
    assert kinds["service_agency"] >= 3500  # "3500多家"
    gd = {o.region for o in ds.organisations if o.kind == "municipal_association" and regions.province_of(o.region) == "440000"}
    assert len(gd) == 14 and len(regions.prefectures("440000")) == 21
    # the documented associations count towards the totals
    assert {"bj-swa", "gd-swa"} <= {o.id for o in ds.organisations if o.kind == "provincial_association"}
    # every organisation exists at the report's date
    then = collections.Counter(o.kind for o in ds.as_of("2015-06").organisations)
    assert then == kinds


def test_associations_sit_in_real_divisions_one_per_division(national):
    _, ds, _ = national
    want = {"provincial_association": "province", "municipal_association": "prefecture", "county_association": "county"}
    seen = set()
    for o in ds.organisations:
        if o.kind in want:
            assert regions.level(o.region) == want[o.kind], o.id
            assert (o.kind, o.region) not in seen
            seen.add((o.kind, o.region))
    assert all(regions.province_of(o.region) in mainland_provinces() for o in ds.organisations
               if o.synthetic and o.region)


def test_parents_follow_the_tiers(national):
    _, ds, _ = national
    at = {(o.kind, o.region): o.id for o in ds.organisations}
    for o in ds.organisations:
        if not o.synthetic:
            continue
        parent = ds.get(o.parent) if o.parent else None
        if o.kind == "provincial_association":
            assert parent.kind == "national_federation"
        elif o.kind == "municipal_association":
            assert o.parent == at.get(("provincial_association", regions.province_of(o.region)))
        elif o.kind == "county_association":
            pref = regions.prefecture_of(o.region)
            expect = at.get(("municipal_association", pref)) or at.get(("provincial_association", regions.province_of(o.region)))
            assert o.parent == expect
        elif o.kind == "service_agency":
            assert parent is not None and parent.tier in (1, 2, 3)
            assert regions.contains(parent.region, o.region)


def test_relations_are_dated_inside_the_window_and_after_foundings(national):
    _, ds, _ = national
    for rec in [*ds.agreements, *ds.events, *ds.ties]:
        if rec.synthetic:
            assert "2010-01-01" <= rec.date_value().earliest and rec.date_value().latest <= "2015-06-30", rec.id
    assert all(o.founded.latest <= "2015-06-30" for o in ds.organisations if o.synthetic)


def test_agreements_are_mostly_local(national):
    _, ds, _ = national
    near = neighbour_provinces(mainland_provinces(), 4)
    same = neighbouring = far = 0
    for a in ds.agreements:
        if not a.synthetic:
            continue
        p, q = (regions.province_of(ds.get(x).region) for x in a.parties)
        if p == q:
            same += 1
        elif q in near[p] or p in near[q]:
            neighbouring += 1
        else:
            far += 1
    total = same + neighbouring + far
    assert total > 200
    assert same > 0.4 * total and neighbouring > 0.15 * total and 0 < far < 0.2 * total
    # higher tiers sign more agreements per association
    per = collections.Counter(ds.get(x).kind for a in ds.agreements for x in a.parties)
    n = collections.Counter(o.kind for o in ds.organisations)
    assert per["provincial_association"] / n["provincial_association"] > per["county_association"] / n["county_association"]


def test_people_posts_and_programmes(national):
    _, ds, _ = national
    posts_at = collections.defaultdict(set)
    for p in ds.posts:
        posts_at[p.organisation].add(p.role_zh)
    for o in ds.organisations:
        if o.synthetic and o.kind.endswith("association"):
            assert {"会长", "秘书长"} <= posts_at[o.id], o.id
        if o.synthetic and o.kind == "service_agency":
            assert "主任" in posts_at[o.id]
    assert all(2 <= len(p.name_zh) <= 3 for p in ds.people if p.synthetic)
    # interlocks: some people hold posts in more than one organisation
    per_person = collections.Counter(p.person for p in ds.posts)
    assert sum(1 for n in per_person.values() if n > 1) > 50
    documented = [p for p in ds.programmes if not p.synthetic]
    assert all(not ds.get(part.organisation).synthetic for p in documented for part in p.participants)
    assert sum(len(p.participants) for p in ds.programmes if p.synthetic) > 100


# ---------------------------------------------------------------- marking and the documented part


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


def test_flags_are_written_literally(small):
    text = (small / "synthetic" / "organisations.yaml").read_text("utf-8")
    assert text.startswith("# SYNTHETIC DATA")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    assert all(r["synthetic"] is True and "seed=3 scale=0.05" in r["generator"] for r in data["organisations"])


def test_documented_files_are_copied_unchanged(national):
    out, ds, _ = national
    seeds = default_seeds_dir()
    names = [str(p.relative_to(seeds)) for p in iter_yaml_files([seeds])]
    assert sorted(str(p.relative_to(out / "documented")) for p in (out / "documented").rglob("*.yaml")) == sorted(names)
    for name in names:
        assert filecmp.cmp(seeds / name, out / "documented" / name, shallow=False), name
    assert all(not r.synthetic for r in ds.all_records() if ds.origin(r)[0].startswith(str(out / "documented")))


# ---------------------------------------------------------------- determinism and scale


def test_same_seed_same_bytes_other_seed_differs(small, tmp_path):
    write_generated(tmp_path / "again", seed=3, scale=SMALL)
    write_generated(tmp_path / "other", seed=4, scale=SMALL)
    first, again, other = _files(small), _files(tmp_path / "again"), _files(tmp_path / "other")
    assert first == again
    assert first.keys() == other.keys()
    assert first["synthetic/organisations.yaml"] != other["synthetic/organisations.yaml"]
    assert first["documented/organisations.yaml"] == other["documented/organisations.yaml"]


def test_small_scale_keeps_the_association_counts(small):
    ds, problems = _load(small)
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


# ---------------------------------------------------------------- errors and atomic writing


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


def test_refuses_non_empty_folder_and_writes_atomically(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="not empty"):
        write_generated(out, scale=SMALL)
    with pytest.raises(InputError, match="inside the seeds"):
        write_generated(default_seeds_dir() / "generated", scale=SMALL)
    assert not (default_seeds_dir() / "generated").exists()

    def boom(data, generator):
        if "relations" in str(list(data)) or "agreements" in data:
            raise RuntimeError("disk full")
        return real(data, generator)

    real = write_mod.dump_yaml
    monkeypatch.setattr(write_mod, "dump_yaml", boom)
    with pytest.raises(RuntimeError):
        write_generated(out, scale=SMALL, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp folder left
    assert [p.name for p in out.iterdir()] == ["keep.txt"]  # old content untouched
    monkeypatch.setattr(write_mod, "dump_yaml", real)
    write_generated(out, scale=SMALL, force=True)
    assert sorted(p.name for p in out.iterdir()) == ["documented", "synthetic"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# ---------------------------------------------------------------- CLI


def test_cli_generate_then_validate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "net"
    res = runner.invoke(cli, ["generate", "--profile", "national-2015", "--seed", "5", "--scale", str(SMALL), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "synthetic records" in res.output and "168 county association" in res.output
    res = runner.invoke(cli, ["validate", str(out)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["generate", "--seed", "5", "--scale", str(SMALL), "-o", str(out)])
    assert res.exit_code == 2 and "not empty" in res.output
    res = runner.invoke(cli, ["generate", "--seed", "6", "--scale", str(SMALL), "-o", str(out), "--force"])
    assert res.exit_code == 0, res.output
    assert "seed=6" in (out / "synthetic" / "dataset.yaml").read_text("utf-8")


def test_cli_help_and_bad_scale(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["generate", "--help"])
    assert res.exit_code == 0 and "Example:" in res.output
    res = runner.invoke(cli, ["generate", "--scale", "-1", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2 and "scale" in res.output
    assert not (tmp_path / "x").exists()
    res = runner.invoke(cli, ["--help"])
    assert "generate" in res.output


def test_generated_records_are_valid_models():
    s = generate(seed=7, scale=0.02)
    from swgraph.core.registry import COLLECTIONS

    for coll, recs in s.records.items():
        for rec in recs:
            assert isinstance(COLLECTIONS[coll].model_validate(rec), m.Record)
