"""The ``cchc`` command: every everyday job of a campaign, each one call of the library.

Built with Typer (and Rich for tables and the progress bar), the ``cli`` extra
(``pip install "cchc[cli]"``); without it the command says so and exits with code 1. Every
command takes ``--lang vi|en`` (Vietnamese by default), and ``--format text|json|csv`` where
its output is a table. The exit code is 0 on success, 1 when the input has findings (each
printed on standard error with its path: file, sheet and cell, or ``tasks[3].due``), and 2
on a usage error (an unknown command or option, a missing argument).

- ``demo``: the bundled seed examples end to end (:mod:`cchc.examples`);
- ``frameworks list``, ``show``, ``check``: :func:`cchc.criteria.bundled_frameworks`,
  :func:`~cchc.criteria.format_framework`, :meth:`~cchc.criteria.Framework.findings`;
- ``template``, ``score``: :func:`cchc.workbooks.write_templates`,
  :func:`~cchc.workbooks.read_workbooks`, :func:`cchc.scoring.rank`;
- ``rank``: :func:`cchc.tables.ranking_table` of a ranking file;
- ``awards``: :func:`cchc.awards.allocate`, or :func:`cchc.campaigns.run_campaign`;
- ``validate``: :func:`cchc.formats.load`, :meth:`cchc.plans.Plan.findings`,
  :meth:`cchc.campaigns.Campaign.findings`;
- ``progress``: :func:`cchc.plans.progress`; ``export``: :mod:`cchc.export.docx`;
- ``refs``, ``workdays``, ``period``: :func:`cchc.directives.find_references`,
  :mod:`cchc.calendar`.

>>> main(["workdays", "2021-02-09", "1"])
2021-02-17
0
>>> main(["period", "quarter", "2021", "3", "--format", "csv", "--lang", "en"])
report,start,end
quý III năm 2021,2021-06-15,2021-09-14
0
"""

import contextlib
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from cchc import _fields
from cchc.errors import CchcError, InvalidDocumentError, MissingExtraError, ParseError, Severity
from cchc.text import fold

if TYPE_CHECKING:
    import typer

    from cchc.awards import AwardDecision
    from cchc.campaigns import Campaign, CampaignInputs, CampaignResult
    from cchc.criteria import Framework
    from cchc.examples import Example
    from cchc.plans import Plan, ProgressReport
    from cchc.scoring import CouncilChange, Ranking
    from cchc.tables import Table

__all__ = ["app", "main"]

if TYPE_CHECKING:
    app: typer.Typer  # built on first use, see __getattr__

LangCode = Literal["vi", "en"]
Format = Literal["text", "json", "csv"]
#: The kinds of file ``cchc validate`` checks (see :data:`cchc.formats.KINDS`).
VALIDATED = ("plan", "framework", "campaign", "campaign-inputs", "score-inputs", "status-updates")
_LANG_KEY = "cchc.lang"


# --- output -----------------------------------------------------------------------------------


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _console(*, stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    # a file or a pipe gets whole lines, never wrapped at 80 columns
    return Console(file=stream, width=None if terminal else 200, soft_wrap=not terminal)


def _emit(table: "Table", fmt: str, lang: LangCode) -> None:
    """A table as text (a Rich table, Vietnamese headings for ``vi``), JSON (a list of rows,
    exact numbers as text) or CSV (UTF-8, headed by column names for ``en`` and by their
    Vietnamese titles for ``vi``)."""
    import csv

    from cchc.formats import unstructure
    from cchc.tables import write_csv

    vi = lang == "vi"
    if fmt == "json":
        _out(json.dumps(unstructure(table.records()), ensure_ascii=False, indent=2))
        return
    buffer = io.StringIO()
    # the library's one writer of cells: a table's text is its CSV read back
    text_mode = fmt == "text"
    write_csv(
        table,
        buffer,
        headers="titles" if vi else "names",
        delimiter="\t" if text_mode else ",",
        decimal="," if text_mode and vi else ".",
    )
    text = buffer.getvalue().removeprefix("\ufeff")
    if fmt == "csv":
        sys.stdout.write(text.replace("\r\n", "\n"))
        return
    from rich import box
    from rich.table import Table as RichTable

    header, *rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    shown = RichTable(title=table.title or None, box=box.SIMPLE_HEAD, show_edge=False)
    for name in header:
        shown.add_column(name, overflow="fold")
    for row in rows:
        shown.add_row(*row)
    _console().print(shown)


def _report(exc: CchcError, lang: LangCode) -> None:
    """A refusal on standard error: its headline, then every finding with its path."""
    vi = lang == "vi"
    if isinstance(exc, InvalidDocumentError):
        n = len(exc.findings)
        head = f"{exc.what}: {n} lỗi" if vi else f"{exc.what}: {n} problem{'s' if n != 1 else ''}"
    elif exc.findings and exc.findings[0].path and len(exc.findings) > 1:
        head = exc.message_vi if vi else exc.message
    else:
        sys.stderr.write(f"cchc: {exc.message_vi if vi else exc}\n")
        return
    if len(head) > 160:  # the findings below say it all
        head = head[:159] + "…"
    lines = [f"cchc: {head}"]
    for f in exc.findings:
        level = "" if f.severity is Severity.ERROR else f"[{f.severity.value}] "
        message = (f.message_vi if vi else f.message_en).removeprefix(f"{f.path}: ")
        lines.append(f"  {level}{f.path}: {message}")
    sys.stderr.write("\n".join(lines) + "\n")


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
        umask = os.umask(0)  # a temporary file is private; the result gets the usual mode
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)


def _save_docx(doc: Any, out: Path) -> None:
    from cchc.export.docx import save

    _suffix(out, (".docx",), "--out")
    _write_atomically(out, lambda path: save(doc, path))


@contextlib.contextmanager
def _reading(paths: Sequence[Path], lang: LangCode) -> Iterator[None]:
    """A Rich progress bar on standard error while workbooks are read (off when standard
    error is not a terminal)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    count = sum(
        sum(1 for p in path.iterdir() if p.suffix.lower() == ".xlsx") if path.is_dir() else 1
        for path in paths
    )
    console = _console(stderr=True)
    what = f"Đọc {count} tệp Excel" if lang == "vi" else f"Reading {count} workbooks"
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not sys.stderr.isatty(),  # not FORCE_COLOR: a notebook sets it for its output
    ) as bar:
        task = bar.add_task(what, total=None)
        yield
        bar.update(task, total=1, completed=1)


# --- what the arguments name ----------------------------------------------------------------


def _suffix(path: Path, allowed: Sequence[str], field: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        listed = ", ".join(allowed[:-1]) + (" or " if len(allowed) > 1 else "") + allowed[-1]
        listed_vi = ", ".join(allowed[:-1]) + (" hoặc " if len(allowed) > 1 else "") + allowed[-1]
        raise ParseError(
            f"must end in {listed}",
            vi=f"tệp phải có đuôi {listed_vi}",
            field=field,
            value=str(path),
        )
    return suffix


def _example(name: str) -> "Example | None":
    """The bundled seed example of this name, if ``name`` is one."""
    from cchc import examples

    if fold(name) in {fold(n) for n in examples.names()}:
        return examples.load(name)
    return None


def _framework(name: str) -> "Framework":
    """A bundled framework by its id, or a framework file (TOML or JSON) by its path."""
    from cchc.criteria import Framework, bundled_frameworks, load_bundled
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


def _plan(source: str) -> "tuple[Plan, Example | None]":
    """A plan file, or the plan of a bundled example."""
    from cchc.formats import load

    example = _example(source)
    if example is not None:
        return example.plan, example
    return load(Path(source), "plan"), None


def _campaign(source: str) -> "tuple[Campaign, Example | None]":
    """A campaign file, or the campaign of a bundled example."""
    from cchc.formats import load

    example = _example(source)
    if example is None:
        return load(Path(source), "campaign"), None
    if example.campaign is None:
        raise ParseError(
            "this example has no campaign",
            vi="bài viết mẫu này không có phong trào thi đua",
            field="CAMPAIGN",
            value=source,
        )
    return example.campaign, example


def _groups(path: Path) -> dict[str, str]:
    """Unit code -> group code, from a CSV file with columns ``unit,group`` (a header row,
    UTF-8 with or without a byte-order mark) or a TOML/JSON table ``unit = "group"``."""
    from cchc.errors import Finding
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


def _inputs(
    campaign: "Campaign",
    example: "Example | None",
    results: Sequence[Path],
    council: Path | None,
    lang: LangCode,
) -> "CampaignInputs":
    """What the units and the council produced: the example's bundled results, a
    campaign-inputs file (TOML, JSON) or filled workbooks with the council's workbook."""
    from cchc import examples
    from cchc.campaigns import CampaignInputs
    from cchc.formats import load

    if not results:
        if example is not None and example.name in examples.results_names():
            return examples.load_results(example.name)
        raise ParseError(
            "give the results: a campaign-inputs file or the filled workbooks",
            vi="cần kết quả chấm điểm: tệp kết quả (.toml, .json) hoặc các phiếu Excel đã điền",
            field="RESULTS",
        )
    if len(results) == 1 and results[0].suffix.lower() in (".toml", ".json"):
        return load(results[0], CampaignInputs)
    from cchc.workbooks import read_council, read_workbooks

    if campaign.framework is None:
        raise ParseError(
            "the campaign has no criteria framework to read the workbooks by",
            vi="phong trào thi đua chưa có bộ tiêu chí để đọc phiếu Excel",
            field="framework",
        )
    with _reading(results, lang):
        batch = read_workbooks(campaign.framework, results, workers=os.cpu_count() or 1)
    if council is None:
        return CampaignInputs(batch.table)
    reading = read_council(campaign.framework, council)
    return CampaignInputs(batch.table, appraisal=reading.over(batch.table))


def _result(
    source: str,
    results: Sequence[Path],
    council: Path | None,
    settlements: Path | None,
    lang: LangCode,
) -> "tuple[CampaignResult, Example | None]":
    from cchc.campaigns import run_campaign
    from cchc.examples import load_settlements
    from cchc.formats import load

    campaign, example = _campaign(source)
    inputs = _inputs(campaign, example, results, council, lang)
    if settlements is not None:
        settled = tuple(load(settlements, "tie-settlements"))
    elif example is not None and not results:
        settled = load_settlements(example.name)
    else:
        settled = ()
    return run_campaign(campaign, inputs, settlements=settled), example


def _letterhead(issuer: str | None, default: str, field: str) -> Any:
    from cchc.letterhead import Letterhead

    name = issuer or default
    if not name:
        raise ParseError(
            "name the issuing agency with --issuer",
            vi="cần ghi cơ quan ban hành văn bản bằng tùy chọn --issuer",
            field=field,
        )
    return Letterhead.of_issuer(name)


def _date(text: str | None, field: str) -> date | None:
    from cchc.calendar import parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except CchcError as exc:
        raise ParseError(exc.message, vi=exc.vi, field=field, value=text) from None


def _decision_document(
    result: "CampaignResult", example: "Example | None", issuer: str | None, issued: date | None
) -> Any:
    from cchc.calendar import next_working_day
    from cchc.export.docx import award_decision_document

    head = _letterhead(issuer, result.campaign.plan.issuer, "--issuer")
    day = issued or next_working_day(result.campaign.window.end + timedelta(days=1))
    return award_decision_document(
        result, head, issued=day, recipients=["UBND tỉnh"], illustrative=example is not None
    )


def _progress_report(
    source: str, updates: Path | None, as_of: date | None
) -> "tuple[ProgressReport, Plan, Example | None]":
    from cchc.calendar import today
    from cchc.formats import load
    from cchc.plans import StatusUpdate, progress

    plan, example = _plan(source)
    if example is not None and updates is None:
        return example.report(as_of), plan, example
    given = load(updates, dict[str, list[StatusUpdate]]) if updates is not None else None
    return progress(plan, given, as_of or today()), plan, example


def _write_results(
    path: Path, ranking: "Ranking", changes: "Sequence[CouncilChange] | None"
) -> None:
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


# --- the demo ---------------------------------------------------------------------------------


def _demo(out: Path | None, verbose: bool, lang: LangCode) -> None:
    from cchc import examples
    from cchc.campaigns import run_campaign
    from cchc.letterhead import vi_number

    vi = lang == "vi"
    loaded = [examples.load(name) for name in examples.names()]
    results = {}
    for name in examples.results_names():
        campaign = examples.load(name).campaign
        if campaign is not None:
            results[name] = run_campaign(campaign, examples.load_results(name))
    if verbose:
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
        for result in results.values():
            _out()
            _out(str(result.explain(lang)))
            _out("(Điểm số minh họa — illustrative results, not from the article)")
    else:
        _out(
            f"# {len(loaded)} bài viết mẫu (seed examples)"
            if vi
            else f"# {len(loaded)} seed examples"
        )
        for example in loaded:
            tasks = len(example.plan.tasks)
            said = f"{tasks} nhiệm vụ" if vi else f"{tasks} tasks"
            _out(f"- {example.name}: {example.plan} ({said})")
        for result in results.values():
            _out()
            _out(f"# {result.campaign} — {'minh họa' if vi else 'illustrative'}")
            for row in result.rows():
                if row["rank"] == 1:
                    prize = f" — {row['prize']}" if row["prize"] else ""
                    index = row["index"]
                    shown = vi_number(index) if vi and isinstance(index, Decimal) else index
                    _out(f"  {row['group']}: {row['unit']} {shown}%, {row['band']}{prize}")
            awarded = len(result.decision.awards)
            _out(f"  {awarded} giải và danh hiệu" if vi else f"  {awarded} prizes and titles")
    written = _write_documents(loaded, results, out) if out is not None else []
    _out()
    if written:
        _out(
            f"# Đã ghi {len(written)} văn bản vào {out}"
            if vi
            else f"# Wrote {len(written)} documents to {out}"
        )
        for line in written:
            _out(line)
        _out()
    _out("# Thử tiếp (try next)" if vi else "# Try next")
    if not verbose:
        _out(
            "  cchc demo --verbose                        # "
            + ("toàn bộ diễn giải" if vi else "the whole walkthrough")
        )
    _out(
        "  cchc awards chau-thanh-2021 --format csv   # " + ("giải thưởng" if vi else "the prizes")
    )
    _out(
        "  cchc progress gia-lam-9m-2021              # "
        + ("tiến độ kế hoạch" if vi else "a plan's progress")
    )
    _out(
        "  cchc frameworks list                       # "
        + ("các bộ tiêu chí" if vi else "the frameworks")
    )


def _write_documents(
    loaded: "Sequence[Example]", results: "Mapping[str, CampaignResult]", out: Path
) -> list[str]:
    from cchc.calendar import next_working_day
    from cchc.export.docx import (
        Letterhead,
        announcement_document,
        award_decision_document,
        plan_document,
        report_document,
        scoreboard_document,
    )

    written: list[str] = []
    for example in loaded:
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
        _save_docx(doc, path)
        written.append(f"- {path}: {doc.doc_type.vi} {doc.number_line()}, {doc.summary}")
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
            _save_docx(doc, path)
            written.append(f"- {path}: {doc.doc_type.vi} {doc.summary}")
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
                _save_docx(doc, path)
                written.append(
                    f"- {path}: {doc.doc_type.vi} {doc.summary} (minh họa / illustrative)"
                )
    return written


# --- the command ------------------------------------------------------------------------------


def _require_extras() -> None:
    _fields.require("typer", "cli", "The cchc command", "Lệnh cchc")
    _fields.require("rich", "cli", "The cchc command's tables", "Bảng của lệnh cchc")


@functools.cache
def _app() -> "typer.Typer":
    """Build the Typer application (imports Typer and Rich; cached)."""
    _require_extras()
    import typer
    from typer.core import TyperGroup

    class Group(TyperGroup):
        """Where every refusal of the library meets the user: one place, exit code 1."""

        def invoke(self, ctx: Any) -> Any:
            try:
                return super().invoke(ctx)
            except CchcError as exc:
                _report(exc, ctx.meta.get(_LANG_KEY, "vi"))
                raise typer.Exit(1) from None
            except OSError as exc:  # a file the system would not open or write
                where = getattr(exc, "filename", None)
                _report(
                    ParseError(
                        f"cannot be read or written: {exc.strerror or exc}",
                        vi="không đọc hoặc ghi được tệp",
                        field="path",
                        value=str(where) if where is not None else "",
                    ),
                    ctx.meta.get(_LANG_KEY, "vi"),
                )
                raise typer.Exit(1) from None

    def set_lang(ctx: typer.Context, value: str) -> str:
        ctx.meta[_LANG_KEY] = value
        return value

    LangOption = Annotated[
        LangCode,
        typer.Option(
            "--lang",
            callback=set_lang,
            is_eager=True,
            help="language of the output: vi (Vietnamese) or en (English)",
        ),
    ]
    FormatOption = Annotated[
        Format, typer.Option("--format", "-f", help="text (a table), json or csv")
    ]

    app = typer.Typer(
        name="cchc",
        cls=Group,
        help="Vietnam's administrative reform campaigns (cải cách hành chính).",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    frameworks = typer.Typer(cls=Group, help="the criteria frameworks", no_args_is_help=True)
    export = typer.Typer(
        cls=Group, help="write a document as DOCX (Decree 30/2020)", no_args_is_help=True
    )
    app.add_typer(frameworks, name="frameworks")
    app.add_typer(export, name="export")

    @app.command()
    def demo(
        out: Annotated[
            Path | None,
            typer.Option(
                help="also write the plans, reports, scoreboard, announcement and "
                "commendation decision as DOCX files here"
            ),
        ] = None,
        verbose: Annotated[
            bool, typer.Option("--verbose", "-v", help="the whole walkthrough")
        ] = False,
        lang: LangOption = "vi",
    ) -> None:
        """Run the library on its bundled seed examples; end with what was written."""
        _demo(out, verbose, lang)

    @frameworks.command("list")
    def frameworks_list(fmt: FormatOption = "text", lang: LangOption = "vi") -> None:
        """The bundled frameworks."""
        from cchc.criteria import bundled_frameworks, load_bundled
        from cchc.tables import Column, Table

        rows = []
        for name in bundled_frameworks():
            fw = load_bundled(name)
            rows.append((fw.id, fw.title, fw.year, len(fw.leaves()), fw.maximum, fw.source))
        _emit(
            Table(
                "frameworks",
                "Bộ tiêu chí có sẵn",
                [
                    Column("id", "text", "Mã"),
                    Column("title", "text", "Tên bộ tiêu chí"),
                    Column("year", "whole", "Năm"),
                    Column("criteria", "whole", "Số tiêu chí"),
                    Column("maximum", "number", "Điểm tối đa"),
                    Column("source", "text", "Nguồn"),
                ],
                rows,
            ),
            fmt,
            lang,
        )

    @frameworks.command("show")
    def frameworks_show(
        framework: Annotated[
            str, typer.Argument(help="a bundled framework id or a framework file")
        ],
        fmt: Annotated[
            Literal["toml", "json"], typer.Option("--format", "-f", help="toml or json")
        ] = "toml",
        lang: LangOption = "vi",
    ) -> None:
        """A framework, written out as TOML (or JSON)."""
        from cchc.criteria import format_framework
        from cchc.formats import dumps

        fw = _framework(framework)
        sys.stdout.write(
            (format_framework(fw) if fmt == "toml" else dumps(fw, "json")).rstrip("\n") + "\n"
        )

    @frameworks.command("check")
    def frameworks_check(
        file: Annotated[Path, typer.Argument(help="a framework file (.toml, .json)")],
        lang: LangOption = "vi",
    ) -> None:
        """Check a framework file: every finding, with its path."""
        _validate("framework", file, lang, strict=False)

    @app.command()
    def template(
        framework: Annotated[
            str, typer.Argument(help="a bundled framework id or a framework file")
        ],
        unit: Annotated[
            list[str], typer.Option("--unit", help="a unit's code (repeat for each unit)")
        ],
        out: Annotated[Path, typer.Option(help="the folder to write into")],
        period: Annotated[str, typer.Option(help="the period, e.g. 'năm 2024'")] = "",
        lang: LangOption = "vi",
    ) -> None:
        """Write each unit's self-assessment workbook, OUT/<unit>.xlsx (needs cchc[xlsx])."""
        from cchc.workbooks import write_templates

        for path in write_templates(_framework(framework), unit, out, period=period):
            _out(str(path))

    @app.command()
    def score(
        framework: Annotated[
            str, typer.Argument(help="a bundled framework id or a framework file")
        ],
        workbooks: Annotated[list[Path], typer.Argument(help="filled workbooks or folders")],
        out: Annotated[Path, typer.Option(help="the results: .xlsx, .csv or .json")],
        council: Annotated[
            Path | None, typer.Option(help="the appraisal council's workbook")
        ] = None,
        groups: Annotated[
            Path | None, typer.Option(help="unit -> group: CSV (unit,group), TOML or JSON")
        ] = None,
        lang: LangOption = "vi",
    ) -> None:
        """Read filled workbooks, score, rank within groups and write the results."""
        from cchc.scoring import rank, score_table
        from cchc.workbooks import read_council, read_workbooks

        _suffix(out, (".xlsx", ".csv", ".json"), "--out")
        fw = _framework(framework)
        with _reading(workbooks, lang):
            batch = read_workbooks(fw, workbooks, workers=os.cpu_count() or 1)
        by_group = _groups(groups) if groups is not None else None
        table, changes = batch.table, None
        if council is not None:
            reading = read_council(fw, council)
            table, changes = reading.over(table), reading.changes(by_group)
        ranking = rank(score_table(table, by_group), by_group)
        _write_atomically(out, lambda path: _write_results(path, ranking, changes))
        _out(f"{len(batch.units)} đơn vị (units) -> {out}")

    @app.command("rank")
    def rank_command(
        ranking: Annotated[
            Path, typer.Argument(help="a ranking written by `cchc score --out X.json`")
        ],
        group: Annotated[str | None, typer.Option(help="only this group")] = None,
        fmt: FormatOption = "text",
        lang: LangOption = "vi",
    ) -> None:
        """Show a ranking: group, rank, points, index, band, tie-breaks."""
        from cchc.formats import load
        from cchc.scoring import Ranking
        from cchc.tables import ranking_table

        table = ranking_table(load(ranking, Ranking))
        if group is not None:
            table = table.where("group", group)
        _emit(table, fmt, lang)

    @app.command()
    def awards(
        source: Annotated[
            str,
            typer.Argument(
                help="with --prizes: a ranking written by `cchc score`; without: a campaign "
                "file or a bundled example"
            ),
        ],
        results: Annotated[
            list[Path] | None,
            typer.Argument(
                help="the campaign's results: a campaign-inputs file or filled workbooks"
            ),
        ] = None,
        prizes: Annotated[
            Path | None, typer.Option(help="a prize structure file (.toml, .json)")
        ] = None,
        council: Annotated[
            Path | None, typer.Option(help="the appraisal council's workbook")
        ] = None,
        settlements: Annotated[
            Path | None, typer.Option(help="the council's settlements of ties (.toml, .json)")
        ] = None,
        out: Annotated[Path | None, typer.Option(help="write the decision: .docx or .json")] = None,
        issuer: Annotated[str | None, typer.Option(help="the agency deciding (DOCX)")] = None,
        issued: Annotated[str | None, typer.Option(help="the decision's date (DOCX)")] = None,
        fmt: FormatOption = "text",
        lang: LangOption = "vi",
    ) -> None:
        """Decide the prizes: from a ranking and a prize structure, or by running a campaign."""
        from cchc.tables import award_table

        if out is not None:
            _suffix(out, (".docx", ".json"), "--out")
        if prizes is not None:
            if results:
                raise typer.BadParameter(
                    "with --prizes, give only the ranking", param_hint="RESULTS"
                )
            decision = _allocate(Path(source), prizes, settlements)
            if out is not None and out.suffix.lower() == ".docx":
                raise typer.BadParameter(
                    "a decision document needs the campaign: give a campaign file instead of "
                    "--prizes",
                    param_hint="--out",
                )
            text = str(decision.explain(lang))
        else:
            result, example = _result(source, results or [], council, settlements, lang)
            decision = result.decision
            text = str(result.explain(lang))
            if out is not None and out.suffix.lower() == ".docx":
                doc = _decision_document(result, example, issuer, _date(issued, "--issued"))
                _save_docx(doc, out)
                _out(f"{out}: {doc.doc_type.vi} {doc.summary}")
                return
        if out is not None:
            _write_atomically(out, lambda path: _dump(decision, path))
            _out(f"{len(decision.awards)} {'giải' if lang == 'vi' else 'awards'} -> {out}")
            return
        if fmt == "text":
            _out(text)
        else:
            _emit(award_table(decision), fmt, lang)

    @app.command()
    def validate(
        kind: Annotated[str, typer.Argument(help=f"the kind of file: {', '.join(VALIDATED)}")],
        file: Annotated[Path, typer.Argument(help="the file (.toml, .json)")],
        strict: Annotated[bool, typer.Option(help="warnings count as findings too")] = False,
        lang: LangOption = "vi",
    ) -> None:
        """Check a plan, framework or campaign file: every finding, with its path."""
        _validate(kind, file, lang, strict=strict)

    @app.command("progress")
    def progress_command(
        plan: Annotated[
            str, typer.Argument(help="a plan file (.toml, .json) or a bundled example")
        ],
        updates: Annotated[
            Path | None,
            typer.Option(help="status updates by task code: a table of lists (.toml, .json)"),
        ] = None,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="the report's day (default: today)")
        ] = None,
        out: Annotated[Path | None, typer.Option(help="also write the report as DOCX")] = None,
        issuer: Annotated[str | None, typer.Option(help="the reporting agency (DOCX)")] = None,
        fmt: FormatOption = "text",
        lang: LangOption = "vi",
    ) -> None:
        """A plan's progress on a day: each task's state, what is late and what falls due."""
        from cchc.plans import format_progress
        from cchc.tables import progress_table

        report, value, example = _progress_report(plan, updates, _date(as_of, "--as-of"))
        if out is not None:
            _export_report(report, value, example, issuer, out)
            return
        if fmt == "text":
            _out(format_progress(report, units=example.units if example is not None else None))
        else:
            _emit(progress_table(report), fmt, lang)

    @export.command("plan")
    def export_plan(
        plan: Annotated[
            str, typer.Argument(help="a plan file (.toml, .json) or a bundled example")
        ],
        out: Annotated[Path, typer.Option(help="the .docx file to write")],
        issuer: Annotated[str | None, typer.Option(help="the issuing agency")] = None,
        lang: LangOption = "vi",
    ) -> None:
        """A plan as a Decree 30/2020 document (Kế hoạch)."""
        from cchc.export.docx import plan_document

        value, example = _plan(plan)
        doc = plan_document(
            value,
            _letterhead(issuer, value.issuer, "--issuer"),
            units=example.units if example is not None else None,
            campaign=example.campaign if example is not None else None,
            recipients=["Các cơ quan, đơn vị có liên quan"],
        )
        _save_docx(doc, out)
        _out(f"{out}: {doc.doc_type.vi} {doc.summary}")

    @export.command("report")
    def export_report(
        plan: Annotated[
            str, typer.Argument(help="a plan file (.toml, .json) or a bundled example")
        ],
        out: Annotated[Path, typer.Option(help="the .docx file to write")],
        updates: Annotated[Path | None, typer.Option(help="status updates by task code")] = None,
        as_of: Annotated[str | None, typer.Option("--as-of", help="the report's day")] = None,
        issuer: Annotated[str | None, typer.Option(help="the reporting agency")] = None,
        lang: LangOption = "vi",
    ) -> None:
        """A plan's progress report (Báo cáo)."""
        report, value, example = _progress_report(plan, updates, _date(as_of, "--as-of"))
        _export_report(report, value, example, issuer, out)

    @export.command("scoreboard")
    def export_scoreboard(
        ranking: Annotated[
            Path, typer.Argument(help="a ranking written by `cchc score --out X.json`")
        ],
        out: Annotated[Path, typer.Option(help="the .docx file to write")],
        issuer: Annotated[str, typer.Option(help="the agency reporting the results")],
        issued: Annotated[
            str | None, typer.Option(help="the document's date (default: today)")
        ] = None,
        prizes: Annotated[
            Path | None, typer.Option(help="a prize structure: list the prizes too")
        ] = None,
        lang: LangOption = "vi",
    ) -> None:
        """The scoreboard (Bảng tổng hợp kết quả) of a ranking."""
        from cchc.calendar import today
        from cchc.export.docx import scoreboard_document
        from cchc.formats import load
        from cchc.scoring import Ranking

        value = load(ranking, Ranking)
        decision = _allocate(ranking, prizes, None) if prizes is not None else None
        doc = scoreboard_document(
            value,
            _letterhead(issuer, "", "--issuer"),
            issued=_date(issued, "--issued") or today(),
            decision=decision,
        )
        _save_docx(doc, out)
        _out(f"{out}: {doc.doc_type.vi} {doc.summary}")

    @export.command("decision")
    def export_decision(
        campaign: Annotated[str, typer.Argument(help="a campaign file or a bundled example")],
        out: Annotated[Path, typer.Option(help="the .docx file to write")],
        results: Annotated[
            list[Path] | None, typer.Argument(help="a campaign-inputs file or filled workbooks")
        ] = None,
        council: Annotated[
            Path | None, typer.Option(help="the appraisal council's workbook")
        ] = None,
        settlements: Annotated[
            Path | None, typer.Option(help="the council's settlements of ties")
        ] = None,
        issuer: Annotated[str | None, typer.Option(help="the agency deciding")] = None,
        issued: Annotated[str | None, typer.Option(help="the decision's date")] = None,
        lang: LangOption = "vi",
    ) -> None:
        """The commendation decision (Quyết định khen thưởng) of a campaign run."""
        result, example = _result(campaign, results or [], council, settlements, lang)
        doc = _decision_document(result, example, issuer, _date(issued, "--issued"))
        _save_docx(doc, out)
        _out(f"{out}: {doc.doc_type.vi} {doc.summary}")

    @app.command()
    def refs(
        file: Annotated[str, typer.Argument(help="a UTF-8 text file, or - for standard input")],
        fmt: Annotated[
            Literal["text", "json"], typer.Option("--format", "-f", help="text or json")
        ] = "text",
        lang: LangOption = "vi",
    ) -> None:
        """The directive references in a text file: offsets, type, number, date, issuer."""
        from cchc.calendar import format_numeric_date
        from cchc.directives import find_references

        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"not UTF-8 text (byte {exc.start}): save the file as UTF-8",
                vi="tệp không phải văn bản UTF-8: hãy lưu lại dưới dạng UTF-8",
                field="file",
                value=file,
            ) from None
        except FileNotFoundError:
            raise ParseError(
                "no such file", vi="không tìm thấy tệp", field="file", value=file
            ) from None
        found = find_references(text)
        if fmt == "json":
            rows = [
                {
                    "start": ref.span[0],
                    "end": ref.span[1],
                    "type": ref.type_word,
                    "number": str(ref.number) if ref.number is not None else None,
                    "date": ref.date.isoformat() if ref.date else None,
                    "issuer": ref.issuer,
                }
                for ref in found
            ]
            _out(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for ref in found:
            when = f" ngày {format_numeric_date(ref.date)}" if ref.date else ""
            who = f" của {ref.issuer}" if ref.issuer else ""
            _out(
                f"{ref.span[0]}:{ref.span[1]}\t{ref.type_word or ''}\t{ref.number or ''}{when}{who}"
            )

    @app.command()
    def workdays(
        day: Annotated[
            str,
            typer.Argument(
                metavar="DATE", help="2021-02-09, 09/02/2021 or 'ngày 09 tháng 02 năm 2021'"
            ),
        ],
        n: Annotated[int, typer.Argument(help="how many working days to add")],
        lang: LangOption = "vi",
    ) -> None:
        """The date N working days after DATE on the Vietnamese calendar (holidays, Tết,
        swapped days)."""
        from cchc.calendar import add_working_days

        start = _date(day, "DATE")
        assert start is not None
        _out(add_working_days(start, n).isoformat())

    @app.command()
    def period(
        kind: Annotated[
            str | None,
            typer.Argument(
                help="month, quarter, half-year, nine-months or year (or a report's title, "
                "'quý III năm 2021')"
            ),
        ] = None,
        year: Annotated[int | None, typer.Argument(help="the year")] = None,
        number: Annotated[
            int | None, typer.Argument(help="the month (1-12) or quarter (1-4)")
        ] = None,
        on: Annotated[
            str | None, typer.Option(help="instead: every report whose data include this day")
        ] = None,
        fmt: FormatOption = "text",
        lang: LangOption = "vi",
    ) -> None:
        """Decree 09/2019 reporting periods: one report's days, or the reports of a day."""
        from cchc.calendar import ReportingPeriod, ReportKind, reporting_periods_containing
        from cchc.tables import Column, Table

        if on is not None:
            if kind is not None:
                raise typer.BadParameter("give either KIND YEAR or --on", param_hint="--on")
            day = _date(on, "--on")
            assert day is not None
            reports = list(reporting_periods_containing(day))
        elif kind is None:
            raise typer.BadParameter("give KIND YEAR [NUMBER], or --on DATE", param_hint="KIND")
        elif year is None:  # a report's title: "quý III năm 2021"
            reports = [ReportingPeriod.parse(kind)]
        else:
            try:
                reports = [ReportingPeriod(ReportKind(kind), year, number)]
            except CchcError as exc:
                given = " ".join(str(v) for v in (kind, year, number) if v is not None)
                raise ParseError(
                    exc.message, vi=exc.vi, field="KIND YEAR NUMBER", value=given
                ) from None
        rows = [(str(r), r.period.start, r.period.end) for r in reports]
        _emit(
            Table(
                "periods",
                "Kỳ báo cáo (Nghị định 09/2019/NĐ-CP)",
                [
                    Column("report", "text", "Kỳ báo cáo"),
                    Column("start", "date", "Từ ngày"),
                    Column("end", "date", "Đến ngày"),
                ],
                rows,
            ),
            fmt,
            lang,
        )

    return app


def _allocate(ranking: Path, prizes: Path, settlements: Path | None) -> "AwardDecision":
    """The prizes of a ranking file under a prize structure file."""
    from cchc.awards import Candidate, PrizeStructure, allocate
    from cchc.formats import load
    from cchc.scoring import Ranking

    ranked = load(ranking, Ranking)
    structure = load(prizes, PrizeStructure)
    settled = load(settlements, "tie-settlements") if settlements is not None else ()
    candidates = [
        Candidate(e.unit, e.group, e.points, index=e.index, band=e.band) for e in ranked.entries
    ]
    return allocate(structure, candidates, bands=ranked.result.framework, settlements=settled)


def _dump(value: object, path: Path) -> None:
    from cchc.formats import dump

    dump(value, path)


def _export_report(
    report: "ProgressReport",
    plan: "Plan",
    example: "Example | None",
    issuer: str | None,
    out: Path,
) -> None:
    from cchc.calendar import next_working_day
    from cchc.export.docx import report_document

    doc = report_document(
        report,
        _letterhead(issuer, plan.issuer, "--issuer"),
        issued=next_working_day(report.as_of + timedelta(days=1)),
        units=example.units if example is not None else None,
        recipients=["UBND tỉnh"],
    )
    _save_docx(doc, out)
    _out(f"{out}: {doc.doc_type.vi} {doc.summary}")


def _validate(kind: str, file: Path, lang: LangCode, *, strict: bool) -> None:
    """Load ``file`` as ``kind`` and check it; every finding is printed with its path and
    refused (exit code 1) when one is an error (or, ``strict``, any finding at all)."""
    from cchc.formats import load

    kind = _fields.one_of(
        fold(kind),
        "KIND",
        {
            "plan": "kế hoạch",
            "framework": "bộ tiêu chí",
            "campaign": "phong trào thi đua",
            "campaign-inputs": "kết quả chấm điểm của phong trào",
            "score-inputs": "tự đánh giá, thẩm định, điều tra",
            "status-updates": "cập nhật tiến độ",
        },
    )
    value = load(file, kind)
    findings: Sequence[Any] = value.findings() if kind in ("plan", "framework", "campaign") else ()
    failing = [f for f in findings if strict or f.severity is Severity.ERROR]
    if failing:
        raise InvalidDocumentError(str(file), findings)
    vi = lang == "vi"
    for f in findings:
        _out(f"  [{f.severity.value}] {f.path}: {f.message_vi if vi else f.message_en}")
    _out(
        f"{file}: hợp lệ ({len(findings)} lưu ý)"
        if vi
        else f"{file}: valid ({len(findings)} notes)"
    )


def __getattr__(name: str) -> Any:
    if name == "app":  # built on first use, so that importing cchc.cli needs no extra
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``cchc`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit
    code: 0 on success, 1 when the input has findings (each printed on standard error with
    its path), 2 on a usage error. Without the ``cli`` extra it says how to install it."""
    try:
        command = _app()
    except MissingExtraError as exc:
        sys.stderr.write(f"cchc: {exc}\ncchc: {exc.message_vi}\n")
        return 1
    try:
        command(args=list(argv) if argv is not None else None, prog_name="cchc")
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
