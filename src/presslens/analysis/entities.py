"""Entities of one article: who and what is mentioned, under one canonical identity each.

spaCy's NER finds the mentions; this module decides which mentions are the same entity
within the article and which roles the article claims for each person. Matching folds
accents and case (``Guaidó`` == ``Guaido``) and lets a surname-only mention join the single
full name it abbreviates; the display name keeps the best-written form (the longest, with
its diacritics). Cross-article identity is the store's job, not this module's.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from presslens.analysis.cues import load_lexicon
from presslens.analysis.names import (
    DOCUMENT_HEADS,
    HEADLINE_NOUNS,
    ORG_HEADS,
    ORG_LEADERS,
    ORGANISATION_NOUNS,
    hyphenated_whole,
    initials_in_the_text,
    PLACE_NAMED_HEADS,
    RANK_ABBREVIATIONS,
    ROLE_NOUNS,
    ROLE_WORDS,
    TITLE_ABBREVIATIONS,
    VESSEL_NOUNS,
    before_an_office,
    WORK_NOUNS,
    clean_person,
    english_lemmas,
    epithet_before,
    first_name_gender,
    is_english_verb,
    is_english_word,
    first_names_agree,
    fold,
    is_first_name,
    middles_conflict,
    role_words,
    without_particles,
    word_lists,
)
from presslens.model import Article, Entity, Role
from presslens.textutil import hyphen_start

ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}

#: Honorifics that signal gender but are not roles.
GENDER_HONORIFICS = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "mme": "female",
                     "sir": "male", "dame": "female", "lord": "male", "lady": "female"}

_POSSESSIVE = re.compile(r"(?:'s|’s|‘s|'|’|‘)$")  # "Obama‘s": some outlets type the opening quote
_PARTY_TAG = re.compile(r"\s*\(([RDIL])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\)|,\s*([RDIL])-([A-Z][A-Za-z.]{1,6}),")


def _is_title_token(tok: Token) -> bool:
    low = tok.lower_.rstrip(".")
    return (low in TITLE_ABBREVIATIONS or low in ROLE_WORDS or low in GENDER_HONORIFICS
            or (low.endswith("s") and low[:-1] in ROLE_WORDS))  # "Presidents Obama and Clinton"


@dataclass
class _Cluster:
    type: str
    forms: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    gender_evidence: str | None = None
    labels: list[Role] = field(default_factory=list)
    #: A surname shared by several people of the article, which no evidence could settle.
    ambiguous: bool = False
    #: Definite descriptions of the person by a role the article gives them ("the senator").
    role_mentions: list[tuple[int, int]] = field(default_factory=list)

    keys: list[list[str]] = field(default_factory=list)

    def add_form(self, form: str) -> None:
        """Record a written form and its folded tokens (kept, not recomputed per comparison)."""
        self.forms.append(form)
        self.keys.append(without_particles(fold(form).split(), form))

    def display_name(self) -> str:
        """Longest form; among equally long ones, the one with more non-ASCII letters (diacritics kept)."""
        best = max(self.forms, key=lambda f: (len(fold(f).split()), not f.isupper(), sum(not c.isascii() for c in f),
                                              len(f)))
        return best.title() if best.isupper() else best  # an all-caps headline or transcript label


@dataclass(slots=True)
class _Mention:
    """One entity span after clean-up: where the name is, what kind of thing it names, and what was cut off."""

    start: int
    end: int
    name: str
    type: str
    label: Role | None = None
    honorific: str | None = None  # gender of an honorific inside the span ("Mrs. Clinton")
    #: A social-media handle read as the name it spells: it may only join a person the article names.
    handle: bool = False


#: Letters after a name for an honour, a rank at the bar or a seat ("Alasdair Whitcombe KC", "Dana Ross MP"):
#: not part of the name, which other outlets write without them.
POSTNOMINALS = frozenset({"KC", "QC", "SC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE", "KBE", "DBE"})


def _base_tokens(span: Span) -> tuple[list[Token], str | None]:
    """The span without determiners, leading titles, possessive endings, letters after the name
    (:data:`POSTNOMINALS`) and edge punctuation, and the gender of an honorific found among the
    leading titles."""
    tokens = list(span)
    honorific = None
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or
                      (span.label_ == "PERSON" and _is_title_token(tokens[0]) and len(tokens) > 1)):
        honorific = GENDER_HONORIFICS.get(tokens[0].lower_.rstrip("."), honorific)
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "’s"}
                      or tokens[-1].text in POSTNOMINALS and len(tokens) > 2 and tokens[-2].is_title):
        tokens = tokens[:-1]
    # "Obama’s ‘pivot": a possessive inside the span ends the name; so does an apostrophe after
    # a name ending in s ("Francis’ Apostolic Constitution").
    for n, t in enumerate(tokens[1:], 1):
        if t.lower_ in {"'s", "’s"} or (t.text in {"'", "’"} and tokens[n - 1].text.endswith("s")
                                         and not tokens[n - 1].whitespace_):
            tokens = tokens[:n]
            break
    return tokens, honorific


#: Prepositions of place: "from X, <state>" is where someone is from, not whom they met.
_PLACE_PREPOSITIONS = frozenset({"in", "from", "near", "outside"})


def _placed(span: Span) -> bool:
    """A name placed as a town is ("a 59-year-old from Hilton Head, South Carolina", "cities
    such as ... in San Pedro Sula, Honduras"): after a preposition of place and followed by a
    comma and a place the recogniser tags; the recogniser read it as a person."""
    doc = span.doc
    return (span.start > 0 and doc[span.start - 1].lower_ in _PLACE_PREPOSITIONS and span.end + 1 < len(doc)
            and doc[span.end].text == "," and doc[span.end + 1].ent_type_ in {"GPE", "LOC"})


def _names_a_building(last: Token) -> bool:
    """Whether a name is followed, on its line, by a title-case head of a building, school or firm
    ("Trump Tower", "Sandy Hook Elementary Principal Dawn Hochsprung") that the recogniser left
    outside the person span: the name is part of the organisation's."""
    doc = last.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return (nxt is not None and "\n" not in last.whitespace_ and nxt.is_title
            and fold(nxt.text) in PLACE_NAMED_HEADS)


#: Heads of laws named after people ("the Magnitsky Act", "the Hyde Amendment"), read as such after "the"
#: only: "Will Obama Act on Guns?" is a headline's verb.
_LAW_HEADS = frozenset({"act", "amendment"})


def _names_a_document(first: Token, last: Token) -> bool:
    """Whether a name (``first`` to ``last``) is followed, on its line, by a title-case head of a document
    or, after "the", a law that the recogniser left outside the person span ("the Steele Dossier", "the
    Kessler Memo", "the Magnitsky Act"): the document's name, not a mention of its namesake."""
    doc = last.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None or not nxt.is_title:
        return False
    the = first.i > 0 and doc[first.i - 1].lower_ == "the"
    return fold(nxt.text) in DOCUMENT_HEADS or the and fold(nxt.text) in _LAW_HEADS


def _join_nicknames(ents: list[Span]) -> list[Span]:
    """Person spans joined across a quoted nickname the recogniser ended one of them on
    ('George "Jay"' then 'Keyworth'), so the name is one person, not a first name and a surname
    never named in full."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (prev is not None and prev.label_ == ent.label_ == "PERSON" and ent.start == prev.end and len(prev) > 2
                and prev[-1].text in _CLOSING_QUOTE_MARKS and any(t.text in _OPENING_QUOTE_MARKS for t in prev[1:-1])):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _split_possessed(ents: list[Span]) -> list[Span]:
    """Entity spans split where a possessive inside them ends the possessor and a person's name
    follows: "National Renewal's Ruben Dakker", read by the recogniser as one organisation, is the
    party and its candidate. Without the split the name after the possessive is cut off with it
    (``_base_tokens``) and the person, speaker of every later "Dakker said", is never found.

    The words after the possessive must be two or three title-case words, the first a dictionary
    first name, none a role, title or organisation word ("the Children's Hospital", "Macy's
    Herald Square" stay whole); the possessor keeps the span's label, the name becomes a person.
    """
    out: list[Span] = []
    for ent in ents:
        k = next((n for n, t in enumerate(ent) if 0 < n < len(ent) - 2 and t.lower_ in {"'s", "’s"}), None)
        name = ent[k + 1:] if k is not None else None
        if (name is None or len(name) > 3 or not is_first_name(name[0].text)
                or any(not t.is_title or not t.is_alpha or fold(t.text) in ROLE_WORDS | ORG_HEADS
                       or fold(t.text) in TITLE_ABBREVIATIONS for t in name)):
            out.append(ent)
            continue
        out += [Span(ent.doc, ent.start, ent.start + k + 1, label=ent.label_),
                Span(ent.doc, name.start, name.end, label="PERSON")]
    return out


_OPENING_QUOTE_MARKS = frozenset({'"', "“", "``"})
_CLOSING_QUOTE_MARKS = frozenset({'"', "”", "''"})


_GLUED_DASH = re.compile(r"\S(?:--|—|–)(?=[A-Z])")


def _clean_mention(span: Span, text: str, support: dict[str, set[int]]) -> _Mention | None:
    """Strip possessive endings, leading titles and determiners off an entity mention; for people,
    also headline words, epithets (kept as a label), and tell families and organisations apart."""
    tokens, honorific = _base_tokens(span)
    type_ = ENTITY_TYPES[span.label_]
    label = None
    if type_ == "PERSON" and _placed(span):
        type_ = "GPE"
    if type_ == "PERSON":
        supported = {k for k, users in support.items() if users - {span.start_char}}
        cleaned = clean_person(tokens, supported)
        tokens = cleaned.tokens
        type_ = {"org": "ORG", "family": "FAMILY", "place": "GPE"}.get(cleaned.kind, "PERSON")
        if type_ == "PERSON" and tokens and _names_a_building(tokens[-1]):
            type_ = "ORG"
        if type_ == "PERSON" and tokens and _names_a_document(tokens[0], tokens[-1]):
            return None  # "the Steele Dossier": no mention of Christopher Steele
        if type_ == "PERSON" and len(tokens) == 1 and _is_title_token(tokens[0]) and not _surname_of_a_name(
                tokens[0], support):
            return None  # "Fr." at a line's end, its name on the next line; "the Apostolic Nuncio"
        outside = epithet_before(tokens[0]) if tokens and cleaned.label is None else None
        if len(tokens) == 1 and (_a_common_noun_use(tokens[0]) or _a_pageant_title(tokens[0])) or _a_party_member(span):
            return None
        if (outside is not None or cleaned.label is not None) and len(tokens) == 1 and is_english_word(
                tokens[0]) and not is_first_name(tokens[0].text) and not _surname_of_a_name(tokens[0], support):
            return None  # "the Purple Heart", "Common Core": an adjective and a noun name a thing
        if outside is not None:
            cleaned.label = (outside.i, outside.i)
        if cleaned.label is not None:
            first, last = span.doc[cleaned.label[0]], span.doc[cleaned.label[1]]
            label = Role(text=text[first.idx:last.idx + len(last.text)], start=first.idx,
                         end=last.idx + len(last.text))
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if type_ in {"PERSON", "FAMILY"} and (glued := list(_GLUED_DASH.finditer(text, start, end))):
        start = glued[-1].end()  # "wounded.--Kevin Johnson", "Fight”—Pat Buchanan": a byline glued on
    while start < end and type_ in {"PERSON", "FAMILY"} and not text[start].isalnum():
        start += 1  # "-Craig Fehrman": a dash the tokenizer left on a byline's first word
    name = _POSSESSIVE.sub("", text[start:end]) if type_ in {"PERSON", "FAMILY"} else text[start:end]
    end = start + len(name)
    if not name.strip() or not any(c.isalpha() for c in name):
        return None
    return _Mention(start, end, name, type_, label, honorific)


#: Words after "the" that make a name after them a common noun ("the first Latina to win", "the next Obama").
_THE_NTH = frozenset("first second third last next only other new".split())


#: What may follow a name used as a noun: "a Latina to win", "a Lincoln and a Reagan", "an Obama."
_CLOSING_POS = frozenset({"PUNCT", "CCONJ", "ADP", "PART", "VERB", "AUX", "DET", "SCONJ", "ADV", "PRON"})


def _a_common_noun_use(tok: Token) -> bool:
    """A one-word name used as a common noun: after "a"/"an" ("the first time a Latina won", "a
    Kennedy"), or after "the" and an ordinal ("the first Latina to take home"), and not modifying a
    noun ("a Trump supporter" is about the man)."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if before is None or after is not None and (after.text in {"-", "–"} or after.pos_ not in _CLOSING_POS):
        return False  # "a Johnson-backed lawsuit", "a Clinton precinct captain": a modifier
    return before.lower_ in {"a", "an"} or (before.lower_ in _THE_NTH and tok.i > 1 and doc[tok.i - 2].lower_ == "the")


#: Nouns for a party's members: after "a"/"an" and a place, they describe a politician ("Wilcox, an Orlando
#: Republican", "a Texas Democrat"), which the recogniser reads as a person's name.
_PARTY_MEMBERS = frozenset("republican republicans democrat democrats independent libertarian".split())


def _a_party_member(span: Span) -> bool:
    """Whether a span of two words or more after "a"/"an" (inside it or before it) ends in a party
    member's noun: a description ("an Orlando Republican"), not a name; "Orlando" is a first name too."""
    words = [t for t in span if t.lower_ not in {"a", "an"}]
    det = span[0] if span[0].lower_ in {"a", "an"} else span.doc[span.start - 1] if span.start > 0 else None
    return len(words) > 1 and det is not None and det.lower_ in {"a", "an"} and words[-1].lower_ in _PARTY_MEMBERS


#: Words that follow "Miss" in a beauty pageant's title ("Miss Universe", "Miss World", "Miss Teen USA");
#: the pageants named after places ("Miss America", "Miss Venezuela") the recogniser tags as places.
_PAGEANT_WORDS = frozenset("universe world earth international teen".split())


def _a_pageant_title(tok: Token) -> bool:
    """Whether a one-word name after "Miss" is a pageant's title ("a former Miss Universe said"): the
    honorific makes the word look like a woman's surname, and the title holder is not named by it."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_.rstrip(".") == "miss" and tok.lower_ in _PAGEANT_WORDS


def _surname_of_a_name(tok: Token, support: dict[str, set[int]]) -> bool:
    """Whether a title word is the surname of a full name the article gives ("King" of Larry King,
    "Bishop" of Rob Bishop): a name of several words, the first a dictionary first name. Otherwise
    a title alone names no one."""
    low = fold(tok.text)
    return any(len(k.split()) > 1 and k.split()[-1] == low and is_first_name(k.split()[0]) for k in support)


_CAMEL_WORD = re.compile(r"[A-Z][a-z]+")


def _handle_mention(ent: Span) -> _Mention | None:
    """A social-media handle in an entity span (``@HillaryClinton w``, ``@realDonaldTrump``) as
    the person name its camel-case words spell from the first dictionary first name to its end
    (``Hillary Clinton``, ``Donald Trump``), at the handle's offsets; None when the span has no
    handle or the handle spells no first name and surname (``@GovernorVA``, ``@edhenry``).

    Why: embedded tweets name people by account; the account is the person's own only when its
    name is one the article gives a person, so the caller lets it join, never found, a person."""
    tok = next((t for t in ent if t.text.startswith("@") and len(t.text) > 3), None)
    if tok is None:
        return None
    words = _CAMEL_WORD.findall(tok.text)
    k = next((n for n, w in enumerate(words) if is_first_name(w)), None)
    if k is None or len(words) - k < 2 or not tok.text.endswith("".join(words[k:])):
        return None
    return _Mention(tok.idx, tok.idx + len(tok.text), " ".join(words[k:]), "PERSON", handle=True)


def _supported_names(spans: list[Span], in_title) -> dict[str, set[int]]:  # noqa: ANN001 - a predicate
    """Folded names the article body uses for people (full names, and their first and last
    words), each with the spans that use it, so that a span never vouches for itself."""
    names: dict[str, set[int]] = {}
    for ent in spans:
        if ent.label_ != "PERSON" or in_title(ent) or len(ent) == 1 and hyphenated_whole(ent[0]) is not None:
            continue  # "Glass" cut from "Glass-Steagall" vouches for no name
        # As written, so that "Holtz-Eakin" is one word (its tokens are "Holtz", "-", "Eakin").
        words = fold("".join(t.text_with_ws for t in _base_tokens(ent)[0])).split()
        keys = {" ".join(words)} | ({words[0], words[-1]} if len(words) > 1 else set()) if words else set()
        for k in keys:
            names.setdefault(k, set()).add(ent.start_char)
    return names


def _role_span(doc: Doc, text: str, first: Token, last: Token) -> Role | None:
    """A Role for tokens first..last, trimmed of determiners and punctuation; None unless it names a role.
    A word hyphenated onto the first one stays with it: the parse often hangs "vice" of
    "vice-president" elsewhere, and the role without it is another office."""
    toks = list(doc[hyphen_start(first):last.i + 1])
    while toks and (toks[0].is_punct or toks[0].lower_ in {"a", "an"} and len(toks) > 1):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text != ".":
        toks = toks[:-1]
    if not toks or not any(t.lower_.rstrip(".") in ROLE_WORDS or t.lower_.rstrip(".") in TITLE_ABBREVIATIONS for t in toks):
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return Role(text=text[start:end], start=start, end=end)


_PREMODIFIER_TAGS = {"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH", "VBN", "NFP"}
_NOT_ROLE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _office_of(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the "of" of a capitalised office name: a role word before it and a
    capitalised word after it ("Secretary of State", "Minister of Defence", "Chief of Staff")."""
    return (doc[i].lower_ == "of" and i >= 1 and i + 1 < len(doc) and doc[i - 1].is_title and doc[i + 1].is_title
            and doc[i - 1].lower_ in ROLE_WORDS)


#: Academic titles written before a name: a degree held, not an office.
_ACADEMIC_TITLES = frozenset({"dr", "prof"})


def _premodifier_role(doc: Doc, text: str, ent: Span) -> tuple[Role | None, str | None]:
    """Role words before the name in the same noun phrase, and gender from an honorific.

    ``Venezuelan information minister Jorge Rodriguez`` → "Venezuelan information minister";
    ``Sen. Marco Rubio`` → "Sen."; ``US Secretary of State Mike Pompeo`` → "US Secretary of
    State"; ``Mr. Smith`` → no role, gender male. The walk is by
    part-of-speech rather than by dependency arcs because the small parser often misattaches
    hyphenated pre-modifiers such as ``U.S.-backed``; it stops at determiners, commas, verbs,
    prepositions, dates and line breaks.
    """
    gender = None
    i = ent.start - 1
    if ent[0].tag_ == "POS" or i >= 0 and doc[i].tag_ == "POS":
        return None, None  # "Editor's Note": a title before a possessive is its owner's, not the name's
    if i >= 0 and doc[i].lower_.rstrip(".") in GENDER_HONORIFICS:
        return None, GENDER_HONORIFICS[doc[i].lower_.rstrip(".")]
    first = None
    while i >= 0:
        tok = doc[i]
        if "\n" in tok.text_with_ws or tok.ent_type_ in _NOT_ROLE_ENTS:
            break
        titled = tok.lower_.rstrip(".") in TITLE_ABBREVIATIONS
        hyphenated = "-" in tok.text[1:-1] and tok.tag_.startswith("VB")  # "U.S.-backed", tagged a verb
        if _office_of(doc, i) and i + 1 < ent.start:
            # "Secretary of State Mike Pompeo": the "of" is inside the title ("the Archbishop of
            # Dakar" gives the place no office)
            first = doc[i - 1]
            i -= 2
            continue
        # "Deputy mayor for transport Imogen Strand", "Chairman of the trustees Peter Lindqvist": a lower-case
        # "for" or "of (the)" after a role word is inside the title when more words follow before the name.
        if tok.lower_ in ("of", "for") and i >= 1 and doc[i - 1].lower_ in ROLE_WORDS and i + 1 < ent.start:
            first = doc[i - 1]
            i -= 2
            continue
        if tok.lower_ == "the" and i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in ROLE_WORDS \
                and i + 1 < ent.start:
            first = doc[i - 2]
            i -= 3
            continue
        # A noun the tagger read as a verb ("harbour master": "harbour"/VB) still modifies the chain it hangs on.
        modifier = tok.dep_ in ("compound", "amod", "nmod") and i < tok.head.i < ent.end and tok.is_lower
        if not (tok.tag_ in _PREMODIFIER_TAGS or titled or hyphenated or modifier) or (tok.is_punct and tok.text != "-"):
            break
        first = tok
        i -= 1
    if first is None:
        return None, gender
    last = doc[ent.start - 1]
    if last.lower_.rstrip(".") in _ACADEMIC_TITLES and first.i < last.i:
        # "NMSA chief executive Dr Oswin Farraday": the doctorate is no part of the office, and an
        # outlet that writes "Dr" would otherwise claim another role than one that does not
        last = doc[last.i - 1]
    return _role_span(doc, text, first, last), gender


def _appositive_roles(doc: Doc, text: str, ent: Span) -> list[Role]:
    """Roles in apposition: ``Vladimir Padrino, the Maduro government's foreign minister, said``
    and the mirrored ``the foreign minister, Vladimir Padrino, said``."""
    roles = []
    root = ent.root
    for child in root.children:
        # "the agency's director-general": the parser may tag the hyphenated word's last part an adjective
        noun_like = child.pos_ in {"NOUN", "PROPN"} or (
            child.pos_ == "ADJ" and any(t.lower_ in ROLE_WORDS for t in child.lefts if t.dep_ == "compound"))
        if child.dep_ == "appos" and noun_like and not child.ent_type_ == "PERSON":
            stop = [c.left_edge.i for c in child.children if c.dep_ in {"relcl", "acl"} and c.i > child.i]
            last_i = min(stop) - 1 if stop else child.right_edge.i
            last = doc[max(child.i, last_i)]
            if last.i - child.left_edge.i <= 14:
                role = _role_span(doc, text, child.left_edge, last)
                if role:
                    roles.append(role)
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < ent.start:
        first = head.left_edge
        role = _role_span(doc, text, first, head)
        if role and role.end <= ent.start_char:
            roles.append(role)
    if (court := _COURT_PARTICIPLE.match(text, ent.end_char)) is not None:
        roles.append(Role(text=court.group(1), start=court.start(1), end=court.end(1)))
    return roles


#: A court report's side of a lawyer, set off after the name ("Alasdair Whitcombe KC, prosecuting, told the
#: court", "Ruth Gadsby, prosecuting for the fire service", "Ian Ross, defending,"): no role noun, so the
#: apposition above misses it; a senior counsel's letters may stand between.
_COURT_PARTICIPLE = re.compile(r"(?:\s+(?:KC|QC|SC))?,\s+(prosecuting|defending)\b(?=\s*(?:,|for\b|on behalf\b))")


def _shared_role(doc: Doc, ents: list[Span], ent: Span) -> Role | None:
    """A plural role before the first of coordinated names is each one's: ``Presidents Obama
    and Bush`` gives "Presidents" to Bush too (the walk before Bush stops at "and").

    ``ents`` are the article's entity spans, read once (``Doc.ents`` rebuilds them on each call)."""
    head = ent.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head is ent.root or head.ent_type_ != "PERSON":
        return None
    first = next((e for e in ents if e.start <= head.i < e.end), None)
    if first is None:
        return None
    # The title is inside the first name's span ("Presidents Obama") or right before it.
    for title in ([first[0]] if len(first) > 1 else []) + ([doc[first.start - 1]] if first.start else []):
        if title.tag_ in {"NNS", "NNPS"} and title.lower_[:-1] in ROLE_WORDS:
            return Role(text=title.text, start=title.idx, end=title.idx + len(title.text))
    return None


#: Entity types of places and nationalities, which a person's surname only rarely is.
_PLACE_OR_PEOPLE = frozenset({"GPE", "LOC", "NORP"})
#: Nouns a surname modifies when it names a family or a time rather than one person ("the Bush
#: family", "the Bush years"), besides the organisation nouns.
_ATTRIBUTIVE_HEADS = ORG_HEADS | {"family", "year", "dynasty", "clan"}


def _attributive(ent: Span) -> bool:
    """Whether the name modifies a lower-case organisation, family or period noun right after it
    ("the Bush administration", "the Bush presidencies")."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.is_lower and nxt.lemma_.lower() in _ATTRIBUTIVE_HEADS


def _party_tag(text: str, ent: Span) -> Role | None:
    """``Sen. Marco Rubio (R-Fla.)`` → "R-Fla."; also ``Rubio, R-Fla.,``."""
    m = _PARTY_TAG.match(text, ent.end_char)
    if not m:
        return None
    g = 1 if m.group(1) else 3
    start, end = m.start(g), m.end(g + 1)
    return Role(text=text[start:end], start=start, end=end)


@dataclass(slots=True)
class _Clues:
    """What a surname-only mention itself says about who it is: where it is, an honorific's
    gender (``Mrs. Clinton``) and the role words before it (``former President Clinton``)."""

    start: int
    gender: str | None = None
    role_words: frozenset[str] = frozenset()
    #: Gender of the pronouns after the mention in its sentence, when they are all of one
    #: gender and no other person is named in that sentence ("Clinton said she ...").
    pronoun: str | None = None
    #: The surname modifies an organisation noun ("the Bush administration", "the Bush family"):
    #: which bearer it means is not shown by who was named nearby.
    attributive: bool = False


def _cluster_gender(c: _Cluster) -> str | None:
    """The cluster's gender from an honorific, else from its fullest first name (dictionary)."""
    if c.gender:
        return c.gender
    full = [k for k in c.keys if len(k) > 1]
    return first_name_gender(max(full, key=len)[0]) if full else None


_PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
             "she": "female", "her": "female", "hers": "female", "herself": "female"}


def _span_genders(spans: list[Span]) -> dict[int, str | None]:
    """Token start of each PERSON span → its gender as far as the article's names show it: the
    first-name dictionary for a full name, and for a bare surname the one gender of the full
    names ending in it (None when unknown or mixed)."""
    people = [e for e in spans if e.label_ == "PERSON"]
    by_surname: dict[str, set[str | None]] = {}
    for e in people:
        words = fold(e.text).split()
        if len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(first_name_gender(words[0]))
    out: dict[int, str | None] = {}
    for e in people:
        words = fold(e.text).split()
        if len(words) > 1:
            out[e.start] = first_name_gender(words[0])
        else:
            found = by_surname.get(words[0] if words else "", {None})
            out[e.start] = next(iter(found)) if len(found) == 1 else None
    return out


def _pronoun_gender(ent: Span, person_genders: dict[int, str | None]) -> str | None:
    """The one gender of the personal pronouns after the mention in its sentence that no other
    person named in the sentence can take: "Trump warned Clinton that he'd make an issue of her
    husband" leaves "her" to Clinton, as Trump is a man. None when another person of the sentence
    is of unknown gender (the pronoun could be theirs), or the pronouns left are of both genders.

    ``person_genders`` maps the token starts of the document's PERSON entities to their gender
    (``_span_genders``), read once per article (``Span.ents`` rebuilds every entity of the
    document on each call)."""
    sent = ent.sent
    others = [g for s, g in person_genders.items() if sent.start <= s < sent.end and s != ent.start]
    if None in others:
        return None
    found = {_PRONOUNS[t.lower_] for t in sent if t.i >= ent.end and t.lower_ in _PRONOUNS} - set(others)
    return found.pop() if len(found) == 1 else None


def _by_gender(candidates: list[_Cluster], gender: str | None) -> _Cluster | None:
    """The one candidate of this gender, when every other candidate is known to be of the other
    gender: a first name the dictionary does not know (``Jeh Johnson``) leaves that person possible,
    so "Johnson ... his remarks" in an article naming Gary and Jeh Johnson stays open."""
    fit = [c for c in candidates if _cluster_gender(c) in (gender, None)] if gender else []
    return fit[0] if len(fit) == 1 and _cluster_gender(fit[0]) == gender else None


def _disambiguate(candidates: list[_Cluster], clues: _Clues | None, text: str) -> _Cluster | None:
    """Pick the one same-surname person the mention's own evidence points to, else None.

    In order: an honorific's gender, a role word shared with only one candidate, and the one
    candidate named in full earlier in the same paragraph (with no rival named there). An
    honorific also rules out every candidate of the other gender for the later clues: "Mrs.
    Clinton" in an article naming Hillary, Bill and Chelsea Clinton is never Bill's because Bill
    was the one named in the paragraph (which made his person a woman and drew every later "Mr.
    Clinton" away from him).
    """
    if clues is None:
        return None
    if clues.gender:
        candidates = [c for c in candidates if _cluster_gender(c) in (None, clues.gender)]
    chosen = _by_gender(candidates, clues.gender)
    if chosen is None and clues.role_words:
        fit = [c for c in candidates if clues.role_words & frozenset().union(*(role_words(r.text) for r in c.roles))]
        chosen = fit[0] if len(fit) == 1 else None
    chosen = chosen or _by_gender(candidates, clues.pronoun)
    if chosen is not None:
        return chosen
    if clues.attributive:
        return None
    # The one candidate named in full earlier in the same paragraph, or else the one named in
    # full anywhere before the mention (the rival is introduced only later), with no rival there.
    for window_start in (text.rfind("\n", 0, clues.start) + 1, 0):
        named = [c for c in candidates
                 if any(len(k) > 1 and window_start <= m[0] < clues.start for k, m in zip(c.keys, c.mentions))]
        if len(named) == 1:
            return named[0]
        if named:
            return None
    return None


def _match_cluster(clusters: list[_Cluster], tokens: list[str], type_: str, clues: _Clues | None = None,
                   text: str = "") -> tuple[_Cluster | None, bool]:
    """Find the cluster this (folded) name belongs to (None for a new one), and whether the
    name is a surname shared by several people of the article that its evidence cannot settle."""
    key = " ".join(tokens)
    same_type = [c for c in clusters if c.type == type_]
    if type_ == "PERSON" and len(tokens) == 1:
        owners = [c for c in same_type if any(len(k) > 1 and k[-1] == key for k in c.keys)]
        if len(owners) > 1:
            chosen = _disambiguate(owners, clues, text)
            if chosen is not None:
                return chosen, False
            return next((c for c in same_type if c.ambiguous and c.keys[0] == tokens), None), True
    if type_ == "PERSON" and len(tokens) == 1 and clues is not None and clues.gender:
        # "Mrs. Obama" where the article names only Barack Obama is someone else: an honorific
        # never joins a person of the other gender.
        same_type = [c for c in same_type if _cluster_gender(c) in (None, clues.gender)]
    for c in same_type:
        if any(" ".join(k) == key for k in c.keys):
            return c, False
    if type_ != "PERSON":
        return None, False
    if len(tokens) == 1:
        hits = [c for c in same_type if any(len(k) > 1 and (k[-1] == key or k[0] == key) for k in c.keys)]
        surname_hits = [c for c in hits if any(len(k) > 1 and k[-1] == key for k in c.keys)]
        hits = surname_hits or hits
        return (hits[0] if len(hits) == 1 else None), False
    if len(tokens) == 2:
        # "Peña Nieto", "Suu Kyi", "Guajardo Villarreal": the last two words of the one full name
        # that ends in them are that person's compound surname, not a first name and a surname
        # (the dictionary cannot tell: it knows "Peña" and "Suu" as first names).
        tails = [c for c in same_type if any(len(k) > 2 and k[-2:] == tokens for k in c.keys)]
        if len(tails) == 1:
            return tails[0], False
    for c in same_type:
        for k in c.keys:
            if (len(k) > 1 and k[-1] == tokens[-1] and first_names_agree(k[0], tokens[0])
                    and not middles_conflict(k, tokens)):
                return c, False
            if (len(k) > 1 and fuzz.ratio(" ".join(k), key) >= 92 and first_names_agree(k[0], tokens[0])
                    and not middles_conflict(k, tokens)):
                return c, False
    return None, False


def _is_surname_of_person(clusters: list[_Cluster], key: str, words: frozenset[str] | None = None) -> bool:
    """Whether a person of the article has ``key`` as the last word of a name of several words; given
    the English ``words``, only one the article shows is a person: a role or a gender, or a name
    opening with a dictionary first name or with no English word ("Tomas Brandt", "Merrick Garland";
    not "Define American" nor "Bugle London")."""
    return any(c.type == "PERSON" and any(
        len(k) > 1 and k[-1] == key and (words is None or bool(c.roles) or bool(c.gender) or is_first_name(k[0])
                                         or k[0] not in words)
        for k in c.keys) for c in clusters)


def _is_first_name_of_person(clusters: list[_Cluster], word: str) -> bool:
    """A first name (by the dictionary) that exactly one person of the article has: ``Melania``,
    which the NER tags a place, after the article named Melania Trump."""
    key = fold(word)
    owners = [c for c in clusters if c.type == "PERSON" and any(len(k) > 1 and k[0] == key for k in c.keys)]
    return len(owners) == 1 and is_first_name(word)


def _described_as(ent: Span) -> str | None:
    """"ORG" when a person span names what the organisation noun right before it is: "the activist
    group Mosul Eye", "the news site RTL Info reported" (the parser hangs the name on the noun as
    its apposition), "the blood-testing company Theranos" (the noun a compound of the name), or what
    one after it in apposition is, unless its first word is a first name of known gender ("Robey
    Warshaw, a firm founded in 2014"; "Bill Acker, a one-man band" is a man);
    "WORK" when that noun is a work's or a document's ("the exhortation Amoris Laetitia", "his novel
    Il Santo"); else None.

    Not when the name is the subject of a relative clause on the noun: in "the company Donald Trump
    built" he built it. A first name before a verb reads as one ("the organization Bill Clinton used
    to ..."), unless the dictionary gives it no gender and the parse makes the noun, not the name, the
    subject of a verb with an object ("the Italian newspaper Il Fatto Quotidiano published ...": "Il"
    passes as a first name)."""
    last, doc = ent[-1], ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if _is_title_token(ent[0]) or before is not None and _is_title_token(before):
        return None  # "Martin's book, Cardinal Farrell!": a title makes a person
    nxt = doc[ent.end] if ent.end < len(doc) else None
    verb_next = nxt is not None and (nxt.tag_.startswith("VB") or nxt.tag_ == "MD")
    noun = last.head
    if first_name_gender(ent[0].text) is None and nxt is not None and nxt.text == "," and any(
            c.dep_ == "appos" and c.left_edge.i == ent.end + 1 and c.is_lower and c.lower_ in ORGANISATION_NOUNS
            for c in ent.root.children):
        return "ORG"  # "Robey Warshaw, a firm founded in 2014,": a person's apposition is a role, not a body
    if before is not None and _a_ship_noun(before) and (ent.start <= before.head.i < ent.end or noun.i == before.i):
        return "WORK"  # "The aircraft carrier Harry Truman followed": a ship's noun before a name is its name's
    # The noun is the verb's subject and the verb has an object of its own: "a group Barack Obama won
    # by 2 points", parsed the same way, is a relative clause whose object is the noun.
    noun_subject = (last.dep_ == "appos" and nxt is not None and noun.head.i == nxt.i and noun.dep_ == "nsubj"
                    and any(c.dep_ in ("dobj", "ccomp") for c in nxt.children))
    if verb_next and len(ent) > 1 and is_first_name(ent[0].text) and not (
            noun_subject and first_name_gender(ent[0].text) is None):
        return None  # a first name of known gender ("Bill") reads as a relative clause's subject however parsed
    if (before is not None and before.dep_ in ("compound", "amod") and ent.start <= before.head.i < ent.end
            and (kind := _noun_kind(before, len(ent))) is not None):
        return kind
    if _quoted_after_a_work_noun(ent):
        return "WORK"  # 'the film "Gordon Reese"': the quotation marks part the noun from the title
    if last.dep_ != "appos" or not 0 < ent.start - noun.i <= 3 or _noun_kind(noun, len(ent)) is None:
        return None
    kind = _noun_kind(noun, len(ent))
    if kind == "WORK" and before is not None and before.text == "," and first_name_gender(ent[0].text):
        return None  # "The author of the book, Mitchell Zuckoff, said": the apposition is the author's
    return kind if not verb_next or noun.head.i == nxt.i else None


def _a_ship_noun(noun: Token) -> bool:
    """A noun for a ship ("destroyer", "yacht", "aircraft carrier")."""
    aircraft = noun.i > 0 and noun.doc[noun.i - 1].lower_ == "aircraft"
    return noun.lower_ in VESSEL_NOUNS or noun.lower_ == "carrier" and aircraft


def _a_titled_work(ent: Span) -> bool:
    """Whether a span the recogniser tags a work of art follows a work's noun, bare or in quotation marks
    ('the film "Gordon Reese"'): the same words elsewhere in the article name the work, not a person."""
    return len(ent) > 1 and ent.start > 0 and (ent.doc[ent.start - 1].lower_ in WORK_NOUNS
                                               or _quoted_after_a_work_noun(ent))


def _quoted_after_a_work_noun(ent: Span) -> bool:
    """Whether a name of two words or more fills quotation marks right after a work's noun ('the film
    "Gordon Reese"', 'his novel "Ada Blume,"'): a title, however much it looks like a person's name."""
    doc = ent.doc
    end = ent.end + (ent.end < len(doc) and doc[ent.end].text in {",", "."})
    return (len(ent) > 1 and ent.start > 1 and doc[ent.start - 1].text in _OPENING_QUOTE_MARKS
            and end < len(doc) and doc[end].text in _CLOSING_QUOTE_MARKS and doc[ent.start - 2].lower_ in WORK_NOUNS)


def _noun_kind(noun: Token, words: int) -> str | None:
    """"ORG" for an organisation noun, "WORK" for a work's or document's before a name of ``words``
    words, two or more (one word after "book" is as often a person addressed: "Martin's book,
    Farrell!"), or for a ship's noun before any name (a ship is no entity the analysis follows), else
    None."""
    low = noun.lower_
    if _a_ship_noun(noun):
        return "WORK"  # "the destroyer Elsa Brandt", "the aircraft carrier Harry Truman": a ship named after a person
    return "ORG" if low in ORGANISATION_NOUNS else "WORK" if low in WORK_NOUNS and words > 1 else None


def _add_missed_full_names(doc: Doc, clusters: list[_Cluster]) -> None:
    """Add the full name the NER missed of a person the article otherwise names by surname only.

    "Tashfeen Malik passed three checks ... Ms. Malik had made little effort": the recogniser
    left the full name untagged and tagged a dozen "Ms. Malik", so the person was known by her
    surname alone and the store, with no one named in full, could not tell who she is. Two
    title-case proper nouns on one line outside any entity, the second the surname of exactly one
    person of the article that is never named in full and shows a person's sign (an honorific's
    gender or a role), the first no English word (``_complete_name``'s test: "Said Malik",
    "Dear Malik" stay as they are), make a full-name mention of that person.
    """
    bare: dict[str, list[_Cluster]] = {}
    for c in clusters:
        if c.type == "PERSON" and c.keys and all(len(k) == 1 for k in c.keys) and (c.gender or c.roles):
            bare.setdefault(c.keys[0][0], []).append(c)
    full = {k[-1] for c in clusters if c.type == "PERSON" for k in c.keys if len(k) > 1}
    for tok in doc[1:]:
        prev, key = doc[tok.i - 1], fold(tok.text)
        owners = bare.get(key, [])
        if (len(owners) != 1 or key in full or tok.tag_ != "NNP" or tok.ent_type_ or not tok.is_title
                or prev.whitespace_ != " " or not _could_be_a_name_word(prev) or is_english_word(prev)):
            continue
        owners[0].mentions.append((prev.idx, tok.idx + len(tok.text)))
        owners[0].add_form(doc.text[prev.idx:tok.idx + len(tok.text)])


def _add_missed_surnames(doc: Doc, clusters: list[_Cluster]) -> None:
    """Add surname-only mentions the NER missed (``Brandt said ...`` left untagged).

    Only for a surname that belongs to exactly one person of the article, and only on proper
    nouns outside any other entity, so that pronoun and speaker resolution can rely on the
    mention list being complete. Opening a sentence, an unfamiliar surname is often tagged a
    common noun ("Vellacott conceded defeat", ``NN``): a title-case word there that is no
    English word counts as a proper noun ("Price rose" stays the price).
    """
    by_surname: dict[str, list[_Cluster]] = {}
    for c in clusters:
        if c.type == "PERSON":
            for k in {k[-1] for k in c.keys if len(k) > 1}:
                by_surname.setdefault(k, []).append(c)
    if not by_surname:
        return
    for tok in doc:
        if tok.ent_type_ or (tok.tag_ not in {"NNP", "NNPS"} and not _untagged_name(tok)):
            continue
        owners = by_surname.get(fold(tok.text))
        # not a surname before a document's or law's head: "the Steele Dossier", "the Magnitsky Act"
        if owners and len(owners) == 1 and not _a_common_noun_use(tok) and not _names_a_document(tok, tok):
            span = (tok.idx, tok.idx + len(tok.text))
            # Not the surname of a full name the NER left untagged and a rule above completed.
            if not any(s <= span[0] < t for s, t in owners[0].mentions):
                owners[0].mentions.append(span)
                owners[0].add_form(tok.text)


def _untagged_name(tok: Token) -> bool:
    """A sentence's first word the tagger took for a common noun that can only be a name: title
    case, letters only, no English word."""
    return tok.is_sent_start and tok.tag_ == "NN" and tok.is_title and tok.is_alpha and not is_english_word(tok)


def _could_be_a_name_word(tok: Token) -> bool:
    """A title-case proper noun outside any entity that is no role, title, honorific,
    organisation or headline noun, nor an English verb (``Hillary Slams``): a name part the NER
    left outside a person span."""
    low = fold(tok.text)
    return ((not tok.ent_type_ or _a_mistaken_date(tok)) and tok.tag_ == "NNP" and tok.is_title and tok.is_alpha
            and len(tok.text) > 1 and low not in ROLE_WORDS and low not in TITLE_ABBREVIATIONS and low not in GENDER_HONORIFICS
            and low not in ORG_HEADS and low not in ORG_LEADERS and low not in HEADLINE_NOUNS
            and not is_english_verb(tok))


def _a_mistaken_date(tok: Token) -> bool:
    """A one-word date or time entity that is no English word: a surname the small model reads as a
    date for its ending (``Dr Oswin Farraday`` gives ``Oswin`` PERSON, ``Farraday`` DATE). Real
    one-word dates are words (weekdays, months, ``Christmas``, ``Ramadan``); a name after a first
    name that no dictionary knows is the rest of the name."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (tok.ent_type_ in {"DATE", "TIME"} and tok.ent_iob_ == "B" and (nxt is None or nxt.ent_iob_ != "I")
            and not is_english_word(tok))


def _complete_name(ent: Span) -> Span:
    """The person span with the name part the NER left outside it.

    The surname: ``Mayor Tomas Weil`` is tagged ``Tomas`` alone by the small model (with or
    without the title) and ``Weil`` gets no entity. A span that ends in a dictionary first name
    takes the next token on the same line when it could be a name word
    (``_could_be_a_name_word``).

    The first name: in a dateline ``CHICAGO - Rahm Emanuel may have ...`` only ``Emanuel`` is
    tagged, and the article never names its mayor in full. A one-word span takes the word right
    before it on the same line when it could be a name word and is no English word at all
    (``Dear Emanuel``, ``Though Emanuel``, ``Morning Joe`` stay as they are; so does a first name
    that is also a word, ``Mark``, which the NER rarely leaves out).
    Otherwise the span is returned unchanged.
    """
    doc = ent.doc
    if ent.label_ != "PERSON":
        return ent
    if ent.end < len(doc):
        last, nxt = doc[ent.end - 1], doc[ent.end]
        if (last.whitespace_ == " " and last.is_title and is_first_name(last.text)
                and _could_be_a_name_word(nxt)):
            return Span(doc, ent.start, ent.end + 1, label=ent.label_)
    if len(ent) == 1 and ent.start > 0 and ent[0].is_title:
        prev = doc[ent.start - 1]
        if prev.whitespace_ == " " and _could_be_a_name_word(prev) and not is_english_word(prev):
            return Span(doc, ent.start - 1, ent.end, label=ent.label_)
    return ent


#: Title abbreviations written out, so that "Sen. Tim Kaine" supports "the senator".
_SPELLED_OUT = {"sen": "senator", "rep": "representative", "gov": "governor", "pres": "president",
                "sec": "secretary", "amb": "ambassador", "gen": "general", "prof": "professor"}


def _role_key(words: list[str]) -> str:
    """A role's words as a description would repeat them: folded, without determiners or edge
    punctuation, abbreviations written out ("the former Sen." → "former senator")."""
    out = [_SPELLED_OUT.get(w, w) for w in (fold(w).strip(".-") for w in words) if w and w not in {"the", "a", "an"}]
    return " ".join(out)


def _title_mentions(doc: Doc, clusters: list[_Cluster]) -> None:
    """Join definite descriptions (``the president``, ``the former senator``) to the one person the
    article names in full and gives that whole role, adding them to the cluster's ``role_mentions``.

    Precision first: the words after ``the`` must be the whole of a role the article gives
    exactly one person (so "the president" is not the vice president, nor a former president),
    outside any entity and any role span (an appositive role is no second mention), after that
    person's first mention, not a predicate ("she should be the president") and not followed by
    a noun or "of" ("the president candidate", "the president of Mexico" may be someone else)."""
    owners: dict[str, set[int]] = {}
    claimed = [(r.start, r.end) for c in clusters for r in c.roles]
    for n, c in enumerate(clusters):
        if c.type == "PERSON" and any(len(k) > 1 for k in c.keys):
            for r in c.roles:
                key = _role_key(r.text.split())
                if key and key.split()[-1] in ROLE_WORDS:
                    owners.setdefault(key, set()).add(n)
    # By first word, longest first, so that each "the" costs one fold of the word after it.
    by_first: dict[str, list[tuple[int, str, int]]] = {}
    for key, holders in owners.items():
        if len(holders) == 1:
            words = key.split()
            by_first.setdefault(words[0], []).append((len(words), key, next(iter(holders))))
    if not by_first:
        return
    # Only the "the" tokens, found in the Doc's LOWER array (a Python loop over every token
    # would cost more than the rest of this function).
    firsts = set(by_first) | {abbr for abbr, word in _SPELLED_OUT.items() if word in by_first}
    for i in (doc.to_array(LOWER) == doc.vocab.strings["the"]).nonzero()[0].tolist():
        if i + 1 >= len(doc) or doc[i].ent_type_ or doc[i + 1].lower_.rstrip(".") not in firsts:
            continue
        for size, key, n in sorted(by_first.get(_role_key([doc[i + 1].text]), []), reverse=True):
            words = doc[i + 1:i + 1 + size]
            if _role_key([t.text for t in words]) != key or any(t.ent_type_ for t in words):
                continue
            nxt = doc[words.end] if words.end < len(doc) else None
            followed = nxt is not None and (nxt.pos_ in {"NOUN", "PROPN"} or nxt.lower_ == "of")
            if followed or words[-1].dep_ == "attr":
                break
            span = (words.start_char, words.end_char)
            if min(clusters[n].mentions)[0] < span[0] and not any(s < span[1] and span[0] < e for s, e in claimed):
                clusters[n].role_mentions.append(span)
            break


#: Honorifics only a person is given, never an office a body holds: before words the recogniser
#: missed or typed an organisation ("Dr Marit Olsgaard said"), they show the words are a person's name.
PERSON_HONORIFICS = frozenset("dr mr mrs ms mx miss prof professor sir dame rev reverend".split())


def _honorific(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in PERSON_HONORIFICS


def _person_described(doc: Doc, ent: Span, n_words: int) -> bool:
    """Whether an organisation-typed name of a few title-case words is a person's the article describes
    as one: no word an organisation's, and either its first word a first name of known gender with a
    "who" clause on it or a role noun in apposition ("Deputy mayor for transport Imogen Strand, who has
    championed the scheme"; "Orsk Rail, the line's owner" has no first name; "his barrister, Alasdair
    Whitcombe KC"), or a job title right before it whatever its first name ("Head of security Ysolde
    Fernacre")."""
    end = ent.end
    while end - 1 > ent.start and doc[end - 1].text in POSTNOMINALS:
        end -= 1  # "Alasdair Whitcombe KC"
    words = doc[end - n_words:end]
    body_words = ORGANISATION_NOUNS | ORG_HEADS
    if any(not t.is_title for t in words) or any(fold(t.text) in body_words for t in words):
        return False
    if fold(words[-1].text) in RANK_ABBREVIATIONS | ROLE_NOUNS or before_an_office(list(words)) or _a_party_member(ent):
        return False  # "spokesman Navy Capt. Jeff Davis", "Deputy National Security Advisor": an office's words
    if first_name_gender(words[0].text) is None:
        # a first name no list knows, after a job title ("Head of security Ysolde Fernacre"): no body
        # has a head of security for a title
        role, _ = _premodifier_role(doc, doc.text, ent)
        # not a kind of body: "the activist group Mosul Lens"
        return role is not None and not any(fold(w) in body_words for w in role.text.split())
    root = ent.root
    # the mirrored apposition: "his barrister, Alasdair Whitcombe KC,"
    mirrored = root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in ROLE_WORDS \
        and root.head.i < ent.start
    return mirrored or _said_to_be_a_person(root, root)


#: Words before a name that place it ("the extension to Pell Heath", "residents of Pell Heath", "the
#: line between Aldbury and Wexcombe").
_PLACING = frozenset({"to", "of", "in", "from", "near", "outside", "across", "around", "between"})
#: Lower-case nouns a place's name modifies ("to Wexcombe station", "short of Tollesk harbour", "the
#: Castleford district"): a name before one, after a word that places it, is a place's.
_PLACE_NOUNS = frozenset("""
station junction harbour harbor port docks quay district suburb village town valley colliery
""".split())


#: The place of a wire dateline opening a paragraph ("VARNHOLM, March 12 (Aldermoor Wire) -", "KESSIK,
#: Velmora (Pellicott Register) -"): a town in capitals, then a region or a date after a comma, an
#: agency in brackets and a dash. The words before the dash say where the story was filed.
_DATELINE_PLACE = re.compile(r"^[ \t]*([A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3})(?:,[ ]([^\n,(—–―]{1,40}?))?"
                             r"(?:[ ]\([^)\n]{1,30}\))?[ \t]*(?:—|–|―|--|-)", re.MULTILINE)


def _in_dateline(span: Span) -> bool:
    """Whether a mention is the place of a wire dateline (not its date, "Oct 2")."""
    return any(m.start(g) <= span.start_char and span.end_char <= m.end(g)
               for m in _DATELINE_PLACE.finditer(span.doc.text) for g in (1, 2)
               if m.group(g) and not any(ch.isdigit() for ch in m.group(g)))


def _placed_mention(span: Span) -> bool:
    """Whether a mention stands after a word that places it, or is a conjunct of one that does
    ("between Aldbury and Wexcombe", "the villages of Essendell, Brackmoor and Ullin")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in _PLACING:
        return True
    root = span.root
    first = root.head if root.dep_ == "conj" else None
    while first is not None and first.dep_ == "conj" and first.head is not first:
        first = first.head
    return first is not None and first.i > 0 and doc[first.i - 1].lower_ in _PLACING


def _only_placed(doc: Doc, c: _Cluster) -> bool:
    """Whether a "person" the article never treats as one is a place: no role, honorific or gender,
    a first word that is no first name, and each mention either placed (after a preposition of
    place, "to Pell Heath", "residents of Pell Heath", or a conjunct of such a mention, "between
    Aldbury and Wexcombe") or modifying a noun ("the Pell Heath railway bridge", "Pell Heath resident
    Gloria Amankwah"), never the subject or object of a verb; with one of each kind, in two mentions
    or in one placed mention before a lower-case place noun ("to Wexcombe station", "in the Castleford
    district"), or one placed mention conjoined with a name the recogniser tags a place ("between
    Aldbury and Wexcombe"), or a wire dateline's place ("VARNHOLM, March 12 (Aldermoor Wire) -"). The
    recogniser reads an unfamiliar place as a person, and a place-person then takes the "she said"
    of the person named next to it."""
    if c.roles or c.gender:
        return False
    kinds, sure = set(), False
    for start, end in c.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or is_first_name(span[0].text):
            return False
        after = doc[span.end] if span.end < len(doc) else None
        dateline = _in_dateline(span)
        placed = dateline or _placed_mention(span)
        modifier = after is not None and (span.root.dep_ == "compound" and after.pos_ in ("NOUN", "PROPN")
                                          or after.lower_ in _PLACE_NOUNS)
        if not placed and not modifier:
            return False
        kinds |= {"after"} if placed else set()
        kinds |= {"modifier"} if modifier else set()
        root = span.root
        conjoined = [t for t in root.children if t.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
        placed_the = span.start > 1 and doc[span.start - 1].lower_ == "the" and doc[span.start - 2].lower_ in _PLACING
        sure = sure or dateline or (placed or placed_the) and after is not None and after.lower_ in _PLACE_NOUNS \
            or placed and any(t.ent_type_ in {"GPE", "LOC"} for t in conjoined)
    return sure or len(c.mentions) > 1 and kinds == {"after", "modifier"}


#: Words after an outlet's name when it speaks of its own reporting ("The Bugle can reveal").
_OWN_REPORTING = ("can reveal", "has learned", "has learnt", "understands")


def _the_outlet(doc: Doc, c: _Cluster, outlet: str | None) -> bool:
    """Whether a "person" with no role, honorific or gender is the outlet itself: every name it goes
    by spelt within the outlet's name ("the Bugle" of "morningbugle", "Corvid Wire" of "corvid-wire")
    or opening with a word of five letters or more spelt there ("Bugle London", an edition), or every
    mention "the X" followed by "can reveal" or "has learned". The recogniser reads an unfamiliar
    paper's name as a person ("told the Bugle"); a name with a first name is never one."""
    if c.roles or c.gender:
        return False
    spelt = re.sub(r"[^a-z]", "", fold(outlet or ""))
    names = ["".join(k) for k in c.keys]
    full = [k for k in c.keys if len(k) > 1]
    if spelt and any(len(k[0]) >= 5 and k[0] in spelt for k in full) and not any(is_first_name(k[0]) for k in full):
        return True  # an edition or desk of the outlet: "Breitbart London" (and "London's") in a Breitbart article
    if any(is_first_name(k[0]) for k in c.keys):
        return False
    if spelt and all(len(n) >= 4 and n in spelt for n in names):
        return True
    for start, end in c.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start == 0 or doc[span.start - 1].lower_ != "the" or not any(
                doc[span.end:span.end + 3].text.lower().startswith(words) for words in _OWN_REPORTING):
            return False
    return True


#: Nouns for those who head, found or belong to a body: the name right after "<noun> of" is the
#: body's ("director of Gotham Ghostwriters", "the founder of Define American").
_HEADS_OF_BODIES = frozenset("""
director directors president chairman chairwoman chair ceo founder co-founder cofounder head member members
""".split())


def _part_of_a_body(doc: Doc, c: _Cluster) -> bool:
    """Whether a "person" with no role, honorific, gender or first name is an organisation's name:
    every mention follows "<head noun> of" ("director of Gotham Ghostwriters"), or is one word right
    after a name the recogniser tags an organisation, the rest of its name ("President of CNN
    Worldwide"; the title that ends right before it, "President of CNN", is no role of its own).
    Not before a possessive: "director of Voss's campaign" names a person."""
    if c.gender or any(not any(0 <= s - r.end <= 1 for s, _ in c.mentions) for r in c.roles):
        return False
    for start, end in c.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start < 2 or is_first_name(span[0].text) or span[-1].tag_ == "POS" or (
                span.end < len(doc) and doc[span.end].tag_ == "POS"):
            return False
        i = span.start - (doc[span.start - 1].lower_ == "the")
        head_of = i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _HEADS_OF_BODIES
        rest_of_org = len(span) == 1 and doc[span.start - 1].ent_type_ == "ORG"
        if not (head_of or rest_of_org):
            return False
    return True


def _honorific_before(doc: Doc, ent: Span) -> bool:
    """Whether a person-only honorific opens the entity span or stands right before it."""
    return _honorific(doc[ent.start]) or (ent.start > 0 and _honorific(doc[ent.start - 1]))


def _missed_speakers(doc: Doc, ents: list[Span]) -> list[Span]:
    """People the recogniser missed who speak: a name of two or three capitalised proper nouns whose
    first word the first-name dictionary gives a gender, as the subject of a verb that introduces
    quotes, or in apposition to that subject ("Ines Marlow, who heads the board, said ...", "Its
    head, Ines Marlow, said: ..."), overlapping no person and no entity that reaches past the name:
    organisations, places or nationalities the recogniser read inside it ("Dr Anneliese Marrow" as a
    nationality and an organisation) are replaced by the caller. A title word before the name
    ("Superintendent Colm Verity said") counts as an honorific does.

    The article must also say it is a person: a "who" clause on the name, the name in apposition
    with a role noun ("Its head, Ines Marlow", "Ines Marlow, the board's head"), or a person-only
    honorific before it (``PERSON_HONORIFICS``: "Dr Marit Olsgaard said", "said Prof Ysolde
    Fernacre"). The honorific is not part of the name span. After an honorific the name may be one
    word, and its first word need not be in the dictionary, when no word of it is English ("Dr
    Olsgaard said"; "Dr Pepper said" is a drink). Without one, a first name the dictionary does
    not know ("Ysolde Fernacre, the archive's director, said") still passes when neither word is
    English: firms named like people carry a word of English ("Orsk Rail", "Orrin Aggregates").

    Why: the small English pipeline misses uncommon names (an invented or foreign "Ines Marlow") in
    plain sight, and a speaker with no entity is a quote on nobody's page, a blind spot never
    found; the verb (the cue model's learned direct-quote verbs), the first name and the person
    evidence together keep organisations ("Orrin Aggregates said") and places out.
    """
    speech = load_lexicon().direct_cues
    out: list[Span] = []
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        spoken = verb.lemma_.lower() in speech
        for subj in verb.children:
            # after its quotation any verb tells who spoke ('"...," sobbed Marta Vollen')
            if not (subj.dep_ == "nsubj" and spoken or _inverted_subject(verb, subj)):
                continue
            for head in [subj] + [c for c in subj.children if c.dep_ == "appos"]:
                if head.pos_ != "PROPN":
                    continue
                lead = head.i
                # a proper noun is never a determiner: "Mayor Agnethe Corrow" parsed with "Agnethe" as a det
                while lead > 0 and doc[lead - 1].dep_ in ("compound", "flat", "det") and doc[lead - 1].head.i == head.i \
                        and doc[lead - 1].pos_ == "PROPN":
                    lead -= 1
                if lead > 1 and doc[lead - 1].text == "-" and not doc[lead - 2].whitespace_ \
                        and not doc[lead - 1].whitespace_ and doc[lead].lower_ not in ROLE_WORDS:
                    # a double first name ("Kerry-Ann Pohl") is not cut at its hyphen; a double title
                    # ("Secretary-Treasurer Gary Casteel") is no part of the name
                    continue
                start = lead
                while start < head.i and (_honorific(doc[start]) or doc[start].lower_ in ROLE_WORDS):
                    start += 1  # "Dr Marit Olsgaard", "Superintendent Colm Verity": the title is no part of the name
                if start == lead and lead > 0 and (_honorific(doc[lead - 1]) or doc[lead - 1].is_title
                                                   and doc[lead - 1].lower_ in ROLE_WORDS):
                    lead -= 1  # the title hangs elsewhere in the parse ("Mayor" a second subject of "told")
                words, end = doc[start:head.i + 1], head.i + 1
                # Entities the recogniser found inside the name are replaced by it ("Dr Anneliese Marrow"
                # read as a nationality and an organisation); a person or an entity reaching past it is not.
                if any(e.start < end and lead < e.end and (e.label_ == "PERSON" or e.start < lead or e.end > end)
                       for e in ents) or any(m.start < end and lead < m.end for m in out):
                    continue
                if len(words) > 3 or any(not t.is_title or not t.is_alpha for t in words):
                    continue
                if not (_titled_name(words) if lead < start else _untitled_name(words, head, subj)):
                    continue
                out.append(Span(doc, start, end, label="PERSON"))
    return out


#: Last words of a firm's name that say what trade it is in: the firm's first word alone is the firm
#: ("Quellan Biotherapeutics ... Quellan said"), as it would not be for "Trump Tower".
_TRADE_HEADS = frozenset("""
therapeutics biotherapeutics biosciences biotech genomics diagnostics laboratories labs pharmaceuticals
technologies systems industries holdings enterprises motors airlines logistics aggregates
""".split())


def _firms_short_names(mentions: list[_Mention]) -> set[str]:
    """First words of firms named in full with a trade word at the end ("Quellan Biotherapeutics"),
    which the recogniser, on its own, reads as a person's surname ("Quellan said"); not a word any
    person of the article is named by in full."""
    people = {w for m in mentions if m.type == "PERSON" for w in fold(m.name).split()[1:]} | {
        fold(m.name).split()[0] for m in mentions if m.type == "PERSON" and len(m.name.split()) > 1}
    out = set()
    for m in mentions:
        words = fold(m.name).split()
        if m.type == "ORG" and len(words) == 2 and words[-1] in _TRADE_HEADS and words[0] not in people:
            out.add(words[0])
    return out


def _titled_name(words: Span) -> bool:
    """Words after a person-only honorific that are a name: a dictionary first name and more, or
    no word of English at all ("Olsgaard", "Ysolde Fernacre")."""
    return (len(words) > 1 and is_first_name(words[0].text)) or not any(is_english_word(t) for t in words)


def _untitled_name(words: Span, head: Token, subj: Token) -> bool:
    """Two or three words, the first a first name of known gender (or, in a name of two words,
    neither word English), that the article says are a person (``_said_to_be_a_person``)."""
    if not 2 <= len(words) <= 3:
        return False
    first = first_name_gender(words[0].text) is not None or (
        len(words) == 2 and not any(is_english_word(t) for t in words))
    return first and _said_to_be_a_person(head, subj)


def _inverted_subject(verb: Token, tok: Token) -> bool:
    """The speaker after a quoting verb that follows its quotation ('"...," sobbed Marta Vollen'),
    which the parser hangs on the verb as an object: a proper noun a few words after it."""
    return tok.dep_ in {"dobj", "npadvmod", "attr", "oprd", "dative"} and tok.pos_ == "PROPN" \
        and 0 < tok.i - verb.i <= 8 and any(c.i < verb.i and (c.dep_ == "ccomp" or c.is_quote) for c in verb.children)


def _an_age(tok: Token) -> bool:
    """A bare number of years set off after a name ("Marta Vollen, 68,"): news gives people their age."""
    return tok.dep_ == "appos" and tok.like_num and tok.text.isdigit() and 1 <= int(tok.text) <= 115


def _said_to_be_a_person(name: Token, subj: Token) -> bool:
    """A "who" clause on the name, an age set off after it, or a role noun in apposition with it
    (either way round) or compounded onto it ("Northline Rail chief executive Petra Haldane",
    "Harbour master Ines Varga": a job title right before a name is said of a person, never of a
    company)."""
    if any(c.dep_ == "relcl" and any(t.lower_ in ("who", "whose") for t in c.children) for c in name.children):
        return True
    nouns = [subj] if name is not subj else []
    nouns += [c for c in name.children if c.dep_ in ("appos", "compound")]
    return any(n.pos_ == "NOUN" and n.lemma_.lower() in ROLE_WORDS or _an_age(n) for n in nouns)


def extract_entities(doc: Doc, article: Article) -> list[Entity]:
    """All people, organisations and places of the article, canonical within it, with roles."""
    spans = [_complete_name(e)
             for e in _split_possessed(_join_nicknames([e for e in doc.ents if e.label_ in ENTITY_TYPES]))]
    if missed := _missed_speakers(doc, spans):
        # What a missed speaker overlaps is the recogniser's organisation or place of the same name.
        spans = sorted([e for e in spans if not any(e.start < m.end and m.start < e.end for m in missed)] + missed,
                       key=lambda e: e.start)
    person_genders = _span_genders(spans)
    titles = [(s, e) for kind, s, e in article.header if kind == "title"]

    def in_title(ent: Span) -> bool:
        return any(s <= ent.start_char and ent.end_char <= e for s, e in titles)

    # Body mentions first, longer person names first, so that surname-only mentions find their
    # full name; title-case headlines fool the NER ("Minister Vows Firm Response" as a person),
    # so a headline mention may only join an entity the body established.
    supported = _supported_names(spans, in_title)
    cleaned_spans = [(ent, ("@" in ent.text and _handle_mention(ent)) or _clean_mention(ent, article.text, supported))
                     for ent in spans]
    order = sorted(((e, c) for e, c in cleaned_spans if c is not None),
                   key=lambda ec: (in_title(ec[0]) or ec[1].handle, ec[1].type != "PERSON",
                                   -len(fold(ec[1].name).split()),
                                   ec[0].start))
    clusters: list[_Cluster] = []
    firms = _firms_short_names([c for _, c in order])
    # A name the article once calls an organisation ("the company Theranos") is that organisation
    # in its other mentions too ("Theranos's valuation"), unless an honorific makes one a person.
    # So are initials the article uses for an organisation ("Junge SVP", "the SVP"): "SVP said" is no person.
    # A work or document named so ("the exhortation Amoris Laetitia") is no entity in any of its mentions.
    # A full name with a first name is taken along only when no other person span of the article
    # ends in its last word: "the organization Bill Clinton used" misparsed must not take every
    # "Bill Clinton" of an article that also says "Clinton"; "Il Fatto Quotidiano" has no "Quotidiano".
    described = {id(e): _described_as(e) for e, c in order if c.type == "PERSON"}
    person_names = {fold(c.name) for e, c in order if c.type == "PERSON"}

    def taken_along(name: str) -> bool:
        words = fold(name).split()
        return len(words) < 2 or not is_first_name(words[0]) or not any(
            n != fold(name) and n.split()[-1] == words[-1] for n in person_names)

    named_organisations = {fold(c.name) for e, c in order if described.get(id(e)) == "ORG" and taken_along(c.name)} | {
        fold(e[-1].text) for e, c in order if c.type == "ORG" and initials_in_the_text(e[-1])}
    named_works = {fold(c.name) for e, c in order if described.get(id(e)) == "WORK" and taken_along(c.name)} | {
        fold(e.text) for e in doc.ents if e.label_ == "WORK_OF_ART" and _a_titled_work(e) and taken_along(e.text)}
    for ent, cleaned in order:
        start, end, text, type_ = cleaned.start, cleaned.end, cleaned.name, cleaned.type
        if type_ == "PERSON" and (described.get(id(ent)) == "WORK" or fold(text) in named_works
                                  and not cleaned.honorific):
            continue
        if type_ == "PERSON" and (described.get(id(ent)) == "ORG" or fold(text) in named_organisations
                                  and not cleaned.honorific):
            type_ = "ORG"
        tokens = without_particles(fold(text).split(), text)
        if not tokens:
            continue
        if type_ == "PERSON" and len(tokens) == 1 and tokens[0] in firms and not cleaned.honorific:
            type_ = "ORG"  # "Quellan said" after "Quellan Biotherapeutics": the firm
        if type_ == "ORG" and 2 <= len(tokens) <= 3 and (
                _honorific_before(doc, ent) and _titled_name(doc[ent.end - len(tokens):ent.end])
                or _person_described(doc, ent, len(tokens))):
            type_ = "PERSON"  # "Dr Marit Olsgaard, director-general of ...": no body is a doctor
        if type_ not in {"PERSON", "FAMILY"} and len(tokens) == 1 and (
                _is_surname_of_person(clusters, tokens[0], english_lemmas(doc.vocab) if type_ in _PLACE_OR_PEOPLE and (
                    _placed_mention(ent) or ent.root.dep_ in ("compound", "amod")) else None)
                or _is_first_name_of_person(clusters, text)):
            # "Brandt said" tagged ORG although the article named Tomas Brandt; but a place or a
            # nationality placed or modifying a noun joins only a name the article shows is a
            # person's: "from London" is no mention of "Breitbart London", "the American dream"
            # none of "Define American".
            type_ = "PERSON"
        found: list[Role] = []
        gender = cleaned.honorific
        if type_ == "PERSON":
            role, before = _premodifier_role(doc, article.text, ent)
            gender = gender or before
            role = role or _shared_role(doc, spans, ent)
            found = ([role] if role else []) + _appositive_roles(doc, article.text, ent)
            tag = _party_tag(article.text, ent)
            if tag:
                found.append(tag)
        clues = _Clues(start, gender, frozenset().union(*(role_words(r.text) for r in found)),
                       _pronoun_gender(ent, person_genders) if type_ == "PERSON" and len(tokens) == 1 else None,
                       _attributive(ent))
        cluster, ambiguous = _match_cluster(clusters, tokens, type_, clues, article.text)
        if cluster is None and (in_title(ent) or cleaned.handle):
            continue
        if cluster is None:
            cluster = _Cluster(type=type_, ambiguous=ambiguous)
            clusters.append(cluster)
        cluster.add_form(text)
        cluster.mentions.append((start, end))
        if cleaned.label and all(cleaned.label.start != o.start for o in cluster.labels):
            cluster.labels.append(cleaned.label)
        for r in found:
            if all((r.start, r.end) != (o.start, o.end) for o in cluster.roles):
                cluster.roles.append(r)
        if type_ == "PERSON" and gender and cluster.gender is None:
            cluster.gender, cluster.gender_evidence = gender, f"honorific before {text!r} at {ent.start_char}"
    _add_missed_full_names(doc, clusters)
    _add_missed_surnames(doc, clusters)
    _title_mentions(doc, clusters)
    # A one-word "person" with no role or gender that the recogniser calls a place elsewhere in the
    # article at least as often is that place ("Take Idaho Republican Sens. ..." beside "the
    # District of Idaho"; six "Obama" beside one the recogniser placed stay the man).
    places = Counter(" ".join(c.keys[0]) for c in clusters if c.type in {"GPE", "LOC"} for _ in c.mentions)
    for c in clusters:
        if c.type == "PERSON" and (_only_placed(doc, c) or not c.roles and not c.gender and all(
                len(k) == 1 and places[" ".join(k)] >= len(c.mentions) for k in c.keys)):
            c.type = "GPE"
    for c in clusters:
        if c.type == "PERSON" and (_the_outlet(doc, c, article.outlet) or _part_of_a_body(doc, c)):
            c.type = "ORG"
    # A name of several words that opens with no first name, shows no sign of a person (a role, an
    # honorific) and that the recogniser tags as something else at least as often as a person is that
    # thing ("Common Core", "Kuiper Belt", "Tower Hamlets"); a work, law or event is no entity at all.
    votes = _label_votes(doc)
    for c in list(clusters):
        if c.type != "PERSON" or c.roles or c.gender:
            continue
        names = {" ".join(k) for k in c.keys}
        if any(len(n.split()) < 2 or is_first_name(n.split()[0]) or n.split()[0] in _SAINT for n in names):
            continue  # "As St. Paul declared": a saint is a person, though a city is named after him
        tally = sum((votes.get(n, Counter()) for n in names), Counter())
        other = [(label, n) for label, n in tally.most_common() if label != "PERSON"]
        if other and sum(n for _, n in other) >= tally["PERSON"]:
            if other[0][0] in ENTITY_TYPES:
                c.type = ENTITY_TYPES[other[0][0]]
            else:
                clusters.remove(c)
    # A phrase of English words opening with an adjective, with no first name and no role or honorific,
    # is a coinage, title or slogan ("Fancy Bear", "Dirty Dancing", "Economic Scene", "Final Solution").
    # A name that only ever modifies "laws" or "segregation" names a system after a figure ("the Jim
    # Crow laws"), not a person the article speaks of.
    clusters = [c for c in clusters if not (c.type == "PERSON" and not c.roles and not c.gender and not c.labels
                                            and all(_an_english_phrase(doc, m) or _names_a_period(doc, m)
                                                    for m in c.mentions))]
    clusters.sort(key=lambda c: min(c.mentions))
    entities = []
    for n, c in enumerate(clusters, 1):
        c.mentions.sort()
        c.roles.sort(key=lambda r: r.start)
        first = c.mentions[0]
        entities.append(Entity(id=f"E{n}", name=c.display_name(), type=c.type, mentions=c.mentions,
                               roles=c.roles, gender=c.gender, gender_evidence=c.gender_evidence,
                               labels=sorted(c.labels, key=lambda r: r.start),
                               text=article.text[first[0]:first[1]], role_mentions=sorted(c.role_mentions)))
    return entities


def _an_english_phrase(doc: Doc, mention: tuple[int, int]) -> bool:
    """Words of English, two or more, none a first name the dictionary knows, the first an adjective."""
    span = doc.char_span(*mention, alignment_mode="expand")
    return (span is not None and len(span) > 1 and span[0].lower_ in word_lists(doc.vocab)[0]
            and all(t.is_alpha and is_english_word(t) and not is_first_name(t.text) for t in span))


#: Nouns a name modifies when it names a system of rules after a figure. Not "era", "kind" or
#: "style": "the Bill Clinton era", "a Donald Trump-style campaign" speak of the man.
_PERIOD_NOUNS = frozenset("law laws segregation".split())


def _names_a_period(doc: Doc, mention: tuple[int, int]) -> bool:
    """Whether a mention of a full name (a first name and more) stands right before a noun of laws,
    hyphenated or not ("the Jim Crow laws", "Jim Crow-segregation"), with no possessive between."""
    span = doc.char_span(*mention, alignment_mode="expand")
    if span is None or len(span) < 2 or not is_first_name(span[0].text) or span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.text in {"-", "–"} and span.end + 1 < len(doc):
        after = doc[span.end + 1]
    return after.lower_ in _PERIOD_NOUNS


_SAINT = frozenset({"st", "saint", "ste", "sainte"})


def _label_votes(doc: Doc) -> dict[str, Counter]:
    """How often the recogniser gives each folded name (without a determiner or possessive) each label."""
    votes: dict[str, Counter] = {}
    for e in doc.ents:
        words = [t for t in e if t.lower_ not in {"the", "a", "an", "'s", "’s"}]
        if words:
            votes.setdefault(fold(doc[words[0].i:words[-1].i + 1].text), Counter())[e.label_] += 1
    return votes


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)``, preferring people and the largest overlap."""
    best, best_key = None, (0, 0)
    for e in entities:
        for ms, me in e.mentions:
            overlap = min(end, me) - max(start, ms)
            if overlap > 0:
                key = (e.type == "PERSON", overlap)
                if key > best_key:
                    best, best_key = e, key
    return best
