"""A first roster by hand-rule: fill the critical posts greedily, as a leader would.

Big plans spend most of their first minute in CP-SAT's presolve and its first search
for any roster at all. Handing the solver a roster that already covers the critical posts
means the first roster it reports covers them too, and the search starts from there.

The greedy takes the critical posts hardest first (fewest people who may take them), and
gives each the people with the fewest duties so far who may take it. A person takes a duty
only if the rules' own ``violations`` find no new hard violation in that person's duties:
the same judge that checks every finished roster, so no limit is re-implemented here.
Rules between two people (``apart`` pairs) are not seen this way; the roster is only a
hint, and the solver repairs whatever it gets wrong.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from roster.index import Duty, PlanIndex, Post
from roster.model import Priority
from roster.roster import Roster
from roster.rules import Rule, RuleSet


def first_roster(index: PlanIndex, rules: Sequence[Rule]) -> Roster | None:
    """A roster covering as many critical posts as the greedy manages under the hard rules.

    None when the pinned duties alone already break a hard rule: then the plan has limits
    that only more duties can meet (a minimum of hours or of days in a row, as in the
    public benchmarks), and adding duties one at a time, each without a new violation,
    would lead nowhere.
    """
    rule_set = RuleSet(list(rules))
    hard = rule_set.hard
    allowed = rule_set.allowed(index)
    takers: dict[int, list[int]] = defaultdict(list)
    for person_idx, post_idx in sorted(allowed):
        takers[post_idx].append(person_idx)
    duties: dict[int, list[Duty]] = defaultdict(list)
    taken: Counter[tuple[str, int]] = Counter()  # people on each (place, slot)
    for pin in index.plan.fixed:  # pinned duties are there whatever happens
        staff, slot = index.person_by_id.get(pin.staff_id), index.slot(pin.date, pin.shift)
        if staff is not None and slot is not None:
            duties[staff.idx].append(Duty(staff.idx, slot, pin.place))
            taken[pin.place, slot.idx] += 1
    pinned = Roster(index, tuple(d for person_duties in duties.values() for d in person_duties))
    if any(rule.violations(pinned) for rule in hard):
        return None
    broken: dict[int, int] = {}

    def hard_count(person: int, trial: list[Duty]) -> int:
        roster = Roster(index, tuple(trial))
        return sum(len(rule.violations(roster)) for rule in hard)

    def fill(post: Post) -> None:
        for person in sorted(takers[post.idx], key=lambda p: (len(duties[p]), p)):
            if taken[post.place, post.slot.idx] >= post.min:
                return
            if any(d.slot == post.slot for d in duties[person]):
                continue
            if person not in broken:
                broken[person] = hard_count(person, duties[person])
            trial = [*duties[person], Duty(person, post.slot, post.place)]
            if hard_count(person, trial) <= broken[person]:
                duties[person] = trial
                taken[post.place, post.slot.idx] += 1

    critical = [p for p in index.posts if p.priority is Priority.CRITICAL and p.min > 0]
    for hardest in sorted(critical, key=lambda p: (len(takers[p.idx]), p.slot.start, p.place)):
        fill(hardest)
    every = [duty for person_duties in duties.values() for duty in person_duties]
    return Roster(index, tuple(sorted(every, key=lambda d: (d.slot.start, d.person))))
