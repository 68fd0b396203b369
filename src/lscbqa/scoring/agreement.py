"""Rater agreement: whether auditors grade the same case the same way.

Four coefficients, each returning an :class:`AgreementResult` (``float(result)`` is the
coefficient): :func:`cohen_kappa` for two raters (optionally weighted),
:func:`fleiss_kappa` for a fixed number of raters per subject,
:func:`krippendorff_alpha` for any number of raters with missing values and four levels
of measurement, and :func:`gwet_ac1`, which stays meaningful when nearly every grade is
the same. :func:`agreement` computes one of them straight from assessments, per
criterion and overall; :func:`disagreements` lists the cases and criteria that most need
moderation.

Examples
--------
>>> import numpy as np
>>> data = np.array([[1, 2, 3, 3], [1, 2, 3, 4], [np.nan, 2, 3, 4]])
>>> round(float(krippendorff_alpha(data, level="ordinal")), 3)
0.92
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.assessment import Assessment, Role
from lscbqa.model import Framework
from lscbqa.scoring import _agreement_kernels as kernels
from lscbqa.scoring import _ratings
from lscbqa.scoring._coefficients import (
    LEVELS,
    AgreementResult,
    _alpha,
    _choice,
    _cohen_result,
    _gwet,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
)

__all__ = [
    "AgreementReport",
    "AgreementResult",
    "Disagreement",
    "agreement",
    "cohen_kappa",
    "disagreements",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
]

Floats = npt.NDArray[np.float64]

STATISTICS = ("krippendorff", "fleiss", "gwet", "cohen")
_COHEN_WEIGHTS = {"nominal": None, "ordinal": "linear", "interval": "quadratic"}

# -- from assessments ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Grid:
    """Ratings as numbers: one raters x subjects array per criterion."""

    raters: tuple[str, ...]
    subjects: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    positions: tuple[Floats, ...]
    numbers: tuple[Floats, ...]
    scale_sizes: tuple[int, ...]
    codes: tuple[tuple[str, ...], ...]


def _grid(
    assessments: Iterable[Assessment], framework: Framework | None, role: Role | str | None
) -> _Grid:
    """Every rating of the role as numbers; not-applicable ratings are missing values."""
    wanted = None if role is None else Role(_choice(role, [r.value for r in Role], "$.role"))
    found = _ratings.gather(assessments, framework, role=wanted)
    rated = ~found.not_applicable
    shape = (len(found.raters), len(found.subjects))
    positions, numbers = [], []
    for criterion, scale in enumerate(found.scales):
        mine = rated & (found.criterion == criterion)
        grid = np.full(shape, np.nan)
        grid[found.rater[mine], found.subject[mine]] = found.position[mine]
        value_of = np.array([level.value for level in scale.levels])
        positions.append(grid)
        numbers.append(
            np.where(np.isnan(grid), np.nan, value_of[np.nan_to_num(grid).astype(np.int64)])
        )
    return _Grid(
        raters=found.raters,
        subjects=found.subjects,
        criterion_ids=tuple(c.id for c in found.criteria),
        positions=tuple(positions),
        numbers=tuple(numbers),
        scale_sizes=tuple(len(scale.levels) for scale in found.scales),
        codes=tuple(scale.codes for scale in found.scales),
    )


def _coefficient(
    statistic: str, level: str, positions: Floats, numbers: Floats, k: int
) -> AgreementResult:
    """One statistic over raters x units, from level positions (and level values)."""
    if statistic == "krippendorff":
        # Interval alpha is the same on positions or normalised values; ratio needs values.
        return _alpha(numbers if level == "ratio" else positions, level, 0, None, 0.95)
    codes = np.where(np.isnan(positions), -1, np.nan_to_num(positions)).astype(np.int64)
    if statistic == "gwet":
        return _gwet(kernels.unit_counts(codes, k), k, 0, None, 0.95)
    if statistic == "cohen":
        both = (codes >= 0).all(axis=0)
        weights = _COHEN_WEIGHTS[level]
        return _cohen_result(codes[0, both], codes[1, both], k, weights, 0.95)
    counts = kernels.unit_counts(codes, k)
    counts = counts[counts.sum(axis=1) > 0]
    raters = counts.sum(axis=1)
    if counts.shape[0] == 0:
        nan = float("nan")
        return AgreementResult(
            statistic="fleiss_kappa",
            value=nan,
            observed=nan,
            expected=nan,
            measures="agreement",
            units=0,
            ratings=0,
        )
    if raters.min() < 2 or (raters != raters[0]).any():
        _util.fail(
            "$",
            "expected the same number of raters (at least 2) for every rated criterion and "
            "subject, as Fleiss' kappa needs; use statistic='krippendorff' or 'gwet'",
        )
    return fleiss_kappa(counts)


@attrs.frozen(kw_only=True, eq=False)
class AgreementReport:
    """Agreement between raters, per criterion and over all criteria.

    Attributes
    ----------
    statistic, level : str
        What was computed.
    raters, subjects : tuple of str
        Who rated (a rating's ``rater``, else its assessment's id) and what.
    overall : AgreementResult
        Every criterion's units pooled.
    by_criterion : mapping of str to AgreementResult
        One result per criterion, in framework order.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> report = agreement([], framework=_example())
    >>> report.raters, math.isnan(report.overall.value)
    ((), True)
    """

    statistic: str
    level: str
    raters: tuple[str, ...]
    subjects: tuple[str, ...]
    overall: AgreementResult
    by_criterion: Mapping[str, AgreementResult]

    def least_agreed(self) -> tuple[str, ...]:
        """Criteria from the least agreed on to the most; undefined ones last.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> agreement([], framework=_example()).least_agreed()
        ('c1', 'c2', 'c2.a')
        """
        return tuple(
            sorted(
                self.by_criterion,
                key=lambda c: (math.isnan(self.by_criterion[c].value), self.by_criterion[c].value),
            )
        )


def agreement(
    assessments: Iterable[Assessment],
    *,
    framework: Framework | None = None,
    statistic: str = "krippendorff",
    level: str = "ordinal",
    role: Role | str | None = None,
) -> AgreementReport:
    """How well raters agree, straight from their assessments' ratings.

    Several raters grade the same subjects (cases, agencies) against one framework:
    each in an assessment of their own, or naming themselves in ``Rating.rater``.
    A unit is one criterion of one subject.

    Parameters
    ----------
    assessments : iterable of Assessment
        Assessments of one framework.
    framework : Framework, optional
        That framework; by default the registered one the assessments name.
    statistic : {"krippendorff", "fleiss", "gwet", "cohen"}
        The coefficient.
    level : {"nominal", "ordinal", "interval", "ratio"}
        For Krippendorff's alpha, the level of measurement; for Cohen's kappa, the
        weights (nominal: none, ordinal: linear, interval: quadratic). Fleiss' kappa
        and Gwet's AC1 are nominal.
    role : Role or str, optional
        Only ratings of this role; by default every rating.

    Returns
    -------
    AgreementReport

    Raises
    ------
    ValidationError
        If assessments name different frameworks, a rating names an unknown
        criterion or a level off its scale, one rater rated a unit twice, Cohen's
        kappa is asked of other than two raters, or Fleiss' kappa of units with
        different numbers of raters.

    Notes
    -----
    A rating's rater is its ``rater`` field, or, when it names none, the assessment
    it belongs to (one assessment per auditor). Levels become their positions on the
    criterion's scale (``framework.scale_for``), lowest 0, so unused levels keep
    their place; ratio alpha uses the levels' values. Not-applicable ratings are
    missing values. The overall result pools every criterion's units; pooling makes
    sense when criteria share a scale.

    Examples
    --------
    >>> from lscbqa.assessment import Assessment, Rating
    >>> from lscbqa.model import _example
    >>> grades = {
    ...     "police": ["good", "good", "inadequate"],
    ...     "health": ["good", "outstanding", "inadequate"],
    ... }
    >>> audits = [
    ...     Assessment(id=f"{agency}-case{case}", framework_id="example", subject=f"case{case}",
    ...                ratings=[Rating(criterion_id="c1", level=level)])
    ...     for agency, levels in grades.items() for case, level in enumerate(levels)
    ... ]
    >>> report = agreement(audits, framework=_example(), level="ordinal")
    >>> round(report.by_criterion["c1"].value, 3), report.overall.units
    (0.778, 3)
    """
    statistic = _choice(statistic, STATISTICS, "$.statistic")
    level = _choice(level, LEVELS, "$.level")
    grid = _grid(assessments, framework, role)
    if statistic == "cohen":
        if level == "ratio":
            _util.fail("$.level", "expected 'nominal', 'ordinal' or 'interval' for Cohen's kappa")
        if len(grid.raters) != 2:
            _util.fail(
                "$", f"expected exactly 2 raters for Cohen's kappa; found {len(grid.raters)}"
            )
    by_criterion = {
        criterion_id: _coefficient(statistic, level, positions, numbers, size)
        for criterion_id, positions, numbers, size in zip(
            grid.criterion_ids, grid.positions, grid.numbers, grid.scale_sizes, strict=True
        )
    }
    width = max(grid.scale_sizes, default=1)
    pooled = (
        np.concatenate(grid.positions, axis=1) if grid.positions else np.zeros((0, 0)),
        np.concatenate(grid.numbers, axis=1) if grid.numbers else np.zeros((0, 0)),
    )
    return AgreementReport(
        statistic=statistic,
        level=level,
        raters=grid.raters,
        subjects=grid.subjects,
        overall=_coefficient(statistic, level, *pooled, width),
        by_criterion=_util.FrozenDict(by_criterion),
    )


@attrs.frozen(kw_only=True)
class Disagreement:
    """One criterion of one subject on which raters differ.

    Parameters
    ----------
    subject : str
        The case or agency.
    criterion_id : str
        The criterion.
    levels : mapping of str to str
        Each rater's level.
    spread : int
        Levels between the lowest and the highest rating.
    discordant : float
        The share of pairs of raters who gave different levels.

    Examples
    --------
    >>> Disagreement(subject="case1", criterion_id="c1", levels={"a": "good", "b": "inadequate"},
    ...              spread=2, discordant=1.0).spread
    2
    """

    subject: str
    criterion_id: str
    levels: Mapping[str, str] = attrs.field(converter=_util.to_frozendict)
    spread: int
    discordant: float


def disagreements(
    assessments: Iterable[Assessment],
    *,
    framework: Framework | None = None,
    role: Role | str | None = None,
) -> tuple[Disagreement, ...]:
    """The criteria and cases that most need moderation: where raters differ, widest first.

    Parameters
    ----------
    assessments, framework, role
        As for :func:`agreement`.

    Returns
    -------
    tuple of Disagreement
        One per subject and criterion rated differently by two or more raters,
        ordered by spread (levels apart), then by the share of discordant rater
        pairs, then by framework and subject order.

    Raises
    ------
    ValidationError
        As :func:`agreement`.

    Examples
    --------
    >>> from lscbqa.assessment import Assessment, Rating
    >>> from lscbqa.model import _example
    >>> audits = [
    ...     Assessment(id=agency, framework_id="example", subject="case1",
    ...                ratings=[Rating(criterion_id="c1", level=level)])
    ...     for agency, level in [("police", "good"), ("health", "inadequate"), ("school", "good")]
    ... ]
    >>> found = disagreements(audits, framework=_example())
    >>> [(d.criterion_id, d.spread, round(d.discordant, 3)) for d in found]
    [('c1', 2, 0.667)]
    """
    grid = _grid(assessments, framework, role)
    found: list[tuple[int, float, int, int, Disagreement]] = []
    for criterion, positions in enumerate(grid.positions):
        rated = (~np.isnan(positions)).sum(axis=0)
        spread = np.nanmax(
            np.where(rated >= 2, positions, np.nan), axis=0, initial=-1.0
        ) - np.nanmin(np.where(rated >= 2, positions, np.nan), axis=0, initial=np.inf)
        for subject in np.flatnonzero((rated >= 2) & (spread > 0)).tolist():
            column = positions[:, subject]
            raters = np.flatnonzero(~np.isnan(column))
            values = column[raters].astype(np.int64)
            counts = np.bincount(values)
            pairs = len(values) * (len(values) - 1)
            discordant = 1.0 - float((counts * (counts - 1)).sum()) / pairs
            found.append(
                (
                    -int(spread[subject]),
                    -discordant,
                    criterion,
                    subject,
                    Disagreement(
                        subject=grid.subjects[subject],
                        criterion_id=grid.criterion_ids[criterion],
                        levels={
                            grid.raters[r]: grid.codes[criterion][v]
                            for r, v in zip(raters.tolist(), values.tolist(), strict=True)
                        },
                        spread=int(spread[subject]),
                        discordant=discordant,
                    ),
                )
            )
    return tuple(entry[-1] for entry in sorted(found, key=lambda entry: entry[:4]))
