"""A first roster by hand-rule: fill the posts greedily, most important first, as a leader
would.

Big plans spend most of their first minute in CP-SAT's presolve and its first search for
any roster at all. Handing the solver a roster that already covers the critical posts (and
the high ones, where it can) means the first roster it reports covers them too, and a level
that the start already meets need not be solved at all (``roster.engine.solve``).

The greedy fills the critical demand, then the high (``FILLED``; normal and low are left to
the solver, which is far faster on big plans: benchmarks/RESULTS.md, "FILLED"). Within a
priority it takes the posts hardest first (fewest people who may take them) and meets each
demand row of that priority, rows that name a skill first, with the people with the fewest
duties so far who may take the post; people who also have the post's other skills (a duty
leader on a gate that needs one) come first, and people with skills that other posts ask for
and this one does not come last (a duty leader spent on a night watch anyone could keep is
missing from the morning post that needs one). A person takes a duty only if the rules' own
``violations`` find no new hard violation in that person's duties: the same judge that
checks every finished roster, so no limit is re-implemented here; people in an ``apart``
pair are checked together with their partner's duties. The roster is only a hint: the
solver repairs whatever it still gets wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from roster.plan.index import Duty, Need, PlanIndex, Post
from roster.plan.model import PairKind, Priority
from roster.roster import Roster
from roster.rules import Rule, RuleSet

#: The priorities the greedy fills, in order.
FILLED = (Priority.CRITICAL, Priority.HIGH)


def first_roster(
    index: PlanIndex,
    rules: Sequence[Rule],
    stopped: Callable[[], bool] = lambda: False,
    allowed: frozenset[tuple[int, int]] | None = None,
) -> Roster | None:
    """A roster meeting as much demand as the greedy manages under the hard rules.

    Once ``stopped()`` (Ctrl-C, or its time is up), the duties placed so far are the
    roster: each was placed without breaking a hard rule, so the roster holds them all.
    ``allowed``: the (person, post) pairs it may use, by default all no rule forbids (a
    big plan's are narrowed, ``roster.engine.candidates``).

    The duties a rule forces (``Rule.forced``: the leader's pins) are placed first. None
    when they alone already break a hard rule: then the plan has limits that only more
    duties can meet (a minimum of hours or of days in a row, as in the public benchmarks),
    and adding duties one at a time, each without a new violation, would lead nowhere.
    """
    rule_set = RuleSet(list(rules))
    hard = rule_set.hard
    if allowed is None:
        allowed = rule_set.allowed(index)
    takers: dict[int, list[int]] = defaultdict(list)
    for person_idx, post_idx in sorted(allowed):
        takers[post_idx].append(person_idx)
    duties: dict[int, list[Duty]] = defaultdict(list)
    on_post: dict[tuple[str, int], list[int]] = defaultdict(list)  # (place, slot) -> people
    pins = [duty for rule in rules for duty in rule.forced(index)]
    for pin in pins:  # forced duties are there whatever happens
        duties[pin.person].append(pin)
        on_post[pin.place, pin.slot.idx].append(pin.person)
    pinned = Roster(index, tuple(d for person_duties in duties.values() for d in person_duties))
    if any(rule.violations(pinned) for rule in hard):
        return None
    partners: dict[int, set[int]] = defaultdict(set)  # ``apart`` pairs: checked together
    for pair in index.plan.pairs:
        a, b = index.person_by_id.get(pair.a), index.person_by_id.get(pair.b)
        if pair.kind is PairKind.APART and a is not None and b is not None and a != b:
            partners[a.idx].add(b.idx)
            partners[b.idx].add(a.idx)
    broken: dict[int, int] = {}  # hard violations before the next trial, if it cannot change

    def with_partners(person: int, trial: list[Duty]) -> Roster:
        beside = [d for other in partners[person] for d in duties[other]]
        return Roster(index, (*trial, *beside))

    def hard_count(person: int, trial: list[Duty]) -> int:
        roster = with_partners(person, trial)
        return sum(len(rule.violations(roster)) for rule in hard)

    # Most trial duties that fail, fail on one or two rules (on 500 staff x 28 days: rest
    # between shifts, compounds per week). Counting stops as soon as a trial has more hard
    # violations than before, and the rule that stopped it is asked first next time: the
    # same answer as counting all, with a fraction of the checks (``breaks_more``).
    order = list(hard)

    def breaks_more(person: int, trial: list[Duty], before: int) -> bool:
        roster = with_partners(person, trial)
        found = 0
        for k, rule in enumerate(order):
            found += len(rule.violations(roster))
            if found > before:
                order.insert(0, order.pop(k))
                return True
        return False

    def skilled(person: int, skill: str | None) -> bool:
        return skill is None or skill in index.people[person].staff.skills

    # Skills some demand row asks for: people with one the post does not need are kept
    # for the posts that do (a duty leader is not spent on a night watch anyone can keep).
    asked = {n.skill for post in index.posts for n in post.needs if n.skill}

    def meet(post: Post, need: Need) -> None:
        here = on_post[post.place, post.slot.idx]
        wanted = {n.skill for n in post.needs if n.skill}

        def order(p: int) -> tuple[bool, int, int, int]:
            skills = set(index.people[p].staff.skills)
            return (not wanted <= skills, len((skills & asked) - wanted), len(duties[p]), p)

        candidates = sorted(
            (p for p in takers[post.idx] if skilled(p, need.skill) and p not in here), key=order
        )
        for person in candidates:
            if sum(skilled(p, need.skill) for p in here) >= need.min or len(here) >= post.max:
                return
            if any(d.slot == post.slot for d in duties[person]):
                continue
            before = broken.get(person)
            if before is None:
                before = hard_count(person, duties[person])
                if not partners[person]:  # else a partner's new duty may change it
                    broken[person] = before
            trial = [*duties[person], Duty(person, post.slot, post.place)]
            if not breaks_more(person, trial, before):
                duties[person] = trial
                here.append(person)

    for priority in FILLED:
        posts = [p for p in index.posts if any(n.priority is priority for n in p.needs)]
        for post in sorted(posts, key=lambda p: (len(takers[p.idx]), p.slot.start, p.place)):
            if stopped():
                break
            needs = [n for n in post.needs if n.priority is priority and n.min > 0]
            for need in sorted(needs, key=lambda n: n.skill is None):  # skilled rows first
                meet(post, need)
    every = [duty for person_duties in duties.values() for duty in person_duties]
    return Roster(index, tuple(sorted(every, key=lambda d: (d.slot.start, d.person))))
