"""Tests for lscbqa.scrutiny.log: the challenge-log values and their document.

Random valid logs come from ``lscbqa.testing.strategies.challenge_logs``.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given, settings

from lscbqa.agencies import Agency
from lscbqa.exceptions import ValidationError
from lscbqa.scrutiny.log import (
    ChallengeEvent,
    ChallengeKind,
    ChallengeLog,
    Meeting,
    Member,
    MemberKind,
    Outcome,
    Status,
)
from lscbqa.serialize import FORMATS, document_kind, dumps, from_dict, json_schema, loads, to_dict
from lscbqa.testing.strategies import challenge_logs

D = datetime.date

# -- a hand-built log -----------------------------------------------------------------------------


def _log() -> ChallengeLog:
    return ChallengeLog(
        id="northshire-2014",
        title="Northshire challenge log 2014-15",
        agencies=[
            Agency(id="la", name="Northshire Council", sector="local_authority", statutory=True),
            Agency(id="police", name="Northshire Police", sector="police", statutory=True),
        ],
        members=[
            Member(id="board", name="Northshire LSCB", kind="board"),
            Member(id="lay1", name="Lay member", kind="lay_member"),
        ],
        events=[
            ChallengeEvent(
                id="e1",
                kind="lay_member_challenge",
                challenger="lay1",
                challenged="board",
                raised=D(2014, 7, 1),
                topic="s11.3",
                responded=D(2014, 7, 21),
                escalated=D(2014, 8, 1),
                escalation_level=1,
                closed=D(2014, 8, 31),
                outcome="resolved",
                note="Escalation procedure rewritten",
            ),
            ChallengeEvent(
                id="e2",
                kind="agency_scrutiny",
                challenger="la",
                challenged="police",
                raised=D(2014, 9, 1),
            ),
        ],
        meetings=[
            Meeting(id="m1", date=D(2014, 6, 10), expected=["la", "police"], attended=["police"])
        ],
    )


def _audit(**fields: Any) -> ChallengeEvent:
    """A case audit of b by a raised on 10 January 2015, with other fields as given."""
    given = {"id": "e", "kind": "case_audit", "challenger": "a", "challenged": "b"}
    return ChallengeEvent(**{**given, "raised": D(2015, 1, 10), **fields})


def _document() -> dict[str, Any]:
    return to_dict(_log())


class TestChallengeKind:
    def test_has_the_kinds_of_the_issue(self) -> None:
        """The eight kinds of challenge of the issue are the members, in order."""
        assert [kind.value for kind in ChallengeKind] == [
            "lay_member_challenge",
            "agency_scrutiny",
            "section11_challenge",
            "front_line_visit",
            "case_audit",
            "peer_review",
            "accountability_meeting",
            "information_sharing",
        ]

    def test_label_is_words(self) -> None:
        """A kind's label is its value in words."""
        assert ChallengeKind.CASE_AUDIT.label == "Case audit"


class TestMemberKind:
    def test_values(self) -> None:
        """Board, lay member, sub-group and neighbouring board are the member kinds."""
        assert [kind.value for kind in MemberKind] == [
            "board",
            "lay_member",
            "sub_group",
            "neighbouring_board",
        ]


class TestOutcome:
    def test_values(self) -> None:
        """A challenge ends resolved or closed."""
        assert [outcome.value for outcome in Outcome] == ["resolved", "closed"]


class TestStatus:
    def test_values_follow_the_life(self) -> None:
        """Statuses run from open to closed, in the order of a challenge's life."""
        assert [status.value for status in Status] == [
            "open",
            "responded",
            "escalated",
            "resolved",
            "closed",
        ]


class TestMember:
    def test_kind_is_converted(self) -> None:
        """A member's kind given as text becomes the enum member."""
        assert Member(id="qa", name="QA sub-group", kind="sub_group").kind is MemberKind.SUB_GROUP

    def test_unknown_kind_is_rejected(self) -> None:
        """An unknown member kind is a ValidationError at $.kind."""
        with pytest.raises(ValidationError) as caught:
            Member(id="x", name="X", kind="committee")
        assert caught.value.paths == ("$.kind",)


class TestChallengeEvent:
    def test_status_follows_the_latest_step(self) -> None:
        """Status is resolved once closed with outcome resolved, escalated before that."""
        event = _log().events[0]
        assert event.status is Status.RESOLVED
        assert event.status_on(D(2014, 7, 1)) is Status.OPEN
        assert event.status_on(D(2014, 7, 21)) is Status.RESPONDED
        assert event.status_on(D(2014, 8, 30)) is Status.ESCALATED

    def test_closed_outcome_gives_closed_status(self) -> None:
        """A challenge closed without the change sought has status closed."""
        event = _audit(closed=D(2015, 1, 11), outcome="closed")
        assert event.status is Status.CLOSED

    def test_steps_before_raising_are_all_reported(self) -> None:
        """Each step dated before the raising is a problem at its own path."""
        with pytest.raises(ValidationError) as caught:
            _audit(responded=D(2015, 1, 9), closed=D(2015, 1, 1), outcome="resolved")
        assert caught.value.paths == ("$.responded", "$.closed")

    def test_level_needs_an_escalation_date(self) -> None:
        """An escalation level without a date is a problem at $.escalation_level."""
        with pytest.raises(ValidationError) as caught:
            _audit(escalation_level=2)
        assert caught.value.paths == ("$.escalation_level",)

    def test_level_below_one_is_rejected(self) -> None:
        """An escalation level of 0 is rejected."""
        with pytest.raises(ValidationError) as caught:
            _audit(escalated=D(2015, 1, 11), escalation_level=0)
        assert "level of 1 or more" in caught.value.problems[0].message

    def test_closing_needs_an_outcome(self) -> None:
        """A closing date without an outcome is a problem at $.outcome."""
        with pytest.raises(ValidationError) as caught:
            _audit(closed=D(2015, 2, 1))
        assert caught.value.paths == ("$.outcome",)

    def test_unknown_kind_is_rejected(self) -> None:
        """An unknown kind of challenge is a ValidationError at $.kind."""
        with pytest.raises(ValidationError) as caught:
            _audit(kind="gossip")
        assert caught.value.paths == ("$.kind",)


class TestMeeting:
    def test_absent_are_the_expected_who_did_not_attend(self) -> None:
        """Absent lists those expected but not attending, in the order expected."""
        meeting = Meeting(id="m", date=D(2014, 1, 1), expected=["a", "b", "c"], attended=["c", "a"])
        assert meeting.absent == ("b",)

    def test_attendee_must_be_expected(self) -> None:
        """An attendee who was not expected is a problem at $.attended[i]."""
        with pytest.raises(ValidationError) as caught:
            Meeting(id="m", date=D(2014, 1, 1), expected=["a"], attended=["a", "b"])
        assert caught.value.paths == ("$.attended[1]",)

    def test_repeated_attendee_is_rejected(self) -> None:
        """An id listed twice among those expected is a problem at its second place."""
        with pytest.raises(ValidationError) as caught:
            Meeting(id="m", date=D(2014, 1, 1), expected=["a", "a"])
        assert caught.value.paths == ("$.expected[1]",)


class TestChallengeLog:
    def test_unknown_agency_in_an_event_names_its_path(self) -> None:
        """An event naming an unknown agency is a ValidationError at $.events[i].challenged."""
        with pytest.raises(ValidationError) as caught:
            ChallengeLog(
                id="log",
                title="Log",
                agencies=_log().agencies,
                events=[
                    ChallengeEvent(
                        id="e1",
                        kind="agency_scrutiny",
                        challenger="la",
                        challenged="probation",
                        raised=D(2014, 5, 1),
                    )
                ],
            )
        assert caught.value.paths == ("$.events[0].challenged",)
        assert "'probation'" in caught.value.problems[0].message

    def test_every_problem_is_collected(self) -> None:
        """Repeated ids, unknown challengers and unknown attendees are reported together."""
        log = _log()
        with pytest.raises(ValidationError) as caught:
            ChallengeLog(
                id="log",
                title="Log",
                agencies=log.agencies,
                members=[*log.members, Member(id="la", name="Shadow", kind="sub_group")],
                events=[
                    *log.events,
                    ChallengeEvent(
                        id="e1",
                        kind="peer_review",
                        challenger="south",
                        challenged="board",
                        raised=D(2014, 5, 1),
                    ),
                ],
                meetings=[Meeting(id="m1", date=D(2014, 6, 1), expected=["nps"])],
            )
        assert caught.value.paths == (
            "$.events[2].id",
            "$.members[2].id",
            "$.events[2].challenger",
            "$.meetings[0].expected[0]",
        )

    def test_name_of_reads_agencies_and_members(self) -> None:
        """name_of gives agencies' and members' names, and an unknown id unchanged."""
        log = _log()
        assert (log.name_of("la"), log.name_of("lay1"), log.name_of("x")) == (
            "Northshire Council",
            "Lay member",
            "x",
        )

    def test_is_the_challenge_log_document(self) -> None:
        """The log is registered as the document kind challenge-log."""
        assert document_kind(ChallengeLog) == "challenge-log"
        assert to_dict(_log())["schema"] == "lscbqa/challenge-log/1"

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_round_trip_in_every_format(self, fmt: Any) -> None:
        """loads(dumps(log, format=f), format=f) == log for JSON, TOML and YAML."""
        log = _log()
        assert loads(dumps(log, format=fmt), ChallengeLog, format=fmt) == log

    def test_bad_document_reports_every_reference(self) -> None:
        """Loading a document with unknown agencies reports each with its path."""
        document = _document()
        document["events"][0]["challenger"] = "probation"
        document["events"][1]["challenged"] = "health"
        with pytest.raises(ValidationError) as caught:
            from_dict(document, ChallengeLog)
        assert caught.value.paths == ("$.events[0].challenger", "$.events[1].challenged")

    def test_bad_nested_field_is_reported_under_its_event(self) -> None:
        """A response dated before the raising is reported at $.events[i].responded."""
        document = _document()
        document["events"][1]["responded"] = "2014-08-01"
        with pytest.raises(ValidationError) as caught:
            from_dict(document, ChallengeLog)
        assert caught.value.paths == ("$.events[1].responded",)

    def test_unknown_key_is_rejected(self) -> None:
        """An unknown key in an event is reported with its path."""
        document = _document()
        document["events"][0]["severity"] = "high"
        with pytest.raises(ValidationError) as caught:
            from_dict(document, ChallengeLog)
        assert caught.value.paths == ("$.events[0].severity",)

    def test_json_schema_accepts_the_document(self) -> None:
        """The JSON Schema of the log validates its JSON document."""
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(to_dict(_log()), json_schema(ChallengeLog))

    @settings(max_examples=60, deadline=None)
    @given(log=challenge_logs())
    def test_drawn_logs_round_trip(self, log: ChallengeLog) -> None:
        """Every drawn log survives every format unchanged."""
        for fmt in FORMATS:
            assert loads(dumps(log, format=fmt), ChallengeLog, format=fmt) == log, fmt
