"""Fairness: hours, nights, weekend duties and 24-hour duties are spread evenly.

For each of the four measures the rule looks at the people who could take such duties at
all and compares their loads *per full-time share*: someone whose weekly hour cap is half
the usual (a health limit), or who is absent half the period, is expected to carry half as
much. Duties from ``history.csv`` in the 28 days before the start count too, so whoever had
many nights last week gets fewer this week.

The cost of a measure is its weight (``fair_hours``, ``fair_nights``, ``fair_weekends``,
``fair_24h``) times the gap between the most and the least loaded person, in hundredths of
a duty per full-time share; for hours, in hundredths of the hour unit, the greatest common
divisor of the shift lengths (4 h for 8- and 12-hour shifts), which keeps numbers small.
Exactly: a person's share is their weekly hour cap (48 h if none is set) times their days
not absent; the full-time share is the largest share in the plan; a load counts
``round(100 * full-time share / own share)`` times. Fairness is its own tier: it never
costs coverage, and requests never cost fairness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from constraints._fair import SCALE, could_take, load_factors
from roster.i18n import Lang, Text
from roster.index import Person, PersonLimits, PlanIndex, Slot
from roster.model import Tier
from roster.rules import Rule, Violation

if TYPE_CHECKING:
    from roster.build import RosterModel
    from roster.roster import Roster

#: History duties that started up to this many days before the period count.
HISTORY_DAYS = 28
#: At most this many names are shown for the least and the most loaded.
SHOWN_NAMES = 3


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
class Spread:
    """One measure as it applies to a plan: everything both halves of the rule need.

    ``step`` is the unit of hours in minutes (the gcd of the shift lengths), 0 for counts;
    ``factor`` turns a person's load into hundredths per full-time share; ``history`` is
    each person's load carried over from the previous period.
    """

    measure: Measure
    weight: int
    step: int
    people: tuple[Person, ...]
    factor: dict[int, int]
    history: dict[int, int]

    @property
    def key(self) -> str:
        """The measure's name: hours, nights, weekends or full_day."""
        return self.measure.key

    def units(self, slot: Slot) -> int:
        """What one duty on ``slot`` adds to the load."""
        return units(self.measure, self.step, slot)

    def loads(self, roster: Roster) -> dict[int, int]:
        """Each counted person's load in ``roster`` (history included), per full-time share
        in 1/SCALE."""
        return {
            person.idx: self.factor[person.idx]
            * (
                self.history[person.idx]
                + sum(self.units(d.slot) for d in roster.by_person.get(person.idx, []))
            )
            for person in self.people
        }

    def per_share(self, value: int) -> str:
        """A normalised load as a leader reads it: hours or duties per full-time share."""
        amount = value * self.step / 60 / SCALE if self.step else value / SCALE
        return f"{amount:.2f}".rstrip("0").rstrip(".")


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

    A person counts for a measure when they are present some day of the period, are not
    exempt (``no_nights``, ``no_24h``), and some post of that kind in the period is one no
    rule forbids them. Measures with weight 0 are left out.
    """
    weights = index.weights
    weight_of = {
        "hours": weights.fair_hours,
        "nights": weights.fair_nights,
        "weekends": weights.fair_weekends,
        "full_day": weights.fair_24h,
    }
    factor = load_factors(index)
    found = []
    for measure in MEASURES:
        weight = weight_of[measure.key]
        if not weight:
            continue
        step = hour_step(index) if measure.key == "hours" else 0
        posts = [post for post in index.posts if measure.counts(post.slot)]
        people = tuple(
            person
            for person in index.people
            if person.idx in factor
            and not measure.exempt(person.limits)
            and any(could_take(index, person, post) for post in posts)
        )
        if len(people) < 2:
            continue
        history = {person.idx: 0 for person in people}
        for duty in index.history:
            if duty.person in history and duty.slot.day >= -HISTORY_DAYS:
                history[duty.person] += units(measure, step, duty.slot)
        found.append(Spread(measure, weight, step, people, factor, history))
    return found


class Fairness(Rule):
    """Nights, weekends, 24-hour duties and hours are shared evenly, pro rata."""

    name = "fairness"
    title: ClassVar[Mapping[Lang, str]] = {"en": "Fair shares", "zh": "公平分担"}
    hard = False
    tier = Tier.FAIRNESS
    messages: ClassVar[Mapping[str, Mapping[Lang, str]]] = {
        "spread": {
            "en": "{measure}: from {low} ({low_staff}) to {high} ({high_staff}) "
            "per full-time share",
            "zh": "{measure}：按全职份额计，从{low}（{low_staff}）到{high}（{high_staff}）",
        },
        "hours": {"en": "Hours", "zh": "工时"},
        "nights": {"en": "Nights", "zh": "夜班"},
        "weekends": {"en": "Weekend duties", "zh": "周末班"},
        "full_day": {"en": "24-hour duties", "zh": "24小时班"},
        "names": {"en": "{en}", "zh": "{zh}"},
    }

    def add_to(self, model: RosterModel) -> None:
        for spread in spreads(model.index):
            loads = []
            lowest, highest = [], []
            for person in spread.people:
                terms = [
                    (spread.units(post.slot), var)
                    for post, var in model.posts_of(person)
                    if spread.units(post.slot)
                ]
                factor, carried = spread.factor[person.idx], spread.history[person.idx]
                n = model.new_int(0, sum(u for u, _ in terms), f"{spread.key}_units[{person.id}]")
                model.cp.add(n == sum(u * var for u, var in terms))
                loads.append(factor * n + factor * carried)
                lowest.append(factor * carried)
                highest.append(factor * (carried + sum(u for u, _ in terms)))
            key = spread.key
            most = model.new_int(max(lowest), max(highest), f"{key}_most")
            least = model.new_int(min(lowest), min(highest), f"{key}_least")
            # Equalities, not just bounds: the values follow from the duties alone, so a
            # roster hinted from the previous tier is complete at once.
            model.cp.add_max_equality(most, loads)
            model.cp.add_min_equality(least, loads)
            model.penalize(self.name, self.tier, spread.weight, most - least, f"{key} spread")

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        found = []
        for spread in spreads(index):
            load = spread.loads(roster)
            low, high = min(load.values()), max(load.values())
            if high == low:
                continue
            lows = [p for p in spread.people if load[p.idx] == low]
            highs = [p for p in spread.people if load[p.idx] == high]
            found.append(
                Violation(
                    rule=self.name,
                    hard=False,
                    text=self.text(
                        "spread",
                        measure=self.text(spread.key),
                        low=spread.per_share(low),
                        low_staff=self._names(lows),
                        high=spread.per_share(high),
                        high_staff=self._names(highs),
                    ),
                    amount=high - low,
                    cost=spread.weight * (high - low),
                    tier=self.tier,
                    staff=(lows[0].id, highs[0].id),
                    details={
                        "measure": spread.key,
                        "loads": {index.people[idx].id: n for idx, n in load.items()},
                        "scale": SCALE,
                        "hour_step": spread.step,
                    },
                )
            )
        return found

    def _names(self, people: list[Person]) -> Text:
        names = [p.staff.name for p in people[:SHOWN_NAMES]]
        more = f" +{len(people) - SHOWN_NAMES}" if len(people) > SHOWN_NAMES else ""
        return self.text("names", en=", ".join(names) + more, zh="、".join(names) + more)
