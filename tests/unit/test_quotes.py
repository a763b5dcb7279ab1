"""Quotes that carry the whole rule: the 款 or 项 line that holds the best sentence, with its lead-in,
its exceptions and heavier cases, and the standard citation 第十三条第二款第（三）项.

The articles are written for these tests in the style of a municipal regulation.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.extractive import Sentence, cite_tag, expand
from assistant.answer.quotes import LONG_LINE, quote_spans, table_row
from assistant.answer.scope import asks_figure
from assistant.records import Chunk, section_layout

FEE = ("第十条 行政机关依申请提供服务，不收取费用；申请数量明显超过合理范围的，可以收取工本费。\n"
       "工本费的标准由市财政部门会同价格主管部门制定。")
FINE = ("第二十条 违反本办法第八条规定，擅自占用公共停车泊位的，由区城管部门责令改正，处二百元以上一千元以下罚款。\n"
        "情节严重的，处一千元以上五千元以下罚款。\n"
        "本条规定的罚款由区城管部门统一收缴。")
ITEMS = ("第三条 补贴标准如下：\n"
         "（一）购买纯电动汽车的，每辆补贴5000元；\n"
         "（二）购买插电式混合动力汽车的，每辆补贴3000元；\n"
         "（三）购买燃料电池汽车的，每辆补贴8000元。\n"
         "补贴资金由市财政统一拨付。")
EXCEPT = ("第七条 市场监管部门应当在收到申请之日起十五个工作日内作出决定。\n"
          "但是，需要组织专家评审的，评审时间不计入前款规定的期限。")


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _quote(text: str, part: str, figure: bool = False) -> str:
    return "".join(text[s:e] for s, e in quote_spans(text, *_at(text, part), figure=figure))


def _sentence(text: str, part: str, label: str = "第十条") -> Sentence:
    chunk = Chunk(doc_id="reg", doc_title="某市停车管理办法", label=label, number=10, title="", part="",
                  part_title="", text=text, start=0, end=len(text), level="article")
    return Sentence(0, chunk, part, 0.9, 0, *_at(text, part))


def test_the_rule_travels_with_its_exception_in_the_same_paragraph() -> None:
    quote = _quote(FEE, "可以收取工本费。")
    assert "不收取费用" in quote and "可以收取工本费" in quote
    assert "工本费的标准" not in quote  # the next paragraph states no exception: it stays out


def test_a_heavier_case_in_the_next_paragraph_is_quoted_with_the_ordinary_fine() -> None:
    quote = _quote(FINE, "处二百元以上一千元以下罚款。")
    assert "二百元以上一千元以下" in quote and "情节严重的，处一千元以上五千元以下罚款" in quote
    assert "统一收缴" not in quote


def test_an_item_is_quoted_with_its_lead_in_and_a_lead_in_with_all_its_items() -> None:
    item = _quote(ITEMS, "每辆补贴3000元；")
    assert item.startswith("第三条 补贴标准如下：") and item.endswith("每辆补贴3000元；")
    assert "5000元" not in item
    lead = _quote(ITEMS, "补贴标准如下：")
    assert all(f in lead for f in ("5000元", "3000元", "8000元")) and "拨付" not in lead


def test_a_lead_in_without_its_colon_is_quoted_with_its_items() -> None:
    text = "第３条 见习单位可享受以下补贴\n１．每人每月补贴1200元；\n２．每留用一人再补贴2000元\n补贴按季度申领。"
    lead = _quote(text, "见习单位可享受以下补贴")
    assert "1200元" in lead and "2000元" in lead and "按季度" not in lead
    plain = "第五条 补贴按季度申领。\n申领材料由区人社局审核。"
    assert _quote(plain, "补贴按季度申领。") == "第五条 补贴按季度申领。"  # no item after it: the line alone


def test_a_paragraph_opening_with_but_brings_the_rule_it_qualifies() -> None:
    quote = _quote(EXCEPT, "评审时间不计入前款规定的期限。")
    assert "十五个工作日内" in quote and "不计入" in quote


def test_a_table_row_is_quoted_whole_however_long() -> None:
    row = "；".join(f"类别：第{i}类困难家庭；标准：每户每次不超过{i}000元；审批：县民政局" for i in range(1, 9)) + "。"
    assert len(row) > LONG_LINE and table_row(row)
    text = f"第二条 临时救助标准见下表。\n{row}"
    assert _quote(text, "标准：每户每次不超过3000元；") == row
    assert not table_row("处二百元以下罚款；情节严重的，处一千元以下罚款。")


def test_a_long_line_keeps_the_sentence_and_a_figure_question_keeps_the_clause_with_the_figure() -> None:
    filler = "，".join(["加强统筹协调和督促检查"] * 12)
    long_sentence = f"各区要建立工作台账，{filler}；按季度报送进展情况，每季度末前5个工作日内报市政府办公厅。"
    text = f"第五条 推进集约化建设。{long_sentence}其他事项另行通知。"
    assert len(text) > LONG_LINE
    plain = _quote(text, "推进集约化建设。")
    assert plain == "第五条 推进集约化建设。"  # a long line: sentence-level quote
    clause = _quote(text, f"各区要建立工作台账，{filler}；", figure=True)
    assert "5个工作日内" in clause and "其他事项" not in clause


def test_plan_tasks_keep_sentence_quotes_but_never_cut_at_a_semicolon() -> None:
    text = "（一）完善充电设施。新建公共充电桩3000个；改造老旧充电桩500个。推动社区充电全覆盖。"
    spans = quote_spans(text, *_at(text, "新建公共充电桩3000个；"), whole_lines=False)
    assert "".join(text[s:e] for s, e in spans) == "新建公共充电桩3000个；改造老旧充电桩500个。"


def test_citations_name_the_paragraph_and_the_item_in_the_standard_form() -> None:
    item = expand(_sentence(ITEMS, "（二）购买插电式混合动力汽车的，每辆补贴3000元；", "第三条"))
    assert item.clause == "第一款第（二）项" or item.clause == "第（二）项"
    assert item.text.startswith("补贴标准如下：")  # the article label is not quoted
    second = expand(_sentence(FINE, "情节严重的，处一千元以上五千元以下罚款。", "第二十条"))
    assert second.clause == "第二款"
    assert cite_tag(second.chunk, False, second.clause) == "（第二十条第二款）"
    assert cite_tag(second.chunk, True, second.clause) == "（《某市停车管理办法》第二十条第二款）"


def test_questions_asking_for_a_figure_are_told_apart() -> None:
    assert asks_figure("情节严重的最高罚多少") and asks_figure("多长时间内作出决定")
    assert asks_figure("需要多少业主同意") and not asks_figure("补贴资金由谁拨付")


def test_a_short_article_is_quoted_whole_when_asked_and_cited_without_a_paragraph() -> None:
    short = len(FEE) + 10
    assert "工本费的标准由市财政部门" in "".join(FEE[s:e] for s, e in quote_spans(
        FEE, *_at(FEE, "可以收取工本费。"), whole_unit=short))
    whole = expand(_sentence(FEE, "不收取费用；"), whole_unit=short)
    assert whole.text.startswith("行政机关依申请") and whole.text.endswith("价格主管部门制定。")
    assert whole.clause == ""  # the whole article: cited as 第十条, not a paragraph of it
    assert cite_tag(whole.chunk, False, whole.clause) == "（第十条）"
    longer = expand(_sentence(FEE, "不收取费用；"), whole_unit=len(FEE) - 10)  # over the limit: the 款 alone
    assert "工本费的标准" not in longer.text and longer.clause == "第一款"
    plan = "（一）完善充电设施。新建公共充电桩3000个；改造老旧充电桩500个。\n推动社区充电全覆盖。"
    spans = quote_spans(plan, *_at(plan, "新建公共充电桩3000个；"), whole_lines=False, whole_unit=1000)
    assert "推动社区" not in "".join(plan[s:e] for s, e in spans)  # a plan task is never quoted whole


def test_a_long_article_split_into_pieces_keeps_its_paragraph_breaks() -> None:
    first = ("第八条 住宅小区应当按照规划要求配套建设养老服务用房，并与住宅同步规划、同步建设、同步验收、同步交付使用。"
             "配套用房的面积标准由市民政部门会同市住房城乡建设部门制定。")
    second = "已建成的住宅小区没有养老服务用房的，所在地区人民政府应当通过购置、置换、租赁等方式配置。"
    third = "养老服务用房的收费标准应当报市发展改革部门备案。"
    pieces, pos = [], 0
    for n, text in enumerate([first, second + "\n" + third]):  # split at a line break, as the chunker does
        pieces.append(Chunk(doc_id="care", doc_title="某市养老服务条例", label="第八条", number=8, title="",
                            part="", part_title="", text=text, start=pos, end=pos + len(text), level="article",
                            piece=n))
        pos += len(text) + 1
    whole, bases = section_layout(pieces)
    assert whole == "\n".join([first, second, third]) and bases == [0, len(first) + 1]
    contiguous = [pieces[0], replace(pieces[1], start=pieces[0].end)]  # a long line cut mid-line
    assert section_layout(contiguous)[0] == first + second + "\n" + third
    start = whole.index(third)
    sentence = Sentence(0, pieces[1], third, 0.9, 2, start, start + len(third), unit=whole)
    quoted = expand(sentence)
    assert quoted.text == third and quoted.clause == "第三款"


def test_a_traditional_article_is_cited_in_its_own_script() -> None:
    chunk = _sentence(FEE, "不收取费用；", "第十條").chunk
    assert cite_tag(chunk, False, "第（一）项") == "（第十條第（一）項）"
    assert cite_tag(_sentence(FEE, "不收取费用；").chunk, False, "第（一）项") == "（第十条第（一）项）"


def test_table_rows_quoted_together_keep_their_line_break() -> None:
    rows = ("第二条 救助标准如下：\n类别：因病致贫家庭；标准：每户不超过5000元；审批：乡镇人民政府\n"
            "类别：遭遇火灾家庭；标准：每户不超过8000元；审批：县民政局")
    quoted = expand(_sentence(rows, "类别：因病致贫家庭；标准：每户不超过5000元；审批：乡镇人民政府", "第二条"),
                    whole_unit=len(rows) + 1)
    assert "审批：乡镇人民政府\n类别：遭遇火灾家庭" in quoted.text  # not glued into one cell
    assert quoted.text.startswith("救助标准如下：\n类别：因病致贫家庭")  # a row on its own line, after a lead-in too


def test_a_paragraph_looked_up_is_quoted_alone_even_an_exception() -> None:
    from assistant.answer.quotes import kuan_spans

    text = "第七条 业主委员会委员任期五年。\n但是，议事规则另有约定的，从其约定。\n委员可以连选连任。"
    second = kuan_spans(text, "第二款")
    assert ["".join(text[s:e] for s, e in second)] == ["但是，议事规则另有约定的，从其约定。"]
    assert kuan_spans(text, "第四款") == [] and kuan_spans(text, "第（二）项") == []
    sentence = replace(_sentence(text, "但是，议事规则另有约定的，从其约定。"), clause="第二款")
    quoted = expand(sentence)
    assert quoted.text == "但是，议事规则另有约定的，从其约定。" and quoted.clause == "第二款"
    assert "任期五年" in expand(replace(sentence, clause="")).text  # asked in a question: the rule travels with it


def test_a_table_under_a_lead_in_is_its_items() -> None:
    rows = ["类别：因病致贫家庭；标准：每户不超过5000元", "类别：遭遇火灾家庭；标准：每户不超过8000元"]
    lines = ["第二条 救助对象包括本市户籍的困难家庭。", "救助标准按下表执行：", *rows, "救助资金由区财政列支。"]
    text = "\n".join(lines)
    assert _quote(text, rows[1]) == "救助标准按下表执行：" + rows[1]  # a row with its lead-in
    assert _quote(text, "救助标准按下表执行：") == "救助标准按下表执行：" + "".join(rows)  # the lead-in with its rows


def test_a_table_cell_is_scored_by_its_row_and_the_row_asked_about_stays() -> None:
    from assistant.answer.overlap import with_overlap

    rows = ["人员类别：零就业家庭成员；就业方式：公益性岗位；补贴期限：五年",
            "人员类别：零就业家庭成员；就业方式：灵活就业；补贴期限：三年",
            "人员类别：其他困难人员；就业方式：灵活就业；补贴期限：二年"]
    unit = "第三条 补贴按下表执行：\n" + "\n".join(rows)
    chunk = Chunk(doc_id="r", doc_title="某市就业补贴办法", label="第三条", number=3, title="", part="",
                  part_title="", text=unit, start=0, end=len(unit), level="article")
    cells = [Sentence(0, chunk, cell, 0.90, i, unit.index(row) + row.index(cell),
                      unit.index(row) + row.index(cell) + len(cell), unit=unit)
             for i, (row, cell) in enumerate((r, "就业方式：灵活就业；") for r in rows[1:])]
    scored = with_overlap(cells, ("其他", "困难", "人员", "灵活", "就业", "补贴", "期限"))
    assert scored[1].score > scored[0].score  # the same cell text; the 其他困难人员 row holds the rare words
    quoted = [expand(s) for s in scored]
    assert rows[2] in quoted[1].text and rows[1] in quoted[0].text


def test_the_row_whose_listed_kind_the_question_names_in_full_wins_over_one_adding_a_word() -> None:
    from assistant.answer.overlap import names_a_row, with_overlap

    rows = ["类别：特困供养、最低生活保障家庭老人；自付比例：0",
            "类别：最低生活保障边缘家庭老人；自付比例：10%",
            "类别：失能老人；自付比例：20%"]
    unit = "三、补贴标准如下表：\n" + "\n".join(rows)
    chunk = Chunk(doc_id="t", doc_title="某市适老化改造通知", label="三、", number=3, title="", part="三",
                  part_title="", text=unit, start=0, end=len(unit), level="part")
    tokens = ("最低", "生活", "保障", "家庭", "老人", "自付", "比例")  # "低保家庭老人自付比例", 低保 read in full
    assert names_a_row(set(rows), tokens) == {rows[0]}
    assert names_a_row(set(rows), ("老人", "自付", "比例")) == set()  # a word of every row names none
    picks = ((rows[0], "自付比例：0", 0.950), (rows[1], "自付比例：10%", 0.955))
    cells = [Sentence(0, chunk, cell, score, i, unit.index(row) + row.index(cell),
                      unit.index(row) + row.index(cell) + len(cell), unit=unit)
             for i, (row, cell, score) in enumerate(picks)]
    scored = with_overlap(cells, tokens)
    assert scored[0].score > scored[1].score  # the dense score had preferred the 边缘 row's cell


_TWO_BREACHES = ("第二十一条　违反本条例规定，个人用户擅自改装燃气设施的，处五百元以上一千元以下罚款。\n"
                 "违反本条例第十九条规定，餐饮用户未安装报警装置的，处一万元以上三万元以下罚款。"
                 "但是，已经采取其他安全措施的，可以从轻处罚。")


def test_a_paragraph_sanctioning_its_own_breach_is_no_exception_of_the_one_before() -> None:
    # the next 款 holds 但是, but it qualifies its own rule (违反第十九条), not the first 款's
    first_end = _TWO_BREACHES.index("\n")
    assert quote_spans(_TWO_BREACHES, 10, 20, figure=True) == [(0, first_end)]
    refers_back = "第五条　违反本条例规定的，处一千元罚款。\n违反前款规定，情节严重的，处一万元罚款。"
    assert len(quote_spans(refers_back, 8, 12, figure=True)) == 2  # "违反前款…情节严重的" travels with it


def test_a_short_article_of_two_sanctions_is_not_quoted_whole() -> None:
    from assistant.answer.clauses import whole_article_ok

    assert not whole_article_ok(_TWO_BREACHES, "处五百元以上一千元以下罚款。")
    assert whole_article_ok("第五条　申请人应当提交材料。\n材料不全的，一次告知补正。", "申请人应当提交材料。")
    assert not whole_article_ok("第二条　本办法所称充电设施，是指设备。\n其他。", "本办法所称充电设施，是指设备。")


def test_a_qa_question_line_is_quoted_with_its_answer() -> None:
    text = ("八、咨询渠道\n活动咨询电话：0571-5550123。\n附：常见问题解答\n问：外地游客可以参加抽奖吗？\n"
            "答：可以。参加时手机定位在本市即可。\n不限户籍。\n问：奖品过期了能补领吗？\n答：不能。\n特此公告。")
    start, end = _at(text, "问：外地游客可以参加抽奖吗？")
    quoted = [text[s:e] for s, e in quote_spans(text, start, end)]
    assert quoted == ["问：外地游客可以参加抽奖吗？", "答：可以。参加时手机定位在本市即可。", "不限户籍。"]
    start, end = _at(text, "问：奖品过期了能补领吗？")
    assert [text[s:e] for s, e in quote_spans(text, start, end)] == ["问：奖品过期了能补领吗？", "答：不能。"]
    lost = "七、常见问题\n问：许可证遗失了怎么办？\n答：应当向原发证机关申请补办。发证机关在5个工作日内补发。"
    start, end = _at(lost, "发证机关在5个工作日内补发。")
    assert [lost[s:e] for s, e in quote_spans(lost, start, end, whole_lines=False)] == [lost.split("\n")[2]]
    reading = "三、问：补贴什么时候到账？\n答：批准后次月起按月发放。"
    start, end = _at(reading, "三、问：补贴什么时候到账？")
    assert "".join(reading[s:e] for s, e in quote_spans(reading, start, end, whole_lines=False)).endswith("按月发放。")


def test_a_numbered_question_line_is_quoted_with_its_answer() -> None:
    """A guide's numbered questions ("2. 一次性创业补贴标准是多少？" over "答：…") answer as "问：" lines do."""
    guide = "2. 一次性创业补贴标准是多少？\n答：每人3000元，同一人只能享受一次。\n3. 贷款最高能贷多少？\n答：30万元。"
    start, end = _at(guide, "2. 一次性创业补贴标准是多少？")
    assert [guide[s:e] for s, e in quote_spans(guide, start, end, whole_lines=False)] == guide.split("\n")[:2]
    plain = "2. 推进创业补贴发放？\n各区要加快进度。"  # no "答：" under it: the line alone, as before
    start, end = _at(plain, "2. 推进创业补贴发放？")
    assert [plain[s:e] for s, e in quote_spans(plain, start, end, whole_lines=False)] == [plain.split("\n")[0]]


def test_a_following_rule_with_an_exception_inside_is_its_own_not_the_items() -> None:
    rates = ("第九条　住院费用按照下列比例报销：\n（一）一级医院90%；\n（二）二级医院70%。\n"
             "未经转诊到市外就医的，报销比例为40%；但是，急诊抢救的，按照转诊标准报销。\n"
             "前款规定的转诊标准由市医保部门公布。")
    start, end = _at(rates, "（二）二级医院70%。")
    quoted = "".join(rates[s:e] for s, e in quote_spans(rates, start, end))
    assert quoted == "第九条　住院费用按照下列比例报销：（二）二级医院70%。"
    start, end = _at(rates, "未经转诊到市外就医的")
    quoted = "".join(rates[s:e] for s, e in quote_spans(rates, start, end))
    assert quoted.endswith("按照转诊标准报销。前款规定的转诊标准由市医保部门公布。")  # refers back to it


def test_a_tables_rows_right_under_a_parts_heading_are_listed_when_asked_which() -> None:
    table = ("三、所需材料\n序号：1；材料名称：身份证；要求：原件\n序号：2；材料名称：营业执照；要求：复印件\n"
             "序号：3；材料名称：租赁合同；要求：备案满3个月")
    start, end = _at(table, "序号：2；材料名称：营业执照；要求：复印件")
    one = [table[s:e] for s, e in quote_spans(table, start, end)]
    assert one == ["三、所需材料", "序号：2；材料名称：营业执照；要求：复印件"]  # a row says its own
    every = [table[s:e] for s, e in quote_spans(table, start, end, listing=True)]
    assert every == table.split("\n")                                            # "需要哪些材料"


def test_a_figure_asked_brings_the_next_sentence_that_states_one() -> None:
    """"过渡期是几年" matched "鼓励利用闲置厂房…" best, but "5年" is in the next sentence (and its proviso after it)."""
    task = ("（三）盘活存量空间。鼓励利用闲置厂房、仓库发展夜间消费场景。改造后用于夜间经营的，可在5年过渡期内"
            "保持土地原用途不变。但是，涉及违法建设的，不得享受过渡期政策。")
    start, end = _at(task, "鼓励利用闲置厂房、仓库发展夜间消费场景。")
    quoted = "".join(task[s:e] for s, e in quote_spans(task, start, end, figure=True, whole_lines=False))
    assert quoted.startswith("鼓励利用") and "5年过渡期" in quoted and "但是，涉及违法建设" in quoted
    plain = "".join(task[s:e] for s, e in quote_spans(task, start, end, whole_lines=False))
    assert plain == "鼓励利用闲置厂房、仓库发展夜间消费场景。"  # no figure asked: the sentence alone


def test_an_item_that_comes_with_a_proviso_after_the_list_brings_its_lead_in() -> None:
    lines = ["第九条 有下列情形之一的，不予办理临时摊位登记：", "（一）申请人无固定住所的；",
             "（二）申请摊位位于消防通道的。", "但是，节假日集市经街道办事处同意设置的，不受前款第（二）项限制。"]
    text = "\n".join(lines)
    assert _quote(text, lines[3]) == lines[0] + lines[2] + lines[3]  # the lead-in, （二）, the proviso
