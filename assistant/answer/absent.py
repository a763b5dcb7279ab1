"""Things a question asks about that no document names (pure): "需要交保证金吗" where no document
speaks of a 保证金 cannot be answered from them, whatever provision on 质疑 is found."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.scope import yes_no
from assistant.text.chinese import tokenize

# The thing a yes/no question asks whether one must give or do ("需要交保证金吗", "要不要体检"), or may
# sell, keep, carry or apply for ("可以卖烟花爆竹吗", "能申请贴息吗"): after the verb, up to the question's end.
_GIVE = r"(?:交纳|缴纳|交|缴|提供|提交|出具|办理|办|申领|取得|做|考|带|参加|购买|购置|买|投保|配备|安装|佩戴|戴)"
_OBLIGED_RE = re.compile(rf"(?:(?:需要|需不需要|必须){_GIVE}?|(?:要不要|要){_GIVE}"  # "要拴绳": a verb, no thing
                         r"|(?:可以|可不可以|能不能|能|允许)(?:售卖|销售|卖|摆放|携带|带|饲养|养|申请|申领|享受|领取))"
                         r"([\u4e00-\u9fff]{2,6}?)(?:进入|入内|进去|进来|上车)?(?:吗|么|呢)?[？?]?$")  # bring X in


def absent_object(question: str, corpus_text: str, expand: Callable[[str], Sequence[str]] = lambda w: ()) -> str:
    """The object of a yes/no obligation question ("供应商质疑需要交保证金吗": 保证金), one word, when
    neither it nor any glossary term for it (``expand``) occurs in the documents (``corpus_text``):
    they cannot say whether it is needed. Returns that object, or ""."""
    match = _OBLIGED_RE.search(question)
    if not match or not yes_no(question):
        return ""
    thing = match.group(1)

    def named(word: str) -> bool:
        return word in corpus_text or any(t in corpus_text for t in expand(word))

    if named(thing):
        return ""
    # one dictionary word, a thing ("体检", "保证金"), or words none of which the documents name ("公积金贷款");
    # "从头到尾录像" says how (录像 is named), not what
    words = [w for w in tokenize(thing) if len(w) >= 2]
    return thing if thing in tokenize(thing) or (len(words) >= 2 and not any(named(w) for w in words)) else ""
