"""Turning raw bytes into article text, or a reason why not.

Shared by every reader so that an empty, binary, oversized, mis-encoded or non-English input
gets the same clear reason whichever format it arrived in.
"""
from __future__ import annotations

import re

from charset_normalizer import from_bytes
from spacy.lang.en.stop_words import STOP_WORDS

from presslens.settings import get_settings


class InputError(ValueError):
    """An input that cannot be analysed; the message is the reason shown to the user."""


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Function words that make up a large share of any English prose (about 40-50% of tokens).
_ENGLISH_FUNCTION_WORDS = frozenset(w for w in STOP_WORDS if len(w) <= 4)


def decode(data: bytes, *, table: bool = False) -> tuple[str, str | None]:
    """Decode bytes to text; return ``(text, warning)``.

    UTF-8 is tried first because it is what nearly all news exports use and it keeps offsets
    identical to ``open(..., encoding="utf-8")``. A file that is UTF-8 apart from a few bad bytes
    (a truncated download, one pasted cp1252 quote mark) stays UTF-8 with the bad bytes replaced
    by U+FFFD and a warning saying how many (see :func:`_mostly_utf8`): decoding it as a legacy
    code page instead would garble every accented name in it. Otherwise charset-normalizer
    guesses (Latin-1, cp1252, ...), and the guess is reported as a warning so a user knows the
    text was re-decoded.
    Newlines are normalised as Python's text mode does, so offsets match files read that way.
    ``table`` applies the corpus-file limit (JSONL/CSV hold many articles; each record is then
    checked against the per-article limit by :func:`check_size`).
    """
    settings = get_settings()
    if not data:
        raise InputError("empty input")
    limit, setting = (settings.max_table_bytes, "MAX_TABLE_BYTES") if table else (settings.max_bytes, "MAX_BYTES")
    if len(data) > limit:
        raise InputError(f"too large: {len(data):,} bytes (limit {limit:,}, setting PRESSLENS_{setting})")
    if b"\x00" in data[:8192]:
        raise InputError("binary data (NUL bytes), not text")
    warning = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mostly = _mostly_utf8(data)
        if mostly is not None:
            text, bad = mostly
            warning = f"not valid UTF-8: {bad} invalid byte sequence{'s' if bad != 1 else ''} replaced with U+FFFD"
        else:
            best = from_bytes(data).best()
            if best is None:
                raise InputError("not decodable as text in any known encoding") from None
            text = str(best)
            warning = f"not valid UTF-8; decoded as {best.encoding}"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("no text (only white space)")
    return text, warning


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """``(text, bad)`` when ``data`` is UTF-8 but for ``bad`` invalid sequences, else None.

    UTF-8 it is when the valid multi-byte characters outnumber the invalid sequences: a legacy
    code page file (Latin-1, cp1252) has accented letters as lone high bytes, so nearly every
    non-ASCII byte in it is invalid and it has no valid multi-byte character at all.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return (text, bad) if 0 < bad < multibyte else None


def check_size(text: str) -> None:
    """Hold one article (e.g. a JSONL record) to the per-article size limit."""
    limit = get_settings().max_bytes
    size = len(text.encode("utf-8"))
    if size > limit:
        raise InputError(f"too large: {size:,} bytes of text (limit {limit:,}, setting PRESSLENS_MAX_BYTES)")


def check_english(text: str) -> None:
    """Reject text that is clearly not English: the pipeline's models are English-only.

    A stop-word share test is used instead of a language-identification model because it needs
    no extra download, is deterministic, and is decisive on article-length text (English news
    has 35-50% function words; Spanish or German text has well under 10% English ones).
    """
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 20:
        return
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if share < 0.12:
        raise InputError(f"not English (English function words are {share:.0%} of words; expected over 12%)")
    letters = [c for c in text[:20000] if c.isalpha()]
    latin = sum(c.isascii() for c in letters) / max(1, len(letters))
    if latin < get_settings().min_latin_share:
        raise InputError(f"not English ({latin:.0%} of letters are Latin)")
