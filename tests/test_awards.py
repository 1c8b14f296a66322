"""Awards: how prizes, titles and quotas are decided at the end of an emulation campaign."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import pickle
import re
import signal
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from cchc import awards
from cchc.awards import (
    CHAU_THANH_2021,
    FORMER_CSTDCS_QUOTA,
    Award,
    AwardDecision,
    Candidate,
    Eligibility,
    Exclusion,
    MemberGate,
    MemberRequirement,
    Priority,
    PrizeGroup,
    PrizeLevel,
    PrizeStructure,
    PrizeTiePolicy,
    Quota,
    RankBy,
    Reason,
    Rounding,
    SizeBracket,
    TieBreak,
    TieBreakKind,
    TieMode,
    TieSettlement,
    Title,
    Unfilled,
    UnresolvedTie,
    allocate,
    band_labels,
)
from cchc.directives import DocumentNumber, DocumentType
from cchc.errors import (
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.export.json import from_json, to_json
from cchc.text import fold
from cchc.ties import lot_draw

#: The band order the tests classify by, best first (a framework's bands in practice).
BANDS = ("A", "B", "C", "D")


def cand(id: str, points: str | int, group: str = "G", **kw: Any) -> Candidate:
    return Candidate(id, group, Decimal(points), **kw)


def levels(*counts: int) -> list[PrizeLevel]:
    names = ["nhat", "nhi", "ba", "kk", "l5", "l6"]
    return [PrizeLevel(names[i], names[i].upper(), n) for i, n in enumerate(counts)]


def one_group(*counts: int, **kw: Any) -> PrizeStructure:
    return PrizeStructure([PrizeGroup("G", "Khối thử", levels(*counts), **kw)])


def given(decision: AwardDecision) -> list[tuple[str, str]]:
    return [(a.recipient, a.prize) for a in decision.awards]


# --- value contracts ---------------------------------------------------------------------------

_SAMPLE = allocate(
    PrizeStructure(
        [PrizeGroup("G", "Khối", levels(1, 1, 1, 1), ties=PrizeTiePolicy())],
        titles=[Title("LDTT", "Lao động tiên tiến", "G", quota=Quota(50))],
    ),
    [cand("a", 9), cand("b", 9), cand("c", 7, flags={"kỷ luật"}), cand("d", 5)],
)

VALUES: list[Any] = [
    Candidate(
        "cn-01",
        "CN",
        Decimal("91.25"),
        name="Nguyễn Thị Hoà",
        unit="pb-noi-vu",
        index=Fraction(9125, 100),
        band="A",
        staff=1,
        participation=Fraction(1),
        flags={"cảnh cáo"},
        evidence=False,
        priorities={Priority.WOMAN, Priority.FRONT_LINE},
        field_points={"TTHC": Decimal("18.5"), "CCS": Decimal("9")},
        appraisal_points=Decimal("90"),
        deductions=1,
    ),
    Reason("x", "vi", "en"),
    SizeBracket(20, Fraction(4, 5)),
    Eligibility(
        min_band="B",
        min_points=Decimal(70),
        min_index=Fraction(70),
        participation=[SizeBracket(0, Fraction(1, 2))],
        disqualifying_flags={"kỷ luật"},
    ),
    FORMER_CSTDCS_QUOTA,
    TieBreak.field_points("TTHC"),
    TieBreak.total_points(),
    TieBreak.priority(Priority.WOMAN),
    TieBreak.lot("138/KH-UBND"),
    PrizeTiePolicy(TieMode.BREAK, [TieBreak.fewer_deductions(), TieBreak.lot("seed")]),
    PrizeLevel("nhat", "Giải Nhất", 1, Quota(10, Rounding.AT_LEAST_ONE)),
    CHAU_THANH_2021.groups[0],
    Title("CSTDCS", "Chiến sĩ thi đua cơ sở", "CN", quota=FORMER_CSTDCS_QUOTA, requires="LDTT"),
    CHAU_THANH_2021,
    *_SAMPLE.awards[:1],
    *_SAMPLE.unfilled[:1],
    *_SAMPLE.ties[:1],
    *_SAMPLE.excluded[:1],
    _SAMPLE,
    MemberRequirement("LĐTT", min_share=Fraction(7, 10), min_count=2),
    MemberGate("CN", [MemberRequirement("CSTĐCS", min_count=1)]),
    Title(
        "TTLĐXS",
        "Tập thể lao động xuất sắc",
        "PB",
        members=MemberGate("CN", [MemberRequirement("LĐTT", min_share=Fraction(7, 10))]),
    ),
    TieSettlement(
        "XA",
        {"xa-an-khanh": "nhi", "tt-chau-thanh": "ba"},
        "12/BB-HĐTĐKT",
        datetime.date(2021, 12, 5),
        council="Hội đồng Thi đua - Khen thưởng huyện Châu Thành",
    ),
    attrs.evolve(_SAMPLE.awards[0], conditions=[Reason("members", "vi", "en")]),
]
NAMESPACE = {name: getattr(awards, name) for name in awards.__all__} | {
    "Decimal": Decimal,
    "Fraction": Fraction,
    "DocumentNumber": DocumentNumber,
    "DocumentType": DocumentType,
    "datetime": datetime,
}


def test_the_sample_decision_has_one_of_everything() -> None:
    assert _SAMPLE.awards
    assert _SAMPLE.unfilled
    assert _SAMPLE.ties
    assert _SAMPLE.excluded


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_value_contract(value: Any) -> None:
    if isinstance(value, AwardDecision):  # a decision's repr is a short summary
        assert repr(value).startswith("AwardDecision: ")
    else:
        copy = eval(repr(value), NAMESPACE)
        assert copy == value
        assert hash(copy) == hash(value)
    assert pickle.loads(pickle.dumps(value)) == value
    assert from_json(to_json(value), type(value)) == value
    first = attrs.fields(type(value))[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, first.name, getattr(value, first.name))


@pytest.mark.parametrize(
    ("value", "changes"),
    [
        (VALUES[0], {"points": Decimal(1)}),
        (SizeBracket(20, Fraction(4, 5)), {"share": Fraction(1, 2)}),
        (Eligibility(), {"min_points": Decimal(50)}),
        (FORMER_CSTDCS_QUOTA, {"percent": Fraction(20)}),
        (PrizeTiePolicy(), {"mode": TieMode.SHARE}),
        (CHAU_THANH_2021, {"one_prize_per_recipient": False}),
        (_SAMPLE, {"ties": ()}),
    ],
    ids=lambda v: type(v).__name__,
)
def test_evolve_leaves_the_original_unchanged(value: Any, changes: dict[str, Any]) -> None:
    before = repr(value)
    changed = attrs.evolve(value, **changes)
    assert repr(value) == before
    assert changed != value


def test_text_fields_are_read_as_nfc() -> None:
    c = Candidate("xa", "Kho\u0302\u0301i", Decimal(1), name="Hoa\u0300")
    assert c.group == "Khối"
    assert c.name == "Hoà"


# --- the seed campaign -------------------------------------------------------------------------


def test_chau_thanh_2021_has_four_prizes_per_group_and_eight_individuals() -> None:
    pb, xa, cn = CHAU_THANH_2021.groups
    expected = "(01 Giải Nhất, 01 Giải Nhì, 01 Giải Ba và 01 Giải Khuyến khích)"
    assert str(pb) == f"Phòng, ban, ngành huyện {expected}"
    assert str(xa) == f"Ủy ban nhân dân xã, thị trấn {expected}"
    assert (pb.total, xa.total, cn.total) == (4, 4, 8)


def test_prizes_follow_the_ranking_best_first() -> None:
    decision = allocate(
        CHAU_THANH_2021,
        [cand(f"pb-{p}", p, "PB") for p in (70, 95, 88, 91, 60)],
    )
    assert given(decision) == [
        ("pb-95", "nhat"),
        ("pb-91", "nhi"),
        ("pb-88", "ba"),
        ("pb-70", "kk"),
    ]
    assert [a.rank for a in decision.awards] == [1, 2, 3, 4]
    assert [u.group for u in decision.unfilled] == ["XA"] * 4 + ["CN"]
    assert decision.ties == ()


def test_eight_individuals_are_commended() -> None:
    people = [cand(f"cn-{i:02}", 80 + i, "CN") for i in range(10)]
    decision = allocate(CHAU_THANH_2021, people)
    assert sorted(a.recipient for a in decision.awards_in("CN")) == [
        f"cn-{i:02}" for i in range(2, 10)
    ]


def test_a_persons_unit_and_position_are_carried_to_the_award() -> None:
    people = [
        Candidate("cn-01", "CN", 95, name="Nguyễn Văn A", unit="xa-an-hiep", position="Chủ tịch"),
        Candidate("cn-02", "CN", 90, name="Trần Thị B", unit="pb-noi-vu"),
    ]
    first, second = allocate(CHAU_THANH_2021, people).awards_in("CN")
    assert (first.unit, first.position) == ("xa-an-hiep", "Chủ tịch")
    assert (second.unit, second.position) == ("pb-noi-vu", None)
    team = allocate(CHAU_THANH_2021, [cand("pb-01", 95, "PB")]).awards[0]
    assert (team.unit, team.position) == (None, None)


def test_a_position_must_be_text() -> None:
    with pytest.raises(CchcError) as caught:
        Candidate("cn-01", "CN", 95, position=3)
    assert caught.value.field == "position"
    assert Candidate("cn-01", "CN", 95, position="Chuyên vie\u0302n").position == "Chuyên viên"


# --- eligibility -------------------------------------------------------------------------------


def test_an_ineligible_candidate_gets_no_prize_and_the_decision_says_why() -> None:
    structure = one_group(1, 1, eligibility=Eligibility(min_band="B"))
    people = [cand("top", 99, band="C"), cand("next", 80, band="B")]
    decision = allocate(structure, people, bands=BANDS)
    assert given(decision) == [("next", "nhat")]
    (excluded,) = decision.excluded
    assert excluded.candidate == "top"
    assert excluded.reasons[0].code == "band"
    assert "C" in excluded.reasons[0].en
    assert "B" in excluded.reasons[0].en


def test_band_order_is_configurable_and_compared_by_folding() -> None:
    gate = Eligibility(min_band="Tốt", band_order=["Xuất sắc", "Tốt", "Khá"])
    assert gate.reasons(cand("a", 1, band="tốt")) == ()
    assert [r.code for r in gate.reasons(cand("b", 1, band="Khá"))] == ["band"]
    assert [r.code for r in gate.reasons(cand("c", 1, band="Kém"))] == ["band"]
    assert [r.code for r in gate.reasons(cand("d", 1))] == ["band"]


def test_minimum_points_and_index_are_compared_exactly() -> None:
    gate = Eligibility(min_points=Decimal("90"), min_index=Fraction(90))
    assert gate.reasons(cand("a", "90.00", index=Decimal("90.00"))) == ()
    short = cand("b", "89.99", index=Fraction(8999999, 100000))
    assert [r.code for r in gate.reasons(short)] == ["points", "index"]
    assert [r.code for r in gate.reasons(cand("c", 95))] == ["index"]


def test_required_participation_depends_on_the_size_bracket() -> None:
    gate = Eligibility(
        participation=[SizeBracket(0, Fraction(1, 2)), SizeBracket(30, Fraction(4, 5))]
    )
    small = cand("small", 90, staff=12, participation=Fraction(6, 10))
    large = cand("large", 90, staff=40, participation=Fraction(6, 10))
    assert gate.reasons(small) == ()
    (reason,) = gate.reasons(large)
    assert reason.code == "participation"
    assert "80%" in reason.vi
    assert "80 %" in reason.en
    assert "60%" in reason.vi
    assert [r.code for r in gate.reasons(cand("unknown", 90))] == ["participation"]


def test_any_flag_disqualifies_unless_the_gate_lists_which() -> None:
    flagged = cand("a", 90, flags={"nhắc nhở"})
    assert [r.code for r in Eligibility().reasons(flagged)] == ["flag"]
    assert Eligibility(disqualifying_flags={"kỷ luật"}).reasons(flagged) == ()
    disciplined = cand("b", 90, flags={"Kỷ luật"})
    assert [r.code for r in Eligibility(disqualifying_flags={"kỷ luật"}).reasons(disciplined)] == [
        "flag"
    ]


def test_evidence_is_required_unless_waived() -> None:
    bare = cand("a", 90, evidence=False)
    assert [r.code for r in Eligibility().reasons(bare)] == ["evidence"]
    assert Eligibility(evidence_required=False).reasons(bare) == ()


# --- unfilled prizes ---------------------------------------------------------------------------


def test_prizes_without_enough_eligible_candidates_are_reported_unfilled() -> None:
    decision = allocate(one_group(1, 2), [cand("a", 9)])
    assert decision.unfilled == (Unfilled("G", "nhi", 2, decision.unfilled[0].reason),)
    assert decision.unfilled[0].reason.code == "no-candidates"


def test_a_level_with_count_zero_is_neither_given_nor_unfilled() -> None:
    decision = allocate(one_group(1, 0, 1), [cand("a", 9), cand("b", 8)])
    assert given(decision) == [("a", "nhat"), ("b", "ba")]
    assert decision.unfilled == ()


# --- ties --------------------------------------------------------------------------------------


def test_by_default_a_tie_at_a_boundary_goes_to_the_council_with_the_places_it_contests() -> None:
    decision = allocate(
        one_group(1, 1, 1), [cand("b", 90), cand("a", 90), cand("c", 80), cand("d", 70)]
    )
    (tie,) = decision.ties
    assert tie.candidates == ("a", "b")
    assert tie.slots == (("nhat", 1), ("nhi", 1))
    assert tie.rank == 1
    assert tie.contested == 2
    assert tie.reason.code == "council"
    assert given(decision) == [("c", "ba")]


def test_a_tie_for_the_last_place_holds_only_that_place() -> None:
    decision = allocate(one_group(1, 1), [cand("a", 90), cand("b", 80), cand("c", 80)])
    assert given(decision) == [("a", "nhat")]
    assert decision.ties[0].slots == (("nhi", 1),)
    assert decision.ties[0].candidates == ("b", "c")


def test_a_tie_that_fits_inside_a_level_is_no_tie() -> None:
    decision = allocate(one_group(3), [cand("a", 9), cand("b", 9), cand("c", 1)])
    assert given(decision) == [("a", "nhat"), ("b", "nhat"), ("c", "nhat")]
    assert decision.ties == ()


def test_sharing_gives_the_prize_to_all_tied_and_shrinks_the_next_level() -> None:
    structure = one_group(1, 1, 1, ties=PrizeTiePolicy(TieMode.SHARE))
    decision = allocate(structure, [cand("a", 90), cand("b", 90), cand("c", 80)])
    assert given(decision) == [("a", "nhat"), ("b", "nhat"), ("c", "ba")]
    assert all(a.shared for a in decision.awards[:2])
    (shrunk,) = decision.unfilled
    assert (shrunk.prize, shrunk.count, shrunk.reason.code) == ("nhi", 1, "shrunk")


def test_sharing_without_shrinking_keeps_the_next_level_whole() -> None:
    structure = one_group(1, 1, ties=PrizeTiePolicy(TieMode.SHARE, shrink_next=False))
    decision = allocate(structure, [cand("a", 90), cand("b", 90), cand("c", 80)])
    assert given(decision) == [("a", "nhat"), ("b", "nhat"), ("c", "nhi")]


def test_sharing_never_exceeds_a_quota() -> None:
    level = PrizeLevel("nhat", "Nhất", 1, Quota(20))  # 20 % of 5 candidates: 1
    structure = PrizeStructure([PrizeGroup("G", "G", [level], ties=PrizeTiePolicy(TieMode.SHARE))])
    decision = allocate(structure, [cand(x, 9 if x in "ab" else 1) for x in "abcde"])
    assert decision.awards == ()
    assert decision.ties[0].reason.code == "share-over-cap"


def test_breaking_by_a_named_field() -> None:
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.field_points("TTHC")])
    decision = allocate(
        one_group(1, 1, ties=chain),
        [
            cand("a", 90, field_points={"TTHC": Decimal("17.5")}),
            cand("b", 90, field_points={"TTHC": Decimal("18")}),
        ],
    )
    assert given(decision) == [("b", "nhat"), ("a", "nhi")]
    assert decision.awards[0].reason.code == "tie-break"
    assert "TTHC" in decision.awards[0].reason.en
    assert decision.awards[0].rank == decision.awards[1].rank == 1


@pytest.mark.parametrize(
    ("link", "better", "worse"),
    [
        (TieBreak.fewer_deductions(), {"deductions": 0}, {"deductions": 2}),
        (
            TieBreak.appraisal(),
            {"appraisal_points": Decimal("88")},
            {"appraisal_points": Decimal("87.5")},
        ),
        (TieBreak.priority(Priority.WOMAN), {"priorities": {Priority.WOMAN}}, {}),
        (TieBreak.priority(Priority.REMOTE_AREA), {"priorities": [Priority.REMOTE_AREA]}, {}),
        (
            TieBreak.priority(),
            {"priorities": {Priority.WOMAN, Priority.FRONT_LINE}},
            {"priorities": {Priority.FRONT_LINE}},
        ),
    ],
    # named by the link alone: a set's order (and so its text) changes from run to run
    ids=lambda value: str(value) if isinstance(value, TieBreak) else None,
)
def test_each_link_of_the_chain_decides_in_its_direction(
    link: TieBreak, better: dict[str, Any], worse: dict[str, Any]
) -> None:
    structure = one_group(1, 1, ties=PrizeTiePolicy(TieMode.BREAK, [link]))
    # the worse candidate's id sorts first, so input or id order cannot explain the result
    decision = allocate(structure, [cand("a", 90, **worse), cand("b", 90, **better)])
    assert given(decision) == [("b", "nhat"), ("a", "nhi")]


def test_the_chain_goes_on_to_the_next_link_only_when_the_first_is_equal() -> None:
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.fewer_deductions(), TieBreak.appraisal()])
    decision = allocate(
        one_group(1, 1, 1, ties=chain),
        [
            cand("a", 90, deductions=1, appraisal_points=Decimal(99)),
            cand("b", 90, deductions=0, appraisal_points=Decimal(80)),
            cand("c", 90, deductions=0, appraisal_points=Decimal(85)),
        ],
    )
    assert given(decision) == [("c", "nhat"), ("b", "nhi"), ("a", "ba")]


def test_the_seeded_lot_is_the_smallest_sha256_of_seed_and_id() -> None:
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.lot("138/KH-UBND")])
    ids = ["xa-an-hiep", "xa-an-khanh", "tt-chau-thanh"]
    decision = allocate(one_group(1, 1, 1, ties=chain), [cand(i, 85) for i in ids])

    def draw(i: str) -> bytes:
        return hashlib.sha256(f"138/KH-UBND\x1f{fold(i)}".encode()).digest()

    assert [a.recipient for a in decision.awards] == sorted(ids, key=draw)
    again = allocate(one_group(1, 1, 1, ties=chain), [cand(i, 85) for i in reversed(ids)])
    assert again == decision


def test_a_chain_that_cannot_separate_leaves_the_tie_to_the_council() -> None:
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.fewer_deductions()])
    decision = allocate(one_group(1, 1, ties=chain), [cand("a", 90), cand("b", 90)])
    assert decision.awards == ()
    assert decision.ties[0].reason.code == "chain-exhausted"


def test_a_field_tie_break_ranks_a_candidate_without_the_field_last_in_that_step() -> None:
    # illustrative: Xã An Khánh has no points recorded for field TTHC
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.field_points("TTHC")])
    decision = allocate(
        one_group(1, 1, ties=chain),
        [cand("xa-an-khanh", 90), cand("tt-chau-thanh", 90, field_points={"TTHC": 0})],
    )
    assert given(decision) == [("tt-chau-thanh", "nhat"), ("xa-an-khanh", "nhi")]
    last = decision.awards[1].reason
    assert last.vi == (
        "đồng điểm; phân định theo điểm TTHC cao hơn (thứ tự 2/2; không có điểm TTHC nên xếp sau)"
    )
    assert "no TTHC points, so placed last" in last.en


def test_candidates_without_the_field_are_level_in_that_step_and_the_next_link_decides() -> None:
    chain = PrizeTiePolicy(
        TieMode.BREAK, [TieBreak.field_points("TTHC"), TieBreak.fewer_deductions()]
    )
    decision = allocate(
        one_group(1, 1, 1, ties=chain),
        [
            cand("a", 90, deductions=0),
            cand("b", 90, deductions=2),
            cand("c", 90, field_points={"TTHC": 1}, deductions=5),
        ],
    )
    assert given(decision) == [("c", "nhat"), ("a", "nhi"), ("b", "ba")]
    assert "fewer deductions" in decision.awards[1].reason.en


def test_no_candidate_with_the_field_leaves_the_step_level_and_the_council_decides() -> None:
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.field_points("TTHC")])
    decision = allocate(one_group(1, 1, ties=chain), [cand("a", 90), cand("b", 90)])
    assert decision.awards == ()
    assert decision.ties[0].reason.code == "chain-exhausted"


def test_asking_a_candidate_directly_for_a_missing_field_still_says_it_has_none() -> None:
    with pytest.raises(NotFoundError, match="TTHC"):
        TieBreak.field_points("TTHC").key(cand("a", 90))
    assert not cand("a", 90).has_field("TTHC")


def test_an_appraisal_tie_break_needs_appraisal_points() -> None:
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.appraisal()])
    with pytest.raises(ValidationError, match="appraisal_points"):
        allocate(one_group(1, 1, ties=chain), [cand("a", 90), cand("b", 90)])


# --- the one tie-break vocabulary (cchc.ties) --------------------------------------------------


@pytest.mark.parametrize(
    ("link", "kind", "fields"),
    [
        (TieBreak.total_points(), TieBreakKind.TOTAL, {}),
        (TieBreak.field_points("TTHC"), TieBreakKind.FIELD, {"code": "TTHC"}),
        (TieBreak.fewer_deductions(), TieBreakKind.FEWER_DEDUCTIONS, {}),
        (TieBreak.appraisal(), TieBreakKind.APPRAISAL, {}),
        (TieBreak.priority(), TieBreakKind.PRIORITY, {}),
        (TieBreak.priority("remote-area"), TieBreakKind.PRIORITY, {"which": Priority.REMOTE_AREA}),
        (TieBreak.lot("138/KH-UBND"), TieBreakKind.LOT, {"seed": "138/KH-UBND"}),
    ],
)
def test_each_constructor_gives_its_kind_and_only_its_own_field(
    link: TieBreak, kind: TieBreakKind, fields: dict[str, object]
) -> None:
    assert link.kind is kind
    assert {n: getattr(link, n) for n in ("code", "which", "seed")} == {
        "code": None,
        "which": None,
        "seed": None,
        **fields,
    }
    assert link == TieBreak(kind, **fields)  # type: ignore[arg-type]
    assert link.text("vi") != link.text("en")
    assert str(link) == link.text("en")


@pytest.mark.parametrize(
    ("kind", "wrong"),
    [
        (TieBreakKind.TOTAL, {"code": "1.1"}),
        (TieBreakKind.FIELD, {"code": "1.1", "seed": "s"}),
        (TieBreakKind.FEWER_DEDUCTIONS, {"which": Priority.WOMAN}),
        (TieBreakKind.APPRAISAL, {"seed": "s"}),
        (TieBreakKind.PRIORITY, {"code": "TTHC"}),
        (TieBreakKind.LOT, {"seed": "s", "which": Priority.WOMAN}),
        (TieBreakKind.LOT, {"seed": "s", "code": "1.1"}),
    ],
)
def test_a_field_given_for_the_wrong_kind_is_refused_naming_it(
    kind: TieBreakKind, wrong: dict[str, object]
) -> None:
    with pytest.raises(ValidationError) as err:
        TieBreak(kind, **wrong)  # type: ignore[arg-type]
    own = {TieBreakKind.FIELD: "code", TieBreakKind.LOT: "seed"}.get(kind)
    named = err.value.field
    assert named in wrong
    assert named != own
    assert err.value.value == wrong[str(named)]
    assert err.value.vi


@pytest.mark.parametrize(
    ("kind", "needed"), [(TieBreakKind.FIELD, "code"), (TieBreakKind.LOT, "seed")]
)
@pytest.mark.parametrize("missing", [None, "", "  "])
def test_a_field_missing_for_its_kind_is_refused_naming_it(
    kind: TieBreakKind, needed: str, missing: str | None
) -> None:
    with pytest.raises(ValidationError) as err:
        TieBreak(kind, **{needed: missing})
    assert err.value.field == needed


@pytest.mark.parametrize(
    ("kind", "arg", "new"),
    [
        (TieBreakKind.FIELD, "TTHC", TieBreak.field_points("TTHC")),
        ("lot", "138/KH-UBND", TieBreak.lot("138/KH-UBND")),
        (TieBreakKind.PRIORITY, "woman", TieBreak.priority(Priority.WOMAN)),
        (TieBreakKind.PRIORITY, "", TieBreak.priority()),
        (TieBreakKind.APPRAISAL, "", TieBreak.appraisal()),
    ],
)
def test_the_old_untyped_argument_still_works_with_a_warning(
    kind: TieBreakKind | str, arg: str, new: TieBreak
) -> None:
    with pytest.warns(DeprecationWarning, match=r"TieBreak\(kind, arg\)"):
        positional = TieBreak(kind, arg)
    with pytest.warns(DeprecationWarning, match="deprecated"):
        keyword = TieBreak(kind, arg=arg)
    assert positional == keyword == new
    with pytest.warns(DeprecationWarning, match="TieBreak.arg"):
        assert new.arg == arg


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: TieBreak(TieBreakKind.APPRAISAL, "x"), "arg = 'x'"),
        (lambda: TieBreak(TieBreakKind.PRIORITY, "elderly"), "arg = 'elderly'"),
        (lambda: TieBreak(TieBreakKind.LOT, "s", seed="t"), "arg = 's'"),
        (lambda: TieBreak(TieBreakKind.LOT, 7), "arg = 7"),  # type: ignore[arg-type]
    ],
)
def test_a_bad_old_argument_is_refused_naming_arg(build: Any, message: str) -> None:
    with (
        pytest.warns(DeprecationWarning, match="deprecated"),
        pytest.raises(CchcError, match=re.escape(message)),
    ):
        build()


def test_old_and_new_chains_give_the_same_decision() -> None:
    people = [
        cand("a", 90, field_points={"TTHC": 18}),
        cand("b", 90, field_points={"TTHC": 19}),
        cand("c", 90, field_points={"TTHC": 19}),
    ]
    with pytest.warns(DeprecationWarning, match="deprecated"):
        old = [TieBreak(TieBreakKind.FIELD, "TTHC"), TieBreak(TieBreakKind.LOT, "2021")]
    new = [TieBreak.field_points("TTHC"), TieBreak.lot("2021")]

    def decide(chain: list[TieBreak]) -> AwardDecision:
        return allocate(one_group(1, 1, 1, ties=PrizeTiePolicy(TieMode.BREAK, chain)), people)

    assert decide(old) == decide(new)
    assert given(decide(new))[2] == ("a", "ba")


def test_total_points_separate_candidates_ranked_equal_on_the_index() -> None:
    group = PrizeGroup(
        "G",
        "Khối",
        levels(1, 1),
        rank_by="index",
        ties=PrizeTiePolicy(TieMode.BREAK, [TieBreak.total_points()]),
    )
    small = cand("small", 76, index=Fraction(80))
    large = cand("large", 80, index=Fraction(80))
    decision = allocate(PrizeStructure([group]), [small, large])
    assert given(decision) == [("large", "nhat"), ("small", "nhi")]
    assert "higher total points" in decision.awards[1].reason.en


def test_the_lot_of_a_prize_is_the_shared_lot_draw() -> None:
    ids = [f"xa-{i}" for i in range(7)]
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.lot("138/KH-UBND")])
    decision = allocate(one_group(1, 1, 1, 1, 1, 1, ties=chain), [cand(i, 85) for i in ids])
    expected = sorted(ids, key=lambda i: lot_draw("138/KH-UBND", i))[:6]
    assert [a.recipient for a in decision.awards] == expected
    assert TieBreak.lot("s").key(cand("A", 1)) == -lot_draw("s", "a")  # folded code


# --- checking a prize structure ----------------------------------------------------------------


def test_a_structure_finds_every_gate_whose_minimum_band_the_bands_lack() -> None:
    structure = PrizeStructure(
        [
            PrizeGroup("XA", "Xã", levels(1), eligibility=Eligibility(min_band="A")),
            PrizeGroup("PB", "Phòng", levels(1), eligibility=Eligibility(min_band="Tốt")),
        ],
        titles=[Title("LDTT", "Lao động tiên tiến", "PB", eligibility=Eligibility(min_band="Z"))],
    )
    found = structure.findings(["Xuất sắc", "Tốt", "Khá"])
    assert [(f.code, f.path, f.severity) for f in found] == [
        ("prizes.unknown-band", "groups[0].eligibility.min_band", Severity.ERROR),
        ("prizes.unknown-band", "titles[0].eligibility.min_band", Severity.ERROR),
    ]
    assert "Xuất sắc" in found[0].message_en
    assert "Xuất sắc" in found[0].message_vi
    with pytest.raises(InvalidDocumentError) as err:
        structure.check(["Xuất sắc", "Tốt", "Khá"])
    assert err.value.findings == found
    assert structure.findings(["A", "Tốt", "Z"]) == ()
    assert structure.check(["A", "Tốt", "Z"]) == ()


def test_a_structure_checked_without_bands_warns_that_allocate_will_need_them() -> None:
    structure = one_group(1, eligibility=Eligibility(min_band="B"))
    found = structure.check()
    assert [(f.code, f.severity) for f in found] == [
        ("prizes.band-order-unknown", Severity.WARNING)
    ]
    own_order = one_group(1, eligibility=Eligibility(min_band="B", band_order=BANDS))
    assert own_order.findings() == ()


def test_a_group_with_nothing_to_give_is_a_warning() -> None:
    structure = PrizeStructure(
        [PrizeGroup("XA", "Xã"), PrizeGroup("CN", "Cá nhân")],
        titles=[Title("LDTT", "Lao động tiên tiến", "CN")],
    )
    found = structure.check()
    assert [(f.code, f.path) for f in found] == [("prizes.group-without-prizes", "groups[0]")]


def test_the_findings_agree_with_what_allocate_refuses() -> None:
    structure = one_group(1, eligibility=Eligibility(min_band="A"))
    with pytest.raises(ValidationError, match="min_band"):
        allocate(structure, [cand("a", 1, band="A")], bands=["B", "C"])
    assert [f.code for f in structure.findings(["B", "C"])] == ["prizes.unknown-band"]
    assert structure.check(["A", "B"]) == ()


def test_the_bundled_structure_has_no_findings_under_its_framework() -> None:
    from cchc.examples import load

    campaign = load("chau-thanh-2021").campaign
    assert campaign is not None
    assert CHAU_THANH_2021.check(campaign.framework) == ()


def test_awards_serves_the_one_vocabulary_not_a_copy() -> None:
    from cchc import ties

    assert (awards.TieBreak, awards.TieBreakKind, awards.Priority) == (
        ties.TieBreak,
        ties.TieBreakKind,
        ties.Priority,
    )


def test_bands_of_the_wrong_kind_are_refused_not_found() -> None:
    with pytest.raises(CchcError):
        one_group(1).findings(42)  # type: ignore[arg-type]


# --- quotas ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        (Rounding.FLOOR, [0, 1, 1, 2]),
        (Rounding.HALF_UP, [0, 1, 2, 2]),
        (Rounding.CEILING, [1, 2, 2, 2]),
        (Rounding.AT_LEAST_ONE, [1, 1, 1, 2]),
    ],
)
def test_rounding_rules(rounding: Rounding, expected: list[int]) -> None:
    values = [Fraction(3, 10), Fraction(13, 10), Fraction(3, 2), Fraction(2)]
    assert [rounding.apply(v) for v in values] == expected
    assert rounding.apply(Fraction(0)) == 0


def test_a_level_quota_caps_its_count_and_says_so() -> None:
    level = PrizeLevel("kk", "Khuyến khích", 5, Quota(10, Rounding.HALF_UP))  # 10 % of 25
    structure = PrizeStructure([PrizeGroup("G", "G", [level])])
    decision = allocate(structure, [cand(f"u{i:02}", i) for i in range(25)])
    assert len(decision.awards) == 3
    (unfilled,) = decision.unfilled
    assert (unfilled.count, unfilled.reason.code) == (2, "quota")
    assert "10 %" in unfilled.reason.en


def test_a_level_quota_can_be_based_on_an_earlier_level() -> None:
    group = PrizeGroup(
        "G",
        "G",
        [
            PrizeLevel("ht", "Hoàn thành tốt", 10),
            PrizeLevel("xs", "Xuất sắc", 5, Quota(20, of="ht")),
        ],
    )
    decision = allocate(PrizeStructure([group]), [cand(f"u{i:02}", i) for i in range(14)])
    assert len(decision.awards_in("G", "ht")) == 10
    assert len(decision.awards_in("G", "xs")) == 2  # 20 % of 10


def test_the_former_15_percent_rule_for_chien_si_thi_dua_co_so() -> None:
    structure = PrizeStructure(
        [PrizeGroup("CN", "Cá nhân")],
        titles=[
            Title("LDTT", "Lao động tiên tiến", "CN", Eligibility(min_points=Decimal(70))),
            Title(
                "CSTDCS",
                "Chiến sĩ thi đua cơ sở",
                "CN",
                Eligibility(min_points=Decimal(90)),
                quota=FORMER_CSTDCS_QUOTA,
                requires="LDTT",
            ),
        ],
    )
    people = [cand(f"cn-{i:02}", 60 + i, "CN") for i in range(40)]  # 60 … 99 points
    decision = allocate(structure, people)
    ldtt = decision.awards_in("CN", "LDTT")
    cstd = decision.awards_in("CN", "CSTDCS")
    assert len(ldtt) == 30  # 70 … 99
    assert len(cstd) == 4  # 15 % of 30 = 4.5, rounded down
    assert [a.points for a in cstd] == [Decimal(p) for p in (99, 98, 97, 96)]
    outside = [e for e in decision.excluded if e.prize == "CSTDCS" and e.reasons[0].code == "quota"]
    assert len(outside) == 6  # 90 … 95: eligible but over the quota
    assert "Nghị định 91/2017" in FORMER_CSTDCS_QUOTA.source
    assert "cũ" in FORMER_CSTDCS_QUOTA.source


def test_a_title_needs_the_title_it_requires() -> None:
    structure = PrizeStructure(
        [PrizeGroup("CN", "Cá nhân")],
        titles=[
            Title("LDTT", "Lao động tiên tiến", "CN", Eligibility(evidence_required=True)),
            Title(
                "CSTDCS",
                "Chiến sĩ thi đua cơ sở",
                "CN",
                Eligibility(evidence_required=False),
                requires="LDTT",
            ),
        ],
    )
    decision = allocate(structure, [cand("a", 95, "CN", evidence=False), cand("b", 80, "CN")])
    assert sorted(given(decision)) == [("b", "CSTDCS"), ("b", "LDTT")]
    requires = [e for e in decision.excluded if e.reasons[0].code == "requires"]
    assert [(e.candidate, e.prize) for e in requires] == [("a", "CSTDCS")]


def test_at_least_one_gives_a_small_unit_one_title() -> None:
    title = Title("CSTDCS", "Chiến sĩ thi đua cơ sở", "CN", quota=Quota(15, Rounding.AT_LEAST_ONE))
    structure = PrizeStructure([PrizeGroup("CN", "Cá nhân")], titles=[title])
    decision = allocate(structure, [cand(f"cn-{i}", 80 + i, "CN") for i in range(4)])
    assert given(decision) == [("cn-3", "CSTDCS")]


def test_a_title_quota_boundary_tie_goes_to_the_council() -> None:
    title = Title("T", "T", "CN", quota=Quota(50))
    structure = PrizeStructure([PrizeGroup("CN", "Cá nhân")], titles=[title])
    decision = allocate(
        structure, [cand("a", 9, "CN"), cand("b", 8, "CN"), cand("c", 8, "CN"), cand("d", 1, "CN")]
    )
    assert given(decision) == [("a", "T")]
    assert decision.ties[0].candidates == ("b", "c")
    assert decision.ties[0].slots == (("T", 1),)


def test_titles_do_not_count_against_one_prize_per_recipient() -> None:
    structure = PrizeStructure(
        [PrizeGroup("CN", "Cá nhân", levels(1))], titles=[Title("LDTT", "LĐTT", "CN")]
    )
    decision = allocate(structure, [cand("a", 9, "CN")])
    assert given(decision) == [("a", "nhat"), ("a", "LDTT")]
    assert len(decision.prizes_of("A")) == 2


# --- per-unit caps and one achievement, one commendation ---------------------------------------


def test_a_unit_cap_skips_a_units_further_people_and_says_why() -> None:
    group = PrizeGroup("CN", "Cá nhân", [PrizeLevel("khen", "Khen", 3)], per_unit_cap=1)
    people = [
        cand("p1", 95, "CN", unit="pb-noi-vu"),
        cand("p2", 94, "CN", unit="pb-noi-vu"),
        cand("p3", 90, "CN", unit="pb-tu-phap"),
        cand("p4", 85, "CN", unit="xa-an-hiep"),
    ]
    decision = allocate(PrizeStructure([group]), people)
    assert [a.recipient for a in decision.awards] == ["p1", "p3", "p4"]
    (skipped,) = decision.excluded
    assert (skipped.candidate, skipped.reasons[0].code) == ("p2", "unit-cap")


def test_two_of_one_unit_tied_beyond_its_cap_go_to_the_council() -> None:
    group = PrizeGroup("CN", "Cá nhân", [PrizeLevel("khen", "Khen", 3)], per_unit_cap=1)
    people = [cand("p1", 95, "CN", unit="U"), cand("p2", 95, "CN", unit="U")]
    decision = allocate(PrizeStructure([group]), people)
    assert decision.awards == ()
    assert decision.ties[0].reason.code == "unit-cap"


def test_no_recipient_takes_two_prizes_in_one_campaign() -> None:
    structure = PrizeStructure(
        [PrizeGroup("A", "Khối A", levels(1)), PrizeGroup("B", "Khối B", levels(1))]
    )
    both = [cand("x", 99, "A"), cand("x", 99, "B"), cand("y", 50, "B")]
    decision = allocate(structure, both)
    assert given(decision) == [("x", "nhat"), ("y", "nhat")]
    (excluded,) = decision.excluded
    assert (excluded.group, excluded.reasons[0].code) == ("B", "already-awarded")
    lenient = attrs.evolve(structure, one_prize_per_recipient=False)
    assert given(allocate(lenient, both)) == [("x", "nhat"), ("x", "nhat")]


# --- ranking and order -------------------------------------------------------------------------


def test_a_group_may_rank_by_index() -> None:
    structure = one_group(1, rank_by=RankBy.INDEX)
    decision = allocate(
        structure,
        [cand("a", 95, index=Fraction(95, 1)), cand("b", 80, index=Fraction(96, 1))],
    )
    assert given(decision) == [("b", "nhat")]
    with pytest.raises(ValidationError, match="index"):
        allocate(structure, [cand("c", 50)])


def test_the_result_does_not_depend_on_input_order() -> None:
    people = [cand(f"u{i}", (i * 7) % 5, band="A" if i % 3 else "C") for i in range(12)]
    structure = one_group(1, 2, 3, eligibility=Eligibility(min_band="B"))
    assert allocate(structure, people, bands=BANDS) == allocate(
        structure, list(reversed(people)), bands=BANDS
    )


# --- bad structures and input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: PrizeLevel("a", "A", -1), ValidationError, "count = -1"),
        (lambda: Quota(Fraction(201, 2)), ValidationError, "percent"),
        (lambda: Quota(-5), ValidationError, "percent"),
        (lambda: Quota(1.5), CchcTypeError, "float"),
        (
            lambda: PrizeGroup("G", "G", [PrizeLevel("a", "A"), PrizeLevel("A", "A")]),
            ValidationError,
            "levels[1].code",
        ),
        (
            lambda: PrizeGroup(
                "G", "G", [PrizeLevel("a", "A", 1, Quota(5, of="b")), PrizeLevel("b", "B")]
            ),
            ValidationError,
            "levels[0].quota.of",
        ),
        (lambda: PrizeGroup("G", "G", per_unit_cap=-2), ValidationError, "per_unit_cap = -2"),
        (lambda: PrizeGroup("G", ""), ValidationError, "name"),
        (
            lambda: PrizeStructure([PrizeGroup("G", "G"), PrizeGroup("g", "g")]),
            ValidationError,
            "groups[1].code",
        ),
        (
            lambda: PrizeStructure([PrizeGroup("G", "G")], titles=[Title("T", "T", "X")]),
            ValidationError,
            "titles[0].group = 'X': unknown group",
        ),
        (
            lambda: PrizeStructure(
                [PrizeGroup("G", "G")], titles=[Title("T", "T", "G", requires="U")]
            ),
            ValidationError,
            "titles[0].requires",
        ),
        (
            lambda: PrizeStructure(
                [PrizeGroup("G", "G")], titles=[Title("T", "T", "G", quota=Quota(5, of="T"))]
            ),
            ValidationError,
            "titles[0].quota.of",
        ),
        (lambda: PrizeTiePolicy(TieMode.BREAK), ValidationError, "chain"),
        (lambda: PrizeTiePolicy(TieMode.SHARE, [TieBreak.appraisal()]), ValidationError, "chain"),
        (lambda: TieBreak(TieBreakKind.LOT), ValidationError, "seed"),
        (lambda: TieBreak(TieBreakKind.FIELD), ValidationError, "code = None"),
        (lambda: TieBreak(TieBreakKind.APPRAISAL, code="x"), ValidationError, "code = 'x'"),
        (lambda: TieBreak(TieBreakKind.FIELD, seed="x"), ValidationError, "seed = 'x'"),
        (lambda: TieBreak(TieBreakKind.LOT, seed="s", which="woman"), ValidationError, "which"),
        (lambda: TieBreak.priority("elderly"), ValidationError, "which = 'elderly'"),
        (lambda: Eligibility(min_band="E", band_order=BANDS), ValidationError, "min_band = 'E'"),
        (lambda: Eligibility(min_index=Fraction(101)), ValidationError, "min_index"),
        (lambda: Eligibility(band_order=["A", "a"]), ValidationError, "band_order"),
        (
            lambda: Eligibility(participation=[SizeBracket(5, 1), SizeBracket(5, 0)]),
            ValidationError,
            "participation",
        ),
        (lambda: SizeBracket(5, Fraction(3, 2)), ValidationError, "share"),
        (lambda: Candidate("a", "G", 9.5), CchcTypeError, "points = 9.5"),
        (lambda: Candidate("a", "G", "abc"), ParseError, "points = 'abc'"),
        (lambda: Candidate("a", "G", Decimal("Infinity")), ValidationError, "finite"),
        (lambda: Candidate("", "G", 1), ValidationError, "id"),
        (lambda: Candidate("a", "G", 1, staff=-3), ValidationError, "staff = -3"),
        (lambda: Candidate("a", "G", 1, deductions=True), CchcTypeError, "deductions"),
        (
            lambda: Candidate("a", "G", 1, participation=Fraction(5, 4)),
            ValidationError,
            "participation",
        ),
        (lambda: Candidate("a", "G", 1, flags="kỷ luật"), CchcTypeError, "flags"),
        (lambda: Candidate("a", "G", 1, priorities="woman"), CchcTypeError, "priorities"),
        (
            lambda: Candidate("a", "G", 1, field_points={"x": 1, "X": 2}),
            ValidationError,
            "field_points",
        ),
        (lambda: Candidate("a", "G", 1, index=0.5), CchcTypeError, "index = 0.5"),
        (lambda: Candidate("a", 7, 1), CchcTypeError, "group = 7: must be text"),
        (lambda: Candidate("a", "G", 1, name=None), CchcTypeError, "name = None"),
        (lambda: Candidate("a", "G", 1, band=3), CchcTypeError, "band = 3"),
        (
            lambda: Candidate("a", "G", 1, appraisal_points=1.5),
            CchcTypeError,
            "appraisal_points = 1.5",
        ),
        (
            lambda: Candidate("a", "G", 1, field_points={"TTHC": 1.5}),
            CchcTypeError,
            "field_points['TTHC'] = 1.5",
        ),
        (lambda: Candidate("a", "G", 1, priorities=["elderly"]), ValidationError, "priorities"),
        (lambda: Candidate("a", "G", 1, flags=[1]), CchcTypeError, "flags[0] = 1"),
        (lambda: SizeBracket(5, 0.5), CchcTypeError, "share = 0.5"),
        (lambda: Quota("abc"), ParseError, "percent = 'abc'"),
        (lambda: Eligibility(min_points="x"), ParseError, "min_points = 'x'"),
        (lambda: Eligibility(disqualifying_flags="kỷ luật"), CchcTypeError, "disqualifying_flags"),
    ],
)
def test_bad_structures_and_values_raise_errors_naming_field_and_value(
    build: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        build()


_ODD_VALUES = [
    None,
    1.5,
    -1,
    True,
    "",
    "x",
    [],
    [1],
    [[1]],
    [None],
    {"a": 1.5},
    {"a": [1]},
    object(),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("-Infinity"),
    Decimal("1e999999999"),
    Decimal("1e-999999999"),
    "1e999999999",
    "Infinity",
    10**5000,
    -(10**400),
    Fraction(1, 10**5000),
    unicodedata.normalize("NFD", "Hòa"),
]


@contextlib.contextmanager
def _within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, when the block runs longer than ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise AssertionError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("cls", "base"),
    [
        (Candidate, {"id": "a", "group": "G", "points": Decimal(1)}),
        (Eligibility, {}),
        (SizeBracket, {"min_staff": 1, "share": Fraction(1, 2)}),
        (Quota, {"percent": Fraction(15)}),
        (TieBreak, {"kind": TieBreakKind.LOT, "seed": "s"}),
        (PrizeTiePolicy, {}),
        (PrizeLevel, {"code": "a", "name": "A"}),
        (PrizeGroup, {"code": "G", "name": "G"}),
        (Title, {"code": "T", "name": "T", "group": "G"}),
        (PrizeStructure, {"groups": [PrizeGroup("G", "G")]}),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_odd_values_in_any_field_raise_only_cchc_errors(cls: Any, base: dict[str, Any]) -> None:
    named: list[tuple[str, str | None]] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        for odd in _ODD_VALUES:
            try:
                with _within(2):
                    built = cls(**{**base, field.name: odd})
            except CchcError as exc:  # anything else fails the test
                named.append((field.name, exc.field))
            else:  # what is accepted must print, and text must come back in NFC
                assert repr(built)
                kept = getattr(built, field.name)
                if isinstance(kept, str):
                    assert kept == unicodedata.normalize("NFC", kept)
    assert named
    for name, field_named in named:
        assert field_named is not None
        assert field_named.split("[")[0].split(".")[0] in (name, "chain")


def test_a_candidate_of_an_unknown_group_is_refused() -> None:
    with pytest.raises(NotFoundError, match=r"candidates\[1\].group = 'KHOI-9'"):
        allocate(CHAU_THANH_2021, [cand("a", 1, "PB"), cand("b", 1, "KHOI-9")])


def test_a_candidate_listed_twice_in_its_group_is_refused() -> None:
    with pytest.raises(ValidationError, match="twice"):
        allocate(CHAU_THANH_2021, [cand("a", 1, "PB"), cand("A", 2, "pb")])


def test_only_candidates_are_allocated() -> None:
    with pytest.raises(CchcTypeError, match=r"candidates\[0\]"):
        allocate(CHAU_THANH_2021, ["pb-noi-vu"])  # type: ignore[list-item]


def test_looking_up_groups_and_fields() -> None:
    assert CHAU_THANH_2021.group("xa").code == "XA"
    with pytest.raises(NotFoundError, match="KHOI"):
        CHAU_THANH_2021.group("KHOI")
    person = cand("a", 1, unit="U", field_points={"TTHC": 3})
    assert person.field("tthc") == Decimal(3)
    assert person.unit_id == "U"
    with pytest.raises(NotFoundError, match="CQS"):
        person.field("CQS")


def test_labels_exist_in_both_languages() -> None:
    for enum_type in (Priority, Rounding):
        for member in enum_type:
            assert member.vi
            assert member.en
            assert repr(member).startswith(enum_type.__name__)
    assert repr(TieMode.SHARE) == "TieMode.SHARE"
    assert repr(RankBy.INDEX) == "RankBy.INDEX"
    assert Quota(15, of="LDTT").text("vi") == "không quá 15% số đạt LDTT, làm tròn xuống"


# --- explain -----------------------------------------------------------------------------------


def test_explain_walks_through_awards_unfilled_prizes_ties_and_exclusions() -> None:
    text = str(_SAMPLE.explain("en"))
    lines = text.splitlines()
    assert lines[0] == "Award decision"
    assert "Group G — Khối" in lines
    assert any(
        line.startswith("  Unresolved tie (rank 1): a, b for NHAT × 1, NHI × 1") for line in lines
    )
    assert any("Excluded: c — disqualified: kỷ luật" in line for line in lines)
    assert any(line.startswith("  Lao động tiên tiến: a") for line in lines)
    assert any(line.startswith("  KK: not awarded 1") for line in lines)
    vi = str(_SAMPLE.explain())
    assert "Đồng hạng chưa phân định" in vi
    assert "Không xét: c" in vi


def test_explain_names_unfilled_prizes_and_their_reason() -> None:
    text = str((allocate(one_group(1, 2), [cand("a", 9, name="Xã A")])).explain("en"))
    assert "  NHAT: Xã A, 9 points, rank 1 — ranked 1 in the group" in text
    assert "  NHI: not awarded 2 — not enough eligible candidates" in text


def test_explain_writes_numbers_the_vietnamese_way_only_in_vietnamese() -> None:
    decision = allocate(one_group(1), [cand("a", "1700.5", name="Xã A")])
    assert "  NHAT: Xã A, 1.700,5 điểm, hạng 1" in str(decision.explain())
    assert "  NHAT: Xã A, 1700.5 points, rank 1" in str(decision.explain("en"))


def test_explain_names_tied_and_excluded_candidates_by_name() -> None:
    decision = allocate(
        one_group(1, 1),
        [
            cand("a", 9, name="Xã A"),
            cand("b", 9, name="Xã B"),
            cand("c", 9, name="Xã C", flags={"kỷ luật"}),
            cand("d", 5),
        ],
    )
    vi = str(decision.explain())
    assert "(hạng 1): Xã A, Xã B tranh" in vi
    assert "  Không xét: Xã C — " in vi
    assert (decision.ties[0].names, decision.excluded[0].name) == (("Xã A", "Xã B"), "Xã C")
    assert "(a)" not in vi


def test_explain_adds_the_code_only_when_a_name_is_missing_or_shared() -> None:
    decision = allocate(
        one_group(1, 1, 1),
        [cand("x1", 9, name="Xã Tân Phú"), cand("x2", 8, name="Xã Tân Phú"), cand("x3", 7)],
    )
    vi = str(decision.explain())
    assert "  NHAT: Xã Tân Phú (x1), 9 điểm" in vi
    assert "Xã Tân Phú (x2), 8 điểm" in vi
    assert ": x3, 7 điểm" in vi


@pytest.mark.parametrize(
    ("points", "shown"),
    [("0.5", "0,5"), ("97.10", "97,10"), ("1000", "1.000"), ("1234567.25", "1.234.567,25")],
)
def test_explain_points_have_a_decimal_comma_and_a_thousands_dot(points: str, shown: str) -> None:
    text = str((allocate(one_group(1), [cand("a", points, name="Xã A")])).explain())
    assert f"  NHAT: Xã A, {shown} điểm, hạng 1" in text


def test_explain_speaks_only_vietnamese_or_english() -> None:
    with pytest.raises(ValidationError, match="lang = 'fr'"):
        str(_SAMPLE.explain("fr"))  # type: ignore[arg-type]


def test_award_decision_lookups() -> None:
    award = _SAMPLE.awards_in("g", "LDTT")[0]
    assert isinstance(award, Award)
    assert _SAMPLE.prizes_of(award.recipient) == (award,)
    assert isinstance(_SAMPLE.ties[0], UnresolvedTie)
    assert isinstance(_SAMPLE.excluded[0], Exclusion)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Candidate("a", "G", "1e999999999"), "points"),
        (lambda: Candidate("a", "G", 1, index="1e999999999"), "index"),
        (lambda: Candidate("a", "G", 1, participation="1e-999999999"), "participation"),
        (lambda: Candidate("a", "G", 1, index=Decimal("1e-999999999")), "index"),
        (lambda: Candidate("a", "G", 1, staff=10**5000), "staff"),
        (lambda: Candidate("a", "G", 1, deductions=10**13), "deductions"),
        (lambda: Candidate("a", "G", 1, field_points={"TTHC": "1e99999"}), "field_points"),
        (lambda: Candidate("a", "G", 1, appraisal_points=Decimal("-1e999999")), "appraisal"),
        (lambda: Quota("1e999999999"), "percent"),
        (lambda: SizeBracket(0, "1e999999999"), "share"),
        (lambda: SizeBracket(10**5000, Fraction(1, 2)), "min_staff"),
        (lambda: Eligibility(min_index="1e999999999"), "min_index"),
        (lambda: Eligibility(min_points=Decimal("1e999999999")), "min_points"),
        (lambda: PrizeLevel("a", "A", 10**5000), "count"),
        (lambda: PrizeGroup("G", "G", per_unit_cap=10**5000), "per_unit_cap"),
    ],
)
def test_numbers_beyond_the_limits_are_refused_at_once_naming_the_field(
    build: Any, field: str
) -> None:
    # magnitudes from a trillion up and steps finer than 12 decimals (as in cchc.criteria);
    # an exponent such as 1e999999999 is refused, never expanded into a billion digits
    with _within(2), pytest.raises(ValidationError, match=field):
        build()


def test_numbers_within_the_limits_are_kept_exactly() -> None:
    c = Candidate(
        "a", "G", "999999999999.999999999999", index="1/3", participation=Decimal("0.5000")
    )
    assert c.points == Decimal("999999999999.999999999999")
    assert c.index == Fraction(1, 3)
    assert c.participation == Fraction(1, 2)
    assert Candidate("a", "G", Decimal("1.500000000000000000")).points == Decimal("1.5")


def test_no_participation_data_is_needed_when_no_size_bracket_covers_the_unit() -> None:
    gate = Eligibility(participation=[SizeBracket(10, Fraction(1, 2))])
    small = cand("a", 90, staff=6)  # below every bracket: nothing is required of it
    assert gate.reasons(small) == ()
    large = cand("b", 90, staff=12)  # a bracket applies, and there is no figure to check
    assert [r.code for r in gate.reasons(large)] == ["participation"]
    unknown = cand("c", 90)  # without a headcount, the bracket cannot be chosen
    assert [r.code for r in gate.reasons(unknown)] == ["participation"]
    decision = allocate(one_group(1, eligibility=gate), [small])
    assert given(decision) == [("a", "nhat")]


def test_a_missing_index_is_reported_as_missing_not_as_below_the_minimum() -> None:
    (reason,) = Eligibility(min_index=Fraction(80)).reasons(cand("a", 90))
    assert (reason.code, reason.en) == ("index", "has no index (the minimum is 80.00 %)")
    assert reason.vi == "chưa có chỉ số (yêu cầu tối thiểu 80,00%)"
    (low,) = Eligibility(min_index=Fraction(80)).reasons(cand("b", 90, index=Fraction(159, 2)))
    assert low.en == "index 79.50 % is below the minimum 80.00 %"


def test_the_former_cstdcs_quota_is_marked_former_and_the_current_decree_unverified() -> None:
    source = FORMER_CSTDCS_QUOTA.source
    assert "91/2017" in source
    assert "quy định cũ" in source
    assert "152/2025" in source
    assert "chưa được kiểm chứng" in source


def _one_unit_tied(*counts: int) -> AwardDecision:
    structure = one_group(*counts, per_unit_cap=1)
    return allocate(
        structure,
        [
            cand("x", 90, unit="U1"),
            cand("y", 90, unit="U1"),
            cand("w", 85, unit="U1"),
            cand("z", 80, unit="U2"),
        ],
    )


def test_a_tie_within_one_capped_unit_holds_only_the_places_the_unit_can_take() -> None:
    # x and y belong to the same unit, capped at one prize: whichever the council picks takes
    # the first prize, and the second prize is z's, as it would be with x one point ahead
    decision = _one_unit_tied(1, 1)
    (tie,) = decision.ties
    assert (tie.candidates, tie.slots) == (("x", "y"), (("nhat", 1),))
    assert given(decision) == [("z", "nhi")]
    decision = _one_unit_tied(2, 1)
    assert decision.ties[0].slots == (("nhat", 1),)
    assert given(decision) == [("z", "nhat")]


def test_places_a_unit_contests_in_a_tie_count_against_its_cap() -> None:
    # w, of the same unit as the tied pair, cannot take a prize: the unit will hold its one
    decision = _one_unit_tied(1, 1, 1)
    assert ("w", None) in {(e.candidate, e.prize) for e in decision.excluded}
    assert "w" not in [recipient for recipient, _ in given(decision)]
    (reason,) = next(e.reasons for e in decision.excluded if e.candidate == "w")
    assert reason.code == "unit-cap"


def test_a_title_may_not_share_its_code_with_a_prize_level_of_its_group() -> None:
    # otherwise awards_in(group, code) and the explanation would mix the prize and the title
    with pytest.raises(ValidationError, match=r"titles\[0\].code = 'ldtt'"):
        PrizeStructure(
            [PrizeGroup("G", "G", [PrizeLevel("LDTT", "Giải")])],
            titles=[Title("ldtt", "Lao động tiên tiến", "G")],
        )
    other_group = PrizeStructure(
        [PrizeGroup("G", "G", [PrizeLevel("LDTT", "Giải")]), PrizeGroup("H", "H")],
        titles=[Title("LDTT", "Lao động tiên tiến", "H")],
    )
    assert other_group.titles[0].group == "H"


def test_a_tie_in_another_group_does_not_hide_a_title_quota_exclusion() -> None:
    # "a" is tied for group H's level LDTT and also stands for group G's title LDTT, where it
    # falls outside the quota: the decision must say so for G
    structure = PrizeStructure(
        [PrizeGroup("H", "H", [PrizeLevel("LDTT", "Giải")]), PrizeGroup("G", "G")],
        titles=[Title("LDTT", "Lao động tiên tiến", "G", quota=Quota(50))],
    )
    decision = allocate(
        structure,
        [cand("a", 5, "H"), cand("b", 5, "H"), cand("a", 1), cand("c", 9), cand("d", 8)],
    )
    assert given(decision) == [("c", "LDTT")]
    outside = {e.candidate for e in decision.excluded if e.group == "G" and e.prize == "LDTT"}
    assert outside == {"a", "d"}


def test_a_candidate_whose_required_title_awaits_the_council_is_told_so() -> None:
    structure = PrizeStructure(
        [PrizeGroup("G", "G")],
        titles=[
            Title("LDTT", "Lao động tiên tiến", "G", quota=Quota(50)),
            Title("CSTDCS", "Chiến sĩ thi đua cơ sở", "G", requires="LDTT"),
        ],
    )
    decision = allocate(structure, [cand("a", 9), cand("b", 8), cand("c", 8), cand("d", 1)])
    assert decision.ties[0].candidates == ("b", "c")
    why = {e.candidate: e.reasons[0].code for e in decision.excluded if e.prize == "CSTDCS"}
    assert why == {"b": "requires-pending", "c": "requires-pending", "d": "requires"}
    assert given(decision) == [("a", "LDTT"), ("a", "CSTDCS")]


def test_places_held_by_a_tie_count_in_the_base_of_a_quota() -> None:
    # eight people reach LĐTT outright and two more are tied for the last of ten places (a
    # 50 % quota of 20): the council will give that place, so the base is ten, not nine
    structure = PrizeStructure(
        [PrizeGroup("G", "G")],
        titles=[
            Title("LDTT", "Lao động tiên tiến", "G", quota=Quota(50)),
            Title("CSTDCS", "Chiến sĩ thi đua cơ sở", "G", quota=Quota(20, of="LDTT")),
        ],
    )
    people = [cand(f"p{i:02}", 100 - i) for i in range(9)] + [cand("q", 91), cand("r", 91)]
    people += [cand(f"z{i}", 10 + i) for i in range(9)]
    decision = allocate(structure, people)
    assert len(decision.awards_in("G", "LDTT")) == 9
    assert decision.ties[0].slots == (("LDTT", 1),)
    assert len(decision.awards_in("G", "CSTDCS")) == 2  # 20 % of 10; of 9 it would be 1
    level_quota = PrizeStructure(
        [
            PrizeGroup(
                "G",
                "G",
                [PrizeLevel("a", "A", 3), PrizeLevel("b", "B", 5, Quota(50, Rounding.FLOOR, "a"))],
            )
        ]
    )
    tied = allocate(
        level_quota,
        [cand("x", 9), cand("y", 8), cand("w", 8), cand("v", 8)]
        + [cand(f"u{i}", 5 - i) for i in range(4)],
    )
    # three tied for the last two A places: the third takes the one B place that 50 % of
    # three A allows (counting only x's outright A, the quota would allow none)
    assert tied.ties[0].slots == (("a", 2), ("b", 1))
    assert [(u.prize, u.count, u.reason.code) for u in tied.unfilled] == [("b", 4, "quota")]


# --- band order from the framework, lone surrogates, Vietnamese messages -----------------------


def test_the_band_order_is_the_frameworks_best_first_whatever_order_it_lists_them() -> None:
    from cchc.criteria import Band, load_bundled

    framework = load_bundled("cchc-campaign-6")
    shuffled = attrs.evolve(framework, bands=list(reversed(framework.bands)))
    assert band_labels(shuffled) == band_labels(framework)
    assert band_labels(framework)[0] == "Xuất sắc"
    assert band_labels([Band("Đạt", 50, 100, upper_inclusive=True), Band("Chưa đạt", 0, 50)]) == (
        "Đạt",
        "Chưa đạt",
    )
    gate = Eligibility(min_band="Tốt")
    structure = one_group(1, 1, eligibility=gate)
    people = [cand("a", 99, band="Khá"), cand("b", 90, band="Tốt"), cand("c", 95, band="xuất sắc")]
    decision = allocate(structure, people, bands=framework)
    assert given(decision) == [("c", "nhat"), ("b", "nhi")]
    assert [e.candidate for e in decision.excluded] == ["a"]


def test_a_minimum_band_the_framework_lacks_is_refused_listing_its_bands() -> None:
    from cchc.criteria import load_bundled

    framework = load_bundled("cchc-campaign-6")
    structure = one_group(1, eligibility=Eligibility(min_band="B"))
    with pytest.raises(ValidationError) as err:
        allocate(structure, [cand("a", 1, band="Tốt")], bands=framework)
    assert err.value.field == "structure.groups[0].eligibility.min_band"
    assert "Xuất sắc, Tốt, Khá, Trung bình, Yếu" in str(err.value)
    assert err.value.vi is not None
    assert "mức xếp loại của bộ tiêu chí" in err.value.vi


def test_a_minimum_band_without_any_band_order_is_refused_not_guessed() -> None:
    structure = one_group(1, eligibility=Eligibility(min_band="B"))
    with pytest.raises(ValidationError, match="order of the bands is unknown"):
        allocate(structure, [cand("a", 1, band="A")])
    assert Eligibility().band_order is None  # no fixed A-D
    assert allocate(one_group(1), [cand("a", 1)]).awards  # a gate without a band needs none


def test_a_gates_own_band_order_is_used_whatever_the_framework() -> None:
    gate = Eligibility(min_band="Tốt", band_order=["Xuất sắc", "Tốt", "Khá"])
    assert gate.reasons(cand("a", 1, band="Tốt"), ["A", "B"]) == ()


@pytest.mark.parametrize(
    "build",
    [
        lambda: TieBreak.lot("\ud800"),
        lambda: TieBreak(TieBreakKind.LOT, seed="seed\udfff"),
        lambda: Candidate("\ud800", "G", 1),
        lambda: Candidate("a", "G\udc00", 1),
        lambda: Candidate("a", "G", 1, flags=["\ud800"]),
        lambda: PrizeLevel("a", "\ud800"),
    ],
)
def test_a_lone_surrogate_is_refused_when_the_value_is_built(build: Any) -> None:
    with pytest.raises(ValidationError) as err:
        build()
    assert err.value.vi == "chứa ký tự không hợp lệ (nửa cặp thay thế Unicode)"


def test_a_missing_appraisal_names_the_candidate_by_its_place_in_the_list() -> None:
    chain = PrizeTiePolicy(TieMode.BREAK, [TieBreak.appraisal()])
    with pytest.raises(ValidationError) as err:
        allocate(one_group(1, 1, ties=chain), [cand("z", 5), cand("a", 90), cand("b", 90)])
    assert err.value.field == "candidates[1].appraisal_points"
    assert err.value.vi is not None
    assert "'" not in err.value.vi


def test_enums_read_their_value_or_name_and_list_the_members_when_wrong() -> None:
    assert Rounding("half-up") is Rounding.HALF_UP
    assert TieMode("BREAK") is TieMode.BREAK
    assert Quota(10, "ceiling").rounding is Rounding.CEILING
    assert PrizeGroup("G", "G", rank_by="index").rank_by is RankBy.INDEX
    with pytest.raises(ValidationError, match="floor") as err:
        Quota(10, "làm tròn")
    assert err.value.field == "rounding"
    assert repr(Priority.WOMAN) == "Priority.WOMAN"


def test_every_error_of_a_bad_value_has_a_vietnamese_message() -> None:
    for build in (
        lambda: Candidate("a", "G", 9.5),
        lambda: Quota(120),
        lambda: PrizeLevel("a", "A", -1),
        lambda: PrizeTiePolicy(TieMode.BREAK),
        lambda: str(_SAMPLE.explain("fr")),  # type: ignore[arg-type]
        lambda: CHAU_THANH_2021.group("KHOI"),
    ):
        with pytest.raises(CchcError) as err:
            build()
        assert err.value.vi


# --- collective titles that depend on their members' titles ------------------------------------
# Illustrative: Phòng Nội vụ of Châu Thành with 35 staff; names and points are made up.


def _collective_structure(**gate: Any) -> PrizeStructure:
    """Lao động tiên tiến (80 points) and Chiến sĩ thi đua cơ sở (95 points) for individuals,
    then Tập thể lao động xuất sắc for offices: at least 70 % of members LĐTT, one CSTĐCS."""
    requirements = gate.pop(
        "requirements",
        [
            MemberRequirement("LĐTT", min_share=Fraction(7, 10)),
            MemberRequirement("CSTĐCS", min_count=1),
        ],
    )
    return attrs.evolve(
        CHAU_THANH_2021,
        titles=[
            Title("LĐTT", "Lao động tiên tiến", "CN", Eligibility(min_points=Decimal(80))),
            Title(
                "CSTĐCS",
                "Chiến sĩ thi đua cơ sở",
                "CN",
                Eligibility(min_points=Decimal(95)),
                requires="LĐTT",
                **gate,
            ),
            Title(
                "TTLĐXS",
                "Tập thể lao động xuất sắc",
                "PB",
                members=MemberGate("CN", requirements),
            ),
        ],
    )


def _staff(unit: str, points: list[int]) -> list[Candidate]:
    return [Candidate(f"{unit}-{i:02}", "CN", Decimal(p), unit=unit) for i, p in enumerate(points)]


def test_a_collective_title_needs_its_members_share_and_count_of_titles() -> None:
    # 35 staff: 28 reach LĐTT (80 %), two of them CSTĐCS; 7 do not reach LĐTT
    people = _staff("pb-noi-vu", [96, 95] + [85] * 26 + [75] * 7)
    office = Candidate("pb-noi-vu", "PB", Decimal("94.50"), name="Phòng Nội vụ", staff=35)
    decision = allocate(_collective_structure(), [office, *people])
    (award,) = decision.awards_in("PB", "TTLĐXS")
    assert award.recipient == "pb-noi-vu"
    assert [r.vi for r in award.conditions] == [
        (
            "xét sau danh hiệu cá nhân LĐTT, CSTĐCS (khối CN): 28/35 thành viên (80%) đạt LĐTT "
            "≥ 70%; 2 thành viên đạt CSTĐCS ≥ 1"
        )
    ]
    assert award.conditions[0].en.endswith(
        "28/35 members (80 %) hold LĐTT ≥ 70 %; 2 members hold CSTĐCS ≥ 1"
    )


def test_a_collective_short_of_the_share_or_the_count_is_excluded_with_its_figures() -> None:
    short_share = _staff("pb-tu-phap", [96] + [85] * 5 + [70] * 4)  # 6/10 LĐTT
    no_cstd = _staff("pb-vp", [90] * 8 + [70] * 2)  # 8/10 LĐTT, no CSTĐCS
    offices = [
        Candidate("pb-tu-phap", "PB", Decimal(90), staff=10),
        Candidate("pb-vp", "PB", Decimal(89), staff=10),
    ]
    decision = allocate(_collective_structure(), [*offices, *short_share, *no_cstd])
    assert decision.awards_in("PB", "TTLĐXS") == ()
    why = {e.candidate: [r.vi for r in e.reasons] for e in decision.excluded if e.prize == "TTLĐXS"}
    assert why == {
        "pb-tu-phap": ["6/10 thành viên (60%) đạt LĐTT, chưa đạt yêu cầu ≥ 70%"],
        "pb-vp": ["0 thành viên đạt CSTĐCS, chưa đạt yêu cầu ≥ 1"],
    }


@pytest.mark.parametrize(
    ("holders", "staff", "share", "reached"),
    [
        (7, 10, Fraction(7, 10), True),  # exactly 70 %
        (69, 100, Fraction(7, 10), False),  # 69 % never rounds up to 70 %
        (2, 3, Fraction(2, 3), True),  # two thirds, exactly
        (28, 40, Fraction(7, 10), True),
        (28, 41, Fraction(7, 10), False),  # 68.29 %
    ],
)
def test_the_members_share_is_compared_exactly(
    holders: int, staff: int, share: Fraction, reached: bool
) -> None:
    # only the LĐTT holders are entered: the share is over the unit's staff, not over them
    people = _staff("u", [85] * holders)
    structure = _collective_structure(requirements=[MemberRequirement("LĐTT", min_share=share)])
    decision = allocate(structure, [Candidate("u", "PB", Decimal(90), staff=staff), *people])
    assert bool(decision.awards_in("PB", "TTLĐXS")) is reached


def test_without_staff_the_share_is_over_the_members_entered() -> None:
    people = _staff("u", [85] * 7 + [70] * 3)
    structure = _collective_structure(
        requirements=[MemberRequirement("LĐTT", min_share=Fraction(7, 10))]
    )
    decision = allocate(structure, [Candidate("u", "PB", Decimal(90)), *people])
    assert "7/10 thành viên (70%)" in decision.awards_in("PB", "TTLĐXS")[0].conditions[0].vi


def test_more_members_entered_than_the_units_staff_is_refused() -> None:
    people = _staff("u", [85] * 5)
    with pytest.raises(ValidationError) as err:
        allocate(_collective_structure(), [Candidate("u", "PB", Decimal(90), staff=4), *people])
    assert err.value.field == "candidates[0].staff"
    assert err.value.vi == (
        "có 5 thành viên của u là ứng viên ở khối CN, nhiều hơn số người của đơn vị (4)"
    )


def test_explain_shows_the_members_rule_after_the_individual_titles_with_the_figures() -> None:
    people = _staff("pb-noi-vu", [96, 95] + [85] * 26 + [75] * 7)
    office = Candidate("pb-noi-vu", "PB", Decimal("94.50"), name="Phòng Nội vụ", staff=35)
    text = str((allocate(_collective_structure(), [office, *people])).explain()).splitlines()
    head = text.index("Danh hiệu TTLĐXS — Tập thể lao động xuất sắc (Khối PB)")
    assert head > text.index("Danh hiệu CSTĐCS — Chiến sĩ thi đua cơ sở (Khối CN)")
    assert text[head + 1] == (
        "  Điều kiện về thành viên: ≥ 70% thành viên đạt LĐTT; ≥ 1 thành viên đạt CSTĐCS "
        "(xét sau danh hiệu cá nhân của khối CN)"
    )
    assert text[head + 2].endswith(
        "— xếp hạng 1 trong khối; xét sau danh hiệu cá nhân LĐTT, CSTĐCS (khối CN): "
        "28/35 thành viên (80%) đạt LĐTT ≥ 70%; 2 thành viên đạt CSTĐCS ≥ 1"
    )


def test_a_collective_whose_members_titles_await_the_council_is_told_so() -> None:
    # CSTĐCS capped at one; two members tie on 96 for it: the council decides
    structure = _collective_structure(quota=Quota(10, Rounding.FLOOR, of="LĐTT"))
    people = _staff("u", [96, 96] + [85] * 8)
    decision = allocate(structure, [Candidate("u", "PB", Decimal(90), staff=10), *people])
    (tie,) = [t for t in decision.ties if t.slots == (("CSTĐCS", 1),)]
    assert tie.candidates == ("u-00", "u-01")
    (excluded,) = [e for e in decision.excluded if e.prize == "TTLĐXS"]
    assert excluded.reasons[0].code == "members-pending"
    assert "còn 2 thành viên chờ Hội đồng phân định đồng hạng danh hiệu CSTĐCS" in (
        excluded.reasons[0].vi
    )
    settled = allocate(
        structure,
        [Candidate("u", "PB", Decimal(90), staff=10), *people],
        settlements=[
            TieSettlement("CN", {"u-01": "CSTĐCS"}, "12/BB-HĐTĐKT", datetime.date(2021, 12, 5))
        ],
    )
    assert [a.recipient for a in settled.awards_in("CN", "CSTĐCS")] == ["u-01"]
    assert [a.recipient for a in settled.awards_in("PB", "TTLĐXS")] == ["u"]


@pytest.mark.parametrize(
    ("members", "field", "match"),
    [
        (
            MemberGate("CN", [MemberRequirement("HCLĐ", min_count=1)]),
            "requirements[0].title",
            "listed earlier",
        ),
        (MemberGate("KHOI", [MemberRequirement("LĐTT", min_count=1)]), "group", "unknown group"),
        (MemberGate("PB", [MemberRequirement("LĐTT", min_count=1)]), "group", "another group"),
        (
            MemberGate("XA", [MemberRequirement("LĐTT", min_count=1)]),
            "requirements[0].title",
            "group CN",
        ),
    ],
)
def test_a_members_rule_must_name_earlier_titles_of_the_members_group(
    members: MemberGate, field: str, match: str
) -> None:
    titles = [
        Title("LĐTT", "Lao động tiên tiến", "CN"),
        Title("TTLĐXS", "Tập thể lao động xuất sắc", "PB", members=members),
    ]
    with pytest.raises(ValidationError, match=match) as err:
        attrs.evolve(CHAU_THANH_2021, titles=titles)
    assert err.value.field == f"titles[1].members.{field}"
    assert err.value.vi


def test_member_requirements_are_checked_when_built() -> None:
    with pytest.raises(ValidationError, match="minimum share"):
        MemberRequirement("LĐTT")
    with pytest.raises(ValidationError, match="between 0 and 1"):
        MemberRequirement("LĐTT", min_share=Fraction(7, 5))
    with pytest.raises(CchcTypeError):
        MemberRequirement("LĐTT", min_share=0.7)
    with pytest.raises(ValidationError, match="twice") as err:
        MemberGate(
            "CN", [MemberRequirement("LĐTT", min_count=1), MemberRequirement("lđtt", min_count=2)]
        )
    assert err.value.field == "requirements[1].title"
    with pytest.raises(CchcTypeError):
        Title("T", "T", "PB", members="CN")  # type: ignore[arg-type]


def test_participation_gates_keep_talking_about_participation() -> None:
    # the members' rule has its own reasons; a participation gate is no longer misused for it
    people = _staff("u", [70] * 10)
    decision = allocate(
        _collective_structure(), [Candidate("u", "PB", Decimal(90), staff=10), *people]
    )
    (excluded,) = [e for e in decision.excluded if e.prize == "TTLĐXS"]
    assert {r.code for r in excluded.reasons} == {"members"}
    assert not any("tham gia" in r.vi for r in excluded.reasons)


# --- the council settles a tie -----------------------------------------------------------------
# Illustrative: the communes of Châu Thành tied on 90.50 for the second and third prizes; the
# council's record number and date are made up.

_COMMUNES = [
    Candidate("xa-an-hiep", "XA", Decimal("92.00"), name="Xã An Hiệp"),
    Candidate("tt-chau-thanh", "XA", Decimal("90.50"), name="Thị trấn Châu Thành"),
    Candidate("xa-an-khanh", "XA", Decimal("90.50"), name="Xã An Khánh"),
    Candidate("xa-tan-phu", "XA", Decimal("81.25"), name="Xã Tân Phú"),
]
_RECORD = {
    "number": "12/BB-HĐTĐKT",
    "issued": datetime.date(2021, 12, 5),
    "council": "Hội đồng Thi đua - Khen thưởng huyện Châu Thành",
}


def settle(places: Any, group: str = "XA", **kw: Any) -> TieSettlement:
    return TieSettlement(group, places, **{**_RECORD, **kw})


def test_the_councils_settlement_issues_with_the_decision_and_says_so() -> None:
    before = allocate(CHAU_THANH_2021, _COMMUNES)
    assert before.ties[0].candidates == ("tt-chau-thanh", "xa-an-khanh")
    settlement = settle({"xa-an-khanh": "nhi", "tt-chau-thanh": "ba"})
    after = allocate(CHAU_THANH_2021, _COMMUNES, settlements=[settlement])
    assert after.ties == ()
    assert given(after)[:4] == [
        ("xa-an-hiep", "nhat"),
        ("xa-an-khanh", "nhi"),
        ("tt-chau-thanh", "ba"),
        ("xa-tan-phu", "kk"),
    ]
    second = after.awards[1]
    assert second.rank == 2
    assert second.reason.code == "council-settled"
    assert second.reason.vi == (
        "đồng hạng 2; phân định theo Biên bản số 12/BB-HĐTĐKT ngày 05/12/2021 của Hội đồng "
        "Thi đua - Khen thưởng huyện Châu Thành"
    )
    lines = str(after.explain()).splitlines()
    assert (
        "  Giải Nhì: Xã An Khánh, 90,50 điểm, hạng 2 — đồng hạng 2; phân định theo "
        "Biên bản số 12/BB-HĐTĐKT ngày 05/12/2021 của Hội đồng Thi đua - Khen thưởng huyện "
        "Châu Thành"
    ) in lines
    assert "12/BB-HĐTĐKT of 2021-12-05" in str(after.explain("en"))


def test_the_settlement_is_read_in_any_order_and_any_tone_placement() -> None:
    a = allocate(
        CHAU_THANH_2021,
        _COMMUNES,
        settlements=[settle([("XA-AN-KHANH", "NHI"), ("tt-chau-thanh", "ba")], "xa")],
    )
    b = allocate(
        CHAU_THANH_2021,
        list(reversed(_COMMUNES)),
        settlements=[settle({"tt-chau-thanh": "ba", "xa-an-khanh": "nhi"})],
    )
    assert given(a) == given(b)


def test_a_place_the_council_leaves_unused_stays_unfilled_and_the_other_is_told() -> None:
    after = allocate(CHAU_THANH_2021, _COMMUNES, settlements=[settle({"xa-an-khanh": "nhi"})])
    assert ("xa-an-khanh", "nhi") in given(after)
    assert "tt-chau-thanh" not in [a.recipient for a in after.awards]
    (left,) = [u for u in after.unfilled if u.group == "XA" and u.prize == "ba"]
    assert left.count == 1
    assert left.reason.code == "council-settled"
    (out,) = [e for e in after.excluded if e.candidate == "tt-chau-thanh"]
    assert out.reasons[0].vi.startswith(
        "đồng hạng 2, Hội đồng không chọn (Biên bản số 12/BB-HĐTĐKT"
    )
    # the place below is not given to the next commune: only the council's places move
    assert ("xa-tan-phu", "kk") in given(after)


@pytest.mark.parametrize(
    "places",
    [
        {"xa-an-hiep": "nhi", "tt-chau-thanh": "ba"},  # xa-an-hiep is not in the tie
        {"xa-an-khanh": "nhat"},  # the first prize is not contested
        {"xa-an-khanh": "kk"},  # nor the encouragement prize
        {"xa-ba-kien": "nhi"},  # no such candidate
    ],
)
def test_a_settlement_that_matches_no_tie_is_refused_naming_it(places: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as err:
        allocate(CHAU_THANH_2021, _COMMUNES, settlements=[settle(places)])
    assert err.value.field == "settlements[0]"
    assert err.value.code == "settlement.unmatched"
    assert "tt-chau-thanh, xa-an-khanh for nhi × 1, ba × 1" in str(err.value)
    assert "các trường hợp còn chờ: tt-chau-thanh, xa-an-khanh tranh nhi × 1, ba × 1" in (
        err.value.message_vi
    )
    assert err.value.findings[0].path == "settlements[0]"


def test_a_settlement_for_a_group_without_a_tie_or_of_another_group_is_refused() -> None:
    with pytest.raises(ValidationError, match="none is left there"):
        allocate(CHAU_THANH_2021, _COMMUNES, settlements=[settle({"pb-noi-vu": "nhi"}, "PB")])
    with pytest.raises(NotFoundError) as err:
        allocate(CHAU_THANH_2021, _COMMUNES, settlements=[settle({"a": "nhi"}, "KHOI-9")])
    assert err.value.field == "settlements[0].group"


def test_a_settlement_giving_more_places_than_the_tie_holds_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        allocate(
            CHAU_THANH_2021,
            _COMMUNES,
            settlements=[settle({"xa-an-khanh": "nhi", "tt-chau-thanh": "nhi"})],
        )
    assert err.value.code == "settlement.over"
    assert err.value.field == "settlements[0].places"
    assert err.value.vi == "Hội đồng trao 2 suất Giải Nhì nhưng đồng hạng chỉ giữ 1 suất"


def test_every_unmatched_settlement_is_reported_and_one_tie_is_settled_once() -> None:
    first = settle({"xa-an-khanh": "nhi", "tt-chau-thanh": "ba"})
    again = settle({"tt-chau-thanh": "nhi"})
    stray = settle({"pb-noi-vu": "nhat"}, "PB")
    with pytest.raises(ValidationError) as err:
        allocate(CHAU_THANH_2021, _COMMUNES, settlements=[first, again, stray])
    assert [f.path for f in err.value.findings] == ["settlements[1]", "settlements[2]"]


def test_a_settlement_within_a_units_cap() -> None:
    capped = PrizeStructure(
        [
            PrizeGroup(
                "CN",
                "Cá nhân",
                [PrizeLevel("nhat", "Giải Nhất"), PrizeLevel("nhi", "Giải Nhì")],
                per_unit_cap=1,
            )
        ]
    )
    people = [
        Candidate("cn-01", "CN", Decimal(95), unit="pb-noi-vu"),
        Candidate("cn-02", "CN", Decimal(95), unit="pb-noi-vu"),
        Candidate("cn-03", "CN", Decimal(90), unit="pb-tu-phap"),
    ]
    settled = allocate(capped, people, settlements=[settle({"cn-02": "nhat"}, "CN")])
    assert given(settled) == [("cn-02", "nhat"), ("cn-03", "nhi")]
    # the tie holds only the one place the unit may take: a second is no place of the tie
    with pytest.raises(ValidationError, match="ties left: cn-01, cn-02 for nhat × 1"):
        allocate(capped, people, settlements=[settle({"cn-02": "nhat", "cn-01": "nhi"}, "CN")])


def test_a_settled_title_tie_gives_the_title() -> None:
    structure = PrizeStructure(
        [PrizeGroup("CN", "Cá nhân")],
        titles=[Title("CSTDCS", "Chiến sĩ thi đua cơ sở", "CN", quota=Quota(50))],
    )
    people = [cand("a", 90, "CN"), cand("b", 90, "CN"), cand("c", 90, "CN"), cand("d", 80, "CN")]
    assert allocate(structure, people).ties[0].slots == (("CSTDCS", 2),)
    settled = allocate(
        structure, people, settlements=[settle({"c": "CSTDCS", "a": "cstdcs"}, "CN")]
    )
    assert [a.recipient for a in settled.awards_in("CN", "CSTDCS")] == ["a", "c"]
    (out,) = [e for e in settled.excluded if e.candidate == "b"]
    assert out.prize == "CSTDCS"


def test_a_settled_prize_counts_as_the_recipients_one_commendation() -> None:
    structure = PrizeStructure(
        [PrizeGroup("G", "G", levels(1, 1)), PrizeGroup("H", "H", levels(1))]
    )
    people = [cand("a", 90), cand("b", 90), cand("a", 99, "H"), cand("z", 50, "H")]
    settled = allocate(structure, people, settlements=[settle({"a": "nhat", "b": "nhi"}, "G")])
    assert ("z", "nhat") in given(settled)  # a holds a prize of G already
    assert [e.reasons[0].code for e in settled.excluded if e.candidate == "a"] == [
        "already-awarded"
    ]


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"places": {}}, "places", ValidationError),
        ({"places": [("a", "nhi"), ("A", "ba")]}, "places[1][0]", ValidationError),
        ({"places": [("a", "")]}, "places[0][1]", ValidationError),
        ({"places": "a"}, "places", CchcTypeError),
        ({"places": [("a",)]}, "places[0]", CchcTypeError),
        ({"number": "12 / BB"}, "number", ParseError),
        ({"number": 12}, "number", CchcTypeError),
        ({"issued": "05/12/2021"}, "issued", CchcTypeError),
        ({"issued": datetime.datetime(2021, 12, 5)}, "issued", CchcTypeError),
        ({"number": "12/2020/QĐ-UBND"}, "issued", ValidationError),
        ({"council": ""}, "council", ValidationError),
    ],
)
def test_a_settlement_is_checked_when_built(
    change: dict[str, Any], field: str, error: type[CchcError]
) -> None:
    with pytest.raises(error) as err:
        TieSettlement(**{"group": "XA", "places": {"a": "nhi"}, **_RECORD, **change})
    assert err.value.field == field
    assert err.value.vi
    assert "'" not in err.value.message_vi.partition(": ")[2]


def test_only_settlements_are_accepted() -> None:
    with pytest.raises(CchcTypeError) as err:
        allocate(CHAU_THANH_2021, _COMMUNES, settlements=[{"xa-an-khanh": "nhi"}])  # type: ignore[list-item]
    assert err.value.field == "settlements[0]"
