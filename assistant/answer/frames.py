"""Answer frames (pure): the fixed words around quotes, in the question's language.

Quotes stay verbatim in the documents' language; only the frame follows the question: simplified
Chinese by default, traditional Chinese for a question written in 繁體, English for a question with no
Chinese characters. The traditional frame is the simplified one converted with OpenCC (s2t).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.chinese import has_cjk

_FRAMES = {
    "not_found": ("文件中未找到与该问题直接相关的内容。",
                  "The loaded documents do not answer this question."),
    "related": ("以下内容可能相关：", "These provisions may be related:"),
    "sources": ("出处", "Sources"),
    "others": ("其他相关", "Other related"),
    "unknown_document": ("已加载的文件中没有{names}，无法据此回答。已加载的文件：{loaded}。",
                         "{names} is not among the loaded documents, so this cannot be answered from them. "
                         "Loaded documents: {loaded}."),
    "welcome": ("不客气！", "You're welcome! "),
    "farewell": ("再见！有问题随时来问。", "Goodbye! Ask again any time."),
    "intro": ("您好，我是政策问答助手，只依据已加载的文件回答问题，并注明每句话的出处。已加载的文件：{loaded}。"
              "您可以这样问：",
              "Hello, I am the policy Q&A assistant. I answer only from the loaded documents and cite the "
              "provision each sentence comes from. Loaded documents: {loaded}. You could ask:"),
    "example_titled": ("关于“{title}”有哪些要求？", "What is required on \"{title}\"?"),
    "example_unit": ("{name}{label}讲了什么？", "What does {label} of {name} say?"),
    "no_unit": ("{title}中没有{label}，无法据此回答。",
                "{title} has no {label}; this cannot be answered from it."),
    "no_unit_any": ("已加载的文件中都没有{label}，无法据此回答。",
                    "None of the loaded documents has {label}; this cannot be answered from them."),
    "no_metadata": ("{title}中没有写明{field}。", "{title} does not state this ({field})."),
    "several_articles": ("{docs}都有{label}，先按最可能的{title}回答：",
                         "Each of {docs} has {label}; answering from the most likely one, {title}:"),
    "sections": ("{name}分为{count}节：", "{name} is divided into {count} sections:"),
    "no_sections": ("{name}不分节，共{count}条：", "{name} has no sections; its {count} articles:"),
    "outline_chapter": ("{name}共{count}章：", "{name} has {count} chapters:"),
    "outline_book": ("{name}共{count}编：", "{name} has {count} books:"),
    "attachments": ("{name}有{count}个附件：", "{name} has {count} attachments:"),
    "part_items": ("{name}包括以下{count}项：", "{name} has {count} items:"),
    "part_tasks": ("{name}包括以下{count}项任务：", "{name} has {count} tasks:"),
    "outline_part": ("{name}共分{count}个部分：", "{name} has {count} parts:"),
    "body_tasks": ("文件中写明由{body}负责或参与的有{count}项：",
                   "{count} units name {body} among those responsible:"),
    "body_leads": ("文件中写明由{body}牵头的有{count}项：", "{count} units name {body} as the lead:"),
    "body_assists": ("文件中写明由{body}配合的有{count}项：", "{count} units name {body} as a supporting body:"),
    "sanctioned_acts": ("{name}中设定处罚的条文有{count}条：", "{name} has {count} articles that sanction a breach:"),
}


# Chinese an English question may quote: a document's name in 《》 or quotes, a unit's label (第二章, 第十三条).
_NAMES_RE = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"|第[零〇一二三四五六七八九十百千\d]+[编章节条款项]"
                       r"|[（(][一二三四五六七八九十]+[）)]")


def language(question: str) -> str:
    """"en" for a question in English (no Chinese characters but those of the document names and unit labels
    it quotes), "zh-Hant" for one in traditional characters, else "zh-Hans"."""
    english = _NAMES_RE.sub(" ", question)  # "What does 第二章 of 《…条例》 say?" is English naming Chinese text
    if not has_cjk(english) and re.search(r"[A-Za-z]{2}", english):
        return "en"
    if not has_cjk(question):
        return "zh-Hans"
    han = "".join(re.findall(r"[\u4e00-\u9fff]", question))
    return "zh-Hant" if _s2t_differs(han) else "zh-Hans"


def frame(key: str, lang: str, **values: str) -> str:
    """The frame ``key`` in ``lang`` with ``values`` filled in.

    Raises:
        KeyError: For an unknown key.
    """
    zh, en = _FRAMES[key]
    if lang == "en":
        return en.format(**values)
    return (to_traditional(zh) if lang == "zh-Hant" else zh).format(**values)


def _s2t_differs(han: str) -> bool:
    """True when the text reads as traditional: converting it to simplified changes it."""
    return bool(han) and _converter("t2s").convert(han) != han


def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified (OpenCC t2s); other text unchanged."""
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    """Simplified characters converted to traditional (OpenCC s2t), for the fixed words of a frame."""
    return _converter("s2t").convert(text)


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)
