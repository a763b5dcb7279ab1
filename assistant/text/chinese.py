"""Text helpers: query normalisation and jieba tokenisation (sentences: :mod:`assistant.text.sentences`)."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from assistant.text.engines import JIEBA_LOCK as _JIEBA_LOCK
from assistant.text.engines import jieba_engine as _jieba
from assistant.text.engines import jieba_generation
from assistant.text.engines import opencc_converter as _opencc
from assistant.text.script import simplified_question

_SPACES_RE = re.compile(r"\s+")
_TOKEN_KEEP_RE = re.compile(r"[0-9a-z\u4e00-\u9fff]")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")

# Function words and question words that carry no topic. Written for this project.
STOPWORDS = frozenset(
    """
    的 了 和 与 及 并 或 等 是 在 有 为 对 把 被 将 也 都 就 还 又 而 之 其 这 那 哪 个 些 吗 呢 吧 啊 呀 么
    我 你 他 她 它 我们 你们 他们 咱们 咱 大家 自己 本 该 此 各 每 某
    什么 怎么 怎样 如何 哪些 哪个 哪里 多少 几个 几项 是否 有没有 是不是 能否 可以 能 会 要 需要 应该 请问
    请 告诉 一下 介绍 说说 讲讲 讲 说 谈谈 列出 列举 具体 主要 内容 情况 方面 相关 关于 有关 问题 一些
    这个 那个 今年 明年 去年 目前 现在 啥 咋 呗 嘛 哈 哦 嗯 一共 总共 大概 大约 左右 到底 究竟
    里 中 上 下 文件 方案 计划
    the a an of to in on for and or is are was what which how many much does do with about by as be
    it this that
    """.split()  # noqa: SIM905
)


def normalize_query(text: str, count: Callable[[str], int] | None = None) -> str:
    """Normalise a question: width, spaces and Traditional -> Simplified Chinese.

    A question in traditional characters is converted with Taiwan phrases too (資料中心 -> 数据中心,
    OpenCC tw2sp) except for words the corpus writes character by character more often (資料 stays
    资料 where the documents say 资料; see :mod:`assistant.text.script`); one in simplified characters
    is left as written (the phrase table would rewrite it: 程序 -> 进程, 文件 -> 文档).

    Args:
        text: Raw user input.
        count: How often the corpus writes a word (``corpus_text.count``); None: Taiwan phrases always.

    Returns:
        The normalised question (NFKC width folding, single spaces, Simplified Chinese; a State Council
        document number in pinyin in its Chinese form).
    """
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES_RE.sub(" ", text).strip()
    if _CJK_RE.search(text):
        text = simplified_question(text, count)
    return _PINYIN_NUMBER_RE.sub(_chinese_number, text)


# A State Council document number written in pinyin ("Guo Fa [2025] No. 9", "Guobanfa (2018) 118"): its
# Chinese form, as titles and metadata write it (国发〔2025〕9号).
_PINYIN_NUMBER_RE = re.compile(r"(?i)\bguo\s*(ban\s*)?(fa|han)\s*[\[(〔]\s*(\d{4})\s*[\])〕]\s*"
                               r"(?:no\.?|number)?\s*(\d{1,4})\b")


def _chinese_number(m: re.Match[str]) -> str:
    kind = "国" + ("办" if m.group(1) else "") + ("发" if m.group(2).lower() == "fa" else "函")
    return f"{kind}〔{m.group(3)}〕{m.group(4)}号"


def fold_width(text: str) -> str:
    """Fold full-width forms to half width (NFKC), for comparing facts and labels."""
    return unicodedata.normalize("NFKC", text)


def word_frequency(word: str) -> int:
    """How often ``word`` occurs in jieba's dictionary corpus (0 for a word it does not list): the most
    common words (时候, 情况, 东西 are above 10,000) name nothing in particular."""
    return _jieba().dt.FREQ.get(word, 0) or 0


def tokenize(text: str, user_words: Iterable[str] = ()) -> list[str]:
    """Tokenise text for BM25: jieba search-mode words, lower-cased, without stop-words, in simplified
    characters (traditional text is folded as questions are, so a document in 繁體 matches them).

    Args:
        text: Text to tokenise (already normalised for queries).
        user_words: Extra dictionary words (e.g. quoted terms of the corpus).

    Returns:
        Tokens; punctuation, stop-words and single CJK characters are dropped.
    """
    words = tuple(user_words)
    _jieba(words)
    return list(_tokenize(text, words, jieba_generation()))


@lru_cache(maxsize=4096)
def _tokenize(text: str, words: tuple[str, ...], generation: int) -> tuple[str, ...]:
    """:func:`tokenize`, cached per dictionary state (``generation`` grows when words are added)."""
    jieba = _jieba(words)
    tokens = []
    if _CJK_RE.search(text):
        text = _opencc().convert(text)
    for token in jieba.cut_for_search(text.lower()):
        token = token.strip()
        if not token or token in STOPWORDS or not _TOKEN_KEEP_RE.search(token):
            continue
        if len(token) == 1 and _CJK_RE.match(token):
            continue
        tokens.append(token)
    return tuple(tokens)


def book_title(title: str) -> str:
    """A document title between book-title marks, a title it carries between single ones ("关于印发《…方案》
    的通知" -> "《关于印发〈…方案〉的通知》", as GB/T 15834 nests them); marks around the whole ``title`` are not
    doubled, those of a title it opens with are kept ("《…措施》政策解读" -> "《〈…措施〉政策解读》")."""
    return "《" + unwrapped_title(title).replace("《", "〈").replace("》", "〉") + "》"


def unwrapped_title(title: str) -> str:
    """``title`` without book-title marks around the whole of it ("《…条例》" -> "…条例"); the marks of a title it
    opens or ends with stay ("《…措施》政策解读", "《甲》与《乙》")."""
    inner = title[1:-1] if title.startswith("《") and title.endswith("》") else title
    return title if "《" in inner.split("》", 1)[0] or "》" in inner.split("《", 1)[0] else inner


def has_cjk(text: str) -> bool:
    """Return True if the text contains a CJK ideograph."""
    return bool(_CJK_RE.search(text))


def latin_words(text: str) -> list[str]:
    """Return the Latin-letter words (length >= 2) of a text."""
    return _LATIN_WORD_RE.findall(text)


_NAME_TAGS = frozenset({"ns", "nr", "nt", "nrt", "nrfg", "eng"})
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# A number and a measure word open a quantity, not a name ("一棵树", "两个人"; not 里 or 道: 三里屯, 五道口).
_QUANTITY_RE = re.compile(r"^[一二两三四五六七八九十百千几\d]+[个只棵株条家件名位次台辆间项头匹张把]")


# Common nouns jieba's dictionary tags as places (ns): no place is named by them.
_GENERIC_PLACES = frozenset({"城市", "山区", "海关", "新区", "湾区"})


def place_words(text: str) -> list[str]:
    """Words of ``text`` that jieba's dictionary tags as place names ("广州", "浙江", "长三角"), less
    common nouns it tags so ("城市")."""
    tags = _posseg().dt.word_tag_tab
    return [w for w in tokenize(text) if len(w) >= 2 and tags.get(w) == "ns" and w not in _GENERIC_PLACES]


def named_terms(text: str) -> list[str]:
    """Return the place, person and organisation names, Latin words and years in a question.

    Uses jieba's part-of-speech tags (ns, nr, nt, eng). Latin words count from three letters on
    (two-letter abbreviations such as "IT" or "AI" are generic): any in Chinese text, only
    upper-case abbreviations such as "GDP" in other text. Cached per dictionary state (questions
    repeat; tagging one takes ~1 ms).
    """
    _posseg()
    return list(_named_terms(text, jieba_generation()))


@lru_cache(maxsize=4096)
def _named_terms(text: str, generation: int) -> tuple[str, ...]:
    posseg = _posseg()
    cjk = has_cjk(text)
    terms = []
    tags = posseg.dt.word_tag_tab
    for word, flag in posseg.cut(text):
        latin_ok = len(word) >= 3 and (cjk or word.isupper())
        if (flag in _NAME_TAGS and (flag != "eng" or latin_ok) and _name_like(word, flag, tags)) or (
                _YEAR_RE.fullmatch(word)):
            terms.append(word.lower())
    return tuple(terms)


# The hundred most common Chinese surnames (population statistics): a dictionary word jieba tags as a
# person's name counts as one only when it starts with one of them.
COMMON_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
                            "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶"
                            "黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")


def _name_like(word: str, flag: str, tags: dict[str, str]) -> bool:
    """Whether a word jieba tags as a name is one.

    jieba's dictionary tags many everyday words as places or persons (东西, 上门, 日志, 海关, 福利,
    明白, 山区; 花钱买, 挪作他用). A two-character dictionary word counts as a place only when the
    dictionary backs it as one: it ends in 国 or 州, or the word with 市, 省, 区 or 人 after it is
    also a dictionary word (北京市, 深圳市, 海南省, 海淀区, 美国; not 县: 山区县). A longer dictionary
    place counts unless it has the dictionary's lowest frequency (3, its default for phrases nobody
    counted) and nothing marks it as a place (a suffix such as 市, 省, 国, 区). A two-character word
    tagged as a person name never counts, in the dictionary or guessed by the HMM (养狗): names
    people ask about have three characters or come with a title. Organisations (nt) and words the
    HMM tagged (not in the dictionary) are kept; a word tagged as a person, in the dictionary or guessed,
    counts only when it starts with a common surname (not "盖房子", "养狗后") and not with a dictionary word other
    than a name ("马路边", tagged a person in the dictionary); a guessed one, when no grammatical character
    (``_GRAMMAR_CHARS``) follows the surname ("钱能全" of "钱能全退吗").
    """
    if (len(word) == 2 and flag.startswith("nr")) or _QUANTITY_RE.match(word):
        return False  # "一棵树" (a township in the dictionary) in "砍一棵树…" counts trees
    if flag.startswith("nr") and word[0] not in COMMON_SURNAMES:
        return False  # tagged as a name, in the dictionary ("盖房子") or guessed ("养狗后"): names start with a surname
    if (flag.startswith("nr") and len(word) > 2 and word[:2] not in tags and _jieba().dt.FREQ.get(word[:2])
            and word[-1] not in _PLACE_ENDS):
        return False  # it opens with an everyday word ("马路边": 马路; "黄金周": 黄金), no surname and given name
    if flag.startswith("nr") and word not in tags and any(c in _GRAMMAR_CHARS for c in word[1:]):
        return False  # guessed from a phrase opening with a surname's character ("钱能全退吗": 钱能全)
    if word not in tags or flag == "nt":
        return True
    freq = _jieba().dt.FREQ
    backed = any(freq.get(word + suffix) for suffix in "市省区人")
    if len(word) == 2:
        return backed or word[-1] in "国州"
    return backed or word[-1] in _PLACE_ENDS or not flag.startswith("ns") or freq.get(word, 0) > 3


_PLACE_ENDS = "国州市省区县镇乡村岛"
# Modal, negating and grammatical characters: a phrase's, next to no given name's.
_GRAMMAR_CHARS = frozenset("能会要就都也不没把被让的了吗呢吧还再")


def _name_tags_file(jieba) -> Path:
    """A dictionary file with only the words jieba tags as names (ns, nr, nt, nrt, nrfg, eng).

    Written once next to jieba's own cache (keyed by the dictionary's size and mtime). Loading the
    whole part-of-speech table takes ~0.4 s per process; this one is a third of the size.
    """
    import tempfile

    source = Path(jieba.__file__).parent / "dict.txt"
    stat = source.stat()
    name = f"policyqa-name-tags-{stat.st_size}-{int(stat.st_mtime)}.txt"
    target = Path(jieba.dt.tmp_dir or tempfile.gettempdir()) / name
    if not target.exists():
        lines = [line for line in source.read_text(encoding="utf-8").splitlines()
                 if line.rsplit(" ", 1)[-1] in _NAME_TAGS]
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, target)
    return target


def _posseg():
    """jieba's part-of-speech tokenizer, with a tag table of name words only.

    Words missing from the table are tagged "x"; :func:`named_terms` only asks whether a tag is a
    name tag, and the table does not change how text is cut (that comes from the main dictionary
    and the HMM), so its results are the same as with the full table.
    """
    jieba = _jieba()
    if "jieba.posseg" not in sys.modules:
        with _JIEBA_LOCK:
            if "jieba.posseg" not in sys.modules:
                names = _name_tags_file(jieba)
                jieba.dt.get_dict_file = lambda: open(names, "rb")  # noqa: SIM115 (POSTokenizer closes it)
                try:
                    import jieba.posseg
                finally:
                    del jieba.dt.get_dict_file
    import jieba.posseg

    return jieba.posseg


# Unicode's default-ignorable code points that are not format characters (Cf): the combining grapheme
# joiner, Hangul fillers, Khmer inherent vowels, Mongolian variation selectors, variation selectors
# (DerivedCoreProperties.txt, Default_Ignorable_Code_Point). They show as nothing, or as a blank.
_IGNORABLE_RE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"
                           "\U000e0000-\U000e0fff]")


def without_format_characters(text: str) -> str:
    """``text`` without invisible characters: Unicode format characters (category Cf: zero-width spaces
    and joiners, bidi embeddings and overrides, the BOM) and the other default-ignorable code points
    (U+034F, the Hangul fillers U+3164/U+FFA0, variation selectors …). They carry no meaning in a
    question, a title or a quote and could make one text look like another."""
    return _IGNORABLE_RE.sub("", "".join(c for c in text if unicodedata.category(c) != "Cf"))


def fold_traditional(text: str) -> str:
    """Traditional Chinese folded to simplified as questions are (OpenCC t2s); simplified text unchanged."""
    return _opencc().convert(text) if _CJK_RE.search(text) else text
