"""Fairness: hours, nights, weekend duties and 24-hour duties are shared out fairly.

For each of the four measures the rule looks at the people who could take such duties at
all (not someone who cannot lead, where every place needs a duty leader), and gives each a
*fair share* of everything they carry together, pro rata to their share of the work: their
weekly hour cap (48 h if none is set) times their days not absent.
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

from typing import TYPE_CHECKING

from constraints._fair import could_take
from roster.check.fairness import Band, Spread, spreads, steps
from roster.plan.index import Person
from roster.plan.model import Tier
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import Expr, IntVar, RosterModel
    from roster.roster import Roster


class Fairness(Rule):
    """Nights, weekends, 24-hour duties and hours are shared fairly, pro rata."""

    name = "fairness"
    title = {"en": "Fair shares", "zh": "公平分担"}
    hard = False
    tier = Tier.FAIRNESS
    messages = {
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
        for spread in spreads(model.index, could_take):
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
            # The same total counted post by post: each post's headcount, less anyone on
            # it the measure does not count. Once coverage holds the posts full, the
            # solver knows the total from it, and with it every band.
            if model.comes_after(Tier.COVERAGE):
                model.redundant(Tier.COVERAGE, total == _counted_by_post(model, spread))
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
        for spread in spreads(roster.index, could_take):
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
        return self.found(
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


def _counted_by_post(model: RosterModel, spread: Spread) -> Expr:
    """A spread's total as the posts count it: each post's headcount in units, less anyone
    on it the measure does not count, and the history."""
    counted = {person.idx for person in spread.people}
    by_post = []
    for post in model.index.posts:
        units = spread.units(post.slot)
        if units:
            others = [v for p, v in model.on_post(post) if p.idx not in counted]
            by_post.append(units * (model.headcount(post) - sum(others)))
    return sum(spread.history.values()) + sum(by_post)
