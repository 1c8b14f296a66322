"""The one reader and writer of the library's own file formats: TOML and JSON for every value
type, through one cattrs converter built from the attrs classes themselves.

- :func:`structure` turns already-parsed data (what ``json.loads`` or ``tomllib.loads`` gives, or
  a web framework's parsed body) into a value; :func:`unstructure` gives the plain data back.
- :func:`loads` and :func:`load` read text and files (the format from the extension: ``.toml``
  or ``.json``); :func:`dumps` and :func:`dump` write them. What is written reads back equal.
- :func:`schema` gives the JSON Schema (draft 2020-12) of a kind, generated from the same
  definitions; the package ships one per kind in ``cchc/schemas/`` (see :data:`KINDS`).

One form per value, so that the same value always gives the same bytes:

- exact numbers travel as text: a ``Decimal`` as its digits (``"12.50"``), a ``Fraction`` (an
  index, a share) as its exact reduced ratio (``"971/10"``; a whole number as ``"97"``); a
  whole number may also be written as a number, and TOML decimals (``maximum = 2.5``) are read
  exactly; a JSON float (``2.5``) is refused, since it is not exact;
- dates as ISO text (TOML's own dates are read too, and written in TOML), enums by member name
  (``"PROCEDURES"``; reading also accepts the value, ``"TTHC"``), sets as sorted lists, NumPy
  arrays as (nested) lists, and types with an official text form (a document number) as that
  text.

>>> from cchc.plans import StatusUpdate
>>> update = structure({"on": "2021-06-01", "status": "DONE", "evidence": "QĐ 15"}, StatusUpdate)
>>> update.status
TaskStatus.DONE
>>> unstructure(update)["on"]
'2021-06-01'
>>> loads(dumps(update, format="toml"), StatusUpdate) == update
True

Reading is strict and goes through each class's own constructor, so that what is loaded is
checked exactly as if it had been built in Python. Every problem becomes one finding of a
:class:`~cchc.errors.ParseError`, with its path in the caller's terms and a message in English
and Vietnamese; the same fault gives the same code in every file (``data.unknown-key``,
``data.missing-key``, ``data.wrong-type``, ``data.not-a-list``, ``data.not-a-table``,
``data.invalid``, ``data.syntax``, ``data.too-deep``), and a constructor's own check keeps its
code:

>>> from cchc.errors import ParseError
>>> try:
...     structure([{"on": "2021-06-01", "status": "DONE", "x": 1}, {"status": "DONE"}],
...               list[StatusUpdate])
... except ParseError as exc:
...     for finding in exc.findings:
...         print(finding.code, finding.path, "|", finding.message_vi)
data.unknown-key [0].x | Trường “x” không hợp lệ (dữ liệu loại này không có trường đó)
data.missing-key [1].on | Thiếu trường bắt buộc “on”
"""

from __future__ import annotations

import collections.abc
import datetime
import enum
import functools
import json
import os
import re
import tomllib
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin, overload

import attrs
import cattrs
import numpy as np
import tomli_w
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from cchc import _fields
from cchc.awards import TieSettlement
from cchc.campaigns import Campaign, CampaignInputs
from cchc.criteria import Framework
from cchc.directives import Citation, DocumentNumber, Implemented
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.examples.model import ExampleFile, ResultsFile
from cchc.plans import Plan, StatusUpdate
from cchc.scoring import Appraisal, SelfAssessment, SurveyResult
from cchc.text import fold

__all__ = [
    "KINDS",
    "MAX_DEPTH",
    "ScoreInputs",
    "check",
    "converter",
    "dump",
    "dumps",
    "findings",
    "json_data",
    "kind_of",
    "load",
    "loads",
    "schema",
    "structure",
    "unstructure",
]

T = TypeVar("T")

#: The deepest nesting of arrays, objects and tables :func:`loads` reads; deeper text is
#: refused before it is parsed. The deepest value of the library, a framework whose criteria
#: reach :data:`cchc.criteria.MAX_DEPTH` (32) levels, nests about 70 deep.
MAX_DEPTH = 128
#: How many problems the message of a :class:`~cchc.errors.ParseError` spells out; its
#: ``findings`` hold them all.
SHOWN_PROBLEMS = 5


def _make_converter(*, forbid_extra_keys: bool = True, toml: bool = False) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=forbid_extra_keys, detailed_validation=True)
    _configure(conv, toml=toml)
    return conv


# ---------------------------------------------------------------------------------------------
# leaves: each structure hook refuses what is not exactly its type


def _type_error(
    expected: str, vi: str, value: object, code: str = "data.wrong-type"
) -> CchcTypeError:
    return CchcTypeError(
        f"must be {expected}, not {_json_kind(value)}", vi=f"phải là {vi}", value=value, code=code
    )


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, float):
        return "a decimal number (a JSON float, not exact)"
    return type(value).__name__


def _str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise _type_error("text", "văn bản", value)
    if not value.isascii():  # ASCII holds no lone surrogate
        _fields.text(value, "")  # refuses lone surrogates; the constructor normalises
    return value


def _bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise _type_error("true or false", "true hoặc false (có/không)", value)
    return value


def _int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error("a whole number", "số nguyên", value)
    return value


def _decimal(value: object, _: object) -> Decimal:
    if isinstance(value, float):  # a JSON number with a point or an exponent
        raise _float_refused(value)
    return _fields.decimal(value, "")


def _fraction(value: object, _: object) -> Fraction:
    if isinstance(value, float):
        raise _float_refused(value)
    return _fields.fraction(value, "")


def _float_refused(value: float) -> CchcTypeError:
    return CchcTypeError(
        'is a JSON float, which is not exact; write the number as text ("12.50")',
        vi="số thực không chính xác; hãy ghi số dưới dạng văn bản (“12.50”)",
        value=value,
        code="data.inexact-number",
    )


def _date(value: object, _: object) -> datetime.date:
    if type(value) is datetime.date:  # a TOML date
        return value
    if not isinstance(value, str):
        raise _type_error("a date as text (YYYY-MM-DD)", "ngày dạng YYYY-MM-DD", value)
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise ParseError(
        "is not a date (expected YYYY-MM-DD)",
        vi="không phải là ngày hợp lệ (định dạng YYYY-MM-DD)",
        value=value,
        code="data.invalid",
    )


def _document_number(value: object, _: object) -> DocumentNumber:
    if not isinstance(value, str):
        raise _type_error("a document number as text", "số hiệu văn bản dạng văn bản", value)
    try:
        return DocumentNumber.parse(value)
    except CchcError as exc:  # reported at the number itself, not at the parser's argument
        raise ParseError(exc.message, vi=exc.vi, value=value, code=exc.code) from None


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _enum_name(member: enum.Enum) -> str:
    return member.name


def _enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, str) and value in cls.__members__:
        return cls.__members__[value]
    if not isinstance(value, str):  # a value that is not text (an int enum's value)
        for member in cls:
            if type(member.value) is type(value) and member.value == value:
                return member
    try:
        if isinstance(value, str) and len(value) <= 200 and issubclass(cls, _fields.CodedEnum):
            return cls(value)  # its own reading: any case, tone placement, Vietnamese words
        return _fields.enum_member(cls, value, "")
    except (CchcError, ValueError) as exc:
        # what a file may hold: each member's text value, with its name where they differ
        names = ", ".join(
            f"{m.value} ({m.name})" if isinstance(m.value, str) and m.value != m.name else m.name
            for m in cls
        )
        raise ParseError(
            f"is not a {cls.__name__}; one of: {names}",
            vi=f"không hợp lệ; chọn một trong: {names}",
            value=value,
            code="data.invalid",
        ) from exc


# ---------------------------------------------------------------------------------------------
# containers: a list is a list (never the letters of a text), an object is an object


def _origin(cls: Any) -> Any:
    return get_origin(cls) or cls


_SEQUENCES = {
    list: list,
    tuple: tuple,
    collections.abc.Sequence: tuple,
    collections.abc.MutableSequence: list,
    frozenset: frozenset,
    set: set,
    collections.abc.Set: frozenset,
    collections.abc.MutableSet: set,
}
_MAPPINGS = (dict, collections.abc.Mapping, collections.abc.MutableMapping)


def _is_sequence(cls: Any) -> bool:
    return _origin(cls) in _SEQUENCES


def _is_mapping(cls: Any) -> bool:
    return _origin(cls) in _MAPPINGS


def _hook(conv: cattrs.Converter, kind: Any) -> Callable[[Any, Any], Any]:
    return conv.get_structure_hook(kind)


def _note(error: Exception, index: int | str, kind: Any) -> Exception:
    error.add_note(IterableValidationNote(f"Structuring @ {index!r}", index, kind))
    return error


def _sequence_hook(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    origin, args = _origin(cls), get_args(cls)
    fixed = origin is tuple and bool(args) and not (len(args) == 2 and args[1] is ...)
    build = _SEQUENCES[origin]

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _type_error("a list", "một danh sách", value, "data.not-a-list")
        if fixed and len(value) != len(args):
            raise CchcTypeError(
                f"must be a list of {len(args)} items, not {len(value)}",
                vi=f"phải là danh sách gồm {len(args)} phần tử",
                value=value,
            )
        out, errors = [], []
        if not fixed:  # one hook for every item, looked up once
            kind = args[0] if args else Any
            hook = None if kind is Any else _hook(conv, kind)
            for i, item in enumerate(value):
                try:
                    out.append(item if hook is None else hook(item, kind))
                except Exception as exc:
                    errors.append(_note(exc, i, kind))
        for i, (item, kind) in enumerate(zip(value, args if fixed else (), strict=fixed)):
            try:
                out.append(item if kind is Any else _hook(conv, kind)(item, kind))
            except Exception as exc:
                errors.append(_note(exc, i, kind))
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return build(out)

    return structure


def _int_key(key: object) -> int:
    if isinstance(key, str) and re.fullmatch(r"-?[0-9]{1,18}", key):
        return int(key)
    return _int(key, int)


def _mapping_hook(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    args = get_args(cls)
    key_kind, value_kind = args if len(args) == 2 else (Any, Any)
    pairs = _origin(key_kind) is tuple  # written as a list of [key, value] pairs

    def key_of(key: object) -> Any:
        if key_kind is int:
            return _int_key(key)
        return key if key_kind is Any else conv.structure(key, key_kind)

    def structure(value: Any, _: Any) -> Any:
        if pairs:
            if not isinstance(value, list):
                raise _type_error(
                    "a list of [key, value] pairs", "một danh sách", value, "data.not-a-list"
                )
            items = []
            for i, pair in enumerate(value):
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise _note(
                        _type_error("a [key, value] pair", "một cặp [khóa, giá trị]", pair),
                        i,
                        cls,
                    )
                items.append((pair[0], pair[1]))
        elif isinstance(value, dict):
            items = list(value.items())
        else:
            raise _type_error("an object", "một bảng (đối tượng)", value, "data.not-a-table")
        out, errors = {}, []
        for key, item in items:
            shown = key if isinstance(key, str | int) else repr(key)
            try:
                out[key_of(key)] = item if value_kind is Any else conv.structure(item, value_kind)
            except Exception as exc:
                errors.append(_note(exc, shown, value_kind))
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return out

    return structure


def _has_tuple_keys(cls: Any) -> bool:
    args = get_args(cls)
    return _is_mapping(cls) and len(args) == 2 and _origin(args[0]) is tuple


def _pairs_hook(cls: Any, conv: cattrs.Converter) -> Callable[[Any], Any]:
    def unstructure(value: Mapping[Any, Any]) -> list[Any]:
        pairs = [[conv.unstructure(k), conv.unstructure(v)] for k, v in value.items()]
        return sorted(pairs, key=_json_key)

    return unstructure


def _is_optional(cls: Any) -> bool:
    args = get_args(cls)
    return (
        _origin(cls) in (typing.Union, _UnionType)
        and type(None) in args
        and cls != Implemented
        and len(args) >= 2
    )


_UnionType = type(int | None)


def _optional_hook(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    rest = [a for a in get_args(cls) if a is not type(None)]
    inner: Any = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else conv.structure(value, inner)

    return structure


def _json_key(item: object) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _is_set(cls: Any) -> bool:
    return _origin(cls) in (set, frozenset, collections.abc.Set, collections.abc.MutableSet)


def _set_hook(cls: Any, conv: cattrs.Converter) -> Callable[[Any], Any]:
    def unstructure(value: Iterable[object]) -> list[Any]:
        # sets have no order; sorting by each item's JSON text makes the output byte-stable
        return sorted((conv.unstructure(item) for item in value), key=_json_key)

    return unstructure


# ---------------------------------------------------------------------------------------------
# NumPy arrays: (nested) lists of numbers, read back as read-only arrays of the declared dtype


def _is_array(cls: Any) -> bool:
    return _origin(cls) is np.ndarray


def _dtype_of(cls: Any) -> np.dtype[Any] | None:
    args = get_args(cls)
    if len(args) == 2:
        (scalar,) = get_args(args[1]) or (None,)
        if isinstance(scalar, type) and issubclass(scalar, np.generic):
            return np.dtype(scalar)
    return None


def _array(value: object, cls: Any) -> np.ndarray[Any, Any]:
    dtype = _dtype_of(cls)
    if not isinstance(value, list):
        raise _type_error("a list of numbers", "một danh sách số", value, "data.not-a-list")
    cells = np.array(value, dtype=object)  # ragged lists stay lists, refused below
    if dtype is not None and dtype.kind == "b":
        ok: Callable[[object], bool] = lambda x: isinstance(x, bool)  # noqa: E731
        expected, vi = "true or false", "true hoặc false"
    else:
        ok = lambda x: isinstance(x, int) and not isinstance(x, bool)  # noqa: E731
        expected, vi = "a whole number", "số nguyên"
    for position, cell in np.ndenumerate(cells):
        if not ok(cell):
            where = "".join(f"[{i}]" for i in position)
            shape = "a list of the same length as its neighbours, or " if cells.ndim > 1 else ""
            raise CchcTypeError(
                f"must hold {shape}{expected} at {where}, not {_json_kind(cell)}",
                vi=f"mỗi phần tử phải là {vi}, các hàng dài bằng nhau",
                value=value if len(value) <= 10 else cell,
            )
    try:
        array = np.array(value, dtype=dtype)
    except (OverflowError, ValueError) as exc:
        raise CchcTypeError(
            f"holds a number out of range ({exc})", vi="có số vượt giới hạn", value=value
        ) from None
    array.flags.writeable = False
    return array


def _array_to_list(value: np.ndarray[Any, Any]) -> Any:
    return value.tolist()


# ---------------------------------------------------------------------------------------------
# attrs classes: through their own constructor, objects only, unknown keys refused


def _omitted(cls: type) -> dict[str, Any]:
    """Fields that are caches or derived helpers (not in the repr, with a default): the
    constructor rebuilds them, so they are neither written nor read."""
    return {
        f.name: override(omit=True)
        for f in attrs.fields(cls)
        if f.init and not f.repr and f.default is not attrs.NOTHING
    }


def _nullable(cls: Any) -> tuple[str, ...]:
    """The fields of ``cls`` that may be None and have no default: TOML, which has no null,
    leaves them out."""
    hints = typing.get_type_hints(cls)
    return tuple(
        f.name
        for f in attrs.fields(cls)
        if f.init and f.default is attrs.NOTHING and _is_optional(hints.get(f.name))
    )


def _toml_attrs_structure(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """As :func:`_attrs_structure`, a field that may be None and is left out being None."""
    plain = _attrs_structure(cls, conv)
    nullable = _nullable(cls)
    if not nullable:
        return plain

    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, dict) and any(name not in value for name in nullable):
            value = {**dict.fromkeys(nullable), **value}
        return plain(value, cls)

    return structure


def _attrs_structure(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    generated = make_dict_structure_fn(
        cls,
        conv,
        _cattrs_forbid_extra_keys=conv.forbid_extra_keys,
        _cattrs_detailed_validation=True,
        **_omitted(cls),
    )

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _type_error("an object", "một bảng (đối tượng)", value, "data.not-a-table")
        return generated(value, cls)

    return structure


def _attrs_unstructure(cls: Any, conv: cattrs.Converter) -> Callable[[Any], Any]:
    return make_dict_unstructure_fn(cls, conv, **_omitted(cls))


def _toml_attrs_unstructure(cls: Any, conv: cattrs.Converter) -> Callable[[Any], Any]:
    """Fields as a person writes a TOML file: those left at their default left out (a default
    computed from the other fields is always written)."""
    overrides: dict[str, Any] = {
        f.name: override(omit_if_default=False)
        for f in attrs.fields(cls)
        if isinstance(f.default, attrs.Factory) and f.default.takes_self  # type: ignore[arg-type]
    }
    overrides.update(_omitted(cls))
    return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **overrides)


def _implemented(
    cls: Any, conv: cattrs.Converter
) -> Callable[[Any, Any], DocumentNumber | Citation]:
    # what a directive implements: a number travels as its text, a citation as an object
    def structure(value: object, _: object) -> DocumentNumber | Citation:
        if isinstance(value, str):
            return DocumentNumber.parse(value)
        return conv.structure(value, Citation)

    return structure


#: The table of a framework file that holds the framework's own fields (``[framework]``), so
#: that they stand apart from its ``[[criteria]]``; writing them at the top works too.
FRAMEWORK_TABLE = "framework"


def _framework_structure(
    cls: Any, conv: cattrs.Converter, toml: bool = False
) -> Callable[[Any, Any], Any]:
    """A framework from its fields, where those other than the criteria may sit in a
    ``[framework]`` table (the layout of the bundled files); a problem there is reported at
    its place in that table (``framework.bands[1].lower``)."""
    plain = _toml_attrs_structure(cls, conv) if toml else _attrs_structure(cls, conv)

    def structure(value: Any, _: Any) -> Any:
        head = value.get(FRAMEWORK_TABLE) if isinstance(value, dict) else None
        if not isinstance(head, dict):
            return plain(value, cls)
        rest = {k: v for k, v in value.items() if k != FRAMEWORK_TABLE}
        twice = sorted(set(head) & set(rest))
        if twice:
            raise InvalidDocumentError(
                "framework",
                [
                    Finding(
                        "data.duplicate-key",
                        key,
                        f"Trường {_shown_vi(key)} được ghi hai lần: trong bảng [framework] và "
                        "ở ngoài",
                        f"{key}: is given both in the [framework] table and outside it",
                    )
                    for key in twice
                ],
            )
        try:
            return plain({**rest, **head}, cls)
        except RecursionError:
            raise
        except Exception as exc:
            findings = [
                _relocated(f, _in_head(f.path, set(rest)))
                for path, leaf in _leaves(exc, "")
                for f in _findings(leaf, path)
            ]
            raise InvalidDocumentError("framework", findings) from None

    return structure


def _in_head(path: str, outside: set[str]) -> str:
    """A path in a framework as a path in its file: in the ``[framework]`` table unless it
    starts at a key written outside it (the criteria)."""
    if not path:
        return FRAMEWORK_TABLE
    first = re.split(r"[.\[]", path, maxsplit=1)[0]
    return path if first in outside or first == "criteria" else f"{FRAMEWORK_TABLE}.{path}"


def _configure(conv: cattrs.Converter, *, toml: bool = False) -> None:
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(int, _int)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_unstructure_hook(Fraction, str)
    conv.register_structure_hook(Fraction, _fraction)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(datetime.date, _date)
    conv.register_unstructure_hook_func(_is_enum, _enum_name)
    conv.register_structure_hook_func(_is_enum, _enum)
    conv.register_structure_hook_factory(
        attrs.has, _toml_attrs_structure if toml else _attrs_structure
    )
    conv.register_unstructure_hook_factory(attrs.has, _attrs_unstructure)
    conv.register_structure_hook_factory(_is_sequence, _sequence_hook)
    conv.register_unstructure_hook_factory(_is_set, _set_hook)
    conv.register_structure_hook_factory(_is_mapping, _mapping_hook)
    conv.register_unstructure_hook_factory(_has_tuple_keys, _pairs_hook)
    conv.register_structure_hook_factory(_is_optional, _optional_hook)
    conv.register_unstructure_hook_func(_is_array, _array_to_list)
    conv.register_structure_hook_func(_is_array, _array)
    conv.register_unstructure_hook(DocumentNumber, str)
    conv.register_structure_hook(DocumentNumber, _document_number)
    conv.register_structure_hook_factory(lambda t: t == Implemented, _implemented)
    conv.register_structure_hook_factory(
        lambda t: t is Framework, functools.partial(_framework_structure, toml=toml)
    )
    if toml:
        conv.register_unstructure_hook(datetime.date, lambda day: day)  # TOML has dates
        conv.register_unstructure_hook_factory(attrs.has, _toml_attrs_unstructure)


#: The converter behind every reader and writer of this module (and :mod:`cchc.export.json`);
#: register hooks on it for types of your own.
converter = _make_converter()

_CODES = {
    "CchcTypeError": "data.wrong-type",
    "ParseError": "data.unreadable",
    "NotFoundError": "data.unknown",
    "AmbiguousError": "data.ambiguous",
}


def _type_name(cls: Any) -> str:
    if isinstance(cls, type):
        return cls.__name__
    return re.sub(r"\b(?:[A-Za-z_]\w*\.)+(?=[A-Za-z_])", "", str(cls))


def _shown_vi(value: object) -> str:
    text = str(value)
    return f"“{text}”" if len(text) <= 80 else f"“{text[:40]} … {text[-39:]}”"


def _too_deep(name: str) -> ParseError:
    return ParseError(
        f"not a valid {name}: nested deeper than {MAX_DEPTH} levels",
        vi=f"dữ liệu lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)",
        code="data.too-deep",
    )


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _depth_exceeds(text: str, limit: int) -> bool:
    """Whether the arrays and objects of ``text`` nest deeper than ``limit``, in one linear
    pass (what is inside a string does not count)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _reject_constant(constant: str) -> object:
    raise ValueError(f"{constant} is not a number JSON can hold")


def _text_of(text: object, name: str, form: str) -> str:
    """``text`` as a str: bytes decoded (UTF-8; JSON also UTF-16/32 by its first bytes), or
    a :class:`~cchc.errors.CchcError` for bytes that do not decode or for anything else."""
    if isinstance(text, bytes | bytearray):
        data = bytes(text)
        try:
            return data.decode(json.detect_encoding(data) if form == "JSON" else "utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"not a valid {name}: the bytes are not UTF-8 text ({exc.reason} at byte "
                f"{exc.start})",
                vi="dữ liệu không phải là văn bản UTF-8",
                code="data.syntax",
            ) from None
    if not isinstance(text, str):
        raise CchcTypeError(
            f"{form} must be given as text (str or bytes), not {type(text).__name__}",
            vi=f"dữ liệu {form} phải là văn bản",
            field="text",
            value=text,
        )
    return text


def _load(text: object, name: str) -> Any:
    text = _text_of(text, name, "JSON")
    if _depth_exceeds(text, MAX_DEPTH):
        raise _too_deep(name)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise _too_deep(name) from None
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"not a valid {name}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            vi=f"không phải là JSON hợp lệ (lỗi ở dòng {exc.lineno}, cột {exc.colno})",
            code="data.syntax",
        ) from None
    except ValueError as exc:  # an integer beyond Python's digit limit, NaN, Infinity
        raise ParseError(
            f"not a valid {name}: {exc}",
            vi="JSON chứa số không hợp lệ hoặc quá dài",
            code="data.syntax",
        ) from None


# ---------------------------------------------------------------------------------------------
# turning what cattrs gathered into findings with paths


_PATH = re.compile(r"[A-Za-z_]\w*(?:\[[^\]]*\]|\.[A-Za-z_]\w*)*")


def _join(path: str, part: str) -> str:
    if part.startswith("["):
        return path + part
    return f"{path}.{part}" if path else part


def _index(index: object) -> str:
    return f"[{index}]" if isinstance(index, int) else f"[{index!r}]"


def _leaves(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _leaves(sub, _join(path, _index(note.index)))
        for sub in without:
            yield from _leaves(sub, path)
    elif isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()  # type: ignore[assignment]
        for sub, note in with_notes:
            yield from _leaves(sub, _join(path, note.name))  # type: ignore[attr-defined]
        for sub in without:
            yield from _leaves(sub, path)
    else:
        yield path, exc


def _findings(exc: BaseException, path: str) -> Iterator[Finding]:
    """The findings of one fault at ``path``: the path is the finding's own; the Vietnamese
    message is a sentence an officer reads, without the path."""
    if isinstance(exc, InvalidDocumentError):
        for f in exc.findings:
            yield attrs.evolve(f, path=_join(path, f.path) if f.path else path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        fields = ", ".join(a.name for a in attrs.fields(exc.cl) if a.init)
        for key in sorted(exc.extra_fields):
            where = _join(path, key)
            yield Finding(
                "data.unknown-key",
                where,
                f"Trường {_shown_vi(key)} không hợp lệ (dữ liệu loại này không có trường đó)",
                f"{where}: is not a field of {exc.cl.__name__} (the fields are: {fields})",
            )
    elif isinstance(exc, KeyError):
        name = path.rpartition(".")[2] or str(exc.args[0] if exc.args else "")
        yield Finding(
            "data.missing-key",
            path,
            f"Thiếu trường bắt buộc {_shown_vi(name)}",
            f"{path}: is missing (a required field)",
        )
    elif isinstance(exc, CchcError):
        field = exc.field or ""
        absorbed = not field or _PATH.fullmatch(field) is not None
        where = _join(path, field) if field and absorbed else path
        message = exc.message if absorbed else f"{field}: {exc.message}"
        vi = exc.vi if exc.vi is not None else "không hợp lệ"
        shown = _json_shown(exc.value) if exc.has_value else None
        lead = where if shown is None else (f"{where} = {shown}" if where else shown)
        yield Finding(
            exc.code or _CODES.get(type(exc).__name__, "data.invalid"),
            where,
            f"Giá trị {_json_shown(exc.value, vi=True)} {vi}" if exc.has_value else vi,
            f"{lead}: {message}" if lead else message,
        )
    else:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        yield Finding(
            "data.invalid",
            path,
            "Giá trị không hợp lệ",
            f"{path}: {reason}" if path else reason,
        )


def _json_shown(value: object, *, vi: bool = False) -> str:
    """A value as the JSON text that held it (a text in “…” for Vietnamese), cut to about 80
    characters."""
    if vi and isinstance(value, str):
        return _shown_vi(value)
    if isinstance(value, Decimal | Fraction):  # a number as a person writes it
        return str(value)
    try:
        text = json.dumps(converter.unstructure(value), ensure_ascii=False)
    except Exception:
        text = repr(value)
    return text if len(text) <= 80 else f"{text[:40]} … {text[-39:]}"


def _refusal(exc: BaseException, name: str) -> ParseError:
    return _summary([f for path, leaf in _leaves(exc, "") for f in _findings(leaf, path)], name)


def _summary(findings: list[Finding], name: str) -> ParseError:
    """One refusal with every finding; its message spells out the first few."""
    n = len(findings)
    shown = "; ".join(f.message_en for f in findings[:SHOWN_PROBLEMS])
    shown_vi = "; ".join(f.message_vi for f in findings[:SHOWN_PROBLEMS])
    more = f"; and {n - SHOWN_PROBLEMS} more" if n > SHOWN_PROBLEMS else ""
    more_vi = f"; và {n - SHOWN_PROBLEMS} lỗi khác" if n > SHOWN_PROBLEMS else ""
    count = f"{n} problems: " if n > 1 else ""
    return ParseError(
        f"not a valid {name}: {count}{shown}{more}",
        vi=f"dữ liệu không hợp lệ ({n} lỗi): {shown_vi}{more_vi}",
        code="data.invalid",
        findings=findings,
    )


# ---------------------------------------------------------------------------------------------
# the kinds a user loads


def _units_once(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        key = fold(item.unit)
        if key in seen:
            raise ValidationError(
                f"unit {item.unit!r} is given twice (also at [{seen[key]}])",
                vi="đã được ghi ở trên (mỗi đơn vị chỉ ghi một lần)",
                field=f"{attribute.name}[{i}].unit",
                value=item.unit,
                code="inputs.duplicate-unit",
            )
        seen[key] = i


def _self_assessments(value: object) -> tuple[SelfAssessment, ...]:
    return _fields.items_of(value, SelfAssessment, "self_assessments")


def _appraisals(value: object) -> tuple[Appraisal, ...]:
    return _fields.items_of(value, Appraisal, "appraisals")


def _survey(value: object) -> tuple[SurveyResult, ...]:
    return _fields.items_of(value, SurveyResult, "survey")


@attrs.frozen
class ScoreInputs:
    """One round of score inputs in one file: the units' self-assessments, the council's
    appraisals and the survey results, each unit at most once per list. It is what a province
    collects before scoring (the scored form, a :class:`~cchc.campaigns.CampaignInputs`, holds
    score tables of a framework).

    >>> inputs = loads('''
    ... [[self_assessments]]
    ... unit = "X01"
    ... entries = [{ code = "1.1", value = "yes", evidence = ["QĐ 12/QĐ-UBND"] }]
    ...
    ... [[appraisals]]
    ... unit = "X01"
    ... adjustments = [{ code = "1.1", value = "no", reason = "Quyết định ban hành sau hạn" }]
    ... ''', "score-inputs")
    >>> [a.unit for a in inputs.self_assessments], inputs.appraisals[0].adjustments[0].value
    (['X01'], 'no')
    """

    self_assessments: tuple[SelfAssessment, ...] = attrs.field(
        default=(), converter=_self_assessments, validator=_units_once
    )
    appraisals: tuple[Appraisal, ...] = attrs.field(
        default=(), converter=_appraisals, validator=_units_once
    )
    survey: tuple[SurveyResult, ...] = attrs.field(
        default=(), converter=_survey, validator=_units_once
    )


#: The kinds of file a user writes, by name: the name of the shipped schema
#: (``cchc/schemas/<name>.schema.json``) and what :func:`load` accepts for ``cls``.
KINDS: Mapping[str, Any] = {
    "framework": Framework,
    "plan": Plan,
    "campaign": Campaign,
    "campaign-inputs": CampaignInputs,
    "score-inputs": ScoreInputs,
    "self-assessment": SelfAssessment,
    "self-assessments": list[SelfAssessment],
    "appraisal": Appraisal,
    "appraisals": list[Appraisal],
    "survey-result": SurveyResult,
    "survey-results": list[SurveyResult],
    "status-updates": list[StatusUpdate],
    "tie-settlements": list[TieSettlement],
    "example": ExampleFile,
    "example-results": ResultsFile,
}

#: In TOML, whose top level is a table, a list is written under this key.
TOML_ITEMS = "items"

Format = Literal["toml", "json"]


def kind_of(cls: Any) -> Any:
    """``cls`` itself, or the class a kind name of :data:`KINDS` stands for.

    >>> kind_of("status-updates")
    list[cchc.plans.StatusUpdate]
    >>> kind_of("timetable")
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: kind = 'timetable': is not a kind of file; one of: framework, ...
    """
    if not isinstance(cls, str):
        if isinstance(cls, type) or get_origin(cls) is not None or cls is Any:
            return cls
        raise CchcTypeError(
            f"must be a class, a generic alias or a kind name, not {type(cls).__name__}",
            vi="phải là tên một loại tệp được hỗ trợ",
            field="kind",
            value=repr(cls)[:80],
        )
    found = KINDS.get(cls.strip().casefold().replace("_", "-"))
    if found is None:
        known = ", ".join(KINDS)
        raise NotFoundError(
            f"is not a kind of file; one of: {known}",
            vi=f"không phải là loại tệp được hỗ trợ; chọn một trong: {known}",
            field="kind",
            value=cls,
        )
    return found


def _is_list_kind(cls: Any) -> bool:
    return _origin(cls) in (list, tuple, collections.abc.Sequence)


# ---------------------------------------------------------------------------------------------
# plain data <-> values


@overload
def structure(data: object, cls: type[T], *, forbid_extra_keys: bool = True) -> T: ...
@overload
def structure(data: object, cls: Any, *, forbid_extra_keys: bool = True) -> Any: ...
def structure(data: object, cls: Any, *, forbid_extra_keys: bool = True) -> Any:
    """Build a ``cls`` (a class, a generic alias such as ``list[SelfAssessment]``, or a kind
    name of :data:`KINDS`) from already-parsed data: dicts, lists, text, whole numbers,
    booleans, ``None``, dates and ``Decimal`` s, as ``json.loads`` or ``tomllib.loads`` give
    them.

    Every problem is a finding with its path in the data as given (``[2].entries[0].value``),
    all raised together as one :class:`~cchc.errors.ParseError`.

    >>> from cchc.scoring import SelfAssessment
    >>> body = [{"unit": "X01", "entries": [{"code": "1.1", "value": "2"}]},
    ...         {"unit": "X02", "entries": [{"code": "1.1", "value": 2}]}]
    >>> try:
    ...     structure(body, list[SelfAssessment])
    ... except ParseError as exc:
    ...     print(exc.findings[0].path, "|", exc.findings[0].message_vi)
    [1].entries[0].value | Giá trị 2 phải là văn bản
    >>> [a.unit for a in structure(body[:1], "self-assessments")]
    ['X01']
    """
    return _structure(data, kind_of(cls), converter, forbid_extra_keys)


def _structure(data: object, cls: Any, conv: cattrs.Converter, forbid_extra_keys: bool) -> Any:
    name = _type_name(cls)
    if not forbid_extra_keys:
        conv = conv.copy(forbid_extra_keys=False)
    try:
        return conv.structure(data, cls)
    except RecursionError:
        raise _too_deep(name) from None
    except Exception as exc:
        raise _refusal(exc, name) from None


def unstructure(value: object) -> Any:
    """``value`` as plain data (dicts, lists, text, whole numbers, booleans, ``None``), in the
    one form :func:`structure` reads back.

    >>> from cchc.units import Unit, UnitKind
    >>> unstructure(Unit("X1", "Xã Một", UnitKind.COMMUNE))
    {'code': 'X1', 'name': 'Xã Một', 'kind': 'COMMUNE', 'parent': None, 'staff': None, 'tags': []}
    """
    return converter.unstructure(value)


# ---------------------------------------------------------------------------------------------
# text


def _format(format: object) -> Format:
    if format == "toml" or format == "json":
        return format
    raise ValidationError(
        "must be 'toml' or 'json'",
        vi="định dạng tệp phải là toml hoặc json",
        field="format",
        value=format,
    )


@overload
def loads(
    text: str | bytes, cls: type[T], *, format: Format = "toml", forbid_extra_keys: bool = True
) -> T: ...
@overload
def loads(
    text: str | bytes, cls: Any, *, format: Format = "toml", forbid_extra_keys: bool = True
) -> Any: ...
def loads(
    text: str | bytes, cls: Any, *, format: Format = "toml", forbid_extra_keys: bool = True
) -> Any:
    """Read a ``cls`` (or a kind name of :data:`KINDS`) from TOML or JSON text.

    In TOML, whose top level is a table, a list kind is written under ``items``
    (``[[items]]``) and its paths start there.

    >>> from cchc.plans import StatusUpdate
    >>> text = '''
    ... [[items]]
    ... on = 2021-06-01
    ... status = "done"
    ... evidence = "Báo cáo số 15/BC-UBND"
    ... '''
    >>> [u.status for u in loads(text, "status-updates")]
    [TaskStatus.DONE]
    >>> loads(text.replace("status", "trang_thai"), "status-updates")
    Traceback (most recent call last):
    ...
    cchc.errors.ParseError: not a valid list[StatusUpdate]: 2 problems: items[0].status: is ...
    """
    cls = kind_of(cls)
    name = _type_name(cls)
    if _format(format) == "json":
        data = _load(text, name)
        return structure(data, cls, forbid_extra_keys=forbid_extra_keys)
    data = _load_toml(text, name)
    if _is_list_kind(cls):
        extra = sorted(set(data) - {TOML_ITEMS})
        if extra or TOML_ITEMS not in data:
            wrapped: Any = {TOML_ITEMS: data.get(TOML_ITEMS, [])}
            findings = [
                Finding(
                    "data.unknown-key",
                    key,
                    f"Trường {_shown_vi(key)} không hợp lệ (danh sách được ghi trong [[items]])",
                    f"{key}: is not a key of a list file (the list is written as [[items]])",
                )
                for key in extra
            ]
            if findings:
                raise ParseError(
                    f"not a valid {name}: " + "; ".join(f.message_en for f in findings),
                    vi="dữ liệu không hợp lệ: " + "; ".join(f.message_vi for f in findings),
                    code="data.invalid",
                    findings=findings,
                )
            data = wrapped
        try:
            return _structure(data[TOML_ITEMS], cls, _TOML, forbid_extra_keys)
        except ParseError as exc:
            raise _moved(exc, TOML_ITEMS, name) from None
    return _structure(data, cls, _TOML, forbid_extra_keys)


def _moved(exc: ParseError, key: str, name: str) -> ParseError:
    if not exc.findings or exc.code != "data.invalid":
        return exc
    return _summary([_under(f, key) for f in exc.findings], name)


def _under(finding: Finding, key: str) -> Finding:
    """The finding of a value read from under ``key``."""
    return _relocated(finding, _join(key, finding.path) if finding.path else key)


def _relocated(finding: Finding, path: str) -> Finding:
    """``finding`` at ``path``, the English message that starts with its old path too."""
    message = finding.message_en
    if finding.path and message.startswith(finding.path):
        message = path + message[len(finding.path) :]
    return attrs.evolve(finding, path=path, message_en=message)


#: A table header: ``[framework]``, ``[[criteria.children]]``.
_HEADER = re.compile(r"^[ \t]*\[\[?([^\]\n]*)", re.MULTILINE)
_TOML_SPECIAL = re.compile(r"""[\[\]{}#"']""")


#: A one-line TOML string, emptied before the parts of a dotted key are counted.
_ONE_LINE_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
#: One part of a dotted key: a bare key or an (emptied) quoted one, with the blanks around it.
_KEY_PART = re.compile(r"""[ \t]*(?:[A-Za-z0-9_-]+|""|'')[ \t]*""")


def _dotted_key_parts(line: str) -> int:
    """The most parts of a dotted key (``a.b.c = 1``, ``x = {a.b = 1}``) on one line of TOML,
    counted in one pass (the text between two dots must be one key part; a key's first part
    after ``=`` or ``{`` is not counted)."""
    longest = run = 0
    for piece in _ONE_LINE_STRING.sub('""', line).split("."):
        run = run + 1 if _KEY_PART.fullmatch(piece) else 0
        longest = max(longest, run)
    return longest + 1


def _toml_too_deep(text: str, limit: int) -> int | None:
    """The offset where TOML text nests deeper than ``limit``: a table header or a dotted key
    with more parts, or brackets and braces (outside strings and comments) nested deeper; one
    pass, so that the TOML reader (which recurses, and reads a dotted key in time that grows
    with the square of its parts) never sees such text."""
    for header in _HEADER.finditer(text):
        if header.group(1).count(".") >= limit:
            return header.start()
    if text.count(".") >= limit:
        at = 0
        for line in text.splitlines(keepends=True):
            if line.count(".") >= limit and _dotted_key_parts(line) > limit:
                return at
            at += len(line)
    depth, pos, end = 0, 0, len(text)
    while True:
        found = _TOML_SPECIAL.search(text, pos)
        if found is None:
            return None
        at, char = found.start(), found.group()
        pos = at + 1
        if char in "[{":
            depth += 1
            if depth > limit:
                return at
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char == "#":
            newline = text.find("\n", at)
            pos = end if newline < 0 else newline + 1
        else:
            pos = _string_end(text, at, char)


def _string_end(text: str, at: int, quote: str) -> int:
    """Where the TOML string starting at ``at`` ends (just after it, or at the end of the line
    or text for one that is not closed)."""
    end = len(text)
    if text.startswith(quote * 3, at):
        start = at + 3
        while True:
            close = text.find(quote * 3, start)
            if close < 0:
                return end
            if quote == '"' and _escaped(text, close, start):
                start = close + 1
                continue
            stop = close + 3
            while stop < end and stop < close + 5 and text[stop] == quote:
                stop += 1  # up to two quotes may end the content
            return stop
    newline = text.find("\n", at + 1)
    line_end = end if newline < 0 else newline
    start = at + 1
    while True:
        close = text.find(quote, start, line_end)
        if close < 0:
            return line_end
        if quote == '"' and _escaped(text, close, start):
            start = close + 1
            continue
        return close + 1


def _escaped(text: str, at: int, start: int) -> bool:
    """True if the character at ``at`` follows an odd run of backslashes (since ``start``)."""
    run = 0
    while at - run - 1 >= start and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _load_toml(text: object, name: str) -> dict[str, Any]:
    text = _text_of(text, name, "TOML")
    deep = _toml_too_deep(text, MAX_DEPTH)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        raise ParseError(
            f"not a valid {name}: nested deeper than {MAX_DEPTH} levels (line {line})",
            vi=f"dữ liệu lồng nhau quá sâu, tối đa {MAX_DEPTH} cấp (dòng {line})",
            code="data.too-deep",
        )
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f"lỗi ở dòng {found[1]}, cột {found[2]}" if found else "lỗi cú pháp"
        raise ParseError(
            f"not a valid {name}: not TOML ({exc})",
            vi=f"tệp không đúng định dạng TOML ({where})",
            code="data.syntax",
        ) from None
    except (ValueError, RecursionError) as exc:  # a number too long to read; nesting
        raise ParseError(
            f"not a valid {name}: not readable TOML ({exc})",
            vi="tệp không đọc được (số quá dài hoặc cấu trúc lồng nhau quá sâu)",
            code="data.syntax",
        ) from None


def _toml_data(data: object, path: str = "") -> Any:
    """Plain data as TOML holds it: no nulls (a missing key is the default, which is None
    wherever a value may be None)."""
    if isinstance(data, dict):
        return {k: _toml_data(v, _join(path, k)) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        if any(item is None for item in data):
            raise CchcTypeError(
                "holds a null in a list, which TOML cannot write; write it as JSON",
                vi="danh sách có giá trị rỗng, không ghi được vào tệp TOML; hãy ghi ra JSON",
                field=path or "value",
                value=data,
            )
        return [_toml_data(item, f"{path}[{i}]") for i, item in enumerate(data)]
    return data


def dumps(value: object, format: Format = "toml", *, indent: int | None = 2) -> str:
    """``value`` as TOML or JSON text, in the one form :func:`loads` reads back equal.

    >>> from cchc.units import Unit, UnitKind
    >>> print(dumps(Unit("X1", "Xã Một", UnitKind.COMMUNE)))
    code = "X1"
    name = "Xã Một"
    kind = "COMMUNE"
    <BLANKLINE>
    >>> dumps([Unit("X1", "Xã Một", UnitKind.COMMUNE)], "json", indent=None)[:52]
    '[{"code": "X1", "name": "Xã Một", "kind": "COMMUNE",'
    """
    if _format(format) == "json":
        try:
            return json.dumps(converter.unstructure(value), ensure_ascii=False, indent=indent)
        except (TypeError, ValueError) as exc:
            raise _not_writable(value, "JSON", exc) from None
    try:
        data = _toml_data(_TOML.unstructure(value))
    except (TypeError, ValueError) as exc:
        raise _not_writable(value, "TOML", exc) from None
    if isinstance(data, list):
        data = {TOML_ITEMS: data}
    if not isinstance(data, dict):
        raise CchcTypeError(
            f"cannot be written as a TOML file (its top level is a table), not "
            f"{type(value).__name__}",
            vi="không ghi được thành tệp TOML (tệp TOML phải là một bảng)",
            field="value",
            value=type(value).__name__,
        )
    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError) as exc:
        raise _not_writable(value, "TOML", exc) from None


def _not_writable(value: object, form: str, exc: Exception) -> CchcTypeError:
    """A value that holds something the library has no file form for (bytes, an object of
    another library): refused with what the serializer said."""
    return CchcTypeError(
        f"cannot be written as {form}: {exc}",
        vi=f"không ghi được thành {form}: giá trị chứa dữ liệu không thuộc kiểu của thư viện",
        field="value",
        value=type(value).__name__,
    )


# ---------------------------------------------------------------------------------------------
# files

_EXTENSIONS: Mapping[str, Format] = {".toml": "toml", ".json": "json"}
#: The largest file :func:`load` reads (64 MiB): a province's 3,321 self-assessments of 100
#: sub-criteria take about 30 MiB of JSON.
MAX_FILE_BYTES = 64 * 2**20


def _path_format(path: object) -> tuple[Path, Format]:
    if not isinstance(path, str | os.PathLike):
        raise CchcTypeError(
            f"must be a path, not {type(path).__name__}",
            vi="phải là đường dẫn tới tệp",
            field="path",
            value=path,
        )
    where = Path(path)
    found = _EXTENSIONS.get(where.suffix.casefold())
    if found is None:
        raise ValidationError(
            "must end in .toml or .json (the format is read from the extension)",
            vi="tên tệp phải có đuôi .toml hoặc .json",
            field="path",
            value=str(path),
        )
    return where, found


@overload
def load(path: str | os.PathLike[str], cls: type[T], *, forbid_extra_keys: bool = True) -> T: ...
@overload
def load(path: str | os.PathLike[str], cls: Any, *, forbid_extra_keys: bool = True) -> Any: ...
def load(path: str | os.PathLike[str], cls: Any, *, forbid_extra_keys: bool = True) -> Any:
    """Read a ``cls`` (or a kind name of :data:`KINDS`) from a ``.toml`` or ``.json`` file.

    A missing or unreadable file is a :class:`~cchc.errors.CchcError` naming the path; what
    the file holds is read as by :func:`loads`.

    >>> import pathlib, tempfile
    >>> from cchc.criteria import load_bundled
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "khung.json"
    >>> dump(load_bundled("ca-mau-1880-2013"), path)
    >>> load(path, "framework") == load_bundled("ca-mau-1880-2013")
    True
    >>> load(path.with_name("thieu.toml"), "framework")
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: path = '.../thieu.toml': no such file
    """
    where, format = _path_format(path)
    cls = kind_of(cls)
    try:
        with open(where, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise NotFoundError(
            "no such file", vi="không tìm thấy tệp", field="path", value=str(path)
        ) from None
    except (OSError, ValueError) as exc:
        raise ParseError(
            f"cannot be read: {getattr(exc, 'strerror', None) or exc}",
            vi="không đọc được tệp",
            field="path",
            value=str(path),
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError(
            f"is larger than {MAX_FILE_BYTES // 2**20} MiB, the largest file read",
            vi=f"tệp lớn hơn {MAX_FILE_BYTES // 2**20} MiB, quá giới hạn đọc",
            field="path",
            value=str(path),
        )
    try:
        return loads(raw, cls, format=format, forbid_extra_keys=forbid_extra_keys)
    except ParseError as exc:
        raise _in_file(exc, str(path)) from None


def _in_file(exc: ParseError, path: str) -> ParseError:
    """The same refusal, saying which file it came from (its whole path: it was opened, so the
    operating system has bounded it)."""
    return ParseError(
        f"{path}: {exc.message}",
        vi=f"Tệp “{path}”: {exc.vi or 'không hợp lệ'}",
        code=exc.code,
        findings=exc.findings if exc.code == "data.invalid" else (),
    )


def dump(value: object, path: str | os.PathLike[str]) -> None:
    """Write ``value`` to a ``.toml`` or ``.json`` file (the format from the extension), in
    UTF-8, in the form :func:`load` reads back equal."""
    where, format = _path_format(path)
    text = dumps(value, format)
    try:
        where.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise ParseError(
            f"cannot be written: {exc.strerror or exc}",
            vi="không ghi được tệp",
            field="path",
            value=str(path),
        ) from None


#: The converter of TOML: dates as TOML dates, and a field that may be None left out for None
#: (TOML has no null).
_TOML = _make_converter(toml=True)


# ---------------------------------------------------------------------------------------------
# checking a file: every finding, or a refusal with all of them


def _document_findings(value: object) -> tuple[Finding, ...]:
    """The document's own findings, for the kinds that are checked documents."""
    if isinstance(value, Plan | Framework | Campaign):
        return value.findings()
    return ()


def findings(
    source: str | bytes | os.PathLike[str], kind: Any, *, format: Format | None = None
) -> tuple[Finding, ...]:
    """Every finding of reading ``source`` as ``kind`` (a class or a kind name of
    :data:`KINDS`): each problem of the file or text (with its path, as a
    :class:`~cchc.errors.ParseError` of :func:`load` lists them), and, for a checked
    document (a plan, a framework, a campaign), the document's own findings (its
    ``findings()`` under the default rules). An empty result means the file is good.

    Without ``format``, ``source`` is the path of a ``.toml`` or ``.json`` file (read as by
    :func:`load`; a missing or unreadable file is a finding too); with ``format``
    (``"toml"`` or ``"json"``), ``source`` is the text itself (read as by :func:`loads`).
    Nothing found is raised; only a wrong argument is (a kind that is not one, a path
    without a known extension, a ``format`` that is not one).

    >>> text = '''
    ... summary = "Kế hoạch CCHC năm 2021"
    ... tasks = [{ code = "1", title = "Rà soát thủ tục hành chính", lead = "VP" }]
    ... [period]
    ... start = 2021-01-01
    ... end = 2021-12-31
    ... '''
    >>> [(f.code, f.path) for f in findings(text, "plan", format="toml")][:3]
    [('plan.no-directive', 'implements'), ('plan.not-issued', 'issued'), \
('plan.areas-uncovered', 'tasks')]
    >>> [(f.code, f.path) for f in findings(text.replace("lead", "chu_tri"), "plan",
    ...                                      format="toml")]
    [('data.unknown-key', 'tasks[0].chu_tri')]
    >>> [(f.code, f.path) for f in findings("khong-co.toml", "plan")]
    [('file.missing', 'khong-co.toml')]
    """
    cls = kind_of(kind)
    # a wrong argument is raised, not reported: it is no finding on the file
    text: str | bytes | None = None
    form: Format = "toml"
    if format is None:
        _path_format(source)
    else:
        form = _format(format)
        if not isinstance(source, str | bytes):
            raise CchcTypeError(
                f"must be the text of the file (str or bytes), not {type(source).__name__}",
                vi="phải là nội dung của tệp (văn bản)",
                field="source",
                value=repr(source)[:80],
            )
        text = source
    try:
        value = (
            load(source, cls)  # type: ignore[arg-type]
            if text is None
            else loads(text, cls, format=form)
        )
    except CchcError as exc:
        if exc.field == "path":  # the file is missing, unreadable or too large
            code = "file.missing" if isinstance(exc, NotFoundError) else "file.unreadable"
            return (Finding(code, str(source), exc.message_vi, str(exc)),)
        return exc.findings
    return _document_findings(value)


def check(
    source: str | bytes | os.PathLike[str], kind: Any, *, format: Format | None = None
) -> tuple[Finding, ...]:
    """Like :func:`findings`, but raise :class:`~cchc.errors.InvalidDocumentError` with
    every finding when any is an error; otherwise return the warnings and notes. (The value
    itself is read with :func:`load` or :func:`loads`.)

    >>> check('summary = "KH"\\n[period]\\nstart = 2021-01-01\\nend = 2021-12-31\\n', "plan",
    ...       format="toml")
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: Plan (toml): 9 problems
      error plan.no-directive at implements: ...
    """
    found = findings(source, kind, format=format)
    if any(f.severity is Severity.ERROR for f in found):
        what = str(source) if format is None else f"{_type_name(kind_of(kind))} ({format})"
        raise InvalidDocumentError(what, found)
    return found


# ---------------------------------------------------------------------------------------------
# JSON Schema, from the same definitions

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DECIMAL_TEXT = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_FRACTION_TEXT = r"^[+-]?[0-9]+(?:/[0-9]+|(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)$"
_DATE_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def json_data(data: object) -> Any:
    """Parsed TOML as the JSON it stands for, to validate against a :func:`schema`: decimals
    (``tomllib.loads(..., parse_float=Decimal)``) and dates as text; the rest unchanged.

    >>> import tomllib
    >>> json_data(tomllib.loads("maximum = 2.5\\non = 2024-06-30", parse_float=Decimal))
    {'maximum': '2.5', 'on': '2024-06-30'}
    """
    if isinstance(data, dict):
        return {k: json_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [json_data(v) for v in data]
    if isinstance(data, Decimal):
        return str(data)
    if isinstance(data, datetime.date):
        return data.isoformat()
    return data


def schema(cls: Any) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON form of ``cls`` (a class, a generic alias or
    a kind name of :data:`KINDS`), generated from the attrs classes that :func:`structure`
    reads: an object per class with its fields, the required ones and no others; exact numbers
    as text (or whole numbers), dates as ISO text, enums by name or value.

    A document that passes the schema may still break a rule that only the library checks (a
    criterion's children adding up to more than its maximum); one that fails it will not load.

    >>> s = schema("status-updates")
    >>> s["$schema"], s["type"], s["items"]
    ('https://json-schema.org/draft/2020-12/schema', 'array', {'$ref': '#/$defs/StatusUpdate'})
    >>> sorted(s["$defs"]["StatusUpdate"]["required"])
    ['on', 'status']
    """
    name = cls if isinstance(cls, str) else None
    cls = kind_of(cls)
    defs: dict[str, Any] = {}
    body = _schema_of(cls, defs)
    out: dict[str, Any] = {"$schema": SCHEMA_DIALECT}
    if name is not None:
        out["title"] = name
    out.update(body)
    if defs:
        out["$defs"] = dict(sorted(defs.items()))
    return out


def _schema_of(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = _origin(cls), get_args(cls)
    if cls is Any or cls is object:
        return {}
    if cls == Implemented:
        return {"anyOf": [{"type": "string"}, _schema_of(Citation, defs)]}
    if cls is Framework:
        return _class_schema(cls, defs, framework=True)
    if _is_optional(cls):
        rest = [a for a in args if a is not type(None)]
        return {"anyOf": [*(_schema_of(a, defs) for a in rest), {"type": "null"}]}
    if origin in (typing.Union, _UnionType):
        return {"anyOf": [_schema_of(a, defs) for a in args]}
    if cls is str:
        return {"type": "string"}
    if cls is bool:
        return {"type": "boolean"}
    if cls is int:
        return {"type": "integer"}
    if cls is Decimal:
        return {"anyOf": [{"type": "string", "pattern": _DECIMAL_TEXT}, {"type": "integer"}]}
    if cls is Fraction:
        return {"anyOf": [{"type": "string", "pattern": _FRACTION_TEXT}, {"type": "integer"}]}
    if cls is datetime.date:
        return {"type": "string", "pattern": _DATE_TEXT, "format": "date"}
    if cls is DocumentNumber:
        return {"type": "string"}
    if _is_enum(cls):
        values = [m.name for m in cls]
        values += [m.value for m in cls if m.value not in values]
        return {"enum": values}
    if _is_array(cls):
        dtype = _dtype_of(cls)
        cell = {"type": "boolean" if dtype is not None and dtype.kind == "b" else "integer"}
        return {"type": "array", "items": {"anyOf": [cell, {"type": "array"}]}}
    if _is_sequence(cls):
        fixed = origin is tuple and bool(args) and not (len(args) == 2 and args[1] is ...)
        if fixed:
            return {
                "type": "array",
                "prefixItems": [_schema_of(a, defs) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        return {"type": "array", "items": _schema_of(args[0], defs) if args else {}}
    if _is_mapping(cls):
        key, value = args if len(args) == 2 else (Any, Any)
        if _origin(key) is tuple:
            pair = {
                "type": "array",
                "prefixItems": [_schema_of(key, defs), _schema_of(value, defs)],
                "minItems": 2,
                "maxItems": 2,
            }
            return {"type": "array", "items": pair}
        out: dict[str, Any] = {"type": "object", "additionalProperties": _schema_of(value, defs)}
        if key is int:
            out["propertyNames"] = {"pattern": r"^-?[0-9]{1,18}$"}
        return out
    if attrs.has(cls):
        return _class_schema(cls, defs)
    raise CchcTypeError(
        f"has no JSON Schema: {_type_name(cls)} is not a type the library reads",
        vi="không có lược đồ JSON cho kiểu dữ liệu này",
        field="cls",
        value=_type_name(cls),
    )


def _class_schema(cls: Any, defs: dict[str, Any], *, framework: bool = False) -> dict[str, Any]:
    name = cls.__name__
    ref = {"$ref": f"#/$defs/{name}"}
    if name in defs:
        return ref
    defs[name] = {}  # a placeholder, so that a class that holds itself refers to itself
    hints = typing.get_type_hints(cls)
    omitted = _omitted(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init or field.name in omitted:
            continue
        properties[field.name] = _schema_of(hints[field.name], defs)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    body: dict[str, Any] = {
        "type": "object",
        "title": name,
        "properties": properties,
        "additionalProperties": False,
    }
    if cls.__doc__:
        body["description"] = " ".join(cls.__doc__.split("\n\n")[0].split())
    if required:
        body["required"] = required
    if framework:
        # the framework's own fields may sit in a [framework] table beside the criteria
        head = {k: v for k, v in properties.items() if k != "criteria"}
        body["properties"] = {
            **properties,
            FRAMEWORK_TABLE: {"type": "object", "properties": head, "additionalProperties": False},
        }
        body.pop("required", None)
        body["anyOf"] = [
            {"required": required},
            {"required": ["criteria", FRAMEWORK_TABLE]},
        ]
    defs[name] = body
    return ref
