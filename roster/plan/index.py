"""The resolved view of a plan, built once: nothing after this re-parses the plan.

``PlanIndex`` turns the validated :class:`roster.plan.model.Plan` into plain, dense data:

* ``slots``: every concrete shift occurrence in the period, with start and end in minutes
  since the period's first midnight (a night shift on the last day ends after the period);
* ``posts``: a place on a slot that someone may be put on, with its demand rows (``needs``);
* ``people``: every staff member with their effective limits (the strictest of the plan's,
  their profiles' and their own) in minutes, and their absences as minute spans;
* ``history``: the previous period's duties, on slots with negative day numbers, so that
  rest, runs of days and weekly limits carry over the boundary.

Rules (``constraints/``) read only this view; the model builder and the checker share it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from roster.plan.limits import PersonLimits, effective_limits, person_limits
from roster.plan.model import (
    MINUTES_PER_DAY,
    PLACE_SELECTORS,
    WEEKDAYS,
    Compound,
    Limits,
    Plan,
    Priority,
    Shift,
    Staff,
    parse_weekday,
)

__all__ = ["PersonLimits", "effective_limits", "person_limits"]

WEEK = 7


# --------------------------------------------------------------------------- day specs


def parse_days(spec: str, start: dt.date, days: int) -> list[int]:
    """Day numbers (0 = the plan's start) that a ``days`` spec selects inside the period.

    ``*`` | ``weekdays`` | ``weekend`` | weekday names and ranges (``mon-fri``, ``wed;sat``,
    ``周三``) | ISO dates and date ranges (``2026-02-12``, ``2026-02-12..2026-02-14``).
    Raises ``ValueError`` with a sentence a leader can act on.
    """
    tokens = [t.strip() for t in re.split(r"[;；,，\s]+", spec.strip()) if t.strip()] or ["*"]
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    chosen: set[int] = set()
    for token in tokens:
        low = token.lower()
        if low in ("*", "all", "every", "每天"):
            chosen.update(range(days))
        elif low in ("weekdays", "工作日"):
            chosen.update(i for i, d in enumerate(dates) if d.weekday() < 5)
        elif low in ("weekend", "weekends", "周末"):
            chosen.update(i for i, d in enumerate(dates) if d.weekday() >= 5)
        elif re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}(\.\.\d{4}-\d{1,2}-\d{1,2})?", low):
            first_text, _, last_text = low.partition("..")
            try:
                first = dt.date.fromisoformat(_pad_date(first_text))
                last = dt.date.fromisoformat(_pad_date(last_text)) if last_text else first
            except ValueError:
                raise ValueError(f'"{token}" is not a date (expected YYYY-MM-DD)') from None
            if last < first:
                raise ValueError(f'"{token}": the range ends before it starts')
            chosen.update(i for i, d in enumerate(dates) if first <= d <= last)
        else:
            first_name, dash, last_name = token.partition("-")
            try:
                first_wd = parse_weekday(first_name)
                last_wd = parse_weekday(last_name) if dash else first_wd
            except ValueError:
                raise ValueError(
                    f'"{token}" is not a day (expected *, a weekday like '
                    f"{', '.join(WEEKDAYS)}, a range like mon-fri, or a date YYYY-MM-DD)"
                ) from None
            span = {(first_wd + k) % WEEK for k in range((last_wd - first_wd) % WEEK + 1)}
            chosen.update(i for i, d in enumerate(dates) if d.weekday() in span)
    return sorted(chosen)


def _pad_date(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


# --------------------------------------------------------------------------- resolved data


@dataclass(frozen=True)
class Slot:
    """One occurrence of a shift: the shift on a day. Times are minutes since the period's
    first midnight; ``day`` is negative for history."""

    idx: int
    day: int
    date: dt.date
    shift: Shift
    start: int
    end: int

    @property
    def minutes(self) -> int:
        """Length in minutes."""
        return self.end - self.start

    @property
    def night(self) -> bool:
        """Whether this is a night shift (as ``shifts.csv`` says)."""
        return self.shift.night

    @property
    def full_day(self) -> bool:
        """Whether this is a 24-hour duty."""
        return self.minutes >= MINUTES_PER_DAY

    @property
    def weekend(self) -> bool:
        """Whether it starts on a Saturday or Sunday."""
        return self.date.weekday() >= 5


@dataclass(frozen=True)
class Need:
    """One demand row on one post: ``min`` people (with ``skill``, if given)."""

    skill: str | None
    min: int
    priority: Priority
    demand_row: int


@dataclass(frozen=True)
class Post:
    """A place on a slot that people can be put on.

    ``max`` is the most people it takes (hard); ``needs`` are its demand rows (soft
    coverage, or hard for critical ones under ``--strict``). When every row names a skill,
    only people with one of those skills may take it (a shopping run needs shoppers).
    """

    idx: int
    place: str
    slot: Slot
    max: int
    needs: tuple[Need, ...]
    compound: Compound | None
    required_skills: frozenset[str]

    @property
    def min(self) -> int:
        """People needed in all."""
        return max((n.min for n in self.needs), default=0)

    @property
    def priority(self) -> Priority:
        """The highest priority among its needs."""
        order = list(Priority)
        return min((n.priority for n in self.needs), key=order.index, default=Priority.LOW)

    @property
    def watch(self) -> bool:
        """Whether this is a gate watch at a round-the-clock compound."""
        return self.compound is not None and self.compound.round_the_clock

    def skills_lacked(self, person: Person) -> list[str]:
        """The skills ``person`` lacks that every place here is for: a gate's morning post
        of one, which must be a duty leader, is of no use to someone who cannot lead (taking
        it leaves the leader short). Empty when some place is theirs to fill."""
        if not self.max:
            return []
        return sorted(
            {
                n.skill
                for n in self.needs
                if n.skill and n.min >= self.max and n.skill not in person.staff.skills
            }
        )


@dataclass(frozen=True)
class Person:
    """A staff member with effective limits and absences (minute spans [start, end))."""

    idx: int
    staff: Staff
    limits: PersonLimits
    absences: tuple[tuple[int, int], ...]

    @property
    def id(self) -> str:
        """The staff id."""
        return self.staff.id

    def absent_during(self, start: int, end: int) -> bool:
        """Whether an absence overlaps [start, end)."""
        return any(a < end and start < b for a, b in self.absences)


@dataclass(frozen=True)
class Duty:
    """One person on one slot at one place: the atom of a roster."""

    person: int
    slot: Slot
    place: str


class PlanIndex:
    """The resolved plan. Build it once with ``PlanIndex(plan)``; everything is read-only."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.days = plan.days
        self.dates = plan.dates
        self.shifts = list(plan.shifts)
        self.shift_by_id = {s.id: s for s in plan.shifts}
        self.compound_by_id = {c.id: c for c in plan.compounds}
        self.weights = plan.weights
        self.slots: list[Slot] = [
            self._slot(len(self.shifts) * day + k, day, shift)
            for day in range(plan.days)
            for k, shift in enumerate(self.shifts)
        ]
        self._slot_at = {(s.day, s.shift.id): s for s in self.slots}
        self.people = [self._person(i, s) for i, s in enumerate(plan.staff)]
        self.person_by_id = {p.id: p for p in self.people}
        self.posts = self._posts()
        self.post_at = {(p.place, p.slot.idx): p for p in self.posts}
        self.history = self._history()
        self.baseline = self._baseline()
        # A repair freezes what started before its moment; with a baseline but no moment
        # (nobody new is absent) nothing is frozen, yet changes still cost.
        self.frozen_until: int | None = None
        if plan.frozen_until is not None:
            self.frozen_until = self._minute(plan.frozen_until)
        elif plan.baseline:
            self.frozen_until = 0

    # -- construction ------------------------------------------------------------------

    def _slot(self, idx: int, day: int, shift: Shift) -> Slot:
        start = day * MINUTES_PER_DAY + shift.start
        return Slot(
            idx=idx,
            day=day,
            date=self.plan.start + dt.timedelta(days=day),
            shift=shift,
            start=start,
            end=start + shift.minutes,
        )

    def staff_limits(self, staff: Staff) -> Limits:
        """A staff member's limits as the plan gives them: the strictest of the plan's
        ``[rules]``, their profiles and their own columns (before minutes)."""
        profiles = [
            self.plan.profiles[name] for name in staff.profiles if name in self.plan.profiles
        ]
        return effective_limits(self.plan.rules, profiles, staff.overrides)

    def _person(self, idx: int, staff: Staff) -> Person:
        limits = self.staff_limits(staff)
        spans = tuple(
            sorted(
                (self._minute(a.start), self._minute(a.end))
                for a in self.plan.absences
                if a.staff == staff.id
            )
        )
        return Person(idx=idx, staff=staff, limits=person_limits(limits), absences=spans)

    def places_of(self, selector: str) -> list[str]:
        """Places a demand's ``place`` selects: compound ids, or the errand's own name."""
        if selector == "*":
            return [c.id for c in self.plan.compounds]
        if selector == "managed":
            return [c.id for c in self.plan.compounds if not c.unmanaged]
        if selector == "unmanaged":
            return [c.id for c in self.plan.compounds if c.unmanaged]
        by_name = {c.name: c.id for c in self.plan.compounds}
        return [by_name.get(selector, selector)]

    def _posts(self) -> list[Post]:
        rows: dict[tuple[str, int], list[tuple[int, int | None, Need]]] = defaultdict(list)
        for row, demand in enumerate(self.plan.demand):
            if demand.shift not in self.shift_by_id:
                continue  # reported by validation
            try:
                days = parse_days(demand.days, self.plan.start, self.days)
            except ValueError:
                continue  # reported by validation
            need = Need(demand.skill or None, demand.min, demand.priority, row)
            for place in self.places_of(demand.place):
                for day in days:
                    slot = self._slot_at[(day, demand.shift)]
                    rows[(place, slot.idx)].append((demand.min, demand.max, need))
        # Pinned duties need a post even where no demand row names one.
        for fixed in self.plan.fixed:
            day = (fixed.date - self.plan.start).days
            if (day, fixed.shift) in self._slot_at:
                key = (fixed.place, self._slot_at[(day, fixed.shift)].idx)
                rows.setdefault(key, [])
        posts: list[Post] = []
        for (place, slot_idx), entries in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            needs = tuple(n for _, _, n in entries)
            headcount = max((m for m, _, _ in entries), default=0)
            caps = [mx for _, mx, _ in entries if mx is not None]
            pinned = sum(
                1
                for f in self.plan.fixed
                if f.place == place and self._slot_key(f.date, f.shift) == slot_idx
            )
            cap = max(min(caps) if caps else headcount, pinned)
            skills = frozenset(n.skill for n in needs if n.skill)
            every_row_skilled = bool(needs) and all(n.skill for n in needs)
            posts.append(
                Post(
                    idx=len(posts),
                    place=place,
                    slot=self.slots[slot_idx],
                    max=cap,
                    needs=needs,
                    compound=self.compound_by_id.get(place),
                    required_skills=skills if every_row_skilled else frozenset(),
                )
            )
        return posts

    def _slot_key(self, date: dt.date, shift_id: str) -> int | None:
        slot = self._slot_at.get(((date - self.plan.start).days, shift_id))
        return None if slot is None else slot.idx

    def _history(self) -> list[Duty]:
        duties: list[Duty] = []
        for k, row in enumerate(self.plan.history):
            person = self.person_by_id.get(row.staff_id)
            shift = self.shift_by_id.get(row.shift)
            day = (row.date - self.plan.start).days
            if person is None or shift is None or day >= 0:
                continue  # reported by validation
            duties.append(Duty(person.idx, self._slot(-1 - k, day, shift), row.place))
        return sorted(duties, key=lambda d: (d.person, d.slot.start))

    def _baseline(self) -> frozenset[tuple[int, str, int]]:
        """The published roster's duties as (person, place, slot) for a reschedule."""
        duties = set()
        for row in self.plan.baseline:
            person = self.person_by_id.get(row.staff_id)
            slot = self.slot(row.date, row.shift)
            if person is not None and slot is not None:
                duties.add((person.idx, row.place, slot.idx))
        return frozenset(duties)

    def _minute(self, moment: dt.datetime) -> int:
        """Minutes since the period's first midnight."""
        origin = dt.datetime.combine(self.plan.start, dt.time())
        return int((moment - origin).total_seconds() // 60)

    # -- lookups -----------------------------------------------------------------------

    def slot(self, date: dt.date, shift_id: str) -> Slot | None:
        """The period's slot of a shift on a date, or None outside the period."""
        return self._slot_at.get(((date - self.plan.start).days, shift_id))

    def make_slot(self, date: dt.date, shift_id: str) -> Slot:
        """A slot for any date (history or a hand-made roster), numbered outside the period."""
        found = self.slot(date, shift_id)
        if found is not None:
            return found
        return self._slot(-(10**6), (date - self.plan.start).days, self.shift_by_id[shift_id])

    @cached_property
    def history_days(self) -> int:
        """How many days before the start the history file reaches back (0 without one)."""
        return max((-d.slot.day for d in self.history), default=0)

    def windows(self, length: int) -> list[tuple[int, int]]:
        """Runs of ``length`` consecutive days [first, last] that touch the period, reaching
        back into history as far as it goes; windows past the period's end are clipped and
        only kept when not inside another window."""
        back = min(self.history_days, length - 1)
        last_first = max(0, self.days - length)
        return [(a, min(a + length - 1, self.days - 1)) for a in range(-back, last_first + 1)]

    def weeks(self) -> list[tuple[int, int]]:
        """Rolling 7-day windows for the weekly limits."""
        return self.windows(WEEK)

    def posts_of_person_slot(self) -> dict[int, list[Post]]:
        """Posts grouped by slot index."""
        grouped: dict[int, list[Post]] = defaultdict(list)
        for post in self.posts:
            grouped[post.slot.idx].append(post)
        return grouped

    @cached_property
    def errands(self) -> list[str]:
        """Places that are not compounds (shopping runs, surveys, ...)."""
        return sorted({p.place for p in self.posts if p.compound is None})

    def is_selector(self, place: str) -> bool:
        """Whether ``place`` is a selector rather than one place."""
        return place in PLACE_SELECTORS
