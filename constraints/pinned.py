"""Pinned duties: the assignments the leader fixed in ``fixed.csv`` are in the roster as
given.

If a pinned duty breaks another hard rule (the person is absent, has no nights, ...), the
plan cannot be rostered, and ``roster explain`` names the pin and the rule it clashes with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._labels import place_name
from roster.plan.index import Duty, PlanIndex
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class Pinned(Rule):
    """Every duty the leader pinned is in the roster."""

    name = "pinned"
    title = {"en": "Pinned duties", "zh": "指定排班"}
    hard = True
    messages = {
        "missing": {
            "en": "{staff} is pinned to {place} on {date} ({shift}) but is not rostered there",
            "zh": "{staff} 指定于{date}（{shift}）在{place}值班，但未排上",
        }
    }

    def forced(self, index: PlanIndex) -> list[Duty]:
        return pinned_duties(index)

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for duty in pinned_duties(index):
            person = index.people[duty.person]
            post = index.post_at[(duty.place, duty.slot.idx)]
            subject = Subject.post(post, person.id)
            var = model.x.get((person.idx, post.idx))
            # No variable: another rule forbids the pin, so the plan is infeasible.
            model.require(False if var is None else var == 1, self.name, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        taken = {(d.person, d.slot.idx, d.place) for d in roster.duties}
        found = []
        for duty in pinned_duties(index):
            if (duty.person, duty.slot.idx, duty.place) in taken:
                continue
            person = index.people[duty.person]
            text = self.text(
                "missing",
                staff=person.staff.name,
                place=place_name(index, duty.place),
                date=duty.slot.date,
                shift=duty.slot.shift.name,
            )
            found.append(
                self.found(
                    text=text,
                    staff=(person.id,),
                    date=duty.slot.date,
                    shift=duty.slot.shift.id,
                    place=duty.place,
                )
            )
        return found


def pinned_duties(index: PlanIndex) -> list[Duty]:
    """The pins of ``fixed.csv`` that fall in the period, once each (others are reported
    by validation)."""
    duties: dict[tuple[int, int, str], Duty] = {}
    for row in index.plan.fixed:
        person = index.person_by_id.get(row.staff_id)
        slot = index.slot(row.date, row.shift)
        if person is None or slot is None or (row.place, slot.idx) not in index.post_at:
            continue
        duties.setdefault((person.idx, slot.idx, row.place), Duty(person.idx, slot, row.place))
    return list(duties.values())
