"""``roster reschedule``: repair a published roster when someone falls ill: fewest changes,
frozen past.

The new absences are added to the plan; the published roster becomes the plan's baseline and
every duty that started before the repair moment is frozen (rule ``frozen``). The solve then
follows the usual tiers, with "few changes" (rule ``stability``) right after critical and
high coverage. What changed is listed per person, with a message ready to send.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roster.io import load_plan, read_roster_csv
from roster.io.roster_file import match_entries
from roster.io.write import atomic_write_text, guard_outputs, write_csv
from roster.jobs.solve import (
    ProgressFn,
    SolveOutcome,
    solve_and_verify,
    solve_summary,
    write_outputs,
    write_solve_json,
)
from roster.plan.index import PlanIndex, Slot
from roster.plan.model import Absence, Assignment, Plan
from roster.plan.validate import PlanError, Problem
from roster.report.tables import place_name, shift_label
from roster.result import SolverConfig
from roster.roster import Roster
from roster.rules import Rule
from roster.text.i18n import CATALOGUE, Lang, Text, default_lang, fmt_date, label


@dataclass(frozen=True)
class NewAbsence:
    """Someone who cannot work from ``start`` until ``end`` (None: the end of the period)."""

    staff: str
    start: dt.datetime
    end: dt.datetime | None = None


def repair_plan(
    plan: Plan, published: Sequence[Assignment], absences: Sequence[NewAbsence]
) -> Plan:
    """The plan to solve for a repair: new absences added, the published roster as baseline,
    frozen before the earliest new absence."""
    period_end = dt.datetime.combine(plan.start + dt.timedelta(days=plan.days), dt.time())
    added = tuple(
        Absence(
            staff=a.staff,
            start=_after_duty_under_way(plan, published, a.staff, a.start),
            end=a.end or period_end,
        )
        for a in absences
    )
    return plan.model_copy(
        update={
            "absences": (*plan.absences, *added),
            "baseline": tuple(published),
            "frozen_until": min(a.start for a in absences) if absences else None,
        }
    )


def _after_duty_under_way(
    plan: Plan, published: Sequence[Assignment], staff: str, moment: dt.datetime
) -> dt.datetime:
    """When the absence can start: a duty the person began before ``moment`` is frozen as
    worked, so the absence starts when that duty ends."""
    shifts = {s.id: s for s in plan.shifts}
    start = moment
    for row in published:
        shift = shifts.get(row.shift)
        if row.staff_id != staff or shift is None:
            continue
        began = dt.datetime.combine(row.date, dt.time()) + dt.timedelta(minutes=shift.start)
        ends = began + dt.timedelta(minutes=shift.minutes)
        if began < moment < ends:
            start = max(start, ends)
    return start


@dataclass(frozen=True)
class Change:
    """One person's duty on one shift that differs from the published roster."""

    staff_id: str
    staff_name: str
    slot: Slot
    was: str | None
    now: str | None

    def row(self) -> tuple[str, ...]:
        """A row of ``changes.csv``."""
        return (
            self.staff_id,
            self.staff_name,
            self.slot.date.isoformat(),
            self.slot.shift.id,
            self.now or self.was or "",
            self.was or "",
            self.now or "",
        )


CHANGES_HEADER = ("staff_id", "staff_name", "date", "shift", "place", "was", "now")

MOVED = Text({"en": "{date} {shift}: {was} → {now}", "zh": "{date}{shift} 由 {was} 改为 {now}"})
DROPPED = Text({"en": "{date} {shift} at {was}: cancelled", "zh": "{date}{shift} {was} 取消"})
ADDED = Text({"en": "{date} {shift}: new duty at {now}", "zh": "{date}{shift} 新增 {now}"})


def changes(roster: Roster) -> list[Change]:
    """Each (person, shift) whose place differs from the baseline, in time order."""
    index = roster.index
    was: dict[tuple[int, int], str] = {(p, s): place for p, place, s in index.baseline}
    now: dict[tuple[int, int], str] = {(d.person, d.slot.idx): d.place for d in roster.duties}
    found = []
    for person_idx, slot_idx in sorted(
        was.keys() | now.keys(), key=lambda k: (index.slots[k[1]].start, k[0])
    ):
        before, after = was.get((person_idx, slot_idx)), now.get((person_idx, slot_idx))
        if before != after:
            person = index.people[person_idx]
            found.append(Change(person.id, person.staff.name, index.slots[slot_idx], before, after))
    return found


def messages_heading(index: PlanIndex, lang: Lang) -> str:
    """The first line of ``messages.txt``: the plan and when the changes start, so a message
    pasted into the chat group says which roster it changes."""
    moment = index.plan.frozen_until
    assert moment is not None  # a repair always has a moment
    when = fmt_date(moment.date(), lang)
    if moment.time() != dt.time():
        when += f" {moment:%H:%M}"
    return label("messages_heading", lang).format(title=index.plan.title, when=when)


def messages(index: PlanIndex, found: Sequence[Change], lang: Lang) -> list[str]:
    """One message per changed person, ready to paste into the chat group, each duty with its
    shift's times: "张三：2月12日夜班 20:00–08:00 由 B小区 改为 A小区". A person is told
    only about their own duties: what they were on and what they are on now."""
    by_person: dict[str, list[Change]] = defaultdict(list)
    for change in found:
        by_person[change.staff_name].append(change)
    lines = []
    separator = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    for name, items in by_person.items():
        parts = [_describe(index, c, lang) for c in items]
        lines.append(f"{name}{colon}{separator.join(parts)}")
    return lines


def _describe(index: PlanIndex, change: Change, lang: Lang) -> str:
    def place(place_id: str | None) -> str:
        return place_name(index, place_id, lang) if place_id else ""

    text = MOVED if change.was and change.now else DROPPED if change.was else ADDED
    return text.templates[lang].format(
        date=fmt_date(change.slot.date, lang),
        shift=shift_label(change.slot.shift),
        was=place(change.was),
        now=place(change.now),
    )


@dataclass
class RescheduleOutcome(SolveOutcome):
    """What ``reschedule_plan`` produced: a solve outcome plus the changes."""

    changes: list[Change] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def reschedule_plan(
    plan_path: Path,
    roster_path: Path,
    absences: Sequence[NewAbsence],
    out_dir: Path,
    rules: Sequence[Rule],
    config: SolverConfig,
    *,
    lang: Lang | None = None,
    on_progress: ProgressFn | None = None,
    assign: Sequence[str] = (),
) -> RescheduleOutcome:
    """Repair a published roster for new absences and write the repaired roster, the changes
    and a message per changed person. The input roster is never touched. ``assign``: the
    leader's choices (``STAFF=POST@DATE/SHIFT``, from ``roster cover``), pinned. The time
    limit counts from here, as for ``roster solve``."""
    started = time.monotonic()
    plan = load_plan(plan_path)
    published = read_roster_csv(roster_path)
    chosen, assign_problems = read_assignments(plan, assign)
    problems = roster_problems(plan, published, roster_path.name) + absence_problems(plan, absences)
    problems += assign_problems
    if problems:
        raise PlanError(problems, plan.title)
    guard_outputs(out_dir, [plan_path, roster_path])
    repaired = repair_plan(plan, published, absences)
    repaired = repaired.model_copy(update={"fixed": (*repaired.fixed, *chosen)})
    index = PlanIndex(repaired)
    lang = lang or default_lang(plan.title)
    baseline = Roster.from_assignments(index, published)
    result, violations, found = solve_and_verify(
        index, rules, config, lang, on_progress, started, hint=baseline
    )
    outcome = RescheduleOutcome(repaired, index, result, lang)
    if result.roster is not None:
        outcome.violations, outcome.gaps = violations, found
        outcome.written += write_outputs(out_dir, outcome, rules)
        outcome.changes = changes(result.roster)
        outcome.messages = messages(index, outcome.changes, lang)
        changes_csv, messages_txt = out_dir / "changes.csv", out_dir / "messages.txt"
        write_csv(changes_csv, CHANGES_HEADER, (c.row() for c in outcome.changes))
        heading = messages_heading(index, lang)
        atomic_write_text(
            messages_txt, "".join(f"{line}\n" for line in [heading, "", *outcome.messages])
        )
        outcome.written += [changes_csv, messages_txt]
    outcome.written.append(write_solve_json(out_dir, repaired, result))
    outcome.seconds = time.monotonic() - started
    return outcome


def read_assignments(plan: Plan, texts: Sequence[str]) -> tuple[list[Assignment], list[Problem]]:
    """``--assign STAFF=POST@DATE/SHIFT`` values as rows to pin; each one that cannot be read
    or does not fit the plan (unknown staff, post or shift, a date outside the period) is a
    problem."""
    found: list[Assignment] = []
    problems: list[Problem] = []
    for text in texts:
        staff, _, rest = text.partition("=")
        place, _, when = rest.partition("@")
        day, _, shift = when.partition("/")
        try:
            row = Assignment(
                date=dt.date.fromisoformat(day.strip()),
                shift=shift.strip(),
                place=place.strip(),
                staff_id=staff.strip(),
            )
        except ValueError:
            message = Text(CATALOGUE["assign_form"], {"value": text})
            problems.append(Problem("--assign", None, None, text, message))
            continue
        matched = match_entries(PlanIndex(plan), [row], file="--assign", where=[text])
        found += matched.usable
        problems += matched.problems
    return found, problems


def roster_problems(plan: Plan, rows: Sequence[Assignment], file: str) -> list[Problem]:
    """A published roster must name the plan's staff and shifts (row numbers as in Excel)."""
    staff = {s.id for s in plan.staff}
    shifts = {s.id for s in plan.shifts}
    problems = []
    for number, row in enumerate(rows, start=2):
        if row.staff_id not in staff:
            text = Text(
                CATALOGUE["reschedule_unknown_ref"], {"what": "staff", "value": row.staff_id}
            )
            problems.append(Problem(file, number, "staff_id", row.staff_id, text))
        if row.shift not in shifts:
            text = Text(CATALOGUE["reschedule_unknown_ref"], {"what": "shift", "value": row.shift})
            problems.append(Problem(file, number, "shift", row.shift, text))
    return problems


def absence_problems(plan: Plan, absences: Sequence[NewAbsence]) -> list[Problem]:
    """New absences must name known staff and fall inside the period."""
    known = {s.id for s in plan.staff}
    first = dt.datetime.combine(plan.start, dt.time())
    last = first + dt.timedelta(days=plan.days)
    problems = []
    for absence in absences:
        if absence.staff not in known:
            problems.append(
                Problem(
                    "--absent",
                    None,
                    "staff",
                    absence.staff,
                    Text(
                        CATALOGUE["absence_unknown_staff"],
                        {"value": absence.staff, "known": ", ".join(sorted(known))},
                    ),
                )
            )
        if not first <= absence.start < last:
            problems.append(
                Problem(
                    "--from",
                    None,
                    "from",
                    absence.start.isoformat(sep=" "),
                    Text(
                        CATALOGUE["absence_outside_period"],
                        {"first": plan.start, "last": plan.dates[-1]},
                    ),
                )
            )
        if absence.end is not None and absence.end <= absence.start:
            problems.append(
                Problem(
                    "--to",
                    None,
                    "to",
                    absence.end.isoformat(sep=" "),
                    Text(CATALOGUE["absence_order"], {}),
                )
            )
    return problems


def reschedule_summary(outcome: RescheduleOutcome) -> list[str]:
    """The solve summary, then the changes and messages to send."""
    lines = solve_summary(outcome)
    lines.append(
        label("changes_count", outcome.lang).format(
            count=len(outcome.changes), people=len(outcome.messages)
        )
    )
    lines += [f"  {m}" for m in outcome.messages]
    return lines
