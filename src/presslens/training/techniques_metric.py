"""The SemEval-2020 Task 11 partial-overlap span metric, for tuning thresholds during training.

Why a copy here rather than importing ``../shared/tools/score_techniques.py``: training tunes a
threshold per technique on a slice of the training data and needs the metric in-process, many
times, on spans it has not written to disk. The benchmark still scores with the shared tool,
so any drift between the two would show as a difference between tuning and held-out figures.

    P = 1/|S| * sum_{s in S, t in T} |s & t| / |s|       R = 1/|T| * sum |s & t| / |t|
with overlapping spans merged on each side within an article.
"""
from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping or touching spans, as the official scorer does."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def overlap_sums(pred: list[Span], gold: list[Span]) -> tuple[float, float]:
    """(sum over pairs of |s&t|/|s|, sum over pairs of |s&t|/|t|) for merged span lists."""
    p_sum = r_sum = 0.0
    j0 = 0
    for s0, s1 in pred:
        while j0 < len(gold) and gold[j0][1] <= s0:
            j0 += 1
        j = j0
        while j < len(gold) and gold[j][0] < s1:
            t0, t1 = gold[j]
            inter = min(s1, t1) - max(s0, t0)
            if inter > 0:
                p_sum += inter / (s1 - s0)
                r_sum += inter / (t1 - t0)
            j += 1
    return p_sum, r_sum


class Tally:
    """Accumulates the metric's four sums over many articles."""

    __slots__ = ("p_sum", "r_sum", "n_pred", "n_gold")

    def __init__(self) -> None:
        self.p_sum = self.r_sum = 0.0
        self.n_pred = self.n_gold = 0

    def add(self, pred: Iterable[Span], gold: Iterable[Span]) -> None:
        """Add one article's predicted and gold spans (merged here)."""
        ps, gs = merge(pred), merge(gold)
        a, b = overlap_sums(ps, gs)
        self.p_sum += a
        self.r_sum += b
        self.n_pred += len(ps)
        self.n_gold += len(gs)

    def prf(self) -> tuple[float, float, float]:
        """(precision, recall, F1)."""
        p = self.p_sum / self.n_pred if self.n_pred else 0.0
        r = self.r_sum / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
