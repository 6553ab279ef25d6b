"""Minimum consecutive days off: a break between two working stretches lasts at least
``min_consecutive_days_off`` days (a single day off between long stretches is not rest).

A day off is a day on which no duty starts. As in ``min_consecutive_days``, a stretch of
days off is judged only when a working day closes it on both sides inside the days we know:
a break that runs into the first or the last day of the period may go on outside it. With
``history.csv`` a break that began in the previous period and goes on into this one is
judged whole; one that lies wholly in the previous period is never judged.
"""

from __future__ import annotations

from constraints.min_consecutive_days import MinRun
from roster.plan.index import Person


class MinDaysOffRun(MinRun):
    """Breaks between working days with a working day on both sides last at least the
    minimum number of days."""

    name = "min_days_off_run"
    title = {
        "en": "Minimum consecutive days off",
        "zh": "最少连续休息天数",
    }
    working = False
    messages = {
        "short": {
            "en": "{staff} has only {days} days off in a row ({first} to {last}), "
            "at least {limit} wanted",
            "zh": "{staff} 仅连续休息{days}天（{first}至{last}），至少应连续休息{limit}天",
        },
    }

    def limit(self, person: Person) -> int | None:
        return person.limits.min_consecutive_days_off
