"""The one checker: a roster judged against its rules, in one report.

Every rule's own ``violations`` judges the roster (:func:`roster.check.violations.check`), so
``roster check``, ``roster solve``'s outputs and the tests never disagree with the solver
about what a rule means; the coverage rule's shortfalls become gaps with what keeps each
person away (:mod:`roster.check.gaps`), and those at unmanaged compounds' night posts are
picked out (:mod:`roster.check.nights`); the watch at round-the-clock gates is followed hour
by hour (:mod:`roster.check.watch`). One fault is one finding: a hard finding that only
repeats another about the same person and duties is left out
(:func:`roster.check.violations.one_finding_per_fault`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from roster.check.gaps import Gap, gaps
from roster.check.nights import ShortNight, short_nights
from roster.check.violations import check, hard_violations, one_finding_per_fault
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
        violations: Every rule's findings, hard ones first, each fault once (a double
            booking is ``one_place``'s finding, not also a rest rule's).
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
    def short_nights(self) -> list[ShortNight]:
        """The night posts at unmanaged compounds below their requirement, in time order."""
        return short_nights(self.roster.index, self.gaps)

    @property
    def unmanaged_night_minutes(self) -> int:
        """Night minutes with nobody on watch at the unmanaged compounds."""
        return sum(h.night_minutes for h in self.unmanaged_night_holes)

    @property
    def exit_code(self) -> int:
        """0 all well; 1 hard violations, critical gaps, or an unmanaged compound's night
        short of people or unwatched (whatever its demand's priority: nobody else guards
        those gates); 2 entries that could not be read."""
        if self.problems:
            return 2
        failing = self.hard or self.critical_gaps or self.short_nights
        return 1 if failing or self.unmanaged_night_holes else 0


def judge(
    roster: Roster, rules: Sequence[Rule], lang: Lang, deadline: float | None = None
) -> CheckReport:
    """Judge ``roster`` against ``rules``: every violation, the gaps with their blockers
    (summed up in ``lang``; past ``deadline``, a command's time limit, gaps are listed
    without them) and the hours with nobody on watch."""
    violations = one_finding_per_fault(check(roster, rules))
    return CheckReport(
        roster=roster,
        lang=lang,
        violations=violations,
        gaps=gaps(roster, violations, rules, lang, deadline),
        holes=holes(roster),
    )
