"""Emulation campaigns: the top-level object, what it refuses and what it reports."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal
from importlib.resources import files
from typing import Any

import attrs
import pytest

import cchc.campaigns
from cchc.awards import (
    CHAU_THANH_2021,
    Candidate,
    Eligibility,
    PrizeGroup,
    PrizeLevel,
    PrizeStructure,
    TieSettlement,
    Title,
)
from cchc.calendar import Period
from cchc.campaigns import (
    Campaign,
    CampaignInputs,
    CampaignKind,
    CampaignResult,
    council_changes_of,
    format_campaign,
    run_campaign,
)
from cchc.criteria import Criterion, Framework, Rule, load_bundled
from cchc.errors import (
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    Severity,
    ValidationError,
)
from cchc.examples import load, load_results, loads_results
from cchc.export.json import from_json, to_json
from cchc.plans import BAC_KAN_7946, Plan, ReviewKind, ReviewPoint, RuleSet
from cchc.scoring import ScoreTable
from cchc.units import Unit, UnitGroup, UnitKind, UnitTree

WINDOW = Period(date(2021, 5, 5), date(2021, 12, 31))
NONE = RuleSet("campaign only", [], [])


def launch_plan(**changes: object) -> Plan:
    fields: dict[str, object] = {
        "number": "138/KH-UBND",
        "issuer": "UBND huyện Châu Thành",
        "issued": date(2021, 5, 5),
        "reviews": [ReviewPoint(ReviewKind.FINAL, date(2021, 12, 31))],
    }
    fields.update(changes)
    return Plan("Thi đua chuyên đề CCHC năm 2021", WINDOW, **fields)  # type: ignore[arg-type]


GROUPS = [
    UnitGroup("PB", "Phòng, ban, ngành huyện", ["NV", "TP"]),
    UnitGroup("XA", "Ủy ban nhân dân xã, thị trấn", ["X1", "TT"]),
]


def campaign(**changes: Any) -> Campaign:
    c = Campaign("Thi đua chuyên đề “Thực hiện CCHC” 2021", launch_plan(), GROUPS, WINDOW)
    return attrs.evolve(c, **changes)


def test_a_campaign_keeps_the_value_contract() -> None:
    c = campaign(prizes=CHAU_THANH_2021, framework=load_bundled("cchc-campaign-6"))
    assert pickle.loads(pickle.dumps(c)) == c
    assert hash(pickle.loads(pickle.dumps(c))) == hash(c)
    assert from_json(to_json(c), Campaign) == c
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.name = "x"  # type: ignore[misc]
    other = attrs.evolve(c, name="Khác")
    assert c.name != other.name
    assert repr(c).startswith("Campaign(name=")


def test_reviews_default_to_the_launching_plans() -> None:
    assert campaign().reviews == launch_plan().reviews
    own = campaign(reviews=[ReviewPoint("so-ket", date(2021, 9, 30))])
    assert [r.kind for r in own.reviews] == [ReviewKind.PRELIMINARY]
    assert own.review(ReviewKind.FINAL) == ()


def test_kind_is_read_from_its_code() -> None:
    assert campaign(kind="thuong-xuyen").kind is CampaignKind.ONGOING
    assert campaign().kind is CampaignKind.THEMATIC
    assert campaign(kind="ONGOING").kind is CampaignKind.ONGOING
    with pytest.raises(ValidationError) as err:
        campaign(kind="hằng năm")
    assert err.value.field == "kind"
    assert "thuong-xuyen" in str(err.value)
    assert repr(CampaignKind.ONGOING) == "CampaignKind.ONGOING"


def test_the_launch_is_the_plans_issue_date() -> None:
    assert campaign().launched == date(2021, 5, 5)
    assert campaign(plan=launch_plan(issued=None)).launched == WINDOW.start


def test_units_are_found_in_their_group() -> None:
    c = campaign()
    assert c.group_of("x1").code == "XA"
    assert c.group("pb").name == "Phòng, ban, ngành huyện"
    assert c.participants == ("NV", "TP", "TT", "X1")
    with pytest.raises(NotFoundError):
        c.group_of("Y")
    with pytest.raises(NotFoundError):
        c.group("KHAC")


def test_a_unit_is_ranked_in_one_group_only() -> None:
    with pytest.raises(ValidationError, match="already ranked") as err:
        campaign(groups=[*GROUPS, UnitGroup("CN", "Cá nhân", ["nv"])])
    assert err.value.field == "groups[2].members"


def test_group_codes_are_unique() -> None:
    with pytest.raises(ValidationError, match="already the code") as err:
        campaign(groups=[GROUPS[0], UnitGroup("pb", "Khác", ["Z"])])
    assert err.value.field == "groups[1].code"


def test_members_must_be_units_of_the_tree_when_one_is_given() -> None:
    tree = UnitTree(
        [
            Unit("H", "Châu Thành", UnitKind.DISTRICT),
            Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H"),
            Unit("TP", "Phòng Tư pháp", UnitKind.DISTRICT_OFFICE, parent="H"),
            Unit("X1", "Xã 1", UnitKind.COMMUNE, parent="H"),
        ]
    )
    with pytest.raises(ValidationError, match="unit tree") as err:
        campaign(units=tree)
    assert err.value.value == "TT"


def test_reviews_lie_inside_the_window() -> None:
    with pytest.raises(ValidationError, match="outside the campaign window") as err:
        campaign(reviews=[ReviewPoint(ReviewKind.FINAL, date(2022, 1, 15))])
    assert err.value.field == "reviews[0].on"


def test_parts_must_have_their_types() -> None:
    with pytest.raises(CchcTypeError):
        campaign(plan="138/KH-UBND")
    with pytest.raises(CchcTypeError) as err:
        campaign(groups=["PB"])
    assert err.value.field == "groups[0]"
    with pytest.raises(CchcTypeError):
        campaign(prizes={"PB": 4})
    with pytest.raises(ValidationError):
        campaign(name="")


def test_a_well_formed_campaign_has_no_findings() -> None:
    assert campaign(prizes=CHAU_THANH_2021).findings(NONE) == ()


def test_campaign_findings_include_the_plans_with_their_path() -> None:
    found = campaign().findings()
    assert ("plan.no-directive", "plan.implements") in [(f.code, f.path) for f in found]
    assert len(found) == len([f for f in found if f.path.startswith("plan.")])
    assert campaign().findings(BAC_KAN_7946) == found


def test_campaign_findings() -> None:
    late_plan = launch_plan(issued=date(2021, 5, 20), reviews=[])
    c = campaign(
        plan=late_plan,
        window=Period(date(2021, 5, 5), date(2022, 1, 31)),
        reviews=[],
        prizes=PrizeStructure([PrizeGroup("PB", "Phòng", [PrizeLevel("nhat", "Giải Nhất")])]),
    )
    found = [(f.code, f.path, f.severity) for f in c.findings(NONE)]
    assert found == [
        ("campaign.window-outside-plan", "window", Severity.ERROR),
        ("campaign.launched-late", "plan.issued", Severity.WARNING),
        ("campaign.no-final-review", "reviews", Severity.WARNING),
        ("campaign.group-without-prizes", "groups[1]", Severity.WARNING),
    ]


def test_a_campaign_prints_its_groups_and_prizes() -> None:
    text = format_campaign(campaign(prizes=CHAU_THANH_2021))
    assert (
        text.splitlines()[0] == "Thi đua chuyên đề “Thực hiện CCHC” 2021 (05/5/2021 – 31/12/2021)"
    )
    assert "    - XA Ủy ban nhân dân xã, thị trấn: 2 đơn vị" in text
    assert "Cá nhân có thành tích xuất sắc (08 Khen thưởng cá nhân)" in text
    assert "Tổng kết 31/12/2021" in text
    assert str(campaign()) == text.splitlines()[0]


# --- running a campaign end to end --------------------------------------------------------------


class TestRunCampaign:
    """run_campaign scores, ranks per group and allocates, on the Châu Thành example."""

    @staticmethod
    def run(**changes: Any) -> CampaignResult:
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        inputs = attrs.evolve(load_results("chau-thanh-2021"), **changes)
        return run_campaign(ex.campaign, inputs)

    def test_each_group_gets_its_four_prizes_in_rank_order(self) -> None:
        result = self.run()
        for group in ("PB", "XA"):
            ranked = [e.unit for e in result.ranking.entries if e.group == group]
            awarded = [a.recipient for a in result.decision.awards_in(group)]
            assert awarded == ranked[:4]
            assert [a.prize for a in result.decision.awards_in(group)] == [
                "nhat",
                "nhi",
                "ba",
                "kk",
            ]

    def test_eight_individuals_are_commended_and_the_rest_are_not(self) -> None:
        result = self.run()
        commended = [a.recipient for a in result.decision.awards_in("CN")]
        assert commended == [f"CN-0{i}" for i in range(1, 9)]

    def test_every_bundled_individual_has_a_position_carried_to_the_award(self) -> None:
        result = self.run()
        awards = result.decision.awards_in("CN")
        assert all(a.position and a.unit for a in awards)
        assert (awards[1].unit, awards[1].position) == ("CT-TT", "Công chức Văn phòng - Thống kê")

    def test_the_council_changes_are_reported_with_their_reasons(self) -> None:
        changes = council_changes_of(self.run())
        assert [(c.unit, c.code) for c in changes] == [
            ("CT-VP", "3.1"),
            ("CT-TT", "2.2"),
            ("CT-X03", "4.2"),
        ]
        assert all(c.reason for c in changes)

    def test_prizes_follow_the_index_when_maxima_differ(self) -> None:
        # Phòng Tư pháp declared 3.2 not applicable: it is ranked on its re-based index
        rows = {r["unit"]: r for r in self.run().rows()}
        assert rows["CT-TP"]["maximum"] == Decimal("95.00")
        assert rows["CT-TP"]["prize"] == "Giải Khuyến khích"
        assert rows["CT-VH"]["prize"] == ""

    def test_the_result_does_not_depend_on_the_order_of_the_rows(self) -> None:
        text = (files("cchc.examples") / "chau-thanh-2021-results.toml").read_text("utf-8")
        head, *blocks = text.split("\n[[self_assessments]]\n")
        last = blocks[-1].split("\n[[appraisals]]", 1)
        blocks[-1] = last[0] + "\n"
        shuffled = head + "".join("\n[[self_assessments]]\n" + b for b in reversed(blocks))
        shuffled += "\n[[appraisals]]" + last[1]
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        again = run_campaign(ex.campaign, loads_results(shuffled))
        assert again.decision == self.run().decision
        assert again.rows() == self.run().rows()

    def test_explain_names_ranks_prizes_and_changes(self) -> None:
        text = str(self.run().explain())
        assert "1. Phòng Nội vụ: 97,10/100,00 điểm, 97,10%, Xuất sắc — Giải Nhất" in text
        assert "Đề án vị trí việc làm chưa được phê duyệt" in text
        assert "Khối CN" in text

    def test_explain_in_vietnamese_writes_vietnamese_numbers_and_names_not_codes(self) -> None:
        lines = self.run().explain().text().splitlines()
        assert (
            "    - Văn phòng HĐND và UBND huyện, tiêu chí 3.1: 9,00 → 8,00 (-1,00) — Đề án vị trí "
            "việc làm chưa được phê duyệt"
        ) in lines
        assert any(
            line.startswith("    - Xã minh họa 03, tiêu chí 4.2: 2,50 → 5,00 (+2,50)")
            for line in lines
        )
        assert "  Giải Nhất: Phòng Nội vụ, 97,10 điểm, hạng 1 — xếp hạng 1 trong khối" in lines
        assert any(
            line.startswith("  Khen thưởng cá nhân: Cá nhân minh họa 02, 95,5 điểm")
            for line in lines
        )
        # no unit or person is named by its code
        assert not any("CT-" in line or "CN-" in line for line in lines)

    def test_explain_in_english_keeps_the_decimal_point(self) -> None:
        lines = self.run().explain("en").text().splitlines()
        assert "      1. Phòng Nội vụ: 97.10/100.00 điểm, 97.10 %, Xuất sắc — Giải Nhất" in lines
        assert any(
            line.startswith(
                "    - Văn phòng HĐND và UBND huyện, criterion 3.1: 9.00 → 8.00 (-1.00)"
            )
            for line in lines
        )
        assert "  Giải Nhất: Phòng Nội vụ, 97.10 points, rank 1 — ranked 1 in the group" in lines

    def test_explain_refuses_a_language_it_does_not_speak(self) -> None:
        with pytest.raises(ValidationError):
            self.run().explain("fr")  # type: ignore[arg-type]

    def test_units_without_results_and_results_without_a_group_are_all_reported(self) -> None:
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        assert ex.campaign.framework is not None
        inputs = load_results("chau-thanh-2021")
        fw = ex.campaign.framework
        partial = ScoreTable.from_wide(
            fw, [{"unit": "CT-NV", "1.1": "8"}, {"unit": "CT-KHAC", "1.1": "7"}]
        )
        with pytest.raises(InvalidDocumentError) as info:
            run_campaign(
                ex.campaign,
                attrs.evolve(inputs, self_assessment=partial, appraisal=None, survey=None),
            )
        codes = [f.code for f in info.value.findings]
        assert codes.count("campaign.no-results") == 9
        assert codes.count("campaign.unit-not-in-group") == 1

    def test_the_councils_settlement_of_a_tie_passes_through_to_the_decision(self) -> None:
        # illustrative: CN-09 is raised to CN-08's 90.5, a tie for the eighth commendation
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        inputs = load_results("chau-thanh-2021")
        people = [
            attrs.evolve(c, points=Decimal("90.5")) if c.id == "CN-09" else c
            for c in inputs.individuals
        ]
        inputs = attrs.evolve(inputs, individuals=people)
        tied = run_campaign(ex.campaign, inputs)
        assert [t.candidates for t in tied.decision.ties] == [("CN-08", "CN-09")]
        record = TieSettlement("CN", {"CN-09": "khen"}, "12/BB-HĐTĐKT", date(2021, 12, 20))
        settled = run_campaign(ex.campaign, inputs, settlements=[record])
        assert settled.decision.ties == ()
        (award,) = [a for a in settled.decision.awards if a.recipient == "CN-09"]
        assert "phân định theo Biên bản số 12/BB-HĐTĐKT ngày 20/12/2021" in award.reason.vi
        with pytest.raises(ValidationError) as err:
            run_campaign(ex.campaign, inputs, settlements=[attrs.evolve(record, group="PB")])
        assert err.value.field == "settlements[0]"

    def test_a_campaign_needs_a_framework_and_prizes(self) -> None:
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        inputs = load_results("chau-thanh-2021")
        with pytest.raises(ValidationError, match="framework"):
            run_campaign(attrs.evolve(ex.campaign, framework=None), inputs)
        with pytest.raises(ValidationError, match="prizes"):
            run_campaign(attrs.evolve(ex.campaign, prizes=None), inputs)

    def test_results_for_another_framework_are_refused(self) -> None:
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        other = ScoreTable.from_wide(load_bundled("ca-mau-1880-2013"), [{"unit": "CT-NV"}])
        with pytest.raises(ValidationError, match="ca-mau-1880-2013"):
            run_campaign(ex.campaign, CampaignInputs(other))

    def test_inputs_refuse_what_is_not_a_score_table(self) -> None:
        with pytest.raises(CchcTypeError):
            CampaignInputs("self.csv")  # type: ignore[arg-type]


# --- review fixes -----------------------------------------------------------------------------


def test_default_reviews_are_the_plans_reviews_inside_the_window() -> None:
    plan = launch_plan(
        reviews=[
            ReviewPoint(ReviewKind.PRELIMINARY, date(2021, 3, 1)),
            ReviewPoint(ReviewKind.FINAL, date(2021, 12, 31)),
        ]
    )
    c = Campaign("Thi đua", plan, GROUPS, Period(date(2021, 5, 5), date(2021, 12, 31)))
    assert c.reviews == (ReviewPoint(ReviewKind.FINAL, date(2021, 12, 31)),)


def test_a_launching_plan_issued_after_the_window_closed_is_an_error() -> None:
    c = campaign(plan=launch_plan(issued=date(2022, 1, 5)))
    found = {(f.code, f.severity) for f in c.findings(NONE)}
    assert ("campaign.launched-after-window", Severity.ERROR) in found
    assert ("campaign.launched-late", Severity.WARNING) not in found


def test_a_campaign_without_groups_is_reported() -> None:
    found = [(f.code, f.path, f.severity) for f in campaign(groups=[]).findings(NONE)]
    assert ("campaign.no-groups", "groups", Severity.ERROR) in found


def test_groups_that_differ_from_the_plans_participants_are_reported() -> None:
    plan = launch_plan(participants=["PB", "X1", "X9"])
    found = [(f.code, f.path) for f in campaign(plan=plan).findings(NONE)]
    assert ("campaign.participant-not-ranked", "plan.participants[2]") in found
    assert ("campaign.unit-not-participant", "groups[1].members") in found
    assert len([c for c, _ in found if c.startswith("campaign.")]) == 2


def test_review_kinds_are_read_from_their_code_or_refused() -> None:
    c = campaign()
    assert c.review("tong-ket") == c.review(ReviewKind.FINAL) != ()
    with pytest.raises(NotFoundError):
        c.review("tong ket cuoi")
    with pytest.raises(CchcTypeError):
        c.review(5)  # type: ignore[arg-type]


def test_format_campaign_refuses_what_is_not_a_campaign() -> None:
    with pytest.raises(CchcTypeError):
        format_campaign(None)  # type: ignore[arg-type]


# --- bands, groupings and inputs that do not fit -------------------------------------------------


def _example() -> tuple[Campaign, CampaignInputs]:
    ex = load("chau-thanh-2021")
    assert ex.campaign is not None
    return ex.campaign, load_results("chau-thanh-2021")


def _with_gate(c: Campaign, gate: Eligibility) -> Campaign:
    assert c.prizes is not None
    groups = [attrs.evolve(g, eligibility=gate) for g in c.prizes.groups]
    return attrs.evolve(c, prizes=attrs.evolve(c.prizes, groups=groups))


def test_a_minimum_band_is_ordered_by_the_campaigns_framework() -> None:
    c, inputs = _example()
    strict = run_campaign(_with_gate(c, Eligibility(min_band="Xuất sắc")), inputs)
    assert strict.decision.awards_in("PB")
    assert all(e.reasons[0].code == "band" for e in strict.decision.excluded if e.group == "PB")
    loose = run_campaign(_with_gate(c, Eligibility(min_band="Yếu")), inputs)
    banded = [e for e in loose.decision.excluded if any(r.code == "band" for r in e.reasons)]
    assert {e.group for e in banded} == {"CN"}  # individuals have no band of their own


def test_a_minimum_band_the_framework_lacks_is_a_finding_listing_its_bands() -> None:
    c, inputs = _example()
    odd = _with_gate(c, Eligibility(min_band="B"))
    found = [f for f in odd.findings(NONE) if f.code == "campaign.unknown-band"]
    assert [f.path for f in found] == [
        "prizes.groups[0].eligibility.min_band",
        "prizes.groups[1].eligibility.min_band",
        "prizes.groups[2].eligibility.min_band",
    ]
    assert "Xuất sắc, Tốt, Khá, Trung bình, Yếu" in found[0].message_vi
    assert "“B”" in found[0].message_vi
    with pytest.raises(InvalidDocumentError) as info:
        run_campaign(odd, inputs)
    assert {f.code for f in info.value.findings} == {"campaign.unknown-band"}


def test_a_title_gate_is_checked_against_the_framework_too() -> None:
    c, _ = _example()
    assert c.prizes is not None
    titled = attrs.evolve(
        c,
        prizes=attrs.evolve(
            c.prizes, titles=[Title("LDTT", "Lao động tiên tiến", "CN", Eligibility(min_band="A"))]
        ),
    )
    found = [f.path for f in titled.findings(NONE) if f.code == "campaign.unknown-band"]
    assert found == ["prizes.titles[0].eligibility.min_band"]


def test_a_grouping_that_does_not_fit_the_results_is_reported_by_validate_too() -> None:
    c, inputs = _example()
    assert c.findings(NONE, inputs=inputs) == c.findings(NONE)
    assert c.framework is not None
    partial = ScoreTable.from_wide(
        c.framework, [{"unit": "CT-NV", "1.1": "8"}, {"unit": "CT-KHAC", "1.1": "7"}]
    )
    bare = attrs.evolve(inputs, self_assessment=partial, appraisal=None, survey=None)
    found = [f for f in c.findings(NONE, inputs=bare) if f.code.startswith("campaign.")]
    codes = [f.code for f in found]
    assert codes.count("campaign.no-results") == 9
    assert codes.count("campaign.unit-not-in-group") == 1
    assert all("'" not in f.message_vi for f in found)  # an officer's quotation marks


def test_a_group_without_prizes_and_an_individual_of_no_prize_group_stop_the_run() -> None:
    c, inputs = _example()
    assert c.prizes is not None
    no_xa = attrs.evolve(c, prizes=attrs.evolve(c.prizes, groups=c.prizes.groups[::2]))
    stray = attrs.evolve(
        inputs,
        individuals=[*inputs.individuals, Candidate("cn-99", "KHOI-9", Decimal(90))],
    )
    with pytest.raises(InvalidDocumentError) as info:
        run_campaign(no_xa, stray)
    found = {(f.code, f.path) for f in info.value.findings}
    assert ("campaign.group-without-prizes", "groups[1].code") in found
    assert (
        "campaign.individual-unknown-group",
        f"inputs.individuals[{len(inputs.individuals)}].group",
    ) in found


def test_an_individual_placed_in_a_units_group_is_reported() -> None:
    c, inputs = _example()
    mixed = attrs.evolve(inputs, individuals=[Candidate("cn-99", "PB", Decimal(90))])
    found = [f.code for f in c.findings(NONE, inputs=mixed)]
    assert "campaign.individual-in-unit-group" in found


def test_vietnamese_findings_quote_as_an_officer_does() -> None:
    plan = launch_plan(participants=["PB", "X1", "X9"])
    c = campaign(plan=plan, prizes=PrizeStructure([PrizeGroup("PB", "Phòng")]))
    texts = [f.message_vi for f in c.findings(NONE)]
    assert texts
    assert all("'" not in t for t in texts)
    assert any("“X9”" in t for t in texts)


def test_errors_of_the_campaign_speak_vietnamese() -> None:
    with pytest.raises(ValidationError) as err:
        campaign(groups=[*GROUPS, UnitGroup("CN", "Cá nhân", ["nv"])])
    assert err.value.vi is not None
    assert "“PB”" in err.value.message_vi
    with pytest.raises(CchcTypeError) as type_err:
        campaign().findings(inputs=[])  # type: ignore[arg-type]
    assert type_err.value.vi


@pytest.mark.parametrize(
    "call",
    [
        lambda: campaign().group(None),  # type: ignore[arg-type]
        lambda: campaign().group_of(5),  # type: ignore[arg-type]
        lambda: campaign().group("\ud800"),
        lambda: campaign(name="\udfff"),
        lambda: campaign(kind=None),
        lambda: campaign(reviews="tong-ket"),
        lambda: campaign(groups="PB"),
        lambda: campaign().findings("rules"),  # type: ignore[arg-type]
        lambda: campaign().findings(NONE, inputs=[]),  # type: ignore[arg-type]
        lambda: campaign().check("rules"),  # type: ignore[arg-type]
        lambda: campaign().check(NONE, inputs=[]),  # type: ignore[arg-type]
        lambda: run_campaign(campaign(), None),  # type: ignore[arg-type]
        lambda: council_changes_of(None),  # type: ignore[arg-type]
        lambda: CampaignInputs(None),  # type: ignore[arg-type]
    ],
)
def test_wrong_arguments_raise_only_cchc_errors(call: Any) -> None:
    with pytest.raises(CchcError) as err:
        call()
    assert err.value.vi


def test_a_criterion_scored_against_the_group_compares_within_each_campaign_group() -> None:
    chau_thanh = load("chau-thanh-2021").campaign
    assert chau_thanh is not None
    assert chau_thanh.framework is not None
    fw = Framework(
        chau_thanh.framework.id,
        chau_thanh.framework.title,
        [Criterion("1", "Chỉ tiêu giao", Decimal(100), rule=Rule.target_relative())],
        bands=chau_thanh.framework.bands,
    )
    leaders = {"PB": "15/10", "XA": "14/10"}  # 50 % and 40 % above target
    rows = [
        {"unit": u, "1": leaders[g.code] if u == sorted(g)[0] else "12/10"}
        for g in chau_thanh.groups
        for u in g
    ]
    result = run_campaign(
        attrs.evolve(chau_thanh, framework=fw), CampaignInputs(ScoreTable.from_wide(fw, rows))
    )
    # 20 % above target against the group's leader: 50 + 50 × 20/50 in PB, 50 + 50 × 20/40 in XA
    others_points = {"PB": Decimal(70), "XA": Decimal(75)}
    for group in chau_thanh.groups:
        leader, *others = sorted(group)
        assert result.final.scorecard(leader).points == Decimal(100)  # each group's own leader
        assert {result.final.scorecard(u).points for u in others} == {others_points[group.code]}


# --- one convention for checking: findings() returns every finding, check() raises -------------


def test_a_campaign_with_an_error_is_reported_by_findings_and_refused_by_check() -> None:
    c = campaign(groups=[], prizes=CHAU_THANH_2021)
    found = c.findings(NONE)
    assert Severity.ERROR in {f.severity for f in found}
    with pytest.raises(InvalidDocumentError) as err:
        c.check(NONE)
    assert err.value.findings == found
    assert c.name in str(err.value)


def test_a_campaign_with_only_warnings_passes_check_which_returns_them() -> None:
    c = campaign(reviews=[], prizes=CHAU_THANH_2021)
    found = c.findings(NONE)
    assert [(f.code, f.severity) for f in found] == [("campaign.no-final-review", Severity.WARNING)]
    assert c.check(NONE) == found


def test_a_clean_campaign_has_no_findings_and_check_returns_none() -> None:
    c = campaign(prizes=CHAU_THANH_2021)
    assert c.findings(NONE) == c.check(NONE) == ()


def test_campaign_check_checks_the_plan_under_the_rules_given() -> None:
    c = campaign(prizes=CHAU_THANH_2021)
    assert c.check(NONE) == ()
    with pytest.raises(InvalidDocumentError) as err:
        c.check()  # the plan of the campaign has no task, under BAC_KAN_7946 an error
    assert err.value.findings == c.findings(BAC_KAN_7946)
    assert all(f.path.startswith("plan.") for f in err.value.findings)


def test_the_old_campaign_check_warns_and_answers_as_the_method() -> None:
    c = campaign()
    with pytest.warns(DeprecationWarning, match=r"validate_campaign.*campaign\.findings"):
        old = cchc.campaigns.validate_campaign(c)
    assert old == c.findings() != ()
    with pytest.warns(DeprecationWarning, match="validate_campaign"):
        assert cchc.campaigns.validate_campaign(c, NONE, inputs=None) == c.findings(NONE)
    with pytest.warns(DeprecationWarning, match="validate_campaign"), pytest.raises(CchcTypeError):
        cchc.campaigns.validate_campaign("campaign")  # type: ignore[arg-type]
