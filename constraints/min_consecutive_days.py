"""Minimum consecutive working days: nobody works a stretch of days shorter than
``min_consecutive_days`` (no isolated single working days between days off, say).

A working day is a day on which a duty starts. A stretch is judged only when we can see both
of its ends: a day off before it and a day off after it, both inside the days we know. A
stretch that runs into the first or the last day of the period is not judged, because it
may go on outside the period (the rule of the public benchmarks).

With ``history.csv`` the days we know reach back into the previous period: history days
count as worked or off as the file says, and a stretch that began there and goes on into
this period is judged whole (history days included). A stretch that lies wholly in the
previous period is that roster's business and is never judged, even when this period's first
day closes it: so history alone can never make a plan impossible.

This module also holds ``MinRun``, the shared half of ``min_days_off_run`` (the same rule
for stretches of days off).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from roster.plan.index import Person, PlanIndex
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import Expr, RosterModel
    from roster.roster import Roster


class MinRun(Rule):
    """Base of the two minimum-stretch rules: stretches of days in one state (worked, or
    off) that are closed on both sides inside the known days have at least a minimum length.

    Subclasses set ``working`` (which state the stretches are of), ``limit`` and the
    ``"short"`` message (parameters: staff, days, limit, first, last).
    """

    hard = True
    working: ClassVar[bool] = True

    def limit(self, person: Person) -> int | None:
        """The person's minimum stretch length, or None for no minimum."""
        raise NotImplementedError

    # -- the model -----------------------------------------------------------------------

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        first, last = known_days(index)
        for person in index.people:
            minimum = self.limit(person)
            if minimum is None or minimum < 2:
                continue  # every stretch has at least one day
            before = history_days_worked(index, person)
            for start in range(max(first + 1, 0), last):
                # A stretch that starts on `start` goes on for `minimum` days or up to the
                # last day: forbid border, `start` in the state, border again at `ahead`.
                for ahead in range(start + 1, min(start + minimum, last + 1)):
                    days = [(start - 1, not self.working), (start, self.working)]
                    days.append((ahead, not self.working))
                    wrongs = [_wrong(model, person, before, day, state) for day, state in days]
                    self._forbid(model, wrongs, Subject((person.id,), detail=f"{start}..{ahead}"))
            # A stretch that began in history: forbid each too-short pattern (border,
            # `length` days in the state, border) that reaches the period.
            for start in range(first + 1, 0):
                for length in range(1, minimum):
                    end = start + length - 1
                    if end + 1 > last or end < 0:
                        continue
                    pattern = [(start - 1, not self.working)]
                    pattern += [(day, self.working) for day in range(start, end + 1)]
                    pattern.append((end + 1, not self.working))
                    wrongs = [_wrong(model, person, before, day, state) for day, state in pattern]
                    self._forbid(model, wrongs, Subject((person.id,), detail=f"{start}+{length}"))

    def _forbid(self, model: RosterModel, wrongs: list[Expr], subject: Subject) -> None:
        """Require that at least one day differs from the pattern (a clause)."""
        terms = []
        for term in wrongs:
            if isinstance(term, int):
                if term >= 1:
                    return  # this day already differs: the pattern cannot occur
                continue
            terms.append(term)
        model.require(sum(terms) >= 1, self.name, subject)  # type: ignore[arg-type]

    # -- the check -----------------------------------------------------------------------

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        first, last = known_days(index)
        found = []
        for person in index.people:
            minimum = self.limit(person)
            if minimum is None or minimum < 2:
                continue
            worked = roster.days_worked(person.idx)
            for start, end in closed_runs(worked, first, last, self.working):
                if end - start + 1 >= minimum or end < 0:
                    continue
                found.append(
                    self.found(
                        text=self.text(
                            "short",
                            staff=person.staff.name,
                            days=end - start + 1,
                            limit=minimum,
                            first=index.plan.start + _days(start),
                            last=index.plan.start + _days(end),
                        ),
                        amount=minimum - (end - start + 1),
                        staff=(person.id,),
                        date=index.plan.start + _days(max(start, 0)),
                    )
                )
        return found


def _wrong(model: RosterModel, person: Person, before: set[int], day: int, working: bool) -> Expr:
    """1 when ``day`` is not in the state ``working`` (worked or off), else 0; a constant for
    history days (``before`` are those worked) and days the person cannot work."""
    worked = int(day in before) if day < 0 else model.works_on(person, day)
    return 1 - worked if working else worked


def known_days(index: PlanIndex) -> tuple[int, int]:
    """The first and last day we know the duties of: history's first day (or day 0) and
    the period's last day."""
    return -index.history_days, index.days - 1


def history_days_worked(index: PlanIndex, person: Person) -> set[int]:
    """The (negative) history days on which the person started a duty."""
    return {d.slot.day for d in index.history if d.person == person.idx}


def closed_runs(worked: set[int], first: int, last: int, working: bool) -> list[tuple[int, int]]:
    """Maximal stretches [start, end] of days in state ``working`` inside [first, last] that
    have a day of the other state on both sides inside [first, last]."""
    runs = []
    start: int | None = None
    for day in range(first, last + 1):
        if (day in worked) == working:
            if start is None:
                start = day
        else:
            if start is not None and start > first:
                runs.append((start, day - 1))
            start = None
    return runs


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


class MinConsecutiveDays(MinRun):
    """Stretches of working days with a day off on both sides last at least the minimum."""

    name = "min_consecutive_days"
    title = {
        "en": "Minimum consecutive working days",
        "zh": "最少连续工作天数",
    }
    working = True
    messages = {
        "short": {
            "en": "{staff} works only {days} days in a row ({first} to {last}), "
            "at least {limit} wanted",
            "zh": "{staff} 仅连续工作{days}天（{first}至{last}），至少应连续{limit}天",
        },
    }

    def limit(self, person: Person) -> int | None:
        return person.limits.min_consecutive_days
