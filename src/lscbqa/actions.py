"""Actions: what a partnership agrees to do about a weak rating, and action plans.

Examples
--------
>>> import datetime
>>> from lscbqa.actions import Action, ActionPlan
>>> plan = ActionPlan(
...     id="plan-2024",
...     title="Section 11 action plan 2024",
...     actions=[
...         Action(
...             id="a1",
...             criterion_id="s11.3",
...             description="Refresh safer recruitment training",
...             owner="police",
...             due=datetime.date(2024, 9, 30),
...             status="agreed",
...         )
...     ],
... )
>>> [a.id for a in plan.overdue(as_of=datetime.date(2024, 10, 1))]
['a1']
"""

from __future__ import annotations

import datetime
import enum
import typing

import attrs

from lscbqa import _util

__all__ = ["Action", "ActionPlan", "ActionStatus"]


class ActionStatus(enum.StrEnum):
    """Where an action stands.

    Examples
    --------
    >>> ActionStatus.DONE.is_closed, ActionStatus.AGREED.is_closed
    (True, False)
    """

    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_closed(self) -> bool:
        """Whether nothing more is expected: done or dropped.

        Examples
        --------
        >>> ActionStatus.DROPPED.is_closed
        True
        """
        return self in (ActionStatus.DONE, ActionStatus.DROPPED)


def _to_action_status(value: ActionStatus | str) -> ActionStatus:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(ActionStatus, _util.as_enum(ActionStatus, value))


@attrs.frozen(kw_only=True)
class Action:
    """Something a partner will do to improve against a criterion.

    Parameters
    ----------
    id : str
        Unique within its plan.
    criterion_id : str
        The criterion it improves.
    description : str
        What will be done.
    owner : str, optional
        The agency responsible, by id.
    due : datetime.date, optional
        When it is due.
    status : ActionStatus or str, default "proposed"
        Proposed, agreed, in progress, done or dropped.
    assessment_id : str, optional
        The assessment it came from.

    Examples
    --------
    >>> Action(id="a", criterion_id="c", description="Audit supervision records").status
    <ActionStatus.PROPOSED: 'proposed'>
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    criterion_id: str = attrs.field(metadata=_util.checks(_util.identifier))
    description: str = attrs.field(metadata=_util.checks(_util.non_blank))
    owner: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    due: datetime.date | None = attrs.field(default=None)
    status: ActionStatus = attrs.field(
        default=ActionStatus.PROPOSED,
        converter=_to_action_status,
    )
    assessment_id: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def is_overdue(self, as_of: datetime.date) -> bool:
        """Whether the action is open and its due date has passed.

        Examples
        --------
        >>> due = datetime.date(2024, 1, 1)
        >>> action = Action(id="a", criterion_id="c", description="d", due=due)
        >>> action.is_overdue(datetime.date(2024, 1, 2))
        True
        """
        return not self.status.is_closed and self.due is not None and self.due < as_of


def _unique_action_ids(
    instance: ActionPlan, attribute: attrs.Attribute[object], value: object
) -> None:
    _util.unique_ids(instance.actions, "$.actions", "action id")


@attrs.frozen(kw_only=True)
class ActionPlan:
    """A named list of actions with unique ids.

    Parameters
    ----------
    id : str
        The plan's id.
    title : str
        Its name.
    actions : sequence of Action
        The actions, with unique ids.

    Raises
    ------
    ValidationError
        If two actions share an id.

    Examples
    --------
    >>> ActionPlan(id="p", title="Plan", actions=[]).open_actions()
    ()
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    actions: tuple[Action, ...] = attrs.field(
        default=(),
        converter=_util.to_tuple,
        metadata=_util.checks(_unique_action_ids),
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def open_actions(self) -> tuple[Action, ...]:
        """Actions neither done nor dropped.

        Examples
        --------
        >>> plan = ActionPlan(
        ...     id="p",
        ...     title="Plan",
        ...     actions=[
        ...         Action(id="a", criterion_id="c", description="d", status="done"),
        ...         Action(id="b", criterion_id="c", description="d"),
        ...     ],
        ... )
        >>> [a.id for a in plan.open_actions()]
        ['b']
        """
        return tuple(action for action in self.actions if not action.status.is_closed)

    def overdue(self, *, as_of: datetime.date) -> tuple[Action, ...]:
        """Open actions whose due date is before ``as_of``.

        Examples
        --------
        >>> ActionPlan(id="p", title="Plan").overdue(as_of=datetime.date(2024, 1, 1))
        ()
        """
        return tuple(action for action in self.actions if action.is_overdue(as_of))
