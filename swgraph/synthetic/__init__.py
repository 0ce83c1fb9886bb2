"""Synthetic national networks consistent with the published figures (``swgraph generate``).

The documented seeds name only a handful of organisations; the 2015 report
counts 24 provincial, 97 prefecture-level and 168 county-level social-work
industry organisations and more than 3,500 private service agencies. This
package generates the missing part, deterministically from a seed, so that
analyses and maps can be exercised at national scale:

* :func:`generate` returns the synthetic records (plain mappings in seed format);
* :func:`write_generated` writes ``DIR/documented/`` (the seeds, unchanged)
  and ``DIR/synthetic/*.yaml``, atomically, so ``swgraph validate DIR`` works.

Every generated record has ``synthetic: true``, ``generator: "swgraph.generate
<profile> seed=N scale=X"`` and an id starting ``syn-``.

>>> s = generate("national-2015", seed=1, scale=0.02)
>>> s.info["id"], s.counts()["organisations.provincial_association"]
('national-2015-s1-x0.02', 22)
>>> all(r["synthetic"] and r["id"].startswith("syn-") for rs in s.records.values() for r in rs)
True
"""

from swgraph.synthetic.build import SyntheticSet, Targets, generate, generator_string, targets
from swgraph.synthetic.profiles import PROFILES, Profile, get_profile
from swgraph.synthetic.write import WriteResult, dump_yaml, write_generated

__all__ = [
    "PROFILES",
    "Profile",
    "SyntheticSet",
    "Targets",
    "WriteResult",
    "dump_yaml",
    "generate",
    "generator_string",
    "get_profile",
    "targets",
    "write_generated",
]
