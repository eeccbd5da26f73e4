"""The analysis core: a pure function from an Article to its Analysis.

``Analyzer`` holds what is expensive to build (the spaCy pipeline, the technique model) once
per process; everything it returns depends only on the article text and metadata, so the
same code runs unchanged in the CLI, the local process pool, Ray workers and the web API.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from presslens.analysis.claims import extract_claims
from presslens.analysis.entities import extract_entities
from presslens.analysis.lead import read_lead
from presslens.analysis.pipeline import check_pipeline, load_nlp, parse
from presslens.analysis.quotes import extract_quotes
from presslens.analysis.techniques import check_technique_model, load_technique_model
from presslens.model import Analysis, Article
from presslens.settings import Settings, get_settings

log = logging.getLogger(__name__)


def check_models(settings: Settings | None = None, *, techniques: bool = True) -> None:
    """Raise ModelUnavailable, before any work starts, when a model the analysis needs is missing."""
    check_pipeline((settings or get_settings()).model)
    if techniques:
        check_technique_model()


class Analyzer:
    """Turns Articles into Analyses with one spaCy pipeline (and technique model) per process."""

    def __init__(self, settings: Settings | None = None, *, techniques: bool = True, nlp: Language | None = None) -> None:
        """``nlp`` is a pipeline already prepared by ``add_presslens_pipes`` (the spaCy component's own)."""
        self.settings = settings or get_settings()
        self.nlp = nlp if nlp is not None else load_nlp(self.settings.model)
        self.technique_model = load_technique_model() if techniques else None

    def analyze(self, article: Article) -> Analysis:
        """Analyse a single article."""
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Analyse articles in ``nlp.pipe`` batches, in input order."""
        for article, doc in parse(self.nlp, articles, self.settings.batch_size):
            yield self.from_doc(article, doc)

    def from_doc(self, article: Article, doc: Doc) -> Analysis:
        """Run the extractors on a parsed Doc.

        A failure inside one extractor is recorded in ``errors`` (with the input's name) and
        the other results are kept: one odd article must not sink a batch of thousands.
        """
        result = Analysis(article=article)
        try:
            result.entities = extract_entities(doc, article)
            result.quotes = extract_quotes(doc, article, result.entities)
            result.claims = extract_claims(doc, article, result.quotes)
            result.lead = read_lead(doc, article)
            if self.technique_model is not None:
                result.techniques = self.technique_model.find(doc, article, result.quotes, self.settings.techniques)
        except Exception as exc:  # noqa: BLE001 - reported per article, see docstring
            log.debug("analysis failed for %s\n%s", article.source, traceback.format_exc())
            result.errors.append(f"{article.source or article.id}: analysis failed: {type(exc).__name__}: {exc}")
        return result
