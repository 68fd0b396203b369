"""Score tables: the results of many assessments, as arrays, records or a DataFrame.

Examples
--------
>>> from lscbqa.scoring import score_many
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> table = score_many(_example(), [
...     Assessment(id="a1", framework_id="example", subject="police",
...                ratings=[Rating(criterion_id="c1", level="good", role="moderated")]),
... ])
>>> record = table.records()[0]
>>> record["assessment_id"], record["node_id"], record["level"]
('a1', 'c1', 'good')
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.exceptions import NotFoundError
from lscbqa.model import Framework
from lscbqa.policy import ScoringPolicy
from lscbqa.scoring.scorecard import NodeResult, Scorecard, Status

__all__ = ["ScoreTable"]

_STATUSES = (Status.SCORED, Status.NOT_APPLICABLE, Status.UNRATED, Status.INSUFFICIENT_EVIDENCE)


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


@attrs.frozen(kw_only=True, eq=False)
class ScoreTable:
    """Results of scoring many assessments: one row per assessment, one column per node.

    The arrays are subjects x nodes; nodes run children before parents, the
    overall judgement last (see ``node_ids``). Build one with
    :func:`~lscbqa.scoring.score_many`.

    Attributes
    ----------
    score, unlimited_score, coverage : ndarray of float
        NaN where there is none.
    level : ndarray of int
        Index into the node's scale codes (``level_codes``); -1 without a score.
    status : ndarray of int
        Index into ``Status`` in the order scored, not applicable, unrated,
        insufficient evidence.
    limited_by : ndarray of int
        Index of the last limiting rule that changed the result; -1 for none.

    Examples
    --------
    >>> from lscbqa.scoring import score_many
    >>> from lscbqa.model import _example
    >>> table = score_many(_example(), [])
    >>> len(table), table.node_ids[-1]
    (0, 'overall')
    """

    framework: Framework = attrs.field(repr=False)
    policy: ScoringPolicy
    role: str
    assessment_ids: tuple[str, ...]
    subjects: tuple[str, ...]
    node_ids: tuple[str, ...]
    kinds: tuple[str, ...]
    level_codes: tuple[tuple[str, ...], ...]
    aggregators: tuple[str, ...]
    score: npt.NDArray[np.float64] = attrs.field(repr=False)
    unlimited_score: npt.NDArray[np.float64] = attrs.field(repr=False)
    level: npt.NDArray[np.int8] = attrs.field(repr=False)
    status: npt.NDArray[np.int8] = attrs.field(repr=False)
    coverage: npt.NDArray[np.float64] = attrs.field(repr=False)
    scored: npt.NDArray[np.int16] = attrs.field(repr=False)
    applicable: npt.NDArray[np.int16] = attrs.field(repr=False)
    evidence: npt.NDArray[np.int32] = attrs.field(repr=False)
    limited_by: npt.NDArray[np.int16] = attrs.field(repr=False)
    aggregated: npt.NDArray[np.bool_] = attrs.field(repr=False)

    def __len__(self) -> int:
        return len(self.assessment_ids)

    def column(self, node_id: str) -> int:
        """The column of a node (or ``"overall"``) in the arrays.

        Raises
        ------
        NotFoundError
            If the framework has no such node.

        Examples
        --------
        >>> from lscbqa.scoring import score_many
        >>> from lscbqa.model import _example
        >>> score_many(_example(), []).column("overall")
        4
        """
        try:
            return self.node_ids.index(node_id)
        except ValueError:
            raise NotFoundError(f"no node {node_id!r} in the table") from None

    def scores_of(self, node_id: str) -> npt.NDArray[np.float64]:
        """The score of one node for every assessment (NaN where none).

        Examples
        --------
        >>> from lscbqa.scoring import score_many
        >>> from lscbqa.model import _example
        >>> score_many(_example(), []).scores_of("d").shape
        (0,)
        """
        return self.score[:, self.column(node_id)]

    def result(self, row: int, column: int) -> NodeResult:
        """The result of one node for one assessment.

        Examples
        --------
        >>> from lscbqa.scoring import score_many
        >>> from lscbqa.assessment import Assessment
        >>> from lscbqa.model import _example
        >>> blank = Assessment(id="a", framework_id="example", subject="s")
        >>> table = score_many(_example(), [blank])
        >>> table.result(0, table.column("c1")).status
        <Status.UNRATED: 'unrated'>
        """
        status = _STATUSES[int(self.status[row, column])]
        level = int(self.level[row, column])
        rule = int(self.limited_by[row, column])
        coverage = _optional(self.coverage[row, column])
        return NodeResult(
            node_id=self.node_ids[column],
            kind=self.kinds[column],
            status=status,
            score=_optional(self.score[row, column]),
            level=self.level_codes[column][level] if level >= 0 else None,
            unlimited_score=_optional(self.unlimited_score[row, column]),
            coverage=coverage,
            scored=int(self.scored[row, column]),
            applicable=int(self.applicable[row, column]),
            evidence=int(self.evidence[row, column]),
            aggregator=self.aggregators[column] if self.aggregated[row, column] else None,
            limited_by=self.policy.rules[rule].id if rule >= 0 else None,
        )

    def scorecard(self, row: int) -> Scorecard:
        """The scorecard of one assessment.

        Examples
        --------
        >>> from lscbqa.scoring import score_many
        >>> from lscbqa.assessment import Assessment
        >>> from lscbqa.model import _example
        >>> blank = Assessment(id="a", framework_id="example", subject="s")
        >>> table = score_many(_example(), [blank])
        >>> table.scorecard(0).overall.status
        <Status.UNRATED: 'unrated'>
        """
        results = {
            node_id: self.result(row, column)
            for column, node_id in enumerate(self.node_ids)
            if self.kinds[column] != "overall"
        }
        return Scorecard(
            framework=self.framework,
            policy=self.policy,
            assessment_id=self.assessment_ids[row],
            subject=self.subjects[row],
            role=self.role,
            results=results,
            overall=self.result(row, len(self.node_ids) - 1),
        )

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per assessment and node: ids, score, level, status, coverage.

        Examples
        --------
        >>> from lscbqa.scoring import score_many
        >>> from lscbqa.model import _example
        >>> score_many(_example(), []).records()
        []
        """
        rows = []
        for row in range(len(self)):
            for column, node_id in enumerate(self.node_ids):
                result = self.result(row, column)
                rows.append(
                    {
                        "assessment_id": self.assessment_ids[row],
                        "subject": self.subjects[row],
                        "node_id": node_id,
                        "kind": result.kind,
                        "score": result.score,
                        "level": result.level,
                        "status": result.status.value,
                        "coverage": result.coverage,
                        "evidence": result.evidence,
                        "limited_by": result.limited_by,
                    }
                )
        return rows

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame (needs the ``pandas`` extra).

        Raises
        ------
        MissingDependencyError
            If pandas is not installed.

        Examples
        --------
        >>> from lscbqa.scoring import score_many
        >>> from lscbqa.model import _example
        >>> try:
        ...     frame = score_many(_example(), []).to_pandas()
        ... except ImportError:
        ...     frame = None
        >>> frame is None or len(frame) == 0
        True
        """
        pandas = _util.import_optional("pandas", "pandas")
        return pandas.DataFrame.from_records(
            self.records(),
            columns=[
                "assessment_id",
                "subject",
                "node_id",
                "kind",
                "score",
                "level",
                "status",
                "coverage",
                "evidence",
                "limited_by",
            ],
        )
