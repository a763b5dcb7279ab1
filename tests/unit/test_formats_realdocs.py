"""The real documents in ../shared/realdocs (skipped when absent): each format gives the Markdown text."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from assistant.ingest.formats import extract

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = Path(os.environ.get("POLICYQA_REALDOCS") or ROOT.parent / "shared" / "realdocs")

pytestmark = pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not present")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _markdown_body(name: str, keep_metadata: bool) -> str:
    """The .md text without its title line, `#` markers and INFO END line (metadata lines optional)."""
    lines = (REALDOCS / name).read_text(encoding="utf-8").splitlines()
    end = lines.index("<!-- INFO END -->")
    kept = (lines[1:end] if keep_metadata else []) + lines[end + 1:]
    return _squash("".join(re.sub(r"^#+\s*", "", line) for line in kept))


@pytest.mark.parametrize("stem, suffix, keep_metadata", [
    ("01_xingzheng_chufa_fa_2021", ".docx", True),
    ("03_guanjian_xinxi_jichu_sheshi_baohu_tiaoli_2021", ".pdf", False),
])
def test_docx_and_pdf_copies_give_the_markdown_text(stem: str, suffix: str, keep_metadata: bool) -> None:
    result = extract((REALDOCS / f"{stem}{suffix}").read_bytes(), suffix)
    assert _squash(result.text) == _markdown_body(f"{stem}.md", keep_metadata)
    title = (REALDOCS / f"{stem}.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
    assert result.title == title


def test_pdf_paragraphs_match_the_markdown_lines() -> None:
    stem = "03_guanjian_xinxi_jichu_sheshi_baohu_tiaoli_2021"
    result = extract((REALDOCS / f"{stem}.pdf").read_bytes(), ".pdf")
    md_lines = (REALDOCS / f"{stem}.md").read_text(encoding="utf-8").splitlines()
    expected = [_squash(re.sub(r"^#+\s*", "", line)) for line in md_lines[md_lines.index("<!-- INFO END -->") + 1:]]
    assert [_squash(line) for line in result.text.splitlines()] == [line for line in expected if line]


@pytest.mark.parametrize("path", sorted(REALDOCS.glob("*.html")) if REALDOCS.is_dir() else [], ids=lambda p: p.name[:2])
def test_gov_pages_give_metadata_and_a_clean_body(path: Path) -> None:
    result = extract(path.read_bytes(), ".html")
    for key in ("doc_number", "issuer", "date_written", "title"):
        assert result.metadata.get(key), key
    assert result.title == result.metadata["title"]
    text = result.text
    for noise in ("索引号", "索 引 号", "发文字号", "主题分类", "打印本页", "扫一扫", "<", "&nbsp;",
                  result.metadata["doc_number"]):
        assert noise not in text, noise
    assert not text.startswith(result.title[:6])
    assert text.splitlines()[0].endswith("：")  # the body starts at the addressees
    assert "（此件公开发布）" in text.splitlines()  # kept for the structure parser to drop by text rules
