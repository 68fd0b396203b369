"""Benchmark: how long ``import lscbqa`` takes, and what it imports.

Each measurement starts a fresh interpreter (so nothing is cached in memory but the
operating system's file cache): the time of ``python -c "import lscbqa"`` minus the
time of ``python -c "pass"``, the median of several runs. Also reported: the same
for ``from lscbqa import Framework, Assessment`` (the everyday values) and for
``import lscbqa.scoring`` (numpy and the engine), and the optional extras that
``import lscbqa`` pulled in (none expected; tests/test_architecture.py checks it).

Target (issue 10): ``import lscbqa`` under 150 ms. Exits non-zero only on an error.

Usage::

    python benchmarks/import_time.py            # 15 runs each
    python benchmarks/import_time.py --quick    # 5 runs each
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

STATEMENTS = {
    "import lscbqa": "import lscbqa",
    "from lscbqa import Framework, Assessment": "from lscbqa import Framework, Assessment",
    "import lscbqa.scoring": "import lscbqa.scoring",
}
OPTIONAL = ("yaml", "tomli_w", "hypothesis", "pandas", "matplotlib", "jinja2", "openpyxl", "rich")


def run_time(statement: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - started


def median_run_time(statement: str, runs: int) -> float:
    return statistics.median(run_time(statement) for _ in range(runs))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 15
    run_time("import lscbqa")  # warm the file cache
    bare = median_run_time("pass", runs)
    print(
        f"import time: median of {runs} fresh interpreters, less a bare start ({bare * 1e3:.0f} ms)"
    )
    for label, statement in STATEMENTS.items():
        seconds = median_run_time(statement, runs) - bare
        print(f"  {label:42} {seconds * 1e3:7.1f} ms")
    check = f"import sys, lscbqa; print(','.join(m for m in {OPTIONAL!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", check], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(f"optional extras imported by `import lscbqa`: {loaded or 'none'}")
    return 1 if loaded else 0


if __name__ == "__main__":
    raise SystemExit(main())
