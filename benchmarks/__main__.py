"""Run every benchmark of the package (``bench_*.py``), or those named on the command line.

A benchmark whose module sets ``ON_REQUEST = True`` (the whole test suite, twice) runs only
when named."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main(argv: list[str]) -> int:
    """Run the benchmarks named in ``argv`` (all when empty); return a process exit status."""
    names = sorted(
        info.name.removeprefix("bench_")
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    wanted = argv or [
        name
        for name in names
        if not getattr(importlib.import_module(f"benchmarks.bench_{name}"), "ON_REQUEST", False)
    ]
    unknown = [name for name in wanted if name not in names]
    if unknown:
        print(f"unknown benchmarks: {', '.join(unknown)}; known: {', '.join(names)}")
        return 2
    status = 0
    for name in wanted:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"== {name} ==")
        status = max(status, module.main())
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
