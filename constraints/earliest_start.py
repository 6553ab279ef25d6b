"""Earliest start: people with an ``earliest_start`` never begin a duty earlier in the day
(taking children to school, caring for a parent in the morning).

A shift starting exactly at that time is fine. Only the time is shown, never why.
"""

from __future__ import annotations

from constraints._labels import clock
from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule
from roster.text.i18n import Text


class EarliestStart(Rule):
    """People who cannot start early get no duty starting before their hour."""

    name = "earliest_start"
    title = {"en": "Earliest start", "zh": "最早上班时间"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {
        "earliest_start": {
            "en": "starts no earlier than {time}",
            "zh": "不早于{time}上班",
        }
    }

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        earliest = person.limits.earliest_start
        if earliest is not None and post.slot.shift.start < earliest:
            return self.text("earliest_start", time=clock(earliest))
        return None
