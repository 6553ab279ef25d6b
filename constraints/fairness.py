"""Fairness: hours, nights, weekend duties and 24-hour duties are shared out fairly.

For each of the four measures the rule looks at the people who could take such duties at
all, and gives each a *fair share* of everything they carry together, pro rata to their
share of the work: their weekly hour cap (48 h if none is set) times their days not absent.
Someone whose cap is half the usual (a health limit), or who is away half the week, is
expected to carry half as much. Duties from ``history.csv`` in the 28 days before the start
count too, in each person's load and in the total, so whoever had many nights recently gets
fewer this week.

A load is fair when it is the fair share rounded down or up: with a fair share of 1.6
nights, 1 or 2 nights are fair. Outside that band, above or below, each further unit costs
one more than the one before: 1, then 2, then 3 (1, 3, 6 in all for one, two, three units
out), times the measure's weight: ``fair_nights``, ``fair_weekends`` and ``fair_24h`` per
duty, ``fair_hours`` per hour unit (the greatest common divisor of the shift lengths, 4 h
for 8- and 12-hour shifts). So one person far from fair costs more than several a little
off, and nobody is left carrying the whole difference. Fairness is its own tier: it never
costs coverage, and requests never cost fairness.

Why a band around each person's share rather than "most minus least": it aims at the same
thing, but the best value is usually zero or close to it and the solver can *prove* it, so
"fair" is a fact about the roster, not where the search happened to stop.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar

from constraints._fair import could_take, share
from roster.plan.index import Person, PersonLimits, PlanIndex, Slot
from roster.plan.model import Tier
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Lang

if TYPE_CHECKING:
    from roster.engine.model import IntVar, RosterModel
    from roster.roster import Roster

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


def spreads(index: PlanIndex) -> list[Spread]:
    """The measures to balance in this plan, with their people (at least two each).

    A person counts for a measure when they have a share of the work (present some day of
    the period, hour cap above zero), are not exempt (``no_nights``, ``no_24h``), and some
    post of that kind in the period is one no rule forbids them. Measures with weight 0 are
    left out.
    """
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


class Fairness(Rule):
    """Nights, weekends, 24-hour duties and hours are shared fairly, pro rata."""

    name = "fairness"
    title: ClassVar[Mapping[Lang, str]] = {"en": "Fair shares", "zh": "公平分担"}
    hard = False
    tier = Tier.FAIRNESS
    messages: ClassVar[Mapping[str, Mapping[Lang, str]]] = {
        "above": {
            "en": "{measure}: {staff} has {load}, more than a fair {band} (share {share})",
            "zh": "{measure}：{staff} 为{load}，多于合理的{band}（应得份额{share}）",
        },
        "below": {
            "en": "{measure}: {staff} has {load}, less than a fair {band} (share {share})",
            "zh": "{measure}：{staff} 为{load}，少于合理的{band}（应得份额{share}）",
        },
        "carried": {
            "en": "{load} (incl. {carried} in the 4 weeks before)",
            "zh": "{load}（含此前4周的{carried}）",
        },
        "hours": {"en": "Hours", "zh": "工时"},
        "nights": {"en": "Nights", "zh": "夜班"},
        "weekends": {"en": "Weekend duties", "zh": "周末班"},
        "full_day": {"en": "24-hour duties", "zh": "24小时班"},
    }

    def add_to(self, model: RosterModel) -> None:
        for spread in spreads(model.index):
            key = spread.key
            loads: dict[int, IntVar] = {}
            heaviest: dict[int, int] = {}
            for person in spread.people:
                terms = [
                    (spread.units(post.slot), var)
                    for post, var in model.posts_of(person)
                    if spread.units(post.slot)
                ]
                carried = spread.history[person.idx]
                heaviest[person.idx] = carried + sum(u for u, _ in terms)
                load = model.new_int(carried, heaviest[person.idx], f"{key}_load[{person.id}]")
                model.define(load == carried + sum(u * var for u, var in terms))
                loads[person.idx] = load
            most = sum(heaviest.values())  # the largest total there can be
            total = model.new_int(0, most, f"{key}_total")
            model.define(total == sum(loads.values()))
            whole = sum(spread.shares.values())
            for person in spread.people:
                load, own = loads[person.idx], spread.shares[person.idx]
                # The band is floor..ceil of own * total / whole. In integers:
                # load - above <= ceil(own * total / whole) and load + below >= floor(...).
                above = model.new_int(0, most, f"{key}_above[{person.id}]")
                model.define(whole * (load - above) - own * total <= whole - 1)
                below = model.new_int(0, most, f"{key}_below[{person.id}]")
                model.define(whole * (load + below) - own * total >= 1 - whole)
                # steps(d) = 1 + 2 + ... + d is the upper envelope of the lines k*d - steps(k-1):
                # exact at every whole d up to ``reach``, and as strong as can be in the LP.
                reach = max(heaviest[person.idx], -(-own * most // whole))
                cost = model.new_int(0, steps(reach), f"{key}_cost[{person.id}]")
                for k in range(1, reach + 1):
                    model.define(cost >= k * (above + below) - steps(k - 1))
                subject = Subject((person.id,), detail=key)
                model.penalize(self.name, self.tier, spread.weight, cost, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        found = []
        for spread in spreads(roster.index):
            load = spread.loads(roster)
            bands = spread.bands(sum(load.values()))
            for person in spread.people:
                band, units = bands[person.idx], load[person.idx]
                outside = band.outside(units)
                if outside:
                    found.append(self._violation(spread, person, units, band, outside))
        return found

    def _violation(
        self, spread: Spread, person: Person, load: int, band: Band, outside: int
    ) -> Violation:
        carried = spread.history[person.idx]
        shown: object = spread.amount(load)
        if carried:
            shown = self.text("carried", load=shown, carried=spread.amount(carried))
        low, high = spread.amount(band.low), spread.amount(band.high)
        text = self.text(
            "above" if load > band.high else "below",
            measure=self.text(spread.key),
            staff=person.staff.name,
            load=shown,
            band=low if low == high else f"{low}–{high}",
            share=spread.amount(float(band.share)),
        )
        return Violation(
            rule=self.name,
            hard=False,
            text=text,
            amount=outside,
            cost=spread.weight * steps(outside),
            tier=self.tier,
            staff=(person.id,),
            details={
                "measure": spread.key,
                "load": load,
                "carried": carried,
                "band": [band.low, band.high],
                "share": str(band.share),
                "hour_step": spread.step,
            },
        )
