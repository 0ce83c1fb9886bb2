"""Build a synthetic national network around the documented seeds.

The generator reads the documented data set, takes its tier counts from the
statistics a :class:`~swgraph.synthetic.profiles.Profile` names
(:mod:`~swgraph.synthetic.statistics`), and adds synthetic records family by
family until documented + synthetic match those counts:

1. :mod:`~swgraph.synthetic.organisations` — associations and service agencies (the administrative chain);
2. :mod:`~swgraph.synthetic.people` — people and their posts;
3. :mod:`~swgraph.synthetic.relations` — agreements, events, ties and programmes.

Everything is drawn from ``random.Random`` streams seeded by
``(profile, seed, scale, phase)`` and iterated in sorted order, so the same
profile, seed and scale give the same records; places come from
:mod:`swgraph.core.regions`, "neighbouring provinces" from the map coordinates of
the provincial seats (:mod:`swgraph.core.geo`, see :mod:`~swgraph.synthetic.places`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swgraph.core import regions
from swgraph.core.errors import InputError
from swgraph.records.dataset import Dataset, default_seeds_dir, load_dataset
from swgraph.synthetic import organisations, people, relations
from swgraph.synthetic.places import mainland_provinces, neighbour_provinces
from swgraph.synthetic.profiles import Profile, get_profile
from swgraph.synthetic.state import BuildState, generator_string
from swgraph.synthetic.statistics import Targets, targets

__all__ = [
    "SyntheticSet", "Targets", "dataset_id", "generate", "generator_string", "load_documented",
    "mainland_provinces", "neighbour_provinces", "targets",
]


@dataclass
class SyntheticSet:
    """A generated data set: its ``dataset:`` block and records (plain mappings in seed format) by collection."""

    profile: str
    seed: int
    scale: float
    generator: str
    info: dict[str, Any]
    records: dict[str, list[dict]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Records per collection, organisations also per kind (``organisations.<kind>``)."""
        out = {c: len(rs) for c, rs in self.records.items()}
        for org in self.records.get("organisations", []):
            key = f"organisations.{org['kind']}"
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))

    def files(self) -> dict[str, dict[str, Any]]:
        """File name -> the mapping written to it (the synthetic half of the output folder)."""
        r = self.records
        return {
            "dataset.yaml": {"dataset": self.info},
            "organisations.yaml": {"organisations": r["organisations"]},
            "people.yaml": {"people": r["people"], "posts": r["posts"]},
            "relations.yaml": {"agreements": r["agreements"], "events": r["events"], "ties": r["ties"]},
            "programmes.yaml": {"programmes": r["programmes"]},
        }

    def __len__(self) -> int:
        return sum(len(v) for v in self.records.values())


def dataset_id(profile: str, seed: int, scale: float) -> str:
    """The ``dataset:`` id of a generated set.

    >>> dataset_id("national-2015", 1, 1.0), dataset_id("national-2015", 1, 5)
    ('national-2015-s1', 'national-2015-s1-x5')
    """
    return f"{profile}-s{seed}" + ("" if scale == 1 else f"-x{scale:g}")


def build_records(profile: Profile, ds: Dataset, seed: int, scale: float, t: Targets) -> dict[str, list[dict]]:
    """The synthetic records by collection: each family in turn adds to one shared :class:`BuildState`."""
    b = BuildState(profile, ds, seed, scale)
    organisations.read_documented(b)
    organisations.place_associations(b, t)
    organisations.place_agencies(b, t)
    people.staff(b)
    relations.agreements(b)
    relations.events(b)
    relations.ties(b)
    relations.programmes(b)
    return b.out


# ---------------------------------------------------------------- public API


def load_documented(seeds_dir: str | Path | None = None) -> Dataset:
    """The documented data set the synthetic part is built around (fully validated)."""
    return load_dataset([Path(seeds_dir) if seeds_dir else default_seeds_dir()])


def generate(profile: str | Profile = "national-2015", *, scale: float = 1.0, seed: int = 0,
             seeds_dir: str | Path | None = None, documented=None) -> SyntheticSet:
    """Generate the synthetic part of a national network around the documented seeds.

    Parameters
    ----------
    profile
        Profile name (see :data:`swgraph.synthetic.profiles.PROFILES`) or a :class:`Profile`.
    scale
        Multiplies the service agencies and what hangs on them (people, posts,
        ties, trainings, programme participants). Up to 1 the association
        counts are the published ones; above 1 municipal and county
        associations grow too (capped by the divisions that exist).
    seed
        Seed of the random streams; the same profile, seed and scale give the same records.
    seeds_dir
        Folder of documented seeds (default: the bundled ones).
    documented
        An already loaded documented :class:`~swgraph.records.dataset.Dataset` (saves reading ``seeds_dir``).

    Returns
    -------
    SyntheticSet
        The ``dataset:`` block and the synthetic records, every one flagged
        ``synthetic: true`` with a ``generator``.

    Raises
    ------
    InputError
        Unknown profile, a bad scale or seed, or seeds lacking the profile's statistics.
    """
    prof = get_profile(profile)
    if not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
        raise InputError(f"scale must be a positive number, got {scale!r}")
    if not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be a whole number >= 0, got {seed!r}")
    scale = float(scale)
    ds = documented if documented is not None else load_documented(seeds_dir)
    t = targets(prof, ds.statistics, scale)
    records = build_records(prof, ds, seed, scale, t)
    gen = generator_string(prof.name, seed, scale)
    info = {
        "id": dataset_id(prof.name, seed, scale),
        "title_zh": prof.title_zh,
        "title_en": prof.title_en,
        "data_date": prof.as_of,
        "synthetic": True,
        "generator": gen,
        "note": (f"SYNTHETIC: the documented seeds (documented/, unchanged) plus generated records (synthetic/, "
                 f"every one flagged synthetic). Tier counts as of {prof.as_of}: {t.provincial} provincial, "
                 f"{t.municipal} municipal, {t.county} county associations, {t.agencies} service agencies"
                 + "".join(f"; {q} prefectures with an association in {regions.name(p)}"
                           for p, q in t.province_quotas.items()) + "."),
    }
    return SyntheticSet(prof.name, seed, scale, gen, info, records)
