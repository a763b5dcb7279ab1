"""Query expansion (pure) from a maintainers' glossary of everyday and English wording."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

GLOSSARY_PATH = Path(__file__).with_name("glossary.tsv")


def parse_glossary(text: str) -> dict[str, tuple[str, ...]]:
    """Parse ``term<TAB>formal terms`` lines; ``#`` starts a comment line."""
    entries: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        term, formal = line.split("\t", 1)
        entries[term.strip().lower()] = tuple(formal.split())
    return entries


@lru_cache(maxsize=4)
def load_glossary(path: Path = GLOSSARY_PATH) -> dict[str, tuple[str, ...]]:
    """Load and cache a glossary file."""
    return parse_glossary(path.read_text(encoding="utf-8"))


def matched_entries(question: str, glossary: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The formal terms of each glossary entry found in the question, one tuple per entry, in glossary
    order. A Latin term matches at a word start ("fine" in "fines") or as the same word stems (Snowball:
    "agency" in "agencies", "company" in "companies"), unless those words were found at a word start
    by another entry."""
    lowered = f" {question.lower()} "
    stemmed = _stemmed(lowered) if any(c.isascii() and c.isalpha() for c in lowered) else ""
    stems = _term_stems(id(glossary), tuple(glossary)) if stemmed else {}
    starts = {t for t in glossary if t.isascii() and _at_word_start(t, lowered)}
    # "officers" is its own entry: "office" does not start it again
    starts = {t for t in starts if not any(u != t and u.startswith(t) and u.isalpha() for u in starts)}
    # a word found at a word start is not found again by stem under another entry ("charging" is 充电,
    # not also "charge" -> 收费)
    taken = {w for t in starts for w in stems.get(t, "").split()}
    return [formal for term, formal in glossary.items()
            if ((term in starts or (stems.get(term, "\0") in stemmed and not set(stems[term].split()) <= taken))
                if term.isascii() else term in lowered)]


# What a word may have after a Latin term that starts it: an inflection ("fines", "licensed", "reporting") or,
# after a final e, the doer ("purchaser", "handlers"); not another word ("car" in "carry", "age" in "agency",
# "app" in "applies", "office" in "officers": that word is its own entry when the glossary knows it).
_ENDINGS = frozenset({"", "s", "es", "ed", "ing"})
_E_ENDINGS = frozenset({"d", "r", "rs"})


def _at_word_start(term: str, lowered: str) -> bool:
    """True when ``term`` starts a word of ``lowered`` (after a space or hyphen) and the rest of that word is
    an inflection (``_ENDINGS``, or after a final e one of ``_E_ENDINGS``)."""
    start = lowered.find(term)
    while start >= 0:
        if start > 0 and lowered[start - 1] in " -":
            end = start + len(term)
            while end < len(lowered) and lowered[end].isalpha():
                end += 1
            rest = lowered[start + len(term):end]
            if rest in _ENDINGS or (term.endswith("e") and rest in _E_ENDINGS):
                return True
        start = lowered.find(term, start + 1)
    return False


_WORD_RE = re.compile(r"[a-z0-9]+")


def _stemmed(text: str) -> str:
    """The words of ``text`` (lower case) as Snowball English stems, space-separated, padded."""
    return f" {' '.join(_english_stemmer().stemWords(_WORD_RE.findall(text.lower())))} "


@lru_cache(maxsize=1)
def _english_stemmer():
    import snowballstemmer  # lazily: only questions with Latin words need it

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=8)
def _term_stems(_key: int, terms: tuple[str, ...]) -> dict[str, str]:
    """Stemmed form (see :func:`_stemmed`) of each Latin term of a glossary (cached per glossary)."""
    return {t: _stemmed(t) for t in terms if t.isascii() and _WORD_RE.search(t)}


def expand_terms(question: str, glossary: dict[str, tuple[str, ...]]) -> list[str]:
    """Return the formal terms for every glossary term found in the question.

    Args:
        question: The normalised question.
        glossary: Output of :func:`parse_glossary`.

    Returns:
        Formal terms, without duplicates, in glossary order. Latin terms match at word starts.
    """
    found: list[str] = []
    for formal in matched_entries(question, glossary):
        found.extend(t for t in formal if t not in found)
    return found
