"""Test configuration: Hypothesis profiles (``dev`` by default, ``ci`` in CI)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
# CI is thorough and repeatable: a fixed seed per test, so a failure can be replayed exactly;
# local runs keep drawing new examples. 150 examples a property keeps the whole suite, with its
# LibreOffice round trips, well inside CI's time on a 2-core machine.
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
