"""Side-by-side comparison of the outlets covering one story, and the findings it yields.

Given the analyses of one story's articles this module answers, per outlet: who was given a
voice (and on which side, where the article says so), which statements several outlets carried
and who kept, paraphrased or cut which part, which words each used for the central event, and
where the stated facts disagree (titles claimed for a person, numbers for the same quantity).
Everything is derived from the analysis records (entities with claimed roles, quotes with
speakers) plus the article text, so it runs the same on fresh analyses, JSONL output or the store.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from presslens.model import Analysis, Article, Entity, Quote
from presslens.stories.grouping import _NEWS_STOP, tokens
from presslens.stories.model import Claim, Finding, Story
from presslens.stories.places import country_of
from presslens.stories.source import outlet_of
from presslens.textutil import strip_accents

# --------------------------------------------------------------------------------------------
# People across articles
# --------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form names are matched in."""
    text = strip_accents(text)
    return " ".join(re.sub(r"[^\w\s'-]", " ", text.lower()).split())


class PeopleIndex:
    """Maps per-article person names onto one key per person for the whole story.

    Entity names are canonical only inside one article; across a story a surname-only name
    ("Hart") is merged into the one full name that ends with it ("Elena Hart").
    """

    def __init__(self, analyses: list[Analysis]) -> None:
        full: dict[str, str] = {}
        for a in analyses:
            for e in a.entities:
                if e.type == "PERSON" and len(fold(e.name).split()) > 1:
                    full.setdefault(fold(e.name), e.name)
        by_surname: dict[str, set[str]] = defaultdict(set)
        for key in full:
            by_surname[key.split()[-1]].add(key)
        self._full = full
        self._by_surname = by_surname

    def key(self, name: str) -> str:
        k = fold(name)
        if len(k.split()) == 1 and len(self._by_surname.get(k, ())) == 1:
            return next(iter(self._by_surname[k]))
        return k

    def __contains__(self, key: str) -> bool:
        return key in self._full

    def display(self, key: str) -> str:
        return self._full.get(key, key.title())


# --------------------------------------------------------------------------------------------
# Affiliation side of a speaker
# --------------------------------------------------------------------------------------------

_EXPERT = re.compile(r"\b(economist|professor|analyst|expert|researcher|scientist|scholar|historian|lecturer|"
                     r"strategist|pollster|dr\.?|university|institute|think tank)\b", re.I)
_OPPOSITION = re.compile(r"\b(opposition|rebels?|dissidents?|challengers?)\b", re.I)
_GOVERNMENT = re.compile(r"\b(minister|ministry|president|premier|secretary|government|governor|mayor|"
                         r"ambassador|chancellor|cabinet|department|attorney general|spokes(?:man|woman|person) "
                         r"for the (?:government|ministry|president)|official|white house|kremlin)\b", re.I)
_CITIZEN = re.compile(r"\b(resident|voter|citizen|shopper|runs an?|owner|retired|pensioner|parent|mother|father|"
                      r"student|neighbou?r|commuter|local|driver|nurse|teacher|farmer|shopkeeper|worker)\b", re.I)


_APPOSITIVE = re.compile(r",\s+((?:who|a|an|the)\s[^,.;\"\u201d]{3,80})")


def _place(name: str) -> str:
    """A place or nationality as its country's code where the gazetteer knows it, else its folded name."""
    return country_of(name) or fold(name)


def side_of(analysis: Analysis, entity: Entity, home_places: set[str]) -> str | None:
    """The affiliation side an article states for a speaker, or None when it does not say.

    The evidence is the roles the article claims for the person (or an organisation's own
    name). A government role that names a country or nationality other than the story's main
    place marks a foreign government: an article only names the country of a minister when it
    is not its readers' own. Places are compared by country (:func:`_place`), so "Venezuelan
    information minister" in a story set in Caracas is the government's, not a foreign one.
    """
    texts = [r.text for r in entity.roles] if entity.type == "PERSON" else [entity.name]
    text = analysis.article.text
    for _, end in entity.mentions:
        # "Maria Okafor, who runs a shop near the harbour," states a side the role list misses.
        m = _APPOSITIVE.match(text, end)
        if m:
            texts.append(m.group(1))
    if not texts:
        return None
    joined = " ; ".join(texts)
    if _OPPOSITION.search(joined):
        return "opposition"
    if _GOVERNMENT.search(joined):
        places = [e for e in analysis.entities if e.type in ("GPE", "NORP")]
        for role in entity.roles:
            for p in places:
                if _place(p.name) not in home_places and any(role.start <= s and e <= role.end for s, e in p.mentions):
                    return "foreign government"
        return "government"
    if _EXPERT.search(joined):
        return "expert"
    if _CITIZEN.search(joined):
        return "citizen"
    return None


# --------------------------------------------------------------------------------------------
# Comparison records
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Voice:
    """One speaker as one outlet quotes them."""

    name: str
    count: int = 0
    side: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Statement:
    """One statement carried by several outlets: its fullest wording and each article's version."""

    speaker: str | None
    full: str
    parts: list[str]
    #: article id → {"kept": [...], "paraphrased": [...], "cut": [...]} over ``parts``.
    versions: dict[str, dict[str, list[str]]] = field(default_factory=dict)


@dataclass
class StoryComparison:
    """Everything the side-by-side view of one story shows."""

    story: Story
    outlets: dict[str, list[str]]
    voices: dict[str, dict[str, Voice]]
    unnamed: dict[str, int]
    statements: list[Statement]
    wording: dict[str, dict[str, int]]
    actor_labels: dict[str, dict[str, list[str]]]
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.story.to_dict(),
            "outlets": self.outlets,
            "voices": {o: {k: {"name": v.name, "count": v.count, "side": v.side, "roles": v.roles} for k, v in vs.items()}
                       for o, vs in self.voices.items()},
            "unnamed_sources": self.unnamed,
            "statements": [{"speaker": s.speaker, "full": s.full, "parts": s.parts, "versions": s.versions}
                           for s in self.statements],
            "wording": self.wording,
            "actor_labels": self.actor_labels,
            "findings": [f.to_dict() for f in self.findings],
        }


# --------------------------------------------------------------------------------------------
# Quotes: one statement in several outlets
# --------------------------------------------------------------------------------------------

_CLAUSE = re.compile(r"[.;:!?\u2014]+\s*|,(?!\d)\s*|\s+(?=but\s)|\s+(?=and\s)")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", fold(text)).split())


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
    if q.speaker is None or q.speaker.entity_id is None:
        return None
    ent = next((e for e in analysis.entities if e.id == q.speaker.entity_id), None)
    if ent is None:
        return None
    return people.key(ent.name)


def _same_statement(a: _Q, b: _Q) -> bool:
    if a.article == b.article or (a.speaker and b.speaker and a.speaker != b.speaker):
        return False
    short = min(a.norm, b.norm, key=len)
    if len(short.split()) < 3 and not (a.speaker and a.speaker == b.speaker):
        return False
    if fuzz.partial_ratio(a.norm, b.norm) >= 88:
        return True
    # A paraphrase: reported speech of the same speaker sharing most content words.
    indirect = "indirect" in (a.quote.type, b.quote.type)
    return bool(indirect and a.speaker and a.speaker == b.speaker and fuzz.token_set_ratio(a.norm, b.norm) >= 70)


def match_statements(analyses: list[Analysis], people: PeopleIndex) -> list[Statement]:
    """Group quotes of different articles that report the same statement (rapidfuzz)."""
    qs: list[_Q] = []
    for a in analyses:
        for q in a.quotes:
            n = _norm(q.text)
            if n:
                qs.append(_Q(a.article.id, outlet_of(a.article), q, _speaker_key(a, q, people), n))
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
    for i, j in sorted(pairs):
        if _same_statement(qs[i], qs[j]):
            parent[find(i)] = find(j)
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
            said = " ".join(m.norm for m in ms)
            v: dict[str, list[str]] = {"kept": [], "paraphrased": [], "cut": []}
            for p in parts:
                # Kept: the clause's words are there; paraphrased: its content words are, reworded.
                if fuzz.partial_ratio(p, said) >= 90:
                    v["kept"].append(p)
                elif fuzz.token_set_ratio(p, said) >= 60:
                    v["paraphrased"].append(p)
                else:
                    v["cut"].append(p)
            st.versions[art] = v
        out.append(st)
    return out


# --------------------------------------------------------------------------------------------
# Wording: labels for the central event and the actors
# --------------------------------------------------------------------------------------------


def _outside_quotes(analysis: Analysis) -> list[tuple[int, int]]:
    """Character ranges of the article in the outlet's own voice (quoted words removed)."""
    spans = sorted((q.start, q.end) for q in analysis.quotes if q.type != "indirect")
    out, pos = [], 0
    for s, e in spans:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    out.append((pos, len(analysis.article.text)))
    return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def event_heads(analyses: list[Analysis], limit: int = 8) -> list[str]:
    """Words naming the central event: in most articles and some headline, not part of a name.

    Only people and places count as names here: headline fragments are often mistaken for
    organisations ("Violent Protest Rocks"), and their words are exactly the labels sought.
    """
    names = {t for a in analyses for e in a.entities if e.type in ("PERSON", "GPE", "LOC", "NORP")
             for t in fold(e.name).split()}
    df: Counter[str] = Counter()
    in_titles: set[str] = set()
    for a in analyses:
        df.update(set(tokens(a.article.text)))
        in_titles.update(tokens(a.article.title or ""))
    need = max(2, (len(analyses) + 1) // 2)
    heads = [t for t, n in df.most_common() if n >= need and t in in_titles and t not in names]
    return heads[:limit]


_LEAD_IN = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "of", "in",
            "on", "at", "for", "by", "with", "from", "into", "against", "over", "after", "during"}


def _in_headline(article: Article, start: int | None) -> bool:
    """Whether a character offset falls inside the article's headline as written in its text."""
    at = article.text.find(article.title) if article.title else -1
    return start is not None and at >= 0 and at <= start < at + len(article.title or "")


def label_phrases(analysis: Analysis, heads: list[str]) -> list[tuple[str, str, int, int]]:
    """(head, phrase, start, end) for each "modifier head" phrase in the outlet's own voice.

    Without part-of-speech tags, a modifier counts only where a noun phrase can start before it
    (after a determiner or preposition, or at the start of a line such as a headline), which
    keeps "an illegal strike" and drops verb + object pairs like "urged workers"; a pair that
    runs on into an office word ("the Deputy Transport Minister") is part of a title, not a label.
    """
    text = analysis.article.text
    out = []
    for lo, hi in _outside_quotes(analysis):
        words = list(_WORD.finditer(text, lo, hi))
        for i in range(1, len(words)):
            prev, cur = words[i - 1], words[i]
            head, mod = cur.group().lower(), prev.group().lower().removesuffix("'s").removesuffix("\u2019s")
            if head not in heads or mod in heads or mod in _NEWS_STOP or len(mod) <= 2:
                continue
            if text[prev.end():cur.start()] != " ":
                continue
            # "Deputy Transport Minister Hart": the pair is part of a title, which role findings cover.
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt and text[cur.end():nxt.start()] == " " and nxt.group().lower() in _OFFICE:
                continue
            before = text[words[i - 2].end():prev.start()] if i >= 2 else "\n"
            opens_np = "\n" in before or (i >= 2 and words[i - 2].group().lower() in _LEAD_IN and before == " ")
            if opens_np:
                out.append((head, f"{mod} {head}", prev.start(), cur.end()))
    return out


# Label swaps: the same slot filled with one word by one outlet and another word by the next ---

#: Words after which a noun phrase starts ("that" is left out: it also opens clauses).
_NP_OPENERS = (_LEAD_IN - {"that"}) | {"some", "many", "several", "dozens", "hundreds", "thousands", "to", "about",
                                       "among", "between", "under", "toward", "towards", "behind", "as"}
_DETERMINERS = {"a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "our"}
_CLAUSE_END = re.compile(r"[.;:!?\n\u2014]")
#: Times an outlet must use a word for it to count as its label (a one-off word is what an
#: article happens to mention, not a label it keeps using).
_MIN_USES = 2
#: Smallest z-score of the log-odds at which a word counts as one outlet's choice over another's.
#: With the two outlets' pooled counts as the prior, a word used twice by one and never by the
#: other scores 0.6-0.8 (less when the user's text is much longer), three times against once
#: 0.58, twice against once 0.56: the bar keeps words one outlet repeats and the other avoids.
_MIN_Z = 0.6
#: Distinct slots two outlets' words must share to count as one label swapped for another: one
#: shared neighbour is often chance in long articles ("the race in Iowa" / "the win in Iowa").
_MIN_SLOTS = 2
#: Items (function words skipped) a slot's neighbour may lie from the phrase.
_REACH = 3


def _stem(word: str) -> str:
    """A crude inflection-free form, so "protester"/"protesters" or "clash"/"clashed" match."""
    w = word.lower().removesuffix("'s").removesuffix("\u2019s")
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


@dataclass(slots=True)
class _Item:
    key: str
    start: int
    end: int
    kind: str  # "word", "stop", "name" or "break"


def _items(analysis: Analysis, people: PeopleIndex) -> list[_Item]:
    """The own-voice text as items: content words (stemmed), function words, name mentions, breaks.

    A name mention is one item keyed by its story-wide key, so "the Maduro regime" and "the
    Maduro government" share the item "nicolas maduro" before the noun; clause punctuation
    becomes a break so neighbours never reach across sentences.
    """
    text = analysis.article.text
    names = sorted((s, e, people.key(ent.name) if ent.type == "PERSON" else fold(ent.name))
                   for ent in analysis.entities for s, e in ent.mentions)
    out: list[_Item] = []
    k = 0
    for lo, hi in _outside_quotes(analysis):
        pos = lo
        for w in _WORD.finditer(text, lo, hi):
            if _CLAUSE_END.search(text, pos, w.start()):
                out.append(_Item("|", pos, pos, "break"))
            pos = w.end()
            while k < len(names) and names[k][1] <= w.start():
                k += 1
            if k < len(names) and names[k][0] <= w.start():
                s, e, key = names[k]
                if not (out and out[-1].kind == "name" and out[-1].start == s):
                    out.append(_Item(key, s, e, "name"))
                continue
            word = w.group().lower()
            stop = word in _NEWS_STOP or len(word) <= 2
            out.append(_Item(word if stop else _stem(word), w.start(), w.end(), "stop" if stop else "word"))
        out.append(_Item("|", hi, hi, "break"))
    return out


def _opens_np(items: list[_Item], i: int, text: str) -> bool:
    """Whether a noun phrase can start at item ``i``: at a clause start, after an opener, after a
    possessive name ("Dorn's regime") or a name after a determiner ("the Dorn regime")."""
    if i == 0:
        return True
    prev = items[i - 1]
    if prev.kind == "break":
        return True
    if prev.kind == "stop":
        return prev.key in _NP_OPENERS
    if prev.kind != "name":
        return False
    return text.startswith(("'s", "\u2019s"), prev.end) or (i >= 2 and items[i - 2].key in _DETERMINERS)


def _neighbour(items: list[_Item], i: int, step: int) -> str | None:
    """The nearest content word or name from item ``i`` in direction ``step``: within the clause,
    over at most ``_REACH`` function words."""
    j = i + step
    for _ in range(_REACH + 1):
        if not 0 <= j < len(items) or items[j].kind == "break":
            return None
        if items[j].kind != "stop":
            return items[j].key
        j += step
    return None


@dataclass(slots=True)
class _Phrase:
    """One noun phrase in an outlet's own voice, with its head and the items on either side."""

    article: str
    head: str
    start: int
    end: int
    slots: tuple[str, ...]


def noun_phrases(analysis: Analysis, people: PeopleIndex, nouns: set[str]) -> list[_Phrase]:
    """Own-voice noun phrases of an article, each with its slots (neighbouring word or name).

    A phrase starts where ``_opens_np`` allows and runs over adjacent content words to its head,
    the last of them that ``nouns`` holds (stems the story uses right after an opener somewhere),
    so "the rioters stormed the building" gives "rioters", not "rioters stormed". Its slots are
    ``"L:"`` + the nearest content item before it and ``"R:"`` + the nearest after the run of
    content words (past "attempt" in "the coup attempt in Marsk", which gives "coup" and "R:marsk").
    """
    text = analysis.article.text
    items = _items(analysis, people)
    out = []
    i = 0
    while i < len(items):
        if items[i].kind != "word" or not _opens_np(items, i, text):
            i += 1
            continue
        run = [i]
        while (run[-1] + 1 < len(items) and items[run[-1] + 1].kind == "word"
               and text[items[run[-1]].end:items[run[-1] + 1].start] == " "):
            run.append(run[-1] + 1)
        i = run[-1] + 1
        while run and items[run[-1]].key not in nouns:
            run.pop()
        if not run:
            continue
        # A headline runs words together ("Hundreds flee flooding"): the phrase is its head and
        # the noun-like words just before it.
        while len(run) > 1 and items[run[0]].key not in nouns:
            run.pop(0)
        slots = tuple(f"{side}:{n}" for side, n in (("L", _neighbour(items, run[0], -1)),
                                                   ("R", _neighbour(items, i - 1, 1))) if n)
        out.append(_Phrase(analysis.article.id, items[run[-1]].key, items[run[0]].start, items[run[-1]].end, slots))
    return out


def story_nouns(analyses: list[Analysis], people: PeopleIndex) -> set[str]:
    """Stems the story's articles use right after an opener at least once: its nouns, near enough."""
    nouns: set[str] = set()
    for a in analyses:
        items = _items(a, people)
        nouns.update(it.key for i, it in enumerate(items) if it.kind == "word" and _opens_np(items, i, a.article.text))
    return nouns


def log_odds_z(word: str, mine: Counter[str], theirs: Counter[str], prior: Counter[str]) -> float:
    """z-score of the log-odds ratio of ``word`` in one outlet against another, with an
    informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) set to the two outlets' pooled
    word counts: positive when ``mine`` favours the word."""
    a, a0 = prior[word], prior.total()
    n1, n2 = mine.total(), theirs.total()
    y1, y2 = mine[word], theirs[word]
    delta = math.log((y1 + a) / (n1 + a0 - y1 - a)) - math.log((y2 + a) / (n2 + a0 - y2 - a))
    return delta / math.sqrt(1.0 / (y1 + a) + 1.0 / (y2 + a))


def label_swaps(analyses: list[Analysis], people: PeopleIndex, nouns: set[str]) -> list[list[tuple[_Phrase, str]]]:
    """Groups of own-voice phrases, one word per outlet for the same slot, each outlet avoiding
    the others' word: "uprising" against "coup attempt" before "in Caracas", "protesters"
    against "rioters" before "clashed", "regime" against "government" after "Maduro".

    Two phrase heads of different outlets pair when they differ, share ``_MIN_SLOTS`` slots, and
    each is its outlet's choice over the other: used at least ``_MIN_USES`` times and favoured by
    the log-odds z-score (``_MIN_Z``). Pairs sharing a head of one outlet merge into one group;
    each phrase comes with its outlet. ``nouns`` are :func:`story_nouns` of ``analyses``.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    phrases: list[tuple[_Phrase, str]] = []
    for a in analyses:
        o = outlet_of(a.article)
        counts[o].update(it.key for it in _items(a, people) if it.kind == "word")
        phrases += [(p, o) for p in noun_phrases(a, people, nouns)]
    if len(counts) < 2:
        return []
    by_slot: dict[str, list[int]] = defaultdict(list)
    for n, (p, _) in enumerate(phrases):
        for s in p.slots:
            by_slot[s].append(n)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    # (outlet, head, other outlet, other head) -> the slots the two share and their phrases.
    pairs: dict[tuple[str, str, str, str], tuple[set[str], set[int]]] = {}
    for slot, members in by_slot.items():
        for i in members:
            for j in members:
                (p, o), (q, r) = phrases[i], phrases[j]
                # A head next to the other ("coup" before "attempt") is one phrase, not a swap.
                if o >= r or p.head == q.head or f"L:{q.head}" in p.slots or f"R:{q.head}" in p.slots:
                    continue
                slots, where = pairs.setdefault((o, p.head, r, q.head), (set(), set()))
                slots.add(slot)
                where.update((i, j))
    used: set[int] = set()
    for (o, h, r, g), (slots, where) in pairs.items():
        if len(slots) < _MIN_SLOTS or counts[o][h] < _MIN_USES or counts[r][g] < _MIN_USES:
            continue
        pooled = counts[o] + counts[r]
        if (log_odds_z(h, counts[o], counts[r], pooled) >= _MIN_Z
                and log_odds_z(g, counts[r], counts[o], pooled) >= _MIN_Z):
            parent[find((o, h))] = find((r, g))
            used |= where
    groups: dict[tuple[str, str], list[tuple[_Phrase, str]]] = defaultdict(list)
    for n in sorted(used):
        p, o = phrases[n]
        groups[find((o, p.head))].append(phrases[n])
    return list(groups.values())


# --------------------------------------------------------------------------------------------
# Roles claimed for a person
# --------------------------------------------------------------------------------------------

_OFFICE = {"minister", "secretary", "president", "governor", "senator", "mayor", "chancellor", "ambassador",
           "general", "director", "chief", "spokesman", "spokeswoman", "spokesperson", "leader", "chairman",
           "chairwoman", "chair", "commissioner", "judge", "justice", "attorney", "prosecutor", "premier",
           "representative", "commander", "boss", "head", "ceo", "sen", "rep", "gov"}
#: Rank words that change the office itself. "Former", "interim", "self-proclaimed" are left out:
#: they are either outside the claimed span or a framing choice (wording), not a factual title.
_RANK = {"deputy", "vice", "acting", "assistant", "junior", "under"}
#: Portfolios of an office: two different ones for the same person cannot both be right, while
#: other qualifiers ("Texas", "Republican", "fellow") only describe the person differently.
_PORTFOLIO = {"foreign", "defence", "defense", "interior", "home", "finance", "treasury", "economy", "economic",
              "transport", "transportation", "health", "education", "justice", "labour", "labor", "employment",
              "trade", "commerce", "industry", "energy", "oil", "mining", "agriculture", "environment", "housing",
              "information", "communications", "culture", "tourism", "sport", "sports", "science", "digital",
              "infrastructure", "water", "fisheries", "security", "immigration", "war", "veterans", "homeland",
              "intelligence", "planning", "social", "welfare", "youth", "women", "family", "state", "army", "navy",
              "air", "police", "budget", "tax", "revenue", "customs", "communication", "technology", "research"}
_ROLE_STOP = {"the", "a", "an", "of", "for", "at", "in", "on", "and", "his", "her", "its", "their", "who", "has",
              "been", "was", "is", "country's", "nation's", "government's", "state"}


def _role_words(text: str) -> list[str]:
    """A claimed role's content words, without articles, possessives and punctuation."""
    words = (w.strip("'") for w in fold(text).split())
    return [w for w in words if w and w not in _ROLE_STOP and not w.endswith("'s")]


def role_parts(text: str) -> tuple[str | None, frozenset[str], frozenset[str]]:
    """A claimed role as (office head, rank words, portfolio words), e.g. "deputy transport
    minister" → ("minister", {"deputy"}, {"transport"})."""
    words = _role_words(text)
    heads = [w.rstrip(".") for w in words if w.rstrip(".") in _OFFICE]
    if not heads:
        return None, frozenset(), frozenset()
    head = heads[-1]
    rank = frozenset(w for w in words if w in _RANK)
    quals = frozenset(w for w in words if w in _PORTFOLIO)
    return head, rank, quals


def roles_conflict(a: str, b: str) -> bool:
    """Whether two titles for the same person cannot both be right.

    Same office but a different rank (minister vs deputy minister), or a different portfolio
    where neither is a less specific form of the other (foreign vs defence minister).
    """
    ha, ra, qa = role_parts(a)
    hb, rb, qb = role_parts(b)
    if ha is None or ha != hb:
        return False
    if ra != rb:
        return True
    return bool(qa and qb and not (qa <= qb or qb <= qa))


#: Title abbreviations written out, so "Sen." and "senator" are one word choice.
_ABBREVIATION = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
                 "col": "colonel", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "dr": "doctor",
                 "prof": "professor", "rev": "reverend", "pres": "president", "sec": "secretary", "amb": "ambassador",
                 "atty": "attorney", "supt": "superintendent", "maj": "major", "cmdr": "commander"}
#: Party words: like a home state, a detail of who the person is rather than a label for them.
_PARTY = {"democratic", "democrat", "republican", "gop", "independent"}
_PARTY_TAG = re.compile(r"^[rdil]-\w*$")  # "R-Fla." folds to "r-fla"


def descriptor_words(text: str, names: set[str] = frozenset()) -> frozenset[str]:
    """The words of a description of a person that are a choice, not a detail: abbreviations
    written out, and party tags ("R-Fla."), party words, places and nationalities (by the
    gazetteer), names of people (``names``) and single letters left out."""
    words = [_ABBREVIATION.get(w, w) for w in _role_words(text)]
    drop = {i for i, w in enumerate(words)
            if len(w) < 2 or w in _PARTY or w in names or _PARTY_TAG.match(w) or country_of(w)}
    drop |= {j for i in range(len(words) - 1) if country_of(f"{words[i]} {words[i + 1]}") for j in (i, i + 1)}
    return frozenset(w for i, w in enumerate(words) if i not in drop)


def descriptors_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two outlets describe one person in words neither's description contains:
    "opposition leader" against "interim president" or "self-proclaimed president", but not
    "President" against "Venezuelan President" (only more specific) — a choice, not a wrong fact."""
    return bool(a and b) and not (a <= b or b <= a)


# --------------------------------------------------------------------------------------------
# Numbers for the same quantity
# --------------------------------------------------------------------------------------------

_QUANTITY = {
    "dead": "dead", "killed": "dead", "deaths": "dead", "died": "dead", "fatalities": "dead",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuries": "injured",
    "arrested": "arrested", "detained": "arrested", "arrests": "arrested",
    "workers": "workers", "dockers": "workers", "dockworkers": "workers", "employees": "workers",
    "strikers": "workers", "staff": "workers", "staffers": "workers",
    "ships": "ships", "vessels": "ships", "boats": "ships",
    "protesters": "protesters", "demonstrators": "protesters", "marchers": "protesters",
    "troops": "troops", "soldiers": "troops", "refugees": "refugees", "migrants": "migrants",
    "votes": "votes", "delegates": "delegates", "accounts": "accounts",
}
_CASUALTY_VERB = {"killing": "dead", "killed": "dead", "injuring": "injured", "injured": "injured",
                  "wounding": "injured", "wounded": "injured", "arresting": "arrested", "arrested": "arrested",
                  "detaining": "arrested", "detained": "arrested"}
_NUMBER = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s+(?:million|thousand|hundred))?\b")
_SCALE = {"million": 1e6, "thousand": 1e3, "hundred": 1e2}


def quantities(analysis: Analysis) -> list[tuple[str, float, int, int]]:
    """(quantity, value, start, end) for each "N <quantity noun>" or "N people were killed"."""
    text = analysis.article.text
    out = []
    for m in _NUMBER.finditer(text):
        after = text[m.end():m.end() + 60]
        if after.startswith(("%", " percent", " per cent")):
            continue
        value = float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").strip(), 1.0)
        # The quantity noun must follow within two words, with no punctuation in between.
        gap = re.match(r"(?:[ ]+[A-Za-z][A-Za-z'\-]*){1,3}", after)
        follow = [w.lower() for w in _WORD.findall(after[:gap.end()])] if gap else []
        before = [w.lower() for w in _WORD.findall(text[max(0, m.start() - 40):m.start()])[-3:]]
        key = None
        for w in follow:
            if w in _QUANTITY:
                key = _QUANTITY[w]
                break
        if key is None and follow and follow[0] in ("people", "persons", "civilians"):
            later = [w.lower() for w in _WORD.findall(after)[1:4]]
            key = next((_CASUALTY_VERB[w] for w in before + later if w in _CASUALTY_VERB), None)
        if key:
            out.append((key, value, m.start(), m.end()))
    return out


# --------------------------------------------------------------------------------------------
# Dates stated for the event
# --------------------------------------------------------------------------------------------

_MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                            "september", "october", "november", "december"))}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = re.compile(rf"\b{_MONTH}\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?\b|"
                   rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}\.?(?: (\d{{4}}))?\b")
_PARAGRAPH = re.compile(r"[^\n]+")


def _month(name: str) -> int:
    return next(n for m, n in _MONTHS.items() if m.startswith(name.lower()[:3]))


def event_dates(analysis: Analysis, heads: list[str]) -> list[tuple[str, str, int, int]]:
    """(event word, "MM-DD" or "YYYY-MM-DD", start, end) for calendar dates shortly after a word
    naming the central event ("the strike began on March 10"), within one paragraph (sentence
    splitting would break at abbreviations such as "Jan. 3")."""
    text = analysis.article.text
    out = []
    for para in _PARAGRAPH.finditer(text):
        mentions = [(w.group().lower(), w.start(), w.end()) for w in _WORD.finditer(text, para.start(), para.end())
                    if w.group().lower() in heads]
        if not mentions:
            continue
        for m in _DATE.finditer(text, para.start(), para.end()):
            # The date must follow the event word closely ("the strike began on March 10"), so
            # a poll's fieldwork date in the same paragraph as "primary" is not read as its date.
            near = [h for h, _, e in mentions if 0 <= m.start() - e <= 40]
            if not near:
                continue
            month, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
            if not 1 <= int(day) <= 31:
                continue
            value = f"{int(year):04d}-" if year else ""
            out.append((near[-1], value + f"{_month(month):02d}-{int(day):02d}", m.start(), m.end()))
    return out


# --------------------------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------------------------


def compare_story(story: Story, analyses: list[Analysis]) -> StoryComparison:
    """Build the side-by-side comparison and the findings of one story.

    ``analyses`` are the story's articles (any order); syndicated copies named in
    ``story.duplicates`` are shown under their outlet but not counted as independent evidence of
    a disagreement.
    """
    by_id = {a.article.id: a for a in analyses}
    ordered = [by_id[i] for i in story.articles if i in by_id]
    copies = {c for c, _ in story.duplicates}
    people = PeopleIndex(ordered)
    outlets: dict[str, list[str]] = defaultdict(list)
    for a in ordered:
        outlets[outlet_of(a.article)].append(a.article.id)

    # The story's home: the country its places are most often in (a city counts for its country).
    place_count: Counter[str] = Counter()
    for a in ordered:
        for e in a.entities:
            if e.type == "GPE":
                place_count[_place(e.name)] += len(e.mentions)
    home = {p for p, _ in place_count.most_common(1)}

    # Voices ---------------------------------------------------------------------------------
    voices: dict[str, dict[str, Voice]] = defaultdict(dict)
    unnamed: Counter[str] = Counter()
    first_quote: dict[tuple[str, str], Quote] = {}
    for a in ordered:
        o = outlet_of(a.article)
        ents = {e.id: e for e in a.entities}
        for q in a.quotes:
            ent = ents.get(q.speaker.entity_id) if q.speaker and q.speaker.entity_id else None
            if ent is None:
                unnamed[o] += 1
                continue
            key = people.key(ent.name)
            v = voices[o].setdefault(key, Voice(name=people.display(key) if key in people else ent.name))
            v.count += 1
            v.side = v.side or side_of(a, ent, home)
            for r in ent.roles:
                if r.text not in v.roles:
                    v.roles.append(r.text)
            first_quote.setdefault((a.article.id, key), q)

    findings: list[Finding] = []
    # Blind spots: quoted by most outlets, missing from one --------------------------------------
    n_out = len(outlets)
    quoted_by: dict[str, set[str]] = defaultdict(set)
    for o, vs in voices.items():
        for key in vs:
            quoted_by[key].add(o)
    for key, have in quoted_by.items():
        if n_out >= 3 and len(have) >= 2 and len(have) * 2 > n_out:
            for missing in sorted(set(outlets) - have):
                claims = [Claim(aid, q.start, q.end, q.text, "quoted")
                          for (aid, k), q in first_quote.items() if k == key]
                claims += [Claim(aid, None, None, "", "not quoted") for aid in outlets[missing]]
                findings.append(Finding("blind_spot", story.id, people.display(key), claims))

    # Statements and cuts ----------------------------------------------------------------------
    statements = match_statements(ordered, people)
    for st in statements:
        # A cut worth reporting removes at least a few words ("I mean" is not an editorial choice).
        cut_arts = [aid for aid, v in st.versions.items()
                    if sum(len(p.split()) for p in v["cut"]) >= 3 and (v["kept"] or v["paraphrased"])]
        if not cut_arts:
            continue
        full_art = next((aid for aid, v in st.versions.items() if not v["cut"]), None)
        claims = []
        for aid in ([full_art] if full_art else []) + cut_arts:
            a = by_id[aid]
            q = max((q for q in a.quotes if fuzz.partial_ratio(_norm(q.text), _norm(st.full)) >= 88
                     or fuzz.token_set_ratio(_norm(q.text), _norm(st.full)) >= 70), key=lambda q: len(q.text),
                    default=None)
            if q is None:
                continue
            value = "full" if aid == full_art else "cut: " + " / ".join(st.versions[aid]["cut"])
            claims.append(Claim(aid, q.start, q.end, q.text, value))
        findings.append(Finding("quote_cut", story.id, st.speaker or st.full[:60], claims))

    # Wording ----------------------------------------------------------------------------------
    originals = [a for a in ordered if a.article.id not in copies]
    # Only words the story also uses as nouns somewhere ("an uprising"), so a headline verb
    # ("Guaido Calls on Troops") is not taken for the event's name.
    nouns = story_nouns(originals, people)
    heads = [h for h in event_heads(originals) if _stem(h) in nouns]
    wording: dict[str, dict[str, int]] = defaultdict(dict)
    phrase_claims: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for a in ordered:
        o = outlet_of(a.article)
        for head, phrase, s, e in label_phrases(a, heads):
            wording[o][phrase] = wording[o].get(phrase, 0) + 1
            if a.article.id not in copies:
                phrase_claims[head][phrase].append(Claim(a.article.id, s, e, a.article.text[s:e], phrase))
    name_words = {w for a in ordered for e in a.entities if e.type == "PERSON" for w in fold(e.name).split()}

    def chosen(phrase: str, cs: list[Claim]) -> bool:
        """An outlet's label, not a passing detail: its modifier is no place, party or name
        ("Michigan primary"), and the outlet repeats it or puts it in a headline."""
        if not descriptor_words(phrase.split()[0], name_words):
            return False
        uses = Counter(outlet_of(by_id[c.article].article) for c in cs)
        return max(uses.values()) >= 2 or any(_in_headline(by_id[c.article].article, c.start) for c in cs)

    for head, phrases in phrase_claims.items():
        users = {p: {outlet_of(by_id[c.article].article) for c in cs} for p, cs in phrases.items()}
        all_users = set().union(*users.values())
        # A label contrast: two or more outlets, each choosing words the others avoid.
        distinctive = {p for p, us in users.items() if len(us) < len(all_users) and chosen(p, phrases[p])}
        if len(all_users) >= 2 and len(distinctive) >= 2 and len(set().union(*(users[p] for p in distinctive))) >= 2:
            claims = [c for p in sorted(distinctive) for c in phrases[p]]
            findings.append(Finding("label", story.id, head, claims))
    for group in label_swaps(originals, people, nouns):
        claims = [Claim(p.article, p.start, p.end, by_id[p.article].article.text[p.start:p.end],
                        fold(by_id[p.article].article.text[p.start:p.end])) for p, _ in group]
        findings.append(Finding("label", story.id, " / ".join(sorted({c.value for c in claims})), claims))

    # Roles claimed for each person ------------------------------------------------------------
    actor_labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    role_claims: dict[str, list[Claim]] = defaultdict(list)
    for a in ordered:
        for e in a.entities:
            if e.type != "PERSON":
                continue
            key = people.key(e.name)
            for r in e.roles:
                actor_labels[people.display(key)][outlet_of(a.article)].append(r.text)
                if a.article.id not in copies:
                    role_claims[key].append(Claim(a.article.id, r.start, r.end, r.text, " ".join(fold(r.text).split())))
    for key, claims in role_claims.items():
        bad = {i for i, c in enumerate(claims) for j, d in enumerate(claims)
               if c.article != d.article and roles_conflict(c.text, d.text)}
        if bad:
            heads_in_conflict = {role_parts(claims[i].text)[0] for i in bad}
            findings.append(Finding("role", story.id, people.display(key),
                                    [c for c in claims if role_parts(c.text)[0] in heads_in_conflict]))
        else:  # the words chosen for the person may still differ: a label contrast for an actor
            described: dict[str, set[str]] = defaultdict(set)
            for c in claims:
                described[outlet_of(by_id[c.article].article)] |= descriptor_words(c.text, name_words)
            if any(descriptors_differ(frozenset(a), frozenset(b)) for a, b in combinations(described.values(), 2)):
                findings.append(Finding("label", story.id, people.display(key), claims))

    # Numbers for the same quantity ------------------------------------------------------------
    numbers: dict[str, list[Claim]] = defaultdict(list)
    for a in originals:
        for key, value, s, e in quantities(a):
            numbers[key].append(Claim(a.article.id, s, e, a.article.text[s:e], f"{value:g}"))
    for key, claims in numbers.items():
        per_outlet = {outlet_of(by_id[c.article].article) for c in claims}
        if len(per_outlet) >= 2 and len({c.value for c in claims}) >= 2:
            findings.append(Finding("number", story.id, key, claims))

    # Dates stated for the event: outlets that each give one date for it, but not the same one.
    dated: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for a in originals:
        for head, value, s, e in event_dates(a, heads):
            dated[head][outlet_of(a.article)].append(Claim(a.article.id, s, e, a.article.text[s:e], value))
    for head, per_outlet in dated.items():
        single = {o: {c.value[-5:] for c in cs} for o, cs in per_outlet.items()}
        single = {o: next(iter(v)) for o, v in single.items() if len(v) == 1}
        if len(set(single.values())) >= 2:
            findings.append(Finding("date", story.id, head, [c for o in single for c in per_outlet[o]]))

    return StoryComparison(story=story, outlets=dict(outlets), voices={o: dict(v) for o, v in voices.items()},
                           unnamed=dict(unnamed), statements=statements, wording={o: dict(w) for o, w in wording.items()},
                           actor_labels={k: dict(v) for k, v in actor_labels.items()}, findings=findings)
