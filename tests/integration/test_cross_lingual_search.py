"""A question is searched with its vector moved towards its glossary terms in Chinese (an English one
further than a Chinese one in everyday words).

A small library regulation written for this test; the bundled e5 model (multilingual).
"""

from __future__ import annotations

import numpy as np
import pytest
from support.corpora import ingested

from assistant.retrieve.hybrid import CROSS_LINGUAL_WEIGHT, EXPANSION_WEIGHT
from assistant.service import Assistant

LIBRARY = """# 江城市公共图书馆管理办法

## 第一章 总则

第一条 为了规范公共图书馆的服务和管理，保障公民基本文化权益，制定本办法。

第二条 市文化主管部门负责全市公共图书馆的监督管理工作。

## 第二章 服务

第三条 读者借阅图书的期限为三十日，逾期未还的，应当按日缴纳滞纳金。

## 第三章 法律责任

第四条 故意损毁馆藏文献的，由文化主管部门责令赔偿，处一百元以上一千元以下罚款。
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    return ingested(tmp_path_factory.mktemp("cross_lingual_search"), {"library.md": LIBRARY}, e5)


def _penalty_sentence(helper: Assistant, scores: dict[int, float]) -> int:
    index = helper.index
    return next(i for i in scores if "罚款" in index.chunks[index.sentences[i][0]].text[index.sentences[i][1]:
                                                                                      index.sentences[i][2]])


def test_an_english_question_meets_the_chinese_wording_closer(helper: Assistant, e5) -> None:
    question = "What is the fine for damaging library books?"
    found = helper.retrieve(question)
    own = e5.embed_query_vector(question)
    assert np.allclose(found.query_vector, own)  # the refusal model keeps the question's own vector
    row = _penalty_sentence(helper, found.sentence_scores)
    assert found.sentence_scores[row] > float(helper.index.sentence_vectors[row] @ own) + 0.01
    assert found.hits[0].chunk.key[1] == "第四条"


def test_a_chinese_question_in_everyday_words_moves_less_than_an_english_one(helper: Assistant, e5) -> None:
    question = "损坏图书馆的书罚多少钱"  # 罚多少钱 -> 罚款 in the glossary
    found = helper.retrieve(question)
    own = e5.embed_query_vector(question)
    terms = e5.embed_query_vector("罚款")
    moved = own + EXPANSION_WEIGHT * terms
    moved /= np.linalg.norm(moved)
    row = _penalty_sentence(helper, found.sentence_scores)
    sentence = helper.index.sentence_vectors[row]
    assert np.allclose(found.query_vector, own)
    assert found.sentence_scores[row] == pytest.approx(float(sentence @ moved), abs=1e-5)
    assert 0 < EXPANSION_WEIGHT < CROSS_LINGUAL_WEIGHT


def test_a_chinese_question_without_glossary_terms_is_searched_as_asked(helper: Assistant, e5) -> None:
    question = "图书馆归哪个部门管"
    found = helper.retrieve(question)
    own = e5.embed_query_vector(question)
    row = next(iter(found.sentence_scores))
    assert found.sentence_scores[row] == pytest.approx(float(helper.index.sentence_vectors[row] @ own), abs=1e-5)


def test_documents_in_english_are_searched_with_the_question_as_asked(tmp_path, e5) -> None:
    rules = ("# Library rules\n\nArticle 1 Readers who damage books pay a fine of 100 yuan.\n\n"
             "Article 2 Books are lent for thirty days.\n")
    assistant = ingested(tmp_path, {"rules.md": rules}, e5)
    question = "What is the fine for damaging library books?"
    found = assistant.retrieve(question)
    own = e5.embed_query_vector(question)
    row = next(iter(found.sentence_scores))
    assert not assistant.retriever.chinese
    assert found.sentence_scores[row] == pytest.approx(float(assistant.index.sentence_vectors[row] @ own), abs=1e-5)
