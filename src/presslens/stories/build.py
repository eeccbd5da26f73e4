"""The story layer's entry point: feed analyses in arrival order, read stories and findings.

``StoryBuilder`` ties copy detection and incremental grouping together (a syndicated copy
always lands in its original's story) and keeps the analyses it needs for comparison. The CLI,
the store's export and the web UI call only what is here plus :func:`compare_story`, so the
export shapes are produced in one place.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from presslens.model import Analysis
from presslens.stories.compare import StoryComparison, compare_story
from presslens.stories.dedup import DedupConfig, DuplicateIndex
from presslens.stories.grouping import GroupingConfig, StoryGrouper, features_of
from presslens.stories.model import Finding, Story, StoryLink


class StoryBuilder:
    """Incremental stories over a stream of analyses (one ``add`` per article)."""

    def __init__(self, grouping: GroupingConfig | None = None, dedup: DedupConfig | None = None) -> None:
        self.grouper = StoryGrouper(grouping)
        self.dedup = DuplicateIndex(dedup or DedupConfig())
        self.analyses: dict[str, Analysis] = {}

    def add(self, analysis: Analysis) -> str:
        """Place one article; returns its story id. Re-adding an article is a no-op."""
        art = analysis.article
        if art.id in self.analyses:
            return self.grouper.assignment[art.id]
        self.analyses[art.id] = analysis
        original = self.dedup.add(art)
        join = self.grouper.assignment.get(original) if original else None
        return self.grouper.add(features_of(analysis), join=join)

    def add_many(self, analyses: Iterable[Analysis]) -> None:
        for a in analyses:
            self.add(a)

    def stories(self) -> list[Story]:
        """All stories, in the order they were started."""
        out = []
        for sid, members in self.grouper.stories().items():
            dups = self.dedup.duplicates(members)
            first = self.analyses[members[0]].article
            originals = [self.analyses[m].article for m in members if m not in {c for c, _ in dups}]
            # The story's title: the earliest original's headline (the first report of the event).
            lead = min(originals or [first], key=lambda a: (a.date or "9999", members.index(a.id)))
            out.append(Story(id=sid, title=lead.title or first.title, articles=list(members), duplicates=dups))
        return out

    def links(self, story_id: str | None = None) -> list[StoryLink]:
        """"Possible same story" links (all, or those touching ``story_id`` from either side)."""
        out = []
        for link in self.grouper.links:
            own = self.grouper.assignment[link.article]
            if own != link.story and story_id in (None, own, link.story):
                out.append(StoryLink(story=own, other=link.story, article=link.article, score=link.score,
                                     pairs=list(link.pairs)))
        return out

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories() if s.id == story_id), None)

    def compare(self, story: Story) -> StoryComparison:
        return compare_story(story, [self.analyses[a] for a in story.articles])

    def findings(self, story: Story) -> list[Finding]:
        return self.compare(story).findings


def export_stories(builder: StoryBuilder) -> Iterator[dict[str, Any]]:
    """``presslens export --what stories`` records: {"story", "title", "articles", "duplicates"}."""
    for s in builder.stories():
        yield s.to_dict()


def export_findings(builder: StoryBuilder) -> Iterator[dict[str, Any]]:
    """``presslens export --what findings`` records: {"kind", "story", "subject", "claims"}."""
    for s in builder.stories():
        if len(s.articles) > 1:
            for f in builder.findings(s):
                yield f.to_dict()
