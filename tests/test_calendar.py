"""Specification of cchc.calendar: periods, reporting cut-offs, date text and working days."""

from __future__ import annotations

import datetime as dt
import pickle
from datetime import date, datetime, timedelta

import attrs
import pytest

from cchc.calendar import (
    ANNOUNCED_THROUGH,
    FIRST_YEAR,
    LAST_YEAR,
    VIETNAM,
    WORKING_DAYS_LIMIT,
    DateMention,
    Period,
    ReportingPeriod,
    ReportKind,
    WorkingCalendar,
    add_working_days,
    find_dates,
    format_date,
    format_numeric_date,
    format_place_date,
    is_working_day,
    next_working_day,
    parse_date,
    parse_place_date,
    reporting_period,
    reporting_periods_containing,
    today,
    working_days_between,
)
from cchc.errors import CchcError, CchcTypeError, ParseError, ValidationError
from cchc.export.json import from_json, to_json

D = date

# ----------------------------------------------------------------------------- Period


def test_period_includes_both_ends_and_counts_them() -> None:
    p = Period(D(2021, 5, 5), D(2021, 12, 31))
    assert p.start in p
    assert p.end in p
    assert D(2021, 5, 4) not in p
    assert D(2022, 1, 1) not in p
    assert p.days == 241
    assert Period(D(2021, 5, 5), D(2021, 5, 5)).days == 1


def test_period_rejects_an_end_before_its_start_naming_the_end() -> None:
    with pytest.raises(ValidationError) as info:
        Period(D(2021, 5, 5), D(2021, 5, 4))
    assert info.value.field == "end"
    assert info.value.value == D(2021, 5, 4)


@pytest.mark.parametrize("bad", ["2021-05-05", datetime(2021, 5, 5, 8, 0), 20210505, None])
def test_period_takes_plain_dates_only(bad: object) -> None:
    with pytest.raises(CchcTypeError):
        Period(bad, D(2021, 12, 31))  # type: ignore[arg-type]


def test_a_five_year_stage_spans_its_calendar_years() -> None:
    stage = Period.years_between(2021, 2025)
    assert stage.years == (2021, 2022, 2023, 2024, 2025)
    assert stage.start == D(2021, 1, 1)
    assert stage.end == D(2025, 12, 31)
    assert stage.days == 365 * 5 + 1  # 2024 is a leap year


def test_period_year_is_the_whole_calendar_year() -> None:
    assert Period.year(2024) == Period(D(2024, 1, 1), D(2024, 12, 31))
    assert Period.year(2024).days == 366
    with pytest.raises(ValidationError):
        Period.year(0)
    with pytest.raises(CchcTypeError):
        Period.year(True)


def test_overlap_and_intersection_share_days() -> None:
    year = Period.year(2021)
    late = Period(D(2021, 12, 15), D(2022, 1, 14))
    assert year.overlaps(late)
    assert late.overlaps(year)
    assert year.intersection(late) == Period(D(2021, 12, 15), D(2021, 12, 31))
    touching = Period(D(2021, 12, 31), D(2022, 1, 1))
    assert year.intersection(touching) == Period(D(2021, 12, 31), D(2021, 12, 31))
    apart = Period.year(2023)
    assert not year.overlaps(apart)
    assert year.intersection(apart) is None


def test_contains_rejects_non_dates_but_in_answers_false() -> None:
    year = Period.year(2021)
    assert year.contains(D(2021, 7, 1))
    assert datetime(2021, 7, 1) not in year
    assert "2021-07-01" not in year
    with pytest.raises(CchcTypeError):
        year.contains(datetime(2021, 7, 1))


def test_dates_lists_every_day_in_order() -> None:
    p = Period(D(2021, 2, 27), D(2021, 3, 2))
    assert list(p.dates()) == [D(2021, 2, 27), D(2021, 2, 28), D(2021, 3, 1), D(2021, 3, 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/5/2021 - 31/12/2021", Period(D(2021, 5, 5), D(2021, 12, 31))),
        ("05/5/2021 – 31/12/2021", Period(D(2021, 5, 5), D(2021, 12, 31))),
        ("từ ngày 05/5/2021 đến ngày 31/12/2021", Period(D(2021, 5, 5), D(2021, 12, 31))),
        ("22-9-2021 - 31-12-2021", Period(D(2021, 9, 22), D(2021, 12, 31))),
        (
            "ngày 22 tháng 9 năm 2021 đến ngày 14 tháng 12 năm 2021",
            Period(D(2021, 9, 22), D(2021, 12, 14)),
        ),
        ("2021-2025", Period(D(2021, 1, 1), D(2025, 12, 31))),
        ("giai đoạn 2021 – 2025", Period(D(2021, 1, 1), D(2025, 12, 31))),
        ("Giai đoạn 2021-2025", Period(D(2021, 1, 1), D(2025, 12, 31))),
        ("năm 2021", Period(D(2021, 1, 1), D(2021, 12, 31))),
        ("2022", Period(D(2022, 1, 1), D(2022, 12, 31))),
    ],
)
def test_period_parse_reads_windows_and_stages(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "2025-2021", "31/12/2021 - 05/5/2021", "05/5/2021", "31/2/2021 - 31/12/2021", "abc"],
)
def test_period_parse_rejects_non_periods_with_parse_error_naming_the_text(text: str) -> None:
    with pytest.raises(ParseError) as info:
        Period.parse(text)
    assert info.value.value == text


def test_period_str_is_vietnamese_and_uses_the_decree_30_zeros() -> None:
    assert str(Period(D(2021, 5, 5), D(2021, 12, 31))) == "05/5/2021 – 31/12/2021"
    assert str(Period(D(2020, 12, 15), D(2021, 1, 14))) == "15/12/2020 – 14/01/2021"
    assert str(Period.year(2021)) == "năm 2021"
    assert str(Period.years_between(2021, 2025)) == "giai đoạn 2021 – 2025"


# Period contract


def test_period_contract_equality_hash_repr_frozen_evolve_pickle_json() -> None:
    p = Period(D(2021, 5, 5), D(2021, 12, 31))
    same = Period(D(2021, 5, 5), D(2021, 12, 31))
    assert p == same
    assert hash(p) == hash(same)
    assert p != Period(D(2021, 5, 6), D(2021, 12, 31))
    assert eval(repr(p), {"Period": Period, "datetime": dt}) == p
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.start = D(2021, 1, 1)  # type: ignore[misc]
    later = attrs.evolve(p, start=D(2021, 6, 1))
    assert later.start == D(2021, 6, 1)
    assert p.start == D(2021, 5, 5)
    with pytest.raises(ValidationError):
        attrs.evolve(p, start=D(2022, 1, 1))
    assert pickle.loads(pickle.dumps(p)) == p
    assert from_json(to_json(p), Period) == p
    assert to_json(p) == '{"start": "2021-05-05", "end": "2021-12-31"}'


def test_period_json_with_end_before_start_is_rejected() -> None:
    with pytest.raises(CchcError):
        from_json('{"start": "2021-05-05", "end": "2021-01-01"}', Period)


def test_periods_sort_by_start_then_end() -> None:
    a = Period(D(2021, 1, 1), D(2021, 3, 1))
    b = Period(D(2021, 1, 1), D(2021, 2, 1))
    c = Period(D(2020, 6, 1), D(2022, 1, 1))
    assert sorted([a, b, c]) == [c, b, a]


# ----------------------------------------------------------------------------- reporting


@pytest.mark.parametrize(
    ("kind", "number", "start", "end"),
    [
        (ReportKind.MONTH, 1, D(2020, 12, 15), D(2021, 1, 14)),
        (ReportKind.MONTH, 3, D(2021, 2, 15), D(2021, 3, 14)),
        (ReportKind.MONTH, 12, D(2021, 11, 15), D(2021, 12, 14)),
        (ReportKind.QUARTER, 1, D(2020, 12, 15), D(2021, 3, 14)),
        (ReportKind.QUARTER, 2, D(2021, 3, 15), D(2021, 6, 14)),
        (ReportKind.QUARTER, 3, D(2021, 6, 15), D(2021, 9, 14)),
        (ReportKind.QUARTER, 4, D(2021, 9, 15), D(2021, 12, 14)),
        (ReportKind.HALF_YEAR, None, D(2020, 12, 15), D(2021, 6, 14)),
        (ReportKind.NINE_MONTHS, None, D(2020, 12, 15), D(2021, 9, 14)),
        (ReportKind.YEAR, None, D(2020, 12, 15), D(2021, 12, 14)),
    ],
)
def test_reporting_periods_follow_the_decree_09_cut_offs(
    kind: ReportKind, number: int | None, start: date, end: date
) -> None:
    assert reporting_period(kind, 2021, number) == Period(start, end)


def test_the_gia_lam_nine_month_briefing_covers_data_to_14_september() -> None:
    # seed 004: the 9-month briefing of 19/10/2021 reports on data cut off on 14/9/2021
    p = reporting_period(ReportKind.NINE_MONTHS, 2021)
    assert D(2021, 9, 14) in p
    assert D(2021, 9, 15) not in p
    assert D(2021, 10, 19) > p.end


@pytest.mark.parametrize(
    ("kind", "number", "error"),
    [
        (ReportKind.MONTH, None, CchcTypeError),
        (ReportKind.MONTH, 0, ValidationError),
        (ReportKind.MONTH, 13, ValidationError),
        (ReportKind.QUARTER, 5, ValidationError),
        (ReportKind.QUARTER, True, CchcTypeError),
        (ReportKind.YEAR, 1, ValidationError),
        (ReportKind.HALF_YEAR, 2, ValidationError),
    ],
)
def test_report_numbers_must_fit_their_kind(
    kind: ReportKind, number: object, error: type[Exception]
) -> None:
    with pytest.raises(error) as info:
        reporting_period(kind, 2021, number)  # type: ignore[arg-type]
    assert info.value.field == "number"  # type: ignore[attr-defined]


def test_report_kind_must_be_a_report_kind() -> None:
    with pytest.raises(CchcTypeError):
        ReportingPeriod("year", 2021)  # type: ignore[arg-type]


def test_reporting_period_names_read_like_report_titles() -> None:
    assert str(ReportingPeriod(ReportKind.MONTH, 2021, 9)) == "tháng 9 năm 2021"
    assert str(ReportingPeriod(ReportKind.QUARTER, 2021, 4)) == "quý IV năm 2021"
    assert str(ReportingPeriod(ReportKind.HALF_YEAR, 2021)) == "6 tháng đầu năm 2021"
    assert str(ReportingPeriod(ReportKind.NINE_MONTHS, 2021)) == "9 tháng năm 2021"
    assert str(ReportingPeriod(ReportKind.YEAR, 2021)) == "năm 2021"
    assert ReportKind.QUARTER.vi == "báo cáo quý"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tháng 9 năm 2021", ReportingPeriod(ReportKind.MONTH, 2021, 9)),
        ("Báo cáo quý III năm 2021", ReportingPeriod(ReportKind.QUARTER, 2021, 3)),
        ("quý 4 năm 2021", ReportingPeriod(ReportKind.QUARTER, 2021, 4)),
        ("6 tháng đầu năm 2022", ReportingPeriod(ReportKind.HALF_YEAR, 2022)),
        ("9 tháng năm 2021", ReportingPeriod(ReportKind.NINE_MONTHS, 2021)),
        ("báo cáo năm 2023", ReportingPeriod(ReportKind.YEAR, 2023)),
    ],
)
def test_report_titles_are_read_back(text: str, expected: ReportingPeriod) -> None:
    assert ReportingPeriod.parse(text) == expected


@pytest.mark.parametrize(
    "text", ["tháng 13 năm 2021", "quý V năm 2021", "quý 0 năm 2021", "9 tháng"]
)
def test_report_titles_that_name_no_report_are_parse_errors(text: str) -> None:
    with pytest.raises(ParseError) as info:
        ReportingPeriod.parse(text)
    assert info.value.value == text


def test_a_day_after_the_cut_off_belongs_to_next_months_and_next_years_reports() -> None:
    found = reporting_periods_containing(D(2021, 12, 15))
    assert ReportingPeriod(ReportKind.MONTH, 2022, 1) in found
    assert ReportingPeriod(ReportKind.QUARTER, 2022, 1) in found
    assert ReportingPeriod(ReportKind.YEAR, 2022) in found
    assert ReportingPeriod(ReportKind.HALF_YEAR, 2022) in found


def test_a_day_in_the_last_quarter_is_in_no_half_year_or_nine_month_report() -> None:
    kinds = {r.kind for r in reporting_periods_containing(D(2021, 10, 1))}
    assert kinds == {ReportKind.MONTH, ReportKind.QUARTER, ReportKind.YEAR}


def test_reporting_period_contract() -> None:
    r = ReportingPeriod(ReportKind.QUARTER, 2021, 3)
    assert r == ReportingPeriod(ReportKind.QUARTER, 2021, 3)
    assert hash(r) == hash(ReportingPeriod(ReportKind.QUARTER, 2021, 3))
    assert repr(r) == "ReportingPeriod(kind=ReportKind.QUARTER, year=2021, number=3)"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.year = 2022  # type: ignore[misc]
    r2 = attrs.evolve(r, year=2022)
    assert (r.year, r2.year) == (2021, 2022)
    assert pickle.loads(pickle.dumps(r)) == r
    assert from_json(to_json(r), ReportingPeriod) == r
    assert (
        from_json(to_json(ReportingPeriod(ReportKind.YEAR, 2021)), ReportingPeriod).number is None
    )


# ----------------------------------------------------------------------------- date text


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (D(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (D(2021, 2, 28), "ngày 28 tháng 02 năm 2021"),
        (D(2021, 3, 5), "ngày 05 tháng 3 năm 2021"),
        (D(2021, 10, 19), "ngày 19 tháng 10 năm 2021"),
        (D(2021, 9, 22), "ngày 22 tháng 9 năm 2021"),
    ],
)
def test_format_date_zero_pads_days_below_10_and_only_months_1_and_2(d: date, text: str) -> None:
    assert format_date(d) == text


def test_numeric_dates_follow_the_same_zero_rule() -> None:
    assert format_numeric_date(D(2021, 5, 5)) == "05/5/2021"
    assert format_numeric_date(D(2021, 6, 28)) == "28/6/2021"
    assert format_numeric_date(D(2022, 2, 1)) == "01/02/2022"


def test_the_place_and_date_line_puts_the_place_first_then_a_comma() -> None:
    assert format_place_date("Văn Bàn", D(2021, 10, 19)) == "Văn Bàn, ngày 19 tháng 10 năm 2021"
    assert format_place_date("  Gia Lâm ", D(2021, 1, 5)) == "Gia Lâm, ngày 05 tháng 01 năm 2021"
    decomposed = "Va\u0306n Ba\u0300n"
    assert format_place_date(decomposed, D(2021, 10, 19)).startswith("Văn Bàn,")


@pytest.mark.parametrize("place", ["", "   ", "Hà Nội, Việt Nam"])
def test_a_place_must_be_a_name(place: str) -> None:
    with pytest.raises(ValidationError) as info:
        format_place_date(place, D(2021, 1, 1))
    assert info.value.field == "place"


def test_parse_place_date_reads_the_line_back() -> None:
    assert parse_place_date("Lào Cai, ngày 28 tháng 6 năm 2021") == ("Lào Cai", D(2021, 6, 28))
    with pytest.raises(ParseError):
        parse_place_date("ngày 28 tháng 6 năm 2021")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28/6/2021", D(2021, 6, 28)),
        ("ngày 05/5/2021", D(2021, 5, 5)),
        ("Ngày 05/05/2021", D(2021, 5, 5)),
        ("ngày 22 tháng 9 năm 2021", D(2021, 9, 22)),
        ("22 tháng 9 năm 2021", D(2021, 9, 22)),
        ("NGÀY 22 THÁNG 9 NĂM 2021", D(2021, 9, 22)),
        ("ngày 22 tháng 9 năm 2021".replace("à", "a\u0300"), D(2021, 9, 22)),
        ("22-9-2021", D(2021, 9, 22)),
        ("2021-09-22", D(2021, 9, 22)),
        ("  25/11/2021 ", D(2021, 11, 25)),
    ],
)
def test_parse_date_reads_the_forms_of_official_text(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/2/2021",
        "29/02/2021",
        "31/4/2021",
        "0/1/2021",
        "ngày 32 tháng 1 năm 2021",
        "28/6/21",
        "28/6-2021",
        "Hà Nội, ngày 28/6/2021",
        "ngày 28/6/2021 của UBND",
        "",
        "2021",
    ],
)
def test_parse_date_is_strict_and_names_the_text(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(text)
    assert info.value.value == text


def test_parse_date_rejects_non_text_with_a_type_error() -> None:
    with pytest.raises(CchcTypeError):
        parse_date(20210628)  # type: ignore[arg-type]


def test_find_dates_finds_every_mention_with_its_span() -> None:
    text = (
        "Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai; "
        "Kế hoạch số 273/KH-UBND ngày 22 tháng 9 năm 2021; 7946/UBND-NCPCngày 25/11/2021"
    )
    found = find_dates(text)
    assert [m.date for m in found] == [D(2021, 6, 28), D(2021, 9, 22), D(2021, 11, 25)]
    for m in found:
        assert text[m.start : m.end] == m.text
        assert parse_date(m.text) == m.date


def test_find_dates_skips_impossible_days_and_parts_of_longer_numbers() -> None:
    assert find_dates("31/2/2021, 128/6/20215, 1/1/2021/5") == ()
    assert find_dates("") == ()


def test_find_dates_keeps_spans_of_decomposed_text() -> None:
    text = "Ke\u0302\u0301 hoa\u0323ch nga\u0300y 22 tha\u0301ng 9 na\u0306m 2021."
    (m,) = find_dates(text)
    assert m.date == D(2021, 9, 22)
    assert text[m.start : m.end] == m.text


def test_date_mention_contract() -> None:
    m = DateMention(D(2021, 6, 28), 3, 12, "28/6/2021")
    assert m == DateMention(D(2021, 6, 28), 3, 12, "28/6/2021")
    assert hash(m) == hash(DateMention(D(2021, 6, 28), 3, 12, "28/6/2021"))
    assert repr(m).startswith("DateMention(date=datetime.date(2021, 6, 28)")
    assert pickle.loads(pickle.dumps(m)) == m
    assert from_json(to_json(m), DateMention) == m


# ----------------------------------------------------------------------------- working days


@pytest.mark.parametrize(
    "d",
    [
        D(2021, 1, 1),  # Tết Dương lịch
        *(D(2021, 2, 10) + timedelta(days=i) for i in range(7)),  # Tết Tân Sửu 10-16/2/2021
        D(2021, 4, 21),  # Giỗ Tổ Hùng Vương (10/3 âm lịch)
        D(2021, 4, 30),
        D(2021, 5, 3),  # 1/5/2021 fell on a Saturday: off on Monday
        D(2021, 9, 2),
        D(2021, 9, 3),  # Quốc khánh takes two days from 2021
        D(2024, 4, 29),  # swapped with Saturday 4/5/2024
        D(2025, 9, 1),  # Quốc khánh 2025: 1 and 2 September
    ],
)
def test_public_holidays_and_substitute_days_are_not_working_days(d: date) -> None:
    assert not is_working_day(d)


def test_tet_2023_and_2024_run_a_full_week() -> None:
    assert [is_working_day(D(2023, 1, 20) + timedelta(days=i)) for i in range(8)] == [
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        True,
    ]
    assert not any(is_working_day(D(2024, 2, 8) + timedelta(days=i)) for i in range(7))
    assert is_working_day(D(2024, 2, 15))


def test_announced_make_up_saturdays_are_working_days() -> None:
    assert is_working_day(D(2024, 5, 4))
    assert is_working_day(D(2025, 4, 26))
    assert not is_working_day(D(2024, 5, 11))  # an ordinary Saturday


def test_weekends_are_off_and_weekdays_work() -> None:
    assert not is_working_day(D(2021, 10, 23))  # Saturday
    assert not is_working_day(D(2021, 10, 24))  # Sunday
    assert is_working_day(D(2021, 10, 25))  # Monday


def test_a_friday_plus_one_working_day_is_the_next_monday() -> None:
    assert add_working_days(D(2021, 10, 22), 1) == D(2021, 10, 25)


def test_adding_zero_working_days_gives_the_same_day_even_on_a_holiday() -> None:
    assert add_working_days(D(2021, 2, 12), 0) == D(2021, 2, 12)


def test_adding_working_days_skips_tet() -> None:
    # Friday 5/2/2021: 8, 9/2 work, Tết 10-16/2, back on Wednesday 17/2
    assert add_working_days(D(2021, 2, 5), 2) == D(2021, 2, 9)
    assert add_working_days(D(2021, 2, 5), 3) == D(2021, 2, 17)


def test_adding_working_days_crosses_years() -> None:
    # 31/12/2021 is a Friday; 1/1/2022 a Saturday, observed on Monday 3/1
    assert add_working_days(D(2021, 12, 31), 1) == D(2022, 1, 4)
    assert working_days_between(D(2021, 12, 31), D(2022, 1, 4)) == 1


def test_negative_or_non_int_counts_are_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        add_working_days(D(2021, 1, 4), -1)
    assert info.value.field == "n"
    with pytest.raises(CchcTypeError):
        add_working_days(D(2021, 1, 4), 1.0)  # type: ignore[arg-type]


def test_next_working_day_is_the_day_itself_when_it_is_one() -> None:
    assert next_working_day(D(2021, 10, 25)) == D(2021, 10, 25)
    assert next_working_day(D(2021, 10, 23)) == D(2021, 10, 25)
    assert next_working_day(D(2021, 4, 30)) == D(2021, 5, 4)


def test_working_days_between_counts_after_start_up_to_end() -> None:
    assert working_days_between(D(2021, 10, 25), D(2021, 10, 25)) == 0
    assert working_days_between(D(2021, 10, 22), D(2021, 10, 29)) == 5
    assert working_days_between(D(2021, 10, 29), D(2021, 10, 22)) == -5
    # 2021: 261 weekdays less 11 weekday holidays (1/1, 10-12/2, 15-16/2, 21/4, 30/4, 3/5, 2-3/9)
    assert working_days_between(D(2020, 12, 31), D(2021, 12, 31)) == 261 - 11


def test_working_days_stay_inside_the_years_the_holiday_calendar_covers() -> None:
    with pytest.raises(ValidationError):
        is_working_day(D(1800, 1, 1))
    with pytest.raises(ValidationError):
        add_working_days(D(2100, 12, 1), 100)
    with pytest.raises(ValidationError):
        working_days_between(D(2021, 1, 1), D(2200, 1, 1))


def test_a_local_calendar_adds_holidays_and_make_up_days() -> None:
    local = WorkingCalendar(extra_holidays=[D(2021, 10, 25)], extra_working_days={D(2021, 10, 23)})
    assert not local.is_working_day(D(2021, 10, 25))
    assert local.is_working_day(D(2021, 10, 23))
    assert VIETNAM.is_working_day(D(2021, 10, 25))
    assert local.add_working_days(D(2021, 10, 22), 1) == D(2021, 10, 23)
    assert local.add_working_days(D(2021, 10, 22), 2) == D(2021, 10, 26)
    assert local.working_days_between(D(2021, 10, 22), D(2021, 10, 26)) == 2
    assert working_days_between(D(2021, 10, 22), D(2021, 10, 26), calendar=local) == 2
    assert (D(2021, 10, 25), "Ngày nghỉ bổ sung") in local.holidays_in(2021)


def test_a_day_cannot_be_both_extra_holiday_and_extra_working_day() -> None:
    with pytest.raises(ValidationError):
        WorkingCalendar(extra_holidays=[D(2021, 1, 2)], extra_working_days=[D(2021, 1, 2)])


def test_extra_days_must_be_dates() -> None:
    with pytest.raises(CchcTypeError):
        WorkingCalendar(extra_holidays=["2021-01-02"])  # type: ignore[list-item]
    with pytest.raises(CchcTypeError):
        WorkingCalendar(extra_holidays=D(2021, 1, 2))  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError):
        WorkingCalendar(extra_working_days=None)  # type: ignore[arg-type]


def test_holidays_in_names_the_days_in_vietnamese() -> None:
    names = dict(VIETNAM.holidays_in(2021))
    assert names[D(2021, 2, 12)] == "Tết Nguyên Đán"
    assert names[D(2021, 4, 30)] == "Ngày Chiến thắng"


def test_working_calendar_contract() -> None:
    cal = WorkingCalendar(extra_holidays=[D(2021, 10, 25)])
    assert cal == WorkingCalendar(extra_holidays=frozenset({D(2021, 10, 25)}))
    assert hash(cal) == hash(WorkingCalendar(extra_holidays=(D(2021, 10, 25),)))
    assert cal != VIETNAM
    assert (
        repr(VIETNAM)
        == "WorkingCalendar(extra_holidays=frozenset(), extra_working_days=frozenset())"
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cal.extra_holidays = frozenset()  # type: ignore[misc]
    other = attrs.evolve(cal, extra_working_days=[D(2021, 10, 23)])
    assert other.extra_working_days == frozenset({D(2021, 10, 23)})
    assert cal.extra_working_days == frozenset()
    assert pickle.loads(pickle.dumps(cal)) == cal
    assert from_json(to_json(cal), WorkingCalendar) == cal


# ----------------------------------------------------------------------------- today


def test_today_is_a_plain_date_near_the_utc_date() -> None:
    t = today()
    assert type(t) is date
    utc = datetime.now(tz=dt.UTC).date()
    assert utc <= t <= utc + timedelta(days=1)  # Vietnam is UTC+7


# --- working days against the official announcements, 2021-2025 -----------------------------
# Days off that fall on weekdays, and make-up Saturdays, for state agencies, as announced each
# year under the Labour Code (Law 45/2019/QH14, Art. 112): Tết Dương lịch, Tết Nguyên Đán,
# Giỗ Tổ Hùng Vương, 30/4, 1/5 and Quốc khánh (two days from 2021), with substitute days for
# holidays on a weekend and the swaps the Government announced: 29/4 <-> Saturday 4/5/2024
# (Official Dispatch 2450/VPCP-KGVX, 2024) and 2/5 <-> Saturday 26/4/2025; Tết 2025 from
# Announcement 6150/TB-BLĐTBXH (2024). The table is written from those announcements, not read
# from the package, so the package's data is checked against it.

OFFICIAL: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {
    2021: (
        [
            (1, 1),
            (10, 2),
            (11, 2),
            (12, 2),
            (15, 2),
            (16, 2),
            (21, 4),
            (30, 4),
            (3, 5),
            (2, 9),
            (3, 9),
        ],
        [],
    ),
    2022: (
        [
            (3, 1),
            (31, 1),
            (1, 2),
            (2, 2),
            (3, 2),
            (4, 2),
            (11, 4),
            (2, 5),
            (3, 5),
            (1, 9),
            (2, 9),
        ],
        [],
    ),
    2023: (
        [
            (2, 1),
            (20, 1),
            (23, 1),
            (24, 1),
            (25, 1),
            (26, 1),
            (1, 5),
            (2, 5),
            (3, 5),
            (1, 9),
            (4, 9),
        ],
        [],
    ),
    2024: (
        [
            (1, 1),
            (8, 2),
            (9, 2),
            (12, 2),
            (13, 2),
            (14, 2),
            (18, 4),
            (29, 4),
            (30, 4),
            (1, 5),
            (2, 9),
            (3, 9),
        ],
        [(4, 5)],
    ),
    2025: (
        [
            (1, 1),
            (27, 1),
            (28, 1),
            (29, 1),
            (30, 1),
            (31, 1),
            (7, 4),
            (30, 4),
            (1, 5),
            (2, 5),
            (1, 9),
            (2, 9),
        ],
        [(26, 4)],
    ),
}


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_working_days_follow_the_official_announcements(year: int) -> None:
    off = {D(year, m, d) for d, m in OFFICIAL[year][0]}
    makeup = {D(year, m, d) for d, m in OFFICIAL[year][1]}
    days = [D(year, 1, 1) + timedelta(n) for n in range(366 if year % 4 == 0 else 365)]
    expected = [d for d in days if (d.weekday() < 5 and d not in off) or d in makeup]
    assert [d for d in days if is_working_day(d)] == expected
    assert working_days_between(D(year - 1, 12, 31), D(year, 12, 31)) == len(expected)


def test_working_days_per_year_2021_to_2025() -> None:
    counts = [working_days_between(D(y - 1, 12, 31), D(y, 12, 31)) for y in range(2021, 2026)]
    assert counts == [250, 249, 249, 251, 250]


def test_the_last_year_of_announced_swaps_is_exposed() -> None:
    # the package's data records 2026's swap (31/8 <-> Saturday 22/8/2026); from the package
    # only, not checked against an announcement here
    assert VIETNAM.announced_through == ANNOUNCED_THROUGH
    assert ANNOUNCED_THROUGH >= 2026
    assert not is_working_day(D(2026, 8, 31))
    assert is_working_day(D(2026, 8, 22))


# --- wrong types and out-of-range values are CchcErrors -------------------------------------


@pytest.mark.parametrize("year", ["2021", 2021.0, True, None])
def test_holidays_in_rejects_a_year_that_is_not_an_int(year: object) -> None:
    with pytest.raises(CchcTypeError):
        VIETNAM.holidays_in(year)  # type: ignore[arg-type]


@pytest.mark.parametrize("year", [0, -5, 10**30, 1900, 2101])
def test_holidays_in_rejects_a_year_outside_the_calendar(year: int) -> None:
    with pytest.raises(ValidationError) as info:
        VIETNAM.holidays_in(year)
    assert info.value.field == "year"


def test_a_calendar_of_unhashable_days_is_a_type_error() -> None:
    with pytest.raises(CchcTypeError):
        WorkingCalendar(extra_holidays=[["a"]])  # type: ignore[list-item]


@pytest.mark.parametrize("other", ["x", None, D(2021, 1, 1)])
def test_period_comparisons_need_a_period(other: object) -> None:
    p = Period.year(2021)
    with pytest.raises(CchcTypeError):
        p.overlaps(other)  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError):
        p.intersection(other)  # type: ignore[arg-type]


@pytest.mark.parametrize("calendar", [None, "VN", 1])
def test_working_day_functions_need_a_calendar(calendar: object) -> None:
    for call in (
        lambda: is_working_day(D(2021, 1, 4), calendar=calendar),  # type: ignore[arg-type]
        lambda: next_working_day(D(2021, 1, 4), calendar=calendar),  # type: ignore[arg-type]
        lambda: add_working_days(D(2021, 1, 4), 1, calendar=calendar),  # type: ignore[arg-type]
        lambda: working_days_between(D(2021, 1, 4), D(2021, 1, 5), calendar),  # type: ignore[arg-type]
    ):
        with pytest.raises(CchcTypeError):
            call()


def test_a_place_must_start_with_a_capital_letter() -> None:
    with pytest.raises(ValidationError) as info:
        format_place_date("văn bàn", D(2021, 10, 19))
    assert info.value.field == "place"
    assert format_place_date("Thành phố Hồ Chí Minh", D(2021, 1, 5)).startswith("Thành phố")


def test_a_blank_place_to_fill_in_is_not_a_lower_case_name() -> None:
    assert format_place_date("……", D(2021, 1, 5)) == "……, ngày 05 tháng 01 năm 2021"


# --- errors a user can act on, and the ends of the calendar ------------------------------------


@pytest.mark.parametrize(
    ("written", "english", "vietnamese"),
    [
        ("04/26/2024", "month 26 does not exist", "tháng 26 không tồn tại"),
        ("31/2/2021", "February 2021 has 28 days", "tháng 2 năm 2021 chỉ có 28 ngày"),
        ("30/02/2024", "February 2024 has 29 days", "tháng 2 năm 2024 chỉ có 29 ngày"),
        ("00/5/2021", "day 0 does not exist", "ngày 0 không tồn tại"),
        ("32/13/2021", "day 32 does not exist", "ngày 32 không tồn tại"),
        ("2021-13-45", "month 13 does not exist", "tháng 13 không tồn tại"),
        ("ngày 5 tháng 0 năm 2021", "month 0 does not exist", "tháng 0 không tồn tại"),
        ("01/01/0000", "year 0 does not exist", "năm 0 không tồn tại"),
    ],
)
def test_an_impossible_date_says_which_part_is_wrong_in_both_languages(
    written: str, english: str, vietnamese: str
) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(written)
    assert english in str(info.value)
    assert vietnamese in info.value.message_vi
    assert info.value.field == "date"
    assert info.value.value == written


def test_an_unreadable_date_has_a_vietnamese_message() -> None:
    with pytest.raises(ParseError) as info:
        parse_date("hôm qua")
    assert info.value.vi is not None
    assert "ngày tháng" in info.value.vi


def test_a_lone_surrogate_in_date_text_is_a_cchc_error() -> None:
    for read in (parse_date, parse_place_date, Period.parse, ReportingPeriod.parse):
        with pytest.raises(CchcError):
            read("05/5/2021\ud800")


@pytest.mark.parametrize(
    "day", [date(9999, 12, 15), date(9999, 12, 31), date.max, date.min, date(1, 1, 14)]
)
def test_reports_at_the_ends_of_the_calendar_are_refused_with_a_cchc_error(day: date) -> None:
    with pytest.raises(ValidationError) as info:
        reporting_periods_containing(day)
    assert info.value.field == "date"
    assert info.value.vi


def test_reports_just_inside_the_ends_of_the_calendar_are_found() -> None:
    assert str(reporting_periods_containing(date(9999, 12, 14))[-1]) == "năm 9999"
    first = reporting_periods_containing(date(1, 12, 15))
    assert [str(r) for r in first] == [
        "tháng 1 năm 2",
        "quý I năm 2",
        "6 tháng đầu năm 2",
        "9 tháng năm 2",
        "năm 2",
    ]
    assert str(first[-1].period) == "15/12/0001 – 14/12/0002"


def test_a_huge_working_day_count_is_refused_before_any_counting() -> None:
    with pytest.raises(ValidationError) as info:
        add_working_days(date(2021, 1, 4), 10**100)
    assert info.value.field == "n"
    assert "giới hạn" in (info.value.vi or "")
    assert WORKING_DAYS_LIMIT >= 250 * (LAST_YEAR - FIRST_YEAR + 1)


def test_report_kinds_read_their_names_and_values() -> None:
    assert ReportKind("quarter") is ReportKind.QUARTER is ReportKind("Quarter")
    assert repr(ReportKind.NINE_MONTHS) == "ReportKind.NINE_MONTHS"


# --------------------------------------------------------------------------- loading


def _fresh(code: str) -> str:
    """What ``code`` prints in a fresh interpreter that imports this source tree."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import cchc

    src = str(Path(cchc.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def test_working_days_load_only_vietnams_holidays() -> None:
    # the holidays package's countries/__init__ imports ~250 countries; only Vietnam is needed
    out = _fresh(
        "import sys, datetime\n"
        "import cchc.calendar as c\n"
        "print(c.add_working_days(datetime.date(2021, 2, 5), 3))\n"
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))\n"
    )
    assert out.splitlines() == ["2021-02-17", "['holidays.countries.vietnam']"]


def test_other_countries_still_load_after_vietnam() -> None:
    out = _fresh(
        "import datetime, holidays\n"
        "import cchc.calendar as c\n"
        "c.is_working_day(datetime.date(2024, 1, 2))\n"
        "print(holidays.country_holidays('FR', years=2024).get(datetime.date(2024, 7, 14)))\n"
        "print(holidays.country_holidays('VN', years=2021, language='vi').get("
        "datetime.date(2021, 2, 12)))\n"
    )
    assert out.splitlines()[0] == "National Day"
    assert "Tết" in out.splitlines()[1]


def test_calendar_years_are_read_from_the_holidays_package() -> None:
    from holidays.countries.vietnam import Vietnam

    assert (Vietnam.start_year, Vietnam.end_year) == (FIRST_YEAR, LAST_YEAR)
    import cchc.calendar as module

    with pytest.raises(AttributeError):
        _ = module.NO_SUCH_NAME
