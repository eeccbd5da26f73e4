"""``presslens fetch``: polite downloading of news from feeds, sitemaps and home pages (see run.py)."""
