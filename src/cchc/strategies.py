"""Hypothesis strategies for every public value type of ``cchc``.

Downstream projects use them in their own property tests (install ``cchc[testing]``):

>>> from hypothesis import given
>>> from cchc.strategies import reform_areas
>>> @given(reform_areas())
... def test_codes_round_trip(area):
...     assert ReformArea.from_code(area.code) is area
>>> test_codes_round_trip()
"""

from __future__ import annotations

import warnings as _warnings
from collections.abc import Callable as _Callable
from collections.abc import Sequence as _Sequence
from typing import TypeVar as _TypeVar

from cchc.areas import ReformArea
from cchc.errors import Finding
from cchc.errors import MissingExtraError as _MissingExtraError
from cchc.errors import NotFoundError as _NotFoundError
from cchc.errors import Severity as _Severity

try:
    from hypothesis import HealthCheck as _HealthCheck
    from hypothesis import Phase as _Phase
    from hypothesis import Verbosity as _Verbosity
    from hypothesis import given as _given
    from hypothesis import settings as _settings
    from hypothesis import strategies as st
    from hypothesis.errors import HypothesisWarning as _HypothesisWarning
except ImportError:
    raise _MissingExtraError.of(
        "hypothesis", "testing", "Hypothesis strategies", "Các chiến lược sinh dữ liệu Hypothesis"
    ) from None

__all__ = [
    # showing one value
    "sample",
    # errors, areas
    "findings",
    "reform_areas",
    # calendar
    "calendar_dates",
    "date_mentions",
    "periods",
    "report_kinds",
    "reporting_periods",
    "working_calendars",
    # units
    "groupings",
    "unit_codes",
    "unit_groups",
    "unit_kinds",
    "unit_names",
    "unit_trees",
    "units",
    # directives
    "cascades",
    "citations",
    "directives",
    "document_numbers",
    "document_types",
    "references",
    "symbol_groups",
    # plans, campaigns
    "activities",
    "campaigns",
    "measures",
    "milestones",
    "plans",
    "rule_sets",
    "status_updates",
    "targets",
    "tasks",
    # criteria, scoring
    "appraisals",
    "criterion_trees",
    "framework_bands",
    "frameworks",
    "leaf_values",
    "ranking_tie_policies",
    "scorecards",
    "scoring_rules",
    "self_assessments",
    "survey_results",
    "target_relative_rules",
    "ties",
    # batch: score tables, results, rankings, campaign inputs
    "BATCH_GROUPS",
    "batch_results",
    "campaign_inputs",
    "campaign_results",
    "rankings",
    "score_tables",
    # awards, apportionment
    "AWARD_FIELDS",
    "MEMBER_TITLES",
    "apportionment_weights",
    "apportionments",
    "award_candidate_lists",
    "award_candidates",
    "award_decisions",
    "award_points",
    "council_records",
    "eligibility_rules",
    "member_gates",
    "member_requirements",
    "prize_groups",
    "prize_structures",
    "quotas",
    "tie_breaks",
    "tie_policies",
    "tie_settlements",
    # languages, explanations
    "explanation_lines",
    "explanations",
    "langs",
    "words",
    # composite indices
    "BOUNDED_NORMALISATIONS",
    "aggregations",
    "bounded_normalisations",
    "directions",
    "imputations",
    "index_nodes",
    "index_results",
    "index_specs",
    "indicators",
    "normalisations",
    "outlier_treatments",
    "panels",
    "screenings",
    # surveys
    "non_answers",
    "questions",
    "scale_levels",
    "scales",
    "survey_elements",
    "survey_estimates",
    "survey_responses",
    "surveys",
    # uncertainty and sensitivity
    "models",
    "variations",
]

_S = _TypeVar("_S")


class _Found(Exception):
    pass


def sample(
    strategy: st.SearchStrategy[_S],
    where: _Callable[[_S], object] = lambda _: True,
    *,
    max_examples: int = 500,
) -> _S:
    """The first value ``strategy`` draws that satisfies ``where``: deterministic (the same
    value on every run of the same Hypothesis version) and quick, since nothing is shrunk. For
    examples in documentation and notebooks; tests should use ``@given``.

    >>> sample(reform_areas(), lambda a: not a.is_reform_content).is_reform_content
    False
    >>> sample(reform_areas(), lambda a: False, max_examples=5)
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: max_examples = 5: no example satisfied the condition in 5 draws
    """
    found: list[_S] = []

    @_settings(
        database=None,
        derandomize=True,
        max_examples=max_examples,
        phases=[_Phase.generate],
        verbosity=_Verbosity.quiet,
        deadline=None,
        suppress_health_check=list(_HealthCheck),
    )
    @_given(strategy)
    def search(value: _S) -> None:
        if where(value):
            found.append(value)
            raise _Found

    with _warnings.catch_warnings():
        # Hypothesis replays the example it stopped at and shows its arguments; a table of a
        # whole province makes a long repr that nobody reads here
        _warnings.filterwarnings("ignore", "Generating overly large repr", _HypothesisWarning)
        try:
            search()
        except _Found:
            return found[0]
    raise _NotFoundError(
        f"no example satisfied the condition in {max_examples} draws",
        vi=f"không có ví dụ nào thỏa mãn điều kiện sau {max_examples} lần tạo dữ liệu",
        field="max_examples",
        value=max_examples,
    )


def reform_areas() -> st.SearchStrategy[ReformArea]:
    """Any reform area or PAR Index field."""
    return st.sampled_from(list(ReformArea))


def findings() -> st.SearchStrategy[Finding]:
    """Findings of a whole-document check, with dotted/indexed paths and both messages.

    >>> sample(findings(), lambda f: f.severity is _Severity.WARNING).severity
    <Severity.WARNING: 'warning'>
    """
    words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)
    paths = st.lists(st.tuples(words, st.none() | st.integers(0, 99)), min_size=1, max_size=3).map(
        lambda parts: ".".join(f"{w}[{i}]" if i is not None else w for w, i in parts)
    )
    return st.builds(
        Finding,
        code=st.builds(lambda a, b: f"{a}.{b}", words, words),
        path=paths,
        message_vi=st.text(min_size=1, max_size=40),
        message_en=st.text(min_size=1, max_size=40),
        severity=st.sampled_from(list(_Severity)),
    )


# --- calendar ---

import datetime as _dt  # noqa: E402

from cchc.calendar import (  # noqa: E402
    FIRST_YEAR as _FIRST_YEAR,
)
from cchc.calendar import (  # noqa: E402
    LAST_YEAR as _LAST_YEAR,
)
from cchc.calendar import (  # noqa: E402
    DateMention,
    Period,
    ReportingPeriod,
    ReportKind,
    WorkingCalendar,
    format_date,
    format_numeric_date,
)


def calendar_dates(
    min_value: _dt.date = _dt.date(_FIRST_YEAR, 1, 1),
    max_value: _dt.date = _dt.date(_LAST_YEAR, 12, 31),
) -> st.SearchStrategy[_dt.date]:
    """Plain dates in the years the working-day calendar covers (1901–2100 by default)."""
    return st.dates(min_value=min_value, max_value=max_value)


def periods(
    min_value: _dt.date = _dt.date(_FIRST_YEAR, 1, 1),
    max_value: _dt.date = _dt.date(_LAST_YEAR, 12, 31),
) -> st.SearchStrategy[Period]:
    """Any period between the bounds: single days, windows, whole years and multi-year
    stages."""
    any_span = st.tuples(
        calendar_dates(min_value, max_value), calendar_dates(min_value, max_value)
    ).map(lambda ab: Period(min(ab), max(ab)))
    years = st.tuples(
        st.integers(min_value.year + 1, max_value.year - 1),
        st.integers(min_value.year + 1, max_value.year - 1),
    ).map(lambda ab: Period.years_between(min(ab), max(ab)))
    return st.one_of(any_span, years)


def report_kinds() -> st.SearchStrategy[ReportKind]:
    """Any kind of periodic report."""
    return st.sampled_from(list(ReportKind))


def reporting_periods(
    min_year: int = _FIRST_YEAR + 1, max_year: int = _LAST_YEAR
) -> st.SearchStrategy[ReportingPeriod]:
    """Any periodic report (kind, year and, for months and quarters, a number)."""
    years = st.integers(min_year, max_year)
    return st.one_of(
        st.builds(ReportingPeriod, st.just(ReportKind.MONTH), years, st.integers(1, 12)),
        st.builds(ReportingPeriod, st.just(ReportKind.QUARTER), years, st.integers(1, 4)),
        st.builds(
            ReportingPeriod,
            st.sampled_from([ReportKind.HALF_YEAR, ReportKind.NINE_MONTHS, ReportKind.YEAR]),
            years,
        ),
    )


@st.composite
def date_mentions(draw: st.DrawFn) -> DateMention:
    """A date as :func:`cchc.calendar.find_dates` reports it: the date, its place in a text
    and its words ("ngày 05/5/2021", "ngày 22 tháng 9 năm 2021")."""
    day = draw(calendar_dates(_dt.date(2000, 1, 1), _dt.date(2040, 12, 31)))
    words = draw(st.sampled_from([format_numeric_date, format_date]))(day)
    if words[:1].isdigit() and draw(st.booleans()):
        words = f"ngày {words}"
    start = draw(st.integers(0, 10_000))
    return DateMention(day, start, start + len(words), words)


def working_calendars(
    min_value: _dt.date = _dt.date(2019, 1, 1), max_value: _dt.date = _dt.date(2027, 12, 31)
) -> st.SearchStrategy[WorkingCalendar]:
    """Working calendars with a few local extra holidays and make-up working days."""
    days = st.frozensets(calendar_dates(min_value, max_value), max_size=6)
    return st.tuples(days, days).map(
        lambda ab: WorkingCalendar(extra_holidays=ab[0], extra_working_days=ab[1] - ab[0])
    )


# --- units ---

from cchc.text import fold as _fold  # noqa: E402
from cchc.units import Grouping, Unit, UnitGroup, UnitKind, UnitTree  # noqa: E402

# Syllables of real place names, with tone marks, so that lookups meet "Hòa"/"Hoà" and the like
_PLACE_SYLLABLES = (
    "An", "Bình", "Châu", "Thành", "Hòa", "Hiệp", "Khánh", "Tân", "Phú", "Thủy", "Đông",
    "Lấp", "Vò", "Văn", "Bàn", "Sa", "Pa", "Cái", "Tàu", "Hạ", "Mỹ", "Long", "Quý", "Xuân",
)  # fmt: skip


def unit_kinds() -> st.SearchStrategy[UnitKind]:
    """Any kind of unit.

    >>> sample(unit_kinds(), lambda k: k.is_commune_level).is_commune_level
    True
    """
    return st.sampled_from(list(UnitKind))


def unit_codes() -> st.SearchStrategy[str]:
    """A unit or group code: letters (Vietnamese ones included), digits and hyphens.

    >>> " " in sample(unit_codes(), lambda c: len(c) > 3)
    False
    """
    return st.text(alphabet="ABCDĐHKLNPSTXabcdđhklnpstx0123456789-", min_size=1, max_size=8).filter(
        lambda c: c.strip("-") != ""
    )


def unit_names() -> st.SearchStrategy[str]:
    """A Vietnamese place name of one to three syllables.

    >>> len(sample(unit_names(), lambda n: " " in n).split()) >= 2
    True
    """
    return st.lists(st.sampled_from(_PLACE_SYLLABLES), min_size=1, max_size=3).map(" ".join)


@st.composite
def units(draw: st.DrawFn, parent: st.SearchStrategy[str | None] | None = None) -> Unit:
    """A single unit (its parent code, if any, need not exist anywhere).

    >>> sample(units(), lambda u: u.staff is not None).staff >= 0
    True
    """
    code = draw(unit_codes())
    parents = parent if parent is not None else st.none() | unit_codes()
    return Unit(
        code,
        draw(unit_names()),
        draw(unit_kinds()),
        parent=draw(parents.filter(lambda p: p is None or _fold(p) != _fold(code))),
        staff=draw(st.none() | st.integers(min_value=0, max_value=5000)),
        tags=draw(st.frozensets(st.sampled_from(["remote", "border", "island", "pilot"]))),
    )


@st.composite
def unit_trees(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 20) -> UnitTree:
    """A valid unit tree (one or several roots, any depth).

    >>> tree = sample(unit_trees(), lambda t: any(t.depth(u.code) >= 2 for u in t))
    >>> max(tree.depth(u.code) for u in tree) >= 2
    True
    """
    codes = draw(st.lists(unit_codes(), min_size=min_size, max_size=max_size, unique_by=_fold))
    made: list[Unit] = []
    for i, code in enumerate(codes):
        parent = draw(st.none() | st.sampled_from(codes[:i])) if i else None
        made.append(
            Unit(
                code,
                draw(unit_names()),
                draw(unit_kinds()),
                parent=parent,
                staff=draw(st.none() | st.integers(min_value=0, max_value=5000)),
            )
        )
    return UnitTree(made)


@st.composite
def unit_groups(draw: st.DrawFn, tree: UnitTree | None = None) -> UnitGroup:
    """A group whose members are units of ``tree`` (or of a generated tree).

    >>> tree = sample(unit_trees(), lambda t: len(t) >= 3)
    >>> group = sample(unit_groups(tree), lambda g: len(g) >= 2)
    >>> all(code in tree for code in group)
    True
    """
    pool = tree if tree is not None else draw(unit_trees())
    members = draw(st.lists(st.sampled_from([u.code for u in pool]), min_size=1, unique=True))
    return UnitGroup(draw(unit_codes()), draw(unit_names()), members)


@st.composite
def groupings(draw: st.DrawFn, tree: UnitTree | None = None) -> Grouping:
    """A valid grouping over ``tree`` (or a generated tree): groups with distinct codes and,
    unless drawn otherwise, no unit in two groups."""
    pool = tree if tree is not None else draw(unit_trees())
    codes = [u.code for u in pool]
    disjoint = draw(st.booleans())
    shuffled = draw(st.permutations(codes))
    count = draw(st.integers(0, min(4, len(codes))))
    groups: list[UnitGroup] = []
    used: set[str] = set()
    for i in range(count):
        if disjoint:
            members = shuffled[i::count]
        else:
            members = draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))
        code = draw(unit_codes().filter(lambda c: _fold(c) not in used))
        used.add(_fold(code))
        groups.append(UnitGroup(code, draw(unit_names()), members))
    return Grouping(pool, groups, disjoint=disjoint)


# --- directives ---

import datetime as _dt  # noqa: E402

import attrs as _attrs  # noqa: E402

from cchc.directives import (  # noqa: E402
    Cascade,
    Citation,
    Directive,
    DocumentNumber,
    DocumentType,
    Reference,
)

_SYMBOL_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZĐƯ"
_SYMBOL_LOWER = "giry"
_TYPES_WITH_SYMBOL = [t for t in DocumentType if t.abbreviation]
_PARTY_TYPES = [*_TYPES_WITH_SYMBOL, DocumentType.CONG_VAN]


def document_types() -> st.SearchStrategy[DocumentType]:
    """Any document type, with or without an abbreviation."""
    return st.sampled_from(list(DocumentType))


@st.composite
def symbol_groups(draw: st.DrawFn) -> str:
    """One group of a document symbol: "UBND", "TTg", "QH15", "NCPC"."""
    text = draw(st.sampled_from(_SYMBOL_UPPER))
    for _ in range(draw(st.integers(0, 6))):
        pool = _SYMBOL_UPPER + "0123456789" + ("" if text[-1] in _SYMBOL_LOWER else _SYMBOL_LOWER)
        text += draw(st.sampled_from(pool))
    return text


@st.composite
def document_numbers(draw: st.DrawFn) -> DocumentNumber:
    """A document number in any of the styles: administrative (138/KH-UBND), legal normative
    with its year (33/2021/QĐ-UBND), công văn (7946/UBND-NCPC) and Party (08-NQ/TU)."""
    number = draw(st.integers(1, 99_999) | st.integers(1, 9_999_999))
    issuer = tuple(draw(st.lists(symbol_groups(), min_size=1, max_size=8)))
    if draw(st.booleans()):
        doc_type = draw(st.sampled_from(_PARTY_TYPES))
        return DocumentNumber(number=number, doc_type=doc_type, issuer=issuer, party=True)
    doc_type_or_none = draw(st.none() | st.sampled_from(_TYPES_WITH_SYMBOL))
    if doc_type_or_none is None:
        issuer = (draw(symbol_groups().filter(lambda g: not _is_type_symbol(g))), *issuer[1:])
    else:
        issuer = issuer[:7]
    year = draw(st.none() | st.integers(1945, 2099))
    return DocumentNumber(number=number, doc_type=doc_type_or_none, issuer=issuer, year=year)


def _is_type_symbol(group: str) -> bool:
    try:
        DocumentNumber(number=1, issuer=(group,))
    except ValueError:
        return True
    return False


_ISSUERS = ("UBND tỉnh Lào Cai", "UBND huyện Văn Bàn", "Chính phủ", "Sở Nội vụ", "UBND xã A")


@st.composite
def directives(
    draw: st.DrawFn,
    number: st.SearchStrategy[DocumentNumber | None] | None = None,
    implements: st.SearchStrategy[list[DocumentNumber]] | None = None,
) -> Directive:
    """A directive; its number (or None), issue date (2015-2030, in the number's year when it
    has one) and the numbers it implements are drawn unless given."""
    n = draw(number if number is not None else st.none() | document_numbers())
    if n is not None and n.year is not None and not 2015 <= n.year <= 2030:
        n = _attrs.evolve(n, year=draw(st.integers(2015, 2030)))
    lo, hi = (n.year, n.year) if n is not None and n.year is not None else (2015, 2030)
    issued = draw(st.dates(_dt.date(lo, 1, 1), _dt.date(hi, 12, 31)))
    doc_type = n.doc_type if n is not None and n.doc_type else None
    if doc_type is None:
        doc_type = draw(document_types()) if n is None else DocumentType.CONG_VAN
    refs = draw(
        implements
        if implements is not None
        else st.lists(document_numbers(), max_size=3, unique_by=str)
    )
    return Directive(
        number=n,
        doc_type=doc_type,
        issuer=draw(st.sampled_from(_ISSUERS)),
        issued=issued,
        summary=draw(st.sampled_from(("", "về cải cách hành chính năm 2023"))),
        implements=[r for r in refs if r != n],
        issuer_unit=draw(st.none() | st.sampled_from(("A", "B", "C"))),
    )


@st.composite
def cascades(draw: st.DrawFn, max_size: int = 8) -> Cascade:
    """A cascade of directives with unique numbers; each implements some earlier ones and
    possibly a document outside the cascade."""
    numbers = draw(st.lists(document_numbers(), max_size=max_size, unique_by=str))
    made: list[Directive] = []
    for n in numbers:
        parents = (
            draw(st.lists(st.sampled_from([d.number for d in made]), max_size=3, unique_by=str))
            if made
            else []
        )
        outside = draw(st.lists(document_numbers(), max_size=1))
        refs = [p for p in parents if p is not None]
        refs += [o for o in outside if o not in refs and all(o != m for m in numbers)]
        made.append(draw(directives(number=st.just(n), implements=st.just(refs))))
    return Cascade(made)


@st.composite
def citations(draw: st.DrawFn) -> Citation:
    """A citation of a document: a number with or without its issuer and date, or, for an
    unnumbered document, its type and issue date (and perhaps issuer)."""
    number = draw(st.none() | document_numbers())
    issued = draw(
        (st.none() if number is not None else st.nothing())
        | st.dates(_dt.date(2015, 1, 1), _dt.date(2030, 12, 31))
    )
    if number is not None and number.year is not None and issued is not None:
        issued = issued.replace(year=number.year, day=min(issued.day, 28))
    doc_type = (
        number.doc_type
        if number is not None and number.doc_type is not None
        else draw(st.none() | document_types())
        if number is not None
        else draw(document_types())
    )
    return Citation(
        number=number,
        doc_type=doc_type,
        issued=issued,
        issuer=draw(st.none() | st.sampled_from(_ISSUERS)),
    )


@st.composite
def references(draw: st.DrawFn) -> Reference:
    """A reference as :func:`cchc.directives.find_references` returns it."""
    n = draw(document_numbers())
    text = str(n)
    start = draw(st.integers(0, 1000))
    return Reference(
        text=text,
        span=(start, start + len(text)),
        doc_type=n.doc_type,
        number=n,
        date=draw(st.none() | st.dates(_dt.date(2015, 1, 1), _dt.date(2030, 12, 31))),
        issuer=draw(st.none() | st.sampled_from(_ISSUERS)),
    )


# --- plans ---

from itertools import pairwise as _pairwise  # noqa: E402

from cchc.areas import REFORM_CONTENTS as _REFORM_CONTENTS  # noqa: E402
from cchc.campaigns import Campaign, CampaignKind  # noqa: E402
from cchc.errors import Severity  # noqa: E402
from cchc.plans import RULES as _RULES  # noqa: E402
from cchc.plans import (  # noqa: E402
    Activity,
    ActivityKind,
    Actual,
    Measure,
    Milestone,
    Plan,
    ReviewKind,
    ReviewPoint,
    Rule,
    RuleSet,
    StatusUpdate,
    Target,
    Task,
    TaskStatus,
)

_PLAN_UNITS = ("NV", "TP", "VP", "TC-KH", "VH-TT", "XA-01", "XA-02")


def measures() -> st.SearchStrategy[Measure]:
    """Any way of measuring a target."""
    return st.sampled_from(list(Measure))


def _measure_values(measure: Measure) -> st.SearchStrategy[int]:
    if measure is Measure.PERCENT:
        return st.integers(0, 100)
    if measure is Measure.YES_NO:
        return st.integers(0, 1)
    if measure is Measure.ORDINAL:
        return st.integers(1, 63)
    return st.integers(0, 5000)


@st.composite
def targets(draw: st.DrawFn, period: Period | None = None) -> Target:
    """A target with a consistent baseline and direction, due inside ``period`` (default:
    2021-2025), with actual values for some of its years."""
    period = period or Period.years_between(2021, 2025)
    measure = draw(measures())
    values = _measure_values(measure)
    ascending = draw(st.booleans())
    a, b = draw(values), draw(values)
    baseline, target = (min(a, b), max(a, b)) if ascending else (max(a, b), min(a, b))
    due = draw(st.dates(period.start, period.end))
    with_baseline = draw(st.booleans()) or (not ascending and measure is not Measure.YES_NO)
    years = sorted(draw(st.sets(st.sampled_from(period.years), max_size=3)))
    return Target(
        draw(st.sampled_from(("Tỷ lệ hồ sơ đúng hạn", "Số sáng kiến", "Xếp hạng PAR Index"))),
        measure,
        target,
        due=due,
        baseline=baseline if with_baseline else None,
        baseline_year=period.start.year - 1 if with_baseline else None,
        ascending=ascending,
        actuals=[Actual(Period.year(y), draw(values)) for y in years],
    )


def milestones(period: Period) -> st.SearchStrategy[Milestone]:
    """A milestone inside ``period``."""
    return st.builds(
        Milestone, st.dates(period.start, period.end), st.sampled_from(("", "Báo cáo năm"))
    )


@st.composite
def status_updates(draw: st.DrawFn, period: Period | None = None) -> StatusUpdate:
    """A status update dated inside ``period`` (default 2021-2025)."""
    period = period or Period.years_between(2021, 2025)
    status = draw(st.sampled_from(list(TaskStatus)))
    percent = {TaskStatus.DONE: 100, TaskStatus.NOT_STARTED: 0}.get(status)
    if percent is None:
        percent = draw(st.integers(0, 99))
    return StatusUpdate(
        draw(st.dates(period.start, period.end)),
        status,
        percent,
        evidence=draw(st.sampled_from(("", "05/BC-UBND"))),
    )


@st.composite
def tasks(
    draw: st.DrawFn,
    period: Period | None = None,
    *,
    code: st.SearchStrategy[str] | None = None,
    area: st.SearchStrategy[ReformArea | None] | None = None,
    valid: bool = False,
) -> Task:
    """A task of a plan over ``period`` (default 2021-2025). With ``valid=True`` it meets
    every rule of :data:`~cchc.plans.BAC_KAN_7946`: a reform area, an output, a lead unit
    that is not a partner, a due date inside the period and, in a multi-year plan, a
    milestone with its output in every year up to it."""
    period = period or Period.years_between(2021, 2025)
    lead = draw(st.sampled_from(_PLAN_UNITS))
    partners = draw(
        st.lists(st.sampled_from([u for u in _PLAN_UNITS if u != lead]), max_size=2, unique=True)
    )
    due = draw(st.dates(period.start, period.end))
    stones: list[Milestone] = []
    if valid and len(period.years) > 1:
        for year in range(period.start.year, due.year):
            stones.append(Milestone(_dt.date(year, 12, 31), f"Kết quả năm {year}"))
    elif not valid:
        stones = draw(st.lists(milestones(Period(period.start, due)), max_size=2))
    return Task(
        draw(code if code is not None else st.from_regex(r"[1-9]\.[0-9]{1,2}", fullmatch=True)),
        draw(st.sampled_from(("Rà soát TTHC", "Số hóa hồ sơ", "Kiểm tra công vụ"))),
        area=draw(
            area if area is not None else (reform_areas() if valid else st.none() | reform_areas())
        ),
        lead=lead if valid else draw(st.none() | st.just(lead)),
        partners=partners,
        output="Báo cáo kết quả" if valid else draw(st.sampled_from(("", "Báo cáo"))),
        due=due if valid else draw(st.none() | st.just(due)),
        milestones=stones,
        updates=draw(st.lists(status_updates(period), max_size=3)),
    )


@st.composite
def plans(draw: st.DrawFn, *, valid: bool = False, max_tasks: int = 10) -> Plan:
    """A plan over one to three years between 2021 and 2030. With ``valid=True`` its
    :meth:`~cchc.plans.Plan.findings` under :data:`~cchc.plans.BAC_KAN_7946` hold no error
    (tasks cover all six contents, each complete; quantified objectives; it implements an earlier
    directive; review points inside its period)."""
    first = draw(st.integers(2021, 2028))
    period = Period.years_between(first, first + draw(st.integers(0, 2)))
    n = draw(st.integers(len(_REFORM_CONTENTS) if valid else 0, max(max_tasks, 6)))
    areas = list(_REFORM_CONTENTS) if valid else []
    codes = [f"{i + 1}" for i in range(n)]
    made = [
        draw(
            tasks(
                period,
                code=st.just(c),
                area=st.just(areas[i]) if i < len(areas) else None,
                valid=valid,
            )
        )
        for i, c in enumerate(codes)
    ]
    issued = draw(st.dates(period.start - _dt.timedelta(days=60), period.start))
    implements = draw(
        st.lists(directives(number=st.none()), min_size=1 if valid else 0, max_size=2)
    )
    if valid:
        implements = [_attrs.evolve(d, issued=min(d.issued, issued)) for d in implements]
    return Plan(
        draw(st.sampled_from(("Kế hoạch cải cách hành chính", "Kế hoạch nâng cao PAR Index"))),
        period,
        issuer="UBND huyện",
        issued=issued,
        implements=implements,
        objectives=draw(st.lists(targets(period), min_size=1 if valid else 0, max_size=2)),
        contents=draw(st.lists(st.sampled_from(("Tuyên truyền", "Kiểm tra")), max_size=2)),
        tasks=made,
        participants=draw(st.lists(st.sampled_from(_PLAN_UNITS), max_size=3, unique=True)),
        reviews=[
            ReviewPoint(ReviewKind.PRELIMINARY, draw(st.dates(period.start, period.end))),
            ReviewPoint(ReviewKind.FINAL, period.end),
        ]
        if valid or draw(st.booleans())
        else [],
    )


@st.composite
def rule_sets(draw: st.DrawFn) -> RuleSet:
    """A rule set: some of the known rules at some severities, requiring some areas."""
    codes = draw(st.lists(st.sampled_from(list(_RULES)), unique=True))
    severities = st.sampled_from([Severity.ERROR, Severity.WARNING, Severity.INFO])
    return RuleSet(
        draw(st.sampled_from(("bac-kan-7946", "chuyên đề"))),
        [Rule(c, draw(severities)) for c in codes],
        draw(st.lists(reform_areas(), unique=True)),
    )


def activities(period: Period | None = None) -> st.SearchStrategy[Activity]:
    """A count of activity dated inside ``period`` (default 2021)."""
    period = period or Period.year(2021)
    return st.builds(
        Activity,
        st.sampled_from(list(ActivityKind)),
        st.integers(0, 2000),
        st.dates(period.start, period.end),
        channel=st.sampled_from(("", "hệ thống phát thanh huyện", "đài truyền thanh xã")),
    )


@st.composite
def campaigns(draw: st.DrawFn, *, valid_plan: bool = False) -> Campaign:
    """A campaign launched by a plan (valid under the Bắc Kạn rules with ``valid_plan``),
    over the plan's period, with one to three disjoint groups and the plan's reviews."""
    plan = draw(plans(valid=valid_plan))
    codes = draw(st.lists(unit_codes(), min_size=1, max_size=9, unique_by=_fold))
    cuts = (
        sorted(draw(st.sets(st.integers(1, len(codes) - 1), max_size=2))) if len(codes) > 1 else []
    )
    bounds = [0, *cuts, len(codes)]
    groups = [
        UnitGroup(f"K{i + 1}", f"Khối {i + 1}", codes[a:b])
        for i, (a, b) in enumerate(_pairwise(bounds))
    ]
    return Campaign(
        draw(st.sampled_from(("Thi đua chuyên đề CCHC", "Phong trào thi đua CCHC"))),
        plan,
        groups,
        plan.period,
        kind=draw(st.sampled_from(list(CampaignKind))),
    )


# --- criteria and scoring ---

import functools as _functools  # noqa: E402
import itertools as _itertools  # noqa: E402
from decimal import Decimal as _CD  # noqa: E402

from cchc.criteria import Band as _CBand  # noqa: E402
from cchc.criteria import Criterion as _CCriterion  # noqa: E402
from cchc.criteria import ExcessBasis as _CExcessBasis  # noqa: E402
from cchc.criteria import Framework as _CFramework  # noqa: E402
from cchc.criteria import Level as _CLevel  # noqa: E402
from cchc.criteria import NoTargetPolicy as _CNoTargetPolicy  # noqa: E402
from cchc.criteria import Rule as _CRule  # noqa: E402
from cchc.criteria import RuleKind as _CRuleKind  # noqa: E402
from cchc.scoring import Adjustment as _SAdjustment  # noqa: E402
from cchc.scoring import Appraisal as _SAppraisal  # noqa: E402
from cchc.scoring import Entry as _SEntry  # noqa: E402
from cchc.scoring import Scorecard as _SScorecard  # noqa: E402
from cchc.scoring import SelfAssessment as _SSelfAssessment  # noqa: E402
from cchc.scoring import SurveyResult as _SSurveyResult  # noqa: E402
from cchc.scoring import Tie as _STie  # noqa: E402
from cchc.scoring import TieOrder as _STieOrder  # noqa: E402
from cchc.scoring import TiePolicy as _STiePolicy  # noqa: E402
from cchc.scoring import score_unit as _s_score_unit  # noqa: E402

# A strategy is checked and analysed the first time it is drawn from, which costs far more than
# a draw: the strategies a tree draws from again and again are made once and kept.


@_functools.lru_cache(maxsize=1024)
def _quarters(low: int = 0, high: int = 20) -> st.SearchStrategy[_CD]:
    """Multiples of 0.25 from low/4 to high/4."""
    return st.integers(low, high).map(lambda q: _CD(q) / 4)


@st.composite
def scoring_rules(draw: st.DrawFn, maximum: _CD = _CD(5)) -> _CRule:
    """Any scoring rule that fits a criterion worth ``maximum`` points and scores a unit on
    its own (rules scored against the group: :func:`target_relative_rules`)."""
    kind = draw(st.sampled_from([k for k in _CRuleKind if k is not _CRuleKind.TARGET_RELATIVE]))
    top = int(maximum * 4)
    if kind is _CRuleKind.MANUAL:
        step = draw(st.sampled_from([None, _CD("0.25")]))
        return _CRule.manual(step)
    if kind is _CRuleKind.YES_NO:
        return _CRule.yes_no()
    if kind is _CRuleKind.BANDED:
        low, high = sorted(draw(st.lists(st.integers(1, 99), min_size=2, max_size=2, unique=True)))
        best = draw(_quarters(0, top))
        middle = draw(_quarters(0, int(best * 4)))
        exclusive = draw(st.booleans())
        return _CRule.banded(
            [
                _CLevel(best, lower=high, lower_inclusive=not exclusive),
                _CLevel(middle, lower=low, upper=high, upper_inclusive=exclusive),
                _CLevel(0, upper=low),
            ]
        )
    if kind is _CRuleKind.PROPORTIONAL:
        return _CRule.proportional(draw(st.sampled_from([None, _CD(0)])))
    if kind is _CRuleKind.DEDUCTION:
        return _CRule.deduction(draw(_quarters(1, 8)), draw(_quarters(0, top)))
    if kind is _CRuleKind.BONUS:
        return _CRule.bonus(draw(_quarters(1, 8)))
    return _CRule.survey(draw(st.sampled_from([10, 100])))


@st.composite
def target_relative_rules(draw: st.DrawFn) -> _CRule:
    """A rule scored against each unit's target and the group's leader, with any shares.

    >>> sample(target_relative_rules()).kind
    RuleKind.TARGET_RELATIVE
    """
    on_target = draw(st.fractions(min_value=0, max_value=1, max_denominator=10))
    below = draw(st.none() | st.fractions(min_value=0, max_value=on_target, max_denominator=10))
    return _CRule.target_relative(
        on_target,
        below_share=below,
        excess=draw(st.sampled_from(list(_CExcessBasis))),
        no_target=draw(st.sampled_from(list(_CNoTargetPolicy))),
    )


@_functools.lru_cache(maxsize=1024)
def _rules_for(maximum: _CD) -> st.SearchStrategy[_CRule]:
    return scoring_rules(maximum)


@_functools.lru_cache(maxsize=1024)
def _trees_at(code: str, depth: int) -> st.SearchStrategy[_CCriterion]:
    return criterion_trees(code, depth)


_LEAD_UNITS = st.sampled_from([None, "Sở Nội vụ", "Văn phòng UBND"])
_OPTIONAL_AREAS = st.none() | reform_areas()


@st.composite
def criterion_trees(draw: st.DrawFn, code: str = "1", depth: int = 2) -> _CCriterion:
    """A criterion tree up to ``depth`` levels below this one, maxima consistent."""
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        maximum = draw(_quarters(0, 20))
        return _CCriterion(
            code,
            f"Tiêu chí {code}",
            maximum,
            rule=draw(_rules_for(maximum)),
            area=draw(_OPTIONAL_AREAS),
            lead_unit=draw(_LEAD_UNITS),
            not_applicable_allowed=draw(st.booleans()),
        )
    count = draw(st.integers(1, 3))
    children = [draw(_trees_at(f"{code}.{i + 1}", depth - 1)) for i in range(count)]
    total = sum((c.maximum for c in children), _CD(0))
    capped = total > 0 and draw(st.booleans())
    maximum = draw(_quarters(0, int(total * 4) - 1)) if capped else total
    return _CCriterion(
        code, f"Tiêu chí {code}", maximum, children=children, capped=capped and maximum < total
    )


@st.composite
def framework_bands(draw: st.DrawFn) -> list[_CBand]:
    """Bands covering 0 % to 100 % with no gap or overlap."""
    cuts = sorted(draw(st.lists(st.integers(1, 99), max_size=4, unique=True)))
    edges = [0, *cuts, 100]
    return [
        _CBand(f"Loại {i + 1}", low, high, upper_inclusive=high == 100)
        for i, (low, high) in enumerate(_itertools.pairwise(edges))
    ]


@st.composite
def frameworks(draw: st.DrawFn) -> _CFramework:
    """A valid framework: 1–4 fields, trees up to three levels, bands over 0–100 %."""
    count = draw(st.integers(1, 4))
    return _CFramework(
        draw(st.sampled_from(["fw-a", "fw-b"])),
        "Bộ tiêu chí",
        [draw(_trees_at(str(i + 1), 2)) for i in range(count)],
        bands=draw(framework_bands()),
        rounding=draw(st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"])),
    )


@st.composite
def leaf_values(draw: st.DrawFn, criterion: _CCriterion) -> object:
    """A value a unit may report for this leaf (never "not applicable")."""
    rule = criterion.effective_rule
    kind = rule.kind.input_kind
    if kind == "points":
        step = rule.step or _CD("0.01")
        return draw(st.integers(0, int(criterion.maximum / step))) * step
    if kind == "yes_no":
        return draw(st.booleans())
    if kind == "ratio":
        den = draw(st.integers(0, 60))
        return (draw(st.integers(0, den)), den)
    if kind == "count":
        return draw(st.integers(0, 12))
    if rule.kind is _CRuleKind.BANDED and draw(st.booleans()):
        den = draw(st.integers(1, 60))  # a measured ratio, read as an exact per cent
        return (draw(st.integers(0, den)), den)
    top = rule.scale_max if rule.kind is _CRuleKind.SURVEY else _CD(100)
    return _CD(draw(st.integers(0, int(top * 100)))) / 100


@st.composite
def self_assessments(
    draw: st.DrawFn, framework: _CFramework, unit: str = "U1", survey: bool = False
) -> _SSelfAssessment:
    """A unit's entries for some of the leaves (survey leaves only if ``survey``), with
    "not applicable" where the criterion allows it."""
    entries = []
    for leaf in framework.leaves():
        if (leaf.effective_rule.kind is _CRuleKind.SURVEY) != survey:
            continue
        choice = draw(st.integers(0, 9))
        if choice == 0:
            continue
        if choice == 1 and leaf.not_applicable_allowed:
            entries.append(_SEntry(leaf.code, "N/A"))
            continue
        entries.append(_SEntry(leaf.code, draw(leaf_values(leaf))))
    return _SSelfAssessment(unit, entries)


def ranking_tie_policies(framework: _CFramework | None = None) -> st.SearchStrategy[_STiePolicy]:
    """Any tie policy: a chain of up to three links a ranking can use (total points, a
    seeded lot and, if ``framework`` is given, points in one of its criteria).

    >>> fw = sample(frameworks())
    >>> policy = sample(ranking_tie_policies(fw), lambda p: len(p.chain) == 3)
    >>> all(link.kind.in_rankings for link in policy.chain)
    True
    """
    links = [TieBreak.total_points(), TieBreak.lot("BB 01/HĐTĐKT")]
    links += [TieBreak.field_points(c.code) for _, c in framework.walk()] if framework else []
    return st.builds(
        _STiePolicy,
        st.sampled_from(list(_STieOrder)),
        st.lists(st.sampled_from(links), max_size=3, unique=True),
    )


def ties(max_units: int = 6) -> st.SearchStrategy[_STie]:
    """A run of two to ``max_units`` tied units.

    >>> len(sample(ties(), lambda t: len(t) > 2)) > 2
    True
    """
    return st.lists(unit_codes(), min_size=2, max_size=max_units, unique=True).map(_STie)


@st.composite
def appraisals(draw: st.DrawFn, framework: _CFramework, unit: str = "U1") -> _SAppraisal:
    """A council's changes to some of a unit's leaves (never survey leaves), each with a
    reason."""
    changes = []
    for leaf in framework.leaves():
        if leaf.effective_rule.kind is _CRuleKind.SURVEY or draw(st.integers(0, 3)) != 0:
            continue
        reason = draw(st.sampled_from(["thiếu tài liệu kiểm chứng", "số liệu chưa chính xác"]))
        changes.append(_SAdjustment(leaf.code, draw(leaf_values(leaf)), reason))
    return _SAppraisal(unit, changes)


@st.composite
def survey_results(draw: st.DrawFn, framework: _CFramework, unit: str = "U1") -> _SSurveyResult:
    """Survey results for some of the survey-scored leaves."""
    entries = draw(self_assessments(framework, unit, survey=True)).entries
    return _SSurveyResult(unit, [e for e in entries if not e.not_applicable])


@st.composite
def scorecards(draw: st.DrawFn, framework: _CFramework | None = None) -> _SScorecard:
    """A final scorecard: a unit's self-assessment, appraisal and survey, scored."""
    fw = framework if framework is not None else draw(frameworks())
    return _s_score_unit(
        fw,
        draw(self_assessments(fw)),
        draw(appraisals(fw)),
        draw(survey_results(fw)),
    )


# --- awards ---

from decimal import Decimal as _Decimal  # noqa: E402

from cchc.apportionment import Apportionment, ApportionmentMethod, apportion  # noqa: E402
from cchc.awards import (  # noqa: E402  # noqa: E402
    AwardDecision,
    Candidate,
    Eligibility,
    MemberGate,
    MemberRequirement,
    Priority,
    PrizeGroup,
    PrizeLevel,
    PrizeStructure,
    PrizeTiePolicy,
    Quota,
    Rounding,
    SizeBracket,
    TieBreak,
    TieMode,
    TieSettlement,
    Title,
    allocate,
)
from cchc.directives import DocumentNumber as _ADocumentNumber  # noqa: E402
from cchc.directives import DocumentType as _ADocumentType  # noqa: E402
from cchc.text import fold as _afold  # noqa: E402

#: Field codes every generated candidate carries points for, so field tie-breaks always apply.
AWARD_FIELDS = ("TTHC", "CQS")
_AWARD_BANDS = ("A", "B", "C", "D")
_AWARD_FLAGS = ("kỷ luật", "vi phạm", "nhắc nhở")


def award_points() -> st.SearchStrategy[_Decimal]:
    """Points with at most two decimals, from a narrow range so that ties are common.

    >>> sample(award_points(), lambda p: p != p.to_integral()).as_tuple().exponent >= -2
    True
    """
    return st.integers(min_value=6000, max_value=6020).map(lambda n: _Decimal(n).scaleb(-2))


def award_candidates(
    groups: tuple[str, ...] = ("G",), units: tuple[str, ...] = ("U1", "U2", "U3")
) -> st.SearchStrategy[Candidate]:
    """A candidate of one of ``groups``, belonging to one of ``units``, with every attribute the
    gates and tie-breaks read (field points for :data:`AWARD_FIELDS`, appraisal points).

    >>> sample(award_candidates(), lambda c: c.band == "A").field("TTHC") >= 0
    True
    """
    return st.builds(
        Candidate,
        id=st.text(alphabet="abcđhkx0123456789", min_size=1, max_size=4),
        group=st.sampled_from(list(groups)),
        points=award_points(),
        unit=st.sampled_from(list(units)),
        index=st.fractions(min_value=50, max_value=100, max_denominator=100),
        band=st.sampled_from(_AWARD_BANDS),
        staff=st.integers(min_value=1, max_value=60),
        participation=st.fractions(min_value=0, max_value=1, max_denominator=20),
        flags=st.frozensets(st.sampled_from(_AWARD_FLAGS), max_size=1),
        evidence=st.booleans(),
        priorities=st.frozensets(st.sampled_from(list(Priority))),
        field_points=st.fixed_dictionaries(
            {f: st.integers(min_value=0, max_value=4).map(_Decimal) for f in AWARD_FIELDS}
        ),
        appraisal_points=award_points(),
        deductions=st.integers(min_value=0, max_value=2),
    )


def award_candidate_lists(
    groups: tuple[str, ...] = ("G",), max_size: int = 14
) -> st.SearchStrategy[list[Candidate]]:
    """Candidates with ids unique within each group (as :func:`cchc.awards.allocate` demands).

    >>> len(sample(award_candidate_lists(), lambda cs: len(cs) >= 3)) >= 3
    True
    """
    return st.lists(
        award_candidates(groups),
        max_size=max_size,
        unique_by=lambda c: (_afold(c.group), _afold(c.id)),
    )


def eligibility_rules() -> st.SearchStrategy[Eligibility]:
    """Gates of every kind, each present or not.

    >>> sample(eligibility_rules(), lambda e: e.min_band is not None).min_band in _AWARD_BANDS
    True
    """
    return st.builds(
        Eligibility,
        min_band=st.none() | st.sampled_from(_AWARD_BANDS),
        min_points=st.none() | award_points(),
        min_index=st.none() | st.fractions(min_value=50, max_value=100, max_denominator=4),
        participation=st.lists(
            st.builds(
                SizeBracket,
                min_staff=st.integers(min_value=0, max_value=40),
                share=st.fractions(min_value=0, max_value=1, max_denominator=10),
            ),
            max_size=2,
            unique_by=lambda b: b.min_staff,
        ),
        disqualifying_flags=st.none() | st.frozensets(st.sampled_from(_AWARD_FLAGS)),
        evidence_required=st.booleans(),
    )


def quotas(of: str | None = None) -> st.SearchStrategy[Quota]:
    """A quota of 0–100 % (based on ``of``) with any rounding.

    >>> sample(quotas(), lambda q: q.percent > 50).percent <= 100
    True
    """
    return st.builds(
        Quota,
        percent=st.fractions(min_value=0, max_value=100, max_denominator=4),
        rounding=st.sampled_from(list(Rounding)),
        of=st.just(of),
    )


def tie_breaks() -> st.SearchStrategy[TieBreak]:
    """Any link of a tie-break chain (fields from :data:`AWARD_FIELDS`).

    >>> sample(tie_breaks(), lambda t: t.kind.value == "lot").seed != ""
    True
    """
    return st.one_of(
        st.sampled_from(AWARD_FIELDS).map(TieBreak.field_points),
        st.just(TieBreak.fewer_deductions()),
        st.just(TieBreak.appraisal()),
        st.none().map(lambda _: TieBreak.priority())
        | st.sampled_from(list(Priority)).map(TieBreak.priority),
        st.text(alphabet="0123456789/KH-UBND", min_size=1, max_size=8).map(TieBreak.lot),
    )


def tie_policies(
    modes: tuple[TieMode, ...] = tuple(TieMode),
) -> st.SearchStrategy[PrizeTiePolicy]:
    """A tie policy of one of ``modes``.

    >>> sample(tie_policies(), lambda p: p.mode is TieMode.BREAK).chain != ()
    True
    """

    def build(mode: TieMode) -> st.SearchStrategy[PrizeTiePolicy]:
        chain = (
            st.lists(tie_breaks(), min_size=1, max_size=3) if mode is TieMode.BREAK else st.just([])
        )
        return st.builds(PrizeTiePolicy, mode=st.just(mode), chain=chain, shrink_next=st.booleans())

    return st.sampled_from(list(modes)).flatmap(build)


def prize_groups(
    code: str = "G", modes: tuple[TieMode, ...] = tuple(TieMode)
) -> st.SearchStrategy[PrizeGroup]:
    """A group with one to four levels of 0–3 prizes, some capped by a quota.

    >>> sample(prize_groups(), lambda g: len(g.levels) > 1).levels[0].code
    'L1'
    """
    level_lists = st.lists(
        st.tuples(st.integers(min_value=0, max_value=3), st.none() | quotas()),
        min_size=1,
        max_size=4,
    ).map(
        lambda specs: [
            PrizeLevel(f"L{i + 1}", f"Giải {i + 1}", n, q) for i, (n, q) in enumerate(specs)
        ]
    )
    return st.builds(
        PrizeGroup,
        code=st.just(code),
        name=st.just(f"Khối {code}"),
        levels=level_lists,
        eligibility=eligibility_rules(),
        ties=tie_policies(modes),
        per_unit_cap=st.none() | st.integers(min_value=1, max_value=3),
    )


def prize_structures(
    groups: tuple[str, ...] = ("G", "H"), modes: tuple[TieMode, ...] = tuple(TieMode)
) -> st.SearchStrategy[PrizeStructure]:
    """A structure over ``groups``, sometimes with the titles LĐTT and CSTĐCS on the first.

    >>> [g.code for g in sample(prize_structures()).groups]
    ['G', 'H']
    """
    titles = st.builds(
        lambda first, second, q1, q2: [
            Title("LDTT", "Lao động tiên tiến", groups[0], first, q1),
            Title("CSTDCS", "Chiến sĩ thi đua cơ sở", groups[0], second, q2, requires="LDTT"),
        ],
        eligibility_rules(),
        eligibility_rules(),
        st.none() | quotas(),
        st.none() | quotas(of="LDTT"),
    )
    return st.builds(
        PrizeStructure,
        groups=st.tuples(*(prize_groups(code, modes) for code in groups)),
        titles=st.just([]) | titles,
        one_prize_per_recipient=st.booleans(),
        name=st.just("Thi đua"),
    )


def award_decisions() -> st.SearchStrategy[AwardDecision]:
    """The decision of a generated structure over generated candidates.

    >>> decision = sample(award_decisions())
    >>> {a.group for a in decision.awards} <= {"G", "H"}, all(a.rank >= 1 for a in decision.awards)
    (True, True)
    """
    return st.builds(
        allocate,
        prize_structures(),
        award_candidate_lists(("G", "H")),
        bands=st.just(_AWARD_BANDS),
    )


#: The individual titles a collective's members may hold, in the order they are decided.
MEMBER_TITLES = ("LDTT", "CSTDCS")


def member_requirements(title: str = "LDTT") -> st.SearchStrategy[MemberRequirement]:
    """A requirement on ``title``: a minimum share, a minimum count, or both.

    >>> sample(member_requirements(), lambda r: r.min_share is not None).title
    'LDTT'
    """
    shares = st.fractions(min_value=0, max_value=1, max_denominator=20)
    counts = st.integers(min_value=0, max_value=4)
    return st.one_of(
        st.builds(MemberRequirement, st.just(title), min_share=shares),
        st.builds(MemberRequirement, st.just(title), min_count=counts),
        st.builds(MemberRequirement, st.just(title), min_share=shares, min_count=counts),
    )


def member_gates(
    group: str = "CN", titles: tuple[str, ...] = MEMBER_TITLES
) -> st.SearchStrategy[MemberGate]:
    """A gate on one or more of ``titles`` held by the members in ``group``.

    >>> sample(member_gates()).group
    'CN'
    """
    return (
        st.lists(st.sampled_from(titles), min_size=1, max_size=len(titles), unique=True)
        .flatmap(lambda chosen: st.tuples(*(member_requirements(t) for t in chosen)))
        .map(lambda requirements: MemberGate(group, requirements))
    )


def council_records() -> st.SearchStrategy[DocumentNumber]:
    """The number of a council's record or decision (no year, so any date agrees).

    >>> sample(council_records()).year is None
    True
    """
    return st.builds(
        _ADocumentNumber,
        number=st.integers(min_value=1, max_value=999),
        doc_type=st.sampled_from([_ADocumentType.BB, _ADocumentType.QD]),
        issuer=st.sampled_from([("HĐTĐKT",), ("UBND",), ("HĐTĐKT", "UBND")]),
    )


def tie_settlements(
    group: str = "G",
    candidates: tuple[str, ...] = ("a", "b", "c"),
    prizes: tuple[str, ...] = ("L1", "L2"),
) -> st.SearchStrategy[TieSettlement]:
    """A settlement placing some of ``candidates`` (each once) in ``prizes`` of ``group``.

    >>> sample(tie_settlements()).text().startswith("Biên bản số") or True
    True
    """
    return st.builds(
        TieSettlement,
        group=st.just(group),
        places=st.lists(
            st.tuples(st.sampled_from(candidates), st.sampled_from(prizes)),
            min_size=1,
            max_size=len(candidates),
            unique_by=lambda place: _afold(place[0]),
        ),
        number=council_records(),
        issued=st.dates(_dt.date(2000, 1, 1), _dt.date(2035, 12, 31)),
        council=st.sampled_from(
            ["Hội đồng Thi đua - Khen thưởng", "Hội đồng Thi đua - Khen thưởng huyện Châu Thành"]
        ),
    )


def apportionment_weights(max_units: int = 12) -> st.SearchStrategy[dict[str, int]]:
    """Staff counts (or any exact weights) of up to ``max_units`` units, some of them zero.

    >>> all(w >= 0 for w in sample(apportionment_weights(), lambda w: len(w) > 2).values())
    True
    """
    return st.dictionaries(
        st.text(alphabet="abcdđxy", min_size=1, max_size=3),
        st.integers(min_value=0, max_value=500),
        min_size=1,
        max_size=max_units,
    ).filter(lambda w: any(w.values()))


@st.composite
def apportionments(draw: st.DrawFn) -> Apportionment:
    """An apportionment of 0–40 seats by any method, sometimes with minimum seats per unit.

    >>> sample(apportionments(), lambda a: a.total > 3).assigned <= 40
    True
    """
    weights = draw(apportionment_weights())
    total = draw(st.integers(min_value=0, max_value=40))
    method = draw(st.sampled_from(list(ApportionmentMethod)))
    floors = draw(st.none() | st.fixed_dictionaries({u: st.integers(0, 2) for u in weights}))
    if floors is not None and sum(floors.values()) > total:
        floors = None
    return apportion(weights, total, method, minimums=floors)


# --- batch: score tables, results, rankings, campaign inputs ---

from cchc.awards import band_labels as _band_labels  # noqa: E402
from cchc.campaigns import CampaignInputs, CampaignResult  # noqa: E402
from cchc.campaigns import run_campaign as _run_campaign  # noqa: E402
from cchc.scoring import BatchResult as _SBatchResult  # noqa: E402
from cchc.scoring import Ranking as _SRanking  # noqa: E402
from cchc.scoring import ScoreTable as _SScoreTable  # noqa: E402
from cchc.scoring import Source as _SSource  # noqa: E402
from cchc.scoring import rank as _s_rank  # noqa: E402
from cchc.scoring import score_table as _s_score_table  # noqa: E402

#: The group codes (khối) :func:`batch_results` and :func:`rankings` put units in.
BATCH_GROUPS = ("K1", "K2", "K3")


def _table_units(max_units: int) -> st.SearchStrategy[list[str]]:
    """One to ``max_units`` unit codes, distinct also after folding case and tone marks."""
    return st.lists(unit_codes(), min_size=1, max_size=max_units, unique_by=_fold)


def _has_survey(framework: _CFramework) -> bool:
    return any(leaf.effective_rule.kind is _CRuleKind.SURVEY for leaf in framework.leaves())


@st.composite
def score_tables(
    draw: st.DrawFn,
    framework: _CFramework | None = None,
    units: _Sequence[str] | None = None,
    *,
    stage: _SSource | str = _SSource.SELF,
    max_units: int = 6,
) -> _SScoreTable:
    """Inputs of several units for ``framework`` (or a generated one) in the column form
    (:class:`~cchc.scoring.ScoreTable`), as one ``stage`` reports them: the units'
    self-assessment (the default; leaves left blank and "not applicable" where allowed), the
    council's appraisal (the cells it changed, each with its reason) or the survey results.
    ``units`` fixes the unit codes; otherwise one to ``max_units`` are drawn. Tables of the
    same framework and units drawn for the later stages lay over the first with
    :meth:`~cchc.scoring.ScoreTable.overlay` (:func:`campaign_inputs` does it for you).

    >>> table = sample(score_tables(units=["XA-01", "XA-02"]), lambda t: t.given.any())
    >>> table.units, table.first.shape == (len(table.framework.leaves()), 2)
    (('XA-01', 'XA-02'), True)
    >>> fw = table.framework
    >>> changes = sample(score_tables(fw, table.units, stage="appraisal"), lambda t: t.reasons)
    >>> sorted(set(changes.reasons.values()))[0]
    '...'
    >>> bool(changes.source[changes.given].tolist() == [2] * int(changes.given.sum()))
    True
    """
    fw = framework if framework is not None else draw(frameworks())
    codes = list(units) if units is not None else draw(_table_units(max_units))
    which = _SSource(stage)

    def made(unit: str) -> _SSelfAssessment | _SAppraisal | _SSurveyResult:
        if which is _SSource.APPRAISAL:
            return draw(appraisals(fw, unit))
        if which is _SSource.SURVEY:
            return draw(survey_results(fw, unit))
        return draw(self_assessments(fw, unit))

    return _SScoreTable.from_assessments(fw, [made(unit) for unit in codes], stage=which)


def _group_maps(units: _Sequence[str]) -> st.SearchStrategy[dict[str, str]]:
    """Each of ``units`` in one of :data:`BATCH_GROUPS`."""
    return st.lists(st.sampled_from(BATCH_GROUPS), min_size=len(units), max_size=len(units)).map(
        lambda groups: dict(zip(units, groups, strict=True))
    )


@st.composite
def campaign_inputs(
    draw: st.DrawFn,
    framework: _CFramework | None = None,
    units: _Sequence[str] | None = None,
    *,
    max_units: int = 6,
    individual_groups: tuple[str, ...] = (),
) -> CampaignInputs:
    """What a campaign's units and council produced, for ``framework`` (or a generated one)
    and ``units`` (or one to ``max_units`` drawn codes): a self-assessment table, sometimes an
    appraisal and, where the framework has survey-scored leaves, sometimes survey results
    (see :func:`score_tables`); with ``individual_groups``, one to four individuals nominated
    in those prize groups (:func:`award_candidates`). To fit a campaign, pass its framework
    and the members of its groups; :func:`~cchc.campaigns.run_campaign` then checks the rest.

    >>> inputs = sample(campaign_inputs(), lambda i: i.appraisal is not None)
    >>> final = inputs.final_table()
    >>> final.units == inputs.self_assessment.units == inputs.appraisal.units
    True
    >>> people = sample(campaign_inputs(individual_groups=("CN",)), lambda i: i.individuals)
    >>> {p.group for p in people.individuals}
    {'CN'}
    """
    fw = framework if framework is not None else draw(frameworks())
    codes = list(units) if units is not None else draw(_table_units(max_units))
    own = draw(score_tables(fw, codes))
    appraisal = draw(st.none() | score_tables(fw, codes, stage=_SSource.APPRAISAL))
    survey = (
        draw(st.none() | score_tables(fw, codes, stage=_SSource.SURVEY))
        if _has_survey(fw)
        else None
    )
    individuals = (
        draw(
            st.lists(
                award_candidates(individual_groups),
                min_size=1,
                max_size=4,
                unique_by=lambda c: (_afold(c.group), _afold(c.id)),
            )
        )
        if individual_groups
        else []
    )
    return CampaignInputs(own, appraisal=appraisal, survey=survey, individuals=individuals)


@st.composite
def batch_results(
    draw: st.DrawFn,
    framework: _CFramework | None = None,
    units: _Sequence[str] | None = None,
    *,
    max_units: int = 6,
) -> _SBatchResult:
    """The scores of a generated table (:func:`~cchc.scoring.score_table`): the final table
    of :func:`campaign_inputs` for ``framework`` (or a generated one) and ``units`` (or one to
    ``max_units`` drawn codes), scored as one group or within groups of :data:`BATCH_GROUPS`
    (then :attr:`~cchc.scoring.BatchResult.groups` names each unit's group).

    >>> result = sample(batch_results(units=["XA-01", "XA-02"]))
    >>> set(result.groups) <= set(BATCH_GROUPS), len(result.rows()) == len(result.units)
    (True, True)
    """
    table = draw(campaign_inputs(framework, units, max_units=max_units)).final_table()
    groups = draw(st.none() | _group_maps(table.units))
    return _s_score_table(table, groups)


@st.composite
def rankings(
    draw: st.DrawFn,
    framework: _CFramework | None = None,
    units: _Sequence[str] | None = None,
    *,
    max_units: int = 6,
) -> _SRanking:
    """A ranking (:func:`~cchc.scoring.rank`) of a generated :func:`batch_results` (same
    arguments): within the groups it was scored in (or, if it was scored as one group,
    sometimes within groups of :data:`BATCH_GROUPS`), with any :func:`ranking_tie_policies`
    over its framework.

    >>> ranking = sample(rankings(units=["XA-01", "XA-02", "XA-03"]))
    >>> sorted(e.unit for e in ranking.entries), min(e.rank for e in ranking.entries)
    (['XA-01', 'XA-02', 'XA-03'], 1)
    """
    result = draw(batch_results(framework, units, max_units=max_units))
    if result.groups:
        groups: dict[str, str] | None = dict(zip(result.units, result.groups, strict=True))
    else:
        groups = draw(st.none() | _group_maps(result.units))
    return _s_rank(result, groups, draw(ranking_tie_policies(result.framework)))


@st.composite
def campaign_results(draw: st.DrawFn, framework: _CFramework | None = None) -> CampaignResult:
    """A campaign run end to end (:func:`~cchc.campaigns.run_campaign`): a generated
    :func:`campaigns` given ``framework`` (or a generated one) and a :func:`prize_structures`
    over its groups, whose gates name the framework's own bands, scored on
    :func:`campaign_inputs` for its members.

    >>> result = sample(campaign_results())
    >>> len(result.rows()) == len(result.campaign.participants)
    True
    """
    campaign = draw(campaigns())
    fw = framework if framework is not None else draw(frameworks())
    bands = st.none() | st.sampled_from(_band_labels(fw))
    structure = draw(prize_structures(tuple(g.code for g in campaign.groups)))
    structure = _attrs.evolve(
        structure,
        groups=[
            _attrs.evolve(g, eligibility=_attrs.evolve(g.eligibility, min_band=draw(bands)))
            for g in structure.groups
        ],
        titles=[
            _attrs.evolve(t, eligibility=_attrs.evolve(t.eligibility, min_band=draw(bands)))
            for t in structure.titles
        ],
    )
    campaign = _attrs.evolve(campaign, framework=fw, prizes=structure)
    members = [m for g in campaign.groups for m in g]
    return _run_campaign(campaign, draw(campaign_inputs(fw, members)))


# --- languages and explanations ---

from decimal import Decimal as _Dec  # noqa: E402

from cchc.explanations import Explanation, ExplanationLine  # noqa: E402
from cchc.lang import Lang, Words  # noqa: E402

# Short texts in both languages, as results and reasons are worded
_PHRASES = (
    ("Xã A: phiếu điểm", "A: scorecard"),
    ("đạt", "met"),
    ("không đạt", "not met"),
    ("hạng {rank}", "rank {rank}"),
    ("Hội đồng thẩm định điều chỉnh", "changed by the appraisal council"),
    ("không áp dụng", "not applicable"),
    ("tỷ lệ hài lòng", "share satisfied"),
    ("", ""),
)


def langs() -> st.SearchStrategy[Lang]:
    """Either language the library writes.

    >>> sample(langs(), lambda lang: lang is Lang.EN).value
    'en'
    """
    return st.sampled_from(list(Lang))


def words(max_size: int = 40) -> st.SearchStrategy[Words]:
    """A text in both languages: phrases of results and reasons, or any text (any characters
    a file can store, empty too) of up to ``max_size`` characters in each language.

    >>> sample(words(), lambda w: w.vi != w.en and w.vi != "").text("en") != ""
    True
    """
    any_text = st.text(st.characters(codec="utf-8"), max_size=max_size)
    return st.one_of(
        st.sampled_from(_PHRASES).map(lambda pair: Words(*pair)),
        st.builds(Words, any_text, any_text),
    )


def _points() -> st.SearchStrategy[_Dec]:
    """Points as scorecards write them: up to two decimals, deductions below zero."""
    return st.integers(-10_000, 10_000).map(lambda v: _Dec(v).scaleb(-2))


@st.composite
def explanation_lines(draw: st.DrawFn) -> ExplanationLine:
    """A line of an explanation: a criterion code ("2.1.3") or none, points out of a maximum,
    either or both absent (a line of text), a reason in both languages and a depth of 0-3.

    >>> line = sample(explanation_lines(), lambda x: x.points is not None and x.code != "")
    >>> line.code in line.text("vi") and line.code in line.text("en")
    True
    """
    code = draw(
        st.just("")
        | st.lists(st.integers(1, 12), min_size=1, max_size=4).map(
            lambda parts: ".".join(map(str, parts))
        )
    )
    points = draw(st.none() | _points())
    maximum = draw(st.none() | _points().map(abs)) if points is not None else None
    return ExplanationLine(code, points, maximum, draw(words()), draw(st.integers(0, 3)))


@st.composite
def explanations(draw: st.DrawFn, *, max_lines: int = 6) -> Explanation:
    """An explanation shown in either language: a subject, up to ``max_lines`` lines, a few
    notes, and a total (sometimes the lines' own sum, as a scorecard's is; sometimes none).

    >>> why = sample(explanations(), lambda e: len(e.lines) > 1 and e.total is not None)
    >>> why.text("vi").splitlines()[0] == why.subject.vi
    True
    """
    lines = draw(st.lists(explanation_lines(), max_size=max_lines))
    summed = sum((line.points for line in lines if line.points is not None), _Dec(0))
    total = draw(st.sampled_from(["none", "sum", "other"]))
    return Explanation(
        draw(words()),
        None if total == "none" else summed if total == "sum" else draw(_points()),
        lines,
        draw(st.lists(words(), max_size=2)),
        lang=draw(langs()),
    )


# --- composite indices ---

import math as _math  # noqa: E402
from fractions import Fraction as _Fraction  # noqa: E402

import numpy as _np  # noqa: E402

from cchc.indices import (  # noqa: E402
    Aggregation,
    Direction,
    Imputation,
    ImputationMethod,
    IndexResult,
    IndexSpec,
    Indicator,
    Method,
    Node,
    NodeLevel,
    Normalisation,
    NormalisationMethod,
    OutlierMethod,
    OutlierTreatment,
    Panel,
    Screening,
    ZeroRule,
)
from cchc.indices import build as _build_index  # noqa: E402

#: The normalisations whose every score lies between ``low`` and ``high`` (``Normalisation.
#: bounded``). ``DISTANCE_TO_BEST`` is among them but needs values of zero or more.
BOUNDED_NORMALISATIONS = tuple(
    m
    for m in NormalisationMethod
    if m not in (NormalisationMethod.NONE, NormalisationMethod.Z_SCORE, NormalisationMethod.RANK)
)

# Names of dimensions as PAPI, PCI and DDCI word them (illustrative: any index's would do)
_INDEX_NAMES = (
    ("Tham gia của người dân ở cấp cơ sở", "Participation at local levels"),
    ("Công khai, minh bạch", "Transparency"),
    ("Trách nhiệm giải trình với người dân", "Vertical accountability"),
    ("Kiểm soát tham nhũng", "Control of corruption"),
    ("Thủ tục hành chính công", "Public administrative procedures"),
    ("Cung ứng dịch vụ công", "Public service delivery"),
    ("Chi phí không chính thức", "Informal charges"),
    ("Tính năng động của lãnh đạo", "Proactivity of leaders"),
    ("Tỷ lệ hồ sơ trực tuyến", "Online filings"),
    ("Số ngày giải quyết", "Days to decide"),
)
_MEASURE_UNITS = ("", "%", "ngày", "điểm", "hồ sơ")


def _fractions(
    low: int | _Fraction, high: int | _Fraction, denominator: int = 4
) -> st.SearchStrategy[_Fraction]:
    """Multiples of 1/``denominator`` from ``low`` to ``high`` (quicker to draw and to shrink
    than ``st.fractions``)."""
    bottom = _math.ceil(_Fraction(low) * denominator)
    top = _math.floor(_Fraction(high) * denominator)
    return st.integers(bottom, top).map(lambda n: _Fraction(n, denominator))


def directions() -> st.SearchStrategy[Direction]:
    """Either direction of an indicator: more is better, or less is better."""
    return st.sampled_from(list(Direction))


@st.composite
def normalisations(
    draw: st.DrawFn,
    methods: _Sequence[NormalisationMethod] = tuple(NormalisationMethod),
    *,
    positive: bool = False,
) -> Normalisation:
    """A normalisation by one of ``methods`` (every method by default) with its settings: a
    target range of width 1/4 to 100 starting between -10 and 10 (above 0 with ``positive``,
    so that a geometric or harmonic mean of the scores never meets a zero), goalposts, a window
    of 1-4 years, a target.

    >>> sample(normalisations(positive=True), lambda n: n.window > 1).low > 0
    True
    """
    method = draw(st.sampled_from(list(methods)))
    low = draw(_fractions(_Fraction(1, 4) if positive else -10, 10))
    lower = draw(_fractions(-1000, 1000, 100))
    return Normalisation(
        method,
        low=low,
        high=low + draw(_fractions(_Fraction(1, 4), 100)),
        lower=lower,
        upper=lower + draw(_fractions(_Fraction(1, 100), 1000, 100)),
        window=draw(st.integers(1, 4)),
        target=draw(_fractions(-1000, 1000, 100)),
    )


def _any_normalisation() -> st.SearchStrategy[Normalisation]:
    return normalisations()


def bounded_normalisations(*, positive: bool = False) -> st.SearchStrategy[Normalisation]:
    """A normalisation whose scores stay in its target range (:data:`BOUNDED_NORMALISATIONS`):
    :func:`normalisations` of those methods.

    >>> sample(bounded_normalisations()).bounded
    True
    """
    return normalisations(BOUNDED_NORMALISATIONS, positive=positive)


@st.composite
def aggregations(draw: st.DrawFn, methods: _Sequence[Method] = tuple(Method)) -> Aggregation:
    """How a node combines its children: one of ``methods`` (every mean by default), with an
    exponent p from -4 to 4 (not 0) for a generalised mean and any rule for zeros (a shift of
    1/4 to 10 with ``SHIFT``) for a geometric or harmonic one.

    >>> sample(aggregations(), lambda a: a.zeros is ZeroRule.SHIFT).shift > 0
    True
    """
    method = draw(st.sampled_from(list(methods)))
    if method is Method.ARITHMETIC:
        return Aggregation()
    if method is Method.GENERALISED:
        return Aggregation.generalised(draw(_fractions(-4, 4).filter(bool)))
    zeros = draw(st.sampled_from(list(ZeroRule)))
    shift = draw(_fractions(_Fraction(1, 4), 10)) if zeros is ZeroRule.SHIFT else 0
    return Aggregation(method, zeros=zeros, shift=shift)


def _any_aggregation() -> st.SearchStrategy[Aggregation]:
    return aggregations()


def imputations() -> st.SearchStrategy[Imputation]:
    """Any rule for missing cells."""
    return st.sampled_from(list(ImputationMethod)).map(Imputation)


def outlier_treatments() -> st.SearchStrategy[OutlierTreatment]:
    """An outlier treatment: none, winsorisation or a log transform, with thresholds of
    skewness (0-5) and kurtosis (0-10) and at most 0-10 winsorised points.

    >>> sample(outlier_treatments(), lambda o: o.method is OutlierMethod.LOG).skew >= 0
    True
    """
    return st.builds(
        OutlierTreatment,
        st.sampled_from(list(OutlierMethod)),
        skew=_fractions(0, 5),
        kurtosis=_fractions(0, 10),
        max_points=st.integers(0, 10),
    )


def screenings() -> st.SearchStrategy[Screening]:
    """A screening: a minimum share of indicators present (0-1, in twentieths) and sometimes
    a share per level above the indicators.

    >>> sample(screenings(), lambda s: bool(s.per_level)).minimum <= 1
    True
    """
    shares = _fractions(0, 1, 20)
    per_level = st.dictionaries(
        st.sampled_from([NodeLevel.SUB_DIMENSION, NodeLevel.DIMENSION, NodeLevel.INDEX]),
        shares,
        max_size=2,
    )
    return st.builds(Screening, shares, per_level)


def _index_codes(count: int) -> st.SearchStrategy[list[str]]:
    """``count`` codes, distinct after folding case and tone marks."""
    return st.lists(unit_codes(), min_size=count, max_size=count, unique_by=_fold)


@st.composite
def indicators(
    draw: st.DrawFn,
    code: str | None = None,
    *,
    normalisations: st.SearchStrategy[Normalisation] | None = None,
) -> Indicator:
    """An indicator with ``code`` (or a drawn one), either direction, a unit and a source,
    and sometimes its own normalisation (drawn from ``normalisations``, any by default),
    imputation and outlier treatment.

    >>> sample(indicators("x1"), lambda i: i.direction is Direction.NEGATIVE).code
    'x1'
    """
    own = normalisations if normalisations is not None else _any_normalisation()
    name_vi, name_en = draw(st.sampled_from(_INDEX_NAMES))
    return Indicator(
        code if code is not None else draw(unit_codes()),
        name_vi,
        draw(st.sampled_from([name_en, ""])),
        direction=draw(directions()),
        unit=draw(st.sampled_from(_MEASURE_UNITS)),
        source=draw(st.sampled_from(["", "Khảo sát PAPI", "Niên giám thống kê tỉnh"])),
        normalisation=draw(st.none() | own),
        imputation=draw(st.none() | imputations()),
        outliers=draw(st.none() | outlier_treatments()),
    )


def _node_weights(count: int) -> st.SearchStrategy[list[_Fraction]]:
    """Weights of ``count`` children, 0 to 100 in tenths, not all of them zero."""
    return st.lists(_fractions(0, 100, 10), min_size=count, max_size=count).filter(
        lambda ws: any(ws)
    )


@st.composite
def index_nodes(
    draw: st.DrawFn,
    children: _Sequence[str] = ("a", "b"),
    *,
    level: NodeLevel | None = None,
    code: str | None = None,
    aggregations: st.SearchStrategy[Aggregation] | None = None,
    known_weights: bool = True,
) -> Node:
    """A node over ``children`` at ``level`` (or a level above the indicators drawn), with
    weights that need not sum to one (0-100, not all zero; unknown ones too unless
    ``known_weights``), a mean drawn from ``aggregations`` (any by default) and a scale of 1 or
    10 (PCI's 100-point index is ten times its mean of 10-point sub-indices).

    >>> node = sample(index_nodes(["a", "b", "c"]), lambda n: n.level is NodeLevel.DIMENSION)
    >>> node.children, sum(node.rescaled().values())
    (('a', 'b', 'c'), Fraction(1, 1))
    """
    means = aggregations if aggregations is not None else _any_aggregation()
    name_vi, name_en = draw(st.sampled_from(_INDEX_NAMES))
    weights: list[_Fraction] | None = draw(_node_weights(len(children)))
    if not known_weights and draw(st.booleans()):
        weights = None
    return Node(
        code if code is not None else draw(unit_codes()),
        name_vi,
        name_en,
        level
        if level is not None
        else draw(st.sampled_from([NodeLevel.SUB_DIMENSION, NodeLevel.DIMENSION, NodeLevel.INDEX])),
        children,
        weights=weights,
        aggregation=draw(means),
        scale=draw(st.sampled_from([1, 1, 10])),
    )


def _split(draw: st.DrawFn, items: list[str]) -> list[list[str]]:
    """``items`` shuffled and cut into one to ``len(items)`` non-empty groups."""
    shuffled = draw(st.permutations(items))
    count = draw(st.integers(1, len(items)))
    cuts = (
        sorted(
            draw(st.sets(st.integers(1, len(items) - 1), min_size=count - 1, max_size=count - 1))
        )
        if count > 1
        else []
    )
    bounds = [0, *cuts, len(items)]
    return [list(shuffled[a:b]) for a, b in _pairwise(bounds)]


@st.composite
def index_specs(
    draw: st.DrawFn,
    *,
    max_indicators: int = 6,
    normalisations: st.SearchStrategy[Normalisation] | None = None,
    aggregations: st.SearchStrategy[Aggregation] | None = None,
    known_weights: bool = True,
) -> IndexSpec:
    """A valid index: one to ``max_indicators`` indicators under zero, one or two levels of
    nodes (dimensions, or sub-dimensions and dimensions) and the index, each node with its own
    mean (from ``aggregations``, any by default) and weights, normalisations from
    ``normalisations`` (any by default) for the spec and some indicators, and any imputation
    (per indicator, per level, by default), outlier treatment and screening. With
    ``known_weights=False`` some nodes' weights are unknown (given at build time).

    >>> spec = sample(index_specs(), lambda s: len(s.nodes) > 2)
    >>> sum(spec.effective_weights().values())
    Fraction(1, 1)
    """
    norms = normalisations if normalisations is not None else _any_normalisation()
    means = aggregations if aggregations is not None else _any_aggregation()
    count = draw(st.integers(1, max_indicators))
    codes = draw(_index_codes(3 * count + 2))
    spec_code, codes = codes[0], codes[1:]
    leaves = [draw(indicators(c, normalisations=norms)) for c in codes[:count]]
    spare = iter(codes[count:])
    depth = draw(st.integers(0, 2))
    levels = [NodeLevel.SUB_DIMENSION, NodeLevel.DIMENSION][2 - depth :]
    nodes: list[Node] = []
    children = [leaf.code for leaf in leaves]
    for level in levels:
        groups = _split(draw, children)
        made = [
            draw(
                index_nodes(
                    group,
                    level=level,
                    code=next(spare),
                    aggregations=means,
                    known_weights=known_weights,
                )
            )
            for group in groups
        ]
        nodes += made
        children = [n.code for n in made]
    nodes.append(
        draw(
            index_nodes(
                children,
                level=NodeLevel.INDEX,
                code=next(spare),
                aggregations=means,
                known_weights=known_weights,
            )
        )
    )
    return IndexSpec(
        spec_code,
        "Chỉ số mẫu",
        "Sample index",
        indicators=leaves,
        nodes=nodes,
        normalisation=draw(norms),
        imputation=draw(imputations()),
        imputation_per_level=draw(
            st.dictionaries(
                st.sampled_from([NodeLevel.SUB_DIMENSION, NodeLevel.DIMENSION]),
                imputations(),
                max_size=2,
            )
        ),
        outliers=draw(outlier_treatments()),
        screening=draw(screenings()),
        source="Dữ liệu minh hoạ (illustrative data)",
    )


def _cells(missing: bool) -> st.SearchStrategy[_Fraction | None]:
    """A cell as data are published: whole numbers 0-20 (many ties) or hundredths 0-100."""
    value = st.one_of(
        st.integers(0, 20).map(_Fraction), st.integers(0, 10_000).map(lambda v: _Fraction(v, 100))
    )
    return st.one_of(st.none(), value) if missing else value


@st.composite
def panels(
    draw: st.DrawFn,
    indicators: _Sequence[str] | None = None,
    units: _Sequence[str] | None = None,
    *,
    max_units: int = 6,
    max_years: int = 3,
    missing: bool = True,
) -> Panel:
    """Data of an index: ``units`` (or one to ``max_units`` drawn codes) × ``indicators``
    (or one to four drawn codes; give ``spec.codes`` for an :class:`~cchc.indices.IndexSpec`)
    × one to ``max_years`` increasing years from 2015 (gaps too), each cell a value of zero or
    more (whole numbers or hundredths), or missing unless ``missing=False``.

    >>> panel = sample(panels(["x1", "x2"], max_years=2), lambda p: p.missing > 0)
    >>> panel.indicators, panel.values.shape[1:] == (2, len(panel.years))
    (('x1', 'x2'), True)
    """
    columns = (
        list(indicators) if indicators is not None else draw(_index_codes(draw(st.integers(1, 4))))
    )
    rows = list(units) if units is not None else draw(_table_units(max_units))
    years = sorted(draw(st.sets(st.integers(2015, 2030), min_size=1, max_size=max_years)))
    size = len(rows) * len(columns) * len(years)
    cells = draw(st.lists(_cells(missing), min_size=size, max_size=size))
    values = _np.empty(size, dtype=object)
    values[:] = cells
    return Panel(rows, columns, years, values.reshape(len(rows), len(columns), len(years)))


def _buildable_normalisations() -> st.SearchStrategy[Normalisation]:
    """What :func:`index_results` builds with by default: normalisations whose scores are all
    positive, so that every mean can run."""
    positive = [m for m in BOUNDED_NORMALISATIONS if m is not NormalisationMethod.DISTANCE_TO_BEST]
    return normalisations(positive, positive=True) | st.just(Normalisation.rank())


@st.composite
def index_results(
    draw: st.DrawFn,
    spec: IndexSpec | None = None,
    *,
    max_units: int = 6,
    max_years: int = 3,
) -> IndexResult:
    """A built index (:func:`~cchc.indices.build`): ``spec`` (or a generated one whose
    normalisations give positive scores, so that every mean it draws can run) on a generated
    :func:`panels` of its indicators, sometimes with groups for the group imputations. A
    ``spec`` given must have its weights and build on data of zero or more.

    >>> result = sample(index_results(), lambda r: len(r.units) > 2)
    >>> [unit for unit, _, _ in result.ranking(result.years[-1])] != [] or result.exclusions != ()
    True
    """
    used = (
        spec if spec is not None else draw(index_specs(normalisations=_buildable_normalisations()))
    )
    panel = draw(panels(used.codes, max_units=max_units, max_years=max_years))
    groups = draw(
        st.none()
        | st.lists(
            st.sampled_from(["G1", "G2"]), min_size=len(panel.units), max_size=len(panel.units)
        ).map(lambda gs: dict(zip(panel.units, gs, strict=True)))
    )
    return _build_index(used, panel, groups=groups)


# --- surveys ---

from cchc.surveys import LIKERT_5 as _LIKERT_5  # noqa: E402
from cchc.surveys import YES_NO as _YES_NO  # noqa: E402
from cchc.surveys import (  # noqa: E402
    Element,
    NonAnswer,
    Question,
    Responses,
    Scale,
    ScaleLevel,
    Survey,
    SurveyEstimates,
)
from cchc.surveys import estimate as _estimate  # noqa: E402

_LEVEL_WORDS = (
    ("Rất không hài lòng", "Very dissatisfied"),
    ("Không hài lòng", "Dissatisfied"),
    ("Bình thường", "Neither"),
    ("Hài lòng", "Satisfied"),
    ("Rất hài lòng", "Very satisfied"),
    ("Có", "Yes"),
    ("Không", "No"),
)
_QUESTION_WORDS = (
    ("Tiếp cận dịch vụ", "Access to the service"),
    ("Thủ tục hành chính", "Administrative procedures"),
    ("Công chức trực tiếp giải quyết công việc", "Civil servants"),
    ("Kết quả cung ứng dịch vụ", "Results of the service"),
    ("Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", "Handling of feedback"),
)


def non_answers() -> st.SearchStrategy[NonAnswer]:
    """An answer that is no valid answer: not applicable, don't know, blank."""
    return st.sampled_from(list(NonAnswer))


@st.composite
def scale_levels(draw: st.DrawFn, value: int | None = None) -> ScaleLevel:
    """A level of a scale: ``value`` (or a code from 0 to 10) and its words."""
    vi, en = draw(st.sampled_from(_LEVEL_WORDS))
    return ScaleLevel(value if value is not None else draw(st.integers(0, 10)), vi, en)


@st.composite
def scales(draw: st.DrawFn, *, max_levels: int = 7) -> Scale:
    """An answer scale: the 5-point satisfaction scale, yes/no, or two to ``max_levels``
    levels with codes from 0 to 10 of which one or more count as satisfied.

    >>> scale = sample(scales(), lambda s: len(s.levels) > 5)
    >>> scale.satisfied <= set(scale.values)
    True
    """
    if draw(st.booleans()):
        return draw(st.sampled_from([_LIKERT_5, _YES_NO]))
    values = draw(st.lists(st.integers(0, 10), min_size=2, max_size=max_levels, unique=True))
    satisfied = draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
    return Scale(
        draw(st.sampled_from(["thang-do", "likert-7", "muc-do"])),
        [draw(scale_levels(v)) for v in values],
        satisfied,
    )


@st.composite
def questions(draw: st.DrawFn, code: str | None = None, scale: Scale | None = None) -> Question:
    """A question with ``code`` (or a drawn one) on ``scale`` (or a drawn :func:`scales`)."""
    vi, en = draw(st.sampled_from(_QUESTION_WORDS))
    return Question(
        code if code is not None else draw(unit_codes()),
        f"Ông/bà đánh giá thế nào về {vi[0].lower()}{vi[1:]}?",
        en,
        scale if scale is not None else draw(scales()),
    )


@st.composite
def survey_elements(draw: st.DrawFn, code: str | None = None, *, max_questions: int = 3) -> Element:
    """An element (dimension) of a survey with one to ``max_questions`` questions, their codes
    distinct from each other and from the element's (after folding case and tone marks).

    >>> element = sample(survey_elements("E1"), lambda e: len(e.questions) > 1)
    >>> element.code, len({q.code.casefold() for q in element.questions}) == len(element.questions)
    ('E1', True)
    """
    count = draw(st.integers(1, max_questions))
    codes = draw(
        _index_codes(count + 1).filter(
            lambda cs: code is None or _fold(code) not in {_fold(c) for c in cs[1:]}
        )
    )
    vi, en = draw(st.sampled_from(_QUESTION_WORDS))
    return Element(
        code if code is not None else codes[0],
        vi,
        en,
        [draw(questions(c)) for c in codes[1:]],
    )


@st.composite
def surveys(
    draw: st.DrawFn,
    *,
    max_elements: int = 4,
    max_questions: int = 3,
    weighted: bool | None = None,
) -> Survey:
    """A valid survey: one to ``max_elements`` elements of one to ``max_questions`` questions
    each, every code distinct after folding, and (if ``weighted``, or sometimes by default)
    element weights of 0-10 in quarters, not all zero. Always marked illustrative.

    >>> survey = sample(surveys(weighted=True), lambda s: len(s.elements) > 1)
    >>> sum(survey.weights())
    Fraction(1, 1)
    """
    sizes = draw(st.lists(st.integers(1, max_questions), min_size=1, max_size=max_elements))
    codes = iter(draw(_index_codes(1 + len(sizes) + sum(sizes))))
    survey_code = next(codes)
    elements = []
    for size in sizes:
        element_code = next(codes)
        vi, en = draw(st.sampled_from(_QUESTION_WORDS))
        elements.append(
            Element(element_code, vi, en, [draw(questions(next(codes))) for _ in range(size)])
        )
    use_weights = draw(st.booleans()) if weighted is None else weighted
    element_weights = (
        dict(
            zip(
                (e.code for e in elements),
                draw(
                    st.lists(
                        _fractions(0, 10),
                        min_size=len(elements),
                        max_size=len(elements),
                    ).filter(any)
                ),
                strict=True,
            )
        )
        if use_weights
        else None
    )
    return Survey(
        survey_code,
        "Khảo sát sự hài lòng",
        "Satisfaction survey",
        elements,
        element_weights,
        source="Dữ liệu minh hoạ (illustrative data)",
        illustrative=True,
    )


@st.composite
def survey_responses(
    draw: st.DrawFn,
    survey: Survey | None = None,
    units: _Sequence[str] | None = None,
    *,
    min_respondents: int = 1,
    max_respondents: int = 20,
    weighted: bool | None = None,
) -> Responses:
    """Answers of ``min_respondents`` to ``max_respondents`` respondents to ``survey`` (or a
    generated one), each in one of ``units`` (or of one to three drawn codes): for every
    question a level of its scale or a non-answer (-1 not applicable, -2 don't know, -3
    blank); with ``weighted`` (or sometimes by default) design weights of 0-10 in eighths.

    >>> answers = sample(survey_responses(units=["XA-01", "XA-02"]), lambda r: len(r) > 3)
    >>> set(answers.units) <= {"XA-01", "XA-02"}
    True
    """
    used = survey if survey is not None else draw(surveys())
    pool = list(units) if units is not None else draw(_table_units(3))
    n = draw(st.integers(min_respondents, max_respondents))
    who = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n))
    non = [m.value for m in NonAnswer]
    answers = {
        q.code: _np.array(
            draw(st.lists(st.sampled_from([*q.scale.values, *non]), min_size=n, max_size=n)),
            dtype=_np.int64,
        )
        for q in used.questions
    }
    use_weights = draw(st.booleans()) if weighted is None else weighted
    weights = draw(st.lists(_fractions(0, 10, 8), min_size=n, max_size=n)) if use_weights else None
    return Responses(used, who, answers, weights=weights)


@st.composite
def survey_estimates(
    draw: st.DrawFn, responses: Responses | None = None, *, max_replicates: int = 20
) -> SurveyEstimates:
    """The estimates (:func:`~cchc.surveys.estimate`) of ``responses`` (or generated
    :func:`survey_responses`) at a confidence of 80-99 %, with 0 to ``max_replicates``
    bootstrap replicates and any seed.

    >>> found = sample(survey_estimates(), lambda e: any(x.share is not None for x in e.estimates))
    >>> all(0 <= x.share <= 1 for x in found.estimates if x.share is not None)
    True
    """
    used = responses if responses is not None else draw(survey_responses())
    return _estimate(
        used,
        confidence=_Fraction(draw(st.integers(80, 99)), 100),
        replicates=draw(st.integers(0, max_replicates)),
        seed=draw(st.integers(0, 2**32 - 1)),
    )


# --- uncertainty and sensitivity of an index ---

from cchc.sensitivity import Model, Variation  # noqa: E402


@st.composite
def _float_rows(
    draw: st.DrawFn, max_units: int, max_indicators: int, missing: bool
) -> list[list[float | None]]:
    """Two to ``max_units`` rows of one to ``max_indicators`` values in hundredths from -1,000
    to 1,000 (or missing), every row with at least one value."""
    n_units = draw(st.integers(2, max_units))
    n_ind = draw(st.integers(1, max_indicators))
    cent = st.integers(-100_000, 100_000).map(lambda v: v / 100)
    cell = st.one_of(st.none(), cent) if missing else cent
    rows: list[list[float | None]] = draw(
        st.lists(st.lists(cell, min_size=n_ind, max_size=n_ind), min_size=n_units, max_size=n_units)
    )
    for row in rows:  # every unit has something to be ranked on
        if all(v is None for v in row):
            row[0] = 0.0
    return rows


def _positive_settings() -> st.SearchStrategy[Normalisation]:
    """The normalisations :func:`models` and :func:`variations` choose from: their scores are
    positive whatever the data, so that every mean can run on them."""
    return st.sampled_from(
        [
            Normalisation.min_max(1, 10),
            Normalisation.percentile(1, 10),
            Normalisation.rank(),
            Normalisation.goalposts(-500, 500, 1, 100),
            Normalisation.distance_to_target(500, 1, 10),
        ]
    )


@st.composite
def models(
    draw: st.DrawFn, *, max_units: int = 8, max_indicators: int = 5, missing: bool = True
) -> Model:
    """An index in one year as the uncertainty analysis sees it (:meth:`~cchc.sensitivity.
    Model.build`): two to ``max_units`` units, one to ``max_indicators`` indicators in up to
    two dimensions, weights 1-5, either direction, values in hundredths from -1,000 to 1,000
    (some missing unless ``missing=False``; every unit has at least one), a normalisation whose
    scores are positive and an arithmetic or geometric mean.

    >>> model = sample(models(), lambda m: len(m.units) > 3)
    >>> sorted(model.nominal_ranks())[0]
    1
    """
    rows = draw(_float_rows(max_units, max_indicators, missing))
    n = len(rows[0])
    codes = [f"x{j}" for j in range(n)]
    return Model.build(
        [f"U{u}" for u in range(len(rows))],
        codes,
        rows,
        [{c: f"D{j % 2}" for j, c in enumerate(codes)}],
        weights={c: draw(st.integers(1, 5)) for c in codes},
        directions={c: draw(st.sampled_from([1, -1])) for c in codes},
        normalisation=draw(_positive_settings()),
        aggregation=draw(st.sampled_from([Aggregation(), Aggregation.geometric()])),
    )


@st.composite
def variations(
    draw: st.DrawFn,
    *,
    indicators: _Sequence[str] = (),
    nodes: _Sequence[str] = (),
    max_alternatives: int = 2,
) -> Variation:
    """What a Monte Carlo run may change: the weights within ±0-90 % or from a Dirichlet
    (concentration 1-200), or not at all; and up to ``max_alternatives`` alternative
    normalisations (whose scores are positive), means and imputations each. Given the codes of
    a model's ``indicators`` or ``nodes``, some alternatives replace the setting of a few of
    them only. Every alternative runs on the :func:`models` drawn here.

    >>> v = sample(variations(indicators=["x0", "x1"]), lambda v: v.varies_weights)
    >>> v.varies_weights
    True
    """

    def some(
        settings: st.SearchStrategy[_S], codes: _Sequence[str]
    ) -> st.SearchStrategy[list[object]]:
        one: st.SearchStrategy[object] = settings
        if codes:
            one = one | st.dictionaries(st.sampled_from(list(codes)), settings, min_size=1)
        return st.lists(one, max_size=max_alternatives)

    weights = draw(st.sampled_from(["none", "spread", "dirichlet"]))
    return Variation(
        weights=draw(_fractions(0, _Fraction(9, 10), 20)) if weights == "spread" else 0,
        concentration=draw(_fractions(1, 200)) if weights == "dirichlet" else None,
        normalisations=draw(some(_positive_settings(), indicators)),
        aggregations=draw(some(aggregations(), nodes)),
        imputations=draw(some(imputations(), indicators)),
    )
