"""Numbers for the same quantity stated differently by different outlets."""
from __future__ import annotations

import re
from collections import defaultdict

from presslens.model import Analysis
from presslens.stories.labels import _WORD
from presslens.stories.model import Claim, Finding
from presslens.stories.source import outlet_of

_QUANTITY = {
    "dead": "dead", "killed": "dead", "deaths": "dead", "died": "dead", "fatalities": "dead",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuries": "injured",
    "arrested": "arrested", "detained": "arrested", "arrests": "arrested",
    "workers": "workers", "dockers": "workers", "dockworkers": "workers", "employees": "workers",
    "strikers": "workers", "staff": "workers", "staffers": "workers",
    "ships": "ships", "vessels": "ships", "boats": "ships",
    "protesters": "protesters", "demonstrators": "protesters", "marchers": "protesters",
    "troops": "troops", "soldiers": "troops", "refugees": "refugees", "migrants": "migrants",
    "votes": "votes", "delegates": "delegates", "accounts": "accounts",
}
_CASUALTY_VERB = {"killing": "dead", "killed": "dead", "injuring": "injured", "injured": "injured",
                  "wounding": "injured", "wounded": "injured", "arresting": "arrested", "arrested": "arrested",
                  "detaining": "arrested", "detained": "arrested"}
_NUMBER = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s+(?:million|thousand|hundred))?\b")
_SCALE = {"million": 1e6, "thousand": 1e3, "hundred": 1e2}


def quantities(analysis: Analysis) -> list[tuple[str, float, int, int]]:
    """(quantity, value, start, end) for each "N <quantity noun>" or "N people were killed"."""
    text = analysis.article.text
    out = []
    for m in _NUMBER.finditer(text):
        after = text[m.end():m.end() + 60]
        if after.startswith(("%", " percent", " per cent")):
            continue
        value = float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").strip(), 1.0)
        # The quantity noun must follow within two words, with no punctuation in between.
        gap = re.match(r"(?:[ ]+[A-Za-z][A-Za-z'\-]*){1,3}", after)
        follow = [w.lower() for w in _WORD.findall(after[:gap.end()])] if gap else []
        before = [w.lower() for w in _WORD.findall(text[max(0, m.start() - 40):m.start()])[-3:]]
        key = None
        for w in follow:
            if w in _QUANTITY:
                key = _QUANTITY[w]
                break
        if key is None and follow and follow[0] in ("people", "persons", "civilians"):
            later = [w.lower() for w in _WORD.findall(after)[1:4]]
            key = next((_CASUALTY_VERB[w] for w in before + later if w in _CASUALTY_VERB), None)
        if key:
            out.append((key, value, m.start(), m.end()))
    return out


def number_findings(story_id: str, originals: list[Analysis]) -> list[Finding]:
    """A finding per quantity for which the outlets state different values."""
    by_id = {a.article.id: a for a in originals}
    numbers: dict[str, list[Claim]] = defaultdict(list)
    for a in originals:
        for key, value, s, e in quantities(a):
            numbers[key].append(Claim(a.article.id, s, e, a.article.text[s:e], f"{value:g}"))
    findings = []
    for key, claims in numbers.items():
        per_outlet = {outlet_of(by_id[c.article].article) for c in claims}
        if len(per_outlet) >= 2 and len({c.value for c in claims}) >= 2:
            findings.append(Finding("number", story_id, key, claims))
    return findings
