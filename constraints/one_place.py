"""One place at a time: nobody is on two duties whose hours overlap.

A night shift that runs past midnight overlaps the next morning's shifts, and a 24-hour duty
overlaps everything that day; the previous period's last duties count too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._labels import place_name
from roster.plan.index import Duty, PlanIndex
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class OnePlace(Rule):
    """Nobody is on two duties at the same time (overnight shifts included)."""

    name = "one_place"
    title = {"en": "One place at a time", "zh": "同一时间只在一处"}
    hard = True
    messages = {
        "overlap": {
            "en": "{staff} is on {first} and {second} at the same time",
            "zh": "{staff} 同时排了 {first} 和 {second}",
        },
        "why": {"en": "already on {place}", "zh": "已在{place}值班"},
        "duty": {"en": "{date} {shift} at {place}", "zh": "{date}{shift}（{place}）"},
    }

    def add_to(self, model: RosterModel) -> None:
        for person in model.index.people:
            slots = model.slots_of(person)
            # In an interval graph the largest cliques sit at start times.
            for t in sorted({s.start for s in slots}):
                active = [v for s, vs in slots.items() if s.start <= t < s.end for v in vs]
                model.require_at_most_one(active, self.name, Subject((person.id,), minute=t))
            for past in model.index.history:
                if past.person != person.idx:
                    continue
                for slot, vs in slots.items():
                    if slot.start < past.slot.end and past.slot.start < slot.end:
                        for v in vs:
                            subject = Subject((person.id,), detail="history")
                            model.require(v == 0, self.name, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        found = []
        for person_idx, duties in roster.timeline.items():
            person = roster.index.people[person_idx]
            for i, first in enumerate(duties):
                for second in duties[i + 1 :]:
                    if second.slot.start >= first.slot.end:
                        break
                    if second.slot.day < 0:
                        continue  # both in history: not this period's doing
                    found.append(
                        self.found(
                            text=self.text(
                                "overlap",
                                staff=person.staff.name,
                                first=self._duty(roster.index, first),
                                second=self._duty(roster.index, second),
                            ),
                            staff=(person.id,),
                            date=second.slot.date,
                            shift=second.slot.shift.id,
                            place=second.place,
                            details={"duties": (first, second)},
                        )
                    )
        return found

    def _duty(self, index: PlanIndex, duty: Duty) -> Text:
        """A duty as the leader writes it: "2月10日夜班（老邮局宿舍）"."""
        place = place_name(index, duty.place)
        return self.text("duty", date=duty.slot.date, shift=duty.slot.shift.name, place=place)
