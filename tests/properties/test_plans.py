"""Properties of plans, their validation and progress reports, and of campaigns."""

from __future__ import annotations

import contextlib
import datetime as _dt
import random
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cchc.plans
from cchc.calendar import Period, WorkingCalendar
from cchc.campaigns import Campaign, format_campaign
from cchc.directives import Directive
from cchc.errors import CchcError, InvalidDocumentError, Severity
from cchc.export.json import from_json, to_json
from cchc.plans import (
    Activity,
    ActivityTotal,
    Actual,
    Compliance,
    LatePlan,
    Milestone,
    Plan,
    ProgressReport,
    ReviewPoint,
    Rule,
    RuleSet,
    StatusUpdate,
    Tally,
    Target,
    TargetProgress,
    Task,
    TaskProgress,
    TaskState,
    TaskStatus,
    cascade_compliance,
    format_plan,
    format_progress,
    progress,
)
from cchc.strategies import (
    activities,
    campaigns,
    directives,
    plans,
    rule_sets,
    status_updates,
    targets,
)
from cchc.units import UnitGroup

days = st.dates(date(2020, 6, 1), date(2031, 6, 30))


@given(plans(valid=True), st.randoms(use_true_random=False))
def test_a_valid_plan_stays_valid_whatever_the_order_of_its_tasks(
    plan: Plan, rnd: random.Random
) -> None:
    assert plan.findings() == ()
    shuffled = list(plan.tasks)
    rnd.shuffle(shuffled)
    assert attrs.evolve(plan, tasks=shuffled).findings() == ()


@given(plans(), rule_sets())
def test_reordering_tasks_only_renumbers_the_findings(plan: Plan, rules: RuleSet) -> None:
    reverse = attrs.evolve(plan, tasks=plan.tasks[::-1])
    codes = sorted(f.code for f in plan.findings(rules))
    assert sorted(f.code for f in reverse.findings(rules)) == codes


@given(plans(), rule_sets())
def test_check_raises_exactly_when_a_finding_is_an_error(plan: Plan, rules: RuleSet) -> None:
    found = plan.findings(rules)
    if any(f.severity is Severity.ERROR for f in found):
        with pytest.raises(InvalidDocumentError) as err:
            plan.check(rules)
        assert err.value.findings == found  # all of them, warnings and notes too
    else:
        assert plan.check(rules) == found


#: Deadlines from 1 to 10 October: with 20 days before and 40 after, everything stays between
#: 11 September (after the National Day holidays) and 19 November (before Vietnamese Culture
#: Day, a holiday from 2026), where no year has a public holiday, so a day off is a weekend day
#: or one of the calendar's extra holidays.
QUIET = st.integers(2021, 2030).flatmap(lambda y: st.dates(_dt.date(y, 10, 1), _dt.date(y, 10, 10)))


def _works(day: date, off: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in off


def _working_days_after(start: date, end: date, off: frozenset[date]) -> int:
    """Working days in (start, end], counted one by one."""
    count, day = 0, start
    while day < end:
        day += _dt.timedelta(days=1)
        count += _works(day, off)
    return count


@given(
    QUIET,
    st.data(),
    st.frozensets(st.integers(0, 40), max_size=8),
    st.booleans(),
    st.integers(0, 30),
)
def test_overdue_is_exactly_past_the_last_working_day_of_the_deadline_and_not_done(
    due: date, data: st.DataObject, offsets: frozenset[int], done: bool, horizon: int
) -> None:
    off = frozenset(due + _dt.timedelta(days=n - 5) for n in offsets)
    calendar = WorkingCalendar(extra_holidays=off)
    as_of = data.draw(st.dates(due - _dt.timedelta(days=20), due + _dt.timedelta(days=40)))
    updates = []
    if done:
        done_on = data.draw(st.dates(due - _dt.timedelta(days=20), due + _dt.timedelta(days=40)))
        updates.append(StatusUpdate(done_on, TaskStatus.DONE))
    plan = Plan("KH", Period.year(due.year), tasks=[Task("1", "A", due=due, updates=updates)])
    row = progress(plan, None, as_of, due_within=horizon, calendar=calendar).tasks[0]
    # the last day to finish: the deadline, or the first working day after it (BLDS 148(5))
    last = due
    while not _works(last, off):
        last += _dt.timedelta(days=1)
    finished = updates[0].on if updates and updates[0].on <= as_of else None
    assert (row.state is TaskState.OVERDUE) == (finished is None and as_of > last)
    if row.state is TaskState.OVERDUE:
        assert row.working_days_late == _working_days_after(last, as_of, off)
    if finished is not None:
        assert row.state.done
        assert (row.state is TaskState.DONE_LATE) == (finished > last)
        expected = _working_days_after(last, finished, off) if finished > last else 0
        assert row.working_days_late == expected


@given(plans(), status_updates(), days)
def test_adding_an_update_never_decreases_completion_nor_adds_an_overdue_task(
    plan: Plan, update: StatusUpdate, as_of: date
) -> None:
    assume(plan.tasks and len({t.code for t in plan.tasks}) == len(plan.tasks))
    before = progress(plan, None, as_of)
    after = progress(plan, {plan.tasks[0].code: [update]}, as_of)
    assert after.totals.done >= before.totals.done
    assert after.totals.overdue <= before.totals.overdue
    for old, new in zip(before.tasks, after.tasks, strict=True):
        assert new.percent >= old.percent
        assert not (old.state.done and not new.state.done)
    first_old, first_new = before.tasks[0], after.tasks[0]
    if update.on <= as_of:
        assert first_new.percent == max(first_old.percent, update.percent)
    else:
        assert first_new == first_old


@given(plans(), days)
def test_progress_totals_equal_the_number_of_tasks(plan: Plan, as_of: date) -> None:
    report = progress(plan, as_of=as_of)
    assert report.totals.total == len(plan.tasks)
    assert sum(t.total for _, t in report.by_area) == len(plan.tasks)
    assert sum(t.total for _, t in report.by_lead) == len(plan.tasks)
    assert sum(report.totals.count(s) for s in TaskState) == len(plan.tasks)


@given(plans(), days, days)
def test_a_later_report_never_has_fewer_tasks_done(plan: Plan, a: date, b: date) -> None:
    early, late = sorted((a, b))
    assert progress(plan, as_of=late).totals.done >= progress(plan, as_of=early).totals.done


@given(targets())
def test_a_target_met_has_covered_its_whole_way(target: Target) -> None:
    share = target.share()
    if target.met() and share is not None:
        assert share >= 1
    if share is not None and share >= 1 and target.baseline != target.target:
        assert target.met()


@given(plans())
def test_plans_round_trip_through_json(plan: Plan) -> None:
    assert from_json(to_json(plan), Plan) == plan


@given(campaigns(valid_plan=True))
def test_a_campaign_over_a_valid_plan_has_no_errors(campaign: Campaign) -> None:
    errors = [f for f in campaign.findings() if f.severity is Severity.ERROR]
    assert errors == []


@given(campaigns())
def test_every_participant_is_ranked_in_exactly_one_group(campaign: Campaign) -> None:
    for unit in campaign.participants:
        group = campaign.group_of(unit)
        assert sum(unit in g for g in campaign.groups) == 1
        assert unit in group
    assert len(campaign.participants) == sum(len(g) for g in campaign.groups)


@given(campaigns())
def test_campaigns_round_trip_through_json(campaign: Campaign) -> None:
    assert from_json(to_json(campaign), Campaign) == campaign


# --- any argument at all: only CchcError ------------------------------------------------------

JUNK = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 5),
        st.floats(allow_nan=True),
        st.text(max_size=6),
        st.dates(date(1800, 1, 1), date(2300, 12, 31)),
        st.datetimes(),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)
SMALL_PLANS = plans(max_tasks=3)


def _either(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return good | JUNK


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    _either(SMALL_PLANS),
    _either(st.dictionaries(st.sampled_from(["1", "2", "x"]), st.lists(status_updates()))),
    _either(days),
    _either(st.integers(0, 10)),
    _either(st.lists(activities())),
    _either(st.just(Period.year(2021))),
    _either(st.just(WorkingCalendar())),
)
def test_progress_raises_nothing_but_cchc_errors(
    plan: Any,
    updates: Any,
    as_of: Any,
    due_within: Any,
    activity: Any,
    period: Any,
    calendar: Any,
) -> None:
    try:
        report = progress(
            plan,
            updates,
            as_of,
            due_within=due_within,
            activities=activity,
            period=period,
            calendar=calendar,
        )
    except CchcError:
        return
    format_progress(report)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    _either(SMALL_PLANS),
    _either(st.lists(directives(), max_size=3)),
    _either(st.lists(st.sampled_from(["NV", "TP", "XA-01"]), max_size=3)),
    _either(st.integers(0, 30)),
    _either(days),
    _either(st.lists(st.just(UnitGroup("PB", "Phòng", ["NV", "TP"])), max_size=1)),
    _either(st.just(WorkingCalendar())),
)
def test_cascade_compliance_raises_nothing_but_cchc_errors(
    plan: Any, cascade: Any, units: Any, within: Any, as_of: Any, groups: Any, calendar: Any
) -> None:
    with contextlib.suppress(CchcError):
        cascade_compliance(
            plan,
            cascade,
            units,
            within_working_days=within,
            as_of=as_of,
            groups=groups,
            calendar=calendar,
        )


@given(_either(SMALL_PLANS))
def test_format_plan_raises_nothing_but_cchc_errors(plan: Any) -> None:
    with contextlib.suppress(CchcError):
        format_plan(plan)


@given(_either(campaigns()))
def test_format_campaign_raises_nothing_but_cchc_errors(campaign: Any) -> None:
    with contextlib.suppress(CchcError):
        format_campaign(campaign)


# --- every public constructor, one field at a time given a value of the wrong kind ------------

#: values of the wrong kind: nothing, flags, floats, numbers that are not numbers (NaN, sNaN,
#: infinities), huge or tiny numbers, text with lone surrogates and controls, text where a list
#: is expected and lists where text is expected
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            Decimal("sNaN"),
            Decimal("NaN"),
            Decimal("-Infinity"),
            Decimal("1E+1000000"),
            Decimal("1E-1000000"),
            10**5000,
            -(10**30),
            "QĐ 15",
            "1e999999999",
            "\ud800",
            "NV\x00",
            "99999999999999999999/KH-UBND",
            [True, Decimal("sNaN")],
            ["TTHC", None],
            {"a": 1},
            b"bytes",
            Fraction(1, 3),
            date(2021, 1, 1),
            Period.year(2021),
        ]
    ),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=8),
    st.lists(st.text(alphabet=st.characters(exclude_categories=()), max_size=3), max_size=3),
    JUNK,
)

_YEAR = Period.year(2021)
_DAY = date(2021, 6, 1)
_DIRECTIVE = Directive(number="76/NQ-CP", issuer="Chính phủ", issued=date(2021, 7, 15))
_TASK_PROGRESS = TaskProgress("1", "A", None, "NV", TaskState.NOT_STARTED, 0)

#: each public constructor of cchc.plans with arguments it accepts
CONSTRUCTORS: dict[type, dict[str, Any]] = {
    Actual: {"period": _YEAR, "value": 5, "note": ""},
    Target: {
        "name": "x",
        "measure": "count",
        "target": 5,
        "due": _DAY,
        "baseline": 2,
        "baseline_year": 2020,
        "ascending": True,
        "actuals": [],
        "area": "TTHC",
    },
    Milestone: {"due": _DAY, "output": "Báo cáo"},
    StatusUpdate: {
        "on": _DAY,
        "status": "in-progress",
        "percent": 50,
        "note": "",
        "evidence": "QĐ 15",  # one reference to the evidence: text, not a list
        "milestone": None,
    },
    Task: {
        "code": "1",
        "title": "A",
        "area": "TTHC",
        "lead": "NV",
        "partners": ["TP"],
        "output": "Báo cáo",
        "due": _DAY,
        "milestones": [],
        "updates": [],
    },
    ReviewPoint: {"kind": "so-ket", "on": _DAY, "note": ""},
    Plan: {
        "summary": "KH",
        "period": _YEAR,
        "number": "12/KH-UBND",
        "issuer": "UBND",
        "issuer_unit": "UB",
        "issued": _DAY,
        "implements": [],
        "objectives": [],
        "contents": ["Nội dung"],
        "tasks": [],
        "participants": ["NV"],
        "reviews": [],
    },
    Rule: {"code": "task.no-output", "severity": "warning"},
    RuleSet: {"name": "x", "rules": [], "required_areas": ["TTHC"]},
    TaskProgress: {
        "code": "1",
        "title": "A",
        "area": None,
        "lead": "NV",
        "state": "overdue",
        "percent": 0,
        "deadline": _DAY,
        "done_on": None,
        "working_days_late": 2,
        "due_soon": False,
        "next_due": None,
        "milestones_missed": [],
        "milestone_days_late": 0,
    },
    Tally: {
        "done_on_time": 1,
        "done_late": 0,
        "in_progress": 0,
        "overdue": 2,
        "not_started": 0,
        "due_soon": 0,
        "milestones_missed": 0,
    },
    TargetProgress: {
        "name": "x",
        "measure": "percent",
        "target": 90,
        "latest": None,
        "share": None,
        "met": False,
        "due": _DAY,
        "missed": False,
    },
    Activity: {
        "kind": "documents",
        "count": 3,
        "on": _DAY,
        "channel": "",
        "unit": "NV",
        "note": "",
    },
    ActivityTotal: {"kind": "documents", "channel": "", "count": 3},
    ProgressReport: {
        "plan": "KH",
        "as_of": _DAY,
        "period": _YEAR,
        "due_within": 5,
        "tasks": [_TASK_PROGRESS],
        "targets": [],
        "activities": [],
        "reporting": None,
    },
    LatePlan: {"unit": "NV", "directive": _DIRECTIVE, "working_days": 3},
    Compliance: {
        "plan": "12/KH-UBND",
        "units": ["NV"],
        "missing": [],
        "late": [],
        "pending": [],
        "before_parent": [],
    },
}
_FIELDS = [(cls, name) for cls, kwargs in CONSTRUCTORS.items() for name in kwargs]


def test_the_constructor_table_covers_every_public_value_type_of_the_module() -> None:
    public = {
        obj
        for name in cchc.plans.__all__
        if isinstance(obj := getattr(cchc.plans, name), type) and attrs.has(obj)
    }
    assert public == set(CONSTRUCTORS)
    for cls, kwargs in CONSTRUCTORS.items():
        cls(**kwargs)  # the table's own arguments are accepted
        assert set(kwargs) == {f.name for f in attrs.fields(cls) if f.init}


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_FIELDS), WRONG)
def test_every_constructor_refuses_a_wrong_value_only_with_a_cchc_error_naming_the_field(
    where: tuple[type, str], wrong: Any
) -> None:
    cls, name = where
    kwargs = {**CONSTRUCTORS[cls], name: wrong}
    error: CchcError | None = None
    try:
        made = cls(**kwargs)
    except CchcError as err:
        error = err
    if error is not None:
        assert error.field is not None
        # the field itself, or the one a rule across fields names (a baseline and its year)
        named = error.field.split("[")[0].split(".")[0]
        assert named == name or named in CONSTRUCTORS[cls]
        assert error.vi  # in Vietnamese too
        return
    # accepted: then the value was one the field can hold, converted
    repr(made)
    assert made == cls(**kwargs)


@pytest.mark.parametrize(
    "areas",
    [[True, Decimal("sNaN")], [Decimal("sNaN")], ["TTHC", 5], "TTHC", [None], ["không có"]],
)
def test_a_rule_set_names_the_required_area_that_is_not_one(areas: Any) -> None:
    with pytest.raises(CchcError) as err:
        RuleSet("x", [], required_areas=areas)
    assert err.value.field is not None
    assert err.value.field.startswith("required_areas")


@pytest.mark.parametrize(
    ("cls", "field"),
    [(Task, "partners"), (Plan, "contents"), (Plan, "participants"), (Plan, "tasks")],
)
def test_text_where_a_list_is_expected_is_refused_not_split_into_letters(
    cls: type, field: str
) -> None:
    with pytest.raises(CchcError) as err:
        cls(**{**CONSTRUCTORS[cls], field: "QĐ 15"})
    assert err.value.field == field
