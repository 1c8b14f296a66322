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
from typing import Any

import attrs

__all__ = [
    "AmbiguousError",
    "CchcError",
    "CchcTypeError",
    "Finding",
    "InvalidDocumentError",
    "MissingExtraError",
    "NotFoundError",
    "ParseError",
    "Severity",
    "ValidationError",
]

_MISSING = object()


#: How much of a bad value's repr a message shows; longer reprs are cut in the middle.
MAX_SHOWN = 80
#: A file's path is shown whole, so that it can be found: the operating system bounds it
#: (4,096 bytes on Linux); longer text in a ``path`` or ``file`` field is cut like any value.
MAX_PATH_SHOWN = 4096
_PATH_FIELDS = frozenset({"path", "file"})


def _shown(value: object, limit: int = MAX_SHOWN) -> str:
    """The repr of ``value`` for a message, cut to about :data:`MAX_SHOWN` characters.

    >>> _shown("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx … xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' (1002 \
characters)"
    """
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the error being reported
        text = f"<{type(value).__name__}>"
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]} … {text[-half:]} ({len(text)} characters)"


def _shown_vi(value: object, limit: int = MAX_SHOWN) -> str:
    """The value for a Vietnamese message: text in “…”, anything else as :func:`_shown`.

    >>> _shown_vi("mười"), _shown_vi(5)
    ('“mười”', '5')
    """
    if isinstance(value, str):
        if len(value) > limit:
            half = limit // 2
            return f"“{value[:half]} … {value[-half:]}” ({len(value)} ký tự)"
        return f"“{value}”"
    return _shown(value, limit)


class CchcError(Exception):
    """Base of every error raised on purpose by ``cchc``.

    ``field`` names what was wrong (``"tasks[3].due"``, ``"code"``) and ``value`` holds the
    offending value; both are optional and, when given, lead the message. ``vi`` is the same
    message in Vietnamese, in the words an officer uses, and ``code`` a stable machine-readable
    name of the fault. :attr:`findings` gives the error as data; errors pickle and compare
    equal after a round trip (a worker process may raise them):

    >>> import pickle
    >>> err = ValidationError("is negative", vi="là số âm", field="count", value=-1)
    >>> pickle.loads(pickle.dumps(err)) == err
    True
    >>> err.findings[0].message_vi
    'count = -1: là số âm'
    >>> ParseError("is not a number", vi="không phải là số", field="1.2", value="mười").message_vi
    '1.2 = “mười”: không phải là số'
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: object = _MISSING,
        vi: str | None = None,
        code: str | None = None,
        findings: Iterable[Finding] = (),
    ):
        self.message = message
        self._given: tuple[Finding, ...] = tuple(findings)
        # a field named by something other than text is shown, never formatted blindly
        self.field = field if field is None or isinstance(field, str) else _shown(field)
        self.has_value = value is not _MISSING
        self.value = None if value is _MISSING else value
        self.vi = vi
        self.code = code
        super().__init__(self._lead(message))

    @property
    def _limit(self) -> int:
        return MAX_PATH_SHOWN if self.field in _PATH_FIELDS else MAX_SHOWN

    def _lead(self, message: str) -> str:
        if self.field is not None and self.has_value:
            return f"{self.field} = {_shown(self.value, self._limit)}: {message}"
        if self.field is not None:
            return f"{self.field}: {message}"
        return message

    @property
    def message_vi(self) -> str:
        """The message in Vietnamese (the English one where no Vietnamese was given), the
        value shown as an officer writes it: text in quotation marks, not Python's."""
        message = self.vi if self.vi is not None else self.message
        if self.field is not None and self.has_value:
            return f"{self.field} = {_shown_vi(self.value, self._limit)}: {message}"
        if self.field is not None:
            return f"{self.field}: {message}"
        return message

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The problems as data: those the error was given (a file's every fault), or one
        :class:`Finding` for a single fault."""
        if self._given:
            return self._given
        return (
            Finding(
                self.code or _default_code(type(self)),
                self.field or "",
                self.message_vi,
                str(self),
            ),
        )

    def _state(self) -> dict[str, object]:
        state: dict[str, object] = {
            "message": self.message,
            "field": self.field,
            "vi": self.vi,
            "code": self.code,
            "findings": self._given,
        }
        if self.has_value:
            state["value"] = self.value
        return state

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self._state()), self.__dict__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, CchcError)
        return self._state() == other._state()

    def __hash__(self) -> int:
        return hash((type(self), str(self)))


def _default_code(cls: type[CchcError]) -> str:
    return {
        "ValidationError": "value.invalid",
        "CchcTypeError": "value.type",
        "ParseError": "value.unreadable",
        "NotFoundError": "value.unknown",
        "AmbiguousError": "value.ambiguous",
    }.get(cls.__name__, "value.invalid")


def _rebuild(cls: type[CchcError], state: dict[str, object]) -> CchcError:
    error = cls.__new__(cls)
    CchcError.__init__(error, **state)  # type: ignore[arg-type]
    return error


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


class MissingExtraError(CchcError, ImportError):
    """A part of ``cchc`` needs an optional extra that is not installed: the message says which
    and how to install it. It is also an :class:`ImportError` (``except ImportError`` keeps
    working; :attr:`name` is the missing package).

    >>> err = MissingExtraError.of("pandas", "pandas", "DataFrames", "bảng dữ liệu DataFrame")
    >>> print(err)
    DataFrames need the pandas extra, which is not installed: pip install "cchc[pandas]"
    >>> err.name, err.code, isinstance(err, ImportError)
    ('pandas', 'extra.missing', True)
    """

    @classmethod
    def of(cls, package: str, extra: str, purpose: str, purpose_vi: str) -> MissingExtraError:
        """The error for ``purpose`` needing ``package`` from the extra ``extra``."""
        error = cls(
            f"{purpose} need the {extra} extra, which is not installed: "
            f'pip install "cchc[{extra}]"',
            vi=f"{purpose_vi} cần gói bổ sung {extra} nhưng máy chưa cài; hãy cài bằng lệnh: "
            f'pip install "cchc[{extra}]"',
            code="extra.missing",
        )
        error.name = package
        return error


class AmbiguousError(NotFoundError):
    """A name or number was looked up and several things fit (document numbers restart every
    year at every issuer); the message lists them."""


class EnumLookup(enum.EnumMeta):
    """Metaclass of the library's enums: ``Cls(value)`` gives the member with that value, and
    hands anything else to ``Cls._missing_`` at once, so a value too long to print (an int of
    5,000 digits) still meets the enum's own error rather than Python's."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not cls._member_map_:  # the functional API builds a new enum
            return super().__call__(value, *args, **kwargs)
        try:
            member = cls._value2member_map_.get(value)
        except TypeError:  # unhashable
            member = None
        return member if member is not None else cls._missing_(value)  # type: ignore[attr-defined]


class Severity(enum.Enum, metaclass=EnumLookup):
    """How serious a :class:`Finding` is: an ``ERROR`` makes the document invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def _missing_(cls, value: object) -> Severity:
        if isinstance(value, str):
            for member in cls:
                if value.strip().casefold() in (member.value, member.name.casefold()):
                    return member
        known = ", ".join(m.value for m in cls)
        raise ValidationError(
            f"is not a severity; one of: {known}",
            vi=f"mức độ không hợp lệ; chọn một trong: {known}",
            field="severity",
            value=value,
        )


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
        self._findings: tuple[Finding, ...] = tuple(findings)
        n = len(self._findings)
        lines = [f"{what}: {n} problem{'s' if n != 1 else ''}"]
        lines += [f"  {finding}" for finding in self._findings]
        super().__init__("\n".join(lines), code="document.invalid")

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every problem found, each with its code, path and messages."""
        return self._findings

    def _state(self) -> dict[str, object]:
        return {"what": self.what, "findings": self._findings}

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.what, self._findings))
