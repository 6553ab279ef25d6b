"""The rules roster knows, one module each (design §4), in an explicit order.

Adding a rule: write ``constraints/<name>.py`` with one ``Rule`` subclass whose ``name`` is
the module name, and add the class to ``REGISTRY`` below.
"""

from __future__ import annotations

from constraints.absence import Absence
from constraints.apart import Apart
from constraints.areas import Areas
from constraints.compound_switches import CompoundSwitches
from constraints.compounds_per_week import CompoundsPerWeek
from constraints.consecutive_days import ConsecutiveDays
from constraints.consecutive_nights import ConsecutiveNights
from constraints.coverage import Coverage
from constraints.daily_hours import DailyHours
from constraints.earliest_start import EarliestStart
from constraints.fairness import Fairness
from constraints.frozen import Frozen
from constraints.home_by import HomeBy
from constraints.home_compound import HomeCompound
from constraints.min_consecutive_days import MinConsecutiveDays
from constraints.min_days_off import MinDaysOff
from constraints.min_days_off_run import MinDaysOffRun
from constraints.min_rest import MinRest
from constraints.no_24h import No24h
from constraints.no_nights import NoNights
from constraints.one_place import OnePlace
from constraints.pinned import Pinned
from constraints.requests import Requests
from constraints.shift_type_limit import ShiftTypeLimit
from constraints.skills import Skills
from constraints.stability import Stability
from constraints.successions import Successions
from constraints.together import Together
from constraints.total_hours import TotalHours
from constraints.weekdays_off import WeekdaysOff
from constraints.weekends import Weekends
from constraints.weekly_hours import WeeklyHours
from constraints.weekly_nights import WeeklyNights
from constraints.weekly_shifts import WeeklyShifts
from roster.rules import Rule

REGISTRY: tuple[type[Rule], ...] = (
    # Hard: who may be where at all (areas first: in a big plan it rules out most pairs).
    Areas,
    Absence,
    OnePlace,
    # Hard: working time, across the boundary with the previous roster.
    MinRest,
    WeeklyHours,
    WeeklyShifts,
    ConsecutiveDays,
    MinDaysOff,
    WeeklyNights,
    ConsecutiveNights,
    # Hard: personal limits (static ones only keep people off posts).
    NoNights,
    No24h,
    HomeBy,
    EarliestStart,
    WeekdaysOff,
    Skills,
    DailyHours,
    CompoundsPerWeek,
    # Hard: general limits over the period (public benchmarks use them too).
    ShiftTypeLimit,
    TotalHours,
    MinConsecutiveDays,
    MinDaysOffRun,
    Weekends,
    Successions,
    # Hard: the leader's pins and pairs.
    Pinned,
    Apart,
    # Hard: a repair keeps what was already worked.
    Frozen,
    # Soft: coverage first, by priority.
    Coverage,
    # Soft: a repair changes few duties.
    Stability,
    # Soft: fair shares, then personal preferences.
    Fairness,
    Requests,
    Together,
    HomeCompound,
    CompoundSwitches,
)


def all_rules() -> list[Rule]:
    """One instance of every registered rule, in registry order."""
    return [cls() for cls in REGISTRY]


def by_name(name: str) -> type[Rule]:
    """The rule class with this name."""
    for cls in REGISTRY:
        if cls.name == name:
            return cls
    raise KeyError(name)
