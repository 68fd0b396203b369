"""Every error and warning lscbqa raises, in one place.

All errors derive from :class:`LscbqaError`; each specific error also derives
from the matching builtin, so ``except ValueError`` keeps working for callers
who do not know lscbqa.

Examples
--------
>>> from lscbqa.exceptions import LscbqaError, Problem, ValidationError
>>> error = ValidationError([Problem("$.domains[1].weight", "expected a number >= 0, found -1")])
>>> isinstance(error, LscbqaError) and isinstance(error, ValueError)
True
>>> print(error)
1 problem:
  $.domains[1].weight: expected a number >= 0, found -1
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "DuplicateRegistrationWarning",
    "InfeasibleError",
    "LscbqaError",
    "MissingDependencyError",
    "NotFoundError",
    "PluginWarning",
    "Problem",
    "SchemaError",
    "TailoringError",
    "TrialLimitsWarning",
    "ValidationError",
]


class LscbqaError(Exception):
    """Base class of every error raised by lscbqa.

    Examples
    --------
    >>> issubclass(ValidationError, LscbqaError)
    True
    """


@attrs.frozen
class Problem:
    """One thing wrong with a value or document, and where it is.

    Parameters
    ----------
    path : str
        A JSON path to the offending field, from the document root ``$``,
        for example ``"$.domains[1].children[0].weight"``.
    message : str
        What was expected and what was found.

    Examples
    --------
    >>> problem = Problem("$.weight", "expected a number >= 0, found -1")
    >>> str(problem)
    '$.weight: expected a number >= 0, found -1'
    >>> problem.under("$.domains[0]").path
    '$.domains[0].weight'
    """

    path: str
    message: str

    def under(self, prefix: str) -> Problem:
        """Return this problem relocated below ``prefix`` (a JSON path).

        Parameters
        ----------
        prefix : str
            The path of the value in which this problem's path is relative.

        Returns
        -------
        Problem
            The same message at ``prefix`` joined with this path.

        Examples
        --------
        >>> Problem("$[2].id", "duplicate id 'a'").under("$.ratings").path
        '$.ratings[2].id'
        """
        return Problem(prefix + self.path[1:], self.message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ValidationError(LscbqaError, ValueError):
    """A value or document is invalid; ``problems`` lists every reason.

    Parameters
    ----------
    problems : sequence of Problem
        Every problem found, each with its JSON path. At least one.

    Examples
    --------
    >>> error = ValidationError([Problem("$.id", "expected a non-empty string, found ''")])
    >>> [p.path for p in error.problems]
    ['$.id']
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            self.problems = (Problem("$", "invalid value"),)
        super().__init__(_describe(self.problems))

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))

    @property
    def paths(self) -> tuple[str, ...]:
        """The path of every problem, in order.

        Examples
        --------
        >>> ValidationError([Problem("$.a", "x"), Problem("$.b", "y")]).paths
        ('$.a', '$.b')
        """
        return tuple(problem.path for problem in self.problems)


class SchemaError(ValidationError):
    """A document declares the wrong kind or an unsupported schema version.

    Examples
    --------
    >>> error = SchemaError([Problem("$.schema", "expected 'lscbqa/framework/1'")])
    >>> isinstance(error, ValidationError)
    True
    """


class MissingDependencyError(LscbqaError, ImportError):
    """An optional dependency is needed; the message names the extra to install.

    Parameters
    ----------
    package : str
        The module that could not be imported.
    extra : str
        The lscbqa extra that provides it.

    Examples
    --------
    >>> print(MissingDependencyError("yaml", "yaml"))
    this needs the optional package 'yaml': pip install "lscbqa[yaml]"
    """

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f'this needs the optional package {package!r}: pip install "lscbqa[{extra}]"',
            name=package,
        )
        self.extra = extra

    def __reduce__(self) -> tuple[type[MissingDependencyError], tuple[str, str]]:
        return (type(self), (str(self.name), self.extra))


class TailoringError(ValidationError):
    """A framework's tailoring cannot be resolved: a cycle, a dangling id, a conflict.

    Each problem's path points into the layer's document; ``layer`` names that layer
    and ``chain`` lists the documents from the one loaded down to the failing layer.

    Parameters
    ----------
    problems : sequence of Problem
        The problems, with paths in the failing layer's document.
    layer : str
        The id of the failing layer.
    chain : sequence of str
        Files or registered names, from the one loaded to the failing one.
    source : str, optional
        The document of the failing layer; the last of ``chain`` by default.

    Examples
    --------
    >>> error = TailoringError(
    ...     [Problem("$.modify[0].id", "no node 's9'")],
    ...     layer="north",
    ...     chain=["local.toml", "north.toml"],
    ... )
    >>> print(error)
    1 problem:
      $.modify[0].id: no node 's9' [layer 'north' in north.toml; chain: local.toml -> north.toml]
    >>> error.layer, error.chain
    ('north', ('local.toml', 'north.toml'))
    """

    def __init__(
        self,
        problems: Iterable[Problem],
        *,
        layer: str,
        chain: Sequence[str],
        source: str | None = None,
    ) -> None:
        self.layer = layer
        self.chain = tuple(chain)
        source = source or (self.chain[-1] if self.chain else None)
        where = f"layer {layer!r} in {source}" if source else f"layer {layer!r}"
        if len(self.chain) > 1:
            where += f"; chain: {' -> '.join(self.chain)}"
        super().__init__(Problem(p.path, f"{p.message} [{where}]") for p in problems)

    def __reduce__(self) -> tuple[object, ...]:  # type: ignore[override]
        return (_rebuild_tailoring_error, (self.problems, self.layer, self.chain))


def _rebuild_tailoring_error(
    problems: tuple[Problem, ...], layer: str, chain: tuple[str, ...]
) -> TailoringError:
    error = TailoringError.__new__(TailoringError)
    ValidationError.__init__(error, problems)
    error.layer, error.chain = layer, chain
    return error


class NotFoundError(LscbqaError, KeyError):
    """A lookup by id or name found nothing; the message lists what exists.

    Examples
    --------
    >>> error = NotFoundError("no scale named 'x'; known: 'ofsted4', 'rag3'")
    >>> isinstance(error, KeyError), str(error)
    (True, "no scale named 'x'; known: 'ofsted4', 'rag3'")
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DuplicateRegistrationWarning(UserWarning):
    """A name was registered twice; the later registration wins.

    Examples
    --------
    >>> issubclass(DuplicateRegistrationWarning, UserWarning)
    True
    """


class PluginWarning(UserWarning):
    """An installed plugin failed to load; the others still work.

    Examples
    --------
    >>> issubclass(PluginWarning, UserWarning)
    True
    """


class InfeasibleError(LscbqaError, ValueError):
    """No plan satisfies the constraints; ``relax`` names the ones to loosen.

    Parameters
    ----------
    message : str
        What could not be planned and why.
    relax : tuple of str
        The constraints (parameter names such as ``"forbid_reciprocal"``) whose
        loosening would make a plan possible, most useful first; empty when
        nothing would help.

    Examples
    --------
    >>> error = InfeasibleError("no rota: 2 agencies cannot each be scrutinised by 2 others",
    ...                         relax=("per_agency",))
    >>> error.relax, isinstance(error, ValueError)
    (('per_agency',), True)
    """

    def __init__(self, message: str, *, relax: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.relax: tuple[str, ...] = tuple(relax)


class TrialLimitsWarning(UserWarning):
    """Control limits rest on too few points to be trusted yet ("trial limits").

    Examples
    --------
    >>> issubclass(TrialLimitsWarning, UserWarning)
    True
    """


def _describe(problems: Sequence[Problem]) -> str:
    noun = "problem" if len(problems) == 1 else "problems"
    lines = [f"{len(problems)} {noun}:"]
    lines.extend(f"  {problem}" for problem in problems)
    return "\n".join(lines)
