"""Realistic synthetic plans of any size, in the proportions of the Nanchang Road example.

``generate_plan`` makes a :class:`~roster.plan.model.Plan` from a seed alone (same arguments, same
plan); ``write_plan`` writes it as a plan folder (``plan.toml`` and CSV files) that
:func:`roster.io.load_plan` reads back. The proportions follow ``examples/nanchang-road``:

* about a quarter of the compounds are unmanaged, and only those are guarded round the clock;
* roles leader / cadre / volunteer about 12 / 73 / 15 %; about 70 % can ``lead``;
* about a quarter of the people have a health or family profile (pregnant, post_surgery,
  young_children, chemo_spouse, elderly_parents) with the example's limits;
* everyone but some volunteers has a home compound; about 8 % are absent for 2-4 days;
* plans of 12 compounds or more (``AREA_SIZE`` * 3/2) are split into areas (片区) of about
  ``AREA_SIZE`` compounds, the unmanaged ones spread evenly; everyone serves the area of
  their home compound (people without one, an area in turn), as street offices split a
  district's work;
* the demand rows are the example's: critical watches at unmanaged compounds, a high-priority
  morning post (with a leader) at every compound, afternoon posts at half the managed ones,
  and the shopping (wed, sat) and survey (mon-fri) errands scaled with the compounds.

Names are drawn from syllable lists: nobody in a generated plan is a real person.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from pathlib import Path

from roster.io.write import OutputError, atomic_write_text, write_csv
from roster.plan.index import PlanIndex
from roster.plan.limits import typical_limits
from roster.plan.model import (
    WEEKDAYS,
    Absence,
    Compound,
    Demand,
    Limits,
    Plan,
    Priority,
    Role,
    Shift,
    Staff,
)

START = dt.date(2026, 3, 2)
"""Day 0 of every generated plan (a Monday)."""

EXAMPLE_STAFF_PER_COMPOUND = 26 / 8
"""People per compound in the example (26 people, 8 compounds)."""

SHIFTS = (
    Shift(id="am", name="上午班", start="08:00", end="14:00"),
    Shift(id="pm", name="下午班", start="14:00", end="20:00"),
    Shift(id="night", name="夜班", start="20:00", end="08:00", night=True),
    Shift(id="full", name="24小时班", start="08:00", end="08:00"),
)

EIGHT_HOUR_SHIFTS = (
    Shift(id="night", name="夜班", start="00:00", end="08:00", night=True),
    Shift(id="day", name="白班", start="08:00", end="16:00"),
    Shift(id="evening", name="晚班", start="16:00", end="24:00"),
)

SHAPES = {"example": SHIFTS, "8h": EIGHT_HOUR_SHIFTS}
"""The shift patterns ``generate_plan`` can use, by name."""

DAY_AND_LATER = {"example": ("am", "pm"), "8h": ("day", "evening")}
"""Each pattern's day shift (a leader at every gate) and later shift (``_demand``)."""

RULES = typical_limits()
"""Everyone's limits: each limit's typical value (declared with its field)."""

PROFILES: dict[str, Limits] = {
    "pregnant": Limits(no_nights=True, no_24h=True, max_hours_per_day=6, max_hours_per_week=24),
    "post_surgery": Limits(no_nights=True, no_24h=True, max_hours_per_week=30),
    "young_children": Limits(no_nights=True, no_24h=True, latest_end="18:00"),
    "chemo_spouse": Limits(no_nights=True, no_24h=True, days_off=("sat",)),
    "elderly_parents": Limits(max_nights_per_week=1, no_24h=True),
}
_PROFILE_WEIGHTS = {
    "pregnant": 1,
    "post_surgery": 1,
    "young_children": 3,
    "chemo_spouse": 1,
    "elderly_parents": 3,
}

LEADER_SHARE = 0.12
VOLUNTEER_SHARE = 0.15
LEAD_SHARE = 0.70
PROFILE_SHARE = 0.25
ABSENT_SHARE = 0.08
UNMANAGED_SHARE = 0.25

_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯许邓曹彭曾萧田董潘袁蔡蒋余"
    "杜叶程魏苏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙"
    "黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文"
)
_GIVEN = (
    "晓立海丽建雪志文静俊红明欣浩佳国小永亚秀春玉燕军平华伟芳敏强磊洋艳勇杰娟涛超霞刚"
    "桂英云飞鹏辉波宁琳慧婷鑫宇轩睿晨阳思雨嘉博瑞涵子怡诗梦露晴航凯豪然泽天翔"
)
_STREET = "梧桐永兴瑞金兴业安福长乐复兴淮海建国太平和平新华嘉善陕西富民绍兴桃源枫林锦绣东湖南塘"
_SUFFIXES = ("里", "坊", "新村", "小区", "公寓", "宿舍", "花园")
_UNITS = ("街道办", "城管科", "民政科", "综治办", "社保科", "党建办", "计生办")
_VOLUNTEER_UNIT = "志愿者"
_REASONS = ("孩子发烧", "家中有事", "体检", "培训", "病假")

AREA_SIZE = 8
"""Compounds per area in big plans: the example's 8 compounds, which its 26 people guard."""

ERRAND_MAX = 100
"""A demand row takes at most this many people (``Demand.max``); bigger errands are split."""


def compounds_for(staff: int) -> int:
    """The number of compounds that ``staff`` people guard in the example's proportion."""
    return max(2, round(staff / EXAMPLE_STAFF_PER_COMPOUND))


def generate_plan(
    staff: int,
    compounds: int,
    days: int,
    seed: int,
    *,
    areas: bool = True,
    shifts: str = "example",
) -> Plan:
    """A realistic synthetic plan, the same for the same arguments.

    Args:
        staff: People (at least 4).
        compounds: Compounds (at least 2; about a quarter are unmanaged).
        days: Length of the period from Monday 2026-03-02 (1..366).
        seed: Seed of the random choices.
        areas: Split big plans into areas (``_areas``). Without, everyone may serve
            everywhere: the shape a district office has before it draws areas, and the
            hardest for the engine (every person a candidate for every post).
        shifts: ``example`` (the example's am/pm/night/24 h) or ``8h`` (three 8-hour shifts,
            the night 00:00-08:00), a shape the engine's settings were not tuned on.

    Returns:
        The plan (not yet checked by :func:`roster.plan.validate.validate_plan`; written with
        :func:`write_plan` it loads with :func:`roster.io.load_plan` without problems).

    Raises:
        ValueError: When the sizes are out of range.
    """
    if staff < 4 or compounds < 2 or not 1 <= days <= 366:
        raise ValueError("need at least 4 staff, 2 compounds and 1..366 days")
    if shifts not in SHAPES:
        raise ValueError(f"shifts: expected one of {', '.join(SHAPES)}")
    rng = random.Random(seed)
    places = _compounds(rng, compounds)
    people = _staff(rng, staff, places)
    if areas:
        places, people = _areas(places, people)
    return Plan(
        title=f"合成计划 {staff}人 {compounds}个小区 {days}天 (seed {seed})",
        start=START,
        days=days,
        rules=RULES,
        profiles=PROFILES,
        staff=people,
        compounds=places,
        shifts=SHAPES[shifts],
        demand=_demand(rng, places, *DAY_AND_LATER[shifts]),
        absences=_absences(rng, people, days),
    )


def _unique(rng: random.Random, make: str, taken: set[str], pool: Sequence[str]) -> str:
    """A name from ``make`` (a format with ``{}`` per draw) not yet in ``taken``."""
    for _ in range(1000):
        name = make.format(*(rng.choice(pool) for _ in range(make.count("{}"))))
        if name not in taken:
            taken.add(name)
            return name
    name = f"{make.format(*(pool[0] for _ in range(make.count('{}'))))}{len(taken)}"
    taken.add(name)
    return name


def _compounds(rng: random.Random, count: int) -> tuple[Compound, ...]:
    unmanaged = min(count - 1, max(1, round(count * UNMANAGED_SHARE)))
    chosen = set(rng.sample(range(count), unmanaged))
    width = len(str(count))
    names: set[str] = set()
    found = []
    for i in range(count):
        if rng.random() < 0.5:
            street = rng.choice(_STREET) + rng.choice(_STREET)
            name = _unique(rng, f"{street}路{{}}{{}}号院", names, "123456789")
        else:
            name = _unique(rng, "{}{}" + rng.choice(_SUFFIXES), names, _STREET)
        households = rng.randint(60, 420)
        found.append(
            Compound(
                id=f"C{i + 1:0{width}d}",
                name=name,
                unmanaged=i in chosen,
                round_the_clock=i in chosen,
                households=households,
                residents=round(households * rng.uniform(2.2, 2.8)),
            )
        )
    return tuple(found)


def _staff(rng: random.Random, count: int, places: Sequence[Compound]) -> tuple[Staff, ...]:
    leaders = max(1, round(count * LEADER_SHARE))
    volunteers = round(count * VOLUNTEER_SHARE)
    cadres = count - leaders - volunteers
    roles = [Role.LEADER] * leaders + [Role.CADRE] * cadres + [Role.VOLUNTEER] * volunteers
    # Leaders always lead, volunteers never: cadres make up the rest of the share.
    cadre_lead = min(1.0, max(0.0, (LEAD_SHARE * count - leaders) / max(1, cadres)))
    profile_chance = PROFILE_SHARE * count / max(1, count - leaders)
    profile_names = list(_PROFILE_WEIGHTS)
    profile_weights = list(_PROFILE_WEIGHTS.values())
    homes = [c.id for c in places]
    rng.shuffle(homes)
    width = len(str(count))
    names: set[str] = set()
    found = []
    for i, role in enumerate(roles):
        skills: list[str] = []
        profiles: tuple[str, ...] = ()
        overrides = Limits()
        if role is Role.LEADER:
            skills = ["lead"] + (["drive"] if rng.random() < 0.5 else [])
            unit = rng.choice(_UNITS[:3])
        else:
            if role is Role.CADRE and rng.random() < cadre_lead:
                skills.append("lead")
            if rng.random() < 0.35:
                skills.append("survey")
            if role is Role.VOLUNTEER or rng.random() < 0.2 or not skills:
                skills.append("shop")
            if rng.random() < 0.15:
                skills.append("drive")
            if rng.random() < profile_chance:
                profiles = (rng.choices(profile_names, profile_weights)[0],)
            unit = _VOLUNTEER_UNIT if role is Role.VOLUNTEER else rng.choice(_UNITS)
            if role is Role.VOLUNTEER:
                draw = rng.random()
                if draw < 0.6:
                    overrides = Limits(max_shifts_per_week=4)
                elif draw < 0.8:
                    overrides = Limits(max_hours_per_week=rng.choice((24, 30)))
        home = None if role is Role.VOLUNTEER and rng.random() < 0.5 else homes[i % len(homes)]
        found.append(
            Staff(
                id=f"s{i + 1:0{width}d}",
                name=_person_name(rng, names),
                role=role,
                skills=tuple(skills),
                profiles=profiles,
                overrides=overrides,
                home_compound=home,
                unit=unit,
            )
        )
    if not any("survey" in person.skills for person in found):
        # A small unit may draw nobody for the survey errand, which makes its plan invalid
        # (a demand nobody can ever take): the first cadre surveys, with no draw of the
        # random numbers, so every plan that was valid stays the same.
        k = next((k for k, p in enumerate(found) if p.role is not Role.LEADER), 0)
        found[k] = found[k].model_copy(update={"skills": (*found[k].skills, "survey")})
    return tuple(found)


def _areas(
    places: tuple[Compound, ...], people: tuple[Staff, ...]
) -> tuple[tuple[Compound, ...], tuple[Staff, ...]]:
    """Compounds and people with areas, when the plan is big enough to have several.

    Unmanaged compounds are dealt out first, then the managed ones, so that every area has
    its share of the hardest duties. No random draws: the rest of the plan stays as it was.
    """
    count = round(len(places) / AREA_SIZE)
    if count < 2:
        return places, people
    width = len(str(count))
    ordered = [c for c in places if c.unmanaged] + [c for c in places if not c.unmanaged]
    area_of = {c.id: f"A{k % count + 1:0{width}d}" for k, c in enumerate(ordered)}
    places = tuple(c.model_copy(update={"area": area_of[c.id]}) for c in places)
    people = tuple(
        p.model_copy(
            update={
                "areas": (
                    area_of[p.home_compound]
                    if p.home_compound is not None
                    else f"A{i % count + 1:0{width}d}",
                )
            }
        )
        for i, p in enumerate(people)
    )
    return places, people


def _person_name(rng: random.Random, taken: set[str]) -> str:
    """An invented two- or three-character name not yet used."""
    for _ in range(1000):
        given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
        name = rng.choice(_SURNAMES) + given
        if name not in taken:
            taken.add(name)
            return name
    name = f"{rng.choice(_SURNAMES)}{len(taken)}号"
    taken.add(name)
    return name


def _errand_rows(
    name: str, shift: str, days: str, people: int, skill: str, priority: Priority
) -> list[Demand]:
    """Errand demand of ``people`` in rows of at most ``ERRAND_MAX`` (extra errands b, c, ...)."""
    rows = []
    for k, first in enumerate(range(0, people, ERRAND_MAX)):
        size = min(ERRAND_MAX, people - first)
        place = name if k == 0 else f"{name}_{chr(ord('a') + k)}"
        rows.append(
            Demand(
                place=place,
                shift=shift,
                days=days,
                min=size,
                max=size,
                skill=skill,
                priority=priority,
            )
        )
    return rows


def _demand(
    rng: random.Random, places: Sequence[Compound], day: str, later: str
) -> tuple[Demand, ...]:
    """The example's demand: unmanaged compounds watched round the clock (two at night),
    a leader on the ``day`` shift everywhere, the ``later`` shift at half the managed ones,
    and the errands."""
    managed = [c.id for c in places if not c.unmanaged]
    afternoons = sorted(rng.sample(managed, round(len(managed) / 2)))
    errand = max(1, round(2 * len(places) / 8))
    return (
        Demand(place="unmanaged", shift=day, min=1, priority=Priority.CRITICAL),
        Demand(place="unmanaged", shift=later, min=1, priority=Priority.CRITICAL),
        Demand(place="unmanaged", shift="night", min=2, priority=Priority.CRITICAL),
        Demand(place="*", shift=day, min=1, skill="lead", priority=Priority.HIGH),
        Demand(place="managed", shift=day, min=1, priority=Priority.HIGH),
        *(Demand(place=c, shift=later, min=1, priority=Priority.NORMAL) for c in afternoons),
        *_errand_rows("shopping", later, "wed;sat", errand, "shop", Priority.NORMAL),
        *_errand_rows("survey", day, "mon-fri", errand, "survey", Priority.LOW),
    )


def _absences(rng: random.Random, people: Sequence[Staff], days: int) -> tuple[Absence, ...]:
    absent = sorted(rng.sample(range(len(people)), round(len(people) * ABSENT_SHARE)))
    found = []
    for i in absent:
        length = min(days, rng.randint(2, 4))
        first = START + dt.timedelta(days=rng.randint(0, days - length))
        begin = dt.datetime.combine(first, dt.time())
        found.append(
            Absence(
                staff=people[i].id,
                start=begin,
                end=begin + dt.timedelta(days=length),
                reason=rng.choice(_REASONS),
            )
        )
    return tuple(found)


def demand_per_staff_day(plan: Plan) -> float:
    """People the plan's posts need per person and day (0.73 in the example)."""
    index = PlanIndex(plan)
    return sum(post.min for post in index.posts) / (len(plan.staff) * plan.days)


# --------------------------------------------------------------------------- writing


def write_plan(plan: Plan, folder: Path) -> list[Path]:
    """Write ``plan`` as a plan folder: ``plan.toml`` and the CSV files it uses.

    Only what :func:`generate_plan` fills is written (staff, compounds, shifts, demand,
    absences; per-person limits as the staff.csv columns ``max_hours_per_week`` and
    ``max_shifts_per_week``).

    Args:
        plan: The plan.
        folder: A folder that does not exist yet, or is empty.

    Returns:
        The files written, in order.

    Raises:
        OutputError: When ``folder`` is a file or a folder that is not empty.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder} exists and is not an empty folder; choose another --out")
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "plan.toml"]
    atomic_write_text(written[0], plan_toml(plan))
    tables: list[tuple[str, Sequence[str], list[list[object]]]] = [
        ("staff", _STAFF_HEADER, [_staff_row(s) for s in plan.staff]),
        (
            "compounds",
            ("id", "name", "unmanaged", "round_the_clock", "households", "residents", "area"),
            [
                [
                    c.id,
                    c.name,
                    _bool(c.unmanaged),
                    _bool(c.round_the_clock),
                    c.households,
                    c.residents,
                    c.area,
                ]
                for c in plan.compounds
            ],
        ),
        (
            "shifts",
            ("id", "name", "start", "end", "night"),
            [[s.id, s.name, _clock(s.start), _clock(s.end), _bool(s.night)] for s in plan.shifts],
        ),
        (
            "demand",
            ("place", "shift", "days", "min", "max", "skill", "priority"),
            [
                [d.place, d.shift, d.days, d.min, d.max, d.skill, d.priority.value]
                for d in plan.demand
            ],
        ),
        (
            "absences",
            ("staff", "from", "to", "reason"),
            [[a.staff, *_span(a.start, a.end), a.reason] for a in plan.absences],
        ),
    ]
    for name, header, rows in tables:
        path = folder / f"{name}.csv"
        write_csv(path, header, rows)
        written.append(path)
    return written


_STAFF_HEADER = (
    "id",
    "name",
    "role",
    "skills",
    "profiles",
    "home_compound",
    "unit",
    "max_hours_per_week",
    "max_shifts_per_week",
    "areas",
)


def _staff_row(person: Staff) -> list[object]:
    return [
        person.id,
        person.name,
        person.role.value,
        ";".join(person.skills),
        ";".join(person.profiles),
        person.home_compound,
        person.unit,
        _number(person.overrides.max_hours_per_week),
        _number(person.overrides.max_shifts_per_week),
        ";".join(person.areas),
    ]


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _span(start: dt.datetime, end: dt.datetime) -> tuple[str, str]:
    """An absence as ``from`` and ``to`` cells: whole days as dates (``to`` inclusive)."""
    if start.time() == dt.time() and end.time() == dt.time():
        return start.date().isoformat(), (end.date() - dt.timedelta(days=1)).isoformat()
    return start.strftime("%Y-%m-%d %H:%M"), end.strftime("%Y-%m-%d %H:%M")


def _toml_value(name: str, value: object) -> str:
    if isinstance(value, bool):
        return _bool(value)
    if name in ("latest_end", "earliest_start") and isinstance(value, int):
        return json.dumps(_clock(value))
    if name == "days_off" and isinstance(value, tuple):
        return json.dumps([WEEKDAYS[d] for d in value])
    if isinstance(value, float):
        return _number(value) or "0"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _limits_toml(limits: Limits) -> list[str]:
    values = limits.model_dump(exclude_none=True, exclude_defaults=True)
    return [f"{name} = {_toml_value(name, value)}" for name, value in values.items()]


def plan_toml(plan: Plan) -> str:
    """The settings of ``plan`` as ``plan.toml`` text (title, period, rules, profiles)."""
    lines = [
        "# A synthetic plan made by `roster generate` (invented people and places).",
        f"title = {json.dumps(plan.title, ensure_ascii=False)}",
        f"start = {plan.start.isoformat()}",
        f"days = {plan.days}",
        "",
        "[rules]",
        *_limits_toml(plan.rules),
    ]
    for name, limits in plan.profiles.items():
        lines += ["", f"[profiles.{name}]", *_limits_toml(limits)]
    return "\n".join(lines) + "\n"
