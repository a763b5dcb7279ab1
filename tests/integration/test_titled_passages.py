"""A chunk is embedded under its document's title: two regulations with the same penalty article.

Both invented regulations end in the same article, word for word, which names neither subject; only
the document's title says whether it is about keeping dogs or about fireworks. BM25 and the article's
own words cannot tell them apart; the dense vector of a chunk embedded with its title can.
"""

from __future__ import annotations

import pytest
from support.corpora import ingested

from assistant.service import Assistant

PENALTY = "第四条 违反本条例第三条规定的，由主管部门责令改正，处二百元以上五百元以下罚款。"

FIREWORKS = f"""# 江城市烟花爆竹燃放管理条例

## 第一章 总则

第一条 为了维护公共安全和市容环境，根据有关法律，结合本市实际，制定本条例。

第二条 市公安机关负责本条例的组织实施，应急管理、市场监管部门按照职责做好相关工作。

## 第二章 管理规定

第三条 在禁止区域和禁止时段内，任何单位和个人不得从事本条例所管理的活动。

## 第三章 法律责任

{PENALTY}
"""

DOGS = f"""# 江城市养犬管理条例

## 第一章 总则

第一条 为了规范管理行为，保障市民人身安全，维护社会公共秩序，制定本条例。

第二条 市公安机关是本条例的主管部门，农业农村、城市管理部门按照职责做好相关工作。

## 第二章 管理规定

第三条 携带出户的，应当由成年人牵引，并主动避让老年人、残疾人和儿童。

## 第三章 法律责任

{PENALTY}
"""


@pytest.fixture(scope="module")
def helper(tmp_path_factory, e5) -> Assistant:
    # The fireworks regulation is indexed first: with a tie it would come first.
    return ingested(tmp_path_factory.mktemp("titled_passages"), {"a_fireworks.md": FIREWORKS, "b_dogs.md": DOGS}, e5)


def _rank(hits, doc_id: str) -> int:
    return next(i for i, h in enumerate(hits) if h.chunk.doc_id == doc_id and h.chunk.key[1] == "第四条")


def test_the_same_article_ranks_under_the_document_the_question_is_about(helper: Assistant) -> None:
    for question, wanted, other in (("养狗的人违反规定会被罚多少钱", "b_dogs", "a_fireworks"),
                                    ("违规放鞭炮会被罚多少钱", "a_fireworks", "b_dogs")):
        hits = helper.retrieve(question, top_k=8).hits
        assert _rank(hits, wanted) < _rank(hits, other), question


def test_each_document_keeps_its_own_vectors_for_the_shared_article(helper: Assistant) -> None:
    index = helper.index
    rows = [i for i, c in enumerate(index.chunks) if c.key[1] == "第四条"]
    vectors = index.faiss_index.reconstruct_batch(rows)
    assert len(rows) == 2 and float(vectors[0] @ vectors[1]) < 0.999  # same words, different titles


def test_the_shared_article_sentence_is_embedded_under_each_title_too(helper: Assistant) -> None:
    index = helper.index
    rows = {index.chunks[r].doc_id: i for i, (r, s, e) in enumerate(index.sentences.tolist())
            if index.chunks[r].key[1] == "第四条"}
    assert set(rows) == {"a_fireworks", "b_dogs"}
    first, second = index.sentence_vectors[rows["a_fireworks"]], index.sentence_vectors[rows["b_dogs"]]
    assert float(first @ second) < 0.999  # same sentence, different titles
    scores = helper.retrieve("养狗的人违反规定会被罚多少钱", top_k=8).sentence_scores
    assert scores[rows["b_dogs"]] > scores[rows["a_fireworks"]]
