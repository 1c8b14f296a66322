"""Invariants of ``cchc.directives``: numbers round-trip through their text, parsers fail only
with ``CchcError``, and cascades keep their lineage laws."""

from __future__ import annotations

import contextlib
import datetime
import itertools
import unicodedata
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.directives import (
    Cascade,
    Citation,
    Directive,
    DocumentNumber,
    DocumentType,
    find_references,
    missing_implementations,
)
from cchc.errors import CchcError, ParseError, ValidationError
from cchc.export.json import from_json, to_json
from cchc.strategies import cascades, citations, directives, document_numbers, references

# text made of the pieces references are made of, so the fuzzing reaches deep into the parser
_PIECES = st.sampled_from(
    [
        "/", "-", " ", ":", "số", "Số:", "ngày", "của", "tháng", "năm", "KH", "QĐ", "QyĐ", "TTg",
        "UBND", "NCPC", "Kế hoạch", "Văn bản", "Quyết định", "0", "1", "08", "2021", "12",
        "31/2", "Ủy ban", "về", "\n", "Đ", "a", "\u0300",
    ]
)  # fmt: skip
_TEXTS = st.text() | st.lists(_PIECES, max_size=30).map("".join)


@given(document_numbers())
def test_a_number_reads_back_from_its_text(number: DocumentNumber) -> None:
    assert DocumentNumber.parse(str(number)) == number


@given(document_numbers(), st.sampled_from(["", "Số: ", "Số ", "số "]))
def test_the_so_prefix_never_changes_the_number(number: DocumentNumber, prefix: str) -> None:
    assert DocumentNumber.parse(prefix + str(number)) == number


@given(document_numbers())
def test_a_number_is_found_in_running_text_with_its_type_word(number: DocumentNumber) -> None:
    word = (number.doc_type or DocumentType.CONG_VAN).vi
    text = f"Thực hiện {word} số {number} ngày 05/5/2021 của UBND tỉnh."
    (ref,) = find_references(text)
    assert ref.number == number
    assert ref.type_word == word
    assert text[ref.span[0] : ref.span[1]] == ref.text
    assert ref.issuer == "UBND tỉnh"


@given(_TEXTS)
def test_parse_fails_only_with_cchc_errors(text: str) -> None:
    try:
        number = DocumentNumber.parse(text)
    except CchcError:
        return
    assert DocumentNumber.parse(str(number)) == number


@given(document_numbers())
def test_a_parsed_number_passes_every_check_of_the_constructor(number: DocumentNumber) -> None:
    parsed = DocumentNumber.parse(str(number))
    assert DocumentNumber(**attrs.asdict(parsed, recurse=False)) == parsed


@given(_TEXTS)
def test_find_references_never_raises_and_spans_point_at_the_text(text: str) -> None:
    refs = find_references(text)
    normal = unicodedata.normalize("NFC", text)
    end = 0
    for ref in refs:
        start, stop = ref.span
        assert end <= start < stop
        assert normal[start:stop] == ref.text
        if ref.number is not None:
            assert DocumentNumber(**attrs.asdict(ref.number, recurse=False)) == ref.number
        end = stop


@given(st.text(), st.text())
def test_type_lookups_fail_only_with_cchc_errors(abbreviation: str, name: str) -> None:
    for lookup, text in (
        (DocumentType.from_abbreviation, abbreviation),
        (DocumentType.from_name, name),
    ):
        try:
            found = lookup(text)
        except CchcError:
            continue
        assert isinstance(found, DocumentType)


@given(directives())
def test_a_directive_round_trips_through_json(directive: Directive) -> None:
    assert from_json(to_json(directive), Directive) == directive


@given(references())
def test_a_reference_round_trips_through_json(ref: object) -> None:
    assert from_json(to_json(ref), type(ref)) == ref


@given(cascades())
def test_every_lineage_runs_from_a_root_through_parent_links(cascade: Cascade) -> None:
    roots = {d.key for d in cascade.roots}
    for d in cascade.directives:
        for chain in cascade.lineages(d):
            assert chain[0].key in roots
            assert chain[-1] == d
            for parent, child in itertools.pairwise(chain):
                assert parent in cascade.parents(child)
                assert child in cascade.children(parent)


@given(cascades())
def test_ancestors_and_descendants_mirror_each_other(cascade: Cascade) -> None:
    for d in cascade.directives:
        ancestors = cascade.ancestors(d)
        assert d not in ancestors
        assert d not in cascade.descendants(d)
        for a in ancestors:
            assert d in cascade.descendants(a)
        on_lineages = {x.key for chain in cascade.lineages(d) for x in chain[:-1]}
        assert on_lineages == {a.key for a in ancestors}


@given(cascades())
def test_roots_have_no_parents_and_everything_reaches_a_root(cascade: Cascade) -> None:
    for root in cascade.roots:
        assert cascade.parents(root) == ()
    for d in cascade.directives:
        assert d in cascade.roots or any(a in cascade.roots for a in cascade.ancestors(d))


@given(cascades())
def test_reversing_an_edge_of_a_path_makes_a_cycle_that_is_rejected(cascade: Cascade) -> None:
    for d in cascade.directives:
        parents = cascade.parents(d)
        if parents and d.number is not None:
            parent = parents[0]
            looped = Directive(
                number=parent.number,
                doc_type=parent.doc_type,
                issuer=parent.issuer,
                issued=parent.issued,
                implements=[*parent.implements, d.number],
            )
            others = [x if x.key != parent.key else looped for x in cascade.directives]
            with pytest.raises(ValidationError, match="cycle"):
                Cascade(others)
            return


@given(cascades(), st.lists(st.sampled_from(["A", "B", "C", "D"]), unique=True))
def test_missing_units_are_exactly_those_without_an_implementing_child(
    cascade: Cascade, units: list[str]
) -> None:
    for d in cascade.directives:
        missing = missing_implementations(cascade, d, units)
        issued_by = {c.issuer_unit for c in cascade.children(d)}
        assert missing == tuple(u for u in units if u not in issued_by)
        late = missing_implementations(cascade, d, units, within_working_days=0)
        assert set(missing) <= set(late)


@given(citations())
def test_a_citation_round_trips_through_json(citation: Citation) -> None:
    assert from_json(to_json(citation), Citation) == citation


@given(directives())
def test_the_full_citation_of_a_directive_names_it(directive: Directive) -> None:
    assert Citation.of(directive).matches(directive)


@given(cascades(), st.sampled_from(["UBND huyện A", "UBND huyện B"]))
def test_a_copy_of_a_cascade_under_another_issuer_keeps_its_own_links(
    cascade: Cascade, issuer: str
) -> None:
    # numbers restart at every issuer: the same numbers issued by another body, each citing
    # its parents by number and issuer, form a second cascade that never links into the first
    def copy(d: Directive) -> Directive:
        cites = [
            Citation(number=p.number, issuer=issuer)
            for p in cascade.parents(d)
            if p.number is not None
        ]
        return attrs.evolve(d, issuer=issuer, issuer_unit=None, implements=cites)

    copies = [copy(d) for d in cascade.directives]
    both = Cascade([*cascade.directives, *copies])
    for original, twin in zip(cascade.directives, copies, strict=True):
        assert both.parents(twin) == tuple(copy(p) for p in cascade.parents(original))


# --- any text at all, and values of the wrong kind: only CchcError ---------------------------

#: any code point, lone surrogates and control characters included
_ANY_CHAR = st.characters(exclude_categories=())
_NASTY = st.one_of(
    st.text(_ANY_CHAR),
    st.lists(_PIECES | st.text(_ANY_CHAR, max_size=2), max_size=30).map("".join),
    st.integers(0, 10**40).map(lambda n: f"{n}/KH-UBND"),
    st.integers(0, 10**40).map(lambda n: f"Số: 12/{n}/QĐ-UBND"),
    st.sampled_from(["99999999999999999999/KH-UBND", "12/KH-UBND\ud800", "\x00/\x7f", "-/-"]),
)
_WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.integers(-(10**30), 10**30),
    st.sampled_from([Decimal("sNaN"), Decimal("NaN"), b"12/KH-UBND", {"a": 1}, ["UBND"], ()]),
    _NASTY,
)


@given(_NASTY)
def test_parse_of_any_text_fails_only_with_a_parse_error_in_both_languages(text: str) -> None:
    error: ParseError | None = None
    try:
        number = DocumentNumber.parse(text)
    except ParseError as err:
        error = err
    if error is not None:
        assert error.field == "text"
        assert error.vi
        return
    assert DocumentNumber.parse(str(number)) == number


@given(_NASTY)
def test_find_references_never_raises_on_any_text(text: str) -> None:
    for ref in find_references(text):
        assert ref.text in unicodedata.normalize("NFC", text)


@given(
    _WRONG | _NASTY,
    _WRONG | st.just("UBND tỉnh"),
    _WRONG | st.just(datetime.date(2021, 1, 1)),
    _WRONG | st.just(""),
    _WRONG | st.just(["76/NQ-CP"]),
    _WRONG | st.none(),
)
def test_directive_and_citation_constructors_raise_nothing_but_cchc_errors(
    number: Any, issuer: Any, issued: Any, summary: Any, implements: Any, unit: Any
) -> None:
    with contextlib.suppress(CchcError):
        d = Directive(
            number=number,
            issuer=issuer,
            issued=issued,
            summary=summary,
            implements=implements,
            issuer_unit=unit,
        )
        assert d == Directive(**attrs.asdict(d, recurse=False))
    with contextlib.suppress(CchcError):
        Citation(number=number, issuer=issuer, issued=issued)
    with contextlib.suppress(CchcError):
        Citation(number=None, doc_type=DocumentType.KH, issuer=issuer, issued=issued)


@given(_WRONG, _WRONG, _WRONG, _WRONG, _WRONG)
def test_document_number_constructor_raises_nothing_but_cchc_errors(
    number: Any, doc_type: Any, issuer: Any, year: Any, party: Any
) -> None:
    for kwargs in (
        {"number": number, "doc_type": DocumentType.KH, "issuer": ("UBND",)},
        {"number": 1, "doc_type": doc_type, "issuer": ("UBND",)},
        {"number": 1, "doc_type": DocumentType.KH, "issuer": issuer},
        {"number": 1, "doc_type": DocumentType.KH, "issuer": ("UBND",), "year": year},
        {"number": 1, "doc_type": DocumentType.KH, "issuer": ("UBND",), "party": party},
    ):
        with contextlib.suppress(CchcError):
            made = DocumentNumber(**kwargs)
            assert DocumentNumber.parse(str(made)) == made


@given(cascades(), _WRONG)
def test_cascade_lookups_raise_nothing_but_cchc_errors(cascade: Cascade, which: Any) -> None:
    for call in (cascade.get, cascade.lineages, cascade.ancestors, cascade.children):
        with contextlib.suppress(CchcError):
            call(which)
    assert isinstance(which in cascade, bool)
    with contextlib.suppress(CchcError):
        missing_implementations(cascade, which, which)
