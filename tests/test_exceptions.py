"""Tests for lscbqa.exceptions: the error hierarchy, problems and their paths."""

from __future__ import annotations

import pickle

import attrs
import pytest

from lscbqa.exceptions import (
    DuplicateRegistrationWarning,
    LscbqaError,
    MissingDependencyError,
    NotFoundError,
    Problem,
    SchemaError,
    ValidationError,
)


class TestLscbqaError:
    def test_is_an_exception(self) -> None:
        """LscbqaError is an ordinary Exception subclass."""
        assert issubclass(LscbqaError, Exception)

    @pytest.mark.parametrize(
        "error",
        [ValidationError, SchemaError, MissingDependencyError, NotFoundError],
    )
    def test_every_error_derives_from_it(self, error: type[Exception]) -> None:
        """Every specific lscbqa error derives from LscbqaError."""
        assert issubclass(error, LscbqaError)


class TestProblem:
    def test_str_joins_path_and_message(self) -> None:
        """str(problem) is 'path: message'."""
        assert str(Problem("$.weight", "expected a number")) == "$.weight: expected a number"

    def test_under_prefixes_a_field_path(self) -> None:
        """under() puts a field path below the prefix."""
        assert Problem("$.weight", "m").under("$.domains[0]").path == "$.domains[0].weight"

    def test_under_prefixes_an_index_path(self) -> None:
        """under() joins an index path without a dot."""
        assert Problem("$[2].id", "m").under("$.ratings").path == "$.ratings[2].id"

    def test_under_of_the_root_is_the_prefix(self) -> None:
        """A problem at the root moved under a prefix sits at the prefix itself."""
        assert Problem("$", "m").under("$.scale").path == "$.scale"

    def test_under_keeps_the_message(self) -> None:
        """under() changes the path only, not the message."""
        assert Problem("$.a", "expected x").under("$.b").message == "expected x"

    def test_is_frozen(self) -> None:
        """A problem cannot be changed after it is made."""
        problem = Problem("$.a", "m")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            problem.path = "$.b"  # type: ignore[misc]

    def test_equal_problems_are_equal_and_hash_alike(self) -> None:
        """Problems with the same path and message are equal and hash alike."""
        assert Problem("$.a", "m") == Problem("$.a", "m")
        assert hash(Problem("$.a", "m")) == hash(Problem("$.a", "m"))


class TestValidationError:
    def test_is_a_value_error(self) -> None:
        """ValidationError can be caught as ValueError."""
        with pytest.raises(ValueError, match="expected a number"):
            raise ValidationError([Problem("$.a", "expected a number")])

    def test_problems_are_kept_in_order(self) -> None:
        """problems holds every problem given, in order, as a tuple."""
        first, second = Problem("$.b", "y"), Problem("$.a", "x")
        assert ValidationError([first, second]).problems == (first, second)

    def test_accepts_a_generator(self) -> None:
        """Problems may come from any iterable, including a generator."""
        error = ValidationError(Problem(f"$.x[{i}]", "m") for i in range(3))
        assert error.paths == ("$.x[0]", "$.x[1]", "$.x[2]")

    def test_paths_lists_every_path(self) -> None:
        """paths gives the path of every problem."""
        error = ValidationError([Problem("$.a", "x"), Problem("$.b[1]", "y")])
        assert error.paths == ("$.a", "$.b[1]")

    def test_no_problems_becomes_one_generic_problem(self) -> None:
        """An error built without problems still carries one, at the root."""
        assert ValidationError([]).problems == (Problem("$", "invalid value"),)

    def test_str_of_one_problem(self) -> None:
        """The message counts one problem and lists it indented."""
        error = ValidationError([Problem("$.a", "expected x; found y")])
        assert str(error) == "1 problem:\n  $.a: expected x; found y"

    def test_str_of_several_problems(self) -> None:
        """The message counts several problems in the plural and lists each on its own line."""
        error = ValidationError([Problem("$.a", "x"), Problem("$.b", "y")])
        assert str(error) == "2 problems:\n  $.a: x\n  $.b: y"

    def test_pickling_keeps_problems(self) -> None:
        """A pickled and unpickled error has the same type, problems and message."""
        error = ValidationError([Problem("$.a", "x"), Problem("$.b", "y")])
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is ValidationError
        assert copy.problems == error.problems
        assert str(copy) == str(error)


class TestSchemaError:
    def test_is_a_validation_error(self) -> None:
        """SchemaError is a ValidationError, so callers catching either see it."""
        assert issubclass(SchemaError, ValidationError)

    def test_is_a_value_error(self) -> None:
        """SchemaError can be caught as ValueError."""
        assert issubclass(SchemaError, ValueError)

    def test_pickling_keeps_type_and_problems(self) -> None:
        """A pickled SchemaError comes back as a SchemaError with its problems."""
        error = SchemaError([Problem("$.schema", "expected 'lscbqa/framework/1'")])
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is SchemaError
        assert copy.problems == error.problems


class TestMissingDependencyError:
    def test_is_an_import_error(self) -> None:
        """MissingDependencyError can be caught as ImportError."""
        assert issubclass(MissingDependencyError, ImportError)

    def test_message_names_the_extra_to_install(self) -> None:
        """The message names the package and the pip command for the extra."""
        error = MissingDependencyError("matplotlib", "plot")
        assert str(error) == (
            "this needs the optional package 'matplotlib': pip install \"lscbqa[plot]\""
        )

    def test_records_package_and_extra(self) -> None:
        """name is the missing module and extra the lscbqa extra."""
        error = MissingDependencyError("yaml", "yaml-extra")
        assert (error.name, error.extra) == ("yaml", "yaml-extra")

    def test_pickling_keeps_package_and_extra(self) -> None:
        """A pickled error (e.g. from a process pool) unpickles with its package and extra."""
        copy = pickle.loads(pickle.dumps(MissingDependencyError("openpyxl", "excel")))
        assert (type(copy), copy.name, copy.extra) == (MissingDependencyError, "openpyxl", "excel")
        assert 'pip install "lscbqa[excel]"' in str(copy)


class TestNotFoundError:
    def test_is_a_key_error(self) -> None:
        """NotFoundError can be caught as KeyError."""
        with pytest.raises(KeyError):
            raise NotFoundError("no scale named 'x'")

    def test_str_is_the_message_unquoted(self) -> None:
        """Unlike KeyError, str() gives the message without added quotes."""
        assert str(NotFoundError("no scale named 'x'")) == "no scale named 'x'"

    def test_str_without_arguments_is_empty(self) -> None:
        """An error made without a message prints as the empty string."""
        assert str(NotFoundError()) == ""

    def test_pickling_keeps_message(self) -> None:
        """A pickled NotFoundError keeps its type and message."""
        copy = pickle.loads(pickle.dumps(NotFoundError("no evidence 'e1'")))
        assert (type(copy), str(copy)) == (NotFoundError, "no evidence 'e1'")


class TestDuplicateRegistrationWarning:
    def test_is_a_user_warning(self) -> None:
        """DuplicateRegistrationWarning is a UserWarning, not an error."""
        assert issubclass(DuplicateRegistrationWarning, UserWarning)
        assert not issubclass(DuplicateRegistrationWarning, LscbqaError)
