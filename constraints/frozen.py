"""Frozen past: when a roster is repaired, duties that started before the repair moment stay
exactly as published (they were worked, or are under way), and none are added there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from constraints._labels import place_name
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class Frozen(Rule):
    """Duties before the repair moment are kept as published."""

    name = "frozen"
    title = {"en": "Frozen past", "zh": "已执行班次不变"}
    hard = True
    messages = {
        "removed": {
            "en": "{staff}'s duty {date} {shift} at {place} had started: it cannot be removed",
            "zh": "{staff} 的 {date} {shift} {place} 班次已开始，不能取消",
        },
        "added": {
            "en": "{staff} cannot be added to {date} {shift} at {place}: it had already started",
            "zh": "{date} {shift} {place} 已开始，不能再加入 {staff}",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        index = model.index
        if index.frozen_until is None:
            return
        for (person_idx, post_idx), var in model.x.items():
            post = index.posts[post_idx]
            if post.slot.start < index.frozen_until:
                was = (person_idx, post.place, post.slot.idx) in index.baseline
                model.require(var == int(was), self.name, Subject((index.people[person_idx].id,)))
        for person_idx, place, slot_idx in index.baseline:
            slot = index.slots[slot_idx]
            kept = index.post_at.get((place, slot_idx))
            if slot.start < index.frozen_until and (
                kept is None or (person_idx, kept.idx) not in model.x
            ):
                model.require(False, self.name, Subject((index.people[person_idx].id,)))

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        if index.frozen_until is None:
            return []
        now = {
            (d.person, d.place, d.slot.idx)
            for d in roster.duties
            if d.slot.start < index.frozen_until
        }
        was = {key for key in index.baseline if index.slots[key[2]].start < index.frozen_until}
        found = []
        for key in sorted(was ^ now):
            person_idx, place, slot_idx = key
            slot, person = index.slots[slot_idx], index.people[person_idx]
            kind = "removed" if key in was else "added"
            found.append(
                self.found(
                    text=self.text(
                        kind,
                        staff=person.staff.name,
                        date=slot.date,
                        shift=slot.shift.name,
                        place=place_name(index, place),
                    ),
                    staff=(person.id,),
                    date=slot.date,
                    shift=slot.shift.id,
                    place=place,
                )
            )
        return found
