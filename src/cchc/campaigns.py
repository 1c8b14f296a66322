"""Emulation campaigns (phong trào thi đua): the top-level object a user builds.

Law 06/2022/QH15 on Emulation and Commendation (Art. 16–17) describes a campaign's steps:
set its goals, scope, participants, content, criteria and duration; launch it with a plan;
inspect; spread good examples; review it part-way and at the end (sơ kết, tổng kết); and
commend. A :class:`Campaign` holds what those steps need: the launching :class:`~cchc.plans.Plan`,
the groups of units ranked against each other (khối, cụm), the time window, the review points,
and, once they are chosen, the criteria framework (:class:`~cchc.criteria.Framework`) and the
prize structure (:class:`~cchc.awards.PrizeStructure`).

Seed 001 (Châu Thành, plan 138/KH-UBND) is a thematic campaign from launch on 05/5/2021 to
31/12/2021 with two groups:

>>> from datetime import date
>>> from cchc.calendar import Period
>>> from cchc.plans import Plan
>>> from cchc.units import UnitGroup
>>> plan = Plan("Phát động phong trào thi đua chuyên đề “Thực hiện cải cách hành chính”",
...             Period(date(2021, 5, 5), date(2021, 12, 31)), number="138/KH-UBND",
...             issuer="UBND huyện Châu Thành", issued=date(2021, 5, 5))
>>> campaign = Campaign(
...     "Thi đua chuyên đề “Thực hiện cải cách hành chính” năm 2021", plan,
...     [UnitGroup("PB", "Phòng, ban, ngành huyện", ["NV", "TP"]),
...      UnitGroup("XA", "Ủy ban nhân dân xã, thị trấn", ["XA-01", "TT-01"])],
...     Period(date(2021, 5, 5), date(2021, 12, 31)), kind=CampaignKind.THEMATIC)
>>> campaign.group_of("tt-01").name
'Ủy ban nhân dân xã, thị trấn'
>>> campaign.launched, campaign.participants
(datetime.date(2021, 5, 5), ('NV', 'TP', 'TT-01', 'XA-01'))
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import attrs

from cchc._fields import (
    CodedEnum,
    deprecated,
    enum_member,
    instance_of,
    is_name,
    items_of,
    text,
    to_nfc,
)
from cchc.awards import (
    AwardDecision,
    Candidate,
    Priority,
    PrizeStructure,
    RankBy,
    TieSettlement,
    allocate,
    band_labels,
)
from cchc.calendar import Period, format_numeric_date
from cchc.criteria import Extra, Framework
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    Severity,
    ValidationError,
)
from cchc.explanations import Explanation
from cchc.lang import Lang, LangLike
from cchc.letterhead import vi_number
from cchc.plans import (
    BAC_KAN_7946,
    Plan,
    ReviewKind,
    ReviewPoint,
    RuleSet,
)
from cchc.scoring import (
    BatchResult,
    CouncilChange,
    Ranking,
    ScoreTable,
    Source,
    TiePolicy,
    council_change_report,
    rank,
    score_table,
)
from cchc.text import fold
from cchc.units import UnitGroup, UnitTree

__all__ = [
    "Campaign",
    "CampaignInputs",
    "CampaignKind",
    "CampaignResult",
    "council_changes_of",
    "format_campaign",
    "run_campaign",
    # deprecated (kept one minor version): Campaign.findings
    "validate_campaign",
]


class CampaignKind(CodedEnum):
    """The two kinds of campaign of Law 06/2022/QH15, Art. 16: ongoing (thường xuyên) or
    thematic (theo chuyên đề), the latter with a set task and duration.

    >>> CampaignKind.THEMATIC.vi
    'Thi đua theo chuyên đề'
    """

    ONGOING = "thuong-xuyen"
    THEMATIC = "chuyen-de"

    @property
    def vi(self) -> str:
        """The Vietnamese name."""
        return "Thi đua thường xuyên" if self is CampaignKind.ONGOING else "Thi đua theo chuyên đề"

    @property
    def en(self) -> str:
        """The English name."""
        return "ongoing campaign" if self is CampaignKind.ONGOING else "thematic campaign"


def _to_kind(value: object) -> CampaignKind:
    return CampaignKind.from_name(value, "kind")  # type: ignore[no-any-return]


def _to_groups(value: object) -> tuple[UnitGroup, ...]:
    return items_of(value, UnitGroup, "groups")


def _to_reviews(value: object) -> tuple[ReviewPoint, ...]:
    return tuple(sorted(items_of(value, ReviewPoint, "reviews"), key=lambda r: r.on))


def _to_individuals(value: object) -> tuple[Candidate, ...]:
    return items_of(value, Candidate, "individuals")


def _quoted(value: object) -> str:
    """A name or code as an officer writes it in a sentence: in “…”."""
    return f"“{value}”"


def _check_campaign(c: Campaign) -> None:
    codes: dict[str, int] = {}
    owner: dict[str, str] = {}
    for i, group in enumerate(c.groups):
        key = fold(group.code)
        if key in codes:
            raise ValidationError(
                f"is already the code of groups[{codes[key]}]",
                vi=f"trùng mã với khối thi đua thứ {codes[key] + 1}",
                field=f"groups[{i}].code",
                value=group.code,
            )
        codes[key] = i
        for member in group:
            if fold(member) in owner:
                raise ValidationError(
                    f"is already ranked in group {owner[fold(member)]!r}",
                    vi=f"đã thuộc khối thi đua {_quoted(owner[fold(member)])}",
                    field=f"groups[{i}].members",
                    value=member,
                )
            owner[fold(member)] = group.code
            if c.units is not None and member not in c.units:
                raise ValidationError(
                    "is not a unit of the campaign's unit tree",
                    vi="không có trong danh sách đơn vị của phong trào thi đua",
                    field=f"groups[{i}].members",
                    value=member,
                )
    for i, review in enumerate(c.reviews):
        if review.on not in c.window:
            raise ValidationError(
                f"is outside the campaign window {c.window}",
                vi=f"nằm ngoài thời gian thi đua {c.window}",
                field=f"reviews[{i}].on",
                value=review.on,
            )


def _plan_reviews_in_window(campaign: Campaign) -> tuple[ReviewPoint, ...]:
    """The launching plan's review points that fall inside the campaign window."""
    plan, window = campaign.plan, campaign.window
    if not isinstance(plan, Plan) or not isinstance(window, Period):
        return ()  # the validators name the field of the wrong type
    return tuple(r for r in plan.reviews if r.on in window)


@attrs.frozen
class Campaign:
    """An emulation campaign: its ``name``, launching ``plan``, the ``groups`` of units
    ranked against each other, its time ``window`` and ``kind``, its ``reviews`` (sơ kết,
    tổng kết; default: the plan's reviews inside the window), and the optional ``units``
    tree, criteria ``framework`` and ``prizes`` structure.

    The constructor refuses two groups with one code, a unit ranked in two groups, a member
    missing from ``units`` (when given) and a review outside the window; every other concern
    is reported by :meth:`findings` (and refused by :meth:`check` when it is an error).

    >>> from cchc.plans import Plan
    >>> Campaign("Thi đua", Plan("KH", Period.year(2023)),
    ...          [UnitGroup("A", "Khối A", ["X"]), UnitGroup("B", "Khối B", ["x"])],
    ...          Period.year(2023))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: groups[1].members = 'x': is already ranked in group 'A'
    """

    name: str = attrs.field(converter=to_nfc, validator=is_name)
    plan: Plan = attrs.field(validator=instance_of(Plan))
    groups: tuple[UnitGroup, ...] = attrs.field(converter=_to_groups)
    window: Period = attrs.field(validator=instance_of(Period))
    kind: CampaignKind = attrs.field(
        default=CampaignKind.THEMATIC, kw_only=True, converter=_to_kind
    )
    reviews: tuple[ReviewPoint, ...] = attrs.field(
        default=attrs.Factory(_plan_reviews_in_window, takes_self=True),
        kw_only=True,
        converter=_to_reviews,
    )
    units: UnitTree | None = attrs.field(
        default=None, kw_only=True, validator=instance_of(UnitTree, optional=True)
    )
    #: The criteria framework units are scored against (filled by the scoring step).
    framework: Framework | None = attrs.field(
        default=None, kw_only=True, validator=instance_of(Framework, optional=True)
    )
    #: The prizes per group and titles (filled by the awards step).
    prizes: PrizeStructure | None = attrs.field(
        default=None, kw_only=True, validator=instance_of(PrizeStructure, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        _check_campaign(self)

    def __str__(self) -> str:
        return f"{self.name} ({self.window})"

    @property
    def launched(self) -> date:
        """The launch day: the plan's issue date, else the window's start."""
        return self.plan.issued or self.window.start

    @property
    def participants(self) -> tuple[str, ...]:
        """Every unit code ranked in a group, sorted."""
        return tuple(sorted((m for g in self.groups for m in g), key=lambda c: (fold(c), c)))

    def group(self, code: str) -> UnitGroup:
        """The group with this code."""
        key = fold(text(code, "code"))
        for group in self.groups:
            if fold(group.code) == key:
                return group
        raise NotFoundError(
            "no group of the campaign has this code",
            vi="phong trào thi đua không có khối thi đua mang mã này",
            field="code",
            value=code,
        )

    def group_of(self, unit: str) -> UnitGroup:
        """The group a unit is ranked in."""
        unit = text(unit, "unit")
        for group in self.groups:
            if unit in group:
                return group
        raise NotFoundError(
            "the unit is in no group of the campaign",
            vi="đơn vị không thuộc khối thi đua nào của phong trào",
            field="unit",
            value=unit,
        )

    def review(self, kind: ReviewKind | str) -> tuple[ReviewPoint, ...]:
        """The review points of one kind (a :class:`~cchc.plans.ReviewKind` or its code,
        ``"so-ket"`` or ``"tong-ket"``), in date order.

        >>> from cchc.plans import Plan
        >>> c = Campaign("Thi đua", Plan("KH", Period.year(2023)), [], Period.year(2023),
        ...              reviews=[ReviewPoint("tong-ket", date(2023, 12, 20))])
        >>> [str(r.on) for r in c.review("tong-ket")], c.review(ReviewKind.PRELIMINARY)
        (['2023-12-20'], ())
        """
        if not isinstance(kind, ReviewKind | str):
            raise CchcTypeError(
                "must be a ReviewKind or its code",
                vi="phải là sơ kết (so-ket) hoặc tổng kết (tong-ket)",
                field="kind",
                value=kind,
            )
        try:
            wanted = enum_member(ReviewKind, kind, "kind")
        except CchcError:
            raise NotFoundError(
                "no such kind of review; known: so-ket, tong-ket",
                vi="không có loại mốc này; chọn sơ kết (so-ket) hoặc tổng kết (tong-ket)",
                field="kind",
                value=kind,
            ) from None
        return tuple(r for r in self.reviews if r.kind is wanted)

    def findings(
        self, rules: RuleSet = BAC_KAN_7946, *, inputs: CampaignInputs | None = None
    ) -> tuple[Finding, ...]:
        """Every finding on the campaign: its plan's (under ``rules``, paths prefixed
        ``plan.``) and the campaign's own: the window outside the plan period, a launch after
        the window opens (an error once it has closed), no group, units ranked that the plan
        does not name as participants and participants no group ranks, no final review, groups
        without a prize group of the same code, and a gate's minimum band that the framework
        does not have. Given the ``inputs``, also what :func:`run_campaign` would refuse: a
        unit of a group without results, results of a unit in no group, an individual of an
        unknown group. Nothing found is raised; only an argument of the wrong type is.

        >>> from cchc.plans import Plan
        >>> c = Campaign("Thi đua", Plan("KH", Period.year(2023)),
        ...              [UnitGroup("XA", "Xã", ["X1"])], Period.year(2024))
        >>> [f.code for f in c.findings(RuleSet("campaign only", [], []))]
        ['campaign.window-outside-plan', 'campaign.no-final-review']
        """
        return _campaign_findings(self, rules, inputs)

    def check(
        self, rules: RuleSet = BAC_KAN_7946, *, inputs: CampaignInputs | None = None
    ) -> tuple[Finding, ...]:
        """Like :meth:`findings`, but raise :class:`~cchc.errors.InvalidDocumentError` with
        every finding when any is an error; otherwise return the warnings and notes.

        >>> from cchc.plans import Plan
        >>> c = Campaign("Thi đua", Plan("KH", Period.year(2023)),
        ...              [UnitGroup("XA", "Xã", ["X1"])], Period.year(2024))
        >>> c.check(RuleSet("campaign only", [], []))
        Traceback (most recent call last):
        ...
        cchc.errors.InvalidDocumentError: campaign 'Thi đua': 2 problems
          error campaign.window-outside-plan at window: ...
          warning campaign.no-final-review at reviews: ...
        """
        found = _campaign_findings(self, rules, inputs)
        if any(f.severity is Severity.ERROR for f in found):
            raise InvalidDocumentError(f"campaign {self.name!r}", found)
        return found


def _finding(code: str, path: str, vi: str, en: str, severity: Severity) -> Finding:
    return Finding(code, path, vi, en, severity)


def validate_campaign(
    campaign: Campaign,
    rules: RuleSet = BAC_KAN_7946,
    *,
    inputs: CampaignInputs | None = None,
) -> tuple[Finding, ...]:
    """Deprecated: use :meth:`Campaign.findings` (``campaign.findings(rules, inputs=...)``)."""
    deprecated("cchc.campaigns.validate_campaign(campaign, ...)", "campaign.findings(...)")
    return _campaign_findings(campaign, rules, inputs)


def _campaign_findings(
    campaign: Campaign, rules: RuleSet, inputs: CampaignInputs | None
) -> tuple[Finding, ...]:
    """The findings of :meth:`Campaign.findings`, its arguments checked."""
    _require(campaign, Campaign, "campaign", "một phong trào thi đua")
    _require(rules, RuleSet, "rules", "một bộ quy tắc kiểm tra")
    plan_findings = campaign.plan.findings(rules, units=campaign.units)
    out = [attrs.evolve(f, path=f"plan.{f.path}") for f in plan_findings]
    window, period = campaign.window, campaign.plan.period
    if not (period.start <= window.start and window.end <= period.end):
        out.append(
            _finding(
                "campaign.window-outside-plan",
                "window",
                f"Thời gian thi đua {window} vượt ra ngoài thời gian của kế hoạch {period}",
                "the campaign window is not inside the plan period",
                Severity.ERROR,
            )
        )
    if not campaign.groups:
        out.append(
            _finding(
                "campaign.no-groups",
                "groups",
                "Chưa có khối, cụm thi đua nào",
                "the campaign ranks its units in no group",
                Severity.ERROR,
            )
        )
    out += _participant_findings(campaign)
    issued = campaign.plan.issued
    if issued is not None and issued > window.end:
        out.append(
            _finding(
                "campaign.launched-after-window",
                "plan.issued",
                f"Kế hoạch phát động ban hành ngày {format_numeric_date(issued)}, sau khi thời "
                f"gian thi đua đã kết thúc ({format_numeric_date(window.end)})",
                "the launching plan is issued after the campaign window has closed",
                Severity.ERROR,
            )
        )
    elif issued is not None and issued > window.start:
        out.append(
            _finding(
                "campaign.launched-late",
                "plan.issued",
                f"Kế hoạch phát động ban hành ngày {format_numeric_date(issued)}, sau ngày bắt "
                f"đầu thi đua {format_numeric_date(window.start)}",
                "the launching plan is issued after the campaign window opens",
                Severity.WARNING,
            )
        )
    if not campaign.review(ReviewKind.FINAL):
        out.append(
            _finding(
                "campaign.no-final-review",
                "reviews",
                "Chưa có mốc tổng kết phong trào thi đua",
                "the campaign has no final review",
                Severity.WARNING,
            )
        )
    if campaign.prizes is not None:
        prize_groups = {fold(g.code) for g in campaign.prizes.groups}
        for i, group in enumerate(campaign.groups):
            if fold(group.code) not in prize_groups:
                out.append(
                    _finding(
                        "campaign.group-without-prizes",
                        f"groups[{i}]",
                        f"Khối {_quoted(group.name)} chưa có cơ cấu giải thưởng",
                        f"group {group.code!r} has no prize group",
                        Severity.WARNING,
                    )
                )
    out += _band_findings(campaign)
    if inputs is not None:
        _require(inputs, CampaignInputs, "inputs", "kết quả chấm điểm")
        out += _input_findings(campaign, inputs)
    return tuple(out)


def _require(value: object, kind: type, field: str, vi: str) -> None:
    if not isinstance(value, kind):
        raise CchcTypeError(
            f"must be a {kind.__name__}, not {type(value).__name__}",
            vi=f"phải là {vi}",
            field=field,
            value=value,
        )


def _band_findings(campaign: Campaign) -> list[Finding]:
    """A gate's minimum band that the campaign's framework does not have (its bands listed)."""
    if campaign.prizes is None or campaign.framework is None:
        return []
    gates = [(f"prizes.groups[{i}]", g.eligibility) for i, g in enumerate(campaign.prizes.groups)]
    gates += [(f"prizes.titles[{i}]", t.eligibility) for i, t in enumerate(campaign.prizes.titles)]
    out = []
    for path, gate in gates:
        try:
            gate.check_bands(campaign.framework)
        except CchcError as exc:
            labels = ", ".join(band_labels(campaign.framework)) or "—"
            out.append(
                _finding(
                    "campaign.unknown-band",
                    f"{path}.eligibility.min_band",
                    f"Mức xếp loại tối thiểu {_quoted(gate.min_band)} không có trong bộ tiêu "
                    f"chí {_quoted(campaign.framework.title)}; các mức xếp loại: {labels}",
                    f"{exc.message} (framework {campaign.framework.id!r})",
                    Severity.ERROR,
                )
            )
    return out


def _unprized_groups(campaign: Campaign, prizes: PrizeStructure) -> list[Finding]:
    """Groups of the campaign that no prize group decides: an error when the campaign is run."""
    prize_groups = {fold(g.code) for g in prizes.groups}
    return [
        Finding(
            "campaign.group-without-prizes",
            f"groups[{i}].code",
            f"Khối {_quoted(g.name)} chưa có cơ cấu giải thưởng nên không xét giải được",
            f"group {g.code!r} has no prize group, so no prize can be decided",
        )
        for i, g in enumerate(campaign.groups)
        if fold(g.code) not in prize_groups
    ]


def _input_findings(campaign: Campaign, inputs: CampaignInputs) -> list[Finding]:
    """What the inputs lack or hold beyond the campaign's groups and prize groups."""
    table = inputs.final_table()
    scored = {fold(u) for u in table.units}
    findings = [
        Finding(
            "campaign.no-results",
            f"groups[{i}].members",
            f"Đơn vị {_quoted(m)} của khối {_quoted(g.code)} chưa có kết quả chấm điểm",
            f"unit {m!r} of group {g.code!r} has no results",
        )
        for i, g in enumerate(campaign.groups)
        for m in sorted(g)
        if fold(m) not in scored
    ]
    grouped = {fold(m) for g in campaign.groups for m in g}
    findings += [
        Finding(
            "campaign.unit-not-in-group",
            f"inputs.self_assessment.units[{j}]",
            f"Đơn vị {_quoted(u)} có kết quả chấm điểm nhưng không thuộc khối thi đua nào",
            f"unit {u!r} has results but is in no group of the campaign",
        )
        for j, u in enumerate(table.units)
        if fold(u) not in grouped
    ]
    if campaign.prizes is not None:
        prize_groups = {fold(g.code) for g in campaign.prizes.groups}
        campaign_groups = {fold(g.code) for g in campaign.groups}
        for k, person in enumerate(inputs.individuals):
            if fold(person.group) not in prize_groups:
                findings.append(
                    Finding(
                        "campaign.individual-unknown-group",
                        f"inputs.individuals[{k}].group",
                        f"Cá nhân {_quoted(person.display_name)} thuộc khối "
                        f"{_quoted(person.group)}, không có trong cơ cấu giải thưởng",
                        f"individual {person.id!r} is in group {person.group!r}, which the "
                        "prize structure does not have",
                    )
                )
            elif fold(person.group) in campaign_groups:
                findings.append(
                    Finding(
                        "campaign.individual-in-unit-group",
                        f"inputs.individuals[{k}].group",
                        f"Cá nhân {_quoted(person.display_name)} được xếp vào khối "
                        f"{_quoted(person.group)} của các đơn vị",
                        f"individual {person.id!r} is placed in the units' group {person.group!r}",
                    )
                )
    return findings


def _participant_findings(campaign: Campaign) -> list[Finding]:
    """Units ranked in a group that the plan does not name as participants, and participants
    the plan names that no group ranks (a participant code may be a group's code)."""
    named = campaign.plan.participants
    if not named:
        return []
    groups = {fold(g.code): g for g in campaign.groups}
    ranked = {fold(m) for g in campaign.groups for m in g}
    covered: set[str] = set()
    out: list[Finding] = []
    for j, code in enumerate(named):
        group = groups.get(fold(code))
        if group is not None:
            covered |= {fold(m) for m in group}
        elif fold(code) in ranked:
            covered.add(fold(code))
        else:
            out.append(
                _finding(
                    "campaign.participant-not-ranked",
                    f"plan.participants[{j}]",
                    f"Đối tượng {_quoted(code)} của kế hoạch không thuộc khối thi đua nào",
                    f"participant {code!r} of the plan is ranked in no group",
                    Severity.WARNING,
                )
            )
    for i, group in enumerate(campaign.groups):
        for member in sorted(group):
            if fold(member) not in covered:
                out.append(
                    _finding(
                        "campaign.unit-not-participant",
                        f"groups[{i}].members",
                        f"Đơn vị {_quoted(member)} của khối {_quoted(group.code)} không có trong "
                        "đối tượng "
                        "thi đua của kế hoạch",
                        f"unit {member!r} of group {group.code!r} is not a participant of the plan",
                        Severity.WARNING,
                    )
                )
    return out


def format_campaign(campaign: Campaign) -> str:
    """A plain-text summary of a campaign, in Vietnamese with English where it helps.

    >>> from cchc.plans import Plan
    >>> print(format_campaign(Campaign("Thi đua CCHC", Plan("KH", Period.year(2023)),
    ...                                [UnitGroup("XA", "UBND xã", ["X1", "X2"])],
    ...                                Period.year(2023), kind="thuong-xuyen")))
    Thi đua CCHC (năm 2023)
      Loại (kind): Thi đua thường xuyên
      Kế hoạch phát động (plan): Kế hoạch về KH
      Khối thi đua (groups):
        - XA UBND xã: 2 đơn vị
    """
    _require(campaign, Campaign, "campaign", "một phong trào thi đua")
    lines = [
        str(campaign),
        f"  Loại (kind): {campaign.kind.vi}",
        f"  Kế hoạch phát động (plan): {campaign.plan}",
        "  Khối thi đua (groups):",
        *(f"    - {g.code} {g.name}: {len(g)} đơn vị" for g in campaign.groups),
    ]
    if campaign.reviews:
        lines.append("  Sơ kết, tổng kết (reviews):")
        lines += [f"    - {r.kind.vi} {format_numeric_date(r.on)}" for r in campaign.reviews]
    if campaign.framework is not None:
        lines.append(f"  Bộ tiêu chí (criteria): {campaign.framework.title}")
    if campaign.prizes is not None:
        lines.append("  Cơ cấu giải thưởng (prizes):")
        lines += [f"    - {g}" for g in campaign.prizes.groups]
    return "\n".join(lines)


# --- running a campaign end to end --------------------------------------------------------------


@attrs.frozen(eq=False)
class CampaignInputs:
    """What a campaign's units and its council produced: the units' ``self_assessment``, the
    council's ``appraisal`` (only the cells it changed, each with its reason) and the
    ``survey`` results, all as :class:`~cchc.scoring.ScoreTable` s of the campaign's framework,
    and the ``individuals`` nominated for personal commendation as
    :class:`~cchc.awards.Candidate` s (their group is the prize structure's individual group).
    """

    self_assessment: ScoreTable = attrs.field(validator=instance_of(ScoreTable))
    appraisal: ScoreTable | None = attrs.field(
        default=None, kw_only=True, validator=instance_of(ScoreTable, optional=True)
    )
    survey: ScoreTable | None = attrs.field(
        default=None, kw_only=True, validator=instance_of(ScoreTable, optional=True)
    )
    individuals: tuple[Candidate, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_individuals
    )

    def final_table(self) -> ScoreTable:
        """The self-assessment with the appraisal and then the survey laid over it."""
        table = self.self_assessment
        for stage in (self.appraisal, self.survey):
            if stage is not None:
                table = table.overlay(stage)
        return table


@attrs.frozen(eq=False)
class CampaignResult:
    """A campaign run end to end: the ``own`` (self-assessed) and ``final`` scores of every
    unit, their ``ranking`` within the campaign's groups, and the award ``decision``."""

    campaign: Campaign = attrs.field(validator=instance_of(Campaign))
    own: BatchResult = attrs.field(validator=instance_of(BatchResult))
    final: BatchResult = attrs.field(validator=instance_of(BatchResult))
    ranking: Ranking = attrs.field(validator=instance_of(Ranking))
    decision: AwardDecision = attrs.field(validator=instance_of(AwardDecision))

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    def rows(self) -> list[dict[str, object]]:
        """One row per ranked unit (group, rank, points, maximum, index to two decimals, band,
        prize), ready for ``pandas.DataFrame``."""
        prize_names = {
            (fold(g.code), fold(level.code)): level.name
            for g in self.decision.structure.groups
            for level in g.levels
        }
        won = {
            fold(a.recipient): prize_names.get((fold(a.group), fold(a.prize)), a.prize)
            for a in self.decision.awards
        }
        return [
            {
                "group": e.group,
                "unit": e.unit,
                "rank": e.rank,
                "points": e.points,
                "maximum": e.maximum,
                "index": e.index_rounded,
                "band": e.band,
                "prize": won.get(fold(e.unit), ""),
            }
            for e in self.ranking.entries
        ]

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """The ranking of each group (units by name), the council's changes, then the award
        decision walked through (:meth:`cchc.awards.AwardDecision.explain`). In Vietnamese
        (the default) numbers have a decimal comma and a thousands dot ("97,10%"), in English
        a decimal point."""
        return Explanation.of_lines(self._lines(Lang.VI), self._lines(Lang.EN), lang=lang)

    def _lines(self, lang: Lang) -> list[str]:
        vi = lang is Lang.VI
        award_lines = self.decision.explain(lang).text().splitlines()
        names = self.campaign.units

        def name_of(unit: str) -> str:
            return names.get(unit).name if names is not None and unit in names else unit

        def number(value: object) -> str:
            shown = Decimal(str(value))
            return vi_number(shown) if vi else str(value)

        lines = [str(self.campaign)]
        current = None
        for row in self.rows():
            if row["group"] != current:
                current = row["group"]
                lines.append(f"  {self.campaign.group(str(current)).name}:")
            prize = f" — {row['prize']}" if row["prize"] else ""
            share = f"{number(row['index'])}%" if vi else f"{row['index']} %"
            lines.append(
                f"    {row['rank']:>3}. {name_of(str(row['unit']))}: {number(row['points'])}/"
                f"{number(row['maximum'])} điểm, {share}, "
                f"{row['band'] or '—'}{prize}"
            )
        changes = council_changes_of(self)
        if changes:
            lines.append("  Hội đồng thẩm định điều chỉnh (council changes):")
            for c in changes:
                sign = "+" if c.change > 0 else ""
                why = f" — {c.reason}" if c.reason else ""
                lines.append(
                    f"    - {name_of(c.unit)}, {'tiêu chí' if vi else 'criterion'} {c.code}: "
                    f"{number(c.self_points)} → {number(c.appraised_points)} "
                    f"({sign}{number(c.change)}){why}"
                )
        return [*lines, "", *award_lines]


def council_changes_of(result: CampaignResult) -> tuple[CouncilChange, ...]:
    """Every score the council changed, unit by unit, with its reason."""
    _require(result, CampaignResult, "result", "kết quả một phong trào thi đua")
    return council_change_report(result.own, result.final)


def _candidates(campaign: Campaign, final: BatchResult, ranking: Ranking) -> list[Candidate]:
    tree = campaign.units
    out = []
    for entry in ranking.entries:
        card = final.scorecard(entry.unit)
        unit = tree.get(entry.unit) if tree is not None and entry.unit in tree else None
        priorities = (
            [p for p in Priority if unit is not None and p.value in unit.tags] if unit else []
        )
        appraised = sum(  # a penalty the council gave counts against the unit
            (
                -line.points if line.extra is Extra.PENALTY else line.points
                for line in card.lines
                if line.source is Source.APPRAISAL
            ),
            start=Decimal(0),
        )
        out.append(
            Candidate(
                entry.unit,
                entry.group,
                entry.points,
                name=unit.name if unit is not None else "",
                index=entry.index,
                band=entry.band,
                staff=unit.staff if unit is not None else None,
                priorities=priorities,
                field_points=[(f.code, f.points) for f in card.fields],
                appraisal_points=appraised,
            )
        )
    return out


def run_campaign(
    campaign: Campaign,
    inputs: CampaignInputs,
    *,
    ties: TiePolicy | None = None,
    settlements: Iterable[TieSettlement] = (),
) -> CampaignResult:
    """Score every unit of ``campaign`` on its framework (self-assessment, appraisal, survey),
    rank the units within the campaign's groups (ties by ``ties``, default competition
    ranking) and allocate the prizes of its structure, the individuals' commendations
    included. ``settlements`` are the council's choices on the ties the allocation left it
    (:class:`~cchc.awards.TieSettlement`): run again with them, the decision gives those places
    as the council settled them (see :func:`cchc.awards.allocate`).

    Prizes follow the published ranking: each prize group that is a campaign group ranks its
    candidates by index, as :func:`cchc.scoring.rank` does, so that a unit whose maximum was
    re-based for a criterion that does not apply to it is neither helped nor hurt.

    The inputs must fit the campaign: every unit of a group has results and every unit with
    results is in a group; otherwise every problem is reported at once.

    >>> from cchc.examples import load, load_results
    >>> ex = load("chau-thanh-2021")
    >>> result = run_campaign(ex.campaign, load_results("chau-thanh-2021"))
    >>> [(a.group, a.prize, a.recipient) for a in result.decision.awards_in("PB")]
    [('PB', 'nhat', 'CT-NV'), ('PB', 'nhi', 'CT-TC'), ('PB', 'ba', 'CT-VP'), ('PB', 'kk', 'CT-TP')]
    """
    _require(campaign, Campaign, "campaign", "một phong trào thi đua")
    _require(inputs, CampaignInputs, "inputs", "kết quả chấm điểm")
    if ties is not None:
        _require(ties, TiePolicy, "ties", "một cách xếp đồng hạng")
    if campaign.framework is None:
        raise ValidationError(
            "the campaign has no criteria framework",
            vi="phong trào thi đua chưa có bộ tiêu chí",
            field="framework",
        )
    if campaign.prizes is None:
        raise ValidationError(
            "the campaign has no prize structure",
            vi="phong trào thi đua chưa có cơ cấu giải thưởng",
            field="prizes",
        )
    table = inputs.final_table()
    if table.framework.id != campaign.framework.id:
        raise ValidationError(
            f"results are for framework {table.framework.id!r}, the campaign uses "
            f"{campaign.framework.id!r}",
            vi=f"kết quả chấm điểm theo bộ tiêu chí {_quoted(table.framework.id)}, phong trào "
            f"thi đua áp dụng bộ tiêu chí {_quoted(campaign.framework.id)}",
            field="inputs.self_assessment.framework",
            value=table.framework.id,
        )
    findings = [
        *_input_findings(campaign, inputs),
        *_unprized_groups(campaign, campaign.prizes),
        *_band_findings(campaign),
    ]
    if findings:
        raise InvalidDocumentError(f"campaign {campaign.name!r}", findings)
    groups = {m: g.code for g in campaign.groups for m in g}
    by_fold = {fold(m): code for m, code in groups.items()}
    # criteria scored against the group (target- and leader-relative) compare within it
    unit_groups = {u: by_fold[fold(u)] for u in table.units}
    own = score_table(
        inputs.self_assessment, {u: by_fold[fold(u)] for u in inputs.self_assessment.units}
    )
    final = score_table(table, unit_groups)
    ranking = rank(final, unit_groups, ties)
    campaign_groups = {fold(g.code) for g in campaign.groups}
    structure = attrs.evolve(
        campaign.prizes,
        groups=[
            attrs.evolve(g, rank_by=RankBy.INDEX) if fold(g.code) in campaign_groups else g
            for g in campaign.prizes.groups
        ],
    )
    candidates = [*_candidates(campaign, final, ranking), *inputs.individuals]
    decision = allocate(structure, candidates, bands=campaign.framework, settlements=settlements)
    return CampaignResult(campaign, own, final, ranking, decision)
