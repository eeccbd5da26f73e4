"""How far to trust an attribution: a calibrated confidence for every quote.

Why: person pages, search and ``presslens people`` counts list attributions as claims a user
may repeat; the extractor's rules are not all equally reliable (a direct quote with ``said``
right after it is almost always right, a reported clause of ``suggest`` with a pronoun source
often is not). So every attribution gets ``confidence``: the precision that attributions with
the same evidence had on held-out PolNeAR train articles, end to end (content matched *and*
source right, the scorer's rule). A logistic regression over the evidence below is fitted on
one part of train and mapped to precision by isotonic regression on another
(``python -m presslens.training.confidence``); readers filter with the
``attribution_threshold`` setting.

The evidence is what the extractor already knows: the quote type, the cue lemma, the kind of
source (:mod:`presslens.analysis.speakers`), the source pronoun, how a direct quote found its
cue (``trailing``: ``"...," she said``; ``previous``/``paragraph``/``carried``: borrowed from
the quote before), for reported speech how the clause hangs from its cue (``ccomp``: "said
[that ...]", ``dobj``: "praised [the deal]") and whether it has a finite verb, the cue model's
probability and the length of the content; and what the parse says of a reported clause
(:func:`presslens.analysis.quotes._clause_evidence`: where the cue hangs, its subject, whether
the clause is cut short of its sentence's end, how many cues the sentence holds, a report
inside a report). On the held-out half of PolNeAR train this last group lifts reported-speech
precision from 0.815 to 0.845 at the same share of right ones kept (0.90); see benchmarks/README.md.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from presslens.model import Quote

#: Single-word sources worth a feature of their own (pronouns carry most of the source risk).
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "who", "which", "that", "this", "one"})


def confidence_features(quote: Quote, how: str, cue_probability: float | None) -> list[str]:
    """Sparse binary features of one attribution for the confidence model."""
    t = quote.type
    lemma = quote.cue.lemma if quote.cue else "-"
    sp = quote.speaker
    kind = (sp.kind or "other") if sp else "none"
    word = sp.text.lower() if sp and sp.text.lower() in _PRONOUNS else ("name" if sp and sp.entity_id else "-")
    n = len(quote.text.split())
    size = "1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21-40" if n <= 40 else "41+"
    prob = "-" if cue_probability is None else str(min(9, int(cue_probability * 10)))
    return [f"t={t}", f"l={lemma}", f"tl={t}|{lemma}", f"k={kind}", f"tk={t}|{kind}", f"h={how}",
            f"th={t}|{how}", f"w={word}", f"tw={t}|{word}", f"n={t}|{size}", f"p={t}|{prob}", f"lk={lemma}|{kind}",
            f"hk={how}|{kind}", f"lh={lemma}|{how}", f"hn={how}|{size}"]


@dataclass(slots=True)
class ConfidenceModel:
    """Logistic-regression weights and the isotonic map from its score to held-out precision."""

    weights: dict[str, float]
    bias: float
    xs: list[float]
    ys: list[float]

    def score(self, features: list[str]) -> float:
        """The uncalibrated model probability."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def confidence(self, features: list[str]) -> float:
        """Held-out precision of attributions with this score, rounded to 0.01."""
        return round(float(np.interp(self.score(features), self.xs, self.ys)), 2)


@lru_cache(maxsize=1)
def load_confidence_model() -> ConfidenceModel:
    """The shipped model (``presslens/data/attribution_confidence.json``), read once per process."""
    raw = json.loads(resources.files("presslens.data").joinpath("attribution_confidence.json").read_text(encoding="utf-8"))
    return ConfidenceModel(weights=raw["weights"], bias=raw["bias"], xs=raw["calibration"]["x"],
                           ys=raw["calibration"]["y"])
