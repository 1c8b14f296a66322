"""The error family: one base, built-in bases kept, messages that name field and value."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest

from cchc.errors import (
    AmbiguousError,
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.export.json import from_json, to_json


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (ValidationError, ValueError),
        (ParseError, ValueError),
        (CchcTypeError, TypeError),
        (NotFoundError, LookupError),
        (InvalidDocumentError, ValueError),
    ],
)
def test_every_error_is_a_cchc_error_and_a_builtin_one(
    cls: type[CchcError], builtin: type[Exception]
) -> None:
    assert issubclass(cls, CchcError)
    assert issubclass(cls, builtin)


def test_message_names_field_and_value() -> None:
    err = ValidationError("is negative", field="tasks[3].count", value=-2)
    assert str(err) == "tasks[3].count = -2: is negative"
    assert (err.field, err.value, err.message) == ("tasks[3].count", -2, "is negative")


def test_message_with_field_only_and_with_neither() -> None:
    assert str(ParseError("empty", field="text")) == "text: empty"
    assert str(ParseError("empty")) == "empty"


def test_a_value_of_none_is_still_named() -> None:
    assert str(ValidationError("is required", field="lead", value=None)) == (
        "lead = None: is required"
    )


def test_not_found_message_is_not_quoted_like_a_key_error() -> None:
    err = NotFoundError("no such unit", field="code", value="X1")
    assert str(err) == "code = 'X1': no such unit"


def test_invalid_document_carries_every_finding() -> None:
    findings = [
        Finding("a", "tasks[0].due", "hạn sai", "bad due date"),
        Finding("b", "tasks[1].lead", "thiếu", "no lead unit", Severity.WARNING),
    ]
    err = InvalidDocumentError("plan", findings)
    assert err.findings == tuple(findings)
    text = str(err)
    assert text.startswith("plan: 2 problems")
    assert "error a at tasks[0].due: bad due date (hạn sai)" in text
    assert "warning b at tasks[1].lead: no lead unit (thiếu)" in text


def test_findings_are_frozen_values() -> None:
    f = Finding("a", "x", "vi", "en")
    assert f == Finding("a", "x", "vi", "en")
    assert hash(f) == hash(Finding("a", "x", "vi", "en"))
    assert pickle.loads(pickle.dumps(f)) == f
    with pytest.raises(AttributeError):
        f.code = "b"  # type: ignore[misc]


def test_a_long_bad_value_is_cut_in_the_message() -> None:
    err = ValidationError("is too long", field="text", value="x" * 1_000_000)
    assert len(str(err)) < 200
    assert "(1000002 characters)" in str(err)
    assert err.value == "x" * 1_000_000  # the value itself is kept whole


def test_a_files_path_is_shown_whole_so_that_it_can_be_found() -> None:
    path = "/srv/cchc/" + "nop-bao-cao/" * 30 + "xa-tan-phu.xlsx"
    err = NotFoundError("no such file", vi="không tìm thấy tệp", field="path", value=path)
    assert path in str(err)
    assert path in err.message_vi
    # a path longer than any the operating system opens is cut like any other value
    hostile = NotFoundError("no such file", field="path", value="/x" * 1_000_000)
    assert len(str(hostile)) < 5_000


def test_a_short_bad_value_is_shown_whole() -> None:
    assert str(ValidationError("bad", field="f", value="x" * 78)) == f"f = '{'x' * 78}': bad"


def test_an_ambiguous_lookup_is_a_not_found_error() -> None:
    assert issubclass(AmbiguousError, NotFoundError)
    assert issubclass(AmbiguousError, LookupError)


# JSON reading fails only with ParseError (cchc.export.json)


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ('"abc"', Decimal),
        ('"NaN"', Decimal),
        ('"Infinity"', Decimal),
        ('"sNaN"', Decimal),
        ("true", Decimal),
        ('"1/0"', Fraction),
        ('"x"', Fraction),
        ("[" * 100_000, list),
        ('{"a": ' * 50_000 + "1" + "}" * 50_000, dict),
    ],
)
def test_bad_json_raises_parse_error_only(text: str, cls: type) -> None:
    with pytest.raises(ParseError):
        from_json(text, cls)


def test_finite_exact_numbers_still_round_trip() -> None:
    assert from_json(to_json(Decimal("-12.50")), Decimal) == Decimal("-12.50")
    assert from_json(to_json(Fraction(-1, 3)), Fraction) == Fraction(-1, 3)
