"""Letterhead and Signature: derived from an issuer, every signature form Decree 30 allows and
no other, and the contract of a value type."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.errors import CchcError, CchcTypeError, ValidationError
from cchc.letterhead import Letterhead, Signature


class TestOfIssuer:
    @pytest.mark.parametrize(
        ("issuer", "agency", "parent", "place", "symbol", "lines", "drafting"),
        [
            (
                "UBND huyện Văn Bàn",
                "Ủy ban nhân dân huyện Văn Bàn",
                None,
                "Văn Bàn",
                "UBND",
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                "PNV",
            ),
            (
                "Ủy ban nhân dân tỉnh Bắc Kạn",
                "Ủy ban nhân dân tỉnh Bắc Kạn",
                None,
                "Bắc Kạn",
                "UBND",
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                "SNV",
            ),
            (
                "Sở Nội vụ tỉnh Bắc Kạn",
                "Sở Nội vụ",
                "UBND tỉnh Bắc Kạn",
                "Bắc Kạn",
                "SNV",
                ("GIÁM ĐỐC",),
                None,
            ),
            (
                "Phòng Nội vụ huyện Châu Thành",
                "Phòng Nội vụ",
                "UBND huyện Châu Thành",
                "Châu Thành",
                "PNV",
                ("TRƯỞNG PHÒNG",),
                None,
            ),
            (
                "UBND thị trấn Tân Phú",
                "Ủy ban nhân dân thị trấn Tân Phú",
                None,
                "Tân Phú",
                "UBND",
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                None,
            ),
            (
                "UBND thành phố Hà Nội",
                "Ủy ban nhân dân thành phố Hà Nội",
                None,
                "Hà Nội",
                "UBND",
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                "SNV",
            ),
        ],
    )
    def test_derives_the_header_place_signer_and_drafting_unit(
        self,
        issuer: str,
        agency: str,
        parent: str | None,
        place: str,
        symbol: str,
        lines: tuple[str, ...],
        drafting: str | None,
    ) -> None:
        head = Letterhead.of_issuer(issuer)
        assert (head.issuer, head.parent, head.place, head.symbol) == (
            agency,
            parent,
            place,
            symbol,
        )
        assert head.signature.lines() == lines
        assert head.drafting_unit == drafting

    def test_a_unit_under_its_parent_does_not_repeat_the_province(self) -> None:
        head = Letterhead.of_issuer("Sở Nội vụ tỉnh Bắc Kạn")
        assert "Bắc Kạn" not in head.issuer
        assert head.parent == "UBND tỉnh Bắc Kạn"

    def test_an_issuer_without_a_place_leaves_it_for_the_clerk(self) -> None:
        assert Letterhead.of_issuer("Ủy ban nhân dân huyện").place == "……"

    def test_a_deputy_signs_in_three_lines_for_a_committee_and_two_for_a_department(
        self,
    ) -> None:
        committee = Letterhead.of_issuer("UBND huyện Văn Bàn", deputy=True, signer="Lò Văn E")
        assert committee.signature.lines() == (
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
        )
        assert committee.signature.signer == "Lò Văn E"
        office = Letterhead.of_issuer("Sở Nội vụ tỉnh Bắc Kạn", deputy=True)
        assert office.signature.lines() == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")

    def test_the_archive_line_names_the_drafting_unit(self) -> None:
        assert Letterhead.of_issuer("UBND huyện Văn Bàn").archive == ("VT", "PNV")
        assert Letterhead.of_issuer("UBND huyện Văn Bàn", drafting_unit="VP").archive == (
            "VT",
            "VP",
        )
        assert Letterhead.of_issuer("Sở Nội vụ tỉnh Bắc Kạn").archive == ("VT",)

    def test_tone_placement_and_case_of_the_issuer_do_not_matter(self) -> None:
        assert Letterhead.of_issuer("UBND HUYỆN Châu Thành").place == "Châu Thành"
        assert Letterhead.of_issuer("Uỷ ban nhân dân huyện Gia Lâm").parent is None

    @pytest.mark.parametrize("bad", ["", "   ", "UBND huyện\x00 Văn Bàn", None, 3])
    def test_an_issuer_that_cannot_head_a_document_is_refused(self, bad: object) -> None:
        with pytest.raises(CchcError) as caught:
            Letterhead.of_issuer(bad)  # type: ignore[arg-type]
        assert caught.value.field == "issuer"
        assert caught.value.vi


class TestSignatureForms:
    @pytest.mark.parametrize(
        ("signature", "lines"),
        [
            (Signature("Giám đốc", "A"), ("GIÁM ĐỐC",)),
            (
                Signature("Chủ tịch", "A", authority="Ủy ban nhân dân", prefix="TM."),
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            ),
            (
                Signature(
                    "Phó Chủ tịch",
                    "A",
                    authority="Chủ tịch",
                    prefix="KT.",
                    collective="Ủy ban nhân dân",
                ),
                ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
            ),
            (
                Signature("Phó Giám đốc", "A", authority="Giám đốc", prefix="KT"),
                ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
            ),
            (
                Signature("Chánh Văn phòng", "A", authority="Chủ tịch", prefix="TL."),
                ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
            ),
            (
                Signature("Giám đốc Sở Nội vụ", "A", authority="Chủ tịch", prefix="tuq"),
                ("TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"),
            ),
            (Signature("Giám đốc", "A", authority="Giám đốc", prefix="Q."), ("Q. GIÁM ĐỐC",)),
        ],
    )
    def test_every_form_decree_30_allows(
        self, signature: Signature, lines: tuple[str, ...]
    ) -> None:
        assert signature.lines() == lines

    @pytest.mark.parametrize(
        "make",
        [
            # a deputy on behalf of the committee without the chair's KT.
            lambda: Signature("Phó Chủ tịch", "A", authority="Ủy ban nhân dân", prefix="TM."),
            # KT. by someone who is not the deputy of that head
            lambda: Signature("Giám đốc", "A", authority="Chủ tịch", prefix="KT."),
            lambda: Signature("Chủ tịch", "A", authority="Chủ tịch", prefix="KT."),
            # TL. and TUQ. are not signed by the head or a deputy
            lambda: Signature("Phó Chủ tịch", "A", authority="Chủ tịch", prefix="TL."),
            lambda: Signature("Chủ tịch", "A", authority="Chủ tịch", prefix="TUQ."),
            # an acting head signs as the office held
            lambda: Signature("Phó Giám đốc", "A", authority="Giám đốc", prefix="Q."),
            # a collective above anything but KT.
            lambda: Signature(
                "Chủ tịch", "A", authority="Ủy ban nhân dân", prefix="TM.", collective="UBND"
            ),
            lambda: Signature("Giám đốc", "A", collective="Ủy ban nhân dân"),
        ],
    )
    def test_a_wrong_combination_is_refused_in_both_languages(self, make: object) -> None:
        assert callable(make)
        with pytest.raises(ValidationError) as caught:
            make()
        assert caught.value.code == "signature.form"
        assert caught.value.vi
        assert "'" not in caught.value.vi

    def test_a_changed_signature_is_caught_when_a_letterhead_holds_it(self) -> None:
        good = Signature("Chủ tịch", "A", authority="Ủy ban nhân dân", prefix="TM.")
        bad = object.__new__(Signature)
        for field in attrs.fields(Signature):
            object.__setattr__(bad, field.name, getattr(good, field.name))
        object.__setattr__(bad, "position", "Phó Chủ tịch")
        with pytest.raises(ValidationError, match=r"signature\.position"):
            Letterhead("Ủy ban nhân dân huyện Văn Bàn", place="Văn Bàn", signature=bad)

    def test_a_letterhead_needs_a_signature(self) -> None:
        with pytest.raises(CchcTypeError, match="signature"):
            Letterhead("Sở Nội vụ", place="Bắc Kạn", signature="Giám đốc")  # type: ignore[arg-type]


class TestValueContract:
    def values(self) -> list[object]:
        return [
            Letterhead.of_issuer("UBND huyện Văn Bàn", deputy=True),
            Letterhead.of_issuer("Sở Nội vụ tỉnh Bắc Kạn", signer="Hà Thị F"),
            Signature("Phó Giám đốc", "A", authority="Giám đốc", prefix="KT."),
        ]

    def test_equal_hashable_frozen_and_pickled(self) -> None:
        for value in self.values():
            assert pickle.loads(pickle.dumps(value)) == value
            assert hash(value) == hash(pickle.loads(pickle.dumps(value)))
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                value.place = "x"  # type: ignore[attr-defined]

    def test_the_repr_reads_like_the_constructor(self) -> None:
        names = {"Letterhead": Letterhead, "Signature": Signature}
        for value in self.values():
            assert eval(repr(value), names) == value

    def test_evolve_leaves_the_original(self) -> None:
        head = Letterhead.of_issuer("UBND huyện Văn Bàn")
        other = attrs.evolve(head, drafting_unit="VP")
        assert head.drafting_unit == "PNV"
        assert other.archive == ("VT", "VP")


@given(st.text(max_size=60))
def test_of_issuer_gives_a_letterhead_or_a_cchc_error(issuer: str) -> None:
    try:
        head = Letterhead.of_issuer(issuer)
    except CchcError:
        return
    assert head.issuer.strip()
    assert head.place.strip()
    assert head.signature.lines()
