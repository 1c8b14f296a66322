"""The ``cchc`` command: the bundled examples end to end, and a few everyday look-ups.

``cchc demo`` runs the library on the five seed articles it ships: the directive cascades,
each plan with its validation and progress report, the campaigns, and the Châu Thành 2021
campaign end to end on its bundled illustrative results (scores, ranks, prizes). ``--out DIR`` also
writes each issued plan as a Decree 30/2020 DOCX file (needs the ``docx`` extra).

>>> main(["workdays", "2021-02-09", "1"])
2021-02-17
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cchc.calendar import add_working_days, format_numeric_date, next_working_day, parse_date
from cchc.campaigns import CampaignResult, run_campaign
from cchc.criteria import Framework
from cchc.directives import find_references
from cchc.errors import CchcError, Finding, InvalidDocumentError, ParseError
from cchc.text import fold

if TYPE_CHECKING:
    from cchc.scoring import CouncilChange, Ranking

__all__ = ["main"]


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _demo(out: Path | None) -> int:
    from cchc import examples

    loaded = [examples.load(name) for name in examples.names()]
    _out("# Chuỗi văn bản chỉ đạo (directive cascades)")
    for example in loaded:
        _out()
        _out(f"## {example.title}")
        _out(example.cascade().tree())
    _out()
    _out("# Kế hoạch, phong trào và tiến độ (plans, campaigns, progress)")
    _out()
    _out(examples.demo())
    _out()
    _out("# Chấm điểm, xếp hạng và khen thưởng (scoring, ranking, awards)")
    results = {}
    for name in examples.results_names():
        campaign = examples.load(name).campaign
        if campaign is not None:
            results[name] = run_campaign(campaign, examples.load_results(name))
            _out()
            _out(results[name].explain())
            _out("(Điểm số minh họa — illustrative results, not from the article)")
    if out is not None:
        _write_documents(loaded, results, out)
    return 0


def _write_documents(
    loaded: Sequence[object], results: Mapping[str, CampaignResult], out: Path
) -> None:
    from cchc.examples import Example
    from cchc.export.docx import (
        Letterhead,
        announcement_document,
        award_decision_document,
        plan_document,
        report_document,
        save,
        scoreboard_document,
    )

    out.mkdir(parents=True, exist_ok=True)
    _out()
    _out(f"# Văn bản DOCX (documents) in {out}")
    for example in loaded:
        assert isinstance(example, Example)
        plan = example.plan
        if plan.issued is None:
            continue
        head = Letterhead.of_issuer(plan.issuer)
        doc = plan_document(
            plan,
            head,
            units=example.units,
            campaign=example.campaign,
            recipients=["Các cơ quan, đơn vị có liên quan"],
        )
        path = out / f"{example.name}.docx"
        save(doc, path)
        _out(f"- {path}: {doc.doc_type.vi} {doc.number_line()}, {doc.summary}")
        if plan.tasks:
            report = example.report()
            doc = report_document(
                report,
                head,
                units=example.units,
                issued=next_working_day(report.as_of + timedelta(days=1)),
                recipients=["UBND tỉnh"],
            )
            path = out / f"{example.name}-bao-cao.docx"
            save(doc, path)
            _out(f"- {path}: {doc.doc_type.vi} {doc.summary}")
        if example.name in results:
            result = results[example.name]
            issued = next_working_day(result.campaign.window.end + timedelta(days=1))
            for suffix, build in (
                ("bang-tong-hop", scoreboard_document),
                ("cong-bo", announcement_document),
                ("khen-thuong", award_decision_document),
            ):
                doc = build(
                    result, head, issued=issued, recipients=["UBND tỉnh"], illustrative=True
                )
                path = out / f"{example.name}-{suffix}.docx"
                save(doc, path)
                _out(f"- {path}: {doc.doc_type.vi} {doc.summary} (minh họa / illustrative)")


def _refs(path: str) -> int:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"not UTF-8 text (byte {exc.start}): save the file as UTF-8", field="file", value=path
        ) from None
    for ref in find_references(text):
        when = f" ngày {format_numeric_date(ref.date)}" if ref.date else ""
        who = f" của {ref.issuer}" if ref.issuer else ""
        _out(f"{ref.span[0]}:{ref.span[1]}\t{ref.type_word or ''}\t{ref.number or ''}{when}{who}")
    return 0


def _framework(name: str) -> Framework:
    """A bundled framework by its id, or a framework file (TOML or JSON) by its path."""
    from cchc.criteria import bundled_frameworks, load_bundled
    from cchc.formats import load

    if fold(name) in {fold(b) for b in bundled_frameworks()}:
        return load_bundled(name)
    path = Path(name)
    if not path.suffix:
        raise ParseError(
            f"is neither a bundled framework ({', '.join(bundled_frameworks())}) nor a file",
            vi="không phải bộ tiêu chí có sẵn cũng không phải tệp bộ tiêu chí (.toml, .json)",
            field="FRAMEWORK",
            value=name,
        )
    return load(path, Framework)


def _groups(path: Path) -> dict[str, str]:
    """Unit code -> group code, from a CSV file with columns ``unit,group`` (a header row,
    UTF-8 with or without a byte-order mark) or a TOML/JSON table ``unit = "group"``."""
    from cchc.formats import load

    if path.suffix.lower() != ".csv":
        return dict(load(path, dict[str, str]))
    import csv

    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"not UTF-8 text (byte {exc.start}): save the file as CSV UTF-8",
            vi="tệp không phải văn bản UTF-8: hãy lưu lại dưới dạng CSV UTF-8",
            field="--groups",
            value=str(path),
        ) from None
    out: dict[str, str] = {}
    findings = []
    for i, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) != 2 or not all(cells):
            findings.append(
                Finding(
                    "groups.row",
                    f"{path.name}:{i}",
                    "dòng phải có đúng hai ô: mã đơn vị, mã khối",
                    f"a row must hold exactly two cells, unit and group: {row!r}",
                )
            )
            continue
        out[cells[0]] = cells[1]
    if findings:
        raise InvalidDocumentError(path.name, findings)
    return out


def _template(framework: str, units: Sequence[str], out: Path, period: str) -> int:
    from cchc.workbooks import write_templates

    for path in write_templates(_framework(framework), units, out, period=period):
        _out(str(path))
    return 0


def _score(
    framework: str, inputs: Sequence[Path], council: Path | None, groups: Path | None, out: Path
) -> int:
    from cchc.scoring import rank, score_table
    from cchc.workbooks import read_council, read_workbooks

    suffix = out.suffix.lower()
    if suffix not in {".xlsx", ".csv", ".json"}:
        raise ParseError(
            "must end in .xlsx, .csv or .json",
            vi="tệp kết quả phải có đuôi .xlsx, .csv hoặc .json",
            field="--out",
            value=str(out),
        )
    fw = _framework(framework)
    batch = read_workbooks(fw, inputs, workers=os.cpu_count() or 1)
    by_group = _groups(groups) if groups is not None else None
    table, changes = batch.table, None
    if council is not None:
        reading = read_council(fw, council)
        table, changes = reading.over(table), reading.changes(by_group)
    ranking = rank(score_table(table, by_group), by_group)
    _write_atomically(out, lambda path: _write_results(path, ranking, changes))
    _out(f"{len(batch.units)} đơn vị (units) -> {out}")
    return 0


def _write_results(path: Path, ranking: Ranking, changes: Sequence[CouncilChange] | None) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from cchc.export.xlsx import write_results

        write_results(path, ranking, changes=changes)
    elif suffix == ".csv":
        from cchc.tables import standings_table, write_csv

        write_csv(standings_table(ranking), path)
    else:
        from cchc.formats import dump

        dump(ranking, path)


def _write_atomically(out: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file beside ``out`` and move it into place: a failed write
    leaves no file, and an old file stays whole until the new one is complete."""
    import tempfile

    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=out.parent, prefix=".cchc-", suffix=out.suffix)
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cchc`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Errors of the library are reported on standard error with exit code 1.
    """
    parser = argparse.ArgumentParser(
        prog="cchc", description="Vietnam's administrative reform campaigns (cải cách hành chính)."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="run the library on its bundled seed examples")
    demo.add_argument(
        "--out",
        type=Path,
        help="also write the documents (plans, reports, the campaign's scoreboard, "
        "announcement and commendation decision) as DOCX files here",
    )
    refs = sub.add_parser("refs", help="list the directive references in a text file")
    refs.add_argument("file", help="a UTF-8 text file, or - for standard input")
    work = sub.add_parser("workdays", help="the date N working days after a date")
    work.add_argument("date", help="a date: 2021-02-09, 09/02/2021 or 'ngày 09 tháng 02 năm 2021'")
    work.add_argument("n", type=int, help="how many working days to add")
    template = sub.add_parser(
        "template", help="write each unit's self-assessment workbook (needs cchc[xlsx])"
    )
    template.add_argument("framework", help="a bundled framework id or a framework file")
    template.add_argument(
        "--unit", action="append", required=True, help="a unit's code (repeat for each unit)"
    )
    template.add_argument("--out", type=Path, required=True, help="the folder to write into")
    template.add_argument("--period", default="", help="the period, e.g. 'năm 2024'")
    score = sub.add_parser(
        "score", help="read filled workbooks, score, rank, write the results (needs cchc[xlsx])"
    )
    score.add_argument("framework", help="a bundled framework id or a framework file")
    score.add_argument("workbooks", nargs="+", type=Path, help="filled workbooks or folders")
    score.add_argument("--council", type=Path, help="the appraisal council's workbook")
    score.add_argument("--groups", type=Path, help="unit -> group: CSV (unit,group), TOML, JSON")
    score.add_argument("--out", type=Path, required=True, help="results: .xlsx, .csv or .json")
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args.out)
        if args.command == "refs":
            return _refs(args.file)
        if args.command == "template":
            return _template(args.framework, args.unit, args.out, args.period)
        if args.command == "score":
            return _score(args.framework, args.workbooks, args.council, args.groups, args.out)
        start: date = parse_date(args.date)
        _out(add_working_days(start, args.n).isoformat())
        return 0
    except (CchcError, OSError) as exc:  # a document's error lists every finding
        sys.stderr.write(f"cchc: {exc}\n")
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
