"""presslens: who said what, about whom, through which channel, and how each outlet framed it.

The stable Python API (everything else is private)::

    import presslens
    a = presslens.analyze("Maduro said on Twitter that ...", outlet="example", date="2019-04-30")
    a.quotes, a.entities, a.techniques, a.to_dict()          # the JSONL contract
    for a in presslens.analyze_many(["a.txt", "b.html", {"text": "..."}], workers=2): ...
    with presslens.open("sqlite:///presslens.db") as corpus:
        corpus.quotes(speaker="guaido").to_pandas()

Importing presslens is cheap: spaCy, the models and SQLAlchemy load on first use.
"""
from presslens.api import Corpus, RejectedInput, Rows, analyze, analyze_many, open
from presslens.model import Analysis, Article, Cue, Entity, Quote, Rejection, Role, Speaker, Technique

__all__ = ["Analysis", "Article", "Corpus", "Cue", "Entity", "Quote", "Rejection", "RejectedInput", "Role", "Rows",
           "Speaker", "Technique", "__version__", "analyze", "analyze_many", "open"]
__version__ = "0.1.0"
