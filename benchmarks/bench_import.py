"""Import time, cold: each import in a fresh interpreter, against ``import attrs`` and ``import
numpy`` measured the same way in the same run.

Each case runs :data:`ROUNDS` times in its own ``python -c`` and the median of the time the
import statement took inside it is kept (the interpreter's own start is the same for all and
left out). Besides the time, each case says which of the package's heavier parts the import
loaded: the plans, the bundled examples, the export code (``cchc.export``), and how many of the
``holidays`` package's country modules.

Targets: ``import cchc`` under :data:`PACKAGE_TARGET` seconds; ``import cchc.scoring`` loads
no plans, examples or export code; ``import cchc.calendar`` loads none of the ``holidays``
countries (its working-day calendar loads Vietnam's, and only it, when first used).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PACKAGE_TARGET = 0.150
ROUNDS = 5
SRC = str(Path(__file__).resolve().parent.parent / "src")

_PROBE = """
import json, sys, time
start, cpu = time.perf_counter(), time.process_time()
{statement}
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
names = sorted(sys.modules)
print(json.dumps({{
    "wall": wall,
    "cpu": cpu,
    "plans": "cchc.plans" in names,
    "examples": any(n.startswith("cchc.examples") for n in names),
    "export": any(n.startswith("cchc.export") for n in names),
    "countries": sum(n.startswith("holidays.countries.") for n in names),
}}))
"""

#: The package without its ``__init__`` (an empty package of the same modules): what a module
#: itself imports, whatever the top level of the package imports eagerly.
_BARE = (
    "import sys, types; _p = types.ModuleType('cchc'); _p.__path__ = [{where!r}]; "
    "sys.modules['cchc'] = _p; "
).format(where=str(Path(SRC) / "cchc"))

CASES = {
    "attrs": "import attrs",
    "numpy": "import numpy",
    "cchc.scoring": "import cchc.scoring",
    "cchc.calendar": "import cchc.calendar",
    "cchc": "import cchc",
    "working days": (
        "import datetime, cchc.calendar as c; c.is_working_day(datetime.date(2025, 1, 2))"
    ),
    "scoring alone": _BARE + "import cchc.scoring",
    "calendar alone": _BARE + "import cchc.calendar",
}


def cold(statement: str) -> dict[str, object]:
    """The import's figures in a fresh interpreter (this source tree first on the path)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(statement=statement)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    figures: dict[str, object] = json.loads(done.stdout)
    return figures


def run() -> dict[str, dict[str, object]]:
    """Every case :data:`ROUNDS` times, in turns; the median wall and CPU time of each."""
    seen: dict[str, list[dict[str, object]]] = {name: [] for name in CASES}
    for _ in range(ROUNDS):
        for name, statement in CASES.items():
            seen[name].append(cold(statement))
    out = {}
    for name, runs in seen.items():
        figures = dict(runs[-1])
        figures["wall"] = statistics.median(float(str(r["wall"])) for r in runs)
        figures["cpu"] = statistics.median(float(str(r["cpu"])) for r in runs)
        out[name] = figures
    return out


def main() -> int:
    """Print each import beside its baselines and targets; 0 if the targets are met."""
    load = os.getloadavg()
    r = run()
    print(
        f"cold imports, each in a fresh interpreter, median of {ROUNDS} (machine load "
        f"{load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f})"
    )
    numpy = float(str(r["numpy"]["wall"]))
    for name, f in r.items():
        wall, cpu = float(str(f["wall"])), float(str(f["cpu"]))
        loads = [part for part in ("plans", "examples", "export") if f[part]]
        print(
            f"  {name:14} {wall * 1000:7.0f} ms (CPU {cpu * 1000:5.0f})  {wall / numpy:5.2f}x "
            f"numpy; loads {', '.join(loads) or 'no plans, examples or export code'}; "
            f"{f['countries']} holidays countries"
        )
    package = float(str(r["cchc"]["wall"]))
    scoring_light = not any(r["cchc.scoring"][p] for p in ("plans", "examples", "export"))
    calendar_light = r["cchc.calendar"]["countries"] == 0
    only_vietnam = r["working days"]["countries"] == 1
    checks = {
        f"import cchc < {PACKAGE_TARGET * 1000:.0f} ms": package < PACKAGE_TARGET,
        "import cchc.scoring loads no plans, examples or export code": scoring_light,
        "import cchc.calendar loads no holidays country": calendar_light,
        "working days load Vietnam's holidays only": only_vietnam,
    }
    for what, ok in checks.items():
        print(f"  {what}: {'ok' if ok else 'MISSED'}")
    alone = not any(r["scoring alone"][p] for p in ("plans", "examples", "export"))
    print(
        '  ("alone": the module loaded without running the package\'s __init__; '
        "cchc.scoring alone loads "
        f"{'no plans, examples or export code' if alone else 'plans, examples or export code'}"
        f", cchc.calendar alone {r['calendar alone']['countries']} holidays countries)"
    )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
