"""Bigger instances of the Curtois & Qu family, made from the public ones: shapes the
engine's settings were not tuned on (``roster bench stretch``; benchmarks/RESULTS.md,
"Held-out shapes").

``stretch`` copies the staff (each copy with its own id, days off and requests; every cover
requirement times the copies) and repeats the horizon (days off, requests and cover shifted
by whole horizons; each person's limits over the horizon, their shift counts, minutes and
weekends, times the repeats). Limits in a row (consecutive shifts and days off) stay as
they are. Such an instance is no longer the published one: it has no best known value.
"""

from __future__ import annotations

from dataclasses import replace

from roster.bench.curtois_instance import Employee, Instance, ShiftRequest


def stretch(instance: Instance, staff_copies: int = 1, horizon_copies: int = 1) -> Instance:
    """``instance`` with its staff copied ``staff_copies`` times and its horizon repeated
    ``horizon_copies`` times (both at least 1)."""
    if staff_copies < 1 or horizon_copies < 1:
        raise ValueError("staff and horizon copies must be at least 1")
    k_range, m_range, days = range(staff_copies), range(horizon_copies), instance.horizon
    suffix = f"-s{staff_copies}d{horizon_copies}"

    def staff_id(person: str, k: int) -> str:
        return person if k == 0 else f"{person}x{k}"

    def employee(person: Employee, k: int) -> Employee:
        m = horizon_copies
        return replace(
            person,
            id=staff_id(person.id, k),
            max_shifts={shift: cap * m for shift, cap in person.max_shifts.items()},
            max_total_minutes=person.max_total_minutes * m,
            min_total_minutes=person.min_total_minutes * m,
            max_weekends=person.max_weekends * m,
        )

    def requests(rows: tuple[ShiftRequest, ...]) -> tuple[ShiftRequest, ...]:
        return tuple(
            replace(r, staff=staff_id(r.staff, k), day=r.day + days * m)
            for k in k_range
            for m in m_range
            for r in rows
        )

    return Instance(
        name=instance.name + suffix,
        horizon=days * horizon_copies,
        shifts=instance.shifts,
        staff=tuple(employee(person, k) for k in k_range for person in instance.staff),
        days_off={
            staff_id(person, k): tuple(d + days * m for m in m_range for d in off)
            for k in k_range
            for person, off in instance.days_off.items()
        },
        on_requests=requests(instance.on_requests),
        off_requests=requests(instance.off_requests),
        cover=tuple(
            replace(c, day=c.day + days * m, requirement=c.requirement * staff_copies)
            for m in m_range
            for c in instance.cover
        ),
    )


def instance_text(instance: Instance) -> str:
    """``instance`` in the format's text (``curtois_instance.parse`` reads it back)."""
    lines = ["SECTION_HORIZON", str(instance.horizon), "", "SECTION_SHIFTS"]
    lines += [f"{s.id},{s.minutes},{'|'.join(s.forbidden_next)}" for s in instance.shifts]
    lines += ["", "SECTION_STAFF"]
    for p in instance.staff:
        caps = "|".join(f"{shift}={cap}" for shift, cap in p.max_shifts.items())
        numbers = (
            p.max_total_minutes,
            p.min_total_minutes,
            p.max_consecutive_shifts,
            p.min_consecutive_shifts,
            p.min_consecutive_days_off,
            p.max_weekends,
        )
        lines.append(",".join([p.id, caps, *map(str, numbers)]))
    lines += ["", "SECTION_DAYS_OFF"]
    lines += [",".join([person, *map(str, off)]) for person, off in instance.days_off.items()]
    for section, rows in (
        ("SECTION_SHIFT_ON_REQUESTS", instance.on_requests),
        ("SECTION_SHIFT_OFF_REQUESTS", instance.off_requests),
    ):
        lines += ["", section]
        lines += [f"{r.staff},{r.day},{r.shift},{r.weight}" for r in rows]
    lines += ["", "SECTION_COVER"]
    lines += [
        f"{c.day},{c.shift},{c.requirement},{c.weight_under},{c.weight_over}"
        for c in instance.cover
    ]
    return "\n".join(lines) + "\n"
