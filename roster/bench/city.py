"""A synthetic city: many units' plans of realistic, mixed sizes (``roster generate city``),
for ``roster batch``'s tests and benchmarks.

A city's units are street offices and residents' committees: most are small, a few large.
Each unit draws its size (``unit_size``): about 60 % have 10-25 staff, 30 % 26-50 and 10 %
51-80; its compounds follow the example's proportion of people per compound, give or take a
fifth (one unit in five has two to three and a half times as many: too few people for its
gates), between 3 and 20; about a quarter of them unmanaged (at least one), as
:func:`roster.bench.generate.generate_plan` makes every plan. Same arguments, same city.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from roster.bench.generate import compounds_for, generate_plan, write_plan
from roster.io.write import OutputError, atomic_write_text
from roster.plan.model import Plan

MIN_STAFF, MAX_STAFF = 10, 80
MIN_COMPOUNDS, MAX_COMPOUNDS = 3, 20
#: Units with far too few people for their compounds: the ones a city's table is for.
SHORT_SHARE = 0.2
_DISTRICTS = ("南昌路", "瑞金二路", "淮海中路", "打浦桥", "五里桥", "老西门", "豫园", "外滩")
#: The shift of the demand row that makes a unit invalid on request: no plan has it.
BROKEN_SHIFT = "graveyard"


@dataclass(frozen=True)
class CityUnit:
    """One generated unit: its folder name and its plan."""

    name: str
    plan: Plan


def unit_size(rng: random.Random) -> tuple[int, int]:
    """Staff and compounds of one unit, drawn from the city's mix."""
    band = rng.random()
    if band < 0.6:
        staff = rng.randint(MIN_STAFF, 25)
    elif band < 0.9:
        staff = rng.randint(26, 50)
    else:
        staff = rng.randint(51, MAX_STAFF)
    compounds = compounds_for(staff) * rng.uniform(0.8, 1.25)
    if rng.random() < SHORT_SHARE:
        compounds *= rng.uniform(2.0, 3.5)  # a unit sent too few people for its gates
    return staff, min(MAX_COMPOUNDS, max(MIN_COMPOUNDS, round(compounds)))


def generate_city(units: int, seed: int, days: int = 7) -> list[CityUnit]:
    """``units`` plans, ``unit001`` onwards, the same for the same arguments.

    Raises:
        ValueError: Fewer than one unit.
    """
    if units < 1:
        raise ValueError("--units: at least 1")
    rng = random.Random(seed)
    width = max(3, len(str(units)))
    found = []
    for k in range(1, units + 1):
        staff, compounds = unit_size(rng)
        plan = generate_plan(staff, compounds, days, rng.randrange(2**31))
        district = _DISTRICTS[k % len(_DISTRICTS)]
        title = f"{district}街道 第{k}居委会 封控值守（{staff}人 {compounds}个小区）"
        found.append(CityUnit(f"unit{k:0{width}d}", plan.model_copy(update={"title": title})))
    return found


def write_city(city: list[CityUnit], folder: Path, invalid: int = 0) -> list[Path]:
    """Write each unit as ``folder/<unit>/``; the last ``invalid`` units get a demand row
    for a shift that does not exist, so that ``roster batch`` has invalid plans to report.

    Raises:
        OutputError: ``folder`` is a file, or a folder that is not empty.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder} exists and is not an empty folder; choose another --out")
    if not 0 <= invalid <= len(city):
        raise ValueError(f"--invalid: between 0 and {len(city)}")
    written = []
    for k, unit in enumerate(city):
        target = folder / unit.name
        write_plan(unit.plan, target)
        if k >= len(city) - invalid:
            break_plan(target, unit.plan.compounds[0].id)
        written.append(target)
    return written


def break_plan(folder: Path, compound: str) -> None:
    """Make the plan folder invalid: a critical demand at ``compound`` for a shift it does
    not have (``roster validate`` names the file, row and column)."""
    demand = folder / "demand.csv"
    broken = f"{compound},{BROKEN_SHIFT},*,1,,,critical\n"
    atomic_write_text(demand, demand.read_text(encoding="utf-8-sig") + broken)
