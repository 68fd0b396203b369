"""The moderation gap: how far agencies' self-ratings sit above the board's moderated ones.

Section 11 returns are self-assessed, then challenged and moderated. The gap,
self minus moderated on the normalised 0-1 scale, shows which agencies rate
themselves optimistically and on which standards.

Examples
--------
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> police = Assessment(id="police-2024", framework_id="example", subject="police", ratings=[
...     Rating(criterion_id="c1", level="outstanding", role="self"),
...     Rating(criterion_id="c1", level="good", role="moderated"),
... ])
>>> gap = moderation_gap([police], framework=_example())
>>> [(s.key, round(s.mean_gap, 3), s.optimistic) for s in gap.by_agency()]
[('police', 0.333, 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa.assessment import Assessment, Role
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.frameworks.registry import get
from lscbqa.model import Framework
from lscbqa.policy import ScoringPolicy
from lscbqa.scoring.engine import _Compiled

__all__ = ["ModerationGap", "OptimismSummary", "moderation_gap"]


@attrs.frozen(kw_only=True)
class OptimismSummary:
    """The gap summed up for one agency, criterion or domain.

    Parameters
    ----------
    key : str
        The agency (subject), criterion or domain.
    pairs : int
        How many (assessment, criterion) pairs had both a self and a moderated score.
    mean_gap : float
        Mean of self minus moderated, normalised; positive is optimistic. NaN
        without pairs.
    optimistic, agreed, pessimistic : int
        Pairs with self above, equal to and below moderated.

    Examples
    --------
    >>> OptimismSummary(key="police", pairs=2, mean_gap=0.25, optimistic=1, agreed=1, pessimistic=0)
    OptimismSummary(key='police', pairs=2, mean_gap=0.25, optimistic=1, agreed=1, pessimistic=0)
    """

    key: str
    pairs: int
    mean_gap: float
    optimistic: int
    agreed: int
    pessimistic: int


@attrs.frozen(kw_only=True, eq=False)
class ModerationGap:
    """Self minus moderated normalised scores, per assessment and criterion.

    Attributes
    ----------
    gap : ndarray of float
        Assessments x criteria; NaN where either rating is missing or not applicable.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> moderation_gap([], framework=_example()).gap.shape
    (0, 3)
    """

    framework: Framework = attrs.field(repr=False)
    assessment_ids: tuple[str, ...]
    subjects: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    gap: npt.NDArray[np.float64] = attrs.field(repr=False)

    def by_agency(self) -> tuple[OptimismSummary, ...]:
        """One summary per agency (subject), most optimistic first.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> moderation_gap([], framework=_example()).by_agency()
        ()
        """
        rows = np.array(self.subjects, dtype=object)
        return _ranked_all((key, self.gap[rows == key, :]) for key in dict.fromkeys(self.subjects))

    def by_criterion(self) -> tuple[OptimismSummary, ...]:
        """One summary per criterion, most optimistic first.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> [s.key for s in moderation_gap([], framework=_example()).by_criterion()]
        ['c1', 'c2', 'c2.a']
        """
        return _ranked_all(
            (criterion_id, self.gap[:, [column]])
            for column, criterion_id in enumerate(self.criterion_ids)
        )

    def by_domain(self) -> tuple[OptimismSummary, ...]:
        """One summary per top-level domain (over all criteria in it), most optimistic first.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> [s.key for s in moderation_gap([], framework=_example()).by_domain()]
        ['d']
        """
        columns = {criterion_id: i for i, criterion_id in enumerate(self.criterion_ids)}
        groups = []
        for domain in self.framework.domains:
            inside = [
                columns[node.id]
                for node in self.framework.criteria()
                if self.framework.path_to(node.id)[0] == domain.id
            ]
            groups.append((domain.id, self.gap[:, inside]))
        return _ranked_all(groups)

    def records(self) -> list[dict[str, Any]]:
        """One dict per assessment and criterion with both ratings: ids and the gap.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> moderation_gap([], framework=_example()).records()
        []
        """
        rows, columns = np.nonzero(~np.isnan(self.gap))
        return [
            {
                "assessment_id": self.assessment_ids[row],
                "subject": self.subjects[row],
                "criterion_id": self.criterion_ids[column],
                "gap": float(self.gap[row, column]),
            }
            for row, column in zip(rows.tolist(), columns.tolist(), strict=True)
        ]


def _summary(key: str, values: npt.NDArray[np.float64]) -> OptimismSummary:
    present = values[~np.isnan(values)]
    return OptimismSummary(
        key=key,
        pairs=int(present.size),
        mean_gap=float(present.mean()) if present.size else float("nan"),
        optimistic=int((present > 1e-12).sum()),
        agreed=int((np.abs(present) <= 1e-12).sum()),
        pessimistic=int((present < -1e-12).sum()),
    )


def _ranked_all(
    groups: Iterable[tuple[str, npt.NDArray[np.float64]]],
) -> tuple[OptimismSummary, ...]:
    summaries = [_summary(key, values) for key, values in groups]
    return tuple(sorted(summaries, key=lambda s: -s.mean_gap if s.pairs else float("inf")))


def moderation_gap(
    assessments: Sequence[Assessment], *, framework: Framework | None = None
) -> ModerationGap:
    """Self minus moderated, normalised, for every assessment and criterion.

    Parameters
    ----------
    assessments : sequence of Assessment
        Assessments of one framework, each with self and moderated ratings.
    framework : Framework, optional
        That framework; by default the registered one the assessments name.

    Returns
    -------
    ModerationGap
        Summaries by agency, criterion and domain, and records.

    Raises
    ------
    ValidationError
        If the assessments name different frameworks, or a rating names an
        unknown criterion or a level not on its scale.

    Notes
    -----
    A rating's normalised score is ``(value - lowest) / (highest - lowest)`` on
    its criterion's scale, so gaps on different scales are comparable. Pairs
    where either rating is missing or not applicable are left out.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> moderation_gap([], framework=_example()).by_criterion()[0].pairs
    0
    """
    items = list(assessments)
    names = sorted({a.framework_id for a in items})
    if len(names) > 1:
        raise ValidationError(
            [
                Problem(
                    "$",
                    f"expected assessments of one framework; found {', '.join(map(repr, names))}",
                )
            ]
        )
    if framework is None:
        if not names:
            raise ValidationError([Problem("$", "expected assessments, or a framework")])
        framework = get(names[0])
    # The default policy leaves not-applicable ratings out, whatever the framework says.
    compiled = _Compiled(framework, ScoringPolicy())
    own, _, _ = compiled.arrays(items, Role.SELF, None)
    moderated, _, _ = compiled.arrays(items, Role.MODERATED, None)
    return ModerationGap(
        framework=framework,
        assessment_ids=tuple(a.id for a in items),
        subjects=tuple(a.subject for a in items),
        criterion_ids=tuple(c.id for c in compiled.criteria),
        gap=own - moderated,
    )
