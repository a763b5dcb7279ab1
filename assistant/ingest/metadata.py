"""Document metadata found in the text (pure): title, history, document number, signature, 此件公开发布.

These lines are what a document says about itself, not what it rules; they are taken out of the body
(so no unit quotes them) and returned as :class:`DocumentMetadata`. Rules, in order:

- at the start: a gov.cn style metadata table (索引号：… 发文机关：…), the title (the first line when
  it is short, has no "。" and is not a numbered heading; following lines too while they continue a
  title known from the file's own metadata), adoption/amendment/promulgation history lines (a date,
  possibly in brackets, and 通过/修正/修订/公布/批准/发布/施行), a document number line (国办函〔2018〕71号)
  and a table of contents ("目录" and the 编/章/节 lines up to the body's first heading);
- anywhere: page numbers standing alone between dashes ("— 3 —"), a signature block (one to
  three short issuer lines and a date line standing alone, e.g. before an attachment or at the
  end) and publicity notes such as "（此件公开发布）";
- the effective date is read from "自…起施行" (that sentence stays in its article: it is law text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from assistant.ingest.contents import table_of_contents
from assistant.ingest.order_page import order_page
from assistant.records import DocumentMetadata
from assistant.text.chinese import fold_traditional
from assistant.text.dates import CN_DATE, date_line, iso_date
from assistant.text.patterns import ABOUT_ANOTHER_RE, DOC_NUMBER, ORGAN_END, ORGAN_NAME

_CN_DIGITS = "〇○零一二三四五六七八九十"
_DATE_RE = re.compile(CN_DATE)
_HISTORY_RE = re.compile(rf"^[（(]?(?:根据|[\u4e00-\u9fff]{{2,30}}?{ORGAN_END}(?={CN_DATE}))?{CN_DATE}.*"
                         r"(?:通过|修正|修订|公布|批准|发布|印发|施行|颁布|公告)"
                         r"[^。]*[）)]?$")
# The number's line, an announcement before it or not ("…常务委员会公告（第9号）　江人常〔2024〕9号").
_DOC_NUMBER_LINE_RE = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,30}}(?:令|公告)[（(]?第[\d{_CN_DIGITS}]+号[）)]?)?"
                                 rf"({DOC_NUMBER})$")
# An order or announcement number: "海滨市人民政府令第12号", "…人民代表大会常务委员会公告第15号".
_ORDER_NUMBER_RE = re.compile(rf"(?:{DOC_NUMBER}"
                              rf"|[\u4e00-\u9fff]{{2,24}}(?:令|公告)(?:第|〔\d{{4}}〕)[\d{_CN_DIGITS}]+号)")
_PUBLICITY_RE = re.compile(r"^[（(](此件(?:公开发布|主动公开|不予?公开|依申请公开|发至[^）)]*))[）)]$")
# A publisher's note on the page, not the document's words ("（本文有删减）", "（有删节）", "（摘编）").
_EDITORIAL_RE = re.compile(r"^[（(](?:本文|全文|原文|正文)?(?:略有|有所|有)?(?:删减|删节|节选|摘编|摘录)[）)]$")
# A page number standing alone between dashes ("— 3 —"), left by some PDF readers: page chrome.
_PAGE_NUMBER_RE = re.compile(r"^[—\-－–]{1,2}\s*\d{1,4}\s*[—\-－–]{1,2}$")
_HEADING_RE = re.compile(r"^(?:第|[一二三四五六七八九十]+、|[（(]|\d+[.．、]|[①-⑳])")
# Not of another document named right before it: a 解读's "答：《若干措施》自印发之日起施行" dates the 措施.
_EFFECTIVE_RE = re.compile(rf"(?<![》〉])自({CN_DATE}|公布之日|发布之日|印发之日)起(?:施行|实施|执行|生效)")
# Field names of the metadata table of government web pages (政府信息公开目录), spaces removed; a guide's
# lines under its title ("发布单位：…中心　更新日期：…", "编号：…〔2025〕15号"); a 解读's or a reposted page's
# "来源：…厅　发布时间：…" (a field line only at a line's start). An update date dates the version read when
# nothing else does (the first field of a kind wins).
_TABLE_FIELDS = {"索引号": "index_no", "主题分类": "subject", "发文机关": "issuer", "成文日期": "date_written",
                 "标题": "title", "发文字号": "doc_number", "发布日期": "date_published", "主题词": "",
                 "发布单位": "issuer", "发布机关": "issuer", "发布机构": "issuer", "发文单位": "issuer",
                 "发布时间": "date_published", "更新日期": "date_published", "更新时间": "date_published",
                 "来源": "issuer", "信息来源": "issuer", "编号": "doc_number", "文件编号": "doc_number",
                 "文号": "doc_number", "实施日期": "date_effective", "施行日期": "date_effective",
                 "生效日期": "date_effective", "印发日期": "date_published"}
# A field name ("索 引 号：" spaced too), so that a value's last characters are never read as part of the next name.
_TABLE_KEY_RE = re.compile("(" + "|".join("[ \u3000]*".join(k) for k in sorted(_TABLE_FIELDS, key=len, reverse=True))
                           + ")[ \u3000]*[：:]")
_SPACES_RE = re.compile(r"[\s\u3000]+")
_ISSUER_MAX_CHARS = 30


def effective_clause(text: str) -> re.Match[str] | None:
    """The first "自2026年4月1日起施行" / "自印发之日起实施" in ``text``: group 1 is the day as written
    (a date, or 公布之日/发布之日/印发之日); None when the text says no such thing."""
    return _EFFECTIVE_RE.search(text)


def _squash(text: str) -> str:
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", text))


def _table_fields(line: str) -> dict[str, str] | None:
    """The fields of one line of a metadata table, or None when the line is not one."""
    keys = [(m, _squash(m.group(1))) for m in _TABLE_KEY_RE.finditer(line)]
    if not keys or line[: keys[0][0].start()].strip():
        return None
    found = {}
    for i, (m, key) in enumerate(keys):
        end = keys[i + 1][0].start() if i + 1 < len(keys) else len(line)
        if _TABLE_FIELDS[key] and not found.get(_TABLE_FIELDS[key]):
            found[_TABLE_FIELDS[key]] = line[m.end() : end].strip(" \t\u3000")
    return found


# A line of issuing bodies only ("青川市工业和信息化局　青川市财政局") and a title's "关于…的通知" line under it.
_ISSUERS_RE = re.compile(rf"(?:{ORGAN_NAME}[\s\u3000、]*){{1,6}}")
_ABOUT_TITLE_RE = re.compile(r"关于[^。]{2,80}(?:通知|意见|办法|决定|通告|公告|批复|方案|规定|细则|函|报告|计划|规划)")


def split_title(first: str, second: str) -> bool:
    """True when a title is printed over two lines: the issuing bodies alone ("青川市工业和信息化局　青川市
    财政局"), then "关于印发《…》的通知"."""
    first, second = first.strip(" \t\u3000"), second.strip(" \t\u3000")
    return bool(_ISSUERS_RE.fullmatch(first) and _ABOUT_TITLE_RE.fullmatch(second))


def title_like(line: str) -> bool:
    """Whether a line (stripped) could be a document's title: 1-60 characters, no 。, not a numbered heading
    ("第一条", "一、", "（一）", "1."), not a lead-in ending in "：" and not a document number's line."""
    return (0 < len(line) <= 60 and "。" not in line and not _HEADING_RE.match(line)
            and not line.endswith(("：", ":")) and not _DOC_NUMBER_LINE_RE.match(_squash(line)))


def _lines(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).strip(" \t\u3000"))
            for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def _head(lines: list, known_title: str, meta: dict, drop: set[int]) -> None:
    """Take the metadata table, title, issuers, history and document number lines at the start."""
    title_key = _squash(known_title)
    taken_title = ""
    for i, (_, _, line) in enumerate(lines):
        probe = fold_traditional(line)  # "（2024年11月20日嵐州市文化廣電和旅遊局發布）" is read as simplified
        fields = _table_fields(line)
        if fields is not None:
            meta.update({k: v for k, v in fields.items() if v and not meta.get(k)})
            title_key = title_key or _squash(fields.get("title", ""))
        elif _squash(line) == "目录":  # before any title: a .docx's title is in its properties, not its text
            drop.update(table_of_contents([_squash(line) for _, _, line in lines], i))
        elif (not taken_title and i == len(drop) and title_like(line) and not _HISTORY_RE.match(probe)
              and not _history_open(meta, probe)):  # "民政府令第117号公布　自…起施行）": the history's second line
            taken_title = line
        elif taken_title and (split_title(taken_title, line) or (  # the issuers' line, then "关于…的通知"
                title_key and _squash(taken_title + line) and title_key.startswith(_squash(taken_title + line))
                and title_like(line))):
            taken_title += line
        elif (_HISTORY_RE.match(probe) and not _HEADING_RE.match(probe.lstrip("（("))) or _history_open(meta, probe):
            history = meta.setdefault("history", [])
            wrapped = history and _WRAPPED_RE.search(history[-1]) and not _CLAUSE_RE.match(probe)
            if wrapped and _history_open(meta, probe):
                history[-1] += line  # a line wrapped mid-clause ("…澜平市人" over "民政府令第117号公布…")
            else:
                history.append(line)
        elif number := _DOC_NUMBER_LINE_RE.match(_squash(probe)):
            meta.setdefault("doc_number", line if number.start(1) == 0 else number.group(1))
        elif taken_title and not meta.get("issuer") and _ISSUERS_RE.fullmatch(line.strip(" \t\u3000")):
            meta["issuer"] = " ".join(line.split())  # the issuing bodies' line under the title
        else:
            break
        drop.add(i)
    if taken_title:
        meta.setdefault("title", taken_title)


# A history line cut mid-clause (no clause's last word, no stop) and a line that opens a clause of its own.
_WRAPPED_RE = re.compile(r"(?<!通过)(?<!修正)(?<!修订)(?<!公布)(?<!施行)(?<!批准)(?<!发布)(?<!印发)[\u4e00-\u9fff\d]$")
_CLAUSE_RE = re.compile(r"^[ \t\u3000]*[（(]?(?:根据|\d{4}\s*年|[一二]〇)")


def _history_open(meta: dict, line: str) -> bool:
    """True when ``line`` goes on a history whose bracket is still open ("（2005年9月28日…通过" then
    "根据2015年6月30日…第一次修正" and "根据…第二次修正）" on lines of their own) and holds a date."""
    history = "".join(meta.get("history", ()))
    opened = history.count("（") + history.count("(") > history.count("）") + history.count(")")
    # a last date wrapped: "…自2025年1月" over "1日起施行）"
    closing = _WRAPPED_RE.search(history) and re.fullmatch(r"[^（(）)]{1,30}[）)]", line.strip())
    return opened and bool(_DATE_RE.search(line) or closing) and "。" not in line and not _HEADING_RE.match(line)


def _signatures(lines: list, meta: dict, drop: set[int]) -> None:
    """Take publicity notes and signature blocks (issuer lines + a date line standing alone); drop page
    numbers and a publisher's notes."""
    for i, (_, _, line) in enumerate(lines):
        if _PAGE_NUMBER_RE.match(line) or _EDITORIAL_RE.match(line):
            drop.add(i)
            continue
        if note := _PUBLICITY_RE.match(line):
            meta.setdefault("publicity", note.group(1))
            drop.add(i)
            continue
        if not date_line(line) or i in drop:
            continue
        issuers = []
        for j in range(i - 1, max(i - 4, -1), -1):
            prev = lines[j][2]
            if j in drop or not _is_issuer(prev):
                break
            issuers.insert(0, j)
        if not issuers and i != len(lines) - 1 and not _PUBLICITY_RE.match(lines[i + 1][2]):
            continue  # a lone date in the body is content
        drop.update([*issuers, i])
        if not meta.get("issuer") and issuers:
            meta["issuer"] = " ".join(_squash(part) for j in issuers  # "临江市民政局　　临江市财政局": two bodies
                                      for part in re.split(r"\u3000+|\s{2,}", lines[j][2].strip()) if part.strip())
        meta.setdefault("date_written", line)


# The adopting or issuing clause of a history: a date, the body, then 通过/印发/发布/批准 ("2012年5月30日临川市第十四届
# 人民代表大会常务委员会第二次会议通过", "2021年3月10日临川市人力资源和社会保障局、临川市财政局印发").
_ISSUING_RE = re.compile(rf"{CN_DATE}\s*([^，。；（）()\s]{{2,60}}?)\s*(?:审议)?(?:通过|印发|发布|批准)"
                         rf"|^[（(]([^，。；（）()\s\d]{{2,30}}?){CN_DATE}(?:印发|发布)")  # "（…委2025年5月20日印发）"
_SESSION_RE = re.compile(r"第[一二三四五六七八九十百〇零\d]+(?:届|次(?:全体)?会议|次主任会议|次常务会议)")


def _history_issuer(history: tuple[str, ...]) -> str:
    """The body named in the first history line's adopting or issuing clause, without its term and session
    ("临川市人民代表大会常务委员会"), or "" when none is named there (an order number names it instead)."""
    folded = fold_traditional(history[0]) if history else ""
    m = _ISSUING_RE.search(folded)
    same = len(folded) == len(history[0]) if history else False  # the body as the document writes it (嵐州市…局)
    g = 1 if m and m.group(1) else 2
    body = _SESSION_RE.sub("", history[0][m.start(g):m.end(g)] if same else m.group(g)) if m else ""
    organ = re.search(rf"{ORGAN_END}$", fold_traditional(body))
    return body if _is_issuer(body.replace("、", "")) and organ else ""


def _title_issuer(title: str) -> str:
    """The bodies a "X关于Y的Z" title opens with ("江陵市人民政府", "财政部 税务总局"), each ending as a body's
    name does, or "" (a law's title names no issuer)."""
    m = re.match(r"(.{2,40}?)关于", title)
    bodies = re.split(r"[\s、]+", m.group(1).strip()) if m else []
    return " ".join(bodies) if bodies and all(_ORGAN_END_RE.search(b) for b in bodies) else ""


_ORGAN_END_RE = re.compile(rf"(?:{ORGAN_END}|中央|总队)$")


def _is_issuer(line: str) -> bool:
    return (0 < len(line) <= _ISSUER_MAX_CHARS and not re.search(r"[。，,；;：:！？]", line)
            and not _HEADING_RE.match(line) and not _DATE_RE.search(line))


def split_metadata(text: str, known: dict | None = None, fallback: dict | None = None) -> tuple[str, DocumentMetadata]:
    """Remove metadata lines from a document and return the body with its metadata.

    Args:
        text: The extracted text (one paragraph per line).
        known: Format-level metadata (a file's properties, an HTML table); it wins over the text's fields.
        fallback: Metadata the page around the text states (an HTML information line); the text wins over it.

    Returns:
        The body (the remaining lines, unchanged, separated as before) and the metadata, dates as
        ISO strings where they can be read.
    """
    known = {k: v for k, v in (known or {}).items() if v}
    lines = _lines(text)
    meta: dict = {}
    drop: set[int] = set()
    if page := order_page([line for _, _, line in lines]):  # "临澜市人民政府令" "第45号" "《…》已经…公布" over the rule
        meta.update({k: v for k, v in vars(page).items() if v and k != "end"})
        drop.update(range(page.end))
    head: set[int] = set()
    _head(lines[page.end if page else 0:], str(known.get("title", "")), meta, head)
    drop.update(i + (page.end if page else 0) for i in head)
    _signatures(lines, meta, drop)
    body = _remove(text, [lines[i][:2] for i in sorted(drop)])
    history = tuple(meta.pop("history", ()))
    merged = {**{k: v for k, v in (fallback or {}).items() if v}, **meta, **known}
    record = DocumentMetadata.from_dict({**merged, "history": history})
    return body, _dates(record, body, history)


def _remove(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        pos = e + 1 if text[e : e + 1] == "\n" else e
    out.append(text[pos:])
    return "".join(out).strip("\n")


def _dates(meta: DocumentMetadata, body: str, history: tuple[str, ...]) -> DocumentMetadata:
    published = meta.date_published
    if not published:
        for line in reversed(history):  # the date of the 公布 clause: the last one before the word
            word = re.search("公布|发布|印发", fold_traditional(line))  # 印发: the day it was issued
            before = [m.group(0) for m in _DATE_RE.finditer(line, 0, word.start())] if word else []
            after = _DATE_RE.search(line) if word else None
            if before or after:
                published = before[-1] if before else after.group(0)
                break
    doc_number, issuer = meta.doc_number, meta.issuer
    if not doc_number:
        for line in history:  # dates out first: "2025年3月1日海滨市人民政府令第12号公布" names no "日…令"
            if m := _ORDER_NUMBER_RE.search(_DATE_RE.sub(" ", line)):
                doc_number = m.group(0)
    if not issuer and (m := re.match(r"(.+?)(?:令|公告)(?:第|〔)", doc_number or "")):
        issuer = m.group(1)  # the body that issued the order (海滨市人民政府令第12号 -> 海滨市人民政府)
    issuer = issuer or _history_issuer(history) or _title_issuer(meta.title)
    effective = meta.date_effective  # a reading's "（…以下简称《办法》），自…起施行" is the 办法's day, not its own
    reading = ABOUT_ANOTHER_RE.fullmatch(meta.title.strip())
    if not effective and not reading and (m := _EFFECTIVE_RE.search(body) or _EFFECTIVE_RE.search("\n".join(history))):
        day = meta.date_written if m.group(1) == "印发之日" else ""  # 印发: the day it was issued (成文日期)
        effective = m.group(1) if _DATE_RE.fullmatch(m.group(1)) else (day or published or m.group(1))
    return replace(meta, date_written=iso_date(meta.date_written), date_published=iso_date(published),
                   date_effective=iso_date(effective), doc_number=doc_number, issuer=issuer)
