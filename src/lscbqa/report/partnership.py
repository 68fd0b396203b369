"""Everything a board report draws on, in one value: the partnership's data.

:func:`lscbqa.datasets.example_partnership` returns one; build your own from files
(``lscbqa report`` does) and pass it to :func:`lscbqa.report.board_report`.

Examples
--------
>>> from lscbqa.report.partnership import Partnership
>>> from lscbqa.frameworks import get
>>> partnership = Partnership(id="tiny", name="Tiny partnership", area="tiny",
...                           section11=get("section11"))
>>> partnership.section11.id, partnership.section11_assessments
('section11', ())
"""

from __future__ import annotations

from typing import Any

import attrs

from lscbqa import _util
from lscbqa.agencies import Agency
from lscbqa.assessment import Assessment
from lscbqa.indicators.benchmarking import Comparators
from lscbqa.indicators.series import Panel
from lscbqa.measures import Indicator
from lscbqa.model import Framework
from lscbqa.scrutiny.log import ChallengeLog

__all__ = ["Partnership"]


def _frozen_tuple(value: Any) -> Any:
    return _util.to_tuple(value)


@attrs.frozen(kw_only=True, eq=False)
class Partnership:
    """A partnership's data for a board report; every part but the names is optional.

    Parameters
    ----------
    id : str
        A short id (used in file names).
    name : str
        The partnership's name, as the report's title shows it.
    area : str
        The partnership's area id: its row in ``panel`` and ``comparators``.
    agencies : sequence of Agency, optional
        The member agencies.
    section11 : Framework, optional
        The Section 11 framework the agencies rated themselves against.
    section11_assessments : sequence of Assessment, optional
        One assessment per agency and cycle, with self and moderated ratings;
        ``subject`` is the agency id, ``period`` the cycle.
    case_audit : Framework, optional
        The multi-agency case audit framework.
    case_audit_assessments : sequence of Assessment, optional
        One assessment per case and auditor: ``subject`` is the case id, each
        rating's ``rater`` the auditor.
    indicators : sequence of Indicator, optional
        The indicators the board watches.
    panel : Panel, optional
        Their values: the partnership's area, its region and statistical
        neighbours, by period.
    comparators : Comparators, optional
        Regions and statistical neighbours for benchmarking.
    challenge_log : ChallengeLog, optional
        Who challenged whom, and board meetings.

    Examples
    --------
    >>> Partnership(id="p", name="P", area="p").indicators
    ()
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    name: str = attrs.field(metadata=_util.checks(_util.non_blank))
    area: str = attrs.field(metadata=_util.checks(_util.identifier))
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_frozen_tuple)
    section11: Framework | None = attrs.field(default=None)
    section11_assessments: tuple[Assessment, ...] = attrs.field(default=(), converter=_frozen_tuple)
    case_audit: Framework | None = attrs.field(default=None)
    case_audit_assessments: tuple[Assessment, ...] = attrs.field(
        default=(), converter=_frozen_tuple
    )
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_frozen_tuple)
    panel: Panel | None = attrs.field(default=None)
    comparators: Comparators | None = attrs.field(default=None)
    challenge_log: ChallengeLog | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def agency(self, agency_id: str) -> Agency | None:
        """The member agency with an id, or None.

        Examples
        --------
        >>> from lscbqa.agencies import Agency
        >>> police = Agency(id="police", name="Northshire Police", sector="police")
        >>> Partnership(id="p", name="P", area="p", agencies=[police]).agency("police").name
        'Northshire Police'
        """
        for agency in self.agencies:
            if agency.id == agency_id:
                return agency
        return None
