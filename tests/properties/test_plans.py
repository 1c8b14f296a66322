"""Properties of plans, their validation and progress reports, and of campaigns."""

from __future__ import annotations

import random
from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cchc.campaigns import Campaign, validate_campaign
from cchc.errors import Severity
from cchc.export.json import from_json, to_json
from cchc.plans import (
    Plan,
    RuleSet,
    StatusUpdate,
    Target,
    Task,
    TaskState,
    progress,
    validate_plan,
)
from cchc.strategies import campaigns, plans, rule_sets, status_updates, targets, tasks

days = st.dates(date(2020, 6, 1), date(2031, 6, 30))


@given(plans(valid=True), st.randoms(use_true_random=False))
def test_a_valid_plan_stays_valid_whatever_the_order_of_its_tasks(
    plan: Plan, rnd: random.Random
) -> None:
    assert validate_plan(plan) == ()
    shuffled = list(plan.tasks)
    rnd.shuffle(shuffled)
    assert validate_plan(attrs.evolve(plan, tasks=shuffled)) == ()


@given(plans(), rule_sets())
def test_reordering_tasks_only_renumbers_the_findings(plan: Plan, rules: RuleSet) -> None:
    reverse = attrs.evolve(plan, tasks=plan.tasks[::-1])
    codes = sorted(f.code for f in validate_plan(plan, rules))
    assert sorted(f.code for f in validate_plan(reverse, rules)) == codes


@given(tasks(), status_updates(), days)
def test_adding_an_update_never_decreases_completion(
    task: Task, update: StatusUpdate, as_of: date
) -> None:
    more = task.with_updates(update)
    assert more.completion(as_of) >= task.completion(as_of)
    assert more.completion() >= task.completion()
    before = task.done_on(as_of)
    if before is not None:
        after = more.done_on(as_of)
        assert after is not None
        assert after <= before


@given(plans(), days, st.integers(0, 30))
def test_overdue_is_exactly_due_before_the_day_and_not_done(
    plan: Plan, as_of: date, horizon: int
) -> None:
    report = progress(plan, as_of=as_of, due_within=horizon)
    for task, row in zip(plan.tasks, report.tasks, strict=True):
        overdue = (
            task.deadline is not None and task.deadline < as_of and task.done_on(as_of) is None
        )
        assert (row.state is TaskState.OVERDUE) == overdue
        if overdue:
            assert row.working_days_late >= 0
        if row.due_soon:
            assert not row.state.done
            assert row.state is not TaskState.OVERDUE
            assert row.next_due is not None
            assert row.next_due >= as_of


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
    errors = [f for f in validate_campaign(campaign) if f.severity is Severity.ERROR]
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
