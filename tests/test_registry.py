"""The framework registry: names, factories, decorators and entry-point plugins."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from lscbqa.criteria import Criterion, Domain
from lscbqa.exceptions import DuplicateRegistrationWarning, NotFoundError, PluginWarning
from lscbqa.frameworks import (
    ENTRY_POINT_GROUP,
    EXAMPLE,
    FrameworkDefinition,
    available,
    get,
    register,
    registry,
    unregister,
)
from lscbqa.model import Framework
from lscbqa.tailoring import Modification


def _framework(framework_id: str = "test-registry", title: str = "Registry test") -> Framework:
    return Framework(
        id=framework_id,
        version="1",
        title=title,
        domains=[Domain(id="d", title="D", children=[Criterion(id="c", title="C")])],
    )


@pytest.fixture
def cleanup() -> Iterator[list[str]]:
    """Names appended to the list are unregistered after the test, if still registered."""
    names: list[str] = []
    yield names
    for name in names:
        if name in available():
            unregister(name)


class TestAvailable:
    def test_sorted_tuple_with_the_builtins(self) -> None:
        """The names come as a sorted tuple that includes the built-in example."""
        names = available()
        assert isinstance(names, tuple)
        assert names == tuple(sorted(names))
        assert EXAMPLE in names

    def test_includes_a_new_registration(self, cleanup: list[str]) -> None:
        """A name registered in code is listed; after unregister it is not."""
        cleanup.append("test-registry")
        register(_framework())
        assert "test-registry" in available()
        unregister("test-registry")
        assert "test-registry" not in available()


class TestGet:
    def test_unknown_name_lists_what_exists(self) -> None:
        """An unknown name raises NotFoundError (a KeyError) naming the registered ones."""
        with pytest.raises(NotFoundError) as error:
            get("test-no-such-framework")
        assert isinstance(error.value, KeyError)
        assert str(error.value).startswith(
            "no framework named 'test-no-such-framework'; available: "
        )
        assert f"'{EXAMPLE}'" in str(error.value)

    def test_builds_once_and_caches(self, cleanup: list[str]) -> None:
        """A factory runs on the first get only; later gets return the same object."""
        calls: list[int] = []

        def build() -> Framework:
            calls.append(1)
            return _framework()

        cleanup.append("test-registry")
        register(name="test-registry")(build)
        assert calls == []
        first, second = get("test-registry"), get("test-registry")
        assert first is second
        assert calls == [1]

    def test_factory_returning_something_else(self, cleanup: list[str]) -> None:
        """A factory that returns no Framework raises TypeError naming the framework."""
        cleanup.append("test-registry")
        register(name="test-registry")(lambda: "not a framework")
        with pytest.raises(TypeError, match="the factory of framework 'test-registry' returned"):
            get("test-registry")


class TestRegister:
    def test_value_under_its_id(self, cleanup: list[str]) -> None:
        """A framework value is registered under its id and returned unchanged."""
        cleanup.append("test-registry")
        framework = _framework()
        assert register(framework) is framework
        assert get("test-registry") is framework

    def test_value_under_a_name(self, cleanup: list[str]) -> None:
        """``name=`` registers the value under another name."""
        cleanup.append("test-registry-alias")
        framework = _framework()
        register(framework, name="test-registry-alias")
        assert get("test-registry-alias") is framework

    def test_decorates_a_function(self, cleanup: list[str]) -> None:
        """As a decorator it registers a factory and returns the function unchanged."""

        def build() -> Framework:
            return _framework(title="Built")

        cleanup.append("test-registry")
        assert register(name="test-registry")(build) is build
        assert get("test-registry").title == "Built"

    def test_decorates_a_definition_class(self, cleanup: list[str]) -> None:
        """A FrameworkDefinition class is registered and built with its build()."""
        cleanup.extend(["test-registry", "test-registry-north"])
        register(_framework())

        @register(name="test-registry-north")
        class North(FrameworkDefinition):
            extends = "test-registry"
            id = "north"
            version = "2"
            modify = (Modification(id="c", weight=3),)

        assert isinstance(North, type)
        north = get("test-registry-north")
        assert (north.id, north.criterion("c").weight) == ("north", 3.0)

    def test_something_else_than_a_framework(self) -> None:
        """A value that is not a Framework is a TypeError."""
        with pytest.raises(TypeError, match="register\\(\\) takes a Framework"):
            register("section11")  # type: ignore[call-overload]

    def test_decorator_needs_a_name(self) -> None:
        """Used as a decorator without a name, register raises TypeError."""
        with pytest.raises(TypeError, match="needs a name"):
            register()  # type: ignore[call-overload]

    def test_twice_warns_and_the_new_one_wins(self, cleanup: list[str]) -> None:
        """Registering a name again warns; the later framework replaces the cached one."""
        cleanup.append("test-registry")
        register(_framework(title="First"))
        assert get("test-registry").title == "First"
        with pytest.warns(DuplicateRegistrationWarning, match="'test-registry' was registered"):
            register(_framework(title="Second"))
        assert get("test-registry").title == "Second"


class TestUnregister:
    def test_removes_the_framework(self, cleanup: list[str]) -> None:
        """After unregister the name is unknown to get."""
        register(_framework())
        get("test-registry")
        unregister("test-registry")
        with pytest.raises(NotFoundError):
            get("test-registry")

    def test_unknown_name(self) -> None:
        """Unregistering a name never registered raises NotFoundError."""
        with pytest.raises(NotFoundError, match="no framework registered as 'test-nothing'"):
            unregister("test-nothing")

    def test_allows_registering_again_without_warning(self, cleanup: list[str]) -> None:
        """A name freed by unregister can be registered again silently."""
        cleanup.append("test-registry")
        register(_framework())
        unregister("test-registry")
        register(_framework(title="Again"))
        assert get("test-registry").title == "Again"


@attrs.frozen
class FakeEntryPoint:
    """Stands in for importlib.metadata.EntryPoint: a name, a value and load()."""

    name: str
    value: str
    target: Any = None
    error: Exception | None = None

    def load(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.target


class _Definition(FrameworkDefinition):
    extends = "test-plugin-value"
    id = "plugin-class"
    version = "1"
    exclude = ("c",)


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[list[FakeEntryPoint]], None]]:
    """Install fake entry points and rediscover; the registry is restored afterwards."""
    factories, built = dict(registry._FACTORIES), dict(registry._BUILT)
    discovered = list(registry._DISCOVERED)
    groups: list[str] = []

    def install(entry_points: list[FakeEntryPoint]) -> None:
        def fake(*, group: str) -> list[FakeEntryPoint]:
            groups.append(group)
            return entry_points if group == ENTRY_POINT_GROUP else []

        monkeypatch.setattr(importlib.metadata, "entry_points", fake)
        registry._DISCOVERED.clear()

    yield install
    registry._FACTORIES.clear()
    registry._FACTORIES.update(factories)
    registry._BUILT.clear()
    registry._BUILT.update(built)
    registry._DISCOVERED[:] = discovered
    assert set(groups) <= {ENTRY_POINT_GROUP}


def _good_plugins() -> list[FakeEntryPoint]:
    return [
        FakeEntryPoint("test-plugin-value", "plugin.frameworks:VALUE", _framework("plugin-value")),
        FakeEntryPoint(
            "test-plugin-factory", "plugin.frameworks:build", lambda: _framework("plugin-factory")
        ),
    ]


class TestEntryPointPlugins:
    def test_a_framework_value(self, plugins: Callable[[list[FakeEntryPoint]], None]) -> None:
        """An entry point that loads a Framework registers it under the entry point's name."""
        plugins(_good_plugins())
        assert get("test-plugin-value").id == "plugin-value"

    def test_a_factory(self, plugins: Callable[[list[FakeEntryPoint]], None]) -> None:
        """An entry point that loads a function registers it as a factory."""
        plugins(_good_plugins())
        assert "test-plugin-factory" in available()
        assert get("test-plugin-factory").id == "plugin-factory"

    def test_a_definition_class(self, plugins: Callable[[list[FakeEntryPoint]], None]) -> None:
        """An entry point that loads a FrameworkDefinition class builds it with build()."""
        plugins([*_good_plugins(), FakeEntryPoint("test-plugin-class", "plugin:Def", _Definition)])
        framework = get("test-plugin-class")
        assert (framework.id, [c.id for c in framework.criteria()]) == ("plugin-class", [])

    def test_broken_plugin_warns_and_others_load(
        self, plugins: Callable[[list[FakeEntryPoint]], None]
    ) -> None:
        """A plugin whose load() fails gives a PluginWarning naming it; the others still work."""
        broken = FakeEntryPoint(
            "test-plugin-broken", "broken.module:thing", error=ImportError("no module 'broken'")
        )
        plugins([_good_plugins()[0], broken, _good_plugins()[1]])
        with pytest.warns(PluginWarning) as caught:
            names = available()
        assert [str(w.message) for w in caught] == [
            "framework plugin 'test-plugin-broken' (broken.module:thing) failed to load: "
            "ImportError: no module 'broken'"
        ]
        assert {"test-plugin-value", "test-plugin-factory"} <= set(names)
        assert "test-plugin-broken" not in names
        assert get("test-plugin-factory").id == "plugin-factory"

    def test_discovered_once(
        self, plugins: Callable[[list[FakeEntryPoint]], None], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Entry points are read on first use only, not on every lookup."""
        calls: list[int] = []
        plugins(_good_plugins())
        original = importlib.metadata.entry_points

        def counting(*, group: str) -> Any:
            calls.append(1)
            return original(group=group)

        monkeypatch.setattr(importlib.metadata, "entry_points", counting)
        available()
        available()
        get("test-plugin-value")
        assert calls == [1]

    def test_plugin_named_like_a_registered_framework(
        self, plugins: Callable[[list[FakeEntryPoint]], None]
    ) -> None:
        """A plugin that reuses a registered name warns, and replaces it."""
        plugins([FakeEntryPoint(EXAMPLE, "plugin:EXAMPLE", _framework("replacement"))])
        with pytest.warns(DuplicateRegistrationWarning, match=f"'{EXAMPLE}' was registered"):
            available()
        assert get(EXAMPLE).id == "replacement"
