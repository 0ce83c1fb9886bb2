"""Finding entities by id, Chinese or English name, alias, former name or pinyin.

>>> from swgraph.records.dataset import load_dataset
>>> ds = load_dataset()
>>> [r.id for r in find(ds, "广东省社工师联合会")], [r.id for r in find(ds, "zhong guo she hui gong zuo xie hui")]
(['gd-swa'], ['cfsw'])
"""

from __future__ import annotations

from swgraph.core import model as m
from swgraph.records.dataset import Dataset
from swgraph.core.names import normalise, search_keys


def entity_names(record: m.Record) -> list[str]:
    """All names of a record: id, Chinese and English names, aliases, former names (or title for records)."""
    if hasattr(record, "all_names"):
        return [record.id, *record.all_names()]
    fields = ("name_zh", "name_en", "title_zh", "title_en")
    return [record.id, *(getattr(record, f) for f in fields if getattr(record, f, None))]


def find(ds: Dataset, text: str, *, limit: int | None = None) -> list[m.Record]:
    """Records whose id or a name matches ``text``: exact matches (any name or pinyin) first, then partial ones."""
    key = normalise(text)
    if not key:
        return []
    exact, partial = [], []
    for rec in ds.all_records():
        if isinstance(rec, m.Statistic):
            continue
        keys = search_keys(entity_names(rec))
        if key in keys:
            exact.append(rec)
        elif any(key in k for k in keys):
            partial.append(rec)
    found = exact or partial
    return found[:limit] if limit else found
