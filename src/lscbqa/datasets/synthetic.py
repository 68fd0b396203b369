"""National-scale synthetic data: many boards, their agencies' ratings, indicators and challenges.

:func:`synthetic` draws, with numpy, a whole country of safeguarding partnerships:
every agency's self and moderated ratings of a 60-criterion framework, a panel of
the built-in indicators for every board over many quarters, a national
challenge log, and a national case audit (auditors x cases of grades, for rater
agreement). The same seed gives the same data, part by part. The draws are
whole-array operations; only the final values (agencies, assessments, events,
meetings) are built one by one, and agencies and assessments only when first asked
for. About 2 % of the boards' indicator values are missing (NaN), as in real returns.

Examples
--------
>>> from lscbqa.datasets.synthetic import synthetic
>>> data = synthetic(3, agencies_per_board=4, quarters=8, events_per_board=5)
>>> data.moderated_levels.shape, data.panel.shape, len(data.challenge_log.events)
((3, 4, 60), (4, 8, 8), 15)
>>> data.audit_grades.shape
(20, 10000)
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.agencies import Agency, Sector
from lscbqa.assessment import Assessment, Rating
from lscbqa.exceptions import NotFoundError
from lscbqa.indicators import safeguarding_indicators
from lscbqa.indicators.benchmarking import Comparators
from lscbqa.indicators.series import Panel
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.periods import Period
from lscbqa.scales import NOT_APPLICABLE, OFSTED4
from lscbqa.scrutiny.log import ChallengeEvent, ChallengeKind, ChallengeLog, Meeting, Member

__all__ = ["LEVEL_SHARES", "NOT_APPLICABLE_REASONS", "PARTS", "SyntheticData", "synthetic"]

IntArray = npt.NDArray[np.int8]
FloatArray = npt.NDArray[np.float64]

PARTS = ("assessments", "panel", "challenge_log", "case_audit")
"""The parts :func:`synthetic` can draw; each from its own stream of the seed.

Examples
--------
>>> PARTS
('assessments', 'panel', 'challenge_log', 'case_audit')
"""

LEVEL_SHARES = (0.06, 0.30, 0.54, 0.10)
"""Default shares of moderated levels, inadequate to outstanding (illustrative, not published).

Examples
--------
>>> round(sum(LEVEL_SHARES), 6)
1.0
"""

NOT_APPLICABLE_REASONS = (
    "The agency provides no residential services",
    "No staff in this agency work directly with children",
    "The agency commissions no services from others",
    "Not in the agency's statutory remit",
)
"""The reasons synthetic "not applicable" ratings give.

Examples
--------
>>> len(NOT_APPLICABLE_REASONS)
4
"""

DOMAINS = 6
FIRST_QUARTER = Period.quarter(2015, 2)
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
ENGLAND = "england"
# The chance that an auditor gives a case its true grade; otherwise one level up or down.
AUDIT_KEEP = 0.7
NEIGHBOURS = 10
# Rows of the distance matrix worked on at once when finding neighbours (memory ~ n x _CHUNK).
_CHUNK = 512
MEETINGS_PER_YEAR = 4
LOG_DAYS = 730
# The share of challenge events without a topic; one criterion in BLIND_SPOT_EVERY is
# never a topic.
NO_TOPIC = 0.2
BLIND_SPOT_EVERY = 20
SECTORS = tuple(s for s in Sector if s.value not in ("lay_member", "board", "sub_group"))
# A council's children's services (local authority) and its education service are one
# organisation: the agencies with those sectors' positions in SECTORS (0 and 6).
_COUNCIL = (SECTORS.index(Sector.LOCAL_AUTHORITY), SECTORS.index(Sector.EDUCATION))
# Typical level, spread between boards, quarterly noise, lowest and highest possible
# value of each built-in indicator (roughly like published figures; illustrative).
_INDICATOR_SHAPES: dict[str, tuple[float, float, float, float, float]] = {
    "rereferrals": (22.0, 4.0, 1.5, 0.0, 100.0),
    "cp_repeat": (22.0, 4.0, 2.5, 0.0, 100.0),
    "cp_two_years": (3.5, 1.2, 0.8, 0.0, 100.0),
    "cp_rate": (42.0, 9.0, 2.5, 0.0, 10_000.0),
    "assessments_45_days": (83.0, 7.0, 2.5, 0.0, 100.0),
    "cse_referrals": (12.0, 5.0, 1.8, 0.0, 10_000.0),
    "training_reach": (65.0, 9.0, 3.0, 0.0, 100.0),
    "board_attendance": (80.0, 7.0, 4.0, 0.0, 100.0),
}


def _arrays_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return bool(np.array_equal(a, b))


def _read_only(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.flags.writeable = False
    return array


@attrs.frozen(kw_only=True, eq=False)
class SyntheticData:
    """National synthetic data drawn by :func:`synthetic`.

    Attributes
    ----------
    seed, n_boards, agencies_per_board, quarters, events_per_board : int
        The arguments it was drawn with.
    parts : tuple of str
        The parts drawn (see :data:`PARTS`); the others are None.
    framework : Framework
        The national framework rated: 6 domains of leaf criteria on the Ofsted
        four-point scale, varied weights.
    boards : tuple of str
        The boards' ids (``"b000"`` ...), also the panel's areas.
    agencies : tuple of Agency
        Every board's agencies, board by board (``"b000.a00"`` ...), whichever
        parts were drawn; built on first access (see :attr:`agencies`).
    self_levels, moderated_levels : ndarray of int8 or None
        Boards x agencies x criteria: the level's position on the scale (0 =
        inadequate ... 3 = outstanding), -1 where "not applicable" (read-only).
    reasons : ndarray of int8 or None
        The position in :data:`NOT_APPLICABLE_REASONS` of each "not applicable"
        rating's reason, -1 elsewhere.
    panel : Panel or None
        Boards (and England) x the 8 built-in indicators x ``quarters`` quarters.
    comparators : Comparators or None
        Each board's region and 10 statistical neighbours, England's row.
    challenge_log : ChallengeLog or None
        One national log: every board's agencies and members, events and meetings.
    audit_grades : ndarray of int8 or None
        The national case audit, auditors x cases: the grade's position on the
        scale (0 = inadequate ... 3 = outstanding), -1 where the auditor did not
        grade the case (read-only).

    Examples
    --------
    >>> data = synthetic(2, agencies_per_board=3, parts=("assessments",))
    >>> len(data.assessments), data.assessments[0].subject, data.panel
    (6, 'b000.a00', None)
    >>> data == synthetic(2, agencies_per_board=3, parts=("assessments",))
    True
    >>> audit = synthetic(1, agencies_per_board=1, parts=("case_audit",), auditors=3, audit_cases=8)
    >>> audit.audit_grades
    array([[-1,  0,  1,  1,  0,  2,  1,  1],
           [ 2,  1,  1,  2,  2,  2,  2,  1],
           [ 3,  1,  1,  1,  1, -1,  2,  1]], dtype=int8)
    """

    seed: int
    n_boards: int
    agencies_per_board: int
    quarters: int
    events_per_board: int
    parts: tuple[str, ...]
    framework: Framework
    boards: tuple[str, ...]
    self_levels: IntArray | None = attrs.field(repr=False)
    moderated_levels: IntArray | None = attrs.field(repr=False)
    reasons: IntArray | None = attrs.field(repr=False)
    panel: Panel | None = attrs.field(repr=False)
    comparators: Comparators | None = attrs.field(repr=False)
    challenge_log: ChallengeLog | None = attrs.field(repr=False)
    audit_grades: IntArray | None = attrs.field(repr=False)
    _built: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SyntheticData):
            return NotImplemented
        return (
            (self.seed, self.n_boards, self.agencies_per_board, self.quarters)
            == (other.seed, other.n_boards, other.agencies_per_board, other.quarters)
            and (self.events_per_board, self.parts) == (other.events_per_board, other.parts)
            and self.framework == other.framework
            # The agencies follow from n_boards and agencies_per_board: equal when they are.
            and _arrays_equal(self.self_levels, other.self_levels)
            and _arrays_equal(self.moderated_levels, other.moderated_levels)
            and _arrays_equal(self.reasons, other.reasons)
            and self.panel == other.panel
            and self.comparators == other.comparators
            and self.challenge_log == other.challenge_log
            and _arrays_equal(self.audit_grades, other.audit_grades)
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def period(self) -> Period:
        """The financial year the ratings are for: the one holding the last quarter.

        Examples
        --------
        >>> synthetic(1, agencies_per_board=1, quarters=4, parts=()).period.label
        'FY2015-16'
        """
        last = FIRST_QUARTER.shift(self.quarters - 1).end
        return Period.financial_year(last.year if last.month > 3 else last.year - 1)

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """Every board's agencies, board by board (``"b000.a00"`` ...).

        They depend only on ``n_boards`` and ``agencies_per_board``, so they are
        there whichever parts were drawn. At national scale there are hundreds of
        thousands, so they are built on first access and kept (the challenge log's
        own, when it was drawn). Agency ``k`` of a board has sector
        ``SECTORS[k % len(SECTORS)]``; the first two thirds are statutory; the
        council's children's services (``a00``, local authority) and its education
        service (``a06``) are one organisation, ``"<board>.council"``.

        Examples
        --------
        >>> agencies = synthetic(2, agencies_per_board=8, parts=()).agencies
        >>> len(agencies), agencies[6].id, agencies[6].sector.value, agencies[6].organisation
        (16, 'b000.a06', 'education', 'b000.council')
        """
        if "agencies" not in self._built:
            log = self.challenge_log
            self._built["agencies"] = (
                log.agencies if log is not None else _agencies(self.boards, self.agencies_per_board)
            )
        built: tuple[Agency, ...] = self._built["agencies"]
        return built

    @property
    def assessments(self) -> tuple[Assessment, ...]:
        """One assessment per agency, with a self and a moderated rating of every criterion.

        Built on first access (the values take most of the time) and kept.

        Raises
        ------
        NotFoundError
            If ``"assessments"`` was not among the parts drawn.

        Examples
        --------
        >>> data = synthetic(1, agencies_per_board=2, parts=("assessments",))
        >>> assessment = data.assessments[1]
        >>> assessment.id, len(assessment.ratings), assessment.roles
        ('b000.a01-FY2024-25', 120, (<Role.SELF: 'self'>, <Role.MODERATED: 'moderated'>))
        """
        if "assessments" not in self._built:
            self._built["assessments"] = _assessments(self)
        built: tuple[Assessment, ...] = self._built["assessments"]
        return built

    @property
    def rating_count(self) -> int:
        """How many ratings the assessments hold (without building them).

        Examples
        --------
        >>> synthetic(2, agencies_per_board=3, parts=("assessments",)).rating_count
        720
        """
        if self.moderated_levels is None:
            return 0
        return 2 * int(self.moderated_levels.size)


def _assessments(data: SyntheticData) -> tuple[Assessment, ...]:
    if data.self_levels is None or data.moderated_levels is None or data.reasons is None:
        raise NotFoundError(
            "assessments were not drawn; ask for them with synthetic(..., parts=(..., "
            "'assessments'))"
        )
    leaves = data.framework.criteria(leaves_only=True)
    codes = OFSTED4.codes
    # Ratings are immutable values: one per criterion, role and level (or reason) is
    # built once and shared by every assessment that gives it.
    width = len(codes) + len(NOT_APPLICABLE_REASONS)
    tables = {}
    for role in ("self", "moderated"):
        table = np.empty((len(leaves), width), dtype=object)
        for column, criterion in enumerate(leaves):
            for position, code in enumerate(codes):
                table[column, position] = Rating(criterion_id=criterion.id, level=code, role=role)
            for position, reason in enumerate(NOT_APPLICABLE_REASONS):
                table[column, len(codes) + position] = Rating(
                    criterion_id=criterion.id, level=NOT_APPLICABLE, reason=reason, role=role
                )
        tables[role] = table
    not_applicable = data.reasons >= 0
    offset = len(codes) + data.reasons.astype(np.intp)
    self_index = np.where(not_applicable, offset, data.self_levels)
    moderated_index = np.where(not_applicable, offset, data.moderated_levels)
    columns = np.arange(len(leaves))
    period = data.period
    assessments = []
    for board in range(data.n_boards):
        for agency in range(data.agencies_per_board):
            subject = _agency_id(data.boards[board], agency)
            ratings = (
                *tables["self"][columns, self_index[board, agency]],
                *tables["moderated"][columns, moderated_index[board, agency]],
            )
            assessments.append(
                Assessment(
                    id=f"{subject}-{period.label}",
                    framework_id=data.framework.id,
                    framework_version=data.framework.version,
                    subject=subject,
                    period=period,
                    ratings=ratings,
                )
            )
    return tuple(assessments)


def national_framework(criteria: int, rng: np.random.Generator) -> Framework:
    """Six domains of leaf criteria on the Ofsted scale, with weights of 0.5 to 3."""
    weights = rng.choice([0.5, 1.0, 1.0, 1.5, 2.0, 3.0], size=criteria)
    domains = []
    for number, members in enumerate(np.array_split(np.arange(criteria), DOMAINS), start=1):
        domains.append(
            Domain(
                id=f"d{number}",
                title=f"Standard area {number}",
                children=[
                    Criterion(
                        id=f"d{number}.{position}",
                        title=f"Standard {number}.{position}",
                        weight=float(weights[index]),
                    )
                    for position, index in enumerate(members, start=1)
                ],
            )
        )
    return Framework(
        id="national-synthetic",
        version="1",
        title="National safeguarding standards (synthetic)",
        scale=OFSTED4,
        domains=[domain for domain in domains if domain.children],
    )


def _agency_id(board: str, number: int) -> str:
    return f"{board}.a{number:02d}"


def _agencies(boards: Sequence[str], per_board: int) -> tuple[Agency, ...]:
    statutory = max(1, (2 * per_board) // 3)
    return tuple(
        Agency(
            id=_agency_id(board, number),
            name=f"Agency {number} of board {board}",
            sector=SECTORS[number % len(SECTORS)],
            statutory=number < statutory,
            organisation=f"{board}.council" if number in _COUNCIL else None,
        )
        for board in boards
        for number in range(per_board)
    )


def _levels(
    shape: tuple[int, int, int],
    shares: Sequence[float],
    not_applicable: float,
    rng: np.random.Generator,
) -> tuple[IntArray, IntArray, IntArray]:
    """Moderated levels from board, agency and criterion effects; optimistic self levels."""
    boards, agencies, criteria = shape
    # Variance parts add up to 1, so the latent score is standard normal and the
    # thresholds at the normal quantiles of the cumulative shares give those shares.
    latent = (
        rng.normal(0.0, 0.4, size=(boards, 1, 1))
        + rng.normal(0.0, 0.5, size=(boards, agencies, 1))
        + rng.normal(0.0, 0.3, size=(1, 1, criteria))
        + rng.normal(0.0, np.sqrt(1 - 0.16 - 0.25 - 0.09), size=shape)
    )
    cumulative = np.cumsum(shares)[:-1] / sum(shares)
    thresholds = [statistics.NormalDist().inv_cdf(float(p)) for p in cumulative]
    moderated = np.searchsorted(thresholds, latent).astype(np.int8)
    # Self-assessment is a little optimistic: a third a level higher, a few lower.
    optimism = rng.choice(np.array([-1, 0, 1], dtype=np.int8), p=[0.05, 0.62, 0.33], size=shape)
    top = len(shares) - 1
    self_levels = np.clip(moderated + optimism, 0, top).astype(np.int8)
    absent = rng.random(shape) < not_applicable
    reasons = np.where(absent, rng.integers(0, len(NOT_APPLICABLE_REASONS), size=shape), -1).astype(
        np.int8
    )
    moderated[absent] = -1
    self_levels[absent] = -1
    return _read_only(self_levels), _read_only(moderated), _read_only(reasons)


def _audit(
    shape: tuple[int, int], shares: Sequence[float], missing: float, rng: np.random.Generator
) -> IntArray:
    """Auditors x cases: each case's true grade, kept or moved one level; some not graded."""
    truth = rng.choice(len(shares), size=shape[1], p=np.asarray(shares) / sum(shares))
    moves = np.where(rng.random(shape) < AUDIT_KEEP, 0, rng.choice(np.array([-1, 1]), size=shape))
    grades = np.clip(truth[np.newaxis, :] + moves, 0, len(shares) - 1).astype(np.int8)
    grades[rng.random(shape) < missing] = -1
    return _read_only(grades)


def _quarters(count: int) -> tuple[Period, ...]:
    return tuple(FIRST_QUARTER.shift(step) for step in range(count))


def _indicator_ids() -> list[str]:
    return [indicator.id for indicator in safeguarding_indicators()]


def _panel_values(count: int, quarters: int, rng: np.random.Generator) -> FloatArray:
    """Trend + noise + now and then a lasting shift, per board and indicator; England's row."""
    indicators = _indicator_ids()
    shapes = np.array([_INDICATOR_SHAPES[i] for i in indicators])
    typical, spread, noise, low, high = (shapes[:, k][None, :, None] for k in range(5))
    time = np.arange(quarters)[None, None, :]
    level = typical + spread * rng.normal(size=(count, len(indicators), 1))
    trend = noise / 6 * rng.normal(size=(count, len(indicators), 1))
    wiggle = noise * rng.normal(size=(count, len(indicators), quarters))
    # About one series in six shifts once, by one to three noise widths, and stays.
    shifts = rng.random((count, len(indicators), 1)) < 1 / 6
    at = rng.integers(
        quarters // 4, max(quarters // 4 + 1, quarters), size=(count, len(indicators), 1)
    )
    size = noise * rng.choice([-1.0, 1.0], size=at.shape) * rng.uniform(1.0, 3.0, size=at.shape)
    step = np.where(shifts & (time >= at), size, 0.0)
    values = np.clip(level + trend * time + wiggle + step, low, high)
    england = values.mean(axis=0, keepdims=True)
    return np.round(np.concatenate([values, england], axis=0), 1)


def _panel(
    boards: Sequence[str], values: FloatArray, missing: float, rng: np.random.Generator
) -> Panel:
    """The panel of ``values`` with about ``missing`` of the boards' values hidden (NaN).

    England's row is the mean of every board's value, hidden or not: national figures
    are published for every quarter.
    """
    hidden = np.zeros(values.shape, dtype=bool)
    hidden[:-1] = rng.random(hidden[:-1].shape) < missing
    return Panel(
        values=np.where(hidden, np.nan, values),
        areas=[*boards, ENGLAND],
        indicators=_indicator_ids(),
        periods=_quarters(values.shape[-1]),
    )


def _nearest(features: FloatArray, count: int) -> npt.NDArray[np.intp]:
    """Each row's ``count`` nearest other rows, nearest first, ties to the lower index.

    The first ``count`` columns of a stable argsort of the squared distance matrix (its
    diagonal infinite), without building it: rows go in chunks of :data:`_CHUNK`, each
    row's nearest are picked by ``argpartition`` and only those are sorted. A row whose
    ``count``-th distance ties with one left out is sorted in full, as before.
    """
    squared = (features**2).sum(axis=1)
    nearest = np.empty((len(features), count), dtype=np.intp)
    if count == 0:
        return nearest
    for start in range(0, len(features), _CHUNK):
        rows = np.arange(start, min(start + _CHUNK, len(features)))
        distance = squared[rows, None] + squared[None, :] - 2 * features[rows] @ features.T
        distance[np.arange(rows.size), rows] = np.inf
        chosen = np.argpartition(distance, count - 1, axis=1)[:, :count]
        near = np.take_along_axis(distance, chosen, axis=1)
        # The stable order of the chosen few: by distance, then by index.
        order = np.lexsort((chosen, near), axis=1)
        nearest[rows] = np.take_along_axis(chosen, order, axis=1)
        # Where another row is as far as the last chosen one, argpartition may have picked
        # either: a stable sort of the whole row picks the lower index, as the dense one did.
        tied = (distance <= near.max(axis=1, keepdims=True)).sum(axis=1) > count
        if tied.any():
            nearest[rows[tied]] = np.argsort(distance[tied], axis=1, kind="stable")[:, :count]
    return nearest


def _comparators(boards: Sequence[str], rng: np.random.Generator) -> Comparators:
    """Regions at random; the 10 boards nearest in a made-up feature space as neighbours."""
    region = rng.integers(0, len(REGIONS), size=len(boards))
    features = rng.normal(size=(len(boards), 4))
    nearest = _nearest(features, min(NEIGHBOURS, len(boards) - 1))
    return Comparators(
        regions={board: REGIONS[r] for board, r in zip(boards, region, strict=True)},
        neighbours={board: [boards[i] for i in nearest[row]] for row, board in enumerate(boards)},
        england=ENGLAND,
    )


_MEMBERS = (("board", "board"), ("lay1", "lay_member"), ("lay2", "lay_member"), ("qa", "sub_group"))
_KINDS = tuple(kind for kind in ChallengeKind if kind is not ChallengeKind.PEER_REVIEW)


def _topic_popularity(topics: int, criteria: int, rng: np.random.Generator) -> FloatArray:
    """The chance of each topic (criteria first): Zipf, 1 / rank, in a random order.

    A few themes take most of the challenge; the least popular criteria, one in
    twenty (rounded down), are blind spots that no challenge takes up.
    """
    rank = rng.permutation(topics)
    weights = 1.0 / (rank + 1.0)
    weights[np.argsort(rank[:criteria])[::-1][: criteria // BLIND_SPOT_EVERY]] = 0.0
    popularity: FloatArray = weights / weights.sum()
    return popularity


def _challenge_log(
    boards: Sequence[str],
    agencies: Sequence[Agency],
    per_board: int,
    events_per_board: int,
    end: datetime.date,
    topics: Sequence[str],
    criteria: int,
    rng: np.random.Generator,
) -> ChallengeLog:
    """Events with heavy-tailed challenger activity; four meetings a year with attendance."""
    count = len(boards)
    members = [
        Member(id=f"{board}.{suffix}", name=f"{suffix} of board {board}", kind=kind)
        for board in boards
        for suffix, kind in _MEMBERS
    ]
    # Node k of a board: its agencies 0..per_board-1, then its members.
    nodes = per_board + len(_MEMBERS)
    node_ids = np.array(
        [[_agency_id(board, n) for n in range(per_board)] + [f"{board}.{s}" for s, _ in _MEMBERS]
         for board in boards]
    )  # fmt: skip
    total = count * events_per_board
    board_of = np.repeat(np.arange(count), events_per_board)
    # Heavy tails: each node's activity is Pareto distributed (a few very active challengers).
    activity = rng.pareto(1.2, size=(count, nodes)) + 0.05
    cumulative = np.cumsum(activity, axis=1)
    cumulative /= cumulative[:, -1:]
    challenger = (rng.random(total)[:, None] > cumulative[board_of][:, :-1]).sum(axis=1)
    # The challenged: an agency of the board (now and then the board), never the challenger.
    other = rng.integers(0, max(per_board - 1, 1), size=total)
    other = np.where(other >= challenger, other + 1, other)
    challenged = np.where(challenger < per_board, other, rng.integers(0, per_board, size=total))
    to_board = (rng.random(total) < 0.05) | (challenged >= per_board)
    challenged = np.where(to_board & (challenger != per_board), per_board, challenged)
    challenged = np.where(challenged == challenger, (challenger + 1) % per_board, challenged)
    peer = rng.random(total) < 0.02 if count > 1 else np.zeros(total, dtype=bool)
    kind = rng.integers(0, len(_KINDS), size=total)
    raised = rng.integers(0, LOG_DAYS, size=total)
    responded = np.where(rng.random(total) < 0.8, raised + rng.integers(5, 60, size=total), -1)
    escalated = np.where(
        (responded >= 0) & (rng.random(total) < 0.08),
        responded + rng.integers(7, 45, size=total),
        -1,
    )
    closed = np.where(
        (responded >= 0) & (rng.random(total) < 0.7),
        np.maximum(responded, escalated) + rng.integers(14, 180, size=total),
        -1,
    )
    # Nothing is dated after the log's end: later steps have not happened yet.
    responded = np.where(responded < LOG_DAYS, responded, -1)
    escalated = np.where((escalated < LOG_DAYS) & (responded >= 0), escalated, -1)
    closed = np.where((closed < LOG_DAYS) & (responded >= 0), closed, -1)
    resolved = rng.random(total) < 0.8
    level = rng.integers(1, 4, size=total)
    popularity = _topic_popularity(len(topics), criteria, rng)
    topic = np.where(
        rng.random(total) < NO_TOPIC, -1, rng.choice(len(topics), size=total, p=popularity)
    )
    start = end - datetime.timedelta(days=LOG_DAYS - 1)
    days = [start + datetime.timedelta(days=d) for d in range(LOG_DAYS)]
    events = []
    for index in range(total):
        home = int(board_of[index])
        if peer[index]:
            first, second = f"{boards[(home + 1) % count]}.board", f"{boards[home]}.board"
            event_kind = ChallengeKind.PEER_REVIEW
        else:
            first = str(node_ids[home, challenger[index]])
            second = str(node_ids[home, challenged[index]])
            event_kind = _KINDS[int(kind[index])]
        has_escalated = escalated[index] >= 0
        has_closed = closed[index] >= 0
        events.append(
            ChallengeEvent(
                id=f"e{index}",
                kind=event_kind,
                challenger=first,
                challenged=second,
                raised=days[int(raised[index])],
                topic=topics[int(topic[index])] if topic[index] >= 0 else None,
                responded=days[int(responded[index])] if responded[index] >= 0 else None,
                escalated=days[int(escalated[index])] if has_escalated else None,
                escalation_level=int(level[index]) if has_escalated else None,
                closed=days[int(closed[index])] if has_closed else None,
                outcome=("resolved" if resolved[index] else "closed") if has_closed else None,
            )
        )
    meeting_count = LOG_DAYS // 365 * MEETINGS_PER_YEAR
    gap = LOG_DAYS // meeting_count
    attendees = [*range(per_board), per_board + 1, per_board + 2]  # agencies, lay members
    expected_count = len(attendees)
    # Each attendee has a habit: most come nearly always, a few rarely.
    habit = rng.beta(6.0, 1.2, size=(count, expected_count))
    present = rng.random((count, meeting_count, expected_count)) < habit[:, None, :]
    meetings = []
    for board_index, board in enumerate(boards):
        expected = [str(node) for node in node_ids[board_index, attendees]]
        for number in range(meeting_count):
            meetings.append(
                Meeting(
                    id=f"{board}.m{number:02d}",
                    date=days[number * gap + gap // 2],
                    expected=expected,
                    attended=[
                        node
                        for node, here in zip(expected, present[board_index, number], strict=True)
                        if here
                    ],
                )
            )
    return ChallengeLog(
        id="national-synthetic",
        title="National challenge log (synthetic)",
        agencies=agencies,
        members=members,
        events=events,
        meetings=meetings,
    )


def _positive(name: str, value: object, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        _util.fail(f"$.{name}", f"expected a whole number >= {minimum}; found {_util.found(value)}")
    return int(value)


def _share(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value < 1.0:
        _util.fail(f"$.{name}", f"expected a share in [0, 1); found {_util.found(value)}")
    return float(value)


def synthetic(
    n_boards: int = 150,
    *,
    agencies_per_board: int = 30,
    criteria: int = 60,
    seed: int = 0,
    quarters: int = 40,
    events_per_board: int = 40,
    parts: Sequence[str] = PARTS,
    level_shares: Sequence[float] = LEVEL_SHARES,
    not_applicable: float = 0.10,
    auditors: int = 20,
    audit_cases: int = 10_000,
    audit_missing: float = 0.10,
    panel_missing: float = 0.02,
) -> SyntheticData:
    """Draw national-scale synthetic data, the same for the same seed.

    Parameters
    ----------
    n_boards : int, default 150
        How many boards (England had about 150 local safeguarding boards).
    agencies_per_board : int, default 30
        Agencies per board, each rated against every criterion.
    criteria : int, default 60
        Leaf criteria of the national framework (in 6 domains).
    seed : int, default 0
        The seed; each part is drawn from its own stream of it, so a part is the
        same whichever other parts are drawn.
    quarters : int, default 40
        Quarters of indicator data (from 2015-Q2); the ratings are for the
        financial year holding the last one, the challenge log covers the two
        years to its end.
    events_per_board : int, default 40
        Challenge events per board.
    parts : sequence of str, default all of :data:`PARTS`
        Which parts to draw; leave out what you do not need.
    level_shares : sequence of 4 floats, default :data:`LEVEL_SHARES`
        Expected shares of moderated levels, inadequate to outstanding.
    not_applicable : float, default 0.10
        The share of "not applicable" ratings (with a reason; the same criterion
        is not applicable in the self and the moderated rating).
    auditors : int, default 20
        Auditors of the national case audit, each grading every case.
    audit_cases : int, default 10,000
        Cases of the national case audit.
    audit_missing : float, default 0.10
        The share of audit grades missing (the auditor did not grade the case).
    panel_missing : float, default 0.02
        The share of the boards' indicator values missing (NaN: the quarter was
        not reported); England's row is complete. With 0 the panel is complete.

    Returns
    -------
    SyntheticData
        Ratings as arrays (assessments built on first access), the panel,
        comparators, challenge log and case audit grades.

    Raises
    ------
    ValidationError
        If a count is not a whole number >= 1, a part is unknown, the shares
        are not 4 non-negative numbers with a positive sum, or ``not_applicable``,
        ``audit_missing`` or ``panel_missing`` is not a share in [0, 1).

    Notes
    -----
    Moderated levels cut a latent normal score (board effect, sd 0.4; agency
    effect, sd 0.5; criterion difficulty, sd 0.3; the rest noise, total variance
    1) at the normal quantiles of the cumulative shares. A self rating is the
    moderated level plus one with probability 0.33, minus one with 0.05, within
    the scale. Each indicator series is a board level plus a linear trend plus
    noise, with a lasting shift of 1-3 noise widths in about one series in six;
    England's row is the boards' mean; then each board's value is missing (NaN)
    with probability ``panel_missing``, England's never. Challengers' activity
    is Pareto (shape 1.2) distributed within each board; 2 % of events are peer
    reviews by the next board; events are raised on any day of the log's two
    years, the last included; a fifth have no topic, the rest a criterion or an
    indicator with Zipf popularity (1 / rank, in a random order), except that
    the least popular criteria, one in twenty, are never a topic; 4 board
    meetings a year, each attendee with a habit drawn from Beta(6, 1.2).
    Each audit case has a true grade drawn with ``level_shares``;
    each auditor gives it with probability 0.7, else one level up or down at
    random (staying at the end of the scale where that would leave it); each
    grade is missing with probability ``audit_missing``.

    Examples
    --------
    >>> data = synthetic(4, agencies_per_board=5, seed=1, quarters=12, events_per_board=10)
    >>> data.moderated_levels.shape, len(data.assessments), len(data.boards)
    ((4, 5, 60), 20, 4)
    >>> synthetic(4, agencies_per_board=5, seed=1, quarters=12, events_per_board=10) == data
    True
    """
    n_boards = _positive("n_boards", n_boards)
    agencies_per_board = _positive("agencies_per_board", agencies_per_board)
    criteria = _positive("criteria", criteria)
    quarters = _positive("quarters", quarters)
    events_per_board = _positive("events_per_board", events_per_board, 0)
    seed = _positive("seed", seed, 0)
    chosen = tuple(_util.to_tuple(parts)) if not isinstance(parts, str) else (parts,)
    for index, part in enumerate(chosen):
        if part not in PARTS:
            _util.fail(
                f"$.parts[{index}]",
                f"expected one of {', '.join(map(repr, PARTS))}; found {_util.found(part)}",
            )
    try:
        shares = np.asarray(level_shares, dtype=np.float64)
    except (TypeError, ValueError):
        shares = np.full(0, np.nan)
    if (
        shares.shape != (len(OFSTED4.codes),)
        or not np.all(np.isfinite(shares) & (shares >= 0))
        or not shares.sum() > 0
    ):
        _util.fail(
            "$.level_shares",
            f"expected {len(OFSTED4.codes)} non-negative shares with a positive sum; "
            f"found {_util.found(level_shares)}",
        )
    not_applicable = _share("not_applicable", not_applicable)
    auditors = _positive("auditors", auditors)
    audit_cases = _positive("audit_cases", audit_cases)
    audit_missing = _share("audit_missing", audit_missing)
    panel_missing = _share("panel_missing", panel_missing)
    # Spawned streams do not depend on how many are spawned: a new part takes a new
    # stream and leaves the others' values as they were.
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5)]
    framework = national_framework(criteria, streams[0])
    boards = tuple(f"b{board:03d}" for board in range(n_boards))
    self_levels = moderated = reasons = None
    if "assessments" in chosen:
        self_levels, moderated, reasons = _levels(
            (n_boards, agencies_per_board, criteria), list(shares), not_applicable, streams[1]
        )
    panel = comparators = None
    if "panel" in chosen:
        values = _panel_values(n_boards, quarters, streams[2])
        comparators = _comparators(boards, streams[2])
        # Hidden values are drawn last from the panel's stream, so that every value and
        # comparator is the one drawn without them.
        panel = _panel(boards, values, panel_missing, streams[2])
    log = None
    if "challenge_log" in chosen:
        topics = [c.id for c in framework.criteria(leaves_only=True)]
        leaves = len(topics)
        topics += _indicator_ids()
        end = FIRST_QUARTER.shift(quarters - 1).end
        agencies = _agencies(boards, agencies_per_board)
        log = _challenge_log(
            boards, agencies, agencies_per_board, events_per_board, end, topics, leaves, streams[3]
        )
    grades = None
    if "case_audit" in chosen:
        grades = _audit((auditors, audit_cases), list(shares), audit_missing, streams[4])
    return SyntheticData(
        seed=seed,
        n_boards=n_boards,
        agencies_per_board=agencies_per_board,
        quarters=quarters,
        events_per_board=events_per_board,
        parts=tuple(p for p in PARTS if p in chosen),
        framework=framework,
        boards=boards,
        self_levels=self_levels,
        moderated_levels=moderated,
        reasons=reasons,
        panel=panel,
        comparators=comparators,
        challenge_log=log,
        audit_grades=grades,
    )
