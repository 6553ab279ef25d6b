"""Weekly hours: nobody works more than their hours in any 7 days in a row.

The 7 days roll: every run of 7 consecutive days counts, not only calendar weeks, and the
previous roster's last days count too. A duty's hours count on the day it starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._windows import minutes, require_weekly, weekly_violations
from roster.rules import Rule, Violation
from roster.text.i18n import fmt_hours

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class WeeklyHours(Rule):
    """Nobody works more than their hours (``max_hours_per_week``) in any 7 days in a row."""

    name = "weekly_hours"
    title = {"en": "Maximum hours per week", "zh": "每周最多工时"}
    hard = True
    messages = {
        "over": {
            "en": "{staff}: {total} h of duty within 7 days ({first} to {last}), at most {max} h",
            "zh": "{staff}：7天内（{first}至{last}）值班{total}小时，最多{max}小时",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        for person in model.index.people:
            cap = person.limits.max_week_minutes
            if cap is not None:
                require_weekly(model, self.name, person, cap, lambda slot: slot.minutes, minutes)

    def violations(self, roster: Roster) -> list[Violation]:
        # ``amount`` is in minutes over; the message shows hours.
        return weekly_violations(self, roster, lambda lim: lim.max_week_minutes, minutes, fmt_hours)
