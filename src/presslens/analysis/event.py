"""The event an article's lead reports, read from the dependency parse (issue 15).

Story grouping compares articles by their words and names; two reports that share an official
and a border crossing can still be two developments -- the police chief *presenting* her yearly
report, and lorry passengers *found* the next day. The lead's main clause says which: its verb
(lemma and a coarse class), and the heads of its subject and object. The class is what grouping
uses (``presslens.stories.grouping``): a statement or publication, a physical happening, a
decision taken by a body, or a plan (something that *will* happen). Framing changes the verb
within a class ("marched on" / "stormed", "passed" / "rammed through"), rarely across classes.

Which clause: the first body sentence (news leads put the development there), else the headline.
When its main verb only reports ("Militants ambushed a convoy, the ministry said"), the reported
clause is the event if its verb has a class; otherwise the report itself is (a figure someone
presents is a statement). A verb with "will"/"shall" or governed by "plan"/"to" is a plan.

The verb lists are hand-written, as spaCy gives no event types; they cover common news verbs and
leave the rest unclassed (``kind`` None), which grouping treats as "unknown", never as a clash.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from presslens.model import Article, Event

#: Verbs that only report what someone said: the clause they report is the event, if it has a class.
REPORTING = frozenset({"say", "tell", "add", "state", "report", "confirm", "claim", "write", "believe", "think"})
#: Statements and publications: someone says, presents, publishes or asks for something.
STATEMENT = frozenset({
    "say", "tell", "announce", "present", "publish", "report", "unveil", "release", "warn", "urge", "call",
    "claim", "deny", "accuse", "criticise", "criticize", "praise", "defend", "promise", "pledge", "vow", "insist",
    "argue", "propose", "suggest", "reveal", "confirm", "declare", "ask", "demand", "appeal", "condemn", "blame",
    "welcome", "respond", "reply", "admit", "apologise", "apologize", "thank", "tweet", "write", "insist",
    "estimate", "forecast", "predict", "show", "find_out", "disclose", "comment", "speak", "explain", "describe",
})
#: Decisions a body or an official takes: a vote, a signature, a ruling, an appointment.
DECISION = frozenset({
    "pass", "approve", "vote", "sign", "adopt", "reject", "veto", "ratify", "appoint", "elect", "nominate",
    "rule", "ban", "extend", "repeal", "endorse", "sack", "fire", "dismiss", "resign", "impose", "lift", "cut",
    "raise", "award", "grant", "order", "suspend", "legalise", "legalize", "abolish", "ram",
})
#: Physical happenings: something is done to people, places or things, or befalls them.
HAPPENING = frozenset({
    "find", "seize", "storm", "march", "kill", "flood", "attack", "ambush", "block", "blockade", "occupy",
    "arrest", "catch", "rescue", "shoot", "bomb", "burn", "crash", "die", "injure", "wound", "explode", "strike",
    "protest", "riot", "clash", "collapse", "hit", "capture", "raid", "detain", "evacuate", "destroy", "erupt",
    "sink", "drown", "loot", "stab", "murder", "kidnap", "abduct", "invade", "besiege", "rally", "demonstrate",
    "mutiny", "revolt", "surround", "escape", "flee", "derail", "collide", "butcher", "slaughter", "massacre",
    "paralyse", "paralyze", "hijack", "smuggle", "intercept", "shell", "torch", "vandalise", "vandalize",
    "topple", "overrun", "damage", "sweep", "batter", "rock", "halt", "picket", "walk", "stage", "break",
    "lay", "drive", "take", "hold", "gather", "swarm", "descend", "pour", "erect", "barricade", "trap",
})
#: Verbs that make the clause they govern a plan ("plans to tour", "is set to open").
PLANNING = frozenset({"plan", "intend", "aim", "expect", "prepare", "set", "schedule", "hope", "want", "seek"})
_SUBJECTS = ("nsubj", "nsubjpass")
_OBJECTS = ("dobj", "obj", "attr")


def kind_of(verb: Token) -> str | None:
    """The coarse class of a verb token: plan, statement, decision, happening, or None (unclassed)."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "wo") for c in verb.children):
        return "plan"
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb and head.lemma_.lower() in PLANNING:
        return "plan"
    lemma = verb.lemma_.lower()
    for kind, words in (("statement", STATEMENT), ("decision", DECISION), ("happening", HAPPENING)):
        if lemma in words:
            return kind
    return None


def _main_verb(sent: Span) -> Token | None:
    """The sentence's root if it is a verb (a verbless headline has none)."""
    root = sent.root
    return root if root.pos_ in ("VERB", "AUX") else None


def _head_of(verb: Token, deps: tuple[str, ...]) -> str | None:
    """Lemma of the first child of ``verb`` in one of ``deps``; for objects, else the object of a
    preposition that is no date or time ("marched on parliament", not "on Tuesday")."""
    for c in verb.children:
        if c.dep_ in deps:
            return c.lemma_.lower()
    if deps is _OBJECTS:
        for c in verb.children:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" else None
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                return obj.lemma_.lower()
    return None


def _event_verb(sent: Span) -> Token | None:
    """The verb that says what happened: the reported clause when the main verb only reports it
    and has a class itself, else the main verb."""
    verb = _main_verb(sent)
    if verb is None:
        return None
    if verb.lemma_.lower() in REPORTING:
        reported = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")),
                        None)
        if reported is not None and kind_of(reported) is not None:
            return reported
    return verb


def lead_event(doc: Doc, article: Article) -> Event | None:
    """The event of the article's lead: its first body sentence, else its headline (see module docstring)."""
    body_start = _body_start(doc, article)
    sentences = [s for s in doc.sents if s.text.strip()]
    body = [s for s in sentences if s.start_char >= body_start]
    head = [s for s in sentences if s.start_char < body_start]
    for sent in body[:1] + head[:1]:
        verb = _event_verb(sent)
        if verb is not None:
            return Event(start=verb.idx, end=verb.idx + len(verb.text), text=verb.text, verb=verb.lemma_.lower(),
                         kind=kind_of(verb), subject=_head_of(verb, _SUBJECTS), object=_head_of(verb, _OBJECTS))
    return None


def _body_start(doc: Doc, article: Article) -> int:
    """Where the body starts: after the headline when the text opens with it (as read articles do)."""
    if article.body_start:
        return article.body_start
    title = (article.title or "").strip()
    text = doc.text
    stripped = text.lstrip()
    if title and stripped.startswith(title):
        return len(text) - len(stripped) + len(title)
    return 0
