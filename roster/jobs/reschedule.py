"""Repair a published roster when someone falls ill: fewest changes, frozen past.

The new absences are added to the plan; the published roster becomes the plan's baseline and
every duty that started before the repair moment is frozen (rule ``frozen``). The solve then
follows the usual tiers, with "few changes" (rule ``stability``) right after critical and
high coverage. What changed is listed per person, with a message ready to send.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from roster.plan.index import PlanIndex, Slot
from roster.plan.model import Absence, Assignment, Plan
from roster.roster import Roster
from roster.text.i18n import Lang, Text, fmt_date


@dataclass(frozen=True)
class NewAbsence:
    """Someone who cannot work from ``start`` until ``end`` (None: the end of the period)."""

    staff: str
    start: dt.datetime
    end: dt.datetime | None = None


def repair_plan(
    plan: Plan, published: Sequence[Assignment], absences: Sequence[NewAbsence]
) -> Plan:
    """The plan to solve for a repair: new absences added, the published roster as baseline,
    frozen before the earliest new absence."""
    period_end = dt.datetime.combine(plan.start + dt.timedelta(days=plan.days), dt.time())
    added = tuple(
        Absence(
            staff=a.staff,
            start=_after_duty_under_way(plan, published, a.staff, a.start),
            end=a.end or period_end,
        )
        for a in absences
    )
    return plan.model_copy(
        update={
            "absences": (*plan.absences, *added),
            "baseline": tuple(published),
            "frozen_until": min(a.start for a in absences) if absences else None,
        }
    )


def _after_duty_under_way(
    plan: Plan, published: Sequence[Assignment], staff: str, moment: dt.datetime
) -> dt.datetime:
    """When the absence can start: a duty the person began before ``moment`` is frozen as
    worked, so the absence starts when that duty ends."""
    shifts = {s.id: s for s in plan.shifts}
    start = moment
    for row in published:
        shift = shifts.get(row.shift)
        if row.staff_id != staff or shift is None:
            continue
        began = dt.datetime.combine(row.date, dt.time()) + dt.timedelta(minutes=shift.start)
        ends = began + dt.timedelta(minutes=shift.minutes)
        if began < moment < ends:
            start = max(start, ends)
    return start


@dataclass(frozen=True)
class Change:
    """One person's duty on one shift that differs from the published roster."""

    staff_id: str
    staff_name: str
    slot: Slot
    was: str | None
    now: str | None

    def row(self) -> tuple[str, ...]:
        """A row of ``changes.csv``."""
        return (
            self.staff_id,
            self.staff_name,
            self.slot.date.isoformat(),
            self.slot.shift.id,
            self.now or self.was or "",
            self.was or "",
            self.now or "",
        )


CHANGES_HEADER = ("staff_id", "staff_name", "date", "shift", "place", "was", "now")

MOVED = Text({"en": "{date} {shift}: {was} → {now}", "zh": "{date}{shift} 由 {was} 改为 {now}"})
DROPPED = Text({"en": "{date} {shift} at {was}: cancelled", "zh": "{date}{shift} {was} 取消"})
ADDED = Text({"en": "{date} {shift}: new duty at {now}", "zh": "{date}{shift} 新增 {now}"})


def changes(roster: Roster) -> list[Change]:
    """Each (person, shift) whose place differs from the baseline, in time order."""
    index = roster.index
    was: dict[tuple[int, int], str] = {(p, s): place for p, place, s in index.baseline}
    now: dict[tuple[int, int], str] = {(d.person, d.slot.idx): d.place for d in roster.duties}
    found = []
    for person_idx, slot_idx in sorted(
        was.keys() | now.keys(), key=lambda k: (index.slots[k[1]].start, k[0])
    ):
        before, after = was.get((person_idx, slot_idx)), now.get((person_idx, slot_idx))
        if before != after:
            person = index.people[person_idx]
            found.append(Change(person.id, person.staff.name, index.slots[slot_idx], before, after))
    return found


def messages(index: PlanIndex, found: Sequence[Change], lang: Lang) -> list[str]:
    """One message per changed person, ready to paste into the chat group:
    "张三：2月12日夜班 由 B小区 改为 A小区"."""
    by_person: dict[str, list[Change]] = defaultdict(list)
    for change in found:
        by_person[change.staff_name].append(change)
    lines = []
    separator = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    for name, items in by_person.items():
        parts = [_describe(index, c, lang) for c in items]
        lines.append(f"{name}{colon}{separator.join(parts)}")
    return lines


def _describe(index: PlanIndex, change: Change, lang: Lang) -> str:
    def place(place_id: str | None) -> str:
        compound = index.compound_by_id.get(place_id or "")
        return compound.name if compound else (place_id or "")

    text = MOVED if change.was and change.now else DROPPED if change.was else ADDED
    return text.templates[lang].format(
        date=fmt_date(change.slot.date, lang),
        shift=change.slot.shift.name,
        was=place(change.was),
        now=place(change.now),
    )
