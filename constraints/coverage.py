"""Coverage: every post gets the people its demand asks for, most important posts first.

A shortfall is a gap. Gaps cost by priority: critical gaps are avoided before high ones,
high before the rest (tiers never trade against each other). Within a tier the cost of a
post grows with the square of its shortfall, so a shortage is spread over posts instead of
leaving one post empty; a round-the-clock gate with nobody on watch costs extra.
Nobody is put on a post beyond its ``max`` (hard). With ``--strict`` critical demand is hard.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from constraints._labels import place_name
from roster.plan.index import Need, Post
from roster.plan.model import Priority, Tier, Weights
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text
from roster.text.labels import errand_text, skill_text

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster

TIER_OF = {
    Priority.CRITICAL: Tier.CRITICAL,
    Priority.HIGH: Tier.HIGH,
    Priority.NORMAL: Tier.COVERAGE,
    Priority.LOW: Tier.COVERAGE,
}


def weight_of(weights: Weights, priority: Priority) -> int:
    """The plan's weight for a shortfall of this priority."""
    return int(getattr(weights, priority.value))


def shortfall_cost(shortfall: int) -> int:
    """Convex cost of a shortfall: 1, 4, 9, ... (sum of the first odd numbers)."""
    return shortfall * shortfall


class Coverage(Rule):
    """Posts are staffed as demand asks, by priority; never over ``max``."""

    name = "coverage"
    title = {"en": "Coverage of posts", "zh": "岗位覆盖"}
    hard = False
    tier = Tier.CRITICAL
    messages = {
        "short": {
            "en": "{place} {date} {shift}: {assigned} of {required} {who}",
            "zh": "{place} {date} {shift}：需要{required}名{who}，只有{assigned}名",
        },
        "empty": {
            "en": "{place} {date} {shift}: nobody on watch",
            "zh": "{place} {date} {shift}：无人值守",
        },
        "over": {
            "en": "{place} {date} {shift}: {assigned} people, at most {max} allowed",
            "zh": "{place} {date} {shift}：排了{assigned}人，最多{max}人",
        },
        "surplus": {
            "en": "{place} {date} {shift}: {assigned} people where {required} are needed",
            "zh": "{place} {date} {shift}：需要{required}人，排了{assigned}人",
        },
        "people": {"en": "{n|person|people}", "zh": "人员"},
        "skilled": {"en": "who can {skill}", "zh": "能{skill}的人员"},
    }

    def add_to(self, model: RosterModel) -> None:
        weights = model.index.weights
        for post in model.index.posts:
            on_post = model.on_post(post)
            headcount = sum(v for _, v in on_post)
            if len(on_post) > post.max:
                model.require(headcount <= post.max, self.name, Subject.post(post, bound="max"))
                tier = TIER_OF[post.priority]
                if model.comes_after(tier) and not model.diagnose:  # where it holds for sure
                    model.redundant(tier, model.headcount(post) <= post.max)
            for need in post.needs:
                if need.min == 0:
                    continue
                count = sum(
                    v for p, v in on_post if need.skill is None or need.skill in p.staff.skills
                )
                subject = Subject.post(post, skill=need.skill or None)
                if model.strict and need.priority is Priority.CRITICAL:
                    model.require(count >= need.min, self.name, subject)
                    continue
                # shortfall = sum of steps[j]; step j costs 2j+1, so the total is shortfall²
                # (or 1 each when the plan asks for a linear cost, as benchmarks do).
                steps = [model.new_bool(f"short[{subject}]#{j + 1}") for j in range(need.min)]
                model.define(count + sum(steps) >= need.min)
                tier = TIER_OF[need.priority]
                if need.skill is None and model.comes_after(tier):
                    # Held at no shortfall, the post's headcount is known from here on.
                    model.redundant(tier, model.headcount(post) + sum(steps) >= need.min)
                for earlier, later in pairwise(steps):
                    model.implies(later, earlier)
                weight = weight_of(weights, need.priority)
                step_cost = (lambda j: 2 * j + 1) if weights.convex_shortfall else (lambda j: 1)
                cost = sum(step_cost(j) * s for j, s in enumerate(steps))
                model.penalize(self.name, tier, weight, cost, subject)
            if weights.over_cover and post.max > post.min:
                over = model.new_int(0, post.max - post.min, f"over[{Subject.post(post)}]")
                model.define(over >= headcount - post.min)
                model.penalize(
                    self.name, Tier.COVERAGE, weights.over_cover, over, Subject.post(post)
                )
            if (
                post.watch
                and post.min > 0
                and not (model.strict and post.priority is Priority.CRITICAL)
            ):
                empty = model.new_bool(f"empty[{Subject.post(post)}]")
                model.define(headcount + empty >= 1)
                tier = TIER_OF[post.priority]
                model.penalize(self.name, tier, weights.empty_watch, empty, Subject.post(post))

    def violations(self, roster: Roster) -> list[Violation]:
        index, weights = roster.index, roster.index.weights
        found: list[Violation] = []
        for (place, slot_idx), duties in roster.by_post.items():
            post = index.post_at.get((place, slot_idx))
            cap = post.max if post else 0
            if len(duties) > cap:
                slot = duties[0].slot
                found.append(
                    Violation(
                        rule=self.name,
                        hard=True,
                        text=self.text(
                            "over",
                            place=place_name(index, place),
                            date=slot.date,
                            shift=slot.shift.name,
                            assigned=len(duties),
                            max=cap,
                        ),
                        amount=len(duties) - cap,
                        date=slot.date,
                        shift=slot.shift.id,
                        place=place,
                    )
                )
        for post in index.posts:
            people = [index.people[d.person] for d in roster.on_post(post)]
            for need in post.needs:
                count = sum(1 for p in people if need.skill is None or need.skill in p.staff.skills)
                short = max(0, need.min - count)
                if short:
                    cost = shortfall_cost(short) if weights.convex_shortfall else short
                    found.append(
                        self._gap(
                            post, need, count, short, weight_of(weights, need.priority) * cost
                        )
                    )
            if weights.over_cover and len(people) > post.min:
                found.append(
                    self.found(
                        text=self.text(
                            "surplus",
                            place=_place_name(post),
                            date=post.slot.date,
                            shift=post.slot.shift.name,
                            assigned=len(people),
                            required=post.min,
                        ),
                        amount=len(people) - post.min,
                        cost=weights.over_cover * (len(people) - post.min),
                        tier=Tier.COVERAGE,
                        date=post.slot.date,
                        shift=post.slot.shift.id,
                        place=post.place,
                    )
                )
            if post.watch and post.min > 0 and not people:
                found.append(
                    self.found(
                        text=self.text(
                            "empty",
                            place=_place_name(post),
                            date=post.slot.date,
                            shift=post.slot.shift.name,
                        ),
                        amount=1,
                        cost=weights.empty_watch,
                        tier=TIER_OF[post.priority],
                        date=post.slot.date,
                        shift=post.slot.shift.id,
                        place=post.place,
                    )
                )
        return found

    def _gap(self, post: Post, need: Need, count: int, short: int, cost: int) -> Violation:
        who = (
            self.text("skilled", skill=skill_text(need.skill))
            if need.skill
            else self.text("people", n=need.min)
        )
        return self.found(
            text=self.text(
                "short",
                place=_place_name(post),
                date=post.slot.date,
                shift=post.slot.shift.name,
                assigned=count,
                required=need.min,
                who=who,
            ),
            amount=short,
            cost=cost,
            tier=TIER_OF[need.priority],
            date=post.slot.date,
            shift=post.slot.shift.id,
            place=post.place,
            details={"post": post, "need": need, "assigned": count},
        )


def _place_name(post: Post) -> str | Text:
    return post.compound.name if post.compound else errand_text(post.place)
