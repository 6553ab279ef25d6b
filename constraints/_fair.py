"""Who could take a duty at all, for the soft rules that spread or pair duties.

Both halves of a rule (the model's ``add_to`` and the plain-Python ``violations``) ask the
same function here, so they always agree on who counts. Nothing here touches CP-SAT.
"""

from __future__ import annotations

from functools import cache

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import RuleSet


def could_take(index: PlanIndex, person: Person, post: Post) -> bool:
    """Whether no registered rule ``forbids`` ``person`` from ever taking ``post``.

    This is "the model would have a variable for it" under the full rule registry, decided
    from the plan alone, so a roster's checker can use it without the model.
    """
    return (person.idx, post.idx) in _registry().allowed(index)


@cache
def _registry() -> RuleSet:
    from constraints import all_rules  # the registry imports this module

    return RuleSet(all_rules())
