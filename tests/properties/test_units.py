"""Properties of unit trees and groups, over generated trees of any shape."""

from __future__ import annotations

import itertools
import pickle
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.errors import CchcError, ValidationError
from cchc.export.json import from_json, to_json
from cchc.strategies import groupings, unit_groups, unit_kinds, unit_trees, units
from cchc.text import fold
from cchc.units import Grouping, Unit, UnitGroup, UnitKind, UnitTree, group_by_kind

# Alternative spellings of the same syllable: old and new tone placement
_RESPELL = {"Hòa": "Hoà", "Thủy": "Thuỷ"}


def respell(name: str) -> str:
    """The same name as another writer would type it: the other tone placement, decomposed,
    in capitals."""
    words = [_RESPELL.get(word, word) for word in name.split(" ")]
    return unicodedata.normalize("NFD", " ".join(words).upper())


@given(unit_trees(), st.data())
def test_descendants_and_ancestors_agree(tree: UnitTree, data: st.DataObject) -> None:
    top = data.draw(st.sampled_from(tree.units))
    below = {u.code for u in tree.descendants(top.code)}
    for unit in tree:
        above = {a.code for a in tree.ancestors(unit.code)}
        assert (unit.code in below) == (top.code in above)


@given(unit_trees())
def test_depth_path_and_parent_fit_together(tree: UnitTree) -> None:
    for unit in tree:
        path = tree.path(unit.code)
        assert path[-1] == unit
        assert path[0] in tree.roots
        assert len(path) == tree.depth(unit.code) + 1
        for upper, lower in itertools.pairwise(path):
            assert tree.parent(lower.code) == upper
            assert lower in tree.children(upper.code)


@given(unit_trees())
def test_every_unit_is_a_root_or_below_exactly_one_root(tree: UnitTree) -> None:
    covered = [u.code for root in tree.roots for u in (root, *tree.descendants(root.code))]
    assert sorted(covered) == sorted(u.code for u in tree)


@given(unit_trees(), st.randoms(use_true_random=False))
def test_any_order_of_the_units_makes_an_equal_tree(tree: UnitTree, rnd: object) -> None:
    shuffled = list(tree.units)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    again = UnitTree(shuffled)
    assert again == tree
    assert again.units == tree.units
    assert hash(again) == hash(tree)


@given(unit_trees(), st.data())
def test_name_lookup_ignores_form_case_and_tone_placement(
    tree: UnitTree, data: st.DataObject
) -> None:
    unit = data.draw(st.sampled_from(tree.units))
    for spelling in (unit.name, respell(unit.name), unicodedata.normalize("NFD", unit.name)):
        found = tree.find_all(spelling)
        assert unit in found
        assert all(fold(u.name) == fold(unit.name) for u in found)


@given(unit_trees(), st.data())
def test_code_lookup_ignores_case(tree: UnitTree, data: st.DataObject) -> None:
    unit = data.draw(st.sampled_from(tree.units))
    assert tree.get(unit.code.lower()) == unit
    assert tree.get(unit.code.upper()) == unit


@given(unit_trees(), st.data())
def test_a_subtree_holds_the_unit_and_exactly_its_descendants(
    tree: UnitTree, data: st.DataObject
) -> None:
    top = data.draw(st.sampled_from(tree.units))
    sub = tree.subtree(top.code)
    assert {u.code for u in sub} == {top.code} | {u.code for u in tree.descendants(top.code)}
    for unit in sub.descendants(top.code):
        assert sub.depth(unit.code) == tree.depth(unit.code) - tree.depth(top.code)


@given(unit_trees(), unit_kinds())
def test_of_kind_is_the_filtered_tree(tree: UnitTree, kind: UnitKind) -> None:
    assert tree.of_kind(kind) == tuple(u for u in tree if u.kind is kind)


@given(unit_trees())
def test_trees_round_trip_through_json_and_pickle(tree: UnitTree) -> None:
    assert from_json(to_json(tree), UnitTree) == tree
    assert pickle.loads(pickle.dumps(tree)) == tree


@given(units())
def test_units_round_trip_through_json(unit: Unit) -> None:
    assert from_json(to_json(unit), Unit) == unit


@given(unit_trees(), st.data())
def test_a_group_from_a_tree_is_accepted_by_a_grouping(tree: UnitTree, data: st.DataObject) -> None:
    group = data.draw(unit_groups(tree))
    grouping = Grouping(tree, [group])
    for code in group.members:
        assert grouping.group_of(code) == group
    assert from_json(to_json(group), UnitGroup) == group
    assert len(grouping.members(group.code)) == len(group)


@given(unit_trees())
def test_groups_by_kind_partition_the_tree(tree: UnitTree) -> None:
    kinds = sorted({u.kind for u in tree}, key=lambda k: k.value)
    grouping = Grouping(tree, [group_by_kind(tree, k.value, k.vi, k) for k in kinds])
    assert grouping.ungrouped() == ()
    for unit in tree:
        assert grouping.group_of(unit.code).code == unit.kind.value


@given(groupings())
def test_a_generated_grouping_is_valid_and_round_trips(grouping: Grouping) -> None:
    assert pickle.loads(pickle.dumps(grouping)) == grouping
    assert from_json(to_json(grouping), Grouping) == grouping
    for group in grouping:
        assert all(code in grouping.tree for code in group)
    for finding in grouping.warnings():
        assert finding.code in {"group.nested", "group.mixed-levels"}


@given(unit_trees(max_size=12), st.data())
def test_a_group_of_one_depth_never_has_warnings(tree: UnitTree, data: st.DataObject) -> None:
    depth = data.draw(st.sampled_from(sorted({tree.depth(u.code) for u in tree})))
    members = [u.code for u in tree if tree.depth(u.code) == depth]
    assert Grouping(tree, [UnitGroup("G", "Nhóm", members)]).warnings() == ()


CODES = st.text(st.sampled_from("ABCXYZ-0123òàủ"), min_size=1, max_size=6)


@given(st.lists(CODES, min_size=1, max_size=8, unique_by=fold), st.data())
def test_a_member_given_twice_in_any_spelling_is_always_refused(
    codes: list[str], data: st.DataObject
) -> None:
    again = data.draw(st.sampled_from(codes))
    respelt = data.draw(
        st.sampled_from([again, again.lower(), unicodedata.normalize("NFD", again)])
    )
    at = data.draw(st.integers(0, len(codes)))
    with pytest.raises(ValidationError):
        UnitGroup("G", "Nhóm", [*codes[:at], respelt, *codes[at:]])
    assert len(UnitGroup("G", "Nhóm", codes)) == len(codes)


@given(unit_trees(), st.text(max_size=12))
def test_no_text_makes_a_tree_lookup_raise_anything_but_cchc_errors(
    tree: UnitTree, text: str
) -> None:
    messages = []
    for look in (tree.get, tree.find, tree.find_all, UnitKind.from_text):
        try:
            look(text)
        except CchcError as err:
            messages.append(err.vi)
    assert all(messages)
    assert (text in tree) in (True, False)


@given(st.integers(1, 300))
def test_depth_is_the_number_of_ancestors_in_a_chain(n: int) -> None:
    units = [Unit("U0", "Gốc", UnitKind.PROVINCE)]
    units += [Unit(f"U{i}", f"Đơn vị {i}", UnitKind.OTHER, parent=f"U{i - 1}") for i in range(1, n)]
    tree = UnitTree(units)
    assert all(tree.depth(u.code) == len(tree.ancestors(u.code)) for u in tree)
