"""What counts as a sanction and which breach it names (pure; the lines are written for this test)."""

from __future__ import annotations

from assistant.answer.duties import PENALTY_RE, own_breach, restates


def test_losing_a_qualification_is_a_sanction_however_it_is_worded() -> None:
    assert PENALTY_RE.search("连续两年评估为不合格的，取消其承接政府购买居家养老服务的资格，3年内不得再次申请。")
    assert PENALTY_RE.search("取消其享受补贴资格")
    assert not PENALTY_RE.search("评估结果分为优秀、良好、合格和不合格四个等次，并向社会公布。")


def test_a_breach_in_the_sanctions_own_words_and_the_duty_it_restates() -> None:
    line = "供水单位供水水质不符合标准的，由卫生健康部门责令改正，处五万元以上二十万元以下罚款。"
    assert own_breach(line) == "供水单位供水水质不符合标准"
    assert own_breach("用户应当按时缴纳水费的，由供水单位提醒。") == ""  # nothing punished after its 的，
    duty = "第九条　供水单位发现水质不符合标准的，应当立即停止供水并报告。"
    assert restates(own_breach(line), duty, ["单位", "水质"])
    other = "驾驶未经登记的电动自行车上道路行驶"  # shares only its subject with a duty on 充电
    assert not restates(other, "第七条　禁止在楼道为电动自行车充电。", ["楼道", "电动", "自行车", "充电"])
