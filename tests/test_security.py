"""Nothing in the library runs what a data file says: no eval, exec or pickle; YAML safe only.

The source is searched as syntax trees (not text), so a word in a docstring or comment is
not a finding, and an aliased import (``from pickle import loads as l``) still is.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import lscbqa
from lscbqa.exceptions import ValidationError
from lscbqa.serialize import loads

SOURCE = Path(lscbqa.__file__).parent
FILES = sorted(SOURCE.rglob("*.py"))

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "marshal", "shelve", "jsonpickle", "cloudpickle"}


def _calls(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name):
                yield node.lineno, function.id
            elif isinstance(function, ast.Attribute):
                yield node.lineno, function.attr


def _imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module.split(".")[0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SOURCE)))
class TestSource:
    def test_no_eval_exec_or_compile(self, path: Path) -> None:
        """No module calls eval, exec, compile or __import__."""
        tree = ast.parse(path.read_text("utf-8"))
        found = [(line, name) for line, name in _calls(tree) if name in FORBIDDEN_CALLS]
        # re.compile is a method call on the re module, not the builtin compile.
        found = [(line, name) for line, name in found if not _is_re_compile(tree, line)]
        assert found == []

    def test_no_pickle_or_marshal(self, path: Path) -> None:
        """No module imports pickle, marshal, shelve or their cousins."""
        tree = ast.parse(path.read_text("utf-8"))
        assert [m for _, m in _imported_modules(tree) if m in FORBIDDEN_MODULES] == []

    def test_yaml_loaded_safely_only(self, path: Path) -> None:
        """yaml.load is only ever given a SafeLoader subclass; no unsafe_load, full_load."""
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "yaml"
            ):
                continue
            assert node.func.attr not in {"unsafe_load", "full_load", "load_all", "unsafe_load_all"}
            if node.func.attr == "load":
                loader = {k.arg: k.value for k in node.keywords}.get("Loader")
                assert isinstance(loader, ast.Name), f"line {node.lineno}: yaml.load without Loader"
                assert _is_safe_loader_class(tree, loader.id), f"line {node.lineno}"

    def test_no_shell_subprocess(self, path: Path) -> None:
        """Nothing runs a shell: no os.system, and no subprocess call with shell=True."""
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                if isinstance(node.func, ast.Attribute) and node.func.attr in {"system", "popen"}:
                    raise AssertionError(f"line {node.lineno}: {node.func.attr}")
                for keyword in node.keywords:
                    if keyword.arg == "shell":
                        assert isinstance(keyword.value, ast.Constant)
                        assert keyword.value.value is False, f"line {node.lineno}: shell=True"


def _is_re_compile(tree: ast.AST, line: int) -> bool:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and node.lineno == line
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "compile"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
        ):
            return True
    return False


def _is_safe_loader_class(tree: ast.AST, name: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == name:
            return any(
                isinstance(base, ast.Attribute) and base.attr in {"SafeLoader", "CSafeLoader"}
                for base in node.bases
            )
    return name in {"SafeLoader", "CSafeLoader"}


class TestYamlAtRuntime:
    def test_python_object_tags_are_refused(self) -> None:
        """A YAML document asking to build a Python object is an error, and builds nothing."""
        text = "schema: lscbqa/agency/1\nid: !!python/object/apply:os.system ['echo pwned']\n"
        with pytest.raises(ValidationError):
            loads(text, lscbqa.Agency, format="yaml")

    def test_safe_loader_is_what_yaml_refuses_with(self) -> None:
        """PyYAML's safe loader itself refuses the tag (the library relies on it)."""
        with pytest.raises(yaml.constructor.ConstructorError):
            yaml.load("!!python/object/apply:os.system ['x']", Loader=yaml.SafeLoader)
