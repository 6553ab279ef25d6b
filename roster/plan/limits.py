"""Working-time limits: each declared once, as a field of :class:`Limits` with its metadata.

A limit's field says everything about it: its bounds (pydantic checks them, and validation
words the failures), and in :class:`LimitInfo` its meaning (the plan workbook's note), its
phrase in both languages (what reports and explanations say of it), the rule in ``constraints/``
that enforces it, its unit, which of the values that apply to a person is the strictest, and
a typical value. Everything else derives from these fields: the resolved
:class:`PersonLimits` (in minutes) that rules read, the phrases, the workbook's notes and
columns, ``explain``'s words, the generator's defaults.

Adding a limit: a field here (and its line in ``PersonLimits``), and its rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from roster.plan.values import Clock, Frozen, Weekday, split_list

if TYPE_CHECKING:
    from roster.text.i18n import Lang

Unit = Literal["hours", "count", "clock", "flag", "weekdays", "shift_counts"]
"""What a limit's value is: hours (the rules read minutes), a count, a time of day, a yes/no,
weekdays, or a count per shift id."""

Combine = Literal["lowest", "highest", "any", "union", "lowest_each"]
"""How the values of a limit that apply to one person combine (the plan's default, each of
their profiles, their own column): the strictest wins (the lowest of maxima, the highest of
minima, any "no nights", every day off, each shift's lowest count)."""


@dataclass(frozen=True)
class LimitInfo:
    """What a limit means and how the rest of roster uses it.

    Attributes:
        note: What goes in the cell, for the workbook's notes ({typical} is filled in).
        phrase: The limit in force, for outputs and explanations: "at most {n} nights/week".
        unit: What the value is.
        combine: How the values that apply to one person combine (the strictest wins).
        rule: The rule in ``constraints/`` that enforces it.
        minutes: For a limit in hours, the :class:`PersonLimits` attribute that holds it in
            minutes (the rules count minutes).
        typical: A usual value for everyone (the note's example, the generator's default).
        weekly_count: Whether it caps a count of duties in any 7 days (``explain`` counts
            what such caps let people give).
    """

    note: Mapping[Lang, str]
    phrase: Mapping[Lang, str]
    unit: Unit
    combine: Combine
    rule: str
    minutes: str | None = None
    typical: float | None = None
    weekly_count: bool = False

    def note_text(self, lang: Lang) -> str:
        """The note in ``lang``, with its example value."""
        typical = "" if self.typical is None else f"{self.typical:g}"
        return self.note[lang].format(typical=typical)


class Limits(Frozen):
    """Working-time limits. Used for the plan's defaults (``[rules]``), for profiles and for
    a person's own columns in ``staff.csv``; an unset field means "no limit from here". A
    person's limits are the strictest of these (:func:`effective_limits`).

    Hours are given as leaders think of them (may be fractional) and turned into whole
    minutes in :class:`PersonLimits`.
    """

    min_rest_hours: Annotated[
        float | None,
        Field(ge=0, le=72),
        LimitInfo(
            note={
                "en": "Hours of rest at least between the end of one shift and the start of "
                "the next, e.g. {typical}.",
                "zh": "两个班次之间至少休息的小时数（上一班结束到下一班开始），如 {typical}。",
            },
            phrase={"en": "rest ≥ {hours} h between shifts", "zh": "两班间休息至少{hours}小时"},
            unit="hours",
            combine="highest",
            rule="min_rest",
            minutes="min_rest",
            typical=10,
        ),
    ] = None
    max_hours_per_week: Annotated[
        float | None,
        Field(ge=0, le=168),
        LimitInfo(
            note={
                "en": "Hours of duty at most in any 7 days in a row, e.g. {typical}.",
                "zh": "任意连续 7 天内最多值班小时数，如 {typical}。",
            },
            phrase={"en": "at most {hours} h/week", "zh": "每周最多{hours}小时"},
            unit="hours",
            combine="lowest",
            rule="weekly_hours",
            minutes="max_week_minutes",
            typical=48,
        ),
    ] = None
    max_shifts_per_week: Annotated[
        int | None,
        Field(ge=0, le=21),
        LimitInfo(
            note={
                "en": "Shifts at most in any 7 days in a row, e.g. {typical}.",
                "zh": "任意连续 7 天内最多班次数，如 {typical}。",
            },
            phrase={"en": "at most {n} shifts/week", "zh": "每周最多{n}个班"},
            unit="count",
            combine="lowest",
            rule="weekly_shifts",
            typical=6,
            weekly_count=True,
        ),
    ] = None
    max_consecutive_days: Annotated[
        int | None,
        Field(ge=1),
        LimitInfo(
            note={
                "en": "Working days in a row at most, e.g. {typical}.",
                "zh": "最多连续上班天数，如 {typical}。",
            },
            phrase={"en": "at most {n} days in a row", "zh": "最多连续工作{n}天"},
            unit="count",
            combine="lowest",
            rule="consecutive_days",
            typical=6,
        ),
    ] = None
    max_nights_per_week: Annotated[
        int | None,
        Field(ge=0, le=7),
        LimitInfo(
            note={
                "en": "Night shifts at most in any 7 days in a row, e.g. {typical}.",
                "zh": "任意连续 7 天内最多夜班数，如 {typical}。",
            },
            phrase={"en": "at most {n} nights/week", "zh": "每周最多{n}个夜班"},
            unit="count",
            combine="lowest",
            rule="weekly_nights",
            typical=3,
            weekly_count=True,
        ),
    ] = None
    max_consecutive_nights: Annotated[
        int | None,
        Field(ge=1),
        LimitInfo(
            note={
                "en": "Night shifts in a row at most, e.g. {typical}.",
                "zh": "最多连续夜班数，如 {typical}。",
            },
            phrase={"en": "at most {n} nights in a row", "zh": "最多连续{n}个夜班"},
            unit="count",
            combine="lowest",
            rule="consecutive_nights",
            typical=2,
        ),
    ] = None
    min_days_off_per_week: Annotated[
        int | None,
        Field(ge=0, le=7),
        LimitInfo(
            note={
                "en": "Days off at least in any 7 days in a row, e.g. {typical}.",
                "zh": "任意连续 7 天内至少休息天数，如 {typical}。",
            },
            phrase={"en": "at least {n} days off/week", "zh": "每周至少休息{n}天"},
            unit="count",
            combine="highest",
            rule="min_days_off",
            typical=1,
        ),
    ] = None
    max_compounds_per_week: Annotated[
        int | None,
        Field(ge=1),
        LimitInfo(
            note={
                "en": "Different compounds at most in a week (cohorting: one infection "
                "reaches few residents), e.g. {typical}.",
                "zh": "每周最多去几个不同的小区（分组值守，减少交叉感染），如 {typical}。",
            },
            phrase={"en": "at most {n} compounds/week", "zh": "每周最多去{n}个小区"},
            unit="count",
            combine="lowest",
            rule="compounds_per_week",
            typical=3,
        ),
    ] = None
    # General rules that public benchmarks use (over the whole period).
    min_total_hours: Annotated[
        float | None,
        Field(ge=0),
        LimitInfo(
            note={
                "en": "Hours of duty at least over the whole period.",
                "zh": "整个计划期内至少值班小时数。",
            },
            phrase={"en": "at least {hours} h in the period", "zh": "本期至少{hours}小时"},
            unit="hours",
            combine="highest",
            rule="total_hours",
            minutes="min_total_minutes",
        ),
    ] = None
    max_total_hours: Annotated[
        float | None,
        Field(ge=0),
        LimitInfo(
            note={
                "en": "Hours of duty at most over the whole period.",
                "zh": "整个计划期内最多值班小时数。",
            },
            phrase={"en": "at most {hours} h in the period", "zh": "本期最多{hours}小时"},
            unit="hours",
            combine="lowest",
            rule="total_hours",
            minutes="max_total_minutes",
        ),
    ] = None
    min_consecutive_days: Annotated[
        int | None,
        Field(ge=1),
        LimitInfo(
            note={
                "en": "Once working, at least this many working days in a row.",
                "zh": "一旦上班，至少连续上班的天数。",
            },
            phrase={"en": "at least {n} working days in a row", "zh": "至少连续上班{n}天"},
            unit="count",
            combine="highest",
            rule="min_consecutive_days",
        ),
    ] = None
    min_consecutive_days_off: Annotated[
        int | None,
        Field(ge=1),
        LimitInfo(
            note={
                "en": "Once off, at least this many days off in a row.",
                "zh": "一旦休息，至少连续休息的天数。",
            },
            phrase={"en": "at least {n} days off in a row", "zh": "至少连续休息{n}天"},
            unit="count",
            combine="highest",
            rule="min_days_off_run",
        ),
    ] = None
    max_weekends: Annotated[
        int | None,
        Field(ge=0),
        LimitInfo(
            note={
                "en": "Weekends with any duty at most over the period.",
                "zh": "计划期内最多有几个周末上班。",
            },
            phrase={"en": "at most {n} weekends", "zh": "最多{n}个周末上班"},
            unit="count",
            combine="lowest",
            rule="weekends",
        ),
    ] = None
    max_shifts_of_type: Annotated[
        dict[str, int],
        LimitInfo(
            note={
                "en": "Shifts of one kind at most, as shift:count separated by ';', e.g. "
                "night:2;full:1.",
                "zh": "某种班次最多几次，写成“班次:次数”，用“;”分隔，如 night:2;full:1。",
            },
            phrase={"en": "at most {n} × {shift}", "zh": "{shift}最多{n}次"},
            unit="shift_counts",
            combine="lowest_each",
            rule="shift_type_limit",
        ),
    ] = Field(default_factory=dict)
    # Personal limits, usually from a profile.
    no_nights: Annotated[
        bool | None,
        LimitInfo(
            note={"en": "true: never a night shift.", "zh": "true：不上夜班。"},
            phrase={"en": "no nights", "zh": "不上夜班"},
            unit="flag",
            combine="any",
            rule="no_nights",
        ),
    ] = None
    no_24h: Annotated[
        bool | None,
        LimitInfo(
            note={"en": "true: never a 24-hour shift.", "zh": "true：不上 24 小时班。"},
            phrase={"en": "no 24-hour duty", "zh": "不上24小时班"},
            unit="flag",
            combine="any",
            rule="no_24h",
        ),
    ] = None
    max_hours_per_day: Annotated[
        float | None,
        Field(gt=0, le=24),
        LimitInfo(
            note={
                "en": "Hours of duty at most in one day, e.g. 6.",
                "zh": "每天最多值班小时数，如 6。",
            },
            phrase={"en": "at most {hours} h/day", "zh": "每天最多{hours}小时"},
            unit="hours",
            combine="lowest",
            rule="daily_hours",
            minutes="max_day_minutes",
        ),
    ] = None
    latest_end: Annotated[
        Clock | None,
        LimitInfo(
            note={
                "en": "Home by: no shift may end later than this time (HH:MM), e.g. 18:00.",
                "zh": "最晚下班时间（HH:MM），班次不能晚于此时结束，如 18:00。",
            },
            phrase={"en": "home by {time}", "zh": "{time}前下班"},
            unit="clock",
            combine="lowest",
            rule="home_by",
        ),
    ] = None
    earliest_start: Annotated[
        Clock | None,
        LimitInfo(
            note={
                "en": "No shift may start before this time (HH:MM), e.g. 09:00.",
                "zh": "最早上班时间（HH:MM），班次不能早于此时开始，如 09:00。",
            },
            phrase={"en": "not before {time}", "zh": "{time}以后上班"},
            unit="clock",
            combine="highest",
            rule="earliest_start",
        ),
    ] = None
    days_off: Annotated[
        Annotated[tuple[Weekday, ...], BeforeValidator(split_list)] | None,
        LimitInfo(
            note={
                "en": "Weekdays always off, separated by ';', e.g. sat;sun.",
                "zh": "固定休息的星期，用“;”分隔，如 sat;sun（或 周六;周日）。",
            },
            phrase={"en": "off on {days}", "zh": "{days}休息"},
            unit="weekdays",
            combine="union",
            rule="weekdays_off",
        ),
    ] = None


def limit_info(name: str) -> LimitInfo:
    """The metadata of the limit field ``name``."""
    return next(m for m in Limits.model_fields[name].metadata if isinstance(m, LimitInfo))


def limit_infos() -> Iterator[tuple[str, LimitInfo]]:
    """Every limit field's name and metadata, in the model's order."""
    for name in Limits.model_fields:
        yield name, limit_info(name)


# --------------------------------------------------------------------------- resolved


@dataclass(frozen=True)
class PersonLimits:
    """A person's effective limits, in minutes and counts; None means no limit.

    The typed view the rules read (``person.limits.max_week_minutes``): one attribute per
    field of :class:`Limits`, hours turned into minutes under the name :func:`resolved_name`
    gives. :func:`person_limits` fills it by iterating the model's fields, and the import
    fails if the two ever disagree.
    """

    min_rest: int = 0
    max_week_minutes: int | None = None
    max_shifts_per_week: int | None = None
    max_consecutive_days: int | None = None
    max_nights_per_week: int | None = None
    max_consecutive_nights: int | None = None
    min_days_off_per_week: int | None = None
    max_compounds_per_week: int | None = None
    min_total_minutes: int | None = None
    max_total_minutes: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None
    max_shifts_of_type: dict[str, int] = field(default_factory=dict)
    no_nights: bool = False
    no_24h: bool = False
    max_day_minutes: int | None = None
    latest_end: int | None = None
    earliest_start: int | None = None
    days_off: frozenset[int] = frozenset()


def resolved_name(name: str) -> str:
    """The :class:`PersonLimits` attribute of the limit field ``name``."""
    return limit_info(name).minutes or name


def person_limits(limits: Limits) -> PersonLimits:
    """Limits in whole minutes, as the model and the checker use them."""
    values: dict[str, Any] = {}
    for name, info in limit_infos():
        value = getattr(limits, name)
        if info.unit == "hours":
            value = None if value is None else round(value * 60)
        elif info.unit == "weekdays":
            value = frozenset(value or ())
        elif info.unit == "flag":
            value = bool(value)
        elif info.unit == "shift_counts":
            value = dict(value)
        if value is not None:
            values[resolved_name(name)] = value
    return PersonLimits(**values)


def effective_limits(defaults: Limits, profiles: list[Limits], own: Limits) -> Limits:
    """A person's limits: the strictest of all that apply to them, the plan's defaults
    (``[rules]``), each of their profiles and their own columns in ``staff.csv``.

    Nothing loosens a limit: a profile or an own column can only tighten what the plan says
    for everyone (a profile allowing 1 night does not lift ``max_nights_per_week = 0``).
    """
    return strictest([defaults, *profiles, own])


def strictest(sources: Iterable[Limits]) -> Limits:
    """The strictest value of each limit among ``sources``, by the limit's declared
    :data:`Combine` rule; a limit none of them sets stays unset."""
    merged: dict[str, Any] = {}
    for source in sources:
        for name, value in source.model_dump(exclude_none=True).items():
            merged[name] = _stricter(name, merged[name], value) if name in merged else value
    return Limits.model_validate(merged)


def not_applied(source: Limits, effective: Limits) -> list[str]:
    """The limits ``source`` sets that do not apply because a stricter value does (a
    person's own 60 h a week under the plan's 48, their own "no" to nights under a profile's
    "no nights"): what a leader wrote in vain. Days off always apply (every day counts)."""
    found = []
    for name, value in source.model_dump(exclude_none=True).items():
        applied = getattr(effective, name)
        combine = limit_info(name).combine
        if combine == "lowest_each":
            if any(applied[shift] < cap for shift, cap in value.items()):
                found.append(name)
        elif combine != "union" and _stricter(name, applied, value) != value:
            found.append(name)
    return found


def _stricter(name: str, old: Any, new: Any) -> Any:
    """The stricter of two values of one limit, as its ``combine`` says: the lowest of
    maxima (and the earliest "home by"), the highest of minima (and the latest "not
    before"), any yes of a yes/no, every day off, each shift's lowest count."""
    combine = limit_info(name).combine
    if combine == "lowest":
        return min(old, new)
    if combine == "highest":
        return max(old, new)
    if combine == "any":
        return bool(old) or bool(new)
    if combine == "union":
        return tuple(sorted(set(old) | set(new)))
    both = dict(old)
    for shift, cap in new.items():
        both[shift] = min(both.get(shift, cap), cap)
    return both


def _check_resolved() -> None:
    """Fail at import when PersonLimits and Limits do not name the same limits in order."""
    resolved = [resolved_name(name) for name in Limits.model_fields]
    declared = [item.name for item in dataclasses.fields(PersonLimits)]
    if resolved != declared:
        raise TypeError(f"PersonLimits {declared} does not match the limit fields {resolved}")


_check_resolved()


# --------------------------------------------------------------------------- derived


def limit_phrase_templates() -> dict[str, Mapping[Lang, str]]:
    """Each :class:`PersonLimits` attribute and its phrase in both languages ("no nights")."""
    return {resolved_name(name): info.phrase for name, info in limit_infos()}


def rule_limits() -> dict[str, str]:
    """Each enforcing rule and the :class:`PersonLimits` attribute it enforces (a rule with
    two limits, as ``total_hours``, maps to its last)."""
    return {info.rule: resolved_name(name) for name, info in limit_infos()}


def weekly_count_caps() -> dict[str, str]:
    """Rules that cap a count of duties in any 7 days, and the attribute they read."""
    return {info.rule: resolved_name(name) for name, info in limit_infos() if info.weekly_count}


def cap_rules() -> frozenset[str]:
    """Rules that enforce only maxima (every limit of theirs has the lowest value as the
    strictest): more duties never count less under them, so a duty that breaks one on its
    own breaks it in every roster that holds the duty."""
    combines: dict[str, set[Combine]] = {}
    for _, info in limit_infos():
        combines.setdefault(info.rule, set()).add(info.combine)
    return frozenset(rule for rule, found in combines.items() if found <= {"lowest", "lowest_each"})


def typical_limits() -> Limits:
    """The usual limits for everyone: each limit's typical value, where it has one."""
    return Limits.model_validate(
        {name: info.typical for name, info in limit_infos() if info.typical is not None}
    )


def limits_markdown() -> str:
    """The limits as a Markdown table, for ``docs/limits.md``."""
    lines = [
        "| limit | unit | bounds | rule | combine (the strictest) | meaning | phrase (en / zh) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, info in limit_infos():
        bounds = ", ".join(
            f"{op} {getattr(m, attr)}"
            for m in Limits.model_fields[name].metadata
            for attr, op in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"))
            if getattr(m, attr, None) is not None
        )
        phrase = f"{info.phrase['en']} / {info.phrase['zh']}"
        cells = [f"`{name}`", info.unit, bounds, f"`{info.rule}`", info.combine]
        lines.append("| " + " | ".join([*cells, info.note_text("en"), phrase]) + " |")
    return "\n".join(lines) + "\n"
