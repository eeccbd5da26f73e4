"""Wording: the labels each outlet gives the central event ("violent protest" / "peaceful
protest"), and label swaps (one word per outlet for the same slot: "uprising" / "coup attempt").
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from presslens.analysis.claims import words_value
from presslens.analysis.lead import QUANTITY_WORDS, headline_span, lead_end, lead_paragraph, read_lead
from presslens.model import Analysis, Article, Lead
from presslens.stories.grouping import _NEWS_STOP, tokens
from presslens.stories.model import Claim, Finding
from presslens.stories.people import PeopleIndex, fold
from presslens.stories.roles import _OFFICE, descriptor_words
from presslens.stories.source import articles_by_outlet, is_outlet_voice, outlet_of


def _outside_quotes(analysis: Analysis, *, reported: bool = False) -> list[tuple[int, int]]:
    """Character ranges of the article in the outlet's own voice (quoted words removed; with
    ``reported``, reported speech removed too, except what the outlet reports itself: "the Nightjar
    can reveal that ...", and what it reports from no one: "patients have been told to ditch their
    pills in a scandal over ..." puts words in no source's mouth)."""
    text = analysis.article.text
    spans = sorted((_source_words_from(text, q.start, q.end) if q.type == "indirect" and q.cue is not None
                    and q.cue.lemma in _NAMING_VERBS else q.start, q.end)
                   for q in analysis.quotes if q.type != "indirect" or (
        reported and q.speaker is not None and not is_outlet_voice(analysis.article, q.speaker.text)))
    out, pos = [], 0
    for s, e in spans:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    out.append((pos, len(analysis.article.text)))
    return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
#: An opening quotation mark.
_OPEN_MARK = re.compile(r"[\"\u201c]")
#: Verbs by which a source names a thing the outlet names first ("MPs called the catastrophe "avoidable"").
_NAMING_VERBS = frozenset({"call", "brand", "describe", "dub", "label", "term", "deem"})


def _source_words_from(text: str, start: int, end: int) -> int:
    """Where a source's words begin in reported speech by a naming verb (:data:`_NAMING_VERBS`): at its first
    quotation mark, when it holds one. The thing named before the mark is the outlet's own word, however the
    parse typed the span: in "MPs called the catastrophe "entirely avoidable"" only the quoted words are the
    MPs'; "the catastrophe" is how the outlet names the event. (After "said", the words before a mark are the
    source's paraphrased: "Police said the rioters "attacked officers"".)"""
    mark = _OPEN_MARK.search(text, start, end)
    return mark.start() if mark else start


def event_heads(analyses: list[Analysis], limit: int = 8) -> list[str]:
    """Words naming the central event: in most articles and some headline, not part of a name.

    Only people and places count as names here: headline fragments are often mistaken for
    organisations ("Violent Protest Rocks"), and their words are exactly the labels sought; for
    the same reason an entity named only in a headline ("Pay Strike" read as a place) is no name.
    """
    names = {t for a in analyses for e in a.entities if e.type in ("PERSON", "GPE", "LOC", "NORP")
             and any(not _in_headline(a.article, s) for s, _ in e.mentions) for t in fold(e.name).split()}
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
    span = headline_span(article)
    return start is not None and span is not None and span[0] <= start < span[1]


#: A word written capitalised after another word of its sentence (not after a sentence's or line's end).
_MID_SENTENCE_CAP = re.compile(r"(?<=[A-Za-z0-9,'\u2019\-] )[A-Z][a-z][A-Za-z'\-]*")


def proper_words(analyses: list[Analysis]) -> set[str]:
    """Lower-cased words the articles' bodies write only as names: capitalised within a sentence at
    least once ("the Aurelian Space Agency's Tessaly probe") and never in lower case. A name is never a
    label, whatever the tagger made of it (a probe's name, a fictional country's adjective); a headline's
    capitals say nothing (it capitalises every word), so only the body counts. Words for a creed or a
    movement ("Islamist", "Marxist", "Stalinism") are capitalised too but do label: they stay."""
    capital: set[str] = set()
    lower: set[str] = set()
    for a in analyses:
        text = a.article.text
        span = headline_span(a.article)
        body = text[span[1]:] if span else text[a.article.body_start:]
        capital.update(m.group().lower() for m in _MID_SENTENCE_CAP.finditer(body))
        lower.update(w.lower() for w in _WORD.findall(body) if w[0].islower())
    return {w for w in capital - lower if not w.endswith(("ist", "ists", "ism"))}


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


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude inflection-free form, so "protester"/"protesters" or "clash"/"clashed" match (cached: a story's
    comparison stems the same words a hundred thousand times)."""
    w = word.lower().removesuffix("'s").removesuffix("\u2019s")
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    # the silent "e" the endings above take off: "collapse" / "collapsed", "outage" / "outages"
    return w[:-1] if w.endswith("e") and len(w) >= 5 else w


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


def article_items(analyses: list[Analysis], people: PeopleIndex) -> dict[str, list[_Item]]:
    """:func:`_items` of each article, by article id: read once per story's comparison, for the story's nouns,
    the outlets' word counts and the noun phrases alike."""
    return {a.article.id: _items(a, people) for a in analyses}


def noun_phrases(analysis: Analysis, items: list[_Item], nouns: set[str]) -> list[_Phrase]:
    """Own-voice noun phrases of an article, each with its slots (neighbouring word or name).

    A phrase starts where ``_opens_np`` allows and runs over adjacent content words to its head,
    the last of them that ``nouns`` holds (stems the story uses right after an opener somewhere),
    so "the rioters stormed the building" gives "rioters", not "rioters stormed". Its slots are
    ``"L:"`` + the nearest content item before it and ``"R:"`` + the nearest after the run of
    content words (past "attempt" in "the coup attempt in Marsk", which gives "coup" and "R:marsk").
    """
    text = analysis.article.text
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


def story_nouns(analyses: list[Analysis], items_of: dict[str, list[_Item]]) -> set[str]:
    """Stems the story's articles use right after an opener at least once: its nouns, near enough.
    ``items_of`` is :func:`article_items` of ``analyses``."""
    nouns: set[str] = set()
    for a in analyses:
        items = items_of[a.article.id]
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


def label_swaps(analyses: list[Analysis], items_of: dict[str, list[_Item]], nouns: set[str]
                ) -> list[list[tuple[_Phrase, str]]]:
    """Groups of own-voice phrases, one word per outlet for the same slot, each outlet avoiding
    the others' word: "uprising" against "coup attempt" before "in Caracas", "protesters"
    against "rioters" before "clashed", "regime" against "government" after "Maduro".

    Two phrase heads of different outlets pair when they differ, share ``_MIN_SLOTS`` slots, and
    each is its outlet's choice over the other: used at least ``_MIN_USES`` times and favoured by
    the log-odds z-score (``_MIN_Z``). Pairs sharing a head of one outlet merge into one group;
    each phrase comes with its outlet. ``nouns`` are :func:`story_nouns` of ``analyses``; ``items_of`` their
    :func:`article_items`.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    phrases: list[tuple[_Phrase, str]] = []
    for a in analyses:
        o = outlet_of(a.article)
        counts[o].update(it.key for it in items_of[a.article.id] if it.kind == "word")
        phrases += [(p, o) for p in noun_phrases(a, items_of[a.article.id], nouns)]
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


#: Confidence of a label swap found by :func:`label_swaps`: under the default ``finding_threshold``,
#: since on the multi-outlet PolNeAR stories most of them paired words for different things.
SWAP_CONFIDENCE = 0.4


def event_labels(story_id: str, analyses: list[Analysis], copies: set[str], people: PeopleIndex
                 ) -> tuple[list[str], dict[str, dict[str, int]], list[Finding], list[Finding]]:
    """The event's head words, each outlet's phrases for it, the label findings on those heads,
    and the open-vocabulary label swaps (:func:`label_swaps`), kept apart so that a contested-label
    finding on the same words can take their place (:func:`swaps_not_covered`).

    Only words the story also uses as nouns somewhere ("an uprising") are heads, so a headline
    verb ("Guaido Calls on Troops") is not taken for the event's name.
    """
    by_id = {a.article.id: a for a in analyses}
    originals = [a for a in analyses if a.article.id not in copies]
    items_of = article_items(originals, people)
    nouns = story_nouns(originals, items_of)
    heads = [h for h in event_heads(originals) if _stem(h) in nouns]
    wording: dict[str, dict[str, int]] = defaultdict(dict)
    phrase_claims: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for a in analyses:
        o = outlet_of(a.article)
        for head, phrase, s, e in label_phrases(a, heads):
            wording[o][phrase] = wording[o].get(phrase, 0) + 1
            if a.article.id not in copies:
                phrase_claims[head][phrase].append(Claim(a.article.id, s, e, a.article.text[s:e], phrase))
    name_words = {w for a in analyses for e in a.entities if e.type == "PERSON" for w in fold(e.name).split()}
    proper = proper_words(originals)

    def chosen(phrase: str, cs: list[Claim]) -> bool:
        """An outlet's label, not a passing detail: its modifier is no place, party or name
        ("Michigan primary", "the Tessaly probe", "Aurelian probe"), and the outlet repeats it or puts
        it in a headline."""
        if phrase.split()[0] in proper or not descriptor_words(phrase.split()[0], name_words):
            return False
        uses = Counter(outlet_of(by_id[c.article].article) for c in cs)
        return max(uses.values()) >= 2 or any(_in_headline(by_id[c.article].article, c.start) for c in cs)

    findings = []
    for head, phrases in phrase_claims.items():
        users = {p: {outlet_of(by_id[c.article].article) for c in cs} for p, cs in phrases.items()}
        all_users = set().union(*users.values())
        # A label contrast: two or more outlets, each choosing words the others avoid.
        distinctive = {p for p, us in users.items() if len(us) < len(all_users) and chosen(p, phrases[p])}
        if len(all_users) >= 2 and len(distinctive) >= 2 and len(set().union(*(users[p] for p in distinctive))) >= 2:
            claims = [c for p in sorted(distinctive) for c in phrases[p]]
            findings.append(Finding("label", story_id, head, claims, confidence=0.55))
    swaps = []
    for group in label_swaps(originals, items_of, nouns):
        claims = [Claim(p.article, p.start, p.end, by_id[p.article].article.text[p.start:p.end],
                        fold(by_id[p.article].article.text[p.start:p.end])) for p, _ in group]
        # Open-vocabulary swaps are often two words for two things ("caucus" / "race"): shown on request.
        swaps.append(Finding("label", story_id, " / ".join(sorted({c.value for c in claims})), claims,
                             confidence=SWAP_CONFIDENCE))
    return heads, {o: dict(w) for o, w in wording.items()}, findings, swaps


def swaps_not_covered(swaps: list[Finding], contested: list[Finding]) -> list[Finding]:
    """The label swaps no contested-label finding already reports: "demonstrators / rioters" found
    by repeated use yields to the "riot / protest" family's finding, which the lexicon backs and
    which is shown with more confidence."""
    words = {w for f in contested for c in f.claims for w in c.value.lower().split()}
    return [f for f in swaps if not all(set(c.value.lower().split()) & words for c in f.claims)]


# Contested labels: one outlet's word against another's for the same referent, even used once ---

#: Families of words that name the same kind of event or actor, split into poles that frame it
#: differently (a coup is an attempt to seize power, an uprising a people's revolt), and poles of
#: modifiers that judge an event oppositely. A hand-made lexicon (no library ships one): these are
#: the contrasts media-framing studies report again and again, and a closed list is what lets a
#: word used only once count as an outlet's choice without mistaking passing detail or a neutral
#: synonym ("march" / "protest") for a label; the repeated-use rule of :func:`label_swaps` covers
#: open vocabulary. The later families are the contrasts style guides and framing studies name
#: for crowds, groups, events and policies (a stampede blames the crowd, a crush its handling;
#: "strike-breakers" against "agency staff"; "death tax" against "estate tax").
#: Flood defences, and the verbs of one that failed (see the "burst / overtopped" family).
_DEFENCES = tuple(w for d in ("barrier", "flood barrier", "dam", "levee", "dyke", "dike", "flood wall", "floodwall",
                              "sea wall", "embankment", "flood defence") for w in (d, d + "s"))
_GAVE_WAY = ("burst", "bursts", "collapsed", "collapses", "gave way", "gives way", "failed", "fails", "was breached",
             "were breached", "breached")
CONTESTED: dict[str, tuple[tuple[str, ...], ...]] = {
    "coup / uprising": (("coup attempt", "attempted coup", "coup", "putsch", "power grab"),
                        ("uprising", "revolt", "rebellion", "insurrection", "revolution"), ("mutiny",),
                        ("insurgency",)),
    "rebels / militia": (("rebel", "rebels", "insurgent", "insurgents", "guerrilla", "guerrillas", "freedom fighters",
                          "separatists"), ("militia", "militias", "militiamen"),
                         ("terrorist", "terrorists", "extremists", "jihadists"), ("militant", "militants", "gunmen"),
                         ("putschist", "putschists", "coup plotters", "mutineers", "traitors"),
                         ("fighters", "combatants")),
    "riot / protest": (("riot", "riots", "rioting", "unrest", "rioters"),
                       ("protest", "protests", "demonstration", "demonstrations", "protesters", "demonstrators")),
    "regime / government": (("regime", "junta"), ("government", "administration")),
    "massacre / clashes": (("massacre", "slaughter"), ("clashes", "skirmishes")),
    "invasion / operation": (("invasion", "occupation", "incursion"),
                             ("special operation", "military operation", "intervention", "liberation")),
    "illegal / lawful": (("illegal", "unlawful", "wildcat", "unauthorised", "unauthorized", "unofficial"),
                         ("lawful", "legal", "authorised", "authorized")),
    "violent / peaceful": (("violent", "riotous", "bloody", "brutal"), ("peaceful", "orderly", "non-violent")),
    # Crowds and groups: a word that blames or belittles against the plain one.
    "stampede / crush": (("stampede",), ("crush", "crowd crush", "crowd surge")),
    "mob / crowd": (("mob", "mobs", "rabble", "horde", "hordes"),
                    ("crowd", "crowds", "supporters", "protesters", "demonstrators")),
    # "militants" is also one of the armed groups above; here it is an activist told as a militant ("union
    # militants", "eco-militants") against an outlet that never says it.
    "zealots / activists": (("militants", "zealots", "fanatics", "eco-warriors", "eco-terrorists", "agitators",
                             "hotheads"),
                            ("activists", "campaigners", "environmentalists")),
    "strike-breakers / replacement staff": (("strike-breakers", "strikebreakers", "scabs", "blacklegs"),
                                            ("replacement workers", "replacement staff", "agency staff",
                                             "agency workers", "agency nurses", "temporary staff", "cover staff")),
    # Not "refugees": often another group than the immigrants a story names ("refugees from Syria"). The
    # plain "migrants" against "illegals" is the contrast style guides name first (AP dropped "illegal
    # immigrant" in 2013).
    "illegal / undocumented immigrants": (("illegal immigrants", "illegal aliens", "illegals", "illegal migrants"),
                                          ("undocumented immigrants", "undocumented migrants", "irregular migrants",
                                           "migrants", "immigrants", "asylum seekers", "asylum-seekers")),
    # People living in a place told as trespassers on it.
    "squatters / residents": (("squatters",), ("residents", "occupants", "tenants")),
    # The state's acts in the words of its critics against its own: the classic framing pairs.
    "torture / enhanced interrogation": (("torture",), ("enhanced interrogation", "harsh interrogation")),
    "collateral damage / civilian deaths": (("collateral damage",), ("civilian deaths", "civilian casualties")),
    "cyber-terrorists / hackers": (("cyber-terrorists", "cyberterrorists", "cyber terrorists", "cyber-terrorism",
                                    "cyberterrorism"),
                                   ("hackers", "hacking group", "cyber-criminals", "cybercriminals",
                                    "ransomware group", "ransomware gang")),
    # Events: a word that names a crime or a cause against the plain event.
    "arson / wildfire": (("arson attack", "arson"), ("wildfire", "bushfire", "forest fire", "brush fire")),
    # A raid is an assault, a break-in a theft by stealth ("a brazen armed raid" / "overnight break-in"); a
    # raid by the police, the army or from the air is another act (:data:`_OTHER_ACTOR_BEFORE`).
    "heist / theft": (("heist", "raid", "armed raid", "dawn raid", "smash-and-grab"), ("theft", "break-in", "burglary")),
    # Its actors: "raiders" dramatises them as "heist" does the act ("DARING raiders" / "intruders stole"), and
    # so does a tabloid's "gang" or "crooks" for the people the others call thieves ("MASKED gang snatched").
    "raiders / thieves": (("raiders", "raider", "gang", "gangs", "crooks", "crook"),
                          ("thieves", "thief", "intruders", "intruder", "burglars", "burglar", "robbers", "robber")),
    "occupation / sit-in": (("occupation", "occupiers"), ("sit-in", "sit-ins")),
    # Strikers at a gate told as a blockade (shutting others out) against the picket they call it: a loaded
    # word, as "mob" is for a crowd; a blockade the others also call one (boats across a harbour) says nothing.
    "blockade / picket": (("blockade", "blockades"), ("picket", "pickets", "picket line", "picket lines")),
    "bailout / rescue": (("bailout", "bail-out", "handout", "hand-out"),
                         ("rescue package", "rescue deal", "support package", "aid package", "lifeline", "grant",
                          "subsidy", "state aid")),
    # A gas or smoke told as a poison against the plain leak or plume; cut-price firms told as cowboys.
    "poison cloud / leak": (("poison cloud", "poisonous cloud", "killer cloud", "deadly cloud"),
                            ("leak", "gas leak", "chemical leak", "smoke plume", "plume", "plume of smoke", "fumes")),
    "cowboy operators / firms": (("cowboy operators", "cowboy operator", "cowboy firms", "cowboy firm", "cowboy outfits",
                                  "cowboy outfit", "cowboy builders", "cowboy companies"),
                                 # singular as well as plural, as the loaded pole is: one firm told as "a
                                 # cowboy outfit" is "a catering company" to the others
                                 ("operators", "operator", "firms", "firm", "companies", "company", "contractors",
                                  "contractor", "builders", "builder")),
    "takeover / merger": (("takeover", "buyout"), ("merger", "tie-up")),
    # An act told with verbs that exclude each other (not paraphrases such as "closed" / "shut down"): a
    # plan ended for good against one paused, a post left by dismissal against one left by choice. Base
    # forms that are also nouns or other senses are left out ("scrap metal", "an axe", "fired shots",
    # "dismissed the claims", "calls for his resignation"), and so is "cancelled": a day's sailings are
    # cancelled while the service is paused, which is no contradiction.
    "scrapped / paused": (("scrapped", "scrapping", "axed", "axing", "ditched"),
                          ("paused", "pauses", "pausing", "pause", "put on hold")),
    "sacked / resigned": (("sacked", "sacking", "ousted", "ousting", "forced to resign", "forced out"),
                          ("resigned", "resigns", "stepped down", "steps down", "stepping down")),
    # A flood defence that failed against one the water went over: engineers and flood agencies keep the
    # two apart (a breach is the structure's fault, overtopping the water's height). The failure pole is
    # the defence with its verb: a river that "burst its banks" overflowed them, no failure of anything.
    "burst / overtopped": (tuple(f"{d} {v}" for d in _DEFENCES for v in _GAVE_WAY),
                           ("overtopped", "overtops", "overtopping")),
    # A landing told as a crash against one told as a touchdown (aircraft, spacecraft).
    "crash-landed / touched down": (("crash-landed", "crash-lands", "crash-landing", "crash landed",
                                     "crash landing", "crash-land"),
                                    ("touched down", "touches down", "touching down", "soft landing",
                                     "soft-landed", "landed safely", "safe landing")),
    # Where a party or a politician stands, told as the moderate or the extreme wing of the same side
    # ("the centre-left Green party" / "hard-left challenger"); left against right is two parties, not
    # two labels, so each side is its own family. These label an actor: see :data:`_ACTOR_FAMILIES`.
    "far-left / centre-left": (("far-left", "far left", "hard-left", "hard left", "extreme left", "extreme-left",
                                "ultra-left", "radical left", "radical-left"),
                               ("centre-left", "center-left", "left-of-centre", "left-of-center")),
    "far-right / centre-right": (("far-right", "far right", "hard-right", "hard right", "extreme right",
                                  "extreme-right", "ultra-right", "radical right", "radical-right"),
                                 ("centre-right", "center-right", "right-of-centre", "right-of-center")),
    "tax relief / tax cuts": (("tax relief",), ("tax cuts", "tax cut", "tax breaks")),
    "death tax / estate tax": (("death tax",), ("estate tax", "inheritance tax")),
    "pro-life / anti-abortion": (("pro-life",), ("anti-abortion",)),
}
_FAMILY_RE = {name: re.compile(r"\b(" + "|".join(sorted((re.escape(w) for pole in poles for w in pole), key=len,
                                                          reverse=True)) + r")\b", re.I)
              for name, poles in CONTESTED.items()}
_POLE_OF = {name: {w: i for i, pole in enumerate(poles) for w in pole} for name, poles in CONTESTED.items()}
#: Words before "raid" that make it another actor's act: "police raid", "air raid", "drugs raid".
_OTHER_ACTOR_BEFORE = re.compile(r"\b(?:police|army|military|air|drugs?|immigration|customs|tax)[ -]$",
                                 re.I)
#: Nouns after a family word that make it part of another thing's name: "riot police" and "riot
#: gear" do not call the event a riot. (A "protest movement" still calls it a protest: kept.) Within a line: a
#: paragraph opening "Police said" after a headline ending "break-in" is no compound.
_COMPOUND_AFTER = re.compile(r" +(police|policemen|squads?|gear|shields?|vans?|officers|units?|act|control|troops)\b",
                             re.I)
#: Families of modifiers: the word after one ("wildcat strike") is the labelled thing, shown with it.
_MODIFIERS = {"illegal / lawful", "violent / peaceful"}
#: Families whose first pole is the loaded word and the others the plain one ("mob" against "crowd"):
#: an outlet that uses the loaded word contrasts with one that never does, even if it also uses the
#: plain word (the tabloid's "poison cloud ... the leak" against the wire's "leak"). In the other
#: families each pole frames the event its own way (coup / uprising), so outlets contrast only when
#: they share no pole.
LOADED = {"mob / crowd", "zealots / activists", "strike-breakers / replacement staff",
          "illegal / undocumented immigrants", "cyber-terrorists / hackers", "bailout / rescue",
          "death tax / estate tax", "poison cloud / leak", "cowboy operators / firms", "squatters / residents",
          "blockade / picket"}
#: Confidence of a loaded word against an outlet that avoids it while the loaded outlet also uses the
#: plain word: under a contrast of poles (0.65), since the plain word may name something else.
LOADED_CONFIDENCE = 0.6


_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9'\-])([a-z][a-z\-]*) $")  # not "m" of "£45m takeover"


def _noun_before(text: str, start: int) -> int:
    """Where a family word's shown span starts: at the lower-case word before it when that word is no
    function, quantity or number word, so a reader sees which companies or which leak ("tour
    companies", "ammonia leak"), not the bare word. A capitalised word is left out: it opens a
    sentence, names something, or is a headline's verb ("Soldiers Join Uprising")."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if m is None or (word := m.group(1)) in STOP_WORDS or word in QUANTITY_WORDS or word in _NOT_A_KIND \
            or words_value(word) is not None:
        return start
    return m.start(1)


#: Words before a family word that say where or when, not which kind (function, quantity and number
#: words aside: "thousand demonstrators", "twenty-five rioters").
_NOT_A_KIND = frozenset({"local", "new", "latest", "recent"})


#: Families whose words label an actor, not the story's event: two outlets' words contrast only where
#: they label the same one (:func:`_same_actor`).
_ACTOR_FAMILIES = {"far-left / centre-left", "far-right / centre-right"}
#: A name right after a label word: "the centre-left Green Forward party".
_NAME_AFTER = re.compile(r"\s+([A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*)")
_STOPS = ".!?\n"


def _actor_of(analysis: Analysis, start: int, end: int) -> tuple[str | None, str | None]:
    """Whom an actor label names: (the name it stands right before, folded; the surname of the person
    named nearest it in its sentence), None where there is none. "Mr Ahari, standing for the
    centre-left Green Forward party" gives ("green forward", "Ahari")."""
    text = analysis.article.text
    after = _NAME_AFTER.match(text, end)
    lo = max(text.rfind(c, 0, start) for c in _STOPS) + 1
    hi = min((i for c in _STOPS if (i := text.find(c, end)) >= 0), default=len(text))
    near = [(abs(s - start), e.name.split()[-1]) for e in analysis.entities if e.type == "PERSON" and e.name.split()
            for s, _ in e.mentions if lo <= s < hi]
    return (fold(after.group(1)) if after else None), (min(near)[1] if near else None)


def _same_actor(mine: list[tuple[str | None, str | None]], theirs: list[tuple[str | None, str | None]]
                ) -> str | None:
    """The person two outlets' actor labels both name, if any: the same person nearest in their sentences,
    and not two different names right after the words ("Merz's centre-right CDU" is not "the far-right
    AfD, which Merz shunned", though both sentences name Merz)."""
    return next((p for a, p in mine for b, q in theirs
                 if p is not None and q is not None and fold(p) == fold(q) and not (a and b and a != b)), None)


def _role_spans(analysis: Analysis) -> list[tuple[int, int]]:
    return [(r.start, r.end) for e in analysis.entities for r in e.roles]


#: The name a family word's group goes by ("a ransomware group known as Greyfold", "hackers calling
#: themselves Black Wren"): the labelled actor, added to the finding's subject so a reader sees who it is.
_CALLED = re.compile(r"\s+(?:known\s+as|calling\s+(?:itself|themselves)|called|named|dubbed)\s+"
                     r"((?:[A-Z][\w'\-]*\s?){1,3})")
#: Characters of the body after the headline that hold the lead, where a report names its event.
_LEAD_CHARS = 600


def _names_the_event(poles: dict[int, list[Claim]], by_id: dict[str, Analysis]) -> bool:
    """Whether an outlet's words of a family name the story's event, not something beside it: used in
    its headline or lead, or more than once ("Rovers supporters have staged a series of demonstrations
    this season", once, far down a report of a pitch invasion, is background)."""
    claims = [c for cs in poles.values() for c in cs]
    if len(claims) > 1:
        return True
    for c in claims:
        article = by_id[c.article].article
        span = headline_span(article)
        body = span[1] if span else article.body_start
        if _in_headline(article, c.start) or c.start is not None and c.start < body + _LEAD_CHARS:
            return True
    return False


def _first_uses(claims: list[Claim], by_id: dict[str, Analysis]) -> list[Claim]:
    """The uses of a pole a reader is shown: the first, and the first in the body when the first is in a
    headline, whose words are clipped or capitalised ("Probe touches down" against the lead's "touched
    down on the asteroid")."""
    if not claims:
        return []
    body = next((c for c in claims if not _in_headline(by_id[c.article].article, c.start)), None)
    return [claims[0]] + ([body] if body is not None and body is not claims[0] else [])


def _pole_uses(family: str, claims: list[Claim], by_id: dict[str, Analysis]) -> list[Claim]:
    """The uses of one outlet's pole a reader is shown: :func:`_first_uses` of each of its words (a tabloid's
    "gang", "crooks" and "raiders" for the thieves), leaving out, once one word is shown, a word said once
    outside the headline and lead, which names something beside the event ("its last significant theft was
    in 1994" in a report of a break-in)."""
    by_word: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        m = _FAMILY_RE[family].search(c.value)
        by_word[m.group().lower() if m else c.value].append(c)
    out: list[Claim] = []
    for cs in by_word.values():
        if not out or _names_the_event({0: cs}, by_id):
            out += _first_uses(cs, by_id)
    return out


def is_actor_label(finding: Finding) -> bool:
    """Whether a finding is a contested family's label for an actor (:data:`_ACTOR_FAMILIES`), not for
    the story's event."""
    return finding.kind == "label" and finding.subject.split(" (", 1)[0] in _ACTOR_FAMILIES


def contested_labels(story_id: str, originals: list[Analysis], taken: list[Finding]) -> list[Finding]:
    """Label findings from the :data:`CONTESTED` families, each use counting.

    Per family, an outlet's own-voice words (outside quotes, and outside roles claimed for a
    person — those are the actor findings of :mod:`.roles`) fall on poles; two outlets contrast
    when both use the family and share no pole: "coup attempt" against "uprising", but not
    "protest" against "demonstration", nor an outlet that says both "riot" and "protest" against
    one that says "protest". A family whose words a label finding in ``taken`` already contrasts
    is not reported twice, nor is a claim that another finding holds (label swaps are not passed in
    ``taken``: they yield to these findings, see :func:`swaps_not_covered`).
    """
    by_id = {a.article.id: a for a in originals}
    seen = {(c.article, c.start) for f in taken for c in f.claims}
    taken_words = {w for f in taken if f.kind == "label" for c in f.claims for w in c.value.lower().split()}
    uses: dict[str, dict[str, dict[int, list[Claim]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    actors: dict[str, dict[str, list[tuple[str | None, str | None]]]] = defaultdict(lambda: defaultdict(list))
    for a in originals:
        text, o = a.article.text, outlet_of(a.article)
        roles = _role_spans(a)
        own = _outside_quotes(a, reported=True)  # reported speech is the source's word, not the outlet's
        # but for a loaded word, unquoted reported speech is the outlet's paraphrase: a trust that "confirmed it
        # had hired around 300 strike-breakers" never called them so (:data:`LOADED`)
        paraphrased = _outside_quotes(a)
        for name, rx in _FAMILY_RE.items():
            for lo, hi in paraphrased if name in LOADED else own:
                for m in rx.finditer(text, lo, hi):
                    if any(s <= m.start() < e for s, e in roles) or _COMPOUND_AFTER.match(text, m.end()) \
                            or m.group().lower().endswith("raid") \
                            and _OTHER_ACTOR_BEFORE.search(text, max(0, m.start() - 20), m.start()) \
                            or text[m.end():m.end() + 1] == "-":  # "rabble-rouser" is no rabble
                        continue
                    start, end = _noun_before(text, m.start()), m.end()
                    if name in _MODIFIERS or name in _ACTOR_FAMILIES:  # the modified word too: "wildcat strike"
                        nxt = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
                        end = nxt.end() if nxt else end
                    if name in _ACTOR_FAMILIES:  # and the whole of a name: "centre-left Green Forward"
                        actors[name][o].append(_actor_of(a, m.start(), m.end()))
                        end = m.end() + len(n.group(0)) if (n := _NAME_AFTER.match(text, m.end())) else end
                    pole = _POLE_OF[name][m.group().lower()]
                    uses[name][o][pole].append(Claim(a.article.id, start, end, text[start:end],
                                                     text[start:end].lower()))
    findings = []
    for name, per_outlet in uses.items():
        if taken_words & set(_POLE_OF[name]):
            continue
        contrast: set[tuple[str, int]] = set()
        loaded_only = False  # every contrast is a loaded word against an outlet avoiding it
        labelled: str | None = None  # the person an actor family's words label
        for o, mine in per_outlet.items():
            for r, theirs in per_outlet.items():
                if not (o < r and not (set(mine) & set(theirs)) and _names_the_event(mine, by_id)
                        and _names_the_event(theirs, by_id)):
                    continue
                if name in _ACTOR_FAMILIES:
                    if not (person := _same_actor(actors[name][o], actors[name][r])):
                        continue
                    labelled = person
                contrast |= {(o, p) for p in mine} | {(r, p) for p in theirs}
        if not contrast and name in LOADED:
            for o, mine in per_outlet.items():
                for r, theirs in per_outlet.items():
                    if 0 in mine and 0 not in theirs:
                        contrast |= {(o, 0)} | {(r, p) for p in theirs}
            loaded_only = bool(contrast)
        claims = [c for o, p in sorted(contrast)
                  for c in _pole_uses(name, [c for c in per_outlet[o][p] if (c.article, c.start) not in seen], by_id)]
        outlets = sorted({outlet_of(by_id[c.article].article) for c in claims})
        if len(outlets) < 2:
            continue
        said = "; ".join(f"{o} “{' / '.join(sorted({c.value for c in claims if outlet_of(by_id[c.article].article) == o}))}”"
                         for o in outlets)
        what = "one outlet uses a loaded word the other avoids," if loaded_only else "the outlets use opposite labels"
        # Whom the family's words name, read anywhere in the articles (a source's "a group known as
        # Greyfold" names the group as well as the outlet's own words would).
        texts = [by_id[c.article].article.text for c in claims]
        named = labelled or next((m.group(1).strip() for text in texts for w in _FAMILY_RE[name].finditer(text)
                                  if (m := _CALLED.match(text, w.end()))), None)
        findings.append(Finding("label", story_id, f"{name} ({named})" if named else name, claims,
                                confidence=LOADED_CONFIDENCE if loaded_only else 0.65,
                                explanation=f"{what} in their own voice: {said}"))
    return findings


# Headline swaps: the event's word in the other outlets' headlines, avoided by one outlet ---------

#: Confidence of a headline swap: shown, under a contested-lexicon label (0.65), since the outlet's
#: own word is read from its headline and lead, not from a lexicon.
HEADLINE_SWAP_CONFIDENCE = 0.55
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our"})
_HEADLINE_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _lead_span(article: Article, after: int) -> tuple[int, int]:
    """The first sentence of the body, after the headline."""
    text = article.text
    start = len(text) - len(text[after:].lstrip())
    end = re.search(r"[.!?](?:\s|$)", text[start:])
    return start, start + end.end() if end else len(text)


def _lead_words(analysis: Analysis, after: int) -> tuple[set[str], set[str], set[str]]:
    """The stems of the lead, and those it uses as a noun: right after an article or preposition, or
    an article and one word ("in an illegal walkout", "the nine-day occupation"); not a verb ("quake
    kills"), a quantity, or a modifier of another noun ("the central bank": "central" is followed by
    its noun)."""
    text = analysis.article.text
    words = [w.lower() for w in _HEADLINE_WORD.findall(text, *lead_paragraph(analysis.article, after))]
    nouns = {_stem(w) for i, w in enumerate(words) if w not in QUANTITY_WORDS and i > 0 and (
        words[i - 1] in _LEAD_IN or (i > 1 and words[i - 2] in _DETERMINERS))
        and not (i + 1 < len(words) and words[i - 1] in _DETERMINERS and words[i + 1] not in _NEWS_STOP
                 and words[i + 1] not in _LEAD_IN)}
    lead = _lead_of(analysis)
    parsed = {_stem(text[s:e]) for s, e in lead.nouns}
    return {_stem(w) for w in words}, nouns | parsed, {_stem(text[s:e]) for s, e in lead.asides}


def _lead_of(analysis: Analysis) -> Lead:
    """The analysis's lead (:mod:`presslens.analysis.lead`); for an analysis stored or exported before presslens
    kept it, read from a parse of the text up to the lead's end, once per process (a story's findings are
    computed again each time an article joins it or a page shows it)."""
    if analysis.lead is not None:
        return analysis.lead
    a = analysis.article
    return _lead_of_prefix(a.text[:lead_end(a)], a.title, a.body_start)


@lru_cache(maxsize=4096)
def _lead_of_prefix(prefix: str, title: str | None, body_start: int) -> Lead:
    """:func:`read_lead` on a parse of an article's text up to the lead's end."""
    from presslens.analysis.pipeline import load_nlp  # only for analyses made before the lead was kept

    article = Article(id="", text=prefix, title=title, body_start=body_start)
    return read_lead(load_nlp()(prefix), article)


#: Words a determiner may stand before a noun by: "the terrifying grid collapse", "an astonishing break-in".
_DETERMINER_REACH = 3


def _named_things(text: str) -> set[str]:
    """The stems an article uses as a thing it names, after a determiner and at most two modifiers ("the
    outage", "the terrifying grid collapse", "a mob of 60"): what an event or a group is called. A bare plural
    is left out ("Families in Ostvale were counting their losses" tells who, not what happened)."""
    words = [w.lower() for w in _HEADLINE_WORD.findall(text)]
    out: set[str] = set()
    for i, w in enumerate(words):
        before = words[max(0, i - _DETERMINER_REACH):i][::-1]
        k = next((k for k, b in enumerate(before) if b in _DETERMINERS or b in _NEWS_STOP), None)
        if k is not None and before[k] in _DETERMINERS:
            out.add(_stem(w))
    return out


#: Endings that make a noun of a verb: a headline's "interception" is the lead's "was intercepted".
_NOMINAL_ENDINGS = ("ion", "ment", "al")


def _in_lead(stem: str, lead: set[str]) -> bool:
    """Whether a headline word's stem is in the lead: itself, or the noun of a verb the lead uses ("dawn
    interception" in the headline, "the dinghy was intercepted" in the lead)."""
    return stem in lead or any(stem.endswith(e) and stem[:-len(e)] in lead for e in _NOMINAL_ENDINGS
                               if len(stem) - len(e) >= 5)


def headline_swaps(story_id: str, originals: list[Analysis], taken: list[Finding]) -> list[Finding]:
    """One outlet's own word for the event where the others' headlines agree on another: "wildfire"
    in two headlines, "Arson Attack" in the third, whose text never says "wildfire"; "sit-in" against
    "Occupation"; "strike" against "Illegal Walkout".

    The others' word: a content word (no name, number or stop word) in the headlines of at least two
    outlets that their headline or first paragraphs use as a noun (:func:`_lead_words`), outside a headline's
    adverbial clause, used nowhere in the avoiding outlet's articles. The outlet's word: a run of its headline's
    words each repeated in its lead paragraph and used nowhere in the other outlets' articles, the last of them
    used as a noun there and named after a determiner somewhere in the article (:func:`_named_things`), shown
    with the headline word before it. An outlet whose words a label finding in ``taken`` already holds is not
    reported again.
    """
    # An entity named only in a headline is no name: the tagger takes a headline's capitals for one ("TOTAL
    # GRID COLLAPSE" read as an organisation), as in :func:`event_heads`.
    names = {_stem(w) for a in originals for e in a.entities
             if any(not _in_headline(a.article, s) for s, _ in e.mentions) for w in fold(e.name).split()}
    by_outlet = articles_by_outlet(originals)
    if len(by_outlet) < 3:
        return []
    used = {o: {_stem(w) for a in arts for w in _HEADLINE_WORD.findall(a.article.text)} for o, arts in by_outlet.items()}
    # article id -> (headline span, lead stems, lead nouns), where the headline stands in the text.
    headlines = {a.article.id: (h, *_lead_words(a, h[1]))
                 for a in originals if (h := headline_span(a.article))}

    def content(word: str) -> bool:
        return word.lower() not in _NEWS_STOP and len(word) > 2 and _stem(word) not in names

    named = {a.article.id: _named_things(a.article.text) for a in originals}

    in_headlines: Counter[str] = Counter()
    for o, arts in by_outlet.items():
        in_headlines.update({_stem(w) for a in arts if a.article.id in headlines
                             for w in _HEADLINE_WORD.findall(a.article.text, *headlines[a.article.id][0])
                             if content(w) and _stem(w) in headlines[a.article.id][2]
                             and _stem(w) not in headlines[a.article.id][3]})
    seen = {(c.article, c.start) for f in taken if f.kind == "label" for c in f.claims}
    findings = []
    for o, arts in by_outlet.items():
        # Used in a compound counts as used: "earthquake" says "quake".
        missing = sorted(w for w, n in in_headlines.items()
                         if n >= 2 and w not in used[o] and not any(u.endswith(w) for u in used[o]))
        if not missing:
            continue
        others = set().union(*(u for r, u in used.items() if r != o))
        claims: list[Claim] = []
        for a in arts:
            if a.article.id not in headlines:
                continue
            h, lead, nouns, _ = headlines[a.article.id]
            run: list[re.Match[str]] = []
            words = list(_HEADLINE_WORD.finditer(a.article.text, *h))
            for m in words + [None]:
                if m is not None and content(m.group()) and _in_lead(_stem(m.group()), lead) \
                        and _stem(m.group()) not in others:
                    run.append(m)
                    continue
                while run and _stem(run[-1].group()) not in nouns:  # "Illegal Walkout Shuts": "Illegal Walkout"
                    run.pop()
                if run and (a.article.id, run[0].start()) not in seen and _stem(run[-1].group()) in named[a.article.id]:
                    s, e = run[0].start(), run[-1].end()
                    # the word before shown too, as on the other side: "Grading error", not "error"
                    first = next(k for k, w in enumerate(words) if w is run[0])
                    before = words[first - 1] if first else None
                    if before is not None and content(before.group()) and a.article.text[before.end():s] == " ":
                        s = before.start()
                    claims.append(Claim.span(a.article.id, a.article.text, s, e))
                run = []
        if not claims:
            continue
        # the word before shown too, as for a family word: "data breach", not "breach"
        theirs = [Claim.span(b.article.id, b.article.text, lo, m.end())
                  for r, bs in by_outlet.items() if r != o for b in bs if b.article.id in headlines
                  for m in _HEADLINE_WORD.finditer(b.article.text, *headlines[b.article.id][0])
                  if _stem(m.group()) in missing and (lo := _noun_before(b.article.text, m.start())) >= 0]
        mine = " / ".join(dict.fromkeys(c.value for c in claims))
        # their words as the headlines write them, not as stems ("rescue", not "rescu")
        written = {_stem(w.lower()): w.lower() for c in reversed(theirs) for w in _HEADLINE_WORD.findall(c.text)}
        said = " / ".join(written.get(w, w) for w in missing)
        findings.append(Finding("label", story_id, f"{said} / {mine}", claims + theirs,
                                confidence=HEADLINE_SWAP_CONFIDENCE,
                                explanation=f"the other outlets' headlines call it “{said}”, which {o} "
                                            f"never uses; its headline and lead say “{mine}”"))
    return findings
