"""Who the model considers for which place, when a plan is too big to consider everyone
everywhere.

A plan without areas lets every person take every post: 500 staff x 28 days x 100
compounds is 2.4 million (person, post) pairs, a model CP-SAT cannot even load in a minute.
A street office in that position deals its people out to compounds first (包片), each
person to a few compounds, and rosters within that. ``narrow`` does the same, only when
the pairs exceed the budget the time limit allows (``pair_budget``): each person is dealt
their home compound, any place a kept roster (a pin, the roster being rescheduled) has them
at, then one place at a time, always where candidates are scarcest for what is needed
there (people per head needed, per shift and skill), until the budget is spent. Everyone
gets at least one place, so fairness and coverage still see the whole staff.

The roster then keeps every hard rule as before (it is judged by the rules, which know
nothing of this), but its costs are the least found among the rosters the narrowed model
allows: no longer proven best for the plan (``SolveResult.narrowed``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from roster.engine.interrupt import interrupted
from roster.plan.index import Person, PlanIndex, Post
from roster.rules import RuleSet

#: Model pairs per second of time limit. Building the model takes about 70-100 µs a pair
#: here (``roster.engine.solve.BUILD_SECONDS_PER_PAIR``), so this keeps building to about a
#: tenth of the limit, leaving the rest to the greedy start, presolve and search; twice as
#: many made 1 000 x 28 at 90 s build a model it had no time to search (benchmarks/
#: RESULTS.md, "Big plans without areas").
PAIRS_PER_SECOND = 1_500

#: ... and never fewer than this: a plan this small is never narrowed whatever its limit,
#: and the greedy start, which uses the same pairs, still has people enough to choose from
#: (a model this size that cannot be built in time is dropped: ``roster.engine.solve``).
MIN_PAIRS = 100_000


def pair_budget(seconds: float) -> int:
    """The most (person, post) pairs a model may have to be built and searched in
    ``seconds``."""
    return max(MIN_PAIRS, round(PAIRS_PER_SECOND * seconds))


@dataclass(frozen=True)
class Narrowing:
    """The (person, post) pairs the model considers, of about ``possible`` (an upper
    bound: the pairs the rules that forbid by slot alone leave, ``RuleSet.free_on``); fewer
    than all (``narrowed``) only when those exceed the budget."""

    pairs: frozenset[tuple[int, int]]
    possible: int
    narrowed: bool


def narrow(
    index: PlanIndex,
    rule_set: RuleSet,
    budget: int,
    kept: Iterable[tuple[int, str]] = (),
) -> Narrowing:
    """Deal places out to people so that the (person, post) pairs stay within ``budget``,
    and return the pairs no rule forbids among those dealt.

    ``kept`` are (person, place) pairs that must stay (pins, the roster being
    rescheduled). Nothing is narrowed if the pairs fit. The pairs are never all listed
    when they do not fit (millions, on 1 000 staff x 28 days without areas): what dealing
    a place costs is counted per kind of place, on the rules that forbid by slot alone.
    """
    free_on = rule_set.free_on(index)
    posts_at: dict[str, list[Post]] = defaultdict(list)
    for post in index.posts:
        posts_at[post.place].append(post)
    # Who may be dealt a place at all: those the rules' ``candidates`` (areas) let through.
    may: dict[str, frozenset[int]] = {
        place: frozenset(p.idx for p in rule_set.candidates(index, posts[0]))
        for place, posts in posts_at.items()
    }
    # What dealing a place costs a person, in pairs: the same for every place of a kind
    # (the same slots and skills), so counted once per kind.
    kind_of = {
        place: tuple(sorted((post.slot.idx, tuple(sorted(post.required_skills))) for post in posts))
        for place, posts in posts_at.items()
    }
    # Each kind by number: the kinds are long tuples, too slow to hash at every question.
    numbered: dict[tuple[tuple[int, tuple[str, ...]], ...], int] = {}
    kind_no = {place: numbered.setdefault(kind, len(numbered)) for place, kind in kind_of.items()}
    shift_of = {post.slot.idx: post.slot.shift.id for post in index.posts}
    takes: dict[tuple[int, int], list[int]] = {}
    shifts_taken: dict[tuple[int, int], list[str]] = {}

    def slots_at(person: Person, place: str) -> list[int]:
        """The slots of ``place``'s posts that ``person`` may take, by slot and skill."""
        key = (person.idx, kind_no[place])
        if key not in takes:
            skills = set(person.staff.skills)
            takes[key] = [
                slot
                for slot, needed in kind_of[place]
                if person.idx in free_on[slot] and (not needed or skills.intersection(needed))
            ]
        return takes[key]

    def shifts_at(person: Person, place: str) -> list[str]:
        key = (person.idx, kind_no[place])
        if key not in shifts_taken:
            shifts_taken[key] = sorted({shift_of[slot] for slot in slots_at(person, place)})
        return shifts_taken[key]

    def pairs_at(person: Person, place: str) -> int:
        return len(slots_at(person, place))

    def keys(person: Person, place: str) -> list[tuple[str, str, str | None]]:
        """The needs at ``place`` that ``person`` counts for, per shift they may take
        there (a person who takes no nights is no help to a night watch): anyone's, and
        their skills'."""
        shifts = shifts_at(person, place)
        return [(place, shift, None) for shift in shifts] + [
            (place, shift, skill)
            for shift in shifts
            for skill in person.staff.skills
            if (place, shift, skill) in heads
        ]

    open_to: dict[int, list[str]] = {
        person.idx: [
            place for place in posts_at if person.idx in may[place] and pairs_at(person, place) > 0
        ]
        for person in index.people
    }
    possible = sum(
        pairs_at(index.people[p], place) for p, places in open_to.items() for place in places
    )
    if possible <= budget:
        return Narrowing(rule_set.allowed(index), possible, narrowed=False)
    # Heads a place needs at once, per skill (None: anyone): the scarcity measure's divisor.
    heads: dict[tuple[str, str, str | None], int] = defaultdict(int)
    for place, posts in posts_at.items():
        for post in posts:
            shift = post.slot.shift.id
            heads[place, shift, None] = max(heads[place, shift, None], post.min, 1)
            for need in post.needs:
                if need.skill:
                    key = (place, shift, need.skill)
                    heads[key] = max(heads[key], need.min)
    dealt: dict[int, set[str]] = {person.idx: set() for person in index.people}
    count: dict[tuple[str, str, str | None], int] = defaultdict(int)
    pairs = 0

    def deal(person: Person, place: str) -> None:
        nonlocal pairs
        dealt[person.idx].add(place)
        pairs += pairs_at(person, place)
        for key in keys(person, place):
            count[key] += 1

    for person_idx, place in kept:
        if place not in dealt[person_idx]:
            deal(index.people[person_idx], place)
    for person in index.people:
        home = person.staff.home_compound
        if home in open_to[person.idx] and home not in dealt[person.idx]:
            deal(person, home)

    def scarcity(person: Person, place: str) -> float:
        """How many candidates per head the scarcest need ``person`` could help has."""
        return min(count[key] / heads[key] for key in keys(person, place))

    # Rounds over the people, each taking the place where they are needed most; people with
    # no place yet go first, so everyone has one before the budget runs out.
    # Ctrl-C ends the dealing: fewer places each, the same rules kept.
    first = True
    while (first or pairs < budget) and not interrupted():
        dealt_any = False
        for person in sorted(index.people, key=lambda p: (len(dealt[p.idx]), p.idx)):
            if (not first and pairs >= budget) or interrupted():
                break
            if first and dealt[person.idx]:
                continue
            open_places = [p for p in open_to[person.idx] if p not in dealt[person.idx]]
            if not open_places:
                continue
            deal(person, min(open_places, key=lambda place: (scarcity(person, place), place)))
            dealt_any = True
        if not first and not dealt_any:
            break  # everyone has every place they could have
        first = False
    people_at: dict[str, set[int]] = defaultdict(set)
    for person_idx, places in dealt.items():
        for place in places:
            people_at[place].add(person_idx)
    chosen = rule_set.allowed(index, {place: frozenset(p) for place, p in people_at.items()})
    return Narrowing(chosen, possible, narrowed=True)
