"""The city's outputs: ``city.csv`` (a pandas table, a row per unit) and ``city.html`` (the
same table, sortable, with a chart of night-watch holes at unmanaged compounds and spare
capacity per unit).

``city.csv``'s columns are ids for scripts (like ``gaps.csv``): the unit, its status
(``solved`` / ``invalid`` / ``failed``), staff, posts, posts short by priority, the holes in
the night watch of unmanaged compounds (count, and night hours with nobody there), spare
capacity (``spare_hours`` for the week, and ``spare_hours_<date>`` per day: hours of extra
duty people with room under their limits could take, :mod:`roster.check.spare`), seconds
from reading the plan to written outputs, CP-SAT's status, and an invalid plan's problems
(one a line) or a failed unit's error.

The page makes no request: styles and the few lines of script that sort the table are
inline (the project's report has no script at all; sorting needs one), the chart is inline
SVG, and a Content-Security-Policy forbids anything else. Every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

import pandas as pd

from roster.batch.task import UnitResult
from roster.io.write import atomic_write_bytes, atomic_write_text
from roster.report.html import CSS, page
from roster.text.i18n import Lang, label

#: The table's columns in order (``spare_hours_<date>`` columns follow ``spare_hours``).
COLUMNS = (
    "unit",
    "status",
    "staff",
    "posts",
    "critical_gaps",
    "unmanaged_night_holes",
    "unmanaged_night_hole_hours",
    "high_gaps",
    "normal_gaps",
    "low_gaps",
    "spare_hours",
)
TAIL = ("solve_seconds", "solve_status", "error")
COUNTS = (
    "staff",
    "posts",
    "critical_gaps",
    "unmanaged_night_holes",
    "high_gaps",
    "normal_gaps",
    "low_gaps",
)
SPARE = "spare_hours_"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def city_table(results: Sequence[UnitResult]) -> pd.DataFrame:
    """One row per unit, in the order given (``COLUMNS``, the spare hours per day, ``TAIL``)."""
    records = []
    for result in results:
        row = result.row()
        by_day = row.pop("spare_hours_by_day")
        assert isinstance(by_day, dict)
        row.pop("exit_code")
        row["spare_hours"] = round(sum(by_day.values()), 2) if by_day else None
        row.update({f"{SPARE}{day}": hours for day, hours in by_day.items()})
        records.append(row)
    frame = pd.DataFrame.from_records(records)
    days = sorted(c for c in frame.columns if str(c).startswith(SPARE))
    frame = frame.reindex(columns=[*COLUMNS, *days, *TAIL])
    for column in COUNTS:  # whole numbers, empty for units without a roster
        frame[column] = frame[column].astype("Int64")
    return frame


def write_city(out: Path, results: Sequence[UnitResult], lang: Lang) -> list[Path]:
    """``OUT/city.csv`` and ``OUT/city.html``, each written atomically."""
    frame = city_table(results)
    csv_path, html_path = out / "city.csv", out / "city.html"
    # A BOM, as every CSV of the project: Excel on Chinese Windows then reads it as UTF-8.
    atomic_write_bytes(csv_path, b"\xef\xbb\xbf" + frame.to_csv(index=False).encode("utf-8"))
    atomic_write_text(html_path, render_city(frame, lang))
    return [csv_path, html_path]


# --------------------------------------------------------------------------- the page

PAGE_CSS = """
.city td.n,.city th.n{text-align:right}
.city td.s{white-space:nowrap}
.city th{cursor:pointer}
.city th[aria-sort=ascending]::after{content:" ▲"}
.city th[aria-sort=descending]::after{content:" ▼"}
.city tr.invalid td{background:#fff2cc}
.city tr.failed td{background:#ffc7ce}
.city td.bad{color:#9c0006;font-weight:bold}
.city td.err{white-space:pre-wrap;min-width:20em;font-size:.8rem}
svg text{font-size:11px;font-family:inherit}
"""

# Sorts the table by the clicked column: numbers as numbers, empty cells last.
SCRIPT = """
document.querySelectorAll('table.city th').forEach(function(th,col){
 th.addEventListener('click',function(){
  var up=th.getAttribute('aria-sort')!=='ascending';
  th.parentNode.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
  th.setAttribute('aria-sort',up?'ascending':'descending');
  var body=th.closest('table').tBodies[0],rows=Array.from(body.rows);
  rows.sort(function(a,b){
   var x=a.cells[col].dataset.v,y=b.cells[col].dataset.v;
   if(x===''||y===''){return (x==='')-(y==='');}
   var p=parseFloat(x),q=parseFloat(y);
   var c=(!isNaN(p)&&!isNaN(q))?p-q:x.localeCompare(y);
   return up?c:-c;});
  rows.forEach(function(r){body.appendChild(r)});});});
"""

#: The page shows the table's columns but the days' spare hours and CP-SAT's status.
SHOWN = (*COLUMNS, "solve_seconds", "error")
TEXT_COLUMNS = ("unit", "status", "error")


def render_city(frame: pd.DataFrame, lang: Lang) -> str:
    """The whole page as a string."""
    title = label("city_title", lang)
    solved = int((frame["status"] == "solved").sum()) if len(frame) else 0
    invalid = int((frame["status"] == "invalid").sum()) if len(frame) else 0
    failed = int((frame["status"] == "failed").sum()) if len(frame) else 0
    summary = label("city_summary", lang).format(
        units=len(frame),
        solved=solved,
        invalid=invalid,
        failed=failed,
        critical=int(frame["critical_gaps"].fillna(0).sum()),
        holes=int(frame["unmanaged_night_holes"].fillna(0).sum()),
        hours=_number(float(frame["unmanaged_night_hole_hours"].fillna(0).sum())),
        spare=_number(float(frame["spare_hours"].fillna(0).sum())),
    )
    body = f"""<h1>{_e(title)}</h1>
<p>{_e(summary)}</p>
<h2>{_e(label("city_chart_heading", lang))}</h2>
<p class="muted">{_e(label("city_chart_note", lang))}</p>
<div class="scroll">{_chart(frame, lang)}</div>
<h2>{_e(label("city_table_heading", lang))}</h2>
<p class="muted">{_e(label("city_table_note", lang))}</p>
<div class="scroll">{_table(frame, lang)}</div>
<script>{SCRIPT}</script>"""
    return page(title, lang, body, css=CSS + PAGE_CSS, csp=CSP)


def _table(frame: pd.DataFrame, lang: Lang) -> str:
    head = "".join(
        f'<th class="{"" if c in TEXT_COLUMNS else "n"}">{_e(label(f"city_col_{c}", lang))}</th>'
        for c in SHOWN
    )
    days = [c for c in frame.columns if str(c).startswith(SPARE)]
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column in SHOWN:
            value = record.get(column)
            shown = _cell(column, value, lang)
            sort_key = "" if _missing(value) else str(value)
            classes = []
            if column not in TEXT_COLUMNS:
                classes.append("n")
            if column == "error":
                classes.append("err")
            if column == "status":
                classes.append("s")
            if column in ("critical_gaps", "unmanaged_night_holes") and _positive(value):
                classes.append("bad")
            title = ""
            if column == "spare_hours" and days:
                by_day = "; ".join(
                    f"{str(d)[len(SPARE) :]}: {_cell(d, record.get(d), lang)}" for d in days
                )
                title = f' title="{_e(by_day)}"'
            cells.append(
                f'<td class="{" ".join(classes)}" data-v="{_e(sort_key)}"{title}>{shown}</td>'
            )
        status = _e(str(record.get("status")))
        rows.append(f'<tr class="{status}">{"".join(cells)}</tr>')
    return (
        f'<table class="city"><thead><tr>{head}</tr></thead>'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody></table>"
    )


def _chart(frame: pd.DataFrame, lang: Lang) -> str:
    """Two bars per unit: night hours with nobody on watch at its unmanaged compounds, and
    its spare hours for the week, each on its own scale; units with holes first."""
    solved = frame[frame["status"] == "solved"]
    if solved.empty:
        return f"<p>{_e(label('city_chart_empty', lang))}</p>"
    solved = solved.sort_values(
        ["unmanaged_night_hole_hours", "spare_hours", "unit"], ascending=[False, True, True]
    )
    name_w, bar_w, gap, row_h, top = 150, 260, 70, 18, 28
    width = name_w + 2 * bar_w + gap + 60
    height = top + row_h * len(solved) + 8
    holes_max = max(1.0, float(solved["unmanaged_night_hole_hours"].max()))
    spare_max = max(1.0, float(solved["spare_hours"].fillna(0).max()))
    right = name_w + bar_w + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{_e(label("city_chart_heading", lang))}">',
        f'<text x="{name_w}" y="14" fill="#9c0006">{_e(label("city_chart_holes", lang))}</text>',
        f'<text x="{right}" y="14" fill="#1f4e79">{_e(label("city_chart_spare", lang))}</text>',
    ]
    for k, record in enumerate(solved.to_dict("records")):
        y = top + k * row_h
        hole_h = float(record["unmanaged_night_hole_hours"] or 0)
        spare_h = 0.0 if _missing(record["spare_hours"]) else float(record["spare_hours"])
        hole_len = bar_w * hole_h / holes_max
        spare_len = bar_w * spare_h / spare_max
        parts += [
            f'<text x="{name_w - 6}" y="{y + 12}" text-anchor="end">'
            f"{_e(str(record['unit']))}</text>",
            f'<rect x="{name_w}" y="{y + 2}" width="{hole_len:.1f}" height="{row_h - 5}" '
            f'fill="#e53935"><title>{_e(str(record["unit"]))}: {_number(hole_h)} h</title></rect>',
            f'<text x="{name_w + hole_len + 4:.1f}" y="{y + 12}">{_number(hole_h)}</text>',
            f'<rect x="{right}" y="{y + 2}" width="{spare_len:.1f}" height="{row_h - 5}" '
            f'fill="#5b9bd5"><title>{_e(str(record["unit"]))}: {_number(spare_h)} h</title>'
            "</rect>",
            f'<text x="{right + spare_len + 4:.1f}" y="{y + 12}">{_number(spare_h)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _cell(column: str, value: object, lang: Lang) -> str:
    if _missing(value):
        return ""
    if column == "status":
        return _e(label(f"city_status_{value}", lang))
    if isinstance(value, float):
        return _number(value)
    return _e(str(value))


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _positive(value: object) -> bool:
    return not _missing(value) and isinstance(value, int | float) and value > 0


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _e(text: str) -> str:
    return escape(text, quote=True)
