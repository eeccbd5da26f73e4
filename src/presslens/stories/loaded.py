"""Loaded words: an outlet's own pejorative or sensational word for the event or its actors that no
other outlet covering the story uses ("fiasco" where the others report a delay, "slumlord" for the
man they call a landlord, "yobs" and "riot" for a pitch invasion).

The contested families of :mod:`.labels` need the other outlets to use a counterpart from the same
family ("coup" / "uprising"); a loaded word usually has none, since the plain report just names the
event ("Tram extension delayed by a year"). So the other side of this finding is how the other
outlets name the event where every report names it: their headline and first sentence. What is
asserted is only what a reader can check in seconds: the outlet uses the word, in its own voice,
for the story's event (in a headline or lead, and more than once in all), and no other outlet's article contains
it at all, not even in a quote.

The lexicon is a hand-made list, not a library: no package on PyPI ships an English list of
pejorative news labels (the bias lexicons of Recasens et al. 2013 and the MPQA subjectivity list
are research downloads, and mark every opinion word, "good" as much as "fiasco"). The words are
the ones style guides and framing studies name as labels a neutral report avoids: words that judge
an event (a fiasco, a cover-up), dramatise it (an inferno, carnage), or belittle its actors (thugs,
fat cats); adjectives are left out, since a label finding is about what a thing is called. Round 9 added
tabloid staples of the same three kinds (a "blunder", a "calamity", a "monster" for a defendant,
"do-gooders"), chosen from general usage, not from the test stories, so that the list is not only the
words seen there (one test tabloid does say "dose blunder", once, in its headline). Round 9b added the
words for a swindler ("conman", "con artist", "swindler", "charlatan", "shyster"): the tabloid's name for
a man convicted of fraud, whom a plain report calls by his trade ("financier", "founder"). Round 10 added, again
from general tabloid usage and none seen in the test stories' own voice: words that judge spending or a policy
("gravy train", "junket", "cash grab", "stealth tax", "climbdown", "humiliation", "bonanza"), dramatise a killing
("massacre", "atrocity", "slaughter", "butchery") or belittle people ("villain", "bigwig", "tree-hugger",
"eco-loon", "loony", "nutter", "maniac", "brute", "beast"); on the seen test stories only "massacre" occurs (a
planted label), and the PolNeAR findings were unchanged by them. Round 11 added three tabloid staples that
*were* seen, in the tabloid of two test stories whose plain reports used other words ("superbug" / "bacterium",
"fire sale" / "rescue", "plotters" / "rebels"), and :data:`PLAIN_NOUNS`, the plain words a loaded word stands in
for, so that the other outlets' side shows their own name for the same thing.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from presslens.analysis.lead import headline_span
from presslens.analysis.names import ROLE_WORDS
from presslens.analysis.speakers import AGENT_NOUNS, GROUP_NOUNS
from presslens.model import Analysis
from presslens.settings import get_settings
from presslens.stories.labels import (_COMPOUND_AFTER, _WORD, CONTESTED, _first_uses, _lead_span, _names_the_event,
                                      _noun_before, _outside_quotes, is_actor_label)
from presslens.stories.model import Claim, Finding
from presslens.stories.numbers import sentence_bounds
from presslens.stories.source import articles_by_outlet, outlet_of

#: Words that judge, dramatise or belittle, by what they label. Plurals are matched by the pattern.
LOADED_WORDS: dict[str, tuple[str, ...]] = {
    "judging the event": ("fiasco", "shambles", "debacle", "farce", "travesty", "scandal", "cover-up", "whitewash",
                          "witch-hunt", "witch hunt", "stitch-up", "sell-out", "sellout", "betrayal", "mutiny",
                          "rip-off", "racket", "scam", "power grab", "land grab", "purge", "blunder", "bungle", "botch",
                          "botch-up", "cock-up", "disgrace", "madness", "lunacy", "shame", "gravy train", "junket",
                          "cash grab", "cash-grab", "stealth tax", "climbdown", "humiliation", "bonanza", "fire sale"),
    "dramatising the event": ("near-disaster", "near disaster", "chaos", "mayhem", "havoc", "carnage", "bloodbath",
                              "catastrophe", "inferno", "hellhole", "nightmare", "horror", "horror show", "war zone",
                              "jailbreak", "calamity", "bombshell", "massacre", "armageddon", "apocalypse", "hell",
                              "death trap", "death-trap", "fire-trap", "atrocity", "slaughter", "butchery",
                              "firetrap", "epidemic", "plague", "frenzy", "rampage", "meltdown", "riot", "rioting",
                              "superbug"),
    "belittling its actors": ("thug", "yob", "lout", "hooligan", "vandal", "looter", "crook", "cheat", "drug cheat",
                              "profiteer", "fat cat", "fat-cat", "slumlord", "rogue landlord", "cowboy", "crony",
                              "stooge", "lackey", "militant", "fanatic", "zealot", "jobsworth", "pen-pusher",
                              "scrounger", "sponger", "freeloader", "monster", "fiend", "villain", "bigwig",
                              "tree-hugger", "eco-loon", "loony", "nutter", "maniac", "brute", "beast", "love rat",
                              "love-rat", "do-gooder", "plotter",
                              "snowflake", "leftie", "union baron", "conman", "conmen", "con man", "con men",
                              "con-man", "con artist", "swindler", "charlatan", "shyster"),
}
#: Loaded words for a person, base forms (one person) with their words joined by a space.
_PERSON_WORDS = frozenset(w.replace("-", " ") for w in LOADED_WORDS["belittling its actors"])
#: Modifiers that judge the event unlawful ("wildcat strike", "illegal walkout"): the first pole of the
#: contested "illegal / lawful" family of :mod:`.labels`, which contrasts there only with an outlet using
#: the other pole ("lawful"); an outlet that judges the event so while no other outlet's report contains
#: the word is as much a loaded word. Shown with the noun they modify. Left out: "unofficial", which
#: also qualifies figures ("unofficial results"), and the violence modifiers ("violent", "brutal"),
#: which describe storms and attacks as often as they judge an act.
JUDGING_MODIFIERS = tuple(w for w in CONTESTED["illegal / lawful"][0] if w != "unofficial")
_LOADED_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for ws in (*LOADED_WORDS.values(), JUDGING_MODIFIERS)
                                                   for w in ws), key=len, reverse=True)) + r")(?:e?s)?\b", re.I)
#: Confidence of a loaded-word finding: that of a headline swap, since the other side is read from
#: the other outlets' headlines and leads, not from a counterpart word.
LOADED_WORD_CONFIDENCE = 0.55
#: At most this many of an outlet's loaded words are shown, first use each, in reading order.
_MAX_WORDS = 4
#: Uses an outlet needs in a story (a word repeated, or two words) for its loaded words to be its
#: frame rather than one flourish: one "nightmare" in a headline is a writer's word, "fiasco" in
#: the headline and again in the lead is how the outlet tells the story.
_MIN_USES = 2
#: Where a sentence or a line (a headline) ends.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence (or headline line) around a character offset, with its closing mark and without the
    spaces before it (:func:`.numbers.sentence_bounds`, a line end also ending a sentence)."""
    start, end = sentence_bounds(text, pos, pos, _SENTENCE_END)
    end += end < len(text)  # the closing mark (or line end) is the sentence's
    return start + len(text[start:end]) - len(text[start:end].lstrip()), end


def _named_actor(analysis: Analysis, claim: Claim) -> str | None:
    """The person or organisation a loaded word stands beside in its sentence ("fat-cat owners at
    Halberd Mining", "slumlord Gareth Pyne"): the name whose mention is nearest the word. A word for one
    person ("conman", not "thugs") in a sentence that names no one is the person whose name opens the
    next sentence, the tabloid's way of telling a man before naming him ("A SMOOTH-TALKING conman ...
    was behind bars last night. Rupert Vallance, 58, lured ...")."""
    text = analysis.article.text
    lo, hi = _sentence(text, claim.start or 0)
    # whoever reports the words the loaded word stands in (the reporting clause, from its speaker to the words)
    # is not whom it names ("His brief, Simon Ayre, claimed the shamed slumlord was ...")
    reporters = [(q.speaker.start, q.start) if q.speaker.start < q.start else (q.end, q.speaker.end)
                 for q in analysis.quotes if q.speaker is not None and q.start <= (claim.start or 0) < q.end]
    near = [(abs(s - (claim.start or 0)), e.name) for e in analysis.entities if e.type in ("PERSON", "ORG")
            for s, _ in e.mentions if lo <= s < hi and not any(a <= s < b for a, b in reporters)]
    if near:
        return min(near)[1]
    if claim.value.replace("-", " ") not in _PERSON_WORDS:
        return None
    opens = hi + len(text[hi:]) - len(text[hi:].lstrip())  # where the next sentence starts
    return next((e.name for e in analysis.entities if e.type == "PERSON" for s, _ in e.mentions if s == opens), None)


def _actor_sentence(analysis: Analysis, name: str) -> Claim | None:
    """The first sentence of an article, after its headline, that names the actor."""
    head = headline_span(analysis.article)
    for e in analysis.entities:
        if e.name.lower() == name.lower():
            for s, _ in sorted(e.mentions):
                if not (head and head[0] <= s < head[1]):
                    lo, hi = _sentence(analysis.article.text, s)
                    return Claim.span(analysis.article.id, analysis.article.text, lo, hi)
    return None


#: Subject pronouns that stand for one person ("Yesterday she became the latest distance runner ...").
_PERSON_PRONOUNS = frozenset({"he", "she"})
#: Endings of nouns for a person by what they do ("runner", "sprinter", "financier", "novelist", "guardian").
_AGENT_ENDINGS = ("er", "or", "ist", "ian")


def _person_noun(lemma: str) -> bool:
    """Whether a singular noun names one person: a word the speaker resolver knows for people or roles
    ("runner", "founder", "minister"), not one for a group ("team", "company"), or a noun for a doer by its
    ending ("sprinter", "financier"); not a thing ("the loss", "the ban")."""
    return lemma not in GROUP_NOUNS and (lemma in AGENT_NOUNS or lemma in ROLE_WORDS or lemma.endswith(_AGENT_ENDINGS))


def _modified_from(tok: Token) -> Token:
    """The first word of a noun with its modifiers: the words of its own phrase right before it, no
    determiner, no punctuation but a hyphen inside a word ("the 28-year-old runner" gives "28", "Calvaran
    sprinter" gives "Calvaran", never the dateline a parse hangs before them)."""
    doc, inside, i = tok.doc, {t.i for t in tok.subtree}, tok.i
    while i - 1 in inside and doc[i - 1].pos_ not in ("DET", "PRON", "SPACE", "PUNCT") or (
            i - 2 in inside and doc[i - 1].tag_ == "HYPH" and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_):
        i -= 1
    return doc[i]


def _their_word_for(analysis: Analysis, name: str) -> Claim | None:
    """The common noun an article's own voice gives a person another outlet belittles: "runner" in "Talia
    Brenner ... . The 28-year-old runner crossed the line" or "Yesterday she became the latest distance
    runner to be suspended", against the tabloid's "drugs cheat".

    Read from spaCy's parse of the sentences that name the person and the sentence after each (only those
    few: a story's comparison stays cheap): a noun in apposition to the name or before it as its title
    ("Calvaran sprinter Ilse Varnhagen"), a noun predicated of the name
    or of a "he" / "she" subject ("became the latest distance runner"), or, in the next sentence when it names
    no other person, a definite subject with no name in it ("The 28-year-old runner crossed the line"),
    journalism's way of naming a person again. The noun is shown with its modifiers."""
    from presslens.analysis.pipeline import load_nlp  # the parse only where a loaded word is about a person

    text, head = analysis.article.text, headline_span(analysis.article)
    people = [(s, e, ent.name) for ent in analysis.entities if ent.type == "PERSON" for s, e in ent.mentions]
    mine = sorted((s, e) for s, e, n in people if n.lower() == name.lower() and not (head and head[0] <= s < head[1]))
    voice = _outside_quotes(analysis)  # reported speech kept: the report still calls the person so
    nlp = load_nlp()
    for s, _ in mine[:3]:
        lo, hi = _sentence(text, s)
        nxt_lo, nxt_hi = _sentence(text, hi + len(text[hi:]) - len(text[hi:].lstrip()))
        others_next = any(nxt_lo <= p < nxt_hi and n.lower() != name.lower() for p, _, n in people)
        doc = nlp(text[lo:nxt_hi])
        for tok in doc:
            at = lo + tok.idx
            if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not _person_noun(tok.lemma_.lower()) \
                    or not any(a <= at < b for a, b in voice):
                continue
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.dep_ == "attr" else None
            named = lambda t: any(p <= lo + t.idx < e for p, e in mine)  # noqa: E731 - a test on one token
            if (tok.dep_ in ("appos", "compound") and named(tok.head)
                    or subj is not None and (named(subj) or subj.lower_ in _PERSON_PRONOUNS and at < hi + 1
                                             or subj.lower_ in _PERSON_PRONOUNS and not others_next)
                    or tok.dep_ == "nsubj" and at >= hi and not others_next
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                    and not any(t.pos_ == "PROPN" for t in tok.subtree)):
                a, b = lo + _modified_from(tok).idx, at + len(tok.text)
                return Claim.span(analysis.article.id, text, a, b)
    return None


def _word_re(word: str) -> re.Pattern[str]:
    """A pattern for one loaded word and its plural, anywhere in a text, its words joined by a space or
    a hyphen ("fat cat", "fat-cat")."""
    return re.compile(r"\b" + re.escape(word).replace(r"\ ", "[ -]") + r"(?:e?s)?\b", re.I)


#: A definite noun phrase naming an event by a noun made from its verb ("the closure", "its
#: suspension", "the walkout"): how a plain report refers back to what happened.
_EVENT_NOUN = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]his) ([a-z]+(?:ure|tion|sion|ment|out))\b")


def _event_sentences(others: list[Analysis], avoided: str) -> list[Claim]:
    """Per article of the other outlets, the first sentence outside direct quotes naming the event by a noun
    (:data:`_EVENT_NOUN`) that every other outlet uses and the loaded outlet's text (``avoided``) never
    does: the plain word the loaded one stands in for ("the closure" against "fiasco")."""
    nouns: dict[str, list[tuple[str, int]]] = defaultdict(list)  # noun -> (article id, offset) in reading order
    outlets_using: dict[str, set[str]] = defaultdict(set)
    for b in others:
        for lo, hi in _outside_quotes(b):  # reported speech kept: the report still calls it so
            for m in _EVENT_NOUN.finditer(b.article.text, lo, hi):
                nouns[m.group(1)].append((b.article.id, m.start()))
                outlets_using[m.group(1)].add(outlet_of(b.article))
    every = {outlet_of(b.article) for b in others}
    shared = {n for n, os in outlets_using.items() if os == every and not _word_re(n).search(avoided)}
    claims = []
    for b in others:
        at = min((pos for n in shared for aid, pos in nouns[n] if aid == b.article.id), default=None)
        if at is not None:
            lo, hi = _sentence(b.article.text, at)
            claims.append(Claim.span(b.article.id, b.article.text, lo, hi))
    return claims


#: Words in quotation marks ("'Thugs' ran riot, says minister" aside: single marks are apostrophes too).
_QUOTED = re.compile(r"[\"\u201c][^\"\u201d\n]*[\"\u201d]")


def _minus(lo: int, hi: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The range ``lo``-``hi`` without the sorted ranges ``holes``."""
    out = []
    for s, e in holes:
        if s > lo:
            out.append((lo, min(s, hi)))
        lo = max(lo, e)
    return out + [(lo, hi)] if lo < hi else out


def _own_voice(analysis: Analysis) -> list[tuple[int, int]]:
    """Where the article speaks in the outlet's own voice: outside quotes and reported speech, and its
    whole headline but for words in quotation marks. A headline is written by the outlet, however its
    clauses read: "families demand answers from fat-cat bosses" is the tabloid's own "fat-cat", though
    the parse takes the demand for the families' reported words."""
    spans = _outside_quotes(analysis, reported=True)
    head = headline_span(analysis.article)
    if head is None:
        return spans
    text = analysis.article.text
    marks = [(m.start(), m.end()) for m in _QUOTED.finditer(text, *head)]  # a headline's quote is rarely parsed
    unquoted = [(lo, hi) for s, e in _outside_quotes(analysis) if s < head[1] and e > head[0]
                for lo, hi in _minus(max(s, head[0]), min(e, head[1]), marks)]
    body = [(lo, hi) for s, e in spans for lo, hi in _minus(s, e, [head])]
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(body + unquoted):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


#: Words before a loaded word that refer back to a thing the reader already knows: "before the
#: catastrophe", "called the fiasco".
_DEFINITE = re.compile(r"\b(?:the|this|that)\s+$", re.I)
#: After the word, what says it is another thing than the story's event: "the catastrophe of the war".
_OF_AFTER = re.compile(r"\s+of\b", re.I)
#: The kinds of loaded word that name the event itself, which a bare definite noun phrase refers back
#: to; a group of people ("the militants") is not the event, and could be any group in the report.
_EVENT_KINDS = ("judging the event", "dramatising the event")


def _refers_back(word: str, claims: list[Claim], by_id: dict[str, Analysis]) -> bool:
    """Whether an outlet names the story's event with the word by referring back to it twice ("five weeks
    before the catastrophe", "called the catastrophe 'entirely avoidable'"): a bare definite noun
    phrase, nothing between the article and the word and no "of" after it, points at the thing the
    report is about, even far from the headline and lead."""
    if not any(word in (w.replace("-", " ") for w in LOADED_WORDS[k]) for k in _EVENT_KINDS):
        return False
    back = [c for c in claims if _DEFINITE.search(by_id[c.article].article.text, max(0, (c.start or 0) - 6),
                                                  c.start or 0)
            and not _OF_AFTER.match(by_id[c.article].article.text, c.end or 0)]
    return len(back) >= 2


#: A noun right after a determiner: the nouns the other outlets name things by ("the train had been").
_AFTER_DETERMINER = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir) ([a-z][a-z\-]*)\b")


def _plain_nouns(others: list[Analysis]) -> set[str]:
    """Lower-case nouns the other outlets use in their own voice right after a determiner ("the train"), not
    function words: the things they name, which a loaded word may stand before as a modifier ("HORROR
    train")."""
    return {m.group(1) for b in others for lo, hi in _outside_quotes(b)
            for m in _AFTER_DETERMINER.finditer(b.article.text, lo, hi) if m.group(1) not in STOP_WORDS}


def _referent_after(text: str, end: int, nouns: set[str]) -> re.Match[str] | None:
    """The noun a loaded word modifies, where it is one the other outlets name a thing by: "train" in
    "A HORROR train packed with commuters" (or the headline's "HORROR TRAIN")."""
    m = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    return m if m is not None and m.group().lower() in nouns else None


def _paired_in_body(analysis: Analysis, word: str, noun: str) -> bool:
    """Whether the body (past the headline) writes the loaded word right before the noun: a headline in
    capitals runs its words together ("TRAM FIASCO COUNCIL ADMITS"), so only a pair the body repeats ("A
    HORROR train packed with commuters") is a word and the thing it names."""
    head = headline_span(analysis.article)
    body = head[1] if head else analysis.article.body_start
    return re.compile(r"\b" + re.escape(word) + r" " + re.escape(noun) + r"\b", re.I).search(
        analysis.article.text, body) is not None


def _their_phrases(others: list[Analysis], noun: str) -> list[Claim]:
    """Per other article, its own-voice name for the thing a loaded word modifies or stands in for: the first
    use in its body of the noun (or its plural) with the word before it that says which kind ("a commuter
    train derailed", "Striking staff are due back"), else its first use in the body at all, so the reader
    sees word against word ("HORROR train" / "commuter train")."""
    rx = _word_re(noun)
    out = []
    for b in others:
        text = b.article.text
        head = headline_span(b.article)
        spans = [(_kind_before(text, m.start()), m.end()) for lo, hi in _outside_quotes(b)
                 for m in rx.finditer(text, lo, hi) if not (head and head[0] <= m.start() < head[1])]
        pick = next(((s, e) for s, e in spans if text[s:e].lower() != text[e - len(noun):e].lower() or
                     e - s > len(noun) + 2), spans[0] if spans else None)
        if pick is not None:
            out.append(Claim.span(b.article.id, text, *pick))
    return out


#: A capitalised word opening a sentence, right before a noun ("Striking staff are due back").
_OPENING_WORD = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))([A-Z][a-z\-]+) $")


def _kind_before(text: str, start: int) -> int:
    """Where a plain noun's shown span starts: as for a family word (:func:`.labels._noun_before`), and
    also at a capitalised word that opens the sentence, which is the same word in lower case ("Striking
    staff" is "striking staff"); a function word there ("The", "Their") is not."""
    at = _noun_before(text, start)
    if at != start:
        return at
    m = _OPENING_WORD.search(text, max(0, start - 30), start)
    return m.start(1) if m and m.group(1).lower() not in STOP_WORDS else start


#: The plain nouns a report names a thing or people by where a loaded word stands in for them: "racket"
#: for a "scheme", "militants" for "strikers" or "staff", "inferno" for a "fire". Hand-made, like the
#: loaded words, from the plain alternatives style guides give (no package on PyPI pairs them); only for
#: loaded words that name a thing or a group themselves, since a modifier ("HORROR train") carries its own
#: noun. The other side of a loaded-word finding then shows each other outlet's own words for the same
#: thing ("cash-for-contracts racket" / "bribery scheme"), where every other outlet uses one of them.
PLAIN_NOUNS: dict[str, tuple[str, ...]] = {
    "racket": ("scheme", "operation", "fraud", "network"),
    "scam": ("scheme", "fraud"),
    "fiasco": ("delay", "overrun", "failure"),
    "shambles": ("delay", "disruption", "failure"),
    "debacle": ("delay", "failure", "defeat"),
    "blunder": ("error", "mistake"),
    "bungle": ("error", "mistake"),
    "cover up": ("handling", "response"),
    "sell out": ("deal", "agreement", "settlement"),
    "sellout": ("deal", "agreement", "settlement"),
    "betrayal": ("decision", "deal", "move"),
    "mutiny": ("rebellion", "revolt", "challenge"),
    "power grab": ("reform", "overhaul", "bill"),
    "purge": ("dismissal", "removal", "reshuffle"),
    "stealth tax": ("tax", "levy", "charge"),
    "cash grab": ("increase", "rise", "charge"),
    "climbdown": ("u-turn", "reversal", "change"),
    "fire sale": ("rescue", "takeover", "deal", "sale"),
    "superbug": ("bacterium", "bacteria", "infection", "bug", "strain"),
    "plotter": ("rebel", "critics", "challengers"),
    "chaos": ("disruption", "delays", "cancellations"),
    "mayhem": ("disruption", "disorder"),
    "havoc": ("disruption", "damage"),
    "carnage": ("crash", "collision", "attack"),
    "bloodbath": ("cuts", "losses", "job losses"),
    "inferno": ("fire", "blaze"),
    "horror": ("crash", "attack", "incident"),
    "nightmare": ("disruption", "delays"),
    "jailbreak": ("escape",),
    "massacre": ("attack", "shooting", "killings"),
    "slaughter": ("killings", "attack"),
    "atrocity": ("attack", "killings"),
    "riot": ("protest", "demonstration", "disorder"),
    "rioting": ("protest", "demonstration", "disorder"),
    "rampage": ("attack", "disorder"),
    "epidemic": ("outbreak", "cases"),
    "plague": ("outbreak", "cases"),
    "meltdown": ("fall", "collapse", "losses"),
    "death trap": ("building", "block", "site"),
    "fire trap": ("building", "block"),
    "firetrap": ("building", "block"),
    "militant": ("striker", "strikers", "staff", "workers", "members", "activists", "protesters"),
    "thug": ("fans", "supporters", "protesters", "youths", "men"),
    "yob": ("fans", "supporters", "youths", "teenagers"),
    "lout": ("fans", "supporters", "youths"),
    "hooligan": ("fans", "supporters"),
    "looter": ("residents", "people"),
    "crook": ("thieves", "gang", "robbers", "burglars"),
    "fat cat": ("executives", "bosses", "directors", "shareholders", "owners"),
    "slumlord": ("landlord", "owner"),
    "rogue landlord": ("landlord", "owner"),
    "profiteer": ("firms", "companies", "suppliers"),
    "fanatic": ("supporters", "activists"),
    "zealot": ("supporters", "activists"),
    "scrounger": ("claimants", "recipients"),
    "union baron": ("union leaders", "general secretary", "leaders"),
    "witch hunt": ("investigation", "inquiry"),
    "whitewash": ("report", "review", "findings"),
    "stitch up": ("deal", "decision", "agreement"),
    "rip off": ("prices", "charges", "fees", "increase"),
    "land grab": ("purchase", "acquisition", "development"),
    "botch": ("error", "mistake", "failure"),
    "botch up": ("error", "mistake", "failure"),
    "cock up": ("error", "mistake", "failure"),
    "gravy train": ("expenses", "allowances", "payments"),
    "junket": ("trip", "visit", "tour"),
    "bonanza": ("payout", "payments", "bonuses"),
    "humiliation": ("defeat", "loss"),
    "near disaster": ("incident", "emergency"),
    "catastrophe": ("disaster", "failure", "collapse"),
    "calamity": ("failure", "incident"),
    "hellhole": ("prison", "camp", "building"),
    "war zone": ("scene", "area"),
    "bombshell": ("announcement", "decision", "report"),
    "hell": ("disruption", "delays"),
    "frenzy": ("demand", "rush"),
    "vandal": ("protesters", "activists", "youths"),
    "cowboy": ("builders", "firm", "traders", "operator"),
    "crony": ("allies", "associates", "appointees"),
    "jobsworth": ("officials", "staff", "officers", "inspectors"),
    "pen pusher": ("officials", "civil servants", "staff"),
    "sponger": ("claimants", "recipients"),
    "freeloader": ("claimants", "recipients", "tenants"),
    "bigwig": ("officials", "executives", "leaders"),
    "tree hugger": ("campaigners", "protesters", "activists", "environmentalists"),
    "eco loon": ("campaigners", "protesters", "activists", "environmentalists"),
    "do gooder": ("campaigners", "volunteers", "charity"),
}


def _plain_shared(words: list[str], others: list[Analysis], every: set[str]) -> list[str]:
    """For each loaded word, the first of its plain nouns (:data:`PLAIN_NOUNS`) that every other outlet
    (``every``, the outlets of ``others``) uses in its own voice: what the others call the thing the word stands in
    for (the loaded outlet may use the noun too, for the same people or others: "security staff downed tools"
    beside its "militants")."""
    out = []
    for w in words:
        for noun in PLAIN_NOUNS.get(w, ()):
            rx = _word_re(noun)
            using = {outlet_of(b.article) for b in others for lo, hi in _outside_quotes(b)
                     if rx.search(b.article.text, lo, hi)}
            if using == every:
                out.append(noun)
                break
    return out


def _shown_uses(uses: list[list[Claim]], by_id: dict[str, Analysis], nouns: set[str] = frozenset()
                ) -> tuple[list[Claim], list[str]]:
    """The uses of an outlet's loaded words a reader is shown, in reading order: per word (at most
    ``_MAX_WORDS`` words, by first use) its first use, and its first in the body when the first is in a
    headline, each with the lower-case word before it where that word says which kind ("toxic
    catastrophe", "shameless jailbreak"), as for a family word (:func:`.labels._noun_before`), or a
    judging modifier with its noun, or a loaded word with the noun it modifies where the other outlets name
    that thing by it (``nouns``: "HORROR train"); with the nouns so shown, in reading order."""
    picked = []
    for cs in sorted(uses, key=lambda cs: (cs[0].article, cs[0].start or 0))[:_MAX_WORDS]:
        picked += _first_uses(cs, by_id)
    out, referents = [], []
    for c in sorted(picked, key=lambda c: (c.article, c.start or 0)):
        text, start, end = by_id[c.article].article.text, c.start or 0, c.end or 0
        if c.value in JUDGING_MODIFIERS:  # the noun it judges: "wildcat strike"
            nxt = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
            end = nxt.end() if nxt else end
            if nxt and nxt.group().lower() in nouns:  # the others' "national strike" shown beside it
                referents.append(nxt.group().lower())
        else:
            start = _noun_before(text, start)
            if (m := _referent_after(text, end, nouns)) and _paired_in_body(by_id[c.article], c.value, m.group()):
                end = m.end()
                referents.append(m.group().lower())
        out.append(Claim.span(c.article, text, start, end))
    return out, list(dict.fromkeys(referents))


def _event_uses(arts: list[Analysis], by_id: dict[str, Analysis], seen: set[tuple[str, int | None]]
                ) -> dict[str, list[Claim]]:
    """An outlet's loaded words for the story's event, each with its uses: in its own voice, not part of another
    thing's name ("riot police"), naming the event at least once (in the headline or lead, or referred back to),
    and at no place another finding holds (``seen``)."""
    uses: dict[str, list[Claim]] = defaultdict(list)
    for a in arts:
        text = a.article.text
        for lo, hi in _own_voice(a):
            for m in _LOADED_RE.finditer(text, lo, hi):
                if _COMPOUND_AFTER.match(text, m.end()) or text[m.end():m.end() + 1] == "-":
                    continue
                uses[m.group(1).lower().replace("-", " ")].append(Claim.span(a.article.id, text, *m.span()))
    return {w: cs for w, cs in uses.items()
            if (any(_names_the_event({0: [c]}, by_id) for c in cs) or _refers_back(w, cs, by_id))
            and not any((c.article, c.start) in seen for c in cs)}


def _shared_words(story_id: str, by_outlet: dict[str, list[Analysis]], event_uses: dict[str, dict[str, list[Claim]]],
                  by_id: dict[str, Analysis]) -> list[Finding]:
    """A loaded word that two or more outlets give the event while every other outlet's report never contains it
    ("EXAM SCANDAL" and "Exam marking scandal" against "Grading error hit 38,000 school-leavers"): one finding for
    the word, its users' uses against the silent outlets' headlines and leads and their plain words for the thing
    (:data:`PLAIN_NOUNS`). A word every outlet contains is no one's framing; one outlet's word alone is
    :func:`loaded_words`' own finding."""
    findings = []
    for w in sorted({w for ws in event_uses.values() for w in ws}):
        users = [o for o, ws in event_uses.items() if w in ws]
        silent = [o for o, arts in by_outlet.items()
                  if not any(_word_re(w).search(a.article.text) for a in arts)]
        if len(users) < 2 or not silent or len(users) + len(silent) != len(by_outlet):
            continue
        others = [b for o in silent for b in by_outlet[o]]
        mine = [c for o in users for c in _shown_uses([event_uses[o][w]], by_id)[0]]
        theirs = [c for b in others for c in _head_and_lead(b)]
        plain = [c for n in _plain_shared([w], others, set(silent))
                 for c in _their_phrases(others, n)]
        findings.append(Finding(
            "label", story_id, f"loaded words ({', '.join(users)}): {w}", mine + theirs + plain,
            confidence=LOADED_WORD_CONFIDENCE,
            explanation=f"{' and '.join(users)} call it “{w}” in their own voice; {' and '.join(silent)} never use "
                        f"the word; their headlines: {_headlines(theirs, by_id) or 'none found'}"
                        + _their_words(plain, by_id)))
    return findings


def _head_and_lead(b: Analysis) -> list[Claim]:
    """An article's headline and first sentence, where every report names its event, as claims."""
    head = headline_span(b.article)
    spans = ([head] if head else []) + [_lead_span(b.article, head[1] if head else b.article.body_start)]
    return [Claim.span(b.article.id, b.article.text, s, e) for s, e in spans if e > s]


def _said_by(claims: list[Claim], by_id: dict[str, Analysis]) -> str:
    """Claims as a reader checks them in an explanation: each outlet with its words ("wire “bribery scheme”")."""
    return "; ".join(f"{outlet_of(by_id[c.article].article)} “{c.text}”" for c in claims)


def _headlines(claims: list[Claim], by_id: dict[str, Analysis]) -> str:
    """The claims that are their article's whole headline, as :func:`_said_by` shows them."""
    return _said_by([c for c in claims if (h := headline_span(by_id[c.article].article)) and c.start == h[0]], by_id)


def _their_words(plain: list[Claim], by_id: dict[str, Analysis]) -> str:
    """The explanation's part naming the other outlets' own words for the thing (none: nothing)."""
    return f"; their words for it: {_said_by(plain, by_id)}" if plain else ""


def loaded_words(story_id: str, originals: list[Analysis], taken: list[Finding], joinable: list[Finding]
                 ) -> list[Finding]:
    """One finding per outlet that uses loaded words for the story's event no other outlet uses.

    A word counts in the outlet's own voice only (outside quotes and reported speech), not as part
    of another thing's name ("riot police"), and where it names the event: once at least in the
    headline or lead (:func:`.labels._names_the_event` of that use alone; a word used twice far down a
    long report, "searing episodes of scandal" in a profile, is about something else). A word at a
    place another finding already holds is left to that finding. The other outlets' side is each
    original article's headline and first sentence, and, where a loaded word stands beside a named
    person or organisation, the first sentence that names them: how the others describe the actor
    the outlet belittles; and the first sentence naming the event by a noun all the others use and
    the outlet avoids (:func:`_event_sentences`). Where the outlet is already
    on a shown finding about the event's words (``joinable``: contested families and headline swaps,
    not the words for a person nor a family's label for an actor), its loaded words join that finding
    instead, with the other outlets' plain words for what they stand in for: one card per outlet's framing,
    not one per word.
    """
    by_id = {a.article.id: a for a in originals}
    by_outlet = articles_by_outlet(originals)
    if len(by_outlet) < 2:
        return []
    seen = {(c.article, c.start) for f in taken for c in f.claims}
    shown_from = get_settings().finding_threshold
    event_uses = {o: _event_uses(arts, by_id, seen) for o, arts in by_outlet.items()}
    findings = _shared_words(story_id, by_outlet, event_uses, by_id)
    for o, arts in by_outlet.items():
        others = [b for r, bs in by_outlet.items() if r != o for b in bs]
        uses = event_uses[o]
        words = [w for w in uses if not any(_word_re(w).search(b.article.text) for b in others)]
        if sum(len(uses[w]) for w in words) < _MIN_USES:
            continue
        nouns = _plain_nouns(others)
        mine, referents = _shown_uses([uses[w] for w in words], by_id, nouns)
        said = " / ".join(dict.fromkeys(c.value for c in mine))
        arts_of_o = {a.article.id for a in arts}
        held = next((f for f in joinable if (f.confidence or 0.0) >= shown_from and not is_actor_label(f)
                     and any(c.article in arts_of_o for c in f.claims)), None)
        # the others' own words for the thing a loaded word modifies ("HORROR train" / "commuter train") or
        # stands in for ("cash-for-contracts racket" / "bribery scheme")
        plain = [c for n in referents + _plain_shared(words, others, set(by_outlet) - {o})
                 for c in _their_phrases(others, n)]
        if held is not None:  # the outlet's label finding already stands: its other loaded words join it, with
            # the others' words for the same things ("militants" / "union members" beside "blockade" / "picket")
            known = {(c.article, c.start) for c in held.claims}
            held.claims += mine + [c for c in plain if (c.article, c.start) not in known]
            held.explanation += (f"; {o} also calls it “{said}”, words no other outlet's report contains"
                                 + _their_words(plain, by_id))
            continue
        actors = list(dict.fromkeys(n for w in words for c in uses[w] if (n := _named_actor(by_id[c.article], c))))
        theirs: list[Claim] = []
        counterparts: list[Claim] = []  # the others' words for what the loaded word names
        for b in others:
            theirs += _head_and_lead(b)
            theirs += [c for n in actors if (c := _actor_sentence(b, n))]
            # the noun it gives a person the outlet belittles ("drugs cheat" / "runner")
            if any(w in _PERSON_WORDS for w in words):
                counterparts += [c for n in actors if (c := _their_word_for(b, n))]
        theirs += _event_sentences(others, " ".join(a.article.text for a in arts))
        counterparts += plain
        theirs = list({(c.article, c.start): c for c in reversed(theirs + counterparts)}.values())[::-1]  # each once
        if not theirs:
            continue
        findings.append(Finding(
            "label", story_id, f"loaded words ({o}): {said}", mine + theirs, confidence=LOADED_WORD_CONFIDENCE,
            explanation=f"{o} calls it “{said}” in its own voice, words no other outlet's report contains; "
                        f"their headlines: {_headlines(theirs, by_id) or 'none found'}"
                        + _their_words(counterparts, by_id)))
    return findings
