"""Hypothesis profiles of the fuzzing suite (SECURITY.md §3 B9, issue 10).

- ``ci`` (the default): bounded example counts so that the whole folder runs in about a minute on a 2-core
  machine; ``derandomize=True`` so that a CI run is reproducible (the same examples every time) and no
  example database is written into the checkout.
- ``long``: many more examples, random and with the example database (``.hypothesis/``), for a deep run:
  ``HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -m fuzz tests/fuzz``.

The profile is chosen per test (:func:`tests.fuzz.fuzzkit.fuzz_settings`), never loaded globally, so the
other hypothesis tests of the suite keep their own settings whichever folders are collected.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SUPPRESS = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
    HealthCheck.function_scoped_fixture,
]

settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_SUPPRESS,
    max_examples=50,
)
settings.register_profile(
    "long",
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=_SUPPRESS,
    max_examples=1000,
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "long"):
    PROFILE = "ci"
