"""JSON text for every value type: :func:`to_json` and :func:`from_json`, thin wrappers of
:mod:`cchc.formats` (the one reader and writer of the library's formats, TOML and JSON).

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

Reading is strict and goes through each class's own constructor; every problem becomes a
finding of one :class:`~cchc.errors.ParseError`, with its path and the reason in English and
Vietnamese:

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
...         print(finding.code, finding.path, "|", finding.message_vi)
data.wrong-type evidence | Giá trị ["QĐ 15"] phải là văn bản
data.unknown-key x | Trường “x” không hợp lệ (dữ liệu loại này không có trường đó)
"""

from __future__ import annotations

from typing import Any, TypeVar, overload

from cchc import formats
from cchc.formats import MAX_DEPTH, SHOWN_PROBLEMS, converter

__all__ = ["MAX_DEPTH", "SHOWN_PROBLEMS", "converter", "from_json", "to_json"]

T = TypeVar("T")


def to_json(value: object, *, indent: int | None = None) -> str:
    """Return ``value`` as JSON text, in the one form :func:`from_json` reads back
    (:func:`cchc.formats.dumps` with ``format="json"``)."""
    return formats.dumps(value, "json", indent=indent)


@overload
def from_json(text: str | bytes, cls: type[T], *, forbid_extra_keys: bool = True) -> T: ...
@overload
def from_json(text: str | bytes, cls: Any, *, forbid_extra_keys: bool = True) -> Any: ...
def from_json(text: str | bytes, cls: Any, *, forbid_extra_keys: bool = True) -> Any:
    """Read JSON text back into an instance of ``cls`` (a class, or a generic alias such as
    ``list[Unit]``), through the constructors of the library's classes
    (:func:`cchc.formats.loads` with ``format="json"``).

    Anything else raises a :class:`~cchc.errors.ParseError` whose ``findings`` name each fault
    with its path and reason: text that is not JSON or nests deeper than :data:`MAX_DEPTH`,
    a value of the wrong kind (a text where a list belongs, ``null`` or ``true`` where a text
    belongs, a JSON float where an exact number belongs), numbers beyond the library's limits,
    a missing field and, unless ``forbid_extra_keys`` is False, a field the class does not
    have.

    >>> from cchc.errors import ParseError
    >>> from cchc.units import Unit
    >>> from_json('{"code": "X1", "name": "Xã Một", "kind": "COMMUNE"}', Unit)
    Unit('X1', 'Xã Một', UnitKind.COMMUNE)
    >>> try:
    ...     from_json('{"code": null, "name": "Xã Một", "kind": "COMMUNE"}', Unit)
    ... except ParseError as exc:
    ...     print([(f.path, f.message_en, f.message_vi) for f in exc.findings])
    [('code', 'code = null: must be text, not null', 'Giá trị null phải là văn bản')]
    """
    return formats.loads(text, cls, format="json", forbid_extra_keys=forbid_extra_keys)
