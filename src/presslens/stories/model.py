"""Records the story layer produces: stories, duplicate links, findings and their claims.

They live next to the story code (not in :mod:`presslens.model`) because they describe groups
of articles rather than one article; ``to_dict`` gives exactly the export shapes of issue 6 so
the CLI, the store's export and the web UI all emit the same JSON.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Literal, TypeVar

FindingKind = Literal["role", "number", "date", "label", "blind_spot", "quote_cut"]


@dataclass(slots=True)
class Claim:
    """What one article says about a finding's subject, with its span in that article.

    ``start``/``end`` are ``None`` when the claim is an absence (a blind spot: the outlet never
    quotes the person, so there is no span to point at).
    """

    article: str
    start: int | None
    end: int | None
    text: str
    value: str

    @classmethod
    def span(cls, article: str, text: str, start: int, end: int) -> Claim:
        """The claim of a span of an article's text shown as it stands: its value is the span, lower-cased."""
        return cls(article, start, end, text[start:end], text[start:end].lower())

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text, "value": self.value}


@dataclass(slots=True)
class Finding:
    """A place where the outlets covering one story disagree or differ, with every side's claim.

    ``confidence`` (0-1) is how sure presslens is that the finding is true and worth a reader's
    time; the web page and ``presslens story`` hide findings below the
    ``finding_threshold`` setting. ``explanation`` is one line a person can check against the
    claims' characters in seconds.
    """

    kind: FindingKind
    story: str
    subject: str
    claims: list[Claim] = field(default_factory=list)
    confidence: float | None = None
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "story": self.story, "subject": self.subject,
                "confidence": None if self.confidence is None else round(self.confidence, 3), "explanation": self.explanation,
                "claims": [c.to_dict() for c in self.claims]}


_F = TypeVar("_F")


def shown_findings(findings: Iterable[_F], threshold: float, *, show_all: bool = False,
                   confidence: Callable[[_F], float | None] = attrgetter("confidence")) -> tuple[list[_F], int]:
    """The one rule for what a reader sees: findings most confident first, without those under
    ``threshold`` (the ``finding_threshold`` setting) unless ``show_all``; returns them and how many
    were hidden. A finding without a confidence (stored before confidences existed) ranks first and
    is shown. ``findings`` are :class:`Finding` objects (``presslens story``) or their stored dicts
    (the web page, with ``confidence=lambda f: f.get("confidence")``).
    """
    ranked = sorted(findings, key=lambda f: -(c if (c := confidence(f)) is not None else 1.0))
    if show_all:
        return ranked, 0
    shown = [f for f in ranked if (c := confidence(f)) is None or c >= threshold]
    return shown, len(ranked) - len(shown)


@dataclass(slots=True)
class Story:
    """One event's coverage: its articles in arrival order and the syndicated copies among them.

    ``duplicates`` holds ``(copy id, original id)`` pairs; the original is also in ``articles``.
    """

    id: str
    title: str | None
    articles: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.id, "title": self.title, "articles": list(self.articles),
                "duplicates": [list(d) for d in self.duplicates]}


@dataclass(slots=True)
class StoryLink:
    """A "possible same story": ``article`` (in ``story``) would join ``other`` on framing words alone.

    ``pairs`` are (the article's word, the other story's word), headline labels first
    ("rioters" against "demonstrators"). Such articles are not merged, since framing words must
    not be what joins a story, nor dropped: both stories' pages show the link.
    """

    story: str
    other: str
    article: str
    score: float
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story, "other": self.other, "article": self.article, "score": self.score,
                "pairs": [list(p) for p in self.pairs]}
