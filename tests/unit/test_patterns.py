"""The shared patterns for document numbers and issuing bodies (assistant.text.patterns) and the readers
that use them agreeing on the same forms."""

from __future__ import annotations

import re

import pytest

from assistant.ingest.formats.html_page import info_fields
from assistant.ingest.metadata import split_metadata, split_title
from assistant.retrieve.docnames import number_aliases
from assistant.text.patterns import DOC_NUMBER_RE, ORGAN_NAME_RE, doc_number_pattern


@pytest.mark.parametrize("number", ["松政发〔2025〕7号", "松政办发[2025]12号", "松财〔2025〕第3号",
                                    "松人常 〔2024〕 9 号", "松教【2023】101号", "松发（2022）1号"])
def test_document_numbers_in_every_usual_form(number: str) -> None:
    assert DOC_NUMBER_RE.fullmatch(number)


@pytest.mark.parametrize("text", ["〔2025〕7号", "松政发〔25〕7号", "松政发〔2025〕12345号", "松政发2025年7号"])
def test_not_document_numbers(text: str) -> None:
    assert not DOC_NUMBER_RE.fullmatch(text)


def test_grouped_pattern_gives_code_year_and_serial() -> None:
    assert re.search(doc_number_pattern(grouped=True), "见松财〔2025〕第3号文").groups() == ("见松财", "2025", "3")


@pytest.mark.parametrize("name", ["松江市财政局", "松江市人民政府办公厅", "国务院", "松江市总工会",
                                  "松江市残疾人联合会", "松江市人民代表大会",
                                  "松江市人大常务委员会", "松江市政务服务中心", "松江市政府办"])
def test_bodies_names(name: str) -> None:
    assert ORGAN_NAME_RE.fullmatch(name)


@pytest.mark.parametrize("name", ["新闻发布会", "政策吹风会", "松江市防汛工作座谈会", "政策解读", "本站"])
def test_not_bodies_names(name: str) -> None:
    assert not ORGAN_NAME_RE.fullmatch(name)


def test_readers_agree_on_a_spaced_number_and_a_union_as_issuer() -> None:
    """A number with spaces and 第 is a number to metadata and to the question side alike; 总工会 is a
    body to the issuers' line and to a page's 来源, a 发布会 is neither."""
    text = ("松江市总工会关于做好职工疗休养工作的通知\n松工 〔2025〕 第8号\n各区总工会：\n"
            "一、疗休养时间。每年5月至10月。")
    _, meta = split_metadata(text)
    assert meta.doc_number.replace(" ", "") == "松工〔2025〕第8号"
    assert "松工〔2025〕8号" in number_aliases(meta.doc_number)
    assert split_title("松江市总工会　松江市财政局", "关于印发职工疗休养办法的通知")
    assert not split_title("政策吹风会", "关于印发职工疗休养办法的通知")
    assert info_fields("来源：松江市总工会　发布时间：2025-04-02") == {"issuer": "松江市总工会",
                                                                 "date_published": "2025-04-02"}
    assert info_fields("来源：新闻发布会　发布时间：2025-04-02") == {"date_published": "2025-04-02"}
