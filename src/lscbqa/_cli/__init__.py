"""The ``lscbqa`` command's parts: one module per command group; :mod:`lscbqa.cli` runs them.

``console`` shows tables, progress, warnings and errors; ``files`` reads what a
command names, so that every problem names its file.
"""
