"""Statements carried by several outlets, who kept, paraphrased or cut which part, and the
quote-cut findings that follow.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from presslens.model import Analysis, Quote
from presslens.stories.grouping import _NEWS_STOP
from presslens.stories.model import Claim, Finding
from presslens.stories.people import PeopleIndex, fold, is_person
from presslens.stories.source import outlet_of

@dataclass(slots=True)
class Statement:
    """One statement carried by several outlets: its fullest wording and each article's version."""

    speaker: str | None
    full: str
    parts: list[str]
    #: article id → {"kept": [...], "paraphrased": [...], "cut": [...]} over ``parts``.
    versions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: Articles that carry the statement as a direct quote (verbatim words), whose cuts can be findings.
    direct: set[str] = field(default_factory=set)


_CLAUSE = re.compile(r"[.;:!?\u2014]+\s*|,(?!\d)\s*|\s+(?=but\s)|\s+(?=and\s)")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", fold(text)).split())


def _content(norm: str) -> str:
    """A normalised text's content words (function and reporting words left out)."""
    return " ".join(w for w in norm.split() if w not in _NEWS_STOP)


def _parts(text: str) -> list[str]:
    """Clauses of a statement: the units a paper keeps or cuts."""
    return [p for p in (_norm(x) for x in _CLAUSE.split(text)) if len(p.split()) >= 1]


@dataclass(slots=True)
class _Q:
    article: str
    outlet: str
    quote: Quote
    speaker: str | None
    norm: str


def _speaker_key(analysis: Analysis, q: Quote, people: PeopleIndex) -> str | None:
    """The story-wide key of a quote's speaker when that is a person; None otherwise. A speaker the
    article names by a surname the tagger missed ("Abt said", no entity) is that person when the story
    names exactly one person with the surname ("Presiding judge Lorenz Abt")."""
    if q.speaker is None:
        return None
    if q.speaker.entity_id is None:
        key = people.key(q.speaker.name) if q.speaker.kind == "person" and q.speaker.name else None
        return key if key is not None and key in people else None
    ent = next((e for e in analysis.entities if e.id == q.speaker.entity_id), None)
    if ent is None:
        return None
    # A place or organisation is no person's voice.
    return people.key(ent.name) if is_person(ent, people) else None


#: Words a quote cut in the middle must keep to be matched by word order alone.
_MIN_IN_ORDER_WORDS = 6


def _cut_in_middle(short: str, full: str) -> bool:
    """Whether ``short`` (normalised) is ``full`` with some words left out, in the same order, keeping
    at least :data:`_MIN_IN_ORDER_WORDS`: a quote cut in the middle ("We have made a fair offer and we
    will not negotiate" of "We have made a fair offer, it has been on the table for three weeks, and we
    will not negotiate")."""
    words = short.split()
    it = iter(full.split())
    return len(words) >= _MIN_IN_ORDER_WORDS and all(w in it for w in words)


def _clause_cut(clause: str, said: str) -> tuple[str, str] | None:
    """(kept, cut) when a direct quote keeps the start or the end of a clause word for word and drops
    the rest ("it was not taken lightly" of "it was not taken lightly or for the sake of the share
    price"): both parts at least :data:`_MIN_CLAUSE_PART` words; None otherwise. Only verbatim words
    count, so a paraphrase is never read as a cut."""
    words = clause.split()
    padded = f" {said} "
    for k in range(len(words) - _MIN_CLAUSE_PART, _MIN_CLAUSE_PART - 1, -1):  # the longest kept part first
        for kept, cut in ((words[:k], words[k:]), (words[-k:], words[:-k])):
            if f" {' '.join(kept)} " in padded:
                return " ".join(kept), " ".join(cut)
    return None


#: Words each side of a clause cut in two must have (:func:`_clause_cut`).
_MIN_CLAUSE_PART = 3


def _same_statement(a: _Q, b: _Q) -> bool:
    if a.article == b.article or (a.speaker and b.speaker and a.speaker != b.speaker):
        return False
    # Sorted, not min and max: of two quotes of equal length both would be the first.
    short, long = sorted((a.norm, b.norm), key=len)
    if len(short.split()) < 3 and not (a.speaker and a.speaker == b.speaker):
        return False
    if fuzz.partial_ratio(a.norm, b.norm) >= 88:
        return True
    # The same quote with words cut from its middle: every word of the shorter, in order, in the longer.
    if _cut_in_middle(short, long):
        return True
    # A paraphrase: reported speech of the same speaker sharing most content words.
    indirect = "indirect" in (a.quote.type, b.quote.type)
    return bool(indirect and a.speaker and a.speaker == b.speaker and fuzz.token_set_ratio(a.norm, b.norm) >= 70)


#: Characters between two direct quotes of one speaker that may be only their attribution ("," she told
#: him. "): the two are one statement, quoted in two pieces.
_JOIN_GAP = 80
#: What stands between the pieces of a statement quoted in two (:func:`_statement_quotes`); a piece ends
#: like a sentence (:func:`whole_sentences`), and normalising drops the mark.
PIECES = " /"
#: A word between two quotes: the attribution that makes them pieces of one statement. Two quotes with only
#: marks between (his officers had shown "enormous restraint". "We gave people ...") are two statements: the
#: first is a few words of his the report runs into its own sentence.
_WORD = re.compile(r"\w")


def _statement_quotes(a: Analysis, people: PeopleIndex) -> list[_Q]:
    """The article's quotes as statements: two direct quotes of one speaker that follow each other in a
    paragraph with only the attribution between ("I accept that you did not set out to steal, but ...
    carried on," she told him. "You continued to take money ...") are joined, so another outlet's
    version that drops the first clause and runs on into the second is read as that statement cut."""
    out: list[_Q] = []
    text = a.article.text
    for q in sorted(a.quotes, key=lambda q: q.start):
        key = _speaker_key(a, q, people)
        prev = out[-1] if out else None
        if prev is not None and key is not None and prev.speaker == key and q.type == prev.quote.type == "direct" \
                and 0 <= q.start - prev.quote.end <= _JOIN_GAP and "\n" not in text[prev.quote.end:q.start] \
                and _WORD.search(text, prev.quote.end, q.start):
            joined = Quote(prev.quote.start, q.end, f"{prev.quote.text}{PIECES} {q.text}", "direct", prev.quote.cue,
                           prev.quote.speaker, prev.quote.channel, prev.quote.confidence)
            out[-1] = _Q(a.article.id, prev.outlet, joined, key, _norm(joined.text))
        elif n := _norm(q.text):
            out.append(_Q(a.article.id, outlet_of(a.article), q, key, n))
    return out


def match_statements(analyses: list[Analysis], people: PeopleIndex) -> list[Statement]:
    """Group quotes of different articles that report the same statement (rapidfuzz)."""
    qs: list[_Q] = [q for a in analyses for q in _statement_quotes(a, people)]
    mixed = {a.article.id: [(q.start, q.end) for q in a.quotes if q.type == "mixed"] for a in analyses}
    parent = list(range(len(qs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only quotes sharing a content word can be one statement: an inverted index over words
    # keeps a story with thousands of quotes from comparing every pair.
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(qs):
        for w in set(q.norm.split()) - _NEWS_STOP:
            by_word[w].append(i)
    pairs = {(i, j) for ids in by_word.values() for i in ids for j in ids if i < j}
    # The speakers each group holds: a quote whose speaker is unknown may join either of two speakers'
    # statements, but never bridges them into one (the judge's words and the defence lawyer's are two
    # statements even when one outlet's quote of the judge lost its speaker).
    speakers: dict[int, set[str]] = {i: {q.speaker} if q.speaker else set() for i, q in enumerate(qs)}
    for i, j in sorted(pairs):
        ri, rj = find(i), find(j)
        if ri != rj and len(speakers[ri] | speakers[rj]) <= 1 and _same_statement(qs[i], qs[j]):
            parent[ri] = rj
            speakers[rj] |= speakers.pop(ri)
    groups: dict[int, list[_Q]] = defaultdict(list)
    for i, q in enumerate(qs):
        groups[find(i)].append(q)
    out = []
    for members in groups.values():
        if len({m.article for m in members}) < 2:
            continue
        # The fullest version is judged on the speaker's own words: a mixed quote also holds the
        # reporter's framing ("... and called for calm"), which other outlets did not "cut".
        direct = [m for m in members if m.quote.type == "direct"] or members
        full = max(direct, key=lambda m: len(m.norm))
        parts = _parts(full.quote.text)
        speaker = next((m.speaker for m in members if m.speaker), None)
        st = Statement(speaker=people.display(speaker) if speaker else None, full=full.quote.text, parts=parts)
        by_article: dict[str, list[_Q]] = defaultdict(list)
        for m in members:
            by_article[m.article].append(m)
        for art, ms in by_article.items():
            if any(m.quote.type == "direct" for m in ms):
                st.direct.add(art)
            said = " ".join(m.norm for m in ms)
            said_content = _content(said)
            v: dict[str, list[str]] = {"kept": [], "paraphrased": [], "cut": []}
            # Verbatim words lifted into the reporter's own sentence ("She added that she believed the two
            # banks could "rebuild that confidence quickly"") are a paraphrase quoting a few words: what
            # the reporter's frame rewords ("We believe that together we can") is not cut from them.
            direct_said = " ".join(m.norm for m in ms if m.quote.type == "direct"
                                   and not any(s <= m.quote.start and m.quote.end <= e for s, e in mixed[art]))
            for k, p in enumerate(parts):
                # Kept: the clause's words are there; paraphrased: its content words are, reworded
                # (function words shared with another clause, "we were told the", are no paraphrase;
                # nor is a content word the article has only as part of another clause it kept:
                # "exactly" of "knew exactly what they were looking for" does not reword "and exactly
                # how long they had").
                content = _content(p)
                elsewhere = {w for q in parts[:k] + parts[k + 1:] for w in _content(q).split()}
                own = set(content.split()) & set(said_content.split())
                if fuzz.partial_ratio(p, said) >= 90:
                    v["kept"].append(p)
                elif (split := _clause_cut(p, direct_said)) is not None:
                    v["kept"].append(split[0])
                    v["cut"].append(split[1])
                elif (fuzz.token_set_ratio(content, said_content) if content else fuzz.token_set_ratio(p, said)) >= 60 \
                        and not (content and own and own <= elsewhere):
                    v["paraphrased"].append(p)
                else:
                    v["cut"].append(p)
            st.versions[art] = v
        out.append(st)
    return out


#: Words a cut version must keep, and the share of the fuller statement's words.
_MIN_KEPT_WORDS = 3
_MIN_KEPT_SHARE = 0.2


def _cut_version(quote: str, full: str) -> bool:
    """Whether a direct quote (normalised) is a cut version of the fuller one: shorter, a stretch of its
    words or its words with a middle left out (:func:`_cut_in_middle`), and keeping a good part of it.
    Another statement that shares a phrase, or a paraphrase with quoted bits, is no cut; nor are a few
    words picked from a long statement ("the most valuable player"): a quotation choice."""
    n = len(quote.split())
    return (len(quote) < len(full) and n >= _MIN_KEPT_WORDS and n >= _MIN_KEPT_SHARE * len(full.split())
            and (fuzz.partial_ratio(quote, full) >= 95 or _cut_in_middle(quote, full)))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|" + re.escape(PIECES) + r"\s")
#: Confidence of a cut of whole sentences (:func:`whole_sentences`): under the default threshold for
#: shown findings, since on our labelled splits such cuts were as often a choice of sentences (three
#: unplanted) as a planted cut (one); listed with ``--all``.
WHOLE_SENTENCE_CUT_CONFIDENCE = 0.45


def whole_sentences(full: str, quoted: Iterable[str], cut: Sequence[str]) -> bool:
    """Whether the words an outlet left out are whole sentences of the fuller statement: which sentences
    of a statement to quote is often the outlet's choice (one quotes "We were told this would never
    happen again" and another sentence of the speaker's, the other adds "We've lost everything
    downstairs"), while a cut inside a sentence drops what the speaker tied to the rest ("... tomorrow,
    but only once the engineers have checked every street"). ``quoted`` are the outlet's quotes of the
    statement: no sentence holding a cut clause (:func:`_parts`) has another of its clauses in them (a
    clause the outlet only paraphrased, or quoted elsewhere, does not make the sentence quoted)."""
    dropped = set(cut)
    said = [_norm(q) for q in quoted]
    sentences = [_parts(x) for x in _SENTENCE_END.split(full)]
    if not dropped <= {p for parts in sentences for p in parts}:
        return False  # the end of a clause cut off ("... not taken lightly" without "or for the share price")
    return not any(dropped & set(parts) and any(p not in dropped and fuzz.partial_ratio(p, q) >= 90
                                                for p in parts for q in said)
                   for parts in sentences)


def _distance_to_cut(quote: str, full: str, cut: Sequence[str]) -> int:
    """Characters between a quote (normalised) and the nearest left-out clause in the fuller statement."""
    where = fuzz.partial_ratio_alignment(quote, full)
    gaps = [max(at - where.dest_end, where.dest_start - (at + len(p)), 0)
            for p in cut if (at := full.find(p)) >= 0]
    return min(gaps, default=0)


def quote_cuts(story_id: str, statements: list[Statement], by_id: dict[str, Analysis]) -> list[Finding]:
    """A finding per statement whose direct quote one article carries with a few of its words cut.

    Only verbatim words count: both the fuller and the cut version must be direct quotes, since
    two outlets' paraphrases of reported speech differ in wording without anything being cut.
    """
    findings = []
    for st in statements:
        # A cut worth reporting removes at least a few words ("I mean" is not an editorial choice).
        cut_arts = [aid for aid, v in st.versions.items() if aid in st.direct
                    and sum(len(p.split()) for p in v["cut"]) >= 3 and (v["kept"] or v["paraphrased"])]
        full_art = next((aid for aid, v in st.versions.items() if not v["cut"] and aid in st.direct), None)
        if not cut_arts or full_art is None:
            continue
        claims = []
        full_norm = _norm(st.full)
        for aid in [full_art] + cut_arts:
            a = by_id[aid]
            # Quoted fragments inside a paraphrase (a mixed quote's verbatim words) are the reporter's
            # choice of words to lift, not a statement quoted and cut.
            mixed = [(x.start, x.end) for x in a.quotes if x.type == "mixed"]
            direct = [q for q in a.quotes if q.type == "direct"
                      and (aid == full_art or not any(s <= q.start and q.end <= e for s, e in mixed))]
            if aid == full_art:
                q = max((q for q in direct if fuzz.partial_ratio(_norm(q.text), full_norm) >= 88),
                        key=lambda q: len(q.text), default=None)
            else:
                # Of the outlet's quotes of the statement, the one next to the words it left out (a statement
                # quoted in pieces has several), the longest among equals.
                q = min((q for q in direct if _cut_version(_norm(q.text), full_norm)),
                        key=lambda q: (_distance_to_cut(_norm(q.text), full_norm, st.versions[aid]["cut"]),
                                       -len(q.text)), default=None)
            if q is None:
                continue
            if aid != full_art:
                # The words are cut only if none of the article's direct quotes carries them (an
                # outlet may quote the rest of the statement elsewhere, or mark the cut with "…").
                said = " ".join(_norm(x.text) for x in direct)
                cut = [p for p in st.versions[aid]["cut"] if fuzz.partial_ratio(p, said) < 90]
                if sum(len(p.split()) for p in cut) < 3:
                    continue
                st.versions[aid]["cut"] = cut
            value = "full" if aid == full_art else "cut: " + " / ".join(st.versions[aid]["cut"])
            claims.append(Claim(aid, q.start, q.end, q.text, value))
        if len(claims) < 2 or claims[0].value != "full":
            continue

        # Each cut version's own words: the quote cut, and its other direct quotes inside the fuller statement;
        # on them, whether it left out only whole sentences.
        own = {c.article: {c.text} | {q.text for q in by_id[c.article].quotes if q.type == "direct"
                                      and fuzz.partial_ratio(_norm(q.text), full_norm) >= 90} for c in claims[1:]}
        of_sentences = {aid: whole_sentences(st.full, words, st.versions[aid]["cut"]) for aid, words in own.items()}
        # A cut inside a sentence is the one to name: the outlet that only chose other sentences comes after.
        claims[1:] = sorted(claims[1:], key=lambda c: of_sentences[c.article])
        cut_art = claims[1].article
        cut_words = " / ".join(st.versions[cut_art]["cut"])
        sentences = of_sentences[cut_art]
        findings.append(Finding(
            "quote_cut", story_id, st.speaker or st.full[:60], claims,
            confidence=WHOLE_SENTENCE_CUT_CONFIDENCE if sentences else 0.7 if st.speaker else 0.55,
            explanation=f"{outlet_of(by_id[cut_art].article)} quotes {st.speaker or 'the statement'} without "
                        f"“{cut_words}”, which {outlet_of(by_id[full_art].article)} quotes verbatim"
                        + (" (whole sentences left out: maybe only a choice of which to quote)" if sentences else "")))
    return findings
