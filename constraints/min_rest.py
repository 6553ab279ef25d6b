"""Minimum rest: enough hours off between the end of one duty and the start of the next.

The rest is counted from when a duty really ends: the morning after a night shift, the day
after a 24-hour duty, and from the last duties of the previous roster. Duties that overlap
leave no rest at all (``roster check`` reports such a pair once, as ``one_place``'s double
booking; this rule still finds it, as its model forbids it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._labels import place_name
from roster.plan.index import Duty, Person, PlanIndex, Slot
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text, fmt_hours

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class MinRest(Rule):
    """Everyone gets at least their minimum rest (``min_rest_hours``) between two duties,
    after night shifts, after 24-hour duties and after the previous roster's last duties."""

    name = "min_rest"
    title = {
        "en": "Minimum rest between duties",
        "zh": "两班之间的最少休息",
    }
    hard = True
    messages = {
        "short": {
            "en": "{staff}: only {hours} h rest between {first} and {second}, needs {min} h",
            "zh": "{staff}：{first}与{second}之间只休息{hours}小时，至少需要{min}小时",
        },
        "none": {
            "en": "{staff}: no rest between {first} and {second}, needs {min} h",
            "zh": "{staff}：{first}与{second}之间没有休息，至少需要{min}小时",
        },
        "duty": {"en": "{date} {shift} at {place}", "zh": "{date}{shift}（{place}）"},
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        for person in index.people:
            rest = person.limits.min_rest
            if rest <= 0:
                continue  # overlaps alone are one_place's business
            slots = model.slots_of(person)
            past = [d.slot for d in index.history if d.person == person.idx]
            # Two duties clash when [start, end + rest) of one meets the other's: an interval
            # graph, whose largest cliques sit at start times. History duties all start
            # before any period duty, so one active at t clashes with every duty active at t.
            named: dict[int, Slot] = {}  # each start time named after its first shift
            for slot in sorted(slots, key=lambda s: (s.start, s.shift.id)):
                named.setdefault(slot.start, slot)
            for t, slot in named.items():
                active = [v for s, vs in slots.items() if s.start <= t < s.end + rest for v in vs]
                subject = Subject((person.id,), date=slot.date, shift=slot.shift.id)
                if any(t < p.end + rest for p in past):
                    model.require(sum(active) <= 0, self.name, subject)
                else:
                    model.require_at_most_one(active, self.name, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        found = []
        for person_idx, duties in roster.timeline.items():
            person = roster.index.people[person_idx]
            rest = person.limits.min_rest
            if rest <= 0:
                continue
            # The rest before a duty runs from the latest end of all earlier duties; a duty
            # is too close to an earlier one exactly when it is too close to that latest.
            latest: Duty | None = None
            for duty in duties:
                if (
                    latest is not None
                    and duty.slot.day >= 0
                    and duty.slot.start < latest.slot.end + rest
                ):
                    found.append(self._short(roster.index, person, latest, duty))
                if latest is None or duty.slot.end > latest.slot.end:
                    latest = duty
        return found

    def _short(self, index: PlanIndex, person: Person, first: Duty, second: Duty) -> Violation:
        rest, gap = person.limits.min_rest, max(0, second.slot.start - first.slot.end)
        text = self.text(
            "short" if gap else "none",
            staff=person.staff.name,
            hours=fmt_hours(gap),
            min=fmt_hours(rest),
            first=self._duty(index, first),
            second=self._duty(index, second),
        )
        return self.found(
            text=text,
            amount=rest - gap,
            staff=(person.id,),
            date=second.slot.date,
            shift=second.slot.shift.id,
            place=second.place,
            details={"duties": (first, second)},
        )

    def _duty(self, index: PlanIndex, duty: Duty) -> Text:
        place = place_name(index, duty.place)
        return self.text("duty", date=duty.slot.date, shift=duty.slot.shift.name, place=place)
