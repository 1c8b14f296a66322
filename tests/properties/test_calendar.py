"""Invariants of cchc.calendar, checked on generated dates, periods and calendars."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc.calendar import (
    VIETNAM,
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
    working_days_between,
)
from cchc.errors import CchcError, ParseError
from cchc.export.json import from_json, to_json
from cchc.strategies import (
    calendar_dates,
    date_mentions,
    periods,
    reporting_periods,
    working_calendars,
)

RECENT = calendar_dates(date(1995, 1, 1), date(2030, 12, 31))
ANY_DATE = st.dates(min_value=date(1000, 1, 1))
# the make-up working Saturdays announced for the swaps the holidays package knows
MAKE_UP_SATURDAYS = {
    date(2010, 2, 27),
    date(2012, 2, 4),
    date(2013, 5, 4),
    date(2014, 4, 26),
    date(2014, 9, 6),
    date(2014, 12, 27),
    date(2015, 2, 14),
    date(2015, 4, 25),
    date(2019, 1, 5),
    date(2019, 5, 4),
    date(2024, 5, 4),
    date(2025, 4, 26),
    date(2026, 8, 22),
}


# ----------------------------------------------------------------------------- working days


@given(RECENT, st.integers(0, 600), working_calendars())
def test_adding_then_counting_returns_n(d: date, n: int, cal: WorkingCalendar) -> None:
    later = cal.add_working_days(d, n)
    assert cal.working_days_between(d, later) == n
    if n > 0:
        assert cal.is_working_day(later)
        assert later > d


@given(RECENT, st.integers(1, 60))
def test_add_working_days_lands_on_the_first_day_reaching_n(d: date, n: int) -> None:
    later = VIETNAM.add_working_days(d, n)
    before = later - timedelta(days=1)
    assert VIETNAM.working_days_between(d, before) == n - 1


@given(RECENT, RECENT, RECENT)
def test_counting_is_additive_and_antisymmetric(a: date, b: date, c: date) -> None:
    ab = VIETNAM.working_days_between(a, b)
    assert ab + VIETNAM.working_days_between(b, c) == VIETNAM.working_days_between(a, c)
    assert VIETNAM.working_days_between(b, a) == -ab


@given(calendar_dates(date(2015, 1, 1), date(2026, 12, 31)), st.integers(0, 45))
def test_counting_matches_a_day_by_day_walk(d: date, span: int) -> None:
    end = d + timedelta(days=span)
    walked = sum(VIETNAM.is_working_day(d + timedelta(days=i)) for i in range(1, span + 1))
    assert VIETNAM.working_days_between(d, end) == walked


@given(RECENT, working_calendars())
def test_next_working_day_is_the_first_working_day_on_or_after(
    d: date, cal: WorkingCalendar
) -> None:
    nxt = cal.next_working_day(d)
    assert nxt >= d
    assert cal.is_working_day(nxt)
    assert not any(cal.is_working_day(d + timedelta(days=i)) for i in range((nxt - d).days))


@given(st.sampled_from(sorted(MAKE_UP_SATURDAYS)) | RECENT)
def test_weekends_work_only_when_announced(d: date) -> None:
    assume(d.weekday() >= 5)
    assert VIETNAM.is_working_day(d) == (d in MAKE_UP_SATURDAYS)


@given(working_calendars())
def test_extra_days_decide_their_own_day(cal: WorkingCalendar) -> None:
    for d in cal.extra_holidays:
        assert not cal.is_working_day(d)
    for d in cal.extra_working_days:
        assert cal.is_working_day(d)


@given(working_calendars())
def test_working_calendars_round_trip_through_json(cal: WorkingCalendar) -> None:
    assert from_json(to_json(cal), WorkingCalendar) == cal


# ----------------------------------------------------------------------------- periods


@given(periods())
def test_a_period_contains_its_ends_and_nothing_beyond(p: Period) -> None:
    assert p.start in p
    assert p.end in p
    assert p.contains(p.start)
    assert p.start - timedelta(days=1) not in p
    assert p.end + timedelta(days=1) not in p
    assert p.days == len(list(p.dates()))
    assert p.years[0] == p.start.year
    assert p.years[-1] == p.end.year


@given(periods())
def test_period_text_round_trips(p: Period) -> None:
    assert Period.parse(str(p)) == p


@given(periods())
def test_periods_round_trip_through_json(p: Period) -> None:
    assert from_json(to_json(p), Period) == p


@given(periods(), periods())
def test_intersection_is_the_shared_days(p: Period, q: Period) -> None:
    both = p.intersection(q)
    assert (both is not None) == p.overlaps(q) == q.overlaps(p)
    assert both == q.intersection(p)
    if both is not None:
        assert both.start in p
        assert both.start in q
        assert both.end in p
        assert both.end in q
        assert both.start - timedelta(days=1) not in p or both.start - timedelta(days=1) not in q


# ----------------------------------------------------------------------------- reporting


@given(st.integers(1902, 2100))
def test_monthly_reports_tile_the_reporting_year(year: int) -> None:
    months = [reporting_period(ReportKind.MONTH, year, m) for m in range(1, 13)]
    assert months[0].start == reporting_period(ReportKind.YEAR, year).start
    assert months[-1].end == reporting_period(ReportKind.YEAR, year).end
    for before, after in itertools.pairwise(months):
        assert after.start == before.end + timedelta(days=1)
    assert sum(m.days for m in months) == reporting_period(ReportKind.YEAR, year).days


@given(st.integers(1902, 2100))
def test_quarters_tile_the_year_and_end_the_half_and_nine_months(year: int) -> None:
    quarters = [reporting_period(ReportKind.QUARTER, year, q) for q in range(1, 5)]
    for before, after in itertools.pairwise(quarters):
        assert after.start == before.end + timedelta(days=1)
    assert quarters[1].end == reporting_period(ReportKind.HALF_YEAR, year).end
    assert quarters[2].end == reporting_period(ReportKind.NINE_MONTHS, year).end
    assert quarters[3].end == reporting_period(ReportKind.YEAR, year).end


@given(calendar_dates(date(1902, 1, 1), date(2100, 12, 14)))
def test_every_day_is_in_exactly_the_reports_listed_for_it(d: date) -> None:
    listed = reporting_periods_containing(d)
    assert all(d in r.period for r in listed)
    year = listed[-1].year
    every = [ReportingPeriod(ReportKind.MONTH, year, m) for m in range(1, 13)]
    every += [ReportingPeriod(ReportKind.QUARTER, year, q) for q in range(1, 5)]
    every += [ReportingPeriod(k, year) for k in (ReportKind.HALF_YEAR, ReportKind.NINE_MONTHS)]
    assert {r for r in every if d in r.period} == set(listed[:-1])


@given(reporting_periods())
def test_report_titles_round_trip(r: ReportingPeriod) -> None:
    assert ReportingPeriod.parse(str(r)) == r


@given(reporting_periods())
def test_reporting_periods_round_trip_through_json(r: ReportingPeriod) -> None:
    assert from_json(to_json(r), ReportingPeriod) == r


# ----------------------------------------------------------------------------- date text


@given(ANY_DATE)
def test_dates_round_trip_through_their_text(d: date) -> None:
    assert parse_date(format_date(d)) == d
    assert parse_date(format_numeric_date(d)) == d
    assert parse_date(d.isoformat()) == d


@given(ANY_DATE)
def test_formatted_dates_keep_the_decree_30_zeros(d: date) -> None:
    day, month = format_numeric_date(d).split("/")[:2]
    assert len(day) == 2
    assert len(month) == (2 if d.month <= 2 else len(str(d.month)))


@given(
    st.text(st.characters(categories=["L"]), min_size=1, max_size=20).filter(
        lambda s: s.strip() != ""
    ),
    RECENT,
)
def test_place_date_lines_round_trip(place: str, d: date) -> None:
    try:
        line = format_place_date(place, d)
    except CchcError:
        return
    name, when = parse_place_date(line)
    assert when == d
    assert name == line.split(",")[0]


@given(st.text())
def test_no_string_makes_the_parsers_raise_anything_but_cchc_errors(text: str) -> None:
    for parse in (parse_date, parse_place_date, Period.parse, ReportingPeriod.parse):
        with contextlib.suppress(CchcError):
            parse(text)


@given(st.text(st.sampled_from("0123456789/- ngàyáăthm"), max_size=60))
def test_date_like_noise_never_escapes_the_error_family(text: str) -> None:
    for parse in (parse_date, Period.parse):
        with contextlib.suppress(CchcError):
            parse(text)
    for m in find_dates(text):
        assert text[m.start : m.end] == m.text
        assert parse_date(m.text) == m.date


@given(st.lists(ANY_DATE, max_size=5), st.sampled_from([" ; ", " và ", ", ", "\n"]))
def test_find_dates_finds_what_was_written(days: list[date], sep: str) -> None:
    text = sep.join(format_date(d) if i % 2 else format_numeric_date(d) for i, d in enumerate(days))
    assert [m.date for m in find_dates(text)] == days


@given(date_mentions())
def test_a_date_mention_is_found_again_in_its_own_words(mention: DateMention) -> None:
    [found] = find_dates(mention.text)
    assert found.date == mention.date
    assert found.text == mention.text
    assert from_json(to_json(mention), DateMention) == mention


# ----------------------------------------------------------------------------- fuzz: every entry

EVERY_DATE = st.dates(min_value=date.min, max_value=date.max)
EDGE_DATE = st.one_of(
    EVERY_DATE,
    st.sampled_from([date.min, date.max, date(1, 1, 14), date(1, 12, 15), date(9999, 12, 15)]),
)
ANY_YEAR = st.one_of(st.integers(), st.integers(-3, 10003), st.sampled_from([True, 2021.0, "2021"]))
ANY_COUNT = st.one_of(st.integers(-5, 300), st.integers(), st.sampled_from([True, 1.5, "3"]))
DATE_TEXT = st.one_of(
    st.text(),
    st.text(st.sampled_from("0123456789/- ngàyáăthmquýIV\ud800"), max_size=40),
    st.builds("{}/{}/{}".format, st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999)),
)


def _only_cchc_errors(call: Callable[[], object]) -> None:
    with contextlib.suppress(CchcError):
        call()


@given(EDGE_DATE, EDGE_DATE, ANY_COUNT)
def test_no_date_or_count_makes_a_calendar_entry_raise_anything_but_cchc_errors(
    a: date, b: date, n: object
) -> None:
    _only_cchc_errors(lambda: reporting_periods_containing(a))
    _only_cchc_errors(lambda: [r.period for r in reporting_periods_containing(a)])
    _only_cchc_errors(lambda: is_working_day(a))
    _only_cchc_errors(lambda: next_working_day(a))
    _only_cchc_errors(lambda: add_working_days(a, n))  # type: ignore[arg-type]
    _only_cchc_errors(lambda: working_days_between(a, b))
    _only_cchc_errors(lambda: str(Period(a, b)))
    _only_cchc_errors(lambda: Period(min(a, b), max(a, b)).years)
    _only_cchc_errors(lambda: format_place_date("Văn Bàn", a))
    _only_cchc_errors(lambda: parse_date(format_numeric_date(a)))
    _only_cchc_errors(lambda: WorkingCalendar(extra_holidays=[a], extra_working_days=[b]))


@given(ANY_YEAR, st.sampled_from(list(ReportKind)), st.one_of(st.none(), ANY_YEAR))
def test_no_year_makes_a_calendar_entry_raise_anything_but_cchc_errors(
    year: object, kind: ReportKind, number: object
) -> None:
    _only_cchc_errors(lambda: Period.year(year))  # type: ignore[arg-type]
    _only_cchc_errors(lambda: Period.years_between(year, year))  # type: ignore[arg-type]
    _only_cchc_errors(lambda: VIETNAM.holidays_in(year))  # type: ignore[arg-type]
    _only_cchc_errors(lambda: reporting_period(kind, year, number))  # type: ignore[arg-type]
    _only_cchc_errors(lambda: str(ReportingPeriod(kind, year, number)))  # type: ignore[arg-type]


@given(DATE_TEXT)
def test_no_text_makes_a_calendar_reader_raise_anything_but_cchc_errors(text: str) -> None:
    for read in (parse_date, parse_place_date, Period.parse, ReportingPeriod.parse, find_dates):
        _only_cchc_errors(lambda read=read: read(text))  # type: ignore[misc]
    _only_cchc_errors(lambda: format_place_date(text, date(2021, 1, 1)))


@given(st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999))
def test_a_numeric_date_either_reads_or_names_its_first_impossible_part(
    day: int, month: int, year: int
) -> None:
    written = f"{day:02d}/{month}/{year:04d}"
    if not 1 <= day <= 31:
        expected = f"day {day} does not exist"
    elif not 1 <= month <= 12:
        expected = f"month {month} does not exist"
    elif year == 0:
        expected = "year 0 does not exist"
    else:
        try:
            real = date(year, month, day)
        except ValueError:
            expected = f"there is no day {day}"
        else:
            assert parse_date(written) == real
            return
    with pytest.raises(ParseError, match=expected):
        parse_date(written)
