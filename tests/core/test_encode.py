"""JSON files: :func:`json_text` writes exactly what ``json.dumps(indent=1)`` writes."""

import json
import random

import pytest

from swgraph.core.encode import json_text


def _reference(value, sort_keys):
    try:
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=sort_keys)
    except (TypeError, ValueError) as exc:
        return type(exc)


def _ours(value, sort_keys):
    try:
        return json_text(value, sort_keys=sort_keys)
    except (TypeError, ValueError) as exc:
        return type(exc)


def _nested(rnd, depth=0):
    roll = rnd.random()
    if depth > 3 or roll < 0.4:
        return rnd.choice([0, -2.5, 1e300, float("nan"), True, None, "中文", 'a "quoted"\nline\\', "\x1b[0m"])
    if roll < 0.7:
        return [_nested(rnd, depth + 1) for _ in range(rnd.randrange(5))]
    return {rnd.choice(["b", "a", "名称", "z"]): _nested(rnd, depth + 1) for _ in range(rnd.randrange(5))}


EDGES = [{}, [], "text", 3, None, {"a": {}}, [[]], [(1, 2), ()], {"z": 1, "y": [2], "x": 3, "w": {"v": []}},
         {1: {"x": 2}, "a": {2: 3}}, {"a": {1: [1, {}]}, "b": [{"x": {None: 1}}]}, [{1, 2}], {"k": object()}]


@pytest.mark.parametrize("sort_keys", [False, True])
def test_the_same_text_as_the_reference_encoder(sort_keys):
    rnd = random.Random(15)
    for value in EDGES + [_nested(rnd) for _ in range(2000)]:
        assert _ours(value, sort_keys) == _reference(value, sort_keys), value


def test_the_same_text_for_an_analysis_of_the_seeds():
    from swgraph.application.suite import analyze
    from swgraph.records.dataset import load_dataset

    result = analyze(load_dataset())
    assert json_text(result) == json.dumps(result, ensure_ascii=False, indent=1)
