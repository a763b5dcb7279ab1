"""Chinese numerals <-> integers (pure functions), as used in 第十七条 or （二十三）."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2, "○": 0}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "".join(_DIGIT_VALUE) + "".join(_UNIT_VALUE)
# Traditional unit words of legal labels folded to simplified ("第四條之一" -> "第四条之一").
SIMPLIFIED_UNITS = str.maketrans({"條": "条", "節": "节", "編": "编"})


def cn_to_int(text: str) -> int:
    """Convert a Chinese (or Arabic, either width) numeral to an int.

    Args:
        text: e.g. ``"十七"``, ``"二十三"``, ``"一百零五"``, ``"17"``, ``"１７"``.

    Returns:
        The integer value.

    Raises:
        ValueError: If ``text`` is not a numeral.
    """
    text = text.strip()
    if not text:
        raise ValueError("empty numeral")
    ascii_digits = text.translate({0xFF10 + i: 0x30 + i for i in range(10)})
    if ascii_digits.isdigit():
        return int(ascii_digits)
    if all(c in _DIGIT_VALUE for c in text) and len(text) > 1:
        return int("".join(str(_DIGIT_VALUE[c]) for c in text))  # e.g. 二〇二五
    total, digit = 0, None
    for char in text:
        if char in _DIGIT_VALUE:
            digit = _DIGIT_VALUE[char]
        elif char in _UNIT_VALUE:
            total += (1 if digit is None else digit) * _UNIT_VALUE[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


def int_to_cn(number: int) -> str:
    """Convert 0–9999 to its usual Chinese spelling (``17 -> "十七"``, ``105 -> "一百零五"``).

    Args:
        number: A non-negative integer below 10000.

    Returns:
        The Chinese numeral.

    Raises:
        ValueError: If the number is out of range.
    """
    if not 0 <= number < 10000:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(DIGITS[digit] + unit)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def int_to_roman(number: int) -> str:
    """Upper-case Roman numeral of a positive ``number`` (4 -> "IV"); "" for 0 or less."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def numbered_part(part: str) -> bool:
    """True for a part labelled by a Chinese numeral ("六", "十二"), as opposed to "第二章" or ""."""
    return bool(part) and part[0] in "一二三四五六七八九十"


# The end of a digit label ("1.", "2、"): no digit follows (a decimal, "1.5倍"), unless a year does
# ("1.2024年度营业收入…" is point 1.). Used after the label in the regular expressions that read them.
DIGIT_LABEL_END = r"(?!(?![12１２][0-9０-９]{3}年)[0-9０-９])"
