"""Every file lscbqa writes is written atomically: a failed write leaves the old file.

The audit: the library writes files in these places, every one through a temporary
file beside the target and :func:`os.replace` (``_util.write_text_atomic`` for text,
``io.template._save_atomic`` for workbooks):

- :func:`lscbqa.serialize.dump` (documents);
- :func:`lscbqa.indicators.write_csv` (panels) and ``Datapack.to_csv`` (data packs);
- :func:`lscbqa.io.write_template` (blank returns, CSV and ``.xlsx``);
- ``lscbqa.report.board.BoardReport.write`` (board reports, HTML and Markdown);
- ``lscbqa.datasets._northshire.write`` (the example data files, for developers).

Charts are drawn into memory (``savefig`` into a buffer), never to a file. A test
searches the source so that a new writer cannot skip the rule unnoticed.
"""

from __future__ import annotations

import ast
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

import lscbqa
from lscbqa.agencies import Agency
from lscbqa.indicators import write_csv
from lscbqa.indicators.datapack import Datapack
from lscbqa.indicators.series import Panel
from lscbqa.io import write_template
from lscbqa.model import _example
from lscbqa.serialize import dump

SOURCE = Path(lscbqa.__file__).parent

# Where the source may open a file for writing, and why each is safe.
ALLOWED_WRITERS = {
    ("_util.py", "write_text_atomic"),  # the temporary file, then os.replace
    ("io/template.py", "_save_atomic"),  # the same for openpyxl workbooks
}


def _write_document(path: Path) -> None:
    dump(Agency(id="la", name="Council", sector="local_authority"), path)


def _write_panel(path: Path) -> None:
    write_csv(Panel(values=[[[0.1]]], areas=["a"], indicators=["x"], periods=["2024-Q2"]), path)


def _write_datapack(path: Path) -> None:
    Datapack(period="2024", titles={}, rows=()).to_csv(path)


def _write_csv_template(path: Path) -> None:
    write_template(path, _example(), agencies=["police"])


def _write_workbook_template(path: Path) -> None:
    pytest.importorskip("openpyxl")
    write_template(path, _example(), agencies=["police"])


def _write_board_report(path: Path) -> None:
    board = pytest.importorskip("lscbqa.report.board")
    report = board.BoardReport(title="T", markdown="# T\n", html="<h1>T</h1>", summary="T")
    report.write(path.parent)


Writer = Callable[[Path], None]

# (writer, the file name it writes)
WRITERS: dict[str, tuple[Writer, str]] = {
    "serialize.dump": (_write_document, "agency.json"),
    "indicators.write_csv": (_write_panel, "panel.csv"),
    "Datapack.to_csv": (_write_datapack, "datapack.csv"),
    "io.write_template (csv)": (_write_csv_template, "return.csv"),
    "io.write_template (xlsx)": (_write_workbook_template, "return.xlsx"),
    "BoardReport.write (html)": (_write_board_report, "report.html"),
    "BoardReport.write (markdown)": (_write_board_report, "report.md"),
}
PARAMS = [pytest.param(writer, name, id=label) for label, (writer, name) in WRITERS.items()]
# os.replace is the final rename; os.fsync the flush to disk (openpyxl saves without one:
# its failures are tested by test_failed_workbook_save_keeps_the_old_file).
FAILURES = [
    pytest.param(writer, name, failing, id=f"{label}-{failing}")
    for label, (writer, name) in WRITERS.items()
    for failing in ("replace", "fsync")
    if not (failing == "fsync" and name.endswith(".xlsx"))
]

OLD = b"the old file, which a failed write must leave as it was\n"


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def _old_files(folder: Path, name: str) -> Path:
    """Put the old file (and, for a report, its sibling) in place; return the target."""
    for sibling in {name, "report.html", "report.md"} if name.startswith("report.") else {name}:
        (folder / sibling).write_bytes(OLD)
    return folder / name


class TestAtomicWriters:
    @pytest.mark.parametrize(("writer", "name"), PARAMS)
    def test_writes_the_file(self, tmp_path: Path, writer: Writer, name: str) -> None:
        """Without a failure the writer replaces the old file."""
        target = _old_files(tmp_path, name)
        writer(target)
        assert target.read_bytes() != OLD

    @pytest.mark.parametrize(("writer", "name", "failing"), FAILURES)
    def test_failure_keeps_the_old_file(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        writer: Writer,
        name: str,
        failing: str,
    ) -> None:
        """When flushing or the final rename fails, the old file is intact, nothing left over."""
        target = _old_files(tmp_path, name)
        before = sorted(tmp_path.iterdir())
        monkeypatch.setattr(os, failing, _fail)
        with pytest.raises(OSError, match="No space left"):
            writer(target)
        assert target.read_bytes() == OLD
        assert sorted(tmp_path.iterdir()) == before

    def test_failed_workbook_save_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When openpyxl fails half way through saving, the old workbook is intact."""
        openpyxl = pytest.importorskip("openpyxl")
        target = _old_files(tmp_path, "return.xlsx")

        def save_half(workbook: object, filename: str) -> None:
            Path(filename).write_bytes(b"PK half a workbook")
            _fail()

        monkeypatch.setattr(openpyxl.Workbook, "save", save_half)
        with pytest.raises(OSError, match="No space left"):
            write_template(target, _example(), agencies=["police"])
        assert target.read_bytes() == OLD
        assert sorted(p.name for p in tmp_path.iterdir()) == ["return.xlsx"]


class TestPermissions:
    @pytest.mark.parametrize(("writer", "name"), PARAMS)
    def test_replaced_file_keeps_its_permissions(
        self, tmp_path: Path, writer: Writer, name: str
    ) -> None:
        """Writing over a file readable by others leaves it readable by others."""
        target = _old_files(tmp_path, name)
        target.chmod(0o644)
        writer(target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o644

    @pytest.mark.parametrize(("writer", "name"), PARAMS)
    def test_new_file_gets_the_usual_permissions(
        self, tmp_path: Path, writer: Writer, name: str
    ) -> None:
        """A new file gets the permissions open() would give it: 0666 less the umask."""
        umask = os.umask(0o022)
        os.umask(umask)
        target = tmp_path / name
        writer(target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def _writes_in(path: Path) -> list[tuple[str, int, str]]:
    """(enclosing function, line, what) for every file write the source of ``path`` makes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                what = _write_call(child)
                if what is not None:
                    found.append((function, child.lineno, what))
            visit(child, function)

    visit(tree, "<module>")
    return found


def _write_call(call: ast.Call) -> str | None:
    """What a call writes to a file, if it does: ``open(..., "w")``, ``write_text``..."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    if name in {"write_text", "write_bytes", "save", "savefig", "fdopen", "open"}:
        modes = [
            arg.value
            for arg in [*call.args[1:], *(k.value for k in call.keywords if k.arg == "mode")]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        ]
        if name in {"open", "fdopen"} and not any(set(mode) & set("wax+") for mode in modes):
            return None
        drawn_in_memory = (
            name == "savefig"
            and bool(call.args)
            and isinstance(call.args[0], ast.Name)
            and call.args[0].id == "buffer"
        )
        if drawn_in_memory:
            return None
        return name
    return None


class TestSourceAudit:
    def test_every_file_write_is_atomic(self) -> None:
        """Only the atomic helpers open files for writing; everything else goes through them."""
        writes = [
            (path.relative_to(SOURCE).as_posix(), function, line, what)
            for path in sorted(SOURCE.rglob("*.py"))
            for function, line, what in _writes_in(path)
        ]
        assert [w for w in writes if (w[0], w[1]) not in ALLOWED_WRITERS] == []

    def test_audit_sees_the_helpers(self) -> None:
        """The search finds the writes inside the atomic helpers (so it can find others)."""
        writes = {
            (path.relative_to(SOURCE).as_posix(), function)
            for path in sorted(SOURCE.rglob("*.py"))
            for function, _, _ in _writes_in(path)
        }
        assert writes == ALLOWED_WRITERS
