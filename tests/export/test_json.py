"""JSON: every public value type round-trips in one form, and whatever is read is refused with
a ParseError naming each fault's path and reason, or validated as if constructed."""

from __future__ import annotations

import collections
import contextlib
import enum
import importlib
import json
import types
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, assert_type, cast

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import strategies
from cchc.areas import ReformArea
from cchc.calendar import Period
from cchc.campaigns import CampaignResult, run_campaign
from cchc.criteria import Framework, load_bundled
from cchc.errors import CchcError, Finding, ParseError
from cchc.examples import load, load_results, names
from cchc.export.json import MAX_DEPTH, from_json, to_json
from cchc.plans import Plan, StatusUpdate
from cchc.scoring import (
    BatchResult,
    Ranking,
    Scorecard,
    ScoreTable,
    compare_years,
    council_changes,
    score_self_assessment,
    score_unit,
    weakest_criteria,
)
from cchc.units import Unit

#: The modules whose value types travel as JSON, and every public name in them.
MODULES = [
    importlib.import_module(f"cchc.{name}")
    for name in (
        "errors", "lang", "explanations", "areas", "units", "calendar", "directives", "plans",
        "criteria", "scoring", "awards", "apportionment", "campaigns", "letterhead", "formats",
    )
]  # fmt: skip
api = types.SimpleNamespace(**{n: getattr(m, n) for m in MODULES for n in m.__all__})

PUBLIC_CLASSES = sorted(
    {
        value
        for value in vars(api).values()
        if isinstance(value, type)
        and attrs.has(value)
        and value.__module__.startswith("cchc.")
        and value is not api.GroupStanding  # the engine's working arrays, never written to a file
    },
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)


def class_id(cls: type) -> str:
    return f"{cls.__module__.removeprefix('cchc.')}.{cls.__qualname__}"


# --- one sample of every public class, gathered from the seed examples ------------------------


def walk(value: object, found: dict[type, list[object]], seen: set[int]) -> None:
    if id(value) in seen:
        return
    seen.add(id(value))
    if attrs.has(type(value)):
        found[type(value)].append(value)
        for field in attrs.fields(cast(Any, type(value))):
            walk(getattr(value, field.name), found, seen)
    elif isinstance(value, dict):
        for item in value.values():
            walk(item, found, seen)
    elif isinstance(value, list | tuple | frozenset | set):
        for item in value:
            walk(item, found, seen)


def campaign_result() -> CampaignResult:
    ex = load("chau-thanh-2021")
    assert ex.campaign is not None
    return run_campaign(ex.campaign, load_results("chau-thanh-2021"))


def samples() -> dict[type, list[object]]:
    found: dict[type, list[object]] = collections.defaultdict(list)
    seen: set[int] = set()
    result = campaign_result()
    roots: list[object] = [result, load_results("chau-thanh-2021"), *result.ranking.entries]
    for name in names():
        ex = load(name)
        roots += [ex, ex.report(), ex.report().totals, ex.cascade()]
        if ex.implementing:
            roots.append(ex.compliance())
    final = result.final
    unit = final.table.units[0]
    roots += [
        final.scorecard(unit),
        compare_years(result.ranking, result.ranking),
        weakest_criteria(result.ranking),
        final.scorecard(unit).explain("en"),
    ]
    fw = load_bundled("ca-mau-1880-2013")
    own = api.SelfAssessment("A", [api.Entry("1.3", "2.5")])
    council = api.Appraisal("A", [api.Adjustment("1.3", "2", "thiếu tài liệu kiểm chứng")])
    self_card = score_self_assessment(fw, own)
    roots += [own, council, self_card, council_changes(self_card, score_unit(fw, own, council))]
    why = api.Reason("quota", "hạn mức chỉ cho phép 1", "the quota allows only 1")
    roots += [
        api.SizeBracket(20, Fraction(4, 5)),
        api.Title("LDTT", "Lao động tiên tiến", "CN"),
        api.Unfilled("XA", "nhat", 1, why),
        api.UnresolvedTie("XA", ("A", "B"), (("nhat", 1),), 1, why),
        api.Exclusion("A", "XA", (why,), "nhat"),
        api.apportion({"a": 1, "b": 1}, 1),
        api.ScoreInputs((own,), (council,)),
        api.Letterhead.of_issuer("Sở Nội vụ tỉnh Bắc Kạn"),
    ]
    for value in roots:
        walk(value, found, seen)
    return found


SAMPLES = samples()


def same(a: object, b: object) -> bool:
    """Equal as values; containers held as arrays (not value types) compare by content."""
    if attrs.has(type(a)):
        if type(a) is not type(b):
            return False
        return all(
            same(getattr(a, f.name), getattr(b, f.name))
            for f in attrs.fields(cast(Any, type(a)))
            if f.init and (f.repr or f.default is attrs.NOTHING)
        )
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and bool((a == b).all())
        )
    if isinstance(a, tuple | list):
        return isinstance(b, tuple | list) and len(a) == len(b) and all(map(same, a, b))
    return a == b


#: Containers of NumPy arrays compare by identity; :func:`same` compares their content.
ARRAY_HOLDERS = (ScoreTable, BatchResult, Ranking, api.CampaignInputs, CampaignResult)


def round_trips(value: object) -> None:
    text = to_json(value)
    back = from_json(text, type(value))
    assert same(back, value)
    if not isinstance(value, ARRAY_HOLDERS):
        assert back == value
    assert to_json(back) == text  # one form: writing what was read gives the same bytes


def test_the_sample_set_holds_every_public_attrs_class() -> None:
    missing = [class_id(c) for c in PUBLIC_CLASSES if c not in SAMPLES and c not in STRATEGIES]
    assert missing == []


@pytest.mark.parametrize("cls", [c for c in PUBLIC_CLASSES if c in SAMPLES], ids=class_id)
def test_every_public_class_round_trips(cls: type) -> None:
    for value in SAMPLES[cls][:3]:
        round_trips(value)


# --- and with Hypothesis, wherever cchc.strategies has a strategy -----------------------------


def fw_then(make: Callable[[Framework], st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    return strategies.frameworks().flatmap(make)


STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    api.Finding: strategies.findings(),
    api.Tie: strategies.ties(),
    api.MemberRequirement: strategies.member_requirements(),
    api.MemberGate: strategies.member_gates(),
    api.TieSettlement: strategies.tie_settlements(),
    api.Period: strategies.periods(),
    api.ReportingPeriod: strategies.reporting_periods(),
    api.DateMention: strategies.date_mentions(),
    api.WorkingCalendar: strategies.working_calendars(),
    api.Unit: strategies.units(),
    api.UnitTree: strategies.unit_trees(),
    api.UnitGroup: strategies.unit_groups(),
    api.Grouping: strategies.groupings(),
    api.DocumentNumber: strategies.document_numbers(),
    api.Directive: strategies.directives(),
    api.Cascade: strategies.cascades(),
    api.Citation: strategies.citations(),
    api.Reference: strategies.references(),
    api.Target: strategies.targets(),
    api.StatusUpdate: strategies.status_updates(),
    api.Task: strategies.tasks(),
    api.Plan: strategies.plans(),
    api.RuleSet: strategies.rule_sets(),
    api.Activity: strategies.activities(),
    api.Campaign: strategies.campaigns(),
    api.Rule: strategies.scoring_rules(),
    api.Criterion: strategies.criterion_trees(),
    api.Framework: strategies.frameworks(),
    api.SelfAssessment: fw_then(strategies.self_assessments),
    api.Appraisal: fw_then(strategies.appraisals),
    api.SurveyResult: fw_then(strategies.survey_results),
    api.Scorecard: strategies.scorecards(),
    api.TiePolicy: strategies.ranking_tie_policies(),
    api.Candidate: strategies.award_candidates(),
    api.Eligibility: strategies.eligibility_rules(),
    api.Quota: strategies.quotas(),
    api.TieBreak: strategies.tie_breaks(),
    api.PrizeTiePolicy: strategies.tie_policies(),
    api.PrizeGroup: strategies.prize_groups(),
    api.PrizeStructure: strategies.prize_structures(),
    api.AwardDecision: strategies.award_decisions(),
    api.Apportionment: strategies.apportionments(),
}


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=class_id)
def test_generated_values_round_trip(cls: type) -> None:
    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
    @given(STRATEGIES[cls])
    def check(value: Any) -> None:
        assert isinstance(value, cls)
        round_trips(value)

    check()


# --- containers of arrays ---------------------------------------------------------------------


def test_results_with_arrays_round_trip_as_read_only_arrays_of_their_dtype() -> None:
    result = campaign_result()
    back = from_json(to_json(result), CampaignResult)
    assert same(back, result)
    for array, twin in [
        (back.final.total, result.final.total),
        (back.final.band_of, result.final.band_of),
        (back.ranking.ranks, result.ranking.ranks),
        (back.final.table.given, result.final.table.given),
        (back.final.table.source, result.final.table.source),
    ]:
        assert array.dtype == twin.dtype
        assert not array.flags.writeable
    assert back.rows() == result.rows()
    assert [e.rank for e in back.ranking.entries] == [e.rank for e in result.ranking.entries]


@pytest.mark.parametrize("cls", [BatchResult, Ranking, ScoreTable])
def test_arrays_are_written_as_lists(cls: type) -> None:
    value = SAMPLES[cls][0]
    data = json.loads(to_json(value))
    arrays = [f.name for f in attrs.fields(cls) if isinstance(getattr(value, f.name), np.ndarray)]
    assert arrays
    assert all(isinstance(data[name], list) for name in arrays)


def test_an_array_cell_of_the_wrong_kind_is_refused_with_its_place() -> None:
    data = json.loads(to_json(SAMPLES[BatchResult][0]))
    data["total"][1] = "99"
    with pytest.raises(ParseError) as err:
        from_json(json.dumps(data), BatchResult)
    assert [f.path for f in err.value.findings] == ["total"]
    assert "at [1]" in err.value.findings[0].message_en
    data["total"][1] = 2**70
    with pytest.raises(ParseError, match="out of range"):
        from_json(json.dumps(data), BatchResult)


# --- one form per value -----------------------------------------------------------------------


def test_enums_are_written_by_name_and_read_by_name_or_value() -> None:
    assert to_json(ReformArea.PROCEDURES) == '"PROCEDURES"'
    assert to_json(api.UnitKind.COMMUNE) == '"COMMUNE"'
    assert from_json('"PROCEDURES"', ReformArea) is ReformArea.PROCEDURES
    assert from_json('"TTHC"', ReformArea) is ReformArea.PROCEDURES  # older files: the value
    with pytest.raises(ParseError, match="one of: ") as err:
        from_json('"SPORTS"', ReformArea)
    assert "PROCEDURES" in str(err.value)


@pytest.mark.parametrize(
    "cls",
    [c for c in vars(api).values() if isinstance(c, type) and issubclass(c, enum.Enum)],
    ids=lambda c: c.__name__,
)
def test_every_public_enum_round_trips_by_name(cls: type[enum.Enum]) -> None:
    for member in cls:
        assert to_json(member) == json.dumps(member.name, ensure_ascii=False)
        assert from_json(to_json(member), cls) is member


def test_an_index_is_written_as_one_exact_ratio_everywhere() -> None:
    assert to_json(Fraction(971, 10)) == '"971/10"'
    assert to_json(Fraction(97)) == '"97"'
    entry = SAMPLES[api.RankedUnit][0]
    assert isinstance(entry, api.RankedUnit)
    assert json.loads(to_json(entry))["index"] == to_json(entry.index).strip('"')
    card = SAMPLES[Scorecard][0]
    assert isinstance(card, Scorecard)
    assert json.loads(to_json(card))["index"] == str(card.index)
    assert "/" in str(Fraction(971, 10))
    assert from_json('"97.1"', Fraction) == Fraction(971, 10)


def test_sets_are_sorted() -> None:
    assert to_json(frozenset({"xa-b", "xa-a"})) == '["xa-a", "xa-b"]'


# --- refusals: each with its path and reason --------------------------------------------------


def paths(text: str | bytes, cls: Any) -> list[str]:
    with pytest.raises(ParseError) as err:
        from_json(text, cls)
    findings = err.value.findings
    assert findings
    assert all(isinstance(f, Finding) for f in findings)
    return [f.path for f in findings]


def refusal(text: str | bytes, cls: Any) -> ParseError:
    with pytest.raises(ParseError) as err:
        from_json(text, cls)
    return err.value


def plan_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(to_json(load("gia-lam-9m-2021").plan))
    return data


def test_a_text_where_a_list_belongs_is_refused_not_split_into_letters() -> None:
    data = plan_data()
    data["tasks"][3]["partners"] = "QĐ 15"
    err = refusal(json.dumps(data), Plan)
    (finding,) = err.findings
    assert finding.path == "tasks[3].partners"
    assert "must be a list, not text" in finding.message_en
    assert "danh sách" in finding.message_vi


@pytest.mark.parametrize(("value", "kind"), [(None, "null"), (True, "true/false"), (5, "int")])
def test_null_true_and_numbers_are_not_text(value: object, kind: str) -> None:
    data = plan_data()
    data["tasks"][1]["title"] = value
    err = refusal(json.dumps(data), Plan)
    assert [f.path for f in err.findings] == ["tasks[1].title"]
    assert f"must be text, not {kind}" in err.findings[0].message_en


def test_unknown_keys_are_refused_by_default_and_may_be_allowed() -> None:
    data = plan_data()
    data["tasks"][0]["milestones"] = [{"due": "2021-06-30", "output": "", "outptu": "x"}]
    data["colour"] = "red"
    err = refusal(json.dumps(data), Plan)
    assert sorted(f.path for f in err.findings) == ["colour", "tasks[0].milestones[0].outptu"]
    assert all(f.code == "data.unknown-key" for f in err.findings)
    assert [f.message_vi for f in err.findings] == [
        "Trường “outptu” không hợp lệ (dữ liệu loại này không có trường đó)",
        "Trường “colour” không hợp lệ (dữ liệu loại này không có trường đó)",
    ]
    assert "Khóa" not in str(err.findings)
    lenient = from_json(json.dumps(data), Plan, forbid_extra_keys=False)
    assert lenient.tasks[0].milestones[0].due.isoformat() == "2021-06-30"


@pytest.mark.parametrize("text", ["[]", '"x"', "3", "null", "true"])
def test_an_object_is_expected_at_the_top(text: str) -> None:
    err = refusal(text, Unit)
    assert [f.path for f in err.findings] == [""]
    assert "must be an object" in str(err)


def test_a_missing_field_is_named() -> None:
    assert paths('{"code": "X1", "name": "Xã"}', Unit) == ["kind"]


@pytest.mark.parametrize("text", ["12.5", "1e2", "0.1"])
def test_json_floats_are_not_exact_numbers(text: str) -> None:
    err = refusal(text, Decimal)
    assert "not exact" in str(err)
    assert "not exact" in str(refusal(text, Fraction))


@pytest.mark.parametrize(
    "number",
    ["1e999999999", "1E+1000000", "NaN", "sNaN", "-Infinity", "1e-9999999", "9" * 5000, "1/0"],
)
@pytest.mark.parametrize("cls", [Decimal, Fraction])
def test_numbers_beyond_the_limits_are_refused_at_once(number: str, cls: type) -> None:
    refusal(json.dumps(number), cls)


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "9" * 5000])
def test_json_number_literals_beyond_json_are_refused(text: str) -> None:
    refusal(text, Any)


def test_an_inner_constructor_reason_is_kept_with_its_path() -> None:
    text = json.dumps(
        [{"start": "2021-01-01", "end": "2021-12-31"}, {"start": "2021-05-05", "end": "2021-01-01"}]
    )
    err = refusal(text, list[Period])
    assert [f.path for f in err.findings] == ["[1].end"]
    assert "not a valid list[Period]" in str(err)
    assert "2021-05-05" in str(err)  # the constructor's own reason, not "invalid value"


def tamper_line(data: dict[str, Any]) -> None:
    data["lines"][0]["points"] = "999.00"


def tamper_total(data: dict[str, Any]) -> None:
    data["points"] = str(Decimal(data["points"]) + 1)


@pytest.mark.parametrize(
    ("tamper", "path"), [(tamper_line, "lines[0].points"), (tamper_total, "points")]
)
def test_a_tampered_scorecard_is_refused_as_its_constructor_refuses_it(
    tamper: Callable[[dict[str, Any]], None], path: str
) -> None:
    card = SAMPLES[Scorecard][0]
    data = json.loads(to_json(card))
    tamper(data)
    assert paths(json.dumps(data), Scorecard) == [path]


def test_deep_nesting_is_refused_before_parsing() -> None:
    for text in ["[" * 100_000, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), '{"a":' * 5000]:
        err = refusal(text, Any)
        assert err.code == "data.too-deep"
    assert from_json("[" * MAX_DEPTH + "]" * MAX_DEPTH, Any) is not None
    assert from_json('["[[[[' + "[" * 100 + '"]', list[str]) == ["[[[[" + "[" * 100]


@pytest.mark.parametrize("text", [b"\xff\xfe\xd8", b"\x80abc", b'"\xc3\x28"'])
def test_bytes_that_are_not_text_are_refused(text: bytes) -> None:
    refusal(text, str)


def test_text_with_a_lone_surrogate_is_refused() -> None:
    assert paths('{"code": "X1", "name": "X\\ud800", "kind": "COMMUNE"}', Unit) == ["name"]


def test_syntax_errors_say_where() -> None:
    err = refusal('{"code": "X1",, }', Unit)
    assert "line 1, column 15" in str(err)
    assert "dòng 1, cột 15" in err.message_vi


def test_many_problems_are_all_findings_and_the_message_stays_short() -> None:
    err = refusal(json.dumps(["x"] * 100), list[int])
    assert len(err.findings) == 100
    assert "and 95 more" in str(err)
    assert len(str(err)) < 1_000


def test_non_text_input_is_refused() -> None:
    with pytest.raises(CchcError):
        from_json(None, Unit)  # type: ignore[call-overload]


# --- fuzzing: nothing but ParseError ----------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["1e999999999", "NaN", "971/10", "2021-05-05", "COMMUNE", "TTHC", "-1"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)

FUZZED = [Unit, Plan, StatusUpdate, Framework, Scorecard, BatchResult, list[Period], dict[str, int]]


@pytest.mark.parametrize("cls", FUZZED, ids=str)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values)
def test_arbitrary_json_gives_nothing_but_a_parse_error(cls: Any, value: object) -> None:
    with contextlib.suppress(ParseError):
        from_json(json.dumps(value), cls)


def mutated(data: Any, draw: Callable[[st.SearchStrategy[Any]], Any]) -> Any:
    """``data`` with one leaf or key replaced by something else."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            return {k: v for k, v in data.items() if k != key}
        if choice == 1:
            return {**data, key + "_": data[key]}
        return {**data, key: mutated(data[key], draw)}
    if isinstance(data, list) and data:
        i = draw(st.integers(0, len(data) - 1))
        return [*data[:i], mutated(data[i], draw), *data[i + 1 :]]
    return draw(json_values)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_valid_json_gives_a_value_or_a_parse_error(data: st.DataObject) -> None:
    ex = load("gia-lam-9m-2021")
    original = json.loads(to_json(ex.plan))
    changed = mutated(original, data.draw)
    try:
        value = from_json(json.dumps(changed), Plan)
    except ParseError:
        return
    assert isinstance(value, Plan)


@settings(max_examples=100)
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_arbitrary_text_gives_nothing_but_a_parse_error(text: str | bytes) -> None:
    with contextlib.suppress(ParseError):
        from_json(text, Plan)


# --- typing -----------------------------------------------------------------------------------


def test_from_json_is_typed_by_its_class() -> None:
    """mypy checks this module: the result has the class's type (not Never, not Any)."""
    text = to_json(load_bundled("ca-mau-1880-2013"))
    fw: Framework = from_json(text, Framework)
    assert_type(from_json(text, Framework), Framework)
    assert_type(from_json("[]", list[Unit]), list[Unit])
    assert from_json("null", Unit | None) is None
    assert fw.id == "ca-mau-1880-2013"
