"""Test settings shared by the test suite, the doctests and the documentation.

Property tests run on busy machines (two cores shared with other work), so
hypothesis's timing checks are relaxed: a slow machine must not fail a correct test.
Under CI (``CI`` set) the examples are derandomised, so a run is reproducible and a
landing never depends on the draw; runs elsewhere explore new examples each time.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "lscbqa",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("lscbqa")
