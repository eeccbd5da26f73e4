"""Voices: who each outlet quotes, on which side, and the blind spots (a person most outlets
quote and one never lets speak).

The side is read from the roles the article claims for the speaker and compared with the
story's home country, so a foreign official is a foreign government, not "government".
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from presslens.analysis.cues import load_lexicon
from presslens.analysis.names import first_name_gender
from presslens.model import Analysis, Entity, Quote
from presslens.stories.model import Claim, Finding
from presslens.stories.people import PeopleIndex, fold, is_person
from presslens.stories.places import country_of
from presslens.stories.source import outlet_of

_EXPERT = re.compile(r"\b(economist|professor|analyst|expert|researcher|scientist|scholar|historian|lecturer|"
                     r"strategist|pollster|dr\.?|university|institute|think tank)\b", re.I)
_OPPOSITION = re.compile(r"\b(opposition|rebels?|dissidents?|challengers?)\b", re.I)
_GOVERNMENT = re.compile(r"\b(minister|ministry|president|premier|secretary|government|governor|mayor|"
                         r"ambassador|chancellor|cabinet|department|attorney general|spokes(?:man|woman|person) "
                         r"for the (?:government|ministry|president)|official|white house|kremlin)\b", re.I)
_CITIZEN = re.compile(r"\b(resident|voter|citizen|shopper|runs an?|owner|retired|pensioner|parent|mother|father|"
                      r"student|neighbou?r|commuter|local|driver|nurse|teacher|farmer|shopkeeper|worker)\b", re.I)


_APPOSITIVE = re.compile(r",\s+((?:who|a|an|the)\s[^,.;\"\u201d]{3,80})")


def _place(name: str) -> str:
    """A place or nationality as its country's code where the gazetteer knows it, else its folded name."""
    return country_of(name) or fold(name)


_OF_PLACE = re.compile(r"\s+(?:of|from)\s+(?:neighbou?ring\s+|the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)")
_WORDS = re.compile(r"[A-Za-z][\w.]*")


def _foreign(analysis: Analysis, entity: Entity, home_places: set[str]) -> bool:
    """Whether an official's claimed role names a country other than the story's home.

    The place is read from a place or nationality the parser found inside a role span ("Lovia's
    foreign minister"), from a word of the role the gazetteer knows ("US Secretary of State"), or
    from "of X" right after the name ("Foreign Minister Anna Brecht of neighbouring Lovia").
    """
    text = analysis.article.text
    places = [e for e in analysis.entities if e.type in ("GPE", "NORP")]
    named: list[str] = []
    for role in entity.roles:
        named += [p.name for p in places if any(role.start <= s and e <= role.end for s, e in p.mentions)]
        named += [w.group().rstrip(".") for w in _WORDS.finditer(role.text) if country_of(w.group().rstrip("."))]
    for _, end in entity.mentions:
        m = _OF_PLACE.match(text, end)
        if m and (country_of(m.group(1)) or any(m.start(1) <= s < m.end(1) for p in places for s, _ in p.mentions)):
            named.append(m.group(1))
    return any(_place(n) not in home_places for n in named)


def side_of(analysis: Analysis, entity: Entity, home_places: set[str]) -> str | None:
    """The affiliation side an article states for a speaker, or None when it does not say.

    The evidence is the roles the article claims for the person (or an organisation's own
    name). A government role that names a country or nationality other than the story's main
    place marks a foreign government: an article only names the country of a minister when it
    is not its readers' own. Places are compared by country (:func:`_place`), so "Venezuelan
    information minister" in a story set in Caracas is the government's, not a foreign one.
    """
    texts = [r.text for r in entity.roles] if entity.type == "PERSON" else [entity.name]
    text = analysis.article.text
    for _, end in entity.mentions:
        # "Maria Okafor, who runs a shop near the harbour," states a side the role list misses.
        m = _APPOSITIVE.match(text, end)
        if m:
            texts.append(m.group(1))
    if not texts:
        return None
    joined = " ; ".join(texts)
    if _OPPOSITION.search(joined):
        return "opposition"
    if _GOVERNMENT.search(joined):
        return "foreign government" if _foreign(analysis, entity, home_places) else "government"
    if _EXPERT.search(joined):
        return "expert"
    if _CITIZEN.search(joined):
        return "citizen"
    return None


@dataclass(slots=True)
class Voice:
    """One speaker as one outlet quotes them."""

    name: str
    count: int = 0
    person: bool = True
    side: str | None = None
    roles: list[str] = field(default_factory=list)
    #: whether one of the outlet's quotes of this speaker is speech (:func:`is_speech`), not only a
    #: stance or an act read as an attribution ("Rubio hoped to emerge ...")
    speaks: bool = False
    #: whether such speech names the speaker, not only "he" or "she" resolved to them: a blind spot
    #: needs one outlet that hears the person by name (a pronoun resolved to the wrong person of the
    #: sentence before would make the wrong person heard)
    named: bool = False


#: Words reported speech must hold to report words said unless it is the cue's own object ("promised
#: [emergency funds]"): fewer, reached past other words, is the target of an act read as an attribution
#: ("called a halt to [the game]"), not a statement.
_MIN_REPORTED_WORDS = 4
#: Cues that with a noun phrase for object are an act of office, not words: the mayor "ordered the
#: evacuation", as she might have "ordered an inquiry". (A pledge keeps its thing: "promised emergency
#: funds" reports what was said.)
_ACTS_ON_A_THING = frozenset({"order"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})


def is_speech(quote: Quote) -> bool:
    """Whether an attribution reports the source's words: a direct or mixed quote, or reported speech
    whose cue is a verb that introduces direct quotes in PolNeAR train (the cue model's learned
    ``direct_cues``: say, tell, insist, claim, warn ...).

    Why: the cue model also lists stances and acts ("hoped to", "help Cruz cast the battle as",
    "wants", "vowed to fight on", "called a halt to the game"), which PolNeAR annotates as attributions
    or the cue model reads as them (so an infinitive, or a few words that are not the cue's own object,
    is no speech); a blind spot says an outlet did not let a person speak, so the outlets said to hear
    them must really report their words. Learned rather than listed so that it follows the cue model
    when that is retrained.
    """
    if quote.type != "indirect":
        return True
    words = quote.text.split()
    if words and words[0].lower() == "to":
        return False  # "vowed [to fight on]", "claims [to desire]": an intention
    own_object = quote.cue is not None and quote.cue.end <= quote.start <= quote.cue.end + 2
    if len(words) < _MIN_REPORTED_WORDS and not own_object:
        return False  # "called a halt to [the game]": the target of an act
    if own_object and quote.cue is not None and quote.cue.lemma.lower() in _ACTS_ON_A_THING \
            and words and words[0].lower() in _DETERMINERS:
        return False  # "ordered [the evacuation of the zone]": an act of office; "ordered them to leave" is speech
    return quote.cue is not None and quote.cue.lemma.lower() in load_lexicon().direct_cues


def home_places(analyses: list[Analysis]) -> set[str]:
    """The story's home: the country its places and nationalities are most often in (a city counts
    for its country; a mention in a headline counts twice, since headlines say where a story is)."""
    place_count: Counter[str] = Counter()
    for a in analyses:
        title = a.article.title or ""
        at = a.article.text.find(title) if title else -1
        for e in a.entities:
            if e.type in ("GPE", "NORP"):
                place_count[_place(e.name)] += sum(1 + (at >= 0 and at <= s < at + len(title)) for s, _ in e.mentions)
    return {p for p, _ in place_count.most_common(1)}


#: What may stand between a person's name and their quotation for a pronoun after it to be theirs
#: beyond doubt: the rest of the sentence naming them, nothing else ("Leonard Prowse, the club's
#: chairman, issued a statement. "These people ...," he said.").
_ONE_SENTENCE_END = re.compile(r"[.!?:]\s*$")


def _named_just_before(a: Analysis, q: Quote, ent: Entity) -> bool:
    """Whether a pronoun's quotation opens the sentence right after one naming its person, in the same
    paragraph, with no other person named between: then "he said" is that person's as surely as a name."""
    text = a.article.text
    before = [e for s, e in ent.mentions if e <= q.start]
    if not before:
        return False
    end = max(before)
    gap = text[end:q.start]
    if "\n" in gap or len(gap) > 300:
        return False
    last_stop = max(gap.rfind(". "), gap.rfind("? "), gap.rfind("! "), gap.rfind(": "))
    if gap[:last_stop].count(". ") or (last_stop >= 0 and not _ONE_SENTENCE_END.search(gap[:last_stop + 1])):
        return False  # more than the rest of the naming sentence stands between
    others = [e for e in a.entities if e.id != ent.id and e.type == "PERSON"]
    return not any(end <= s < q.start for e in others for s, _ in e.mentions)


def collect_voices(analyses: list[Analysis], people: PeopleIndex, home: set[str], threshold: float = 0.0
                   ) -> tuple[dict[str, dict[str, Voice]], Counter[str], dict[tuple[str, str], Quote]]:
    """Per outlet, the named speakers it quotes (with side and roles), its count of unnamed
    sources, and each (article, person)'s first quote (the first that is speech, if any is).

    Only listed attributions count (confidence at or above ``threshold``, the
    ``attribution_threshold`` setting), as on person pages: a voice table or a blind spot built on
    an attribution presslens itself would not list ("Obama called both candidates" read as
    speech) is a finding nobody can check.
    """
    voices: dict[str, dict[str, Voice]] = defaultdict(dict)
    unnamed: Counter[str] = Counter()
    first_quote: dict[tuple[str, str], Quote] = {}
    for a in analyses:
        o = outlet_of(a.article)
        ents = {e.id: e for e in a.entities}
        for q in a.quotes:
            if q.confidence is not None and q.confidence < threshold:
                continue
            ent = ents.get(q.speaker.entity_id) if q.speaker and q.speaker.entity_id else None
            if ent is None:
                unnamed[o] += 1
                continue
            key = people.key(ent.name)
            v = voices[o].setdefault(key, Voice(name=people.display(key) if key in people else ent.name,
                                                person=is_person(ent, people)))
            v.count += 1
            speech = is_speech(q)
            v.speaks = v.speaks or speech
            v.named = v.named or speech and (q.speaker.text.lower() not in _PRONOUNS or _named_just_before(a, q, ent))
            v.side = v.side or side_of(a, ent, home)
            for r in ent.roles:
                if r.text not in v.roles:
                    v.roles.append(r.text)
            held = first_quote.get((a.article.id, key))
            if held is None or (speech and not is_speech(held)):
                first_quote[(a.article.id, key)] = q
    return voices, unnamed, first_quote


#: Words that make a sentence naming a person one where they speak, though the quote extractor
#: found no quote there ("Irena Dask, who leads the opposition, told the crowd: ..."): a person
#: named in such a sentence is not reported as unheard.
_SPEECH = re.compile(r"[\"\u201c\u201d:]|\b(said|says|say|told|tells|tell|stated|states|added|adds|warned|warns|urged|"
                     r"urges|insisted|maintained|argued|claimed|denied|announced|wrote|tweeted|posted|statement|"
                     r"interview|according|asked|answered|replied|called|accused|promised|pledged|vowed|"
                     r"explained|noted|stressed|acknowledged|admitted|declared)\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
#: Speakers that may be the person resolved wrongly (a person's pronouns; "it" and "they" are not one person).
_PRONOUNS = {"he", "she", "him", "her", "i"}
#: Words before a speech word that say the speaking did not happen ("has not given an interview").
_DENIED = re.compile(r"\b(?:not|never|no|without|declined|refused|n't)\b(?:\s+\w+){0,3}\s*$", re.I)
#: A sentence that is a quote its speaker closes as "he" or "she" ('"The dam is safe," he told a
#: briefing'): after a sentence naming a person ("Dag Ormerud struck a more cautious tone."), that
#: person speaking, whom the quote extractor may not have resolved.
_QUOTE_THEN_PRONOUN = re.compile(r"[\"\u201c][^\"\u201c\u201d]{3,}[\"\u201d]\s*,?\s*(he|she)\b", re.I)


def speaks_in(analysis: Analysis, surname: str) -> bool:
    """Whether a sentence of the article names the person (by surname) and has a speech word in it,
    or names them and the next sentence, opening with "He" or "She" or a quote closed by "he" or "she",
    has one ("Tobias Wrenholt faced angry locals. He said sorry ...", "Dag Ormerud struck a more
    cautious tone. \"The dam is safe,\" he told a briefing")."""
    pattern = re.compile(rf"\b{re.escape(surname)}\b", re.I)
    found = list(_SENTENCE.finditer(analysis.article.text, analysis.article.body_start))
    sentences = [m.group() for m in found]
    # Speech the article gives to someone named otherwise ("organisers said he was in meetings", "He was
    # not present ..., the agency said"): its cue and quote marks are that speaker's, not this person's.
    # A "he" or "she" speaker may be this person resolved wrongly, so its speech still counts.
    foreign = [q for q in analysis.quotes if q.speaker is not None and q.speaker.text.lower() not in _PRONOUNS
               and not pattern.search(q.speaker.text) and not pattern.search(q.speaker.name or "")]
    others_cues = [(q.cue.start, q.cue.end) for q in foreign if q.cue is not None]
    others = [(q.start - 1, q.end + 1) for q in foreign]

    def speech_in(sentence: str, offset: int) -> bool:
        # Not a passive ("has been asked to prepare a report", "had been declared the winner"), nor
        # "according to" someone else ("according to two people familiar with the matter"), nor
        # another speaker's cue or quote marks.
        for m in _SPEECH.finditer(sentence):
            at = offset + m.start()
            if any(s <= at < e for s, e in others_cues) or (not m.group(1) and any(s <= at < e for s, e in others)):
                continue
            word = m.group().lower()
            if re.search(r"\b(been|was|were|is|are|be|being)\s+$", sentence[:m.start()], re.I):
                continue
            if word == "according" and not pattern.search(sentence, m.end(), m.end() + 60):
                continue
            if _DENIED.search(sentence[:m.start()]) or re.search(r"\b(?:it|which)\s+$", sentence[:m.start()], re.I):
                continue  # "has not given an interview", "without speaking"; "its website, where it says"
            return True
        return False

    for i, sentence in enumerate(sentences):
        if not pattern.search(sentence):
            continue
        if speech_in(sentence, found[i].start()):
            return True
        after = sentences[i + 1].lstrip() if i + 1 < len(sentences) else ""
        if (re.match(r"(He|She)\b", after) or _QUOTE_THEN_PRONOUN.match(after)) \
                and speech_in(after, found[i + 1].end() - len(after)):
            return True
    return False


_PRONOUN_GENDER = {"he": "male", "she": "female"}


def _unplaced_pronoun_speech(analysis: Analysis, gender: str | None) -> bool:
    """Whether the article has speech by a "he" or "she" the resolver could not place, of the person's
    gender (any, where the first name does not tell): that speech may be the person's, so the outlet
    is not called silent on them ("The delay is frustrating," she said, of a chief executive the
    recogniser missed)."""
    return any(q.speaker is not None and q.speaker.entity_id is None and is_speech(q)
               and (g := _PRONOUN_GENDER.get(q.speaker.text.lower())) is not None and gender in (None, g)
               and not _after_a_described_speaker(analysis, q)
               for q in analysis.quotes)


#: How far back (characters) a described speaker's words may be and still be the "she said" that follows.
_DESCRIBED_REACH = 400
_SINGULAR_DESCRIPTION = re.compile(r"^(?:the|a|an)\s+(?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*[^s\W]$", re.IGNORECASE)


def _after_a_described_speaker(analysis: Analysis, q: Quote) -> bool:
    """Whether the pronoun's speech comes right after speech of one person the outlet describes without a
    name ("The outgoing mayor said she could drag the result through the courts. ... she said"): that
    pronoun is the described person's, not a named person's the outlet hid."""
    before = [x for x in analysis.quotes if x.speaker is not None and x.speaker.start < q.speaker.start
              and q.speaker.start - x.speaker.start <= _DESCRIBED_REACH]
    if not before:
        return False
    last = max(before, key=lambda x: x.speaker.start)
    return last.speaker.entity_id is None and last.speaker.text.lower() not in _PRONOUN_GENDER \
        and bool(_SINGULAR_DESCRIPTION.match(last.speaker.text))


def blind_spots(story_id: str, outlets: dict[str, list[str]], voices: dict[str, dict[str, Voice]],
                first_quote: dict[tuple[str, str], Quote], people: PeopleIndex,
                by_id: dict[str, Analysis], carried: dict[str, set[str]] | None = None) -> list[Finding]:
    """A person quoted by at least two outlets and heard in most (of three or more), missing from one.

    Being heard, for the outlets that make "most", counts listed quotes that report the person's
    words only (:func:`is_speech`: direct, mixed, or reported speech with a speech cue); an outlet
    is called silent only when it has no attribution of the person at all (a stance counts here)
    and no sentence naming them with a speech word in it (:func:`speaks_in`: the quote extractor may
    have missed it). Only people are voices here (a place or organisation "quoted" is a speaker error or an
    institution, never a blind spot). ``carried``: per person's display name, the articles that carry
    one of their statements under any speaker ("Her company put out a statement claiming it was
    "cooperating fully"" where the others quote her): such an outlet has not left them unheard.
    """
    findings = []
    n_out = len(outlets)
    quoted_by: dict[str, set[str]] = defaultdict(set)
    attributed: dict[str, set[str]] = defaultdict(set)  # any listed attribution, speech or not
    named_by: dict[str, set[str]] = defaultdict(set)  # outlets whose speech of the person names them
    for o, vs in voices.items():
        for key, v in vs.items():
            if v.person:
                attributed[key].add(o)
                if v.speaks:
                    quoted_by[key].add(o)
                if v.named:  # set only for speech, so it implies ``speaks``
                    named_by[key].add(o)
    for key, quoting in quoted_by.items():
        surname = people.display(key).split()[-1]
        # Precision both ways: the outlets said to hear the person are those with a listed
        # attribution of theirs, while a sentence where the person may speak ("promised emergency
        # funds", "called both candidates") only keeps an outlet from being called silent.
        # Heard only as "he" or "she" everywhere, the person may be another's pronoun resolved wrongly
        # ("she said in a statement" after the attorney general is named): no outlet to call silent.
        if n_out >= 3 and len(quoting) >= 2 and len(quoting) * 2 > n_out and named_by[key]:
            gender = first_name_gender(people.display(key).split()[0])
            words_carried = (carried or {}).get(people.display(key), set())
            silent = [o for o in sorted(set(outlets) - attributed[key])
                      if not any(speaks_in(by_id[aid], surname) or _unplaced_pronoun_speech(by_id[aid], gender)
                                 or aid in words_carried for aid in outlets[o] if aid in by_id)]
            for missing in silent:
                # Talked about but not heard is the blind spot that matters; never named at all is
                # often an article on another angle of the story.
                named = any(re.search(rf"\b{re.escape(surname)}\b", by_id[aid].article.text)
                            for aid in outlets[missing] if aid in by_id)
                claims = [Claim(aid, q.start, q.end, q.text, "quoted")
                          for (aid, k), q in first_quote.items() if k == key and is_speech(q)]
                claims += [Claim(aid, None, None, "", "not quoted") for aid in outlets[missing]]
                findings.append(Finding(
                    "blind_spot", story_id, people.display(key), claims,
                    confidence=0.55 + 0.1 * (len(quoting) >= 3) + 0.15 * named,
                    explanation=f"{people.display(key)} is heard in {', '.join(sorted(quoting))} but "
                                f"{'named and ' if named else ''}never heard (directly or in reported speech) "
                                f"in {missing}"))
    return findings
