"""Text helpers shared by analysis, store and stories: one definition of accent folding.

Names are matched accent- and case-insensitively at three levels (within an article, across
the corpus, across a story's outlets); each level adds its own clean-up on top of this.
"""
from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``Guaidó`` → ``Guaido``: NFKD-decompose and drop combining marks (for matching only)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
