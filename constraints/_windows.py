"""Shared arithmetic of the rules that limit what a person does within a run of days.

Weekly hours, shifts and nights, days worked in a row and days off per week all read the
same way: "in every window of consecutive days, this person's amount (minutes, duties,
nights, days worked) is at most a cap". The window may reach back into the previous period
(``index.history``), whose duties are constants.

History cannot be undone. When history alone already reaches a window's cap, the period may
add nothing to that window, and the window counts as broken only when a period duty adds
to it (a breach lying wholly in history is not this period's doing). Model and check share
that arithmetic::

    allowed = max(0, cap - history)        period <= allowed

Days are day numbers: 0 is the plan's first day, history days are negative. A duty belongs
to the day it starts on.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from roster.plan.index import Duty, Person, PersonLimits, PlanIndex, Slot
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import Expr, RosterModel
    from roster.roster import Roster

Window = tuple[int, int]
"""Days ``(first, last)``, both included."""

DayAmount = Callable[[Sequence[Duty]], int]
"""The amount of one day's duties of one person (minutes, a count, 1 if any, ...)."""


def date_of(index: PlanIndex, day: int) -> dt.date:
    """The date of a day number (negative in history)."""
    return index.plan.start + dt.timedelta(days=day)


def subject(index: PlanIndex, person: Person, window: Window) -> Subject:
    """The subject of a window's constraint: one per person and window, for explanations."""
    first, last = window
    return Subject((person.id,), date=date_of(index, first), until=date_of(index, last))


def outermost(windows: Iterable[Window]) -> list[Window]:
    """The windows not inside another one.

    For a cap, a window inside another is implied by it (the outer window holds at least
    as much, and history leaves it no more room), so stating or reporting it again only
    repeats the outer one. ``PlanIndex.windows`` keeps such clipped windows at the end of
    short periods.
    """
    return list(_outermost(tuple(windows)))


@cache  # the same few window lists are asked for again and again by every check
def _outermost(spans: tuple[Window, ...]) -> tuple[Window, ...]:
    return tuple(
        (a, b)
        for a, b in spans
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)
    )


def _cap_of(cap: int | Callable[[Window], int], window: Window) -> int:
    return cap if isinstance(cap, int) else cap(window)


def allowance(cap: int, history: int) -> int:
    """What the period may still add to a window whose history part already holds
    ``history``: never below zero, so that a breach in history alone stays satisfiable."""
    return max(0, cap - history)


def amounts_by_day(duties: Iterable[Duty], amount: DayAmount) -> dict[int, int]:
    """One person's amount per day from their duties (days with no duty are left out)."""
    grouped: dict[int, list[Duty]] = defaultdict(list)
    for duty in duties:
        grouped[duty.slot.day].append(duty)
    return {day: amount(group) for day, group in grouped.items()}


def history_by_day(index: PlanIndex, person: Person, amount: DayAmount) -> dict[int, int]:
    """A person's amount per history day (the model's constants)."""
    return amounts_by_day((d for d in index.history if d.person == person.idx), amount)


# --------------------------------------------------------------------------- day amounts


def minutes(duties: Sequence[Duty]) -> int:
    """Minutes of duty."""
    return sum(d.slot.minutes for d in duties)


def count(duties: Sequence[Duty]) -> int:
    """Number of duties."""
    return len(duties)


def nights(duties: Sequence[Duty]) -> int:
    """Number of night duties."""
    return sum(1 for d in duties if d.slot.night)


def worked(duties: Sequence[Duty]) -> int:
    """1 if a duty starts on the day (the day is worked)."""
    return int(bool(duties))


def night_worked(duties: Sequence[Duty]) -> int:
    """1 if a night duty starts on the day."""
    return int(any(d.slot.night for d in duties))


# --------------------------------------------------------------------------- model side


def duty_sums(model: RosterModel, person: Person, weight: Callable[[Slot], int]) -> dict[int, Expr]:
    """Per period day, the weighted sum of the person's duty variables starting that day."""
    terms: dict[int, list[Expr]] = defaultdict(list)
    for post, var in model.posts_of(person):
        if weight(post.slot):
            terms[post.slot.day].append(weight(post.slot) * var)
    return {day: sum(group) for day, group in terms.items()}


def day_flags(
    model: RosterModel, person: Person, counts: Callable[[Slot], bool], what: str
) -> dict[int, Expr]:
    """Per period day, 1 when the person starts a duty that ``counts`` that day.

    Two such duties on one day still make one day (one night, one day worked).
    """
    grouped: dict[int, list[Expr]] = defaultdict(list)
    for post, var in model.posts_of(person):
        if counts(post.slot):
            grouped[post.slot.day].append(var)
    return {
        day: model.any_of(variables, f"{what}[{person.id},{date_of(model.index, day)}]")
        for day, variables in grouped.items()
    }


def require_windows(
    model: RosterModel,
    rule: str,
    person: Person,
    windows: Iterable[Window],
    period: Mapping[int, Expr],
    history: Mapping[int, int],
    cap: int | Callable[[Window], int],
) -> None:
    """State ``period <= allowance(cap, history)`` on every window, one subject each.

    ``cap`` is a number, or the cap of each window.
    """
    for first, last in windows:
        terms = [period[day] for day in range(max(first, 0), last + 1) if day in period]
        if not terms:
            continue
        used = sum(v for day, v in history.items() if first <= day <= last)
        allowed = allowance(_cap_of(cap, (first, last)), used)
        total = sum(terms)
        # Expr also admits plain numbers, so mypy cannot see that this is a linear constraint.
        model.require(total <= allowed, rule, subject(model.index, person, (first, last)))  # type: ignore[arg-type]


def require_weekly(
    model: RosterModel,
    rule: str,
    person: Person,
    cap: int,
    weight: Callable[[Slot], int],
    amount: DayAmount,
) -> None:
    """A cap on the weighted duties of every rolling 7-day window (``index.weeks()``).

    ``weight`` (per slot, for the model) and ``amount`` (per day, for history) must measure
    the same thing.
    """
    require_windows(
        model,
        rule,
        person,
        outermost(model.index.weeks()),
        duty_sums(model, person, weight),
        history_by_day(model.index, person, amount),
        cap,
    )


# --------------------------------------------------------------------------- check side


@dataclass(frozen=True)
class Excess:
    """A window where the period adds more than history leaves room for."""

    window: Window
    history: int
    period: int
    allowed: int
    busy: Window
    """The first and last day in the window with a non-zero amount."""
    own: Window
    """The first and last day of this period with a non-zero amount (where to act)."""

    @property
    def total(self) -> int:
        """History and period together."""
        return self.history + self.period

    @property
    def over(self) -> int:
        """How much the period must give up in this window."""
        return self.period - self.allowed


def excesses(
    amounts: Mapping[int, int], windows: Iterable[Window], cap: int | Callable[[Window], int]
) -> list[Excess]:
    """The windows where ``amounts`` (one person's, history included) break the cap
    (a number, or the cap of each window)."""
    found = []
    busy_days = sorted((day, v) for day, v in amounts.items() if v)
    days = [day for day, _ in busy_days]
    for first, last in windows:
        # The days inside by bisection: checks run this for every person and window.
        inside = busy_days[bisect_left(days, first) : bisect_right(days, last)]
        used = sum(v for day, v in inside if day < 0)
        added = sum(v for day, v in inside if day >= 0)
        allowed = allowance(_cap_of(cap, (first, last)), used)
        if added > allowed:
            own = [day for day, _ in inside if day >= 0]
            busy = (inside[0][0], inside[-1][0])
            found.append(Excess((first, last), used, added, allowed, busy, (own[0], own[-1])))
    return found


def distinct(found: Iterable[Excess]) -> list[Excess]:
    """One excess per stretch of period duties: rolling windows that hold the same period
    duties are one breach to a leader (the same duties must go). The one kept is the
    worst (most over, then the most in all), so its figures are the ones to act on."""
    worst: dict[Window, Excess] = {}
    for excess in found:
        kept = worst.get(excess.own)
        if kept is None or (excess.over, excess.total) > (kept.over, kept.total):
            worst[excess.own] = excess
    return list(worst.values())


def weekly_excesses(
    roster: Roster, limit: Callable[[PersonLimits], int | None], amount: DayAmount
) -> list[tuple[Person, int, Excess]]:
    """Every (person, cap, excess) of a weekly cap in a roster, one per stretch of period
    duties (see ``distinct``)."""
    found = []
    weeks = outermost(roster.index.weeks())
    for person_idx, duties in roster.timeline.items():
        person = roster.index.people[person_idx]
        cap = limit(person.limits)
        if cap is None:
            continue
        for excess in distinct(excesses(amounts_by_day(duties, amount), weeks, cap)):
            found.append((person, cap, excess))
    return found


def weekly_violations(
    rule: Rule,
    roster: Roster,
    limit: Callable[[PersonLimits], int | None],
    amount: DayAmount,
    shown: Callable[[int], object] = lambda value: value,
) -> list[Violation]:
    """The violations of a weekly cap, worded by the rule's ``over`` message with ``staff``,
    ``total``, ``max`` (both through ``shown``), and ``first`` and ``last`` (the dates of the
    first and last counted duty in the window)."""
    return [
        _over(
            rule,
            roster.index,
            person,
            excess.busy,
            excess.over,
            excess.own[0],
            total=shown(excess.total),
            max=shown(cap),
        )
        for person, cap, excess in weekly_excesses(roster, limit, amount)
    ]


def _over(
    rule: Rule,
    index: PlanIndex,
    person: Person,
    shown: Window,
    amount: int,
    day: int,
    **params: object,
) -> Violation:
    """A window rule's violation in its "over" message, with ``staff``, ``first`` and
    ``last`` (the dates of ``shown``) and ``params``; dated on ``day``."""
    first, last = shown
    text = rule.text(
        "over",
        staff=person.staff.name,
        first=date_of(index, first),
        last=date_of(index, last),
        **params,
    )
    return Violation(
        rule=rule.name,
        hard=True,
        text=text,
        amount=amount,
        staff=(person.id,),
        date=date_of(index, day),
    )


def runs(days: Iterable[int]) -> list[Window]:
    """Maximal runs of consecutive days."""
    found: list[Window] = []
    for day in sorted(set(days)):
        if found and found[-1][1] == day - 1:
            found[-1] = (found[-1][0], day)
        else:
            found.append((day, day))
    return found


def long_runs(days: Iterable[int], most: int) -> list[tuple[Window, int]]:
    """Runs longer than ``most`` that reach into the period, each with how many of its days
    over the limit the period is answerable for (never more than its own days in the run).

    This is what the windows of ``most + 1`` days enforce: a run is too long exactly when
    some such window, which always touches the period, is fully worked.
    """
    found = []
    for first, last in runs(days):
        length, own = last - first + 1, last + 1 - max(first, 0)
        if length > most and own > 0:
            found.append(((first, last), min(length - most, own)))
    return found


def require_short_runs(
    model: RosterModel,
    rule: str,
    person: Person,
    period: Mapping[int, Expr],
    history: Mapping[int, int],
    most: int,
) -> None:
    """No run of more than ``most`` days: among any ``most + 1`` days in a row, at most
    ``most`` have ``period`` (days worked, nights, ...)."""
    windows = outermost(model.index.windows(most + 1))
    require_windows(model, rule, person, windows, period, history, most)


def long_run_violations(
    rule: Rule, index: PlanIndex, person: Person, days: Iterable[int], most: int, length: str
) -> list[Violation]:
    """A violation per run of ``days`` longer than ``most``: the rule's "over" message, with
    the run's length as parameter ``length``."""
    return [
        _over(
            rule,
            index,
            person,
            run,
            over,
            max(run[0], 0),
            max=most,
            **{length: run[1] - run[0] + 1},
        )
        for run, over in long_runs(days, most)
    ]
