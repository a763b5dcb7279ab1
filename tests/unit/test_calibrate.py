"""Refusal calibration on the corpus itself (pure parts): probe questions, the fit and the bias."""

from __future__ import annotations

import numpy as np

from assistant.answer.calibrate import covered, fit_logistic, generic_questions, place_bias, probe_questions

NAMES = ("coverage", "contrast")
PRIOR = {"bias": 0.0, "coverage": 1.0, "contrast": 1.0}


def _split(text: str) -> list[str]:
    return text.split()


def test_probe_questions_use_a_subset_of_the_sentence_words_in_order() -> None:
    sentences = ["当事人 应当 自 收到 罚款 决定书 之日起 十五日 内 缴纳 罚款", "短句"]
    questions = probe_questions(sentences, _split, count=10)
    assert len(questions) == 1
    body = questions[0].rstrip("？")
    words = [w for w in sentences[0].split() if len(w) >= 2]
    positions = [words.index(w) for w in words if w in body]
    assert len(positions) >= 2 and positions == sorted(positions)
    assert probe_questions(sentences, _split, count=10) == questions  # seeded: same corpus, same probes


def test_covered_needs_every_word_in_one_unit() -> None:
    units = ["停车 收费 标准 由 价格 部门 制定", "共享 单车 停放"]
    assert covered("停车 收费 标准", units, _split)
    assert not covered("停车 单车 标准", units, _split)


def test_the_fit_separates_inside_from_outside_and_stays_near_the_prior_with_little_data() -> None:
    rng = np.random.default_rng(0)
    inside = rng.normal([0.8, 0.05], 0.1, size=(200, 2))
    outside = rng.normal([0.2, -0.05], 0.1, size=(200, 2))
    params = fit_logistic(np.vstack([inside, outside]), np.r_[np.ones(200), np.zeros(200)], PRIOR, NAMES)
    assert params["coverage"] > PRIOR["coverage"]
    tiny = fit_logistic(inside[:2], np.ones(2), PRIOR, NAMES, strength=100.0)
    assert abs(tiny["coverage"] - PRIOR["coverage"]) < 0.1


def test_the_bias_refuses_at_most_the_allowed_share_of_inside_questions() -> None:
    rng = np.random.default_rng(1)
    inside = rng.normal([0.7, 0.02], 0.15, size=(300, 2))
    params = place_bias({"bias": -5.0, "coverage": 3.0, "contrast": 20.0}, inside, NAMES, threshold=0.3,
                        max_false_refusals=0.02)
    z = params["bias"] + inside @ np.array([3.0, 20.0])
    refused = (1 / (1 + np.exp(-z)) < 0.3).mean()
    assert 0.0 < refused <= 0.02


def test_the_generic_questions_are_many_and_varied() -> None:
    questions = generic_questions()
    assert len(questions) >= 100 and len(set(questions)) == len(questions)
