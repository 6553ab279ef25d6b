"""Who can take a duty someone leaves (design §6, ``roster cover``): ranked candidates, the
two-step swaps where nobody can step in directly, and what stops everyone else.

Everything is judged by the rules' own code, never by a solver:

* the person who fell ill leaves every duty of theirs in the chosen days; the roster without
  those duties is the base, checked in full once;
* a person qualified for a post who is stopped by a hard rule's ``forbids`` or by a hard
  violation about them (:func:`roster.check.why.first_blocker`, the words of ``roster check
  --why``) is listed with that rule;
* everyone else is put on the post and the whole roster is checked again with every rule's
  ``violations``: any hard finding the base did not have stops them (with that finding's own
  sentence); otherwise they are a candidate, and the change in each tier's cost
  (:func:`roster.check.violations.tier_costs`, with the change minus without) ranks them, in
  the plan's tier order, lexicographically;
* where nobody is a candidate, B takes the duty and C takes one of B's later duties that
  stood in the way; each such swap is checked in full the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from roster.check.violations import check, one_finding_per_fault, tier_costs
from roster.check.why import Blocker, Obstacles, first_blocker, violation_key
from roster.plan.index import Duty, Person, Post
from roster.plan.model import Tier
from roster.roster import Roster
from roster.rules import Rule
from roster.text.i18n import CATALOGUE, Text, fmt_hours

TOP = 5
"""Candidates shown per duty unless told otherwise."""

SWAPS = 3
"""Two-step swaps shown per duty that nobody can take directly."""

WEEK = 7


class Covered(StrEnum):
    """How a duty left behind can be covered."""

    DIRECT = "direct"
    SWAP = "swap"
    NOBODY = "nobody"


@dataclass(frozen=True)
class Candidate:
    """Someone who can take the duty without breaking a hard rule.

    Attributes:
        person: Who takes the duty.
        swap: With a two-step swap, the duty of ``person`` that someone else takes, and who.
        cost: The change in each tier's cost, in the plan's tier order.
        reasons: What the change means for them, in plain words.
    """

    person: Person
    swap: tuple[Duty, Person] | None
    cost: dict[Tier, int]
    reasons: tuple[Text, ...]
    rank: tuple[int, ...] = ()


@dataclass
class DutyCover:
    """One duty the ill person leaves: who can take it, and who cannot and why."""

    duty: Duty
    post: Post
    candidates: list[Candidate] = field(default_factory=list)
    stopped: list[Blocker] = field(default_factory=list)

    @property
    def covered(self) -> Covered:
        """Covered directly, by a swap, or by nobody."""
        if not self.candidates:
            return Covered.NOBODY
        return Covered.SWAP if self.candidates[0].swap is not None else Covered.DIRECT


def cover(
    roster: Roster,
    rules: Sequence[Rule],
    ill: Person,
    first_day: int,
    last_day: int,
    top: int = TOP,
) -> list[DutyCover]:
    """For each duty of ``ill`` on days ``first_day``..``last_day`` (period day numbers), who
    can take it, best first (at most ``top``), and what stops the others qualified for it."""
    index = roster.index
    leaving = [d for d in roster.by_person.get(ill.idx, []) if first_day <= d.slot.day <= last_day]
    base = Roster(index, tuple(d for d in roster.duties if d not in set(leaving)))
    judge = _Judge(base, rules)
    found = []
    obstacles = Obstacles(base, rules)  # each person's own findings worked out once
    for duty in leaving:
        post = index.post_at[(duty.place, duty.slot.idx)]
        result = DutyCover(duty, post)
        on_post = {d.person for d in base.on_post(post)}
        for person in index.people:
            if person.idx == ill.idx or person.idx in on_post or not _qualified(person, post):
                continue
            blocker = obstacles.first(post, person)
            if blocker.rule is None:
                outcome = judge.apply((Duty(person.idx, duty.slot, duty.place),), person)
                if isinstance(outcome, Blocker):
                    blocker = outcome
                else:
                    result.candidates.append(outcome)
                    continue
            result.stopped.append(blocker)
        if not result.candidates:
            result.candidates = _swaps(judge, duty, post, result.stopped, ill, first_day)[:SWAPS]
        result.candidates.sort(key=lambda c: (c.rank, c.person.idx))
        result.candidates = result.candidates[:top]
        found.append(result)
    return found


def _qualified(person: Person, post: Post) -> bool:
    return not post.required_skills or not post.required_skills.isdisjoint(person.staff.skills)


def _swaps(
    judge: _Judge,
    duty: Duty,
    post: Post,
    stopped: Sequence[Blocker],
    ill: Person,
    first_day: int,
) -> list[Candidate]:
    """B (stopped by a violation, not by ``forbids``) takes ``duty`` once one of B's duties
    from ``first_day`` on goes to C; each pair checked in full."""
    base, rules, index = judge.base, judge.rules, judge.base.index
    found = []
    for blocker in stopped:
        b = blocker.person
        if blocker.detail is None:
            continue  # forbidden outright: no swap frees them
        for clash in base.by_person.get(b.idx, []):
            if clash.slot.day < first_day:
                continue
            without = Roster(index, tuple(d for d in base.duties if d != clash))
            if first_blocker(without, rules, post, b).rule is not None:
                continue
            moved = Roster(index, (*without.duties, Duty(b.idx, duty.slot, duty.place)))
            other = index.post_at[(clash.place, clash.slot.idx)]
            for c in index.people:
                if c.idx in (ill.idx, b.idx) or not _qualified(c, other):
                    continue
                if first_blocker(moved, rules, other, c).rule is not None:
                    continue
                changes = (Duty(b.idx, duty.slot, duty.place), Duty(c.idx, clash.slot, clash.place))
                outcome = judge.apply(changes, b, remove=clash, swap=(clash, c))
                if isinstance(outcome, Candidate):
                    found.append(outcome)
    return sorted(found, key=lambda c: (c.rank, c.person.idx))


class _Judge:
    """The base roster checked once; each change checked in full against it."""

    def __init__(self, base: Roster, rules: Sequence[Rule]) -> None:
        self.base = base
        self.rules = rules
        before = one_finding_per_fault(check(base, rules))
        self.hard = {violation_key(v) for v in before if v.hard}
        self.soft = {violation_key(v) for v in before if not v.hard}
        self.costs = tier_costs(before)
        self.tiers = [tier for level in base.index.plan.levels for tier in level]
        self.titles = {rule.name: rule.title for rule in rules}

    def apply(
        self,
        added: tuple[Duty, ...],
        person: Person,
        *,
        remove: Duty | None = None,
        swap: tuple[Duty, Person] | None = None,
    ) -> Candidate | Blocker:
        """The candidate ``person`` with ``added`` (and without ``remove``), or the first new
        hard finding that stops them."""
        kept = tuple(d for d in self.base.duties if d != remove)
        after = one_finding_per_fault(check(Roster(self.base.index, (*kept, *added)), self.rules))
        for violation in after:
            if violation.hard and violation_key(violation) not in self.hard:
                title = Text(self.titles[violation.rule], {})
                return Blocker(person, violation.rule, title, violation.text)
        costs = tier_costs(after)
        delta = {t: costs.get(t, 0) - self.costs.get(t, 0) for t in self.tiers}
        levels = self.base.index.plan.levels
        rank = tuple(sum(delta[t] for t in level) for level in levels)
        new = [v for v in after if not v.hard and violation_key(v) not in self.soft and v.cost > 0]
        mine = [v for v in new if person.id in v.staff or not v.staff]
        roster = Roster(self.base.index, (*kept, *added))
        reasons = (*_load(roster, person, added[0]), *(v.text for v in mine))
        return Candidate(person, swap, delta, reasons, rank)


def _load(roster: Roster, person: Person, duty: Duty) -> tuple[Text, ...]:
    """What taking ``duty`` means for ``person``'s week (the 7 days from the period's start
    that hold it): the hours added and theirs that week, and their nights that week."""
    first = duty.slot.day // WEEK * WEEK
    week = [d for d in roster.by_person.get(person.idx, []) if first <= d.slot.day < first + WEEK]
    minutes = sum(d.slot.minutes for d in week)
    week_of = roster.index.dates[first]
    said = [
        Text(
            CATALOGUE["cover_hours"],
            {"added": fmt_hours(duty.slot.minutes), "hours": fmt_hours(minutes), "week": week_of},
        )
    ]
    if duty.slot.night:
        nights = sum(1 for d in week if d.slot.night)
        said.append(Text(CATALOGUE["cover_nights"], {"n": nights, "week": week_of}))
    return tuple(said)
