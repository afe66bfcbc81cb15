"""How long the fuzz suite runs: ``PERFEVAL_FUZZ_SECONDS`` (default 30) shared among its tests.

Each fuzz test knows roughly how many examples it runs in a second on a CI core (``per_second``) and its
share of the budget; :func:`fuzz_settings` turns those into Hypothesis ``max_examples``. The run is
therefore deterministic in size, and only approximately in time: ``PERFEVAL_FUZZ_SECONDS=600`` runs
about twenty times as many examples as the default, for about ten minutes. Without the variable the examples
are derandomized (the same on every run); with it, each run draws new ones.

    PERFEVAL_FUZZ_SECONDS=600 .venv/bin/python -m pytest tests/fuzz -q
"""

from __future__ import annotations

import os
import resource

from hypothesis import HealthCheck, settings

#: The suite's duration in seconds (approximate), from the environment.
SECONDS = float(os.environ.get("PERFEVAL_FUZZ_SECONDS", "30"))
#: Without PERFEVAL_FUZZ_SECONDS (CI, a plain ``pytest``) the examples are the same on every run, so that a
#: merge is never failed by a case it did not cause; with it, every run explores new ones.
DERANDOMIZE = "PERFEVAL_FUZZ_SECONDS" not in os.environ
#: A long run may meet an input that takes gigabytes (one was met: see the report of issue 13); with
#: PERFEVAL_FUZZ_SECONDS set, the process's address space is capped (PERFEVAL_FUZZ_MEMORY_GB, default 6) so that
#: such an input fails its test with a MemoryError, and its example, instead of the machine running out of memory.
if not DERANDOMIZE:
    _cap = int(float(os.environ.get("PERFEVAL_FUZZ_MEMORY_GB", "6")) * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (_cap, resource.getrlimit(resource.RLIMIT_AS)[1]))


def fuzz_settings(per_second: float, share: float) -> settings:
    """Settings for a fuzz test that runs ``per_second`` examples a second and takes ``share`` of the budget."""
    examples = max(5, int(per_second * share * SECONDS))
    return settings(max_examples=examples, deadline=None, database=None, derandomize=DERANDOMIZE,
                    suppress_health_check=list(HealthCheck))
