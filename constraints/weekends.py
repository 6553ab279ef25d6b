"""Weekends worked: nobody works more than ``max_weekends`` weekends in the period.

A weekend is the Saturday and Sunday of one calendar week; it is worked when a duty starts
on either day (a Friday night shift that ends on Saturday morning does not count). A weekend
that lies only partly in the period counts as well; with ``history.csv``, a duty on the
Saturday just before a period that starts on a Sunday makes that weekend worked. History
cannot be undone: when it alone already reaches the limit, the period may add no weekend,
and only a weekend the period adds is a violation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from constraints._labels import date_list
from roster.plan.index import PlanIndex
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import Expr, RosterModel
    from roster.roster import Roster

SATURDAY = 5


def weekends(index: PlanIndex) -> list[tuple[dt.date, list[int]]]:
    """Each weekend that touches the period: its Saturday and its day numbers (Saturday,
    Sunday; the Saturday may be the day before the period, day -1)."""
    found: dict[dt.date, list[int]] = defaultdict(list)
    for day in range(-1, index.days):
        date = index.plan.start + dt.timedelta(days=day)
        if date.weekday() >= SATURDAY:
            found[date - dt.timedelta(days=date.weekday() - SATURDAY)].append(day)
    return sorted((saturday, days) for saturday, days in found.items() if max(days) >= 0)


class Weekends(Rule):
    """Nobody works more weekends in the period than their limit allows."""

    name = "weekends"
    title = {"en": "Weekends worked", "zh": "周末上班次数"}
    hard = True
    messages = {
        "over": {
            "en": "{staff} works {count} {count|weekend|weekends} ({dates}), "
            "at most {limit} allowed",
            "zh": "{staff} 有{count}个周末上班（{dates}），最多{limit}个",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for person in index.people:
            limit = person.limits.max_weekends
            if limit is None:
                continue
            before = {d.slot.day for d in index.history if d.person == person.idx}
            used = 0  # weekends already worked in history
            added: list[Expr] = []  # 1 for each other weekend the period works
            for saturday, days in weekends(index):
                if any(day in before for day in days):
                    used += 1
                    continue
                flags = [model.works_on(person, day) for day in days if day >= 0]
                flags = [f for f in flags if not isinstance(f, int)]
                if flags:
                    added.append(model.any_of(flags, f"weekend[{person.id},{saturday}]"))
            allowed = max(0, limit - used)
            if len(added) > allowed:  # fewer can never break it: no constraint needed
                model.require(sum(added) <= allowed, self.name, Subject((person.id,)))  # type: ignore[arg-type]

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        found = []
        for person in index.people:
            limit = person.limits.max_weekends
            if limit is None:
                continue
            before = {d.slot.day for d in index.history if d.person == person.idx}
            days_worked = roster.days_worked(person.idx)
            worked = [sat for sat, days in weekends(index) if any(d in days_worked for d in days)]
            used = sum(1 for _, days in weekends(index) if any(d in before for d in days))
            if len(worked) - used > max(0, limit - used):
                text = self.text(
                    "over",
                    staff=person.staff.name,
                    count=len(worked),
                    limit=limit,
                    dates=date_list(worked),
                )
                found.append(
                    self.found(
                        text=text,
                        amount=len(worked) - max(limit, used),
                        staff=(person.id,),
                        date=worked[max(limit, used)],
                    )
                )
        return found
