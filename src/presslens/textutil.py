"""Text helpers shared by analysis, store and stories: one definition of accent folding, and of
where a hyphenated word starts in a spaCy parse.

Names are matched accent- and case-insensitively at three levels (within an article, across
the corpus, across a story's outlets); each level adds its own clean-up on top of this.
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def strip_accents(text: str) -> str:
    """``Guaidó`` → ``Guaido``: NFKD-decompose and drop combining marks (for matching only)."""
    if text.isascii():  # most text: nothing to decompose
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def hyphen_start(tok: Token) -> int:
    """Index of the first word hyphenated to ``tok`` ("value" of "value-added", "vice" of
    "vice-president": the tokenizer splits at the hyphen), else its own."""
    doc, first = tok.doc, tok.i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ and not doc[first - 2].whitespace_:
        first -= 2
    return first
