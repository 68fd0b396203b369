"""One cell's value read as text, an id, a level, a date or a yes/no.

Each reader returns the value (None for an empty cell) or raises :class:`CellError`
whose message says what was expected and what was found; the caller adds the place.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Any

from lscbqa import _util
from lscbqa.io._tables import is_cell_error
from lscbqa.io.layout import normalise_header
from lscbqa.scales import NOT_APPLICABLE, RatingScale

NOT_APPLICABLE_WORDS = frozenset({"not_applicable", "not applicable", "n/a", "na"})
_YES = frozenset({"yes", "y", "true", "1", "x"})
_NO = frozenset({"no", "n", "false", "0"})


class CellError(Exception):
    """A cell holds something its column cannot take; the message says what."""


def describe(value: Any) -> str:
    """A found cell value in words, with a hint where Excel may have changed it."""
    if isinstance(value, datetime.datetime | datetime.date):
        return (
            f"the date {value.isoformat()} (Excel may have turned the entry into a date; "
            "format the column as text)"
        )
    if isinstance(value, datetime.time):
        return f"the time {value.isoformat()}"
    if is_cell_error(value):
        return f"the spreadsheet error {value.strip()!r} (a formula that failed)"
    if isinstance(value, bool):
        return f"the {'TRUE' if value else 'FALSE'} of a true/false cell"
    return _util.found(value)


def number_text(value: float | int) -> str:
    """A number as text: whole numbers without a decimal point (3.0 reads as '3')."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


def text(value: Any) -> str | None:
    """Free text (comments, reasons): numbers and dates are written out as text."""
    if value is None:
        return None
    if is_cell_error(value) or isinstance(value, bool):
        raise CellError(f"expected text; found {describe(value)}")
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    stripped = str(value).strip()
    return stripped or None


def name(value: Any) -> str | None:
    """A name or id typed by hand: text or a whole number; dates and true/false refused."""
    if value is None:
        return None
    if isinstance(value, bool | datetime.date | datetime.time) or is_cell_error(value):
        raise CellError(f"expected a name or id; found {describe(value)}")
    if isinstance(value, int | float):
        return number_text(value)
    stripped = str(value).strip()
    return stripped or None


def date(value: Any) -> datetime.date | None:
    """A date: a date cell, or text written YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(f"expected a date (a date cell, or text YYYY-MM-DD); found {describe(value)}")


def yes_no(value: Any) -> bool:
    """A yes or no: a true/false cell, or yes/no, y/n, true/false, 1/0, x; empty is no."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    word = normalise_header(number_text(value) if isinstance(value, int | float) else str(value))
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"expected yes or no (or y/n, true/false, 1/0, x); found {describe(value)}")


def level(
    value: Any, scale: RatingScale, mapped: Callable[[str], str | None] | None = None
) -> str | None:
    """A level code of ``scale`` or ``NOT_APPLICABLE``, read from a cell.

    The cell may hold a level's code or label (any case), a number for a scale of
    numbered codes (3, 3.0 and the text "3" all read as "3"), N/A, or a word that
    ``mapped`` turns into a code (None where it has no entry).
    """
    if value is None:
        return None
    if isinstance(value, bool | datetime.date | datetime.time) or is_cell_error(value):
        raise CellError(f"expected {_levels(scale)}; found {describe(value)}")
    written = number_text(value) if isinstance(value, int | float) else str(value).strip()
    folded = normalise_header(written)
    code = None if mapped is None else mapped(written)
    if code is not None:
        if code == NOT_APPLICABLE or code in scale:
            return code
        raise CellError(
            f"expected {_levels(scale)}; found {written!r}, which the column mapping turns "
            f"into {code!r}, not a level of scale {scale.id!r}"
        )
    for candidate in scale.levels:
        if folded in (candidate.code.casefold(), normalise_header(candidate.label)):
            return candidate.code
    if isinstance(value, str):
        try:
            number = float(written)
        except ValueError:
            number = math.nan
        if math.isfinite(number) and number_text(number) in scale:
            return number_text(number)
    if folded in NOT_APPLICABLE_WORDS:
        return NOT_APPLICABLE
    hint = "" if mapped is None else " (or a value the column mapping lists)"
    raise CellError(
        f"expected {_levels(scale)}{hint}; found {describe(value)} (map other words to "
        "levels with ColumnMapping(levels=...))"
    )


def _levels(scale: RatingScale) -> str:
    codes = ", ".join(repr(code) for code in scale.codes)
    labels = [lv.label for lv in scale.levels if lv.label != lv.code]
    named = f" or their labels ({', '.join(labels)})" if labels else ""
    return f"a level of scale {scale.id!r}: {codes}{named}, or N/A"
