"""The five seed articles as data: plans, campaigns, directive cascades and a progress report,
loadable by name.

Each bundled file models one article, in the library's own file formats (:mod:`cchc.formats`,
kind ``example``, :class:`~cchc.examples.model.ExampleFile`), and cites it in its ``[example]``
table. What the article says is stated as fact; anything added to make the example complete (a
due date, a lead unit, the members of a group) is listed by its path in the table's
``illustrative`` list, which becomes :attr:`Example.illustrative`, with the reasons in
:attr:`Example.notes`.

>>> names()
('van-ban-2023', 'chau-thanh-2021', 'bac-kan-7946', 'district-273', 'gia-lam-9m-2021')
>>> ex = load("chau-thanh-2021")
>>> str(ex.plan.number), len(ex.plan.contents), str(ex.campaign.window)
('138/KH-UBND', 10, '05/5/2021 – 31/12/2021')
>>> ex.findings()
()

A file that is malformed or breaks a rule is refused with every problem and its path, with the
same codes as any other file the library reads (``data.*``):

>>> loads('''
... [example]
... name = "x"
... title = "Ví dụ"
... source = "—"
... [plan]
... summary = "Kế hoạch"
... period = { start = 2021-01-01, end = 2021-12-31 }
... issued = "hôm qua"
... ''')
Traceback (most recent call last):
...
cchc.errors.InvalidDocumentError: example: 2 problems
  error data.missing-key at rules: ...
  error data.invalid at plan.issued: ...
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from cchc import formats
from cchc.awards import TieSettlement
from cchc.calendar import Period, ReportingPeriod
from cchc.campaigns import Campaign, CampaignInputs, format_campaign
from cchc.directives import Cascade, Directive
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
)
from cchc.examples.model import ExampleFile, ResultsFile
from cchc.plans import (
    Activity,
    Compliance,
    Plan,
    ProgressReport,
    RuleSet,
    cascade_compliance,
    format_plan,
    format_progress,
    join_names,
    progress,
)
from cchc.scoring import ScoreTable, Source
from cchc.text import fold
from cchc.units import UnitGroup, UnitTree

__all__ = [
    "MAX_DEPTH",
    "Example",
    "ExampleFile",
    "ResultsFile",
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

_NAMES = ("van-ban-2023", "chau-thanh-2021", "bac-kan-7946", "district-273", "gia-lam-9m-2021")

#: The deepest nesting of arrays and tables an example file may have (that of every file
#: :mod:`cchc.formats` reads); deeper text is refused before it is parsed.
MAX_DEPTH = 128


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
    file) of what was added to complete the example, and ``notes`` says why; ``file`` is the
    :class:`~cchc.examples.model.ExampleFile` it was read from.
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
    #: The file the example was read from, in the form :mod:`cchc.formats` reads and writes.
    file: ExampleFile | None = attrs.field(default=None, eq=False, repr=False)

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
            return self.campaign.findings(self.rules)
        return self.plan.findings(self.rules, units=self.units)

    def check(self) -> tuple[Finding, ...]:
        """Raise :class:`~cchc.errors.InvalidDocumentError` with every finding when any is an
        error; otherwise return the findings (warnings and notes).

        >>> load("bac-kan-7946").check() == load("bac-kan-7946").findings()
        True
        """
        found = self.findings()
        if any(f.severity is Severity.ERROR for f in found):
            raise InvalidDocumentError(self.name, found)
        return found

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
        units = self.units
        groups = (*self.groups, *(self.campaign.groups if self.campaign is not None else ()))

        def named(codes: Iterable[str]) -> str:
            """Units by name (the code where the example's units do not know it)."""
            return join_names(
                units.get(c).name if units is not None and c in units else c for c in codes
            )

        lines = [f"== {self.title} ({self.name})", f"Nguồn (source): {self.source}", ""]
        lines.append(format_plan(self.plan, units=units, groups=groups))
        if self.campaign is not None:
            lines += ["", format_campaign(self.campaign)]
        if self.plan.tasks or self.activities:
            lines += ["", format_progress(self.report(), units=units)]
        if self.implementing or self.compliance_of:
            c = self.compliance()
            lines += [
                "",
                f"Các đơn vị triển khai {self.cascade().get(c.plan)} (cascade):",
                f"  đúng hạn (on time): {named(c.on_time) or '—'}",
                f"  chậm (late): {named(x.unit for x in c.late) or '—'}",
                f"  chưa ban hành (missing): {named(c.missing) or '—'}",
                f"  chưa đến hạn (pending): {named(c.pending) or '—'}",
            ]
            if c.before_parent:
                lines.append(
                    f"  ban hành trước văn bản cấp trên (dated before the plan above): "
                    f"{named(c.before_parent)}"
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


def _bundled(name: object, known: tuple[str, ...], suffix: str, what: str) -> tuple[str, str]:
    """The text of a bundled file and its label; NotFoundError for an unknown name."""
    if not isinstance(name, str) or fold(name) not in {fold(n) for n in known}:
        raise NotFoundError(
            f"no bundled {what} has this name; known: {', '.join(known)}",
            vi=f"không có {'ví dụ' if what == 'example' else 'kết quả'} mẫu nào tên như vậy; "
            f"có: {', '.join(known)}",
            field="name",
            value=name,
        )
    file = importlib.resources.files(__name__).joinpath(f"{fold(name)}{suffix}.toml")
    return file.read_text(encoding="utf-8"), f"{what} {fold(name)!r}"


def load(name: str) -> Example:
    """Load a bundled example by name; :class:`~cchc.errors.NotFoundError` for an unknown one.

    >>> load("district-273").plan.implements[0].key
    '273/KH-UBND'
    """
    text, what = _bundled(name, _NAMES, "", "example")
    return loads(text, what=what)


def load_file(path: str | Path) -> Example:
    """Load an example from a TOML (or JSON) file of the same kind as the bundled ones
    (``example``). A file that cannot be read (missing, a folder, not permitted, not UTF-8
    text) is a :class:`~cchc.errors.CchcError` naming the path.

    >>> load_file("/no/such/folder/plan.toml")
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: path = '/no/such/folder/plan.toml': no such file
    """
    if not isinstance(path, str | Path) or (isinstance(path, str) and not path.strip()):
        raise CchcTypeError(
            f"must be a file path (text or Path), not {type(path).__name__}",
            vi="phải là đường dẫn tới tệp",
            field="path",
            value=path,
        )
    what = f"example file {str(path)!r}"
    try:
        file = formats.load(path, ExampleFile)
    except ParseError as exc:
        if exc.field == "path":  # the file itself cannot be read: its own error, naming it
            raise
        raise _refused(exc, what) from None
    return _example(file, what)


def loads(
    text: str | bytes, *, what: str | None = None, format: formats.Format = "toml"
) -> Example:
    """Read an example from TOML (or JSON) text or its UTF-8 bytes, through
    :mod:`cchc.formats` (kind ``example``); raise :class:`~cchc.errors.InvalidDocumentError`
    with every problem (its path in the file, Vietnamese and English) when the text is
    malformed, a value is invalid or the plan breaks the example's rules.

    >>> loads("a = " + "[" * 1000 + "]" * 1000)
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: example: 1 problem
      error data.too-deep ...
    """
    label = what or "example"
    try:
        file = formats.loads(text, ExampleFile, format=format)
    except ParseError as exc:
        raise _refused(exc, label) from None
    return _example(file, label)


def _refused(exc: ParseError, what: str) -> InvalidDocumentError:
    """A refusal of :mod:`cchc.formats` as the example's: its findings, or the one problem."""
    findings = list(exc.findings) or [
        Finding(exc.code or "data.invalid", "", exc.vi or "Tệp không đọc được", exc.message)
    ]
    # each Vietnamese message is a sentence of its own
    return InvalidDocumentError(
        what,
        [attrs.evolve(f, message_vi=f.message_vi[:1].upper() + f.message_vi[1:]) for f in findings],
    )


def _example(file: ExampleFile, what: str) -> Example:
    """The example of a file read, refused with the errors its rules find."""
    reporting = file.report.reporting()
    directives = list(file.directives)
    directives += [d for d in file.plan.implements if d not in directives]
    example = Example(
        name=file.example.name,
        title=file.example.title,
        source=file.example.source,
        rules=file.rules.rule_set(),
        plan=file.plan,
        directives=tuple(directives),
        implementing=file.implementing,
        units=file.unit_tree(),
        groups=file.groups,
        campaign=file.campaign_of(),
        report_as_of=file.report.as_of,
        report_period=None if reporting is None else reporting.period,
        report_kind=reporting,
        due_within=file.report.due_within,
        activities=file.report.activities,
        compliance_of=file.compliance.of,
        compliance_units=file.compliance.units,
        within_working_days=file.compliance.within_working_days,
        illustrative=file.example.illustrative,
        notes=file.example.notes,
        file=file,
    )
    errors = [f for f in _rule_findings(example) if f.severity is Severity.ERROR]
    if errors:
        raise InvalidDocumentError(what, errors)
    return example


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
    text, what = _bundled(name, results_names(), "-results", "results")
    return loads_results(text, what=what)


def loads_results(text: str | bytes, *, what: str = "results") -> CampaignInputs:
    """Read campaign results from TOML text of the bundled kind (``example-results``, a
    :class:`~cchc.examples.model.ResultsFile`; see ``chau-thanh-2021-results.toml``): the
    units' self-assessments, scored by the framework the ``[results]`` table names, the
    council's appraisals, the survey and the individuals; every problem is reported at once,
    with its path.

    >>> loads_results('''
    ... [results]
    ... framework = "cchc-campaign-6"
    ... [[self_assessments]]
    ... unit = "X"
    ... entries = [{ code = "1.1", value = "99" }, { code = "9.9", value = "1" }]
    ... [[individuals]]
    ... id = "A"
    ... group = "CN"
    ... ''')
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: results: 1 problem
      error data.missing-key at individuals[0].points: ...

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
    text, what = _bundled(name, results_names(), "-results", "results")
    return loads_settlements(text, what=what)


def loads_settlements(text: str | bytes, *, what: str = "results") -> tuple[TieSettlement, ...]:
    """The council's settlements of ties in campaign results of the bundled kind: one
    ``[[settlements]]`` table each, a :class:`~cchc.awards.TieSettlement` in its file form
    (the ``group``, the ``places`` as pairs of a candidate id and a prize or title code, the
    council's document ``number``, the date it was ``issued`` and optionally the
    ``council``). The whole file is read and checked, as :func:`loads_results` does, and
    every problem is reported at once with its path.

    >>> loads_settlements('''
    ... [results]
    ... framework = "cchc-campaign-6"
    ... [[self_assessments]]
    ... unit = "X"
    ... entries = []
    ... [[settlements]]
    ... group = "CN"
    ... places = [["CN-09", "khen"]]
    ... number = "12/BB-HĐTĐKT"
    ... issued = 2021-12-05
    ... ''')[0].text("vi")
    'Biên bản số 12/BB-HĐTĐKT ngày 05/12/2021 của Hội đồng Thi đua - Khen thưởng'
    """
    return _results(text, what)[1]


def _results(text: str | bytes, what: str) -> tuple[CampaignInputs, tuple[TieSettlement, ...]]:
    """Read a results file: the campaign's inputs and the council's settlements."""
    try:
        file = formats.loads(text, ResultsFile)
    except ParseError as exc:
        raise _refused(exc, what) from None
    framework = file.results.bundled_framework()
    findings: list[Finding] = []
    if not file.self_assessments:
        findings.append(
            Finding(
                "data.missing-key",
                "self_assessments",
                "Thiếu kết quả tự đánh giá của các đơn vị",
                "self_assessments: is missing (the units' self-assessment is required)",
            )
        )

    def table(key: str, items: tuple[Any, ...], stage: Source) -> ScoreTable | None:
        if not items:
            return None
        try:
            return ScoreTable.from_assessments(framework, items, stage=stage, path=key)
        except InvalidDocumentError as exc:
            findings.extend(exc.findings)
        except CchcError as exc:
            findings.append(
                Finding(exc.code or "data.invalid", key, exc.vi or "không hợp lệ", exc.message)
            )
        return None

    own = table("self_assessments", file.self_assessments, Source.SELF)
    appraisal = table("appraisals", file.appraisals, Source.APPRAISAL)
    survey = table("survey", file.survey, Source.SURVEY)
    if findings or own is None:
        raise InvalidDocumentError(what, findings)
    try:
        inputs = CampaignInputs(
            own, appraisal=appraisal, survey=survey, individuals=file.individuals
        )
    except CchcError as exc:
        raise InvalidDocumentError(
            what,
            [
                Finding(
                    exc.code or "data.invalid", exc.field or "", exc.vi or "không hợp lệ", str(exc)
                )
            ],
        ) from None
    return inputs, file.settlements


def _checked(
    plan: Plan, campaign: Campaign | None, rules: RuleSet, units: UnitTree | None
) -> list[Finding]:
    """The findings of ``rules`` on the plan (and campaign), with paths as in the data file."""
    if campaign is not None:
        return [
            attrs.evolve(f, path=f.path if f.path.startswith("plan.") else f"campaign.{f.path}")
            for f in campaign.findings(rules)
        ]
    return [attrs.evolve(f, path=f"plan.{f.path}") for f in plan.findings(rules, units=units)]


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


def _from_error(exc: CchcError, path: str, keys: Mapping[str, str]) -> Finding:
    field = keys.get(exc.field or "", "")
    where = f"{path}.{field}" if field else path
    shown = f" “{exc.value}”" if exc.has_value and exc.value is not None else ""
    return Finding(
        exc.code or "data.invalid", where, f"Giá trị{shown} {exc.vi or 'không hợp lệ'}", str(exc)
    )
