"""What the page and the API show, computed by the library from what the store keeps: a
plan read back from its file, a version's roster judged by the one checker, its changes
and messages, who can cover a duty, a person's calendar, a hand-edited roster checked, and
next week's plan made from a published roster.

Everything a person sees is recomputed from ``roster.csv`` and the plan, as the commands
do; nothing comes from the solver.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from constraints import all_rules
from roster.check.judge import CheckReport
from roster.io import load_plan, read_roster_csv
from roster.io.columns import absence_moment
from roster.jobs.check import check_files, check_roster
from roster.jobs.cover import cover_duties
from roster.plan.index import PlanIndex
from roster.plan.model import Absence, Assignment, Plan
from roster.report.cover import cover_json
from roster.report.tables import Published, limits_rows, place_name, shift_hours
from roster.report.terminal import check_lines
from roster.roster import Roster
from roster.rules import Rule
from roster.text.i18n import Lang, fmt_date, label
from roster.web.files import PlanKind, materialize, sniff
from roster.web.store import Store, VersionRow

_CACHE_SIZE = 16


class _Cache:
    """A few plans read back from their files (reading a workbook takes a while)."""

    def __init__(self) -> None:
        self._plans: OrderedDict[tuple[str, int], Plan] = OrderedDict()
        self._lock = threading.Lock()

    def plan(self, store: Store, plan_id: int) -> Plan:
        key = (str(store.path), plan_id)
        with self._lock:
            if key in self._plans:
                self._plans.move_to_end(key)
                return self._plans[key]
        row = store.plan(plan_id)
        if row is None:
            raise KeyError(plan_id)
        plan = read_plan(row.kind, store.plan_data(plan_id))  # type: ignore[arg-type]
        with self._lock:
            self._plans[key] = plan
            while len(self._plans) > _CACHE_SIZE:
                self._plans.popitem(last=False)
        return plan


_cache = _Cache()
_rules: list[Rule] | None = None


def rules() -> list[Rule]:
    """The rules in force (every rule of the registry, as the commands use)."""
    global _rules
    if _rules is None:
        _rules = list(all_rules())
    return _rules


def read_plan(kind: PlanKind, data: bytes) -> Plan:
    """The validated plan in an uploaded file. Raises ``PlanError`` with every problem."""
    with tempfile.TemporaryDirectory(prefix="roster-plan-") as tmp:
        return load_plan(materialize(kind, data, Path(tmp)))


def check_upload(data: bytes) -> tuple[PlanKind, Plan]:
    """What an upload is and the plan in it; raises ``UploadError`` (refused before
    reading) or ``PlanError`` (every problem in the plan)."""
    kind = sniff(data)
    return kind, read_plan(kind, data)


def stored_plan(store: Store, plan_id: int) -> Plan:
    return _cache.plan(store, plan_id)


def version_plan(store: Store, version: VersionRow) -> Plan:
    """The plan a version keeps: the stored plan with every absence added since its solve
    (health reasons are not kept: a repair's absence has none)."""
    plan = stored_plan(store, version.plan_id)
    period_end = dt.datetime.combine(plan.start + dt.timedelta(days=plan.days), dt.time())
    added = tuple(
        Absence(
            staff=str(a["staff"]),
            start=absence_moment(str(a["from"]), end=False),
            end=absence_moment(str(a["to"]), end=True) if a.get("to") else period_end,
        )
        for a in version.absences
    )
    return plan.model_copy(update={"absences": (*plan.absences, *added)}) if added else plan


def version_assignments(store: Store, version_id: int) -> list[Assignment]:
    data = store.file(version_id, "roster.csv")
    if data is None:
        return []
    return read_roster_text(data.decode("utf-8-sig"))


def read_roster_text(text: str) -> list[Assignment]:
    """The duties of a ``roster.csv`` kept in the store."""
    with tempfile.TemporaryDirectory(prefix="roster-csv-") as tmp:
        path = Path(tmp) / "roster.csv"
        path.write_text(text, encoding="utf-8")
        return read_roster_csv(path)


@dataclass
class VersionView:
    """A version's roster, judged."""

    plan: Plan
    roster: Roster
    report: CheckReport

    @property
    def published(self) -> Published:
        return Published(self.roster, self.report.violations, self.report.gaps, rules())


def version_view(store: Store, version: VersionRow, lang: Lang) -> VersionView:
    plan = version_plan(store, version)
    assignments = version_assignments(store, version.id)
    report = check_roster(plan, assignments, rules(), lang=lang)
    return VersionView(plan, report.roster, report)


def changes_of(store: Store, version_id: int) -> tuple[list[dict[str, str]], list[str]]:
    """A repaired version's changes (rows of ``changes.csv``) and its messages."""
    found: list[dict[str, str]] = []
    data = store.file(version_id, "changes.csv")
    if data is not None:
        found = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    text = store.file(version_id, "messages.txt")
    messages = text.decode("utf-8").splitlines() if text is not None else []
    return found, messages


def cover_of(
    store: Store, version: VersionRow, staff: str, start: str, end: str | None, lang: Lang
) -> dict[str, object]:
    """``roster cover`` on a version: who can take each duty ``staff`` leaves."""
    row = store.plan(version.plan_id)
    roster_csv = store.file(version.id, "roster.csv")
    assert row is not None
    assert roster_csv is not None
    with tempfile.TemporaryDirectory(prefix="roster-cover-") as tmp:
        folder = Path(tmp)
        plan_path = materialize(row.kind, store.plan_data(row.id), folder)  # type: ignore[arg-type]
        roster_path = folder / "roster.csv"
        roster_path.write_bytes(roster_csv)
        found = cover_duties(plan_path, roster_path, staff, start, end, rules(), top=5, lang=lang)
    return cover_json(found.index, found.duties, lang)


@dataclass(frozen=True)
class CheckDone:
    exit_code: int
    lines: list[str]


def check_upload_roster(
    store: Store, plan_id: int, name: str, data: bytes, lang: Lang
) -> CheckDone:
    """``roster check`` of an uploaded roster (``roster.csv`` or an edited ``roster.xlsx``)
    against a stored plan: the same findings, as lines. Raises ``PlanError``."""
    row = store.plan(plan_id)
    assert row is not None
    suffix = ".xlsx" if data.startswith(b"PK") else ".csv"
    with tempfile.TemporaryDirectory(prefix="roster-check-") as tmp:
        folder = Path(tmp)
        plan_path = materialize(row.kind, store.plan_data(plan_id), folder)  # type: ignore[arg-type]
        roster_path = folder / f"roster{suffix}"
        roster_path.write_bytes(data)
        outcome = check_files(plan_path, roster_path, folder / "out", rules(), lang=lang)
    report, used = outcome.report, outcome.lang
    lines = (
        [
            label("check_problems", used).format(count=len(report.problems)),
            *(f"  {p.render(used)}" for p in report.problems),
        ]
        if report.problems
        else []
    )
    lines += check_lines(report, name, [], why=True, unmanaged_nights=False)
    return CheckDone(report.exit_code, lines)


# ------------------------------------------------------------------ a person


@dataclass(frozen=True)
class PersonDuty:
    date: dt.date
    day: str
    shift: str
    hours: str
    place: str
    start: dt.datetime
    end: dt.datetime


def person_duties(view: VersionView, staff_id: str, lang: Lang) -> list[PersonDuty]:
    index = view.roster.index
    person = index.person_by_id[staff_id]
    origin = dt.datetime.combine(index.plan.start, dt.time())
    return [
        PersonDuty(
            date=d.slot.date,
            day=fmt_date(d.slot.date, lang),
            shift=d.slot.shift.name,
            hours=shift_hours(d.slot.shift),
            place=place_name(index, d.place, lang),
            start=origin + dt.timedelta(minutes=d.slot.start),
            end=origin + dt.timedelta(minutes=d.slot.end),
        )
        for d in view.roster.by_person.get(person.idx, [])
    ]


def person_limits(index: PlanIndex, staff_id: str, lang: Lang) -> str:
    """A person's own limits as phrases ("no nights"), never the reason behind them (the
    report's limits table says it the same way)."""
    person = index.person_by_id[staff_id]
    return limits_rows(index, lang)[1 + person.idx][1]


def ics(title: str, name: str, duties: Sequence[PersonDuty], stamp: dt.datetime) -> str:
    """An iCalendar file of one person's duties (local times, as the roster gives them)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//roster//duty roster//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ics_text(f'{title} {name}')}",
    ]
    for n, duty in enumerate(duties):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{duty.start:%Y%m%dT%H%M}-{n}-{_digest(title, name)}@roster",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{duty.start:%Y%m%dT%H%M%S}",
            f"DTEND:{duty.end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{_ics_text(f'{duty.shift} {duty.place}')}",
            f"LOCATION:{_ics_text(duty.place)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(f"{line}\r\n" for line in lines)


def _digest(*parts: str) -> str:
    import hashlib

    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
