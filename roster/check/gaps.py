"""The posts a roster leaves short of people, each with what keeps everyone who could take it
away, and coverage per priority: recomputed from the roster and the coverage rule's own
findings (never from solver internals), for ``gaps.csv``, the reports and ``roster check``."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from roster.check.why import Blocker, Obstacles, blockers, summarize
from roster.plan.index import Need, Post
from roster.plan.model import Priority
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import Lang, label
from roster.text.labels import errand_label, skill_label

GAPS_HEADER = (
    "date",
    "shift",
    "place",
    "required",
    "assigned",
    "shortfall",
    "priority",
    "skill",
    "why",
    # Names in the run's language, after the columns scripts read by position.
    "place_name",
    "shift_name",
    "priority_label",
    "skill_label",
)


@dataclass(frozen=True)
class Gap:
    """A demand not met: a post short of people (with a skill, if the demand names one).

    Attributes:
        post: The post.
        need: The demand row that is short.
        assigned: People on the post who count towards the need.
        why: The blockers summed up in one line (``gaps.csv``'s ``why`` column).
        blockers: Everyone who could take the post, each with what keeps them away.
        violation: The coverage rule's own finding about the post.
    """

    post: Post
    need: Need
    assigned: int
    why: str
    blockers: tuple[Blocker, ...]
    violation: Violation

    @property
    def shortfall(self) -> int:
        """People missing."""
        return self.need.min - self.assigned

    def row(self, lang: Lang = "en") -> tuple[object, ...]:
        """A row of ``gaps.csv``: ids and codes for scripts, then names in ``lang``."""
        slot = self.post.slot
        compound, skill = self.post.compound, self.need.skill
        return (
            slot.date.isoformat(),
            slot.shift.id,
            self.post.place,
            self.need.min,
            self.assigned,
            self.shortfall,
            self.need.priority.value,
            self.need.skill or "",
            self.why,
            compound.name if compound else errand_label(self.post.place, lang),
            slot.shift.name,
            label(f"priority_{self.need.priority.value}", lang),
            skill_label(skill, lang) if skill else "",
        )


def gaps(
    roster: Roster,
    violations: Sequence[Violation],
    rules: Sequence[Rule],
    lang: Lang,
    deadline: float | None = None,
) -> list[Gap]:
    """Every shortfall the coverage rule found, most important first, each with everyone who
    could take it and what keeps them away (summed up in ``lang``).

    Past ``deadline`` (``time.monotonic``; a command's time limit) the remaining gaps are
    still listed, the most important explained first, but without what keeps people away:
    on a big plan with a thousand gaps that asks every rule about every person each time."""
    obstacles = Obstacles(roster, rules)
    order = list(Priority)
    shortfalls = [v for v in violations if v.rule == "coverage" and "need" in v.details]
    shortfalls.sort(key=lambda v: _importance(v, order))
    found = []
    for violation in shortfalls:
        if violation.rule != "coverage" or "need" not in violation.details:
            continue
        post = violation.details["post"]
        need = violation.details["need"]
        assigned = violation.details["assigned"]
        assert isinstance(post, Post)
        assert isinstance(need, Need)
        assert isinstance(assigned, int)
        if deadline is not None and time.monotonic() > deadline:
            found.append(Gap(post, need, assigned, label("why_not_explained", lang), (), violation))
            continue
        blocked = tuple(blockers(roster, rules, post, need, obstacles))
        found.append(Gap(post, need, assigned, summarize(blocked, lang), blocked, violation))
    return found  # in the order of their importance


def _importance(violation: Violation, order: list[Priority]) -> tuple[int, object, str]:
    """A shortfall's place in the gaps' order: priority, then time, then place."""
    post, need = violation.details["post"], violation.details["need"]
    assert isinstance(post, Post)
    assert isinstance(need, Need)
    return (order.index(need.priority), post.slot.start, post.place)


@dataclass(frozen=True)
class CoverageLine:
    """Coverage of one priority: person-shifts required and missing."""

    priority: Priority
    required: int
    missing: int

    @property
    def percent(self) -> float:
        """Share covered, in percent."""
        return (
            100.0 if not self.required else 100.0 * (self.required - self.missing) / self.required
        )


def coverage_by_priority(roster: Roster, found: Sequence[Gap]) -> list[CoverageLine]:
    """Required and missing person-shifts per priority (each demand row counted on its own)."""
    required: dict[Priority, int] = defaultdict(int)
    missing: dict[Priority, int] = defaultdict(int)
    for post in roster.index.posts:
        for need in post.needs:
            required[need.priority] += need.min
    for gap in found:
        missing[gap.need.priority] += gap.shortfall
    return [CoverageLine(p, required[p], missing[p]) for p in Priority if required[p]]
