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

>>> from swgraph.synthetic import generate
>>> s = generate("national-2015", seed=1, scale=0.02)
>>> s.info["id"], s.counts()["organisations.provincial_association"]
('national-2015-s1-x0.02', 22)
>>> all(r["synthetic"] and r["id"].startswith("syn-") for rs in s.records.values() for r in rs)
True
"""

from __future__ import annotations

import importlib

from swgraph.synthetic.profiles import PROFILES, Profile, get_profile

# The rest is imported on first use, so ``swgraph --help`` does not pay for pydantic and YAML.
_LAZY = {
    "SyntheticSet": "build", "Targets": "build", "generate": "build", "generator_string": "build", "targets": "build",
    "WriteResult": "write", "dump_yaml": "write", "write_generated": "write",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"swgraph.synthetic.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
