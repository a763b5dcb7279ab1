"""Things a question asks about that no document names (pure): "需要交保证金吗" where no document
speaks of a 保证金 cannot be answered from them, whatever provision on 质疑 is found."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.scope import FIGURE_TYPES, asked_types, yes_no
from assistant.text.chinese import fold_traditional, tokenize, word_frequency
from assistant.text.engines import jieba_engine
from assistant.text.numerals import cn_to_int, int_to_cn

# The thing a yes/no question asks whether one must give or do ("需要交保证金吗", "要不要体检"), or may
# sell, keep, carry or apply for ("可以卖烟花爆竹吗", "能申请贴息吗"): after the verb, up to the question's end.
_GIVE = r"(?:交纳|缴纳|交|缴|提供|提交|出具|办理|办|申领|取得|做|考|带|参加|购买|购置|买|投保|配备|安装|佩戴|戴)"
_OBLIGED_RE = re.compile(rf"(?:(?:需要|需不需要|必须){_GIVE}?|(?:要不要|要){_GIVE}"  # "要拴绳": a verb, no thing
                         r"|(?:可以|可不可以|能不能|能|允许)(?:售卖|销售|卖|摆放|携带|带|饲养|养|申请|申领|享受|领取))"
                         r"([\u4e00-\u9fff]{2,6}?)(?:进入|入内|进去|进来|上车)?(?:吗|么|呢)?[？?]?$")  # bring X in


def absent_object(question: str, corpus_text: str, expand: Callable[[str], Sequence[str]] = lambda w: ()) -> str:
    """The object of a yes/no obligation question ("供应商质疑需要交保证金吗": 保证金), one word, when
    neither it nor any glossary term for it (``expand``) occurs in the documents (``corpus_text``):
    they cannot say whether it is needed. Returns that object, or ""."""
    match = _OBLIGED_RE.search(question)
    if not match or not yes_no(question):
        return ""
    thing = match.group(1)

    def named(word: str) -> bool:
        return word in corpus_text or any(t in corpus_text for t in expand(word))

    if named(thing):
        return ""
    # one dictionary word, a thing ("体检", "保证金"), or words none of which the documents name ("公积金贷款");
    # "从头到尾录像" says how (录像 is named), not what
    words = [w for w in tokenize(thing) if len(w) >= 2]
    return thing if thing in tokenize(thing) or (len(words) >= 2 and not any(named(w) for w in words)) else ""


# The thing a question asks the kind or form of: at a clause's end, what one must hold, contain, submit or use
# ("要考取什么职业证书", "包含哪些具体章节", "用什么统一的表格格式"; not "建到哪个版本了" or "有哪些提法", which
# a value or a passage answers), or before 是什么/是怎么/有哪些 ("服装的具体式样是怎么规定的").
_ASKED_AFTER_RE = re.compile(r"(?:考取|取得|持有|包含|包括|提交|提供|出具|使用|采用|用|填写|填报|配备|安装|佩戴)"
                             r"(?:什么|哪些|哪几?[个种类项]|哪种|哪类|何种)(?:具体|统一)?(?:[\u4e00-\u9fff]{0,4}的)?"
                             r"([\u4e00-\u9fff]{2,6}?)(?:吗|呢)?[？?。！!]?$")
_ASKED_BEFORE_RE = re.compile(r"的(?:具体)?([\u4e00-\u9fff]{2,7}?)(?:具体)?"
                              r"(?:是什么|是怎么|是多少|有哪些|包括哪些|为多少)")
# What a provision says of its subject ("干部培训有什么安排", "有哪些措施"): the provision itself is asked.
_PROVISION_WORDS = ("安排|要求|规定|措施|举措|部署|政策|做法|说法|条款|依据|任务|打算|考虑|计划|目标|重点|思路|原则"
                    "|意见|建议|方式|途径|办法|程序|流程|手续|支持|保障|作用|职责|责任|后果|影响|好处|变化")
# Heads that ask a time or a meaning (什么时候, 什么意思, 什么样), point at a part of a text (那一章, 第三部分) or
# at someone (这些, 那个), or ask who does something (哪个部门组建, 哪个政府令公布的): no thing the documents
# should name.
_NOT_A_THING_RE = re.compile(r"^(?:时候|时间|意思|样|这|那|该|此|其|第|部门|机关|单位|机构|人)"
                             r"|(?:^|[一二三四五六七八九十百这那本该第])[章节条款项](?![\u4e00-\u9fff])|部分|条文|的$"
                             rf"|^(?:{_PROVISION_WORDS})$")
# Words this common in general Chinese (jieba's dictionary counts: 时候 31521, 事情 15354, 内容 15468) name
# no particular thing; 证书 (1691), 表格 (191), 式样 (274) do.
_COMMON_WORD = 10000


def absent_thing(question: str, corpus_text: str, expand: Callable[[str], Sequence[str]] = lambda w: ()) -> str:
    """A thing whose kind or form a question asks ("检测评估报告需要包含哪些具体章节": 章节) that neither the
    documents (``corpus_text``) nor any glossary term for it (``expand``) names: they cannot say what it must
    hold or look like. One or two dictionary words are read as the thing (a longer run is a clause, "哪个部门带头
    建设"); common words, provision words ("有什么安排", "有哪些要求") and references to a text's parts are not
    things. Only a question of one clause: in
    "项目资金能争取哪些渠道，超长期特别国债有戏吗" the other clause may still be answered. Returns the word, or "".
    """
    clauses = [c for c in re.split(r"[，,；;]", fold_traditional(question).strip()) if c.strip()]
    if len(clauses) != 1:
        return ""
    after = _ASKED_AFTER_RE.search(clauses[0])
    spans = [(m.group(1), m is after) for m in (after, *_ASKED_BEFORE_RE.finditer(clauses[0])) if m]
    for span, at_end in spans:
        if _NOT_A_THING_RE.search(span):
            continue
        tokens = tokenize(span)  # search-mode words: 停车费 and its 停车, 车费; the longest stand for the thing
        words = [w for w in tokens if len(w) >= 2 and not any(w in t and w != t for t in tokens)
                 and not re.fullmatch(_PROVISION_WORDS, w)]
        if not words or (at_end and len(words) > 2):  # a subject before 是什么 is a thing however long
            continue
        for word in words:  # the figure asked itself ("补贴比例是多少", "审核时限", "年龄上限"): what a number answers
            if word_frequency(word) < _COMMON_WORD and not asked_types(word) and not _FIGURE_HEAD_RE.search(word) \
                    and not _named(word, corpus_text, expand):
                return word
    return ""


# Words naming a figure, not a thing: a limit, an amount, a share ("年龄上限", "补助限额", "浮动幅度").
_FIGURE_HEAD_RE = re.compile(r"(?:上限|下限|限额|额度|幅度|数额|金额|比例|比率|时限|期限)$")


def _named(word: str, text: str, expand: Callable[[str], Sequence[str]]) -> bool:
    """True when ``text`` names ``word``: verbatim, by a glossary term (``expand``), by the phrase it
    abbreviates, or, for a compound ("工资标准"), by its two halves of two characters or more."""
    return (word in text or any(t in text for t in expand(word)) or _abbreviates(word, text)
            or any(word[:k] in text and word[k:] in text for k in range(2, len(word) - 1)))


def _abbreviates(word: str, text: str) -> bool:
    """True when a two-character ``word`` is the usual short form of a phrase of ``text``: its first characters
    one or two characters apart ("配建" for 配套建设)."""
    pattern = rf"{re.escape(word[0])}[\u4e00-\u9fff]{{1,2}}{re.escape(word[1])}"
    return len(word) == 2 and re.search(pattern, text) is not None


# A year a question names ("2030年要达到什么目标", "2019年以前"), not a document's number ("〔2018〕", "2018号").
_YEAR_RE = re.compile(r"(?<![\d〔\[(（])((?:19|20)\d{2})\s*年")


# A season or cycle named by two years in a row ("2025—2026年度", "2025-2026学年", "2025至2026年采暖季").
_SEASON_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]{1,2}\s*((?:19|20)\d{2})\s*年")


def absent_year(question: str, corpus_text: str) -> str:
    """The year a question names that no document mentions ("2030年数字政府要达到什么目标" when the documents
    set targets for 2025 and 2027 only), or the season of two years in a row no document names ("2025—2026年度"
    when they name the 2026—2027 heating season, each year found apart), else "": what the documents say of
    other years or seasons does not answer it."""
    for first, second in _SEASON_RE.findall(question):
        if int(second) == int(first) + 1 and not re.search(
                rf"{first}\s*年?\s*[—–\-－~～至到]{{1,2}}\s*{second}(?!\d)", corpus_text):
            return f"{first}—{second}"
    return next((y for y in _YEAR_RE.findall(question) if y not in corpus_text), "")


# A numbered grade, tier or class a question names ("四档", "四级服务", "3类区域"): grade words that documents
# number in a series.
# Not a count or a relative grade: "哪一级", "上一级", "分为四类", "这三类", "同一档", "一星期".
_GRADE_RE = re.compile(
    r"(?<![\d一二三四五六七八九十哪那这该上下每同本各另任某几前后逐有为共等])"
    r"([一二三四五六七八九十\d]{1,2})\s*(档|级|类|星|阶梯)(?![别型期])")


def absent_grade(question: str, corpus_text: str) -> str:
    """A grade the question names ("四档", "四级服务") that no document has while they number two or more others of
    that kind ("一档…二档…三档"), else "": what the documents say of the other grades does not answer it. "一级" is
    found as "1级" too; a grade word no document numbers in a series ("五星") is left to the other checks, and so
    are counts and relative grades ("分为四类", "哪一级", "上一级")."""
    for number, kind in _GRADE_RE.findall(question):
        value = cn_to_int(number)
        forms = {f"{number}{kind}", f"{value}{kind}", f"{int_to_cn(value)}{kind}"}
        series = {cn_to_int(n) for n in re.findall(rf"([一二三四五六七八九十\d]{{1,2}}){kind}", corpus_text)}
        if len(series) >= 2 and not any(f in corpus_text for f in forms):
            return f"{number}{kind}"
    return ""


def absent_number(question: str, corpus_text: str) -> str:
    """A year (:func:`absent_year`) or a grade (:func:`absent_grade`) the question names that no document has."""
    return absent_year(question, corpus_text) or absent_grade(question, corpus_text)


def absent_subject(question: str, corpus_text: str, expand: Callable[[str], Sequence[str]] = lambda w: ()) -> str:
    """The thing a figure is asked of ("千兆光网覆盖率目标是多少": 千兆光网) when it is two or more dictionary
    words in a row none of which the documents name, followed by what the figure measures (覆盖率, 数量, 目标…):
    a figure they give of something else does not answer.
    Only a question of one clause asking a figure (:data:`scope.FIGURE_TYPES`). Returns the words, or ""."""
    clause = fold_traditional(question).strip().rstrip("？?。！!")
    if re.search(r"[，,；;]", clause) or not set(asked_types(clause)) & set(FIGURE_TYPES):
        return ""
    run: list[str] = []
    for word in (*jieba_engine().cut(clause), ""):
        if len(run) >= 2 and _MEASURE_RE.match(word):
            return "".join(run)
        absent = len(word) >= 2 and _CJK_WORD_RE.fullmatch(word) and word_frequency(word) < _COMMON_WORD
        run = [*run, word] if absent and not _named(word, corpus_text, expand) else []
    return ""


_CJK_WORD_RE = re.compile(r"[\u4e00-\u9fff]+")
# What a figure measures, right after the thing measured ("千兆光网覆盖率", "充电桩数量"): the run before it is a
# thing, not a clause ("电瓶车上牌要多少钱": the run is followed by 要, and 上牌 is what is done).
_MEASURE_RE = re.compile(r"(?:[\u4e00-\u9fff]{0,2}率|数量|总数|总量|规模|金额|比例|占比|目标|标准|面积|人数|个数|数)$")


# What a body asked for does ("由哪个部门组建", "向哪个部门备案"): the verb after the body asked.
_BODY_ACTION_RE = re.compile(r"(?:哪个|哪些|哪一?级|什么)(?:部门|机关|单位|机构)(?:来|去|进行)?([\u4e00-\u9fff]{2,4}?)"
                             r"(?:的|了|呢|吗)?[？?。]?$")
# Acts that only say a body is in charge or enforces: what "哪个部门" asks of any provision naming one
# ("由哪些部门处罚": a sanction says "由…处…罚款").
_IN_CHARGE = frozenset("""负责 管理 主管 监管 牵头 承担 主导 统筹 协调 组织 实施 执行 处理 办理 管辖
    处罚 查处 罚款""".split())  # noqa: SIM905


def absent_action(question: str, text: str, expand: Callable[[str], Sequence[str]] = lambda w: ()) -> str:
    """The act a question asks which body performs ("专家库由哪个部门组建": 组建) when none of its words is in
    the section found (``text``), by itself, by a glossary term (``expand``) or by its halves: the section
    names bodies for other acts. Only a question of one clause, the act at its end. Returns the act, or ""."""
    clause = fold_traditional(question).strip()
    match = _BODY_ACTION_RE.search(clause)
    if re.search(r"[，,；;、]", clause) or not match:
        return ""
    words = [w for w in jieba_engine().cut(match.group(1)) if len(w) >= 2]
    if any(w in _IN_CHARGE for w in words):
        return ""
    return match.group(1) if words and not any(_named(w, text, expand) for w in words) else ""


# "非居民", "非营利", "非本市户籍": a class named by what it is not. Not 非常 (very), 非法 (unlawful), 非要 (insist)…
_NEGATED_RE = re.compile(r"非(?!常|法|要|得|但|凡|同|礼|议|难|典)(本市|本地|本省|本区)?([\u4e00-\u9fff]{2,4})")


def absent_negation(question: str, texts: Sequence[str]) -> str:
    """A class the question names by what it is not ("非居民用户的供热价格") when the sections that would answer
    (``texts``) name the class itself (居民) and never its negation: what they set for 居民 is no answer for 非居民.
    Only for a figure asked (an amount, a time, a count); returns the negated class ("非居民"), else ""."""
    if not set(asked_types(question)) & set(FIGURE_TYPES):
        return ""
    for match in _NEGATED_RE.finditer(fold_traditional(question)):
        words = [w for w in tokenize(match.group(2)) if len(w) >= 2]
        base = (match.group(1) or "") + (words[0] if words else match.group(2))
        if any(base in t for t in texts) and not any("非" + base in t for t in texts):
            return "非" + base
    return ""


def unstated_year(question: str, texts: Sequence[str]) -> str:
    """A year a question asks a figure of ("到2030年…目标是多少", "2026年度缴费标准是多少") that none of the sections
    that would answer (``texts``, the first one best) mentions while the first one states another year's: what
    they set for 2027 is no answer for 2030. Returns the year, else "" (also when no figure is asked: "2003年建成的
    小区能改造吗" is answered by the rule for a span of years)."""
    if not set(asked_types(question)) & set(FIGURE_TYPES) or not texts:
        return ""
    other = set(_YEAR_RE.findall(texts[0]))
    return next((y for y in _YEAR_RE.findall(question) if other and y not in other
                 and not any(y in t for t in texts)), "")
