"""Fair shares: what the fairness rule balances and the report shows, in one place.

Four measures (hours, nights, weekend duties, 24-hour duties). For each, the people who
could take such duties at all get a *fair share* of everything they carry together, pro
rata to their share of the work (weekly hour cap times days present), history of the 4
weeks before included; a load is fair within the share rounded down or up (a ``Band``).
The rule (``constraints.fairness``) states and checks it, the report
(``roster.report.fairness``) shows it; neither restates the arithmetic. Who "could take" a
post is the rules' business, so it is passed in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from roster.plan.index import Person, PersonLimits, PlanIndex, Post, Slot
from roster.plan.model import MINUTES_PER_DAY
from roster.rules import Rule, RuleSet

if TYPE_CHECKING:
    from roster.roster import Roster

CouldTake = Callable[[PlanIndex, Person, Post], bool]
"""Whether no rule ``forbids`` a person ever taking a post."""


def could_take_under(rules: Sequence[Rule]) -> CouldTake:
    """Who could usefully take a post under ``rules``: no rule among them ``forbids`` it,
    and some place on it is theirs to fill (``Post.skills_lacked``: someone who cannot lead
    is no use on a post of one that needs a duty leader, and is not expected to carry a
    share of such duties; ``roster validate`` warns of the same). The same function for
    the same kinds of rule, so that ``spreads`` can be kept per plan."""
    ruleset = RuleSet(list(rules))
    key = tuple(type(rule) for rule in ruleset.forbidding)
    if key not in _could_take:
        # Pair by pair: the shares ask whether someone could take any post of a kind,
        # which the first post usually answers; a big plan's millions of pairs are never
        # all needed.
        _could_take[key] = lambda index, person, post: (
            not (ruleset.forbids(index, person, post) or post.skills_lacked(person))
        )
    return _could_take[key]


_could_take: dict[tuple[type[Rule], ...], CouldTake] = {}


#: History duties that started up to this many days before the period count.
HISTORY_DAYS = 28


@dataclass(frozen=True)
class Measure:
    """One thing to spread: how much a duty adds, and who is never expected to take it."""

    key: str
    counts: Callable[[Slot], bool]
    exempt: Callable[[PersonLimits], bool]


MEASURES = (
    Measure("hours", lambda slot: True, lambda limits: False),
    Measure("nights", lambda slot: slot.night, lambda limits: limits.no_nights),
    Measure("weekends", lambda slot: slot.weekend, lambda limits: False),
    Measure("full_day", lambda slot: slot.full_day, lambda limits: limits.no_24h),
)


@dataclass(frozen=True)
class Band:
    """A person's fair share of a measure and the loads that count as fair."""

    share: Fraction
    low: int
    high: int

    def outside(self, load: int) -> int:
        """How many units ``load`` lies outside the band (0 inside it)."""
        return max(0, load - self.high, self.low - load)


@dataclass(frozen=True)
class Spread:
    """One measure as it applies to a plan: everything both halves of the rule need.

    ``step`` is the unit of hours in minutes (the gcd of the shift lengths), 0 for counts;
    ``shares`` are the people's shares of the work, divided by their common divisor;
    ``history`` is each person's load carried over from the previous period.
    """

    measure: Measure
    weight: int
    step: int
    people: tuple[Person, ...]
    shares: dict[int, int]
    history: dict[int, int]

    @property
    def key(self) -> str:
        """The measure's name: hours, nights, weekends or full_day."""
        return self.measure.key

    def units(self, slot: Slot) -> int:
        """What one duty on ``slot`` adds to the load."""
        return units(self.measure, self.step, slot)

    def loads(self, roster: Roster) -> dict[int, int]:
        """Each counted person's load in ``roster``, history included, in units."""
        return {
            person.idx: self.history[person.idx]
            + sum(self.units(d.slot) for d in roster.by_person.get(person.idx, []))
            for person in self.people
        }

    def bands(self, total: int) -> dict[int, Band]:
        """Each counted person's fair band when the counted people carry ``total`` units."""
        whole = sum(self.shares.values())
        found = {}
        for idx, own in self.shares.items():
            fair = Fraction(own * total, whole)
            found[idx] = Band(fair, math.floor(fair), math.ceil(fair))
        return found

    def amount(self, value: float) -> str:
        """Units as a leader reads them: hours for the hours measure, else duties."""
        number = value * self.step / 60 if self.step else value
        return f"{number:.1f}".removesuffix(".0")


def steps(outside: int) -> int:
    """What a load ``outside`` units outside its band costs, before the weight: 1 + 2 + ...
    + outside, so each further unit costs more than the one before."""
    return outside * (outside + 1) // 2


def units(measure: Measure, step: int, slot: Slot) -> int:
    """What one duty on ``slot`` adds to a load of ``measure`` (hours in ``step`` minutes)."""
    if not measure.counts(slot):
        return 0
    return slot.minutes // step if step else 1


def hour_step(index: PlanIndex) -> int:
    """The unit of the hours measure, in minutes: the gcd of all shift lengths."""
    return math.gcd(*(s.minutes for s in index.shifts)) or 1


def spreads(index: PlanIndex, could_take: CouldTake) -> list[Spread]:
    """The measures to balance in this plan, with their people (at least two each): worked
    out once per plan and ``could_take`` (the model, the checks and the report all ask).

    A person counts for a measure when they have a share of the work (present some day of
    the period, hour cap above zero), are not exempt (``no_nights``, ``no_24h``), and some
    post of that kind in the period is one ``could_take`` lets them take (the rules'
    ``forbids``). Measures with weight 0 are left out.
    """
    known = _spreads.setdefault(index, {})
    if could_take not in known:
        known[could_take] = _spreads_of(index, could_take)
    return known[could_take]


_spreads: WeakKeyDictionary[PlanIndex, dict[CouldTake, list[Spread]]] = WeakKeyDictionary()


def _spreads_of(index: PlanIndex, could_take: CouldTake) -> list[Spread]:
    weights = index.weights
    weight_of = {
        "hours": weights.fair_hours,
        "nights": weights.fair_nights,
        "weekends": weights.fair_weekends,
        "full_day": weights.fair_24h,
    }
    found = []
    for measure in MEASURES:
        weight = weight_of[measure.key]
        if not weight:
            continue
        step = hour_step(index) if measure.key == "hours" else 0
        posts = [post for post in index.posts if measure.counts(post.slot)]
        raw = {
            person.idx: share(index, person)
            for person in index.people
            if not measure.exempt(person.limits)
            and any(could_take(index, person, post) for post in posts)
        }
        raw = {idx: amount for idx, amount in raw.items() if amount > 0}
        if len(raw) < 2:
            continue
        people = tuple(person for person in index.people if person.idx in raw)
        common = math.gcd(*raw.values())
        history = {person.idx: 0 for person in people}
        for duty in index.history:
            if duty.person in history and duty.slot.day >= -HISTORY_DAYS:
                history[duty.person] += units(measure, step, duty.slot)
        shares = {idx: amount // common for idx, amount in raw.items()}
        found.append(Spread(measure, weight, step, people, shares, history))
    return found


#: The weekly hours assumed when neither the person, their profiles nor the plan set a cap.
DEFAULT_WEEK_MINUTES = 48 * 60


def present_days(index: PlanIndex, person: Person) -> int:
    """Days of the period not wholly covered by the person's absences."""
    return sum(
        1
        for day in range(index.days)
        if not _covered(person.absences, day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY)
    )


def _covered(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    reached = start
    for first, last in sorted(spans):
        if last <= reached:
            continue
        if first > reached:
            return False
        reached = last
        if reached >= end:
            return True
    return reached >= end


def share(index: PlanIndex, person: Person) -> int:
    """A person's share of the work: weekly hour cap (minutes) times days present.

    The cap is the person's ``max_hours_per_week`` (their own, a profile's or the plan's
    default, whichever applies), or 48 hours when none is set.
    """
    cap = person.limits.max_week_minutes
    if cap is None:
        cap = DEFAULT_WEEK_MINUTES
    return cap * present_days(index, person)
