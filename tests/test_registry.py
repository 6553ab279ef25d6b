"""The registry of rules: every module in ``constraints/`` is registered under its own name,
documented, and has a test file of its own that checks the model against the rule's
``violations`` (style guide §5, habits 3 and 4)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import constraints
from constraints import REGISTRY
from roster.rules import Rule

RULE_DIR = Path(constraints.__file__).parent
TEST_DIR = Path(__file__).parent / "constraints"
AGREES = "assert_model_agrees"

# Rules whose test files were written before the `rule` fixture was the rule: they bind
# themselves by a module constant RULE or make the rule inline. No new entries; take a
# name off once its file has the fixture (the test below insists).
WITHOUT_FIXTURE = frozenset(
    {
        "consecutive_days",
        "consecutive_nights",
        "min_consecutive_days",
        "min_days_off",
        "min_days_off_run",
        "min_rest",
        "shift_type_limit",
        "successions",
        "total_hours",
        "weekends",
        "weekly_hours",
        "weekly_nights",
        "weekly_shifts",
    }
)


def test_every_rule_module_is_registered() -> None:
    modules = {p.stem for p in RULE_DIR.glob("*.py") if not p.stem.startswith("_")}
    unregistered = sorted(modules - {cls.name for cls in REGISTRY})
    assert not unregistered, f"modules in constraints/ missing from REGISTRY: {unregistered}"


def test_names_are_unique() -> None:
    names = [cls.name for cls in REGISTRY]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("cls", REGISTRY, ids=lambda cls: cls.name)
def test_a_rule_is_named_after_its_module_and_documented(cls: type[Rule]) -> None:
    assert cls.__module__ == f"constraints.{cls.name}"
    assert cls.__doc__, f"{cls.__name__} has no docstring"
    assert cls.__doc__.strip(), f"{cls.__name__} has an empty docstring"


@pytest.mark.parametrize("cls", REGISTRY, ids=lambda cls: cls.name)
def test_a_rule_has_its_own_agreement_tests(cls: type[Rule]) -> None:
    path = TEST_DIR / f"test_{cls.name}.py"
    assert path.is_file(), f"{cls.name} has no tests/constraints/{path.name}"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    made = class_names(tree, cls)
    fixture = has_rule_fixture(tree, made)
    if cls.name in WITHOUT_FIXTURE:
        assert not fixture, f"{path.name} now has its `rule` fixture: take it off WITHOUT_FIXTURE"
    else:
        assert fixture, f"{path.name} needs a `rule` fixture returning {cls.__name__}()"
    bound = {"rule"} if fixture else set()
    bound |= {"RULE"} if has_rule_constant(tree, made) else set()
    assert agreement_tests(tree, made, bound), (
        f"no test in {path.name} calls {AGREES} with {cls.__name__} among its rules"
    )


def class_names(tree: ast.Module, cls: type[Rule]) -> set[str]:
    """The names under which a test file imports ``cls`` from its own module."""
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == cls.__module__
        for alias in node.names
        if alias.name == cls.__name__
    }


def has_rule_fixture(tree: ast.Module, made: set[str]) -> bool:
    """Whether the file has a ``rule`` fixture that returns a new instance of its rule."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "rule" and is_fixture(node):
            returns = [r.value for r in ast.walk(node) if isinstance(r, ast.Return)]
            return bool(returns) and all(is_new(value, made) for value in returns)
    return False


def has_rule_constant(tree: ast.Module, made: set[str]) -> bool:
    """Whether the file binds ``RULE = <its rule>()`` at module level (the form tests with
    hypothesis use, since ``@given`` does not mix with function-scoped fixtures)."""
    return any(
        isinstance(node, ast.Assign)
        and is_new(node.value, made)
        and any(isinstance(t, ast.Name) and t.id == "RULE" for t in node.targets)
        for node in tree.body
    )


def is_fixture(function: ast.FunctionDef) -> bool:
    """Whether a function is decorated with ``pytest.fixture`` (with or without arguments)."""
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ast.unparse(target) in {"pytest.fixture", "fixture"}:
            return True
    return False


def is_new(value: ast.AST | None, made: set[str]) -> bool:
    """Whether ``value`` is a call of one of the names in ``made`` (a new rule instance)."""
    return (
        isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in made
    )


def agreement_tests(tree: ast.Module, made: set[str], bound: set[str]) -> list[str]:
    """The test functions that call ``assert_model_agrees`` with the file's rule among the
    rules, directly or through helpers of the same file. The rule is there when the rules
    name a binding (``rule``, ``RULE``) or make a new instance of the rule's class."""
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    reaching = {name for name, f in functions.items() if agrees_with(f, made, bound)}
    calls = {name: called_names(f) for name, f in functions.items()}
    while grown := {n for n, c in calls.items() if n not in reaching and c & reaching}:
        reaching |= grown
    return sorted(name for name in reaching if name.startswith("test_"))


def agrees_with(function: ast.FunctionDef, made: set[str], bound: set[str]) -> bool:
    """Whether ``function`` itself calls ``assert_model_agrees`` with the rule in its rules."""
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and ast.unparse(node.func) == AGREES):
            continue
        rules = [k.value for k in node.keywords if k.arg == "rules"] + node.args[1:2]
        for part in (part for arg in rules for part in ast.walk(arg)):
            if (isinstance(part, ast.Name) and part.id in bound) or is_new(part, made):
                return True
    return False


def called_names(function: ast.FunctionDef) -> set[str]:
    """Names of the plain functions ``function`` calls."""
    return {
        node.func.id
        for node in ast.walk(function)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
