"""Precise asks (answer.figures via scope.missing_answer_type): the figure asked, in the ways texts write it."""

from __future__ import annotations

import pytest

from assistant.answer.scope import missing_answer_type


@pytest.mark.parametrize(("question", "text"), [
    ("办登记要交多少登记费", "电动自行车实行登记管理，免收登记费。"),
    ("摊位费是多少", "对残疾人经营户，免予收取摊位费。"),
    ("财政承担百分之几", "绝育手术费用由区财政承担一半。"),
    ("改造费用财政补助比例是多少", "市财政对改造费用给予全额补助。"),
    ("保育人员与婴幼儿比例是多少", "保育人员与婴幼儿比例不低于1:5。"),  # a ratio is a share
    ("犬只一年要免疫几次", "犬只每年应当接种狂犬病疫苗一次。"),          # times in a period
    ("中央和地方各承担多少比例", "中央财政承担百分之六十。"),
    ("护理员配备比例是多少", "护理员与床位的配备比例不低于一比三。"),
    ("每个车棚配几个灭火器", "每个充电车棚应当配备灭火器4具。"),       # the thing first, another measure word
    ("全市有几家定点诊疗机构", "全市确定定点动物诊疗机构十余家。"),
    ("有几家企业参与试点", "确定不少于5个企业参与试点运营。"),
    ("设置多少个便民服务网点", "设置便民服务网点50处。"),
    ("买车后多少天内要登记", "应当在购车之日起15个自然日内办理登记。"),
    ("几个月检查一次", "每半年开展一次安全检查。"),
    ("多久检查一次", "每半年开展一次安全检查。"),
    ("几个月自查一次", "每季度开展一次自查。"),
    ("狗丢了几小时内要报告", "应当在24时内报告公安派出所。"),
    ("几个钟头内要报告", "发现火灾隐患应当在2小时内报告。"),           # 钟头 is a time, not a count of 钟
    ("处理结果几天内告知", "处理结果一周内告知投诉人。"),
    ("火警电话是多少", "发现起火应当立即拨打119火警电话。"),
    ("投诉电话是多少", "市场投诉电话：0571 8765 4321。"),
    ("办公室邮箱是多少", "电子邮箱：office＠example.gov.cn"),
    ("电话投诉怎么处理", "消费者可以通过电话、网络等方式投诉，三十分钟内到场处理。"),
    ("应急管理局局长是谁", "任命王建国为应急管理局局长。"),
    ("工作专班负责人是谁", "工作专班负责人由王建国担任。"),
])
def test_the_figure_asked_is_found_however_the_text_writes_it(question: str, text: str) -> None:
    assert not missing_answer_type(question, text)


@pytest.mark.parametrize(("question", "text"), [
    ("违规停放罚多少钱", "违规停放的，由城市管理部门责令改正，给予警告或者罚款。"),
    ("救援支队支队长是谁", "市消防救援支队负责本办法的组织实施。"),
    ("政务服务管理部门的负责人是谁", "聘请人大代表、群众代表等担任监督员。"),      # a post held, no one named
    ("网站网址是什么", "电子邮箱：office＠example.gov.cn"),                 # a mail domain is no web address
    ("有几家企业参与试点", "全市确定试点区域。"),
    ("发生事故几小时内上报", "运营者应当立即报告。"),
    # a unit's label and a cited article are no figure; nor is a numeral inside a word (零售, 统一)
    ("夜市单个摊位的限额是多少", "18.规范夜市经营。支持零售摊位统一管理。"),
    ("保险的保额是多少", "（二十三）加强保障。建立执法人员意外伤害保险制度。"),
    ("罚款上限是多少", "第七十四条　违反本办法第十二条第（三）项规定的，依法处理。"),
    ("犬只一年要免疫几次", "犬只登记有效期为一年。"),                      # a year, but no number of times
    ("中央和地方各承担多少比例", "每户补助标准不低于3000元。"),
    # money per unit asked: a share or a count gives none
    ("物业维修资金每平方米交多少", "维修资金余额不足首期交存额百分之三十的，业主应当续交。"),
    ("每户补多少", "补助对象为五保户、低保户等困难家庭三类。"),
    ("第一阶梯水价每立方米多少钱", "第二阶梯水价按第一阶梯水价的1.5倍执行，第一阶梯为每户每年180立方米以内。"),
    ("临床用血每毫升收多少钱", "无偿献血者临床用血时，免交献血量五倍以内的用血费用。"),
])
def test_a_figure_the_text_lacks_is_missing(question: str, text: str) -> None:
    assert missing_answer_type(question, text)


@pytest.mark.parametrize(("question", "text"), [("物业维修资金每平方米交多少", "首期按照每平方米50元交存。"),
                                                ("每人每月发多少", "按每人每月1800元标准给予见习补贴。"),
                                                ("每户补多少", "对改厕农户每户补助三千元。"),
                                                ("第一阶梯水价每立方米多少钱", "第一阶梯水价为每立方米3.2元。")])
def test_money_per_unit_is_found(question: str, text: str) -> None:
    assert not missing_answer_type(question, text)


def test_which_few_kinds_asks_for_the_kinds_not_how_many() -> None:
    from assistant.answer.scope import asked_types

    assert "count" not in asked_types("要建成哪几类中心") and "count" not in asked_types("放在哪几个领域")
    assert "count" in asked_types("要建成几类中心")
    assert not missing_answer_type("要建成哪几类中心", "建成加工制造中心、研发设计中心、物流分拨中心。")


@pytest.mark.parametrize(("question", "text", "missing"), [
    ("企业最高可以获得多少人民币补贴", "对符合条件的企业给予最高50万元补贴。", False),   # 人民币 is no head count
    ("有几个人工智能应用场景", "打造十个典型应用场景，推进人工智能发展。", False),
    ("咨询电话是多少", "本办法自2024年1月1日起施行。咨询请拨打服务热线。", True),      # a date is no number to call
    ("需要几天办结", "本办法自2024年3月1日起施行，应当及时办结。", True),               # nor a time limit
    ("网址是什么", "可登录www.example.gov.cn或发送邮件至office@example.gov.cn查询", False),
    # a date counts nothing; a number of things does
    ("关停了多少个网站", "2023年12月底前，各地完成网站整合工作。", True),
    ("How many websites were closed?", "各地应当于每年1月31日前报送整合情况。", True),
    ("关停了多少个网站", "二〇二三年共关停网站120个。", False),
    # a rate asked in English needs a share
    ("What income tax rate applies to firms in the zone?", "对区内企业执行现行相关税收政策。", True),
    ("What pass rate is required for new licences?", "新增电子证照质检合格率达到95%。", False),
    # materials asked need a document or a proof named
    ("延期缴纳要提交哪些证明困难的材料", "当事人确有经济困难的，经申请可以延期缴纳。", True),
    ("办理犬只登记要准备什么材料", "申请人应当提交身份证复印件和犬只免疫证明。", False),
    # a contact word naming a topic asks for no contact ("网址解析" is a service, not an address asked)
    ("政府网站的网址解析由谁负责", "鼓励对政府网站域名进行集中解析，由省级平台统一负责。", False),
    ("政府网站的网址是什么", "鼓励对政府网站域名进行集中解析，由省级平台统一负责。", True),
    # the specifics asked need a list, not a sentence naming the thing
    ("岗位审查具体要查哪些内容", "单位应当对关键岗位人员进行岗位审查。", True),
    ("岗位审查具体要查哪些内容", "岗位审查包括身份、履历和违法犯罪记录。", False),
    ("岗位审查具体要查哪些内容", "岗位审查的内容如下：\n（一）身份信息；\n（二）从业经历。", False),
])
def test_dates_currency_and_mail_addresses_are_read_for_what_they_are(question: str, text: str,
                                                                      missing: bool) -> None:
    assert missing_answer_type(question, text) is missing


# Kinds of detail asked (each kind: a question the section answers, and one it cannot).
DETAIL_CASES = [
    # procedure: how to apply needs 申请/提交/材料…
    ("充电设施建设补助怎么申报", "推进充电设施建设补助工作，扩大充电服务覆盖。", True),   # a goal, no procedure
    ("充电设施建设补助怎么申报", "建设单位应当向区发展改革部门申报充电设施建设补助。", False),
    ("办理登记需要哪些材料", "申请登记的，应当提交身份证明和购车发票。", False),
    ("电子证照怎么申领", "全面推广电子证照应用，拓展应用场景。", True),
    ("电子证照能不能用", "全面推广电子证照应用，拓展应用场景。", False),               # no procedure asked
    # place: which province or city needs a place name
    ("对口协作跟哪个省开展", "探索对口协作向西部地区延伸。", True),
    ("对口协作跟哪个省开展", "与贵州省共建协作基地。", False),
    ("共享单车最早是哪个城市推出的", "推进城市共享单车规范管理，本市全面推行。", True),   # 城市, 本市: no city named
    ("试点在哪些城市开展", "在杭州市、成都市开展试点。", False),
    ("哪个市场主体可以申请", "符合条件的企业可以申请。", False),                   # 市场 is no place asked
    # duration: a number of a time unit, or 立即
    ("起诉期限是多久", "当事人对处罚决定不服的，可以依法提起行政诉讼。", True),   # 期限 named, no duration
    ("起诉期限是多久", "应当自知道作出决定之日起六个月内提起诉讼。", False),
    ("发现隐患多长时间内要报告", "发现安全隐患的，应当立即报告。", False),            # at once answers it
    ("多久检查一次", "每半年开展一次安全检查。", False),
    ("几小时内要报告", "发现安全隐患的，应当立即报告。", True),                      # a number of hours asked
    ("审核要在几个工作日内完成", "作出决定前应当进行审核，未经审核不得作出决定。", True),  # a count asked of days
    ("审核要在几个工作日内完成", "审核机构应当在五个工作日内完成审核。", False),
    ("许可证的有效期是几年", "行政机关应当在二十个工作日内作出决定。", True),          # days answer no years
    ("许可证的有效期是几年", "许可证有效期为三年。", False),
    ("执法证件的有效期是几年", "执法机关应当于每年1月31日前公开上年度执法数据。", True),  # 每年: how often
    ("发现隐患几天内要报告", "运营者每天开展巡查，发现隐患及时处置。", True),
    ("夜市摊位费一个月收多少", "摊位面积原则上不超过6平方米。", True),             # a fee asked: its sum
    ("夜市摊位费一个月收多少", "摊位费每月不超过300元。", False),
    ("进口设备要交多少关税", "便利企业进口设备，优化通关流程。", True),              # a tax asked needs its figure
    ("进口设备要交多少关税", "自用设备免征进口关税。", False),
    ("电子证照怎么下载", "推广电子证照应用，拓展应用场景。", True),                # download asked: how, not that
    ("电子证照怎么下载", "可通过“江城通”APP下载电子证照。", False),
    ("电梯停了好几天，物业要做什么", "电梯停止运行超过72小时的，使用单位应当公告停运原因。", False),  # 好几天: no ask
    ("十几个摊位可以办夜市吗", "夜市应当统一规划，合理布局。", False),
    ("补贴批下来以后从什么时候开始发", "经审核批准的，自批准的次月起发放补贴。", False),  # the month after
    ("许可要在几个工作日内作出决定", "许可证有效期届满三十日前申请延续。", True),     # calendar days: no working days
    ("未来几年采购要坚持哪些原则", "采购应当遵循公开透明原则和公平竞争原则。", False),
    ("今后几年有哪些重点任务", "推进数据共享，建设城市数据平台。", False),
    ("进口研发设备要交多少关税", "企业进口自用的研发设备，免予征收进口关税。", False),
    ("平台公司要交多少增值税", "违反本条例规定的，处一万元以上三万元以下罚款。", True),   # a fine is no tax
    ("零售进口商品要交多少增值税", "零售进口商品的关税税率暂设为0%。", True),           # another tax's rate
    ("零售进口商品要交多少增值税", "零售进口商品按应纳增值税的70%征收。", False),
    ("跨境电商出口退税率是多少", "出口企业的出口退税率为13%。", False),
    ("近几年采购要坚持哪些原则", "采购应当遵循公开透明原则和公平竞争原则。", False),  # 近几年: no years asked
    # website or platform
    ("在哪个网站能查到失信名单", "列入不良行为记录名单，在一至三年内禁止参加采购活动。", True),
    ("在哪个网站能查到失信名单", "失信名单在市信用网站上公布。", False),
    ("通过什么平台申请", "申请人可以通过一体化政务服务平台提出申请。", False),
    ("哪个网络安全事件要报告", "发生重大网络安全事件的，应当报告。", False),     # 网络 is no website asked
    # a limit needs its sum
    ("规章设定罚款的限额具体是多少", "规章可以设定一定数额罚款的行政处罚。罚款的限额由市人民政府规定。", True),
    ("规章设定罚款的限额是多少", "规章设定罚款的限额为三万元。", False),
    # area or length: a number of its unit
    ("设立园区要求规划面积至少多大", "园区要科学规划、严格准入、集约用地。", True),
    ("设立园区要求规划面积至少多大", "园区规划面积不少于2平方公里。", False),
    ("停车位宽度至少多少", "停车位宽度不得小于2.5米。", False),
    ("电梯安全管理员需要考什么证", "使用单位应当配备电梯安全管理员，并保证其履行职责。", True),  # 保证 is no licence
    ("网约车驾驶员需要什么证", "驾驶员应当取得网络预约出租汽车驾驶员证。", False),
    ("夜市举办者要办什么许可证", "夜市举办者应当依法取得临时占道许可。", False),
    ("需要提供什么证明材料", "申请人应当提交申请书和身份证明。", False),                # 证明 asked: no licence ask
    ("夜市离居民楼至少要隔多远", "夜市经营时间一般不超过次日1时。", True),          # a distance asked: metres
    ("夜市离居民楼至少要隔多远", "与居民住宅集中区保持不少于50米的距离。", False),
    ("处罚力度有多大", "情节严重的，处一万元以上五万元以下罚款。", False),   # no length or area asked
    # a day of a month
    ("大赛报名截止到几号", "组织开展数据创新大赛，年内完成评审。", True),           # a year is no day
    ("大赛报名截止到几号", "大赛报名截止时间为2025年5月31日。", False),
    ("条例哪一天开始施行", "本条例自2021年10月1日起施行。", False),
    ("异议截止到哪天", "自公告之日起三十日内提出异议。", False),
    # a subsidy or reward needs its sum
    ("认定的企业有多少补贴", "开展数据企业认定，培育一批数据企业。", True),
    ("认定的企业有多少补贴", "对认定的企业给予一次性补贴50万元。", False),
    ("获奖的奖励是多少", "对表现突出的单位给予通报表扬。", True),
    # English questions ask for the same kinds
    ("How much is the monthly unemployment benefit?", "推动就业服务数字化，建设就业服务平台。", True),
    ("How much is the fine for parking on the pavement?", "违反规定停放车辆的，处二百元罚款。", False),
    ("Which company built the city data platform?", "建设城市数据平台，汇聚公共数据。", True),
    ("By when must the platform be finished?", "2025年12月底前建成城市数据平台。", False),
    ("Who approves the plan?", "实施方案报市人民政府批准后实施。", False),
    ("What must operators who process data do?", "处理数据应当遵守法律规定。", False),  # "who" inside: no ask
    # one company asked needs a company's name; a rate asked needs a share
    ("城市云脑由哪家公司承建", "引导企业参与城市云脑建设。", True),
    ("城市云脑由哪家公司承建", "由江城数据集团有限公司承建。", False),
    ("Which company built the city platform?", "鼓励企业参与平台建设。", True),
    ("没收的车辆由哪家拍卖机构拍卖", "依法没收的物品，由依法设立的拍卖机构公开拍卖。", True),   # a kind, not a firm
    ("没收的车辆由哪家拍卖机构拍卖", "没收的物品由江城拍卖有限公司公开拍卖。", False),
    ("平台运维交给哪家服务商", "平台运维可以委托专业服务机构承担。", True),
    # a fine asked needs a figure in a line that fines, not a fee's figure
    ("违规收费的罚款是多少", "小型车白天每小时收费5元，夜间每小时收费2元。", True),
    ("违规收费的罚款是多少", "违反规定收费的，处五百元以上二千元以下罚款。", False),
    ("不明码标价罚多少钱", "经营者应当明码标价。\n违反前款规定的，处违法所得一倍以上三倍以下罚款。", False),
    # an amount asked as "…额是多少" or a pay rate, a rate asked with a bound ("…率超过多少")
    ("意外伤害保险的保额是多少", "建立执法人员人身意外伤害保险制度。", True),
    ("意外伤害保险的保额是多少", "意外伤害保险保额不低于五十万元。", False),
    ("评审专家的劳务报酬标准是多少", "评审专家的劳务报酬由采购人从项目经费中支付。", True),
    ("评审专家的劳务报酬标准是多少", "评审专家每次评审劳务报酬为五百元。", False),
    ("投诉率超过多少要约谈", "对一年内被投诉超过三次的单位进行约谈。", True),
    ("投诉率超过多少要约谈", "投诉率超过百分之五的，进行约谈。", False),
    ("哪些企业可以申请补贴", "符合条件的企业可以申请补贴。", False),                 # which kind: a kind answers
    ("光网覆盖率目标是多少", "推进光网建设，新建基站3000个。", True),
    ("光网覆盖率目标是多少", "光网覆盖率达到95%。", False),
    # details written the other common ways
    ("完成任务的奖励是多少", "对按期完成任务的企业给予奖励。", True),            # no sum: not a count of 五 or 12
    ("市财政专项资金有多少", "市财政每年安排专项资金，专款专用。", True),
    ("改造最高奖补多少钱", "按照改造投资额的百分之二十给予奖补，最高不超过五十万。", False),
    ("改造有多少补贴", "按照改造投资额的百分之二十给予奖补，最高不超过五十万。", False),
    ("数据每月几号前报送", "经营者应当于每月15日前报送上月数据。", False),
    ("经营情况每月几号前报告", "开办者应当于每月十日前报告经营情况。", False),
    ("夜市摊位怎么申请", "经营者须通过“河州通”APP预约摊位。", False),
    ("入场登记在哪个网站办理", "通过“河州政务服务网”在线填报。", False),
    ("交流合作在哪些城市开展", "在广州、深圳开展夜间经济交流合作。", False),     # places without 市
    ("学习经验去哪个省", "组织到浙江、江苏学习街区运营经验。", False),
    ("绿地面积至少多大", "新建居住区绿地面积不得低于总用地面积的百分之三十。", False),
    # a street address in any of its usual forms
    ("登记大厅在什么地址", "办理地点：车辆管理所登记大厅（滨江大道188号）。", False),
    ("登记大厅在什么地址", "办理地点：车辆管理所登记大厅（解放街12号）。", False),
    ("登记大厅在什么地址", "办理地点：车辆管理所登记大厅。", True),
    # a bare 多少 is answered by a sum written in Chinese numerals too
    ("维修资金每平方米交多少", "维修资金按照每平方米一百元的标准交存。", False),
    ("维修资金每平方米交多少", "维修资金由业主按规定交存。", True),
    # minutes are a time limit and a count of them
    ("故障多少分钟内要到场", "发生故障的，维修单位应当在三十分钟内到达现场。", False),
    ("故障多少分钟内要到场", "发生故障的，维修单位应当及时到达现场。", False),  # 及时: a time limit, not precise
    ("故障几分钟内要到场", "发生故障的，维修单位应当组织抢修。", True),
]


@pytest.mark.parametrize(("question", "text", "missing"), DETAIL_CASES)
def test_each_kind_of_detail_asked_needs_that_detail_in_the_section(question: str, text: str, missing: bool) -> None:
    assert missing_answer_type(question, text) is missing


def test_a_count_in_ten_thousands_is_no_sum_of_money() -> None:
    assert missing_answer_type("数据中心用电价格有优惠吗", "标准机架总数超6.5万架，智能算力占比超35%。")
    assert not missing_answer_type("改造奖补最高多少", "按投资额给予奖补，最高不超过五十万。")


def test_a_figure_of_a_thing_the_documents_never_name() -> None:
    from assistant.answer.absent import absent_subject

    corpus = "重点视频资源规范化治理覆盖率不低于95%。新建5G基站3000个。"
    assert absent_subject("千兆光网覆盖率目标是多少", corpus) == "千兆光网"      # two unnamed words, then a 率
    assert absent_subject("千兆光网的用户数量有多少", corpus) == ""             # 的 between: a clause, not a thing
    assert absent_subject("视频资源覆盖率目标是多少", corpus) == ""             # named
    assert absent_subject("光网覆盖率目标是多少", corpus) == ""                 # one word: other signals decide
    assert absent_subject("电瓶车上牌要多少钱", corpus) == ""                   # no measure after the words
    assert absent_subject("千兆光网建设要求是什么", corpus) == ""               # no figure asked
    assert absent_subject("千兆光网覆盖率是多少，基站建多少个", corpus) == ""   # another clause to answer


def test_the_act_a_body_is_asked_for_that_the_section_never_names() -> None:
    from assistant.answer.absent import absent_action

    text = "第六条 本市机关设立首席数据官，由市政府办公厅统筹指导，各区人民政府负责本区工作。"
    assert absent_action("设立首席数据官要向哪个部门备案", text) == "备案"          # 备案 is said nowhere
    assert absent_action("首席数据官由哪个部门统筹指导", text) == ""              # said
    assert absent_action("首席数据官工作由哪个部门负责", text) == ""              # who is in charge: any body
    assert absent_action("违法行为由哪些部门处罚", text) == ""                    # enforcement: a sanction's body
    assert absent_action("首席数据官由哪个部门指导", text) == ""                  # a half of 统筹指导
    assert absent_action("首席数据官向哪个部门备案，要交什么材料", text) == ""    # another clause to answer
    assert absent_action("首席数据官要向哪个部门备案", text, lambda w: ["统筹"]) == ""  # a glossary term is said


def test_the_kind_or_form_of_a_thing_the_documents_never_name() -> None:
    from assistant.answer.absent import absent_thing

    corpus = "统计年报应当按照统一格式报送。执法人员应当着执法服装。新建小区应当配套建设养老服务设施。"
    assert absent_thing("执法人员需要考取什么职业证书", corpus) == "证书"            # after 什么, at the end
    assert absent_thing("统计年报要用什么统一的表格格式", corpus) == "表格"          # 格式 is named, 表格 not
    assert absent_thing("执法服装的具体式样是怎么规定的", corpus) == "式样"          # before 是怎么
    assert absent_thing("執法人員需要考取什麼職業證書", corpus) == "证书"            # 繁體
    assert absent_thing("统计年报要用什么格式", corpus) == ""                       # named
    assert absent_thing("养老服务设施按什么标准配建", corpus) == ""                  # short form of 配套建设
    assert absent_thing("执法人员要考什么证书", corpus, lambda w: ["执法服装"]) == ""  # a glossary term is named
    assert absent_thing("执法人员需要考取什么证书，多久培训一次", corpus) == ""       # another clause to answer
    assert absent_thing("统计年报由哪个部门组建", corpus) == ""                     # asks who, then a verb
    assert absent_thing("统计年报是哪个文件公布的", corpus) == ""                   # 是…的: a verb
    assert absent_thing("统计年报什么时候报送", corpus) == ""                       # asks when
    assert absent_thing("条例那一章有哪些内容", corpus) == ""                       # a part of a text
    assert absent_thing("统计年报要报送哪些事情", corpus) == ""                     # a common word names nothing
    assert absent_thing("统计年报按什么规定的程序报送给上级部门", corpus) == ""        # a clause, not a thing
    assert absent_thing("统计年报的报送保证金比例是多少", corpus) == "保证金"      # a long subject of 是多少
    assert absent_thing("执法人员的服装标准是多少", corpus + "标准") == ""           # 服装 and 标准 name 服装标准
    assert absent_thing("执法人员的停车费是多少", corpus + "停车") == "停车费"         # no 费 half of two characters
    assert absent_thing("执法服装那一章有哪些内容", corpus) == ""                   # a part of a text
    assert absent_thing("执法人员培训和表彰有什么安排", corpus) == ""                # the provision itself is asked
    assert absent_thing("统计年报有哪些新的要求", corpus) == ""
    assert absent_thing("执法服装要采用什么采购政策", corpus) == "采购"  # 政策 asks nothing, 采购 names a thing
    assert absent_thing("执法人员的年龄上限是多少", corpus + "年龄") == ""  # a limit asked is a figure, not a thing
    assert absent_thing("执法服装补助的浮动幅度是多少", corpus + "补助浮动") == ""
    assert absent_thing("统计年报有哪些提法", corpus) == ""                  # not something one must hold or use
    assert absent_thing("统计年报补贴的比例是多少", corpus) == ""            # the figure asked, not a thing
    assert absent_thing("统计年报审核的时限是多少", corpus) == ""
    assert absent_thing("统计平台建到哪个版本了", corpus) == ""              # a value answers it ("3.0")


def test_a_thing_asked_whether_needed_that_the_documents_never_name() -> None:
    from assistant.answer.absent import absent_object

    corpus = "供应商可以向采购人提出质疑。执法全过程记录，录音录像。申请人应当提交申请材料。"
    assert absent_object("供应商提出质疑需要交保证金吗", corpus) == "保证金"
    assert absent_object("驾驶证换证需要体检吗", corpus) == "体检"
    assert absent_object("申请要不要提交材料", corpus) == ""                     # named by the documents
    assert absent_object("质疑要不要交押金", corpus, lambda w: ["保证金"]) == "押金"  # the glossary's term absent too
    assert absent_object("质疑要不要交押金", corpus + "保证金", lambda w: ["保证金"]) == ""
    assert absent_object("资料还要我再交一遍吗", corpus) == ""                   # a way of doing, not a thing
    assert absent_object("保证金是多少", corpus) == ""                           # no yes/no question
    assert absent_object("夜市摊贩要不要办健康证", corpus) == "健康证"
    assert absent_object("夜市可以卖烟花爆竹吗", corpus) == "烟花爆竹"              # may one sell it
    assert absent_object("电动自行车需要买保险吗", corpus) == "保险"                # bought, fitted or worn
    assert absent_object("骑车需要戴头盔吗", corpus) == "头盔"
    assert absent_object("需要提交申请材料吗", corpus) == ""
    assert absent_object("图书馆可以带宠物进入吗", corpus) == "宠物"              # may one bring it in
    assert absent_object("初次违法可以不罚吗", corpus) == ""                       # a way of acting, no thing
    assert absent_object("遛狗要拴绳吗", corpus) == ""   # 要 + a verb-object word: a way of acting, not a thing
    assert absent_object("养老机构可以申请公积金贷款吗", corpus) == "公积金贷款"  # no word of it named
    assert absent_object("供应商可以申请质疑保证金吗", corpus + "保证金") == ""  # its words are named


def test_spending_money_and_when_only_then_are_no_asks_for_a_sum_or_a_time() -> None:
    from assistant.answer.scope import asked_types

    assert "amount" not in asked_types("政府花钱买东西，是不是非得买国产的")  # spending, not how much
    assert "amount" in asked_types("办这个证要花钱吗") and "amount" in asked_types("一共花了多少钱")
    assert asked_types("研发费用补助网上申报时间是什么时候") == ["time"]  # a thing named 费用, its time asked
    assert "amount" in asked_types("检测费用由谁承担") and "amount" in asked_types("停车费用多少")
    assert "time" not in asked_types("什么时候才能申请减免")  # on what condition, not a date
    assert "time" in asked_types("什么时候开始申请")


def test_the_how_many_of_a_time_asks_no_sum() -> None:
    from assistant.answer.scope import asked_types, missing_answer_type

    assert asked_types("申请补贴多少个工作日内审核") == ["time"]  # 补贴多少 … 个工作日: days, not money
    assert asked_types("奖励几个月内发放") == ["time"] and asked_types("补贴多少") == ["amount"]
    assert asked_types("补贴多少钱，多少天到账") == ["time", "amount"]  # both asked
    rule = "区人力资源社会保障部门应当在收到申请之日起10个工作日内完成审核。"
    assert not missing_answer_type("申请补贴多少个工作日内审核", rule, ["申请", "补贴", "审核"])


@pytest.mark.parametrize(("question", "text", "missing"), [
    ("检测机构要取得什么资质", "运营者应当委托检测机构开展检测评估。", True),         # no qualification named
    ("检测机构要取得什么资质", "检测机构应当具备国家规定的检测资质。", False),
    ("政务服务中心的地址在哪里", "政务服务热线由12345电话及市长信箱组成。", True),   # a telephone is no street address
    ("政务服务中心的地址在哪里", "政务服务中心地址：江城市人民路88号。", False),
    ("网站地址是什么", "网址：www.example.gov.cn", False),
])
def test_a_qualification_or_a_street_address_asked_needs_one(question: str, text: str, missing: bool) -> None:
    assert missing_answer_type(question, text) is missing


def test_a_count_written_in_english_words_is_a_count() -> None:
    assert not missing_answer_type("how many drills are held a year", "Two cyber security drills are held a year.")
    assert missing_answer_type("how many drills are held a year", "Cyber security drills are held every year.")


@pytest.mark.parametrize(("question", "text", "missing"), [
    ("Within how many days must the authority check the commitment?", "有关部门应当在规定期限内进行核查。", True),
    ("Within how many days must the authority check the commitment?", "有关部门应当在三十日内进行核查。", False),
    ("How many working days does the review take?", "审查应当在三十日内完成。", True),  # days, not working days
    ("How many working days does the review take?", "审查应当在十五个工作日内完成。", False),
    ("How large a fine can be imposed?", "由主管部门责令改正，并处罚款。", True),
    ("How large a fine can be imposed?", "处一万元以上五万元以下罚款。", False),
    # a head of an office asked by name: the office's duties name nobody
    ("Who is the director of the city's Big Data Bureau?", "市大数据局负责统筹全市数据资源管理。", True),
    ("Who is the director of the city's Big Data Bureau?", "任命张明同志为市大数据局局长。", False),
])
def test_an_english_question_needs_the_same_figure_as_a_chinese_one(question: str, text: str, missing: bool) -> None:
    assert missing_answer_type(question, text) is missing


@pytest.mark.parametrize(("question", "text", "missing"), [
    # the word 比例 or 全部 gives no share
    ("停车位配建比例是多少", "新建小区停车位配建标准按照建筑面积确定比例，覆盖全部住宅小区。", True),
    ("停车位配建比例是多少", "新建小区停车位按照住宅户数的百分之二十配建。", False),
    # a fee or a pay asked is not answered by a fine's sum; a fine asked still is
    ("评审专家的劳务报酬标准是多少", "评审专家违反评审纪律的，处二千元以上二万元以下的罚款。", True),
    ("评审专家的劳务报酬标准是多少", "评审专家劳务报酬按每人每天八百元支付；违规的，处二千元罚款。", False),
    ("评审专家违反纪律罚多少钱", "评审专家违反评审纪律的，处二千元以上二万元以下的罚款。", False),
])
def test_a_share_or_a_sum_asked_needs_its_own_figure(question: str, text: str, missing: bool) -> None:
    assert missing_answer_type(question, text, ["停车位", "补助", "评审", "专家", "报酬", "纪律"]) is missing


def test_a_figure_asked_of_a_section_with_none_of_its_words_is_missing() -> None:
    text = "第三十条 违法行为在二年内未被发现的，不再给予处罚。\n法律另有规定的除外。"
    assert missing_answer_type("出口退税一般多久能到账", text, ["出口", "退税"])       # a time, but of another thing
    assert not missing_answer_type("违法行为多久不再处罚", text, ["违法", "行为", "处罚"])
    assert not missing_answer_type("出口退税一般多久能到账", text)                     # no terms given: whole text
    assert not missing_answer_type("出口退税由谁负责", "税务机关负责。", ["出口", "退税"])  # a body, not a figure


def test_a_sanction_citing_its_duty_by_number_answers_a_figure_asked_in_the_dutys_words() -> None:
    sanction = "第七条 违反本条例第五条第一项规定的，对单位处五千元以上二万元以下罚款。"
    assert not missing_answer_type("在楼道停放电动自行车会被罚多少钱", sanction, ["楼道", "停放", "电动自行车"])
    assert missing_answer_type("在楼道停放电动自行车会被罚多少钱", "第七条 对单位处五千元罚款。", ["楼道", "停放"])


def test_materials_asked_are_named_only_by_a_heading_of_materials() -> None:
    from assistant.answer.scope import asked_types, names_the_ask

    question = "办理居住证需要什么材料"
    kinds = asked_types(question)
    assert names_the_ask("二、申请材料\n1.居民身份证原件；", kinds, question)
    assert not names_the_ask("三、办理流程\n申请人携带材料到窗口提交申请。", kinds, question)
    assert names_the_ask("三、办理流程\n申请人到窗口提交申请。", asked_types("怎么申请居住证"), "怎么申请居住证")


def test_the_hours_of_a_day_are_named_by_a_heading_of_times_not_of_time_limits() -> None:
    from assistant.answer.scope import asked_types, missing_answer_type, names_the_ask

    hours, limit = "七、办理地点及时间\n政务服务中心窗口，周一至周五上午9:00—12:00。", "五、办理时限\n15个工作日。"
    for question in ("窗口几点上班", "办事大厅几点开门"):
        assert names_the_ask(hours, asked_types(question), question), question
        assert not names_the_ask(limit, asked_types(question), question), question
    assert names_the_ask(limit, asked_types("多久能办好"), "多久能办好")  # a time limit asked: its heading
    assert not missing_answer_type("窗口几点上班", "政务服务中心窗口，上午9:00—12:00。")  # a clock time is a time


def test_a_year_no_document_mentions() -> None:
    from assistant.answer.absent import absent_year

    corpus = "到2025年底，网上可办率达到98%；到2027年底，基本建成数字政府。（国办发〔2018〕118号）"
    assert absent_year("2030年数字政府要达到什么目标", corpus) == "2030"
    assert absent_year("2027年要达到什么目标", corpus) == "" and absent_year("2025年底网上可办率是多少", corpus) == ""
    assert absent_year("国办发〔2019〕3号讲了什么", corpus) == ""  # a document number's year is no year asked
    season = "城区集中供暖期为2026年11月15日至2027年3月15日。2026—2027年度采暖季新增改造2万户。2025年完成"
    assert absent_year("2025—2026年度供暖期从哪天开始", season) == "2025—2026"  # each year found, not the season
    assert absent_year("2025-2026年度供暖期从哪天开始", season) == "2025—2026"
    assert absent_year("2026至2027年度采暖季改造多少户", season) == ""
    assert absent_year("2026年到2027年采暖季改造多少户", season) == ""
    assert absent_year("2025到2030年的目标是什么", "2025年完成。到2030年全面建成。") == ""  # a period, not a season


@pytest.mark.parametrize(("question", "text", "missing"), [
    # a fee named in a sum asked: its figure stands with its name or what it is for, not with a fine
    ("绿地补偿费的具体标准是每平方米多少元", "绿地面积达不到规定比例的，按照所缺面积每平方米处一千元罚款。", True),
    ("保育教育费每月收多少", "对新入职的保育人员给予一次性岗位补贴3000元。", True),
    ("物业费每平方米多少钱", "首期专项维修资金按照房屋建筑面积每平方米一百元的标准交存。", True),
    ("不动产登记费多少钱", "住宅类不动产登记，每件收取登记费80元。", False),
    ("停车费多少钱", "公共停车场停车收费标准为每小时5元。", False),
    ("不交物业费罚多少", "业主拒不交纳物业服务费用的，处一千元罚款。", False),  # a fine asked: the fee is context
])
def test_a_fee_asked_by_name_needs_its_figure_with_it(question: str, text: str, missing: bool) -> None:
    assert missing_answer_type(question, text) is missing


def test_a_grade_the_documents_do_not_number() -> None:
    from assistant.answer.absent import absent_grade, absent_number

    corpus = "补贴分三档：1. 一档：每人每月600元；2. 二档：每人每月400元；3. 三档：每人每月200元。一级、二级残疾的。"
    assert absent_grade("补贴四档是多少钱", corpus) == "四档"       # the documents number 一档 to 三档 only
    assert absent_grade("3档每月多少", corpus) == ""                 # 三档, written in digits
    assert absent_grade("一级残疾人有什么补贴", corpus) == ""
    assert absent_grade("五星级酒店怎么收费", corpus) == ""         # no 星 numbered anywhere: not this check's
    assert absent_grade("第一类区域怎么收费", corpus) == ""         # an ordinal, not a grade
    series = corpus + "二类区域、三类区域；二星、三星；二级、三级。"
    assert absent_grade("五类区域怎么收费", series) == "五类" and absent_grade("四级服务多少钱", series) == "四级"
    for question in ("要建哪一级的试验区", "报上一级审批吗", "分为四类吗", "这四档怎么算", "一星期内办结吗"):
        assert absent_grade(question, series) == "", question     # a count, a relative grade, a week
    assert absent_grade("四档是多少钱", "只有一档：每人每月600元。") == ""  # one grade is no series
    tiers = "档次：第一档；补贴比例：30%\n档次：第二档；补贴比例：25%\n档次：第三档；补贴比例：20%"
    assert absent_grade("升级改造补贴第四档的标准是多少", tiers) == "四档"   # an ordinal grade
    assert absent_grade("第二档的补贴比例是多少", tiers) == ""
    steps = "（一）第一阶梯：每户每年180立方米以下；（二）第二阶梯：180至260立方米；（三）第三阶梯：260立方米以上。"
    assert absent_grade("居民用水第四阶梯水价是多少", steps) == "四阶梯"
    assert absent_grade("第三阶梯水价是多少", steps) == ""
    assert absent_number("补贴四档是多少钱", corpus) == "四档" and absent_number("2030年目标", corpus) == "2030"


def test_a_date_asked_by_its_name_is_a_time_not_a_thing_the_documents_must_name() -> None:
    from assistant.answer.absent import absent_thing
    from assistant.answer.scope import asked_types

    corpus = "一、招生对象\n（一）小学一年级：2019年9月1日至2020年8月31日出生的适龄儿童。"
    assert "time" in asked_types("一年级新生的出生日期范围是什么")
    assert absent_thing("一年级新生的出生日期范围是什么", corpus) == ""


def test_a_class_named_by_what_it_is_not_is_not_answered_by_the_class_itself() -> None:
    from assistant.answer.absent import absent_negation

    texts = ["居民用水价格为每立方米3.2元。", "本市户籍学生免收学费。"]
    assert absent_negation("非居民用水价格每立方米多少钱", texts) == "非居民"
    assert absent_negation("非本市户籍学生学费多少钱", texts) == "非本市户籍"
    assert absent_negation("非居民用水价格每立方米多少钱", [*texts, "非居民用水价格为每立方米4.5元。"]) == ""
    assert absent_negation("居民用水价格每立方米多少钱", texts) == ""
    assert absent_negation("非法取水罚多少钱", texts) == ""             # 非法 is a word of its own
    assert absent_negation("非居民用水要申请吗", texts) == ""           # no figure asked: left to the other checks


def test_a_figure_asked_for_a_year_the_sections_do_not_state_is_not_another_years() -> None:
    from assistant.answer.absent import unstated_year

    texts = ["到2027年，全省建成乡村旅游重点村200个。", "2025年评定星级民宿300家。"]
    assert unstated_year("到2030年要建成多少个乡村旅游重点村", texts) == "2030"
    assert unstated_year("到2027年要建成多少个乡村旅游重点村", texts) == ""
    assert unstated_year("2025年评定多少家星级民宿", texts) == ""          # the second section states it
    assert unstated_year("2030年以前建成的民宿能评星吗", texts) == ""       # no figure asked
    assert unstated_year("到2030年要建成多少个重点村", ["全省建成一批乡村旅游重点村。"]) == ""  # no year stated
