"""Forbidden successions: after a shift of type *a*, a shift of type *b* never starts on the
next day, for each pair (*a*, *b*) in the plan's ``forbidden_successions`` (no early shift
the morning after a late one, say).

Days are those the shifts start on. A duty in ``history.csv`` on the day before the period
counts as well: its forbidden successors are not given on the period's first day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import BoolVar, RosterModel
    from roster.roster import Roster


class Successions(Rule):
    """A shift never follows, on the next day, a shift it may not follow."""

    name = "successions"
    title = {"en": "Forbidden successions", "zh": "禁止的班次衔接"}
    hard = True
    messages = {
        "follows": {
            "en": "{staff} works {second} on {date} right after {first} the day before",
            "zh": "{staff} 前一天上{first}，{date}又上{second}，不允许这样衔接",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        pairs = index.plan.forbidden_successions
        if not pairs:
            return
        for person in index.people:
            duties: dict[tuple[int, str], list[BoolVar]] = defaultdict(list)
            for post, var in model.posts_of(person):
                duties[post.slot.day, post.slot.shift.id].append(var)
            before = {
                (d.slot.day, d.slot.shift.id) for d in index.history if d.person == person.idx
            }
            for first, second in pairs:
                for day in range(-1, index.days - 1):
                    nexts = duties.get((day + 1, second), [])
                    subject = Subject((person.id,), detail=f"{day} {first}>{second}")
                    if (day, first) in before:
                        for var in nexts:
                            model.require(var == 0, self.name, subject)
                        continue
                    for earlier in duties.get((day, first), []):
                        for later in nexts:
                            model.require_at_most_one([earlier, later], self.name, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        found = []
        pairs = index.plan.forbidden_successions
        for person_idx, duties in roster.timeline.items():
            person = index.people[person_idx]
            worked = {(d.slot.day, d.slot.shift.id) for d in duties}
            for first, second in pairs:
                for day, shift in sorted(worked):
                    if shift != first or day + 1 < 0 or (day + 1, second) not in worked:
                        continue
                    date = index.dates[day + 1]
                    text = self.text(
                        "follows",
                        staff=person.staff.name,
                        date=date,
                        first=_name(index.shift_by_id, first),
                        second=_name(index.shift_by_id, second),
                    )
                    found.append(
                        self.found(
                            text=text,
                            staff=(person.id,),
                            date=date,
                            shift=second,
                        )
                    )
        return found


def _name(shifts: Mapping[str, object], shift_id: str) -> str:
    shift = shifts.get(shift_id)
    return str(getattr(shift, "name", shift_id))
