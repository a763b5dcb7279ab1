"""Real laws, regulations and State Council documents (../shared/realdocs, never copied here).

Skipped when the folder is absent. Its location: ``$POLICYQA_REALDOCS``, else
``<repo root>.parent / "shared" / "realdocs"``. The expected counts come from its expected.json;
the article texts are cut from the Markdown originals by their own line-start convention.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from assistant.ingest.documents import read_document
from assistant.ingest.parts import prepare_document
from assistant.ingest.structure import BOILERPLATE_RE, parse_tree
from assistant.records import Chunk
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.store.folder import chunking_params

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = Path(os.environ.get("POLICYQA_REALDOCS") or ROOT.parent / "shared" / "realdocs")
pytestmark = pytest.mark.skipif(not (REALDOCS / "expected.json").is_file(), reason="realdocs folder absent")
EXPECTED = json.loads((REALDOCS / "expected.json").read_text(encoding="utf-8")) if pytestmark.args[0] is False else {}
ROLE_OF = {"chapters": "chapter", "sections": "section", "articles": "article", "items": "item",
           "parts": "part", "tasks": "task", "points": "point"}
_ARTICLE_LINE_RE = re.compile(r"^第[一二三四五六七八九十百零〇]+条 ")
_PAGE_NUMBER_RE = re.compile(r"—\s*\d+\s*—")


def _files(suffixes: tuple[str, ...]) -> list:
    names = sorted(n for n in EXPECTED if not n.startswith("_") and n.endswith(suffixes))
    return [pytest.param(n, id=n.split("_")[0] + Path(n).suffix) for n in names]


ALL_FILES = _files((".md",)) + _files((".docx", ".pdf", ".html"))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _chunks(name: str) -> list[Chunk]:
    doc = read_document(REALDOCS / name)
    return prepare_document(doc, chunking_params(200, 0)).chunks


def _md_articles(md_name: str) -> dict[str, str]:
    """Article label -> whole text, from the Markdown original (article lines up to the next
    article or heading line)."""
    articles: dict[str, str] = {}
    current = None
    for line in (REALDOCS / md_name).read_text(encoding="utf-8").split("\n"):
        if _ARTICLE_LINE_RE.match(line):
            current = line.split(" ", 1)[0]
            articles[current] = line
        elif line.startswith("#") or line.startswith("<!--"):
            current = None
        elif current and line.strip():
            articles[current] += line
    return {k: _compact(v) for k, v in articles.items()}


def _md_metadata_lines(md_name: str) -> list[str]:
    lines = (REALDOCS / md_name).read_text(encoding="utf-8").split("\n")
    end = lines.index("<!-- INFO END -->")
    return [line for line in lines[1:end] if line.strip()]


@pytest.mark.parametrize("name", ALL_FILES)
def test_unit_counts_equal_expected(name: str) -> None:
    doc = read_document(REALDOCS / name)
    roles: dict[str, int] = {}
    for node in parse_tree(doc.text).walk():
        roles[node.role] = roles.get(node.role, 0) + 1
    got = {key: roles.get(ROLE_OF[key], 0) for key in EXPECTED[name]}
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_line_of_the_body_belongs_to_exactly_one_unit(name: str) -> None:
    text = read_document(REALDOCS / name).text
    def trimmed(s: int, e: int) -> tuple[int, int]:  # leading indentation aside
        return s + len(text[s:e]) - len(text[s:e].lstrip()), e

    owned = sorted(trimmed(*span) for node in parse_tree(text).walk() for span in node.lines)
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip() and not BOILERPLATE_RE.match(line):
            lines.append(trimmed(pos, pos + len(line)))
        pos += len(line) + 1
    assert owned == lines


@pytest.mark.parametrize("name", _files((".md",)))
def test_every_article_is_whole_in_its_own_chunks(name: str) -> None:
    articles = _md_articles(name)
    chunks = _chunks(name)
    by_path: dict[str, str] = {}
    for chunk in chunks:
        assert chunk.level == "article", chunk.path_label
        body = _compact(chunk.text)
        assert body in articles[chunk.path_label]  # a chunk holds text of its own article only
        by_path[chunk.path_label] = by_path.get(chunk.path_label, "") + body
    assert by_path == articles  # and every article's whole text is in its chunks


@pytest.mark.parametrize("name", _files((".md",)))
def test_no_chunk_holds_metadata(name: str) -> None:
    chunks = _chunks(name)
    noise = [_compact(line) for line in _md_metadata_lines(name)] + ["INFOEND", "<!--", "#"]
    for chunk in chunks:
        text = _compact(chunk.text + chunk.context)
        assert not any(n and n in text for n in noise), chunk.path_label
    meta = read_document(REALDOCS / name).metadata
    assert list(meta.history) == _md_metadata_lines(name)


@pytest.mark.parametrize("name", _files((".docx", ".pdf")))
def test_copies_give_the_same_articles_as_their_markdown(name: str) -> None:
    md_name = str(Path(name).with_suffix(".md"))
    joined: dict[str, str] = {}
    for chunk in _chunks(name):
        assert not _PAGE_NUMBER_RE.search(chunk.text), chunk.path_label
        joined[chunk.path_label] = joined.get(chunk.path_label, "") + _compact(chunk.text)
    assert joined == _md_articles(md_name)


@pytest.mark.parametrize("name", _files((".html",)))
def test_state_council_documents_keep_signature_and_chrome_out(name: str) -> None:
    doc = read_document(REALDOCS / name)
    meta = doc.metadata
    assert meta.doc_number and meta.issuer and meta.date_written and meta.publicity == "此件公开发布"
    for chunk in _chunks(name):
        text = chunk.text
        assert "此件公开发布" not in text and "索引号" not in _compact(text) and "扫一扫" not in text
        assert meta.doc_number not in text
        assert not re.search(r"^\d{4}年\d{1,2}月\d{1,2}日$", text, re.MULTILINE)


@pytest.fixture(scope="module")
def realdocs_library(tmp_path_factory, e5) -> Assistant:
    corpus = tmp_path_factory.mktemp("realdocs")
    for name in ("05_guowuyuan_zaixian_zhengwu_fuwu_guiding_2019.md",
                 "09_gov_guobanfa_2018_118_xingzheng_zhifa_sanxiang_zhidu_yijian.html"):
        shutil.copy(REALDOCS / name, corpus / name)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("index") / "index",
                        data_dir=tmp_path_factory.mktemp("data"))
    helper = Assistant(settings, embedder=e5)
    helper.ingest(progress=False)
    return helper


def test_ingested_documents_expose_metadata_and_tree(realdocs_library: Assistant) -> None:
    docs = {d["doc_id"][:2]: d for d in realdocs_library.documents()}
    assert docs["05"]["metadata"]["date_published"] == "2019-04-26"
    assert docs["09"]["metadata"]["doc_number"] == "国办发〔2018〕118号"
    tree = realdocs_library.document_tree(docs["09"]["doc_id"])
    parts = [n for n in tree["children"] if n["level"] == "part"]
    assert len(parts) == 6 and sum(len(p["children"]) for p in parts) == 23
    unit = realdocs_library.unit(docs["05"]["doc_id"], "第十五条")
    assert [c["label"] for c in unit["children"]] == ["（一）", "（二）", "（三）", "（四）"]
    assert unit["whole_text"].startswith("第十五条") and "(四)电子档案" in unit["whole_text"]  # text as printed
    again = realdocs_library.ingest(progress=False)
    assert not again.changed
