"""Consecutive days: nobody works more days in a row than their limit.

A day counts as worked when a duty starts on it (a night shift counts for the evening it
starts, not for the morning it ends). Days worked at the end of the previous roster count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._windows import (
    history_by_day,
    long_run_violations,
    require_short_runs,
    worked,
)
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class ConsecutiveDays(Rule):
    """Nobody works more than their days in a row (``max_consecutive_days``)."""

    name = "consecutive_days"
    title = {
        "en": "Maximum working days in a row",
        "zh": "最多连续上班天数",
    }
    hard = True
    messages = {
        "over": {
            "en": "{staff}: works {days} days in a row ({first} to {last}), at most {max}",
            "zh": "{staff}：连续上班{days}天（{first}至{last}），最多{max}天",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for person in index.people:
            most = person.limits.max_consecutive_days
            if most is None:
                continue
            works = {day: model.works_on(person, day) for day in range(index.days)}
            history = history_by_day(index, person, worked)
            require_short_runs(model, self.name, person, works, history, most)

    def violations(self, roster: Roster) -> list[Violation]:
        index, found = roster.index, []
        for person_idx in roster.timeline:
            person = index.people[person_idx]
            most = person.limits.max_consecutive_days
            if most is None:
                continue
            days = roster.days_worked(person_idx)
            found += long_run_violations(self, index, person, days, most, "days")
        return found
