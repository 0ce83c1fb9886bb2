"""The entity model: every record swgraph knows, declared once.

Records are Pydantic v2 models with ``extra='forbid'`` (an unknown field is an
error). Reference fields are marked with :class:`Ref`; the registry in
:mod:`swgraph.core.registry` reads those marks to derive reference checks, the
NetworkX full graph, Neo4j relationship types and exports, so a new field
needs declaring only here.

Relationships that carry dates or sources (posts, agreements, events,
programme participation, ties) are records first; graph projections turn
them into edges.

>>> org = Organisation(id="cfsw", kind="national_federation", name_zh="中国社会工作联合会",
...                    sources=[{"source": "cfsw-2015-jingyue", "quote": "中国社会工作联合会"}])
>>> org.tier, str(org.founded)
(0, 'None')
>>> When.parse("2019-11-13").precision, When.parse(2015).precision
('day', 'year')
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_serializer,
    model_validator,
)

from swgraph.core import kinds

ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=200)]
RegionCode = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v), Field(pattern=r"^\d{6}$")]


class Ref:
    """Marks a field as a reference to other records.

    ``targets`` are the record groups the id may point to (``organisation``,
    ``person`` or ``any``); ``rel`` is the relationship type in the full graph
    and in Neo4j; ``outgoing`` says whether the edge runs from the record that
    holds the field to the referenced one (True) or the other way round.
    """

    def __init__(self, *targets: str, rel: str, outgoing: bool = True):
        self.targets = targets
        self.rel = rel
        self.outgoing = outgoing

    def __repr__(self):
        return f"Ref({', '.join(self.targets)}, rel={self.rel!r})"


# ---------------------------------------------------------------- dates


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class When(BaseModel):
    """A date with its precision: ``2015``, ``2015-06`` or ``2015-06-11``.

    In YAML a plain scalar (``2015-06-11``) or a mapping with ``value`` and
    ``inferred: true`` (the year or day is inferred, not stated) and ``note``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str
    inferred: bool = False
    note: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _coerce(cls, v: Any) -> str:
        if isinstance(v, (_dt.date, _dt.datetime)):
            v = v.isoformat()[:10]
        if isinstance(v, int):
            v = str(v)
        if not isinstance(v, str):
            raise ValueError("a date must be YYYY, YYYY-MM or YYYY-MM-DD")
        m = _DATE_RE.match(v.strip())
        if not m:
            raise ValueError(f"{v!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = m.groups()
        try:
            _dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError as exc:
            raise ValueError(f"{v!r} is not a real date ({exc})") from None
        return v.strip()

    @model_validator(mode="before")
    @classmethod
    def _scalar(cls, data: Any) -> Any:
        if isinstance(data, (str, int, _dt.date)):
            return {"value": data}
        return data

    @model_serializer(mode="wrap")
    def _dump(self, handler):
        if not self.inferred and self.note is None:
            return self.value
        return handler(self)

    @classmethod
    def parse(cls, v: Any) -> "When":
        return cls.model_validate(v)

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]

    @property
    def earliest(self) -> str:
        """The first day the date may mean, as ``YYYY-MM-DD``."""
        return (self.value + "-01-01")[:10] if len(self.value) == 4 else (self.value + "-01")[:10]

    @property
    def latest(self) -> str:
        """The last day the date may mean, as ``YYYY-MM-DD``."""
        if len(self.value) == 10:
            return self.value
        if len(self.value) == 4:
            return self.value + "-12-31"
        y, m = map(int, self.value.split("-"))
        nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
        return (nxt - _dt.timedelta(days=1)).isoformat()

    def __str__(self) -> str:
        return self.value


# ---------------------------------------------------------------- common parts


class Citation(BaseModel):
    """A source document and a short locator quote found in it (whitespace ignored)."""

    model_config = ConfigDict(extra="forbid")

    source: Id
    quote: Annotated[str, Field(min_length=2, max_length=80)]
    about: str | None = Field(None, description="the field this citation supports, if one")


class OtherName(BaseModel):
    """An alias, short name or former name of an entity, with dates where known."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1)]
    type: Literal["alias", "short", "former", "english"] = "alias"
    valid_from: When | None = None
    valid_until: When | None = None


class Record(BaseModel):
    """Fields every record has: a stable id, citations, and the synthetic flag."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    collection: ClassVar[str]
    kind_group: ClassVar[str] = "record"

    id: Id
    sources: list[Citation] = Field(default_factory=list)
    synthetic: bool = False
    generator: str | None = Field(None, description="for synthetic records: the generator and its settings")
    note: str | None = None

    def date_value(self) -> When | None:
        """The date a time-sliced analysis (``--as-of``) uses for this record."""
        return None

    def display_name(self) -> str:
        """What a reader sees for this record (every output uses this): its Chinese name, title,
        measure, role or description, and the id only when it has none of them."""
        for attr in fields_of(type(self), ("name_zh", "title_zh", "measure_zh", "role_zh", "description_zh")):
            value = getattr(self, attr)
            if value:
                return value
        return self.id

    def display_name_en(self) -> str:
        """The English counterpart of :meth:`display_name`, or ``""``."""
        for attr in fields_of(type(self), ("name_en", "title_en", "role_en", "description_en")):
            value = getattr(self, attr)
            if value:
                return value
        return ""


@functools.cache
def fields_of(model: type[BaseModel], names: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``names`` that are fields of ``model``, in order.

    Asking a model for a field it lacks (``getattr(record, name, None)``) raises and catches an
    AttributeError inside pydantic, several µs a time; code that reads optional fields of many
    records asks this (cached per model) first.

    >>> fields_of(Person, ("name_zh", "title_zh", "pinyin"))
    ('name_zh', 'pinyin')
    """
    return tuple(n for n in names if n in model.model_fields)


# ---------------------------------------------------------------- entities

OrgKind = Literal[tuple(kinds.organisation_kinds())]  # derived from the kind table


class Organisation(Record):
    """An organisation of any tier or type."""

    collection: ClassVar[str] = "organisations"
    kind_group: ClassVar[str] = "organisation"

    kind: OrgKind
    name_zh: Annotated[str, Field(min_length=1)]
    name_en: str | None = None
    pinyin: str | None = None
    names: list[OtherName] = Field(default_factory=list)
    region: RegionCode | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = "CN"
    parent: Annotated[Id | None, Ref("organisation", rel="MEMBER_OF")] = None
    part_of: Annotated[Id | None, Ref("organisation", rel="PART_OF")] = None
    founded: When | None = None
    dissolved: When | None = None
    description_zh: str | None = None

    @property
    def tier(self) -> int | None:
        return kinds.KINDS[self.kind].tier

    def date_value(self) -> When | None:
        return self.founded

    def all_names(self) -> list[str]:
        return [self.name_zh, *([self.name_en] if self.name_en else []), *(n.name for n in self.names)]


class Person(Record):
    """A person who holds posts in organisations."""

    collection: ClassVar[str] = "people"
    kind_group: ClassVar[str] = "person"

    name_zh: Annotated[str, Field(min_length=1)]
    name_en: str | None = None
    pinyin: str | None = None
    names: list[OtherName] = Field(default_factory=list)

    @property
    def kind(self) -> str:
        return "person"

    def all_names(self) -> list[str]:
        return [self.name_zh, *([self.name_en] if self.name_en else []), *(n.name for n in self.names)]


Role = Literal[
    "president",
    "vice_president",
    "secretary_general",
    "vice_president_and_secretary_general",
    "executive_deputy_secretary_general",
    "council_member",
    "vice_minister",
    "director",
    "staff",
    "other",
]


class Post(Record):
    """A person's post in an organisation (Popolo membership): role and dates."""

    collection: ClassVar[str] = "posts"

    person: Annotated[Id, Ref("person", rel="HOLDS", outgoing=False)]
    organisation: Annotated[Id, Ref("organisation", rel="AT")]
    role: Role
    role_zh: Annotated[str, Field(min_length=1)]
    role_en: str | None = None
    start: When | None = None
    end: When | None = None
    observed: When | None = Field(None, description="a date on which the source shows the post held")

    @property
    def kind(self) -> str:
        return "post"

    def date_value(self) -> When | None:
        return self.start or self.observed


class WorkItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_zh: Annotated[str, Field(min_length=1)]
    name_en: str | None = None
    year: int | None = None


class Agreement(Record):
    """A cooperation agreement between two or more organisations."""

    collection: ClassVar[str] = "agreements"

    kind: Literal["strategic_cooperation", "cooperation", "memorandum", "other"] = "cooperation"
    title_zh: Annotated[str, Field(min_length=1)]
    title_en: str | None = None
    parties: Annotated[list[Id], Ref("organisation", rel="PARTY_TO", outgoing=False)]
    signed: When | None = None
    purpose_zh: str | None = None
    scope: list[WorkItem] = Field(default_factory=list, description="the agreed areas of cooperation")
    first_year_items: list[WorkItem] = Field(default_factory=list)

    @field_validator("parties")
    @classmethod
    def _two_parties(cls, v):
        if len(v) < 2:
            raise ValueError(f"an agreement needs at least two parties, got {len(v)}")
        if len(set(v)) != len(v):
            raise ValueError("a party is listed twice")
        return v

    def date_value(self) -> When | None:
        return self.signed


class Event(Record):
    """A visit, meeting, symposium or signing: host, visitors, date, purpose."""

    collection: ClassVar[str] = "events"

    kind: Literal["visit", "meeting", "symposium", "signing", "forum", "training"]
    title_zh: Annotated[str, Field(min_length=1)]
    title_en: str | None = None
    host: Annotated[Id | None, Ref("organisation", rel="HOSTED_BY")] = None
    visitors: Annotated[list[Id], Ref("organisation", rel="VISITED", outgoing=False)] = Field(default_factory=list)
    participants: Annotated[list[Id], Ref("organisation", rel="TOOK_PART_IN", outgoing=False)] = Field(
        default_factory=list
    )
    people: Annotated[list[Id], Ref("person", rel="ATTENDED", outgoing=False)] = Field(default_factory=list)
    delegation_zh: str | None = Field(None, description="the visiting group's own name, e.g. 专题研习班")
    date: When
    place: RegionCode | None = None
    purpose_zh: str | None = None
    purpose_en: str | None = None

    def date_value(self) -> When | None:
        return self.date


class Participation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organisation: Annotated[Id, Ref("organisation", rel="PARTICIPATES_IN", outgoing=False)]
    role: Literal["partner", "base", "co_builder", "trainee", "funder", "participant"] = "participant"
    since: When | None = None


class Activity(BaseModel):
    """A programme element: a base, training, pilot, recruitment round or case collection."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["base", "training", "pilot", "recruitment", "case_collection", "storytelling", "other"]
    name_zh: Annotated[str, Field(min_length=1)]
    name_en: str | None = None
    place: RegionCode | None = None
    place_zh: str | None = None
    date: When | None = None
    status: Literal["done", "under_way", "planned"] = "done"
    count: int | None = None
    unit_zh: str | None = None


class Programme(Record):
    """A programme or initiative run by an organisation, with its elements."""

    collection: ClassVar[str] = "programmes"

    kind: Literal["programme", "initiative", "exchange"] = "programme"
    name_zh: Annotated[str, Field(min_length=1)]
    name_en: str | None = None
    owner: Annotated[Id, Ref("organisation", rel="RUNS", outgoing=False)]
    launched: When | None = None
    dimensions: list[WorkItem] = Field(default_factory=list)
    participants: list[Participation] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    description_zh: str | None = None

    def date_value(self) -> When | None:
        return self.launched


class Tie(Record):
    """Any other documented relation between organisations (cooperation, co-building)."""

    collection: ClassVar[str] = "ties"

    kind: Literal["cooperation", "co_building", "learning_exchange", "supervision"]
    parties: Annotated[list[Id], Ref("organisation", rel="PARTY_TO", outgoing=False)]
    object: Annotated[Id | None, Ref("organisation", rel="CONCERNS")] = Field(
        None, description="what the tie is about, e.g. the school the parties build together"
    )
    directed: bool = Field(False, description="True when parties[0] acts on parties[1:]")
    date: When | None = None
    description_zh: str | None = None
    description_en: str | None = None

    @field_validator("parties")
    @classmethod
    def _two_parties(cls, v):
        if len(v) < 2:
            raise ValueError(f"a tie needs at least two parties, got {len(v)}")
        return v

    def date_value(self) -> When | None:
        return self.date


class Statistic(Record):
    """A figure from a report, as a dated observation."""

    collection: ClassVar[str] = "statistics"

    subject: Annotated[Id | None, Ref("any", rel="ABOUT")] = None
    region: RegionCode | None = None
    population_zh: str | None = Field(None, description="who or what is counted, when not an entity")
    measure: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    measure_zh: Annotated[str, Field(min_length=1)]
    value: float
    unit: Literal["count", "percent", "years", "yuan", "people", "organisations", "cities"]
    qualifier: Literal["exact", "more_than", "about", "at_least", "less_than"] = "exact"
    out_of: float | None = None
    as_of: When
    reported_by: Annotated[Id | None, Ref("organisation", rel="REPORTED_BY")] = None
    publication_zh: str | None = None

    @property
    def kind(self) -> str:
        return "statistic"

    def date_value(self) -> When | None:
        return self.as_of


class Source(BaseModel):
    """A source document that records cite."""

    model_config = ConfigDict(extra="forbid")

    collection: ClassVar[str] = "sources"

    id: Id
    title_zh: Annotated[str, Field(min_length=1)]
    title_en: str | None = None
    file: str | None = Field(None, description="file name in the sources folder")
    date: When | None = None
    publisher_zh: str | None = None
    note: str | None = None


RECORD_MODELS: tuple[type[Record], ...] = (Organisation, Person, Post, Agreement, Event, Programme, Tie, Statistic)
