"""A roster: who is on which shift at which place, decoded from the solver or read from a
file. Rules check rosters with plain Python (``Rule.violations``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from roster.plan.index import Duty, PlanIndex, Post
from roster.plan.model import Assignment


@dataclass(frozen=True)
class Roster:
    """The duties of the period, with the plan they belong to.

    ``duties`` are the period's duties; the previous period's (``index.history``) are kept
    apart and joined in ``timeline`` so that rules see across the boundary.
    """

    index: PlanIndex
    duties: tuple[Duty, ...]

    @classmethod
    def from_assignments(cls, index: PlanIndex, rows: Iterable[Assignment]) -> Roster:
        """A roster from rows of ``roster.csv``; rows outside the period are ignored."""
        duties = []
        for row in rows:
            person = index.person_by_id[row.staff_id]
            slot = index.slot(row.date, row.shift)
            if slot is not None:
                duties.append(Duty(person.idx, slot, row.place))
        return cls(index, tuple(sorted(duties, key=_duty_order)))

    def assignments(self) -> list[Assignment]:
        """The duties as rows of ``roster.csv``."""
        people = self.index.people
        return [
            Assignment(
                date=d.slot.date, shift=d.slot.shift.id, place=d.place, staff_id=people[d.person].id
            )
            for d in sorted(self.duties, key=_duty_order)
        ]

    @cached_property
    def by_person(self) -> dict[int, list[Duty]]:
        """Each person's period duties, by start time."""
        grouped: dict[int, list[Duty]] = defaultdict(list)
        for duty in sorted(self.duties, key=lambda d: d.slot.start):
            grouped[duty.person].append(duty)
        return grouped

    @cached_property
    def timeline(self) -> dict[int, list[Duty]]:
        """Each person's history and period duties, by start time."""
        grouped: dict[int, list[Duty]] = defaultdict(list)
        for duty in sorted((*self.index.history, *self.duties), key=lambda d: d.slot.start):
            grouped[duty.person].append(duty)
        return grouped

    @cached_property
    def by_post(self) -> dict[tuple[str, int], list[Duty]]:
        """Duties grouped by (place, slot index)."""
        grouped: dict[tuple[str, int], list[Duty]] = defaultdict(list)
        for duty in self.duties:
            grouped[(duty.place, duty.slot.idx)].append(duty)
        return grouped

    def on_post(self, post: Post) -> list[Duty]:
        """Who is on a post."""
        return self.by_post.get((post.place, post.slot.idx), [])

    def days_worked(self, person: int) -> set[int]:
        """Day numbers (history days negative) on which the person starts a duty."""
        return {d.slot.day for d in self.timeline.get(person, [])}


def _duty_order(duty: Duty) -> tuple[int, str, int]:
    return (duty.slot.start, duty.place, duty.person)
