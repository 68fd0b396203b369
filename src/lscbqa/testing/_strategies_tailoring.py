"""Strategies for tailoring layers: modifications, additions and settings.

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from hypothesis import strategies as st

from lscbqa.model import Criterion, Domain
from lscbqa.scales import OFSTED4
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring
from lscbqa.testing._strategies_base import (
    _ID_LISTS,
    _IDS,
    _LEVEL_CODES,
    _MAX_ITEMS,
    _METADATA,
    _NON_BLANK_TEXTS,
    _OPTIONAL_IDS,
    _OPTIONAL_NON_BLANK_TEXTS,
    _OPTIONAL_TEXTS,
    _PICKS,
    _QUESTION_LISTS,
    _TAG_LISTS,
    _TEXTS,
    _WEIGHTS,
    _unique,
    _with_extras,
)
from lscbqa.testing._strategies_indicators import _INDICATORS
from lscbqa.testing._strategies_policy import _SELECTORS, scoring_policies
from lscbqa.testing._strategies_tree import (
    _FRAMEWORK_SCALES,
    _assemble_criterion,
    _assemble_domain,
    _criterion_parts,
    _CriterionParts,
    _domain_parts,
    _DomainParts,
)
from lscbqa.testing._strategies_values import _ANY_BUILTIN_SCALE, _EXPECTATIONS, rating_scales

__all__ = ["additions", "modifications", "tailoring_settings", "tailorings"]


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
