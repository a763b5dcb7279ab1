"""Runs of labelled lines (answer.sub_items.label_run): an attachment's "一、…" lines under its title are one list."""

from __future__ import annotations

from assistant.answer.sub_items import label_run

LINES = ["附件1", "申请材料目录", "一、申请表；", "二、身份证复印件；", "三、证书复印件。", "1. 另附说明", "（一）其他"]


def test_a_run_is_the_lines_numbered_one_after_another_in_one_style() -> None:
    assert label_run(LINES, 3, 10) == [2, 3, 4]  # "1." and "（一）" after it are another style
    assert label_run(LINES, 5, 10) == [5] and label_run(LINES, 6, 10) == [6]


def test_a_line_without_a_label_has_no_run_and_runs_are_bounded() -> None:
    assert label_run(LINES, 1, 10) == []
    assert label_run(["一、甲", "三、丙", "四、丁"], 1, 10) == [1, 2]  # a gap in the numbers ends the run
    assert label_run([f"{n}. 第{n}项" for n in range(1, 30)], 10, 5) == [8, 9, 10, 11, 12]  # around the line
