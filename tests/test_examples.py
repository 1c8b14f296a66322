"""The bundled seed examples: each loads, passes its rules, states the article's facts, marks
what it adds, and a broken file reports every problem with its path."""

from __future__ import annotations

import contextlib
import importlib.resources
import json
import pickle
import re
import tomllib
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import formats
from cchc.areas import REFORM_CONTENTS, ReformArea
from cchc.awards import (
    CHAU_THANH_2021,
    FORMER_CSTDCS_QUOTA,
    Eligibility,
    MemberGate,
    MemberRequirement,
    PrizeStructure,
    Quota,
    RankBy,
    Rounding,
    TieSettlement,
    Title,
)
from cchc.calendar import Period, ReportingPeriod, ReportKind, reporting_period
from cchc.campaigns import CampaignKind, run_campaign
from cchc.errors import CchcError, InvalidDocumentError, NotFoundError, Severity
from cchc.examples import (
    Example,
    _example,
    demo,
    load,
    load_file,
    load_results,
    load_settlements,
    loads,
    loads_results,
    loads_settlements,
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
    assert errors_of("[example\nname = ") == [("data.syntax", "")]


def test_every_problem_of_a_file_is_reported_with_its_path() -> None:
    text = text_of("gia-lam-9m-2021")
    broken = (
        text.replace("count = 62", "count = -62")
        .replace(
            "due = 2021-06-30\nupdates = [{ on = 2021-06-25",
            'due = "30/6"\nupdates = [{ on = 2021-06-25',
        )
        .replace('kind = "phong"\nparent = "GL"\n', 'kind = "ban"\nparent = "GL"\n', 1)
        .replace("[report]\n", '[report]\ncolour = "red"\n')
        .replace('measure = "percent"\ntarget = 85', 'measure = "percent"\ntarget = "85.5.1"')
    )
    found = errors_of(broken)
    assert ("data.invalid", "units[1].kind") in found
    assert ("data.unreadable", "plan.objectives[0].target") in found
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
    # a directive the plan implements is written in full under it ([[plan.implements]])
    text = text_of("district-273").replace("[[plan.implements]]", "[[plan.implement]]")
    assert errors_of(text) == [("data.unknown-key", "plan.implement")]


def test_missing_and_misplaced_keys_are_reported_once_each() -> None:
    found = errors_of(
        '[example]\nname = "x"\n[rules]\noff = ["task.no-budget"]\n[plan]\nsummary = "KH"\n'
        'period = { start = 2021-01-01, end = 2021-12-31 }\n[[plan.tasks]]\ncode = "1"\n'
        "[[units]]\nname = 3\n"
    )
    assert found == [
        ("data.missing-key", "example.title"),
        ("data.missing-key", "example.source"),
        ("data.invalid", "rules.off[0]"),
        ("data.missing-key", "plan.tasks[0].title"),
        ("data.missing-key", "units[0].code"),
        ("data.wrong-type", "units[0].name"),
        ("data.missing-key", "units[0].kind"),
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
        example = formats.structure(tree, "example")
    except CchcError:
        return
    with contextlib.suppress(CchcError):  # a rule or a use may still refuse it
        _example(example, "example").describe()


# --- bundled campaign results ------------------------------------------------------------------


def test_only_chau_thanh_ships_results_and_they_are_marked_illustrative() -> None:
    from importlib.resources import files

    assert results_names() == ("chau-thanh-2021",)
    text = (files("cchc.examples") / "chau-thanh-2021-results.toml").read_text("utf-8")
    assert "illustrative = true" in text
    assert "ILLUSTRATIVE" in text
    assert formats.loads(text, "example-results").results.illustrative


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
[[self_assessments]]
unit = "X"
entries = [{ code = "2.2", value = 1 }]
[[individuals]]
id = "A"
group = "CN"
points = "một"
nickname = "B"
"""
    with pytest.raises(InvalidDocumentError) as info:
        loads_results(text)
    found = [(f.code, f.path) for f in info.value.findings]
    assert found == [
        ("data.unknown-key", "results.colour"),
        ("data.wrong-type", "self_assessments[0].entries[0].value"),
        ("data.unreadable", "individuals[0].points"),  # the field, not only the row
        ("data.unknown-key", "individuals[0].nickname"),
    ]


def test_values_a_framework_refuses_are_findings_in_the_caller_s_terms() -> None:
    text = """
[results]
framework = "cchc-campaign-6"
[[self_assessments]]
unit = "X"
entries = [{ code = "2.2", value = "maybe" }]
[[appraisals]]
unit = "X"
adjustments = [{ code = "9.9", value = "1", reason = "r" }]
"""
    with pytest.raises(InvalidDocumentError) as info:
        loads_results(text)
    paths = [f.path for f in info.value.findings]
    assert any(p.startswith("self_assessments[0].entries[0]") for p in paths), paths
    assert any(p.startswith("appraisals[0].adjustments[0]") for p in paths), paths


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
        ("data.unreadable", "plan.implements[0].number")
    ]
    bogus = base.replace("areas = []", 'areas = []\nseverity = { "bogus" = "error" }')
    assert errors_of(bogus) == [("data.invalid", "rules.severity.bogus")]


def test_a_directive_that_fails_to_load_is_not_also_reported_as_unknown() -> None:
    base = text_of("district-273")
    broken = base.replace('number = "273/KH-UBND"', 'number = "273/KH-UBND"\ndoc_type = "XYZ"')
    assert errors_of(broken) == [("data.invalid", "plan.implements[0].doc_type")]


def test_an_illustrative_path_must_name_a_part_of_the_file() -> None:
    base = text_of("district-273")
    assert errors_of(base.replace('"plan.period",', '"plan.perod",')) == [
        ("example.not-illustrated", "example.illustrative[0]")
    ]
    beyond = base.replace('"plan.tasks[4].area",', '"plan.tasks[40].area",')
    assert errors_of(beyond) == [("example.not-illustrated", "example.illustrative[27]")]


def test_a_file_with_data_problems_is_refused_before_its_rules_run() -> None:
    text = text_of("gia-lam-9m-2021")
    broken = text.replace("count = 62", "count = -62").replace(
        'output = "Tỷ lệ văn bản ký số"\n', ""
    )
    assert errors_of(broken) == [("data.invalid", "report.activities[0].count")]
    assert errors_of(text.replace('output = "Tỷ lệ văn bản ký số"\n', "")) == [
        ("task.no-output", "plan.tasks[20].output")
    ]


def test_every_unusable_part_is_reported_not_only_the_first() -> None:
    text = text_of("van-ban-2023")
    broken = text.replace("[compliance]\n", '[compliance]\nof = "999/KH-UBND"\n').replace(
        "as_of = 2023-04-03", "as_of = 2200-01-01"
    )
    found = errors_of(broken)
    assert ("data.invalid", "compliance.of") in found
    assert any(path.startswith("report") for _, path in found)


# --- what the files state as fact comes from the articles -------------------------------------

#: The sentences of each seed article that carry numbers, dates and document numbers, copied
#: from the articles (the files' headers cite them) so that the check runs anywhere.
SEED_TEXT = {
    "van-ban-2023": (
        "năm 2023 huyện Văn Bàn triển khai phong trào thi đua Cải cách hành chính. Thực hiện "
        "Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai về việc ban hành "
        "quy định phong trào thi đua “Cải cách hành chính trên địa bàn tỉnh Lào Cai” giai đoạn "
        "2021-2025, Ủy ban nhân dân huyện Văn Bàn ban hành Kế hoạch triển khai phong trào thi "
        "đua Cải cách hành chính năm 2023 trên địa bàn huyện Văn Bàn"
    ),
    "chau-thanh-2021": (
        "Ngày 05/5/2021, Hội đồng Thi đua - Khen thưởng huyện Châu Thành tham mưu Ủy ban nhân "
        "dân Huyện ban hành kế hoạch phát động phong trào thi đua chuyên đề “Thực hiện cải cách "
        "hành chính” huyện Châu Thành năm 2021. ... trong năm 2020 ... Thời gian thi đua từ ngày "
        "phát động thi đua đến ngày 31/12/2021. ... Phòng, ban, ngành huyện (01 giải nhất, 01 "
        "giải nhì, 01 giải ba và 01 giải khuyến khích); Ủy ban nhân dân xã, thị trấn (01 giải "
        "nhất, 01 giải nhì, 01 giải ba và 01 giải khuyến khích) và khen theo Nghị định cho 08 cá "
        "nhân có thành tích xuất sắc nhất trong phong trào thi đua./. Nguồn: KH 138/KH-UBND"
    ),
    "bac-kan-7946": (
        "ngày 25/11/2021 Uỷ ban nhân dân tỉnh Bắc Kạn ban hành văn bản chỉ đạo ... Nghị quyết số "
        "76/NQ-CP ngày 15/7/2021 của Chính phủ và Nghị quyết số 08-NQ/TU ngày 22/4/2021 của Ban "
        "Chấp hành Đảng bộ tỉnh, giai đoạn 2021 – 2025(Văn bản số 7946/UBND-NCPC). ... các "
        "nhiệm vụ phải đầy đủ 06 nội dung CCHC ... Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ "
        "tướng Chính phủ về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC nhà nước giai "
        "đoạn 2021 – 2030"
    ),
    "district-273": (
        "22/10/2021 Thực hiện Kế hoạch số 273/KH-UBND ngày 22 tháng 9 năm 2021 của Ủy ban nhân "
        "dân tỉnh về nâng cao Chỉ số Cải cách hành chính, Chỉ số Hiệu quả Quản trị và Hành chính "
        "công và Chỉ số Năng lực cạnh tranh của tỉnh năm 2021 và những năm tiếp theo. Ngày "
        "19/10/2021, Ủy ban nhân dân huyện ban hành kế hoạch"
    ),
    "gia-lam-9m-2021": (
        "Ngày đăng 20/10/2021 ... Ngày 19/10/2021, UBND huyện Gia Lâm tổ chức Hội nghị giao ban "
        "công tác cải cách hành chính (CCHC) 9 tháng năm 2021, triển khai Kế hoạch cải cách hành "
        "chính gia đoạn 2021-2025. ... điểm cầu 22 xã, thị trấn. ... triển khai 06 nội dung, 21 "
        "nhiệm vụ; xây dựng kế hoạch thuộc lĩnh vực CCHC giai đoạn 2021-2025; ban hành 62 văn "
        "bản chỉ đạo ... 255 bài, tài liệu phát trên hệ thống phát thanh huyện, 1.700 tin bài "
        "phát trên đài truyền thanh xã, thị trấn. ... Huyện đã thành lập 02 Tổ kiểm tra 22 xã, "
        "thị trấn."
    ),
}

_DOC_NUMBER = re.compile(r"\d+(?:/\d{4})?[/-][A-ZĐ]+(?:[-/][A-Za-zĐ]+)+")
_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _leaves(node: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(node, dict):
        out = []
        for key, value in node.items():
            out += _leaves(value, f"{path}.{key}" if path else key)
        return out
    if isinstance(node, list):
        return [leaf for i, v in enumerate(node) for leaf in _leaves(v, f"{path}[{i}]")]
    return [(path, node)]


def _marked(path: str, marks: tuple[str, ...]) -> bool:
    return any(path == m or path.startswith((f"{m}.", f"{m}[")) for m in marks)


def _date_in(day: date, text: str) -> bool:
    written = {(int(d), int(m), int(y)) for d, m, y in _DMY.findall(text)}
    spelled = f"ngày {day.day} tháng {day.month} năm {day.year}"
    return (day.day, day.month, day.year) in written or spelled in text


def _number_in(n: int, text: str) -> bool:
    forms = {str(n), f"{n:,}".replace(",", ".")}
    return any(re.search(rf"(?<![\d.,])0*{re.escape(f)}(?![\d])", text) for f in forms)


def _year_bound(path: str, day: date, text: str) -> bool:
    """A period's first or last day that the article gives by its year alone (“năm 2023”)."""
    first = path.endswith(".start") and (day.month, day.day) == (1, 1)
    last = path.endswith(".end") and (day.month, day.day) == (12, 31)
    return (first or last) and str(day.year) in text


def facts_not_in_the_article(name: str) -> list[tuple[str, object]]:
    """Every number, date and document number the file states as fact (outside what it marks
    illustrative, the example's notes and the code names) that its article does not carry."""
    article = SEED_TEXT[name]
    marks = load(name).illustrative
    wrong: list[tuple[str, object]] = []
    for path, value in _leaves(tomllib.loads(text_of(name))):
        if (
            _marked(path, marks)
            or path.startswith("example.notes")
            or path.endswith("illustrative")
        ):
            continue
        if isinstance(value, bool):
            continue
        missing_number = isinstance(value, int) and not _number_in(value, article)
        missing_date = (
            isinstance(value, date)
            and not _date_in(value, article)
            and not _year_bound(path, value, article)
        )
        if missing_number or missing_date:
            wrong.append((path, value))
        elif isinstance(value, str):
            for number in _DOC_NUMBER.findall(value):
                if number not in article:
                    wrong.append((path, number))
            for d, m, y in _DMY.findall(value):
                if not _date_in(date(int(y), int(m), int(d)), article):
                    wrong.append((path, f"{d}/{m}/{y}"))
    return wrong


@pytest.mark.parametrize("name", NAMES)
def test_every_number_date_and_document_number_stated_as_fact_is_in_the_article(
    name: str,
) -> None:
    assert facts_not_in_the_article(name) == []


def test_the_provenance_check_catches_a_fact_the_article_does_not_give() -> None:
    article = SEED_TEXT["gia-lam-9m-2021"]
    assert _number_in(1700, article)
    assert _number_in(2, article)
    assert not _number_in(23, article)
    assert _date_in(date(2021, 10, 19), article)
    assert not _date_in(date(2021, 10, 18), article)
    assert _date_in(date(2021, 9, 22), SEED_TEXT["district-273"])


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("gia-lam-9m-2021", "report.activities[4]"),
        ("gia-lam-9m-2021", "plan.summary"),
        ("gia-lam-9m-2021", "plan.reviews[0].kind"),
        ("gia-lam-9m-2021", "plan.tasks[0].title"),
        ("bac-kan-7946", "directives[2].implements"),
        ("bac-kan-7946", "plan.implements[0].summary"),
        ("van-ban-2023", "plan.objectives[0]"),
        ("van-ban-2023", "campaign.window"),
        ("district-273", "plan.issuer_unit"),
    ],
)
def test_what_the_articles_do_not_say_is_marked_illustrative(name: str, path: str) -> None:
    assert _marked(path, load(name).illustrative)


def test_the_cascade_check_is_told_in_plain_vietnamese() -> None:
    text = load("van-ban-2023").describe()
    assert "Các đơn vị triển khai Kế hoạch số 25/KH-UBND ngày 10/02/2023 của UBND huyện" in text
    assert "(cascade)" in text
    assert "dưới 25/KH-UBND" not in text
    assert "chưa đến hạn (pending): —" in text


def test_describe_names_units_and_groups_by_name_and_writes_vietnamese_numbers() -> None:
    text = load("van-ban-2023").describe()
    assert "Đối tượng (participants): Các cơ quan, đơn vị; UBND các xã, thị trấn" in text
    assert "chủ trì Phòng Nội vụ; phối hợp Văn phòng HĐND và UBND huyện;" in text
    assert "đúng hạn (on time): Phòng Nội vụ, Văn phòng HĐND và UBND huyện" in text
    assert "chậm (late): Thị trấn Khánh Yên" in text
    assert "chưa ban hành (missing): Phòng Tư pháp, Xã Khánh Yên Thượng" in text
    assert "VB-NV" not in text
    bac_kan = load("bac-kan-7946").describe()
    assert "giải quyết đúng hạn: 96,5 / 98; 50%" in bac_kan
    assert "96.5" not in bac_kan
    # an example without a unit tree keeps its codes
    assert "chủ trì H-VP" in load("district-273").describe()


def test_gia_lam_report_is_the_nine_month_report_of_2021() -> None:
    ex = load("gia-lam-9m-2021")
    assert ex.report_kind == ReportingPeriod(ReportKind.NINE_MONTHS, 2021)
    assert ex.report().reporting == ex.report_kind
    assert "kỳ báo cáo (period) 9 tháng năm 2021: 15/12/2020 – 14/9/2021" in ex.describe()


@pytest.mark.parametrize("name", names())
def test_every_issued_plan_hangs_under_each_directive_it_implements(name: str) -> None:
    ex = load(name)
    assert ex.plan.issued is not None
    own = ex.plan.as_directive()
    cascade = ex.cascade()
    parents = cascade.parents(own)
    assert len(parents) == len(ex.plan.implements)
    assert {p.identity for p in parents} == {d.identity for d in ex.plan.implements}


# --- files and text that cannot be read ---------------------------------------------------------


def test_a_missing_file_is_not_found_with_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "không-có.toml"
    with pytest.raises(NotFoundError) as err:
        load_file(missing)
    assert err.value.field == "path"
    assert str(missing) in str(err.value)
    assert "không tìm thấy tệp" in err.value.message_vi


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "thu-muc.toml"
    folder.mkdir()
    with pytest.raises(CchcError, match="cannot be read") as err:
        load_file(folder)
    assert str(folder) in str(err.value)
    assert err.value.field == "path"


def test_a_file_that_may_not_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "khoa.toml"
    path.write_text(text_of("district-273"), encoding="utf-8")

    def refuse(file: object, *args: object) -> object:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(formats, "open", refuse, raising=False)
    with pytest.raises(CchcError, match="Permission denied") as err:
        load_file(path)
    assert str(path) in str(err.value)
    assert "không đọc được tệp" in err.value.message_vi


@pytest.mark.parametrize("path", [None, 3, "", "   "])
def test_a_path_must_be_a_path(path: Any) -> None:
    with pytest.raises(CchcError):
        load_file(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.toml"
    path.write_bytes(text_of("district-273").encode("utf-16"))
    with pytest.raises(InvalidDocumentError, match="not UTF-8") as err:
        load_file(path)
    assert [f.code for f in err.value.findings] == ["data.syntax"]


def test_bytes_are_read_as_utf8() -> None:
    assert loads(text_of("district-273").encode("utf-8")) == load("district-273")


@pytest.mark.parametrize("text", [b"", "", "  \n\t", b"\n"])
def test_an_empty_file_is_refused(text: str | bytes) -> None:
    assert errors_of(text) == [  # type: ignore[arg-type]
        ("data.missing-key", "example"),
        ("data.missing-key", "rules"),
        ("data.missing-key", "plan"),
    ]
    with pytest.raises(InvalidDocumentError) as err:
        loads_results(text)
    assert [(f.code, f.path) for f in err.value.findings] == [("data.missing-key", "results")]


@pytest.mark.parametrize("text", [b"\xff\xfe[example]", b"name = '\xc3\x28'", b"\x80"])
def test_bytes_that_are_not_utf8_are_refused(text: bytes) -> None:
    with pytest.raises(InvalidDocumentError, match="not UTF-8") as err:
        loads(text)
    assert [f.code for f in err.value.findings] == ["data.syntax"]


def test_text_with_a_lone_surrogate_is_refused_at_its_place() -> None:
    text = text_of("district-273").replace("Tổ chức triển khai", "Tổ chức\ud800", 1)
    assert errors_of(text) == [("data.invalid", "plan.summary")]


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 10_000 + "]" * 10_000,
        "a = " + "{ b = " * 10_000 + "1" + " }" * 10_000,
        "a = [" + "[{ x = " * 70 + "1" + "}]" * 70 + "]",
        "a = " + "[" * 200_000,  # unclosed: refused before the parser recurses
    ],
)
def test_deeply_nested_toml_is_refused_before_parsing(text: str) -> None:
    with pytest.raises(InvalidDocumentError, match="nested deeper than 128") as err:
        loads(text)
    assert [f.code for f in err.value.findings] == ["data.too-deep"]
    with pytest.raises(InvalidDocumentError):
        loads_results(text)


def test_brackets_in_strings_and_comments_do_not_count_as_nesting() -> None:
    deep = "[" * 100
    lines = [f"# {deep}", f'x = "{deep}"', f"y = '{deep}'", 'z = """', deep, '"""']
    text = "\n".join(lines) + "\n" + text_of("district-273")
    assert errors_of(text) == [
        ("data.unknown-key", "x"),
        ("data.unknown-key", "y"),
        ("data.unknown-key", "z"),
    ]


def test_malformed_toml_says_where_in_vietnamese_too() -> None:
    with pytest.raises(InvalidDocumentError) as err:
        loads("[example\nname = ")
    (finding,) = err.value.findings
    assert finding.message_vi == "Tệp không đúng định dạng TOML (lỗi ở dòng 1, cột 9)"


def test_vietnamese_messages_are_wholly_vietnamese() -> None:
    text = text_of("district-273").replace("[example]", '[example]\ncolour = "đỏ"', 1)
    with pytest.raises(InvalidDocumentError) as err:
        loads(text)
    (finding,) = err.value.findings
    assert finding.message_vi == (
        "Trường “colour” không hợp lệ (dữ liệu loại này không có trường đó)"
    )
    with pytest.raises(InvalidDocumentError) as err:
        loads_results('[results]\nframework = "cchc-campaign-6"\nmau = 1\n[[self]]\nunit = "X"\n')
    vi = [f.message_vi for f in err.value.findings]
    assert "Trường “mau” không hợp lệ (dữ liệu loại này không có trường đó)" in vi
    assert not any("Khóa" in m or "'" in m for m in vi)


# --- fuzzing the text: nothing but a CchcError ----------------------------------------------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_no_text_makes_loads_raise_anything_but_a_cchc_error(text: str | bytes) -> None:
    with contextlib.suppress(CchcError):
        loads(text)
    with contextlib.suppress(CchcError):
        loads_results(text)
    with contextlib.suppress(CchcError):
        loads_settlements(text)


TOML_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        '"',
        "'",
        "=",
        "\n",
        "#",
        ".",
        ",",
        "[[",
        "]]",
        '"""',
        "\\",
        "x",
        "1",
        "1e999999999",
        "-",
        "2021-13-40",
        "true",
        "\ud800",
        "\x00",
        "nan",
        "inf",
    ]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.data())
def test_no_mutated_file_makes_loads_raise_anything_but_a_cchc_error(
    name: str, data: st.DataObject
) -> None:
    text = text_of(name)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 20))
        text = text[:at] + data.draw(TOML_PIECES | st.text(max_size=5)) + text[at + cut :]
    try:
        example = loads(text)
    except CchcError:
        return
    example.describe()


# --- titles and the council's settlements of ties, as data (issue 9) --------------------------
# The titles, shares, quotas and settlements below are illustrative.

TITLES = """
[[campaign.prizes.titles]]
code = "LĐTT"
name = "Lao động tiên tiến"
group = "CN"
eligibility = { min_points = "90" }

[[campaign.prizes.titles]]
code = "CSTĐCS"
name = "Chiến sĩ thi đua cơ sở"
group = "CN"
requires = "LĐTT"
quota = { percent = 15, rounding = "floor", of = "LĐTT", source = "minh họa" }

[[campaign.prizes.titles]]
code = "TTLĐXS"
name = "Tập thể lao động xuất sắc"
group = "PB"

[campaign.prizes.titles.members]
group = "CN"

[[campaign.prizes.titles.members.requirements]]
title = "LĐTT"
min_share = "7/10"

[[campaign.prizes.titles.members.requirements]]
title = "CSTĐCS"
min_count = 1
"""

PY_TITLES = (
    Title("LĐTT", "Lao động tiên tiến", "CN", Eligibility(min_points=Decimal(90))),
    Title(
        "CSTĐCS",
        "Chiến sĩ thi đua cơ sở",
        "CN",
        quota=Quota(15, Rounding.FLOOR, of="LĐTT", source="minh họa"),
        requires="LĐTT",
    ),
    Title(
        "TTLĐXS",
        "Tập thể lao động xuất sắc",
        "PB",
        members=MemberGate(
            "CN",
            [
                MemberRequirement("LĐTT", min_share=Fraction(7, 10)),
                MemberRequirement("CSTĐCS", min_count=1),
            ],
        ),
    ),
)


def prizes_of(ex: Example) -> PrizeStructure:
    assert ex.campaign is not None
    assert ex.campaign.prizes is not None
    return ex.campaign.prizes


def chau_thanh(extra: str = TITLES) -> str:
    return text_of("chau-thanh-2021") + extra


def results_text(extra: str = "") -> str:
    return text_of("chau-thanh-2021-results") + extra


def test_titles_are_read_from_the_prize_section() -> None:
    ex = loads(chau_thanh())
    assert prizes_of(ex).titles == PY_TITLES
    assert prizes_of(ex) == attrs.evolve(CHAU_THANH_2021, titles=PY_TITLES)
    assert ex.findings() == ()


def test_the_bundled_campaign_has_no_titles() -> None:
    ex = load("chau-thanh-2021")
    assert prizes_of(ex).titles == ()


@pytest.mark.parametrize(
    ("written", "share"),
    [('"7/10"', Fraction(7, 10)), ("0.665", Fraction(133, 200)), ('"2/3"', Fraction(2, 3))],
)
def test_a_share_of_members_is_written_exactly_as_a_share(written: str, share: Fraction) -> None:
    ex = loads(chau_thanh(TITLES.replace('min_share = "7/10"', f"min_share = {written}")))
    gate = prizes_of(ex).titles[2].members
    assert gate is not None
    assert gate.requirements[0].min_share == share


def test_a_requirement_may_give_both_a_share_and_a_count() -> None:
    text = chau_thanh(TITLES.replace("min_count = 1", 'min_count = 1\nmin_share = "1/10"'))
    ex = loads(text)
    gate = prizes_of(ex).titles[2].members
    assert gate is not None
    assert gate.requirements[1] == MemberRequirement("CSTĐCS", Fraction(1, 10), 1)


def test_a_prize_level_takes_a_quota_written_as_a_title_s_is() -> None:
    level = '{ code = "kk", name = "Giải Khuyến khích", count = 1 }'
    capped = level.replace(" }", ', quota = { percent = 10, rounding = "half-up" } }')
    ex = loads(text_of("chau-thanh-2021").replace(level, capped, 1))
    assert prizes_of(ex).groups[0].levels[3].quota == Quota(10, Rounding.HALF_UP)
    assert prizes_of(ex).groups[1].levels[3].quota is None


def test_one_prize_per_recipient_can_be_switched_off() -> None:
    text = text_of("chau-thanh-2021").replace(
        "[campaign.prizes]\n", "[campaign.prizes]\none_prize_per_recipient = false\n"
    )
    ex = loads(text)
    assert prizes_of(ex).one_prize_per_recipient is False


def test_titles_read_from_the_file_are_given_by_the_campaign() -> None:
    ex = loads(chau_thanh())
    assert ex.campaign is not None
    result = run_campaign(ex.campaign, load_results("chau-thanh-2021"))
    decision = result.decision
    assert [a.recipient for a in decision.awards_in("CN", "LĐTT")] == [
        f"CN-0{i}" for i in range(1, 9)
    ]
    assert [a.recipient for a in decision.awards_in("CN", "CSTĐCS")] == ["CN-01"]
    (collective,) = decision.awards_in("PB", "TTLĐXS")
    assert collective.recipient == "CT-NV"
    assert "đạt LĐTT ≥ 70%" in collective.conditions[0].vi


def _title_errors(extra: str) -> list[tuple[str, str]]:
    return errors_of(chau_thanh(extra))


T = "[[campaign.prizes.titles]]\n"
P = "campaign.prizes.titles"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            T + 'code = "A"\n',
            [("data.missing-key", f"{P}[0].name"), ("data.missing-key", f"{P}[0].group")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\ncolour = 1\n',
            [("data.unknown-key", f"{P}[0].colour")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "ZZ"\n',
            [("data.invalid", f"{P}[0].group")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\nrequires = "B"\n',
            [("data.invalid", f"{P}[0].requires")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\nrank_by = "height"\n',
            [("data.invalid", f"{P}[0].rank_by")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\neligibility = { min_points = "chín" }\n',
            [("data.unreadable", f"{P}[0].eligibility.min_points")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\neligibility = { points = 9 }\n',
            [("data.unknown-key", f"{P}[0].eligibility.points")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\nquota = { percent = 120 }\n',
            [("data.invalid", f"{P}[0].quota.percent")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\nquota = { of = "A" }\n',
            [("data.missing-key", f"{P}[0].quota.percent")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\nquota = { percent = 15, rounding = "x" }\n',
            [("data.invalid", f"{P}[0].quota.rounding")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\nquota = { percent = 15, of = "B" }\n',
            [("data.invalid", f"{P}[0].quota.of")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "PB"\nmembers = 3\n',
            [("data.not-a-table", f"{P}[0].members")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "PB"\nmembers = { requirements = [], x = 1 }\n',
            [
                ("data.missing-key", f"{P}[0].members.group"),
                ("data.unknown-key", f"{P}[0].members.x"),
            ],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "PB"\n'
            'members = { group = "CN", requirements = [] }\n',
            [("data.invalid", f"{P}[0].members.requirements")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "PB"\nmembers = { group = "CN" }\n',
            [("data.missing-key", f"{P}[0].members.requirements")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "CN"\n'
            'members = { group = "CN", requirements = [{ title = "A", min_count = 1 }] }\n',
            [("data.invalid", f"{P}[0].members.group")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "PB"\n'
            'members = { group = "ZZ", requirements = [{ title = "A", min_count = 1 }] }\n',
            [("data.invalid", f"{P}[0].members.group")],
        ),
        (
            T + 'code = "A"\nname = "A"\ngroup = "PB"\n'
            'members = { group = "CN", requirements = [{ title = "B", min_count = 1 }] }\n'
            + T
            + 'code = "B"\nname = "B"\ngroup = "CN"\n',
            [("data.invalid", f"{P}[0].members.requirements[0].title")],
        ),
        (
            T
            + 'code = "B"\nname = "B"\ngroup = "PB"\n'
            + T
            + 'code = "A"\nname = "A"\ngroup = "PB"\n'
            'members = { group = "CN", requirements = [{ title = "B", min_count = 1 }] }\n',
            [("data.invalid", f"{P}[1].members.requirements[0].title")],
        ),
        (
            T
            + 'code = "B"\nname = "B"\ngroup = "CN"\n'
            + T
            + 'code = "A"\nname = "A"\ngroup = "PB"\nmembers = { group = "CN", requirements = '
            '[{ title = "B", min_count = 1 }, { title = "b", min_share = "1/20" }] }\n',
            [("data.invalid", f"{P}[1].members.requirements[1].title")],
        ),
        (
            T
            + 'code = "B"\nname = "B"\ngroup = "CN"\n'
            + T
            + 'code = "A"\nname = "A"\ngroup = "PB"\nmembers = { group = "CN", requirements = ['
            '{ title = "B" }, { title = "B", min_share = "17/10" }, '
            '{ title = "B", min_share = "bảy" }, { title = "B", min_share = 0.7 }, '
            '{ title = "B", min_count = -1 }, { title = "B", min_count = true }, '
            '{ title = "B", min_percent = 70 }] }\n',
            [
                ("data.invalid", f"{P}[1].members.requirements[0].min_share"),
                ("data.invalid", f"{P}[1].members.requirements[1].min_share"),
                ("data.unreadable", f"{P}[1].members.requirements[2].min_share"),
                ("data.invalid", f"{P}[1].members.requirements[4].min_count"),
                ("data.wrong-type", f"{P}[1].members.requirements[5].min_count"),
                ("data.unknown-key", f"{P}[1].members.requirements[6].min_percent"),
            ],
        ),
    ],
)
def test_every_problem_with_a_title_is_a_finding_at_its_path(
    extra: str, expected: list[tuple[str, str]]
) -> None:
    assert _title_errors(extra) == expected


def test_titles_that_are_not_a_list_are_refused_at_their_path() -> None:
    text = text_of("chau-thanh-2021").replace(
        "[campaign.prizes]\n", '[campaign.prizes]\ntitles = "LĐTT"\n'
    )
    assert errors_of(text) == [("data.not-a-list", f"{P}")]


def test_one_prize_per_recipient_must_be_true_or_false() -> None:
    text = text_of("chau-thanh-2021").replace(
        "[campaign.prizes]\n", '[campaign.prizes]\none_prize_per_recipient = "có"\n'
    )
    with pytest.raises(InvalidDocumentError) as err:
        loads(text)
    (finding,) = err.value.findings
    assert finding.path == "campaign.prizes.one_prize_per_recipient"
    assert "True" not in finding.message_vi


def test_problems_with_titles_and_settlements_are_wholly_vietnamese() -> None:
    extra = (
        T + 'code = "A"\nname = "A"\ngroup = "PB"\nmembers = { group = "CN", requirements = '
        '[{ title = "A" }, { title = "A", min_share = true }, { title = "A", min_count = []}] }\n'
    )
    with pytest.raises(InvalidDocumentError) as err:
        loads(chau_thanh(extra))
    vi = [f.message_vi for f in err.value.findings]
    with pytest.raises(InvalidDocumentError) as err:
        loads_settlements(results_text(SETTLEMENT.replace('["CN-09", "khen"]', '["CN-09"]')))
    vi += [f.message_vi for f in err.value.findings]
    assert len(vi) == 4
    for message in vi:
        assert not re.search(r"'|\bNone\b|\bTrue\b|\bFalse\b|\(\)", message), message


def _toml_value(value: object) -> str:
    """A value as a person writes it in TOML (the test's own writer of settlements)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, Fraction | Decimal):
        return f'"{value}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    share=st.fractions(min_value=0, max_value=1, max_denominator=1000),
    percent=st.fractions(min_value=0, max_value=100, max_denominator=1000),
    count=st.none() | st.integers(0, 50),
    rounding=st.sampled_from(list(Rounding)),
    points=st.decimals(min_value=0, max_value=100, places=2),
    evidence=st.booleans(),
)
def test_titles_written_in_python_read_back_equal(
    share: Fraction,
    percent: Fraction,
    count: int | None,
    rounding: Rounding,
    points: Decimal,
    evidence: bool,
) -> None:
    titles = (
        Title(
            "LDTT",
            "Lao động tiên tiến",
            "CN",
            Eligibility(
                min_band="B",
                band_order=("A", "B", "C"),
                min_points=points,
                min_index=percent,
                disqualifying_flags={"kỷ luật"},
                evidence_required=evidence,
            ),
            rank_by=RankBy.INDEX,
        ),
        Title(
            "CSTĐCS",
            "Chiến sĩ thi đua cơ sở",
            "CN",
            quota=Quota(percent, rounding, of="LDTT", source="minh họa"),
            requires="LDTT",
        ),
        Title("TTLĐTT", "Tập thể lao động tiên tiến", "XA", quota=FORMER_CSTDCS_QUOTA),
        Title(
            "TTLĐXS",
            "Tập thể lao động xuất sắc",
            "PB",
            members=MemberGate(
                "CN",
                [
                    MemberRequirement("LDTT", min_share=share, min_count=count),
                    MemberRequirement("CSTĐCS", min_count=1),
                ],
            ),
        ),
    )
    file = load("chau-thanh-2021").file
    assert file is not None
    assert file.campaign is not None
    assert file.campaign.prizes is not None
    prizes = attrs.evolve(file.campaign.prizes, titles=titles)
    written = attrs.evolve(file, campaign=attrs.evolve(file.campaign, prizes=prizes))
    ex = loads(formats.dumps(written))
    assert prizes_of(ex).titles == titles
    assert ex.file == written


def test_titles_read_from_the_file_round_trip_through_json() -> None:
    ex = loads(chau_thanh())
    prizes = prizes_of(ex)
    assert from_json(to_json(prizes), PrizeStructure) == prizes


# --- the council's settlements in the results file

SETTLEMENT = """
[[settlements]]
group = "CN"
places = [["CN-09", "khen"]]
number = "12/BB-HĐTĐKT"
issued = 2021-12-05
council = "Hội đồng Thi đua - Khen thưởng huyện"
"""

# CN-08 and CN-09 tie for the eighth commendation, which is left to the council
TIED = text_of("chau-thanh-2021-results").replace('points = "88"', 'points = "90.5"')


def test_the_bundled_results_have_no_settlements() -> None:
    assert load_settlements("chau-thanh-2021") == ()
    assert loads_settlements(results_text()) == ()
    with pytest.raises(NotFoundError, match="chau-thanh-2021"):
        load_settlements("van-ban-2023")


def test_a_settlement_is_read_from_the_results_file() -> None:
    (settlement,) = loads_settlements(results_text(SETTLEMENT))
    assert settlement == TieSettlement(
        "CN",
        [("CN-09", "khen")],
        "12/BB-HĐTĐKT",
        date(2021, 12, 5),
        council="Hội đồng Thi đua - Khen thưởng huyện",
    )
    # the inputs are read as before, the settlements beside them (tables compare as JSON)
    read = loads_results(results_text(SETTLEMENT))
    assert to_json(read) == to_json(load_results("chau-thanh-2021"))


def test_the_council_default_applies_when_the_file_names_none() -> None:
    text = results_text(
        SETTLEMENT.replace('council = "Hội đồng Thi đua - Khen thưởng huyện"\n', "")
    )
    (settlement,) = loads_settlements(text)
    assert settlement.council == "Hội đồng Thi đua - Khen thưởng"


def test_a_settlement_read_from_the_file_settles_the_campaign_s_tie() -> None:
    ex = load("chau-thanh-2021")
    assert ex.campaign is not None
    left = run_campaign(ex.campaign, loads_results(TIED))
    (tie,) = left.decision.ties
    assert tie.candidates == ("CN-08", "CN-09")
    text = TIED + SETTLEMENT
    settled = run_campaign(ex.campaign, loads_results(text), settlements=loads_settlements(text))
    assert settled.decision.ties == ()
    last = settled.decision.awards_in("CN")[-1]
    assert last.recipient == "CN-09"
    assert "12/BB-HĐTĐKT ngày 05/12/2021" in last.reason.vi


def test_a_settlement_written_in_python_reads_back_equal() -> None:
    settlement = TieSettlement(
        "XA", {"xa-an-khanh": "nhi", "tt-chau-thanh": "ba"}, "7/QĐ-HĐTĐKT", date(2022, 1, 3)
    )
    table = {
        "group": settlement.group,
        "places": [list(p) for p in settlement.places],
        "number": str(settlement.number),
        "issued": settlement.issued,
        "council": settlement.council,
    }
    text = "\n[[settlements]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in table.items())
    assert loads_settlements(results_text(text)) == (settlement,)


S = "\n[[settlements]]\n"
GOOD = 'group = "CN"\nplaces = [["CN-09", "khen"]]\nnumber = "12/BB-HĐTĐKT"\nissued = 2021-12-05\n'


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (S + 'group = "CN"\n', ["places", "number", "issued"]),
        (S + GOOD + "colour = 1\n", ["colour"]),
        (S + GOOD.replace("2021-12-05", '"05/12/2021"'), ["issued"]),
        (S + GOOD.replace("2021-12-05", "2021-12-05T10:00:00"), ["issued"]),
        (S + GOOD.replace("2021-12-05", "2020-12-05").replace("12/BB", "12/2021/BB"), ["issued"]),
        (S + GOOD.replace("12/BB-HĐTĐKT", "XYZ"), ["number"]),
        (S + GOOD.replace('[["CN-09", "khen"]]', "[]"), ["places"]),
        (S + GOOD.replace('[["CN-09", "khen"]]', '[["CN-09", "khen", 1]]'), ["places[0]"]),
        (S + GOOD.replace('[["CN-09", "khen"]]', '[["CN-09", 1]]'), ["places[0][1]"]),
        (
            S + GOOD.replace('[["CN-09", "khen"]]', '[["CN-09", "khen"], ["cn-09", "khen"]]'),
            ["places[1][0]"],
        ),
        (S + GOOD + 'council = ""\n', ["council"]),
        (S + GOOD.replace('group = "CN"', "group = 1"), ["group"]),
    ],
)
def test_every_problem_with_a_settlement_is_a_finding_at_its_path(
    extra: str, expected: list[str]
) -> None:
    with pytest.raises(InvalidDocumentError) as err:
        loads_settlements(results_text(S + GOOD + extra))
    assert [f.path for f in err.value.findings] == [f"settlements[1].{p}" for p in expected]
    with pytest.raises(InvalidDocumentError):
        loads_results(results_text(extra))  # the results are refused with them


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("settlements = 3\n", [("data.not-a-list", "settlements")]),
        ("settlements = [3]\n", [("data.not-a-table", "settlements[0]")]),
        ("\n[[settlement]]\n" + GOOD, [("data.unknown-key", "settlement")]),
    ],
)
def test_a_misspelt_or_misshapen_settlements_table_is_reported(
    extra: str, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(InvalidDocumentError) as err:
        loads_results(extra + results_text())
    assert [(f.code, f.path) for f in err.value.findings] == expected


TOML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.text(max_size=12)
    | st.dates()
    | st.datetimes()
    | st.sampled_from(["12/BB-HĐTĐKT", "CN", "khen", "CN-09", "70", "7/10", "-1", "1e999"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)


def _fuzzed(data: st.DataObject, table: dict[str, object]) -> dict[str, object]:
    key = data.draw(st.sampled_from(sorted(table)))
    value = data.draw(TOML_VALUES)
    return {k: v for k, v in table.items() if k != key} if value is None else {**table, key: value}


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_value_in_a_title_or_settlement_raises_anything_but_a_finding(
    data: st.DataObject,
) -> None:
    parsed = tomllib.loads(chau_thanh())
    titles = parsed["campaign"]["prizes"]["titles"]
    i = data.draw(st.integers(0, 2))
    titles[i] = _fuzzed(data, titles[i])
    gate = titles[2].get("members")
    if isinstance(gate, dict) and isinstance(gate.get("requirements"), list):
        reqs = gate["requirements"]
        if reqs and isinstance(reqs[0], dict):
            reqs[0] = _fuzzed(data, reqs[0])
    with contextlib.suppress(CchcError):
        _example(formats.structure(parsed, "example"), "example")
    table: dict[str, object] = {
        "group": "CN",
        "places": [["CN-09", "khen"]],
        "number": "12/BB-HĐTĐKT",
        "issued": date(2021, 12, 5),
    }
    row = _fuzzed(data, table)
    text = "\n[[settlements]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in row.items())
    with contextlib.suppress(InvalidDocumentError):
        loads_settlements(results_text(text))


def test_the_chau_thanh_prizes_in_the_campaign_file_are_the_python_constant() -> None:
    from cchc import formats
    from cchc.awards import CHAU_THANH_2021, PrizeStructure

    campaign = load("chau-thanh-2021").campaign
    assert campaign is not None
    assert campaign.prizes == CHAU_THANH_2021
    assert formats.loads(formats.dumps(campaign.prizes), PrizeStructure) == CHAU_THANH_2021


# --- the bundled files are files of cchc.formats ----------------------------------------------


def bundled_files() -> list[tuple[str, str]]:
    return [(name, "example") for name in NAMES] + [
        (f"{name}-results", "example-results") for name in results_names()
    ]


def shipped_schema(kind: str) -> dict[str, Any]:
    resource = importlib.resources.files("cchc.schemas") / f"{kind}.schema.json"
    loaded: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize(("name", "kind"), bundled_files())
@pytest.mark.parametrize("format", ["toml", "json"])
def test_each_bundled_file_reads_back_equal_from_what_is_written(
    name: str, kind: str, format: formats.Format
) -> None:
    value = formats.loads(text_of(name), kind)
    assert formats.loads(formats.dumps(value, format), kind, format=format) == value


@pytest.mark.parametrize(("name", "kind"), bundled_files())
def test_each_bundled_file_validates_against_its_shipped_schema(name: str, kind: str) -> None:
    schema = shipped_schema(kind)
    data = formats.json_data(tomllib.loads(text_of(name), parse_float=Decimal))
    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        # TOML has no null: a field that may be None is left out, which only the schema of
        # the JSON form requires to be written
        assert error.validator == "required", error.message
        missing = re.fullmatch(r"'(\w+)' is a required property", error.message)
        assert missing is not None, error.message
        assert {"type": "null"} in error.schema["properties"][missing[1]]["anyOf"]
    jsonschema.validate(
        formats.unstructure(formats.loads(text_of(name), kind)), shipped_schema(kind)
    )


def test_an_example_written_as_json_loads_as_the_bundled_one(tmp_path: Path) -> None:
    ex = load("bac-kan-7946")
    assert ex.file is not None
    path = tmp_path / "bac-kan.json"
    formats.dump(ex.file, path)
    assert load_file(path) == ex
    assert loads(path.read_text(encoding="utf-8"), format="json") == ex


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('[[units]]\ncode = "CT"\n', '[[units]]\nma = 1\ncode = "CT"\n'),
            ("data.unknown-key", "units[0].ma"),
        ),
        (("staff = 9\n", 'staff = "9"\n'), ("data.wrong-type", "units[4].staff")),
        (
            ('framework = "cchc-campaign-6"', "framework = 3"),
            ("data.wrong-type", "campaign.framework"),
        ),
        (
            ('name = "Phòng, ban, ngành huyện"\nmembers', "members"),
            ("data.missing-key", "groups[0].name"),
        ),
        (
            ("count = 8", "count = -8"),
            ("data.invalid", "campaign.prizes.groups[2].levels[0].count"),
        ),
        (
            ('framework = "cchc-campaign-6"', 'framework = "cchc-campaign-7"'),
            ("data.invalid", "campaign.framework"),
        ),
        (("[[plan.reviews]]\n", "[[plan.reviews]]\nkind = 2\n"), ("data.syntax", "")),  # twice
    ],
)
def test_a_fault_in_an_example_file_is_a_finding_at_its_path_with_a_data_code(
    change: tuple[str, str], expected: tuple[str, str]
) -> None:
    text = text_of("chau-thanh-2021")
    assert change[0] in text
    found = errors_of(text.replace(change[0], change[1], 1))
    assert found == [expected]


def test_a_fault_in_a_results_file_is_a_finding_at_its_path_with_a_data_code() -> None:
    text = results_text().replace('unit = "CT-TP"\nentries', 'unit = "CT-TP"\nnote = 1\nentries', 1)
    with pytest.raises(InvalidDocumentError) as err:
        loads_results(text)
    assert [(f.code, f.path) for f in err.value.findings] == [
        ("data.unknown-key", "self_assessments[1].note")
    ]
    text = results_text().replace('points = "97"', "points = true", 1)
    with pytest.raises(InvalidDocumentError) as err:
        loads_results(text)
    assert [(f.code, f.path) for f in err.value.findings] == [
        ("data.wrong-type", "individuals[0].points")
    ]


def test_the_illustrative_paths_of_the_bundled_files_each_name_a_part_of_the_file() -> None:
    for name in NAMES:
        ex = load(name)
        assert ex.file is not None
        assert ex.illustrative == ex.file.example.illustrative
        assert len(set(ex.illustrative)) == len(ex.illustrative), name


def test_a_unit_assessed_twice_in_a_results_file_is_a_finding_at_the_second() -> None:
    twice = """
[results]
framework = "cchc-campaign-6"
[[self_assessments]]
unit = "X"
entries = [{ code = "1.1", value = "1" }]
[[self_assessments]]
unit = "x"
entries = [{ code = "1.1", value = "2" }]
"""
    with pytest.raises(InvalidDocumentError) as err:
        loads_results(twice)
    assert [(f.code, f.path) for f in err.value.findings] == [
        ("table.duplicate-unit", "self_assessments[1].unit")
    ]


def test_the_chau_thanh_prize_structure_has_one_definition_the_campaign_file() -> None:
    from cchc import awards

    # not a value the module holds: read from the bundled file when asked for
    assert "CHAU_THANH_2021" not in vars(awards)
    file = load("chau-thanh-2021").file
    assert file is not None
    assert file.campaign is not None
    assert file.campaign.prizes == awards.CHAU_THANH_2021
    assert awards.CHAU_THANH_2021 is awards.CHAU_THANH_2021  # read once
    with pytest.raises(AttributeError):
        awards.CHAU_THANH_2022  # noqa: B018
