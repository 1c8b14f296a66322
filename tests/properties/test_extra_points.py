"""Properties of extra points outside the scale, the clamp, the index cap and a survey not run:
the batch engine, one unit scored alone and a plain reference computed from the definitions
agree on generated frameworks and data; without extras the index is the old one; a bonus never
lowers a result, a penalty never raises it; a capped index never exceeds its cap."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cchc.criteria import Absent, Band, Criterion, Extra, Framework, Rule, RuleKind
from cchc.scoring import (
    Scorecard,
    ScoreTable,
    SelfAssessment,
    Source,
    SurveyResult,
    score_table,
    score_unit,
)

P = Decimal("0.01")


@st.composite
def leaves(draw: st.DrawFn, prefix: str, count: int, survey: bool) -> list[Criterion]:
    kinds = ["manual", "yes_no", "bonus", "deduction"] + (["survey"] if survey else [])
    out = []
    for i in range(count):
        kind = draw(st.sampled_from(kinds))
        maximum = Decimal(draw(st.integers(1, 20)))
        rule = {
            "manual": Rule.manual(),
            "yes_no": Rule.yes_no(),
            "bonus": Rule.bonus(draw(st.sampled_from(["0.5", "1", "2", "3"]))),
            "deduction": Rule.deduction(draw(st.sampled_from(["0.5", "1", "2"]))),
            "survey": Rule.survey(),
        }[kind]
        na = draw(st.booleans())
        out.append(
            Criterion(
                f"{prefix}.{i}",
                f"Tiêu chí {prefix}.{i}",
                maximum,
                rule=rule,
                not_applicable_allowed=na,
            )
        )
    return out


@st.composite
def group(draw: st.DrawFn, code: str, extra: Extra, survey: bool) -> Criterion:
    children = draw(leaves(code, draw(st.integers(1, 3)), survey))
    total = sum((c.maximum for c in children), Decimal(0))
    capped = draw(st.booleans()) and total > 1
    maximum = Decimal(draw(st.integers(1, int(total) - 1))) if capped else total
    return Criterion(
        code, f"Lĩnh vực {code}", maximum, children=children, capped=capped, extra=extra
    )


@st.composite
def extra_frameworks(draw: st.DrawFn, extras: bool = True) -> Framework:
    base = [draw(group(str(i + 1), Extra.BASE, True)) for i in range(draw(st.integers(1, 3)))]
    bonus = [draw(group("T", Extra.BONUS, False))] if extras and draw(st.booleans()) else []
    penalty = [draw(group("Tr", Extra.PENALTY, False))] if extras and draw(st.booleans()) else []
    if extras and not bonus and not penalty:
        bonus = [draw(group("T", Extra.BONUS, False))]
    settings: dict[str, Any] = {
        "absent_survey": draw(st.sampled_from(list(Absent))),
        "rounding": draw(st.sampled_from(["ROUND_HALF_UP", "ROUND_DOWN", "ROUND_HALF_EVEN"])),
    }
    if extras:
        settings["extra_min"] = draw(st.none() | st.integers(-15, 0).map(Decimal))
        settings["extra_max"] = draw(st.none() | st.integers(0, 15).map(Decimal))
        settings["index_cap"] = draw(st.none() | st.integers(100, 130).map(Decimal))
    probe = Framework("probe", "Thử", [*base, *bonus, *penalty], **settings)
    top = Decimal(math.ceil(probe.index_top))
    cut = Decimal(draw(st.integers(1, 99)))
    bands = [Band("Đạt", cut, top, upper_inclusive=True), Band("Chưa đạt", 0, cut)]
    return attrs.evolve(probe, id="gen", bands=bands)


def values_for(draw: st.DrawFn, fw: Framework) -> dict[str, object]:
    """One unit's values: some leaves left out, some not applicable."""
    out: dict[str, object] = {}
    for leaf in fw.leaves():
        rule, top = leaf.effective_rule, int(leaf.maximum)
        choice = draw(st.integers(0, 9))
        if choice == 0:
            continue
        if choice == 1 and leaf.not_applicable_allowed:
            out[leaf.code] = "N/A"
            continue
        kind = rule.kind
        if kind is RuleKind.MANUAL:
            out[leaf.code] = Decimal(draw(st.integers(0, 2 * top))) / 2
        elif kind is RuleKind.YES_NO:
            out[leaf.code] = draw(st.booleans())
        elif kind in (RuleKind.BONUS, RuleKind.DEDUCTION):
            out[leaf.code] = draw(st.integers(0, 12))
        else:
            out[leaf.code] = Decimal(draw(st.integers(0, 100)))
    return out


@st.composite
def units(draw: st.DrawFn, fw: Framework) -> list[dict[str, object]]:
    return [values_for(draw, fw) for _ in range(draw(st.integers(1, 4)))]


def split(fw: Framework, values: dict[str, object]) -> tuple[dict[str, object], dict[str, object]]:
    """The unit's own values and the survey's."""
    survey = {c: v for c, v in values.items() if fw.find(c).effective_rule.kind is RuleKind.SURVEY}
    return {c: v for c, v in values.items() if c not in survey}, survey


def one(fw: Framework, unit: str, values: dict[str, object]) -> Scorecard:
    own, survey = split(fw, values)
    return score_unit(
        fw, SelfAssessment.of(unit, own), survey=SurveyResult.of(unit, survey) if survey else None
    )


def batch(fw: Framework, rows: list[dict[str, object]]) -> dict[str, Scorecard]:
    names = [f"U{j}" for j in range(len(rows))]
    own = [{"unit": n, **split(fw, r)[0]} for n, r in zip(names, rows, strict=True)]
    survey = [{"unit": n, **split(fw, r)[1]} for n, r in zip(names, rows, strict=True)]
    table = ScoreTable.from_wide(fw, own)
    table = table.overlay(ScoreTable.from_wide(fw, survey, stage=Source.SURVEY))
    result = score_table(table)
    return {n: result.scorecard(n) for n in names}


def reference(fw: Framework, values: dict[str, object]) -> dict[str, object]:
    """The definitions, computed plainly: each leaf by its scalar rule, sums and caps up the
    tree, base / bonus / penalty, clamp, floor at 0, index over the base maximum, cap, band."""
    survey_leaves = [c.code for c in fw.leaves() if c.effective_rule.kind is RuleKind.SURVEY]
    absent = (
        fw.absent_survey is Absent.REBASE
        and bool(survey_leaves)
        and not any(code in values for code in survey_leaves)
    )

    def node(c: Criterion) -> tuple[Decimal, Decimal]:
        if c.is_leaf:
            value = values.get(c.code)
            out = absent and c.code in survey_leaves
            if value == "N/A" or out:
                return Decimal(0), Decimal(0)
            if value is None:
                return Decimal(0), c.maximum
            return c.effective_rule.points(value, c.maximum, P, fw.rounding), c.maximum
        parts = [node(k) for k in c.children]
        points, maximum = sum(p for p, _ in parts), sum(m for _, m in parts)
        if c.capped:
            return min(Decimal(points), c.maximum), min(Decimal(maximum), c.maximum)
        return Decimal(points), Decimal(maximum)

    sums: dict[Extra, list[Decimal]] = {kind: [Decimal(0), Decimal(0)] for kind in Extra}
    for top in fw.criteria:
        p, m = node(top)
        sums[top.extra][0] += p
        sums[top.extra][1] += m
    base, maximum = sums[Extra.BASE]
    bonus, penalty = sums[Extra.BONUS][0], sums[Extra.PENALTY][0]
    net = bonus - penalty
    if fw.extra_min is not None:
        net = max(net, fw.extra_min)
    if fw.extra_max is not None:
        net = min(net, fw.extra_max)
    points = max(base + net, Decimal(0))
    index = Fraction(points) * 100 / Fraction(maximum) if maximum else Fraction(0)
    if fw.index_cap is not None:
        index = min(index, Fraction(fw.index_cap))
    band = next((b.label for b in fw.bands if maximum and b.contains(index)), None)
    return {
        "points": points,
        "maximum": maximum,
        "index": index,
        "band": band,
        "bonus": bonus,
        "penalty": penalty,
        "extra_points": net,
        "survey_absent": absent,
    }


def summary(card: Scorecard) -> dict[str, object]:
    return {
        "points": card.points,
        "maximum": card.maximum,
        "index": card.index,
        "band": card.band,
        "bonus": card.bonus,
        "penalty": card.penalty,
        "extra_points": card.extra_points,
        "survey_absent": card.survey_absent,
    }


@st.composite
def cases(draw: st.DrawFn, extras: bool = True) -> tuple[Framework, list[dict[str, object]]]:
    fw = draw(extra_frameworks(extras))
    return fw, draw(units(fw))


@given(cases())
def test_batch_one_unit_and_the_reference_agree(
    case: tuple[Framework, list[dict[str, object]]],
) -> None:
    fw, rows = case
    cards = batch(fw, rows)
    for j, values in enumerate(rows):
        unit = f"U{j}"
        alone = one(fw, unit, values)
        assert cards[unit] == alone
        assert summary(alone) == reference(fw, values)
        why = alone.explain("en")
        assert why.line_total() == why.total == alone.points


@given(cases())
def test_a_capped_index_never_exceeds_its_cap(
    case: tuple[Framework, list[dict[str, object]]],
) -> None:
    fw, rows = case
    for card in batch(fw, rows).values():
        assert card.points >= 0
        if fw.index_cap is not None:
            assert card.index <= fw.index_cap


@given(cases(extras=False))
def test_without_extras_the_index_is_the_old_one(
    case: tuple[Framework, list[dict[str, object]]],
) -> None:
    fw, rows = case
    for j, values in enumerate(rows):
        card = one(fw, f"U{j}", values)
        tops = card.fields
        points = sum((line.points for line in tops), Decimal(0))
        maximum = sum((line.maximum for line in tops), Decimal(0))
        old = Fraction(points) * 100 / Fraction(maximum) if maximum else Fraction(0)
        assert (card.points, card.maximum, card.index) == (points, maximum, old)
        assert [card.bonus, card.penalty, card.extra_points] == [Decimal(0)] * 3


@given(cases())
def test_declared_extras_left_unreported_leave_the_base_index(
    case: tuple[Framework, list[dict[str, object]]],
) -> None:
    fw, rows = case
    base_only = attrs.evolve(
        fw,
        criteria=[c for c in fw.criteria if c.extra is Extra.BASE],
        extra_min=None,
        extra_max=None,
        index_cap=None,
        bands=[],
    )
    for j, values in enumerate(rows):
        kept = {c: v for c, v in values.items() if base_only_has(base_only, c)}
        with_extras, without = one(fw, f"U{j}", kept), one(base_only, f"U{j}", kept)
        assert (with_extras.points, with_extras.maximum) == (without.points, without.maximum)
        assert with_extras.index == without.index


def base_only_has(fw: Framework, code: str) -> bool:
    return any(leaf.code == code for leaf in fw.leaves())


def raised(fw: Framework, values: dict[str, object], code: str) -> dict[str, object]:
    """``values`` with the entry of ``code`` one step better for the unit that reports it:
    yes for no, one more item, one more point."""
    leaf = fw.find(code)
    kind, now = leaf.effective_rule.kind, values.get(code)
    out = dict(values)
    if kind is RuleKind.YES_NO:
        out[code] = True
    elif kind is RuleKind.BONUS:
        out[code] = (now if isinstance(now, int) else 0) + 1
    elif kind is RuleKind.MANUAL:
        current = now if isinstance(now, Decimal) else Decimal(0)
        out[code] = min(current + 1, leaf.maximum)
    elif kind is RuleKind.DEDUCTION:  # one occurrence fewer
        out[code] = max((now if isinstance(now, int) else 0) - 1, 0)
    return out


@given(cases(), st.data())
def test_a_bonus_never_lowers_and_a_penalty_never_raises(
    case: tuple[Framework, list[dict[str, object]]], data: st.DataObject
) -> None:
    fw, rows = case
    values = rows[0]
    extra_leaves = [
        (top.extra, leaf.code)
        for top in fw.criteria
        if top.extra is not Extra.BASE
        for leaf in top.leaves()
        if leaf.effective_rule.kind is not RuleKind.DEDUCTION and values.get(leaf.code) != "N/A"
    ]
    if not extra_leaves:
        return
    extra, code = data.draw(st.sampled_from(extra_leaves))
    before = one(fw, "U", values)
    after = one(fw, "U", raised(fw, values, code))
    assert after.maximum == before.maximum
    if extra is Extra.BONUS:
        assert after.points >= before.points
        assert after.index >= before.index
    else:
        assert after.points <= before.points
        assert after.index <= before.index
