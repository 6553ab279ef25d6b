"""The one checker: a roster judged against its rules, in one report.

Every rule's own ``violations`` judges the roster (:func:`roster.check.violations.check`), so
``roster check``, ``roster solve``'s outputs and the tests never disagree with the solver
about what a rule means; the coverage rule's shortfalls become gaps with what keeps each
person away (:mod:`roster.check.gaps`); the watch at round-the-clock gates is followed hour
by hour (:mod:`roster.check.watch`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from roster.check.gaps import Gap, gaps
from roster.check.violations import check, hard_violations
from roster.check.watch import Hole, holes
from roster.plan.model import Priority
from roster.plan.validate import Problem
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import Lang, Text


@dataclass
class CheckReport:
    """Everything the checker finds in a roster.

    Attributes:
        roster: The duties judged.
        lang: The language of the gaps' ``why`` summaries.
        problems: Entries of the roster's file that could not be read or do not fit the plan
            (left out of ``roster``); filled in by whoever read the file.
        notes: Readings to confirm and duplicates counted once; filled in likewise.
        violations: Every rule's findings, hard ones first.
        gaps: The posts short of people, most important first, with their blockers.
        holes: The spans with nobody on watch at round-the-clock gates, most urgent first.
    """

    roster: Roster
    lang: Lang
    problems: list[Problem] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    holes: list[Hole] = field(default_factory=list)

    @property
    def hard(self) -> list[Violation]:
        """The hard rules broken."""
        return hard_violations(self.violations)

    @property
    def critical_gaps(self) -> list[Gap]:
        """The critical posts short of people."""
        return [g for g in self.gaps if g.need.priority is Priority.CRITICAL]

    @property
    def unmanaged_night_holes(self) -> list[Hole]:
        """The holes at unmanaged compounds that touch night hours."""
        return [h for h in self.holes if h.unmanaged_night]

    @property
    def exit_code(self) -> int:
        """0 all well, 1 hard violations or critical gaps, 2 entries that could not be read."""
        if self.problems:
            return 2
        return 1 if self.hard or self.critical_gaps else 0


def judge(roster: Roster, rules: Sequence[Rule], lang: Lang) -> CheckReport:
    """Judge ``roster`` against ``rules``: every violation, the gaps with their blockers
    (summed up in ``lang``) and the hours with nobody on watch."""
    violations = check(roster, rules)
    return CheckReport(
        roster=roster,
        lang=lang,
        violations=violations,
        gaps=gaps(roster, violations, rules, lang),
        holes=holes(roster),
    )
