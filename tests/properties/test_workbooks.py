"""Properties of the Excel path, for generated frameworks: a template filled as a person types
reads back as the generated inputs; any single defect is a finding at its cell and nothing is
scored; damaged files are refused with a CchcError, never a traceback.

Workbooks are slow to write, so the example counts are small."""

from __future__ import annotations

import contextlib
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cchc import strategies as cst
from cchc.criteria import Criterion, Framework, RuleKind
from cchc.errors import CchcError, InvalidDocumentError
from cchc.scoring import Entry, ScoreTable, SelfAssessment
from cchc.workbooks import SCORING_SHEET, read_workbook, write_template
from tests.office import fill

SLOW = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

documents = st.lists(
    st.text(st.sampled_from("QĐ-UBND/ 0123456789abcđêô"), min_size=1, max_size=12).filter(
        lambda s: s.strip() == s and " " not in s
    ),
    max_size=2,
)
explanations = st.none() | st.text(st.sampled_from("Đã thực hiện đủ ,.0123"), min_size=1).filter(
    lambda s: s.strip() == s and "  " not in s
)


@st.composite
def complete_assessments(draw: st.DrawFn, framework: Framework) -> SelfAssessment:
    """Everything a unit must type: a value (or "not applicable" where allowed) for every leaf
    it scores itself, with evidence and an explanation."""
    entries = []
    for leaf in framework.leaves():
        if leaf.effective_rule.kind is RuleKind.SURVEY:
            continue
        value = (
            "N/A"
            if leaf.not_applicable_allowed and draw(st.booleans())
            else draw(cst.leaf_values(leaf))
        )
        entries.append(Entry(leaf.code, value, draw(documents), explanation=draw(explanations)))
    return SelfAssessment("U1", entries)


def typed(value: str) -> dict[str, object]:
    """The cells a person types for an entry's canonical text."""
    if value == "N/A":
        return {"H": "Không áp dụng"}
    if value in ("yes", "no"):
        return {"F": "Có" if value == "yes" else "Không"}
    parts = value.split("/")
    numbers: list[object] = []
    for part in parts:
        number = Decimal(part)
        numbers.append(int(number) if number == int(number) else float(number))
    return dict(zip("FG", numbers, strict=False))


def filled(framework: Framework, assessment: SelfAssessment, folder: Path) -> Path:
    path = write_template(framework, assessment.unit, folder / "U1.xlsx")
    typing: dict[str, dict[str, object]] = {}
    for entry in assessment.entries:
        cells = typing[entry.code] = dict(typed(entry.value))
        if entry.evidence:
            cells["J"] = "\n".join(entry.evidence)
        if entry.explanation:
            cells["K"] = entry.explanation
    fill(path, typing)
    return path


@SLOW
@given(st.data())
def test_template_filled_reads_back_as_the_generated_inputs(data: st.DataObject) -> None:
    framework = data.draw(cst.frameworks())
    assessment = data.draw(complete_assessments(framework))
    with tempfile.TemporaryDirectory() as folder:
        read = read_workbook(framework, filled(framework, assessment, Path(folder)))
    assert read.unit == assessment.unit
    assert [(e.code, e.evidence, e.explanation) for e in read.entries] == [
        (e.code, e.evidence, e.explanation) for e in assessment.entries
    ]
    got = ScoreTable.from_assessments(framework, [read])
    want = ScoreTable.from_assessments(framework, [assessment])
    for name in ("first", "second", "given", "na"):
        assert (getattr(got, name) == getattr(want, name)).all(), name


def _numeric(node: Criterion) -> bool:
    rule = node.effective_rule
    return node.is_leaf and rule.kind is not RuleKind.SURVEY and rule.kind is not RuleKind.YES_NO


@SLOW
@given(st.data(), st.sampled_from(["moved", "text", "above", "code"]))
def test_any_single_defect_is_a_finding_at_its_cell(data: st.DataObject, defect: str) -> None:
    framework = data.draw(cst.frameworks())
    assessment = data.draw(complete_assessments(framework))
    nodes = [node for _, node in framework.walk()]
    first_row = 5
    if defect == "moved":
        assume(len(nodes) >= 2)
        i = data.draw(st.integers(0, len(nodes) - 2))
        where, code = f"B{first_row + i}", "workbook.row"

        def change(ws: Any) -> None:
            for column in range(1, 12):
                a, b = ws.cell(first_row + i, column), ws.cell(first_row + i + 1, column)
                a.value, b.value = b.value, a.value

    elif defect == "code":
        i = data.draw(st.integers(0, len(nodes) - 1))
        where, code = f"B{first_row + i}", "workbook.row"

        def change(ws: Any) -> None:
            ws.cell(first_row + i, 2).value = nodes[i].code + "x"

    else:
        wanted = [
            i
            for i, node in enumerate(nodes)
            if _numeric(node) and (defect == "text" or node.effective_rule.kind is RuleKind.MANUAL)
        ]
        assume(wanted)
        i = data.draw(st.sampled_from(wanted))
        where, code = f"F{first_row + i}", "workbook.cell"
        bad: object = "mười" if defect == "text" else float(nodes[i].maximum + 1)

        def change(ws: Any) -> None:
            ws.cell(first_row + i, 6).value = bad
            ws.cell(first_row + i, 8).value = None

    with tempfile.TemporaryDirectory() as folder:
        path = filled(framework, assessment, Path(folder))
        wb = openpyxl.load_workbook(path)
        change(wb[SCORING_SHEET])
        wb.save(path)
        try:
            read_workbook(framework, path)
        except InvalidDocumentError as exc:
            found = {(f.code, f.path) for f in exc.findings}
        else:
            raise AssertionError("a workbook with a defect was read")
    assert (code, f'"U1.xlsx", "{SCORING_SHEET}"!{where}') in found


_TEMPLATE: list[bytes] = []


def _template() -> bytes:
    if not _TEMPLATE:
        from cchc.criteria import load_bundled

        with tempfile.TemporaryDirectory() as folder:
            path = write_template(load_bundled("cchc-campaign-6"), "X", Path(folder) / "X.xlsx")
            _TEMPLATE.append(path.read_bytes())
    return _TEMPLATE[0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_workbooks_are_refused_with_a_cchc_error(edits: list[tuple[int, int]]) -> None:
    from cchc.criteria import load_bundled

    data = bytearray(_template())
    for at, byte in edits:
        data[at % len(data)] = byte
    with contextlib.suppress(CchcError):
        read_workbook(load_bundled("cchc-campaign-6"), bytes(data), name="X.xlsx")
