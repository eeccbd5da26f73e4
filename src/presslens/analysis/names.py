"""Clean person names: what of an NER span is the name, and what is headline, epithet or family.

Why this exists: spaCy's small NER model takes title-case and all-caps headline words for
parts of a name (``Bashing Trump``, ``WASSERMAN SCHULTZ RESIGNS``, ``Obama Speech``), glues
epithets to names (``Crooked Hillary Clinton``), reads a family (``the Clintons``) as one person
and a building named after a person (``Trump Tower``) as that person. Each of these would become a
"person" in every table a user counts.

How, without an article-specific list: a word at the edge of a name span is cut off when

* spaCy tags it a verb (title-case headline verbs), or
* it is an English adjective or verb (WordNet's word lists, which spaCy's rule lemmatizer
  already ships in its ``lemma_index`` table, so nothing new is loaded), and not a known first
  name (``gender-guesser``'s dictionary), or
* the rest of the span is a name the article itself uses elsewhere and the word is not a
  first name (``Universe Alicia Machado`` in an article that says ``Alicia Machado``).

A cut-off adjective or noun before the name is the article's *label* for the person (kept as a
span, since name-calling is worth reporting); a plural of a surname is a family; a name followed
(or preceded) by an organisation or building noun is an organisation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by the pipeline, not by the store that uses these helpers
    from spacy.language import Language
    from spacy.tokens import Token
    from spacy.vocab import Vocab

from rapidfuzz import fuzz

from presslens.textutil import strip_accents

#: Title abbreviations and title words that are roles when they precede a name.
TITLE_ABBREVIATIONS = frozenset({"sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm", "dr", "prof", "rev",
                       "pres", "sec", "amb", "atty", "supt", "maj", "cmdr", "det", "insp", "hon", "fr", "msgr"})

#: Nouns that name a role, office or position; a pre-modifier or appositive must contain one
#: to count as a claimed role (so "said Guaido" or "Tuesday, Guaido" yield nothing).
ROLE_WORDS = frozenset("""
president vice-president president-elect minister secretary senator representative congressman
congresswoman congressmember lawmaker legislator governor mayor leader chief head director chairman
chairwoman chair chairperson spokesman spokeswoman spokesperson official officer ambassador envoy
diplomat general commander admiral colonel captain lieutenant sergeant major candidate nominee
contender challenger incumbent judge justice attorney lawyer prosecutor counsel professor analyst
adviser advisor aide manager founder co-founder ceo executive economist strategist pollster expert
researcher scientist member speaker moderator king queen prince princess pope chancellor premier commissioner
deputy treasurer editor correspondent reporter columnist journalist host anchor author activist
organizer organiser coordinator sheriff superintendent dean rabbi reverend bishop cardinal imam
pastor priest coach owner partner emir sheikh negotiator delegate whip strongman dictator ruler
monarch prime opposition surrogate campaigner consultant historian physician doctor economist
administrator commissioner regulator inspector auditor marshal mogul billionaire businessman
businesswoman entrepreneur investor banker chairman-elect governor-elect mayor-elect nominee-elect
mp mep msp mla cfo coo cto boss councillor councilor councilman councilwoman alderman curator magistrate rector provost
harbourmaster master archbishop monsignor monsignore nuncio prefect
engineer surveyor architect barrister solicitor investigator
""".split())


def role_words(text: str) -> frozenset[str]:
    """The role and title words of a claimed role ("the former Secretary of State" → secretary),
    plurals in the singular ("Presidents Obama and Bush" → president): what two mentions of one
    person can share."""
    words = [w.rstrip(".") for w in fold(text).split()]
    words = [w[:-1] if w.endswith("s") and w not in ROLE_WORDS and w[:-1] in ROLE_WORDS else w for w in words]
    return frozenset(w for w in words if w in ROLE_WORDS or w in TITLE_ABBREVIATIONS)


#: Head nouns that turn a person's name into an organisation or a building named after them
#: (``Trump Tower``, ``Clinton Foundation``, ``Team Clinton``, ``Jackie Gleason Classic``):
#: facilities, organisations and events, a closed class of English nouns, not a list of names.
ORG_HEADS = frozenset("""
tower towers hotel hotels resort resorts casino casinos foundation foundations university institute
library center centre organization organisation corporation corp inc llc company companies group
campaign campaigns administration administrations presidency doctrine network networks tv radio ranch beach
airport stadium arena hall building plaza park bridge school college academy museum fund trust
international enterprises industries holdings entertainment media productions winery vineyard
golf club estate steakhouse grill era society association committee council party pac city county
office bureau department agency commission
atoll island islands river valley street avenue square house lane road boulevard realty properties
classic invitational tournament championship cup trophy prize award awards memorial festival lecture
rail railway railways railroad airline airlines airways terminal terminals logistics shipping motors
systems technologies pharmaceuticals telecom aggregates bank bancorp partners
consulting communications footwear coalition initiative gop pac brothers bros show tonight factor file
sentinel tribune gazette chronicle inquirer examiner dispatch telegraph journal courant ledger bulletin
seminary cathedral diocese archdiocese synod abbey monastery convent mosque synagogue
therapeutics biotherapeutics biosciences biotech genomics diagnostics laboratories labs
""".split())
#: Of those, the heads no one has as a surname: "Henry Realty" is a firm although "Henry" is a
#: first name, where "Helen Park" and "Anna Bank" are women; "The Kelly File" and "The O'Reilly
#: Factor" are shows, as "The Rachel Maddow Show" is.
FIRM_HEADS = frozenset("""
hotel hotels resort resorts casino casinos foundation foundations university institute organization
organisation corporation corp inc llc company companies enterprises industries holdings entertainment
productions winery steakhouse realty properties airlines airways railways railroad logistics
pharmaceuticals technologies bancorp invitational tournament championship
consulting communications footwear coalition initiative gop pac brothers bros show tonight factor file
sentinel tribune gazette chronicle inquirer examiner dispatch telegraph journal courant ledger bulletin
seminary cathedral diocese archdiocese synod abbey monastery convent mosque synagogue
""".split())
#: Last words of a document named after someone ("the Steele Dossier", "the Kessler Memo"): the name is
#: no mention of the person, as a law's is not; no one has them as a surname.
DOCUMENT_HEADS = frozenset("dossier memo memorandum document".split())
#: Firms and institutions no one has as a surname: "Brennan Center" is one although "Brennan"
#: is a first name.
INSTITUTION_HEADS = FIRM_HEADS | frozenset("center centre library museum academy school college".split())
#: Heads of named buildings, schools and firms: a person span right before one in title case
#: ("Trump Tower", "Sandy Hook Elementary", where the recogniser tagged the name alone) is part
#: of the organisation's name. Not "campaign" or "administration": "Trump Campaign Says" in a
#: headline is about the man.
PLACE_NAMED_HEADS = INSTITUTION_HEADS | frozenset("tower towers stadium arena building plaza airport elementary".split())
#: First words of place names, never of a person's ("San Pedro Sula", "Ciudad Juárez", "Lake
#: Placid"); not "Saint" (a saint is a person) nor "Rio" (a first name).
PLACE_LEADERS = frozenset("san santa ciudad puerto porto fort mount mt lake cape port isla".split())
#: Last words of place names no one has as a surname ("Stallard Junction", "Callow Cutting", "Drumlan
#: Colliery", "Cross Wind Drive", "Jackson Parkway"): a railway's, a mine's, a harbour's features and roads.
PLACE_HEADS = frozenset("""
junction cutting colliery station harbour viaduct tunnel reservoir quarry drive highway parkway expressway freeway
turnpike
""".split())
#: First words of the names of storms and ships ("Hurricane Matthew", "Superstorm Sandy", "USS Maddox"): a
#: storm is named like a person and a ship often after one, and neither is anyone an article quotes.
VESSEL_LEADERS = frozenset("hurricane superstorm typhoon cyclone uss hms rms usns hmas hmcs".split())
#: Nouns for ships, before a ship's name ("the destroyer USS Maddox", "the yacht Britannia"). Not "carrier",
#: which is also a trade ("mail carrier Bob Smith"), unless an aircraft carrier.
VESSEL_NOUNS = frozenset("""
ship warship battleship destroyer frigate cruiser submarine vessel yacht tanker freighter
""".split())
#: Nouns opening Arabic names of armed groups and parties in the construct state before a word with
#: the article ("Ansar al-Sharia", "Jabhat al-Nusra", "Jaish al-Islam", "Hizb ut-Tahrir"): "supporters
#: of", "front of", "army of"; a closed class, as "Front" and "Army" are in English.
ARABIC_ORG_HEADS = frozenset("""
ansar jabhat jaish jaysh harakat hizb ahrar liwa liwaa saraya katibat kataib tanzim jamaat jamaah jamaa
majlis dawlat asaib fatah hayat tahrir
""".split())
_ARABIC_ARTICLE = re.compile(r"(?<![\w-])(?:al|el|ad|ash|as|an|ar|at|az|ul|ut|ud|us)-\w", re.IGNORECASE)
#: Office nouns: a span ending in one names a place's office ("Charlotte Mayor", "Broward Supervisor") or
#: an endowed post ("Frances Miller Chair"), not a person; nor does one before a name of English words
#: ("National Security Advisor").
ROLE_NOUNS = frozenset("""
mayor governor senator president minister secretary chairman spokesman spokeswoman principal chair adviser
advisor director supervisor commissioner
""".split())
#: Abbreviated ranks, no one's surname (unlike "Sen", as in Amartya Sen): a span ending in one ("Navy Capt."
#: before "Jeff Davis") holds no name.
RANK_ABBREVIATIONS = frozenset("capt sgt lt col adm maj cmdr gen supt insp".split())
#: Words before a span that make its first word part of a title ("Miss Universe Alicia Machado"), not an epithet.
TITLED_BY = frozenset("miss mr mrs ms former".split())
ORG_LEADERS = frozenset({"team", "camp", "club", "planet", "brand"})

#: Head nouns of a description that make its subject an organisation, not a person ("Xinhua, the
#: official Chinese news agency", "the activist group Mosul Eye").
ORGANISATION_NOUNS = frozenset("""
agency newspaper paper network site website outlet group organization organisation company firm magazine
channel daily tabloid broadcaster service station publication wire union movement institute podcast blog bloc
affiliate band startup start-up retailer chain brand label show series weekly journal
""".split())

#: Head nouns of a description that make its subject a work or a document, neither a person nor a
#: body ("Pope Francis's exhortation Amoris Laetitia", "the film Citizen Kane"): the name is no entity.
WORK_NOUNS = frozenset("""
encyclical encyclicals exhortation document book novel memoir film movie documentary album song single
play musical opera poem
""".split())

#: Numbers spelled out, which no person's name holds after its first word ("the website One Peter
#: Five", "the Jackson Five", "Air Force One"); a closed class of English words.
CARDINAL_WORDS = frozenset("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
""".split())

#: Nouns that head a headline or a document part, never a name (``Obama Speech``, ``Correction Appended``).
HEADLINE_NOUNS = frozenset("""
speech speeches remarks transcript statement interview video photos photo op-ed editorial column
analysis opinion poll polls debate rally correction update updates live watch exclusive breaking
report reports review crash
""".split())


_WORDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
_NO_WORDS: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
_LEMMAS: dict[int, frozenset[str]] = {}
_IRREGULAR: dict[int, frozenset[str]] = {}


def remember_word_lists(nlp: Language) -> None:
    """Keep the (adjectives, verbs) of English from the lemmatizer's WordNet index for this
    pipeline's vocabulary (a Doc reaches its vocab, not its pipeline)."""
    adj: frozenset[str] = frozenset()
    verb: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    irregular: frozenset[str] = frozenset()
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            adj = frozenset(index.get("adj", []))
            verb = frozenset(index.get("verb", []))
            lemmas = frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, []))
        if lookups is not None and lookups.has_table("lemma_exc"):
            irregular = frozenset(lookups.get_table("lemma_exc").get("verb", {}))  # "sent", "told", "won"
    _WORDS[id(nlp.vocab)] = (adj, verb)
    _LEMMAS[id(nlp.vocab)] = lemmas
    _IRREGULAR[id(nlp.vocab)] = irregular


def is_english_word(tok: Token) -> bool:
    """Whether the token, lower-cased, is a WordNet lemma of any part of speech (``morning``,
    ``though``), or a function word spaCy knows as a stop word."""
    return tok.lower_ in english_lemmas(tok.doc.vocab) or tok.is_stop


def english_lemmas(vocab: Vocab) -> frozenset[str]:
    """The WordNet lemmas of every part of speech remembered for this vocabulary (empty without a lemmatizer)."""
    return _LEMMAS.get(id(vocab), frozenset())


def word_lists(vocab: Vocab) -> tuple[frozenset[str], frozenset[str]]:
    """(adjectives, verbs) remembered for this vocabulary; empty sets for a pipeline without a lemmatizer."""
    return _WORDS.get(id(vocab), _NO_WORDS)


@lru_cache(maxsize=1)
def _detector():  # noqa: ANN202 - gender_guesser ships no type hints
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


def first_name_gender(first: str | None) -> str | None:
    """male/female when the first-name dictionary is sure, else None (a population statistic, not evidence)."""
    if not first or len(first) < 2:
        return None
    guess = _detector().get_gender(strip_accents(first))
    return guess if guess in ("male", "female") else None


def is_first_name(word: str) -> bool:
    """Whether the first-name dictionary knows this word at all (any gender, androgynous included)."""
    return len(word) > 1 and _detector().get_gender(strip_accents(word)) != "unknown"


#: The Arabic article joined to a surname ("al-Assad", "el-Sisi"), which outlets keep or drop.
_ARTICLE_PREFIX = re.compile(r"(?<![\w-])(?:al|el)-(?=\w)")


def without_article_prefix(lowered: str) -> str:
    """A lower-cased name without the Arabic article on its words: "bashar al-assad" and a later
    bare "assad" share a surname."""
    return _ARTICLE_PREFIX.sub("", lowered)


def fold(text: str) -> str:
    """Accent- and case-folded form of a name, for matching only (never displayed)."""
    text = strip_accents(text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", "", without_article_prefix(text.lower()))).strip()


def _fold(word: str) -> str:
    return fold(word).strip("-")


#: Particles that begin a surname ("de Vos", "Mr. de Blasio", "von Trapp", "bin Laden"). These are
#: never an English first name however written; the second set only when written in lower case
#: ("Van Jones", "Al Gore", "Della Reese", "Bin Wang" keep their first names).
SURNAME_PARTICLES = frozenset("de von der den dos das ibn ter ten".split())
LOWER_CASE_PARTICLES = SURNAME_PARTICLES | frozenset("bin da di du le la van del della al el".split())
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def without_particles(words: list[str], written: str) -> list[str]:
    """The folded words of a name, or only its last word when every word before it is a surname
    particle: "de Vos" and "De Blasio" are bare surnames (of Pierre de Vos, Bill de Blasio), not a
    first name "de" and a surname. ``written`` is the name as written, for the case of the particles."""
    if len(words) < 2 or not set(words[:-1]) <= LOWER_CASE_PARTICLES:
        return words
    lower = set(_LOWER_WORD.findall(strip_accents(written)))
    return words[-1:] if all(w in SURNAME_PARTICLES or w in lower for w in words[:-1]) else words


@dataclass(slots=True)
class CleanName:
    """What a PERSON span really is: the name's tokens, and what was cut off.

    ``kind`` is ``person``, ``family`` (a surname in the plural), ``org`` (a building or
    organisation named after a person), ``place`` or ``none`` (no name left). ``label`` is the epithet
    cut off before the name, as (first, last) token indices, or None.
    """

    tokens: list[Token]
    kind: str
    label: tuple[int, int] | None = None


def _verb_form(low: str, verb: frozenset[str]) -> bool:
    """A verb or one of its regular inflections (``injecting``, ``slams``, ``vowed``); headline
    verbs are title-case, so the tagger often calls them proper nouns and gives no lemma."""
    if low in verb:
        return True
    for suffix, repl in (("ing", ""), ("ing", "e"), ("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ies", "y")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2 and low[: -len(suffix)] + repl in verb:
            return True
    return False


def _verb(tok: Token, verb: frozenset[str]) -> bool:
    return (tok.tag_.startswith("VB") or _verb_form(_fold(tok.text), verb)) and not is_first_name(tok.text)


def is_english_verb(tok: Token) -> bool:
    """A token tagged a verb or written as an English verb form, and no first name (``Slams``)."""
    return _verb(tok, word_lists(tok.doc.vocab)[1])


def _part_the_article_names(tokens: list[Token], supported: set[str]) -> list[Token]:
    """Of a span cut by a spaced dash ("Weak - Rubio", a quoted taunt), the one part that is a
    name the article uses elsewhere; the span unchanged when there is no such dash, or not
    exactly one such part. A dash inside a word ("Holtz-Eakin") has no space beside it."""
    cuts = [n for n, t in enumerate(tokens) if t.text in {"-", "–", "—"} and 0 < n < len(tokens) - 1
            and (t.whitespace_ or tokens[n - 1].whitespace_)]
    if not cuts:
        return tokens
    parts = [tokens[a + 1:b] for a, b in zip([-1] + cuts, cuts + [len(tokens)])]
    named = [p for p in parts if p and fold("".join(t.text_with_ws for t in p)) in supported]
    return named[0] if len(named) == 1 else tokens


#: Parts of speech no name ends with: a preposition, "to", a conjunction or a determiner ("Marco
#: Rubio Responds To", a headline the recogniser read on into).
_FUNCTION_TAGS = frozenset({"TO", "IN", "CC", "DT"})
#: The word between the parties of a lawsuit's name, in lower case ("V." is a middle initial).
_CASE_WORDS = frozenset({"v", "vs", "versus"})
#: A state's or country's initials written with dots ("N.J.", "D.C.", "U.K.").
_STATE_INITIALS = re.compile(r"^(?:[A-Z]\.){2,3}$")
#: Verb forms the tagger gives an inflected verb: these before a name the article uses are a
#: headline or an inverted "Said Comey", even when the word is also a first name ("Said").
_INFLECTED_VERB_TAGS = frozenset({"VBD", "VBZ", "VBN", "VBG"})
_LOWER_UPPER = re.compile(r"[a-z][A-Z]")
_CREDIT = re.compile(r"[A-Za-z] ?/ ?[A-Za-z]")


def _up_to_the_name_end(tokens: list[Token]) -> list[Token]:
    """The tokens before the first one no name runs on into: a colon or a web address ("Joseph P.
    Kahn: http://..."), or a spaced dash before a lower-case word ("a vote for Donald Trump - and
    that is ...", "Robert Barr - won two seats": the sentence, not the name, goes on)."""
    for n, t in enumerate(tokens):
        url = "://" in t.text or t.lower_.startswith(("http", "www."))
        dash = (t.text in {"-", "–", "—"} and n + 1 < len(tokens) and tokens[n + 1].text[:1].islower()
                and (t.whitespace_ or (n and tokens[n - 1].whitespace_)))
        if t.text == ":" or url or dash:
            return tokens[:n]
    return tokens


def _glued_words(tok: Token) -> bool:
    """Several words run together by a page's markup ("MaransFlagShareLikeReplyAni", a comment
    widget's buttons glued to a byline): more case changes inside one word than any name has
    (``McDonald``, ``DeGraffenreid``, ``LeBron`` have one or two); or a name glued to a long word of
    English ("StraussCinematography", a credit line; "MacNab" and "DeSantis" end in no such word)."""
    humps = list(_LOWER_UPPER.finditer(tok.text))
    if len(humps) > 2:
        return True
    tail = tok.text[humps[-1].start() + 1:].lower() if humps else ""
    return len(tail) >= 6 and tail in _LEMMAS.get(id(tok.doc.vocab), frozenset())


#: Two apostrophes open a quotation as well as close one in some archives' text ("so are ''Prison
#: Break'' and ''Gilmore Girls.''"), which a tagger reads either way.
_OPENING_QUOTES = frozenset({'"', "“", "‘", "'", "``", "''"})
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "''"})


def _quoted_title(toks: list[Token]) -> bool:
    """Whether the words fill a pair of quotation marks (a comma or full stop may sit inside the
    closing one): the title of a work or a coined name, not how news prose names a person."""
    doc = toks[0].doc
    i, j = toks[0].i - 1, toks[-1].i + 1
    if j < len(doc) and doc[j].text in {",", "."}:
        j += 1
    return i >= 0 and j < len(doc) and doc[i].text in _OPENING_QUOTES and doc[j].text in _CLOSING_QUOTES


_ROMAN = re.compile(r"^[IVXLC]+$")


def acronym_word(word: str) -> bool:
    """An organisation's initials ("SVP", "BDS", "AFB", "U.S."): three to five capitals, or two
    with dots, and no Roman numeral ("XII") or name suffix ("ESQ"); two bare capitals may be a
    surname or particle written in capitals ("Wang YI", "Jean-Yves LE DRIAN")."""
    letters = word.replace(".", "")
    return ((3 <= len(letters) <= 5 or len(letters) == 2 and "." in word) and letters.isalpha()
            and letters.isupper() and not _ROMAN.match(letters) and letters.lower() not in {"phd", "esq"})


def initials_in_the_text(tok: Token) -> bool:
    """Whether a word is an organisation's initials as the article uses them: in a sentence not
    written in capitals, and never written otherwise in the article ("TRUMP" chanted in a
    sentence is the Trump it names elsewhere)."""
    return (acronym_word(tok.text) and any(t.is_alpha and t.is_lower and len(t) > 1 for t in tok.sent)
            and not any(t.lower_ == tok.lower_ and not t.is_upper for t in tok.doc))


def _initials_of_a_body(toks: list[Token]) -> bool:
    """Whether a span ends in an organisation's initials ("Junge SVP", "Campus BDS", "Travis AFB"),
    or is initials after a determiner ("the SVP"): no person's name has either."""
    last = toks[-1]
    if not initials_in_the_text(last):
        return False
    if len(toks) > 1:
        return not all(t.text.isupper() for t in toks if t.is_alpha)
    return last.i > 0 and last.doc[last.i - 1].tag_ in {"DT", "PRP$"}


def hyphenated_whole(tok: Token) -> str | None:
    """The folded hyphenated word the recogniser cut a one-word span out of ("Glass" of
    "Glass-Steagall", "Steagall" of it), or None when the span is a whole word."""
    doc, i = tok.doc, tok.i
    if (i + 2 < len(doc) and doc[i + 1].text in {"-", "–"} and not tok.whitespace_
            and not doc[i + 1].whitespace_ and doc[i + 2].text[:1].isupper()):
        return _fold(tok.text + "-" + doc[i + 2].text)
    if (i >= 2 and doc[i - 1].text in {"-", "–"} and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_ and doc[i - 2].text[:1].isupper()):
        return _fold(doc[i - 2].text + "-" + tok.text)
    return None


def _hyphenated_name(whole: str, supported: set[str], adj: frozenset[str]) -> bool:
    """Whether a hyphenated word is a person's name by the article's other names: a part of it is
    one ("the Clinton-Kaine ticket"), or it ends a full name ("Douglas Holtz-Eakin", "Asab
    Al-Tabchi", not "Super Glass-Steagall": an adjective is no first name). Its own other mentions do not count: "Glass-Steagall" twice is still a law."""
    return bool({p for p in whole.split("-") if p} & supported) or any(
        k.endswith(" " + whole) and (is_first_name(k.split()[0]) or k.split()[0] not in adj) for k in supported)


def _plural_of_a_word(tok: Token) -> bool:
    """A plural of an English noun ("Girls", "Wafers"), which ends no person's name in quotation
    marks (surnames such as "Gates" are not judged here: only a quoted title is)."""
    low = tok.lower_
    return low.endswith("s") and low not in _LEMMAS.get(id(tok.doc.vocab), frozenset()) and (
        low[:-1] in _LEMMAS.get(id(tok.doc.vocab), frozenset()))


#: Latin case endings of the first word of a document's title ("Amoris Laetitia", "Veritatis
#: Splendor", "Humanae Vitae", "Evangelii Gaudium", "Mysterium Fidei", "Summorum Pontificum").
_LATIN_ENDING = re.compile(r"(?:oris|atis|itis|ionis|inis|icis|ae|ii|orum|arum|ium|um|ei)$")


def _latin_inflected(tok: Token) -> bool:
    """A word of six letters or more with a Latin case ending that is neither a first name the
    dictionary knows nor English: no given name is written so ("Boris", "Mae" are in the
    dictionary; Baltic and Greek names end in -is after other letters, "Valdis", "Kestutis")."""
    return (len(tok.text) >= 6 and tok.is_alpha and bool(_LATIN_ENDING.search(tok.lower_))
            and not is_first_name(tok.text) and not is_english_word(tok))


def _not_a_name_word(tok: Token) -> bool:
    """A number ("3"; not a mis-decoded letter inside a word) or a lone lower-case letter."""
    return (any(c.isdigit() for c in tok.text) and not any(c.isalpha() for c in tok.text)) or (
        len(tok.text) == 1 and tok.text.islower())


def _inflected_verb(tok: Token, verb: frozenset[str]) -> bool:
    """A headline verb inflected as headlines inflect them ("Tells", "Slams", "Sent", "Vowed"):
    tagged so, a regular inflection of an English verb, or an irregular form the lemmatizer lists;
    never a first name ("Said")."""
    low = _fold(tok.text)
    return not is_first_name(tok.text) and (
        tok.tag_ in _INFLECTED_VERB_TAGS or low in _IRREGULAR.get(id(tok.doc.vocab), frozenset())
        or (low not in verb and _verb_form(low, verb)))


def before_an_office(toks: list[Token]) -> bool:
    """Whether words with no first name stand right before a title-case office noun: they are the office's
    name ("National Security" of "National Security Advisor Ben Rhodes"), the recogniser having left
    the office noun out."""
    doc = toks[0].doc
    nxt = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
    return (nxt is not None and nxt.is_title and _fold(nxt.text) in ROLE_NOUNS
            and not any(is_first_name(t.text) for t in toks))


def _headline_goes_on(tok: Token) -> bool:
    """Whether a title-case word follows the token on its line: the words run on as a headline's do."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].is_title and doc[tok.i + 1].is_alpha  # a line break is a token


def _before_a_headline_word(toks: list[Token], supported: set[str]) -> list[Token]:
    """A name cut where a headline or a list runs on inside the span: before a capitalised
    preposition, conjunction, determiner or question word ("George Lopez On Why Blacks"; a
    surname particle such as "Van" or "De" stays), and at an inflected verb between two words
    ("Ferrera Sent Donald", "TRUMP TELLS JEFF SESSIONS"), keeping the first part the article
    names elsewhere; also at a title-case base form after two words or more ("Chris Christie Address
    Heroin Epidemic": a plural subject's headline verb is not inflected), as the part before must be
    a name the article uses. A word the article uses as a name is never cut ("Sanders" reads as a verb)."""
    adj, verb = word_lists(toks[0].doc.vocab)
    for n, t in enumerate(toks[1:], 1):
        low = _fold(t.text)
        if low in supported:
            continue
        if (t.tag_ in _FUNCTION_TAGS | {"WRB", "WP"} and t.text[:1].isupper() and len(t.text) > 1
                and low not in LOWER_CASE_PARTICLES):  # "Mark A Goldsmith": an initial read as "a"
            return toks[:n]
        if n < len(toks) - 1 and (_inflected_verb(t, verb) or n > 1 and t.is_title and _verb_form(low, verb)):
            parts = [toks[:n], toks[n + 1:]]
            named = [p for p in parts if fold("".join(x.text_with_ws for x in p)) in supported]
            return named[0] if named else toks
    return toks


def _a_storm_or_ship(toks: list[Token]) -> bool:
    """Whether a span names a storm or a ship: it opens with a storm's or ship's word ("Hurricane Matthew",
    "USS Maddox"), or the recogniser left that word, title case, right before it ("Superstorm [Sandy]",
    "Tropical Storm [Hermine]"). Storms are given people's names, and ships are often named after people."""
    first = toks[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    return (len(toks) > 1 and _fold(first.text) in VESSEL_LEADERS) or (
        before is not None and before.is_title and _fold(before.text) in VESSEL_LEADERS | {"storm"})


def clean_person(tokens: list[Token], supported: set[str]) -> CleanName:
    """Trim one PERSON span (already stripped of determiners, titles and possessives).

    ``supported`` holds the folded names the article uses for people elsewhere (full names and
    their surnames): a trim that leaves one of them is backed by the article itself.
    """
    if not tokens:
        return CleanName([], "none")
    adj, verb = word_lists(tokens[0].doc.vocab)
    tokens = _up_to_the_name_end(_part_the_article_names(tokens, supported))
    toks = [t for t in tokens if any(c.isalnum() for c in t.text) or t.text in {"-", "'"}]
    # Edge words no name has: no letter, a number ("Marco Rubio 3", a results table), or a lone
    # lower-case letter (the "s" of a possessive split off before the name: "s Clinton").
    # A letter the tokenizer split off a word ("Hed" is read as "He" + "d", like "he'd") is kept.
    while toks and (not any(c.isalpha() for c in toks[0].text) or (_not_a_name_word(toks[0]) and toks[0].whitespace_)
                    or toks[0].lower_ in {"'s", "’s"}):  # "our party's Donald Trump" read from the "'s"
        toks = toks[1:]
    while toks and (not any(c.isalpha() for c in toks[-1].text) or (
            _not_a_name_word(toks[-1]) and (len(toks) < 2 or toks[-2].whitespace_))):
        toks = toks[:-1]
    if (not toks or any(t.tag_ in {"PRP", "PRP$"} or _glued_words(t) for t in toks)
            or _CREDIT.search("".join(t.text_with_ws for t in tokens))):
        # "I’m Muslim": a personal pronoun is never part of a name; nor is a photo credit
        # ("Gary Cameron/Reuters") or words a page's markup glued together.
        return CleanName([], "none")
    if not any(c.isupper() for t in toks for c in t.text):
        return CleanName([], "none")  # "if officers don riot gear": a name has a capital letter
    if any(t.is_title and t.lower_ in CARDINAL_WORDS for t in toks[1:]):
        return CleanName([], "none")  # "One Peter Five", "the Central Park Five": a title or a group
    if (len(toks) == 1 and (whole := hyphenated_whole(toks[0])) is not None
            and not _hyphenated_name(whole, supported, adj)):
        return CleanName([], "none")  # "Glass" cut from "bring back Glass-Steagall": a law, not a person
    if len(toks) > 2 and toks[0].lower_ in {"pro", "anti"} and toks[1].text == "-":
        return CleanName([], "none")  # "a pro-Jeb Bush super PAC", split by the tokenizer: an adjective
    if any(t.text.rstrip(".") in _CASE_WORDS for t in toks[1:-1]):
        return CleanName([], "none")  # "Trump v. Trump": a lawsuit, one party against another
    if _initials_of_a_body(toks):
        if len(toks) > 2 and is_first_name(toks[0].text) and "." not in toks[-1].text:
            toks = toks[:-1]  # "all Carter Page FISA applications": the name ends before the initials
        elif not (len(toks) > 1 and "." in toks[-1].text and is_first_name(toks[0].text)):
            return CleanName(toks, "org")  # not "President George H.W." broken off "Bush" by a line end
    cut = next((n for n, t in enumerate(toks) if t.text in {"of", "at"} and n > 0), None)
    if cut is not None and is_first_name(toks[0].text):
        toks = toks[:cut]  # "Travis Kalanick of Uber", "Victoria at Sandy Hook": the name ends there
    if (len(toks) > 2 and is_first_name(toks[1].text) and len(toks[1].text) > 1 and not is_first_name(toks[0].text)
            and (toks[0].tag_ in {"NNS", "NNPS"} or _STATE_INITIALS.match(toks[0].text)
                 or is_english_word(toks[0]) and toks[0].lower_.endswith(("an", "er", "or", "ist"))
                 or toks[0].lower_.endswith("man"))):
        # "Floridians Jeb Bush", "N.J. Roger Ailes", "Kentuckian Rand Paul": where the person is
        # from; "Assemblywoman Claudia Tenney", "Filmmaker Jack Marino": an office or a trade no
        # title list holds, an agent noun. ("Park Geun Hye" keeps her surname: an English word
        # alone does not make a word no part of a name.)
        toks = toks[1:]
    elif (len(toks) == 2 and not is_first_name(toks[0].text) and is_english_word(toks[0])
          and toks[0].lower_.endswith(("er", "or", "ist"))
          and any(len(k.split()) > 2 and k.split()[0] == _fold(toks[0].text) and k.split()[-1] == _fold(toks[1].text)
                  for k in supported)):
        # "where Drummer Rigby died" after "Drummer Lee Rigby": the trade and his surname ("Baker
        # Mayfield" keeps his first name, and beside a "John Mayfield" too)
        toks = toks[1:]
    if toks[0].lower_ in ORG_LEADERS and len(toks) > 1:
        return CleanName(toks, "org")
    if _fold(toks[0].text) in PLACE_LEADERS and len(toks) > 1 and not toks[0].text.isupper():
        return CleanName(toks, "place")  # "San Pedro Sula", "Ciudad Juárez", "Fort Worth"
    if len(toks) > 1 and _fold(toks[-1].text) in PLACE_HEADS and toks[-1].is_title:
        return CleanName(toks, "place")  # "Stallard Junction", "Callow Cutting", "Jackson Parkway"
    if len(toks) == 1 and _fold(toks[0].text) in FIRM_HEADS:
        return CleanName(toks, "org")  # "The Synod opens in October": a body's head noun alone is no surname
    if len(toks) > 1 and _fold(toks[-1].text) in DOCUMENT_HEADS and toks[-1].is_title:
        return CleanName([], "none")  # "Youth Synod Document": a document's title
    if _a_storm_or_ship(toks):
        return CleanName([], "none")  # "Hurricane Matthew", "Tropical Storm Hermine", "USS Maddox"
    if len(toks) > 1 and _latin_inflected(toks[0]):
        return CleanName([], "none")  # "Amoris Laetitia", "Humanae Vitae": a document's Latin title
    if _fold(toks[0].text) in ARABIC_ORG_HEADS and _ARABIC_ARTICLE.search("".join(t.text_with_ws for t in toks[1:])):
        return CleanName(toks, "org")  # "Ansar al-Sharia": "Ansar" is a first name too, "Ansar Burney" a man
    if len(toks) > 1 and _fold(toks[-1].text) in ORG_HEADS and (
            len(toks) > 2 or not is_first_name(toks[0].text) or _fold(toks[-1].text) in INSTITUTION_HEADS):
        return CleanName(toks, "org")  # "Trump Tower", "Billy Casper Golf"; but "Helen Park" is a woman
    if any(t.text.lower().startswith(("pro-", "anti-")) or ("-" in t.text[1:-1] and len(toks) == 1
                                                            and all(p[:1].isupper() for p in t.text.split("-")))
           for t in toks):
        return CleanName([], "none")  # "pro-Clinton", "Obama-Clinton": an adjective, two people
    label: tuple[int, int] | None = None
    hyphens = [n for n, t in enumerate(toks) if t.text in {"-", "–"} and 0 < n < len(toks) - 1]
    if hyphens and all(_fold(t.text) in supported for t in (toks[hyphens[0] - 1], toks[hyphens[0] + 1])):
        return CleanName([], "none")  # "Obama-Clinton": two people joined, not one
    run = len(toks) - 1  # where the span's last word, hyphens and all, begins
    while run > 0 and not toks[run - 1].whitespace_:
        run -= 1
    if (any(t.text in {"-", "–"} for t in toks[run + 1:-1]) and not is_first_name(toks[0].text)
            and all(is_english_word(t) for t in toks[:run])
            and not _hyphenated_name(fold("".join(t.text for t in toks[run:])), supported, adj)):
        return CleanName([], "none")  # "Glass-Steagall" alone, "Super Glass-Steagall": a law

    def key(ts: list[Token]) -> str:  # as written: "Holtz-Eakin" is one word, not "holtz - eakin"
        return fold("".join(t.text_with_ws for t in ts))

    # Trailing headline words: from a headline noun on; a verb by its tag, or (in an all-caps or
    # article-backed span) by its form, unless the article uses the word as a surname.
    for n, t in enumerate(toks[1:], 1):
        if _fold(t.text) in HEADLINE_NOUNS:
            toks = toks[:n]
            break
    toks = _before_a_headline_word(toks, supported)
    while len(toks) > 1:
        last = toks[-1]
        low = _fold(last.text)
        if low in ROLE_NOUNS or low in RANK_ABBREVIATIONS:
            return CleanName([], "none")  # "Charlotte Mayor": a place and an office, no name; "Navy Capt."
        if last.tag_ in _FUNCTION_TAGS:
            toks = toks[:-1]
            continue
        shouting = all(t.text.isupper() for t in toks if t.is_alpha)
        # A base form that is also a surname ("Donald Trump" beside "The Donald") is not cut for
        # the article's support alone: headline verbs are inflected ("Hillary Slams").
        if _verb(last, verb) and low not in supported and (last.tag_.startswith("VB") or shouting
                                                            or key(toks[:-1]) in supported and low not in verb):
            toks = toks[:-1]
            continue
        break
    if len(toks) > 1 and before_an_office(toks):
        return CleanName([], "none")  # "Deputy National Security Advisor Ben Rhodes"
    # "Bashing" on its own is no name; "Trump" tagged a verb where the article names a Trump is one.
    # Nor is an inflected verb left of a span the recogniser read in a headline that goes on ("US Judge
    # Rejects Bid to ...": "Rejects Bid", its last word a verb too).
    if (len(toks) == 1 and _verb(toks[0], verb) and _fold(toks[0].text) not in supported
            and (toks[0].tag_.startswith("VB") or _inflected_verb(toks[0], verb) and _headline_goes_on(toks[0]))):
        return CleanName([], "none")
    # Leading words that are not part of the name: verbs, adjectives, or nouns the article shows are extra.
    titled = toks[0].i > 0 and toks[0].doc[toks[0].i - 1].lower_.rstrip(".") in TITLED_BY
    while len(toks) > 1:
        first = toks[0]
        rest = key(toks[1:])
        rest_supported = rest in supported and (len(toks) > 2 or _fold(first.text) in adj)
        if _verb(first, verb) and (first.tag_.startswith("VB") or rest in supported) or first.tag_ == "MD":
            toks = toks[1:]  # "Will Brett Kavanaugh be confirmed?": a modal is never a first name
            continue
        if (rest in supported and key(toks) not in supported and _verb_form(_fold(first.text), verb)
                and _quoted_title(toks)):
            # a slogan, 'Votes to ‘Ban Trump,’': its verb, though "Ban" is a first name too; not a quoted
            # title the article names so elsewhere ('the movie "Harry Dunne"', "Harry" a verb as well)
            toks = toks[1:]
            continue
        if first.is_sent_start and _fold(first.text) in verb and (not is_first_name(first.text) or first.tag_ == "VB"):
            toks = toks[1:]  # "Meet Bob Smith, a farmer", "Take Idaho Republican ...": an imperative
            continue
        if (first.tag_ in _FUNCTION_TAGS and _fold(first.text) not in LOWER_CASE_PARTICLES
                and not is_first_name(first.text)):
            toks = toks[1:]  # "Without Bloomberg in the mix": a preposition at a sentence's start
            continue
        if (first.tag_ in _INFLECTED_VERB_TAGS and rest in supported
                and (first.lemma_.lower() in verb or _verb_form(_fold(first.text), verb))):
            toks = toks[1:]  # "Said Comey, ..." where the article names Comey: "Said" is a first name too
            continue
        if not is_first_name(first.text) and len(first.text) > 2 and not first.text.endswith(".") and (
                (_fold(first.text) in adj and rest in supported) or rest_supported):
            if not titled:
                label = (label[0] if label else first.i, first.i)
            toks = toks[1:]
            continue
        break
    if len(toks) > 1 and _quoted_title(toks) and key(toks) not in supported and (
            not is_first_name(toks[0].text) or _plural_of_a_word(toks[-1])):
        # A play called "Los Hijos de Trump," is no second Trump, a show called "Gilmore Girls" no Gilmore.
        return CleanName([], "none")
    if len(toks) == 1 and toks[0].tag_ == "NNPS" and toks[0].text.endswith("s"):
        singular = _fold(toks[0].text[:-1])
        if singular in supported or (toks[0].text.endswith("es") and _fold(toks[0].text[:-2]) in supported):
            return CleanName(toks, "family", label)
        if singular in adj and _fold(toks[0].text) not in supported and not is_first_name(singular):
            return CleanName([], "none")  # "Catholics", "Republicans": a group named by an adjective
    return CleanName(toks, "person", label)


def epithet_before(first: Token) -> Token | None:
    """A capitalised adjective right before a name, mid-sentence (``attacked Crooked Hillary``):
    an epithet the NER left outside the span, or None."""
    if first.i == 0:
        return None
    prev = first.doc[first.i - 1]
    if prev.is_sent_start or prev.i == 0 or not prev.text[:1].isupper() or prev.text.isupper():
        return None
    before = first.doc[prev.i - 1]
    if before.is_punct and before.text not in {",", "“", '"'} or "\n" in before.whitespace_:
        return None  # a headline or a new sentence starts at prev
    adj, _ = word_lists(first.doc.vocab)
    if _fold(prev.text) in adj and not is_first_name(prev.text) and prev.lower_ not in TITLED_BY:
        return prev
    return None


#: How close two spellings of a first name must be (rapidfuzz ratio) to count as one name.
FIRST_NAME_CUTOFF = 85.0


@lru_cache(maxsize=1)
def _nicknamer():  # noqa: ANN202 - the package's NickNamer
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def _nickname_gender(name: str) -> str | None:
    """The one gender of a nickname and of every formal name the table gives for it (``bill`` →
    robert, william, ...: male), None when they differ or none is known (``chris`` is Christian
    or Christina, ``pat`` Patrick or Patricia: no gender, so no nickname join)."""
    genders = {first_name_gender(n) for n in _nicknamer().canonicals_of(name) | {name}} - {None}
    return genders.pop() if len(genders) == 1 else None


def is_nickname_pair(a: str, b: str) -> bool:
    """Whether one folded first name is a listed nickname of the other (``bill``/``william``,
    ``joe``/``joseph``, ``len``/``leonard``), by the ``nicknames`` package's hand-curated table
    of English names, with the formal name's gender the one gender of the nickname's formal
    names (the table also lists ``william`` under ``wilma``, and ``chris`` under both Christian
    and Christina: those join nothing)."""
    nn = _nicknamer()
    # The table lists some pairs both ways (``william`` is also given as a nickname of ``bill``):
    # either reading that passes the gender check will do.
    return any(nick in nn.nicknames_of(formal) and first_name_gender(formal) is not None
               and _nickname_gender(nick) == first_name_gender(formal) for formal, nick in ((a, b), (b, a)))


def first_names_agree(a: str, b: str) -> bool:
    """Folded first names of one person: equal, one an initial or a listed nickname of the other
    (``Joe``/``Joseph``), or a close spelling that is no name in the dictionary (a typo): two
    dictionary names that the nickname table does not pair are two people ("Ivana" and
    "Ivanka")."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if is_first_name(a) and is_first_name(b):
        return is_nickname_pair(a, b)
    return fuzz.ratio(a, b) >= FIRST_NAME_CUTOFF


def middles_conflict(a: list[str], b: list[str]) -> bool:
    """Two folded names with the same first name and surname but different middle names or
    initials (``george w bush`` / ``george h w bush``): two people, not spellings of one. Initials
    (up to three letters) must be equal; a middle name and an initial must share the letter."""
    ja, jb = "".join(a[1:-1]), "".join(b[1:-1])
    if not ja or not jb:
        return False
    if len(ja) <= 3 and len(jb) <= 3:
        return ja != jb
    return not (ja.startswith(jb) or jb.startswith(ja) or ja[0] == jb[0] and min(len(ja), len(jb)) == 1)


@lru_cache(maxsize=2)
def _lemma_index(model: str) -> dict[str, frozenset[str]]:
    """The WordNet lemmas the spaCy model's rule lemmatizer ships, by part of speech (noun, verb,
    adj, adv), read from its package on disk (no pipeline loaded); empty when the model has none."""
    import spacy.util
    from spacy.lookups import Lookups

    try:
        root = spacy.util.get_package_path(model)
    except Exception:  # noqa: BLE001 - not installed as a package: no word list, no filtering
        return {}
    for path in sorted(root.glob("**/lemmatizer/lookups/lookups.bin")):
        lookups = Lookups().from_disk(path.parent)
        if lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            return {pos: frozenset(index.get(pos, [])) for pos in ("noun", "verb", "adj", "adv")}
    return {}


@lru_cache(maxsize=2)
def english_words(model: str) -> frozenset[str]:
    """Every WordNet lemma (noun, verb, adjective, adverb) the spaCy model's rule lemmatizer ships."""
    return frozenset().union(*_lemma_index(model).values())


@lru_cache(maxsize=2)
def noun_only_words(model: str) -> frozenset[str]:
    """WordNet lemmas that are nouns and no verb, adjective or adverb (``lawyer``, ``outpost``):
    a name right before one modifies it ("a Bush lawyer"), read without a parser."""
    index = _lemma_index(model)
    return index.get("noun", frozenset()) - index.get("verb", frozenset()) - index.get("adj", frozenset()) \
        - index.get("adv", frozenset())


def made_of_words(name: str, words: frozenset[str]) -> bool:
    """A name none of whose words is a known first name and some of whose words are English
    words (``Squawk Box``, ``Colony West``, ``Brexit`` is not one: unknown words stay names).

    Except a name of two words whose first is neither a dictionary first name nor English (nor an
    inflection of an English word: "Citizens United") and whose second heads no organisation,
    place or headline ("Oppo Bloc", "Bundy Ranch", "EgyptAir Crash"): a rarer first name and a
    surname ("Dylann Roof" is a man, not a roof; "Condoleezza Rice", "Khizr Khan")."""
    tokens = [t for t in fold(name).replace("-", " ").split() if t]
    if not tokens or any(is_first_name(t) for t in tokens) or not any(t in words for t in tokens):
        return False
    rare_first = (len(tokens) == 2 and len(tokens[0]) > 1 and not _verb_form(tokens[0], words)
                  and tokens[1] not in ORG_HEADS | ORGANISATION_NOUNS | HEADLINE_NOUNS)
    return not rare_first


def coined_of_words(name: str, words: frozenset[str]) -> bool:
    """Two English words, the first no first name and the second a first name that is also a word
    (``Hail Mary``, ``Desert Storm``): a phrase or an operation's name, word order a person's name
    never has (a person's first name comes first; "Bear Bryant" keeps his, "Bryant" is no word)."""
    tokens = fold(name).split()
    return (len(tokens) == 2 and all(t in words for t in tokens) and not is_first_name(tokens[0])
            and is_first_name(tokens[1]))
