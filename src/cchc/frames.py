"""pandas DataFrames of the library's results, and score inputs read from DataFrames
(``pip install cchc[pandas]``; pandas is imported only when a function here is called).

:func:`to_frame` makes a tidy DataFrame of any result :func:`cchc.tables.table_of` takes (a
scorecard, a batch result, a ranking, a campaign's result, council changes, an award
decision, a plan, a progress report, a score table) or of a :class:`~cchc.tables.Table`:

- numbers are ``float64`` columns, for display, sorting and plotting; each also has an
  ``<name>_exact`` column beside it holding the exact :class:`~decimal.Decimal` or
  :class:`~fractions.Fraction` (leave it out with ``exact=False``). Decide a band, a rank or
  a prize on the exact column, never on the float;
- bands are ordered categoricals, from the framework's lowest band to its highest, so that
  ``frame.band >= "Tốt"`` and ``sort_values("band")`` follow the framework;
- whole numbers are ``int64`` (``Int64`` where some are blank), dates ``datetime64``, yes/no
  ``bool``.

>>> from cchc.examples import load, load_results, load_settlements
>>> from cchc.campaigns import run_campaign
>>> ex = load("chau-thanh-2021")
>>> result = run_campaign(ex.campaign, load_results("chau-thanh-2021"),
...                       settlements=load_settlements("chau-thanh-2021"))
>>> frame = to_frame(result.ranking, names=ex.campaign.units)
>>> frame[["unit", "name", "index", "band"]].head(2)
    unit                        name  index      band
0  CT-NV                Phòng Nội vụ   97.1  Xuất sắc
1  CT-TC  Phòng Tài chính - Kế hoạch   93.4  Xuất sắc
>>> frame["index"][3], frame["index_exact"][3]
(np.float64(81.0421052631579), Fraction(7699, 95))
>>> list(frame["band"].cat.categories), frame["band"].cat.ordered
(['Yếu', 'Trung bình', 'Khá', 'Tốt', 'Xuất sắc'], True)
>>> (frame["band"] >= "Tốt").sum()
np.int64(7)

:func:`table_from_frame` reads score inputs from a long or a wide DataFrame as
``pd.read_excel`` or ``pd.read_csv`` give it with their defaults, and hands them to
:meth:`ScoreTable.from_long <cchc.scoring.ScoreTable.from_long>` or
:meth:`~cchc.scoring.ScoreTable.from_wide`. A float is read by the spreadsheet rule
(:func:`cchc._fields.spreadsheet_number`): as the shortest decimal that gives back the same
float (``13.5`` is 13.5, ``0.1`` is 0.1), which must be a whole number of the framework's
precision steps; ``13.499999999`` from a formula is a finding, never rounded.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from cchc._fields import of_type, one_of, require, spreadsheet_number, text
from cchc.criteria import Framework
from cchc.errors import CchcError, CchcTypeError, Finding, InvalidDocumentError, ValidationError
from cchc.scoring import ScoreTable, Source
from cchc.tables import LAYOUTS, ColumnKind, Names, table_of
from cchc.text import fold

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["table_from_frame", "to_frame"]


def _pandas() -> ModuleType:
    """pandas, or the :class:`~cchc.errors.MissingExtraError` that says how to install it."""
    return require("pandas", "pandas", "DataFrames", "Bảng dữ liệu DataFrame")  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------
# results -> frames


def _number_column(values: Sequence[object]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]  # type: ignore[arg-type]


def _value(value: object) -> object:
    """A reported value as ``pd.read_excel`` gives it: numbers as floats, blanks as NaN."""
    if value is None:
        return math.nan
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_frame(value: object, *, names: Names | None = None, exact: bool = True) -> pd.DataFrame:
    """A tidy DataFrame of ``value`` (anything :func:`cchc.tables.table_of` takes, or a
    :class:`~cchc.tables.Table`), with unit names beside the codes where ``names`` is given.
    Number columns are ``float64``, each followed by ``<name>_exact`` with the exact values
    (not with ``exact=False``); bands are ordered categoricals, lowest band first.

    A score table becomes its inputs, one row per reported cell, numbers as floats as a
    spreadsheet holds them: :func:`table_from_frame` reads it back to the same table.

    >>> from cchc.criteria import load_bundled
    >>> from cchc.scoring import score_table
    >>> fw = load_bundled("cchc-campaign-6")
    >>> t = ScoreTable.from_long(fw, [("A", "1.1", "7,5"), ("A", "2.2", "có")])
    >>> to_frame(t)
      unit criterion value reason
    0    A       1.1   7.5   None
    1    A       2.2  True   None
    >>> to_frame(score_table(t), exact=False).dtypes.astype(str).to_dict()
    {'unit': 'object', 'name': 'object', 'group': 'object', 'points': 'float64', \
'maximum': 'float64', 'index': 'float64', 'band': 'category'}
    """
    pandas = _pandas()
    of_type(exact, bool, "exact")
    table = table_of(value, names=names)
    data: dict[str, Any] = {}
    for j, column in enumerate(table.columns):
        values = [row[j] for row in table.rows]
        kind = column.kind
        if kind is ColumnKind.NUMBER:
            data[column.name] = pandas.Series(_number_column(values), dtype="float64")
            if exact:
                data[f"{column.name}_exact"] = pandas.Series(values, dtype=object)
        elif kind is ColumnKind.WHOLE:
            dtype = "Int64" if None in values else "int64"
            data[column.name] = pandas.Series(values, dtype=dtype)
        elif kind is ColumnKind.BAND:
            data[column.name] = pandas.Categorical(
                values, categories=list(column.categories), ordered=True
            )
        elif kind is ColumnKind.DATE:
            data[column.name] = pandas.to_datetime(pandas.Series(values, dtype=object))
        elif kind is ColumnKind.FLAG:
            data[column.name] = pandas.Series(values, dtype="boolean" if None in values else bool)
        elif kind is ColumnKind.VALUE:
            shown = [_value(v) for v in values]
            numeric = all(isinstance(v, float) for v in shown)
            data[column.name] = pandas.Series(shown, dtype="float64" if numeric else object)
        else:
            data[column.name] = pandas.Series(values, dtype=object)
    frame: pd.DataFrame = pandas.DataFrame(data, index=pandas.RangeIndex(len(table)))
    frame.attrs["table"] = table.name
    frame.attrs["title"] = table.title
    return frame


# ---------------------------------------------------------------------------------------------
# frames -> score tables


class _Blank:
    """A blank cell: None, NaN, pandas.NA or NaT, or text of white space."""


_BLANK = _Blank()


def _is_blank(value: object, pd: ModuleType) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return value != value
    if isinstance(value, str):
        return not value.strip()
    return False


def _shown(key: object) -> str:
    """A key as a path shows it: text in single quotes, anything else as its repr."""
    if isinstance(key, str):
        return "'" + key.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return repr(key)


def _code(value: object) -> str | None:
    """A code as a cell or a header holds it: text, or a number ``pd.read_excel`` made of it
    (``101``, ``1.1``); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value.strip()
    return None


def _finding(code: str, path: str, en: str, vi: str) -> Finding:
    return Finding(code, path, vi, en)


def _cell(
    value: object, precision: Decimal, path: str, pd: ModuleType, findings: list[Finding]
) -> object:
    """A frame's cell as the score table's readers take it; blanks are :data:`_BLANK`, and a
    refused cell is None with its finding added to ``findings``."""
    try:
        return _read(value, precision, path, pd)
    except CchcError as exc:
        findings.append(_error(exc, path))
        return None


def _read(value: object, precision: Decimal, path: str, pd: ModuleType) -> object:
    if _is_blank(value, pd):
        return _BLANK
    if hasattr(value, "item") and not isinstance(value, str):  # a NumPy scalar
        value = value.item()
    if isinstance(value, bool | str | int | Decimal | Fraction):
        return value
    if isinstance(value, float):
        return spreadsheet_number(value, precision, path)
    if isinstance(value, datetime.date):
        raise CchcTypeError(
            "is a date, not a value a unit reports",
            vi="là một ngày, không phải số liệu kê khai (hãy định dạng ô là số hoặc văn bản)",
            field=path,
            value=value,
        )
    raise CchcTypeError(
        f"cannot report a {type(value).__name__}",
        vi="không phải là số liệu kê khai (số, có/không, tỷ lệ hoặc “không áp dụng”)",
        field=path,
        value=value,
    )


def _error(exc: CchcError, path: str) -> Finding:
    """The finding of a refused cell at ``path``: the value and why, without the path again."""
    vi = exc.vi or exc.message
    if not exc.has_value:
        return Finding("frame.cell", path, vi, exc.message)
    value = exc.value
    shown_vi = f"“{value}”" if isinstance(value, str) else repr(value)
    return Finding("frame.cell", path, f"{shown_vi}: {vi}", f"{value!r}: {exc.message}")


_ROW = re.compile(r"^rows\[(\d+)\]")


def _moved(finding: Finding, paths: dict[str, str], rows: Sequence[str]) -> Finding:
    """The finding with its path in the frame's terms."""
    path = paths.get(finding.path)
    if path is None:
        match = _ROW.match(finding.path)
        if match is None or int(match.group(1)) >= len(rows):
            return finding
        rest = finding.path[match.end() :]
        label = rows[int(match.group(1))]
        key = re.fullmatch(r"\[(.+)\]", rest)
        path = f"loc[{label}, {key.group(1)}]" if key else f"loc[{label}]{rest}"
    return attrs.evolve(finding, path=path)


def table_from_frame(
    framework: Framework,
    frame: pd.DataFrame,
    *,
    layout: str = "long",
    stage: Source = Source.SELF,
    unit: str = "unit",
    criterion: str = "criterion",
    value: str = "value",
    reason: str = "reason",
    ignore: Iterable[str] = (),
) -> ScoreTable:
    """Score inputs from a DataFrame as ``pd.read_excel`` or ``pd.read_csv`` give it.

    ``layout="long"``: one row per unit and criterion, with the columns ``unit``,
    ``criterion``, ``value`` and, if present, ``reason`` (the council's reason; names can be
    changed). ``layout="wide"``: one row per unit, the column ``unit`` and one column per leaf
    criterion; columns listed in ``ignore`` (a name, a total) are left out, and any other
    column that is not a leaf criterion is a finding.

    Blank cells (NaN, None, ``pd.NA``, empty text) are not reported: a unit whose cells are
    all blank scores 0 with a warning. A float is made exact by the spreadsheet rule (the
    shortest decimal that gives back the float, a whole number of the framework's precision
    steps); ints, text (``"7,5"``, ``"có"``, ``"45/50"``, ``"N/A"``) and True/False are read as
    the score table reads them. Codes read as numbers (``1.1`` from a CSV) are taken back as
    text; read code columns as text (``dtype=str``) where a code such as ``1.10`` would lose
    its zero.

    Every problem is reported at once as :class:`~cchc.errors.InvalidDocumentError`, each
    finding at ``loc[<row label>, '<column>']`` in the frame's own terms.

    >>> import pandas as pd
    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("cchc-campaign-6")
    >>> frame = pd.DataFrame({"unit": ["A", "B"], "name": ["Xã A", "Xã B"],
    ...                       "1.1": [7.5, float("nan")], "2.2": ["có", "không"]})
    >>> table = table_from_frame(fw, frame, layout="wide", ignore=["name"])
    >>> table.units, table.first[0].tolist()
    (('A', 'B'), [750, 0])
    >>> frame.loc[1, "1.1"] = 0.1 + 0.2
    >>> table_from_frame(fw, frame, layout="wide", ignore=["name"])
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: data frame: 1 problem
      error frame.cell at loc[1, '1.1']: ... is not a multiple of 0.01 (the framework's ...
    """
    pd = _pandas()
    of_type(framework, Framework, "framework")
    if not isinstance(frame, pd.DataFrame):
        raise CchcTypeError(
            f"must be a pandas DataFrame, not {type(frame).__name__}",
            vi="phải là một bảng dữ liệu pandas (DataFrame)",
            field="frame",
            value=frame,
        )
    one_of(layout, "layout", LAYOUTS)
    unit = text(unit, "unit")
    if layout == "long":
        return _from_long(pd, framework, frame, stage, unit, criterion, value, reason)
    skipped = {fold(text(c, "ignore")) for c in ignore} if not isinstance(ignore, str) else None
    if skipped is None:
        raise CchcTypeError(
            "must be a list of column names, not text",
            vi="phải là danh sách tên cột",
            field="ignore",
            value=ignore,
        )
    return _from_wide(pd, framework, frame, stage, unit, skipped)


def _labels(frame: pd.DataFrame) -> list[str]:
    return [repr(label.item() if hasattr(label, "item") else label) for label in frame.index]


def _units(
    frame: pd.DataFrame, unit: str, findings: list[Finding]
) -> Iterator[tuple[int, str, str]]:
    """(position, row label, unit code) of each row of ``frame`` that names its unit; a row
    that does not is a finding."""
    codes = frame[unit].tolist()
    for i, label in enumerate(_labels(frame)):
        code = _unit_code(codes[i], f"loc[{label}, {_shown(unit)}]", findings)
        if code is not None:
            yield i, label, code


def _unit_code(raw: object, path: str, findings: list[Finding]) -> str | None:
    code = _code(raw)
    if code:
        try:
            return text(code, path)
        except CchcError as exc:
            findings.append(_error(exc, path))
            return None
    findings.append(
        _finding("frame.unit", path, "every row needs a unit code", "dòng thiếu mã đơn vị")
    )
    return None


def _from_long(
    pd: ModuleType,
    framework: Framework,
    frame: pd.DataFrame,
    stage: Source,
    unit: str,
    criterion: str,
    value: str,
    reason: str,
) -> ScoreTable:
    missing = [c for c in (unit, criterion, value) if c not in frame.columns]
    if missing:
        raise ValidationError(
            f"a long frame needs the columns {unit!r}, {criterion!r} and {value!r}",
            vi=f"bảng dữ liệu dạng dọc cần các cột “{unit}”, “{criterion}” và “{value}”",
            field="frame.columns",
            value=missing,
        )
    precision = framework.precision
    codes = frame[criterion].tolist()
    values = frame[value].tolist()
    reasons = frame[reason].tolist() if reason in frame.columns else [None] * len(frame)
    findings: list[Finding] = []
    rows: list[tuple[str, str, object, str]] = []
    order: dict[str, str] = {}  # unit -> the frame path of its first row
    paths: dict[str, str] = {}
    row_labels: list[str] = []
    for i, label, code_of_unit in _units(frame, unit, findings):
        order.setdefault(code_of_unit, f"loc[{label}, {_shown(unit)}]")
        code = _code(codes[i])
        if not code:
            findings.append(
                _finding(
                    "frame.criterion",
                    f"loc[{label}, {_shown(criterion)}]",
                    "every row needs a criterion code",
                    "dòng thiếu mã tiêu chí",
                )
            )
            continue
        path = f"loc[{label}, {_shown(value)}]"
        cell = _cell(values[i], precision, path, pd, findings)
        if cell is None or cell is _BLANK:
            continue
        note = reasons[i]
        if _is_blank(note, pd):
            note = ""
        elif not isinstance(note, str):
            findings.append(
                _finding(
                    "frame.reason",
                    f"loc[{label}, {_shown(reason)}]",
                    "a reason must be text",
                    "lý do phải ghi bằng chữ",
                )
            )
            continue
        rows.append((code_of_unit, code, cell, note))
        row_labels.append(label)
        paths[f"{code_of_unit}[{_shown(code)}]"] = path
    listed = list(order)
    for j, first in enumerate(order.values()):
        paths[f"units[{j}]"] = first
    return _finish(
        lambda: ScoreTable.from_long(framework, rows, stage=stage, units=listed),
        findings,
        paths,
        row_labels,
    )


def _from_wide(
    pd: ModuleType,
    framework: Framework,
    frame: pd.DataFrame,
    stage: Source,
    unit: str,
    skipped: set[str],
) -> ScoreTable:
    if unit not in frame.columns:
        raise ValidationError(
            f"a wide frame needs the column {unit!r}",
            vi=f"bảng dữ liệu dạng ngang cần cột “{unit}”",
            field="frame.columns",
            value=list(frame.columns)[:20],
        )
    precision = framework.precision
    leaves = {fold(node.code) for node in framework.leaves()}
    findings: list[Finding] = []
    columns: list[tuple[str, str, list[Any]]] = []  # (code, the frame's column as shown, cells)
    for column in frame.columns:
        if column == unit:
            continue
        code = _code(column)
        if code is not None and fold(code) in skipped:
            continue
        if code is None or fold(code) not in leaves:
            findings.append(
                _finding(
                    "frame.column",
                    f"columns[{_shown(column)}]",
                    "is not a leaf criterion of the framework; list it in ignore= to leave it out",
                    f"cột “{column}” không phải là tiêu chí được chấm điểm của bộ tiêu chí",
                )
            )
            continue
        columns.append((code, _shown(column), frame[column].tolist()))
    rows: list[dict[str, object]] = []
    row_labels: list[str] = []
    paths: dict[str, str] = {}
    for i, label, code_of_unit in _units(frame, unit, findings):
        row: dict[str, object] = {unit: code_of_unit}
        for code, shown, cells in columns:
            path = f"loc[{label}, {shown}]"
            cell = _cell(cells[i], precision, path, pd, findings)
            if cell is not None and cell is not _BLANK:
                row[code] = cell
                paths[f"rows[{len(rows)}][{_shown(code)}]"] = path
        paths[f"rows[{len(rows)}][{_shown(unit)}]"] = f"loc[{label}, {_shown(unit)}]"
        rows.append(row)
        row_labels.append(label)
    return _finish(
        lambda: ScoreTable.from_wide(framework, rows, unit_key=unit, stage=stage),
        findings,
        paths,
        row_labels,
    )


def _finish(
    build: Any, findings: list[Finding], paths: dict[str, str], rows: Sequence[str]
) -> ScoreTable:
    try:
        table: ScoreTable = build()
    except InvalidDocumentError as exc:
        findings.extend(_moved(f, paths, rows) for f in exc.findings)
        raise InvalidDocumentError("data frame", findings) from None
    if findings:
        raise InvalidDocumentError("data frame", findings)
    if not table.findings:
        return table
    return attrs.evolve(table, findings=[_moved(f, paths, rows) for f in table.findings])
