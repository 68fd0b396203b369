"""What the command shows: tables, progress, warnings and errors.

rich (the ``cli`` extra) draws tables and progress bars when standard output is a
terminal; it is imported only then. Piped or captured output, and every run without
rich, gets aligned plain text and no bar, so that scripts and tests read the same
lines whatever is installed.
"""

from __future__ import annotations

import math
import sys
import types
from collections.abc import Iterable, Sequence
from typing import IO, Any

from lscbqa.exceptions import (
    InfeasibleError,
    LscbqaError,
    MissingDependencyError,
    NotFoundError,
    ValidationError,
)

OK = 0
FINDINGS = 1
USAGE = 2
INFEASIBLE = 3
MISSING_DEPENDENCY = 4
INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class CommandError(Exception):
    """A problem to tell the user in one line (plus details), and the exit status it gives.

    ``where`` names the file or option the problem is in; ``details`` are the
    indented lines below (the paths of the problems).
    """

    def __init__(
        self, message: str, *, status: int, where: str = "", details: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.where = where
        self.details = tuple(details)


def status_of(error: BaseException) -> int:
    """The exit status an error gives (see the exit codes in ``lscbqa.cli``)."""
    if isinstance(error, CommandError):
        return error.status
    if isinstance(error, MissingDependencyError):
        return MISSING_DEPENDENCY
    if isinstance(error, InfeasibleError):
        return INFEASIBLE
    if isinstance(error, NotFoundError | OSError):
        return USAGE  # the command names a file, framework, area... that does not exist
    return FINDINGS


def explain(error: BaseException, *, where: str = "") -> CommandError:
    """A user's error as a :class:`CommandError`: one line, then the problems' paths."""
    if isinstance(error, CommandError):
        return error
    if isinstance(error, OSError) and error.filename is not None:
        reason = error.strerror or str(error)
        return CommandError(reason, status=USAGE, where=str(error.filename))
    if isinstance(error, ValidationError):
        # The head line names the file; problems that name it again are shortened.
        suffix = f" (in {where})"
        details = [f"  {problem}".removesuffix(suffix) for problem in error.problems]
        return CommandError(
            f"{count(len(error.problems), 'problem')}:",
            status=status_of(error),
            where=where,
            details=details,
        )
    lines = str(error).splitlines() or [type(error).__name__]
    return CommandError(
        lines[0], status=status_of(error), where=where, details=[f"  {x}" for x in lines[1:]]
    )


def report_error(error: CommandError, stream: IO[str] | None = None) -> int:
    """Print the error to standard error and return its exit status."""
    stream = stream or sys.stderr
    where = f"{error.where}: " if error.where else ""
    print(f"lscbqa: {where}{error.message}", file=stream)
    for line in error.details:
        print(line, file=stream)
    return error.status


def report_warning(message: str) -> None:
    """Print a warning from the library as one line on standard error."""
    print(f"lscbqa: warning: {message}", file=sys.stderr)


def is_user_error(error: BaseException) -> bool:
    """Whether an error is the user's to fix (told in a line), not a bug (a traceback)."""
    return isinstance(error, CommandError | LscbqaError | OSError)


def _rich_console() -> Any | None:
    """A rich console on standard output when it is a terminal and rich is installed."""
    if not sys.stdout.isatty():
        return None
    try:
        from rich.console import Console
    except ImportError:
        return None
    return Console(file=sys.stdout)


def number(value: float | None, digits: int = 2) -> str:
    """A number for a table: rounded, ``-`` for none or NaN."""
    if value is None or math.isnan(value):
        return "-"
    return f"{value:.{digits}f}"


def count(amount: int, noun: str, plural: str | None = None) -> str:
    """``1 finding``, ``2 findings``."""
    return f"{amount} {noun}" if amount == 1 else f"{amount} {plural or noun + 's'}"


def print_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Iterable[int] = (),
    title: str | None = None,
) -> None:
    """Print a table: rich on a terminal, else aligned plain text.

    ``right`` lists the columns aligned right (numbers). Plain text puts two spaces
    between columns, a rule of dashes under the header, and no trailing spaces.
    """
    rows = [list(row) for row in rows]
    right = frozenset(right)
    console = _rich_console()
    if console is not None:
        from rich.table import Table

        table = Table(title=title, title_justify="left")
        for index, header in enumerate(headers):
            table.add_column(header, justify="right" if index in right else "left")
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    if title:
        print(title)
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    print(line(headers))
    print(line(["-" * width for width in widths]))
    for row in rows:
        print(line(row))


class Progress:
    """Steps of long work: a transient bar on a terminal with rich, step lines without it.

    Nothing is shown when standard output is not a terminal.

    Use as a context manager; call :meth:`step` before each step. Inside another
    Progress (reading files while writing a report) a Progress shows nothing.
    """

    _active = False

    def __init__(self, total: int, description: str) -> None:
        self.total = total
        self.description = description
        self.done = 0
        self._bar: Any = None
        self._task: Any = None
        self._plain = False

    def __enter__(self) -> Progress:
        if Progress._active or not sys.stdout.isatty():
            return self
        Progress._active = True
        try:
            from rich.progress import Progress as Bar
        except ImportError:
            self._plain = True
            return self
        self._bar = Bar(transient=True)
        self._bar.start()
        self._task = self._bar.add_task(self.description, total=self.total)
        return self

    def step(self, description: str) -> None:
        """Start the next step: mark the previous one done and say what comes now."""
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, description=description)
        elif self._plain:
            print(f"[{self.done + 1}/{self.total}] {description}", file=sys.stderr)
        self.done += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: types.TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self.total)
            self._bar.stop()
        if self._bar is not None or self._plain:
            Progress._active = False
