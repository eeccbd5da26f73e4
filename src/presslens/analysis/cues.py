"""Attribution cues: the candidate (cue → content) links in a parse, and the learned lexicon that scores them.

Why learned: news attributions are far broader than "said" — PolNeAR annotates reported beliefs
and findings too ("a poll shows that ...", "X believes ...", "according to X"), and whether a
verb introduces an attribution depends on the verb *and* how its content hangs off it (``call``
+ ``dobj`` is an attribution, ``call`` + ``prep for`` often is, ``have`` + ``dobj`` is not).
So every verb–argument link of a few dependency shapes is a candidate, and a logistic regression
learned on PolNeAR train (``python -m presslens.training.cues``) scores it from the cue lemma,
the shape of the link, the subject and the content. Candidate
generation lives here so that training and inference see exactly the same candidates.

Every step is a constant amount of work per token (``left_edge``/``right_edge`` give subtree
bounds without walking), so the whole pass is linear in the document length.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat

from spacy.tokens import Doc, Token

from presslens.analysis.channels import channel_word

#: Child relations whose subtree can be the content of an attribution ("said [that ...]").
DOWN_DEPS = frozenset({"ccomp", "dobj", "xcomp", "oprd", "nsubjpass", "acomp", "attr", "advcl"})
#: Relations of a prepositional object reached through a preposition ("called [for] X").
PREP_OBJ_DEPS = frozenset({"pobj", "pcomp"})
#: Relations by which a cue hangs *below* its content ("[X happened], according to Y"; "X, he said").
UP_DEPS = frozenset({"prep", "parataxis", "advcl"})
#: Subordinators of adverbial clauses that narrate around a report rather than belong to it.
#: Only "after": on PolNeAR train cutting it is neutral, while cutting "when", "as", "because" ...
#: clauses loses matches (annotators keep them in the content).
NARRATION_MARKS = frozenset({"after"})
#: Dependency labels of a clause's subject, used to find who the attribution is to.
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(slots=True)
class Candidate:
    """One possible attribution: a cue token, the shape linking it to its content, the content bounds.

    ``start``/``end`` are token indices (end exclusive) of the content and ``head`` its
    syntactic head; ``cue_end`` the token index after the cue words (a particle or the ``to`` of
    "according to" joins the cue).
    """

    cue: Token
    cue_end: int
    path: str
    start: int
    end: int
    head: Token

    def features(self, in_quote: bool) -> list[str]:
        """Sparse binary features of the candidate for the linear cue model.

        The cue lemma and the shape of the link carry most of the signal; the rest says whether
        the "speaker" looks like a source (a name, an organisation, "I" inside a quote) and
        whether the content looks like a statement (a "that" clause, a long clause, a quote).
        """
        cue, doc = self.cue, self.cue.doc
        lemma, path = cue.lemma_.lower(), self.path
        subj = subject_kind(cue)
        first = doc[self.start]
        n = self.end - self.start
        size = "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"
        q = int(in_quote)
        # each token attribute read once (a spaCy attribute read builds a Token or a string)
        tag, dep, head_pos, se = cue.tag_, cue.dep_, self.head.pos_, _subject_entity(cue)
        word = first.lower_
        opener = word if word in _FUNCTION_STARTS else first.pos_
        right = int(self.start > cue.i)
        return [
            f"l={lemma}", f"p={path}", f"lp={lemma}|{path}", f"lpq={lemma}|{path}|{q}", f"q={q}",
            f"ls={lemma}|{subj}", f"ps={path}|{subj}", f"lps={lemma}|{path}|{subj}",
            f"t={tag}", f"lt={lemma}|{tag}", f"d={dep}", f"pd={path}|{dep}",
            f"ld={lemma}|{dep}",
            f"f={opener}", f"pf={path}|{opener}",
            f"n={size}", f"pn={path}|{size}", f"ln={lemma}|{size}",
            f"h={head_pos}", f"ph={path}|{head_pos}", f"lh={lemma}|{head_pos}",
            f"m={int(first.is_quote or doc[self.end - 1].is_quote)}",
            f"se={se}", f"lse={lemma}|{se}",
            f"lf={lemma}|{opener}",
            f"dir={path}|{right}", f"ldir={lemma}|{right}",
            f"neg={int(any(c.dep_ == 'neg' for c in cue.children))}",
        ]


#: Content openers worth a feature of their own ("said *that* ...", "asked *whether* ...").
_FUNCTION_STARTS = frozenset({"that", "if", "whether", "to", "how", "what", "why", "who", "when", "the", "a", "an",
                              "he", "she", "they", "it", "i", "we", "there", "this"})


def _subject_entity(verb: Token) -> str:
    """Named-entity type of the cue's subject, if any ("PERSON" subjects are the typical sources)."""
    for child in verb.children:
        if child.dep_ in SUBJ_DEPS:
            return child.ent_type_ or child.pos_
    return "-"


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and spaces at either end of a token range (quote marks are kept).

    PolNeAR content spans end at the last word (or the closing quotation mark), never at the
    comma or full stop after it; learned on train, see the module docstring of training.cues.
    """
    while start < end and (doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not doc[end - 1].is_quote)):
        end -= 1
    return start, end


def _clause_end(head: Token) -> int:
    """End (token index) of a content clause, leaving out a trailing adverbial clause of time or cause.

    "said it is working to put down a coup attempt [after Guaido called for an uprising]": the
    "after" clause is the reporter's narration, not what was said. Walks down the rightmost
    dependents (a bounded number of steps), so it stays constant time per candidate.
    """
    end = head.right_edge.i + 1
    cur = head
    for _ in range(6):
        rights = [c for c in cur.rights if not c.is_punct]
        if not rights:
            break
        last = rights[-1]
        if last.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in NARRATION_MARKS and c.i == last.left_edge.i
                                         for c in last.children):
            return last.left_edge.i
        cur = last
    return end


def content_span(cand: Candidate) -> tuple[int, int]:
    """Token range of the content to report for a chosen candidate.

    A cue set off by commas inside its content's sentence ("Many of the closures, he said, have
    involved ...") reports the whole clause around it, not the larger of its two sides (the
    candidate's bounds, which the cue model was trained on): PolNeAR annotates both sides.
    A report ending in a comma-set relative clause on its last noun phrase stops before it
    (:func:`_without_trailing_relative`). An infinitive or an ``as`` complement after the cue's
    object takes the object in ("urged the technology industry to do more", "regards the tunnel
    as a waste"), as PolNeAR annotates it.
    """
    cue, doc = cand.cue, cand.cue.doc
    if cand.path in _OBJECT_TAKING:
        # "urged [the candidate to dig in]": whom a cue asks, urges or tells is part of what it
        # reports; "described [the day as a disaster]": what the source calls something is said of it
        for c in cue.children:
            if c.dep_ == "dobj" and c.i < cand.head.i:
                return _without_trailing_relative(doc, c.left_edge.i, cand.end)
    if cand.path != "^parataxis":
        return _without_trailing_relative(doc, cand.start, _before_channel_phrase(cand))
    cl, cr = cue.left_edge.i, cue.right_edge.i + 1
    lo, hi = cand.head.left_edge.i, cand.head.right_edge.i + 1
    if cl > lo and doc[cl - 1].text == ",":
        cl -= 1
    if cr < hi and doc[cr].text == ",":
        cr += 1
    if cl <= lo or cr >= hi or doc[cl].text != "," or doc[cr - 1].text != ",":
        return cand.start, cand.end
    return _trim(doc, lo, hi)


#: Content links after which the cue's direct object belongs to the content: an infinitive
#: ("urged X to ...") and an ``as`` complement ("described X as ..."; on the two PolNeAR train
#: halves +2 right listed attributions each, none lost net; "blamed X for ..." was not taken:
#: -2 on the tune half).
_OBJECT_TAKING = frozenset({"xcomp", "prep_as/pobj", "prep_as/pcomp"})

#: Relative pronouns opening a non-restrictive clause (", who ...", ", which ...").
_RELATIVES = frozenset({"who", "which", "whose", "whom"})


#: Prepositions that give the medium of a statement ("in a video", "on Twitter", "via a post").
_MEDIUM_PREPS = frozenset({"in", "on", "via", "during", "through"})


def _before_channel_phrase(cand: Candidate) -> int:
    """End of a noun-phrase content before a medium phrase the parse hung on its noun.

    "called for [a military uprising] in a video posted to Twitter": the parser often attaches
    the medium to the last noun of what was called for, but the video is how the call was made
    (the cue's channel), not what was called for; a noun named as what a statement asked for is
    never "in a tweet" itself. Only a noun content (the object of a cue's preposition or verb)
    is cut, at a preposition hanging right from its head whose object is a channel word; a
    clause content keeps its words ("said the minister lied in an interview" is ambiguous).
    """
    head = cand.head
    if head.pos_ not in {"NOUN", "PROPN"}:
        return cand.end
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in _MEDIUM_PREPS and cand.start < prep.i < cand.end \
                and any(o.dep_ == "pobj" and channel_word(o) for o in prep.children):
            return _trim(head.doc, cand.start, prep.i)[1]
    return cand.end


def _without_trailing_relative(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The content without a comma-set relative clause that runs to its end ("the FBI had secured
    the cooperation of Bryan Pagliano[, who worked on Clinton's 2008 campaign ...]"): the writer's
    gloss on a noun, not what the source said; PolNeAR's contents stop before it. On the two
    halves of PolNeAR train it gives 20 and 15 more right listed reported attributions (net)."""
    last = end - 1
    while last > start and (doc[last].is_punct or doc[last].is_quote):
        last -= 1
    for i in range(start + 2, last + 1):
        tok = doc[i]
        opener = tok.left_edge.i
        if tok.dep_ == "relcl" and opener - 1 > start + 1 and doc[opener - 1].text == "," \
                and doc[opener].lower_ in _RELATIVES and tok.right_edge.i >= last and start <= tok.head.i < opener:
            return start, opener - 1
    return start, end


def subject_kind(verb: Token) -> str:
    """Coarse kind of the verb's subject (pronoun, name, noun, none): "I think" is rarely an attribution, "Trump thinks" is."""
    for child in verb.children:
        if child.dep_ in SUBJ_DEPS:
            if child.pos_ == "PRON":
                return "1p" if child.lower_ in {"i", "we", "you"} else "pron"
            return "propn" if child.pos_ == "PROPN" or child.ent_type_ else "noun"
    return "none"


def candidates(doc: Doc) -> list[Candidate]:
    """All (cue → content) links of the shapes in :data:`DOWN_DEPS`, prep+object and :data:`UP_DEPS`."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.is_punct or tok.is_space:
            continue
        cue_end = tok.i + 1
        for child in tok.children:
            if child.dep_ == "prt" and child.i == cue_end:
                cue_end += 1
        for child in tok.children:
            dep = child.dep_
            if dep in DOWN_DEPS:
                s, e = _trim(doc, child.left_edge.i, _clause_end(child))
                if e > s:
                    out.append(Candidate(tok, cue_end, dep, s, e, child))
            elif dep == "prep" and tok.pos_ in {"VERB", "AUX", "NOUN"}:
                for obj in child.children:
                    if obj.dep_ in PREP_OBJ_DEPS:
                        s, e = _trim(doc, obj.left_edge.i, obj.right_edge.i + 1)
                        if e > s:
                            out.append(Candidate(tok, cue_end, f"prep_{child.lower_}/{obj.dep_}", s, e, obj))
        if tok.dep_ in UP_DEPS and tok.head.i != tok.i:
            head = tok.head
            lo, hi = head.left_edge.i, head.right_edge.i + 1
            if tok.lower_ == "according":
                cue_end = tok.i + 2 if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to" else tok.i + 1
                # "X is led by Y and [includes Z], according to sources": the source vouches for
                # the whole coordination, subject included, not the last conjunct alone
                top = head
                while top.dep_ == "conj" and top.head.i < top.i and top.head.pos_ in {"VERB", "AUX"}:
                    top = top.head
                if top is not head and tok.i > head.i:
                    lo = top.left_edge.i
            cl, cr = tok.left_edge.i, tok.right_edge.i + 1
            # the content is the larger side of the head's subtree around the cue's own subtree
            s, e = (lo, cl) if cl - lo >= hi - cr else (cr, hi)
            s, e = _trim(doc, s, e)
            if e > s:
                out.append(Candidate(tok, cue_end, "^" + tok.dep_, s, e, head))
    return out


@dataclass(slots=True)
class CueLexicon:
    """The learned cue model: a logistic regression over :meth:`Candidate.features`.

    ``weights`` maps feature → weight; a candidate is kept when its probability reaches
    ``threshold``. ``direct_cues`` are the verb lemmas that attribute direct quotes. All are learned on PolNeAR train (see :mod:`presslens.training.cues`).
    """

    weights: dict[str, float]
    bias: float
    threshold: float
    direct_cues: frozenset[str]

    def score(self, cand: Candidate, in_quote: bool) -> float:
        features = cand.features(in_quote)
        # the same sum, in the same order, without a generator frame per feature
        z = self.bias + sum(map(self.weights.get, features, repeat(0.0, len(features))))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """The shipped model (``presslens/data/cues.json``), read once per process."""
    raw = json.loads(resources.files("presslens.data").joinpath("cues.json").read_text(encoding="utf-8"))
    return CueLexicon(weights=raw["weights"], bias=raw["bias"], threshold=raw["threshold"],
                      direct_cues=frozenset(raw["direct_cues"]))
