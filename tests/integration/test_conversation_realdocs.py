"""A follow-up chain on a real law (中华人民共和国行政处罚法 of ../shared/realdocs; skipped when absent):
"第三十条呢？" cites that article, "罚款呢？" stays in the law and cites a provision on fines, and
"再具体一点" gives the whole of it. Nothing of the law is copied here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.ingest.outline import section_record
from assistant.service import Assistant
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = Path(os.environ.get("POLICYQA_REALDOCS") or ROOT.parent / "shared" / "realdocs")
LAW = REALDOCS / "01_xingzheng_chufa_fa_2021.md"

pytestmark = pytest.mark.skipif(not LAW.exists(), reason="needs ../shared/realdocs")


@pytest.fixture(scope="module")
def law(e5, tmp_path_factory) -> Assistant:
    folder = tmp_path_factory.mktemp("realdoc-law")
    shutil.copy(LAW, folder / LAW.name)
    helper = Assistant(Settings(corpus_dir=folder, index_dir=folder.parent / f"{folder.name}-index",
                                data_dir=folder.parent / f"{folder.name}-data"), embedder=e5)
    helper.ingest(progress=False)
    return helper


def _turn(answer) -> dict:
    return {"question": answer.question, "answer": answer.answer, "resolved_question": answer.resolved_question,
            "citations": [c.to_dict() for c in answer.citations]}


def test_article_fines_and_more_detail_on_a_real_law(law: Assistant) -> None:
    history = [_turn(law.ask("行政处罚的种类有哪些？"))]
    article = law.ask("第三十条呢？", history=history)
    assert article.citations[0].label == "第三十条" and article.context["kind"] == "ellipsis"
    history.append(_turn(article))
    fines = law.ask("罚款呢？", history=history)
    top = fines.citations[0]
    assert not fines.refused and fines.resolved_question == "罚款" and "罚款" in top.quote
    history.append(_turn(fines))
    more = law.ask("再具体一点", history=history)
    assert more.context["kind"] == "expand" and more.citations[0].number == top.number
    whole = section_record(law.section(top.doc_id, top.number))["text"]
    assert _letters(whole) in _letters(more.answer)  # the whole article (punctuation aside)


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())
