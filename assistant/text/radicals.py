"""CJK radicals read as the ideographs they look like (pure).

Some PDF fonts map the glyphs of common characters to the *radical* code points that draw the same
shape: a Chromium-printed notice extracts as "⼀、…岚州市人⺠政府…2025年3⽉18⽇" (U+2F00 KANGXI RADICAL
ONE, U+2EA0 CJK RADICAL CIVILIAN, U+2F49 KANGXI RADICAL MOON). To readers they are 一, 民, 月; to
searches, headings and dates they are other characters. Radicals are dictionary symbols, never running
text in a policy document, so every one is read as its equivalent unified ideograph:

- the Kangxi Radicals block (U+2F00–U+2FD5) by its Unicode compatibility mapping (NFKC), except three whose
  mapping is a separately encoded regional form of a character: fonts made for the mainland draw ⼾, ⿈, ⾭ as
  户, 黄, 青 (U+6237, U+9EC4, U+9752), the characters a mainland text holds, not 戶, 黃, 靑 (U+6236, U+9EC3, U+9751);
- the CJK Radicals Supplement (U+2E80–U+2EFF) by the Unicode property Equivalent_Unified_Ideograph
  (UCD ``EquivalentUnifiedIdeograph.txt``), for the radicals that stand for whole characters or the
  simplified components of them; those with no equivalent are left as they are.
"""

from __future__ import annotations

import re
import unicodedata

# Equivalent_Unified_Ideograph of the CJK Radicals Supplement entries that are whole characters or the
# simplified components of them (source: the Unicode Character Database).
_SUPPLEMENT = {
    0x2E9F: 0x6BCD, 0x2EA0: 0x6C11, 0x2EC4: 0x897F, 0x2EC5: 0x89C1, 0x2EC6: 0x89D2, 0x2EC8: 0x8BA0,
    0x2EC9: 0x8D1D, 0x2ECB: 0x8F66, 0x2ECF: 0x961D, 0x2ED0: 0x9485, 0x2ED1: 0x9577, 0x2ED3: 0x957F,
    0x2ED4: 0x95E8, 0x2ED6: 0x961D, 0x2ED7: 0x96E8, 0x2ED8: 0x9752, 0x2ED9: 0x97E6, 0x2EDA: 0x9875,
    0x2EDB: 0x98CE, 0x2EDC: 0x98DE, 0x2EDD: 0x98DF, 0x2EE0: 0x9963, 0x2EE2: 0x9A6C, 0x2EE3: 0x9AA8,
    0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C, 0x2EE6: 0x9E1F, 0x2EE7: 0x5364, 0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4,
    0x2EEA: 0x9EFE, 0x2EEC: 0x9F50, 0x2EEE: 0x9F7F, 0x2EF0: 0x9F99, 0x2EF3: 0x9F9F,
}
_KANGXI = {cp: ord(unicodedata.normalize("NFKC", chr(cp))) for cp in range(0x2F00, 0x2FD6)}
_KANGXI.update({0x2F3E: 0x6237, 0x2FC8: 0x9EC4, 0x2FAD: 0x9752})  # the mainland forms (see the docstring)
_TABLE = {**_KANGXI, **_SUPPLEMENT}
_RADICAL_RE = re.compile("[\u2e80-\u2fdf]")


def unify_radicals(text: str) -> str:
    """``text`` with every CJK radical that has an equivalent ideograph replaced by it ("人⺠政府" ->
    "人民政府", "⼀、" -> "一、"); other text unchanged (same length: one character for one)."""
    return text.translate(_TABLE) if _RADICAL_RE.search(text) else text
