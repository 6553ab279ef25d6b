"""Absences: nobody is rostered while absent (ill, on leave, quarantined).

A duty is blocked when any part of it falls inside the absence. The reason for an absence
is private and never shown: only "absent".
"""

from __future__ import annotations

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule
from roster.text.i18n import Text


class Absence(Rule):
    """Nobody works while absent."""

    name = "absence"
    title = {"en": "Absences", "zh": "请假与缺勤"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {"absent": {"en": "absent", "zh": "缺勤"}}

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        if person.absent_during(post.slot.start, post.slot.end):
            return self.text("absent")
        return None
