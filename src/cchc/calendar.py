"""Dates as Vietnamese administration uses them: periods, reporting cut-offs, the date line of
an official document, and working days (ngày làm việc).

A campaign window or a five-year roadmap is a :class:`Period`, inclusive at both ends:

>>> from datetime import date
>>> window = Period.parse("từ 05/5/2021 đến 31/12/2021")
>>> str(window), window.days, date(2021, 9, 2) in window
('05/5/2021 – 31/12/2021', 241, True)
>>> Period.parse("giai đoạn 2021 - 2025").years
(2021, 2022, 2023, 2024, 2025)

Periodic reports cut their data off on the 14th (Decree 09/2019/NĐ-CP as restated by the
provinces): the 9-month report of 2021 covers 15/12/2020 – 14/9/2021.

>>> str(reporting_period(ReportKind.NINE_MONTHS, 2021))
'15/12/2020 – 14/9/2021'

Dates are written and read the Decree 30/2020/NĐ-CP way:

>>> format_place_date("Văn Bàn", date(2021, 10, 19))
'Văn Bàn, ngày 19 tháng 10 năm 2021'
>>> parse_date("ngày 22 tháng 9 năm 2021")
datetime.date(2021, 9, 22)

Working days follow the ``holidays`` package's Vietnamese calendar, Tết included:

>>> add_working_days(date(2021, 2, 5), 3)   # Friday before Tết Tân Sửu 2021
datetime.date(2021, 2, 17)
"""

from __future__ import annotations

import bisect
import functools
import importlib
import importlib.util
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from cchc._fields import CodedEnum
from cchc._fields import text as read_text
from cchc.errors import CchcTypeError, ParseError, ValidationError

__all__ = [
    # periods
    "Period",
    # reporting periods
    "ReportKind",
    "ReportingPeriod",
    "CUT_OFF_DAY",
    "reporting_period",
    "reporting_periods_containing",
    # date text
    "DateMention",
    "find_dates",
    "format_date",
    "format_numeric_date",
    "format_place_date",
    "parse_date",
    "parse_place_date",
    # working days
    "FIRST_YEAR",
    "LAST_YEAR",
    "VIETNAM",
    "WORKING_DAYS_LIMIT",
    "WorkingCalendar",
    "add_working_days",
    "is_working_day",
    "next_working_day",
    "working_days_between",
    # today
    "TIMEZONE",
    "today",
]

#: The time zone of Vietnamese administration (ICT, UTC+7).
TIMEZONE = "Asia/Ho_Chi_Minh"


def _check_date(value: object, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise CchcTypeError(
            "must be a datetime.date (not a datetime)",
            vi="phải là một ngày (không kèm giờ)",
            field=field,
            value=value,
        )
    return value


def _check_year_number(value: object, field: str = "year") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError(
            f"must be an int, not {type(value).__name__}",
            vi="phải là một số năm (số nguyên)",
            field=field,
            value=value,
        )
    return value


def _check_period(value: object) -> None:
    if not isinstance(value, Period):
        raise CchcTypeError(
            "must be a Period", vi="phải là một khoảng thời gian", field="other", value=value
        )


def _check_calendar(value: object) -> WorkingCalendar:
    if not isinstance(value, WorkingCalendar):
        raise CchcTypeError(
            "must be a WorkingCalendar",
            vi="phải là một lịch ngày làm việc",
            field="calendar",
            value=value,
        )
    return value


def _plain(value: date) -> date:
    """A plain ``datetime.date`` from any date-like (pendulum's Date is a subclass)."""
    return date(value.year, value.month, value.day)


def today() -> date:
    """Return today's date in Vietnam (Asia/Ho_Chi_Minh), as a plain ``datetime.date``.

    >>> type(today()) is date
    True
    """
    import pendulum  # only here: importing the module stays light

    return _plain(pendulum.today(TIMEZONE))


# --------------------------------------------------------------------------- date text

# Tone and vowel marks may come precomposed (NFC) or decomposed (NFD) in pasted text.
_NGAY = "ng(?:à|a\u0300)y"
_THANG = "th(?:á|a\u0301)ng"
_NAM = "n(?:ă|a\u0306)m"

_LONG = (
    rf"(?P<ld>[0-9]{{1,2}})\s{{1,3}}{_THANG}\s{{1,3}}(?P<lm>[0-9]{{1,2}})"
    rf"\s{{1,3}}{_NAM}\s{{1,3}}(?P<ly>[0-9]{{4}})"
)
_NUMERIC = (
    r"(?P<nd>[0-9]{1,2})\s{0,2}(?P<ns>[/-])\s{0,2}(?P<nm>[0-9]{1,2})\s{0,2}(?P=ns)\s{0,2}"
    r"(?P<ny>[0-9]{4})"
)
_ISO = r"(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})"
_DATE = rf"(?:{_NGAY}\s{{0,3}})?(?:{_LONG}|{_NUMERIC}|{_ISO})"
# the same shape without groups, for patterns that hold two dates
_DATE_SHAPE = (
    rf"(?:{_NGAY}\s{{0,3}})?(?:[0-9]{{1,2}}\s{{1,3}}{_THANG}\s{{1,3}}[0-9]{{1,2}}\s{{1,3}}"
    rf"{_NAM}\s{{1,3}}[0-9]{{4}}|[0-9]{{1,2}}\s{{0,2}}[/-]\s{{0,2}}[0-9]{{1,2}}\s{{0,2}}[/-]"
    rf"\s{{0,2}}[0-9]{{4}}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})"
)

_DATE_FULL = re.compile(_DATE, re.IGNORECASE)
_DATE_IN_TEXT = re.compile(rf"(?<![0-9/\-]){_DATE}(?![0-9]|/[0-9])", re.IGNORECASE)
_PLACE_DATE = re.compile(rf"(?P<place>[^,]+?)\s?,\s?(?P<date>{_NGAY}.*)", re.IGNORECASE)

_FORMS = "28/6/2021, 22-9-2021, ngày 05/5/2021, ngày 22 tháng 9 năm 2021 or 2021-09-22"


def _two(n: int) -> str:
    return f"{n:02d}"


def _month(n: int) -> str:
    # Decree 30/2020/NĐ-CP: months 1 and 2 take a leading zero, the others do not
    return f"{n:02d}" if n <= 2 else str(n)


def format_date(d: date) -> str:
    """Return the Decree 30 date text: ``"ngày 05 tháng 01 năm 2020"``.

    Days below 10 take a leading zero; months take one for January and February only.

    >>> format_date(date(2020, 1, 5))
    'ngày 05 tháng 01 năm 2020'
    >>> format_date(date(2021, 3, 5))
    'ngày 05 tháng 3 năm 2021'
    """
    d = _check_date(d, "date")
    return f"ngày {_two(d.day)} tháng {_month(d.month)} năm {d.year:04d}"


def format_numeric_date(d: date) -> str:
    """Return the short date of running text, with the same zero rule: ``"05/5/2021"``.

    >>> format_numeric_date(date(2021, 5, 5)), format_numeric_date(date(2020, 1, 15))
    ('05/5/2021', '15/01/2020')
    """
    d = _check_date(d, "date")
    return f"{_two(d.day)}/{_month(d.month)}/{d.year:04d}"


def format_place_date(place: str, d: date) -> str:
    """Return the place-and-date line of an official document (Decree 30/2020/NĐ-CP, Appendix
    I): the place as given (NFC), a comma, then :func:`format_date`. Decree 30 writes the
    place capitalised; a place that starts with a lower-case letter is refused rather than
    guessed at ("Thành phố Hồ Chí Minh" keeps "phố" in lower case, so no rule can
    capitalise a name for its writer).

    >>> format_place_date("Văn Bàn", date(2021, 10, 19))
    'Văn Bàn, ngày 19 tháng 10 năm 2021'
    >>> format_place_date("văn bàn", date(2021, 10, 19))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: place = 'văn bàn': must start with a capital letter (Văn Bàn)
    """
    name = read_text(place, "place")
    if not name or "," in name:
        raise ValidationError(
            "must be a place name without commas",
            vi="phải là tên địa danh, không có dấu phẩy",
            field="place",
            value=place,
        )
    if name[0].islower():  # a blank to fill in ("……") is not a name and is let through
        raise ValidationError(
            "must start with a capital letter (Văn Bàn)",
            vi="phải viết hoa chữ cái đầu (Văn Bàn)",
            field="place",
            value=place,
        )
    return f"{name}, {format_date(d)}"


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _days_in(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _date_from_match(m: re.Match[str], written: str) -> date:
    """The date of a match, or a :class:`ParseError` that names the part that cannot be, in
    the order the text gives its parts (day, month, year; or year, month, day)."""
    if m.group("ld") is not None:
        order, parts = "dmy", m.group("ld", "lm", "ly")
    elif m.group("nd") is not None:
        order, parts = "dmy", m.group("nd", "nm", "ny")
    else:
        order, parts = "ymd", m.group("iy", "im", "id")
    given = dict(zip(order, (int(p) for p in parts), strict=True))
    year, month, day = given["y"], given["m"], given["d"]
    how = "day/month/year" if order == "dmy" else "year-month-day"
    how_vi = "ngày/tháng/năm" if order == "dmy" else "năm-tháng-ngày"
    for part in order:
        if part == "d" and not 1 <= day <= 31:
            raise ParseError(
                f"day {day} does not exist (days run from 1 to 31; read as {how})",
                vi=f"ngày {day} không tồn tại (ngày từ 1 đến 31; đọc theo thứ tự {how_vi})",
                field="date",
                value=written,
            )
        if part == "m" and not 1 <= month <= 12:
            raise ParseError(
                f"month {month} does not exist (months run from 1 to 12; read as {how})",
                vi=f"tháng {month} không tồn tại (tháng từ 1 đến 12; đọc theo thứ tự {how_vi})",
                field="date",
                value=written,
            )
        if part == "y" and year < 1:
            raise ParseError(
                "year 0 does not exist", vi="năm 0 không tồn tại", field="date", value=written
            )
    days = _days_in(year, month)
    if day > days:
        raise ParseError(
            f"{_MONTHS_EN[month - 1]} {year} has {days} days; there is no day {day}",
            vi=f"tháng {month} năm {year} chỉ có {days} ngày, không có ngày {day}",
            field="date",
            value=written,
        )
    return date(year, month, day)


_FORMS_VI = "28/6/2021, 22-9-2021, ngày 05/5/2021, ngày 22 tháng 9 năm 2021 hoặc 2021-09-22"


def parse_date(text: str) -> date:
    """Read a date written the ways Vietnamese documents write them.

    Accepted: ``28/6/2021``, ``22-9-2021``, ``2021-09-22``, ``22 tháng 9 năm 2021``, each
    optionally after ``ngày``; surrounding white space, letter case and Unicode form do not
    matter. Anything else, and any day that does not exist, raises
    :class:`~cchc.errors.ParseError` naming the text.

    >>> parse_date("28/6/2021"), parse_date("ngày 05/5/2021")
    (datetime.date(2021, 6, 28), datetime.date(2021, 5, 5))
    >>> parse_date("31/2/2021")
    Traceback (most recent call last):
    ...
    cchc.errors.ParseError: date = '31/2/2021': February 2021 has 28 days; there is no day 31
    >>> parse_date("04/26/2024")
    Traceback (most recent call last):
    ...
    cchc.errors.ParseError: date = '04/26/2024': month 26 does not exist (months run from 1 \
to 12; read as day/month/year)
    """
    m = _DATE_FULL.fullmatch(read_text(text, "date"))
    if m is None:
        raise ParseError(
            f"not a date in a form cchc reads ({_FORMS})",
            vi=f"không phải là ngày tháng viết theo cách được chấp nhận ({_FORMS_VI})",
            field="date",
            value=text,
        )
    return _date_from_match(m, text)


def parse_place_date(text: str) -> tuple[str, date]:
    """Read a place-and-date line back into its place and date.

    >>> parse_place_date("Văn Bàn, ngày 19 tháng 10 năm 2021")
    ('Văn Bàn', datetime.date(2021, 10, 19))
    """
    m = _PLACE_DATE.fullmatch(read_text(text, "date line"))
    if m is None:
        raise ParseError(
            "not a date line of the form 'Place, ngày dd tháng mm năm yyyy'",
            vi="không phải là dòng địa danh, ngày tháng dạng “Địa danh, ngày … tháng … năm …”",
            field="date line",
            value=text,
        )
    return m.group("place"), parse_date(m.group("date"))


@attrs.frozen
class DateMention:
    """A date found in free text: the date, where it sits (``text[start:end]``) and the words
    as written (including a leading ``ngày``)."""

    date: date
    start: int
    end: int
    text: str


def find_dates(text: str) -> tuple[DateMention, ...]:
    """Return every valid date written in ``text``, in order, with its span.

    Spans index the text as given (NFC or NFD). Day-month-year triples that are no real day
    (31/2/2021) and numbers that are part of longer ones are skipped. Linear in the text.

    >>> [(m.date.isoformat(), m.text) for m in find_dates(
    ...     "Công văn 7946/UBND-NCPCngày 25/11/2021; Kế hoạch ngày 22 tháng 9 năm 2021")]
    [('2021-11-25', 'ngày 25/11/2021'), ('2021-09-22', 'ngày 22 tháng 9 năm 2021')]
    """
    if not isinstance(text, str):
        raise CchcTypeError(
            f"must be text, not {type(text).__name__}",
            vi="phải là văn bản (chuỗi ký tự)",
            field="text",
            value=text,
        )
    found = []
    for m in _DATE_IN_TEXT.finditer(text):
        try:
            value = _date_from_match(m, m.group(0))
        except ParseError:
            continue
        found.append(DateMention(value, m.start(), m.end(), m.group(0)))
    return tuple(found)


# --------------------------------------------------------------------------- periods

_RANGE_SEP = r"\s{0,3}(?:[–—]|\s-\s|-|đến(?:\s{1,3}" + _NGAY + r")?)\s{0,3}"
_DATE_RANGE = re.compile(
    rf"(?:từ\s{{1,3}})?(?P<a>{_DATE_SHAPE}){_RANGE_SEP}(?P<b>{_DATE_SHAPE})", re.IGNORECASE
)
_YEAR_RANGE = re.compile(
    rf"(?:(?:giai\s{{1,3}}đoạn|{_NAM}|từ(?:\s{{1,3}}{_NAM})?)\s{{1,3}})?(?P<a>[0-9]{{4}})"
    rf"(?:{_RANGE_SEP}(?:{_NAM}\s{{1,3}})?(?P<b>[0-9]{{4}}))?",
    re.IGNORECASE,
)


@attrs.frozen(order=True)
class Period:
    """A span of days, inclusive at both ends: a campaign window, a reporting period, a
    five-year stage (giai đoạn 2021 – 2025).

    ``str`` gives the Vietnamese text: whole calendar years as ``"năm 2021"`` or
    ``"giai đoạn 2021 – 2025"``, anything else as ``"05/5/2021 – 31/12/2021"``
    (:func:`format_numeric_date` at both ends); :meth:`parse` reads all of these back.

    >>> p = Period(date(2021, 5, 5), date(2021, 12, 31))
    >>> p
    Period(start=datetime.date(2021, 5, 5), end=datetime.date(2021, 12, 31))
    >>> str(p), p.days, p.years
    ('05/5/2021 – 31/12/2021', 241, (2021,))
    >>> Period(date(2021, 5, 5), date(2021, 1, 1))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: end = datetime.date(2021, 1, 1): is before the start 2021-05-05
    """

    start: date = attrs.field(validator=lambda _, a, v: _check_date(v, a.name))
    end: date = attrs.field(validator=lambda _, a, v: _check_date(v, a.name))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                f"is before the start {self.start.isoformat()}",
                vi=f"ngày kết thúc trước ngày bắt đầu {format_numeric_date(self.start)}",
                field="end",
                value=self.end,
            )

    # ---- constructors

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year``, 1 January to 31 December.

        >>> str(Period.year(2021))
        'năm 2021'
        """
        if not 1 <= _check_year_number(year) <= 9999:
            raise ValidationError(
                "must be between 1 and 9999",
                vi="phải là năm từ 1 đến 9999",
                field="year",
                value=year,
            )
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def years_between(cls, first: int, last: int) -> Period:
        """The calendar years ``first`` to ``last``, both included (a stage such as 2021–2025).

        >>> str(Period.years_between(2021, 2025))
        'giai đoạn 2021 – 2025'
        """
        return cls(cls.year(first).start, cls.year(last).end)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period: ``"05/5/2021 - 31/12/2021"``, ``"từ 05/5/2021 đến 31/12/2021"``,
        ``"2021-2025"``, ``"giai đoạn 2021 – 2025"``, ``"năm 2021"`` or the ``str`` of a
        period. Each date may be in any form :func:`parse_date` reads.

        >>> Period.parse("giai đoạn 2021 – 2025") == Period.years_between(2021, 2025)
        True
        >>> Period.parse("05/5/2021 - 31/12/2021").start
        datetime.date(2021, 5, 5)
        """
        clean = read_text(text, "period")
        try:
            m = _DATE_RANGE.fullmatch(clean)
            if m is not None:
                return cls(parse_date(m.group("a")), parse_date(m.group("b")))
            m = _YEAR_RANGE.fullmatch(clean)
            if m is not None:
                first = int(m.group("a"))
                last = first if m.group("b") is None else int(m.group("b"))
                return cls.years_between(first, last)
        except (ParseError, ValidationError) as exc:
            raise ParseError(
                f"not a valid period: {exc}",
                vi=f"khoảng thời gian không hợp lệ: {exc.message_vi}",
                field="period",
                value=text,
            ) from None
        raise ParseError(
            "not a period of the form '05/5/2021 – 31/12/2021' or 'giai đoạn 2021 – 2025'",
            vi="không phải là khoảng thời gian dạng “05/5/2021 – 31/12/2021” hoặc "
            "“giai đoạn 2021 – 2025”",
            field="period",
            value=text,
        )

    # ---- queries

    @property
    def days(self) -> int:
        """The number of days, both ends counted.

        >>> Period.year(2024).days
        366
        """
        return (self.end - self.start).days + 1

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the period touches.

        >>> Period(date(2020, 12, 15), date(2021, 1, 14)).years
        (2020, 2021)
        """
        return tuple(range(self.start.year, self.end.year + 1))

    def contains(self, d: date) -> bool:
        """True if the day ``d`` lies in the period (ends included); ``d in period`` says the
        same.

        >>> Period.year(2021).contains(date(2021, 12, 31))
        True
        """
        d = _check_date(d, "date")
        return self.start <= d <= self.end

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and not isinstance(d, datetime) and self.start <= d <= self.end

    def overlaps(self, other: Period) -> bool:
        """True if the two periods share at least one day.

        >>> Period.year(2021).overlaps(Period(date(2021, 12, 31), date(2022, 1, 3)))
        True
        """
        _check_period(other)
        return self.start <= other.end and other.start <= self.end

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or ``None``.

        >>> str(Period.year(2021).intersection(Period.parse("15/12/2021 - 14/01/2022")))
        '15/12/2021 – 31/12/2021'
        """
        _check_period(other)
        if not self.overlaps(other):
            return None
        return Period(max(self.start, other.start), min(self.end, other.end))

    def dates(self) -> Iterator[date]:
        """Every day of the period, in order.

        >>> [d.day for d in Period.parse("30/4/2021 - 03/5/2021").dates()]
        [30, 1, 2, 3]
        """
        for n in range(self.days):
            yield self.start + timedelta(days=n)

    def __str__(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31):
            if self.start.year == self.end.year:
                return f"năm {self.start.year:04d}"
            return f"giai đoạn {self.start.year:04d} – {self.end.year:04d}"
        return f"{format_numeric_date(self.start)} – {format_numeric_date(self.end)}"


# --------------------------------------------------------------------------- reporting periods


class ReportKind(CodedEnum):
    """The periodic reports (báo cáo định kỳ) of Decree 09/2019/NĐ-CP."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half-year"
    NINE_MONTHS = "nine-months"
    YEAR = "year"

    @property
    def vi(self) -> str:
        """The Vietnamese name of the report.

        >>> ReportKind.NINE_MONTHS.vi
        'báo cáo 9 tháng'
        """
        return _REPORT_VI[self]


_REPORT_VI = {
    ReportKind.MONTH: "báo cáo tháng",
    ReportKind.QUARTER: "báo cáo quý",
    ReportKind.HALF_YEAR: "báo cáo 6 tháng",
    ReportKind.NINE_MONTHS: "báo cáo 9 tháng",
    ReportKind.YEAR: "báo cáo năm",
}
# the last month of each report that has no number
_LAST_MONTH = {ReportKind.HALF_YEAR: 6, ReportKind.NINE_MONTHS: 9, ReportKind.YEAR: 12}
_NUMBERS = {ReportKind.MONTH: 12, ReportKind.QUARTER: 4}
_ROMAN = ("I", "II", "III", "IV")
_REPORT_TITLE = re.compile(
    rf"(?:báo\s{{1,3}}cáo\s{{1,3}})?(?:{_THANG}\s{{1,3}}(?P<month>[0-9]{{1,2}})\s{{1,3}}"
    r"|quý\s{1,3}(?P<quarter>IV|I{1,3}|[0-9])\s{1,3}"
    rf"|(?P<span>[69])\s{{1,3}}{_THANG}(?:\s{{1,3}}đầu)?\s{{1,3}})?"
    rf"{_NAM}\s{{1,3}}(?P<year>[0-9]{{4}})",
    re.IGNORECASE,
)
#: The day of the month on which periodic report data are cut off (Decree 09/2019/NĐ-CP).
CUT_OFF_DAY = 14


def _cut_off_period(year: int, first_month: int, last_month: int) -> Period:
    # the 15th of the month before the first month
    if first_month == 1:
        start = date(year - 1, 12, CUT_OFF_DAY + 1)
    else:
        start = date(year, first_month - 1, CUT_OFF_DAY + 1)
    return Period(start, date(year, last_month, CUT_OFF_DAY))


def _check_number(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    kind: ReportKind = instance.kind  # type: ignore[attr-defined]
    top = _NUMBERS.get(kind)
    if top is None:
        if value is not None:
            raise ValidationError(
                f"a {kind.value} report takes no number",
                vi=f"{kind.vi} không có số thứ tự",
                field="number",
                value=value,
            )
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError(
            f"a {kind.value} report needs an int number",
            vi=f"{kind.vi} cần số thứ tự là số nguyên",
            field="number",
            value=value,
        )
    if not 1 <= value <= top:
        raise ValidationError(
            f"must be between 1 and {top}",
            vi=f"phải từ 1 đến {top}",
            field="number",
            value=value,
        )


def _check_kind(instance: object, attribute: attrs.Attribute[ReportKind], value: object) -> None:
    if not isinstance(value, ReportKind):
        raise CchcTypeError(
            "must be a ReportKind", vi="phải là một loại báo cáo", field="kind", value=value
        )


def _check_report_year(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not 2 <= _check_year_number(value) <= 9999:  # the reports of year 1 would start in year 0
        raise ValidationError(
            "must be between 2 and 9999",
            vi="phải là năm từ 2 đến 9999",
            field="year",
            value=value,
        )


@attrs.frozen
class ReportingPeriod:
    """One periodic report: its kind, year, and month (1–12) or quarter (1–4) number.

    >>> q3 = ReportingPeriod(ReportKind.QUARTER, 2021, 3)
    >>> str(q3), str(q3.period)
    ('quý III năm 2021', '15/6/2021 – 14/9/2021')
    """

    kind: ReportKind = attrs.field(validator=_check_kind)
    year: int = attrs.field(validator=_check_report_year)
    number: int | None = attrs.field(default=None, validator=_check_number)

    @classmethod
    def parse(cls, text: str) -> ReportingPeriod:
        """Read a report title as ``str`` writes it: ``"tháng 9 năm 2021"``,
        ``"quý III năm 2021"`` (or ``"quý 3"``), ``"6 tháng đầu năm 2021"``,
        ``"9 tháng năm 2021"``, ``"năm 2021"``; an optional leading "báo cáo" is ignored.

        >>> ReportingPeriod.parse("Báo cáo quý III năm 2021")
        ReportingPeriod(kind=ReportKind.QUARTER, year=2021, number=3)
        """
        m = _REPORT_TITLE.fullmatch(read_text(text, "report"))
        try:
            if m is None:
                raise ParseError(
                    "not a report title such as 'quý III năm 2021'",
                    vi="không phải là tên kỳ báo cáo như “quý III năm 2021”",
                )
            year = int(m.group("year"))
            if m.group("month") is not None:
                return cls(ReportKind.MONTH, year, int(m.group("month")))
            if m.group("quarter") is not None:
                q = m.group("quarter").upper()
                number = _ROMAN.index(q) + 1 if q in _ROMAN else int(q)
                return cls(ReportKind.QUARTER, year, number)
            if m.group("span") is not None:
                kind = ReportKind.HALF_YEAR if m.group("span") == "6" else ReportKind.NINE_MONTHS
                return cls(kind, year)
            return cls(ReportKind.YEAR, year)
        except (ParseError, ValidationError) as exc:
            raise ParseError(exc.message, vi=exc.vi, field="report", value=text) from None

    @property
    def period(self) -> Period:
        """The days whose data the report covers, cut off on the 14th."""
        if self.kind is ReportKind.MONTH:
            assert self.number is not None
            return _cut_off_period(self.year, self.number, self.number)
        if self.kind is ReportKind.QUARTER:
            assert self.number is not None
            return _cut_off_period(self.year, 3 * self.number - 2, 3 * self.number)
        return _cut_off_period(self.year, 1, _LAST_MONTH[self.kind])

    def __str__(self) -> str:
        if self.kind is ReportKind.MONTH:
            return f"tháng {self.number} năm {self.year}"
        if self.kind is ReportKind.QUARTER:
            assert self.number is not None
            return f"quý {_ROMAN[self.number - 1]} năm {self.year}"
        if self.kind is ReportKind.HALF_YEAR:
            return f"6 tháng đầu năm {self.year}"
        if self.kind is ReportKind.NINE_MONTHS:
            return f"9 tháng năm {self.year}"
        return f"năm {self.year}"


def reporting_period(kind: ReportKind, year: int, number: int | None = None) -> Period:
    """Return the days a periodic report covers under the Decree 09/2019/NĐ-CP cut-offs.

    A month runs from the 15th of the previous month to the 14th; a quarter from the 15th of
    the month before it to the 14th of its last month; 6 months from 15 December of the
    previous year to 14 June; 9 months to 14 September; a year to 14 December.

    >>> str(reporting_period(ReportKind.MONTH, 2021, 1))
    '15/12/2020 – 14/01/2021'
    >>> str(reporting_period(ReportKind.YEAR, 2021))
    '15/12/2020 – 14/12/2021'
    """
    return ReportingPeriod(kind, year, number).period


def reporting_periods_containing(d: date) -> tuple[ReportingPeriod, ...]:
    """Return the reports whose data include the day ``d``: always a month, a quarter and a
    year report, and the 6-month and 9-month reports when ``d`` falls in them.

    >>> [str(r) for r in reporting_periods_containing(date(2021, 6, 20))]
    ['tháng 7 năm 2021', 'quý III năm 2021', '9 tháng năm 2021', 'năm 2021']
    """
    d = _check_date(d, "date")
    # the day after the cut-off belongs to the next month's report
    year, month = d.year, d.month
    if d.day > CUT_OFF_DAY:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if not 2 <= year <= 9999:
        raise ValidationError(
            f"the reports that hold this day would be those of year {year}, and reports run "
            "from year 2 to 9999 (a year's report starts on 15 December of the year before)",
            vi=f"ngày này thuộc các kỳ báo cáo của năm {year}, ngoài khoảng năm 2 đến năm "
            "9999 mà kỳ báo cáo có thể có (báo cáo năm bắt đầu từ ngày 15 tháng 12 năm trước)",
            field="date",
            value=d,
        )
    found = [
        ReportingPeriod(ReportKind.MONTH, year, month),
        ReportingPeriod(ReportKind.QUARTER, year, (month - 1) // 3 + 1),
    ]
    found += [
        ReportingPeriod(kind, year)
        for kind in (ReportKind.HALF_YEAR, ReportKind.NINE_MONTHS)
        if month <= _LAST_MONTH[kind]
    ]
    found.append(ReportingPeriod(ReportKind.YEAR, year))
    return tuple(found)


# --------------------------------------------------------------------------- working days

#: The years the ``holidays`` package's Vietnamese calendar covers (read from the package
#: when first asked for, as the calendar itself is).
FIRST_YEAR: int
LAST_YEAR: int

#: The last year for which the ``holidays`` package records a swap of working days that the
#: Government announced. Later years follow the rules of the Labour Code (Law 45/2019/QH14,
#: Art. 112: holidays, substitute days for holidays on a weekend) but not the swaps announced
#: each year, so their working days may still change.
ANNOUNCED_THROUGH: int

_VIETNAM = "holidays.countries.vietnam"


@functools.cache
def _vietnam() -> ModuleType:
    """The ``holidays`` package's Vietnamese calendar, imported on first use only.

    The package's ``holidays.countries`` imports all of its countries (about 250 modules,
    most of a second) before any one of them. Vietnam's module imports none of them, so it is
    loaded from its own file and registered under its own name, where a later ``import
    holidays.countries`` finds it; if the package is laid out otherwise, it is imported the
    plain way.
    """
    if _VIETNAM in sys.modules or "holidays.countries" in sys.modules:
        return importlib.import_module(_VIETNAM)
    import holidays  # light: it loads its countries only when one is asked for

    spec = importlib.util.spec_from_file_location(
        _VIETNAM, Path(holidays.__file__).parent / "countries" / "vietnam.py"
    )
    if spec is None or spec.loader is None or not Path(str(spec.origin)).is_file():
        return importlib.import_module(_VIETNAM)
    module = importlib.util.module_from_spec(spec)
    sys.modules[_VIETNAM] = module
    try:
        spec.loader.exec_module(module)
    except ImportError:  # it needs more of the package than it used to
        del sys.modules[_VIETNAM]
        return importlib.import_module(_VIETNAM)
    return module


@functools.cache
def _years() -> tuple[int, int, int]:
    """(first year, last year, last year with announced swaps) of the calendar."""
    module = _vietnam()
    calendar: Any = module.Vietnam
    static: Any = module.VietnamStaticHolidays
    return calendar.start_year, calendar.end_year, max(static.special_public_holidays)


def __getattr__(name: str) -> int:
    """:data:`FIRST_YEAR`, :data:`LAST_YEAR` and :data:`ANNOUNCED_THROUGH`, read from the
    ``holidays`` package when first asked for (importing this module does not load it)."""
    names = ("FIRST_YEAR", "LAST_YEAR", "ANNOUNCED_THROUGH")
    if name in names:
        return _years()[names.index(name)]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _date_set(values: Iterable[date]) -> frozenset[date]:
    if isinstance(values, (str, bytes, date)) or not isinstance(values, Iterable):
        raise CchcTypeError(
            "must be a collection of dates",
            vi="phải là một danh sách ngày",
            field="dates",
            value=values,
        )
    items = tuple(values)
    for d in items:
        _check_date(d, "dates")
    return frozenset(items)


@functools.lru_cache(maxsize=256)
def _vn_year(year: int) -> tuple[tuple[tuple[date, str], ...], frozenset[date], frozenset[date]]:
    """The named holidays, the days off and the make-up working Saturdays of one year.

    The ``holidays`` object is mutable; it stays inside this function and only immutable
    copies are cached and handed out."""
    # a make-up day may be listed under the next year's swap (27/12/2014 for 2/1/2015)
    last = _years()[1]
    h = _vietnam().Vietnam(years=range(year, min(year + 1, last) + 1), language="vi")
    named = tuple(sorted((d, name) for d, name in h.items() if d.year == year))
    on = frozenset(d for d in h.weekend_workdays if d.year == year)
    return named, frozenset(d for d, _ in named), on


def _check_year(d: date, field: str) -> None:
    first, last, _ = _years()
    if not first <= d.year <= last:
        raise ValidationError(
            f"is outside the years the holiday calendar covers ({first}–{last})",
            vi=f"nằm ngoài các năm mà lịch ngày nghỉ có ({first}–{last})",
            field=field,
            value=d,
        )


#: The most working days :meth:`WorkingCalendar.add_working_days` counts at once: more than the
#: whole holiday calendar holds (about 250 a year), so a larger count is a mistake.
WORKING_DAYS_LIMIT = 60_000


@attrs.frozen
class WorkingCalendar:
    """The working days (ngày làm việc) of state agencies: Monday to Friday except the public
    holidays of the ``holidays`` package's Vietnamese calendar (Tết Dương lịch, Tết Nguyên Đán,
    Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh, with the substitute days off and the make-up
    Saturdays it knows), adjusted by ``extra_holidays`` (days off a province or an agency
    adds) and ``extra_working_days`` (make-up days it announces).

    >>> cal = WorkingCalendar(extra_working_days=[date(2021, 2, 20)])
    >>> cal.is_working_day(date(2021, 2, 20)), VIETNAM.is_working_day(date(2021, 2, 20))
    (True, False)
    """

    extra_holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_date_set)
    extra_working_days: frozenset[date] = attrs.field(default=frozenset(), converter=_date_set)

    def __attrs_post_init__(self) -> None:
        both = self.extra_holidays & self.extra_working_days
        if both:
            raise ValidationError(
                "a day cannot be both an extra holiday and an extra working day",
                vi="một ngày không thể vừa là ngày nghỉ bổ sung vừa là ngày làm việc bù",
                field="extra_working_days",
                value=min(both),
            )

    def is_working_day(self, d: date) -> bool:
        """True if state agencies work on ``d``.

        >>> VIETNAM.is_working_day(date(2021, 2, 12))   # Tết Nguyên Đán 2021
        False
        """
        d = _check_date(d, "date")
        _check_year(d, "date")
        table = _working_days(self, d.year)
        index = bisect.bisect_left(table, d.toordinal())
        return index < len(table) and table[index] == d.toordinal()

    def holidays_in(self, year: int) -> tuple[tuple[date, str], ...]:
        """The public holidays and days off of ``year`` on this calendar, with their names
        (weekend days off included, as the package lists them).

        >>> VIETNAM.holidays_in(2024)[-2:]
        ((datetime.date(2024, 9, 2), 'Quốc khánh'), (datetime.date(2024, 9, 3), 'Quốc khánh'))
        """
        first, last, _ = _years()
        if not first <= _check_year_number(year) <= last:
            raise ValidationError(
                f"is outside the years the holiday calendar covers ({first}–{last})",
                vi=f"nằm ngoài các năm mà lịch ngày nghỉ có ({first}–{last})",
                field="year",
                value=year,
            )
        named, _, _ = _vn_year(year)
        days = {d: n for d, n in named if d not in self.extra_working_days}
        days.update((d, "Ngày nghỉ bổ sung") for d in self.extra_holidays if d.year == year)
        return tuple(sorted(days.items()))

    @property
    def announced_through(self) -> int:
        """The last year whose announced swaps of working days the calendar knows
        (:data:`ANNOUNCED_THROUGH`); working days after it are computed from the Labour Code's
        rules alone.

        >>> VIETNAM.announced_through >= 2026
        True
        """
        return _years()[2]

    def next_working_day(self, d: date) -> date:
        """The first working day on or after ``d``.

        >>> VIETNAM.next_working_day(date(2021, 2, 10))   # 29 Tết
        datetime.date(2021, 2, 17)
        """
        return d if self.is_working_day(d) else self.add_working_days(d, 1)

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (``d`` itself when ``n`` is 0), so that
        ``working_days_between(d, add_working_days(d, n)) == n``.

        >>> VIETNAM.add_working_days(date(2021, 10, 22), 1)   # a Friday
        datetime.date(2021, 10, 25)
        """
        d = _check_date(d, "date")
        if isinstance(n, bool) or not isinstance(n, int):
            raise CchcTypeError(
                f"must be an int, not {type(n).__name__}",
                vi="phải là số ngày làm việc (số nguyên)",
                field="n",
                value=n,
            )
        if n < 0:
            raise ValidationError(
                "must not be negative", vi="không được là số âm", field="n", value=n
            )
        if n > WORKING_DAYS_LIMIT:
            raise ValidationError(
                f"is more working days than the limit ({WORKING_DAYS_LIMIT:,})",
                vi=f"vượt quá giới hạn {WORKING_DAYS_LIMIT:,} ngày làm việc".replace(",", "."),
                field="n",
                value=n,
            )
        _check_year(d, "date")
        if n == 0:
            return d
        year = d.year
        last = _years()[1]
        table = _working_days(self, year)
        index = bisect.bisect_right(table, d.toordinal()) + n - 1
        while index >= len(table):
            index -= len(table)
            year += 1
            if year > last:
                raise ValidationError(
                    f"goes past {last}, the last year the holiday calendar covers",
                    vi=f"vượt quá năm {last}, năm cuối cùng mà lịch ngày nghỉ có",
                    field="n",
                    value=n,
                )
            table = _working_days(self, year)
        return date.fromordinal(table[index])

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days after ``start`` up to and including ``end``; negative
        (the count from ``end`` to ``start``) when ``end`` comes first.

        >>> VIETNAM.working_days_between(date(2021, 4, 29), date(2021, 5, 4))   # 30/4, 3/5 off
        1
        """
        start = _check_date(start, "start")
        end = _check_date(end, "end")
        _check_year(start, "start")
        _check_year(end, "end")
        if end < start:
            return -self.working_days_between(end, start)
        count = sum(len(_working_days(self, y)) for y in range(start.year, end.year))
        count += bisect.bisect_right(_working_days(self, end.year), end.toordinal())
        count -= bisect.bisect_right(_working_days(self, start.year), start.toordinal())
        return count


@functools.lru_cache(maxsize=1024)
def _working_days(cal: WorkingCalendar, year: int) -> tuple[int, ...]:
    """The ordinals of the working days of ``year``, in order."""
    _, off, on = _vn_year(year)
    first = date(year, 1, 1).toordinal()
    result = []
    for ordinal in range(first, date(year, 12, 31).toordinal() + 1):
        d = date.fromordinal(ordinal)
        if d in cal.extra_working_days:
            working = True
        elif d in cal.extra_holidays:
            working = False
        elif d.weekday() >= 5:
            working = d in on
        else:
            working = d not in off
        if working:
            result.append(ordinal)
    return tuple(result)


#: The national calendar of state agencies, with no local additions.
VIETNAM = WorkingCalendar()


def is_working_day(d: date, calendar: WorkingCalendar = VIETNAM) -> bool:
    """True if ``d`` is a working day (on the national calendar unless another is given).

    >>> is_working_day(date(2025, 9, 1)), is_working_day(date(2025, 9, 3))
    (False, True)
    """
    return _check_calendar(calendar).is_working_day(d)


def next_working_day(d: date, calendar: WorkingCalendar = VIETNAM) -> date:
    """The first working day on or after ``d``.

    >>> next_working_day(date(2021, 5, 1))
    datetime.date(2021, 5, 4)
    """
    return _check_calendar(calendar).next_working_day(d)


def add_working_days(d: date, n: int, calendar: WorkingCalendar = VIETNAM) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself when ``n`` is 0).

    >>> add_working_days(date(2024, 4, 26), 2)   # 29/4, 30/4 and 1/5 off
    datetime.date(2024, 5, 3)
    """
    return _check_calendar(calendar).add_working_days(d, n)


def working_days_between(start: date, end: date, calendar: WorkingCalendar = VIETNAM) -> int:
    """The number of working days in (``start``, ``end``].

    >>> working_days_between(date(2021, 1, 1), date(2021, 12, 31))
    250
    """
    return _check_calendar(calendar).working_days_between(start, end)
