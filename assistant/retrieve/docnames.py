"""Document names (pure): which loaded documents a question names, by any name a reader would use.

A document is named by its full title, the title without "中华人民共和国" or its issuing place
("上海市数据条例" → "数据条例"), the core of a "X关于Y的Z" title ("在线政务服务的若干规定"), a title in
《》 inside the title ("政府网站集约化试点工作方案"), a shortened form whose characters appear in the
title in order and that ends in the same document-type word ("在线政务服务规定", "安阳政务服务条例"),
and its document number ("国办发〔2018〕118号", with any bracket style). Names are derived from each
document's own title and metadata; nothing here is written for a particular document.

A question may also name a document that is not loaded ("数据安全法第二十七条" with no such law in the
index): :func:`unknown_names` returns such names so the caller can say so instead of answering from
another document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieve.english_names import english_named, unknown_english_names
from assistant.retrieve.kind_refs import DEICTIC, DOC_TYPES, unloaded_kinds
from assistant.text.chinese import fold_traditional, fold_width, unwrapped_title
from assistant.text.glossary import load_glossary
from assistant.text.patterns import doc_number_pattern
from assistant.text.places import PLACE_THEN_WORDS_RE

_PLACE_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区|市|自治州|地区|盟|县|自治县|区|旗)(?=[\u4e00-\u9fff]{2})")
_PREFIX_RE = re.compile(r"^中华人民共和国")
_SUFFIX_RE = re.compile(r"[(（][^()（）]{0,20}[)）]$")
_ABOUT_RE = re.compile(r"关于(?:印发)?(.+?)的(?=[^的]*$)")
_INNER_TITLE_RE = re.compile(r"《([^《》]{4,60})》")
_ISSUED_RE = re.compile(r"(?:印发|转发|发布)([^《》]{4,60}?)的(?:通知|决定)$")  # the inner title unquoted
_DOC_NUMBER_RE = re.compile(doc_number_pattern(grouped=True))
_QUOTED_RE = re.compile(r"《([^《》]{2,60})》")
_NAME_END = "|".join(sorted({t[-1] if len(t) == 1 else t for t in DOC_TYPES}, key=len, reverse=True))
# A span that reads like the name of a law or document: Han characters ending in a type word,
# followed by a reference or a topic cue ("数据安全法第二十七条", "网络安全法规定的罚款").
_NAME_SPAN_RE = re.compile(
    rf"((?:[\u4e00-\u9fff]{{1,24}}?法典|[\u4e00-\u9fff]{{2,24}}?(?:{_NAME_END})))"  # 民法典 too
    r"(?=\s*(?:第|规定|中|里|的|对|关于|有|是|怎么|要求|明确|说|讲|写|提|什么|何时|哪|几|从|自|在|于|由|分别|各自|都"
    r"|分[为成几哪]|包括|包含|一?共|总共|目录|[?？。，,、]|$|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]))")
_LAW_KINDS = ("法", "条例", "法典")
# Ordinary words that end in a type character but are no document's name.
_COMMON_WORDS = frozenset("""
    方法 办法 做法 说法 看法 想法 用法 依法 合法 违法 非法 立法 执法 守法 司法 宪法 算法 语法 手法 疗法 规定 意见 通知
    决定 方案 计划 要点 措施 若干措施 政策措施 保障措施 具体措施 相关措施 有关措施 工作措施 主要措施 规则 标准 条例 法规
    法典 规划 指南 细则 有关规定 相关规定 国家规定 法律规定 规范 规程 准则 守则 章程 导则 技术规范 行为规范""".split())  # noqa: SIM905
# Two-character words ending in 法 that close an ordinary phrase ("小孩违法"), never a law's name.
_PHRASE_ENDS = ("违法", "非法", "合法", "依法", "执法", "守法", "司法", "方法", "做法", "说法", "看法", "想法",
                "用法", "手法", "算法")
# A span with a question word, or with a preposition right before its type word ("在条例里"), is a
# phrase about a document, not a name.
_TYPE_END_RE = re.compile(rf"(?:{_NAME_END})$")
# Words a law's name never contains, so a name starts after the last of them ("依照民事诉讼法").
_BEFORE_NAME_RE = re.compile(r"依照|依据|根据|按照|参照|违反|遵守|执行|适用|(?<!共)和|以及|(?<![参给])与|或者"
                             r"|(?<![重主需纲])要(?![素求点])")
# (Only whole prepositions: "数据条例" ends in 据 + 条例 but names 上海市数据条例.)
_NOT_A_NAME_RE = re.compile(r"哪|什么|怎么|如何|是否|吗|没有"
                            r"|(?:在|按照?|依照?|依据|根据)[^\u4e00-\u9fff]*(?:条例|办法|规定)$")
_PLACE_END_RE = re.compile(r"(?:省|自治区|特别行政区|市|自治州|地区|盟|县|自治县|区|旗)$")
_OTHER_DOC_AFTER_RE = re.compile(r"^(?:实施|施行)(?:条例|细则|办法|规定)")
# "…的补贴标准", "…的具体措施": a kind that is an ordinary noun, after 的 with no 关于, is a thing asked, not a name.
_NOUN_KIND_RE = re.compile(r"^(?!.*关于).*的.*(?:标准|措施|要点|计划|规划|方案|指南|纲要|规则|规范|准则)$")


@dataclass(frozen=True)
class DocName:
    """One loaded document and the names a reader may use for it."""

    doc_id: str
    title: str
    aliases: tuple[str, ...]
    kinds: tuple[str, ...]
    numbers: tuple[str, ...]


def _clean(title: str) -> str:
    return unwrapped_title(re.sub(r"\s+", "", fold_width(title)))


def bare_title(title: str) -> str:
    """A title without its bracketed tail ("…办法（试行）" -> "…办法")."""
    return _SUFFIX_RE.sub("", title)


def doc_kinds(title: str) -> tuple[str, ...]:
    """Type words a title ends in, longest first, those of a title it carries first ("…印发《…工作方案》的通知", quoted
    or not: "集约化方案" names it; not one it opens with: "《…措施》政策解读" is a 解读), or (); a 办法 is no 法."""
    title = bare_title(_clean(title))
    inner = [] if title.startswith("《") else _INNER_TITLE_RE.findall(title) or _ISSUED_RE.findall(title)
    return tuple(dict.fromkeys(k for t in (*inner, title)
                               for k in DOC_TYPES if t.endswith(k) and not (k == "法" and t.endswith("办法"))))


def title_aliases(title: str) -> tuple[str, ...]:
    """Names derived from a title: the title (with and without the marks of a title it opens with: "《…》政策解读"),
    without 中华人民共和国, without the issuing place, the Y+Z core of "X关于Y的Z", and 《inner titles》; each at
    least four characters."""
    full = bare_title(_clean(title))
    names = [full, plain := re.sub("[《》]", "", full), short := _PREFIX_RE.sub("", plain), _PLACE_RE.sub("", short)]
    about = _ABOUT_RE.search(full)
    if about:
        tail = full[about.end():]
        core = about.group(1).strip("《》")
        names += [core + "的" + tail, core + tail] if not _INNER_TITLE_RE.fullmatch(about.group(1)) else []
    names += _INNER_TITLE_RE.findall(full)
    return tuple(n for n in dict.fromkeys(names) if len(n) >= 4)


def number_aliases(doc_number: str) -> tuple[str, ...]:
    """Forms of a document number: "国办发〔2018〕118号", the same with [], (), （）, 【】 or none, and
    "118号文"; an order number with and without "中华人民共和国"."""
    text = re.sub(r"\s+", "", fold_width(doc_number or ""))
    match = _DOC_NUMBER_RE.search(text)
    if not match:  # an order number: "中华人民共和国国务院令第716号" -> also "国务院令第716号"
        short = _PREFIX_RE.sub("", text)
        return tuple(n for n in dict.fromkeys([text, short]) if len(n) >= 5 and re.search(r"第\d+号$", n))
    body, year, number = match.groups()
    pairs = (("〔", "〕"), ("[", "]"), ("(", ")"), ("【", "】"), ("", ""))
    forms = [fold_width(f"{body}{o}{year}{c}{number}号") for o, c in pairs]
    return tuple(dict.fromkeys([*forms, f"{number}号文"]))


def doc_names(documents: list[tuple[str, str, str]]) -> list[DocName]:
    """Names of each document from ``(doc_id, title, doc_number)`` triples (doc_number may be ""); a
    title in traditional characters is named in simplified ones, as questions are normalised."""
    folded = [(doc_id, fold_traditional(title), number) for doc_id, title, number in documents]
    return [DocName(doc_id, _clean(title), title_aliases(title), doc_kinds(title), number_aliases(number))
            for doc_id, title, number in folded]


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _span_matches(span: str, doc: DocName) -> bool:
    """A shortened name ("个保法", "安阳政务服务条例"): it ends in the document's type word, its characters
    appear in order in an alias, and it starts as the alias does or shares a run of four characters with it."""
    kind = next((k for k in doc.kinds if span.endswith(k)), "")
    if not kind or len(span) < len(kind) + 2:
        return False
    head = span[: -len(kind)].replace("的", "")
    return any(_is_subsequence(head + kind, alias) and (
        alias.startswith(span[0]) or head in alias or any(head[i:i + 4] in alias for i in range(len(head) - 3))
        or abbreviates(head, alias))
        for alias in doc.aliases)


def abbreviates(head: str, alias: str) -> bool:
    """True when ``head`` reads as an abbreviation of a phrase of ``alias``: its characters stand in
    order within a window at most twice its length, first and last included ("综保区" in
    "综合保税区", "关基" in "关键信息基础设施" fails: too spread out, and is left to the fuller
    forms)."""
    start = alias.find(head[0]) if len(head) >= 2 else -1
    while start >= 0:
        pos, ok = start, True
        for ch in head[1:]:
            pos = alias.find(ch, pos + 1)
            if pos < 0 or pos - start + 1 > 2 * len(head):
                ok = False
                break
        if ok:
            return True
        start = alias.find(head[0], start + 1)
    return False


def name_spans(question: str) -> list[str]:
    """Spans of a question that read like a document's name: 《…》 titles and "…法/条例/办法" names."""
    text = re.sub(r"\s+", "", fold_width(question))
    spans = _QUOTED_RE.findall(text)
    for match in _NAME_SPAN_RE.finditer(_QUOTED_RE.sub("。", text)):
        # a name starts after a verb or conjunction: "送达要依照民事诉讼法" -> "民事诉讼法",
        # "数据安全法和个人信息保护法" -> both
        parts = _BEFORE_NAME_RE.split(match.group(1))  # "违反条例第十八条": 条例 alone, a common word
        spans += [p for p in [p for p in parts if len(p) >= 3 and _TYPE_END_RE.search(p)] or parts[-1:]
                  if not _NOUN_KIND_RE.match(p)]
    return [s for s in spans if s not in _COMMON_WORDS and not s.endswith(_PHRASE_ENDS)
            and not _NOT_A_NAME_RE.search(s)]


def _alias_in(alias: str, text: str, doc: DocName) -> bool:
    """True when ``alias`` occurs in ``text`` as this document's name: not as the tail of another place's
    document ("深圳经济特区数据条例" is not "上海市数据条例"), not as the head of another's ("…法实施条例")."""
    start = text.find(alias)
    while start >= 0:
        before, after = text[:start], text[start + len(alias):]
        other_place = _PLACE_END_RE.search(before) and not any(
            before.endswith(doc.title[:i]) for i in range(1, len(doc.title)) if doc.title[:i])
        place = PLACE_THEN_WORDS_RE.search(before)  # "浙江省公共数据条例": a place, then no place but a qualifier
        other_place = other_place or bool(place and place[1] not in doc.title and not _PLACE_END_RE.search(place[2]))
        if not other_place and not _OTHER_DOC_AFTER_RE.match(after):
            return True
        start = text.find(alias, start + 1)
    return False


def named(question: str, names: list[DocName]) -> list[str]:
    """doc_ids of the loaded documents the question names, in the order of ``names``."""
    text = re.sub(r"\s+", "", fold_width(question))
    spans = name_spans(question)
    found = []
    for doc in names:
        hit = any(n in text for n in doc.numbers) or any(_alias_in(a, text, doc) for a in doc.aliases)
        hit = hit or any(_span_names(s, doc) for s in spans)
        if hit and doc.doc_id not in found:  # a notice named by its title or by its attachment's
            found.append(doc.doc_id)
    return found or english_named(question, names, load_glossary())  # "the Government Procurement Law"


def _span_names(span: str, doc: DocName) -> bool:
    """True when a name span names this document; words dropped before it must not end in a place ("深圳经济特区
    数据条例" does not name "上海市数据条例"), and two or more must be words that qualify a name ("修订后的", "现行",
    "我国"): "治安管理处罚法" does not name "行政处罚法", nor "道路停车管理条例" "江城市停车管理条例"."""
    if span in doc.title:
        return True
    place = _PLACE_RE.match(span)
    if place and place.group(0) not in doc.title and not any(
            abbreviates(place.group(0), alias) for alias in doc.aliases):
        return False
    trimmed = _trim(span, doc)
    dropped = span[: len(span) - len(trimmed)]
    if len(dropped) >= 2 and not _MODIFIER_RE.search(dropped):
        return False
    return not _PLACE_END_RE.search(dropped) and _span_matches(trimmed, doc)


# Words before a name that ask about it or qualify it rather than name another document.
_MODIFIER_RE = re.compile(r"(?:的|^(?:请问|想问|问一下|我想知道|想了解|关于|根据|按照|依照|依据|对于)?"
                          r"(?:最?新|现行|新修[订改]|修[订改]后|本|该|这部|那部|我国|我省|我市|本省|本市|国家)?)$")


def _trim(span: str, doc: DocName) -> str:
    """The longest suffix of ``span`` that starts with a character of the document's title."""
    for i in range(len(span)):
        if span[i] in doc.title:
            return span[i:]
    return span


# Words asking whether a document is being made or has been issued, not what it says: right after
# its name ("…条例有在推动立法吗", "…条例出台了吗") or right before it ("推动制定《…》").
_STATUS = r"(?:立法|制定|出台|起草|修订|印发|颁布)"
_STATUS_AFTER_RE = re.compile(rf"^》?(?:的|有没有|有在|是否|已经|已|正在|在|什么时候|何时)?(?:推动|开始)?{_STATUS}")
_STATUS_BEFORE_RE = re.compile(rf"{_STATUS}了?《?$")


def mentioned(span: str, question: str, corpus_text: str) -> bool:
    """True when a name the index does not hold is one the documents mention and the question asks
    about its making ("青岛市数据条例有在推动立法吗", "推动制定《…》了吗"): a status word right after or
    before the name. The documents can say that, not what it says."""
    name = span.strip("《》")
    at = question.find(name)
    if name not in corpus_text or at < 0:
        return False
    after, before = question[at + len(name):], question[:at]
    return bool(_STATUS_AFTER_RE.search(after) or _STATUS_BEFORE_RE.search(before))


def unknown_names(question: str, names: list[DocName]) -> list[str]:
    """Names of laws in the question that match no loaded document: 《…》 titles, "…法" or
    "…条例" names ("数据安全法第二十七条" when no such law is in the index), and document numbers
    ("国办发〔2018〕123号") no loaded document has, and English names the glossary translates whole
    that match no loaded title (:mod:`assistant.retrieve.english_names`)."""
    loaded = [m for d in names for n in d.numbers[:1] for m in _DOC_NUMBER_RE.findall(n)]
    out = [f"{body}〔{year}〕{number}号" for body, year, number in _DOC_NUMBER_RE.findall(
        re.sub(r"\s+", "", fold_width(question)))
        if not any(body.endswith(b) and (year, number) == (y, n) for b, y, n in loaded)]
    quoted = set(_QUOTED_RE.findall(fold_width(question)))
    for span in name_spans(question):
        if span not in quoted and (not span.endswith(_LAW_KINDS) or span.endswith("办法") or span.startswith(DEICTIC)):
            continue
        if not any(_span_names(span, d) or any(_alias_in(a, span, d) for a in d.aliases) for d in names):
            out.append(span)
    out += [k for k in unloaded_kinds(question, [d.title for d in names]) if not any(k in o for o in out)]
    return out + unknown_english_names(question, [d.title for d in names], load_glossary())



def strip_document_numbers(text: str) -> str:
    """The text without its document numbers ("国办发〔2018〕118号的总体要求" -> "的总体要求"): a number
    names a document, it is no topic term to look for in the text."""
    return _DOC_NUMBER_RE.sub(" ", fold_width(text))


def is_document_number(name: str) -> bool:
    """True for a document number ("国办发〔2018〕118号", never written in 《》)."""
    return bool(_DOC_NUMBER_RE.fullmatch(re.sub(r"\s+", "", fold_width(name))))


def strip_names(question: str) -> str:
    """The question without the document names and numbers it uses ("《行政处罚法》第三十三条讲了什么"
    -> "第三十三条讲了什么"): what it asks beyond naming a document."""
    text = strip_document_numbers(question)
    for span in sorted(name_spans(text), key=len, reverse=True):
        text = text.replace(f"《{span}》", " ").replace(span, " ")
    return text
