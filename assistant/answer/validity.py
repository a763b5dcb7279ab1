"""A document's own period of validity (pure): "本方案自印发之日起施行，有效期至2027年12月31日。" in its
closing words answers "这个方案有效期到什么时候" ("至2027年12月31日"), and "有效期5年" answers "有效期几年".

Read from the document's own units (its attachments aside), last first: the period is stated in its
closing words, and a 红包's "有效期不超过15日" inside a task is no period of the document's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.citing import citation
from assistant.answer.quotes import sentence_quote
from assistant.records import Chunk, Citation
from assistant.text.chinese import book_title
from assistant.text.patterns import SELF_NAMED

# What asks a document's period of validity (with nothing but its name besides: see ``direct.meta_fields``).
CUE_RE = re.compile(r"有效期|执行期|(?:什么时候|何时|哪天|哪一天|哪年|几时)(?:失效|到期|截止)"
                    r"|(?:失效|到期)(?:日期|时间)")
CUE_EN_RE = re.compile(r"(?i)\bexpir(?:e|es|y|ation)\b|\bvalid (?:until|through|for)\b|\bvalidity\b")
# "本方案…有效期至2027年12月31日" / "本通知…有效期5年" / "本措施…执行期至…": the document's own period.
_VALIDITY_RE = re.compile(SELF_NAMED +
                          r"[^。\n]{0,40}?(?:有效期|执行期|实施期|试行期)(?:为|是)?\s*((?:至|到|截至)[^，,。；;\n]{4,16}?(?:日|止)"
                          r"|[\d一二三四五六七八九十两]+\s*年)")


def validity_answer(entry: dict, chunks: Sequence[Chunk], lang: str = "zh-Hans"
                    ) -> tuple[str, list[Citation]] | None:
    """The period of validity the document ``entry`` (a manifest entry) states for itself, quoting the
    sentence that states it, framed in ``lang``; None when its own units state none."""
    title = book_title(entry.get("title") or entry["doc_id"])
    own = [c for c in chunks if c.doc_id == entry["doc_id"] and not c.unit_path.startswith("附件")]
    for chunk in reversed(own):
        match = _VALIDITY_RE.search(chunk.text)
        if match is None:
            continue
        quote = sentence_quote(chunk.text, match.start(), match.end())
        value = re.sub(r"\s+", "", match.group(1))
        text = (f"{title} is valid {value}." if lang == "en" else f"{title}的有效期：{value}。") + \
            f"（{title}{chunk.unit_path}：{quote}）"
        return text, [citation(chunk, quote, 1.0)]
    return None
