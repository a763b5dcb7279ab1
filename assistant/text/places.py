"""Places in Chinese titles and questions (pure): the provinces, cities and counties that make rules."""

from __future__ import annotations

import re

# Places that make rules of their own (not 区: 保税区, 新区 name zones as often as districts).
JURISDICTIONS = "省|自治区|特别行政区|市|自治州|县"
# A place and up to four characters after it at the end of a text ("浙江省公共" before "数据条例").
PLACE_THEN_WORDS_RE = re.compile(rf"([\u4e00-\u9fff]{{2,7}}?(?:{JURISDICTIONS}))([\u4e00-\u9fff]{{1,4}})$")
_TITLE_PLACE_RE = re.compile(rf"^[\u4e00-\u9fff]{{2,7}}?(?:{JURISDICTIONS})")


def title_place(title: str) -> str:
    """The province, city or county a title opens with ("云溪市…条例" -> "云溪市"); "" for a national one."""
    match = _TITLE_PLACE_RE.match(title)
    return match.group(0) if match else ""
