"""CJK radicals some PDF fonts extract instead of the ideographs they look like (text.radicals)."""

from __future__ import annotations

from pathlib import Path

from support.docfixtures import write_pdf

from assistant.ingest.formats import extract
from assistant.text.radicals import unify_radicals


def test_radicals_are_read_as_their_ideographs_and_other_text_is_untouched() -> None:
    assert unify_radicals("⼀、优化准⼊环境（⼆）人⺠政府") == "一、优化准入环境（二）人民政府"
    assert unify_radicals("2025年3⽉18⽇⻓江⻔户") == "2025年3月18日长江门户"
    plain = "第一条　为了规范管理，制定本办法。⺀"  # U+2E80 has no equivalent ideograph: kept
    assert unify_radicals(plain) == plain
    assert len(unify_radicals("⺠⼀⽉")) == 3
    # a mainland font draws these radicals as 户, 黄, 青, which are encoded apart from 戶, 黃, 靑
    assert unify_radicals("非居民用⼾，⿈⾦周，⾭年") == "非居民用户，黄金周，青年"


def test_every_format_gives_ideographs_for_radicals(tmp_path: Path) -> None:
    text = "某市若干措施\n⼀、总体要求\n（⼀）到2027年，⺠营企业增加值占⽐达到60%。\n"
    extracted = extract(text.encode("utf-8"), ".txt")
    assert "一、总体要求" in extracted.text and "民营企业" in extracted.text and "占比" in extracted.text
    pdf = tmp_path / "notice.pdf"
    write_pdf(pdf, ["某市促进民营经济发展若干措施", "", "一、加大财政支持力度", "", "某市人⺠政府"],
              title="notice.html")
    extracted = extract(pdf.read_bytes(), ".pdf")
    assert "人民政府" in extracted.text and "⺠" not in extracted.text
    # a title that is the name of the file it was printed from is no title
    assert extracted.title != "notice.html" and extracted.metadata.get("title") != "notice.html"
