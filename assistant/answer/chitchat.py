"""Small talk (pure): greetings, thanks and "who are you" get a short self-introduction, not a search.

The introduction names the loaded documents and offers three example questions drawn from them: for each
document in turn, a titled unit ("关于“…”有哪些要求？") or, for laws whose articles have no titles, a
chapter ("《…》第二章讲了什么？"), or, for a law with no chapters either, an article ("《…》第二条讲了
什么？"), so the examples always fit the corpus at hand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from assistant.answer.frames import frame, to_simplified
from assistant.records import Chunk
from assistant.text.chinese import book_title

_CHITCHAT_RE = re.compile(  # one phrase or several ("谢谢，辛苦了！", "你好，你是谁")
    r"^(?:(?:你好|您好|你们好|大家好|嗨|哈喽|哈啰|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|早安|晚安"
    r"|谢谢|谢谢你|谢谢您|多谢|感谢|辛苦了|好的|好的谢谢|明白了|知道了|再见|拜拜|谢啦|谢了|非常感谢|太感谢了|太谢谢了"
    r"|(?:谢谢|感谢|多谢)(?:你|您)?(?:的)?(?:帮助|帮忙|回答|解答|耐心)"
    r"|(?:请问)?(?:你是谁|您是谁|你叫什么|你叫什么名字|你能做什么|你可以做什么|您能做什么|你会什么|你能干什么"
    r"|你能帮我(?:做)?什么|你有什么功能|怎么用|如何使用"
    r"|(?:那)?(?:你|您)?(?:都|还)?(?:能|可以|会)(?:为|给|帮)?(?:我|我们)?(?:做|干|帮)(?:些|点)?(?:什么|啥|哪些)(?:事情?|事儿|忙)?"
    r"|(?:你|您)?(?:还)?有(?:什么|哪些|别的|其他)(?:别的|其他)?功能|(?:你|您)?(?:都|还)?(?:能|可以|会)(?:回答|解答)(?:哪些|什么|哪)(?:文件|文档|方面|领域|类)?的?(?:问题)?)"
    r"|(?:请问)?(?:你们?|您)?(?:这里|这儿)?(?:都|一共|现在)?(?:有|加载了|收录了|能查)(?:哪些|什么|几个|多少)"
    r"(?:个)?(?:文件|文档|政策文件|资料)"
    r"|hi|hello|hey|thanks|thanks a lot|many thanks|thank you|thank you very much"
    r"|good morning|good afternoon|good evening|bye|goodbye|see you|who are you"
    r"|(?:hi|hello|hey) there|thanks for (?:your|the) help|thank you for (?:your|the) help"
    r"|what (?:else )?can you do(?: for me| for us)?|what (?:else )?can you help (?:me |us )?with|how do i use this"
    r"|(?:which|what) documents (?:do you have|are loaded|can you answer from|do you know))"
    r"(?:呀|啊|哈|呢|吧|哦|吗|嗎|~)*[ ,]*)+$",
    re.IGNORECASE,
)


def is_chitchat(question: str) -> bool:
    """True for a greeting, thanks, farewell or a question about the assistant itself."""
    text = to_simplified(unicodedata.normalize("NFKC", question).strip())
    text = re.sub(r"[\s,.!?;:，。！？；：、…~]+", "", text) if not text.isascii() else \
        re.sub(r"[\s,.!?;:]+$", "", re.sub(r"\s+", " ", text))
    return bool(_CHITCHAT_RE.match(text))


_ASKING_RE = re.compile(r"^(?:另外|此外|还有|(?:那|那么)?(?:再|还|顺便|麻烦|我)?(?:想|要)?"
                        r"(?:问一下|问下|问一问|问个问题|问一个问题|请问一下|请问)"
                        r"|(?:and |also )?(?:one more question|another question|may i ask|can i ask)\b)[，,：:\s]*",
                        re.IGNORECASE)


# A request to look something up ("你能帮我查一下…吗", "麻烦帮我看看…"): the rest is the question.
_HELP_RE = re.compile(r"(?:[请請]|麻烦|麻煩)?(?:你|您)?(?:能|可以|能不能|可不可以)?(?:[帮幫][我忙]|[给給]我)们?"
                      r"(?:[查看找][一]?[下查看找]|查询一下|查询|查詢|[说說讲講]一下|介[绍紹]一下)[，,：:\s]*")


def without_small_talk(question: str) -> str:
    """The question after the small talk it opens with ("谢谢，再问一下公示几天" -> "公示几天", "你好！请问…",
    "Thanks, how long…") or a request to look it up ("你能帮我查一下补贴标准吗" -> "补贴标准"); the question
    unchanged when it is small talk only or opens with neither."""
    if is_chitchat(question):  # "谢谢你，还有别的功能吗" is small talk whole
        return question
    clauses = re.split(r"(?<=[，,。.！!？?~；;])|(?<=\s)(?=[\u4e00-\u9fff])", question.strip())
    opened = 0
    while opened < len(clauses) - 1 and clauses[opened].strip() and is_chitchat(clauses[opened]):
        opened += 1
    rest = _ASKING_RE.sub("", "".join(clauses[opened:]).strip()) if opened else question.strip()
    if helped := _HELP_RE.match(rest):  # "你能帮我查一下补贴标准吗": what it asks to look up
        rest = re.sub(r"(?:吗|嗎|呢|吧)?[？?。.！!]*$", "", rest[helped.end():]).strip()
    return rest if (opened or helped) and rest and not is_chitchat(rest) else question


def example_questions(units: Sequence[tuple[str, str, str, str]], count: int = 3, lang: str = "zh-Hans") -> list[str]:
    """Example questions from ``(doc_title, level, label, title)`` units in document order, worded in ``lang``
    (the question's language; titles and labels stay as the documents write them).

    Takes documents in turn so that several documents each get an example.
    """
    by_doc: dict[str, list[str]] = {}
    articles: dict[str, list[str]] = {}  # a law with neither titles nor chapters: its articles
    for doc_title, level, label, title in units:
        name = doc_title.strip("《》")
        if title and level not in ("chapter", "section", "book", "part") and 4 <= len(title) <= 24:
            question = frame("example_titled", lang, title=title.rstrip("。"))
        elif level == "chapter" and label:
            question = frame("example_unit", lang, name=book_title(name), label=label)
        else:
            if level == "article" and label and label not in ("第一条", "第1条"):  # 第一条 states the purpose
                unit = frame("example_unit", lang, name=book_title(name), label=label)
                articles.setdefault(doc_title, []).append(unit)
            continue
        by_doc.setdefault(doc_title, []).append(question)
    for doc_title, questions in articles.items():
        if not by_doc.get(doc_title):
            by_doc[doc_title] = questions
    out: list[str] = []
    while len(out) < count and any(by_doc.values()):
        for questions in by_doc.values():
            if questions and len(out) < count:
                out.append(questions.pop(0))
    return out


_THANKS_RE = re.compile(r"谢|感谢|辛苦|thank", re.IGNORECASE)


def thanks(question: str) -> bool:
    """True when small talk thanks ("谢谢", "辛苦了", "thank you"): answered "不客气", not "您好"."""
    return bool(_THANKS_RE.search(question))


_FAREWELL_RE = re.compile(r"^\W*(?:再见|拜拜|bye|goodbye|see you)\W*$", re.IGNORECASE)


def farewell(question: str) -> bool:
    """True when small talk only says goodbye ("再见", "bye"): answered "再见", not "您好"."""
    return bool(_FAREWELL_RE.match(to_simplified(question.strip())))


def introduction(doc_titles: Sequence[str], examples: Sequence[str], lang: str, welcome: bool = False) -> str:
    """The self-introduction: what the assistant does, the loaded documents, and example questions;
    opened by "不客气！" (``welcome``, after thanks) instead of the greeting."""
    loaded = "、".join(book_title(t) for t in doc_titles[:5])
    if len(doc_titles) > 5:
        loaded += f" 等{len(doc_titles)}个文件" if lang != "en" else f" and {len(doc_titles) - 5} more"
    lines = [frame("intro", lang, loaded=loaded or "—")]
    if welcome:
        lines[0] = frame("welcome", lang) + lines[0].split("，" if lang != "en" else ", ", 1)[-1]
    lines += [f"{i}. {q}" for i, q in enumerate(examples, 1)]
    return "\n".join(lines)


def chitchat_text(documents: Sequence[dict], chunks: Sequence[Chunk], lang: str, question: str = "") -> str:
    """The self-introduction: loaded documents and three example questions from their units
    (titled units whose title no other document shares, else chapters, else articles), documents
    in index order; opened by "不客气" instead of a greeting when the ``question`` thanks; a goodbye
    ("再见") gets a goodbye alone."""
    if farewell(question):
        return frame("farewell", lang)
    docs_of_title: dict[str, set[str]] = {}
    for chunk in chunks:
        if chunk.title:
            docs_of_title.setdefault(chunk.title, set()).add(chunk.doc_id)
    units: dict[str, list[tuple[str, str, str, str]]] = {d["doc_id"]: [] for d in documents}
    seen: set[tuple[str, str]] = set()
    for chunk in chunks:
        own = chunk.title and len(docs_of_title[chunk.title]) == 1 and chunk.level != "preamble"
        chapter = chunk.part.startswith("第") and chunk.part.endswith("章") and chunk.part != "第一章"  # not 总则
        article = not (own or chapter) and chunk.level == "article"  # the fallback of a plain law
        key = (chunk.doc_id, chunk.title if own else chunk.label if article else chunk.part)
        if key in seen or not (own or chapter or article) or chunk.doc_id not in units:
            continue
        seen.add(key)
        entry = (chunk.doc_title, chunk.level, chunk.label, chunk.title) if own or article else \
            (chunk.doc_title, "chapter", chunk.part, "")
        units[chunk.doc_id].append(entry)
    ordered = [u for doc_units in units.values() for u in doc_units]
    titles = [d.get("title") or d["doc_id"] for d in documents]
    return introduction(titles, example_questions(ordered, lang=lang), lang, thanks(question))
