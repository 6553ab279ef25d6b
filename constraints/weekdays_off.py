"""Weekdays off: people with fixed ``days_off`` (e.g. Sundays with the family) start no duty
on those weekdays.

A duty belongs to the day it starts: a Saturday night shift that ends on Sunday morning is
a Saturday duty. Only the days are shown, never why.
"""

from __future__ import annotations

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule
from roster.text.i18n import Lang, Text

WEEKDAY_NAMES: dict[Lang, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}


class WeekdaysOff(Rule):
    """People with fixed weekdays off get no duty starting on those days."""

    name = "weekdays_off"
    title = {"en": "Fixed weekdays off", "zh": "固定休息日"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {
        "weekday_off": {"en": "off on {weekday}s", "zh": "{weekday}休息"},
    }

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        weekday = post.slot.date.weekday()
        if weekday in person.limits.days_off:
            name = Text({"en": WEEKDAY_NAMES["en"][weekday], "zh": WEEKDAY_NAMES["zh"][weekday]})
            return self.text("weekday_off", weekday=name)
        return None
