"""Out-of-scope signals (pure): requests that are not questions about the documents, answer types
a section cannot supply, and how much closer a question is to background topics than to the documents."""

from __future__ import annotations

import re

import numpy as np

# Requests addressed to the assistant itself: instructions to drop its rules, role play, chit-chat,
# writing or translation tasks. Generic phrasings, written for this project.
_META_RE = re.compile(
    r"(?:忽略|无视|不要管|不用管|别管|忘掉|忘记).{0,8}(?:指令|指示|提示|规则|设定|以上|之前|上面|文档|文件|内容|要求)"
    r"|提示词|系统提示|system\s*prompt|开发者模式|调试模式|越狱|jailbreak|扮演|你现在是|假装你是"
    r"|(?:输出|告诉我|显示).{0,6}(?:配置|密钥|口令)"
    r"|^(?:你好|您好|嗨|哈喽|在吗|谢谢|再见|早上好|晚上好|hi|hello)\W*$|你是谁|你叫什么|谁开发的你|你用的是什么模型"
    r"|(?:写|作)一(?:首|篇|封|段)|翻译(?:成|为)|讲个笑话"
    r"|ignore (?:all )?(?:the )?(?:previous|prior|above)|who are you",
    re.IGNORECASE,
)

# Answer types: (the question asks for …, evidence a section must contain to supply it).
_ANSWER_TYPES = (
    (re.compile(r"什么时候|啥时候|何时|哪天|哪一天|几号|几月份|截止|哪年"),
     re.compile(r"\d+月|\d+日|月底|年底|年内|季度|上半年|下半年")),
    (re.compile(r"多少钱|多少元|多少亿|多少万元|金额|价格|电价|费用|补助多少|补贴多少|补贴标准|预算|投资多少|总投资"),
     re.compile(r"元|资金")),
    (re.compile(r"哪家公司|哪个公司|哪家企业|哪些公司|谁承建|谁建设|哪个厂商|哪家单位"),
     re.compile(r"公司|集团|有限")),
    (re.compile(r"是谁|叫什么名字|负责人|局长|处长|主任是"),
     re.compile(r"同志|局长|主任")),
    (re.compile(r"电话|地址|邮箱|网址|在哪开|在哪里开|在哪看"),
     re.compile(r"电话|地址|路\d+号|网址|www|@")),
)


def meta_request(question: str) -> bool:
    """True if the question addresses the assistant (instructions, chit-chat, writing tasks).

    Args:
        question: The normalised question.
    """
    return bool(_META_RE.search(question.strip()))


def missing_answer_type(question: str, text: str) -> bool:
    """True if the question asks for a date, sum of money, company, person or contact detail
    and ``text`` (the top section) contains nothing of that kind.

    Args:
        question: The normalised question.
        text: The text of the section that would answer it.
    """
    return any(asks.search(question) and not evidence.search(text)
               for asks, evidence in _ANSWER_TYPES)


# Above this many document sentences the best one is taken among the retrieved candidates' sentences
# (already scored) instead of all of them: at 300,000+ sentences the full product costs ~30-60 ms.
EXACT_CONTRAST_MAX = 100_000


def background_contrast(query_vector: np.ndarray, document_vectors: np.ndarray,
                        background_vectors: np.ndarray, candidate_scores: dict | None = None) -> float:
    """Best similarity of the question to a document sentence minus its best to a background one.

    Args:
        query_vector: The question's unit vector.
        document_vectors: ``(n, dim)`` unit vectors of the document sentences.
        background_vectors: ``(m, dim)`` unit vectors of the background sentences (may be empty).
        candidate_scores: Similarities of the retrieved candidates' sentences, used instead of all
            document sentences when there are more than ``EXACT_CONTRAST_MAX`` of them.

    Returns:
        The margin; negative when the question is closer to a topic the documents do not cover.
    """
    if candidate_scores and len(document_vectors) > EXACT_CONTRAST_MAX:
        best_document = max(candidate_scores.values())
    else:
        best_document = float((document_vectors @ query_vector).max()) if len(document_vectors) else 0.0
    best_background = (float((background_vectors @ query_vector).max()) if len(background_vectors)
                       else 0.0)
    return best_document - best_background
