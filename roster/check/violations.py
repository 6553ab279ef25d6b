"""Check a roster against the rules with their own plain-Python ``violations``.

This is the independent judge of every roster: the solver's output, a repaired roster and
a hand-made one all pass through here before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from roster.plan.model import Tier
from roster.roster import Roster
from roster.rules import Rule, Violation


def check(roster: Roster, rules: Sequence[Rule]) -> list[Violation]:
    """Every violation of every rule, hard ones first, in rule order."""
    found = [v for rule in rules for v in rule.violations(roster)]
    return sorted(found, key=lambda v: not v.hard)


def tier_costs(violations: Sequence[Violation]) -> dict[Tier, int]:
    """The soft cost per tier, recomputed from violations (compare with the solver's)."""
    costs: dict[Tier, int] = defaultdict(int)
    for violation in violations:
        if not violation.hard and violation.tier is not None:
            costs[violation.tier] += violation.cost
    return dict(costs)


def level_costs(
    violations: Sequence[Violation], levels: Sequence[tuple[Tier, ...]]
) -> dict[tuple[Tier, ...], int]:
    """The soft cost per solving level (tiers joined by "+" add up)."""
    costs = tier_costs(violations)
    return {level: sum(costs.get(t, 0) for t in level) for level in levels}


def hard_violations(violations: Sequence[Violation]) -> list[Violation]:
    """Only the hard ones."""
    return [v for v in violations if v.hard]
