"""The board report's sections built from assessments: concerns, Section 11, actions, agreement.

Each function returns a plain dict for the templates: ``missing`` is a sentence when
the partnership lacks the data (the section then says only that), else None. Text
that came from users stays as it is here; the templates escape it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from lscbqa.assessment import Assessment, Rating, Role
from lscbqa.criteria import Domain
from lscbqa.model import Framework
from lscbqa.policy import OVERALL
from lscbqa.report.partnership import Partnership
from lscbqa.scales import NOT_APPLICABLE, Level, RatingScale
from lscbqa.scoring import moderation_gap, propose_actions, score_many
from lscbqa.scoring.agreement import agreement, disagreements
from lscbqa.scoring.scorecard import NodeResult, Status
from lscbqa.scoring.table import ScoreTable

Section = dict[str, Any]

# Colours for levels that carry none: red, amber, light green, green (by position).
_FALLBACK = ("#d7191c", "#fdae61", "#a6d96a", "#1a9641")


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_for(background: str) -> str:
    """Black or white text, whichever contrasts more with the background."""
    return (
        "#000000"
        if contrast(background, "#000000") >= contrast(background, "#ffffff")
        else ("#ffffff")
    )


def level_words(level: Level) -> str:
    """A level in words: its label, with its descriptor when the label is only a number."""
    label = level.label.strip()
    if level.descriptor and label.replace(".", "", 1).lstrip("-").isdigit():
        return f"{label}: {level.descriptor.strip().rstrip('.')}"
    return label


def _colour(level: Level, position: int, count: int) -> str:
    """The level's own colour if it is a plain ``#rrggbb``, else red to green by position."""
    colour = (level.colour or "").lower()
    if re.fullmatch(r"#[0-9a-f]{6}", colour):
        return colour
    return _FALLBACK[min(3, position * 4 // max(1, count))]


def chip(scale: RatingScale, result: NodeResult, who: str) -> dict[str, Any]:
    """One coloured judgement with its words, for a heatmap or scorecard cell."""
    if result.status is not Status.SCORED or result.level is None:
        return {
            "who": who,
            "words": result.status.label,
            "score": None,
            "background": "#ffffff",
            "ink": "#000000",
            "scored": False,
        }
    level = scale.level(result.level)
    background = _colour(level, scale.codes.index(level.code), len(scale.codes))
    return {
        "who": who,
        "words": level_words(level),
        "score": result.score,
        "background": background,
        "ink": ink_for(background),
        "scored": True,
    }


def agency_name(partnership: Partnership, agency_id: str) -> str:
    """An agency's name, or its id when the partnership does not list it."""
    agency = partnership.agency(agency_id)
    return agency.name if agency is not None else agency_id


def standards(framework: Framework) -> tuple[Any, ...]:
    """The criteria directly under a domain: the standards a heatmap has as columns."""
    return tuple(
        criterion
        for criterion in framework.criteria()
        if isinstance(framework.parent_of(criterion.id), Domain)
    )


def _concern(
    partnership: Partnership,
    framework: Framework | None,
    assessment: Assessment,
    rating: Rating,
    *,
    audit: str,
    subject: str,
    include_personal: bool,
) -> dict[str, Any]:
    """One immediate concern as a row: where, what, who, when and the level given."""
    title, level = None, rating.level
    if framework is not None and framework.has_criterion(rating.criterion_id):
        title = framework.node(rating.criterion_id).title
        scale = framework.scale_for(rating.criterion_id)
        if rating.level in scale:
            level = level_words(scale.level(rating.level))
    if rating.level == NOT_APPLICABLE:
        level = "Not applicable"
    return {
        "audit": audit,
        "subject": subject,
        "assessment": assessment.id,
        "criterion": rating.criterion_id,
        "title": title,
        "rater": None if rating.rater is None else agency_name(partnership, rating.rater),
        "date": None if rating.date is None else rating.date.isoformat(),
        "level": level,
        # Free text can name a child: shown only when personal data is asked for.
        "comment": rating.comment if include_personal else None,
    }


def immediate_concerns(partnership: Partnership, *, include_personal: bool) -> Section | None:
    """Every rating flagged as an immediate concern, Section 11 first, then case audits.

    None when there is none: the report then has no such section at all. Every
    Section 11 cycle is searched, not only the one reported: a concern is never
    left out of the board's sight.
    """
    audits = (
        ("Section 11", partnership.section11, partnership.section11_assessments, True),
        ("Case audit", partnership.case_audit, partnership.case_audit_assessments, False),
    )
    rows = [
        _concern(
            partnership,
            framework,
            assessment,
            rating,
            audit=audit,
            # A Section 11 assessment's subject is an agency; a case audit's, the case.
            subject=agency_name(partnership, assessment.subject)
            if by_agency
            else assessment.subject,
            include_personal=include_personal,
        )
        for audit, framework, assessments, by_agency in audits
        for assessment in assessments
        for rating in assessment.immediate_concerns
    ]
    if not rows:
        return None
    return {
        "id": "immediate-concerns",
        "title": "Immediate concerns: escalate now",
        "missing": None,
        "rows": rows,
        "comments_shown": include_personal,
    }


def section11(partnership: Partnership, items: Sequence[Assessment], cycle: str | None) -> Section:
    """The heatmap agency x standard, self beside moderated, with the moderation gap."""
    section: Section = {"id": "section11", "title": "Section 11 heatmap", "missing": None}
    framework = partnership.section11
    if framework is None or not items:
        section["missing"] = (
            "The partnership has no Section 11 framework and assessments"
            + (f" for {cycle}" if cycle else "")
            + ", so there is no heatmap."
        )
        return section
    own = score_many(framework, items, role=Role.SELF)
    moderated = score_many(framework, items, role=Role.MODERATED)
    gaps = {s.key: s for s in moderation_gap(items, framework=framework).by_agency()}
    columns = standards(framework)
    rows = []
    for row, assessment in enumerate(items):
        cells = []
        for criterion in columns:
            scale = framework.scale_for(criterion.id)
            pair = [
                chip(scale, own.result(row, own.column(criterion.id)), "Self"),
                chip(scale, moderated.result(row, moderated.column(criterion.id)), "Moderated"),
            ]
            if pair[0]["scored"] and pair[0]["words"] == pair[1]["words"]:
                pair = [{**pair[1], "who": "Self and moderated"}]
            cells.append(pair)
        gap = gaps.get(assessment.subject)
        rows.append(
            {
                "agency": agency_name(partnership, assessment.subject),
                "cells": cells,
                "gap": None if gap is None or not gap.pairs else gap.mean_gap,
                "optimistic": 0 if gap is None else gap.optimistic,
                "pairs": 0 if gap is None else gap.pairs,
            }
        )
    section.update(
        framework=framework.title,
        cycle=cycle,
        standards=[{"id": c.id, "title": c.title} for c in columns],
        rows=rows,
        legend=_legend(framework.scale),
        tables=(own, moderated),
    )
    return section


def _legend(scale: RatingScale) -> list[dict[str, Any]]:
    legend = []
    for position, level in enumerate(scale.levels):
        background = _colour(level, position, len(scale.levels))
        legend.append(
            {"words": level_words(level), "background": background, "ink": ink_for(background)}
        )
    return legend


def scorecard(partnership: Partnership, heatmap: Section) -> Section:
    """The moderated domain scorecard per agency, with limiting judgements explained."""
    section: Section = {"id": "scorecard", "title": "Domain scorecard", "missing": None}
    if heatmap["missing"] is not None:
        section["missing"] = "Without Section 11 assessments there is no domain scorecard."
        return section
    framework = partnership.section11
    assert framework is not None  # the heatmap has one
    table: ScoreTable = heatmap["tables"][1]
    domains = framework.domains
    rows, limits, explanations = [], [], []
    for row in range(len(table)):
        card = table.scorecard(row)
        name = agency_name(partnership, card.subject)
        cells = [chip(framework.scale, card[d.id], "Moderated") for d in domains]
        cells.append(chip(framework.scale, card.overall, "Moderated"))
        rows.append({"agency": name, "cells": cells})
        for node_id in [*card.results, OVERALL]:
            if card[node_id].limited_by is not None:
                limits.append({"agency": name, "node": node_id, "text": card.explain(node_id)})
        explanations.append({"agency": name, "text": card.explain(OVERALL)})
    section.update(
        domains=[{"id": d.id, "title": d.title} for d in domains],
        rows=rows,
        limits=limits,
        explanations=explanations,
    )
    return section


def target_level(scale: RatingScale) -> str:
    """The level actions aim for: the lowest at or above the middle of the scale."""
    for level in scale.levels:
        if scale.normalise(level.code) >= 0.5 - 1e-9:
            return level.code
    return scale.codes[-1]


def _cited(
    framework: Framework, assessment: Assessment, criterion_id: str, *, include_personal: bool
) -> tuple[list[str], list[str]]:
    """Evidence titles and moderators' comments on a criterion and the criteria under it.

    The comment of a rating flagged as an immediate concern is about a child at risk:
    like the concerns section, it is left out unless personal data is asked for.
    """
    ratings = [
        rating
        for rating in assessment.ratings
        if rating.criterion_id in framework
        and criterion_id in framework.path_to(rating.criterion_id)
    ]
    ids = dict.fromkeys(evidence for rating in ratings for evidence in rating.evidence_ids)
    titles = [assessment.evidence_item(evidence_id).title for evidence_id in ids]
    comments = list(
        dict.fromkeys(
            rating.comment
            for rating in ratings
            if rating.role is Role.MODERATED
            and rating.comment
            and (include_personal or not rating.immediate_concern)
        )
    )
    return titles, comments


def _reaches(framework: Framework, result: NodeResult, below: str) -> bool:
    """Whether a standard's level already reaches the target level on the judgement scale.

    ``propose_actions`` compares scores with the target's normalised value, so a score
    that reaches a level by the scale's cut points but falls short of that value would
    get an action reading "from 2 to at least 2"; the board report leaves those out.
    """
    scale = framework.scale
    if framework.scale_for(result.node_id) != scale or result.level not in scale:
        return False
    return scale.codes.index(str(result.level)) >= scale.codes.index(below)


def actions(
    partnership: Partnership,
    items: Sequence[Assessment],
    heatmap: Section,
    *,
    include_personal: bool,
) -> Section:
    """Actions proposed for every standard moderated below the target level."""
    section: Section = {"id": "actions", "title": "Action plan", "missing": None}
    if heatmap["missing"] is not None:
        section["missing"] = "Without Section 11 assessments there are no actions to propose."
        return section
    framework = partnership.section11
    assert framework is not None
    table: ScoreTable = heatmap["tables"][1]
    below = target_level(framework.scale)
    # One action per standard: a board acts on standards; the parts below are in the
    # heatmap, and their evidence and comments are gathered under the standard.
    columns = {criterion.id for criterion in standards(framework)}
    rows = []
    for row, assessment in enumerate(items):
        card = table.scorecard(row)
        plan = propose_actions(framework, card, below=below)
        for action in plan.actions:
            if action.criterion_id not in columns or _reaches(
                framework, card[action.criterion_id], below
            ):
                continue
            evidence, comments = _cited(
                framework, assessment, action.criterion_id, include_personal=include_personal
            )
            rows.append(
                {
                    "agency": agency_name(partnership, assessment.subject),
                    "criterion": action.criterion_id,
                    "title": framework.node(action.criterion_id).title,
                    "description": action.description,
                    "evidence": evidence,
                    "comments": comments,
                }
            )
    section.update(target=level_words(framework.scale.level(below)), rows=rows)
    return section


def _alpha_words(value: float) -> str:
    # Krippendorff (2004, section 11.4): rely on alpha >= 0.8, draw tentative
    # conclusions from 0.667, discard below.
    if math.isnan(value):
        return "not defined (too few ratings, or no variation)"
    if value >= 0.8:
        return "reliable"
    if value >= 0.667:
        return "tentative"
    return "too low to rely on"


def rater_agreement(partnership: Partnership) -> Section:
    """Krippendorff's alpha between case auditors, and the cases they most disagree on."""
    section: Section = {"id": "agreement", "title": "Rater agreement", "missing": None}
    framework = partnership.case_audit
    items = partnership.case_audit_assessments
    if framework is None or not items:
        section["missing"] = (
            "The partnership has no case audit graded by several auditors, "
            "so rater agreement cannot be measured."
        )
        return section
    report = agreement(items, framework=framework, statistic="krippendorff", level="ordinal")
    found = disagreements(items, framework=framework)
    criteria = [
        {
            "id": criterion_id,
            "title": framework.node(criterion_id).title,
            "value": result.value,
            "words": _alpha_words(result.value),
            "units": result.units,
        }
        for criterion_id, result in report.by_criterion.items()
        if result.units
    ]
    shown = []
    for item in found[:10]:
        scale = framework.scale_for(item.criterion_id)
        shown.append(
            {
                "subject": item.subject,
                "criterion": item.criterion_id,
                "levels": [
                    {"rater": rater, "words": level_words(scale.level(code))}
                    for rater, code in item.levels.items()
                ],
                "spread": item.spread,
            }
        )
    section.update(
        framework=framework.title,
        raters=len(report.raters),
        subjects=len(report.subjects),
        overall=report.overall.value,
        overall_words=_alpha_words(report.overall.value),
        criteria=criteria,
        disagreements=shown,
        disagreement_count=len(found),
    )
    return section
