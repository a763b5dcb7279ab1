"""Questions about another place's rules (pure but for the cached glossary): "北京市…有什么规定" answered from
《云溪市…条例》 is not answered at all."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.text.chinese import fold_traditional, has_cjk, named_terms, word_frequency
from assistant.text.glossary import load_glossary, matched_entries
from assistant.text.places import JURISDICTIONS, title_place

_PLACE_SUFFIX_RE = re.compile(rf"(?:{JURISDICTIONS}|区)$")


_OPENING_PLACE_RE = re.compile(r"([\u4e00-\u9fff]{2,3})(?:省|市|县)(?=的|[\u4e00-\u9fff])")


def other_jurisdiction(question: str, doc_title: str, corpus_text: str, titles: Sequence[str] = ()) -> bool:
    """True when the question names a province, city or county that no document mentions, or whose own
    document is another of ``titles`` (the loaded documents' titles), while the answering document is another
    place's own ("北京市…有什么规定" and 《云溪市…条例》; "澄川市图书馆…" and 《青岚市…办法》 beside 《澄川市…意见》);
    a national law (no place in its title) answers for every place. The glossary's gazetteer names places
    without their 市/省 too ("上海…上牌", English "Beijing" -> 北京市 北京) when no document mentions them."""
    own = title_place(fold_traditional(doc_title))
    # another document's place of the same rank: one city's rules never answer for another (a province's may)
    others = {p for p in (title_place(fold_traditional(t)) for t in titles) if p and p != own and p[-1:] == own[-1:]}
    if has_cjk(question):
        names = named_terms(question)  # whole names: not 合肥 in 复合肥料, 海口 in 上海口岸
        places = [t for t in names if _PLACE_SUFFIX_RE.search(t) and len(t) >= 3]
        places += [full for full, short in _gazetteer() if short in names and short not in corpus_text]
    else:  # "Does Beijing have …": the gazetteer's entries the question names (not "smart city" -> 智慧城市)
        matched = set(matched_entries(question, load_glossary()))
        places = [full for full, short in _gazetteer() if (full, short) in matched and short not in corpus_text]
    folded = fold_traditional(question)
    places += [p for p in others if p in folded]  # "青岚市老旧小区…": jieba tags no 青岚市
    # "西岭省的…": a place no dictionary knows, so no tagger either (not "咱们市…", "新型智慧城市…")
    opening = _OPENING_PLACE_RE.match(folded)
    places += [opening.group(0)] if opening and not word_frequency(opening.group(0)) \
        and not re.search(r"[们个全本该各每这那此其外哪何城]", opening.group(1)) else []
    return bool(own) and any((p not in corpus_text or p in others) and p != own for p in places)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[tuple[str, str], ...]:
    """(full name, short name) of the provinces and cities the glossary names in English ("上海市", "上海"):
    a Chinese question may say "上海" without 市."""
    return tuple((e[0], e[1]) for k, e in load_glossary().items()
                 if k.isascii() and len(e) == 2 and _PLACE_SUFFIX_RE.search(e[0]) and e[0].startswith(e[1]))
