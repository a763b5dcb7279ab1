"""Which loaded documents a question refers to (pure): by a name (:mod:`assistant.retrieve.docnames`), or by
its type word alone right before a reference when only one document is of that type ("办法第九条")."""

from __future__ import annotations

import re
from collections import Counter

from assistant.retrieve.docnames import DOC_TYPES, DocName, named
from assistant.text.patterns import ABOUT_ANOTHER_RE


def named_documents(question: str, names: list[DocName]) -> list[str]:
    """The doc_ids, in index order, of the documents a question names (see
    :mod:`assistant.retrieve.docnames`), or, when it names none, of the only document of a type
    right before a reference ("办法第九条" with one 办法, "方案第二条" with one notice issuing a 方案)."""
    found = named(question, names)
    if len(found) > 1:  # "稳就业若干措施第三部分": the 措施's notice, not "《…若干措施》政策解读" about it
        text = re.sub(r"\s+", "", question)
        found = [d for d in found if not _about_another(_by_id(names, d), text)] or found
    if found:
        return found
    counts = Counter(k for doc in names for k in set(doc.kinds))
    return [doc.doc_id for doc in names if any(counts[k] == 1 and re.search(
        rf"{_not_longer(k, doc.kinds)}{k}(?:的|里|中)?\s*第", question) for k in doc.kinds)]


def _not_longer(kind: str, kinds: tuple[str, ...]) -> str:
    """Look-behinds keeping a document's type word from matching the end of a longer one that is not its
    own ("法" in "办法"; "办法" in "管理办法" only when the document is no 管理办法)."""
    return "".join(f"(?<!{k[: -len(kind)]})" for k in DOC_TYPES if k not in kinds and k.endswith(kind) and k != kind)


def _about_another(doc: DocName, text: str) -> bool:
    """True when the document's title opens with another's name in 《》 ("《…若干措施》政策解读": a reading of it) and
    the question does not say the rest ("政策解读"): the question names the other one."""
    about = ABOUT_ANOTHER_RE.fullmatch(doc.title)
    return bool(about) and about.group(2) not in text and not any(k in text for k in doc.kinds)  # its own kinds


def _by_id(names: list[DocName], doc_id: str) -> DocName:
    return next(d for d in names if d.doc_id == doc_id)
