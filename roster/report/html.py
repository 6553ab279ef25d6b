"""``report.html``: one self-contained page that leaders open from the chat group.

Sections: title and solve status; the roster grid; a 24-hour coverage strip per
round-the-clock compound per duty day (unmanaged compounds first; an hour's tooltip says who
is on watch, and the holes are listed in words under the strips); the gaps with their
reasons; fairness bars per person; the rules the roster breaks.

The page makes no request at all: styles are inline, there are no scripts, fonts, images or
links other than to its own sections, and a Content-Security-Policy forbids anything else,
so it opens the same offline, in a chat app's viewer or in a browser. On a phone the grid
and the tables scroll sideways inside their own boxes, and the strips stack one day per
line with the date beside it.
Every piece of text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from roster.check.gaps import Gap
from roster.check.watch import CompoundWatch, WatchHour, holes, watch
from roster.io.write import atomic_write_text
from roster.report import tables
from roster.report.fairness import (
    FairnessRow,
    Load,
    carried_note,
    fairness_rows,
    shown_measures,
)
from roster.report.tables import Published
from roster.roster import Roster
from roster.rules import Rule, Violation
from roster.text.i18n import Lang, label

HTML_LANG = {"zh": "zh-CN", "en": "en"}
TICKS = (0, 6, 12, 18)  # hours into the duty day that get a label under each strip
# Belt and braces: even if some text slipped through as markup, nothing may load.
CSP = "default-src 'none'; style-src 'unsafe-inline'"

CSS = """
*{box-sizing:border-box}
body{margin:0 auto;max-width:1400px;padding:12px;color:#222;line-height:1.45;
font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
h1{font-size:1.45rem;margin:.2em 0}
h2{font-size:1.2rem;margin:1.4em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #e0e0e0}
h3{font-size:1rem;margin:1em 0 .4em}
nav a{margin-right:1em;white-space:nowrap}
.status{margin:.4em 0;padding-left:1.2em}
.muted{color:#666;font-size:.85rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%;border:1px solid #ddd}
table{border-collapse:collapse;font-size:.9rem;background:#fff}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#d9e1f2;white-space:nowrap}
.grid td{white-space:nowrap;text-align:center;min-width:5em}
.grid th.place,.grid td.place{position:sticky;left:0;z-index:1;background:#fff;text-align:left}
.grid thead th.place{background:#d9e1f2}
.grid td.shift{text-align:left}
.grid .t{white-space:nowrap}
.grid tr.unmanaged td{background:#fff2cc}
.grid td.nopost{background:#f2f2f2}
.grid td.day.gap,.grid tr.unmanaged td.day.gap{background:#ffc7ce;color:#9c0006}
.short{font-weight:bold}
.compound{margin-bottom:1em}
.unmanaged-name{background:#fff2cc;padding:0 .3em}
.days{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:8px 18px}
.day-label{font-size:.85rem}
.strip{display:grid;grid-template-columns:repeat(24,1fr);height:22px;border:1px solid #888}
.strip span{border-right:1px solid rgba(255,255,255,.55)}
.strip span:last-child{border-right:0}
.strip .full{background:#66bb6a}
.strip .full.night{background:#2e7d32}
.strip .partial{background:#ffb300}
.strip .empty{background:#e53935}
.ticks{display:grid;grid-template-columns:repeat(4,1fr);font-size:.7rem;color:#666}
.holes{margin:.4em 0;padding-left:1.2em;color:#9c0006}
.gaps td{white-space:nowrap}
.gaps td.why{min-width:16em;white-space:normal}
.fair td{white-space:nowrap}
.fair td.m{min-width:150px}
.bar{position:relative;height:10px;background:#eee;margin-top:5px}
.bar i{display:block;height:100%;background:#5b9bd5}
.bar b{position:absolute;top:-3px;bottom:-3px;width:2px;margin-left:-1px;background:#222}
.num{font-size:.8rem;color:#444}
.unfair .num{color:#c00000;font-weight:bold}
.unfair .bar i{background:#c00000}
.earlier .num{color:#555;font-weight:bold}
.earlier .bar i{background:#9e9e9e}
.note{display:block;font-size:.75rem;color:#555;white-space:normal}
.person{margin:.6em 0;padding:.3em .6em;border:1px solid #ddd}
.person h3{margin:.2em 0}
.person ul{margin:.2em 0;padding-left:1.2em}
.person .off{color:#888}
.people-index a{display:inline-block;margin:0 .8em .3em 0}
.problems li.hard{color:#9c0006}
@media (max-width:600px){body{padding:8px}table{font-size:.8rem}th,td{padding:3px 4px}
.grid td.place,.grid td.shift{white-space:normal;min-width:6.5em}
.days{grid-template-columns:1fr;gap:3px}
.watch-day{display:grid;grid-template-columns:6.4em 1fr;align-items:center}
.watch-day .ticks{grid-column:2}.watch-day:not(:last-child) .ticks{display:none}
.fair{width:100%}.fair th{white-space:normal}.fair td{white-space:normal}
.fair td.m{min-width:0;width:22%}.num{font-size:.75rem}}
@media print{.scroll{overflow:visible;border:0}nav{display:none}}
"""


def write_report_html(
    path: Path,
    shown: Published,
    lang: Lang,
) -> Path:
    """Write ``report.html`` atomically.

    Args:
        path: Where to write (its folder is created if needed).
        shown: The roster and what the checker found on it.
        lang: The leader's language.

    Returns:
        ``path``.
    """
    atomic_write_text(path, render_report(shown, lang))
    return path


def render_report(
    shown: Published,
    lang: Lang,
) -> str:
    """The whole page as a string."""
    roster, gaps = shown.roster, shown.gaps
    index = roster.index
    title = label("report_title", lang).format(title=index.plan.title)
    sections = report_sections(shown, lang)
    status = tables.status_lines(roster, gaps, holes(roster), lang, shown.result)
    header = "\n".join(
        [
            _tag("h1", _e(title)),
            _tag("p", _e(tables.period_text(index, lang)), class_="muted"),
            _tag("ul", _items(status), class_="status"),
            _tag("nav", "".join(_tag("a", _e(name), href=f"#{key}") for key, name, _ in sections)),
        ]
    )
    body = "\n".join(
        _tag("section", f"\n{_tag('h2', _e(name))}\n{content}\n", id=key)
        for key, name, content in sections
    )
    return page(title, lang, f"<header>\n{header}\n</header>\n{body}")


def page(title: str, lang: Lang, body: str, *, css: str = CSS, csp: str = CSP) -> str:
    """An offline page around ``body`` (markup, escaped already): its language, a phone's
    viewport, the styles inline and a CSP that loads nothing from anywhere."""
    return f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{_e(title)}</title>
<style>{css}</style>
</head>
<body>
{body}
</body>
</html>
"""


def report_sections(shown: Published, lang: Lang) -> list[tuple[str, str, str]]:
    """The page's sections as (anchor, heading, markup), every text escaped: the roster
    grid, the 24-hour watch, the gaps with why, fairness, each person's week and the rules
    broken. ``roster serve`` shows the same sections on a version's page."""
    roster, violations, gaps, rules = shown.roster, shown.violations, shown.gaps, shown.rules
    return [
        ("grid", label("sheet_grid", lang), _grid_section(roster, gaps, lang)),
        ("watch", label("heading_watch", lang), _watch_section(roster, lang)),
        ("gaps", label("sheet_gaps", lang), _gaps_section(gaps, lang)),
        ("fairness", label("sheet_fairness", lang), _fairness_section(roster, rules, lang)),
        ("people", label("heading_people", lang), _people_section(roster, lang)),
        ("problems", label("heading_problems", lang), _problems_section(violations, lang)),
    ]


# --------------------------------------------------------------------------- sections


def _watch_section(roster: Roster, lang: Lang) -> str:
    compounds = watch(roster)
    parts = [_tag("p", _e(label("watch_legend", lang)), class_="muted")]
    parts += [_compound_watch(roster, compound, lang) for compound in compounds]
    if not compounds:
        parts.append(_tag("p", _e(label("watch_no_holes", lang))))
    return "\n".join(parts)


def _compound_watch(roster: Roster, found: CompoundWatch, lang: Lang) -> str:
    """A compound's heading, one strip per duty day, and its holes in words."""
    unmanaged = found.compound.unmanaged
    name = _e(tables.place_label(roster.index, found.compound.id, lang))
    days = []
    for day in found.days:
        ticks = "".join(_tag("span", f"{day.hours[k].start:%H}") for k in TICKS)
        days.append(
            _tag(
                "div",
                _tag("div", _e(tables.day_label(day.date, lang)), class_="day-label")
                + _tag("div", "".join(_hour_cell(hour, lang) for hour in day.hours), class_="strip")
                + _tag("div", ticks, class_="ticks"),
                class_="watch-day",
            )
        )
    described = _items(tables.describe_hole(h, lang) for h in found.holes)
    return _tag(
        "div",
        "\n".join(
            [
                _tag("h3", _tag("span", name, class_="unmanaged-name") if unmanaged else name),
                _tag("div", "\n".join(days), class_="days"),
                _tag("ul", described, class_="holes") if found.holes else "",
            ]
        ),
        class_="compound unmanaged" if unmanaged else "compound",
        data_compound=found.compound.id,
    )


def _hour_cell(hour: WatchHour, lang: Lang) -> str:
    """One hour of a strip, coloured by its state; its tooltip says who is on watch."""
    span = f"{hour.start:%H:%M}–{hour.start + dt.timedelta(hours=1):%H:%M}"
    names = tables.join([p.staff.name for p in hour.people], lang)
    if hour.state == "empty":
        who = label("watch_nobody", lang)
    elif hour.state == "partial":
        who = f"{names} ({label('watch_partly', lang)})"
    else:
        who = names
    return _tag(
        "span",
        "",
        class_=f"{hour.state} night" if hour.night else hour.state,
        title=f"{span} {who}",
    )


def _grid_section(roster: Roster, gaps: Sequence[Gap], lang: Lang) -> str:
    parts = []
    for week in tables.grid_weeks(roster, gaps, lang):
        head = _tag("th", _e(label("col_place", lang)), class_="place") + _tag(
            "th", _e(label("col_shift", lang))
        )
        head += "".join(_tag("th", _e(tables.day_label(d, lang))) for d in week.dates)
        rows = [_grid_row(row) for row in week.rows]
        table = _tag("thead", _tag("tr", head)) + _tag("tbody", "\n" + "\n".join(rows) + "\n")
        parts.append(_tag("h3", _e(tables.grid_title(roster.index, week, lang))))
        parts.append(_tag("div", _tag("table", table, class_="grid"), class_="scroll"))
    parts.append(_tag("p", _e(label("grid_legend", lang)), class_="muted"))
    return "\n".join(parts)


def _grid_row(row: tables.GridRow) -> str:
    # The hours never break inside, so a narrow screen wraps "夜班 / 20:00–08:00" whole.
    shift = f"{_e(row.shift.name)} {_tag('span', _e(tables.shift_hours(row.shift)), class_='t')}"
    cells = [_tag("td", _e(row.place_label), class_="place"), _tag("td", shift, class_="shift")]
    for cell in row.cells:
        state = "day gap" if cell.gap else "day nopost" if not (cell.post or cell.names) else "day"
        lines = [_e(n) for n in cell.names] + [
            _tag("span", _e(s), class_="short") for s in cell.shortages
        ]
        cells.append(_tag("td", "<br>".join(lines), class_=state))
    return _tag("tr", "".join(cells), class_="unmanaged" if row.unmanaged else "")


def _gaps_section(gaps: Sequence[Gap], lang: Lang) -> str:
    if not gaps:
        return _tag("p", _e(label("summary_no_gaps", lang)))
    head = "".join(_tag("th", _e(h)) for h in tables.gap_header(lang))
    rows = []
    for gap in gaps:
        *values, why = tables.gap_cells(gap, lang)
        cells = "".join(_tag("td", _e(_text(v, lang))) for v in values)
        rows.append(_tag("tr", cells + _tag("td", _e(why), class_="why")))
    table = _tag("thead", _tag("tr", head)) + _tag("tbody", "\n".join(rows))
    return _tag("div", _tag("table", table, class_="gaps"), class_="scroll")


def _fairness_section(roster: Roster, rules: Sequence[Rule], lang: Lang) -> str:
    measures = shown_measures(roster)
    found = fairness_rows(roster, rules)
    scale = {key: _scale(found, key) for key in measures}
    head = _tag("th", _e(label("col_name", lang)))
    head += "".join(_tag("th", _e(label(f"col_{key}", lang))) for key in measures)
    rows = []
    for row in found:
        cells = _tag("td", _e(row.person.staff.name))
        cells += "".join(_fair_cell(row.loads[key], key, scale[key], lang) for key in measures)
        rows.append(_tag("tr", cells))
    table = _tag("thead", _tag("tr", head)) + _tag("tbody", "\n".join(rows))
    note = _tag("p", _e(label("fair_note", lang)), class_="muted")
    if any(row.loads[key].over_from_earlier for row in found for key in measures):
        note += _tag("p", _e(label("fair_earlier_legend", lang)), class_="muted")
    return note + "\n" + _tag("div", _tag("table", table, class_="fair"), class_="scroll")


def _fair_cell(load: Load, key: str, scale: float, lang: Lang) -> str:
    """The load and fair share as numbers ("28 / 26.7") over a bar as long as the load, with
    a black line at the share; red when the load is outside the fair band, grey with a note
    ("含往周 12 小时") when only the weeks before put it above. The tooltip gives the band and
    the part carried over from the weeks before."""
    target = "–" if load.target is None else f"{load.target:.1f}"
    bar = _tag("i", "", style=f"width:{100 * load.actual / scale:.1f}%")
    if load.target is not None:
        bar += _tag("b", "", style=f"left:{100 * load.target / scale:.1f}%")
    numbers = _tag("span", f"{_number(load.actual)} / {target}", class_="num")
    if load.over_from_earlier:
        numbers += _tag("span", _e(carried_note(load, key, lang)), class_="note")
    tip = []
    if load.low is not None and load.high is not None:
        low, high = _number(load.low), _number(load.high)
        tip.append(label("fair_band", lang).format(band=low if low == high else f"{low}–{high}"))
    if load.carried:
        tip.append(label("fair_carried", lang).format(carried=_number(load.carried)))
    state = "" if load.fair else " earlier" if load.over_from_earlier else " unfair"
    attributes = {"class_": "m" + state}
    if tip:
        attributes["title"] = "; ".join(tip)
    return _tag("td", numbers + _tag("div", bar, class_="bar"), **attributes)


def _people_section(roster: Roster, lang: Lang) -> str:
    """Each person's week: a list of names that jump to them (a phone has no room for a
    person × day grid), then per person their hours and nights and their duties day by day
    with the shifts' times."""
    index = roster.index
    rows = tables.people_rows(roster, lang, hours=True)
    links = "".join(
        _tag("a", _e(row.person.staff.name), href=f"#person-{n}") for n, row in enumerate(rows)
    )
    cards = []
    for n, row in enumerate(rows):
        summary = label("person_summary", lang).format(
            hours=_number(row.minutes / 60), nights=row.nights
        )
        days = [
            _tag(
                "li",
                _e(
                    label("person_day", lang).format(
                        day=tables.day_label(date, lang), duties=tables.join(duties, lang)
                    )
                ),
            )
            for date, duties in zip(index.dates, row.days, strict=True)
            if duties
        ]
        week = (
            _tag("ul", "".join(days))
            if days
            else _tag("p", _e(label("person_no_duty", lang)), class_="off")
        )
        head = _tag("h3", _e(row.person.staff.name)) + _tag("div", _e(summary), class_="muted")
        cards.append(_tag("div", head + week, class_="person", id=f"person-{n}"))
    return _tag("p", links, class_="people-index") + "\n" + "\n".join(cards)


def _problems_section(violations: Sequence[Violation], lang: Lang) -> str:
    found = tables.problems(violations, lang)
    if not found:
        return _tag("p", _e(label("no_problems", lang)))
    items = "".join(_tag("li", _e(text), class_="hard" if hard else "soft") for hard, text in found)
    return _tag("ul", items, class_="problems")


# --------------------------------------------------------------------------- helpers


def _tag(name: str, content: str = "", **attributes: str) -> str:
    """An element. ``content`` is markup already; attribute values are escaped here.

    Attribute names are Python-safe spellings: ``class_`` gives ``class``, ``data_x`` gives
    ``data-x``. Empty values are left out.
    """
    attrs = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{_e(value)}"'
        for key, value in attributes.items()
        if value
    )
    return f"<{name}{attrs}>{content}</{name}>"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _items(texts: Iterable[str]) -> str:
    return "".join(_tag("li", _e(t)) for t in texts)


def _text(value: object, lang: Lang) -> str:
    """A table value as text (dates as leaders read them)."""
    if isinstance(value, dt.date):
        return tables.day_label(value, lang)
    return str(value)


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _scale(rows: Sequence[FairnessRow], key: str) -> float:
    """The length a full bar stands for: the largest load or target, so people compare."""
    largest = max((max(r.loads[key].actual, r.loads[key].target or 0) for r in rows), default=0)
    return largest or 1.0
