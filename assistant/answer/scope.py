"""Out-of-scope signals (pure): requests that are not questions about the documents and answer types a section
cannot supply (how much closer a question is to background topics: :mod:`assistant.answer.contrast`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.figures import CN_NUM as _CN_NUM
from assistant.answer.figures import MATERIALS_ASK_RE, clock_lines, english_asks, figure_text, precise_missing
from assistant.answer.figures import SHIFT_ASK as _SHIFT_ASK
from assistant.answer.quotes import ITEM_RE, REFERS_BACK_RE
from assistant.answer.ranges import asked_quantities, range_fit
from assistant.ingest.outline import COMMA_ITEM_RE, table_row
from assistant.text.chinese import has_cjk, place_words
from assistant.text.numerals import DIGIT_LABEL_END

# Requests to the assistant itself (drop your rules, role play, chit-chat, write, translate); written for this project.
_META_RE = re.compile(
    r"(?:忽略|无视|不要管|不用管|别管|忘掉|忘记).{0,8}(?:指令|指示|提示|规则|设定|以上|之前|上面|文档|文件|内容|要求)"
    r"|提示词|系统提示|system\s*prompt|开发者模式|调试模式|越狱|jailbreak|扮演|你现在是|假装你是"
    r"|(?:输出|告诉我|显示).{0,6}(?:配置|密钥|口令)"
    r"|^(?:你好|您好|嗨|哈喽|在吗|谢谢|再见|早上好|晚上好|hi|hello)\W*$|你是谁|你叫什么|谁开发的你|你用的是什么模型"
    r"|(?:写|作)一(?:首|篇|封|段)|翻译(?:成|为)|讲个笑话"
    r"|ignore (?:all )?(?:the )?(?:previous|prior|above)|who are you",
    re.IGNORECASE,
)

# Answer types: name -> (the question asks for …, evidence a section must contain to supply it). General
# wording of laws, regulations and plans alike (罚款/元 amounts, 日/月/年 limits, 机关/部门 bodies),
# written for this project and for no one document.
ANSWER_TYPES = {
    "time": (re.compile(r"(?:什么时候|啥时候)(?!才)|何时|哪天|哪一天|几号|(?<![哪以下这那有])几点|什么时间|时间是"
                        r"|几月份|截止|哪年|多久|期(?:是|为|有)?多长(?!时间)|日期"
                        r"|多长时间|几天|几日|多少天|多少日|几个月|多少年|(?<![近前这那头来后去])几年(?!来)|(?:期限|时限|时效|有效期)(?:是|为|有)?(?:多长|多久)?|几个?小时|多少个?小时|(?:几|多少)分钟"
                        r"|(?:几|多少)个?(?:工作|自然)日|(?:几|多少)(?:个)?(?:周|星期)"),
             re.compile(rf"[{_CN_NUM}半]+\s*(?:个)?(?:自然|工作)?(?:日|天|月|年|小时|时|分钟|周(?!岁)|工作日)|月底|年底|年内|季度|上半年|下半年"
                        r"|期限|时限|及时|立即|之日起|届满|每(?:年|月|季度|日|天|周)|年度|定期|次[日月年]|当[日月年]|翌日|下个?月"
                        r"|持续推进|长期坚持|常态化推进|\d{1,2}\s*[:：]\s*\d{2}|[上下]午\s*\d")),  # a note: no end date
    "amount": (re.compile(r"多少钱|多少元|多少亿|多少万|罚多少|罚(?:款|金)[^，。？?]{0,3}多少|多少罚款"
                          r"|金额|价格|电价|费用(?![^，。？?]{0,12}(?:什么时候|何时|哪天|多久|时间))|交钱|收钱"
                          r"|收费|花钱(?=[吗么呢？?]|$)|(?:要|得|需要)花钱|多少[^，。？?]{0,4}税|税(?:款|额|率)?(?:是|为|要交)?多少|补助多少|补贴多少|(?:贷|借|赔|报销)(?:款|偿)?多少|补贴标准|预算|投资多少|总投资|罚金|数额|几倍"
                          r"|(?:薪酬|工资|报酬|[^免收缴]费)(?:最高|最多|最低|最少|一共|总共|上限)?(?:是|为|要|大概|一般)?(?:多少|标准)"
                          r"|多少[^，。？?]{0,4}费|[^免收缴]费[^，。？?]{1,6}(?:收|交|缴|要)多少"
                          r"|交易额|额度|限额[^，。？?]{0,4}(?:多少|多高)|多少[^，。？?]{0,2}(?:补贴|补助|奖励|奖金|奖补|经费)"
                          r"|(?:补贴|补助|奖励|奖金|奖补|资金|经费)(?:是|为|有)?多少|(?<![份])额(?:度)?(?:是|为|有)?多少"),
               re.compile(rf"元|资金|费|税|罚款|倍|金额|数额|价格|收入|奖补|补贴|[{_CN_NUM}]\s*[万亿](?![\u4e00-\u9fff])")),
    # "哪几类", "哪几个领域" ask for the items (an enumeration answers), not how many
    "count": (re.compile(r"(?<!哪)几(?:个|名|人|次|项|家|级|类|[台架座辆件张所])"
                         r"|多少个|多少名|多少人|多少次|多少项|多少家|哪一级"
                         r"|比例|百分之几|占比|人数|多少(?![钱元万亿天日年])"),
              # a number: "30", "4具", "两人", "十余家", "每年一次", "一半" (not 零售, 统一, 一体化, IPv6)
              re.compile(r"(?<![A-Za-z第])\d|[一二两三四五六七八九十百千万]+[余多来]?(?:[个名人次项家级类种台架座辆件张所位批倍条"
                         r"户套处间份万亿成具只部本块天日年月周小时吨米秒元]|分贝|分钟|立方|平方|公[里斤顷]|千[克瓦])|分之|[一过]半|半数|比例"
                         r"|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred"
                         r"|thousand|dozen|once|twice)\b)")),
    "company": (re.compile(r"哪家公司|哪个公司|哪家企业|哪些公司|谁承建|谁建设|哪个厂商|哪家单位"
                           r"|哪家[\u4e00-\u9fff]{0,4}?(?:机构|服务商|供应商|厂家|运营商|银行|事务所)"),
                re.compile(r"公司|集团|有限|企业|单位")),
    "person": (re.compile(r"是谁|叫什么名字|负责人是|局长|处长|主任是|由谁|哪个部门|哪些部门|哪个机关"
                          r"|什么机关|哪个单位|哪级政府|谁审批|谁批准|谁决定"),
               re.compile(r"同志|局长|主任|机关|部门|政府|机构|单位|组织|负责人|人员|中心|当事人|申请人|运营者|处理者|主体|企业|者"
                          r"|局|厅|小组|办公室|[市区县省][^，。；]{0,8}办(?![理法事])|委(?![托屈婉])|(?<![全内外局干])部(?![分位件])|署|院")),
    "procedure": (re.compile(r"(?:怎么|怎样|如何)(?:申报|申请|申领|办理|提取|报名|登记|备案|下载|注册|领取|开通)"
                             r"|(?:办理|申请|申报)(?:流程|程序|手续)|(?:需要|要带|要交|要准备|提交)(?:什么|哪些)材料"
                             r"|(?:带|交|准备|提交|提供)[^，。？?]{0,3}(?:什么|哪些|啥)[^，。？?]{0,10}?材料|(?:什么|哪些|啥)证件"),
                  re.compile(r"申请|申报|申领|提交|提出|受理|登记|材料|流程|程序|报送|备案|办理|递交|填报|预约|上传|报名"
                             r"|注册|网上|在线|APP|App|app|客户端|小程序|下载|领取|开通")),
    "place": (re.compile(r"哪(?:个|些|一个|座)?(?:省|城市|国家|地区|县|地市)(?!级)|哪(?:个|些)市(?!场|级)"),
              re.compile(r"[\u4e00-\u9fff]{1,6}(?:省|自治区|特别行政区|自治州|县)(?!级|域)"
                         r"|[\u4e00-\u9fff]{2,6}(?<!城)(?<!本)(?<!全)市(?!场|级|民|政)")),
    "measure": (re.compile(r"(?:面积|长度|宽度|高度|深度|距离|半径|间距)[^，。？?]{0,4}"
                           r"(?:多[大长宽高深远少]|至少|不少于|不低于)|多少(?:平方|公顷|亩|米|公里|千米)"
                           r"|(?:隔|离|距|留|有)(?:多远|多宽|多高|多深)"),  # "至少要隔多远", "留多宽的通道"
                re.compile(rf"[{_CN_NUM}.]+\s*(?:平方|公顷|亩|米|公里|千米|万平|km|m|㎡)|百分之|[%％]")),
    # a contact word asks when an ask or the clause's end follows it ("网址是什么", "咨询电话？"), not when it
    # names a topic ("网址解析", "电话投诉怎么处理")
    "contact": (re.compile(r"(?:电话|地址|邮箱|网址)(?=号码|号|是|为|多少|在|呢|吗|[？?，,、和或及与]|$)"
                           r"|(?:什么|哪个)(?:电话|地址|邮箱|网址)|在哪开|在哪里开|在哪看|联系方式"
                           r"|(?:哪个|哪些|什么)(?:网站|平台|网)(?![络格点])"),
                re.compile(r"电话|地址|[路街道巷弄]\d+号|网址|网站|www|[@＠]|邮箱|热线|平台|APP|App|app|客户端|小程序|公众号"
                           r"|[\u4e00-\u9fff]网[”’」』\"']"
                           # a telephone number itself: "0851-86612345", "(010)12345678", a mobile number
                           r"|(?<!\d)(?:0\d{2,3}[-－—]?|[（(]0\d{2,3}[）)])\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")),
    # a licence or certificate asked ("要考什么证", "办什么许可证"): one named, not 证明 or 保证
    "licence": (re.compile(r"(?:什么|哪些|哪种|哪个|哪类)(?:证|证书|证照|许可证|资格证|执照|许可|资质|资格)"
                           r"(?![明据件])"),  # "带什么证件": papers to bring (a procedure ask), 身份证明 answers
                re.compile(r"(?<![保论查见])证(?![明据实])|执照|许可|资格|资质|认证|备案")),
    # the specifics of something ("背景审查具体要查哪些内容"): a list answers (two 、 in a sentence, items, a
    # lead-in), not a sentence that only names the thing ("对关键岗位人员进行安全背景审查")
    "specifics": (re.compile(r"具体(?=[^，。？?]{0,12}(?:哪些|哪几|什么内容))"),
                  re.compile(r"[^。；;！!？?]*、[^。；;！!？?]*、|^[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]+[）)]"
                             r"|\d+[.．、])|包括|下列|以下|[：:]")),
}
_ENGLISH_ASKS = {  # the same asks in English questions (the evidence is still the Chinese text): general wording
    # "When a project is tendered, which law applies?": a leading when-clause is a condition, not the ask
    "time": re.compile(r"^\s*when\b(?![^,?]*,\s*(?:which|what|who|whom|whose|how|where|why|is|are|does|do|did|can"
                       r"|may|must|should|will|shall|has|have|could|would)\b)"
                       r"|\b(?:by when|how long|how soon|what time|deadline|time limit|within how many"
                       r"|how many (?:hours|days|working days|weeks|months|years))\b", re.IGNORECASE),
    "amount": re.compile(r"\b(?:how much|what (?:is the )?(?:fine|fee|price|amount)|how large a fine)\b",
                         re.IGNORECASE),
    "count": re.compile(r"\bhow many\b|\bwhat (?:share|proportion|percentage)\b"
                        r"|\b(?:what|which)\b[^?,;]{0,40}?\brate\b", re.IGNORECASE),  # "what tax rate"
    "company": re.compile(r"\bwhich (?:company|companies|firm|enterprise|vendor)\b", re.IGNORECASE),
    "contact": re.compile(r"\b(?:(?:tele)?phone|hotline|e-?mail|contact number|postal address)\b", re.IGNORECASE),
    "person": re.compile(r"(?:^|[,;]\s*)(?:who|whom)\b|\b(?:to whom|which (?:department|body|authority|agency|organ"
                         r"|office|government))\b", re.IGNORECASE),
}
# The answer types whose answer is a figure (an amount, a time limit, a count).
FIGURE_TYPES = ("time", "amount", "count")


# 几 that asks nothing: "好几天", "十几个", "这几年", "几十万" (a vague or known quantity).
_TIME_ASK_RE = re.compile(r"(?:几|多少)个?(?:工作日|自然日|天|日|月|年|小时|周|星期)")
_VAGUE_RE = re.compile(r"(?:好|十|这|那|近|前|头|过去|未来|今后|最近)几(?=[天日年月个次项家人名位周])|几(?=[十百千万])")


def vague_masked(question: str) -> str:
    """The question with a 几 that asks nothing replaced ("停了好几天" -> "停了好多天")."""
    return _VAGUE_RE.sub("多", question)


def asked_types(question: str) -> list[str]:
    """The answer types a question asks for ("time", "amount", "count", "company", "person", "procedure" — how
    to apply, file or register —, "place", "measure" — an area or a length —, "contact" and "specifics" — "具体…
    哪些", a list); a 几 that asks nothing ("好几天") is no ask, the 多少 of a time no amount ("补贴多少个工作日")."""
    question = vague_masked(question)
    found = [name for name, (asks, _) in ANSWER_TYPES.items()
             if asks.search(_TIME_ASK_RE.sub("，", question) if name == "amount" else question)
             or (name in _ENGLISH_ASKS and _ENGLISH_ASKS[name].search(question))]
    if "count" in found and {"amount", "time", "contact", "measure"} & set(found):
        found.remove("count")  # "罚多少" asks for an amount, "多少天" for a time limit, "电话是多少" a number
    how = _HOW_RE.search(question)
    tail = question[how.start():] if how else ""  # "报名人数超过计划怎么录取" asks how, not a count
    if how and not _QUANTITY_RE.search(question) and not re.match(r".{1,2}(?:计?算|核[算定])", tail):
        found = [n for n in found if n not in ("count", "amount") or ANSWER_TYPES[n][0].search(tail)]  # "怎么收费"
    return found


# A question asking how ("怎么录取", "如何处理") with no figure word: a count or an amount before it is its subject.
_HOW_RE = re.compile(r"(?<![会将要])(?:怎么|怎样|如何)(?!样)|咋(?!样)")  # "违反了会怎样" asks what follows, not how
_QUANTITY_RE = re.compile(r"多少|几|多久|多长|多大|多高|多远|多重|百分之")


def asks_figure(question: str) -> bool:
    """True if the question asks for an amount, a time limit or a count."""
    return any(t in FIGURE_TYPES for t in asked_types(question))


def meta_request(question: str) -> bool:
    """True if the (normalised) question addresses the assistant (instructions, chit-chat, writing tasks)."""
    return bool(_META_RE.search(question.strip()))


# A yes/no question ("罚款能不能分几次交", "决定书能否通过邮箱送达"): its figure or contact words are part
# of what it asks about, not what it asks for.
_YES_NO_RE = re.compile(r"能不能|可不可以|能否|可否|是否|是不是|会不会|要不要|需不需要|用不用|行不行"
                        r"|(?:吗|(?<![什怎这那多])么)[？?]?$")  # "能用么", not "是什么"


def yes_no(question: str) -> bool:
    """True if the question asks yes or no (能不能…, …吗) rather than for a detail."""
    return bool(_YES_NO_RE.search(question.strip()))


def missing_answer_type(question: str, text: str, terms: Sequence[str] = (), title: str = "") -> bool:
    """True if the question asks for a time limit, amount, count, company, person or body, a procedure (how to
    apply or register: a section with no 申请/提交/受理/材料… cannot say), a place ("哪个省": no province, city or
    county named), an area or length (平方米, 公顷, 米…), or a contact detail and ``text`` (the top section)
    contains nothing of that kind — with ``terms``, nothing of that kind in a line (款, 项) that holds one of
    them; a precise ask ("罚多少钱", "百分之几", "几个人", "几小时", "网址", "局长是谁") needs that very figure
    (:func:`figures.precise_missing`). A yes/no question (:func:`yes_no`) is checked for amounts only: "罚款能
    不能分几次交" asks whether, not how many, but "用电价格有优惠吗" still asks about money it must mention.

    Args:
        question: The normalised question; ``text``: the text of the section that would answer it.
        terms: The question's topic terms (see :func:`topic_terms`); a figure must stand in a line with one of
            them when a line holds one ("有害垃圾投放时间" is not answered by a line on 厨余垃圾 times); with no such
            line a figure asked is missing (unless ``text`` cites an article by number: a sanction speaks of its
            duty there) and other kinds are looked for anywhere.
        title: The document's title (a fee it names is the one its figures give, :func:`figures.precise_missing`).
    """
    question = vague_masked(question)
    kinds = asked_types(question)
    if yes_no(question):  # "能不能分几次交": the count is what it asks about; money is still asked
        kinds = [k for k in kinds if k == "amount"]
    if not kinds:
        return False
    cited, text = CITED_ARTICLE_RE.search(text), figure_text(text)
    quantities = asked_quantities(question)  # "五层楼…补多少": the row whose range holds 5 层 speaks of it
    fitting = [ln for ln in text.split("\n") if quantities and range_fit(ln, quantities) == 1]
    if fitting:  # "3层…补多少" and "三层及以下的住宅不纳入补贴范围": the rule setting the range answers
        return False
    ask = _PAY_ASK_RE.search(question) if yes_no(question) else None  # "是不是要交钱": a duty to pay answers
    rest = question[:ask.start()] + question[ask.end():] if ask else ""  # "分期缴纳要收费吗": not its own 缴纳
    if ask and any(m.group(0) not in rest for m in _PAYS_RE.finditer(text)):
        return False  # "办狗证要交钱吗": "…登记证有效期为一年。\n申请办理养犬登记的，不收取费用。"
    held = lines_with(text, terms) + fitting + clock_lines(question, text)  # "几点上班": "9:00—12:00" answers
    lines = [_REFERENCE_RE.sub(" ", ln) for ln in held]  # "18.": no count
    text = _REFERENCE_RE.sub(" ", text)
    if terms and not lines and any(k in FIGURE_TYPES for k in kinds) and not cited:
        return True  # "出口退税多久到账": a time limit of a text on none of its words (a sanction cites its duty)
    lines = lines or [text]
    if precise_missing(question if has_cjk(question) else f"{question}，{english_asks(question)}", kinds, lines, title):
        return True
    return any(not any(ANSWER_TYPES[name][1].search(_CALENDAR_RE.sub(" ", ln) if name == "count" else ln)
                       or (name == "place" and place_words(ln)) for ln in lines)
               for name in kinds)


# Whether one must pay ("要交钱吗", "是不是要收费"): a line saying who pays or collects answers it ("应当缴纳保障金").
_PAY_ASK_RE = re.compile(r"(?:交|缴|付|收|花)钱|收费|付费|缴费|交费")
_PAYS_RE = re.compile(r"缴纳|交纳|缴费|交费|支付|付费|收取|收费|免费|免收|免缴|免交")


# A heading line: short, no sentence punctuation ("四、办理时限", "收费标准"); the hours of a day asked.
_HEADING_LINE_RE = re.compile(r"^[^。；;，,：:！？?!\n]{1,24}$")
CLOCK_ASK_RE = re.compile(rf"几点|{_SHIFT_ASK}|开门|关门|(?:营业|开放|办公|工作|受理)时间")


def names_the_ask(text: str, kinds: Sequence[str], question: str = "") -> bool:
    """True when the section's heading (its first line, short and without sentence punctuation) names a
    kind of detail asked ("四、办理时限" for "多久能办好", "收费标准" for "收不收钱", "咨询电话"): the whole
    section gives that detail of the document's subject, whatever words its lines use. Materials asked
    (``question``: "需要什么材料") are named only by a heading of materials ("二、申请材料"), not by one of
    the procedure at large ("三、办理流程"); the hours of a day ("几点上班") by one naming a 时间."""
    heading = text.split("\n", 1)[0].strip()
    if "\n" not in text or not _HEADING_LINE_RE.match(heading):
        return False
    if "procedure" in kinds and MATERIALS_ASK_RE.search(question):
        return bool(re.search(r"材料|资料|清单", heading))
    if "time" in kinds and CLOCK_ASK_RE.search(question):  # "几点上班": "办理地点及时间", not "办理时限"
        return "时间" in heading
    return any(ANSWER_TYPES[k][0].search(heading) for k in kinds if k in ANSWER_TYPES)


def lines_with(text: str, terms: Sequence[str]) -> list[str]:
    """The lines of ``text`` holding one of ``terms``; a lead-in holding one ("运营单位应当履行下列义务：")
    brings its items ("（三）每千瓦时收费不得超过一点二元。"), and a line pointing to a table ("具体标准见
    下表。") the table's rows ("楼层数：4至6层；每台补贴金额：15万元"): they speak of its subject; an item
    holding one brings its lead-in ("…处二千元以上二万元以下罚款：" above "（三）未组织应急演练的。"); a heading line
    holding one ("四、办理时限") brings its whole section; a 款 referring back to a held one ("违反前款规定的，
    处…罚款") is held too."""
    first, _, rest = text.partition("\n")
    if rest and _HEADING_LINE_RE.match(first.strip()) and any(t in first for t in terms):
        return text.split("\n")  # "四、办理时限" holding the question's 办理: its whole section speaks of it
    out, under, lead_in, last = [], "", "", False  # under: "items" or "rows" follow a held lead-in
    for line in text.split("\n"):
        held, row = any(t in line for t in terms), table_row(line)
        item = row or (bool(ITEM_RE.match(line) or (lead_in and COMMA_ITEM_RE.match(line))) and under != "rows")
        held = held or (last and not item and bool(REFERS_BACK_RE.match(line)))  # "违反前款规定的，…罚款"
        last = held if not item else last
        if held and item and lead_in and lead_in not in out:
            out.append(lead_in)  # "（三）未组织应急演练的。": its lead-in sets the fine for every item
        if held or (under and item):
            out.append(line)
        kind = "rows" if _TABLE_LEAD_RE.search(line) else "items" if line.rstrip().endswith(("：", ":")) else ""
        under = kind if held and kind else under if item else ""
        lead_in = line if kind else lead_in if item else ""
    return out


_TABLE_LEAD_RE = re.compile(r"[见如按]下表|见附表|如表\s*\d")


# Numbers that label or cite a unit, not a figure: a line's opening label ("18.", "（二十三）", "第七十四条",
# "三、") and a reference to a unit ("第六十七条", "第二款", "第（三）项").
_REFERENCE_RE = re.compile(
    r"(?m)^[ \t\u3000]*(?:第[^条條章节節\n]{1,6}[条條章节節]|[一二三四五六七八九十]+、|[（(][^）)\n]{1,4}[）)]"
    rf"|\d{{1,3}}[.．、]{DIGIT_LABEL_END})|第[一二三四五六七八九十百零〇\d]+[条條款项項章节節编編]|第[（(][一二三四五六七八九十]+[）)]项")
# A date ("2019年12月底前", "每年1月31日前", "二〇二五年"): it counts nothing ("how many websites were closed").
_CALENDAR_RE = re.compile(r"[\d〇零一二三四五六七八九]{4}\s*年(?:\s*[\d一二三四五六七八九十]{1,3}\s*月)?"
                          r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*[日号])?"
                          r"|(?<![\d.])\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?")
CITED_ARTICLE_RE = re.compile(r"(?<=[^\s\u3000])第[一二三四五六七八九十百零〇\d]+条")  # "违反本条例第五条", no label
def topic_terms(question: str, tokenize: Callable[[str], list[str]]) -> list[str]:
    """The question's Chinese words of two or more characters, less those of its answer-type phrases ("多长时间",
    "罚多少") and its hedges ("一般要几天"), e.g. "有害垃圾投放时间是什么" -> ["有害", "垃圾", "投放"]."""
    return [t for t in tokenize(_HEDGE_RE.sub(" ", without_asks(question))) if len(t) >= 2 and _HAN_RE.fullmatch(t)]

_HAN_RE = re.compile(r"[\u4e00-\u9fff]+")
_HEDGE_RE = re.compile(r"(?:一般|通常|大概|大约|大致|平时|往往|到底|究竟)(?=[要需会能可是多几怎在都由按得该有哪])")


def without_asks(question: str) -> str:
    """The question with the phrases asking for its answer types blanked ("公示期多长" -> "公示期 ")."""
    for name in asked_types(question):
        question = ANSWER_TYPES[name][0].sub(" ", question)
    return question
