"""The bundled seed examples: each loads, passes its rules, states the article's facts, marks
what it adds, and a broken file reports every problem with its path."""

from __future__ import annotations

import importlib.resources
import pickle
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.areas import REFORM_CONTENTS, ReformArea
from cchc.awards import CHAU_THANH_2021
from cchc.calendar import Period, ReportKind, reporting_period
from cchc.campaigns import CampaignKind
from cchc.errors import CchcError, InvalidDocumentError, NotFoundError, Severity
from cchc.examples import (
    Example,
    _from_data,
    demo,
    load,
    load_file,
    load_results,
    loads,
    loads_results,
    names,
    results_names,
)
from cchc.export.json import from_json, to_json
from cchc.plans import ActivityKind, TaskState

NAMES = names()


def text_of(name: str) -> str:
    return importlib.resources.files("cchc.examples").joinpath(f"{name}.toml").read_text("utf-8")


def errors_of(text: str) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocumentError) as err:
        loads(text)
    return [(f.code, f.path) for f in err.value.findings]


# --- every example ----------------------------------------------------------------------------


def test_there_is_one_example_per_seed_article() -> None:
    assert NAMES == (
        "van-ban-2023",
        "chau-thanh-2021",
        "bac-kan-7946",
        "district-273",
        "gia-lam-9m-2021",
    )


@pytest.mark.parametrize("name", NAMES)
def test_each_example_is_a_data_file_shipped_in_the_package(name: str) -> None:
    resource = importlib.resources.files("cchc.examples").joinpath(f"{name}.toml")
    assert resource.is_file()
    tomllib.loads(resource.read_text("utf-8"))


@pytest.mark.parametrize(("number", "name"), list(enumerate(NAMES)))
def test_each_file_cites_its_seed_article_in_its_header(number: int, name: str) -> None:
    header = text_of(name).splitlines()[0]
    assert header.startswith(f"# Seed {number:03d}: ")
    assert load(name).source


@pytest.mark.parametrize("name", NAMES)
def test_each_example_loads_and_passes_its_own_rules(name: str) -> None:
    ex = load(name)
    assert ex.name == name
    assert not [f for f in ex.findings() if f.severity is Severity.ERROR]


@pytest.mark.parametrize("name", NAMES)
def test_each_example_keeps_the_value_contract(name: str) -> None:
    ex = load(name)
    assert load(name) == ex
    assert pickle.loads(pickle.dumps(ex)) == ex
    assert from_json(to_json(ex), Example) == ex


@pytest.mark.parametrize("name", NAMES)
def test_each_example_reports_progress_on_any_day(name: str) -> None:
    ex = load(name)
    for day in (ex.plan.period.start, ex.plan.period.end, date(2030, 1, 1)):
        report = ex.report(day)
        assert report.totals.total == len(ex.plan.tasks)
    assert ex.describe().startswith(f"== {ex.title} ({name})")


@pytest.mark.parametrize("name", NAMES)
def test_illustrative_marks_point_at_real_items_and_are_explained(name: str) -> None:
    data = tomllib.loads(text_of(name))
    ex = load(name)
    assert ex.illustrative
    assert ex.notes
    for path in ex.illustrative:
        node: Any = data
        for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
            node = node[int(part[1:-1])] if part.startswith("[") else node[part]
        assert node is not None


def test_load_refuses_an_unknown_name() -> None:
    with pytest.raises(NotFoundError, match="known: van-ban-2023"):
        load("ha-noi-2030")


def test_demo_tells_every_example() -> None:
    text = demo()
    for name in NAMES:
        assert f"({name})" in text


def test_an_example_loads_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_text(text_of("district-273"), encoding="utf-8")
    assert load_file(path) == load("district-273")


# --- the articles' facts ----------------------------------------------------------------------


def test_van_ban_2023_implements_lao_cai_decision_33() -> None:
    ex = load("van-ban-2023")
    (decision,) = ex.plan.implements
    assert str(decision) == "Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai"
    assert ex.plan.period == Period.year(2023)
    assert ex.campaign is not None
    assert [g.name for g in ex.campaign.groups] == ["Các cơ quan, đơn vị", "UBND các xã, thị trấn"]
    assert {r.kind.vi for r in ex.plan.reviews} == {"Sơ kết", "Tổng kết"}
    assert "plan.number" in ex.illustrative
    assert "plan.implements" not in ex.illustrative


def test_van_ban_2023_units_plans_are_checked_against_the_district_plan() -> None:
    c = load("van-ban-2023").compliance()
    assert c.plan == "25/KH-UBND"
    assert set(c.units) == set(c.missing) | {x.unit for x in c.late} | set(c.on_time)


def test_chau_thanh_2021_is_plan_138_with_ten_contents_two_groups_and_its_prizes() -> None:
    ex = load("chau-thanh-2021")
    assert str(ex.plan).startswith("Kế hoạch số 138/KH-UBND ngày 05/5/2021 của UBND huyện Châu")
    assert len(ex.plan.contents) == 10
    assert len(set(ex.plan.contents)) == 10
    c = ex.campaign
    assert c is not None
    assert c.kind is CampaignKind.THEMATIC
    assert c.window == Period(date(2021, 5, 5), date(2021, 12, 31))
    assert c.launched == date(2021, 5, 5)
    assert [g.code for g in c.groups] == ["PB", "XA"]
    assert c.prizes == CHAU_THANH_2021
    assert c.prizes is not None
    assert c.prizes.group("CN").total == 8
    assert [lv.count for lv in c.prizes.group("XA").levels] == [1, 1, 1, 1]
    for fact in ("plan.number", "plan.issued", "plan.contents", "campaign.window", "campaign"):
        assert fact not in ex.illustrative


def test_bac_kan_7946_cascade_runs_from_the_government_and_the_party() -> None:
    ex = load("bac-kan-7946")
    cascade = ex.cascade()
    letter = cascade.get("7946/UBND-NCPC")
    assert letter.issued == date(2021, 11, 25)
    assert [d.key for d in cascade.parents(letter)] == ["76/NQ-CP", "08-NQ/TU", "23/CT-TTg"]
    assert cascade.get("08-NQ/TU").issued == date(2021, 4, 22)
    assert cascade.get("23/CT-TTg").issued == date(2021, 9, 2)
    assert [d.key for d in cascade.roots] == ["76/NQ-CP", "08-NQ/TU"]
    assert ex.rules.required_areas == REFORM_CONTENTS


def test_bac_kan_7946_agency_plan_meets_every_requirement_of_the_letter() -> None:
    ex = load("bac-kan-7946")
    assert ex.findings() == ()
    assert ex.plan.areas == REFORM_CONTENTS
    assert all(t.output and t.lead and t.deadline for t in ex.plan.tasks)
    assert "plan" in ex.illustrative
    c = ex.compliance()
    assert c.plan == "7946/UBND-NCPC"
    assert c.missing == ("BK-STTTT", "BK-STC")
    assert [x.unit for x in c.late] == ["BK-STP"]


def test_district_273_plan_follows_the_province_plan_of_22_september_2021() -> None:
    ex = load("district-273")
    (province,) = ex.plan.implements
    assert str(province.number) == "273/KH-UBND"
    assert province.issued == date(2021, 9, 22)
    assert ex.plan.issued == date(2021, 10, 19)
    assert ex.plan.number is None
    assert len(ex.plan.tasks) == 5
    assert all("PAR Index" in c for c in ex.plan.contents)


def test_gia_lam_counts_six_contents_twenty_one_tasks_and_its_activity() -> None:
    ex = load("gia-lam-9m-2021")
    assert len(ex.plan.contents) == 6
    assert [ReformArea.from_text(c) for c in ex.plan.contents] == list(REFORM_CONTENTS)
    assert len(ex.plan.tasks) == 21
    assert ex.report_period == reporting_period(ReportKind.NINE_MONTHS, 2021)
    report = ex.report()
    assert report.activity(ActivityKind.DOCUMENTS) == 62
    assert report.activity(ActivityKind.BROADCASTS, "Hệ thống phát thanh huyện") == 255
    assert report.activity(ActivityKind.BROADCASTS, "Đài truyền thanh xã, thị trấn") == 1700
    assert report.activity(ActivityKind.INSPECTION_TEAMS) == 2
    assert report.activity(ActivityKind.INSPECTED_UNITS) == 22
    assert len(ex.groups[0]) == 22
    assert report.totals.total == 21
    assert report.in_state(TaskState.OVERDUE)


# --- broken files -----------------------------------------------------------------------------


def test_text_that_is_not_toml_is_refused() -> None:
    assert errors_of("[example\nname = ") == [("data.toml", "")]


def test_every_problem_of_a_file_is_reported_with_its_path() -> None:
    text = text_of("gia-lam-9m-2021")
    broken = (
        text.replace("count = 62", "count = -62")
        .replace(
            "due = 2021-06-30\nupdates = [{ on = 2021-06-25",
            'due = "30/6"\nupdates = [{ on = 2021-06-25',
        )
        .replace(
            'kind = "phong"\nparent = "GL"\nillustrative = true',
            'kind = "ban"\nparent = "GL"\nillustrative = true',
            1,
        )
        .replace("[report]\n", '[report]\ncolour = "red"\n')
        .replace('measure = "percent"\ntarget = 85', 'measure = "percent"\ntarget = 85.5')
    )
    found = errors_of(broken)
    assert ("data.invalid", "units[2].kind") in found
    assert ("data.invalid", "plan.objectives[0].target") in found
    assert ("data.invalid", "plan.tasks[1].due") in found
    assert ("data.unknown-key", "report.colour") in found
    assert ("data.invalid", "report.activities[0].count") in found
    assert len(found) == 5


def test_a_file_breaking_its_rules_is_refused_with_the_rule_and_path() -> None:
    text = text_of("gia-lam-9m-2021")
    broken = text.replace('output = "Tỷ lệ văn bản ký số"\n', "").replace(
        'lead = "GL-TP"\noutput = "Báo cáo theo dõi', 'output = "Báo cáo theo dõi'
    )
    assert errors_of(broken) == [
        ("task.no-lead", "plan.tasks[2].lead"),
        ("task.no-output", "plan.tasks[20].output"),
    ]


def test_references_to_missing_directives_and_groups_are_reported() -> None:
    text = text_of("chau-thanh-2021").replace(
        'groups = ["PB", "XA"]\nframework', 'groups = ["PB", "KHOI"]\nframework'
    )
    assert errors_of(text) == [("data.unknown-group", "campaign.groups[1]")]
    text = text_of("district-273").replace(
        'implements = ["273/KH-UBND"]', 'implements = ["274/KH-UBND"]'
    )
    assert errors_of(text) == [("data.unknown-directive", "plan.implements[0]")]


def test_missing_and_misplaced_keys_are_reported_once_each() -> None:
    found = errors_of(
        '[example]\nname = "x"\n[rules]\noff = ["task.no-budget"]\n[plan]\nsummary = "KH"\n'
        'period = "năm 2021"\n[[plan.tasks]]\ncode = "1"\n[[units]]\nname = 3\n'
    )
    assert found == [
        ("data.missing-key", "example.title"),
        ("data.missing-key", "example.source"),
        ("data.invalid", "rules.off[0]"),
        ("data.missing-key", "units[0].code"),
        ("data.missing-key", "units[0].kind"),
        ("data.missing-key", "plan.tasks[0].title"),
    ]


# --- any data at all --------------------------------------------------------------------------

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3000),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.dates(date(1890, 1, 1), date(2150, 12, 31)),
    st.lists(st.text(max_size=5), max_size=2),
    st.builds(dict),  # a fresh table each time, never one shared with another draw
    st.builds(lambda: [{}]),
)


def paths_of(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths_of(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths_of(value, (*prefix, i))
    return found


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.data())
def test_no_data_makes_the_loader_fail_with_anything_but_a_cchc_error(
    name: str, data: st.DataObject
) -> None:
    tree = tomllib.loads(text_of(name))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths_of(tree)))
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = data.draw(LEAVES)
    try:
        example = _from_data(tree)
    except CchcError:
        return
    example.describe()


# --- bundled campaign results ------------------------------------------------------------------


def test_only_chau_thanh_ships_results_and_they_are_marked_illustrative() -> None:
    from importlib.resources import files

    assert results_names() == ("chau-thanh-2021",)
    text = (files("cchc.examples") / "chau-thanh-2021-results.toml").read_text("utf-8")
    assert "illustrative = true" in text
    assert "ILLUSTRATIVE" in text


def test_results_hold_every_stage_and_the_nominees() -> None:
    inputs = load_results("chau-thanh-2021")
    assert inputs.appraisal is not None
    assert inputs.survey is not None
    assert len(inputs.appraisal.units) == 3
    assert {c.group for c in inputs.individuals} == {"CN"}


def test_unknown_results_name_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="chau-thanh-2021"):
        load_results("van-ban-2023")


def test_malformed_results_report_every_problem_with_its_path() -> None:
    text = """
[results]
framework = "cchc-campaign-6"
colour = "red"
[[self]]
unit = "X"
"2.2" = "maybe"
[[appraisal]]
unit = "X"
criterion = "4.4"
value = 1
[[individuals]]
id = "A"
points = 1.5
nickname = "B"
"""
    with pytest.raises(InvalidDocumentError) as info:
        loads_results(text)
    paths = [f.path for f in info.value.findings]
    assert "results.colour" in paths
    assert any(p.startswith("self.") and "2.2" in p for p in paths)
    assert any(p.startswith("appraisal.") for p in paths)
    assert "individuals[0].nickname" in paths
    assert "individuals[0]" in paths


@pytest.mark.parametrize(
    "text",
    [
        "not = [toml",
        "[results]\nexample = 'x'\n",
        "[results]\nframework = 'no-such'\n",
        "[results]\nframework = 'cchc-campaign-6'\n",
    ],
)
def test_results_without_what_they_need_are_refused(text: str) -> None:
    with pytest.raises(InvalidDocumentError):
        loads_results(text)


# --- review fixes: paths name the file's keys, every problem at once --------------------------


def test_problems_are_reported_at_the_key_the_file_uses() -> None:
    base = text_of("district-273")
    assert errors_of(base + '\n[compliance]\nof = "999/KH-UBND"\nunits = ["A"]\n') == [
        ("data.invalid", "compliance.of")
    ]
    assert errors_of(base.replace('number = "273/KH-UBND"', 'number = "abc"')) == [
        ("data.invalid", "directives[0].number")
    ]
    bogus = base.replace("areas = []", 'areas = []\nseverity = { "bogus" = "error" }')
    assert errors_of(bogus) == [("data.invalid", "rules.severity.bogus")]


def test_a_directive_that_fails_to_load_is_not_also_reported_as_unknown() -> None:
    base = text_of("district-273")
    broken = base.replace('number = "273/KH-UBND"', 'number = "273/KH-UBND"\ntype = "XYZ"')
    assert errors_of(broken) == [("data.invalid", "directives[0].type")]


def test_an_illustrative_mark_must_name_keys_of_its_table() -> None:
    base = text_of("district-273")
    broken = base.replace(
        'illustrative = ["period", "participants"]', 'illustrative = ["perod", "participants"]'
    )
    assert errors_of(broken) == [("data.invalid", "plan.illustrative[0]")]


def test_data_problems_and_rule_findings_are_reported_together() -> None:
    text = text_of("gia-lam-9m-2021")
    broken = text.replace("count = 62", "count = -62").replace(
        'output = "Tỷ lệ văn bản ký số"\n', ""
    )
    assert errors_of(broken) == [
        ("data.invalid", "report.activities[0].count"),
        ("task.no-output", "plan.tasks[20].output"),
    ]


def test_every_unusable_part_is_reported_not_only_the_first() -> None:
    text = text_of("van-ban-2023")
    broken = text.replace("[compliance]\n", '[compliance]\nof = "999/KH-UBND"\n').replace(
        "as_of = 2023-04-03", "as_of = 2200-01-01"
    )
    found = errors_of(broken)
    assert ("data.invalid", "compliance.of") in found
    assert any(path.startswith("report") for _, path in found)
