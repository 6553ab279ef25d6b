"""No nights: people whose limits say so never take a night shift.

Which shifts are nights is said in ``shifts.csv``. Only the limit is shown, never why a
person has it (pregnancy, illness).
"""

from __future__ import annotations

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule
from roster.text.i18n import Text


class NoNights(Rule):
    """People with "no nights" in their limits are never put on a night shift."""

    name = "no_nights"
    title = {"en": "No night shifts", "zh": "不上夜班"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {"no_nights": {"en": "no nights", "zh": "不上夜班"}}

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        if person.limits.no_nights and post.slot.night:
            return self.text("no_nights")
        return None
