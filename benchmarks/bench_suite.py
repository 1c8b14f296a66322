"""The test suite as ``make test`` runs it, against the same suite in one process, in the same
run.

``make test`` runs ruff, ``ruff format --check``, ``mypy --strict`` and then pytest on every
core (pytest-xdist, ``-n auto --dist loadgroup``: a module that builds something once for all
its tests, the docs site, the executed notebook, the rendered documents, the sdist, keeps it on
one worker). This benchmark times the checks and both ways of running pytest back to back on
the same tree, with the Hypothesis ``dev`` profile, and prints the wall time of each beside the
CPU time of its processes and the machine's load while it ran.

Target: the whole of ``make test`` under :data:`TARGET_MINUTES` minutes. It takes as long as
the suite itself, twice: it is run only when named, ``python -m benchmarks suite``.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

TARGET_MINUTES = 6.0
#: Not part of ``python -m benchmarks`` without arguments: it runs the whole suite twice.
ON_REQUEST = True
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CHECKS = [
    [str(BIN / "ruff"), "check", "src", "tests", "benchmarks", "tools", "docs/conf.py"],
    [str(BIN / "ruff"), "format", "--check", "src", "tests", "benchmarks", "tools", "docs/conf.py"],
    [str(BIN / "mypy")],
]
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
PARALLEL = [*PYTEST, "-n", "auto", "--dist", "loadgroup"]


def timed(commands: list[list[str]]) -> tuple[float, float, bool]:
    """Wall and CPU time (of the child processes) of running ``commands`` one after another,
    and whether all passed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    ok = True
    env = {**os.environ, "HYPOTHESIS_PROFILE": "dev"}
    for command in commands:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        ok = ok and done.returncode == 0
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, ok


def main() -> int:
    """Print ``make test`` beside the one-process suite; 0 if the target is met and all pass."""
    print(f"make test on {os.cpu_count()} cores, Hypothesis profile dev")
    load = os.getloadavg()
    checks = timed(CHECKS)
    parallel = timed([PARALLEL])
    serial = timed([PYTEST])
    after = os.getloadavg()
    make_test = checks[0] + parallel[0]
    ok = make_test < TARGET_MINUTES * 60 and checks[2] and parallel[2] and serial[2]
    print(f"  machine load {load[0]:.1f} before, {after[0]:.1f} after (1-minute averages)")
    print(f"  ruff, ruff format, mypy     {checks[0] / 60:5.1f} min (CPU {checks[1] / 60:.1f})")
    print(
        f"  pytest on every core        {parallel[0] / 60:5.1f} min (CPU {parallel[1] / 60:.1f})"
        f"  {parallel[0] / serial[0]:.2f}x the suite in one process"
    )
    print(f"  pytest in one process       {serial[0] / 60:5.1f} min (CPU {serial[1] / 60:.1f})")
    print(
        f"  make test                   {make_test / 60:5.1f} min (target < {TARGET_MINUTES:.0f}"
        f" min): {'ok' if make_test < TARGET_MINUTES * 60 else 'MISSED'}; every check passed: "
        f"{'yes' if checks[2] and parallel[2] and serial[2] else 'NO'}"
    )
    return int(not ok)


if __name__ == "__main__":
    raise SystemExit(main())
