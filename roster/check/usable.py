"""Before solving: people nobody can use and critical demand nobody can meet, with why.

Found with the rules' own predicates, never a copy of their logic. A person can usefully
take a post when:

* no rule ``forbids`` it (the very ``RuleSet.allowed`` the model is built on);
* some place on it is theirs to fill: not every place is for a skill they lack (a gate's
  morning post of one, which must be a duty leader, is of no use to someone who is not);
* no rule that enforces only maxima (``roster.plan.limits.cap_rules``) finds that the duty
  alone breaks it: ``max_nights_per_week = 0``, or last week's nights already at the cap.
  More duties never count less under such a rule, so the duty breaks it in every roster.

A critical demand row is short on a day when fewer people than it needs could take its
post there (with its skill, if it names one). What rules out a post is said as the limits,
skills and absences do ("no nights", "home by 18:00", "absent"), never why a person has
them. ``roster validate`` shows these (``roster.plan.summary.render_warnings``), and the
solve summary repeats them through :func:`warning_lines`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import get_args

from roster.check.why import Blocker, summarize
from roster.plan.index import Duty, Need, Person, PlanIndex, Post
from roster.plan.limits import cap_rules
from roster.plan.model import Demand, Priority
from roster.plan.summary import (
    PlanWarnings,
    PostKind,
    UnmetDemand,
    UnusablePerson,
    render_warnings,
    said,
)
from roster.roster import Roster
from roster.rules import Rule, RuleSet, Violation
from roster.text.i18n import Lang, Text
from roster.text.labels import skill_list, skill_text

LANGS: tuple[Lang, ...] = get_args(Lang)


def warning_lines(
    index: PlanIndex, rules: Sequence[Rule], lang: Lang, heading: str = "warn_heading"
) -> list[str]:
    """What ``roster validate`` warns about before solving, as lines in ``lang`` under the
    catalogue's ``heading`` (none when every person can fill some post and every critical
    demand can be met)."""
    return render_warnings(plan_warnings(index, rules), lang, heading)


def plan_warnings(index: PlanIndex, rules: Sequence[Rule]) -> PlanWarnings:
    """People who can fill no post and critical demand too few could ever take, with why.

    Args:
        index: The plan.
        rules: The rules in force; only the hard ones are asked.
    """
    usable = _Usable(index, rules)
    people = tuple(
        UnusablePerson(person.staff.name, usable.ruled_out(person))
        for person in index.people
        if index.posts and not any(usable.can_fill(person, post) for post in index.posts)
    )
    by_row: dict[int, list[tuple[Post, Need]]] = {}
    for post in index.posts:
        for need in post.needs:
            if need.priority is Priority.CRITICAL:
                by_row.setdefault(need.demand_row, []).append((post, need))
    demands = []
    for row, posts in sorted(by_row.items()):
        unmet = usable.unmet(index.plan.demand[row], posts)
        if unmet is not None:
            demands.append(unmet)
    return PlanWarnings(
        people=people,
        demands=tuple(demands),
        compounds=index.plan.compounds,
        shifts=index.plan.shifts,
        days=tuple(index.dates),
    )


class _Usable:
    """Who can take which post, asked of the rules once each (see the module's docstring)."""

    def __init__(self, index: PlanIndex, rules: Sequence[Rule]) -> None:
        hard = RuleSet([rule for rule in rules if rule.hard])
        self.index = index
        self.forbidding = hard.forbidding
        self.hard = hard
        caps = cap_rules()
        self.capping = [r for r in hard.rules if r.name in caps and r not in self.forbidding]
        empty = Roster(index, ())
        self.before: dict[str, list[Violation]] = {
            rule.name: rule.violations(empty) for rule in self.capping
        }
        self._alone: dict[tuple[int, int], Rule | None] = {}
        self._kept: dict[int, frozenset[int]] = {}
        self._everyone = frozenset(person.idx for person in index.people)

    def breaks_alone(self, person: Person, post: Post) -> Rule | None:
        """The first rule enforcing only maxima that the duty alone breaks, if any."""
        key = (person.idx, post.idx)
        if key not in self._alone:
            roster = Roster(self.index, (Duty(person.idx, post.slot, post.place),))
            self._alone[key] = next(
                (
                    rule
                    for rule in self.capping
                    if any(
                        person.id in v.staff and v not in self.before[rule.name]
                        for v in rule.violations(roster)
                    )
                ),
                None,
            )
        return self._alone[key]

    def can_fill(self, person: Person, post: Post) -> bool:
        """Whether no rule keeps ``person`` off ``post`` for good and one of its places is
        theirs to fill."""
        return (
            not self.hard.forbids(self.index, person, post)
            and not post.skills_lacked(person)
            and self.breaks_alone(person, post) is None
        )

    def ruled_out(self, person: Person) -> tuple[PostKind, ...]:
        """Each kind of post (a shift at the gates, or on an errand) with everything that
        rules it out for ``person``, each reason once, in the rules' order."""
        kinds: dict[tuple[str, str | None], list[Text]] = {}
        for post in self._scope(person):
            errand = None if post.compound is not None else post.place
            reasons = kinds.setdefault((post.slot.shift.name, errand), [])
            for reason in self.reasons(person, post):
                if reason not in reasons:
                    reasons.append(reason)
        return tuple(
            PostKind(shift, errand, tuple(reasons)) for (shift, errand), reasons in kinds.items()
        )

    def _scope(self, person: Person) -> list[Post]:
        """The posts that are ``person``'s to be asked about: those every rule's
        ``candidates`` keeps them for (the gates of their own area), or every post when
        none is."""
        mine = [post for post in self.index.posts if person.idx in self._candidates(post)]
        return mine or self.index.posts

    def _candidates(self, post: Post) -> frozenset[int]:
        """The people every forbidding rule's ``candidates`` keeps for ``post``."""
        if post.idx not in self._kept:
            kept = [r.candidates(self.index, post) for r in self.forbidding]
            self._kept[post.idx] = self._everyone.intersection(*(k for k in kept if k is not None))
        return self._kept[post.idx]

    def _people_for(self, post: Post) -> list[Person]:
        """The people ``candidates`` keeps for ``post``, in the plan's order."""
        return [self.index.people[i] for i in sorted(self._candidates(post))]

    def reasons(self, person: Person, post: Post) -> list[Text]:
        """What keeps ``person`` from filling ``post``: every rule that forbids it; else a
        place only for a skill they lack; else the capping rule the duty alone breaks."""
        found = [reason for _, reason in self.hard.reasons(self.index, person, post)]
        if found:
            return found
        seat = _seat_for_skill(person, post)
        if seat is not None:
            return [seat]
        rule = self.breaks_alone(person, post)
        return [] if rule is None else [Text(rule.title, {})]

    def unmet(self, demand: Demand, posts: Sequence[tuple[Post, Need]]) -> UnmetDemand | None:
        """The days on which fewer people than ``demand`` needs could take its posts, the
        fewest who could, and what keeps the others away from the first such post; None
        when every day has enough."""
        dates: set[dt.date] = set()
        fewest = None
        blocked: list[Blocker] = []
        for post, need in posts:
            able = 0
            for person in self._people_for(post):
                if self._blocker(person, post, need) is None:
                    able += 1
                    if able >= need.min:
                        break
            if able >= need.min:
                continue
            dates.add(post.slot.date)
            fewest = able if fewest is None else min(fewest, able)
            if blocked:
                continue
            # On the first short post, those it is for (its area's people) say why.
            for person in self._people_for(post) or self.index.people:
                found = self._blocker(person, post, need)
                if found is not None:
                    blocked.append(found)
        if fewest is None:
            return None
        why = {lang: summarize(blocked, lang) for lang in LANGS}
        return UnmetDemand(demand, tuple(sorted(dates)), fewest, why)

    def _blocker(self, person: Person, post: Post, need: Need) -> Blocker | None:
        """What keeps ``person`` from counting towards ``need`` on ``post``, if anything:
        lacking its skill, a rule that forbids the post, or a capping rule it breaks alone."""
        if need.skill and need.skill not in person.staff.skills:
            return Blocker(person, "skills", said("warn_lacks_skill", skill=skill_text(need.skill)))
        for rule, reason in self.hard.reasons(self.index, person, post)[:1]:
            return Blocker(person, rule.name, reason)
        capped = self.breaks_alone(person, post)
        if capped is not None:
            return Blocker(person, capped.name, Text(capped.title, {}))
        return None


def _seat_for_skill(person: Person, post: Post) -> Text | None:
    """Why ``person`` can fill no place on ``post`` though they may take it: every place is
    for a skill they lack (a post of one whose demand asks one duty leader), so taking it
    would leave that skill short. None when some place is theirs."""
    lacking = post.skills_lacked(person)
    return _seat_text(tuple(lacking)) if lacking else None


@cache
def _seat_text(lacking: tuple[str, ...]) -> Text:
    return said("warn_seat_skill", skill=skill_list(list(lacking)))
