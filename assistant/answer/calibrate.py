"""Refusal calibration on the corpus itself (pure): a new corpus gets its own fitted refusal model.

At ingest the index is probed with two kinds of questions and the refusal model is fitted to tell them
apart, with no hand work and nothing written for one corpus:

- *inside* questions, made from the corpus's own units by :func:`probe_questions`: a unit's sentence
  reduced to a random subset of its content words, in order, with a generic question ending — the way a
  reader asks about a provision without quoting it;
- *outside* questions: the generic everyday questions of ``generic_questions.txt`` (written for this
  project, for no document), less those the corpus clearly covers (every content word of the question
  found in one unit), which are dropped as ambiguous.

:func:`fit_logistic` fits the weights by regularised logistic regression, pulled towards the default
weights so that a small corpus cannot produce extreme ones; :func:`place_bias` then moves the bias so
that at most ``max_false_refusals`` of the inside questions fall below the refusal threshold.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

GENERIC_QUESTIONS_PATH = Path(__file__).with_name("generic_questions.txt")
_ENDINGS = ("是怎么规定的？", "有什么要求？", "怎么办？", "有哪些规定？", "是什么？")
_NUMBER_ENDINGS = ("是多少？", "有多长时间？")


@lru_cache(maxsize=2)
def generic_questions(path: Path = GENERIC_QUESTIONS_PATH) -> tuple[str, ...]:
    """The generic outside questions: one a line, ``#`` starts a comment line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def probe_questions(sentences: Sequence[str], tokenize: Callable[[str], list[str]], count: int = 120,
                    seed: int = 7) -> list[str]:
    """Inside questions made from the corpus's sentences.

    Args:
        sentences: Sentences of the corpus's units (headings excluded), in document order.
        tokenize: The tokenizer of the index (jieba with the corpus's user words).
        count: Largest number of questions; sentences are sampled evenly when there are more.
        seed: Seed of the random choices, so that an unchanged corpus gets the same model.

    Returns:
        Questions of 2–6 content words each, e.g. "当事人 罚款决定书 缴纳 期限是多少？".
    """
    rng = random.Random(seed)
    usable = [s for s in sentences if len(s) >= 12]
    if len(usable) > count:
        step = len(usable) / count
        usable = [usable[int(i * step)] for i in range(count)]
    out = []
    for sentence in usable:
        words = [w for w in tokenize(sentence) if len(w) >= 2 and not w.isascii()]
        if len(words) < 2:
            continue
        keep = max(2, min(6, round(len(words) * rng.uniform(0.3, 0.6))))
        chosen = sorted(rng.sample(range(len(words)), min(keep, len(words))))
        has_number = any(ch.isdigit() or ch in "一二三四五六七八九十百千万" for ch in sentence)
        ending = rng.choice(_NUMBER_ENDINGS if has_number and rng.random() < 0.5 else _ENDINGS)
        out.append("".join(words[i] for i in chosen) + ending)
    return out


def covered(question: str, unit_texts: Sequence[str], tokenize: Callable[[str], list[str]]) -> bool:
    """True when every content word (two or more characters) of ``question`` is in one unit's text."""
    words = [w for w in tokenize(question) if len(w) >= 2]
    return bool(words) and any(all(w in text for w in words) for text in unit_texts)


def fit_logistic(features: np.ndarray, labels: np.ndarray, prior: dict[str, float], names: Sequence[str],
                 strength: float = 1.0, steps: int = 500) -> dict[str, float]:
    """Logistic regression with an L2 pull towards ``prior`` (Newton's method).

    Args:
        features: Shape (n, len(names)); one row of signals a question.
        labels: Shape (n,); 1 for inside questions, 0 for outside ones.
        prior: Default weights (``bias`` and one per name); the fit is pulled towards them.
        names: The signal names, in column order.
        strength: Weight of the pull (larger keeps the prior more).
        steps: Largest number of Newton steps.

    Returns:
        ``{"bias": …, name: …}``.
    """
    x = np.hstack([np.ones((len(features), 1)), np.asarray(features, dtype=np.float64)])
    y = np.asarray(labels, dtype=np.float64)
    w0 = np.array([prior["bias"], *(prior[n] for n in names)], dtype=np.float64)
    w = w0.copy()
    reg = strength * np.eye(len(w0))
    reg[0, 0] = 1e-6
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg @ (w - w0)
        hess = x.T @ (x * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return {"bias": float(w[0]), **{n: float(v) for n, v in zip(names, w[1:], strict=True)}}


def place_bias(params: dict[str, float], inside: np.ndarray, names: Sequence[str], threshold: float,
               max_false_refusals: float = 0.02) -> dict[str, float]:
    """Move the bias so that at most ``max_false_refusals`` of the inside questions score below
    ``threshold`` (and no more than needed): the refusal rate on the corpus's own questions is set,
    whatever the corpus."""
    if len(inside) == 0:
        return dict(params)
    weights = np.array([params[n] for n in names])
    z = np.asarray(inside, dtype=np.float64) @ weights
    quantile = float(np.quantile(z, max_false_refusals))
    target = math.log(threshold / (1.0 - threshold))
    return {**params, "bias": target - quantile + 1e-6}
