"""The six reform contents of Resolution 76/NQ-CP and the two further fields of the PAR Index.

Resolution 76/NQ-CP (15/7/2021) organises the 2021–2030 master programme on state
administrative reform in six contents (nội dung); the PAR Index (Chỉ số cải cách hành chính)
scores the same six plus the direction and management of reform and its impact on people and
socio-economic development.

>>> ReformArea.PROCEDURES.vi
'Cải cách thủ tục hành chính'
>>> ReformArea.PROCEDURES.en
'Administrative procedures'
>>> [area.code for area in REFORM_CONTENTS]
['TC', 'TTHC', 'TCBM', 'CV', 'TCC', 'CQS']

Text is read the way people write it, with or without "cải cách", in either tone placement:

>>> ReformArea.from_text("cải cách TTHC")
ReformArea.PROCEDURES
>>> ReformArea.from_text("Xây dựng và phát triển chính quyền điện tử, chính quyền số")
ReformArea.DIGITAL_GOVERNMENT
>>> [a.code for a in areas_in("Cải cách thể chế, cải cách tài chính công")]
['TC', 'TCC']
"""

from __future__ import annotations

import re

from cchc._fields import CodedEnum
from cchc._fields import text as read_text
from cchc.errors import NotFoundError
from cchc.text import fold, strip_marks

__all__ = ["PAR_INDEX_FIELDS", "REFORM_CONTENTS", "ReformArea", "areas_in"]


class ReformArea(CodedEnum):
    """A reform content (nội dung cải cách) or PAR Index field (lĩnh vực). The value is the
    short code used in data files."""

    INSTITUTIONS = "TC"
    PROCEDURES = "TTHC"
    APPARATUS = "TCBM"
    CIVIL_SERVICE = "CV"
    PUBLIC_FINANCE = "TCC"
    DIGITAL_GOVERNMENT = "CQS"
    DIRECTION = "CĐĐH"
    IMPACT = "TĐ"

    @property
    def code(self) -> str:
        """The short code (``"TTHC"``)."""
        return self.value

    @property
    def vi(self) -> str:
        """The Vietnamese label, as Resolution 76/NQ-CP and PAR Index decisions write it."""
        return _LABELS[self][0]

    @property
    def en(self) -> str:
        """The English label."""
        return _LABELS[self][1]

    @property
    def is_reform_content(self) -> bool:
        """True for the six contents of Resolution 76/NQ-CP, False for the two PAR-only fields."""
        return self in REFORM_CONTENTS

    @classmethod
    def from_code(cls, code: str) -> ReformArea:
        """Return the area with this short code (case- and tone-placement-insensitive).

        The codes with Đ are read in ASCII too (``"CDDH"``, ``"TD"``), the way file names and
        keyboards without Vietnamese input write them.

        >>> ReformArea.from_code("tthc"), ReformArea.from_code("CDDH")
        (ReformArea.PROCEDURES, ReformArea.DIRECTION)
        """
        key = fold(read_text(code, "code"))
        for area in cls:
            if key in (fold(area.code), fold(area.name), fold(_ascii(area.code))):
                return area
        known = ", ".join(a.code for a in cls)
        raise NotFoundError(
            f"no reform area has this code; known: {known}",
            vi=f"không có lĩnh vực cải cách nào mang mã này; các mã hợp lệ: {known}",
            field="code",
            value=code,
        )

    @classmethod
    def from_text(cls, text: str) -> ReformArea:
        """Return the one area that ``text`` names; raise :class:`NotFoundError` if it names
        none or several."""
        found = areas_in(text)
        if len(found) != 1:
            what = "no reform area" if not found else f"{len(found)} reform areas"
            what_vi = (
                "không nêu lĩnh vực cải cách nào"
                if not found
                else f"nêu {len(found)} lĩnh vực cải cách: "
                + ", ".join(area.vi.lower() for area in found)
            )
            raise NotFoundError(f"{what} named in the text", vi=what_vi, field="text", value=text)
        return found[0]


def _ascii(code: str) -> str:
    # "CĐĐH" -> "CDDH": Đ written as D, the way ASCII file names carry the code
    return strip_marks(code)


_LABELS: dict[ReformArea, tuple[str, str]] = {
    ReformArea.INSTITUTIONS: ("Cải cách thể chế", "Institutional reform"),
    ReformArea.PROCEDURES: ("Cải cách thủ tục hành chính", "Administrative procedures"),
    ReformArea.APPARATUS: (
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "Organisation of the state administrative apparatus",
    ),
    ReformArea.CIVIL_SERVICE: ("Cải cách chế độ công vụ", "Civil service"),
    ReformArea.PUBLIC_FINANCE: ("Cải cách tài chính công", "Public finance"),
    ReformArea.DIGITAL_GOVERNMENT: (
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        "E-government and digital government",
    ),
    ReformArea.DIRECTION: (
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "Direction and management of reform",
    ),
    ReformArea.IMPACT: (
        "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
        "Impact on people, organisations and socio-economic development",
    ),
}

#: The six reform contents of Resolution 76/NQ-CP, in the resolution's order.
REFORM_CONTENTS: tuple[ReformArea, ...] = (
    ReformArea.INSTITUTIONS,
    ReformArea.PROCEDURES,
    ReformArea.APPARATUS,
    ReformArea.CIVIL_SERVICE,
    ReformArea.PUBLIC_FINANCE,
    ReformArea.DIGITAL_GOVERNMENT,
)

#: The fields of the provincial PAR Index: direction first, the six contents, impact last.
PAR_INDEX_FIELDS: tuple[ReformArea, ...] = (
    ReformArea.DIRECTION,
    *REFORM_CONTENTS,
    ReformArea.IMPACT,
)

# Phrases that name each area in running text (folded before use), each with the words that,
# when they follow, make it mean something else ("thể chế hóa" is to enact, not institutional
# reform; "tài chính công khai" is finance made public). Generic phrases that name an audience
# ("cán bộ, công chức, viên chức") or a plain effect ("tác động tích cực") are left out.
# Sources: Resolution 76/NQ-CP (the six contents and their tasks) and the PAR Index field lists
# of Decision 876/QĐ-BNV (one-stop shop under procedures, online public services under
# e-government).
_PHRASES: dict[ReformArea, tuple[tuple[str, tuple[str, ...]], ...]] = {
    ReformArea.INSTITUTIONS: (
        ("cải cách thể chế", ()),
        ("thể chế", ("hóa",)),
        ("văn bản quy phạm pháp luật", ()),
    ),
    ReformArea.PROCEDURES: (
        ("thủ tục hành chính", ()),
        ("tthc", ()),
        ("cơ chế một cửa", ()),
        ("một cửa, một cửa liên thông", ()),
        ("một cửa liên thông", ()),
        ("một cửa", ("hàng", "sổ", "ra", "vào", "chính", "sau", "trước")),
    ),
    ReformArea.APPARATUS: (("tổ chức bộ máy", ()), ("bộ máy hành chính", ())),
    ReformArea.CIVIL_SERVICE: (
        ("chế độ công vụ", ()),
        ("cải cách công vụ", ()),
        ("công vụ, công chức", ()),
    ),
    ReformArea.PUBLIC_FINANCE: (("tài chính công", ("khai",)),),
    ReformArea.DIGITAL_GOVERNMENT: (
        ("chính quyền điện tử", ()),
        ("chính quyền số", ()),
        ("chính phủ điện tử", ()),
        ("chính phủ số", ()),
        ("chuyển đổi số", ()),
        ("dịch vụ công trực tuyến", ()),
        ("hiện đại hóa hành chính", ()),
        ("hiện đại hóa nền hành chính", ()),
    ),
    ReformArea.DIRECTION: (("chỉ đạo, điều hành", ()), ("chỉ đạo điều hành", ())),
    ReformArea.IMPACT: (
        ("tác động của cải cách", ()),
        ("tác động của cchc", ()),
        ("tác động đến người dân", ()),
    ),
}


def _phrase_pattern(phrase: str, not_before: tuple[str, ...]) -> str:
    guard = "".join(f"(?! {re.escape(fold(w))}(?!\\w))" for w in not_before)
    return f"{re.escape(fold(phrase))}(?!\\w){guard}"


_ALL = sorted(
    ((p, guard, area) for area, phrases in _PHRASES.items() for p, guard in phrases),
    key=lambda item: len(item[0]),
    reverse=True,
)
# one alternation behind one word-start test: a position inside a word fails at once
_PATTERN = re.compile("(?<!\\w)(?:" + "|".join(_phrase_pattern(p, g) for p, g, _ in _ALL) + ")")
_BY_PHRASE = {fold(p): area for p, _, area in _ALL}


def areas_in(text: str) -> tuple[ReformArea, ...]:
    """Every reform area named in ``text``, once each, in the order of first mention.

    >>> [a.name for a in areas_in("Cải cách thể chế, cải cách thủ tục hành chính, "
    ...                           "cải cách tổ chức bộ máy")]
    ['INSTITUTIONS', 'PROCEDURES', 'APPARATUS']
    """
    seen: dict[ReformArea, None] = {}
    for match in _PATTERN.finditer(fold(read_text(text, "text"))):
        seen.setdefault(_BY_PHRASE[match.group(0)], None)
    return tuple(seen)
