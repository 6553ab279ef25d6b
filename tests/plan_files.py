"""A small valid plan as file texts, for reader and bad-input tests.

Tests copy it into ``tmp_path``, break one thing, and expect one exact problem line. Row
numbers are as Excel shows them: the header is row 1, so the first data row is row 2.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

SMALL_PLAN: dict[str, str] = {
    "plan.toml": """\
title = "small"
start = 2026-03-02
days = 3

[rules]
min_rest_hours = 10
max_hours_per_week = 48
forbidden_successions = ["N>D", ["D", "D"]]

[weights]
fair_nights = 4

[profiles.pregnant]
no_nights = true
no_24h = true
max_hours_per_week = 24
""",
    "staff.csv": """\
id,name,role,skills,profiles,home_compound,unit,max_hours_per_week,no_nights
a1,Ann,leader,lead;shop,pregnant,A,office,,
a2,Bob,cadre,lead,,B,office,30,
a3,Cat,cadre,,,A,office,,no
a4,Dan,volunteer,shop,,,,,
""",
    "compounds.csv": """\
id,name,unmanaged,round_the_clock,households,residents
A,A小区,false,true,100,250
B,B小区,true,true,40,90
""",
    "shifts.csv": """\
id,name,start,end,night
D,day,08:00,20:00,false
N,night,20:00,08:00,true
""",
    "demand.csv": """\
place,shift,days,min,max,skill,priority
*,D,*,1,,,high
unmanaged,N,*,1,2,,critical
A,D,mon-tue,1,,lead,normal
shopping,D,wed,1,1,shop,low
""",
    "absences.csv": """\
staff,from,to,reason
a3,2026-03-03,2026-03-03,checkup
a2,2026-03-02 08:00,2026-03-02 12:00,dentist
""",
    "requests.csv": """\
staff,date,shift,kind,weight
a1,2026-03-02,*,off,2
a3,2026-03-04,N,on,
""",
    "history.csv": """\
date,shift,start,end,place,staff_id,staff_name
2026-03-01,N,2026-03-01T20:00,2026-03-02T08:00,B,a3,Cat
""",
    "fixed.csv": """\
staff,date,shift,place
a2,2026-03-04,D,B
""",
    "pairs.csv": """\
a,b,kind
a1,a2,apart
a3,a4,together
""",
}


def write_plan(
    folder: Path,
    changes: Mapping[str, str | None] | None = None,
    *,
    encoding: str = "utf-8",
) -> Path:
    """Write the small plan into ``folder`` with ``changes`` (file -> new text, or None to
    leave the file out) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, str | None] = {**SMALL_PLAN, **(changes or {})}
    for name, text in files.items():
        if text is not None:
            (folder / name).write_bytes(text.encode(encoding))
    return folder


def edited(name: str, old: str, new: str) -> dict[str, str | None]:
    """A change to one file of the small plan: ``old`` replaced by ``new`` (must be there)."""
    text = SMALL_PLAN[name]
    assert old in text, f"{old!r} is not in {name}"
    return {name: text.replace(old, new, 1)}


def appended(name: str, line: str) -> dict[str, str | None]:
    """A change to one file of the small plan: one more line at its end."""
    return {name: SMALL_PLAN[name] + line + "\n"}
