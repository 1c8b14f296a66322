"""National-scale scoring: 3,321 communes in 34 provincial groups, 100 sub-criteria and a bonus.

A seeded generator builds a PAR-style framework (8 fields, 40 criteria, 100 sub-criteria of
every rule kind, some that may be declared not applicable; one of them scored against each
commune's assigned target and the leader of its province, định lượng theo chỉ tiêu giao; and a
bonus field outside the 100-point scale, an emulation flag worth 5 points) and the inputs of a
national campaign: each commune's self-assessment, the appraisal councils' changes to about 5 %
of the cells, and survey results. The same data are then scored end to end (points, totals,
index, bands, ranks within provinces) three ways in one process:

* ``engine``: ``cchc`` (validated inputs, stages, the group step, value types out);
* ``numpy``: the floor, the same integer arithmetic written directly on the arrays, with no
  checks and no objects (the group's leader found by cross-multiplying excess shares);
* ``pandas``: the pipeline an analyst would write (melt, merge, groupby, rank), with exact
  fractions for the target-relative criterion.

All three must agree exactly on every commune's points, maximum, index, band and rank, and on
its points for the target-relative criterion and the bonus.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from cchc.areas import PAR_INDEX_FIELDS
from cchc.criteria import Band, Criterion, Extra, Framework, Level, Rule, RuleKind
from cchc.scoring import ScoreTable, Source, rank, score_table

if TYPE_CHECKING:
    import pandas as pd  # only for this way: the memory benchmark imports this module

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
TARGET_LEAF = 54  # the sub-criterion scored against targets (it may be declared not applicable)
BONUS = 5  # points of the emulation flag, outside the 100-point scale
INDEX_TOP = 100 + BONUS  # the top band reaches the highest index a unit can have
PAIRS = (RuleKind.PROPORTIONAL, RuleKind.TARGET_RELATIVE)  # kinds reported as two numbers


def _rule(kind: RuleKind) -> Rule:
    if kind is RuleKind.BANDED:
        return Rule.banded(
            [Level(1, lower=90), Level("0.5", lower=70, upper=90), Level(0, upper=70)]
        )
    return {
        RuleKind.MANUAL: Rule.manual("0.25"),
        RuleKind.YES_NO: Rule.yes_no(),
        RuleKind.PROPORTIONAL: Rule.proportional(),
        RuleKind.DEDUCTION: Rule.deduction("0.25"),
        RuleKind.BONUS: Rule.bonus("0.5"),
        RuleKind.SURVEY: Rule.survey(100),
        RuleKind.TARGET_RELATIVE: Rule.target_relative(),  # ½ at the target, as published
    }[kind]


def national_framework(sub_criteria: int = 100) -> Framework:
    """8 fields x 5 criteria; 100 sub-criteria worth 1 point each, rule kinds in turn, one
    of them target-relative; and a bonus field (a 5-point emulation flag) outside the scale.
    With more ``sub_criteria`` (for the benchmarks of larger frameworks), each field has more
    criteria of two sub-criteria each after its first five."""
    fields = []
    leaf = 0
    more = sub_criteria - 100
    for f, area in enumerate(PAR_INDEX_FIELDS):
        criteria = []
        extra = more // 8 + (1 if f < more % 8 else 0)
        sizes = [3 if f * 5 + c < 20 else 2 for c in range(5)]
        sizes += [2] * (extra // 2) + [1] * (extra % 2)
        for c, size in enumerate(sizes):
            number = f * 5 + c
            leaves = []
            for s in range(size):
                kind = KINDS[leaf % len(KINDS)]
                if leaf == TARGET_LEAF:
                    kind = RuleKind.TARGET_RELATIVE
                rule = _rule(kind)
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
    flag = Criterion(
        "9.1", "Cờ thi đua của Chính phủ hoặc của tỉnh", Decimal(BONUS), rule=Rule.yes_no()
    )
    fields.append(Criterion("9", "Điểm thưởng", Decimal(BONUS), children=[flag], extra="bonus"))
    bands = []
    upper = INDEX_TOP
    for lower, label in BAND_EDGES:
        bands.append(Band(label, lower, upper, upper_inclusive=upper == INDEX_TOP))
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
    maxima: list[int]  # each sub-criterion's maximum, in hundredths
    extra: list[bool]  # outside the scale (the bonus)
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
    if kind is RuleKind.TARGET_RELATIVE:
        # targets of 100 to 5,000 whole units, in hundredths; half the communes achieve 50 %
        # to 170 % of theirs in 5 % steps (so a province's leaders tie, with different
        # targets), the others anything from 60 % to 160 % of it; about 10 % have no target
        target = rng.integers(100, 5001, n) * 100
        steps = target * rng.integers(10, 35, n) // 20
        anything = rng.integers(target * 6 // 10, target * 16 // 10 + 1)
        achieved = np.where(rng.random(n) < 0.5, steps, anything)
        return achieved, np.where(rng.random(n) < 0.1, 0, target)
    return rng.integers(0, 4, n), zeros  # BONUS


def generate(
    framework: Framework, seed: int = SEED, n: int = N_UNITS, *, compact: bool = False
) -> Data:
    """A national campaign's inputs, the same for every seed. ``compact``: the same numbers
    held as a caller reading sheets into the smallest type that fits would hold them (for the
    memory benchmark): 32-bit integers in one block of rows per input, and one shared column
    of zeros for every criterion without second numbers."""
    rng = np.random.default_rng(seed)
    units = [f"XA-{i:04d}" for i in range(n)]
    group_index = rng.permutation(np.arange(n) % N_GROUPS).astype(np.int64)
    groups = {u: f"T{int(g) + 1:02d}" for u, g in zip(units, group_index, strict=True)}
    data = Data(units, groups, group_index, [], [], [], [], {}, {}, {}, {}, {}, {}, {})
    extra = {
        leaf.code
        for top in framework.criteria
        if top.extra is not Extra.BASE
        for leaf in top.leaves()
    }
    keep = _Compact(framework, n) if compact else None
    for node in framework.leaves():
        kind = node.effective_rule.kind
        data.codes.append(node.code)
        data.kinds.append(kind)
        data.maxima.append(int(node.maximum * 100))
        data.extra.append(node.code in extra)
        if kind is RuleKind.SURVEY:
            data.survey[node.code] = _values(rng, kind, n)[0]
        else:
            if node.code in extra:  # about 15 % of the communes hold the flag
                zeros = np.zeros(n, dtype=np.int64)
                data.self_first[node.code] = (rng.random(n) < 0.15).astype(np.int64)
                data.self_second[node.code] = zeros
            else:
                data.self_first[node.code], data.self_second[node.code] = _values(rng, kind, n)
            if node.not_applicable_allowed:
                data.na[node.code] = rng.random(n) < 0.03
            first, second = _values(rng, kind, n)
            data.appraisal_first[node.code] = first
            data.appraisal_second[node.code] = second
            data.appraisal_present[node.code] = rng.random(n) < 0.05
        if keep is not None:
            keep(data, node.code)
    return data


class _Compact:
    """Moves each criterion's generated numbers into rows of 32-bit blocks (checked to fit),
    so that the inputs are held as compactly as a careful caller would hold them."""

    def __init__(self, framework: Framework, n: int):
        count = len(framework.leaves())
        self.blocks: dict[str, npt.NDArray[np.int32]] = {}
        self.used: dict[str, int] = {}
        self.count, self.n = count, n
        self.zeros = np.zeros(n, dtype=np.int32)
        self.zeros.flags.writeable = False

    def row(self, name: str, values: npt.NDArray[Any]) -> npt.NDArray[np.int32]:
        if not values.any():
            return self.zeros  # shared: a criterion without second numbers
        info = np.iinfo(np.int32)
        assert info.min <= int(values.min())
        assert int(values.max()) <= info.max
        block = self.blocks.get(name)
        if block is None:
            block = self.blocks[name] = np.empty((self.count, self.n), dtype=np.int32)
        k = self.used.get(name, 0)
        self.used[name] = k + 1
        block[k] = values
        row: npt.NDArray[np.int32] = block[k]
        return row

    def __call__(self, data: Data, code: str) -> None:
        for name, kept in (
            ("survey", data.survey),
            ("self_first", data.self_first),
            ("self_second", data.self_second),
            ("appraisal_first", data.appraisal_first),
            ("appraisal_second", data.appraisal_second),
        ):
            if code in kept:
                kept[code] = self.row(name, kept[code])  # type: ignore[assignment]


#: What each way finds for every commune, in unit order: points (base plus bonus), maximum,
#: index (points / maximum × 100 in lowest terms), band, rank within its province, and its
#: points for the target-relative criterion and for the bonus.
PARTS = (
    "points",
    "maximum",
    "index numerator",
    "index denominator",
    "band",
    "rank",
    "target-relative points",
    "bonus",
)
Outcome = tuple[
    list[int], list[int], list[int], list[int], list[str], list[int], list[int], list[int]
]


def _index(total: I64, top: I64) -> tuple[list[int], list[int]]:
    """points / maximum × 100 in lowest terms: numerators and denominators."""
    hundred = total * 100
    common = np.gcd(hundred, top)
    return (hundred // common).tolist(), (top // common).tolist()


# ------------------------------------------------------------------------------- the engine


def engine_table(framework: Framework, data: Data) -> ScoreTable:
    """The final table: the self-assessment, the council's changes over it, the survey."""

    def columns(first: dict[str, I64], second: dict[str, I64]) -> dict[str, Any]:
        return {
            code: (first[code], second[code]) if data.kinds[i] in PAIRS else first[code]
            for i, code in enumerate(data.codes)
            if code in first
        }

    # one name for the table as it goes through the stages: each stage's table is let go as
    # soon as the next one is made (at national scale x 16 a table is ~400 MB)
    table = ScoreTable.from_arrays(
        framework,
        data.units,
        columns(data.self_first, data.self_second),
        not_applicable=data.na,
    )
    table = table.updated(
        columns(data.appraisal_first, data.appraisal_second),
        present=data.appraisal_present,
        stage=Source.APPRAISAL,
    )
    return table.updated(data.survey, stage=Source.SURVEY)


def run_engine(framework: Framework, data: Data) -> Outcome:
    """Score with ``cchc``: validated tables, stages overlaid, the target-relative criterion
    scored province by province, ranking as value types."""
    result = score_table(engine_table(framework, data), data.groups)
    ranking = rank(result, data.groups)
    total, top = result.totals()
    labels = [band.label for band in framework.bands]
    codes = result.codes
    return (
        total.tolist(),
        top.tolist(),
        *_index(total, top),
        [labels[b] if b >= 0 else "" for b in result.band_of.tolist()],
        ranking.ranks.tolist(),
        result.node_points(codes.index(data.codes[TARGET_LEAF])).tolist(),
        result.node_points(codes.index("9")).tolist(),
    )


def engine_group_step(framework: Framework, data: Data) -> Callable[[], I64]:
    """The engine's group step alone, as ``score_table`` runs it on the final table: the
    target-relative rule over its column, with each commune's province and whether it counts
    (reported, not declared not applicable)."""
    final = engine_table(framework, data)
    leaf = TARGET_LEAF
    rule = framework.leaves()[leaf].effective_rule
    first, second = final.first[leaf], final.second[leaf]
    present = final.given[leaf] & ~final.na[leaf]
    groups = data.group_index.astype(np.intp)
    top = data.maxima[leaf]

    def step() -> I64:
        return rule.evaluate(
            first,
            second,
            top,
            framework.scale,
            framework.rounding,
            groups=groups,
            present=present,
        )

    return step


# ------------------------------------------------------------------------------ NumPy floor


def _leaders(excess: I64, target: I64, group: I64) -> tuple[I64, I64]:
    """Each province's largest excess share excess / target (both positive), as the excess and
    target of one leader: a knockout within each province, the larger share of every pair going
    on, compared by cross-multiplying (e1 / t1 >= e2 / t2  <=>  e1 · t2 >= e2 · t1)."""
    count = np.bincount(group, minlength=N_GROUPS)
    width = 1 << max(int(count.max(initial=0)) - 1, 0).bit_length()
    order = np.argsort(group, kind="stable")
    slot = np.arange(group.size) - (np.cumsum(count) - count)[group[order]]
    e = np.zeros((N_GROUPS, width), dtype=np.int64)  # padding: a share of 0 / 1, never ahead
    t = np.ones((N_GROUPS, width), dtype=np.int64)
    e[group[order], slot] = excess[order]
    t[group[order], slot] = target[order]
    while width > 1:
        width //= 2
        e1, e2, t1, t2 = e[:, :width], e[:, width:], t[:, :width], t[:, width:]
        first = e1 * t2 >= e2 * t1
        e, t = np.where(first, e1, e2), np.where(first, t1, t2)
    return e[:, 0], t[:, 0]


def target_points(a: I64, t: I64, live: npt.NDArray[np.bool_], group: I64, m: int) -> I64:
    """The target-relative points (½ at the target, as published), exactly, rounded half up:
    round(x / y) = (2x + y) // 2y for x, y >= 0."""
    out = np.zeros(a.size, dtype=np.int64)
    has_target = t > 0
    below = live & has_target & (a < t)
    out[below] = (m * a[below] + t[below]) // (2 * t[below])  # ½ · m · a / t
    out[live & has_target & (a == t)] = (m + 1) // 2  # ½ · m
    over = live & has_target & (a > t)
    ex, tt, g = a[over] - t[over], t[over], group[over]
    lead_e, lead_t = _leaders(ex, tt, g)
    le, lt = lead_e[g], lead_t[g]
    # ½ · m + ½ · m · (ex / tt) / (le / lt) = m · (tt · le + ex · lt) / (2 · tt · le)
    num, den = m * (tt * le + ex * lt), 2 * tt * le
    out[over] = (2 * num + den) // (2 * den)
    none = live & ~has_target  # m · a / the province's best a
    best = np.zeros(N_GROUPS, dtype=np.int64)
    np.maximum.at(best, group[live], a[live])
    b = best[group[none]]
    out[none] = np.where(b > 0, (2 * m * a[none] + b) // np.maximum(2 * b, 1), 0)
    return out


def floor_group_step(data: Data) -> Callable[[], I64]:
    """The floor's group step alone, on the values after the council's changes."""
    code = data.codes[TARGET_LEAF]
    present = data.appraisal_present[code]
    a = np.where(present, data.appraisal_first[code], data.self_first[code])
    t = np.where(present, data.appraisal_second[code], data.self_second[code])
    live = ~(data.na[code] & ~present)
    m = data.maxima[TARGET_LEAF]
    return lambda: target_points(a, t, live, data.group_index, m)


def run_numpy(data: Data) -> Outcome:
    """The same arithmetic on the raw arrays: no checks, no objects (the floor)."""
    n = len(data.units)
    base = np.zeros(n, dtype=np.int64)
    bonus = np.zeros(n, dtype=np.int64)
    top = np.zeros(n, dtype=np.int64)
    target = bonus
    for i, code in enumerate(data.codes):
        kind = data.kinds[i]
        m = data.maxima[i]
        if kind is RuleKind.SURVEY:
            v = data.survey[code]
            base += (2 * m * v + 10000) // 20000
            top += m
            continue
        present = data.appraisal_present[code]
        a = np.where(present, data.appraisal_first[code], data.self_first[code])
        b = np.where(present, data.appraisal_second[code], data.self_second[code])
        na = data.na.get(code)
        if na is not None:
            na = na & ~present  # the council's value overrides a "not applicable"
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
        elif kind is RuleKind.TARGET_RELATIVE:
            live = np.ones(n, dtype=bool) if na is None else ~na
            p = target = target_points(a, b, live, data.group_index, m)
        else:
            p = np.minimum(a * 50, m)
        if data.extra[i]:  # outside the scale: points, no maximum
            bonus += p
        elif na is None:
            base += p
            top += m
        else:
            base += np.where(na, 0, p)
            top += np.where(na, 0, m)
    return outcome(data, base, bonus, top, target)


def outcome(data: Data, base: I64, bonus: I64, top: I64, target: I64) -> Outcome:
    """The floor's figures from each commune's base points, bonus, maximum and target-relative
    points: totals, index, bands and ranks within provinces, compared in whole numbers."""
    n = len(data.units)
    total = np.maximum(base + bonus, 0)  # no clamp in this framework; never below 0
    band = np.full(n, "E", dtype=object)
    for lower, label in reversed(BAND_EDGES[:-1]):
        band[total * 100 >= lower * top] = label
    band[total * 100 > INDEX_TOP * top] = ""  # above the top band (a re-based maximum)
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
    return (
        total.tolist(),
        top.tolist(),
        *_index(total, top),
        band.tolist(),
        ranks.tolist(),
        target.tolist(),
        bonus.tolist(),
    )


# ------------------------------------------------------------------------- pandas pipeline


@dataclass
class Frames:
    """The tables an analyst would load: wide sheets and a long appraisal list."""

    self_wide: pd.DataFrame
    den_wide: pd.DataFrame  # the second number of a pair: a denominator, or a target
    na_wide: pd.DataFrame
    survey_wide: pd.DataFrame
    appraisal_long: pd.DataFrame
    criteria: pd.DataFrame
    groups: pd.DataFrame
    target: str  # the target-relative criterion


def frames(data: Data) -> Frames:
    """Lay the generated data out as an analyst receives it (not timed)."""
    import pandas as pd

    pairs = [c for c, k in zip(data.codes, data.kinds, strict=True) if k in PAIRS]
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
        pd.DataFrame({"unit": data.units, **{c: data.self_second[c] for c in pairs}}),
        pd.DataFrame({"unit": data.units, **data.na}),
        pd.DataFrame({"unit": data.units, **data.survey}),
        pd.concat(rows, ignore_index=True),
        pd.DataFrame(
            {
                "criterion": data.codes,
                "kind": kind_names,
                "maximum": data.maxima,
                "extra": data.extra,
            }
        ),
        pd.DataFrame({"unit": data.units, "group": [data.groups[u] for u in data.units]}),
        data.codes[TARGET_LEAF],
    )


def _pandas_target(rows: pd.DataFrame, groups: pd.DataFrame) -> list[int]:
    """The analyst's target-relative points for the rows that count, in exact fractions: the
    province's largest excess share and best achieved value by groupby, then each row's share
    of the maximum, rounded half up."""
    import pandas as pd  # only for this way: the memory benchmark imports this module

    rows = rows.merge(groups, on="unit", how="left")  # keeps the rows' order
    a, t, m = (rows[c].astype("int64").tolist() for c in ("value", "den", "maximum"))
    over = [0 < y < x for x, y in zip(a, t, strict=True)]
    rows["excess"] = pd.Series(
        [Fraction(x - y, y) if o else Fraction(0) for x, y, o in zip(a, t, over, strict=True)],
        index=rows.index,
        dtype=object,
    )
    lead = rows.loc[over].groupby("group")["excess"].max()
    best = rows.groupby("group")["value"].max()
    half = Fraction(1, 2)
    out = []
    for x, y, e, le, b, top in zip(
        a,
        t,
        rows["excess"],
        rows["group"].map(lead),
        rows["group"].map(best).astype("int64").tolist(),
        m,
        strict=True,
    ):
        if y > 0:
            share = half * Fraction(x, y) if x < y else half if x == y else half + half * e / le
        else:
            share = Fraction(x, b) if b > 0 else Fraction(0)
        exact = share * top
        out.append((2 * exact.numerator + exact.denominator) // (2 * exact.denominator))
    return out


def run_pandas(f: Frames) -> Outcome:
    """Melt, merge, compute by kind, the target-relative criterion by province, group, rank:
    the notebook version (bands and ranks compared in whole numbers, never in floats)."""
    import pandas as pd  # only for this way: the memory benchmark imports this module

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
        0,  # target_relative: below, province by province
    )
    long["points"] = np.where(long["na"], 0, points)
    counted = (kind == "target_relative") & ~long["na"]
    long.loc[counted, "points"] = _pandas_target(long.loc[counted], f.groups)
    extra = long["extra"].astype(bool)
    long["base"] = np.where(extra, 0, long["points"])
    long["bonus"] = np.where(extra, long["points"], 0)
    long["max"] = np.where(long["na"] | extra, 0, m)
    units = long.groupby("unit", sort=False)[["base", "bonus", "max"]].sum().reset_index()
    units = units.merge(f.groups, on="unit")
    units["points"] = (units["base"] + units["bonus"]).clip(lower=0)
    hundred, top = units["points"] * 100, units["max"]
    edges = BAND_EDGES[:-1]
    units["band"] = np.select(
        [hundred > INDEX_TOP * top, *(hundred >= lower * top for lower, _ in edges)],
        ["", *(label for _, label in edges)],
        BAND_EDGES[-1][1],
    )
    units["key"] = units["points"] * int(top.max()) ** 2 // top  # exact order of the index
    units["rank"] = units.groupby("group")["key"].rank(method="min", ascending=False)
    common = np.gcd(hundred, top)
    units["index_num"], units["index_den"] = hundred // common, top // common
    target = long.loc[long["criterion"] == f.target].set_index("unit")["points"]
    units["target"] = units["unit"].map(target)
    units = units.set_index("unit").loc[f.self_wide["unit"]]
    return (
        units["points"].astype(int).tolist(),
        units["max"].astype(int).tolist(),
        units["index_num"].astype(int).tolist(),
        units["index_den"].astype(int).tolist(),
        units["band"].tolist(),
        units["rank"].astype(int).tolist(),
        units["target"].astype(int).tolist(),
        units["bonus"].astype(int).tolist(),
    )


# --------------------------------------------------------------------------------- harness


def fastest(
    runs: dict[str, tuple[Callable[[], Any], int]], rounds: int = ROUNDS
) -> dict[str, tuple[float, Any]]:
    """Time each way in ``rounds`` rounds, taking turns so that all meet the same load on a
    shared machine; within a round each way runs its given number of times back to back (as
    ``timeit`` does). Keep each one's fastest run (slower runs measure the neighbours) and
    what its last run gave: ``{name: (seconds, outcome)}``."""
    best: dict[str, float] = dict.fromkeys(runs, float("inf"))
    outcome: dict[str, Any] = {}
    for _ in range(rounds):
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


def _engine_cards_agree(framework: Framework, data: Data, floor: Outcome) -> bool:
    """The engine's own figures, outside the timed runs, against the floor's: every commune's
    row (its index to two decimals), and the scorecard of each province's leader on the
    target-relative criterion (the exact index, points, band, that criterion's line at the
    full maximum, and the bonus)."""
    result = score_table(engine_table(framework, data), data.groups)
    hundredths = [(200 * p + q) // (2 * q) for p, q in zip(floor[2], floor[3], strict=True)]
    if [row["index"] for row in result.rows()] != [Decimal(h) / 100 for h in hundredths]:
        return False
    target = data.codes[TARGET_LEAF]
    leaders = sorted(set(result.standing(target).leader.tolist()) - {-1})
    for j in leaders:
        card = result.scorecard(data.units[j])
        got = (card.points, card.index, card.band or "", card.line(target).points, card.bonus)
        want = (
            Decimal(floor[0][j]) / 100,
            Fraction(floor[2][j], floor[3][j]),
            floor[4][j],
            Decimal(data.maxima[TARGET_LEAF]) / 100,
            Decimal(floor[7][j]) / 100,
        )
        if got != want or floor[6][j] != data.maxima[TARGET_LEAF]:
            print(f"  {data.units[j]}: the engine's card {got}, the floor {want}")
            return False
    return len(leaders) == N_GROUPS


def main() -> int:
    """Generate, run the three ways, check agreement, print figures; 0 if all agree."""
    framework = national_framework()
    data = generate(framework)
    tables = frames(data)
    target = data.codes[TARGET_LEAF]
    print(
        f"{len(data.units)} units in {N_GROUPS} groups, {len(data.codes) - 1} sub-criteria "
        f"(one, {target}, scored against targets and each province's leader) and a "
        f"{BONUS}-point bonus, fastest run of each in {ROUNDS} rounds"
    )
    timed = fastest(
        {
            "engine": (lambda: run_engine(framework, data), 3),
            "numpy": (lambda: run_numpy(data), 3),
            "pandas": (lambda: run_pandas(tables), 1),
        }
    )
    (t_engine, engine), (t_numpy, floor), (t_pandas, analyst) = timed.values()
    steps = fastest(
        {"engine": (engine_group_step(framework, data), 3), "numpy": (floor_group_step(data), 3)}
    )
    (s_engine, step_engine), (s_numpy, step_floor) = steps.values()
    steps_agree = step_engine.tolist() == engine[6] and step_floor.tolist() == floor[6]
    agree = (
        engine == floor == analyst and steps_agree and _engine_cards_agree(framework, data, floor)
    )
    m_engine = _peak(lambda: run_engine(framework, data))
    m_numpy = _peak(lambda: run_numpy(data))
    m_pandas = _peak(lambda: run_pandas(tables))
    print(f"  engine  {t_engine * 1000:8.1f} ms   peak {m_engine:6.1f} MB")
    print(f"  numpy   {t_numpy * 1000:8.1f} ms   peak {m_numpy:6.1f} MB")
    print(f"  pandas  {t_pandas * 1000:8.1f} ms   peak {m_pandas:6.1f} MB")
    print(f"  engine / numpy floor: {t_engine / t_numpy:5.2f}x (aim: within 5x)")
    print(f"  pandas / engine:      {t_pandas / t_engine:5.2f}x (aim: at least 5x)")
    print(
        f"  group step ({target} in {N_GROUPS} provinces): engine {s_engine * 1000:.2f} ms, "
        f"numpy {s_numpy * 1000:.2f} ms ({s_engine / s_numpy:.2f}x)"
    )
    leaders = sum(1 for p in engine[6] if p == data.maxima[TARGET_LEAF])
    flags = sum(1 for p in engine[7] if p)
    over = sum(1 for p, q in zip(engine[2], engine[3], strict=True) if p > 100 * q)
    print(
        f"  {leaders} communes score the full {target} (their province's leaders, ties "
        f"included, and those without a target that achieved the province's best), {flags} "
        f"hold the bonus flag, {over} have an index above 100 %"
    )
    print(f"  all three agree exactly: {'yes' if agree else 'NO'}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"  process peak resident memory (all three, pandas included): {rss:.0f} MB")
    if not agree:
        if not steps_agree:
            print("  the group step run alone differs from the same step in the whole run")
        for name, other in (("numpy", floor), ("pandas", analyst)):
            for p, part in enumerate(PARTS):
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
