"""Through what a statement was made (Twitter, a video, a statement, an interview ...), where the text says so.

A channel word counts only when it is *about the cue*: the cue word itself ("tweeted"), or a
word hanging from the cue through prepositions and objects ("said in a tweet", "On Twitter, X
said", "told CNN in an interview"). A channel word inside another clause of the same sentence
("said it is working ... after Guaido called for an uprising in a video") belongs to that
clause's verb, not to this cue. When the cue's own words name no channel, the most recent
earlier sentence (within a short window) where the *same speaker's* verb names one is used:
"Guaido called for an uprising in a video posted to Twitter. ... 'The moment is now,' said
Guaido" → video.
"""
from __future__ import annotations

from spacy.tokens import Token

#: Lower-cased word → channel name.
CHANNEL_WORDS: dict[str, str] = {
    "tweet": "twitter", "tweets": "twitter", "tweeted": "twitter", "tweeting": "twitter", "twitter": "twitter",
    "retweeted": "twitter", "retweet": "twitter",
    "video": "video", "videos": "video", "videotaped": "video", "livestream": "video", "youtube": "video",
    "television": "television", "tv": "television", "televised": "television", "broadcast": "television",
    "interview": "interview", "interviews": "interview", "interviewed": "interview",
    "statement": "statement", "statements": "statement",
    "facebook": "facebook", "instagram": "instagram",
    "radio": "radio", "podcast": "podcast",
    "speech": "speech", "speeches": "speech", "address": "speech", "remarks": "speech",
    "letter": "letter", "email": "email", "e-mail": "email", "op-ed": "op-ed", "blog": "blog",
}
#: "press conference", "news conference", "press briefing" are one channel.
_CONFERENCE_HEADS = {"conference", "briefing"}
#: Relations a channel word may climb through to reach its verb.
_CLIMB = frozenset({"prep", "pobj", "dobj", "npadvmod", "compound", "amod", "nmod", "poss", "agent", "advmod",
                    "appos", "pcomp", "dative"})


def channel_word(tok: Token) -> str | None:
    """The channel a single token names, if any."""
    low = tok.lower_
    if low in _CONFERENCE_HEADS and tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"press", "news"}:
        return "press conference"
    return CHANNEL_WORDS.get(low)


def governing_verb(tok: Token) -> Token | None:
    """The verb a channel word is about: climb prepositional/object links only (at most 4 steps)."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in {"VERB", "AUX"} and cur.i != tok.i:
            return cur
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None
        cur = cur.head
    return cur if cur.pos_ in {"VERB", "AUX"} else None


def channel_of_cue(cue: Token, content: tuple[int, int] | None) -> str | None:
    """Channel named by the cue word or by words hanging from it outside the content's token range."""
    found = channel_word(cue)
    if found:
        return found
    sent = cue.sent
    best: tuple[int, str] | None = None
    for tok in sent:
        if content and content[0] <= tok.i < content[1]:
            continue
        name = channel_word(tok)
        verb = governing_verb(tok)
        if name and verb is not None and verb.i == cue.i:
            dist = abs(tok.i - cue.i)
            if best is None or dist < best[0]:
                best = (dist, name)
    return best[1] if best else None
