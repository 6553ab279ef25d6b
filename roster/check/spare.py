"""Spare capacity: who could take one more duty on a day without breaking a hard rule.

A city's command asks which units have people to lend (``roster batch``). A person has room
on a day when some post of that day would take them on top of the duties they already have,
with every hard rule still holding (rest, weekly hours, nights, profile limits, absences,
areas, skills, one place at a time): the rules' own code decides, through
:class:`roster.check.why.Obstacles`, never a second copy of their logic. The spare hours of
a day are, summed over people with room, the longest such duty each could take: one extra
duty per person and day, the most a leader could ask of someone lent for a day.

To keep this cheap on a city of units, at most ``TRIES`` posts of each shift that no rule
forbids outright are asked about per person (they differ only in their place, which only
a few rules look at).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from roster.check.why import Obstacles
from roster.plan.index import Person, Post
from roster.roster import Roster
from roster.rules import Rule

#: Posts of one shift asked about per person and day, among those no rule forbids outright.
TRIES = 3


def spare_minutes_by_day(roster: Roster, rules: Sequence[Rule]) -> dict[dt.date, int]:
    """For each day of the period, the minutes of extra duty its people could take.

    Args:
        roster: Any roster of the plan (a solved one in ``roster batch``).
        rules: The rules in force; only the hard ones (other than coverage) are asked.

    Returns:
        Minutes per date, every date of the period present (0 when nobody has room).
    """
    index = roster.index
    by_slot: dict[int, list[Post]] = defaultdict(list)
    for post in index.posts:
        by_slot[post.slot.idx].append(post)
    obstacles = Obstacles(roster, rules)
    spare = dict.fromkeys(index.dates, 0)
    for person in index.people:
        best: dict[dt.date, int] = {}
        for posts in by_slot.values():
            slot = posts[0].slot
            if best.get(slot.date, 0) >= slot.minutes:
                continue  # a longer duty that day already fits
            if _fits(obstacles, person, posts):
                best[slot.date] = slot.minutes
        for date, minutes in best.items():
            spare[date] = spare.get(date, 0) + minutes
    return spare


def _fits(obstacles: Obstacles, person: Person, posts: Sequence[Post]) -> bool:
    """Whether one of ``posts`` (all of one shift) would take ``person`` by their limits.
    A post's own maximum is no limit of the person's: someone lent to another unit fills a
    post there, so it is not asked."""
    asked = 0
    index = obstacles.roster.index
    for post in posts:
        if any(rule.forbids(index, person, post) is not None for rule in obstacles.hard):
            continue
        if obstacles.first(post, person).rule is None:
            return True
        asked += 1
        if asked >= TRIES:
            return False
    return False
