"""Entities of one article: who and what is mentioned, under one canonical identity each.

spaCy's NER finds the mentions; this module decides which mentions are the same entity
within the article and which roles the article claims for each person. Matching folds
accents and case (``Guaidó`` == ``Guaido``) and lets a surname-only mention join the single
full name it abbreviates; the display name keeps the best-written form (the longest, with
its diacritics). Cross-article identity is the store's job, not this module's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from presslens.model import Article, Entity, Role
from presslens.textutil import strip_accents

ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}

#: Honorifics that signal gender but are not roles.
GENDER_HONORIFICS = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "mme": "female",
                     "sir": "male", "dame": "female", "lord": "male", "lady": "female"}

#: Title abbreviations and title words that are roles when they precede a name.
TITLE_ABBREVIATIONS = {"sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm", "dr", "prof", "rev",
                       "pres", "sec", "amb", "atty", "supt", "maj", "cmdr", "det", "insp", "hon", "fr", "msgr"}

#: Nouns that name a role, office or position; a pre-modifier or appositive must contain one
#: to count as a claimed role (so "said Guaido" or "Tuesday, Guaido" yield nothing).
ROLE_WORDS = frozenset("""
president vice-president president-elect minister secretary senator representative congressman
congresswoman congressmember lawmaker legislator governor mayor leader chief head director chairman
chairwoman chair chairperson spokesman spokeswoman spokesperson official officer ambassador envoy
diplomat general commander admiral colonel captain lieutenant sergeant major candidate nominee
contender challenger incumbent judge justice attorney lawyer prosecutor counsel professor analyst
adviser advisor aide manager founder co-founder ceo executive economist strategist pollster expert
researcher scientist member speaker king queen prince princess pope chancellor premier commissioner
deputy treasurer editor correspondent reporter columnist journalist host anchor author activist
organizer organiser coordinator sheriff superintendent dean rabbi reverend bishop cardinal imam
pastor priest coach owner partner emir sheikh negotiator delegate whip strongman dictator ruler
monarch prime opposition surrogate campaigner consultant historian physician doctor economist
administrator commissioner regulator inspector auditor marshal mogul billionaire businessman
businesswoman entrepreneur investor banker chairman-elect governor-elect mayor-elect nominee-elect
mp mep msp mla ceo cfo coo cto
""".split())

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PARTY_TAG = re.compile(r"\s*\(([RDIL])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\)|,\s*([RDIL])-([A-Z][A-Za-z.]{1,6}),")


def fold(text: str) -> str:
    """Accent- and case-folded form of a name, for matching only (never displayed)."""
    text = strip_accents(text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", "", text.lower())).strip()


def _is_title_token(tok: Token) -> bool:
    low = tok.lower_.rstrip(".")
    return low in TITLE_ABBREVIATIONS or low in ROLE_WORDS or low in GENDER_HONORIFICS


@dataclass
class _Cluster:
    type: str
    forms: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    gender_evidence: str | None = None

    keys: list[list[str]] = field(default_factory=list)

    def add_form(self, form: str) -> None:
        """Record a written form and its folded tokens (kept, not recomputed per comparison)."""
        self.forms.append(form)
        self.keys.append(fold(form).split())

    def display_name(self) -> str:
        """Longest form; among equally long ones, the one with more non-ASCII letters (diacritics kept)."""
        return max(self.forms, key=lambda f: (len(fold(f).split()), sum(not c.isascii() for c in f), len(f)))


def _clean_mention(span: Span, text: str) -> tuple[int, int, str] | None:
    """Strip possessive endings, leading titles and determiners off an entity mention."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or
                      (span.label_ == "PERSON" and _is_title_token(tokens[0]) and len(tokens) > 1)):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "’s"}):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = _POSSESSIVE.sub("", text[start:end]) if span.label_ == "PERSON" else text[start:end]
    end = start + len(name)
    if not name.strip() or not any(c.isalpha() for c in name):
        return None
    return start, end, name


def _role_span(doc: Doc, text: str, first: Token, last: Token) -> Role | None:
    """A Role for tokens first..last, trimmed of determiners and punctuation; None unless it names a role."""
    toks = list(doc[first.i:last.i + 1])
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
    if i >= 0 and doc[i].lower_.rstrip(".") in GENDER_HONORIFICS:
        return None, GENDER_HONORIFICS[doc[i].lower_.rstrip(".")]
    first = None
    while i >= 0:
        tok = doc[i]
        if "\n" in tok.text_with_ws or tok.ent_type_ in _NOT_ROLE_ENTS:
            break
        titled = tok.lower_.rstrip(".") in TITLE_ABBREVIATIONS
        hyphenated = "-" in tok.text[1:-1] and tok.tag_.startswith("VB")  # "U.S.-backed", tagged a verb
        if _office_of(doc, i):  # "Secretary of State Mike Pompeo": the "of" is inside the title
            first = doc[i - 1]
            i -= 2
            continue
        if not (tok.tag_ in _PREMODIFIER_TAGS or titled or hyphenated) or (tok.is_punct and tok.text != "-"):
            break
        first = tok
        i -= 1
    if first is None:
        return None, gender
    return _role_span(doc, text, first, doc[ent.start - 1]), gender


def _appositive_roles(doc: Doc, text: str, ent: Span) -> list[Role]:
    """Roles in apposition: ``Vladimir Padrino, the Maduro government's foreign minister, said``
    and the mirrored ``the foreign minister, Vladimir Padrino, said``."""
    roles = []
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in {"NOUN", "PROPN"} and not child.ent_type_ == "PERSON":
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
    return roles


def _party_tag(text: str, ent: Span) -> Role | None:
    """``Sen. Marco Rubio (R-Fla.)`` → "R-Fla."; also ``Rubio, R-Fla.,``."""
    m = _PARTY_TAG.match(text, ent.end_char)
    if not m:
        return None
    g = 1 if m.group(1) else 3
    start, end = m.start(g), m.end(g + 1)
    return Role(text=text[start:end], start=start, end=end)


def _match_cluster(clusters: list[_Cluster], tokens: list[str], type_: str) -> _Cluster | None:
    """Find the cluster this (folded) name belongs to, or None for a new one."""
    key = " ".join(tokens)
    same_type = [c for c in clusters if c.type == type_]
    for c in same_type:
        if any(" ".join(k) == key for k in c.keys):
            return c
    if type_ != "PERSON":
        return None
    if len(tokens) == 1:
        hits = [c for c in same_type if any(len(k) > 1 and (k[-1] == key or k[0] == key) for k in c.keys)]
        surname_hits = [c for c in hits if any(len(k) > 1 and k[-1] == key for k in c.keys)]
        hits = surname_hits or hits
        return hits[0] if len(hits) == 1 else None
    for c in same_type:
        for k in c.keys:
            if len(k) > 1 and k[-1] == tokens[-1] and (k[0] == tokens[0] or k[0][0] == tokens[0][0]):
                return c
            if len(k) > 1 and fuzz.ratio(" ".join(k), key) >= 92:
                return c
    return None


def _add_missed_surnames(doc: Doc, clusters: list[_Cluster]) -> None:
    """Add surname-only mentions the NER missed (``Brandt said ...`` left untagged).

    Only for a surname that belongs to exactly one person of the article, and only on proper
    nouns outside any other entity, so that pronoun and speaker resolution can rely on the
    mention list being complete.
    """
    by_surname: dict[str, list[_Cluster]] = {}
    for c in clusters:
        if c.type == "PERSON":
            for k in {k[-1] for k in c.keys if len(k) > 1}:
                by_surname.setdefault(k, []).append(c)
    if not by_surname:
        return
    for tok in doc:
        if tok.tag_ not in {"NNP", "NNPS"} or tok.ent_type_:
            continue
        owners = by_surname.get(fold(tok.text))
        if owners and len(owners) == 1:
            span = (tok.idx, tok.idx + len(tok.text))
            if span not in owners[0].mentions:
                owners[0].mentions.append(span)
                owners[0].add_form(tok.text)


def extract_entities(doc: Doc, article: Article) -> list[Entity]:
    """All people, organisations and places of the article, canonical within it, with roles."""
    spans = [e for e in doc.ents if e.label_ in ENTITY_TYPES]
    titles = [(s, e) for kind, s, e in article.header if kind == "title"]

    def in_title(ent: Span) -> bool:
        return any(s <= ent.start_char and ent.end_char <= e for s, e in titles)

    # Body mentions first, longer person names first, so that surname-only mentions find their
    # full name; title-case headlines fool the NER ("Minister Vows Firm Response" as a person),
    # so a headline mention may only join an entity the body established.
    order = sorted(range(len(spans)), key=lambda i: (in_title(spans[i]), spans[i].label_ != "PERSON",
                                                     -len(spans[i]), spans[i].start))
    clusters: list[_Cluster] = []
    for i in order:
        ent = spans[i]
        cleaned = _clean_mention(ent, article.text)
        if cleaned is None:
            continue
        start, end, text = cleaned
        type_ = ENTITY_TYPES[ent.label_]
        tokens = fold(text).split()
        if not tokens:
            continue
        if type_ != "PERSON" and len(tokens) == 1 and _match_cluster(clusters, tokens, "PERSON"):
            type_ = "PERSON"  # "Brandt said" tagged ORG although the article named Tomas Brandt
        cluster = _match_cluster(clusters, tokens, type_)
        if cluster is None and in_title(ent):
            continue
        if cluster is None:
            cluster = _Cluster(type=type_)
            clusters.append(cluster)
        cluster.add_form(text)
        cluster.mentions.append((start, end))
        if type_ == "PERSON":
            role, gender = _premodifier_role(doc, article.text, ent)
            found = [role] if role else []
            found += _appositive_roles(doc, article.text, ent)
            tag = _party_tag(article.text, ent)
            if tag:
                found.append(tag)
            for r in found:
                if all((r.start, r.end) != (o.start, o.end) for o in cluster.roles):
                    cluster.roles.append(r)
            if gender and cluster.gender is None:
                cluster.gender, cluster.gender_evidence = gender, f"honorific before {text!r} at {ent.start_char}"
    _add_missed_surnames(doc, clusters)
    clusters.sort(key=lambda c: min(c.mentions))
    entities = []
    for n, c in enumerate(clusters, 1):
        c.mentions.sort()
        c.roles.sort(key=lambda r: r.start)
        entities.append(Entity(id=f"E{n}", name=c.display_name(), type=c.type, mentions=c.mentions,
                               roles=c.roles, gender=c.gender, gender_evidence=c.gender_evidence))
    return entities


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
