"""Consecutive days: nobody works more days in a row than their limit.

A day counts as worked when a duty starts on it (a night shift counts for the evening it
starts, not for the morning it ends). Days worked at the end of the previous roster count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from constraints._windows import (
    date_of,
    history_by_day,
    long_runs,
    outermost,
    require_windows,
    worked,
)
from roster.rules import Rule, Violation
from roster.text.i18n import Lang

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class ConsecutiveDays(Rule):
    """Nobody works more than their days in a row (``max_consecutive_days``)."""

    name = "consecutive_days"
    title: ClassVar[Mapping[Lang, str]] = {
        "en": "Maximum working days in a row",
        "zh": "最多连续上班天数",
    }
    hard = True
    messages: ClassVar[Mapping[str, Mapping[Lang, str]]] = {
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
            # Among any most + 1 days in a row, at most ``most`` are worked.
            works = {day: model.works_on(person, day) for day in range(index.days)}
            history = history_by_day(index, person, worked)
            windows = outermost(index.windows(most + 1))
            require_windows(model, self.name, person, windows, works, history, most)

    def violations(self, roster: Roster) -> list[Violation]:
        index, found = roster.index, []
        for person_idx in roster.timeline:
            person = index.people[person_idx]
            most = person.limits.max_consecutive_days
            if most is None:
                continue
            for (first, last), over in long_runs(roster.days_worked(person_idx), most):
                found.append(
                    Violation(
                        rule=self.name,
                        hard=True,
                        text=self.text(
                            "over",
                            staff=person.staff.name,
                            days=last - first + 1,
                            max=most,
                            first=date_of(index, first),
                            last=date_of(index, last),
                        ),
                        amount=over,
                        staff=(person.id,),
                        date=date_of(index, max(first, 0)),
                    )
                )
        return found
