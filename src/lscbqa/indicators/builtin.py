"""The built-in safeguarding indicator set, and the criteria of built-in frameworks it evidences.

Eight indicators boards commonly watch (see ``docs/indicators.md`` for each one's
definition and public source): re-referrals within 12 months, second or subsequent
child protection plans (a healthy band), plans lasting two years or more, plans per
10,000 children, assessments within 45 working days, CSE referrals per 10,000,
multi-agency training reach and board meeting attendance. Built-in frameworks come
with the ones that evidence their criteria already attached.

Examples
--------
>>> from lscbqa.indicators import safeguarding_indicators
>>> [indicator.id for indicator in safeguarding_indicators()][:3]
['rereferrals', 'cp_repeat', 'cp_two_years']
>>> [i.criterion_ids for i in safeguarding_indicators("section11")]
[('s11.9.b', 's11.9.c')]
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

from lscbqa.exceptions import Problem, ValidationError
from lscbqa.measures import Indicator
from lscbqa.model import Framework
from lscbqa.serialize import document_kind, from_dict

__all__ = ["safeguarding_indicators", "with_safeguarding_indicators"]

_SOURCE = "safeguarding.toml"


@functools.cache
def _load() -> tuple[tuple[Indicator, ...], Mapping[str, Mapping[str, tuple[str, ...]]]]:
    text = resources.files("lscbqa.indicators").joinpath("data", _SOURCE).read_text("utf-8")
    data: dict[str, Any] = tomllib.loads(text)
    problems: list[Problem] = []
    indicators = []
    schema = f"lscbqa/{document_kind(Indicator)}/1"
    for position, entry in enumerate(data.get("indicators", [])):
        try:
            indicators.append(from_dict({"schema": schema, **entry}, Indicator))
        except ValidationError as error:
            problems.extend(
                problem.under(f"$.indicators[{position}]") for problem in error.problems
            )
    known = {indicator.id for indicator in indicators}
    links: dict[str, dict[str, tuple[str, ...]]] = {}
    for framework_id, table in data.get("links", {}).items():
        for indicator_id, criterion_ids in table.items():
            if indicator_id not in known:
                problems.append(
                    Problem(
                        f"$.links.{framework_id}.{indicator_id}",
                        f"expected the id of an indicator of the set; found {indicator_id!r}",
                    )
                )
            links.setdefault(framework_id, {})[indicator_id] = tuple(criterion_ids)
    if problems:  # a broken package, not a user error: say which file
        raise ValidationError(Problem(p.path, f"{p.message} (in {_SOURCE})") for p in problems)
    return tuple(indicators), links


def safeguarding_indicators(framework: str | Framework | None = None) -> tuple[Indicator, ...]:
    """The built-in safeguarding indicators.

    Parameters
    ----------
    framework : str or Framework, optional
        A built-in framework (or its id). Given, only the indicators that evidence
        its criteria are returned, each with ``criterion_ids`` naming them;
        otherwise every indicator, linked to no criterion.

    Returns
    -------
    tuple of Indicator
        In the set's order.

    Examples
    --------
    >>> [i.id for i in safeguarding_indicators("cse-strategy")]
    ['cse_referrals', 'training_reach']
    >>> safeguarding_indicators()[1].band
    Band(low=10.0, high=20.0)
    """
    indicators, links = _load()
    if framework is None:
        return indicators
    framework_id = framework.id if isinstance(framework, Framework) else framework
    wanted = links.get(framework_id, {})
    return tuple(
        attrs.evolve(indicator, criterion_ids=wanted[indicator.id])
        for indicator in indicators
        if indicator.id in wanted
    )


def with_safeguarding_indicators(framework: Framework) -> Framework:
    """The framework with the built-in indicators that evidence its criteria attached.

    Indicators the framework already has (by id) are kept as they are. A framework
    the set has no links for is returned unchanged.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> with_safeguarding_indicators(_example()).indicators
    ()
    """
    have = {indicator.id for indicator in framework.indicators}
    extra = [i for i in safeguarding_indicators(framework.id) if i.id not in have]
    if not extra:
        return framework
    return attrs.evolve(framework, indicators=(*framework.indicators, *extra))
