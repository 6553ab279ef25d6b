"""Consecutive nights: nobody works more night shifts in a row than their limit.

Nights in a row are night shifts starting on consecutive days; nights at the end of the
previous roster count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._windows import (
    amounts_by_day,
    day_flags,
    history_by_day,
    long_run_violations,
    night_worked,
    require_short_runs,
)
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class ConsecutiveNights(Rule):
    """Nobody works more than their nights in a row (``max_consecutive_nights``)."""

    name = "consecutive_nights"
    title = {"en": "Maximum nights in a row", "zh": "最多连续夜班"}
    hard = True
    messages = {
        "over": {
            "en": "{staff}: {nights} night shifts in a row ({first} to {last}), at most {max}",
            "zh": "{staff}：连续上夜班{nights}天（{first}至{last}），最多{max}天",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for person in index.people:
            most = person.limits.max_consecutive_nights
            if most is None:
                continue
            nights = day_flags(model, person, lambda slot: slot.night, "night")
            history = history_by_day(index, person, night_worked)
            require_short_runs(model, self.name, person, nights, history, most)

    def violations(self, roster: Roster) -> list[Violation]:
        index, found = roster.index, []
        for person_idx, duties in roster.timeline.items():
            person = index.people[person_idx]
            most = person.limits.max_consecutive_nights
            if most is None:
                continue
            nights = [day for day, n in amounts_by_day(duties, night_worked).items() if n]
            found += long_run_violations(self, index, person, nights, most, "nights")
        return found
