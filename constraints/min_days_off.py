"""Days off: everyone has at least their days off in any 7 days in a row.

A day off is a day on which no duty starts (the morning after a night shift can be a day
off). The 7 days roll, and days of the previous roster count. A plan shorter than a week
asks for a fair share: in 5 days, 5/7 of the weekly days off, rounded down.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from constraints._windows import (
    Window,
    amounts_by_day,
    date_of,
    distinct,
    excesses,
    history_by_day,
    require_windows,
    worked,
)
from roster.plan.index import WEEK
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


def days_off_needed(per_week: int, window: Window) -> int:
    """Days off a window needs: the weekly number, pro rata (rounded down) when shorter."""
    length = window[1] - window[0] + 1
    return per_week if length >= WEEK else per_week * length // WEEK


def most_worked(per_week: int, window: Window) -> int:
    """Days a window may be worked: its length less the days off it needs."""
    return window[1] - window[0] + 1 - days_off_needed(per_week, window)


class MinDaysOff(Rule):
    """Everyone has at least their days off (``min_days_off_per_week``) in any 7 days in a
    row (a fair share of them in a plan shorter than a week)."""

    name = "min_days_off"
    title = {
        "en": "Minimum days off per week",
        "zh": "每周最少休息天数",
    }
    hard = True
    messages = {
        "short": {
            "en": "{staff}: only {off} days off in the {days} days {first} to {last}, needs {need}",
            "zh": "{staff}：{first}至{last}的{days}天里只休息{off}天，至少需要{need}天",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for person in index.people:
            per_week = person.limits.min_days_off_per_week
            if not per_week:
                continue
            # Days off are the days not worked, so this is a cap on days worked. Every window
            # counts, clipped ones too: their pro-rata need differs from the full week's.
            works = {day: model.works_on(person, day) for day in range(index.days)}
            history = history_by_day(index, person, worked)
            require_windows(
                model,
                self.name,
                person,
                index.weeks(),
                works,
                history,
                partial(most_worked, per_week),
            )

    def violations(self, roster: Roster) -> list[Violation]:
        index, found = roster.index, []
        for person_idx, duties in roster.timeline.items():
            person = index.people[person_idx]
            per_week = person.limits.min_days_off_per_week
            if not per_week:
                continue
            days = amounts_by_day(duties, worked)
            for excess in distinct(excesses(days, index.weeks(), partial(most_worked, per_week))):
                first, last = excess.window
                found.append(
                    self.found(
                        text=self.text(
                            "short",
                            staff=person.staff.name,
                            off=last - first + 1 - excess.total,
                            days=last - first + 1,
                            need=days_off_needed(per_week, excess.window),
                            first=date_of(index, first),
                            last=date_of(index, last),
                        ),
                        amount=excess.over,
                        staff=(person.id,),
                        date=date_of(index, excess.own[0]),
                    )
                )
        return found
