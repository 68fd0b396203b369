"""The requirement tree: criteria grouped in domains, grouped in a framework.

A :class:`Framework` is an immutable tree of the nodes in :mod:`lscbqa.criteria`
(re-exported here). Domains hold domains or criteria;
criteria may hold sub-criteria. Every node has an id unique in its framework.

Examples
--------
>>> from lscbqa.model import Criterion, Domain, Framework
>>> framework = Framework(
...     id="mini",
...     version="1",
...     title="Mini framework",
...     domains=[
...         Domain(
...             id="lead",
...             title="Leadership",
...             children=[
...                 Criterion(id="lead.1", title="A senior board-level lead"),
...                 Criterion(id="lead.2", title="A culture of listening to children"),
...             ],
...         )
...     ],
... )
>>> [c.id for c in framework.criteria()]
['lead.1', 'lead.2']
>>> framework.path_to("lead.2")
('lead', 'lead.2')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from lscbqa import _util
from lscbqa.criteria import Criterion, Domain, EvidenceExpectation, Node, check_descriptors
from lscbqa.exceptions import NotFoundError, Problem, ValidationError
from lscbqa.measures import Indicator
from lscbqa.policy import DOMAINS, OVERALL, ScoringPolicy
from lscbqa.provenance import Origin, OriginStatus
from lscbqa.scales import OFSTED4, RatingScale
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring, apply_tailoring

__all__ = ["Criterion", "Domain", "EvidenceExpectation", "Framework", "Node"]


@attrs.frozen
class _Entry:
    node: Node
    ids: tuple[str, ...]
    json_path: str
    parent: str | None
    scale: RatingScale


@attrs.frozen(kw_only=True)
class Framework:
    """A quality-assurance framework: its domains, criteria and default scale.

    Parameters
    ----------
    id : str
        The framework's name, e.g. ``"section11"``.
    version : str
        Its version, e.g. ``"2024.1"``.
    title : str
        A readable name.
    description : str, optional
        What it is for.
    scale : RatingScale, default OFSTED4
        The scale criteria are rated on unless they name their own.
    domains : sequence of Domain
        The top of the tree.
    metadata : mapping of str to str, optional
        Source, region, licence and anything else worth recording.
    provenance : mapping of str to Origin, optional
        For a framework built by tailoring, the origin of every node (see
        :meth:`origin`); empty for a framework that extends none.
    scoring : ScoringPolicy, optional
        How ratings become judgements; a weighted mean with no limiting rule by
        default.
    indicators : sequence of Indicator, optional
        The indicators attached to the framework; the criteria each names in its
        ``criterion_ids`` are the ones it evidences (see :meth:`indicators_for`).

    Raises
    ------
    ValidationError
        If ids repeat anywhere in the tree or among the indicators, a level
        descriptor names a level the criterion's scale does not have, or an
        indicator names a criterion the framework does not have (every problem,
        each with its path).

    Examples
    --------
    >>> framework = Framework(
    ...     id="f",
    ...     version="1",
    ...     title="F",
    ...     domains=[Domain(id="d", title="D", children=[Criterion(id="c", title="C")])],
    ...     metadata={"region": "North"},
    ... )
    >>> framework.counts()
    {'domains': 1, 'criteria': 1}
    >>> framework.node("c").title, framework.scale_for("c").id
    ('C', 'ofsted4')
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    version: str = attrs.field(metadata=_util.checks(_util.non_blank))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None)
    scale: RatingScale = attrs.field(default=OFSTED4)
    domains: tuple[Domain, ...] = attrs.field(default=(), converter=_util.to_tuple)
    metadata: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict, converter=_util.to_frozendict
    )
    provenance: Mapping[str, Origin] = attrs.field(
        factory=_util.FrozenDict, converter=_util.to_frozendict
    )
    scoring: ScoringPolicy = attrs.field(factory=ScoringPolicy)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_util.to_tuple)
    _index: Mapping[str, _Entry] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)
        index: dict[str, _Entry] = {}
        problems: list[Problem] = []
        # Each entry carries the scale in force above the node: a sub-criterion is rated
        # on the scale of its nearest criterion that names one, else the framework's.
        stack: list[tuple[Node, tuple[str, ...], str, str | None, RatingScale]] = [
            (domain, (), f"$.domains[{i}]", None, self.scale)
            for i, domain in enumerate(self.domains)
        ]
        stack.reverse()
        while stack:
            node, ancestors, path, parent, inherited = stack.pop()
            ids = (*ancestors, node.id)
            scale = node.scale or inherited if isinstance(node, Criterion) else inherited
            if node.id in _RESERVED:
                problems.append(
                    Problem(
                        f"{path}.id",
                        f"expected an id other than {node.id!r}, which scoring rules reserve",
                    )
                )
            if node.id in index:
                problems.append(
                    Problem(
                        f"{path}.id",
                        f"expected a unique id; {node.id!r} is also at {index[node.id].json_path}",
                    )
                )
            else:
                index[node.id] = _Entry(node, ids, path, parent, scale)
            if isinstance(node, Criterion) and node.scale is None:
                try:
                    check_descriptors(node.descriptors, scale, f"{path}.descriptors")
                except ValidationError as error:
                    problems.extend(error.problems)
            stack.extend(
                (child, ids, f"{path}.children[{i}]", node.id, scale)
                for i, child in reversed(list(enumerate(node.children)))
            )
        if self.provenance:
            problems.extend(_provenance_problems(self.provenance, index))
        problems.extend(_policy_problems(self.scoring, self.scale, index))
        problems.extend(_indicator_problems(self.indicators, index))
        if problems:
            raise ValidationError(problems)
        object.__setattr__(self, "_index", _util.FrozenDict(index))

    def origin(self, node_id: str) -> Origin:
        """Where a node came from: inherited, modified (how, by whom) or added (by whom).

        A framework that extends none has no provenance; its nodes count as added by it.

        Raises
        ------
        NotFoundError
            If the framework has no node with that id.

        Examples
        --------
        >>> str(_example().origin("c1"))
        'added: by example'
        """
        self._entry(node_id)
        return self.provenance.get(node_id) or Origin(status=OriginStatus.ADDED, layer=self.id)

    def tailor(
        self,
        *,
        id: str,
        version: str,
        title: str | None = None,
        description: str | None = None,
        exclude: Iterable[str] = (),
        include: Iterable[str] = (),
        add: Iterable[Addition] = (),
        modify: Iterable[Modification] = (),
        set: Settings | None = None,
        indicators: Iterable[Indicator] = (),
        exclude_indicators: Iterable[str] = (),
    ) -> Framework:
        """A new framework built on this one: the Python form of an ``extends`` document.

        Parameters
        ----------
        id, version : str
            The new framework's id and version.
        title, description : str, optional
            Its wording; this framework's by default.
        exclude, include : sequence of str, optional
            Ids to remove, or the only ids to keep (with subtrees and ancestors).
        add : sequence of Addition, optional
            Nodes to add and where.
        modify : sequence of Modification, optional
            Fields of existing nodes to change.
        set : Settings, optional
            A new default scale, metadata to merge.
        indicators : sequence of Indicator, optional
            Indicators to attach; one with an inherited indicator's id replaces it.
        exclude_indicators : sequence of str, optional
            Ids of inherited indicators to detach.

        Returns
        -------
        Framework
            With the provenance of every node.

        Raises
        ------
        ValidationError
            For dangling ids and conflicting operations (see :mod:`lscbqa.tailoring`).

        Examples
        --------
        >>> from lscbqa.tailoring import Modification
        >>> heavier = Modification(id="c1", weight=5)
        >>> local = _example().tailor(id="local", version="2", modify=[heavier])
        >>> local.node("c1").weight, local.origin("c1").changed_fields
        (5.0, ('weight',))
        """
        layer = Tailoring(
            id=id,
            version=version,
            title=title,
            description=description,
            extends=self.id,
            exclude=tuple(exclude),
            include=tuple(include),
            add=tuple(add),
            modify=tuple(modify),
            set=set if set is not None else Settings(),
            indicators=tuple(indicators),
            exclude_indicators=tuple(exclude_indicators),
        )
        return apply_tailoring(self, layer)

    def nodes(self) -> Iterator[Node]:
        """Every domain and criterion, depth-first in document order.

        Examples
        --------
        >>> [node.id for node in _example().nodes()]
        ['d', 'c1', 'c2', 'c2.a']
        """
        return (entry.node for entry in self._index.values())

    def criteria(self, *, leaves_only: bool = False) -> tuple[Criterion, ...]:
        """All criteria, depth-first in document order.

        Parameters
        ----------
        leaves_only : bool, default False
            Only criteria without sub-criteria.

        Examples
        --------
        >>> [c.id for c in _example().criteria(leaves_only=True)]
        ['c1', 'c2.a']
        """
        return tuple(
            node
            for node in self.nodes()
            if isinstance(node, Criterion) and (node.is_leaf or not leaves_only)
        )

    def all_domains(self) -> tuple[Domain, ...]:
        """All domains at any depth, depth-first in document order.

        Examples
        --------
        >>> [d.id for d in _example().all_domains()]
        ['d']
        """
        return tuple(node for node in self.nodes() if isinstance(node, Domain))

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def _entry(self, node_id: str) -> _Entry:
        try:
            return self._index[node_id]
        except (KeyError, TypeError):
            raise NotFoundError(
                f"framework {self.id!r} has no domain or criterion {node_id!r}"
            ) from None

    def node(self, node_id: str) -> Node:
        """The domain or criterion with this id.

        Raises
        ------
        NotFoundError
            If the framework has no node with that id.

        Examples
        --------
        >>> _example().node("c2.a").title
        'Sub-criterion'
        """
        return self._entry(node_id).node

    def has_criterion(self, node_id: object) -> bool:
        """Whether ``node_id`` is the id of a criterion (not a domain) of this framework.

        Examples
        --------
        >>> _example().has_criterion("c1"), _example().has_criterion("d")
        (True, False)
        """
        entry = self._index.get(node_id) if isinstance(node_id, str) else None
        return entry is not None and isinstance(entry.node, Criterion)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id.

        Raises
        ------
        NotFoundError
            If there is no such criterion (a domain with that id does not count).

        Examples
        --------
        >>> _example().criterion("c1").weight
        2.0
        """
        node = self.node(criterion_id)
        if not isinstance(node, Criterion):
            raise NotFoundError(f"{criterion_id!r} is a domain of {self.id!r}, not a criterion")
        return node

    def path_to(self, node_id: str) -> tuple[str, ...]:
        """The ids from a top-level domain down to this node, inclusive.

        Examples
        --------
        >>> _example().path_to("c2.a")
        ('d', 'c2', 'c2.a')
        """
        return self._entry(node_id).ids

    def json_path(self, node_id: str) -> str:
        """Where the node stands in the framework's document, as a JSON path.

        Examples
        --------
        >>> _example().json_path("c2.a")
        '$.domains[0].children[1].children[0]'
        """
        return self._entry(node_id).json_path

    def parent_of(self, node_id: str) -> Node | None:
        """The node's parent, or None for a top-level domain.

        Examples
        --------
        >>> _example().parent_of("c2.a").id
        'c2'
        """
        parent = self._entry(node_id).parent
        return None if parent is None else self.node(parent)

    def scale_for(self, criterion_id: str) -> RatingScale:
        """The scale a criterion is rated on.

        Its own scale; else that of its nearest enclosing criterion that names one;
        else the framework's.

        Raises
        ------
        NotFoundError
            If there is no such criterion.

        Examples
        --------
        >>> _example().scale_for("c1").id, _example().scale_for("c2.a").id
        ('ofsted4', 'met3')
        """
        self.criterion(criterion_id)
        return self._entry(criterion_id).scale

    def indicator(self, indicator_id: str) -> Indicator:
        """An attached indicator, by id.

        Raises
        ------
        NotFoundError
            If no indicator of the framework has the id.

        Examples
        --------
        >>> from lscbqa.measures import Indicator
        >>> rate = Indicator(id="cp_rate", title="Plans per 10,000", polarity="lower_is_better",
        ...                  criterion_ids=["c1"])
        >>> framework = attrs.evolve(_example(), indicators=[rate])
        >>> framework.indicator("cp_rate").title
        'Plans per 10,000'
        """
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        known = ", ".join(indicator.id for indicator in self.indicators) or "none"
        raise NotFoundError(
            f"framework {self.id!r} has no indicator {indicator_id!r}; known: {known}"
        )

    def indicators_for(self, criterion_id: str) -> tuple[Indicator, ...]:
        """The attached indicators that evidence a criterion, in the framework's order.

        An indicator evidences a criterion it names in its ``criterion_ids``, or
        one that names it in its ``indicator_ids``.

        Raises
        ------
        NotFoundError
            If the framework has no such criterion.

        Examples
        --------
        >>> from lscbqa.measures import Indicator
        >>> rate = Indicator(id="cp_rate", title="Plans per 10,000", polarity="lower_is_better",
        ...                  criterion_ids=["c1"])
        >>> framework = attrs.evolve(_example(), indicators=[rate])
        >>> [i.id for i in framework.indicators_for("c1")], framework.indicators_for("c2")
        (['cp_rate'], ())
        """
        named = set(self.criterion(criterion_id).indicator_ids)
        return tuple(
            indicator
            for indicator in self.indicators
            if criterion_id in indicator.criterion_ids or indicator.id in named
        )

    def counts(self) -> dict[str, int]:
        """How many domains and criteria the framework has, at any depth.

        Examples
        --------
        >>> _example().counts()
        {'domains': 1, 'criteria': 3}
        """
        domains = sum(isinstance(node, Domain) for node in self.nodes())
        return {"domains": domains, "criteria": len(self._index) - domains}


_RESERVED = frozenset({OVERALL, DOMAINS})


def _policy_problems(
    policy: ScoringPolicy, scale: RatingScale, index: Mapping[str, _Entry]
) -> list[Problem]:
    """References from the scoring policy to nodes and levels that must exist."""
    problems = []

    def node(path: str, node_id: str, *, selectors: tuple[str, ...] = (OVERALL,)) -> None:
        if node_id not in index and node_id not in selectors:
            problems.append(Problem(path, f"expected a node of the framework; found {node_id!r}"))

    def level(path: str, code: str | None) -> None:
        if code is not None and code not in scale:
            problems.append(
                Problem(
                    path,
                    f"expected a level of scale {scale.id!r} ({', '.join(scale.codes)}); "
                    f"found {code!r}",
                )
            )

    for node_id in policy.aggregators:
        node(f"$.scoring.aggregators.{node_id}", node_id)
    for position, rule in enumerate(policy.rules):
        path = f"$.scoring.rules[{position}]"
        node(f"{path}.applies_to", rule.applies_to, selectors=(OVERALL, DOMAINS))
        for place, node_id in enumerate(rule.nodes):
            node(f"{path}.nodes[{place}]", node_id)
        level(f"{path}.level", rule.level)
        level(f"{path}.at", rule.at)
    if policy.not_applicable is not None:
        for entry in index.values():
            if isinstance(entry.node, Criterion) and policy.not_applicable not in entry.scale:
                problems.append(
                    Problem(
                        "$.scoring.not_applicable",
                        f"expected a level of every criterion's scale; {entry.node.id!r} is rated "
                        f"on {entry.scale.id!r}, which has no {policy.not_applicable!r}",
                    )
                )
                break
    if policy.thresholds:
        try:
            attrs.evolve(scale, thresholds=policy.thresholds)
        except ValidationError as error:
            problems.extend(p.under("$.scoring") for p in error.problems)
    return problems


def _indicator_problems(
    indicators: tuple[Indicator, ...], index: Mapping[str, _Entry]
) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for position, indicator in enumerate(indicators):
        path = f"$.indicators[{position}]"
        if indicator.id in seen:
            problems.append(
                Problem(
                    f"{path}.id",
                    f"expected a unique indicator id; {indicator.id!r} is also at "
                    f"$.indicators[{seen[indicator.id]}]",
                )
            )
        seen.setdefault(indicator.id, position)
        for number, criterion_id in enumerate(indicator.criterion_ids):
            entry = index.get(criterion_id)
            if entry is None or not isinstance(entry.node, Criterion):
                problems.append(
                    Problem(
                        f"{path}.criterion_ids[{number}]",
                        f"expected the id of a criterion of the framework; found {criterion_id!r}",
                    )
                )
    return problems


def _provenance_problems(
    provenance: Mapping[str, Origin], index: Mapping[str, _Entry]
) -> list[Problem]:
    problems = [
        Problem(f"$.provenance.{node_id}", f"expected the id of a node; found {node_id!r}")
        for node_id in provenance
        if node_id not in index
    ]
    missing = [node_id for node_id in index if node_id not in provenance]
    if missing:
        problems.append(
            Problem(
                "$.provenance",
                "expected an origin for every node (or none at all); missing "
                + ", ".join(repr(node_id) for node_id in missing),
            )
        )
    return problems


def _example() -> Framework:
    """A tiny framework for the examples in this module."""
    from lscbqa.scales import MET3

    return Framework(
        id="example",
        version="1",
        title="Example",
        domains=[
            Domain(
                id="d",
                title="Domain",
                children=[
                    Criterion(id="c1", title="Criterion one", weight=2),
                    Criterion(
                        id="c2",
                        title="Criterion two",
                        children=[Criterion(id="c2.a", title="Sub-criterion", scale=MET3)],
                    ),
                ],
            )
        ],
    )
