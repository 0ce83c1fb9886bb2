"""A valid dataset whose names are hostile: markup, script, formulas, terminal markup, CSV and array syntax.

Every output must show these names as text and give them back verbatim where
the format can hold them.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.maps.mapgraphs import HOSTILE as MAP_HOSTILE

#: names that mean something to a spreadsheet, a terminal, Markdown, matplotlib or a CSV parser
OTHER_HOSTILE = [
    "=1+1",
    "@SUM(1)",
    '=HYPERLINK("http://evil.example","点我")',
    "+86 社工",
    "-1 协会",
    "[bold red]红色[/] 民政部 [/]",
    "$x^$ 数学 $\\frac{1}{0}$",
    'a;b,c "quoted" | pipe # hash * star _under_ `tick`',
    "'=already quoted",
]
#: (names are stripped when read, so a payload that starts with a line separator gets a word before it)
#: dataset titles that look like the report and map templates' slots
TITLE_ZH, TITLE_EN = "{{body}} 标题 {{title}}", "{{ title }} <b>{{body}}</b>"
HOSTILE_NAMES = [n if n == n.strip() else "甲" + n for n in [*MAP_HOSTILE, *OTHER_HOSTILE]]


def _q(text: str) -> str:
    """A YAML scalar for ``text`` (JSON is YAML; escaped, since YAML reads U+2028 as a line break)."""
    return json.dumps(text)


def write_hostile_dataset(folder: Path) -> tuple[Path, dict[str, str]]:
    """Write the dataset into ``folder/data`` (and its source into ``folder/sources``).

    Returns the data folder and ``{id: name_zh}`` of the hostile organisations.
    Every hostile organisation cooperates with the next one and with a hub, and
    carries an alias ``别名;甲,乙`` (the neo4j-admin array delimiter of old).
    """
    data, sources = folder / "data", folder / "sources"
    data.mkdir(parents=True)
    sources.mkdir(parents=True)
    (sources / "s1.txt").write_text("测试来源 甲组织\n", encoding="utf-8")
    names = {f"h{i:02d}": name for i, name in enumerate(HOSTILE_NAMES)}
    orgs = ["  - {id: hub, kind: other_organisation, name_zh: 甲组织, name_en: Hub, sources: [{source: s1, quote: 甲组织}]}"]
    for key, name in names.items():
        orgs.append(f"  - {{id: {key}, kind: other_organisation, name_zh: {_q(name)}, name_en: {_q(name)}, "
                    f"names: [{{name: {_q('别名;甲,乙 ' + key)}, type: short}}], sources: [{{source: s1, quote: 测试}}]}}")
    keys = list(names)
    ties = [f"  - {{id: t-hub-{k}, kind: cooperation, parties: [hub, {k}], sources: [{{source: s1, quote: 测试}}]}}"
            for k in keys]
    ties += [f"  - {{id: t-{a}-{b}, kind: cooperation, parties: [{a}, {b}], sources: [{{source: s1, quote: 测试}}]}}"
             for a, b in zip(keys, keys[1:])]
    (data / "sources.yaml").write_text(
        f"dataset: {{id: hostile, title_zh: {_q(TITLE_ZH)}, title_en: {_q(TITLE_EN)}}}\n"
        "sources:\n  - {id: s1, title_zh: 测试来源, file: s1.txt}\n", encoding="utf-8")
    (data / "organisations.yaml").write_text("organisations:\n" + "\n".join(orgs) + "\n", encoding="utf-8")
    (data / "relations.yaml").write_text("ties:\n" + "\n".join(ties) + "\n", encoding="utf-8")
    return data, names
