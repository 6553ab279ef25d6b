"""The files ``roster check`` writes, as headers and rows read from the checker's report:
``check.csv`` (the spans with nobody on watch), ``gaps.csv`` (as ``roster solve`` writes
it), ``why.csv`` (each person who could take each short post, and the rule that keeps them
away) and ``violations.csv`` (every rule broken, and by whom)."""

from __future__ import annotations

from roster.check.gaps import GAPS_HEADER
from roster.check.judge import CheckReport
from roster.check.watch import HOLES_HEADER
from roster.check.why import Blocker
from roster.report.tables import describe_hole
from roster.text.i18n import Lang

CHECK_HEADER = (*HOLES_HEADER, "description")
WHY_HEADER = ("date", "shift", "place", "skill", "staff_id", "staff_name", "rule", "reason")
VIOLATIONS_HEADER = ("rule", "hard", "staff", "date", "shift", "place", "message")

Rows = list[tuple[object, ...]]


def check_tables(
    report: CheckReport, lang: Lang, *, unmanaged_nights: bool = False
) -> dict[str, tuple[tuple[str, ...], Rows]]:
    """Each file's name, header and rows; ``check.csv`` lists only unmanaged compounds'
    nights with ``unmanaged_nights``."""
    shown = report.unmanaged_night_holes if unmanaged_nights else report.holes
    return {
        "check.csv": (CHECK_HEADER, [(*h.row(), describe_hole(h, lang)) for h in shown]),
        "gaps.csv": (GAPS_HEADER, [g.row() for g in report.gaps]),
        "why.csv": (WHY_HEADER, why_rows(report, lang)),
        "violations.csv": (VIOLATIONS_HEADER, violation_rows(report, lang)),
    }


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
