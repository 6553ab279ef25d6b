"""The rules roster knows, one module each (design §4), in an explicit order.

Adding a rule: write ``constraints/<name>.py`` with one ``Rule`` subclass whose ``name`` is
the module name, and add the class to ``REGISTRY`` below.
"""

from __future__ import annotations

from constraints.absence import Absence
from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from roster.rules import Rule

REGISTRY: tuple[type[Rule], ...] = (
    # Hard: who may be where at all.
    Absence,
    OnePlace,
    # Soft: coverage first, by priority.
    Coverage,
)


def all_rules() -> list[Rule]:
    """One instance of every registered rule, in registry order."""
    return [cls() for cls in REGISTRY]


def by_name(name: str) -> type[Rule]:
    """The rule class with this name."""
    for cls in REGISTRY:
        if cls.name == name:
            return cls
    raise KeyError(name)
