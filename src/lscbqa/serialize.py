"""Documents: every value to and from JSON, TOML and YAML, losslessly, with clear errors.

Every document carries ``schema = "lscbqa/<kind>/<major>"``. Loading collects
every problem — unknown keys, wrong types, missing fields, bad dates, invalid
text — into one :class:`~lscbqa.exceptions.ValidationError`, each with a JSON
path such as ``$.domains[1].children[0].weight``.

Examples
--------
>>> from lscbqa import Agency
>>> from lscbqa.serialize import dumps, loads
>>> agency = Agency(id="police", name="Northshire Police", sector="police", statutory=True)
>>> print(dumps(agency))
{
  "schema": "lscbqa/agency/1",
  "id": "police",
  "name": "Northshire Police",
  "sector": "police",
  "statutory": true
}
>>> loads(dumps(agency, format="toml"), Agency, format="toml") == agency
True
>>> loads('{"schema": "lscbqa/agency/1", "id": "p", "name": "P", "sector": "army"}', Agency)
Traceback (most recent call last):
...
lscbqa.exceptions.ValidationError: 1 problem:
  $.sector: expected one of 'local_authority', 'police', ...; found the string 'army'
"""

from __future__ import annotations

import collections
import copy
import datetime
import enum
import functools
import importlib
import json
import math
import os
import pathlib
import re
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from lscbqa import _util
from lscbqa.actions import Action, ActionPlan
from lscbqa.agencies import Agency
from lscbqa.assessment import Assessment, Finding, Rating
from lscbqa.evidence import Evidence, Sensitivity, withhold_found
from lscbqa.exceptions import (
    LscbqaError,
    MissingDependencyError,
    Problem,
    SchemaError,
    ValidationError,
)
from lscbqa.mappings import Carried, CriterionLink, FrameworkMapping
from lscbqa.measures import Band, Indicator, RagBands
from lscbqa.model import Criterion, Domain, EvidenceExpectation, Framework
from lscbqa.periods import Period
from lscbqa.policy import LimitingRule, ScoringPolicy
from lscbqa.provenance import Change, Origin
from lscbqa.scales import Level, RatingScale, get_scale, scale_names
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring

__all__ = [
    "FORMATS",
    "Format",
    "Migration",
    "document_kind",
    "document_types",
    "dump",
    "dumps",
    "format_for",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "parse",
    "register_document",
    "register_migration",
    "schema_kind",
    "supported_majors",
    "to_dict",
    "unregister_migration",
]

T = TypeVar("T")

Format = Literal["json", "toml", "yaml"]
"""The text formats a document can be written in."""

FORMATS: tuple[Format, ...] = ("json", "toml", "yaml")
"""Every supported format, as accepted by :func:`dumps` and :func:`loads`."""

SCHEMA_MAJOR = 1
_SCHEMA_PATTERN = re.compile(r"lscbqa/([a-z][a-z0-9-]*)/([0-9]+)")
_DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_KINDS: dict[type, str] = {}


def register_document(cls: type, kind: str) -> None:
    """Make an attrs value class loadable and dumpable as a document of ``kind``.

    Parameters
    ----------
    cls : type
        An attrs class.
    kind : str
        Its document kind, used in ``schema = "lscbqa/<kind>/1"``.

    Examples
    --------
    >>> document_kind(Framework)
    'framework'
    """
    _KINDS[cls] = kind


def schema_kind(data: Any) -> str | None:
    """The document kind a parsed document's ``schema`` key names, or None if it names none.

    Examples
    --------
    >>> schema_kind({"schema": "lscbqa/assessment/1"}), schema_kind({"id": "x"})
    ('assessment', None)
    """
    schema = data.get("schema") if isinstance(data, Mapping) else None
    match = _SCHEMA_PATTERN.fullmatch(schema) if isinstance(schema, str) else None
    return match.group(1) if match else None


def document_kind(cls: type) -> str:
    """The document kind of a value class, as written in its ``schema`` key.

    Raises
    ------
    TypeError
        If the class is not a document type.

    Examples
    --------
    >>> document_kind(RatingScale)
    'rating-scale'
    """
    try:
        return _KINDS[cls]
    except KeyError:
        known = ", ".join(sorted(c.__name__ for c in _KINDS))
        raise TypeError(f"{cls!r} is not an lscbqa document type; known: {known}") from None


# Modules of higher layers whose values are documents (challenge logs, report cards...).
# They register their kinds when imported; document_types() imports them first, by name,
# so that the list of kinds does not depend on what happens to have been imported.
DOCUMENT_MODULES: tuple[str, ...] = (
    "lscbqa.indicators.oba",
    "lscbqa.indicators.benchmarking",
    "lscbqa.scrutiny.log",
    "lscbqa.io",
)


def _import_document_modules() -> None:
    for name in DOCUMENT_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:  # a module that is there but fails is a real error
                raise


def document_types() -> dict[str, type]:
    """Every document kind and the value class it holds, sorted by kind.

    Includes the kinds of every module in :data:`DOCUMENT_MODULES`, which this
    imports first.

    Examples
    --------
    >>> document_types()["assessment"].__name__
    'Assessment'
    >>> document_types()["challenge-log"].__name__
    'ChallengeLog'
    """
    _import_document_modules()
    types: dict[str, type] = {}
    for cls, kind in sorted(_KINDS.items(), key=lambda item: item[1]):
        types.setdefault(kind, cls)  # the first registered class of a kind stands for it
    return types


for _cls, _kind in [
    (Framework, "framework"),
    (Domain, "domain"),
    (Criterion, "criterion"),
    (EvidenceExpectation, "evidence-expectation"),
    (RatingScale, "rating-scale"),
    (Level, "level"),
    (Period, "period"),
    (Evidence, "evidence"),
    (Rating, "rating"),
    (Assessment, "assessment"),
    (Finding, "finding"),
    (Action, "action"),
    (ActionPlan, "action-plan"),
    (Agency, "agency"),
    (Origin, "origin"),
    (Change, "change"),
    # A framework that extends another is a framework document too.
    (Tailoring, "framework"),
    (Addition, "addition"),
    (Modification, "modification"),
    (Settings, "tailoring-settings"),
    (FrameworkMapping, "framework-mapping"),
    (CriterionLink, "criterion-link"),
    (Carried, "carried"),
    (ScoringPolicy, "scoring-policy"),
    (LimitingRule, "limiting-rule"),
    (Indicator, "indicator"),
    (Band, "band"),
    (RagBands, "rag-bands"),
]:
    register_document(_cls, _kind)


# -- the converter ------------------------------------------------------------------------------


class _ExpectedError(Exception):
    """A leaf value has the wrong type or form; carries what was expected."""

    def __init__(self, expected: str, found: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.found = found


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _ExpectedError("a string")
    return value


def _reject_overlong(value: Any) -> None:
    if isinstance(value, _OverlongNumber):
        raise _ExpectedError("a number of ordinary size", f"a number of {value.digits} digits")


def _structure_int(value: Any, _: Any) -> int:
    _reject_overlong(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _ExpectedError("an integer")
    return value


def _structure_float(value: Any, _: Any) -> float:
    _reject_overlong(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _ExpectedError("a number")
    try:
        number = float(value)
    except OverflowError:
        raise _ExpectedError("a number of ordinary size") from None
    if not math.isfinite(number):
        raise _ExpectedError("a finite number")
    return number


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _ExpectedError("true or false")
    return value


def _structure_date(value: Any, _: Any) -> datetime.date:
    if type(value) is datetime.date:
        return value
    if isinstance(value, str) and _DATE_PATTERN.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise _ExpectedError("a date written YYYY-MM-DD")


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except (ValueError, TypeError):
        raise _ExpectedError(_util.choices(cls)) from None


def _is_tuple(hint: Any) -> bool:
    return typing.get_origin(hint) is tuple


def _is_mapping(hint: Any) -> bool:
    origin = typing.get_origin(hint)
    return isinstance(origin, type) and issubclass(origin, Mapping)


def _node_union(hint: Any) -> bool:
    return bool(hint == Domain | Criterion)


class _Converter:
    """Builds the cattrs converter and holds the hooks that need it."""

    def __init__(self) -> None:
        converter = cattrs.Converter(
            detailed_validation=True, forbid_extra_keys=True, omit_if_default=True
        )
        self.converter = converter
        converter.register_structure_hook(str, _structure_str)
        converter.register_structure_hook(int, _structure_int)
        converter.register_structure_hook(float, _structure_float)
        converter.register_structure_hook(bool, _structure_bool)
        converter.register_structure_hook(datetime.date, _structure_date)
        converter.register_unstructure_hook(datetime.date, lambda day: day.isoformat())
        # Registered by class, not predicate: StrEnum members are str too, and the str hook
        # above would otherwise take them and skip the check of their value.
        converter.register_structure_hook(enum.StrEnum, _structure_enum)
        converter.register_structure_hook(enum.Enum, _structure_enum)
        # StrEnum members are also str, and cattrs would pass them through as such; YAML and
        # TOML writers need the plain value.
        converter.register_unstructure_hook(enum.StrEnum, lambda member: member.value)
        converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
        converter.register_structure_hook_factory(_is_tuple, self._tuple_hook)
        converter.register_structure_hook_factory(_is_mapping, self._mapping_hook)
        converter.register_unstructure_hook(
            _util.FrozenDict, lambda m: {k: converter.unstructure(v) for k, v in m.items()}
        )
        converter.register_structure_hook_func(_node_union, self._structure_node)
        converter.register_unstructure_hook_func(_node_union, self._unstructure_node)
        converter.register_structure_hook(RatingScale, self._structure_scale)
        converter.register_unstructure_hook(RatingScale, self._unstructure_scale)
        converter.register_structure_hook_factory(attrs.has, self._table_hook)
        converter.register_structure_hook(Criterion, self._table_hook(Criterion, "criterion"))
        converter.register_structure_hook(Domain, self._table_hook(Domain, "domain"))
        self._scale_table = make_dict_unstructure_fn(
            RatingScale, converter, _cattrs_omit_if_default=True
        )
        self._scale_fields = make_dict_structure_fn(RatingScale, converter)

    def _tuple_hook(self, hint: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        item_type = typing.get_args(hint)[0]
        converter = self.converter

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _ExpectedError(_util.describe_type(hint))
            handler = converter.get_structure_hook(item_type)
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(handler(item, item_type))
                except Exception as error:
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"@ index {index}", index, item_type),
                    ]
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {hint!r}", errors, hint)
            return tuple(items)

        return structure

    def _mapping_hook(self, hint: Any) -> Callable[[Any, Any], _util.FrozenDict[Any, Any]]:
        value_type = typing.get_args(hint)[1]
        converter = self.converter

        def structure(value: Any, _: Any) -> _util.FrozenDict[Any, Any]:
            if not isinstance(value, Mapping):
                raise _ExpectedError(_util.describe_type(hint))
            handler = converter.get_structure_hook(value_type)
            items, errors = {}, []
            for key, item in value.items():
                try:
                    if not isinstance(key, str):
                        raise _ExpectedError("text keys", f"the key {key!r}")
                    items[key] = handler(item, value_type)
                except Exception as error:
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"@ key {key!r}", str(key), value_type),
                    ]
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {hint!r}", errors, hint)
            return _util.FrozenDict(items)

        return structure

    def _table_hook(self, cls: type[T], kind: str | None = None) -> Callable[[Any, Any], T]:
        """Structure an attrs class from a table; ``kind``, if given, may be stated in it."""
        generated: list[Callable[[Any, Any], T]] = []

        def structure(value: Any, _: Any) -> T:
            if not isinstance(value, Mapping):
                raise _ExpectedError(f"{_util.article(cls.__name__)} table")
            if kind is not None and value.get("kind", kind) == kind:
                value = {key: item for key, item in value.items() if key != "kind"}
            if not generated:
                generated.append(make_dict_structure_fn(cls, self.converter))
            return generated[0](value, cls)

        return structure

    def _structure_node(self, value: Any, _: Any) -> Domain | Criterion:
        if not isinstance(value, Mapping):
            raise _ExpectedError("a domain or criterion table")
        kind = value.get("kind", "criterion")
        if kind == "domain":
            return self.converter.structure(value, Domain)
        if kind == "criterion":
            return self.converter.structure(value, Criterion)
        raise ValidationError(
            [Problem("$.kind", f"expected 'domain' or 'criterion'; found {_util.found(kind)}")]
        )

    def _unstructure_node(self, node: Domain | Criterion) -> dict[str, Any]:
        data: dict[str, Any] = self.converter.unstructure(node, type(node))
        if isinstance(node, Domain):
            return {"kind": "domain", **data}
        return data

    def _structure_scale(self, value: Any, _: Any) -> RatingScale:
        if isinstance(value, str):
            try:
                return get_scale(value)
            except LscbqaError:
                names = ", ".join(repr(name) for name in scale_names())
                raise _ExpectedError(
                    f"a scale table or the name of a registered scale ({names})"
                ) from None
        if not isinstance(value, Mapping):
            raise _ExpectedError("a scale table or the name of a registered scale")
        return self._scale_fields(value, RatingScale)

    def _unstructure_scale(self, scale: RatingScale) -> str | dict[str, Any]:
        if scale.id in scale_names() and get_scale(scale.id) == scale:
            return scale.id
        return self._scale_table(scale)

    def unstructure_document(self, value: Any) -> dict[str, Any]:
        cls = type(value)
        data = self._scale_table(value) if cls is RatingScale else self.converter.unstructure(value)
        return {"schema": f"lscbqa/{document_kind(cls)}/{SCHEMA_MAJOR}", **data}


@functools.cache
def _converter() -> _Converter:
    """The one converter, built on first use so that ``import lscbqa`` stays quick."""
    return _Converter()


# -- turning cattrs' exception tree into problems -----------------------------------------------


def _problems(error: BaseException, path: tuple[str | int, ...], data: Any) -> list[Problem]:
    """Every problem in a (possibly nested) structuring error, with JSON paths."""
    here = _util.join_path("$", *path)
    value, personal = _lookup(data, path)
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = ", ".join(field.name for field in attrs.fields(error.cl) if field.init)
        if personal:  # a key's name can itself identify a child
            count = len(error.extra_fields)
            return [
                Problem(
                    here,
                    f"{count} unknown key(s), named in the document but withheld here because "
                    f"the evidence is personal; expected only: {allowed}",
                )
            ]
        return [
            Problem(
                _util.join_path(here, str(key)),
                f"unknown key {str(key)!r}; expected one of: {allowed}",
            )
            for key in sorted(error.extra_fields, key=str)
        ]
    if isinstance(error, ClassValidationError | IterableValidationError):
        problems = []
        with_notes, without_notes = error.group_exceptions()
        for sub, note in with_notes:
            part = note.name if isinstance(note, AttributeValidationNote) else note.index
            problems.extend(_problems(sub, (*path, part), data))
        for sub in without_notes:
            problems.extend(_problems(sub, path, data))
        return problems
    if isinstance(error, ValidationError):
        found = [problem.under(here) for problem in error.problems]
        return [withhold_found(p) for p in found] if personal else found
    if isinstance(error, KeyError):
        notes = [
            n for n in getattr(error, "__notes__", []) if isinstance(n, AttributeValidationNote)
        ]
        expected = f"; expected {_util.describe_type(notes[0].type)}" if notes else ""
        return [Problem(here, f"required field is missing{expected}")]
    if isinstance(error, _ExpectedError):
        shown = (
            "a value withheld because the evidence is personal"
            if personal
            else error.found or _util.found(value)
        )
        return [Problem(here, f"expected {error.expected}; found {shown}")]
    if isinstance(error, RecursionError):
        return [Problem(here, "the document is nested too deeply")]
    return [Problem(here, f"invalid value ({type(error).__name__})")]


_MISSING = object()


def _lookup(data: Any, path: tuple[str | int, ...]) -> tuple[Any, bool]:
    """The raw value at ``path``, and whether it lies inside personal evidence."""
    personal = False
    for part in path:
        if isinstance(data, Mapping):
            personal = personal or data.get("sensitivity") == Sensitivity.PERSONAL.value
            data = data.get(part, _MISSING)
        elif isinstance(data, list | tuple) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return _MISSING, personal
    if isinstance(data, Mapping):
        personal = personal or data.get("sensitivity") == Sensitivity.PERSONAL.value
    return data, personal


# -- public functions ---------------------------------------------------------------------------


def to_dict(value: Any) -> dict[str, Any]:
    """The document of a value, as plain dicts, lists, strings, numbers and booleans.

    Fields left at their default are omitted; the ``schema`` key comes first.

    Parameters
    ----------
    value : attrs instance
        Any lscbqa document type (see :func:`document_kind`).

    Returns
    -------
    dict

    Examples
    --------
    >>> from lscbqa.periods import Period
    >>> to_dict(Period.financial_year(2024))
    {'schema': 'lscbqa/period/1', 'start': '2024-04-01', 'end': '2025-03-31'}
    """
    return _converter().unstructure_document(value)


def from_dict(data: Any, cls: type[T]) -> T:
    """Build a value of ``cls`` from its document, checking everything.

    Parameters
    ----------
    data : mapping
        A document as produced by :func:`to_dict` (or parsed from text).
    cls : type
        The lscbqa document type expected.

    Returns
    -------
    An instance of ``cls``.

    Raises
    ------
    SchemaError
        If the ``schema`` key is missing, names another kind of document, or a
        major version this release cannot read. An older major is read through the
        migrations registered with :func:`register_migration`.
    ValidationError
        Listing every other problem, each with its JSON path.

    Examples
    --------
    >>> from lscbqa.periods import Period
    >>> document = {"schema": "lscbqa/period/1", "start": "2024-01-01", "end": "2024-03-31"}
    >>> from_dict(document, Period).days
    91
    >>> from_dict({"schema": "lscbqa/period/1", "start": "01/01/2024", "end": "2024-03-31"}, Period)
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.ValidationError: 1 problem:
      $.start: expected a date written YYYY-MM-DD; found the string '01/01/2024'
    """
    kind = document_kind(cls)
    if not isinstance(data, Mapping):
        raise ValidationError(
            [
                Problem(
                    "$",
                    f"expected {_util.article(kind)} document (a table); found {_util.found(data)}",
                )
            ]
        )
    major = _check_schema(data.get("schema"), kind)
    body: Mapping[str, Any] = {key: value for key, value in data.items() if key != "schema"}
    if major != SCHEMA_MAJOR:
        body = _migrate(dict(body), kind, major)
    try:
        if cls is RatingScale:
            return typing.cast(T, _converter()._structure_scale(body, cls))
        return _converter().converter.structure(body, cls)
    except (ClassValidationError, IterableValidationError, _ExpectedError) as error:
        raise ValidationError(_problems(error, (), body)) from None
    except ValidationError as error:
        raise ValidationError(_problems(error, (), body)) from None
    except RecursionError:
        raise ValidationError([Problem("$", "the document is nested too deeply")]) from None


def _check_schema(schema: Any, kind: str) -> int:
    """The major version a document's ``schema`` names, if this release can read it."""
    wanted = f"lscbqa/{kind}/{SCHEMA_MAJOR}"
    if schema is None:
        raise SchemaError([Problem("$.schema", f"required field is missing; expected {wanted!r}")])
    match = _SCHEMA_PATTERN.fullmatch(schema) if isinstance(schema, str) else None
    if match is None:
        raise SchemaError(
            [Problem("$.schema", f"expected {wanted!r}; found {_util.found(schema)}")]
        )
    found_kind, major = match.group(1), int(match.group(2))
    if found_kind != kind:
        raise SchemaError(
            [
                Problem(
                    "$.schema",
                    f"expected {_util.article(kind)} document ({wanted!r}); "
                    f"found {_util.article(found_kind)} document",
                )
            ]
        )
    readable = supported_majors(kind)
    if major not in readable:
        missing = (
            f"; no migration from version {major} to {major + 1} is registered"
            if major < SCHEMA_MAJOR
            else ""
        )
        majors = " and ".join(map(str, readable))
        noun = "version" if len(readable) == 1 else "versions"
        raise SchemaError(
            [
                Problem(
                    "$.schema",
                    f"expected schema version {SCHEMA_MAJOR} ({wanted!r}); found version {major}, "
                    f"which this release of lscbqa cannot read{missing} (it reads {noun} {majors})",
                )
            ]
        )
    return major


# -- migrations ---------------------------------------------------------------------------------

Migration = Callable[[dict[str, Any]], Mapping[str, Any]]
"""A function taking a document of one major version (a plain dict) to the next."""

_MIGRATIONS: dict[tuple[str, int], Migration] = {}


def register_migration(kind: str, from_major: int, function: Migration) -> Migration:
    """Register how a document of ``kind`` moves from major ``from_major`` to the next one.

    When a document names an older major version in its ``schema`` key, :func:`from_dict`
    (and so :func:`loads` and :func:`load`) applies the registered migrations one major
    at a time, ``from_major`` to ``from_major + 1`` and on up to the current major, then
    loads the result as usual. A migration receives a copy of the document as plain data
    (dicts, lists, strings, numbers), without its ``schema`` key, and returns the document
    of the next major, also without ``schema``. Registering a migration for the same
    kind and major again replaces it.

    Parameters
    ----------
    kind : str
        The document kind, as in ``schema = "lscbqa/<kind>/<major>"``.
    from_major : int
        The older major version the function reads; below the current major.
    function : callable
        ``function(document) -> document``, from ``from_major`` to ``from_major + 1``.

    Returns
    -------
    callable
        ``function``, unchanged.

    Raises
    ------
    ValueError
        If ``from_major`` is not an older major version than the current one.

    Examples
    --------
    >>> from lscbqa.agencies import Agency
    >>> def rename_title(document):
    ...     return {("name" if key == "title" else key): value for key, value in document.items()}
    >>> _ = register_migration("agency", 0, rename_title)
    >>> old = '{"schema": "lscbqa/agency/0", "id": "la", "title": "Council", "sector": "police"}'
    >>> loads(old, Agency).name
    'Council'
    >>> unregister_migration("agency", 0)
    """
    if isinstance(from_major, bool) or not isinstance(from_major, int):
        raise TypeError(f"expected an integer major version; found {from_major!r}")
    if not 0 <= from_major < SCHEMA_MAJOR:
        raise ValueError(
            f"expected a major version older than the current one ({SCHEMA_MAJOR}); "
            f"found {from_major}"
        )
    _MIGRATIONS[(kind, from_major)] = function
    return function


def unregister_migration(kind: str, from_major: int) -> None:
    """Remove the migration of ``kind`` documents from major ``from_major``, if registered.

    Examples
    --------
    >>> _ = register_migration("period", 0, dict)
    >>> supported_majors("period")
    (0, 1)
    >>> unregister_migration("period", 0)
    >>> supported_majors("period")
    (1,)
    """
    _MIGRATIONS.pop((kind, from_major), None)


def supported_majors(kind: str) -> tuple[int, ...]:
    """The major versions of ``kind`` documents this release reads, oldest first.

    The current major, and every older one from which registered migrations lead,
    step by step, up to it.

    Examples
    --------
    >>> supported_majors("framework")
    (1,)
    """
    majors = [SCHEMA_MAJOR]
    while (kind, majors[0] - 1) in _MIGRATIONS:
        majors.insert(0, majors[0] - 1)
    return tuple(majors)


def _migrate(body: dict[str, Any], kind: str, major: int) -> Mapping[str, Any]:
    """Apply the migrations from ``major`` up to the current major, one at a time."""
    for step in range(major, SCHEMA_MAJOR):
        migration = _MIGRATIONS[(kind, step)]
        try:
            migrated = migration(copy.deepcopy(body))
        except LscbqaError:
            raise
        except Exception as error:
            raise ValidationError(
                [
                    Problem(
                        "$",
                        f"expected a document the migration from lscbqa/{kind}/{step} to "
                        f"lscbqa/{kind}/{step + 1} can read; it failed with "
                        f"{type(error).__name__}: {error}",
                    )
                ]
            ) from error
        if not isinstance(migrated, Mapping):
            raise TypeError(
                f"the migration of {kind!r} documents from major {step} returned "
                f"{type(migrated).__name__}, not a mapping"
            )
        # A migration may carry the schema key along; it is set by the chain, not by it.
        body = {key: value for key, value in migrated.items() if key != "schema"}
    return body


def dumps(value: Any, *, format: Format = "json") -> str:
    """Write a value as a document in JSON, TOML or YAML.

    Parameters
    ----------
    value : attrs instance
        Any lscbqa document type.
    format : {"json", "toml", "yaml"}, default "json"
        TOML needs the ``toml`` extra (tomli-w), YAML the ``yaml`` extra (PyYAML).

    Returns
    -------
    str
        The document, ending with a newline.

    Raises
    ------
    MissingDependencyError
        If the format needs an extra that is not installed.

    Examples
    --------
    >>> from lscbqa.scales import Level
    >>> print(dumps(Level(code="good", label="Good", value=3), format="toml"), end="")
    schema = "lscbqa/level/1"
    code = "good"
    label = "Good"
    value = 3.0
    """
    data = to_dict(value)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if format == "toml":
        return str(_util.import_optional("tomli_w", "toml").dumps(data))
    if format == "yaml":
        return _dump_yaml(data)
    raise ValueError(f"expected a format in {FORMATS}; found {format!r}")


def loads(text: str | bytes, cls: type[T], *, format: Format = "json") -> T:
    r"""Read a document of type ``cls`` from JSON, TOML or YAML text.

    Parameters
    ----------
    text : str or bytes
        The document; bytes must be UTF-8.
    cls : type
        The lscbqa document type expected.
    format : {"json", "toml", "yaml"}, default "json"
        YAML is read with safe loading only.

    Returns
    -------
    An instance of ``cls``.

    Raises
    ------
    ValidationError
        For invalid text (with line and column), duplicate keys, and every problem
        :func:`from_dict` finds.
    SchemaError
        For a missing, foreign or unsupported ``schema``.

    Examples
    --------
    >>> from lscbqa import Agency
    >>> lines = [
    ...     'schema = "lscbqa/agency/1"',
    ...     'id = "la"',
    ...     'name = "Northshire Council"',
    ...     'sector = "local_authority"',
    ... ]
    >>> text = "\n".join(lines)
    >>> loads(text, Agency, format="toml").name
    'Northshire Council'
    >>> loads('{"schema": "lscbqa/agency/1", "id": "la",', Agency)
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.ValidationError: 1 problem:
      $: invalid JSON at line 1, column 42: Expecting property name enclosed in double quotes
    """
    return from_dict(parse(text, format=format), cls)


def parse(text: str | bytes, *, format: Format = "json") -> Any:
    """Parse document text into plain data, checking its syntax and duplicate keys.

    This is the first half of :func:`loads`; use it to look at a document (its
    ``schema`` or ``extends`` key, say) before choosing the type to load it as.

    Parameters
    ----------
    text : str or bytes
        The document; bytes must be UTF-8. A leading byte-order mark is skipped.
    format : {"json", "toml", "yaml"}, default "json"
        YAML is read with safe loading only.

    Returns
    -------
    The parsed data: dicts, lists, strings, numbers, booleans (and dates from TOML
    or YAML).

    Raises
    ------
    ValidationError
        For invalid text (with line and column) and keys given twice.

    Examples
    --------
    >>> parse('{"schema": "lscbqa/period/1"}')
    {'schema': 'lscbqa/period/1'}
    >>> parse('{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.ValidationError: 1 problem:
      $.a: duplicate key; each key may appear once
    """
    if format not in FORMATS:
        raise ValueError(f"expected a format in {FORMATS}; found {format!r}")
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                [Problem("$", f"invalid UTF-8 at byte {error.start}: {error.reason}")]
            ) from None
    if not isinstance(text, str):
        raise ValidationError([Problem("$", f"expected document text; found {_util.found(text)}")])
    text = text.removeprefix("\ufeff")  # a byte-order mark, as spreadsheet tools write
    data = _parse(text, format)
    try:
        duplicates = _duplicate_key_problems(data, ())
    except RecursionError:  # a YAML alias that contains itself
        raise ValidationError([Problem("$", "the document is nested too deeply")]) from None
    if duplicates:
        raise ValidationError(duplicates)
    return data


def _parse(text: str, format: Format) -> Any:
    try:
        if format == "json":
            return json.loads(
                text,
                object_pairs_hook=_KeyedDict.from_pairs,
                parse_constant=_no_constant,
                parse_int=_parse_int,
            )
        if format == "toml":
            return tomllib.loads(text)
        return _load_yaml(text)
    except json.JSONDecodeError as error:
        message = f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
    except tomllib.TOMLDecodeError as error:
        message = f"invalid TOML: {error}"
    except _NonFiniteError as error:
        message = f"invalid JSON: {error} is not a number a document may hold"
    except RecursionError:
        message = "the document is nested too deeply"
    except (ValidationError, MissingDependencyError):
        raise
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        message = f"invalid {format.upper()}: {error}"
    except Exception as error:
        if format != "yaml":
            raise
        # PyYAML's own errors carry a position; its constructors may also raise plain
        # errors (an impossible date such as 2024-13-01).
        problem = getattr(error, "problem", None) or error
        if "maximum nesting depth" in str(problem):  # libyaml's limit, as deep as Python's
            raise ValidationError([Problem("$", "the document is nested too deeply")]) from None
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        message = f"invalid YAML{where}: {problem}"
    raise ValidationError([Problem("$", message)])


@attrs.frozen
class _OverlongNumber:
    """An integer with more digits than Python will convert; reported where it stands."""

    digits: int


def _parse_int(text: str) -> int | _OverlongNumber:
    try:
        return int(text)
    except ValueError:
        return _OverlongNumber(len(text.lstrip("-")))


class _NonFiniteError(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NonFiniteError(name)


class _KeyedDict(dict[Any, Any]):
    """A parsed mapping that remembers keys given more than once."""

    duplicates: tuple[Any, ...] = ()

    @classmethod
    def from_pairs(cls, pairs: list[tuple[Any, Any]]) -> _KeyedDict:
        mapping = cls(pairs)
        if len(mapping) != len(pairs):
            counts = collections.Counter(key for key, _ in pairs)
            mapping.duplicates = tuple(key for key, count in counts.items() if count > 1)
        return mapping


def _duplicate_key_problems(data: Any, path: tuple[str | int, ...]) -> list[Problem]:
    problems: list[Problem] = []
    if isinstance(data, Mapping):
        problems.extend(
            Problem(
                _util.join_path("$", *path, str(key)), "duplicate key; each key may appear once"
            )
            for key in getattr(data, "duplicates", ())
        )
        for key, item in data.items():
            problems.extend(_duplicate_key_problems(item, (*path, str(key))))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            problems.extend(_duplicate_key_problems(item, (*path, index)))
    return problems


def _dump_yaml(data: Any) -> str:
    yaml = _util.import_optional("yaml", "yaml")

    # libyaml's emitter, when present, writes the same YAML about ten times quicker.
    base = yaml.CSafeDumper if getattr(yaml, "__with_libyaml__", False) else yaml.SafeDumper

    class _Dumper(base):  # type: ignore[misc,valid-type]
        pass

    def represent_text(dumper: Any, text: str) -> Any:
        # With allow_unicode, PyYAML writes U+0085 (next line) raw in a single-quoted
        # scalar, where reading folds it into a space; double quotes escape it as "\N".
        style = '"' if "\x85" in text else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    _Dumper.add_representer(str, represent_text)
    return str(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True))


def _load_yaml(text: str) -> Any:
    yaml = _util.import_optional("yaml", "yaml")

    def construct_mapping(loader: Any, node: Any) -> _KeyedDict:
        loader.flatten_mapping(node)
        pairs = [
            (loader.construct_object(key, deep=True), loader.construct_object(value, deep=True))
            for key, value in node.value
        ]
        try:
            return _KeyedDict.from_pairs(pairs)
        except TypeError:
            raise ValidationError(
                [Problem("$", "invalid YAML: a mapping key must be text")]
            ) from None

    tag = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
    # libyaml's parser is about ten times quicker than PyYAML's own and limits nesting
    # depth; both are safe loaders, which build only plain data.
    if getattr(yaml, "__with_libyaml__", False):

        class _FastLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
            pass

        _FastLoader.add_constructor(tag, construct_mapping)
        data = yaml.load(text, Loader=_FastLoader)
    else:

        class _Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
            pass

        _Loader.add_constructor(tag, construct_mapping)
        data = yaml.load(text, Loader=_Loader)
    _check_expansion(data, max(len(text), _MIN_EXPANSION_LIMIT))
    return data


# Without aliases every value of a YAML document takes at least one character of its
# text; aliases of aliases can make a short text stand for billions of values.
_MIN_EXPANSION_LIMIT = 100_000


def _check_expansion(data: Any, limit: int) -> None:
    """Refuse YAML whose aliases expand it to more than ``limit`` values (a "billion laughs")."""
    sizes: dict[int, int] = {}

    def size(value: Any) -> int:
        if not isinstance(value, dict | list):
            return 1
        known = sizes.get(id(value))
        if known is None:
            sizes[id(value)] = 0  # an alias inside itself counts once, not forever
            items = value.values() if isinstance(value, dict) else value
            known = 1
            for item in items:  # a loop, not sum(): one stack frame per level of nesting
                known += size(item)
            sizes[id(value)] = known
            if known > limit:
                raise ValidationError(
                    [
                        Problem(
                            "$",
                            f"expected a document of at most {limit:,} values; its aliases "
                            "expand it to more",
                        )
                    ]
                )
        return known

    size(data)


# -- files --------------------------------------------------------------------------------------

_SUFFIXES: dict[str, Format] = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}


def format_for(path: str | os.PathLike[str]) -> Format:
    """The document format a file name implies: ``.json``, ``.toml``, ``.yaml`` or ``.yml``.

    Raises
    ------
    ValueError
        If the suffix is none of those.

    Examples
    --------
    >>> format_for("north/section11.toml")
    'toml'
    """
    suffix = pathlib.Path(path).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        raise ValueError(
            f"cannot tell the format of {os.fspath(path)!r} from its suffix; expected one of "
            f"{', '.join(_SUFFIXES)}, or pass format="
        ) from None


def load(path: str | os.PathLike[str], cls: type[T], *, format: Format | None = None) -> T:
    """Read a document of type ``cls`` from a file.

    Parameters
    ----------
    path : str or path-like
        The file.
    cls : type
        The lscbqa document type expected.
    format : {"json", "toml", "yaml"}, optional
        By default, from the file's suffix (:func:`format_for`).

    Returns
    -------
    An instance of ``cls``.

    Raises
    ------
    ValidationError
        As :func:`loads`; the first problem's message also names the file.
    OSError
        If the file cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from lscbqa.periods import Period
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> dump(Period.calendar_year(2024), folder / "year.yaml")
    >>> load(folder / "year.yaml", Period).days
    366
    """
    chosen = format or format_for(path)
    data = pathlib.Path(path).read_bytes()
    try:
        return loads(data, cls, format=chosen)
    except ValidationError as error:
        problems = [Problem(p.path, f"{p.message} (in {os.fspath(path)})") for p in error.problems]
        raise type(error)(problems) from None


def dump(value: Any, path: str | os.PathLike[str], *, format: Format | None = None) -> None:
    """Write a value's document to a file, atomically.

    The text goes to a temporary file beside ``path`` which then replaces ``path``,
    so a reader never sees half a document and a failed write leaves the old file.

    Parameters
    ----------
    value : attrs instance
        Any lscbqa document type.
    path : str or path-like
        The file to write.
    format : {"json", "toml", "yaml"}, optional
        By default, from the file's suffix (:func:`format_for`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from lscbqa import Agency
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "agency.json"
    >>> dump(Agency(id="la", name="Council", sector="local_authority"), target)
    >>> target.read_text().splitlines()[1]
    '  "schema": "lscbqa/agency/1",'
    """
    target = pathlib.Path(path)
    _util.write_text_atomic(target, dumps(value, format=format or format_for(target)))


# -- JSON Schema --------------------------------------------------------------------------------


def json_schema(cls: type) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for documents of ``cls``, for editors and validators.

    It checks structure, types, enumerations, dates and simple bounds; checks that
    span fields (unique ids, levels on a scale) are left to :func:`loads`.

    Parameters
    ----------
    cls : type
        An lscbqa document type.

    Returns
    -------
    dict
        The schema, with shared definitions under ``$defs``.

    Examples
    --------
    >>> schema = json_schema(Framework)
    >>> schema["properties"]["schema"]
    {'const': 'lscbqa/framework/1'}
    >>> sorted(schema["$defs"])[:3]
    ['Band', 'Change', 'Criterion']
    """
    builder = _SchemaBuilder()
    root = builder.object_schema(cls)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"lscbqa {document_kind(cls)} document",
        **root,
    }
    schema["properties"] = {
        "schema": {"const": f"lscbqa/{document_kind(cls)}/{SCHEMA_MAJOR}"},
        **root["properties"],
    }
    schema["required"] = ["schema", *root.get("required", [])]
    if builder.definitions:
        schema["$defs"] = dict(sorted(builder.definitions.items()))
    return schema


class _SchemaBuilder:
    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}

    def object_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            properties[field.name] = self.type_schema(hints[field.name])
            if field.name in _BOUNDS:
                properties[field.name] = {**properties[field.name], **_BOUNDS[field.name]}
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        return schema

    def reference(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}
            self.definitions[name] = self.object_schema(cls)
            if cls is Criterion:
                self.definitions[name]["properties"]["kind"] = {"const": "criterion"}
            if cls is Domain:
                self.definitions[name]["properties"]["kind"] = {"const": "domain"}
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if hint is RatingScale:
            return {
                "anyOf": [
                    {"type": "string", "enum": list(scale_names())},
                    self.reference(RatingScale),
                ]
            }
        if _node_union(hint):
            domain = {"allOf": [self.reference(Domain)], "required": ["kind"]}
            return {"anyOf": [domain, self.reference(Criterion)]}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.type_schema(arg) for arg in typing.get_args(hint)]}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(typing.get_args(hint)[0])}
        if _is_mapping(hint):
            return {
                "type": "object",
                "additionalProperties": self.type_schema(typing.get_args(hint)[1]),
            }
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        if attrs.has(hint):
            return self.reference(hint)
        simple = {
            type(None): {"type": "null"},
            str: {"type": "string"},
            int: {"type": "integer"},
            float: {"type": "number"},
            bool: {"type": "boolean"},
            datetime.date: {"type": "string", "format": "date", "pattern": _DATE_PATTERN.pattern},
        }
        return dict(simple[hint])


_BOUNDS: dict[str, dict[str, Any]] = {
    "weight": {"minimum": 0},
    "min_count": {"minimum": 0},
    "id": {"pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$"},
    "colour": {"pattern": r"^#[0-9A-Fa-f]{6}$"},
}
