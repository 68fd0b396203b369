"""Evidence marked personal never leaves the library unless the caller asks for it.

A title and notes that could identify a child are planted in evidence marked personal;
then every way out is searched for them: the board report (HTML, Markdown, summary),
score tables and their exports (records, CSV through the command line, JSON), the
moderation gap, proposed actions, the command line's output, log records at every
level, warnings, and the messages of errors raised about that evidence.
"""

from __future__ import annotations

import datetime
import json
import logging
import pathlib
import warnings
from collections.abc import Iterator

import attrs
import pytest

from lscbqa.assessment import Assessment, Rating
from lscbqa.cli import main
from lscbqa.datasets import example_partnership
from lscbqa.evidence import Evidence
from lscbqa.exceptions import LscbqaError
from lscbqa.report.board import board_report
from lscbqa.scoring import moderation_gap, propose_actions, score, score_many
from lscbqa.serialize import dump, loads

PLANTED = "Zq7 Planted Child, aged 9, of 12 Example Street"
PLANTED_NOTE = "NHS number 999 000 0000 for Zq7"
SECRETS = (PLANTED, PLANTED_NOTE, "Zq7")


def _planted_partnership():  # type: ignore[no-untyped-def]
    """The example partnership, with the planted evidence cited by one agency's ratings."""
    partnership = example_partnership()
    # The report shows the latest cycle: plant the evidence in one of its assessments.
    latest = max(a.period.start for a in partnership.section11_assessments if a.period)
    ordered = sorted(
        partnership.section11_assessments,
        key=lambda a: not (a.period is not None and a.period.start == latest),
    )
    first, *rest = ordered
    evidence = Evidence(
        id="planted",
        title=PLANTED,
        kind="case_audit",
        sensitivity="personal",
        notes=PLANTED_NOTE,
        collected_on=datetime.date(2024, 6, 1),
    )
    ratings = [
        attrs.evolve(rating, evidence_ids=(*rating.evidence_ids, "planted"))
        for rating in first.ratings
    ]
    planted = attrs.evolve(first, evidence=(*first.evidence, evidence), ratings=ratings)
    return attrs.evolve(partnership, section11_assessments=(planted, *rest))


def _assert_absent(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} found in {where}"


@pytest.fixture(scope="module")
def partnership():  # type: ignore[no-untyped-def]
    return _planted_partnership()


@pytest.fixture
def captured_logs() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


class TestPlantedEvidenceStaysIn:
    def test_planted_evidence_is_really_there(self, partnership) -> None:  # type: ignore[no-untyped-def]
        """The planted evidence is personal and cited, so a leak would show."""
        first = partnership.section11_assessments[0]
        planted = [e for e in first.evidence if e.id == "planted"]
        assert first.period is not None
        assert planted[0].is_personal
        assert all("planted" in r.evidence_ids for r in first.ratings)

    def test_board_report(self, partnership, captured_logs) -> None:  # type: ignore[no-untyped-def]
        """HTML, Markdown and summary of the board report hold none of it by default."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            report = board_report(partnership, charts=False)
        _assert_absent(report.html, "the HTML report")
        _assert_absent(report.markdown, "the Markdown report")
        _assert_absent(report.summary, "the report summary")
        _assert_absent(" ".join(str(w.message) for w in caught), "warnings")
        _assert_absent(" ".join(r.getMessage() for r in captured_logs), "log records")

    def test_board_report_when_asked(self, partnership) -> None:  # type: ignore[no-untyped-def]
        """Asked for explicitly, the personal evidence is shown (so the test above can fail)."""
        report = board_report(partnership, charts=False, include_personal=True)
        assert PLANTED in report.html or PLANTED in report.markdown

    def test_scores_and_their_exports(self, partnership, captured_logs) -> None:  # type: ignore[no-untyped-def]
        """Scorecards, score tables, records, the moderation gap and actions hold none of it."""
        framework = partnership.section11
        assessments = partnership.section11_assessments
        card = score(framework, assessments[0])
        texts = [
            repr(card),
            "\n".join(card.explain(node) for node in ("overall", *card.results)),
            json.dumps(score_many(framework, assessments).records(), default=str),
            repr(moderation_gap(assessments).records()),
            repr(propose_actions(framework, card, below="2")),
        ]
        for index, text in enumerate(texts):
            _assert_absent(text, f"scoring output {index}")
        _assert_absent(" ".join(r.getMessage() for r in captured_logs), "log records")

    def test_command_line(  # type: ignore[no-untyped-def]
        self, partnership, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check, score and validate print none of it."""
        path = tmp_path / "planted.json"
        dump(partnership.section11_assessments[0], path)
        for arguments in (
            ["check", "section11", str(path)],
            ["score", "section11", str(path), "--format", "json"],
            ["score", "section11", str(path), "--format", "csv"],
            ["validate", str(path)],
        ):
            main(arguments)
            captured = capsys.readouterr()
            _assert_absent(captured.out + captured.err, " ".join(arguments))


def _planted_concerns():  # type: ignore[no-untyped-def]
    """The example partnership with immediate concerns whose comments hold the planted text.

    Northshire's case audit concern (case 3, the council's auditor) gets ``PLANTED`` as
    its comment; every moderated rating of the council's latest Section 11 assessment is
    flagged with ``PLANTED_NOTE``, so the action plan, which shows moderators' comments,
    would carry it too.
    """
    partnership = example_partnership()
    audits = [
        attrs.evolve(
            audit,
            ratings=[
                attrs.evolve(r, comment=PLANTED) if r.immediate_concern else r
                for r in audit.ratings
            ],
        )
        for audit in partnership.case_audit_assessments
    ]
    section11 = [
        attrs.evolve(
            a,
            ratings=[
                attrs.evolve(r, immediate_concern=True, comment=PLANTED_NOTE)
                if r.role.value == "moderated"
                else r
                for r in a.ratings
            ],
        )
        if a.id == "s11-fy2024-25-la"
        else a
        for a in partnership.section11_assessments
    ]
    return attrs.evolve(partnership, section11_assessments=section11, case_audit_assessments=audits)


@pytest.fixture(scope="module")
def concerns():  # type: ignore[no-untyped-def]
    return _planted_concerns()


class TestPlantedConcernCommentsStayIn:
    def test_planted_comments_are_really_there(self, concerns) -> None:  # type: ignore[no-untyped-def]
        """Both kinds of assessment carry concerns with planted comments, so a leak would show."""
        comments = {
            r.comment
            for a in (*concerns.section11_assessments, *concerns.case_audit_assessments)
            for r in a.immediate_concerns
        }
        assert comments == {PLANTED, PLANTED_NOTE}

    def test_board_report(self, concerns, captured_logs) -> None:  # type: ignore[no-untyped-def]
        """The report lists the concerns but none of their comments by default."""
        report = board_report(concerns, charts=False)
        assert "Immediate concerns: escalate now" in report.html
        _assert_absent(report.html, "the HTML report")
        _assert_absent(report.markdown, "the Markdown report")
        _assert_absent(report.summary, "the report summary")
        _assert_absent(" ".join(r.getMessage() for r in captured_logs), "log records")

    def test_board_report_when_asked(self, concerns) -> None:  # type: ignore[no-untyped-def]
        """Asked for, the comments are shown, in the concerns and in the action plan."""
        report = board_report(concerns, charts=False, include_personal=True)
        concerns_part, rest = report.markdown.split("## Executive summary", 1)
        assert PLANTED in concerns_part
        assert PLANTED_NOTE in concerns_part
        assert PLANTED_NOTE in rest.split("## Action plan", 1)[1].split("\n## ", 1)[0]

    def test_command_line(  # type: ignore[no-untyped-def]
        self, concerns, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """score names each concern on stderr, without its comment, in every format."""
        audit = next(a for a in concerns.case_audit_assessments if a.immediate_concerns)
        section11 = next(a for a in concerns.section11_assessments if a.immediate_concerns)
        for framework, assessment in (("case-audit", audit), ("section11", section11)):
            path = tmp_path / f"{assessment.id}.json"
            dump(assessment, path)
            for form in ("table", "json", "csv"):
                assert main(["score", framework, str(path), "--format", form]) == 0
                captured = capsys.readouterr()
                assert "lscbqa: immediate concern: " in captured.err
                _assert_absent(captured.out + captured.err, f"score {framework} {form}")


class TestErrorMessages:
    def test_bad_field_of_personal_evidence(self) -> None:
        """A problem in a personal piece of evidence does not quote its values."""
        document = {
            "schema": "lscbqa/evidence/1",
            "id": PLANTED,
            "title": PLANTED,
            "kind": "case_audit",
            "sensitivity": "personal",
            "collected_on": PLANTED_NOTE,
        }
        with pytest.raises(LscbqaError) as caught:
            loads(json.dumps(document), Evidence)
        _assert_absent(str(caught.value), "the error message")

    def test_assessment_naming_personal_evidence_wrongly(self) -> None:
        """An assessment whose rating cites missing evidence says so without personal text."""
        evidence = Evidence(id="child", title=PLANTED, kind="case_audit", sensitivity="personal")
        with pytest.raises(LscbqaError) as caught:
            Assessment(
                id="a",
                framework_id="f",
                subject="s",
                evidence=[evidence, evidence],
                ratings=[Rating(criterion_id="c", level="good", evidence_ids=["nowhere"])],
            )
        _assert_absent(str(caught.value), "the error message")
