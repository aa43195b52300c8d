"""Story-level composition: one brief over every article of a story.

A story of one article is composed exactly as the single-article brief is (same sections, same
picks). For more, each section is drawn from all articles:

- ``summary``: Executive Summary by cross-source salience (``salience``), near duplicates merged
  and credited to every outlet, newest development first;
- ``timeline``: The Story So Far as one merged timeline (``dates`` ranks days for it and for
  ``newsbrief eval tls``);
- ``sections``: Why This Matters and Who Thinks What? across articles;
- ``coverage``: outlets, counts, first reports, exclusives, the coverage strip;
- ``whatsnew``: What's New since a given time.
"""

from newsbrief.compose.story.brief import compose_story_brief, story_headline

__all__ = ["compose_story_brief", "story_headline"]
