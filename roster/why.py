"""Why a post stays short: for each person who could have the skill, the rule that keeps them
away, found with the rules' own code (``forbids`` and ``violations``), never a second copy.

A person is kept away by a rule when adding them to the post would make that rule report a
hard violation about them that the roster did not already have.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from roster.i18n import Lang, Text
from roster.index import Duty, Need, Person, Post
from roster.model import PairKind
from roster.roster import Roster
from roster.rules import Rule, Violation

ALREADY_HERE = Text({"en": "already on this post", "zh": "已在此岗"})
NO_SKILL = Text({"en": "lacks skill {skill}", "zh": "不具备{skill}技能"})
FREE = Text({"en": "free (not chosen)", "zh": "有空（未被安排）"})


@dataclass(frozen=True)
class Blocker:
    """One person and what keeps them off a post."""

    person: Person
    rule: str | None
    reason: Text


def blockers(roster: Roster, rules: Sequence[Rule], post: Post, need: Need | None = None) -> list[Blocker]:
    """For everyone not on ``post`` (and with the need's skill), the first rule that keeps them
    away; people with no obstacle are listed as free."""
    index = roster.index
    hard = [r for r in rules if r.hard and r.name != "coverage"]
    on_post = {d.person for d in roster.on_post(post)}
    found = []
    for person in index.people:
        if person.idx in on_post:
            continue
        if need is not None and need.skill and need.skill not in person.staff.skills:
            continue
        found.append(_first_blocker(roster, hard, post, person))
    return found


def _first_blocker(roster: Roster, hard: Sequence[Rule], post: Post, person: Person) -> Blocker:
    index = roster.index
    for rule in hard:
        reason = rule.forbids(index, person, post)
        if reason is not None:
            return Blocker(person, rule.name, reason)
    # Only this person's duties (and their apart partners') matter for their own rules.
    partners = {person.idx}
    for pair in index.plan.pairs:
        if pair.kind is PairKind.APART and person.id in (pair.a, pair.b):
            partners |= {index.person_by_id[x].idx for x in (pair.a, pair.b) if x in index.person_by_id}
    mine = tuple(d for d in roster.duties if d.person in partners)
    before = Roster(index, mine)
    after = Roster(index, (*mine, Duty(person.idx, post.slot, post.place)))
    for rule in hard:
        old = {_key(v) for v in rule.violations(before)}
        new = [v for v in rule.violations(after) if person.id in v.staff and _key(v) not in old]
        if new:
            return Blocker(person, rule.name, Text(rule.title, {}))
    return Blocker(person, None, FREE)


def _key(violation: Violation) -> tuple[object, ...]:
    return (violation.rule, violation.staff, violation.date, violation.shift, violation.place, violation.amount)


def summarize(blocked: Sequence[Blocker], lang: Lang, names: int = 3) -> str:
    """One line: each reason with how many people and a few names, most common first."""
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
