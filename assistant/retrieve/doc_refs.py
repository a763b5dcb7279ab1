"""Which loaded documents a question refers to (pure): by a name (:mod:`assistant.retrieve.docnames`), or by
its type word alone right before a reference when only one document is of that type ("办法第九条")."""

from __future__ import annotations

import re
from collections import Counter

from assistant.retrieve.docnames import DOC_TYPES, DocName, named


def named_documents(question: str, names: list[DocName]) -> list[str]:
    """The doc_ids, in index order, of the documents a question names (see
    :mod:`assistant.retrieve.docnames`), or, when it names none, of the only document of a type
    right before a reference ("办法第九条" with one 办法, "方案第二条" with one notice issuing a 方案)."""
    found = named(question, names)
    if found:
        return found
    counts = Counter(k for doc in names for k in set(doc.kinds))
    return [doc.doc_id for doc in names if any(counts[k] == 1 and re.search(
        rf"{_not_longer(k, doc.kinds)}{k}(?:的|里|中)?\s*第", question) for k in doc.kinds)]


def _not_longer(kind: str, kinds: tuple[str, ...]) -> str:
    """Look-behinds keeping a document's type word from matching the end of a longer one that is not its
    own ("法" in "办法"; "办法" in "管理办法" only when the document is no 管理办法)."""
    return "".join(f"(?<!{k[: -len(kind)]})" for k in DOC_TYPES if k not in kinds and k.endswith(kind) and k != kind)
