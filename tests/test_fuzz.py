"""The promise to anyone who hands the library untrusted input: every public entry point that
takes text, numbers, files or JSON either answers or raises a :class:`~cchc.errors.CchcError`,
and does so without hanging.

Each public callable of ``cchc`` (classes and functions in ``cchc.__all__``, the readers of
``cchc.examples`` and ``cchc.export.json``) is called with hostile arguments: text with lone
surrogates and control characters, NaN and signalling NaN, numbers with enormous exponents,
bools where numbers belong, strings where lists belong, nested containers, bytes and paths that
do not exist. A hang guard (far above any real call) turns a runaway loop into a failure that
names the call.
"""

from __future__ import annotations

import importlib
import inspect
import signal
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc
from cchc import examples
from cchc.errors import CchcError
from cchc.export import json as cchc_json

#: Seconds a single call may take before it is reported as a hang (no real call comes near).
HANG_GUARD_S = 20

_NUMBER_TEXTS = [
    "1e999999999",
    "1E+1000000",
    "1e-9999999",
    "-0e-99999",
    "NaN",
    "sNaN",
    "-Infinity",
    "9" * 5000,
    "95%",
    "mười",
    "1,5",
    "04/26/2024",
    "31/2/2021",
    "",
    " ",
]

_TEXTS = [
    "\ud800",
    "a\x00b",
    "\x7f",
    "\ufffe",
    "Hòa\u05b0 Bình",
    "a" + "\u0301" * 200,
    "ủ" * 200,
    "[" * 500,
    "{" * 500,
    "QĐ 15",
    "33/2021/QĐ-UBND",
    "99999999999999999999/KH-UBND",
    "/nonexistent/dir/file.toml",
    "x" * 300,
]


def hostile() -> st.SearchStrategy[Any]:
    """Values no caller should send, and a few that look almost right."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.sampled_from([0, -1, 10**12, -(10**30), 10**4000]),
        st.sampled_from(
            [float("nan"), float("inf"), 0.1, -0.0, 1e308]  # floats are never exact
        ),
        st.sampled_from(
            [
                Decimal("NaN"),
                Decimal("sNaN"),
                Decimal("Infinity"),
                Decimal("1E+1000000"),
                Decimal("1E-1000000"),
                Decimal("-0.5"),
            ]
        ),
        st.sampled_from([Fraction(1, 3), Fraction(10**40, 7)]),
        st.sampled_from(_NUMBER_TEXTS + _TEXTS),
        st.text(max_size=30),
        st.sampled_from([b"", b"\xff\xfe", bytearray(b"x")]),
        st.sampled_from([date.min, date.max, date(2021, 2, 29 - 1)]),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.tuples(inner, inner),
            st.dictionaries(st.sampled_from(["code", "name", "x", "tasks"]), inner, max_size=2),
        ),
        max_leaves=4,
    )


#: Built once: a strategy is checked and analysed when first drawn from, which costs far more
#: than a draw.
HOSTILE = hostile()


#: The modules whose public callables are fuzzed: every module that reads what a user gives it.
FUZZED = (
    "errors", "lang", "explanations", "areas", "units", "calendar", "directives", "plans",
    "criteria", "scoring", "ties", "awards", "apportionment", "campaigns", "letterhead",
    "formats", "surveys", "indices", "sensitivity",
)  # fmt: skip


def _public_names() -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for module_name in FUZZED:
        module = importlib.import_module(f"cchc.{module_name}")
        for name in module.__all__:
            value = getattr(module, name)
            if getattr(value, "_is_protocol", False) or typing.get_origin(value) is not None:
                continue  # a typing.Protocol or a type alias describes, it is never called
            if (getattr(value, "__doc__", None) or "").startswith("Deprecated"):
                continue  # an old name, kept one minor version: it warns, then does the new
            if id(value) not in seen:
                seen.add(id(value))
                yield name, value


def _public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    for name, value in _public_names():
        if callable(value) and not (isinstance(value, type) and issubclass(value, BaseException)):
            yield name, value
        if isinstance(value, type) and not issubclass(value, BaseException):
            for attribute in sorted(vars(value)):
                method = getattr(value, attribute)
                if not attribute.startswith("_") and inspect.ismethod(method):
                    yield f"{name}.{attribute}", method  # classmethods: parse, from_text, ...
    for name in (
        "load",
        "loads",
        "load_file",
        "load_results",
        "loads_results",
        "load_settlements",
        "loads_settlements",
    ):
        if hasattr(examples, name):
            yield f"examples.{name}", getattr(examples, name)
    for cls in (cchc.Framework, cchc.Plan, cchc.Scorecard, cchc.SelfAssessment, cchc.Campaign):
        yield (
            f"export.json.from_json[{cls.__name__}]",
            lambda text, cls=cls: cchc_json.from_json(text, cls),
        )


def _required(fn: Callable[..., Any]) -> tuple[int, tuple[str, ...]]:
    """How many positional arguments ``fn`` requires, and the names of the keyword-only ones."""
    try:
        parameters = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return 1, ()
    required = [p for p in parameters if p.default is inspect.Parameter.empty]
    positional = sum(1 for p in required if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    return positional, tuple(p.name for p in required if p.kind is p.KEYWORD_ONLY)


class Hang(Exception):
    pass


@contextmanager
def hang_guard(what: str) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"{what} ran for more than {HANG_GUARD_S} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_GUARD_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


CALLABLES = dict(_public_callables())


@pytest.mark.parametrize("name", sorted(CALLABLES))
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_a_public_entry_point_answers_or_raises_a_cchc_error(
    name: str, data: st.DataObject
) -> None:
    fn = CALLABLES[name]
    positional, keywords = _required(fn)
    args = [data.draw(HOSTILE, label=f"arg{i}") for i in range(positional)]
    kwargs = {k: data.draw(HOSTILE, label=k) for k in keywords}
    with hang_guard(name):
        try:
            fn(*args, **kwargs)
        except CchcError:
            pass
        except Exception as exc:  # the failure names the call and what escaped
            raise AssertionError(
                f"{name}{tuple(args)!r:.200} {kwargs!r:.200} raised "
                f"{type(exc).__name__}: {exc!s:.300}"
            ) from exc


def test_the_fuzz_covers_the_whole_public_face() -> None:
    # a new public callable is fuzzed without anyone remembering to add it
    assert len(CALLABLES) > 100
    assert {"parse_framework", "DocumentNumber.parse", "rank", "examples.loads"} <= set(CALLABLES)
    assert any(n.startswith("export.json.from_json") for n in CALLABLES)
