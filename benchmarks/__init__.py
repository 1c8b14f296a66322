"""National-scale benchmarks of ``cchc``, each run beside its baselines on the same data.

Run them all with ``python -m benchmarks`` (or one: ``python -m benchmarks scoring``). Every
module named ``bench_*.py`` in this package is a benchmark with a ``main() -> int`` function.
"""
