"""Check a roster against the rules with their own plain-Python ``violations``.

This is the independent judge of every roster: the solver's output, a repaired roster and
a hand-made one all pass through here before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from roster.plan.index import Duty
from roster.plan.model import Tier
from roster.roster import Roster
from roster.rules import Rule, Violation


def check(roster: Roster, rules: Sequence[Rule]) -> list[Violation]:
    """Every violation of every rule, hard ones first, in rule order."""
    found = [v for rule in rules for v in rule.violations(roster)]
    return sorted(found, key=lambda v: not v.hard)


OVERLAP_RULE = "one_place"
"""The rule whose finding a double booking is."""


def one_finding_per_fault(violations: Sequence[Violation]) -> list[Violation]:
    """``violations`` without the hard findings that only repeat a double booking.

    A person on two duties at once is ``one_place``'s finding; the rest rule finds "no
    rest" between the very same two duties (its model forbids the pair too, so the rule
    keeps reporting it on its own). A hard finding of another rule about exactly a pair of
    duties that ``one_place`` reports is dropped; findings about other pairs (a short rest
    before the next morning) stay. The pair is read from the typed ``details["duties"]``
    (person, slot and place of each duty), never from a message. Soft findings always stay:
    their costs add up to the solver's objective.
    """
    overlaps = {_pair(v) for v in violations if v.rule == OVERLAP_RULE}
    overlaps.discard(None)
    return [
        v for v in violations if v.rule == OVERLAP_RULE or not v.hard or _pair(v) not in overlaps
    ]


def _pair(violation: Violation) -> frozenset[Duty] | None:
    """The two duties a finding is about, when it names them."""
    duties = violation.details.get("duties")
    if isinstance(duties, tuple) and all(isinstance(d, Duty) for d in duties):
        return frozenset(duties)
    return None


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
