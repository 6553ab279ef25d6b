"""The files ``roster check`` writes, as headers and rows read from the checker's report:
``check.csv`` (the watch falling short: the spans with nobody on watch, then the unmanaged
compounds' night posts below their requirement), ``gaps.csv`` (as ``roster solve`` writes
it), ``why.csv`` (each person who could take each short post, and the rule that keeps them
away) and ``violations.csv`` (every rule broken, and by whom).

``check.csv``'s ``kind`` says which a row is: ``nobody`` (a span with nobody on watch:
``present`` is 0, and ``shift``, ``needed`` and ``hours_short`` are empty, as a span may run
over several shifts) or ``short`` (a night post at an unmanaged compound with fewer people
than its demand row asks for: ``start``..``end`` is the shift, ``hours_short`` is people short
× the shift's hours, ``skill`` the demand row's skill, if any).
"""

from __future__ import annotations

from roster.check.gaps import GAPS_HEADER
from roster.check.judge import CheckReport
from roster.check.nights import ShortNight
from roster.check.watch import HOLES_HEADER, span_row
from roster.check.why import Blocker
from roster.report.tables import describe_hole, span_text
from roster.text.i18n import Lang, fmt_hours, label

CHECK_HEADER = (
    *HOLES_HEADER,
    "description",
    "kind",
    "shift",
    "needed",
    "present",
    "hours_short",
    "skill",
)
WHY_HEADER = ("date", "shift", "place", "skill", "staff_id", "staff_name", "rule", "reason")
VIOLATIONS_HEADER = ("rule", "hard", "staff", "date", "shift", "place", "message")

Rows = list[tuple[object, ...]]


def check_tables(
    report: CheckReport, lang: Lang, *, unmanaged_nights: bool = False
) -> dict[str, tuple[tuple[str, ...], Rows]]:
    """Each file's name, header and rows; ``check.csv``'s spans with nobody on watch are
    only the unmanaged compounds' nights with ``unmanaged_nights`` (its night posts short of
    people are those anyway)."""
    shown = report.unmanaged_night_holes if unmanaged_nights else report.holes
    holes = [(*h.row(), describe_hole(h, lang), "nobody", "", "", 0, "", "") for h in shown]
    return {
        "check.csv": (
            CHECK_HEADER,
            holes + [short_night_row(n, lang) for n in report.short_nights],
        ),
        "gaps.csv": (GAPS_HEADER, [g.row(lang) for g in report.gaps]),
        "why.csv": (WHY_HEADER, why_rows(report, lang)),
        "violations.csv": (VIOLATIONS_HEADER, violation_rows(report, lang)),
    }


def short_night_row(night: ShortNight, lang: Lang) -> tuple[object, ...]:
    """A row of ``check.csv`` for a night post short of people (``kind`` short)."""
    slot = night.post.slot
    hours = fmt_hours(night.minutes_short)
    said = label("watch_short_night", lang).format(
        place=night.compound.name,
        span=span_text(night.start, night.end, lang),
        needed=night.needed,
        present=night.present,
        hours=hours,
    )
    return (
        *span_row(night.compound, night.start, night.end, night.night_minutes),
        said,
        "short",
        slot.shift.id,
        night.needed,
        night.present,
        hours,
        night.gap.need.skill or "",
    )


def why_rows(report: CheckReport, lang: Lang) -> Rows:
    """Rows of ``why.csv``: one per short post and person who could take it."""
    rows: Rows = []
    for gap in report.gaps:
        post, need = gap.post, gap.need
        for blocker in gap.blockers:
            rows.append(
                (
                    post.slot.date.isoformat(),
                    post.slot.shift.id,
                    post.place,
                    need.skill or "",
                    blocker.person.id,
                    blocker.person.staff.name,
                    blocker.rule or "",
                    _reason_text(blocker, lang),
                )
            )
    return rows


def _reason_text(blocker: Blocker, lang: Lang) -> str:
    """The specific reason without the person's name in front (the row names them)."""
    if blocker.detail is not None:
        return blocker.sentence().render(lang)
    return blocker.reason.render(lang)


def violation_rows(report: CheckReport, lang: Lang) -> Rows:
    """Rows of ``violations.csv``: every rule broken (shortfalls are in ``gaps.csv``)."""
    return [
        (
            v.rule,
            str(v.hard).lower(),
            ";".join(v.staff),
            v.date.isoformat() if v.date else "",
            v.shift or "",
            v.place or "",
            v.message(lang),
        )
        for v in report.violations
        if v.hard or v.rule != "coverage"
    ]
