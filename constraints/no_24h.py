"""No 24-hour duty: people whose limits say so never take a round-the-clock shift.

A shift whose end equals its start lasts 24 hours. Only the limit is shown, never why a
person has it.
"""

from __future__ import annotations

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule
from roster.text.i18n import Text


class No24h(Rule):
    """People with "no 24-hour duty" in their limits are never put on a 24-hour shift."""

    name = "no_24h"
    title = {"en": "No 24-hour duty", "zh": "不上24小时班"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {"no_24h": {"en": "no 24-hour duty", "zh": "不上24小时班"}}

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        if person.limits.no_24h and post.slot.full_day:
            return self.text("no_24h")
        return None
