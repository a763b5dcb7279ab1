"""Precise asks (pure): a question that asks for a particular figure needs that very figure.

"罚多少钱" is not answered by "给予警告或者罚款", "几小时内" not by "立即", "几个人" not by "五个工作日",
"网址" not by "网站", "局长是谁" not by "市大数据局". :func:`precise_missing` is one of the answer-type
checks of :func:`assistant.answer.scope.missing_answer_type`. General wording of laws and plans, no
word written for one document.
"""

from __future__ import annotations

import re

# Digits and Chinese numerals.
CN_NUM = "0-9一二三四五六七八九十两百千万〇零"
_CN_NUM = CN_NUM
# What before "几年" makes it a span of time talked about, not asked: 近几年, 未来几年, 今后几年, 过去几年.
RECENT_YEARS = "[近前这那头来后去]"

# An explicit ask for a sum of money, and what answers it: a figure in 元 or 倍, a share, a proportion.
_FIGURE_ASK_RE = re.compile(r"多少钱|多少元|罚多少|罚(?:款|金)[^，。？?]{0,3}多少|多少罚款|几倍|多少万|多少亿"
                            r"|多少[^，。？?]{0,4}[费税]"
                            r"|税(?:款|额|率)?(?:是|为|要交)?多少|[^免收缴]费[^，。？?]{1,6}(?:收|交|缴|要)多少"
                            r"|费用?(?:是|为)?多少|限额[^，。？?]{0,4}(?:多少|多高)"
                            r"|多少[^，。？?]{0,2}(?:补贴|补助|奖励|奖金|奖补|资金|经费)"
                            r"|(?:补贴|补助|奖励|奖金|奖补|资金|经费)(?:是|为|有)?多少"
                            r"|(?:薪酬|工资|报酬|酬金)[^，。？?]{0,4}多少|(?<![份])额(?:度)?(?:是|为|有)?多少")
_FIGURE_RE = re.compile(rf"[\d{_CN_NUM}]+\s*(?:元|倍|万|亿)|百分之|\d\s*[%％]|比例|没收|免费|免收|免予收取|不收费"
                        r"|不收取|不得收取|无需缴纳|不需缴纳|免税|免征|免[予于]征|不征收|不予征收|税率")
# Money per unit asked ("每平方米交多少", "每户补多少", "每立方米多少钱"): a share, a multiple or a count gives none.
_PER_UNIT_PAY_RE = re.compile(r"每(?:平方米|平米|户|人|月|年|小时|天|次|吨|立方米|方|千瓦时|度|辆|毫升|升|公斤|千克|斤"
                              r"|件|台|份)[^，。？?]{0,3}(?:(?:交|缴|收|付|补|给|发|要)多少|多少钱)")
_MONEY_RE = re.compile(rf"[\d{_CN_NUM}]+\s*(?:元|万元|亿元)|免费|免收|不收费|不收取")
# A fine asked ("罚款是多少", "罚多少钱"): its figure must stand in a line that fines, not with a fee.
_FINE_ASK_RE = re.compile(r"罚(?:款|金)?[^，。？?]{0,3}(?:多少|几倍)|多少罚款")
# A tax asked by name ("多少增值税", "关税是多少", "退税率多少"): its figure must stand with its name.
_TAX_ASK_RE = re.compile(r"多少(?:的)?([\u4e00-\u9fff]{1,4}税)"
                         r"|([\u4e00-\u9fff]{1,4}税)(?:率|款|额)?(?:是|为|要交)?多少")
# A fee named in a sum asked ("绿地补偿费…每平方米多少元", "保育教育费每月收多少"): likewise (its name or what
# it is for: "停车收费…5元" gives 停车费), unless a fine is asked; not 收费, 缴费, 经费, 免费, 费用 at large.
_FEE_NAME_RE = re.compile(r"([\u4e00-\u9fff]{1,5}(?<![收缴交花经免付])费)(?!用)")
# Asks for a share, and a count of something ("几个人", "几家"): answered by a share, or a number of
# that very thing ("五人以上", "三家"), not by any numeral in the line.
_SHARE_ASK_RE = re.compile(r"百分之几|百分比|占比|什么比例|多大比例|多少比例|比例是多少|几成"
                           r"|(?:率|比例|比重|占比)(?:的)?(?:目标|要求)?(?:是|为|要|达到|超过|低于|高于|不低于|不超过)?多少")
# (the word 比例 or 全部 gives no share: "占总价值的比例过大", "覆盖全部事项")
_SHARE_RE = re.compile(rf"百分之|[%％]|分之|[{_CN_NUM}]成|一半|半数|全额"
                       rf"|[\d{_CN_NUM}]+\s*[:：∶比]\s*[\d{_CN_NUM}]+")  # a ratio: "1:5", "1∶5", "一比五"
# A count of people, firms or things counted with their own measure word ("几个人", "几家", "多少台",
# "几架"); not "哪几家" (which), not "第几" (which one), not 次/项/类 ("出现了几次", "有几项任务" may count
# the text itself), and not "多少个X" (a paraphrase names X in other words: 场景 for 应用).
_COUNT_ASK_RE = re.compile(r"(?:(?<![哪第])几|多少)\s*(?:个\s*(人)(?![民工])|[名]?\s*([人名家台架座辆件张])(?![民工]))")
_SAME_UNIT = {"人": "人名", "名": "人名"}
# A time limit asked in a unit ("几天", "多少个小时", "几个月"), the numbers that answer it, and whether
# "立即" (at once) answers it too.
_TIME_UNIT_ASKS = ((re.compile(r"(?:几|多少)\s*个?\s*(?:小时|钟头)"), r"个?\s*(?:小时|钟头|分钟|时(?![间期候]))",
                    False),
                   # working days asked need working days ("三十日" is no answer to "几个工作日")
                   (re.compile(r"(?:几|多少)\s*个?\s*工作日"), r"个?\s*工作日", False),
                   (re.compile(r"(?:几|多少)\s*(?:天|日|个自然日)"),
                    r"个?\s*(?:工作|自然)?(?:日|天)|周(?!岁)|星期", False),  # "6周岁" is an age
                   (re.compile(r"(?:几|多少)\s*个\s*月"), r"个?\s*月|年|季度", False),
                   # years asked ("有效期几年"), not "近几年", "未来几年" (recent or coming years)
                   (re.compile(rf"(?<!{RECENT_YEARS})几\s*年(?![级度来])|多少\s*年(?![级度来])"),
                    r"个?\s*年|个\s*月", False),  # "三年", "三十六个月"; "1月31日" is a date
                   # a duration in any unit ("多久", "多长时间"): a number of some time unit, or at once
                   (re.compile(r"多久(?!一次)|多长时间(?!一次)|期限?(?:是|为|有)?多长"),
                    r"个?\s*(?:工作|自然)?(?:日|天|月|年|小时|周(?!岁)|星期|分钟)|季度", True))
_AT_ONCE_RE = re.compile(r"立即|当场|即时|随时|当日|当天")
# A contact detail asked, and what gives it: a web address, a telephone number, an e-mail address.
_CONTACT_ASKS = ((re.compile(r"网址|网站地址|链接"), re.compile(r"www\.|https?://|\.(?:gov|com|cn|org|net)\b")),
                 (re.compile(r"(?:电话|号码)(?:是|为)?(?:多少|几号)|什么电话|电话号码|哪个号码"),
                  re.compile(r"\d{3,}")),
                 (re.compile(r"邮箱|电子邮件|电子信箱"), re.compile(r"[@＠]")),
                 # a street address ("地址在哪里"): a road and number, a building, or an address given
                 (re.compile(r"(?<![网邮])地址|在哪(?:里)?办公"),
                  re.compile(r"[路街道巷][\d一二三四五六七八九十百]+号|号楼|大厦|地址[:：]")))
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9.-]+")  # its domain is no web address
# A day asked ("几号", "哪一天"), and what gives one: a day of a month, a month's end, a day counted from.
_DAY_ASK_RE = re.compile(r"几号|哪天|哪一天|几月几[日号]|什么日期|哪个日期|(?:什么时候|何时)(?:之|以)?前")
_DAY_RE = re.compile(rf"[\d{_CN_NUM}]{{1,3}}\s*月\s*[\d{_CN_NUM}]{{1,3}}\s*[日号]|每月\s*[\d{_CN_NUM}]{{1,3}}\s*[日号]"
                     rf"|(?<![\d{_CN_NUM}年月])[\d{_CN_NUM}]{{1,3}}\s*[日号]前|月底|月末|月初|月中|之日|当日|当天")
_DATE_RE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?")


# One company or firm asked ("哪家公司承建", "由哪家拍卖机构负责", "交给哪家服务商", "which company"): a
# firm's name answers, not 企业, 单位 or "依法设立的拍卖机构" (a kind of firm, not one).
_ONE_COMPANY_ASK_RE = re.compile(r"哪(?:家|个)(?:公司|企业|厂商|单位)|谁承建|which (?:company|firm|vendor)"
                                 r"|哪家[\u4e00-\u9fff]{0,4}?(?:机构|服务商|供应商|厂家|运营商|银行|事务所)",
                                 re.IGNORECASE)
_COMPANY_NAME_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}(?:公司|集团)|有限|股份")


# A person's name asked ("局长是谁"): a body ("市大数据局") is no answer; documents name people with 同志, in
# an appointment or a list, or as the one who holds a post ("由王建国担任", not "聘请群众代表担任监督员").
_NAME_ASK_RE = re.compile(r"(?:局长|处长|厅长|主任|书记|负责人|领导|市长|区长|部长|队长)(?:是谁|是哪位|叫什么|姓什么)"
                          r"|叫什么名字")
_PERSON_RE = re.compile(r"同志|任命|名单|联系人[：:]|由[\u4e00-\u9fff]{2,4}(?:担任|兼任)")


# Materials asked ("要提交哪些材料", "证明经济困难的材料有哪些"), and what names some: a document or a proof.
MATERIALS_ASK_RE = re.compile(r"(?:什么|哪些|啥)[^，。？?]{0,10}?(?:材料|证件)"
                              r"|(?:材料|证件)(?:有|是|包括)?(?:哪些|什么)")
_MATERIALS_RE = re.compile(r"材料|资料|证明|证件|证书|证照|文件|申请书|申请表|登记表|复印件|原件|照片|身份证|执照|合同"
                           r"|报告|清单|图纸|凭证")


# The hours of a day asked ("几点上班", "几点到几点"); a clock time ("9:00", "14：30", "上午9时", "六时至九时").
# The hours asked: "几点上班", "周六上班吗", "上班时间" ("在这边上班想办…" asks none).
SHIFT_ASK = r"(?:什么时候|何时|几时)[上下]班|[上下]班(?:时间|吗|么|[？?]|$)|上不上班|下不下班"
_CLOCK_ASK_RE = re.compile(rf"几点|{SHIFT_ASK}|开门|关门")
CLOCK_TIME_RE = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|[上下]午\s*[\d一二三四五六七八九十]{1,3}\s*[时点]"
                           r"|\d{1,2}\s*(?:时|点(?!\d))(?![间期候效限代])|(?<![\d一二三四五六七八九十])[一二三四五六七八九十]{1,3}\s*时"
                           r"(?=\s*[至到—\-~～前后起止半整])")  # "六时至九时", not "一时难以解决"


def clock_lines(question: str, text: str) -> list[str]:
    """The lines of ``text`` stating a clock time when ``question`` asks the hours of a day, else []."""
    return [ln for ln in text.split("\n") if CLOCK_TIME_RE.search(ln)] if _CLOCK_ASK_RE.search(question) else []


def gives_contact(question: str, line: str) -> bool:
    """Whether ``line`` gives a web address, telephone number, e-mail or street address ``question`` asks for
    ("咨询电话是多少": "咨询电话：0719-6328100", not the address line beside it)."""
    return any(asks.search(question) and (_PHONE_RE if gives is _CONTACT_ASKS[1][1] else gives).search(
        line if "@" in gives.pattern else _EMAIL_RE.sub(" ", line)) for asks, gives in _CONTACT_ASKS)


# A telephone number on a line ("0719-6328100", "12345", "12315"), not a street or bus number ("188号", "15路").
_PHONE_RE = re.compile(r"(?<![\d.])(?:\d{3,4}[-－]\d{7,8}|\d{5,11}|1[12]\d)(?![\d.号路米元%])")


def precise_missing(question: str, kinds: list[str], lines: list[str], title: str = "") -> bool:
    """True when a precise ask finds nothing precise enough in ``lines`` (the top section's lines that hold the
    question's topic words): a sum asked ("罚多少钱", "多少登记费") and no figure in 元 or 倍, no share and no
    免费/不收取 (money per unit, "每平方米交多少", and no sum in 元); a share asked ("百分之几") and no share; a
    count of people, firms or things ("几个人", "几家", "几台", "多少个场景") and no number of them; a time limit
    in a unit ("几小时", "多少天", "几个月") and no number of that unit, or a duration ("多久", "多长时间") and no
    number of any time unit nor "立即"; a day ("几号", "哪一天") and no day of a month; a web address, telephone
    number or e-mail address asked and none there; a person's name asked ("局长是谁") and no person; one company
    asked ("哪家公司承建") and no company's name; a rate asked ("覆盖率目标是多少") and no share; materials asked
    ("要提交哪些材料") and no document or proof named; the hours of a day ("几点上班") and no clock time.

    Args:
        question: The normalised question; ``kinds``: its answer types (``scope.asked_types``, yes/no questions
            already narrowed); ``lines``: the lines to look in.
        title: The document's title: a fee or tax it names ("…充电服务费标准的通知") is what its figures are of.
    """
    if "time" in kinds and _DAY_ASK_RE.search(question) and not any(_DAY_RE.search(ln) for ln in lines):
        return True  # "截止到几号" wants a day: "2025年" or "年内" gives none
    if "time" in kinds and _CLOCK_ASK_RE.search(question) and not any(CLOCK_TIME_RE.search(ln) for ln in lines):
        return True  # "几点上班" wants a clock time: "15个工作日" gives none
    lines = [_DATE_RE.sub(" ", ln) for ln in lines]  # "2024年1月1日" is no time limit and no telephone number
    if "amount" in kinds and _FIGURE_ASK_RE.search(question) and not any(
            _FIGURE_RE.search(ln) for ln in (lines if "罚" in question else map(_without_fines, lines))):
        return True  # "罚多少钱" wants a sum: "处警告或者罚款" names a fine but no figure; a fee or a pay
        # asked ("劳务报酬标准是多少") is not answered by a fine's "二万元以上"
    if _PER_UNIT_PAY_RE.search(question) and not any(_MONEY_RE.search(ln) for ln in lines):
        return True  # "每平方米交多少" is not answered by "不足首期交存额百分之三十的"
    if "amount" in kinds and _FINE_ASK_RE.search(question) and not any(
            "罚" in ln and _FIGURE_RE.search(ln) for ln in lines):
        return True  # "违规收费罚款是多少" is not answered by the fee of 5元 an hour
    tax = _TAX_ASK_RE.search(question) or (_FIGURE_ASK_RE.search(question) and "罚" not in question
                                           and _FEE_NAME_RE.search(question))
    if "amount" in kinds and tax:  # "要交多少增值税" is not answered by a 关税 rate or a fine, "补偿费" by a fine
        name = next(g for g in tax.groups() if g)  # "出口退税": 退税 or 口退税 may be how the line says it
        names = [n[i:] for n in (name, name[:-1] if name.endswith("费") else "") for i in range(len(n) - 1)]
        titled = any(len(n) >= 3 and n in title for n in names)  # "…充电服务费标准的通知": its figures are of it
        if not any((titled or any(n in ln for n in names)) and _FIGURE_RE.search(ln) for ln in lines):
            return True
    if ("count" in kinds or _SHARE_ASK_RE.search(question)) and _precise_count_missing(question, lines):
        return True
    if _unit_missing(question, kinds, lines):
        return True
    if "company" in kinds and _ONE_COMPANY_ASK_RE.search(question) and not any(
            _COMPANY_NAME_RE.search(ln) for ln in lines):
        return True  # "哪家公司承建" is not answered by "引导企业参与"
    if "procedure" in kinds and MATERIALS_ASK_RE.search(question) and not any(
            _MATERIALS_RE.search(ln) for ln in lines):
        return True  # "要提交哪些证明材料" is not answered by "经当事人申请，可以分期缴纳"
    return bool(_NAME_ASK_RE.search(question)) and not any(_PERSON_RE.search(ln) for ln in lines)


_FINE_CLAUSE_RE = re.compile(r"[^，。；;,\n]*罚[^，。；;,\n]*")


def _without_fines(line: str) -> str:
    """``line`` without its clauses that fine ("处以二万元以上二十万元以下的罚款")."""
    return _FINE_CLAUSE_RE.sub(" ", line)


# How often in a period ("一年打几次", "每月检查多少次"): a number of times answers it ("每年一次", "两次").
_TIMES_ASK_RE = re.compile(r"(?:一年|每年|一个月|每月|每季度|每周|一周|每天|一天)[^，。？?]{0,6}(?:几|多少)次")
_TIMES_RE = re.compile(rf"[\d{_CN_NUM}]+\s*次|每[^，。；]{{1,3}}一次")


def _precise_count_missing(question: str, lines: list[str]) -> bool:
    """A share asked and no share in ``lines``, a number of times in a period ("一年打几次") and none,
    or a count of a unit ("几个人") and no number of it."""
    if _SHARE_ASK_RE.search(question):
        return not any(_SHARE_RE.search(ln) for ln in lines)
    if _TIMES_ASK_RE.search(question):
        return not any(_TIMES_RE.search(ln) for ln in lines)
    ask = _COUNT_ASK_RE.search(question)
    if ask is None:
        return False
    unit = ask.group(1) or ask.group(2)
    units, num = _SAME_UNIT.get(unit, unit), rf"[\d{_CN_NUM}.]+\s*[余多]?\s*"
    # "五人", "3家", "30个公共数据授权运营典型应用", or the thing first ("典型场景10个")
    wanted = re.compile(rf"{num}[名]?[{units}]|{num}个[^，。；]{{0,10}}?[{units}]"
                        rf"|[{units}][^，。；]{{0,8}}?{num}[\u4e00-\u9fff]"
                        + (rf"|{num}个[^，。；]{{0,4}}?(?:企业|单位|公司|机构)" if unit == "家" else ""))
    return not any(wanted.search(ln) for ln in lines)


def _unit_missing(question: str, kinds: list[str], lines: list[str]) -> bool:
    """A time limit asked in a unit with no number of that unit in ``lines`` ("几小时" answered by
    "立即"? no: by "二十四小时"), or a web address, telephone number or e-mail address asked with
    none there (a line naming "网站" or "热线" gives none)."""
    if "time" in kinds:
        for asks, units, at_once_answers in _TIME_UNIT_ASKS:
            if asks.search(question):
                # "每半年" says how often ("多久检查一次"), not how long ("有效期几年", "几天内")
                every = rf"|每\s*(?:{units})" if at_once_answers or "一次" in question else ""
                figure = re.compile(rf"[\d{_CN_NUM}半]+\s*(?:{units}){every}")
                at_once = at_once_answers and any(_AT_ONCE_RE.search(ln) for ln in lines)
                return not at_once and not any(figure.search(ln) for ln in lines)
    if "contact" in kinds:
        for asks, gives in _CONTACT_ASKS:
            if asks.search(question):
                bare = lines if "@" in gives.pattern else [_EMAIL_RE.sub(" ", ln) for ln in lines]
                return not any(gives.search(ln) for ln in bare)
    return False


# A table cell whose header gives the unit ("补贴金额（元/辆）：300", "办理时限（工作日）：5").
_UNIT_WORDS = "元|天|日|月|年|%|％|人|个|辆|次|米|小时|户|家|项"
_HEADER_UNIT_RE = re.compile(rf"[（(]([^（）()：:\n]{{0,6}}(?:{_UNIT_WORDS})[^（）()：:\n]{{0,4}})[）)]"
                             r"\s*[：:]\s*([\d.,，]+)")


# A Q&A's question line ending right above its answer line ("问11：审核需要多长时间？" over "答：…10个工作日…").
_ASKED_ANSWER_RE = re.compile(r"([？?])[ \t\u3000]*\n(?=[ \t\u3000]*(?:答|A)[ \t\u3000]*[：:])")


def figure_text(text: str) -> str:
    """``text`` as its figures are read: a table cell's unit moved from its header to its value ("补贴金额（元/辆）：
    300" -> "补贴金额：300元/辆"), so that the figure reads as a sum, a time limit or a count; a Q&A's question line
    joined to the answer line below it, so that the words the question says are what the answer's figures are of
    ("问11：审核需要多长时间？答：…10个工作日内完成初审")."""
    return _ASKED_ANSWER_RE.sub(r"\1", _HEADER_UNIT_RE.sub(lambda m: f"：{m.group(2)}{m.group(1)}", text))


# Precise asks of English questions in the Chinese words precise_missing reads ("how many working days"
# -> "多少个工作日"): general English wording, first match per ask kind.
_ENGLISH_PRECISE = (
    (re.compile(r"\bhow many (?:working|business) days\b", re.I), "多少个工作日"),
    (re.compile(r"\bhow many (?:calendar )?days\b", re.I), "多少天"),
    (re.compile(r"\bhow many hours\b", re.I), "几小时"),
    (re.compile(r"\bhow many months\b", re.I), "几个月"),
    (re.compile(r"\bhow many years\b", re.I), "几年"),
    (re.compile(r"\bhow many (?:people|persons|staff|officers|officials|members|employees|experts)\b", re.I), "几个人"),
    (re.compile(r"\bhow many (?:companies|firms|enterprises|institutions|banks)\b", re.I), "几家"),
    (re.compile(r"\bhow (?:much|large|big)\b.{0,30}\b(?:fine|penalty)|\bwhat (?:is the )?fine\b", re.I), "罚多少钱"),
    (re.compile(r"\bhow much (?:money|funding|subsidy|does|is|will|must)\b", re.I), "多少钱"),
    (re.compile(r"\bwhat (?:percentage|share|proportion|ratio)\b", re.I), "百分之几"),
    # "what corporate income tax rate", "which pass rate": a share answers
    (re.compile(r"\b(?:what|which)\b[^?,;]{0,40}?\brate\b", re.I), "比例是多少"),
    (re.compile(r"\b(?:what|which) (?:date|day of the month)\b|\bon what date\b", re.I), "哪一天"),
    (re.compile(r"\bwho (?:is|are|was) (?:the )?(?:current )?(?:director|head|chief|chair(?:man|person)?|mayor|minister"
                r"|governor|(?:party )?secretary|leader|person in charge)s?\b", re.I), "负责人是谁"),  # a name answers
)


def english_asks(question: str) -> str:
    """The precise asks of an English question in Chinese wording ("" when none), so that
    :func:`precise_missing` holds an English question to the same figures as a Chinese one."""
    return "，".join(words for ask, words in _ENGLISH_PRECISE if ask.search(question))
