"""Run the ``lscbqa`` command: ``python -m lscbqa``."""

import sys

from lscbqa.cli import main

if __name__ == "__main__":
    sys.exit(main())
