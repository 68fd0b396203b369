"""Ratings by several raters, gathered into flat arrays, checked once.

Agreement and the bootstrap both read many raters' ratings of the same subjects: each
rating becomes one entry (subject, rater, criterion, level position), with every
problem collected and reported with its path. A rating's rater is its ``rater`` field,
or, when it names none, the assessment it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.assessment import Assessment, Role
from lscbqa.criteria import Criterion
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.frameworks.registry import get
from lscbqa.model import Framework
from lscbqa.scales import RatingScale

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@attrs.frozen(kw_only=True)
class Gathered:
    """One entry per rating: who rated which subject's criterion, and at what level."""

    framework: Framework
    subjects: tuple[str, ...]
    raters: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    scales: tuple[RatingScale, ...]
    subject: Ints
    rater: Ints
    criterion: Ints
    position: Floats  # the level's position on its scale, lowest 0; NaN if not applicable
    not_applicable: Bools


def framework_of(items: list[Assessment], framework: Framework | None) -> Framework:
    """The framework given, else the registered one the assessments all name."""
    names = sorted({a.framework_id for a in items})
    if len(names) > 1:
        listed = ", ".join(map(repr, names))
        _util.fail("$", f"expected assessments of one framework; found {listed}")
    if framework is not None:
        return framework
    if not names:
        _util.fail("$", "expected assessments, or a framework")
    return get(names[0])


def gather(
    assessments: Iterable[Assessment],
    framework: Framework | None,
    *,
    role: Role | None,
    evidence_only: bool = False,
) -> Gathered:
    """Every rating of ``role`` (any role if None) as entries; problems raise together.

    Raises
    ------
    ValidationError
        If assessments name different frameworks, a rating names an unknown criterion
        or a level off its scale, or one rater rated one subject's criterion twice.
    """
    items = list(assessments)
    chosen = framework_of(items, framework)
    criteria = chosen.criteria()
    column = {criterion.id: index for index, criterion in enumerate(criteria)}
    scales = tuple(chosen.scale_for(criterion.id) for criterion in criteria)
    subjects: dict[str, int] = {}
    raters: dict[str, int] = {}
    seen: dict[tuple[int, int, int], str] = {}
    entries: list[tuple[int, int, int, float, bool]] = []
    problems: list[Problem] = []
    for row, assessment in enumerate(items):
        subject = subjects.setdefault(assessment.subject, len(subjects))
        for place, rating in enumerate(assessment.ratings):
            if (role is not None and rating.role != role) or (
                evidence_only and not rating.evidence_ids
            ):
                continue
            path = f"$[{row}].ratings[{place}]"
            criterion = column.get(rating.criterion_id)
            if criterion is None:
                problems.append(
                    Problem(
                        f"{path}.criterion_id",
                        f"expected a criterion of {chosen.id!r}; found {rating.criterion_id!r}",
                    )
                )
                continue
            scale = scales[criterion]
            if not rating.is_not_applicable and rating.level not in scale:
                problems.append(
                    Problem(
                        f"{path}.level",
                        f"expected a level of scale {scale.id!r}; found {rating.level!r}",
                    )
                )
                continue
            rater = raters.setdefault(rating.rater or assessment.id, len(raters))
            key = (subject, rater, criterion)
            if key in seen:
                problems.append(
                    Problem(
                        path,
                        f"expected one rating of {rating.criterion_id!r} for "
                        f"{assessment.subject!r} per rater; {seen[key]} has one by the same "
                        "rater (pass role= to choose one role)",
                    )
                )
                continue
            seen[key] = path
            position = np.nan if rating.is_not_applicable else scale.codes.index(rating.level)
            entries.append((subject, rater, criterion, position, rating.is_not_applicable))
    if problems:
        raise ValidationError(problems)
    table = np.array(entries, dtype=np.float64).reshape(-1, 5)
    return Gathered(
        framework=chosen,
        subjects=tuple(subjects),
        raters=tuple(raters),
        criteria=criteria,
        scales=scales,
        subject=table[:, 0].astype(np.int64),
        rater=table[:, 1].astype(np.int64),
        criterion=table[:, 2].astype(np.int64),
        position=table[:, 3],
        not_applicable=table[:, 4] > 0,
    )
