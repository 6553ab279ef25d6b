"""``roster solve`` end to end: files → validated plan → CP-SAT model → roster → checks →
writers. The CLI parses arguments and calls this; ``roster reschedule`` reuses its steps."""

from __future__ import annotations

import hashlib
import json
import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from roster.check.gaps import GAPS_HEADER, Gap
from roster.check.judge import judge
from roster.check.usable import warning_lines
from roster.check.violations import level_costs
from roster.engine.solve import solve
from roster.io import load_plan
from roster.io.roster_file import ROSTER_HEADER, roster_rows
from roster.io.write import atomic_write_text, guard_outputs, write_csv
from roster.plan.index import PlanIndex
from roster.plan.model import Plan, Priority
from roster.report.html import write_report_html
from roster.report.tables import Published, coverage_lines
from roster.report.xlsx import write_roster_xlsx
from roster.result import Finding, Progress, SolverConfig, SolveResult, Status
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import CATALOGUE, Lang, default_lang, label

#: At most this many gaps and unfair loads are listed in the summary.
SHOWN = 10

ProgressFn = Callable[[Progress, Lang], None]


def with_lang(on_progress: ProgressFn | None, lang: Lang) -> Callable[[Progress], None] | None:
    """``on_progress`` told the leader's language."""
    return None if on_progress is None else (lambda progress: on_progress(progress, lang))


class RosterBug(Exception):
    """The solver produced a roster the rules reject: a bug in the model, never the user's."""


@dataclass
class SolveOutcome:
    """What ``solve_plan`` produced."""

    plan: Plan
    index: PlanIndex
    result: SolveResult
    lang: Lang
    violations: list[Violation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What ``roster validate`` warns about (people who can fill no post, critical demand
    too few can take), repeated in the summary."""
    seconds: float | None = None
    """The whole command's time, reading to written files."""

    @property
    def exit_code(self) -> int:
        """The command's exit status (design §6): 0 all well; 1 no roster, or a roster that
        leaves a critical post short. ``roster reschedule`` exits with it too."""
        if self.result.roster is None:
            return 1
        return 1 if any(g.need.priority is Priority.CRITICAL for g in self.gaps) else 0


#: Seconds to check a roster and write its files, per person and day of the plan: 6 to 29 s
#: at 500 to 1 000 staff x 28 days on this machine, the more the more gaps
#: (benchmarks/RESULTS.md, "Big plans without areas"). The search ends early by that much
#: (at most ``roster.engine.solve.RESERVE_PART`` of the limit), so the command keeps it.
WRITING_SECONDS_PER_PERSON_DAY = 0.001


#: Seconds the gaps may always be explained for, whatever is left of the limit.
EXPLAIN_MIN = 1.0


def explain_by(
    started: float, time_limit: float, writing: float, interrupted: bool = False
) -> float:
    """Until when the gaps are explained (``time.monotonic``): until the files' turn comes,
    and for ``EXPLAIN_MIN`` at least (a small plan's take milliseconds; a big plan's
    thousand may not fit at all); after Ctrl-C, ``EXPLAIN_MIN`` only."""
    if interrupted:
        return time.monotonic() + EXPLAIN_MIN
    return max(started + time_limit - writing, time.monotonic() + EXPLAIN_MIN)


def writing_seconds(index: PlanIndex) -> float:
    """About how long checking and writing a roster of ``index`` takes."""
    return WRITING_SECONDS_PER_PERSON_DAY * len(index.people) * index.plan.days


def plan_hash(plan: Plan) -> str:
    """A fingerprint of the validated plan (same plan, same hash, whatever the file format)."""
    return hashlib.sha256(plan.model_dump_json().encode()).hexdigest()[:16]


def solve_plan(
    plan_path: Path,
    out_dir: Path,
    rules: Sequence[Rule],
    config: SolverConfig,
    *,
    lang: Lang | None = None,
    on_progress: ProgressFn | None = None,
) -> SolveOutcome:
    """Load, solve, check and write a plan's roster. Raises ``PlanError`` for bad input
    (nothing written) and ``RosterBug`` if the roster breaks a hard rule. The time limit
    counts from here: reading, building, searching and the checks all fall within it."""
    started = time.monotonic()
    plan = load_plan(plan_path)
    guard_outputs(out_dir, [plan_path])
    index = PlanIndex(plan)
    lang = lang or default_lang(plan.title)
    result, violations, found = solve_and_verify(index, rules, config, lang, on_progress, started)
    outcome = SolveOutcome(
        plan, index, result, lang, warnings=warning_lines(index, rules, lang, "warn_heading_solved")
    )
    if result.roster is not None:
        outcome.violations, outcome.gaps = violations, found
        outcome.written += write_outputs(out_dir, outcome, rules)
    outcome.written.append(write_solve_json(out_dir, plan, result))
    outcome.seconds = time.monotonic() - started
    return outcome


def overran(outcome: SolveOutcome) -> bool:
    """Whether the command took longer than its ``--time-limit`` promises (design §5:
    S + max(10 % of S, 5 s)). Reading, checking and writing a very big plan take their
    time whatever the limit; the summary then says so."""
    config, seconds = outcome.result.config, outcome.seconds
    if config.stop_when_stalled or seconds is None:  # no limit was given
        return False
    return seconds > config.time_limit + max(0.1 * config.time_limit, 5.0)


def solve_and_verify(
    index: PlanIndex,
    rules: Sequence[Rule],
    config: SolverConfig,
    lang: Lang,
    on_progress: ProgressFn | None,
    started: float,
    hint: Roster | None = None,
) -> tuple[SolveResult, list[Violation], list[Gap]]:
    """Solve within the time limit counted from ``started`` (when the command began),
    leaving checking and writing their share, then ``verify`` the roster (its violations
    and gaps; none without a roster). ``hint``: the roster to start from (rescheduling)."""
    writing = writing_seconds(index)
    result = solve(
        index,
        rules,
        config,
        on_progress=with_lang(on_progress, lang),
        hint=hint,
        started=started,
        reserve=writing,
    )
    if result.roster is None:
        return result, [], []
    deadline = explain_by(started, config.time_limit, writing, result.interrupted)
    return (result, *verify(result, rules, lang, deadline))


def verify(
    result: SolveResult, rules: Sequence[Rule], lang: Lang, deadline: float | None = None
) -> tuple[list[Violation], list[Gap]]:
    """Judge the solver's roster with the one checker; a hard violation, or a cost the rules
    compute differently from the solver, is a bug and stops everything. Gaps past
    ``deadline`` are listed without what keeps people away (``roster.check.gaps``)."""
    assert result.roster is not None
    report = judge(result.roster, rules, lang, deadline)
    broken = report.hard
    if broken:
        lines = "\n".join(v.message(lang) for v in broken)
        raise RosterBug(f"{label('bug_hard_violation', lang)}\n{lines}")
    recomputed = level_costs(report.violations, list(result.objective))
    if result.costs_disagree(recomputed):
        raise RosterBug(f"solver costs {result.objective} differ from the rules' {recomputed}")
    return report.violations, report.gaps


def write_outputs(out_dir: Path, outcome: SolveOutcome, rules: Sequence[Rule]) -> list[Path]:
    """Every published file of a roster: csv, the workbook and the report page."""
    roster, result = outcome.result.roster, outcome.result
    assert roster is not None
    return [
        *write_roster_files(out_dir, roster, outcome.gaps, outcome.lang),
        *write_report_files(
            out_dir,
            Published(roster, outcome.violations, outcome.gaps, rules, result),
            outcome.lang,
        ),
    ]


def write_roster_files(
    out_dir: Path, roster: Roster, found: Sequence[Gap], lang: Lang
) -> list[Path]:
    """``roster.csv`` and ``gaps.csv`` (its label columns in ``lang``)."""
    roster_csv, gaps_csv = out_dir / "roster.csv", out_dir / "gaps.csv"
    write_csv(roster_csv, ROSTER_HEADER, roster_rows(roster))
    write_csv(gaps_csv, GAPS_HEADER, (g.row(lang) for g in found))
    return [roster_csv, gaps_csv]


def write_report_files(out_dir: Path, shown: Published, lang: Lang) -> list[Path]:
    """``roster.xlsx`` (the printable grid and its sheets) and ``report.html`` (one page)."""
    return [
        write_roster_xlsx(out_dir / "roster.xlsx", shown, lang),
        write_report_html(out_dir / "report.html", shown, lang),
    ]


def write_solve_json(out_dir: Path, plan: Plan, result: SolveResult) -> Path:
    """``solve.json``: how the solve went, with everything needed to reproduce it."""
    final = result.tiers[-1] if result.tiers else None
    objective = final.objective if final else None
    bound = final.bound if final else None
    gap = None
    if objective is not None and bound is not None:
        gap = 0.0 if objective == bound else abs(objective - bound) / max(1, abs(objective))
    payload = {
        "status": result.status.value,
        "objective": objective,
        "best_bound": bound,
        "gap": gap,
        "levels": [
            {
                "tiers": [t.value for t in t_result.level],
                "status": t_result.status.value,
                "objective": t_result.objective,
                "bound": t_result.bound,
                "seconds": round(t_result.seconds, 3),
                "stopped": why_stopped(result, k),
            }
            for k, t_result in enumerate(result.tiers)
        ],
        "narrowed": (
            None
            if result.narrowed is None
            else {"pairs_kept": result.narrowed[0], "pairs_possible": result.narrowed[1]}
        ),
        "model_built": result.model_built,
        "wall_time": round(result.seconds, 3),
        "interrupted": result.interrupted,
        "hit_time_limit": result.hit_time_limit,
        "workers": 1 if result.config.deterministic else result.config.workers,
        "seed": result.config.seed,
        "time_limit": result.config.time_limit,
        "strict": result.config.strict,
        "deterministic": result.config.deterministic,
        "parameters": dict(result.config.extra),  # CP-SAT parameters beyond those above
        "input_hash": plan_hash(plan),
        "version": version("duty-roster"),
        "ortools": version("ortools"),
        "python": platform.python_version(),
    }
    path = out_dir / "solve.json"
    atomic_write_text(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return path


def why_stopped(result: SolveResult, k: int) -> str:
    """Why level ``k`` of ``result`` ended: ``proven`` (its optimum), ``infeasible`` (no
    roster keeps every hard rule), ``stalled`` (no better roster for a while, without a
    time limit: ``SolverConfig.stop_when_stalled``), ``skipped`` (too little time left to
    start it), ``interrupted`` (Ctrl-C, in the last level run), else ``time`` (its share of
    the time limit ran out)."""
    tier = result.tiers[k]
    status = tier.status
    if status is Status.OPTIMAL:
        return "proven"
    if tier.skipped:
        return "skipped"
    if tier.stalled:
        return "stalled"
    if status is Status.INFEASIBLE:
        return "infeasible"
    if result.interrupted and k == len(result.tiers) - 1:
        return "interrupted"
    return "time"


def level_label(level: Sequence[object], lang: Lang) -> str:
    """A level's name: its tiers' labels joined by "+"."""
    return "+".join(label(f"tier_{getattr(t, 'value', t)}", lang) for t in level) or "-"


def progress_line(progress: Progress, lang: Lang, said: str | None = None) -> str:
    """One line of live progress: what the roster still leaves unmet at its level, in the
    leader's terms (``progress_said``), or without those the raw cost and bound."""
    if progress.findings is not None:
        return label("progress_findings", lang).format(
            level=level_label(progress.level, lang),
            findings=progress_said(progress, lang) if said is None else said,
            seconds=progress.seconds,
        )
    return label("progress", lang).format(
        level=level_label(progress.level, lang),
        objective=progress.objective,
        bound=progress.bound,
        seconds=progress.seconds,
    )


def progress_said(progress: Progress, lang: Lang) -> str:
    """What a roster leaves unmet at its level (posts short, people off their fair share,
    wishes not met); "" without findings. Reads the solver: call it while reporting."""
    if progress.findings is None:
        return ""
    said = [_finding(f, lang) for f in progress.findings()] or [label("finding_none", lang)]
    return label("findings_separator", lang).join(said)


def _finding(finding: Finding, lang: Lang) -> str:
    """One finding: in its rule's own words if the catalogue has them, else by its title."""
    key = f"finding_{finding.rule}"
    if key in CATALOGUE:
        return label(key, lang).format(count=finding.count)
    return label("finding_other", lang).format(title=finding.title[lang], count=finding.count)


#: A progress line is shown at most once per this many times the time its findings took to
#: read (they are read inside CP-SAT's callback, which waits meanwhile): 5 % at most.
PAUSE_FACTOR = 20


class ProgressPrinter:
    """Live progress for the terminal: a line when a level starts improving, then at most one
    a second, so a fast search does not flood the screen, and the level's end unless it
    says what was last shown."""

    def __init__(self, emit: Callable[[str], None], every: float = 1.0) -> None:
        self.emit, self.every = emit, every
        self._level: object = None
        self._last = -1.0
        self._said = ""
        self._every = every

    def __call__(self, progress: Progress, lang: Lang) -> None:
        new_level = progress.level != self._level
        if new_level or progress.final or progress.seconds - self._last >= self._every:
            began = time.monotonic()
            said = progress_said(progress, lang)
            # Reading the findings holds up the solver: on a big plan, pause the longer.
            self._every = max(self.every, PAUSE_FACTOR * (time.monotonic() - began))
            if progress.final and not new_level and said and said == self._said:
                return  # the level ends as last shown
            self._level, self._last, self._said = progress.level, progress.seconds, said
            self.emit(progress_line(progress, lang, said))


def status_word(status: Status, lang: Lang) -> str:
    """A solve's status as a leader reads it ("proven best", "已证明最优"), never the enum's
    name."""
    return label(f"status_{status.value.lower()}", lang)


def solve_summary(outcome: SolveOutcome) -> list[str]:
    """The short summary printed at the end of ``roster solve``."""
    lang, result = outcome.lang, outcome.result
    note = label("interrupted", lang) if result.interrupted else ""
    if not note and result.hit_time_limit:
        note = label("time_limit", lang)
    status = status_word(result.status, lang)
    lines = [label("summary_status", lang).format(status=status, seconds=result.seconds, note=note)]
    # How the solve went, before what the plan itself implies (the warnings).
    if not result.model_built and result.roster is not None and not result.interrupted:
        lines.append(label("summary_unsearched", lang))
    elif result.narrowed is not None:
        kept, possible = result.narrowed
        lines.append(label("summary_narrowed", lang).format(kept=kept, possible=possible))
    lines += outcome.warnings
    if result.roster is None:
        lines.append(label("no_roster", lang).format(status=status))
        return lines
    lines += coverage_lines(result.roster, outcome.gaps, lang)
    if outcome.gaps:
        lines.append(label("summary_gaps", lang).format(count=len(outcome.gaps)))
        short = [v for v in outcome.violations if v.rule == "coverage"]
        lines += [f"  {v.message(lang)}" for v in short[:SHOWN]]
    else:
        lines.append(label("summary_no_gaps", lang))
    unfair = [v for v in outcome.violations if v.rule == "fairness"]
    lines += [f"  {v.message(lang)}" for v in unfair[:SHOWN]]
    if len(unfair) > SHOWN:
        lines.append(f"  … +{len(unfair) - SHOWN}")
    folder = outcome.written[0].parent if outcome.written else ""
    files = ", ".join(p.name for p in outcome.written)
    lines.append(label("summary_written", lang).format(folder=folder, files=files))
    if overran(outcome):
        limit = outcome.result.config.time_limit
        lines.append(label("summary_overran", lang).format(seconds=outcome.seconds, limit=limit))
    return lines
