"""Who could take a duty at all, for the soft rules that spread or pair duties.

Both halves of a rule (the model's ``add_to`` and the plain-Python ``violations``) ask the
same function here, so they always agree on who counts. Nothing here touches CP-SAT.
"""

from __future__ import annotations

from functools import cache

from roster.check.fairness import CouldTake, could_take_under
from roster.plan.index import Person, PlanIndex, Post


def could_take(index: PlanIndex, person: Person, post: Post) -> bool:
    """Whether no registered rule ``forbids`` ``person`` from ever taking ``post`` and some
    place on it is theirs to fill (``roster.check.fairness.could_take_under``).

    Decided from the plan alone under the full rule registry, so a roster's checker can use
    it without the model.
    """
    return _under_registry()(index, person, post)


@cache
def _under_registry() -> CouldTake:
    from constraints import all_rules  # the registry imports this module

    return could_take_under(all_rules())
