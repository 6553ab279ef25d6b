"""Weekly nights: nobody works more than their number of night shifts in any 7 days in a row.

The 7 days roll: every run of 7 consecutive days counts, not only calendar weeks, and the
previous roster's last nights count too. A night shift counts on the day it starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._windows import nights, require_weekly, weekly_violations
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class WeeklyNights(Rule):
    """Nobody works more than their nights (``max_nights_per_week``) in any 7 days in a row."""

    name = "weekly_nights"
    title = {"en": "Maximum nights per week", "zh": "每周最多夜班"}
    hard = True
    messages = {
        "over": {
            "en": "{staff}: {total} night shifts within 7 days ({first} to {last}), at most {max}",
            "zh": "{staff}：7天内（{first}至{last}）上夜班{total}次，最多{max}次",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        for person in model.index.people:
            cap = person.limits.max_nights_per_week
            if cap is not None:
                require_weekly(model, self.name, person, cap, lambda slot: int(slot.night), nights)

    def violations(self, roster: Roster) -> list[Violation]:
        return weekly_violations(self, roster, lambda lim: lim.max_nights_per_week, nights)
