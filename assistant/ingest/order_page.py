"""The order page over a government rule (pure): a 政府令 published with the rule it promulgates.

A city's or a ministry's rule (规章) is printed under its order: "临澜市人民政府令" and "第45号", the promulgating
sentence ("《临澜市户外广告设置管理办法》已经2025年3月12日市人民政府第28次常务会议审议通过，现予公布，自2025年5月1日
起施行。"), the signer ("市长　周立新"), the date, and only then the rule's own title and text. The rule is the
document: its title is the one the sentence names, its issuer the body whose order it is (not the signer), its number
the order's ("临澜市人民政府令第45号").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text.chinese import fold_traditional
from assistant.text.dates import CN_DATE, date_line
from assistant.text.patterns import ORGAN_END

_CN = "〇零一二三四五六七八九十百"
# The order's name, a body's name and 令, its number on the same line or not: "临澜市人民政府令", "国务院令第716号"
# (not "禁燃令").
_ORDER_RE = re.compile(rf"^([\u4e00-\u9fff]{{1,30}}?{ORGAN_END})令\s*((?:第\s*[\d{_CN}]+\s*号)?)$")
_NUMBER_RE = re.compile(rf"^[（(]?第\s*[\d{_CN}]+\s*号[）)]?$")
# The promulgating sentence: the rule's title in 《》, then 公布 (现予公布, 予以公布, 公布施行).
_PROMULGATION_RE = re.compile(r"^《([^《》]{2,60})》[^《》]{0,120}?公布")
# The signer: an office and a name ("市长　周立新", "部长 王某某").
_SIGNER_RE = re.compile(r"^(?:省长|市长|州长|盟长|县长|区长|旗长|主席|主任|部长|局长|署长|总理)"
                        r"[\s\u3000]*[\u4e00-\u9fff·]{2,6}$")
# The day the rule takes effect, as the promulgating sentence gives it ("…现予公布，自2025年5月1日起施行。").
_EFFECTIVE_RE = re.compile(rf"自({CN_DATE})起施行")
# How far below the order's name its promulgating sentence may lie.
_LOOK = 4


@dataclass(frozen=True)
class OrderPage:
    """What an order page says of the rule under it; ``end``: the index of the rule's first line after its
    title (the lines before it are the page's and the title's)."""

    title: str
    issuer: str
    doc_number: str
    date_published: str
    date_effective: str
    end: int


def is_order_name(line: str) -> bool:
    """True for an order's name, its number with it or not ("临澜市人民政府令", "国务院令第716号")."""
    return bool(_ORDER_RE.match(fold_traditional(line.strip())))


def order_page(lines: Sequence[str]) -> OrderPage | None:
    """The order page opening ``lines`` (a document's non-empty lines, stripped), or None when it opens
    otherwise. The page is the order's name and number, the promulgating sentence naming the rule in 《》, a
    signer and a date (either may be missing); the rule's title line right after it is the page's too."""
    folded = [fold_traditional(line) for line in lines[: _LOOK + 4]]
    order = _ORDER_RE.match(folded[0]) if folded else None
    if order is None:
        return None
    i, number = 1, order.group(2)
    if not number and len(folded) > 1 and _NUMBER_RE.match(folded[1]):
        i, number = 2, folded[1].strip("（()）")
    promulgation = next((k for k in range(i, min(i + _LOOK, len(folded))) if _PROMULGATION_RE.match(folded[k])), None)
    if promulgation is None:
        return None
    sentence = lines[promulgation]
    title = _PROMULGATION_RE.match(folded[promulgation]).group(1)
    title = sentence[1: 1 + len(title)] if len(sentence) == len(folded[promulgation]) else title  # as written
    end, date = promulgation + 1, ""
    while end < len(lines) and (_SIGNER_RE.match(lines[end]) or date_line(fold_traditional(lines[end]))):
        date = fold_traditional(lines[end]) if date_line(fold_traditional(lines[end])) else date
        end += 1
    if end < len(lines) and re.sub(r"\s+", "", lines[end]) == re.sub(r"\s+", "", title):
        end += 1
    effective = _EFFECTIVE_RE.search(fold_traditional(sentence))
    issuer, serial = order.group(1), re.sub(r"\s+", "", number)
    return OrderPage(title, issuer, f"{issuer}令{serial}" if serial else "", date,
                     effective.group(1) if effective else "", end)
