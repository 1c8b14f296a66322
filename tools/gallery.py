"""The gallery of docs/_static/plots: each chart of :mod:`cchc.plots` drawn on the bundled
examples and saved as ``docs/_static/plots/<chart>.png`` at 80 dots per inch. Run it after a
change to a chart, from the repository's root::

    python tools/gallery.py             # or: python tools/gallery.py OUT_DIR

The data is the bundled Châu Thành 2021 campaign with its illustrative results and the
council's settlement of its tie (the article publishes no results), except where a chart needs
another kind of data: plan progress is the bundled Gia Lâm nine-month report, the framework's
structure is the bundled framework ``cchc-campaign-6``, and the rank intervals are those of the
small generated model in :mod:`cchc.sensitivity`'s documentation (illustrative numbers). The
year-over-year chart sets the units' own scores (self-assessment) against their final scores,
labelled as two years, as docs/plots.md does: the example has one year only.

The files are the same bytes on every run with the same matplotlib and fonts (no date or
software version is written into them). It needs the ``plot`` extra.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "_static" / "plots"
DPI = 80


def charts() -> dict[str, Callable[[], Any]]:
    """Each chart's file name (without ``.png``) and how to draw it (a Figure)."""
    from cchc import plots
    from cchc.campaigns import council_changes_of, run_campaign
    from cchc.criteria import load_bundled
    from cchc.examples import load, load_results, load_settlements
    from cchc.indices import Aggregation, Normalisation
    from cchc.scoring import compare_years, rank
    from cchc.sensitivity import Model, Variation, uncertainty

    campaign = load("chau-thanh-2021").campaign
    assert campaign is not None  # the example is a campaign
    result = run_campaign(
        campaign, load_results("chau-thanh-2021"), settlements=load_settlements("chau-thanh-2021")
    )
    names = campaign.units
    groups = dict(zip(result.final.units, result.ranking.groups, strict=True))

    def slopes() -> Any:
        changes = compare_years(rank(result.own, groups), result.ranking)
        return plots.year_slopes(changes, years=(2020, 2021), names=names)

    def intervals() -> Any:
        model = Model.build(  # the generated model of cchc.sensitivity's documentation
            units=["AG", "BL", "CM", "DT"],
            indicators=["i1", "i2", "i3", "i4"],
            values=[[7, 3, 5, 2], [4, 6, 6, 1], [9, 2, 1, 4], [5, 5, 7, 3]],
            structure=[{"i1": "D1", "i2": "D1", "i3": "D2", "i4": "D2"}],
            directions={"i4": -1},
            normalisation=Normalisation.min_max(1, 10),
        )
        variation = Variation(weights="0.5", aggregations=[Aggregation.geometric()])
        return plots.rank_intervals(uncertainty(model, variation, runs=200, seed=1))

    return {
        "ranking-bars": lambda: plots.ranking_bars(result),
        "field-heatmap": lambda: plots.field_heatmap(result),
        "field-radar": lambda: plots.field_radar(result, "CT-X04"),
        "year-slopes": slopes,
        "council-bars": lambda: plots.council_bars(council_changes_of(result), names=names),
        "progress-bars": lambda: plots.progress_bars(load("gia-lam-9m-2021").report()),
        "structure-bars": lambda: plots.structure_bars(load_bundled("cchc-campaign-6")),
        "rank-intervals": intervals,
    }


def render(out: Path = OUT) -> list[Path]:
    """Draw every chart into ``out`` (made if missing); the paths written, in order."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in charts().items():
        path = out / f"{name}.png"
        draw().savefig(path, dpi=DPI, metadata={"Software": None})
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    for path in render(out):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
