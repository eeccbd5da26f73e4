"""Side-by-side comparison of the outlets covering one story, and the findings it yields.

Given the analyses of one story's articles this module answers, per outlet: who was given a
voice (and on which side, where the article says so), which statements several outlets carried
and who kept, paraphrased or cut which part, which words each used for the central event, and
where the stated facts disagree (titles claimed for a person, numbers for the same quantity).
Each kind of finding lives in its own module (:mod:`.voices`, :mod:`.statements`,
:mod:`.labels`, :mod:`.loaded`, :mod:`.roles`, :mod:`.numbers`, :mod:`.dates`); this one orchestrates them.
Everything is derived from the analysis records (entities with claimed roles, quotes with
speakers, claims) plus the article text, so it runs the same on fresh analyses, JSONL output or the store.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from presslens.model import Analysis
from presslens.settings import get_settings
from presslens.stories.dates import date_findings
from presslens.stories.labels import contested_labels, event_labels, headline_swaps, swaps_not_covered
from presslens.stories.loaded import loaded_words
from presslens.stories.model import Finding, Story
from presslens.stories.numbers import number_findings
from presslens.stories.people import PeopleIndex
from presslens.stories.roles import role_findings
from presslens.stories.source import outlet_of
from presslens.stories.statements import Statement, match_statements, quote_cuts
from presslens.stories.voices import Voice, blind_spots, collect_voices, home_places


@dataclass
class StoryComparison:
    """Everything the side-by-side view of one story shows."""

    story: Story
    outlets: dict[str, list[str]]
    voices: dict[str, dict[str, Voice]]
    unnamed: dict[str, int]
    statements: list[Statement]
    wording: dict[str, dict[str, int]]
    actor_labels: dict[str, dict[str, list[str]]]
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.story.to_dict(),
            "outlets": self.outlets,
            "voices": {o: {k: {"name": v.name, "count": v.count, "side": v.side, "roles": v.roles} for k, v in vs.items()}
                       for o, vs in self.voices.items()},
            "unnamed_sources": self.unnamed,
            "statements": [{"speaker": s.speaker, "full": s.full, "parts": s.parts, "versions": s.versions}
                           for s in self.statements],
            "wording": self.wording,
            "actor_labels": self.actor_labels,
            "findings": [f.to_dict() for f in self.findings],
        }


#: Confidence of a finding whose module does not grade it itself, by kind: set by hand from how
#: often each kind was right on the tuning half of the labelled findings set (benchmarks/findings.py).
KIND_CONFIDENCE = {"role": 0.8, "date": 0.7, "label": 0.55, "blind_spot": 0.6, "quote_cut": 0.6, "number": 0.6}


def explain(findings: list[Finding], outlet_of_article: dict[str, str]) -> None:
    """Give every finding a confidence and a one-line explanation where its module gave none:
    each outlet's words, so a reader can check them against the claims' characters."""
    for f in findings:
        if f.confidence is None:
            f.confidence = KIND_CONFIDENCE[f.kind]
        if not f.explanation:
            said: dict[str, list[str]] = defaultdict(list)
            for c in f.claims:
                if c.value not in said[outlet_of_article.get(c.article, c.article)]:
                    said[outlet_of_article.get(c.article, c.article)].append(c.value)
            f.explanation = f"{f.kind} for {f.subject}: " + "; ".join(f"{o} “{' / '.join(v)}”" for o, v in said.items())


def compare_story(story: Story, analyses: list[Analysis]) -> StoryComparison:
    """Build the side-by-side comparison and the findings of one story.

    ``analyses`` are the story's articles (any order); syndicated copies named in
    ``story.duplicates`` are shown under their outlet but not counted as independent evidence of
    a disagreement. Voices count attributions at or above the ``attribution_threshold`` setting.
    """
    by_id = {a.article.id: a for a in analyses}
    ordered = [by_id[i] for i in story.articles if i in by_id]
    copies = {c for c, _ in story.duplicates}
    people = PeopleIndex(ordered)
    outlets: dict[str, list[str]] = defaultdict(list)
    for a in ordered:
        outlets[outlet_of(a.article)].append(a.article.id)
    originals = [a for a in ordered if a.article.id not in copies]

    voices, unnamed, first_quote = collect_voices(ordered, people, home_places(ordered),
                                                  get_settings().attribution_threshold)
    statements = match_statements(ordered, people)
    carried: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        if st.speaker:
            carried[st.speaker] |= set(st.versions)
    findings: list[Finding] = blind_spots(story.id, outlets, voices, first_quote, people, by_id, carried)
    findings += quote_cuts(story.id, statements, by_id)
    heads, wording, label_found, swaps = event_labels(story.id, ordered, copies, people)
    findings += label_found
    actor_labels, role_found = role_findings(story.id, ordered, copies, people)
    # A person's description ("rebel commander") does not stand for the event's label ("rebels").
    contested = contested_labels(story.id, originals, findings)
    event_words = contested + swaps_not_covered(swaps, contested)
    findings += role_found + event_words
    swapped = headline_swaps(story.id, originals, findings)
    findings += swapped
    # an outlet's loaded words join its finding about the event's words, never one about a person
    findings += loaded_words(story.id, originals, findings, label_found + event_words + swapped)
    findings += number_findings(story.id, originals)
    findings += date_findings(story.id, originals, heads)
    explain(findings, {a.article.id: outlet_of(a.article) for a in ordered})
    findings.sort(key=lambda f: -(f.confidence or 0.0))
    return StoryComparison(story=story, outlets=dict(outlets), voices={o: dict(v) for o, v in voices.items()},
                           unnamed=dict(unnamed), statements=statements, wording=wording,
                           actor_labels=actor_labels, findings=findings)
