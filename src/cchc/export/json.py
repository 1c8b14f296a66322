"""JSON round-trips for every value type, through a cattrs converter.

Exact numbers travel as strings (``"12.50"``), dates as ISO text, enums by value, sets as
sorted lists (so that the same value always gives the same bytes), and types that have an
official text form (a document number) as that text:

>>> from cchc.areas import ReformArea
>>> to_json([ReformArea.PROCEDURES])
'["TTHC"]'
>>> from_json('["TTHC"]', list[ReformArea])
[ReformArea.PROCEDURES]
>>> from decimal import Decimal
>>> from_json(to_json(Decimal("12.50")), Decimal)
Decimal('12.50')
>>> to_json(frozenset({"xa-b", "xa-a"}))
'["xa-a", "xa-b"]'
>>> from cchc.directives import Citation, DocumentNumber, Implemented
>>> to_json(DocumentNumber.parse("Số: 33/2021/QĐ-UBND"))
'"33/2021/QĐ-UBND"'
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar, get_origin

import cattrs
from cattrs.preconf.json import make_converter

from cchc.directives import Citation, DocumentNumber, Implemented
from cchc.errors import ParseError

__all__ = ["converter", "from_json", "to_json"]

T = TypeVar("T")

#: The converter behind :func:`to_json` and :func:`from_json`; register hooks on it for
#: types of your own.
converter = make_converter()


def _decimal(value: object, _: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"a decimal is written as text, not {value!r}")
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _fraction(value: object, _: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"a fraction is written as text, not {value!r}")
    return Fraction(str(value))


converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, _decimal)
converter.register_unstructure_hook(Fraction, str)
converter.register_structure_hook(Fraction, _fraction)
converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
converter.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))


def _is_set_type(cls: Any) -> bool:
    return (get_origin(cls) or cls) in (set, frozenset)


def _sorted_items(value: Iterable[object]) -> list[Any]:
    # sets have no order; sorting by each item's JSON text makes the output byte-stable
    items = [converter.unstructure(item) for item in value]
    return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))


converter.register_unstructure_hook_func(_is_set_type, _sorted_items)
converter.register_unstructure_hook(DocumentNumber, str)
converter.register_structure_hook(DocumentNumber, lambda v, _: DocumentNumber.parse(v))


def _implemented(value: object, _: object) -> DocumentNumber | Citation:
    # what a directive implements: a number travels as its text, a citation as an object
    if isinstance(value, str):
        return DocumentNumber.parse(value)
    return converter.structure(value, Citation)


converter.register_structure_hook_func(lambda t: t == Implemented, _implemented)


def to_json(value: object, *, indent: int | None = None) -> str:
    """Return ``value`` as JSON text."""
    return json.dumps(converter.unstructure(value), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T] | Any) -> T:
    """Read JSON text back into an instance of ``cls``; raise :class:`~cchc.errors.ParseError`
    naming what did not fit."""
    try:
        return converter.structure(json.loads(text), cls)  # type: ignore[no-any-return]
    except RecursionError:
        raise ParseError(
            f"not a valid {getattr(cls, '__name__', cls)}: nested too deeply"
        ) from None
    except (ValueError, TypeError, KeyError, ArithmeticError, cattrs.BaseValidationError) as exc:
        detail = (
            "; ".join(cattrs.transform_error(exc))
            if isinstance(exc, cattrs.BaseValidationError)
            else str(exc)
        )
        raise ParseError(f"not a valid {getattr(cls, '__name__', cls)}: {detail}") from exc
