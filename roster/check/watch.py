"""Hour-by-hour watch at the round-the-clock compounds, and the holes in it.

Computed from a roster alone, in plain Python (never from solver internals), so that it
serves a solved roster, a repaired one and one a leader typed into Excel alike.

Three definitions a reader needs:

* **Watch window.** A round-the-clock gate must be watched for the whole period: ``days`` ×
  24 hours starting on the first day at the earliest start of any shift that has a gate post
  (08:00 when the day shift starts then). A 7-day plan from Monday therefore covers Monday
  08:00 to the next Monday 08:00; the hours before belong to the previous roster (duties in
  ``history.csv`` still count where they reach into the window), the hours after to the next.
  Each 24-hour stretch of the window is a *duty day*: the date's day shift and the night
  after it, as shifts belong to the date they start on.
* **On watch.** Someone is on watch at a compound during every minute of a duty at that
  compound (minute-exact: a 08:00–14:00 and a 14:30–20:00 shift leave a 30-minute hole).
* **Night hours.** The clock hours of the plan's night shifts (``night`` = true in
  ``shifts.csv``; a 24-hour shift marked night is ignored, as it would make every hour a
  night hour). A plan without night shifts uses 20:00–08:00.

Holes are listed most urgent first: unmanaged compounds' nights, then the rest of the
unmanaged compounds' holes, then managed compounds' nights, then the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from weakref import WeakKeyDictionary

from roster.plan.index import Person, PlanIndex
from roster.plan.model import MINUTES_PER_DAY, Compound
from roster.roster import Roster
from roster.text.i18n import fmt_hours

HOUR = 60
DEFAULT_NIGHT = ((20 * HOUR, 8 * HOUR),)
"""Night hours (clock minutes, start and end, wrapping midnight) when no shift is a night."""

HOLES_HEADER = ("compound", "start", "end", "hours", "night_hours", "unmanaged")

Span = tuple[int, int]
"""A half-open span [start, end) in minutes since the period's first midnight."""

HourState = Literal["full", "partial", "empty"]


@dataclass(frozen=True)
class Hole:
    """A maximal span with nobody on watch at a round-the-clock compound."""

    compound: Compound
    start: dt.datetime
    end: dt.datetime
    night_minutes: int

    @property
    def minutes(self) -> int:
        """Length in minutes."""
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def hours(self) -> float:
        """Length in hours (fractional for holes that are not whole hours)."""
        return self.minutes / HOUR

    @property
    def night(self) -> bool:
        """Whether any of it falls in night hours."""
        return self.night_minutes > 0

    @property
    def unmanaged_night(self) -> bool:
        """A night hole at an unmanaged compound: the worst kind, listed first."""
        return self.compound.unmanaged and self.night

    def row(self) -> tuple[object, ...]:
        """A row for a CSV of holes (``HOLES_HEADER``)."""
        return span_row(self.compound, self.start, self.end, self.night_minutes)


@dataclass(frozen=True)
class WatchHour:
    """One hour at one gate: who is there and for how many of its minutes."""

    start: dt.datetime
    people: tuple[Person, ...]
    covered: int
    night: bool

    @property
    def state(self) -> HourState:
        """``full`` (watched every minute), ``partial`` or ``empty`` (nobody at all)."""
        if self.covered >= HOUR:
            return "full"
        return "partial" if self.covered else "empty"


@dataclass(frozen=True)
class WatchDay:
    """The 24 hours of one duty day at one gate, from the window's start hour."""

    date: dt.date
    hours: tuple[WatchHour, ...]


@dataclass(frozen=True)
class CompoundWatch:
    """A round-the-clock compound's watch over the period, hour by hour, and its holes in
    time order."""

    compound: Compound
    days: tuple[WatchDay, ...]
    holes: tuple[Hole, ...]


# --------------------------------------------------------------------------- public API


def span_row(
    compound: Compound, start: dt.datetime, end: dt.datetime, night_minutes: int
) -> tuple[object, ...]:
    """``HOLES_HEADER``'s columns for a span at a compound: a hole, or a short night post."""
    return (
        compound.id,
        start.isoformat(timespec="minutes"),
        end.isoformat(timespec="minutes"),
        fmt_hours(int((end - start).total_seconds() // 60)),
        fmt_hours(night_minutes),
        str(compound.unmanaged).lower(),
    )


def watch_window(index: PlanIndex) -> Span:
    """The period's watch window in minutes since its first midnight (see module docstring)."""
    gate_shifts = {p.slot.shift.start for p in index.posts if p.watch}
    first = min(gate_shifts or {s.start for s in index.shifts})
    return first, first + index.days * MINUTES_PER_DAY


def night_clock_spans(index: PlanIndex) -> tuple[Span, ...]:
    """Night hours as clock-minute spans (start, end); end < start wraps past midnight."""
    spans = tuple(
        (s.start, (s.start + s.minutes) % MINUTES_PER_DAY)
        for s in index.shifts
        if s.night and s.minutes < MINUTES_PER_DAY
    )
    return spans or DEFAULT_NIGHT


def night_minutes(index: PlanIndex, span: Span) -> int:
    """Minutes of ``span`` (period minutes, as a slot's start and end) in night hours."""
    return _length_within(_night_spans(index, span), span)


def watch(roster: Roster) -> list[CompoundWatch]:
    """Every round-the-clock compound's watch, hour by hour; unmanaged compounds first.
    Worked out once per roster: the checks, the workbook and the report page all ask (on
    500 staff x 28 days, over a second each time)."""
    if roster not in _watched:
        _watched[roster] = _watch(roster)
    return _watched[roster]


_watched: WeakKeyDictionary[Roster, list[CompoundWatch]] = WeakKeyDictionary()


def _watch(roster: Roster) -> list[CompoundWatch]:
    index = roster.index
    window = watch_window(index)
    nights = _night_spans(index, window)
    origin = dt.datetime.combine(index.plan.start, dt.time())
    found = []
    for compound in _gate_compounds(index):
        shifts = _watch_spans(roster, compound, window)
        covered = _union(span for span, _ in shifts)
        days = []
        for day in range(index.days):
            day_start = window[0] + day * MINUTES_PER_DAY
            hours = []
            for start in range(day_start, day_start + MINUTES_PER_DAY, HOUR):
                hour = (start, start + HOUR)
                people = _unique(person for span, person in shifts if _overlap(span, hour))
                hours.append(
                    WatchHour(
                        start=origin + dt.timedelta(minutes=start),
                        people=tuple(index.people[p] for p in people),
                        covered=_length_within(covered, hour),
                        night=2 * _length_within(nights, hour) >= HOUR,
                    )
                )
            days.append(WatchDay(date=index.dates[day], hours=tuple(hours)))
        empty = [
            Hole(
                compound=compound,
                start=origin + dt.timedelta(minutes=start),
                end=origin + dt.timedelta(minutes=end),
                night_minutes=_length_within(nights, (start, end)),
            )
            for start, end in _complement(covered, window)
        ]
        found.append(CompoundWatch(compound, tuple(days), tuple(empty)))
    return found


def holes(roster: Roster, *, unmanaged_nights_only: bool = False) -> list[Hole]:
    """Every span with nobody on watch at a round-the-clock compound, most urgent first.

    Args:
        roster: Any roster of the plan (solved, repaired or typed by hand).
        unmanaged_nights_only: Keep only holes at unmanaged compounds that touch night hours
            (``roster check --unmanaged-nights``).
    """
    found = [hole for compound in watch(roster) for hole in compound.holes]
    if unmanaged_nights_only:
        found = [h for h in found if h.unmanaged_night]
    return _urgent_first(found, roster.index)


# --------------------------------------------------------------------------- internals


def _gate_compounds(index: PlanIndex) -> list[Compound]:
    """Round-the-clock compounds, unmanaged first, otherwise in the plan's order."""
    gates = [c for c in index.plan.compounds if c.round_the_clock]
    return sorted(gates, key=lambda c: not c.unmanaged)


def _watch_spans(roster: Roster, compound: Compound, window: Span) -> list[tuple[Span, int]]:
    """Each duty at the compound that reaches into the window, clipped to it, with its person.

    History duties count too: last period's night shift still guards this period's first
    morning when the window starts earlier than it ends.
    """
    spans = []
    duties = sorted((*roster.index.history, *roster.duties), key=lambda d: (d.slot.start, d.person))
    for duty in duties:
        if duty.place != compound.id:
            continue
        span = (max(duty.slot.start, window[0]), min(duty.slot.end, window[1]))
        if span[0] < span[1]:
            spans.append((span, duty.person))
    return spans


def _night_spans(index: PlanIndex, window: Span) -> list[Span]:
    """Night hours inside the window, as merged spans of period minutes."""
    spans = []
    for day in range(window[0] // MINUTES_PER_DAY - 1, window[1] // MINUTES_PER_DAY + 1):
        midnight = day * MINUTES_PER_DAY
        for start, end in night_clock_spans(index):
            length = (end - start) % MINUTES_PER_DAY
            spans.append((midnight + start, midnight + start + length))
    return [
        (max(a, window[0]), min(b, window[1]))
        for a, b in _union(spans)
        if a < window[1] and b > window[0]
    ]


def _union(spans: Iterable[Span]) -> list[Span]:
    """Sorted, merged spans; touching spans join (08:00–20:00 and 20:00–08:00 make one)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _complement(covered: Sequence[Span], window: Span) -> list[Span]:
    """The parts of ``window`` that no span in the sorted, merged ``covered`` reaches."""
    holes = []
    cursor = window[0]
    for start, end in covered:
        if start > cursor:
            holes.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < window[1]:
        holes.append((cursor, window[1]))
    return holes


def _length_within(spans: Sequence[Span], window: Span) -> int:
    """Minutes of merged ``spans`` inside ``window``."""
    return sum(max(0, min(b, window[1]) - max(a, window[0])) for a, b in spans)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _unique(items: Iterable[int]) -> list[int]:
    """Items in first-seen order, without repeats."""
    return list(dict.fromkeys(items))


def _urgent_first(found: Iterable[Hole], index: PlanIndex) -> list[Hole]:
    order = {c.id: k for k, c in enumerate(index.plan.compounds)}
    return sorted(
        found,
        key=lambda h: (not h.compound.unmanaged, not h.night, h.start, order.get(h.compound.id, 0)),
    )
