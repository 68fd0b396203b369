"""Every random function takes an rng or a seed, and gives the same answer every time.

"Every time" includes a new interpreter with another string-hash seed (so that no
result leans on the order of a set or dict of strings), and another executor.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import inspect
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from lscbqa.datasets import example_partnership, synthetic
from lscbqa.indicators import lead_lag
from lscbqa.scoring import (
    bootstrap,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    weight_sensitivity,
)

RANDOM_FUNCTIONS = [
    bootstrap,
    weight_sensitivity,
    krippendorff_alpha,
    fleiss_kappa,
    gwet_ac1,
    lead_lag,
]

# A script that runs every random function on small data and prints one digest of all
# the numbers it got.
SCRIPT = textwrap.dedent(
    """
    import hashlib
    import numpy as np
    from lscbqa.datasets import example_partnership, synthetic
    from lscbqa.indicators import lead_lag
    from lscbqa.scoring import bootstrap, krippendorff_alpha, weight_sensitivity

    digest = hashlib.sha256()

    def add(*arrays):
        for array in arrays:
            digest.update(np.ascontiguousarray(np.asarray(array, dtype=float)).tobytes())

    partnership = example_partnership()
    framework, assessments = partnership.section11, partnership.section11_assessments[:6]
    result = bootstrap(framework, assessments, n=40, rng=3)
    add(result.low, result.high, result.level_probabilities)
    result = weight_sensitivity(framework, assessments, n_draws=64, rng=3)
    add(result.scores, result.rank_probabilities)
    add([float(krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4]], level="ordinal",
                                  n_bootstrap=50, rng=3).value)])
    values = np.sin(np.arange(30.0))
    add([lead_lag(values, np.roll(values, 2), max_lag=3, method="permutation",
                  rng=3, permutations=99).best_lag or -1])
    data = synthetic(n_boards=2, agencies_per_board=3, criteria=6, seed=5, quarters=8)
    add(data.panel.values)
    print(digest.hexdigest())
    """
)


def _digest(hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


class TestRandomFunctions:
    @pytest.mark.parametrize("function", RANDOM_FUNCTIONS, ids=lambda f: f.__name__)
    def test_takes_an_rng(self, function: object) -> None:
        """Each random function has an ``rng`` parameter (a Generator or a seed)."""
        assert "rng" in inspect.signature(function).parameters  # type: ignore[arg-type]

    def test_synthetic_takes_a_seed(self) -> None:
        """The synthetic data generator takes a seed."""
        assert "seed" in inspect.signature(synthetic).parameters


class TestSameEveryTime:
    def test_across_interpreters_and_hash_seeds(self) -> None:
        """Two interpreters with different string-hash seeds get the same numbers."""
        assert _digest("1") == _digest("2")

    def test_default_rng_is_fixed(self) -> None:
        """Without an rng the answer is still the same every time (None means seed 0)."""
        grades = [[1, 2, 3, 3, 2], [1, 2, 3, 4, 2], [1, 1, 3, 4, 2]]
        first = krippendorff_alpha(grades, level="ordinal", n_bootstrap=40)
        second = krippendorff_alpha(grades, level="ordinal", n_bootstrap=40)
        assert (first.interval, first.value) == (second.interval, second.value)

    def test_bootstrap_same_on_a_thread_pool(self) -> None:
        """The bootstrap gives the same intervals in-process and on a thread pool."""
        partnership = example_partnership()
        framework = partnership.section11
        assert framework is not None
        assessments = partnership.section11_assessments[:4]
        here = bootstrap(framework, assessments, n=30, rng=7, chunk_size=8)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            there = bootstrap(framework, assessments, n=30, rng=7, executor=pool, chunk_size=16)
        assert np.array_equal(here.low, there.low, equal_nan=True)
        assert np.array_equal(here.high, there.high, equal_nan=True)

    def test_digest_is_a_digest(self) -> None:
        """The script's output is one hex digest (so the comparison above means something)."""
        assert len(_digest("0")) == len(hashlib.sha256().hexdigest())
