"""Run every benchmark and print its ratios.

Usage, from the repository root with the package installed (and pandas, which the
pandas comparisons need)::

    python benchmarks/run.py            # full size: minutes
    python benchmarks/run.py --quick    # small workloads, fewer repeats: seconds

``--quick`` is passed through to every benchmark. Each benchmark runs in its own
Python process, so that one's memory measurements are not disturbed by another's
leftovers; its output is printed as it comes. The exit status is non-zero only if
a benchmark failed with an error (an exception, or results that disagree with the
reference), never because a ratio missed its target: the ratios are for people to
read (see ``benchmarks/README.md`` for what each means and the targets).

One benchmark can also be run on its own: ``python benchmarks/scoring.py --quick``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS = (
    "scoring",
    "agreement",
    "sensitivity",
    "curve",
    "spc",
    "scrutiny",
    "import_time",
)
"""The benchmark modules in this directory, run in this order."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark and print its ratios.")
    parser.add_argument("--quick", action="store_true", help="small workloads, fewer repeats")
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"benchmarks to run (default: {BENCHMARKS})"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    failed = []
    for name in args.names or BENCHMARKS:
        command = [sys.executable, str(HERE / f"{name}.py"), *(["--quick"] if args.quick else [])]
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(name)
        print(f"== {name} took {time.perf_counter() - started:.0f} s", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
