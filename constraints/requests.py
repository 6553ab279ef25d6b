"""Requests: people's wishes to be off, or on duty, on a day or a shift.

An *off* request for a shift is broken when the person works that shift; for a whole day
(no shift given), when they start any duty that day. An *on* request for a shift is broken
when they do not work that shift, whether they are off or on another shift; for a whole
day, when they start no duty that day. Each broken request costs the plan's ``request``
weight times the request's own weight. Requests are the lowest tier: honoured whenever
coverage and fairness allow. An *on* request nobody can grant (the person is absent, or
may not take that shift) is still listed, so the leader can tell them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.plan.index import Duty, Person, PlanIndex
from roster.plan.model import Request, RequestKind, Tier
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import BoolVar, Expr, RosterModel
    from roster.roster import Roster


def _resolve(index: PlanIndex, request: Request) -> tuple[Person, int] | None:
    """The person and day of a request, or None when it is outside the plan (validation
    reports unknown people and shifts)."""
    person = index.person_by_id.get(request.staff)
    day = (request.date - index.plan.start).days
    if person is None or not 0 <= day < index.days:
        return None
    if request.shift is not None and index.slot(request.date, request.shift) is None:
        return None
    return person, day


def _matches(request: Request, day: int, duty_day: int, duty_shift: str) -> bool:
    """Whether a duty on ``duty_day`` / ``duty_shift`` is what the request is about."""
    return duty_day == day and (request.shift is None or duty_shift == request.shift)


class Requests(Rule):
    """Wishes to be off or on duty are honoured when nothing more important is at stake."""

    name = "requests"
    title = {"en": "Requests", "zh": "个人申请"}
    hard = False
    tier = Tier.PREFERENCES
    messages = {
        "off_day": {
            "en": "{staff} asked to be off on {date} but is on duty",
            "zh": "{staff} 申请{date}休息，但被排了班",
        },
        "off_shift": {
            "en": "{staff} asked to be off the {shift} shift on {date} but is on it",
            "zh": "{staff} 申请{date}不上{shift}，但被排了该班",
        },
        "on_day": {
            "en": "{staff} asked to work on {date} but is off",
            "zh": "{staff} 申请{date}上班，但未被排班",
        },
        "on_shift": {
            "en": "{staff} asked for the {shift} shift on {date} but is not on it",
            "zh": "{staff} 申请{date}上{shift}，但未排上该班",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for request in index.plan.requests:
            weight = index.weights.request * request.weight
            resolved = _resolve(index, request)
            if not weight or resolved is None:
                continue
            person, day = resolved
            subject = Subject(
                (person.id,), date=request.date, shift=request.shift, detail=request.kind.value
            )
            chosen: list[BoolVar] = [
                var
                for post, var in model.posts_of(person)
                if _matches(request, day, post.slot.day, post.slot.shift.id)
            ]
            broken: Expr
            if request.kind is RequestKind.OFF:
                if not chosen:
                    continue  # can never be broken
                broken = model.any_of(chosen, f"request[{subject}]")  # on any of them
            else:
                broken = model.new_bool(f"request[{subject}]")  # on none of them
                model.at_least_one([*chosen, broken])
                for var in chosen:
                    model.implies(var, broken.negated())
            model.penalize(self.name, self.tier, weight, broken, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        found = []
        for request in index.plan.requests:
            weight = index.weights.request * request.weight
            resolved = _resolve(index, request)
            if not weight or resolved is None:
                continue
            person, day = resolved
            duties: list[Duty] = [
                d
                for d in roster.by_person.get(person.idx, [])
                if _matches(request, day, d.slot.day, d.slot.shift.id)
            ]
            off = request.kind is RequestKind.OFF
            if bool(duties) != off:
                continue
            key = ("off_" if off else "on_") + ("day" if request.shift is None else "shift")
            shift = index.shift_by_id[request.shift].name if request.shift else ""
            found.append(
                self.found(
                    text=self.text(key, staff=person.staff.name, date=request.date, shift=shift),
                    amount=1,
                    cost=weight,
                    tier=self.tier,
                    staff=(person.id,),
                    date=request.date,
                    shift=request.shift,
                    place=duties[0].place if duties else None,
                )
            )
        return found
