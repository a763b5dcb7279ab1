"""Word automatic numbering (``word/numbering.xml``) resolved to the label Word prints.

A paragraph is numbered by ``w:numPr`` (``w:numId`` + ``w:ilvl``), on the paragraph or on its style
(following ``w:basedOn``). ``w:num`` points to an ``w:abstractNum`` whose ``w:lvl`` gives the start
value, the number format (``decimal``, ``chineseCounting``, ``upperLetter`` …) and the text pattern
(``第%1条``, ``（%1）``, ``%1.%2``). Counters are kept per abstract numbering, so lists that share one
continue each other, as in Word; a ``w:num`` with a ``w:startOverride`` restarts its level the first
time it is used; a level restarts whenever a higher level advances (unless ``w:lvlRestart`` is 0).
Bullets give no label.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.text.numerals import int_to_cn, int_to_roman

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _attr(element, name: str, default: str = "") -> str:
    node = element.find(f"{_W}{name}") if element is not None else None
    return node.get(f"{_W}val", default) if node is not None else default


def _letters(number: int) -> str:
    return chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """Format a counter value the way Word's ``w:numFmt`` value ``fmt`` prints it."""
    if number < 1 and fmt not in ("decimal", "decimalZero"):
        return str(number)
    chinese = {"chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"}
    table = {
        "decimalZero": lambda n: f"{n:02d}",
        "decimalFullWidth": lambda n: str(n).translate(_FULLWIDTH),
        "decimalFullWidth2": lambda n: str(n).translate(_FULLWIDTH),
        "chineseLegalSimplified": lambda n: int_to_cn(n).translate(_LEGAL),
        "ideographDigital": lambda n: str(n).translate(_DIGITS),
        "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10],
        "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12],
        "upperLetter": _letters,
        "lowerLetter": lambda n: _letters(n).lower(),
        "upperRoman": int_to_roman,
        "lowerRoman": lambda n: int_to_roman(n).lower(),
        "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
        "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
        "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if n <= 20 else f"({n})",
        "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if n <= 20 else f"{n}.",
    }
    if fmt in chinese:
        return int_to_cn(number)
    return table.get(fmt, str)(number)


@dataclass(frozen=True)
class Level:
    """One level of an abstract numbering: start value, format, text pattern, restart rule, suffix."""

    start: int
    fmt: str
    text: str
    restart: int | None
    suffix: str


def _level(node) -> Level:
    restart = _attr(node, "lvlRestart")
    return Level(start=int(_attr(node, "start", "1") or 1), fmt=_attr(node, "numFmt", "decimal"),
                 text=_attr(node, "lvlText"), restart=int(restart) if restart.isdigit() else None,
                 suffix=_attr(node, "suff", "tab"))


class Numbering:
    """Counters over one document's numbering definitions; call :meth:`label` in document order."""

    def __init__(self, root, style_nums: dict[str, str] | None = None) -> None:
        """``root``: the numbering part's XML (None: no numbering); ``style_nums``: numbering style id ->
        its ``w:numId`` (from the styles part), for lists defined through a numbering style."""
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        links: dict[str, str] = {}  # abstractNumId -> the numbering style it takes its levels from
        defines: dict[str, str] = {}  # numbering style -> the abstractNumId that defines it
        for node in root.iter(f"{_W}abstractNum"):
            number = node.get(f"{_W}abstractNumId", "")
            self.abstract[number] = {int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in node.iter(f"{_W}lvl")}
            if (link := _attr(node, "numStyleLink")) and not self.abstract[number]:
                links[number] = link
            if style := _attr(node, "styleLink"):
                defines[style] = number
        for node in root.iter(f"{_W}num"):
            overrides = {}
            for override in node.iter(f"{_W}lvlOverride"):
                start = _attr(override, "startOverride")
                if start.isdigit():
                    overrides[int(override.get(f"{_W}ilvl", "0"))] = int(start)
            self.nums[node.get(f"{_W}numId", "")] = (_attr(node, "abstractNumId"), overrides)
        self._follow_style_links(links, defines, style_nums or {})

    def _follow_style_links(self, links: dict[str, str], defines: dict[str, str], style_nums: dict[str, str]) -> None:
        """A list whose abstract numbering only names a numbering style (``w:numStyleLink``) uses the
        levels, and counters, of the abstract numbering that defines that style: the one marked with
        ``w:styleLink``, else the one the style's own ``w:numId`` points to."""
        for number, style in links.items():
            target = defines.get(style) or self.nums.get(style_nums.get(style, ""), ("", {}))[0]
            if target and target != number and self.abstract.get(target):
                self.nums = {k: ((target if a == number else a), o) for k, (a, o) in self.nums.items()}

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Advance the counter of ``(num_id, ilvl)`` and return ``(printed label, suffix)``."""
        if num_id not in self.nums:
            return "", ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return "", ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else overrides.get(ilvl, level.start)
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            if levels.get(deeper) is None or levels[deeper].restart != 0:
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return "", ""
        text = level.text
        for lvl in range(9, -1, -1):
            if f"%{lvl + 1}" in text:
                ref = levels.get(lvl, level)
                value = counters.get(lvl, ref.start)
                text = text.replace(f"%{lvl + 1}", format_number(value, ref.fmt))
        return text, level.suffix
