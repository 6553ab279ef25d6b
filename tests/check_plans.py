"""Plan folders and hand-made rosters for the ``check``, ``explain`` and resilience tests,
whose holes, gaps, reasons and cores are known by hand."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

# Two days from Monday 2 March 2026. A小区 (managed) and B小区 (unmanaged), day 08–20 and
# night 20–08, one person each, critical at B and high at A. Person 4 takes no nights;
# Person 5 is absent on Tuesday 3 March. Rest of 8 hours between duties.
GATES: dict[str, str] = {
    "plan.toml": """\
title = "check test"
start = 2026-03-02
days = 2

[rules]
min_rest_hours = 8

[profiles.pregnant]
no_nights = true
""",
    "staff.csv": """\
id,name,skills,profiles
s1,Person 1,lead,
s2,Person 2,,
s3,Person 3,,
s4,Person 4,,pregnant
s5,Person 5,,
""",
    "compounds.csv": """\
id,name,unmanaged,round_the_clock
A,A小区,false,true
B,B小区,true,true
""",
    "shifts.csv": """\
id,name,start,end,night
D,day,08:00,20:00,false
N,night,20:00,08:00,true
""",
    "demand.csv": """\
place,shift,days,min,max,skill,priority
B,D,*,1,,,critical
B,N,*,1,,,critical
A,D,*,1,,,high
A,N,*,1,,,high
""",
    "absences.csv": """\
staff,from,to,reason
s5,2026-03-03,2026-03-03,flu
""",
}

ROSTER_HEADER = "date,shift,start,end,place,staff_id,staff_name\n"

# Nobody on B's Monday night (a 12-hour hole at the unmanaged compound, a critical gap) nor
# on A's Tuesday day (a 12-hour hole, a high gap); every hard rule holds.
HOLEY_ROWS = [
    "2026-03-02,D,,,A,s1,Person 1",
    "2026-03-02,D,,,B,s4,Person 4",
    "2026-03-02,N,,,A,s2,Person 2",
    "2026-03-03,D,,,B,s4,Person 4",
    "2026-03-03,N,,,A,s3,Person 3",
    "2026-03-03,N,,,B,s2,Person 2",
]

# Every post covered, every hard rule held.
FULL_ROWS = [
    *HOLEY_ROWS,
    "2026-03-02,N,,,B,s3,Person 3",
    "2026-03-03,D,,,A,s1,Person 1",
]


def roster_csv(rows: list[str]) -> str:
    """The text of a roster.csv with these rows."""
    return ROSTER_HEADER + "".join(f"{row}\n" for row in rows)


def write_folder(folder: Path, files: Mapping[str, str]) -> Path:
    """Write ``files`` (name -> text) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# Two nights at A, each needing 2 people (critical); at most 1 night a week; only three
# people take nights. 4 person-nights are needed and 3 are possible: the minimal core is
# the two nights' coverage and the three people's weekly night limit.
SHORT_NIGHTS: dict[str, str] = {
    "plan.toml": """\
title = "short nights"
start = 2026-03-02
days = 2

[rules]
max_nights_per_week = 1

[profiles.pregnant]
no_nights = true
""",
    "staff.csv": """\
id,name,profiles
s1,Person 1,
s2,Person 2,
s3,Person 3,
s4,Person 4,pregnant
""",
    "compounds.csv": """\
id,name,unmanaged,round_the_clock
A,A小区,false,true
""",
    "shifts.csv": """\
id,name,start,end,night
D,day,08:00,20:00,false
N,night,20:00,08:00,true
""",
    "demand.csv": """\
place,shift,days,min,max,skill,priority
A,N,*,2,,,critical
A,D,*,1,,,normal
""",
}
