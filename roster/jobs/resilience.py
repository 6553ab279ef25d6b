"""Resilience: whose loss a roster cannot absorb (``roster check --resilience``).

For each staff member in turn the question is: "if this person falls ill tomorrow, can every
critical post still be covered by rescheduling?" It is answered the way ``roster
reschedule`` would repair the roster (:func:`roster.jobs.reschedule.repair_plan`): the person is
absent from the moment on (or from the end of a duty they are on at that moment), duties
that started before it are frozen, and the solver looks for the repaired roster with the
least critical shortfall. Only the critical tier is solved (the other tiers do not change
the answer), with one worker and a short time limit per person.

A loss is *absorbed* when the critical shortfall is no worse than with everyone present
(normally none at all). People with no duty after the moment are absorbed without a solve
when the roster itself covers every critical post: the roster as it stands is then a repair.
For the others, what would break is the critical posts left short in the best repair found,
each with what keeps the remaining people away (:mod:`roster.check.why`).

"Tomorrow" is the period's second day, at the start of its first shift at a gate (08:00 in
the examples); a given date means that day at the same hour, a date-time that moment.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from roster.check.gaps import Gap, gaps
from roster.check.watch import watch_window
from roster.engine.model import RosterModel
from roster.engine.solve import solve
from roster.io.write import write_csv
from roster.jobs.reschedule import NewAbsence, repair_plan
from roster.plan.index import Need, PlanIndex, Post
from roster.plan.model import MINUTES_PER_DAY, Assignment, Plan, Priority, Staff, Tier
from roster.report.terminal import moment_text
from roster.result import SolverConfig, SolveResult, Status
from roster.roster import Roster
from roster.rules import Rule
from roster.text.i18n import Lang, default_lang, label

Verdict = Literal["absorbed", "breaks", "unknown"]


@dataclass(frozen=True)
class Loss:
    """What happens to the critical posts when one person falls ill.

    Attributes:
        staff: The person.
        verdict: ``absorbed`` (a repair covers as much as before), ``breaks`` (it cannot)
            or ``unknown`` (not decided within the time limit).
        proven: For ``breaks``: whether the solver proved no repair does better.
        gaps: The critical posts left short after the moment in the best repair found.
        seconds: Time spent on this person.
    """

    staff: Staff
    verdict: Verdict
    proven: bool = True
    gaps: tuple[Gap, ...] = ()
    seconds: float = 0.0


@dataclass
class ResilienceReport:
    """Whose loss the roster cannot absorb.

    Attributes:
        moment: When the person falls ill.
        losses: One per staff member, in the plan's staff order.
        baseline_cost: The least critical cost after the moment with everyone present.
        baseline_gaps: How many critical posts stay short even then.
        blocked: True when the duties before the moment break hard rules, so that no repair
            exists at all and nothing was tried.
        seconds: Wall time.
    """

    moment: dt.datetime
    losses: list[Loss] = field(default_factory=list)
    baseline_cost: int = 0
    baseline_gaps: int = 0
    blocked: bool = False
    seconds: float = 0.0

    @property
    def fragile(self) -> list[Loss]:
        """The people whose loss cannot be absorbed."""
        return [loss for loss in self.losses if loss.verdict == "breaks"]

    def lines(self, lang: Lang) -> list[str]:
        """The report for the terminal."""
        when = moment_text(self.moment, lang)
        lines = [label("res_heading", lang).format(moment=when)]
        if self.blocked:
            return [*lines, label("res_blocked", lang).format(moment=when)]
        if self.baseline_gaps:
            lines.append(
                label("res_baseline_short", lang).format(count=self.baseline_gaps, moment=when)
            )
        fragile = self.fragile
        if not fragile:
            lines.append(
                label("res_all_ok", lang).format(count=len(self.losses), seconds=self.seconds)
            )
        else:
            lines.append(
                label("res_fragile", lang).format(
                    count=len(fragile), tried=len(self.losses), seconds=self.seconds
                )
            )
        for loss in fragile:
            unproven = "" if loss.proven else label("res_unproven", lang)
            lines.append(
                "  "
                + label("res_person", lang).format(
                    name=loss.staff.name, id=loss.staff.id, count=len(loss.gaps), unproven=unproven
                )
            )
            for gap in loss.gaps:
                lines.append(f"      {gap.violation.message(lang)}")
                if gap.why:
                    lines.append(f"        {label('check_why', lang).format(why=gap.why)}")
        for loss in self.losses:
            if loss.verdict == "unknown":
                lines.append(
                    "  " + label("res_unknown", lang).format(name=loss.staff.name, id=loss.staff.id)
                )
        return lines


def default_moment(plan: Plan) -> dt.datetime:
    """ "Tomorrow": the period's second day (its only day, for a one-day plan) at the start
    of the first shift at a gate."""
    return moment_on(plan, plan.start + dt.timedelta(days=min(1, plan.days - 1)))


def moment_on(plan: Plan, date: dt.date) -> dt.datetime:
    """A date's moment for resilience: that day at the start of the first shift at a gate."""
    first = watch_window(PlanIndex(plan))[0] % MINUTES_PER_DAY
    return dt.datetime.combine(date, dt.time()) + dt.timedelta(minutes=first)


def resilience(
    plan: Plan,
    published: Sequence[Assignment],
    rules: Sequence[Rule],
    *,
    moment: dt.datetime | dt.date | None = None,
    time_limit: float = 2.0,
    seed: int = 0,
    lang: Lang | None = None,
    on_loss: Callable[[Loss], None] | None = None,
) -> ResilienceReport:
    """Try the loss of each staff member from ``moment`` on.

    Args:
        plan: The plan.
        published: The roster as it stands (rows of ``roster.csv``).
        rules: The rules in force.
        moment: When the person falls ill: a date-time, or a date (that day at the first
            shift, :func:`moment_on`); default :func:`default_moment`.
        time_limit: Seconds per person (one CP-SAT worker each).
        seed: CP-SAT's random seed.
        lang: The language of the gaps' reasons (default: from the plan's title).
        on_loss: Called after each person, for progress.

    Returns:
        The report, one loss per staff member.
    """
    started = time.monotonic()
    lang = lang or default_lang(plan.title)
    if moment is None:
        moment = default_moment(plan)
    elif not isinstance(moment, dt.datetime):
        moment = moment_on(plan, moment)
    report = ResilienceReport(moment)
    config = SolverConfig(time_limit=time_limit, workers=1, seed=seed)
    baseline = _repair(plan, published, rules, moment, None, config)
    if baseline.roster is None:
        report.blocked = True
        report.seconds = time.monotonic() - started
        return report
    report.baseline_cost = _cost(baseline)
    report.baseline_gaps = len(_critical_gaps(baseline.roster, rules, moment, lang))
    index = PlanIndex(plan)
    published_covers = _critical_cost_free(Roster.from_assignments(index, published), rules)
    future = {a.staff_id for a in published if _starts(index, a) >= moment}
    for staff in plan.staff:
        person_started = time.monotonic()
        if staff.id not in future and published_covers and report.baseline_cost == 0:
            loss = Loss(staff, "absorbed")
        else:
            loss = _try_loss(plan, published, rules, moment, staff, config, report, lang)
        loss = Loss(staff, loss.verdict, loss.proven, loss.gaps, time.monotonic() - person_started)
        report.losses.append(loss)
        if on_loss:
            on_loss(loss)
    report.seconds = time.monotonic() - started
    return report


_VERDICT_LABEL = {
    "absorbed": "res_absorbed",
    "breaks": "res_breaks",
    "unknown": "res_unknown_short",
}

RESILIENCE_HEADER = ("staff_id", "staff_name", "verdict", "proven", "critical_gaps", "what_breaks")


def write_resilience_csv(path: Path, report: ResilienceReport, lang: Lang) -> Path:
    """``resilience.csv``: one row per person, with the critical posts their loss leaves
    short (written atomically)."""
    rows = [
        (
            loss.staff.id,
            loss.staff.name,
            loss.verdict,
            str(loss.proven).lower(),
            len(loss.gaps),
            "; ".join(gap.violation.message(lang) for gap in loss.gaps),
        )
        for loss in report.losses
    ]
    write_csv(path, RESILIENCE_HEADER, rows)
    return path


def progress_line(loss: Loss, lang: Lang) -> str:
    """One line of progress after a person was tried."""
    verdict = label(_VERDICT_LABEL[loss.verdict], lang)
    return label("res_progress", lang).format(
        name=loss.staff.name, verdict=verdict, seconds=loss.seconds
    )


def _try_loss(
    plan: Plan,
    published: Sequence[Assignment],
    rules: Sequence[Rule],
    moment: dt.datetime,
    staff: Staff,
    config: SolverConfig,
    report: ResilienceReport,
    lang: Lang,
) -> Loss:
    result = _repair(plan, published, rules, moment, staff, config)
    if result.roster is None:
        return Loss(staff, "unknown", proven=False)
    cost = _cost(result)
    if cost <= report.baseline_cost:
        return Loss(staff, "absorbed")
    bound = result.tiers[-1].bound if result.tiers else None
    proven = result.status is Status.OPTIMAL or (bound is not None and bound > report.baseline_cost)
    short = tuple(_critical_gaps(result.roster, rules, moment, lang))
    if not proven and bound is not None and bound <= report.baseline_cost:
        return Loss(staff, "unknown", proven=False, gaps=short)
    return Loss(staff, "breaks", proven=proven, gaps=short)


def _repair(
    plan: Plan,
    published: Sequence[Assignment],
    rules: Sequence[Rule],
    moment: dt.datetime,
    staff: Staff | None,
    config: SolverConfig,
) -> SolveResult:
    """The best repair, by critical cost only, with ``staff`` ill from ``moment`` (or from
    the end of a duty they are on then) and everything before ``moment`` frozen."""
    absences = []
    if staff is not None:
        absences.append(NewAbsence(staff.id, _ill_from(plan, published, staff, moment)))
    repaired = repair_plan(plan, published, absences).model_copy(update={"frozen_until": moment})
    index = PlanIndex(repaired)
    hint = Roster.from_assignments(index, published)
    return solve(index, rules, config, hint=hint, prepare=_critical_only)


def _critical_only(model: RosterModel) -> None:
    """Keep only the critical tier's costs: the other tiers do not change the answer."""
    model.penalties[:] = [p for p in model.penalties if p.tier is Tier.CRITICAL]


def _ill_from(
    plan: Plan, published: Sequence[Assignment], staff: Staff, moment: dt.datetime
) -> dt.datetime:
    """When the absence starts: at ``moment``, or when a duty under way then ends (it is
    frozen, and worked to its end)."""
    index = PlanIndex(plan)
    start = moment
    for entry in published:
        if entry.staff_id != staff.id:
            continue
        slot = index.slot(entry.date, entry.shift)
        if slot is None:
            continue
        begins, ends = _at(plan, slot.start), _at(plan, slot.end)
        if begins < moment < ends:
            start = max(start, ends)
    return start


def _at(plan: Plan, minute: int) -> dt.datetime:
    return dt.datetime.combine(plan.start, dt.time()) + dt.timedelta(minutes=minute)


def _starts(index: PlanIndex, entry: Assignment) -> dt.datetime:
    slot = index.slot(entry.date, entry.shift)
    if slot is None:
        return dt.datetime.min
    return _at(index.plan, slot.start)


def _cost(result: SolveResult) -> int:
    """The critical tier's cost of a solve (0 when it has no critical costs)."""
    return sum(t.objective or 0 for t in result.tiers if Tier.CRITICAL in t.level)


def _critical_cost_free(roster: Roster, rules: Sequence[Rule]) -> bool:
    """Whether the roster leaves no critical cost at all."""
    return not any(
        v.tier is Tier.CRITICAL and v.cost
        for rule in rules
        if rule.name == "coverage"
        for v in rule.violations(roster)
    )


def _critical_gaps(
    roster: Roster, rules: Sequence[Rule], moment: dt.datetime, lang: Lang
) -> list[Gap]:
    """The critical posts short after ``moment``, with their reasons."""
    plan = roster.index.plan
    short = [
        v
        for rule in rules
        if rule.name == "coverage"
        for v in rule.violations(roster)
        if isinstance(need := v.details.get("need"), Need)
        and need.priority is Priority.CRITICAL
        and isinstance(post := v.details.get("post"), Post)
        and _at(plan, post.slot.start) >= moment
    ]
    return gaps(roster, short, rules, lang)
