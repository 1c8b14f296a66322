"""Reading free text at scale: :func:`cchc.directives.find_references`,
:func:`cchc.calendar.find_dates` and :func:`cchc.areas.areas_in` on one megabyte of ordinary
Vietnamese prose and on adversarial inputs built to make a backtracking regular expression
slow (runs of digits, slashes, symbol groups, type words, "số", "ngày", "của").

Each time is the fastest of a few runs and is printed beside a baseline measured in the same
run on the same text: a linear scan with ``str.count`` and Unicode normalisation
(``unicodedata.normalize("NFD", text)``), which every reader of the text must at least match.
The checks ask that no reader takes more than ``LIMIT_S`` seconds on any input, which a
quadratic reader would miss by orders of magnitude on a megabyte.

``run()`` returns the figures as a dict; ``python -m benchmarks.bench_text`` prints them.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from typing import Any

from cchc.areas import areas_in
from cchc.calendar import find_dates
from cchc.directives import find_references

SIZE = 1_000_000
REPEAT = 3
LIMIT_S = 5.0

PROSE = (
    "Thực hiện Kế hoạch số 273/KH-UBND ngày 22 tháng 9 năm 2021 của Ủy ban nhân dân tỉnh về "
    "cải cách thủ tục hành chính, chuyển đổi số và cải cách chế độ công vụ; Văn bản số "
    "7946/UBND-NCPCngày 25/11/2021của UBND tỉnh Bắc Kạn; huyện Hoà Vang, xã Thuỷ Xuân. "
)


def inputs() -> dict[str, str]:
    """The texts, each about :data:`SIZE` characters."""

    def fill(piece: str) -> str:
        return (piece * (SIZE // len(piece) + 1))[:SIZE]

    return {
        "prose": fill(PROSE),
        "digits": "1" * SIZE,
        "1/": fill("1/"),
        "12/KH-": fill("12/KH-"),
        "A-": "1/" + fill("A-"),
        "Kế hoạch số": fill("Kế hoạch số "),
        "Quyết định ngày": fill("Quyết định ngày "),
        "của Ab": "1/KH-UBND của " + fill("Ab "),
        "1/1/": fill("1/1/"),
        "tháng": fill("1 tháng 1 tháng "),
        "Luật": fill("Luật Thi đua, khen "),
        "thể chế": fill("thể chế hóa "),
    }


def _best(fn: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def _baseline(text: str) -> None:
    text.count("/")
    unicodedata.normalize("NFD", text)


def run() -> dict[str, Any]:
    """Time each reader on each input, with the baseline on the same input."""
    readers: dict[str, Callable[[str], object]] = {
        "find_references": find_references,
        "find_dates": find_dates,
        "areas_in": areas_in,
    }
    rows: list[dict[str, Any]] = []
    for name, text in inputs().items():
        base = _best(_baseline, text)
        row: dict[str, Any] = {"input": name, "baseline_ms": base * 1000}
        for reader, fn in readers.items():
            seconds = _best(fn, text)
            row[f"{reader}_ms"] = seconds * 1000
            row[f"{reader}_ratio"] = seconds / base if base else float("inf")
        rows.append(row)
    worst = max(row[f"{r}_ms"] for row in rows for r in readers) / 1000
    return {
        "size": SIZE,
        "repeat": REPEAT,
        "rows": rows,
        "worst_s": worst,
        "checks_pass": worst < LIMIT_S,
    }


def main() -> int:
    """Print the figures of :func:`run`; 0 if the checks pass."""
    r = run()
    print(f"{r['size']:,} characters per input; fastest of {r['repeat']} runs")
    print(f"  {'input':<16} {'baseline':>9} {'references':>17} {'dates':>17} {'areas':>17}")
    for row in r["rows"]:
        cells = [
            f"{row[f'{k}_ms']:7.1f} ms {row[f'{k}_ratio']:5.0f}x"
            for k in ("find_references", "find_dates", "areas_in")
        ]
        print(f"  {row['input']:<16} {row['baseline_ms']:6.1f} ms " + " ".join(cells))
    print(f"  slowest reader on any input: {r['worst_s']:.2f} s (limit {LIMIT_S} s)")
    print(f"  checks: {'pass' if r['checks_pass'] else 'FAIL'}")
    return 0 if r["checks_pass"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
