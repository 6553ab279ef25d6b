"""Stability: a repaired roster changes as few published duties as possible.

Every duty taken away or newly given is a phone call; one in the next 24 hours after the
repair moment is more urgent and costs more. Only after critical and high coverage (design
§4, tier 3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.index import PlanIndex, Slot
from roster.model import Tier
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.build import RosterModel
    from roster.roster import Roster

DAY_MINUTES = 24 * 60


def change_weight(index: PlanIndex, slot: Slot) -> int:
    """What changing a duty on ``slot`` costs: more within 24 h of the repair moment."""
    assert index.frozen_until is not None
    soon = slot.start < index.frozen_until + DAY_MINUTES
    return index.weights.change_next_24h if soon else index.weights.change


class Stability(Rule):
    """Few changes to the published roster (reschedule only)."""

    name = "stability"
    title = {"en": "Few changes", "zh": "尽量少改动"}
    hard = False
    tier = Tier.STABILITY
    messages = {
        "removed": {
            "en": "{staff} no longer on {date} {shift} at {place}",
            "zh": "{staff} 取消 {date} {shift} {place}",
        },
        "added": {
            "en": "{staff} newly on {date} {shift} at {place}",
            "zh": "{staff} 新增 {date} {shift} {place}",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        if index.frozen_until is None:
            return
        for (person_idx, post_idx), var in model.x.items():
            post = index.posts[post_idx]
            if post.slot.start < index.frozen_until:
                continue
            was = (person_idx, post.place, post.slot.idx) in index.baseline
            changed = 1 - var if was else var
            subject = (
                f"{index.people[person_idx].id} {post.slot.date} {post.slot.shift.id} {post.place}"
            )
            model.penalize(self.name, self.tier, change_weight(index, post.slot), changed, subject)
        # A published duty that no variable can keep (its person is now absent, say) is a
        # change whatever the solver does: a constant cost, counted all the same.
        for person_idx, place, slot_idx in index.baseline:
            slot = index.slots[slot_idx]
            kept = index.post_at.get((place, slot_idx))
            if slot.start >= index.frozen_until and (
                kept is None or (person_idx, kept.idx) not in model.x
            ):
                model.penalize(
                    self.name, self.tier, change_weight(index, slot), 1, f"{person_idx} {slot_idx}"
                )

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        if index.frozen_until is None:
            return []
        start = index.frozen_until
        now = {(d.person, d.place, d.slot.idx) for d in roster.duties if d.slot.start >= start}
        was = {key for key in index.baseline if index.slots[key[2]].start >= start}
        found = []
        for key in sorted(was ^ now):
            person_idx, place, slot_idx = key
            slot, person = index.slots[slot_idx], index.people[person_idx]
            weight = change_weight(index, slot)
            found.append(
                Violation(
                    rule=self.name,
                    hard=False,
                    text=self.text(
                        "removed" if key in was else "added",
                        staff=person.staff.name,
                        date=slot.date,
                        shift=slot.shift.name,
                        place=place,
                    ),
                    amount=1,
                    cost=weight,
                    tier=self.tier,
                    staff=(person.id,),
                    date=slot.date,
                    shift=slot.shift.id,
                    place=place,
                )
            )
        return found
