"""How much closer a question is to background topics than to the documents (pure): one out-of-scope signal."""

from __future__ import annotations

import numpy as np

# Above this many document sentences the best is taken among the candidates' (scored): 300,000+ cost ~30-60 ms.
EXACT_CONTRAST_MAX = 100_000


def background_contrast(query_vector: np.ndarray, document_vectors: np.ndarray,
                        background_vectors: np.ndarray, candidate_scores: dict | None = None) -> float:
    """Best similarity of the question to a document sentence minus its best to a background one.

    Args:
        query_vector: The question's unit vector.
        document_vectors: ``(n, dim)`` unit vectors of the document sentences.
        background_vectors: ``(m, dim)`` unit vectors of the background sentences (may be empty).
        candidate_scores: Similarities of the retrieved candidates' sentences, used instead of all
            document sentences when there are more than ``EXACT_CONTRAST_MAX`` of them.

    Returns:
        The margin; negative when the question is closer to a topic the documents do not cover.
    """
    if candidate_scores and len(document_vectors) > EXACT_CONTRAST_MAX:
        best_document = max(candidate_scores.values())
    else:
        best_document = float((document_vectors @ query_vector).max()) if len(document_vectors) else 0.0
    best_background = float((background_vectors @ query_vector).max()) if len(background_vectors) else 0.0
    return best_document - best_background
