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


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """A GraSS (Neo4j Browser style) text as ``{selector: {property: value}}``, e.g. ``{"node.Agreement": {"color": "#b71c1c"}}``.

    Written independently of :func:`swgraph.neo4j.guide.grass`: it reads the file the way the Browser does
    (``selector { prop: value; ... }``), so a test using it checks the file, not the generator.
    """
    rules: dict[str, dict[str, str]] = {}
    selector, body, quote, inside = "", "", "", False
    for ch in text:  # braces inside quotes (captions such as '{name}') are text, not blocks
        if inside:
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "}":
                props = rules.setdefault(selector.strip(), {})
                for decl in body.split(";"):
                    if ":" in decl:
                        key, value = decl.split(":", 1)
                        props[key.strip()] = value.strip().strip("'\"")
                selector, body, inside = "", "", False
                continue
            body += ch
        elif ch == "{":
            inside = True
        else:
            selector += ch
    return rules


def hex_to_lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB ``#rrggbb`` colour, for perceptual distances (CIE76 ΔE = Euclidean in Lab)."""
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(c1: str, c2: str) -> float:
    """CIE76 colour difference of two ``#rrggbb`` colours (about 2.3 is just noticeable; >20 clearly different)."""
    return sum((a - b) ** 2 for a, b in zip(hex_to_lab(c1), hex_to_lab(c2))) ** 0.5
