"""Reading the files a command names, so that every problem names its file."""

from __future__ import annotations

import contextlib
import csv
import os
import pathlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from lscbqa._cli.console import USAGE, CommandError, explain
from lscbqa.exceptions import LscbqaError, Problem, ValidationError

if TYPE_CHECKING:
    from lscbqa.model import Framework
    from lscbqa.serialize import Format


T = TypeVar("T")


@contextlib.contextmanager
def reading(path: str | os.PathLike[str]) -> Iterator[None]:
    """Turn a problem while reading ``path`` into a CommandError that names the file."""
    try:
        yield
    except (LscbqaError, OSError) as error:
        raise explain(error, where=os.fspath(path)) from error


def existing(path: str) -> pathlib.Path:
    """The path of an input file, which must exist (else a usage error)."""
    file = pathlib.Path(path)
    if not file.is_file():
        reason = "is a folder, not a file" if file.is_dir() else "no such file"
        raise CommandError(reason, status=USAGE, where=path)
    return file


def format_of(path: pathlib.Path) -> Format:
    """The document format of a file, from its suffix (else a usage error)."""
    from lscbqa.serialize import format_for

    try:
        return format_for(path)
    except ValueError:
        raise CommandError(
            "expected a .json, .toml, .yaml or .yml document", status=USAGE, where=str(path)
        ) from None


def document(path: str, cls: type[T]) -> T:
    """A document of type ``cls`` from a JSON, TOML or YAML file."""
    from lscbqa.serialize import load

    file = existing(path)
    form = format_of(file)
    with reading(file):
        return load(file, cls, format=form)


def framework(reference: str) -> Framework:
    """A framework from a file if one exists at ``reference``, else from the registry."""
    from lscbqa.frameworks import get, load_framework

    file = pathlib.Path(reference)
    if file.is_file():
        with reading(file):
            return load_framework(file)
    return get(reference)


def csv_rows(path: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a CSV file whose header holds ``columns`` (in any order, maybe more)."""
    file = existing(path)
    with reading(file), open(file, encoding="utf-8-sig", newline="") as stream:
        try:
            reader = csv.DictReader(stream)
            header = reader.fieldnames or []
            missing = [column for column in columns if column not in header]
            if missing:
                raise ValidationError(
                    [
                        Problem(
                            "$.columns",
                            f"expected the columns {', '.join(columns)}; "
                            f"missing {', '.join(missing)}",
                        )
                    ]
                )
            rows: list[dict[str, Any]] = list(reader)
        except (csv.Error, UnicodeDecodeError) as error:
            raise ValidationError([Problem("$", f"expected a CSV table; {error}")]) from None
    return [{key: (value or "").strip() for key, value in row.items() if key} for row in rows]
