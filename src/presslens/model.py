"""The presslens data model: plain typed records with character offsets.

Every span is a pair of Python ``str`` indices into ``Article.text`` exactly as decoded from
the input, so any consumer can check ``text[start:end]``. The JSONL output contract is a dump
of :class:`Analysis` (see :meth:`Analysis.to_dict`); storage, the web UI and exports all read
these records rather than re-deriving anything from spaCy objects.

Dataclasses (not pydantic models) are used on purpose: analysis creates thousands of these
per article and dataclasses with ``slots`` are cheap to build and to pickle between worker
processes; validation happens once, at the readers' boundary.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "indirect", "mixed"]
EntityType = Literal["PERSON", "FAMILY", "ORG", "GPE", "LOC", "NORP"]

#: The 14 technique labels of the Propaganda Techniques Corpus (SemEval-2020 Task 11),
#: spelled exactly as the corpus and its scorer spell them.
TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Black-and-White_Fallacy",
    "Whataboutism,Straw_Men,Red_Herring",
    "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)


#: Version of the JSONL contract, written into every record as ``"schema"``; the JSON Schema
#: for it ships as ``presslens/data/presslens-1.schema.json`` (``presslens schema`` prints it).
SCHEMA_VERSION = "presslens/1"


def content_hash(text: str) -> str:
    """Stable hash of an article's decoded text: the key that makes re-ingestion idempotent."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Article:
    """One news article as read from its input, before analysis.

    ``text`` is the whole decoded input (for plain-text files the entire file content), so
    offsets from any annotation of the original file line up. ``body_start`` marks where the
    body begins after the header lines (date, title, dek, caption) that the reader recognised;
    ``header`` lists those header spans by kind so analysis can keep them out of quote
    attribution.
    """

    id: str
    text: str
    source: str = ""
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    body_start: int = 0
    header: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class Rejection:
    """An input that could not become an Article, with a reason a person can act on."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(slots=True)
class Role:
    """A title or role the article claims for a person, e.g. "the Maduro government's foreign minister"."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """A person, family, organisation or place, with every mention of it in one article.

    ``labels`` are epithets the article glues to a person's name (``Crooked`` in ``Crooked
    Hillary Clinton``): name-calling worth reporting, kept out of the name.

    ``start``/``end``/``text`` are the first mention, so that an entity can be handled like every
    other span of the analysis (quotes, techniques, claims) in notebooks and the spaCy component;
    ``mentions`` keeps all of them and ``name`` the cleaned name.
    """

    id: str
    name: str
    type: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    gender_evidence: str | None = None
    labels: list[Role] = field(default_factory=list)
    text: str = ""
    #: A person's mentions by a role the article gives them alone (``the senator``), kept apart
    #: from ``mentions`` (names), which other counts read: see ``analysis.entities._title_mentions``.
    role_mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int | None:
        """Offset of the first mention (None for an entity with no mention)."""
        return self.mentions[0][0] if self.mentions else None

    @property
    def end(self) -> int | None:
        """End offset of the first mention (None for an entity with no mention)."""
        return self.mentions[0][1] if self.mentions else None


@dataclass(slots=True)
class Cue:
    """The words that introduce a statement ("said", "told reporters", "according to")."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: the source mention in the text and what it resolves to.

    ``name`` is the canonical entity name when resolved (a pronoun "he" resolves to the person),
    else the mention text ("a source", "officials"); ``entity_id`` is null for unnamed sources.
    ``kind`` says what the source is: ``person``, ``organisation``, ``government`` (a capital or
    country standing for its government: "Washington said"), ``unnamed`` ("officials",
    "analysts"), ``document`` ("the report"); only these agents make attributions.
    """

    start: int
    end: int
    text: str
    name: str | None
    entity_id: str | None
    kind: str | None = None


@dataclass(slots=True)
class Quote:
    """A statement attributed to a speaker: direct, indirect (reported) or mixed."""

    start: int
    end: int
    text: str
    type: QuoteType
    cue: Cue | None = None
    speaker: Speaker | None = None
    channel: str | None = None
    #: Held-out precision of attributions like this one (PolNeAR train), 0-1; see analysis.confidence.
    confidence: float | None = None


@dataclass(slots=True)
class Technique:
    """A span using one of the PTC propaganda techniques; ``in_quote`` marks a speaker's words.

    ``score`` is the model's own score; ``confidence`` the precision spans of this technique
    and score had on held-out PTC articles (calibrated), the figure a reader can weigh.
    """

    start: int
    end: int
    text: str
    technique: str
    score: float
    in_quote: bool
    confidence: float | None = None


@dataclass(slots=True)
class Claim:
    """A stated quantity (:mod:`presslens.analysis.claims`): ``text[start:end]`` is the number as written.

    ``value`` is normalised (``4,500`` and ``four and a half thousand`` are both 4500.0); a range
    (``10-15``, ``dozens``) keeps its upper end in ``value_max``. ``unit`` is ``%``, a currency
    code (``EUR``), ``s`` (a clock duration in seconds), a duration's unit of time (``hours``) or a unit of
    area, speed, length or amount (``ha``, ``km/h``, ``metres``, ``tonnes``), else null for a plain count.
    ``qualifier`` is one of ``at least``, ``more than``, ``about``, ``nearly``, ``up to``,
    ``less than``, ``risen to`` (its start in ``qualifier_start``). ``measure`` is what the
    number counts (dead, injured, missing, arrested, evacuated, homeless, trapped, aboard, jobs, crowd, area,
    without power, margin, rate, money, votes, time) as read from the parse, with ``counted`` the word it was read from (for a rate, sum,
    vote share or duration: the thing it is of, e.g. "turnout", "vote of Sara Linde"); null when the parse
    ties the number to none of them. ``source`` is the speaker of the quote holding the claim
    (``quote_type`` says which kind), null for the outlet's own voice. ``when`` is a date
    expression of the claim's sentence (with its offsets), else the article date (offsets null).
    """

    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    qualifier_start: int | None = None
    measure: str | None = None
    counted: str | None = None
    source: str | None = None
    quote_type: str | None = None
    when: str | None = None
    when_start: int | None = None
    when_end: int | None = None


@dataclass(slots=True)
class Lead:
    """The words an article names its event by (``presslens.analysis.lead``): ``nouns``, the common nouns of
    its headline and first paragraphs as parsed, and ``asides``, the headline's words in an adverbial clause
    (a cause or setting, not the event); each a ``(start, end)`` span of ``Article.text``."""

    nouns: list[tuple[int, int]] = field(default_factory=list)
    asides: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[list[int]]]:
        """The JSON form, in the JSONL contract and the store's ``article.lead`` column alike."""
        return {"nouns": [list(n) for n in self.nouns], "asides": [list(n) for n in self.asides]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Lead:
        """A lead read back from :meth:`to_dict`'s form (JSON has no tuples)."""
        return cls(nouns=[(s, e) for s, e in d.get("nouns", [])], asides=[(s, e) for s, e in d.get("asides", [])])


@dataclass(slots=True)
class Analysis:
    """Everything presslens finds in one article: the output of the pure analysis function."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: None when not read (an analysis stored or exported before presslens kept it): read again on demand.
    lead: Lead | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSONL contract (one object per article), as documented in the README."""
        a = self.article
        return {
            "schema": SCHEMA_VERSION,
            "id": a.id,
            "source": a.source,
            "title": a.title,
            "date": a.date,
            "outlet": a.outlet,
            "url": a.url,
            "hash": a.hash,
            "text": a.text,
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "start": e.start,
                    "end": e.end,
                    "text": e.text,
                    "mentions": [list(m) for m in e.mentions],
                    "roles": [asdict(r) for r in e.roles],
                    **({"gender": e.gender, "gender_evidence": e.gender_evidence,
                        "labels": [asdict(r) for r in e.labels],
                        "role_mentions": [list(m) for m in e.role_mentions]} if e.type == "PERSON" else {}),
                }
                for e in self.entities
            ],
            "quotes": [asdict(q) for q in self.quotes],
            "techniques": [asdict(t) for t in self.techniques],
            "claims": [asdict(c) for c in self.claims],
            "lead": None if self.lead is None else self.lead.to_dict(),
            "errors": list(self.errors),
        }
