"""Problems with a plan, said where the leader can find them: the :class:`Problem` every
reader and check reports, its messages in both languages, and where each item came from.

Each problem is one line a leader can act on, in Chinese or English::

    staff.csv row 7, column profiles: unknown profile "pregant" (known: pregnant, post_surgery)
    staff.csv 第7行，profiles列：未知的 profile“pregant”（已定义：pregnant, post_surgery）
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from roster.plan.model import Plan
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
