"""The house rules of DESIGN.md that code can check: layers, cycles, public docs, fast import."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import lscbqa

SOURCE = Path(lscbqa.__file__).parent

# Layer of each top-level part of the package (DESIGN.md, "Layers and the rule between them").
LAYERS = {
    "exceptions": 0,
    "typing": 0,
    "_util": 0,
    "_lazy": 0,
    "scales": 1,
    "periods": 1,
    "model": 1,
    "criteria": 1,
    "provenance": 1,
    "tailoring": 1,
    "policy": 1,
    "mappings": 1,
    "evidence": 1,
    "assessment": 1,
    "measures": 1,
    "actions": 1,
    "agencies": 1,
    "serialize": 2,
    "io": 2,
    "frameworks": 3,
    "scoring": 3,
    "indicators": 3,
    "scrutiny": 3,
    "report": 4,
    "cli": 4,
    "_cli": 4,
    "datasets": 4,
    "testing": 4,
    "__main__": 4,
}

OPTIONAL = ("yaml", "tomli_w", "hypothesis", "pandas", "matplotlib", "jinja2", "openpyxl", "rich")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every lscbqa module a source file imports, at any depth in the file."""
    tree = ast.parse(path.read_text("utf-8"))
    _drop_type_checking_blocks(tree)
    package = (
        _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    )
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("lscbqa"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.startswith("lscbqa"):
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    found.add(
                        candidate
                        if importlib.util.find_spec(base) and _is_module(candidate)
                        else base
                    )
    return found


def _drop_type_checking_blocks(tree: ast.Module) -> None:
    """Imports only for type checkers do not run, so they make no layer or cycle."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            node.body = [  # type: ignore[attr-defined]
                statement
                for statement in body
                if not (
                    isinstance(statement, ast.If)
                    and isinstance(statement.test, ast.Name)
                    and statement.test.id == "TYPE_CHECKING"
                )
            ]


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _part(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


SOURCES = sorted(SOURCE.rglob("*.py"))


class TestLayers:
    @pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SOURCE)))
    def test_no_module_imports_a_higher_layer(self, path: Path) -> None:
        """A module imports only modules of its own layer or lower ones."""
        importer = _module_name(path)
        if importer == "lscbqa":
            return  # the package root re-exports everyday names from every layer
        layer = LAYERS[_part(importer)]
        higher = sorted(m for m in _imports(path) if _part(m) and LAYERS[_part(m)] > layer)
        assert higher == [], f"{importer} (layer {layer}) imports {higher}"

    def test_every_part_has_a_layer(self) -> None:
        """Every top-level module or subpackage is placed in a layer."""
        parts = {_part(_module_name(path)) for path in SOURCES} - {""}
        assert parts <= set(LAYERS), sorted(parts - set(LAYERS))

    def test_no_import_cycles(self) -> None:
        """No two modules import each other, directly or through others."""
        graph = nx.DiGraph()
        for path in SOURCES:
            importer = _module_name(path)
            if importer == "lscbqa":
                continue
            for imported in _imports(path):
                if imported != "lscbqa" and imported != importer:
                    graph.add_edge(importer, imported)
        assert list(nx.simple_cycles(graph)) == []


def _public_modules() -> list[str]:
    names = ["lscbqa"]
    for info in pkgutil.walk_packages(lscbqa.__path__, "lscbqa."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


def _public_objects() -> list[tuple[str, object]]:
    objects = []
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", []):
            value = getattr(module, name)
            if inspect.isclass(value) or inspect.isfunction(value):
                objects.append((f"{module_name}.{name}", value))
    return objects


class TestPublicNames:
    @pytest.mark.parametrize("module_name", _public_modules())
    def test_module_lists_its_public_names(self, module_name: str) -> None:
        """Every public module has an ``__all__`` (kept sorted by ruff) of names it defines."""
        module = importlib.import_module(module_name)
        names = list(module.__all__)
        assert len(names) == len(set(names))
        assert [name for name in names if not hasattr(module, name)] == []

    @pytest.mark.parametrize(
        ("qualified", "value"), _public_objects(), ids=lambda x: x if isinstance(x, str) else ""
    )
    def test_public_name_has_a_doctested_example(self, qualified: str, value: object) -> None:
        """Every public class and function documents itself with a runnable example."""
        doc = inspect.getdoc(value) or ""
        assert "Examples" in doc, f"{qualified} has no Examples section"
        assert ">>>" in doc, f"{qualified} has no doctest"


class TestImport:
    def test_import_loads_no_optional_extra_nor_heavy_core(self) -> None:
        """``import lscbqa`` imports no optional extra, nor numpy, networkx or cattrs."""
        code = "import sys, lscbqa; print(' '.join(sorted(sys.modules)))"
        loaded = set(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        assert not {name for name in loaded if name.split(".")[0] in OPTIONAL}
        assert "numpy" not in loaded
        assert "networkx" not in loaded
        assert "cattrs" not in loaded  # loaded on first use of a document function

    def test_document_functions_load_on_first_use(self) -> None:
        """The document functions are importable from the package root."""
        from lscbqa import dumps, loads, serialize

        assert (dumps, loads) == (serialize.dumps, serialize.loads)
