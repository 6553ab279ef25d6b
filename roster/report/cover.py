"""How ``roster cover`` reads: a table per duty left behind (candidates best first, what it
costs in each tier and what it means for them), who cannot take it and why, and a summary
line per duty; or the same as JSON for other programs (the web page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from roster.check.cover import Candidate, Covered, DutyCover
from roster.plan.index import Duty, Person, PlanIndex
from roster.report.tables import place_name
from roster.text.i18n import Lang, fmt_date, label
from roster.text.width import table


def cover_lines(
    index: PlanIndex,
    ill: Person,
    first: dt.date,
    last: dt.date,
    duties: Sequence[DutyCover],
    lang: Lang,
) -> list[str]:
    """The terminal report: a heading, then per duty its summary line, its candidates' table
    and who cannot take it."""
    names = {"name": ill.staff.name, "staff": ill.id}
    span = {"first": fmt_date(first, lang), "last": fmt_date(last, lang)}
    if not duties:
        return [label("cover_none", lang).format(**names, **span)]
    lines = [label("cover_heading", lang).format(**names, **span, count=len(duties))]
    for found in duties:
        lines += ["", _summary(index, found, lang)]
        if found.candidates:
            header = [label(f"cover_col_{c}", lang) for c in ("rank", "who", "cost", "reasons")]
            rows = [
                [str(k), who(index, c, lang), cost_text(c, lang), _reasons(c, lang)]
                for k, c in enumerate(found.candidates, 1)
            ]
            lines += ["  " + line for line in table(header, rows)]
        if found.stopped:
            lines.append(label("cover_stopped", lang))
            lines += [f"    {b.sentence().render(lang)}" for b in found.stopped]
    return lines


def _summary(index: PlanIndex, found: DutyCover, lang: Lang) -> str:
    priority = label(f"priority_{found.post.priority.value}", lang)
    count = len(found.candidates)
    summary = {
        Covered.DIRECT: label("cover_direct", lang).format(count=count),
        Covered.SWAP: label("cover_by_swap", lang).format(count=count),
        Covered.NOBODY: label("cover_nobody", lang).format(priority=priority),
    }[found.covered]
    return label("cover_duty", lang).format(
        **_duty_fields(index, found.duty, lang), priority=priority, summary=summary
    )


def _duty_fields(index: PlanIndex, duty: Duty, lang: Lang) -> dict[str, str]:
    return {
        "date": fmt_date(duty.slot.date, lang),
        "shift": duty.slot.shift.name,
        "place": place_name(index, duty.place, lang),
    }


def who(index: PlanIndex, candidate: Candidate, lang: Lang) -> str:
    """The candidate's name, or the swap said in full."""
    if candidate.swap is None:
        return candidate.person.staff.name
    duty, other = candidate.swap
    return label("cover_swap", lang).format(
        name=candidate.person.staff.name,
        other=other.staff.name,
        **_duty_fields(index, duty, lang),
    )


def cost_text(candidate: Candidate, lang: Lang) -> str:
    """The tiers whose cost changes: "fairness +3, preferences −1"."""
    parts = [
        f"{label(f'tier_{tier.value}', lang)} {delta:+d}"
        for tier, delta in candidate.cost.items()
        if delta
    ]
    return label("list_sep", lang).join(parts) if parts else label("cover_no_cost", lang)


def _reasons(candidate: Candidate, lang: Lang) -> str:
    separator = "; " if lang == "en" else "；"
    return separator.join(reason.render(lang) for reason in candidate.reasons)


def cover_json(index: PlanIndex, duties: Sequence[DutyCover], lang: Lang) -> dict[str, object]:
    """``{"duties": [{"post", "date", "shift", "priority", "covered", "candidates": [{"staff",
    "swap", "cost", "reasons"}], "stopped": [{"staff", "rule", "reason"}]}]}``."""
    return {"duties": [_duty_json(found, lang) for found in duties]}


def _duty_json(found: DutyCover, lang: Lang) -> dict[str, object]:
    duty = found.duty
    return {
        "post": duty.place,
        "date": duty.slot.date.isoformat(),
        "shift": duty.slot.shift.id,
        "priority": found.post.priority.value,
        "covered": found.covered.value,
        "candidates": [
            {
                "staff": c.person.id,
                "swap": None
                if c.swap is None
                else {
                    "staff": c.swap[1].id,
                    "post": c.swap[0].place,
                    "date": c.swap[0].slot.date.isoformat(),
                    "shift": c.swap[0].slot.shift.id,
                },
                "cost": {tier.value: delta for tier, delta in c.cost.items()},
                "reasons": [reason.render(lang) for reason in c.reasons],
            }
            for c in found.candidates
        ],
        "stopped": [
            {"staff": b.person.id, "rule": b.rule, "reason": b.sentence().render(lang)}
            for b in found.stopped
        ],
    }
