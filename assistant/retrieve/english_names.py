"""English names of laws and regulations in questions (pure): "the Data Security Law",
"Regulations on the Protection of Critical Information Infrastructure".

A name's topic words are put into Chinese word by word with the glossary (longest entry first);
a name is *unknown* when every topic word has a Chinese term and no loaded title holds those terms
(in any order: "Protection of … Infrastructure" is "…基础设施…保护") with the name's kind (法 for a
law, 条例/规定 for regulations…). A name with a word the glossary does not know ("Anyang",
"Administrative") is neither known nor unknown: nothing is said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text.chinese import fold_traditional, has_cjk

# Kind word -> the Chinese endings of titles of that kind.
KINDS = {"law": ("法",), "regulation": ("条例", "规定"), "regulations": ("条例", "规定"),
         "measures": ("办法",), "provisions": ("规定",), "rules": ("规则", "细则"), "code": ("法典",)}
_KIND = r"(Law|Regulations?|Measures|Provisions|Rules|Code)"
_WORD = r"[A-Z][A-Za-z'-]*"
_TAIL = r"(?:\s+of\s+(?:the\s+)?(?:People's\s+Republic\s+of\s+China|PRC))?"
# "Data Security Law", "Personal Information Protection Law of the People's Republic of China"
_BEFORE_RE = re.compile(rf"\b((?:{_WORD}\s+){{1,6}}){_KIND}\b{_TAIL}")
# "Regulations on the Protection of Critical Information Infrastructure"
_AFTER_RE = re.compile(rf"\b{_KIND}\s+(?:on|for)\s+(?:the\s+)?"
                       rf"((?:{_WORD}|of|and|the|on|for)(?:\s+(?:{_WORD}|of|and|the))*)")
_SUFFIX_RE = re.compile(r"[(（][^()（）]{0,20}[)）]$")
_SKIP = frozenset({"the", "of", "and", "on", "for", "china", "chinese", "prc", "national", "people's"})
# Capitalised words that open a question before a name written without "the" ("Under Personal
# Information Protection Law, …", "Does Cybersecurity Law …"): they are no part of it.
_OPENERS = frozenset({"under", "does", "do", "did", "is", "are", "was", "what", "which", "how", "why", "when",
                      "where", "who", "according", "to", "in", "by", "per", "as", "can", "may", "must", "should",
                      "will", "would", "has", "have", "if", "whether", "see", "about", "from", "with"})


def english_names(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """``(name, topic words)`` of each English law name in the question, topic words lower-case
    without articles, prepositions or the country."""
    out = []
    for regex, kind_group, head_group in ((_BEFORE_RE, 2, 1), (_AFTER_RE, 1, 2)):
        for m in regex.finditer(question):
            head = m.group(head_group).lower().split()
            opening = 0
            while regex is _BEFORE_RE and opening < len(head) and head[opening] in _OPENERS:
                opening += 1
            name = " ".join(m.group(0).split()[opening:])
            words = tuple(w for w in head[opening:] if w not in _SKIP)
            if words and m.group(kind_group).lower() in KINDS:
                out.append((name, (m.group(kind_group).lower(), *words)))
    return out


def chinese_terms(words: Sequence[str], glossary: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    """The Chinese options of each run of ``words`` (longest glossary entry first), or None when a
    word has no entry."""
    out, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            options = glossary.get(" ".join(words[i:j]))
            if options:
                out.append(options)
                i = j
                break
        else:
            return None
    return out


def _holds(title: str, terms: list[tuple[str, ...]], endings: tuple[str, ...]) -> bool:
    """Every run's term somewhere in the title (English and Chinese order differ), which ends in the
    name's kind (a 办法 is no 法; "（试行）" and the like set aside); titles compared in simplified form."""
    title = _SUFFIX_RE.sub("", fold_traditional(title).strip())
    kind = title.endswith(endings) and not (endings == ("法",) and title.endswith("办法"))
    return kind and all(any(t in title for t in options) for options in terms)


def unknown_english_names(question: str, titles: Sequence[str],
                          glossary: dict[str, tuple[str, ...]]) -> list[str]:
    """English law names in the question that no loaded title (``titles``) matches (see the module
    docstring); names with a word the glossary lacks are left out."""
    unknown = []
    for name, (kind, *words) in english_names(question):
        terms = chinese_terms((*words, kind), glossary) or chinese_terms(words, glossary)  # "civil code": 民法典
        if terms is not None and not any(_holds(t, terms, KINDS[kind]) for t in titles):
            unknown.append(name)
    return unknown


# A document called by its type in English ("the guideline", "the pilot plan", "this notice"): the types
# of Chinese titles it stands for.
_TYPE_WORDS = {"guideline": ("指导意见",), "guidelines": ("指导意见",), "opinion": ("意见",), "opinions": ("意见",),
               "plan": ("方案", "计划", "规划"), "notice": ("通知",), "circular": ("通知",), "law": ("法",),
               "regulation": ("条例",), "regulations": ("条例",), "provisions": ("规定",),
               "measures": ("办法", "措施"), "decision": ("决定",)}
_THE_TYPE_RE = re.compile(rf"(?i)\b(?:the|this)\s+(?:[\w'-]+\s+){{0,4}}?({'|'.join(_TYPE_WORDS)})\b")


def english_named(question: str, names: Sequence, glossary: dict[str, tuple[str, ...]]) -> list[str]:
    """doc_ids of the loaded documents (``names``: ``docnames.DocName``) an English question names: by an
    English name the glossary puts into Chinese ("the Government Procurement Law" holds 政府 采购 and ends
    in 法), else by its type when one document alone is of that type ("the guideline" with one 指导意见
    loaded, as "办法第九条" with one 办法); [] for a question with Chinese characters."""
    if has_cjk(question):
        return []
    found = []
    for _, (kind, *words) in english_names(question):
        terms = chinese_terms((*words, kind), glossary) or chinese_terms(words, glossary)
        found += [d.doc_id for d in names if terms is not None and _holds(d.title, terms, KINDS[kind])]
    for match in ([] if found else _THE_TYPE_RE.finditer(question)):
        typed = [d for d in names if set(d.kinds) & set(_TYPE_WORDS[match.group(1).lower()])]
        if len(typed) > 1:  # "the employment measures" with a 办法 and a 措施: the one whose title says 就业
            words = [glossary[w] for w in match.group(0).lower().split()[1:-1] if w not in _SKIP and w in glossary]
            typed = [d for d in typed if words and all(any(t in d.title for t in w) for w in words)]
        found += [typed[0].doc_id] if len(typed) == 1 else []
    return [d.doc_id for d in names if d.doc_id in found]
