"""The one error family of ``cchc``, and the findings that whole-document checks return.

Every error the library raises on purpose is a :class:`CchcError`. Each concrete class also
subclasses the built-in exception a Python user would reach for, so ``except ValueError`` keeps
working in code that does not know about ``cchc``:

>>> from cchc.errors import CchcError, ParseError
>>> issubclass(ParseError, ValueError) and issubclass(ParseError, CchcError)
True

Messages name the field and the bad value:

>>> err = ValidationError("count must not be negative", field="count", value=-1)
>>> str(err)
'count = -1: count must not be negative'
>>> err.field, err.value
('count', -1)

Checks of a whole document (a plan, a framework file) do not stop at the first problem. They
collect :class:`Finding` objects and, when asked to insist, raise them all at once in an
:class:`InvalidDocumentError`:

>>> f = Finding("task.no-output", "tasks[2].output", "Nhiệm vụ chưa có sản phẩm",
...             "task has no output")
>>> print(InvalidDocumentError("plan 138/KH-UBND", [f]))
plan 138/KH-UBND: 1 problem
  error task.no-output at tasks[2].output: task has no output (Nhiệm vụ chưa có sản phẩm)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = [
    "AmbiguousError",
    "CchcError",
    "CchcTypeError",
    "Finding",
    "InvalidDocumentError",
    "NotFoundError",
    "ParseError",
    "Severity",
    "ValidationError",
]

_MISSING = object()


#: How much of a bad value's repr a message shows; longer reprs are cut in the middle.
MAX_SHOWN = 80


def _shown(value: object) -> str:
    """The repr of ``value`` for a message, cut to about :data:`MAX_SHOWN` characters.

    >>> _shown("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx … xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' (1002 \
characters)"
    """
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the error being reported
        text = f"<{type(value).__name__}>"
    if len(text) <= MAX_SHOWN:
        return text
    half = MAX_SHOWN // 2
    return f"{text[:half]} … {text[-half:]} ({len(text)} characters)"


class CchcError(Exception):
    """Base of every error raised on purpose by ``cchc``.

    ``field`` names what was wrong (``"tasks[3].due"``, ``"code"``) and ``value`` holds the
    offending value; both are optional and, when given, lead the message.
    """

    def __init__(self, message: str, *, field: str | None = None, value: object = _MISSING):
        self.message = message
        self.field = field
        self.value = None if value is _MISSING else value
        if field is not None and value is not _MISSING:
            text = f"{field} = {_shown(value)}: {message}"
        elif field is not None:
            text = f"{field}: {message}"
        else:
            text = message
        super().__init__(text)


class ValidationError(CchcError, ValueError):
    """A value breaks a rule of the type it was meant for (a negative count, a date outside a
    period, a score above its maximum)."""


class CchcTypeError(CchcError, TypeError):
    """A value of the wrong type was given (a float where points must be exact)."""


class ParseError(CchcError, ValueError):
    """Text could not be read as the thing asked for (a document number, a date)."""


class NotFoundError(CchcError, LookupError):
    """A code or name was looked up and is not there."""

    def __str__(self) -> str:  # LookupError subclasses would otherwise repr() the message
        return str(self.args[0]) if self.args else ""


class AmbiguousError(NotFoundError):
    """A name or number was looked up and several things fit (document numbers restart every
    year at every issuer); the message lists them."""


class Severity(enum.Enum):
    """How serious a :class:`Finding` is: an ``ERROR`` makes the document invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One problem found by a whole-document check.

    ``code`` is stable and machine-readable (``"task.no-output"``); ``path`` locates the problem
    inside the document (``"tasks[3].due"``); the message is given in Vietnamese and English.
    """

    code: str
    path: str
    message_vi: str
    message_en: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return (
            f"{self.severity.value} {self.code} at {self.path}: {self.message_en} "
            f"({self.message_vi})"
        )


class InvalidDocumentError(CchcError, ValueError):
    """A whole document failed its checks; ``findings`` holds every problem, not just the first."""

    def __init__(self, what: str, findings: Iterable[Finding]):
        self.what = what
        self.findings: tuple[Finding, ...] = tuple(findings)
        n = len(self.findings)
        lines = [f"{what}: {n} problem{'s' if n != 1 else ''}"]
        lines += [f"  {finding}" for finding in self.findings]
        super().__init__("\n".join(lines))
