r"""Import what boards already hold: Section 11 returns and case-audit grades.

Returns and audits arrive as Excel workbooks (``.xlsx``, read with openpyxl from the
``excel`` extra) and CSV files. :func:`read_section11` and :func:`read_case_audit`
read them into :class:`~lscbqa.assessment.Assessment` values, from the template
layout :func:`write_template` writes or from a council's own layout described by a
:class:`ColumnMapping`. Every problem names the file, sheet, row and column.
See ``docs/import.md``.

Examples
--------
>>> import io
>>> from lscbqa.io import ColumnMapping, read_section11
>>> from lscbqa.model import _example
>>> council = ColumnMapping(columns={"Agency": "agency", "Standard": "criterion",
...                                  "Grade": "self_level"}, levels={"3": "good"})
>>> csv_file = io.BytesIO(b"Agency,Standard,Grade\npolice,c1,3\n")
>>> (police,) = read_section11(csv_file, _example(), mapping=council)
>>> police.ratings[0].level
'good'
"""

from __future__ import annotations

from lscbqa.io.layout import CASE_AUDIT_COLUMNS, SECTION11_COLUMNS, ColumnMapping
from lscbqa.io.readers import RESERVED_SHEETS, read_case_audit, read_section11
from lscbqa.io.template import write_template

__all__ = [
    "CASE_AUDIT_COLUMNS",
    "RESERVED_SHEETS",
    "SECTION11_COLUMNS",
    "ColumnMapping",
    "read_case_audit",
    "read_section11",
    "write_template",
]
