"""Refusal calibrated on the corpus at ingest: probe a new index, fit the refusal model, store it.

Run on a complete index before readers see it: a folder index before it is put in place (see
``write_index(finish=…)``, :func:`calibrate_index`), a PostgreSQL index in the transaction of the
write that changed it (``PostgresStore.put_document(finish=…)``, :func:`calibrate`):

1. background sentences the corpus covers (every content word in one unit) are masked, so a topic
   the documents do treat does not count against them;
2. *inside* probes (:func:`calibrate.probe_questions` over the corpus's sentences) and *outside*
   probes (the generic questions the corpus does not cover) are asked through the real retriever,
   and the refusal signals are computed exactly as the answer path does
   (:func:`assistant.answer.refusal.refusal_signals`);
3. the weights are fitted (pulled towards ``REFUSAL_PARAMS``) and the bias placed so that at most
   ``max_false_refusals`` of the inside probes are refused at ``threshold``;
4. the result ``{"version", "params", "background_keep", "probes": {…}, "seconds"}`` is kept by the store
   (``refusal.json`` of the folder, the ``refusal`` row of ``index_settings`` in PostgreSQL) and comes
   back as ``IndexData.refusal`` on either backend.

Nothing here is written for one document: a new corpus gets its own threshold without hand work.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np

from assistant.answer.calibrate import covered, fit_logistic, generic_questions, place_bias, probe_questions
from assistant.answer.refusal import REFUSAL_PARAMS, confidence, refusal_signals
from assistant.records import section_text
from assistant.retrieve.hybrid import HybridRetriever
from assistant.store.background import load_background
from assistant.store.embedders import Embedder
from assistant.store.folder import IndexData, load_index, write_refusal
from assistant.text.chinese import normalize_query, tokenize

SIGNALS = ("coverage", "foreign", "contrast", "dense")
# Inside probes made from the corpus's sentences (outside: the generic questions, about 110). The
# bias is set at their 2% quantile: from 90 probes that is the second or third lowest, and one probe
# more or less refused outright moved it enough to refuse 16 instead of 4-6 of the real-document
# calibration questions; 150, 240 and 360 probes agree with each other (a few seconds of ingest).
INSIDE_PROBES = 240
# Words of another sentence added to each inside probe (see :func:`inside_probes`).
PARAPHRASE_WORDS = 1
# Content words of the probe's own sentence kept in each inside probe.
KEEP_WORDS = 2
# Pull of the fit towards REFUSAL_PARAMS (see calibrate.fit_logistic): strong, so that the probes,
# easier than real questions, move the weights little and mostly place the bias.
FIT_STRENGTH = 10.0
REFUSAL_VERSION = 1


def unit_texts(index: IndexData) -> list[str]:
    """The whole text of every unit (pieces joined), for :func:`calibrate.covered`."""
    by_key: dict[tuple[str, str], list] = {}
    for chunk in index.chunks:
        by_key.setdefault(chunk.key, []).append(chunk)
    return [section_text(chunks) for chunks in by_key.values()]


def inside_probes(sentences: list[str], tok, count: int = INSIDE_PROBES, seed: int = 11) -> list[str]:
    """About ``count`` distinct inside probes; a small corpus gets several from each sentence.

    Each probe keeps ``KEEP_WORDS`` content words of its sentence and gets ``PARAPHRASE_WORDS``
    words of another sentence in front: people ask in few words of their own, so a real question
    shares only part of its words with the provision that answers it; probes made of many of the
    provision's words set the bar on coverage and contrast higher than real questions reach (on
    the shipped plan, 30+ of its gold questions were refused that way).
    """
    out: list[str] = []
    for s in range(7, 7 + 40):
        out = list(dict.fromkeys(out + probe_questions(sentences, tok, count=count, seed=s)))
        if len(out) >= count:
            break
    rng = random.Random(seed)
    pool = [w for sentence in rng.sample(sentences, min(len(sentences), 200)) for w in tok(sentence)
            if len(w) >= 2 and not w.isascii()]
    if not pool:
        return out[:count]
    probes = []
    for q in out[:count]:
        words = tok(q)
        content = [i for i, w in enumerate(words) if len(w) >= 2 and not w.isascii()]
        drop = set(rng.sample(content, max(0, len(content) - KEEP_WORDS)))
        kept = "".join(w for i, w in enumerate(words) if i not in drop)
        probes.append("".join(rng.choice(pool) for _ in range(PARAPHRASE_WORDS)) + kept)
    return probes


def probe_features(retriever: HybridRetriever, questions: list[str]) -> tuple[np.ndarray, int]:
    """Signals of each question (rows in ``SIGNALS`` order) and how many were refused outright
    (no hits, missing answer type) or routed (never refused): those give no row."""
    rows, skipped = [], 0
    for question in questions:
        found = retriever.retrieve(normalize_query(question), 5)
        signals = None if found.route else refusal_signals(found, retriever.index, retriever.corpus_text)
        if signals is None:
            skipped += 1
            continue
        rows.append([signals[name] for name in SIGNALS])
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(SIGNALS)), skipped


def _refused_share(features: np.ndarray, params: dict[str, float], threshold: float) -> float:
    if not len(features):
        return 0.0
    scores = [confidence(dict(zip(SIGNALS, row, strict=True)), params) for row in features]
    return float(np.mean([s < threshold for s in scores]))


def choose(fitted: dict[str, float], x_in: np.ndarray, x_out: np.ndarray, threshold: float,
           max_false_refusals: float) -> dict[str, float]:
    """The fitted model, or the default one when the defaults keep within ``max_false_refusals`` of
    refused inside probes and refuse at least as many outside probes (the fit then adds nothing)."""
    default = dict(REFUSAL_PARAMS)
    if (_refused_share(x_in, default, threshold) <= max_false_refusals
            and _refused_share(x_out, default, threshold) >= _refused_share(x_out, fitted, threshold)):
        return default
    return fitted


def calibrate_index(folder: Path, embedder: Embedder, threshold: float,
                    max_false_refusals: float = 0.02) -> dict:
    """Calibrate the refusal model of the index at ``folder`` and write its ``refusal.json``.

    Args:
        folder: A complete index folder (usually the temporary one of an ingest).
        embedder, threshold, max_false_refusals: As in :func:`calibrate`.

    Returns:
        What was written (see :func:`calibrate`).
    """
    data = calibrate(load_index(folder), embedder, threshold, max_false_refusals)
    write_refusal(folder, data)
    return data


def calibrate(index: IndexData, embedder: Embedder, threshold: float, max_false_refusals: float = 0.02) -> dict:
    """The refusal model of ``index`` (any backend's in-memory index), for the store to keep.

    Args:
        index: A complete index; its ``refusal`` is replaced while probing (background mask only).
        embedder: The embedder the index was built with (questions are embedded with it).
        threshold: The confidence below which the assistant refuses (``Settings.min_confidence``).
        max_false_refusals: Largest share of inside probes refused (0–1).

    Returns:
        ``{"version", "params", "background_keep", "probes": {…}, "seconds"}`` (JSON-ready). Costs
        about one retrieval per probe (~200 probes, a few seconds).
    """
    started = time.perf_counter()
    units = unit_texts(index)
    words = index.user_words
    tok = lambda text: tokenize(text, words)  # noqa: E731
    keep = [not covered(s, units, tok) for s in load_background()]
    if len(keep) != len(index.background_vectors):
        keep = [True] * len(index.background_vectors)
    index.refusal = {"background_keep": keep}
    retriever = HybridRetriever(index, embedder)
    sentences = [index.chunks[r].text[s:e] for r, s, e in index.sentences.tolist()]
    inside = inside_probes(sentences, tok)
    outside = [q for q in generic_questions() if not covered(q, units, tok)]
    x_in, skipped_in = probe_features(retriever, inside)
    x_out, skipped_out = probe_features(retriever, outside)
    params = dict(REFUSAL_PARAMS)
    if len(x_in) >= 10 and len(x_out) >= 10:
        labels = np.r_[np.ones(len(x_in)), np.zeros(len(x_out))]
        fitted = fit_logistic(np.vstack([x_in, x_out]), labels, REFUSAL_PARAMS, SIGNALS, strength=FIT_STRENGTH)
        params = choose(place_bias(fitted, x_in, SIGNALS, threshold, max_false_refusals),
                        x_in, x_out, threshold, max_false_refusals)
    data = {
        "version": REFUSAL_VERSION,
        "params": {k: round(v, 6) for k, v in params.items()},
        "background_keep": keep,
        "probes": {"inside": len(inside), "outside": len(outside),
                   "inside_refused": round(_refused_share(x_in, params, threshold), 4),
                   "outside_refused": round(_refused_share(x_out, params, threshold), 4),
                   "default_inside_refused": round(_refused_share(x_in, REFUSAL_PARAMS, threshold), 4),
                   "default_outside_refused": round(_refused_share(x_out, REFUSAL_PARAMS, threshold), 4),
                   "inside_refused_outright": skipped_in, "outside_refused_outright": skipped_out,
                   "background_masked": keep.count(False)},
        "seconds": round(time.perf_counter() - started, 2),
    }
    return data
