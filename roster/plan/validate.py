"""Problems with a plan, and the checks that look across its files.

Bad input never gives a traceback (design §3). Readers (``roster.io``) turn every bad cell
into a :class:`Problem`; :func:`validate_plan` then checks what no single row can know:
duplicate ids, references between files, dates against the period, demand no one could
ever take. Everything found is raised at once as one :class:`PlanError`.

Each problem is one line a leader can act on, in Chinese or English::

    staff.csv row 7, column profiles: unknown profile "pregant" (known: pregnant, post_surgery)
    staff.csv 第7行，profiles列：未知的 profile“pregant”（已定义：pregnant, post_surgery）
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from roster.plan.index import effective_limits, parse_days
from roster.plan.model import (
    MINUTES_PER_DAY,
    PLACE_SELECTORS,
    Assignment,
    Demand,
    Limits,
    Plan,
    Staff,
)
from roster.text.i18n import Lang, Text

# --------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan, said where the leader can find it.

    Attributes:
        file: The file, or the workbook sheet, e.g. ``staff.csv`` or ``plan.toml``; for a
            command-line option, the option (``--absent``).
        row: Where in the file. In a table, the row number as Excel shows it: the header is
            row 1, so the first data row is row 2, and blank rows count as rows. In
            ``plan.toml``, the table (``"[rules]"``, ``"[profiles.pregnant]"``), or the
            line number of a syntax error. None when the problem is the whole file or a
            whole column.
        column: The column (in ``plan.toml``: the key), or None.
        value: The bad value as written, or None.
        message: What is wrong and what was expected, in both languages.
    """

    file: str
    row: int | str | None
    column: str | None
    value: str | None
    message: Text

    def render(self, lang: Lang = "en") -> str:
        """The problem as one line, e.g. ``staff.csv row 7, column profiles: ...``."""
        settings = self.file.endswith(".toml")
        where = self.file
        if isinstance(self.row, int):
            if lang == "zh":
                where += f" 第{self.row}行"
            else:
                where += f" {'line' if settings else 'row'} {self.row}"
        elif self.row:
            where += f" {self.row}"
        if self.column:
            if lang == "zh":
                where += f"，{self.column}{'项' if settings else '列'}"
            else:
                where += f", {'key' if settings else 'column'} {self.column}"
        separator = "：" if lang == "zh" else ": "
        return where + separator + self.message.render(lang)


class PlanError(Exception):
    """A plan with problems; nothing may be solved or written from it.

    Attributes:
        problems: Every problem found, in file and row order.
        title: The plan's title when it could be read (it picks the default language).
    """

    def __init__(self, problems: Sequence[Problem], title: str = "") -> None:
        self.problems = list(problems)
        self.title = title
        super().__init__("\n".join(p.render("en") for p in self.problems))


# Every sentence of this module, in both languages. Values a leader typed are quoted; the
# Chinese uses Chinese quotation marks, as the rest of the product does.
MESSAGES: dict[str, dict[Lang, str]] = {
    # files
    "not_found": {"en": "no such folder or file", "zh": "找不到这个文件夹或文件"},
    "not_a_plan": {
        "en": "a plan is a folder with plan.toml and CSV files, or an .xlsx workbook",
        "zh": "计划应是一个包含 plan.toml 和 CSV 文件的文件夹，或一个 .xlsx 工作簿",
    },
    "missing_file": {"en": "required file is missing", "zh": "缺少这个必需的文件"},
    "unreadable": {"en": "cannot be read ({error})", "zh": "无法读取（{error}）"},
    "bad_encoding": {
        "en": 'is neither UTF-8 nor GBK text; save it as "CSV UTF-8"',
        "zh": "既不是 UTF-8 也不是 GBK 编码的文本，请另存为“CSV UTF-8”",
    },
    "workbook_not_csv": {
        "en": 'is an Excel workbook, not a CSV file; save it as "CSV UTF-8"',
        "zh": "是 Excel 工作簿而不是 CSV 文件，请另存为“CSV UTF-8”",
    },
    "bad_csv": {"en": "is not a valid CSV file ({error})", "zh": "不是有效的 CSV 文件（{error}）"},
    "no_header": {
        "en": "has no header row (expected columns: {expected})",
        "zh": "没有表头行（应有这些列：{expected}）",
    },
    "bad_toml": {"en": "not valid TOML: {error}", "zh": "不是有效的 TOML 格式：{error}"},
    # columns
    "missing_column": {
        "en": "required column is missing (the header has: {found})",
        "zh": "缺少这一必需的列（表头有：{found}）",
    },
    "duplicate_column": {
        "en": "the column appears twice in the header",
        "zh": "表头中这一列出现了两次",
    },
    "unknown_column": {
        "en": "unknown column (did you mean {suggestion}?)",
        "zh": "未知的列（是否应为 {suggestion}？）",
    },
    "extra_cells": {
        "en": "the row has {cells} cells but the header only {columns} columns",
        "zh": "该行有 {cells} 个单元格，但表头只有 {columns} 列",
    },
    # cells and settings
    "blank": {"en": "must not be blank", "zh": "不能为空"},
    "not_bool": {
        "en": '"{value}" is not yes or no (expected true/false, yes/no, 1/0, 是/否)',
        "zh": "“{value}”不是是/否（应为 true/false、yes/no、1/0、是/否）",
    },
    "not_int": {"en": '"{value}" is not a whole number', "zh": "“{value}”不是整数"},
    "not_number": {"en": '"{value}" is not a number', "zh": "“{value}”不是数字"},
    "too_small": {
        "en": "{value} is too small (at least {limit})",
        "zh": "{value} 太小（至少为 {limit}）",
    },
    "too_small_strict": {
        "en": "{value} is too small (must be more than {limit})",
        "zh": "{value} 太小（必须大于 {limit}）",
    },
    "too_large": {
        "en": "{value} is too large (at most {limit})",
        "zh": "{value} 太大（最多为 {limit}）",
    },
    "too_large_strict": {
        "en": "{value} is too large (must be less than {limit})",
        "zh": "{value} 太大（必须小于 {limit}）",
    },
    "not_one_of": {
        "en": '"{value}" is not one of: {expected}',
        "zh": "“{value}”不是以下之一：{expected}",
    },
    "not_date": {
        "en": '"{value}" is not a date (expected YYYY-MM-DD, e.g. 2026-02-09)',
        "zh": "“{value}”不是日期（应为 YYYY-MM-DD，如 2026-02-09）",
    },
    "not_moment": {
        "en": '"{value}" is not a date or date-time (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)',
        "zh": "“{value}”不是日期或时间（应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM）",
    },
    "not_clock": {
        "en": '"{value}" is not a time of day (expected HH:MM, e.g. 08:00)',
        "zh": "“{value}”不是时刻（应为 HH:MM，如 08:00）",
    },
    "shift_start_24": {
        "en": "a shift must start before 24:00 (a shift may end up to 24 hours after it starts)",
        "zh": "班次必须在 24:00 之前开始（班次最长 24 小时）",
    },
    "not_weekday": {
        "en": '"{value}" is not a weekday (expected mon, tue, ..., sun)',
        "zh": "“{value}”不是星期（应为 mon、tue……sun 或 周一……周日）",
    },
    "not_text": {"en": "must be text", "zh": "应为文字"},
    "not_list": {"en": "must be a list", "zh": "应为列表"},
    "not_table": {"en": "must be a table of settings", "zh": "应为一组设置（表）"},
    "not_counts": {
        "en": '"{value}" is not a list of shift:count (expected e.g. night:2;full:1)',
        "zh": "“{value}”不是“班次:次数”的列表（如 night:2;full:1）",
    },
    "not_succession": {
        "en": '"{value}" is not a shift succession (expected "A>B", e.g. "night>am")',
        "zh": "“{value}”不是班次顺序（应为“A>B”，如“night>am”）",
    },
    "invalid": {"en": '"{value}" is not valid ({detail})', "zh": "“{value}”无效（{detail}）"},
    "missing_start": {
        "en": "missing: the first day of the period, e.g. start = 2026-02-09",
        "zh": "缺少计划期的第一天，例如 start = 2026-02-09",
    },
    "unknown_setting": {
        "en": "unknown setting (known: {known})",
        "zh": "未知的设置（可用：{known}）",
    },
    "unknown_setting_suggest": {
        "en": "unknown setting (did you mean {suggestion}?)",
        "zh": "未知的设置（是否应为 {suggestion}？）",
    },
    # references and cross-file checks
    "duplicate_id": {
        "en": 'duplicate id "{value}" (already in row {first})',
        "zh": "重复的编号“{value}”（第{first}行已有）",
    },
    "reserved_place": {
        "en": '"{value}" is a word demand.csv uses for a group of compounds (*, managed, '
        "unmanaged); choose another id",
        "zh": "“{value}”是 demand.csv 中表示一组小区的词（*、managed、unmanaged），请换一个编号",
    },
    "unknown_profile": {
        "en": 'unknown profile "{value}" (known: {known})',
        "zh": "未知的 profile“{value}”（已定义：{known}）",
    },
    "no_profiles": {
        "en": 'unknown profile "{value}" (plan.toml defines no profiles)',
        "zh": "未知的 profile“{value}”（plan.toml 中没有定义任何 profile）",
    },
    "unknown_compound": {
        "en": 'unknown compound "{value}" (known: {known})',
        "zh": "未知的小区“{value}”（已有：{known}）",
    },
    "unknown_area": {
        "en": 'no compound is in area "{value}" (areas in compounds.csv: {known})',
        "zh": "没有小区属于片区“{value}”（compounds.csv 中的片区：{known}）",
    },
    "compound_typo": {
        "en": '"{value}" looks like a compound but is not in compounds.csv (did you mean '
        "{suggestion}?); a place that is not a compound is an errand, so give errands "
        "names unlike compounds",
        "zh": "“{value}”看起来像小区，但 compounds.csv 中没有（是否应为 {suggestion}？）；"
        "不是小区的地点会被当作外勤任务，外勤任务请起一个不像小区的名字",
    },
    "unknown_shift": {
        "en": 'unknown shift "{value}" (known: {known})',
        "zh": "未知的班次“{value}”（已有：{known}）",
    },
    "unknown_staff": {
        "en": 'unknown staff id "{value}" (not in staff.csv)',
        "zh": "未知的人员编号“{value}”（staff.csv 中没有）",
    },
    "unknown_staff_suggest": {
        "en": 'unknown staff id "{value}" (did you mean {suggestion}?)',
        "zh": "未知的人员编号“{value}”（是否应为 {suggestion}？）",
    },
    "bad_days": {
        "en": "{detail}",
        "zh": "“{value}”不是有效的日期说明"
        "（应为 *、星期如 mon、范围如 mon-fri，或日期 YYYY-MM-DD）",
    },
    "no_days": {
        "en": '"{value}" selects no day of the period ({period})',
        "zh": "“{value}”没有选中计划期（{period}）中的任何一天",
    },
    "no_compounds": {
        "en": '"{value}" selects compounds, but compounds.csv lists none',
        "zh": "“{value}”表示一组小区，但 compounds.csv 中没有小区",
    },
    "min_over_max": {
        "en": "min {min} is more than max {max}",
        "zh": "最少人数 {min} 大于最多人数 {max}",
    },
    "nobody_skill": {
        "en": 'no one could ever take this demand: nobody has skill "{value}"',
        "zh": "这项需求永远没有人能承担：没有人具备技能“{value}”",
    },
    "nobody_limits": {
        "en": "no one could ever take this demand: {who} kept off it by {limits}",
        "zh": "这项需求永远没有人能承担：{who}因 {limits} 不能上这个班",
    },
    "who_everyone": {"en": "everyone is", "zh": "所有人都"},
    "who_skilled": {"en": 'everyone with skill "{skill}" is', "zh": "具备技能“{skill}”的人都"},
    "absence_order": {
        "en": "the absence must end after it starts (from {start} to {end})",
        "zh": "缺勤的结束时间必须晚于开始时间（从 {start} 到 {end}）",
    },
    "absence_outside": {
        "en": "the absence lies entirely outside the period ({period})",
        "zh": "这段缺勤完全在计划期（{period}）之外",
    },
    "date_outside": {
        "en": "{value} is outside the period ({period})",
        "zh": "{value} 不在计划期（{period}）内",
    },
    "history_not_before": {
        "en": "{value} is not before the plan's start ({start}); history is the previous "
        "period's roster",
        "zh": "{value} 不早于计划开始日（{start}）；历史记录应是上一期的排班",
    },
    "pinned_absent": {
        "en": '"{value}" is pinned to this shift but absent then',
        "zh": "“{value}”被固定在这个班次，但那时缺勤",
    },
    "pair_same": {"en": "a pair needs two different people", "zh": "一对必须是两个不同的人"},
    "period": {"en": "{first} to {last}", "zh": "{first}至{last}"},
}


def message(key: str, **params: object) -> Text:
    """A sentence of :data:`MESSAGES` with its values."""
    return Text(MESSAGES[key], params)


def period_text(plan: Plan) -> Text:
    """The plan's period as a leader reads it: "9 Feb to 15 Feb" / "2月9日至2月15日"."""
    return message("period", first=plan.start, last=plan.dates[-1])


def known_list(names: Iterable[str], limit: int = 10) -> str:
    """Names for a "(known: ...)" hint, cut short after ``limit``."""
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:limit])
    return shown + (", …" if len(unique) > limit else "") if unique else "-"


def suggest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``value`` (a likely typo), or None."""
    found = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.75)
    return found[0] if found else None


def unique(problems: Iterable[Problem]) -> list[Problem]:
    """The problems without repeats, in their order (one typo found twice is said once)."""
    seen: dict[tuple[str, str, str, str, str], Problem] = {}
    for problem in problems:
        key = (problem.file, str(problem.row), str(problem.column), str(problem.value))
        seen.setdefault((*key, problem.message.render("en")), problem)
    return list(seen.values())


def problem_order(files: Sequence[str]) -> Callable[[Problem], tuple[int, int, str, int]]:
    """A sort key: problems in the order of ``files``, then by row (whole-file ones first)."""
    rank = {name: i for i, name in enumerate(files)}

    def key(problem: Problem) -> tuple[int, int, str, int]:
        row = problem.row
        if row is None:
            return (rank.get(problem.file, len(rank)), 0, "", 0)
        if isinstance(row, str):
            return (rank.get(problem.file, len(rank)), 1, row, 0)
        return (rank.get(problem.file, len(rank)), 2, "", row)

    return key


# --------------------------------------------------------------------------- provenance


@dataclass(frozen=True)
class Source:
    """Where the items of one plan collection (``staff``, ``demand``, ...) came from.

    Attributes:
        file: The file or sheet name the problems will name.
        rows: The row of each item, in the plan's order (Excel numbering, see
            :class:`Problem`). Missing entries fall back to position + 2.
        columns: Model field -> column header, where they differ (``start`` -> ``from``).
        broken_ids: Ids of rows that did not load: they count as known, so one bad row does
            not make every reference to it a second problem.
        complete: False when the file could not be read at all; references to its ids are
            then not checked (every one would look unknown).
    """

    file: str
    rows: Sequence[int] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    broken_ids: frozenset[str] = frozenset()
    complete: bool = True

    def row(self, position: int) -> int:
        """The row of the item at ``position`` (0-based) in the plan."""
        return self.rows[position] if position < len(self.rows) else position + 2

    def column(self, name: str) -> str:
        """The column header of a model field."""
        return self.columns.get(name, name)


@dataclass(frozen=True)
class Provenance:
    """Where a plan came from, so that cross-file problems name the leader's file and row.

    Attributes:
        sources: Per plan collection (``"staff"``, ``"demand"``, ...).
        settings: The name of the settings file (``plan.toml``).
        period_known: False when the period's start could not be read; checks of dates
            against the period are then skipped (they would only mislead).
        profiles_known: False when the settings' profiles could not be read; the profiles
            staff.csv names are then not checked.
    """

    sources: Mapping[str, Source] = field(default_factory=dict)
    settings: str = "plan.toml"
    period_known: bool = True
    profiles_known: bool = True

    def source(self, collection: str) -> Source:
        """The source of a collection; for a plan built in code, ``<collection>.csv``."""
        return self.sources.get(collection) or Source(f"{collection}.csv")


# --------------------------------------------------------------------------- checks


def validate_plan(plan: Plan, provenance: Provenance | None = None) -> list[Problem]:
    """Every problem across the files of a plan whose rows are each valid on their own.

    Usable on a plan built in code too: without ``provenance``, problems name
    ``<collection>.csv`` and the item's position + 2 as its row (as if written to a file
    with a header row).

    Args:
        plan: The plan to check.
        provenance: Where its items came from, as the reader knows it.

    Returns:
        The problems, in file and row order; empty when the plan is sound.
    """
    check = _Checker(plan, provenance or Provenance())
    check.unique_ids()
    check.staff()
    check.settings()
    check.demand()
    check.absences()
    check.requests()
    check.assignments("history")
    check.assignments("fixed")
    check.pairs()
    files = [check.prov.settings, *(check.prov.source(c).file for c in _COLLECTIONS)]
    return sorted(unique(check.found), key=problem_order(files))


_COLLECTIONS = (
    "staff",
    "compounds",
    "shifts",
    "demand",
    "absences",
    "requests",
    "history",
    "fixed",
    "pairs",
)


def able_staff(plan: Plan, demand: Demand) -> list[Staff]:
    """Staff who could ever take a demand row, judged only by its skill and the profile flags
    ``no_nights`` and ``no_24h`` (absences and all other limits are ignored).

    Args:
        plan: The plan (its profiles and defaults give each person's flags).
        demand: The demand row; its shift must be one of the plan's.
    """
    shift = next(s for s in plan.shifts if s.id == demand.shift)
    able = []
    for staff in plan.staff:
        limits = _limits(plan, staff)
        if demand.skill and demand.skill not in staff.skills:
            continue
        if shift.night and limits.no_nights:
            continue
        if shift.minutes >= MINUTES_PER_DAY and limits.no_24h:
            continue
        able.append(staff)
    return able


def _limits(plan: Plan, staff: Staff) -> Limits:
    profiles = [plan.profiles[name] for name in staff.profiles if name in plan.profiles]
    return effective_limits(plan.rules, profiles, staff.overrides)


def _from_text(start: dt.datetime) -> str:
    """An absence's start as the leader wrote it: a date alone means from 00:00."""
    return f"{start:%Y-%m-%d}" if start.time() == dt.time() else f"{start:%Y-%m-%d %H:%M}"


def _to_text(end: dt.datetime) -> str:
    """An absence's end as the leader wrote it: a date alone in "to" includes that day, so
    an end at midnight is shown as the day before."""
    if end.time() == dt.time():
        return f"{end - dt.timedelta(days=1):%Y-%m-%d}"
    return f"{end:%Y-%m-%d %H:%M}"


def _shape(text: str) -> str:
    """A name with its numbers blurred: "南昌路9号院" and "南昌路1号院" share a shape."""
    return re.sub(r"\d+", "#", text.lower())


class _Checker:
    """The cross-file checks, sharing the plan's lookups; each method adds to ``found``."""

    def __init__(self, plan: Plan, prov: Provenance) -> None:
        self.plan = plan
        self.prov = prov
        self.found: list[Problem] = []
        self.shift_ids = [s.id for s in plan.shifts]
        self.shift_by_id = {s.id: s for s in plan.shifts}
        self.compound_ids = [c.id for c in plan.compounds]
        self.compound_names = {c.name: c.id for c in plan.compounds}
        self.staff_names = {s.name: s.id for s in plan.staff}

    # -- helpers ----------------------------------------------------------------------

    def add(self, collection: str, position: int, column: str, value: object, text: Text) -> None:
        source = self.prov.source(collection)
        self.found.append(
            Problem(source.file, source.row(position), source.column(column), str(value), text)
        )

    def add_setting(self, table: str, key: str, value: object, text: Text) -> None:
        self.found.append(Problem(self.prov.settings, table, key, str(value), text))

    def _known(self, collection: str, ids: Iterable[str]) -> set[str] | None:
        """Ids a reference may name, or None when the collection could not be read."""
        source = self.prov.source(collection)
        return None if not source.complete else set(ids) | set(source.broken_ids)

    def unknown_shift(self, value: str) -> Text | None:
        known = self._known("shifts", self.shift_ids)
        if known is None or value in known:
            return None
        return message("unknown_shift", value=value, known=known_list(self.shift_ids))

    def unknown_staff(self, value: str) -> Text | None:
        known = self._known("staff", (s.id for s in self.plan.staff))
        if known is None or value in known:
            return None
        # Leaders often type a name where an id belongs: point at the id.
        if value in self.staff_names:
            hint: str | None = f"{self.staff_names[value]} ({value})"
        else:
            hint = suggest(value, sorted(known))
        if hint:
            return message("unknown_staff_suggest", value=value, suggestion=hint)
        return message("unknown_staff", value=value)

    def compound_typo(self, place: str) -> Text | None:
        """A place that is not a compound but looks like one: a typo, not an errand."""
        if (
            place in PLACE_SELECTORS
            or place in self.compound_ids
            or place in self.compound_names
            or not self.prov.source("compounds").complete
        ):
            return None
        names = [*self.compound_ids, *self.compound_names]
        lowered = {n.lower(): n for n in names}
        hint = lowered.get(place.lower()) or suggest(place, names)
        if hint is None and any(ch.isdigit() for ch in place):
            hint = next((n for n in names if _shape(n) == _shape(place)), None)
        if hint is None:
            return None
        return message("compound_typo", value=place, suggestion=hint)

    def in_period(self, date: dt.date) -> bool:
        return self.plan.start <= date < self.plan.start + dt.timedelta(days=self.plan.days)

    # -- the checks -------------------------------------------------------------------

    def unique_ids(self) -> None:
        """Duplicate ids in staff, compounds and shifts; compound ids that are selectors."""
        for collection, ids in (
            ("staff", [s.id for s in self.plan.staff]),
            ("compounds", self.compound_ids),
            ("shifts", self.shift_ids),
        ):
            first_row: dict[str, int] = {}
            source = self.prov.source(collection)
            for position, item_id in enumerate(ids):
                if item_id in first_row:
                    text = message("duplicate_id", value=item_id, first=first_row[item_id])
                    self.add(collection, position, "id", item_id, text)
                else:
                    first_row[item_id] = source.row(position)
        for position, compound in enumerate(self.plan.compounds):
            if compound.id in PLACE_SELECTORS:
                self.add(
                    "compounds",
                    position,
                    "id",
                    compound.id,
                    message("reserved_place", value=compound.id),
                )

    def staff(self) -> None:
        """Profiles, home compounds, areas and shift-type caps that staff.csv names."""
        profiles = list(self.plan.profiles)
        compounds = self._known("compounds", self.compound_ids)
        areas = {c.area for c in self.plan.compounds if c.area is not None}
        for position, staff in enumerate(self.plan.staff):
            for name in staff.profiles:
                if self.prov.profiles_known and name not in self.plan.profiles:
                    text = (
                        message("unknown_profile", value=name, known=known_list(profiles))
                        if profiles
                        else message("no_profiles", value=name)
                    )
                    self.add("staff", position, "profiles", name, text)
            home = staff.home_compound
            if home and compounds is not None and home not in compounds:
                text = message("unknown_compound", value=home, known=known_list(self.compound_ids))
                self.add("staff", position, "home_compound", home, text)
            for area in staff.areas:
                if compounds is not None and area not in areas:
                    text = message("unknown_area", value=area, known=known_list(sorted(areas)))
                    self.add("staff", position, "areas", area, text)
            for shift in staff.overrides.max_shifts_of_type:
                problem = self.unknown_shift(shift)
                if problem:
                    self.add("staff", position, "max_shifts_of_type", shift, problem)

    def settings(self) -> None:
        """Shift ids named in plan.toml: forbidden successions and shift-type caps."""
        for first, second in self.plan.forbidden_successions:
            for shift in (first, second):
                problem = self.unknown_shift(shift)
                if problem:
                    self.add_setting(
                        "[rules]", "forbidden_successions", f"{first}>{second}", problem
                    )
        limits = [("[rules]", self.plan.rules)]
        limits += [(f"[profiles.{name}]", lim) for name, lim in self.plan.profiles.items()]
        for table, lim in limits:
            for shift in lim.max_shifts_of_type:
                problem = self.unknown_shift(shift)
                if problem:
                    self.add_setting(table, "max_shifts_of_type", shift, problem)

    def demand(self) -> None:
        """Shifts, day specs, places, min/max, and demand no one could ever take."""
        for position, row in enumerate(self.plan.demand):
            unknown = self.unknown_shift(row.shift)
            if unknown:
                self.add("demand", position, "shift", row.shift, unknown)
            try:
                days = parse_days(row.days, self.plan.start, self.plan.days)
            except ValueError as error:
                self.add(
                    "demand",
                    position,
                    "days",
                    row.days,
                    message("bad_days", value=row.days, detail=str(error)),
                )
            else:
                # Weekday specs may select nothing in a short period, harmlessly; only
                # dates that all miss the period are surely a mistake.
                dated = re.search(r"\d{4}-\d", row.days)
                if self.prov.period_known and not days and dated:
                    text = message("no_days", value=row.days, period=period_text(self.plan))
                    self.add("demand", position, "days", row.days, text)
            if (
                row.place in PLACE_SELECTORS
                and not self.plan.compounds
                and self.prov.source("compounds").complete
            ):
                self.add(
                    "demand", position, "place", row.place, message("no_compounds", value=row.place)
                )
            typo = self.compound_typo(row.place)
            if typo:
                self.add("demand", position, "place", row.place, typo)
            if row.max is not None and row.min > row.max:
                self.add(
                    "demand",
                    position,
                    "max",
                    row.max,
                    message("min_over_max", min=row.min, max=row.max),
                )
            if row.shift in self.shift_by_id and row.min > 0:
                self._ever_takeable(position, row)

    def _ever_takeable(self, position: int, row: Demand) -> None:
        staff = self.prov.source("staff")
        if not staff.complete or staff.broken_ids or self.prov.source("shifts").broken_ids:
            return  # a row that did not load might be the one who could take it
        if able_staff(self.plan, row):
            return
        if row.skill and not any(row.skill in s.skills for s in self.plan.staff):
            self.add(
                "demand", position, "skill", row.skill, message("nobody_skill", value=row.skill)
            )
            return
        shift = self.shift_by_id[row.shift]
        flags = [
            f
            for f, on in (("no_nights", shift.night), ("no_24h", shift.minutes >= MINUTES_PER_DAY))
            if on
        ]
        who = message("who_skilled", skill=row.skill) if row.skill else message("who_everyone")
        text = message("nobody_limits", who=who, limits=" / ".join(flags))
        self.add("demand", position, "shift", row.shift, text)

    def _period_end(self) -> dt.datetime:
        """When the period's last duty ends (a night shift of the last day ends after it)."""
        last_day = dt.datetime.combine(self.plan.dates[-1], dt.time())
        ends = [last_day + dt.timedelta(minutes=s.start + s.minutes) for s in self.plan.shifts]
        return max(ends, default=last_day + dt.timedelta(days=1))

    def absences(self) -> None:
        """Who is absent, and whether the span makes sense and touches the period."""
        first = dt.datetime.combine(self.plan.start, dt.time())
        last = self._period_end()
        for position, absence in enumerate(self.plan.absences):
            unknown = self.unknown_staff(absence.staff)
            if unknown:
                self.add("absences", position, "staff", absence.staff, unknown)
            start, end = _from_text(absence.start), _to_text(absence.end)
            if absence.end <= absence.start:
                text = message("absence_order", start=start, end=end)
                self.add("absences", position, "end", end, text)
            elif self.prov.period_known and (absence.end <= first or absence.start >= last):
                text = message("absence_outside", period=period_text(self.plan))
                if absence.end <= first:
                    self.add("absences", position, "end", end, text)
                else:
                    self.add("absences", position, "start", start, text)

    def requests(self) -> None:
        """Who asks, for which shift, on a date inside the period."""
        for position, request in enumerate(self.plan.requests):
            unknown = self.unknown_staff(request.staff)
            if unknown:
                self.add("requests", position, "staff", request.staff, unknown)
            if request.shift is not None:
                problem = self.unknown_shift(request.shift)
                if problem:
                    self.add("requests", position, "shift", request.shift, problem)
            if self.prov.period_known and not self.in_period(request.date):
                text = message(
                    "date_outside", value=request.date.isoformat(), period=period_text(self.plan)
                )
                self.add("requests", position, "date", request.date, text)

    def assignments(self, collection: str) -> None:
        """History (before the start) and pinned duties (inside the period)."""
        rows = self.plan.history if collection == "history" else self.plan.fixed
        for position, row in enumerate(rows):
            unknown = self.unknown_staff(row.staff_id)
            if unknown:
                self.add(collection, position, "staff_id", row.staff_id, unknown)
            shift_problem = self.unknown_shift(row.shift)
            if shift_problem:
                self.add(collection, position, "shift", row.shift, shift_problem)
            typo = self.compound_typo(row.place)
            if typo:
                self.add(collection, position, "place", row.place, typo)
            if not self.prov.period_known:
                continue
            if collection == "history" and row.date >= self.plan.start:
                text = message(
                    "history_not_before", value=row.date.isoformat(), start=self.plan.start
                )
                self.add(collection, position, "date", row.date, text)
            elif collection == "fixed" and not self.in_period(row.date):
                text = message(
                    "date_outside", value=row.date.isoformat(), period=period_text(self.plan)
                )
                self.add(collection, position, "date", row.date, text)
            elif collection == "fixed" and self._absent_on(row):
                self.add(
                    collection,
                    position,
                    "staff_id",
                    row.staff_id,
                    message("pinned_absent", value=row.staff_id),
                )

    def _absent_on(self, row: Assignment) -> bool:
        """Whether a pinned duty falls in an absence of its person."""
        shift = self.shift_by_id.get(row.shift)
        if shift is None:
            return False
        start = dt.datetime.combine(row.date, dt.time()) + dt.timedelta(minutes=shift.start)
        end = start + dt.timedelta(minutes=shift.minutes)
        spans = (a for a in self.plan.absences if a.staff == row.staff_id)
        return any(a.start < end and start < a.end for a in spans)

    def pairs(self) -> None:
        """Both people of a pair exist and differ."""
        for position, pair in enumerate(self.plan.pairs):
            for column, value in (("a", pair.a), ("b", pair.b)):
                unknown = self.unknown_staff(value)
                if unknown:
                    self.add("pairs", position, column, value, unknown)
            if pair.a == pair.b:
                self.add("pairs", position, "b", pair.b, message("pair_same"))
