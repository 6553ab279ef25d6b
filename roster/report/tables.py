"""The tables both reports are made of, as plain data in the leader's language.

``xlsx`` and ``html`` lay these out; nothing here knows about cells or tags. Everything is
recomputed from the roster, its plan and the rules' own checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from roster.check.gaps import GAPS_HEADER, Gap, coverage_by_priority
from roster.check.watch import Hole
from roster.plan.index import Person, PersonLimits, PlanIndex, effective_limits, person_limits
from roster.plan.limits import limit_phrase_templates
from roster.plan.model import MINUTES_PER_DAY, Limits, Shift
from roster.result import SolveResult
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import Lang, fmt_date, fmt_hours, label
from roster.text.labels import errand_label, skill_label


@dataclass(frozen=True)
class Published:
    """What the published files show: a roster, the rules' findings on it, its gaps with
    their reasons, the rules in force and, when it was solved here, how the solve went."""

    roster: Roster
    violations: Sequence[Violation]
    gaps: Sequence[Gap]
    rules: Sequence[Rule]
    result: SolveResult | None = None


WEEK = 7

# --------------------------------------------------------------------------- small labels


def clock(minutes: int) -> str:
    """A time of day as leaders write it: 480 -> "08:00", 1440 -> "24:00"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekday_name(date: dt.date, lang: Lang) -> str:
    """A weekday's short name: 周四, Thu."""
    return label("weekdays", lang).split()[date.weekday()]


def day_label(date: dt.date, lang: Lang) -> str:
    """A column header for a day: "3月5日 周四" or "Thu 5 Mar"."""
    return label("day_label", lang).format(
        date=fmt_date(date, lang), weekday=weekday_name(date, lang)
    )


def shift_hours(shift: Shift) -> str:
    """A shift's hours: "20:00–08:00"."""
    end = (shift.start + shift.minutes) % MINUTES_PER_DAY
    return f"{clock(shift.start)}–{clock(end)}"


def shift_label(shift: Shift) -> str:
    """A shift with its hours: "白班 08:00–20:00"."""
    return f"{shift.name} {shift_hours(shift)}"


def place_name(index: PlanIndex, place: str, lang: Lang) -> str:
    """A compound's name, or an errand's label ("shopping" reads 采买 in Chinese)."""
    compound = index.compound_by_id.get(place)
    return compound.name if compound else errand_label(place, lang)


def place_label(index: PlanIndex, place: str, lang: Lang) -> str:
    """A place's name, marked when it is an unmanaged compound (so it shows in print too)."""
    compound = index.compound_by_id.get(place)
    mark = label("unmanaged_mark", lang) if compound is not None and compound.unmanaged else ""
    return place_name(index, place, lang) + mark


def join(items: Sequence[str], lang: Lang) -> str:
    """A list in running text: "a、b" or "a, b"."""
    return label("list_sep", lang).join(items)


def describe_hole(hole: Hole, lang: Lang) -> str:
    """One sentence for a leader: "B小区 2月12日 20:00–08:00 无人值守, 12 h"."""
    return label("watch_hole", lang).format(
        place=hole.compound.name,
        span=span_text(hole.start, hole.end, lang),
        hours=fmt_hours(hole.minutes),
    )


def span_text(start: dt.datetime, end: dt.datetime, lang: Lang) -> str:
    """A span as leaders write it: "2月12日 20:00–08:00" when it lasts under a day (the end
    may fall on the next date, as a night shift's does), else with both dates."""
    if end - start < dt.timedelta(days=1):
        # A span ending at midnight reads "20:00–24:00", not "20:00–00:00".
        end_clock = "24:00" if end.time() == dt.time() and end > start else f"{end:%H:%M}"
        return f"{fmt_date(start.date(), lang)} {start:%H:%M}–{end_clock}"
    return (
        f"{fmt_date(start.date(), lang)} {start:%H:%M} – {fmt_date(end.date(), lang)} {end:%H:%M}"
    )


# --------------------------------------------------------------------------- the grid


@dataclass(frozen=True)
class GridCell:
    """One post on one day: who is on it and what is missing.

    ``post`` says whether the plan has a post there at all (False: no duty needed that day).
    """

    names: tuple[str, ...]
    shortages: tuple[str, ...]
    post: bool

    @property
    def gap(self) -> bool:
        """Whether the post is short of people."""
        return bool(self.shortages)

    def lines(self) -> list[str]:
        """The cell's text, one line each: names, then what is missing."""
        return [*self.names, *self.shortages]


@dataclass(frozen=True)
class GridRow:
    """A place and shift, across the days of one week."""

    place: str
    place_label: str
    shift: Shift
    shift_label: str
    unmanaged: bool
    errand: bool
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class GridWeek:
    """Up to seven days of the grid (weeks count from the plan's first day)."""

    number: int
    dates: tuple[dt.date, ...]
    rows: tuple[GridRow, ...]


def grid_weeks(roster: Roster, found: Sequence[Gap], lang: Lang) -> list[GridWeek]:
    """The printable grid: rows compound × shift (plan order), then errands; columns days.

    Every week has the same rows (the places and shifts used anywhere in the period), so
    the printed pages line up.
    """
    index = roster.index
    shortages: dict[tuple[str, int], list[str]] = defaultdict(list)
    for gap in found:
        key = "short_skill" if gap.need.skill else "short_people"
        skill = skill_label(gap.need.skill, lang) if gap.need.skill else ""
        text = label(key, lang).format(n=gap.shortfall, skill=skill)
        shortages[(gap.post.place, gap.post.slot.idx)].append(text)
    used = {(p.place, p.slot.shift.id) for p in index.posts}
    used |= {(d.place, d.slot.shift.id) for d in roster.duties}
    places = [c.id for c in index.plan.compounds]
    places += sorted({place for place, _ in used} - set(places))
    rows = [
        (place, shift) for place in places for shift in index.shifts if (place, shift.id) in used
    ]
    weeks = []
    for number, first in enumerate(range(0, index.days, WEEK), start=1):
        dates = tuple(index.dates[first : first + WEEK])
        grid_rows = []
        for place, shift in rows:
            compound = index.compound_by_id.get(place)
            cells = []
            for date in dates:
                slot = index.slot(date, shift.id)
                assert slot is not None  # every date of the period has every shift
                duties = roster.by_post.get((place, slot.idx), [])
                cells.append(
                    GridCell(
                        names=tuple(index.people[d.person].staff.name for d in duties),
                        shortages=tuple(shortages.get((place, slot.idx), ())),
                        post=(place, slot.idx) in index.post_at,
                    )
                )
            grid_rows.append(
                GridRow(
                    place=place,
                    place_label=place_label(index, place, lang),
                    shift=shift,
                    shift_label=shift_label(shift),
                    unmanaged=compound is not None and compound.unmanaged,
                    errand=compound is None,
                    cells=tuple(cells),
                )
            )
        weeks.append(GridWeek(number, dates, tuple(grid_rows)))
    return weeks


def grid_title(index: PlanIndex, week: GridWeek, lang: Lang) -> str:
    """The heading over one week of the grid."""
    return label("grid_title", lang).format(
        title=index.plan.title,
        first=fmt_date(week.dates[0], lang),
        last=fmt_date(week.dates[-1], lang),
    )


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class PersonRow:
    """A person's duties day by day ("白班 A小区", with the hours when asked for), with their
    hours and nights."""

    person: Person
    days: tuple[tuple[str, ...], ...]
    minutes: int
    nights: int


def people_rows(roster: Roster, lang: Lang, *, hours: bool = False) -> list[PersonRow]:
    """One row per person, in the plan's staff order; ``hours`` adds each shift's times
    ("夜班 20:00–08:00 A小区")."""
    index = roster.index
    rows = []
    for person in index.people:
        duties = roster.by_person.get(person.idx, [])
        by_day: dict[int, list[str]] = defaultdict(list)
        for duty in duties:
            shift = shift_label(duty.slot.shift) if hours else duty.slot.shift.name
            by_day[duty.slot.day].append(f"{shift} {place_name(index, duty.place, lang)}")
        rows.append(
            PersonRow(
                person=person,
                days=tuple(tuple(by_day.get(day, ())) for day in range(index.days)),
                minutes=sum(d.slot.minutes for d in duties),
                nights=sum(1 for d in duties if d.slot.night),
            )
        )
    return rows


# --------------------------------------------------------------------------- limits


def limits_rows(index: PlanIndex, lang: Lang) -> list[tuple[str, str]]:
    """The limits in force, as plain phrases: everyone's first, then each person's own.

    A person's line lists only what differs from everyone's limits, and their absences as
    dates. It never names a profile ("pregnant") nor a reason: only the limits themselves.
    """
    everyone = person_limits(effective_limits(index.plan.rules, [], Limits()))
    names = {shift.id: shift.name for shift in index.shifts}
    general = join(limit_phrases(everyone, None, lang, names), lang) or label("no_limits", lang)
    rows = [(label("everyone", lang), general)]
    for person in index.people:
        phrases = limit_phrases(person.limits, everyone, lang, names)
        if person.absences:
            phrases.append(
                label("limit_unavailable", lang).format(spans=_absence_text(index, person, lang))
            )
        rows.append((person.staff.name, join(phrases, lang) or label("same_as_everyone", lang)))
    return rows


_PERSONAL = ("no_nights", "no_24h", "max_day_minutes", "latest_end", "earliest_start", "days_off")
_HOURS_FIELDS = (
    "min_rest",
    "max_week_minutes",
    "min_total_minutes",
    "max_total_minutes",
    "max_day_minutes",
)
_CLOCK_FIELDS = ("latest_end", "earliest_start")
_LIMIT_PHRASES = limit_phrase_templates()


def limit_phrases(
    limits: PersonLimits,
    baseline: PersonLimits | None,
    lang: Lang,
    shift_names: Mapping[str, str] | None = None,
) -> list[str]:
    """Each limit that is set (and differs from ``baseline``) as a phrase: "no nights";
    shifts by their names when ``shift_names`` has them."""
    names = shift_names or {}
    phrases = []
    # Personal limits ("no nights") read first; the working-time limits everyone has follow.
    fields = sorted(dataclasses.fields(PersonLimits), key=lambda f: f.name not in _PERSONAL)
    for item in fields:
        value = getattr(limits, item.name)
        if baseline is not None and value == getattr(baseline, item.name):
            continue
        if value is None or value is False or not _is_limit(item.name, value):
            continue
        template = _LIMIT_PHRASES[item.name][lang]
        if item.name == "max_shifts_of_type":
            phrases += [
                template.format(n=n, shift=names.get(shift, shift))
                for shift, n in sorted(value.items())
            ]
        elif item.name == "days_off":
            days = [label("weekdays", lang).split()[d] for d in sorted(value)]
            phrases.append(template.format(days=join(days, lang)))
        elif item.name in _HOURS_FIELDS:
            phrases.append(template.format(hours=fmt_hours(value)))
        elif item.name in _CLOCK_FIELDS:
            phrases.append(template.format(time=clock(value)))
        else:
            phrases.append(template.format(n=value))
    return phrases


def _is_limit(name: str, value: object) -> bool:
    """Whether a set value limits anything: empty sets do not, nor does a minimum of 0 (while
    a maximum of 0, "at most 0 weekends", does)."""
    if isinstance(value, dict | frozenset):
        return bool(value)
    return not (value == 0 and name.startswith("min"))


def _absence_text(index: PlanIndex, person: Person, lang: Lang) -> str:
    """Absences as dates ("3月7日", "3月7日至3月9日"), or with times when not whole days."""
    origin = dt.datetime.combine(index.plan.start, dt.time())
    spans = []
    for a, b in person.absences:
        start, end = origin + dt.timedelta(minutes=a), origin + dt.timedelta(minutes=b)
        if a % MINUTES_PER_DAY or b % MINUTES_PER_DAY:
            spans.append(span_text(start, end, lang))
            continue
        last = (end - dt.timedelta(days=1)).date()
        first_text, last_text = fmt_date(start.date(), lang), fmt_date(last, lang)
        if last == start.date():
            spans.append(first_text)
        else:
            spans.append(label("date_range", lang).format(first=first_text, last=last_text))
    return join(spans, lang)


# --------------------------------------------------------------------------- rules, gaps


def rule_rows(rules: Sequence[Rule], lang: Lang) -> list[tuple[str, str, str]]:
    """Each rule in force: its title, hard or soft, and its tier (soft rules)."""
    return [
        (
            rule.title[lang],
            label("kind_hard" if rule.hard else "kind_soft", lang),
            label(f"tier_{rule.tier.value}", lang)
            if rule.tier is not None and not rule.hard
            else "",
        )
        for rule in rules
    ]


def weight_rows(index: PlanIndex, lang: Lang) -> list[tuple[str, int | str, str]]:
    """The soft goals' weights within their tiers: what each weighs in words, its value, and
    its key as ``plan.toml [weights]`` spells it (what a leader types to change it)."""
    return [
        (
            label(f"weight_{key}", lang),
            label("yes" if value else "no", lang) if isinstance(value, bool) else value,
            key,
        )
        for key, value in index.weights.model_dump().items()
    ]


def gap_header(lang: Lang) -> list[str]:
    """The localized headers of the gaps table (the columns of ``gaps.csv``)."""
    return [label(f"col_{column}", lang) for column in _GAP_COLUMNS]


# The columns ``gap_cells`` fills: ``gaps.csv``'s first ones (its name columns follow).
_GAP_COLUMNS = GAPS_HEADER[: GAPS_HEADER.index("why") + 1]


def gap_cells(gap: Gap, lang: Lang) -> list[object]:
    """A gap as leaders read it: names rather than ids, the priority in words."""
    post, slot = gap.post, gap.post.slot
    return [
        slot.date,
        slot.shift.name,
        post.compound.name if post.compound else errand_label(post.place, lang),
        gap.need.min,
        gap.assigned,
        gap.shortfall,
        label(f"priority_{gap.need.priority.value}", lang),
        skill_label(gap.need.skill, lang) if gap.need.skill else "",
        gap.why,
    ]


def problems(violations: Sequence[Violation], lang: Lang) -> list[tuple[bool, str]]:
    """Rules the roster breaks, hard ones first, as (hard, sentence).

    Coverage and fairness are left out: the gaps and fairness tables say more about them.
    """
    shown = [v for v in violations if v.rule not in ("coverage", "fairness")]
    return [(v.hard, v.message(lang)) for v in sorted(shown, key=lambda v: not v.hard)]


# --------------------------------------------------------------------------- status


def status_lines(
    roster: Roster,
    found: Sequence[Gap],
    holes: Sequence[Hole],
    lang: Lang,
    result: SolveResult | None,
) -> list[str]:
    """How the solve went and how well the roster covers the plan, a line each."""
    lines = []
    if result is None:
        lines.append(label("report_checked", lang))
    else:
        note = label("interrupted", lang) if result.interrupted else ""
        if not note and result.hit_time_limit:
            note = label("time_limit", lang)
        status = label(f"status_{result.status.value.lower()}", lang)
        lines.append(
            label("summary_status", lang).format(status=status, seconds=result.seconds, note=note)
        )
    lines += coverage_lines(roster, found, lang)
    if found:
        lines.append(label("summary_gaps", lang).format(count=len(found)))
    else:
        lines.append(label("summary_no_gaps", lang))
    lines.append(holes_summary(holes, lang))
    return lines


def coverage_lines(roster: Roster, found: Sequence[Gap], lang: Lang) -> list[str]:
    """Coverage per priority, a line each: share covered, person-shifts missing of required."""
    return [
        label("summary_coverage", lang).format(
            priority=label(f"priority_{line.priority.value}", lang),
            percent=line.percent,
            missing=line.missing,
            required=line.required,
        )
        for line in coverage_by_priority(roster, found)
    ]


def holes_summary(holes: Sequence[Hole], lang: Lang) -> str:
    """One line on the unwatched hours at round-the-clock gates."""
    if not holes:
        return label("watch_no_holes", lang)
    return label("watch_holes_count", lang).format(
        count=len(holes),
        hours=fmt_hours(sum(h.minutes for h in holes)),
        unmanaged=fmt_hours(sum(h.night_minutes for h in holes if h.compound.unmanaged)),
    )


def period_text(index: PlanIndex, lang: Lang) -> str:
    """The period in words: 3月5日至3月9日，共5天."""
    return label("report_period", lang).format(
        first=fmt_date(index.dates[0], lang), last=fmt_date(index.dates[-1], lang), days=index.days
    )
