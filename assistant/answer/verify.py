"""Citation verification (pure): every label an LLM writes must name a retrieved section that supports it.

The rule, applied to each sentence of a generated answer:

1. **Sentences.** The text is split after 。！？!?；; and line breaks; citation tags right after the
   end mark ("……6.5万架。（十七）") belong to the sentence before them. ``<think>…</think>`` blocks of
   reasoning models are dropped first.
2. **Tags.** A tag is a bracketed section name: （十七）, (十七), （第三章 第十一条）, （二、1.）, （引言）,
   optionally with a document title, （《…》（十七））, 《…》（十七） or （《…》第十一条）. Other brackets ("（含）",
   "（以下简称…）") are ordinary text. Names are compared after NFKC width folding and with spaces
   removed, so （十七） and (十七) are the same tag but (17) is not.
3. **Resolution.** A tag resolves to the retrieved sources whose path label (or, when the path has
   several parts, whose last part alone) equals its name, and whose document title equals the tag's
   title when it gives one. A tag that names no retrieved source is *unknown*, even when the
   document has such a section: the model was not shown it.
4. **Support.** The sentence without its tags, list markers and punctuation is compared with the
   text of the cited sources by *character-bigram containment*: the share of the sentence's distinct
   character bigrams (CJK characters, letters, digits and the decimal point; the particles in
   ``STOP_CHARS`` dropped) that occur in the source text. A sentence stands when (a) it has at
   least ``MIN_CONTENT_CHARS`` content characters, (b) every tag resolves, (c) all cited sources
   together contain at least ``MIN_SUPPORT`` of its bigrams, (d) each cited source alone contains at
   least ``MIN_TAG_SUPPORT`` of them (a tag riding along on another's support fails), and (e) every
   Arabic number in it ("6.5", "10000", "35") occurs as a number in the cited text. The thresholds
   were set by hand on paraphrases of the plan's tasks: faithful paraphrases kept 0.6–1.0 of their
   bigrams, claims cited to the wrong task 0.06–0.17; the half of a two-task sentence that belongs
   to the second task kept 0.22 there.
5. **Injection.** A sentence that passes (a)–(e) is still not verified, and is flagged
   ``"injection"``, when the source sentence that supports it best, or a sentence next to it in the
   same source, looks like text addressed to the model (a delimiter look-alike, an order to ignore
   the rules, a forced "回答："; see :func:`guard.instruction_like`): the model was told to treat the
   sources as data, so such a sentence can plant a claim that contradicts the rest of the section.
6. **Fallback.** :func:`falls_back` is true when no sentence is verified or the verified share is
   below ``min_share`` (default 0.5): the caller then answers extractively.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer.guard import instruction_like
from assistant.text.sentences import split_sentences

MIN_CONTENT_CHARS = 4
MIN_SUPPORT = 0.5
MIN_TAG_SUPPORT = 0.2
# Particles dropped before bigrams are made, so "数据中心的标准" matches "数据中心标准".
STOP_CHARS = frozenset("的了着")

_NUMERAL = r"[零〇一二三四五六七八九十百千\d]+"
# A section name inside brackets: 十七 / 第三章 第十一条 / 二、1. / 引言 (no other words).
_NAME = rf"(?:引言|(?:第?{_NUMERAL}[章节条款项]?[、.．]?[ \t\u3000]*)+)"
_TAG_RE = re.compile(
    rf"(?:[（(]《(?P<t0>[^《》\n]{{1,80}})》[ \t]*[（(](?P<n0>{_NAME})[）)][）)])"  # （《…》（十七））
    rf"|(?:《(?P<t1>[^《》\n]{{1,80}})》[ \t]*[（(](?P<n1>{_NAME})[）)])"
    rf"|(?:[（(]《(?P<t2>[^《》\n]{{1,80}})》[ \t]*(?P<n2>{_NAME})[）)])"
    rf"|(?:[（(](?P<n3>{_NAME})[）)])"
)
_LEADING_TAGS_RE = re.compile(rf"^(?:[ \t\u3000]*(?:{_TAG_RE.pattern}))+")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.、)）](?!\d)|[（(]\d{1,2}[）)])\s*")
_THINK_RE = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Source:
    """A retrieved section as the model was shown it.

    Attributes:
        name: Its path label, e.g. "（十七）", "第三章 第十一条", "二、1.".
        doc_title: Title of its document.
        text: Its whole text.
    """

    name: str
    doc_title: str
    text: str


@dataclass(frozen=True)
class Tag:
    """A citation tag found in generated text: as written, its document title (or "") and its name."""

    raw: str
    doc_title: str
    name: str


@dataclass(frozen=True)
class SentenceCheck:
    """The verdict on one generated sentence.

    Attributes:
        text: The sentence as generated, tags included.
        labels: Its tags as written.
        verified: True when every tag resolves and the cited sources support the sentence.
        reason: Why not: "no_label", "too_short", "unknown_label", "not_supported",
            "number_not_found", "injection"; None when verified.
        sources: Indices of the sources its tags resolve to, in tag order.
        support: Bigram containment in the cited sources together (0–1).
        flag: "injection" when its support comes from instruction-like source text, else None.
    """

    text: str
    labels: tuple[str, ...]
    verified: bool
    reason: str | None
    sources: tuple[int, ...] = ()
    support: float = 0.0
    flag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The sentence's entry in the JSON contract."""
        return {"text": self.text, "labels": list(self.labels), "verified": self.verified,
                "reason": self.reason, "flag": self.flag}


def name_key(name: str) -> str:
    """Comparable form of a section name: width-folded, brackets and spaces removed."""
    folded = unicodedata.normalize("NFKC", name)
    return re.sub(r"\s+", "", folded).removeprefix("(").removesuffix(")")


def generated_sentences(text: str) -> list[str]:
    """Split generated text into sentences (see ``text.chinese.split_sentences``), without any
    ``<think>`` block; citation tags right after an end mark join the sentence before."""
    text = _THINK_RE.sub("", text)
    out: list[list[int]] = []  # [start, end] of each sentence in ``text``
    for start, end in split_sentences(text):
        lead = _LEADING_TAGS_RE.match(text[start:end])
        if lead and out:
            out[-1][1] = start = start + lead.end()
        if text[start:end].strip():
            out.append([start, end])
    return [text[s:e].strip() for s, e in out if text[s:e].strip()]


def find_tags(sentence: str) -> list[Tag]:
    """The citation tags of a sentence, in order."""
    tags = []
    for m in _TAG_RE.finditer(sentence):
        title = m.group("t0") or m.group("t1") or m.group("t2") or ""
        name = m.group("n0") or m.group("n1") or m.group("n2") or m.group("n3")
        tags.append(Tag(m.group(0), title.strip(), name_key(name)))
    return tags


def strip_tags(sentence: str) -> str:
    """The sentence without its tags and without a leading list marker."""
    return _LIST_MARK_RE.sub("", _TAG_RE.sub("", sentence), count=1).strip()


def resolve(tag: Tag, sources: Sequence[Source]) -> list[int]:
    """Indices of the sources a tag names (empty: unknown tag)."""
    title = name_key(tag.doc_title)
    same_doc = [i for i, s in enumerate(sources) if not title or name_key(s.doc_title) == title]
    full = [i for i in same_doc if name_key(sources[i].name) == tag.name]
    if full:
        return full
    return [i for i in same_doc if name_key(sources[i].name.split()[-1] if sources[i].name.split() else "")
            == tag.name]


def _content(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in folded if (c.isalnum() or c == ".") and c not in STOP_CHARS)


def bigrams(text: str) -> set[str]:
    """Distinct character bigrams of the content characters of ``text``."""
    chars = _content(text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def support(sentence: str, source_text: str) -> float:
    """Share of the sentence's character bigrams that occur in ``source_text`` (0–1)."""
    wanted = bigrams(sentence)
    if not wanted:
        return 0.0
    return len(wanted & bigrams(source_text)) / len(wanted)


def numbers_found(sentence: str, source_text: str) -> bool:
    """True if every Arabic number of the sentence occurs as a number in ``source_text``."""
    have = set(_NUMBER_RE.findall(unicodedata.normalize("NFKC", source_text)))
    return all(n in have for n in _NUMBER_RE.findall(unicodedata.normalize("NFKC", sentence)))


def check_sentence(sentence: str, sources: Sequence[Source]) -> SentenceCheck:
    """Verify one generated sentence against the retrieved sources (see the module docstring)."""
    tags = find_tags(sentence)
    labels = tuple(t.raw for t in tags)
    body = strip_tags(sentence)
    if not tags:
        return SentenceCheck(sentence, labels, False, "no_label")
    if len(_content(body)) < MIN_CONTENT_CHARS:
        return SentenceCheck(sentence, labels, False, "too_short")
    resolved = [resolve(t, sources) for t in tags]
    cited = tuple(dict.fromkeys(i for found in resolved for i in found))
    if any(not found for found in resolved):
        return SentenceCheck(sentence, labels, False, "unknown_label", cited)
    text = "\n".join(sources[i].text for i in cited)
    share = round(support(body, text), 3)
    each = [max(support(body, sources[i].text) for i in found) for found in resolved]
    if share < MIN_SUPPORT or min(each) < MIN_TAG_SUPPORT:
        return SentenceCheck(sentence, labels, False, "not_supported", cited, share)
    if not numbers_found(body, text):
        return SentenceCheck(sentence, labels, False, "number_not_found", cited, share)
    if any(injected_support(body, sources[i].text) for i in cited):
        return SentenceCheck(sentence, labels, False, "injection", cited, share, flag="injection")
    return SentenceCheck(sentence, labels, True, None, cited, share)


def check(text: str, sources: Sequence[Source]) -> list[SentenceCheck]:
    """Verify every sentence of a generated answer."""
    return [check_sentence(s, sources) for s in generated_sentences(text)]


def falls_back(checks: Sequence[SentenceCheck], min_share: float = 0.5) -> bool:
    """True when too little verifies: no sentence at all, or a verified share below ``min_share``."""
    verified = sum(c.verified for c in checks)
    return verified == 0 or verified / len(checks) < min_share


def _source_sentences(source_text: str) -> list[str]:
    return [p.strip() for p in re.findall(r"[^。！？!?；;\n]*[。！？!?；;]?", source_text) if p.strip()]


def _best_index(sentence: str, parts: Sequence[str]) -> int:
    wanted = bigrams(strip_tags(sentence))
    return max(range(len(parts)), key=lambda i: (len(wanted & bigrams(parts[i])), -i))


def best_quote(sentence: str, source_text: str) -> str:
    """The sentence of ``source_text`` (verbatim) that shares the most bigrams with ``sentence``."""
    parts = _source_sentences(source_text)
    return parts[_best_index(sentence, parts)] if parts else source_text


def injected_support(sentence: str, source_text: str) -> bool:
    """True if the source sentence that best supports ``sentence``, or one next to it, is
    instruction-like (see :func:`guard.instruction_like`)."""
    parts = _source_sentences(source_text)
    if not parts:
        return False
    best = _best_index(sentence, parts)
    return any(instruction_like(p) for p in parts[max(best - 1, 0):best + 2])


def display_text(check: SentenceCheck) -> str:
    """How a sentence appears in the answer text: as generated when verified, else without its tags
    and marked "〔未核实〕", so an unsupported tag never reads as a citation."""
    if check.verified:
        return check.text
    return f"{_TAG_RE.sub('', check.text).strip()}〔未核实〕"
