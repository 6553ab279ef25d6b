"""What ``roster check`` prints: the headline, the hard rules broken, the unwatched hours as
a table, the gaps (with each person's reason on request), the verdict and the files written;
with ``--unmanaged-nights``, the unmanaged compounds' unwatched nights and their night posts
short of people instead of the rules and gaps.

Everything is read from the checker's report (:class:`roster.check.judge.CheckReport`);
nothing is recomputed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from roster.check.judge import CheckReport
from roster.plan.validate import period_text
from roster.report.tables import span_text
from roster.text.i18n import Lang, fmt_date, fmt_hours, label
from roster.text.width import table


def check_lines(
    report: CheckReport,
    file: str,
    written: Sequence[Path],
    *,
    why: bool = False,
    unmanaged_nights: bool = False,
) -> list[str]:
    """The report for the terminal, about the roster read from ``file``, ending with the
    files ``written``: gaps come with each person's reason when ``why``; only unmanaged
    compounds' unwatched nights and night posts short of people with ``unmanaged_nights``.
    Problems reading the roster are not included (the command prints them on stderr)."""
    lang, plan = report.lang, report.roster.index.plan
    lines = [
        label("check_heading", lang).format(
            file=file,
            duties=len(report.roster.duties),
            title=plan.title,
            period=period_text(plan).render(lang),
        )
    ]
    if report.notes:
        lines.append(label("check_notes", lang))
        lines += [f"  {note.render(lang)}" for note in report.notes]
    if not unmanaged_nights:
        lines += _hard_lines(report, lang)
    lines += hole_lines(report, lang, unmanaged_nights=unmanaged_nights)
    if not unmanaged_nights:
        lines += _gap_lines(report, lang, why=why)
    else:
        lines += short_night_lines(report, lang)
        lines.append(label("check_only_unmanaged", lang))
    lines.append(verdict_line(report, lang))
    folder = written[0].parent if written else ""
    files = ", ".join(p.name for p in written)
    lines.append(label("summary_written", lang).format(folder=folder, files=files))
    return lines


def _hard_lines(report: CheckReport, lang: Lang) -> list[str]:
    hard = report.hard
    if not hard:
        return [label("check_hard_ok", lang)]
    return [
        label("check_hard_broken", lang).format(count=len(hard)),
        *(f"  {v.message(lang)}" for v in hard),
    ]


def hole_lines(report: CheckReport, lang: Lang, *, unmanaged_nights: bool = False) -> list[str]:
    """The spans with nobody on watch as a table: compound, when, hours, night hours."""
    shown = report.unmanaged_night_holes if unmanaged_nights else report.holes
    heading = "check_holes_unmanaged" if unmanaged_nights else "check_holes_heading"
    if not shown:
        return [label("check_no_unmanaged_holes" if unmanaged_nights else "watch_no_holes", lang)]
    header = [
        label("col_compound", lang),
        label("col_span", lang),
        label("col_hole_hours", lang),
        label("col_night_hours", lang),
    ]
    rows = [
        [
            hole.compound.name + (label("unmanaged_mark", lang) if hole.compound.unmanaged else ""),
            span_text(hole.start, hole.end, lang),
            fmt_hours(hole.minutes),
            fmt_hours(hole.night_minutes),
        ]
        for hole in shown
    ]
    return [label(heading, lang), *(f"  {line}" for line in table(header, rows))]


def short_night_lines(report: CheckReport, lang: Lang) -> list[str]:
    """The unmanaged compounds' night posts below their requirement as a table: compound,
    when, people needed and present, hours short (people short × the shift's hours)."""
    shown = report.short_nights
    if not shown:
        return [label("check_no_short_nights", lang)]
    header = [
        label("col_compound", lang),
        label("col_span", lang),
        label("col_needed", lang),
        label("col_present", lang),
        label("col_hours_short", lang),
    ]
    rows = [
        [
            night.compound.name + label("unmanaged_mark", lang),
            span_text(night.start, night.end, lang),
            str(night.needed) + (f" ({night.gap.need.skill})" if night.gap.need.skill else ""),
            str(night.present),
            fmt_hours(night.minutes_short),
        ]
        for night in shown
    ]
    return [label("check_short_nights", lang), *(f"  {line}" for line in table(header, rows))]


def _gap_lines(report: CheckReport, lang: Lang, *, why: bool) -> list[str]:
    if not report.gaps:
        return [label("summary_no_gaps", lang)]
    lines = [
        label("check_gaps", lang).format(count=len(report.gaps), critical=len(report.critical_gaps))
    ]
    for gap in report.gaps:
        lines.append(f"  {gap.violation.message(lang)}")
        if why:
            lines += [f"      {b.sentence().render(lang)}" for b in gap.blockers]
        elif gap.why:
            lines.append(f"      {label('check_why', lang).format(why=gap.why)}")
    return lines


def verdict_line(report: CheckReport, lang: Lang) -> str:
    """The last word: OK, not OK (and why), or entries that must be fixed first."""
    if report.problems:
        return label("check_verdict_unread", lang).format(count=len(report.problems))
    if report.exit_code:
        verdict = label("check_verdict_bad", lang).format(
            hard=len(report.hard), critical=len(report.critical_gaps)
        )
        if report.short_nights or report.unmanaged_night_holes:
            verdict += label("check_verdict_nights", lang).format(
                posts=len(report.short_nights), hours=fmt_hours(report.unmanaged_night_minutes)
            )
        return verdict
    return label("check_verdict_ok", lang)


def moment_text(moment: dt.datetime, lang: Lang) -> str:
    """A moment as a leader reads it: "2月10日 08:00" / "10 Feb 08:00"."""
    return f"{fmt_date(moment.date(), lang)} {moment:%H:%M}"
