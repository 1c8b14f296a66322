"""The one home of the field helpers every value type shares: text, exact numbers, collections
and enums. Each refuses bad input with a :class:`~cchc.errors.CchcError` that names the field
and the value, in English and Vietnamese, in bounded time and memory.

The bounded number reader is :func:`decimal` (and :func:`fraction`, :func:`whole` on top of it):
every constructor, loader and table reader goes through it, so a limit changes in one place.

>>> decimal("12,50", "points")
Decimal('12.50')
>>> decimal("1e999999999", "points")
Traceback (most recent call last):
...
cchc.errors.ValidationError: points = '1e999999999': is too large (the limit is 1,000,000,000,000)
>>> decimal(0.1, "points")
Traceback (most recent call last):
...
cchc.errors.CchcTypeError: points = 0.1: floats are not exact; give an int, a Decimal or text
>>> Colour = CodedEnum("Colour", {"RED": "đỏ", "BLUE": "xanh"})
>>> Colour("Đỏ"), Colour("blue")
(Colour.RED, Colour.BLUE)
>>> Colour("green")
Traceback (most recent call last):
...
cchc.errors.ValidationError: Colour = 'green': is not a Colour; one of: đỏ (RED), xanh (BLUE)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TypeVar, cast

import attrs

from cchc.errors import (
    CchcError,
    CchcTypeError,
    EnumLookup,
    MissingExtraError,
    ParseError,
    ValidationError,
)
from cchc.text import fold, nfc

__all__ = [
    "require",
    "DIGIT_LIMIT",
    "FINEST_DIGITS",
    "NUMBER_LIMIT",
    "CodedEnum",
    "constructor_repr",
    "decimal",
    "enum_member",
    "fraction",
    "is_bool",
    "is_code",
    "is_decimal",
    "is_name",
    "is_optional_decimal",
    "is_optional_text",
    "is_text",
    "items_of",
    "one_of",
    "wrong_type",
    "of_type",
    "optional_decimal",
    "optional_text",
    "sequence",
    "text",
    "text_set",
    "texts",
    "to_decimal",
    "to_nfc",
    "whole",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)

#: The largest magnitude a number may have: no score, count or weight reaches a trillion.
NUMBER_LIMIT = 10**12
#: The most decimals a number may have (scores are given to two in practice).
FINEST_DIGITS = 12
#: The longest text read as a number: 12 digits each side, a sign, a point, an exponent and
#: grouping spaces fit well inside; anything longer is refused before it is parsed.
DIGIT_LIMIT = 64

_LIMIT_TEXT = f"{NUMBER_LIMIT:,}"


# ---------------------------------------------------------------------------------------------
# text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise CchcTypeError(
            f"must be text, not {type(value).__name__}",
            vi="phải là văn bản (chuỗi ký tự)",
            field=field,
            value=value,
        )
    if _SURROGATE.search(value):
        raise ValidationError(
            "holds a lone surrogate, which no file can store",
            vi="chứa ký tự không hợp lệ (nửa cặp thay thế Unicode)",
            field=field,
            value=value,
        )
    return value


def text(value: object, field: str) -> str:
    """``value`` in NFC with white space collapsed; anything but valid text is refused.

    >>> text("Hoa\u0300  Bi\u0300nh ", "name")
    'Hoà Bình'
    >>> text(None, "name")
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: name = None: must be text, not NoneType
    """
    return nfc(_check_text(value, field))


def optional_text(value: object, field: str) -> str | None:
    """:func:`text`, or None."""
    return None if value is None else text(value, field)


def to_nfc(value: Any) -> Any:
    """An attrs converter: text to NFC; anything else is passed on for the validator to refuse
    with the field's name."""
    if isinstance(value, str):
        try:
            return text(value, "")
        except CchcError:
            return value
    return value


def is_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field is text."""
    _check_text(value, attribute.name)


def is_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field is text or None."""
    if value is not None:
        _check_text(value, attribute.name)


def is_name(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field is text that is not empty."""
    if not _check_text(value, attribute.name).strip():
        raise ValidationError(
            "must not be empty", vi="không được để trống", field=attribute.name, value=value
        )


def is_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field is a code, text that is neither empty nor holds spaces."""
    is_name(instance, attribute, value)
    if any(ch.isspace() for ch in cast(str, value)):
        raise ValidationError(
            "must not contain white space",
            vi="không được chứa khoảng trắng",
            field=attribute.name,
            value=value,
        )


# ---------------------------------------------------------------------------------------------
# collections


def sequence(value: object, field: str) -> tuple[Any, ...]:
    """The items of a list-like ``value``: text, bytes and mappings are refused, so that
    ``"QĐ 15"`` is never read as the list of its letters.

    >>> sequence(["a", "b"], "evidence")
    ('a', 'b')
    >>> sequence("QĐ 15", "evidence")
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: evidence = 'QĐ 15': must be a list, not str
    """
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise CchcTypeError(
            f"must be a list, not {type(value).__name__}",
            vi="phải là một danh sách",
            field=field,
            value=value,
        )
    return tuple(value)


_TYPE_NAMES = {
    "int": ("an int", "số nguyên"),
    "str": ("text", "văn bản"),
    "Decimal": ("a Decimal", "số thập phân"),
    "Fraction": ("a Fraction", "phân số"),
    "bool": ("True or False", "giá trị có/không"),
    "date": ("a date", "ngày"),
    "float": ("a float", "số thực"),
    "tuple": ("a list", "danh sách"),
    "list": ("a list", "danh sách"),
    "dict": ("a mapping", "bảng ánh xạ"),
    "Framework": ("a Framework", "bộ tiêu chí"),
    "Criterion": ("a Criterion", "tiêu chí"),
    "Plan": ("a Plan", "kế hoạch"),
    "Task": ("a Task", "nhiệm vụ"),
    "Target": ("a Target", "chỉ tiêu"),
    "Unit": ("a Unit", "đơn vị"),
    "UnitTree": ("a UnitTree", "cây đơn vị"),
    "Directive": ("a Directive", "văn bản chỉ đạo"),
    "DocumentNumber": ("a DocumentNumber", "số, ký hiệu văn bản"),
    "ScoreTable": ("a ScoreTable", "bảng điểm"),
    "Scorecard": ("a Scorecard", "phiếu điểm"),
    "BatchResult": ("a BatchResult", "kết quả chấm điểm"),
    "Ranking": ("a Ranking", "bảng xếp hạng"),
    "Candidate": ("a Candidate", "ứng viên khen thưởng"),
    "PrizeStructure": ("a PrizeStructure", "cơ cấu giải thưởng"),
    "AwardDecision": ("an AwardDecision", "quyết định khen thưởng"),
    "Campaign": ("a Campaign", "phong trào thi đua"),
    "Period": ("a Period", "khoảng thời gian"),
    "Lang": ("a Lang", "ngôn ngữ"),
    "Words": ("Words", "văn bản hai ngôn ngữ"),
    "Explanation": ("an Explanation", "lời giải thích"),
    "Survey": ("a Survey", "phiếu khảo sát"),
    "Responses": ("Responses", "phiếu trả lời"),
    "SurveyEstimates": ("SurveyEstimates", "kết quả ước lượng"),
    "SurveyDraws": ("SurveyDraws", "giá trị mô phỏng"),
    "IndexSpec": ("an IndexSpec", "cấu trúc chỉ số"),
    "Panel": ("a Panel", "bảng số liệu"),
    "IndexResult": ("an IndexResult", "kết quả tính chỉ số"),
    "Model": ("a Model", "mô hình chỉ số"),
    "Variation": ("a Variation", "phương án biến đổi"),
}


def wrong_type(kind: type | tuple[type, ...], value: object, field: str) -> CchcTypeError:
    """The error for ``value`` that is not a ``kind``, in both languages.

    >>> print(wrong_type((int, str), None, "code"))
    code = None: must be an int or text, not NoneType
    >>> wrong_type(int, True, "count").message_vi
    'count = True: phải là số nguyên'
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)

    def name(k: type, lang: int) -> str:
        default = (f"a {k.__name__}", k.__name__)
        return _TYPE_NAMES.get(k.__name__, default)[lang]

    return CchcTypeError(
        f"must be {' or '.join(name(k, 0) for k in kinds)}, not {type(value).__name__}",
        vi=f"phải là {' hoặc '.join(name(k, 1) for k in kinds)}",
        field=field,
        value=value,
    )


def items_of(value: object, kind: type[_T] | tuple[type, ...], field: str) -> tuple[_T, ...]:
    """The items of a list-like ``value``, each checked to be a ``kind``."""
    items = sequence(value, field)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            name = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            raise CchcTypeError(
                f"must be a {name}, not {type(item).__name__}",
                vi=f"phải là {name}",
                field=f"{field}[{i}]",
                value=item,
            )
    return cast(tuple[_T, ...], items)


def texts(value: object, field: str) -> tuple[str, ...]:
    """A tuple of texts, each in NFC."""
    return tuple(text(item, f"{field}[{i}]") for i, item in enumerate(sequence(value, field)))


def text_set(value: object, field: str) -> frozenset[str]:
    """A frozenset of texts, each in NFC."""
    return frozenset(texts(value, field))


def is_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a flag is True or False, not 1, "yes" or None."""
    if not isinstance(value, bool):
        raise CchcTypeError(
            f"must be True or False, not {type(value).__name__}",
            vi="phải là True hoặc False (có/không)",
            field=attribute.name,
            value=value,
        )


# ---------------------------------------------------------------------------------------------
# exact numbers: the bounded reader


def _too_large(field: str, value: object) -> ValidationError:
    return ValidationError(
        f"is too large (the limit is {_LIMIT_TEXT})",
        vi=f"quá lớn (giới hạn là {NUMBER_LIMIT:,})".replace(",", "."),
        field=field,
        value=value,
    )


def _too_fine(field: str, value: object) -> ValidationError:
    return ValidationError(
        f"has more than {FINEST_DIGITS} decimals",
        vi=f"có quá {FINEST_DIGITS} chữ số thập phân",
        field=field,
        value=value,
    )


def _not_a_number(field: str, value: object, why: str = "") -> ParseError:
    return ParseError(
        "is not a number" + (f" ({why})" if why else ""),
        vi="không phải là số",
        field=field,
        value=value,
    )


def _bounded(number: Decimal, field: str, value: object) -> Decimal:
    """``number`` if finite, below :data:`NUMBER_LIMIT` and with at most
    :data:`FINEST_DIGITS` decimals; checked on the digits and the exponent alone, so that a
    huge or tiny exponent is never expanded."""
    if not number.is_finite():
        raise ValidationError(
            "must be a finite number (not NaN or infinity)",
            vi="phải là một số hữu hạn",
            field=field,
            value=value,
        )
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if not any(digits):  # zero, whatever its exponent
        return Decimal(0).scaleb(max(min(exponent, 0), -FINEST_DIGITS))
    if number.adjusted() >= 12:  # |number| >= 10**12
        raise _too_large(field, value)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if exponent + trailing < -FINEST_DIGITS:
        raise _too_fine(field, value)
    if exponent < -FINEST_DIGITS:  # trailing zeros beyond the finest step: drop them
        return number.quantize(Decimal(1).scaleb(-FINEST_DIGITS))
    return number


def decimal(value: object, field: str = "value") -> Decimal:
    """Read an exact number: an int, a Decimal, a Fraction with a finite decimal form, or text
    (a decimal comma is accepted). Bools, floats, NaN, infinities, numbers of a trillion or more,
    more than 12 decimals and text longer than :data:`DIGIT_LIMIT` are refused, each with a
    :class:`~cchc.errors.CchcError` naming ``field``; nothing is expanded first.

    >>> decimal(" 97,10 ", "total")
    Decimal('97.10')
    >>> decimal("1e-9999999", "total")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: total = '1e-9999999': has more than 12 decimals
    >>> decimal(True, "total")
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: total = True: a yes/no is not a number
    """
    if isinstance(value, bool):
        raise CchcTypeError(
            "a yes/no is not a number",
            vi="giá trị có/không không phải là số",
            field=field,
            value=value,
        )
    if isinstance(value, int):
        if abs(value) >= NUMBER_LIMIT:
            raise _too_large(field, value)
        return Decimal(value)
    if isinstance(value, Decimal):
        return _bounded(value, field, value)
    if isinstance(value, Fraction):
        return _from_fraction(value, field)
    if isinstance(value, str):
        return _bounded(_parse(value, field), field, value)
    if isinstance(value, float):
        raise CchcTypeError(
            "floats are not exact; give an int, a Decimal or text",
            vi="số thực dấu phẩy động không chính xác; hãy nhập số nguyên, số thập phân "
            "hoặc văn bản",
            field=field,
            value=value,
        )
    raise CchcTypeError(
        f"must be a number, not {type(value).__name__}",
        vi="phải là một số",
        field=field,
        value=value,
    )


def _parse(value: str, field: str) -> Decimal:
    stripped = value.strip()
    if len(stripped) > DIGIT_LIMIT:
        raise _not_a_number(field, value, f"longer than {DIGIT_LIMIT} characters")
    if not stripped:
        raise _not_a_number(field, value, "empty")
    if stripped.endswith("%"):
        raise ParseError(
            "is not a number (a per cent is written without its sign: 95, not 95%)",
            vi="không phải là số (tỷ lệ phần trăm ghi không kèm dấu %: 95, không phải 95%)",
            field=field,
            value=value,
        )
    try:
        return Decimal(stripped.replace(",", "."))
    except InvalidOperation:
        raise _not_a_number(field, value) from None


def _from_fraction(value: Fraction, field: str) -> Decimal:
    if abs(value) >= NUMBER_LIMIT:
        raise _too_large(field, value)
    digits = 0
    while (10**digits) % value.denominator and digits <= FINEST_DIGITS:
        digits += 1
    if (10**digits) % value.denominator:
        raise ValidationError(
            f"has no exact decimal form within {FINEST_DIGITS} decimals",
            vi=f"không biểu diễn chính xác được bằng {FINEST_DIGITS} chữ số thập phân",
            field=field,
            value=value,
        )
    return Decimal(value.numerator * (10**digits // value.denominator)).scaleb(-digits)


def spreadsheet_number(value: object, precision: Decimal, field: str = "value") -> Decimal:
    """Read a number as a spreadsheet or a DataFrame holds it: the one place where a binary
    float is accepted, and the rule that makes it exact.

    A float is read as the shortest decimal that gives back the same float (``repr``): what a
    person typed, ``13.5`` or ``0.1``, comes back as typed. That decimal must then be a whole
    number of ``precision`` steps: ``13.499999999`` (a formula's result) against a precision of
    0.01 is refused, never silently rounded. Anything else goes through :func:`decimal`, so
    text, ints and Decimals follow the library's usual rule and are held to the same steps.

    >>> spreadsheet_number(13.5, Decimal("0.01"), "F12")
    Decimal('13.5')
    >>> spreadsheet_number(0.1 + 0.2, Decimal("0.01"), "F12")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: F12 = 0.30000000000000004: is not a multiple of 0.01 ...
    >>> spreadsheet_number(float("nan"), Decimal("0.01"), "F12")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: F12 = nan: must be a finite number (not NaN or infinity)
    """
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(
                "must be a finite number (not NaN or infinity)",
                vi="phải là một số hữu hạn",
                field=field,
                value=value,
            )
        if abs(value) >= NUMBER_LIMIT:
            raise _too_large(field, value)
        number = Decimal(repr(value))
    else:
        number = decimal(value, field)
    if precision > 0 and number % precision:
        raise ValidationError(
            f"is not a multiple of {precision} (the framework's precision); "
            "a value computed by a formula must be rounded before it is entered",
            vi=f"không phải là bội số của {str(precision).replace('.', ',')} (độ chính xác của "
            "bộ tiêu chí); "
            "giá trị tính bằng công thức phải được làm tròn trước khi nhập",
            field=field,
            value=value,
        )
    return _bounded(number, field, value)


def optional_decimal(value: object, field: str = "value") -> Decimal | None:
    """:func:`decimal`, or None."""
    return None if value is None else decimal(value, field)


#: The finest denominator of an exact share: a ratio of two numbers within the limits.
DENOMINATOR_LIMIT = NUMBER_LIMIT**2


def fraction(value: object, field: str = "value") -> Fraction:
    """Read an exact number as a Fraction: what :func:`decimal` reads, a Fraction, or text
    ``"a/b"``; within the limits, never expanding a huge exponent.

    >>> fraction("971/10", "index")
    Fraction(971, 10)
    >>> fraction("1/0", "index")
    Traceback (most recent call last):
    ...
    cchc.errors.ParseError: index = '1/0': is not a number (a zero denominator)
    """
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        numerator, denominator = (
            _integer_text(top, field, value),
            _integer_text(bottom, field, value),
        )
        if denominator == 0:
            raise _not_a_number(field, value, "a zero denominator")
        result = Fraction(numerator, denominator)
    else:
        return Fraction(decimal(value, field))
    if abs(result) >= NUMBER_LIMIT:
        raise _too_large(field, value)
    if result.denominator > DENOMINATOR_LIMIT:
        raise ValidationError(
            f"is finer than the limit (denominators up to {DENOMINATOR_LIMIT:.0e})",
            vi="có mẫu số vượt giới hạn",
            field=field,
            value=value,
        )
    return result


def _integer_text(part: str, field: str, value: object) -> int:
    stripped = part.strip()
    if not stripped or len(stripped) > DIGIT_LIMIT:
        raise _not_a_number(field, value)
    sign = -1 if stripped[0] == "-" else 1
    body = stripped.lstrip("+-") if stripped[0] in "+-" else stripped
    if not (body.isascii() and body.isdigit()) or len(stripped) - len(body) > 1:
        raise _not_a_number(field, value)
    return sign * int(body)


def whole(value: object, field: str, *, minimum: int | None = 0, maximum: int | None = None) -> int:
    """Read a whole number (a count, a year): an int, or text of one; bools and floats refused,
    bounds checked with messages that say which bound.

    >>> whole("12", "count")
    12
    >>> whole(-1, "count")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: count = -1: is negative (expected a whole number from 0)
    """
    number = decimal(value, field)
    if number != number.to_integral_value():
        raise ValidationError(
            "is not a whole number", vi="không phải là số nguyên", field=field, value=value
        )
    result = int(number)
    expected = _expected_range(minimum, maximum)
    if minimum is not None and result < minimum:
        why = "is negative" if minimum == 0 else f"is below {minimum}"
        vi = "là số âm" if minimum == 0 else f"nhỏ hơn {minimum}"
        raise ValidationError(f"{why} ({expected})", vi=vi, field=field, value=value)
    if maximum is not None and result > maximum:
        raise ValidationError(
            f"is above {maximum} ({expected})", vi=f"lớn hơn {maximum}", field=field, value=value
        )
    return result


def _expected_range(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f"expected a whole number from {minimum} to {maximum}"
    if minimum is not None:
        return f"expected a whole number from {minimum}"
    if maximum is not None:
        return f"expected a whole number up to {maximum}"
    return "expected a whole number"


def to_decimal(value: Any) -> Any:
    """An attrs converter: ints, Fractions and text to Decimal; anything refused is passed on
    for the validator, which names the field."""
    if value is None or isinstance(value, bool | float):
        return value
    try:
        return decimal(value, "")
    except CchcError:
        return value


def is_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field is an exact Decimal within the limits."""
    checked = decimal(value, attribute.name)
    if not isinstance(value, Decimal) or checked != value:
        raise CchcTypeError(
            "must be a Decimal", vi="phải là số thập phân", field=attribute.name, value=value
        )


def is_optional_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: :func:`is_decimal`, or None."""
    if value is not None:
        is_decimal(instance, attribute, value)


# ---------------------------------------------------------------------------------------------
# enums


def _enum_key(value: str) -> str:
    return fold(value).replace("-", "_").replace(" ", "_")


def enum_member(cls: type[_E], value: object, field: str | None = None) -> _E:
    """The member of ``cls`` that ``value`` is, or whose value or name it gives (case-, tone-
    placement- and separator-insensitive); anything else is a
    :class:`~cchc.errors.ValidationError` listing the members."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str) and len(value) <= 200:
        key = _enum_key(value)
        for member in cls:
            if key in (_enum_key(str(member.value)), member.name.casefold()):
                return member
    known = ", ".join(f"{m.value} ({m.name})" for m in cls)
    raise ValidationError(
        f"is not a {cls.__name__}; one of: {known}",
        vi=f"không hợp lệ; chọn một trong: {known}",
        field=field or cls.__name__,
        value=value,
    )


class CodedEnum(enum.Enum, metaclass=EnumLookup):
    """Base of the library's enums: the repr reads like code (``UnitKind.WARD``), and calling
    the class with a member's value or name, in any case or tone placement, gives the member;
    anything else is a :class:`~cchc.errors.ValidationError` that lists the members."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        return enum_member(cls, value)

    @classmethod
    def from_name(cls, value: object, field: str | None = None) -> Any:
        """The member named or valued ``value``; see :func:`enum_member`."""
        return enum_member(cls, value, field)


# ---------------------------------------------------------------------------------------------
# reprs


def _sorted_repr(value: object) -> str:
    if isinstance(value, frozenset):
        items = ", ".join(repr(v) for v in sorted(value, key=str))
        return f"frozenset({{{items}}})" if value else "frozenset()"
    return repr(value)


def constructor_repr(instance: object) -> str:
    """``Cls(a, b, c=...)``: the fields without a default positionally, the others only when
    they differ from their default; sets in sorted order, so the repr does not depend on the
    hash seed."""
    parts = []
    for field in attrs.fields(type(instance)):  # type: ignore[arg-type]
        if not field.init:
            continue
        value = getattr(instance, field.name)
        if field.default is attrs.NOTHING:
            parts.append(_sorted_repr(value))
            continue
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if value != default:
            parts.append(f"{field.name}={_sorted_repr(value)}")
    return f"{type(instance).__name__}({', '.join(parts)})"


def converter_of(read: Callable[[object, str], _T], field: str) -> Callable[[object], _T]:
    """An attrs converter from a reader: ``converter_of(texts, "evidence")``."""

    def convert(value: object) -> _T:
        return read(value, field)

    return convert


def instance_of(kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
    """An attrs validator: the field holds a ``kind`` (or None when ``optional``); bools are
    not ints.

    >>> @attrs.frozen
    ... class Box:
    ...     size: int = attrs.field(validator=instance_of(int))
    >>> Box(True)
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: size = True: must be an int, not bool
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (value is None and optional):
            of_type(value, kind, attribute.name)

    return check


def of_type(value: object, kind: type[_T] | tuple[type, ...], field: str) -> _T:
    """``value`` if it is a ``kind`` (a bool is not taken for a number unless ``kind`` is
    ``bool``); anything else is a :class:`~cchc.errors.CchcTypeError` naming the field.

    >>> of_type(3, int, "count")
    3
    >>> of_type(True, int, "count")
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: count = True: must be an int, not bool
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise wrong_type(kind, value, field)
    return cast(_T, value)


def require(package: str, extra: str, purpose: str, purpose_vi: str) -> Any:
    """Import ``package`` (a module of the optional ``extra``) for ``purpose``, or raise the
    :class:`~cchc.errors.MissingExtraError` that says how to install it: the one way a module
    of ``cchc`` asks for an optional dependency.

    >>> require("json", "json", "Reading JSON", "đọc JSON").__name__
    'json'
    >>> require("no_such_package_here", "xlsx", "Workbooks", "tệp Excel")
    Traceback (most recent call last):
    ...
    cchc.errors.MissingExtraError: Workbooks need the xlsx extra, which is not installed: ...
    """
    import importlib

    try:
        return importlib.import_module(package)
    except ImportError:
        raise MissingExtraError.of(package.partition(".")[0], extra, purpose, purpose_vi) from None


def one_of(value: object, field: str, choices: Mapping[str, str]) -> str:
    """``value`` if it is one of the keys of ``choices``, a mapping of each accepted word to
    what it means in Vietnamese; anything else is a :class:`~cchc.errors.ValidationError` that
    lists them in both languages.

    >>> LAYOUTS = {"long": "dạng dọc", "wide": "dạng ngang"}
    >>> one_of("wide", "layout", LAYOUTS)
    'wide'
    >>> one_of("tall", "layout", LAYOUTS)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: layout = 'tall': must be 'long' or 'wide'
    >>> try:
    ...     one_of(["long"], "layout", LAYOUTS)
    ... except ValidationError as exc:
    ...     print(exc.vi)
    phải là “long” (dạng dọc) hoặc “wide” (dạng ngang)
    """
    if isinstance(value, str) and value in choices:
        return value
    words = list(choices)
    en = " or ".join(f"'{w}'" for w in words[-2:])
    vi = " hoặc ".join(f"“{w}” ({choices[w]})" for w in words[-2:])
    if len(words) > 2:
        en = ", ".join([*(f"'{w}'" for w in words[:-2]), en])
        vi = ", ".join([*(f"“{w}” ({choices[w]})" for w in words[:-2]), vi])
    raise ValidationError(f"must be {en}", vi=f"phải là {vi}", field=field, value=value)


def deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new`` (kept for one minor version; see
    docs/policy.md).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     deprecated("cchc.explain(x)", "x.explain()")
    >>> str(caught[0].message)
    'cchc.explain(x) is deprecated; use x.explain()'
    """
    import warnings

    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=stacklevel)


def moved_names(module: str, aliases: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that serves deprecated names: ``aliases`` maps each old name
    to where it lives now, as ``"module:name"``; using an old name warns and returns the new
    object.

    >>> getattr_ = moved_names("cchc.x", {"Old": "cchc.lang:Lang"})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     getattr_("Old").__name__
    'Lang'
    """
    import importlib

    def __getattr__(name: str) -> object:
        target = aliases.get(name)
        if target is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        where, _, new = target.partition(":")
        deprecated(f"{module}.{name}", f"{where}.{new}")
        return getattr(importlib.import_module(where), new)

    return __getattr__
