"""Total hours: each person's hours over the whole period lie between ``min_total_hours``
and ``max_total_hours`` (a contract's hours for the month, say), bounds included.

Every duty counts its full length on the day it starts; history is not counted. A minimum
is hard too: a person who cannot reach it (absent most of the period) makes the plan
impossible, and ``roster explain`` says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.rules import Rule, Subject, Violation
from roster.text.i18n import fmt_hours

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class TotalHours(Rule):
    """Each person's total hours over the period stay within their minimum and maximum."""

    name = "total_hours"
    title = {"en": "Total hours in the period", "zh": "周期总工时"}
    hard = True
    messages = {
        "over": {
            "en": "{staff} works {hours} hours in the period, at most {limit} allowed",
            "zh": "{staff} 本周期工作{hours}小时，最多{limit}小时",
        },
        "under": {
            "en": "{staff} works {hours} hours in the period, at least {limit} required",
            "zh": "{staff} 本周期工作{hours}小时，至少应工作{limit}小时",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        for person in model.index.people:
            low, high = person.limits.min_total_minutes, person.limits.max_total_minutes
            if low is None and high is None:
                continue
            duties = model.posts_of(person)
            minutes = sum(post.slot.minutes * var for post, var in duties)
            most = sum(post.slot.minutes for post, _ in duties)
            if high is not None and most > high:
                model.require(minutes <= high, self.name, Subject((person.id,), bound="max"))
            if low is not None and low > 0:
                model.require(minutes >= low, self.name, Subject((person.id,), bound="min"))

    def violations(self, roster: Roster) -> list[Violation]:
        found = []
        for person in roster.index.people:
            low, high = person.limits.min_total_minutes, person.limits.max_total_minutes
            if low is None and high is None:
                continue
            total = sum(d.slot.minutes for d in roster.by_person.get(person.idx, []))
            if high is not None and total > high:
                found.append(self._violation("over", person.staff.name, person.id, total, high))
            if low is not None and total < low:
                found.append(self._violation("under", person.staff.name, person.id, total, low))
        return found

    def _violation(self, key: str, name: str, staff_id: str, total: int, limit: int) -> Violation:
        text = self.text(key, staff=name, hours=fmt_hours(total), limit=fmt_hours(limit))
        return Violation(
            rule=self.name, hard=True, text=text, amount=abs(total - limit), staff=(staff_id,)
        )
