"""A quantity the question states, held to the ranges a text sets (pure): "五层楼加装电梯补多少" fits the
row "4至6层" of a table, not "7层及以上"; "16岁能不能办" fits "已满十四周岁不满十八周岁".

Ranges read: "4至6层", "4层至6层", "4-6层", "一万元以上五万元以下", "7层及以上", "7层以上", "3层以下",
"不满十八周岁", "超过30日".
As in Chinese legal drafting, 以上, 以下, 满, 不少于 and 不超过 include the number; 不满, 未满, 不足,
低于, 少于 and 超过, 高于, 多于 exclude it. A year ("2026年") is a date, not a quantity.
"""

from __future__ import annotations

import math
import re

from assistant.text.numerals import cn_to_int

_NUM = r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
# Units a range is set in ("次" not: "二次供水", "一次性" are words, not quantities).
_UNIT = r"(周岁|岁|层|楼|户|人|名|个月|年|天|日|小时|平方米|立方米|米|公里|万元|元|辆|台|吨)"
_QUANTITY_RE = re.compile(_NUM + r"\s*" + _UNIT)
_BETWEEN_RE = re.compile(_NUM + r"\s*" + _UNIT + r"?\s*(?:至|到|-|—|－|～|~|以上)\s*" + _NUM + r"\s*" + _UNIT
                         + r"(?:以下)?")
_LOW_IN, _LOW_OUT = ("不少于", "不低于", "至少", "最少", "年满", "满"), ("超过", "高于", "多于", "大于")
_HIGH_IN, _HIGH_OUT = ("不超过", "不高于", "不多于", "最多"), ("不满", "未满", "不足", "低于", "少于", "小于")
_BOUNDS = "|".join(sorted(_LOW_IN + _LOW_OUT + _HIGH_IN + _HIGH_OUT, key=len, reverse=True))
_FROM_RE = re.compile(rf"({_BOUNDS})?\s*" + _NUM + r"\s*" + _UNIT
                      + r"\s*(?:(?:及|或者?)?(以上|以下|以内))?")
_SAME = {"岁": "周岁", "楼": "层", "天": "日"}  # "五层楼": 层; "16岁" is 周岁 of a law

Range = tuple[float, float, str]  # low, high (inclusive), unit


def _value(text: str) -> float | None:
    try:
        return float(text) if text[0].isdigit() else float(cn_to_int(text))
    except (ValueError, IndexError):
        return None


def _unit(unit: str) -> str:
    return _SAME.get(unit, unit)


def _scaled(value: float, unit: str) -> tuple[float, str]:
    """A value in its base unit: 2万元 -> (20000, "元")."""
    return (value * 10000, "元") if unit == "万元" else (value, _unit(unit))


def asked_quantities(question: str) -> list[tuple[float, str]]:
    """``(value, unit)`` of each quantity the question states ("五层楼" -> (5, "层")), years left out."""
    found = []
    for match in _QUANTITY_RE.finditer(question):
        value = _value(match.group(1))
        if value is not None and not (match.group(2) == "年" and value >= 1900):
            found.append(_scaled(value, match.group(2)))
    return found


def ranges(text: str) -> list[Range]:
    """The ranges ``text`` sets (see the module docstring); a bare quantity is no range."""
    out: list[Range] = []
    taken: list[tuple[int, int]] = []
    for match in _BETWEEN_RE.finditer(text):
        low, high = _value(match.group(1)), _value(match.group(3))
        if "以上" in match.group() and not match.group().endswith("以下"):
            continue  # "五千元以上" then another figure: read one by one below
        if low is None or high is None:
            continue
        (low, unit), (high, high_unit) = _scaled(low, match.group(2) or match.group(4)), _scaled(high, match.group(4))
        if unit == high_unit and low <= high:
            out.append((low, high, unit))
            taken.append(match.span())
    last_end = -1  # where the last one-sided range ended: "已满六周岁不满十二周岁" is one range
    for match in _FROM_RE.finditer(text):
        if any(s <= match.start(2) < e for s, e in taken):
            continue
        bound, value, side = match.group(1), _value(match.group(2)), match.group(4)
        if value is None or not (bound or side):
            continue
        value, unit = _scaled(value, match.group(3))
        step = 1e-6
        if bound in _HIGH_IN + _HIGH_OUT or (not bound and side in ("以下", "以内")):
            high = value - step if bound in _HIGH_OUT else value
            if out and out[-1][1] == math.inf and out[-1][2] == unit and _joined(text[last_end:match.start()]):
                out[-1] = (out[-1][0], high, unit)  # a lower bound and this upper one in one phrase
            else:
                out.append((-math.inf, high, unit))
        else:  # 以上, 满, 不少于, 超过…
            out.append((value + step if bound in _LOW_OUT else value, math.inf, unit))
        last_end = match.end()
    return out


def _joined(between: str) -> bool:
    """Whether two bounds with ``between`` between them make one range ("已满六周岁" "不满十二周岁")."""
    return len(between) <= 2 and not re.search(r"[，,。；;、或]", between)


def range_fit(text: str, quantities: list[tuple[float, str]]) -> int:
    """1 when a range of ``text`` in an asked unit holds the asked value, -1 when ``text`` sets ranges
    in that unit and none holds it, 0 when it sets none (or nothing is asked)."""
    fit = 0
    spans = ranges(text)
    for value, unit in quantities:
        own = [(low, high) for low, high, u in spans if u == unit]
        if any(low <= value <= high for low, high in own):
            return 1
        if own:
            fit = -1
    return fit


def fit_width(text: str, quantities: list[tuple[float, str]]) -> float:
    """How closely the narrowest range of ``text`` holding an asked value bounds it (``nan`` when none
    holds one): its width, or for an open range ``OPEN`` plus the distance to its bound: "80至89周岁"
    answers "85岁" more closely than "年满80周岁", and "100周岁及以上" answers "101岁" more closely."""
    widths = [high - low if math.isfinite(high - low) else OPEN + min(abs(value - low), abs(high - value))
              for value, unit in quantities for low, high, u in ranges(text) if u == unit and low <= value <= high]
    return min(widths, default=math.nan)


OPEN = 1e12  # above any finite width


def with_quantity(previous: str, new: str) -> str | None:
    """``previous`` (a question) with its quantity in the unit of ``new`` (a quantity alone, "8层",
    "95岁的") replaced by ``new``'s ("5层住宅加装电梯补贴多少" + "8层" -> "8层住宅加装电梯补贴多少");
    None when ``new`` is more than a quantity or ``previous`` states none in its unit."""
    said = _QUANTITY_RE.search(new)
    if said is None or len(new.replace(said.group(0), "").strip(" 的呢？?")) > 0:
        return None
    unit = _scaled(0, said.group(2))[1]
    for match in _QUANTITY_RE.finditer(previous):
        if _scaled(0, match.group(2))[1] == unit:
            return previous[:match.start()] + said.group(0) + previous[match.end():]
    return None
