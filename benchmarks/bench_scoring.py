"""National-scale scoring: 3,321 communes in 34 provincial groups, 100 sub-criteria.

A seeded generator builds a PAR-style framework (8 fields, 40 criteria, 100 sub-criteria of
every rule kind, some that may be declared not applicable) and the inputs of a national
campaign: each commune's self-assessment, the appraisal councils' changes to about 5 % of the
cells, and survey results. The same data are then scored end to end (points, totals, index,
bands, ranks within provinces) three ways in one process:

* ``engine``: ``cchc`` (validated inputs, stages, value types out);
* ``numpy``: the floor, the same integer arithmetic written directly on the arrays, with no
  checks and no objects;
* ``pandas``: the pipeline an analyst would write (melt, merge, groupby, rank).

All three must agree exactly on every commune's points, maximum, band and rank.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from cchc.areas import PAR_INDEX_FIELDS
from cchc.criteria import Band, Criterion, Framework, Level, Rule, RuleKind
from cchc.scoring import ScoreTable, Source, rank, score_table

N_UNITS = 3321
N_GROUPS = 34
SEED = 20250701
ROUNDS = 10

I64 = npt.NDArray[np.int64]
KINDS = (
    RuleKind.MANUAL,
    RuleKind.YES_NO,
    RuleKind.BANDED,
    RuleKind.PROPORTIONAL,
    RuleKind.DEDUCTION,
    RuleKind.BONUS,
    RuleKind.SURVEY,
)
BAND_EDGES = ((90, "A"), (80, "B"), (70, "C"), (50, "D"), (0, "E"))


def national_framework() -> Framework:
    """8 fields x 5 criteria; 100 sub-criteria worth 1 point each, rule kinds in turn."""
    fields = []
    leaf = 0
    for f, area in enumerate(PAR_INDEX_FIELDS):
        criteria = []
        for c in range(5):
            number = f * 5 + c
            leaves = []
            for s in range(3 if number < 20 else 2):
                kind = KINDS[leaf % len(KINDS)]
                rule = {
                    RuleKind.MANUAL: Rule.manual("0.25"),
                    RuleKind.YES_NO: Rule.yes_no(),
                    RuleKind.BANDED: Rule.banded(
                        [
                            Level(1, lower=90),
                            Level("0.5", lower=70, upper=90),
                            Level(0, upper=70),
                        ]
                    ),
                    RuleKind.PROPORTIONAL: Rule.proportional(),
                    RuleKind.DEDUCTION: Rule.deduction("0.25"),
                    RuleKind.BONUS: Rule.bonus("0.5"),
                    RuleKind.SURVEY: Rule.survey(100),
                }[kind]
                leaves.append(
                    Criterion(
                        f"{f + 1}.{c + 1}.{s + 1}",
                        f"Tiêu chí thành phần {leaf + 1}",
                        Decimal(1),
                        rule=rule,
                        not_applicable_allowed=leaf % 17 == 3,
                        lead_unit=f"Sở {c + 1}",
                    )
                )
                leaf += 1
            criteria.append(
                Criterion(
                    f"{f + 1}.{c + 1}",
                    f"Tiêu chí {number + 1}",
                    Decimal(len(leaves)),
                    children=leaves,
                )
            )
        fields.append(
            Criterion(
                str(f + 1),
                area.vi,
                sum((c.maximum for c in criteria), Decimal(0)),
                children=criteria,
                area=area,
            )
        )
    bands = []
    upper = 100
    for lower, label in BAND_EDGES:
        bands.append(Band(label, lower, upper, upper_inclusive=upper == 100))
        upper = lower
    return Framework(
        "national-benchmark",
        "Bộ chỉ số CCHC cấp xã (sinh ngẫu nhiên cho đo hiệu năng)",
        fields,
        applies_to=["xa", "phuong", "dac-khu"],
        bands=bands,
        illustrative=True,
    )


@dataclass
class Data:
    """One generated national campaign."""

    units: list[str]
    groups: dict[str, str]
    group_index: I64
    codes: list[str]
    kinds: list[RuleKind]
    self_first: dict[str, I64]
    self_second: dict[str, I64]
    na: dict[str, npt.NDArray[np.bool_]]
    appraisal_first: dict[str, I64]
    appraisal_second: dict[str, I64]
    appraisal_present: dict[str, npt.NDArray[np.bool_]]
    survey: dict[str, I64]


def _values(rng: np.random.Generator, kind: RuleKind, n: int) -> tuple[I64, I64]:
    zeros = np.zeros(n, dtype=np.int64)
    if kind is RuleKind.MANUAL:
        return rng.integers(0, 5, n) * 25, zeros
    if kind is RuleKind.YES_NO:
        return rng.integers(0, 2, n), zeros
    if kind in (RuleKind.BANDED, RuleKind.SURVEY):
        return rng.integers(5000, 10001, n), zeros
    if kind is RuleKind.PROPORTIONAL:
        den = rng.integers(0, 200, n)
        num = np.floor(rng.random(n) * (den + 1)).astype(np.int64)
        return num, den
    if kind is RuleKind.DEDUCTION:
        return rng.poisson(1.0, n).astype(np.int64), zeros
    return rng.integers(0, 4, n), zeros  # BONUS


def generate(framework: Framework, seed: int = SEED, n: int = N_UNITS) -> Data:
    """A national campaign's inputs, the same for every seed."""
    rng = np.random.default_rng(seed)
    units = [f"XA-{i:04d}" for i in range(n)]
    group_index = rng.permutation(np.arange(n) % N_GROUPS).astype(np.int64)
    groups = {u: f"T{int(g) + 1:02d}" for u, g in zip(units, group_index, strict=True)}
    data = Data(units, groups, group_index, [], [], {}, {}, {}, {}, {}, {}, {})
    for node in framework.leaves():
        kind = node.effective_rule.kind
        data.codes.append(node.code)
        data.kinds.append(kind)
        if kind is RuleKind.SURVEY:
            data.survey[node.code] = _values(rng, kind, n)[0]
            continue
        data.self_first[node.code], data.self_second[node.code] = _values(rng, kind, n)
        if node.not_applicable_allowed:
            data.na[node.code] = rng.random(n) < 0.03
        first, second = _values(rng, kind, n)
        data.appraisal_first[node.code] = first
        data.appraisal_second[node.code] = second
        data.appraisal_present[node.code] = rng.random(n) < 0.05
    return data


Outcome = tuple[list[int], list[int], list[str], list[int]]  # points, maximum, band, rank


# ------------------------------------------------------------------------------- the engine


def run_engine(framework: Framework, data: Data) -> Outcome:
    """Score with ``cchc``: validated tables, stages overlaid, ranking as value types."""
    columns: dict[str, Any] = {
        code: (data.self_first[code], data.self_second[code])
        if data.kinds[i] is RuleKind.PROPORTIONAL
        else data.self_first[code]
        for i, code in enumerate(data.codes)
        if code in data.self_first
    }
    appraisal: dict[str, Any] = {
        code: (data.appraisal_first[code], data.appraisal_second[code])
        if data.kinds[i] is RuleKind.PROPORTIONAL
        else data.appraisal_first[code]
        for i, code in enumerate(data.codes)
        if code in data.appraisal_first
    }
    own = ScoreTable.from_arrays(framework, data.units, columns, not_applicable=data.na)
    appraised = own.updated(appraisal, present=data.appraisal_present, stage=Source.APPRAISAL)
    final = appraised.updated(data.survey, stage=Source.SURVEY)
    result = score_table(final)
    ranking = rank(result, data.groups)
    total, top = result.totals()
    labels = [band.label for band in framework.bands]
    return (
        total.tolist(),
        top.tolist(),
        [labels[b] if b >= 0 else "" for b in result.band_of.tolist()],
        ranking.ranks.tolist(),
    )


# ------------------------------------------------------------------------------ NumPy floor


def run_numpy(data: Data) -> Outcome:
    """The same arithmetic on the raw arrays: no checks, no objects (the floor)."""
    n = len(data.units)
    total = np.zeros(n, dtype=np.int64)
    top = np.zeros(n, dtype=np.int64)
    m = 100  # every sub-criterion is worth 1.00 point
    for i, code in enumerate(data.codes):
        kind = data.kinds[i]
        if kind is RuleKind.SURVEY:
            v = data.survey[code]
            total += (2 * m * v + 10000) // 20000
            top += m
            continue
        present = data.appraisal_present[code]
        a = np.where(present, data.appraisal_first[code], data.self_first[code])
        b = np.where(present, data.appraisal_second[code], data.self_second[code])
        if kind is RuleKind.MANUAL:
            p = a
        elif kind is RuleKind.YES_NO:
            p = a * m
        elif kind is RuleKind.BANDED:
            p = np.where(a >= 9000, 100, np.where(a >= 7000, 50, 0))
        elif kind is RuleKind.PROPORTIONAL:
            p = np.where(b == 0, m, (2 * m * a + b) // np.maximum(2 * b, 1))
        elif kind is RuleKind.DEDUCTION:
            p = np.maximum(m - a * 25, 0)
        else:
            p = np.minimum(a * 50, m)
        na = data.na.get(code)
        if na is not None:
            na = na & ~present  # the council's value overrides a "not applicable"
        if na is None:
            total += p
            top += m
        else:
            total += np.where(na, 0, p)
            top += np.where(na, 0, m)
    band = np.full(n, "E", dtype=object)
    for lower, label in reversed(BAND_EDGES[:-1]):
        band[total * 100 >= lower * top] = label
    k = int(top.max()) ** 2
    key = total * k // top
    order = np.lexsort((-key, data.group_index))
    g, kk = data.group_index[order], key[order]
    start = np.r_[True, g[1:] != g[:-1]]
    new = start | np.r_[True, kk[1:] != kk[:-1]]
    position = np.arange(n)
    group_start = np.maximum.accumulate(np.where(start, position, 0))
    run_start = np.maximum.accumulate(np.where(new, position, 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = run_start - group_start + 1
    return total.tolist(), top.tolist(), band.tolist(), ranks.tolist()


# ------------------------------------------------------------------------- pandas pipeline


@dataclass
class Frames:
    """The tables an analyst would load: wide sheets and a long appraisal list."""

    self_wide: pd.DataFrame
    den_wide: pd.DataFrame
    na_wide: pd.DataFrame
    survey_wide: pd.DataFrame
    appraisal_long: pd.DataFrame
    criteria: pd.DataFrame
    groups: pd.DataFrame


def frames(data: Data) -> Frames:
    """Lay the generated data out as an analyst receives it (not timed)."""
    prop = [c for c, k in zip(data.codes, data.kinds, strict=True) if k is RuleKind.PROPORTIONAL]
    rows = []
    for code in data.appraisal_first:
        present = data.appraisal_present[code]
        idx = np.flatnonzero(present)
        rows.append(
            pd.DataFrame(
                {
                    "unit": np.asarray(data.units)[idx],
                    "criterion": code,
                    "value_a": data.appraisal_first[code][idx],
                    "den_a": data.appraisal_second[code][idx],
                }
            )
        )
    kind_names = [k.value for k in data.kinds]
    return Frames(
        pd.DataFrame({"unit": data.units, **data.self_first}),
        pd.DataFrame({"unit": data.units, **{c: data.self_second[c] for c in prop}}),
        pd.DataFrame({"unit": data.units, **data.na}),
        pd.DataFrame({"unit": data.units, **data.survey}),
        pd.concat(rows, ignore_index=True),
        pd.DataFrame({"criterion": data.codes, "kind": kind_names, "maximum": 100}),
        pd.DataFrame({"unit": data.units, "group": [data.groups[u] for u in data.units]}),
    )


def run_pandas(f: Frames) -> Outcome:
    """Melt, merge, compute by kind, group, rank: the notebook version."""
    keys = ["unit", "criterion"]
    long = f.self_wide.melt(id_vars="unit", var_name="criterion", value_name="value")
    den = f.den_wide.melt(id_vars="unit", var_name="criterion", value_name="den")
    na = f.na_wide.melt(id_vars="unit", var_name="criterion", value_name="na")
    long = long.merge(den, on=keys, how="left").merge(na, on=keys, how="left")
    long = long.merge(f.appraisal_long, on=keys, how="left")
    changed = long["value_a"].notna()
    long["value"] = long["value"].where(~changed, long["value_a"]).astype("int64")
    long["den"] = long["den"].where(~changed, long["den_a"]).fillna(0).astype("int64")
    survey = f.survey_wide.melt(id_vars="unit", var_name="criterion", value_name="value")
    survey["den"] = 0
    long["changed"] = changed
    survey["changed"] = False
    long = pd.concat([long[["unit", "criterion", "value", "den", "na", "changed"]], survey])
    long["na"] = long["na"].astype("boolean").fillna(False).astype(bool)
    long["na"] &= ~long["changed"].astype(bool)
    long = long.merge(f.criteria, on="criterion", how="left")
    v, d, m, kind = long["value"], long["den"], long["maximum"], long["kind"]
    points = np.select(
        [
            kind == "manual",
            kind == "yes_no",
            kind == "banded",
            kind == "proportional",
            kind == "deduction",
            kind == "bonus",
            kind == "survey",
        ],
        [
            v,
            v * m,
            np.where(v >= 9000, 100, np.where(v >= 7000, 50, 0)),
            np.where(d == 0, m, (2 * m * v + d) // np.maximum(2 * d, 1)),
            np.maximum(m - v * 25, 0),
            np.minimum(v * 50, m),
            (2 * m * v + 10000) // 20000,
        ],
        0,
    )
    long["points"] = np.where(long["na"], 0, points)
    long["max"] = np.where(long["na"], 0, m)
    units = long.groupby("unit", sort=False)[["points", "max"]].sum().reset_index()
    units = units.merge(f.groups, on="unit")
    units["index"] = units["points"] * 100 / units["max"]
    units["band"] = pd.cut(
        units["index"],
        bins=[-np.inf, 50, 70, 80, 90, np.inf],
        right=False,
        labels=["E", "D", "C", "B", "A"],
    ).astype(str)
    units["rank"] = units.groupby("group")["index"].rank(method="min", ascending=False)
    units = units.set_index("unit").loc[f.self_wide["unit"]]
    return (
        units["points"].astype(int).tolist(),
        units["max"].astype(int).tolist(),
        units["band"].tolist(),
        units["rank"].astype(int).tolist(),
    )


# --------------------------------------------------------------------------------- harness


def _time(runs: dict[str, tuple[Callable[[], Outcome], int]]) -> dict[str, tuple[float, Outcome]]:
    """Time each way in ROUNDS rounds, taking turns so that all three meet the same load on a
    shared machine; within a round each way runs its given number of times back to back (as
    ``timeit`` does). Keep each one's fastest run: slower runs measure the neighbours."""
    best: dict[str, float] = dict.fromkeys(runs, float("inf"))
    outcome: dict[str, Outcome] = {}
    for _ in range(ROUNDS):
        for name, (fn, times) in runs.items():
            for _ in range(times):
                start = time.perf_counter()
                outcome[name] = fn()
                best[name] = min(best[name], time.perf_counter() - start)
    return {name: (best[name], outcome[name]) for name in runs}


def _peak(fn: Callable[[], Outcome]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    """Generate, run the three ways, check agreement, print figures; 0 if all agree."""
    framework = national_framework()
    data = generate(framework)
    tables = frames(data)
    print(
        f"{len(data.units)} units in {N_GROUPS} groups, {len(data.codes)} sub-criteria, "
        f"fastest run of each in {ROUNDS} rounds"
    )
    timed = _time(
        {
            "engine": (lambda: run_engine(framework, data), 3),
            "numpy": (lambda: run_numpy(data), 3),
            "pandas": (lambda: run_pandas(tables), 1),
        }
    )
    (t_engine, engine), (t_numpy, floor), (t_pandas, analyst) = timed.values()
    agree = engine == floor == analyst
    m_engine = _peak(lambda: run_engine(framework, data))
    m_numpy = _peak(lambda: run_numpy(data))
    m_pandas = _peak(lambda: run_pandas(tables))
    print(f"  engine  {t_engine * 1000:8.1f} ms   peak {m_engine:6.1f} MB")
    print(f"  numpy   {t_numpy * 1000:8.1f} ms   peak {m_numpy:6.1f} MB")
    print(f"  pandas  {t_pandas * 1000:8.1f} ms   peak {m_pandas:6.1f} MB")
    print(f"  engine / numpy floor: {t_engine / t_numpy:5.2f}x (aim: within 5x)")
    print(f"  pandas / engine:      {t_pandas / t_engine:5.2f}x (aim: at least 5x)")
    print(f"  all three agree exactly: {'yes' if agree else 'NO'}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"  process peak resident memory (all three, pandas included): {rss:.0f} MB")
    if not agree:
        parts = ("points", "maximum", "band", "rank")
        for name, other in (("numpy", floor), ("pandas", analyst)):
            for p, part in enumerate(parts):
                mine: list[Any] = list(engine[p])
                theirs: list[Any] = list(other[p])
                bad = [i for i, (x, y) in enumerate(zip(mine, theirs, strict=True)) if x != y]
                if bad:
                    i = bad[0]
                    unit = data.units[i]
                    example = f"{unit}: {mine[i]} vs {theirs[i]}"
                    print(f"  {name} {part}: {len(bad)} differ, e.g. {example}")
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
