"""Bad input never breaks lscbqa: a corpus of malformed documents, each a clean error.

The corpus is generated, deterministically, by mutating valid documents of every
document kind (drawn from :mod:`lscbqa.testing.strategies` with derandomised
hypothesis, taken from the built-in frameworks, or made by hand) and writing each
mutation in every format: wrong types, missing fields, unknown keys, huge numbers,
NaN and infinity, empty strings, deep nesting, duplicate ids and keys, invalid UTF-8,
truncated text, byte-order marks, wrong ``schema`` strings, roots that are not
tables. Framework files that extend each other in a loop, YAML aliases that expand
exponentially, CSV panels (:func:`lscbqa.indicators.read_csv`), Section 11 returns
and case audits (:func:`lscbqa.io.read_section11`, :func:`lscbqa.io.read_case_audit`)
join it.

Each malformed document must give an :class:`~lscbqa.exceptions.LscbqaError` whose
problems all have a JSON path: never another exception, never a hang (each runs
under a 5-second alarm), never a value built from a document that is invalid. A
mutation that turns out to be a valid document (an optional field removed, say) is
left out of the counts, but only when an independent check, the document's JSON
Schema (:func:`lscbqa.serialize.json_schema`) and a plain parser, agrees that it is
valid; documents known to be invalid (bad UTF-8, NaN, duplicate ids, cycles...) are
never left out.

Measured (2026-11-28; ``pytest -s tests/test_bad_input.py -k at_least`` prints it
again; about 10 s of CPU):

    tried 8522 malformed inputs (35 kinds; 395 mutations that turned out valid left out)
    clean errors 8522
    other exceptions 0
    hangs 0
    errors without paths 0
    invalid input accepted 0
"""

from __future__ import annotations

import collections
import contextlib
import copy
import csv
import datetime
import functools
import io
import json
import math
import random
import re
import signal
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import tomli_w
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lscbqa import frameworks
from lscbqa.agencies import Agency
from lscbqa.exceptions import LscbqaError, TailoringError, ValidationError
from lscbqa.indicators import read_csv
from lscbqa.io import ColumnMapping, read_section11
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog, Meeting, Member
from lscbqa.serialize import (
    FORMATS,
    Format,
    document_kind,
    document_types,
    dumps,
    json_schema,
    loads,
    to_dict,
)
from lscbqa.tailoring import Tailoring
from test_roundtrip import STRATEGY_FOR

TIMEOUT_SECONDS = 5
DRAWN_PER_TYPE = 2


# -- running one case under a deadline ----------------------------------------------------------


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` swallows it."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: Any) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@attrs.frozen
class Case:
    """One malformed input and how to read it."""

    kind: str  # the document kind, or "csv-panel", "section11-return"
    mutation: str
    format: str
    read: Callable[[], object]
    # Known to be invalid whatever any schema says; otherwise `valid` decides.
    known_invalid: bool
    # An independent check that the input is valid after all (None: never valid).
    valid: Callable[[], bool] | None = None


@attrs.frozen
class Outcome:
    case: Case
    result: str  # clean, pathless, other, hang, accepted, valid
    detail: str = ""
    seconds: float = 0.0


def _run(case: Case) -> Outcome:
    start = time.perf_counter()
    outcome = _outcome(case)
    return attrs.evolve(outcome, seconds=time.perf_counter() - start)


def _outcome(case: Case) -> Outcome:
    try:
        with _deadline(TIMEOUT_SECONDS):
            value = case.read()
    except _Hang:
        return Outcome(case, "hang")
    except LscbqaError as error:
        problems = getattr(error, "problems", ())
        if problems and all(problem.path.startswith("$") for problem in problems):
            return Outcome(case, "clean")
        return Outcome(case, "pathless", repr(error)[:300])
    except Exception as error:
        return Outcome(case, "other", f"{type(error).__name__}: {str(error)[:300]}")
    if not case.known_invalid and case.valid is not None and case.valid():
        return Outcome(case, "valid")
    return Outcome(case, "accepted", repr(value)[:300])


# -- the independent check ----------------------------------------------------------------------


@functools.cache
def _validator(cls: type) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json_schema(cls), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _plain(data: Any) -> Any:
    """Parsed data as JSON would hold it; None if it holds what no document may."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    if isinstance(data, datetime.datetime | datetime.time):
        return _INVALID
    if isinstance(data, datetime.date):
        return data.isoformat()
    if isinstance(data, float) and not math.isfinite(data):
        return _INVALID
    return data


_INVALID = {"\0 not a document value": True}


def _contains_invalid(data: Any) -> bool:
    if data is _INVALID:
        return True
    if isinstance(data, dict):
        return any(_contains_invalid(value) for value in data.values())
    if isinstance(data, list):
        return any(_contains_invalid(item) for item in data)
    return False


def _schema_valid(text: str | bytes, cls: type, format: str) -> bool:
    """Whether a plain parser and the JSON Schema both find the document valid."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        text = text.removeprefix("\ufeff")
        if format == "json":
            data = json.loads(text)
        elif format == "toml":
            data = tomllib.loads(text)
        else:
            data = yaml.load(text, Loader=yaml.CSafeLoader)  # the parser lscbqa uses
    except Exception:
        return False
    data = _plain(data)
    if _contains_invalid(data):
        return False
    return bool(_validator(cls).is_valid(data))


# -- writing (mutated) plain data in each format ------------------------------------------------

_SENTINEL = re.compile(r"\"?LSCBQA_SENTINEL_([A-Z_]+)\"?")

_DEEP = 10_000


def _literals(nan: str, inf: str, huge_float: str, open_table: str) -> dict[str, str]:
    """How a format writes the special values the mutations put in."""
    return {
        "NAN": nan,
        "INF": inf,
        "NEG_INF": "-" + inf,
        "HUGE_FLOAT": huge_float,
        "HUGE_INT": "1" + "0" * 400,
        "OVERLONG_INT": "9" * 5000,  # more digits than Python converts to an int
        "DEEP_LIST": "[" * _DEEP + "]" * _DEEP,
        "DEEP_TABLE": open_table * _DEEP + "1" + "}" * _DEEP,
    }


_LITERALS = {
    "json": _literals("NaN", "Infinity", "1e309", '{"a": '),
    "toml": _literals("nan", "inf", "1e309", "{a = "),
    "yaml": _literals(".nan", ".inf", "1.0e+309", "{a: "),
}


def _write(data: Any, format: str) -> str | None:
    """Plain data as text, special values put in as literals; None if it cannot be written."""
    try:
        if format == "json":
            text = json.dumps(data, ensure_ascii=False)
        elif format == "toml":
            text = tomli_w.dumps(data)
        else:
            text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    except Exception:  # TOML has no null, and no root that is not a table
        return None
    return _SENTINEL.sub(lambda match: _LITERALS[format][match.group(1)], text)


# -- mutations of plain data --------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _nodes(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value below the root, with its path (the root's schema key left out)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if path or key != "schema":
                yield (*path, key), value
                yield from _nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*path, index), value
            yield from _nodes(value, (*path, index))


def _copy_and_parent(data: Any, path: Path_) -> tuple[Any, Any]:
    """A deep copy of ``data``, and the container in it that holds ``path``'s last part."""
    copied = copy.deepcopy(data)
    parent = copied
    for part in path[:-1]:
        parent = parent[part]
    return copied, parent


def _replaced(data: Any, path: Path_, value: Any) -> Any:
    copied, parent = _copy_and_parent(data, path)
    parent[path[-1]] = value
    return copied


def _removed(data: Any, path: Path_) -> Any:
    copied, parent = _copy_and_parent(data, path)
    del parent[path[-1]]
    return copied


def _wrong_type(value: Any, rng: random.Random) -> Any:
    if isinstance(value, bool):
        return rng.choice(["yes", 1, [True]])
    if isinstance(value, int | float):
        return rng.choice([str(value), True, [value], {"value": value}])
    if isinstance(value, str):
        return rng.choice([12345, 1.5, False, [value], {"text": value}])
    if isinstance(value, list):
        return rng.choice(["a list was expected", 7, {"items": value}])
    if isinstance(value, dict):
        return rng.choice([[value], "a table was expected", 3.5])
    return "x"


# Each mutation: (name, data, rng, cls) -> list of (data, known_invalid).
Mutation = Callable[[dict[str, Any], random.Random, type], list[tuple[Any, bool]]]


def _pick(data: Any, rng: random.Random, keep: Callable[[Any], bool]) -> Path_ | None:
    paths = [path for path, value in _nodes(data) if keep(value)]
    return rng.choice(paths) if paths else None


def _mutate_wrong_type(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    out = []
    for _ in range(2):
        path = _pick(data, rng, lambda value: True)
        if path is not None:
            value = _nodes_value(data, path)
            out.append((_replaced(data, path, _wrong_type(value, rng)), False))
    return out


def _nodes_value(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _mutate_missing(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    required = [
        field.name
        for field in attrs.fields(cls)
        if field.init and field.default is attrs.NOTHING and field.name in data
    ]
    out = []
    if required:
        out.append((_removed(data, (rng.choice(required),)), True))
    nested = [path for path, _ in _nodes(data) if len(path) > 1 and isinstance(path[-1], str)]
    if nested:
        out.append((_removed(data, rng.choice(nested)), False))
    return out


def _mutate_unknown_key(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    out = [({**data, "unexpected_key": "x"}, True)]
    path = _pick(data, rng, lambda value: isinstance(value, dict))
    if path is not None:
        table = _nodes_value(data, path)
        out.append((_replaced(data, path, {**table, "unexpected key!": "x"}), False))
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _leaf(data: dict[str, Any], rng: random.Random) -> Path_ | None:
    """A number if the document has one, else any leaf."""
    return _pick(data, rng, _is_number) or _pick(
        data, rng, lambda value: not isinstance(value, dict | list)
    )


def _mutate_special(*names: str, known_invalid: bool) -> Mutation:
    def mutate(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
        path = _leaf(data, rng)
        if path is None:
            return []
        return [(_replaced(data, path, f"LSCBQA_SENTINEL_{name}"), known_invalid) for name in names]

    return mutate


def _mutate_empty_string(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    path = _pick(data, rng, lambda value: isinstance(value, str))
    if path is None:
        return []
    return [(_replaced(data, path, ""), False), (_replaced(data, path, "   "), False)]


def _mutate_null(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    path = _pick(data, rng, lambda value: value is not None)
    return [] if path is None else [(_replaced(data, path, None), False)]


def _mutate_schema(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    kind = document_kind(cls)
    other = rng.choice([k for k in document_types() if k != kind])
    wrong: list[Any] = [
        f"lscbqa/{kind}/2",
        f"lscbqa/{kind}/0",
        f"lscbqa/{other}/1",
        f"lscbqa/{kind}",
        f"LSCBQA/{kind}/1",
        f"lscbqa/{kind}/1 ",
        "",
        1,
        [f"lscbqa/{kind}/1"],
    ]
    out = [({**data, "schema": schema}, True) for schema in rng.sample(wrong, 3)]
    out.append(({key: value for key, value in data.items() if key != "schema"}, True))
    return out


def _mutate_duplicate_id(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    def has_ids(value: Any) -> bool:
        return (
            isinstance(value, list)
            and bool(value)
            and all(isinstance(item, dict) and ("id" in item or "code" in item) for item in value)
        )

    path = _pick(data, rng, has_ids)
    if path is None:
        return []
    items = _nodes_value(data, path)
    # By design, a domain or criterion alone does not check its children's ids (the
    # framework that holds it does), and a tailoring's are checked when it is resolved.
    known_invalid = cls not in (Domain, Criterion, Tailoring)
    return [(_replaced(data, path, [*items, copy.deepcopy(rng.choice(items))]), known_invalid)]


def _mutate_deep(data: dict[str, Any], rng: random.Random, cls: type) -> list[Any]:
    path = _pick(data, rng, lambda value: True)
    if path is None:
        path = ("deep",)
    return [
        (_replaced(data, path, "LSCBQA_SENTINEL_DEEP_LIST"), True),
        (_replaced(data, path, "LSCBQA_SENTINEL_DEEP_TABLE"), True),
    ]


DATA_MUTATIONS: dict[str, Mutation] = {
    "wrong type": _mutate_wrong_type,
    "missing field": _mutate_missing,
    "unknown key": _mutate_unknown_key,
    "huge number": _mutate_special("HUGE_INT", "HUGE_FLOAT", "OVERLONG_INT", known_invalid=False),
    "NaN or infinity": _mutate_special("NAN", "INF", "NEG_INF", known_invalid=True),
    "empty string": _mutate_empty_string,
    "null": _mutate_null,
    "wrong schema": _mutate_schema,
    "duplicate id": _mutate_duplicate_id,
    "deep nesting": _mutate_deep,
}


# -- mutations of text --------------------------------------------------------------------------


def _text_mutations(
    text: str, format: str, kind: str, rng: random.Random
) -> Iterator[tuple[str, str | bytes, bool]]:
    """(mutation, text, known_invalid) for one valid document text."""
    for fraction in (0.5, rng.random()):
        yield "truncated", text[: int(len(text) * fraction)], False
    yield "truncated", text[:-2] if format == "json" else text[: len(text) // 3], format == "json"
    data = text.encode("utf-8")
    at = rng.randrange(len(data) + 1)
    for bad in (b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"):
        yield "invalid UTF-8", data[:at] + bad + data[at:], True
    yield "invalid UTF-8", data + b"\xc3", True
    yield "byte-order mark", b"\xff\xfe" + text.encode("utf-16-le"), True
    yield "byte-order mark", "\ufeff\ufeff" + text, False
    lines = text.splitlines(keepends=True)
    where = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
    yield "byte-order mark", "".join(lines[:where]) + "\ufeff" + "".join(lines[where:]), False
    schema_line = {
        "json": '{"schema": "lscbqa/' + kind + '/1", ' + text.lstrip()[1:],
        "toml": f'schema = "lscbqa/{kind}/1"\n' + text,
        "yaml": f"schema: lscbqa/{kind}/1\n" + text,
    }[format]
    yield "duplicate key", schema_line, True
    roots = {
        "json": ["[]", "null", "42", '"text"', "", "[" + text + "]"],
        "toml": ["", "= 1", "[[x]]\n"],
        "yaml": ["[]", "null", "42", "text", "", "- " + text.replace("\n", "\n  ")],
    }[format]
    for root in rng.sample(roots, 2):
        yield "not a table", root, True


# -- valid documents to mutate ------------------------------------------------------------------


def _drawn(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` values of a strategy, the same every run (derandomised hypothesis)."""
    values: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        values.append(value)

    collect()
    return values[:count]


def _handmade() -> list[Any]:
    police = Agency(id="police", name="Northshire Police", sector="police", statutory=True)
    log = ChallengeLog(
        id="northshire",
        title="Northshire challenge log",
        agencies=[police, Agency(id="health", name="Health", sector="health_provider")],
        members=[Member(id="lay1", name="Lay member 1", kind="lay_member")],
        events=[
            ChallengeEvent(
                id=f"e{number}",
                kind=kind,
                challenger=challenger,
                challenged="police",
                raised=datetime.date(2014, month, 1),
            )
            for number, (kind, challenger, month) in enumerate(
                [("lay_member_challenge", "lay1", 5), ("agency_scrutiny", "health", 6)], start=1
            )
        ],
        meetings=[
            Meeting(
                id="m1",
                date=datetime.date(2014, 6, 10),
                expected=["police", "health"],
                attended=["police"],
            )
        ],
    )
    mapping = ColumnMapping(
        columns={"Standard": "criterion", "Agency RAG": "self_level"},
        levels={"Green": "fully_met", "Amber": "partially_met", "Red": "not_met"},
        subjects={"Northshire Police": "police"},
        ignore=["Notes for the chair"],
        header_row=3,
    )
    return [police, log, mapping]


def _from_builtins() -> list[Any]:
    """Each built-in framework; from every third, its first domain, criterion, scale..."""
    values: list[Any] = []
    for number, name in enumerate(frameworks.available()):
        framework = frameworks.get(name)
        values.append(framework)
        if number % 3 == 0:
            values.append(framework.domains[0])
            values.append(framework.scale)
            values.append(framework.scale.levels[0])
            values.append(framework.criteria(leaves_only=True)[0])
            values.extend(framework.indicators[:1])
            if framework.scoring is not None:
                values.append(framework.scoring)
    return values


def _seeds() -> list[Any]:
    """Valid values of every document kind, each loadable from its own document."""
    seeds = _handmade() + _from_builtins()
    for strategy in STRATEGY_FOR.values():
        seeds.extend(_drawn(strategy, DRAWN_PER_TYPE))
    return [seed for seed in seeds if loads(dumps(seed), type(seed)) == seed]


# -- the corpus ---------------------------------------------------------------------------------


def _document_cases() -> Iterator[Case]:
    deep_done: set[str] = set()
    for number, seed in enumerate(_seeds()):
        cls = type(seed)
        kind = document_kind(cls)
        rng = random.Random(f"{kind}-{number}")
        data = to_dict(seed)
        names = list(DATA_MUTATIONS)
        # Deep nesting costs the most to read: once a kind is enough.
        if kind in deep_done:
            names.remove("deep nesting")
        deep_done.add(kind)
        # Large documents (built-in frameworks and their domains) get a sample.
        large = len(json.dumps(data)) > 5_000
        if large:
            names = rng.sample(names, 3)
        for name in names:
            for mutated, known_invalid in DATA_MUTATIONS[name](data, rng, cls):
                for format in (rng.choice(FORMATS),) if large else FORMATS:
                    text = _write(mutated, format)
                    if text is not None:
                        yield _document_case(kind, cls, name, format, text, known_invalid)
        for format in (rng.choice(FORMATS),) if large else FORMATS:
            valid_text = dumps(seed, format=format)
            for name, text, known_invalid in _text_mutations(valid_text, format, kind, rng):
                yield _document_case(kind, cls, name, format, text, known_invalid)


def _document_case(
    kind: str, cls: type, mutation: str, format: Format, text: str | bytes, known_invalid: bool
) -> Case:
    return Case(
        kind=kind,
        mutation=mutation,
        format=format,
        read=functools.partial(loads, text, cls, format=format),
        known_invalid=known_invalid,
        valid=functools.partial(_schema_valid, text, cls, format),
    )


def _cycle_cases(folder: Path) -> Iterator[Case]:
    """Framework files that extend each other in a loop, in every format and length."""
    for format in FORMATS:
        for length in (1, 2, 3):
            names = [f"cycle{length}-{i}.{format}" for i in range(length)]
            for index, name in enumerate(names):
                layer = {
                    "schema": "lscbqa/framework/1",
                    "id": f"layer{index}",
                    "version": "1",
                    "extends": names[(index + 1) % length],
                }
                text = _write(layer, format)
                assert text is not None
                (folder / name).write_text(text, encoding="utf-8")
            yield Case(
                kind="framework",
                mutation="cycle",
                format=format,
                read=functools.partial(frameworks.load_framework, folder / names[0]),
                known_invalid=True,
            )


_PANEL = [
    ["area", "indicator", "period", "value"],
    ["north", "cin-rate", "2024-Q1", "312.5"],
    ["north", "cin-rate", "2024-Q2", "298"],
    ["south", "cin-rate", "2024-Q1", "401.25"],
    ["south", "repeat-referrals", "FY2024-25", "0.21"],
]


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _panel_variants(rng: random.Random) -> Iterator[tuple[str, str | bytes, bool]]:
    """(mutation, CSV text, known_invalid) for the panel CSV."""
    for row in range(1, len(_PANEL)):
        for column, bad in [
            (3, "abc"),
            (3, "nan"),
            (3, "inf"),
            (3, "-1e309"),
            (3, "1" + "0" * 400),
            (3, "9" * 5000),
            (2, "2024-Q5"),
            (2, ""),
            (0, ""),
            (0, "no spaces allowed"),
            (1, "\x00"),
        ]:
            rows = copy.deepcopy(_PANEL)
            rows[row][column] = bad
            yield "bad cell", _csv_text(rows), bad not in {"nan", ""} or column != 3
    yield "missing column", _csv_text([row[:3] for row in _PANEL]), True
    yield "unknown column", _csv_text([[*row, "x"] for row in _PANEL]), True
    yield "duplicate row", _csv_text([*_PANEL, _PANEL[1]]), True
    yield "ragged row", _csv_text([*_PANEL, ["north", "x"]]), True
    yield "ragged row", _csv_text([*_PANEL, [*_PANEL[1], "extra"]]), True
    text = _csv_text(_PANEL)
    yield "truncated", text[: rng.randrange(20, len(text) - 1)], False
    yield "empty", "", True
    yield "header only", text.splitlines()[0][:-3], True
    data = text.encode("utf-8")
    at = rng.randrange(len(data))
    yield "invalid UTF-8", data[:at] + b"\xff\xfe" + data[at:], True
    yield "byte-order mark", b"\xff\xfe" + text.encode("utf-16-le"), True
    yield "quote", text.replace("north", '"north', 1), True


def _csv_cases(folder: Path) -> Iterator[Case]:
    rng = random.Random("csv")
    for number, (mutation, text, known_invalid) in enumerate(_panel_variants(rng)):
        path = folder / f"panel{number}.csv"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        for how, read in [
            ("path", functools.partial(read_csv, path)),
            ("stream", lambda path=path: read_csv(io.StringIO(_decoded(path)))),
        ]:
            if how == "stream" and isinstance(text, bytes):
                continue
            yield Case(
                kind="csv-panel",
                mutation=mutation,
                format=f"csv ({how})",
                read=read,
                known_invalid=known_invalid,
                valid=lambda: False,
            )


def _decoded(path: Path) -> str:
    return path.read_text(encoding="utf-8")


_RETURN = [
    ["Agency", "Standard", "Grade"],
    ["police", "c1", "3"],
    ["police", "c2", "2"],
]
_AUDIT = [
    ["case", "auditor", "criterion", "grade", "date", "immediate_concern"],
    ["case1", "aud1", "c1", "good", "2024-05-01", "false"],
    ["case1", "aud1", "c2.a", "fully_met", "2024-05-01", "no"],
]


def _table_variants(
    table: list[list[str]], bad_cells: list[tuple[int, str]]
) -> Iterator[tuple[str, bytes, bool]]:
    """(mutation, CSV bytes, known_invalid) for a return or audit table."""
    for row in range(1, len(table)):
        for column, bad in bad_cells:
            rows = copy.deepcopy(table)
            rows[row][column] = bad
            yield "bad cell", _csv_text(rows).encode(), True
    text = _csv_text(table)
    yield "missing column", _csv_text([row[:2] for row in table]).encode(), True
    yield "duplicate row", _csv_text([*table, table[1]]).encode(), True
    yield "invalid UTF-8", text.encode()[:20] + b"\xff" + text.encode()[20:], True
    yield "byte-order mark", b"\xff\xfe" + text.encode("utf-16-le"), True
    yield "empty", b"", True
    yield "truncated", text.encode()[: len(text) // 2], False
    yield "not a table", b"\x00\x01\x02PK\x03\x04", True


def _io_cases() -> Iterator[Case]:
    """Section 11 returns and case audits in CSV (lscbqa.io), mutated."""
    from lscbqa.io import read_case_audit
    from lscbqa.model import _example

    framework = _example()
    council = ColumnMapping(
        columns={"Agency": "agency", "Standard": "criterion", "Grade": "self_level"},
        levels={"3": "good", "2": "adequate"},
    )
    readers = [
        (
            "section11-return",
            _table_variants(_RETURN, [(2, "7"), (2, "nan"), (1, "no-such"), (0, ""), (1, "\x00")]),
            functools.partial(read_section11, framework=framework, mapping=council),
        ),
        (
            "case-audit",
            _table_variants(
                _AUDIT,
                [
                    (3, "excellent"),
                    (4, "2024-13-01"),
                    (4, "yesterday"),
                    (5, "maybe"),
                    (2, "no-such"),
                    (0, ""),
                    (3, "1e309"),
                ],
            ),
            functools.partial(read_case_audit, framework=framework),
        ),
    ]
    for kind, variants, read in readers:
        for mutation, data, known_invalid in variants:
            yield Case(
                kind=kind,
                mutation=mutation,
                format="csv",
                read=functools.partial(read, io.BytesIO(data)),
                known_invalid=known_invalid,
                valid=lambda: False,
            )


def _alias_bomb(levels: int) -> str:
    lines = ["schema: lscbqa/framework/1", "id: f", "version: '1'", "title: T"]
    lines.append("l0: &l0 [" + ", ".join(["x"] * 10) + "]")
    lines.extend(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels))
    return "\n".join(lines) + "\n"


def _alias_cases() -> Iterator[Case]:
    for levels in (6, 9, 12):
        yield Case(
            kind="framework",
            mutation="YAML aliases",
            format="yaml",
            read=functools.partial(loads, _alias_bomb(levels), Framework, format="yaml"),
            known_invalid=True,
        )
    yield Case(
        kind="framework",
        mutation="YAML aliases",
        format="yaml",
        read=functools.partial(loads, "&a [*a]", Framework, format="yaml"),
        known_invalid=True,
    )


@attrs.frozen
class Summary:
    outcomes: tuple[Outcome, ...]

    def count(self, *results: str) -> int:
        return sum(outcome.result in results for outcome in self.outcomes)

    @property
    def tried(self) -> int:
        return len(self.outcomes) - self.count("valid")

    def failures(self, result: str) -> list[str]:
        return [
            f"{o.case.kind} / {o.case.mutation} / {o.case.format}: {o.detail}"
            for o in self.outcomes
            if o.result == result
        ]

    def describe(self) -> str:
        by_mutation = collections.Counter(
            o.case.mutation for o in self.outcomes if o.result != "valid"
        )
        lines = [
            f"tried {self.tried} malformed inputs "
            f"({len({o.case.kind for o in self.outcomes})} kinds; "
            f"{self.count('valid')} mutations that turned out valid left out)",
            f"clean errors {self.count('clean')}",
            f"other exceptions {self.count('other')}",
            f"hangs {self.count('hang')}",
            f"errors without paths {self.count('pathless')}",
            f"invalid input accepted {self.count('accepted')}",
            "by mutation: " + ", ".join(f"{k} {v}" for k, v in sorted(by_mutation.items())),
        ]
        return "\n".join(lines)


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    folder = tmp_path_factory.mktemp("bad-input")
    cases = [
        *_document_cases(),
        *_cycle_cases(folder),
        *_alias_cases(),
        *_csv_cases(folder),
        *_io_cases(),
    ]
    result = Summary(tuple(_run(case) for case in cases))
    print("\n" + result.describe())
    return result


class TestCorpus:
    def test_at_least_500_malformed_inputs(self, summary: Summary) -> None:
        """The corpus holds at least 500 malformed inputs."""
        assert summary.tried >= 500

    def test_every_document_kind_is_in_every_format(self, summary: Summary) -> None:
        """Every document kind is mutated in every format."""
        covered = {(o.case.kind, o.case.format) for o in summary.outcomes}
        wanted = {(kind, format) for kind in document_types() for format in FORMATS}
        assert sorted(wanted - covered) == []

    def test_no_other_exception(self, summary: Summary) -> None:
        """Every malformed input gives an LscbqaError, never another exception."""
        assert summary.count("other") == 0, "\n".join(summary.failures("other"))

    def test_no_hang(self, summary: Summary) -> None:
        """No malformed input takes more than 5 seconds."""
        assert summary.count("hang") == 0, "\n".join(summary.failures("hang"))

    def test_every_error_has_paths(self, summary: Summary) -> None:
        """Every error lists problems, each with a JSON path."""
        assert summary.count("pathless") == 0, "\n".join(summary.failures("pathless"))

    def test_no_value_from_invalid_input(self, summary: Summary) -> None:
        """No value is built from an input that is invalid."""
        assert summary.count("accepted") == 0, "\n".join(summary.failures("accepted"))

    def test_every_mutation_gives_clean_errors(self, summary: Summary) -> None:
        """Every kind of mutation produced at least one clean error."""
        clean = {o.case.mutation for o in summary.outcomes if o.result == "clean"}
        tried = {o.case.mutation for o in summary.outcomes}
        assert tried - clean == set()


class TestCycles:
    @pytest.mark.parametrize("format", FORMATS)
    def test_two_files_extending_each_other(self, tmp_path: Path, format: Format) -> None:
        """a extends b extends a: a TailoringError at $.extends naming the cycle."""
        for name, other in [("a", "b"), ("b", "a")]:
            layer = {
                "schema": "lscbqa/framework/1",
                "id": name,
                "version": "1",
                "extends": f"{other}.{format}",
            }
            (tmp_path / f"{name}.{format}").write_text(_write(layer, format) or "")
        with pytest.raises(TailoringError) as caught:
            frameworks.load_framework(tmp_path / f"a.{format}")
        assert caught.value.paths == ("$.extends",)
        assert "a cycle" in str(caught.value)

    def test_registered_frameworks_extending_each_other(self) -> None:
        """Two registered frameworks whose factories extend each other: a TailoringError."""

        def layer(name: str, base: str) -> Callable[[], Framework]:
            def build() -> Framework:
                tailoring = Tailoring(id=name, version="1", extends=base)
                return frameworks.resolve(tailoring, source=name)

            return build

        frameworks.register(name="loop-a")(layer("loop-a", "loop-b"))
        frameworks.register(name="loop-b")(layer("loop-b", "loop-a"))
        try:
            with _deadline(TIMEOUT_SECONDS), pytest.raises(TailoringError) as caught:
                frameworks.get("loop-a")
        finally:
            frameworks.unregister("loop-a")
            frameworks.unregister("loop-b")
        assert caught.value.paths == ("$.extends",)
        assert "loop-a -> loop-b -> loop-a" in str(caught.value)


class TestYamlAliases:
    def test_exponential_aliases_are_refused(self) -> None:
        """Aliases of aliases standing for 10**11 values are refused, not expanded."""
        with _deadline(TIMEOUT_SECONDS), pytest.raises(ValidationError) as caught:
            loads(_alias_bomb(11), Framework, format="yaml")
        assert caught.value.paths == ("$",)
        assert "aliases expand it" in str(caught.value)

    def test_modest_aliases_load(self) -> None:
        """A document that uses an alias once or twice still loads."""
        text = "schema: lscbqa/framework/1\nid: &i f\nversion: '1'\ntitle: *i\n"
        assert loads(text, Framework, format="yaml").title == "f"
