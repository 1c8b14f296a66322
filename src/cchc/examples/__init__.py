"""The five seed articles as data: plans, campaigns, directive cascades and a progress report,
loadable by name.

Each bundled TOML file models one article and cites it in its header. What the article says
is stated as fact; anything added to make the example complete (a due date, a lead unit, the
members of a group) carries ``illustrative = true`` (or a list of the fields that are) and is
listed in :attr:`Example.illustrative`, with the reasons in :attr:`Example.notes`.

>>> names()
('van-ban-2023', 'chau-thanh-2021', 'bac-kan-7946', 'district-273', 'gia-lam-9m-2021')
>>> ex = load("chau-thanh-2021")
>>> str(ex.plan.number), len(ex.plan.contents), str(ex.campaign.window)
('138/KH-UBND', 10, '05/5/2021 – 31/12/2021')
>>> ex.findings()
()

A file that is malformed or breaks a rule is refused with every problem and its path:

>>> loads('''
... [example]
... name = "x"
... title = "Ví dụ"
... source = "—"
... [plan]
... summary = "Kế hoạch"
... period = "năm 2021"
... issued = "hôm qua"
... [[plan.tasks]]
... code = "1"
... title = "Rà soát"
... due = 2022-01-10
... ''')
Traceback (most recent call last):
...
cchc.errors.InvalidDocumentError: example 'x': 2 problems
  error data.missing-key at rules: ...
  error data.invalid at plan.issued: ...
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import attrs

from cchc._fields import fraction
from cchc.awards import (
    Candidate,
    Eligibility,
    MemberGate,
    MemberRequirement,
    PrizeGroup,
    PrizeLevel,
    PrizeStructure,
    Quota,
    TieSettlement,
    Title,
)
from cchc.calendar import Period, ReportingPeriod, ReportKind
from cchc.campaigns import Campaign, CampaignInputs, format_campaign, validate_campaign
from cchc.criteria import Framework, load_bundled
from cchc.directives import Cascade, Directive, DocumentNumber, DocumentType
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
from cchc.plans import (
    BAC_KAN_7946,
    Activity,
    Actual,
    Compliance,
    Milestone,
    Plan,
    ProgressReport,
    ReviewPoint,
    RuleSet,
    StatusUpdate,
    Target,
    Task,
    cascade_compliance,
    format_plan,
    format_progress,
    progress,
    validate_plan,
)
from cchc.scoring import ScoreTable, Source
from cchc.text import fold
from cchc.units import Unit, UnitGroup, UnitKind, UnitTree

__all__ = [
    "MAX_DEPTH",
    "Example",
    "demo",
    "load",
    "load_file",
    "load_results",
    "load_settlements",
    "loads",
    "loads_results",
    "loads_settlements",
    "names",
    "results_names",
]

T = TypeVar("T")

_NAMES = ("van-ban-2023", "chau-thanh-2021", "bac-kan-7946", "district-273", "gia-lam-9m-2021")


def names() -> tuple[str, ...]:
    """The names of the bundled examples, in the order of the seed articles."""
    return _NAMES


@attrs.frozen
class Example:
    """One seed article as modelled objects.

    ``directives`` are the documents above the plan (and any others the article names);
    ``implementing`` are the units' own plans under it; ``plan``, ``campaign``, ``units`` and
    ``groups`` are what the article describes; ``report_as_of``, ``report_period`` and
    ``activities`` set up its progress report; ``compliance_of``, ``compliance_units`` and
    ``within_working_days`` its cascade check. ``illustrative`` lists the paths (in the data
    file) of what was added to complete the example, and ``notes`` says why.
    """

    name: str
    title: str
    source: str
    rules: RuleSet
    plan: Plan
    directives: tuple[Directive, ...] = ()
    implementing: tuple[Directive, ...] = ()
    units: UnitTree | None = None
    groups: tuple[UnitGroup, ...] = ()
    campaign: Campaign | None = None
    report_as_of: date | None = None
    report_period: Period | None = None
    #: The periodic report (báo cáo 9 tháng…) when the file names one; its days are
    #: ``report_period``.
    report_kind: ReportingPeriod | None = None
    due_within: int = 5
    activities: tuple[Activity, ...] = ()
    compliance_of: str | None = None
    compliance_units: tuple[str, ...] | None = None
    within_working_days: int | None = None
    illustrative: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def cascade(self) -> Cascade:
        """The directive cascade: the documents above, the plan (when issued) and the units'
        plans under it.

        >>> [d.key for d in load("bac-kan-7946").cascade().ancestors("7946/UBND-NCPC")]
        ['76/NQ-CP', '08-NQ/TU', '23/CT-TTg']
        """
        docs = list(self.directives)
        if self.plan.issued is not None:
            docs.append(self.plan.as_directive())
        return Cascade([*docs, *self.implementing])

    def findings(self) -> tuple[Finding, ...]:
        """Every finding on the plan (and campaign) under the example's rules; the bundled
        examples have no errors."""
        if self.campaign is not None:
            return validate_campaign(self.campaign, self.rules)
        return validate_plan(self.plan, self.rules, units=self.units)

    def report(self, as_of: date | None = None) -> ProgressReport:
        """The plan's progress report on ``as_of`` (default: the example's report day, else
        the end of the plan period), with the example's activities and reporting period.

        >>> load("gia-lam-9m-2021").report().activity("broadcasts")
        1955
        """
        day = as_of or self.report_as_of or self.plan.period.end
        period: Period | ReportingPeriod | None = None
        if as_of is None:
            period = self.report_kind or self.report_period
        return progress(
            self.plan,
            as_of=day,
            period=period,
            due_within=self.due_within,
            activities=self.activities,
        )

    def compliance(self, as_of: date | None = None) -> Compliance:
        """Which units have not issued their own implementing plan, and which did so late.

        >>> c = load("van-ban-2023").compliance()
        >>> c.missing, [x.unit for x in c.late], c.on_time
        (('VB-TP', 'XA-KYT'), ['TT-KY'], ('VB-NV', 'VB-VP'))
        """
        cascade = self.cascade()
        top: Plan | Directive = self.plan
        if self.compliance_of is not None:
            top = cascade.get(self.compliance_of)
        return cascade_compliance(
            top,
            cascade,
            self.compliance_units,
            within_working_days=self.within_working_days,
            as_of=as_of,
            groups=self.groups,
        )

    def describe(self) -> str:
        """A plain-text account of the example: its source, plan, campaign, progress report
        and cascade check, in Vietnamese with English headings."""
        lines = [f"== {self.title} ({self.name})", f"Nguồn (source): {self.source}", ""]
        lines.append(format_plan(self.plan))
        if self.campaign is not None:
            lines += ["", format_campaign(self.campaign)]
        if self.plan.tasks or self.activities:
            lines += ["", format_progress(self.report())]
        if self.implementing or self.compliance_of:
            c = self.compliance()
            lines += [
                "",
                f"Các đơn vị triển khai {self.cascade().get(c.plan)} (cascade):",
                f"  đúng hạn (on time): {', '.join(c.on_time) or '—'}",
                f"  chậm (late): {', '.join(x.unit for x in c.late) or '—'}",
                f"  chưa ban hành (missing): {', '.join(c.missing) or '—'}",
                f"  chưa đến hạn (pending): {', '.join(c.pending) or '—'}",
            ]
            if c.before_parent:
                lines.append(
                    f"  ban hành trước văn bản cấp trên (dated before the plan above): "
                    f"{', '.join(c.before_parent)}"
                )
        if self.illustrative:
            lines += [
                "",
                f"Minh họa (illustrative, not from the article): {len(self.illustrative)}",
            ]
        return "\n".join(lines)


def demo() -> str:
    """The plain-text account of every bundled example (for ``cchc demo``).

    >>> "Gia Lâm" in demo()
    True
    """
    return "\n\n".join(load(name).describe() for name in names())


def load(name: str) -> Example:
    """Load a bundled example by name; :class:`~cchc.errors.NotFoundError` for an unknown one.

    >>> load("district-273").plan.implements[0].key
    '273/KH-UBND'
    """
    if not isinstance(name, str) or fold(name) not in {fold(n) for n in _NAMES}:
        raise NotFoundError(
            f"no bundled example has this name; known: {', '.join(_NAMES)}",
            field="name",
            value=name,
        )
    file = importlib.resources.files(__name__).joinpath(f"{fold(name)}.toml")
    return loads(file.read_text(encoding="utf-8"), what=f"example {fold(name)!r}")


def load_file(path: str | Path) -> Example:
    """Load an example from a TOML file of the same shape as the bundled ones. A file that
    cannot be read (missing, a folder, not permitted, not UTF-8 text) is a
    :class:`~cchc.errors.CchcError` naming the path.

    >>> load_file("/no/such/folder/plan.toml")
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: path = '/no/such/folder/plan.toml': there is no such file
    """
    return loads(_read_file(path), what=f"example file {str(path)!r}")


def _read_file(path: object) -> bytes:
    """The bytes of the file at ``path``; every way of failing is a CchcError naming it."""
    if not isinstance(path, str | Path) or (isinstance(path, str) and not path.strip()):
        raise CchcTypeError(
            f"must be a file path (text or Path), not {type(path).__name__}",
            vi="phải là đường dẫn tới tệp",
            field="path",
            value=path,
        )
    file = Path(path)
    if file.is_dir():
        raise ValidationError(
            "is a folder, not a file",
            vi="là một thư mục, không phải tệp",
            field="path",
            value=str(path),
        )
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(
            "there is no such file", vi="không có tệp này", field="path", value=str(path)
        ) from None
    except PermissionError:
        raise ValidationError(
            "the file may not be read (permission denied)",
            vi="không có quyền đọc tệp này",
            field="path",
            value=str(path),
        ) from None
    except (OSError, ValueError) as exc:  # a folder on some systems, a NUL in the path, ...
        raise ValidationError(
            f"the file cannot be read ({type(exc).__name__}: {exc})",
            vi="không đọc được tệp này",
            field="path",
            value=str(path),
        ) from None


def results_names() -> tuple[str, ...]:
    """The bundled examples that also ship (illustrative) campaign results.

    >>> results_names()
    ('chau-thanh-2021',)
    """
    return tuple(
        n
        for n in _NAMES
        if importlib.resources.files(__name__).joinpath(f"{n}-results.toml").is_file()
    )


def load_results(name: str) -> CampaignInputs:
    """The bundled, illustrative results of an example's campaign (self-assessment, the
    council's appraisal, survey points and nominated individuals), ready for
    :func:`cchc.campaigns.run_campaign`.

    >>> inputs = load_results("chau-thanh-2021")
    >>> len(inputs.self_assessment.units), len(inputs.individuals)
    (10, 10)
    """
    if not isinstance(name, str) or fold(name) not in {fold(n) for n in results_names()}:
        raise NotFoundError(
            f"no bundled results have this name; known: {', '.join(results_names())}",
            field="name",
            value=name,
        )
    file = importlib.resources.files(__name__).joinpath(f"{fold(name)}-results.toml")
    return loads_results(file.read_text(encoding="utf-8"), what=f"results {fold(name)!r}")


_RESULT_KEYS = {"example", "framework", "illustrative", "note", "individual_group"}
_INDIVIDUAL_KEYS = {"id", "name", "unit", "points", "priorities", "flags", "staff"}
_SETTLEMENT_KEYS = {"group", "places", "number", "issued", "council"}
_RESULT_TOP_KEYS = {"results", "self", "appraisal", "survey", "individuals", "settlements"}


def loads_results(text: str | bytes, *, what: str = "results") -> CampaignInputs:
    """Read campaign results from TOML text of the bundled shape (see
    ``chau-thanh-2021-results.toml``); every problem is reported at once, with its path.

    >>> loads_results('''
    ... [results]
    ... framework = "cchc-campaign-6"
    ... [[self]]
    ... unit = "X"
    ... "1.1" = "99"
    ... "9.9" = "1"
    ... [[individuals]]
    ... id = "A"
    ... ''')
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: results: 3 problems
      error table.unknown-criterion at self.rows[0]['9.9']: ...
      error table.cell at self.X['1.1']: ...
      error data.invalid at individuals[0].points: ...

    The council's settlements of ties (``[[settlements]]``) are read and checked too; they
    are returned by :func:`loads_settlements`.
    """
    return _results(text, what)[0]


def load_settlements(name: str) -> tuple[TieSettlement, ...]:
    """The council's settlements of ties (``[[settlements]]``) in the bundled results of an
    example, for ``run_campaign(..., settlements=...)``; the whole file is read and checked
    as :func:`load_results` does.

    >>> load_settlements("chau-thanh-2021")
    ()
    """
    if not isinstance(name, str) or fold(name) not in {fold(n) for n in results_names()}:
        raise NotFoundError(
            f"no bundled results have this name; known: {', '.join(results_names())}",
            field="name",
            value=name,
        )
    file = importlib.resources.files(__name__).joinpath(f"{fold(name)}-results.toml")
    return loads_settlements(file.read_text(encoding="utf-8"), what=f"results {fold(name)!r}")


def loads_settlements(text: str | bytes, *, what: str = "results") -> tuple[TieSettlement, ...]:
    """The council's settlements of ties in campaign results of the bundled shape: one
    ``[[settlements]]`` table each, with the ``group``, the ``places`` as pairs of a candidate
    id and a prize (or title) code, the council's document ``number`` and the TOML date it was
    ``issued``, and optionally the ``council``. The whole file is read and checked, as
    :func:`loads_results` does, and every problem is reported at once with its path.

    >>> loads_settlements('''
    ... [results]
    ... framework = "cchc-campaign-6"
    ... [[self]]
    ... unit = "X"
    ... [[settlements]]
    ... group = "CN"
    ... places = [["CN-09", "khen"]]
    ... number = "12/BB-HĐTĐKT"
    ... issued = 2021-12-05
    ... ''')[0].text("vi")
    'Biên bản số 12/BB-HĐTĐKT ngày 05/12/2021 của Hội đồng Thi đua - Khen thưởng'
    """
    return _results(text, what)[1]


def _settlement(item: object, path: str) -> tuple[TieSettlement | None, list[Finding]]:
    """One ``[[settlements]]`` table as a :class:`~cchc.awards.TieSettlement`, or the
    problems with it."""
    if not isinstance(item, dict):
        return None, [Finding("data.invalid", path, "Phải là một bảng", "must be a table")]
    found = [
        Finding(
            "data.unknown-key",
            f"{path}.{k}",
            f"Trường {_q(k)} không hợp lệ ở đây",
            f"unknown key {k!r}",
        )
        for k in item
        if k not in _SETTLEMENT_KEYS
    ]
    blocking = [
        Finding(
            "data.missing-key",
            f"{path}.{k}",
            f"Thiếu trường {_q(k)}",
            f"missing key {k!r}",
        )
        for k in ("group", "places", "number", "issued")
        if k not in item
    ]
    issued = item.get("issued")
    if "issued" in item and not _is_day(issued):
        quoted = " (bỏ dấu ngoặc kép)" if isinstance(issued, str) else ""
        blocking.append(
            Finding(
                "data.invalid",
                f"{path}.issued",
                f"Phải là một ngày dạng 2021-12-05{quoted}, không phải {_q(issued)}",
                f"must be a TOML date such as 2021-12-05 (unquoted), not {issued!r}",
            )
        )
    if blocking:
        return None, found + blocking
    known = {k: item[k] for k in item if k in _SETTLEMENT_KEYS}
    try:
        return TieSettlement(**known), found
    except CchcError as exc:
        return None, [*found, _from_error(exc, path)]
    except (TypeError, ValueError, AttributeError) as exc:
        return None, [*found, _unreadable(exc, path)]


def _is_day(value: object) -> bool:
    """A TOML local date (a date and time is not one)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _results(text: str | bytes, what: str) -> tuple[CampaignInputs, tuple[TieSettlement, ...]]:
    """Read a results file: the campaign's inputs and the council's settlements."""
    data = _toml(text, what)
    findings: list[Finding] = [
        Finding(
            "data.unknown-key",
            k,
            f"Trường {_q(k)} không hợp lệ ở đây",
            f"unknown key {k!r}",
        )
        for k in data
        if k not in _RESULT_TOP_KEYS
    ]
    head = data.get("results")
    if not isinstance(head, dict) or not isinstance(head.get("framework"), str):
        findings.append(
            Finding(
                "data.missing-key",
                "results.framework",
                "Thiếu bộ tiêu chí",
                "the [results] table must name its framework",
            )
        )
        raise InvalidDocumentError(what, findings)
    findings += [
        Finding(
            "data.unknown-key",
            f"results.{k}",
            f"Trường {_q(k)} không hợp lệ ở đây",
            f"unknown key {k!r}",
        )
        for k in head
        if k not in _RESULT_KEYS
    ]
    try:
        framework = load_bundled(head["framework"])
    except CchcError as exc:
        findings.append(_from_error(exc, "results.framework", {}))
        raise InvalidDocumentError(what, findings) from None

    def table(key: str, stage: Source, build: Callable[..., ScoreTable]) -> ScoreTable | None:
        rows = data.get(key, [])
        if not rows:
            return None
        try:
            return build(framework, rows, stage=stage)
        except InvalidDocumentError as exc:
            findings.extend(attrs.evolve(f, path=f"{key}.{f.path}") for f in exc.findings)
        except CchcError as exc:
            findings.append(_from_error(exc, key, {}))
        return None

    own = table("self", Source.SELF, ScoreTable.from_wide)
    appraisal = table("appraisal", Source.APPRAISAL, ScoreTable.from_long)
    survey = table("survey", Source.SURVEY, ScoreTable.from_wide)
    group = head.get("individual_group", "CN")
    individuals = []
    for i, item in enumerate(data.get("individuals", [])):
        path = f"individuals[{i}]"
        if not isinstance(item, dict):
            findings.append(Finding("data.invalid", path, "Phải là một bảng", "must be a table"))
            continue
        findings += [
            Finding(
                "data.unknown-key",
                f"{path}.{k}",
                f"Trường {_q(k)} không hợp lệ ở đây",
                f"unknown key {k!r}",
            )
            for k in item
            if k not in _INDIVIDUAL_KEYS
        ]
        try:
            individuals.append(
                Candidate(
                    item.get("id"),
                    group,
                    item.get("points"),
                    name=item.get("name", ""),
                    unit=item.get("unit"),
                    priorities=item.get("priorities", ()),
                    flags=item.get("flags", ()),
                    staff=item.get("staff"),
                )
            )
        except CchcError as exc:
            findings.append(_from_error(exc, path, {k: k for k in _INDIVIDUAL_KEYS}))
    settlements: list[TieSettlement] = []
    rows = data.get("settlements", [])
    if not isinstance(rows, list):
        findings.append(
            Finding("data.not-a-list", "settlements", "Phải là một danh sách", "must be a list")
        )
        rows = []
    for i, item in enumerate(rows):
        settlement, problems = _settlement(item, f"settlements[{i}]")
        findings += problems
        if settlement is not None:
            settlements.append(settlement)
    if own is None and not findings:
        findings.append(
            Finding(
                "data.missing-key",
                "self",
                "Thiếu kết quả tự đánh giá",
                "no [[self]] rows: the units' self-assessment is required",
            )
        )
    if findings or own is None:
        raise InvalidDocumentError(what, findings)
    try:
        inputs = CampaignInputs(own, appraisal=appraisal, survey=survey, individuals=individuals)
    except CchcError as exc:
        raise InvalidDocumentError(what, [_from_error(exc, "")]) from None
    return inputs, tuple(settlements)


def loads(text: str | bytes, *, what: str | None = None) -> Example:
    """Read an example from TOML text (or its UTF-8 bytes); raise
    :class:`~cchc.errors.InvalidDocumentError` with every problem (its path in the file,
    Vietnamese and English) when the text is malformed, a value is invalid or the plan breaks
    the example's rules, and :class:`~cchc.errors.ParseError` when there is no text to read:
    nothing at all, bytes that are not UTF-8, a lone surrogate, or arrays and inline tables
    nested deeper than :data:`MAX_DEPTH`.

    >>> loads(b"")
    Traceback (most recent call last):
    ...
    cchc.errors.ParseError: example: the file is empty
    >>> loads("a = " + "[" * 1000 + "]" * 1000)
    Traceback (most recent call last):
    ...
    cchc.errors.ParseError: example: arrays and tables are nested deeper than 32 levels
    """
    return _from_data(_toml(text, what or "example"), what)


#: The deepest nesting of arrays and inline tables a data file may have; deeper text is refused
#: before it is parsed (the bundled files nest three deep).
MAX_DEPTH = 32

# what may hold brackets that do not nest: strings of the four kinds, and comments
_TOML_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''.*?'''"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*",
    re.DOTALL,
)
_TOML_BRACKET = re.compile(r"[\[\]{}]")


def _nested_too_deep(text: str) -> bool:
    """Whether arrays and inline tables nest deeper than :data:`MAX_DEPTH`, in one linear
    pass (brackets inside strings and comments do not count)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for match in _TOML_BRACKET.finditer(_TOML_SKIP.sub("", text)):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth = max(depth - 1, 0)
    return False


def _unreadable_text(what: str, en: str, vi: str, code: str = "data.unreadable") -> ParseError:
    return ParseError(f"{what}: {en}", vi=vi, code=code, findings=[Finding(code, "", vi, en)])


def _toml(text: object, what: str) -> dict[str, Any]:
    """Parse TOML text or UTF-8 bytes; text that cannot be read is a ParseError, malformed
    TOML an InvalidDocumentError with the line and column."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _unreadable_text(
                what,
                f"the file is not UTF-8 text (byte {exc.start} cannot be read)",
                f"tệp không phải là văn bản UTF-8 (không đọc được byte thứ {exc.start})",
            ) from None
    if not isinstance(text, str):
        raise CchcTypeError(
            f"must be TOML text or bytes, not {type(text).__name__}",
            vi="phải là văn bản TOML",
            field="text",
            value=text,
        )
    if not text.strip():
        raise _unreadable_text(what, "the file is empty", "tệp không có nội dung", "data.empty")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _unreadable_text(
            what,
            f"the text holds a lone surrogate at character {exc.start}, which no file can store",
            f"văn bản chứa ký tự không hợp lệ ở vị trí {exc.start} (nửa cặp thay thế Unicode)",
        ) from None
    if _nested_too_deep(text):
        raise _unreadable_text(
            what,
            f"arrays and tables are nested deeper than {MAX_DEPTH} levels",
            f"mảng và bảng lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)",
            "data.too-deep",
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        at_vi = f" (lỗi ở dòng {where[1]}, cột {where[2]})" if where else ""
        finding = Finding(
            "data.toml", "", f"Tệp không đúng định dạng TOML{at_vi}", f"not TOML: {exc}"
        )
        raise InvalidDocumentError(what, [finding]) from None
    except RecursionError:  # the depth check comes first; this is the last resort
        raise _unreadable_text(
            what,
            "arrays and tables are nested too deeply",
            "mảng và bảng lồng nhau quá sâu",
            "data.too-deep",
        ) from None


def _from_data(data: dict[str, Any], what: str | None = None) -> Example:
    """Build an example from parsed TOML (see :func:`loads`)."""
    reader = _Reader()
    example = reader.example(data)
    name = data.get("example", {}).get("name") if isinstance(data.get("example"), dict) else None
    label = what or (f"example {name!r}" if name else "example")
    if example is None or reader.findings:
        found = reader.findings + [f for f in reader.rule_findings if f.severity is Severity.ERROR]
        raise InvalidDocumentError(label, found)
    errors = [f for f in _rule_findings(example) if f.severity is Severity.ERROR]
    if errors:
        raise InvalidDocumentError(label, errors)
    return example


def _checked(
    plan: Plan, campaign: Campaign | None, rules: RuleSet, units: UnitTree | None
) -> list[Finding]:
    """The findings of ``rules`` on the plan (and campaign), with paths as in the data file."""
    if campaign is not None:
        return [
            attrs.evolve(f, path=f.path if f.path.startswith("plan.") else f"campaign.{f.path}")
            for f in validate_campaign(campaign, rules)
        ]
    return [attrs.evolve(f, path=f"plan.{f.path}") for f in validate_plan(plan, rules, units=units)]


def _rule_findings(example: Example) -> list[Finding]:
    """The findings of the example's rules, with paths as they are in the data file."""
    out = _checked(example.plan, example.campaign, example.rules, example.units)
    # the example must also be usable: its cascade, progress report and cascade check
    uses: list[tuple[str, Callable[[], object]]] = [
        ("directives", example.cascade),
        ("report", example.report),
    ]
    if example.implementing or example.compliance_of is not None:
        uses.append(("compliance", example.compliance))
    for path, use in uses:
        try:
            use()
        except CchcError as exc:
            out.append(_from_error(exc, path, _USE_KEYS.get(path, {})))
    return out


#: The file keys behind the fields a use of the example names in its errors.
_USE_KEYS: Mapping[str, Mapping[str, str]] = {
    "compliance": {"which": "of", "units": "units", "within_working_days": "within_working_days"},
    "report": {"start": "as_of", "end": "as_of", "date": "as_of", "as_of": "as_of"},
}


def _unreadable(exc: Exception, path: str) -> Finding:
    return Finding(
        "data.invalid",
        path,
        "Giá trị không đọc được (sai kiểu dữ liệu)",
        f"a value cannot be read: {exc}",
    )


def _shown(value: object) -> str:
    """A value as the data file writes it (lists in brackets, true/false, dates as
    YYYY-MM-DD), never in Python's spelling."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(trống)"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _q(value: object) -> str:
    """A value as a Vietnamese message quotes it: “…”, cut to about 80 characters."""
    text = _shown(value)
    if len(text) > 80:
        text = f"{text[:40]} … {text[-39:]}"
    return f"“{text}”"


def _vi(exc: CchcError) -> str:
    """The Vietnamese of an error's reason, or a Vietnamese stand-in where it gives none."""
    if exc.vi is not None:
        return exc.vi
    return "không hợp lệ"


def _from_error(exc: CchcError, path: str, keys: Mapping[str, str] | None = None) -> Finding:
    field = exc.field
    if keys is not None:
        field = keys.get(field or "", "")
    where = f"{path}.{field}" if field and path else (field or path)
    shown = f" {_q(exc.value)}" if exc.has_value else ""
    return Finding("data.invalid", where, f"Giá trị{shown} {_vi(exc)}", str(exc))


# --- reading the TOML tables, collecting every problem ---------------------------------------

_EXAMPLE_KEYS = {"name", "title", "source", "notes"}
_RULE_KEYS = {"base", "areas", "off", "severity"}
_DIRECTIVE_KEYS = {
    "number",
    "type",
    "issuer",
    "issuer_unit",
    "issued",
    "summary",
    "implements",
    "illustrative",
}
_UNIT_KEYS = {"code", "name", "kind", "parent", "staff", "tags", "illustrative"}
_GROUP_KEYS = {"code", "name", "members", "illustrative"}
_PLAN_KEYS = {
    "number",
    "summary",
    "period",
    "issuer",
    "issuer_unit",
    "issued",
    "implements",
    "objectives",
    "contents",
    "tasks",
    "participants",
    "reviews",
    "illustrative",
}
_TARGET_KEYS = {
    "name",
    "measure",
    "target",
    "due",
    "baseline",
    "baseline_year",
    "ascending",
    "actuals",
    "area",
    "illustrative",
}
_ACTUAL_KEYS = {"period", "value", "note", "illustrative"}
_TASK_KEYS = {
    "code",
    "title",
    "area",
    "lead",
    "partners",
    "output",
    "due",
    "milestones",
    "updates",
    "illustrative",
}
_MILESTONE_KEYS = {"due", "output", "illustrative"}
_UPDATE_KEYS = {"on", "status", "percent", "note", "evidence", "milestone", "illustrative"}
_REVIEW_KEYS = {"kind", "on", "note", "illustrative"}
_CAMPAIGN_KEYS = {
    "name",
    "kind",
    "window",
    "groups",
    "framework",
    "prizes",
    "reviews",
    "illustrative",
}
_PRIZES_KEYS = {"name", "groups", "titles", "one_prize_per_recipient", "illustrative"}
_PRIZE_GROUP_KEYS = {"code", "name", "levels", "illustrative"}
_LEVEL_KEYS = {"code", "name", "count", "quota"}
_TITLE_KEYS = {
    "code",
    "name",
    "group",
    "requires",
    "eligibility",
    "quota",
    "rank_by",
    "members",
    "illustrative",
}
_ELIGIBILITY_KEYS = {
    "min_band",
    "band_order",
    "min_points",
    "min_index",
    "disqualifying_flags",
    "evidence_required",
}
_QUOTA_KEYS = {"percent", "rounding", "of", "source"}
_MEMBER_GATE_KEYS = {"group", "requirements"}
_REQUIREMENT_KEYS = {"title", "min_percent", "min_count"}
_REPORT_KEYS = {"as_of", "kind", "year", "number", "due_within", "activities", "illustrative"}
_ACTIVITY_KEYS = {"kind", "count", "on", "channel", "unit", "note", "illustrative"}
_COMPLIANCE_KEYS = {"of", "units", "within_working_days", "illustrative"}
_TOP_KEYS = {
    "example",
    "rules",
    "directives",
    "units",
    "groups",
    "plan",
    "campaign",
    "report",
    "implementing",
    "compliance",
}


class _Reader:
    """Builds an :class:`Example` from parsed TOML, recording every problem with its path."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.illustrative: list[str] = []
        #: the rules' findings on a plan that loaded while other parts did not
        self.rule_findings: list[Finding] = []
        #: set when a reference was skipped because what it names failed to load
        self.incomplete = False

    # -- bookkeeping

    def problem(self, code: str, path: str, vi: str, en: str) -> None:
        self.findings.append(Finding(code, path, vi, en))

    def table(
        self, value: object, path: str, keys: set[str], required: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem("data.not-a-table", path, "Phải là một bảng (table)", "must be a table")
            return None
        for key in value:
            if key not in keys:
                self.problem(
                    "data.unknown-key",
                    f"{path}.{key}" if path else key,
                    f"Trường {_q(key)} không hợp lệ ở đây",
                    f"unknown key {key!r}",
                )
        missing = [key for key in required if key not in value]
        for key in missing:
            self.problem(
                "data.missing-key",
                f"{path}.{key}" if path else key,
                f"Thiếu trường {_q(key)}",
                f"missing key {key!r}",
            )
        if "illustrative" in value:
            mark = value["illustrative"]
            if mark is True:
                self.illustrative.append(path)
            elif isinstance(mark, list) and all(isinstance(m, str) for m in mark):
                for j, m in enumerate(mark):
                    if m in value and m != "illustrative":
                        self.illustrative.append(f"{path}.{m}")
                    else:
                        self.problem(
                            "data.invalid",
                            f"{path}.illustrative[{j}]",
                            f"Bảng không có trường {_q(m)} để đánh dấu minh họa",
                            f"the table has no key {m!r} to mark illustrative",
                        )
            elif mark is not False:
                self.problem(
                    "data.invalid",
                    f"{path}.illustrative",
                    "Phải là true/false hoặc danh sách tên trường",
                    "must be true, false or a list of field names",
                )
        # a missing key reads as _BAD, so that nothing built from it is reported again
        return {**value, **dict.fromkeys(missing, _BAD)}

    def tables(
        self, value: object, path: str, read: Callable[[object, str], T | None]
    ) -> list[T] | None:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem("data.not-a-list", path, "Phải là một danh sách", "must be a list")
            return None
        out: list[T] = []
        ok = True
        for i, item in enumerate(value):
            built = read(item, f"{path}[{i}]")
            if built is None:
                ok = False
            else:
                out.append(built)
        return out if ok else None

    def build(self, path: str, make: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        if any(a is _BAD for a in (*args, *kwargs.values())):
            return None  # a part could not be read; its problem is already recorded
        try:
            return make(*args, **kwargs)
        except InvalidDocumentError as exc:
            for f in exc.findings:
                self.findings.append(attrs.evolve(f, path=f"{path}.{f.path}" if path else f.path))
        except CchcError as exc:
            self.findings.append(_from_error(exc, path))
        except (TypeError, ValueError, AttributeError) as exc:
            # a value of a shape no constructor expects (a table where text belongs)
            self.findings.append(_unreadable(exc, path))
        return None

    def convert(self, path: str, make: Callable[[Any], T], value: Any) -> T | None:
        """Read one value (a kind, a type, a framework name), reporting a problem at
        ``path`` itself."""
        if value is _BAD:
            return None
        try:
            return make(value)
        except CchcError as exc:
            self.findings.append(
                Finding(
                    "data.invalid",
                    path,
                    f"Giá trị {_q(value)} {_vi(exc)}",
                    f"{value!r}: {exc.message}",
                )
            )
        except (TypeError, ValueError, AttributeError) as exc:
            self.findings.append(_unreadable(exc, path))
        return None

    def text(self, t: Mapping[str, Any], key: str, path: str, default: str | None = None) -> Any:
        value = t.get(key, default)
        if value is not None and not isinstance(value, str):
            self.problem("data.invalid", f"{path}.{key}", "Phải là văn bản", "must be text")
            return None
        return value

    def day(self, t: Mapping[str, Any], key: str, path: str) -> Any:
        value = t.get(key)
        if value is None or value is _BAD or isinstance(value, date):
            return value
        self.problem(
            "data.invalid",
            f"{path}.{key}",
            f"Phải là một ngày (YYYY-MM-DD), không phải {_q(value)}",
            f"must be a date (YYYY-MM-DD), not {value!r}",
        )
        return _BAD

    def period(self, t: Mapping[str, Any], key: str, path: str) -> Period | None:
        value = t.get(key)
        if value is _BAD:
            return None
        if isinstance(value, str):
            return self.convert(f"{path}.{key}", Period.parse, value)
        self.problem(
            "data.invalid",
            f"{path}.{key}",
            "Phải là khoảng thời gian dạng “05/5/2021 - 31/12/2021”",
            "must be a period such as '05/5/2021 - 31/12/2021'",
        )
        return None

    # -- the parts

    def example(self, data: dict[str, Any]) -> Example | None:
        top = self.table(data, "", _TOP_KEYS, ("example", "rules", "plan"))
        if top is None:
            return None
        head = self.table(
            data.get("example", {}), "example", _EXAMPLE_KEYS, ("name", "title", "source")
        )
        if head is not None:
            for key in ("name", "title", "source"):
                if head[key] is not _BAD and self.text(head, key, "example") is None:
                    head = None
                    break
        if head is not None and not _is_texts(head.get("notes", [])):
            self.problem(
                "data.invalid",
                "example.notes",
                "Phải là danh sách văn bản",
                "must be a list of texts",
            )
        rules = self.rules(data["rules"], "rules") if "rules" in data else None
        directives = self.tables(data.get("directives"), "directives", self.directive)
        implementing = self.tables(data.get("implementing"), "implementing", self.directive)
        units = self.tables(data.get("units"), "units", self.unit)
        tree = self.build("units", UnitTree, units) if units else None
        groups = self.tables(data.get("groups"), "groups", self.group)
        known = {d.key: d for d in directives or []}
        # when a directive failed to load, a reference the plan makes cannot be judged
        plan = (
            self.plan(data["plan"], "plan", known, all_known=directives is not None)
            if "plan" in data
            else None
        )
        campaign = None
        if "campaign" in data and plan is not None and groups is not None:
            campaign = self.campaign(data["campaign"], "campaign", plan, groups, tree)
        report = self.report(data.get("report", {}), "report")
        comp = self.compliance(data.get("compliance", {}), "compliance")
        campaign_ok = campaign is not None or "campaign" not in data
        if self.findings and plan is not None and rules is not None and not self.incomplete:
            # run the rules on what did load, so that one round reports every problem
            self.rule_findings = _checked(
                plan, campaign if campaign_ok else None, rules, tree if units else None
            )
        if head is None or rules is None or plan is None or report is None or comp is None:
            return None
        if directives is None or implementing is None or groups is None or units is None:
            return None
        if self.findings:
            return None
        notes = head.get("notes", []) if _is_texts(head.get("notes", [])) else []
        return self.build(
            "example",
            Example,
            name=head["name"],
            title=head["title"],
            source=head["source"],
            rules=rules,
            plan=plan,
            directives=tuple(directives),
            implementing=tuple(implementing),
            units=tree,
            groups=tuple(groups),
            campaign=campaign,
            report_as_of=report[0],
            report_period=None if report[1] is None else report[1].period,
            report_kind=report[1],
            due_within=report[2],
            activities=tuple(report[3]),
            compliance_of=comp[0],
            compliance_units=comp[1],
            within_working_days=comp[2],
            illustrative=tuple(self.illustrative),
            notes=tuple(notes),
        )

    def rules(self, value: object, path: str) -> RuleSet | None:
        t = self.table(value, path, _RULE_KEYS)
        if t is None:
            return None
        base = t.get("base", "bac-kan-7946")
        if base != BAC_KAN_7946.name:
            self.problem(
                "data.invalid",
                f"{path}.base",
                f"Không có bộ quy tắc {_q(base)}",
                f"no rule set {base!r}; known: {BAC_KAN_7946.name}",
            )
            return None
        rules: RuleSet | None = BAC_KAN_7946
        if "areas" in t:
            rules = self.build(f"{path}.areas", BAC_KAN_7946.requiring, *_list(t["areas"]))
        if rules is not None and "off" in t:
            for i, code in enumerate(_list(t["off"])):
                if rules is not None:
                    rules = self.convert(f"{path}.off[{i}]", rules.without, code)
        severity = t.get("severity", {})
        if not isinstance(severity, dict):
            self.problem(
                "data.not-a-table",
                f"{path}.severity",
                "Phải là một bảng (table)",
                "must be a table",
            )
        elif rules is not None:
            for code, level in severity.items():
                sev = next((s for s in Severity if s.value == level), None)
                if sev is None:
                    self.problem(
                        "data.invalid",
                        f"{path}.severity.{code}",
                        "Mức độ phải là error, warning hoặc info",
                        "severity must be error, warning or info",
                    )
                    continue
                rules = self.convert(
                    f"{path}.severity.{code}", functools.partial(_with_severity, rules, sev), code
                )
                if rules is None:
                    break
        return rules

    def directive(self, value: object, path: str) -> Directive | None:
        t = self.table(value, path, _DIRECTIVE_KEYS, ("issuer", "issued"))
        if t is None:
            return None
        kind = None
        if "type" in t:
            kind = self.convert(f"{path}.type", _document_type, t["type"])
            if kind is None:
                return None
        extra = {"doc_type": kind} if kind is not None else {}
        number = t.get("number")
        if isinstance(number, str):
            number = self.convert(f"{path}.number", DocumentNumber.parse, number)
            if number is None:
                return None
        return self.build(
            path,
            Directive,
            number=number,
            issuer=t.get("issuer"),
            issued=self.day(t, "issued", path),
            summary=t.get("summary", ""),
            implements=t.get("implements", ()),
            issuer_unit=t.get("issuer_unit"),
            **extra,
        )

    def unit(self, value: object, path: str) -> Unit | None:
        t = self.table(value, path, _UNIT_KEYS, ("code", "name", "kind"))
        if t is None:
            return None
        kind = self.convert(f"{path}.kind", UnitKind.from_text, t.get("kind"))
        if kind is None:
            return None
        return self.build(
            path,
            Unit,
            t.get("code"),
            t.get("name"),
            kind,
            parent=t.get("parent"),
            staff=t.get("staff"),
            tags=t.get("tags", frozenset()),
        )

    def group(self, value: object, path: str) -> UnitGroup | None:
        t = self.table(value, path, _GROUP_KEYS, ("code", "name", "members"))
        if t is None:
            return None
        return self.build(path, UnitGroup, t.get("code"), t.get("name"), t.get("members", ()))

    def target(self, value: object, path: str) -> Target | None:
        t = self.table(value, path, _TARGET_KEYS, ("name", "measure", "target", "due"))
        if t is None:
            return None
        actuals = self.tables(t.get("actuals"), f"{path}.actuals", self.actual)
        if actuals is None:
            return None
        return self.build(
            path,
            Target,
            t.get("name"),
            t.get("measure"),
            t.get("target"),
            due=self.day(t, "due", path),
            baseline=t.get("baseline"),
            baseline_year=t.get("baseline_year"),
            **({"ascending": t["ascending"]} if "ascending" in t else {}),
            actuals=actuals,
            area=t.get("area"),
        )

    def actual(self, value: object, path: str) -> Actual | None:
        t = self.table(value, path, _ACTUAL_KEYS, ("period", "value"))
        if t is None:
            return None
        period = self.period(t, "period", path)
        if period is None:
            return None
        return self.build(path, Actual, period, t.get("value"), t.get("note", ""))

    def milestone(self, value: object, path: str) -> Milestone | None:
        t = self.table(value, path, _MILESTONE_KEYS, ("due",))
        if t is None:
            return None
        return self.build(path, Milestone, self.day(t, "due", path), t.get("output", ""))

    def update(self, value: object, path: str) -> StatusUpdate | None:
        t = self.table(value, path, _UPDATE_KEYS, ("on", "status"))
        if t is None:
            return None
        extra = {"percent": t["percent"]} if "percent" in t else {}
        return self.build(
            path,
            StatusUpdate,
            self.day(t, "on", path),
            t.get("status"),
            note=t.get("note", ""),
            evidence=t.get("evidence", ""),
            milestone=self.day(t, "milestone", path),
            **extra,
        )

    def task(self, value: object, path: str) -> Task | None:
        t = self.table(value, path, _TASK_KEYS, ("code", "title"))
        if t is None:
            return None
        milestones = self.tables(t.get("milestones"), f"{path}.milestones", self.milestone)
        updates = self.tables(t.get("updates"), f"{path}.updates", self.update)
        if milestones is None or updates is None:
            return None
        return self.build(
            path,
            Task,
            t.get("code"),
            t.get("title"),
            area=t.get("area"),
            lead=t.get("lead"),
            partners=t.get("partners", ()),
            output=t.get("output", ""),
            due=self.day(t, "due", path),
            milestones=milestones,
            updates=updates,
        )

    def review(self, value: object, path: str) -> ReviewPoint | None:
        t = self.table(value, path, _REVIEW_KEYS, ("kind", "on"))
        if t is None:
            return None
        return self.build(
            path, ReviewPoint, t.get("kind"), self.day(t, "on", path), t.get("note", "")
        )

    def plan(
        self,
        value: object,
        path: str,
        known: Mapping[str, Directive],
        *,
        all_known: bool = True,
    ) -> Plan | None:
        t = self.table(value, path, _PLAN_KEYS, ("summary", "period"))
        if t is None:
            return None
        period = self.period(t, "period", path)
        implements: list[Directive] = []
        for i, ref in enumerate(_list(t.get("implements", []))):
            found = next((d for key, d in known.items() if fold(key) == fold(str(ref))), None)
            if found is not None:
                implements.append(found)
                continue
            self.incomplete = True  # the plan is built without it: no rules on it
            if all_known:
                self.problem(
                    "data.unknown-directive",
                    f"{path}.implements[{i}]",
                    f"Văn bản {_q(ref)} không có trong danh sách văn bản [[directives]]",
                    f"directive {ref!r} is not among the [[directives]]",
                )
        objectives = self.tables(t.get("objectives"), f"{path}.objectives", self.target)
        tasks = self.tables(t.get("tasks"), f"{path}.tasks", self.task)
        reviews = self.tables(t.get("reviews"), f"{path}.reviews", self.review)
        issued = self.day(t, "issued", path)
        if period is None or objectives is None or tasks is None or reviews is None:
            return None
        return self.build(
            path,
            Plan,
            t.get("summary"),
            period,
            number=t.get("number"),
            issuer=t.get("issuer", ""),
            issuer_unit=t.get("issuer_unit"),
            issued=issued,
            implements=implements,
            objectives=objectives,
            contents=t.get("contents", ()),
            tasks=tasks,
            participants=t.get("participants", ()),
            reviews=reviews,
        )

    def campaign(
        self,
        value: object,
        path: str,
        plan: Plan,
        groups: list[UnitGroup],
        tree: UnitTree | None,
    ) -> Campaign | None:
        t = self.table(value, path, _CAMPAIGN_KEYS, ("name", "window", "groups"))
        if t is None:
            return None
        window = self.period(t, "window", path)
        chosen: list[UnitGroup] = []
        for i, code in enumerate(_list(t.get("groups", []))):
            found = next((g for g in groups if fold(g.code) == fold(str(code))), None)
            if found is None:
                self.incomplete = True
                self.problem(
                    "data.unknown-group",
                    f"{path}.groups[{i}]",
                    f"Khối {_q(code)} không có trong danh sách khối [[groups]]",
                    f"group {code!r} is not among the [[groups]]",
                )
            else:
                chosen.append(found)
        framework: Framework | None = None
        if "framework" in t:
            framework = self.convert(f"{path}.framework", load_bundled, t["framework"])
        prizes = self.prizes(t["prizes"], f"{path}.prizes") if "prizes" in t else None
        extra: dict[str, Any] = {}
        if "reviews" in t:
            reviews = self.tables(t["reviews"], f"{path}.reviews", self.review)
            if reviews is None:
                return None
            extra["reviews"] = reviews
        if window is None or ("prizes" in t and prizes is None):
            return None
        if "framework" in t and framework is None:
            return None
        return self.build(
            path,
            Campaign,
            t.get("name"),
            plan,
            chosen,
            window,
            kind=t.get("kind", "chuyen-de"),
            units=tree,
            framework=framework,
            prizes=prizes,
            **extra,
        )

    def prizes(self, value: object, path: str) -> PrizeStructure | None:
        t = self.table(value, path, _PRIZES_KEYS, ("groups",))
        if t is None:
            return None
        groups = self.tables(t.get("groups"), f"{path}.groups", self.prize_group)
        titles = self.tables(t.get("titles"), f"{path}.titles", self.title)
        if groups is None or titles is None:
            return None
        extra = {k: t[k] for k in ("one_prize_per_recipient",) if k in t}
        if not isinstance(extra.get("one_prize_per_recipient", True), bool):
            self.problem(
                "data.invalid",
                f"{path}.one_prize_per_recipient",
                "Phải là true (mỗi thành tích chỉ một hình thức khen thưởng) hoặc false",
                "must be true or false",
            )
            return None
        return self.build(
            path, PrizeStructure, groups, titles=titles, name=t.get("name", ""), **extra
        )

    def title(self, value: object, path: str) -> Title | None:
        t = self.table(value, path, _TITLE_KEYS, ("code", "name", "group"))
        if t is None:
            return None
        extra: dict[str, Any] = {k: t[k] for k in ("requires", "rank_by") if k in t}
        parts: list[tuple[str, Callable[[object, str], object]]] = [
            ("eligibility", self.eligibility),
            ("quota", self.quota),
            ("members", self.member_gate),
        ]
        ok = True
        for key, read in parts:
            if key in t:
                extra[key] = read(t[key], f"{path}.{key}")
                ok = ok and extra[key] is not None
        if not ok:
            return None
        return self.build(path, Title, t.get("code"), t.get("name"), t.get("group"), **extra)

    def eligibility(self, value: object, path: str) -> Eligibility | None:
        t = self.table(value, path, _ELIGIBILITY_KEYS)
        if t is None:
            return None
        return self.build(path, Eligibility, **{k: t[k] for k in t if k in _ELIGIBILITY_KEYS})

    def quota(self, value: object, path: str) -> Quota | None:
        t = self.table(value, path, _QUOTA_KEYS, ("percent",))
        if t is None:
            return None
        extra = {k: t[k] for k in ("rounding", "of", "source") if k in t}
        return self.build(path, Quota, t.get("percent"), **extra)

    def member_gate(self, value: object, path: str) -> MemberGate | None:
        t = self.table(value, path, _MEMBER_GATE_KEYS, ("group", "requirements"))
        if t is None:
            return None
        where = f"{path}.requirements"
        requirements = None
        if t["requirements"] is not _BAD:
            requirements = self.tables(t["requirements"], where, self.requirement)
        if requirements == []:
            self.problem(
                "data.invalid",
                where,
                "Cần ít nhất một yêu cầu về danh hiệu của thành viên",
                "a member gate needs at least one requirement",
            )
            return None
        if requirements is None:
            return None
        return self.build(path, MemberGate, t.get("group"), requirements)

    def requirement(self, value: object, path: str) -> MemberRequirement | None:
        t = self.table(value, path, _REQUIREMENT_KEYS, ("title",))
        if t is None:
            return None
        if "min_percent" not in t and "min_count" not in t:
            self.problem(
                "data.missing-key",
                f"{path}.min_percent",
                "Thiếu trường “min_percent” (tỷ lệ phần trăm thành viên tối thiểu) "
                "hoặc “min_count” (số thành viên tối thiểu)",
                "give min_percent (the least per cent of members), min_count "
                "(the least number of members), or both",
            )
            return None
        share = None
        if "min_percent" in t:
            share = self.convert(f"{path}.min_percent", _share_of_percent, t["min_percent"])
            if share is None:
                return None
        return self.build(
            path, MemberRequirement, t.get("title"), min_share=share, min_count=t.get("min_count")
        )

    def prize_group(self, value: object, path: str) -> PrizeGroup | None:
        t = self.table(value, path, _PRIZE_GROUP_KEYS, ("code", "name", "levels"))
        if t is None:
            return None
        levels = self.tables(t.get("levels"), f"{path}.levels", self.level)
        if levels is None:
            return None
        return self.build(path, PrizeGroup, t.get("code"), t.get("name"), levels)

    def level(self, value: object, path: str) -> PrizeLevel | None:
        t = self.table(value, path, _LEVEL_KEYS, ("code", "name"))
        if t is None:
            return None
        count = t.get("count", 1)
        if not _is_count(count):
            self.problem(
                "data.invalid",
                f"{path}.count",
                "Phải là số nguyên không âm",
                "must be a whole number from 0",
            )
            return None
        quota = None
        if "quota" in t:
            quota = self.quota(t["quota"], f"{path}.quota")
            if quota is None:
                return None
        return self.build(path, PrizeLevel, t.get("code"), t.get("name"), count, quota)

    def activity(self, value: object, path: str) -> Activity | None:
        t = self.table(value, path, _ACTIVITY_KEYS, ("kind", "count", "on"))
        if t is None:
            return None
        return self.build(
            path,
            Activity,
            t.get("kind"),
            t.get("count"),
            self.day(t, "on", path),
            channel=t.get("channel", ""),
            unit=t.get("unit"),
            note=t.get("note", ""),
        )

    def report(
        self, value: object, path: str
    ) -> tuple[date | None, ReportingPeriod | None, int, list[Activity]] | None:
        t = self.table(value, path, _REPORT_KEYS)
        if t is None:
            return None
        activities = self.tables(t.get("activities"), f"{path}.activities", self.activity)
        as_of = self.day(t, "as_of", path)
        period = None
        if "kind" in t:
            kind = next((k for k in ReportKind if k.value == t["kind"]), None)
            if kind is None:
                self.problem(
                    "data.invalid",
                    f"{path}.kind",
                    "Loại báo cáo không hợp lệ",
                    f"report kind must be one of {', '.join(k.value for k in ReportKind)}",
                )
                return None
            period = self.build(path, ReportingPeriod, kind, t.get("year"), t.get("number"))
        due_within = t.get("due_within", 5)
        if not _is_count(due_within):
            self.problem(
                "data.invalid",
                f"{path}.due_within",
                "Phải là số nguyên không âm",
                "must be a whole number from 0",
            )
            return None
        if activities is None or as_of is _BAD:
            return None
        return (as_of, period, due_within, activities)

    def compliance(
        self, value: object, path: str
    ) -> tuple[str | None, tuple[str, ...] | None, int | None] | None:
        t = self.table(value, path, _COMPLIANCE_KEYS)
        if t is None:
            return None
        units = t.get("units")
        within = t.get("within_working_days")
        if within is not None and not _is_count(within):
            self.problem(
                "data.invalid",
                f"{path}.within_working_days",
                "Phải là số nguyên không âm",
                "must be a whole number from 0",
            )
            return None
        if units is not None and not _is_texts(units):
            self.problem(
                "data.invalid",
                f"{path}.units",
                "Phải là danh sách mã đơn vị",
                "must be a list of unit codes",
            )
            return None
        return (
            self.text(t, "of", path),
            None if units is None else tuple(_list(units)),
            t.get("within_working_days"),
        )


_BAD = object()  # a date that could not be read (its problem is already recorded)


def _is_texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _share_of_percent(value: object) -> Fraction:
    """A share of members written as per cent (70, "66.5", "200/3"), as a Fraction of 0–1."""
    percent = fraction(value, "min_percent")
    if not 0 <= percent <= 100:
        raise ValidationError(
            "a share of members lies between 0 and 100 %",
            vi="tỷ lệ thành viên phải nằm trong khoảng từ 0 đến 100 %",
            field="min_percent",
            value=value,
        )
    return percent / 100


def _with_severity(rules: RuleSet, severity: Severity, code: str) -> RuleSet:
    return rules.with_severity(code, severity)


def _document_type(text: str) -> DocumentType:
    try:
        return DocumentType.from_abbreviation(text)
    except CchcError:
        return DocumentType.from_name(text)
