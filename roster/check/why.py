"""Why a post stays short: for each person who has the skill and is not on the post, the rule
that keeps them away, found with the rules' own code (``forbids`` and ``violations``), never
with a second copy of their logic.

A person is kept away by a rule in one of two ways:

* the rule ``forbids`` the pair outright (absent, no nights, lacks the skill, ...): the
  reason is the rule's own short phrase;
* putting the person on the post would make the rule report a hard violation about them
  that the roster did not already have (too little rest, too many hours this week, already
  on another post at that time, ...): the reason is that violation's own sentence, which
  says the specific thing ("only 6 h rest between 9 Feb am and 9 Feb night, needs 10 h").

People with no obstacle at all are listed as free: in a hand-made roster they are the ones
who could fill the gap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from roster.plan.index import Duty, Need, Person, Post
from roster.plan.model import PairKind
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import Lang, Text

FREE = Text({"en": "free (not chosen)", "zh": "有空（未被安排）"})
IF_ADDED = Text({"en": "{message} (if put on this post)", "zh": "{message}（若排此班）"})
PERSON_REASON = Text({"en": "{name}: {reason}", "zh": "{name}：{reason}"})


@dataclass(frozen=True)
class Blocker:
    """One person and what keeps them off a post.

    Attributes:
        person: The person.
        rule: The name of the rule that keeps them away; None when nothing does (free).
        reason: A short phrase that groups people in a summary: the rule's ``forbids``
            phrase ("absent", "no nights") or, for rules found through a violation, the
            rule's title ("Minimum rest between duties").
        detail: For rules found through a violation, that violation's own sentence about
            this person; None otherwise.
    """

    person: Person
    rule: str | None
    reason: Text
    detail: Text | None = None

    def sentence(self) -> Text:
        """What keeps this person away, said specifically: "Li Na: absent", or the rule's
        own sentence about them, marked as what would happen if they were put there."""
        if self.detail is not None:
            return Text(IF_ADDED.templates, {"message": self.detail})
        params = {"name": self.person.staff.name, "reason": self.reason}
        return Text(PERSON_REASON.templates, params)


def blockers(
    roster: Roster,
    rules: Sequence[Rule],
    post: Post,
    need: Need | None = None,
    obstacles: Obstacles | None = None,
) -> list[Blocker]:
    """For everyone not on ``post`` (and with the need's skill, if it names one), the first
    hard rule that keeps them away, in the rules' order; people with no obstacle are listed
    as free.

    Args:
        roster: The roster the post belongs to (solved, repaired or typed by hand).
        rules: The rules in force; only the hard ones other than coverage are asked.
        post: The post that is short.
        need: The demand row that is short; its skill narrows who is asked.
        obstacles: The ``Obstacles`` of ``roster`` and ``rules`` to reuse across posts
            (each person's own findings are worked out once).

    Returns:
        One blocker per person asked, in the plan's staff order.
    """
    obstacles = obstacles or Obstacles(roster, rules)
    on_post = {d.person for d in roster.on_post(post)}
    found = []
    for person in roster.index.people:
        if person.idx in on_post:
            continue
        if need is not None and need.skill and need.skill not in person.staff.skills:
            continue
        found.append(obstacles.first(post, person))
    return found


def first_blocker(roster: Roster, rules: Sequence[Rule], post: Post, person: Person) -> Blocker:
    """The first hard rule (other than coverage) that keeps ``person`` off ``post`` in
    ``roster``, with the words ``blockers`` uses; free when nothing does (``roster cover``)."""
    return Obstacles(roster, rules).first(post, person)


class Obstacles:
    """What keeps people off posts in one roster under one set of rules. A person's own
    duties, and the findings they already have, are worked out once however many posts
    are asked about: a big plan's gaps ask about every person for every gap."""

    def __init__(self, roster: Roster, rules: Sequence[Rule]) -> None:
        self.roster = roster
        self.hard = [r for r in rules if r.hard and r.name != "coverage"]
        self._mine: dict[int, tuple[Duty, ...]] = {}
        self._old: dict[tuple[int, str], set[tuple[object, ...]]] = {}
        index = roster.index
        self._partners: dict[int, set[int]] = {p.idx: {p.idx} for p in index.people}
        for pair in index.plan.pairs:
            a, b = index.person_by_id.get(pair.a), index.person_by_id.get(pair.b)
            if pair.kind is PairKind.APART and a is not None and b is not None:
                self._partners[a.idx].add(b.idx)
                self._partners[b.idx].add(a.idx)

    def first(self, post: Post, person: Person) -> Blocker:
        """The first hard rule that keeps ``person`` off ``post``; free when none does."""
        index = self.roster.index
        for rule in self.hard:
            reason = rule.forbids(index, person, post)
            if reason is not None:
                return Blocker(person, rule.name, reason)
        mine = self._duties(person)
        after = Roster(index, (*mine, Duty(person.idx, post.slot, post.place)))
        for rule in self.hard:
            old = self._old_keys(person, rule)
            new = [
                v
                for v in rule.violations(after)
                if person.id in v.staff and violation_key(v) not in old
            ]
            if new:
                return Blocker(person, rule.name, Text(rule.title, {}), new[0].text)
        return Blocker(person, None, FREE)

    def _duties(self, person: Person) -> tuple[Duty, ...]:
        """Only this person's duties (and their apart partners'): all their own rules see."""
        if person.idx not in self._mine:
            by_person = self.roster.by_person
            self._mine[person.idx] = tuple(
                d for p in sorted(self._partners[person.idx]) for d in by_person.get(p, [])
            )
        return self._mine[person.idx]

    def _old_keys(self, person: Person, rule: Rule) -> set[tuple[object, ...]]:
        key = (person.idx, rule.name)
        if key not in self._old:
            before = Roster(self.roster.index, self._duties(person))
            self._old[key] = {violation_key(v) for v in rule.violations(before)}
        return self._old[key]


def violation_key(violation: Violation) -> tuple[object, ...]:
    """What tells one finding from another when a roster is judged before and after a
    change (the same finding twice has the same key)."""
    return (
        violation.rule,
        violation.staff,
        violation.date,
        violation.shift,
        violation.place,
        violation.amount,
    )


def summarize(blocked: Sequence[Blocker], lang: Lang, names: int = 3) -> str:
    """One line for ``gaps.csv``'s ``why`` column: each reason with how many people and a
    few names, most common first: "no nights ×5 (Li Na, Wang Fang, Zhao Lei…); absent ×1
    (Sun Li)"."""
    by_reason: dict[str, list[str]] = {}
    for blocker in blocked:
        by_reason.setdefault(blocker.reason.render(lang), []).append(blocker.person.staff.name)
    counts = Counter({reason: len(people) for reason, people in by_reason.items()})
    parts = []
    for reason, count in counts.most_common():
        shown = by_reason[reason][:names]
        more = "…" if count > names else ""
        parts.append(f"{reason} ×{count} ({', '.join(shown)}{more})")
    return "; ".join(parts) if lang == "en" else "；".join(parts)
