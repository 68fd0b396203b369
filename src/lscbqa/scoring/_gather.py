"""Ratings of many assessments into one subjects x criteria array, column-wise.

The scoring engine's input step. A Python loop that visited each rating and placed
its value cost about 300 ns a rating, more than the whole evaluation. Here the
ratings of the role asked for are picked first (one list comprehension per
assessment); one comprehension then finds each rating's place, criterion x level,
with two dictionary lookups; everything after that is numpy on integer codes. Only
the ratings that cite evidence are visited again, and, when a rating names an
unknown criterion or a level off its scale, the ids are looked up column by column
to find which.

Problems are reported as the per-rating loop reported them: in assessment and
rating order, at most one per rating, with the same paths and messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa.assessment import Assessment, Rating, Role
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.model import Framework
from lscbqa.scales import NOT_APPLICABLE

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Bits = npt.NDArray[np.uint8]
Indices = npt.NDArray[np.signedinteger[Any]]

# What, if anything, is wrong with one rating (checked in this order; the first wins).
_FINE, _UNKNOWN_CRITERION, _DUPLICATE, _OFF_SCALE = 0, 1, 2, 3


@attrs.frozen
class LevelTable:
    """Every level code any criterion's scale uses, and what each is worth where.

    ``codes`` numbers the codes, then gives ``NOT_APPLICABLE`` the number
    ``not_applicable``; ``unknown`` is the number of any other string.
    ``values[column, code]`` is the normalised value of that level for that
    criterion, NaN where the level is not on the criterion's scale (or is not
    applicable); ``allowed[column, code]`` says whether a rating may use it.
    ``keys[criterion_id][code]`` is ``column * values.shape[1] + code`` for every
    level a rating of that criterion may use.
    """

    codes: dict[str, int]
    not_applicable: int
    unknown: int
    values: Floats
    allowed: Bools
    keys: dict[str, dict[str, int]]

    @classmethod
    def of(
        cls, criterion_ids: Sequence[str], level_values: Sequence[dict[str, float]]
    ) -> LevelTable:
        """Build the table from each criterion's id and ``{code: normalised value}``.

        Examples
        --------
        >>> table = LevelTable.of(["a", "b"], [{"no": 0.0, "yes": 1.0}, {"low": 0.0, "yes": 1.0}])
        >>> table.codes, table.values[1, table.codes["yes"]], bool(table.allowed[0, 2])
        ({'no': 0, 'yes': 1, 'low': 2, 'not_applicable': 3}, np.float64(1.0), False)
        >>> table.keys["b"]
        {'low': 7, 'yes': 6, 'not_applicable': 8}
        """
        codes: dict[str, int] = {}
        for by_code in level_values:
            for code in by_code:
                codes.setdefault(code, len(codes))
        not_applicable, unknown = len(codes), len(codes) + 1
        values = np.full((len(level_values), len(codes) + 2), np.nan)
        allowed = np.zeros(values.shape, dtype=np.bool_)
        for column, by_code in enumerate(level_values):
            for code, value in by_code.items():
                values[column, codes[code]] = value
                allowed[column, codes[code]] = True
        allowed[:, not_applicable] = True
        codes[NOT_APPLICABLE] = not_applicable  # never a scale's code: scales forbid it
        keys = {
            criterion_id: {
                code: column * values.shape[1] + codes[code] for code in (*by_code, NOT_APPLICABLE)
            }
            for column, (criterion_id, by_code) in enumerate(
                zip(criterion_ids, level_values, strict=True)
            )
        }
        values.flags.writeable = False
        allowed.flags.writeable = False
        return cls(codes, not_applicable, unknown, values, allowed, keys)


def gather(
    assessments: Sequence[Assessment],
    *,
    framework: Framework,
    columns: dict[str, int],
    levels: LevelTable,
    role: Role,
    rater: str | None,
) -> tuple[Floats, Bools, Bits]:
    """The ratings of ``role`` (and ``rater``) as values, not-applicable flags and evidence.

    Returns ``values`` (subjects x criteria, NaN where unrated or not applicable),
    ``not_applicable`` (same shape) and ``evidence`` (subjects x criteria x bytes: bit
    ``b`` of a cell is set when that rating cites the assessment's ``b``-th distinct
    piece of evidence).

    Raises
    ------
    ValidationError
        A rating names a criterion the framework lacks, repeats a criterion already
        rated in that role, or gives a level off its criterion's scale.

    Examples
    --------
    >>> from lscbqa.assessment import Rating
    >>> from lscbqa.model import _example
    >>> framework = _example()
    >>> assessment = Assessment(id="a", framework_id="example", subject="s", ratings=[
    ...     Rating(criterion_id="c1", level="good", role="moderated")])
    >>> ids = [c.id for c in framework.criteria()]
    >>> table = LevelTable.of(ids, [
    ...     {code: framework.scale_for(i).normalise(code) for code in framework.scale_for(i).codes}
    ...     for i in ids])
    >>> values, _, _ = gather([assessment], framework=framework,
    ...     columns={i: n for n, i in enumerate(ids)}, levels=table,
    ...     role=Role.MODERATED, rater=None)
    >>> values.round(3).tolist()
    [[0.667, nan, nan]]
    """
    rows, width = len(assessments), len(columns)
    chosen, counts = _choose(assessments, role, rater)
    total = len(chosen)
    # Small index types keep the peak memory a few times the size of the result.
    wide = np.int32 if rows * width < 2**31 else np.int64
    row_of: Indices = np.repeat(np.arange(rows, dtype=wide), counts)
    # A level's place in the table: criterion x level code, flattened. A known criterion
    # rated at a level of its scale has one, found with two dictionary lookups.
    size = levels.values.shape[1]
    try:
        key = np.array([levels.keys[r.criterion_id][r.level] for r in chosen], dtype=np.int32)
    except KeyError:  # an unknown criterion or a level off its scale: find which, below
        column = _numbers(columns, [r.criterion_id for r in chosen], missing=-1)
        code = _numbers(levels.codes, [r.level for r in chosen], missing=levels.unknown)
        unknown = column < 0
        placed: slice | Indices = np.flatnonzero(~unknown)
        key = column[placed].astype(np.int32) * size + code[placed]
        del column, code
    else:
        unknown = np.zeros(total, dtype=np.bool_)
        placed = slice(None)  # every rating, and no copies
    cell = row_of[placed] * width + key // size
    repeated = _repeats(cell, rows * width)
    off_scale = ~levels.allowed.ravel().take(key) & ~repeated
    if unknown.any() or repeated.any() or off_scale.any():
        fault = np.full(total, _FINE, dtype=np.int8)
        fault[unknown] = _UNKNOWN_CRITERION
        fault[np.arange(total)[placed][repeated]] = _DUPLICATE
        fault[np.arange(total)[placed][off_scale]] = _OFF_SCALE
        raise ValidationError(
            _problems(assessments, chosen, fault, row_of, counts, framework, role, rater)
        )

    worth = levels.values.ravel().take(key)  # NaN exactly where not applicable
    values = np.full(rows * width, np.nan)
    values[cell] = worth
    not_applicable = np.zeros(rows * width, dtype=np.bool_)
    not_applicable[cell] = np.isnan(worth)
    evidence = _evidence(assessments, chosen, placed, cell, row_of, rows * width)
    return (
        values.reshape((rows, width)),
        not_applicable.reshape((rows, width)),
        evidence.reshape((rows, width, evidence.shape[1])),
    )


def _choose(
    assessments: Sequence[Assessment], role: Role, rater: str | None
) -> tuple[list[Rating], list[int]]:
    """The ratings of ``role`` (and ``rater``), assessment by assessment, and how many each gave.

    Filtering first halves the work when, as in a Section 11 return, every
    assessment also holds its self ratings.
    """
    chosen: list[Rating] = []
    counts: list[int] = []
    # A rating's role is always a Role member (Rating converts and checks it), so
    # identity decides, a little faster than equality.
    for assessment in assessments:
        if rater is None:
            picked = [r for r in assessment.ratings if r.role is role]
        else:
            picked = [r for r in assessment.ratings if r.role is role and r.rater == rater]
        chosen += picked
        counts.append(len(picked))
    return chosen, counts


def _numbers(numbering: dict[str, int], strings: list[str], *, missing: int) -> Indices:
    """Each string's number in ``numbering``, ``missing`` for the rest.

    Only the path that looks for problems uses this, so it favours plainness.

    Examples
    --------
    >>> _numbers({"a": 0, "b": 1}, ["b", "z", "a"], missing=-1).tolist()
    [1, -1, 0]
    """
    return np.fromiter(map(numbering.get, strings, repeat(missing)), np.int32, len(strings))


def _repeats(cell: Indices, size: int) -> Bools:
    """Which cells an earlier rating already filled (the first rating of a cell stands)."""
    filled = np.zeros(size, dtype=np.bool_)
    filled[cell] = True
    repeated = np.zeros(len(cell), dtype=np.bool_)
    if np.count_nonzero(filled) == len(cell):
        return repeated
    order = np.argsort(cell, kind="stable")  # a cell's ratings in their order
    ordered = cell[order]
    repeated[order[1:][ordered[1:] == ordered[:-1]]] = True
    return repeated


def _evidence(
    assessments: Sequence[Assessment],
    ratings: Sequence[Rating],
    placed: slice | Indices,
    cell: Indices,
    row_of: Indices,
    size: int,
) -> Bits:
    """Bit ``b`` of a cell is set when its rating cites the row's ``b``-th distinct evidence.

    ``placed`` selects the ratings placed in the array, ``cell`` gives their cells.
    """
    # A rating cites only its own assessment's evidence (Assessment checks that), so
    # without any evidence there is nothing to read.
    if not any(assessment.evidence for assessment in assessments):
        return np.zeros((size, 0), dtype=np.uint8)
    cited_at: list[int] = []
    cited_bits: list[int] = []
    current_row = -1
    numbers: dict[str, int] = {}
    positions = np.arange(len(ratings))[placed]
    for position, target in zip(positions.tolist(), cell.tolist(), strict=True):
        evidence_ids = ratings[position].evidence_ids
        if not evidence_ids:
            continue
        row = int(row_of[position])
        if row != current_row:
            current_row, numbers = row, {}
        for evidence_id in evidence_ids:
            cited_at.append(target)
            cited_bits.append(numbers.setdefault(evidence_id, len(numbers)))
    bits = np.array(cited_bits, dtype=np.int64)
    evidence = np.zeros((size, int(bits.max(initial=-1)) // 8 + 1), dtype=np.uint8)
    np.bitwise_or.at(
        evidence,
        (np.array(cited_at, dtype=np.int64), bits // 8),
        np.left_shift(1, bits % 8).astype(np.uint8),
    )
    return evidence


def _problems(
    assessments: Sequence[Assessment],
    chosen: Sequence[Rating],
    fault: npt.NDArray[np.int8],
    row_of: Indices,
    counts: list[int],
    framework: Framework,
    role: Role,
    rater: str | None,
) -> list[Problem]:
    """One problem per faulty rating, in assessment and rating order."""
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.intp)
    several = len(assessments) > 1
    problems = []
    places: dict[int, list[int]] = {}  # per faulty assessment, found once
    for index in np.flatnonzero(fault).tolist():
        row = int(row_of[index])
        rating = chosen[index]
        # Where the rating sits among all of its assessment's ratings, chosen or not.
        if row not in places:
            places[row] = _places(assessments[row], role, rater)
        place = places[row][index - int(starts[row])]
        where = f"$[{row}].ratings[{place}]" if several else f"$.ratings[{place}]"
        kind = int(fault[index])
        if kind == _UNKNOWN_CRITERION:
            problems.append(
                Problem(
                    f"{where}.criterion_id",
                    f"expected a criterion of {framework.id!r}; found {rating.criterion_id!r}",
                )
            )
        elif kind == _DUPLICATE:
            problems.append(
                Problem(
                    where,
                    f"expected one {role.value} rating of {rating.criterion_id!r}; found "
                    "several (raters differ: pass rater= to choose one)",
                )
            )
        else:
            scale = framework.scale_for(rating.criterion_id)
            problems.append(
                Problem(
                    f"{where}.level",
                    f"expected a level of scale {scale.id!r}; found {rating.level!r}",
                )
            )
    return problems


def _places(assessment: Assessment, role: Role, rater: str | None) -> list[int]:
    """The positions in ``assessment.ratings`` of the ratings :func:`_choose` picks."""
    return [
        place
        for place, r in enumerate(assessment.ratings)
        if r.role is role and (rater is None or r.rater == rater)
    ]
