"""The plan workbook: its layout, and writing it (``roster template``, folder conversion).

A plan workbook holds one sheet per file of a plan folder (design §3). Sheet names are the
file names without ``.csv`` (the reader also accepts them with ``.csv``, and the Chinese names
of :func:`sheet_names`); the columns are those of the CSV files. ``plan.toml`` becomes two
sheets:

``settings``
    Columns ``key``, ``value`` (and ``note``, which is not read). One row per setting, the
    key written as in ``plan.toml`` with its table in front: ``title``, ``start``, ``days``,
    ``tiers``, ``rules.max_hours_per_week``, ``rules.forbidden_successions``,
    ``weights.fair_nights``, ... A blank value means "not set" (the default), so the
    template lists every key. Lists are separated by ``;`` (``tiers``,
    ``rules.forbidden_successions`` as ``night>am;pm>am``, ``rules.days_off``); shift
    counts as ``night:2;full:1``.
``profiles``
    Column ``name``, then one column per limit (``no_nights``, ``no_24h``,
    ``max_hours_per_day``, ``latest_end``, ...): one row per profile, a blank cell meaning
    "no limit from this profile".

Every written workbook (a template or a converted folder) gets a ``README`` sheet first, a
note (cell comment) on every header saying what goes there, required headers in orange, a
frozen header row, columns as wide as their text, and drop-downs: roles, skills, profile
names (from the ``profiles`` sheet), compound ids, places (compound ids and ``*``,
``managed``, ``unmanaged``), shift ids (from the ``shifts`` sheet), staff ids, priorities,
request and pair kinds, weekdays and true/false. Drop-downs that name other sheets follow
them as the leader adds rows (through a hidden ``lists`` sheet and ``OFFSET`` ranges).
Columns that take several values (``skills``, ``profiles``, ``days``) or free text too
(``place``: errands) only suggest; closed lists refuse other values.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.folder import normalize_header
from roster.io.tables import TABLE_BY_NAME, TABLES, CellKind
from roster.io.write import OutputError, atomic_write_bytes
from roster.plan.model import (
    PLACE_SELECTORS,
    WEEKDAYS,
    Limits,
    PairKind,
    Priority,
    RequestKind,
    Role,
)
from roster.plan.model import Weights as WeightsModel
from roster.text.i18n import CATALOGUE, Lang, label

# --------------------------------------------------------------------------- layout

SETTINGS_SHEET = "settings"
PROFILES_SHEET = "profiles"
LISTS_SHEET = "lists"
"""The hidden sheet behind the drop-downs; the reader skips it."""

PLAN_SHEETS: tuple[str, ...] = (SETTINGS_SHEET, PROFILES_SHEET, *(t.name for t in TABLES))
"""Every sheet a plan workbook may have, in the order they are written."""

SETTINGS_HEADER = ("key", "value", "note")
PROFILE_NAME = "name"

TOP_SETTINGS = ("title", "start", "days", "tiers")
LIMIT_KINDS: dict[str, CellKind] = {
    column.name: column.kind
    for column in TABLE_BY_NAME["staff"].columns
    if column.target.startswith("overrides.")
}
"""Each limit and how its cells are read (the same as a staff sheet's override column)."""

RULE_KEYS: tuple[str, ...] = (*Limits.model_fields, "forbidden_successions")
WEIGHT_KEYS: tuple[str, ...] = tuple(WeightsModel.model_fields)
SETTING_KEYS: tuple[str, ...] = (
    *TOP_SETTINGS,
    *(f"rules.{key}" for key in RULE_KEYS),
    *(f"weights.{key}" for key in WEIGHT_KEYS),
)
"""Every key of the settings sheet, in the order the template lists them."""

# The limits design §3 names for profiles first, then the rest in the model's order.
_PROFILE_FIRST = (
    "no_nights",
    "no_24h",
    "max_hours_per_day",
    "max_hours_per_week",
    "latest_end",
    "earliest_start",
    "days_off",
)
PROFILE_COLUMNS: tuple[str, ...] = (
    PROFILE_NAME,
    *_PROFILE_FIRST,
    *(key for key in Limits.model_fields if key not in _PROFILE_FIRST),
)

# Per-person limit columns the template's staff sheet shows (any limit may be added).
STAFF_LIMIT_COLUMNS = ("max_hours_per_week", "max_nights_per_week", "no_nights", "days_off")

SettingKind = Literal["text", "bool", "counts", "list"]


def setting_kind(key: str) -> SettingKind:
    """How the value cell of a settings key is read (``key`` must be in SETTING_KEYS)."""
    if key in ("tiers", "rules.forbidden_successions"):
        return "list"
    table, _, name = key.partition(".")
    if table == "rules":
        kind = LIMIT_KINDS[name]
        return "bool" if kind == "bool" else "counts" if kind == "counts" else "text"
    if table == "weights":
        annotation = WeightsModel.model_fields[name].annotation
        return "bool" if annotation is bool else "text"
    return "text"


def sheet_names(sheet: str) -> tuple[str, ...]:
    """The names a plan sheet may have: its own (``staff``) and its Chinese one (``人员名单``)."""
    return (sheet, CATALOGUE[f"plan_sheet_{sheet}"]["zh"])


def table_headers(sheet: str) -> tuple[str, ...]:
    """The header a new sheet gets (the staff sheet shows only a few limit columns)."""
    if sheet == PROFILES_SHEET:
        return PROFILE_COLUMNS
    if sheet == "staff":
        columns = [c.name for c in TABLE_BY_NAME[sheet].columns if c.name not in LIMIT_KINDS]
        return (*columns, *STAFF_LIMIT_COLUMNS)
    if sheet == "fixed":
        return ("staff", "date", "shift", "place")  # as fixed.csv is usually written
    return tuple(c.name for c in TABLE_BY_NAME[sheet].columns)


def required_headers(sheet: str) -> frozenset[str]:
    """The headers that must be filled in a sheet."""
    if sheet == SETTINGS_SHEET:
        return frozenset({"key", "value"})
    if sheet == PROFILES_SHEET:
        return frozenset({PROFILE_NAME})
    table = TABLE_BY_NAME[sheet]
    names = {c.name for c in table.columns if c.required}
    names |= {alias for alias, name in table.aliases.items() if name in names}
    return frozenset(names)


# --------------------------------------------------------------------------- what to write

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass
class TableData:
    """One sheet's cells.

    Attributes:
        header: The header cells, as the leader wrote them.
        rows: The data rows, each with the row number it goes on (as Excel counts).
        header_row: The row the header goes on.
    """

    header: list[str]
    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)
    header_row: int = 1


@dataclass
class PlanContent:
    """What a plan workbook holds.

    Attributes:
        settings: Dotted settings key (``rules.max_hours_per_week``) -> value.
        profiles: The profiles sheet.
        tables: Per table name (``staff``, ``shifts``, ...), its sheet; a table missing here
            is not written.
        examples: Whether the data rows are examples (they get a note saying so).
        skills: Skills offered in the skills drop-downs.
    """

    settings: dict[str, CellValue]
    profiles: TableData
    tables: dict[str, TableData]
    examples: bool = False
    skills: tuple[str, ...] = ("lead", "shop", "survey", "drive")


# --------------------------------------------------------------------------- notes

Texts = dict[Lang, str]
"""One text in both languages."""

_LIMIT_NOTES: dict[str, Texts] = {
    "min_rest_hours": {
        "en": "Hours of rest at least between the end of one shift and the start of the next, "
        "e.g. 10.",
        "zh": "两个班次之间至少休息的小时数（上一班结束到下一班开始），如 10。",
    },
    "max_hours_per_week": {
        "en": "Hours of duty at most in any 7 days in a row, e.g. 48.",
        "zh": "任意连续 7 天内最多值班小时数，如 48。",
    },
    "max_shifts_per_week": {
        "en": "Shifts at most in any 7 days in a row, e.g. 6.",
        "zh": "任意连续 7 天内最多班次数，如 6。",
    },
    "max_consecutive_days": {
        "en": "Working days in a row at most, e.g. 6.",
        "zh": "最多连续上班天数，如 6。",
    },
    "max_nights_per_week": {
        "en": "Night shifts at most in any 7 days in a row, e.g. 3.",
        "zh": "任意连续 7 天内最多夜班数，如 3。",
    },
    "max_consecutive_nights": {
        "en": "Night shifts in a row at most, e.g. 2.",
        "zh": "最多连续夜班数，如 2。",
    },
    "min_days_off_per_week": {
        "en": "Days off at least in any 7 days in a row, e.g. 1.",
        "zh": "任意连续 7 天内至少休息天数，如 1。",
    },
    "max_compounds_per_week": {
        "en": "Different compounds at most in a week (cohorting: one infection reaches few "
        "residents), e.g. 3.",
        "zh": "每周最多去几个不同的小区（分组值守，减少交叉感染），如 3。",
    },
    "min_total_hours": {
        "en": "Hours of duty at least over the whole period.",
        "zh": "整个计划期内至少值班小时数。",
    },
    "max_total_hours": {
        "en": "Hours of duty at most over the whole period.",
        "zh": "整个计划期内最多值班小时数。",
    },
    "min_consecutive_days": {
        "en": "Once working, at least this many working days in a row.",
        "zh": "一旦上班，至少连续上班的天数。",
    },
    "min_consecutive_days_off": {
        "en": "Once off, at least this many days off in a row.",
        "zh": "一旦休息，至少连续休息的天数。",
    },
    "max_weekends": {
        "en": "Weekends with any duty at most over the period.",
        "zh": "计划期内最多有几个周末上班。",
    },
    "max_shifts_of_type": {
        "en": "Shifts of one kind at most, as shift:count separated by ';', e.g. night:2;full:1.",
        "zh": "某种班次最多几次，写成“班次:次数”，用“;”分隔，如 night:2;full:1。",
    },
    "no_nights": {
        "en": "true: never a night shift.",
        "zh": "true：不上夜班。",
    },
    "no_24h": {
        "en": "true: never a 24-hour shift.",
        "zh": "true：不上 24 小时班。",
    },
    "max_hours_per_day": {
        "en": "Hours of duty at most in one day, e.g. 6.",
        "zh": "每天最多值班小时数，如 6。",
    },
    "latest_end": {
        "en": "Home by: no shift may end later than this time (HH:MM), e.g. 18:00.",
        "zh": "最晚下班时间（HH:MM），班次不能晚于此时结束，如 18:00。",
    },
    "earliest_start": {
        "en": "No shift may start before this time (HH:MM), e.g. 09:00.",
        "zh": "最早上班时间（HH:MM），班次不能早于此时开始，如 09:00。",
    },
    "days_off": {
        "en": "Weekdays always off, separated by ';', e.g. sat;sun.",
        "zh": "固定休息的星期，用“;”分隔，如 sat;sun（或 周六;周日）。",
    },
    "forbidden_successions": {
        "en": "Shifts that may not follow each other, as A>B separated by ';', e.g. night>am.",
        "zh": "不能紧接的班次顺序，写成 A>B，用“;”分隔，如 night>am。",
    },
}

_WEIGHT_NOTES: dict[str, Texts] = {
    "critical": {
        "en": "Weight of a person missing on a critical post (within the critical tier).",
        "zh": "关键岗位每缺一人的权重（只在“关键覆盖”层级内比较）。",
    },
    "high": {
        "en": "Weight of a person missing on a high-priority post.",
        "zh": "高优先级岗位每缺一人的权重。",
    },
    "normal": {
        "en": "Weight of a person missing on a normal post.",
        "zh": "一般岗位每缺一人的权重。",
    },
    "low": {
        "en": "Weight of a person missing on a low-priority post.",
        "zh": "低优先级岗位每缺一人的权重。",
    },
    "empty_watch": {
        "en": "Extra weight of a round-the-clock gate with nobody on watch at all.",
        "zh": "全天值守的小区门岗完全无人时的额外权重。",
    },
    "change": {
        "en": "Rescheduling: weight of changing one published duty.",
        "zh": "重新排班时，改动一个已公布班次的权重。",
    },
    "change_next_24h": {
        "en": "Rescheduling: weight of changing a duty in the next 24 hours (short notice).",
        "zh": "重新排班时，改动未来 24 小时内班次的权重（临时通知更麻烦）。",
    },
    "fair_hours": {
        "en": "Weight of spreading hours fairly.",
        "zh": "工时分配公平的权重。",
    },
    "fair_nights": {
        "en": "Weight of spreading night shifts fairly.",
        "zh": "夜班分配公平的权重。",
    },
    "fair_weekends": {
        "en": "Weight of spreading weekend duties fairly.",
        "zh": "周末班分配公平的权重。",
    },
    "fair_24h": {
        "en": "Weight of spreading 24-hour duties fairly.",
        "zh": "24 小时班分配公平的权重。",
    },
    "request": {
        "en": "Weight of honouring a request (times the request's own weight).",
        "zh": "满足个人意愿的权重（再乘以该意愿自己的权重）。",
    },
    "together": {
        "en": "Weight of keeping 'together' pairs on the same duty.",
        "zh": "让 together 搭配的两人一起值班的权重。",
    },
    "home_compound": {
        "en": "Weight of guarding one's own home compound.",
        "zh": "安排到本人首选小区的权重。",
    },
    "compound_switch": {
        "en": "Weight of few switches between compounds.",
        "zh": "少换小区的权重。",
    },
    "over_cover": {
        "en": "Weight against more people than min on a post (0: no preference).",
        "zh": "岗位人数超过最少人数的惩罚权重（0：不在意）。",
    },
    "convex_shortfall": {
        "en": "true (default): spread shortages, a post left empty costs more than two posts "
        "each one short; false: every missing person costs the same.",
        "zh": "true（默认）：缺人尽量分散，一个岗位全空比两个岗位各缺一人代价更高；"
        "false：每缺一人代价相同。",
    },
}

_TOP_NOTES: dict[str, Texts] = {
    "title": {
        "en": "The plan's name, printed on the roster. A Chinese title makes Chinese the "
        "default language of the outputs.",
        "zh": "计划名称，印在排班表上。标题含中文时，输出默认用中文。",
    },
    "start": {
        "en": "Required. The first day of the period, a date, e.g. 2026-02-09.",
        "zh": "必填。计划期的第一天，日期，如 2026-02-09。",
    },
    "days": {
        "en": "Length of the period in days (default 7).",
        "zh": "计划期天数（默认 7）。",
    },
    "tiers": {
        "en": "Order of the soft goals, separated by ';' (default critical;high;stability;"
        "coverage;fairness;preferences). Leave blank unless you know why.",
        "zh": "软目标的先后次序，用“;”分隔（默认 critical;high;stability;coverage;fairness;"
        "preferences）。一般留空。",
    },
}

_RULE_PREFIX: Texts = {
    "en": "Everyone (unless a profile or the staff sheet says otherwise): ",
    "zh": "所有人（限制档案或人员表另有规定的除外）：",
}
_OVERRIDE_PREFIX: Texts = {
    "en": "This person only (overrides the settings and the profiles): ",
    "zh": "仅对此人（优先于 设置 和 限制档案）：",
}

_COLUMN_NOTES: dict[str, dict[str, Texts]] = {
    PROFILES_SHEET: {
        "name": {
            "en": "Required. A name for a bundle of limits, e.g. pregnant or young_children. "
            "Give it to people in the profiles column of the staff sheet. Names stay "
            "private: outputs show only the limits.",
            "zh": "必填。一组限制的名称，如 孕期、照顾幼儿。在 人员名单(staff) 表的 profiles 列中"
            "引用。名称不会出现在输出中，输出只显示具体限制。",
        },
    },
    "staff": {
        "id": {
            "en": "Required. A short unique id, e.g. s01. Other sheets name people by it.",
            "zh": "必填。人员编号，唯一，如 s01。其他表用这个编号指代此人。",
        },
        "name": {
            "en": "Required. The name shown on the roster.",
            "zh": "必填。姓名，显示在排班表上。",
        },
        "role": {
            "en": "leader, cadre (default) or volunteer.",
            "zh": "leader（领导）、cadre（干部，默认）或 volunteer（志愿者）。",
        },
        "skills": {
            "en": "What the person can do, separated by ';': lead (duty leader), shop, survey, "
            "drive, or words of your own.",
            "zh": "此人的技能，用“;”分隔：lead（带班）、shop（采购）、survey（走访）、"
            "drive（开车），也可用自己的词。",
        },
        "profiles": {
            "en": "Limit profiles from the profiles sheet, separated by ';'. Blank: none. "
            "Any limit of the profiles sheet may also be a column here, for one person.",
            "zh": "限制档案（在 profiles 表中定义），多个用“;”分隔；没有就留空。"
            "profiles 表中的任何限制也可作为本表的一列，只对此人生效。",
        },
        "home_compound": {
            "en": "The compound id the person would rather guard (from the compounds sheet).",
            "zh": "此人首选值守的小区编号（compounds 表中的 id）。",
        },
        "unit": {
            "en": "The person's unit or department (for information).",
            "zh": "所属单位或科室（仅供参考）。",
        },
        "areas": {
            "en": "Areas whose compounds the person guards, separated by ';' (the compounds "
            "sheet's area column). Blank: any compound.",
            "zh": "此人负责值守的片区，多个用“;”分隔（compounds 表 area 列中的片区）；"
            "留空表示不限。",
        },
    },
    "compounds": {
        "id": {
            "en": "Required. A short unique id, e.g. C1. Demand and rosters name compounds by it.",
            "zh": "必填。小区编号，唯一，如 C1。需求和排班表用它指代小区。",
        },
        "name": {"en": "Required. The compound's name.", "zh": "必填。小区名称。"},
        "unmanaged": {
            "en": "true: no property company or committee guards it; its nights are the "
            "hardest duty.",
            "zh": "true：无物业、无业委会、无主管单位，夜间值守最难安排。",
        },
        "round_the_clock": {
            "en": "true (default): the gate is watched every hour; false: only when demand asks.",
            "zh": "true（默认）：门岗全天 24 小时值守；false：只按需求值守。",
        },
        "households": {"en": "Number of households (for information).", "zh": "户数（仅供参考）。"},
        "residents": {"en": "Number of residents (for information).", "zh": "人数（仅供参考）。"},
        "area": {
            "en": "The area (grid) the compound belongs to; staff with areas guard only "
            "their areas' compounds. Blank: open to all.",
            "zh": "小区所属片区（网格）；填写了片区的人员只在本片区小区值守。留空表示不限。",
        },
    },
    "shifts": {
        "id": {
            "en": "Required. A short unique id, e.g. am, night.",
            "zh": "必填。班次编号，唯一，如 am、night。",
        },
        "name": {"en": "Required. The shift's name.", "zh": "必填。班次名称。"},
        "start": {
            "en": "Required. Start time, HH:MM, e.g. 08:00.",
            "zh": "必填。开始时间 HH:MM，如 08:00。",
        },
        "end": {
            "en": "Required. End time, HH:MM; may be after midnight (20:00 to 08:00). The same "
            "as start means 24 hours.",
            "zh": "必填。结束时间 HH:MM，可跨零点（20:00 至 08:00）；"
            "与开始时间相同表示 24 小时班。",
        },
        "night": {
            "en": "true for a night shift (night limits and fairness count it).",
            "zh": "true 表示夜班（计入夜班限制和夜班公平）。",
        },
    },
    "demand": {
        "place": {
            "en": "Required. A compound id, or * (every compound), managed, unmanaged, or an "
            "errand's name (e.g. shopping).",
            "zh": "必填。小区编号，或 *（所有小区）、managed（有物业小区）、"
            "unmanaged（无物业小区），或外勤任务名称（如 采购）。",
        },
        "shift": {
            "en": "Required. A shift id from the shifts sheet.",
            "zh": "必填。shifts 表中的班次编号。",
        },
        "days": {
            "en": "Which days: * (every day, default), mon-fri, wed;sat, weekend, or dates "
            "such as 2026-02-11.",
            "zh": "哪些天：*（每天，默认）、mon-fri、wed;sat、weekend，或日期如 2026-02-11。",
        },
        "min": {
            "en": "Required. People needed, a whole number.",
            "zh": "必填。需要的人数（整数）。",
        },
        "max": {
            "en": "People at most (blank: no more than needed).",
            "zh": "最多人数（留空：不超过需要的人数）。",
        },
        "skill": {
            "en": "Of the people needed, this many must have this skill, e.g. lead for the "
            "duty leader.",
            "zh": "需要的人中须有这么多人具备此技能，如 lead 表示带班。",
        },
        "priority": {
            "en": "critical, high, normal (default) or low: who goes short first when there "
            "are too few people.",
            "zh": "critical（关键）、high（高）、normal（一般，默认）或 low（低）："
            "人手不够时先缺低的。",
        },
    },
    "absences": {
        "staff": {"en": "Required. A staff id.", "zh": "必填。人员编号。"},
        "from": {
            "en": "Required. First day (2026-02-11) or moment (2026-02-11 08:00) away.",
            "zh": "必填。开始的日期（2026-02-11）或时刻（2026-02-11 08:00）。",
        },
        "to": {
            "en": "Required. Last day away (a date counts whole), or the moment back.",
            "zh": "必填。最后一天（只写日期表示整天），或回来的时刻。",
        },
        "reason": {
            "en": "Why (private: never shown in any output).",
            "zh": "原因（保密，不会出现在任何输出中）。",
        },
    },
    "requests": {
        "staff": {"en": "Required. A staff id.", "zh": "必填。人员编号。"},
        "date": {"en": "Required. The date, e.g. 2026-02-13.", "zh": "必填。日期，如 2026-02-13。"},
        "shift": {
            "en": "A shift id, or * for the whole day (default).",
            "zh": "班次编号，或 * 表示整天（默认）。",
        },
        "kind": {
            "en": "Required. off (would rather not work) or on (would like to work).",
            "zh": "必填。off（希望休息）或 on（希望上班）。",
        },
        "weight": {
            "en": "How much it matters, a whole number (default 1).",
            "zh": "重要程度，整数（默认 1）。",
        },
    },
    "history": {
        "date": {
            "en": "Required. The previous period's roster (so rest, nights in a row and "
            "fairness carry over): the duty's date.",
            "zh": "必填。上一期的排班（用于衔接休息、连续夜班和公平性）：班次日期。",
        },
        "shift": {"en": "Required. A shift id.", "zh": "必填。班次编号。"},
        "place": {"en": "Required. Compound id or errand.", "zh": "必填。小区编号或外勤任务。"},
        "staff": {"en": "Required. A staff id.", "zh": "必填。人员编号。"},
    },
    "fixed": {
        "staff": {
            "en": "Required. A staff id: duties you pin, the roster keeps them.",
            "zh": "必填。人员编号：你指定的班次，排班时保留。",
        },
        "date": {"en": "Required. The date.", "zh": "必填。日期。"},
        "shift": {"en": "Required. A shift id.", "zh": "必填。班次编号。"},
        "place": {"en": "Required. Compound id or errand.", "zh": "必填。小区编号或外勤任务。"},
    },
    "pairs": {
        "a": {"en": "Required. A staff id.", "zh": "必填。人员编号。"},
        "b": {"en": "Required. Another staff id.", "zh": "必填。另一人员编号。"},
        "kind": {
            "en": "Required. apart: never on duty at the same time; together: preferably on "
            "the same duty.",
            "zh": "必填。apart：两人不能同时值班；together：尽量安排在一起。",
        },
    },
}
# history and fixed also accept the roster format's staff_id.
_COLUMN_NOTES["history"]["staff_id"] = _COLUMN_NOTES["history"]["staff"]
_COLUMN_NOTES["fixed"]["staff_id"] = _COLUMN_NOTES["fixed"]["staff"]

_SETTINGS_COLUMN_NOTES: dict[str, Texts] = {
    "key": {
        "en": "The setting, as in plan.toml with its table in front: title, start, days, "
        "rules.max_hours_per_week, weights.fair_nights, ...",
        "zh": "设置项，写法同 plan.toml，表名在前：title、start、days、"
        "rules.max_hours_per_week、weights.fair_nights……",
    },
    "value": {
        "en": "Its value. Blank: not set (the default).",
        "zh": "设置的值。留空表示不设置（用默认值）。",
    },
    "note": {"en": "What the setting means (not read).", "zh": "说明（不读取）。"},
}

_SHEET_NOTES: dict[str, Texts] = {
    SETTINGS_SHEET: {
        "en": "The plan as a whole: title, first day, length, limits for everyone (rules.*) "
        "and weights of the soft goals (weights.*). Required.",
        "zh": "计划总体设置：标题、第一天、天数、所有人的限制（rules.*）"
        "和软目标权重（weights.*）。必需。",
    },
    PROFILES_SHEET: {
        "en": "Named bundles of limits (health, family) given to people in the staff sheet.",
        "zh": "命名的一组限制（健康、家庭原因），在人员名单中引用。",
    },
    "staff": {"en": "The people who can be rostered. Required.", "zh": "可排班的人员。必需。"},
    "compounds": {
        "en": "The residential compounds and their gates.",
        "zh": "小区及其门岗。",
    },
    "shifts": {"en": "The shifts: names and times. Required.", "zh": "班次名称和时间。必需。"},
    "demand": {
        "en": "How many people each post needs on which shifts and days.",
        "zh": "每个岗位在哪些班次、哪些天需要几个人。",
    },
    "absences": {"en": "Who is away when.", "zh": "谁在什么时候缺勤。"},
    "requests": {"en": "Wishes to be off or on.", "zh": "个人希望休息或上班的意愿。"},
    "history": {
        "en": "The previous period's roster (rest and fairness carry over).",
        "zh": "上一期的排班（衔接休息和公平性）。",
    },
    "fixed": {"en": "Duties you pin.", "zh": "指定的固定班次。"},
    "pairs": {
        "en": "Two people kept apart, or put together.",
        "zh": "两人不能同时值班，或尽量一起值班。",
    },
}

_README: dict[str, Texts] = {
    "title": {"en": "roster: plan workbook", "zh": "排班计划工作簿"},
    "intro": {
        "en": "Fill one sheet per part of the plan. Row 1 of every sheet is its header: point "
        "at a header to read what goes there; orange headers must be filled. Keep the headers "
        "as they are (in English).",
        "zh": "每个工作表填写计划的一部分。每个表的第 1 行是表头："
        "鼠标指向表头可看说明；橙色表头为必填。请保持表头原样（英文）。",
    },
    "examples": {
        "en": "The rows below the headers are examples: replace them with your own, or "
        "delete them.",
        "zh": "表头下面的几行是示例：请改成你们自己的内容，或删除。",
    },
    "lists": {
        "en": "Click a cell to pick from its drop-down. Several values (skills, profiles, "
        "days) are separated by ';'. true/false may also be written yes/no or 是/否.",
        "zh": "点击单元格可从下拉列表中选择。多个值（技能、限制档案、天）用“;”分隔。"
        "true/false 也可写 yes/no 或 是/否。",
    },
    "check": {
        "en": "Then check it: roster validate plan.xlsx (every problem is listed with its "
        "sheet, row and column), and make the roster: roster solve plan.xlsx",
        "zh": "填好后检查：roster validate plan.xlsx（每个问题都注明工作表、行和列），"
        "然后排班：roster solve plan.xlsx",
    },
    "private": {
        "en": "Profile names and absence reasons stay private: outputs show only the limits.",
        "zh": "限制档案名称和缺勤原因保密：输出只显示具体限制。",
    },
    "sheet": {"en": "Sheet", "zh": "工作表"},
    "also": {"en": "Also read as", "zh": "也可命名为"},
    "holds": {"en": "What it holds", "zh": "内容"},
    "example": {
        "en": "Example row: replace it with your own, or delete it.",
        "zh": "示例行：请改成你们自己的内容，或删除。",
    },
    "pick": {"en": "Pick a value from the list.", "zh": "请从下拉列表中选择。"},
    "exists": {
        "en": "{path} already exists; use --force to overwrite it",
        "zh": "{path} 已存在；如要覆盖请加 --force",
    },
}


def header_note(sheet: str, column: str, lang: Lang) -> str | None:
    """What goes in a column, for the note on its header (None for a column of the leader's)."""
    if sheet == SETTINGS_SHEET:
        notes = _SETTINGS_COLUMN_NOTES.get(column)
        return notes[lang] if notes else None
    note = _COLUMN_NOTES.get(sheet, {}).get(column)
    if note:
        return note[lang]
    if column in LIMIT_KINDS and sheet in (PROFILES_SHEET, "staff"):
        prefix = _OVERRIDE_PREFIX[lang] if sheet == "staff" else ""
        return prefix + _LIMIT_NOTES[column][lang]
    return None


def setting_note(key: str, lang: Lang) -> str:
    """What a settings key means."""
    table, _, name = key.partition(".")
    if table == "rules" and name in _LIMIT_NOTES:
        return _RULE_PREFIX[lang] + _LIMIT_NOTES[name][lang]
    if table == "weights" and name in _WEIGHT_NOTES:
        return _WEIGHT_NOTES[name][lang]
    return _TOP_NOTES[key][lang] if key in _TOP_NOTES else ""


# --------------------------------------------------------------------------- drop-downs

_BOOLS = '"true,false"'

ListSource = Literal[
    "roles",
    "skills",
    "profiles",
    "compounds",
    "places",
    "shifts",
    "shifts_or_all",
    "staff",
    "priorities",
    "request_kinds",
    "pair_kinds",
    "weekdays",
    "days",
    "bools",
]


@dataclass(frozen=True)
class DropDown:
    """A drop-down on a column: where its values come from, and whether other values are
    refused (else the list only suggests)."""

    source: ListSource
    strict: bool = False


_DROPDOWNS: dict[str, dict[str, DropDown]] = {
    PROFILES_SHEET: {"days_off": DropDown("weekdays")},
    "staff": {
        "role": DropDown("roles", strict=True),
        "skills": DropDown("skills"),
        "profiles": DropDown("profiles"),
        "home_compound": DropDown("compounds", strict=True),
        "days_off": DropDown("weekdays"),
    },
    "demand": {
        "place": DropDown("places"),
        "shift": DropDown("shifts", strict=True),
        "days": DropDown("days"),
        "skill": DropDown("skills"),
        "priority": DropDown("priorities", strict=True),
    },
    "absences": {"staff": DropDown("staff", strict=True)},
    "requests": {
        "staff": DropDown("staff", strict=True),
        "shift": DropDown("shifts_or_all", strict=True),
        "kind": DropDown("request_kinds", strict=True),
    },
    "history": {
        "shift": DropDown("shifts"),
        "place": DropDown("places"),
        "staff": DropDown("staff"),
        "staff_id": DropDown("staff"),
    },
    "fixed": {
        "staff": DropDown("staff", strict=True),
        "staff_id": DropDown("staff", strict=True),
        "shift": DropDown("shifts", strict=True),
        "place": DropDown("places"),
    },
    "pairs": {
        "a": DropDown("staff", strict=True),
        "b": DropDown("staff", strict=True),
        "kind": DropDown("pair_kinds", strict=True),
    },
}


def dropdown(sheet: str, column: str) -> DropDown | None:
    """The drop-down a column of a sheet gets, if any (every yes/no column gets true/false)."""
    found = _DROPDOWNS.get(sheet, {}).get(column)
    if found:
        return found
    if sheet == PROFILES_SHEET or (sheet == "staff" and column in LIMIT_KINDS):
        return DropDown("bools") if LIMIT_KINDS.get(column) == "bool" else None
    if sheet in TABLE_BY_NAME:
        known = TABLE_BY_NAME[sheet].column(column)
        if known is not None and known.kind == "bool":
            return DropDown("bools")
    return None


LIST_ROWS = 300
"""Rows of other sheets a drop-down follows (staff ids, shift ids, ...)."""
DATA_ROWS = 500
"""Rows below a header that get the column's drop-down."""


# --------------------------------------------------------------------------- writing

HEADER_FILL = "FFD9E1F2"  # as roster.xlsx's headers
REQUIRED_FILL = "FFF8CBAD"  # orange: must be filled
NOTE_WIDTH = 60
MAX_WIDTH = 40

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_template(
    path: Path, lang: Lang = "zh", *, start: dt.date | None = None, force: bool = False
) -> Path:
    """Write an empty, annotated plan workbook with a few example rows that load as they are.

    Args:
        path: The ``.xlsx`` file to write.
        lang: The language of the notes and examples (sheet names and headers stay English).
        start: The example plan's first day (default: next Monday).
        force: Overwrite ``path`` if it exists.

    Raises:
        OutputError: When ``path`` exists and ``force`` is not given, or cannot be written.
    """
    if start is None:
        today = dt.date.today()
        start = today + dt.timedelta(days=7 - today.weekday())
    return write_plan_workbook(path, example_content(lang, start), lang, force=force)


def write_plan_workbook(path: Path, content: PlanContent, lang: Lang, *, force: bool) -> Path:
    """Write a plan workbook atomically (never half a file, even if Excel has the old one).

    Raises:
        OutputError: When ``path`` exists and ``force`` is not given, or cannot be written.
    """
    if path.exists() and not force:
        raise OutputError(_README["exists"][lang].format(path=path))
    buffer = io.BytesIO()
    build_workbook(content, lang).save(buffer)
    try:
        atomic_write_bytes(path, buffer.getvalue())
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror or error}") from None
    return path


def build_workbook(content: PlanContent, lang: Lang) -> Workbook:
    """The plan workbook in memory: README, settings, profiles, the tables, hidden lists."""
    workbook = Workbook()
    readme = workbook.active
    assert isinstance(readme, Worksheet)
    readme.title = label("plan_sheet_readme", lang)
    _readme_sheet(readme, content, lang)
    _settings_sheet(workbook.create_sheet(SETTINGS_SHEET), content.settings, lang)
    sheets = {PROFILES_SHEET: content.profiles, **content.tables}
    written: dict[str, Worksheet] = {}
    for name in PLAN_SHEETS[1:]:
        if name in sheets:
            written[name] = workbook.create_sheet(name)
            _table_sheet(written[name], name, sheets[name], lang, examples=content.examples)
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    sources = _list_sources(lists, sheets, content.skills)
    for name, ws in written.items():
        _dropdowns(ws, name, sheets[name], sources, lang)
    return workbook


def _readme_sheet(ws: Worksheet, content: PlanContent, lang: Lang) -> None:
    ws["A1"] = _README["title"][lang]
    ws["A1"].font = Font(bold=True, size=14)
    keys = ["intro", "examples", "lists", "check", "private"]
    if not content.examples:
        keys.remove("examples")
    row = 3
    for key in keys:
        ws.cell(row, 1, _README[key][lang]).alignment = _WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        ws.row_dimensions[row].height = 16 * math.ceil(_width(_README[key][lang]) / 110) + 4
        row += 1
    row += 1
    for k, key in enumerate(("sheet", "also", "holds"), start=1):
        cell = ws.cell(row, k, _README[key][lang])
        cell.font, cell.fill = _BOLD, _fill(HEADER_FILL)
    for name in PLAN_SHEETS:
        row += 1
        ws.cell(row, 1, name).font = _BOLD
        ws.cell(row, 2, sheet_names(name)[1])
        ws.cell(row, 3, _SHEET_NOTES[name][lang]).alignment = _WRAP
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 90


def _settings_sheet(ws: Worksheet, settings: Mapping[str, CellValue], lang: Lang) -> None:
    """key | value | note, one row per known key (blank when not set), then unknown keys."""
    for k, header in enumerate(SETTINGS_HEADER, start=1):
        _header_cell(ws, 1, k, header, SETTINGS_SHEET, lang)
    keys = [*SETTING_KEYS, *(key for key in settings if key not in SETTING_KEYS)]
    bool_cells: list[str] = []
    for row, key in enumerate(keys, start=2):
        ws.cell(row, 1, key).font = _BOLD if key in ("title", "start") else Font()
        _set(ws, row, 2, settings.get(key))
        ws.cell(row, 3, setting_note(key, lang) if key in SETTING_KEYS else None)
        ws.cell(row, 3).alignment = _WRAP
        if key in SETTING_KEYS and setting_kind(key) == "bool":
            bool_cells.append(f"B{row}")
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = NOTE_WIDTH + 20
    if bool_cells:
        validation = _validation(_BOOLS, strict=False, lang=lang)
        for cell in bool_cells:
            validation.add(cell)
        ws.add_data_validation(validation)


def _table_sheet(ws: Worksheet, sheet: str, data: TableData, lang: Lang, *, examples: bool) -> None:
    required = required_headers(sheet)
    for k, header in enumerate(data.header, start=1):
        _header_cell(ws, data.header_row, k, header, sheet, lang, required=required)
    for number, cells in data.rows:
        for k, value in enumerate(cells, start=1):
            _set(ws, number, k, value)
    if examples and data.rows:
        number = data.rows[0][0]
        ws.cell(number, 1).comment = _comment(_README["example"][lang])
    ws.freeze_panes = f"A{data.header_row + 1}"
    for k, header in enumerate(data.header, start=1):
        texts = [header, *(_shown(cells[k - 1]) for _, cells in data.rows if len(cells) >= k)]
        width = min(MAX_WIDTH, max(8, max(_width(t) for t in texts) + 3))
        ws.column_dimensions[get_column_letter(k)].width = width


def _header_cell(
    ws: Worksheet,
    row: int,
    column: int,
    header: str,
    sheet: str,
    lang: Lang,
    *,
    required: frozenset[str] = frozenset(),
) -> None:
    cell = ws.cell(row, column, header)
    name = normalize_header(header)
    must = name in required or (sheet == SETTINGS_SHEET and name in ("key", "value"))
    cell.font = _BOLD
    cell.fill = _fill(REQUIRED_FILL if must else HEADER_FILL)
    note = header_note(sheet, name, lang)
    if note:
        cell.comment = _comment(note)


def _list_sources(
    lists: Worksheet, sheets: Mapping[str, TableData], skills: Iterable[str]
) -> dict[ListSource, str]:
    """The formula of every drop-down list.

    Lists of ids follow their sheet as rows are added (an ``OFFSET`` as tall as the column
    has ids). Lists that add fixed words to ids (places: ``*``, ``managed``, ``unmanaged``
    and the compound ids) are built on the hidden lists sheet, whose cells copy the ids.
    """
    sources: dict[ListSource, str] = {
        "roles": _inline(r.value for r in Role),
        "priorities": _inline(p.value for p in Priority),
        "request_kinds": _inline(k.value for k in RequestKind),
        "pair_kinds": _inline(k.value for k in PairKind),
        "weekdays": _inline(WEEKDAYS),
        "days": _inline(("*", "weekdays", "weekend", "mon-fri", *WEEKDAYS)),
        "bools": _BOOLS,
    }
    compounds = _id_column(sheets, "compounds", "id")
    shifts = _id_column(sheets, "shifts", "id")
    id_lists: list[tuple[ListSource, IdColumn | None]] = [
        ("profiles", _id_column(sheets, PROFILES_SHEET, PROFILE_NAME)),
        ("compounds", compounds),
        ("shifts", shifts),
        ("staff", _id_column(sheets, "staff", "id")),
    ]
    for source, ids in id_lists:
        if ids:
            sources[source] = f"OFFSET({ids.first_cell},0,0,MAX(1,{ids.count}),1)"
    # The lists sheet: column A places, column B shift ids or "*", column C skills.
    sources["places"] = _words_and_ids(lists, 1, PLACE_SELECTORS, compounds)
    sources["shifts_or_all"] = _words_and_ids(lists, 2, ("*",), shifts)
    skill_list = list(dict.fromkeys(skills))
    for row, skill in enumerate(skill_list, start=1):
        lists.cell(row, 3, skill)
    sources["skills"] = f"{LISTS_SHEET}!$C$1:$C${max(1, len(skill_list))}"
    return sources


@dataclass(frozen=True)
class IdColumn:
    """Where a sheet's ids are: the sheet, the column letter and the first data row."""

    sheet: str
    letter: str
    first: int

    def cell(self, offset: int) -> str:
        """The reference of the id ``offset`` rows below the first."""
        return f"{quote_sheetname(self.sheet)}!{self.letter}{self.first + offset}"

    @property
    def first_cell(self) -> str:
        """The absolute reference of the first id."""
        return f"{quote_sheetname(self.sheet)}!${self.letter}${self.first}"

    @property
    def count(self) -> str:
        """A formula counting the ids (the column's non-blank cells)."""
        last = self.first + LIST_ROWS - 1
        sheet = quote_sheetname(self.sheet)
        return f"COUNTA({sheet}!${self.letter}${self.first}:${self.letter}${last})"


def _words_and_ids(
    lists: Worksheet, column: int, words: Iterable[str], ids: IdColumn | None
) -> str:
    """Fill a column of the lists sheet with fixed words, then formulas copying the ids;
    the formula of the list that shows exactly those."""
    fixed = list(words)
    for row, word in enumerate(fixed, start=1):
        lists.cell(row, column, word)
    count = str(len(fixed))
    if ids is not None:
        for offset in range(LIST_ROWS):
            # &"" shows a blank id as blank rather than 0.
            lists.cell(len(fixed) + 1 + offset, column, f'={ids.cell(offset)}&""')
        count += f"+{ids.count}"
    letter = get_column_letter(column)
    return f"OFFSET({LISTS_SHEET}!${letter}$1,0,0,{count},1)"


def _id_column(sheets: Mapping[str, TableData], sheet: str, column: str) -> IdColumn | None:
    """Where a sheet's ids are, if the sheet is written and has the column."""
    data = sheets.get(sheet)
    if data is None:
        return None
    headers = [normalize_header(h) for h in data.header]
    if column not in headers:
        return None
    return IdColumn(sheet, get_column_letter(headers.index(column) + 1), data.header_row + 1)


def _inline(words: Iterable[str]) -> str:
    return '"' + ",".join(words) + '"'


def _dropdowns(
    ws: Worksheet, sheet: str, data: TableData, sources: Mapping[ListSource, str], lang: Lang
) -> None:
    last_row = max([data.header_row + DATA_ROWS, *(n for n, _ in data.rows)])
    for k, header in enumerate(data.header, start=1):
        found = dropdown(sheet, normalize_header(header))
        if found is None or found.source not in sources:
            continue
        validation = _validation(sources[found.source], strict=found.strict, lang=lang)
        letter = get_column_letter(k)
        validation.add(f"{letter}{data.header_row + 1}:{letter}{last_row}")
        ws.add_data_validation(validation)


def _validation(formula: str, *, strict: bool, lang: Lang) -> DataValidation:
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle="roster",
        error=_README["pick"][lang],
    )


def _set(ws: Worksheet, row: int, column: int, value: CellValue) -> None:
    """Write a value with a number format a leader reads (dates ISO, times HH:MM); text
    that starts with "=" stays text, not a formula."""
    if value is None:
        return
    cell = ws.cell(row, column, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, dt.time):
        cell.number_format = "hh:mm"


def _shown(value: CellValue) -> str:
    """About what Excel shows for a value (for column widths)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value)


def _width(text: str) -> int:
    """The widest line in Excel character widths: Chinese characters count twice."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            for line in text.split("\n")
        ),
        default=0,
    )


def _comment(text: str) -> Comment:
    comment = Comment(text, "roster")
    comment.width = 320
    comment.height = 30 + 18 * math.ceil(_width(text) / 42)
    return comment


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


# --------------------------------------------------------------------------- examples

_EXAMPLE_WORDS: dict[str, Texts] = {
    "title": {"en": "Example: gate watch", "zh": "示例：封控值守"},
    "p1": {"en": "pregnant", "zh": "孕期"},
    "p2": {"en": "elderly_parents", "zh": "照顾老人"},
    "s01": {"en": "Zhang Wei", "zh": "张伟"},
    "s02": {"en": "Li Na", "zh": "李娜"},
    "s03": {"en": "Wang Qiang", "zh": "王强"},
    "s04": {"en": "Liu Yang", "zh": "刘洋"},
    "unit": {"en": "Street office", "zh": "街道办"},
    "C1": {"en": "Wutong Court", "zh": "梧桐里"},
    "C2": {"en": "Old Post Office flats", "zh": "老邮局宿舍"},
    "am": {"en": "Morning", "zh": "上午班"},
    "pm": {"en": "Afternoon", "zh": "下午班"},
    "night": {"en": "Night", "zh": "夜班"},
    "errand": {"en": "shopping", "zh": "采购"},
    "reason": {"en": "check-up", "zh": "体检"},
}


def example_content(lang: Lang, start: dt.date) -> PlanContent:
    """The template's example rows: a tiny plan (four people, two compounds, three shifts)
    that loads without a problem, so a leader can try ``roster validate`` on it at once."""

    def w(key: str) -> str:
        return _EXAMPLE_WORDS[key][lang]

    def day(offset: int) -> dt.date:
        return start + dt.timedelta(days=offset)

    def table(sheet: str, *rows: dict[str, CellValue]) -> TableData:
        header = table_headers(sheet)
        cells = [[row.get(column) for column in header] for row in rows]
        return TableData(list(header), list(enumerate(cells, start=2)))

    settings: dict[str, CellValue] = {
        "title": w("title"),
        "start": start,
        "days": 7,
        "rules.min_rest_hours": 10,
        "rules.max_hours_per_week": 48,
        "rules.max_nights_per_week": 3,
        "rules.min_days_off_per_week": 1,
    }
    # One row per line reads best here.
    # fmt: off
    profiles = table(
        PROFILES_SHEET,
        {"name": w("p1"), "no_nights": "true", "no_24h": "true", "max_hours_per_day": 6},
        {"name": w("p2"), "max_nights_per_week": 1},
    )
    tables = {
        "staff": table(
            "staff",
            {"id": "s01", "name": w("s01"), "role": "leader", "skills": "lead;drive",
             "home_compound": "C1", "unit": w("unit")},
            {"id": "s02", "name": w("s02"), "role": "cadre", "skills": "lead;survey",
             "profiles": w("p1"), "home_compound": "C2", "unit": w("unit")},
            {"id": "s03", "name": w("s03"), "role": "volunteer", "skills": "shop",
             "profiles": w("p2"), "max_hours_per_week": 30, "days_off": "sun"},
            {"id": "s04", "name": w("s04"), "role": "cadre", "skills": "lead",
             "unit": w("unit")},
        ),
        "compounds": table(
            "compounds",
            {"id": "C1", "name": w("C1"), "unmanaged": "false", "round_the_clock": "false",
             "households": 260, "residents": 690},
            {"id": "C2", "name": w("C2"), "unmanaged": "true", "round_the_clock": "true",
             "households": 90, "residents": 210},
        ),
        "shifts": table(
            "shifts",
            {"id": "am", "name": w("am"), "start": dt.time(8), "end": dt.time(14),
             "night": "false"},
            {"id": "pm", "name": w("pm"), "start": dt.time(14), "end": dt.time(20),
             "night": "false"},
            {"id": "night", "name": w("night"), "start": dt.time(20), "end": dt.time(8),
             "night": "true"},
        ),
        "demand": table(
            "demand",
            {"place": "unmanaged", "shift": "night", "days": "*", "min": 1,
             "priority": "critical"},
            {"place": "managed", "shift": "am", "days": "*", "min": 1, "skill": "lead",
             "priority": "high"},
            {"place": w("errand"), "shift": "pm", "days": "wed;sat", "min": 1, "max": 1,
             "skill": "shop", "priority": "low"},
        ),
        "absences": table(
            "absences", {"staff": "s03", "from": day(2), "to": day(2), "reason": w("reason")}
        ),
        "requests": table(
            "requests", {"staff": "s01", "date": day(5), "shift": "*", "kind": "off", "weight": 2}
        ),
        "history": table(
            "history", {"date": day(-1), "shift": "night", "place": "C2", "staff_id": "s04"}
        ),
        "fixed": table("fixed", {"staff": "s02", "date": day(0), "shift": "am", "place": "C2"}),
        "pairs": table("pairs", {"a": "s02", "b": "s03", "kind": "together"}),
    }
    # fmt: on
    return PlanContent(settings=settings, profiles=profiles, tables=tables, examples=True)
