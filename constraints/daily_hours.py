"""Hours per day: people with ``max_hours_per_day`` (a health limit) never work more than that
on one day.

A duty counts whole on the day it starts, even when it runs past midnight. A single shift
longer than the limit is never given to them at all.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from constraints._labels import duration
from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text

if TYPE_CHECKING:
    from roster.engine.model import BoolVar, RosterModel
    from roster.roster import Roster


class DailyHours(Rule):
    """Nobody works more hours on one day than their daily limit allows."""

    name = "daily_hours"
    title = {"en": "Hours per day", "zh": "每日工时上限"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {
        "too_long": {
            "en": "at most {limit} a day",
            "zh": "每天最多工作{limit}",
        },
        "over": {
            "en": "{staff} works {hours} on {date}, at most {limit} a day",
            "zh": "{staff} {date}工作{hours}，每天最多{limit}",
        },
    }

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        limit = person.limits.max_day_minutes
        if limit is not None and post.slot.minutes > limit:
            return self.text("too_long", limit=duration(limit))
        return None

    def add_to(self, model: RosterModel) -> None:
        for person in model.index.people:
            limit = person.limits.max_day_minutes
            if limit is None:
                continue
            by_day: dict[int, list[tuple[Post, BoolVar]]] = defaultdict(list)
            for post, var in model.posts_of(person):
                by_day[post.slot.day].append((post, var))
            for day, duties in sorted(by_day.items()):
                if sum(post.slot.minutes for post, _ in duties) <= limit:
                    continue  # cannot go over: no constraint needed
                minutes = sum(post.slot.minutes * var for post, var in duties)
                subject = Subject((person.id,), date=model.index.dates[day])
                model.require(minutes <= limit, self.name, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        found = []
        for person_idx, duties in roster.by_person.items():
            person = roster.index.people[person_idx]
            limit = person.limits.max_day_minutes
            if limit is None:
                continue
            minutes: dict[int, int] = defaultdict(int)
            for duty in duties:
                minutes[duty.slot.day] += duty.slot.minutes
            for day, total in sorted(minutes.items()):
                if total <= limit:
                    continue
                date = roster.index.dates[day]
                text = self.text(
                    "over",
                    staff=person.staff.name,
                    hours=duration(total),
                    date=date,
                    limit=duration(limit),
                )
                found.append(
                    self.found(
                        text=text,
                        amount=total - limit,
                        staff=(person.id,),
                        date=date,
                    )
                )
        return found
