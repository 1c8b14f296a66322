"""Units, the unit tree and ranking groups: the rules they keep."""

from __future__ import annotations

import pickle
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs
import pytest

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
from cchc.units import Grouping, Unit, UnitGroup, UnitKind, UnitTree, group_by_kind

K = UnitKind


def pre_2025() -> UnitTree:
    """A district of the four-level era, as in seed 001 (Châu Thành); the province and the
    selection of offices and communes are illustrative."""
    return UnitTree(
        [
            Unit("DT", "Đồng Tháp", K.PROVINCE),
            Unit("DT-SNV", "Sở Nội vụ", K.DEPARTMENT, parent="DT"),
            Unit("CT", "Châu Thành", K.DISTRICT, parent="DT"),
            Unit("CT-TDKT", "Hội đồng Thi đua - Khen thưởng huyện", K.COUNCIL, parent="CT"),
            Unit("CT-PNV", "Phòng Nội vụ", K.DISTRICT_OFFICE, parent="CT", staff=6),
            Unit("CT-PTP", "Phòng Tư pháp", K.DISTRICT_OFFICE, parent="CT", staff=4),
            Unit("CT-CTH", "Cái Tàu Hạ", K.TOWN, parent="CT", staff=24),
            Unit("CT-AH", "An Hiệp", K.COMMUNE, parent="CT", staff=21),
            Unit("CT-HT", "Hòa Tân", K.COMMUNE, parent="CT", staff=20, tags={"remote"}),
            Unit("LV", "Lấp Vò", K.DISTRICT, parent="DT"),
            Unit("LV-PNV", "Phòng Nội vụ", K.DISTRICT_OFFICE, parent="LV"),
        ]
    )


def post_2025() -> UnitTree:
    """A province of today's two-tier local government (an illustrative selection)."""
    return UnitTree(
        [
            Unit("KH", "Khánh Hòa", K.PROVINCE),
            Unit("KH-SNV", "Sở Nội vụ", K.DEPARTMENT, parent="KH"),
            Unit("KH-NT", "Nha Trang", K.WARD, parent="KH"),
            Unit("KH-DK", "Diên Khánh", K.COMMUNE, parent="KH"),
            Unit("KH-TS", "Trường Sa", K.SPECIAL_ZONE, parent="KH", tags={"island"}),
        ]
    )


# --- UnitKind -----------------------------------------------------------------------------


def test_kinds_have_distinct_codes_and_labels() -> None:
    assert len({k.code for k in K}) == len(K)
    assert len({k.vi for k in K}) == len(K)
    assert len({k.en for k in K}) == len(K)


def test_every_vietnamese_label_names_its_own_kind() -> None:
    for kind in K:
        assert K.from_text(kind.vi) is kind, kind


def test_codes_and_member_names_are_read_back() -> None:
    for kind in K:
        assert K.from_text(kind.code) is kind
        assert K.from_text(kind.name.lower()) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sở Nội vụ", K.DEPARTMENT),
        ("Phòng Tài chính - Kế hoạch", K.DISTRICT_OFFICE),
        ("UBND huyện Châu Thành", K.DISTRICT),
        ("Ủy ban nhân dân xã An Hiệp", K.COMMUNE),
        ("Uỷ ban nhân dân phường Nha Trang", K.WARD),
        ("thị trấn Cái Tàu Hạ", K.TOWN),
        ("Thị xã Sa Pa", K.DISTRICT),
        ("Đặc khu Phú Quốc", K.SPECIAL_ZONE),
        ("thành phố thuộc tỉnh", K.DISTRICT),
        ("Thành phố trực thuộc Trung ương", K.PROVINCE),
        ("Huyện ủy Châu Thành", K.PARTY_COMMITTEE),
        ("Tỉnh ủy Lào Cai", K.PARTY_COMMITTEE),
        ("Hội đồng Thi đua - Khen thưởng huyện Châu Thành", K.COUNCIL),
        ("Bộ Nội vụ", K.MINISTRY),
        ("QUẬN Ba Đình", K.DISTRICT),
    ],
)
def test_kind_is_read_from_the_start_of_a_name(text: str, kind: UnitKind) -> None:
    assert K.from_text(text) is kind
    assert K.from_text(unicodedata.normalize("NFD", text)) is kind


def test_a_longer_kind_word_wins_over_its_prefix() -> None:
    assert K.from_text("Thị xã") is K.DISTRICT  # not "thị trấn", not "xã"
    assert K.from_text("Xã") is K.COMMUNE
    assert K.from_text("Phường") is K.WARD  # not "phòng"


def test_text_naming_no_kind_is_an_error() -> None:
    with pytest.raises(NotFoundError, match="'Thành phố'"):
        K.from_text("Thành phố")  # "thành phố" alone is ambiguous
    with pytest.raises(NotFoundError):
        K.from_text("")
    with pytest.raises(NotFoundError):
        K.from_text("Bộc Bố")  # "bộ" must be a whole word
    with pytest.raises(CchcTypeError):
        K.from_text(3)  # type: ignore[arg-type]


def test_commune_level_kinds_are_commune_ward_town_and_special_zone() -> None:
    assert {k for k in K if k.is_commune_level} == {K.COMMUNE, K.WARD, K.TOWN, K.SPECIAL_ZONE}


def test_kind_repr_reads_like_code() -> None:
    assert repr(K.SPECIAL_ZONE) == "UnitKind.SPECIAL_ZONE"


# --- Unit ---------------------------------------------------------------------------------


def test_unit_text_is_stored_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Hòa Tân")
    unit = Unit(" CT-HT ", decomposed, K.COMMUNE, parent=" CT", tags=["vùng  sâu"])
    assert unit.name == unicodedata.normalize("NFC", "Hòa Tân")
    assert unit.code == "CT-HT"
    assert unit.parent == "CT"
    assert unit.tags == frozenset({"vùng sâu"})


@pytest.mark.parametrize("code", ["", "   ", "CT HT", "CT\tHT"])
def test_a_code_is_non_empty_without_white_space(code: str) -> None:
    with pytest.raises(ValidationError, match="code = "):
        Unit(code, "Hòa Tân", K.COMMUNE)


def test_a_parent_code_is_non_empty_without_white_space() -> None:
    with pytest.raises(ValidationError, match="parent = 'C T'"):
        Unit("X", "Hòa Tân", K.COMMUNE, parent="C T")


def test_a_name_is_required() -> None:
    with pytest.raises(ValidationError, match="name = ''"):
        Unit("X", "  ", K.COMMUNE)


def test_a_unit_is_not_its_own_parent_whatever_the_case() -> None:
    with pytest.raises(ValidationError, match="own parent"):
        Unit("Đt", "Đồng Tháp", K.PROVINCE, parent="đT")


def test_staff_is_a_non_negative_whole_number() -> None:
    assert Unit("X", "A", K.COMMUNE, staff=0).staff == 0
    with pytest.raises(ValidationError, match="staff = -1"):
        Unit("X", "A", K.COMMUNE, staff=-1)
    for bad in (True, 2.5, "3"):
        with pytest.raises(CchcTypeError, match="staff"):
            Unit("X", "A", K.COMMUNE, staff=bad)  # type: ignore[arg-type]


def test_wrong_types_are_type_errors_naming_the_field() -> None:
    with pytest.raises(CchcTypeError, match="code = 7"):
        Unit(7, "A", K.COMMUNE)
    with pytest.raises(CchcTypeError, match="kind = 'xa'"):
        Unit("X", "A", "xa")  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError, match="tags = 'remote'"):
        Unit("X", "A", K.COMMUNE, tags="remote")
    with pytest.raises(ValidationError, match="tag must not be empty"):
        Unit("X", "A", K.COMMUNE, tags=[" "])


def test_unit_str_is_its_name_and_repr_omits_defaults() -> None:
    unit = Unit("CT-AH", "An Hiệp", K.COMMUNE, parent="CT")
    assert str(unit) == "An Hiệp"
    assert repr(unit) == "Unit('CT-AH', 'An Hiệp', UnitKind.COMMUNE, parent='CT')"
    tagged = Unit("A", "B", K.WARD, tags={"z", "a"})
    assert repr(tagged) == "Unit('A', 'B', UnitKind.WARD, tags=frozenset({'a', 'z'}))"


UNITS = [
    Unit("CT-AH", "An Hiệp", K.COMMUNE, parent="CT"),
    Unit("CT-HT", "Hòa Tân", K.COMMUNE, parent="CT", staff=20, tags={"remote", "border"}),
    Unit("KH", "Khánh Hòa", K.PROVINCE),
]


@pytest.mark.parametrize("unit", UNITS)
def test_unit_contract(unit: Unit) -> None:
    twin = Unit(unit.code, unit.name, unit.kind, unit.parent, unit.staff, set(unit.tags))
    assert twin == unit
    assert hash(twin) == hash(unit)
    assert eval(repr(unit), {"Unit": Unit, "UnitKind": K}) == unit
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        unit.name = "X"  # type: ignore[misc]
    changed = attrs.evolve(unit, name="Tân Bình")
    assert changed.name == "Tân Bình"
    assert changed != unit
    assert unit == twin  # the original is unchanged
    assert pickle.loads(pickle.dumps(unit)) == unit
    assert from_json(to_json(unit), Unit) == unit


def test_units_differing_in_any_field_are_unequal() -> None:
    base = Unit("X", "A", K.COMMUNE, "P", 3, {"remote"})
    changes: tuple[dict[str, Any], ...] = (
        {"code": "Y"},
        {"name": "B"},
        {"kind": K.WARD},
        {"parent": None},
        {"staff": 4},
        {"tags": set()},
    )
    for change in changes:
        assert attrs.evolve(base, **change) != base


def test_json_with_a_bad_unit_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        from_json('{"code": "A B", "name": "x", "kind": "xa"}', Unit)
    with pytest.raises(ParseError):
        from_json('{"code": "A", "name": "x", "kind": "village"}', Unit)


# --- UnitTree: shape ----------------------------------------------------------------------


def test_pre_2025_commune_sits_under_district_under_province() -> None:
    tree = pre_2025()
    assert [u.code for u in tree.ancestors("CT-AH")] == ["CT", "DT"]
    assert [u.name for u in tree.path("CT-AH")] == ["Đồng Tháp", "Châu Thành", "An Hiệp"]
    assert tree.depth("CT-AH") == 2
    assert tree.depth("DT") == 0
    assert tree.parent("CT-AH") == tree.get("CT")
    assert tree.parent("DT") is None


def test_post_2025_commune_sits_directly_under_province() -> None:
    tree = post_2025()
    assert tree.depth("KH-DK") == 1
    assert [u.code for u in tree.children("KH")] == ["KH-DK", "KH-NT", "KH-SNV", "KH-TS"]
    commune_level = [u.code for u in tree if u.kind.is_commune_level]
    assert commune_level == ["KH-DK", "KH-NT", "KH-TS"]
    assert tree.of_kind(K.DISTRICT) == ()


def test_a_forest_of_both_eras_is_one_tree_with_two_roots() -> None:
    tree = UnitTree([*pre_2025(), *post_2025()])
    assert [u.code for u in tree.roots] == ["DT", "KH"]
    assert len(tree) == len(pre_2025()) + len(post_2025())


def test_descendants_are_depth_first_and_exclude_the_unit() -> None:
    tree = pre_2025()
    codes = [u.code for u in tree.descendants("DT")]
    assert codes == [
        "CT",
        "CT-AH",
        "CT-CTH",
        "CT-HT",
        "CT-PNV",
        "CT-PTP",
        "CT-TDKT",
        "DT-SNV",
        "LV",
        "LV-PNV",
    ]
    assert tree.descendants("CT-AH") == ()


def test_iteration_puts_every_parent_before_its_children() -> None:
    tree = pre_2025()
    seen: set[str] = set()
    for unit in tree:
        assert unit.parent is None or unit.parent in seen
        seen.add(unit.code)
    assert len(seen) == len(tree)


def test_of_kind_keeps_tree_order() -> None:
    tree = pre_2025()
    assert [u.code for u in tree.of_kind(K.COMMUNE, K.TOWN)] == ["CT-AH", "CT-CTH", "CT-HT"]
    assert [u.code for u in tree.of_kind(K.DISTRICT_OFFICE)] == ["CT-PNV", "CT-PTP", "LV-PNV"]


def test_subtree_makes_its_top_a_root_and_keeps_what_is_below() -> None:
    tree = pre_2025()
    sub = tree.subtree("ct")
    assert [u.code for u in sub.roots] == ["CT"]
    assert sub.get("CT").parent is None
    assert set(sub.units[1:]) == set(tree.descendants("CT"))
    assert tree.get("CT").parent == "DT"  # the original tree is unchanged
    assert len(tree.subtree("CT-AH")) == 1


def test_same_units_in_any_order_make_an_equal_tree() -> None:
    units = list(pre_2025())
    shuffled = UnitTree(reversed(units))
    assert shuffled == pre_2025()
    assert hash(shuffled) == hash(pre_2025())
    assert shuffled.units == pre_2025().units


# --- UnitTree: problems -------------------------------------------------------------------


def test_codes_must_be_unique_whatever_the_case_or_marks() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        UnitTree([Unit("ĐT", "Đồng Tháp", K.PROVINCE), Unit("đt", "Đồng Tháp 2", K.PROVINCE)])
    [finding] = info.value.findings
    assert finding.code == "unit.duplicate-code"
    assert finding.path == "units[1].code"
    assert "units[0]" in finding.message_en


def test_every_problem_of_a_tree_is_reported_at_once() -> None:
    units = [
        Unit("P", "Tỉnh", K.PROVINCE),
        Unit("A", "A", K.COMMUNE, parent="B"),
        Unit("B", "B", K.COMMUNE, parent="A"),
        Unit("p", "Trùng", K.PROVINCE),
        Unit("X", "X", K.COMMUNE, parent="MISSING"),
        Unit("Y", "Y", K.COMMUNE, parent="Z"),
        Unit("Z", "Z", K.COMMUNE, parent="W"),
        Unit("W", "W", K.COMMUNE, parent="Y"),
    ]
    with pytest.raises(InvalidDocumentError) as info:
        UnitTree(units)
    found = [(f.code, f.path) for f in info.value.findings]
    assert found == [
        ("unit.duplicate-code", "units[3].code"),
        ("unit.unknown-parent", "units[4].parent"),
        ("unit.cycle", "units[1].parent"),
        ("unit.cycle", "units[5].parent"),
    ]
    assert "Y -> Z -> W -> Y" in str(info.value)
    assert "MISSING" in str(info.value)


def test_a_unit_hanging_below_a_cycle_is_not_itself_a_cycle() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        UnitTree(
            [
                Unit("A", "A", K.COMMUNE, parent="B"),
                Unit("B", "B", K.COMMUNE, parent="A"),
                Unit("C", "C", K.COMMUNE, parent="A"),
            ]
        )
    assert [f.code for f in info.value.findings] == ["unit.cycle"]


def test_a_tree_is_built_from_units_only() -> None:
    with pytest.raises(CchcTypeError, match=r"units\[1\]"):
        UnitTree([Unit("A", "A", K.PROVINCE), "B"])  # type: ignore[list-item]
    with pytest.raises(CchcTypeError, match="units"):
        UnitTree("AB")  # type: ignore[arg-type]


def test_an_empty_tree_is_allowed() -> None:
    tree = UnitTree([])
    assert len(tree) == 0
    assert tree.roots == ()


# --- UnitTree: lookups --------------------------------------------------------------------


def test_lookup_by_code_ignores_case() -> None:
    tree = pre_2025()
    assert tree.get("ct-ah").code == "CT-AH"
    assert "ct-ah" in tree
    assert tree.get("CT-AH") in tree
    assert attrs.evolve(tree.get("CT-AH"), name="Khác") not in tree
    assert 3 not in tree


def test_an_unknown_code_is_not_found_and_named() -> None:
    with pytest.raises(NotFoundError, match="code = 'NOPE'"):
        pre_2025().get("NOPE")
    with pytest.raises(NotFoundError):
        pre_2025().ancestors("NOPE")
    with pytest.raises(CchcTypeError):
        pre_2025().get(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "spelling",
    ["Hòa Tân", "Hoà Tân", "HÒA TÂN", "hoà  tân", "Ho\u0300a Ta\u0302n", "Hoa\u0300 Tân"],
)
def test_lookup_by_name_ignores_form_case_and_tone_placement(spelling: str) -> None:
    assert pre_2025().find(spelling).code == "CT-HT"


def test_a_different_tone_is_a_different_name() -> None:
    with pytest.raises(NotFoundError, match="no unit has this name"):
        pre_2025().find("Hóa Tân")


def test_an_ambiguous_name_lists_every_candidate() -> None:
    tree = pre_2025()
    with pytest.raises(NotFoundError) as info:
        tree.find("Phòng Nội vụ")
    message = str(info.value)
    assert "names 2 units" in message
    assert "CT-PNV" in message
    assert "LV-PNV" in message
    assert "Châu Thành" in message


def test_kind_and_within_narrow_a_name_lookup() -> None:
    tree = pre_2025()
    assert tree.find("Phòng Nội vụ", within="LV").code == "LV-PNV"
    assert [u.code for u in tree.find_all("Phòng Nội vụ")] == ["CT-PNV", "LV-PNV"]
    assert tree.find_all("Phòng Nội vụ", kind=K.COMMUNE) == ()
    assert len(tree.find_all("Phòng Nội vụ", kind=[K.DISTRICT_OFFICE, K.COMMUNE])) == 2
    with pytest.raises(NotFoundError):
        tree.find("Phòng Nội vụ", within="NOPE")


# --- UnitTree: contract -------------------------------------------------------------------


@pytest.mark.parametrize("make", [pre_2025, post_2025])
def test_tree_contract(make: object) -> None:
    assert callable(make)
    tree: UnitTree = make()
    assert tree == make()
    assert hash(tree) == hash(make())
    namespace = {"UnitTree": UnitTree, "Unit": Unit, "UnitKind": K}
    assert eval(repr(tree), namespace) == tree
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        tree.units = ()  # type: ignore[misc]
    first = tree.units[0]
    changed = attrs.evolve(tree, units=[attrs.evolve(first, name="Khác"), *tree.units[1:]])
    assert changed != tree
    assert tree.units[0] == first
    assert changed.find("Khác").code == first.code  # the evolved tree is indexed afresh
    restored = pickle.loads(pickle.dumps(tree))
    assert restored == tree
    assert restored.find_all(first.name) == tree.find_all(first.name)
    back: UnitTree = from_json(to_json(tree), UnitTree)
    assert back == tree
    assert back.children(first.code) == tree.children(first.code)


def test_evolve_checks_the_new_tree() -> None:
    tree = post_2025()
    with pytest.raises(InvalidDocumentError):
        attrs.evolve(tree, units=[*tree.units, Unit("X", "X", K.WARD, parent="NOPE")])


def test_json_of_an_invalid_tree_is_a_parse_error() -> None:
    text = '{"units": [{"code": "A", "name": "A", "kind": "xa", "parent": "B"}]}'
    with pytest.raises(ParseError, match="not a valid UnitTree"):
        from_json(text, UnitTree)


# --- groups -------------------------------------------------------------------------------


def seed_001_grouping(tree: UnitTree | None = None) -> Grouping:
    tree = tree or pre_2025()
    return Grouping(
        tree,
        [
            group_by_kind(tree, "PB", "Phòng, ban, ngành huyện", K.DISTRICT_OFFICE, within="CT"),
            group_by_kind(tree, "XA", "UBND xã, thị trấn", K.COMMUNE, K.TOWN, within="CT"),
        ],
    )


def test_seed_001_has_an_agency_group_and_a_commune_group() -> None:
    grouping = seed_001_grouping()
    assert [g.name for g in grouping] == ["Phòng, ban, ngành huyện", "UBND xã, thị trấn"]
    assert [u.code for u in grouping.members("PB")] == ["CT-PNV", "CT-PTP"]
    assert [u.code for u in grouping.members("xa")] == ["CT-AH", "CT-CTH", "CT-HT"]
    assert grouping.group_of("CT-CTH").code == "XA"
    assert grouping.group_of("ct-pnv").code == "PB"
    assert "PB" in grouping
    assert "ZZ" not in grouping


def test_the_council_and_the_other_district_are_left_out() -> None:
    grouping = seed_001_grouping()
    assert "LV-PNV" not in grouping.get("PB")
    left = [u.code for u in grouping.ungrouped()]
    assert left == ["DT", "CT", "CT-TDKT", "DT-SNV", "LV", "LV-PNV"]
    assert [u.code for u in grouping.ungrouped(K.COUNCIL)] == ["CT-TDKT"]
    with pytest.raises(NotFoundError, match="in no group"):
        grouping.group_of("CT-TDKT")


def test_a_group_needs_members_with_distinct_codes() -> None:
    with pytest.raises(ValidationError, match="at least one member"):
        UnitGroup("XA", "Xã", [])
    with pytest.raises(ValidationError, match="same code"):
        UnitGroup("XA", "Xã", ["ct-ah", "CT-AH"])
    with pytest.raises(ValidationError, match="white space"):
        UnitGroup("XA", "Xã", ["CT AH"])
    with pytest.raises(ValidationError, match="code = 'X A'"):
        UnitGroup("X A", "Xã", ["CT-AH"])
    with pytest.raises(CchcTypeError, match="members"):
        UnitGroup("XA", "Xã", "CT-AH")


def test_group_membership_ignores_case_and_iterates_sorted() -> None:
    group = UnitGroup("XA", "Xã", ["b", "A", "c"])
    assert "a" in group
    assert 1 not in group
    assert list(group) == ["A", "b", "c"]
    assert str(group) == "Xã"


def test_every_problem_of_a_grouping_is_reported_at_once() -> None:
    tree = pre_2025()
    with pytest.raises(InvalidDocumentError) as info:
        Grouping(
            tree,
            [
                UnitGroup("PB", "Phòng", ["CT-PNV", "NOPE"]),
                UnitGroup("XA", "Xã", ["CT-AH", "ct-pnv"]),
                UnitGroup("pb", "Trùng", ["CT-HT"]),
            ],
        )
    found = [(f.code, f.path) for f in info.value.findings]
    assert found == [
        ("group.unknown-member", "groups[0].members"),
        ("group.overlap", "groups[1].members"),
        ("group.duplicate-code", "groups[2].code"),
    ]


def test_overlapping_groups_are_allowed_when_asked_for() -> None:
    tree = pre_2025()
    grouping = Grouping(
        tree,
        [UnitGroup("PB", "Phòng", ["CT-PNV"]), UnitGroup("NV", "Nội vụ", ["CT-PNV", "LV-PNV"])],
        disjoint=False,
    )
    assert [g.code for g in grouping.groups_of("CT-PNV")] == ["PB", "NV"]
    with pytest.raises(NotFoundError, match="in 2 groups: PB, NV"):
        grouping.group_of("CT-PNV")
    assert grouping.group_of("LV-PNV").code == "NV"


def test_group_lookups_of_unknown_codes_are_not_found() -> None:
    grouping = seed_001_grouping()
    with pytest.raises(NotFoundError, match="code = 'ZZ'"):
        grouping.get("ZZ")
    with pytest.raises(NotFoundError, match="'NOPE'"):
        grouping.group_of("NOPE")


def test_grouping_rejects_wrong_types() -> None:
    with pytest.raises(CchcTypeError, match="tree"):
        Grouping([], [])  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError, match=r"groups\[0\]"):
        Grouping(pre_2025(), ["PB"])  # type: ignore[list-item]


def test_group_by_kind_over_the_whole_tree_or_below_a_unit() -> None:
    tree = pre_2025()
    everywhere = group_by_kind(tree, "PB", "Phòng", K.DISTRICT_OFFICE)
    assert set(everywhere.members) == {"CT-PNV", "CT-PTP", "LV-PNV"}
    assert set(group_by_kind(tree, "PB", "Phòng", K.DISTRICT_OFFICE, within="LV")) == {"LV-PNV"}
    with pytest.raises(ValidationError, match="at least one kind"):
        group_by_kind(tree, "PB", "Phòng")
    with pytest.raises(ValidationError, match="at least one member"):
        group_by_kind(tree, "DK", "Đặc khu", K.SPECIAL_ZONE)


def test_a_two_tier_province_groups_departments_and_communes() -> None:
    tree = post_2025()
    grouping = Grouping(
        tree,
        [
            group_by_kind(tree, "SO", "Sở, ban, ngành", K.DEPARTMENT),
            group_by_kind(tree, "XA", "Xã, phường, đặc khu", K.COMMUNE, K.WARD, K.SPECIAL_ZONE),
        ],
    )
    assert grouping.group_of("KH-TS").code == "XA"
    assert [u.code for u in grouping.ungrouped()] == ["KH"]


@pytest.mark.parametrize(
    "group", [UnitGroup("XA", "UBND xã, thị trấn", ["CT-AH", "CT-HT"]), UnitGroup("A", "B", ["C"])]
)
def test_unit_group_contract(group: UnitGroup) -> None:
    twin = UnitGroup(group.code, group.name, list(group.members))
    assert twin == group
    assert hash(twin) == hash(group)
    assert eval(repr(group), {"UnitGroup": UnitGroup}) == group
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        group.name = "X"  # type: ignore[misc]
    changed = attrs.evolve(group, members=[*group.members, "NEW"])
    assert "NEW" in changed
    assert "NEW" not in group
    restored = pickle.loads(pickle.dumps(group))
    assert restored == group
    assert all(code.lower() in restored for code in group.members)
    back: UnitGroup = from_json(to_json(group), UnitGroup)
    assert back == group
    assert all(code.lower() in back for code in group.members)


def test_grouping_contract() -> None:
    grouping = seed_001_grouping()
    assert grouping == seed_001_grouping()
    assert hash(grouping) == hash(seed_001_grouping())
    namespace = {"Grouping": Grouping, "UnitGroup": UnitGroup, "UnitTree": UnitTree}
    namespace |= {"Unit": Unit, "UnitKind": K}
    assert eval(repr(grouping), namespace) == grouping
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        grouping.disjoint = False  # type: ignore[misc]
    loose = attrs.evolve(grouping, disjoint=False)
    assert loose != grouping
    assert grouping.disjoint
    assert "disjoint=False" in repr(loose)
    assert pickle.loads(pickle.dumps(grouping)) == grouping
    assert from_json(to_json(grouping), Grouping) == grouping
    assert len(grouping) == 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thành phố Hà Nội", K.PROVINCE),
        ("UBND thành phố Hà Nội", K.PROVINCE),
        ("Thành phố Hồ Chí Minh", K.PROVINCE),
        ("Thành phố Lào Cai", K.DISTRICT),
        ("UBND thành phố Lào Cai", K.DISTRICT),
        ("Văn phòng UBND tỉnh", K.DEPARTMENT),
        ("Văn phòng HĐND và UBND huyện", K.DISTRICT_OFFICE),
        ("Ban Dân tộc tỉnh", K.DEPARTMENT),
        ("Bộ Chỉ huy Quân sự tỉnh", K.DEPARTMENT),
        ("Hội đồng nhân dân tỉnh", K.OTHER),
        ("Hội đồng Thi đua - Khen thưởng tỉnh", K.COUNCIL),
    ],
)
def test_kinds_of_cities_offices_and_councils(text: str, kind: UnitKind) -> None:
    assert K.from_text(text) is kind


def test_the_party_committee_label_writes_dang_in_lower_case() -> None:
    assert K.PARTY_COMMITTEE.vi == "Cấp ủy đảng"


TREE_H = UnitTree(
    [
        Unit("H", "Châu Thành", K.DISTRICT),
        Unit("NV", "Phòng Nội vụ", K.DISTRICT_OFFICE, parent="H"),
        Unit("X1", "An Hiệp", K.COMMUNE, parent="H"),
        Unit("X1-A", "Ấp 1", K.OTHER, parent="X1"),
    ]
)


def test_a_group_with_a_unit_and_its_ancestor_is_warned_about() -> None:
    g = Grouping(TREE_H, [UnitGroup("G", "G", ["X1", "X1-A"])])
    [nested, mixed] = g.warnings()
    assert nested.code == "group.nested"
    assert nested.severity is Severity.WARNING
    assert "X1-A" in nested.message_en
    assert mixed.code == "group.mixed-levels"


def test_a_group_of_one_level_has_no_warnings() -> None:
    assert Grouping(TREE_H, [UnitGroup("G", "G", ["NV", "X1"])]).warnings() == ()


_BAD: Any = [["a"]]  # what the type checker would refuse, passed on purpose


@pytest.mark.parametrize(
    "call",
    [
        lambda: Unit("A", "A", K.OTHER, tags=_BAD),
        lambda: UnitGroup("G", "G", _BAD),
        lambda: group_by_kind(TREE_H, "G", "G", _BAD[0][0]),
        lambda: group_by_kind(_BAD, "G", "G", K.COMMUNE),
        lambda: TREE_H.find_all("An Hiệp", kind=_BAD),
        lambda: TREE_H.find_all("An Hiệp", kind=_BAD[0]),
        lambda: TREE_H.of_kind(_BAD),
    ],
)
def test_wrong_types_are_cchc_type_errors(call: Callable[[], object]) -> None:
    with pytest.raises(CchcTypeError):
        call()


def test_find_within_a_deep_chain_walks_each_unit_once() -> None:
    chain = [Unit("U0", "Gốc", K.PROVINCE)]
    chain += [
        Unit(f"U{i}", "Trùng" if i % 2 else f"Đơn vị {i}", K.OTHER, parent=f"U{i - 1}")
        for i in range(1, 400)
    ]
    tree = UnitTree(chain)
    found = tree.find_all("Trùng", within="U200")
    assert [u.code for u in found] == [f"U{i}" for i in range(201, 400, 2)]
    assert tree.find_all("Trùng", within="U399") == ()
    assert len(tree.find_all("trùng", within="U0")) == 200


# --- untrusted input: duplicates, lone surrogates, deep trees ---------------------------------


@pytest.mark.parametrize("members", [["CT-AH", "CT-AH"], ["X1", "X2", "X1"]])
def test_a_member_given_twice_is_an_error_not_silently_merged(members: list[str]) -> None:
    with pytest.raises(ValidationError, match="given twice") as info:
        UnitGroup("XA", "Xã", members)
    assert info.value.field == "members"
    assert "bị lặp lại" in (info.value.vi or "")


def test_members_that_differ_only_in_unicode_form_are_the_same_code() -> None:
    decomposed = unicodedata.normalize("NFD", "Hòa-1")
    with pytest.raises(ValidationError, match="given twice"):
        UnitGroup("XA", "Xã", ["Hòa-1", decomposed])


LONE = "CT\ud800"


def _tree() -> UnitTree:
    return UnitTree(
        [Unit("H", "Châu Thành", K.DISTRICT), Unit("X1", "An Hiệp", K.COMMUNE, parent="H")]
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda: Unit(LONE, "A", K.COMMUNE),
        lambda: Unit("X", LONE, K.COMMUNE),
        lambda: Unit("X", "A", K.COMMUNE, parent=LONE),
        lambda: Unit("X", "A", K.COMMUNE, tags=[LONE]),
        lambda: UnitGroup("XA", "Xã", [LONE]),
        lambda: UnitKind.from_text(LONE),
        lambda: _tree().get(LONE),
        lambda: _tree().find(LONE),
        lambda: _tree().find_all(LONE),
        lambda: Grouping(_tree(), [UnitGroup("XA", "Xã", ["X1"])]).get(LONE),
        lambda: Grouping(_tree(), [UnitGroup("XA", "Xã", ["X1"])]).group_of(LONE),
    ],
)
def test_text_with_a_lone_surrogate_is_refused_with_a_cchc_error(
    call: Callable[[], object],
) -> None:
    with pytest.raises(CchcError) as info:
        call()
    assert info.value.vi


def _chain(n: int) -> UnitTree:
    units = [Unit("U0", "Gốc", K.PROVINCE)]
    units += [Unit(f"U{i}", f"Đơn vị {i}", K.OTHER, parent=f"U{i - 1}") for i in range(1, n)]
    return UnitTree(reversed(units))


def test_a_chain_ten_thousand_deep_answers_every_question_without_recursion() -> None:
    tree = _chain(10_000)
    last = "U9999"
    assert tree.depth(last) == 9_999
    assert len(tree.path(last)) == len(tree.ancestors(last)) + 1 == 10_000
    assert len(tree.descendants("U0")) == 9_999
    assert len(tree.subtree("U1")) == 9_999
    assert repr(tree).startswith("UnitTree([Unit('U0'")
    assert pickle.loads(pickle.dumps(tree)) == tree
    assert tree.find("đơn vị 9999", within="U0").code == last
    group = UnitGroup("G", "Cả chuỗi", [f"U{i}" for i in range(5_000, 10_000)])
    warnings = Grouping(tree, [group]).warnings()
    assert [f.code for f in warnings].count("group.nested") == 4_999


def test_vietnamese_finding_messages_hold_no_python_quotes_or_paths() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        UnitTree([Unit("A", "A", K.PROVINCE), Unit("a", "B", K.DISTRICT, parent="X")])
    for finding in info.value.findings:
        assert "'" not in finding.message_vi
        assert "units[" not in finding.message_vi
