"""cchc.formats: one reader and writer for every kind of file the library reads, TOML and JSON,
with one JSON Schema per kind; every problem a finding at its path in the caller's terms, the
same fault with the same code in every file."""

from __future__ import annotations

import contextlib
import importlib.resources
import json
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import formats
from cchc.awards import CHAU_THANH_2021, PrizeStructure
from cchc.campaigns import Campaign
from cchc.criteria import Framework, bundled_frameworks, load_bundled, parse_framework
from cchc.errors import (
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.examples import load as load_example
from cchc.plans import Plan, StatusUpdate, TaskStatus
from cchc.scoring import Appraisal, SelfAssessment

ASSESSMENTS = [
    {"unit": "X01", "entries": [{"code": "1.1", "value": "2"}]},
    {"unit": "X02", "entries": [{"code": "1.1", "value": "yes", "evidence": ["QĐ 12"]}]},
    {"unit": "X03", "entries": [{"code": "1.1", "value": "1.5", "explanation": "Đã bổ sung"}]},
]


CRITERION = '[[criteria]]\ncode = "1"\ntitle = "A"\nmaximum = 1\n'


def example_values() -> dict[str, Any]:
    """One value of each kind a user loads, from the bundled data."""
    ex = load_example("chau-thanh-2021")
    assert ex.campaign is not None
    return {
        "framework": load_bundled("cchc-campaign-6"),
        "plan": ex.plan,
        "campaign": ex.campaign,
        "self-assessments": formats.structure(ASSESSMENTS, list[SelfAssessment]),
        "status-updates": [
            StatusUpdate(date(2021, 6, 1), TaskStatus.DONE, evidence="15/BC-UBND"),
            StatusUpdate(date(2021, 5, 20), TaskStatus.IN_PROGRESS, percent=40, note="Đang làm"),
        ],
    }


# --- what is written reads back equal ---------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["framework", "plan", "campaign", "self-assessments", "status-updates"]
)
@pytest.mark.parametrize("format", ["toml", "json"])
def test_every_kind_reads_back_equal_from_toml_and_json(kind: str, format: formats.Format) -> None:
    value = example_values()[kind]
    text = formats.dumps(value, format)
    assert formats.loads(text, kind, format=format) == value
    assert formats.structure(formats.unstructure(value), kind) == value


@pytest.mark.parametrize("format", ["toml", "json"])
def test_files_read_back_equal_and_the_format_comes_from_the_extension(
    tmp_path: Path, format: str
) -> None:
    value = example_values()["plan"]
    path = tmp_path / f"ke-hoach.{format}"
    formats.dump(value, path)
    assert formats.load(path, Plan) == value
    assert formats.load(str(path), "plan") == value
    text = path.read_text(encoding="utf-8")
    if format == "json":
        assert json.loads(text)["number"] == str(value.number)
    else:
        assert tomllib.loads(text)["issued"] == value.issued  # a TOML date, not text


def test_the_chau_thanh_prize_policy_is_written_in_a_file_and_read_back_equal() -> None:
    text = formats.dumps(CHAU_THANH_2021)
    assert "[[groups]]" in text
    assert 'name = "Giải Khuyến khích"' in text
    assert formats.loads(text, PrizeStructure) == CHAU_THANH_2021
    campaign = example_values()["campaign"]
    assert isinstance(campaign, Campaign)
    assert campaign.prizes is not None
    assert "[prizes]" in formats.dumps(campaign)


def test_a_framework_file_may_hold_its_fields_in_a_framework_table_or_at_the_top() -> None:
    fw = load_bundled("ca-mau-1880-2013")
    flat = formats.dumps(fw)
    assert "[framework]" not in flat
    assert formats.loads(flat, Framework) == fw == parse_framework(flat)
    resource = importlib.resources.files("cchc.frameworks") / "ca-mau-1880-2013.toml"
    assert formats.loads(resource.read_text(encoding="utf-8"), "framework") == fw


def test_a_field_given_in_the_framework_table_and_outside_it_is_refused() -> None:
    text = 'id = "a"\n[framework]\nid = "b"\ntitle = "B"\n' + CRITERION
    with pytest.raises(ParseError) as caught:
        formats.loads(text, Framework)
    assert [(f.code, f.path) for f in caught.value.findings] == [("data.duplicate-key", "id")]


def test_a_list_in_toml_is_written_under_items() -> None:
    updates = example_values()["status-updates"]
    text = formats.dumps(updates)
    assert text.startswith("items = [")
    assert formats.loads(text, list[StatusUpdate]) == updates
    assert formats.loads("", "status-updates") == []
    with pytest.raises(ParseError) as caught:
        formats.loads('[[updates]]\non = 2021-06-01\nstatus = "done"', "status-updates")
    assert [(f.code, f.path) for f in caught.value.findings] == [("data.unknown-key", "updates")]


# --- every problem a finding at its path, in the caller's terms -------------------------------


def test_structure_takes_already_parsed_data_and_names_paths_in_the_callers_terms() -> None:
    body = json.loads(json.dumps(ASSESSMENTS))
    body[2]["entries"][0]["value"] = 1.5  # a JSON float
    body[1]["entries"][0]["colour"] = "đỏ"
    del body[0]["unit"]
    with pytest.raises(ParseError) as caught:
        formats.structure(body, "self-assessments")
    found = sorted((f.path, f.code) for f in caught.value.findings)
    assert found == [
        ("[0].unit", "data.missing-key"),
        ("[1].entries[0].colour", "data.unknown-key"),
        ("[2].entries[0].value", "data.wrong-type"),
    ]
    for finding in caught.value.findings:
        assert finding.message_vi
        assert finding.message_en.startswith(finding.path)


def test_a_batch_wrapped_in_an_object_names_its_key() -> None:
    with pytest.raises(ParseError) as caught:
        formats.structure({"units": [ASSESSMENTS[0], {"unit": 3}]}, dict[str, list[SelfAssessment]])
    paths = {f.path for f in caught.value.findings}
    assert paths == {"['units'][1].unit", "['units'][1].entries"}


def test_the_same_fault_gives_the_same_code_in_every_kind_and_format() -> None:
    fw = formats.unstructure(load_bundled("ca-mau-1880-2013"))
    plan = formats.unstructure(example_values()["plan"])
    cases: list[tuple[str, object, str]] = [
        ("framework", {**fw, "colour": "đỏ"}, "colour"),
        ("plan", {**plan, "colour": "đỏ"}, "colour"),
        ("self-assessments", [{**ASSESSMENTS[0], "colour": "đỏ"}], "[0].colour"),
        ("status-updates", [{"on": "2021-06-01", "status": "done", "colour": "đỏ"}], "[0].colour"),
    ]
    for kind, data, path in cases:
        for format in ("json", "toml"):
            text = formats.dumps(data, format) if format == "json" else _toml(data)
            with pytest.raises(ParseError) as caught:
                formats.loads(text, kind, format=format)
            where = path if format == "json" or not path.startswith("[") else f"items{path}"
            assert [(f.code, f.path) for f in caught.value.findings] == [
                ("data.unknown-key", where)
            ], (kind, format)


def _toml(data: object) -> str:
    import tomli_w

    plain = formats._toml_data(data)
    return tomli_w.dumps(plain if isinstance(plain, dict) else {"items": plain})


@pytest.mark.parametrize(
    ("text", "format", "code"),
    [
        ("[plan\n", "toml", "data.syntax"),
        ("{", "json", "data.syntax"),
        ("a = " + "[" * 500, "toml", "data.too-deep"),
        ("[" * 500, "json", "data.too-deep"),
        ("[" + ".".join(["a"] * 300) + "]", "toml", "data.too-deep"),
    ],
)
def test_text_that_cannot_be_read_is_one_parse_error_with_its_code(
    text: str, format: formats.Format, code: str
) -> None:
    with pytest.raises(ParseError) as caught:
        formats.loads(text, Plan, format=format)
    assert caught.value.code == code
    assert caught.value.vi


def test_a_missing_or_unreadable_file_names_its_path(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as missing:
        formats.load(tmp_path / "khong-co.toml", Plan)
    assert str(tmp_path / "khong-co.toml") in str(missing.value)
    assert missing.value.vi == "không tìm thấy tệp"
    folder = tmp_path / "thu-muc.json"
    folder.mkdir()
    with pytest.raises(CchcError) as unreadable:
        formats.load(folder, Plan)
    assert str(folder) in str(unreadable.value)
    with pytest.raises(ValidationError, match=r"\.toml or \.json"):
        formats.load(tmp_path / "ke-hoach.xlsx", Plan)
    with pytest.raises(CchcTypeError):
        formats.load(42, Plan)  # type: ignore[call-overload]


def test_a_bad_file_is_refused_with_its_path_and_every_finding(tmp_path: Path) -> None:
    path = tmp_path / "tu-danh-gia.json"
    path.write_text(json.dumps([{"unit": "X01"}, {"unit": "X02", "entries": "8"}]), "utf-8")
    with pytest.raises(ParseError) as caught:
        formats.load(path, "self-assessments")
    assert str(path) in caught.value.message
    assert str(path) in caught.value.message_vi
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("data.missing-key", "[0].entries"),
        ("data.not-a-list", "[1].entries"),
    ]


def test_a_value_toml_cannot_hold_is_refused_when_written() -> None:
    with pytest.raises(CchcTypeError):
        formats.dumps(Decimal("1.5"))
    with pytest.raises(CchcTypeError, match="null"):
        formats.dumps({"a": [None]})
    with pytest.raises(ValidationError):
        formats.dumps([], "yaml")  # type: ignore[arg-type]


def test_an_unknown_kind_lists_the_kinds() -> None:
    with pytest.raises(NotFoundError) as caught:
        formats.load("x.toml", "timetable")
    assert "self-assessments" in caught.value.message
    assert formats.kind_of("Status_Updates") == list[StatusUpdate]


def test_unknown_keys_may_be_allowed() -> None:
    data = {**ASSESSMENTS[0], "colour": "đỏ"}
    with pytest.raises(ParseError):
        formats.structure(data, SelfAssessment)
    assert formats.structure(data, SelfAssessment, forbid_extra_keys=False).unit == "X01"


# --- JSON Schemas -------------------------------------------------------------------------------


def shipped(kind: str) -> dict[str, Any]:
    resource = importlib.resources.files("cchc.schemas") / f"{kind}.schema.json"
    loaded: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("kind", list(formats.KINDS))
def test_the_shipped_schemas_are_the_generated_ones(kind: str) -> None:
    schema = formats.schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert shipped(kind) == schema, f"regenerate src/cchc/schemas/{kind}.schema.json"


def test_every_kind_has_a_shipped_schema_and_nothing_else_is_shipped() -> None:
    folder = importlib.resources.files("cchc.schemas")
    names = {p.name for p in folder.iterdir() if p.name.endswith(".schema.json")}
    assert names == {f"{kind}.schema.json" for kind in formats.KINDS}


@pytest.mark.parametrize("name", bundled_frameworks())
def test_the_bundled_frameworks_validate_against_the_schema(name: str) -> None:
    resource = importlib.resources.files("cchc.frameworks") / f"{name}.toml"
    data = formats.json_data(
        tomllib.loads(resource.read_text(encoding="utf-8"), parse_float=Decimal)
    )
    jsonschema.validate(data, shipped("framework"))
    jsonschema.validate(formats.unstructure(load_bundled(name)), shipped("framework"))


@pytest.mark.parametrize("kind", ["plan", "campaign", "self-assessments", "status-updates"])
def test_written_values_validate_and_a_stray_key_does_not(kind: str) -> None:
    data = formats.unstructure(example_values()[kind])
    jsonschema.validate(data, shipped(kind))
    bad = {**data, "colour": "đỏ"} if isinstance(data, dict) else [{**data[0], "colour": "đỏ"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, shipped(kind))


def test_a_json_float_fails_the_schema_as_it_fails_the_reader() -> None:
    data = formats.unstructure(load_bundled("ca-mau-1880-2013"))
    data["criteria"][0]["maximum"] = 20.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, shipped("framework"))
    with pytest.raises(ParseError):
        formats.structure(data, Framework)


def test_an_appraisal_round_trips_and_its_schema_requires_the_unit() -> None:
    appraisal = formats.structure(
        {"unit": "X01", "adjustments": [{"code": "1.1", "value": "1", "reason": "Thiếu hồ sơ"}]},
        Appraisal,
    )
    assert formats.loads(formats.dumps(appraisal), "appraisal") == appraisal
    assert formats.schema(Appraisal)["$defs"]["Appraisal"]["required"] == ["unit"]


def test_the_framework_table_layout_is_a_finding_at_its_place_in_the_file() -> None:
    text = '[framework]\nid = "x"\ntitle = "X"\nyear = "năm ngoái"\n' + CRITERION
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(text)
    assert [f.path for f in caught.value.findings] == ["framework.year"]


# --- fuzz: no text makes a reader raise anything but a CchcError --------------------------------

TOML_ISH = st.text(alphabet=st.sampled_from(list("[]{}\"'#=.,\n\\ \tabc019-_+eE:")), max_size=200)
JSON_ISH = st.text(
    alphabet=st.sampled_from(list('[]{}"\\:,. \n0123456789-eEtrufalsn')), max_size=200
)


@pytest.mark.parametrize("kind", list(formats.KINDS))
@given(text=st.one_of(TOML_ISH, st.text(max_size=200)))
def test_any_toml_like_text_gives_a_value_or_a_cchc_error(kind: str, text: str) -> None:
    with contextlib.suppress(CchcError):
        formats.loads(text, kind)


@pytest.mark.parametrize("kind", list(formats.KINDS))
@given(text=st.one_of(JSON_ISH, st.text(max_size=200)))
def test_any_json_like_text_gives_a_value_or_a_cchc_error(kind: str, text: str) -> None:
    with contextlib.suppress(CchcError):
        formats.loads(text, kind, format="json")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.floats(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["unit", "entries", "code", "value", "on", "x"]), inner)
    ),
    max_leaves=20,
)


@pytest.mark.parametrize("kind", list(formats.KINDS))
@given(data=JSON_VALUES)
def test_any_parsed_data_gives_a_value_or_a_parse_error(kind: str, data: object) -> None:
    with contextlib.suppress(ParseError):
        formats.structure(data, kind)


# --- one round of score inputs in one file ------------------------------------------------------


def test_score_inputs_hold_a_round_in_one_file_and_read_back_equal() -> None:
    inputs = formats.ScoreInputs(
        formats.structure(ASSESSMENTS, "self-assessments"),
        appraisals=[
            formats.structure(
                {"unit": "X02", "adjustments": [{"code": "1.1", "value": "no", "reason": "Thiếu"}]},
                Appraisal,
            )
        ],
    )
    formats_: tuple[formats.Format, ...] = ("toml", "json")
    for format in formats_:
        text = formats.dumps(inputs, format)
        assert formats.loads(text, "score-inputs", format=format) == inputs
    assert formats.loads("", formats.ScoreInputs) == formats.ScoreInputs()


def test_a_unit_given_twice_in_score_inputs_is_a_finding_at_the_second() -> None:
    data = {"self_assessments": [ASSESSMENTS[0], {**ASSESSMENTS[1], "unit": "x01"}]}
    with pytest.raises(ParseError) as caught:
        formats.structure(data, "score-inputs")
    (finding,) = caught.value.findings
    assert (finding.code, finding.path) == ("inputs.duplicate-unit", "self_assessments[1].unit")
    assert finding.message_vi == "Giá trị “x01” đã được ghi ở trên (mỗi đơn vị chỉ ghi một lần)"


# --- a criterion's own checks keep their codes in a file ----------------------------------------

TWO_LEVELS = """
id = "x"
title = "Khung"
source = "—"
year = 2023
[[criteria]]
code = "1"
title = "Lĩnh vực"
maximum = 4
[[criteria.children]]
code = "1.1"
title = "Tiêu chí"
maximum = 3
rule = { kind = "MANUAL" }
"""


def test_children_that_do_not_add_up_in_a_file_give_the_code_of_framework_findings() -> None:
    with pytest.raises(ParseError) as caught:
        formats.loads(TWO_LEVELS, "framework")
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("criteria.maximum-mismatch", "criteria[0].maximum")
    ]


def test_a_tree_nested_too_deep_in_a_file_gives_the_code_of_its_criterion() -> None:
    from cchc.criteria import MAX_DEPTH

    lines = ['id = "x"\ntitle = "Khung"\nsource = "—"\nyear = 2023']
    for depth in range(MAX_DEPTH + 2):
        lines.append(f'[[criteria{".children" * depth}]]\ncode = "{depth}"\ntitle = "T"')
        lines.append("maximum = 1")
    with pytest.raises(ParseError) as caught:
        formats.loads("\n".join(lines), "framework")
    assert [f.code for f in caught.value.findings] == ["criteria.too-deep"]


@pytest.mark.parametrize("kind", [[], {}, 3, None])
def test_a_kind_that_is_neither_a_class_nor_a_name_is_a_cchc_error(kind: object) -> None:
    with pytest.raises(CchcError):
        formats.schema(kind)
    with pytest.raises(CchcError):
        formats.structure({}, kind)


# --- one convention for checking: formats.findings() returns, formats.check() raises -----------

#: A plan that reads well but breaks the Bắc Kạn rules: no directive, no issue date, no
#: objectives, tasks covering one reform content only.
THIN_PLAN = """
summary = "Kế hoạch CCHC năm 2021"
tasks = [{ code = "1", title = "Rà soát thủ tục hành chính", area = "TTHC", lead = "VP" }]
[period]
start = 2021-01-01
end = 2021-12-31
"""


def test_a_file_findings_are_its_reading_problems_when_it_does_not_read() -> None:
    with pytest.raises(ParseError) as caught:
        formats.loads(TWO_LEVELS, "framework")
    found = formats.findings(TWO_LEVELS, "framework", format="toml")
    assert found == caught.value.findings
    assert [(f.code, f.path) for f in found] == [
        ("criteria.maximum-mismatch", "criteria[0].maximum")
    ]
    with pytest.raises(InvalidDocumentError) as err:
        formats.check(TWO_LEVELS, "framework", format="toml")
    assert err.value.findings == found


def test_a_plan_file_that_reads_has_the_plans_own_findings(tmp_path: Path) -> None:
    plan = formats.loads(THIN_PLAN, "plan")
    path = tmp_path / "ke-hoach.toml"
    path.write_text(THIN_PLAN, encoding="utf-8")
    found = formats.findings(path, "plan")
    assert found == plan.findings() == formats.findings(THIN_PLAN, Plan, format="toml")
    assert {"plan.no-directive", "task.no-output"} <= {f.code for f in found}
    with pytest.raises(InvalidDocumentError) as err:
        formats.check(str(path), "plan")
    assert err.value.findings == found
    assert str(path) in str(err.value)


def test_a_file_with_only_warnings_passes_check_which_returns_them(tmp_path: Path) -> None:
    import attrs

    fw = attrs.evolve(load_bundled("ca-mau-1880-2013"), absent_survey="rebase")  # no survey
    path = tmp_path / "khung.json"
    formats.dump(fw, path)
    found = formats.findings(path, "framework")
    assert found == fw.findings() != ()
    assert {f.severity for f in found} == {Severity.WARNING}
    assert formats.check(path, "framework") == found


def test_a_clean_file_has_no_findings(tmp_path: Path) -> None:
    campaign = load_example("chau-thanh-2021").campaign
    assert campaign is not None
    path = tmp_path / "phong-trao.toml"
    formats.dump(campaign, path)
    assert formats.findings(path, "campaign") == campaign.findings()
    updates = tmp_path / "tien-do.json"
    formats.dump([StatusUpdate(date(2021, 6, 1), TaskStatus.DONE)], updates)
    assert formats.findings(updates, "status-updates") == ()
    assert formats.check(updates, "status-updates") == ()


def test_a_missing_file_is_a_finding_and_check_refuses_it(tmp_path: Path) -> None:
    path = tmp_path / "khong-co.toml"
    [finding] = formats.findings(path, "plan")
    assert (finding.code, finding.path, finding.severity) == (
        "file.missing",
        str(path),
        Severity.ERROR,
    )
    assert "không tìm thấy tệp" in finding.message_vi
    with pytest.raises(InvalidDocumentError):
        formats.check(path, "plan")


@pytest.mark.parametrize("call", [formats.findings, formats.check])
def test_file_checks_raise_for_a_wrong_argument(call: Any) -> None:
    with pytest.raises(NotFoundError, match="kind"):
        call("ke-hoach.toml", "timetable")
    with pytest.raises(ValidationError, match="path"):
        call("ke-hoach.xlsx", "plan")
    with pytest.raises(CchcTypeError, match="path"):
        call(42, "plan")
    with pytest.raises(ValidationError, match="format"):
        call(THIN_PLAN, "plan", format="yaml")
    with pytest.raises(CchcTypeError, match="source"):
        call(Path("ke-hoach.toml"), "plan", format="toml")
