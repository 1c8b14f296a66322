"""A web service's batch: 3,321 communes' self-assessments of 100 sub-criteria as one JSON body.

The body is what a client sends and :func:`cchc.export.json.to_json` writes: a list of
``{"unit": ..., "entries": [{"code": ..., "value": ..., "evidence": [...], "explanation":
...}]}``, generated from the national benchmark's data (``bench_scoring``: its framework of
100 sub-criteria of every rule kind and a bonus flag, its seeded self-assessments, with
"not applicable" where allowed and evidence cited for one entry in seven). The service's path
is timed from the bytes to a checked :class:`~cchc.scoring.ScoreTable`:

* ``json.loads``: the baseline, parsing the same bytes and nothing else;
* ``from_assessments``: ``json.loads``, then :meth:`ScoreTable.from_assessments
  <cchc.scoring.ScoreTable.from_assessments>` on the parsed list (target: within
  :data:`TARGET` times the baseline);
* ``from_json + from_long``: the path before it, for reference: ``from_json`` into
  :class:`~cchc.scoring.SelfAssessment` objects, flattened by hand into long rows for
  :meth:`ScoreTable.from_long <cchc.scoring.ScoreTable.from_long>`;

and, for scale, scoring and ranking the table once it is read. The tables of both paths must
be equal. The garbage collector stays on, as in a server; each figure is the fastest of
:data:`ROUNDS` rounds taken in turns, so that all meet the same load on a shared machine.
"""

from __future__ import annotations

import json
import os
import time
from decimal import Decimal
from typing import Any

import numpy as np

from benchmarks.bench_scoring import Data, fastest, generate, national_framework
from cchc.criteria import Framework, RuleKind
from cchc.export.json import from_json
from cchc.scoring import ScoreTable, SelfAssessment, rank, score_table

#: from_assessments (bytes to table) within this many times json.loads of the same bytes.
TARGET = 10.0
ROUNDS = 5
EVIDENCE = "Báo cáo số 12/BC-UBND ngày 15/12/2025 của Ủy ban nhân dân xã"


def _value(kind: RuleKind, first: int, second: int) -> str:
    """A cell as a unit writes it: points and measured values as decimals, yes/no, counts,
    ratios and achieved/target pairs."""
    form = kind.input_kind
    if form == "yes_no":
        return "có" if first else "không"
    if form == "ratio":
        return f"{first}/{second}"
    if form == "count":
        return str(first)
    if form == "target":
        achieved = f"{(Decimal(first) / 100).normalize():f}"
        return f"{achieved}/{(Decimal(second) / 100).normalize():f}" if second else achieved
    return str(Decimal(first) / 100)


def body(data: Data) -> bytes:
    """The JSON body of the national batch of self-assessments."""
    units: list[dict[str, Any]] = []
    kinds = dict(zip(data.codes, data.kinds, strict=True))
    for j, unit in enumerate(data.units):
        entries = []
        for i, (code, first) in enumerate(data.self_first.items()):
            na = data.na.get(code)
            if na is not None and na[j]:
                value = "N/A"
            else:
                value = _value(kinds[code], int(first[j]), int(data.self_second[code][j]))
            entries.append(
                {
                    "code": code,
                    "value": value,
                    "evidence": [EVIDENCE] if i % 7 == 0 else [],
                    "explanation": None,
                }
            )
        units.append({"unit": unit, "entries": entries})
    return json.dumps(units, ensure_ascii=False).encode("utf-8")


def read_fast(framework: Framework, raw: bytes) -> ScoreTable:
    """The service's path: parse, then one call."""
    return ScoreTable.from_assessments(framework, json.loads(raw))


def read_before(framework: Framework, raw: bytes) -> ScoreTable:
    """The path before: objects per entry, flattened by hand into long rows."""
    assessments = from_json(raw, list[SelfAssessment])
    rows = [(a.unit, e.code, e.value) for a in assessments for e in a.entries]
    return ScoreTable.from_long(framework, rows, units=[a.unit for a in assessments])


def _same(a: ScoreTable, b: ScoreTable) -> bool:
    arrays = ("first", "second", "given", "na", "source")
    return a.units == b.units and all(np.array_equal(getattr(a, n), getattr(b, n)) for n in arrays)


def run() -> dict[str, Any]:
    """Generate the body, time the three paths, check that the tables agree."""
    framework = national_framework()
    data = generate(framework)
    raw = body(data)
    timed = fastest(
        {
            "loads": (lambda: json.loads(raw), 1),
            "fast": (lambda: read_fast(framework, raw), 1),
        },
        ROUNDS,
    )
    (t_loads, _), (t_fast, table) = timed.values()
    start = time.perf_counter()
    before = read_before(framework, raw)  # slow: once is enough for a reference
    t_before = time.perf_counter() - start
    start = time.perf_counter()
    rank(score_table(table, data.groups))
    t_score = time.perf_counter() - start
    cells = int(table.given.sum())
    return {
        "units": len(table.units),
        "cells": cells,
        "megabytes": len(raw) / 1e6,
        "loads": t_loads,
        "fast": t_fast,
        "before": t_before,
        "score": t_score,
        "ratio": t_fast / t_loads,
        "agree": _same(table, before),
    }


def main() -> int:
    """Print the figures of :func:`run`; 0 if the tables agree and the target is met."""
    load = os.getloadavg()[0]
    r = run()
    print(
        f"{r['units']:,} self-assessments, {r['cells']:,} cells, {r['megabytes']:.1f} MB of "
        f"JSON; fastest of {ROUNDS} rounds (machine load {load:.1f})"
    )
    print(f"  json.loads                       {r['loads'] * 1000:8.0f} ms   (the baseline)")
    ok = r["ratio"] <= TARGET
    print(
        f"  json.loads + from_assessments    {r['fast'] * 1000:8.0f} ms   "
        f"{r['ratio']:5.2f}x json.loads (target <= {TARGET:.0f}x): {'ok' if ok else 'MISSED'}"
    )
    print(
        f"  from_json + from_long (before)   {r['before'] * 1000:8.0f} ms   "
        f"{r['before'] / r['loads']:5.2f}x json.loads (reference, one run)"
    )
    print(f"  scoring and ranking the table    {r['score'] * 1000:8.0f} ms   (for scale)")
    print(f"  both paths give the same table: {'yes' if r['agree'] else 'NO'}")
    return 0 if r["agree"] and ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
