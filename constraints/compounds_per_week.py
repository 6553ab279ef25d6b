"""Compounds per week (epidemic cohorting): a person with ``max_compounds_per_week`` guards
at most that many different compounds in any 7 days running, so that one infection reaches
few residents.

Only gate posts count; errands (shopping runs, surveys) do not. Duties of the previous
period count towards the weeks that reach back into it; a week that already had too many
compounds before this period only forbids adding more.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from constraints._labels import place_list
from constraints._windows import date_of, subject
from roster.plan.index import Duty, Person, PlanIndex
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.engine.model import BoolVar, RosterModel
    from roster.roster import Roster


class CompoundsPerWeek(Rule):
    """Nobody guards more different compounds in a week than their limit allows."""

    name = "compounds_per_week"
    title = {"en": "Compounds per week", "zh": "每周值守小区数上限"}
    hard = True
    messages = {
        "too_many": {
            "en": "{staff} guards {count} compounds from {first} to {last} ({names}); "
            "at most {limit} in a week",
            "zh": "{staff} 在{first}至{last}值守{count}个小区（{names}），每周最多{limit}个",
        }
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for person in index.people:
            limit = person.limits.max_compounds_per_week
            if limit is None:
                continue
            # Per day, each compound the person could guard, with its variables.
            could: dict[int, dict[str, list[BoolVar]]] = defaultdict(lambda: defaultdict(list))
            for post, var in model.posts_of(person):
                if post.compound is not None:
                    could[post.slot.day][post.place].append(var)
            held_on = _history_compounds(index, person.idx)
            done: set[frozenset[int]] = set()
            for first, last in index.weeks():
                days = frozenset(d for d in (*could, *held_on) if first <= d <= last)
                if days in done:
                    continue  # same duties as a week already stated
                done.add(days)
                held = {c for d in days for c in held_on.get(d, ())}
                new: dict[str, list[BoolVar]] = defaultdict(list)
                for d in days:
                    for compound, vs in could.get(d, {}).items():
                        if compound not in held:
                            new[compound].extend(vs)
                room = max(0, limit - len(held))
                if len(new) <= room:
                    continue
                week = subject(index, person, (first, last))
                guards = [  # 1 whenever the person guards the compound
                    model.raised_by(vs, f"guards[{week} {c}]") for c, vs in sorted(new.items())
                ]
                model.require(sum(g for g in guards if g is not None) <= room, self.name, week)

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        found = []
        for person_idx, duties in roster.timeline.items():
            person = index.people[person_idx]
            limit = person.limits.max_compounds_per_week
            if limit is None:
                continue
            gate = [d for d in duties if d.place in index.compound_by_id]
            seen: set[frozenset[tuple[int, str]]] = set()
            for first, last in index.weeks():
                week = [d for d in gate if first <= d.slot.day <= last]
                compounds = {d.place for d in week}
                # A week already over the limit before the period only may not get worse.
                allowed = max(limit, len({d.place for d in week if d.slot.day < 0}))
                key = frozenset((d.slot.start, d.place) for d in week)
                if len(compounds) <= allowed or key in seen:
                    continue  # a breach seen by several overlapping weeks is told once
                seen.add(key)
                found.append(self._violation(index, person, week, (first, last), limit, allowed))
        return found

    def _violation(
        self,
        index: PlanIndex,
        person: Person,
        week: list[Duty],
        window: tuple[int, int],
        limit: int,
        allowed: int,
    ) -> Violation:
        first, last = window
        compounds = sorted({d.place for d in week})
        text = self.text(
            "too_many",
            staff=person.staff.name,
            count=len(compounds),
            first=date_of(index, first),
            last=date_of(index, last),
            names=place_list(index, compounds, ", ", "、"),
            limit=limit,
        )
        return self.found(
            text=text,
            amount=len(compounds) - allowed,
            staff=(person.id,),
            date=date_of(index, max(first, 0)),
        )


def _history_compounds(index: PlanIndex, person: int) -> dict[int, set[str]]:
    """Compounds the person guarded in the previous period, by (negative) day."""
    held: dict[int, set[str]] = defaultdict(set)
    for duty in index.history:
        if duty.person == person and duty.place in index.compound_by_id:
            held[duty.slot.day].add(duty.place)
    return held
