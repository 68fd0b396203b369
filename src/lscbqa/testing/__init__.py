"""Tools for testing code that uses lscbqa.

:mod:`lscbqa.testing.strategies` holds hypothesis strategies for every public value
type; it needs the ``testing`` extra (``pip install "lscbqa[testing]"``).
"""

__all__: list[str] = []
