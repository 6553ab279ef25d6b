"""The checks that look across a plan's files.

Bad input never gives a traceback (design §3). Readers (``roster.io``) turn every bad cell
into a :class:`Problem`; :func:`validate_plan` then checks what no single row can know:
duplicate ids, references between files, dates against the period, demand no one could
ever take. Everything found is raised at once as one :class:`PlanError`.

The problems themselves, their messages and provenance are in :mod:`roster.plan.problems`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from roster.plan.index import effective_limits, parse_days
from roster.plan.model import (
    MINUTES_PER_DAY,
    PLACE_SELECTORS,
    Assignment,
    Demand,
    Limits,
    Plan,
    Staff,
)
from roster.plan.problems import (
    MESSAGES,
    PlanError,
    Problem,
    Provenance,
    Source,
    known_list,
    message,
    period_text,
    problem_order,
    suggest,
    unique,
)
from roster.text.i18n import Text

__all__ = [
    "MESSAGES",
    "PlanError",
    "Problem",
    "Provenance",
    "Source",
    "able_staff",
    "known_list",
    "message",
    "period_text",
    "problem_order",
    "suggest",
    "unique",
    "validate_plan",
]

# --------------------------------------------------------------------------- checks


def validate_plan(plan: Plan, provenance: Provenance | None = None) -> list[Problem]:
    """Every problem across the files of a plan whose rows are each valid on their own.

    Usable on a plan built in code too: without ``provenance``, problems name
    ``<collection>.csv`` and the item's position + 2 as its row (as if written to a file
    with a header row).

    Args:
        plan: The plan to check.
        provenance: Where its items came from, as the reader knows it.

    Returns:
        The problems, in file and row order; empty when the plan is sound.
    """
    check = _Checker(plan, provenance or Provenance())
    check.unique_ids()
    check.staff()
    check.settings()
    check.demand()
    check.absences()
    check.requests()
    check.assignments("history")
    check.assignments("fixed")
    check.pairs()
    files = [check.prov.settings, *(check.prov.source(c).file for c in _COLLECTIONS)]
    return sorted(unique(check.found), key=problem_order(files))


_COLLECTIONS = (
    "staff",
    "compounds",
    "shifts",
    "demand",
    "absences",
    "requests",
    "history",
    "fixed",
    "pairs",
)


def able_staff(plan: Plan, demand: Demand) -> list[Staff]:
    """Staff who could ever take a demand row, judged only by its skill and the profile flags
    ``no_nights`` and ``no_24h`` (absences and all other limits are ignored).

    Args:
        plan: The plan (its profiles and defaults give each person's flags).
        demand: The demand row; its shift must be one of the plan's.
    """
    shift = next(s for s in plan.shifts if s.id == demand.shift)
    able = []
    for staff in plan.staff:
        limits = _limits(plan, staff)
        if demand.skill and demand.skill not in staff.skills:
            continue
        if shift.night and limits.no_nights:
            continue
        if shift.minutes >= MINUTES_PER_DAY and limits.no_24h:
            continue
        able.append(staff)
    return able


def _limits(plan: Plan, staff: Staff) -> Limits:
    profiles = [plan.profiles[name] for name in staff.profiles if name in plan.profiles]
    return effective_limits(plan.rules, profiles, staff.overrides)


def _from_text(start: dt.datetime) -> str:
    """An absence's start as the leader wrote it: a date alone means from 00:00."""
    return f"{start:%Y-%m-%d}" if start.time() == dt.time() else f"{start:%Y-%m-%d %H:%M}"


def _to_text(end: dt.datetime) -> str:
    """An absence's end as the leader wrote it: a date alone in "to" includes that day, so
    an end at midnight is shown as the day before."""
    if end.time() == dt.time():
        return f"{end - dt.timedelta(days=1):%Y-%m-%d}"
    return f"{end:%Y-%m-%d %H:%M}"


def _shape(text: str) -> str:
    """A name with its numbers blurred: "南昌路9号院" and "南昌路1号院" share a shape."""
    return re.sub(r"\d+", "#", text.lower())


class _Checker:
    """The cross-file checks, sharing the plan's lookups; each method adds to ``found``."""

    def __init__(self, plan: Plan, prov: Provenance) -> None:
        self.plan = plan
        self.prov = prov
        self.found: list[Problem] = []
        self.shift_ids = [s.id for s in plan.shifts]
        self.shift_by_id = {s.id: s for s in plan.shifts}
        self.compound_ids = [c.id for c in plan.compounds]
        self.compound_names = {c.name: c.id for c in plan.compounds}
        self.staff_names = {s.name: s.id for s in plan.staff}

    # -- helpers ----------------------------------------------------------------------

    def add(self, collection: str, position: int, column: str, value: object, text: Text) -> None:
        source = self.prov.source(collection)
        self.found.append(
            Problem(source.file, source.row(position), source.column(column), str(value), text)
        )

    def add_setting(self, table: str, key: str, value: object, text: Text) -> None:
        self.found.append(Problem(self.prov.settings, table, key, str(value), text))

    def _known(self, collection: str, ids: Iterable[str]) -> set[str] | None:
        """Ids a reference may name, or None when the collection could not be read."""
        source = self.prov.source(collection)
        return None if not source.complete else set(ids) | set(source.broken_ids)

    def unknown_shift(self, value: str) -> Text | None:
        known = self._known("shifts", self.shift_ids)
        if known is None or value in known:
            return None
        return message("unknown_shift", value=value, known=known_list(self.shift_ids))

    def unknown_staff(self, value: str) -> Text | None:
        known = self._known("staff", (s.id for s in self.plan.staff))
        if known is None or value in known:
            return None
        # Leaders often type a name where an id belongs: point at the id.
        if value in self.staff_names:
            hint: str | None = f"{self.staff_names[value]} ({value})"
        else:
            hint = suggest(value, sorted(known))
        if hint:
            return message("unknown_staff_suggest", value=value, suggestion=hint)
        return message("unknown_staff", value=value)

    def compound_typo(self, place: str) -> Text | None:
        """A place that is not a compound but looks like one: a typo, not an errand."""
        if (
            place in PLACE_SELECTORS
            or place in self.compound_ids
            or place in self.compound_names
            or not self.prov.source("compounds").complete
        ):
            return None
        names = [*self.compound_ids, *self.compound_names]
        lowered = {n.lower(): n for n in names}
        hint = lowered.get(place.lower()) or suggest(place, names)
        if hint is None and any(ch.isdigit() for ch in place):
            hint = next((n for n in names if _shape(n) == _shape(place)), None)
        if hint is None:
            return None
        return message("compound_typo", value=place, suggestion=hint)

    def in_period(self, date: dt.date) -> bool:
        return self.plan.start <= date < self.plan.start + dt.timedelta(days=self.plan.days)

    # -- the checks -------------------------------------------------------------------

    def unique_ids(self) -> None:
        """Duplicate ids in staff, compounds and shifts; compound ids that are selectors."""
        for collection, ids in (
            ("staff", [s.id for s in self.plan.staff]),
            ("compounds", self.compound_ids),
            ("shifts", self.shift_ids),
        ):
            first_row: dict[str, int] = {}
            source = self.prov.source(collection)
            for position, item_id in enumerate(ids):
                if item_id in first_row:
                    text = message("duplicate_id", value=item_id, first=first_row[item_id])
                    self.add(collection, position, "id", item_id, text)
                else:
                    first_row[item_id] = source.row(position)
        for position, compound in enumerate(self.plan.compounds):
            if compound.id in PLACE_SELECTORS:
                self.add(
                    "compounds",
                    position,
                    "id",
                    compound.id,
                    message("reserved_place", value=compound.id),
                )

    def staff(self) -> None:
        """Profiles, home compounds, areas and shift-type caps that staff.csv names."""
        profiles = list(self.plan.profiles)
        compounds = self._known("compounds", self.compound_ids)
        areas = {c.area for c in self.plan.compounds if c.area is not None}
        for position, staff in enumerate(self.plan.staff):
            for name in staff.profiles:
                if self.prov.profiles_known and name not in self.plan.profiles:
                    text = (
                        message("unknown_profile", value=name, known=known_list(profiles))
                        if profiles
                        else message("no_profiles", value=name)
                    )
                    self.add("staff", position, "profiles", name, text)
            home = staff.home_compound
            if home and compounds is not None and home not in compounds:
                text = message("unknown_compound", value=home, known=known_list(self.compound_ids))
                self.add("staff", position, "home_compound", home, text)
            for area in staff.areas:
                if compounds is not None and area not in areas:
                    text = message("unknown_area", value=area, known=known_list(sorted(areas)))
                    self.add("staff", position, "areas", area, text)
            for shift in staff.overrides.max_shifts_of_type:
                problem = self.unknown_shift(shift)
                if problem:
                    self.add("staff", position, "max_shifts_of_type", shift, problem)

    def settings(self) -> None:
        """Shift ids named in plan.toml: forbidden successions and shift-type caps."""
        for first, second in self.plan.forbidden_successions:
            for shift in (first, second):
                problem = self.unknown_shift(shift)
                if problem:
                    self.add_setting(
                        "[rules]", "forbidden_successions", f"{first}>{second}", problem
                    )
        limits = [("[rules]", self.plan.rules)]
        limits += [(f"[profiles.{name}]", lim) for name, lim in self.plan.profiles.items()]
        for table, lim in limits:
            for shift in lim.max_shifts_of_type:
                problem = self.unknown_shift(shift)
                if problem:
                    self.add_setting(table, "max_shifts_of_type", shift, problem)

    def demand(self) -> None:
        """Shifts, day specs, places, min/max, and demand no one could ever take."""
        for position, row in enumerate(self.plan.demand):
            unknown = self.unknown_shift(row.shift)
            if unknown:
                self.add("demand", position, "shift", row.shift, unknown)
            try:
                days = parse_days(row.days, self.plan.start, self.plan.days)
            except ValueError as error:
                self.add(
                    "demand",
                    position,
                    "days",
                    row.days,
                    message("bad_days", value=row.days, detail=str(error)),
                )
            else:
                # Weekday specs may select nothing in a short period, harmlessly; only
                # dates that all miss the period are surely a mistake.
                dated = re.search(r"\d{4}-\d", row.days)
                if self.prov.period_known and not days and dated:
                    text = message("no_days", value=row.days, period=period_text(self.plan))
                    self.add("demand", position, "days", row.days, text)
            if (
                row.place in PLACE_SELECTORS
                and not self.plan.compounds
                and self.prov.source("compounds").complete
            ):
                self.add(
                    "demand", position, "place", row.place, message("no_compounds", value=row.place)
                )
            typo = self.compound_typo(row.place)
            if typo:
                self.add("demand", position, "place", row.place, typo)
            if row.max is not None and row.min > row.max:
                self.add(
                    "demand",
                    position,
                    "max",
                    row.max,
                    message("min_over_max", min=row.min, max=row.max),
                )
            if row.shift in self.shift_by_id and row.min > 0:
                self._ever_takeable(position, row)

    def _ever_takeable(self, position: int, row: Demand) -> None:
        staff = self.prov.source("staff")
        if not staff.complete or staff.broken_ids or self.prov.source("shifts").broken_ids:
            return  # a row that did not load might be the one who could take it
        if able_staff(self.plan, row):
            return
        if row.skill and not any(row.skill in s.skills for s in self.plan.staff):
            self.add(
                "demand", position, "skill", row.skill, message("nobody_skill", value=row.skill)
            )
            return
        shift = self.shift_by_id[row.shift]
        flags = [
            f
            for f, on in (("no_nights", shift.night), ("no_24h", shift.minutes >= MINUTES_PER_DAY))
            if on
        ]
        who = message("who_skilled", skill=row.skill) if row.skill else message("who_everyone")
        text = message("nobody_limits", who=who, limits=" / ".join(flags))
        self.add("demand", position, "shift", row.shift, text)

    def _period_end(self) -> dt.datetime:
        """When the period's last duty ends (a night shift of the last day ends after it)."""
        last_day = dt.datetime.combine(self.plan.dates[-1], dt.time())
        ends = [last_day + dt.timedelta(minutes=s.start + s.minutes) for s in self.plan.shifts]
        return max(ends, default=last_day + dt.timedelta(days=1))

    def absences(self) -> None:
        """Who is absent, and whether the span makes sense and touches the period."""
        first = dt.datetime.combine(self.plan.start, dt.time())
        last = self._period_end()
        for position, absence in enumerate(self.plan.absences):
            unknown = self.unknown_staff(absence.staff)
            if unknown:
                self.add("absences", position, "staff", absence.staff, unknown)
            start, end = _from_text(absence.start), _to_text(absence.end)
            if absence.end <= absence.start:
                text = message("absence_order", start=start, end=end)
                self.add("absences", position, "end", end, text)
            elif self.prov.period_known and (absence.end <= first or absence.start >= last):
                text = message("absence_outside", period=period_text(self.plan))
                if absence.end <= first:
                    self.add("absences", position, "end", end, text)
                else:
                    self.add("absences", position, "start", start, text)

    def requests(self) -> None:
        """Who asks, for which shift, on a date inside the period."""
        for position, request in enumerate(self.plan.requests):
            unknown = self.unknown_staff(request.staff)
            if unknown:
                self.add("requests", position, "staff", request.staff, unknown)
            if request.shift is not None:
                problem = self.unknown_shift(request.shift)
                if problem:
                    self.add("requests", position, "shift", request.shift, problem)
            if self.prov.period_known and not self.in_period(request.date):
                text = message(
                    "date_outside", value=request.date.isoformat(), period=period_text(self.plan)
                )
                self.add("requests", position, "date", request.date, text)

    def assignments(self, collection: str) -> None:
        """History (before the start) and pinned duties (inside the period)."""
        rows = self.plan.history if collection == "history" else self.plan.fixed
        for position, row in enumerate(rows):
            unknown = self.unknown_staff(row.staff_id)
            if unknown:
                self.add(collection, position, "staff_id", row.staff_id, unknown)
            shift_problem = self.unknown_shift(row.shift)
            if shift_problem:
                self.add(collection, position, "shift", row.shift, shift_problem)
            typo = self.compound_typo(row.place)
            if typo:
                self.add(collection, position, "place", row.place, typo)
            if not self.prov.period_known:
                continue
            if collection == "history" and row.date >= self.plan.start:
                text = message(
                    "history_not_before", value=row.date.isoformat(), start=self.plan.start
                )
                self.add(collection, position, "date", row.date, text)
            elif collection == "fixed" and not self.in_period(row.date):
                text = message(
                    "date_outside", value=row.date.isoformat(), period=period_text(self.plan)
                )
                self.add(collection, position, "date", row.date, text)
            elif collection == "fixed" and self._absent_on(row):
                self.add(
                    collection,
                    position,
                    "staff_id",
                    row.staff_id,
                    message("pinned_absent", value=row.staff_id),
                )

    def _absent_on(self, row: Assignment) -> bool:
        """Whether a pinned duty falls in an absence of its person."""
        shift = self.shift_by_id.get(row.shift)
        if shift is None:
            return False
        start = dt.datetime.combine(row.date, dt.time()) + dt.timedelta(minutes=shift.start)
        end = start + dt.timedelta(minutes=shift.minutes)
        spans = (a for a in self.plan.absences if a.staff == row.staff_id)
        return any(a.start < end and start < a.end for a in spans)

    def pairs(self) -> None:
        """Both people of a pair exist and differ."""
        for position, pair in enumerate(self.plan.pairs):
            for column, value in (("a", pair.a), ("b", pair.b)):
                unknown = self.unknown_staff(value)
                if unknown:
                    self.add("pairs", position, column, value, unknown)
            if pair.a == pair.b:
                self.add("pairs", position, "b", pair.b, message("pair_same"))
