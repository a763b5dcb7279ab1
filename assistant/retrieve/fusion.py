"""Rank fusion (pure functions over ranked lists)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

# The RRF constant. 60 (the usual default, from web search with lists of hundreds) flattens three short
# lists (30 candidates each) until the top of one list hardly outweighs a middle rank in two; with 5 a
# list's first places count. Chosen on both calibration sets (real documents: hit@3 0.859 -> 0.888,
# plan paraphrases 0.970 -> 0.980; 10 and 20 lay between), never on a gold set.
DEFAULT_RRF_K = 5


def reciprocal_rank_fusion(rankings: Sequence[Sequence[Hashable]], k: int = DEFAULT_RRF_K,
                           weights: Sequence[float] | None = None) -> list[tuple[Hashable, float]]:
    """Fuse ranked lists by reciprocal rank: ``score(d) = Σ w_i / (k + rank_i(d))``, rank from 1.

    Args:
        rankings: Ranked lists of ids, best first; an id may be missing from some lists.
        k: The RRF constant; larger values flatten the contribution of top ranks.
        weights: One weight per list (default 1 each).

    Returns:
        ``(id, score)`` pairs, best first; ties keep the order of first appearance.
    """
    weights = weights or [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[Hashable, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def group_max(scored: Sequence[tuple[Hashable, float]], group_of: dict) -> list[tuple[Hashable, float]]:
    """Collapse scored items into their groups, keeping each group's best score, best first."""
    best: dict[Hashable, float] = {}
    for item, score in scored:
        group = group_of[item]
        if group not in best or score > best[group]:
            best[group] = score
    return sorted(best.items(), key=lambda kv: -kv[1])


def top_indices(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best scores, best first, ties by index (a partial sort for long arrays)."""
    if len(scores) <= 50_000 or k >= len(scores):
        return np.argsort(-scores, kind="stable")[:k]
    threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
    rows = np.flatnonzero(scores >= threshold)
    return rows[np.argsort(-scores[rows], kind="stable")][:k]
