"""Many documents: formats, numbering schemes, citations by document, filters and management."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from support.docfixtures import HTML_PAGE, write_library

from assistant.errors import DocumentNotFoundError
from assistant.ingest.formats import UnreadableDocumentError, extract
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store.folder import load_index

ROOT = Path(__file__).resolve().parents[2]
PLAN_ID = "qingdao-bigdata-2025-work-plan"


@pytest.fixture(scope="module")
def library(tmp_path_factory, plan_corpus, e5) -> Assistant:
    corpus = tmp_path_factory.mktemp("library")
    for path in plan_corpus.iterdir():
        shutil.copy(path, corpus / path.name)
    write_library(corpus)
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8\x80 not text")  # UTF-16 BOM, lone surrogate
    settings = Settings(corpus_dir=corpus, index_dir=corpus.parent / "library-index",
                        data_dir=corpus.parent / "library-data")
    helper = Assistant(settings, embedder=e5)
    report = helper.ingest(progress=False)
    assert [Path(s.path).name for s in report.skipped] == ["broken.txt"]
    assert "无法解码" in report.skipped[0].reason
    return helper


def test_every_format_is_read_with_its_title(library: Assistant) -> None:
    titles = {d["doc_id"]: d["title"] for d in library.documents()}
    assert titles == {
        PLAN_ID: "青岛市大数据发展管理局2025年工作计划",
        "data-security-measures": "青岛市公共数据安全管理办法（示例）",
        "data-quality-notice": "关于开展2025年政务数据质量提升行动的通知（示例）",
        "ai-rules": "青岛市政务大模型应用管理规定（示例）",
        "digital-office-assessment": "青岛市数字机关建设考核细则（示例）",
        "city-brain-measures": "青岛市城市云脑运行管理办法（示例）",
    }


def test_path_labels_follow_each_numbering_scheme(library: Assistant) -> None:
    paths = {(c.doc_id, c.path_label) for c in library.index.chunks}
    # a law's articles are unique, so an article's path is "第六条" without its chapter (issue 11)
    assert ("data-security-measures", "第六条") in paths
    assert ("data-quality-notice", "二、2.") in paths and ("data-quality-notice", "一、2.") in paths
    assert ("ai-rules", "第二条") in paths
    assert ("digital-office-assessment", "（三）") in paths
    assert ("city-brain-measures", "第三条") in paths
    html_text = "".join(c.text for c in library.index.chunks if c.doc_id == "ai-rules")
    assert "tracker" not in html_text and "首页" not in html_text and "扫一扫" not in html_text


@pytest.mark.parametrize(("question", "doc_id", "path"), [
    ("数据安全风险评估多久做一次？", "data-security-measures", "第六条"),
    ("《青岛市公共数据安全管理办法》第九条", "data-security-measures", "第九条"),
    ("办法第七条怎么规定的", "data-security-measures", "第七条"),
    ("群众反馈的问题数据要多长时间内更正", "data-quality-notice", "二、2."),
    ("数据质量通知第二部分有哪些任务", "data-quality-notice", "二、1."),
    ("大模型写的公文初稿能直接印发吗", "ai-rules", "第二条"),
    ("山东通日活跃用户占比多少算合格", "digital-office-assessment", "（三）"),
    ("城市云脑事件处置响应时间要求", "city-brain-measures", "第三条"),
    ("全市数据中心标准机架总数的目标是多少？", PLAN_ID, "（十七）"),
    ("第十二项任务讲的是什么", PLAN_ID, "（十二）"),
])
def test_questions_cite_the_right_document_and_article(library: Assistant, question: str, doc_id: str,
                                                        path: str) -> None:
    answer = library.ask(question)
    assert not answer.refused, answer.answer
    first = answer.citations[0]
    assert (first.doc_id, first.path) == (doc_id, path), [(c.doc_id, c.path) for c in answer.citations]
    assert f"《{first.doc_title}》" in answer.answer


def test_document_filter(library: Assistant) -> None:
    answer = library.ask("数据共享", doc_ids=["digital-office-assessment"])
    assert {c.doc_id for c in answer.citations} == {"digital-office-assessment"}
    with pytest.raises(DocumentNotFoundError):
        library.ask("数据共享", doc_ids=["no-such-doc"])


def test_unreadable_files_get_a_one_line_reason() -> None:
    with pytest.raises(UnreadableDocumentError, match="无法解码"):
        extract(b"\xff\xfe\x00\xd8", ".txt")  # a UTF-16 BOM, then a lone surrogate
    with pytest.raises(UnreadableDocumentError, match="docx"):
        extract(b"PK not a zip", ".docx")
    with pytest.raises(UnreadableDocumentError, match="PDF"):
        extract(b"%PDF-1.4 broken", ".pdf")
    with pytest.raises(UnreadableDocumentError, match="不支持"):
        extract(b"x", ".xls")
    assert extract(HTML_PAGE.encode("gb18030"), ".html").title == "青岛市政务大模型应用管理规定（示例）"


def test_cli_skips_an_undecodable_file_and_ingests_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("示例通知\n一、工作要求\n（一）加强统筹。按期完成任务。\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x80\x80\xff")
    env = {**os.environ, "POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(tmp_path / "i")}
    done = subprocess.run([sys.executable, "-m", "assistant", "ingest"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 3
    assert "bad.txt" in done.stderr and "无法解码" in done.stderr and "Traceback" not in done.stderr
    assert "1 个文档" in done.stdout
    listed = subprocess.run([sys.executable, "-m", "assistant", "docs", "list"], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=300)
    assert listed.stdout.startswith("good\t示例通知")


def test_incremental_ingest_embeds_only_what_changed(tmp_path: Path, e5) -> None:
    corpus = tmp_path / "corpus"
    write_library(corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    helper = Assistant(settings, embedder=e5)
    first = helper.ingest(progress=False)
    assert len(first.embedded) == 5
    before = load_index(settings.index_dir)
    notice = corpus / "data-quality-notice.md"
    notice.write_text(notice.read_text(encoding="utf-8-sig") + "2. 建立专项工作机制。\n", encoding="utf-8")
    second = helper.ingest(progress=False)
    assert second.embedded == ("data-quality-notice",) and second.removed == ()
    after = load_index(settings.index_dir)
    rows = lambda index: [i for i, c in enumerate(index.chunks) if c.doc_id == "ai-rules"]  # noqa: E731
    assert np.array_equal(before.faiss_index.reconstruct_n(0, before.faiss_index.ntotal)[rows(before)],
                          after.faiss_index.reconstruct_n(0, after.faiss_index.ntotal)[rows(after)])
    (corpus / "ai-rules.html").unlink()
    third = helper.ingest(progress=False)
    assert third.removed == ("ai-rules",) and third.embedded == ()
    assert not helper.ingest(progress=False).changed


def test_remove_moves_the_file_aside_and_add_brings_a_new_one(tmp_path: Path, e5) -> None:
    corpus = tmp_path / "corpus"
    write_library(corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    helper = Assistant(settings, embedder=e5)
    helper.ingest(progress=False)
    helper.remove_document("city-brain-measures")
    assert "city-brain-measures" not in {d["doc_id"] for d in helper.documents()}
    assert not (corpus / "city-brain-measures.pdf").exists()
    assert len(list((tmp_path / "data" / "removed").glob("*city-brain-measures.pdf"))) == 1
    assert not helper.ingest(progress=False).changed  # a sync does not bring it back
    with pytest.raises(DocumentNotFoundError):
        helper.remove_document("city-brain-measures")
    doc_id, report = helper.add_document("upload.md", "# 上传的通知\n一、要求\n1. 按时报送材料。\n".encode())
    assert doc_id == "upload" and report.embedded == ("upload",)
    assert helper.ask("报送材料有什么要求").citations[0].doc_id == "upload"
    with pytest.raises(UnreadableDocumentError):
        helper.add_document("x.exe", b"MZ")
    assert not (corpus / "x.exe").exists()


def test_kill_during_ingest_leaves_the_previous_index_servable(tmp_path: Path, plan_corpus: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(plan_corpus, corpus)
    env = {**os.environ, "POLICYQA_CORPUS_DIR": str(corpus), "POLICYQA_INDEX_DIR": str(tmp_path / "index")}
    cli = [sys.executable, "-m", "assistant"]
    assert subprocess.run([*cli, "ingest"], env=env, cwd=ROOT, capture_output=True, timeout=300).returncode == 0
    articles = "".join(f"第{n}条 第{n}项示例规定：各单位应当按照第{n}号标准做好数据安全工作。\n" for n in range(1, 400))
    (corpus / "big-rules.txt").write_text("大型示例规定\n" + articles, encoding="utf-8")
    proc = subprocess.Popen([*cli, "ingest"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=4)
        pytest.fail("ingest finished before it could be killed")
    except subprocess.TimeoutExpired:
        proc.kill()  # SIGKILL
        proc.wait()
    index = load_index(tmp_path / "index")
    assert [d["doc_id"] for d in index.manifest["documents"]] == [PLAN_ID]
    asked = subprocess.run([*cli, "ask", "--json", "智能算力占比目标"], env=env, cwd=ROOT, capture_output=True,
                           text=True, timeout=300)
    assert asked.returncode == 0 and '"number": 17' in asked.stdout


def test_the_last_document_cannot_be_removed(tmp_path: Path, plan_corpus: Path, e5) -> None:
    from assistant.errors import LastDocumentError

    corpus = tmp_path / "corpus"
    shutil.copytree(plan_corpus, corpus)
    helper = Assistant(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "d"),
                       embedder=e5)
    helper.ingest(progress=False)
    with pytest.raises(LastDocumentError):
        helper.remove_document(PLAN_ID)
    assert (corpus / f"{PLAN_ID}.txt").is_file()
    assert helper.ask("智能算力占比目标").citations[0].number == 17
