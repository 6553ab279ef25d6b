"""The tables every output is made of, recomputed from a roster and its plan (never from
solver internals): the roster rows, the gaps with their reasons, coverage and the summary."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from roster.check.why import blockers, summarize
from roster.plan.index import Need, Post
from roster.plan.model import Priority
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import Lang

ROSTER_HEADER = ("date", "shift", "start", "end", "place", "staff_id", "staff_name")
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
)


def roster_rows(roster: Roster) -> list[tuple[str, ...]]:
    """Rows of ``roster.csv``: one per person per shift, start and end as ISO date-times."""
    origin = dt.datetime.combine(roster.index.plan.start, dt.time())
    rows: list[tuple[str, ...]] = []
    for duty in sorted(
        roster.duties, key=lambda d: (d.slot.start, d.place, roster.index.people[d.person].id)
    ):
        person = roster.index.people[duty.person]
        start = origin + dt.timedelta(minutes=duty.slot.start)
        end = origin + dt.timedelta(minutes=duty.slot.end)
        rows.append(
            (
                duty.slot.date.isoformat(),
                duty.slot.shift.id,
                start.isoformat(timespec="minutes"),
                end.isoformat(timespec="minutes"),
                duty.place,
                person.id,
                person.staff.name,
            )
        )
    return rows


@dataclass(frozen=True)
class Gap:
    """A demand not met: a post short of people (with a skill, if the demand names one)."""

    post: Post
    need: Need
    assigned: int
    why: str

    @property
    def shortfall(self) -> int:
        """People missing."""
        return self.need.min - self.assigned

    def row(self) -> tuple[object, ...]:
        """A row of ``gaps.csv``."""
        slot = self.post.slot
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
        )


def gaps(
    roster: Roster, violations: Sequence[Violation], rules: Sequence[Rule], lang: Lang
) -> list[Gap]:
    """Every shortfall the coverage rule found, most important first, with its reasons."""
    found = []
    for violation in violations:
        if violation.rule != "coverage" or "need" not in violation.details:
            continue
        post = violation.details["post"]
        need = violation.details["need"]
        assigned = violation.details["assigned"]
        assert isinstance(post, Post)
        assert isinstance(need, Need)
        assert isinstance(assigned, int)
        why = summarize(blockers(roster, rules, post, need), lang)
        found.append(Gap(post, need, assigned, why))
    order = list(Priority)
    return sorted(
        found, key=lambda g: (order.index(g.need.priority), g.post.slot.start, g.post.place)
    )


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
