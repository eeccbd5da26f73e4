"""Merge the PERSON entities of many articles into corpus-level people.

Why this is not a plain string match: outlets spell names differently (``Juan Guaidó`` /
``Juan Guaido``), add middle names or initials, and within one article refer to a person by
surname after naming them in full. Yet two different people who share a surname (``Jorge
Rodriguez`` and ``Delcy Rodriguez``) must stay apart. So names are accent-folded and stripped
of honorifics; surnames are matched fuzzily with rapidfuzz (typos, transliterations) and
first names must agree (equal, a matching initial, or a close spelling). A surname-only
mention is merged into a full name only inside the article that named the person in full —
across the corpus a bare ``Rodriguez`` is ambiguous and gets its own record.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from presslens.analysis.names import (
    first_names_agree,
    is_first_name,
    middles_conflict,
    without_article_prefix,
    without_particles,
)
from presslens.model import Entity
from presslens.textutil import strip_accents

#: Head words of a role held by someone running for an office (with any ending in "-elect").
CANDIDACY_WORDS = frozenset({"candidate", "candidates", "nominee", "nominees", "contender", "challenger"})
_POSSESSIVE = re.compile(r"['’]s?\s")
_ROLE_TAIL = re.compile(r"\s(?:of|for|to|in|at|on|from|with|and|who|whose|that)\s.*$", re.S)


def seeks_office(role: str) -> bool:
    """Whether a claimed role says its holder runs for an office, or has won one they do not hold
    yet ("Democratic presidential nominee", "candidate for governor", "governor-elect"): its head
    word, the last word before a preposition or clause, after any possessive, says so. "The
    candidate's glamorous wife" and "the daughter of ... the presidential candidate" do not."""
    head = _ROLE_TAIL.sub("", _POSSESSIVE.split(role.lower())[-1]).split()
    word = head[-1].strip(".,;:\"”’()") if head else ""
    return word in CANDIDACY_WORDS or word.endswith("-elect")


#: Titles and honorifics that precede a name and say nothing about who the person is.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady rev fr sen rep gov gen col maj capt cpt lt sgt adm "
    "president pres senator representative governor minister secretary judge justice chancellor "
    "prime premier mayor king queen prince princess pope sheikh".split()
)
#: Generational suffixes dropped before taking the surname ("Martin Luther King Jr.").
SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())

_NON_WORD = re.compile(r"[^\w\s'-]+")
_SPACES = re.compile(r"\s+")

SURNAME_CUTOFF = 90.0
#: A bare surname is inferred to mean one person only when that person has at least this many
#: articles naming them in full (in the same outlet and period first, see ``PersonIndex.infer``) ...
INFER_MIN_ARTICLES = 3
#: ... and at least this share of all such articles about people with that surname.
INFER_MIN_SHARE = 0.9
#: Share needed to settle a surname among the people one article names with it (``PersonIndex.likeliest``).
ARTICLE_MIN_SHARE = 0.75


def fold(name: str) -> str:
    """Accent-folded, lower-cased name without honorifics, suffixes or punctuation; a surname
    with its particles alone ("de Vos") is its last word, a bare surname."""
    ascii_ish = strip_accents(repaired(name))
    cleaned = _NON_WORD.sub(" ", without_article_prefix(ascii_ish.lower().replace("’", "'")))
    tokens = [t.strip("'-") for t in _SPACES.split(cleaned) if t.strip("'-")]
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens.pop()
    if tokens and tokens[-1].endswith("'s"):
        tokens[-1] = tokens[-1][:-2]
    return " ".join(without_particles(tokens, ascii_ish))


def surname(key: str) -> str:
    """Last token of a folded name: the blocking key for candidate people."""
    return key.rsplit(" ", 1)[-1] if key else ""


def first_name(key: str) -> str | None:
    """First token of a folded multi-token name, None for a bare surname."""
    parts = key.split(" ")
    return parts[0] if len(parts) > 1 else None


def repaired(name: str) -> str:
    """A name as written before UTF-8 was read as Latin-1, once or twice over ("FranÃ§ois" →
    "François", also when the reader decomposed "Ã" into "A" and a combining tilde), so that both
    spellings fold to one key; unchanged when it is no such text."""
    fixed = unicodedata.normalize("NFC", name)
    for _ in range(3):
        try:
            once = fixed.encode("latin-1").decode("utf-8")
        except UnicodeError:
            break
        if once == fixed:
            break
        fixed = once
    return fixed if fixed != unicodedata.normalize("NFC", name) else name


def _initial_first(key: str) -> bool:
    """A folded full name whose first name is an initial ("b hussein obama")."""
    given = first_name(key)
    return given is not None and len(given) == 1


def merge_within_article(entities: Iterable[Entity]) -> dict[str, str]:
    """Map each surname-only PERSON entity to the one full-name entity in the same article that it names.

    The entity extractor already does this for mentions it can see; this covers entities that
    stayed separate (e.g. an article's ``Guaido`` next to ``Juan Guaidó``). Ambiguous surnames
    (two full names ending in it) are left alone.
    """
    people = [e for e in entities if e.type == "PERSON"]
    full: dict[str, list[str]] = {}
    for e in people:
        key = fold(e.name)
        if first_name(key) is not None:
            full.setdefault(surname(key), []).append(e.id)
    merged: dict[str, str] = {}
    for e in people:
        key = fold(e.name)
        if key and first_name(key) is None and len(full.get(key, [])) == 1:
            merged[e.id] = full[key][0]
    return merged


@dataclass(slots=True)
class Match:
    """The person an entity resolved to (None: make a new one, or leave unresolved when
    ``method`` is ``unresolved``), how, how close, and for inferred links the confidence and why."""

    person_id: int | None
    method: str
    score: float
    confidence: float | None = None
    reason: str | None = None


def month_of(date: str | None) -> str:
    """``YYYY-MM`` of an ISO date, "" when undated (undated articles form their own period)."""
    return date[:7] if date and len(date) >= 7 else ""


def near_months(month: str) -> tuple[str, ...]:
    """The month and its two neighbours: the period within which a bare surname is judged."""
    if not month:
        return ("",)
    try:
        y, m = int(month[:4]), int(month[5:7])
    except ValueError:
        return (month,)
    prev = f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"
    nxt = f"{y + 1}-01" if m == 12 else f"{y}-{m + 1:02d}"
    return (prev, month, nxt)


@dataclass
class PersonIndex:
    """In-memory blocking index over the corpus's people, loaded once per store and kept in step.

    Lookups cost a rapidfuzz scan over distinct surnames (C speed), not over all people, so
    resolution stays cheap as the corpus grows.
    """

    by_key: dict[str, int] = field(default_factory=dict)
    by_surname: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    #: person id → (display name, its folded key), mirrored from the ``people`` table.
    display: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: Register aliases: a name the user says always means this person (checked first).
    pinned: dict[str, int] = field(default_factory=dict)
    #: (person, outlet, month) → articles naming the person in full: the evidence for bare
    #: surnames, also summed by (person, month), (person, outlet) and person for wider views.
    evidence: Counter = field(default_factory=Counter)
    by_month: Counter = field(default_factory=Counter)
    by_outlet: Counter = field(default_factory=Counter)
    by_person: Counter = field(default_factory=Counter)
    #: person id → corpus gender verdict, so a ``Mrs.`` never resolves to a man.
    gender: dict[int, str] = field(default_factory=dict)
    #: person id → role words articles claim for them when naming them in full ("senator").
    roles: dict[int, set[str]] = field(default_factory=dict)
    #: People whom articles naming them in full call a candidate or nominee (``seeks_office``).
    seekers: set[int] = field(default_factory=set)
    #: (surname initial, length) → distinct surnames: fuzzy surname matching scans only the
    #: surnames with the same initial (a typo rarely hits the first letter) and a length close
    #: enough to reach ``SURNAME_CUTOFF``, which keeps resolution well within a millisecond per
    #: name against 100,000 people.
    by_block: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    #: (folded single word, is a person) → articles whose NER entity of that one word is a
    #: person / an organisation or place: "Fox", "Politico", "Ferguson" are mostly the latter.
    word_kinds: Counter = field(default_factory=Counter)

    def add(self, person_id: int, key: str) -> None:
        """Register a person under its folded name (and any further variant seen for it)."""
        self.by_key.setdefault(key, person_id)
        sur = surname(key)
        if sur and sur not in self.by_surname:
            self.by_block.setdefault((sur[0], len(sur)), []).append(sur)
        bucket = self.by_surname.setdefault(sur, [])
        if (person_id, key) not in bucket:
            bucket.append((person_id, key))

    def note_article(self, person_id: int, outlet: str | None, month: str) -> None:
        """Count one article that names this person in full (call once per article and person)."""
        self.evidence[(person_id, outlet or "", month)] += 1
        self.by_month[(person_id, month)] += 1
        self.by_outlet[(person_id, outlet or "")] += 1
        self.by_person[person_id] += 1

    def mostly_a_thing(self, word: str) -> str | None:
        """Why a single word is not a person's name: the corpus names it as an organisation or a
        place in more articles than as a person (None if not)."""
        things, people = self.word_kinds.get((word, False), 0), self.word_kinds.get((word, True), 0)
        if things > people:
            return f"not a person: {things} articles name '{word}' as an organisation or place, {people} as a person"
        return None

    def family_of(self, word: str) -> str | None:
        """Why a single word is a family, not a person ("Bushes", "Clintons"): the plural of a
        surname people on file are named in full with, which nobody on file has as their own."""
        if self.full_name_people(word):
            return None
        for singular in (word[:-2] if word.endswith("es") else "", word[:-1] if word.endswith("s") else ""):
            if len(singular) > 2 and self.full_name_people(singular):
                return f"not a person: '{word}' is the plural of the surname '{singular}', a family"
        return None

    def office_seekers(self, sur: str) -> set[int]:
        """People named in full with this surname whom articles call a candidate or nominee
        (``seeks_office``) when naming them in full."""
        return self.full_name_people(sur) & self.seekers

    def full_name_people(self, sur: str) -> set[int]:
        """People known by a full name (first name and surname) ending in this surname."""
        return {pid for pid, k in self.by_surname.get(sur, []) if first_name(k) is not None}

    def infer(self, sur: str, outlet: str | None, month: str, gender: str | None = None,
              roles: frozenset[str] = frozenset()) -> Match:
        """Resolve a bare surname by what this outlet overwhelmingly means by it in this period.

        Never by the surname alone: a person is chosen only with at least ``INFER_MIN_ARTICLES``
        articles naming them in full and ``INFER_MIN_SHARE`` of all articles naming any bearer of
        the surname in full — in the same outlet within a month first; only when that view is
        silent or unanimous but thin, in all outlets within a month, then the outlet at any time,
        then the corpus (each wider view lowers the confidence). A contested view stops the
        search; roles the mention claims that articles give to different bearers leave it
        unresolved; a contradicting honorific gender rules a candidate out, and so does a role the
        mention claims that articles naming the likeliest person in full never give them (a
        "former President Clinton" is not the Clinton a campaign month means). ``unresolved``
        (with the reason) otherwise; ``new`` when nobody has the surname.
        """
        if sur in self.pinned:
            return Match(self.pinned[sur], "register", 100.0, 1.0, "register alias")
        candidates = self.full_name_people(sur)
        if not candidates:
            return Match(None, "new", 0.0)
        if gender in ("male", "female"):
            candidates = {p for p in candidates if self.gender.get(p, "unknown") in (gender, "unknown")}
        if roles and candidates:
            holders = [h for h in ({p for p in candidates if w in self.roles.get(p, set())} for w in sorted(roles)) if h]
            if any(not a & b for a in holders for b in holders):
                # "Governor Bush" and "Presidents Obama and Bush" in one article: roles that
                # articles give to different bearers in full say the surname means two people.
                return Match(None, "unresolved", 0.0, None, f"the article's roles for '{sur}' "
                             f"({', '.join(sorted(roles))}) belong to different people named in full")
            fit = {p for p in candidates if self.roles.get(p, set()) & roles}
            if len(fit) == 1:  # a role the article claims that only one bearer of the surname holds
                (best,) = fit
                shared = sorted(self.roles[best] & roles)
                return Match(best, "inferred", 100.0, 0.9, f"the only person named '{sur}' articles call "
                             f"{', '.join(shared)} when naming them in full")
        if not candidates:
            return Match(None, "unresolved", 0.0, None, f"no person named '{sur}' fits the {gender} honorific")
        for factor, where, best, n, total in self._leads(candidates, outlet, month):
            share = n / total
            if share < INFER_MIN_SHARE:  # contested here: a wider view must not overrule it
                return Match(None, "unresolved", 0.0, None, f"'{sur}' is not settled by {where} "
                             f"({n} of {total} articles naming a {sur.title()} in full name the likeliest)")
            if n >= INFER_MIN_ARTICLES:
                name = self.display.get(best, ("?", ""))[0]
                known = self.roles.get(best, set())
                if roles and known and not roles & known:
                    return Match(None, "unresolved", 0.0, None, f"the article calls this {sur.title()} "
                                 f"{', '.join(sorted(roles))}; articles naming {name} in full never do")
                return Match(best, "inferred", float(round(100 * share, 1)), round(factor * (n + 1) / (total + 2), 3),
                             f"{n} of {total} articles of {where} naming a {sur.title()} in full name {name}")
        return Match(None, "unresolved", 0.0, None,
                     f"{len(candidates)} people named '{sur}'; too few articles name any of them in full")

    def _views(self, outlet: str | None, month: str):  # noqa: ANN202 - (factor, description, counter) triples
        """The views a surname is judged in, narrowest first: this outlet within a month, all
        outlets within a month, this outlet at any time, the whole corpus."""
        months = near_months(month)
        return (
            (1.0, "this outlet within a month", lambda p: sum(self.evidence.get((p, outlet or "", m), 0) for m in months)),
            (0.9, "all outlets within a month", lambda p: sum(self.by_month.get((p, m), 0) for m in months)),
            (0.8, "this outlet at any time", lambda p: self.by_outlet.get((p, outlet or ""), 0)),
            (0.7, "the whole corpus", lambda p: self.by_person.get(p, 0)),
        )

    def _leads(self, people: set[int], outlet: str | None, month: str,
               own: frozenset[int] = frozenset()) -> Iterator[tuple[float, str, int, int, int]]:
        """For each view with an article naming any of ``people`` in full, narrowest first: its
        confidence factor, its description, the person with most such articles (ties go to the
        older person), their articles and all articles. ``own``: the people the article being
        resolved names in full, whose count of that one article is taken off (an article is no
        evidence of what its own bare surname means)."""
        for factor, where, count in self._views(outlet, month):
            counts = {p: max(0, count(p) - (p in own)) for p in people}
            total = sum(counts.values())
            if total:
                best, n = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
                yield factor, where, best, n, total

    def rival(self, sur: str, owner: int, outlet: str | None, month: str,
              own: frozenset[int] = frozenset()) -> str | None:
        """Why a bare surname in an article that names only ``owner`` in full may not mean them:
        another bearer of the surname whom this outlet and period name in full in more articles
        (at least ``INFER_MIN_ARTICLES``), judged in the narrowest view with that much evidence;
        None when the owner is the likeliest bearer (or nobody else bears the surname).

        ``own``: people the article being resolved names in full, whose count of it is taken off.

        Why: "the article's only full name" is right for most surnames, but an article that names
        only Bill Clinton (as a husband, a past president) often goes on to say "Clinton" for the
        candidate everybody else in that outlet and month calls Clinton; Melania and Ivanka
        Trump, Michelle Obama, a Bush of another generation are the same case.
        """
        others = self.full_name_people(sur) - {owner}
        if not others:
            return None
        for _, where, count in self._views(outlet, month):
            mine = max(0, count(owner) - (owner in own))
            theirs = {p: max(0, count(p) - (p in own)) for p in others}
            if not mine and not any(theirs.values()):
                continue
            best, n = max(theirs.items(), key=lambda kv: (kv[1], -kv[0]))
            if n > mine and n >= INFER_MIN_ARTICLES:
                name = self.display.get(best, ("?", ""))[0]
                return (f"{n} articles of {where} name {name} in full, "
                        f"{mine} {self.display.get(owner, ('?', ''))[0]}")
            if mine >= n and mine >= INFER_MIN_ARTICLES:
                return None  # the owner is the established bearer here
            # too thin to say either way: look wider
        return None

    def role_holders(self, sur: str, owner: int, roles: frozenset[str]) -> list[int]:
        """The other people named in full with this surname whom articles give one of ``roles``,
        when articles naming ``owner`` in full never do (empty otherwise).

        Why: an article that names only Michelle Obama in full and then writes "President Obama"
        means the surname's other bearer; the title is the article's own evidence against the
        single-owner join, and when one other bearer holds it, for whom the mention is."""
        if not roles or self.roles.get(owner, set()) & roles:
            return []
        return sorted(p for p in self.full_name_people(sur) - {owner} if self.roles.get(p, set()) & roles)

    def likeliest(self, sur: str, among: set[int], outlet: str | None, month: str, *, without_own: bool = False) -> Match:
        """Which of the people an article names in full with one surname its bare, unsettled
        mentions mean: the one this outlet and period name in full in at least
        ``ARTICLE_MIN_SHARE`` of the articles naming any of them (and at least
        ``INFER_MIN_ARTICLES``), judged in the narrowest view with that much evidence (a
        contested view ends the search); else unresolved.

        Why a lower share than ``INFER_MIN_SHARE``: the choice is only among the people the
        article itself names, and the caller also requires the article to name the chosen one
        most, so the corpus view only breaks a tie the article leaves. ``without_own``: the article
        itself is not counted (it names each of ``among`` in full once, which in a thin view makes
        it look contested: Bernie 2, Jane Sanders 1 in an outlet's month, both counts holding the
        article that names Jane once and Bernie fourteen times).
        """
        own = frozenset(among) if without_own else frozenset()
        for factor, where, best, n, total in self._leads(among, outlet, month, own):
            share = n / total
            if share >= ARTICLE_MIN_SHARE and n >= INFER_MIN_ARTICLES:
                name = self.display.get(best, ("?", ""))[0]
                return Match(best, "article-likeliest", float(round(100 * share, 1)),
                             round(factor * (n + 1) / (total + 2), 3),
                             f"the article names {len(among)} people '{sur}' and names {name} most; {n} of {total} "
                             f"articles of {where} naming one of them in full name {name}")
            if share < ARTICLE_MIN_SHARE:
                break  # contested here: a wider view must not overrule it
        return Match(None, "unresolved", 0.0, None, f"ambiguous in article: {len(among)} people named '{sur}'")

    def forget(self, person_id: int) -> None:
        """Drop a deleted person from every lookup."""
        name_key = self.display.pop(person_id, ("", ""))[1]
        self.gender.pop(person_id, None)
        self.seekers.discard(person_id)
        for key in [k for k, p in self.by_key.items() if p == person_id] + [name_key]:
            self.by_key.pop(key, None)
            bucket = self.by_surname.get(surname(key), [])
            bucket[:] = [(p, k) for p, k in bucket if p != person_id]

    def better_name(self, person_id: int, name: str, key: str) -> bool:
        """Adopt ``name`` as the display name if it is fuller (more tokens, or the same name with
        its accents kept); True when the caller must write the change. A first name spelled out
        beats an initial however many words follow ("Barack Obama", not "B. Hussein Obama")."""
        current, current_key = self.display.get(person_id, ("", ""))
        if current and _initial_first(key) and not _initial_first(current_key):
            return False
        n_new, n_old = len(key.split()), len(current_key.split())
        richer = key == current_key and sum(ord(c) > 127 for c in name) > sum(ord(c) > 127 for c in current)
        if n_new > n_old or richer or (
                _initial_first(current_key) and not _initial_first(key) and first_name(key) is not None):
            self.display[person_id] = (name, key)
            return True
        return False

    def _compound_surname(self, key: str) -> int | None:
        """The one person a compound surname and a full name ending in it name together, else None.

        Why: "Wasserman Schultz" or "Suu Kyi" alone reads as a first name and a surname, so it
        would found a second person beside Debbie Wasserman Schultz. Two words whose first is no
        dictionary first name (nor an initial) are the surname of the one person on file whose
        name of three or more words ends in them; and a full name ending in a compound surname
        that so far has a person only under that surname joins them (the order articles arrive in
        must not matter). Two people on file with the compound leave it alone.
        """
        words = key.split()
        if len(words) == 2 and len(words[0]) > 2 and not is_first_name(words[0]):
            owners = {p for p, k in self.by_surname.get(words[1], []) if len(k.split()) > 2 and k.endswith(" " + key)}
            return owners.pop() if len(owners) == 1 else None
        if len(words) > 2 and len(words[-2]) > 2 and not is_first_name(words[-2]):
            tail = " ".join(words[-2:])
            owners = {p for p, k in self.by_surname.get(words[-1], []) if k.endswith(tail)}
            if len(owners) == 1:
                (pid,) = owners
                if self.display.get(pid, ("", tail))[1] == tail:
                    return pid
        return None

    def resolve(self, key: str) -> Match:
        """Find the person a folded name belongs to, or say a new person is needed."""
        if key in self.pinned:
            return Match(self.pinned[key], "register", 100.0)
        if key in self.by_key:
            return Match(self.by_key[key], "exact", 100.0)
        given = first_name(key)
        if given is None:  # a bare surname across articles is ambiguous: exact only
            return Match(None, "new", 0.0)
        compound = self._compound_surname(key)
        if compound is not None:
            return Match(compound, "compound-surname", 100.0)
        sur = surname(key)
        # fuzz.ratio >= 90 allows a length difference of at most a ninth of the combined length.
        reach = int(len(sur) * (100 - SURNAME_CUTOFF) / (100 + SURNAME_CUTOFF) * 2) + 1
        pool = [x for n in range(len(sur) - reach, len(sur) + reach + 1) for x in self.by_block.get((sur[:1], n), [])]
        hits = process.extract(sur, pool, scorer=fuzz.ratio, score_cutoff=SURNAME_CUTOFF, limit=None)
        candidates: dict[int, float] = {}
        # A person any of whose names has other middle initials is someone else ("George W." /
        # "George H. W." Bush), even if another of their names ("George Bush") has none.
        clash = {p for sur, _, _ in hits for p, other in self.by_surname[sur]
                 if middles_conflict(key.split(), other.split())}
        for sur, _, _ in hits:
            for person_id, other in self.by_surname[sur]:
                other_given = first_name(other)
                if other_given is not None and first_names_agree(given, other_given) and person_id not in clash:
                    score = fuzz.token_sort_ratio(key, other)
                    candidates[person_id] = max(score, candidates.get(person_id, 0.0))
        if len(candidates) == 1:
            (person_id, score), = candidates.items()
            return Match(person_id, "fuzzy", float(score))
        if len(candidates) > 1:
            ranked = sorted(candidates.items(), key=lambda kv: -kv[1])
            # Only take the best when it clearly beats the runner-up; "J. Rodriguez" with
            # two J. Rodriguezes on file stays a separate, honest record.
            if ranked[0][1] - ranked[1][1] >= 10:
                return Match(ranked[0][0], "fuzzy", float(ranked[0][1]))
            return Match(None, "ambiguous", 0.0)
        return Match(None, "new", 0.0)
