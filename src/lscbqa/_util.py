"""Small shared helpers for the value classes.

An immutable mapping, converters, and a validator that checks every field against
its annotation.

Nothing here is public API; the value modules build on it so that every value
class validates the same way and reports problems with the same paths.
"""

from __future__ import annotations

import csv
import datetime
import enum
import functools
import importlib
import io
import math
import os
import pathlib
import re
import stat
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from lscbqa.exceptions import MissingDependencyError, Problem, ValidationError

K = TypeVar("K")
V = TypeVar("V")
E = TypeVar("E", bound=enum.Enum)
FieldCheck = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]*")
_MAX_REPR = 40


class FrozenDict(Mapping[K, V]):
    """An immutable, hashable mapping that keeps insertion order.

    Examples
    --------
    >>> mapping = FrozenDict({"region": "North", "licence": "OGL"})
    >>> mapping["region"], len(mapping), hash(mapping) == hash(FrozenDict(mapping))
    ('North', 2, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"


def found(value: object) -> str:
    """Describe a found value briefly, for an error message."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return "the string " + repr(value if len(value) <= _MAX_REPR else value[:_MAX_REPR] + "...")
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and value.bit_length() > 256:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, Mapping):
        return "a table/object"
    if isinstance(value, list | tuple):
        return "a list of 1 item" if len(value) == 1 else f"a list of {len(value)} items"
    return f"a value of type {type(value).__name__}"


def import_optional(module: str, extra: str) -> Any:
    """Import an optional dependency, or raise the error naming the extra that installs it.

    Raises
    ------
    MissingDependencyError
        If ``module`` is not installed (``pip install "lscbqa[<extra>]"``).
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(module, extra) from None


def csv_table(
    header: Sequence[str],
    rows: Iterable[Iterable[str]],
    target: str | os.PathLike[str] | None = None,
) -> str | None:
    """A CSV table, one line per row: returned as text, or written atomically to ``target``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    if target is None:
        return buffer.getvalue()
    write_text_atomic(target, buffer.getvalue())
    return None


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 all at once: a temporary file, then a rename.

    A reader never sees half a file, and a failed write leaves any old file as it was.
    The file gets the permissions of the file it replaces, or else those a plain
    ``open`` would give it (not the owner-only ones of a temporary file).
    """
    target = pathlib.Path(path)
    mode = mode_for(target)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        pathlib.Path(temporary).unlink(missing_ok=True)
        raise


def mode_for(target: pathlib.Path) -> int:
    """The permissions a written file should have: the old file's, or 0o666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)  # reading the umask means setting it; put it straight back
        os.umask(umask)
        return 0o666 & ~umask


def fail(path: str, message: str) -> typing.NoReturn:
    """Raise a :class:`ValidationError` with one problem."""
    raise ValidationError([Problem(path, message)])


def field_path(attribute: attrs.Attribute[Any], *rest: str | int) -> str:
    """The JSON path of an attribute (and optional items below it)."""
    return join_path("$", attribute.name, *rest)


def join_path(base: str, *parts: str | int) -> str:
    """Join path segments: names with a dot, integers as ``[i]``."""
    path = base
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _ID_PATTERN.fullmatch(part) and "." not in part and "/" not in part:
            path += f".{part}"
        else:
            path += f"[{part!r}]"
    return path


# -- converters ---------------------------------------------------------------------------------


def to_tuple(value: Any) -> Any:
    """Turn any non-string iterable into a tuple; leave other values for the validator."""
    if isinstance(value, str | bytes | Mapping):
        return value
    if isinstance(value, Iterable):
        return tuple(value)
    return value


def to_float_tuple(value: Any) -> Any:
    """Turn an iterable of numbers into a tuple of floats (ints become floats)."""
    value = to_tuple(value)
    if isinstance(value, tuple):
        return tuple(to_float(item) for item in value)
    return value


def to_frozendict(value: Any) -> Any:
    """Turn a mapping into a :class:`FrozenDict`; leave other values for the validator."""
    if isinstance(value, FrozenDict):
        return value
    if isinstance(value, Mapping):
        return FrozenDict(value)
    return value


def to_float(value: Any) -> Any:
    """Turn an int (not a bool) into a float; leave other values for the validator."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # too large for a float: left for the validator to report
            return value
    return value


def as_enum(enum_type: type[E], value: Any) -> Any:
    """Turn an enum's value into its member; leave anything else for the validator."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value)
    except (ValueError, TypeError):
        return value


def as_enum_tuple(enum_type: type[E], value: Any) -> Any:
    """Turn an iterable of an enum's values into a tuple of members, where they match."""
    value = to_tuple(value)
    if isinstance(value, tuple):
        return tuple(as_enum(enum_type, item) for item in value)
    return value


def choices(enum_type: type[enum.Enum]) -> str:
    """Describe the allowed values of an enum, for an error message."""
    values = ", ".join(repr(member.value) for member in enum_type)
    return f"one of {values}"


# -- validators ---------------------------------------------------------------------------------


def is_identifier(text: str) -> bool:
    """Whether ``text`` is a valid lscbqa id (letters, digits and ``_ . : / -``)."""
    return bool(_ID_PATTERN.fullmatch(text))


def identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate an id: a non-empty string of letters, digits and ``_ . : / -``."""
    if isinstance(value, str) and not is_identifier(value):
        fail(
            field_path(attribute),
            "expected an id: letters, digits and '_ . : / -', starting with a letter or digit; "
            f"found {found(value)}",
        )


def identifiers(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate a tuple of ids."""
    for index, item in enumerate(value):
        if isinstance(item, str) and not is_identifier(item):
            fail(field_path(attribute, index), f"expected an id; found {found(item)}")


def non_blank(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate that an optional string, when given, is not empty or only spaces."""
    if isinstance(value, str) and not value.strip():
        fail(field_path(attribute), f"expected a non-empty text; found {found(value)}")


def non_blank_items(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate that every text in a tuple is non-empty."""
    for index, item in enumerate(value):
        if not item.strip():
            fail(field_path(attribute, index), f"expected a non-empty text; found {found(item)}")


def non_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate a finite number >= 0."""
    if isinstance(value, int | float) and not (math.isfinite(value) and value >= 0):
        fail(field_path(attribute), f"expected a finite number >= 0; found {found(value)}")


def finite(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate a finite number."""
    if isinstance(value, float) and not math.isfinite(value):
        fail(field_path(attribute), f"expected a finite number; found {found(value)}")


def unique_ids(items: Iterable[Any], path: str, what: str = "id") -> None:
    """Raise one problem per repeated ``.id`` among ``items`` (path names the tuple)."""
    seen: dict[str, int] = {}
    problems = []
    for index, item in enumerate(items):
        if item.id in seen:
            problems.append(
                Problem(
                    join_path(path, index, "id"),
                    f"expected a unique {what}; {item.id!r} is also at index {seen[item.id]}",
                )
            )
        else:
            seen[item.id] = index
    if problems:
        raise ValidationError(problems)


CHECKS = "lscbqa.checks"


def checks(*functions: FieldCheck) -> dict[str, tuple[FieldCheck, ...]]:
    """Field metadata naming checks to run after the field's type check.

    Each check is called as ``check(instance, attribute, value)`` and raises
    :class:`ValidationError` with paths relative to the value (``$.weight``).
    """
    return {CHECKS: functions}


def validate(instance: Any, *whole: Callable[[Any], None]) -> None:
    """Check every field of an attrs value, then the value as a whole; report all problems.

    Each field is checked against its annotation and then by the checks in its
    metadata (see :func:`checks`). Checks on the whole value (``whole``), which may
    read several fields, run only when every field is sound.

    Raises
    ------
    ValidationError
        Listing every problem found.
    """
    problems: list[Problem] = []
    for field, hint, field_checks in _plan(type(instance)):
        value = getattr(instance, field.name)
        # The quick yes-or-no first; the words of a problem only when there is one.
        if not _conforms(hint, value):
            mismatch = _mismatch(hint, value, field_path(field))
            if mismatch is not None:
                problems.append(mismatch)
                continue
        for check in field_checks:
            try:
                check(instance, field, value)
            except ValidationError as error:
                problems.extend(error.problems)
    if not problems:
        for check_whole in whole:
            try:
                check_whole(instance)
            except ValidationError as error:
                problems.extend(error.problems)
    if problems:
        raise ValidationError(problems)


_Plan = tuple[tuple["attrs.Attribute[Any]", Any, tuple[FieldCheck, ...]], ...]


def _plan(cls: type) -> _Plan:
    """Each init field of an attrs class with its type hint and checks, worked out once."""
    cached: _Plan | None = cls.__dict__.get("_lscbqa_plan")
    if cached is None:
        hints = _hints(cls)
        cached = tuple(
            (field, hints[field.name], tuple(field.metadata.get(CHECKS, ())))
            for field in attrs.fields(cls)
            if field.init
        )
        type.__setattr__(cls, "_lscbqa_plan", cached)
    return cached


@functools.cache
def _shape(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """A hint's origin and arguments (``typing.get_origin``/``get_args``), once per hint."""
    return typing.get_origin(hint), typing.get_args(hint)


def _conforms(hint: Any, value: Any) -> bool:
    """Whether a value matches a hint; the same answer as ``_mismatch(...) is None``."""
    origin, arguments = _shape(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(arm, value) for arm in arguments)
    if origin is tuple:
        return isinstance(value, tuple) and all(_conforms(arguments[0], item) for item in value)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        key_hint, value_hint = arguments
        return isinstance(value, FrozenDict) and all(
            _conforms(key_hint, key) and _conforms(value_hint, item) for key, item in value.items()
        )
    if origin is not None and isinstance(origin, type):
        return isinstance(value, origin)
    return _is_instance(hint, value)


def _hints(cls: type) -> dict[str, Any]:
    cached: dict[str, Any] | None = cls.__dict__.get("_lscbqa_hints")
    if cached is None:
        cached = typing.get_type_hints(cls)
        type.__setattr__(cls, "_lscbqa_hints", cached)
    return cached


def article(noun: str) -> str:
    """``noun`` with "a" or "an" before it, by its first letter."""
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def describe_type(hint: Any) -> str:
    """Describe an annotation in words a data author understands."""
    origin = typing.get_origin(hint)
    if hint is type(None):
        return "nothing"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe_type(arg) for arg in typing.get_args(hint))
    if origin is tuple or origin is list:
        return f"a list, each item {describe_type(typing.get_args(hint)[0])}"
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return f"a table, each value {describe_type(typing.get_args(hint)[1])}"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return choices(hint)
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        datetime.date: "a date (YYYY-MM-DD)",
    }
    if hint in names:
        return names[hint]
    if attrs.has(hint):
        return f"{article(hint.__name__)} table"
    return getattr(hint, "__name__", str(hint))


def _mismatch(hint: Any, value: Any, path: str) -> Problem | None:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        arms = typing.get_args(hint)
        mismatches = [_mismatch(arg, value, path) for arg in arms]
        if any(problem is None for problem in mismatches):
            return None
        given = [arg for arg in arms if arg is not type(None)]
        if len(given) == 1:
            inner = mismatches[arms.index(given[0])]
            if inner is not None and (
                inner.path != path or (attrs.has(given[0]) and isinstance(value, Mapping))
            ):
                return inner  # inside the only arm it could be, or a dict for a value: say so
        return Problem(path, f"expected {describe_type(hint)}; found {found(value)}")
    if origin is tuple:
        if not isinstance(value, tuple):
            return Problem(path, f"expected {describe_type(hint)}; found {found(value)}")
        item_hint = typing.get_args(hint)[0]
        for index, item in enumerate(value):
            problem = _mismatch(item_hint, item, join_path(path, index))
            if problem is not None:
                return problem
        return None
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        if not isinstance(value, FrozenDict):
            return Problem(path, f"expected {describe_type(hint)}; found {found(value)}")
        key_hint, value_hint = typing.get_args(hint)
        for key, item in value.items():
            problem = _mismatch(key_hint, key, path) or _mismatch(
                value_hint, item, join_path(path, str(key))
            )
            if problem is not None:
                return problem
        return None
    if origin is not None and isinstance(origin, type):
        hint = origin  # another generic, such as a numpy array of floats: check the container
    if _is_instance(hint, value):
        return None
    if attrs.has(hint) and isinstance(value, Mapping):
        # Only Python code gets here: documents are turned into values before checking.
        return Problem(
            path,
            f"expected {article(hint.__name__)} (build {hint.__name__}(...), or read "
            f"documents with lscbqa.serialize); found a {type(value).__name__}",
        )
    return Problem(path, f"expected {describe_type(hint)}; found {found(value)}")


def _is_instance(hint: Any, value: Any) -> bool:
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, float)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is datetime.date:
        return type(value) is datetime.date
    if hint is Any:
        return True
    return isinstance(value, hint)
