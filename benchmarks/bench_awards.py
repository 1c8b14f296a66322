"""National-scale awards: prizes for 3,321 communes in 34 provincial groups, then 1,000
commendations apportioned over the same communes by staff size.

A seeded generator (NumPy's ``default_rng``, for the data only) gives every commune points with
two decimals, an index and band, staff and participation, per-field points, deductions and
appraisal points. Each group has a first, two second, three third and five encouragement
prizes and an "outstanding" level capped at 10 % of its communes; the gates ask for band B or
better, a participation share by size bracket, no disqualifying flag and evidence; ties are
broken by TTHC points, fewer deductions and a seeded lot. The apportionment runs all four
methods with a cap of three per commune.

``run()`` returns the figures as a dict; ``python -m benchmarks.bench_awards`` prints them.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from benchmarks import bench_scoring
from cchc.apportionment import Apportionment, ApportionmentMethod, apportion
from cchc.awards import (
    AwardDecision,
    Candidate,
    Eligibility,
    PrizeGroup,
    PrizeLevel,
    PrizeStructure,
    PrizeTiePolicy,
    Quota,
    Rounding,
    SizeBracket,
    TieBreak,
    TieMode,
    allocate,
)

N_UNITS = 3321
N_GROUPS = 34
N_COMMENDATIONS = 1000
SEED = 20250701
REPEAT = 5
BANDS = ("A", "B", "C", "D")  # the framework's bands, best first
FIELDS = ("CĐĐH", "TC", "TTHC", "TCBM", "CV", "TCC", "CQS", "TĐ")


def structure() -> PrizeStructure:
    """34 provincial groups, each with the same levels, gates and tie policy."""
    levels = [
        PrizeLevel("nhat", "Giải Nhất", 1),
        PrizeLevel("nhi", "Giải Nhì", 2),
        PrizeLevel("ba", "Giải Ba", 3),
        PrizeLevel("kk", "Giải Khuyến khích", 5),
        PrizeLevel("xs", "Đơn vị xuất sắc", 20, Quota(10, Rounding.HALF_UP)),
    ]
    gate = Eligibility(
        min_band="B",
        participation=[SizeBracket(0, Fraction(1, 2)), SizeBracket(40, Fraction(7, 10))],
        disqualifying_flags={"kỷ luật"},
    )
    ties = PrizeTiePolicy(
        TieMode.BREAK,
        [TieBreak.field_points("TTHC"), TieBreak.fewer_deductions(), TieBreak.lot("2025")],
    )
    return PrizeStructure(
        [
            PrizeGroup(f"P{g:02d}", f"Tỉnh {g:02d}", levels, gate, ties)
            for g in range(1, N_GROUPS + 1)
        ],
        name="Thi đua CCHC cấp xã toàn quốc (dữ liệu minh họa)",
    )


def generate(n: int = N_UNITS) -> list[Candidate]:
    """``n`` communes with seeded, clearly illustrative results."""
    rng = np.random.default_rng(SEED)
    hundredths = rng.integers(7000, 9901, size=n)  # 70.00 … 99.00 points of 100
    field_hundredths = rng.integers(0, 1251, size=(n, len(FIELDS)))
    staff = rng.integers(12, 80, size=n)
    taking_part = rng.integers(55, 101, size=n)
    deductions = rng.integers(0, 4, size=n)
    flagged = rng.random(size=n) < 0.01
    evidence = rng.random(size=n) > 0.005
    groups = np.arange(n) % N_GROUPS + 1
    people: list[Candidate] = []
    for i in range(n):
        points = Decimal(int(hundredths[i])).scaleb(-2)
        index = Fraction(int(hundredths[i]), 100)
        band = "A" if index >= 90 else "B" if index >= 80 else "C" if index >= 70 else "D"
        people.append(
            Candidate(
                f"X{i:05d}",
                f"P{int(groups[i]):02d}",
                points,
                index=index,
                band=band,
                staff=int(staff[i]),
                participation=Fraction(int(taking_part[i]), 100),
                flags={"kỷ luật"} if flagged[i] else (),
                evidence=bool(evidence[i]),
                field_points={
                    f: Decimal(int(field_hundredths[i, j])).scaleb(-2) for j, f in enumerate(FIELDS)
                },
                appraisal_points=points,
                deductions=int(deductions[i]),
            )
        )
    return people


def _apportion_all(weights: dict[str, int]) -> dict[ApportionmentMethod, Apportionment]:
    return {m: apportion(weights, N_COMMENDATIONS, m, caps=3) for m in ApportionmentMethod}


def _apportioner(
    weights: dict[str, int], method: ApportionmentMethod
) -> Callable[[], Apportionment]:
    return lambda: apportion(weights, N_COMMENDATIONS, method, caps=3)


def _fastest(fn: Callable[[], Any]) -> tuple[float, Any]:
    times = []
    out = None
    for _ in range(REPEAT):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def _peak(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def run() -> dict[str, Any]:
    """Generate the data, time allocation and apportionment (fastest of ``REPEAT`` runs),
    measure peak memory, and check the results; return the figures."""
    prizes = structure()
    people = generate()
    weights = {c.id: c.staff or 0 for c in people}
    t_allocate, decision = _fastest(lambda: allocate(prizes, people, bands=BANDS))
    per_method = {m: _fastest(_apportioner(weights, m)) for m in ApportionmentMethod}
    assert isinstance(decision, AwardDecision)
    within_counts = all(
        len(decision.awards_in(g.code, lv.code)) <= lv.count
        for g in prizes.groups
        for lv in g.levels
    )
    sums = all(
        result.assigned + sum(t.seats for t in result.ties) == N_COMMENDATIONS
        for _, result in per_method.values()
    )
    t_apportion = sum(t for t, _ in per_method.values())
    # the baseline, measured in the same run: scoring the national campaign end to end
    framework = bench_scoring.national_framework()
    scores = bench_scoring.generate(framework)
    t_scoring, _ = _fastest(lambda: bench_scoring.run_engine(framework, scores))
    return {
        "scoring_ms": t_scoring * 1000,
        "allocate_vs_scoring": t_allocate / t_scoring,
        "total_vs_scoring": (t_allocate + t_apportion) / t_scoring,
        "units": len(people),
        "groups": N_GROUPS,
        "commendations": N_COMMENDATIONS,
        "awards": len(decision.awards),
        "unfilled": sum(u.count for u in decision.unfilled),
        "unresolved_ties": len(decision.ties),
        "excluded": len(decision.excluded),
        "allocate_ms": t_allocate * 1000,
        "apportion_ms": {m.value: t * 1000 for m, (t, _) in per_method.items()},
        "apportion_all_ms": t_apportion * 1000,
        "total_ms": (t_allocate + t_apportion) * 1000,
        "allocate_peak_mb": _peak(lambda: allocate(prizes, people, bands=BANDS)),
        "apportion_peak_mb": _peak(lambda: _apportion_all(weights)),
        "checks_pass": within_counts and sums,
        "repeat": REPEAT,
    }


def main() -> int:
    """Print the figures of :func:`run`; 0 if the checks pass."""
    r = run()
    print(
        f"{r['units']} units in {r['groups']} groups; {r['commendations']} commendations; "
        f"fastest of {r['repeat']} runs"
    )
    print(
        f"  allocate     {r['allocate_ms']:8.1f} ms   peak {r['allocate_peak_mb']:6.1f} MB   "
        f"({r['awards']} awards, {r['unfilled']} unfilled, {r['unresolved_ties']} ties, "
        f"{r['excluded']} excluded)"
    )
    for method, ms in r["apportion_ms"].items():
        print(f"  apportion    {ms:8.1f} ms   {method}")
    print(f"  apportion (all four) peak {r['apportion_peak_mb']:6.1f} MB")
    print(f"  total        {r['total_ms']:8.1f} ms")
    print(f"  baseline: scoring the same {r['units']} units end to end {r['scoring_ms']:.1f} ms")
    print(f"  allocate / scoring:              {r['allocate_vs_scoring']:5.2f}x")
    print(f"  allocate + apportion / scoring:  {r['total_vs_scoring']:5.2f}x")
    print(f"  checks: {'pass' if r['checks_pass'] else 'FAIL'}")
    return 0 if r["checks_pass"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
