"""Roles claimed for a person across outlets: titles that cannot both be right (role findings)
and descriptions that are a different choice of words (actor label findings).
"""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from presslens.model import Analysis
from presslens.stories.model import Claim, Finding
from presslens.stories.people import PeopleIndex, fold
from presslens.stories.places import country_of
from presslens.stories.source import outlet_of

_OFFICE = {"minister", "secretary", "president", "governor", "senator", "mayor", "chancellor", "ambassador",
           "general", "director", "chief", "spokesman", "spokeswoman", "spokesperson", "leader", "chairman",
           "chairwoman", "chair", "commissioner", "judge", "justice", "attorney", "prosecutor", "premier",
           "representative", "commander", "boss", "head", "ceo", "sen", "rep", "gov", "curator", "treasurer", "editor",
           "rector", "dean", "provost", "master", "harbourmaster", "manager", "steward", "convenor", "convener",
           "foreman", "forewoman", "whip"}
#: Rank words that change the office itself. "Former", "interim", "self-proclaimed" are left out:
#: they are either outside the claimed span or a framing choice (wording), not a factual title.
_RANK = {"deputy", "vice", "acting", "assistant", "junior", "under"}
#: Portfolios of an office: two different ones for the same person cannot both be right, while
#: other qualifiers ("Texas", "Republican", "fellow") only describe the person differently.
_PORTFOLIO = {"foreign", "defence", "defense", "interior", "home", "finance", "treasury", "economy", "economic",
              "transport", "transportation", "health", "education", "justice", "labour", "labor", "employment",
              "trade", "commerce", "industry", "energy", "oil", "mining", "agriculture", "environment", "housing",
              "information", "communications", "culture", "tourism", "sport", "sports", "science", "digital",
              "infrastructure", "water", "fisheries", "security", "immigration", "war", "veterans", "homeland",
              "intelligence", "planning", "social", "welfare", "youth", "women", "family", "state", "army", "navy",
              "air", "police", "budget", "tax", "revenue", "customs", "communication", "technology", "research",
              "fire", "coastguard", "rescue", "ambulance", "prison", "prisons", "border", "harbour", "harbor",
              # services and agencies a chief or commissioner heads ("civil protection chief", "aviation authority")
              # ("election" is left out: a "presumptive general-election rival" heads nothing)
              "protection", "aviation", "rail", "railway", "railways", "maritime", "electoral", "forestry", "parks",
              "lifeboat", "medicines", "food", "nuclear", "statistics", "weather", "competition", "audit"}
#: Portfolio words that name one remit: a "chief information officer" is a "technology chief".
_SAME_PORTFOLIO = {"information": "technology", "digital": "technology", "communications": "communication",
                   "defense": "defence", "labor": "labour", "transportation": "transport", "harbor": "harbour",
                   "economic": "economy", "sports": "sport", "prisons": "prison", "railway": "rail",
                   "railways": "rail"}
#: Departments of a company or plant that a manager, head or chief runs ("operations manager", "head of
#: safety", "plant manager", "IT manager"): read as the post's remit only with those head words, since "operations" of a
#: "commander of special operations" is no department. Engineering is left out: a "head of engineering" is
#: the chief engineer (:data:`_TOP_POSTS`).
_DEPARTMENT = frozenset({"safety", "operations", "plant", "site", "works", "production", "sales", "marketing",
                         "personnel", "maintenance", "logistics", "procurement", "compliance", "legal", "medical",
                         "nursing", "it", "inspections", "sporting"})
_DEPARTMENT_HEADS = frozenset({"manager", "head", "chief", "director", "boss"})
#: Words for whoever is at the top of a body, whatever the post is called ("head of Orsk Rail"), unlike
#: the name of an office ("regional health commissioner" against "chairman of the Health Board").
_GENERIC_HEADS = frozenset({"head", "chief", "boss"})
#: A plant, a site and the works are one place to run: a "plant manager" is the "site manager".
_SAME_DEPARTMENT = {"plant": "site", "works": "site"}
#: Nouns after "chief" that make it an adjective ("chief strategist", "chief policy aide"): a rank
#: within a staff, not the head of anything.
_CHIEF_CRAFT = frozenset({"strategist", "aide", "aides", "adviser", "advisor", "economist", "negotiator",
                          "correspondent", "scientist", "analyst", "investigator", "architect", "speechwriter"})
#: Words before a post's noun that set two posts of one kind apart: the whole organisation against a
#: part of it ("general secretary" / "regional secretary"), its top against an assistant ("chief
#: engineer" / "assistant engineer"). "Senior" is left out: a senior official may be a regional one.
_SCOPES = ((frozenset({"general", "national"}), frozenset({"regional", "branch", "district", "local", "area"})),
           (frozenset({"chief", "head", "principal", "lead"}),
            frozenset({"assistant", "deputy", "junior", "trainee", "associate", "under"})))
_POST_END = re.compile(r"\b(?:of|at|for|in|with|to|from|on|who)\b")


def _post(text: str) -> tuple[str | None, frozenset[str]]:
    """A title's noun and the words before it, up to its first preposition ("the council's chief
    engineer for roads" → ("engineer", {"chief"})); possessives and articles left out."""
    words = _role_words(_POST_END.split(fold(text.replace("-", " ")), maxsplit=1)[0])
    return (words[-1], frozenset(words[:-1])) if words else (None, frozenset())


def posts_of_one_kind_differ(a: str, b: str) -> bool:
    """The same post's noun, one title for the whole or the top and the other for a part or an
    assistant, neither saying both: "general secretary of the union" / "the union's regional secretary"."""
    (na, ma), (nb, mb) = _post(a), _post(b)
    return na is not None and na == nb and any(
        x & wide and not x & narrow and y & narrow and not y & wide
        for wide, narrow in _SCOPES for x, y in ((ma, mb), (mb, ma)))


#: Offices that direct or lead something, which no "junior" post is.
_DIRECTING = frozenset({"director", "chief", "head", "boss", "commissioner", "chairman", "chairwoman", "chair",
                        "president", "governor", "mayor", "minister", "leader", "commander", "ceo"})
_HOME_PLACE = re.compile(r"\bhome (state|town|county|district)\b")
_ROLE_STOP = {"the", "a", "an", "of", "for", "at", "in", "on", "and", "his", "her", "its", "their", "who", "has",
              "been", "was", "is", "country's", "nation's", "government's", "state"}


def _role_words(text: str) -> list[str]:
    """A claimed role's content words, without articles, possessives and punctuation ("Editor’s note"
    has no editor: a curly apostrophe is a possessive too)."""
    words = (w.strip("'") for w in fold(text.replace("’", "'")).split())
    return [w for w in words if w and w not in _ROLE_STOP and not w.endswith("'s")]


def role_parts(text: str) -> tuple[str | None, frozenset[str], frozenset[str]]:
    """A claimed role as (office head, rank words, portfolio words), e.g. "deputy transport
    minister" → ("minister", {"deputy"}, {"transport"}); hyphens split ("vice-president" has rank "vice").
    A department a manager, head or chief runs is its portfolio: "head of safety" → ("head", {}, {"safety"})."""
    words = [_ABBREVIATION.get(w.rstrip("."), w) for w in _role_words(text.replace("-", " "))]
    heads = [i for i, w in enumerate(words) if w.rstrip(".") in _OFFICE]
    if not heads or words[heads[-1]] == "chief" and set(words[heads[-1] + 1:]) & _CHIEF_CRAFT:
        return None, frozenset(), frozenset()  # "chief strategist", "her chief policy aide": no office
    head = words[heads[-1]].rstrip(".")
    rank = frozenset(w for w in words if w in _RANK)
    # "home" of a "home-state governor" or a "hometown" is no Home Office
    quals = frozenset(_SAME_PORTFOLIO.get(w, w) for i, w in enumerate(words) if w in _PORTFOLIO
                      and not (w == "home" and _HOME_PLACE.search(fold(text.replace("-", " ")))))
    if head in _DEPARTMENT_HEADS:  # "the plant's director" is the "plant director"
        owners = (w.strip("'").removesuffix("'s") for w in fold(text.replace("-", " ")).split())
        quals |= {_SAME_DEPARTMENT.get(w, w) for w in owners if w in _DEPARTMENT}
        # "head of testing at the Athletics Integrity Commission": a lower-case noun after "head of" is the
        # department the post runs, whatever it is called
        if (m := _HEAD_OF_DEPARTMENT.search(text)) and m.group(1) == head:
            quals |= {_SAME_DEPARTMENT.get(m.group(2), m.group(2))}
    return head, rank, quals


#: A department's head named by the post's noun, "of" and a lower-case noun ("head of testing", "chief of
#: staff"); not "head of the agency", "head of state" or "of government" (:func:`state_post`).
_HEAD_OF_DEPARTMENT = re.compile(r"\b(head|chief|director|manager)\s+of\s+"
                                 r"(?!(?:state|government|the|its|his|her|their|this|that)\b)([a-z]{3,})\b")


#: The top posts of a company or agency, each a distinct job usually held by different people:
#: "chief executive" against "chairman" of one port authority is a wrong title, not other words.
_TOP_POSTS = (("chief executive", re.compile(r"\b(chief executive|ceo|director general|director-general)\b")),
              ("chair", re.compile(r"\b(chairman|chairwoman|chairperson|chair)\b")),
              # the elected head of a members' body ("Union president", "president of the federation"); a bare
              # "President" is a head of state (:func:`state_post`)
              ("president", re.compile(r"\b(?:(?:union|federation|club|association|society|league)(?:'s)? president|"
                                       r"president of the (?:union|federation|club|association|society|league))\b")),
              ("managing director", re.compile(r"\bmanaging director\b")),
              ("chief financial officer", re.compile(r"\b(chief financial officer|cfo|finance director)\b")),
              ("chief operating officer",
               re.compile(r"\b(chief operating officer|coo|operations director|director of operations)\b")),
              # the officers for technology and its security ("Brightwell's chief information security officer")
              ("chief information security officer", re.compile(r"\b(chief information security officer|ciso)\b")),
              ("chief technology officer",
               re.compile(r"\b(chief (?:technology|information|digital) officer|cto|cio)\b")),
              # chief posts of a profession: not the chief executive ("Engineer Paul Grech" is a profession)
              ("chief engineer", re.compile(r"\bchief engineer\b")),
              ("chief medical officer", re.compile(r"\bchief medical officer\b")),
              # a union's or a party's top post, not its regional or branch secretary
              ("general secretary", re.compile(r"\b(general secretary|secretary general|secretary-general)\b")),
              # the heads of a fire service and of a police force, above their ranks ("group manager")
              ("chief fire officer", re.compile(r"\b(chief fire officer|fire chief)\b")),
              ("chief constable", re.compile(r"\bchief constable\b")))
#: The remit of a top post that is itself a department: the "head of finance" is the chief financial
#: officer and the "head of operations" the chief operating officer, not a post under them.
_TOP_POST_REMIT = {"chief engineer": frozenset({"engineering"}),
                   "chief financial officer": frozenset({"finance"}),
                   "chief operating officer": frozenset({"operations"}),
                   "chief medical officer": frozenset({"medical"}),
                   "chief information security officer": frozenset({"security", "technology"}),
                   "chief technology officer": frozenset({"technology"})}


#: Confidence of a role finding resting only on two top posts: a person can be "chairman and chief
#: executive" and an outlet name one post; under the confidence of other role conflicts (0.8).
TOP_POST_CONFIDENCE = 0.6


def top_posts(text: str) -> frozenset[str]:
    """The top posts (:data:`_TOP_POSTS`) a claimed role names: "chief executive of the port
    authority" → {"chief executive"}; "chairman and chief executive" → both."""
    folded = fold(text)
    return frozenset(name for name, rx in _TOP_POSTS if rx.search(folded))


#: Words before "director" that say what is directed, not whose director it is, even capitalised at
#: the start of a title ("Medical Director", "Executive Director": on a company's board).
_DIRECTED = frozenset({"medical", "technical", "creative", "artistic", "musical", "research", "programme",
                       "program", "project", "campaign", "executive", "regional", "film", "art", "sports"})
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
#: A lower-case body whose director is its head ("museum director", "the festival's director").
_BODY_DIRECTOR = re.compile(r"\b(museum|gallery|festival|theatre|theater|library|zoo|orchestra|opera|archive|"
                            r"observatory)(?:'s)? director\b")


#: A generic head right after a word for a whole body ("medicines watchdog boss", "rail regulator chief",
#: "aviation authority head"): the portfolio words name the body, whose chief executive is its boss, not a
#: department of it ("head of safety").
_BOSS_OF_A_BODY = re.compile(r"\b(?:watchdog|regulator|agency|authority|board|commission|service|company|firm|"
                             r"group|council|trust|body|inspectorate|directorate)(?:'s)?\s+(?:boss|head|chief)\b")


def heads_organisation(text: str) -> bool:
    """Whether a claimed role is the head of an organisation: a top post (:data:`_TOP_POSTS`), or a
    "director" of a named body and nothing else ("director of the National Archive", "the archive's
    director", "Saltreach director"). Not "a director of" a company (one of its board), nor a "campaign
    director" or "communications director": a lower-case or :data:`_DIRECTED` word says what is directed."""
    if top_posts(text):
        return True
    head, rank, quals = role_parts(text)
    if head != "director" or rank or quals:
        return False
    if _BODY_DIRECTOR.search(fold(text)):
        return True  # "museum director", "the festival's director": a body's head, written lower-case
    tokens = _TOKEN.findall(text)
    if not tokens or tokens[0].lower() in {"a", "an"}:
        return False
    return all(t.lower() in _ROLE_STOP or t.lower() == "director" or t.endswith(("'s", "’s"))
               or (t[0].isupper() and t.lower() not in _DIRECTED) for t in tokens)


def state_post(text: str) -> str | None:
    """"head of state" for a bare president ("President", "Selmaran President"), "head of
    government" for a prime minister or premier; None for anything else ("president of the party",
    "deputy prime minister"). Places and party words are left out first (:func:`descriptor_words`)."""
    words = descriptor_words(text)
    if words == {"president"}:
        return "head of state"
    if words in ({"prime", "minister"}, {"premier"}):
        return "head of government"
    return None


#: Seats of a government's executive: a town's, a region's, a ministry's. One person does not hold two
#: at once ("the mayor of Mirnau" against "regional governor", "regional economy minister" against
#: "Brennick's mayor"), unlike most pairs of office words ("leader" and "president" of one party,
#: "commander" and "general"). "Premier" is left out: it is another word for a prime minister.
_TERRITORIAL_HEADS = frozenset({"mayor", "governor", "minister"})
#: Words that put a title on the opposition's side ("opposition finance spokesman", "shadow chancellor").
_OPPOSITION = frozenset({"opposition", "shadow"})
#: Words that put a title in the past or the future ("former governor", "mayor-elect", "candidate"):
#: such a title does not contradict a current one.
_NOT_NOW = frozenset({"former", "ex", "then", "onetime", "one-time", "late", "retired", "elect", "candidate",
                      "nominee", "hopeful", "would-be", "future", "outgoing", "incoming"})


#: Office words for a post that no outlet would use for another post: "director" against "chief
#: curator", "minister" against "spokesman", a university's "rector" against a faculty's "dean", a
#: "harbour master" against a "deputy transport minister" is a wrong title, and so is a party's "chief whip"
#: against its "chairman". The words for a spokesperson are one post (:data:`_SAME_POST`).
_STAFF_POSTS = frozenset({"curator", "spokesperson", "treasurer", "editor", "rector", "dean", "provost", "master",
                          "harbourmaster", "whip"})
#: Posts on a workplace's floor that a union or a company elects or names below its top ("Shop steward
#: Ottilie Brascombe", "the foreman"): against a top post (a general secretary, a chief executive) a wrong
#: title; against "union leader" or "union chief" (loose words for any officer) no finding.
_FLOOR_POSTS = frozenset({"steward", "convenor", "convener", "foreman", "forewoman"})
#: Ranks of a fire service (or a company's regions) under its chief: a "Station commander" is not the
#: "County fire chief".
_SERVICE_RANK = re.compile(r"\b(station|watch|crew|group|area) (commander|manager|officer)\b")
_SAME_POST = {"spokesman": "spokesperson", "spokeswoman": "spokesperson"}
_SPEAKS_FOR = frozenset({"communications", "communication", "press", "media"})
_SPEAKS_FOR_PHRASE = re.compile(r"\b(public|government|media|external|corporate) (affairs|relations)\b")


def territorial_heads_differ(a: str, b: str) -> bool:
    """Whether two current titles name a different seat of an executive (:data:`_TERRITORIAL_HEADS`),
    neither naming the other's office: "mayor" against "regional governor" or "Gov."."""
    wa, wb = ({_ABBREVIATION.get(w.rstrip("."), w) for w in _role_words(x.replace("-", " "))} for x in (a, b))
    # The leader of a council is its political head beside the mayor, not the mayor ("Council leader
    # Maureen Tolland" against "Mayor Maureen Tolland").
    ha, hb = ((w & _TERRITORIAL_HEADS) | ({"council leader"} if {"council", "leader"} <= w else set())
              for w in (wa, wb))
    return len(ha) == 1 and len(hb) == 1 and ha != hb and not (wa | wb) & _NOT_NOW


#: Grades of a police force or an armed service: an officer holds one at a time, so "Detective Sergeant"
#: against "Inspector", or "Captain" against "Colonel", is a wrong title. The grade is the last rank word
#: ("Lieutenant Colonel" is a colonel's grade said in full, "Chief Inspector" an inspector's), so only
#: different last words conflict. "Private" is left out (a "private secretary").
_GRADES = frozenset({"constable", "sergeant", "inspector", "superintendent", "corporal", "lieutenant", "captain",
                     "major", "colonel", "brigadier", "general", "admiral", "commodore"})
_GRADE_TOKEN = re.compile(r"[A-Za-z]+\.?")


def grade(text: str) -> str | None:
    """The police or military grade a title names ("Det. Sgt." → "sergeant", "Lt. Col." → "colonel"),
    None for none. "General" is a grade alone or after a grade ("Gen.", "Major General", "army general"),
    not in "attorney general", "director-general", "general manager" or "general-election"; "major" only
    as a title ("Major Ilse Brun", "Maj."), not the adjective of "a major bank"."""
    raw = _GRADE_TOKEN.findall(text)
    words = [_ABBREVIATION.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in raw]
    found = None
    for i, w in enumerate(words):
        before = words[i - 1] if i else None
        after = words[i + 1] if i + 1 < len(words) else None
        if w not in _GRADES or (w == "major" and raw[i][0].islower() and after != "general"):
            continue
        if w == "general" and ((before in _OFFICE and before not in _GRADES)
                               or not (after is None or after in _GRADES or after in _ROLE_STOP)):
            continue
        found = w
    if found is None and raw and all(t[0].isupper() for t in raw):
        # A police force's ranks above superintendent, written as a title ("Commander Grace Holloway",
        # "Assistant Commissioner"); a lower-case "commander" leads anything ("the brigade commander").
        found = titled if (titled := " ".join(words)) in _POLICE_TOP_RANKS else None
    if found is None and "police" in words:
        # a title that names the force, in any case ("Police Commissioner", "deputy police commissioner for
        # Carrowgate", "the district police commander"): its top rank, "police" aside, the longest that fits
        rest = " ".join(w for w in words if w != "police")
        found = next((rank for rank in _POLICE_TOP_RANKS if re.search(rf"\b{rank}\b", rest)), None)
    return found


#: The ranks of a police force above chief superintendent, each a distinct post ("Commander" against
#: "Assistant Commissioner" is a wrong title), read as a whole capitalised title or in a title that names
#: the police (:func:`grade`); a lower-case "commander" alone leads anything ("the brigade commander").
#: Longest first, so that a title is read as the longest rank it holds.
_POLICE_TOP_RANKS = ("deputy assistant commissioner", "assistant commissioner", "deputy commissioner", "commissioner",
                     "commander")


#: The sides of a court: one person does not judge, prosecute and defend one case, so "Judge" against
#: "prosecutor" or "defence lawyer" is a wrong title; a plain "lawyer" or "attorney" names no side.
_COURT_SIDES = (("bench", re.compile(r"\b(judge|magistrate)\b")),
                ("prosecution", re.compile(r"\b(prosecutor|district attorney|crown counsel|prosecuting)\b")),
                # the defendant's own lawyer in a court story ("his barrister, Alasdair Whitcombe KC")
                ("defence", re.compile(r"\b(?:(?:defen[cs]e|his|her|their) (?:lawyer|attorney|counsel|barrister|solicitor)|"
                                      r"defending)\b")))


def court_side(text: str) -> str | None:
    """The side of a court a title names ("Judge" → "bench", "public prosecutor" → "prosecution"), or None."""
    folded = fold(text)
    sides = {side for side, rx in _COURT_SIDES if rx.search(folded)}
    return next(iter(sides)) if len(sides) == 1 else None


#: Posts that are each one job of a body, distinct from one another: the "mine manager" is not the
#: "mine owner", the "mission director" not its "principal investigator", the "independent structural
#: engineer" not "the club's safety officer". Generic words for whoever leads ("chief", "head", "boss",
#: "leader") and loose ones ("official", "member") are left out, so they never conflict here.
_JOB_POSTS = frozenset({"manager", "director", "owner", "engineer", "surveyor", "architect", "investigator",
                        "treasurer", "curator", "editor", "auditor", "founder", "inspector", "organiser", "organizer"})
#: Job posts that no top post of a body is ever called (a chief executive may be its "director", "owner" or
#: "founder", and an engineer by training): against a top post a different job ("general secretary of
#: the union" / "the union's regional organiser").
_STAFF_JOBS = frozenset({"investigator", "treasurer", "curator", "editor", "auditor", "inspector", "organiser",
                         "organizer", "surveyor"})
#: Confidence of a finding resting only on two different job posts (:func:`job_posts_differ`): one person
#: may hold two ("owner and manager"), so under other role conflicts (0.8).
JOB_POST_CONFIDENCE = 0.6


#: Words for a member of a council, not its head.
_COUNCIL_MEMBER = frozenset({"councillor", "councilor", "councilman", "councilwoman", "alderman"})


def job_posts_differ(a: str, b: str) -> bool:
    """Two current titles whose post nouns are different jobs (:data:`_JOB_POSTS`), neither title
    naming the other's noun ("owner and managing director" names both): "mine manager" / "Mine owner"."""
    (ha, _, _), (hb, _, _) = role_parts(a), role_parts(b)
    na, nb = _post(a)[0], _post(b)[0]
    wa, wb = set(_role_words(a.replace("-", " "))), set(_role_words(b.replace("-", " ")))
    posts_a = {w for w in (ha, na) if w in _JOB_POSTS}
    posts_b = {w for w in (hb, nb) if w in _JOB_POSTS}
    if (wa | wb) & _NOT_NOW:
        return False
    # a town's mayor is not one of its councillors: "the mayor of Lindby" / "Local councillor"
    if any("mayor" in wx and not wx & _COUNCIL_MEMBER and wy & _COUNCIL_MEMBER and "mayor" not in wy
           for wx, wy in ((wa, wb), (wb, wa))):
        return True
    # a top post against a staff job: "general secretary of the union" / "the union's regional organiser"
    if any(top_posts(x) and len(py) == 1 and py <= _STAFF_JOBS and not py & wx
           for x, wx, py in ((a, wa, posts_b), (b, wb, posts_a))):
        return True
    return len(posts_a) == 1 and len(posts_b) == 1 and posts_a != posts_b and not (posts_a & wb or posts_b & wa) \
        and "managing" not in wa | wb


#: Professions an outlet may call "independent" of the body a story is about: an "independent structural
#: engineer" is nobody's staff. A political "independent" ("independent senator") is no such word.
_INDEPENDENT_PROFESSIONS = frozenset({"engineer", "surveyor", "architect", "expert", "inspector", "assessor",
                                      "auditor", "adviser", "advisor", "consultant", "investigator", "reviewer",
                                      "examiner", "analyst", "pathologist", "chair", "chairman", "chairwoman"})
_OWNED = re.compile(r"(?:'s|’s)\s|\b(?:of|at|for|with)\s+(?:the\s+)?[A-Z]")


def independence_differs(a: str, b: str) -> bool:
    """An independent professional against a body's own post: "independent structural engineer" /
    "the club's safety officer" (the body's by a possessive or "of/at/for" a name), the posts' nouns
    different (an "independent engineer" against "the council's engineer" is left to other rules)."""
    for x, y in ((a, b), (b, a)):
        wx = _role_words(x.replace("-", " "))
        if "independent" not in wx or not set(wx) & _INDEPENDENT_PROFESSIONS or "independent" in fold(y):
            continue
        if _OWNED.search(y) and (_post(y)[0] or role_parts(y)[0]) not in set(wx) | {None}:
            return True
    return False


def roles_conflict(a: str, b: str, jobs: bool = True) -> bool:
    """Whether two titles for the same person cannot both be right.

    Same office but a different rank (minister vs deputy minister), a different portfolio
    where neither is a less specific form of the other (foreign vs defence minister), two
    different top posts of an organisation, neither title naming both (chief executive vs chairman),
    head of state against head of government (president vs prime minister), two seats of an executive
    (mayor vs governor or minister), or the heads of two different services (fire chief vs police
    commissioner), a staff post against another office (director vs chief curator), a top post against a
    department's head (chief executive vs head of security, managing director vs operations manager,
    the director of a named body vs its head of security) or a floor post (general secretary vs shop
    steward), heads of two departments (plant manager vs head of safety), a seat of an executive against
    a service's head (deputy mayor vs head of the rescue service), a junior post against a directing
    office (junior health official vs director of public health), the whole against a part or the top
    against an assistant in one post (general vs regional secretary, chief vs assistant engineer), a deputy against a top post
    (vice-president vs chairwoman), two grades of a police force or an army (sergeant vs inspector), or
    two sides of a court (judge vs prosecutor).
    """
    wa, wb = set(_role_words(a)), set(_role_words(b))
    if bool(wa & _NOT_NOW) != bool(wb & _NOT_NOW):
        return False  # a past or future title ("former chairman", "vice presidential candidate") beside a current one
    if territorial_heads_differ(a, b):
        return True
    # Posts of which one person holds one: two grades of a force ("Detective Sergeant" against "Inspector"),
    # two sides of a court ("Judge" against "prosecutor"), two posts of a state ("President" against
    # "Prime Minister").
    for reading in (grade, court_side, state_post):
        xa, xb = reading(a), reading(b)
        if xa and xb and xa != xb:
            return True
    # A lawyer on one side of a case does not head a body ("prosecuting for the fire service" against "Fire
    # chief"): the body may bring the case, but its head does not plead it.
    if any(court_side(x) in ("prosecution", "defence") and court_side(y) is None and heads_organisation(y)
           for x, y in ((a, b), (b, a))):
        return True
    pa, pb = top_posts(a), top_posts(b)
    # A general secretary is not the president of a body ("president of the TAWU" / "the union's general
    # secretary"); a bare "President" is a head of state, who may also lead the ruling party.
    for px, wy, y in ((pa, wb, b), (pb, wa, a)):
        if "general secretary" in px and "president" in wy and not top_posts(y) & {"general secretary"} \
                and state_post(y) is None and not wy & _RANK:
            return True
    oa, ob = heads_organisation(a), heads_organisation(b)
    ha, ra, qa = role_parts(a)
    hb, rb, qb = role_parts(b)
    # A junior post heads nothing: "a junior health official" against "director of public health".
    if any("junior" in wx and hy in _DIRECTING and not ry for wx, hy, ry in ((wa, hb, rb), (wb, ha, ra))):
        return True
    if posts_of_one_kind_differ(a, b) or (jobs and (job_posts_differ(a, b) or independence_differs(a, b))):
        return True
    now = not (wa | wb) & _NOT_NOW
    # Rules that set one title against the other, tried both ways round.
    # a rank under a service's chief ("Station commander") is read from the title as written
    ka, kb = (bool(_SERVICE_RANK.search(fold(x))) for x in (a, b))
    ga, gb = (bool(_BOSS_OF_A_BODY.search(fold(x))) for x in (a, b))
    for (wx, px, ox, rx, qx), (wy, py, hy, ry, qy, ranked, body) in (
            ((wa, pa, oa, ra, qa), (wb, pb, hb, rb, qb, kb, gb)), ((wb, pb, ob, rb, qb), (wa, pa, ha, ra, qa, ka, ga))):
        seat = bool(wx & _TERRITORIAL_HEADS) and now
        # A minister or mayor is not the opposition's spokesman, nor the chief executive of a company.
        if seat and not wx & _OPPOSITION and (wy & _OPPOSITION or (py and not wy & _TERRITORIAL_HEADS)):
            return True
        if seat and not wy & _TERRITORIAL_HEADS and hy is not None and qy and not qx & qy:
            return True  # "deputy mayor" against "head of the Alpine Rescue Service"
        remit = frozenset().union(*(_TOP_POST_REMIT.get(p, frozenset()) for p in px))
        if hy in _GENERIC_HEADS:  # the "head of Orsk Rail" is the "chief executive of Orsk Rail"
            remit |= qx
        if ox and not py and hy is not None and (hy in _STAFF_POSTS | _FLOOR_POSTS or qy - remit and not body
                                                 or ranked):
            # a "chief executive" against a "curator", the "head of security" or an "operations manager";
            # a general secretary against a shop steward; a fire chief against a station commander
            return True
        if rx and not ry and py:
            return True  # a deputy is not the top: "vice-president of the federation" against "chairwoman"
    if ha is not None and hb is not None and ha != hb and qa and qb and not qa & qb:
        return True  # heads of two different services: "fire chief" against "police commissioner"
    if pa and pb and not (pa & pb) and ra == rb:
        return True
    # A body's named director is its head, not its chair ("museum director" against "Chairman of the
    # trustees"); a bare "director" may be any director, so it is left alone.
    for (px, ox, x), py in (((pa, oa, a), pb), ((pb, ob, b), pa)):
        if not px and ox and len(_TOKEN.findall(x)) > 1 and py == {"chair"} and ra == rb:
            return True
    post_a, post_b = _SAME_POST.get(ha or "", ha), _SAME_POST.get(hb or "", hb)
    # A communications director or press manager speaks for the body: "spokesman" is their job in other words.
    speaks = "spokesperson" in {post_a, post_b} and ((wa | wb) & _SPEAKS_FOR
                                                     or _SPEAKS_FOR_PHRASE.search(fold(f"{a} / {b}")))
    if post_a is not None and post_b is not None and post_a != post_b and {post_a, post_b} & _STAFF_POSTS and not (
            ha in wb or hb in wa or speaks):
        return True  # a museum's "director" against its "chief curator", a minister against a spokesman
    if ha is None or ha != hb:
        return False
    if ra != rb:
        return True
    return bool(qa and qb and not (qa <= qb or qb <= qa))


#: Title abbreviations written out, so "Sen." and "senator" are one word choice.
_ABBREVIATION = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
                 "col": "colonel", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "dr": "doctor",
                 "prof": "professor", "rev": "reverend", "pres": "president", "sec": "secretary", "amb": "ambassador",
                 "atty": "attorney", "supt": "superintendent", "maj": "major", "cmdr": "commander"}
#: Party words: like a home state, a detail of who the person is rather than a label for them.
_PARTY = {"democratic", "democrat", "republican", "gop", "independent"}
_PARTY_TAG = re.compile(r"^[rdil]-\w*$")  # "R-Fla." folds to "r-fla"


#: Words for "the person at the top of" an office: "chief of the coast guard" and "coast guard head"
#: name one office, so they are one word choice (word order is already ignored: descriptions are sets).
_HEAD_OF = {"chief": "head", "boss": "head", "chairman": "chair", "chairwoman": "chair", "chairperson": "chair"}


def descriptor_words(text: str, names: set[str] = frozenset()) -> frozenset[str]:
    """The words of a description of a person that are a choice, not a detail: abbreviations
    written out, words for the head of an office made one ("chief", "boss" → "head"), and party tags ("R-Fla."), party words, places and nationalities (by the
    gazetteer), names of people (``names``) and single letters left out."""
    words = [_HEAD_OF.get(w, w) for w in (_ABBREVIATION.get(w, w) for w in _role_words(text))]
    drop = {i for i, w in enumerate(words)
            if len(w) < 2 or w in _PARTY or w in names or _PARTY_TAG.match(w) or country_of(w)}
    drop |= {j for i in range(len(words) - 1) if country_of(f"{words[i]} {words[i + 1]}") for j in (i, i + 1)}
    return frozenset(w for i, w in enumerate(words) if i not in drop)


def descriptors_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two outlets describe one person in words neither's description contains:
    "opposition leader" against "interim president" or "self-proclaimed president", but not
    "President" against "Venezuelan President" (only more specific) — a choice, not a wrong fact."""
    return bool(a and b) and not (a <= b or b <= a)


#: Words of the contested-label lexicon (:data:`presslens.stories.labels.CONTESTED`) and other loaded
#: descriptions of a person; kept here so roles do not import the label module (which imports roles).
CONTESTED_WORDS = frozenset({
    "rebel", "rebels", "insurgent", "guerrilla", "militia", "militiaman", "terrorist", "extremist", "jihadist",
    "militant", "gunman", "separatist", "regime", "junta", "dictator", "strongman", "self-proclaimed", "usurper",
    "illegitimate", "interim", "puppet", "warlord", "thug", "activist", "agitator", "dissident", "radical",
    "putschist", "mutineer", "traitor", "crony", "henchman", "stooge", "lackey", "rabble-rouser", "firebrand",
    "demagogue", "zealot", "asset-strippers", "asset-stripper", "speculators", "profiteers", "cartel", "mob",
    "gang", "cabal"})


#: Loaded nouns for a person that may stand before the name as a title ("Warlord Viktor Sorel",
#: "the strongman Dorn"); the analysis reads roles from office words only, so these are read here.
_LOADED_TITLES = frozenset({"rebel", "insurgent", "guerrilla", "militiaman", "terrorist", "extremist", "jihadist",
                            "militant", "gunman", "separatist", "dictator", "strongman", "usurper", "warlord",
                            "thug", "agitator", "dissident", "putschist", "mutineer", "traitor", "crony", "henchman",
                            "stooge", "lackey", "rabble-rouser", "firebrand", "demagogue", "zealot"})
#: Neutral nouns for what a person does, read before a name like the loaded ones ("businessman Lauris
#: Quellan"), so that one outlet's loaded title has the other outlets' plain description to stand
#: against. Office words are not here: the analysis reads those as roles.
_PLAIN_TITLES = frozenset({"businessman", "businesswoman", "entrepreneur", "tycoon", "investor", "banker",
                           "developer", "executive", "lawyer", "economist", "farmer", "trader", "contractor",
                           "politician", "lawmaker", "legislator", "campaigner", "protester", "organiser",
                           "organizer", "student", "journalist", "academic", "professor", "engineer", "doctor",
                           "financier", "landowner", "industrialist", "magnate", "philanthropist", "cleric"})
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z\-]*) $")
_TITLE_IN_NAME = re.compile(r"([A-Z][a-z\-]+) (?=[A-Z])")


#: Loaded and plain nouns for an organisation before or in apposition to its name: "Asset-strippers
#: Corvane Capital" against "Private equity firm Corvane Capital" or "Corvane Capital, the investment fund".
_LOADED_ORG = frozenset({"asset-strippers", "asset-stripper", "speculators", "profiteers", "cartel", "racketeers",
                         "regime", "junta", "mob", "gang", "cabal", "sweatshop"})
_PLAIN_ORG = frozenset({"fund", "firm", "company", "group", "investor", "investors", "owner", "owners", "operator",
                        "bank", "lender", "insurer", "charity", "union", "party", "agency", "authority", "council"})
#: ", the rabble-rouser who ..." after a name: up to three lower-case words, the last the noun.
_APPOSED = re.compile(r",\s+(?:the|an?)\s+((?:[a-z][a-z\-]*\s+){0,2}[a-z][a-z\-]*)\b")


_QUALIFIER_BEFORE = re.compile(r"(?:\b[A-Za-z][a-z\-]+ ){1,2}$")


def _qualified_start(text: str, start: int) -> int:
    """Where a title before a name starts with up to two words qualifying it ("Private equity
    firm"), not a determiner, a possessive or a sentence's verb ("told", "said")."""
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return start
    words = m.group().split()
    while words and (words[0].lower() in _ROLE_STOP or words[0].lower() in _NOT_QUALIFIER or words[0].endswith("ed")):
        words.pop(0)
    return start - len(" ".join(words)) - 1 if words else start


#: Words that end a title's qualifiers when read backwards from it: verbs of saying and common
#: sentence words before a name.
_NOT_QUALIFIER = frozenset({"said", "says", "told", "by", "with", "from", "to", "as", "when", "after", "before",
                            "while", "but", "yesterday", "today", "according"})


def loaded_titles(analysis: Analysis) -> list[tuple[str, Claim]]:
    """(name, claim) for each loaded (or plain, :data:`_PLAIN_TITLES`) noun right before a person's
    or an organisation's name (or read into the name by the recogniser), or in apposition right
    after it, in the outlet's own voice that no claimed role covers: "Warlord Viktor Sorel, whose
    men held the broadcaster", "the minister's crony Lauris Quellan" against "businessman Lauris
    Quellan", "Ilse Marrowin, the rabble-rouser who", "Asset-strippers Corvane Capital" against
    "Corvane Capital, the investment fund".
    A sentence-initial title is capitalised like a name, so the analysis leaves it out of the
    person's roles; it is still the outlet's word for them."""
    text = analysis.article.text
    quoted = [(q.start, q.end) for q in analysis.quotes if q.type != "indirect"]
    roles = [(r.start, r.end) for e in analysis.entities for r in e.roles]
    out = []
    for e in analysis.entities:
        if e.type not in ("PERSON", "ORG"):
            continue
        loaded = _LOADED_TITLES if e.type == "PERSON" else _LOADED_ORG
        # A floor post is an office, but not among the analysis's role words: read here like a plain title.
        plain = _PLAIN_TITLES | _FLOOR_POSTS if e.type == "PERSON" else _PLAIN_ORG
        spans = set(e.mentions)
        if e.type == "PERSON":  # a mention the recogniser missed ("Ilse Marrowin, the ..." opening a sentence)
            spans |= {m.span() for m in re.finditer(rf"\b{re.escape(e.name)}\b", text)
                      if not any(x <= m.start() < y for x, y in e.mentions)}
        for s, end in sorted(spans):
            # The title before the name, or read into the name by the recogniser ("Warlord Dag Brun").
            m = next((m for m in (_WORD_BEFORE.search(text, max(0, s - 30), s), _TITLE_IN_NAME.match(text, s, end))
                      if m is not None and m.group(1).lower() in loaded | plain), None)
            if m is not None:
                ws, we, word = m.start(1), m.end(1), m.group(1).lower()
                # A title read into the name is no part of it: "Warlord Dag Brun" is Dag Brun.
                name = text[m.end():end] if ws == s else e.name
                if ws != s:  # with the words that qualify it: "Private equity firm Corvane Capital"
                    ws = _qualified_start(text, ws)
            elif (a := _APPOSED.match(text, end)) is not None:
                words = a.group(1).split()
                hit = next((w for w in words if w in loaded), None) or next((w for w in words if w in plain), None)
                if hit is None:
                    continue
                # "Corvane Capital, the investment fund": the noun with the words before it.
                ws = a.start(1)
                we, word, name = a.start(1) + len(" ".join(words[:words.index(hit) + 1])), hit, e.name
            else:
                continue
            if any(x <= ws < y for x, y in quoted + roles):
                continue
            # A floor post is shown as the outlet's title ("shop steward"), a loaded or plain noun as itself.
            value = " ".join(fold(text[ws:we]).split()) if word in _FLOOR_POSTS else word
            out.append((name, Claim(analysis.article.id, ws, we, text[ws:we], value)))
    return out


def role_findings(story_id: str, analyses: list[Analysis], copies: set[str], people: PeopleIndex
                  ) -> tuple[dict[str, dict[str, list[str]]], list[Finding]]:
    """The roles each outlet claims per person, and the findings: a role conflict, else (when the
    outlets' descriptions use different words) an actor label finding."""
    by_id = {a.article.id: a for a in analyses}
    actor_labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    role_claims: dict[str, list[Claim]] = defaultdict(list)
    for a in analyses:
        for e in a.entities:
            if e.type != "PERSON":
                continue
            key = people.key(e.name)
            for r in e.roles:
                actor_labels[people.display(key)][outlet_of(a.article)].append(r.text)
                if a.article.id not in copies:
                    role_claims[key].append(Claim(a.article.id, r.start, r.end, r.text, " ".join(fold(r.text).split())))
        for name, claim in loaded_titles(a):
            key = people.key(name)
            actor_labels[people.display(key)][outlet_of(a.article)].append(claim.text)
            if a.article.id not in copies:
                role_claims[key].append(claim)
    # A loaded title the recogniser read into a name ("Warlord Dag Brun") is still a description.
    name_words = {w for a in analyses for e in a.entities if e.type == "PERSON" for w in fold(e.name).split()
                  if w not in _LOADED_TITLES | _PLAIN_TITLES | _FLOOR_POSTS}
    findings = []
    for key, claims in role_claims.items():
        bad = {i for i, c in enumerate(claims) for j, d in enumerate(claims)
               if c.article != d.article and roles_conflict(c.text, d.text)}
        if bad:
            heads_in_conflict = {role_parts(claims[i].text)[0] for i in bad}
            # Two top posts (chief executive / chairman, president / prime minister) are sometimes
            # held by one person: less sure.
            by_post = all(top_posts(claims[i].text) or state_post(claims[i].text) for i in bad)
            # Two different jobs of a body and nothing surer: one person may hold both.
            by_job = not any(c.article != d.article and roles_conflict(c.text, d.text, jobs=False)
                             for c in claims for d in claims)
            kept = [c for c in claims if role_parts(c.text)[0] in heads_in_conflict]
            why = ""
            if by_post or by_job:
                said = "; ".join(f"{outlet_of(by_id[c.article].article)} “{c.value}”" for c in kept)
                posts = "top posts of one organisation or state" if by_post else "jobs"
                why = f"role for {people.display(key)}: {said} — two different {posts} (unless the person holds both)"
            findings.append(Finding("role", story_id, people.display(key), kept,
                                    confidence=TOP_POST_CONFIDENCE if by_post else JOB_POST_CONFIDENCE if by_job
                                    else None, explanation=why))
        else:  # the words chosen for the person may still differ: a label contrast for an actor
            described: dict[str, set[str]] = defaultdict(set)
            for c in claims:
                described[outlet_of(by_id[c.article].article)] |= descriptor_words(c.text, name_words)
            differ = [(a, b) for a, b in combinations(described.values(), 2) if descriptors_differ(frozenset(a), frozenset(b))]
            if differ:
                # Contested words ("rebel" / "militia" / "terrorist") make a label choice; other differing
                # words are mostly the same office said otherwise ("top aide" / "top adviser").
                contested = any(w in CONTESTED_WORDS for a, b in differ for w in a ^ b)
                findings.append(Finding("label", story_id, people.display(key), claims,
                                        confidence=0.65 if contested else 0.4))
    return {k: dict(v) for k, v in actor_labels.items()}, findings
