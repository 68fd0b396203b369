"""Tests for lscbqa.actions: actions, their status, and action plans."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from lscbqa.actions import Action, ActionPlan, ActionStatus
from lscbqa.exceptions import ValidationError

D = datetime.date


def _action(action_id: str = "a1", **options: Any) -> Action:
    fields: dict[str, Any] = {
        "id": action_id,
        "criterion_id": "s11.3",
        "description": "Refresh safer recruitment training",
    }
    fields.update(options)
    return Action(**fields)


class TestActionStatus:
    @pytest.mark.parametrize(
        ("status", "closed"),
        [
            (ActionStatus.PROPOSED, False),
            (ActionStatus.AGREED, False),
            (ActionStatus.IN_PROGRESS, False),
            (ActionStatus.DONE, True),
            (ActionStatus.DROPPED, True),
        ],
    )
    def test_is_closed_for_done_and_dropped_only(self, status: ActionStatus, closed: bool) -> None:
        """Only done and dropped actions are closed."""
        assert status.is_closed is closed


class TestAction:
    def test_defaults(self) -> None:
        """An action is proposed, unowned, undated and not tied to an assessment by default."""
        action = _action()
        assert (action.status, action.owner, action.due, action.assessment_id) == (
            ActionStatus.PROPOSED,
            None,
            None,
            None,
        )

    def test_status_from_string(self) -> None:
        """A status given as text becomes the member."""
        assert _action(status="in_progress").status is ActionStatus.IN_PROGRESS

    def test_unknown_status(self) -> None:
        """An unknown status is rejected at $.status, listing the statuses."""
        with pytest.raises(ValidationError) as caught:
            _action(status="finished")
        assert caught.value.paths == ("$.status",)
        assert "'proposed', 'agreed', 'in_progress', 'done', 'dropped'" in str(caught.value)

    def test_due_must_be_a_date(self) -> None:
        """A due date given as text is rejected at $.due."""
        with pytest.raises(ValidationError) as caught:
            _action(due="2024-09-30")
        assert caught.value.paths == ("$.due",)
        assert "expected a date (YYYY-MM-DD) or nothing" in caught.value.problems[0].message

    def test_owner_must_be_an_id(self) -> None:
        """An owner with spaces is rejected at $.owner."""
        with pytest.raises(ValidationError) as caught:
            _action(owner="the police")
        assert caught.value.paths == ("$.owner",)

    def test_description_must_not_be_blank(self) -> None:
        """A blank description is rejected at $.description."""
        with pytest.raises(ValidationError) as caught:
            _action(description="   ")
        assert caught.value.paths == ("$.description",)

    def test_assessment_id_must_be_an_id(self) -> None:
        """An assessment id that is not an id is rejected at $.assessment_id."""
        with pytest.raises(ValidationError) as caught:
            _action(assessment_id="-bad")
        assert caught.value.paths == ("$.assessment_id",)

    def test_overdue_after_due_date(self) -> None:
        """An open action is overdue the day after it was due."""
        assert _action(due=D(2024, 9, 30)).is_overdue(D(2024, 10, 1)) is True

    def test_not_overdue_on_due_date(self) -> None:
        """An action is not overdue on its due date."""
        assert _action(due=D(2024, 9, 30)).is_overdue(D(2024, 9, 30)) is False

    def test_not_overdue_without_due_date(self) -> None:
        """An action without a due date is never overdue."""
        assert _action().is_overdue(D(2099, 1, 1)) is False

    @pytest.mark.parametrize("status", ["done", "dropped"])
    def test_closed_actions_are_never_overdue(self, status: str) -> None:
        """A done or dropped action is not overdue, however late."""
        assert _action(due=D(2024, 1, 1), status=status).is_overdue(D(2025, 1, 1)) is False


class TestActionPlan:
    def test_actions_become_a_tuple(self) -> None:
        """Actions given as a list are stored as a tuple."""
        plan = ActionPlan(id="p", title="Plan", actions=[_action("a"), _action("b")])
        assert plan.actions == (_action("a"), _action("b"))

    def test_empty_by_default(self) -> None:
        """A plan has no actions unless given."""
        assert ActionPlan(id="p", title="Plan").actions == ()

    def test_duplicate_action_ids(self) -> None:
        """A repeated action id is reported at $.actions[i].id, naming the first index."""
        with pytest.raises(ValidationError) as caught:
            ActionPlan(id="p", title="Plan", actions=[_action("a"), _action("b"), _action("a")])
        assert caught.value.paths == ("$.actions[2].id",)
        assert caught.value.problems[0].message == (
            "expected a unique action id; 'a' is also at index 0"
        )

    def test_every_duplicate_is_reported(self) -> None:
        """Each repetition of an id is its own problem."""
        actions = [_action("a"), _action("a"), _action("b"), _action("b"), _action("a")]
        with pytest.raises(ValidationError) as caught:
            ActionPlan(id="p", title="Plan", actions=actions)
        assert caught.value.paths == ("$.actions[1].id", "$.actions[3].id", "$.actions[4].id")

    def test_actions_must_be_actions(self) -> None:
        """An item that is not an Action is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            ActionPlan(id="p", title="Plan", actions=[_action("a"), {"id": "b"}])
        assert caught.value.paths == ("$.actions[1]",)
        assert caught.value.problems[0].message == (
            "expected an Action (build Action(...), or read documents with lscbqa.serialize); "
            "found a dict"
        )

    def test_actions_as_a_string_are_not_split(self) -> None:
        """A string where actions are expected is reported at $.actions."""
        with pytest.raises(ValidationError) as caught:
            ActionPlan(id="p", title="Plan", actions="ab")
        assert caught.value.paths == ("$.actions",)
        assert "found the string 'ab'" in caught.value.problems[0].message

    def test_open_actions(self) -> None:
        """open_actions leaves out done and dropped actions, keeping order."""
        plan = ActionPlan(
            id="p",
            title="Plan",
            actions=[
                _action("a", status="done"),
                _action("b", status="agreed"),
                _action("c", status="dropped"),
                _action("d"),
            ],
        )
        assert [action.id for action in plan.open_actions()] == ["b", "d"]

    def test_overdue(self) -> None:
        """overdue lists open actions due before the date, in order."""
        plan = ActionPlan(
            id="p",
            title="Plan",
            actions=[
                _action("late", due=D(2024, 1, 1)),
                _action("due_today", due=D(2024, 6, 1)),
                _action("late_but_done", due=D(2024, 1, 1), status="done"),
                _action("undated"),
                _action("also_late", due=D(2024, 5, 31), status="in_progress"),
            ],
        )
        assert [a.id for a in plan.overdue(as_of=D(2024, 6, 1))] == ["late", "also_late"]

    def test_overdue_is_keyword_only(self) -> None:
        """as_of must be passed by name."""
        with pytest.raises(TypeError):
            ActionPlan(id="p", title="Plan").overdue(D(2024, 1, 1))  # type: ignore[misc]
