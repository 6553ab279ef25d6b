"""report.html: structure, no network references, escaping; and privacy of every output."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from constraints import all_rules
from roster.check.gaps import gaps
from roster.check.violations import check
from roster.jobs.solve import write_report_files, write_roster_files
from roster.plan.index import PlanIndex
from roster.plan.model import Absence, Staff
from roster.report.html import render_report, write_report_html
from roster.report.tables import Published
from roster.text.i18n import Lang
from tests.helpers import roster_of, solve_checked
from tests.plans import rich_plan
from tests.reports import DUTIES, PROFILE, REASON, report_case, report_plan


class Elements(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a.get("class", "").split()]


def parsed(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    return elements


def page_of(lang: Lang = "en") -> str:
    case = report_case(lang)
    return render_report(case, lang)


def test_the_page_has_the_grid_and_a_24_hour_strip_per_compound_per_day() -> None:
    page = parsed(page_of())
    assert len(page.with_class("grid")) == 1
    compounds = page.with_class("compound")
    assert [c["data-compound"] for c in compounds] == ["B", "A"]  # unmanaged first
    assert len(page.with_class("strip")) == 2 * 2
    hours = page.with_class("full") + page.with_class("partial") + page.with_class("empty")
    assert len(hours) == 2 * 2 * 24
    # B's Monday night is the hole: 12 red hours, whose tooltips say so.
    empty = page.with_class("empty")
    assert len(empty) == 12
    assert empty[0]["title"] == "20:00–21:00 nobody on watch"
    assert any(a["title"] == "08:00–09:00 Person 2" for a in page.with_class("full"))
    text = " ".join(page.text)
    assert "B小区 2 Mar 20:00–08:00: nobody on watch, 12 h" in text


def test_the_grid_marks_unmanaged_rows_and_gaps() -> None:
    page = parsed(page_of())
    assert len([a for tag, a in page.tags if tag == "tr" and a.get("class") == "unmanaged"]) == 2
    assert len(page.with_class("gap")) == 2
    assert "short 2 (shop)" in page.text


def test_gaps_and_fairness_are_there_with_bars_per_person() -> None:
    page = parsed(page_of())
    assert len(page.with_class("gaps")) == 1
    assert len(page.with_class("why")) == 2
    bars = [a for tag, a in page.tags if tag == "i" and a.get("style", "").startswith("width:")]
    assert len(bars) == 4 * 2  # four people, hours and nights
    assert all(re.fullmatch(r"width:\d+(\.\d)?%", a["style"]) for a in bars)


def test_loads_the_fairness_rule_finds_unfair_are_red() -> None:
    case = report_case()
    unfair = {(v.staff, v.details["measure"]) for v in case.violations if v.rule == "fairness"}
    assert unfair  # Person 1 carries more than a fair share here
    page = parsed(render_report(case, "en"))
    red = page.with_class("unfair")
    assert len(red) == len(unfair)
    assert all(a["title"].startswith("fair ") for a in red)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_is_self_contained(lang: Lang) -> None:
    page = page_of(lang)
    assert "http:" not in page
    assert "https:" not in page
    assert "//" not in page
    for needle in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import"):
        assert needle not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs
    assert all(h.startswith("#") for h in hrefs)
    assert "default-src 'none'" in page
    assert '<meta name="viewport"' in page


def test_the_page_is_in_the_leaders_language() -> None:
    page = page_of("zh")
    assert '<html lang="zh-CN">' in page
    assert "24小时值守" in page
    assert "B小区 3月2日 20:00–08:00 无人值守, 12 h" in page
    assert "缺1人" in page


def test_all_text_is_escaped() -> None:
    plan = report_plan()
    staff = (Staff(id="s1", name='<b>Bad & "bold"</b>', skills=("shop",)), *plan.staff[1:])
    index = PlanIndex(plan.model_copy(update={"staff": staff}))
    roster = roster_of(index, DUTIES)
    rules = all_rules()
    violations = check(roster, rules)
    page = render_report(
        Published(roster, violations, gaps(roster, violations, rules, "en"), rules), "en"
    )
    assert "<b>Bad" not in page
    assert "&lt;b&gt;Bad &amp; &quot;bold&quot;&lt;/b&gt;" in page


def test_written_atomically(tmp_path: Path) -> None:
    case = report_case()
    path = write_report_html(tmp_path / "report.html", case, "en")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# --------------------------------------------------------------------------- privacy


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_profile_name_or_absence_reason_leaks_into_any_output(
    tmp_path: Path, lang: Lang
) -> None:
    """A solved plan whose profile is "pregnant" and whose absence (which keeps someone off a
    post, so that it shows in the gaps' reasons) is for "heart surgery"."""
    plan = rich_plan()
    assert PROFILE in plan.profiles
    absences = tuple(a.model_copy(update={"reason": REASON}) for a in plan.absences)
    absences += (
        Absence(staff="s3", start=absences[0].start, end=absences[0].end, reason="chemotherapy"),
    )
    plan = plan.model_copy(update={"absences": absences})
    rules = all_rules()
    result = solve_checked(plan, rules)
    assert result.roster is not None
    violations = check(result.roster, rules)
    found = gaps(result.roster, violations, rules, lang)
    assert any("Five" in g.why for g in found)  # the absent person is named in a reason...

    written = write_roster_files(tmp_path, result.roster, found, lang)
    written += write_report_files(
        tmp_path, Published(result.roster, violations, found, rules, result), lang
    )
    assert sorted(p.name for p in written) == [
        "gaps.csv",
        "report.html",
        "roster.csv",
        "roster.xlsx",
    ]

    secrets = [*plan.profiles, REASON, "chemotherapy", "surgery"]
    texts = {p.name: p.read_text(encoding="utf-8-sig") for p in written if p.suffix != ".xlsx"}
    with zipfile.ZipFile(tmp_path / "roster.xlsx") as xlsx:  # every part, not only cells
        texts["roster.xlsx"] = " ".join(
            xlsx.read(name).decode("utf-8", "replace") for name in xlsx.namelist()
        )
    workbook = load_workbook(tmp_path / "roster.xlsx")
    cells = [
        str(v)
        for ws in workbook
        for row in ws.iter_rows(values_only=True)
        for v in row
        if v is not None
    ]
    texts["roster.xlsx cells"] = " ".join([*workbook.sheetnames, *cells])
    for name, text in texts.items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaks into {name}"  # ...never why
