"""The PostgreSQL backend on a real server: same answers as the folder index, one write per document."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from support.docfixtures import NOTICE_MD, REGULATION
from support.pg import fresh_database

from assistant.errors import DocumentNotFoundError, DocumentTooLargeError, DuplicateDocumentError, LastDocumentError
from assistant.ingest.formats import UnreadableDocumentError, UnsupportedTypeError
from assistant.service import Assistant
from assistant.settings import Settings

PLAN = """青岛市智慧社区建设三年行动方案（示例）
一、总体要求
（一）建设目标。到2027年，全市建成智慧社区500个，社区服务事项网上办理率达到90%以上。
二、重点任务
（二）完善社区数字底座。统一社区基础数据标准，推动人口、房屋、设施数据“一网统管”，由市民政局牵头。
（三）推广“社区码”应用。居民凭“社区码”办理出入登记、活动报名等事项，2026年底前覆盖全部街道。
（四）发展智慧养老服务。为独居老人安装紧急呼叫设备，探索“时间银行”互助养老模式。
三、保障措施
（五）加强资金保障。市级财政每年安排专项资金3000万元，对示范社区给予一次性奖补。
"""

QUESTIONS = [
    "公共数据安全风险评估多久开展一次？",
    "无条件共享的数据应当在几个工作日内提供？",
    "群众反馈的问题数据多长时间内核实更正？",
    "智慧社区建设目标是什么？",
    "社区码什么时候覆盖全部街道？",
    "第六条",
    "市级财政每年安排多少专项资金？",
    "独居老人有什么服务？",
    "今天天气怎么样？",
    "如何申请出国留学奖学金？",
]


@pytest.fixture
def db():
    yield from fresh_database()


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data-security.txt").write_text(REGULATION, encoding="utf-8")
    (folder / "data-quality.md").write_text(NOTICE_MD, encoding="utf-8")
    (folder / "smart-community.txt").write_text(PLAN, encoding="utf-8")
    return folder


def _summary(answer) -> tuple:
    return (answer.refused, answer.answer, [(c.doc_id, c.label, c.quote) for c in answer.citations])


def test_round_trip_gives_the_folder_backends_answers(tmp_path: Path, e5, db: str) -> None:
    corpus = _corpus(tmp_path / "corpus")
    folder = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "d1"),
                       embedder=e5)
    folder.ingest(progress=False)
    shared = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "unused", data_dir=tmp_path / "d2",
                                database_url=db), embedder=e5)
    report = shared.ingest(progress=False)
    assert report.changed and report.documents == 3 and sorted(report.embedded) == sorted(
        d["doc_id"] for d in folder.documents())
    assert not (tmp_path / "unused").exists()
    a, b = folder.index, shared.index
    # both calibrated the refusal model on the corpus at ingest, to the same weights and mask
    assert a.refusal["params"] == b.refusal["params"] and a.refusal["background_keep"] == b.refusal[
        "background_keep"]
    assert b.refusal["probes"]["inside"] > 0 and shared.store.refusal() == b.refusal
    assert [c.to_dict() for c in a.chunks] == [c.to_dict() for c in b.chunks]
    assert np.array_equal(a.sentences, b.sentences)
    assert np.allclose(a.sentence_vectors, b.sentence_vectors, atol=1e-6)
    assert a.user_words == b.user_words
    assert a.trees == b.trees and all(a.trees.values())  # document trees and metadata come back whole
    for doc in folder.documents():
        assert shared.document_tree(doc["doc_id"]) == folder.document_tree(doc["doc_id"])
    refused = 0
    for question in QUESTIONS:
        left, right = folder.ask(question), shared.ask(question)
        assert _summary(left) == _summary(right), question
        refused += left.refused
    assert 0 < refused < len(QUESTIONS)  # the set has both kinds, so "same refusals" means something
    # A second sync with nothing changed writes nothing.
    assert not shared.ingest(progress=False).changed


def test_documents_are_replaced_removed_and_guarded(tmp_path: Path, e5, db: str) -> None:
    corpus = _corpus(tmp_path / "corpus")
    shared = Assistant(Settings(corpus_dir=corpus, data_dir=tmp_path / "d", database_url=db), embedder=e5)
    shared.ingest(progress=False)
    generation = shared.store.generation()
    (corpus / "smart-community.txt").write_text(PLAN.replace("3000万元", "5000万元"), encoding="utf-8")
    report = shared.ingest(progress=False)
    assert report.embedded == ("smart-community",)
    assert shared.store.generation() == generation + 1  # one document, one transaction
    assert "5000万元" in shared.ask("市级财政每年安排多少专项资金？").answer
    calibrated = shared.store.refusal()
    assert calibrated["probes"]["inside"] > 0 and shared.index.refusal == calibrated
    (corpus / "data-quality.md").unlink()
    uncalibrated = Assistant(Settings(corpus_dir=corpus, data_dir=tmp_path / "d", database_url=db,
                                      refusal_calibration=False), embedder=e5)
    assert uncalibrated.ingest(progress=False).removed == ("data-quality",)
    assert shared.store.refusal() == {} and shared.store.load().refusal == {}  # calibration off: the defaults
    assert {d["doc_id"] for d in shared.store.documents()} == {"data-security", "smart-community"}
    assert not shared.ingest(progress=False).changed  # nothing to write, but no stored model: calibrated now
    assert shared.store.refusal()["probes"]["inside"] > 0
    shared.store.recalibrate(None)
    before = shared.store.generation()
    shared.remove_document("data-security")  # calibrated again, in the deletion's transaction
    assert shared.store.generation() == before + 1 and shared.store.load().refusal["probes"]["inside"] > 0
    with pytest.raises(LastDocumentError):
        shared.remove_document("smart-community")
    with pytest.raises(DocumentNotFoundError):
        shared.remove_document("data-security")


def test_uploads_are_checked_then_stored_without_a_corpus_folder(tmp_path: Path, e5, db: str) -> None:
    corpus = _corpus(tmp_path / "corpus")
    shared = Assistant(Settings(corpus_dir=corpus, data_dir=tmp_path / "d", database_url=db), embedder=e5)
    shared.ingest(progress=False)
    before = shared.store.generation()
    notice = "关于开展政务数据质量提升行动的补充通知\n一、各区应当在30日内完成数据目录更新。\n"
    with pytest.raises(UnsupportedTypeError):
        shared.add_document("../notice.exe", notice.encode("utf-8"))
    with pytest.raises(DocumentTooLargeError):
        shared.add_document("notice.txt", notice.encode("utf-8"), max_bytes=10)
    with pytest.raises(UnreadableDocumentError):
        shared.add_document("empty.txt", "只有标题\n".encode())
    with pytest.raises(DuplicateDocumentError):  # the same body as an indexed document, under another name
        shared.add_document("copy-of-plan.txt", PLAN.encode("utf-8"))
    assert shared.store.generation() == before  # nothing refused was written
    doc_id, report = shared.add_document("notice.txt", notice.encode("utf-8"))
    assert doc_id == "notice" and report.embedded == ("notice",) and shared.store.generation() == before + 1
    assert any(c.doc_id == "notice" for c in shared.ask("数据目录更新要在多少日内完成？").citations)
    assert not (corpus / "notice.txt").exists()  # uploads live in the database only


def test_a_folder_index_moves_into_postgresql_without_embedding(tmp_path: Path, e5, db: str) -> None:
    from test_postgres_jobs import Counting

    from assistant.ingest.db_write import import_index

    corpus = _corpus(tmp_path / "corpus")
    folder = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "d1"),
                       embedder=e5)
    folder.ingest(progress=False)
    counting = Counting(e5)
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "d2", database_url=db)
    assert import_index(settings, counting, tmp_path / "index") == 3
    assert counting.texts == []
    shared = Assistant(settings, embedder=e5)
    for question in QUESTIONS[:4] + QUESTIONS[-2:]:
        assert _summary(folder.ask(question)) == _summary(shared.ask(question)), question
    # The imported documents are the corpus's: a sync finds nothing to embed.
    assert not shared.ingest(progress=False).changed


def test_replicas_started_together_on_an_empty_database_build_it_once(tmp_path: Path, e5, db: str) -> None:
    import threading

    corpus = _corpus(tmp_path / "corpus")
    helpers = [Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / f"unused-{i}", data_dir=tmp_path / f"d{i}",
                                  database_url=db), embedder=e5) for i in range(3)]
    errors: list[BaseException] = []

    def start(helper: Assistant) -> None:
        try:
            helper.ensure_index()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(h,)) for h in helpers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert errors == []
    documents = len(list(corpus.iterdir()))
    assert len(helpers[0].documents()) == documents
    assert helpers[0].store.generation() == documents  # each document written once, by one of them
