"""Reports: readable text about frameworks, and the board report.

Examples
--------
>>> from lscbqa.report import summarise_framework
>>> from lscbqa.frameworks import example_framework
>>> print(summarise_framework(example_framework()).splitlines()[0])
Partnership self-assessment (partnership-self-assessment, version 2024.1)
"""

from typing import TYPE_CHECKING

from lscbqa import _lazy

if TYPE_CHECKING:
    from lscbqa.report.board import BoardReport, board_report
    from lscbqa.report.partnership import Partnership
    from lscbqa.report.summary import describe_counts, summarise_framework

# Each name loads from its module on first use: the text summary stays light, the board
# report brings numpy and the analyses only when it is asked for.
_MODULE_OF = {
    "BoardReport": "lscbqa.report.board",
    "board_report": "lscbqa.report.board",
    "Partnership": "lscbqa.report.partnership",
    "describe_counts": "lscbqa.report.summary",
    "summarise_framework": "lscbqa.report.summary",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _MODULE_OF, globals())

__all__ = ["BoardReport", "Partnership", "board_report", "describe_counts", "summarise_framework"]
