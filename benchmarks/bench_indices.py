"""A national composite index and the uncertainty of its ranking: 63 provinces, 120 indicators
in 20 sub-dimensions and 5 dimensions, 14 years (generated data, illustrative only).

Two figures, each beside a NumPy floor written directly in the same run:

* ``build``: :func:`cchc.indices.build` end to end (screening, imputation, exact min-max to
  1-10, weights, exact weighted means, ranks) over the whole panel, against the same float
  arithmetic written on the arrays (min-max, masked weighted means node by node, ranks);
* ``uncertainty``: :func:`cchc.sensitivity.uncertainty`, 1,000 Monte Carlo runs on the last
  year, against a floor that ranks the same 1,000 weight draws directly. The target is the
  1,000 runs in under 2 s; they are timed twice, with the weights alone varying (what the
  floor does) and with alternative normalisations, an aggregation and an imputation as well.

The build's nominal ranks must equal the float analysis's nominal ranks, and the floor's
ranks the analysis's ranks run by run. Set ``BENCH_INDICES_REPEATS`` to time the build more
than once (it is the slow part; the default run stays under a minute).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from cchc.indices import (
    Aggregation,
    Imputation,
    ImputationMethod,
    IndexResult,
    IndexSpec,
    Indicator,
    Node,
    Normalisation,
    Panel,
    build,
)
from cchc.sensitivity import Model, Variation, rank_scores, uncertainty

UNITS, INDICATORS, YEARS = 63, 120, 14
SUBS, DIMS = 20, 5
RUNS = 1000
SEED = 20250714
TARGET_S = 2.0
REPEATS = 5
BUILD_REPEATS = int(os.environ.get("BENCH_INDICES_REPEATS", "1"))

F64 = npt.NDArray[np.float64]


def spec() -> IndexSpec:
    """120 indicators (every seventh one lower-is-better), 6 to a sub-dimension, 4
    sub-dimensions to a dimension, 5 dimensions; unequal weights; min-max to 1-10; the mean of
    the other provinces fills a gap."""
    codes = [f"C{j:03d}" for j in range(INDICATORS)]
    per_sub = INDICATORS // SUBS
    subs = [
        Node(
            f"S{k:02d}",
            f"Chỉ số thành phần {k + 1}",
            "",
            "sub-dimension",
            codes[k * per_sub : (k + 1) * per_sub],
            weights=[1 + (j % 3) for j in range(per_sub)],
        )
        for k in range(SUBS)
    ]
    per_dim = SUBS // DIMS
    dims = [
        Node(
            f"D{k}",
            f"Lĩnh vực {k + 1}",
            "",
            "dimension",
            [s.code for s in subs[k * per_dim : (k + 1) * per_dim]],
        )
        for k in range(DIMS)
    ]
    root = Node("I", "Chỉ số", "Index", "index", [d.code for d in dims], weights=[3, 2, 2, 2, 1])
    return IndexSpec(
        "bench",
        "Chỉ số sinh ngẫu nhiên",
        "Generated index",
        indicators=[
            Indicator(c, f"Chỉ tiêu {j + 1}", direction=-1 if j % 7 == 0 else 1)
            for j, c in enumerate(codes)
        ],
        nodes=[*subs, *dims, root],
        normalisation=Normalisation.min_max(1, 10),
        imputation=Imputation(ImputationMethod.GROUP_MEAN),
    )


def generate(seed: int = SEED) -> F64:
    """Values with two decimals, each province with its own level, 2 % missing."""
    rng = np.random.default_rng(seed)
    level = rng.normal(0, 8, (UNITS, 1, 1))
    values = np.round(50 + level + rng.normal(0, 10, (UNITS, INDICATORS, YEARS)), 2)
    values[rng.random(values.shape) < 0.02] = np.nan
    return values


def floor_build(values: F64, index: IndexSpec) -> F64:
    """The same build in floats written directly: group-mean imputation, min-max to 1-10 per
    year, masked weighted means node by node; the index's scores (units × years)."""
    signs = np.array([i.direction.sign for i in index.indicators], dtype=float)
    x = values.copy()
    fill = np.nanmean(x, axis=0, keepdims=True)
    x = np.where(np.isnan(x), fill, x) * signs[None, :, None]
    lo, hi = x.min(axis=0, keepdims=True), x.max(axis=0, keepdims=True)
    normalised = 1 + 9 * (x - lo) / (hi - lo)
    column = {c: j for j, c in enumerate(index.codes)}
    done: dict[str, F64] = {}
    for node in index.nodes_bottom_up():
        parts = [normalised[:, column[c], :] if c in column else done[c] for c in node.children]
        w = np.array([float(v) for v in node.weights if v is not None])
        done[node.code] = np.tensordot(np.stack(parts, axis=-1), w / w.sum(), axes=([2], [0]))
    return done[index.root.code]


def floor_runs(model: Model, weights: F64) -> npt.NDArray[np.int64]:
    """The ranks of the runs with these weights, written directly: the build's normalised
    values, each node's masked weighted mean for all runs at once, then ranks."""
    assert model.nominal_data is not None
    data = model.nominal_data
    n_ind = len(model.indicators)
    done: list[F64] = []
    start = 0
    for kids in model.children:
        w = weights[:, start : start + len(kids)]
        start += len(kids)
        if all(c < n_ind for c in kids):
            part = data[:, list(kids)]  # units × children
            present = ~np.isnan(part)
            num = np.where(present, part, 0.0) @ w.T  # units × runs
            den = present.astype(float) @ w.T
            done.append((num / den).T)
        else:
            stack = np.stack([done[c - n_ind] for c in kids], axis=-1)  # runs × units × kids
            done.append(np.einsum("ruk,rk->ru", stack, w) / w.sum(axis=1, keepdims=True))
    return rank_scores(done[-1])


def timed(job: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The median of ``repeats`` timings, and the last result."""
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = job()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> int:
    """Generate, build, analyse, compare with the floors, print; 0 if all agree."""
    load_before = os.getloadavg()[0]
    index = spec()
    values = generate()
    units = [f"T{u + 1:02d}" for u in range(UNITS)]
    years = list(range(2011, 2011 + YEARS))
    print(
        f"{UNITS} provinces × {INDICATORS} indicators × {YEARS} years (generated, illustrative); "
        f"{SUBS} sub-dimensions, {DIMS} dimensions; {RUNS:,} Monte Carlo runs"
    )
    t_panel, panel = timed(lambda: Panel.from_array(units, index.codes, years, values), 1)
    t_build, result = timed(lambda: build(index, panel), BUILD_REPEATS)
    t_floor_build, floor_scores = timed(lambda: floor_build(values, index), REPEATS)
    assert isinstance(result, IndexResult)
    model = Model.from_result(result)
    exact_ranks = [int(r) for r in result.ranks["I"][:, -1]]
    floor_ranks = rank_scores(floor_scores[:, -1]).tolist()
    weights_only = Variation(weights="0.25")
    everything = Variation(
        weights="0.25",
        normalisations=[Normalisation.percentile(1, 10), Normalisation.goalposts(0, 100, 1, 10)],
        aggregations=[{"I": Aggregation.geometric()}],
        imputations=[Imputation(ImputationMethod.GROUP_MEDIAN)],
    )
    t_weights, light = timed(lambda: uncertainty(model, weights_only, runs=RUNS, seed=1), REPEATS)
    t_all, full = timed(lambda: uncertainty(model, everything, runs=RUNS, seed=1), REPEATS)
    t_floor, floor = timed(lambda: floor_runs(model, light.weights), REPEATS)
    load_after = os.getloadavg()[0]

    nominal_agrees = list(model.nominal_ranks()) == exact_ranks == floor_ranks
    runs_agree = bool((floor == light.ranks).all())
    print(f"  machine load (1-minute average) before / after: {load_before:.1f} / {load_after:.1f}")
    print(f"  panel from the array:                {t_panel:7.2f} s (one run)")
    print(
        f"  build, end to end (exact):           {t_build:7.2f} s   "
        f"floor {t_floor_build * 1000:6.1f} ms   {t_build / t_floor_build:7.0f}x the floor "
        f"(median of {BUILD_REPEATS})"
    )
    for name, seconds in (
        ("weights ±25 %", t_weights),
        ("weights, 3 normalisations, 2 means, 2 imputations", t_all),
    ):
        ok = "ok" if seconds < TARGET_S else "MISSED"
        print(
            f"  {RUNS:,} runs, {name}: {seconds:6.3f} s (target < {TARGET_S:.0f} s: {ok}); "
            f"{seconds / t_floor:5.1f}x the floor (median of {REPEATS})"
        )
    print(f"  floor, {RUNS:,} runs of the same weights: {t_floor * 1000:7.1f} ms")
    widest = int(np.argmax(np.array(full.p95) - np.array(full.p05)))
    print(
        f"  widest interval: {full.units[widest]} nominal {full.nominal[widest]}, median "
        f"{full.median[widest]:.0f}, 5-95 % {full.p05[widest]:.0f}-{full.p95[widest]:.0f}"
    )
    print(f"  nominal ranks: build = analysis = floor: {'yes' if nominal_agrees else 'NO'}")
    print(f"  every run's ranks: analysis = floor: {'yes' if runs_agree else 'NO'}")
    return 0 if nominal_agrees and runs_agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
