"""JSON round-trips for every value type, through a cattrs converter that re-validates.

One JSON form per value, so that the same value always gives the same bytes:

- exact numbers travel as text: a ``Decimal`` as its digits (``"12.50"``), a ``Fraction`` (an
  index, a share) as its exact reduced ratio (``"971/10"``; a whole number as ``"97"``);
- dates as ISO text, enums by member name (``"PROCEDURES"``; reading also accepts the value,
  ``"TTHC"``, which older files hold), sets as sorted lists, NumPy arrays as (nested) lists,
  and types with an official text form (a document number) as that text.

>>> from cchc.areas import ReformArea
>>> to_json([ReformArea.PROCEDURES])
'["PROCEDURES"]'
>>> from_json('["PROCEDURES", "TTHC"]', list[ReformArea])
[ReformArea.PROCEDURES, ReformArea.PROCEDURES]
>>> from decimal import Decimal
>>> from_json(to_json(Decimal("12.50")), Decimal)
Decimal('12.50')
>>> to_json(frozenset({"xa-b", "xa-a"}))
'["xa-a", "xa-b"]'
>>> from cchc.directives import DocumentNumber
>>> to_json(DocumentNumber.parse("Số: 33/2021/QĐ-UBND"))
'"33/2021/QĐ-UBND"'

Reading is strict and goes through each class's own constructor, so that what is loaded is
checked exactly as if it had been built in Python. Every problem becomes a
:class:`~cchc.errors.ParseError` whose :attr:`~cchc.errors.CchcError.findings` give each fault
with its path (``tasks[3].evidence``) and the reason, in English and Vietnamese:

>>> from cchc.plans import StatusUpdate
>>> text = '{"on": "2021-06-01", "status": "DONE", "evidence": ["QĐ 15"], "x": 1}'
>>> from_json(text, StatusUpdate)
Traceback (most recent call last):
...
cchc.errors.ParseError: not a valid StatusUpdate: 2 problems: evidence = ["QĐ 15"]: must be ...
>>> from cchc.errors import ParseError
>>> try:
...     from_json(text, StatusUpdate)
... except ParseError as exc:
...     for finding in exc.findings:
...         print(finding.path, "|", finding.message_vi)
evidence | Giá trị ["QĐ 15"] phải là văn bản
x | Trường “x” không hợp lệ (dữ liệu loại này không có trường đó)
"""

from __future__ import annotations

import collections.abc
import datetime
import enum
import json
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, get_args, get_origin, overload

import attrs
import cattrs
import numpy as np
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from cchc import _fields
from cchc.directives import Citation, DocumentNumber, Implemented
from cchc.errors import CchcError, CchcTypeError, Finding, InvalidDocumentError, ParseError

__all__ = ["MAX_DEPTH", "converter", "from_json", "to_json"]

T = TypeVar("T")

#: The deepest nesting of arrays and objects :func:`from_json` reads; deeper text is refused
#: before it is parsed. The deepest value of the library, a framework whose criteria reach
#: :data:`cchc.criteria.MAX_DEPTH` (32) levels, nests about 70 deep in JSON.
MAX_DEPTH = 128
#: How many problems the message of a :class:`~cchc.errors.ParseError` spells out; its
#: ``findings`` hold them all.
SHOWN_PROBLEMS = 5


def _make_converter(*, forbid_extra_keys: bool = True) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=forbid_extra_keys, detailed_validation=True)
    _configure(conv)
    return conv


# ---------------------------------------------------------------------------------------------
# leaves: each structure hook refuses what is not exactly its type


def _type_error(expected: str, vi: str, value: object) -> CchcTypeError:
    return CchcTypeError(
        f"must be {expected}, not {_json_kind(value)}", vi=f"phải là {vi}", value=value
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
    )


def _date(value: object, _: object) -> datetime.date:
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
    )


def _document_number(value: object, _: object) -> DocumentNumber:
    if not isinstance(value, str):
        raise _type_error("a document number as text", "số hiệu văn bản dạng văn bản", value)
    return DocumentNumber.parse(value)


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
        return _fields.enum_member(cls, value, "")
    except CchcError as exc:
        names = ", ".join(cls.__members__)
        raise ParseError(
            f"is not a {cls.__name__}; one of: {names}",
            vi=f"không hợp lệ; chọn một trong: {names}",
            value=value,
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
            raise _type_error("a list", "một danh sách", value)
        if fixed and len(value) != len(args):
            raise CchcTypeError(
                f"must be a list of {len(args)} items, not {len(value)}",
                vi=f"phải là danh sách gồm {len(args)} phần tử",
                value=value,
            )
        kinds = args if fixed else (args[0] if args else Any,) * len(value)
        out, errors = [], []
        for i, (item, kind) in enumerate(zip(value, kinds, strict=True)):
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
                raise _type_error("a list of [key, value] pairs", "một danh sách", value)
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
            raise _type_error("an object", "một đối tượng JSON", value)
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
        raise _type_error("a list of numbers", "một danh sách số", value)
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
            raise _type_error("an object", "một đối tượng JSON", value)
        return generated(value, cls)

    return structure


def _attrs_unstructure(cls: Any, conv: cattrs.Converter) -> Callable[[Any], Any]:
    return make_dict_unstructure_fn(cls, conv, **_omitted(cls))


def _implemented(
    cls: Any, conv: cattrs.Converter
) -> Callable[[Any, Any], DocumentNumber | Citation]:
    # what a directive implements: a number travels as its text, a citation as an object
    def structure(value: object, _: object) -> DocumentNumber | Citation:
        if isinstance(value, str):
            return DocumentNumber.parse(value)
        return conv.structure(value, Citation)

    return structure


def _configure(conv: cattrs.Converter) -> None:
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
    conv.register_structure_hook_factory(attrs.has, _attrs_structure)
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


#: The converter behind :func:`to_json` and :func:`from_json`; register hooks on it for
#: types of your own.
converter = _make_converter()


# ---------------------------------------------------------------------------------------------
# writing


def to_json(value: object, *, indent: int | None = None) -> str:
    """Return ``value`` as JSON text, in the one form :func:`from_json` reads back."""
    return json.dumps(converter.unstructure(value), ensure_ascii=False, indent=indent)


# ---------------------------------------------------------------------------------------------
# reading


@overload
def from_json(text: str | bytes, cls: type[T], *, forbid_extra_keys: bool = True) -> T: ...
@overload
def from_json(text: str | bytes, cls: Any, *, forbid_extra_keys: bool = True) -> Any: ...
def from_json(text: str | bytes, cls: Any, *, forbid_extra_keys: bool = True) -> Any:
    """Read JSON text back into an instance of ``cls`` (a class, or a generic alias such as
    ``list[Unit]``), through the constructors of the library's classes, so that everything
    loaded is validated as if built in Python.

    Anything else raises a :class:`~cchc.errors.ParseError` whose ``findings`` name each fault
    with its path and reason: text that is not JSON or nests deeper than :data:`MAX_DEPTH`,
    a value of the wrong kind (a text where a list belongs, ``null`` or ``true`` where a text
    belongs, a JSON float where an exact number belongs), numbers beyond the library's limits,
    a missing field and, unless ``forbid_extra_keys`` is False, a field the class does not
    have.

    >>> from cchc.units import Unit
    >>> from_json('{"code": "X1", "name": "Xã Một", "kind": "COMMUNE"}', Unit)
    Unit('X1', 'Xã Một', UnitKind.COMMUNE)
    >>> err = None
    >>> try:
    ...     from_json('{"code": null, "name": "Xã Một", "kind": "COMMUNE"}', Unit)
    ... except ParseError as exc:
    ...     err = exc
    >>> [(f.path, f.message_en, f.message_vi) for f in err.findings]
    [('code', 'code = null: must be text, not null', 'Giá trị null phải là văn bản')]
    """
    name = _type_name(cls)
    data = _load(text, name)
    conv = converter if forbid_extra_keys else converter.copy(forbid_extra_keys=False)
    try:
        return conv.structure(data, cls)
    except RecursionError:
        raise _too_deep(name) from None
    except Exception as exc:
        raise _refusal(exc, name) from None


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
        code="json.too-deep",
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


def _load(text: object, name: str) -> Any:
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode(json.detect_encoding(bytes(text)))
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"not a valid {name}: the bytes are not UTF-8 text ({exc.reason} at byte "
                f"{exc.start})",
                vi="dữ liệu không phải là văn bản UTF-8",
                code="json.syntax",
            ) from None
    if not isinstance(text, str):
        raise CchcTypeError(
            f"JSON must be given as text (str or bytes), not {type(text).__name__}",
            vi="dữ liệu JSON phải là văn bản",
            field="text",
            value=text,
        )
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
            code="json.syntax",
        ) from None
    except ValueError as exc:  # an integer beyond Python's digit limit, NaN, Infinity
        raise ParseError(
            f"not a valid {name}: {exc}",
            vi="JSON chứa số không hợp lệ hoặc quá dài",
            code="json.syntax",
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
                "json.unknown-field",
                where,
                f"Trường {_shown_vi(key)} không hợp lệ (dữ liệu loại này không có trường đó)",
                f"{where}: is not a field of {exc.cl.__name__} (the fields are: {fields})",
            )
    elif isinstance(exc, KeyError):
        name = path.rpartition(".")[2] or str(exc.args[0] if exc.args else "")
        yield Finding(
            "json.missing-field",
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
            exc.code or CchcError.findings.fget(exc)[0].code,  # type: ignore[attr-defined]
            where,
            f"Giá trị {_json_shown(exc.value, vi=True)} {vi}" if exc.has_value else vi,
            f"{lead}: {message}" if lead else message,
        )
    else:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        yield Finding(
            "json.invalid",
            path,
            "Giá trị không hợp lệ",
            f"{path}: {reason}" if path else reason,
        )


def _json_shown(value: object, *, vi: bool = False) -> str:
    """A value as the JSON text that held it (a text in “…” for Vietnamese), cut to about 80
    characters."""
    if vi and isinstance(value, str):
        return _shown_vi(value)
    try:
        text = json.dumps(converter.unstructure(value), ensure_ascii=False)
    except Exception:
        text = repr(value)
    return text if len(text) <= 80 else f"{text[:40]} … {text[-39:]}"


def _refusal(exc: BaseException, name: str) -> ParseError:
    findings = [f for path, leaf in _leaves(exc, "") for f in _findings(leaf, path)]
    n = len(findings)
    shown = "; ".join(f.message_en for f in findings[:SHOWN_PROBLEMS])
    shown_vi = "; ".join(f.message_vi for f in findings[:SHOWN_PROBLEMS])
    more = f"; and {n - SHOWN_PROBLEMS} more" if n > SHOWN_PROBLEMS else ""
    more_vi = f"; và {n - SHOWN_PROBLEMS} lỗi khác" if n > SHOWN_PROBLEMS else ""
    count = f"{n} problems: " if n > 1 else ""
    return ParseError(
        f"not a valid {name}: {count}{shown}{more}",
        vi=f"dữ liệu không hợp lệ ({n} lỗi): {shown_vi}{more_vi}",
        code="json.invalid",
        findings=findings,
    )
