"""The plan: what the leader tells roster, as validated, immutable pydantic models.

A plan is read from a folder of files or one workbook (``roster.io``) into these models.
Field values are checked here one by one; references between files (a staff member's
profile, a demand's shift, ...) are checked by ``roster.plan.validate`` so that every problem can
be reported with its file, row and column. Times of day are whole minutes since midnight.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, field_validator

from roster.plan.limits import Limits
from roster.plan.values import (
    MINUTES_PER_DAY,
    WEEKDAYS,
    Clock,
    Frozen,
    Names,
    Weekday,
    parse_clock,
    parse_weekday,
    split_list,
)

__all__ = [
    "MINUTES_PER_DAY",
    "WEEKDAYS",
    "Clock",
    "Frozen",
    "Limits",
    "Names",
    "Weekday",
    "parse_clock",
    "parse_weekday",
    "split_list",
]

PLACE_SELECTORS = ("*", "managed", "unmanaged")


class Priority(StrEnum):
    """How much a demand matters when there are too few people."""

    CRITICAL = "critical"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class Role(StrEnum):
    """What a staff member is in the office."""

    LEADER = "leader"
    CADRE = "cadre"
    VOLUNTEER = "volunteer"


class RequestKind(StrEnum):
    """A wish to be off, or on, a given day or shift."""

    OFF = "off"
    ON = "on"


class PairKind(StrEnum):
    """Two people who must never be on duty at once, or who like to work together."""

    APART = "apart"
    TOGETHER = "together"


class Weights(Frozen):
    """Weights of the soft goals inside their tier (``[weights]`` in ``plan.toml``).

    Tiers never trade against each other (they are solved one after another), so these only
    balance goals of the same tier.
    """

    critical: int = Field(default=1, ge=0)
    high: int = Field(default=1, ge=0)
    normal: int = Field(default=4, ge=0)
    low: int = Field(default=1, ge=0)
    empty_watch: int = Field(default=10, ge=0)
    change: int = Field(default=1, ge=0)
    change_next_24h: int = Field(default=2, ge=0)
    fair_hours: int = Field(default=1, ge=0)
    fair_nights: int = Field(default=4, ge=0)
    fair_weekends: int = Field(default=2, ge=0)
    fair_24h: int = Field(default=4, ge=0)
    request: int = Field(default=1, ge=0)
    together: int = Field(default=1, ge=0)
    home_compound: int = Field(default=1, ge=0)
    compound_switch: int = Field(default=1, ge=0)
    over_cover: int = Field(default=0, ge=0)
    convex_shortfall: bool = True


class Tier(StrEnum):
    """The soft-goal tiers of design §4, solved lexicographically in the plan's order."""

    CRITICAL = "critical"
    HIGH = "high"
    STABILITY = "stability"
    COVERAGE = "coverage"
    FAIRNESS = "fairness"
    PREFERENCES = "preferences"


DEFAULT_TIERS = tuple(t.value for t in Tier)


def parse_level(text: str) -> tuple[Tier, ...]:
    """One entry of ``tiers`` in ``plan.toml``: a tier, or tiers joined by "+" that are
    minimised together as one weighted sum (benchmarks need that)."""
    return tuple(Tier(part.strip()) for part in text.split("+"))


class Staff(Frozen):
    """A person who can be rostered."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    role: Role = Role.CADRE
    skills: Names = ()
    profiles: Names = ()
    overrides: Limits = Limits()
    """The person's own limits (``staff.csv`` columns): they only tighten the plan's and
    their profiles' (:func:`roster.plan.limits.effective_limits`)."""
    home_compound: str | None = None
    unit: str | None = None
    areas: Names = ()
    """The areas whose compounds the person guards (rule ``areas``); empty: any."""


class Compound(Frozen):
    """A residential compound with a gate post."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    unmanaged: bool = False
    round_the_clock: bool = True
    households: int | None = Field(default=None, ge=0)
    residents: int | None = Field(default=None, ge=0)
    area: str | None = None
    """The area (grid, 片区) the compound belongs to (rule ``areas``)."""


class Shift(Frozen):
    """A named time window. It belongs to the date it starts on and may cross midnight;
    end == start means a 24-hour duty."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    start: Clock
    end: Clock
    night: bool = False

    @field_validator("start")
    @classmethod
    def _start_in_day(cls, value: int) -> int:
        if value >= MINUTES_PER_DAY:
            raise ValueError("a shift must start before 24:00")
        return value

    @property
    def minutes(self) -> int:
        """Length in minutes (1..1440)."""
        length = (self.end - self.start) % MINUTES_PER_DAY
        return length or MINUTES_PER_DAY


class Demand(Frozen):
    """How many people a place needs on a shift on some days.

    ``place`` is a compound id, ``*`` (every compound), ``managed``, ``unmanaged`` or the
    name of an errand. ``days`` is ``*``, weekday names and ranges (``mon-fri``, ``wed;sat``)
    or ISO dates, ``;``-separated. With a ``skill``, ``min`` of the people on the post must
    have it.
    """

    place: str = Field(min_length=1)
    shift: str = Field(min_length=1)
    days: str = "*"
    min: int = Field(ge=0, le=100)
    max: int | None = Field(default=None, ge=0, le=100)
    skill: str | None = None
    priority: Priority = Priority.NORMAL


class Absence(Frozen):
    """A span when someone cannot work: [start, end) in local date-times.
    The reason is private and never published."""

    staff: str
    start: dt.datetime
    end: dt.datetime
    reason: str | None = None


class Request(Frozen):
    """A wish to be off (or on) a date, for one shift or (shift None) the whole day."""

    staff: str
    date: dt.date
    shift: str | None = None
    kind: RequestKind
    weight: int = Field(default=1, ge=0, le=1000)


class Assignment(Frozen):
    """One person on one shift at one place: a row of ``roster.csv``, ``history.csv`` and
    ``fixed.csv``."""

    date: dt.date
    shift: str
    place: str
    staff_id: str


class Pair(Frozen):
    """Two people who must be kept apart, or who like to work together."""

    a: str
    b: str
    kind: PairKind


class Plan(Frozen):
    """Everything the optimiser needs for one period."""

    title: str = ""
    start: dt.date
    days: int = Field(default=7, ge=1, le=366)
    rules: Limits = Limits()
    forbidden_successions: tuple[tuple[str, str], ...] = ()
    weights: Weights = Weights()
    tiers: tuple[str, ...] = DEFAULT_TIERS
    profiles: dict[str, Limits] = Field(default_factory=dict)
    staff: tuple[Staff, ...]
    compounds: tuple[Compound, ...] = ()
    shifts: tuple[Shift, ...]
    demand: tuple[Demand, ...] = ()
    absences: tuple[Absence, ...] = ()
    requests: tuple[Request, ...] = ()
    history: tuple[Assignment, ...] = ()
    fixed: tuple[Assignment, ...] = ()
    pairs: tuple[Pair, ...] = ()
    # Set by `roster reschedule`: the published roster, and the moment before which its
    # duties are frozen (already worked or under way).
    baseline: tuple[Assignment, ...] = ()
    frozen_until: dt.datetime | None = None

    @field_validator("tiers")
    @classmethod
    def _tiers_known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        seen: list[Tier] = []
        for level in value:
            try:
                seen.extend(parse_level(level))
            except ValueError:
                known = ", ".join(t.value for t in Tier)
                raise ValueError(f'"{level}" is not a tier (known: {known})') from None
        if len(set(seen)) != len(seen):
            raise ValueError("a tier is listed twice")
        missing = [t.value for t in Tier if t not in seen]
        return (*value, *missing)

    @property
    def levels(self) -> list[tuple[Tier, ...]]:
        """The tiers in solving order, grouped where joined by "+"."""
        return [parse_level(level) for level in self.tiers]

    @property
    def dates(self) -> list[dt.date]:
        """The dates of the period, in order."""
        return [self.start + dt.timedelta(days=i) for i in range(self.days)]
