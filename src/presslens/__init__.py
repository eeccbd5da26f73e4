"""presslens: who said what, about whom, through which channel, and how each outlet framed it."""
from presslens.model import Analysis, Article, Entity, Quote, Rejection

__all__ = ["Analysis", "Article", "Entity", "Quote", "Rejection", "__version__"]
__version__ = "0.1.0"
