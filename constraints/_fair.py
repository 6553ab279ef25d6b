"""Helpers shared by the soft rules: who could take a duty at all, and pro-rated shares.

Both halves of a rule (the model's ``add_to`` and the plain-Python ``violations``) call the
same functions here, so they always agree on who counts and by how much. Nothing here
touches CP-SAT.
"""

from __future__ import annotations

from functools import cache

from roster.plan.index import Person, PlanIndex, Post
from roster.plan.model import MINUTES_PER_DAY
from roster.rules import RuleSet

#: The weekly hours assumed when neither the person, their profiles nor the plan set a cap.
DEFAULT_WEEK_MINUTES = 48 * 60


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


def present_days(index: PlanIndex, person: Person) -> int:
    """Days of the period not wholly covered by the person's absences."""
    return sum(
        1
        for day in range(index.days)
        if not _covered(person.absences, day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY)
    )


def _covered(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    reached = start
    for first, last in sorted(spans):
        if last <= reached:
            continue
        if first > reached:
            return False
        reached = last
        if reached >= end:
            return True
    return reached >= end


def share(index: PlanIndex, person: Person) -> int:
    """A person's share of the work: weekly hour cap (minutes) times days present.

    The cap is the person's ``max_hours_per_week`` (their own, a profile's or the plan's
    default, whichever applies), or 48 hours when none is set.
    """
    cap = person.limits.max_week_minutes
    if cap is None:
        cap = DEFAULT_WEEK_MINUTES
    return cap * present_days(index, person)
