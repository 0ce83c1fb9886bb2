"""What the record families of one generator run share: the organisations placed so far, the output, the streams.

:mod:`~swgraph.synthetic.organisations`, :mod:`~swgraph.synthetic.people`
and :mod:`~swgraph.synthetic.relations` each add their records to one
:class:`BuildState`, in the order :func:`swgraph.synthetic.build.generate`
calls them; each family draws from its own random stream
(:meth:`BuildState.rng`), so a change in one family leaves the others' records
as they were.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from swgraph.records.dataset import Dataset
from swgraph.synthetic.draws import month_index
from swgraph.synthetic.profiles import Profile
from swgraph.synthetic.tiers import ASSOCIATION_TIERS

#: the synthetic collections, in the order their records are written
COLLECTIONS = ("organisations", "people", "posts", "agreements", "events", "ties", "programmes")


def generator_string(profile: str, seed: int, scale: float) -> str:
    """The ``generator`` value every record of a generated set carries.

    >>> generator_string("national-2015", 1, 1.0)
    'swgraph.generate national-2015 seed=1 scale=1'
    """
    return f"swgraph.generate {profile} seed={seed} scale={scale:g}"


@dataclass(slots=True)
class Org:
    """What the generator needs to know of an organisation, documented or synthetic."""

    id: str
    tier: int
    region: str | None
    province: str | None
    prefecture: str | None
    founded: int | None  # last month the founding date may mean (None: undated)
    documented: bool
    name: str


class BuildState:
    """The shared state of one run: profile and streams, organisations by id, records so far."""

    def __init__(self, profile: Profile, ds: Dataset, seed: int, scale: float):
        self.p = profile
        self.ds = ds
        self.seed = seed
        self.scale = scale
        self.gen = generator_string(profile.name, seed, scale)
        self.first = month_index(profile.first_date)
        self.last = month_index(profile.last_date)
        self.as_of = month_index(profile.as_of)
        self.orgs: dict[str, Org] = {}
        self.out: dict[str, list[dict]] = {c: [] for c in COLLECTIONS}
        self.assoc_at: dict[int, dict[str, str]] = {t: {} for t in ASSOCIATION_TIERS}  # tier -> region -> id
        self.national: str | None = None  # the documented national federation
        self.president: dict[str, str] = {}  # organisation id -> person id (the current president / director)
        self.agencies: list[str] = []  # synthetic service agencies, in id order
        self.agency_parent: dict[str, str] = {}  # synthetic service agency -> its association
        self.n_person = 0
        self.n_post = 0

    def rng(self, phase: str) -> random.Random:
        """The random stream of one phase (``"associations"``, ``"people"``, ``"ties"`` …)."""
        return random.Random(f"{self.p.name}/{self.seed}/{self.scale!r}/{phase}")

    def mark(self, rec: dict) -> dict:
        """Flag a record synthetic and name its generator (in place); returns it."""
        rec["synthetic"] = True
        rec["generator"] = self.gen
        return rec

    def window(self, *orgs: str, lo: int | None = None) -> tuple[int, int]:
        """The months in which all of ``orgs`` exist (from the profile's first month, or ``lo``, to its last)."""
        start = self.first if lo is None else lo
        for o in orgs:
            f = self.orgs[o].founded
            if f is not None:
                start = max(start, f + 1)
        return start, self.last
