"""Untrusted input in linear time and bounded memory: every reader that takes text, numbers,
files or JSON, on adversarial inputs of 64 KB and of one megabyte.

For each reader and input the benchmark reports:

- ``growth``: the time on 1 MB over the time on 64 KB (the same pattern, sixteen times
  longer). A linear reader gives about 16, a quadratic one 256: the gap is wide enough that a
  busy machine, which can move a single ratio by a factor of two, cannot hide the difference.
  Target: at most :data:`GROWTH_LIMIT`.
- ``vs baseline``: the time on 1 MB over a baseline measured in the same run on the same text,
  a linear scan (``str.count`` and Unicode NFD normalisation), so that the figure does not
  depend on how fast or busy the machine is. Reported, not checked: readers do more than a
  scan, and refusing early can be faster than it.
- ranking 16,000 units that all tie (blank submissions) against 1,000: the same growth
  target, since a tie is recorded once per run, not once per pair.
- ``peak``: the peak memory traced while reading 1 MB, over the input's own size in UTF-8.
  Target: at most :data:`MEMORY_LIMIT` times the input, and growing no faster than the input
  (the peak on 1 MB over the peak on 64 KB at most :data:`GROWTH_LIMIT`). Python's strings
  and the pieces a reader splits text into cost tens of bytes a character; what matters is
  that the figure stays flat as the input grows.

A reader may answer or refuse (a :class:`~cchc.errors.CchcError`); both count, anything else
fails the check. ``run()`` returns the figures; ``python -m benchmarks untrusted`` prints them.
"""

from __future__ import annotations

import contextlib
import os
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from typing import Any

from cchc import examples as cchc_examples
from cchc.areas import ReformArea, areas_in
from cchc.calendar import find_dates, parse_date
from cchc.criteria import load_bundled, parse_framework
from cchc.directives import DocumentNumber, find_references
from cchc.errors import CchcError
from cchc.export.json import from_json
from cchc.scoring import ScoreTable, rank, score_table
from cchc.text import fold
from cchc.units import UnitKind

SMALL = 64_000
LARGE = 16 * SMALL
REPEAT = 5
#: Twice what a linear reader gives for sixteen times the input.
GROWTH_LIMIT = 32.0
MEMORY_LIMIT = 100.0
#: Below this time on 64 KB the timer's and the machine's noise decide the growth ratio; such a
#: reader is judged instead on its time for 1 MB, which must stay within what a linear reader
#: starting from this floor would take (``GROWTH_LIMIT`` times it): a quadratic reader cannot.
NOISE_S = 0.02

#: The adversarial patterns: tone-mark runs, runs of combining marks, marks of other scripts,
#: nesting, dotted keys, digits, separators.
PATTERNS: dict[str, str] = {
    "tone runs": "ủ",
    "mark runs": "a" + "\u0301\u0323\u0300" * 5,
    "mixed marks": "Hòa\u05b0 Bình\u0301\u0301 ",
    "prose": "Cải cách thủ tục hành chính, Hoà Vang, Thuỷ Xuân. ",
    "digits": "1",
    "nesting [": "[",
    "nesting {": '{"a":',
    "dotted key": "a.",
    "number text": "9",
    "date text": "1/1/",
}


def _fill(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _calls() -> dict[str, Callable[[str], object]]:
    return {
        "fold": fold,
        "areas_in": areas_in,
        "ReformArea.from_text": ReformArea.from_text,
        "UnitKind.from_text": UnitKind.from_text,
        "find_references": find_references,
        "find_dates": find_dates,
        "parse_date": parse_date,
        "DocumentNumber.parse": DocumentNumber.parse,
        "parse_framework": parse_framework,
        "examples.loads": cchc_examples.loads,
        "from_json": lambda text: from_json(text, dict[str, Any]),
    }


def _once(fn: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(CchcError):
        fn(text)
    return time.perf_counter() - start


def _best(fn: Callable[[str], object], text: str) -> float:
    return min(_once(fn, text) for _ in range(REPEAT))


def _baseline(text: str) -> None:
    text.count("/")
    unicodedata.normalize("NFD", text)


def _peak(fn: Callable[[str], object], text: str) -> int:
    tracemalloc.start()
    try:
        _once(fn, text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


#: Blank submissions: every unit scores 0 and ties with every other.
TIED_UNITS = 1_000


def _tied_ranking(units: int) -> float:
    framework = load_bundled("cchc-campaign-6")
    result = score_table(ScoreTable.empty(framework, [f"X{i:05d}" for i in range(units)]))

    def ranked(_: str) -> object:
        return rank(result).rows()

    return _best(ranked, "")


def run() -> dict[str, Any]:
    """Measure every reader on every pattern at both sizes, and ranking a run of ties."""
    rows: list[dict[str, Any]] = []
    escaped: list[str] = []
    t_small, t_large = _tied_ranking(TIED_UNITS), _tied_ranking(16 * TIED_UNITS)
    rows.append(
        {
            "reader": "rank, all tied",
            "pattern": f"{16 * TIED_UNITS:,} units",
            "large_ms": t_large * 1000,
            "growth": t_large / t_small,
            "judged": t_small >= NOISE_S,
            "linear": t_large / t_small <= GROWTH_LIMIT
            if t_small >= NOISE_S
            else t_large <= GROWTH_LIMIT * NOISE_S,
            "vs_baseline": float("nan"),
            "memory": 0.0,
            "memory_growth": 1.0,
        }
    )
    for pattern, piece in PATTERNS.items():
        small, large = _fill(piece, SMALL), _fill(piece, LARGE)
        base = _best(_baseline, large)
        for name, fn in _calls().items():
            try:
                t_small, t_large = _best(fn, small), _best(fn, large)
                peak_small, peak = _peak(fn, small), _peak(fn, large)
            except Exception as exc:  # anything but a CchcError breaks the promise
                escaped.append(f"{name} on {pattern}: {type(exc).__name__}")
                continue
            rows.append(
                {
                    "reader": name,
                    "pattern": pattern,
                    "large_ms": t_large * 1000,
                    "growth": t_large / t_small,
                    "judged": t_small >= NOISE_S,
                    "linear": t_large / t_small <= GROWTH_LIMIT
                    if t_small >= NOISE_S
                    else t_large <= GROWTH_LIMIT * NOISE_S,
                    "vs_baseline": t_large / base if base else float("inf"),
                    "memory": peak / len(large.encode("utf-8")),
                    "memory_growth": peak / peak_small if peak_small else 1.0,
                }
            )
    worst_growth = max(r["growth"] for r in rows if r["judged"])
    not_linear = [f"{r['reader']} on {r['pattern']}" for r in rows if not r["linear"]]
    worst_memory = max(r["memory"] for r in rows)
    worst_memory_growth = max(r["memory_growth"] for r in rows)
    return {
        "rows": rows,
        "escaped": escaped,
        "worst_growth": worst_growth,
        "worst_memory": worst_memory,
        "worst_memory_growth": worst_memory_growth,
        "not_linear": not_linear,
        "checks_pass": not escaped
        and not not_linear
        and worst_memory <= MEMORY_LIMIT
        and worst_memory_growth <= GROWTH_LIMIT,
    }


def main() -> int:
    """Print the figures of :func:`run`; 0 if the checks pass."""
    before = os.getloadavg()[0]
    r = run()
    print(f"{SMALL:,} and {LARGE:,} characters per input; fastest of {REPEAT} runs")
    after = os.getloadavg()[0]
    print(f"  machine load (1-minute average) before / after: {before:.1f} / {after:.1f}")
    print(
        f"  {'reader':<22} {'pattern':<12} {'1 MB':>9} {'growth':>8} {'vs base':>8} "
        f"{'memory':>7} {'mem growth':>10}"
    )
    for row in r["rows"]:
        base = "-" if row["vs_baseline"] != row["vs_baseline"] else f"{row['vs_baseline']:.0f}x"
        print(
            f"  {row['reader']:<22} {row['pattern']:<12} {row['large_ms']:7.1f}ms "
            f"{row['growth']:6.1f}x{' ' if row['judged'] else '*'}{base:>8} "
            f"{row['memory']:6.1f}x {row['memory_growth']:9.1f}x"
        )
    print(
        f"  * under {NOISE_S * 1000:.0f} ms on 64 KB: growth not judged (noise); 1 MB must take "
        f"at most {GROWTH_LIMIT * NOISE_S * 1000:.0f} ms instead"
    )
    print(
        f"  worst judged growth 64 KB -> 1 MB: {r['worst_growth']:.1f}x "
        f"(linear: 16x; target <= {GROWTH_LIMIT:.0f}x)"
    )
    for line in r["not_linear"]:
        print(f"  NOT LINEAR: {line}")
    print(f"  worst peak memory: {r['worst_memory']:.1f}x the input (target <= {MEMORY_LIMIT}x)")
    print(
        f"  worst peak memory growth 64 KB -> 1 MB: {r['worst_memory_growth']:.1f}x "
        f"(target <= {GROWTH_LIMIT}x)"
    )
    for line in r["escaped"]:
        print(f"  ESCAPED: {line}")
    print(f"  checks: {'pass' if r['checks_pass'] else 'FAIL'}")
    return 0 if r["checks_pass"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
