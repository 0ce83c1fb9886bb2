"""What an edge tooltip says about the records behind a tie.

Graph projections name the records behind each edge by id (``records``); the
map shows their titles, their dates at the precision the record gives
("2015-04", not "2015-04-01") and their sources. :func:`record_notes` collects
that from a dataset (anything with ``all_records()``), :func:`edge_records`
picks the notes of one edge.

>>> notes = {"a1": {"title": "战略合作协议", "date": "2015-04", "sources": ["r1: p. 3"]},
...          "v1": {"title": "访问", "date": "2014", "sources": ["r1: p. 3", "r2: p. 9"]}}
>>> edge_records(["a1", "v1", "gone"], notes)
{'recs': [['战略合作协议', '2015-04'], ['访问', '2014'], ['gone', '']], 'recsMore': 0, 'src': ['r1: p. 3', 'r2: p. 9'], 'srcMore': 0, 'date': '2014'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from swgraph.maps.escape import text

#: at most this many records and sources are listed per edge
MAX_LISTED = 8


class RecordNotes(Mapping):
    """``{record id: {"title", "date", "sources"}}`` of a dataset's records, each made when first asked for.

    A map asks only for the records behind the ties it draws: a focus map of a few
    hundred ties need not describe every record of a national network.
    """

    def __init__(self, ds):
        self._ds = ds
        self._notes: dict[str, dict] = {}

    def __getitem__(self, rid) -> dict:
        note = self._notes.get(rid)
        if note is None:
            rec = self._ds.get(rid) if isinstance(rid, str) else None
            if rec is None:
                raise KeyError(rid)
            note = self._notes[rid] = _note(rec)
        return note

    def __iter__(self):
        return (rec.id for rec in self._ds.all_records())

    def __len__(self) -> int:
        return sum(1 for _ in self._ds.all_records())


def record_notes(ds) -> RecordNotes:
    """``{record id: {"title", "date", "sources"}}`` for every record of ``ds`` (a read-only mapping).

    ``title`` is the Chinese title (or name), with the English one after it when
    given; ``date`` is the record's own date text (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``) or ``""``; ``sources`` are ``"source: quote"`` citations.
    """
    return RecordNotes(ds)


def _note(rec) -> dict:
    zh, en = rec.display_name(), rec.display_name_en()
    when = rec.date_value() if hasattr(rec, "date_value") else None
    return {
        "title": " · ".join(t for t in (text(zh), text(en)) if t) or text(rec.id),
        "date": text(when.value) if when is not None else "",
        "sources": [f"{text(c.source)}: {text(c.quote)}" for c in getattr(rec, "sources", [])],
    }


def _earliest(date: str) -> str:
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def edge_records(record_ids: Iterable, notes: Mapping[str, Mapping]) -> dict:
    """The tooltip fields of an edge: its records (title, date), their sources and first date.

    ``date`` is the earliest record date at its own precision ("" when no record has one).
    """
    recs, sources, dates = [], [], []
    for rid in record_ids:
        note = notes.get(rid) or {}
        date = text(note.get("date"))
        recs.append([text(note.get("title")) or text(rid), date])
        if date:
            dates.append(date)
        for s in note.get("sources") or []:
            s = text(s)
            if s not in sources:
                sources.append(s)
    return {
        "recs": recs[:MAX_LISTED],
        "recsMore": max(0, len(recs) - MAX_LISTED),
        "src": sources[:MAX_LISTED],
        "srcMore": max(0, len(sources) - MAX_LISTED),
        "date": min(dates, key=lambda d: (_earliest(d), len(d))) if dates else "",
    }
