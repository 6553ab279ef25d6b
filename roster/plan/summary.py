"""What a valid plan asks for and what its people can give: the one-screen summary of
``roster validate``.

The numbers are plain arithmetic on the plan, no solver: demand per week by priority, the
person-hours it needs against an upper bound of the person-hours the staff can give under
their limits, and, for every critical demand row, how many people could ever take it. A
leader reads it before solving to see whether the week can work at all.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from roster.plan.index import WEEK, Person, PlanIndex, parse_days
from roster.plan.limits import not_applied, person_limits
from roster.plan.model import MINUTES_PER_DAY, Compound, Demand, Plan, Priority, Role, Shift
from roster.plan.validate import able_staff
from roster.text.i18n import Lang, Text, fmt_date, label
from roster.text.labels import errand_label, skill_label
from roster.text.width import ljust, rjust, width

# --------------------------------------------------------------------------- the numbers


@dataclass(frozen=True)
class Load:
    """The demand of one priority in an average week.

    Attributes:
        priority: The priority.
        shifts: Person-shifts (a post needing two people for one shift counts two).
        hours: Person-hours.
    """

    priority: Priority
    shifts: float
    hours: float


@dataclass(frozen=True)
class CriticalDemand:
    """A critical demand row and how many people could ever take it.

    Attributes:
        demand: The row of ``demand.csv``.
        able: People with its skill, not kept off its shift by ``no_nights`` or ``no_24h``,
            and not absent for it on every one of its days.
    """

    demand: Demand
    able: int


@dataclass(frozen=True)
class Summary:
    """A plan in numbers (see :func:`summarize`).

    Attributes:
        title: The plan's title.
        first: The period's first day.
        last: The period's last day.
        days: Days in the period.
        staff_by_role: How many people of each role.
        staff_with_limits: People whose limits differ from the plan's defaults.
        compounds: The compounds.
        shifts: The shifts.
        load: Demand in an average week, per priority (most urgent first).
        hours_needed: Person-hours all demand needs over the period.
        hours_urgent: Of those, what critical and high demand needs.
        hours_available: An upper bound of the person-hours the staff can give over the
            period (see :func:`minutes_available`).
        critical: Every critical demand row and how many could ever take it.
        not_applied: People whose own limits in ``staff.csv`` do not apply because a
            stricter value does (the plan's or a profile's), and those limits' names.
    """

    title: str
    first: dt.date
    last: dt.date
    days: int
    staff_by_role: dict[Role, int]
    staff_with_limits: int
    compounds: tuple[Compound, ...]
    shifts: tuple[Shift, ...]
    load: tuple[Load, ...]
    hours_needed: float
    hours_urgent: float
    hours_available: float
    critical: tuple[CriticalDemand, ...]
    not_applied: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class PostKind:
    """Posts of one shift at the gates or on one errand, and what rules them out for a person.

    Attributes:
        shift: The shift's name.
        errand: The errand (a place that is not a compound), or None for gate posts.
        reasons: What rules them out, as the rules and limits say it ("no nights",
            "home by 18:00", "absent"), each once, in the rules' order.
    """

    shift: str
    errand: str | None
    reasons: tuple[Text, ...]


@dataclass(frozen=True)
class UnusablePerson:
    """A person who can fill no post of the plan, and why, kind by kind of post.

    Attributes:
        name: The person's name.
        ruled_out: Every kind of post the plan has, with what rules it out for them.
    """

    name: str
    ruled_out: tuple[PostKind, ...]


@dataclass(frozen=True)
class UnmetDemand:
    """A critical demand row that fewer people than it needs could ever take, on some days.

    Attributes:
        demand: The row of ``demand.csv``.
        dates: The days on which too few could take it.
        able: The fewest who could on those days.
        why: What keeps the others away from its first short post, in each language: each
            reason with how many people and a few names ("no nights ×5 (Li Na, …)").
    """

    demand: Demand
    dates: tuple[dt.date, ...]
    able: int
    why: Mapping[Lang, str]


@dataclass(frozen=True)
class PlanWarnings:
    """What a leader should know before solving: people nobody can use and critical demand
    nobody can meet. Computed with the rules' own predicates (``roster.check.usable``);
    the plan only says it.

    Attributes:
        people: People who can fill no post.
        demands: Critical demand rows too few could ever take.
        compounds: The plan's compounds (to name a demand's places).
        shifts: The plan's shifts (to name a demand's shift).
        days: The days of the period (to say "every day").
    """

    people: tuple[UnusablePerson, ...]
    demands: tuple[UnmetDemand, ...]
    compounds: tuple[Compound, ...]
    shifts: tuple[Shift, ...]
    days: tuple[dt.date, ...]


def summarize(plan: Plan) -> Summary:
    """The summary of a valid plan.

    Demand counts each post once: a post with several demand rows (a gate watch, and a
    duty leader among its people) needs as many people as its largest row. Its people
    are counted at the highest priority that asks for them; the extra people a lower
    priority asks for on top count at that lower priority.

    Args:
        plan: A plan that passed validation.
    """
    index = PlanIndex(plan)
    defaults = person_limits(plan.rules)
    per_week = WEEK / plan.days
    shifts: Counter[Priority] = Counter()
    minutes: Counter[Priority] = Counter()
    order = list(Priority)
    for post in index.posts:
        counted = 0
        for need in sorted(post.needs, key=lambda n: order.index(n.priority)):
            extra = max(0, need.min - counted)
            counted += extra
            shifts[need.priority] += extra
            minutes[need.priority] += extra * post.slot.minutes
    load = tuple(Load(p, shifts[p] * per_week, minutes[p] / 60 * per_week) for p in Priority)
    urgent = minutes[Priority.CRITICAL] + minutes[Priority.HIGH]
    return Summary(
        title=plan.title,
        first=plan.start,
        last=plan.dates[-1],
        days=plan.days,
        staff_by_role=dict(Counter(s.staff.role for s in index.people)),
        # Limits that differ from everyone's: a profile, or an own column that tightens one.
        staff_with_limits=sum(1 for p in index.people if p.limits != defaults),
        compounds=plan.compounds,
        shifts=plan.shifts,
        load=load,
        hours_needed=sum(minutes.values()) / 60,
        hours_urgent=urgent / 60,
        hours_available=sum(minutes_available(index, p) for p in index.people) / 60,
        critical=tuple(
            CriticalDemand(row, able_to_take(index, row))
            for row in plan.demand
            if row.priority == Priority.CRITICAL and row.shift in index.shift_by_id
        ),
        not_applied=tuple(
            (person.staff.name, names)
            for person in index.people
            if (
                names := tuple(
                    not_applied(person.staff.overrides, index.staff_limits(person.staff))
                )
            )
        ),
    )


def minutes_available(index: PlanIndex, person: Person) -> int:
    """An upper bound on the minutes one person can work in the period.

    The least of:

    * the weekly hours cap × the number of weeks, rounded up (any period splits into
      that many 7-day windows, none above the cap);
    * the weekly shifts cap × those weeks × their longest shift;
    * their cap on total hours;
    * their working days × their longest day. A working day is one not on a weekday off
      with at least one shift they are not absent for, less ``min_days_off_per_week``
      for each whole week; the longest day is the most they can do on shifts starting
      that day, apart by the minimum rest, within ``max_hours_per_day``.

    Only shifts that some post uses count, without nights for ``no_nights`` and 24-hour
    duties for ``no_24h``. Every other rule can only lower the true figure.
    """
    limits = person.limits
    used = {post.slot.shift.id for post in index.posts}
    shifts = [
        s
        for s in index.shifts
        if s.id in used
        and not (limits.no_nights and s.night)
        and not (limits.no_24h and s.minutes >= MINUTES_PER_DAY)
    ]
    if not shifts:
        return 0
    day_cap = _longest_day(shifts, limits.min_rest)
    longest = max(s.minutes for s in shifts)
    if limits.max_day_minutes is not None:
        day_cap = min(day_cap, limits.max_day_minutes)
        longest = min(longest, limits.max_day_minutes)
    ids = {s.id for s in shifts}
    free_days = {
        slot.day
        for slot in index.slots
        if slot.shift.id in ids
        and slot.date.weekday() not in limits.days_off
        and not person.absent_during(slot.start, slot.end)
    }
    working_days = len(free_days)
    if limits.min_days_off_per_week:
        working_days = min(
            working_days, index.days - limits.min_days_off_per_week * (index.days // WEEK)
        )
    weeks = math.ceil(index.days / WEEK)
    caps = [max(working_days, 0) * day_cap]
    if limits.max_week_minutes is not None:
        caps.append(limits.max_week_minutes * weeks)
    if limits.max_shifts_per_week is not None:
        caps.append(limits.max_shifts_per_week * weeks * longest)
    if limits.max_total_minutes is not None:
        caps.append(limits.max_total_minutes)
    return min(caps)


def _longest_day(shifts: list[Shift], min_rest: int) -> int:
    """The most minutes of shifts starting on one day that fit together: no overlap, and
    the minimum rest between one's end and the next one's start."""
    best = 0
    for size in range(1, len(shifts) + 1):
        for chosen in itertools.combinations(sorted(shifts, key=lambda s: s.start), size):
            fits = all(
                later.start - (earlier.start + earlier.minutes) >= min_rest
                for earlier, later in itertools.pairwise(chosen)
            )
            if fits:
                best = max(best, sum(s.minutes for s in chosen))
    return best


def able_to_take(index: PlanIndex, demand: Demand) -> int:
    """How many people could ever take a demand row: its skill, ``no_nights``/``no_24h``,
    and not absent for it on every one of its days (see :func:`roster.plan.validate.able_staff`)."""
    days = parse_days(demand.days, index.plan.start, index.days)
    slots = [s for s in index.slots if s.day in days and s.shift.id == demand.shift]
    count = 0
    for staff in able_staff(index.plan, demand):
        person = index.person_by_id[staff.id]
        if any(not person.absent_during(s.start, s.end) for s in slots):
            count += 1
    return count


# --------------------------------------------------------------------------- the screen


def said(key: str, **params: object) -> Text:
    """The catalogue's sentence ``key`` with its values, in both languages."""
    return Text({"en": label(key, "en"), "zh": label(key, "zh")}, params)


def _text(key: str, lang: Lang, **params: object) -> str:
    return said(key, **params).render(lang)


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _join(items: list[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def _place(place: str, compounds: tuple[Compound, ...], lang: Lang) -> str:
    selectors = {"*": "place_all", "managed": "place_managed", "unmanaged": "place_unmanaged"}
    if place in selectors:
        return label(selectors[place], lang)
    names = {c.id: c.name for c in compounds}
    return names[place] if place in names else errand_label(place, lang)


def _demand_words(
    demand: Demand, compounds: tuple[Compound, ...], shifts: tuple[Shift, ...], lang: Lang
) -> dict[str, object]:
    """A demand row's place, shift, people needed and skill, as its lines say them."""
    skill = (
        _text("summary_skill", lang, skill=skill_label(demand.skill, lang)) if demand.skill else ""
    )
    return {
        "place": _place(demand.place, compounds, lang),
        "shift": next((s.name for s in shifts if s.id == demand.shift), demand.shift),
        "min": demand.min,
        "skill": skill,
    }


def render(summary: Summary, lang: Lang, warnings: PlanWarnings | None = None) -> str:
    """The summary as one screen of text in ``lang``, with the warnings before solving
    (``roster.check.usable`` finds them) when there are any."""
    lines = [summary.title] if summary.title else []
    lines.append(
        _text(
            "summary_period",
            lang,
            first=fmt_date(summary.first, lang),
            last=fmt_date(summary.last, lang),
            days=summary.days,
        )
    )
    roles = _join(
        [
            f"{label(f'role_{role.value}', lang)} {count}"
            for role in Role
            if (count := summary.staff_by_role.get(role, 0))
        ],
        lang,
    )
    lines.append(
        _text(
            "summary_people",
            lang,
            total=sum(summary.staff_by_role.values()),
            roles=roles,
            limited=summary.staff_with_limits,
        )
    )
    names = _join(
        [
            c.name + (label("unmanaged_mark", lang) if c.unmanaged else "")
            for c in summary.compounds
        ],
        lang,
    )
    unmanaged = sum(1 for c in summary.compounds if c.unmanaged)
    lines.append(
        _text(
            "summary_compounds",
            lang,
            total=len(summary.compounds),
            unmanaged=unmanaged,
            names=names,
        )
    )
    shifts = _join(
        [
            _text(
                "summary_shift",
                lang,
                name=s.name,
                start=_clock(s.start),
                end=_clock(s.end % MINUTES_PER_DAY),
                hours=_number(s.minutes / 60),
                night=label("night_mark", lang) if s.night else "",
            )
            for s in summary.shifts
        ],
        lang,
    )
    lines.append(_text("summary_shifts", lang, shifts=shifts))

    heads = [
        label("summary_demand", lang),
        label("person_shifts", lang),
        label("person_hours", lang),
    ]
    rows = [
        [label(f"priority_{x.priority.value}", lang), _number(x.shifts), _number(x.hours)]
        for x in summary.load
    ]
    rows.append(
        [
            label("summary_total", lang),
            _number(sum(x.shifts for x in summary.load)),
            _number(sum(x.hours for x in summary.load)),
        ]
    )
    # Priorities are indented under the heading; numbers are right-aligned under theirs.
    rows = [[heads[0], *heads[1:]], *[["  " + r[0], *r[1:]] for r in rows]]
    widths = [max(width(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        numbers = [rjust(cell, w) for cell, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("   ".join([ljust(row[0], widths[0]), *numbers]))

    lines.append(
        _text(
            "summary_capacity",
            lang,
            needed=_number(summary.hours_needed),
            urgent=_number(summary.hours_urgent),
            available=_number(summary.hours_available),
        )
    )
    lines.append(label("summary_capacity_note", lang))
    if summary.hours_urgent > summary.hours_available:
        short = _number(summary.hours_urgent - summary.hours_available)
        lines.append(_text("summary_short_urgent", lang, short=short))
    elif summary.hours_needed > summary.hours_available:
        short = _number(summary.hours_needed - summary.hours_available)
        lines.append(_text("summary_short", lang, short=short))

    if summary.critical:
        lines.append(label("summary_critical", lang))
    for critical in summary.critical:
        demand = critical.demand
        lines.append(
            _text(
                "summary_critical_row",
                lang,
                **_demand_words(demand, summary.compounds, summary.shifts, lang),
                days=label("every_day", lang) if demand.days.strip() in ("", "*") else demand.days,
                able=critical.able,
                warning=label("summary_too_few", lang) if critical.able < demand.min else "",
            )
        )
    if summary.not_applied:
        lines.append(label("summary_not_applied", lang))
    for name, limits in summary.not_applied:
        lines.append(
            _text("summary_not_applied_row", lang, name=name, limits=_join(list(limits), lang))
        )
    if warnings is not None:
        lines += render_warnings(warnings, lang)
    lines.append(label("summary_valid", lang))
    return "\n".join(lines)


def render_warnings(warnings: PlanWarnings, lang: Lang, heading: str = "warn_heading") -> list[str]:
    """The warnings before solving as lines in ``lang`` under the catalogue's ``heading``;
    none when there is nothing to say.

    Each person nobody can use, with what rules out each kind of post (said as the limits,
    never why they have them), and each critical demand too few could ever take, with what
    keeps the others away.
    """
    if not warnings.people and not warnings.demands:
        return []
    lines = [label(heading, lang)]
    for person in warnings.people:
        lines.append(_text("warn_person", lang, name=person.name))
        # Kinds of post ruled out by the same things are said together.
        by_reasons: dict[tuple[str, ...], list[str]] = {}
        for kind in person.ruled_out:
            reasons = tuple(reason.render(lang) for reason in kind.reasons)
            where = errand_label(kind.errand, lang) if kind.errand else label("warn_gates", lang)
            by_reasons.setdefault(reasons, []).append(
                _text("warn_kind", lang, shift=kind.shift, where=where)
            )
        for reasons, kinds in by_reasons.items():
            why = _join(list(reasons), lang)
            lines.append(_text("warn_ruled_out", lang, kinds=_join(kinds, lang), why=why))
    for unmet in warnings.demands:
        every = set(unmet.dates) == set(warnings.days)
        dates = [fmt_date(d, lang) for d in unmet.dates]
        lines.append(
            _text(
                "warn_demand",
                lang,
                **_demand_words(unmet.demand, warnings.compounds, warnings.shifts, lang),
                able=unmet.able,
                dates=label("every_day", lang) if every else _join(dates, lang),
                why=unmet.why[lang] or label("warn_nobody", lang),
            )
        )
    return lines
