"""Shifts of one type: nobody works more than ``max_shifts_of_type[shift]`` shifts of that
type over the whole period (at most 4 nights a month, say; 0 means never that shift).

Counted over this period only, history aside. A limit of 0 is stated by never offering the
person that shift at all, which keeps the model small.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class ShiftTypeLimit(Rule):
    """Nobody works more shifts of one type over the period than their limit for it."""

    name = "shift_type_limit"
    title = {"en": "Shifts of one type", "zh": "单类班次上限"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {
        "never": {"en": "{staff} never works {shift}", "zh": "{staff} 不上{shift}"},
        "over": {
            "en": "{staff} works {count} {shift} shifts, at most {limit} allowed",
            "zh": "{staff} 上了{count}个{shift}，最多{limit}个",
        },
    }

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        if person.limits.max_shifts_of_type.get(post.slot.shift.id) == 0:
            return self.text("never", staff=person.staff.name, shift=post.slot.shift.name)
        return None

    def add_to(self, model: RosterModel) -> None:
        for person in model.index.people:
            for shift_id, limit in sorted(person.limits.max_shifts_of_type.items()):
                duties = [v for post, v in model.posts_of(person) if post.slot.shift.id == shift_id]
                if len(duties) > limit:  # fewer can never break it: no constraint needed
                    subject = Subject((person.id,), shift=shift_id)
                    model.require(sum(duties) <= limit, self.name, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        found = []
        for person_idx, duties in roster.by_person.items():
            person = index.people[person_idx]
            counts = Counter(d.slot.shift.id for d in duties)
            for shift_id, limit in sorted(person.limits.max_shifts_of_type.items()):
                count = counts.get(shift_id, 0)
                if count <= limit:
                    continue
                shift = index.shift_by_id.get(shift_id)
                text = self.text(
                    "over",
                    staff=person.staff.name,
                    count=count,
                    shift=shift.name if shift else shift_id,
                    limit=limit,
                )
                found.append(
                    self.found(
                        text=text,
                        amount=count - limit,
                        staff=(person.id,),
                        shift=shift_id,
                    )
                )
        return found
