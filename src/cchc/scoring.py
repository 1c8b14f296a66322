"""Scoring units against a framework, exactly and explainably: one unit or a whole nation.

The workflow of a PAR Index or an emulation campaign has stages. The unit scores itself with
evidence (tự đánh giá, :class:`SelfAssessment`); the appraisal council (hội đồng thẩm định)
confirms or changes each score, always with a reason (:class:`Appraisal`); survey points are
added (điều tra xã hội học, :class:`SurveyResult`); what remains is the final
:class:`Scorecard`. The self-assessed card is a different type
(:class:`SelfAssessedScorecard`), so the two cannot be confused.

>>> from cchc.criteria import load_bundled
>>> fw = load_bundled("cchc-campaign-6")
>>> own = SelfAssessment.of("XA-01", {
...     "1.1": "8", "1.2": 1, "2.1": (45, 50), "2.2": True, "2.3": "55",
...     "3.1": "9.5", "3.2": "N/A", "4.1": 0, "4.2": 1, "5.1": "9/10", "5.2": "4.5",
...     "6.1": (80, 100)})
>>> council = Appraisal("XA-01", [Adjustment("3.1", "8", "thiếu quyết định phê duyệt đề án")])
>>> card = score_unit(fw, own, council, SurveyResult.of("XA-01", {"6.2": "87.5"}))
>>> card.points, card.maximum, card.index_rounded, card.band
(Decimal('83.75'), Decimal('95.00'), Decimal('88.16'), 'Tốt')
>>> [(c.code, str(c.change)) for c in council_changes(score_self_assessment(fw, own), card)]
[('3.1', '-1.50')]
>>> print(card.explain("en").lines[0])
1.1  8.00 / 8.00  manual: 0 to 8 in steps of 0.5; reported 8 (self-assessment)

Batch work is columnar: :class:`ScoreTable` holds one column per leaf criterion for all
units at once (whole numbers in steps of the framework's precision), every rule is evaluated
over its column with NumPy, and :class:`BatchResult` hands out the same value types as views,
or rows ready for a DataFrame. See ``docs/scoring.md`` for the national-scale benchmark.
"""

from __future__ import annotations

import contextlib
import functools
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, TypeVar, cast

import attrs
import numpy as np
import numpy.typing as npt

from cchc._fields import (
    FINEST_DIGITS,
    NUMBER_LIMIT,
    CodedEnum,
    decimal,
    deprecated,
    enum_member,
    fraction,
    instance_of,
    is_bool,
    is_decimal,
    is_name,
    is_optional_text,
    is_text,
    items_of,
    of_type,
    sequence,
    text,
    texts,
    to_decimal,
    to_nfc,
)
from cchc.criteria import (
    Absent,
    Criterion,
    ExcessBasis,
    Extra,
    Framework,
    GroupStanding,
    Level,
    NoTargetPolicy,
    Rule,
    RuleKind,
    _round_ratio,
    round_ratio,
)
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    Severity,
    ValidationError,
)
from cchc.explanations import Explanation, ExplanationLine
from cchc.lang import Lang, LangLike, Words, number
from cchc.text import fold, nfc
from cchc.ties import TieBreak, TieBreakKind, lot_draw, ranking_link

__all__ = [
    "NOT_APPLICABLE",
    "Adjustment",
    "Appraisal",
    "BatchResult",
    "CouncilChange",
    "CriterionScore",
    "Entry",
    "Marker",
    "RankedUnit",
    "Ranking",
    "ScoreTable",
    "Scorecard",
    "SelfAssessedScorecard",
    "SelfAssessment",
    "Source",
    "SurveyResult",
    "Tie",
    "TieOrder",
    "TiePolicy",
    "WeakCriterion",
    "YearChange",
    "compare_years",
    "council_change_report",
    "council_changes",
    "rank",
    "score_self_assessment",
    "score_table",
    "score_unit",
    "weakest_criteria",
]

Int64Array = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
_T = TypeVar("_T")


class Marker(CodedEnum):
    """Marks a criterion as not applicable to a unit (không áp dụng): its maximum is taken out
    of the unit's maximum (re-basing), as provincial sets do.

    >>> Entry("3.2", NOT_APPLICABLE).value, Entry("3.2", "không áp dụng").not_applicable
    ('N/A', True)
    """

    NOT_APPLICABLE = "N/A"


#: What a unit reports for a criterion that does not apply to it.
NOT_APPLICABLE = Marker.NOT_APPLICABLE

_NA_TEXTS = frozenset(fold(t) for t in ("N/A", "NA", "không áp dụng", "KAD", "KAD."))


class Source(CodedEnum):
    """Which stage gave a leaf's entry.

    >>> Source.APPRAISAL.vi, Source.SURVEY.en, Source("appraisal")
    ('thẩm định', 'survey', Source.APPRAISAL)
    """

    NONE = 0
    SELF = 1
    APPRAISAL = 2
    SURVEY = 3

    @property
    def vi(self) -> str:
        """The Vietnamese name of the stage."""
        return {0: "chưa báo cáo", 1: "tự đánh giá", 2: "thẩm định", 3: "điều tra XHH"}[self.value]

    @property
    def en(self) -> str:
        """The English name of the stage."""
        return {0: "not reported", 1: "self-assessment", 2: "appraisal", 3: "survey"}[self.value]


# ---------------------------------------------------------------------------------------------
# paths and shown values: one syntax for every finding


def _quoted(key: object) -> str:
    """A key as a path shows it: text in single quotes (``'2.2'``), anything else as its repr."""
    if isinstance(key, str):
        return "'" + key.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return _echo(key)


def _at(prefix: str, key: object) -> str:
    """The path of ``key`` inside ``prefix``: ``rows[0]['2.2']``, ``A['2.2']``."""
    return f"{prefix}[{_quoted(key)}]"


def _echo(value: object, limit: int = 60) -> str:
    """A bad value as an English message shows it: its repr, cut in the middle when long."""
    try:
        shown = repr(value)
    except Exception:  # a broken __repr__ must not hide the problem being reported
        shown = f"<{type(value).__name__}>"
    if len(shown) > limit:
        shown = f"{shown[: limit // 2]} … {shown[-limit // 2 :]}"
    return shown


def _echo_vi(value: object, limit: int = 60) -> str:
    """A bad value as a Vietnamese message shows it: text in “…”, numbers as they are."""
    if isinstance(value, str):
        shown = value if len(value) <= limit else f"{value[: limit // 2]} … {value[-limit // 2 :]}"
        return f"“{shown}”"
    if isinstance(value, bool | np.bool_):
        return "“có”" if value else "“không”"
    if isinstance(value, tuple | list) and len(value) == 2:
        return f"{_echo_vi(value[0])}/{_echo_vi(value[1])}"
    if isinstance(value, int | np.integer | Decimal | Fraction):
        try:
            shown = str(value)
        except ValueError:  # a whole number of more digits than Python will write out
            return _echo(value, limit)
        return shown if len(shown) <= limit else f"{shown[: limit // 2]} … ({len(shown)} chữ số)"
    return _echo(value, limit)


# ---------------------------------------------------------------------------------------------
# entries: what a unit (or the council, or the survey) reports for one leaf


def _cell_text(value: object, field: str = "value") -> str:
    """The canonical text of one reported value; numbers go through the bounded reader, so a
    NaN, an infinity or a number beyond the limits never becomes an entry."""
    if isinstance(value, Marker):
        return value.value
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, np.integer):
        value = int(value)
    if isinstance(value, int | Decimal | Fraction):
        return str(decimal(value, field))
    if isinstance(value, tuple | list) and len(value) == 2:
        if any(isinstance(part, tuple | list) for part in value):
            raise CchcTypeError(
                "a ratio is two numbers (numerator, denominator)",
                vi="tỷ lệ gồm hai số (tử số, mẫu số)",
                field=field,
                value=value,
            )
        return f"{_cell_text(value[0], field)}/{_cell_text(value[1], field)}"
    if isinstance(value, str):
        return text(value, field)
    if isinstance(value, float):
        raise CchcTypeError(
            "floats are not exact; give an int, a Decimal or text",
            vi="số thực dấu phẩy động không chính xác; hãy ghi số nguyên, số thập phân hoặc chữ",
            field=field,
            value=value,
        )
    raise CchcTypeError(
        f"cannot report a {type(value).__name__}",
        vi="không phải là giá trị chấm điểm (số, có/không, tỷ lệ hoặc “không áp dụng”)",
        field=field,
        value=value,
    )


def _entry_value(value: object) -> str:
    return _cell_text(value, "value")


def _is_na(value: str) -> bool:
    return fold(value) in _NA_TEXTS


def _evidence(value: object) -> tuple[str, ...]:
    """Evidence documents: one text is one document (never split into its letters)."""
    if isinstance(value, str):
        return (text(value, "evidence"),)
    return texts(value, "evidence")


@attrs.frozen
class Entry:
    """One reported value for one leaf criterion, as text ("8", "yes", "45/50", "N/A"), with
    the evidence documents cited for it (tài liệu kiểm chứng) and the unit's explanation
    (giải trình), if it gave one.

    >>> Entry("2.1", (45, 50))
    Entry(code='2.1', value='45/50', evidence=(), explanation=None)
    """

    code: str = attrs.field(converter=to_nfc, validator=is_name)
    value: str = attrs.field(converter=_entry_value)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_evidence)
    explanation: str | None = attrs.field(
        default=None, converter=to_nfc, validator=is_optional_text, kw_only=True
    )

    @property
    def not_applicable(self) -> bool:
        """True if the entry says the criterion does not apply."""
        return _is_na(self.value)


def _entries(value: Iterable[Entry]) -> tuple[Entry, ...]:
    items = items_of(value, Entry, "entries")
    seen: set[str] = set()
    for i, item in enumerate(items):
        key = fold(item.code)
        if key in seen:
            raise ValidationError(
                "criterion reported twice",
                vi=f"tiêu chí {item.code} được kê khai hai lần",
                field=f"entries[{i}].code",
                value=item.code,
            )
        seen.add(key)
    return items


def _entries_of(values: Mapping[str, object], evidence: Mapping[str, Iterable[str]]) -> list[Entry]:
    values, evidence = _mapping(values, "values"), _mapping(evidence, "evidence")
    return [Entry(code, value, evidence.get(code, ())) for code, value in values.items()]


@attrs.frozen
class SelfAssessment:
    """A unit's own scores (tự đánh giá), one :class:`Entry` per leaf criterion.

    >>> SelfAssessment.of("SNV", {"1.1": "yes"}).entries[0].value
    'yes'
    """

    unit: str = attrs.field(converter=to_nfc, validator=is_name)
    entries: tuple[Entry, ...] = attrs.field(converter=_entries)

    @classmethod
    def of(
        cls,
        unit: str,
        values: Mapping[str, object],
        evidence: Mapping[str, Iterable[str]] | None = None,
    ) -> SelfAssessment:
        """Build from a mapping criterion code -> reported value."""
        return cls(unit, _entries_of(values, evidence or {}))


@attrs.frozen
class SurveyResult:
    """Survey results for a unit (điều tra xã hội học: leaders' survey, SIPAS), one entry per
    survey-scored leaf.

    >>> SurveyResult.of("XA-01", {"6.2": "87.5"}).entries[0].code
    '6.2'
    """

    unit: str = attrs.field(converter=to_nfc, validator=is_name)
    entries: tuple[Entry, ...] = attrs.field(converter=_entries)

    @classmethod
    def of(cls, unit: str, values: Mapping[str, object]) -> SurveyResult:
        """Build from a mapping criterion code -> survey index."""
        return cls(unit, _entries_of(values, {}))


@attrs.frozen
class Adjustment:
    """The council's value for one leaf, replacing the unit's own, with the reason.

    >>> Adjustment("3.1", "8", "")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: reason = '': must not be empty
    """

    code: str = attrs.field(converter=to_nfc, validator=is_name)
    value: str = attrs.field(converter=_entry_value)
    reason: str = attrs.field(converter=to_nfc, validator=is_name)


def _adjustments(value: Iterable[Adjustment]) -> tuple[Adjustment, ...]:
    items = items_of(value, Adjustment, "adjustments")
    seen: set[str] = set()
    for i, item in enumerate(items):
        if fold(item.code) in seen:
            raise ValidationError(
                "criterion adjusted twice",
                vi=f"tiêu chí {item.code} được điều chỉnh hai lần",
                field=f"adjustments[{i}].code",
                value=item.code,
            )
        seen.add(fold(item.code))
    return items


@attrs.frozen
class Appraisal:
    """The appraisal council's changes (thẩm định) to one unit's self-assessment.

    >>> Appraisal("XA-01", [Adjustment("1.1", "7", "thiếu tài liệu kiểm chứng")]).adjustments[0]
    Adjustment(code='1.1', value='7', reason='thiếu tài liệu kiểm chứng')
    """

    unit: str = attrs.field(converter=to_nfc, validator=is_name)
    adjustments: tuple[Adjustment, ...] = attrs.field(default=(), converter=_adjustments)
    council: str = attrs.field(default="", converter=to_nfc, validator=is_text)


# ---------------------------------------------------------------------------------------------
# read-only arrays


def _array(value: object, field: str) -> npt.NDArray[Any]:
    try:
        return np.asarray(value)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise CchcTypeError(
            f"is not an array: {exc}",
            vi="không phải là một mảng số liệu",
            field=field,
        ) from None


def _read_only(value: object) -> npt.NDArray[Any]:
    """An attrs converter: ``value`` as an array nobody can write to. An array that owns its
    data is taken over (made read-only where it is); a view of another array, which its base
    could still change, is copied first."""
    array = _array(value, "array")
    if array.base is not None:
        array = array.copy()
    array.flags.writeable = False
    return array


def _read_only_map(value: Mapping[Any, Any]) -> Mapping[Any, npt.NDArray[Any]]:
    """An attrs converter: a mapping whose arrays are made read-only by :func:`_read_only`."""
    return {key: _read_only(array) for key, array in value.items()}


def _rebuild(cls: type[_T], arguments: dict[str, Any]) -> _T:
    return cls(**arguments)


class _Rebuilt:
    """Pickles through the constructor: converters and checks run again on load, so that
    arrays come back read-only and nothing loaded escapes the checks of a constructed value."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        given = {
            field.alias: _plain(getattr(self, field.name))
            for field in attrs.fields(cls)  # type: ignore[arg-type]
            if field.init
        }
        return (_rebuild, (cls, given))


def _plain(value: object) -> object:
    """A read-only mapping as a dict, for pickling (the constructor makes it read-only again)."""
    return dict(value) if isinstance(value, types.MappingProxyType) else value


def _read_only_dict(value: object) -> Mapping[Any, Any]:
    """An attrs converter: a mapping nobody can change (a copy of it, behind a proxy)."""
    if isinstance(value, Mapping):
        return types.MappingProxyType(dict(value))
    return cast(Mapping[Any, Any], value)  # refused by the validator, with the field named


# ---------------------------------------------------------------------------------------------
# the column engine


@attrs.frozen(eq=False)
class _Layout(_Rebuilt):
    """The framework flattened for the engine: every node in walk order, and per-leaf rule
    parameters as arrays so that each rule kind is evaluated over a block of leaves at once."""

    framework: Framework
    nodes: tuple[Criterion, ...]
    depth: tuple[int, ...]
    parent: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]
    leaf_rows: tuple[int, ...]  # node index of each leaf
    maxima: tuple[int, ...]  # scaled maximum of each node
    by_code: Mapping[str, int]  # folded code -> node index
    spans: tuple[tuple[int, int], ...]  # leaves [lo, hi) under each node
    rules: tuple[Rule, ...]  # rule of each leaf
    by_kind: Mapping[RuleKind, npt.NDArray[np.intp]] = attrs.field(converter=_read_only_map)
    leaf_max: Int64Array = attrs.field(converter=_read_only)
    step: Int64Array = attrs.field(converter=_read_only)  # 0 where none
    per: Int64Array = attrs.field(converter=_read_only)  # 1 where none
    floor: Int64Array = attrs.field(converter=_read_only)
    zero_points: Int64Array = attrs.field(converter=_read_only)
    scale_max: Int64Array = attrs.field(converter=_read_only)
    na_allowed: BoolArray = attrs.field(converter=_read_only)
    any_capped: bool = False
    #: Base, bonus or penalty: of every node (its top-level criterion's kind).
    extra_of: tuple[Extra, ...] = ()


#: The layouts of the frameworks used last, by identity: a framework is frozen, so its layout
#: never changes, and scoring one unit at a time must not flatten the tree on every call. Each
#: entry keeps its framework alive, so that an id is never reused while it is cached; bounded,
#: the oldest dropped first.
_LAYOUTS: dict[int, _Layout] = {}
_LAYOUTS_KEPT = 16


def _layout(framework: Framework) -> _Layout:
    """The framework flattened for the engine (built once per framework, then cached)."""
    layout = _LAYOUTS.get(id(framework))
    if layout is not None and layout.framework is framework:
        return layout
    layout = _build_layout(framework)
    while len(_LAYOUTS) >= _LAYOUTS_KEPT:
        with contextlib.suppress(KeyError, StopIteration, RuntimeError):
            del _LAYOUTS[next(iter(_LAYOUTS))]
    _LAYOUTS[id(framework)] = layout
    return layout


def _build_layout(framework: Framework) -> _Layout:
    nodes: list[Criterion] = []
    depth: list[int] = []
    parent: list[int] = []
    children: list[list[int]] = []
    spans: list[list[int]] = []
    leaves: list[int] = []
    # walk the tree with a stack of its own: no recursion, whatever the depth
    stack: list[tuple[Criterion, int, int, bool]] = [
        (top, 0, -1, False) for top in reversed(framework.criteria)
    ]
    open_nodes: list[int] = []
    while stack:
        node, level, up, done = stack.pop()
        if done:
            spans[open_nodes.pop()][1] = len(leaves)
            continue
        index = len(nodes)
        nodes.append(node)
        depth.append(level)
        parent.append(up)
        children.append([])
        spans.append([len(leaves), 0])
        if up >= 0:
            children[up].append(index)
        if node.is_leaf:
            leaves.append(index)
        open_nodes.append(index)
        stack.append((node, level, up, True))
        stack.extend((child, level + 1, index, False) for child in reversed(node.children))
    scale = framework.scale
    rules = tuple(nodes[i].effective_rule for i in leaves)

    def scaled(values: Iterable[Decimal | None], missing: int) -> Int64Array:
        return np.array([missing if v is None else int(v * scale) for v in values], dtype=np.int64)

    kinds: dict[RuleKind, list[int]] = {}
    for i, rule in enumerate(rules):
        kinds.setdefault(rule.kind, []).append(i)
    return _Layout(
        framework=framework,
        nodes=tuple(nodes),
        depth=tuple(depth),
        parent=tuple(parent),
        children=tuple(tuple(c) for c in children),
        leaf_rows=tuple(leaves),
        maxima=tuple(int(n.maximum * scale) for n in nodes),
        by_code={_unit_key(n.code): i for i, n in enumerate(nodes)},
        spans=tuple((lo, hi) for lo, hi in spans),
        rules=rules,
        by_kind={k: np.array(v, dtype=np.intp) for k, v in kinds.items()},
        leaf_max=np.array([int(nodes[i].maximum * scale) for i in leaves], dtype=np.int64),
        step=scaled((r.step for r in rules), 0),
        per=scaled((r.per for r in rules), 1),
        floor=scaled((r.floor for r in rules), 0),
        zero_points=np.array(
            [
                int(nodes[i].maximum * scale)
                if r.zero_denominator_points is None
                else int(r.zero_denominator_points * scale)
                for i, r in zip(leaves, rules, strict=True)
            ],
            dtype=np.int64,
        ),
        scale_max=scaled((r.scale_max for r in rules), 1),
        na_allowed=np.array([nodes[i].not_applicable_allowed for i in leaves], dtype=bool),
        any_capped=any(n.capped for n in nodes),
        extra_of=_extra_of(nodes, depth),
    )


def _extra_of(nodes: Sequence[Criterion], depth: Sequence[int]) -> tuple[Extra, ...]:
    """Each node's kind of points, in walk order: that of the top-level criterion above it."""
    out: list[Extra] = []
    kind = Extra.BASE
    for node, level in zip(nodes, depth, strict=True):
        if level == 0:
            kind = node.extra
        out.append(kind)
    return tuple(out)


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _rule_texts(layout: _Layout, lang: Lang = Lang.EN) -> tuple[str, ...]:
    """Each node's rule in words, as a scorecard line gives it (the same for every unit)."""
    if lang is Lang.VI:
        whole, capped = "tổng điểm các tiêu chí thành phần", ", tối đa {}"
    else:
        whole, capped = "sum of sub-criteria", ", capped at {}"
    return tuple(
        node.effective_rule.describe(node.maximum, lang)
        if node.is_leaf
        else whole + (capped.format(number(node.maximum, lang)) if node.capped else "")
        for node in layout.nodes
    )


def _survey_absent(layout: _Layout, table: ScoreTable) -> BoolArray | None:
    """The units whose survey was not run (no survey-scored criterion reported), where the
    framework re-bases over what was assessed; None where it does not, or none is absent."""
    if layout.framework.absent_survey is not Absent.REBASE:
        return None
    rows = layout.by_kind.get(RuleKind.SURVEY)
    if rows is None or not rows.size:
        return None
    absent: BoolArray = np.asarray(~table.given[rows].any(axis=0), dtype=bool)
    return absent if absent.any() else None


def _taken_out(layout: _Layout, table: ScoreTable) -> BoolArray:
    """Leaf cells taken out of each unit's maximum: not applicable, and the survey criteria of
    a unit whose survey was not run where the framework re-bases (:func:`_survey_absent`)."""
    absent = _survey_absent(layout, table)
    if absent is None:
        return table.na
    rows = layout.by_kind[RuleKind.SURVEY]
    out = table.na.copy()
    out[np.ix_(rows, np.flatnonzero(absent))] = True
    return out


def _mapping(value: object, field: str) -> Mapping[Any, Any]:
    if value is None:
        return {}
    return of_type(value, Mapping, field)


def _stage(value: object) -> Source:
    return of_type(value, Source, "stage")


def _finding(
    code: str, path: str, en: str, vi: str, severity: Severity = Severity.ERROR
) -> Finding:
    return Finding(code, path, vi, en, severity)


class _Cells:
    """The arrays of a table while it is being filled in (writable), before they become a
    :class:`ScoreTable`, whose arrays nobody can change."""

    __slots__ = ("first", "framework", "given", "layout", "na", "second", "source", "units")

    def __init__(
        self,
        framework: Framework,
        units: tuple[str, ...],
        layout: _Layout,
        first: Int64Array | None = None,
        second: Int64Array | None = None,
        given: BoolArray | None = None,
        na: BoolArray | None = None,
        source: npt.NDArray[np.int8] | None = None,
    ):
        shape = (len(layout.leaf_rows), len(units))
        self.framework, self.units, self.layout = framework, units, layout
        self.first = np.zeros(shape, dtype=np.int64) if first is None else first
        self.second = np.zeros(shape, dtype=np.int64) if second is None else second
        self.given = np.zeros(shape, dtype=bool) if given is None else given
        self.na = np.zeros(shape, dtype=np.bool_) if na is None else na
        self.source = np.zeros(shape, dtype=np.int8) if source is None else source

    def table(
        self,
        reasons: Mapping[tuple[int, int], str] | None = None,
        findings: Iterable[Finding] = (),
    ) -> ScoreTable:
        return ScoreTable(
            self.framework,
            self.units,
            self.first,
            self.second,
            self.given,
            self.na,
            self.source,
            dict(reasons or {}),
            tuple(findings),
            layout=self.layout,
        )


def _units_of(value: object) -> tuple[str, ...]:
    """An attrs converter: unit codes, text, all different (as :func:`_unit_list` reads them;
    plain codes are checked in C)."""
    if type(value) is _UnitCodes:  # checked when the first table of them was made
        return value
    units, findings = _unit_list(sequence(value, "units"))
    if findings:
        raise InvalidDocumentError("units", findings)
    return units


def _findings_of(value: object) -> tuple[Finding, ...]:
    return items_of(value, Finding, "findings")


def _is_reasons(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    of_type(value, Mapping, attribute.name)


_TABLE_ARRAYS = (
    ("first", "i", "whole numbers"),
    ("second", "i", "whole numbers"),
    ("given", "b", "booleans"),
    ("na", "b", "booleans"),
    ("source", "i", "stage numbers"),
)


@attrs.frozen(eq=False)
class ScoreTable(_Rebuilt):
    """Inputs for many units, one column per leaf criterion (a container, not a value type).

    ``first`` and ``second`` have one row per leaf and one column per unit and hold what
    :meth:`cchc.criteria.Rule.read` returns: points and measured values in steps of the
    framework's precision (hundredths by default), yes/no as 1/0, counts as whole numbers,
    ratios as numerator (``first``) and denominator (``second``). ``given`` marks cells that
    were reported, ``na`` those reported as not applicable, ``source`` the stage of each cell
    and ``reasons`` the council's reason for each changed cell. ``findings`` holds the warnings
    found while reading that did not stop it (a unit that reported nothing).

    Every array is read-only, also after pickling or ``attrs.evolve``: a table shares arrays
    with the tables and results made from it, and none of them may change under another.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> t = ScoreTable.from_long(fw, [("SNV", "1.1.1", "1"), ("STP", "1.1.1", "0,5")])
    >>> t.units, t.first[0].tolist(), t.first.flags.writeable
    (('SNV', 'STP'), [100, 50], False)
    """

    framework: Framework = attrs.field(validator=instance_of(Framework))
    units: tuple[str, ...] = attrs.field(converter=_units_of)
    first: Int64Array = attrs.field(converter=_read_only)
    second: Int64Array = attrs.field(converter=_read_only)
    given: BoolArray = attrs.field(converter=_read_only)
    na: BoolArray = attrs.field(converter=_read_only)
    source: npt.NDArray[np.int8] = attrs.field(converter=_read_only)
    reasons: Mapping[tuple[int, int], str] = attrs.field(
        factory=dict, converter=_read_only_dict, validator=_is_reasons
    )
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_of)
    layout: _Layout | None = attrs.field(default=None, repr=False)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    def __attrs_post_init__(self) -> None:
        layout = self.layout
        if not isinstance(layout, _Layout) or layout.framework is not self.framework:
            object.__setattr__(self, "layout", _layout(self.framework))
        shape = (len(self._layout().leaf_rows), len(self.units))
        for name, kind, what in _TABLE_ARRAYS:
            array = getattr(self, name)
            if array.shape != shape:
                raise ValidationError(
                    f"must have one row per leaf criterion and one column per unit {shape}",
                    vi="phải có một dòng cho mỗi tiêu chí và một cột cho mỗi đơn vị",
                    field=name,
                    value=array.shape,
                )
            if array.dtype.kind != kind:
                raise CchcTypeError(
                    f"must hold {what}, not {array.dtype}",
                    vi="kiểu dữ liệu của mảng không đúng",
                    field=name,
                    value=str(array.dtype),
                )

    def _layout(self) -> _Layout:
        assert self.layout is not None  # set by __attrs_post_init__
        return self.layout

    # -- constructors ------------------------------------------------------------------------

    @classmethod
    def empty(cls, framework: Framework, units: Sequence[str]) -> ScoreTable:
        """A table with nothing reported."""
        of_type(framework, Framework, "framework")
        return _Cells(framework, _unit_codes(units, "units"), _layout(framework)).table()

    @classmethod
    def from_arrays(
        cls,
        framework: Framework,
        units: Sequence[str],
        columns: Mapping[str, Any],
        *,
        not_applicable: Mapping[str, Any] | None = None,
        present: Mapping[str, Any] | None = None,
        stage: Source = Source.SELF,
    ) -> ScoreTable:
        """Build from whole-number arrays in column form (see the class docs): ``columns`` maps
        a leaf code to an integer array, or to a pair of arrays for a ratio;
        ``not_applicable`` maps a leaf code to a boolean array; ``present`` (optional) maps a
        leaf code to a boolean array of the cells actually reported (the council changes only
        some). Every cell is checked; all problems are raised together as
        :class:`~cchc.errors.InvalidDocumentError`.

        >>> from cchc.criteria import load_bundled
        >>> fw = load_bundled("ca-mau-1880-2013")
        >>> t = ScoreTable.from_arrays(fw, ["A", "B"], {"1.1.4": np.array([9550, 6000])})
        >>> [r["points"] for r in score_table(t).rows()]
        [Decimal('2.00'), Decimal('0.00')]
        """
        of_type(framework, Framework, "framework")
        return _stage_table(
            framework,
            _unit_codes(units, "units"),
            _layout(framework),
            columns,
            not_applicable=not_applicable,
            present=present,
            stage=stage,
        )

    def stage_arrays(
        self,
        columns: Mapping[str, Any],
        *,
        not_applicable: Mapping[str, Any] | None = None,
        present: Mapping[str, Any] | None = None,
        stage: Source = Source.APPRAISAL,
    ) -> ScoreTable:
        """A new table for the same framework and units, filled from arrays as
        :meth:`from_arrays` does: the next stage (appraisal, survey), ready to
        :meth:`overlay` on this one.
        """
        return _stage_table(
            self.framework,
            self.units,
            self._layout(),
            columns,
            not_applicable=not_applicable,
            present=present,
            stage=stage,
        )

    def updated(
        self,
        columns: Mapping[str, Any],
        *,
        not_applicable: Mapping[str, Any] | None = None,
        present: Mapping[str, Any] | None = None,
        stage: Source = Source.APPRAISAL,
        reasons: Mapping[tuple[str, str], str] | None = None,
    ) -> ScoreTable:
        """This table with the next stage's arrays laid over it, in one step: the same as
        ``self.overlay(self.stage_arrays(...))`` without building the second table.
        ``reasons`` maps (unit, criterion) to the council's reason.

        >>> from cchc.criteria import load_bundled
        >>> fw = load_bundled("ca-mau-1880-2013")
        >>> own = ScoreTable.from_arrays(fw, ["A", "B"], {"1.3": np.array([300, 300])})
        >>> new = own.updated({"1.3": np.array([0, 250])}, present={"1.3": np.array([False, True])},
        ...                   reasons={("B", "1.3"): "thiếu biên bản"})
        >>> new.first[own.framework.leaves().index(fw.find("1.3"))].tolist()
        [300, 250]
        """
        columns = _mapping(columns, "columns")
        not_applicable = _mapping(not_applicable, "not_applicable")
        present = _mapping(present, "present")
        stage = _stage(stage)
        reasons = _mapping(reasons, "reasons")
        layout = self._layout()
        leaf_of = {row: i for i, row in enumerate(layout.leaf_rows)}
        n = len(self.units)
        first, given, source = self.first.copy(), self.given.copy(), self.source.copy()
        # second and na are copied only when this stage changes them
        second, na = self.second, self.na

        def own_second() -> Int64Array:
            nonlocal second
            if second is self.second:
                second = _rows_copy(second)
            return second

        def own_na() -> BoolArray:
            nonlocal na
            if na is self.na:
                na = _rows_copy(na)
            return na

        mine = np.zeros(given.shape, dtype=bool)  # the cells this stage reports
        # which rows of second numbers and not-applicable flags hold anything: looked up once
        second_rows: BoolArray = np.asarray(second.any(axis=1), dtype=bool)
        na_rows: BoolArray = np.asarray(na.any(axis=1), dtype=bool)
        findings: list[Finding] = []
        for code, column in columns.items():
            path = _at("columns", code)
            leaf = _leaf_index(layout, leaf_of, code, path, findings)
            if leaf is None:
                continue
            try:
                num, den = _columns_of(layout.rules[leaf], column, n)
            except CchcError as exc:
                findings.append(_column_finding(path, exc))
                continue
            mask = present.get(code)
            if mask is not None:
                try:
                    mask = _mask(mask, n, _at("present", code))
                except CchcError as exc:
                    findings.append(_column_finding(_at("present", code), exc))
                    continue
            if mask is None:
                first[leaf] = num
                if den is not None or second_rows[leaf]:
                    own_second()[leaf] = 0 if den is None else den
                if na_rows[leaf]:
                    own_na()[leaf] = False
                mine[leaf] = True
            else:
                np.copyto(first[leaf], num, where=mask, casting="unsafe")
                if den is not None or second_rows[leaf]:
                    value = 0 if den is None else den
                    np.copyto(own_second()[leaf], value, where=mask, casting="unsafe")
                if na_rows[leaf]:
                    own_na()[leaf] &= ~mask
                mine[leaf] |= mask
        for leaf, mask in _na_masks(layout, leaf_of, not_applicable, n, findings):
            own_na()[leaf] |= mask
            mine[leaf] |= mask
        # the cells this stage reports are given and of this stage, in passes without
        # branches: source ^ (source ^ stage) is the stage where mine holds, else source
        given |= mine
        source ^= (source ^ np.int8(stage.value)) * mine
        notes = dict(self.reasons)
        if reasons:
            column_of = {_unit_key(u): j for j, u in enumerate(self.units)}
            for key, reason in reasons.items():
                if not (
                    isinstance(key, tuple)
                    and len(key) == 2
                    and all(isinstance(k, str) for k in key)
                    and isinstance(reason, str)
                ):
                    findings.append(
                        _finding(
                            "table.reason",
                            _at("reasons", key),
                            "reasons map (unit, criterion) to text",
                            "lý do phải gắn với một cặp (đơn vị, tiêu chí) và ghi bằng chữ",
                        )
                    )
                    continue
                unit, code = key
                path = f"reasons[({_quoted(unit)}, {_quoted(code)})]"
                j = column_of.get(_unit_key(unit))
                row = layout.by_code.get(_unit_key(code))
                leaf = leaf_of.get(row) if row is not None else None
                if j is None or leaf is None:
                    findings.append(
                        _finding(
                            "table.reason",
                            path,
                            "names no unit or leaf criterion of the table",
                            f"không có đơn vị “{unit}” hoặc tiêu chí “{code}” trong bảng",
                        )
                    )
                    continue
                try:
                    notes[(leaf, j)] = text(reason, path)
                except CchcError as exc:
                    findings.append(_error_finding("table.reason", path, exc))
        # the check reads not-applicable flags where this stage reports (given), no others
        view = _Cells(self.framework, self.units, layout, first, second, mine, na, source)
        findings.extend(_check_table(layout, view, stage))
        if findings:
            raise InvalidDocumentError("score table", findings)
        return ScoreTable(
            self.framework,
            self.units,
            first,
            second,
            given,
            na,
            source,
            notes,
            self.findings,
            layout=layout,
        )

    @classmethod
    def from_long(
        cls,
        framework: Framework,
        rows: Iterable[Sequence[object] | Mapping[str, object]],
        *,
        stage: Source = Source.SELF,
        units: Sequence[str] | None = None,
    ) -> ScoreTable:
        """Build from long rows ``(unit, criterion, value[, reason])`` or mappings with keys
        ``unit``, ``criterion``, ``value`` (and ``reason``) — the shape of a database export.
        A unit listed in ``units`` with no row reports nothing: it scores 0, and the table's
        :attr:`findings` holds a warning for it."""
        of_type(framework, Framework, "framework")
        stage = _stage(stage)
        parsed: list[tuple[str, str, object, str, str]] = []
        findings: list[Finding] = []
        known: dict[str, str] = {}
        keys: dict[str, str] = {}
        for i, row in enumerate(sequence(rows, "rows")):
            path = f"rows[{i}]"
            if isinstance(row, Mapping):
                unit, code = row.get("unit"), row.get("criterion")
                value, reason = row.get("value"), row.get("reason", "")
            elif isinstance(row, Sequence) and not isinstance(row, str) and len(row) in (3, 4):
                unit, code, value = row[0], row[1], row[2]
                reason = row[3] if len(row) == 4 else ""
            else:
                findings.append(
                    _finding(
                        "table.row",
                        path,
                        "must be (unit, criterion, value)",
                        "dòng phải gồm (đơn vị, tiêu chí, giá trị)",
                    )
                )
                continue
            if not isinstance(unit, str) or not isinstance(code, str):
                findings.append(
                    _finding(
                        "table.row",
                        path,
                        "unit and criterion must be text",
                        "đơn vị và tiêu chí phải ghi bằng chữ",
                    )
                )
                continue
            if reason is not None and not isinstance(reason, str):
                findings.append(
                    _finding("table.row", path, "a reason must be text", "lý do phải ghi bằng chữ")
                )
                continue
            try:
                # a unit's code and a criterion's path recur on every row: each made once
                canonical = known.get(unit)
                if canonical is None:
                    canonical = known[unit] = text(unit, f"{path}.unit")
                unit, reason = canonical, text(reason, f"{path}.reason") if reason else ""
            except CchcError as exc:
                findings.append(_error_finding("table.row", path, exc))
                continue
            quoted = keys.get(code)
            if quoted is None:
                quoted = keys[code] = f"[{_quoted(code)}]"
            parsed.append((unit, code, value, reason, unit + quoted))
        if units is not None:
            order = list(sequence(units, "units"))
        else:
            order = list(dict.fromkeys(p[0] for p in parsed))
        return cls._from_cells(framework, order, parsed, stage, findings, None)

    @classmethod
    def from_wide(
        cls,
        framework: Framework,
        rows: Iterable[Mapping[str, object]],
        *,
        unit_key: str = "unit",
        stage: Source = Source.SELF,
    ) -> ScoreTable:
        """Build from wide rows: one mapping per unit with ``unit_key`` and one key per leaf
        criterion (the shape of a spreadsheet). Empty cells are skipped: ``None``, blank text,
        and the NaN, ``pandas.NA`` or ``NaT`` a DataFrame puts in them, so
        ``df.to_dict("records")`` of a sheet read as text can be passed as it is. A unit whose
        row is blank scores 0, and the table's :attr:`findings` holds a warning for it. Every
        problem is reported at once; a bad cell at the caller's row and column,
        ``rows[2]['1.1']``, also when it is found by the check of the whole table.

        >>> import pandas as pd
        >>> from cchc.criteria import load_bundled
        >>> df = pd.DataFrame({"unit": ["A", "B"], "1.3": ["2.5", None]})
        >>> df.loc[1, "1.3"] = float("nan")
        >>> t = ScoreTable.from_wide(load_bundled("ca-mau-1880-2013"), df.to_dict("records"))
        >>> score_table(t).totals()[0].tolist()
        [250, 0]
        >>> print(t.findings[0])
        warning table.blank-row at rows[1]: unit 'B' reports nothing: it scores 0 (...)
        """
        of_type(framework, Framework, "framework")
        unit_key = text(unit_key, "unit_key")
        stage = _stage(stage)
        rows = sequence(rows, "rows")
        quick = _wide_columns(framework, rows, unit_key, stage)
        if quick is not None:
            return quick
        parsed: list[tuple[str, str, object, str, str]] = []
        order: list[str] = []
        findings: list[Finding] = []
        where: dict[str, str] = {}  # unit -> path of its row, for the warning of a blank row
        for i, row in enumerate(rows):
            if not isinstance(row, Mapping):
                findings.append(
                    _finding(
                        "table.row",
                        f"rows[{i}]",
                        "a wide row maps column names to values",
                        "mỗi dòng phải là một bảng tên cột → giá trị",
                    )
                )
                continue
            path = _at(f"rows[{i}]", unit_key)
            unit = row.get(unit_key)
            try:
                unit = text(unit, path)
                if not unit:
                    raise ValidationError(
                        "must not be empty", vi="không được để trống", field=path, value=unit
                    )
            except CchcError:
                findings.append(
                    _finding(
                        "table.unit",
                        path,
                        "every row needs a unit code",
                        "dòng thiếu mã đơn vị",
                    )
                )
                continue
            order.append(unit)
            where.setdefault(unit, f"rows[{i}]")
            for key, value in row.items():
                if key == unit_key or _blank(value):
                    continue
                parsed.append((unit, key, value, "", _at(f"rows[{i}]", key)))
        return cls._from_cells(framework, order, parsed, stage, findings, where, located=True)

    @classmethod
    def from_assessments(
        cls,
        framework: Framework,
        assessments: Iterable[SelfAssessment | Appraisal | SurveyResult | Mapping[str, object]],
        *,
        stage: Source = Source.SELF,
        path: str = "units",
    ) -> ScoreTable:
        """Build from many units' assessments at once: :class:`SelfAssessment` objects (with
        ``stage=Source.SURVEY``, :class:`SurveyResult`; with ``stage=Source.APPRAISAL``,
        :class:`Appraisal`), or their JSON form as :func:`json.loads` gives it, such as
        ``{"unit": "X03", "entries": [{"code": "1.1", "value": "12", "evidence": [...],
        "explanation": "..."}]}`` (an appraisal: ``{"unit": ..., "adjustments": [{"code": ...,
        "value": ..., "reason": ...}], "council": ...}``).

        A mapping is read as the classes' constructors read their arguments (unknown keys
        refused, required ones asked for) and straight into the table's columns, with no
        object made per entry. Every problem is reported at once, at its path in the
        caller's terms: ``units[2].entries[0].value`` (``path`` names the list). A unit whose
        assessment reports nothing scores 0, with a warning in :attr:`findings`.

        >>> from cchc.criteria import load_bundled
        >>> fw = load_bundled("ca-mau-1880-2013")
        >>> t = ScoreTable.from_assessments(fw, [
        ...     {"unit": "SNV", "entries": [{"code": "1.1.1", "value": "1"}]},
        ...     SelfAssessment.of("STP", {"1.1.1": "0,5"})])
        >>> t.units, t.first[0].tolist()
        (('SNV', 'STP'), [100, 50])
        >>> ScoreTable.from_assessments(fw, [
        ...     {"unit": "SNV", "entries": [{"code": "1.1.1", "value": "7"}]}])
        Traceback (most recent call last):
        ...
        cchc.errors.InvalidDocumentError: score table: 1 problem
          error table.cell at units[0].entries[0].value: 1.1.1: value 7 exceeds the maximum 1 (...)
        """
        of_type(framework, Framework, "framework")
        stage = _stage(stage)
        if stage is Source.NONE:
            raise ValidationError(
                "names no stage: give SELF, APPRAISAL or SURVEY",
                vi="chưa chọn bước chấm (tự đánh giá, thẩm định hoặc điều tra)",
                field="stage",
                value=stage,
            )
        path = text(path, "path")
        return _AssessmentReader(framework, stage, path).table(assessments)

    @classmethod
    def _from_cells(
        cls,
        framework: Framework,
        order: Sequence[str],
        cells: Sequence[tuple[str, str, object, str, str]],
        stage: Source,
        findings: list[Finding],
        rows: Mapping[str, str] | None,
        *,
        located: bool = False,
    ) -> ScoreTable:
        """The table of ``cells`` (unit, criterion, value, reason, path); ``located``: a bad
        cell found when the whole table is checked is named by its own path too (a unit's
        entry, ``entries[2].value``), not by its unit and criterion."""
        units, unit_findings = _unit_list(order)
        findings.extend(unit_findings)
        layout = _layout(framework)
        table = _Cells(framework, units, layout)
        leaf_of = {row: i for i, row in enumerate(layout.leaf_rows)}
        column = {u: j for j, u in enumerate(table.units)}
        precision = framework.precision
        digits = len(str(framework.scale)) - 1
        reasons: dict[tuple[int, int], str] = {}
        paths: dict[tuple[int, int], str] = {}
        # each distinct code, and each distinct text of a leaf, is read once per framework
        codes, readings = _cell_readings(layout)
        taken: set[tuple[int, int]] = set()
        got_leaf: list[int] = []
        got_col: list[int] = []
        got_first: list[int] = []
        got_second: list[int] = []
        got_na: list[bool] = []
        for unit, code, value, reason, path in cells:
            leaf: int | None
            if type(code) is str:
                known = codes.get(code)
                if known is None:
                    found: list[Finding] = []
                    index = _leaf_index(layout, leaf_of, code, "", found)
                    known = found[0] if index is None else index
                    if len(codes) < _CODES_KEPT:
                        codes[code] = known
                if isinstance(known, Finding):
                    findings.append(attrs.evolve(known, path=path))
                    leaf = None
                else:
                    leaf = known
            else:
                leaf = _leaf_index(layout, leaf_of, code, path, findings)
            j = column.get(unit)
            if j is None:
                findings.append(
                    _finding(
                        "table.unit",
                        path,
                        f"unit {unit!r} is not listed",
                        f"đơn vị “{unit}” không có trong danh sách đơn vị",
                    )
                )
            if leaf is None or j is None:
                continue
            node = layout.nodes[layout.leaf_rows[leaf]]
            if (leaf, j) in taken:
                findings.append(
                    _finding(
                        "table.duplicate",
                        path,
                        f"{unit} already has a value for {node.code}",
                        f"đơn vị “{unit}” đã có giá trị cho tiêu chí {node.code}",
                    )
                )
                continue
            if type(value) is str:
                known_texts = readings[leaf]
                reading = known_texts.get(value)
                if reading is None:
                    reading = _reading(node, value, precision, digits)
                    if len(known_texts) < _READINGS_KEPT:
                        known_texts[value] = reading
            else:
                reading = _reading(node, value, precision, digits)
            if isinstance(reading, CchcError):
                findings.append(_error_finding("table.cell", path, reading, node.code))
                continue
            taken.add((leaf, j))
            got_leaf.append(leaf)
            got_col.append(j)
            got_first.append(reading[0])
            got_second.append(reading[1])
            got_na.append(reading[2])
            if reason:
                reasons[(leaf, j)] = reason
            if located:
                paths[(leaf, j)] = path
        at = (np.array(got_leaf, dtype=np.intp), np.array(got_col, dtype=np.intp))
        table.first[at] = np.array(got_first, dtype=np.int64)
        table.second[at] = np.array(got_second, dtype=np.int64)
        table.na[at] = np.array(got_na, dtype=bool)
        table.given[at] = True
        table.source[at] = stage.value

        def locate(leaf: int, j: int) -> str:
            return paths[(leaf, j)]

        findings.extend(_check_table(layout, table, stage, locate if located else None))
        if any(f.severity is Severity.ERROR for f in findings):
            raise InvalidDocumentError("score table", findings)
        return _with_blank_rows(table, stage, rows, reasons, findings)

    # -- what was reported --------------------------------------------------------------------

    def reported(self, leaf: int, column: int) -> str | None:
        """What unit ``column`` reported on leaf criterion ``leaf`` (its place in
        :meth:`Framework.leaves() <cchc.criteria.Framework.leaves>`), as text the table reads
        back to the same cell, as a scorecard shows it: ``"N/A"`` where the criterion does not
        apply, ``"yes"`` or ``"no"``, a count, a ratio or a target as ``"45/50"``, a number
        without trailing zeros; None where nothing was reported.

        >>> from cchc.criteria import load_bundled
        >>> fw = load_bundled("ca-mau-1880-2013")
        >>> t = ScoreTable.from_long(fw, [("A", "1.3", "2,50"), ("A", "1.2.1", "có")])
        >>> codes = [n.code for n in fw.leaves()]
        >>> t.reported(codes.index("1.2.1"), 0), t.reported(codes.index("1.3"), 0)
        ('yes', '2.5')
        >>> t.reported(0, 0) is None
        True
        """
        leaves = self._layout().rules
        of_type(leaf, int, "leaf")
        of_type(column, int, "column")
        if not (0 <= leaf < len(leaves)) or not (0 <= column < len(self.units)):
            raise NotFoundError(
                f"no such cell in a table of {len(leaves)} leaves and {len(self.units)} units",
                vi=f"bảng điểm không có ô này (bảng có {len(leaves)} tiêu chí và "
                f"{len(self.units)} đơn vị)",
                field="leaf, column",
                value=(leaf, column),
            )
        if not self.given[leaf, column]:
            return None
        if self.na[leaf, column]:
            return "N/A"
        return _entry_text(
            leaves[leaf],
            int(self.first[leaf, column]),
            int(self.second[leaf, column]),
            self.framework.scale,
        )

    # -- combining stages --------------------------------------------------------------------

    def overlay(self, other: ScoreTable) -> ScoreTable:
        """This table with every cell ``other`` reports put over it (an appraisal over a
        self-assessment, survey results over both). Units of ``other`` must be in this table.
        """
        of_type(other, ScoreTable, "other")
        if other.framework.id != self.framework.id:
            raise ValidationError(
                "tables are for different frameworks",
                vi="hai bảng chấm theo hai bộ tiêu chí khác nhau",
                field="framework",
                value=other.framework.id,
            )
        if other.units == self.units:
            cols: npt.NDArray[np.intp] | slice = slice(None)
            index: Mapping[int, int] = _Identity()
        else:
            where = {u: j for j, u in enumerate(self.units)}
            missing = [u for u in other.units if u not in where]
            if missing:
                raise NotFoundError(
                    "units not in the table",
                    vi="có đơn vị không thuộc bảng: " + ", ".join(missing[:10]),
                    field="units",
                    value=missing,
                )
            cols = np.array([where[u] for u in other.units], dtype=np.intp)
            index = {k: int(cols[k]) for k in range(len(other.units))}
        mask = other.given
        if isinstance(cols, slice):
            # only the rows the other stage reports change; the rest are copied as they are
            rows = np.flatnonzero(mask.any(axis=1))
            if 2 * rows.size > mask.shape[0]:
                first = np.where(mask, other.first, self.first)
                second = np.where(mask, other.second, self.second)
                na = np.where(mask, other.na, self.na)
                source = np.where(mask, other.source, self.source)
                given = self.given | mask
            else:
                sub = mask[rows]
                first, second = self.first.copy(), self.second.copy()
                na, source, given = self.na.copy(), self.source.copy(), self.given.copy()
                first[rows] = np.where(sub, other.first[rows], first[rows])
                second[rows] = np.where(sub, other.second[rows], second[rows])
                na[rows] = np.where(sub, other.na[rows], na[rows])
                source[rows] = np.where(sub, other.source[rows], source[rows])
                given[rows] |= sub
        else:
            first, second = self.first.copy(), self.second.copy()
            given, na, source = self.given.copy(), self.na.copy(), self.source.copy()
            for target, incoming in (
                (first, other.first),
                (second, other.second),
                (na, other.na),
                (source, other.source),
            ):
                view = target[:, cols]
                np.copyto(view, incoming, where=mask)
                target[:, cols] = view
            given[:, cols] |= mask
        reasons = dict(self.reasons)
        for (leaf, k), reason in other.reasons.items():
            reasons[(leaf, index[k])] = reason
        return ScoreTable(
            self.framework,
            self.units,
            first,
            second,
            given,
            na,
            source,
            reasons,
            self.findings + other.findings,
            layout=self._layout(),
        )


#: How many codes a framework keeps read, and how many distinct texts of each leaf (a
#: criterion's entries repeat: 0.25 steps, yes or no; a few hundred texts a leaf keep the
#: memory of a framework of 400 criteria to some tens of megabytes at most).
_CODES_KEPT = 1 << 12
_READINGS_KEPT = 1 << 8


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _cell_readings(
    layout: _Layout,
) -> tuple[dict[str, int | Finding], list[dict[str, _Reading]]]:
    """The codes (to their leaf, or the finding that refuses them, without its path) and each
    leaf's texts (to their reading, or the error that refuses them) read so far against a
    framework: the same text of the same criterion always reads the same, so one unit after
    another reads each once (bounded: :data:`_CODES_KEPT` codes, :data:`_READINGS_KEPT` texts
    of each leaf)."""
    return {}, [{} for _ in layout.leaf_rows]


def _stage_table(
    framework: Framework,
    units: tuple[str, ...],
    layout: _Layout,
    columns: Mapping[str, Any],
    *,
    not_applicable: Mapping[str, Any] | None,
    present: Mapping[str, Any] | None,
    stage: Source,
) -> ScoreTable:
    """A table of one stage filled from arrays (:meth:`ScoreTable.stage_arrays`), every cell
    checked; all problems at once."""
    columns = _mapping(columns, "columns")
    not_applicable = _mapping(not_applicable, "not_applicable")
    present = _mapping(present, "present")
    stage = _stage(stage)
    table = _Cells(framework, units, layout)
    leaf_of = {row: i for i, row in enumerate(layout.leaf_rows)}
    n = len(units)
    findings: list[Finding] = []
    for code, column in columns.items():
        leaf = _leaf_index(layout, leaf_of, code, _at("columns", code), findings)
        if leaf is None:
            continue
        try:
            num, den = _columns_of(layout.rules[leaf], column, n)
        except CchcError as exc:
            findings.append(_column_finding(_at("columns", code), exc))
            continue
        table.first[leaf] = num
        if den is not None:
            table.second[leaf] = den
        mask = present.get(code)
        if mask is None:
            table.given[leaf] = True
        else:
            try:
                mask = _mask(mask, n, _at("present", code))
            except CchcError as exc:
                findings.append(_column_finding(_at("present", code), exc))
                continue
            table.given[leaf] = mask
    for leaf, mask in _na_masks(layout, leaf_of, not_applicable, n, findings):
        table.na[leaf] |= mask
        table.given[leaf] |= mask
    # every cell this stage reports is of this stage: one pass, not one per column
    np.multiply(table.given, stage.value, out=table.source, casting="unsafe")
    findings.extend(_check_table(layout, table, stage))
    if findings:
        raise InvalidDocumentError("score table", findings)
    return table.table()


def _with_blank_rows(
    table: _Cells,
    stage: Source,
    rows: Mapping[str, str] | None,
    reasons: Mapping[tuple[int, int], str],
    findings: list[Finding],
) -> ScoreTable:
    """The finished table, with a warning for each unit that reported nothing."""
    units = table.units
    if rows is not None or stage is Source.SELF:
        for j in np.flatnonzero(~table.given.any(axis=0)).tolist() if units else ():
            unit = units[j]
            where = rows.get(unit, f"units[{j}]") if rows is not None else f"units[{j}]"
            findings.append(
                _finding(
                    "table.blank-row",
                    where,
                    f"unit {unit!r} reports nothing: it scores 0",
                    f"đơn vị “{unit}” không kê khai tiêu chí nào nên được 0 điểm",
                    Severity.WARNING,
                )
            )
    return table.table(reasons, findings)


_ABSENT = object()  # a key missing from a wide row


def _wide_columns(
    framework: Framework, rows: Sequence[object], unit_key: str, stage: Source
) -> ScoreTable | None:
    """:meth:`ScoreTable.from_wide` a column at a time, for rows that read cleanly: each
    criterion's column is gathered from all rows at once and each distinct text in it is read
    once (a sheet of 3,321 units holds a handful of distinct texts per column), the cells then
    looked up in C. None as soon as anything would give a finding (a row that is not a dict, a
    unit code missing or given twice, a column that names no leaf or names one twice, a value
    that is not text, a cell its rule refuses, a cell the check of the whole table refuses):
    the cell-by-cell reader then reports every problem with its row and column."""
    if not all(type(row) is dict for row in rows):
        return None
    dict_rows = cast(list[dict[Any, object]], list(rows))
    order = [row.get(unit_key) for row in dict_rows]
    if not all(type(unit) is str and unit.strip() for unit in order):
        return None
    try:
        named = [text(unit, "unit") for unit in cast(list[str], order)]
    except CchcError:
        return None
    units, unit_findings = _unit_list(named)
    if unit_findings or len(units) != len(dict_rows):
        return None
    layout = _layout(framework)
    leaf_of = {row: i for i, row in enumerate(layout.leaf_rows)}
    header = tuple(dict_rows[0]) if dict_rows else ()
    columns: dict[object, Sequence[object]] | None = None
    if all(tuple(row) == header for row in dict_rows):
        # the rows of a sheet or a CSV file: the same columns in the same order, turned into
        # columns in one pass in C
        columns = dict(
            zip(header, zip(*(row.values() for row in dict_rows), strict=True), strict=True)
        )
        keys = dict.fromkeys(header)
    else:
        keys = {}
        for row in dict_rows:
            keys.update(dict.fromkeys(row))
    keys.pop(unit_key, None)
    column_of: dict[int, str] = {}
    for key in keys:
        if type(key) is not str:
            return None
        found: list[Finding] = []
        leaf = _leaf_index(layout, leaf_of, key, "", found)
        if leaf is None or leaf in column_of:
            return None
        column_of[leaf] = key
    table = _Cells(framework, units, layout)
    precision = framework.precision
    digits = len(str(framework.scale)) - 1
    n = len(units)
    for leaf, key in column_of.items():
        node = layout.nodes[layout.leaf_rows[leaf]]
        if columns is None:
            cells: Sequence[object] = [row.get(key, _ABSENT) for row in dict_rows]
        else:
            cells = columns[key]
        first_row: dict[object, int] = {}  # each distinct value, and the first row holding it
        try:  # and each cell's value named by that row, in one pass
            named_by = np.fromiter(
                map(first_row.setdefault, cells, range(n)), dtype=np.intp, count=n
            )
        except TypeError:  # a value that cannot be hashed (a list): refused cell by cell
            return None
        distinct = list(first_row)  # in the order of the values of `first_row`
        slot = np.empty(n, dtype=np.intp)  # a value's first row -> the value's place
        rows_of = np.fromiter(first_row.values(), dtype=np.intp, count=len(first_row))
        slot[rows_of] = np.arange(len(first_row))
        try:  # the usual column: distinct texts of plain numbers only, one a line, in bulk
            joined = "\n".join(cast(list[str], distinct))
        except TypeError:  # an empty cell, or another value than text
            joined = ""
        bulk: tuple[Int64Array, Int64Array] | None = None
        na: BoolArray | None = None
        given: BoolArray | None = None
        if joined and joined.count("\n") == len(first_row) - 1:
            bulk = _bulk_joined(node.effective_rule, joined, len(first_row), digits)
        if bulk is not None:
            first, second = bulk
        else:
            # else the numbers in bulk where they are plain, and the rest (blanks, "N/A",
            # "có") one by one; anything but text or an empty cell goes cell by cell
            first = np.zeros(len(first_row), dtype=np.int64)
            second = np.zeros(len(first_row), dtype=np.int64)
            na = np.zeros(len(first_row), dtype=bool)
            given = np.ones(len(first_row), dtype=bool)
            plain = [k for k, v in enumerate(distinct) if type(v) is str and v[:1].isdigit()]
            if plain:
                numbers = [distinct[k] for k in plain]
                bulk = _bulk_readings(node.effective_rule, cast(list[str], numbers), digits)
            if bulk is not None:
                first[plain], second[plain] = bulk
                done = set(plain)
                rest = [k for k in range(len(distinct)) if k not in done]
            else:
                rest = list(range(len(distinct)))
            for k in rest:
                value = distinct[k]
                if type(value) is str and value.strip():
                    reading = _reading(node, value, precision, digits)
                    if isinstance(reading, CchcError):
                        return None
                    first[k], second[k], na[k] = reading
                elif value is _ABSENT or _blank(value):
                    given[k] = False
                else:
                    return None
        at = slot[named_by]
        table.first[leaf] = first[at]
        table.second[leaf] = second[at]
        table.given[leaf] = True if given is None else given[at]
        if na is not None:
            table.na[leaf] = na[at]
    table.source[table.given] = stage.value
    if _check_table(layout, table, stage):
        return None
    where: dict[str, str] = {}
    for i, unit in enumerate(named):
        where.setdefault(unit, f"rows[{i}]")
    return _with_blank_rows(table, stage, where, {}, [])


_A = TypeVar("_A", bound=npt.NDArray[Any])


def _rows_copy(array: _A) -> _A:
    """A copy of a 2-D array that mostly holds rows of zeros (second numbers, which only ratio
    and target criteria have; not-applicable flags): only the rows that hold something are
    written, so the memory of the others is never touched."""
    out = np.zeros(array.shape, dtype=array.dtype)  # not zeros_like: it writes every byte
    rows = np.flatnonzero(array.any(axis=1))
    out[rows] = array[rows]
    return cast(_A, out)


class _Identity(dict[int, int]):
    def __missing__(self, key: int) -> int:
        return key


def _blank(value: object) -> bool:
    """An empty spreadsheet cell: None, blank text, or the missing-value markers a DataFrame
    puts in empty cells (a float NaN, ``pandas.NA``, ``NaT``)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return value != value  # NaN; any other float is refused later as inexact
    return type(value).__name__ in ("NAType", "NaTType")


def _unit_codes(units: Sequence[str], path: str) -> tuple[str, ...]:
    result, findings = _unit_list(sequence(units, path), path)
    if findings:
        raise InvalidDocumentError("score table", findings)
    return result


class _UnitCodes(tuple[str, ...]):
    """Unit codes :func:`_unit_list` has checked: the tables made from a table share them
    without checking them again."""

    __slots__ = ()


def _unit_list(units: Sequence[str], path: str = "units") -> tuple[tuple[str, ...], list[Finding]]:
    # fast path: plain ASCII codes without white space, all different (checked in C)
    try:
        joined = "\n".join(units)
    except TypeError:
        joined = ""
    plain = joined.isascii() and joined.split() == list(units)  # no blanks, no inner spaces
    if plain and len(set(joined.casefold().split())) == len(units):
        return _UnitCodes(units), []
    findings: list[Finding] = []
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, unit in enumerate(units):
        try:
            unit = text(unit, f"{path}[{i}]")
            if not unit:
                raise ValidationError(
                    "must not be empty",
                    vi="không được để trống",
                    field=f"{path}[{i}]",
                    value=unit,
                )
        except CchcError:
            findings.append(
                _finding(
                    "table.unit",
                    f"{path}[{i}]",
                    "unit codes must be text",
                    "mã đơn vị phải ghi bằng chữ và không được để trống",
                )
            )
            continue
        key = _unit_key(unit)
        if key in seen:
            findings.append(
                _finding(
                    "table.duplicate-unit",
                    f"{path}[{i}]",
                    f"unit {unit!r} is listed twice (first at {seen[key]})",
                    f"đơn vị “{unit}” bị trùng (đã có ở dòng {seen[key] + 1})",
                )
            )
            continue
        seen[key] = i
        out.append(unit)
    return _UnitCodes(out), findings


def _unit_keys(units: Sequence[str]) -> list[str]:
    """:func:`_unit_key` of every unit; for plain ASCII codes in one pass in C."""
    joined = "\n".join(units)
    if joined.isascii():
        keys = joined.casefold().split()
        if len(keys) == len(units):  # one word each: the key is the code, case folded
            return keys
    return [_unit_key(u) for u in units]


def _unit_key(unit: str) -> str:
    """:func:`~cchc.text.fold`, with a fast path for plain ASCII codes (``XA-0001``, ``1.2``)."""
    if unit.isascii():
        return " ".join(unit.split()).casefold()
    return fold(unit)


def _mask(value: object, n: int, path: str) -> BoolArray:
    mask = _array(value, path)
    if mask.dtype != np.bool_ or mask.shape != (n,):
        raise CchcTypeError(f"must be {n} booleans", vi=f"phải là {n} giá trị đúng/sai", field=path)
    return mask


def _na_masks(
    layout: _Layout,
    leaf_of: Mapping[int, int],
    not_applicable: Mapping[str, Any] | None,
    n: int,
    findings: list[Finding],
) -> Iterator[tuple[int, BoolArray]]:
    """Each "not applicable" column given by leaf code, as (leaf index, boolean mask); a code
    that is not a leaf, or a column that is not ``n`` booleans, becomes a finding instead."""
    for code, column in (not_applicable or {}).items():
        path = _at("not_applicable", code)
        leaf = _leaf_index(layout, leaf_of, code, path, findings)
        if leaf is None:
            continue
        try:
            mask = _mask(column, n, path)
        except CchcError as exc:
            findings.append(_column_finding(path, exc))
            continue
        yield leaf, mask


def _leaf_index(
    layout: _Layout, leaf_of: Mapping[int, int], code: object, path: str, findings: list[Finding]
) -> int | None:
    if not isinstance(code, str):
        findings.append(
            _finding(
                "table.criterion",
                path,
                "criterion codes must be text",
                "mã tiêu chí phải ghi bằng chữ",
            )
        )
        return None
    node = layout.by_code.get(_unit_key(code))
    if node is None:
        findings.append(
            _finding(
                "table.unknown-criterion",
                path,
                f"no criterion {code!r} in framework {layout.framework.id!r}",
                f"bộ tiêu chí không có tiêu chí “{code}”",
            )
        )
        return None
    if node not in leaf_of:
        findings.append(
            _finding(
                "table.not-a-leaf",
                path,
                f"{code} has sub-criteria; report those instead",
                f"tiêu chí {code} có tiêu chí thành phần; hãy chấm các tiêu chí thành phần",
            )
        )
        return None
    return leaf_of[node]


def _int_column(column: object, n: int) -> npt.NDArray[Any]:
    array = _array(column, "column")
    if array.shape != (n,):
        raise ValidationError(
            f"must have one value per unit ({n})",
            vi=f"phải có đúng một giá trị cho mỗi đơn vị ({n} giá trị)",
            value=array.shape,
        )
    if array.dtype.kind not in "iub":
        raise CchcTypeError(
            f"must hold whole numbers, not {array.dtype}",
            vi="phải là các số nguyên",
            value=str(array.dtype),
        )
    if array.dtype.kind == "u" and array.size and int(array.max()) >= 2**63:
        raise ValidationError(
            "holds a number too large", vi="có số quá lớn", value=int(array.max())
        )
    return array


def _columns_of(rule: Rule, column: object, n: int) -> tuple[npt.NDArray[Any], Any]:
    """A column's numbers, and a ratio's denominators or the assigned targets (else None)."""
    if rule.kind is RuleKind.PROPORTIONAL:
        if not (isinstance(column, tuple | list) and len(column) == 2):
            raise CchcTypeError(
                "a ratio column is a pair (numerators, denominators)",
                vi="cột tỷ lệ phải gồm hai mảng (tử số, mẫu số)",
            )
        return _int_column(column[0], n), _int_column(column[1], n)
    if rule.kind.input_kind == "target":
        if not (isinstance(column, tuple | list) and len(column) == 2):
            raise CchcTypeError(
                "a target-relative column is a pair (achieved values, targets; 0: no target)",
                vi="cột chấm theo chỉ tiêu giao phải gồm hai mảng (giá trị đạt được, chỉ tiêu "
                "giao; 0 nếu không được giao)",
            )
        return _int_column(column[0], n), _int_column(column[1], n)
    return _int_column(column, n), None


def _column_finding(path: str, exc: CchcError) -> Finding:
    return _finding(
        "table.column",
        path,
        f"bad column: {exc.message}",
        f"Cột số liệu không hợp lệ: {exc.vi or exc.message}",
    )


def _error_finding(code: str, path: str, exc: CchcError, criterion: str | None = None) -> Finding:
    """The finding of a refused value: the error's English and Vietnamese messages, without
    the error's own field (the finding's path says where)."""
    lead = f"{criterion}: " if criterion else ""
    lead_vi = f"Tiêu chí {criterion}: " if criterion else ""
    return _finding(code, path, f"{lead}{exc.message}", f"{lead_vi}{exc.vi or exc.message}")


# ---------------------------------------------------------------------------------------------
# reading one cell: the bounded number reader, then the rule's own form


def _expected(node: Criterion) -> tuple[str, str]:
    """What a cell of ``node`` should hold, in English and Vietnamese."""
    rule = node.effective_rule
    kind = rule.kind.input_kind
    if kind == "yes_no":
        return "expected yes or no: có / không", "cần ghi có hoặc không"
    if kind == "count":
        return "expected a whole number from 0", "cần một số nguyên từ 0 trở lên"
    if kind == "ratio":
        return (
            "expected a ratio of whole numbers such as 45/50, the first no larger than the second",
            "cần một tỷ lệ hai số nguyên dạng 45/50, số trước không lớn hơn số sau",
        )
    if kind == "target":
        return _TARGET_EXPECTED
    if rule.kind is RuleKind.SURVEY:
        return (
            f"expected a number from 0 to {rule.scale_max}",
            f"cần một số từ 0 đến {rule.scale_max}",
        )
    if kind == "points":
        top = node.maximum
        if rule.step is not None and rule.step == 1:
            return (
                f"expected a whole number from 0 to {top}",
                f"cần một số nguyên từ 0 đến {top}",
            )
        steps = f" in steps of {rule.step}" if rule.step is not None else ""
        steps_vi = f", theo bước {rule.step} điểm" if rule.step is not None else ""
        return f"expected a number from 0 to {top}{steps}", f"cần một số từ 0 đến {top}{steps_vi}"
    return (
        "expected a number from 0, or a ratio such as 45/50",
        "cần một số từ 0 trở lên, hoặc một tỷ lệ dạng 45/50",
    )


_TARGET_EXPECTED = (
    (
        "expected the achieved value and the target such as 120/100, or the achieved value "
        "alone where no target was assigned"
    ),
    (
        "cần giá trị đạt được và chỉ tiêu giao dạng 120/100, hoặc chỉ giá trị đạt được nếu "
        "đơn vị không được giao chỉ tiêu"
    ),
)


def _refused(value: object, why: str, why_vi: str, node: Criterion) -> ValidationError:
    """The error of a bad cell: the value, what is wrong and (unless the reason already says
    how to write it) what was expected."""
    expected, expected_vi = _expected(node)
    en = f"{_echo(value)} {why}"
    vi = f"giá trị {_echo_vi(value)} {why_vi}"
    if not why.endswith(")"):
        en += f" ({expected})"
        vi += f" ({expected_vi})"
    return ValidationError(en, vi=vi, field=node.code, value=value)


def _number(value: object, node: Criterion, whole: bool) -> Decimal:
    """A cell's number through the shared bounded reader: never negative, whole if asked."""
    if isinstance(value, bool | np.bool_):
        raise _refused(value, "is a yes/no, not a number", "là có/không, không phải là số", node)
    if isinstance(value, float):
        raise _refused(
            value,
            f"is a float, which is not exact (write it as text: {str(value)!r})",
            "là số thực dấu phẩy động, không chính xác (hãy ghi dưới dạng chữ: "
            f"“{str(value).replace('.', ',')}”)",
            node,
        )
    if isinstance(value, np.integer):
        value = int(value)
    try:
        number = decimal(value, node.code)
    except CchcError as exc:
        raise _refused(value, exc.message, exc.vi or "không phải là số", node) from None
    if number < 0:
        raise _refused(value, "is negative", "là số âm", node)
    if whole and number != number.to_integral_value():
        raise _refused(value, "is not a whole number", "không phải là số nguyên", node)
    return number


def _ratio_parts(value: object, node: Criterion) -> tuple[int, int]:
    if isinstance(value, str):
        parts: Sequence[object] = value.split("/")
    elif isinstance(value, tuple | list):
        parts = value
    else:
        parts = ()
    if len(parts) != 2:
        raise _refused(value, "is not a ratio", "không phải là tỷ lệ", node)
    num, den = (int(_number(part, node, whole=True)) for part in parts)
    if num > den:
        raise _refused(
            value, "has a numerator above its denominator", "có tử số lớn hơn mẫu số", node
        )
    return num, den


def _target_parts(value: object, node: Criterion, precision: Decimal) -> tuple[int, int]:
    """An achieved value and its target (``"120/100"``, ``(120, 100)``, or ``120`` alone:
    no target; a blank, None or 0 target is none either), in ``precision`` steps."""
    parts: Sequence[object]
    if isinstance(value, str) and "/" in value:
        parts = value.split("/")
    elif isinstance(value, tuple | list):
        parts = value
    else:
        parts = (value, None)
    if len(parts) != 2:
        raise _refused(
            value,
            "is not an achieved value and a target",
            "không phải là giá trị đạt được và chỉ tiêu giao",
            node,
        )
    out = []
    for i, part in enumerate(parts):
        if i == 1 and (part is None or (isinstance(part, str) and not part.strip())):
            out.append(0)  # no target
            continue
        number = _number(part, node, whole=False)
        steps = number / precision
        if steps != steps.to_integral_value():
            raise _refused(
                value,
                f"has more decimals than the precision {precision}",
                f"có nhiều chữ số thập phân hơn độ chính xác {precision}",
                node,
            )
        out.append(int(steps))
    return out[0], out[1]


def _read_cell(node: Criterion, value: object, precision: Decimal) -> tuple[int, int]:
    """One reported value in the column form: points and measured values in ``precision``
    steps, yes/no as 1/0, counts and ratio parts as whole numbers (the second number is a
    ratio's denominator, else 0). Every number goes through the bounded reader; anything
    refused is a :class:`~cchc.errors.ValidationError` that echoes the value and says what
    was expected."""
    rule = node.effective_rule
    kind = rule.kind.input_kind
    if kind == "yes_no":
        if isinstance(value, bool | np.bool_):
            return int(bool(value)), 0
        if isinstance(value, int | np.integer) and int(value) in (0, 1):
            return int(value), 0
        if isinstance(value, str) and len(value) <= 64:
            try:
                return rule.read(value, precision)
            except CchcError:
                pass
        raise _refused(value, "is not yes or no", "không phải là có hoặc không", node)
    if kind == "ratio":
        return _ratio_parts(value, node)
    if kind == "count":
        return int(_number(value, node, whole=True)), 0
    if kind == "target":
        return _target_parts(value, node, precision)
    is_ratio = (isinstance(value, str) and "/" in value) or isinstance(value, tuple | list)
    if rule.kind is RuleKind.BANDED and is_ratio:
        num, den = _ratio_parts(value, node)
        if den == 0:
            raise _refused(value, "has a denominator of 0", "có mẫu số bằng 0", node)
        return num, den
    number = _number(value, node, whole=False)
    steps = number / precision
    if steps != steps.to_integral_value():
        raise _refused(
            value,
            f"has more decimals than the precision {precision}",
            f"có nhiều chữ số thập phân hơn độ chính xác {precision}",
            node,
        )
    return int(steps), 0


# ---------------------------------------------------------------------------------------------
# many units' assessments at once: objects, or their JSON form read straight into the columns


class _Slow(Exception):
    """A mapping the fast reader does not take as it is: read it again the slow way, through
    the classes' constructors, which say what is wrong."""


#: The mapping keys of each stage's assessment and of its entries: (required, optional).
_ITEM_KEYS: dict[Source, tuple[frozenset[str], frozenset[str], str]] = {
    Source.SELF: (frozenset({"unit", "entries"}), frozenset(), "entries"),
    Source.SURVEY: (frozenset({"unit", "entries"}), frozenset(), "entries"),
    Source.APPRAISAL: (frozenset({"unit"}), frozenset({"adjustments", "council"}), "adjustments"),
}
_ENTRY_KEYS = (frozenset({"code", "value"}), frozenset({"evidence", "explanation"}))
_ADJUSTMENT_KEYS = (frozenset({"code", "value", "reason"}), frozenset[str]())

#: A cached reading of one value of one leaf: (first, second, not applicable), or the error.
_Reading = tuple[int, int, bool] | CchcError


class _AssessmentReader:
    """Reads assessments into the columns of a :class:`ScoreTable`.

    A plain mapping (what :func:`json.loads` gives) whose shape is as expected is read by
    the fast path: no object per entry; each distinct code read once (every assessment
    repeats them) and each distinct value text of a leaf once (marks, yes/no and round
    numbers recur across a nation's units), a plain number without making a Decimal
    (:func:`_quick_cell`). Anything unusual in it sends the whole assessment to the slow
    path, which builds each entry with its class's constructor and turns every refusal into
    a finding; both paths then read a cell with the same code, so they give the same table
    and the same findings."""

    def __init__(self, framework: Framework, stage: Source, path: str, *, fast: bool = True):
        self.framework, self.stage, self.path, self.fast = framework, stage, path, fast
        self.layout = layout = _layout(framework)
        self.digits = len(str(framework.scale)) - 1
        self.leaf_of = {row: i for i, row in enumerate(layout.leaf_rows)}
        self.kind: type[Any] = {
            Source.SELF: SelfAssessment,
            Source.SURVEY: SurveyResult,
            Source.APPRAISAL: Appraisal,
        }[stage]
        required, optional, self.part = _ITEM_KEYS[stage]
        self.item_keys, self.item_all = required, required | optional
        self.entry_keys = _ADJUSTMENT_KEYS if stage is Source.APPRAISAL else _ENTRY_KEYS
        self.codes: dict[str, tuple[str, int] | Finding | None] = {}
        self.values: list[dict[str, _Reading | None]] = [{} for _ in layout.leaf_rows]
        self.units: list[str] = []
        self.seen: dict[str, int] = {}  # unit key -> the item that gave it
        self.item_of: list[int] = []  # column -> item
        self.findings: list[Finding] = []
        # the cells, in the order read: leaf, column, entry, first, second, not applicable
        self.leaf: list[int] = []
        self.col: list[int] = []
        self.entry: list[int] = []
        self.first: list[int] = []
        self.second: list[int] = []
        self.na: list[bool] = []
        self.reasons: dict[tuple[int, int], str] = {}
        self.documents: set[str] = set()  # evidence documents already found to be text

    # -- one code, one value -----------------------------------------------------------------

    def _code(self, code: str) -> tuple[str, int] | Finding | None:
        """A code as an entry holds it: (fold key, leaf), the finding of a code that names no
        leaf (its path filled in per entry), or None where the entry would refuse it."""
        try:
            canonical = text(code, "code")
        except CchcError:
            return None
        if not canonical:
            return None
        found: list[Finding] = []
        leaf = _leaf_index(self.layout, self.leaf_of, canonical, "", found)
        return found[0] if leaf is None else (_unit_key(canonical), leaf)

    def _value(self, leaf: int, value: str) -> _Reading | None:
        """A value's text as an entry holds it, read for ``leaf``; None where the entry would
        refuse the text itself."""
        node = self.layout.nodes[self.layout.leaf_rows[leaf]]
        quick = _quick_cell(node.effective_rule, value, self.digits)  # plain: as it is
        if quick is not None:
            return quick[0], quick[1], False
        try:
            canonical = text(value, "value")
        except CchcError:
            return None
        return _reading(node, canonical, self.framework.precision, self.digits)

    # -- the whole batch ---------------------------------------------------------------------

    def table(self, assessments: object) -> ScoreTable:
        items = sequence(assessments, self.path)
        for i, item in enumerate(items):
            if isinstance(item, self.kind):
                self._object(i, item)
            elif isinstance(item, Mapping):
                if not (self.fast and type(item) is dict and self._fast(i, item)):
                    self._slow(i, item)
            else:
                self.findings.append(
                    _finding(
                        "data.not-a-table",
                        f"{self.path}[{i}]",
                        f"{self.path}[{i}]: must be a {self.kind.__name__} or its JSON form "
                        f"(an object), not {type(item).__name__}",
                        "Mỗi mục phải là một bản kê khai của đơn vị (mã đơn vị và các tiêu chí)",
                    )
                )
        return self._build()

    def _build(self) -> ScoreTable:
        units, _ = _unit_list(self.units, self.path)  # already checked: keeps them as given
        n = len(units)
        table = _Cells(self.framework, units, self.layout)
        leaf = np.array(self.leaf, dtype=np.intp)
        col = np.array(self.col, dtype=np.intp)
        table.first[leaf, col] = np.array(self.first, dtype=np.int64)
        table.second[leaf, col] = np.array(self.second, dtype=np.int64)
        table.na[leaf, col] = np.array(self.na, dtype=bool)
        table.given[leaf, col] = True
        table.source[leaf, col] = self.stage.value
        entry = np.full((len(self.layout.leaf_rows), n), -1, dtype=np.int64)
        entry[leaf, col] = np.array(self.entry, dtype=np.int64)
        item_of, path, part = self.item_of, self.path, self.part

        def where(leaf: int, j: int) -> str:
            return f"{path}[{item_of[j]}].{part}[{int(entry[leaf, j])}].value"

        findings = self.findings
        findings.extend(_check_table(self.layout, table, self.stage, where))
        if any(f.severity is Severity.ERROR for f in findings):
            raise InvalidDocumentError("score table", findings)
        if self.stage is Source.SELF and n:
            for j in np.flatnonzero(~table.given.any(axis=0)).tolist():
                findings.append(
                    _finding(
                        "table.blank-row",
                        f"{path}[{item_of[j]}]",
                        f"unit {units[j]!r} reports nothing: it scores 0",
                        f"đơn vị “{units[j]}” không kê khai tiêu chí nào nên được 0 điểm",
                        Severity.WARNING,
                    )
                )
        return table.table(self.reasons, findings)

    # -- one assessment ----------------------------------------------------------------------

    def _commit(self, i: int, unit: str, cells: _Gathered) -> None:
        """Take one assessment's cells and findings, under its unit's column."""
        self.findings.extend(cells.findings)
        key = _unit_key(unit)
        first = self.seen.get(key)
        if first is not None:
            self.findings.append(
                _finding(
                    "table.duplicate-unit",
                    f"{self.path}[{i}].unit",
                    f"unit {unit!r} is given twice (first at {self.path}[{first}])",
                    f"Đơn vị “{unit}” có hai bản kê khai (bản thứ nhất ở vị trí {first + 1})",
                )
            )
            return
        self.seen[key] = i
        j = len(self.units)
        self.units.append(unit)
        self.item_of.append(i)
        self.leaf += cells.leaf
        self.col += [j] * len(cells.leaf)
        self.entry += cells.entry
        self.first += cells.first
        self.second += cells.second
        self.na += cells.na
        for (leaf, _), reason in cells.reasons.items():
            self.reasons[(leaf, j)] = reason

    def _cell(
        self, cells: _Gathered, base: str, k: int, code: str, value: str, reason: str | None
    ) -> None:
        """One entry whose code and value are the texts its class holds."""
        found = self.codes.get(code, _NOT_READ)
        if found is _NOT_READ:
            found = self.codes[code] = self._code(code)
        assert found is not None  # the entry took the code
        if isinstance(found, Finding):
            cells.findings.append(attrs.evolve(found, path=f"{base}.{self.part}[{k}].code"))
            return
        key, leaf = found
        if key in cells.seen:
            cells.findings.append(self._twice(base, k, code))
            return
        cells.seen.add(key)
        reading = self.values[leaf].get(value)
        if reading is None:
            reading = self.values[leaf][value] = self._value(leaf, value)
        assert reading is not None  # the entry took the value
        self._take(cells, base, k, leaf, reading, reason)

    def _take(
        self,
        cells: _Gathered,
        base: str,
        k: int,
        leaf: int,
        reading: _Reading,
        reason: str | None,
    ) -> None:
        if isinstance(reading, CchcError):
            node = self.layout.nodes[self.layout.leaf_rows[leaf]]
            where = f"{base}.{self.part}[{k}].value"
            cells.findings.append(_error_finding("table.cell", where, reading, node.code))
            return
        cells.leaf.append(leaf)
        cells.entry.append(k)
        cells.first.append(reading[0])
        cells.second.append(reading[1])
        cells.na.append(reading[2])
        if reason:
            cells.reasons[(leaf, 0)] = reason

    def _twice(self, base: str, k: int, code: str) -> Finding:
        what = "adjusted" if self.stage is Source.APPRAISAL else "reported"
        what_vi = "được điều chỉnh" if self.stage is Source.APPRAISAL else "được kê khai"
        return _finding(
            "table.duplicate",
            f"{base}.{self.part}[{k}].code",
            f"criterion {code} {what} twice",
            f"tiêu chí {code} {what_vi} hai lần",
        )

    def _object(self, i: int, item: SelfAssessment | Appraisal | SurveyResult) -> None:
        cells = _Gathered()
        base = f"{self.path}[{i}]"
        if isinstance(item, Appraisal):
            for k, adjustment in enumerate(item.adjustments):
                self._cell(cells, base, k, adjustment.code, adjustment.value, adjustment.reason)
        else:
            for k, entry in enumerate(item.entries):
                self._cell(cells, base, k, entry.code, entry.value, None)
        self._commit(i, item.unit, cells)

    def _fast(self, i: int, item: dict[str, Any]) -> bool:
        """Read a plain mapping of the expected shape; False (nothing taken) otherwise."""
        if not (self.item_keys <= item.keys() <= self.item_all):
            return False
        unit = item["unit"]
        entries = item.get(self.part, ())
        if type(unit) is not str or type(entries) not in (list, tuple):
            return False
        council = item.get("council", "")
        if type(council) is not str or (council and not _good_text(council)):
            return False
        try:
            unit = text(unit, "unit")
        except CchcError:
            return False
        if not unit:
            return False
        required, optional = self.entry_keys
        allowed = required | optional
        appraisal = self.stage is Source.APPRAISAL
        cells = _Gathered()
        base = f"{self.path}[{i}]"
        codes, values = self.codes, self.values
        seen = cells.seen
        for k, entry in enumerate(entries):
            if type(entry) is not dict or not (required <= entry.keys() <= allowed):
                return False
            code, value = entry["code"], entry["value"]
            if type(code) is not str:
                return False
            found = codes.get(code, _NOT_READ)
            if found is _NOT_READ:
                found = codes[code] = self._code(code)
            if found is None:
                return False
            if appraisal:
                reason = entry["reason"]
                if type(reason) is not str:
                    return False
                try:
                    reason = text(reason, "reason")
                except CchcError:
                    return False
                if not reason:
                    return False
            else:
                reason = None
                if "evidence" in entry:
                    evidence = entry["evidence"]
                    if type(evidence) is not list or (evidence and not self._evidence(evidence)):
                        return False  # the slow path says what the entry makes of it
                explanation = entry.get("explanation")
                if explanation is not None and (
                    type(explanation) is not str or not _good_text(explanation)
                ):
                    return False
            if type(value) is not str:
                try:
                    value = _entry_value(value)
                except CchcError:
                    return False
            if isinstance(found, Finding):
                cells.findings.append(attrs.evolve(found, path=f"{base}.{self.part}[{k}].code"))
                continue
            key, leaf = found
            if key in seen:
                return False
            seen.add(key)
            reading = values[leaf].get(value)
            if reading is None:
                reading = values[leaf][value] = self._value(leaf, value)
                if reading is None:
                    return False
            self._take(cells, base, k, leaf, reading, reason)
        self._commit(i, unit, cells)
        return True

    def _evidence(self, evidence: list[object]) -> bool:
        """True if an entry takes ``evidence`` as a list of documents, each text remembered."""
        good = self.documents
        for document in evidence:
            if type(document) is not str:
                return False
            if document not in good:
                if not _good_text(document):
                    return False
                good.add(document)
        return True

    def _slow(self, i: int, item: Mapping[Any, Any]) -> None:
        """Read a mapping through the constructors, every refusal a finding at its path."""
        base = f"{self.path}[{i}]"
        findings = self.findings
        findings.extend(_key_findings(item, self.item_keys, self.item_all, self.kind, base))
        unit: str | None = None
        if "unit" in item:
            try:
                unit = text(item["unit"], "unit")
                if not unit:
                    raise ValidationError("must not be empty", vi="không được để trống")
            except CchcError as exc:
                findings.append(_refusal(f"{base}.unit", item["unit"], exc))
                unit = None
        if "council" in item:
            try:
                text(item["council"], "council")
            except CchcError as exc:
                findings.append(_refusal(f"{base}.council", item["council"], exc))
        cells = _Gathered()
        entries: tuple[object, ...] = ()
        if self.part in item:
            try:
                entries = sequence(item[self.part], self.part)
            except CchcError as exc:
                finding = _refusal(f"{base}.{self.part}", item[self.part], exc)
                findings.append(attrs.evolve(finding, code="data.not-a-list"))
        appraisal = self.stage is Source.APPRAISAL
        cls: type[Any] = Adjustment if appraisal else Entry
        required, optional = self.entry_keys
        for k, entry in enumerate(entries):
            where = f"{base}.{self.part}[{k}]"
            if not isinstance(entry, Mapping):
                cells.findings.append(
                    _finding(
                        "data.not-a-table",
                        where,
                        f"{where}: must be an {cls.__name__} (an object with code and value), "
                        f"not {type(entry).__name__}",
                        "Mỗi tiêu chí phải ghi mã tiêu chí và giá trị",
                    )
                )
                continue
            problems = _key_findings(entry, required, required | optional, cls, where)
            if problems:
                cells.findings.extend(problems)
                continue
            try:
                built = cls(**{str(key): value for key, value in entry.items()})
            except CchcError as exc:
                field = exc.field or ""
                at = f"{where}.{field}" if field else where
                cells.findings.append(_refusal(at, exc.value if exc.has_value else None, exc))
                continue
            self._cell(cells, base, k, built.code, built.value, getattr(built, "reason", None))
        if unit is not None:
            self._commit(i, unit, cells)
        else:
            findings.extend(cells.findings)


_NOT_READ: Any = object()

_PLAIN = re.compile(r"([0-9]{1,12})(?:[.,]([0-9]{1,12}))?")
_WHOLE_RATIO = re.compile(r"([0-9]{1,12})/([0-9]{1,12})")
_PAIR = re.compile(r"([0-9]{1,12})(?:[.,]([0-9]{1,12}))?/([0-9]{1,12})(?:[.,]([0-9]{1,12}))?")


def _steps(whole: str, decimals: str | None, digits: int) -> int | None:
    """A plain number in steps of 10**-digits; None if it has finer decimals."""
    decimals = (decimals or "").rstrip("0")
    if len(decimals) > digits:
        return None
    scale: int = 10**digits
    return int(whole) * scale + (int(decimals.ljust(digits, "0")) if decimals else 0)


def _reading(node: Criterion, value: object, precision: Decimal, digits: int) -> _Reading:
    """One reported value as a table holds it: (first, second, not applicable), or the error
    that refuses it (:func:`_read_cell`, with plain numbers read by :func:`_quick_cell`)."""
    if type(value) is str:
        quick = _quick_cell(node.effective_rule, value, digits)
        if quick is not None:
            return quick[0], quick[1], False
    if isinstance(value, Marker) or (isinstance(value, str) and _is_na(value)):
        return 0, 0, True
    try:
        first, second = _read_cell(node, value, precision)
    except CchcError as exc:
        return exc
    return first, second, False


def _quick_cell(rule: Rule, value: str, digits: int) -> tuple[int, int] | None:
    """:func:`_read_cell` of the plain forms a file holds (``12.5``, ``45/50``,
    ``120/100``), with no Decimal made; None for anything else, which :func:`_read_cell`
    reads (and refuses, where it must)."""
    kind = rule.kind.input_kind
    if kind == "yes_no":
        return None
    if kind == "ratio" or (rule.kind is RuleKind.BANDED and "/" in value):
        match = _WHOLE_RATIO.fullmatch(value)
        if match is None:
            return None
        num, den = int(match[1]), int(match[2])
        if num > den or (den == 0 and kind != "ratio"):
            return None
        return num, den
    if kind == "target" and "/" in value:
        match = _PAIR.fullmatch(value)
        if match is None:
            return None
        achieved, target = _steps(match[1], match[2], digits), _steps(match[3], match[4], digits)
        if achieved is None or target is None:
            return None
        return achieved, target
    match = _PLAIN.fullmatch(value)
    if match is None:
        return None
    if kind == "count":
        return (int(match[1]), 0) if match[2] is None else None
    steps = _steps(match[1], match[2], digits)
    return None if steps is None else (steps, 0)


_PLAINS = re.compile(r"(?:[0-9]{1,12}(?:[.,][0-9]{1,12})?\n)*[0-9]{1,12}(?:[.,][0-9]{1,12})?")
_RATIOS = re.compile(r"(?:[0-9]{1,12}/[0-9]{1,12}\n)*[0-9]{1,12}/[0-9]{1,12}")
_PAIRS = re.compile(
    r"(?:[0-9]{1,12}(?:[.,][0-9]{1,12})?(?:/[0-9]{1,12}(?:[.,][0-9]{1,12})?)?\n)*"
    r"[0-9]{1,12}(?:[.,][0-9]{1,12})?(?:/[0-9]{1,12}(?:[.,][0-9]{1,12})?)?"
)


#: Powers of ten as 64-bit integers, by exponent (a plain number has at most 12 digits before
#: its point, and a precision at most 6 after it: 10**17 at most).
_POWERS = np.array([10**k for k in range(19)], dtype=np.int64)


def _parse_plain(joined: str, lines: int, digits: int) -> tuple[Int64Array, Int64Array] | None:
    """The numbers of ``lines`` lines of text that :data:`_PLAINS`, :data:`_RATIOS` or
    :data:`_PAIRS` matched whole (one or two plain numbers a line, ``12.5`` or ``45/50``), in
    steps of 10**-digits, parsed in C over the bytes of the text at once: each digit times its
    power of ten, summed number by number (whole numbers throughout, no float). The second
    number of a line is 0 where it has one. None if a number has finer decimals than
    ``digits`` (it is then read one by one, and refused there)."""
    data = np.frombuffer((joined + "\n").encode("ascii"), dtype=np.uint8)
    newline = data == 10
    cut = newline | (data == 47)  # each number ends at a "/" or at the end of its line
    point = (data == 46) | (data == 44)
    ends = np.flatnonzero(cut)
    number = np.cumsum(cut) - cut  # which number each byte belongs to
    point_at = ends.copy()  # a number's point, or its end where it has none
    points = np.flatnonzero(point)
    point_at[number[points]] = points
    at = np.arange(data.size)
    mark = point_at[number]
    exponent = np.where(at < mark, digits + mark - at - 1, digits - (at - mark))
    value = data.astype(np.int64) - 48
    digit = ~(cut | point)
    if bool((digit & (exponent < 0) & (value != 0)).any()):  # finer than the precision
        return None
    weight = np.where(digit & (exponent >= 0), _POWERS[np.clip(exponent, 0, 18)], 0)
    starts = np.concatenate(([0], ends[:-1] + 1))
    numbers = np.add.reduceat(value * weight, starts)
    ends_line = newline[ends]
    firsts = np.concatenate(([0], np.flatnonzero(ends_line)[:-1] + 1))
    second = np.zeros(lines, dtype=np.int64)
    slashes = np.flatnonzero(~ends_line)  # the first number of a line of two
    line_of = np.cumsum(ends_line) - ends_line
    second[line_of[slashes]] = numbers[slashes + 1]
    return numbers[firsts], second


def _bulk_readings(
    rule: Rule, values: list[str], digits: int
) -> tuple[Int64Array, Int64Array] | None:
    """:func:`_quick_cell` of many distinct texts of one column at once: every text checked by
    one regular expression over them all, then parsed in C (:func:`_parse_plain`). None unless
    every one is in the plain form its rule reads quickly (the texts are then read one by
    one)."""
    return _bulk_joined(rule, "\n".join(values), len(values), digits)


def _bulk_joined(
    rule: Rule, joined: str, count: int, digits: int
) -> tuple[Int64Array, Int64Array] | None:
    """:func:`_bulk_readings` of ``count`` texts joined by new lines (none holds one)."""
    kind = rule.kind.input_kind
    if kind == "yes_no" or digits > 6:
        return None
    if kind == "ratio" or (rule.kind is RuleKind.BANDED and "/" in joined):
        if _RATIOS.fullmatch(joined) is None:
            return None
        num, den = cast(tuple[Int64Array, Int64Array], _parse_plain(joined, count, 0))
        if bool((num > den).any()) or (kind != "ratio" and bool((den == 0).any())):
            return None
        return num, den
    if kind == "target" and "/" in joined:
        if _PAIRS.fullmatch(joined) is None:
            return None
        return _parse_plain(joined, count, digits)
    if _PLAINS.fullmatch(joined) is None:
        return None
    if kind == "count":
        if "." in joined or "," in joined:
            return None
        return _parse_plain(joined, count, 0)
    return _parse_plain(joined, count, digits)


class _Gathered:
    """One assessment's cells and findings, before its unit is given a column."""

    __slots__ = ("entry", "findings", "first", "leaf", "na", "reasons", "second", "seen")

    def __init__(self) -> None:
        self.leaf: list[int] = []
        self.entry: list[int] = []
        self.first: list[int] = []
        self.second: list[int] = []
        self.na: list[bool] = []
        self.reasons: dict[tuple[int, int], str] = {}
        self.findings: list[Finding] = []
        self.seen: set[str] = set()


def _good_text(value: str) -> bool:
    """True if ``value`` is text a field can hold (see :func:`cchc._fields.text`)."""
    try:
        text(value, "")
    except CchcError:
        return False
    return True


def _key_findings(
    item: Mapping[Any, Any], required: frozenset[str], allowed: frozenset[str], cls: type, at: str
) -> list[Finding]:
    """The unknown and the missing keys of a mapping read as a ``cls``."""
    out: list[Finding] = []
    fields = ", ".join(sorted(allowed))
    for key in item:
        if key not in allowed:
            shown = key if isinstance(key, str) else _echo(key)
            out.append(
                _finding(
                    "data.unknown-key",
                    f"{at}.{shown}",
                    f"{at}.{shown}: is not a field of {cls.__name__} (the fields are: {fields})",
                    f"Trường “{shown}” không hợp lệ (dữ liệu loại này không có trường đó)",
                )
            )
    for key in sorted(required - item.keys()):
        out.append(
            _finding(
                "data.missing-key",
                f"{at}.{key}",
                f"{at}.{key}: is missing (a required field)",
                f"Thiếu trường bắt buộc “{key}”",
            )
        )
    return out


#: The code of a constructor's refusal, by the error's class: the codes of
#: :mod:`cchc.formats` for the same faults.
_REFUSAL_CODES = {
    "CchcTypeError": "data.wrong-type",
    "ParseError": "data.unreadable",
    "NotFoundError": "data.unknown",
    "AmbiguousError": "data.ambiguous",
}


def _refusal(path: str, value: object, exc: CchcError) -> Finding:
    """The finding of a field a constructor refused."""
    return _finding(
        exc.code or _REFUSAL_CODES.get(type(exc).__name__, "data.invalid"),
        path,
        f"{path} = {_echo(value)}: {exc.message}",
        f"Giá trị {_echo_vi(value)}: {exc.vi or exc.message}",
    )


# ---------------------------------------------------------------------------------------------
# checking whole blocks of cells

#: What is wrong with a cell, in English and Vietnamese; ``{max}`` is the criterion's maximum,
#: ``{step}`` the rule's step and ``{sm}`` its survey scale.
_NEGATIVE = ("is negative", "là số âm")
_ABOVE_MAX = ("exceeds the maximum {max}", "vượt điểm tối đa {max} điểm")
_OFF_STEP = ("is not a multiple of the step {step}", "không đúng bước chấm {step} điểm")
_NOT_YES_NO = ("is not yes (1) or no (0)", "không phải là có (1) hoặc không (0)")
_NEGATIVE_DEN = ("has a negative denominator", "có mẫu số âm")
_ABOVE_DEN = ("has a numerator above its denominator", "có tử số lớn hơn mẫu số")
_NEGATIVE_TARGET = ("has a negative target", "có chỉ tiêu giao là số âm")
_ABOVE_SCALE = ("exceeds the survey scale {sm}", "vượt thang điểm điều tra {sm}")
_ABOVE_TOP = (
    "is above the top of the scale, {sm} (a per cent is at most 100)",
    "vượt mức cao nhất của thang đo ({sm})",
)


#: Where a cell came from, in the caller's terms (leaf index, unit column -> path); without
#: one, a cell is named by its unit and criterion (``'XA-01'['1.1']``).
_Where = Callable[[int, int], str]


#: Cells the engine takes in one go where it looks at a block of leaves (the quick look of
#: :func:`_screen`, the points of :func:`_evaluate`): a block of units at a time, so that the
#: temporaries stay a few megabytes however large the table (53,136 units x 400 criteria is
#: 21 million cells; a national table, 0.3 million, is one block).
_BLOCK_CELLS = 1 << 20
_NO_LIMIT = 2**63 - 1


@functools.lru_cache(maxsize=2 * _LAYOUTS_KEPT)
def _limits(layout: _Layout, self_stage: bool) -> tuple[npt.NDArray[np.uint64], dict[str, Any]]:
    """What :func:`_screen` compares each leaf's cells with: the highest number each leaf may
    hold, as an unsigned 64-bit number (a negative number read that way is above every limit);
    and the leaves that need more than a limit: ratios (``ratio``), targets (``target``),
    measured values (``value``, with their ``scale_max``) and points in steps (``stepped``,
    with their ``step``)."""
    upper = np.full(len(layout.rules), _NO_LIMIT, dtype=np.uint64)
    rows: dict[str, list[int]] = {"ratio": [], "target": [], "value": [], "stepped": []}
    for kind, idx in layout.by_kind.items():
        if self_stage and kind is RuleKind.SURVEY:
            continue  # a self-assessment's survey column is refused whole, not cell by cell
        input_kind = kind.input_kind
        if input_kind == "points":
            upper[idx] = layout.leaf_max[idx]
            rows["stepped"] += idx[layout.step[idx] > 1].tolist()
        elif input_kind == "yes_no":
            upper[idx] = 1
        elif kind is RuleKind.SURVEY:
            upper[idx] = np.maximum(layout.scale_max[idx], 0)
        elif input_kind in rows:
            rows[input_kind] += idx.tolist()
    out: dict[str, Any] = {key: np.array(sorted(v), dtype=np.intp) for key, v in rows.items()}
    out["step"] = layout.step[out["stepped"]]
    out["scale_max"] = layout.scale_max[out["value"]]
    return upper, out


def _screen(
    layout: _Layout, table: _Cells | ScoreTable, reported: BoolArray, stage: Source
) -> bool:
    """Whether any cell of the reported leaves may break its rule: a quick look, a block of
    units at a time, that never misses a cell :func:`_check_table` refuses (what it sees may
    still be fine, a cell declared not applicable say: the full check then decides)."""
    upper, special = _limits(layout, stage is Source.SELF)
    first, second = table.first, table.second
    everything = np.flatnonzero(reported)
    rows: Any = slice(None) if everything.size == first.shape[0] else everything
    limit = upper[rows, None]
    mine = {key: reported[special[key]] for key in ("ratio", "target", "value", "stepped")}
    ratio, target = special["ratio"][mine["ratio"]], special["target"][mine["target"]]
    value, top = special["value"][mine["value"]], special["scale_max"][mine["value"], None]
    stepped, step = special["stepped"][mine["stepped"]], special["step"][mine["stepped"], None]
    n = first.shape[1]
    width = max(_BLOCK_CELLS // max(everything.size, 1), 1)
    for lo in range(0, n, width):
        cols = slice(lo, lo + width)
        if (first[rows, cols].view(np.uint64) > limit).any():
            return True  # negative, or above the leaf's maximum, yes (1) or survey scale
        if stepped.size and (first[stepped, cols] % step).any():
            return True
        if ratio.size:
            a, b = first[ratio, cols], second[ratio, cols]
            if (b < 0).any() or (a > b).any():
                return True
        if target.size and (second[target, cols] < 0).any():
            return True
        if value.size and ((second[value, cols] == 0) & (first[value, cols] > top)).any():
            return True
    return False


def _check_table(
    layout: _Layout, table: _Cells | ScoreTable, stage: Source, where: _Where | None = None
) -> list[Finding]:
    """Every cell that does not fit its rule, checked a block of leaves at a time."""
    findings: list[Finding] = []
    scale = layout.framework.scale
    given, na, first, second = table.given, table.na, table.first, table.second
    if not given.any():
        return findings
    nodes = [layout.nodes[row] for row in layout.leaf_rows]
    survey = layout.by_kind.get(RuleKind.SURVEY)
    if stage in (Source.SELF, Source.APPRAISAL) and survey is not None:
        # survey points come from the survey: neither the unit nor the council gives them
        who = "unit" if stage is Source.SELF else "council"
        who_vi = "đơn vị tự chấm" if stage is Source.SELF else "hội đồng thẩm định chấm"
        for leaf in survey[given[survey].any(axis=1)]:
            code = nodes[leaf].code
            first_unit = int(np.argmax(given[leaf]))
            findings.append(
                _finding(
                    "table.survey-in-self" if stage is Source.SELF else "table.survey-in-appraisal",
                    _at("columns", code) if where is None else where(int(leaf), first_unit),
                    f"{code} is scored by the survey, not by the {who}",
                    f"tiêu chí {code} do điều tra xã hội học chấm, không do {who_vi}",
                )
            )
    if stage is Source.SURVEY:
        is_survey = np.zeros(len(nodes), dtype=bool)
        if survey is not None:
            is_survey[survey] = True
        for leaf in np.flatnonzero(~is_survey & given.any(axis=1)):
            code = nodes[leaf].code
            first_unit = int(np.argmax(given[leaf]))
            findings.append(
                _finding(
                    "table.not-survey",
                    _at("columns", code) if where is None else where(int(leaf), first_unit),
                    f"{code} is not scored by the survey",
                    f"tiêu chí {code} không do điều tra xã hội học chấm",
                )
            )
    # leaf by leaf, unit by unit (no full-size mask: flags are rare, and rarer refused)
    for leaf in np.flatnonzero(na.any(axis=1) & ~layout.na_allowed):
        code = nodes[leaf].code
        for j in np.flatnonzero(na[leaf] & given[leaf]):
            findings.append(
                _finding(
                    "table.not-applicable",
                    _at(table.units[j], code) if where is None else where(int(leaf), int(j)),
                    f"{code} may not be declared not applicable",
                    f"tiêu chí {code} không được khai là không áp dụng",
                )
            )
    reported: BoolArray = np.asarray(given.any(axis=1), dtype=bool)
    if not _screen(layout, table, reported, stage):
        return findings  # the common case: every cell fits its rule
    # something may be wrong: every check in turn, to name each bad cell in a stable order
    live = given & ~na
    if 8 * np.count_nonzero(live) < live.size:
        findings.extend(_check_cells(layout, table, live, stage, where))
        return findings
    everything = np.flatnonzero(reported)
    checks: list[tuple[npt.NDArray[np.intp], BoolArray, tuple[str, str]]] = []
    # compared in place, then the rows taken: no copy of the whole array of numbers is made
    checks.append((everything, (first < 0)[everything], _NEGATIVE))
    for kind, all_idx in layout.by_kind.items():
        if stage is Source.SELF and kind is RuleKind.SURVEY:
            continue
        idx = all_idx[reported[all_idx]]
        if not idx.size:
            continue
        a = first[idx]
        input_kind = kind.input_kind
        if input_kind in ("ratio", "target", "value") and kind is not RuleKind.SURVEY:
            b = second[idx]
        if input_kind == "points":
            checks.append((idx, a > layout.leaf_max[idx, None], _ABOVE_MAX))
            stepped = idx[layout.step[idx] > 1]
            if stepped.size:
                step = layout.step[stepped, None]
                checks.append((stepped, first[stepped] % step != 0, _OFF_STEP))
        elif input_kind == "yes_no":
            checks.append((idx, a > 1, _NOT_YES_NO))
        elif input_kind == "ratio":
            checks.append((idx, b < 0, _NEGATIVE_DEN))
            checks.append((idx, a > b, _ABOVE_DEN))
        elif input_kind == "target":
            checks.append((idx, b < 0, _NEGATIVE_TARGET))
        elif kind is RuleKind.SURVEY:
            checks.append((idx, a > layout.scale_max[idx, None], _ABOVE_SCALE))
        elif input_kind == "value":  # a measured value given plainly, not as a ratio
            checks.append((idx, (b == 0) & (a > layout.scale_max[idx, None]), _ABOVE_TOP))
    for idx, bad, why in checks:
        if not bad.any():  # the common case: nothing wrong, so no need to look closer
            continue
        bad &= live[idx]
        if not bad.any():
            continue
        for k, j in np.argwhere(bad):
            leaf = int(idx[k])
            node, rule = nodes[leaf], layout.rules[leaf]
            shown = _entry_text(rule, int(first[leaf, j]), int(second[leaf, j]), scale)
            path = None if where is None else where(leaf, int(j))
            findings.append(_cell_finding(table.units[j], node, rule, shown, why, path))
    return findings


def _cell_finding(
    unit: str,
    node: Criterion,
    rule: Rule,
    shown: str,
    why: tuple[str, str],
    path: str | None = None,
) -> Finding:
    """The finding for one bad cell, in English and in an officer's Vietnamese, at ``path``
    (by default the unit and the criterion)."""
    en, vi = (w.format(max=node.maximum, step=rule.step, sm=rule.scale_max) for w in why)
    shown_vi = {"yes": "có", "no": "không"}.get(shown, shown)
    return _finding(
        "table.cell",
        _at(unit, node.code) if path is None else path,
        f"{node.code}: value {shown} {en}",
        f"Giá trị {shown_vi} của tiêu chí {node.code} {vi}",
    )


def _check_cells(
    layout: _Layout,
    table: _Cells | ScoreTable,
    live: BoolArray,
    stage: Source,
    where: _Where | None = None,
) -> list[Finding]:
    """The checks of :func:`_check_table` for a sparse table (a council's few changes): the
    reported cells are gathered first, then checked one rule kind at a time, in the same order."""
    rows, cols = np.nonzero(live)
    a, b = table.first[rows, cols], table.second[rows, cols]
    kind_of = np.empty(len(layout.rules), dtype=np.int8)
    kinds = list(layout.by_kind)
    for k, kind in enumerate(kinds):
        kind_of[layout.by_kind[kind]] = k
    cell_kind = kind_of[rows]
    checks: list[tuple[BoolArray, tuple[str, str]]] = [(a < 0, _NEGATIVE)]
    for k, kind in enumerate(kinds):
        if stage is Source.SELF and kind is RuleKind.SURVEY:
            continue
        mine = cell_kind == k
        if not mine.any():
            continue
        input_kind = kind.input_kind
        if input_kind == "points":
            checks.append((mine & (a > layout.leaf_max[rows]), _ABOVE_MAX))
            step = layout.step[rows]
            stepped = mine & (step > 1)
            if stepped.any():
                off = stepped & (a % np.where(stepped, step, 1) != 0)
                checks.append((off, _OFF_STEP))
        elif input_kind == "yes_no":
            checks.append((mine & (a > 1), _NOT_YES_NO))
        elif input_kind == "ratio":
            checks.append((mine & (b < 0), _NEGATIVE_DEN))
            checks.append((mine & (a > b), _ABOVE_DEN))
        elif input_kind == "target":
            checks.append((mine & (b < 0), _NEGATIVE_TARGET))
        elif kind is RuleKind.SURVEY:
            checks.append((mine & (a > layout.scale_max[rows]), _ABOVE_SCALE))
        elif input_kind == "value":
            checks.append((mine & (b == 0) & (a > layout.scale_max[rows]), _ABOVE_TOP))
    findings: list[Finding] = []
    scale = layout.framework.scale
    for bad, why in checks:
        for c in np.flatnonzero(bad) if bad.any() else ():
            leaf, j = int(rows[c]), int(cols[c])
            node, rule = layout.nodes[layout.leaf_rows[leaf]], layout.rules[leaf]
            shown = _entry_text(rule, int(a[c]), int(b[c]), scale)
            path = None if where is None else where(leaf, j)
            findings.append(_cell_finding(table.units[j], node, rule, shown, why, path))
    return findings


def _largest(values: int | npt.NDArray[Any]) -> int:
    """The largest magnitude among ``values`` (0 for none), without an array of magnitudes."""
    if isinstance(values, np.ndarray) and values.dtype != object:
        if not values.size:
            return 0
        return max(int(values.max()), -int(values.min()))
    return int(np.abs(values).max(initial=0))


def _times(values: Int64Array, factor: int | Int64Array) -> Int64Array:
    """values × factor, exactly: in Python integers where 64 bits could overflow."""
    top = _largest(values) * _largest(factor)
    if top < 2**62:
        return cast(Int64Array, values * factor)
    return cast(Int64Array, values.astype(object) * factor)  # Python ints, never wrapping


def _ratio(numerator: npt.NDArray[Any], denominator: npt.NDArray[Any], rounding: str) -> Int64Array:
    """numerator / denominator rounded by the framework's rule (:func:`round_ratio`), for
    columns of non-negative numerators and positive denominators; columns that needed Python
    integers are divided one cell at a time."""
    if numerator.dtype != object and denominator.dtype != object:
        # the inputs are checked already: the column engine's division, without the checks
        return _round_ratio(
            numerator.astype(np.int64, copy=False),
            denominator.astype(np.int64, copy=False),
            rounding,
        )
    top, bottom = np.broadcast_arrays(numerator, denominator)
    out = [
        round_ratio(int(a), int(b), rounding) for a, b in zip(top.flat, bottom.flat, strict=True)
    ]
    return np.array(out, dtype=np.int64).reshape(top.shape)


def _evaluate(layout: _Layout, table: ScoreTable) -> Int64Array:
    """Points of every leaf for every unit: one block of NumPy operations per rule kind (per
    set of levels of the banded rules), a block of units at a time so that the temporaries
    stay small however many units there are."""
    fw = layout.framework
    first = table.first
    out = np.empty(first.shape, dtype=np.int64)  # every leaf has a kind: all rows are set
    for kind, idx in layout.by_kind.items():
        if kind.needs_group:
            out[idx] = 0  # scored group by group: see _group_step
            continue
        blocks = [idx]
        if kind is RuleKind.BANDED:  # one block for each set of levels
            same: dict[tuple[Level, ...], list[int]] = {}
            for leaf in idx:
                same.setdefault(layout.rules[leaf].levels, []).append(int(leaf))
            blocks = [np.array(members, dtype=np.intp) for members in same.values()]
        for rows in blocks:
            width = max(_BLOCK_CELLS // rows.size, 1)
            for lo in range(0, first.shape[1], width):
                cols = slice(lo, lo + width)
                out[rows, cols] = _block_points(layout, kind, rows, cols, table, fw)
    return out


def _block_points(
    layout: _Layout,
    kind: RuleKind,
    idx: npt.NDArray[np.intp],
    cols: slice,
    table: ScoreTable,
    fw: Framework,
) -> Int64Array:
    """Points of the leaves ``idx`` (all of rule ``kind``; of one set of levels where banded)
    for the units ``cols``."""
    rounding = fw.rounding
    a = table.first[idx, cols]
    m = layout.leaf_max[idx, None]
    if kind is RuleKind.MANUAL:
        return a
    if kind is RuleKind.YES_NO:
        return cast(Int64Array, a * m)
    if kind is RuleKind.PROPORTIONAL:
        b = table.second[idx, cols]
        zero = b <= 0  # 0 is "nothing to count"; below 0 only in cells not scored
        ratio = _ratio(_times(np.maximum(a, 0), m), np.where(zero, 1, b), rounding)
        return cast(Int64Array, np.where(zero, layout.zero_points[idx, None], ratio))
    if kind is RuleKind.DEDUCTION:
        per = layout.per[idx, None]
        counts = np.minimum(a, m // per + 1)
        return cast(
            Int64Array, np.maximum(m - counts * per, np.minimum(layout.floor[idx, None], m))
        )
    if kind is RuleKind.BONUS:
        per = layout.per[idx, None]
        return cast(Int64Array, np.minimum(np.minimum(a, m // per + 1) * per, m))
    if kind is RuleKind.SURVEY:
        return _ratio(_times(np.maximum(a, 0), m), layout.scale_max[idx, None], rounding)
    # BANDED
    rule = layout.rules[int(idx[0])]
    b = table.second[idx, cols]
    if b.any():  # values given as ratios: the rule compares them exactly
        return rule.evaluate(a, b, 0, fw.scale, rounding)
    return _banded(rule.levels, a, fw.scale)


def _banded(levels: Sequence[Level], values: Int64Array, scale: int) -> Int64Array:
    """Points of plain measured values (in steps of ``1 / scale``) on a banded rule: those of
    the first level each value falls in, 0 where it falls in none (as
    :meth:`~cchc.criteria.Rule.evaluate` gives them, one pass a level)."""
    out = np.zeros(values.shape, dtype=np.int64)
    for level in reversed(levels):  # the first level in order is laid on last
        inside: BoolArray | bool = True
        if level.lower is not None:
            bound = int(level.lower * scale)
            inside = values >= bound if level.lower_inclusive else values > bound
        if level.upper is not None:
            bound = int(level.upper * scale)
            below = values <= bound if level.upper_inclusive else values < bound
            inside = below if inside is True else inside & below
        out = np.where(inside, int(level.points * scale), out)
    return out


def _entry_text(rule: Rule, first: int, second: int, scale: int) -> str:
    kind = rule.kind.input_kind
    if kind == "yes_no":
        return "yes" if first else "no"
    if kind == "ratio" or (rule.kind is RuleKind.BANDED and second > 0):
        return f"{first}/{second}"
    if kind == "count":
        return str(first)
    if kind == "target":
        achieved = _plain_number(Decimal(first) / scale)
        return f"{achieved}/{_plain_number(Decimal(second) / scale)}" if second else achieved
    return str(Decimal(first) / scale)


def _plain_number(number: Decimal) -> str:
    """A number as a person writes it: ``120``, not ``120.00``."""
    return f"{number.normalize():f}"


def _excess_text(rule: Rule, excess: Fraction, scale: Decimal) -> str:
    """An excess over the target as the rule measures it: a per cent of the target (exact,
    or ≈ to two decimals), or the amount."""
    if rule.excess is ExcessBasis.AMOUNT:
        return _plain_number(Decimal(excess.numerator) / scale)
    percent = excess * 100
    shown = _percent(percent)
    return f"{_plain_number(shown)} %" if shown == percent else f"≈ {shown} %"


# ---------------------------------------------------------------------------------------------
# the fields of the result types: the shared checks, with the answers for text remembered
# (a national batch hands out thousands of scorecards whose titles and rules are the same)


@functools.lru_cache(maxsize=1 << 14)
def _canonical(value: str) -> str | None:
    """:func:`cchc._fields.text` of ``value``, or None where it is refused; remembered."""
    try:
        return text(value, "")
    except CchcError:
        return None


def _to_text(value: Any) -> Any:
    """An attrs converter: :func:`cchc._fields.to_nfc`, remembered for text seen before."""
    if type(value) is str:
        canonical = _canonical(value)
        return value if canonical is None else canonical
    return to_nfc(value)


def _valid_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """:func:`cchc._fields.is_text`, answered from memory for text seen before."""
    if type(value) is not str or _canonical(value) is None:
        is_text(instance, attribute, value)


def _valid_name(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """:func:`cchc._fields.is_name`, answered from memory for text seen before."""
    if type(value) is not str or not value or _canonical(value) is None:
        is_name(instance, attribute, value)


def _valid_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _valid_text(instance, attribute, value)


def _valid_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """:func:`cchc._fields.is_decimal` for a value :func:`cchc._fields.to_decimal` has
    converted: what it gives back is finite, below the limit and no finer than the finest
    step, so only anything else is read again (for the message)."""
    if type(value) is Decimal and value.is_finite():
        exponent = value.as_tuple().exponent
        small = not value or value.adjusted() < _LARGEST_DIGITS
        if isinstance(exponent, int) and exponent >= -FINEST_DIGITS and small:
            return
    is_decimal(instance, attribute, value)


#: Digits before the point of the largest number allowed (NUMBER_LIMIT is 10**12).
_LARGEST_DIGITS = len(str(NUMBER_LIMIT)) - 1


def _trusted(cls: type[_T], *args: object, **kwargs: object) -> _T:
    """An instance of the attrs class ``cls`` from values the engine made from checked parts
    (a framework, a checked table), without reading each field again; what the values mean
    together is still checked where the instance goes (a scorecard checks its lines)."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple(
            (
                f.name,
                _slot_setter(cls, f.name),
                f.default.factory if isinstance(f.default, attrs.Factory) else None,  # type: ignore[arg-type]
                f.default,
            )
            for f in attrs.fields(cls)  # type: ignore[arg-type]
        )
    instance = object.__new__(cls)
    for (_name, put, _factory, _default), value in zip(plan, args, strict=False):
        put(instance, value)
    for name, put, factory, default in plan[len(args) :]:
        if name in kwargs:
            put(instance, kwargs[name])
        else:
            put(instance, factory() if factory is not None else default)
    return instance


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    """What sets the field ``name`` of a frozen instance: its slot's own setter (quicker than
    ``object.__setattr__``, which looks the name up on every call)."""
    slot = getattr(cls, name, None)
    if isinstance(slot, types.MemberDescriptorType):
        return slot.__set__
    return lambda instance, value: object.__setattr__(instance, name, value)


_PLANS: dict[type, tuple[tuple[str, Callable[[object, object], None], Any, Any], ...]] = {}


# ---------------------------------------------------------------------------------------------
# results


def _to_extra(value: object) -> Extra:
    return enum_member(Extra, value, "extra")


def _value_repr(member: Extra) -> str:
    """An enum field in a repr as its value (``extra='bonus'``), which the field reads back."""
    return repr(member.value)


def _is_depth(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if of_type(value, int, attribute.name) < 0:
        raise ValidationError(
            "must not be negative", vi="không được là số âm", field=attribute.name, value=value
        )


def _to_fraction(value: object) -> Fraction:
    return fraction(value, "index")


@attrs.frozen
class CriterionScore:
    """Points of one unit on one criterion, with how they came about.

    >>> from cchc.criteria import load_bundled
    >>> card = score_unit(load_bundled("ca-mau-1880-2013"), SelfAssessment.of("U", {"1.1.4": "92"}))
    >>> line = card.line("1.1.4")
    >>> line.points, line.maximum, line.share
    (Decimal('2.00'), Decimal('2.00'), Fraction(1, 1))
    >>> print(line.detail)
    92 is in the level > 90: 2 (Thực hiện trên 90% kế hoạch) → 2.00

    ``maximum`` is the unit's maximum (0 where the criterion is not applicable);
    ``entry`` what was reported, ``source`` which stage reported it, ``rule`` the rule in
    words, ``detail`` how the rule turned the entry into these points (which level, which
    ratio, how many deductions), ``reason`` the council's reason where it changed the entry,
    and ``leaf`` whether a rule scored it (else it sums its sub-criteria).

    A line is checked as it is built, however it is built (loaded from JSON, unpickled,
    evolved): no points above the maximum, none below 0.

    >>> attrs.evolve(line, points=Decimal("999.00"))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: points = Decimal('999.00'): points 999.00 of criterion 1.1.4 are \
above its maximum 2.00
    """

    code: str = attrs.field(converter=_to_text, validator=_valid_name)
    title: str = attrs.field(converter=_to_text, validator=_valid_text)
    points: Decimal = attrs.field(converter=to_decimal, validator=_valid_decimal)
    maximum: Decimal = attrs.field(converter=to_decimal, validator=_valid_decimal)
    depth: int = attrs.field(validator=_is_depth)
    rule: str = attrs.field(converter=_to_text, validator=_valid_text)
    entry: str | None = attrs.field(
        default=None, converter=_to_text, validator=_valid_optional_text
    )
    source: Source = attrs.field(default=Source.NONE, validator=instance_of(Source))
    not_applicable: bool = attrs.field(default=False, validator=is_bool)
    reason: str | None = attrs.field(
        default=None, converter=_to_text, validator=_valid_optional_text
    )
    lead_unit: str | None = attrs.field(
        default=None, converter=_to_text, validator=_valid_optional_text
    )
    detail: str | None = attrs.field(
        default=None, converter=_to_text, validator=_valid_optional_text
    )
    leaf: bool = attrs.field(default=True, validator=is_bool)
    #: Base points, a bonus (added) or a penalty (its points are subtracted from the total).
    extra: Extra = attrs.field(default=Extra.BASE, converter=_to_extra, repr=_value_repr)
    #: The survey was not run for the unit and the framework re-bases: maximum 0.
    absent: bool = attrs.field(default=False, validator=is_bool)
    #: ``rule`` and ``detail`` in Vietnamese (the engine fills both languages).
    rule_vi: str | None = attrs.field(
        default=None, converter=_to_text, validator=_valid_optional_text, kw_only=True
    )
    detail_vi: str | None = attrs.field(
        default=None, converter=_to_text, validator=_valid_optional_text, kw_only=True
    )

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Why this result is what it is, in ``lang`` (Vietnamese by default; the
        :class:`~cchc.explanations.Explanation` holds both languages)."""
        return Explanation(
            Words.same(f"{self.code} {self.title}"), self.points, (_line_of(self),)
        ).in_lang(lang)

    def __attrs_post_init__(self) -> None:
        code, points, maximum = self.code, self.points, self.maximum
        if maximum < 0:
            raise ValidationError(
                f"the maximum of criterion {code} must not be negative",
                vi=f"điểm tối đa của tiêu chí {code} không được là số âm",
                field="maximum",
                value=maximum,
            )
        if points < 0:
            raise ValidationError(
                f"points of criterion {code} must not be negative",
                vi=f"điểm của tiêu chí {code} không được là số âm",
                field="points",
                value=points,
            )
        if points > maximum:
            raise ValidationError(
                f"points {points} of criterion {code} are above its maximum {maximum}",
                vi=f"điểm {points} của tiêu chí {code} vượt điểm tối đa {maximum} điểm",
                field="points",
                value=points,
            )
        if self.not_applicable and maximum:
            raise ValidationError(
                f"criterion {code} does not apply, so its maximum is 0, not {maximum}",
                vi=f"tiêu chí {code} không áp dụng nên điểm tối đa là 0, không phải {maximum}",
                field="maximum",
                value=maximum,
            )
        if self.absent and maximum:
            raise ValidationError(
                f"the survey of criterion {code} was not run, so its maximum is 0, not {maximum}",
                vi=f"tiêu chí {code} không tổ chức điều tra xã hội học nên điểm tối đa là 0, "
                f"không phải {maximum}",
                field="maximum",
                value=maximum,
            )

    @property
    def share(self) -> Fraction | None:
        """Points as a share of the maximum (None where the maximum is 0)."""
        return Fraction(self.points) / Fraction(self.maximum) if self.maximum else None


def _details(
    node: Criterion, first: int, second: int, points: Decimal, fw: Framework, scale: int
) -> tuple[str | None, str | None]:
    """How a leaf's rule turned what was reported into ``points``, in words: in English and in
    Vietnamese, numbers written as each language writes them (``scale``: the framework's steps
    per point)."""
    rule, top = node.effective_rule, node.maximum
    kind = rule.kind

    def vi(value: Decimal | int) -> str:
        return number(value, Lang.VI)

    if kind is RuleKind.YES_NO:
        return (
            f"{'yes' if first else 'no'} → {points}",
            f"{'có' if first else 'không'} → {vi(points)}",
        )
    if kind is RuleKind.BANDED:
        exact: Decimal | Fraction = Decimal(first) / scale
        shown, shown_vi = str(exact), vi(Decimal(first) / scale)
        if second > 0:  # a ratio, read as a per cent and compared exactly
            exact = Fraction(first * 100, second)
            pct = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"))
            sign = "=" if pct == exact else "≈"
            shown = f"{first}/{second} {sign} {pct} %"
            shown_vi = f"{first}/{second} {sign} {vi(pct)} %"
        for level in rule.levels:
            if level.contains(exact):
                label = f" ({level.label})" if level.label else ""
                return (
                    f"{shown} is in the level {level}{label} → {points}",
                    f"{shown_vi} thuộc mức {level.describe(Lang.VI)}{label} → {vi(points)}",
                )
        return (
            f"{shown} is in no level → {points}",
            f"{shown_vi} không thuộc mức nào → {vi(points)}",
        )
    if kind is RuleKind.PROPORTIONAL:
        if second == 0:
            return (
                f"nothing to count ({first}/{second}) → {points}",
                f"không có gì để tính ({first}/{second}) → {vi(points)}",
            )
        return (
            f"{top} × {first}/{second} → {points} ({fw.rounding})",
            f"{vi(top)} × {first}/{second} → {vi(points)} ({fw.rounding})",
        )
    if kind is RuleKind.DEDUCTION:
        return (
            f"{top} − {first} × {rule.per}, not below {rule.floor} → {points}",
            f"{vi(top)} − {first} × {vi(rule.per or 0)}, không dưới {vi(rule.floor)} → "
            + vi(points),
        )
    if kind is RuleKind.BONUS:
        return (
            f"{first} × {rule.per}, capped at {top} → {points}",
            f"{first} × {vi(rule.per or 0)}, tối đa {vi(top)} → {vi(points)}",
        )
    if kind is RuleKind.SURVEY:
        value = Decimal(first) / scale
        return (
            f"{top} × {value} / {rule.scale_max} → {points} ({fw.rounding})",
            f"{vi(top)} × {vi(value)} / {rule.scale_max} → {vi(points)} ({fw.rounding})",
        )
    return None, None


def _index(points: Decimal, maximum: Decimal) -> Fraction:
    return Fraction(points) * 100 / Fraction(maximum) if maximum else Fraction(0)


def _opt_to_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value)


def _valid_optional_decimal(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None:
        _valid_decimal(instance, attribute, value)


def _lines(value: object) -> tuple[CriterionScore, ...]:
    return items_of(value, CriterionScore, "lines")


# ---------------------------------------------------------------------------------------------
# a scorecard's lines, made quickly: what is the same for every unit is made once per framework


#: Each stage by its number in a table's ``source`` array.
_SOURCES: dict[int, Source] = {member.value: member for member in Source}

#: Points as Decimals by their number of precision steps, one dictionary per precision:
#: a card has a line per criterion node and most units share most numbers. Bounded.
_STEP_DECIMALS: dict[Decimal, dict[int, Decimal]] = {}
_STEP_DECIMALS_KEPT = 1 << 14


def _steps_cache(precision: Decimal) -> dict[int, Decimal]:
    steps = _STEP_DECIMALS.get(precision)
    if steps is None:
        steps = _STEP_DECIMALS.setdefault(precision, {})
    return steps


def _step_decimal(steps: dict[int, Decimal], count: int, precision: Decimal) -> Decimal:
    """``count`` steps of ``precision`` as a Decimal (exact: ``Decimal(count) * precision``),
    kept in ``steps`` while there is room."""
    value = Decimal(count) * precision
    if len(steps) < _STEP_DECIMALS_KEPT:
        steps[count] = value
    return value


#: What every card of a framework says the same on a line: code, title, depth, rule, lead
#: unit, whether a rule scores it (a leaf), kind of points, rule in Vietnamese.
_Static = tuple[str, str, int, str, str | None, bool, Extra, str]


@functools.cache
def _line_maker() -> Callable[..., CriterionScore]:
    """A :class:`CriterionScore` from what every card says the same on the line
    (:data:`_Static`) and this unit's points, maximum, entry, stage, not applicable, reason,
    detail, survey taken out and Vietnamese detail, set straight into its slots: for lines the
    engine made from a checked table (as :func:`_trusted`, without reading a plan and keywords
    on every line; the card that holds them checks them together where it must)."""
    put = {f.name: _slot_setter(CriterionScore, f.name) for f in attrs.fields(CriterionScore)}
    statics = tuple(
        put[name]
        for name in ("code", "title", "depth", "rule", "lead_unit", "leaf", "extra", "rule_vi")
    )
    points, maximum, entry, source = put["points"], put["maximum"], put["entry"], put["source"]
    na, reason, detail, absent = put["not_applicable"], put["reason"], put["detail"], put["absent"]
    detail_vi = put["detail_vi"]
    new = object.__new__

    def make(
        static: _Static,
        points_: Decimal,
        maximum_: Decimal,
        entry_: str | None = None,
        source_: Source = Source.NONE,
        na_: bool = False,
        reason_: str | None = None,
        detail_: str | None = None,
        absent_: bool = False,
        detail_vi_: str | None = None,
    ) -> CriterionScore:
        line: CriterionScore = new(CriterionScore)
        for setter, value in zip(statics, static, strict=True):
            setter(line, value)
        points(line, points_)
        maximum(line, maximum_)
        entry(line, entry_)
        source(line, source_)
        na(line, na_)
        reason(line, reason_)
        detail(line, detail_)
        absent(line, absent_)
        detail_vi(line, detail_vi_)
        return line

    return make


#: One node of a card's plan: what its line says the same for every unit, its depth, kind of
#: points, leaf number (-1: it sums sub-criteria), rule (None for a sum), whether the rule
#: needs the group, whether it is a survey criterion.
_PlanRow = tuple[_Static, int, Extra, int, Rule | None, bool, bool]


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _card_plan(layout: _Layout) -> tuple[_PlanRow, ...]:
    """What every card of a framework says the same on each line (made once per framework)."""
    leaf_of = {row: i for i, row in enumerate(layout.leaf_rows)}
    rule_texts, rule_texts_vi = _rule_texts(layout), _rule_texts(layout, Lang.VI)
    out: list[_PlanRow] = []
    for i, node in enumerate(layout.nodes):
        leaf = leaf_of.get(i, -1)
        rule = layout.rules[leaf] if leaf >= 0 else None
        depth, extra = layout.depth[i], layout.extra_of[i]
        static: _Static = (
            node.code,
            node.title,
            depth,
            rule_texts[i],
            node.lead_unit,
            rule is not None,
            extra,
            rule_texts_vi[i],
        )
        out.append(
            (
                static,
                depth,
                extra,
                leaf,
                rule,
                rule is not None and rule.kind.needs_group,
                rule is not None and rule.kind is RuleKind.SURVEY,
            )
        )
    return tuple(out)


#: Sets the stage of a line just made (its slot's own setter).
_SET_SOURCE = _slot_setter(CriterionScore, "source")


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _card_scale(layout: _Layout) -> int:
    """The framework's steps per point (read once per framework)."""
    return layout.framework.scale


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _group_leaves(layout: _Layout) -> tuple[int, ...]:
    """The leaves whose rule compares a unit with its group."""
    return tuple(leaf for leaf, rule in enumerate(layout.rules) if rule.kind.needs_group)


#: How many lines of cards a framework keeps made (see :func:`_card_lines`).
_CARD_LINES_KEPT = 1 << 14


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _card_lines(layout: _Layout) -> dict[tuple[Any, ...], CriterionScore]:
    """The lines of cards made so far against a framework, by what makes them: a line is a
    frozen value, so two units that stand the same on a criterion (the same numbers reported,
    the same points) share it. Bounded: :data:`_CARD_LINES_KEPT`."""
    return {}


def _disagrees(field: str, en: str, vi: str, value: object) -> ValidationError:
    return ValidationError(en, vi=vi, field=field, value=value)


def _check_card(card: _CardBase) -> None:
    """A scorecard's lines form its criterion tree (walk order, depths one step at a time),
    every line that sums sub-criteria holds their sum (capped no higher than its maximum),
    and the totals and the index are those of the top-level lines: checked in one pass, so
    that a card loaded from anywhere is refused unless it could have been scored."""
    lines = card.lines
    child_points = [Decimal(0)] * len(lines)
    child_maxima = [Decimal(0)] * len(lines)
    has_children = [False] * len(lines)
    top_points, top_maxima = Decimal(0), Decimal(0)
    extra_points = {Extra.BONUS: Decimal(0), Extra.PENALTY: Decimal(0)}
    open_lines: list[int] = []

    def close(j: int) -> None:
        line = lines[j]
        if line.leaf:
            return
        if not has_children[j]:
            raise _disagrees(
                f"lines[{j}].leaf",
                f"{line.code} sums sub-criteria but has none",
                f"tiêu chí {line.code} là tổng các tiêu chí thành phần nhưng không có tiêu chí nào",
                line.leaf,
            )
        if line.maximum > child_maxima[j]:
            raise _disagrees(
                f"lines[{j}].maximum",
                f"{line.code}: maximum {line.maximum} is above the sum of its sub-criteria "
                f"({child_maxima[j]})",
                f"điểm tối đa {line.maximum} của tiêu chí {line.code} lớn hơn tổng điểm tối đa "
                f"các tiêu chí thành phần ({child_maxima[j]})",
                line.maximum,
            )
        expected = min(child_points[j], line.maximum)
        if line.points != expected:
            raise _disagrees(
                f"lines[{j}].points",
                f"{line.code}: points {line.points} disagree with its sub-criteria ({expected})",
                f"điểm {line.points} của tiêu chí {line.code} không khớp với tổng điểm các tiêu "
                f"chí thành phần ({expected})",
                line.points,
            )

    for i, line in enumerate(lines):
        if not Decimal(0) <= line.points <= line.maximum:
            raise _disagrees(
                f"lines[{i}].points",
                f"{line.code}: points {line.points} are outside 0 to its maximum {line.maximum}",
                f"điểm {line.points} của tiêu chí {line.code} nằm ngoài khoảng từ 0 đến điểm tối "
                f"đa {line.maximum} điểm",
                line.points,
            )
        while len(open_lines) > line.depth:
            close(open_lines.pop())
        if line.depth > len(open_lines):
            raise _disagrees(
                f"lines[{i}].depth",
                f"{line.code} is at depth {line.depth} but follows no line one level up",
                f"tiêu chí {line.code} không nằm dưới tiêu chí nào ở cấp trên liền kề",
                line.depth,
            )
        if open_lines:
            up = open_lines[-1]
            if line.extra is not lines[up].extra:
                raise _disagrees(
                    f"lines[{i}].extra",
                    f"{line.code} is {line.extra.value} points under {lines[up].code}, which is "
                    f"{lines[up].extra.value}",
                    f"loại điểm của tiêu chí {line.code} khác loại điểm của tiêu chí "
                    f"{lines[up].code} chứa nó",
                    line.extra.value,
                )
            if lines[up].leaf:
                raise _disagrees(
                    f"lines[{up}].leaf",
                    f"{lines[up].code} is scored by a rule but has sub-criteria",
                    f"tiêu chí {lines[up].code} được chấm theo quy tắc nhưng lại có tiêu chí "
                    "thành phần",
                    True,
                )
            child_points[up] += line.points
            child_maxima[up] += line.maximum
            has_children[up] = True
        elif line.extra is Extra.BASE:
            top_points += line.points
            top_maxima += line.maximum
        else:
            extra_points[line.extra] += line.points
        open_lines.append(i)
    while open_lines:
        close(open_lines.pop())
    for name, kind in (("bonus", Extra.BONUS), ("penalty", Extra.PENALTY)):
        if getattr(card, name) != extra_points[kind]:
            raise _disagrees(
                name,
                f"the {name} {getattr(card, name)} disagrees with its lines ({extra_points[kind]})",
                f"{'điểm thưởng' if name == 'bonus' else 'điểm trừ'} {getattr(card, name)} không "
                f"khớp với các tiêu chí ({extra_points[kind]})",
                getattr(card, name),
            )
    net = card.bonus - card.penalty
    if not min(net, Decimal(0)) <= card.extra_points <= max(net, Decimal(0)):
        raise _disagrees(
            "extra_points",
            f"the extra points counted {card.extra_points} are not bonus − penalty ({net}) "
            "clamped towards 0",
            f"điểm cộng thêm {card.extra_points} không phải là điểm thưởng trừ điểm trừ ({net}) "
            "sau khi giới hạn",
            card.extra_points,
        )
    expected_points = max(top_points + card.extra_points, Decimal(0))
    if card.points != expected_points:
        raise _disagrees(
            "points",
            f"the total {card.points} disagrees with the sum of the fields ({expected_points})",
            f"tổng điểm {card.points} không khớp với tổng điểm các lĩnh vực ({expected_points})",
            card.points,
        )
    if card.survey_absent != any(line.absent for line in lines):
        raise _disagrees(
            "survey_absent",
            "says the survey was "
            + ("not run, but no line was taken out" if card.survey_absent else "run")
            + " for it",
            "không khớp với các tiêu chí điều tra xã hội học được quy về thang điểm",
            card.survey_absent,
        )
    if card.maximum != top_maxima:
        raise _disagrees(
            "maximum",
            f"the maximum {card.maximum} disagrees with the sum of the fields ({top_maxima})",
            f"điểm tối đa {card.maximum} không khớp với tổng điểm tối đa các lĩnh vực "
            f"({top_maxima})",
            card.maximum,
        )
    if card.index != _capped_index(card.points, card.maximum, card.index_cap):
        raise _disagrees(
            "index",
            "is not points / maximum × 100"
            + ("" if card.index_cap is None else f", capped at {card.index_cap}"),
            "chỉ số không bằng điểm đạt được chia điểm tối đa nhân 100",
            card.index,
        )


@attrs.frozen
class _CardBase:
    framework_id: str = attrs.field(converter=_to_text, validator=_valid_name)
    unit: str = attrs.field(converter=_to_text, validator=_valid_name)
    lines: tuple[CriterionScore, ...] = attrs.field(converter=_lines)
    points: Decimal = attrs.field(converter=to_decimal, validator=_valid_decimal)
    maximum: Decimal = attrs.field(converter=to_decimal, validator=_valid_decimal)
    index: Fraction = attrs.field(converter=_to_fraction)
    band: str | None = attrs.field(default=None, converter=_to_text, validator=_valid_optional_text)
    #: Bonus points (điểm thưởng) and penalty points (điểm trừ), outside the base maximum.
    bonus: Decimal = attrs.field(default=Decimal(0), converter=to_decimal, validator=_valid_decimal)
    penalty: Decimal = attrs.field(
        default=Decimal(0), converter=to_decimal, validator=_valid_decimal
    )
    #: Bonus minus penalty as it counts, after the framework's clamp (``extra_min`` …
    #: ``extra_max``): ``points`` is base points plus this, never below 0.
    extra_points: Decimal = attrs.field(
        default=Decimal(0), converter=to_decimal, validator=_valid_decimal
    )
    #: The framework's cap on the index (per cent), if any.
    index_cap: Decimal | None = attrs.field(
        default=None, converter=_opt_to_decimal, validator=_valid_optional_decimal
    )
    #: The survey was not run for this unit and the index was re-based over what was assessed.
    survey_absent: bool = attrs.field(default=False, validator=is_bool)

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Why this result is what it is, in ``lang`` (Vietnamese by default; the
        :class:`~cchc.explanations.Explanation` holds both languages)."""
        return _explain_card(self).in_lang(lang)

    def __attrs_post_init__(self) -> None:
        _check_card(self)

    @property
    def base(self) -> Decimal:
        """Points on the base scale: the base fields' points, without bonus or penalty."""
        return sum((line.points for line in self.fields if line.extra is Extra.BASE), Decimal(0))

    @property
    def index_rounded(self) -> Decimal:
        """The index to two decimals (ROUND_HALF_UP), for display only; bands and ranks use the
        exact :attr:`index`."""
        return (Decimal(self.index.numerator) / Decimal(self.index.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def fields(self) -> tuple[CriterionScore, ...]:
        """The top-level lines (fields, lĩnh vực)."""
        return tuple(line for line in self.lines if line.depth == 0)

    def component_index(self, code: str) -> Fraction | None:
        """A field's (or any criterion's) own index: its points / its maximum × 100; None
        where nothing of it applies to the unit (its maximum is 0), as for a batch."""
        line = self.line(code)
        return _index(line.points, line.maximum) if line.maximum else None

    def line(self, code: str) -> CriterionScore:
        """The line of one criterion."""
        key = fold(text(code, "code"))
        for line in self.lines:
            if fold(line.code) == key:
                return line
        raise NotFoundError(
            "no such criterion on this scorecard",
            vi="phiếu điểm không có tiêu chí này",
            field="code",
            value=code,
        )


@attrs.frozen
class Scorecard(_CardBase):
    """A unit's final scores: after appraisal and survey.

    ``index`` is exact (points / maximum × 100, a :class:`~fractions.Fraction`); ``band`` is
    chosen by comparing it exactly with the framework's bands.

    >>> from cchc.criteria import load_bundled
    >>> card = score_unit(load_bundled("cchc-campaign-6"), SelfAssessment.of("U", {"1.1": "8"}))
    >>> card.points, card.index, card.index_rounded, card.band, len(card.fields)
    (Decimal('8.00'), Fraction(8, 1), Decimal('8.00'), 'Yếu', 6)
    """


@attrs.frozen
class SelfAssessedScorecard(_CardBase):
    """A unit's scores as it assessed itself, before the council: a different type from
    :class:`Scorecard` so the two cannot be mixed up.

    >>> from cchc.criteria import load_bundled
    >>> own = score_self_assessment(load_bundled("cchc-campaign-6"), SelfAssessment.of("U", {}))
    >>> isinstance(own, Scorecard), own.points
    (False, Decimal('0.00'))
    """


@attrs.frozen
class CouncilChange:
    """Where the council changed a unit's own score, and by how much.

    >>> change = CouncilChange("XA-01", "3.1", Decimal("9.5"), Decimal("8"), "thiếu hồ sơ")
    >>> change.change, str(change)
    (Decimal('-1.5'), 'XA-01 3.1: 9.5 → 8 (-1.5) — thiếu hồ sơ')
    """

    unit: str
    code: str
    self_points: Decimal
    appraised_points: Decimal
    reason: str | None

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Why this result is what it is, in ``lang`` (Vietnamese by default; the
        :class:`~cchc.explanations.Explanation` holds both languages)."""
        return Explanation(
            Words(
                f"{self.unit}: hội đồng thẩm định điều chỉnh tiêu chí {self.code}",
                f"{self.unit}: the council changed criterion {self.code}",
            ),
            self.change,
            notes=[
                Words.same(f"{self.self_points} → {self.appraised_points} ({self.change:+})"),
                *(
                    [Words(f"lý do: {self.reason}", f"reason: {self.reason}")]
                    if self.reason
                    else []
                ),
            ],
        ).in_lang(lang)

    @property
    def change(self) -> Decimal:
        """Appraised minus self-assessed points (negative when the council cut)."""
        return self.appraised_points - self.self_points

    def __str__(self) -> str:
        return (
            f"{self.unit} {self.code}: {self.self_points} → {self.appraised_points} "
            f"({self.change:+}){f' — {self.reason}' if self.reason else ''}"
        )


class _NodeCodes(tuple[str, ...]):
    """The codes of a layout's nodes, read when its framework was checked: a result made from
    them takes them without reading them again."""

    __slots__ = ()


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _node_codes(layout: _Layout) -> _NodeCodes:
    return _NodeCodes(node.code for node in layout.nodes)


def _codes(value: object) -> tuple[str, ...]:
    if type(value) is _NodeCodes:
        return value
    return texts(value, "codes")


def _check_shapes(
    owner: object, expected: Mapping[str, tuple[int, ...]], listed: str, en: str, vi: str
) -> None:
    """Each named field of ``owner`` has its expected shape (the field ``listed`` is a tuple,
    measured by its length) and every array holds whole numbers; ``en`` words a wrong shape,
    with ``{shape}`` and ``{got}``."""
    for name, shape in expected.items():
        value = getattr(owner, name)
        got = (len(value),) if name == listed else value.shape
        if got != shape:
            raise ValidationError(en.format(shape=shape, got=got), vi=vi, field=name, value=got)
        if name != listed and value.dtype.kind != "i":
            raise CchcTypeError(
                f"must hold whole numbers, not {value.dtype}",
                vi="phải là các số nguyên",
                field=name,
                value=str(value.dtype),
            )


class _GroupCodes(tuple[str, ...]):
    """Group codes :func:`_groups_of` has read: a result made from them takes them as they are."""

    __slots__ = ()


def _group_codes(value: object) -> tuple[str, ...]:
    if type(value) is _GroupCodes:
        return value
    codes = sequence(value, "groups")
    # a national batch repeats a few dozen group codes thousands of times: each is read once
    if set(map(type, codes)) <= {str}:
        read = {c: _canonical(c) for c in dict.fromkeys(codes)}
        if None not in read.values():
            return tuple(map(cast(dict[str, str], read).__getitem__, codes))
    return texts(codes, "groups")  # the reader names the bad code


@attrs.frozen(eq=False)
class BatchResult(_Rebuilt):
    """Scores of many units, held as columns (a container, not a value type).

    ``points`` and ``maxima`` have one row per criterion node (walk order, see
    :attr:`codes`) and one column per unit, in steps of the framework's precision.
    Value types come out as views: :meth:`scorecard`, :meth:`rows`, :func:`rank`. Every
    array is read-only, also after pickling or ``attrs.evolve``.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> result = score_table(ScoreTable.from_wide(fw, [{"unit": "A", "1.3": "2.5"}]))
    >>> result.totals()[0].tolist(), result.points[result.codes.index("1.3")].tolist()
    ([250], [250])
    >>> result.scorecard("a").points
    Decimal('2.50')
    """

    table: ScoreTable = attrs.field(validator=instance_of(ScoreTable))
    codes: tuple[str, ...] = attrs.field(converter=_codes)
    leaf_points: Int64Array = attrs.field(converter=_read_only)
    total: Int64Array = attrs.field(converter=_read_only)
    total_max: Int64Array = attrs.field(converter=_read_only)
    band_of: npt.NDArray[np.intp] = attrs.field(converter=_read_only)  # -1 for no band
    #: The group code of each unit where groups were given to :func:`score_table` (a
    #: target-relative criterion is scored within its group); empty: the table is one group.
    groups: tuple[str, ...] = attrs.field(default=(), converter=_group_codes)
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False)

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    def __attrs_post_init__(self) -> None:
        n = len(self.table.units)
        expected = {
            "codes": (len(self.table._layout().nodes),),
            "leaf_points": self.table.first.shape,
            "total": (n,),
            "total_max": (n,),
            "band_of": (n,),
        }
        _check_shapes(
            self,
            expected,
            "codes",
            "must have the shape {shape} of the table, not {got}",
            "không khớp với kích thước của bảng điểm",
        )
        if self.groups and len(self.groups) != n:
            raise ValidationError(
                f"must name one group for each of the {n} units, not {len(self.groups)}",
                vi="phải có khối của từng đơn vị trong bảng điểm",
                field="groups",
                value=len(self.groups),
            )

    @property
    def points(self) -> Int64Array:
        """Points of every criterion node (rows, walk order) for every unit (columns)."""
        if "points" not in self._memo:
            points, maxima = _node_sums(self.table, self.leaf_points)
            self._memo["points"], self._memo["maxima"] = _read_only(points), _read_only(maxima)
        return self._memo["points"]  # type: ignore[no-any-return]

    @property
    def maxima(self) -> Int64Array:
        """Each unit's maximum on every criterion node (0 where not applicable)."""
        self.points  # noqa: B018 - fills the memo
        return self._memo["maxima"]  # type: ignore[no-any-return]

    def node_points(self, node: int) -> Int64Array:
        """Points of one criterion node for every unit."""
        layout = self._layout()
        if "points" in self._memo or layout.any_capped:
            return np.asarray(self.points[node], dtype=np.int64)
        lo, hi = layout.spans[node]
        return self.leaf_points[lo:hi].sum(axis=0)  # type: ignore[no-any-return]

    @property
    def framework(self) -> Framework:
        """The framework scored against."""
        return self.table.framework

    @property
    def units(self) -> tuple[str, ...]:
        """The units, in column order."""
        return self.table.units

    def totals(self) -> tuple[Int64Array, Int64Array]:
        """Each unit's total points and maximum, in steps of the precision."""
        return self.total, self.total_max

    def indices(self) -> tuple[Fraction, ...]:
        """Each unit's exact index, in column order: points / maximum × 100, no higher than
        the framework's cap (0 where the maximum is 0), as its scorecard and its ranking
        give it.

        >>> from cchc.criteria import load_bundled
        >>> fw = load_bundled("ca-mau-1880-2013")
        >>> t = ScoreTable.from_wide(fw, [{"unit": "A", "1.3": "3"}, {"unit": "B"}])
        >>> score_table(t).indices()
        (Fraction(15, 1), Fraction(0, 1))
        """
        cap = self.framework.index_cap
        return tuple(
            _capped_index(p, m, cap)
            for p, m in zip(self.total.tolist(), self.total_max.tolist(), strict=True)
        )

    def _layout(self) -> _Layout:
        return self.table._layout()

    def _column(self, unit: str) -> int:
        if "columns" not in self._memo:
            self._memo["columns"] = {_unit_key(u): j for j, u in enumerate(self.units)}
        j = self._memo["columns"].get(_unit_key(text(unit, "unit")))
        if j is None:
            raise NotFoundError(
                "unit not in this result",
                vi="đơn vị này không có trong kết quả chấm điểm",
                field="unit",
                value=unit,
            )
        return int(j)

    def scorecard(self, unit: str) -> Scorecard:
        """The final scorecard of one unit, as a value type."""
        return Scorecard(**self._card(unit))

    def self_assessed_scorecard(self, unit: str) -> SelfAssessedScorecard:
        """The scorecard of one unit, typed as self-assessed (use on a self-assessment batch)."""
        return SelfAssessedScorecard(**self._card(unit))

    def standing(self, code: str) -> GroupStanding:
        """Where every unit stands in its group on a target-relative criterion: its group's
        leader and best, as the engine found them (see :class:`cchc.criteria.GroupStanding`).

        >>> from cchc.criteria import Criterion, Framework, Rule
        >>> rule = Rule.target_relative()
        >>> fw = Framework("t", "T", [Criterion("1", "Thu ngân sách", 10, rule=rule)])
        >>> t = ScoreTable.from_wide(fw, [{"unit": "A", "1": "120/100"},
        ...                               {"unit": "B", "1": "150/100"}])
        >>> result = score_table(t)
        >>> [result.units[j] for j in result.standing("1").leader]
        ['B', 'B']
        """
        layout = self._layout()
        node = layout.by_code.get(_unit_key(text(code, "code")))
        leaf = layout.leaf_rows.index(node) if node in layout.leaf_rows else None
        if leaf is None or not layout.rules[leaf].kind.needs_group:
            raise NotFoundError(
                "no criterion of this result is scored against its group with this code",
                vi="kết quả chấm điểm không có tiêu chí chấm theo chỉ tiêu giao mang mã này",
                field="code",
                value=code,
            )
        return self._standing(leaf)

    def _standing(self, leaf: int) -> GroupStanding:
        key = f"standing-{leaf}"
        if key not in self._memo:
            table = self.table
            self._memo[key] = (
                self._layout()
                .rules[leaf]
                .group_leaders(
                    table.first[leaf],
                    table.second[leaf],
                    groups=_group_numbers(self.groups, len(self.units)),
                    present=table.given[leaf] & ~table.na[leaf],
                )
            )
        return self._memo[key]  # type: ignore[no-any-return]

    def _group_detail(
        self, node: Criterion, leaf: int, j: int, points: Decimal, lang: Lang = Lang.EN
    ) -> str:
        """How a target-relative rule gave one unit its points: its target, its excess, the
        group's leader or best, and the shares."""
        standing = self._standing(leaf)
        rule, top, fw = node.effective_rule, node.maximum, self.framework
        scale = Decimal(fw.scale)
        a, t = int(standing.first[j]), int(standing.second[j])
        achieved, target = _plain_number(a / scale), _plain_number(t / scale)
        vi = lang is Lang.VI
        if vi:
            group = f" khối {self.groups[j]}" if self.groups else " của khối"
        else:
            group = f" of group {self.groups[j]}" if self.groups else " of the group"
        rounded = f" ({fw.rounding})"
        got = f"đạt {achieved}" if vi else f"achieved {achieved}"
        if t > 0 and a < t:
            below = f"dưới chỉ tiêu {target}" if vi else f"below the target {target}"
            return (
                f"{got}, {below}: "
                f"{rule.below_share} × {top} × {achieved}/{target} → {points}{rounded}"
            )
        if t > 0 and a == t:
            s = rule.on_target_share
            on = "đúng chỉ tiêu" if vi else "exactly the target"
            return f"{got}, {on}: {s} × {top} → {points}"
        if t > 0:
            lead = int(standing.leader[j])
            mine, best = standing.excess(j), standing.excess(lead)
            shown = _excess_text(rule, mine, scale)
            against = f"so với chỉ tiêu {target}" if vi else f"against the target {target}"
            if mine == best:
                if vi:
                    return (
                        f"{got} {against}: vượt {shown}, mức vượt lớn nhất{group} → {points} "
                        "(điểm tối đa)"
                    )
                return (
                    f"{got} {against}: {shown} above it, the largest excess{group} → "
                    f"{points} (the maximum)"
                )
            s = rule.on_target_share
            leader = _excess_text(rule, best, scale)
            names = self._tied(leaf)[0][int(standing.groups[j])]
            formula = f"{s} × {top} + {1 - s} × {top} × {shown} / {leader} → {points}{rounded}"
            if vi:
                return (
                    f"{got} {against}: vượt {shown}; đơn vị dẫn đầu{group} ({names}) vượt "
                    f"{leader}: {formula}"
                )
            return (
                f"{got} {against}: {shown} above it; the leader{group} ({names}) {leader} "
                f"above its target: {formula}"
            )
        none = "không được giao chỉ tiêu" if vi else "no target assigned"
        if rule.no_target is NoTargetPolicy.ZERO:
            if vi:
                return f"{got}, {none}: quy định không tính điểm → {points}"
            return f"{got}, {none}: no points by the rule → {points}"
        b = int(standing.best[j])
        if vi:
            where = "" if rule.no_target is NoTargetPolicy.GROUP_BEST else " không có chỉ tiêu"
            best_of = f"kết quả tốt nhất{group}{where}"
        else:
            where = "" if rule.no_target is NoTargetPolicy.GROUP_BEST else " without a target"
            best_of = f"the best{group}{where}"
        if b < 0 or standing.first[b] == 0:
            zero = "bằng 0" if vi else "is 0"
            return f"{got}, {none}; {best_of} {zero} → {points}"
        if a == standing.first[b]:
            most = "điểm tối đa" if vi else "the maximum"
            return f"{got}, {none}, {best_of} → {points} ({most})"
        best_value = _plain_number(int(standing.first[b]) / scale)
        names = self._tied(leaf)[1][int(standing.groups[j])]
        reached = "đạt" if vi else "achieved"
        return (
            f"{got}, {none}; {best_of} ({names}) {reached} {best_value}: "
            f"{top} × {achieved}/{best_value} → {points}{rounded}"
        )

    def _tied(self, leaf: int) -> tuple[dict[int, str], dict[int, str]]:
        """The units that lead each group, and those that achieved its best (for the units
        without a target), by group number: every unit sharing the place, by code, so an
        explanation does not depend on the order of the units."""
        key = f"tied-{leaf}"
        if key not in self._memo:
            standing = self._standing(leaf)
            leaders: dict[int, list[str]] = {}
            bests: dict[int, list[str]] = {}
            first, second = standing.first, standing.second
            lead_of: dict[int, int] = {}
            best_of: dict[int, int] = {}
            for j in range(len(self.units)):
                group = int(standing.groups[j])
                if standing.leader[j] >= 0:
                    lead_of[group] = int(standing.leader[j])
                if standing.best[j] >= 0:
                    best_of[group] = int(standing.best[j])
            for j in np.flatnonzero(standing.present).tolist():
                group = int(standing.groups[j])
                lead = lead_of.get(group)
                if (
                    lead is not None
                    and second[j] > 0
                    and first[j] > second[j]
                    and standing.excess(j) == standing.excess(lead)
                ):
                    leaders.setdefault(group, []).append(self.units[j])
                best = best_of.get(group)
                pool = standing.rule.no_target is NoTargetPolicy.GROUP_BEST or second[j] == 0
                if best is not None and pool and first[j] == first[best]:
                    bests.setdefault(group, []).append(self.units[j])
            self._memo[key] = tuple(
                {g: ", ".join(sorted(names)) for g, names in found.items()}
                for found in (leaders, bests)
            )
        return self._memo[key]  # type: ignore[no-any-return]

    def _card(self, unit: str) -> dict[str, Any]:
        j = self._column(unit)
        layout = self._layout()
        fw = self.framework
        precision = fw.precision
        table = self.table
        if "absent" not in self._memo:  # one column scan for all the cards handed out
            self._memo["absent"] = _survey_absent(layout, table)
        absent_units = self._memo["absent"]
        survey_absent = absent_units is not None and bool(absent_units[j])
        extras = {kind: Decimal(0) for kind in Extra}
        lines = []
        steps = _steps_cache(precision)
        reasons = table.reasons
        # this unit's column of every array, read once
        all_points, all_maxima = self.points[:, j].tolist(), self.maxima[:, j].tolist()
        firsts, seconds = table.first[:, j].tolist(), table.second[:, j].tolist()
        nas, givens = table.na[:, j].tolist(), table.given[:, j].tolist()
        sources = table.source[:, j].tolist()
        kept = _card_lines(layout)
        room = len(kept) < _CARD_LINES_KEPT
        for i, (static, depth, extra, leaf, rule, group, survey) in enumerate(_card_plan(layout)):
            p, m = all_points[i], all_maxima[i]
            key: tuple[Any, ...] | None
            if rule is None:
                key = (i, p, m)
            elif group or (reasons and (leaf, j) in reasons):
                key = None  # words of the unit's group, or a reason of its own
            else:
                absent = survey_absent and survey
                key = (i, p, m, firsts[leaf], seconds[leaf], nas[leaf], givens[leaf], sources[leaf])
                key += (absent,)
            made = kept.get(key) if key is not None else None
            if made is None:
                made = self._line(
                    layout, (i, leaf, j), static, rule, steps, (p, m), firsts, seconds, nas, givens
                )
                if rule is not None and sources[leaf]:
                    _SET_SOURCE(made, _SOURCES[sources[leaf]])  # a new line, not handed out yet
                if key is not None and room:
                    kept[key] = made
            if depth == 0:
                extras[extra] += made.points
            lines.append(made)
        total, top = self.totals()
        points_total = Decimal(int(total[j])) * precision
        maximum_total = Decimal(int(top[j])) * precision
        band = int(self.band_of[j])
        net = extras[Extra.BONUS] - extras[Extra.PENALTY]
        if fw.extra_min is not None:
            net = max(net, fw.extra_min)
        if fw.extra_max is not None:
            net = min(net, fw.extra_max)
        return {
            "framework_id": fw.id,
            "unit": self.units[j],
            "lines": tuple(lines),
            "points": points_total,
            "maximum": maximum_total,
            "index": _capped_index(points_total, maximum_total, fw.index_cap),
            "band": fw.bands[band].label if band >= 0 else None,
            "bonus": extras[Extra.BONUS],
            "penalty": extras[Extra.PENALTY],
            "extra_points": net.quantize(precision),
            "index_cap": fw.index_cap,
            "survey_absent": survey_absent,
        }

    def _line(
        self,
        layout: _Layout,
        where: tuple[int, int, int],
        static: _Static,
        rule: Rule | None,
        steps: dict[int, Decimal],
        scaled: tuple[int, int],
        firsts: list[int],
        seconds: list[int],
        nas: list[bool],
        givens: list[bool],
    ) -> CriterionScore:
        """The line of node ``i`` (leaf ``leaf``, -1 for a sum) on unit ``j``'s card, ``where``
        ``(i, leaf, j)``: its points and maximum in steps (``scaled``), the lists the unit's
        column of the table (the stage that reported it is set by the caller)."""
        i, leaf, j = where
        p, m = scaled
        precision = self.framework.precision
        points = steps.get(p)
        if points is None:
            points = _step_decimal(steps, p, precision)
        maximum = steps.get(m)
        if maximum is None:
            maximum = _step_decimal(steps, m, precision)
        line = _line_maker()
        if rule is None:
            return line(static, points, maximum)
        na = nas[leaf]
        entry = detail = detail_vi = None
        if givens[leaf]:
            if na:
                entry = "N/A"
            else:
                first, second = firsts[leaf], seconds[leaf]
                scale = _card_scale(layout)
                entry = _entry_text(rule, first, second, scale)
                if rule.kind.needs_group:
                    node = layout.nodes[i]
                    detail = self._group_detail(node, leaf, j, points, Lang.EN)
                    detail_vi = self._group_detail(node, leaf, j, points, Lang.VI)
                else:
                    fw = self.framework
                    detail, detail_vi = _details(layout.nodes[i], first, second, points, fw, scale)
        absent = self._memo["absent"]
        return line(
            static,
            points,
            maximum,
            entry,
            Source.NONE,
            na,
            self.table.reasons.get((leaf, j)),
            detail,
            absent is not None and bool(absent[j]) and rule.kind is RuleKind.SURVEY,
            detail_vi,
        )

    def rows(self) -> list[dict[str, object]]:
        """One row per unit (unit, points, maximum, index to two decimals, band), ready for
        ``pandas.DataFrame(result.rows())``."""
        total, top = self.totals()
        precision = self.framework.precision
        bands = self.framework.bands
        out = []
        indices = self.indices()
        for j, unit in enumerate(self.units):
            p, m = int(total[j]), int(top[j])
            out.append(
                {
                    "unit": unit,
                    "points": Decimal(p) * precision,
                    "maximum": Decimal(m) * precision,
                    "index": _percent(indices[j]),
                    "band": bands[int(self.band_of[j])].label if self.band_of[j] >= 0 else None,
                }
            )
        return out

    def criterion_rows(self) -> list[dict[str, object]]:
        """One row per unit and criterion (unit, criterion, points, maximum, and the
        criterion's own index to two decimals, None where nothing of it applies): the long
        form. For a field (lĩnh vực) the index is its component index (chỉ số thành phần).

        >>> from cchc.criteria import load_bundled
        >>> fw = load_bundled("ca-mau-1880-2013")
        >>> result = score_table(ScoreTable.from_wide(fw, [{"unit": "A", "1.1.4": "95"}]))
        >>> [(r["criterion"], r["index"]) for r in result.criterion_rows()][:2]
        [('1', Decimal('10.00')), ('1.1', Decimal('40.00'))]
        """
        precision = self.framework.precision
        out = []
        for i, code in enumerate(self.codes):
            for j, unit in enumerate(self.units):
                p, m = int(self.points[i, j]), int(self.maxima[i, j])
                out.append(
                    {
                        "unit": unit,
                        "criterion": code,
                        "points": Decimal(p) * precision,
                        "maximum": Decimal(m) * precision,
                        "index": _percent(Fraction(p * 100, m)) if m else None,
                    }
                )
        return out

    def component_index(self, code: str) -> tuple[Fraction | None, ...]:
        """The exact index of one criterion (a field: its component index) for every unit, in
        column order; None where nothing of it applies to the unit.

        >>> from cchc.criteria import load_bundled
        >>> fw = load_bundled("ca-mau-1880-2013")
        >>> t = ScoreTable.from_wide(fw, [{"unit": "A", "1.3": "3"}, {"unit": "B", "1.3": "1.5"}])
        >>> score_table(t).component_index("1.3")
        (Fraction(100, 1), Fraction(50, 1))
        """
        node = self._layout().by_code.get(_unit_key(text(code, "code")))
        if node is None:
            raise NotFoundError(
                "no such criterion in this result",
                vi="kết quả chấm điểm không có tiêu chí này",
                field="code",
                value=code,
            )
        points, maxima = self.points[node], self.maxima[node]
        return tuple(
            Fraction(int(p) * 100, int(m)) if m else None
            for p, m in zip(points, maxima, strict=True)
        )


def score_table(table: ScoreTable, groups: Mapping[str, str] | None = None) -> BatchResult:
    """Score every unit of a table at once: each leaf's rule over its column, then sums (and
    caps) up the tree, then bands. Cells not reported score 0; not-applicable cells take their
    maximum out of the unit's maximum.

    A rule that compares a unit with its group (a target-relative criterion: the leader, the
    group's best) is scored group by group, columnar: ``groups`` maps every unit to its group
    code (khối, cụm), checked as :func:`rank` checks it; without it the whole table is one
    group. Units that did not report the criterion, or declared it not applicable, take no part.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> t = ScoreTable.from_wide(fw, [{"unit": "SNV", "1.1.4": "95", "1.2.1": "có"},
    ...                               {"unit": "STP", "1.1.4": "90", "1.2.1": "không"}])
    >>> [(r["unit"], r["points"]) for r in score_table(t).rows()]
    [('SNV', Decimal('3.00')), ('STP', Decimal('1.00'))]
    """
    of_type(table, ScoreTable, "table")
    fw = table.framework
    layout = table._layout()
    na = _taken_out(layout, table)  # not applicable, or a survey not run and re-based
    group_map = _mapping(groups, "groups")
    group_codes = _GroupCodes(_groups_of(table.units, group_map)) if group_map else ()
    leaf_points = _evaluate(layout, table)
    _group_step(layout, table, leaf_points, group_codes)
    # 0 where not reported or taken out: multiplied by the flags, a pass without branches
    np.multiply(leaf_points, table.given, out=leaf_points)
    na_rows = np.flatnonzero(na.any(axis=1))
    if na_rows.size:
        leaf_points[na_rows] *= ~na[na_rows]
    sums: tuple[Int64Array, Int64Array] | None = None
    extras = fw.has_extras
    if layout.any_capped:
        sums = _node_sums(table, leaf_points)
        top = [i for i, d in enumerate(layout.depth) if d == 0]
        base_top = [i for i in top if layout.extra_of[i] is Extra.BASE]
        total = sums[0][base_top].sum(axis=0)
        total_max = sums[1][base_top].sum(axis=0)
        if extras:
            bonus, penalty = (
                sums[0][[i for i in top if layout.extra_of[i] is kind]].sum(axis=0)
                for kind in (Extra.BONUS, Extra.PENALTY)
            )
    else:
        base_rows, bonus_rows, penalty_rows = _extra_rows(layout)
        if extras:
            bonus = leaf_points[bonus_rows].sum(axis=0)
            penalty = leaf_points[penalty_rows].sum(axis=0)
        total = leaf_points[base_rows].sum(axis=0)
        total_max = np.full(total.shape, int(layout.leaf_max[base_rows].sum()), dtype=np.int64)
        is_base = np.zeros(len(layout.leaf_rows), dtype=bool)
        is_base[base_rows] = True
        rows = na_rows[is_base[na_rows]]
        if rows.size:
            total_max -= (na[rows] * layout.leaf_max[rows, None]).sum(axis=0)
    if extras:  # base + (bonus − penalty, clamped to the framework's range), never below 0
        total = np.maximum(total + _extra_counted(fw, bonus - penalty), 0)
    result = BatchResult(
        table,
        _node_codes(layout),
        leaf_points,
        total,
        total_max,
        _bands_of(fw, total, total_max),
        groups=group_codes,
    )
    if sums is not None:
        result._memo["points"], result._memo["maxima"] = map(_read_only, sums)
    return result


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _extra_rows(layout: _Layout) -> tuple[slice | npt.NDArray[np.intp], ...]:
    """The leaves of the base scale, of the bonus and of the penalty, each a slice where its
    leaves are side by side (a bonus field after the base fields: a slice of the rows is a
    view, rows picked one by one a copy)."""
    kinds = np.array([layout.extra_of[row].value for row in layout.leaf_rows], dtype=object)
    out: list[slice | npt.NDArray[np.intp]] = []
    for kind in (Extra.BASE, Extra.BONUS, Extra.PENALTY):
        rows = np.flatnonzero(kinds == kind.value)
        if rows.size and rows[-1] - rows[0] + 1 == rows.size:
            out.append(slice(int(rows[0]), int(rows[-1]) + 1))
        else:
            out.append(rows)
    return tuple(out)


def _group_numbers(codes: Sequence[str], n: int) -> npt.NDArray[np.intp]:
    """Each unit's group as a number (0, 1, …), from the group codes (none: one group)."""
    if not codes:
        return np.zeros(n, dtype=np.intp)
    number = {code: i for i, code in enumerate(dict.fromkeys(codes))}
    return np.fromiter(map(number.__getitem__, codes), dtype=np.intp, count=len(codes))


def _group_step(
    layout: _Layout, table: ScoreTable, leaf_points: Int64Array, groups: Sequence[str]
) -> None:
    """Points of the leaves whose rule compares a unit with its group, filled in group by
    group over each leaf's column; only units that reported the criterion (and did not
    declare it not applicable) take part."""
    rows = [leaf for leaf, rule in enumerate(layout.rules) if rule.kind.needs_group]
    if not rows:
        return
    fw = layout.framework
    numbers = _group_numbers(groups, len(table.units))
    for leaf in rows:
        leaf_points[leaf] = layout.rules[leaf].evaluate(
            table.first[leaf],
            table.second[leaf],
            int(layout.leaf_max[leaf]),
            fw.scale,
            fw.rounding,
            groups=numbers,
            present=table.given[leaf] & ~table.na[leaf],
        )


def _extra_counted(fw: Framework, net: Int64Array) -> Int64Array:
    """Bonus minus penalty (in steps of the precision) as it counts: clamped to the
    framework's ``extra_min`` … ``extra_max`` where it sets them. One unit or a column."""
    scale = fw.scale
    if fw.extra_min is not None:
        net = np.maximum(net, int(fw.extra_min * scale))
    if fw.extra_max is not None:
        net = np.minimum(net, int(fw.extra_max * scale))
    return net


def _node_sums(table: ScoreTable, leaf_points: Int64Array) -> tuple[Int64Array, Int64Array]:
    """Points and maxima of every node: sums of leaves, capped where the framework says."""
    layout = table._layout()
    na = _taken_out(layout, table)
    n_nodes, n = len(layout.nodes), len(table.units)
    leaf_maxima = np.where(na, 0, layout.leaf_max[:, None])
    if not layout.any_capped:
        # every node is the sum of a contiguous run of leaves: difference of running sums
        lo = np.array([span[0] for span in layout.spans], dtype=np.intp)
        hi = np.array([span[1] for span in layout.spans], dtype=np.intp)
        running = np.zeros((len(layout.leaf_rows) + 1, n), dtype=np.int64)
        np.cumsum(leaf_points, axis=0, out=running[1:])
        points = running[hi] - running[lo]
        np.cumsum(leaf_maxima, axis=0, out=running[1:])
        return points, running[hi] - running[lo]
    points = np.zeros((n_nodes, n), dtype=np.int64)
    maxima = np.zeros((n_nodes, n), dtype=np.int64)
    rows = np.array(layout.leaf_rows, dtype=np.intp)
    points[rows] = leaf_points
    maxima[rows] = leaf_maxima
    for i in range(n_nodes - 1, -1, -1):
        kids = list(layout.children[i])
        if not kids:
            continue
        points[i] = points[kids].sum(axis=0)
        maxima[i] = maxima[kids].sum(axis=0)
        if layout.nodes[i].capped:
            np.minimum(points[i], layout.maxima[i], out=points[i])
            np.minimum(maxima[i], layout.maxima[i], out=maxima[i])
    return points, maxima


def _bands_of(fw: Framework, total: Int64Array, total_max: Int64Array) -> npt.NDArray[np.intp]:
    """Exact band of each unit: compare points × 100 × d with n × maximum for a bound n/d."""
    percent = fw.band_basis.value == "percent"
    scale = fw.scale
    if total.shape[0] <= _FEW_UNITS:  # one unit at a time: exact fractions, no array passes
        return np.array(
            [
                _band_index(fw, _band_value(fw, p, m, percent, scale))
                if m > 0 or not percent
                else -1
                for p, m in zip(total.tolist(), total_max.tolist(), strict=True)
            ],
            dtype=np.intp,
        )
    out = np.full(total.shape, -1, dtype=np.intp)
    # a unit to which nothing applies (maximum 0) has no index, so no band
    open_ = total_max > 0 if percent else np.ones(total.shape, dtype=bool)
    # one band's upper bound is the next one's lower: each product is made once
    lefts: dict[int, Int64Array] = {}
    rights: dict[int, Int64Array] = {}
    for b, band in enumerate(fw.bands):
        mask = (out < 0) & open_
        for bound, inclusive, is_lower in (
            (band.lower, band.lower_inclusive, True),
            (band.upper, band.upper_inclusive, False),
        ):
            frac = Fraction(bound)
            if percent:  # points / max * 100 vs n/d  <=>  points * 100 * d vs n * max
                d, n = 100 * frac.denominator, frac.numerator
                if d not in lefts:
                    lefts[d] = _times(total, d)
                if n not in rights:
                    rights[n] = _times(total_max, abs(n)) * (1 if n >= 0 else -1)
                left, right = lefts[d], rights[n]
            else:  # points (in steps) vs n/d points  <=>  points * d vs n * scale
                if frac.denominator not in lefts:
                    lefts[frac.denominator] = _times(total, frac.denominator)
                left = lefts[frac.denominator]
                right = frac.numerator * scale  # type: ignore[assignment]
            if is_lower:
                mask &= left >= right if inclusive else left > right
            else:
                mask &= left <= right if inclusive else left < right
        out[mask] = b
    over = _over_cap(fw, total, total_max)
    if over is not None:  # the band of the capped index (or of the points it stands for)
        cap = Fraction(fw.index_cap)  # type: ignore[arg-type]
        for j in np.flatnonzero(over):
            value = cap if percent else cap * int(total_max[j]) / 100 / scale
            out[j] = _band_index(fw, value)
    return out


#: Up to how many units :func:`_bands_of` compares one unit at a time (as :func:`score_unit`
#: scores them) rather than column by column.
_FEW_UNITS = 4


def _band_value(fw: Framework, points: int, maximum: int, percent: bool, scale: int) -> Fraction:
    """What a unit's band is chosen by, exactly: its index (points / maximum × 100, for a
    maximum above 0), or its points; no higher than the framework's index cap (or the points
    that the cap stands for)."""
    cap = fw.index_cap
    over = cap is not None and maximum > 0 and Fraction(points * 100, maximum) > cap
    if percent:
        return Fraction(cap) if over else Fraction(points * 100, maximum)  # type: ignore[arg-type]
    if over:
        return Fraction(cap) * maximum / 100 / scale  # type: ignore[arg-type]
    return Fraction(points, scale)


def _band_index(fw: Framework, value: Fraction) -> int:
    """The position of the band ``value`` falls in, -1 for none."""
    for b, band in enumerate(fw.bands):
        if band.contains(value):
            return b
    return -1


def _over_cap(fw: Framework, total: Int64Array, total_max: Int64Array) -> BoolArray | None:
    """The units whose index (points / maximum × 100) is above the framework's index cap,
    compared exactly; None where there is no cap or no unit reaches above it."""
    if fw.index_cap is None:
        return None
    cap = Fraction(fw.index_cap)
    left = _times(total, 100 * cap.denominator)
    over = (total_max > 0) & (left > _times(total_max, cap.numerator))
    return np.asarray(over, dtype=bool) if over.any() else None


def _capped_index(points: Decimal | int, maximum: Decimal | int, cap: Decimal | None) -> Fraction:
    """points / maximum × 100, exactly, no higher than ``cap`` (0 where the maximum is 0)."""
    index = _index(Decimal(points), Decimal(maximum))
    return index if cap is None else min(index, Fraction(cap))


# ---------------------------------------------------------------------------------------------
# one unit, through the stages


def _single_table(
    framework: Framework,
    unit: str,
    entries: Iterable[Entry | Adjustment],
    stage: Source,
    group: Mapping[str, Mapping[str, object]] | None = None,
) -> ScoreTable:
    field = "adjustments" if stage is Source.APPRAISAL else "entries"
    units = [unit]
    cells: list[tuple[str, str, object, str, str]] = [
        (unit, e.code, e.value, getattr(e, "reason", ""), f"{field}[{i}].value")
        for i, e in enumerate(entries)
    ]
    if group is not None:
        others, other_cells = _group_cells(framework, unit, group)
        units += others
        cells += other_cells
    return ScoreTable._from_cells(framework, units, cells, stage, [], None, located=True)


def _group_cells(
    framework: Framework, unit: str, group: object
) -> tuple[list[str], list[tuple[str, str, object, str, str]]]:
    """The other units of a unit's group and their values on the criteria scored against the
    group (``{criterion: {unit: value}}``), as cells of a table; every problem at once."""
    group = of_type(group, Mapping, "group")
    findings: list[Finding] = []
    order: dict[str, str] = {}
    cells: list[tuple[str, str, object, str, str]] = []
    own = _unit_key(unit)
    for code, values in group.items():
        path = _at("group", code)
        try:
            node = framework.find(text(code, path))
        except CchcError as exc:
            findings.append(_error_finding("group.criterion", path, exc))
            continue
        if not node.is_leaf or not node.effective_rule.kind.needs_group:
            findings.append(
                _finding(
                    "group.criterion",
                    path,
                    f"criterion {node.code} is not scored against its group: give the group's "
                    "values of target-relative criteria only",
                    f"tiêu chí {node.code} không chấm theo chỉ tiêu giao nên không cần số liệu "
                    "của cả khối",
                )
            )
            continue
        if not isinstance(values, Mapping):
            findings.append(
                _finding(
                    "group.values",
                    path,
                    "must map each other unit of the group to its value",
                    "phải ghi số liệu của từng đơn vị khác trong khối",
                )
            )
            continue
        for other, value in values.items():
            where = _at(path, other)
            if not isinstance(other, str):
                findings.append(
                    _finding(
                        "group.unit", where, "a unit code must be text", "mã đơn vị phải là chữ"
                    )
                )
                continue
            if _unit_key(other) == own:
                findings.append(
                    _finding(
                        "group.unit",
                        where,
                        "is the unit being scored: its own value comes from its assessment",
                        "là chính đơn vị đang được chấm: số liệu của đơn vị lấy từ bản tự đánh giá",
                    )
                )
                continue
            order.setdefault(_unit_key(other), other)
            cells.append((order[_unit_key(other)], node.code, value, "", where))
    if findings:
        raise InvalidDocumentError("group", findings)
    return list(order.values()), cells


def _alone(table: ScoreTable) -> None:
    """Refuse to score one unit alone on a criterion that needs its group."""
    layout = table._layout()
    for leaf in _group_leaves(layout):
        rule = layout.rules[leaf]
        if bool((table.given[leaf] & ~table.na[leaf]).any()):
            code = layout.nodes[layout.leaf_rows[leaf]].code
            raise ValidationError(
                f"criterion {code} is scored against the unit's group (its target, the group's "
                "leader and best): score the group together with score_table(table, groups), "
                "or give the other units' values with group=",
                vi=f"tiêu chí {code} được chấm theo chỉ tiêu giao, so với đơn vị dẫn đầu của "
                "khối: cần chấm cùng cả khối, hoặc kèm số liệu của các đơn vị khác trong khối",
                field=code,
                value=_entry_text(
                    rule,
                    int(table.first[leaf, 0]),
                    int(table.second[leaf, 0]),
                    table.framework.scale,
                ),
                code="score.needs-group",
            )


def score_self_assessment(
    framework: Framework,
    assessment: SelfAssessment,
    *,
    group: Mapping[str, Mapping[str, object]] | None = None,
) -> SelfAssessedScorecard:
    """Score a unit's self-assessment as it stands. A criterion scored against the unit's
    group needs the other units' values (``group``, as for :func:`score_unit`).

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> score_self_assessment(fw, SelfAssessment.of("SNV", {"1.1.1": "0.5"})).points
    Decimal('0.50')
    """
    of_type(framework, Framework, "framework")
    of_type(assessment, SelfAssessment, "assessment")
    table = _single_table(framework, assessment.unit, assessment.entries, Source.SELF, group)
    if group is None:
        _alone(table)
    return _trusted(SelfAssessedScorecard, **score_table(table)._card(assessment.unit))


def score_unit(
    framework: Framework,
    assessment: SelfAssessment,
    appraisal: Appraisal | None = None,
    survey: SurveyResult | None = None,
    *,
    group: Mapping[str, Mapping[str, object]] | None = None,
) -> Scorecard:
    """The final scorecard of one unit: its self-assessment, with the council's adjustments
    put over it, plus the survey points.

    A criterion scored against the unit's group (target-relative: the group's leader and
    best) cannot be scored for one unit alone: it is refused, unless ``group`` gives the
    final values of the other units of the group, ``{criterion: {unit: value}}``; the card is
    then the one a batch of the group gives.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("cchc-campaign-6")
    >>> own = SelfAssessment.of("XA", {"2.1": (45, 50)})
    >>> council = Appraisal("XA", [Adjustment("2.1", (40, 50), "số liệu chưa khớp")])
    >>> card = score_unit(fw, own, council, SurveyResult.of("XA", {"6.2": "90"}))
    >>> str(card.line("2.1").points), str(card.line("6.2").points), str(card.points)
    ('8.00', '9.00', '17.00')
    """
    of_type(framework, Framework, "framework")
    of_type(assessment, SelfAssessment, "assessment")
    if appraisal is not None:
        of_type(appraisal, Appraisal, "appraisal")
    if survey is not None:
        of_type(survey, SurveyResult, "survey")
    unit = assessment.unit
    table = _single_table(framework, unit, assessment.entries, Source.SELF, group)
    for stage, part in ((Source.APPRAISAL, appraisal), (Source.SURVEY, survey)):
        if part is None:
            continue
        if fold(part.unit) != fold(unit):
            raise ValidationError(
                f"is for another unit than {unit!r}",
                vi=f"là của đơn vị khác, không phải của đơn vị “{unit}”",
                field="unit",
                value=part.unit,
            )
        items = part.adjustments if isinstance(part, Appraisal) else part.entries
        table = table.overlay(_single_table(framework, unit, items, stage))
    if group is None:
        _alone(table)
    # the table was read and checked here, so the card the engine makes of it is one it can
    # give (a card handed in from outside is checked: see _check_card)
    return _trusted(Scorecard, **score_table(table)._card(unit))


def council_changes(
    self_assessed: SelfAssessedScorecard, final: Scorecard
) -> tuple[CouncilChange, ...]:
    """Leaf criteria where the council's points differ from the unit's own (survey-scored
    criteria are not the council's and are left out).

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("cchc-campaign-6")
    >>> own = SelfAssessment.of("XA", {"1.1": "8", "2.2": "yes"})
    >>> council = Appraisal("XA", [Adjustment("2.2", "no", "chưa công khai đủ")])
    >>> [str(c) for c in council_changes(score_self_assessment(fw, own),
    ...                                  score_unit(fw, own, council))]
    ['XA 2.2: 4.00 → 0.00 (-4.00) — chưa công khai đủ']
    """
    of_type(self_assessed, SelfAssessedScorecard, "self_assessed")
    of_type(final, Scorecard, "final")
    if fold(self_assessed.unit) != fold(final.unit):
        raise ValidationError(
            "scorecards of different units",
            vi="hai phiếu điểm của hai đơn vị khác nhau",
            field="unit",
            value=final.unit,
        )
    own = {line.code: line for line in self_assessed.lines}
    out = []
    for line in final.lines:
        before = own.get(line.code)
        if before is None or not line.leaf or line.source is Source.SURVEY:
            continue
        if line.points != before.points or line.source is Source.APPRAISAL:
            if line.entry == before.entry:
                continue  # unchanged, or moved with the group (a criterion scored against it)
            out.append(
                CouncilChange(final.unit, line.code, before.points, line.points, line.reason)
            )
    return tuple(out)


def council_change_report(
    own: BatchResult, final: BatchResult, *, require_reasons: bool = False
) -> tuple[CouncilChange, ...]:
    """:func:`council_changes` for a whole batch: every leaf where the council's points
    differ from the unit's own (or where it changed the entry), unit by unit, with the
    council's reasons. ``own`` must be the self-assessment as scored (no appraisal or survey
    cells in it), so the two cannot be passed the wrong way round. With
    ``require_reasons=True`` every change the council made without a reason is reported, all
    at once, as :class:`~cchc.errors.InvalidDocumentError`.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> mine = ScoreTable.from_wide(fw, [{"unit": "A", "1.3": "3"}, {"unit": "B", "1.3": "3"}])
    >>> council = ScoreTable.from_long(fw, [("B", "1.3", "2", "thiếu biên bản")],
    ...                                stage=Source.APPRAISAL)
    >>> for change in council_change_report(score_table(mine), score_table(mine.overlay(council))):
    ...     print(change)
    B 1.3: 3.00 → 2.00 (-1.00) — thiếu biên bản
    >>> silent = ScoreTable.from_long(fw, [("A", "1.3", "1")], stage=Source.APPRAISAL)
    >>> council_change_report(score_table(mine), score_table(mine.overlay(silent)),
    ...                       require_reasons=True)
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: council changes: 1 problem
      error council.no-reason at A['1.3']: the council changed 3.00 to 1.00 without a reason (...)
    """
    of_type(own, BatchResult, "own")
    of_type(final, BatchResult, "final")
    of_type(require_reasons, bool, "require_reasons")
    if own.framework.id != final.framework.id:
        raise ValidationError(
            "results of different frameworks",
            vi="hai kết quả chấm theo hai bộ tiêu chí khác nhau",
            field="framework",
            value=final.framework.id,
        )
    if (own.table.source > Source.SELF.value).any():
        raise ValidationError(
            "the first result must be the units' own scores, before appraisal and survey",
            vi="kết quả thứ nhất phải là điểm đơn vị tự chấm, trước thẩm định và điều tra",
            field="own",
        )
    cols = np.array([own._column(u) for u in final.units], dtype=np.intp)
    layout = final._layout()
    mine, theirs = own.table, final.table
    survey = layout.by_kind.get(RuleKind.SURVEY, np.zeros(0, dtype=np.intp))
    changed = final.leaf_points != own.leaf_points[:, cols]
    touched = (theirs.source == Source.APPRAISAL.value) & (
        (theirs.first != mine.first[:, cols])
        | (theirs.second != mine.second[:, cols])
        | (theirs.na != mine.na[:, cols])
        | ~mine.given[:, cols]  # the council scored what the unit left blank
    )
    changed |= touched
    # a criterion scored against the group moves with the others' figures (a new leader):
    # it is the council's change of this unit only where the council changed its own entry
    group_rows = [leaf for leaf, rule in enumerate(layout.rules) if rule.kind.needs_group]
    changed[group_rows] = touched[group_rows]
    changed[survey] = False
    precision = final.framework.precision
    out = []
    for j, leaf in np.argwhere(changed.T):
        out.append(
            CouncilChange(
                final.units[j],
                layout.nodes[layout.leaf_rows[leaf]].code,
                Decimal(int(own.leaf_points[leaf, cols[j]])) * precision,
                Decimal(int(final.leaf_points[leaf, j])) * precision,
                theirs.reasons.get((int(leaf), int(j))),
            )
        )
    if require_reasons:
        findings = [
            _finding(
                "council.no-reason",
                f"{c.unit}[{c.code!r}]",
                f"the council changed {c.self_points} to {c.appraised_points} without a reason",
                f"hội đồng đổi {c.self_points} thành {c.appraised_points} mà không nêu lý do",
            )
            for c in out
            if not c.reason
        ]
        if findings:
            raise InvalidDocumentError("council changes", findings)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# ranking


class TieOrder(CodedEnum):
    """How equal results share ranks: competition ("1224") or dense ("1223").

    >>> TieOrder("dense")
    TieOrder.DENSE
    """

    COMPETITION = "competition"
    DENSE = "dense"


def _tie_order(value: TieOrder | str) -> TieOrder:
    return cast(TieOrder, TieOrder.from_name(value, "order"))


def _chain(value: Iterable[TieBreak | str]) -> tuple[TieBreak, ...]:
    items = sequence(value, "chain")
    if any(isinstance(item, str) for item in items):
        deprecated(
            "a tie-break chain of texts (TiePolicy(order, chain=('1.2', 'points')))",
            "TieBreak.field_points('1.2'), TieBreak.total_points()",
            stacklevel=4,
        )
    return tuple(ranking_link(item, f"chain[{i}]") for i, item in enumerate(items))


@attrs.frozen
class TiePolicy:
    """How ties in the index are settled.

    ``order`` says how units still equal share ranks: competition ranking ("1224") or dense
    ranking ("1223"). ``chain`` lists :class:`~cchc.ties.TieBreak` links that separate units
    with equal index before they are called tied, in turn: higher points in a criterion
    (``TieBreak.field_points(code)``), higher total points (``TieBreak.total_points()``), or a
    seeded lot (``TieBreak.lot(seed)``, the same lot as for prizes); each use is recorded on
    the unit it placed lower. A ranking has no deductions, appraisal points or priorities:
    links of those kinds are refused.

    Texts in the chain (``"points"`` for the total, a criterion code otherwise) still work for
    one minor version, with a :class:`DeprecationWarning`.

    >>> TiePolicy.competition(), TiePolicy.dense().order
    (TiePolicy(order=TieOrder.COMPETITION, chain=()), TieOrder.DENSE)
    >>> TiePolicy.chain_of(TieBreak.field_points("6"), TieBreak.total_points()).chain
    (TieBreak(TieBreakKind.FIELD, code='6'), TieBreak(TieBreakKind.TOTAL))
    """

    order: TieOrder = attrs.field(default=TieOrder.COMPETITION, converter=_tie_order)
    chain: tuple[TieBreak, ...] = attrs.field(default=(), converter=_chain)

    @classmethod
    def competition(cls) -> TiePolicy:
        """Equal units share a rank; the next rank skips ("1224")."""
        return cls(TieOrder.COMPETITION)

    @classmethod
    def dense(cls) -> TiePolicy:
        """Equal units share a rank; the next rank follows on ("1223")."""
        return cls(TieOrder.DENSE)

    @classmethod
    def chain_of(cls, *links: TieBreak | str, order: TieOrder = TieOrder.COMPETITION) -> TiePolicy:
        """Break ties by these links, in turn (texts are deprecated, as in the class)."""
        return cls(order, links)


def _tie_units(value: object) -> tuple[str, ...]:
    units = texts(value, "units")
    if len(units) < 2:
        raise ValidationError(
            "a tie needs at least two units",
            vi="một nhóm bằng điểm phải có ít nhất hai đơn vị",
            field="units",
            value=units,
        )
    return units


@attrs.frozen(eq=False)
class Tie:
    """Units that stay equal after every tie-break, listed by unit code: one record for the
    whole run of tied units, shared by each of their entries (so 10,000 units tied at 0 hold
    10,000 names, not 10,000²).

    >>> tie = Tie(("A", "B", "C"))
    >>> "B" in tie, len(tie), tie.others("B")
    (True, 3, ('A', 'C'))
    """

    units: tuple[str, ...] = attrs.field(converter=_tie_units)
    _members: frozenset[str] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        members = frozenset(self.units)
        if len(members) != len(self.units):
            raise ValidationError(
                "lists a unit twice",
                vi="có đơn vị bị ghi hai lần",
                field="units",
                value=self.units,
            )
        object.__setattr__(self, "_members", members)

    def __contains__(self, unit: object) -> bool:
        return unit in self._members

    def __len__(self) -> int:
        return len(self.units)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Tie):
            return NotImplemented
        return self.units == other.units

    def __hash__(self) -> int:
        return hash((Tie, self.units))

    def others(self, unit: str) -> tuple[str, ...]:
        """The units tied with ``unit``."""
        return tuple(u for u in self.units if u != unit)


def _is_rank(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if of_type(value, int, attribute.name) < 1:
        raise ValidationError(
            "must be 1 or more", vi="thứ hạng phải từ 1 trở lên", field=attribute.name, value=value
        )


def _is_tie(instance: RankedUnit, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if instance.unit not in of_type(value, Tie, attribute.name):
        raise ValidationError(
            f"does not hold the unit {instance.unit!r} itself",
            vi=f"không có chính đơn vị “{instance.unit}”",
            field=attribute.name,
            value=value,
        )


@attrs.frozen
class RankedUnit:
    """One unit's place in its group. ``tie`` is the run of units it stays equal with after
    every tie-break (shared by all of them); :attr:`tied_with` names the others.

    >>> entry = RankedUnit("A", "K1", 1, Decimal("90.5"), Decimal(100), Fraction(181, 2),
    ...                    tie=Tie(("A", "B")))
    >>> entry.index_rounded, entry.tied_with
    (Decimal('90.50'), ('B',))
    """

    unit: str = attrs.field(converter=_to_text, validator=_valid_name)
    group: str = attrs.field(converter=_to_text, validator=_valid_text)
    rank: int = attrs.field(validator=_is_rank)
    points: Decimal = attrs.field(converter=to_decimal, validator=_valid_decimal)
    maximum: Decimal = attrs.field(converter=to_decimal, validator=_valid_decimal)
    index: Fraction = attrs.field(converter=_to_fraction)
    band: str | None = attrs.field(default=None, converter=_to_text, validator=_valid_optional_text)
    tie_break: str | None = attrs.field(
        default=None, converter=_to_text, validator=_valid_optional_text
    )
    tie: Tie | None = attrs.field(default=None, validator=_is_tie)

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Why this result is what it is, in ``lang`` (Vietnamese by default; the
        :class:`~cchc.explanations.Explanation` holds both languages)."""
        return _explain_ranked(self).in_lang(lang)

    @property
    def tied_with(self) -> tuple[str, ...]:
        """The units this one stays tied with, by unit code (computed when asked)."""
        return () if self.tie is None else self.tie.others(self.unit)

    @property
    def index_rounded(self) -> Decimal:
        """The index to two decimals, for display."""
        return (Decimal(self.index.numerator) / Decimal(self.index.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


def _group_text(value: object, field: str, known: dict[object, str]) -> str:
    """A group code as text, each different code read once (thousands of units share a few
    dozen groups)."""
    try:
        return known[value]
    except (KeyError, TypeError):
        pass
    group = text(value, field)
    with contextlib.suppress(TypeError):
        known[value] = group
    return group


def _groups(value: object) -> tuple[str, ...]:
    items = sequence(value, "groups")
    with contextlib.suppress(CchcError, TypeError):  # then read one by one, to name the bad one
        return _each_read_once(items)
    known: dict[object, str] = {}
    return tuple(_group_text(g, f"groups[{i}]", known) for i, g in enumerate(items))


def _each_read_once(groups: Sequence[object]) -> tuple[str, ...]:
    """Group codes as text, each different code read once and the rest looked up in C
    (thousands of units share a few dozen groups); a CchcError or TypeError for a bad one."""
    read = {g: text(g, "groups") for g in dict.fromkeys(groups)}
    return tuple(map(read.__getitem__, groups))


@attrs.frozen(eq=False)
class Ranking(_Rebuilt):
    """Units ranked within their groups, held as columns (a container, not a value type).

    :attr:`entries` hands out :class:`RankedUnit` value types, best first in each group and
    groups in code order; :attr:`ranks` is the rank of each unit in the result's column order.
    Its arrays are read-only, also after pickling or ``attrs.evolve``.

    >>> from cchc.criteria import load_bundled
    >>> t = ScoreTable.from_wide(load_bundled("ca-mau-1880-2013"),
    ...                          [{"unit": "A", "1.3": "1"}, {"unit": "B", "1.3": "2"}])
    >>> ranking = rank(score_table(t))
    >>> ranking.ranks.tolist(), ranking.of("B").rank, [row["unit"] for row in ranking.rows()]
    ([2, 1], 1, ['B', 'A'])
    >>> ranking.ranks[0] = 1
    Traceback (most recent call last):
    ...
    ValueError: assignment destination is read-only
    """

    result: BatchResult = attrs.field(validator=instance_of(BatchResult))
    policy: TiePolicy = attrs.field(validator=instance_of(TiePolicy))
    groups: tuple[str, ...] = attrs.field(converter=_groups)
    ranks: Int64Array = attrs.field(converter=_read_only)
    order: npt.NDArray[np.intp] = attrs.field(converter=_read_only)
    run_of: Int64Array = attrs.field(converter=_read_only)
    tie_breaks: Mapping[int, str] = attrs.field(
        factory=dict, converter=_read_only_dict, validator=_is_reasons
    )
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False)

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Why this result is what it is, in ``lang`` (Vietnamese by default; the
        :class:`~cchc.explanations.Explanation` holds both languages)."""
        return _explain_ranking(self).in_lang(lang)

    def __attrs_post_init__(self) -> None:
        n = len(self.result.units)
        _check_shapes(
            self,
            dict.fromkeys(("groups", "ranks", "order", "run_of"), (n,)),
            "groups",
            f"must have one element per unit ({n}), not {{got}}",
            "phải có đúng một phần tử cho mỗi đơn vị",
        )
        if not n:
            return
        if not np.array_equal(np.sort(self.order), np.arange(n)):
            raise ValidationError(
                "must list every unit's column once",
                vi="phải liệt kê mỗi đơn vị đúng một lần",
                field="order",
            )
        runs = self.run_of[self.order]
        steps = np.diff(runs)
        if runs[0] != 0 or ((steps != 0) & (steps != 1)).any():
            raise ValidationError(
                "tie runs must be numbered 0, 1, 2 … in ranking order",
                vi="các nhóm bằng điểm phải được đánh số liên tiếp theo thứ tự xếp hạng",
                field="run_of",
            )
        if (self.ranks < 1).any():
            raise ValidationError("ranks start at 1", vi="thứ hạng bắt đầu từ 1", field="ranks")

    @property
    def framework_id(self) -> str:
        """The framework the units were scored against."""
        return self.result.framework.id

    def _ties(self) -> dict[int, Tie]:
        """One :class:`Tie` per run of two or more tied units, made once: O(units)."""
        if "ties" not in self._memo:
            order, units = self.order, self.result.units
            runs = self.run_of[order]
            starts = np.flatnonzero(np.diff(runs, prepend=-1)) if runs.size else runs
            ends = np.append(starts[1:], runs.size)
            self._memo["ties"] = {
                int(runs[lo]): Tie(tuple(units[j] for j in order[lo:hi]))
                for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True)
                if hi - lo > 1
            }
        return self._memo["ties"]  # type: ignore[no-any-return]

    def entry(self, column: int) -> RankedUnit:
        """The value type of the unit in ``column``."""
        result = self.result
        fw = result.framework
        total, top = result.totals()
        p, m = int(total[column]), int(top[column])
        band = int(result.band_of[column])
        return _trusted(
            RankedUnit,
            result.units[column],
            self.groups[column],
            int(self.ranks[column]),
            Decimal(p) * fw.precision,
            Decimal(m) * fw.precision,
            _capped_index(p, m, fw.index_cap),
            fw.bands[band].label if band >= 0 else None,
            self.tie_breaks.get(column),
            self._ties().get(int(self.run_of[column])),
        )

    @property
    def entries(self) -> tuple[RankedUnit, ...]:
        """Every unit's entry, best first within each group."""
        return tuple(self.entry(j) for j in self.order.tolist())

    def of(self, unit: str) -> RankedUnit:
        """The entry of one unit."""
        return self.entry(self.result._column(unit))

    def group(self, group: str) -> tuple[RankedUnit, ...]:
        """The entries of one group, best first."""
        return tuple(self.entry(j) for j in self.order.tolist() if self.groups[j] == group)

    def rows(self) -> list[dict[str, object]]:
        """One row per unit, ready for a DataFrame."""
        return [
            {
                "unit": e.unit,
                "group": e.group,
                "rank": e.rank,
                "points": e.points,
                "maximum": e.maximum,
                "index": e.index_rounded,
                "band": e.band,
                "tie_break": e.tie_break,
            }
            for e in self.entries
        ]


def _groups_of(units: tuple[str, ...], groups: Mapping[Any, Any]) -> tuple[str, ...]:
    """The group of each unit, in column order; every problem of the mapping at once."""
    if not groups:
        return ("",) * len(units)
    known: dict[object, str] = {}
    if len(groups) == len(units):
        # the common case: the mapping names the units exactly as they were scored
        with contextlib.suppress(CchcError, KeyError, TypeError):
            return _each_read_once(list(map(groups.__getitem__, units)))
    findings: list[Finding] = []
    wanted: dict[str, str] = {}
    for unit, group in groups.items():
        if not isinstance(unit, str):
            findings.append(
                _finding(
                    "rank.unit",
                    _at("groups", unit),
                    "a unit code must be text",
                    "mã đơn vị phải là chữ",
                )
            )
            continue
        try:
            group = _group_text(group, _at("groups", unit), known)
        except CchcError as exc:
            findings.append(_error_finding("rank.group", _at("groups", unit), exc))
            continue
        key = _unit_key(unit)
        if key in wanted:
            findings.append(
                _finding(
                    "rank.duplicate-unit",
                    _at("groups", unit),
                    f"unit {unit!r} is given a group twice",
                    f"đơn vị “{unit}” được xếp vào khối hai lần",
                )
            )
            continue
        wanted[key] = group
    keys = [_unit_key(u) for u in units]
    scored = set(keys)
    for unit in groups:
        if isinstance(unit, str) and _unit_key(unit) not in scored:
            findings.append(
                _finding(
                    "rank.unknown-unit",
                    _at("groups", unit),
                    f"unit {unit!r} has a group but was not scored",
                    f"đơn vị “{unit}” có trong danh sách khối nhưng không có kết quả chấm điểm",
                )
            )
    out = []
    for unit, key in zip(units, keys, strict=True):
        found = wanted.get(key)
        if found is None:
            findings.append(
                _finding(
                    "rank.no-group",
                    _at("groups", unit),
                    f"unit {unit!r} was scored but has no group",
                    f"đơn vị “{unit}” đã được chấm điểm nhưng chưa được xếp vào khối nào",
                )
            )
            continue
        out.append(found)
    if findings:
        raise InvalidDocumentError("ranking groups", findings)
    return tuple(out)


def _exact_key(total: Int64Array, maximum: Int64Array) -> Int64Array:
    """Integers in the same order as points / maximum, exactly.

    For p1/m1 > p2/m2 the gap is at least 1/(m1·m2) >= 1/M², M the largest maximum; so
    floor(p·M² / m) keeps every strict inequality and every equality. When p·M² could
    overflow 64 bits, the fractions are sorted exactly in Python instead.
    """
    top = int(maximum.max()) if maximum.size else 0
    k = max(top, 1) ** 2
    if top * k < 2**62:
        safe = np.where(maximum == 0, 1, maximum)
        return np.where(maximum == 0, 0, (total * k) // safe).astype(np.int64)
    values = [
        Fraction(int(p), int(m)) if m else Fraction(0) for p, m in zip(total, maximum, strict=True)
    ]
    dense = {v: i for i, v in enumerate(sorted(set(values)))}
    return np.array([dense[v] for v in values], dtype=np.int64)


def _shifted_equal(values: Int64Array) -> BoolArray:
    out = np.zeros(values.shape, dtype=bool)
    out[1:] = values[1:] == values[:-1]
    return out


def rank(
    result: BatchResult,
    groups: Mapping[str, str] | None = None,
    policy: TiePolicy | None = None,
) -> Ranking:
    """Rank units within groups by exact index, higher first, settling ties by ``policy``.

    ``groups`` maps unit code -> group code (khối, cụm); without it every unit is in the
    group ``""``. A mapping must name every scored unit and nothing else: a unit left out or
    a unit that was not scored is refused, all of them at once, as
    :class:`~cchc.errors.InvalidDocumentError`. The order units come in never matters: equal
    units share a rank, and entries of equal units are listed by unit code.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> t = ScoreTable.from_wide(fw, [
    ...     {"unit": "A", "1.1.1": "1", "1.2.1": "no"}, {"unit": "B", "1.1.1": "0", "1.2.1": "yes"},
    ...     {"unit": "C", "1.1.1": "0.5"}])
    >>> [(e.unit, e.rank) for e in rank(score_table(t)).entries]
    [('A', 1), ('B', 1), ('C', 3)]
    >>> [(e.unit, e.rank) for e in rank(score_table(t), policy=TiePolicy.dense()).entries]
    [('A', 1), ('B', 1), ('C', 2)]
    >>> r = rank(score_table(t), policy=TiePolicy.chain_of(TieBreak.field_points("1.1")))
    >>> [(e.unit, e.rank, e.tie_break) for e in r.entries][:2]
    [('A', 1, None), ('B', 2, 'placed below A by 1.1: 0.00 < 1.00')]
    """
    of_type(result, BatchResult, "result")
    policy = TiePolicy() if policy is None else policy
    of_type(policy, TiePolicy, "policy")
    fw = result.framework
    units = result.units
    n = len(units)
    total, top = result.totals()
    group_of = _groups_of(units, _mapping(groups, "groups"))
    layout = result._layout()
    chain: list[Int64Array] = []
    for link in policy.chain:
        if link.kind is TieBreakKind.TOTAL:
            chain.append(total)
            continue
        if link.kind is TieBreakKind.LOT:  # the smallest draw wins: the largest column value
            draws = sorted(range(n), key=lambda j: lot_draw(str(link.seed), units[j]))
            column = np.empty(n, dtype=np.int64)
            column[draws] = np.arange(n, 0, -1, dtype=np.int64)
            chain.append(column)
            continue
        name = str(link.code)
        node = layout.by_code.get(_unit_key(name))
        if node is None:
            raise NotFoundError(
                "tie-break names no criterion",
                vi=f"tiêu chí phụ để phân định thứ hạng “{name}” không có trong bộ tiêu chí",
                field="policy.chain",
                value=name,
            )
        chain.append(result.node_points(node))
    key = _exact_key(total, top)
    if _over_cap(fw, total, top) is not None:  # above the cap, units are equal at the cap
        capped = [
            _capped_index(int(p), int(m), fw.index_cap) for p, m in zip(total, top, strict=True)
        ]
        dense = {v: i for i, v in enumerate(sorted(set(capped)))}
        key = np.array([dense[v] for v in capped], dtype=np.int64)
    _, group_idx = np.unique(np.array(group_of, dtype=str), return_inverse=True)
    # units that stay equal are listed by unit code, whatever order they came in: the code is
    # the last key, so one sort of all units orders every tie run at once
    _, code_idx = np.unique(np.array(_unit_keys(units), dtype=str), return_inverse=True)
    sort_keys = [code_idx, *(-c for c in reversed(chain)), -key, group_idx]
    order = np.lexsort(sort_keys) if n else np.zeros(0, dtype=np.intp)
    start = np.ones(n, dtype=bool)
    start[1:] = group_idx[order][1:] != group_idx[order][:-1]
    same_key = ~start & _shifted_equal(key[order])
    same_all = same_key.copy()
    for col in chain:
        same_all &= _shifted_equal(col[order])
    new_run = ~same_all
    position = np.arange(n)
    group_start = np.maximum.accumulate(np.where(start, position, 0)) if n else position
    if policy.order is TieOrder.COMPETITION:
        run_start = np.maximum.accumulate(np.where(new_run, position, 0)) if n else position
        sorted_ranks = np.asarray(run_start - group_start + 1, dtype=np.int64)
    else:
        runs = np.cumsum(new_run)
        sorted_ranks = np.asarray(runs - runs[group_start] + 1, dtype=np.int64)
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = sorted_ranks
    run_of = np.empty(n, dtype=np.int64)
    run_of[order] = np.cumsum(new_run) - 1
    notes: dict[int, str] = {}
    run_end = np.append(np.flatnonzero(new_run)[1:], n)
    for p in np.flatnonzero(same_key & ~same_all):
        j, above = int(order[p]), int(order[p - 1])
        for c_i, col in enumerate(chain):
            if col[j] != col[above]:
                link = policy.chain[c_i]
                note = (
                    f"placed below {units[above]} by {link.text(Lang.EN)}"
                    if link.kind is TieBreakKind.LOT
                    else f"placed below {units[above]} by {link.name}: "
                    f"{Decimal(int(col[j])) * fw.precision} < "
                    f"{Decimal(int(col[above])) * fw.precision}"
                )
                # every unit still tied with this one was placed below by the same tie-break
                end = int(run_end[np.searchsorted(run_end, p, side="right")])
                for q in range(p, end):
                    notes[int(order[q])] = note
                break
    return Ranking(result, policy, group_of, ranks, order, run_of, notes)


# ---------------------------------------------------------------------------------------------
# comparison, weak criteria, explanations


@attrs.frozen
class YearChange:
    """One unit's move between two years (None where it was not ranked that year).

    >>> move = YearChange("A", Decimal(80), Decimal(85), Fraction(80), Fraction(85), 5, 2)
    >>> move.places_moved, move.index_change
    (3, Fraction(5, 1))
    """

    unit: str
    points_before: Decimal | None
    points_after: Decimal | None
    index_before: Fraction | None
    index_after: Fraction | None
    rank_before: int | None
    rank_after: int | None

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Why this result is what it is, in ``lang`` (Vietnamese by default; the
        :class:`~cchc.explanations.Explanation` holds both languages)."""
        return _explain_year(self).in_lang(lang)

    @property
    def places_moved(self) -> int | None:
        """Places gained (positive) or lost (negative)."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after

    @property
    def index_change(self) -> Fraction | None:
        """Index points gained or lost."""
        if self.index_before is None or self.index_after is None:
            return None
        return self.index_after - self.index_before


def compare_years(previous: Ranking, current: Ranking) -> tuple[YearChange, ...]:
    """Compare two years' rankings unit by unit (the current year's order, then units that
    dropped out).

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> y1 = rank(score_table(ScoreTable.from_wide(fw, [{"unit": "A", "1.1.1": "1"},
    ...                                                 {"unit": "B", "1.1.1": "0.5"}])))
    >>> y2 = rank(score_table(ScoreTable.from_wide(fw, [{"unit": "A", "1.1.1": "0"},
    ...                                                 {"unit": "B", "1.1.1": "1"}])))
    >>> [(c.unit, c.places_moved, c.index_change) for c in compare_years(y1, y2)]
    [('B', 1, Fraction(5, 2)), ('A', -1, Fraction(-5, 1))]
    """
    of_type(previous, Ranking, "previous")
    of_type(current, Ranking, "current")
    before = {fold(e.unit): e for e in previous.entries}
    after_keys = set()
    out = []
    for e in current.entries:
        b = before.get(fold(e.unit))
        after_keys.add(fold(e.unit))
        out.append(
            YearChange(
                e.unit,
                b.points if b else None,
                e.points,
                b.index if b else None,
                e.index,
                b.rank if b else None,
                e.rank,
            )
        )
    for key, b in before.items():
        if key not in after_keys:
            out.append(YearChange(b.unit, b.points, None, b.index, None, b.rank, None))
    return tuple(out)


@attrs.frozen
class WeakCriterion:
    """A criterion where units lose the largest share of points, with who leads its
    improvement (for the improvement plans of seed 003).

    >>> WeakCriterion("2.1", "Hồ sơ đúng hạn", Decimal(4), Decimal(10), Fraction(2, 5),
    ...               "Văn phòng UBND").lead_unit
    'Văn phòng UBND'
    """

    code: str
    title: str
    points: Decimal
    maximum: Decimal
    share: Fraction
    lead_unit: str | None = None

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Why this result is what it is, in ``lang`` (Vietnamese by default; the
        :class:`~cchc.explanations.Explanation` holds both languages)."""
        return _explain_weak(self).in_lang(lang)


def weakest_criteria(
    source: BatchResult | Scorecard | Ranking,
    *,
    units: Iterable[str] | None = None,
    group: str | None = None,
    count: int = 5,
    leaves_only: bool = True,
) -> tuple[WeakCriterion, ...]:
    """The ``count`` criteria with the lowest share of their maximum, over one scorecard or
    over some (default: all) units of a batch; criteria not applicable everywhere are left
    out. Ties go by code. Given a :class:`Ranking`, ``group`` picks the units of one group
    (khối, cụm) for the group's improvement plan.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("cchc-campaign-6")
    >>> card = score_unit(fw, SelfAssessment.of("X", {"1.1": "8", "2.1": (1, 2)}))
    >>> [(w.code, w.share) for w in weakest_criteria(card, count=2)]
    [('1.2', Fraction(0, 1)), ('2.2', Fraction(0, 1))]
    >>> t = ScoreTable.from_wide(fw, [{"unit": "A", "1.1": "8"}, {"unit": "B", "2.2": "yes"}])
    >>> ranking = rank(score_table(t), {"A": "K1", "B": "K2"})
    >>> [w.code for w in weakest_criteria(ranking, group="K2", count=2)]
    ['1.1', '1.2']
    """
    of_type(source, (BatchResult, _CardBase, Ranking), "source")
    if group is not None:
        of_type(source, Ranking, "source")
        of_type(group, str, "group")
    if isinstance(source, Ranking):
        if group is not None:
            members = [e.unit for e in source.group(nfc(group))]
            if not members:
                raise NotFoundError(
                    "no unit of the ranking is in this group",
                    vi="không có đơn vị nào của bảng xếp hạng thuộc khối này",
                    field="group",
                    value=group,
                )
            units = (
                members if units is None else [u for u in sequence(units, "units") if u in members]
            )
        source = source.result
    of_type(count, int, "count")
    of_type(leaves_only, bool, "leaves_only")
    if units is not None:
        units = [text(u, f"units[{i}]") for i, u in enumerate(sequence(units, "units"))]
    if count < 0:
        raise ValidationError(
            "must not be negative", vi="không được là số âm", field="count", value=count
        )
    found: list[WeakCriterion] = []
    if isinstance(source, BatchResult):
        layout = source._layout()
        cols: Any = slice(None)
        if units is not None:
            cols = [source._column(u) for u in units]
        precision = source.framework.precision
        pts = source.points[:, cols].sum(axis=1)
        mxs = source.maxima[:, cols].sum(axis=1)
        for i, node in enumerate(layout.nodes):
            if (leaves_only and not node.is_leaf) or not mxs[i]:
                continue
            if layout.extra_of[i] is not Extra.BASE:  # a bonus not earned is no weakness
                continue
            found.append(
                WeakCriterion(
                    node.code,
                    node.title,
                    Decimal(int(pts[i])) * precision,
                    Decimal(int(mxs[i])) * precision,
                    Fraction(int(pts[i]), int(mxs[i])),
                    node.lead_unit,
                )
            )
    else:
        for line in source.lines:
            if (leaves_only and not line.leaf) or not line.maximum:
                continue
            if line.extra is not Extra.BASE:
                continue
            share = line.share
            assert share is not None
            found.append(
                WeakCriterion(
                    line.code, line.title, line.points, line.maximum, share, line.lead_unit
                )
            )
    found.sort(key=lambda w: (w.share, w.code))
    return tuple(found[:count])


def explain(result: object) -> Explanation:
    """Deprecated: every result explains itself with ``result.explain(lang)``, in Vietnamese
    (the default) or English; this returns the English explanation."""
    if not isinstance(
        result,
        _CardBase
        | CriterionScore
        | RankedUnit
        | CouncilChange
        | YearChange
        | WeakCriterion
        | Ranking,
    ):
        raise CchcTypeError(
            "cannot explain this",
            vi="không giải thích được loại kết quả này",
            field="result",
            value=type(result).__name__,
        )
    deprecated("cchc.scoring.explain(result)", "result.explain(lang)")
    return result.explain(Lang.EN)


def _percent(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _explain_ranked(result: RankedUnit) -> Explanation:
    index = Words(f"chỉ số {result.index_rounded} %", f"index {result.index_rounded} %")
    notes = [
        index
        + Words(
            f" ({result.points} / {result.maximum} điểm)",
            f" ({result.points} / {result.maximum} points)",
        )
    ]
    if result.band:
        notes.append(Words(f"xếp loại {result.band}", f"band {result.band}"))
    if result.tie_break:
        notes.append(Words.same(result.tie_break))
    if result.tied_with:
        tied = ", ".join(result.tied_with)
        notes.append(Words(f"đồng hạng với {tied}", f"tied with {tied}"))
    vi_group = f" trong khối {result.group}" if result.group else ""
    en_group = f" in group {result.group!r}" if result.group else ""
    return Explanation(
        Words(
            f"{result.unit}: hạng {result.rank}{vi_group}",
            f"{result.unit}: rank {result.rank}{en_group}",
        ),
        result.points,
        notes=notes,
    )


def _explain_weak(result: WeakCriterion) -> Explanation:
    percent = _percent(result.share * 100)
    lead = result.lead_unit
    return Explanation(
        Words.same(f"{result.code} {result.title}"),
        result.points,
        notes=(
            Words(
                f"{result.points} trên {result.maximum} điểm: {percent} % điểm tối đa",
                f"{result.points} of {result.maximum} points: {percent} % of the maximum",
            ),
            Words(f"đơn vị chủ trì: {lead or 'chưa giao'}", f"lead unit: {lead or 'not named'}"),
        ),
    )


def _link_name_vi(link: TieBreak) -> str:
    if link.kind is TieBreakKind.TOTAL:
        return "tổng điểm"
    if link.kind is TieBreakKind.LOT:
        return f"bốc thăm {link.seed}"
    return link.name


def _explain_ranking(result: Ranking) -> Explanation:
    policy = result.policy
    chain = ", ".join(link.name for link in policy.chain)
    chain_vi = ", ".join(_link_name_vi(link) for link in policy.chain)
    order_vi = "xếp hạng dày (1223)" if policy.order is TieOrder.DENSE else "xếp hạng (1224)"
    return Explanation(
        Words(
            f"bảng xếp hạng ({result.framework_id}): {order_vi}"
            + (f", phân định đồng hạng theo {chain_vi}" if chain else ""),
            f"ranking ({result.framework_id}): {policy.order.value} ranking"
            + (f", ties broken by {chain}" if chain else ""),
        ),
        None,
        notes=tuple(
            Words.same(
                f"{e.group + ' ' if e.group else ''}#{e.rank} {e.unit} {e.index_rounded} %"
                + (f" ({e.tie_break})" if e.tie_break else "")
            )
            for e in result.entries
        ),
    )


def _explain_year(change: YearChange) -> Explanation:
    notes = []
    if change.points_before is None:
        notes.append(Words("năm trước không được xếp hạng", "not ranked the year before"))
    elif change.points_after is None:
        notes.append(Words("năm nay không được xếp hạng", "not ranked this year"))
    else:
        moved = f"{change.points_before} → {change.points_after}"
        notes.append(Words(f"điểm {moved}", f"points {moved}"))
    if change.index_change is not None:
        assert change.index_before is not None
        assert change.index_after is not None
        shown = f"{_percent(change.index_before)} % → {_percent(change.index_after)} %"
        by = f"{_percent(change.index_change):+}"
        notes.append(Words(f"chỉ số {shown} ({by} điểm)", f"index {shown} ({by} points)"))
    if change.places_moved is not None:
        moved_by = change.places_moved
        ranks = f"{change.rank_before} → {change.rank_after}"
        if moved_by:
            steps = abs(moved_by)
            vi_word = f"tăng {steps}" if moved_by > 0 else f"giảm {steps}"
            en_word = f"up {steps}" if moved_by > 0 else f"down {steps}"
        else:
            vi_word, en_word = "giữ nguyên", "unchanged"
        notes.append(Words(f"hạng {ranks} ({vi_word})", f"rank {ranks} ({en_word})"))
    return Explanation(
        Words(f"{change.unit}: so với năm trước", f"{change.unit}: year on year"),
        change.points_after,
        notes=notes,
    )


def _line_of(line: CriterionScore) -> ExplanationLine:
    points = line.points
    rule_vi = line.rule_vi or line.rule
    if line.not_applicable:
        why = Words(
            "không áp dụng: không tính vào điểm tối đa của đơn vị",
            "not applicable: taken out of the unit's maximum",
        )
    elif line.absent:
        why = Words(
            "không điều tra đối với đơn vị: không tính vào điểm tối đa (quy đổi lại)",
            "survey not run for the unit: taken out of its maximum (re-based)",
        )
    elif line.entry is None:
        why = Words(f"{rule_vi}; không báo cáo, 0 điểm", f"{line.rule}; not reported, 0 points")
    else:
        why = Words(
            f"{rule_vi}; báo cáo {line.entry} ({line.source.vi})",
            f"{line.rule}; reported {line.entry} ({line.source.en})",
        )
        if line.detail:
            why += Words(f": {line.detail_vi or line.detail}", f": {line.detail}")
        if line.reason:
            why += Words(f"; hội đồng: {line.reason}", f"; council: {line.reason}")
    if line.extra is Extra.BONUS:
        why = (
            Words("điểm thưởng (cộng, ngoài điểm tối đa): ", "bonus (added, outside the maximum): ")
            + why
        )
    elif line.extra is Extra.PENALTY:
        why = (
            Words(
                "điểm trừ (trừ, ngoài điểm tối đa): ", "penalty (subtracted, outside the maximum): "
            )
            + why
        )
        points = -points
    return ExplanationLine(line.code, points, line.maximum, why)


def _explain_card(card: _CardBase) -> Explanation:
    lines: list[ExplanationLine] = []
    for index, line in enumerate(card.lines):
        if line.leaf:
            lines.append(_line_of(line))
            continue
        # a capped node: the points its sub-criteria lose to the cap are a line of their own
        # direct children only: stop at the next line at this node's depth or above
        children = []
        for other in card.lines[index + 1 :]:
            if other.depth <= line.depth:
                break
            if other.depth == line.depth + 1:
                children.append(other)
        offered = sum((c.points for c in children), Decimal(0))
        if offered > line.points:
            sign = -1 if line.extra is Extra.PENALTY else 1
            lines.append(
                ExplanationLine(
                    line.code,
                    sign * (line.points - offered),
                    line.maximum,
                    Words(
                        f"tối đa: các tiêu chí thành phần được {offered}, chỉ tính {line.points}",
                        f"cap: sub-criteria offer {offered}, capped at {line.points}",
                    ),
                )
            )
    net = card.bonus - card.penalty
    if card.extra_points != net:
        lines.append(
            ExplanationLine(
                "extra",
                card.extra_points - net,
                Decimal(0),
                Words(
                    f"thưởng − trừ = {net}, tính {card.extra_points} (khoảng của bộ tiêu chí)",
                    f"bonus − penalty = {net}, counted {card.extra_points} (the framework's range)",
                ),
            )
        )
    if card.base + card.extra_points < 0:
        lines.append(
            ExplanationLine(
                "total",
                -(card.base + card.extra_points),
                Decimal(0),
                Words("điểm không dưới 0", "points never below 0"),
            )
        )
    uncapped = _index(card.points, card.maximum)
    ratio = f"{card.points} / {card.maximum} × 100"
    if uncapped > card.index:
        notes = [
            Words(
                f"chỉ số {card.index_rounded} %: {ratio} = {_percent(uncapped)} %, tối đa "
                f"{card.index_cap} %",
                f"index {card.index_rounded} %: {ratio} = {_percent(uncapped)} %, capped at "
                f"{card.index_cap} %",
            )
        ]
    else:
        notes = [
            Words(
                f"chỉ số {card.index_rounded} % = {ratio}",
                f"index {card.index_rounded} % = {ratio}",
            )
        ]
    if card.bonus or card.penalty or any(line.extra is not Extra.BASE for line in card.fields):
        notes.append(
            Words(
                f"điểm cơ bản {card.base} / {card.maximum}; thưởng +{card.bonus}; trừ "
                f"−{card.penalty}; tính {card.extra_points:+} ngoài điểm tối đa",
                f"base {card.base} / {card.maximum}; bonus +{card.bonus}; penalty "
                f"−{card.penalty}; counted {card.extra_points:+} outside the maximum",
            )
        )
    if card.survey_absent:
        codes = ", ".join(line.code for line in card.lines if line.absent)
        notes.append(
            Words(
                f"không điều tra xã hội học đối với đơn vị: {codes} không tính vào điểm tối "
                "đa, chỉ số quy về thang điểm 100 trên phần được đánh giá",
                f"survey not run for this unit: {codes} taken out of the maximum, the index "
                "re-based over what was assessed (quy về thang điểm 100)",
            )
        )
    if card.band:
        notes.append(Words(f"xếp loại {card.band}", f"band {card.band}"))
    own = isinstance(card, SelfAssessedScorecard)
    return Explanation(
        Words(
            f"{card.unit}: phiếu {'tự chấm' if own else 'điểm cuối cùng'} ({card.framework_id})",
            f"{card.unit}: {'self-assessed' if own else 'final'} scorecard ({card.framework_id})",
        ),
        card.points,
        lines,
        notes,
    )
