"""Chinese and English text: one catalogue, and ``Text`` for messages with parameters.

Every sentence a leader reads goes through here. Rule messages live next to their rule (its
``messages`` table); everything else (labels, headers, summaries) lives in ``CATALOGUE``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from roster.text.plural import Template, inflect

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

CATALOGUE: dict[str, dict[Lang, str]] = {
    "unassigned": {"en": "(nobody)", "zh": "（无人）"},
    # roster serve: the office's page (roster/web/)
    "web_title": {"en": "Duty roster", "zh": "值班排班"},
    "web_lang_zh": {"en": "中文", "zh": "中文"},
    "web_lang_en": {"en": "English", "zh": "English"},
    "web_login": {"en": "Sign in", "zh": "登录"},
    "web_login_wrong": {"en": "That is not the token.", "zh": "口令不对。"},
    "web_token": {"en": "Token", "zh": "口令"},
    "web_need_token": {
        "en": "This page needs the office's token (ask whoever runs roster serve).",
        "zh": "此页面需要办公室口令（请向运行 roster serve 的同事索取）。",
    },
    "web_cross_site": {
        "en": "Refused: this request came from another site.",
        "zh": "已拒绝：该请求来自其他网站。",
    },
    "web_bad_host": {
        "en": "Refused: open the page as http://127.0.0.1 or http://localhost.",
        "zh": "已拒绝：请用 http://127.0.0.1 或 http://localhost 打开页面。",
    },
    "web_bad_moment": {
        "en": 'Cannot read the date "{value}": write YYYY-MM-DD or "YYYY-MM-DD HH:MM".',
        "zh": "无法读取日期“{value}”：请写成 YYYY-MM-DD 或“YYYY-MM-DD HH:MM”。",
    },
    "upload_too_large": {
        "en": "The file is larger than {mib} MiB: it cannot be a plan.",
        "zh": "文件超过 {mib} MiB，不可能是排班计划。",
    },
    "upload_not_plan": {
        "en": "This is not a plan: upload an .xlsx workbook (the template's format) or a .zip of the plan folder (plan.toml and the CSV files).",
        "zh": "这不是排班计划：请上传 .xlsx 工作簿（模板格式），或计划文件夹（plan.toml 和 CSV 文件）打包的 .zip。",
    },
    "upload_zip_path": {
        "en": 'The zip holds a path outside its folder ("{name}"): refused.',
        "zh": "压缩包内有指向文件夹以外的路径（“{name}”），已拒绝。",
    },
    "upload_zip_big": {
        "en": "The zip would expand past {mib} MiB: refused.",
        "zh": "压缩包解压后超过 {mib} MiB，已拒绝。",
    },
    "upload_no_plan_toml": {
        "en": "The zip has no plan.toml (at its top, or in one folder): zip the plan folder itself.",
        "zh": "压缩包中没有 plan.toml（应在最外层或一个文件夹内）：请直接压缩计划文件夹。",
    },
    "web_error_heading": {"en": "Not done", "zh": "未完成"},
    "web_problems": {
        "en": "Problems found: {count}. Fix them all in the file and upload it again.",
        "zh": "发现 {count} 个问题，请在文件中全部改正后重新上传。",
    },
    "web_nothing_stored": {"en": "Nothing was stored.", "zh": "未保存任何内容。"},
    "web_back_home": {"en": "Back to the start", "zh": "返回首页"},
    "web_upload_heading": {"en": "Upload a plan", "zh": "上传排班计划"},
    "web_upload_help": {
        "en": "An .xlsx workbook in the template's format, or a .zip of the plan folder; at most {mib} MiB. Every problem is listed at once; nothing is stored until the plan is valid.",
        "zh": "模板格式的 .xlsx 工作簿，或计划文件夹打包的 .zip，不超过 {mib} MiB。所有问题一次列出；计划无误后才会保存。",
    },
    "web_upload": {"en": "Upload", "zh": "上传"},
    "web_template": {"en": "Download the empty template (.xlsx)", "zh": "下载空白模板（.xlsx）"},
    "web_plans": {"en": "Plans", "zh": "排班计划"},
    "web_no_plans": {"en": "No plans yet.", "zh": "还没有计划。"},
    "web_days": {"en": "{days} days", "zh": "{days} 天"},
    "web_versions_count": {"en": "versions: {count}", "zh": "版本 {count} 个"},
    "web_published": {"en": "published", "zh": "已发布"},
    "web_from_published": {
        "en": "history from published v{version}",
        "zh": "沿用已发布的 v{version} 作为上期记录",
    },
    "web_staff_page": {"en": "Staff (private)", "zh": "人员信息（保密）"},
    "web_private_note": {
        "en": "Private: health and family reasons are shown on this page only, never on rosters, reports, personal pages or calendars.",
        "zh": "保密：健康和家庭原因只在本页显示，不会出现在排班表、报告、个人页面或日历中。",
    },
    "web_role": {"en": "Role", "zh": "身份"},
    "web_skills": {"en": "Skills", "zh": "技能"},
    "web_profiles": {"en": "Profiles (reasons)", "zh": "限制档案（原因）"},
    "web_limits": {"en": "Limits", "zh": "限制"},
    "web_plan_file": {"en": "Download the plan file", "zh": "下载计划文件"},
    "web_limits_line": {"en": "Limits: {limits}", "zh": "限制：{limits}"},
    "web_absences": {"en": "Absences (reason)", "zh": "缺勤（原因）"},
    "web_versions": {"en": "Versions", "zh": "版本"},
    "web_no_versions": {"en": "No roster yet: solve the plan.", "zh": "还没有排班表：请先排班。"},
    "web_what": {"en": "What changed", "zh": "改动内容"},
    "web_result": {"en": "Result", "zh": "结果"},
    "web_when": {"en": "When (UTC)", "zh": "时间（UTC）"},
    "web_gaps_count": {
        "en": "posts short: {count} ({critical} critical)",
        "zh": "缺人岗位 {count} 个（关键 {critical} 个）",
    },
    "web_stopped_early": {"en": "stopped early", "zh": "提前停止"},
    "web_changes_count": {"en": "changes: {count}", "zh": "改动 {count} 处"},
    "web_solve_heading": {"en": "Make the roster", "zh": "生成排班表"},
    "web_time_limit": {"en": "Time limit (seconds)", "zh": "时限（秒）"},
    "web_solve": {"en": "Solve", "zh": "开始排班"},
    "web_summary": {"en": "The plan at a glance", "zh": "计划概览"},
    "web_check_heading": {"en": "Check a hand-edited roster", "zh": "检查手工修改的排班表"},
    "web_check_help": {
        "en": "A roster.xlsx edited in Excel/WPS, or a roster.csv: the same findings as roster check.",
        "zh": "在 Excel/WPS 中修改过的 roster.xlsx，或 roster.csv：结果与 roster check 相同。",
    },
    "web_check": {"en": "Check", "zh": "检查"},
    "web_check_ok": {
        "en": "OK: every hard rule holds and every critical post is covered.",
        "zh": "通过：硬性规则全部满足，关键岗位全部有人。",
    },
    "web_check_bad": {"en": "Not OK: see the findings.", "zh": "不通过：请看检查结果。"},
    "web_job_queued": {"en": "Waiting in the queue", "zh": "排队等待中"},
    "web_job_running": {"en": "Solving…", "zh": "正在排班……"},
    "web_job_done": {"en": "Done", "zh": "已完成"},
    "web_job_stopped": {
        "en": "Stopped: the best roster so far is kept",
        "zh": "已停止：保留目前最好的排班表",
    },
    "web_job_failed": {"en": "Failed", "zh": "失败"},
    "web_job_interrupted": {
        "en": "Interrupted (the server stopped); earlier versions are intact",
        "zh": "已中断（服务器曾停止）；之前的版本完好",
    },
    "web_job_heading_solve": {"en": "Solving", "zh": "排班"},
    "web_job_heading_reschedule": {"en": "Rescheduling", "zh": "调整排班"},
    "web_job_heading_cover": {"en": "Applying the replacement", "zh": "安排替班"},
    "web_queue_ahead": {
        "en": "{count} ahead in the queue (one solve at a time)",
        "zh": "前面还有 {count} 个任务（每次只排一个）",
    },
    "web_tier": {"en": "Working on", "zh": "当前目标"},
    "web_objective": {"en": "Cost so far", "zh": "当前代价"},
    "web_bound": {"en": "Best possible", "zh": "最优下界"},
    "web_elapsed": {"en": "Elapsed", "zh": "已用时间"},
    "web_stop": {"en": "Stop", "zh": "停止"},
    "web_stop_help": {"en": "keeps the best roster so far", "zh": "保留目前最好的排班表"},
    "web_see_version": {"en": "See the roster (v{version})", "zh": "查看排班表（v{version}）"},
    "web_what_solve": {"en": "solved ({seconds:g} s limit)", "zh": "排班（时限 {seconds:g} 秒）"},
    "web_what_reschedule": {
        "en": "{staff} ill from {start} {end}",
        "zh": "{staff} 病假，自 {start} 起 {end}",
    },
    "web_what_cover": {
        "en": "{staff} ill from {start}: replacement picked ({assign})",
        "zh": "{staff} 病假，自 {start} 起：指定替班（{assign}）",
    },
    "web_hard_ok": {
        "en": "Hard rules: all hold (checked by roster check's checker).",
        "zh": "硬性规则：全部满足（由 roster check 的检查器核对）。",
    },
    "web_hard_bad": {"en": "Hard rules broken: {count}", "zh": "违反硬性规则：{count} 处"},
    "web_download": {"en": "Download", "zh": "下载"},
    "web_by_person": {"en": "By person", "zh": "按人员"},
    "web_by_person_help": {
        "en": "Click a duty to see who can take it; click a name for the person's own page.",
        "zh": "点击班次查看谁能替班；点击姓名打开个人页面。",
    },
    "web_hours": {"en": "Hours", "zh": "小时"},
    "web_changes": {"en": "Changes", "zh": "改动"},
    "web_no_changes": {"en": "No duty changed.", "zh": "没有班次改动。"},
    "web_date": {"en": "Date", "zh": "日期"},
    "web_was": {"en": "Was", "zh": "原安排"},
    "web_now": {"en": "Now", "zh": "现安排"},
    "web_messages": {"en": "Messages to send", "zh": "要发送的通知"},
    "web_copy": {"en": "Copy", "zh": "复制"},
    "web_copied": {"en": "Copied.", "zh": "已复制。"},
    "web_mark_ill": {"en": "Someone fell ill", "zh": "有人生病"},
    "web_who": {"en": "Who", "zh": "谁"},
    "web_from": {"en": "From", "zh": "从"},
    "web_to": {"en": "To (optional)", "zh": "到（可不填）"},
    "web_reschedule": {"en": "Reschedule", "zh": "调整排班"},
    "web_who_can_cover": {"en": "Who can cover?", "zh": "谁能替班？"},
    "web_publish_heading": {"en": "Publish", "zh": "发布"},
    "web_publish": {"en": "Publish this version", "zh": "发布此版本"},
    "web_publish_help": {
        "en": "the week's roster; next week starts from it",
        "zh": "作为本周排班表；下周从它接续",
    },
    "web_is_published": {"en": "This is the published roster.", "zh": "这是已发布的排班表。"},
    "web_next_week": {"en": "Start next week's plan", "zh": "开始下周计划"},
    "web_next_week_help": {
        "en": "the same plan a period later, this roster as its history (rest, nights, fairness carry over)",
        "zh": "同一计划顺延一期，以本排班表为上期记录（休息、夜班、公平性接续）",
    },
    "web_cover_heading": {"en": "Who can take {name}'s duties", "zh": "谁能接替 {name} 的班次"},
    "web_no_duties": {"en": "No duties in those days.", "zh": "这些天没有班次。"},
    "web_nobody_can": {
        "en": "Nobody can take it without breaking a hard rule.",
        "zh": "无人能在不违反硬性规则的情况下接替。",
    },
    "web_swap": {
        "en": "(swap: {name} takes their post at {place})",
        "zh": "（换班：{name} 接替其在 {place} 的班）",
    },
    "web_pick": {"en": "Pick", "zh": "选定"},
    "web_why_not_others": {"en": "Why not the others ({count})", "zh": "其他人为何不行（{count}）"},
    "web_calendar": {"en": "Add to my calendar (.ics)", "zh": "加入我的日历（.ics）"},
    # batch: a whole city's units at once (roster/batch/, roster/cli/batch.py)
    "city_title": {"en": "The city's rosters: every unit", "zh": "全市排班：各单位汇总"},
    "city_summary": {
        "en": "{units} {units|unit|units}: {solved} solved, {invalid} invalid, {failed} failed. "
        "Critical posts short: {critical}. Night-watch holes at unmanaged compounds: {holes} "
        "({hours} night hours with nobody on watch). Spare capacity: {spare} hours this period.",
        "zh": "共 {units} 个单位：已排班 {solved} 个，计划有误 {invalid} 个，失败 {failed} 个。"
        "关键岗位缺人 {critical} 个。无物业小区夜间无人值守 {holes} 段（共 {hours} 个夜间小时）。"
        "富余人力：本期共 {spare} 小时。",
    },
    "city_chart_heading": {
        "en": "Night-watch holes at unmanaged compounds, and spare capacity, per unit",
        "zh": "各单位：无物业小区夜间无人值守与富余人力",
    },
    "city_chart_note": {
        "en": "Left: night hours with nobody on watch at the unit's unmanaged compounds. Right: "
        "hours of extra duty its people could take this period without breaking a limit "
        "(one more duty a person a day). Units with holes first.",
        "zh": "左：本单位无物业小区夜间无人值守的小时数。右：本期本单位人员在不违反任何限制的前提下"
        "还能多承担的值班小时数（每人每天至多多排一个班）。有空缺的单位排在前面。",
    },
    "city_chart_holes": {"en": "Night hours with nobody on watch", "zh": "夜间无人值守（小时）"},
    "city_chart_spare": {"en": "Spare hours", "zh": "富余人力（小时）"},
    "city_chart_empty": {"en": "No unit has a roster yet.", "zh": "还没有单位排出班表。"},
    "city_table_heading": {"en": "Units", "zh": "各单位"},
    "city_table_note": {
        "en": "Click a column's heading to sort by it. Hover over spare hours for each day.",
        "zh": "点击列标题可排序。鼠标停在富余小时上可看每天的数字。",
    },
    "city_col_unit": {"en": "Unit", "zh": "单位"},
    "city_col_status": {"en": "Status", "zh": "状态"},
    "city_col_staff": {"en": "Staff", "zh": "人数"},
    "city_col_posts": {"en": "Posts", "zh": "岗位班次"},
    "city_col_critical_gaps": {"en": "Critical short", "zh": "关键岗位缺人"},
    "city_col_unmanaged_night_holes": {"en": "Night holes", "zh": "夜间无人值守段"},
    "city_col_unmanaged_night_hole_hours": {"en": "Night hours unwatched", "zh": "夜间无人小时"},
    "city_col_high_gaps": {"en": "High short", "zh": "重要岗位缺人"},
    "city_col_normal_gaps": {"en": "Normal short", "zh": "一般岗位缺人"},
    "city_col_low_gaps": {"en": "Low short", "zh": "次要岗位缺人"},
    "city_col_spare_hours": {"en": "Spare hours", "zh": "富余小时"},
    "city_col_solve_seconds": {"en": "Seconds", "zh": "用时（秒）"},
    "city_col_error": {"en": "Problems", "zh": "问题"},
    "city_status_solved": {"en": "solved", "zh": "已排班"},
    "city_status_invalid": {"en": "invalid plan", "zh": "计划有误"},
    "city_status_failed": {"en": "failed", "zh": "失败"},
    "batch_progress": {
        "en": "{done}/{total} done, {running} running, {failed} not solved, {skipped} unchanged",
        "zh": "已完成 {done}/{total}，进行中 {running}，未排成 {failed}，未变跳过 {skipped}",
    },
    "batch_dashboard": {"en": "Dask dashboard: {link}", "zh": "Dask 监控页：{link}"},
    "batch_summary": {
        "en": "{units} {units|unit|units}: {solved} solved ({now} now, {skipped} unchanged since "
        "the last run), {invalid} invalid, {failed} failed; critical posts short in "
        "{critical} {critical|unit|units}; night-watch holes at unmanaged compounds in "
        "{holes} {holes|unit|units}.",
        "zh": "共 {units} 个单位：已排班 {solved} 个（本次 {now} 个，与上次相同而跳过 {skipped} 个），"
        "计划有误 {invalid} 个，失败 {failed} 个；{critical} 个单位关键岗位缺人；"
        "{holes} 个单位无物业小区夜间有无人值守时段。",
    },
    "batch_unit_invalid": {"en": "{unit}: invalid plan:", "zh": "{unit}：计划有误："},
    "batch_unit_failed": {"en": "{unit}: failed: {error}", "zh": "{unit}：失败：{error}"},
    "batch_interrupted": {
        "en": "Stopped (Ctrl-C): finished units are kept; run the same command again to go on.",
        "zh": "已中断（Ctrl-C）：已完成的单位均已保存；再次运行同一命令即可继续。",
    },
    "batch_written": {"en": "Written: {files}", "zh": "已写入：{files}"},
    # check: any roster against its plan (roster/jobs/check.py)
    "check_heading": {
        "en": "Check of {file} ({duties} {duties|duty|duties}) against {title}, {period}",
        "zh": "检查 {file}（共 {duties} 个班次）：{title}，{period}",
    },
    "check_problems": {
        "en": "{count} {count|entry|entries} of the roster could not be read (fix them and check again):",
        "zh": "排班表中有 {count} 处无法读取（请修正后重新检查）：",
    },
    "check_notes": {
        "en": "Read with a correction (please confirm):",
        "zh": "以下内容已按近似方式读取（请确认）：",
    },
    "check_duplicate": {
        "en": "{staff} is listed twice on {date} {shift} at {place}; counted once",
        "zh": "{staff} 在 {date}{shift}（{place}）重复出现，只计一次",
    },
    "check_unknown_place": {
        "en": 'unknown place "{value}" (known: {known})',
        "zh": "未知的地点“{value}”（已有：{known}）",
    },
    "check_hard_ok": {"en": "Hard rules: all hold.", "zh": "硬性规则：全部满足。"},
    "check_hard_broken": {"en": "Hard rules broken: {count}", "zh": "违反硬性规则：{count} 处"},
    "check_holes_heading": {
        "en": "Hours with nobody on watch (nights at unmanaged compounds first):",
        "zh": "无人值守时段（无物业小区夜间优先）：",
    },
    "check_holes_unmanaged": {
        "en": "Nights with nobody on watch at unmanaged compounds:",
        "zh": "无物业小区夜间无人值守时段：",
    },
    "check_no_unmanaged_holes": {
        "en": "Every night at the unmanaged compounds is watched.",
        "zh": "无物业小区每晚都有人值守。",
    },
    "col_span": {"en": "When", "zh": "时段"},
    "col_hole_hours": {"en": "Hours", "zh": "小时"},
    "col_night_hours": {"en": "Night h", "zh": "夜间小时"},
    "check_gaps": {
        "en": "Posts short of people: {count} ({critical} critical)",
        "zh": "人手不足的岗位：{count} 个（其中关键岗位 {critical} 个）",
    },
    "check_why": {"en": "why: {why}", "zh": "原因：{why}"},
    "check_verdict_ok": {
        "en": "Verdict: OK: every hard rule holds and every critical post is covered.",
        "zh": "结论：通过。硬性规则全部满足，关键岗位全部有人。",
    },
    "check_verdict_bad": {
        "en": "Verdict: not OK: {hard} hard-rule {hard|violation|violations}, {critical} critical "
        "{critical|post|posts} short.",
        "zh": "结论：不通过。违反硬性规则 {hard} 处，关键岗位缺人 {critical} 个。",
    },
    "check_verdict_unread": {
        "en": "Verdict: {count} {count|entry|entries} could not be read; the findings above cover only the "
        "rest. Fix them and check again.",
        "zh": "结论：有 {count} 处无法读取，以上结果只针对已读取的部分；请修正后重新检查。",
    },
    "check_only_unmanaged": {
        "en": "(--unmanaged-nights: only those are shown; the verdict is on the whole roster)",
        "zh": "（--unmanaged-nights：只显示上述内容；结论针对整个排班表）",
    },
    "check_short_nights": {
        "en": "Night posts short of people at unmanaged compounds "
        "(hours short = people short × the shift's hours):",
        "zh": "无物业小区人手不足的夜班（缺人工时 = 缺人数 × 班次时长）：",
    },
    "check_no_short_nights": {
        "en": "Every night post at the unmanaged compounds has the people it needs.",
        "zh": "无物业小区每个夜班都已排足所需人数。",
    },
    "col_needed": {"en": "Needed", "zh": "需要"},
    "col_present": {"en": "Present", "zh": "在岗"},
    "col_hours_short": {"en": "Hours short", "zh": "缺人工时"},
    "check_verdict_nights": {
        "en": " Unmanaged compounds at night: posts short of people {posts}; "
        "hours with nobody on watch {hours}.",
        "zh": "无物业小区夜间：{posts} 个岗位缺人，{hours} 小时无人值守。",
    },
    # check --resilience (roster/jobs/resilience.py)
    "res_heading": {
        "en": "Resilience: if one person falls ill from {moment}, can every critical post still "
        "be covered by rescheduling?",
        "zh": "抗风险检查：如果某人从{moment}起病倒，重新排班后关键岗位能否全部有人？",
    },
    "res_baseline_short": {
        "en": "Even with everyone, {count} critical {count|post stays|posts stay} short after {moment}; listed are "
        "the people whose loss makes it worse.",
        "zh": "即使所有人都在，{moment}以后仍有 {count} 个关键岗位缺人；下面列出的是病倒后会使情况更糟的人。",
    },
    "res_all_ok": {
        "en": "Anyone's loss can be absorbed ({count} {count|person|people} tried in {seconds:.1f}s).",
        "zh": "任何一人病倒都能通过重新排班弥补（共试 {count} 人，用时 {seconds:.1f} 秒）。",
    },
    "res_fragile": {
        "en": "{count} {count|person|people} cannot be spared ({tried} tried in {seconds:.1f}s):",
        "zh": "有 {count} 人缺一不可（共试 {tried} 人，用时 {seconds:.1f} 秒）：",
    },
    "res_person": {
        "en": "{name} ({id}): {count} critical {count|post|posts} would go short{unproven}",
        "zh": "{name}（{id}）：关键岗位将有 {count} 个缺人{unproven}",
    },
    "res_unproven": {
        "en": " (the best repair found in the time limit)",
        "zh": "（时限内找到的最好结果）",
    },
    "res_unknown": {
        "en": "{name} ({id}): not decided within the time limit",
        "zh": "{name}（{id}）：时限内未能判定",
    },
    "res_progress": {
        "en": "  {name}: {verdict} ({seconds:.1f}s)",
        "zh": "  {name}：{verdict}（{seconds:.1f} 秒）",
    },
    "res_absorbed": {"en": "can be absorbed", "zh": "可以弥补"},
    "res_breaks": {"en": "cannot be absorbed", "zh": "无法弥补"},
    "res_unknown_short": {"en": "not decided in time", "zh": "时限内未判定"},
    "res_blocked": {
        "en": "Cannot reschedule from {moment}: the duties before it break hard rules, so no "
        "loss can be tried. Fix the hard violations first.",
        "zh": "无法从{moment}起重新排班：此前的班次违反硬性规则，无法试算。请先修正硬性规则问题。",
    },
    # explain: why a strict plan has no roster (roster/diagnose/explain.py)
    "explain_feasible": {
        "en": "The plan has a roster even with every critical post required: nothing to explain.",
        "zh": "即使要求关键岗位全部有人，该计划也能排出：无需解释。",
    },
    "explain_unknown": {
        "en": "Could not decide within {seconds:.0f}s whether the strict plan has a roster; "
        "try a longer --time-limit.",
        "zh": "{seconds:.0f} 秒内未能判定严格模式下能否排出，请延长 --time-limit。",
    },
    "explain_heading": {
        "en": "No roster can cover every critical post. The smallest set of rules that clash "
        "({count} rule {count|instance|instances}{note}):",
        "zh": "无法排出让所有关键岗位都有人的排班。相互冲突的最小规则集合（共 {count} 条{note}）：",
    },
    "explain_not_minimal": {
        "en": "; not proven smallest within the time limit",
        "zh": "；时限内未能证明是最小集合",
    },
    "explain_demand": {
        "en": "{shift}{skill} at {places}, {dates}: {needed} {needed|person-shift|person-shifts} needed; "
        "{able} {able|person|people} "
        "can take them{names}{others}{capacity}.",
        "zh": "{shift}{skill}：{places}，{dates}共需要{needed}人次；能上的有{able}人{names}{others}{capacity}。",
    },
    "explain_skill": {"en": " (skill {skill})", "zh": "（{skill}）"},
    "explain_names": {"en": " ({names})", "zh": "（{names}）"},
    "explain_others": {"en": "; the others: {reasons}", "zh": "；其他人：{reasons}"},
    "explain_reason_count": {
        "en": "{reason} ×{count} ({names})",
        "zh": "{reason} ×{count}（{names}）",
    },
    "explain_capacity": {
        "en": "; but under the limits below at most {supply} {supply|person-shift is|person-shifts are} "
        "possible",
        "zh": "；但按下列限制最多只有{supply}人次",
    },
    "explain_max": {
        "en": "At most {max} people at {place} on {date} {shift}.",
        "zh": "{place} {date}{shift}最多{max}人。",
    },
    "explain_limit": {
        "en": "{title}: {phrase}{note}: {names}.",
        "zh": "{title}：{phrase}{note}：{names}。",
    },
    "explain_history_note": {
        "en": " (the previous roster's duties count)",
        "zh": "（上期排班的班次也计入）",
    },
    "explain_rule": {"en": "{title}: {names}{dates}.", "zh": "{title}：{names}{dates}。"},
    "explain_on": {"en": " on {dates}", "zh": "（{dates}）"},
    "explain_relax_heading": {
        "en": "Relaxing any one of these makes the plan feasible (cheapest first):",
        "zh": "放宽以下任意一项即可排出（最省事的在前）：",
    },
    "explain_relax_core": {"en": "{title} for {names}", "zh": "放宽{names}的“{title}”"},
    "explain_relax_all": {"en": "{title} for everyone", "zh": "对所有人放宽“{title}”"},
    "explain_relax_demand": {"en": "less critical demand: {what}", "zh": "降低关键需求：{what}"},
    "explain_relax_none": {
        "en": "No single rule's relaxation is enough: relax several of the above together.",
        "zh": "单独放宽任何一项都不够，需要同时放宽上面几项。",
    },
    "explain_best": {"en": " (preferred)", "zh": "（首选）"},
    # watch: hour-by-hour gate watch (roster/check/watch.py)
    "watch_hole": {
        "en": "{place} {span}: nobody on watch, {hours} h",
        "zh": "{place} {span} 无人值守, {hours} h",
    },
    "watch_nobody": {"en": "nobody on watch", "zh": "无人值守"},
    "watch_partly": {"en": "partly unwatched", "zh": "部分时段无人"},
    "watch_no_holes": {
        "en": "Every round-the-clock gate is watched every hour.",
        "zh": "所有全天值守的小区每小时都有人值守。",
    },
    "watch_holes_count": {
        "en": "Unwatched: {count} {count|span|spans}, {hours} h in all "
        "({unmanaged} h at night at unmanaged compounds)",
        "zh": "无人值守：{count} 段，共 {hours} 小时（其中无物业小区夜间 {unmanaged} 小时）",
    },
    "watch_legend": {
        "en": "Green: watched (darker at night); amber: partly unwatched; red: nobody on watch.",
        "zh": "绿色：有人值守（深色为夜间）；橙色：部分时段无人；红色：无人值守。",
    },
    "watch_short_night": {
        "en": "{place} {span}: {present} of {needed} on watch, {hours} h short",
        "zh": "{place} {span} 需要{needed}人，在岗{present}人，缺{hours}小时",
    },
    # report: roster.xlsx and report.html (roster/report/)
    "weekdays": {"en": "Mon Tue Wed Thu Fri Sat Sun", "zh": "周一 周二 周三 周四 周五 周六 周日"},
    "day_label": {"en": "{weekday} {date}", "zh": "{date} {weekday}"},
    "list_sep": {"en": ", ", "zh": "、"},
    "date_range": {"en": "{first}–{last}", "zh": "{first}至{last}"},
    "short_people": {"en": "short {n}", "zh": "缺{n}人"},
    "short_skill": {"en": "short {n} ({skill})", "zh": "缺{n}人（{skill}）"},
    "grid_title": {"en": "{title} roster {first} – {last}", "zh": "{title} 排班表 {first}至{last}"},
    "grid_legend": {
        "en": "Yellow: unmanaged compound; red: short of people; grey: no duty needed.",
        "zh": "黄色：无物业小区；红色：缺人；灰色：无需排班。",
    },
    "sheet_grid": {"en": "grid", "zh": "排班表"},
    "sheet_people": {"en": "people", "zh": "人员"},
    "sheet_gaps": {"en": "gaps", "zh": "缺口"},
    "sheet_watch": {"en": "watch", "zh": "值守空档"},
    "sheet_fairness": {"en": "fairness", "zh": "公平性"},
    "sheet_rules": {"en": "rules", "zh": "规则"},
    "col_place": {"en": "Place", "zh": "地点"},
    "col_shift": {"en": "Shift", "zh": "班次"},
    "col_staff_id": {"en": "ID", "zh": "工号"},
    "col_name": {"en": "Name", "zh": "姓名"},
    "col_hours": {"en": "Hours", "zh": "工时"},
    "col_nights": {"en": "Nights", "zh": "夜班"},
    "col_weekends": {"en": "Weekend duties", "zh": "周末班"},
    "col_hours_target": {"en": "Target hours", "zh": "目标工时"},
    "col_nights_target": {"en": "Target nights", "zh": "目标夜班"},
    "col_weekends_target": {"en": "Target weekend duties", "zh": "目标周末班"},
    "col_full_day": {"en": "24-hour duties", "zh": "24小时班"},
    "col_full_day_target": {"en": "Target 24-hour duties", "zh": "目标24小时班"},
    "col_date": {"en": "Date", "zh": "日期"},
    "col_required": {"en": "Required", "zh": "需要"},
    "col_assigned": {"en": "Assigned", "zh": "已排"},
    "col_shortfall": {"en": "Short", "zh": "缺"},
    "col_priority": {"en": "Priority", "zh": "优先级"},
    "col_skill": {"en": "Skill", "zh": "技能"},
    "col_why": {"en": "Why", "zh": "原因"},
    "col_compound": {"en": "Compound", "zh": "小区"},
    "col_from": {"en": "From", "zh": "从"},
    "col_to": {"en": "To", "zh": "至"},
    "col_description": {"en": "Description", "zh": "说明"},
    "col_rule": {"en": "Rule", "zh": "规则"},
    "col_kind": {"en": "Kind", "zh": "类型"},
    "col_tier": {"en": "Tier", "zh": "层级"},
    "col_weight": {"en": "Weight", "zh": "权重"},
    "col_limits": {"en": "Limits", "zh": "限制"},
    "col_setting": {"en": "Setting", "zh": "设置"},
    "kind_hard": {"en": "hard (never broken)", "zh": "硬性（不可违反）"},
    "kind_soft": {"en": "soft (as far as possible)", "zh": "软性（尽量满足）"},
    "heading_rules": {"en": "Rules used", "zh": "本次使用的规则"},
    "heading_weights": {
        "en": "Weights within a tier (plan.toml [weights])",
        "zh": "同层级内的权重（在 plan.toml 中设置）",
    },
    "heading_limits": {"en": "Limits", "zh": "工作限制"},
    "heading_problems": {"en": "Rules broken in this roster", "zh": "本排班违反的规则"},
    "heading_status": {"en": "Solve", "zh": "求解情况"},
    "heading_watch": {"en": "24-hour watch", "zh": "24小时值守"},
    "no_problems": {"en": "No rule is broken.", "zh": "没有违反任何规则。"},
    "everyone": {"en": "Everyone", "zh": "所有人"},
    "same_as_everyone": {"en": "as everyone", "zh": "同所有人"},
    "no_limits": {"en": "no limits set", "zh": "未设限制"},
    # a limit in force that is not a field: unavailable spans (the fields carry their own
    # phrases, roster.plan.limits)
    "limit_unavailable": {"en": "unavailable {spans}", "zh": "不可排班：{spans}"},
    "fair_note": {
        "en": "Load / fair share. Share = everyone's total × the person's share of the work ÷ "
        "the sum of shares; share of the work = weekly hour cap × days available (nights: only "
        "people who may take nights). Loads and totals include the 4 weeks before (history). "
        "Fair: the share rounded down or up; red: outside it. Bar: load; black line: share.",
        "zh": "负担 / 应得份额。应得份额 = 全体合计 × 本人工作份额 ÷ 份额之和；工作份额 = 每周工时上限 × "
        "可排班天数（夜班：只计可上夜班者）。负担与合计含此前4周（历史记录）。合理范围：份额向下或向上取整；"
        "红色：超出范围。条形为负担，黑线为应得份额。",
    },
    "fair_band": {"en": "fair {band}", "zh": "合理范围{band}"},
    "fair_carried": {
        "en": "incl. {carried} in the 4 weeks before",
        "zh": "含此前4周的{carried}",
    },
    "status_optimal": {"en": "proven best", "zh": "已证明最优"},
    "status_feasible": {"en": "found, not proven best", "zh": "找到可行方案（未证明最优）"},
    "status_infeasible": {
        "en": "no roster can meet every hard rule",
        "zh": "无法满足全部硬性规则，没有可行排班",
    },
    "status_model_invalid": {"en": "model invalid (a bug)", "zh": "模型无效（程序缺陷）"},
    "status_unknown": {"en": "nothing found in the time", "zh": "规定时间内未找到排班"},
    "report_title": {"en": "{title}: roster report", "zh": "{title} 排班报告"},
    "report_period": {
        "en": "{first} to {last}, {days} {days|day|days}",
        "zh": "{first}至{last}，共{days}天",
    },
    "report_checked": {
        "en": "Roster checked, not solved here.",
        "zh": "已检查的排班（非本次求解）。",
    },
    # skills and common errand names (roster.text.labels): the plan's own ids stay in files
    "skill_lead": {"en": "lead", "zh": "带班"},
    "skill_shop": {"en": "shop", "zh": "采买"},
    "skill_survey": {"en": "survey", "zh": "走访"},
    "skill_drive": {"en": "drive", "zh": "驾驶"},
    "errand_shopping": {"en": "shopping", "zh": "采买"},
    "errand_shop": {"en": "shopping", "zh": "采买"},
    "errand_survey": {"en": "survey", "zh": "走访"},
    "errand_inspection": {"en": "inspection", "zh": "巡查"},
    "errand_night_inspection": {"en": "night inspection", "zh": "夜间巡查"},
    "errand_delivery": {"en": "delivery", "zh": "配送"},
    # weights within a tier (plan.toml [weights]), as the workbook's rules sheet shows them
    "weight_critical": {"en": "critical posts short", "zh": "关键岗位缺人"},
    "weight_high": {"en": "high-priority posts short", "zh": "重要岗位缺人"},
    "weight_normal": {"en": "normal posts short", "zh": "一般岗位缺人"},
    "weight_low": {"en": "low-priority posts short", "zh": "低优先级岗位缺人"},
    "weight_empty_watch": {"en": "a gate with nobody on watch", "zh": "小区门岗无人值守"},
    "weight_change": {"en": "a changed duty", "zh": "改动一个班次"},
    "weight_change_next_24h": {
        "en": "a changed duty within the next 24 hours",
        "zh": "改动24小时内的班次",
    },
    "weight_fair_hours": {"en": "unfair hours", "zh": "工时不均"},
    "weight_fair_nights": {"en": "unfair nights", "zh": "夜班不均"},
    "weight_fair_weekends": {"en": "unfair weekend duties", "zh": "周末班不均"},
    "weight_fair_24h": {"en": "unfair 24-hour duties", "zh": "24小时班不均"},
    "weight_request": {"en": "a request not met", "zh": "未满足的个人意愿"},
    "weight_together": {"en": "a pair not together", "zh": "搭档未同班"},
    "weight_home_compound": {"en": "away from the home compound", "zh": "未在本人所住小区值守"},
    "weight_compound_switch": {"en": "a switch of compound", "zh": "更换值守小区"},
    "weight_over_cover": {"en": "more people than needed", "zh": "人员超出需要"},
    "weight_convex_shortfall": {
        "en": "spread shortages over posts",
        "zh": "缺人分散到各岗位",
    },
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "col_key": {"en": "plan.toml", "zh": "plan.toml"},
    "fair_earlier_hours": {"en": "{carried} h from earlier weeks", "zh": "含往周 {carried} 小时"},
    "fair_earlier_duties": {"en": "{carried} from earlier weeks", "zh": "含往周 {carried} 个"},
    "fair_earlier_legend": {
        "en": "Grey: above the fair band only because of earlier weeks (history), not this "
        "roster's doing.",
        "zh": "灰色：只因往周（历史记录）的班次而超出合理范围，并非本期排班所致。",
    },
    "col_note": {"en": "Note", "zh": "备注"},
    "heading_people": {"en": "Each person's week", "zh": "每人一周"},
    "person_summary": {
        "en": "{hours} h, {nights} {nights|night|nights}",
        "zh": "{hours} 小时，夜班 {nights} 个",
    },
    "person_day": {"en": "{day}: {duties}", "zh": "{day}：{duties}"},
    # messages.txt of a reschedule (roster/jobs/reschedule.py)
    "messages_heading": {
        "en": "{title}: roster changes from {when}",
        "zh": "{title}：{when}起排班调整",
    },
    "person_no_duty": {"en": "no duty this period", "zh": "本期无班次"},
    # solve: progress and summary
    "progress": {
        "en": "[{level}] best {objective:g}  bound {bound:g}  {seconds:.1f}s",
        "zh": "[{level}] 当前最优 {objective:g}  下界 {bound:g}  {seconds:.1f}秒",
    },
    "summary_status": {
        "en": "Status: {status} in {seconds:.1f}s{note}",
        "zh": "求解状态：{status}，用时 {seconds:.1f} 秒{note}",
    },
    "interrupted": {
        "en": " (stopped by Ctrl-C: best roster so far)",
        "zh": "（已按 Ctrl-C 停止：保存目前最好的排班）",
    },
    "time_limit": {
        "en": " (time limit reached)",
        "zh": "（到达时间上限）",
    },
    "summary_coverage": {
        "en": "Coverage {priority}: {percent:.1f}% ({missing} of {required} "
        "{required|person-shift|person-shifts} missing)",
        "zh": "{priority}岗位覆盖率：{percent:.1f}%（{required} 人次中缺 {missing} 人次）",
    },
    "summary_gaps": {
        "en": "Gaps: {count} {count|post|posts} short",
        "zh": "缺口：{count} 个岗位人手不足",
    },
    "why_not_explained": {
        "en": "not explained: the time limit ran out first",
        "zh": "未分析原因：已到时间上限",
    },
    "summary_narrowed": {
        "en": "Big plan: each person was considered for some compounds only ({kept:,} of "
        "{possible:,} possible pairings of person and post), so the roster is good but not "
        "proven best. A longer --time-limit considers more.",
        "zh": "计划较大：每人只考虑了部分小区（共 {possible:,} 种人员与岗位的搭配中取了 {kept:,} 种），"
        "排班可用但未证明最优。延长 --time-limit 可考虑更多搭配。",
    },
    "summary_unsearched": {
        "en": "The plan is too big to search in this time limit: the roster is the quick "
        "first draft, every hard rule kept. A longer --time-limit improves it.",
        "zh": "在此时间上限内计划过大、无法搜索：排班为快速初稿，所有硬性规定均已遵守。"
        "延长 --time-limit 可改进。",
    },
    "summary_no_gaps": {
        "en": "Gaps: none — every post is covered",
        "zh": "缺口：无，所有岗位均已覆盖",
    },
    "summary_written": {"en": "Written to {folder}: {files}", "zh": "已写入 {folder}：{files}"},
    "summary_overran": {
        "en": "This took {seconds:.0f} s, longer than --time-limit {limit:g} allows: reading, "
        "checking and writing a plan this big take that long whatever the limit.",
        "zh": "本次用时 {seconds:.0f} 秒，超出 --time-limit {limit:g} 的允许范围：计划这么大，"
        "读取、检查和写出文件本身就需要这么久。",
    },
    "no_roster": {
        "en": "No roster found ({status}). Try a longer --time-limit, or run `roster explain` if --strict.",
        "zh": "未找到排班（{status}）。可延长 --time-limit；若使用了 --strict，可运行 `roster explain` 查看原因。",
    },
    "priority_critical": {"en": "critical", "zh": "关键"},
    "priority_high": {"en": "high", "zh": "高"},
    "priority_normal": {"en": "normal", "zh": "一般"},
    "priority_low": {"en": "low", "zh": "低"},
    "tier_critical": {"en": "critical cover", "zh": "关键覆盖"},
    "tier_high": {"en": "high cover", "zh": "重要覆盖"},
    "tier_stability": {"en": "stability", "zh": "稳定"},
    "tier_coverage": {"en": "other cover", "zh": "其他覆盖"},
    "tier_fairness": {"en": "fairness", "zh": "公平"},
    "tier_preferences": {"en": "preferences", "zh": "意愿"},
    "bug_hard_violation": {
        "en": "internal error: the solver's roster breaks hard rules (a bug, please report it):",
        "zh": "内部错误：求解结果违反硬性规则（这是程序缺陷，请报告）：",
    },
    "bad_output": {"en": "Cannot write outputs: {error}", "zh": "无法写出结果：{error}"},
    "reschedule_unknown_ref": {
        "en": 'unknown {what} "{value}": not in the plan',
        "zh": "未知的{what}“{value}”：计划中没有",
    },
    "absence_unknown_staff": {
        "en": 'unknown staff id "{value}" (known: {known})',
        "zh": "未知人员编号“{value}”（已有：{known}）",
    },
    "absence_outside_period": {
        "en": "the absence must start inside the period ({first} to {last})",
        "zh": "缺勤开始时间须在排班周期内（{first}至{last}）",
    },
    "absence_order": {"en": "--to must be after --from", "zh": "--to 须晚于 --from"},
    "changes_count": {
        "en": "Changes: {count} {count|duty|duties} for {people} {people|person|people}; messages to send:",
        "zh": "改动：{people} 人共 {count} 个班次；待发送通知：",
    },
    "progress_findings": {
        "en": "[{level}] {findings}  ({seconds:.1f}s)",
        "zh": "[{level}] {findings}（{seconds:.1f}秒）",
    },
    "findings_separator": {"en": "; ", "zh": "；"},
    "finding_coverage": {"en": "posts short: {count}", "zh": "缺人岗位：{count}"},
    "finding_fairness": {"en": "off their fair share: {count}", "zh": "偏离合理份额：{count}"},
    "finding_requests": {"en": "requests not met: {count}", "zh": "未满足的申请：{count}"},
    "finding_stability": {"en": "duties changed: {count}", "zh": "改动的班次：{count}"},
    "finding_other": {"en": "{title}: {count}", "zh": "{title}：{count}"},
    "finding_none": {"en": "all met", "zh": "全部满足"},
    # validate: the plan summary (roster.plan.summary)
    "summary_period": {
        "en": "Period: {first} to {last} ({days} {days|day|days})",
        "zh": "周期：{first}至{last}（{days}天）",
    },
    "summary_people": {
        "en": "People: {total} ({roles}); {limited} with personal limits",
        "zh": "人员：{total}人（{roles}）；其中{limited}人有个人限制",
    },
    "role_leader": {"en": "leaders", "zh": "领导"},
    "role_cadre": {"en": "cadres", "zh": "干部"},
    "role_volunteer": {"en": "volunteers", "zh": "志愿者"},
    "summary_compounds": {
        "en": "Compounds: {total}, {unmanaged} unmanaged: {names}",
        "zh": "小区：{total}个，其中{unmanaged}个无物业：{names}",
    },
    "unmanaged_mark": {"en": " (unmanaged)", "zh": "（无物业）"},
    "summary_shifts": {"en": "Shifts: {shifts}", "zh": "班次：{shifts}"},
    "summary_shift": {
        "en": "{name} {start}–{end} ({hours} h{night})",
        "zh": "{name} {start}–{end}（{hours}小时{night}）",
    },
    "night_mark": {"en": ", night", "zh": "，夜班"},
    "summary_demand": {"en": "Demand per week", "zh": "每周需求"},
    "person_shifts": {"en": "person-shifts", "zh": "人次"},
    "person_hours": {"en": "person-hours", "zh": "人·小时"},
    "summary_total": {"en": "total", "zh": "合计"},
    "summary_capacity": {
        "en": "Capacity: {needed} person-hours needed ({urgent} critical or high), "
        "at most {available} available under the limits",
        "zh": "容量：共需 {needed} 人·小时（关键和高优先级 {urgent}），"
        "按各项限制最多可提供 {available} 人·小时",
    },
    "summary_capacity_note": {
        "en": "  (an upper bound from weekly hour and shift caps, days off and absences; "
        "the other rules only lower it)",
        "zh": "  （上限估计：只计每周工时和班次上限、休息日和缺勤；其他规则只会使它更低）",
    },
    "summary_short": {
        "en": "  Not all demand can be met: at least {short} person-hours will stay open.",
        "zh": "  需求无法全部满足：至少有 {short} 人·小时会空缺。",
    },
    "summary_short_urgent": {
        "en": "  Even critical and high demand cannot all be met: "
        "at least {short} person-hours short.",
        "zh": "  连关键和高优先级需求也无法全部满足：至少缺 {short} 人·小时。",
    },
    "summary_critical": {
        "en": "Critical demand, and how many people could ever take it "
        "(skill, no nights / no 24-hour duty, not absent on all its days):",
        "zh": "关键需求及可能承担的人数（按技能、不上夜班/不上24小时班、并非所有日子都缺勤）：",
    },
    "summary_critical_row": {
        "en": "  {place} · {shift} · {days} · {min} needed{skill}: {able} people{warning}",
        "zh": "  {place} · {shift} · {days} · 需要{min}人{skill}：{able}人{warning}",
    },
    "summary_skill": {"en": ", skill {skill}", "zh": "，技能 {skill}"},
    "summary_too_few": {"en": "  <- fewer than needed", "zh": "  <- 少于所需人数"},
    "summary_valid": {"en": "No problems found.", "zh": "未发现问题。"},
    "place_all": {"en": "every compound", "zh": "所有小区"},
    "place_managed": {"en": "managed compounds", "zh": "有物业小区"},
    "place_unmanaged": {"en": "unmanaged compounds", "zh": "无物业小区"},
    "every_day": {"en": "every day", "zh": "每天"},
    # validate: warnings before solving (roster.check.usable finds them)
    "warn_heading": {"en": "Before solving, note:", "zh": "求解前请注意："},
    "warn_heading_solved": {
        "en": "Note, whatever the roster (the plan itself):",
        "zh": "请注意（由计划本身决定，与排班无关）：",
    },
    "warn_person": {"en": "  {name} can fill no post:", "zh": "  {name} 无法承担任何岗位："},
    "warn_gates": {"en": "gates", "zh": "门岗"},
    "warn_kind": {"en": "{shift} ({where})", "zh": "{shift}（{where}）"},
    "warn_ruled_out": {"en": "    {kinds}: {why}", "zh": "    {kinds}：{why}"},
    "warn_seat_skill": {
        "en": "cannot {skill}, which every place there needs",
        "zh": "不会{skill}，而该岗位每个名额都需要",
    },
    "warn_lacks_skill": {"en": "cannot {skill}", "zh": "不会{skill}"},
    "warn_demand": {
        "en": "  Critical demand {place} · {shift}{skill}, {min} needed: at most {able} "
        "could ever take it on {dates}. Kept away: {why}",
        "zh": "  关键需求 {place} · {shift}{skill}，需要{min}人：{dates}最多只有{able}人"
        "能承担。其他人：{why}",
    },
    "warn_nobody": {"en": "nobody is in the plan", "zh": "计划中没有人员"},
    "summary_not_applied": {
        "en": "Own limits in the staff list that do not apply (the settings or a profile "
        "set a stricter one, which applies):",
        "zh": "人员表中本人的限制未生效（设置或限制档案中有更严的，按更严的执行）：",
    },
    "summary_not_applied_row": {"en": "  {name}: {limits}", "zh": "  {name}：{limits}"},
    # the plan workbook (roster/io/workbook.py, roster/io/template.py): sheet names, the
    # English ones being the file names; the reader accepts both
    "plan_sheet_settings": {"en": "settings", "zh": "设置"},
    "plan_sheet_profiles": {"en": "profiles", "zh": "限制档案"},
    "plan_sheet_staff": {"en": "staff", "zh": "人员名单"},
    "plan_sheet_compounds": {"en": "compounds", "zh": "小区"},
    "plan_sheet_shifts": {"en": "shifts", "zh": "班次"},
    "plan_sheet_demand": {"en": "demand", "zh": "需求"},
    "plan_sheet_absences": {"en": "absences", "zh": "缺勤"},
    "plan_sheet_requests": {"en": "requests", "zh": "意愿"},
    "plan_sheet_history": {"en": "history", "zh": "上期排班"},
    "plan_sheet_fixed": {"en": "fixed", "zh": "固定排班"},
    "plan_sheet_pairs": {"en": "pairs", "zh": "搭配"},
    "plan_sheet_readme": {"en": "README", "zh": "说明"},
    "sheet_named": {"en": "{sheet} sheet", "zh": "{sheet} 工作表"},
    "template_written": {
        "en": "Wrote {file}. Fill it in, then check it: roster validate {file}",
        "zh": "已写入 {file}。填写后检查：roster validate {file}",
    },
    # cover: who can take the duties a person leaves (roster/jobs/cover.py, report/cover.py)
    "cover_hours": {
        "en": "+{added} h, {hours} h in the week from {week}",
        "zh": "+{added} 小时，{week}起一周共 {hours} 小时",
    },
    "cover_nights": {
        "en": "{n} {n|night|nights} in the week from {week}",
        "zh": "{week}起一周第 {n} 个夜班",
    },
    "cover_heading": {
        "en": "{name} ({staff}) leaves {count} {count|duty|duties} from {first} to {last}.",
        "zh": "{name}（{staff}）{first}至{last}空出 {count} 个班。",
    },
    "cover_none": {
        "en": "{name} ({staff}) has no duty from {first} to {last}: nothing to cover.",
        "zh": "{name}（{staff}）{first}至{last}没有排班，无需顶班。",
    },
    "cover_duty": {
        "en": "{date} {shift} · {place} ({priority}): {summary}",
        "zh": "{date} {shift} · {place}（{priority}）：{summary}",
    },
    "cover_direct": {
        "en": "covered directly ({count} {count|candidate|candidates} shown)",
        "zh": "可直接顶班（列出 {count} 人）",
    },
    "cover_by_swap": {
        "en": "only by a swap ({count} shown)",
        "zh": "只能换班顶上（列出 {count} 种）",
    },
    "cover_nobody": {
        "en": "NOBODY can take it: a {priority} hole",
        "zh": "无人可顶：留下{priority}岗位空缺",
    },
    "cover_swap": {
        "en": "{name} takes it; {other} takes {name}'s {date} {shift} · {place}",
        "zh": "{name}顶班；{other}接{name}的{date} {shift} · {place}",
    },
    "cover_no_cost": {"en": "no extra cost", "zh": "无额外代价"},
    "cover_stopped": {"en": "  Cannot take it:", "zh": "  不能顶班："},
    "cover_col_rank": {"en": "#", "zh": "序"},
    "cover_col_who": {"en": "Who", "zh": "人员"},
    "cover_col_cost": {"en": "Cost change", "zh": "代价变化"},
    "cover_col_reasons": {"en": "What it means", "zh": "说明"},
    "cover_to_before_from": {"en": "--to must not be before --from", "zh": "--to 不能早于 --from"},
    "cover_outside_period": {
        "en": "must be a day of the period ({first} to {last})",
        "zh": "须在排班周期内（{first}至{last}）",
    },
    "assign_form": {
        "en": 'not STAFF=POST@DATE/SHIFT: "{value}" (e.g. s07=C3@2026-02-11/night)',
        "zh": "不是 人员=岗位@日期/班次 的格式：“{value}”（例如 s07=C3@2026-02-11/night）",
    },
    "cover_bad_date": {
        "en": 'not a date "{value}": expected YYYY-MM-DD',
        "zh": "不是日期“{value}”：应为 YYYY-MM-DD",
    },
}


def default_lang(title: str) -> Lang:
    """Chinese when the plan's title has Chinese characters, else English."""
    return "zh" if re.search(r"[\u4e00-\u9fff]", title) else "en"


def label(key: str, lang: Lang) -> str:
    """A label from the catalogue (its ``format`` chooses English plurals, see ``plural``)."""
    return Template(CATALOGUE[key][lang])


def fmt_date(date: dt.date, lang: Lang) -> str:
    """A short date a leader reads: "2月12日" or "12 Feb"."""
    if lang == "zh":
        return f"{date.month}月{date.day}日"
    return f"{date.day} {date:%b}"


def fmt_hours(minutes: int) -> str:
    """Minutes as hours, without a needless ".0"."""
    hours = minutes / 60
    return f"{hours:g}"


@dataclass(frozen=True)
class Text:
    """A message in both languages: templates with ``{name}`` fields, and their values."""

    templates: Mapping[Lang, str]
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang) -> str:
        """The message in ``lang``; dates are formatted for that language."""
        values = {key: _localize(value, lang) for key, value in self.params.items()}
        return inflect(self.templates[lang], values).format(**values)

    def __str__(self) -> str:
        return self.render("en")


def _localize(value: object, lang: Lang) -> object:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    return value
