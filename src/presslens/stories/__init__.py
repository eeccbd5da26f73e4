"""Stories: group one event's coverage across outlets and compare the outlets side by side.

Entry points: :class:`~presslens.stories.build.StoryBuilder` (incremental grouping with copy
detection), :func:`~presslens.stories.compare.compare_story` (voices, statements, wording,
findings), and :func:`~presslens.stories.build.export_stories` /
:func:`~presslens.stories.build.export_findings` for the export shapes.
"""
