"""Apart: two people paired ``apart`` in ``pairs.csv`` (a couple with small children at
home) are never on duty at the same time, at any places.

Duties overlap when their hours do, across midnight too; the previous period's last duties
count, so a night that ends this morning keeps the partner off this morning's shift.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from constraints._labels import place_name
from roster.plan.index import Duty, Person, PlanIndex, Slot
from roster.plan.model import PairKind
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text

if TYPE_CHECKING:
    from roster.engine.model import BoolVar, RosterModel
    from roster.roster import Roster


class Apart(Rule):
    """Two people who must be kept apart are never on duty at overlapping times."""

    name = "apart"
    title = {"en": "Kept apart", "zh": "不同时值班"}
    hard = True
    messages = {
        "together": {
            "en": "{first} ({first_duty}) and {second} ({second_duty}) are on duty at the "
            "same time but must be kept apart",
            "zh": "{first}（{first_duty}）和{second}（{second_duty}）同时在班，但二人不能同时值班",
        },
        "duty": {"en": "{date} {shift} at {place}", "zh": "{date}{shift} {place}"},
    }

    def add_to(self, model: RosterModel) -> None:
        for a, b in apart_pairs(model.index):
            slots_a, slots_b = model.slots_of(a), model.slots_of(b)
            # Two intervals overlap iff both contain the later of their starts, so checking
            # at every start time is exact. "busy" is at least each duty active then, so a
            # person's own overlapping duties (one_place's business) are not forbidden here.
            for t in sorted({s.start for s in (*slots_a, *slots_b)}):
                busy_a = _busy(model, a, slots_a, t)
                busy_b = _busy(model, b, slots_b, t)
                if busy_a is not None and busy_b is not None:
                    when = _moment(model.index, (a, b), t)
                    model.require_at_most_one([busy_a, busy_b], self.name, when)
            for past in model.index.history:
                partner = b if past.person == a.idx else a if past.person == b.idx else None
                if partner is None:
                    continue
                when = _moment(model.index, (a, b), past.slot.start)
                for slot, vs in model.slots_of(partner).items():
                    if _overlap(slot, past.slot):
                        for var in vs:
                            model.require(var == 0, self.name, when)

    def violations(self, roster: Roster) -> list[Violation]:
        found = []
        for a, b in apart_pairs(roster.index):
            for first in roster.timeline.get(a.idx, []):
                for second in roster.timeline.get(b.idx, []):
                    if not _overlap(first.slot, second.slot):
                        continue
                    if first.slot.day < 0 and second.slot.day < 0:
                        continue  # both in history: not this period's doing
                    found.append(self._violation(roster.index, a, first, b, second))
        return found

    def _violation(
        self, index: PlanIndex, a: Person, first: Duty, b: Person, second: Duty
    ) -> Violation:
        later = max(first, second, key=lambda d: d.slot.start)
        return self.found(
            text=self.text(
                "together",
                first=a.staff.name,
                first_duty=self._label(index, first),
                second=b.staff.name,
                second_duty=self._label(index, second),
            ),
            staff=(a.id, b.id),
            date=later.slot.date,
            shift=later.slot.shift.id,
            place=later.place,
        )

    def _label(self, index: PlanIndex, duty: Duty) -> Text:
        return self.text(
            "duty",
            date=duty.slot.date,
            shift=duty.slot.shift.name,
            place=place_name(index, duty.place),
        )


def apart_pairs(index: PlanIndex) -> list[tuple[Person, Person]]:
    """The ``apart`` pairs of the plan, each once, with known people only."""
    pairs: dict[frozenset[int], tuple[Person, Person]] = {}
    for pair in index.plan.pairs:
        a, b = index.person_by_id.get(pair.a), index.person_by_id.get(pair.b)
        if pair.kind is PairKind.APART and a is not None and b is not None and a is not b:
            pairs.setdefault(frozenset((a.idx, b.idx)), (a, b))
    return list(pairs.values())


def _busy(
    model: RosterModel, person: Person, slots: dict[Slot, list[BoolVar]], t: int
) -> BoolVar | None:
    """A literal that is 1 whenever ``person`` has a duty running at minute ``t``."""
    active = [v for s, vs in slots.items() if s.start <= t < s.end for v in vs]
    return model.raised_by(active, f"busy[{person.id}@{t}]")


def _moment(index: PlanIndex, pair: tuple[Person, Person], minute: int) -> Subject:
    """The subject of a pair at a minute of the period ("s01+s02 2026-03-02 08:00")."""
    moment = dt.datetime.combine(index.plan.start, dt.time()) + dt.timedelta(minutes=minute)
    return Subject((pair[0].id, pair[1].id), date=moment.date(), time=moment.time())


def _overlap(one: Slot, other: Slot) -> bool:
    return one.start < other.end and other.start < one.end
