"""Stability: a repaired roster changes as few published duties as possible.

A change is one person on one shift whose place differs from the published roster: taken
off, newly put on, or moved to another place. Each is a phone call; one in the 24 hours
after the repair moment is more urgent and costs more (``change_next_24h``, else
``change``). Stability comes right after critical and high coverage (design §4, tier 3), so
a repair never leaves a critical post empty to save a call, but does leave a normal one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from constraints._labels import place_list
from roster.plan.index import PlanIndex, Slot
from roster.plan.model import Tier
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import BoolVar, RosterModel
    from roster.roster import Roster

DAY_MINUTES = 24 * 60


def change_weight(index: PlanIndex, slot: Slot) -> int:
    """What changing a duty on ``slot`` costs: more within 24 h of the repair moment."""
    assert index.frozen_until is not None
    soon = slot.start < index.frozen_until + DAY_MINUTES
    return index.weights.change_next_24h if soon else index.weights.change


def published_places(index: PlanIndex) -> dict[tuple[int, int], frozenset[str]]:
    """The published places of each (person, slot) after the repair moment."""
    assert index.frozen_until is not None
    places: dict[tuple[int, int], set[str]] = defaultdict(set)
    for person_idx, place, slot_idx in index.baseline:
        if index.slots[slot_idx].start >= index.frozen_until:
            places[(person_idx, slot_idx)].add(place)
    return {key: frozenset(value) for key, value in places.items()}


class Stability(Rule):
    """Few changes to the published roster (reschedule only)."""

    name = "stability"
    title = {"en": "Few changes", "zh": "尽量少改动"}
    hard = False
    tier = Tier.STABILITY
    messages = {
        "changed": {
            "en": "{staff}, {date} {shift}: {was} → {now}",
            "zh": "{staff}，{date} {shift}：{was} → {now}",
        },
        "off": {"en": "off", "zh": "休息"},
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        if index.frozen_until is None:
            return
        was = published_places(index)
        taken: dict[tuple[int, int], list[tuple[str, BoolVar]]] = defaultdict(list)
        for (person_idx, post_idx), var in model.x.items():
            post = index.posts[post_idx]
            if post.slot.start >= index.frozen_until:
                taken[(person_idx, post.slot.idx)].append((post.place, var))
        for key in was.keys() | taken.keys():
            person_idx, slot_idx = key
            slot = index.slots[slot_idx]
            subject = Subject((index.people[person_idx].id,), date=slot.date, shift=slot.shift.id)
            weight = change_weight(index, slot)
            before, options = was.get(key, frozenset()), taken.get(key, [])
            kept = [var for place, var in options if place in before]
            if len(kept) < len(before):
                # A published duty no variable can keep (its person is now absent, say):
                # a change whatever the solver does, counted all the same.
                model.penalize(self.name, self.tier, weight, 1, subject)
                continue
            changed = model.new_bool(f"changed[{subject}]")
            for place, var in options:
                if place not in before:
                    model.implies(var, changed)
            for var in kept:
                model.at_least_one([var, changed])
            model.penalize(self.name, self.tier, weight, changed, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        if index.frozen_until is None:
            return []
        was = published_places(index)
        now: dict[tuple[int, int], set[str]] = defaultdict(set)
        for duty in roster.duties:
            if duty.slot.start >= index.frozen_until:
                now[(duty.person, duty.slot.idx)].add(duty.place)
        found = []
        off = self.text("off")
        for key in sorted(was.keys() | now.keys()):
            before, after = was.get(key, frozenset()), frozenset(now.get(key, set()))
            if before == after:
                continue
            person_idx, slot_idx = key
            slot, person = index.slots[slot_idx], index.people[person_idx]
            found.append(
                self.found(
                    text=self.text(
                        "changed",
                        staff=person.staff.name,
                        date=slot.date,
                        shift=slot.shift.name,
                        was=place_list(index, sorted(before)) if before else off,
                        now=place_list(index, sorted(after)) if after else off,
                    ),
                    amount=1,
                    cost=change_weight(index, slot),
                    tier=self.tier,
                    staff=(person.id,),
                    date=slot.date,
                    shift=slot.shift.id,
                    details={"was": tuple(sorted(before)), "now": tuple(sorted(after))},
                )
            )
        return found
