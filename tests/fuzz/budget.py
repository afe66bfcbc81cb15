"""How long the fuzz suite runs: ``PERFEVAL_FUZZ_SECONDS`` (default 30) shared among its tests.

Each fuzz test knows roughly how many examples it runs in a second on a CI core (``per_second``) and its
share of the budget; :func:`fuzz_settings` turns those into Hypothesis ``max_examples``. The run is
therefore deterministic in size, and only approximately in time: ``PERFEVAL_FUZZ_SECONDS=600`` runs
about twenty times as many examples as the default, for about ten minutes.

    PERFEVAL_FUZZ_SECONDS=600 .venv/bin/python -m pytest tests/fuzz -q
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: The suite's duration in seconds (approximate), from the environment.
SECONDS = float(os.environ.get("PERFEVAL_FUZZ_SECONDS", "30"))


def fuzz_settings(per_second: float, share: float) -> settings:
    """Settings for a fuzz test that runs ``per_second`` examples a second and takes ``share`` of the budget."""
    examples = max(5, int(per_second * share * SECONDS))
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))
