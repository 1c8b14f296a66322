"""Properties of cchc.formats: for generated values of every kind a user loads, TOML and JSON
read back exactly what was written; a generated unknown key or a value of the wrong type gives
findings at exactly that place, in the caller's terms, and nothing else."""

from __future__ import annotations

from typing import Any, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import formats, strategies
from cchc.criteria import load_bundled
from cchc.errors import ParseError
from cchc.examples.model import (
    ExampleFile,
    Provenance,
    ReportPart,
    ResultsFile,
    ResultsProvenance,
    Rules,
)
from cchc.text import fold

SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def framework_inputs(draw: st.DrawFn, kind: str) -> object:
    framework = draw(strategies.frameworks())
    # units differ as the library compares codes: "s" and "S" are the same unit
    units = draw(st.lists(strategies.unit_codes(), min_size=1, max_size=3, unique_by=fold))
    make: Any = {
        "self-assessments": strategies.self_assessments,
        "appraisals": strategies.appraisals,
        "survey-results": strategies.survey_results,
    }[kind]
    return [draw(make(framework, unit)) for unit in units]


@st.composite
def example_files(draw: st.DrawFn) -> ExampleFile:
    """An example file: provenance (with an illustrative path that names its plan), rules,
    a plan, and a report."""
    plan = draw(strategies.plans())
    words = st.text(st.sampled_from("abcdđêơư ÁẠẢ"), min_size=1, max_size=12).filter(str.strip)
    provenance = Provenance(
        draw(words),
        draw(words),
        draw(words),
        notes=draw(st.lists(words, max_size=2)),
        illustrative=draw(st.sampled_from([(), ("plan",), ("plan.period",)])),
    )
    rules = draw(st.sampled_from([Rules(), Rules(areas=(), off=("plan.no-directive",))]))
    report = ReportPart(due_within=draw(st.integers(0, 30)))
    return ExampleFile(provenance, rules, plan, report=report)


@st.composite
def results_files(draw: st.DrawFn) -> ResultsFile:
    """A results file of the bundled campaign framework, its units' self-assessments and
    appraisals."""
    framework = load_bundled("cchc-campaign-6")
    units = draw(st.lists(strategies.unit_codes(), min_size=1, max_size=3, unique=True))
    own = [draw(strategies.self_assessments(framework, unit)) for unit in units]
    council = [draw(strategies.appraisals(framework, unit)) for unit in units[:1]]
    return ResultsFile(
        ResultsProvenance("cchc-campaign-6", illustrative=draw(st.booleans())),
        self_assessments=own,
        appraisals=council,
    )


#: A strategy for each kind of :data:`cchc.formats.KINDS` (or its one-item form).
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "framework": strategies.frameworks(),
    "plan": strategies.plans(),
    "campaign": strategies.campaigns(),
    "self-assessments": framework_inputs("self-assessments"),
    "appraisals": framework_inputs("appraisals"),
    "survey-results": framework_inputs("survey-results"),
    "score-inputs": st.builds(
        formats.ScoreInputs,
        framework_inputs("self-assessments"),
        framework_inputs("appraisals"),
        framework_inputs("survey-results"),
    ),
    "status-updates": st.lists(strategies.status_updates(), max_size=4),
    "tie-settlements": st.lists(strategies.tie_settlements(), max_size=3),
    "example": example_files(),
    "example-results": results_files(),
}


def test_every_list_and_whole_kind_has_a_strategy() -> None:
    singles = {"self-assessment", "appraisal", "survey-result", "campaign-inputs"}
    assert set(VALUES) == set(formats.KINDS) - singles


@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("format", ["toml", "json"])
@SLOW
@given(data=st.data())
def test_what_is_written_reads_back_equal(
    kind: str, format: formats.Format, data: st.DataObject
) -> None:
    value = data.draw(VALUES[kind])
    text = formats.dumps(value, format)
    assert formats.loads(text, kind, format=format) == value
    assert formats.dumps(formats.loads(text, kind, format=format), format) == text


# --- faults at generated places ---------------------------------------------------------------


def objects(value: object, path: str = "") -> list[tuple[str, object]]:
    """Every attrs value inside ``value`` that the data holds as an object, with its path in
    the data (fields by name, list items by index; set members are left out, since the data
    sorts them)."""
    found: list[tuple[str, object]] = []
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found += objects(item, f"{path}[{i}]")
        return found
    if not attrs.has(type(value)) or not isinstance(formats.unstructure(value), dict):
        return found  # not a class, or one written as text (a document number)
    found.append((path, value))
    for field in attrs.fields(cast(Any, type(value))):
        if not field.init or not field.repr:
            continue
        inner = getattr(value, field.name)
        where = f"{path}.{field.name}" if path else field.name
        if isinstance(inner, list | tuple) or attrs.has(type(inner)):
            found += objects(inner, where)
    return found


def at(data: Any, path: str) -> Any:
    """The node of ``data`` at ``path`` (``tasks[0].milestones[1]``)."""
    for name, index in _steps(path):
        data = data[name] if name else data[index]
    return data


def _steps(path: str) -> list[tuple[str, int]]:
    import re

    return [
        (name, int(index) if index else 0)
        for name, index in re.findall(r"([A-Za-z_]\w*)|\[(\d+)\]", path)
    ]


@pytest.mark.parametrize("kind", list(VALUES))
@SLOW
@given(data=st.data())
def test_an_unknown_key_anywhere_is_a_finding_at_its_path(kind: str, data: st.DataObject) -> None:
    value = data.draw(VALUES[kind])
    spots = objects(value)
    if not spots:
        return
    path, _ = data.draw(st.sampled_from(spots))
    plain = formats.unstructure(value)
    at(plain, path)["zz_khong_co"] = "x"
    with pytest.raises(ParseError) as caught:
        formats.structure(plain, kind)
    where = f"{path}.zz_khong_co" if path else "zz_khong_co"
    assert [(f.code, f.path) for f in caught.value.findings] == [("data.unknown-key", where)]


@pytest.mark.parametrize("kind", list(VALUES))
@SLOW
@given(data=st.data())
def test_a_value_of_the_wrong_type_is_a_finding_at_its_path(kind: str, data: st.DataObject) -> None:
    value = data.draw(VALUES[kind])
    plain = formats.unstructure(value)
    texts = [
        (f"{path}.{key}" if path else key, path, key)
        for path, _ in objects(value)
        for key, item in at(plain, path).items()
        if isinstance(item, str)
    ]
    if not texts:
        return
    where, path, key = data.draw(st.sampled_from(texts))
    at(plain, path)[key] = [True]  # a list where a text (a number, a date, a name) belongs
    with pytest.raises(ParseError) as caught:
        formats.structure(plain, kind)
    assert caught.value.findings
    for finding in caught.value.findings:
        assert finding.path == where or finding.path.startswith(f"{where}.")
        assert finding.message_vi
    text = formats.dumps(plain, "json")
    with pytest.raises(ParseError) as again:
        formats.loads(text, kind, format="json")
    assert again.value.findings == caught.value.findings


# --- the illustrative paths of an example file ------------------------------------------------


def given_paths(node: object, path: str = "") -> list[str]:
    """The path of every part an example file gives (not None), as its file names it."""
    found = [path] if path else []
    kind = type(node)
    if attrs.has(kind):
        for field in attrs.fields(kind):
            value = getattr(node, field.name)
            if field.init and value is not None:
                found += given_paths(value, f"{path}.{field.name}" if path else field.name)
    elif isinstance(node, tuple):
        for i, item in enumerate(node):
            found += given_paths(item, f"{path}[{i}]")
    return found


@SLOW
@given(data=st.data())
def test_an_illustrative_path_is_read_iff_it_names_a_part_of_the_file(
    data: st.DataObject,
) -> None:
    file = data.draw(example_files())
    path = data.draw(st.sampled_from(given_paths(file)))
    marked = attrs.evolve(file, example=attrs.evolve(file.example, illustrative=[path]))
    assert formats.loads(formats.dumps(marked), "example") == marked
    wrong = data.draw(st.sampled_from([f"{path}.khong_co", f"{path}[999]", f"{path}x"]))
    with pytest.raises(ParseError) as caught:
        formats.structure(
            formats.unstructure(
                attrs.evolve(file, example=attrs.evolve(file.example, illustrative=[]))
            )
            | {"example": {**formats.unstructure(file.example), "illustrative": [wrong]}},
            "example",
        )
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("example.not-illustrated", "example.illustrative[0]")
    ]
