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
    order. A Latin term matches at a word start ("fine" in "fines") or as the same words inflected
    (Snowball stems, each word an inflection of the term's: "agency" in "agencies", "charge" in
    "charging"; not "import" in "important", "install" in "installation"), unless those words were found
    at a word start by another entry."""
    lowered = f" {question.lower()} "
    latin = any(c.isascii() and c.isalpha() for c in lowered)
    words = _WORD_RE.findall(lowered) if latin else []
    stems = _stem_words(tuple(words)) if latin else ()
    starts = {t for t in glossary if t.isascii() and _at_word_start(t, lowered)}
    # "officers" is its own entry: "office" does not start it again
    starts = {t for t in starts if not any(u != t and u.startswith(t) and u.isalpha() for u in starts)}
    # a word found at a word start is not found again under another entry ("charging" is 充电, not also
    # "charge" -> 收费)
    taken = {i for t in starts for i in _inflected_at(t, words, stems)}
    return [formal for term, formal in glossary.items()
            if ((term in starts or not _inflected_at(term, words, stems) <= taken)
                if term.isascii() else term in lowered)]


def _inflected_at(term: str, words: list[str], stems: tuple[str, ...]) -> set[int]:
    """Positions of ``words`` covered where the term's words occur with the same stems, each word an
    inflection of the term's or the other way round ("day" of the entry "days"; :func:`_inflects`)."""
    own = _WORD_RE.findall(term)
    if not own or not words:
        return set()
    own_stems = _stem_words(tuple(own))
    n = len(own)
    found = {i + j for i in range(len(words) - n + 1)
             if stems[i:i + n] == own_stems and all(_same_word(own[j], words[i + j]) for j in range(n))
             for j in range(n)}
    if n == 2 and own[1] in _PARTICLES:  # "send it back" of "send back"
        found |= {p for i in range(len(words) - 2)
                  if words[i + 1] in _OBJECT_PRONOUNS and words[i + 2] == own[1]
                  and stems[i] == own_stems[0] and _same_word(own[0], words[i])
                  for p in (i, i + 2)}
    return found


def _same_word(term: str, word: str) -> bool:
    """Whether ``word`` is ``term`` inflected, or the other way round ("day" of the entry "days")."""
    return _inflects(term, word) or _inflects(word, term)


def _inflects(base: str, word: str) -> bool:
    """True when ``word`` is ``base`` or an inflection or doer of it ("agencies", "charging", "planned",
    "fined", "reviewers"), not a derived word ("important" of "import", "appointment" of "appoint")."""
    if word == base or word in {base + e for e in ("s", "es", "ed", "ing", "er", "ers")}:
        return True
    if base.endswith("e"):
        return word in {base + "d", base + "r", base + "rs", base[:-1] + "ing"}
    if base.endswith("y"):
        return word in {base[:-1] + "ies", base[:-1] + "ied"}
    return word in {base + base[-1] + "ed", base + base[-1] + "ing"}


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
# A phrasal verb's particle, and the pronouns that may stand between it and its verb ("hand them over").
_PARTICLES = frozenset({"back", "over", "down", "up", "out", "off", "away", "in", "on"})
_OBJECT_PRONOUNS = frozenset({"it", "them", "this", "that", "these", "those", "him", "her", "me", "us", "you"})


@lru_cache(maxsize=4096)
def _stem_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Snowball English stems of ``words`` (lower case)."""
    return tuple(_english_stemmer().stemWords(list(words)))


@lru_cache(maxsize=1)
def _english_stemmer():
    import snowballstemmer  # lazily: only questions with Latin words need it

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1024)
def chinese_entries(question: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The entries of the shipped glossary with a Chinese key found in ``question``: ``(key, formal terms)``
    ("拴绳" -> ("犬链", "牵引")); cached, as each answer asks it of the same question several times."""
    return tuple((key, formal) for key, formal in load_glossary().items() if not key.isascii() and key in question)


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
