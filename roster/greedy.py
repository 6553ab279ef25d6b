"""A first roster by hand-rule: fill the posts greedily, most important first, as a leader
would.

Big plans spend most of their first minute in CP-SAT's presolve and its first search for
any roster at all. Handing the solver a roster that already covers the critical posts (and
the high ones, where it can) means the first roster it reports covers them too, and a level
that the start already meets need not be solved at all (``roster.solve``).

The greedy goes priority by priority (critical, high, normal, low). Within a priority it
takes the posts hardest first (fewest people who may take them) and meets each demand row
of that priority, rows that name a skill first, with the people with the fewest duties so
far who may take the post; people who also have the post's other skills (a duty leader on
a gate that needs one) come first. A person takes a duty only if the rules' own
``violations`` find no new hard violation in that person's duties: the same judge that
checks every finished roster, so no limit is re-implemented here. Rules between two people
(``apart`` pairs) are not seen this way; the roster is only a hint, and the solver repairs
whatever it gets wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from roster.index import Duty, Need, PlanIndex, Post
from roster.model import Priority
from roster.roster import Roster
from roster.rules import Rule, RuleSet


def first_roster(index: PlanIndex, rules: Sequence[Rule]) -> Roster | None:
    """A roster meeting as much demand as the greedy manages under the hard rules.

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
    on_post: dict[tuple[str, int], list[int]] = defaultdict(list)  # (place, slot) -> people
    for pin in index.plan.fixed:  # pinned duties are there whatever happens
        staff, slot = index.person_by_id.get(pin.staff_id), index.slot(pin.date, pin.shift)
        if staff is not None and slot is not None:
            duties[staff.idx].append(Duty(staff.idx, slot, pin.place))
            on_post[pin.place, slot.idx].append(staff.idx)
    pinned = Roster(index, tuple(d for person_duties in duties.values() for d in person_duties))
    if any(rule.violations(pinned) for rule in hard):
        return None
    broken: dict[int, int] = {}

    def hard_count(person: int, trial: list[Duty]) -> int:
        roster = Roster(index, tuple(trial))
        return sum(len(rule.violations(roster)) for rule in hard)

    def skilled(person: int, skill: str | None) -> bool:
        return skill is None or skill in index.people[person].staff.skills

    def meet(post: Post, need: Need) -> None:
        here = on_post[post.place, post.slot.idx]
        wanted = {n.skill for n in post.needs if n.skill}
        candidates = sorted(
            (p for p in takers[post.idx] if skilled(p, need.skill) and p not in here),
            key=lambda p: (not wanted.issubset(index.people[p].staff.skills), len(duties[p]), p),
        )
        for person in candidates:
            if sum(skilled(p, need.skill) for p in here) >= need.min or len(here) >= post.max:
                return
            if any(d.slot == post.slot for d in duties[person]):
                continue
            if person not in broken:
                broken[person] = hard_count(person, duties[person])
            trial = [*duties[person], Duty(person, post.slot, post.place)]
            if hard_count(person, trial) <= broken[person]:
                duties[person] = trial
                here.append(person)

    for priority in (Priority.CRITICAL, Priority.HIGH):
        posts = [p for p in index.posts if any(n.priority is priority for n in p.needs)]
        for post in sorted(posts, key=lambda p: (len(takers[p.idx]), p.slot.start, p.place)):
            needs = [n for n in post.needs if n.priority is priority and n.min > 0]
            for need in sorted(needs, key=lambda n: n.skill is None):  # skilled rows first
                meet(post, need)
    every = [duty for person_duties in duties.values() for duty in person_duties]
    return Roster(index, tuple(sorted(every, key=lambda d: (d.slot.start, d.person))))
