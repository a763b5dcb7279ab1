"""Answers that need no quote search (pure): a law that is not loaded, a unit a named
document lacks, and questions about a document's own metadata (文号, 发文机关, 成文/施行日期, 通过/批准).

Every function takes what it needs (manifest entries, chunks, the question's language) and returns
text and citations; :mod:`assistant.pipeline` decides when each applies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.citing import citation
from assistant.answer.frames import frame, to_simplified, to_traditional
from assistant.answer.quotes import sentence_quote
from assistant.answer.validity import CUE_EN_RE, CUE_RE, validity_answer
from assistant.records import Chunk, Citation
from assistant.retrieve.docnames import bare_title, is_document_number, name_spans, strip_document_numbers
from assistant.retrieve.router import Route
from assistant.text.chinese import book_title

# Metadata questions: (field, cue). Order matters: the first cue found wins.
# Between a cue's parts: not across a clause ("什么时候施行，哪天通过的" asks two things).
_GAP = r"[^，,；;。？?！!]"
_WHEN = r"(?:什么时候|何时|哪天|哪一天|哪年|哪一年|几月几日|日期|时间)"
_META_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 第几号国务院令, 哪个政府令
    ("doc_number", re.compile(r"文号|发文字号|第几号(?:[\u4e00-\u9fff]{0,6}令)?|几号令|令号"
                              r"|(?:哪个|哪一个|哪号|哪一号|什么)(?:[\u4e00-\u9fff]{0,4}政府|人民政府|市政府)?令")),
    ("issuer", re.compile(r"发文机关|发布机关|制定机关|印发机关|(?:发布|发文|印发)(?:单位|部门|机构)"
                          r"|谁(?:发布|印发|制定|发|通过)的"
                          r"|(?:哪个|哪一个|什么)(?:部门|机关|单位|会议)(?:审议)?(?:发布|印发|制定|发|通过)的")),
    ("date_written", re.compile(rf"成文|签发|{_WHEN}{_GAP}{{0,4}}印发|(?:发文|印发)(?:日期|时间)")),
    ("history", re.compile(rf"{_WHEN}{_GAP}{{0,8}}(?:通过|修订|修正|批准)|(?:通过|修订|修正|批准){_GAP}{{0,4}}{_WHEN}"
                           r"|(?:哪次|哪一次|什么|哪个)会议上?(?:通过|批准|审议通过)?"
                           r"|(?:修改|修正|修订)(?:过|历史|了几次|几次)"  # "修改过吗", "修正过几次"
                           r"|批准机关|(?:哪个|哪一个|什么)(?:省|机关|部门|单位)?批准|谁批准")),  # "哪个省批准的"
    ("date_published", re.compile(rf"{_WHEN}{_GAP}{{0,4}}(?:发布|公布|下发|发出|发的|更新)"
                                  r"|(?:发布|公布|更新)(?:日期|时间)")),
    ("date_effective", re.compile(rf"{_WHEN}{_GAP}{{0,4}}(?:施行|生效|实施|开始执行)|(?:施行|生效|实施)(?:日期|时间)")),
    ("addressees", re.compile(r"主送(?:机关|单位)?|(?:发|下发|印发)给了?(?:哪些|谁|哪个|什么)(?:单位|部门|机关|地方)?"
                              r"|(?i:\baddressed to\b|\baddressees?\b)")),
    ("validity", CUE_RE), ("validity", CUE_EN_RE),
    # English (the frame follows the question's language; the values are the document's own)
    ("doc_number", re.compile(r"(?i)\bdocument (?:number|no\.)")),
    ("issuer", re.compile(r"(?i)\b(?:issued|promulgated) by\b|\bissuing (?:authority|body)\b"
                          r"|\b(?:who|which (?:body|authority|department|agency|organ))"
                          r" (?:issued|published|adopted)\b")),
    ("date_published", re.compile(r"(?i)\bwhen (?:was|were)\b.{0,60}\b(?:issued|published|released"
                                  r"|promulgated)\b")),
    ("date_effective", re.compile(r"(?i)\b(?:come|came|comes) into (?:force|effect)\b|\btak(?:e|es|en) effect\b"
                                  r"|\beffective date\b")),
)
# Kinds of document ("这个通知", "试点方案", "那个规定"), and the same after a demonstrative, which alone
# may say 法 or 文件 ("本法", "这个文件"); English "this law", "the regulations".
_KINDS = ("条例", "规定", "办法", "意见", "通知", "方案", "规划", "计划", "决定", "细则", "公告", "规则", "法")
_DEMONSTRATIVE_RE = re.compile(rf"(?:这个|这份|这部|这项|本|该|此)\s*(?:文件|{'|'.join(_KINDS)})"
                               r"|(?i:\b(?:the|this) (?:law|regulations?|document|notice|plan"
                               r"|opinions?|measures|rules)\b)")
# What is no content ("是", "的", "以", punctuation, English filler) and the asks.
_NOT_CONTENT_RE = re.compile(r"[\s\W\d_]|是|的|了|呢|吗|啊|请问|这个|那个|这|那|它|该|本|分别|各自|和|与|及|都"
                             r"|从|以|由|起|开始|日期|时间|哪一?天|什么时候|何时|多少|什么|哪个|谁|(?i:[a-z]+)")
_FIELD_NAMES_EN = {"doc_number": "document number", "issuer": "issued by", "date_written": "dated",
                   "date_published": "published", "date_effective": "in force from", "history": "adoption",
                   "addressees": "addressed to", "validity": "validity"}
_HISTORY_VERBS = ("批准", "修订", "修正", "通过")
_FIELD_NAMES = {"doc_number": "文号", "issuer": "发文机关", "date_written": "成文日期",
                "date_published": "发布日期", "date_effective": "施行日期", "history": "通过、批准情况",
                "addressees": "主送机关", "validity": "有效期"}
# A notice's first line naming whom it is sent to ("各区人民政府，市政府各部门、各直属机构：").
_ADDRESSEE_RE = re.compile(r"^(?=[^。；！？]*(?:各|人民政府|部门|单位|机关|机构|委员会))[^。；！？]{4,150}[：:]$")


def unknown_document_text(names: Sequence[str], documents: Sequence[dict], lang: str) -> str:
    """The refusal for a question about a law or document that is not loaded."""
    loaded = "、".join(book_title(d.get('title') or d['doc_id']) for d in documents[:5])
    shown = (n if is_document_number(n) else book_title(n) for n in names)
    return frame("unknown_document", lang, names="、".join(shown),
                 loaded=loaded or "—")


def asks_field(question: str, field: str) -> bool:
    """True when the question holds a cue of the metadata ``field`` ("什么时候施行" of "date_effective"), whatever
    else it says (:func:`meta_fields` also wants nothing but document names beside the cues)."""
    return any(name == field and cue.search(question) for name, cue in _META_CUES)


def meta_field(question: str, named: Sequence[str] = (), documents: Sequence[dict] = ()) -> str | None:
    """The first metadata field a question asks for (see :func:`meta_fields`), or None."""
    return next(iter(meta_fields(question, named, documents)), None)


def meta_fields(question: str, named: Sequence[str] = (), documents: Sequence[dict] = ()) -> list[str]:
    """The metadata fields a question asks for ("doc_number", "issuer", "date_written", "history",
    "date_published", "date_effective", "addressees"), in the order the question asks for them; several in one question
    ("是谁发的，文号是多少"); [] when it asks for none.

    Besides the cues, the question may hold only the document it is about: the doc_ids it ``named``
    (their names, numbers and words of their titles: "网站集约化试点方案是哪天成文的"), a
    demonstrative ("这个通知", "本法") or the kind of a loaded document (``documents``, manifest
    entries); "年度报表什么时候发布", "条例规定计价规则调整后收费标准什么时候公布" (a named
    document's contents) and "实施细则什么时候公布" (a text it mentions) are searched instead.
    """
    fields, text = {}, question  # field -> where the question asks for it
    for name, cue in _META_CUES:
        match = cue.search(text)
        if match is not None and name not in fields:
            fields[name] = match.start()
            text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end():]
    if not fields:
        return []
    text = strip_document_numbers(text)
    about = [d for d in documents if d["doc_id"] in named] if named else _of_kind(question, documents)
    about = about or titled(_NOT_CONTENT_RE.sub("", text), documents)
    titles = "".join(bare_title(d.get("title") or "") for d in about)
    kinds = tuple(k for k in _KINDS if k in titles)
    for span in name_spans(text) if kinds else ():  # "三项制度指导意见": a short name, not words of it
        text = text.replace(span, " ") if span.endswith(kinds) else text
    rest = _NOT_CONTENT_RE.sub("", _DEMONSTRATIVE_RE.sub(" ", text))  # the names used are words of the titles
    only_names = len(rest) <= 2 or sum(c in titles for c in rest) >= 0.8 * len(rest)
    return sorted(fields, key=fields.get) if only_names else []


def _cues_out(question: str) -> str:
    """``question`` without its metadata cues and document numbers."""
    for _, cue in _META_CUES:
        question = cue.sub(" ", question)
    return strip_document_numbers(question)


def _of_kind(question: str, documents: Sequence[dict]) -> list[dict]:
    """The loaded documents of a kind the question says ("方案", "规定" anywhere in the title; 法 only
    after a demonstrative and at the title's end, a 办法 is no 法), most title characters shared with
    the question first."""
    titles = {d["doc_id"]: bare_title(d.get("title") or "") for d in documents}
    demonstrative = _DEMONSTRATIVE_RE.search(question)
    said = demonstrative.group(0) if demonstrative else ""
    says_law = said.endswith("法") and not said.endswith("办法")  # "本法", not "本办法"
    kinds = [k for k in _KINDS if (says_law if k == "法" else k in question)]

    def is_kind(title: str) -> bool:
        # "关于印发…试点工作方案的通知" is the 方案 too; a 办法 is no 法
        return any(title.endswith(k) and not title.endswith("办法") if k == "法" else k in title for k in kinds)

    found = [d for d in documents if is_kind(titles[d["doc_id"]])]
    return sorted(found, key=lambda d: -len(set(question) & set(titles[d["doc_id"]])))


def titled(words: str, documents: Sequence[dict]) -> list[dict]:
    """The one loaded document whose title holds ``words`` (four or more characters left when the
    question's cues are taken out) in order, with three in four of their two-character runs: "加装电梯
    补贴的文号" names "…加装电梯财政补贴实施办法", "小微企业措施" "支持小微企业健康发展的若干措施"
    without their kind; else []."""
    pairs = [words[i:i + 2] for i in range(len(words) - 1)]

    def holds(title: str) -> bool:
        it = iter(title)
        in_order = all(ch in it for ch in words)
        return in_order and sum(p in title for p in pairs) >= 0.75 * len(pairs)

    found = [d for d in documents if len(words) >= 4 and holds(bare_title(d.get("title") or ""))]
    return found if len(found) == 1 else []


def meta_entry(question: str, documents: Sequence[dict], best: str, named: bool) -> dict | None:
    """The manifest entry a metadata question is about: the named document's (``named``: ``best`` is
    the doc_id the question names), else the loaded one of the kind the question says ("这个通知":
    the 通知; the best-ranked ``best`` if it is of that kind), else ``best``; None when unknown."""
    of_kind = [] if named else [d["doc_id"] for d in _of_kind(question, documents)]
    doc_id = best if best in of_kind or not of_kind else of_kind[0]
    return next((d for d in documents if d["doc_id"] == doc_id), None)


def _issue_day(meta: dict, lang: str) -> str:
    """"（成文日期：2025年4月2日）": the day a document in force "自印发之日起" bears (published, else written)."""
    field = "date_published" if meta.get("date_published") else "date_written"
    day = cn_date(meta.get(field, ""))
    if not day:
        return ""
    return f" ({_FIELD_NAMES_EN[field]}: {day})" if lang == "en" else f"（{_FIELD_NAMES[field]}：{day}）"


def cn_date(iso: str) -> str:
    """"2018-10-27" -> "2018年10月27日"; other text unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{match[1]}年{int(match[2])}月{int(match[3])}日" if match else iso


def several_documents(route: Route, title: str, lang: str) -> str:
    """The line above a look-up that several documents answer ("《甲》、《乙》都有第七条，先按最可能的《甲》
    回答："): ``title`` is the document answered from, ``route.others`` the rest."""
    docs = "、".join(book_title(t) for t in (title, *route.others))
    return frame("several_articles", lang, docs=docs, label=route.reference, title=book_title(title))


def missing_unit_text(title: str, reference: str, lang: str) -> str:
    """The refusal for a unit a named document does not have ("《…》中没有第九十五条。"), or, with no
    ``title``, that no loaded document has ("已加载的文件中都没有第一万条。"); a label's brackets are
    shown full-width, as documents write them ("二、(二)第5点" -> "二、（二）第5点")."""
    reference = re.sub(r"\(([^()]{1,6})\)", r"（\1）", reference)
    # "第三十條" in a 繁體 frame, "第五条" in a simplified one (the label may come from a 繁體 document)
    reference = to_traditional(reference) if lang == "zh-Hant" else to_simplified(reference)
    if not title:
        return frame("no_unit_any", lang, label=reference)
    return frame("no_unit", lang, title=book_title(title), label=reference)


def meta_targets(question: str, documents: Sequence[dict], named: Sequence[str], best: Sequence[str]
                 ) -> tuple[list[dict], bool]:
    """The manifest entries a metadata question is about and whether the question says so: the
    named documents (sure), else the one of the kind it says ("这个通知": sure, see
    :func:`meta_entry`; every one of that kind when its words tell none of them apart), else the
    best-ranked document (``best``: its doc_id, or none; a guess)."""
    if named:
        return [d for d in documents if d["doc_id"] in named], True
    of_kind = _of_kind(question, documents)
    if not of_kind and (by_title := titled(_NOT_CONTENT_RE.sub("", _cues_out(question)), documents)):
        return by_title, True
    pairs = {question[i:i + 2] for i in range(len(question) - 1)}  # words, not single characters ("发" in 银发)
    shared = [sum(p in bare_title(d.get("title") or "") for p in pairs) for d in of_kind]
    if len(of_kind) > 1:  # "这个通知" with two 通知 loaded: each, a line each, unless its words name one
        best = {d["doc_id"] for d, n in zip(of_kind, shared, strict=True) if n == max(shared)}
        return [d for d in documents if d["doc_id"] in best], True
    entry = meta_entry(question, documents, best[0] if best else "", False)
    return ([entry] if entry else []), bool(of_kind)


def meta_answers(question: str, field: str, entries: Sequence[dict], chunks: Sequence[Chunk],
                 lang: str = "zh-Hans", sure: bool = True) -> tuple[str, list[Citation]] | None:
    """:func:`meta_answer` for each document in ``entries`` that records the field, one line each
    ("条例和办法分别什么时候施行"); when none does, that the first one does not state it (no
    citations: a refusal) if the question is ``sure`` about the document, else None (searched)."""
    answers = [a for e in entries if (a := meta_answer(question, field, e, chunks, lang))]
    if not answers and field == "validity":  # a period stated in other words ("…期限至…") is searched for
        return None
    if not answers:
        names = _FIELD_NAMES_EN if lang == "en" else _FIELD_NAMES
        title = book_title(entries[0].get("title") or entries[0]["doc_id"]) if entries else ""
        return (frame("no_metadata", lang, title=title, field=names[field]), []) if entries and sure else None
    return "\n".join(text for text, _ in answers), [c for _, cited in answers for c in cited]


def _states(text: str, mark: str, field: str) -> bool:
    """Whether a unit's ``text`` states a metadata value (``mark``: its first characters): an issuer only
    on a line of its own (the signature), not inside another name ("国务院各部委" of the addressees)."""
    return mark in (ln.strip() for ln in text.split("\n")) if field == "issuer" else mark in text


def meta_answer(question: str, field: str, entry: dict, chunks: Sequence[Chunk], lang: str = "zh-Hans"
                ) -> tuple[str, list[Citation]] | None:
    """Answer a metadata question from a document's manifest entry (frame in ``lang``), citing the unit that states
    the value (e.g. the article "本法自…起施行") or else the document itself; None when the
    document does not record the field.
    """
    if field == "validity":  # stated in the document's closing words, not recorded at ingest
        return validity_answer(entry, chunks, lang)
    meta = entry.get("metadata") or {}
    title = entry.get("title") or entry["doc_id"]
    if field == "addressees":  # read from the preamble's first line, not recorded at ingest
        first = [c.text.strip().split("\n")[0] for c in chunks if c.doc_id == entry["doc_id"] and c.level == "preamble"]
        meta = {field: first[0].rstrip("：:")} if first and _ADDRESSEE_RE.match(first[0]) else {}
    if field in ("date_published", "date_written") and not meta.get(field):  # a notice dated, with no publication
        other = "date_written" if field == "date_published" else "date_published"  # date: its 成文日期, so named;
        field = other if meta.get(other) else field  # "什么时候印发的" of one "（…2025年5月20日印发）": that day
    if field == "history":
        lines = list(meta.get("history") or [])
        verb = next((v for v in _HISTORY_VERBS if v in question), "")
        chosen = [h for h in lines if verb and verb in h] or lines[-1:]
        if not chosen:
            return None
        value = "；".join(h.strip().strip("（）()") for h in chosen)  # without the line's brackets
        text = f"{book_title(title)}：{value}。"
    else:
        value = cn_date(meta.get(field, "")) if field.startswith("date") else meta.get(field, "")
        if not value:
            return None
        day = _issue_day(meta, lang) if field == "date_effective" and value.endswith("之日") else ""
        text = (f"{book_title(title)} {_FIELD_NAMES_EN[field]}: {value}{day}." if lang == "en"
                else f"{book_title(title)}的{_FIELD_NAMES[field]}：{value}{day}。")  # "印发之日" and the day it bears
    own = [c for c in chunks if c.doc_id == entry["doc_id"]]
    own = [c for c in own if not c.unit_path.startswith("附件")] + [c for c in own if c.unit_path.startswith("附件")]
    mark = value[:10]  # the document's own text first, then its attachments' ("本办法自…起施行" of 附件2)
    unit = next((c for c in own if mark and _states(c.text, mark, field)), None)
    if unit is None and field == "date_effective":  # "本规定自公布之日起施行"
        mark = "起施行"
        unit = next((c for c in reversed(own) if mark in c.text and not c.unit_path.startswith("附件")), None)
    if unit is not None:
        at = unit.text.find(mark)
        quote = sentence_quote(unit.text, at, at + len(mark))
        cited = citation(unit, quote, 1.0)
        text += f"（{book_title(title)}{unit.unit_path}：{quote}）"
    else:
        cited = Citation(entry["doc_id"], title, "", None, "", "", value, 1.0, "", reference=book_title(title))
    return text, [cited]
