"""Run the ``lscbqa`` command: ``python -m lscbqa``."""

from __future__ import annotations

import sys

from lscbqa.cli import main

if __name__ == "__main__":
    sys.exit(main())
