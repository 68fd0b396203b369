"""Hypothesis strategies for every lscbqa value type, for property tests (yours too).

Every strategy draws valid values by default: ids match the id pattern, text that
must not be blank is not, level codes are never ``"not_applicable"``, ids are unique
wherever a value requires it, and references between values (a rating to its
criterion, level and evidence; a framework's scoring policy to its nodes and levels)
hold. Text is printable (no control characters or surrogates), floats are finite and
dates are :class:`datetime.date`. Sizes are kept small so that property tests stay fast.

Needs the ``testing`` extra: ``pip install "lscbqa[testing]"``.

Examples
--------
Use them in your own property tests:

>>> from hypothesis import given, settings
>>> from lscbqa.serialize import dumps, loads
>>> from lscbqa.testing.strategies import agencies
>>> @settings(max_examples=20)
... @given(agencies())
... def test_agencies_survive_json(agency):
...     assert loads(dumps(agency), type(agency)) == agency
>>> test_agencies_survive_json()

:func:`hypothesis.find` draws the simplest value that meets a condition. It is quick
for small values; shrinking a large one, such as a framework, can take minutes, so
look at those with a test as above:

>>> from hypothesis import find
>>> from lscbqa.testing.strategies import periods
>>> period = find(periods(), lambda period: period.days > 30)
>>> period.days > 30, period.start < period.end
(True, True)
"""

from __future__ import annotations

import datetime
import functools
import itertools
import operator
import string
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, TypeVar, cast

import attrs

from lscbqa.actions import Action, ActionPlan, ActionStatus
from lscbqa.agencies import Agency, Sector
from lscbqa.assessment import Assessment, Finding, Rating, Role, Severity
from lscbqa.evidence import Evidence, EvidenceKind, Sensitivity, Strength
from lscbqa.exceptions import MissingDependencyError, NotFoundError
from lscbqa.indicators.benchmarking import Comparators
from lscbqa.indicators.oba import (
    CurveWorksheet,
    DataDevelopmentItem,
    Depth,
    Factor,
    Influence,
    Option,
    Partner,
    PlannedAction,
    Power,
    ReportCard,
)
from lscbqa.io.layout import (
    CASE_AUDIT_COLUMNS,
    SECTION11_COLUMNS,
    ColumnMapping,
    normalise_header,
)
from lscbqa.mappings import Carried, CriterionLink, FrameworkMapping, Relation
from lscbqa.measures import Band, Indicator, IndicatorKind, ObaRole, Polarity, RagBands, Unit
from lscbqa.model import Criterion, Domain, EvidenceExpectation, Framework
from lscbqa.periods import Period, PeriodType
from lscbqa.policy import (
    BUILTIN_AGGREGATORS,
    DOMAINS,
    OVERALL,
    Condition,
    Effect,
    LimitingRule,
    ScoringPolicy,
)
from lscbqa.provenance import Change, Origin, OriginStatus
from lscbqa.scales import (
    MET3,
    NOT_APPLICABLE,
    OFSTED4,
    PERCENT_5,
    RAG3,
    SCORE_0_3,
    YES_NO,
    Level,
    RatingScale,
    ScaleKind,
)
from lscbqa.scrutiny.log import (
    ChallengeEvent,
    ChallengeKind,
    ChallengeLog,
    Meeting,
    Member,
    MemberKind,
    Outcome,
)
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring

try:
    from hypothesis import strategies as st
except ImportError:
    raise MissingDependencyError("hypothesis", "testing") from None

__all__ = [
    "action_plans",
    "actions",
    "additions",
    "agencies",
    "assessments",
    "bands",
    "carried",
    "challenge_logs",
    "changes",
    "column_mappings",
    "comparators",
    "criteria",
    "criterion_links",
    "curve_worksheets",
    "documents",
    "domains",
    "evidence",
    "evidence_expectations",
    "findings",
    "framework_mappings",
    "frameworks",
    "indicators",
    "levels",
    "limiting_rules",
    "modifications",
    "origins",
    "periods",
    "rag_bands",
    "rating_scales",
    "ratings",
    "report_cards",
    "scoring_policies",
    "strategy_for",
    "strategy_types",
    "tailoring_settings",
    "tailorings",
]

# Strategies are built once, here or in cached builders, and values are drawn as plain parts
# that are assembled afterwards (unique ids, descriptors on the scale in force, references by
# position). Building strategies inside a draw costs more than the draw itself, and lists of
# parts shrink far better than counts followed by loops.

_BUILTIN_SCALES = {scale.id: scale for scale in (OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO)}
_ID_START = string.ascii_letters + string.digits
_ID_REST = _ID_START + "_.:/-"
_MAX_ID_TAIL = 8
_MAX_TEXT = 20
_MAX_ITEMS = 3
_MAX_CHILDREN = 2
_MAX_RATINGS = 4
_MAX_PICK = 31

# Printable text: no control characters, which free text rarely holds (lscbqa's own tests
# try them separately), and no surrogates (category Cs), which UTF-8 cannot encode. Leaving
# them out by category, not with codec="utf-8", is the same set of characters without the
# seconds Hypothesis spends computing a codec's characters on a fresh database.
_CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"))
_IDS: st.SearchStrategy[str] = st.builds(
    operator.add, st.sampled_from(_ID_START), st.text(_ID_REST, max_size=_MAX_ID_TAIL)
)
_OPTIONAL_IDS = st.none() | _IDS
_ID_LISTS = st.lists(_IDS, max_size=_MAX_ITEMS)
_LEVEL_CODES = _IDS.filter(lambda code: code != NOT_APPLICABLE)
_TEXTS = st.text(_CHARACTERS, max_size=_MAX_TEXT)
_OPTIONAL_TEXTS = st.none() | _TEXTS
_NON_BLANK_TEXTS = st.text(_CHARACTERS, min_size=1, max_size=_MAX_TEXT).filter(
    lambda text: bool(text.strip())
)
_OPTIONAL_NON_BLANK_TEXTS = st.none() | _NON_BLANK_TEXTS
_OPTIONAL_COLOURS = st.none() | st.text("0123456789abcdefABCDEF", min_size=6, max_size=6).map(
    lambda hex_digits: "#" + hex_digits
)
_DATES = st.dates()
_OPTIONAL_DATES = st.none() | _DATES
_WEIGHTS = st.floats(min_value=0, allow_infinity=False)
_TAG_LISTS = st.lists(_TEXTS, max_size=_MAX_ITEMS)
_QUESTION_LISTS = st.lists(_NON_BLANK_TEXTS, max_size=_MAX_ITEMS)
_METADATA = st.dictionaries(_TEXTS, _TEXTS, max_size=_MAX_ITEMS)
_PICKS = st.integers(min_value=0, max_value=_MAX_PICK)
_PICK_LISTS = st.lists(_PICKS, max_size=_MAX_ITEMS)
# Level values start near zero and rise in steps of at least 0.1, so they are strictly
# increasing and far enough apart that their normalised scores stay distinct. Tenths and
# thousandths, rather than any float, keep shrinking quick.
_STARTS = st.integers(min_value=-1000, max_value=1000).map(lambda tenths: tenths / 10)
_STEPS = st.integers(min_value=1, max_value=1000).map(lambda tenths: tenths / 10)
_CUT_POINTS = st.integers(min_value=1, max_value=1000).map(lambda thousandths: thousandths / 1000)
_NOT_APPLICABLE_CHANCE = st.integers(min_value=0, max_value=4)
_SCALE_KINDS = st.sampled_from(ScaleKind)
_EVIDENCE_KINDS = st.sampled_from(EvidenceKind)
_ROLES = st.sampled_from(Role)

_T = TypeVar("_T")
_V = TypeVar("_V")


def _unique(candidate: str, used: set[str]) -> str:
    """``candidate``, or it with a counter suffixed if it is taken; recorded as taken."""
    unique, counter = candidate, 0
    while unique in used:
        counter += 1
        unique = f"{candidate}.{counter}"
    used.add(unique)
    return unique


def _picked(options: Sequence[str], picks: Iterable[int]) -> list[str]:
    """The options at the picked positions, counted round, each once; none if no options."""
    if not options:
        return []
    return list(dict.fromkeys(options[pick % len(options)] for pick in picks))


def _with_unique_ids(make: Callable[..., _V], drawn: Iterable[dict[str, Any]]) -> list[_V]:
    """A value made from each drawn dict of fields, its id made unique among them."""
    used: set[str] = set()
    return [make({**fields, "id": _unique(fields["id"], used)}) for fields in drawn]


@functools.lru_cache(maxsize=256)
def _sampled(options: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(options)


@functools.lru_cache(maxsize=256)
def _sampled_lists(options: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    if not options:
        return st.builds(list)
    return st.lists(st.sampled_from(options), max_size=_MAX_ITEMS, unique=True)


def _choose_from(options: Sequence[str] | None, what: str) -> st.SearchStrategy[str]:
    if options is None:
        return _IDS
    if not options:
        raise ValueError(f"expected at least one {what} to draw from; found none")
    return _sampled(tuple(options))


def _merged(core: dict[str, Any], extras: dict[str, Any] | None) -> dict[str, Any]:
    return core if extras is None else {**core, **extras}


def _with_extras(
    core: dict[str, st.SearchStrategy[Any]], extras: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """The ``core`` fields, and half the time the ``extras`` too (else left at their defaults).

    Leaving optional fields out together keeps many values small and cheap to draw, while
    the other half still tries every optional field, each present or not.
    """
    return st.builds(
        _merged, st.fixed_dictionaries(core), st.none() | st.fixed_dictionaries(extras)
    )


def _or_not_applicable(codes: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A level code, or (about one time in five) ``NOT_APPLICABLE``."""
    return st.tuples(_NOT_APPLICABLE_CHANCE, codes).map(
        lambda drawn: NOT_APPLICABLE if drawn[0] == 0 else drawn[1]
    )


# -- scales -------------------------------------------------------------------------------------


def levels() -> st.SearchStrategy[Level]:
    """Levels of a rating scale, with any finite value.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Level
        Codes are ids other than ``"not_applicable"``; labels are not blank;
        descriptors and ``#RRGGBB`` colours are sometimes present.

    Examples
    --------
    >>> import math
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(levels())
    ... def test_levels_are_valid(level):
    ...     assert level.code != "not_applicable" and level.label.strip()
    ...     assert math.isfinite(level.value)
    >>> test_levels_are_valid()
    """
    return _LEVELS


_LEVELS = st.builds(
    Level,
    code=_LEVEL_CODES,
    label=_NON_BLANK_TEXTS,
    value=st.floats(allow_nan=False, allow_infinity=False),
    descriptor=_OPTIONAL_TEXTS,
    colour=_OPTIONAL_COLOURS,
)


class _LevelParts(NamedTuple):
    code: str
    label: str
    descriptor: str | None
    colour: str | None
    step: float


_LEVEL_PARTS = st.builds(
    _LevelParts,
    code=_LEVEL_CODES,
    label=_NON_BLANK_TEXTS,
    descriptor=_OPTIONAL_TEXTS,
    colour=_OPTIONAL_COLOURS,
    step=_STEPS,
)


def _assemble_scale(
    *,
    scale_id: str,
    title: str,
    kind: ScaleKind,
    start: float,
    parts: list[_LevelParts],
    cuts: list[float] | None,
) -> RatingScale:
    values = itertools.accumulate((part.step for part in parts[1:]), initial=start)
    return RatingScale(
        id=scale_id,
        title=title,
        kind=kind,
        levels=[
            Level(
                code=part.code,
                label=part.label,
                value=value,
                descriptor=part.descriptor,
                colour=part.colour,
            )
            for part, value in zip(parts, values, strict=True)
        ],
        thresholds=() if cuts is None else sorted(cuts[: len(parts) - 1]),
    )


@functools.lru_cache(maxsize=16)
def _builtin_scales(names: tuple[str, ...]) -> st.SearchStrategy[RatingScale]:
    # Drawn by name: a repr listing whole scales would run to kilobytes.
    return st.sampled_from(names).map(_BUILTIN_SCALES.__getitem__)


_ANY_BUILTIN_SCALE = _builtin_scales(tuple(_BUILTIN_SCALES))


@functools.lru_cache(maxsize=16)
def _rating_scales(min_levels: int, max_levels: int) -> st.SearchStrategy[RatingScale]:
    generated = st.builds(
        _assemble_scale,
        scale_id=_IDS,
        title=_NON_BLANK_TEXTS,
        kind=_SCALE_KINDS,
        start=_STARTS,
        parts=st.lists(
            _LEVEL_PARTS,
            min_size=min_levels,
            max_size=max_levels,
            unique_by=lambda part: part.code,
        ),
        cuts=st.none()
        | st.lists(_CUT_POINTS, min_size=max_levels - 1, max_size=max_levels - 1, unique=True),
    )
    builtin = [s.id for s in _BUILTIN_SCALES.values() if min_levels <= len(s.levels) <= max_levels]
    if not builtin:
        return generated
    return st.one_of(generated, generated, generated, _builtin_scales(tuple(builtin)))


def rating_scales(*, min_levels: int = 2, max_levels: int = 6) -> st.SearchStrategy[RatingScale]:
    """Rating scales: sometimes a built-in one, usually a new one.

    Parameters
    ----------
    min_levels : int, default 2
        The fewest levels a scale may have; at least 2.
    max_levels : int, default 6
        The most levels a scale may have.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of RatingScale
        New scales have unique codes; values that start between -100 and 100 and
        rise in steps of 0.1 to 100, in tenths; and sometimes their own increasing
        thresholds in (0, 1], in thousandths.

    Raises
    ------
    ValueError
        If ``min_levels < 2`` or ``max_levels < min_levels``.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(rating_scales(min_levels=3))
    ... def test_normalised_scores_run_from_0_to_1(scale):
    ...     scores = [scale.normalise(code) for code in scale.codes]
    ...     assert len(scores) >= 3 and scores[0] == 0 and scores[-1] == 1
    ...     assert scores == sorted(scores)
    >>> test_normalised_scores_run_from_0_to_1()
    """
    if min_levels < 2 or max_levels < min_levels:
        raise ValueError(
            "expected 2 <= min_levels <= max_levels; "
            f"found min_levels={min_levels}, max_levels={max_levels}"
        )
    return _rating_scales(min_levels, max_levels)


# -- periods and evidence -----------------------------------------------------------------------


def _period_between(first: datetime.date, second: datetime.date) -> Period:
    return Period(start=min(first, second), end=max(first, second))


_PERIODS = st.builds(_period_between, _DATES, _DATES)
_OPTIONAL_PERIODS = st.none() | _PERIODS


def periods() -> st.SearchStrategy[Period]:
    """Periods between any two dates (both ends included, so one day at least).

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Period

    Examples
    --------
    >>> from hypothesis import find
    >>> period = find(periods(), lambda p: p.days > 30)
    >>> period.start < period.end, period.days > 30
    (True, True)
    """
    return _PERIODS


_EXPECTATIONS = st.builds(
    EvidenceExpectation,
    min_count=st.integers(min_value=0, max_value=5),
    kinds=st.lists(_EVIDENCE_KINDS, max_size=_MAX_ITEMS, unique=True),
)


def evidence_expectations() -> st.SearchStrategy[EvidenceExpectation]:
    """What a criterion expects behind each rating: a small count and some kinds.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of EvidenceExpectation
        ``min_count`` from 0 to 5; up to three distinct kinds.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(evidence_expectations())
    ... def test_expectations_are_small(expectation):
    ...     assert 0 <= expectation.min_count <= 5
    ...     assert len(set(expectation.kinds)) == len(expectation.kinds) <= 3
    >>> test_expectations_are_small()
    """
    return _EXPECTATIONS


def _evidence_fields(cited: st.SearchStrategy[list[str]]) -> st.SearchStrategy[dict[str, Any]]:
    """Every field of a piece of evidence, citing criteria drawn by ``cited``."""
    return _with_extras(
        {
            "id": _IDS,
            "title": _NON_BLANK_TEXTS,
            "kind": _EVIDENCE_KINDS,
            "criterion_ids": cited,
            "sensitivity": st.sampled_from(Sensitivity),
        },
        _EVIDENCE_EXTRAS,
    )


_EVIDENCE_EXTRAS = {
    "source_agency_id": _OPTIONAL_IDS,
    "collected_on": _OPTIONAL_DATES,
    "period": _OPTIONAL_PERIODS,
    "uri": _OPTIONAL_NON_BLANK_TEXTS,
    "strength": st.sampled_from(Strength),
    "notes": _OPTIONAL_TEXTS,
}


def _make_evidence(fields: dict[str, Any]) -> Evidence:
    return Evidence(**fields)


def evidence(*, criterion_ids: Sequence[str] | None = None) -> st.SearchStrategy[Evidence]:
    """Pieces of evidence, of every kind, strength and sensitivity.

    Parameters
    ----------
    criterion_ids : sequence of str, optional
        The criteria evidence may bear on; any ids by default. An empty sequence
        means evidence that names no criterion.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Evidence

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(evidence(criterion_ids=["s11.1", "s11.2"]))
    ... def test_evidence_names_known_criteria(item):
    ...     assert set(item.criterion_ids) <= {"s11.1", "s11.2"}
    >>> test_evidence_names_known_criteria()
    """
    cited = _ID_LISTS if criterion_ids is None else _sampled_lists(tuple(criterion_ids))
    return _evidence_fields(cited).map(_make_evidence)


# -- provenance and carried ratings -------------------------------------------------------------

_FIELD_NAMES = st.sampled_from(
    ["title", "description", "guidance", "descriptors", "weight", "scale", "evidence", "tags"]
)
_CHANGES = st.builds(
    Change, layer=_IDS, fields=st.lists(_FIELD_NAMES, min_size=1, max_size=_MAX_ITEMS, unique=True)
)


def changes() -> st.SearchStrategy[Change]:
    """Changes one tailoring layer made to a node: the layer and the fields it changed.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Change
        One to three distinct field names of criteria and domains.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(changes())
    ... def test_changes_name_distinct_fields(change):
    ...     assert 1 <= len(set(change.fields)) == len(change.fields) <= 3
    >>> test_changes_name_distinct_fields()
    """
    return _CHANGES


_ORIGINS = st.builds(
    Origin,
    status=st.sampled_from(OriginStatus),
    layer=_IDS,
    changes=st.lists(_CHANGES, max_size=2),
)


def origins() -> st.SearchStrategy[Origin]:
    """Where a node of a tailored framework came from: inherited, modified or added.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Origin
        With up to two changes by later layers.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(origins())
    ... def test_changed_fields_are_listed_once(origin):
    ...     fields = origin.changed_fields
    ...     assert len(fields) == len(set(fields))
    ...     assert str(origin).startswith(origin.status.value)
    >>> test_changed_fields_are_listed_once()
    """
    return _ORIGINS


_CARRIED = st.builds(
    Carried,
    framework_id=_IDS,
    framework_version=_OPTIONAL_NON_BLANK_TEXTS,
    criterion_id=_IDS,
    relation=st.sampled_from(Relation),
)


def carried() -> st.SearchStrategy[Carried]:
    """Where a carried-over rating came from: a criterion of another framework, and how related.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Carried

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(carried())
    ... def test_sources_name_criterion_and_relation(source):
    ...     assert str(source).endswith(f"{source.criterion_id} ({source.relation.value})")
    >>> test_sources_name_criterion_and_relation()
    """
    return _CARRIED


# -- scoring policies ---------------------------------------------------------------------------

# The names rules and aggregators use to select nodes, which frameworks reserve: drawn nodes
# never have them as ids.
_SELECTORS = frozenset({OVERALL, DOMAINS})
_SHARES = st.integers(min_value=0, max_value=1000).map(lambda thousandths: thousandths / 1000)
_AGGREGATORS = st.sampled_from(BUILTIN_AGGREGATORS)
_MAX_RULES = 2


class _PolicyContext(NamedTuple):
    """What a policy may refer to: nodes, and levels of the judgement scale."""

    node_ids: tuple[str, ...]
    # For weakest_of: each node a rule may apply to, and the nodes under it that may limit it.
    limits: dict[str, tuple[str, ...]]
    levels: tuple[str, ...]
    # Levels of every criterion's scale: what not-applicable ratings may count as.
    common_levels: tuple[str, ...]


def _framework_context(scale: RatingScale, domains: Sequence[Domain]) -> _PolicyContext:
    """The context of a framework with this scale and these domains."""
    node_ids: list[str] = []
    limits = {OVERALL: tuple(domain.id for domain in domains)}
    common = set(scale.codes)
    rated = False

    def visit(node: Domain | Criterion, inherited: RatingScale) -> None:
        nonlocal common, rated
        node_ids.append(node.id)
        if node.children:
            limits[node.id] = tuple(child.id for child in node.children)
        if isinstance(node, Criterion):
            inherited = node.scale or inherited
            common = common & set(inherited.codes) if rated else set(inherited.codes)
            rated = True
        for child in node.children:
            visit(child, inherited)

    for domain in domains:
        visit(domain, scale)
    return _PolicyContext(
        node_ids=tuple(node_ids),
        limits={node_id: under for node_id, under in limits.items() if under},
        levels=scale.codes,
        common_levels=tuple(sorted(common)),
    )


def _free_context(node_ids: list[str], level_codes: list[str]) -> _PolicyContext:
    """A context of any ids and levels, for policies drawn without a framework."""
    return _PolicyContext(
        node_ids=tuple(node_ids),
        limits={OVERALL: tuple(node_ids)},
        levels=tuple(level_codes),
        common_levels=tuple(level_codes),
    )


_FREE_CONTEXTS = st.builds(
    _free_context,
    st.lists(_IDS, min_size=1, max_size=_MAX_ITEMS, unique=True),
    st.lists(_LEVEL_CODES, min_size=2, max_size=4, unique=True),
)


class _RuleParts(NamedTuple):
    id: str
    condition: Condition
    target: int
    level: int
    at: int
    nodes: list[int]
    description: str | None


_RULE_PARTS = st.builds(
    _RuleParts,
    id=_IDS,
    condition=st.sampled_from(Condition),
    target=_PICKS,
    level=_PICKS,
    at=_PICKS,
    nodes=st.lists(_PICKS, min_size=1, max_size=2),
    description=_OPTIONAL_TEXTS,
)


def _assemble_rule(parts: _RuleParts, context: _PolicyContext, rule_id: str) -> LimitingRule:
    condition = parts.condition
    if condition is Condition.WEAKEST_OF and context.limits:
        # A weakest_of rule is limited by nodes scored before the node it applies to:
        # nodes under it (for the overall judgement, the top-level domains).
        targets = tuple(context.limits)
        target = targets[parts.target % len(targets)]
        under = context.limits[target]
        return LimitingRule(
            id=rule_id,
            applies_to=target,
            condition=condition,
            nodes=_picked(under, parts.nodes),
            effect=Effect.CAP,
            description=parts.description,
        )
    if condition is Condition.WEAKEST_OF:
        condition = Condition.ANY_AT_OR_BELOW
    targets = (OVERALL, DOMAINS, *context.node_ids)
    levels = context.levels
    return LimitingRule(
        id=rule_id,
        applies_to=targets[parts.target % len(targets)],
        condition=condition,
        level=levels[parts.level % len(levels)],
        effect=Effect.FLOOR if condition is Condition.ALL_AT_OR_ABOVE else Effect.CAP,
        at=levels[parts.at % len(levels)],
        description=parts.description,
    )


class _PolicyParts(NamedTuple):
    aggregator: str
    aggregators: list[tuple[int, str]]
    not_applicable: int | None
    min_coverage: float
    meet: float
    rules: list[_RuleParts]
    thresholds: list[int] | None


_POLICY_PARTS = st.builds(
    _PolicyParts,
    aggregator=_AGGREGATORS,
    aggregators=st.lists(st.tuples(_PICKS, _AGGREGATORS), max_size=2),
    not_applicable=st.none() | _PICKS,
    min_coverage=_SHARES,
    meet=_SHARES,
    rules=st.lists(_RULE_PARTS, max_size=_MAX_RULES),
    thresholds=st.none()
    | st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=4),
)


def _cut_points(steps: list[int], count: int) -> list[float]:
    """``count`` increasing cut points in (0, 1): running sums of the steps, taken in turn."""
    sums = list(itertools.accumulate(steps[i % len(steps)] for i in range(count + 1)))
    return [total / sums[-1] for total in sums[:-1]]


def _assemble_policy(parts: _PolicyParts, context: _PolicyContext) -> ScoringPolicy:
    nodes = (OVERALL, *context.node_ids)
    used: set[str] = set()
    common = context.common_levels
    return ScoringPolicy(
        aggregator=parts.aggregator,
        aggregators={nodes[pick % len(nodes)]: name for pick, name in parts.aggregators},
        not_applicable=None
        if parts.not_applicable is None or not common
        else common[parts.not_applicable % len(common)],
        min_coverage=parts.min_coverage,
        meet=parts.meet,
        rules=[_assemble_rule(rule, context, _unique(rule.id, used)) for rule in parts.rules],
        thresholds=()
        if parts.thresholds is None
        else _cut_points(parts.thresholds, len(context.levels) - 1),
    )


def _contexts(framework: Framework | None) -> st.SearchStrategy[_PolicyContext]:
    """What policies for ``framework`` may refer to: anything if None."""
    if framework is None:
        return _FREE_CONTEXTS
    return st.just(_framework_context(framework.scale, framework.domains))


def _make_rule(parts: _RuleParts, context: _PolicyContext) -> LimitingRule:
    return _assemble_rule(parts, context, parts.id)


def limiting_rules(*, framework: Framework | None = None) -> st.SearchStrategy[LimitingRule]:
    """Limiting rules of every condition, each with the effect its condition takes.

    Parameters
    ----------
    framework : Framework, optional
        The framework the rules are for. When given, they apply to ``"overall"``,
        ``"domains"`` or its nodes, test and limit at levels of its scale, and a
        ``weakest_of`` rule is limited by nodes directly under the node it applies
        to (for ``"overall"``, top-level domains). By default ids and levels are
        arbitrary.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of LimitingRule
        ``weakest_of`` rules name nodes and cap; ``all_at_or_above`` rules floor;
        the others cap; all but ``weakest_of`` name a level and a level to limit at.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> @settings(max_examples=20)
    ... @given(limiting_rules(framework=framework))
    ... def test_rules_name_levels_of_the_scale(rule):
    ...     assert {rule.level, rule.at} <= {*framework.scale.codes, None}
    ...     assert (rule.effect == "floor") == (rule.condition == "all_at_or_above")
    >>> test_rules_name_levels_of_the_scale()
    """
    return st.builds(_make_rule, _RULE_PARTS, _contexts(framework))


def scoring_policies(*, framework: Framework | None = None) -> st.SearchStrategy[ScoringPolicy]:
    """Scoring policies: built-in aggregators, coverage, limiting rules and thresholds.

    Parameters
    ----------
    framework : Framework, optional
        The framework the policies are for. When given, every policy refers only to
        its nodes and its scale's levels (and counts "not applicable" only as a level
        of every criterion's scale), so ``attrs.evolve(framework, scoring=policy)`` is
        valid. By default ids and levels are arbitrary.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ScoringPolicy
        Up to two aggregators for particular nodes, up to two rules with unique ids
        (see :func:`limiting_rules`), shares in thousandths, and sometimes
        thresholds: one fewer than the judgement scale's levels, increasing in (0, 1).

    Examples
    --------
    >>> import attrs
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> @settings(max_examples=20)
    ... @given(scoring_policies(framework=framework))
    ... def test_policies_fit_the_framework(policy):
    ...     assert attrs.evolve(framework, scoring=policy).scoring == policy
    >>> test_policies_fit_the_framework()
    """
    return st.builds(_assemble_policy, _POLICY_PARTS, _contexts(framework))


# -- indicators ---------------------------------------------------------------------------------

_NUMBERS = st.floats(allow_nan=False, allow_infinity=False)
_OPTIONAL_NUMBERS = st.none() | _NUMBERS
_BANDS = (
    st.lists(_NUMBERS, min_size=2, max_size=2)
    .map(sorted)
    .map(lambda ends: Band(low=ends[0], high=ends[1]))
)
_RAG_BANDS = st.builds(RagBands, green=_NUMBERS, amber=_NUMBERS)
_PERIOD_LABELS = st.builds(
    lambda kind, year: kind.periods(_first_period(kind, year), 1)[0].label,
    st.sampled_from(list(PeriodType)),
    st.integers(min_value=1900, max_value=2100),
)


def _first_period(kind: PeriodType, year: int) -> Period:
    if kind is PeriodType.MONTH:
        return Period.month(year, 1)
    if kind is PeriodType.QUARTER:
        return Period.quarter(year, 1)
    if kind is PeriodType.FINANCIAL_YEAR:
        return Period.financial_year(year)
    if kind is PeriodType.ACADEMIC_YEAR:
        return Period.academic_year(year)
    return Period.calendar_year(year)


@st.composite
def _indicators(draw: st.DrawFn) -> Indicator:
    polarity = draw(st.sampled_from(list(Polarity)))
    band = draw(_BANDS if polarity is Polarity.WITHIN_BAND else st.none() | _BANDS)
    unit = draw(st.sampled_from(list(Unit)))
    return Indicator(
        id=draw(_IDS),
        title=draw(_NON_BLANK_TEXTS),
        polarity=polarity,
        band=band,
        unit=unit,
        factor=draw(st.none() | st.floats(min_value=1e-6, max_value=1e9)) or unit.factor,
        period_type=draw(st.sampled_from(list(PeriodType))),
        kind=draw(st.sampled_from(list(IndicatorKind))),
        numerator=draw(_OPTIONAL_NON_BLANK_TEXTS),
        denominator=draw(_OPTIONAL_NON_BLANK_TEXTS),
        oba_role=draw(st.none() | st.sampled_from(list(ObaRole))),
        target=draw(_OPTIONAL_NUMBERS),
        trajectory=draw(st.dictionaries(_PERIOD_LABELS, _NUMBERS, max_size=_MAX_ITEMS)),
        rag=draw(st.none() | _RAG_BANDS),
        source_code=draw(_OPTIONAL_NON_BLANK_TEXTS),
        source=draw(_OPTIONAL_NON_BLANK_TEXTS),
        description=draw(_OPTIONAL_NON_BLANK_TEXTS),
        criterion_ids=draw(_ID_LISTS),
        challenge_questions=draw(_QUESTION_LISTS),
    )


_INDICATORS = _indicators()


def bands() -> st.SearchStrategy[Band]:
    """Healthy bands with finite ends, ``low <= high``.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Band

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(bands())
    ... def test_ends_are_in_the_band(band):
    ...     assert band.low in band and band.high in band
    >>> test_ends_are_in_the_band()
    """
    return _BANDS


def rag_bands() -> st.SearchStrategy[RagBands]:
    """Red, amber and green thresholds: any two finite numbers.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of RagBands

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(rag_bands())
    ... def test_green_is_green(rag):
    ...     assert rag.status(rag.green, "higher_is_better") == "green"
    >>> test_green_is_green()
    """
    return _RAG_BANDS


def indicators() -> st.SearchStrategy[Indicator]:
    """Indicators of every polarity, unit, period type and OBA role.

    A ``within_band`` indicator always has a band; trajectories are keyed by
    valid period labels; factors are positive.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Indicator

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(indicators())
    ... def test_rates_use_the_factor(indicator):
    ...     assert indicator.rate(1, 1) == indicator.factor
    >>> test_rates_use_the_factor()
    """
    return _INDICATORS


_POWERS = st.sampled_from(list(Power))


@st.composite
def _report_cards(draw: st.DrawFn) -> ReportCard:
    indicators = list({i.id: i for i in draw(st.lists(_INDICATORS, max_size=_MAX_ITEMS))}.values())
    ids = [indicator.id for indicator in indicators]
    headlines = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    agenda = draw(
        st.lists(
            st.builds(
                DataDevelopmentItem,
                id=_IDS,
                title=_NON_BLANK_TEXTS,
                oba_role=st.sampled_from(list(ObaRole)),
                next_step=_OPTIONAL_NON_BLANK_TEXTS,
            ),
            max_size=2,
            unique_by=lambda item: item.id,
        )
    )
    return ReportCard(
        id=draw(_IDS),
        title=draw(_NON_BLANK_TEXTS),
        indicators=indicators,
        headline_ids=headlines,
        data_development=agenda,
    )


_OPTIONS = st.builds(
    Option,
    id=_IDS,
    description=_NON_BLANK_TEXTS,
    leverage=_POWERS,
    feasibility=_POWERS,
    specificity=_POWERS,
    values=_POWERS,
    no_cost=st.booleans(),
)


@st.composite
def _curve_worksheets(draw: st.DrawFn) -> CurveWorksheet:
    options = draw(st.lists(_OPTIONS, max_size=_MAX_ITEMS, unique_by=lambda o: o.id))
    option_ids = st.none() | st.sampled_from([o.id for o in options]) if options else st.none()
    actions = draw(
        st.lists(
            st.builds(
                PlannedAction,
                id=_IDS,
                description=_NON_BLANK_TEXTS,
                option_id=option_ids,
                owner=_OPTIONAL_IDS,
                due=_OPTIONAL_DATES,
            ),
            max_size=_MAX_ITEMS,
            unique_by=lambda a: a.id,
        )
    )
    return CurveWorksheet(
        id=draw(_IDS),
        indicator_id=draw(_IDS),
        baseline_end=draw(st.none() | _PERIOD_LABELS),
        story=draw(
            st.lists(
                st.builds(
                    Factor,
                    description=_NON_BLANK_TEXTS,
                    influence=st.sampled_from(list(Influence)),
                    depth=st.sampled_from(list(Depth)),
                ),
                max_size=_MAX_ITEMS,
            )
        ),
        partners=draw(
            st.lists(
                st.builds(
                    Partner,
                    name=_NON_BLANK_TEXTS,
                    role=_OPTIONAL_NON_BLANK_TEXTS,
                    agency_id=_OPTIONAL_IDS,
                ),
                max_size=_MAX_ITEMS,
            )
        ),
        options=options,
        actions=actions,
    )


_REPORT_CARDS = _report_cards()
_CURVE_WORKSHEETS = _curve_worksheets()


def report_cards() -> st.SearchStrategy[ReportCard]:
    """OBA report cards: indicators with unique ids, headlines among them, a data agenda.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ReportCard

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(report_cards())
    ... def test_headlines_are_on_the_card(card):
    ...     assert set(card.headline_ids) <= {i.id for i in card.indicators}
    >>> test_headlines_are_on_the_card()
    """
    return _REPORT_CARDS


def curve_worksheets() -> st.SearchStrategy[CurveWorksheet]:
    """Turn-the-curve worksheets whose actions carry out options of the worksheet.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of CurveWorksheet

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(curve_worksheets())
    ... def test_ranked_options_are_the_options(sheet):
    ...     ranked = sorted(option.id for option in sheet.ranked_options())
    ...     assert ranked == sorted(option.id for option in sheet.options)
    >>> test_ranked_options_are_the_options()
    """
    return _CURVE_WORKSHEETS


@st.composite
def _comparators(draw: st.DrawFn) -> Comparators:
    areas = draw(st.lists(_IDS, max_size=5, unique=True))
    regions = (
        {area: draw(_NON_BLANK_TEXTS) for area in draw(st.sets(st.sampled_from(areas)))}
        if areas
        else {}
    )
    neighbours: dict[str, list[str]] = {}
    for area in areas:
        others = [other for other in areas if other != area]
        if not others:
            continue
        if draw(st.booleans()):
            neighbours[area] = draw(st.lists(st.sampled_from(others), unique=True, max_size=3))
    england = draw(st.none() | _IDS)
    return Comparators(regions=regions, neighbours=neighbours, england=england)


_COMPARATORS = _comparators()


def comparators() -> st.SearchStrategy[Comparators]:
    """Regions and statistical neighbours of a few areas; nobody is their own neighbour.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Comparators

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(comparators())
    ... def test_no_area_neighbours_itself(found):
    ...     assert all(area not in near for area, near in found.neighbours.items())
    >>> test_no_area_neighbours_itself()
    """
    return _COMPARATORS


# -- the requirement tree -----------------------------------------------------------------------


class _CriterionParts(NamedTuple):
    id: str
    scale: RatingScale | None
    descriptors: list[tuple[int, str]]
    fields: dict[str, Any]
    children: list[_CriterionParts]


class _DomainParts(NamedTuple):
    id: str
    fields: dict[str, Any]
    children: list[_DomainParts | _CriterionParts]


_CRITERION_FIELDS = _with_extras(
    {"title": _NON_BLANK_TEXTS, "weight": _WEIGHTS, "evidence": _EXPECTATIONS},
    {
        "description": _OPTIONAL_TEXTS,
        "guidance": _OPTIONAL_TEXTS,
        "indicator_ids": _ID_LISTS,
        "tags": _TAG_LISTS,
        "questions": _QUESTION_LISTS,
    },
)
_DOMAIN_FIELDS = _with_extras(
    {"title": _NON_BLANK_TEXTS, "weight": _WEIGHTS},
    {"description": _OPTIONAL_TEXTS, "questions": _QUESTION_LISTS},
)
_DESCRIPTOR_PICKS = st.lists(st.tuples(_PICKS, _TEXTS), max_size=_MAX_ITEMS)
# Most criteria are rated on the scale in force above them; some name their own. Like real
# frameworks, most use a registered scale (written by name); some define one.
_OWN_SCALES = st.one_of(
    st.none(),
    st.none(),
    st.none(),
    _ANY_BUILTIN_SCALE,
    rating_scales(max_levels=4),
)
_FRAMEWORK_SCALES = _ANY_BUILTIN_SCALE | rating_scales()


# The parts of a tree are drawn by composites so that a strategy's repr, which Hypothesis
# builds when a draw fails, names the depth instead of spelling out the whole nested tree.


@functools.lru_cache(maxsize=16)
def _criterion_parts(depth: int) -> st.SearchStrategy[_CriterionParts]:
    return _drawn_criterion_parts(depth=depth)


@functools.lru_cache(maxsize=16)
def _criterion_children(depth: int) -> st.SearchStrategy[list[_CriterionParts]]:
    if not depth:
        return st.builds(list)
    return st.lists(_criterion_parts(depth - 1), max_size=_MAX_CHILDREN)


@st.composite
def _drawn_criterion_parts(draw: st.DrawFn, *, depth: int) -> _CriterionParts:
    return _CriterionParts(
        id=draw(_IDS),
        scale=draw(_OWN_SCALES),
        descriptors=draw(_DESCRIPTOR_PICKS),
        fields=draw(_CRITERION_FIELDS),
        children=draw(_criterion_children(depth)),
    )


@functools.lru_cache(maxsize=16)
def _domain_parts(depth: int) -> st.SearchStrategy[_DomainParts]:
    return _drawn_domain_parts(depth=depth)


@functools.lru_cache(maxsize=16)
def _domain_children(depth: int) -> st.SearchStrategy[list[_DomainParts | _CriterionParts]]:
    if not depth:
        return st.builds(list)
    child: st.SearchStrategy[_DomainParts | _CriterionParts] = _criterion_parts(depth - 1)
    if depth > 1:
        child = st.one_of(child, _domain_parts(depth - 1))
    return st.lists(child, max_size=_MAX_CHILDREN)


@st.composite
def _drawn_domain_parts(draw: st.DrawFn, *, depth: int) -> _DomainParts:
    return _DomainParts(
        id=draw(_IDS), fields=draw(_DOMAIN_FIELDS), children=draw(_domain_children(depth))
    )


def _assemble_criterion(parts: _CriterionParts, used: set[str], scale: RatingScale) -> Criterion:
    """Build a criterion; ``scale`` is the one in force above it."""
    criterion_id = _unique(parts.id, used)
    # Sub-criteria are rated on the scale of their nearest criterion that names one.
    scale = parts.scale or scale
    codes = scale.codes
    return Criterion(
        id=criterion_id,
        scale=parts.scale,
        descriptors={codes[pick % len(codes)]: text for pick, text in parts.descriptors},
        children=[_assemble_criterion(child, used, scale) for child in parts.children],
        **parts.fields,
    )


def _assemble_domain(parts: _DomainParts, used: set[str], scale: RatingScale) -> Domain:
    """Build a domain; ``scale`` is the framework's."""
    domain_id = _unique(parts.id, used)
    return Domain(
        id=domain_id,
        children=[
            _assemble_domain(child, used, scale)
            if isinstance(child, _DomainParts)
            else _assemble_criterion(child, used, scale)
            for child in parts.children
        ],
        **parts.fields,
    )


def _check_depth(max_depth: int) -> None:
    if max_depth < 0:
        raise ValueError(f"expected max_depth >= 0; found {max_depth}")


def criteria(
    *, max_depth: int = 2, framework_scale: RatingScale = OFSTED4
) -> st.SearchStrategy[Criterion]:
    """Criteria with sub-criteria, ids unique across the whole tree.

    Parameters
    ----------
    max_depth : int, default 2
        How many levels of sub-criteria there may be below the criterion.
    framework_scale : RatingScale, default OFSTED4
        The scale of the framework the criteria will sit in. A criterion without a
        scale of its own is rated on its nearest enclosing criterion's scale, else
        on this one, and its level descriptors name levels of that scale.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Criterion
        Level descriptors name only levels of each criterion's effective scale. No
        node has the id ``"overall"`` or ``"domains"``, which frameworks reserve.

    Raises
    ------
    ValueError
        If ``max_depth`` is negative.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(criteria(max_depth=1))
    ... def test_sub_criteria_are_leaves(criterion):
    ...     assert all(child.is_leaf for child in criterion.children)
    >>> test_sub_criteria_are_leaves()
    """
    _check_depth(max_depth)
    return _criterion_parts(max_depth).map(
        lambda parts: _assemble_criterion(parts, set(_SELECTORS), framework_scale)
    )


def domains(
    *, max_depth: int = 2, framework_scale: RatingScale = OFSTED4
) -> st.SearchStrategy[Domain]:
    """Domains holding domains and criteria, ids unique across the whole tree.

    Parameters
    ----------
    max_depth : int, default 2
        How many levels of nodes there may be below the domain.
    framework_scale : RatingScale, default OFSTED4
        The scale of the framework the domains will sit in. A criterion without a
        scale of its own is rated on its nearest enclosing criterion's scale, else
        on this one, and its level descriptors name levels of that scale.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Domain
        No node has the id ``"overall"`` or ``"domains"``, which frameworks reserve.

    Raises
    ------
    ValueError
        If ``max_depth`` is negative.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(domains(max_depth=1))
    ... def test_shallow_domains_hold_leaf_criteria(domain):
    ...     assert all(isinstance(child, Criterion) and child.is_leaf for child in domain.children)
    >>> test_shallow_domains_hold_leaf_criteria()
    """
    _check_depth(max_depth)
    return _domain_parts(max_depth).map(
        lambda parts: _assemble_domain(parts, set(_SELECTORS), framework_scale)
    )


def _assemble_framework(
    *,
    scale: RatingScale,
    domains: list[_DomainParts],
    fields: dict[str, Any],
    origins: list[Origin] | None,
    scoring: _PolicyParts | None,
    indicators: list[tuple[Indicator, list[int]]] = (),  # type: ignore[assignment]
) -> Framework:
    used = set(_SELECTORS)
    assembled = [_assemble_domain(parts, used, scale) for parts in domains]
    node_ids = sorted(used - _SELECTORS)
    # Provenance is empty, or gives every node an origin: deal the drawn ones out in turn.
    provenance = (
        {node_id: origins[index % len(origins)] for index, node_id in enumerate(node_ids)}
        if origins
        else {}
    )
    policy = (
        ScoringPolicy()
        if scoring is None
        else _assemble_policy(scoring, _framework_context(scale, assembled))
    )
    return Framework(
        scale=scale,
        domains=assembled,
        provenance=provenance,
        scoring=policy,
        indicators=_attach_indicators(indicators, assembled),
        **fields,
    )


def _attach_indicators(
    parts: Sequence[tuple[Indicator, list[int]]], domains: Sequence[Domain]
) -> list[Indicator]:
    """Indicators with unique ids, each linked to criteria of the tree picked by position."""
    criterion_ids = [node.id for node in _tree_nodes(domains) if isinstance(node, Criterion)]
    attached: dict[str, Indicator] = {}
    for indicator, picks in parts:
        attached.setdefault(
            indicator.id, attrs.evolve(indicator, criterion_ids=_picked(criterion_ids, picks))
        )
    return list(attached.values())


def _tree_nodes(nodes: Sequence[Domain | Criterion]) -> list[Domain | Criterion]:
    found: list[Domain | Criterion] = []
    for node in nodes:
        found.append(node)
        found.extend(_tree_nodes(node.children))
    return found


_FRAMEWORK_FIELDS = st.fixed_dictionaries(
    {
        "id": _IDS,
        "version": _NON_BLANK_TEXTS,
        "title": _NON_BLANK_TEXTS,
        "description": _OPTIONAL_TEXTS,
        "metadata": _METADATA,
    }
)


def frameworks(
    *,
    max_domains: int = 3,
    max_depth: int = 2,
    scale: RatingScale | None = None,
    scoring: bool = True,
) -> st.SearchStrategy[Framework]:
    """Frameworks: trees of domains and criteria with ids unique across the whole tree.

    Parameters
    ----------
    max_domains : int, default 3
        The most top-level domains; there is always at least one.
    max_depth : int, default 2
        How many levels of nodes there may be below each top-level domain.
    scale : RatingScale, optional
        The framework's scale; by default a built-in scale half the time, else one
        drawn from :func:`rating_scales`.
    scoring : bool, default True
        Whether to draw a scoring policy; if False, every framework has the default
        policy (a weighted mean, no limiting rule).

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Framework
        Some criteria have scales of their own; every level descriptor names a
        level of its criterion's effective scale. About half the frameworks carry
        provenance, as if built by tailoring: an origin for every node. About half
        have the default scoring policy, the others one drawn as
        :func:`scoring_policies` draws for the framework, whose ``weakest_of`` rules
        are limited by nodes directly under the node they apply to.

    Raises
    ------
    ValueError
        If ``max_domains < 1`` or ``max_depth`` is negative.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.scales import RAG3
    >>> @settings(max_examples=10)
    ... @given(frameworks(scale=RAG3))
    ... def test_every_node_has_its_own_id(framework):
    ...     ids = [node.id for node in framework.nodes()]
    ...     assert len(ids) == len(set(ids)) == sum(framework.counts().values())
    ...     assert framework.scale is RAG3
    >>> test_every_node_has_its_own_id()
    """
    if max_domains < 1:
        raise ValueError(f"expected max_domains >= 1; found {max_domains}")
    _check_depth(max_depth)
    return st.builds(
        _assemble_framework,
        scale=_FRAMEWORK_SCALES if scale is None else st.just(scale),
        domains=st.lists(_domain_parts(max_depth), min_size=1, max_size=max_domains),
        fields=_FRAMEWORK_FIELDS,
        origins=st.none() | st.lists(_ORIGINS, min_size=1, max_size=_MAX_ITEMS),
        scoring=st.none() | _POLICY_PARTS if scoring else st.none(),
        indicators=st.lists(st.tuples(_INDICATORS, _PICK_LISTS), max_size=2),
    )


# -- tailoring ----------------------------------------------------------------------------------

_MODIFIED_SCALES = _ANY_BUILTIN_SCALE | rating_scales(max_levels=4)
_MODIFICATION_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "title": _NON_BLANK_TEXTS,
        "description": _TEXTS,
        "guidance": _TEXTS,
        "weight": _WEIGHTS,
        "scale": _MODIFIED_SCALES,
        "evidence": _EXPECTATIONS,
        "indicator_ids": _ID_LISTS,
        "tags": _TAG_LISTS,
        "questions": _QUESTION_LISTS,
    },
)


class _ModificationParts(NamedTuple):
    id: str
    fields: dict[str, Any]
    descriptors: list[tuple[str, int, str]] | None
    weight: float


_MODIFICATION_PARTS = st.builds(
    _ModificationParts,
    id=_IDS,
    fields=_MODIFICATION_FIELDS,
    descriptors=st.none() | st.lists(st.tuples(_LEVEL_CODES, _PICKS, _TEXTS), max_size=_MAX_ITEMS),
    weight=_WEIGHTS,
)


def _assemble_modification(parts: _ModificationParts, node_id: str) -> Modification:
    fields = dict(parts.fields)
    if parts.descriptors is not None:
        # Descriptors that come with a new scale describe its levels, as they must.
        scale = fields.get("scale")
        fields["descriptors"] = {
            code if scale is None else scale.codes[pick % len(scale.codes)]: text
            for code, pick, text in parts.descriptors
        }
    if not fields:
        fields["weight"] = parts.weight  # a modification changes at least one field
    return Modification(id=node_id, **fields)


_MODIFICATIONS = _MODIFICATION_PARTS.map(lambda parts: _assemble_modification(parts, parts.id))


def modifications() -> st.SearchStrategy[Modification]:
    """Modifications of a node: a new value for one or more of its fields.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Modification
        Each field is present or not; at least one is. Descriptors that come with
        a new scale name its levels; others name any level codes.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(modifications())
    ... def test_every_modification_changes_something(modification):
    ...     assert modification.fields
    ...     if modification.scale is not None and modification.descriptors is not None:
    ...         assert set(modification.descriptors) <= set(modification.scale.codes)
    >>> test_every_modification_changes_something()
    """
    return _MODIFICATIONS


class _AdditionParts(NamedTuple):
    node: _DomainParts | _CriterionParts
    parent: str | None
    position: str
    sibling: str


_ADDITION_PARTS = st.builds(
    _AdditionParts,
    node=st.one_of(_criterion_parts(0), _domain_parts(1)),
    parent=_OPTIONAL_IDS,
    position=st.sampled_from(["last", "before", "after"]),
    sibling=_IDS,
)


def _assemble_addition(parts: _AdditionParts, used: set[str]) -> Addition:
    if isinstance(parts.node, _DomainParts):
        node: Domain | Criterion = _assemble_domain(parts.node, used, OFSTED4)
    else:
        node = _assemble_criterion(parts.node, used, OFSTED4)
    parent = parts.parent
    if parts.position != "last":
        return Addition(node=node, parent=parent, **{parts.position: parts.sibling})
    if parent is None and isinstance(node, Criterion):
        parent = parts.sibling  # only domains stand at the top level
    return Addition(node=node, parent=parent)


def additions() -> st.SearchStrategy[Addition]:
    """Additions of a domain or criterion, with its subtree, under a parent or beside a sibling.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Addition
        Nodes as :func:`domains` or :func:`criteria` draw them: a criterion, or a
        domain holding criteria (descriptors name levels of OFSTED4). An addition
        goes before or after a sibling, or last; a criterion always names a parent
        or a sibling, since only domains stand at the top level.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.criteria import Criterion
    >>> @settings(max_examples=20)
    ... @given(additions())
    ... def test_criteria_are_placed(addition):
    ...     assert addition.before is None or addition.after is None
    ...     if isinstance(addition.node, Criterion):
    ...         assert {addition.parent, addition.before, addition.after} != {None}
    >>> test_criteria_are_placed()
    """
    return _ADDITIONS


_ADDITIONS = _ADDITION_PARTS.map(lambda parts: _assemble_addition(parts, set(_SELECTORS)))
_SETTINGS = _with_extras(
    {"metadata": _METADATA},
    {"scale": st.none() | _FRAMEWORK_SCALES, "scoring": st.none() | scoring_policies()},
).map(lambda fields: Settings(**fields))


def tailoring_settings() -> st.SearchStrategy[Settings]:
    """Framework-level settings of a tailoring layer: scale, metadata and scoring policy.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Settings
        The scale is sometimes built-in and sometimes new; the scoring policy is
        drawn by :func:`scoring_policies`, with arbitrary ids and levels.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(tailoring_settings())
    ... def test_metadata_is_text(chosen):
    ...     assert all(isinstance(value, str) for value in chosen.metadata.values())
    >>> test_metadata_is_text()
    """
    return _SETTINGS


def _assemble_tailoring(parts: dict[str, Any]) -> Tailoring:
    fields = dict(parts)
    # No node is named in conflicting ways: included and excluded, modified twice, modified
    # and excluded, or added under an id named elsewhere in the layer.
    included = list(dict.fromkeys(fields.pop("include", [])))
    used = set(included) | _SELECTORS
    modify = [_assemble_modification(part, _unique(part.id, used)) for part in fields.pop("modify")]
    excluded = [node_id for node_id in dict.fromkeys(fields.pop("exclude")) if node_id not in used]
    used.update(excluded)
    add = [_assemble_addition(part, used) for part in fields.pop("add", [])]
    return Tailoring(include=included, exclude=excluded, modify=modify, add=add, **fields)


_TAILORINGS = _with_extras(
    {
        "id": _IDS,
        "version": _NON_BLANK_TEXTS,
        "extends": _IDS,
        "exclude": _ID_LISTS,
        "modify": st.lists(_MODIFICATION_PARTS, max_size=2),
    },
    {
        "title": _OPTIONAL_NON_BLANK_TEXTS,
        "description": _OPTIONAL_TEXTS,
        "include": st.lists(_IDS, max_size=1),
        "add": st.lists(_ADDITION_PARTS, max_size=2),
        "set": _SETTINGS,
        "indicators": st.lists(_INDICATORS, max_size=1),
        "exclude_indicators": _ID_LISTS,
    },
).map(_assemble_tailoring)


def tailorings() -> st.SearchStrategy[Tailoring]:
    """Tailoring layers: a framework stated as changes to the one it extends.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Tailoring
        No id is named in conflicting ways within a layer: ids included are not
        excluded, no node is modified twice or both modified and excluded, and
        added nodes have ids the layer names nowhere else. The base is any id, so
        whether a layer applies to a given framework is not checked.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(tailorings())
    ... def test_no_node_is_modified_twice(layer):
    ...     modified = [modification.id for modification in layer.modify]
    ...     assert len(modified) == len(set(modified))
    ...     assert not set(layer.include) & set(layer.exclude)
    >>> test_no_node_is_modified_twice()
    """
    return _TAILORINGS


# -- mappings between frameworks ----------------------------------------------------------------


def _framework_reference(
    framework: Framework | None,
) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str | None]]:
    """The id and version by which a value names ``framework``; any id and version if None."""
    if framework is None:
        return _IDS, _OPTIONAL_NON_BLANK_TEXTS
    return st.just(framework.id), st.none() | st.just(framework.version)


def _criterion_ids(framework: Framework) -> tuple[str, ...]:
    return tuple(criterion.id for criterion in framework.criteria())


_RELATIONS = st.sampled_from(Relation)


class _LinkParts(NamedTuple):
    source: str
    target: str
    relation: Relation
    rationale: str | None


def _link_parts(
    source_ids: st.SearchStrategy[str], target_ids: st.SearchStrategy[str]
) -> st.SearchStrategy[_LinkParts]:
    return st.builds(_LinkParts, source_ids, target_ids, _RELATIONS, _OPTIONAL_NON_BLANK_TEXTS)


def _make_link(parts: _LinkParts) -> CriterionLink:
    return CriterionLink(**parts._asdict())


def criterion_links(
    *, source_ids: Sequence[str] | None = None, target_ids: Sequence[str] | None = None
) -> st.SearchStrategy[CriterionLink]:
    """Links from a criterion of one framework to a criterion of another, of every relation.

    Parameters
    ----------
    source_ids : sequence of str, optional
        The criteria of the source framework to link from; any ids by default.
    target_ids : sequence of str, optional
        The criteria of the target framework to link to; any ids by default.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of CriterionLink
        Sometimes with a rationale.

    Raises
    ------
    ValueError
        If ``source_ids`` or ``target_ids`` is given but empty.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(criterion_links(source_ids=["s11.6"], target_ids=["s11.6", "s11.7"]))
    ... def test_links_join_the_criteria_given(link):
    ...     assert link.source == "s11.6" and link.target in {"s11.6", "s11.7"}
    >>> test_links_join_the_criteria_given()
    """
    sources = _choose_from(source_ids, "source criterion id")
    targets = _choose_from(target_ids, "target criterion id")
    return _link_parts(sources, targets).map(_make_link)


def _assemble_mapping(fields: dict[str, Any], link_parts: list[_LinkParts]) -> FrameworkMapping:
    # One link per pair of criteria: the first drawn for a pair stands.
    pairs: dict[tuple[str, str], _LinkParts] = {}
    for parts in link_parts:
        pairs.setdefault((parts.source, parts.target), parts)
    return FrameworkMapping(links=[_make_link(parts) for parts in pairs.values()], **fields)


def _side(framework: Framework | None) -> tuple[dict[str, Any], st.SearchStrategy[str] | None]:
    """The id and version strategies of one side of a mapping, and its criterion ids."""
    framework_id, version = _framework_reference(framework)
    fields = {"id": framework_id, "version": version}
    if framework is None:
        return fields, _IDS
    criterion_ids = _criterion_ids(framework)
    return fields, _sampled(criterion_ids) if criterion_ids else None


def framework_mappings(
    *, source: Framework | None = None, target: Framework | None = None
) -> st.SearchStrategy[FrameworkMapping]:
    """Mappings from the criteria of one framework to those of another.

    Parameters
    ----------
    source : Framework, optional
        The framework mapped from. When given, the mapping names it (and at most its
        version) and links from its criteria only. By default ids are arbitrary.
    target : Framework, optional
        The framework mapped to, likewise.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of FrameworkMapping
        Up to four links, at most one per pair of criteria; none when either
        framework has no criteria.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> known = {criterion.id for criterion in framework.criteria()}
    >>> @settings(max_examples=20)
    ... @given(framework_mappings(source=framework, target=framework))
    ... def test_links_join_criteria_of_the_frameworks(mapping):
    ...     assert mapping.source == mapping.target == framework.id
    ...     assert all({link.source, link.target} <= known for link in mapping.links)
    >>> test_links_join_criteria_of_the_frameworks()
    """
    source_fields, source_ids = _side(source)
    target_fields, target_ids = _side(target)
    links: st.SearchStrategy[list[_LinkParts]] = (
        st.builds(list)
        if source_ids is None or target_ids is None
        else st.lists(_link_parts(source_ids, target_ids), max_size=_MAX_RATINGS)
    )
    fields = _with_extras(
        {"id": _IDS, "source": source_fields["id"], "target": target_fields["id"]},
        {
            "source_version": source_fields["version"],
            "target_version": target_fields["version"],
            "description": _OPTIONAL_TEXTS,
        },
    )
    return st.builds(_assemble_mapping, fields, links)


# -- ratings and assessments --------------------------------------------------------------------


_RATING_FIELDS = _with_extras(
    {"reason": _NON_BLANK_TEXTS, "role": _ROLES},
    {
        "rater": _OPTIONAL_NON_BLANK_TEXTS,
        "date": _OPTIONAL_DATES,
        "comment": _OPTIONAL_TEXTS,
        "immediate_concern": st.booleans(),
        "review": st.booleans(),
        "carried_from": st.none() | _CARRIED,
    },
)


def _make_rating(
    target: tuple[str, str], fields: dict[str, Any], evidence_ids: list[str]
) -> Rating:
    """A rating of ``target`` (criterion id and level); only N/A ratings keep the reason."""
    criterion_id, level = target
    reason = fields["reason"] if level == NOT_APPLICABLE else None
    return Rating(
        criterion_id=criterion_id,
        level=level,
        evidence_ids=evidence_ids,
        **{**fields, "reason": reason},
    )


def ratings(
    *, criterion_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None
) -> st.SearchStrategy[Rating]:
    """Ratings by every role; about one in five says "not applicable", with a reason.

    Parameters
    ----------
    criterion_ids : sequence of str, optional
        The criteria to rate; any ids by default.
    levels : sequence of str, optional
        The level codes to rate with (besides ``"not_applicable"``); any codes by default.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Rating
        Some are of immediate concern, flagged for review or carried over from a
        criterion of another framework.

    Raises
    ------
    ValueError
        If ``criterion_ids`` or ``levels`` is given but empty.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(ratings(criterion_ids=["c1"], levels=["red", "green"]))
    ... def test_ratings_use_the_levels_given(rating):
    ...     assert rating.criterion_id == "c1"
    ...     assert rating.level in {"red", "green", "not_applicable"}
    ...     assert (rating.reason is not None) == rating.is_not_applicable
    >>> test_ratings_use_the_levels_given()
    """
    codes = _LEVEL_CODES if levels is None else _choose_from(levels, "level")
    target = st.tuples(_choose_from(criterion_ids, "criterion id"), _or_not_applicable(codes))
    return st.builds(_make_rating, target, _RATING_FIELDS, _ID_LISTS)


class _RatingParts(NamedTuple):
    target: tuple[str, str]
    fields: dict[str, Any]
    evidence_picks: list[int]


def _assemble_assessment(
    *,
    fields: dict[str, Any],
    evidence_fields: list[dict[str, Any]],
    rating_parts: list[_RatingParts],
) -> Assessment:
    items = _with_unique_ids(_make_evidence, evidence_fields)
    evidence_ids = [item.id for item in items]
    assessment_ratings: list[Rating] = []
    keys: set[tuple[str, Role, str | None]] = set()
    for parts in rating_parts:
        rating = _make_rating(
            parts.target, parts.fields, _picked(evidence_ids, parts.evidence_picks)
        )
        key = (rating.criterion_id, rating.role, rating.rater)
        if key not in keys:
            keys.add(key)
            assessment_ratings.append(rating)
    return Assessment(ratings=assessment_ratings, evidence=items, **fields)


def _targets(framework: Framework | None) -> st.SearchStrategy[tuple[str, str]] | None:
    """What a rating rates: a criterion and a level of its scale (None if nothing can be)."""
    if framework is None:
        return st.tuples(_IDS, _or_not_applicable(_LEVEL_CODES))
    options = [
        st.tuples(
            st.just(criterion.id),
            _or_not_applicable(_sampled(framework.scale_for(criterion.id).codes)),
        )
        for criterion in framework.criteria()
    ]
    return st.one_of(options) if options else None


def assessments(*, framework: Framework | None = None) -> st.SearchStrategy[Assessment]:
    """Assessments whose ratings cite their own evidence, one per criterion, role and rater.

    Parameters
    ----------
    framework : Framework, optional
        The framework rated against. When given, the assessment names it, rates its
        criteria with levels of each criterion's scale (or "not applicable", with a
        reason) and its evidence names only its criteria, so that
        ``assessment.check(framework)`` finds no error. By default ids and levels
        are arbitrary.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Assessment
        Evidence ids are unique; every cited evidence id is in the assessment.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> @settings(max_examples=20)
    ... @given(assessments(framework=framework))
    ... def test_check_finds_no_error(assessment):
    ...     assert not [finding for finding in assessment.check(framework) if finding.is_error]
    >>> test_check_finds_no_error()
    """
    framework_id, version = _framework_reference(framework)
    header = {"framework_id": framework_id, "framework_version": version}
    cited = _ID_LISTS if framework is None else _sampled_lists(_criterion_ids(framework))
    targets = _targets(framework)
    rating_parts: st.SearchStrategy[list[_RatingParts]] = (
        st.builds(list)
        if targets is None
        else st.lists(
            st.builds(_RatingParts, targets, _RATING_FIELDS, _PICK_LISTS), max_size=_MAX_RATINGS
        )
    )
    fields = st.fixed_dictionaries(
        {"id": _IDS, "subject": _IDS, "period": _OPTIONAL_PERIODS, **header}
    )
    return st.builds(
        _assemble_assessment,
        fields=fields,
        evidence_fields=st.lists(_evidence_fields(cited), max_size=_MAX_ITEMS),
        rating_parts=rating_parts,
    )


_FINDINGS = st.builds(
    Finding,
    severity=st.sampled_from(Severity),
    code=_IDS,
    path=_TEXTS,
    message=_TEXTS,
)


def findings() -> st.SearchStrategy[Finding]:
    """Findings of every severity, with any path and message text.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Finding

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(findings())
    ... def test_only_errors_are_errors(finding):
    ...     assert finding.is_error == (finding.severity == "error")
    >>> test_only_errors_are_errors()
    """
    return _FINDINGS


# -- actions and agencies -----------------------------------------------------------------------


_ACTION_FIELDS = st.fixed_dictionaries(
    {
        "id": _IDS,
        "criterion_id": _IDS,
        "description": _NON_BLANK_TEXTS,
        "owner": _OPTIONAL_IDS,
        "due": _OPTIONAL_DATES,
        "status": st.sampled_from(ActionStatus),
        "assessment_id": _OPTIONAL_IDS,
    }
)


def _make_action(fields: dict[str, Any]) -> Action:
    return Action(**fields)


_ACTIONS = _ACTION_FIELDS.map(_make_action)


def actions() -> st.SearchStrategy[Action]:
    """Actions of every status, sometimes with an owner, a due date and an assessment.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Action

    Examples
    --------
    >>> import datetime
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(actions())
    ... def test_closed_actions_are_never_overdue(action):
    ...     if action.status.is_closed:
    ...         assert not action.is_overdue(datetime.date.max)
    >>> test_closed_actions_are_never_overdue()
    """
    return _ACTIONS


def _assemble_plan(plan_id: str, title: str, action_fields: list[dict[str, Any]]) -> ActionPlan:
    return ActionPlan(
        id=plan_id, title=title, actions=_with_unique_ids(_make_action, action_fields)
    )


_ACTION_PLANS = st.builds(
    _assemble_plan, _IDS, _NON_BLANK_TEXTS, st.lists(_ACTION_FIELDS, max_size=_MAX_ITEMS)
)


def action_plans() -> st.SearchStrategy[ActionPlan]:
    """Action plans whose actions have unique ids.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ActionPlan

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(action_plans())
    ... def test_open_actions_are_a_subset(plan):
    ...     assert set(plan.open_actions()) <= set(plan.actions)
    >>> test_open_actions_are_a_subset()
    """
    return _ACTION_PLANS


_AGENCY_FIELDS = {
    "name": _NON_BLANK_TEXTS,
    "sector": st.sampled_from(Sector),
    "statutory": st.booleans(),
    "organisation": _OPTIONAL_IDS,
}
_AGENCIES = st.builds(Agency, id=_IDS, **_AGENCY_FIELDS)
_AGENCY_FIELDS_BUT_ID = st.fixed_dictionaries(_AGENCY_FIELDS)


def agencies() -> st.SearchStrategy[Agency]:
    """Agencies of every sector, statutory or not.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Agency

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(agencies())
    ... def test_sectors_have_labels(agency):
    ...     assert agency.sector.label[0].isupper()
    >>> test_sectors_have_labels()
    """
    return _AGENCIES


# -- challenge logs -----------------------------------------------------------------------------

_LATER = st.none() | st.integers(min_value=0, max_value=3650)


@st.composite
def _challenge_logs(draw: st.DrawFn) -> ChallengeLog:
    used: set[str] = set()
    node_ids = [_unique(node, used) for node in draw(st.lists(_IDS, min_size=1, max_size=5))]
    split = draw(st.integers(min_value=0, max_value=len(node_ids)))
    agencies = [Agency(id=node, **draw(_AGENCY_FIELDS_BUT_ID)) for node in node_ids[:split]]
    members = [
        Member(
            id=node,
            name=draw(_NON_BLANK_TEXTS),
            kind=draw(st.sampled_from(MemberKind)),
            organisation=draw(_OPTIONAL_IDS),
        )
        for node in node_ids[split:]
    ]
    nodes = st.sampled_from(node_ids)
    events = []
    for number in range(draw(st.integers(min_value=0, max_value=_MAX_ITEMS))):
        raised = draw(st.dates(max_value=datetime.date(9000, 1, 1)))
        responded, escalated, closed = (draw(_LATER) for _ in range(3))
        events.append(
            ChallengeEvent(
                id=f"e{number}",
                kind=draw(st.sampled_from(ChallengeKind)),
                challenger=draw(nodes),
                challenged=draw(nodes),
                raised=raised,
                topic=draw(_OPTIONAL_IDS),
                responded=_days_after(raised, responded),
                escalated=_days_after(raised, escalated),
                escalation_level=None if escalated is None else draw(st.integers(1, 5)),
                closed=_days_after(raised, closed),
                outcome=None if closed is None else draw(st.sampled_from(Outcome)),
                note=draw(_OPTIONAL_NON_BLANK_TEXTS),
            )
        )
    meetings = []
    for number in range(draw(st.integers(min_value=0, max_value=_MAX_ITEMS))):
        expected = draw(st.lists(nodes, unique=True))
        attended = draw(st.lists(st.sampled_from(expected), unique=True)) if expected else []
        meetings.append(
            Meeting(id=f"m{number}", date=draw(_DATES), expected=expected, attended=attended)
        )
    return ChallengeLog(
        id=draw(_IDS),
        title=draw(_NON_BLANK_TEXTS),
        agencies=agencies,
        members=members,
        events=events,
        meetings=meetings,
    )


def _days_after(day: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else day + datetime.timedelta(days=days)


_CHALLENGE_LOGS = _challenge_logs()


def challenge_logs() -> st.SearchStrategy[ChallengeLog]:
    """Challenge logs whose references are all known and whose events' lives run in order.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ChallengeLog

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(challenge_logs())
    ... def test_every_event_names_a_member(log):
    ...     known = {a.id for a in log.agencies} | {m.id for m in log.members}
    ...     assert all({e.challenger, e.challenged} <= known for e in log.events)
    >>> test_every_event_names_a_member()
    """
    return _CHALLENGE_LOGS


# -- spreadsheet layouts ------------------------------------------------------------------------

_MAPPING_KEYS = _NON_BLANK_TEXTS.filter(lambda text: normalise_header(text) != "")
_COLUMN_NAMES = tuple(dict.fromkeys((*SECTION11_COLUMNS, *CASE_AUDIT_COLUMNS)))
_SEPARATORS = st.sampled_from([";", "|", ",", " / "])


def _folded_keys(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Dictionaries whose keys differ beyond case and spacing."""
    return st.dictionaries(_MAPPING_KEYS, values, max_size=_MAX_ITEMS).filter(
        lambda mapping: len({normalise_header(key) for key in mapping}) == len(mapping)
    )


@st.composite
def _column_mappings(draw: st.DrawFn) -> ColumnMapping:
    headers = draw(_folded_keys(st.just("")))
    fields = draw(
        st.lists(
            st.sampled_from(_COLUMN_NAMES),
            min_size=len(headers),
            max_size=len(headers),
            unique=True,
        )
    )
    read = {normalise_header(header) for header in headers}
    ignore = draw(
        st.lists(
            _MAPPING_KEYS.filter(lambda text: normalise_header(text) not in read),
            max_size=_MAX_ITEMS,
        )
    )
    return ColumnMapping(
        columns=dict(zip(headers, fields, strict=True)),
        levels=draw(_folded_keys(_IDS)),
        subjects=draw(_folded_keys(_IDS)),
        criteria=draw(_folded_keys(_IDS)),
        ignore=ignore,
        header_row=draw(st.integers(min_value=1, max_value=50)),
        evidence_separator=draw(_SEPARATORS),
    )


_COLUMN_MAPPINGS = _column_mappings()


def column_mappings() -> st.SearchStrategy[ColumnMapping]:
    """A council's spreadsheet layout mapped onto the columns lscbqa.io reads.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ColumnMapping
        Up to three headers each mapped to a distinct column, level words, agency
        names and criterion labels mapped to ids, ignored headers apart from the
        mapped ones, a header row from 1 to 50 and a visible evidence separator.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(column_mappings())
    ... def test_mapped_headers_read_as_their_columns(mapping):
    ...     assert all(mapping.field_for(h) == f for h, f in mapping.columns.items())
    >>> test_mapped_headers_read_as_their_columns()
    """
    return _COLUMN_MAPPINGS


# -- any document -------------------------------------------------------------------------------

# The strategy for every document type, with default options: each value class once, in the
# order strategy_types() gives and documents() draws from.
_STRATEGY_MAKERS: tuple[tuple[type, Callable[[], st.SearchStrategy[Any]]], ...] = (
    (Level, levels),
    (RatingScale, rating_scales),
    (Period, periods),
    (EvidenceExpectation, evidence_expectations),
    (Criterion, criteria),
    (Domain, domains),
    (Framework, frameworks),
    (Evidence, evidence),
    (Rating, ratings),
    (Assessment, assessments),
    (Finding, findings),
    (Action, actions),
    (ActionPlan, action_plans),
    (Agency, agencies),
    (Change, changes),
    (Origin, origins),
    (Carried, carried),
    (Tailoring, tailorings),
    (Addition, additions),
    (Modification, modifications),
    (Settings, tailoring_settings),
    (FrameworkMapping, framework_mappings),
    (CriterionLink, criterion_links),
    (ScoringPolicy, scoring_policies),
    (LimitingRule, limiting_rules),
    (Indicator, indicators),
    (Band, bands),
    (RagBands, rag_bands),
    (ReportCard, report_cards),
    (CurveWorksheet, curve_worksheets),
    (Comparators, comparators),
    (ChallengeLog, challenge_logs),
    (ColumnMapping, column_mappings),
)


@functools.cache
def _strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    # Built on first use, once: building every strategy at import would slow the import.
    return {cls: make() for cls, make in _STRATEGY_MAKERS}


def strategy_types() -> tuple[type, ...]:
    """Every value type that :func:`strategy_for` has a strategy for: every document type.

    Returns
    -------
    tuple of type
        Each type once, in a fixed order, levels and scales first.

    Examples
    --------
    >>> from lscbqa.scales import Level
    >>> types = strategy_types()
    >>> types[0] is Level, len(types) == len(set(types))
    (True, True)
    >>> sorted(cls.__name__ for cls in types)[:3]
    ['Action', 'ActionPlan', 'Addition']
    """
    return tuple(cls for cls, _ in _STRATEGY_MAKERS)


def strategy_for(cls: type[_T]) -> st.SearchStrategy[_T]:
    """The strategy that draws values of the document type ``cls``, with default options.

    A way to reach the strategies by type, for tests that run over many types; the
    strategy is the one the type's own function (``frameworks()`` for
    :class:`~lscbqa.model.Framework`) returns without options.

    Parameters
    ----------
    cls : type
        One of :func:`strategy_types`; subclasses are not looked up.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of cls

    Raises
    ------
    NotFoundError
        If ``cls`` is not a type that has a strategy; the message names it and lists
        the types that have one.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.agencies import Agency
    >>> @settings(max_examples=20)
    ... @given(strategy_for(Agency))
    ... def test_agencies_are_drawn(agency):
    ...     assert type(agency) is Agency
    >>> test_agencies_are_drawn()
    >>> strategy_for(dict)
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.NotFoundError: no strategy for type 'dict'; known: Action, ActionPlan, ...
    """
    # Looked up by identity, so that an unhashable argument is not found rather than a TypeError.
    for known, strategy in _strategies_by_type().items():
        if known is cls:
            return cast("st.SearchStrategy[_T]", strategy)
    what = f"type {cls.__qualname__!r}" if isinstance(cls, type) else f"{cls!r}, not a type"
    known_names = ", ".join(sorted(known.__qualname__ for known in strategy_types()))
    raise NotFoundError(f"no strategy for {what}; known: {known_names}")


def documents() -> st.SearchStrategy[object]:
    """Any value that can be written as a document, of every document type.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Values drawn from every other strategy in this module, with default
        options: :func:`strategy_for` each of :func:`strategy_types`.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.serialize import from_dict, to_dict
    >>> @settings(max_examples=20)
    ... @given(documents())
    ... def test_documents_survive_dicts(value):
    ...     assert from_dict(to_dict(value), type(value)) == value
    >>> test_documents_survive_dicts()
    """
    return _documents()


@st.composite
def _documents(draw: st.DrawFn) -> object:
    # A composite, not one_of: its repr stays short when a draw fails (see the tree parts).
    choices = tuple(_strategies_by_type().values())
    return draw(choices[draw(st.integers(min_value=0, max_value=len(choices) - 1))])
