"""Reports: readable text about frameworks and assessments.

Examples
--------
>>> from lscbqa.report import summarise_framework
>>> from lscbqa.frameworks import example_framework
>>> print(summarise_framework(example_framework()).splitlines()[0])
Partnership self-assessment (partnership-self-assessment, version 2024.1)
"""

from lscbqa.report.summary import describe_counts, summarise_framework

__all__ = ["describe_counts", "summarise_framework"]

# The board report (lscbqa.report.board, lscbqa.report.partnership) needs numpy and the
# analyses; it is imported from its modules, so that the text summary stays light.
