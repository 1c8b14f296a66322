"""Plans, tasks and targets: what a plan is, what it must contain, and how its progress is
reported."""

from __future__ import annotations

import pickle
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

import cchc.plans
from cchc.areas import REFORM_CONTENTS, ReformArea
from cchc.calendar import (
    Period,
    ReportingPeriod,
    ReportKind,
    WorkingCalendar,
    reporting_period,
    working_days_between,
)
from cchc.directives import Cascade, Directive, DocumentNumber
from cchc.errors import (
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.export.json import from_json, to_json
from cchc.plans import (
    BAC_KAN_7946,
    RULES,
    Activity,
    ActivityKind,
    Actual,
    Measure,
    Milestone,
    Plan,
    ProgressReport,
    ReviewKind,
    ReviewPoint,
    Rule,
    RuleSet,
    StatusUpdate,
    Tally,
    Target,
    Task,
    TaskState,
    TaskStatus,
    cascade_compliance,
    format_plan,
    format_progress,
    progress,
)
from cchc.units import Unit, UnitGroup, UnitKind, UnitTree

NQ76 = Directive(number="76/NQ-CP", issuer="Chính phủ", issued=date(2021, 7, 15))
PERIOD = Period.years_between(2022, 2023)


def good_task(i: int, area: ReformArea, **changes: Any) -> Task:
    fields: dict[str, Any] = {
        "area": area,
        "lead": "NV",
        "partners": ["TP"],
        "output": "Báo cáo kết quả",
        "due": date(2023, 11, 30),
        "milestones": [Milestone(date(2022, 12, 15), "Kết quả năm 2022")],
    }
    fields.update(changes)
    return Task(f"T{i}", f"Nhiệm vụ {i}", **fields)


def good_plan(**changes: Any) -> Plan:
    fields: dict[str, Any] = {
        "number": "35/KH-UBND",
        "issuer": "UBND huyện",
        "issuer_unit": "H",
        "issued": date(2021, 12, 20),
        "implements": [NQ76],
        "objectives": [Target("Hồ sơ TTHC đúng hạn", Measure.PERCENT, 98, due=date(2023, 12, 31))],
        "tasks": [good_task(i, a) for i, a in enumerate(REFORM_CONTENTS, start=1)],
        "participants": ["NV", "TP", "XA-01"],
        "reviews": [
            ReviewPoint(ReviewKind.PRELIMINARY, date(2022, 12, 20)),
            ReviewPoint(ReviewKind.FINAL, date(2023, 12, 20)),
        ],
    }
    fields.update(changes)
    return Plan("Kế hoạch CCHC giai đoạn 2022 - 2023", PERIOD, **fields)


def codes(plan: Plan, rules: RuleSet = BAC_KAN_7946) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in plan.findings(rules)]


def replace_task(plan: Plan, i: int, task: Task) -> Plan:
    tasks = list(plan.tasks)
    tasks[i] = task
    return attrs.evolve(plan, tasks=tasks)


# --- value-type contracts ---------------------------------------------------------------------

VALUES: list[Any] = [
    Actual(Period.year(2021), "92.5", note="Báo cáo năm"),
    Target(
        "Mức độ hài lòng",
        Measure.PERCENT,
        90,
        due=date(2025, 12, 31),
        baseline=80,
        baseline_year=2020,
        actuals=[Actual(Period.year(2021), 84)],
        area="TTHC",
    ),
    Milestone(date(2022, 12, 31), "Số hóa 50% hồ sơ"),
    StatusUpdate(date(2021, 9, 14), TaskStatus.IN_PROGRESS, 60, "ghi chú", "05/BC-UBND"),
    good_task(1, ReformArea.PROCEDURES),
    ReviewPoint(ReviewKind.FINAL, date(2023, 12, 20), "Tổng kết"),
    good_plan(),
    Rule("task.no-output", Severity.WARNING),
    BAC_KAN_7946,
    Activity(ActivityKind.BROADCASTS, 255, date(2021, 9, 14), channel="phát thanh huyện"),
    Tally(done_on_time=2, overdue=1),
    progress(good_plan(), as_of=date(2022, 6, 1)),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_value_types_keep_the_contract(value: Any) -> None:
    cls = type(value)
    copy = pickle.loads(pickle.dumps(value))
    assert copy == value
    assert hash(copy) == hash(value)
    assert from_json(to_json(value), cls) == value
    first = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, first, getattr(value, first))
    # a plan or a report has a short summary for its repr; smaller values read like the call
    summarised = isinstance(value, Plan | ProgressReport)
    assert repr(value).startswith(f"{cls.__name__}{': ' if summarised else '('}")


def test_reprs_read_like_the_constructor_call() -> None:
    ns = {
        "Actual": Actual,
        "Period": Period,
        "Decimal": Decimal,
        "datetime": __import__("datetime"),
        "StatusUpdate": StatusUpdate,
        "TaskStatus": TaskStatus,
        "Milestone": Milestone,
        "ReviewPoint": ReviewPoint,
        "ReviewKind": ReviewKind,
        "Tally": Tally,
    }
    for value in (VALUES[0], VALUES[2], VALUES[3], VALUES[5], VALUES[10]):
        assert eval(repr(value), ns) == value


def test_evolve_leaves_the_original_unchanged() -> None:
    plan = good_plan()
    changed = attrs.evolve(plan, summary="Khác")
    assert plan.summary == "Kế hoạch CCHC giai đoạn 2022 - 2023"
    assert changed.summary == "Khác"
    task = plan.tasks[0]
    assert attrs.evolve(task, lead="VP").lead == "VP"
    assert task.lead == "NV"


def test_text_is_nfc_on_the_way_in() -> None:
    task = Task("1", "Tha\u0300nh lập tổ kiểm tra", lead="NV")
    assert task.title == "Thành lập tổ kiểm tra"


# --- targets ----------------------------------------------------------------------------------


def test_target_progress_is_the_exact_share_from_baseline_to_target() -> None:
    t = Target(
        "Tỷ lệ đúng hạn",
        Measure.PERCENT,
        "98",
        due=date(2025, 12, 31),
        baseline="90",
        baseline_year=2020,
        actuals=[Actual(Period.year(2021), "93"), Actual(Period.year(2022), "95")],
    )
    assert t.share(date(2021, 12, 31)) == Fraction(3, 8)
    assert t.share() == Fraction(5, 8)
    assert t.share(date(2021, 6, 30)) is None
    assert not t.met()


def test_a_descending_target_progresses_as_the_value_falls() -> None:
    rank = Target(
        "Xếp hạng PAR Index",
        Measure.ORDINAL,
        10,
        due=date(2025, 12, 31),
        baseline=30,
        baseline_year=2020,
        ascending=False,
        actuals=[Actual(Period.year(2022), 25), Actual(Period.year(2023), 8)],
    )
    assert rank.share(date(2022, 12, 31)) == Fraction(1, 4)
    assert rank.share() == Fraction(11, 10)
    assert rank.met()


def test_yes_no_targets_are_met_or_not() -> None:
    t = Target("Có Cổng DVC", "yes-no", 1, due=date(2021, 12, 31))
    assert t.share() is None
    done = attrs.evolve(t, actuals=[Actual(Period.year(2021), 1)])
    assert done.share() == 1
    assert done.met()


def test_an_ascending_target_without_baseline_starts_from_zero() -> None:
    t = Target(
        "Sáng kiến",
        Measure.COUNT,
        8,
        due=date(2021, 12, 31),
        actuals=[Actual(Period.year(2021), 2)],
    )
    assert t.share() == Fraction(1, 4)


@pytest.mark.parametrize(
    ("measure", "value", "message"),
    [
        (Measure.PERCENT, 101, "between 0 and 100"),
        (Measure.PERCENT, -1, "between 0 and 100"),
        (Measure.COUNT, Decimal("2.5"), "whole number"),
        (Measure.YES_NO, 2, "yes/no"),
        (Measure.ORDINAL, 0, "rank"),
    ],
)
def test_target_values_must_fit_their_measure(measure: Measure, value: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        Target("x", measure, value, due=date(2021, 12, 31))
    assert err.value.field == "target"


def test_targets_refuse_inexact_or_unreadable_numbers() -> None:
    with pytest.raises(CchcTypeError, match="floats are not exact") as err:
        Target("x", Measure.PERCENT, 90.5, due=date(2021, 12, 31))
    assert err.value.field == "target"
    with pytest.raises(ParseError, match="not a number"):
        Target("x", Measure.PERCENT, "chín mươi", due=date(2021, 12, 31))
    with pytest.raises(ValidationError, match="one of: percent") as bad:
        Target("x", "kilograms", 1, due=date(2021, 12, 31))
    assert bad.value.field == "measure"
    with pytest.raises(CchcTypeError, match="Measure"):
        Target("x", 5, 1, due=date(2021, 12, 31))


def test_target_direction_must_agree_with_its_baseline() -> None:
    with pytest.raises(ValidationError, match="ascending target cannot be below"):
        Target("x", Measure.PERCENT, 80, due=date(2021, 12, 31), baseline=90, baseline_year=2020)
    with pytest.raises(ValidationError, match="baseline needs both"):
        Target("x", Measure.PERCENT, 95, due=date(2021, 12, 31), baseline=90)
    with pytest.raises(ValidationError, match="after the year the target is due"):
        Target("x", Measure.PERCENT, 95, due=date(2021, 12, 31), baseline=90, baseline_year=2022)


def test_a_target_has_one_actual_per_period() -> None:
    year = Period.year(2021)
    with pytest.raises(ValidationError, match="same period") as err:
        Target(
            "x",
            Measure.COUNT,
            5,
            due=date(2021, 12, 31),
            actuals=[Actual(year, 1), Actual(year, 2)],
        )
    assert err.value.field == "actuals[1].period"


# --- tasks and status updates -----------------------------------------------------------------


def test_status_updates_agree_with_their_percentage() -> None:
    assert StatusUpdate(date(2021, 1, 1), TaskStatus.DONE).percent == 100
    assert StatusUpdate(date(2021, 1, 1), "not-started").percent == 0
    with pytest.raises(ValidationError, match="not started is 0"):
        StatusUpdate(date(2021, 1, 1), TaskStatus.NOT_STARTED, 10)
    with pytest.raises(ValidationError, match="reported as done"):
        StatusUpdate(date(2021, 1, 1), TaskStatus.IN_PROGRESS, 100)
    with pytest.raises(ValidationError, match="above 100") as err:
        StatusUpdate(date(2021, 1, 1), TaskStatus.IN_PROGRESS, 120)
    assert err.value.field == "percent"
    assert "lớn hơn 100" in err.value.message_vi
    with pytest.raises(CchcTypeError, match=r"datetime\.date"):
        StatusUpdate("2021-01-01", TaskStatus.DONE)  # type: ignore[arg-type]


def test_a_task_refuses_impossible_states_naming_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        Task("1", "A", due=date(2021, 6, 30), milestones=[Milestone(date(2021, 12, 31))])
    assert err.value.field == "milestones[0].due"
    with pytest.raises(ValidationError, match="listed twice") as err:
        Task("1", "A", partners=["TP", "tp"])
    assert err.value.field == "partners[1]"
    with pytest.raises(ValidationError, match="white space"):
        Task("T 1", "A")
    with pytest.raises(ValidationError, match="empty"):
        Task("1", "")
    with pytest.raises(CchcTypeError, match="ReformArea"):
        Task("1", "A", area="không có")
    with pytest.raises(CchcTypeError) as type_err:
        Task("1", "A", updates=["done"])
    assert type_err.value.field == "updates[0]"


def test_task_areas_are_read_from_codes_and_labels() -> None:
    assert Task("1", "A", area="tthc").area is ReformArea.PROCEDURES
    assert Task("1", "A", area="Cải cách tài chính công").area is ReformArea.PUBLIC_FINANCE


def test_a_task_is_due_on_its_due_date_else_its_last_milestone() -> None:
    roadmap = Task("1", "A", milestones=[Milestone(date(2023, 6, 1)), Milestone(date(2022, 6, 1))])
    assert roadmap.deadline == date(2023, 6, 1)
    assert [m.year for m in roadmap.milestones] == [2022, 2023]
    assert Task("1", "A").deadline is None


def test_completion_is_the_furthest_progress_reported() -> None:
    task = Task(
        "1",
        "A",
        updates=[
            StatusUpdate(date(2021, 3, 1), TaskStatus.IN_PROGRESS, 50),
            StatusUpdate(date(2021, 5, 1), TaskStatus.DONE),
            StatusUpdate(date(2021, 4, 1), TaskStatus.IN_PROGRESS, 30),
        ],
    )
    assert [u.on.month for u in task.updates] == [3, 4, 5]
    assert task.completion(date(2021, 2, 1)) == 0
    assert task.completion(date(2021, 4, 15)) == 50
    assert task.completion() == 100
    assert task.done_on() == date(2021, 5, 1)
    assert task.done_on(date(2021, 4, 30)) is None
    assert task.started(date(2021, 3, 1))


# --- plans ------------------------------------------------------------------------------------


def test_a_plan_prints_as_its_official_reference() -> None:
    assert str(good_plan()) == (
        "Kế hoạch số 35/KH-UBND ngày 20/12/2021 của UBND huyện về kế hoạch CCHC giai đoạn "
        "2022 - 2023"
    )


def test_a_plan_number_is_read_and_checked_against_the_issue_date() -> None:
    plan = good_plan(number="Số: 05/2021/QĐ-UBND")
    assert plan.number == DocumentNumber.parse("05/2021/QĐ-UBND")
    with pytest.raises(ValidationError, match="carries the year 2020") as err:
        good_plan(number="05/2020/QĐ-UBND")
    assert err.value.field == "issued"
    with pytest.raises(ValidationError, match="not a Báo cáo"):
        good_plan(number="12/BC-UBND")
    with pytest.raises(ParseError):
        good_plan(number="not a number")


def test_plan_collections_must_hold_their_own_kind() -> None:
    with pytest.raises(CchcTypeError) as err:
        good_plan(tasks=[good_task(1, ReformArea.PROCEDURES), "T2"])
    assert err.value.field == "tasks[1]"
    with pytest.raises(CchcTypeError, match="list"):
        good_plan(participants="NV")


def test_tasks_are_found_by_code_whatever_the_case() -> None:
    plan = good_plan()
    assert plan.task("t3").code == "T3"
    with pytest.raises(NotFoundError):
        plan.task("T9")


def test_a_plan_lists_the_areas_its_tasks_serve() -> None:
    assert good_plan().areas == REFORM_CONTENTS


def test_a_plan_takes_status_updates_by_task_code() -> None:
    plan = good_plan().with_updates({"t1": [StatusUpdate(date(2022, 3, 1), TaskStatus.DONE)]})
    assert plan.task("T1").done_on() == date(2022, 3, 1)
    with pytest.raises(NotFoundError):
        good_plan().with_updates({"X": []})


def test_a_plan_takes_its_place_in_a_directive_cascade() -> None:
    directive = good_plan().as_directive()
    assert directive.implements == (NQ76.number,)
    assert directive.issuer_unit == "H"
    assert [d.key for d in Cascade([NQ76, directive]).children(NQ76)] == ["35/KH-UBND"]
    with pytest.raises(ValidationError, match="not yet issued"):
        good_plan(issued=None).as_directive()


# --- validation -------------------------------------------------------------------------------


def test_a_complete_plan_passes_the_bac_kan_rules() -> None:
    assert good_plan().findings() == ()
    assert good_plan().check() == ()


def test_tasks_must_cover_all_six_reform_contents() -> None:
    plan = good_plan(tasks=good_plan().tasks[:4])
    assert codes(plan) == [("plan.areas-uncovered", "tasks")] * 2
    messages = [f.message_en for f in plan.findings()]
    assert "(TCC)" in messages[0]
    assert "(CQS)" in messages[1]


def test_a_thematic_plan_can_require_only_some_areas() -> None:
    plan = good_plan(tasks=good_plan().tasks[1:2])
    assert plan.findings(BAC_KAN_7946.requiring("TTHC")) == ()
    assert plan.findings(BAC_KAN_7946.requiring()) == ()
    assert len(plan.findings()) == 5


def test_every_task_needs_an_output_a_lead_and_a_completion_time() -> None:
    plan = replace_task(
        good_plan(),
        3,
        good_task(4, ReformArea.CIVIL_SERVICE, output="", lead=None, due=None, milestones=[]),
    )
    assert codes(plan) == [
        ("task.no-output", "tasks[3].output"),
        ("task.no-lead", "tasks[3].lead"),
        ("task.no-deadline", "tasks[3].due"),
    ]
    findings = plan.findings()
    assert all(f.message_vi and f.message_en and f.severity is Severity.ERROR for f in findings)


def test_completion_times_must_lie_inside_the_plan_period() -> None:
    late = good_task(2, ReformArea.PROCEDURES, due=date(2024, 1, 15))
    early = good_task(
        3,
        ReformArea.APPARATUS,
        milestones=[
            Milestone(date(2021, 12, 1), "Bước 1"),
            Milestone(date(2022, 12, 1), "Bước 2"),
        ],
    )
    plan = replace_task(replace_task(good_plan(), 1, late), 2, early)
    assert codes(plan) == [
        ("task.deadline-outside-period", "tasks[1].due"),
        # due in 2024, the task also lacks a 2023 step on its roadmap
        ("task.roadmap-gap", "tasks[1].milestones"),
        ("task.deadline-outside-period", "tasks[2].milestones[0].due"),
    ]


def test_multi_year_plans_need_a_milestone_in_every_roadmap_year() -> None:
    gap = good_task(5, ReformArea.PUBLIC_FINANCE, milestones=[])
    plan = replace_task(good_plan(), 4, gap)
    assert codes(plan) == [("task.roadmap-gap", "tasks[4].milestones")]
    assert "2022" in plan.findings()[0].message_en
    # a task due in the first year needs no roadmap, nor does any task of a one-year plan
    first_year = good_task(5, ReformArea.PUBLIC_FINANCE, milestones=[], due=date(2022, 9, 1))
    assert replace_task(good_plan(), 4, first_year).findings() == ()


def test_objectives_must_be_quantified() -> None:
    assert codes(good_plan(objectives=[])) == [("plan.objectives-unquantified", "objectives")]


def test_objectives_due_outside_the_period_are_a_warning() -> None:
    late = Target("x", Measure.COUNT, 3, due=date(2025, 12, 31))
    findings = good_plan(objectives=[late]).findings()
    assert [(f.code, f.path, f.severity) for f in findings] == [
        ("target.due-outside-period", "objectives[0].due", Severity.WARNING)
    ]
    assert good_plan(objectives=[late]).check() == findings


def test_a_plan_implements_a_directive_and_is_issued_after_it() -> None:
    assert codes(good_plan(implements=[])) == [("plan.no-directive", "implements")]
    assert codes(good_plan(issued=date(2021, 7, 1))) == [("plan.issued-before-directive", "issued")]
    assert good_plan(issued=date(2021, 7, 15)).findings() == ()


def test_task_codes_are_unique() -> None:
    twin = attrs.evolve(good_plan().tasks[2], code="t1")
    assert codes(replace_task(good_plan(), 2, twin)) == [
        ("plan.duplicate-task-code", "tasks[2].code")
    ]


def test_a_lead_unit_is_not_also_its_own_partner() -> None:
    plan = replace_task(good_plan(), 0, good_task(1, ReformArea.INSTITUTIONS, partners=["nv"]))
    assert codes(plan) == [("task.lead-is-partner", "tasks[0].partners")]


def test_with_a_unit_tree_leads_and_partners_must_be_its_units() -> None:
    tree = UnitTree(
        [
            Unit("H", "Huyện", UnitKind.DISTRICT),
            Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H"),
        ]
    )
    plan = replace_task(good_plan(), 2, good_task(3, ReformArea.APPARATUS, lead="nv"))
    assert plan.findings() == ()
    found = [(f.code, f.path) for f in plan.findings(units=tree)]
    assert found == [("task.unknown-unit", f"tasks[{i}].partners[0]") for i in range(6)]
    assert plan.findings(BAC_KAN_7946.without("task.unknown-unit"), units=tree) == ()


def test_review_points_lie_inside_the_period() -> None:
    plan = good_plan(reviews=[ReviewPoint(ReviewKind.FINAL, date(2024, 1, 10))])
    assert codes(plan) == [("plan.review-outside-period", "reviews[0].on")]


def test_validation_returns_every_finding_not_just_the_first() -> None:
    broken = Plan(
        "KH",
        PERIOD,
        tasks=[
            Task(
                "1",
                "Các đơn vị A",
                lead="NV",
                partners=["NV"],
                milestones=[Milestone(date(2022, 6, 30))],
            ),
            Task("1", "B"),
        ],
        reviews=[ReviewPoint(ReviewKind.FINAL, date(2030, 1, 1))],
    )
    found = {f.code for f in broken.findings()}
    assert found == set(RULES) - {
        "task.unknown-unit",
        "plan.issued-before-directive",
        "target.due-outside-period",
        "task.deadline-outside-period",
        "task.roadmap-gap",
    }
    with pytest.raises(InvalidDocumentError) as err:
        broken.check()
    assert len(err.value.findings) == len(broken.findings())


def test_rules_can_be_switched_off_or_softened() -> None:
    plan = good_plan(objectives=[], implements=[])
    relaxed = BAC_KAN_7946.without("plan.no-directive").with_severity(
        "plan.objectives-unquantified", Severity.INFO
    )
    assert [(f.code, f.severity) for f in plan.findings(relaxed)] == [
        ("plan.objectives-unquantified", Severity.INFO)
    ]
    assert plan.check(relaxed) == plan.findings(relaxed)


def test_rule_sets_are_data() -> None:
    rules = RuleSet(
        "chuyên đề",
        [Rule("task.no-output"), Rule("task.no-lead", "warning")],
        ["tthc", "Cải cách thể chế"],
    )
    assert rules.required_areas == (ReformArea.PROCEDURES, ReformArea.INSTITUTIONS)
    assert rules.severity("task.no-lead") is Severity.WARNING
    assert rules.severity("plan.no-directive") is None
    assert from_json(to_json(rules), RuleSet) == rules
    with pytest.raises(NotFoundError, match="no such rule"):
        Rule("task.no-budget")
    with pytest.raises(ValidationError, match="listed twice"):
        RuleSet("x", [Rule("task.no-lead"), Rule("task.no-lead")])
    with pytest.raises(NotFoundError):
        BAC_KAN_7946.without("task.no-budget")
    assert len(BAC_KAN_7946.rules) == len(RULES)


# --- progress ---------------------------------------------------------------------------------


def reported_plan() -> Plan:
    p = good_plan()
    tasks = [
        attrs.evolve(p.tasks[0], due=date(2022, 6, 30), milestones=[]),
        attrs.evolve(p.tasks[1], due=date(2022, 6, 30), milestones=[]),
        attrs.evolve(p.tasks[2], due=date(2022, 9, 30), milestones=[], lead="VP"),
        attrs.evolve(p.tasks[3], due=date(2022, 9, 20), milestones=[], lead="VP"),
        p.tasks[4],
        p.tasks[5],
    ]
    return attrs.evolve(p, tasks=tasks)


UPDATES = {
    "T1": [StatusUpdate(date(2022, 6, 20), TaskStatus.DONE)],
    "T2": [StatusUpdate(date(2022, 7, 5), TaskStatus.DONE)],
    "T3": [StatusUpdate(date(2022, 8, 1), TaskStatus.IN_PROGRESS, 40)],
    "T5": [StatusUpdate(date(2022, 3, 1), TaskStatus.IN_PROGRESS, 10)],
}


def test_each_task_gets_exactly_one_state_on_the_report_day() -> None:
    report = progress(reported_plan(), UPDATES, as_of=date(2022, 9, 14))
    states = {t.code: t.state for t in report.tasks}
    assert states == {
        "T1": TaskState.DONE_ON_TIME,
        "T2": TaskState.DONE_LATE,
        "T3": TaskState.IN_PROGRESS,
        "T4": TaskState.NOT_STARTED,
        "T5": TaskState.IN_PROGRESS,
        "T6": TaskState.NOT_STARTED,
    }
    assert report.totals == Tally(
        done_on_time=1, done_late=1, in_progress=2, not_started=2, due_soon=1
    )
    assert report.totals.total == len(reported_plan().tasks)


def test_late_work_is_counted_in_working_days() -> None:
    report = progress(reported_plan(), UPDATES, as_of=date(2022, 10, 10))
    t2 = report.tasks[1]
    assert t2.working_days_late == working_days_between(date(2022, 6, 30), date(2022, 7, 5)) == 3
    overdue = report.overdue
    assert [t.code for t in overdue] == ["T4", "T3"]
    assert overdue[0].working_days_late == working_days_between(
        date(2022, 9, 20), date(2022, 10, 10)
    )
    assert all(t.late for t in overdue)


def test_tasks_due_within_the_horizon_are_flagged() -> None:
    report = progress(reported_plan(), UPDATES, as_of=date(2022, 9, 14), due_within=5)
    assert [t.code for t in report.due_soon] == ["T4"]
    wider = progress(reported_plan(), UPDATES, as_of=date(2022, 9, 14), due_within=15)
    assert [t.code for t in wider.due_soon] == ["T4", "T3"]
    with pytest.raises(ValidationError):
        progress(reported_plan(), as_of=date(2022, 9, 14), due_within=-1)


def test_a_roadmap_milestone_falling_due_makes_a_task_due_soon() -> None:
    report = progress(good_plan(), as_of=date(2022, 12, 12), due_within=5)
    assert [t.next_due for t in report.tasks] == [date(2022, 12, 15)] * 6
    assert report.totals.due_soon == 6
    assert report.totals.overdue == 0
    after = progress(good_plan(), as_of=date(2022, 12, 16), due_within=5)
    assert {t.next_due for t in after.tasks} == {date(2023, 11, 30)}
    assert after.totals.due_soon == 0


def test_progress_is_tallied_per_area_and_per_lead_unit() -> None:
    report = progress(reported_plan(), UPDATES, as_of=date(2022, 10, 10))
    assert [code for code, _ in report.by_area] == [a.code for a in REFORM_CONTENTS]
    assert report.area("TTHC") == Tally(done_late=1)
    assert report.area(ReformArea.DIRECTION) == Tally()
    assert dict(report.by_lead)["VP"] == Tally(overdue=2)
    assert report.lead("nv") == report.by_lead[0][1]
    assert sum((t for _, t in report.by_lead), Tally()) == report.totals


def test_updates_after_the_report_day_are_ignored() -> None:
    early = progress(reported_plan(), UPDATES, as_of=date(2022, 6, 1))
    assert early.totals.done == 0
    assert early.tasks[0].percent == 0


def test_targets_progress_is_reported_as_of_the_day() -> None:
    target = Target(
        "TTHC đúng hạn",
        Measure.PERCENT,
        98,
        due=date(2023, 12, 31),
        baseline=90,
        baseline_year=2021,
        actuals=[Actual(Period.year(2022), 94)],
    )
    plan = good_plan(objectives=[target])
    assert progress(plan, as_of=date(2022, 12, 30)).targets[0].share is None
    got = progress(plan, as_of=date(2023, 1, 5)).targets[0]
    assert (got.latest, got.share, got.met) == (Decimal(94), Fraction(1, 2), False)


def test_activity_is_summed_over_the_decree_09_reporting_period() -> None:
    nine_months = reporting_period(ReportKind.NINE_MONTHS, 2022)
    records = [
        Activity("documents", 30, date(2021, 12, 15)),  # first day of the 9-month period
        Activity("documents", 32, date(2022, 9, 14)),  # its cut-off day
        Activity("documents", 5, date(2022, 9, 15)),  # after the cut-off
        Activity("broadcasts", 255, date(2022, 6, 1), channel="phát thanh huyện"),
        Activity("broadcasts", 1700, date(2022, 6, 1), channel="truyền thanh xã"),
    ]
    report = progress(good_plan(), as_of=date(2022, 9, 30), period=nine_months, activities=records)
    assert report.activity(ActivityKind.DOCUMENTS) == 62
    assert report.activity("broadcasts") == 1955
    assert report.activity("broadcasts", "Phát thanh huyện") == 255
    assert report.activity("inspection-teams") == 0


def test_a_reporting_period_can_be_given_by_kind_and_number() -> None:
    q3 = ReportingPeriod(ReportKind.QUARTER, 2022, 3)
    records = [
        Activity("trainings", 2, date(2022, 6, 15)),
        Activity("trainings", 3, date(2022, 9, 15)),
    ]
    report = progress(good_plan(), as_of=date(2022, 9, 30), period=q3, activities=records)
    assert report.period == reporting_period(ReportKind.QUARTER, 2022, 3)
    assert report.activity("trainings") == 2


def test_progress_refuses_what_it_cannot_read() -> None:
    with pytest.raises(CchcTypeError):
        progress("plan", as_of=date(2022, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError):
        progress(good_plan(), as_of="2022-01-01")  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError):
        progress(good_plan(), as_of=date(2022, 1, 1), activities=[1])  # type: ignore[list-item]
    with pytest.raises(NotFoundError):
        progress(good_plan(), {"T9": []}, as_of=date(2022, 1, 1))


def test_a_progress_report_round_trips_through_json() -> None:
    report = progress(reported_plan(), UPDATES, as_of=date(2022, 10, 10))
    assert from_json(to_json(report), ProgressReport) == report


# --- cascade compliance -----------------------------------------------------------------------


def unit_plan(unit: str, number: str, issued: date) -> Directive:
    return Directive(
        number=number,
        issuer=f"Đơn vị {unit}",
        issuer_unit=unit,
        issued=issued,
        implements=["35/KH-UBND"],
    )


def test_compliance_lists_units_without_a_plan_and_those_late() -> None:
    plan = good_plan()
    issued = [
        unit_plan("NV", "01/KH-NV", date(2021, 12, 27)),
        unit_plan("TP", "02/KH-TP", date(2022, 2, 28)),
    ]
    c = cascade_compliance(plan, issued, within_working_days=15)
    assert c.missing == ("XA-01",)
    assert [(x.unit, x.directive.key) for x in c.late] == [("TP", "02/KH-TP")]
    assert c.late[0].working_days == working_days_between(date(2021, 12, 20), date(2022, 2, 28))
    assert c.on_time == ("NV",)
    without_deadline = cascade_compliance(plan, issued)
    assert without_deadline.late == ()
    assert without_deadline.on_time == ("NV", "TP")


def test_group_participants_stand_for_their_members() -> None:
    plan = good_plan(participants=["PB", "XA-01"])
    issued = [unit_plan("NV", "01/KH-NV", date(2021, 12, 27))]
    groups = [UnitGroup("PB", "Phòng, ban", ["TP", "NV"])]
    c = cascade_compliance(plan, issued, groups=groups)
    assert c.units == ("NV", "TP", "XA-01")
    assert c.missing == ("TP", "XA-01")


def test_compliance_can_be_judged_on_an_earlier_day() -> None:
    issued = [unit_plan("NV", "01/KH-NV", date(2021, 12, 27))]
    c = cascade_compliance(good_plan(), issued, ["NV", "TP"], as_of=date(2021, 12, 25))
    assert c.missing == ("NV", "TP")


def test_compliance_works_on_an_existing_cascade() -> None:
    plan = good_plan()
    cascade = Cascade([NQ76, plan.as_directive(), unit_plan("NV", "01/KH-NV", date(2022, 1, 4))])
    assert cascade_compliance(plan, cascade).missing == ("TP", "XA-01")
    assert cascade_compliance(NQ76, cascade, ["H", "Q"]).missing == ("Q",)
    with pytest.raises(NotFoundError):
        cascade_compliance(plan, Cascade([NQ76]))
    with pytest.raises(ValidationError):
        cascade_compliance(NQ76, cascade)


# --- plain text -------------------------------------------------------------------------------


def test_plan_summary_names_every_task_with_its_lead_and_deadline() -> None:
    text = format_plan(good_plan())
    assert text.splitlines()[0] == str(good_plan())
    for task in good_plan().tasks:
        assert f"{task.code}. {task.title} — chủ trì NV" in text
    assert "Tổng kết 20/12/2023" in text
    assert "Hồ sơ TTHC đúng hạn: ≥ 98% đến 31/12/2023" in text


def test_progress_summary_lists_overdue_tasks_and_activity() -> None:
    report = progress(
        reported_plan(),
        UPDATES,
        as_of=date(2022, 10, 10),
        activities=[Activity("broadcasts", 1700, date(2022, 6, 1))],
    )
    text = format_progress(report)
    assert "Tổng số nhiệm vụ (tasks): 6 — hoàn thành 2, quá hạn 2" in text
    assert "- T4. Nhiệm vụ 4 (VP): hạn 20/9/2022, chậm 14 ngày làm việc" in text
    assert "Tin, bài tuyên truyền: 1.700" in text


# --- names, not codes; Vietnamese numbers ----------------------------------------------------

NAMED_UNITS = UnitTree(
    [
        Unit("H", "Huyện Văn Bàn", UnitKind.DISTRICT),
        Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H"),
        Unit("VP", "Văn phòng HĐND và UBND huyện", UnitKind.DISTRICT_OFFICE, parent="H"),
        Unit("TCBM", "Phòng Tổ chức, biên chế", UnitKind.DISTRICT_OFFICE, parent="H"),
        Unit("X1", "Xã Khánh Yên Thượng", UnitKind.COMMUNE, parent="H"),
    ]
)


def _named_plan() -> Plan:
    return Plan(
        "KH",
        Period.year(2021),
        participants=["NV", "XA", "KHAC"],
        objectives=[
            Target(
                "Hồ sơ đúng hạn",
                Measure.PERCENT,
                "98.5",
                due=date(2021, 12, 31),
                actuals=[Actual(Period(date(2021, 1, 1), date(2021, 3, 31)), "96.5")],
            )
        ],
        tasks=[
            Task("1", "A", lead="NV", partners=["VP", "KHAC"], due=date(2021, 3, 31)),
            Task("2", "B", lead="KHAC", due=date(2021, 3, 31)),
        ],
    )


def test_plan_summary_writes_units_and_groups_by_name_and_an_unknown_code_as_is() -> None:
    groups = [UnitGroup("XA", "UBND xã, thị trấn", ["X1"])]
    text = format_plan(_named_plan(), units=NAMED_UNITS, groups=groups)
    # a name holding a comma is set off with a semicolon, so the list stays readable
    assert "Đối tượng (participants): Phòng Nội vụ; UBND xã, thị trấn; KHAC" in text
    assert "1. A — chủ trì Phòng Nội vụ; phối hợp Văn phòng HĐND và UBND huyện, KHAC;" in text
    assert "2. B — chủ trì KHAC;" in text
    assert "Hồ sơ đúng hạn: ≥ 98,5% đến 31/12/2021" in text
    # without units the codes are written, as before
    plain = format_plan(_named_plan())
    assert "Đối tượng (participants): NV, XA, KHAC" in plain
    assert "1. A — chủ trì NV; phối hợp VP, KHAC;" in plain


def test_progress_report_writes_lead_units_by_name_with_aligned_columns() -> None:
    report = progress(_named_plan(), as_of=date(2021, 4, 5))
    text = format_progress(report, units=NAMED_UNITS)
    assert "- 1. A (Phòng Nội vụ): hạn 31/3/2021, chậm 3 ngày làm việc" in text
    assert "- 2. B (KHAC): hạn 31/3/2021" in text
    assert "- Hồ sơ đúng hạn: 96,5 / 98,5;" in text
    assert "96.5" not in text
    assert "98.5" not in text
    rows = text.splitlines()
    lead_rows = [r for r in rows if r.startswith(("    Phòng Nội vụ", "    KHAC"))]
    assert len(lead_rows) == 2
    header = next(r for r in rows if "Tổng | HT đúng" in r)
    # every row's first bar sits under the header's
    bars = {r.index("|") for r in (header, *lead_rows, *(r for r in rows if "Tất cả" in r))}
    assert len(bars) == 1
    assert "(NV)" in format_progress(report)


def test_progress_report_writes_thousands_with_a_dot() -> None:
    plan = Plan(
        "KH",
        Period.year(2021),
        objectives=[
            Target(
                "Số hồ sơ trực tuyến",
                "count",
                12000,
                due=date(2021, 12, 31),
                actuals=[Actual(Period.year(2021), 10250)],
            )
        ],
    )
    text = format_progress(progress(plan, as_of=date(2021, 12, 31)))
    assert "Số hồ sơ trực tuyến: 10.250 / 12.000;" in text


def test_format_plan_and_progress_refuse_units_that_are_not_a_tree() -> None:
    report = progress(_named_plan(), as_of=date(2021, 4, 5))
    with pytest.raises(CchcTypeError) as err:
        format_plan(_named_plan(), units={"NV": "Phòng Nội vụ"})  # type: ignore[arg-type]
    assert err.value.field == "units"
    with pytest.raises(CchcTypeError) as err:
        format_plan(_named_plan(), groups=["XA"])  # type: ignore[list-item]
    assert err.value.field == "groups"
    with pytest.raises(CchcTypeError):
        format_progress(report, units=[NAMED_UNITS])  # type: ignore[arg-type]


# --- review fixes: targets --------------------------------------------------------------------


def test_the_latest_actual_is_the_one_whose_period_ends_last() -> None:
    target = Target(
        "x",
        "count",
        10,
        due=date(2022, 12, 31),
        actuals=[
            Actual(Period.year(2021), 8),
            Actual(Period(date(2021, 6, 1), date(2021, 6, 30)), 2),
        ],
    )
    latest = target.latest(date(2022, 1, 1))
    assert latest is not None
    assert latest.value == 8
    mid = target.latest(date(2021, 7, 1))
    assert mid is not None
    assert mid.value == 2


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_a_target_refuses_a_decimal_that_is_not_finite(bad: Decimal) -> None:
    with pytest.raises(ValidationError):
        Target("x", "count", bad, due=date(2021, 12, 31))
    with pytest.raises(ValidationError):
        Actual(Period.year(2021), bad)


def test_a_target_refuses_numbers_with_an_absurd_exponent() -> None:
    with pytest.raises(ValidationError):
        Target("x", "count", "1E+9999999", due=date(2021, 12, 31))


def test_the_share_of_a_target_is_exact_beyond_decimal_precision() -> None:
    base = Decimal("0.000000000001")  # the finest step a number may have (FINEST_DIGITS)
    target = Target(
        "x",
        "percent",
        Decimal("99.999999999999"),
        due=date(2021, 12, 31),
        baseline=base,
        baseline_year=2020,
        actuals=[Actual(Period.year(2021), Decimal("50"))],
    )
    expected = (Fraction(50) - Fraction(base)) / (Fraction(target.target) - Fraction(base))
    assert target.share() == expected


# --- review fixes: deadlines on days off (Civil Code 2015, Art. 148(5)) ----------------------


def _saturday_plan() -> Plan:
    # 6/3/2021 is a Saturday; the deadline moves to Monday 8/3/2021
    return Plan("KH", Period.year(2021), tasks=[Task("1", "A", lead="NV", due=date(2021, 3, 6))])


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day() -> None:
    done_sunday = progress(
        _saturday_plan(), {"1": [StatusUpdate(date(2021, 3, 7), "done")]}, as_of=date(2021, 3, 9)
    )
    assert done_sunday.tasks[0].state is TaskState.DONE_ON_TIME
    done_monday = progress(
        _saturday_plan(), {"1": [StatusUpdate(date(2021, 3, 8), "done")]}, as_of=date(2021, 3, 9)
    )
    assert done_monday.tasks[0].state is TaskState.DONE_ON_TIME
    done_tuesday = progress(
        _saturday_plan(), {"1": [StatusUpdate(date(2021, 3, 9), "done")]}, as_of=date(2021, 3, 9)
    )
    assert (done_tuesday.tasks[0].state, done_tuesday.tasks[0].working_days_late) == (
        TaskState.DONE_LATE,
        1,
    )
    sunday = progress(_saturday_plan(), as_of=date(2021, 3, 7)).tasks[0]
    assert sunday.state is not TaskState.OVERDUE
    tuesday = progress(_saturday_plan(), as_of=date(2021, 3, 9)).tasks[0]
    assert (tuesday.state, tuesday.working_days_late) == (TaskState.OVERDUE, 1)


# --- review fixes: arguments of the wrong kind raise CchcError -------------------------------


def _small_plan() -> Plan:
    return Plan(
        "KH",
        Period.year(2021),
        number="20/KH-UBND",
        issuer="UBND",
        issued=date(2021, 2, 1),
        tasks=[Task("1", "A", lead="NV", due=date(2021, 3, 5))],
        participants=["NV", "TP"],
    )


#: the module without its types, to call its functions with values of the wrong kind
api: Any = cchc.plans


@pytest.mark.parametrize(
    "call",
    [
        lambda p: api.progress(p, [StatusUpdate(date(2021, 3, 1), "done")], as_of=date(2021, 3, 8)),
        lambda p: api.progress(p, {"1": StatusUpdate(date(2021, 3, 1), "done")}, date(2021, 3, 8)),
        lambda p: api.progress(p, {"1": ["done"]}, date(2021, 3, 8)),
        lambda p: api.progress(p, {1: []}, date(2021, 3, 8)),
        lambda p: api.progress(p, as_of=date(2021, 3, 8), activities=None),
        lambda p: api.progress(p, as_of=date(2021, 3, 8), activities=5),
        lambda p: api.progress(p, as_of=date(2021, 3, 8), calendar="VN"),
        lambda p: api.progress(p),
        lambda p: p.with_updates([("1", [])]),
        lambda p: api.cascade_compliance(p, None),
        lambda p: api.cascade_compliance(p, 5),
        lambda p: api.cascade_compliance(p, [], groups=["PB"]),
        lambda p: api.cascade_compliance(p, [], groups=5),
        lambda p: api.cascade_compliance(p, [], [5]),
        lambda p: api.cascade_compliance(p, [], 5),
        lambda p: api.cascade_compliance(p, [], "NV"),
        lambda p: api.progress(p, as_of=date(2021, 3, 8)).lead(5),
        lambda p: api.progress(p, as_of=date(2021, 3, 8)).activity("documents", 5),
        lambda p: api.progress(p, as_of=date(2021, 3, 8)).area(5),
        lambda p: api.format_plan(None),
        lambda p: api.format_progress(None),
    ],
)
def test_public_functions_refuse_arguments_of_the_wrong_kind_with_a_cchc_error(call: Any) -> None:
    with pytest.raises(CchcError):
        call(_small_plan())


def test_unknown_area_and_activity_codes_are_not_found_rather_than_zero() -> None:
    report = progress(_small_plan(), as_of=date(2021, 3, 8))
    with pytest.raises(NotFoundError):
        report.area("XYZ")
    with pytest.raises(NotFoundError):
        report.activity("tv")
    assert report.area("TTHC") == Tally()
    assert report.activity("documents") == 0


def test_activity_recorded_after_the_report_day_is_not_counted() -> None:
    report = progress(
        _small_plan(),
        as_of=date(2021, 3, 8),
        period=Period.year(2021),
        activities=[
            Activity("documents", 3, date(2021, 3, 8)),
            Activity("documents", 5, date(2021, 3, 9)),
        ],
    )
    assert report.activity("documents") == 3


def test_percentages_in_the_progress_text_round_half_up() -> None:
    plan = Plan(
        "KH",
        Period.year(2021),
        objectives=[
            Target(
                "x",
                "count",
                200,
                due=date(2021, 12, 31),
                actuals=[Actual(Period(date(2021, 1, 1), date(2021, 3, 1)), 1)],
            )
        ],
    )
    # 1/200 = 0.5 % rounds up to 1 %, not to the even 0 %
    assert "1 / 200; 1%" in format_progress(progress(plan, as_of=date(2021, 3, 8)))


def test_updates_for_a_code_two_tasks_share_are_refused_as_ambiguous() -> None:
    plan = Plan("KH", Period.year(2021), tasks=[Task("1", "A"), Task("1", "B")])
    with pytest.raises(ValidationError):
        plan.with_updates({"1": [StatusUpdate(date(2021, 3, 1), "done")]})


def test_progress_takes_the_report_day_positionally_as_the_issue_writes_it() -> None:
    report = progress(_small_plan(), {}, date(2021, 3, 8))
    assert report.as_of == date(2021, 3, 8)


def test_cascade_compliance_accepts_units_as_well_as_codes() -> None:
    units: list[Unit | str] = [Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE), "TP"]
    assert cascade_compliance(_small_plan(), [], units).missing == ("NV", "TP")


def test_a_progress_report_keeps_the_periodic_report_it_was_asked_for() -> None:
    nine = ReportingPeriod(ReportKind.NINE_MONTHS, 2021)
    report = progress(_small_plan(), as_of=date(2021, 9, 14), period=nine)
    assert report.reporting == nine
    assert report.period == nine.period
    assert "kỳ báo cáo (period) 9 tháng năm 2021: 15/12/2020 – 14/9/2021" in format_progress(report)
    assert progress(_small_plan(), as_of=date(2021, 9, 14)).reporting is None


# --- review fixes: roadmap milestones in progress reports --------------------------------------


def _roadmap_plan() -> Plan:
    task = Task(
        "1",
        "Số hóa hồ sơ",
        lead="VP",
        output="Kho dữ liệu",
        due=date(2024, 12, 31),
        milestones=[
            Milestone(date(2022, 12, 30), "30% hồ sơ"),
            Milestone(date(2023, 12, 29), "60% hồ sơ"),
        ],
    )
    return Plan("KH", Period.years_between(2022, 2024), tasks=[task])


def test_a_missed_milestone_is_counted_with_its_working_days_late() -> None:
    # 30/12/2022 is a Friday; by Tuesday 10/01/2023 the milestone is 6 working days late
    row = progress(_roadmap_plan(), as_of=date(2023, 1, 10)).tasks[0]
    assert (row.milestones_missed, row.milestone_days_late) == ((date(2022, 12, 30),), 6)
    assert row.state is not TaskState.OVERDUE
    assert progress(_roadmap_plan(), as_of=date(2023, 1, 10)).totals.milestones_missed == 1


def test_an_update_naming_a_milestone_closes_it() -> None:
    on_time = StatusUpdate(date(2022, 12, 20), "in-progress", 30, milestone=date(2022, 12, 30))
    row = progress(_roadmap_plan(), {"1": [on_time]}, date(2023, 1, 10)).tasks[0]
    assert row.milestones_missed == ()
    late = StatusUpdate(date(2023, 1, 4), "in-progress", 30, milestone=date(2022, 12, 30))
    row = progress(_roadmap_plan(), {"1": [late]}, date(2023, 1, 10)).tasks[0]
    assert (row.milestones_missed, row.milestone_days_late) == ((date(2022, 12, 30),), 2)


def test_an_update_must_name_a_milestone_of_its_task() -> None:
    with pytest.raises(ValidationError):
        _roadmap_plan().tasks[0].with_updates(
            StatusUpdate(date(2022, 12, 20), "in-progress", 30, milestone=date(2022, 6, 30))
        )


def test_missed_milestones_are_listed_in_the_progress_text() -> None:
    text = format_progress(progress(_roadmap_plan(), as_of=date(2023, 1, 10)))
    assert "Mốc lộ trình chưa đạt (missed milestones):" in text
    assert "- 1. Số hóa hồ sơ (VP): mốc 30/12/2022, chậm 6 ngày làm việc" in text


# --- review fixes: cascade compliance tells pending from missing ------------------------------


def _unit_plan(unit: str, number: str, issued: date) -> Directive:
    return Directive(
        number=number, issuer=unit, issuer_unit=unit, issued=issued, implements=["20/KH-UBND"]
    )


def test_a_unit_still_within_its_time_is_pending_not_missing() -> None:
    plan = attrs.evolve(_small_plan(), participants=["NV", "TP"])
    nv = _unit_plan("NV", "05/KH-NV", date(2021, 2, 5))
    # 20 working days from Monday 1/2/2021 (Tết 10–16/2 off) run to 8/3/2021
    open_ = cascade_compliance(plan, [nv], within_working_days=20, as_of=date(2021, 3, 8))
    assert (open_.pending, open_.missing, open_.on_time) == (("TP",), (), ("NV",))
    closed = cascade_compliance(plan, [nv], within_working_days=20, as_of=date(2021, 3, 9))
    assert (closed.pending, closed.missing) == ((), ("TP",))
    assert cascade_compliance(plan, [nv]).missing == ("TP",)


def test_the_working_days_allowed_are_counted_on_the_calendar_given() -> None:
    plan = attrs.evolve(_small_plan(), participants=["NV"])
    nv = _unit_plan("NV", "05/KH-NV", date(2021, 2, 3))
    national = cascade_compliance(plan, [nv], within_working_days=1)
    assert [x.working_days for x in national.late] == [2]
    local = WorkingCalendar(extra_holidays=[date(2021, 2, 2)])
    assert cascade_compliance(plan, [nv], within_working_days=1, calendar=local).late == ()


def test_a_unit_plan_dated_before_the_plan_it_implements_is_flagged() -> None:
    plan = attrs.evolve(_small_plan(), participants=["NV"])
    early = _unit_plan("NV", "05/KH-NV", date(2021, 1, 20))
    c = cascade_compliance(plan, [early], within_working_days=10)
    assert (c.before_parent, c.on_time, c.missing) == (("NV",), (), ())


# --- review fixes: the rest of seed 002's requirements ----------------------------------------


def test_a_plan_without_an_issue_date_is_reported() -> None:
    found = [(f.code, f.path) for f in attrs.evolve(good_plan(), issued=None).findings()]
    assert found == [("plan.not-issued", "issued")]


def test_a_task_without_a_reform_area_is_reported() -> None:
    plan = replace_task(good_plan(), 0, attrs.evolve(good_plan().tasks[0], area=None))
    found = [(f.code, f.path) for f in plan.findings(BAC_KAN_7946.requiring())]
    assert found == [("task.no-area", "tasks[0].area")]


def test_a_milestone_without_an_output_is_reported() -> None:
    task = attrs.evolve(
        good_plan().tasks[1],
        milestones=[Milestone(date(2022, 6, 30), "Báo cáo"), Milestone(date(2022, 12, 15))],
    )
    found = [(f.code, f.path) for f in replace_task(good_plan(), 1, task).findings()]
    assert ("task.milestone-no-output", "tasks[1].milestones[1].output") in found
    assert ("task.milestone-no-output", "tasks[1].milestones[0].output") not in found


def test_check_plan_checks_units_against_a_tree() -> None:
    tree = UnitTree([Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE)])
    plan = replace_task(good_plan(), 0, attrs.evolve(good_plan().tasks[0], lead="XX"))
    with pytest.raises(InvalidDocumentError) as err:
        plan.check(units=tree)
    assert ("task.unknown-unit", "tasks[0].lead") in [(f.code, f.path) for f in err.value.findings]


# --- review fixes: report fields ----------------------------------------------------------------


def test_a_rank_target_is_lower_is_better_unless_told_otherwise() -> None:
    rank = Target("Xếp hạng PAR Index", "ordinal", 3, due=date(2025, 12, 31))
    assert rank.ascending is False
    assert Target("x", "ordinal", 3, due=date(2025, 12, 31), ascending=True).ascending is True
    assert Target("x", "count", 3, due=date(2025, 12, 31)).ascending is True


def test_a_target_in_a_report_carries_its_due_date_and_whether_it_was_missed() -> None:
    target = Target(
        "Số sáng kiến",
        "count",
        10,
        due=date(2021, 6, 30),
        actuals=[Actual(Period(date(2021, 1, 1), date(2021, 3, 31)), 4)],
    )
    plan = Plan("KH", Period.year(2021), objectives=[target])
    before = progress(plan, as_of=date(2021, 6, 30)).targets[0]
    after = progress(plan, as_of=date(2021, 7, 1)).targets[0]
    assert (before.due, before.missed, after.missed) == (date(2021, 6, 30), False, True)
    assert "hạn 30/6/2021, không đạt" in format_progress(progress(plan, as_of=date(2021, 7, 1)))


# --- review fixes: wording ---------------------------------------------------------------------


def test_the_summary_reads_in_lower_case_after_ve_unless_it_opens_with_a_name() -> None:
    plan = Plan("Phát động phong trào thi đua", Period.year(2021), number="138/KH-UBND")
    assert str(plan) == "Kế hoạch số 138/KH-UBND về phát động phong trào thi đua"
    assert str(attrs.evolve(plan, summary="CCHC năm 2021")).endswith("về CCHC năm 2021")
    named = attrs.evolve(plan, summary="Gia Lâm đẩy mạnh CCHC")
    assert str(named).endswith("về Gia Lâm đẩy mạnh CCHC")


def test_the_rule_on_issue_dates_allows_the_same_day() -> None:
    vi, _ = RULES["plan.issued-before-directive"]
    assert "sau" not in vi.split()
    assert "không sớm hơn" in vi


def test_status_and_state_share_their_wording() -> None:
    assert TaskStatus.IN_PROGRESS.vi == TaskState.IN_PROGRESS.vi == "Đang thực hiện"
    assert TaskStatus.NOT_STARTED.vi == TaskState.NOT_STARTED.vi


def test_the_progress_table_spells_out_its_columns() -> None:
    text = format_progress(progress(_small_plan(), as_of=date(2021, 3, 8)))
    assert " ĐTH " not in text
    assert " TH " not in text
    assert "Đang" in text.splitlines()[3]
    assert "(HT đúng: hoàn thành đúng hạn; HT trễ: hoàn thành trễ hạn;" in text


def test_a_task_whose_update_closes_a_milestone_round_trips_through_json() -> None:
    closing = StatusUpdate(date(2022, 12, 20), "in-progress", 30, milestone=date(2022, 12, 30))
    task = _roadmap_plan().tasks[0].with_updates(closing)
    assert from_json(to_json(task), Task) == task
    report = progress(
        attrs.evolve(_roadmap_plan(), tasks=[task]),
        None,
        date(2023, 1, 10),
        period=ReportingPeriod(ReportKind.NINE_MONTHS, 2022),
    )
    assert from_json(to_json(report), ProgressReport) == report


def test_a_deadline_moved_off_a_weekend_is_still_due_soon_on_the_weekend() -> None:
    row = progress(_saturday_plan(), None, date(2021, 3, 7), due_within=1).tasks[0]
    assert (row.state, row.due_soon, row.next_due) == (
        TaskState.NOT_STARTED,
        True,
        date(2021, 3, 8),
    )


def test_a_delivered_milestone_is_no_longer_the_next_date() -> None:
    closed = StatusUpdate(date(2022, 12, 20), "in-progress", 30, milestone=date(2022, 12, 30))
    row = progress(_roadmap_plan(), {"1": [closed]}, date(2022, 12, 21)).tasks[0]
    assert row.next_due == date(2023, 12, 29)


# --- issue 8: findings wholly in Vietnamese, one path syntax ----------------------------------

_PATH = re.compile(r"[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*")


def test_every_finding_speaks_vietnamese_and_points_with_one_path_syntax() -> None:
    units = UnitTree([Unit("NV", "Phòng Nội vụ", UnitKind.DEPARTMENT)])
    directive = Directive(number="76/NQ-CP", issuer="Chính phủ", issued=date(2021, 7, 15))
    plan = Plan(
        "KH",
        Period.year(2021),
        issued=date(2021, 3, 1),
        implements=[directive],
        objectives=[Target("Tỷ lệ", Measure.PERCENT, 90, due=date(2022, 6, 30))],
        tasks=[
            Task("T'1", "A", lead="NV", partners=["NV", "XX"], due=date(2022, 3, 1)),
            Task("t'1", "B", milestones=[Milestone(date(2021, 5, 1))]),
        ],
        reviews=[ReviewPoint(ReviewKind.FINAL, date(2022, 1, 15))],
    )
    findings = plan.findings(units=units)
    codes = {f.code for f in findings}
    assert {
        "plan.issued-before-directive",
        "target.due-outside-period",
        "plan.duplicate-task-code",
        "task.lead-is-partner",
        "task.unknown-unit",
        "task.deadline-outside-period",
        "plan.review-outside-period",
        "task.milestone-no-output",
    } <= codes
    for f in findings:
        assert _PATH.fullmatch(f.path), f.path
        # no Python quoting of the codes, no internal paths in the Vietnamese text
        assert "'" not in f.message_vi.replace("T'1", "").replace("t'1", ""), f.message_vi
        assert "[" not in f.message_vi, f.message_vi
        assert "“" in f.message_vi or f.code.startswith("plan."), f.message_vi
    duplicate = next(f for f in findings if f.code == "plan.duplicate-task-code")
    assert duplicate.message_vi == "Mã nhiệm vụ “t'1” trùng với mã của nhiệm vụ thứ 1"


def test_enums_of_plans_read_like_code_and_from_any_spelling() -> None:
    assert repr(TaskState.OVERDUE) == "TaskState.OVERDUE"
    assert TaskStatus("Done") is TaskStatus.DONE
    assert ReviewKind("so ket") is ReviewKind.PRELIMINARY
    assert ActivityKind.from_name("INSPECTION_TEAMS") is ActivityKind.INSPECTION_TEAMS
    assert Measure("yes-no").vi == "có / không"
    with pytest.raises(ValidationError, match="one of: not-started") as err:
        StatusUpdate(date(2021, 1, 1), "finished")
    assert err.value.field == "status"


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Tally(done_on_time=True), "done_on_time"),
        (lambda: Tally(overdue=-1), "overdue"),
        (lambda: Activity(ActivityKind.DOCUMENTS, 10**13, date(2021, 1, 1)), "count"),
        (lambda: Target("x", Measure.COUNT, "1e999999999", due=date(2021, 1, 1)), "target"),
        (lambda: Target("x", Measure.COUNT, Decimal("sNaN"), due=date(2021, 1, 1)), "target"),
        (lambda: Target("x", Measure.COUNT, 1, due=date(2021, 1, 1), baseline_year=2.5), "baseline_year"),  # noqa: E501
        (lambda: Task("1", "A", area=True), "area"),
        (lambda: Plan("KH", Period.year(2021), number="138 / KH-UBND"), "number"),
        (lambda: Plan("KH", Period.year(2021), participants="NV"), "participants"),
        (lambda: Rule("task.no-output", "fatal"), "severity"),
    ],
)  # fmt: skip
def test_constructor_errors_name_the_field_in_both_languages(make: Any, field: str) -> None:
    with pytest.raises(CchcError) as err:
        make()
    assert err.value.field == field
    assert err.value.vi


# --- a task that tells every unit to act, led by one office --------------------------------------


def every_unit_task(title: str, lead: str = "NV") -> Plan:
    task = attrs.evolve(good_plan().tasks[0], title=title, lead=lead)
    return replace_task(good_plan(), 0, task)


@pytest.mark.parametrize(
    "title",
    [
        (
            "Các cơ quan, đơn vị, UBND các xã, thị trấn căn cứ kế hoạch của huyện xây dựng kế "
            "hoạch của đơn vị"
        ),
        "Các phòng, ban, ngành huyện rà soát thủ tục hành chính thuộc lĩnh vực quản lý",
        "UBND các xã, thị trấn niêm yết công khai thủ tục hành chính",
        "Ủy ban nhân dân các xã, thị trấn số hóa hồ sơ",
        "Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm về kết quả cải cách hành chính",
        "100% cơ quan, đơn vị sử dụng chữ ký số",
        "- Tất cả các đơn vị báo cáo kết quả hằng quý",
        "Ca\u0301c cơ quan, đơn vị xây dựng kế hoạch",  # decomposed, as pasted from Word
    ],
)
def test_a_task_telling_every_unit_to_act_but_led_by_one_office_is_flagged(title: str) -> None:
    findings = [f for f in every_unit_task(title).findings() if f.path == "tasks[0].lead"]
    assert [(f.code, f.severity) for f in findings] == [
        ("task.lead-for-every-unit", Severity.WARNING)
    ]
    assert "“NV” chủ trì" in findings[0].message_vi
    assert "'NV' alone" in findings[0].message_en


@pytest.mark.parametrize(
    "title",
    [
        "Phân công các cơ quan, đơn vị tổ chức thực hiện kế hoạch",  # the office assigns
        "Hướng dẫn các xã, thị trấn xây dựng kế hoạch",
        "Rà soát, đơn giản hóa thủ tục hành chính",
        "Cácbon thấp trong hoạt động công vụ",  # a word that only starts like "Các"
    ],
)
def test_a_task_the_office_itself_carries_out_is_not_flagged(title: str) -> None:
    codes_ = {f.code for f in every_unit_task(title).findings()}
    assert "task.lead-for-every-unit" not in codes_


def test_the_office_is_named_by_its_name_and_a_committee_may_lead() -> None:
    title = "Các cơ quan, đơn vị xây dựng kế hoạch của đơn vị"
    tree = UnitTree(
        [
            Unit("H", "Ủy ban nhân dân huyện", UnitKind.DISTRICT),
            Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H"),
            Unit("TP", "Phòng Tư pháp", UnitKind.DISTRICT_OFFICE, parent="H"),
        ]
    )
    (finding,) = [
        f
        for f in every_unit_task(title).findings(units=tree)
        if f.code == "task.lead-for-every-unit"
    ]
    assert "giao Phòng Nội vụ chủ trì" in finding.message_vi
    assert "NV" not in finding.message_vi
    committee = every_unit_task(title, lead="H")
    assert "task.lead-for-every-unit" not in {f.code for f in committee.findings(units=tree)}


def test_the_rule_can_be_made_an_error_or_switched_off() -> None:
    plan = every_unit_task("Các cơ quan, đơn vị xây dựng kế hoạch")
    strict = BAC_KAN_7946.with_severity("task.lead-for-every-unit", Severity.ERROR)
    with pytest.raises(InvalidDocumentError):
        plan.check(strict)
    assert plan.check() != ()  # a warning only, by default
    assert plan.findings(BAC_KAN_7946.without("task.lead-for-every-unit")) == ()


# --- one convention for checking: findings() returns every finding, check() raises -------------


def test_a_plan_with_an_error_is_reported_by_findings_and_refused_by_check() -> None:
    plan = good_plan(implements=[])
    found = plan.findings()
    assert [(f.code, f.severity) for f in found] == [("plan.no-directive", Severity.ERROR)]
    with pytest.raises(InvalidDocumentError) as err:
        plan.check()
    assert err.value.findings == found
    assert str(plan) in str(err.value)


def test_a_plan_with_only_warnings_passes_check_which_returns_them() -> None:
    plan = good_plan(objectives=[Target("x", Measure.COUNT, 3, due=date(2025, 12, 31))])
    found = plan.findings()
    assert {f.severity for f in found} == {Severity.WARNING}
    assert plan.check() == found


def test_a_clean_plan_has_no_findings_and_check_returns_none() -> None:
    tree = UnitTree(
        [
            Unit("H", "Huyện", UnitKind.DISTRICT),
            Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H"),
            Unit("TP", "Phòng Tư pháp", UnitKind.DISTRICT_OFFICE, parent="H"),
        ]
    )
    plan = good_plan()
    assert plan.findings() == plan.check() == ()
    assert plan.findings(units=tree) == plan.check(units=tree) == ()


def test_findings_and_check_take_the_same_arguments() -> None:
    plan = good_plan(implements=[], objectives=[])
    rules = BAC_KAN_7946.with_severity("plan.no-directive", Severity.WARNING).without(
        "plan.objectives-unquantified"
    )
    assert plan.check(rules) == plan.findings(rules)
    assert [f.code for f in plan.check(rules)] == ["plan.no-directive"]


@pytest.mark.parametrize("method", ["findings", "check"])
def test_plan_checks_refuse_arguments_of_the_wrong_type(method: str) -> None:
    check = getattr(good_plan(), method)
    with pytest.raises(CchcTypeError, match="rules"):
        check("bac-kan-7946")
    with pytest.raises(CchcTypeError, match="units"):
        check(units=["NV"])


def test_the_old_plan_checks_warn_and_answer_as_the_methods() -> None:
    broken = good_plan(implements=[])
    warned = good_plan(objectives=[Target("x", Measure.COUNT, 3, due=date(2025, 12, 31))])
    relaxed = BAC_KAN_7946.without("plan.no-directive")
    with pytest.warns(DeprecationWarning, match=r"validate_plan.*plan\.findings"):
        assert cchc.plans.validate_plan(broken) == broken.findings() != ()
    with pytest.warns(DeprecationWarning, match="validate_plan"):
        assert cchc.plans.validate_plan(broken, relaxed, units=None) == ()
    with pytest.warns(DeprecationWarning, match=r"check_plan.*plan\.check"):
        assert cchc.plans.check_plan(warned) == warned.check() != ()
    with pytest.warns(DeprecationWarning, match="check_plan"), pytest.raises(InvalidDocumentError):
        cchc.plans.check_plan(broken)
    with pytest.warns(DeprecationWarning, match="check_plan"), pytest.raises(CchcTypeError):
        cchc.plans.check_plan("plan")  # type: ignore[arg-type]
