"""The text engines, loaded on first use: OpenCC converters and jieba with the corpus's own words."""

from __future__ import annotations

import threading
from functools import lru_cache

JIEBA_LOCK = threading.Lock()  # held while jieba (or its part-of-speech tagger) is set up
_jieba_ready: set[str] = set()


@lru_cache(maxsize=2)
def opencc_converter(config: str = "t2s"):
    """An OpenCC converter: "t2s" (traditional -> simplified, character by character; leaves
    simplified text alone) or "tw2sp" (with Taiwan phrases, for questions written in traditional
    characters only: its phrase table rewrites simplified text too, 建立 -> 创建)."""
    import opencc

    return opencc.OpenCC(config)


def jieba_engine(user_words: tuple[str, ...] = ()):
    """The jieba module, initialised (quietly) and with ``user_words`` added to its dictionary."""
    import jieba

    key = "\n".join(user_words)
    if key not in _jieba_ready:
        with JIEBA_LOCK:
            if key not in _jieba_ready:
                jieba.setLogLevel(60)
                jieba.initialize()
                for word in user_words:
                    jieba.add_word(word, freq=2000)
                _jieba_ready.add(key)
    return jieba


def jieba_generation() -> int:
    """Grows whenever words are added to jieba's dictionary (a key for caches of tokenisations)."""
    return len(_jieba_ready)
