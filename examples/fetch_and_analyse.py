"""Notebook-style example: fetch two small news feeds, analyse them, and tabulate who is quoted where.

Run it as a script (``python examples/fetch_and_analyse.py``) or paste the cells into Jupyter.
The two "outlets" are invented news sites that this script serves itself on 127.0.0.1
(examples/newssite.py), so it needs no network; with a real feed, pass its URL instead.
Needs pandas (``pip install 'presslens[pandas]'``).
"""
# %% Serve two small local news sites (stand-ins for real feeds).
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newssite import NewsSite  # noqa: E402

import presslens  # noqa: E402

gazette = NewsSite(articles=6, outlet="Calder Gazette").__enter__()
courier = NewsSite(articles=6, outlet="Harbour Courier", first=3).__enter__()

# %% Fetch both feeds into a fresh corpus (robots.txt, a delay per host and a re-run that asks only for what is new).
db = Path(tempfile.mkdtemp()) / "feeds.db"
corpus = presslens.open(f"sqlite:///{db}")
# delay: 0.1 s between requests to one (local) host; leave the default (1 s) for real sites.
for site in (gazette, courier):
    report = corpus.fetch(site.url + "/feed.xml", delay=0.1, techniques=False)
    print(f"{site.outlet}: {report.stored} articles stored, {report.rejected} rejected")
again = corpus.fetch(gazette.url + "/feed.xml", delay=0.1, techniques=False)
print(f"second run: {again.fetched} pages fetched, {again.not_modified} feed unchanged")

# %% Quotes as a DataFrame: one row per quote, with speaker, outlet, cue, channel and offsets.
quotes = corpus.quotes().to_pandas()
quotes["speaker"] = quotes["person"].fillna(quotes["speaker_name"])
print(quotes[["outlet", "speaker", "cue", "type", "text"]].head(6).to_string(index=False, max_colwidth=60))

# %% Who is quoted in which outlet: quotes per speaker (rows) and outlet (columns).
table = quotes.pivot_table(index="speaker", columns="outlet", values="quote_id", aggfunc="count", fill_value=0)
table = table.loc[table.sum(axis=1).sort_values(ascending=False).index]
print(table.to_string())

# %% One article on its own, without a database: the same analysis as `presslens analyze`.
page = gazette.routes[gazette.articles[0]].body.decode()
analysis = presslens.analyze({"html": page, "url": gazette.url + gazette.articles[0]}, techniques=False)
for q in analysis.quotes:
    print(q.type, "|", q.speaker.name if q.speaker else "-", "|", analysis.article.text[q.start:q.end][:70])

# %% Clean up.
corpus.close()
for site in (gazette, courier):
    site.__exit__(None, None, None)
