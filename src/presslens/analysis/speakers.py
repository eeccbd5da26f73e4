"""Who said it: the source mention of an attribution cue, what kind of source it is, and the entity it refers to.

The source is read off the parse of the cue (its subject, the agent of a passive, the object
of "according to", the possessor of a noun cue, or, for a participle, a conjoined verb or a
verb under a preposition, the subject of the verb it hangs from; a passive cue has only its
``by`` agent: "Asked whether he would run, Reyes said" names whom the question was put to,
not who asked). The mention is then given a
kind (person, organisation, government, unnamed source, document; or a thing or place, which
do not speak) and resolved to a canonical :class:`~presslens.model.Entity`: a name directly, a
role noun with a name in apposition to that person, a spokesperson to the organisation, a
pronoun by agreement and salience (:class:`SpeakerResolver`), a role noun ("the minister") to
the person the article gives that role. Unnamed sources ("a source", "officials") stay as
written, and a pronoun with no fitting antecedent nearby stays unresolved.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc, Token

from presslens.analysis.entities import ROLE_WORDS, entity_at
from presslens.analysis.names import first_name_gender, is_english_word
from presslens.model import Entity, Speaker

#: Left dependents that belong to a source's noun phrase ("longtime Democratic pollster Pat Caddell").
_NP_LEFT = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct", "quantmod", "advmod"})
#: Relations through which a verb without its own subject borrows its head's ("said X, adding ...");
#: ``acomp`` carries it on from an adjective to its copula ("Sexton was quick to point out that ...").
_BORROW = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp"})
#: Of those, the relations of a participle or conjoined verb that goes on from its head's act.
_ADJUNCT = frozenset({"conj", "advcl"})
#: Relations the parser gives an inverted subject ("said Guaido", "tweeted Rubio").
_INVERTED = frozenset({"dobj", "attr", "npadvmod", "oprd", "dative", "appos"})
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "their", "we"}
#: Pronouns of things: a source only through what they stand for ("the report ... it says").
_THING_PRONOUNS = frozenset({"it", "this", "that", "which", "these", "what", "whatever"})
#: Pronouns that always name people (the writer, the speaker inside a quote, a person).
_PERSON_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "who", "whom", "someone", "somebody", "everyone",
                              "everybody", "anyone", "anybody", "nobody", "one", "many", "some", "others", "both",
                              "most", "few", "all", "several", "none", "each", "either", "neither", "those",
                              "another", "other", "half", "majority", "minority", "plurality"})
#: Entity types of quantities: "72 percent (of voters) said" counts people (poll respondents).
_COUNTS = frozenset({"PERCENT", "CARDINAL", "QUANTITY"})
#: Nouns of measure that are a document on their own ("the polling average shows") but count
#: what their ``of`` names ("an average of 10 percent of voters said").
_MEASURES = frozenset({"average"})
#: Entity types of records that state things (a law, a book).
_WORKS = frozenset({"LAW", "WORK_OF_ART"})
#: Common nouns naming people or groups of people: unnamed sources ("officials said", "a source
#: close to the talks", "critics argue"). Role words (``entities.ROLE_WORDS``) count too. A
#: word list, not a model: the pipeline has no word senses, and the list is what the issue's
#: rule names ("people and organisations speak") spelled out; nouns not on it and not an entity
#: are things, places or processes, which do not speak.
AGENT_NOUNS = frozenset("""
person people man men woman women child children boy girl kid teen teenager adult resident citizen voter
supporter backer fan follower donor member staff staffer employee worker volunteer organizer activist
protester demonstrator critic opponent rival ally friend colleague family relative parent mother father wife
husband son daughter brother sister neighbour neighbor witness victim survivor patient student teacher
pupil parent doctor nurse scientist researcher academic scholar expert specialist analyst observer insider
source official officer authority spokesman spokeswoman spokesperson representative rep aide adviser
advisor consultant strategist operative pollster economist lawyer attorney prosecutor judge jury juror
court police detective investigator agent officer soldier veteran commander military army navy
government administration ministry department agency office bureau council committee commission board
panel parliament congress senate house assembly legislature cabinet regime party campaign team camp
company firm business corporation bank group organisation organization association federation union
coalition alliance movement network outlet newspaper paper magazine station broadcaster channel publisher
media press journalist reporter editor columnist commentator pundit host anchor blogger author writer
candidate nominee politician lawmaker legislator senator congressman congresswoman governor mayor
president minister secretary leader chief director executive manager chairman chairwoman chair founder
owner partner investor delegate superdelegate republican democrat conservative liberal progressive
moderate independent libertarian establishment elite elites leadership faithful base electorate public
audience crowd attendee participant respondent user customer client consumer buyer seller farmer
worker miner driver pilot player coach athlete actor actress singer artist musician celebrity star
comedian director producer filmmaker designer engineer developer programmer founder entrepreneur
businessman businesswoman billionaire tycoon mogul landlord tenant owner shareholder stakeholder
regulator watchdog inspector auditor monitor ombudsman lobbyist lobby advocate campaigner negotiator
diplomat envoy ambassador embassy consulate mission delegation clergy priest pastor bishop imam rabbi
church university college school institute institution think tank foundation charity nonprofit
hospital clinic court tribunal prosecutors police fbi cia faction associate interviewer fact-checker narrator
speechwriter surgeon neurosurgeon pediatrician principal historian hopeful front-runner frontrunner community
guy airline carrier unit side independents americans insider organizer organiser employer official
spokesman spokeswoman group caucus checker lender maker manufacturer automaker carmaker retailer insurer provider
forecaster anthropologist sociologist psychologist confidant environmentalist defender chancellery left
eyewitness runner millennial proponent socialist evangelical viewer caller elder watcher objector antagonist
occupier hawk personnel troop tabloid publication generation
""".split())
#: Documents and records that state things: sources in their own right ("the report found").
DOCUMENT_NOUNS = frozenset("""
report study survey poll polling research analysis review audit assessment estimate forecast projection
statement release announcement letter memo memorandum note email message tweet post blog article editorial
op-ed column story book paper document filing complaint lawsuit suit indictment ruling verdict decision
opinion order brief affidavit testimony transcript record records minutes data figures statistics numbers
census index model website site page ad advertisement account count tally remarks remark comment comments
call audio profile quote ranking version pitch disclosure ledger biography piece initiative counterproposal commercial video documentary film footage speech
interview platform manifesto policy plan proposal bill law legislation constitution treaty agreement
guidance guidelines rule rules regulation warning notice petition resolution declaration charter
investigation inquiry probe findings finding evidence results result chart map sign banner placard
memoir memoirs diary summary readout cable timeline schedule tracker average returns playbook
""".split())
#: Nouns by which an organisation speaks: "a Harbour Trust spokesperson said" is Harbour Trust.
SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "spokeswomen",
                    "representative", "statement"})
#: Singular nouns naming a group: antecedents of "they", not of "he"/"she".
GROUP_NOUNS = frozenset({"campaign", "government", "administration", "company", "group", "team", "party", "committee",
                         "council", "board", "agency", "department", "ministry", "office", "firm", "union", "police",
                         "authority", "organisation", "organization", "association", "family", "staff", "public",
                         "crowd", "audience", "crew", "jury", "panel", "delegation"})
#: Nouns through which a name before them speaks ("a Clinton spokesman", "the Sanders campaign").
_SPEAKS_FOR = SPOKES | GROUP_NOUNS | {"camp"}
#: Prepositions that end a role's own words and open what the role is of or for.
_ROLE_PREPOSITIONS = frozenset({"of", "for", "at", "in", "on", "to", "from", "with"})
#: How many sentences back a pronoun may find its antecedent; further is a guess across the article.
PRONOUN_WINDOW = 4
#: Source kinds that are agents: their attributions are listed.
AGENT_KINDS = frozenset({"person", "organisation", "government", "unnamed", "document"})
#: A stretch in quotation marks within one paragraph.
_QUOTED = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')


def source_token(cue: Token) -> Token | None:
    """The head token of the cue's source, or None when the parse names none.

    A cue the tagger calls a noun but the parser gives a subject is a verb ("Trump claims he's
    worth $10 billion", "O'Keefe notes"): its subject speaks."""
    if cue.lower_ == "according":
        for child in cue.children:
            if child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    verb = cue
    if cue.pos_ == "NOUN" and not any(c.dep_ == "nsubj" for c in cue.children):
        # a noun cue: "his criticism of", "made comments about", "in a call for"
        for child in cue.children:
            if child.dep_ == "poss":
                return child
        if cue.dep_ in {"dobj", "attr"} and cue.head.pos_ in {"VERB", "AUX"}:
            verb = cue.head
        elif cue.dep_ == "pobj" and cue.head.dep_ == "prep" and cue.head.head.pos_ in {"VERB", "AUX"}:
            verb = cue.head.head
        else:
            return None
    for _ in range(4):
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        subj = None
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and not passive):
                subj = child
        if subj is not None:
            return subj
        if verb.i == cue.i:
            # inverted order after a quotation: '"...," tweeted Rubio' parses Rubio as an object
            for child in verb.rights:
                # the name within three words, or its phrase opening right after the verb ('"...,"
                # sobbed gran-of-three Marta Vollen')
                if (child.i - verb.i <= 3 or child.left_edge.i == verb.i + 1 and not child.left_edge.is_quote) \
                        and (child.dep_ in _INVERTED and child.pos_ in {"PROPN", "NOUN"} or _surname_as_adverb(child)) \
                        and any(c.dep_ in {"ccomp", "punct"} and c.i < verb.i for c in verb.lefts):
                    return child
        if verb.i == cue.i and (_passive(verb) or _passive_participle(verb)):
            # "Asked if he was bullied, the candidate said", "Ryan, who was asked about it",
            # "Kyle, referred to as ...": the one the passive cue names is spoken to or of, and
            # the speaker (the agent) is not named
            return None
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return (verb.dep_ == "acl" and _record_author(verb.head)) or verb.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head.head  # "began by talking about", "criticised him for saying"
            continue
        if verb.dep_ not in _BORROW or verb.head.i == verb.i:
            return None
        if verb.dep_ in _ADJUNCT and verb.head.dep_ == "ccomp" and verb.head.head.i != verb.head.i:
            # 'X said [Clinton will have to choose], saying "..."': the parser hangs the
            # participle (or the conjoined 'and added') on the reported clause, but the one who
            # goes on saying is the reporter X, not the reported clause's subject
            verb = verb.head
        verb = verb.head
    return None


def _surname_as_adverb(tok: Token) -> bool:
    """A capitalised word the tagger read as an adverb for its ending, which no dictionary knows
    ('"...," said Skelly'): after an inverted quoting verb it is the speaker's name."""
    return tok.dep_ == "advmod" and tok.tag_ == "RB" and tok.is_title and not is_english_word(tok)


#: Verbs by which an agent puts out a record of its own ("issued a statement saying", "put out a
#: statement", "launched petitions calling", "took to Twitter with a series of posts calling").
_PUBLISHING = frozenset("""
issue release put publish draft write pen post tweet send sign file submit circulate unveil launch plant
air run deliver hold take shoot fire
""".split())


def _record_author(record: Token) -> Token | None:
    """The agent who put out a record a participle describes: the subject of a publishing verb
    (:data:`_PUBLISHING`) whose object the record is, or whose ``in``/``with`` phrase holds it,
    also through "a series of": "His office put out a statement saying ..." is the office's saying,
    as PolNeAR marks it and a reader takes it. A record with its own owner or author ("her
    statement", "a report by X") names its source already, and a passive verb names nobody."""
    if record.pos_ != "NOUN" or (record.lemma_.lower() not in DOCUMENT_NOUNS and record.lower_ not in DOCUMENT_NOUNS) \
            or any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "from"}) for c in record.children):
        return None
    tok = record
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head  # "a series of posts", "a string of tweets"
    if tok.dep_ == "dobj":
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ in {"in", "with"} and tok.head.dep_ == "prep":
        verb = tok.head.head
    else:
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _PUBLISHING or _passive(verb):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in _THING_PRONOUNS:
        return None
    agent = subj.pos_ == "PRON" or noun_kind(subj) in AGENT_KINDS - {"document"}  # a record puts out none
    return subj if agent else None


def _passive(verb: Token) -> bool:
    """A passive auxiliary other than a contracted "'s", which the parser also reads into "he's
    said he'll fight" (has said)."""
    return any(c.dep_ == "auxpass" and c.lower_ not in {"'s", "’s"} for c in verb.children)


def _passive_participle(verb: Token) -> bool:
    """A past participle heading a modifier clause with no subject or auxiliary of its own
    ("[Asked] about it, she said"; "a man [described] as ..."): passive, whatever it borrows.
    Opening a sentence the tagger often takes it for a past tense ("Asked" as VBD)."""
    return (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.is_sent_start)) and verb.dep_ in {"advcl", "acl"} \
        and not any(c.dep_ in {"nsubj", "aux", "auxpass"} for c in verb.children)


#: Dashes set off by spaces (not the hyphen of "Holtz-Eakin", which the tokenizer also splits off): what
#: stands before one is not part of the noun phrase after it.
_DASHES = frozenset({"-", "--", "—", "–", "―"})


def mention_bounds(tok: Token) -> tuple[int, int]:
    """Token range of the source's noun phrase up to its head (relative clauses and appositions left
    out), with an ``of`` phrase and a record's author (``a report by X``) kept."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in _NP_LEFT:
            start = min(start, child.left_edge.i)
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in {"compound", "flat"} and child.i == end:
            end = child.i + 1
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == end and tok.pos_ == "NOUN":
            end = child.right_edge.i + 1  # "the government of Venezuela", "a spokesman for ..." is left out
        elif child.dep_ == "prep" and child.lower_ in {"by", "from"} and child.i == end and _authored(tok, child):
            # a record names its author: "an analysis by the Pew Research Center", "a post from
            # Jane Doe" (PolNeAR marks either the record or its author as the source; the author is
            # what a reader needs); the author's own relative clause or apposition is left out
            end = mention_bounds(next(o for o in child.children if o.dep_ == "pobj"))[1]
    doc = tok.doc
    for i in range(tok.i - 1, start - 1, -1):
        if (doc[i].text == "," and i > start and doc[i - 1].pos_ != "ADJ" and doc[i - 1].tag_ not in {"JJ", "VBN"} \
                and doc[i - 1].ent_type_ not in {"GPE", "LOC"}) \
                or (doc[i].is_quote and i > start and doc[i - 1].text in {",", ".", "?", "!"}) \
                or (doc[i].text in _DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_):
            # a broken parse reaching back over a closed quotation, a list or a dateline's dash
            # ("hunky-dory," Gene Sperling; "Matthews, MSNBC's Alex Seitz-Wald"; "JACKSON, Miss. -
            # U.S. District Judge Carl Reeve") is not the name; "the bespectacled, 71-year-old
            # diplomat" and "a Coralville, Iowa, pastor" are one phrase
            start = i + 1
            break
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _authored(tok: Token, prep: Token) -> bool:
    """A record noun (:data:`DOCUMENT_NOUNS`) whose ``by``/``from`` phrase names an agent.

    "data from Iowa" names a place, "a letter from the heart" a thing: those stay out.
    """
    if tok.pos_ != "NOUN" or (tok.lemma_.lower() not in DOCUMENT_NOUNS and tok.lower_ not in DOCUMENT_NOUNS):
        return False
    obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
    return obj is not None and obj.pos_ != "PRON" and noun_kind(obj) in {"person", "organisation", "unnamed"}


class SpeakerResolver:
    """Resolves source mentions of one article to its entities.

    Built once per article: people's mentions in text order, each person's gender as the
    article signals it (:func:`article_genders`), the sentence of every character (for
    recency) and each role word mapped to the people who hold it.

    A pronoun is resolved by ranking the candidates of the last :data:`PRONOUN_WINDOW`
    sentences (:meth:`_rank`): people whose gender the article or their first name gives otherwise
    are out (a "He added:" after a quote naming Hillary Clinton is not hers); then the nearest sentence
    wins, a subject before a non-subject, the later mention last. An unnamed singular
    agent subject ("a spokesperson for the port authority said ... He added") is a candidate too,
    so a pronoun after it is not handed to a person named earlier. With no candidate in the
    window the pronoun stays unresolved rather than guessed across the article.
    """

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token: read it once, not per speaker
        self.entities = entities
        people = [e for e in entities if e.type == "PERSON"]
        self._mentions = sorted((s, e_, ent) for ent in people for s, e_ in ent.mentions)
        self._starts = [m[0] for m in self._mentions]
        self._groups = sorted((s, ent) for ent in entities if ent.type in {"ORG", "NORP"} for s, _ in ent.mentions)
        self._group_starts = [g[0] for g in self._groups]
        self._sent_starts = [sent.start_char for sent in doc.sents]
        #: unnamed agents as subjects: (char offset, token, plural?) in text order
        self._unnamed: list[tuple[int, Token, bool]] = []
        #: offsets of plural nouns of things ("old family recipes ... they tell you")
        self._things: list[int] = []
        gendered: list[Token] = []
        # A noun inside quotation marks is the speaker's words, not someone who speaks: "... some people
        # told us a mission of this size could not land," he said.
        quoted = [m.span() for m in _QUOTED.finditer(self.text)]
        quoted_starts = [q[0] for q in quoted]
        self._quoted, self._quoted_starts = quoted, quoted_starts
        for t in doc:  # one pass: the gendered pronouns and the unnamed subjects
            if t.pos_ == "PRON":
                if t.lower_ in _MALE or t.lower_ in _FEMALE:
                    gendered.append(t)
            elif t.pos_ == "NOUN" and t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
                plural = t.tag_ in {"NNS", "NNPS"}
                subject = t.dep_ in {"nsubj", "nsubjpass"}
                # an object only matters as a plural thing: skip the costlier checks for the rest
                if not (plural or subject) or not (plural or t.lemma_.lower() in SPOKES or _indefinite(t)):
                    continue
                kind = noun_kind(t)
                if kind in {"unnamed", "organisation"} and subject:
                    k = bisect.bisect_right(quoted_starts, t.idx) - 1
                    if k < 0 or t.idx >= quoted[k][1]:
                        self._unnamed.append((t.idx, t, plural))
                elif kind == "thing" and t.tag_ == "NNS":
                    self._things.append(t.idx)
        self._gender = article_genders(gendered, people, self)
        self._unnamed_starts = [u[0] for u in self._unnamed]
        self._roles: dict[str, list[Entity]] = {}
        for ent in people:
            for role in ent.roles:
                cased = re.findall(r"[A-Za-z]+", role.text)
                words = [w.lower() for w in cased]
                # the role is what stands before its first preposition: "chair of the safety board" is a
                # chair, and "the safety board said" is the board, not its chair; a name cut there is no
                # role at all ("Democracy for America" is a body, not a democracy)
                k = next((n for n, w in enumerate(words) if w in _ROLE_PREPOSITIONS), len(words))
                for n, word in enumerate(words[:k]):
                    if word in ROLE_WORDS or n == k - 1 and (k == len(words) or cased[n].islower()):
                        self._roles.setdefault(word, []).append(ent)

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding character ``char``."""
        return bisect.bisect_right(self._sent_starts, char) - 1

    def _rank(self, before: int, gender: str | None) -> tuple[Entity | None, Token | None]:
        """The best antecedent of a singular personal pronoun at ``before``: a person, or an
        unnamed agent token (``a spokesperson for ...``); (None, None) when nothing fits."""
        here = self.sentence_of(before)
        best: tuple[tuple, Entity | None, Token | None] | None = None
        i = bisect.bisect_left(self._starts, before) - 1
        while i >= 0:
            s, _, ent = self._mentions[i]
            dist = here - self.sentence_of(s)
            if dist > PRONOUN_WINDOW:
                break
            have = self._gender.get(ent.id)
            # A name inside quotation marks is the speaker's words ("These people are not Carrowmere
            # supporters," he said), never the "he" who says them.
            if (gender is None or have in (None, gender)) and not self._in_quotes(s):
                key = (-dist, int(self._is_subject(s)), int(have == gender), s)
                if best is None or key > best[0]:
                    best = (key, ent, None)
            i -= 1
        j = bisect.bisect_left(self._unnamed_starts, before) - 1
        while j >= 0:
            s, tok, plural = self._unnamed[j]
            dist = here - self.sentence_of(s)
            if dist > PRONOUN_WINDOW:
                break
            if not plural and tok.lemma_.lower() not in GROUP_NOUNS:
                key = (-dist, 1, 0, s)
                if best is None or key > best[0]:
                    best = (key, None, tok)
                break
            j -= 1
        return (best[1], best[2]) if best else (None, None)

    def _in_quotes(self, char: int) -> bool:
        """Whether character ``char`` lies inside quotation marks."""
        k = bisect.bisect_right(self._quoted_starts, char) - 1
        return k >= 0 and char < self._quoted[k][1]

    def _plural(self, before: int) -> tuple[Entity | None, Token | None]:
        """What ``they`` stands for: the latest plural unnamed source ("officials") or organisation in the window."""
        here = self.sentence_of(before)
        j = bisect.bisect_left(self._unnamed_starts, before) - 1
        cand: tuple[int, Entity | None, Token | None] | None = None
        while j >= 0 and here - self.sentence_of(self._unnamed[j][0]) <= PRONOUN_WINDOW:
            s, tok, plural = self._unnamed[j]
            if plural or tok.lemma_.lower() in GROUP_NOUNS:
                cand = (s, None, tok)
                break
            j -= 1
        g = bisect.bisect_left(self._group_starts, before) - 1
        if g >= 0 and here - self.sentence_of(self._groups[g][0]) <= PRONOUN_WINDOW \
                and (cand is None or self._groups[g][0] > cand[0]):
            cand = (self._groups[g][0], self._groups[g][1], None)
        return (cand[1], cand[2]) if cand else (None, None)

    def _things_before(self, char: int) -> bool:
        """Whether a plural noun of things stands in this sentence or the one before, with no
        agent to refer to: then ``they`` is those things, which do not speak."""
        i = bisect.bisect_left(self._things, char) - 1
        return i >= 0 and self.sentence_of(char) - self.sentence_of(self._things[i]) <= 1

    def _is_subject(self, char: int) -> bool:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        tok = span[0]
        while tok.dep_ in {"compound", "flat"} and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ in {"nsubj", "nsubjpass"}

    def _by_role(self, tok: Token, before: int) -> Entity | None:
        """The person the article gave this role (``the minister`` -> ``Health Minister Ana
        Ruiz``; ``the Labour MP`` -> ``Dana Whitfield, the Labour MP``), most recent first;
        the mention's own modifiers must appear in the role. An indefinite or plural mention
        ("a minister", "officials") is a new, unnamed source and is not resolved."""
        if _indefinite(tok) or tok.tag_ in {"NNS", "NNPS"}:
            return None
        mods = {c.lower_ for c in tok.lefts if c.dep_ in {"amod", "compound"} and c.is_alpha}
        best, best_pos = None, -1
        for ent in self._roles.get(tok.lemma_.lower(), ()) or self._roles.get(tok.lower_, ()):
            if mods and not any(mods <= set(re.findall(r"[a-z]+", r.text.lower())) for r in ent.roles):
                continue
            pos = max((s for s, _ in ent.mentions if s < before), default=-1)
            if pos > best_pos:
                best, best_pos = ent, pos
        return best

    def _apposed_name(self, tok: Token) -> Entity | None:
        """The person named in apposition to a role noun in the same clause ("The festival's
        director, Hannah Price, said"; "My friend Jess ... thinks"): the speaker is never lost.
        A name before a noun naming people only modifies it ("One Reyes voter, Ann Holt, said" is Ann
        Holt, a voter for Reyes), unless the noun speaks for the name: a spokesperson or a group ("a
        Clinton spokesman", "the Sanders campaign", "the Clinton camp", as "a Harbour Trust
        spokesperson" is the trust).
        Before any other word it is the name a broken parse hung there ("Broaddrick Sunday night
        recounted"). The name in apposition comes first."""
        lemma = tok.lemma_.lower()
        modifies = tok.pos_ == "NOUN" and (lemma in AGENT_NOUNS or lemma in ROLE_WORDS) and lemma not in _SPEAKS_FOR
        for child in sorted(tok.children, key=lambda c: c.dep_ != "appos"):
            if (child.dep_ == "appos" or child.dep_ in {"compound", "flat"} and (child.i > tok.i or not modifies)) \
                    and child.pos_ == "PROPN":
                ent = entity_at(self.entities, child.idx, child.idx + len(child))
                if ent is not None and ent.type == "PERSON":
                    return ent
        return None

    def _body_named(self, tok: Token, before: int) -> Entity | None:
        """The organisation a definite description repeats the end of the name of ("the safety board"
        after the National Medicines Safety Board, "the commission" after the Harbour Commission):
        the one organisation named before whose name ends in the description's words. A body so
        described stays that body, never the person who chairs it, and a word no list calls an agent
        ("the trust" after the Corrisk Regional Hospital Trust, "the inspectorate") speaks as that body
        instead of being taken for a thing. Not for a record ("the survey" stays a document)."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts):
            return None
        words = [c.lower_ for c in tok.lefts if c.dep_ in {"compound", "amod"} and c.is_alpha] + [tok.lower_]
        found = {e.id: e for e in self.entities if e.type == "ORG" and e.mentions[0][0] < before
                 and e.name.lower().split()[-len(words):] == words and len(e.name.split()) > len(words)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _organisation_of(self, tok: Token) -> Entity | None:
        """The organisation a spokesperson speaks for (``a Harbour Trust spokesperson``, ``a
        spokesman for the port authority``, ``the ministry's spokeswoman``), if the article names one."""
        if tok.lemma_.lower() not in SPOKES:
            return None
        for child in tok.children:
            if child.dep_ in {"compound", "poss", "nmod"} and child.i < tok.i:
                ent = entity_at(self.entities, child.idx, child.idx + len(child))
                if ent is not None and ent.type in {"ORG", "GPE", "NORP"}:
                    return ent
            if child.dep_ == "prep" and child.lower_ in {"for", "of", "at", "from"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        ent = entity_at(self.entities, obj.idx, obj.idx + len(obj))
                        if ent is not None and ent.type in {"ORG", "GPE", "NORP"}:
                            return ent
        return None

    def speaker(self, tok: Token) -> Speaker:
        """The Speaker for a source head token, resolved to an entity where the article allows.

        The mention stays what the text says (``he``, ``who``, ``it``); ``name``, ``entity_id``
        and ``kind`` say what it stands for. A relative pronoun stands for its head noun, a
        pronoun of a thing for the organisation or document it refers back to; with no such
        antecedent its kind is ``thing`` and the attribution is not made. A spokesperson of a
        named organisation is that organisation speaking.
        """
        s, e = mention_bounds(tok)
        doc = self.doc
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        text = self.text[start:end]
        low = tok.lower_
        ent: Entity | None = None
        kind: str
        if tok.pos_ == "PRON" or low in _THING_PRONOUNS or low in {"who", "whom"}:
            target = _relative_head(tok)
            if target is not None:
                return self._resolved(start, end, text, target)
            if low in _MALE or low in _FEMALE:
                ent, other = self._rank(start, "male" if low in _MALE else "female")
                if other is not None:
                    return self._resolved(start, end, text, other)
                kind = "person"
            elif low in _PLURAL and low != "we":
                ent, other = self._plural(start)
                if other is not None:
                    return self._resolved(start, end, text, other)
                kind = _entity_kind(ent) if ent is not None else "thing" if self._things_before(start) else "unnamed"
            elif low in _THING_PRONOUNS:
                target = self._thing_antecedent(tok)
                if target is None:
                    kind = "thing"
                else:
                    return self._resolved(start, end, text, target)
            else:
                kind = "person" if low in _PERSON_PRONOUNS else "thing"  # "you", "it" in general
        else:
            # the head word decides: "the government of Venezuela" is not Venezuela
            ent = entity_at(self.entities, tok.idx, tok.idx + len(tok))
            if ent is not None:
                kind = _entity_kind(ent)
            else:
                kind = noun_kind(tok)
                named = self._apposed_name(tok)
                if named is not None:
                    ent, kind = named, "person"
                elif tok.pos_ in {"NOUN", "PROPN"}:
                    ent = self._organisation_of(tok)
                    if ent is not None:
                        kind = "organisation"
                    else:
                        ent = self._by_role(tok, start)
                        kind = "person" if ent is not None else kind
                        body = self._body_named(tok, start) if ent is None and kind in {"unnamed", "thing"} else None
                        if body is not None:
                            ent, kind = body, "organisation"
        if ent is None:
            return Speaker(start=start, end=end, text=text, name=text, entity_id=None, kind=kind)
        return Speaker(start=start, end=end, text=text, name=ent.name, entity_id=ent.id, kind=kind)

    def _resolved(self, start: int, end: int, text: str, target: Token) -> Speaker:
        """A pronoun mention ``text`` standing for the noun phrase headed by ``target``."""
        other = self.speaker(target)
        kind = other.kind
        if text.lower() in {"who", "whom"} and kind not in AGENT_KINDS:
            kind = "unnamed"  # "who" speaks of people whatever noun it hangs from
        return Speaker(start=start, end=end, text=text, name=other.name, entity_id=other.entity_id, kind=kind)

    def _thing_antecedent(self, tok: Token) -> Token | None:
        """What ``it``/``this`` stands for when it is a source: the nearest subject before it, in
        its sentence or the one before, that is an organisation or a document ("The campaign
        ... It said", "the report ... it found"), passing over things but not people; None
        otherwise (a thing does not speak)."""
        doc = self.doc
        sent = tok.sent
        lo = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for i in range(tok.i - 1, lo - 1, -1):
            cand = doc[i]
            if cand.dep_ in {"nsubj", "nsubjpass"} and cand.pos_ in {"NOUN", "PROPN"}:
                kind = self.speaker(cand).kind
                if kind in {"organisation", "document", "government"}:
                    return cand
                if kind in {"person", "unnamed"}:
                    return None  # "it" is not a person: the thing it stands for came after
        return None


def _indefinite(tok: Token) -> bool:
    """``a spokesperson``, ``an official``, ``one analyst``: a new referent, not one named before."""
    return any(c.dep_ in {"det", "nummod"} and c.lower_ in {"a", "an", "one", "another", "some"} for c in tok.lefts)


def article_genders(pronouns: list[Token], people: list[Entity], resolver: SpeakerResolver) -> dict[str, str]:
    """Each person's gender as this article signals it (``pronouns``: the article's he/she/his/her
    tokens), for pronoun agreement.

    In order of strength: an honorific (``entity.gender``, from entities.py); the pronouns the
    article uses for the person (a *he*/*she*/*his*/*her* in a sentence where that person is
    the only one named before it: "Ana Ruiz visited with her staff"; a pronoun in a later
    sentence is what is being resolved, not evidence); then a first-name prior from
    gender-guesser, which has an ``unknown`` outcome
    (``andy``, ``unknown`` and the ``mostly_*`` answers give nothing). Contradicting pronoun
    evidence with no majority stays unknown. Returns ``id -> gender``: what the article says
    outweighs the name prior (a person the article calls "she" is female whatever the first name),
    and either excludes a candidate that disagrees with a pronoun.
    """
    votes: dict[str, Counter[str]] = {e.id: Counter() for e in people}
    if resolver._mentions:
        for tok in pronouns:
            low = tok.lower_
            here = resolver.sentence_of(tok.idx)
            i = bisect.bisect_left(resolver._starts, tok.idx) - 1
            named: dict[int, set[str]] = {}
            while i >= 0:
                s, _, ent = resolver._mentions[i]
                dist = here - resolver.sentence_of(s)
                if dist > 0:
                    break
                named.setdefault(dist, set()).add(ent.id)
                i -= 1
            who = named.get(0, set())
            if len(who) == 1:
                votes[next(iter(who))]["male" if low in _MALE else "female"] += 1
    out: dict[str, str] = {}
    for ent in people:
        if ent.gender in {"male", "female"}:
            out[ent.id] = ent.gender
            continue
        v = votes[ent.id].most_common()
        if v and (len(v) == 1 or v[0][1] > v[1][1]):
            out[ent.id] = v[0][0]
        elif not v:
            guess = _name_gender(ent.name)
            if guess:
                out[ent.id] = guess
    return out


def _name_gender(name: str) -> str | None:
    """gender-guesser's answer for the first name of a full name, when it is sure."""
    parts = name.split()
    if len(parts) < 2:
        return None
    return first_name_gender(parts[0].strip("."))


def _relative_head(tok: Token) -> Token | None:
    """The noun a relative pronoun subject stands for ("officials, who said" -> officials)."""
    if tok.lower_ in {"who", "whom", "which", "that"} and tok.head.dep_ == "relcl" \
            and tok.head.head.pos_ in {"NOUN", "PROPN"}:
        return tok.head.head
    return None


#: Source kind by entity type: a country or city stands for its government as a source
#: ("Washington said"); a region, a river, a building does not speak.
_ENT_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "unnamed", "GPE": "government",
              "LOC": "place", "FAC": "place"}


def _entity_kind(ent: Entity) -> str:
    """Source kind of a resolved entity (see :data:`_ENT_KINDS`)."""
    return _ENT_KINDS.get(ent.type, "place")


def noun_kind(tok: Token) -> str:
    """Source kind of a noun head without a resolved entity.

    A proper noun the NER missed is taken for a name (``person``); a common noun is an unnamed
    source when it names people or groups, a document when it names a record, else a thing.
    A quantity of something takes the kind of what it counts ("72 percent of Democrats").
    """
    if tok.ent_type_ in _ENT_KINDS:
        return _ENT_KINDS[tok.ent_type_]
    if tok.ent_type_ in _WORKS:
        return "document"
    lemma = tok.lemma_.lower()
    if tok.ent_type_ in _COUNTS or lemma in _PERSON_PRONOUNS or (lemma in _MEASURES and _of_object(tok) is not None):
        # "Twenty-four percent said", "half of the voters said": what is counted decides
        of = _of_object(tok)
        return noun_kind(of) if of is not None and of.pos_ != "PRON" else "unnamed"
    if tok.ent_type_ in {"DATE", "TIME", "MONEY", "ORDINAL"}:
        return "thing"
    if lemma in AGENT_NOUNS or lemma in ROLE_WORDS or tok.lower_ in AGENT_NOUNS:
        return "unnamed"
    if lemma in DOCUMENT_NOUNS or tok.lower_ in DOCUMENT_NOUNS:
        return "document"
    if tok.text[:1].isupper() and (tok.pos_ == "PROPN" or not tok.is_sent_start):
        return "person"  # a name the NER missed, mistyped (PRODUCT, EVENT) or the tagger took for a noun
    of = _of_object(tok)
    if of is not None:
        return noun_kind(of) if of.pos_ != "PRON" else "unnamed"
    return "thing"


def _of_object(tok: Token) -> Token | None:
    """The object of an ``of`` hanging from ``tok`` ("a third [of] voters"), if any."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN", "PRON"}:
                    return obj
    return None
