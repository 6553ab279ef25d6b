"""Weekly shifts: nobody takes more than their number of duties in any 7 days in a row.

The 7 days roll: every run of 7 consecutive days counts, not only calendar weeks, and the
previous roster's last days count too. A duty counts on the day it starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._windows import count, require_weekly, weekly_violations
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class WeeklyShifts(Rule):
    """Nobody takes more than their duties (``max_shifts_per_week``) in any 7 days in a row."""

    name = "weekly_shifts"
    title = {"en": "Maximum shifts per week", "zh": "每周最多班次"}
    hard = True
    messages = {
        "over": {
            "en": "{staff}: {total} duties within 7 days ({first} to {last}), at most {max}",
            "zh": "{staff}：7天内（{first}至{last}）值班{total}次，最多{max}次",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        for person in model.index.people:
            cap = person.limits.max_shifts_per_week
            if cap is not None:
                require_weekly(model, self.name, person, cap, lambda slot: 1, count)

    def violations(self, roster: Roster) -> list[Violation]:
        return weekly_violations(self, roster, lambda lim: lim.max_shifts_per_week, count)
