"""Incremental story grouping: each new article joins an existing story or starts one.

The design follows Miranda et al. (EMNLP 2018, "Multilingual Clustering of Streaming News"):
an article is several sparse TF-IDF sub-vectors (body words, title words, named entities) whose
IDF is updated as articles arrive; it is compared with each candidate story's centroid per
sub-vector, the similarities are combined with weights and a time decay, and a threshold decides
between joining the best story and starting a new one. Instead of scanning every story, candidate
stories come from an inverted index over each story's most distinctive terms and entities, and
stories that have not been updated within the time window drop out of the index, so the cost of
one new article depends on how many stories are live in the window, not on the corpus size.

Framing (issue 15). Outlets name one event in contrasting words ("demonstrators" / "rioters"), and a
shared actor is not a shared event. So body and title are compared framing-neutrally: a word one
side uses where the other uses a learned near-equivalent (``NEIGHBOURS_FILE``) is left out on both
sides, neither splitting nor joining; an article also needs a minimum of shared body words
(``min_content``), and more of them when its lead reports another event than the story's leads
(``min_content_other_day``): another day ("will tour the valley on Thursday" is not Wednesday's
tax plan), none of their people and places, or a happening the story never mentions. The lead's
event frame (when; who and where; what) is read from the analysis -- its entities, their roles and
the lead's words -- not from a new parse, so grouping stays a replay of stored analyses. So names
alone cannot join an article to the story of the same official's last act;
and an article that would join a story only if its framing words counted as the story's words
is recorded as a :class:`PossibleLink` instead of being merged. Grouping is single-pass, so such an
article, if it started a story of its own, is scored again whenever the linked story grows, and
joins it when it then passes on its own words (a second chance that replays the same way).

Facts. Framed reports of one event word it differently but state its facts: the same numbers, the
same quoted words, the same cast of names. A decoy that shares an actor and a place with the event
(the same mayor at a warehouse fire that night) shares its words about as much as a framed report
does, but not its facts. So a join on little shared content (``facts_below``) needs a shared fact
(:class:`Facts`, read from the stored analysis: its claims, direct quotes and entities).
"""
from __future__ import annotations

import gzip
import hashlib
import math
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from presslens.model import Analysis
from presslens.settings import Settings, get_settings
from presslens.stories.source import day_of

_TOKEN = re.compile(r"[a-z][a-z'\-]+[a-z]|[a-z]{2}")
#: Words so common in news that they say nothing about which event an article covers.
_NEWS_STOP = frozenset(ENGLISH_STOP_WORDS | {
    "said", "says", "say", "told", "according", "year", "years", "new", "like", "just", "people", "time",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "day", "today",
    "abstract", "text", "full", "it's", "don't", "mr", "ms", "mrs",
    # Prepositions scikit-learn's list lacks ("Clashes Near Caracas" must not make "near" a label).
    "aboard", "amid", "amidst", "beneath", "despite", "inside", "near", "outside", "regarding", "underneath",
    "unlike", "versus",
})
_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"})
FIELDS = ("body", "title", "entities")
#: Words outlets use for the same thing, learned by ``python -m presslens.training.word_neighbours``.
NEIGHBOURS_FILE = Path(__file__).resolve().parents[1] / "data" / "stories" / "word_neighbours.txt.gz"


@dataclass(slots=True)
class Features:
    """What grouping needs of one article: term counts per field and a day number.

    Pre-computed features let the benchmark feed 100,000 synthetic articles without parsing.
    """

    id: str
    day: float | None
    body: Counter[str]
    title: Counter[str]
    entities: Counter[str]
    #: Words of the article's entity names: never taken as framing words ("sanders" is not
    #: another outlet's word for "clinton", however close a language model puts them).
    names: frozenset[str] = frozenset()
    #: The day the lead says the event happened ("on Tuesday", "yesterday"), or None (see :func:`event_day`).
    event_day: float | None = None
    #: Who and where the lead names: words of the article's entity names said in its headline or
    #: first sentence, dateline included (see :func:`lead_frame`).
    lead_names: frozenset[str] = frozenset()
    #: What the lead says happened: its other content words, the people's roles ("minister",
    #: "governor") left out as part of who (see :func:`lead_frame`).
    lead_words: frozenset[str] = frozenset()
    #: The event's facts as this article states them (see :func:`facts_of`): its stated numbers,
    #: runs of words it quotes directly, and the people, bodies and places it names.
    facts: Facts | None = None


@lru_cache(maxsize=1)
def word_neighbours() -> dict[str, frozenset[str]]:
    """Each word's learned near-equivalents (symmetric; see ``presslens.training.word_neighbours``)."""
    out: dict[str, frozenset[str]] = {}
    for line in gzip.decompress(NEIGHBOURS_FILE.read_bytes()).decode().splitlines():
        if line and not line.startswith("#"):
            word, near = line.split("\t", 1)
            out[word] = frozenset(near.split())
    return out


def tokens(text: str) -> list[str]:
    """Content words of ``text``: lower-cased, stop words and one-letter tokens removed."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in _NEWS_STOP]


def entity_keys(analysis: Analysis, body_start: int = 0) -> Counter[str]:
    """Named entities as matchable keys, weighted by mention count.

    A person also yields their surname so "Clinton" in one outlet meets "Hillary Clinton" in
    another (entity names are canonical only within one article). An entity named only in the
    headline (before ``body_start``) is left out: title-case headlines make the recogniser run
    words together ("Violent Protest Rocks", "Trump May be Aligning"), and the headline's words
    already count in the title field.
    """
    keys: Counter[str] = Counter()
    for e in analysis.entities:
        if e.type not in _ENTITY_TYPES or all(start < body_start for start, _ in e.mentions):
            continue
        name = " ".join(e.name.lower().split())
        n = max(1, len(e.mentions))
        keys[name] += n
        parts = name.split()
        if e.type == "PERSON" and len(parts) > 1:
            keys[parts[-1]] += n
    return keys


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORD = re.compile(r"\b(will\b[^.]{0,60}?)?\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
                       r"tomorrow)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def event_day(lead: str, day: float | None) -> float | None:
    """The day of the event the lead reports: its first weekday (or yesterday / tomorrow) resolved
    against the article's date, forward after "will", else backward (reports are of the past)."""
    if day is None:
        return None
    m = _DAY_WORD.search(lead)
    if m is None:
        return None
    word = m.group(2).lower()
    if word == "yesterday":
        return day - 1
    if word == "tomorrow":
        return day + 1
    # Ordinal days: 1 is a Monday, so ``(day - 1) % 7`` is the weekday index.
    delta = (_WEEKDAYS.index(word) - (int(day) - 1) % 7) % 7
    return day + delta if m.group(1) else day - ((7 - delta) % 7)


def lead_frame(lead: str, names: frozenset[str], roles: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Who and where, and what happened, as the lead tells it.

    Who and where: the lead's words that are words of the article's entity names ("Varnhold",
    "Talvora", and "Caldessa" of a dateline the recogniser missed but the body names). What: the
    lead's other content words, less the words of the roles the article gives its people
    ("minister", "governor": they say who acts, not what was done). Two leads can so be compared
    on the event they report, without the body's cast of officials who comment on everything.
    """
    words = tokens(lead)
    return (frozenset(t for t in words if t in names),
            frozenset(t for t in words if t not in names and t not in roles))


@dataclass(frozen=True, slots=True)
class Facts:
    """What an article states about its event, beyond the words it chooses (see :func:`facts_of`).

    Framed reports of one event word it differently but keep its facts: the same numbers (1,500
    strikers, 12 detained, 71 votes to 52), the same words quoted, the same cast of names. A decoy
    that shares an actor or a place with the event (the same mayor at a fire that night) shares
    none of these beyond that actor and place.
    """

    #: Stated numbers as (value, upper end of a range, unit, measure): see :class:`presslens.model.Claim`.
    numbers: frozenset[tuple[float, float | None, str | None, str | None]] = frozenset()
    #: Runs of four content words inside direct quotes (quoted words are the speaker's, not the
    #: outlet's; three-word runs such as "president united states" recur across stories).
    quoted: frozenset[str] = frozenset()
    #: The names it gives, one key per entity (a person by surname, so "Teo Kallas" meets "Kallas"),
    #: with how often it names each. A name inside a person's role ("Coast guard commander Felix
    #: Morro", "Interior Minister Teo Kallas") is who that person is, not a second name: a decoy
    #: with the same official would otherwise share two.
    names: dict[str, int] = field(default_factory=dict)


#: Bare counts below this (no unit) say nothing distinctive unless both sides count the same thing.
SMALL_COUNT = 10
#: Content words in a run of directly quoted words that counts as a shared quote.
QUOTED_RUN = 4


def numbers_agree(a: tuple[float, float | None, str | None, str | None],
                  b: tuple[float, float | None, str | None, str | None]) -> bool:
    """Whether two stated numbers can be the same fact: same value, range and unit, and the same
    measure where both outlets' parses found one; a number one parse could not tie to a measure
    still meets the other's ("Twelve troublemakers were arrested" against "12 people were
    detained"). A small bare count must be the same count of the same thing on both sides: every
    article is full of "two" and "four", and of "two years" (small durations: two articles of
    different stories in one PolNeAR window share one more often than two of the same story)."""
    if a[:3] != b[:3] or (a[3] and b[3] and a[3] != b[3]):
        return False
    return a[2] is not None and a[3] != "time" or a[0] >= SMALL_COUNT or (a[3] == b[3] and a[3] not in (None, "time"))


def facts_of(analysis: Analysis) -> Facts:
    """An article's event facts, read from its stored analysis (claims, quotes, entities)."""
    numbers = frozenset((c.value, c.value_max, c.unit, c.measure) for c in analysis.claims)
    quoted: set[str] = set()
    for q in analysis.quotes:
        if q.type == "direct":
            words = tokens(q.text)
            quoted.update(" ".join(words[i:i + QUOTED_RUN]) for i in range(len(words) - QUOTED_RUN + 1))
    roles = [set(tokens(r.text)) for e in analysis.entities if e.type == "PERSON" for r in e.roles]
    names: Counter[str] = Counter()
    for e in analysis.entities:
        parts = tokens(e.name)
        if e.type not in _ENTITY_TYPES or not parts:
            continue
        if e.type != "PERSON" and any(r.issuperset(parts) for r in roles):
            continue
        names[parts[-1] if e.type == "PERSON" else " ".join(parts)] += max(1, len(e.mentions))
    return Facts(numbers=numbers, quoted=frozenset(quoted), names=dict(names))


def features_of(analysis: Analysis) -> Features:
    """Grouping features of an analysed article (title counted apart from the body)."""
    a = analysis.article
    body = a.text
    title = a.title or ""
    title_end = 0
    if title and body.lstrip().startswith(title):
        title_end = len(body) - len(body.lstrip()) + len(title)
        body = body[title_end:]
    names = frozenset(t for e in analysis.entities if e.type in _ENTITY_TYPES for t in tokens(e.name))
    day = day_of(a.date)
    stripped = body.lstrip()
    end = _SENTENCE_END.search(stripped)
    lead = title + "\n" + (stripped[:end.end()] if end else stripped[:400])
    roles = frozenset(t for e in analysis.entities for r in e.roles for t in tokens(r.text))
    who, what = lead_frame(lead, names, roles)
    return Features(id=a.id, day=day, body=Counter(tokens(body)), title=Counter(tokens(title)),
                    entities=entity_keys(analysis, title_end), names=names, event_day=event_day(lead, day),
                    lead_names=who, lead_words=what, facts=facts_of(analysis))


@dataclass(slots=True)
class GroupingConfig:
    """Weights, threshold and window of the grouper (tuned on the synthetic dev stories)."""

    #: Weights of the body / title / entity similarities in the combined score.
    weights: tuple[float, float, float] = (0.40, 0.10, 0.50)
    #: Combined score at or above which an article joins the best candidate story.
    threshold: float = 0.275
    #: Days after its latest article during which a story can still gain articles.
    window_days: float = 3.0
    #: Time-decay scale in days: score is multiplied by exp(-gap / decay_days).
    decay_days: float = 7.0
    #: Terms per field kept in an article vector (its highest TF-IDF weights).
    max_terms: int = 300
    #: Terms and entities of an article used to look up, and to index, candidate stories.
    index_terms: int = 12
    #: Candidate stories scored in full per article (those sharing most index keys).
    max_candidates: int = 30
    #: Compare framing-neutrally: learned near-equivalent words (``NEIGHBOURS_FILE``) that each
    #: side uses in place of the other's are left out of the comparison (see ``_Centroid.framing_cosines``).
    framing_neutral: bool = True
    #: Content similarity (body or title, framing words left out) an article needs besides the
    #: combined score: names and places alone (a shared actor) do not make a shared event.
    min_content: float = 0.1
    #: Content similarity needed instead when the article's lead reports another event than the
    #: story's leads: another day, other people and places, or another happening (see
    #: ``StoryGrouper._other_event``); another event is another development unless much is shared.
    min_content_other_day: float = 0.25
    #: Take an article whose lead names people or places but none the story's leads name as
    #: another event (the ``min_content_other_day`` floor applies; see ``StoryGrouper._other_event``).
    lead_who: bool = True
    #: Take an article whose lead says something happened that the story never mentions as
    #: another event (same floor).
    lead_what: bool = True
    #: Below this content similarity a join (or a "possible same story" link) needs a fact of the
    #: event shared with the story (see ``StoryGrouper._shares_facts``); 0 never asks for one.
    #: Decoys share 0.1-0.3 of a story's body words with their shared actor and place, framed
    #: reports 0.3-0.5; the facts tell them apart where the words do not.
    facts_below: float = 0.35
    #: Names shared with the story, besides its most named one, that count as a shared fact.
    facts_names: int = 2

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> GroupingConfig:
        """The configuration with the user's ``PRESSLENS_STORY_*`` settings applied."""
        s = settings or get_settings()
        return cls(threshold=s.story_threshold, window_days=s.story_window_days)


def _weigh(counts: Counter[str], df: Counter[str], n_docs: int, limit: int) -> dict[str, float]:
    """Sub-linear TF times smoothed IDF, top ``limit`` terms, L2-normalised."""
    w = {t: (1.0 + math.log(c)) * (math.log((n_docs + 1) / (df[t] + 1)) + 1.0) for t, c in counts.items()}
    if len(w) > limit:
        w = dict(sorted(w.items(), key=lambda kv: kv[1], reverse=True)[:limit])
    norm = math.sqrt(sum(v * v for v in w.values()))
    return {t: v / norm for t, v in w.items()} if norm else {}


@dataclass(slots=True)
class _Centroid:
    """Running sum of member vectors for one field, with its squared norm kept incrementally."""

    vec: dict[str, float] = field(default_factory=dict)
    sq: float = 0.0

    def cosine(self, v: dict[str, float]) -> float:
        if not self.sq or not v:
            return 0.0
        return self.dot(v) / math.sqrt(self.sq)

    def framing_cosines(self, v: dict[str, float], near: dict[str, frozenset[str]],
                        names: frozenset[str] | set[str]) -> tuple[float, float, list[tuple[str, str]]]:
        """Cosine with framing words left out, cosine with them counted as a match, and the word pairs.

        A framing pair is an article word the story lacks and a learned near-equivalent the
        story has but the article lacks ("rioters" against "demonstrators"). Left out on both
        sides, such words can no longer split a story (they do not dilute the shared words);
        counted as matching (their weights aligned), they show what joining on them alone would
        give, which is what a "possible same story" link reports. Words of names (``names``, of
        the article and of the story) are never framing words.
        """
        if not self.sq or not v:
            return 0.0, 0.0, []
        c = self.vec
        pairs = []
        drop_v: set[str] = set()
        drop_c: set[str] = set()
        for t in v:
            if t in c or t in names:
                continue
            for u in near.get(t, ()):
                if u in c and u not in v and u not in names:
                    pairs.append((t, u))
                    drop_v.add(t)
                    drop_c.add(u)
        dot = self.dot(v)
        if not pairs:
            cos = dot / math.sqrt(self.sq)
            return cos, cos, []
        mass_v = sum(v[t] * v[t] for t in drop_v)
        mass_c = sum(c[u] * c[u] for u in drop_c)
        rest_v, rest_c = max(0.0, 1.0 - mass_v), max(0.0, self.sq - mass_c)
        neutral = dot / math.sqrt(rest_v * rest_c) if rest_v > 1e-12 and rest_c > 1e-12 else 0.0
        matched = (dot + math.sqrt(mass_v * mass_c)) / math.sqrt(self.sq)
        return min(1.0, neutral), min(1.0, matched), pairs

    def dot(self, v: dict[str, float]) -> float:
        c = self.vec
        return sum(x * c.get(t, 0.0) for t, x in v.items())

    def add(self, v: dict[str, float]) -> None:
        # |c + v|^2 = |c|^2 + 2 c.v + |v|^2 ; member vectors are unit length (or empty).
        self.sq += 2.0 * self.dot(v) + sum(x * x for x in v.values())
        for t, x in v.items():
            self.vec[t] = self.vec.get(t, 0.0) + x


@dataclass(slots=True)
class _Cluster:
    id: str
    first_day: float
    last_day: float
    members: list[str] = field(default_factory=list)
    centroids: tuple[_Centroid, _Centroid, _Centroid] = field(
        default_factory=lambda: (_Centroid(), _Centroid(), _Centroid()))
    #: Words of its members' entity names (see ``Features.names``).
    names: set[str] = field(default_factory=set)
    #: Event days its members' leads give (see ``Features.event_day``).
    event_days: set[float] = field(default_factory=set)
    #: Participants and places its members' leads name (see ``Features.lead_names``).
    lead_names: set[str] = field(default_factory=set)
    #: What its members' leads say happened (see ``Features.lead_words``), and those words' stems.
    lead_words: set[str] = field(default_factory=set)
    lead_stems: set[str] = field(default_factory=set)
    #: Its members' facts (see :class:`Facts`): numbers by value for look-up, names with how often
    #: its members name them.
    numbers: dict[float, set[tuple[float, float | None, str | None, str | None]]] = field(default_factory=dict)
    quoted: set[str] = field(default_factory=set)
    fact_names: Counter[str] = field(default_factory=Counter)
    #: Its most named name, kept as names are added (a long story's names are not re-counted per article).
    top_name: str | None = None


@dataclass(slots=True)
class Match:
    """How one article compares with one story: the score that decides, and what framing words did.

    ``score`` leaves framing pairs out on both sides (they neither split nor join); ``framed``
    counts them as matching, which is what a "possible same story" link reports when only that
    reaches the threshold.
    """

    score: float
    content: float
    framed: float
    framed_content: float
    pairs: list[tuple[str, str]]


@dataclass(slots=True)
class PossibleLink:
    """An article that would join ``story`` only if its framing words counted as the story's words.

    ``pairs`` are (the article's word, the story's word); ``score`` is the framed score. It is
    shown on both stories' pages as a "possible same story", never merged on framing words; the
    article joins only if, scored again as the story grows, it passes on its own words
    (:meth:`StoryGrouper._retry`).
    """

    article: str
    story: str
    score: float
    pairs: list[tuple[str, str]]


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one word ("protest" / "protesters", "dock" / "docks"): same first four letters."""
    return a[:4] == b[:4]


def _stem(word: str) -> str:
    """A crude stem for comparing leads: the first five letters ("protest", "protesters")."""
    return word[:5]


def story_id(first_article_id: str) -> str:
    """A story's id: stable as long as the same article starts it."""
    return "s" + hashlib.sha1(first_article_id.encode()).hexdigest()[:10]


class StoryGrouper:
    """Single-pass, incremental grouping of articles into stories (see module docstring)."""

    def __init__(self, config: GroupingConfig | None = None) -> None:
        self.config = config or GroupingConfig()
        self._df: tuple[Counter[str], Counter[str], Counter[str]] = (Counter(), Counter(), Counter())
        self._n = 0
        self._clusters: dict[str, _Cluster] = {}
        self._postings: dict[str, deque[str]] = {}
        self._latest_day: float | None = None
        self._near = word_neighbours() if self.config.framing_neutral else {}
        self.assignment: dict[str, str] = {}
        #: Articles that would join another story on framing words alone (see :class:`PossibleLink`).
        self.links: list[PossibleLink] = []
        #: Story id -> articles that started a story of their own with a link to it, kept (features,
        #: vectors, day, index keys) for a second chance as that story grows (see :meth:`_retry`).
        self._second_chance: dict[str, list[tuple[Features, tuple[dict[str, float], ...], float, list[str]]]] = {}
        #: Work done so far: "scanned" posting entries and "scored" candidate stories; the
        #: benchmark divides them per article to show the cost does not grow with the corpus.
        self.work: Counter[str] = Counter()

    # -- public API ---------------------------------------------------------------------------
    def add(self, f: Features, join: str | None = None) -> str:
        """Assign an article to a story (joining or starting one) and return the story id.

        ``join`` forces the story, e.g. the story of the original a syndicated copy reprints;
        the article still updates that story's vectors and index.
        """
        if f.id in self.assignment:
            return self.assignment[f.id]
        day = f.day if f.day is not None else (self._latest_day or 0.0)
        self._latest_day = day if self._latest_day is None else max(self._latest_day, day)
        fields = (f.body, f.title, f.entities)
        self._n += 1
        for df, counts in zip(self._df, fields, strict=True):
            df.update(counts.keys())
        vecs = tuple(_weigh(c, df, self._n, self.config.max_terms) for c, df in zip(fields, self._df, strict=True))
        keys = self._index_keys(vecs)
        best, best_score = self._clusters.get(join) if join else None, self.config.threshold
        link: tuple[_Cluster, Match] | None = None
        for cluster in ([] if best else self._candidates(keys, day)):
            self.work["scored"] += 1
            m = self.match(vecs, day, cluster, f.names)
            floor = (self.config.min_content_other_day if self._other_event(f, cluster) else self.config.min_content)
            if self._joins(m.score, m.content, floor) and self._has_facts(f, cluster, m.content):
                if m.score >= best_score:
                    best, best_score = cluster, m.score
            elif (m.pairs and self._joins(m.framed, m.framed_content, floor)
                  and self._has_facts(f, cluster, m.framed_content) and (link is None or m.framed > link[1].framed)):
                link = (cluster, m)
        founded = best is None
        if best is None:
            best = _Cluster(id=story_id(f.id), first_day=day, last_day=day)
            self._clusters[best.id] = best
        if link is not None and link[0] is not best:
            self.links.append(PossibleLink(article=f.id, story=link[0].id, score=round(link[1].framed, 3),
                                           pairs=link[1].pairs))
            if founded:
                self._second_chance.setdefault(link[0].id, []).append((f, vecs, day, keys))
        self._place(best, f, vecs, day, keys)
        if not founded:
            self._retry(best)
        return self.assignment[f.id]

    def _place(self, best: _Cluster, f: Features, vecs: tuple[dict[str, float], ...], day: float,
               keys: list[str]) -> None:
        """Make ``f`` a member of ``best`` and fold its vectors, names, leads and facts in."""
        best.members.append(f.id)
        best.first_day, best.last_day = min(best.first_day, day), max(best.last_day, day)
        best.names.update(f.names)
        if f.event_day is not None:
            best.event_days.add(f.event_day)
        best.lead_names.update(f.lead_names)
        best.lead_words.update(f.lead_words)
        best.lead_stems.update(map(_stem, f.lead_words))
        if f.facts is not None:
            for n in f.facts.numbers:
                best.numbers.setdefault(n[0], set()).add(n)
            best.quoted.update(f.facts.quoted)
            best.fact_names.update(f.facts.names)
            for name in f.facts.names:
                if best.top_name is None or best.fact_names[name] > best.fact_names[best.top_name]:
                    best.top_name = name
        for centroid, v in zip(best.centroids, vecs, strict=True):
            centroid.add(v)
        for k in keys:
            self._postings.setdefault(k, deque()).append(best.id)
        self.assignment[f.id] = best.id

    def _retry(self, story: _Cluster) -> None:
        """Second chance for articles that started a story of their own while ``story`` was smaller:
        each that still stands alone and had a "possible same story" link to it is scored again
        against the story as it now is, and joins it if it now passes the same test as any article.

        Why: grouping is single-pass, so a framed report that arrives second ("SEVEN DEAD IN BUS
        AVALANCHE HORROR" after the wire's first report) is compared with the first report alone and
        may fall just under the threshold, while the same report compared with the wire and the paper
        of the next day joins; left apart, the story's findings across the three outlets are never
        computed. Replaying the same articles in the same order makes the same moves.
        """
        waiting = self._second_chance.get(story.id)
        if not waiting:
            return
        still = []
        for f, vecs, day, keys in waiting:
            own = self._clusters.get(self.assignment[f.id])
            if own is None or own.members != [f.id]:
                continue  # joined by another article, or moved already: no longer alone
            m = self.match(vecs, day, story, f.names)
            floor = (self.config.min_content_other_day if self._other_event(f, story) else self.config.min_content)
            if self._joins(m.score, m.content, floor) and self._has_facts(f, story, m.content):
                del self._clusters[own.id]
                self._place(story, f, vecs, day, keys)
            else:
                still.append((f, vecs, day, keys))
        self._second_chance[story.id] = still

    def stories(self) -> dict[str, list[str]]:
        """Story id → member article ids, in the order stories were started."""
        return {cid: list(c.members) for cid, c in self._clusters.items()}

    def match(self, vecs: tuple[dict[str, float], ...], day: float, cluster: _Cluster,
              names: frozenset[str]) -> Match:
        """Weighted field similarities times a decay on the gap to the story's nearest day.

        Body and title are compared framing-neutrally (``_Centroid.framing_cosines``); entities
        as they are, since names do not change with framing.
        """
        body, title, ents = cluster.centroids
        all_names = names | cluster.names if names else cluster.names
        b_n, b_f, b_pairs = body.framing_cosines(vecs[0], self._near, all_names)
        t_n, t_f, t_pairs = title.framing_cosines(vecs[1], self._near, all_names)
        e = ents.cosine(vecs[2])
        gap = max(0.0, cluster.first_day - day, day - cluster.last_day)
        decay = math.exp(-gap / self.config.decay_days)
        # Only headline labels that are other words (not another form of the same word) can make
        # a link: a possible same story is claimed on "rioters" against "protesters" in the
        # headlines, not on "families" against "households" somewhere in the bodies.
        labels = [p for p in t_pairs if not _same_stem(*p)]
        pairs = list(dict.fromkeys(labels + [p for p in b_pairs if not _same_stem(*p)])) if labels else []
        return Match(score=self._combine(vecs, (b_n, t_n, e)) * decay, content=b_n,
                     framed=self._combine(vecs, (b_f, t_f, e)) * decay, framed_content=b_f, pairs=pairs)

    def _combine(self, vecs: tuple[dict[str, float], ...], sims: tuple[float, float, float]) -> float:
        # A field the article lacks (no title, no entities) must not count against it.
        present = [(w, s) for w, s, v in zip(self.config.weights, sims, vecs, strict=True) if v]
        total_w = sum(w for w, _ in present)
        return sum(w * s for w, s in present) / total_w if total_w else 0.0

    def _other_event(self, f: Features, cluster: _Cluster) -> bool:
        """Whether the article's lead reports another event than the story's leads (its event frame
        -- when, who and where, what -- disagrees with theirs in one slot).

        When: it dates its event to a day none of them gives ("will tour the valley on Thursday" is
        not Wednesday's tax plan). Who and where: it names people and places, and they name none
        of them (the minister's launch in the capital is not the strike in another city that her
        ministry answers for, though the strike's reports name her further down). What: none of its
        other lead words, nor a learned near-equivalent, is in the story's leads, nor any word of
        the story's bodies (the governor's flood tour against his tax plan); a framed report of the
        same event keeps its facts ("parliament", "fuel", "border guards") in its lead.
        """
        if f.event_day is not None and cluster.event_days and f.event_day not in cluster.event_days:
            return True
        if (self.config.lead_who and f.lead_names and cluster.lead_names
                and f.lead_names.isdisjoint(cluster.lead_names)):
            return True
        body = cluster.centroids[0].vec
        return (self.config.lead_what and bool(f.lead_words) and bool(cluster.lead_words)
                and not any(_stem(t) in cluster.lead_stems or t in body
                            or not self._near.get(t, frozenset()).isdisjoint(cluster.lead_words) for t in f.lead_words))

    def _has_facts(self, f: Features, cluster: _Cluster, content: float) -> bool:
        """Whether a join passes the fact check: below ``facts_below`` content the article must
        share a fact of the event with the story (see :meth:`_shares_facts`). A link to another
        event would be a wrong claim, so a "possible same story" link is held to it too."""
        return content >= self.config.facts_below or self._shares_facts(f, cluster)

    def _shares_facts(self, f: Features, cluster: _Cluster) -> bool:
        """A stated number that agrees with one of the story's (:func:`numbers_agree`), a run of
        quoted words the story quotes too, or ``facts_names`` shared names besides the story's most
        named one (the actor or place a decoy shares with it).

        Articles without stored facts (pre-computed features) are not held to it.
        """
        facts = f.facts
        if facts is None:
            return True
        if any(numbers_agree(n, m) for n in facts.numbers for m in cluster.numbers.get(n[0], ())):
            return True
        if not facts.quoted.isdisjoint(cluster.quoted):
            return True
        shared = cluster.fact_names.keys() & facts.names.keys() - {cluster.top_name}
        return len(shared) >= self.config.facts_names

    def _joins(self, score: float, content: float, floor: float) -> bool:
        return score >= self.config.threshold and content >= floor

    # -- candidate search ---------------------------------------------------------------------
    def _index_keys(self, vecs: tuple[dict[str, float], ...]) -> list[str]:
        """The article's most distinctive body terms and entities, as index keys."""
        n = self.config.index_terms
        body = sorted(vecs[0].items(), key=lambda kv: kv[1], reverse=True)[:n]
        ents = sorted(vecs[2].items(), key=lambda kv: kv[1], reverse=True)[:n]
        return [f"b:{t}" for t, _ in body] + [f"e:{t}" for t, _ in ents]

    def _candidates(self, keys: list[str], day: float) -> list[_Cluster]:
        """Live stories sharing index keys with the article, most shared keys first.

        Posting lists are in update order, so stories that left the window are popped from the
        front; what remains is bounded by the number of stories live in the window.
        """
        cutoff = day - self.config.window_days
        hits: Counter[str] = Counter()
        for k in keys:
            posting = self._postings.get(k)
            if not posting:
                continue
            # A story an article left for another (:meth:`_retry`) is gone from ``_clusters``.
            while posting and (posting[0] not in self._clusters or self._clusters[posting[0]].last_day < cutoff):
                posting.popleft()
            self.work["scanned"] += len(posting)
            # Ordered (not a set): ties in ``most_common`` then break the same way in every
            # process, so replaying the same articles always reproduces the same stories.
            live = dict.fromkeys(cid for cid in posting if cid in self._clusters
                                 and self._clusters[cid].last_day >= cutoff)
            if len(posting) > 2 * len(live) + 8:
                # Repeats and stories that left the window pile up behind a long-lived story;
                # rebuilding keeps every posting list within a constant factor of its live stories.
                self._postings[k] = deque(cid for cid in dict.fromkeys(posting) if cid in live)
            for cid in live:
                hits[cid] += 1
        return [self._clusters[cid] for cid, _ in hits.most_common(self.config.max_candidates)
                if self._clusters[cid].first_day - self.config.window_days <= day]
